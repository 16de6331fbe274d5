//! Signals become Go's errors: each program in `tests/signals/` is built with tbuild and with Go
//! (the oracle) and run, and the reports are compared — the panic or fatal-error lines, the
//! `[signal ...]` line with its pc and addresses masked, the `goroutine 1 [running]:` header,
//! the user frames (function names, and file:line where both print them) and the exit status.
//!
//! - `nilptr.go`: a nil dereference (SIGSEGV at 0) is `panic: runtime error: invalid memory
//!   address or nil pointer dereference`.
//! - `fault.go`: a fault at 0xdeadbeef is `unexpected fault address` + `fatal error: fault`.
//! - `fpe/`: a hardware IDIV by zero in assembly (SIGFPE) is `integer divide by zero`; the
//!   assembly differs (Go's ABI0 in `go/`, the tbuild ABI in `tbuild/`), so tbuild's binary is
//!   linked by hand from `tbuild -work` objects with `tbuild tool compile|asm|link`.
//! - `deep.go`: recursion 500,000 deep runs as under Go (same output).
//! - `overflow.go`: unbounded recursion ends in Go's stack-overflow report, exit status 2.
//! - `sigpipe.go`: a broken pipe is EPIPE, but on stdout it ends the program by SIGPIPE.
//! - `inherited.go` (and the corpus programs `os_signal`, `signal_defaults`): package
//!   os/signal, and the dispositions a Go program starts with, to the signal it dies of.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::*;

fn fixture(name: &str) -> PathBuf {
    root().join("tests/signals").join(name)
}

/// Runs an executable with a time limit: (stdout, stderr, status).
fn exec(exe: &Path) -> (String, String, i32) {
    run_timeout(&mut Command::new(exe), Duration::from_secs(120))
}

/// Builds `src` with tbuild as `main.go` in a fresh directory (the name Go's run uses too, so
/// that file:line compare) and runs it.
fn tbuild_run(src: &Path) -> (String, String, i32) {
    let dir = tempfile::tempdir().unwrap();
    let main = dir.path().join("main.go");
    fs::copy(src, &main).unwrap();
    let exe = build(&main, dir.path());
    exec(&exe)
}

/// One goroutine's report: the lines before the first goroutine header or `runtime stack:`,
/// the header, and the frames as (function name, `file:line` with the directory dropped).
#[derive(Debug, PartialEq)]
struct Report {
    head: Vec<String>,
    header: Option<String>,
    frames: Vec<(String, Option<String>)>,
    elided: bool,
}

