//! The bundled standard-library packages (runtime/pkg/strconv, strings, sort, os, time, bufio, math,
//! math/cmplx) against Go's
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

/// FormatFloat and AppendFloat against Go on the edge cases and on pseudo-random floats
/// (tests/stdlib/ftoa_diff.src): every format, the shortest precision and one drawn from
/// -1, 0..20, 30, 50, 100, 400, 800, both bit sizes. TBUILD_FTOA_FLOATS sets how many
/// random floats (default 30,000, so 960,000 calls); the batches run in processes of
/// 200,000 floats, as tbuild's heap never frees. A mismatch is reported with its input.
#[test]
fn strconv_format_float_differential() {
    if !have("go") {
        return;
    }
    let floats: usize = std::env::var("TBUILD_FTOA_FLOATS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30_000);
    let batches = floats.div_ceil(1000);
    let src = program("ftoa_diff");
    let dir = tempfile::tempdir().unwrap();
    let tb = build(&src, dir.path());
    let go = go_exe(&src, dir.path());
    let start = std::time::Instant::now();
    let (mut lines, mut first) = (0, 0);
    while first <= batches {
        let count = (batches + 1 - first).min(200);
        let args = [first.to_string(), count.to_string()];
        let got = run(Command::new(&tb).args(&args));
        let want = run(Command::new(&go).args(&args));
        assert_eq!((got.1.as_str(), got.2), ("", 0), "tbuild's run failed");
        assert_eq!((want.1.as_str(), want.2), ("", 0), "go's run failed");
        if got.0 != want.0 {
            ftoa_mismatch(&tb, &go, &got.0, &want.0);
        }
        lines += want.0.lines().count();
        first += count;
    }
    assert_eq!(lines, batches + ftoa_edges(&go), "missing checksum lines");
    // Every float32 shortest form in two slices: the subnormals' start and around 1.0 (the
    // program's f32 mode covers all 2^31 positive ones when run by hand).
    for (first, count) in [(0u64, 1u64 << 18), (0x3F80_0000 - (1 << 17), 1 << 18)] {
        let args = ["f32".to_string(), first.to_string(), count.to_string()];
        let got = run(Command::new(&tb).args(&args));
        let want = run(Command::new(&go).args(&args));
        assert!(want.0.starts_with("f32 ") && want.2 == 0, "{want:?}");
        if got != want {
            let (verbose_tb, verbose_go) = (
                run(Command::new(&tb).args(&args).arg("1")).0,
                run(Command::new(&go).args(&args).arg("1")).0,
            );
            let first_diff = verbose_tb
                .lines()
                .zip(verbose_go.lines())
                .find(|(g, w)| g != w);
            panic!("float32 shortest forms differ from go's: {first_diff:?}");
        }
    }
    eprintln!(
        "ftoa_diff: {floats} random floats ({} calls) and the edge cases agree with go in {:?}",
        batches * 32_000,
        start.elapsed()
    );
}

/// The number of edge values, from the edge batch's checksum lines.
fn ftoa_edges(go: &Path) -> usize {
    run(Command::new(go).args(["0", "1"])).0.lines().count()
}

/// Reruns the first batch whose checksum differs with every call printed, and panics with
/// the first call whose output differs.
fn ftoa_mismatch(tb: &Path, go: &Path, got: &str, want: &str) -> ! {
    let (g, w) = got
        .lines()
        .zip(want.lines())
        .find(|(g, w)| g != w)
        .unwrap_or(("(end of output)", "(end of output)"));
    let batch = match w.split(' ').collect::<Vec<_>>()[..] {
        ["batch", b, ..] => b.to_string(),
        _ => "0".to_string(),
    };
    let args = [batch.as_str(), "1", "1"];
    let got_all = run(Command::new(tb).args(args)).0;
    let want_all = run(Command::new(go).args(args)).0;
    let call = got_all
        .lines()
        .zip(want_all.lines())
        .find(|(g, w)| g != w)
        .map(|(g, w)| format!("tbuild: {g}\n    go: {w}"))
        .unwrap_or_else(|| "no single call differs".into());
    panic!("checksums differ:\ntbuild: {g}\n    go: {w}\nfirst differing call (bits fmt prec bitSize output):\n{call}");
}

#[test]
fn strconv_parsing() {
    same_as_go("strconv_atoi", &[]);
}

/// Runs the batch program `name` (usage `prog FIRST END [v]`, one hash line per batch of
/// 1000 inputs) built by tbuild and by Go over batches 0..N, where N is `env` or `default`.
/// The batches run in chunks of 100 per process (tbuild's programs never free memory). On
/// a mismatch the first differing batch is run again verbosely by both, and the test fails
/// with the first input whose results differ. Returns the number of inputs checked.
fn batches_as_go(name: &str, env: &str, default: usize) -> usize {
    if !have("go") {
        return 0;
    }
    let batches: usize = std::env::var(env)
        .ok()
        .map(|v| v.parse().expect("a batch count"))
        .unwrap_or(default);
    let src = program(name);
    let dir = tempfile::tempdir().unwrap();
    let tb = build(&src, dir.path());
    let go = go_exe(&src, dir.path());
    let mut first = 0;
    while first < batches {
        let end = batches.min(first + 100);
        let range = [first.to_string(), end.to_string()];
        let got = run(Command::new(&tb).args(&range));
        let want = run(Command::new(&go).args(&range));
        assert_eq!(want.2, 0, "{name}: go's program failed: {}", want.1);
        if got != want {
            let bad = got
                .0
                .lines()
                .zip(want.0.lines())
                .find(|(g, w)| g != w)
                .map(|(_, w)| w.split(' ').nth(1).unwrap_or("0").to_string())
                .unwrap_or_else(|| first.to_string());
            let next = (bad.parse::<usize>().unwrap_or(first) + 1).to_string();
            let verbose = [bad.as_str(), next.as_str(), "v"];
            let got_v = run(Command::new(&tb).args(verbose)).0;
            let want_v = run(Command::new(&go).args(verbose)).0;
            let mut input = "";
            for (g, w) in got_v.lines().zip(want_v.lines()) {
                if !g.starts_with(' ') {
                    input = w;
                }
                assert_eq!(
                    g, w,
                    "{name}: batch {bad} differs from Go's for input {input}"
                );
            }
            assert_eq!(
                got, want,
                "{name}: output differs from Go's (stderr, status)"
            );
        }
        first = end;
    }
    batches * 1000
}

/// ParseInt, ParseUint, Atoi and ParseBool on random strings in every base and bit size,
/// against Go. TBUILD_STRCONV_PARSE_BATCHES sets the number of batches of 1000 strings.
#[test]
fn strconv_parse_random_against_go() {
    let n = batches_as_go("strconv_parse_rand", "TBUILD_STRCONV_PARSE_BATCHES", 20);
    eprintln!("strconv_parse_rand: {n} strings");
}

/// The Quote family, CanBackquote, IsPrint and IsGraphic on random strings and runes, then
/// on every rune. TBUILD_STRCONV_QUOTE_BATCHES sets the number of batches of 1000 strings.
#[test]
fn strconv_quote_random_against_go() {
    let n = batches_as_go("strconv_quote_rand", "TBUILD_STRCONV_QUOTE_BATCHES", 20);
    eprintln!("strconv_quote_rand: {n} strings");
    same_as_go("strconv_quote_rand", &["sweep"]);
}

/// FormatInt, FormatUint, Itoa and the Append forms on random values in every base, and the
/// extremes in every base. TBUILD_STRCONV_FORMAT_BATCHES sets the batches of 1000 values.
#[test]
fn strconv_format_random_against_go() {
    let n = batches_as_go("strconv_format_rand", "TBUILD_STRCONV_FORMAT_BATCHES", 50);
    eprintln!("strconv_format_rand: {n} values");
    same_as_go("strconv_format_rand", &["edges"]);
}

/// errors.New, Is, As and Unwrap with Is/As methods, dead-end Unwraps, uncomparable errors
/// and strconv's errors behind %w.
#[test]
fn errors_chains() {
    same_as_go("errors_chain", &[]);
}

/// Programs that must panic in a library function: the first line of stderr must be Go's,
/// with exit status 2, for tbuild's binary and Go's.
fn panics_as_go(imports: &str, cases: &[(&str, &str)]) {
    if !have("go") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (body, msg) in cases {
        let src = dir.path().join("panic.src");
        std::fs::write(
            &src,
            format!("package main\n\nimport ({imports})\n\nvar sink any\n\nfunc main() {{\n\t{body}\n}}\n"),
        )
        .unwrap();
        let tb = build(&src, dir.path());
        let got = run(&mut Command::new(&tb));
        let want = run(&mut Command::new(go_exe(&src, dir.path())));
        assert_eq!(got.2, 2, "{body}: {got:?}");
        assert_eq!(want.2, 2, "{body}: {want:?}");
        let first = |s: &str| s.lines().next().unwrap_or("").to_string();
        assert_eq!(first(&got.1), *msg, "{body}");
        assert_eq!(first(&want.1), *msg, "{body}");
    }
}

/// An invalid base panics in every integer formatter, with Go's message.
#[test]
fn strconv_invalid_base_panics() {
    let msg = "panic: strconv: illegal AppendInt/FormatInt base";
    panics_as_go(
        "\"strconv\"",
        &[
            ("sink = strconv.FormatInt(5, 1)", msg),
            ("sink = strconv.FormatInt(-5, 37)", msg),
            ("sink = strconv.FormatUint(0, 0)", msg),
            ("sink = strconv.FormatUint(1<<63, -10)", msg),
            ("sink = strconv.AppendInt(nil, 1, 100)", msg),
            ("sink = strconv.AppendUint([]byte(\"x\"), 7, 1)", msg),
        ],
    );
}

/// errors.As panics, in Go's words, on a target it cannot set.
#[test]
fn errors_as_panics() {
    panics_as_go(
        "\"errors\"",
        &[
            (
                "sink = errors.As(errors.New(\"e\"), nil)",
                "panic: errors: target cannot be nil",
            ),
            (
                "sink = errors.As(errors.New(\"e\"), 5)",
                "panic: errors: target must be a non-nil pointer",
            ),
            (
                "var p *error\n\tsink = errors.As(errors.New(\"e\"), p)",
                "panic: errors: target must be a non-nil pointer",
            ),
            (
                "var n int\n\tsink = errors.As(errors.New(\"e\"), &n)",
                "panic: errors: *target must be interface or implement error",
            ),
        ],
    );
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
    panics_as_go(
        "\"strings\"",
        &[
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
        ],
    );
}

/// Runs `name` built by tbuild and by Go with the environment changed by `env` (a value of
/// None removes the variable); both must behave the same. Returns tbuild's stdout.
fn same_as_go_env(name: &str, env: &[(&str, Option<&str>)]) -> Option<String> {
    if !have("go") {
        return None;
    }
    let src = program(name);
    let dir = tempfile::tempdir().unwrap();
    let tb = build(&src, dir.path());
    let go = go_exe(&src, dir.path());
    let with_env = |exe: &Path| {
        let mut cmd = Command::new(exe);
        for (k, v) in env {
            match v {
                Some(v) => cmd.env(k, v),
                None => cmd.env_remove(k),
            };
        }
        run(&mut cmd)
    };
    let got = with_env(&tb);
    let want = with_env(&go);
    assert_eq!(got, want, "{name} with {env:?}: differs from Go's");
    Some(got.0)
}

/// Package time's zones: the system's zone files (transitions, the POSIX TZ rules after
/// them, gaps and overlaps, parsing abbreviations against a zone), LoadLocation's errors, and
/// Local as $TZ chooses it: unset (/etc/localtime), empty (UTC), a name, ":name", an absolute
/// path, an unknown name (UTC); $ZONEINFO searched first.
#[test]
fn time_zones_and_local_as_go() {
    if !std::path::Path::new("/usr/share/zoneinfo/Europe/Berlin").exists() {
        assert!(
            std::env::var("CI").is_err(),
            "CI needs the zone files (/usr/share/zoneinfo, package tzdata)"
        );
        return;
    }
    for tz in [
        None,
        Some(""),
        Some("UTC"),
        Some("Europe/Berlin"),
        Some(":America/New_York"),
        Some("/usr/share/zoneinfo/Australia/Sydney"),
        Some("Nope/Zone"),
    ] {
        let out = same_as_go_env("time_zones", &[("TZ", tz), ("ZONEINFO", None)]);
        if let (Some(out), Some("Europe/Berlin")) = (out, tz) {
            assert!(
                out.starts_with("Europe/Berlin 2023-11-14 23:13:20 +0100 CET"),
                "{out}"
            );
        }
    }
    // $ZONEINFO comes first: there "Europe/Berlin" is Tokyo's file.
    let zi = tempfile::tempdir().unwrap();
    std::fs::create_dir(zi.path().join("Europe")).unwrap();
    std::fs::copy(
        "/usr/share/zoneinfo/Asia/Tokyo",
        zi.path().join("Europe/Berlin"),
    )
    .unwrap();
    let out = same_as_go_env(
        "time_zones",
        &[
            ("TZ", Some("Asia/Kolkata")),
            ("ZONEINFO", Some(zi.path().to_str().unwrap())),
        ],
    );
    if let Some(out) = out {
        assert!(
            out.contains("Europe/Berlin => Europe/Berlin <nil>\n   2024-10-27 09:59:59 +0900 JST"),
            "{out}"
        );
    }
}

/// Now, Sleep, timers, tickers and AfterFunc on the runtime's timers, through the invariants
/// Go guarantees (a sleep lasts at least its duration, timers fire in order, a stopped ticker
/// stays quiet), and the panics of misused timers.
#[test]
fn time_sleep_and_timers_as_go() {
    same_as_go_env("time_sleep", &[("TZ", Some("Europe/Berlin"))]);
}

/// Formatting, parsing (with errors), rounding, AddDate, Date and Durations on random inputs
/// against Go's package time (tests/stdlib/time_rand.src), TBUILD_TIME_BATCHES batches of
/// 1,000 cases (default 30).
#[test]
fn time_random_against_go() {
    if !std::path::Path::new("/usr/share/zoneinfo/Europe/Berlin").exists() {
        assert!(
            std::env::var("CI").is_err(),
            "CI needs the zone files (/usr/share/zoneinfo, package tzdata)"
        );
        return;
    }
    let n = batches_as_go("time_rand", "TBUILD_TIME_BATCHES", 30);
    eprintln!("time_rand: {n} cases");
}

/// Package math against Go's, bit for bit (tests/stdlib/math_rand.src): every function of
/// the package on TBUILD_MATH_INPUTS inputs each (default 20,000: edge values, values nudged
/// around each function's switch points, and pseudo-random ones from a fixed sequence),
/// each result printed as its bits. The programs run twice: as the CPU decides, and with
/// GODEBUG=cpu.fma=off, which both go and tbuild honour, so both variants of amd64's Exp and
/// both ways to compute FMA (instruction and software) are compared on an FMA machine. A
/// difference is reported with the function, its input and both results.
#[test]
fn math_bits_against_go() {
    bits_against_go("math", "math_rand", "TBUILD_MATH_INPUTS", "20000", 38);
}

/// Package math/cmplx against Go's, bit for bit (tests/stdlib/cmplx_rand.src): every
/// function of the package on TBUILD_CMPLX_INPUTS inputs each (default 3,000: edge values,
/// NaNs of several signs and payloads, points near each function's branch and switch points,
/// large arguments that Tan and Cot reduce modulo pi, and pseudo-random values of many
/// magnitudes), each input and result printed as bits. Like math_bits_against_go it runs
/// with and without GODEBUG=cpu.fma=off (package math's Exp has two variants). A difference
/// is reported with the function, its input and both results.
#[test]
fn math_cmplx_bits_against_go() {
    bits_against_go("cmplx", "cmplx_rand", "TBUILD_CMPLX_INPUTS", "3000", 22);
}

/// Runs tests/stdlib/PROGRAM.src built by tbuild and by go with the number of inputs per
/// function (the variable `env`, else `default`), as the CPU decides and with
/// GODEBUG=cpu.fma=off, and requires the same output: a header line per function (no space)
/// then one line per input with the inputs and results as bits. A difference is reported
/// with the function (`pkg.Name`), its input and both results; go's output must cover at
/// least `functions` functions, so that a program printing too little fails.
fn bits_against_go(pkg: &str, program_name: &str, env: &str, default: &str, functions: usize) {
    if !have("go") {
        return;
    }
    let n = std::env::var(env).unwrap_or_else(|_| default.into());
    let per_fn: usize = n.parse().unwrap_or_else(|_| panic!("{env}: a number"));
    let src = program(program_name);
    let dir = tempfile::tempdir().unwrap();
    let tb = build(&src, dir.path());
    let go = go_exe(&src, dir.path());
    for godebug in ["", "cpu.fma=off"] {
        let got = run(Command::new(&tb).arg(&n).env("GODEBUG", godebug));
        let want = run(Command::new(&go).arg(&n).env("GODEBUG", godebug));
        assert_eq!((want.1.as_str(), want.2), ("", 0), "go's run failed");
        assert_eq!((got.1.as_str(), got.2), ("", 0), "tbuild's run failed");
        let headers = want.0.lines().filter(|l| !l.contains(' ')).count();
        assert!(
            headers >= functions && want.0.lines().count() > functions * per_fn,
            "{program_name} printed too little ({headers} functions)"
        );
        let mut function = "";
        for (g, w) in got.0.lines().zip(want.0.lines()) {
            if !w.contains(' ') {
                function = w;
            }
            assert!(
                g == w,
                "GODEBUG={godebug:?}: {pkg}.{function} differs from go's \
                 (inputs then results, as bits): tbuild {g}, go {w}"
            );
        }
        assert_eq!(
            got.0.len(),
            want.0.len(),
            "GODEBUG={godebug:?}: tbuild's output is not go's length"
        );
    }
}

/// Package sort against Go's on random inputs with many equal keys and on the patterns
/// pdqsort treats specially: tests/stdlib/sort_diff.src hashes every result per round,
/// including where equal keys end after the unstable sorts and the number of Less and Swap
/// calls, so any step that differs from Go's pdqsort shows. TBUILD_SORT_ROUNDS sets the
/// rounds (default 400), TBUILD_SORT_SEED the sequence.
#[test]
fn sort_against_go() {
    let var = |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.into());
    let rounds = var("TBUILD_SORT_ROUNDS", "400");
    let seed = var("TBUILD_SORT_SEED", "0");
    if let Some((out, _)) = same_as_go("sort_diff", &[&rounds, &seed]) {
        eprintln!("{}", out.lines().last().unwrap_or(""));
    }
}

