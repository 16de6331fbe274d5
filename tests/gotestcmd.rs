//! `tbuild test` against `go test` on the module under tests/gotestcmd/: passing and
//! failing tests, helpers, cleanups, subtests (nested, repeated names, names with spaces),
//! skips, FailNow, TestMain with its own flag, AllocsPerRun, an external `_test` package beside an
//! internal one, TempDir and Setenv, examples, parallel subtests, a panic, a package that
//! does not compile, one with a test of the wrong signature, an internal test importing its importer, one without test files, a main package, and the -run, -v, -count, -failfast and
//! -short flags, in package-list mode (`tbuild test ./pkg`) and in directory mode (`tbuild
//! test` in the package). stdout, stderr and the exit status must be go's once durations
//! are masked (`(0.00s)` and the summary line's `0.012s`). Benchmarks are compared by shape:
//! the same lines with every number masked, N growing with -benchtime, exactly N with
//! `-benchtime 7x`.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

/// A copy of tests/gotestcmd in a temporary directory.
fn fixtures() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let (_, err, code) = run(Command::new("cp")
        .arg("-r")
        .arg(root().join("tests/gotestcmd"))
        .arg(tmp.path()));
    assert_eq!(code, 0, "cp: {err}");
    tmp
}

fn go_test(dir: &Path, args: &[&str]) -> (String, String, i32) {
    run(Command::new("go")
        .arg("test")
        .args(args)
        .current_dir(dir)
        .env("CGO_ENABLED", "0")
        .env("GOPROXY", "off")
        // Never a cached result: tbuild runs every time.
        .env("GOFLAGS", "-count=1")
        .env("GOWORK", "off")
        .env("GO111MODULE", "on")
        .env("GOCACHE", std::env::temp_dir().join("tbuild-test-gocache")))
}

fn tbuild_test(dir: &Path, args: &[&str]) -> (String, String, i32) {
    run(tbuild().arg("test").args(args).current_dir(dir))
}

/// Durations masked: `(0.00s)` and a summary line's `\t0.012s`.
fn mask(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut l = line.to_string();
        // `--- PASS: TestX (0.00s)`
        while let Some(open) = l.find(" (") {
            let rest = &l[open + 2..];
            let Some(close) = rest.find("s)") else { break };
            if rest[..close]
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.')
                && close > 0
            {
                l = format!("{} (T){}", &l[..open], &rest[close + 2..]);
            } else {
                break;
            }
        }
        // `ok  \tpath\t0.012s [no tests to run]`, `FAIL\tpath\t0.012s`
        if l.starts_with("ok  \t") || l.starts_with("FAIL\t") {
            let parts: Vec<&str> = l.splitn(3, '\t').collect();
            if parts.len() == 3 {
                let (dur, tail) = parts[2].split_once(' ').unwrap_or((parts[2], ""));
                if dur.ends_with('s') && dur[..dur.len() - 1].parse::<f64>().is_ok() {
                    let tail = if tail.is_empty() {
                        String::new()
                    } else {
                        format!(" {tail}")
                    };
                    l = format!("{}\t{}\tT{tail}", parts[0], parts[1]);
                }
            }
        }
        out.push_str(&l);
        out.push('\n');
    }
    out
}

/// Runs both in `dir` (relative to the module) and compares them.
fn same(tmp: &Path, dir: &str, args: &[&str]) {
    let d = tmp.join("gotestcmd").join(dir);
    let (gout, gerr, gcode) = go_test(&d, args);
    let (tout, terr, tcode) = tbuild_test(&d, args);
    let what = format!("test {args:?} in {dir}");
    assert_eq!(mask(&tout), mask(&gout), "stdout of {what}\nstderr: {terr}");
    assert_eq!(terr, gerr, "stderr of {what}");
    assert_eq!(tcode, gcode, "exit status of {what}");
}

