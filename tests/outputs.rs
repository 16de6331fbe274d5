//! The files tbuild writes and reads, against Go's behaviour (issue 9, defects 8 and 9):
//! output modes follow the umask as Go's do; a FIFO, a device or a directory as a source
//! file is refused, not read forever; the executable is named after a non-UTF-8 file name
//! byte for byte; a source file without `.go` or `.src` is refused rather than replaced by
//! the executable; `-o /dev/null` and `-o DIR` do what they do for go build; a read-only
//! or full file system gets Go's error, naming the output; a build on one CPU finishes.

mod common;

use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{have, run, tbuild};

const HELLO: &str = "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello\") }\n";

/// Runs `prog args` in `dir` under `umask`; panics on failure.
fn under_umask(umask: u32, dir: &Path, prog: &Path, args: &[&str]) {
    let (_, err, code) = run(Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask:03o}; exec \"$0\" \"$@\""))
        .arg(prog)
        .args(args)
        .current_dir(dir)
        .env("GO111MODULE", "off")
        .env("GOCACHE", std::env::temp_dir().join("tbuild-test-gocache")));
    assert_eq!(
        code,
        0,
        "{} {args:?} under umask {umask:03o}: {err}",
        prog.display()
    );
}

fn mode(p: &Path) -> u32 {
    fs::metadata(p).unwrap().permissions().mode() & 0o7777
}

