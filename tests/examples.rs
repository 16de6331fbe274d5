//! Every `examples/*.src` and `tests/corpus/*.src` program is built with tbuild, run, and its
//! stdout, stderr and exit
//! status compared with the expected files beside it (`NAME.stdout`, `NAME.stderr`,
//! `NAME.exit`). The expectations come from the real Go toolchain: when `go` is installed
//! (always in CI) each program is also built and run with Go and must match the files, and
//! `TBUILD_BLESS=1` rewrites them from Go's output.
//!
//! A program that dies of a runtime error (exit status 2) prints a traceback, and part of it
//! legitimately differs between the two toolchains and between runs. For those programs tbuild
//! builds a copy named `main.go` (the name Go's build is given), and stderr is compared
//! through `common::mask_traceback`: in the frames after the `goroutine N [...]:` header,
//! - the directory of each file name is dropped (Go builds in a fresh temporary directory,
//!   and prints `$GOROOT/src/runtime/...` where tbuild prints `$TBUILD/runtime/...`);
//! - `+0x…` pc offsets are dropped (the code differs, and Go omits them for inlined frames);
//! - argument lists become `(...)`: Go prints argument words (`main.f(0x5, {0x4b2f60, 0x3})`),
//!   tbuild's binaries carry no argument metadata and print `(...)`;
//! - the `addr=0x…` and `pc=0x…` of the `[signal ...]` line are masked (where the faulting
//!   load lands depends on the code: Go often checks for nil at offset 0).
//!
//! Blessing such a program writes Go's stderr with the directories dropped, so the expected
//! files do not change from one run to the next.

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
    let sources = golden_sources();
    assert!(
        sources.len() >= 17,
        "the examples or corpus directory lost programs"
    );
    let bless = std::env::var("TBUILD_BLESS").is_ok_and(|v| v == "1");
    let with_go = have("go");
    let mut failures = Vec::new();
    for src in &sources {
        if with_go {
            let (out, mut err, code) = go_run(src);
            if code == 2 {
                err = strip_dirs(&err);
            }
            if bless {
                fs::write(src.with_extension("stdout"), &out).unwrap();
                fs::write(src.with_extension("stderr"), &err).unwrap();
                fs::write(src.with_extension("exit"), format!("{code}\n")).unwrap();
            }
            let mut want = (
                expected(src, "stdout"),
                expected(src, "stderr"),
                expected(src, "exit"),
            );
            if code == 2 {
                err = mask_traceback(&err);
                want.1 = mask_traceback(&want.1);
            }
            if (out.clone(), err.clone(), format!("{code}\n")) != want {
                failures.push(format!(
                    "{}: expected files differ from Go's output (TBUILD_BLESS=1 rewrites them)",
                    src.display()
                ));
                continue;
            }
        }
        let want_out = expected(src, "stdout");
        let mut want_err = expected(src, "stderr");
        let want_code: i32 = expected(src, "exit").trim().parse().unwrap_or(0);
        let exe = build_golden(src, dir.path(), want_code);
        let (out, mut err, code) = run(&mut std::process::Command::new(&exe));
        if want_code == 2 {
            err = mask_traceback(&err);
            want_err = mask_traceback(&want_err);
        }
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
    // fmt imports strconv (its number formatting), errors (Errorf), unicode/utf8 and sync
    // (its printers' free list), strconv imports unicode/utf8 and math/bits, and sync
    // imports sync/atomic, so they are linked too.
    for (pkg, files) in [
        ("runtime", rt.join("runtime")),
        ("sync/atomic", rt.join("sync/atomic")),
        ("sync", rt.join("sync")),
        ("errors", rt.join("errors")),
        ("unicode/utf8", rt.join("unicode/utf8")),
        ("math/bits", rt.join("math/bits")),
        ("strconv", rt.join("strconv")),
        ("fmt", rt.join("fmt")),
    ] {
        let mut gofiles: Vec<_> = fs::read_dir(&files)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "go"))
            .collect();
        gofiles.sort();
        let obj = d.join(format!("{}.o", pkg.replace('/', "_")));
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
            let o = d.join(format!(
                "{}_{}.o",
                pkg.replace('/', "_"),
                s.file_stem().unwrap().to_string_lossy()
            ));
            let (_, err, code) = run(tbuild()
                .args(["tool", "asm", "-p", pkg, "-I"])
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

#[test]
fn objects_are_the_same_bytes_however_many_threads_compile_them() {
    // A big package's functions are compiled on worker threads (codegen's lower/machine.rs)
    // and defined in the order they were built: `-c 1` (one thread, as go tool compile -c 1)
    // and `-c 3` must give the same object, for the runtime (defer frames, inline marks, the
    // most functions) and fmt.
    let dir = tempfile::tempdir().unwrap();
    let rt = root().join("runtime/pkg");
    for pkg in ["runtime", "fmt"] {
        let mut gofiles: Vec<_> = fs::read_dir(rt.join(pkg))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "go"))
            .collect();
        gofiles.sort();
        let objects: Vec<Vec<u8>> = ["1", "3"]
            .iter()
            .map(|c| {
                let obj = dir.path().join(format!("{pkg}-{c}.o"));
                let (_, err, code) = run(tbuild()
                    .args(["tool", "compile", "-c", c, "-p", pkg, "-o"])
                    .arg(&obj)
                    .args(&gofiles));
                assert_eq!(code, 0, "{err}");
                fs::read(&obj).unwrap()
            })
            .collect();
        assert!(
            objects[0].len() > 10_000,
            "{pkg}: {} bytes",
            objects[0].len()
        );
        assert!(objects[0] == objects[1], "{pkg}: -c 1 and -c 3 differ");
    }
}

