//! The build cache under damage (issue 9, defect 1): a damaged, truncated or foreign entry,
//! or a FIFO or directory in an entry's place, must cost a rebuild and never change the
//! binary; the damaged entry is rewritten; the temporary files of killed builds are removed
//! by a later build; `TBUILD_CACHE=""` means the default location; entries unused for five
//! days are trimmed once a day, as go trims GOCACHE.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime};

use common::tbuild;

const HELLO: &str =
    "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello\", 42) }\n";

/// A directory with hello.go, a cache warmed by building it, and the binary that build made.
struct Warm {
    _dir: tempfile::TempDir,
    src: PathBuf,
    cache: PathBuf,
    exe: Vec<u8>,
}

fn warm() -> &'static Warm {
    static W: OnceLock<Warm> = OnceLock::new();
    W.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("hello.go");
        fs::write(&src, HELLO).unwrap();
        let cache = dir.path().join("cache");
        let out = dir.path().join("hello");
        build(&cache, &src, &out).unwrap();
        Warm {
            exe: fs::read(&out).unwrap(),
            src,
            cache,
            _dir: dir,
        }
    })
}

/// Runs `tbuild -o out src` with the cache in `cache`, failing after 120 s (a build that
/// waits on a FIFO never ends by itself).
fn build(cache: &Path, src: &Path, out: &Path) -> Result<(), String> {
    let mut child = tbuild()
        .arg("-o")
        .arg(out)
        .arg(src)
        .env("TBUILD_CACHE", cache)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(120) {
            child.kill().unwrap();
            child.wait().unwrap();
            return Err("tbuild did not finish in 120 s".into());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let o = child.wait_with_output().unwrap();
    if o.status.success() {
        Ok(())
    } else {
        Err(format!(
            "tbuild failed ({}): {}",
            o.status,
            String::from_utf8_lossy(&o.stderr)
        ))
    }
}

/// A copy of the warm cache, and its entries (name, bytes) sorted by name.
fn copy_cache(to: &Path) -> Vec<(String, Vec<u8>)> {
    fs::create_dir_all(to).unwrap();
    let mut entries = Vec::new();
    for e in fs::read_dir(&warm().cache).unwrap() {
        let e = e.unwrap();
        if e.file_name() == "trim.txt" {
            continue;
        }
        let bytes = fs::read(e.path()).unwrap();
        fs::write(to.join(e.file_name()), &bytes).unwrap();
        entries.push((e.file_name().into_string().unwrap(), bytes));
    }
    entries.sort();
    assert!(entries.len() >= 2, "the warm cache has {entries:?}");
    entries
}

#[test]
fn damaged_and_foreign_entries_are_rebuilt_and_rewritten() {
    let w = warm();
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("cache");
    let entries = copy_cache(&cache);
    let out = tmp.path().join("out");
    let mut failures = Vec::new();
    // One damage per case: a bit flipped at several places in every entry, a truncated
    // entry (a write cut short), an empty one, and one entry's bytes in another's place.
    let mut cases: Vec<(String, String, Vec<u8>)> = Vec::new();
    for (i, (name, bytes)) in entries.iter().enumerate() {
        for k in [1, 3, 5] {
            let mut b = bytes.clone();
            let at = b.len() * k / 7 + i;
            b[at] ^= 1 << ((k + i) % 8);
            cases.push((format!("bit flip at {at} of {name}"), name.clone(), b));
        }
    }
    let (first, bytes) = &entries[0];
    cases.push((
        format!("{first} truncated"),
        first.clone(),
        bytes[..bytes.len() / 2].to_vec(),
    ));
    cases.push((format!("{first} empty"), first.clone(), Vec::new()));
    let (second, other) = &entries[1];
    cases.push((
        format!("{second}'s bytes in place of {first}"),
        first.clone(),
        other.clone(),
    ));
    for (what, name, damaged) in cases {
        let path = cache.join(&name);
        fs::write(&path, &damaged).unwrap();
        let _ = fs::remove_file(&out);
        match build(&cache, &w.src, &out) {
            Err(e) => failures.push(format!("{what}: {e}")),
            Ok(()) => {
                if fs::read(&out).unwrap() != w.exe {
                    failures.push(format!("{what}: the binary differs from a clean build's"));
                }
                let good = &entries.iter().find(|(n, _)| *n == name).unwrap().1;
                if fs::read(&path).unwrap() != *good {
                    failures.push(format!("{what}: the entry was not rewritten"));
                    fs::write(&path, good).unwrap();
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_fifo_or_directory_in_place_of_an_entry_is_skipped() {
    let w = warm();
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("cache");
    let entries = copy_cache(&cache);
    let fifo = cache.join(&entries[0].0);
    fs::remove_file(&fifo).unwrap();
    let st = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(st.success());
    let dir = cache.join(&entries[1].0);
    fs::remove_file(&dir).unwrap();
    fs::create_dir(&dir).unwrap();
    let out = tmp.path().join("out");
    build(&cache, &w.src, &out).unwrap();
    assert!(fs::read(&out).unwrap() == w.exe, "the binary differs");
    // The FIFO is replaced by the rebuilt entry; the directory stays, skipped.
    assert_eq!(fs::read(&fifo).unwrap(), entries[0].1);
    assert!(dir.is_dir());
    // Nothing else was left in the cache but the record of its trim.
    let names: Vec<_> = fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n != "trim.txt")
        .collect();
    assert_eq!(names.len(), entries.len(), "{names:?}");
}

/// The pid of a process that has exited.
fn dead_pid() -> u32 {
    let mut c = Command::new("true").spawn().unwrap();
    let pid = c.id();
    c.wait().unwrap();
    pid
}

/// Sets a file's modification time `secs` seconds in the past.
fn age(path: &Path, secs: u64) {
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(SystemTime::now() - Duration::from_secs(secs))
        .unwrap();
}

fn modified_secs_ago(path: &Path) -> u64 {
    let m = fs::metadata(path).unwrap().modified().unwrap();
    m.elapsed().unwrap_or_default().as_secs()
}

/// Go's policy (cmd/go/internal/cache/cache.go Trim): once a day (trim.txt records when), a
/// build removes the entries nobody used for five days; a use refreshes an entry's mtime
/// when it is over an hour old. Other files in the directory are never trimmed.
#[test]
fn entries_unused_for_five_days_are_trimmed_once_a_day() {
    const DAY: u64 = 24 * 3600;
    let w = warm();
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("cache");
    let entries = copy_cache(&cache);
    // A six-day-old entry of another tbuild (no build here uses it), a two-day-old one, and a
    // file that is not an entry.
    let stale = cache.join("0123456789abcdef0123456789abcdef");
    let recent = cache.join("fedcba9876543210fedcba9876543210");
    let other = cache.join("README");
    for p in [&stale, &recent, &other] {
        fs::write(p, b"x").unwrap();
    }
    age(&stale, 6 * DAY);
    age(&recent, 2 * DAY);
    age(&other, 30 * DAY);
    // This build's own entries, last used three hours ago.
    let used = cache.join(&entries[0].0);
    for (name, _) in &entries {
        age(&cache.join(name), 3 * 3600);
    }
    build(&cache, &w.src, &tmp.path().join("out")).unwrap();
    assert!(!stale.exists(), "an entry unused for six days was kept");
    assert!(recent.exists(), "an entry used two days ago was trimmed");
    assert!(other.exists(), "a file that is not an entry was trimmed");
    assert!(cache.join("trim.txt").exists(), "the trim was not recorded");
    assert!(
        modified_secs_ago(&used) < 600,
        "using an entry did not refresh its mtime"
    );
    // Within a day of the last trim, nothing is trimmed.
    age(&recent, 6 * DAY);
    build(&cache, &w.src, &tmp.path().join("out")).unwrap();
    assert!(recent.exists(), "the cache was trimmed twice in a day");
    // A day later it is.
    let day_ago = SystemTime::now() - Duration::from_secs(DAY + 60);
    let secs = day_ago
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    fs::write(cache.join("trim.txt"), format!("{secs}\n")).unwrap();
    build(&cache, &w.src, &tmp.path().join("out")).unwrap();
    assert!(
        !recent.exists(),
        "the next day's trim kept a six-day-old entry"
    );
}

#[test]
fn temporary_files_of_killed_builds_are_removed() {
    let w = warm();
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("cache");
    let entries = copy_cache(&cache);
    let stem = &entries[0].0;
    let me = std::process::id();
    // A store by a process that is gone, and a store older than a day: both never finish.
    let dead = cache.join(format!("{stem}.{}.Ab12Cd.tmp", dead_pid()));
    let old = cache.join(format!("{stem}.{me}.Ef34Gh.tmp"));
    // A store in progress (this process runs) must be left alone.
    let live = cache.join(format!("{stem}.{me}.Ij56Kl.tmp"));
    for p in [&dead, &old, &live] {
        fs::write(p, b"partial").unwrap();
    }
    let two_days = SystemTime::now() - Duration::from_secs(2 * 24 * 3600);
    fs::File::options()
        .write(true)
        .open(&old)
        .unwrap()
        .set_modified(two_days)
        .unwrap();
    build(&cache, &w.src, &tmp.path().join("out")).unwrap();
    assert!(
        !dead.exists(),
        "the dead process's temporary file is still there"
    );
    assert!(!old.exists(), "the day-old temporary file is still there");
    assert!(live.exists(), "a live process's temporary file was removed");
}

#[test]
fn an_empty_tbuild_cache_means_the_default_location() {
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path().join("work");
    let xdg = tmp.path().join("xdg");
    fs::create_dir_all(&work).unwrap();
    fs::write(work.join("hello.go"), HELLO).unwrap();
    let o = tbuild()
        .args(["-o", "hello", "hello.go"])
        .current_dir(&work)
        .env("TBUILD_CACHE", "")
        .env("XDG_CACHE_HOME", &xdg)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut names: Vec<_> = fs::read_dir(&work)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["hello", "hello.go"],
        "the cache went to the current directory"
    );
    let cached = fs::read_dir(xdg.join("tbuild")).map_or(0, |d| d.count());
    assert!(cached >= 2, "no entries in $XDG_CACHE_HOME/tbuild");
}
