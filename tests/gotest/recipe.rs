//! Which of Go's conformance tests the runner runs, and how: the test's recipe (its first
//! comment, up to the first blank line) and its build constraints, read as Go's own harness
//! reads them ($GOROOT/test/run.go: `(*test).run`, `splitQuoted`, `shouldTest` and
//! `(*context).match`; go/build/constraint for the `//go:build` and `// +build` syntax).

/// What the runner does with one `.go` file of the test directories.
#[derive(Debug, PartialEq)]
pub enum Selection {
    /// A `// run` test: build it with these other files of its directory, run it with these
    /// arguments, compare. A `// compile` test (build_only) is built, not run: valid Go that
    /// go builds must build.
    Run {
        files: Vec<String>,
        args: Vec<String>,
        build_only: bool,
    },
    /// A `// run` or `// compile` test this runner does not run, and why.
    Skip(String),
    /// Not a `// run` or `// compile` test (errorcheck, rundir, ...), or not a test at all.
    Other,
}

/// Reads the recipe and build constraints of a test's source as run.go does.
pub fn select(src: &str) -> Selection {
    // run.go: a file starting with a newline, or without a blank line ending the recipe, is
    // not run.
    if src.starts_with('\n') {
        return Selection::Other;
    }
    let Some((recipe, _)) = src.split_once("\n\n") else {
        return Selection::Other;
    };
    // A first line that is a `+build` constraint is not part of the recipe.
    let recipe = match recipe.split_once('\n') {
        Some((first, rest)) if first.contains("+build") => rest,
        _ => recipe,
    };
    let recipe = recipe.strip_prefix("//").unwrap_or(recipe);
    let Some(words) = split_quoted(recipe) else {
        return Selection::Other;
    };
    let build_only = match words.first().map(String::as_str) {
        Some("run") => false,
        Some("compile") => true,
        _ => return Selection::Other,
    };
    // Build constraints are read only up to the package clause.
    let header = src.split_once("\npackage").map_or(recipe, |(h, _)| h);
    if let Some(why) = excluded(header) {
        return Selection::Skip(why);
    }
    // Leading words starting with `-` are flags for the go command (`-gcflags=...`, `-race`,
    // `-goexperiment X`) or the harness (`-t N`, a time limit); the rest are the program's
    // arguments, which run.go passes after the file to `go run` (so `// run` followed by a
    // comment line passes that comment's words as arguments, and this runner does the same).
    let mut args = &words[1..];
    let mut flags = Vec::new();
    while let Some(a) = args.first().filter(|a| a.starts_with('-')) {
        if a == "-t" && args.len() > 1 {
            args = &args[2..];
            continue;
        }
        flags.push(a.clone());
        if a == "-goexperiment" && args.len() > 1 {
            flags.push(args[1].clone());
            args = &args[1..];
        }
        args = &args[1..];
    }
    if !flags.iter().all(|f| compiler_only(f, build_only)) {
        return Selection::Skip(format!("needs go flags: {}", flags.join(" ")));
    }
    // run.go puts the words after the test's file (`go run t.go a.go x`), and the go command
    // takes the leading `.go` words as more files of the package, the rest as the program's
    // arguments.
    let files = args.iter().take_while(|a| a.ends_with(".go")).count();
    if build_only && !args.is_empty() {
        return Selection::Skip(format!("compile with arguments: {}", args.join(" ")));
    }
    Selection::Run {
        files: args[..files].to_vec(),
        args: args[files..].to_vec(),
        build_only,
    }
}

/// Whether a flag of a test's recipe asks only how go's compiler works, never what the
/// program means: how many threads compile it (`-c=4`), its own consistency checks
/// (`-d=ssa/check/on`), no optimization or no inlining (`-N`, `-l`), and for a test that is
/// only compiled its package path (`-p=main`). Go builds such a test without the flag and
/// tbuild ignores it. Flags that change what a program does (`-B` drops bounds checks,
/// `-d=checkptr` adds checks, `-l=4` inlines more, which runtime.Callers shows, an
/// experiment) keep the test skipped.
fn compiler_only(flag: &str, build_only: bool) -> bool {
    let f = flag.strip_prefix("-gcflags=").unwrap_or(flag);
    let threads = f
        .strip_prefix("-c=")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    threads
        || matches!(f, "-N" | "-l" | "-d=ssa/check/on" | "-d=ssa/check/seed")
        || (build_only && matches!(f, "-p=main" | "-p=p"))
}

/// run.go's `splitQuoted`: words split at white space, with '…' and "…" quoting and `\`
/// escaping. None for an unclosed quote or a trailing backslash (run.go's error).
pub fn split_quoted(s: &str) -> Option<Vec<String>> {
    let mut args = Vec::new();
    let mut arg = String::new();
    let (mut escaped, mut quoted, mut quote) = (false, false, None);
    for c in s.chars() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
            continue;
        } else if let Some(q) = quote {
            if c == q {
                quote = None;
                continue;
            }
        } else if c == '"' || c == '\'' {
            quoted = true;
            quote = Some(c);
            continue;
        } else if c.is_whitespace() {
            if quoted || !arg.is_empty() {
                quoted = false;
                args.push(std::mem::take(&mut arg));
            }
            continue;
        }
        arg.push(c);
    }
    if quoted || !arg.is_empty() {
        args.push(arg);
    }
    (quote.is_none() && !escaped).then_some(args)
}

