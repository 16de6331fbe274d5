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

/// Runs both binaries under `wrap` (a command prefix, or none) with the environment
/// variable `var` set to `val` (or removed when None) and compares them.
fn compare(name: &str, progs: &(PathBuf, PathBuf), wrap: &[&str], var: &str, val: Option<&str>) {
    let runit = |exe: &Path| {
        let mut cmd = match wrap.split_first() {
            Some((first, rest)) => {
                let mut c = Command::new(first);
                c.args(rest).arg(exe);
                c
            }
            None => Command::new(exe),
        };
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
