//! Deep nesting: every construct builds at the depth Go builds (100,000), and past tbuild's
//! documented limit (codegen parser::MAX_NESTING, 150,000) the build fails with Go-style
//! `file:line:col: expression nested too deeply` (or type, statement) and exit status 1.
//!
//! Each program is generated at a depth: a small one is built by Go and by tbuild and both
//! outputs are compared (the programs mean the same at every depth), then the program is
//! built by tbuild at 100,000 and run, and what it prints is checked against the value the
//! generator computes. Go itself is not run at 100,000 for every construct: some take it
//! hours (nested calls or ifs are quadratic in cmd/compile: 10,000 nested calls took 126 s),
//! and beyond about 400,000 levels it crashes ("goroutine stack exceeds 1000000000-byte
//! limit"); the parenthesis, block and type programs are the ones it builds in seconds, and
//! those are compared at 100,000 too.

mod common;

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::time::Duration;

use common::*;

/// Go's depth: cmd/compile builds 100,000 nested parentheses or blocks (issue 9).
const GO_DEPTH: usize = 100_000;
/// tbuild's limit (codegen/src/compile/parser.rs MAX_NESTING).
const MAX_NESTING: usize = 150_000;

/// One construct nested `n` deep, as a whole program, and what it prints.
struct Program {
    src: String,
    prints: String,
}

fn program(top: &str, body: &str, prints: impl ToString) -> Program {
    Program {
        src: format!("package main\n\n{top}\nfunc main() {{\n\t{body}\n}}\n"),
        prints: prints.to_string() + "\n",
    }
}

fn rep(s: &str, n: usize) -> String {
    s.repeat(n)
}

/// The constructs: (name, the opening token the limit is reported at, generator).
type Gen = fn(usize) -> Program;
const CONSTRUCTS: &[(&str, &str, Gen)] = &[
    ("parentheses", "(", |n| {
        program(
            "",
            &format!("x := {}1{}\n\tprintln(x)", rep("(", n), rep(")", n)),
            1,
        )
    }),
    ("unary operators", "-", |n| {
        let sign = if n % 2 == 0 { "" } else { "-" };
        program(
            "",
            &format!("x := {}1\n\tprintln(x)", rep("- ", n)),
            format!("{sign}1"),
        )
    }),
    ("binary operators", "+", |n| {
        program(
            "",
            &format!("y := 1\n\tx := y{}\n\tprintln(x)", rep("+y", n)),
            n + 1,
        )
    }),
    ("constant operators", "+", |n| {
        program("", &format!("x := 1{}\n\tprintln(x)", rep("+1", n)), n + 1)
    }),
    ("calls", "(", |n| {
        program(
            "func f(x int) int { return x + 1 }\n",
            &format!("x := {}0{}\n\tprintln(x)", rep("f(", n), rep(")", n)),
            n,
        )
    }),
    ("call chains", "(", |n| {
        program(
            "type F func() F\n\nvar calls int\n\nfunc g() F { calls++; return g }\n",
            &format!("g{}\n\tprintln(calls)", rep("()", n)),
            n,
        )
    }),
    ("index expressions", "[", |n| {
        program(
            "",
            &format!(
                "a := []int{{0}}\n\tx := {}0{}\n\tprintln(x)",
                rep("a[", n),
                rep("]", n)
            ),
            0,
        )
    }),
    ("index chains", "[", |n| {
        program(
            "type A []A\n",
            &format!(
                "a := A{{nil}}\n\ta[0] = a\n\tx := a{}\n\tprintln(len(x))",
                rep("[0]", n)
            ),
            1,
        )
    }),
    ("selectors", ".", |n| {
        program(
            "type S struct{ f *S }\n",
            &format!(
                "s := &S{{}}\n\ts.f = s\n\tx := s{}\n\tprintln(x == s)",
                rep(".f", n)
            ),
            true,
        )
    }),
    ("composite literals", "{", |n| {
        // Elided element types: [1][1]...int{{...{7}...}}.
        program(
            "",
            &format!(
                "x := {}int{}7{}\n\tprintln(x{})",
                rep("[1]", n),
                rep("{", n),
                rep("}", n),
                rep("[0]", n)
            ),
            7,
        )
    }),
    ("typed composite literals", "{", |n| {
        program(
            "type T []T\n",
            &format!("x := {}{}\n\tprintln(len(x))", rep("T{", n), rep("}", n)),
            if n > 1 { 1 } else { 0 },
        )
    }),
    ("blocks", "{", |n| {
        program("", &format!("{}println(1){}", rep("{", n), rep("}", n)), 1)
    }),
    ("if statements", "{", |n| {
        program(
            "",
            &format!("{}println(1){}", rep("if true {", n), rep("}", n)),
            1,
        )
    }),
    ("else if chains", "{", |n| {
        program(
            "var b = false\n",
            &format!(
                "if b {{\n\t}}{} else {{\n\t\tprintln(1)\n\t}}",
                rep(" else if b {\n\t}", n)
            ),
            1,
        )
    }),
    ("for statements", "{", |n| {
        program(
            "",
            &format!("{}println(1)\n{}", rep("for {", n), rep("break\n}\n", n)),
            1,
        )
    }),
    ("switch statements", "switch", |n| {
        program(
            "",
            &format!(
                "{}println(1){}",
                rep("switch {\n\tcase true:\n\t", n),
                rep("\n\t}", n)
            ),
            1,
        )
    }),
    ("labels", "L", |n| {
        let mut body = String::from("if false {\n");
        for i in 0..n {
            let _ = writeln!(body, "goto L{i}");
        }
        body.push_str("}\n");
        for i in 0..n {
            let _ = writeln!(body, "L{i}:");
        }
        program("", &(body + "println(1)"), 1)
    }),
    ("pointer types", "*", |n| {
        program(
            "",
            &format!("var x {}int\n\tprintln(x == nil)", rep("*", n)),
            true,
        )
    }),
    ("slice types", "[", |n| {
        program(
            "",
            &format!("var x {}int\n\tprintln(x == nil)", rep("[]", n)),
            true,
        )
    }),
    ("func types", "func", |n| {
        program(
            "",
            &format!(
                "var x {}\n\tprintln(x == nil)",
                rep("func(", n) + &rep(")", n)
            ),
            true,
        )
    }),
    ("struct types", "struct", |n| {
        program(
            "",
            &format!(
                "var x {}int{}\n\tx{} = 3\n\tprintln(x{})",
                rep("struct{ a ", n),
                rep(" }", n),
                rep(".a", n),
                rep(".a", n)
            ),
            3,
        )
    }),
];

