//! Tokenizer and preprocessor for plan9 assembly.
//!
//! Go's assembler (cmd/asm/internal/lex) works on tokens, not text: the source is split into
//! identifiers, numbers, strings and operators, `#` directives are handled a line at a time, and
//! macros are expanded token by token. We do the same and hand the parser one [`Line`] per
//! statement (physical lines are also split at `;`). Identifiers may contain `·` (U+00B7) and `∕`
//! (U+2215), as in cmd/asm/internal/lex/tokenizer.go `isIdentRune`.

use crate::HashMap;
use std::rc::Rc;

use crate::diag::{Diag, Diags, MAX_ERRORS};

/// `textflag.h` is built in, with the values of Go's runtime/textflag.h (Go 1.19).
const TEXTFLAG_H: &str = "
#define NOPROF 1
#define DUPOK 2
#define NOSPLIT 4
#define RODATA 8
#define NOPTR 16
#define WRAPPER 32
#define NEEDCTXT 64
#define TLSBSS 256
#define NOFRAME 512
#define REFLECTMETHOD 1024
#define TOPFRAME 2048
#define ABIWRAPPER 4096
";

/// How deep `#include`s may nest before we assume a cycle (Go reports "input recursion").
const MAX_INCLUDE_DEPTH: usize = 32;
/// Upper bound on the tokens one line may expand to, so a macro bomb ends in an error.
const MAX_EXPANSION: usize = 100_000;
/// How deeply macro expansions may nest (each level is a recursive call).
const MAX_MACRO_DEPTH: usize = 100;
/// Upper bound on the tokens of all statements of a file after expansion: one line's bound
/// times many lines would still be unbounded.
const MAX_TOTAL_TOKENS: usize = 2_000_000;

/// One token. Operators are kept as their text (`"<<"`, `"$"`, `"("`).
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    Ident(String),
    Int(u64),
    Float(f64),
    Str(Vec<u8>),
    Op(&'static str),
    Newline,
}

impl std::fmt::Display for Tok {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Tok::Ident(s) => write!(f, "{s}"),
            Tok::Int(v) => write!(f, "{v}"),
            Tok::Float(v) => write!(f, "{v}"),
            Tok::Str(s) => write!(f, "{:?}", String::from_utf8_lossy(s)),
            Tok::Op(s) => write!(f, "{s}"),
            Tok::Newline => write!(f, "newline"),
        }
    }
}

/// A token with the line it came from and whether white space preceded it (which tells
/// `#define f(x)` from `#define f (x)`).
#[derive(Clone, Debug)]
pub struct Token {
    pub tok: Tok,
    pub line: u32,
    pub space_before: bool,
}

/// One statement after preprocessing.
#[derive(Clone, Debug)]
pub struct Line {
    pub file: Rc<str>,
    pub line: u32,
    pub toks: Vec<Tok>,
}

const OPS: &[&str] = &[
    "<<", ">>", "$", "(", ")", ",", ":", ";", "+", "-", "*", "/", "%", "&", "|", "^", "~", "<",
    ">", "#", "!", "=", ".", "[", "]", "{", "}", "@",
];

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_' || c == '\u{00B7}' || c == '\u{2215}'
}

fn is_ident_char(c: char) -> bool {
    is_ident_start(c) || c.is_ascii_digit()
}