/// os.Stdin read through bufio (tests/stdlib/bufio_stdin.src): each mode of the program,
/// given the same generated text (CRLF lines, words, multi-byte runes, 1 MiB or so) from a
/// file and through a pipe, prints what go's build prints. Reading a closed descriptor and
/// a directory gives go's errors.
#[test]
fn bufio_reads_stdin_as_go() {
    use std::io::Write;
    use std::process::Stdio;
    if !have("go") {
        return;
    }
    let src = program("bufio_stdin");
    let dir = tempfile::tempdir().unwrap();
    let tb = build(&src, dir.path());
    let go = go_exe(&src, dir.path());
    let words = [
        "the", "quick", "brown", "fox", "Jumps", "over", "lazy", "é☺", "\t", "",
    ];
    let mut seed: u32 = 7;
    let mut next = |n: u32| {
        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        (seed >> 8) % n
    };
    let mut text = String::new();
    for _ in 0..20_000 {
        for _ in 0..next(31) {
            text.push_str(words[next(words.len() as u32) as usize]);
            text.push(' ');
        }
        text.push_str("\r\n");
    }
    text.push_str("no newline at the end");
    let input = dir.path().join("input.txt");
    std::fs::write(&input, &text).unwrap();
    let piped = |exe: &Path, mode: &str| {
        let mut child = Command::new(exe)
            .arg(mode)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let text = text.clone();
        let writer = std::thread::spawn(move || stdin.write_all(text.as_bytes()));
        let out = child.wait_with_output().unwrap();
        writer.join().unwrap().unwrap();
        (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            out.status.code(),
        )
    };
    for mode in ["lines", "words", "reader", "raw"] {
        let from_file = |exe: &Path| {
            run(Command::new(exe)
                .arg(mode)
                .stdin(std::fs::File::open(&input).unwrap()))
        };
        let want = from_file(&go);
        assert_eq!(want.2, 0, "go's run failed: {}", want.1);
        assert_eq!(from_file(&tb), want, "{mode}: stdin from a file");
        assert_eq!(
            piped(&tb, mode),
            piped(&go, mode),
            "{mode}: stdin from a pipe"
        );
    }
    // A directory as stdin: read fails with EISDIR.
    let from_dir = |exe: &Path| {
        run(Command::new(exe)
            .arg("raw")
            .stdin(std::fs::File::open(dir.path()).unwrap()))
    };
    let want = from_dir(&go);
    assert!(want.0.contains("is a directory"), "{want:?}");
    assert_eq!(from_dir(&tb), want);
}