#[test]
fn tests_run_as_go_tests_run_them() {
    if !have("go") {
        return;
    }
    let tmp = fixtures();
    let t = tmp.path();
    let cases: &[(&str, &[&str])] = &[
        (".", &["./pass"]),
        (".", &["-v", "./pass"]),
        (".", &["./fail"]),
        (".", &["-v", "./fail"]),
        (".", &["./sub"]),
        (".", &["-v", "./sub"]),
        (".", &["./testmain"]),
        (".", &["-v", "./testmain", "-args", "-extra=fail"]),
        (".", &["-v", "./ext"]),
        (".", &["-v", "./tempdir"]),
        (".", &["./examples"]),
        (".", &["-v", "./examples"]),
        (".", &["-v", "-run", "Wrong|First", "./examples"]),
        (".", &["./notests"]),
        (".", &["./parallel"]),
        (".", &["-v", "./skipall"]),
        (".", &["-v", "./cmd/hello"]),
        // testing.AllocsPerRun counts runtime.MemStats.Mallocs as go's does.
        (".", &["-v", "./allocs"]),
        // Top-level parallel tests: paused until the sequential ones are done.
        (".", &["./benchfail"]),
        (".", &["-v", "-run", "S|P1", "./benchfail"]),
        (".", &["./buildfail"]),
        (".", &["./wrongsig"]),
        (".", &["./cyc"]),
        (".", &["./pass", "./fail", "./notests"]),
        // Patterns (`./...` would take in the panic, whose traceback is tbuild's own).
        (".", &["./e...", "./s..."]),
        // -run: split at slashes per level, unanchored, with the usual syntax.
        (".", &["-v", "-run", "Tree/x", "./sub"]),
        (".", &["-v", "-run", "Tree/y/one", "./sub"]),
        (".", &["-v", "-run", "/skip", "./sub"]),
        (".", &["-run", "^TestS(kips|kipped)$", "./sub", "-v"]),
        (".", &["-v", "-run", "Tr[a-f]e+/^.$", "./sub"]),
        (
            ".",
            &["-v", "-run", "Tes{1}tN[a-z]{2,}e/a.{0,2}b", "./pass"],
        ),
        (".", &["-v", "-run", "TestName/a_b/c", "./pass"]),
        (".", &["-v", "-run", "TestName/a\\sb", "./pass"]),
        (".", &["-v", "-run", "Nothing", "./pass"]),
        (".", &["-run", "Nothing", "./pass"]),
        (".", &["-run", "(a", "./pass"]),
        (".", &["-test.run=Sum", "-test.v", "./pass"]),
        // -count, -failfast, -short.
        (".", &["-v", "-count", "2", "./pass"]),
        (".", &["-count=2", "./fail"]),
        (".", &["-failfast", "./fail"]),
        (".", &["-v", "-failfast", "./sub"]),
        (".", &["-short", "-v", "-run", "Short", "./pass"]),
        // T.Deadline under go test's default -timeout of ten minutes; -list.
        (".", &["-v", "-run", "Deadline", "./slow"]),
        (".", &["-list", ".", "./slow"]),
        (".", &["-list", "S|E", "./slow"]),
        // -shuffle: the same order as go's for a seed (math/rand's sequences are Go's).
        (".", &["-v", "-shuffle", "12345", "./sub"]),
        (".", &["-shuffle", "7", "./fail"]),
        // Directory mode: the program's output streamed, `exit status 1` on failure.
        ("pass", &[]),
        ("fail", &[]),
        ("sub", &["-v"]),
        ("examples", &[]),
        ("notests", &[]),
        ("buildfail", &[]),
        ("pass", &["-run", "Nothing"]),
    ];
    for (dir, args) in cases {
        same(t, dir, args);
    }
    // A bad -shuffle is the go command's error, exit status 2.
    let d = t.join("gotestcmd");
    let (_, gerr, gcode) = go_test(&d, &["-shuffle", "x", "./fail"]);
    let (_, terr, tcode) = tbuild_test(&d, &["-shuffle", "x", "./fail"]);
    assert_eq!(tcode, gcode);
    assert_eq!(terr.lines().next(), gerr.lines().next(), "{terr}");
}

