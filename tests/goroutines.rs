//! The goroutine runtime's reports under the environment variables that change them, against
//! go: GOTRACEBACK (none, single, all, a number) for a panic in a goroutine and for a
//! deadlock, and GOMAXPROCS (unset, set, under `taskset -c 0`) as runtime.GOMAXPROCS reports
//! it. Each `tests/goroutines/NAME.go` is built by go and by tbuild in one directory, and
//! both binaries run with the same environment; stdout and exit status must be the same,
//! and stderr the same after `mask_traceback` (goroutine IDs other than 1, pc offsets,
//! argument lists).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

/// Builds NAME.go with go and tbuild in a fresh directory: (go's binary, tbuild's).
fn both(name: &str, dir: &Path) -> (PathBuf, PathBuf) {
    let src = root().join("tests/goroutines").join(format!("{name}.go"));
    let main = dir.join("main.go");
    std::fs::copy(&src, &main).unwrap();
    let go = dir.join("go_prog");
    go_build(&main, &go).unwrap_or_else(|e| panic!("go build {name}: {e}"));
    let tb = dir.join("tb_prog");
    let (_, err, code) = run(tbuild().arg("-o").arg(&tb).arg(&main));
    assert_eq!(code, 0, "tbuild {name}: {err}");
    (go, tb)
}

/// Runs `exe` with GOMAXPROCS=`procs` under `strace -f -o LOG` with the further strace
/// options `opts`: (stdout, stderr, status) and the text of strace's log.
fn strace(exe: &Path, opts: &[&str], procs: &str) -> ((String, String, i32), String) {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("strace.log");
    let mut wrap = vec!["strace", "-f", "-o", log.to_str().unwrap()];
    wrap.extend_from_slice(opts);
    let got = run_procs(exe, &wrap, procs);
    let text = std::fs::read_to_string(&log).unwrap();
    (got, text)
}

/// Builds NAME.go with tbuild alone, in dir.
fn tb_only(name: &str, dir: &Path) -> PathBuf {
    let src = root().join("tests/goroutines").join(format!("{name}.go"));
    let exe = dir.join(name);
    let (_, err, code) = run(tbuild().arg("-o").arg(&exe).arg(&src));
    assert_eq!(code, 0, "tbuild {name}: {err}");
    exe
}

/// Runs both binaries under `wrap` (a command prefix, or none) with the environment
/// variable `var` set to `val` (or removed when None) and compares them.
fn compare(name: &str, progs: &(PathBuf, PathBuf), wrap: &[&str], var: &str, val: Option<&str>) {
    let runit = |exe: &Path| {
        let mut cmd = wrapped(wrap, exe);
        cmd.env_remove("GOTRACEBACK").env_remove("GOMAXPROCS");
        if let Some(v) = val {
            cmd.env(var, v);
        }
        run(&mut cmd)
    };
    let (go_out, go_err, go_code) = runit(&progs.0);
    let (tb_out, tb_err, tb_code) = runit(&progs.1);
    let what = format!("{name} with {var}={val:?} under {wrap:?}");
    assert_eq!(tb_out, go_out, "{what}: stdout");
    assert_eq!(
        tb_code, go_code,
        "{what}: exit status; tbuild's stderr:\n{tb_err}"
    );
    assert_eq!(
        mask_traceback(&tb_err),
        mask_traceback(&go_err),
        "{what}: stderr\n--- tbuild:\n{tb_err}\n--- go:\n{go_err}"
    );
}

#[test]
fn gotraceback_levels_as_go() {
    if !have("go") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for name in ["panics", "deadlock"] {
        let d = dir.path().join(name);
        std::fs::create_dir(&d).unwrap();
        let progs = both(name, &d);
        for val in [
            None,
            Some("none"),
            Some("single"),
            Some("all"),
            Some("1"),
            Some("0"),
        ] {
            compare(name, &progs, &[], "GOTRACEBACK", val);
        }
    }
}

#[test]
fn gomaxprocs_as_go() {
    if !have("go") || !have("taskset") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let progs = both("procs", dir.path());
    for val in [None, Some("3"), Some("1"), Some("x")] {
        compare("procs", &progs, &[], "GOMAXPROCS", val);
        compare("procs", &progs, &["taskset", "-c", "0"], "GOMAXPROCS", val);
    }
}