/// Why the header's build constraints exclude the test on linux/amd64 with the gc toolchain,
/// or None. Tags are matched as run.go's `(*context).match` does: the GOOS, the GOARCH, `gc`
/// and `test_run` hold, `goexperiment.X` holds for the experiments `go env GOEXPERIMENT`
/// names (none of Go 1.19's defaults is named in a `// run` test), anything else does not.
/// `cgo` holds in run.go when cgo is enabled; tbuild has no cgo, so a test that only cgo lets
/// in is skipped for that reason, the same on every machine.
fn excluded(header: &str) -> Option<String> {
    let experiments = go_experiments();
    let holds = |tag: &str, cgo: bool| -> bool {
        match tag {
            "linux" | "amd64" | "gc" | "test_run" => true,
            "cgo" => cgo,
            _ => tag
                .strip_prefix("goexperiment.")
                .is_some_and(|x| experiments.iter().any(|e| e == x)),
        }
    };
    for line in header.lines() {
        let Some(expr) = parse_constraint(line) else {
            continue;
        };
        if !expr.eval(&|t| holds(t, false)) {
            return Some(if expr.eval(&|t| holds(t, true)) {
                "needs cgo (tbuild has no cgo)".to_string()
            } else {
                format!("excluded on linux/amd64 by `{}`", line.trim())
            });
        }
    }
    None
}

