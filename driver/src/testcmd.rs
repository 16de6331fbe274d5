//! `tbuild test [PACKAGES] [FLAGS]`: go test. For each package named, the package is
//! compiled together with its `_test.go` files of the same package, then the external
//! test package (`package p_test`) if there is one, then a generated test main that lists
//! their `Test*`, `Benchmark*` and `Example*` functions (those with an output comment) for
//! the bundled `testing` package and calls `TestMain` if the package declares one. The
//! program is linked, run in the package's directory with the test flags turned into
//! `-test.*` flags, and its result summarised as the go command does (`ok  \tpath\t0.012s`,
//! `FAIL\tpath\t0.012s`, `?   \tpath\t[no test files]`): cmd/go/internal/test streams the
//! program's output when no package is named (or with -bench) and prints it only on
//! failure (or with -v) otherwise. Tests are never cached, as with go test -count=1.

use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use tbuild_codegen::compile::ast::{Decl, FuncDecl, TypeExprKind};

use crate::build::Error;
use crate::files::read_input;
use crate::load::{Loader, ModMode, Package, TestFiles};
use crate::BuildArgs;

/// The flags the go command passes on to the test binary, as `-test.NAME`, and whether
/// they take a value.
const TEST_FLAGS: &[(&str, bool)] = &[
    ("bench", true),
    ("benchmem", false),
    ("benchtime", true),
    ("count", true),
    ("failfast", false),
    ("list", true),
    ("parallel", true),
    ("run", true),
    ("short", false),
    ("shuffle", true),
    ("timeout", true),
    ("v", false),
];

/// What the command line says.
#[derive(Default)]
struct TestArgs {
    packages: Vec<String>,
    /// Flags for the test binary, as `-test.NAME=VALUE`.
    binary: Vec<String>,
    verbose: bool,
    bench: bool,
    mode: Option<String>,
    keep_work: bool,
    trimpath: bool,
    /// `-c`: write the test program instead of running it (to `-o`, else `NAME.test`).
    compile_only: bool,
    output: Option<PathBuf>,
    list: bool,
    timeout: bool,
}

fn parse_args(args: &[String]) -> Result<TestArgs, String> {
    let mut out = TestArgs::default();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if a == "-args" || a == "--args" {
            out.binary.extend(args[i..].iter().cloned());
            break;
        }
        let Some(flag) = a.strip_prefix("--").or_else(|| a.strip_prefix('-')) else {
            out.packages.push(a.clone());
            continue;
        };
        let (name, value) = match flag.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (flag, None),
        };
        let short = name.strip_prefix("test.").unwrap_or(name);
        match short {
            "mod" => {
                let v = match value {
                    Some(v) => v,
                    None if i < args.len() => {
                        i += 1;
                        args[i - 1].clone()
                    }
                    None => return Err("flag needs an argument: -mod".into()),
                };
                out.mode = Some(v);
                continue;
            }
            "work" => {
                out.keep_work = true;
                continue;
            }
            "trimpath" => {
                out.trimpath = true;
                continue;
            }
            "c" if value.is_none() => {
                out.compile_only = true;
                continue;
            }
            "o" => {
                let v = match value {
                    Some(v) => v,
                    None if i < args.len() => {
                        i += 1;
                        args[i - 1].clone()
                    }
                    None => return Err("flag needs an argument: -o".into()),
                };
                out.output = Some(PathBuf::from(v));
                continue;
            }
            _ => {}
        }
        let Some(&(_, takes_value)) = TEST_FLAGS.iter().find(|(n, _)| *n == short) else {
            return Err(format!(
                "tbuild test: flag -{name} is not supported yet (tbuild test knows -run, -v, -count, -bench, -benchtime, -benchmem, -short, -failfast, -parallel, -shuffle, -timeout, -list, -c, -o, -args)"
            ));
        };
        let value = if takes_value {
            match value {
                Some(v) => v,
                None if i < args.len() => {
                    i += 1;
                    args[i - 1].clone()
                }
                None => return Err(format!("flag needs an argument: -{name}")),
            }
        } else {
            value.unwrap_or_else(|| "true".into())
        };
        if short == "shuffle" && value != "on" && value != "off" {
            if let Err(e) = value.parse::<i64>() {
                let why = match e.kind() {
                    std::num::IntErrorKind::PosOverflow | std::num::IntErrorKind::NegOverflow => {
                        "value out of range"
                    }
                    _ => "invalid syntax",
                };
                // As the go command checks it (cmd/go/internal/test/testflag.go).
                return Err(format!(
                    "invalid value \"{value}\" for flag -shuffle: -shuffle argument must be \"on\", \"off\", or an int64: strconv.ParseInt: parsing \"{value}\": {why}\nusage: tbuild test [build/test flags] [packages] [build/test flags & test binary flags]"
                ));
            }
        }
        match short {
            "v" => out.verbose = value != "false",
            "bench" => out.bench = !value.is_empty(),
            "list" => out.list = true,
            "timeout" => out.timeout = true,
            _ => {}
        }
        out.binary.push(format!("-test.{short}={value}"));
    }
    Ok(out)
}