/// Runs `exe` with GOMAXPROCS=`procs` (under `wrap`, a command prefix, if any).
fn run_procs(exe: &Path, wrap: &[&str], procs: &str) -> (String, String, i32) {
    let mut cmd = wrapped(wrap, exe);
    cmd.env("GOMAXPROCS", procs).env_remove("GOTRACEBACK");
    run(&mut cmd)
}

/// The command running `exe` under `wrap`, a command prefix (`taskset -c 0`), or alone.
fn wrapped(wrap: &[&str], exe: &Path) -> Command {
    match wrap.split_first() {
        Some((first, rest)) => {
            let mut c = Command::new(first);
            c.args(rest).arg(exe);
            c
        }
        None => Command::new(exe),
    }
}

#[test]
fn concurrent_map_writes_are_fatal_as_in_go() {
    if !have("go") {
        return;
    }
    // Both programs would run forever without the check: go's and tbuild's runtimes must
    // each stop them, with the same words and exit status (the traceback differs by
    // goroutine and by timing; its first goroutine line is compared).
    let dir = tempfile::tempdir().unwrap();
    let progs = both("mapwrites", dir.path());
    for exe in [&progs.0, &progs.1] {
        let (out, err, code) = run_procs(exe, &["timeout", "60"], "2");
        assert_eq!((out.as_str(), code), ("", 2), "{exe:?}: {err}");
        let first = err.lines().next().unwrap_or("");
        assert!(
            first == "fatal error: concurrent map writes"
                || first == "fatal error: concurrent map read and map write",
            "{exe:?}: {err}"
        );
        assert!(err.contains("\ngoroutine "), "{exe:?}: {err}");
        assert!(err.contains("main.main.func1"), "{exe:?}: {err}");
    }
}

#[test]
fn goroutines_run_on_threads_made_with_gos_clone_flags() {
    if !have("go") || !have("strace") {
        return;
    }
    // strace -f lists each thread's clone: tbuild's must use exactly go's flags, and with
    // four goroutines that wait for each other to run at once, GOMAXPROCS=4 must make
    // threads (go makes more: sysmon, and a template thread).
    let dir = tempfile::tempdir().unwrap();
    let progs = both("threads", dir.path());
    let clones = |exe: &Path| -> Vec<String> {
        let ((out, err, code), text) = strace(exe, &["-qq", "-e", "trace=clone"], "4");
        assert_eq!((out.as_str(), code), ("all running 4\n", 0), "{err}");
        text.lines()
            .filter(|l| l.contains("clone("))
            .map(|l| {
                // `flags=A|B, ...)`, or `flags=A|B <unfinished ...>` when another thread's
                // event came before the call returned.
                let flags = l.split("flags=").nth(1).unwrap_or("");
                flags
                    .split([',', ')', ' '])
                    .next()
                    .unwrap_or("")
                    .to_string()
            })
            .collect()
    };
    let go_flags = clones(&progs.0);
    let tb_flags = clones(&progs.1);
    assert!(
        !go_flags.is_empty() && !tb_flags.is_empty(),
        "{go_flags:?} {tb_flags:?}"
    );
    for f in &tb_flags {
        assert_eq!(f, &go_flags[0], "tbuild's clone flags against go's");
    }
    // On one CPU and one P the goroutines still all run (preemption and Gosched).
    let (out, err, code) = run_procs(&progs.1, &["taskset", "-c", "0"], "1");
    assert_eq!((out.as_str(), code), ("all running 1\n", 0), "{err}");
}

