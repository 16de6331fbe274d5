//! Which files of a package directory are built, as go/build decides it, and what each
//! file's header says (its package name and imports).
//!
//! Files named `_*` or `.*` are ignored, `*_test.go` are test files (never built), a name's
//! `_GOOS`, `_GOARCH` or `_GOOS_GOARCH` suffix (before `_test`) must match the target, and
//! the header's build constraint must hold: a `//go:build` expression, or, without one, the
//! `// +build` lines that come before the last blank line ahead of the package clause
//! (go/build `parseFileHeader`, `shouldBuild`, `goodOSArchFile`; syslist.go's lists).
//!
//! tbuild's tags: `linux`, `amd64`, `unix` (linux is one of go/build's Unix systems) and the
//! release tags `go1.1` to `go1.19`, since it implements Go 1.19 (Go 1.19 sets no GOAMD64
//! level tag such as `amd64.v1`: those came with Go 1.22; its tool tags are gc's
//! `goexperiment.regabi*`, which describe gc's ABI, not tbuild's). Not `gc` or `gccgo`: tbuild
//! is neither compiler, and files for those usually hold assembly stubs or compiler-specific
//! code, while `!gc` files are the portable fallbacks tbuild can build. Not `cgo`: there is
//! no C compiler (CGO_ENABLED=0, as the build information says), so files that `import "C"`
//! are excluded too, as go/build excludes them when cgo is off.

/// go/build's knownOS and knownArch (syslist.go, Go 1.19).
const KNOWN_OS: &[&str] = &[
    "aix",
    "android",
    "darwin",
    "dragonfly",
    "freebsd",
    "hurd",
    "illumos",
    "ios",
    "js",
    "linux",
    "nacl",
    "netbsd",
    "openbsd",
    "plan9",
    "solaris",
    "windows",
    "zos",
];
const KNOWN_ARCH: &[&str] = &[
    "386",
    "amd64",
    "amd64p32",
    "arm",
    "armbe",
    "arm64",
    "arm64be",
    "loong64",
    "mips",
    "mipsle",
    "mips64",
    "mips64le",
    "mips64p32",
    "mips64p32le",
    "ppc",
    "ppc64",
    "ppc64le",
    "riscv",
    "riscv64",
    "s390",
    "s390x",
    "sparc",
    "sparc64",
    "wasm",
];

/// Whether tag is set for tbuild's target (see the module comment).
pub fn tag_holds(tag: &str) -> bool {
    match tag {
        "linux" | "amd64" | "unix" => true,
        _ => tag
            .strip_prefix("go1.")
            .and_then(|m| m.parse::<u32>().ok())
            .is_some_and(|m| (1..=19).contains(&m)),
    }
}

/// Whether a `.go` file's name allows it on linux/amd64: its `_GOOS`/`_GOARCH` suffixes.
/// The part before the first `_` never counts (`linux.go` is built everywhere).
pub fn good_os_arch_name(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name);
    let Some(i) = stem.find('_') else {
        return true;
    };
    let mut parts: Vec<&str> = stem[i..].split('_').collect();
    if parts.last() == Some(&"test") {
        parts.pop();
    }
    let n = parts.len();
    let os = |s: &str| KNOWN_OS.contains(&s);
    let arch = |s: &str| KNOWN_ARCH.contains(&s);
    if n >= 2 && os(parts[n - 2]) && arch(parts[n - 1]) {
        return parts[n - 2] == "linux" && parts[n - 1] == "amd64";
    }
    if n >= 1 && os(parts[n - 1]) {
        return parts[n - 1] == "linux";
    }
    if n >= 1 && arch(parts[n - 1]) {
        return parts[n - 1] == "amd64";
    }
    true
}

/// A `//go:build` expression: `tag`, `!x`, `x && y`, `x || y`, parentheses. Errors are
/// go/build/constraint's words (`double negation not allowed`, `missing close paren`,
/// `unexpected token X`, `unexpected end of expression`, `invalid syntax at C`).
pub fn eval_go_build(expr: &str) -> Result<bool, String> {
    let toks = lex_expr(expr)?;
    let mut p = ExprParser { toks, at: 0 };
    let v = p.or()?;
    match p.peek() {
        None => Ok(v),
        Some(t) => Err(format!("unexpected token {t}")),
    }
}