/// Packages path, path/filepath and io/fs's ValidPath and Glob against Go's on random
/// inputs (tests/stdlib/path_diff.src): `TBUILD_PATH_ROUNDS` rounds (default 3000) from seed
/// `TBUILD_PATH_SEED` (default 0) of random paths and patterns through every lexical
/// function, and random patterns globbed in a fixed tree. The programs print one hash per
/// batch of 100 rounds; on a mismatch the first differing batch is run again printing every
/// call, and the first differing call is reported.
#[test]
fn path_against_go() {
    if !have("go") {
        return;
    }
    let var = |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.into());
    let rounds = var("TBUILD_PATH_ROUNDS", "3000");
    let seed = var("TBUILD_PATH_SEED", "0");
    let src = program("path_diff");
    let dir = tempfile::tempdir().unwrap();
    let tb = build(&src, dir.path());
    let go = go_exe(&src, dir.path());
    let got = run(Command::new(&tb).args([&rounds, &seed]));
    let want = run(Command::new(&go).args([&rounds, &seed]));
    assert_eq!(got.1, want.1, "path_diff: stderr differs from Go's");
    assert_eq!(got.2, want.2, "path_diff: exit status differs from Go's");
    let differing = |a: &str, b: &str| {
        a.lines()
            .zip(b.lines())
            .find(|(x, y)| x != y)
            .map(|(x, y)| (x.to_string(), y.to_string()))
    };
    if let Some((line, _)) = differing(&got.0, &want.0) {
        let batch = line.split(' ').nth(1).unwrap_or("0").to_string();
        let got = run(Command::new(&tb).args([&rounds, &seed, &batch]));
        let want = run(Command::new(&go).args([&rounds, &seed, &batch]));
        let (ours, theirs) = differing(&got.0, &want.0).unwrap_or_default();
        panic!("path_diff {rounds} {seed}: batch {batch} differs from Go's\n tbuild: {ours}\n     go: {theirs}");
    }
    assert_eq!(got.0, want.0, "path_diff: stdout differs from Go's");
}

