//! The runtime's own behaviour, seen from outside and compared with Go's: what `panic(v)`
//! prints for every kind of value, the `print`/`println` builtins on every type they take,
//! `os.Args` as built from the kernel's argv (with arguments and environments of every shape),
//! exit statuses, runtime.NumCPU, and the report of a fatal signal (SIGQUIT). Each program in
//! `tests/runtime/` is copied to `DIR/main.go` and built there by tbuild and by Go (so that
//! both record the same file names), into `DIR/t/prog` and `DIR/g/prog` (so that both see the
//! same argv[0] base name), and both are run with the same arguments and environment.
//!
//! A panic's report is compared through [`mask`]: addresses (`(main.T) 0xc000012345`, the
//! heap differs), and in the traceback the directories, `+0x` offsets and argument lists, which
//! legitimately differ (tests/examples.rs explains why).

mod common;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use common::*;

/// The two builds of one program: tbuild's and Go's.
struct Pair {
    _dir: tempfile::TempDir,
    tb: PathBuf,
    go: PathBuf,
}

fn build_pair(name: &str) -> Pair {
    let dir = tempfile::tempdir().unwrap();
    let main = dir.path().join("main.go");
    std::fs::copy(root().join("tests/runtime").join(name), &main).unwrap();
    let tb = dir.path().join("t/prog");
    let go = dir.path().join("g/prog");
    std::fs::create_dir_all(tb.parent().unwrap()).unwrap();
    std::fs::create_dir_all(go.parent().unwrap()).unwrap();
    let (_, err, code) = run(tbuild()
        .current_dir(dir.path())
        .arg("-o")
        .arg(&tb)
        .arg("main.go"));
    assert_eq!(code, 0, "tbuild {name}: {err}");
    go_build(&main, &go).unwrap_or_else(|e| panic!("{e}"));
    Pair { _dir: dir, tb, go }
}

/// Runs both builds with `args` (and `setup` applied to each command); returns their
/// (stdout, stderr, status).
fn run_both(
    pair: &Pair,
    args: &[&OsStr],
    setup: &dyn Fn(&mut Command),
) -> ((String, String, i32), (String, String, i32)) {
    let mut results = Vec::new();
    for exe in [&pair.tb, &pair.go] {
        let mut cmd = Command::new(exe);
        cmd.args(args);
        setup(&mut cmd);
        results.push(run_timeout(&mut cmd, Duration::from_secs(60)));
    }
    let go = results.pop().unwrap();
    let tb = results.pop().unwrap();
    (tb, go)
}

/// The cases of a program's `switch os.Args[1]`: every `case "NAME":` of its source.
fn cases(name: &str) -> Vec<String> {
    let src = std::fs::read_to_string(root().join("tests/runtime").join(name)).unwrap();
    src.lines()
        .filter_map(|l| l.trim().strip_prefix("case \""))
        .filter_map(|l| l.strip_suffix("\":"))
        .map(str::to_string)
        .collect()
}