#[test]
fn an_idle_program_uses_no_cpu_and_sleeps_on_futexes() {
    if !have("go") || !have("strace") {
        return;
    }
    // Four goroutines sleep 500 ms while main waits on a channel: the threads must block in
    // the kernel (futex, nanosleep), not spin. strace -c counts the system calls of every
    // thread: a spinning runtime would make thousands. The output is go's.
    let dir = tempfile::tempdir().unwrap();
    let (go, exe) = both("idle", dir.path());
    let want = run_procs(&go, &[], "4");
    let ((out, err, code), text) = strace(&exe, &["-c"], "4");
    assert_eq!((out.as_str(), code), (want.0.as_str(), want.2), "{err}");
    let total: u64 = text
        .lines()
        .find(|l| l.trim_end().ends_with("total"))
        .and_then(|l| l.split_whitespace().nth(2))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no total in strace -c output:\n{text}"));
    assert!(
        total < 300,
        "{total} system calls for an idle program:\n{text}"
    );
    // And no CPU time to speak of: the kernel's count of the process's user and system
    // time, from /proc at its end, is read by GNU time when it is there.
    if have("/usr/bin/time") {
        let (_, err, code) = run_procs(&exe, &["/usr/bin/time", "-f", "cpu %U %S"], "4");
        assert_eq!(code, 0, "{err}");
        let line = err.lines().find(|l| l.starts_with("cpu ")).unwrap();
        let secs: f64 = line
            .split_whitespace()
            .skip(1)
            .map(|s| s.parse::<f64>().unwrap())
            .sum();
        assert!(secs < 0.1, "an idle program used {secs} s of CPU");
    }
}

#[test]
fn concurrency_corpus_under_every_gomaxprocs() {
    // The corpus's concurrency programs (their goldens are go's output) once more with
    // GOMAXPROCS 1, 3 and 8, and with 4 pinned to one CPU (taskset -c 0): a scheduler bug
    // that depends on the number of Ps or of CPUs shows up as a difference or a hang.
    let dir = tempfile::tempdir().unwrap();
    let corpus = root().join("tests/corpus");
    let mut names: Vec<String> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".src"))
        .filter(|n| {
            ["chan_", "go_", "select_", "gor_"]
                .iter()
                .any(|p| n.starts_with(p))
        })
        .collect();
    names.sort();
    assert!(names.len() > 20, "{names:?}");
    let pinned = have("taskset");
    for name in names {
        let stem = name.trim_end_matches(".src");
        let exe = dir.path().join(stem);
        let (_, err, code) = run(tbuild().arg("-o").arg(&exe).arg(corpus.join(&name)));
        assert_eq!(code, 0, "{name}: {err}");
        let want_out = std::fs::read_to_string(corpus.join(format!("{stem}.stdout"))).unwrap();
        let want_code: i32 = std::fs::read_to_string(corpus.join(format!("{stem}.exit")))
            .map(|s| s.trim().parse().unwrap())
            .unwrap_or(0);
        let mut runs: Vec<(&[&str], &str)> = vec![
            (&["timeout", "60"], "1"),
            (&["timeout", "60"], "3"),
            (&["timeout", "60"], "8"),
        ];
        if pinned {
            runs.push((&["timeout", "60", "taskset", "-c", "0"], "4"));
        }
        for (wrap, procs) in runs {
            let mut cmd = wrapped(wrap, &exe);
            cmd.current_dir(&corpus)
                .env("GOMAXPROCS", procs)
                .env_remove("GOTRACEBACK");
            let (out, err, code) = run(&mut cmd);
            assert_eq!(
                (out.as_str(), code),
                (want_out.as_str(), want_code),
                "{name} with GOMAXPROCS={procs} under {wrap:?}; stderr:\n{err}"
            );
        }
    }
}

#[test]
fn gdb_lists_the_threads_running_goroutines() {
    if !have("gdb") {
        return;
    }
    // Stopped at runtime.Breakpoint while four goroutines spin with GOMAXPROCS=4, gdb's
    // `info threads` lists m0 and the threads newosproc made, one per P at least (go also
    // has sysmon's). The session ends with kill (gdb 13 often fails when a process with
    // threads exits under it, go's as well: tests/gdb.rs). Stack growth faults and
    // preemption signals pass through (gdb would stop at each).
    let dir = tempfile::tempdir().unwrap();
    let exe = tb_only("gdbthreads", dir.path());
    let script = dir.path().join("session.gdb");
    std::fs::write(
        &script,
        "handle SIGSEGV nostop noprint pass\nhandle SIGURG nostop noprint pass\n\
         set environment GOMAXPROCS=4\nrun\ninfo threads\nkill\n",
    )
    .unwrap();
    let (out, err, code) = run(Command::new("timeout")
        .args(["120", "gdb", "-nx", "-batch", "-x"])
        .arg(&script)
        .arg(&exe));
    assert_eq!(code, 0, "gdb failed:\n{out}\n{err}");
    let threads = out
        .lines()
        .filter(|l| {
            l.trim_start()
                .trim_start_matches('*')
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
                && l.contains("LWP")
        })
        .count();
    assert!(
        threads >= 4,
        "{threads} threads in gdb's list:\n{out}\n{err}"
    );
    assert!(out.contains("SIGTRAP"), "{out}\n{err}");
}