/// A goroutine blocked reading os.Stdin lets the others run, with GOMAXPROCS 1
/// (tests/stdlib/os_stdin_block.src): the program must say its main goroutine ran before the
/// test writes anything (a read that held the P would hang it: the test then fails on the
/// time limit), then reads the line written and the end of the pipe, as go's build does.
#[test]
fn stdin_read_blocks_only_its_goroutine() {
    use std::io::{BufRead, Write};
    use std::process::Stdio;
    if !have("go") {
        return;
    }
    let src = program("os_stdin_block");
    let dir = tempfile::tempdir().unwrap();
    let tb = build(&src, dir.path());
    let go = go_exe(&src, dir.path());
    let drive = |exe: &Path| -> String {
        let mut child = Command::new(exe)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        // The first line comes while stdin is still open and empty.
        let (tx, rx) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            let mut first = String::new();
            stdout.read_line(&mut first).unwrap();
            tx.send(first).unwrap();
            let mut rest = String::new();
            std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
            rest
        });
        let first = rx.recv_timeout(std::time::Duration::from_secs(20));
        let Ok(first) = first else {
            let _ = child.kill();
            panic!(
                "{}: no output while stdin was open: the blocked read held the P",
                exe.display()
            );
        };
        stdin.write_all(b"one line\nand a half").unwrap();
        drop(stdin);
        let rest = reader.join().unwrap();
        assert!(child.wait().unwrap().success());
        first + &rest
    };
    let got = drive(&tb);
    let want = drive(&go);
    assert_eq!(got, want);
    assert!(
        got.starts_with("main goroutine ran while stdin was blocked: true\n"),
        "{got}"
    );
}