/// A test function found in a test file.
struct TestFunc {
    name: String,
    /// Output comment of an example: (text, unordered).
    output: Option<(String, bool)>,
}

/// What the generated main registers from one package's test files.
#[derive(Default)]
struct Found {
    tests: Vec<TestFunc>,
    benchmarks: Vec<TestFunc>,
    examples: Vec<TestFunc>,
    test_main: bool,
}

/// Whether `name` is `prefix` followed by nothing or by a character that is not a lower
/// case letter (go's isTest).
fn is_test_name(name: &str, prefix: &str) -> bool {
    match name.strip_prefix(prefix) {
        None => false,
        Some(rest) => rest.chars().next().is_none_or(|c| !c.is_lowercase()),
    }
}

/// Whether a function takes exactly one `*pkg.NAME` and returns nothing.
fn takes_pointer_to(f: &FuncDecl, name: &str) -> bool {
    if f.params.len() != 1 || !f.results.is_empty() || !f.tparams.is_empty() || f.variadic {
        return false;
    }
    match &f.params[0].ty.kind {
        TypeExprKind::Pointer(t) => match &t.kind {
            TypeExprKind::Qualified(_, n) | TypeExprKind::Name(n) => n == name,
            _ => false,
        },
        _ => false,
    }
}

/// The byte offset of (line, col), both counted from 1.
fn offset(text: &[u8], line: u32, col: u32) -> usize {
    let mut l = 1;
    let mut i = 0;
    while l < line && i < text.len() {
        if text[i] == b'\n' {
            l += 1;
        }
        i += 1;
    }
    (i + col as usize).saturating_sub(1).min(text.len())
}

