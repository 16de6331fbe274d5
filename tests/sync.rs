//! The bundled `sync/atomic` and `sync` packages (runtime/pkg/sync) against Go's: each
//! `tests/sync/*.src` program is built with tbuild and with Go (as `main.go`, so that file
//! names in tracebacks agree), run with the same arguments, and must give the same stdout and
//! exit status, and the same stderr — for a program that dies, the same report up to the
//! traceback's goroutine header (masked as `common::mask_traceback` masks it) and the same
//! `main.` frames with their lines: tbuild's traceback also shows the frame of the sync/atomic
//! function that faulted, which Go's compiler replaces by an instruction, and the lines of
//! frames inside package sync are lines of different files. Go is the oracle; without `go`
//! (never in CI) the tests skip.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::*;

/// The `main.` frames of a traceback with their file:line (offsets and directories masked).
fn main_frames(masked: &str) -> Vec<String> {
    let lines: Vec<&str> = masked.lines().collect();
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if l.starts_with("main.") {
            out.push(format!("{l} {}", lines.get(i + 1).unwrap_or(&"")));
        }
    }
    out
}

/// Builds tests/sync/NAME.src with tbuild and Go; returns (tbuild exe, go exe, tempdir).
fn both(name: &str) -> Option<(PathBuf, PathBuf, tempfile::TempDir)> {
    if !have("go") {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let main = dir.path().join("main.go");
    std::fs::copy(root().join("tests/sync").join(format!("{name}.src")), &main).unwrap();
    let tb = build(&main, dir.path());
    let go = dir.path().join("go-prog");
    go_build(&main, &go).unwrap_or_else(|e| panic!("{e}"));
    Some((tb, go, dir))
}

/// Runs NAME built by both toolchains with `args` and compares as the module says.
fn same_as_go(name: &str, args: &[&str]) {
    same_as_go_on(name, args, None);
}

/// [`same_as_go`], with both binaries run with GOMAXPROCS=`procs` if given: a program whose
/// outcome depends on the schedule (a misuse that only some interleavings reveal) is
/// compared on one P, where both runtimes schedule it alike.
fn same_as_go_on(name: &str, args: &[&str], procs: Option<u32>) {
    let Some((tb, go, _dir)) = both(name) else {
        return;
    };
    let mut tb_cmd = Command::new(&tb);
    tb_cmd.args(args);
    let mut go_cmd = Command::new(&go);
    go_cmd.args(args);
    if let Some(p) = procs {
        tb_cmd.env("GOMAXPROCS", p.to_string());
        go_cmd.env("GOMAXPROCS", p.to_string());
    }
    let got = run(&mut tb_cmd);
    let want = run(&mut go_cmd);
    assert_eq!(got.0, want.0, "{name} {args:?}: stdout differs from Go's");
    assert_eq!(
        got.2, want.2,
        "{name} {args:?}: exit status differs from Go's\n{}",
        got.1
    );
    if want.2 != 2 {
        assert_eq!(got.1, want.1, "{name} {args:?}: stderr differs from Go's");
        return;
    }
    let (g, w) = (mask_traceback(&got.1), mask_traceback(&want.1));
    let head = |s: &str| -> String {
        let end = s.find("goroutine ").map_or(s.len(), |i| i);
        s[..end].to_string()
    };
    assert_eq!(
        head(&g),
        head(&w),
        "{name} {args:?}: report differs from Go's\n{}",
        got.1
    );
    assert_eq!(
        main_frames(&g),
        main_frames(&w),
        "{name} {args:?}: main frames differ from Go's\n{}\n{}",
        got.1,
        want.1
    );
    assert!(
        !main_frames(&w).is_empty(),
        "{name}: Go's report has no main frame"
    );
}

#[test]
fn atomic_functions_and_types() {
    same_as_go("atomic", &[]);
}

#[test]
fn atomic_nil_address_panics() {
    for case in [
        "add32", "load64", "storeu32", "swapptr", "casu64", "method", "value",
    ] {
        same_as_go("atomic_nil", &[case]);
    }
}

#[test]
fn sequential_uses() {
    same_as_go("sequential", &[]);
}

/// Fatal errors (`fatal error: sync: unlock of unlocked mutex`, exit 2, deferred calls not
/// run), panics, and a goroutine that blocks forever with nobody to wake it.
#[test]
fn misuse_is_reported_as_go_reports_it() {
    for case in [
        "unlock",
        "runlock",
        "runlock-writer",
        "rwunlock",
        "negative",
        "value-nil",
        "value-type",
        "deadlock-mutex",
        "deadlock-wait",
    ] {
        same_as_go("misuse", &[case]);
    }
}

/// `defer c.Unlock()` with a Mutex embedded in *c, and other deferred calls of promoted
/// methods (an internal compiler error before): the receiver is taken at the defer statement.
#[test]
fn deferred_promoted_methods() {
    same_as_go("defer_promoted", &[]);
}

/// Goroutines sharing a Mutex, atomics, a Once, an RWMutex, a Cond-guarded queue, a Map and
/// WaitGroups, with results that do not depend on the schedule.
#[test]
fn goroutines_synchronise() {
    same_as_go("goroutines", &[]);
}

/// A waiter that has waited over 1 ms puts the Mutex in starvation mode and is handed the
/// lock; without that mode, one M would let the holder re-lock it every round.
#[test]
fn mutex_starvation_mode_hands_over() {
    same_as_go("starvation", &[]);
}

/// A WaitGroup reused before Wait returned, a lock-order deadlock and a Cond nobody signals,
/// against Go on one P.
#[test]
fn goroutine_misuse_is_reported_as_go_reports_it() {
    for case in ["reused", "deadlock", "cond"] {
        same_as_go_on("goroutine_misuse", &[case], Some(1));
    }
}

/// fmt prints the types' fields as Go 1.19's (%v for all, %+v where the names agree).
#[test]
fn types_print_as_gos() {
    same_as_go("printed", &[]);
}