/// unicode/utf16, encoding/hex, encoding/base64 and encoding/base32 against Go on random
/// byte strings: every encoding and stream, decoding of corrupted encodings (errors, counts
/// and the whole destination buffer), Dump and Dumper, and the panics
/// (tests/stdlib/encoding_rand.src). TBUILD_ENCODING_BATCHES sets the batches of 100 inputs.
#[test]
fn encodings_random_against_go() {
    let n = batches_as_go("encoding_rand", "TBUILD_ENCODING_BATCHES", 20);
    eprintln!("encoding_rand: {} inputs", n / 10);
}

/// crypto/hmac, crypto/subtle and crypto/rand against Go (tests/stdlib/crypto_hmac.src).
#[test]
fn crypto_hmac_subtle_rand() {
    same_as_go("crypto_hmac", &[]);
}

/// runtime/debug's ReadBuildInfo, ParseBuildInfo and BuildInfo.String against Go
/// (tests/stdlib/buildinfo_parse.src).
#[test]
fn debug_build_info() {
    same_as_go("buildinfo_parse", &[]);
}

/// runtime/debug.ReadGCStats against Go after 300 collections: what does not depend on
/// timing (tests/stdlib/debug_gcstats.src).
#[test]
fn debug_gc_stats() {
    same_as_go("debug_gcstats", &[]);
}