/// Splits `src` into tokens, with a `Newline` token at the end of every line.
pub fn tokenize(file: &str, src: &str, diags: &mut Diags) -> Vec<Token> {
    let chars: Vec<char> = src.chars().collect();
    let mut toks = Vec::new();
    let mut line = 1u32;
    let mut i = 0;
    let mut space = true;
    // Only as many as will be reported: a file of stray bytes must not keep one per byte.
    let err = |diags: &mut Diags, line: u32, msg: String| {
        if diags.len() < MAX_ERRORS {
            diags.push(Diag::new(file, line, 0, msg))
        }
    };
    while i < chars.len() {
        let c = chars[i];
        let start_line = line;
        let mut push = |tok: Tok, space: &mut bool| {
            toks.push(Token {
                tok,
                line: start_line,
                space_before: *space,
            });
            *space = false;
        };
        if c == '\n' {
            push(Tok::Newline, &mut space);
            space = true;
            line += 1;
            i += 1;
        } else if c == '\\' && matches!(chars.get(i + 1), Some('\n') | Some('\r')) {
            // Line continuation, used for multi-line #define bodies. As in Go
            // (cmd/asm/internal/lex/input.go macroDefinition), the escaped newline still ends a
            // statement inside the body, so it becomes a `;`.
            let skip = if chars.get(i + 1) == Some(&'\r') && chars.get(i + 2) == Some(&'\n') {
                3
            } else {
                2
            };
            push(Tok::Op(";"), &mut space);
            line += 1;
            i += skip;
            space = true;
        } else if c.is_whitespace() {
            i += 1;
            space = true;
        } else if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            i += 2;
            loop {
                if i >= chars.len() {
                    err(diags, start_line, "comment not terminated".into());
                    break;
                }
                if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    i += 2;
                    break;
                }
                if chars[i] == '\n' {
                    line += 1;
                }
                i += 1;
            }
            space = true;
        } else if is_ident_start(c) {
            let s = i;
            while i < chars.len() && is_ident_char(chars[i]) {
                i += 1;
            }
            push(Tok::Ident(chars[s..i].iter().collect()), &mut space);
        } else if c.is_ascii_digit() {
            let s = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '.') {
                // An exponent sign belongs to a float: 1e-3.
                if (chars[i] == 'e' || chars[i] == 'E')
                    && matches!(chars.get(i + 1), Some('+') | Some('-'))
                    && !chars[s..i].iter().any(|c| *c == 'x' || *c == 'X')
                {
                    i += 1;
                }
                i += 1;
            }
            let text: String = chars[s..i].iter().collect();
            match parse_number(&text) {
                Some(t) => push(t, &mut space),
                None => {
                    err(diags, start_line, format!("malformed number: {text}"));
                    push(Tok::Int(0), &mut space);
                }
            }
        } else if c == '"' || c == '`' {
            let (s, next) = lex_string(&chars, i, c);
            i = next;
            match s {
                Some(bytes) => push(Tok::Str(bytes), &mut space),
                None => {
                    err(diags, start_line, "string literal not terminated".into());
                    push(Tok::Str(Vec::new()), &mut space);
                }
            }
        } else if c == '\'' {
            let (s, next) = lex_string(&chars, i, '\'');
            i = next;
            let text = s.and_then(|b| String::from_utf8(b).ok());
            match text.as_deref().map(|t| t.chars().collect::<Vec<_>>()) {
                Some(cs) if cs.len() == 1 => push(Tok::Int(cs[0] as u64), &mut space),
                _ => {
                    err(diags, start_line, "illegal character constant".into());
                    push(Tok::Int(0), &mut space);
                }
            }
        } else {
            let rest: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            match OPS.iter().find(|op| rest.starts_with(**op)) {
                Some(op) => {
                    i += op.chars().count();
                    push(Tok::Op(op), &mut space);
                }
                None => {
                    err(diags, start_line, format!("unexpected character {c:?}"));
                    i += 1;
                }
            }
        }
    }
    toks.push(Token {
        tok: Tok::Newline,
        line,
        space_before: true,
    });
    toks
}

/// Parses Go's integer forms (decimal, 0x hex, 0 octal, 0b binary, 0o octal) and floats.
fn parse_number(text: &str) -> Option<Tok> {
    let t = text.replace('_', "");
    let lower = t.to_ascii_lowercase();
    if let Some(h) = lower.strip_prefix("0x") {
        return u64::from_str_radix(h, 16).ok().map(Tok::Int);
    }
    if let Some(b) = lower.strip_prefix("0b") {
        return u64::from_str_radix(b, 2).ok().map(Tok::Int);
    }
    if let Some(o) = lower.strip_prefix("0o") {
        return u64::from_str_radix(o, 8).ok().map(Tok::Int);
    }
    if lower.contains('.') || lower.contains('e') {
        return lower.parse::<f64>().ok().map(Tok::Float);
    }
    if lower.len() > 1 && lower.starts_with('0') {
        return u64::from_str_radix(&lower[1..], 8).ok().map(Tok::Int);
    }
    lower.parse::<u64>().ok().map(Tok::Int)
}