/// The experiments `go env GOEXPERIMENT` lists (those that differ from the defaults).
fn go_experiments() -> Vec<String> {
    let out = std::process::Command::new("go")
        .args(["env", "GOEXPERIMENT"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    out.split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// A build constraint expression (go/build/constraint's Expr).
#[derive(Debug)]
pub enum Expr {
    Tag(String),
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
}

impl Expr {
    pub fn eval(&self, ok: &dyn Fn(&str) -> bool) -> bool {
        match self {
            Expr::Tag(t) => ok(t),
            Expr::Not(x) => !x.eval(ok),
            Expr::And(x, y) => x.eval(ok) && y.eval(ok),
            Expr::Or(x, y) => x.eval(ok) || y.eval(ok),
        }
    }
}

/// A `//go:build EXPR` or `// +build A,B !C` line as an expression; None for any other line
/// or a malformed constraint (constraint.Parse's error: run.go then ignores the line).
pub fn parse_constraint(line: &str) -> Option<Expr> {
    if let Some(rest) = line.strip_prefix("//go:build") {
        if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
            return None;
        }
        let mut p = GoBuild {
            toks: tokens(rest)?,
            at: 0,
        };
        let e = p.or()?;
        return (p.at == p.toks.len()).then_some(e);
    }
    let rest = line.strip_prefix("//")?.trim_start();
    let rest = rest.strip_prefix("+build")?;
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    // Space-separated options are ORed, comma-separated terms within one are ANDed.
    let mut or: Option<Expr> = None;
    for field in rest.split_whitespace() {
        let mut and: Option<Expr> = None;
        for term in field.split(',') {
            let (neg, tag) = match term.strip_prefix('!') {
                Some(t) => (true, t),
                None => (false, term),
            };
            if !valid_tag(tag) {
                return None;
            }
            let mut x = Expr::Tag(tag.to_string());
            if neg {
                x = Expr::Not(Box::new(x));
            }
            and = Some(match and {
                Some(a) => Expr::And(Box::new(a), Box::new(x)),
                None => x,
            });
        }
        let and = and?;
        or = Some(match or {
            Some(o) => Expr::Or(Box::new(o), Box::new(and)),
            None => and,
        });
    }
    or
}

fn valid_tag(t: &str) -> bool {
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
}

/// The tokens of a `//go:build` expression: `(`, `)`, `!`, `&&`, `||` and tags.
fn tokens(s: &str) -> Option<Vec<String>> {
    let mut toks = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '(' || c == ')' || c == '!' {
            toks.push(c.to_string());
            chars.next();
        } else if c == '&' || c == '|' {
            chars.next();
            if chars.next() != Some(c) {
                return None;
            }
            toks.push(format!("{c}{c}"));
        } else if c.is_alphanumeric() || c == '_' || c == '.' {
            let mut t = String::new();
            while let Some(&c) = chars
                .peek()
                .filter(|c| c.is_alphanumeric() || **c == '_' || **c == '.')
            {
                t.push(c);
                chars.next();
            }
            toks.push(t);
        } else {
            return None;
        }
    }
    Some(toks)
}

/// A recursive-descent parser of `//go:build` expressions, with Go's precedence
/// (`!` over `&&` over `||`).
struct GoBuild {
    toks: Vec<String>,
    at: usize,
}

impl GoBuild {
    fn peek(&self) -> Option<&str> {
        self.toks.get(self.at).map(String::as_str)
    }

    fn or(&mut self) -> Option<Expr> {
        let mut x = self.and()?;
        while self.peek() == Some("||") {
            self.at += 1;
            x = Expr::Or(Box::new(x), Box::new(self.and()?));
        }
        Some(x)
    }

    fn and(&mut self) -> Option<Expr> {
        let mut x = self.not()?;
        while self.peek() == Some("&&") {
            self.at += 1;
            x = Expr::And(Box::new(x), Box::new(self.not()?));
        }
        Some(x)
    }

    fn not(&mut self) -> Option<Expr> {
        match self.peek()? {
            "!" => {
                self.at += 1;
                Some(Expr::Not(Box::new(self.not()?)))
            }
            "(" => {
                self.at += 1;
                let x = self.or()?;
                if self.peek() != Some(")") {
                    return None;
                }
                self.at += 1;
                Some(x)
            }
            ")" | "&&" | "||" => None,
            tag => {
                let x = Expr::Tag(tag.to_string());
                self.at += 1;
                Some(x)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holds(line: &str, tags: &[&str]) -> Option<bool> {
        parse_constraint(line).map(|e| e.eval(&|t| tags.contains(&t)))
    }

    #[test]
    fn constraints_read_as_go_reads_them() {
        let la = ["linux", "amd64", "gc"];
        assert_eq!(holds("// +build linux darwin", &la), Some(true));
        assert_eq!(holds("// +build !nacl,!js,gc", &la), Some(true));
        assert_eq!(holds("// +build amd64p32", &la), Some(false));
        assert_eq!(holds("// +build cgo,linux,amd64", &la), Some(false));
        assert_eq!(
            holds("//go:build !windows && !wasm && !gccgo", &la),
            Some(true)
        );
        assert_eq!(
            holds("//go:build (linux || darwin) && !amd64", &la),
            Some(false)
        );
        assert_eq!(holds("//go:build !(js && wasm)", &la), Some(true));
        assert_eq!(holds("//go:buildx linux", &la), None);
        assert_eq!(holds("// run", &la), None);
        assert_eq!(holds("//go:build linux &&", &la), None);
    }

    #[test]
    fn recipes_read_as_run_go_reads_them() {
        let run = |s: &str| select(&format!("{s}\n\npackage main\n"));
        let plain = |args: &[&str]| Selection::Run {
            files: vec![],
            args: args.iter().map(|a| a.to_string()).collect(),
            build_only: false,
        };
        assert_eq!(run("// run"), plain(&[]));
        assert_eq!(run("// run arg1 arg2"), plain(&["arg1", "arg2"]));
        assert_eq!(run("// errorcheck"), Selection::Other);
        assert_eq!(run("// rundir"), Selection::Other);
        assert!(matches!(run("// run -gcflags=-l=4"), Selection::Skip(_)));
        assert!(matches!(
            run("// run -goexperiment fieldtrack"),
            Selection::Skip(_)
        ));
        assert_eq!(
            run("// run x1.go x2.go arg"),
            Selection::Run {
                files: vec!["x1.go".into(), "x2.go".into()],
                args: vec!["arg".into()],
                build_only: false,
            }
        );
        assert_eq!(
            run("// compile"),
            Selection::Run {
                files: vec![],
                args: vec![],
                build_only: true,
            }
        );
        assert!(matches!(run("// compile -d=ssa"), Selection::Skip(_)));
        assert!(matches!(
            run("// run -gcflags=-d=checkptr"),
            Selection::Skip(_)
        ));
        assert!(matches!(run("// run -B"), Selection::Skip(_)));
        assert!(matches!(run("// run -p=p"), Selection::Skip(_)));
        assert_eq!(run("// run -gcflags=-l"), plain(&[]));
        let compiled = Selection::Run {
            files: vec![],
            args: vec![],
            build_only: true,
        };
        assert_eq!(run("// compile -c=4 -d=ssa/check/on"), compiled);
        assert_eq!(run("// compile -N -p=main"), compiled);
        assert_eq!(run("// run -t 10"), plain(&[]));
        assert_eq!(run("// +build linux\n\n// run"), Selection::Other);
        assert_eq!(run("// +build linux\n// run"), plain(&[]));
        assert!(matches!(run("// +build js\n// run"), Selection::Skip(_)));
        assert!(matches!(run("// run\n\n// +build cgo"), Selection::Skip(_)));
        assert_eq!(
            run("// run\n// +build amd64"),
            plain(&["//", "+build", "amd64"])
        );
        assert_eq!(
            split_quoted(r#"run -gcflags="-d=checkptr" 'a b'"#).unwrap(),
            ["run", "-gcflags=-d=checkptr", "a b"]
        );
    }
}