/// runtime/debug.SetTraceback then a panic, under each GOTRACEBACK (tests/stdlib/
/// debug_traceback.src): the report shows as much as Go's, the level or-ed with the
/// environment's as Go's setTraceback combines them. Compared: the first line, whether the
/// panicking goroutine's trace, the other goroutine's and the runtime's frames are printed,
/// and the exit status (goroutine numbers, the runtime's own frames and offsets are tbuild's).
/// `crash` is left out: Go then dies of SIGABRT, which tbuild does not raise.
#[test]
fn debug_set_traceback() {
    if !have("go") {
        return;
    }
    let src = program("debug_traceback");
    let dir = tempfile::tempdir().unwrap();
    let tb = build(&src, dir.path());
    let go = go_exe(&src, dir.path());
    let shape = |(_, err, status): (String, String, i32)| {
        let has = |p: &str| err.lines().any(|l| l.starts_with(p));
        (
            err.lines().next().unwrap_or("").to_string(),
            has("goroutine 1 [running]:"),
            has("main.main.func1"),
            has("runtime.main("),
            status,
        )
    };
    for env in ["", "none", "single", "all", "system", "1"] {
        for level in ["none", "single", "all", "system", "0", "2", "x", "-1"] {
            let got = shape(run(Command::new(&tb).arg(level).env("GOTRACEBACK", env)));
            let want = shape(run(Command::new(&go).arg(level).env("GOTRACEBACK", env)));
            assert_eq!(
                got, want,
                "SetTraceback({level:?}) with GOTRACEBACK={env:?}"
            );
        }
    }
}

