//! Every `examples/*.src` and `tests/corpus/*.src` program is built with tbuild, run, and its
//! stdout, stderr and exit
//! status compared with the expected files beside it (`NAME.stdout`, `NAME.stderr`,
//! `NAME.exit`). The expectations come from the real Go toolchain: when `go` is installed
//! (always in CI) each program is also built and run with Go and must match the files, and
//! `TBUILD_BLESS=1` rewrites them from Go's output.

mod common;

use std::fs;
use std::path::Path;

use common::*;

fn expected(path: &Path, ext: &str) -> String {
    fs::read_to_string(path.with_extension(ext)).unwrap_or_default()
}

#[test]
fn examples_match_go() {
    let dir = tempfile::tempdir().unwrap();
    // examples/ (the programs users read first) and tests/corpus/ (one feature or edge each).
    let mut sources: Vec<_> = ["examples", "tests/corpus"]
        .iter()
        .flat_map(|d| fs::read_dir(root().join(d)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "src"))
        .collect();
    sources.sort();
    assert!(
        sources.len() >= 17,
        "the examples or corpus directory lost programs"
    );
    let bless = std::env::var("TBUILD_BLESS").is_ok_and(|v| v == "1");
    let with_go = have("go");
    let mut failures = Vec::new();
    for src in &sources {
        if with_go {
            let (out, err, code) = go_run(src);
            if bless {
                fs::write(src.with_extension("stdout"), &out).unwrap();
                fs::write(src.with_extension("stderr"), &err).unwrap();
                fs::write(src.with_extension("exit"), format!("{code}\n")).unwrap();
            }
            let want = (
                expected(src, "stdout"),
                expected(src, "stderr"),
                expected(src, "exit"),
            );
            if (out.clone(), err.clone(), format!("{code}\n")) != want {
                failures.push(format!(
                    "{}: expected files differ from Go's output (TBUILD_BLESS=1 rewrites them)",
                    src.display()
                ));
                continue;
            }
        }
        let exe = build(src, dir.path());
        let (out, err, code) = run(&mut std::process::Command::new(&exe));
        let want_out = expected(src, "stdout");
        let want_err = expected(src, "stderr");
        let want_code: i32 = expected(src, "exit").trim().parse().unwrap_or(0);
        if out != want_out || err != want_err || code != want_code {
            failures.push(format!(
                "{}:\n  stdout: {out:?}\n  want:   {want_out:?}\n  stderr: {err:?}\n  want:   {want_err:?}\n  exit: {code}, want {want_code}",
                src.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn hello_prints_hello_world() {
    let dir = tempfile::tempdir().unwrap();
    let exe = build(&root().join("examples/hello.src"), dir.path());
    let (out, err, code) = run(&mut std::process::Command::new(exe));
    assert_eq!((out.as_str(), err.as_str(), code), ("hello world\n", "", 0));
}

#[test]
fn tbuild_run_passes_arguments_and_status() {
    let (out, _, code) = run(tbuild().arg("run").arg(root().join("examples/hello.src")));
    assert_eq!((out.as_str(), code), ("hello world\n", 0));
}

#[test]
fn default_output_is_the_source_base_name() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("prog.go");
    fs::copy(root().join("examples/hello.src"), &src).unwrap();
    let (_, err, code) = run(tbuild().arg("prog.go").current_dir(dir.path()));
    assert_eq!(code, 0, "{err}");
    let (out, _, _) = run(&mut std::process::Command::new(dir.path().join("prog")));
    assert_eq!(out, "hello world\n");
}

#[test]
fn stages_by_hand_give_the_same_program() {
    // compile, asm and link driven one at a time, as go tool compile/asm/link.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let rt = root().join("runtime/pkg");
    let mut objs = Vec::new();
    // fmt imports strconv (its number formatting), so strconv is linked too.
    for (pkg, files) in [
        ("runtime", rt.join("runtime")),
        ("strconv", rt.join("strconv")),
        ("fmt", rt.join("fmt")),
    ] {
        let mut gofiles: Vec<_> = fs::read_dir(&files)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "go"))
            .collect();
        gofiles.sort();
        let obj = d.join(format!("{pkg}.o"));
        let hdr = d.join("go_asm.h");
        let (_, err, code) = run(tbuild()
            .args(["tool", "compile", "-p", pkg, "-o"])
            .arg(&obj)
            .arg("--asmhdr")
            .arg(&hdr)
            .args(&gofiles));
        assert_eq!(code, 0, "{err}");
        objs.push(obj);
        let mut sfiles: Vec<_> = fs::read_dir(&files)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "s"))
            .collect();
        sfiles.sort();
        for s in sfiles {
            let o = d.join(format!("{}.o", s.file_stem().unwrap().to_string_lossy()));
            let (_, err, code) = run(tbuild()
                .args(["tool", "asm", "-I"])
                .arg(d)
                .arg("-o")
                .arg(&o)
                .arg(&s));
            assert_eq!(code, 0, "{err}");
            objs.push(o);
        }
    }
    let main_o = d.join("main.o");
    let (_, err, code) = run(tbuild()
        .args(["tool", "compile", "-o"])
        .arg(&main_o)
        .arg(root().join("examples/hello.src")));
    assert_eq!(code, 0, "{err}");
    objs.push(main_o);
    let exe = d.join("hello");
    let (_, err, code) = run(tbuild().args(["tool", "link", "-o"]).arg(&exe).args(&objs));
    assert_eq!(code, 0, "{err}");
    let (out, _, code) = run(&mut std::process::Command::new(exe));
    assert_eq!((out.as_str(), code), ("hello world\n", 0));
}
