//! The bundled standard-library packages (runtime/pkg/strconv, strings, os) against Go's
//! real ones: each `tests/stdlib/*.src` program is built with tbuild and with Go, run with
//! the same arguments, and must give the same stdout, stderr and exit status. Go is the
//! oracle; without `go` installed (never in CI) the tests skip.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

fn program(name: &str) -> PathBuf {
    root().join("tests/stdlib").join(format!("{name}.src"))
}

/// Builds `src` with Go into `dir` (the file must be named *.go for go build).
fn go_exe(src: &Path, dir: &Path) -> PathBuf {
    let main = dir.join("main.go");
    std::fs::copy(src, &main).unwrap();
    let exe = dir.join("go-prog");
    go_build(&main, &exe).unwrap_or_else(|e| panic!("{e}"));
    exe
}

/// Runs `name` built by tbuild and by Go with `args`; both must behave the same.
/// Returns (stdout, exit status) for extra checks.
fn same_as_go(name: &str, args: &[&str]) -> Option<(String, i32)> {
    if !have("go") {
        return None;
    }
    let src = program(name);
    let dir = tempfile::tempdir().unwrap();
    let tb = build(&src, dir.path());
    let go = go_exe(&src, dir.path());
    let got = run(Command::new(&tb).args(args));
    let want = run(Command::new(&go).args(args));
    assert_eq!(got.0, want.0, "{name}: stdout differs from Go's");
    assert_eq!(got.1, want.1, "{name}: stderr differs from Go's");
    assert_eq!(got.2, want.2, "{name}: exit status differs from Go's");
    Some((got.0, got.2))
}

#[test]
fn strconv_integers() {
    same_as_go("strconv_ints", &[]);
}

#[test]
fn strconv_quoting() {
    same_as_go("strconv_quote", &[]);
}

#[test]
fn strconv_format_float() {
    same_as_go("strconv_float", &[]);
}

#[test]
fn strconv_parsing() {
    same_as_go("strconv_atoi", &[]);
}

#[test]
fn strings_searching() {
    same_as_go("strings_search", &[]);
}

#[test]
fn strings_splitting_and_joining() {
    same_as_go("strings_split", &[]);
}

#[test]
fn strings_case_mapping() {
    same_as_go("strings_case", &[]);
}

#[test]
fn strings_trimming_replacing_repeating() {
    same_as_go("strings_trim", &[]);
}

#[test]
fn strings_builder() {
    same_as_go("strings_builder", &[]);
}

#[test]
fn os_args_and_exit() {
    // Few arguments: prints them and returns normally.
    if let Some((out, code)) = same_as_go("os_args", &["one"]) {
        assert!(out.starts_with("2 true\none\n"), "{out}");
        assert_eq!(code, 0);
    }
    // More: os.Exit(len(os.Args)), with arguments holding spaces and UTF-8.
    if let Some((_, code)) = same_as_go("os_args", &["a b", "", "héllo", "x"]) {
        assert_eq!(code, 5);
    }
}

/// A differential run: pseudo-random floats in every format and precision, integers in
/// every base, quoting, searching, splitting, case mapping and trimming of random UTF-8
/// (valid and not), in one program. TBUILD_STDLIB_ITERS raises the count (the default
/// formats about 100,000 floats).
#[test]
fn stress_against_go() {
    let iters = std::env::var("TBUILD_STDLIB_ITERS").unwrap_or_else(|_| "6000".into());
    same_as_go("stress", &[&iters]);
}

/// Package strings against Go's on random inputs: tests/stdlib/strings_diff.src calls every
/// exported function and Builder method on edge cases and on `TBUILD_STRINGS_ROUNDS` random
/// rounds (default 3000, about 330,000 calls) drawn from seed `TBUILD_STRINGS_SEED` (default
/// 0). The programs print one hash per batch of 100 rounds; on a mismatch the first differing
/// batch is run again printing every call, and the first differing call is reported.
#[test]
fn strings_against_go() {
    if !have("go") {
        return;
    }
    let var = |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.into());
    let rounds = var("TBUILD_STRINGS_ROUNDS", "3000");
    let seed = var("TBUILD_STRINGS_SEED", "0");
    let src = program("strings_diff");
    let dir = tempfile::tempdir().unwrap();
    let tb = build(&src, dir.path());
    let go = go_exe(&src, dir.path());
    let got = run(Command::new(&tb).args([&rounds, &seed]));
    let want = run(Command::new(&go).args([&rounds, &seed]));
    assert_eq!(got.1, want.1, "strings_diff: stderr differs from Go's");
    assert_eq!(got.2, want.2, "strings_diff: exit status differs from Go's");
    let first_diff = |a: &str, b: &str| {
        a.lines()
            .zip(b.lines())
            .find(|(x, y)| x != y)
            .map(|(x, y)| (x.to_string(), y.to_string()))
    };
    if let Some((line, _)) = first_diff(&got.0, &want.0) {
        // "batch K HASH": print batch K call by call in both.
        let batch = line.split(' ').nth(1).unwrap_or("0").to_string();
        let got = run(Command::new(&tb).args([&rounds, &seed, &batch]));
        let want = run(Command::new(&go).args([&rounds, &seed, &batch]));
        let (ours, theirs) = first_diff(&got.0, &want.0).unwrap_or_default();
        panic!(
            "strings_diff {rounds} {seed}: batch {batch} differs from Go's\n tbuild: {ours}\n     go: {theirs}"
        );
    }
    assert_eq!(got.0, want.0, "strings_diff: stdout differs from Go's");
    let calls = want.0.lines().last().unwrap_or("");
    assert!(calls.starts_with("calls: "), "{calls}");
    eprintln!("{calls}");
}

/// Library panics print Go's message and exit with status 2.
#[test]
fn library_panics() {
    if !have("go") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (body, msg) in [
        (
            r#"strings.Repeat("x", -1)"#,
            "panic: strings: negative Repeat count",
        ),
        (
            r#"strings.Repeat("ab", 1<<62)"#,
            "panic: strings: Repeat count causes overflow",
        ),
        (
            r#"strings.Repeat("", -5)"#,
            "panic: strings: negative Repeat count",
        ),
        (
            r#"var b strings.Builder
	b.Grow(-1)"#,
            "panic: strings.Builder.Grow: negative count",
        ),
        (
            r#"var a strings.Builder
	a.WriteByte('x')
	b := a
	b.WriteString("y")"#,
            "panic: strings: illegal use of non-zero Builder copied by value",
        ),
        (
            r#"var a strings.Builder
	a.Grow(1)
	b := a
	b.Grow(-1)"#,
            "panic: strings: illegal use of non-zero Builder copied by value",
        ),
    ] {
        let src = dir.path().join("panic.src");
        std::fs::write(
            &src,
            format!("package main\n\nimport \"strings\"\n\nfunc main() {{\n\t{body}\n}}\n"),
        )
        .unwrap();
        let tb = build(&src, dir.path());
        let got = run(&mut Command::new(&tb));
        let want = run(&mut Command::new(go_exe(&src, dir.path())));
        assert_eq!(got.2, 2, "{body}: {got:?}");
        assert_eq!(want.2, 2, "{body}: {want:?}");
        let first = |s: &str| s.lines().next().unwrap_or("").to_string();
        assert_eq!(first(&got.1), msg, "{body}");
        assert_eq!(first(&want.1), msg, "{body}");
    }
}