/// The comments between `from` and `to`, grouped as go/parser groups them: a comment after
/// a token on its line starts a group of its own line; other comments join the group
/// before them when they start on the line after it ends. Each group is its text as
/// go/ast's CommentGroup.Text gives it (markers removed, one space after `//` dropped).
fn comment_groups(text: &[u8], from: usize, to: usize) -> Vec<String> {
    let mut groups: Vec<(Vec<String>, usize)> = Vec::new(); // (lines, last line)
    let mut line = 1 + text[..from].iter().filter(|&&b| b == b'\n').count();
    let mut token_on_line = false;
    let mut last_was_comment_end: Option<usize> = None;
    let mut i = from;
    while i < to {
        let b = text[i];
        match b {
            b'\n' => {
                line += 1;
                token_on_line = false;
                i += 1;
            }
            b'/' if text.get(i + 1) == Some(&b'/') || text.get(i + 1) == Some(&b'*') => {
                let start_line = line;
                let block = text[i + 1] == b'*';
                let (body, end) = if block {
                    let e = text[i + 2..]
                        .windows(2)
                        .position(|w| w == b"*/")
                        .map_or(text.len(), |p| i + 2 + p + 2);
                    (
                        String::from_utf8_lossy(&text[i + 2..e.saturating_sub(2).max(i + 2)])
                            .into_owned(),
                        e,
                    )
                } else {
                    let e = text[i..]
                        .iter()
                        .position(|&c| c == b'\n')
                        .map_or(text.len(), |p| i + p);
                    let mut c = String::from_utf8_lossy(&text[i + 2..e]).into_owned();
                    if c.starts_with(' ') {
                        c.remove(0);
                    }
                    (c, e)
                };
                line += text[i..end].iter().filter(|&&c| c == b'\n').count();
                let joins = !token_on_line
                    && last_was_comment_end.is_some_and(|l| start_line <= l + 1)
                    && !groups.is_empty();
                let lines: Vec<String> = body.split('\n').map(str::to_string).collect();
                if joins {
                    let g = groups.last_mut().unwrap();
                    g.0.extend(lines);
                    g.1 = line;
                } else {
                    groups.push((lines, line));
                }
                // A comment after a token keeps its group to that line.
                last_was_comment_end = if token_on_line { None } else { Some(line) };
                i = end;
            }
            b'"' | b'\'' | b'`' => {
                token_on_line = true;
                last_was_comment_end = None;
                let mut j = i + 1;
                while j < to && text[j] != b {
                    if text[j] == b'\\' && b != b'`' {
                        j += 1;
                    }
                    if j < to && text[j] == b'\n' {
                        line += 1;
                    }
                    j += 1;
                }
                i = j + 1;
            }
            b' ' | b'\t' | b'\r' => i += 1,
            _ => {
                token_on_line = true;
                last_was_comment_end = None;
                i += 1;
            }
        }
    }
    groups
        .into_iter()
        .map(|(lines, _)| {
            let mut lines: Vec<String> = lines.iter().map(|l| l.trim_end().to_string()).collect();
            while lines.first().is_some_and(|l| l.is_empty()) {
                lines.remove(0);
            }
            while lines.last().is_some_and(|l| l.is_empty()) {
                lines.pop();
            }
            if lines.is_empty() {
                String::new()
            } else {
                lines.join("\n") + "\n"
            }
        })
        .collect()
}

/// An example's expected output: the last comment group of its body, when it starts with
/// `Output:` or `Unordered output:` (any case), as go/doc's exampleOutput reads it.
fn example_output(text: &[u8], f: &FuncDecl) -> Option<(String, bool)> {
    let from = offset(text, f.pos.line, f.pos.col);
    let to = offset(text, f.end.line, f.end.col);
    let body_start = from + text[from..to].iter().position(|&b| b == b'{')?;
    let last = comment_groups(text, body_start, to).pop()?;
    let trimmed = last.trim_start();
    let lower = trimmed.to_lowercase();
    let (rest, unordered) = if lower.starts_with("unordered output:") {
        (&trimmed["unordered output:".len()..], true)
    } else if lower.starts_with("output:") {
        (&trimmed["output:".len()..], false)
    } else {
        return None;
    };
    let rest = rest.trim_start_matches(' ');
    let rest = rest.strip_prefix('\n').unwrap_or(rest);
    Some((rest.to_string(), unordered))
}