/// Chains of declarations, each referring to the next one down: not nested syntax, but
/// resolved recursively by the checker (and by Go's).
const CHAINS: &[(&str, Gen)] = &[
    ("constant declarations", |n| {
        let mut top = String::new();
        for i in (1..=n).rev() {
            let _ = writeln!(top, "const c{i} = c{} + 1", i - 1);
        }
        top.push_str("const c0 = 0\n");
        program(&top, &format!("println(c{n})"), n)
    }),
    ("type declarations", |n| {
        let mut top = String::new();
        for i in (1..=n).rev() {
            let _ = writeln!(top, "type T{i} [1]T{}", i - 1);
        }
        top.push_str("type T0 int\n");
        program(&top, &format!("var x T{n}\n\tprintln(len(x))"), 1)
    }),
];

fn write(dir: &Path, name: &str, src: &str) -> std::path::PathBuf {
    let path = dir.join(format!("{}.go", name.replace(' ', "_")));
    fs::write(&path, src).unwrap();
    path
}

/// The most memory (peak RSS) a build of one of these programs may take. The deepest take
/// under 900 MB in a release build; a debug build's larger frames make the recursion over
/// 100,000 nested ifs touch more stack, about 3.2 GB in all. 100,000 nested inlined calls
/// once took 20 GB (Cranelift's SSA builder keeps a map per variable indexed by block,
/// inline.rs `new_var`), and CI's machine killed the build.
const MAX_BUILD_RSS_KB: u64 = if cfg!(debug_assertions) {
    6 << 20
} else {
    2 << 20
};