#[test]
fn lockosthread_as_go() {
    if !have("go") || !have("strace") {
        return;
    }
    // Goroutines wired to threads exchange values with the others under several GOMAXPROCS
    // settings, as under go; a goroutine that exits wired ends its thread, which strace
    // shows as a thread's exit(0) (exit, not exit_group) in both programs.
    let dir = tempfile::tempdir().unwrap();
    let progs = both("locked", dir.path());
    for procs in ["1", "2", "4"] {
        compare(
            "locked",
            &progs,
            &["timeout", "60"],
            "GOMAXPROCS",
            Some(procs),
        );
    }
    for exe in [&progs.0, &progs.1] {
        let ((out, err, code), text) = strace(exe, &["-qq", "-e", "trace=exit"], "2");
        assert_eq!(code, 0, "{out}{err}");
        assert!(
            // `exit(0 <unfinished ...>` when another thread's event interleaves.
            text.lines().any(|l| l.contains(" exit(0")),
            "{exe:?}: no thread exited:\n{text}"
        );
    }
}

#[test]
fn clocks_are_read_through_the_vdso() {
    if !have("go") || !have("strace") {
        return;
    }
    // A loop of time.Now/time.Since for 50 ms makes no clock_gettime system call: the
    // runtime found __vdso_clock_gettime in the vDSO (vdso_linux.go), as Go's does. The
    // output is go's.
    let dir = tempfile::tempdir().unwrap();
    let (go, exe) = both("clock", dir.path());
    let want = run_procs(&go, &[], "1");
    let ((out, err, code), text) = strace(&exe, &["-qq", "-e", "trace=clock_gettime"], "1");
    assert_eq!((out.as_str(), code), (want.0.as_str(), want.2), "{err}");
    assert!(
        !text.contains("clock_gettime("),
        "system calls made:\n{text}"
    );
}

#[test]
fn a_goroutine_blocked_in_a_system_call_does_not_block_the_others() {
    if !have("go") {
        return;
    }
    // With GOMAXPROCS=1, a goroutine's write to a pipe that is read only after a second
    // blocks in the kernel; sysmon hands its P to another thread, and main goes on at
    // once, as under go.
    let dir = tempfile::tempdir().unwrap();
    let progs = both("blockwrite", dir.path());
    for exe in [&progs.0, &progs.1] {
        let (out, err, code) = run(Command::new("sh")
            .arg("-c")
            .arg(format!("'{}' | (sleep 1; wc -c)", exe.display()))
            .env("GOMAXPROCS", "1"));
        assert_eq!(
            (out.trim(), err.as_str(), code),
            (
                "1048576",
                "main ran while the write blocked: true\nwrite done: true\n",
                0
            ),
            "{exe:?}"
        );
    }
}

#[test]
fn a_goroutine_that_holds_its_p_without_using_cpu_is_preempted() {
    if !have("go") || !have("taskset") {
        return;
    }
    // Main stops the world again and again, waiting each time for a spinner's M on the one
    // CPU: it uses little CPU, so its M's CPU-time timer never fires, yet a goroutine waits
    // in its P's queue. sysmon preempts it after 10 ms of wall time, as go's does.
    let dir = tempfile::tempdir().unwrap();
    let progs = both("stopper", dir.path());
    compare(
        "stopper",
        &progs,
        &["taskset", "-c", "0"],
        "GOMAXPROCS",
        Some("2"),
    );
}