/// Replaces the hex digits after each of the prefixes `keys` (`"pc=0x"`) with `?`.
fn mask(line: &str, keys: &[&str]) -> String {
    let mut out = String::new();
    let mut rest = line;
    'outer: while !rest.is_empty() {
        for key in keys {
            if let Some(tail) = rest.strip_prefix(key) {
                out.push_str(key);
                out.push('?');
                rest = tail.trim_start_matches(|c: char| c.is_ascii_hexdigit());
                continue 'outer;
            }
        }
        let c = rest.chars().next().unwrap();
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn parse(stderr: &str, keys: &[&str]) -> Report {
    let lines: Vec<&str> = stderr.lines().collect();
    let mut i = 0;
    let mut head = Vec::new();
    while i < lines.len() && !lines[i].starts_with("goroutine ") && lines[i] != "runtime stack:" {
        if !lines[i].is_empty() {
            head.push(mask(lines[i], keys));
        }
        i += 1;
    }
    // Skip the signal stack's frames (`runtime stack:`): they are runtime internals.
    while i < lines.len() && !lines[i].starts_with("goroutine ") {
        i += 1;
    }
    let header = lines.get(i).map(|s| s.to_string());
    i += 1;
    let mut frames = Vec::new();
    let mut elided = false;
    while i < lines.len() && !lines[i].is_empty() {
        let l = lines[i];
        i += 1;
        if l == "...additional frames elided..." {
            elided = true;
            continue;
        }
        if l.starts_with('\t') {
            continue;
        }
        let name = l.split('(').next().unwrap_or(l).to_string();
        let pos = lines
            .get(i)
            .filter(|n| n.starts_with('\t'))
            .and_then(|n| n.trim_start().split(' ').next())
            .map(|p| p.rsplit('/').next().unwrap_or(p).to_string())
            .filter(|p| !p.starts_with("?:")); // no line table for the function
        frames.push((name, pos));
    }
    Report {
        head,
        header,
        frames,
        elided,
    }
}

/// The frames of package main (the runtime frames each toolchain shows differ).
fn user_frames(r: &Report) -> Vec<(String, Option<String>)> {
    r.frames
        .iter()
        .filter(|(n, _)| n.starts_with("main."))
        .cloned()
        .collect()
}

/// Compares the user frames: names always, file:line when tbuild prints positions.
fn assert_frames(what: &str, tb: &Report, go: &Report) {
    let (t, g) = (user_frames(tb), user_frames(go));
    let names = |v: &[(String, Option<String>)]| v.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(names(&t), names(&g), "{what}: frames differ");
    if t.iter().all(|f| f.1.is_some()) {
        assert_eq!(t, g, "{what}: frame positions differ");
    }
}

#[test]
fn nil_dereference_panics_as_go() {
    let src = fixture("nilptr.go");
    let (out, err, code) = tbuild_run(&src);
    assert_eq!(out, "", "{err}");
    assert_eq!(code, 2, "{err}");
    let tb = parse(&err, &["pc=0x"]);
    assert_eq!(
        tb.head,
        [
            "before",
            "panic: runtime error: invalid memory address or nil pointer dereference",
            "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x?]",
        ],
        "{err}"
    );
    assert_eq!(
        tb.header.as_deref(),
        Some("goroutine 1 [running]:"),
        "{err}"
    );
    assert_eq!(
        user_frames(&tb).first().map(|f| f.0.as_str()),
        Some("main.norm"),
        "the faulting function is the first frame:\n{err}"
    );
    if have("go") {
        let (gout, gerr, gcode) = go_run(&src);
        assert_eq!((out.as_str(), code), (gout.as_str(), gcode));
        let go = parse(&gerr, &["pc=0x"]);
        assert_eq!(tb.head, go.head, "tbuild:\n{err}\nGo:\n{gerr}");
        assert_eq!(tb.header, go.header);
        assert_frames("nilptr", &tb, &go);
    }
}

#[test]
fn fault_at_a_wild_address_is_a_fatal_error_as_go() {
    let src = fixture("fault.go");
    let (_, err, code) = tbuild_run(&src);
    assert_eq!(code, 2, "{err}");
    let tb = parse(&err, &["pc=0x"]);
    assert_eq!(
        tb.head,
        [
            "unexpected fault address 0xdeadbeef",
            "fatal error: fault",
            "[signal SIGSEGV: segmentation violation code=0x1 addr=0xdeadbeef pc=0x?]",
        ],
        "{err}"
    );
    assert_eq!(
        tb.header.as_deref(),
        Some("goroutine 1 [running]:"),
        "{err}"
    );
    if have("go") {
        let (_, gerr, gcode) = go_run(&src);
        assert_eq!(code, gcode);
        let go = parse(&gerr, &["pc=0x"]);
        assert_eq!(tb.head, go.head, "tbuild:\n{err}\nGo:\n{gerr}");
        assert_eq!(tb.header, go.header);
        assert_frames("fault", &tb, &go);
    }
}

/// Links fpe/ with tbuild: the runtime's objects from a `-work` build of hello, main.go
/// compiled and the tbuild-ABI assembly assembled by the single-stage tools.
fn tbuild_fpe(dir: &Path) -> PathBuf {
    let hello = root().join("examples/hello.src");
    let (_, err, code) = run(tbuild()
        .arg("-work")
        .arg("-o")
        .arg(dir.join("hello"))
        .arg(&hello));
    assert_eq!(code, 0, "{err}");
    let work = PathBuf::from(
        err.lines()
            .find_map(|l| l.strip_prefix("WORK="))
            .expect("tbuild -work prints WORK="),
    );
    let mut objs: Vec<PathBuf> = fs::read_dir(&work)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "o") && !p.ends_with("main.o"))
        .collect();
    objs.sort();
    for o in &objs {
        fs::copy(o, dir.join(o.file_name().unwrap())).unwrap();
    }
    fs::remove_dir_all(&work).unwrap();
    let objs: Vec<PathBuf> = objs
        .iter()
        .map(|o| dir.join(o.file_name().unwrap()))
        .collect();

    let main = dir.join("main.go");
    fs::copy(fixture("fpe/main.go"), &main).unwrap();
    let mut compile = tbuild();
    compile
        .args(["tool", "compile", "-p", "main", "-o"])
        .arg(dir.join("main.o"))
        .arg(&main);
    let mut asm = tbuild();
    asm.args(["tool", "asm", "-o"])
        .arg(dir.join("div.o"))
        .arg(fixture("fpe/tbuild/div_amd64.s"));
    let mut link = tbuild();
    link.args(["tool", "link", "-o"])
        .arg(dir.join("prog"))
        .args(&objs)
        .arg(dir.join("main.o"))
        .arg(dir.join("div.o"));
    for cmd in [&mut compile, &mut asm, &mut link] {
        let (_, err, code) = run(cmd);
        assert_eq!(code, 0, "{err}");
    }
    dir.join("prog")
}

