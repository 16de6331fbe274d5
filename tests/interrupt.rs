//! Interrupted and killed builds leave nothing behind (issue 9, defect 7): SIGINT or SIGTERM
//! during a build or `tbuild run` removes every temporary file and directory and the process
//! dies of the signal; the work directories of killed builds are removed by the next build;
//! `tbuild run`'s program gets SIGINT itself, as under `go run`.

mod common;

use std::fs;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use common::tbuild;

const HELLO: &str = "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello\") }\n";
const SPIN: &str = "package main\n\nfunc main() {\n\tfor {\n\t}\n}\n";

/// Everything in `dir`, sorted.
fn list(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Starts tbuild with `args` in `dir`, with its own TMPDIR and no cache (so that the build
/// takes a while), in a process group of its own.
fn start(dir: &Path, tmp: &Path, args: &[&str]) -> Child {
    tbuild()
        .args(args)
        .current_dir(dir)
        .env("TMPDIR", tmp)
        .env("TBUILD_CACHE", "off")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .unwrap()
}

/// Waits for tbuild to end, then stops whatever is left of its process group.
fn wait(child: &mut Child, limit: Duration) -> ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(st) = child.try_wait().unwrap() {
            kill(-(child.id() as i32), libc::SIGKILL);
            return st;
        }
        if start.elapsed() > limit {
            kill(-(child.id() as i32), libc::SIGKILL);
            panic!("tbuild did not end in {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn kill(pid: i32, sig: libc::c_int) {
    // SAFETY: sends a signal to a process (or, negative, a process group) the test started.
    unsafe { libc::kill(pid, sig) };
}

/// Interrupts a build with `sig` once it has run `after`; retries sooner if the build was
/// done already. Returns the exit status of the interrupted build.
fn interrupt(dir: &Path, tmp: &Path, args: &[&str], sig: libc::c_int) -> ExitStatus {
    let mut after = Duration::from_millis(600);
    for _ in 0..5 {
        let mut child = start(dir, tmp, args);
        std::thread::sleep(after);
        kill(child.id() as i32, sig);
        let st = wait(&mut child, Duration::from_secs(60));
        if st.success() {
            // Finished before the signal: try again, earlier.
            after /= 2;
            for f in list(dir) {
                if !f.ends_with(".go") {
                    fs::remove_file(dir.join(f)).unwrap();
                }
            }
            continue;
        }
        return st;
    }
    panic!("the build always finished before the signal");
}

#[test]
fn an_interrupted_build_leaves_nothing() {
    let mut failures = Vec::new();
    for (args, sig) in [
        (&["-o", "out", "hello.go"][..], libc::SIGINT),
        (&["-o", "out", "hello.go"][..], libc::SIGTERM),
        (&["run", "hello.go"][..], libc::SIGINT),
        (&["run", "hello.go"][..], libc::SIGTERM),
    ] {
        let d = tempfile::tempdir().unwrap();
        let src = d.path().join("src");
        let tmp = d.path().join("tmp");
        fs::create_dir_all(&src).unwrap();
        fs::create_dir_all(&tmp).unwrap();
        fs::write(src.join("hello.go"), HELLO).unwrap();
        let st = interrupt(&src, &tmp, args, sig);
        let what = format!("tbuild {} interrupted by signal {sig}", args.join(" "));
        if st.signal() != Some(sig) {
            failures.push(format!("{what}: ended with {st}, not the signal"));
        }
        if !list(&tmp).is_empty() {
            failures.push(format!("{what}: left {:?} in TMPDIR", list(&tmp)));
        }
        if list(&src) != ["hello.go"] {
            failures.push(format!("{what}: left {:?} beside the source", list(&src)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Builds `src` with `tbuild run`, waits until its program runs (the work directory holds
/// the executable and tbuild has a child), and returns the tbuild process.
fn run_spinning(dir: &Path, tmp: &Path) -> Child {
    fs::write(dir.join("spin.go"), SPIN).unwrap();
    let mut child = start(dir, tmp, &["run", "spin.go"]);
    let start = Instant::now();
    let children = format!("/proc/{0}/task/{0}/children", child.id());
    loop {
        let running = fs::read_to_string(&children).is_ok_and(|s| !s.trim().is_empty());
        if running {
            return child;
        }
        if let Some(st) = child.try_wait().unwrap() {
            panic!("tbuild run ended early: {st}");
        }
        if start.elapsed() > Duration::from_secs(120) {
            kill(-(child.id() as i32), libc::SIGKILL);
            panic!("the program never ran");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn sigint_goes_to_the_program_of_tbuild_run() {
    let d = tempfile::tempdir().unwrap();
    let tmp = d.path().join("tmp");
    fs::create_dir_all(&tmp).unwrap();
    let mut child = run_spinning(d.path(), &tmp);
    assert_eq!(list(&tmp).len(), 1, "no work directory: {:?}", list(&tmp));
    // As a terminal's ^C: the whole process group. The program dies of it; tbuild reports
    // that, as a shell would (128 + 2), and removes its work directory.
    kill(-(child.id() as i32), libc::SIGINT);
    let st = wait(&mut child, Duration::from_secs(60));
    assert_eq!(st.code(), Some(130), "{st}");
    assert!(list(&tmp).is_empty(), "left {:?}", list(&tmp));
}

#[test]
fn sigterm_to_tbuild_run_removes_its_work_directory() {
    let d = tempfile::tempdir().unwrap();
    let tmp = d.path().join("tmp");
    fs::create_dir_all(&tmp).unwrap();
    let mut child = run_spinning(d.path(), &tmp);
    kill(child.id() as i32, libc::SIGTERM);
    // The program, left running as under go run, is stopped by `wait`.
    let st = wait(&mut child, Duration::from_secs(60));
    assert_eq!(st.signal(), Some(libc::SIGTERM), "{st}");
    assert!(list(&tmp).is_empty(), "left {:?}", list(&tmp));
}

#[test]
fn work_directories_of_dead_builds_are_removed() {
    let d = tempfile::tempdir().unwrap();
    let tmp = d.path().join("tmp");
    fs::create_dir_all(&tmp).unwrap();
    fs::write(d.path().join("hello.go"), HELLO).unwrap();
    let mut gone = Command::new("true").spawn().unwrap();
    let dead = gone.id();
    gone.wait().unwrap();
    let me = std::process::id();
    let stale = tmp.join(format!("tbuild-work-{dead}-Ab12Cd"));
    let live = tmp.join(format!("tbuild-work-{me}-Ef34Gh"));
    let kept = tmp.join("tbuild-work-9xY8zW");
    for w in [&stale, &live, &kept] {
        fs::create_dir_all(w.join("sub")).unwrap();
        fs::write(w.join("sub/main.o"), b"object").unwrap();
    }
    // tbuild run makes a work directory of its own, and first removes the dead ones.
    let o = tbuild()
        .args(["run", "hello.go"])
        .current_dir(d.path())
        .env("TMPDIR", &tmp)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        !stale.exists(),
        "the dead build's work directory is still there"
    );
    assert!(
        live.exists(),
        "a running build's work directory was removed"
    );
    assert!(kept.exists(), "a directory kept by -work was removed");
}