/// `panic(v)` for every kind of value: basic types, named types of every basic kind (printed
/// `main.T(v)`, strings quoted), composite types (`(T) address`), errors and Stringers
/// (their method's result), nil, and a value fmt made of a recovered runtime error.
#[test]
fn panic_values_print_as_go() {
    if !have("go") {
        return;
    }
    let pair = build_pair("panics.src");
    let names = cases("panics.src");
    assert!(names.len() >= 60, "{names:?}");
    let mut failures = Vec::new();
    for name in &names {
        let (tb, go) = run_both(&pair, &[OsStr::new(name)], &|_| {});
        assert_eq!(go.2, 2, "{name}: Go's status\n{}", go.1);
        assert!(go.1.starts_with("panic: "), "{name}: Go said\n{}", go.1);
        if tb.0 != go.0 || tb.2 != go.2 || mask_traceback(&tb.1) != mask_traceback(&go.1) {
            failures.push(format!(
                "{name}: status {} (Go {})\n--- tbuild:\n{}--- Go:\n{}",
                tb.2, go.2, tb.1, go.1
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A panic of every kind at the bottom of recursions around the traceback's limit: Go walks
/// at most 100 frames, counting its runtime's frames above the program's, so it shows 99, 98
/// or 97 of the program's frames and never "...additional frames elided..." after a panic.
#[test]
fn deep_panic_tracebacks_stop_where_go_stops() {
    if !have("go") {
        return;
    }
    let pair = build_pair("deep_panics.src");
    let names = cases("deep_panics.src");
    let mut failures = Vec::new();
    for name in &names {
        for depth in ["0", "96", "97", "98", "99", "150"] {
            let args = [OsStr::new(name), OsStr::new(depth)];
            let (tb, go) = run_both(&pair, &args, &|_| {});
            assert_eq!(go.2, 2, "{name} {depth}: Go's status\n{}", go.1);
            if tb.0 != go.0 || tb.2 != go.2 || mask_traceback(&tb.1) != mask_traceback(&go.1) {
                failures.push(format!(
                    "{name} at depth {depth}: status {} (Go {})\n--- tbuild:\n{}--- Go:\n{}",
                    tb.2, go.2, tb.1, go.1
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A panic inside the Error or String method of a panic's value is the fatal error "panic
/// while printing panic value", with the new value or its type, and the signal line of a
/// fault. Go's traceback then shows its own runtime's frames, so only the report's first
/// lines and the status are compared.
#[test]
fn panic_in_a_panic_values_method_is_fatal_as_in_go() {
    if !have("go") {
        return;
    }
    let pair = build_pair("method_panics.src");
    let names = cases("method_panics.src");
    let head = |s: &str| -> Vec<String> {
        s.lines()
            .take_while(|l| !l.is_empty() && !l.starts_with("goroutine "))
            .map(mask_hex)
            .collect()
    };
    let mut failures = Vec::new();
    for name in &names {
        let (tb, go) = run_both(&pair, &[OsStr::new(name)], &|_| {});
        assert_eq!(go.2, 2, "{name}: Go's status\n{}", go.1);
        assert!(
            go.1.starts_with("fatal error: panic while printing panic value: "),
            "{name}: Go said\n{}",
            go.1
        );
        if tb.0 != go.0 || tb.2 != go.2 || head(&tb.1) != head(&go.1) {
            failures.push(format!(
                "{name}: status {} (Go {})\n--- tbuild:\n{}--- Go:\n{}",
                tb.2, go.2, tb.1, go.1
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// runtime.SetFinalizer's misuses are fatal errors in Go's words, with Go's status; the uses
/// Go accepts silently are accepted; and a deadlock report leaves out the finalizer
/// goroutine, as Go's does (compared whole, masked as for panics).
#[test]
fn set_finalizer_checks_as_go() {
    if !have("go") {
        return;
    }
    let pair = build_pair("finalizers.src");
    let names = cases("finalizers.src");
    assert!(names.len() >= 17, "{names:?}");
    let first = |s: &str| s.lines().next().unwrap_or("").to_string();
    let mut failures = Vec::new();
    for name in &names {
        let (tb, go) = run_both(&pair, &[OsStr::new(name)], &|_| {});
        let same = if name == "deadlock" {
            mask_traceback(&tb.1) == mask_traceback(&go.1)
        } else {
            first(&tb.1) == first(&go.1)
        };
        if tb.0 != go.0 || tb.2 != go.2 || !same {
            failures.push(format!(
                "{name}: status {} (Go {})\n--- tbuild:\n{}{}--- Go:\n{}{}",
                tb.2, go.2, tb.0, tb.1, go.0, go.1
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// print and println of integers, floats, booleans, strings and pointers: the same bytes as
/// Go's on standard error, in order with fmt's output on standard output.
#[test]
fn print_builtins_write_as_go() {
    if !have("go") {
        return;
    }
    let pair = build_pair("print.src");
    let (tb, go) = run_both(&pair, &[], &|_| {});
    assert_eq!(go.2, 0, "{}", go.1);
    assert_eq!(tb.2, go.2, "{}", tb.1);
    assert_eq!(tb.0, go.0, "stdout");
    let (tl, gl): (Vec<_>, Vec<_>) = (tb.1.lines().collect(), go.1.lines().collect());
    assert_eq!(tl.len(), gl.len(), "stderr line count");
    for (i, (t, g)) in tl.iter().zip(&gl).enumerate() {
        assert_eq!(t, g, "stderr line {}", i + 1);
    }
    assert_eq!(tb.1, go.1, "stderr");
}

/// String equality at every length up to 70 and every position of a difference (the
/// runtime's memequal): the same counts as Go's.
#[test]
fn string_equality_as_go() {
    if !have("go") {
        return;
    }
    let pair = build_pair("equal.src");
    let (tb, go) = run_both(&pair, &[], &|_| {});
    assert_eq!(go.2, 0, "{}", go.1);
    assert_eq!(tb, go);
}

/// runtime.NumCPU is the number of CPUs in the process's affinity mask at start-up, as Go
/// counts it (sched_getaffinity): both builds print the same count, unrestricted and under
/// `taskset -c 0`, where it is 1.
#[test]
fn num_cpu_counts_the_affinity_mask_as_go() {
    if !have("go") || !have("taskset") {
        return;
    }
    let pair = build_pair("numcpu.src");
    let (tb, go) = run_both(&pair, &[], &|_| {});
    assert_eq!(go.2, 0, "{}", go.1);
    assert_eq!(tb, go);
    for exe in [&pair.tb, &pair.go] {
        let pinned = run(Command::new("taskset").arg("-c").arg("0").arg(exe));
        assert_eq!(
            pinned,
            ("1\n".to_string(), String::new(), 0),
            "{}",
            exe.display()
        );
    }
}

/// os.Args from argv: no arguments, empty ones, thousands of them, a 100 KiB one, invalid
/// UTF-8, control characters; argv[0] set to "" or a relative name; an empty and a large
/// environment (the runtime walks past the environment to the auxiliary vector); and the
/// exit statuses of os.Exit (taken mod 256 by the kernel), of a panic and of returning.
#[test]
fn os_args_and_exit_statuses_as_go() {
    if !have("go") {
        return;
    }
    let pair = build_pair("args.src");
    let many: Vec<String> = (0..3000).map(|i| format!("arg{i}")).collect();
    let long = "x".repeat(100 << 10);
    let invalid = OsStr::from_bytes(b"\xff\xfe\x80 bytes \xc3");
    let mut runs: Vec<Vec<&OsStr>> = vec![
        vec![],
        vec![OsStr::new("one")],
        vec![OsStr::new(""), OsStr::new(""), OsStr::new("")],
        vec![
            OsStr::new("a b"),
            OsStr::new("héllo, 世界"),
            OsStr::new("tab\there"),
        ],
        vec![
            OsStr::new("new\nline"),
            OsStr::new("\"quoted\""),
            OsStr::new("\\"),
        ],
        vec![invalid, OsStr::new(&long)],
        many.iter().map(OsStr::new).collect(),
        vec![OsStr::new("panic")],
        vec![OsStr::new("exit"), OsStr::new("x")],
    ];
    let codes = [
        "0", "1", "2", "3", "42", "125", "255", "256", "257", "-1", "1000",
    ];
    for c in &codes {
        runs.push(vec![OsStr::new("exit"), OsStr::new(c)]);
    }
    let mut failures = Vec::new();
    let mut compare = |what: String, tb: (String, String, i32), go: (String, String, i32)| {
        if tb.0 != go.0 || tb.2 != go.2 || mask_traceback(&tb.1) != mask_traceback(&go.1) {
            failures.push(format!(
                "{what}: status {} (Go {})\n--- tbuild:\n{}{}--- Go:\n{}{}",
                tb.2, go.2, tb.0, tb.1, go.0, go.1
            ));
        }
    };
    for args in &runs {
        let (tb, go) = run_both(&pair, args, &|_| {});
        let what: Vec<_> = args.iter().take(4).map(|a| a.to_string_lossy()).collect();
        compare(format!("args {what:?} ({} in all)", args.len()), tb, go);
    }
    for arg0 in ["", "relative/name", "plain"] {
        let (tb, go) = run_both(&pair, &[OsStr::new("x")], &|c| {
            c.arg0(arg0);
        });
        compare(format!("argv[0] {arg0:?}"), tb, go);
    }
    let (tb, go) = run_both(&pair, &[OsStr::new("y")], &|c| {
        c.env_clear();
    });
    compare("an empty environment".into(), tb, go);
    let (tb, go) = run_both(&pair, &[OsStr::new("z")], &|c| {
        for i in 0..2000 {
            c.env(format!("TBUILD_TEST_VAR_{i}"), "v".repeat(100));
        }
    });
    compare("a large environment".into(), tb, go);
    let (tb, go) = run_both(&pair, &[OsStr::new("e")], &|c| {
        c.env("TBUILD_TEST_EMPTY", "")
            .env("TBUILD_TEST_EQ", "a=b==c")
            .env("TBUILD_TEST_VAR_7", "seven");
    });
    compare("os.Getenv, os.LookupEnv, os.Environ".into(), tb, go);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The lines of a fatal signal's report worth comparing: the signal's name, the `PC= m=
/// sigcode=` line (the PC masked), the first goroutine's header and its `main.*` frames'
/// names, and the names of the dumped registers (their values masked).
fn signal_report(stderr: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut goroutines = 0;
    for line in stderr.lines() {
        if line.starts_with("goroutine ") {
            goroutines += 1;
            if goroutines == 1 {
                out.push(line.to_string());
            }
        } else if goroutines == 0 && !line.is_empty() {
            out.push(mask_hex(line));
        } else if goroutines == 1 && line.starts_with("main.") {
            out.push(line[..line.find('(').unwrap_or(line.len())].to_string());
        } else if line.len() > 7
            && line.as_bytes()[1].is_ascii_lowercase()
            && line[7..].starts_with("0x")
        {
            out.push(mask_hex(line));
        }
    }
    out
}

/// Runs `exe`, waits for its "ready", sends SIGQUIT and returns (status, the report's lines
/// worth comparing, stderr). The signal must find the goroutine spinning, not still in the
/// write of "ready" (Go's report then says `[syscall]`), on the main thread: on a busy machine
/// that can take a while, so the run is tried again, with longer waits, until it does.
fn quit_report(exe: &std::path::Path) -> (Option<i32>, Vec<String>, String) {
    use std::io::{BufRead, BufReader, Read};
    let mut last = None;
    for wait in [300, 1000, 3000] {
        let mut child = Command::new(exe)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut ready = String::new();
        stdout.read_line(&mut ready).unwrap();
        assert_eq!(ready, "ready\n");
        std::thread::sleep(Duration::from_millis(wait));
        // The shell's kill builtin: no procps needed.
        let quit = format!("kill -QUIT {}", child.id());
        let (_, err, code) = run(Command::new("sh").args(["-c", &quit]));
        assert_eq!(code, 0, "kill: {err}");
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let status = child.wait().unwrap();
        let report = signal_report(&stderr);
        // Go's process may also take the signal on another of its threads (m=1...).
        let settled = report.get(1).is_some_and(|l| l == "PC=0x? m=0 sigcode=0")
            && report.get(2).is_some_and(|l| l == "goroutine 1 [running]:");
        last = Some((status.code(), report, stderr));
        if settled {
            break;
        }
    }
    last.unwrap()
}

/// SIGQUIT sent to a running program: Go prints `SIGQUIT: quit`, the PC and M, the
/// traceback of the goroutine that was running, the registers, and exits with status 2.
#[test]
fn sigquit_is_reported_as_go() {
    if !have("go") {
        return;
    }
    let pair = build_pair("spin.src");
    let mut reports = vec![quit_report(&pair.tb), quit_report(&pair.go)];
    let (go, tb) = (reports.pop().unwrap(), reports.pop().unwrap());
    assert_eq!(go.0, Some(2), "{}", go.2);
    assert_eq!(tb.0, go.0, "exit status\n{}", tb.2);
    assert_eq!(
        &tb.1[..2],
        ["SIGQUIT: quit", "PC=0x? m=0 sigcode=0"],
        "{}",
        tb.2
    );
    assert_eq!(tb.1, go.1, "--- tbuild:\n{}--- Go:\n{}", tb.2, go.2);
}
