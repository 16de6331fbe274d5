//! Line directives (`//line file:line[:col]`, `/*line file:line[:col]*/`), checked against go:
//! the positions they give must be the ones go reports in errors, in runtime.Caller and
//! FuncForPC, in tracebacks (a bounds check panics at its `[`) and in the DWARF line table.
//! The programs are in `tests/linedirectives/`: `caller.src` runs, each `err_*.src` is refused.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Command;

use common::*;

fn dir() -> std::path::PathBuf {
    root().join("tests/linedirectives")
}

/// go build's errors for `main.go` as tbuild prints them: no `# package` header, no `./`.
fn go_errors(src: &Path) -> String {
    let exe = tempfile::tempdir().unwrap();
    let err = go_build(src, &exe.path().join("x")).expect_err("go must refuse the program");
    // go_build's message: a line naming the file, then go's stderr.
    err.lines()
        .skip(1)
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("{}\n", l.trim_start_matches("./")))
        .collect()
}

#[test]
fn errors_are_reported_where_the_directives_say() {
    if !have("go") {
        return;
    }
    let mut n = 0;
    for entry in fs::read_dir(dir()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("err_") {
            continue;
        }
        let work = tempfile::tempdir().unwrap();
        let main = work.path().join("main.go");
        fs::copy(&path, &main).unwrap();
        let (_, err, code) = run(tbuild()
            .args(["-o", "/dev/null", "main.go"])
            .current_dir(work.path()));
        assert_eq!(code, 1, "{name}: tbuild's status\n{err}");
        assert_eq!(
            err,
            go_errors(&path),
            "{name}: tbuild's errors (left) and go's"
        );
        n += 1;
    }
    assert!(n >= 5, "only {n} error programs");
}

/// The files named in a binary's DWARF line table that are not the source file itself.
fn line_table_files(exe: &Path) -> BTreeSet<String> {
    let (out, err, code) = run(Command::new("readelf")
        .arg("--debug-dump=decodedline")
        .arg(exe));
    assert_eq!(code, 0, "{err}");
    out.lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|f| f.ends_with(".y") || *f == "??")
        .map(str::to_string)
        .collect()
}

#[test]
fn callers_tracebacks_and_dwarf_follow_the_directives() {
    if !have("go") || !have("readelf") {
        return;
    }
    let src = dir().join("caller.src");
    let work = tempfile::tempdir().unwrap();
    let exe = build(&src, work.path());
    let (out, err, code) = run(&mut Command::new(&exe));
    let (go_out, go_err, go_code) = go_run(&src);
    assert_eq!(out, go_out, "stdout");
    assert_eq!(code, go_code, "exit status");
    assert_eq!(mask_traceback(&err), mask_traceback(&go_err), "stderr");
    // The traceback names the directive's file and line, not the source's (index is inlined,
    // in go and in tbuild, so its frame has no pc offset).
    assert!(err.contains("\tidx.y:700\n"), "{err}");

    let go_exe = work.path().join("go-caller");
    go_build(&src, &go_exe).unwrap();
    let files = line_table_files(&exe);
    assert_eq!(files, line_table_files(&go_exe), "DWARF line table files");
    assert!(
        files.contains("gram.y") && files.contains("??"),
        "{files:?}"
    );
}