/// Lexes a quoted string starting at `chars[i] == quote`, with Go's escapes for `"` and `'`
/// (raw for `` ` ``). Returns the bytes (None if unterminated) and the index after it.
fn lex_string(chars: &[char], mut i: usize, quote: char) -> (Option<Vec<u8>>, usize) {
    let mut out = Vec::new();
    i += 1;
    while i < chars.len() {
        let c = chars[i];
        if c == quote {
            return (Some(out), i + 1);
        }
        if c == '\n' && quote != '`' {
            return (None, i);
        }
        if c == '\\' && quote != '`' {
            let e = chars.get(i + 1).copied().unwrap_or('\\');
            i += 2;
            let simple = match e {
                'n' => Some(b'\n'),
                't' => Some(b'\t'),
                'r' => Some(b'\r'),
                'a' => Some(7),
                'b' => Some(8),
                'f' => Some(12),
                'v' => Some(11),
                '\\' => Some(b'\\'),
                '\'' => Some(b'\''),
                '"' => Some(b'"'),
                _ => None,
            };
            if let Some(b) = simple {
                out.push(b);
                continue;
            }
            let (radix, len) = match e {
                'x' => (16, 2),
                'u' => (16, 4),
                'U' => (16, 8),
                '0'..='7' => {
                    i -= 1;
                    (8, 3)
                }
                _ => return (None, i),
            };
            let digits: String = chars[i..(i + len).min(chars.len())].iter().collect();
            i += len;
            match u32::from_str_radix(&digits, radix) {
                Ok(v) if e == 'x' || (radix == 8 && v < 256) => out.push(v as u8),
                Ok(v) => match char::from_u32(v) {
                    Some(ch) => out.extend_from_slice(ch.to_string().as_bytes()),
                    None => return (None, i),
                },
                Err(_) => return (None, i),
            }
            continue;
        }
        let mut buf = [0u8; 4];
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        i += 1;
    }
    (None, i)
}

struct Macro {
    params: Option<Vec<String>>,
    body: Vec<Token>,
}

struct Cond {
    /// Whether lines in the current branch are assembled.
    active: bool,
    /// Whether the enclosing region is assembled.
    outer: bool,
    seen_else: bool,
}

/// The preprocessor: `#include`, `#define`, `#undef`, `#ifdef`, `#ifndef`, `#else`, `#endif`,
/// as cmd/asm/internal/lex/input.go.
pub struct Preprocessor<'a> {
    include: &'a dyn Fn(&str) -> Option<String>,
    macros: HashMap<String, Macro>,
    pub diags: Diags,
    pub lines: Vec<Line>,
    depth: usize,
    /// Tokens in `lines` so far (see [`MAX_TOTAL_TOKENS`]).
    tokens: usize,
}

impl<'a> Preprocessor<'a> {
    pub fn new(include: &'a dyn Fn(&str) -> Option<String>) -> Self {
        // What cmd/go passes to the assembler with -D for linux/amd64 (cmd/go/internal/work/gc.go
        // `asmArgs`): GOOS_linux, GOARCH_amd64 and GOAMD64_v1, each defined as 1.
        let mut macros = HashMap::default();
        for name in ["GOOS_linux", "GOARCH_amd64", "GOAMD64_v1"] {
            let one = Token {
                tok: Tok::Int(1),
                line: 0,
                space_before: true,
            };
            macros.insert(
                name.to_string(),
                Macro {
                    params: None,
                    body: vec![one],
                },
            );
        }
        Preprocessor {
            include,
            macros,
            diags: Vec::new(),
            lines: Vec::new(),
            depth: 0,
            tokens: 0,
        }
    }

    fn error(&mut self, file: &str, line: u32, msg: impl Into<String>) {
        self.diags.push(Diag::new(file, line, 0, msg));
    }

    /// Whether to stop: the assembler reports at most [`MAX_ERRORS`] errors, so once that many
    /// are found the rest of the input need not be read (a file of thousands of failing
    /// `#include`s would otherwise be read in full, its errors all kept).
    fn done(&self) -> bool {
        self.diags.len() >= MAX_ERRORS
    }