/// encoding/binary's Read, Write and Size against Go on random bytes decoded into every
/// fixed-size kind (scalars, defined types, arrays, structs with blank fields, slices, both
/// byte orders), re-encoded, with short inputs, refused types and reflect's panic on an
/// unexported field (tests/stdlib/binary_rand.src). TBUILD_BINARY_BATCHES sets the batches
/// of 100 inputs.
#[test]
fn binary_random_against_go() {
    let n = batches_as_go("binary_rand", "TBUILD_BINARY_BATCHES", 10);
    eprintln!("binary_rand: {} inputs", n / 10);
}

/// unicode against Go on random runes over the whole code space (biased to Latin-1, the
/// BMP and the ends of the tables' ranges, with negative runes and runes above MaxRune):
/// every Is*, To* and SimpleFold function, To with invalid cases, TurkishCase/AzeriCase,
/// In/IsOneOf, and every table through Is (each exported table variable and every table
/// of the Categories, Scripts, Properties, FoldCategory and FoldScript maps); batch 0
/// prints the tables themselves, CaseRanges and the constants too
/// (tests/stdlib/unicode_rand.src). TBUILD_UNICODE_BATCHES sets the batches of 1000 runes.
#[test]
fn unicode_random_against_go() {
    let n = batches_as_go("unicode_rand", "TBUILD_UNICODE_BATCHES", 300);
    eprintln!("unicode_rand: {n} runes");
}