#[test]
fn output_modes_follow_the_umask_as_go_does() {
    if !have("go") {
        return;
    }
    let tbuild = Path::new(env!("CARGO_BIN_EXE_tbuild"));
    let go = Path::new("go");
    let mut failures = Vec::new();
    for umask in [0o022, 0o077, 0o002, 0o000, 0o027] {
        let d = tempfile::tempdir().unwrap();
        let dir = d.path();
        fs::write(dir.join("main.go"), HELLO).unwrap();
        fs::write(dir.join("f.s"), "TEXT ·f(SB), 4, $0-0\n\tRET\n").unwrap();
        under_umask(umask, dir, go, &["build", "-o", "go-exe", "main.go"]);
        under_umask(
            umask,
            dir,
            go,
            &["tool", "compile", "-o", "go.o", "main.go"],
        );
        under_umask(umask, dir, tbuild, &["-o", "exe", "main.go"]);
        under_umask(umask, dir, tbuild, &["-c", "-o", "c.o", "main.go"]);
        under_umask(
            umask,
            dir,
            tbuild,
            &["tool", "compile", "-o", "t.o", "main.go"],
        );
        under_umask(umask, dir, tbuild, &["tool", "asm", "-o", "a.o", "f.s"]);
        let exe = mode(&dir.join("go-exe"));
        let obj = mode(&dir.join("go.o"));
        // Go's own rule, checked here so that the comparison cannot pass vacuously.
        assert_eq!(exe, 0o777 & !umask, "go build under umask {umask:03o}");
        assert_eq!(
            obj,
            0o666 & !umask,
            "go tool compile under umask {umask:03o}"
        );
        for (file, want) in [("exe", exe), ("c.o", obj), ("t.o", obj), ("a.o", obj)] {
            let got = mode(&dir.join(file));
            if got != want {
                failures.push(format!(
                    "umask {umask:03o}: {file} is {got:03o}, Go's would be {want:03o}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Runs tbuild with `args` in `dir`, failing after 60 s: (stderr, exit code).
fn tbuild_in(dir: &Path, args: &[&str]) -> (String, i32) {
    let mut child = tbuild()
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("tbuild {args:?} did not end in 60 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let o = child.wait_with_output().unwrap();
    (
        String::from_utf8_lossy(&o.stderr).into_owned(),
        o.status.code().unwrap_or(-1),
    )
}

/// go build with `args` in `dir`: (stderr, exit code).
fn go_in(dir: &Path, args: &[&str]) -> (String, i32) {
    let (_, err, code) = run(Command::new("go")
        .args(args)
        .current_dir(dir)
        .env("GO111MODULE", "off")
        .env("GOCACHE", std::env::temp_dir().join("tbuild-test-gocache")));
    (err, code)
}

#[test]
fn source_files_that_are_not_regular_are_refused() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    fs::write(dir.join("main.go"), HELLO).unwrap();
    assert!(Command::new("mkfifo")
        .arg(dir.join("fifo.go"))
        .status()
        .unwrap()
        .success());
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.go")).unwrap();
    fs::create_dir(dir.join("dir.go")).unwrap();
    let mut failures = Vec::new();
    for (file, want) in [
        (
            "fifo.go",
            "fifo.go is not a regular file, should be a Go file",
        ),
        (
            "zero.go",
            "zero.go is not a regular file, should be a Go file",
        ),
        ("dir.go", "dir.go is a directory, should be a Go file"),
    ] {
        for args in [
            &["main.go", file][..],
            &["run", file],
            &["tool", "compile", file],
        ] {
            let (err, code) = tbuild_in(dir, args);
            if code != 1 || !err.contains(want) {
                failures.push(format!(
                    "tbuild {args:?}: exit {code}, {err:?}; want {want:?}"
                ));
            }
        }
    }
    // Go's own words for a directory.
    if have("go") {
        let (err, code) = go_in(dir, &["build", "main.go", "dir.go"]);
        assert_eq!(code, 1);
        assert!(
            err.contains("dir.go is a directory, should be a Go file"),
            "{err}"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn executables_are_named_as_go_names_them() {
    if !have("go") {
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    // A file name that is not UTF-8, and one with two dots.
    let names: [&[u8]; 2] = [b"pr\xffog.go", b"a.b.go"];
    for name in names {
        let name = std::ffi::OsStr::from_bytes(name);
        let (gd, td) = (d.path().join("go"), d.path().join("tbuild"));
        for x in [&gd, &td] {
            let _ = fs::remove_dir_all(x);
            fs::create_dir_all(x).unwrap();
            fs::write(x.join(name), HELLO).unwrap();
        }
        let (err, code) = go_in(&gd, &["build", name.to_str().unwrap_or("pr\u{fffd}og.go")]);
        if code != 0 {
            // go takes the name from its argv; pass the raw bytes instead.
            let (_, err2, code2) = run(Command::new("go")
                .arg("build")
                .arg(name)
                .current_dir(&gd)
                .env("GO111MODULE", "off")
                .env("GOCACHE", std::env::temp_dir().join("tbuild-test-gocache")));
            assert_eq!(code2, 0, "go build {name:?}: {err}{err2}");
        }
        let o = tbuild().arg(name).current_dir(&td).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let list = |x: &Path| {
            let mut v: Vec<_> = fs::read_dir(x)
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            v.sort();
            v
        };
        if list(&gd) != list(&td) {
            failures.push(format!(
                "{name:?}: go made {:?}, tbuild {:?}",
                list(&gd),
                list(&td)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_source_file_is_never_replaced_by_the_executable() {
    let d = tempfile::tempdir().unwrap();
    fs::write(d.path().join("prog"), HELLO).unwrap();
    let (err, code) = tbuild_in(d.path(), &["prog"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("named files must be .go or .src files: prog"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(d.path().join("prog")).unwrap(), HELLO);
}

#[test]
fn dev_null_and_directories_as_outputs_are_go_builds() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    fs::write(dir.join("main.go"), HELLO).unwrap();
    // -o /dev/null builds and writes nothing, and /dev/null stays a device. Never tried on
    // the machine's own /dev/null (a tbuild that renamed its output over it, as tbuild did,
    // would break every other program): in a mount namespace of its own, with a tmpfs on
    // /dev holding a fresh null device.
    if have("unshare") {
        let script = "mount -t tmpfs -o size=64k tmpfs /dev && mknod -m 666 /dev/null c 1 3 \
                      || exit 99; \"$0\" \"$@\"; code=$?; \
                      [ -c /dev/null ] || echo REPLACED >&2; exit $code";
        let (_, err, code) = run(Command::new("unshare")
            .args(["-m", "sh", "-c", script, env!("CARGO_BIN_EXE_tbuild")])
            .args(["-o", "/dev/null", "main.go"])
            .current_dir(dir));
        if code == 99 {
            assert!(std::env::var("CI").is_err(), "cannot mount a tmpfs in CI");
            eprintln!("skipping -o /dev/null: cannot mount a tmpfs here");
        } else {
            assert_eq!(code, 0, "{err}");
            assert!(!err.contains("REPLACED"), "-o /dev/null replaced /dev/null");
        }
    }
    // -o DIR writes DIR/main.
    fs::create_dir(dir.join("bin")).unwrap();
    let (err, code) = tbuild_in(dir, &["-o", "bin", "main.go"]);
    assert_eq!(code, 0, "{err}");
    assert!(dir.join("bin/main").is_file());
    // The default output may not be a directory.
    fs::create_dir(dir.join("main")).unwrap();
    let (err, code) = tbuild_in(dir, &["main.go"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("build output \"main\" already exists and is a directory"),
        "{err}"
    );
    if have("go") {
        let (gerr, gcode) = go_in(dir, &["build", "main.go"]);
        assert_eq!(gcode, 1);
        assert!(gerr.contains("build output \"main\" already exists and is a directory"));
    }
}

/// Runs `prog args` in `dir` with a small tmpfs mounted on `dir/m` (read-only, or 64 KiB),
/// in a mount namespace of its own, so that the mount goes with the process: (stderr, code,
/// what was left in the mount).
fn on_small_fs(dir: &Path, ro: bool, prog: &str, args: &[&str]) -> (String, i32, String) {
    let opts = if ro { "ro,size=64k" } else { "size=64k" };
    let script = format!(
        "mkdir -p m && mount -t tmpfs -o {opts} tmpfs m || exit 99; \
         \"$0\" \"$@\"; code=$?; echo \"LEFT:$(ls -A m)\" >&2; exit $code"
    );
    let (_, err, code) = run(Command::new("unshare")
        .args(["-m", "sh", "-c", &script, prog])
        .args(args)
        .current_dir(dir)
        .env("GO111MODULE", "off")
        .env("GOCACHE", std::env::temp_dir().join("tbuild-test-gocache")));
    let (err, left) = err.split_once("LEFT:").unwrap_or((&err, ""));
    (err.to_string(), code, left.trim().to_string())
}

#[test]
fn read_only_and_full_file_systems_name_the_output() {
    if !have("unshare") {
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    fs::write(dir.join("main.go"), HELLO).unwrap();
    let tb = env!("CARGO_BIN_EXE_tbuild");
    let (_, code, _) = on_small_fs(dir, false, "true", &[]);
    if code == 99 {
        // Mounting needs CAP_SYS_ADMIN; CI runs as root.
        assert!(std::env::var("CI").is_err(), "cannot mount a tmpfs in CI");
        eprintln!("skipping: cannot mount a tmpfs here");
        return;
    }
    let mut failures = Vec::new();
    for (ro, want) in [
        (true, "open m/main: read-only file system"),
        (false, "write m/main: no space left on device"),
    ] {
        let (err, code, left) = on_small_fs(dir, ro, tb, &["-o", "m/main", "main.go"]);
        if code != 1 || !err.contains(want) || err.contains(".tbuild") {
            failures.push(format!("tbuild: exit {code}, {err:?}; want {want:?}"));
        }
        if !left.is_empty() {
            failures.push(format!("tbuild left {left:?} on the file system"));
        }
        if have("go") {
            let (gerr, gcode, _) =
                on_small_fs(dir, ro, "go", &["build", "-o", "m/main", "main.go"]);
            if gcode != 1 || !gerr.contains(want) {
                failures.push(format!("go: exit {gcode}, {gerr:?}; want {want:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A build killed outright (SIGKILL) while writing its output leaves `.tbuild-PID-N` beside
/// it; the next build into that directory removes it once its process is gone and it is
/// over a minute old, and leaves every other file alone.
#[test]
fn temporaries_of_killed_builds_are_removed_by_the_next_build() {
    let d = tempfile::tempdir().unwrap();
    fs::write(d.path().join("main.go"), HELLO).unwrap();
    // A pid that no longer runs: a child that has exited and been reaped.
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let alive = std::process::id();
    let names = [
        (format!(".tbuild-{dead}-0"), true, false),
        (format!(".tbuild-{dead}-1"), false, true), // too recent
        (format!(".tbuild-{alive}-0"), true, true), // its process runs
        (format!(".tbuild-{dead}-x"), true, true),  // not our name
        (format!("tbuild-{dead}-0"), true, true),
    ];
    for (name, aged, _) in &names {
        let p = d.path().join(name);
        fs::write(&p, "partial").unwrap();
        if *aged {
            let ok = std::process::Command::new("touch")
                .args(["-d", "2 minutes ago"])
                .arg(&p)
                .status()
                .unwrap()
                .success();
            assert!(ok);
        }
    }
    let (err, code) = tbuild_in(d.path(), &["-o", "prog", "main.go"]);
    assert_eq!(code, 0, "{err}");
    for (name, _, kept) in &names {
        assert_eq!(d.path().join(name).exists(), *kept, "{name}");
    }
}

#[test]
fn an_output_is_replaced_whole_and_leaves_nothing_beside_it() {
    // An existing executable is exchanged with the new one and then removed (files.rs
    // `replace`); a symbolic link as the output is replaced by the file, as a rename does
    // and as go build does.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("main.go"), HELLO).unwrap();
    let (err, code) = tbuild_in(d, &["-o", "prog", "main.go"]);
    assert_eq!(code, 0, "{err}");
    let other = HELLO.replace("hello", "again");
    fs::write(d.join("main.go"), &other).unwrap();
    // A hard link to the old output keeps the old program: the output is a new file.
    fs::hard_link(d.join("prog"), d.join("old")).unwrap();
    let (err, code) = tbuild_in(d, &["-o", "prog", "main.go"]);
    assert_eq!(code, 0, "{err}");
    let (out, _, code) = run(&mut Command::new(d.join("prog")));
    assert_eq!((out.as_str(), code), ("again\n", 0));
    let (out, _, code) = run(&mut Command::new(d.join("old")));
    assert_eq!((out.as_str(), code), ("hello\n", 0));
    let mut names: Vec<String> = fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["main.go", "old", "prog"]);
    // A symbolic link named as the output becomes the executable; its target is untouched.
    std::os::unix::fs::symlink("old", d.join("link")).unwrap();
    let (err, code) = tbuild_in(d, &["-o", "link", "main.go"]);
    assert_eq!(code, 0, "{err}");
    assert!(fs::symlink_metadata(d.join("link")).unwrap().is_file());
    let (out, _, _) = run(&mut Command::new(d.join("old")));
    assert_eq!(out, "hello\n");
    // go build does the same with both: the hard link keeps the old program, the symbolic
    // link is replaced by the file.
    if have("go") {
        fs::write(d.join("main.go"), HELLO).unwrap();
        let (err, code) = go_in(d, &["build", "-o", "gprog", "main.go"]);
        assert_eq!(code, 0, "{err}");
        fs::hard_link(d.join("gprog"), d.join("gold")).unwrap();
        std::os::unix::fs::symlink("gold", d.join("glink")).unwrap();
        fs::write(d.join("main.go"), &other).unwrap();
        for out in ["gprog", "glink"] {
            let (err, code) = go_in(d, &["build", "-o", out, "main.go"]);
            assert_eq!(code, 0, "{err}");
            let (got, _, _) = run(&mut Command::new(d.join(out)));
            assert_eq!(got, "again\n", "go build -o {out}");
        }
        assert!(fs::symlink_metadata(d.join("glink")).unwrap().is_file());
        let (out, _, _) = run(&mut Command::new(d.join("gold")));
        assert_eq!(out, "hello\n");
    }
}

/// A build on one CPU, where the linker has no helper thread: the output is written (its
/// writer waits for the hash, computed first) and runs. A tbuild that offered the write to
/// a helper it did not have hung here.
#[test]
fn a_build_on_one_cpu_finishes() {
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("main.go"), HELLO).unwrap();
    let mut cmd = tbuild();
    cmd.args(["-o", "prog", "main.go"]).current_dir(d);
    // SAFETY: sched_setaffinity on the child itself, between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            let mut set: libc::cpu_set_t = std::mem::zeroed();
            libc::CPU_SET(0, &mut set);
            if libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = cmd.stderr(Stdio::piped()).spawn().unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("tbuild on one CPU did not finish in 120 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        use std::io::Read;
        let _ = e.read_to_string(&mut err);
    }
    assert!(status.success(), "{status}: {err}");
    let (out, _, _) = run(&mut Command::new(d.join("prog")));
    assert_eq!(out, "hello\n");
}