/// Builds with tbuild and runs: the program's stdout, or a panic with tbuild's messages.
/// The build's peak RSS is measured by /usr/bin/time and bounded by [`MAX_BUILD_RSS_KB`].
fn tbuild_output(path: &Path, dir: &Path) -> String {
    let exe = dir.join("prog");
    let timed = have("/usr/bin/time");
    let mut cmd = if timed {
        let mut c = std::process::Command::new("/usr/bin/time");
        c.args(["-f", "maxrss %M"])
            .arg(env!("CARGO_BIN_EXE_tbuild"));
        c
    } else {
        tbuild()
    };
    let (_, err, code) = run_timeout(cmd.arg("-o").arg(&exe).arg(path), Duration::from_secs(600));
    assert_eq!(code, 0, "tbuild failed on {}:\n{err}", path.display());
    if timed {
        let kb: u64 = err
            .lines()
            .rev()
            .find_map(|l| l.strip_prefix("maxrss "))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("no maxrss from /usr/bin/time: {err}"));
        assert!(
            kb <= MAX_BUILD_RSS_KB,
            "building {} took {kb} KB of memory",
            path.display()
        );
    }
    let (out, err, code) = run(&mut std::process::Command::new(&exe));
    assert_eq!(code, 0, "{} exited {code}: {err}", path.display());
    let _ = fs::remove_file(&exe);
    // println writes to stderr.
    out + &err
}

/// At a small depth, every program prints under tbuild what it prints under Go.
#[test]
fn programs_mean_what_go_says() {
    if !have("go") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let all = CONSTRUCTS
        .iter()
        .map(|(name, _, g)| (*name, *g))
        .chain(CHAINS.iter().copied());
    for (name, generate) in all {
        for n in [1, 2, 7] {
            let p = generate(n);
            let path = write(dir.path(), name, &p.src);
            let (out, err, code) = go_run(&path);
            assert_eq!(code, 0, "{name} at {n}");
            assert_eq!(out + &err, p.prints, "Go on {name} at {n}");
            assert_eq!(tbuild_output(&path, dir.path()), p.prints, "{name} at {n}");
        }
    }
}

/// How deep a construct is built: Go's depth, except for nested typed composite literals.
/// Each level's slice stays live while the next is built, and Cranelift's register allocator
/// takes time quadratic in that number, as Go's compiler does (10,000 levels took Go 43 s;
/// tbuild about 10 s).
fn depth_built(name: &str) -> usize {
    if name == "typed composite literals" {
        5_000
    } else {
        GO_DEPTH
    }
}

/// Every construct, and every chain of declarations, builds at Go's depth and runs.
#[test]
fn every_construct_builds_at_go_depth() {
    let dir = tempfile::tempdir().unwrap();
    let all = CONSTRUCTS
        .iter()
        .map(|(name, _, g)| (*name, *g))
        .chain(CHAINS.iter().copied());
    for (name, generate) in all {
        let p = generate(depth_built(name));
        let path = write(dir.path(), name, &p.src);
        assert_eq!(
            tbuild_output(&path, dir.path()),
            p.prints,
            "{name} at {}",
            depth_built(name)
        );
    }
}

/// Go builds 100,000 nested parentheses, blocks and pointer types, and its programs print
/// what tbuild's print.
#[test]
fn go_builds_the_same_at_go_depth() {
    if !have("go") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (name, _, generate) in CONSTRUCTS {
        if !matches!(*name, "parentheses" | "blocks" | "pointer types") {
            continue;
        }
        let p = generate(GO_DEPTH);
        let path = write(dir.path(), name, &p.src);
        let (out, err, code) = go_run(&path);
        assert_eq!((code, out + &err), (0, p.prints), "Go on {name}");
    }
}

/// Past the limit, each construct is an error at the token that went too deep, and no
/// output is written.
#[test]
fn past_the_limit_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    for (name, token, generate) in CONSTRUCTS {
        if *name == "composite literals" {
            // Its type is as deep as the literal, and the type comes first.
            continue;
        }
        let p = generate(MAX_NESTING + 1);
        let path = write(dir.path(), name, &p.src);
        let exe = dir.path().join("prog");
        let (out, err, code) = run_timeout(
            tbuild().arg("-o").arg(&exe).arg(&path),
            Duration::from_secs(600),
        );
        assert_eq!(code, 1, "{name}: {out}{err}");
        assert!(!exe.exists(), "{name}: an output was written");
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 1, "{name}: {err}");
        let (place, msg) = lines[0].split_once(": ").unwrap();
        let what = match *name {
            "pointer types" | "slice types" | "func types" | "struct types" => "type",
            "blocks" | "if statements" | "else if chains" | "for statements"
            | "switch statements" | "labels" => "statement",
            _ => "expression",
        };
        assert_eq!(msg, format!("{what} nested too deeply"), "{name}");
        // file:line:col names the token of the construct that went one level too deep;
        // from column 255 on, file:line only, as Go's compiler prints it (8-bit columns).
        let file = path.to_str().unwrap();
        let rest = place.strip_prefix(file).and_then(|r| r.strip_prefix(':'));
        let rest = rest.unwrap_or_else(|| panic!("{name}: {place} does not name {file}"));
        let (line, col) = match rest.split_once(':') {
            Some((l, c)) => (
                l.parse::<usize>().unwrap(),
                Some(c.parse::<usize>().unwrap()),
            ),
            None => (rest.parse::<usize>().unwrap(), None),
        };
        let text = p.src.lines().nth(line - 1).unwrap();
        match col {
            Some(col) => assert!(
                col < 255 && text[col - 1..].starts_with(token),
                "{name}: {place} is at {:?}, not {token}",
                &text[col - 1..(col + 9).min(text.len())]
            ),
            None => assert!(
                text.len() >= 255 && text[254..].contains(token),
                "{name}: {place}: no {token} from column 255 on"
            ),
        }
    }
}