#[test]
fn several_files_of_package_main_build_as_one_package() {
    // Package-level declarations of one file are visible in the others, init functions run in
    // file order, and each file has its own imports (Go spec, "Package initialization").
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.go");
    let b = dir.path().join("b.go");
    fs::write(
        &a,
        "package main\n\nimport \"fmt\"\n\nvar total = count * 2\n\nfunc init() { fmt.Println(\"init a\", total) }\n\nfunc main() {\n\tfmt.Println(greet(\"world\"), total)\n}\n",
    )
    .unwrap();
    fs::write(
        &b,
        "package main\n\nimport \"strings\"\n\nvar count = len(strings.Repeat(\"ab\", 3))\n\nfunc init() { println(\"init b\") }\n\nfunc greet(s string) string { return \"hello \" + strings.ToUpper(s) }\n",
    )
    .unwrap();
    let exe = dir.path().join("prog");
    let (_, err, code) = run(tbuild().arg("-o").arg(&exe).arg(&a).arg(&b));
    assert_eq!(code, 0, "{err}");
    let got = run(&mut std::process::Command::new(&exe));
    if have("go") {
        let gexe = dir.path().join("gprog");
        let (_, gerr, gcode) = run(std::process::Command::new("go")
            .args(["build", "-o"])
            .arg(&gexe)
            .arg("a.go")
            .arg("b.go")
            .current_dir(dir.path())
            .env("GO111MODULE", "off"));
        assert_eq!(gcode, 0, "{gerr}");
        assert_eq!(got, run(&mut std::process::Command::new(&gexe)));
    }
    assert_eq!(got.0, "init a 12\nhello WORLD 12\n");
    assert_eq!(got.1, "init b\n");
}

/// print and println print an interface as `(0xTYPE,0xDATA)`, a slice as `[len/cap]0xPTR` and a
/// func or pointer as its address, as Go's runtime does (runtime/print.go printeface,
/// printiface, printslice): the same output as Go's once the addresses are masked.
#[test]
fn println_of_interfaces_slices_and_funcs_has_gos_shape() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("main.go");
    fs::write(
        &src,
        "package main\n\ntype I interface{ M() }\ntype T int\n\nfunc (T) M() {}\n\n\
         func main() {\n\tvar e interface{}\n\tvar i I\n\tprintln(e, i)\n\
         \ts := []int{1, 2}\n\tprintln(s, s[:1], s[:0:0], main)\n\tvar n []int\n\
         \tprintln(n)\n\ti = T(1)\n\te = 2\n\tprintln(i, e)\n\tprint(e, \"\\n\")\n}\n",
    )
    .unwrap();
    let exe = build(&src, dir.path());
    let (out, err, code) = run(&mut std::process::Command::new(exe));
    assert_eq!((out.as_str(), code), ("", 0));
    let mask = |s: &str| -> String {
        let mut o = String::new();
        let mut rest = s;
        while let Some(i) = rest.find("0x") {
            o.push_str(&rest[..i]);
            let hex = rest[i + 2..]
                .find(|c: char| !c.is_ascii_hexdigit())
                .unwrap_or(rest.len() - i - 2);
            // The nil words print as 0x0 in both; other addresses differ.
            o.push_str(if &rest[i..i + 2 + hex] == "0x0" {
                "0x0"
            } else {
                "0xADDR"
            });
            rest = &rest[i + 2 + hex..];
        }
        o.push_str(rest);
        o
    };
    let want = "(0x0,0x0) (0x0,0x0)\n[2/2]0xADDR [1/2]0xADDR [0/0]0xADDR 0xADDR\n[0/0]0x0\n\
                (0xADDR,0xADDR) (0xADDR,0xADDR)\n(0xADDR,0xADDR)\n";
    assert_eq!(mask(&err), want, "tbuild printed:\n{err}");
    if have("go") {
        let (_, gerr, gcode) = go_run(&src);
        assert_eq!(
            (mask(&gerr).as_str(), gcode),
            (want, 0),
            "Go printed:\n{gerr}"
        );
    }
}