/// Finds the test functions of test files, in file and declaration order.
fn find_tests(files: &[PathBuf], found: &mut Found) -> Result<(), String> {
    for path in files {
        let text = read_input(path, "a Go file").map_err(|e| e.to_string())?;
        let mut errs = Vec::new();
        let name = path.display().to_string();
        let lexed = tbuild_codegen::compile::lexer::lex(0, &name, &text, &mut errs);
        let mut next_id = 0;
        let (file, _) = tbuild_codegen::compile::parser::parse_file(
            &name,
            lexed.tokens,
            lexed.pragmas,
            &mut next_id,
            errs,
        );
        // A file that does not parse is reported by the compiler.
        let Some(file) = file else { continue };
        // Where go reports a declaration: its `func` keyword, the file by its full path.
        let at = |f: &FuncDecl| {
            let start = offset(&text, f.pos.line, 1);
            let name_at = offset(&text, f.pos.line, f.pos.col);
            let col = text[start..name_at]
                .windows(4)
                .rposition(|w| w == b"func")
                .map_or(f.pos.col as usize, |i| i + 1);
            format!("{}:{}:{col}", path.display(), f.pos.line)
        };
        for d in &file.decls {
            let Decl::Func(f) = d else { continue };
            if f.recv.is_some() {
                continue;
            }
            let n = f.name.as_str();
            if n == "TestMain" && takes_pointer_to(f, "M") {
                found.test_main = true;
            } else if is_test_name(n, "Test") {
                if !takes_pointer_to(f, "T") {
                    return Err(format!(
                        "{}: wrong signature for {n}, must be: func {n}(t *testing.T)",
                        at(f)
                    ));
                }
                found.tests.push(TestFunc {
                    name: n.into(),
                    output: None,
                });
            } else if is_test_name(n, "Benchmark") {
                if !takes_pointer_to(f, "B") {
                    return Err(format!(
                        "{}: wrong signature for {n}, must be: func {n}(b *testing.B)",
                        at(f)
                    ));
                }
                found.benchmarks.push(TestFunc {
                    name: n.into(),
                    output: None,
                });
            } else if is_test_name(n, "Fuzz") {
                return Err(format!(
                    "{}: tbuild test does not support fuzz tests yet ({n})",
                    at(f)
                ));
            } else if is_test_name(n, "Example") {
                if !f.params.is_empty() || !f.results.is_empty() || !f.tparams.is_empty() {
                    return Err(format!("{}: {n} should be niladic", at(f)));
                }
                if let Some(out) = example_output(&text, f) {
                    found.examples.push(TestFunc {
                        name: n.into(),
                        output: Some(out),
                    });
                }
            }
        }
    }
    Ok(())
}