    /// Preprocesses one file, appending its statements to `self.lines`.
    pub fn run(&mut self, file: &str, src: &str) {
        let file_rc: Rc<str> = Rc::from(file);
        let toks = tokenize(file, src, &mut self.diags);
        let mut conds: Vec<Cond> = Vec::new();
        let mut last_line = 1;
        for line in toks.split(|t| t.tok == Tok::Newline) {
            if self.done() {
                return;
            }
            let Some(first) = line.first() else { continue };
            last_line = first.line;
            let active = conds.last().is_none_or(|c| c.active);
            if first.tok == Tok::Op("#") {
                self.directive(file, line, &mut conds, active);
                continue;
            }
            if !active {
                continue;
            }
            let mut out = Vec::new();
            let mut hide = Vec::new();
            if let Err(msg) = self.expand(line, &mut hide, &mut out) {
                self.error(file, first.line, msg);
                continue;
            }
            self.tokens += out.len();
            if self.tokens > MAX_TOTAL_TOKENS {
                self.error(file, first.line, "macro expansion too large");
                return;
            }
            for stmt in out.split(|t| t.tok == Tok::Op(";")) {
                if let Some(t0) = stmt.first() {
                    self.lines.push(Line {
                        file: file_rc.clone(),
                        line: t0.line,
                        toks: stmt.iter().map(|t| t.tok.clone()).collect(),
                    });
                }
            }
        }
        if !conds.is_empty() {
            self.error(file, last_line, "unclosed #ifdef or #ifndef");
        }
    }

    fn directive(&mut self, file: &str, line: &[Token], conds: &mut Vec<Cond>, active: bool) {
        let ln = line[0].line;
        let Some(Tok::Ident(word)) = line.get(1).map(|t| &t.tok) else {
            if active {
                let what = line.get(1).map(|t| t.tok.to_string()).unwrap_or_default();
                self.error(file, ln, format!("unexpected token after '#': {what}"));
            }
            return;
        };
        let arg_name = match line.get(2).map(|t| &t.tok) {
            Some(Tok::Ident(n)) => Some(n.clone()),
            _ => None,
        };
        match word.as_str() {
            "ifdef" | "ifndef" => {
                let Some(name) = arg_name.filter(|_| line.len() == 3) else {
                    if active {
                        self.error(file, ln, format!("#{word} requires one macro name"));
                    }
                    conds.push(Cond {
                        active: false,
                        outer: active,
                        seen_else: false,
                    });
                    return;
                };
                let defined = self.macros.contains_key(&name);
                conds.push(Cond {
                    active: active && (defined == (word == "ifdef")),
                    outer: active,
                    seen_else: false,
                });
            }
            "else" => match conds.last_mut() {
                Some(c) if !c.seen_else => {
                    c.seen_else = true;
                    c.active = c.outer && !c.active;
                }
                _ => self.error(file, ln, "unmatched #else"),
            },
            "endif" => {
                if conds.pop().is_none() {
                    self.error(file, ln, "unmatched #endif");
                }
            }
            _ if !active => {}
            "include" => match line.get(2).map(|t| &t.tok) {
                Some(Tok::Str(name)) if line.len() == 3 => {
                    let name = String::from_utf8_lossy(name).into_owned();
                    self.include_file(file, ln, &name);
                }
                _ => self.error(file, ln, "#include requires a quoted file name"),
            },
            "define" => self.define(file, line),
            "undef" => match arg_name {
                Some(name) if line.len() == 3 => {
                    if self.macros.remove(&name).is_none() {
                        self.error(file, ln, format!("#undef for undefined macro: {name}"));
                    }
                }
                _ => self.error(file, ln, "syntax error in #undef"),
            },
            _ => self.error(file, ln, format!("unexpected token after '#': {word}")),
        }
    }

    fn include_file(&mut self, file: &str, ln: u32, name: &str) {
        if self.depth >= MAX_INCLUDE_DEPTH {
            self.error(file, ln, "input recursion");
            return;
        }
        let text = if name == "textflag.h" {
            Some(TEXTFLAG_H.to_string())
        } else {
            (self.include)(name)
        };
        match text {
            Some(text) => {
                self.depth += 1;
                self.run(name, &text);
                self.depth -= 1;
            }
            None => self.error(
                file,
                ln,
                format!("#include: open {name}: no such file or directory"),
            ),
        }
    }