/// A panicking test, and one running past -timeout: the --- FAIL lines of it and its parents, go's panic line with
/// `[recovered]`, then a traceback (tbuild's frames are its own) and the FAIL summary.
#[test]
fn a_panic_fails_the_package_as_in_go() {
    if !have("go") {
        return;
    }
    let tmp = fixtures();
    let d = tmp.path().join("gotestcmd");
    let (gout, _, gcode) = go_test(&d, &["./panics"]);
    let (tout, _, tcode) = tbuild_test(&d, &["./panics"]);
    let head = |s: &str| -> String {
        let s = mask(s);
        s.lines()
            .take_while(|l| !l.starts_with("goroutine "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let tail = |s: &str| -> Vec<String> {
        let s = mask(s);
        let lines: Vec<String> = s.lines().map(str::to_string).collect();
        lines[lines.len() - 2..].to_vec()
    };
    assert!(head(&gout).contains("panic: assignment to entry in nil map [recovered]"));
    assert_eq!(head(&tout), head(&gout));
    assert_eq!(tail(&tout), tail(&gout));
    assert_eq!((tcode, gcode), (1, 1));
    // -timeout: the program panics past it.
    let (gout, _, gcode) = go_test(&d, &["-timeout", "500ms", "./slow"]);
    let (tout, _, tcode) = tbuild_test(&d, &["-timeout", "500ms", "./slow"]);
    assert!(head(&gout).contains("panic: test timed out after 500ms"));
    assert_eq!(head(&tout), head(&gout));
    assert_eq!(tail(&tout), tail(&gout));
    assert_eq!((tcode, gcode), (1, 1));
}

/// Every number of a line masked and its spaces removed (the columns' widths depend on
/// the numbers).
fn shape(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| {
            let mut out = String::new();
            let mut in_num = false;
            for c in l.chars() {
                if c.is_ascii_digit() || (in_num && c == '.') {
                    if !in_num {
                        out.push('N');
                    }
                    in_num = true;
                } else {
                    in_num = false;
                    out.push(c);
                }
            }
            out.replace(' ', "")
        })
        .collect()
}

/// The N of a benchmark result line.
fn iterations(line: &str) -> u64 {
    line.split('\t').nth(1).unwrap().trim().parse().unwrap()
}

#[test]
fn benchmarks_print_as_gos() {
    if !have("go") {
        return;
    }
    let tmp = fixtures();
    let d = tmp.path().join("gotestcmd");
    for args in [
        &[
            "-run",
            "XXX",
            "-bench",
            ".",
            "-benchtime",
            "0.2s",
            "./bench",
        ][..],
        &[
            "-v",
            "-run",
            "XXX",
            "-bench",
            "Sub|Rep",
            "-benchtime",
            "7x",
            "./bench",
        ][..],
        &[
            "-run",
            "XXX",
            "-bench",
            ".",
            "-benchtime",
            "100x",
            "./benchfail",
        ][..],
        &[
            "-v",
            "-run",
            "XXX",
            "-bench",
            ".",
            "-benchtime",
            "100x",
            "./benchfail",
        ][..],
        &[
            "-run",
            "XXX",
            "-bench",
            "Rep",
            "-benchmem",
            "-count",
            "2",
            "./bench",
        ][..],
    ] {
        let (gout, _, gcode) = go_test(&d, args);
        let (tout, terr, tcode) = tbuild_test(&d, args);
        assert_eq!(
            shape(&tout),
            shape(&gout),
            "{args:?}\ntbuild:\n{tout}\n{terr}\ngo:\n{gout}"
        );
        assert_eq!(tcode, gcode);
        // The name column is padded as go pads it: the same up to the first tab.
        let cols = |s: &str| -> Vec<String> {
            s.lines()
                .filter(|l| l.starts_with("Benchmark") && l.contains('\t'))
                .map(|l| l.split('\t').next().unwrap().to_string())
                .collect()
        };
        assert_eq!(cols(&tout), cols(&gout));
        for line in tout
            .lines()
            .filter(|l| l.starts_with("Benchmark") && l.contains(" ns/op"))
        {
            let n = iterations(line);
            if args.contains(&"7x") {
                assert_eq!(n, 7, "{line}");
            } else if args.contains(&"100x") {
                assert_eq!(n, 100, "{line}");
            } else {
                // Grown from 1 toward the 0.2 s goal (each op takes well under 20 ms).
                assert!(n > 100, "{line}");
            }
        }
    }
}

/// A small xorshift generator, seeded from TBUILD_GOTESTCMD_SEED (default 1).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const NAME_RUNES: &[char] = &['a', 'b', 'c', 'M', '0', '1', '_', '.', '-'];

fn random_alternation(r: &mut Rng, depth: u32) -> String {
    let mut s = random_sequence(r, depth);
    if r.below(5) == 0 {
        s.push('|');
        s.push_str(&random_sequence(r, depth));
    }
    s
}

fn random_sequence(r: &mut Rng, depth: u32) -> String {
    let mut s = String::new();
    for _ in 0..1 + r.below(3) {
        let atom = match r.below(12) {
            0 => ".".to_string(),
            1 => ["[a-c]", "[^b]", "[_0-9]", "[.M]", "[-a]"][r.below(5)].to_string(),
            2 => ["\\d", "\\w", "\\.", "\\W"][r.below(4)].to_string(),
            3 if depth < 3 => format!("({})", random_alternation(r, depth + 1)),
            4 if depth < 3 => format!("(?:{})", random_alternation(r, depth + 1)),
            5 => {
                // Anchors take no repetition.
                s.push_str(["^", "$"][r.below(2)]);
                continue;
            }
            _ => {
                let c = NAME_RUNES[r.below(NAME_RUNES.len())];
                if c == '.' && r.below(2) == 0 {
                    "\\.".to_string()
                } else {
                    c.to_string()
                }
            }
        };
        s.push_str(&atom);
        s.push_str(["", "", "", "*", "+", "?", "{2}", "{1,2}", "{0,}", "*?"][r.below(10)]);
    }
    s
}

/// -run against go's regexp package: one test with subtests of random names, built once
/// by each tool (`test -c`), then run with random patterns (one or two levels) of the
/// syntax the bundled matcher accepts; the tests run (the -v lines, durations masked) and
/// the exit status must be go's. TBUILD_GOTESTCMD_PATTERNS sets the count (default 300).
#[test]
fn run_patterns_select_as_gos_regexp() {
    if !have("go") {
        return;
    }
    let seed: u64 = std::env::var("TBUILD_GOTESTCMD_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let count: usize = std::env::var("TBUILD_GOTESTCMD_PATTERNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    let mut r = Rng(seed.wrapping_mul(0x9e3779b97f4a7c15) | 1);
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::write(d.join("go.mod"), "module example.com/re\n\ngo 1.19\n").unwrap();
    let mut names = Vec::new();
    for _ in 0..40 {
        let n: String = (0..r.below(7))
            .map(|_| NAME_RUNES[r.below(NAME_RUNES.len())])
            .collect();
        names.push(format!("{n:?}"));
    }
    let src = format!(
        "package re\n\nimport \"testing\"\n\nfunc TestM(t *testing.T) {{\n\tfor _, n := range []string{{{}}} {{\n\t\tt.Run(n, func(t *testing.T) {{}})\n\t}}\n}}\n\nfunc TestMab(t *testing.T) {{}}\n\nfunc TestX_1(t *testing.T) {{}}\n\nfunc Test(t *testing.T) {{}}\n",
        names.join(", ")
    );
    std::fs::write(d.join("re_test.go"), src).unwrap();
    let (_, err, code) = go_test(d, &["-c", "-o", "go.test"]);
    assert_eq!(code, 0, "{err}");
    let (_, err, code) = tbuild_test(d, &["-c", "-o", "tb.test"]);
    assert_eq!(code, 0, "{err}");
    let mut matched_some = 0;
    for _ in 0..count {
        let mut pat = random_alternation(&mut r, 0);
        if r.below(2) == 0 {
            pat = format!("{}/{}", ["M", "TestM$", "^T", "."][r.below(4)], pat);
        }
        let flag = format!("-test.run={pat}");
        let (gout, gerr, gcode) = run(Command::new(d.join("go.test"))
            .args([&flag, "-test.v"])
            .current_dir(d));
        let (tout, terr, tcode) = run(Command::new(d.join("tb.test"))
            .args([&flag, "-test.v"])
            .current_dir(d));
        assert_eq!(
            (mask(&tout), tcode),
            (mask(&gout), gcode),
            "pattern {pat:?}\ngo stderr: {gerr}\ntbuild stderr: {terr}"
        );
        if gout.contains("=== RUN   TestM/") {
            matched_some += 1;
        }
    }
    // The patterns are not all trivial: some select subtests, some do not.
    assert!(
        matched_some > count / 10 && matched_some < count,
        "{matched_some}"
    );
}