/// A Go string literal for `s`.
fn quote(s: &str) -> String {
    let mut q = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            '\t' => q.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => q.push_str(&format!("\\x{:02x}", c as u32)),
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

/// The test main's source (cmd/go/internal/load/test.go's testmain template, in our words).
fn test_main(
    path: &str,
    internal: &Found,
    external: &Found,
    has_internal: bool,
    has_external: bool,
) -> String {
    let mut s = String::from(
        "// Code generated by tbuild test. DO NOT EDIT.\n\npackage main\n\nimport (\n\t\"os\"\n",
    );
    let test_main = internal.test_main || external.test_main;
    if test_main {
        s.push_str("\t\"reflect\"\n");
    }
    s.push_str("\t\"testing\"\n");
    // Each package is imported for its init functions even when none of its functions
    // is listed.
    let uses = |f: &Found| {
        !f.tests.is_empty() || !f.benchmarks.is_empty() || !f.examples.is_empty() || f.test_main
    };
    if has_internal {
        let name = if uses(internal) { "_test" } else { "_" };
        s.push_str(&format!("\n\t{name} {}\n", quote(path)));
    }
    if has_external {
        let name = if uses(external) { "_xtest" } else { "_" };
        s.push_str(&format!("\n\t{name} {}\n", quote(&format!("{path}_test"))));
    }
    s.push_str(")\n\ntype testDeps struct{}\n\n");
    s.push_str(&format!(
        "func (testDeps) ImportPath() string {{ return {} }}\n\n",
        quote(path)
    ));
    let both = [("_test", internal), ("_xtest", external)];
    s.push_str("var tests = []testing.InternalTest{\n");
    for (q, f) in both {
        for t in &f.tests {
            s.push_str(&format!("\t{{{}, {q}.{}}},\n", quote(&t.name), t.name));
        }
    }
    s.push_str("}\n\nvar benchmarks = []testing.InternalBenchmark{\n");
    for (q, f) in both {
        for t in &f.benchmarks {
            s.push_str(&format!("\t{{{}, {q}.{}}},\n", quote(&t.name), t.name));
        }
    }
    s.push_str("}\n\nvar examples = []testing.InternalExample{\n");
    for (q, f) in both {
        for t in &f.examples {
            let (out, unordered) = t.output.clone().unwrap_or_default();
            s.push_str(&format!(
                "\t{{{}, {q}.{}, {}, {unordered}}},\n",
                quote(&t.name),
                t.name,
                quote(&out)
            ));
        }
    }
    s.push_str("}\n\nfunc main() {\n\tm := testing.MainStart(testDeps{}, tests, benchmarks, nil, examples)\n");
    if test_main {
        let q = if internal.test_main {
            "_test"
        } else {
            "_xtest"
        };
        s.push_str(&format!(
            "\t{q}.TestMain(m)\n\tos.Exit(int(reflect.ValueOf(m).Elem().FieldByName(\"exitCode\").Int()))\n"
        ));
    } else {
        s.push_str("\tos.Exit(m.Run())\n");
    }
    s.push_str("}\n");
    s
}

/// The result of testing one package.
enum Outcome {
    Passed,
    Failed,
    /// The go command exits with status 2 when a test program fails to build.
    NotBuilt,
}

/// `tbuild test ARGS`: returns the exit status.
pub fn test(args: &[String]) -> Result<u8, Error> {
    let mut targs = match parse_args(args) {
        Ok(t) => t,
        Err(e) => {
            // A bad command line: exit status 2, as the go command's flag errors.
            eprintln!("{e}");
            return Ok(2);
        }
    };
    if !targs.timeout {
        // go test's default: the program panics after ten minutes.
        targs.binary.insert(0, "-test.timeout=10m0s".into());
    }
    let mode = match targs.mode.as_deref() {
        None => ModMode::Default,
        Some("vendor") => ModMode::Vendor,
        Some("mod") | Some("readonly") => ModMode::Cache,
        Some(other) => {
            return Err(Error::Io(format!(
                "-mod={other} not supported (can be '', 'mod', 'readonly', or 'vendor')"
            )))
        }
    };
    let cwd = std::env::current_dir().map_err(|e| Error::Io(format!("getwd: {e}")))?;
    let mut loader = Loader::new(&cwd, mode).map_err(Error::Io)?;
    let patterns = if targs.packages.is_empty() {
        vec![".".to_string()]
    } else {
        targs.packages.clone()
    };
    let (paths, warnings) = loader.expand(&patterns).map_err(Error::Load)?;
    for w in warnings {
        eprintln!("{}", w.replacen("go: ", "tbuild: ", 1));
    }
    let mut roots = Vec::new();
    for (p, dir) in &paths {
        match loader.load_root(p, dir.as_deref()) {
            Some(i) if !roots.contains(&i) => roots.push(i),
            Some(_) => {}
            None => {
                return Err(Error::Load(format!(
                    "tbuild test: cannot test the standard package {p}"
                )))
            }
        }
    }
    let errors = loader.errors(&roots);
    if !errors.is_empty() {
        return Err(Error::Load(errors.join("\n")));
    }
    if targs.compile_only && roots.len() > 1 {
        return Err(Error::Io(
            "cannot use -c flag with multiple packages".into(),
        ));
    }
    let list_mode = !targs.packages.is_empty();
    let stream = !list_mode || targs.bench;
    let mut status = 0u8;
    for &root in &roots {
        match test_package(&mut loader, root, &targs, &cwd, stream, roots.len())? {
            Some(Outcome::Passed) | None => {}
            Some(Outcome::Failed) => status = status.max(1),
            Some(Outcome::NotBuilt) => status = 2,
        }
    }
    if list_mode && status != 0 {
        println!("FAIL");
    }
    Ok(status)
}

/// Builds and runs one package's tests; None when it has no test files.
fn test_package(
    loader: &mut Loader,
    root: usize,
    targs: &TestArgs,
    cwd: &Path,
    stream: bool,
    count: usize,
) -> Result<Option<Outcome>, Error> {
    let pkg = loader.pkgs[root].clone();
    let tests: TestFiles = pkg.tests.clone();
    if tests.internal.is_empty() && tests.external.is_empty() {
        if targs.compile_only {
            return Ok(None);
        }
        println!("?   \t{}\t[no test files]", pkg.path);
        return Ok(None);
    }
    let mut internal = Found::default();
    let mut external = Found::default();
    let found = find_tests(&tests.internal, &mut internal)
        .and_then(|()| find_tests(&tests.external, &mut external));
    if let Err(e) = found {
        eprintln!("# {}\n{e}", pkg.path);
        println!("FAIL\t{} [setup failed]", pkg.path);
        return Ok(Some(Outcome::Failed));
    }
    // A main package is compiled under its import path, its main an ordinary function.
    loader.pkgs[root].main_under_test = pkg.name == "main";

    // The package with its test files.
    let test_imports = loader.load_test_imports(root, &tests.internal_imports);
    {
        let p = &mut loader.pkgs[root];
        p.files.extend(tests.internal.iter().cloned());
        p.files.sort();
        for i in test_imports {
            if i != root && !p.imports.contains(&i) {
                p.imports.push(i);
            }
        }
    }
    // An internal test file may not import a package that imports this one: go reports the
    // chain from the package to the one importing it back.
    for &i in &loader.pkgs[root].imports.clone() {
        if let Some(chain) = chain_to(loader, i, root) {
            let mut text = format!("# {}\npackage {}", pkg.path, pkg.path);
            for p in &chain {
                text.push_str(&format!("\n\timports {}", loader.pkgs[*p].path));
            }
            eprintln!("{text}: import cycle not allowed in test");
            println!("FAIL\t{} [setup failed]", pkg.path);
            return Ok(Some(Outcome::Failed));
        }
    }
    let mut main_imports = vec![root];
    if !tests.external.is_empty() {
        let x = loader.add_package(Package {
            path: format!("{}_test", pkg.path),
            dir: pkg.dir.clone(),
            name: format!("{}_test", pkg.name),
            files: tests.external.clone(),
            imports: Vec::new(),
            error: None,
            import_errors: Vec::new(),
            module: pkg.module,
            only_tests: false,
            tests: TestFiles::default(),
            main_under_test: false,
        });
        let imports = loader.load_test_imports(x, &tests.external_imports);
        loader.pkgs[x].imports = imports;
        main_imports.push(x);
    }
    let errors = loader.errors(&main_imports);
    if !errors.is_empty() {
        return Err(Error::Load(errors.join("\n")));
    }

    // The generated main, in a work directory of its own.
    let work = tbuild::cleanup::WorkDir::new()
        .map_err(|e| Error::Io(format!("creating the work directory: {e}")))?;
    let main_file = work.path().join("_testmain.go");
    let text = test_main(
        &pkg.path,
        &internal,
        &external,
        !tests.internal.is_empty() || !pkg.files.is_empty(),
        !tests.external.is_empty(),
    );
    std::fs::write(&main_file, text).map_err(|e| crate::files::io_err("write", &main_file, e))?;
    let main = loader.add_package(Package {
        path: format!("{}.test", pkg.path),
        dir: work.path().to_path_buf(),
        name: "main".into(),
        files: vec![main_file],
        imports: main_imports,
        error: None,
        import_errors: Vec::new(),
        module: pkg.module,
        only_tests: false,
        tests: TestFiles::default(),
        main_under_test: false,
    });
    let exe = work
        .path()
        .join(format!("{}.test", crate::pkgbuild::exec_name(&pkg.path)));
    let build_args = BuildArgs {
        output: Some(exe.clone()),
        keep_work: targs.keep_work,
        trimpath: targs.trimpath,
        // The test binary runs next, and other packages' after it.
        then_runs: true,
        ..BuildArgs::default()
    };
    let mut stages = crate::build::Stages {
        verbose: false,
        start: Instant::now(),
    };
    let built = crate::pkgbuild::compile_and_link(
        loader,
        &[main],
        &[main],
        std::slice::from_ref(&Some(exe.clone())),
        &build_args,
        cwd,
        &mut stages,
    );
    if let Err(e) = built {
        let text = match e {
            Error::Packages(t) => {
                let tag = format!(" [{}.test]", pkg.path);
                t.lines()
                    .map(|l| {
                        if l.starts_with("# ") && !l.ends_with(".test") {
                            format!("{l}{tag}\n")
                        } else {
                            format!("{l}\n")
                        }
                    })
                    .collect()
            }
            e => e.to_string(),
        };
        eprint!("{text}");
        println!("FAIL\t{} [build failed]", pkg.path);
        return Ok(Some(Outcome::NotBuilt));
    }

    if targs.compile_only {
        let out = match &targs.output {
            Some(o) if o.is_dir() => o.join(exe.file_name().unwrap_or_default()),
            Some(o) => o.clone(),
            None => PathBuf::from(exe.file_name().unwrap_or_default()),
        };
        let data = std::fs::read(&exe).map_err(|e| crate::files::io_err("read", &exe, e))?;
        crate::files::write_output(&out, &data, true)?;
        return Ok(Some(Outcome::Passed));
    }

    // Run it in the package's directory, its stdout and stderr together.
    let mut cmd = std::process::Command::new(&exe);
    cmd.args(&targs.binary).current_dir(&pkg.dir);
    tbuild::cleanup::unblock_signals_in(&mut cmd);
    let mut capture = None;
    if !stream {
        let f = tempfile::tempfile()
            .map_err(|e| Error::Io(format!("creating a temporary file: {e}")))?;
        cmd.stdout(f.try_clone().map_err(|e| Error::Io(e.to_string()))?);
        cmd.stderr(f.try_clone().map_err(|e| Error::Io(e.to_string()))?);
        capture = Some(f);
    } else {
        // go test sends the program's stderr to its own stdout.
        let out = std::io::stdout();
        let _ = out.lock().flush();
        cmd.stderr(std::process::Stdio::from(
            std::os::fd::AsFd::as_fd(&out)
                .try_clone_to_owned()
                .map_err(|e| Error::Io(e.to_string()))?,
        ));
    }
    let t0 = Instant::now();
    let status = tbuild::cleanup::while_child_runs(|| cmd.status())
        .map_err(|e| crate::files::io_err("fork/exec", &exe, e))?;
    let secs = format!("{:.3}s", t0.elapsed().as_secs_f64());
    let mut out = Vec::new();
    if let Some(mut f) = capture {
        f.rewind().map_err(|e| Error::Io(e.to_string()))?;
        f.read_to_end(&mut out)
            .map_err(|e| Error::Io(e.to_string()))?;
    }
    let mut stdout = std::io::stdout().lock();
    // cmd/go testShowPass: a passing package's output is shown with -v or -list only.
    let show = (targs.verbose || targs.list) && !stream;
    let _ = count;
    if status.success() {
        if show {
            let _ = stdout.write_all(&out);
        }
        let norun = if out.starts_with(b"testing: warning: no tests to run\n")
            || out
                .windows(35)
                .any(|w| w == b"\ntesting: warning: no tests to run\n")
        {
            " [no tests to run]"
        } else {
            ""
        };
        if show && !out.is_empty() && !out.ends_with(b"\n") {
            let _ = stdout.write_all(b"\n");
        }
        let _ = writeln!(stdout, "ok  \t{}\t{secs}{norun}", pkg.path);
        Ok(Some(Outcome::Passed))
    } else {
        let _ = stdout.write_all(&out);
        if out.is_empty() {
            use std::os::unix::process::ExitStatusExt;
            match (status.code(), status.signal()) {
                (Some(c), _) => {
                    let _ = writeln!(stdout, "exit status {c}");
                }
                (None, Some(sig)) => {
                    let _ = writeln!(stdout, "signal: {}", signal_name(sig));
                }
                _ => {}
            }
        } else if !out.ends_with(b"\n") {
            let _ = stdout.write_all(b"\n");
        }
        let _ = writeln!(stdout, "FAIL\t{}\t{secs}", pkg.path);
        Ok(Some(Outcome::Failed))
    }
}

/// The import chain from package `from` to a package that imports `target`, if any.
fn chain_to(loader: &Loader, from: usize, target: usize) -> Option<Vec<usize>> {
    fn walk(
        l: &Loader,
        p: usize,
        target: usize,
        seen: &mut Vec<bool>,
        path: &mut Vec<usize>,
    ) -> bool {
        if seen[p] {
            return false;
        }
        seen[p] = true;
        path.push(p);
        if l.pkgs[p].imports.contains(&target) {
            return true;
        }
        for &i in &l.pkgs[p].imports {
            if i != target && walk(l, i, target, seen, path) {
                return true;
            }
        }
        path.pop();
        false
    }
    if from == target {
        return None;
    }
    let mut seen = vec![false; loader.pkgs.len()];
    let mut path = Vec::new();
    walk(loader, from, target, &mut seen, &mut path).then_some(path)
}

/// A signal's name as Go's os.ProcessState prints it (`signal: killed`).
fn signal_name(sig: i32) -> String {
    match sig {
        1 => "hangup".into(),
        2 => "interrupt".into(),
        3 => "quit".into(),
        6 => "aborted".into(),
        9 => "killed".into(),
        11 => "segmentation fault".into(),
        15 => "terminated".into(),
        n => format!("signal {n}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_names_are_gos() {
        assert!(is_test_name("Test", "Test") && is_test_name("TestX", "Test"));
        assert!(is_test_name("Test_x", "Test") && is_test_name("Test1", "Test"));
        assert!(!is_test_name("Testx", "Test") && !is_test_name("Tes", "Test"));
    }

    #[test]
    fn output_comments_are_read_as_go_doc_reads_them() {
        let src = b"package p\nfunc ExampleA() {\n\tx := 1 // not this\n\t// Output:\n\t// hello\n\t//  world\n}\n";
        let groups = comment_groups(src, 0, src.len());
        assert_eq!(groups, vec!["not this\n", "Output:\nhello\n world\n"]);
        let src = b"f() {\n\t/* Unordered output: a\nb */\n}";
        let g = comment_groups(src, 0, src.len());
        assert_eq!(g, vec![" Unordered output: a\nb\n"]);
    }

    #[test]
    fn flags_become_test_flags() {
        let a: Vec<String> = [
            "./p",
            "-run",
            "A/B",
            "-v",
            "-count=2",
            "-test.short",
            "-args",
            "-x",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let t = parse_args(&a).unwrap();
        assert_eq!(t.packages, vec!["./p"]);
        assert_eq!(
            t.binary,
            vec![
                "-test.run=A/B",
                "-test.v=true",
                "-test.count=2",
                "-test.short=true",
                "-x"
            ]
        );
        assert!(t.verbose);
        assert!(parse_args(&["-cover".to_string()]).is_err());
        let t = parse_args(&["-timeout=1m".to_string(), "-list".into(), ".".into()]).unwrap();
        assert!(t.timeout && t.list);
        assert_eq!(t.binary, vec!["-test.timeout=1m", "-test.list=."]);
    }
}