/// hash/fnv, hash/crc32, hash/adler32, crypto/md5, crypto/sha1, crypto/sha256,
/// crypto/sha512 and crypto's registry against Go on random byte strings around the block
/// sizes: one-shot sums, random write splits, Sum mid-stream, Reset, marshaled states
/// restored mid-stream and corrupt states (tests/stdlib/hash_rand.src).
/// TBUILD_HASH_BATCHES sets the batches of 100 inputs.
#[test]
fn hashes_random_against_go() {
    let n = batches_as_go("hash_rand", "TBUILD_HASH_BATCHES", 40);
    eprintln!("hash_rand: {} inputs", n / 10);
}

/// math/rand against Go: the unseeded shared source (Go 1.19 seeds it with 1), Seed, and
/// every Rand method in random order for random seeds, with the normal and exponential
/// tails (their Exp and Log are Go's amd64 ones), Zipf, Read interleaved with other draws,
/// a Source without Uint64, and the panics (tests/stdlib/rand_rand.src).
/// TBUILD_RAND_BATCHES sets the batches of 20 seeds.
#[test]
fn rand_sequences_against_go() {
    let n = batches_as_go("rand_rand", "TBUILD_RAND_BATCHES", 50);
    eprintln!("rand_rand: {} seeds", n / 50);
}

/// os/exec's LookPath and Command against Go's, in a directory laid out for every case: a
/// program in an absolute PATH directory, one found only through "." or an empty PATH
/// element (ErrDot), a file without execute permission, a directory, a script whose
/// interpreter is missing, names with a slash, and a missing name.
#[test]
fn exec_lookpath_as_go() {
    use std::os::unix::fs::PermissionsExt;
    if !have("go") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("work");
    let bin = dir.path().join("bin");
    for d in [&work, &bin, &work.join("sub"), &bin.join("adir")] {
        std::fs::create_dir_all(d).unwrap();
    }
    let script = |path: &Path, text: &str, mode: u32| {
        std::fs::write(path, text).unwrap();
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    script(&bin.join("hello"), "#!/bin/sh\necho hello \"$@\"\n", 0o755);
    script(&bin.join("noexec"), "#!/bin/sh\necho no\n", 0o644);
    script(&bin.join("badinterp"), "#!/nonexistent/sh\n", 0o755);
    script(
        &work.join("local"),
        "#!/bin/sh\necho local \"$@\"\nexit 3\n",
        0o755,
    );
    script(&work.join("sub/deep"), "#!/bin/sh\necho deep >&2\n", 0o755);
    let src = program("exec_lookpath");
    let tb = build(&src, dir.path());
    let go = go_exe(&src, dir.path());
    let args = [
        "hello",
        "noexec",
        "adir",
        "badinterp",
        "local",
        "./local",
        "sub/deep",
        "missing",
        "/bin/sh",
        "./missing",
        "sub",
    ];
    let paths = [
        format!("{}", bin.display()),
        format!("{}:.", bin.display()),
        format!(":{}", bin.display()),
        String::new(),
    ];
    for path in &paths {
        for godebug in ["", "execerrdot=0"] {
            let runit = |exe: &Path| {
                run(Command::new(exe)
                    .args(args)
                    .current_dir(&work)
                    .env("PATH", path)
                    .env("GODEBUG", godebug))
            };
            let got = runit(&tb);
            let want = runit(&go);
            assert_eq!(got, want, "PATH={path:?} GODEBUG={godebug:?}");
        }
    }
}