fn lex_expr(s: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        let tag_char = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
        if c == ' ' || c == '\t' {
            chars.next();
        } else if c == '(' || c == ')' || c == '!' {
            out.push(c.to_string());
            chars.next();
        } else if s[i..].starts_with("&&") || s[i..].starts_with("||") {
            out.push(s[i..i + 2].to_string());
            chars.next();
            chars.next();
        } else if tag_char(c) {
            let mut end = s.len();
            while let Some(&(k, c)) = chars.peek() {
                if !tag_char(c) {
                    end = k;
                    break;
                }
                chars.next();
            }
            out.push(s[i..end].to_string());
        } else {
            return Err(format!("invalid syntax at {c}"));
        }
    }
    Ok(out)
}

struct ExprParser {
    toks: Vec<String>,
    at: usize,
}

impl ExprParser {
    fn peek(&self) -> Option<&str> {
        self.toks.get(self.at).map(String::as_str)
    }

    fn or(&mut self) -> Result<bool, String> {
        let mut v = self.and()?;
        while self.peek() == Some("||") {
            self.at += 1;
            let r = self.and()?;
            v = v || r;
        }
        Ok(v)
    }

    fn and(&mut self) -> Result<bool, String> {
        let mut v = self.not()?;
        while self.peek() == Some("&&") {
            self.at += 1;
            let r = self.not()?;
            v = v && r;
        }
        Ok(v)
    }

    fn not(&mut self) -> Result<bool, String> {
        if self.peek() == Some("!") {
            self.at += 1;
            if self.peek() == Some("!") {
                return Err("double negation not allowed".into());
            }
            return Ok(!self.atom()?);
        }
        self.atom()
    }

    fn atom(&mut self) -> Result<bool, String> {
        match self.peek() {
            Some("(") => {
                self.at += 1;
                let v = self.or().map_err(|e| {
                    if e == "unexpected end of expression" {
                        "missing close paren".to_string()
                    } else {
                        e
                    }
                })?;
                if self.peek() != Some(")") {
                    return Err("missing close paren".into());
                }
                self.at += 1;
                Ok(v)
            }
            None => Err("unexpected end of expression".into()),
            Some(t @ (")" | "&&" | "||" | "!")) => Err(format!("unexpected token {t}")),
            Some(t) => {
                let v = tag_holds(t);
                self.at += 1;
                Ok(v)
            }
        }
    }
}

/// One `// +build` line's options: any space-separated option may hold, each a
/// comma-separated list of tags (`!` negates one) that must all hold.
fn eval_plus_build(line: &str) -> bool {
    line.split_whitespace().any(|opt| {
        opt.split(',').all(|t| match t.strip_prefix('!') {
            Some(t) => !t.is_empty() && !t.starts_with('!') && !tag_holds(t),
            None => tag_holds(t),
        })
    })
}

/// An import as the header declares it: path, and the position of the spec (line, column;
/// 1-based, bytes), which is where Go reports errors about it.
#[derive(Debug, Clone)]
pub struct Import {
    pub path: String,
    pub line: u32,
    pub col: u32,
}

/// What a file's header says.
#[derive(Debug, Default)]
pub struct Header {
    pub package: String,
    pub imports: Vec<Import>,
}

/// Reads a Go file's package clause and imports. Errors are syntax complaints, without
/// position.
pub fn read_header(text: &[u8]) -> Result<Header, String> {
    let mut s = Scanner {
        b: text,
        i: 0,
        line: 1,
        col: 1,
    };
    if s.word().as_deref() != Some("package") {
        return Err("expected 'package'".into());
    }
    let package = s.word().ok_or("expected package name")?;
    let mut imports = Vec::new();
    s.semi();
    while s.word_is("import") {
        s.word();
        if s.punct(b'(') {
            loop {
                if s.punct(b')') {
                    break;
                }
                imports.push(s.import_spec()?);
                s.semi();
            }
        } else {
            imports.push(s.import_spec()?);
        }
        s.semi();
    }
    Ok(Header { package, imports })
}

/// Whether a file's build constraint holds (true without one). Errors are go/build's
/// (`parsing //go:build line: ...`, `multiple //go:build comments`), which go prefixes
/// with the file's name.
pub fn build_constraint(text: &[u8]) -> Result<bool, String> {
    let (plus_region, go_build) = constraint_lines(text)?;
    Ok(match go_build {
        Some(e) => eval_go_build(&e).map_err(|e| format!("parsing //go:build line: {e}"))?,
        None => plus_region
            .iter()
            .filter_map(|l| l.strip_prefix("//"))
            .filter_map(|l| l.trim_start().strip_prefix("+build"))
            .filter(|l| l.is_empty() || l.starts_with([' ', '\t']))
            .all(eval_plus_build),
    })
}