/// Less than the stack a debug build asks for (6 GiB), or a release build (1 GiB), plus
/// what the rest of tbuild maps.
const LIMIT: u64 = if cfg!(debug_assertions) {
    2 << 30
} else {
    768 << 20
};

/// `cmd` run under an address-space limit of [`LIMIT`].
fn limited(cmd: &mut std::process::Command) {
    use std::os::unix::process::CommandExt as _;
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            let lim = libc::rlimit {
                rlim_cur: LIMIT,
                rlim_max: LIMIT,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

/// Under a limited address space (`ulimit -v`) the compile stack cannot be mapped at full
/// size: tbuild falls back to a smaller one, builds an ordinary program, and reports nesting
/// that the smaller stack cannot hold as too deep instead of overflowing it. (gotest.rs runs
/// tbuild under such a limit: this once failed every build with "starting the compiler:
/// Resource temporarily unavailable".)
#[test]
fn a_limited_address_space_gets_a_smaller_stack() {
    let dir = tempfile::tempdir().unwrap();
    let exe = dir.path().join("prog");
    let small = write(
        dir.path(),
        "small",
        "package main\n\nfunc main() { println(1 + (2)) }\n",
    );
    let mut cmd = tbuild();
    cmd.arg("-o").arg(&exe).arg(&small);
    limited(&mut cmd);
    let (out, err, code) = run_timeout(&mut cmd, Duration::from_secs(120));
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(run(&mut std::process::Command::new(&exe)).1, "3\n");

    // Deeper than a quarter of the full stack holds, within MAX_NESTING.
    let (_, _, generate) = CONSTRUCTS[0];
    let deep = write(dir.path(), "deep", &generate(MAX_NESTING / 2).src);
    let mut cmd = tbuild();
    cmd.arg("-o").arg(dir.path().join("deep")).arg(&deep);
    limited(&mut cmd);
    let (out, err, code) = run_timeout(&mut cmd, Duration::from_secs(600));
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.ends_with(": expression nested too deeply\n"), "{err}");
}

/// A cold build under the same limit: the bundled packages compile two at once, and the
/// compile threads' stacks must leave the heap room. Each stack once took as much of the
/// limit as would map (3 GiB, then 768 MiB, of 4 GiB in a debug build), and the build died
/// of "memory allocation of 72 bytes failed", or failed with a false "tbuild does not
/// support importing" when an imported package's compiler thread could not start (in
/// tests/gotest.rs, which builds under 4 GiB, when its cache was cold).
#[test]
fn a_cold_build_under_a_limited_address_space_leaves_the_heap_room() {
    let dir = tempfile::tempdir().unwrap();
    let src = write(
        dir.path(),
        "imports",
        "package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n\t\"sort\"\n\t\"strings\"\n\t\"testing\"\n)\n\n\
         func main() {\n\tx := []string{\"b\", \"a\"}\n\tsort.Strings(x)\n\t\
         fmt.Fprintf(os.Stdout, \"%s %T\\n\", strings.Join(x, \",\"), (*testing.T)(nil))\n}\n",
    );
    let exe = dir.path().join("imports");
    let mut cmd = tbuild();
    cmd.arg("-o")
        .arg(&exe)
        .arg(&src)
        .env("TBUILD_CACHE", dir.path().join("cache"));
    limited(&mut cmd);
    let (out, err, code) = run_timeout(&mut cmd, Duration::from_secs(300));
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        run(&mut std::process::Command::new(&exe)).0,
        "a,b *testing.T\n"
    );
}