/// Builds fpe/ with Go: main.go and the ABI0 assembly in one module directory.
fn go_fpe(dir: &Path) -> PathBuf {
    fs::copy(fixture("fpe/main.go"), dir.join("main.go")).unwrap();
    fs::copy(fixture("fpe/go/div_amd64.s"), dir.join("div_amd64.s")).unwrap();
    fs::write(dir.join("go.mod"), "module fpe\n\ngo 1.19\n").unwrap();
    let (_, err, code) = run(Command::new("go")
        .args(["build", "-o", "prog", "."])
        .current_dir(dir)
        .env("GOFLAGS", "-mod=mod")
        .env("GOPROXY", "off")
        .env("GOCACHE", std::env::temp_dir().join("tbuild-test-gocache")));
    assert_eq!(code, 0, "go build failed:\n{err}");
    dir.join("prog")
}

#[test]
fn division_trap_panics_as_go() {
    let dir = tempfile::tempdir().unwrap();
    let (out, err, code) = exec(&tbuild_fpe(dir.path()));
    assert_eq!(out, "", "{err}");
    assert_eq!(code, 2, "{err}");
    let keys = ["pc=0x", "addr=0x"];
    let tb = parse(&err, &keys);
    assert_eq!(
        tb.head,
        [
            "3",
            "panic: runtime error: integer divide by zero",
            "[signal SIGFPE: floating-point exception code=0x1 addr=0x? pc=0x?]",
        ],
        "{err}"
    );
    assert_eq!(
        tb.header.as_deref(),
        Some("goroutine 1 [running]:"),
        "{err}"
    );
    assert_eq!(
        user_frames(&tb).first().map(|f| f.0.as_str()),
        Some("main.div"),
        "{err}"
    );
    if have("go") {
        let gdir = tempfile::tempdir().unwrap();
        let (gout, gerr, gcode) = exec(&go_fpe(gdir.path()));
        assert_eq!((out.as_str(), code), (gout.as_str(), gcode));
        let go = parse(&gerr, &keys);
        assert_eq!(tb.head, go.head, "tbuild:\n{err}\nGo:\n{gerr}");
        assert_eq!(tb.header, go.header);
        // The first frame: the assembly function that trapped. (Its caller is reached by
        // frame pointers, which a frameless assembly function does not push.)
        assert_eq!(user_frames(&tb)[0].0, user_frames(&go)[0].0);
    }
}

#[test]
fn deep_recursion_runs_as_under_go() {
    let src = fixture("deep.go");
    let got = tbuild_run(&src);
    assert_eq!(got, (String::new(), "125000250000\n".into(), 0));
    if have("go") {
        assert_eq!(got, go_run(&src));
    }
}