/// The header's lines where `// +build` may appear (before the last blank line ahead of the
/// first line that is not a `//` comment) and its `//go:build` line.
fn constraint_lines(text: &[u8]) -> Result<(Vec<String>, Option<String>), String> {
    let text = String::from_utf8_lossy(text);
    let mut end = 0;
    let mut ended = false;
    let mut in_block = false;
    let mut go_build = None;
    let lines: Vec<&str> = text.split('\n').collect();
    'lines: for (n, raw) in lines.iter().enumerate() {
        let line = raw.trim();
        if line.is_empty() && !ended {
            end = n + 1;
            continue;
        }
        if !line.starts_with("//") {
            ended = true;
        }
        if !in_block {
            if let Some(rest) = line.strip_prefix("//go:build") {
                if rest.is_empty() || rest.starts_with([' ', '\t']) {
                    if go_build.is_some() {
                        return Err("multiple //go:build comments".into());
                    }
                    go_build = Some(rest.trim().to_string());
                }
            }
        }
        let mut l = line;
        while !l.is_empty() {
            if in_block {
                match l.find("*/") {
                    Some(i) => {
                        in_block = false;
                        l = l[i + 2..].trim();
                        continue;
                    }
                    None => continue 'lines,
                }
            }
            if l.starts_with("//") {
                continue 'lines;
            }
            if let Some(r) = l.strip_prefix("/*") {
                in_block = true;
                l = r.trim();
                continue;
            }
            break 'lines;
        }
    }
    let region = lines[..end.min(lines.len())]
        .iter()
        .map(|l| l.trim().to_string())
        .collect();
    Ok((region, go_build))
}

/// A minimal scanner for the package clause and imports: spaces, comments and the few
/// tokens they use.
struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
    line: u32,
    col: u32,
}

