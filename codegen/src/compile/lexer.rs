//! The lexer: source bytes to tokens, with Go's automatic semicolon insertion.
//!
//! Go spec, "Semicolons": a newline or end of file after an identifier, a literal, one of the
//! keywords `break continue fallthrough return`, or one of `++ -- ) ] }` ends the statement.
//! Columns count bytes from 1, as cmd/compile reports them. `//go:` pragma comments are kept so
//! the parser can attach them to the next declaration.

use super::ast::Pos;
use super::linemap::{self, LineBase, LineMap};
use crate::diag::Diag;

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Ident(String),
    Int(String),
    Float(String),
    Imag(String),
    Char(u32),
    Str(Vec<u8>),
    /// Operators and punctuation, as spelled in Go.
    Op(&'static str),
    Keyword(&'static str),
    /// `;`, explicit or inserted at a newline (`newline` tells which, for messages).
    Semi {
        newline: bool,
    },
    Eof,
}

impl Tok {
    /// How Go's parser names the token in "unexpected X" messages.
    pub fn describe(&self) -> String {
        match self {
            Tok::Ident(s) => s.clone(),
            Tok::Int(s) | Tok::Float(s) | Tok::Imag(s) => format!("literal {s}"),
            Tok::Char(_) | Tok::Str(_) => "literal".to_string(), // Token::describe adds the text
            // syntax/tokens.go names the comma; other operators print as themselves.
            Tok::Op(",") => "comma".to_string(),
            Tok::Op(o) => o.to_string(),
            // Go 1.19 prints keywords bare ("unexpected else").
            Tok::Keyword(k) => k.to_string(),
            Tok::Semi { newline: true } => "newline".to_string(),
            Tok::Semi { newline: false } => "semicolon".to_string(),
            Tok::Eof => "EOF".to_string(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Token {
    pub tok: Tok,
    pub pos: Pos,
    /// A string or rune literal as written (with its quotes), for messages; else empty.
    pub lit: String,
}

impl Token {
    /// How Go 1.19's parser names the token in "unexpected X" messages
    /// (syntax/parser.go syntaxErrorAt): a name bare, a literal as written.
    pub fn describe(&self) -> String {
        match &self.tok {
            Tok::Char(_) | Tok::Str(_) => format!("literal {}", self.lit),
            t => t.describe(),
        }
    }
}

/// How Go's scanner names a literal's base (syntax/scanner.go baseName).
fn base_name(base: u32) -> &'static str {
    match base {
        2 => "binary literal",
        8 => "octal literal",
        10 => "decimal literal",
        _ => "hexadecimal literal",
    }
}

/// The index of the first `_` in a number literal that does not stand between two digits
/// (a base prefix counts as a digit), as Go's scanner finds it (syntax/scanner.go
/// invalidSep): a `_` after something other than a digit, or the last `_` of a run that a
/// non-digit follows.
fn invalid_separator(lit: &[u8]) -> Option<usize> {
    if !lit.contains(&b'_') {
        return None;
    }
    let hex = lit.len() >= 2 && lit[0] == b'0' && matches!(lit[1] | 0x20, b'x');
    let prefixed = lit.len() >= 2 && lit[0] == b'0' && matches!(lit[1] | 0x20, b'x' | b'o' | b'b');
    // What the previous byte was: a digit, a separator, or anything else.
    #[derive(PartialEq, Clone, Copy)]
    enum Prev {
        Digit,
        Sep,
        Other,
    }
    let (mut prev, first) = if prefixed {
        (Prev::Digit, 2)
    } else {
        (Prev::Other, 0)
    };
    for (i, &c) in lit.iter().enumerate().skip(first) {
        let now = if c == b'_' {
            if prev != Prev::Digit {
                return Some(i);
            }
            Prev::Sep
        } else if c.is_ascii_digit() || hex && c.is_ascii_hexdigit() {
            Prev::Digit
        } else {
            if prev == Prev::Sep {
                return Some(i - 1);
            }
            Prev::Other
        };
        prev = now;
    }
    (prev == Prev::Sep).then(|| lit.len() - 1)
}

/// A `//go:name args` comment, the line it stands on and the column of its `//`.
#[derive(Debug, Clone)]
pub struct Pragma {
    pub line: u32,
    pub col: u32,
    pub text: String,
}

const KEYWORDS: &[&str] = &[
    "break",
    "case",
    "chan",
    "const",
    "continue",
    "default",
    "defer",
    "else",
    "fallthrough",
    "for",
    "func",
    "go",
    "goto",
    "if",
    "import",
    "interface",
    "map",
    "package",
    "range",
    "return",
    "select",
    "struct",
    "switch",
    "type",
    "var",
];

/// Longest first, so that `<<=` wins over `<<` and `<`.
const OPS: &[&str] = &[
    "<<=", ">>=", "&^=", "...", "&&", "||", "<-", "++", "--", "==", "!=", "<=", ">=", ":=", "+=",
    "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<", ">>", "&^", "+", "-", "*", "/", "%", "&", "|",
    "^", "<", ">", "=", "!", "(", ")", "[", "]", "{", "}", ",", ";", ".", ":", "~",
];

/// The operators that start with byte `first`, longest first as in [`OPS`], so that the
/// first that matches is the longest (Go's scanner takes the longest). A table made once:
/// scanning all of OPS for each operator was a third of the lexer's time (perf).
fn ops_starting_with(first: u8) -> &'static [&'static str] {
    type Table = (Vec<&'static str>, [(u8, u8); 128]);
    static TABLE: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    let (ops, ranges) = TABLE.get_or_init(|| {
        let mut ops = OPS.to_vec();
        // Stable: each byte's operators keep OPS's longest-first order.
        ops.sort_by_key(|o| o.as_bytes()[0]);
        let mut ranges = [(0u8, 0u8); 128];
        for (i, o) in ops.iter().enumerate() {
            let r = &mut ranges[usize::from(o.as_bytes()[0])];
            if r.1 == 0 {
                r.0 = i as u8;
            }
            r.1 = i as u8 + 1;
        }
        (ops, ranges)
    });
    match ranges.get(usize::from(first)) {
        Some(&(start, end)) => &ops[usize::from(start)..usize::from(end)],
        None => &[],
    }
}

/// `bytes` as a string, any invalid UTF-8 replaced (check_encoding reports it). The valid
/// case first: the general conversion's machinery cost the lexer a tenth of its time.
fn owned(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// The index of the first newline at or after `from` in `src`, or its length.
fn line_end(src: &[u8], from: usize) -> usize {
    src[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(src.len(), |n| from + n)
}

pub struct Lexed {
    pub tokens: Vec<Token>,
    pub pragmas: Vec<Pragma>,
    /// The file's line directives (linemap.rs), names resolved, file indices not yet.
    pub line_bases: Vec<LineBase>,
}

pub fn lex(file_index: u32, file_name: &str, src: &[u8], errs: &mut Vec<Diag>) -> Lexed {
    lex_from(file_index, file_name, src, 1, errs)
}

/// Lexes `src` as the part of a file that starts at the beginning of line `first_line`
/// (an inlinable body of export data, compile/export.rs): positions are the file's.
pub fn lex_from(
    file_index: u32,
    file_name: &str,
    src: &[u8],
    first_line: u32,
    errs: &mut Vec<Diag>,
) -> Lexed {
    let mut lx = Lexer {
        src,
        i: 0,
        line: first_line,
        line_start: 0,
        file_index,
        file_name,
        errs,
        // About one token per four bytes of source; room for them all at once spares the
        // copies of a growing list.
        out: Vec::with_capacity(src.len() / 4 + 16),
        pragmas: Vec::new(),
        lines: LineMap::default(),
    };
    lx.run();
    Lexed {
        tokens: lx.out,
        pragmas: lx.pragmas,
        line_bases: lx.lines.bases,
    }
}

struct Lexer<'a> {
    src: &'a [u8],
    i: usize,
    line: u32,
    line_start: usize,
    file_index: u32,
    file_name: &'a str,
    errs: &'a mut Vec<Diag>,
    out: Vec<Token>,
    pragmas: Vec<Pragma>,
    lines: LineMap,
}

impl Lexer<'_> {
    fn pos_at(&self, i: usize) -> Pos {
        Pos {
            file: self.file_index,
            line: self.line,
            col: (i - self.line_start + 1) as u32,
            inst: 0,
        }
    }

    fn error(&mut self, pos: Pos, msg: impl Into<String>) {
        self.errs
            .push(Diag::new(self.file_name, pos.line, pos.col, msg));
    }

    fn needs_semi(&self) -> bool {
        match self.out.last().map(|t| &t.tok) {
            Some(Tok::Ident(_) | Tok::Int(_) | Tok::Float(_) | Tok::Imag(_)) => true,
            Some(Tok::Char(_) | Tok::Str(_)) => true,
            Some(Tok::Keyword(k)) => {
                matches!(*k, "break" | "continue" | "fallthrough" | "return")
            }
            Some(Tok::Op(o)) => matches!(*o, "++" | "--" | ")" | "]" | "}"),
            _ => false,
        }
    }

    fn newline(&mut self, at: usize) {
        if self.needs_semi() {
            let pos = self.pos_at(at);
            self.out.push(Token {
                tok: Tok::Semi { newline: true },
                pos,
                lit: String::new(),
            });
        }
        self.line += 1;
        self.line_start = at + 1;
    }

    /// Go's source reader (syntax/source.go nextch) rejects, wherever they are: a NUL byte,
    /// bytes that are not UTF-8, and a byte order mark after the file's start.
    fn check_encoding(&mut self) {
        // The common case, checked fast: valid UTF-8 without NUL and without a second BOM.
        let bom = "\u{feff}".as_bytes();
        if std::str::from_utf8(self.src).is_ok()
            && !self.src.contains(&0)
            && !(self.src.get(1..).is_some_and(|rest| rest.contains(&bom[0]))
                && self.src[1..].windows(3).any(|w| w == bom))
        {
            return;
        }
        let (mut line, mut line_start, mut i) = (self.line, 0usize, 0usize);
        while i < self.src.len() {
            let col = (i - line_start + 1) as u32;
            let c = self.src[i];
            if c < 0x80 {
                if c == 0 {
                    self.errs.push(Diag::new(
                        self.file_name,
                        line,
                        col,
                        "invalid NUL character",
                    ));
                } else if c == b'\n' {
                    line += 1;
                    line_start = i + 1;
                }
                i += 1;
                continue;
            }
            let Some(ch) = self.char_at(i) else {
                self.errs.push(Diag::new(
                    self.file_name,
                    line,
                    col,
                    "invalid UTF-8 encoding",
                ));
                i += 1;
                continue;
            };
            if i > 0 && ch == '\u{feff}' {
                self.errs.push(Diag::new(
                    self.file_name,
                    line,
                    col,
                    "invalid BOM in the middle of the file",
                ));
            }
            i += ch.len_utf8();
        }
    }

    /// The character whose UTF-8 encoding starts at byte i, if it is valid there.
    fn char_at(&self, i: usize) -> Option<char> {
        let rest = &self.src[i..self.src.len().min(i + 4)];
        let valid = match std::str::from_utf8(rest) {
            Ok(s) => s,
            Err(e) => std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or(""),
        };
        valid.chars().next()
    }

    fn run(&mut self) {
        self.check_encoding();
        // A byte order mark may start the file; Go's reader skips it (syntax/source.go).
        if self.src.starts_with("\u{feff}".as_bytes()) {
            self.i = 3;
        }
        while self.i < self.src.len() {
            let c = self.src[self.i];
            match c {
                b'\n' => {
                    self.newline(self.i);
                    self.i += 1;
                }
                b' ' | b'\t' | b'\r' => self.i += 1,
                b'/' if self.src.get(self.i + 1) == Some(&b'/') => self.line_comment(),
                b'/' if self.src.get(self.i + 1) == Some(&b'*') => self.block_comment(),
                b'0'..=b'9' => self.number(),
                b'.' if matches!(self.src.get(self.i + 1), Some(b'0'..=b'9')) => self.number(),
                b'"' => self.string(),
                b'`' => self.raw_string(),
                b'\'' => self.char_lit(),
                _ if c == b'_' || c.is_ascii_alphabetic() || c >= 0x80 => self.ident(),
                _ => self.op(),
            }
        }
        if self.needs_semi() {
            let pos = self.pos_at(self.i);
            self.out.push(Token {
                tok: Tok::Semi { newline: true },
                pos,
                lit: String::new(),
            });
        }
        let pos = self.pos_at(self.i);
        self.out.push(Token {
            tok: Tok::Eof,
            pos,
            lit: String::new(),
        });
    }

    fn line_comment(&mut self) {
        let start = self.i;
        self.i = line_end(self.src, start);
        let raw = &self.src[start + 2..self.i];
        // Only directives need the text: most comments are not.
        let line_start = start == self.line_start;
        if !(raw.starts_with(b"go:") || line_start && raw.starts_with(b"line ")) {
            return;
        }
        let text = owned(raw);
        if line_start {
            // The newline ends the directive: it applies from the start of the next line.
            let (line, col) = (self.line, (start - self.line_start + 1) as u32);
            self.line_directive(line, col, (line + 1, 1), &text);
        }
        // Directives may stand anywhere (cmd/compile/internal/syntax parser.go: unlike
        // //line, a //go: comment need not start its line).
        if text.starts_with("go:") {
            self.pragmas.push(Pragma {
                line: self.line,
                col: (start - self.line_start + 1) as u32,
                text,
            });
        }
    }

    /// `//line file:line[:col]` (at the start of a line) and `/*line file:line[:col]*/`
    /// (anywhere, on one line) change the positions Go reports from `after` on (linemap.rs).
    /// `line`:`col` is where the comment starts; its text is what follows `//` or `/*`.
    fn line_directive(&mut self, line: u32, col: u32, after: (u32, u32), text: &str) {
        let Some(rest) = text.strip_prefix("line ") else {
            return;
        };
        match linemap::parse(rest) {
            Ok(None) => {}
            Ok(Some(d)) => {
                let name = d
                    .name
                    .unwrap_or_else(|| self.lines.current_name(self.file_name).to_string());
                self.lines.bases.push(LineBase {
                    at_line: after.0,
                    at_col: after.1,
                    name,
                    file: 0,
                    line: d.line,
                    col: d.col,
                });
            }
            Err((at, msg)) => {
                // At the number, counted from the comment's start (syntax/parser.go).
                let pos = Pos {
                    file: self.file_index,
                    line,
                    col: col + 2 + 5 + at as u32,
                    inst: 0,
                };
                self.error(pos, msg);
            }
        }
    }

    fn block_comment(&mut self) {
        let pos = self.pos_at(self.i);
        let start = self.i;
        self.i += 2;
        let mut had_newline = false;
        loop {
            if self.i + 1 >= self.src.len() {
                self.error(pos, "comment not terminated");
                self.i = self.src.len();
                return;
            }
            if self.src[self.i] == b'*' && self.src[self.i + 1] == b'/' {
                let text = owned(&self.src[start + 2..self.i]);
                self.i += 2;
                // A directive spanning lines is none (syntax/parser.go discards it).
                if !had_newline {
                    let after = (self.line, (self.i - self.line_start + 1) as u32);
                    self.line_directive(pos.line, pos.col, after, &text);
                }
                break;
            }
            if self.src[self.i] == b'\n' {
                if !had_newline && self.needs_semi() {
                    let p = self.pos_at(self.i);
                    self.out.push(Token {
                        tok: Tok::Semi { newline: true },
                        pos: p,
                        lit: String::new(),
                    });
                }
                had_newline = true;
                self.line += 1;
                self.line_start = self.i + 1;
            }
            self.i += 1;
        }
    }

    fn ident(&mut self) {
        let start = self.i;
        let pos = self.pos_at(start);
        while self.i < self.src.len() {
            let c = self.src[self.i];
            if c == b'_' || c.is_ascii_alphanumeric() {
                self.i += 1;
            } else if c >= 0x80 {
                // A UTF-8 letter (Go allows Unicode letters in identifiers).
                // Any other character above ASCII is reported and taken as part of the
                // identifier, as Go's scanner does (syntax/scanner.go atIdentChar), so that
                // the next error is the one Go reports too.
                match self.char_at(self.i) {
                    Some(ch) if ch.is_alphabetic() || ch.is_numeric() && self.i != start => {
                        self.i += ch.len_utf8()
                    }
                    Some(ch) => {
                        let at = self.pos_at(self.i);
                        let what = if ch.is_numeric() {
                            format!("identifier cannot begin with digit {}", sharp_u(ch))
                        } else {
                            format!("invalid character {} in identifier", sharp_u(ch))
                        };
                        self.error(at, what);
                        self.i += ch.len_utf8();
                    }
                    None => {
                        // Reported by check_encoding.
                        self.i += 1;
                        return;
                    }
                }
            } else {
                break;
            }
        }
        let bytes = &self.src[start..self.i];
        // Keywords are 2 to 11 lowercase ASCII letters: most identifiers are told apart by
        // their first byte and length before any comparison.
        let keyword = if (2..=11).contains(&bytes.len()) && bytes[0].is_ascii_lowercase() {
            KEYWORDS
                .iter()
                .find(|k| k.len() == bytes.len() && k.as_bytes() == bytes)
        } else {
            None
        };
        let tok = match keyword {
            Some(k) => Tok::Keyword(k),
            None => Tok::Ident(owned(bytes)),
        };
        self.out.push(Token {
            tok,
            pos,
            lit: String::new(),
        });
    }

    /// A number literal, scanned as Go's scanner scans it (syntax/scanner.go number): a
    /// base prefix, digits of any decimal value (one not in the base is an error for an
    /// integer), a fraction and an exponent for floats, an `i` suffix. Letters end it.
    /// A number literal (syntax/scanner.go number): digits in the literal's base, a
    /// fraction, an exponent (`e` for decimal, `p` for hexadecimal mantissas), an `i`
    /// suffix; the scanner's errors at the character where it finds them.
    fn number(&mut self) {
        let start = self.i;
        let pos = self.pos_at(start);
        let lower = |c: Option<&u8>| c.map(|c| c.to_ascii_lowercase());
        let mut ok = true;
        let mut is_float = false;
        let (mut base, mut prefix) = (10u32, 0u8);
        // Bit 0: a digit was seen; bit 1: a '_' was.
        let mut digsep = 0u8;
        let mut invalid = None;
        if self.src[self.i] != b'.' {
            if self.src[self.i] == b'0' {
                self.i += 1;
                match lower(self.src.get(self.i)) {
                    Some(c @ (b'x' | b'o' | b'b')) => {
                        self.i += 1;
                        base = match c {
                            b'x' => 16,
                            b'o' => 8,
                            _ => 2,
                        };
                        prefix = c;
                    }
                    _ => {
                        // A leading 0: octal, unless the literal turns out to be a float.
                        (base, prefix, digsep) = (8, b'0', 1);
                    }
                }
            }
            digsep |= self.digits(base, &mut invalid);
            if self.src.get(self.i) == Some(&b'.') {
                if prefix == b'o' || prefix == b'b' {
                    let at = self.pos_at(self.i);
                    self.error(at, format!("invalid radix point in {}", base_name(base)));
                    ok = false;
                }
                self.i += 1;
                is_float = true;
            }
        } else {
            self.i += 1;
            is_float = true;
        }
        if is_float {
            digsep |= self.digits(base, &mut invalid);
        }
        if digsep & 1 == 0 && ok {
            let at = self.pos_at(self.i);
            self.error(at, format!("{} has no digits", base_name(base)));
            ok = false;
        }
        if let Some(e @ (b'e' | b'p')) = lower(self.src.get(self.i)) {
            if ok {
                let written = self.src[self.i] as char;
                let at = self.pos_at(self.i);
                if e == b'e' && prefix != 0 && prefix != b'0' {
                    self.error(
                        at,
                        format!("'{written}' exponent requires decimal mantissa"),
                    );
                    ok = false;
                } else if e == b'p' && prefix != b'x' {
                    self.error(
                        at,
                        format!("'{written}' exponent requires hexadecimal mantissa"),
                    );
                    ok = false;
                }
            }
            self.i += 1;
            is_float = true;
            if matches!(self.src.get(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            let exp = self.digits(10, &mut None);
            digsep = exp | (digsep & 2);
            if exp & 1 == 0 && ok {
                let at = self.pos_at(self.i);
                self.error(at, "exponent has no digits");
                ok = false;
            }
        } else if prefix == b'x' && is_float && ok {
            let at = self.pos_at(self.i);
            self.error(at, "hexadecimal mantissa requires a 'p' exponent");
            ok = false;
        }
        let mut text = owned(&self.src[start..self.i]);
        if self.src.get(self.i) == Some(&b'i') {
            self.i += 1;
            text.push('i');
            self.out.push(Token {
                tok: Tok::Imag(text),
                pos,
                lit: String::new(),
            });
            return;
        }
        if let (false, Some(at), true) = (is_float, invalid, ok) {
            let c = self.src[at] as char;
            let at = self.pos_at(at);
            self.error(at, format!("invalid digit '{c}' in {}", base_name(base)));
        } else if let (true, Some(i)) = (ok && digsep & 2 != 0, invalid_separator(text.as_bytes()))
        {
            let at = self.pos_at(start + i);
            self.error(at, "'_' must separate successive digits");
        }
        let tok = if is_float {
            Tok::Float(text)
        } else {
            Tok::Int(text)
        };
        self.out.push(Token {
            tok,
            pos,
            lit: String::new(),
        });
    }

    /// Digits and `_` separators: any decimal digit when base <= 10 (the first one not in
    /// the base is recorded in `invalid`), hexadecimal digits in base 16. Returns bit 0 for a
    /// digit seen, bit 1 for a separator.
    fn digits(&mut self, base: u32, invalid: &mut Option<usize>) -> u8 {
        let mut digsep = 0;
        while let Some(&c) = self.src.get(self.i) {
            if c == b'_' || c.is_ascii_digit() || base == 16 && c.is_ascii_hexdigit() {
                if c == b'_' {
                    digsep |= 2;
                } else {
                    digsep |= 1;
                }
                if base <= 10 && c.is_ascii_digit() && u32::from(c - b'0') >= base {
                    invalid.get_or_insert(self.i);
                }
                self.i += 1;
            } else {
                break;
            }
        }
        digsep
    }

    /// Reads one escape from its backslash and appends its value (a rune UTF-8 encoded), as
    /// Go's scanner reads it (syntax/scanner.go escape): each error is reported at the
    /// character where it is found, in Go's words, and the character that is not part of
    /// the escape is left for the literal (a newline ends it). Returns false after an error;
    /// at the end of the file the caller reports the unterminated literal.
    fn escape(&mut self, quote: u8, out: &mut Vec<u8>) -> bool {
        self.i += 1; // the backslash
        let Some(&c) = self.src.get(self.i) else {
            return true;
        };
        let simple = match c {
            b'a' => Some(7),
            b'b' => Some(8),
            b'f' => Some(12),
            b'n' => Some(b'\n'),
            b'r' => Some(b'\r'),
            b't' => Some(b'\t'),
            b'v' => Some(11),
            b'\\' => Some(b'\\'),
            _ if c == quote => Some(c),
            _ => None,
        };
        if let Some(b) = simple {
            self.i += 1;
            out.push(b);
            return true;
        }
        let (digits, base, max, is_byte) = match c {
            b'0'..=b'7' => (3, 8, 255, true),
            b'x' => (2, 16, 255, true),
            b'u' => (4, 16, 0x10FFFF, false),
            b'U' => (8, 16, 0x10FFFF, false),
            _ => {
                let at = self.pos_at(self.i);
                self.error(at, "unknown escape");
                return false;
            }
        };
        if c > b'7' {
            self.i += 1;
        }
        let mut v: u32 = 0;
        for _ in 0..digits {
            let Some(&b) = self.src.get(self.i) else {
                return true;
            };
            let d = (b as char).to_digit(16).unwrap_or(base);
            if d >= base {
                let ch = self.char_at(self.i).unwrap_or('\u{FFFD}');
                let at = self.pos_at(self.i);
                let name = if base == 8 { "octal" } else { "hexadecimal" };
                self.error(at, format!("invalid character {ch:?} in {name} escape"));
                return false;
            }
            v = v * base + d;
            self.i += 1;
        }
        let at = self.pos_at(self.i);
        if v > max && base == 8 {
            self.error(at, format!("octal escape value {v} > 255"));
            return false;
        }
        if v > max || (0xD800..0xE000).contains(&v) {
            self.error(
                at,
                format!("escape is invalid Unicode code point U+{v:04X}"),
            );
            return false;
        }
        if is_byte {
            out.push(v as u8);
        } else if let Some(ch) = char::from_u32(v) {
            let mut buf = [0u8; 4];
            out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
        }
        true
    }

    fn string(&mut self) {
        let pos = self.pos_at(self.i);
        let start = self.i;
        self.i += 1;
        let mut out = Vec::new();
        loop {
            match self.src.get(self.i) {
                // Go reports a newline where it is, the end of the file at the literal's start
                // (syntax/scanner.go stdString).
                Some(b'\n') => {
                    let at = self.pos_at(self.i);
                    self.error(at, "newline in string");
                    break;
                }
                None => {
                    self.error(pos, "string not terminated");
                    break;
                }
                Some(b'"') => {
                    self.i += 1;
                    break;
                }
                Some(b'\\') => {
                    self.escape(b'"', &mut out);
                }
                Some(&b) => {
                    out.push(b);
                    self.i += 1;
                }
            }
        }
        let lit = owned(&self.src[start..self.i]);
        self.out.push(Token {
            tok: Tok::Str(out),
            pos,
            lit,
        });
    }

    fn raw_string(&mut self) {
        let pos = self.pos_at(self.i);
        let start = self.i;
        self.i += 1;
        let mut out = Vec::new();
        loop {
            match self.src.get(self.i) {
                None => {
                    self.error(pos, "string not terminated");
                    break;
                }
                Some(b'`') => {
                    self.i += 1;
                    break;
                }
                Some(&b) => {
                    if b == b'\n' {
                        self.line += 1;
                        self.line_start = self.i + 1;
                    }
                    // Carriage returns are discarded from raw strings (Go spec).
                    if b != b'\r' {
                        out.push(b);
                    }
                    self.i += 1;
                }
            }
        }
        let lit = owned(&self.src[start..self.i]);
        self.out.push(Token {
            tok: Tok::Str(out),
            pos,
            lit,
        });
    }

    /// A rune literal. Its characters are counted up to the closing quote, so that the errors
    /// are Go's (syntax/scanner.go): an empty literal at its closing quote, more than one
    /// character at the literal's start, a newline where it is, a missing close at the start;
    /// only the first error of a literal is reported.
    fn char_lit(&mut self) {
        let pos = self.pos_at(self.i);
        let start = self.i;
        self.i += 1;
        let mut value: Option<u32> = None;
        let mut ok = true;
        let mut n = 0;
        loop {
            match self.src.get(self.i) {
                Some(b'\'') => {
                    if ok && n == 0 {
                        let at = self.pos_at(self.i);
                        self.error(at, "empty rune literal or unescaped '");
                    } else if ok && n != 1 {
                        self.error(pos, "more than one character in rune literal");
                    }
                    self.i += 1;
                    break;
                }
                Some(b'\n') => {
                    if ok {
                        let at = self.pos_at(self.i);
                        self.error(at, "newline in rune literal");
                    }
                    break;
                }
                None => {
                    if ok {
                        self.error(pos, "rune literal not terminated");
                    }
                    break;
                }
                Some(b'\\') => {
                    let c = self.src.get(self.i + 1).copied();
                    let mut bytes = Vec::new();
                    if !self.escape(b'\'', &mut bytes) {
                        ok = false;
                    } else if n == 0 {
                        // \x and octal escapes give a byte value; others a UTF-8 encoded rune.
                        value = if matches!(c, Some(b'x' | b'0'..=b'7')) {
                            bytes.first().map(|&b| b as u32)
                        } else {
                            std::str::from_utf8(&bytes)
                                .ok()
                                .and_then(|s| s.chars().next())
                                .map(|c| c as u32)
                        };
                    }
                }
                Some(_) => {
                    // Invalid UTF-8 is reported by check_encoding; the rune is U+FFFD, as
                    // Go's reader gives.
                    let (ch, len) = match self.char_at(self.i) {
                        Some(ch) => (ch as u32, ch.len_utf8()),
                        None => (0xFFFD, 1),
                    };
                    if n == 0 {
                        value = Some(ch);
                    }
                    self.i += len;
                }
            }
            n += 1;
        }
        let lit = owned(&self.src[start..self.i]);
        self.out.push(Token {
            tok: Tok::Char(value.unwrap_or(0)),
            pos,
            lit,
        });
    }

    fn op(&mut self) {
        let pos = self.pos_at(self.i);
        let rest = &self.src[self.i..];
        for op in ops_starting_with(rest[0]) {
            if rest.starts_with(op.as_bytes()) {
                self.i += op.len();
                let tok = if *op == ";" {
                    Tok::Semi { newline: false }
                } else {
                    Tok::Op(op)
                };
                self.out.push(Token {
                    tok,
                    pos,
                    lit: String::new(),
                });
                return;
            }
        }
        let ch = std::str::from_utf8(rest)
            .ok()
            .and_then(|s| s.chars().next())
            .unwrap_or('?');
        self.error(
            pos,
            format!("invalid character U+{:04X} '{}'", ch as u32, ch),
        );
        self.i += ch.len_utf8().max(1);
    }
}

/// A character as Go's `%#U` prints it: `U+263A '☺'`, without the quoted character when it
/// is not printable.
fn sharp_u(ch: char) -> String {
    if ch.is_control() || ch.is_whitespace() {
        format!("U+{:04X}", ch as u32)
    } else {
        format!("U+{:04X} '{}'", ch as u32, ch)
    }
}