    fn define(&mut self, file: &str, line: &[Token]) {
        let ln = line[0].line;
        let Some(Tok::Ident(name)) = line.get(2).map(|t| &t.tok) else {
            self.error(file, ln, "bad definition for macro");
            return;
        };
        let mut i = 3;
        let mut params = None;
        // `#define f(x)` (no space before the paren) is function-like; `#define f (x)` is not.
        if line
            .get(3)
            .is_some_and(|t| t.tok == Tok::Op("(") && !t.space_before)
        {
            let mut ps: Vec<String> = Vec::new();
            i = 4;
            loop {
                match line.get(i).map(|t| &t.tok) {
                    Some(Tok::Op(")")) if ps.is_empty() => break,
                    Some(Tok::Ident(p)) => {
                        if ps.contains(p) {
                            self.error(
                                file,
                                ln,
                                format!("duplicate argument {p} in definition for macro: {name}"),
                            );
                            return;
                        }
                        ps.push(p.clone());
                        i += 1;
                        match line.get(i).map(|t| &t.tok) {
                            Some(Tok::Op(",")) => i += 1,
                            Some(Tok::Op(")")) => break,
                            _ => {
                                self.error(
                                    file,
                                    ln,
                                    format!("bad syntax in definition for macro: {name}"),
                                );
                                return;
                            }
                        }
                    }
                    _ => {
                        self.error(
                            file,
                            ln,
                            format!("bad syntax in definition for macro: {name}"),
                        );
                        return;
                    }
                }
            }
            i += 1;
            params = Some(ps);
        }
        if self.macros.contains_key(name) {
            self.error(file, ln, format!("redefinition of macro: {name}"));
            return;
        }
        let body = line[i..].to_vec();
        self.macros.insert(name.clone(), Macro { params, body });
    }

    /// Expands macros in `toks` into `out`. `hide` holds the macros being expanded, which are
    /// not expanded again (so a self-referential macro stops instead of looping).
    fn expand(
        &self,
        toks: &[Token],
        hide: &mut Vec<String>,
        out: &mut Vec<Token>,
    ) -> Result<(), String> {
        if hide.len() > MAX_MACRO_DEPTH {
            return Err("macro expansion too deep".into());
        }
        let mut i = 0;
        while i < toks.len() {
            if out.len() > MAX_EXPANSION {
                return Err("macro expansion too large".into());
            }
            let t = &toks[i];
            let name = match &t.tok {
                Tok::Ident(n) if self.macros.contains_key(n) && !hide.contains(n) => n,
                _ => {
                    out.push(t.clone());
                    i += 1;
                    continue;
                }
            };
            let m = &self.macros[name];
            let Some(params) = &m.params else {
                hide.push(name.clone());
                let body = relined(&m.body, t.line);
                self.expand(&body, hide, out)?;
                hide.pop();
                i += 1;
                continue;
            };
            if toks.get(i + 1).map(|t| &t.tok) != Some(&Tok::Op("(")) {
                // A function-like macro name without arguments is just an identifier.
                out.push(t.clone());
                i += 1;
                continue;
            }
            // Collect the arguments: split at top-level commas up to the matching paren.
            let mut args: Vec<Vec<Token>> = vec![Vec::new()];
            let mut depth = 0;
            let mut j = i + 2;
            loop {
                let Some(a) = toks.get(j) else {
                    return Err(format!("unterminated arg list invoking macro: {name}"));
                };
                match a.tok {
                    Tok::Op("(") => depth += 1,
                    Tok::Op(")") if depth == 0 => break,
                    Tok::Op(")") => depth -= 1,
                    Tok::Op(",") if depth == 0 => {
                        args.push(Vec::new());
                        j += 1;
                        continue;
                    }
                    _ => {}
                }
                if let Some(last) = args.last_mut() {
                    last.push(a.clone());
                }
                j += 1;
            }
            if params.is_empty() && args.len() == 1 && args[0].is_empty() {
                args.clear();
            }
            if args.len() != params.len() {
                return Err(format!("wrong arg count for macro {name}"));
            }
            let mut body = Vec::new();
            for b in relined(&m.body, t.line) {
                match &b.tok {
                    Tok::Ident(p) if params.contains(p) => {
                        let k = params.iter().position(|q| q == p).unwrap_or(0);
                        body.extend(relined(&args[k], t.line));
                    }
                    _ => body.push(b),
                }
            }
            hide.push(name.clone());
            self.expand(&body, hide, out)?;
            hide.pop();
            i = j + 1;
        }
        Ok(())
    }
}

/// Copies macro body tokens, giving them the line of the invocation (errors point there).
fn relined(toks: &[Token], line: u32) -> Vec<Token> {
    toks.iter()
        .map(|t| Token {
            tok: t.tok.clone(),
            line,
            space_before: t.space_before,
        })
        .collect()
}