impl Scanner<'_> {
    fn bump(&mut self) {
        if self.b[self.i] == b'\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        self.i += 1;
    }

    /// Moves `n` bytes on, as `n` calls of [`Self::bump`] would.
    fn advance(&mut self, n: usize) {
        let part = &self.b[self.i..self.i + n];
        match memchr::memrchr(b'\n', part) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', part).count() as u32;
                self.col = (n - last) as u32;
            }
            None => self.col += n as u32,
        }
        self.i += n;
    }

    /// Skips spaces and comments; newlines too unless `stop_at_newline`, which reports one.
    fn skip(&mut self, stop_at_newline: bool) -> bool {
        while self.i < self.b.len() {
            let c = self.b[self.i];
            if c == b'\n' && stop_at_newline {
                return true;
            }
            if c == b' ' || c == b'\t' || c == b'\r' || c == b'\n' {
                self.bump();
            } else if self.b[self.i..].starts_with(b"//") {
                // To the newline at once (memchr), not byte by byte: the bundled packages'
                // files open with long comments, and a build reads their headers.
                let rest = &self.b[self.i..];
                self.advance(memchr::memchr(b'\n', rest).unwrap_or(rest.len()));
            } else if self.b[self.i..].starts_with(b"/*") {
                let rest = &self.b[self.i + 2..];
                let len = memchr::memmem::find(rest, b"*/").map_or(rest.len(), |n| n + 2);
                let line = self.line;
                self.advance(2 + len);
                if self.line != line && stop_at_newline {
                    return true;
                }
            } else {
                break;
            }
        }
        false
    }

    fn word_is(&mut self, w: &str) -> bool {
        self.skip(false);
        let rest = &self.b[self.i..];
        rest.starts_with(w.as_bytes())
            && !rest
                .get(w.len())
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c >= 0x80)
    }

    fn word(&mut self) -> Option<String> {
        self.skip(false);
        let start = self.i;
        while self.i < self.b.len() {
            let c = self.b[self.i];
            if c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80 {
                self.bump();
            } else {
                break;
            }
        }
        (self.i > start).then(|| String::from_utf8_lossy(&self.b[start..self.i]).into_owned())
    }

    fn punct(&mut self, p: u8) -> bool {
        self.skip(false);
        if self.b.get(self.i) == Some(&p) {
            self.bump();
            true
        } else {
            false
        }
    }

    /// A `;` or the end of a line.
    fn semi(&mut self) {
        self.skip(true);
        if self.i < self.b.len() && (self.b[self.i] == b';' || self.b[self.i] == b'\n') {
            self.bump();
        }
    }

    fn import_spec(&mut self) -> Result<Import, String> {
        self.skip(false);
        let (line, col) = (self.line, self.col);
        if !self.punct(b'.')
            && !self.punct(b'_')
            && self.b.get(self.i) != Some(&b'"')
            && self.b.get(self.i) != Some(&b'`')
        {
            self.word();
        }
        self.skip(false);
        let path = self.string()?;
        Ok(Import { path, line, col })
    }

    fn string(&mut self) -> Result<String, String> {
        let q = *self.b.get(self.i).ok_or("missing import path")?;
        if q != b'"' && q != b'`' {
            return Err("missing import path; require quoted string".into());
        }
        self.bump();
        let mut out = Vec::new();
        while self.i < self.b.len() && self.b[self.i] != q {
            if q == b'"' && self.b[self.i] == b'\\' {
                self.bump();
                if self.i >= self.b.len() {
                    break;
                }
            }
            if self.b[self.i] == b'\n' {
                return Err("newline in string".into());
            }
            out.push(self.b[self.i]);
            self.bump();
        }
        if self.i >= self.b.len() {
            return Err("string literal not terminated".into());
        }
        self.bump();
        Ok(String::from_utf8_lossy(&out).into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names() {
        for (name, ok) in [
            ("a.go", true),
            ("linux.go", true),
            ("a_linux.go", true),
            ("a_windows.go", false),
            ("a_amd64.go", true),
            ("a_arm64.go", false),
            ("a_linux_amd64.go", true),
            ("a_linux_arm.go", false),
            ("a_windows_amd64.go", false),
            ("a_linux_test.go", true),
            ("a_darwin_test.go", false),
            ("a_unix.go", true),
        ] {
            assert_eq!(good_os_arch_name(name), ok, "{name}");
        }
    }

    #[test]
    fn expressions() {
        for (e, v) in [
            ("linux", true),
            ("!linux", false),
            ("linux && amd64", true),
            ("windows || (unix && !arm)", true),
            ("go1.19", true),
            ("go1.20", false),
            ("gc", false),
            ("!gc", true),
            ("cgo", false),
            ("ignore", false),
        ] {
            assert_eq!(eval_go_build(e), Ok(v), "{e}");
        }
        assert_eq!(
            eval_go_build("linux &&"),
            Err("unexpected end of expression".into())
        );
        assert_eq!(
            eval_go_build("!!linux"),
            Err("double negation not allowed".into())
        );
        assert_eq!(eval_go_build("(linux"), Err("missing close paren".into()));
        assert_eq!(
            eval_go_build("(linux &&"),
            Err("missing close paren".into())
        );
        assert_eq!(eval_go_build("linux)"), Err("unexpected token )".into()));
        assert_eq!(eval_go_build("linux $"), Err("invalid syntax at $".into()));
        assert!(eval_plus_build("windows linux,amd64"));
        assert!(!eval_plus_build("linux,!amd64"));
    }

    #[test]
    fn headers() {
        let text = b"// +build windows\n\n// Package p.\npackage p // x\n\nimport (\n\t\"fmt\"\n\t_ \"a/b\"\n)\nimport x \"c\"; import \"d\"\nfunc f() {}\n";
        let h = read_header(text).unwrap();
        assert_eq!(h.package, "p");
        assert_eq!(build_constraint(text), Ok(false));
        let got: Vec<(String, u32, u32)> = h
            .imports
            .iter()
            .map(|i| (i.path.clone(), i.line, i.col))
            .collect();
        assert_eq!(
            got,
            [
                ("fmt".to_string(), 7, 2),
                ("a/b".to_string(), 8, 2),
                ("c".to_string(), 10, 8),
                ("d".to_string(), 10, 22)
            ]
        );
        // Positions after block comments, one across lines; an unclosed one ends the text.
        let h = read_header(b"/* one\ntwo */ package p\nimport /* c */ \"e\"\n").unwrap();
        assert_eq!((h.imports[0].line, h.imports[0].col), (3, 16));
        assert!(read_header(b"package p\nimport /* \"e\"").is_err());
        // A +build line not followed by a blank line is a comment.
        assert_eq!(
            build_constraint(b"// +build windows\npackage p\n"),
            Ok(true)
        );
        assert_eq!(
            build_constraint(b"//go:build !windows\n// +build windows\n\npackage p\n"),
            Ok(true)
        );
        assert_eq!(
            build_constraint(b"//go:build linux\n//go:build amd64\n\npackage p\n"),
            Err("multiple //go:build comments".into())
        );
    }
}