#[test]
fn stack_overflow_is_reported_as_go() {
    let src = fixture("overflow.go");
    let (out, err, code) = tbuild_run(&src);
    assert_eq!(out, "");
    assert_eq!(code, 2, "{err}");
    let keys = ["sp=0x", "stack=[0x", ", 0x"];
    let tb = parse(&err, &keys);
    assert_eq!(
        tb.head,
        [
            "runtime: goroutine stack exceeds 1000000000-byte limit",
            "runtime: sp=0x? stack=[0x?, 0x?]",
            "fatal error: stack overflow",
        ],
        "{err}"
    );
    assert!(err.contains("\n\nruntime stack:\n"), "{err}");
    assert_eq!(
        tb.header.as_deref(),
        Some("goroutine 1 [running]:"),
        "{err}"
    );
    assert!(
        !tb.frames.is_empty() && tb.frames.iter().all(|f| f.0 == "main.f"),
        "{err}"
    );
    assert!(
        tb.elided,
        "100 frames, then ...additional frames elided...\n{err}"
    );
    if have("go") {
        let (gout, gerr, gcode) = go_run(&src);
        assert_eq!((out.as_str(), code), (gout.as_str(), gcode));
        let go = parse(&gerr, &keys);
        assert_eq!(tb.head, go.head, "tbuild:\n{err}\nGo:\n{gerr}");
        assert_eq!(tb.header, go.header);
        assert_eq!(tb.frames.len(), go.frames.len());
        assert_eq!(tb.elided, go.elided);
    }
}

/// A write to a broken pipe: on stdout (descriptor 1) it ends the program by SIGPIPE, on any
/// other descriptor it fails with EPIPE, as under Go (whose runtime drops the signal and
/// os's epipecheck raises it again for descriptors 1 and 2).
#[test]
fn broken_pipe_on_stdout_is_sigpipe_as_go() {
    use std::os::unix::process::ExitStatusExt;
    use std::process::Stdio;
    let src = fixture("sigpipe.go");
    let dir = tempfile::tempdir().unwrap();
    let mut exes = vec![build(&src, dir.path())];
    if have("go") {
        let go = dir.path().join("go-sigpipe");
        go_build(&src, &go).unwrap_or_else(|e| panic!("{e}"));
        exes.push(go);
    }
    for exe in exes {
        let mut child = Command::new(&exe)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the reader goes before the first line is written
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            stderr,
            "other pipe: write |1: broken pipe\n",
            "{}",
            exe.display()
        );
        assert_eq!(out.status.signal(), Some(13), "{}", exe.display());
    }
}

/// Package os/signal and the default dispositions, against go: the corpus programs
/// `os_signal` (Notify, Stop, Ignore, Reset, NotifyContext, then SIGINT by its default
/// action) and `signal_defaults` (signals only os/signal takes are dropped, SIGTERM ends the
/// program) end by the same signal as go's binaries, which examples.rs cannot see (a death by
/// signal has no exit code); and `inherited.go`, run with SIGINT ignored as under nohup,
/// keeps it ignored except while Notify takes it.
#[test]
fn os_signal_and_default_dispositions_as_go() {
    use std::os::unix::process::CommandExt;
    use std::os::unix::process::ExitStatusExt;
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (root().join("tests/corpus/os_signal.src"), false, Some(2)),
        (
            root().join("tests/corpus/signal_defaults.src"),
            false,
            Some(15),
        ),
        (fixture("inherited.go"), true, Some(15)),
    ];
    for (n, (src, ignore_int, signal)) in cases.into_iter().enumerate() {
        let main = dir.path().join(format!("p{n}.go"));
        fs::copy(&src, &main).unwrap();
        let mut exes = vec![build(&main, dir.path())];
        if have("go") {
            let go = dir.path().join(format!("go{n}"));
            go_build(&main, &go).unwrap_or_else(|e| panic!("{e}"));
            exes.push(go);
        }
        let mut outputs = Vec::new();
        for exe in exes {
            let mut cmd = Command::new(&exe);
            if ignore_int {
                // SAFETY: only async-signal-safe calls between fork and exec.
                unsafe {
                    cmd.pre_exec(|| {
                        libc::signal(libc::SIGINT, libc::SIG_IGN);
                        Ok(())
                    });
                }
            }
            let out = cmd.output().unwrap();
            assert_eq!(out.status.signal(), signal, "{}", exe.display());
            outputs.push(String::from_utf8_lossy(&out.stdout).into_owned());
        }
        if let [tb, go] = &outputs[..] {
            assert_eq!(tb, go, "{}", src.display());
        }
        if ignore_int {
            assert_eq!(
                outputs[0],
                "ignored at start: true\nsurvived SIGINT\nignored after Notify: false\ngot interrupt\nsurvived SIGINT after Stop\n"
            );
        }
    }
}
