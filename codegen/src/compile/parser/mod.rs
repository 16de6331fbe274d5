//! The parser: tokens to a syntax tree, by recursive descent over Go's grammar.
//!
//! This file holds the parser's state, its token and error helpers, and the source file's
//! top level (package clause, imports, the declaration loop); the productions are split by
//! concern: `decl.rs` (var, const, type and func declarations, parameters), `types.rs` (type
//! literals), `stmt.rs` (blocks and statements: if, for, switch, ...), `expr.rs`
//! (expressions, operands, composite literals) and `generics.rs` (type parameters).
//!
//! Each function is named after the production it parses (Go spec names), with the production as
//! its comment. It parses more of Go than tbuild compiles (methods, slices, switch, ...) so that
//! valid Go outside the subset gets "tbuild does not support X yet" from the checker instead of a
//! syntax error. Errors are reported in cmd/compile's words (`syntax error: unexpected X,
//! expecting Y`), and the parse goes on as Go's parser does (syntax/parser.go): at the same
//! places it skips tokens up to the same follow sets (end of statement, end of top-level
//! declaration, list separators, missing operands and types, `want`), so that one run reports
//! Go's later errors too. The lexer's errors are merged in as Go's scanner reports them, when
//! the parser reads their token. An error the parser does not recover from as Go does (rarer
//! forms, such as a wrong if, for or switch header) ends the parse of the file, reported only
//! if it is the file's first: fewer errors than Go, never one Go would not report
//! (tests/errors.rs syntax_recovery_never_reports_what_go_does_not checks this against go).
//! Every recovery consumes a token or stops at one that the enclosing production consumes,
//! and an error at the end of the file ends the parse, so no error loops.
//!
//! Known differences from Go's first error: an if/for/switch header that is a statement
//! where an expression must be ("cannot use x := 1 as value" in Go; tbuild says "missing
//! condition in if statement" or "expected for loop condition"); some forms where Go parses
//! a type and tbuild an expression (type arguments, index lists); import declarations that
//! go build's own import reader rejects first (`expected ';', found x`). A file with only
//! lexical errors is not type-checked (Go type-checks it and may report more).
//!
//! Every later phase walks the tree recursively, so the parser bounds how deeply constructs
//! nest ([`MAX_NESTING`]); the compile stage runs on a stack sized for that bound
//! ([`super::stack`]).

mod decl;
mod expr;
mod generics;
mod stmt;
mod types;

pub use expr::expr_to_type;

use super::ast::*;
use super::lexer::{Pragma, Tok, Token};
use crate::diag::Diag;

/// The deepest nesting of expressions, types and statements the parser accepts. Each level of
/// one construct counts once: a parenthesis, a unary operator, a call, index, selector or
/// composite literal applied to an operand, an operand of a chain of binary operators
/// (`1+1+1` is as deep as `((1)+1)+1`), a type literal, a block or a case body, an `else if`,
/// a label. Go 1.19 has no such limit: it accepts what fits in its 1 GB goroutine stack,
/// about 400,000 parentheses, and crashes beyond ("goroutine stack exceeds 1000000000-byte
/// limit"). This bound accepts the 100,000 of any one construct that Go is known to build.
pub const MAX_NESTING: u32 = 150_000;

pub struct Parser<'a> {
    toks: Vec<Token>,
    pragmas: Vec<Pragma>,
    i: usize,
    file_name: &'a str,
    next_id: &'a mut ExprId,
    /// >= 0 inside parentheses; -1 in the header of if/for/switch, where `T{` is not a literal.
    expr_lev: i32,
    /// The nesting depth at the cursor, bounded by `max_depth`: [`MAX_NESTING`], or less
    /// on a smaller stack ([`super::stack::nesting_limit`]).
    depth: u32,
    max_depth: u32,
    /// The errors reported so far, in the order found (syntax/parser.go reports each to its
    /// error handler and goes on).
    errs: Vec<Diag>,
    /// The lexer's errors not yet passed on to `errs`, by position. Go's scanner reports
    /// each through the parser's error handler when the parser reads the token it is in
    /// (syntax/parser.go init), so they arrive among the syntax errors in source order.
    lex_errs: std::collections::VecDeque<Diag>,
    /// Whether the lexer reported an error in this file: like an earlier syntax error, it
    /// silences a syntax error at the end of the file.
    lex_errors: bool,
    /// Errors tbuild reports where Go's type checker would report another: only when the
    /// file has no syntax error (Go type-checks only then).
    deferred: Vec<Diag>,
    /// How many errors the parser itself reported so far.
    parse_errors: usize,
    /// Set when the parse ends without an error of its own, after other errors.
    quiet: bool,
    /// Set while parsing the first clause of a for header, the only place for `range`.
    range_ok: bool,
    /// Set by a label without a statement: the enclosing statement list ends there.
    list_ended: bool,
    /// Which of `errs` are soft ([`Parser::report_soft`]).
    soft: Vec<usize>,
    /// How many function bodies enclose the cursor (Go's fnest): inside one, recovery also
    /// stops at the keywords that start a statement.
    fnest: u32,
}

/// An error that ends the parse of this file: one at the end of the file (after which Go
/// reports nothing more), one past the nesting limit, or one tbuild does not recover from
/// as Go does (it stops rather than risk reporting errors Go would not).
pub struct SyntaxError(pub Diag);

/// The keywords that start a statement: inside a function, recovery stops at them
/// (syntax/parser.go stopset).
const STOPSET: &[&str] = &[
    "break",
    "const",
    "continue",
    "defer",
    "fallthrough",
    "for",
    "go",
    "goto",
    "if",
    "return",
    "select",
    "switch",
    "type",
    "var",
];

type PResult<T> = Result<T, SyntaxError>;

/// The directives that set a flag of the function (or type) declared next
/// (cmd/compile/internal/noder/lex.go pragmaFlag); others (`go:linkname`, `go:build`, unknown
/// ones) are not tied to a declaration.
const FLAG_DIRECTIVES: &[&str] = &[
    "go:nointerface",
    "go:noescape",
    "go:norace",
    "go:nosplit",
    "go:noinline",
    "go:nocheckptr",
    "go:systemstack",
    "go:nowritebarrier",
    "go:nowritebarrierrec",
    "go:yeswritebarrierrec",
    "go:cgo_unsafe_args",
    "go:uintptrkeepalive",
    "go:uintptrescapes",
    "go:registerparams",
    "go:notinheap",
];

/// A flag directive that no declaration takes is Go's "misplaced compiler directive",
/// reported at the directive's text after `//`. Go's parser hands the directives before a
/// declaration to it (syntax/parser.go takePragma, also for each spec of a group) and drops
/// those before a statement (clearPragma, reported by noder checkUnusedDuringParse); the
/// declaration keeps the flags it allows and reports the rest (noder/decl.go pragmaFlags):
/// a function takes every flag but `go:notinheap`, a type only `go:notinheap`, and imports,
/// constants and variables none. So a flag directive is misplaced inside a function body,
/// before (or in a group of) imports, constants and variables, before a function when it is
/// `go:notinheap`, before a type when it is not, and at the end of the file. One inside other
/// brackets at the top level waits for the next declaration in Go; it is left alone here.
/// Checked only in a file without other errors. Returns the syntax errors (directives in a
/// body, and at the end of the file, which Go's parser reports) and the errors Go reports
/// only once the package type-checks (noder/irgen's declarations), in that order.
fn misplaced_directives(
    toks: &[Token],
    pragmas: &[Pragma],
    file_name: &str,
) -> (Vec<Diag>, Vec<Diag>) {
    // One pass: the directives are in source order, and so are the tokens, whose brackets
    // give each directive's place.
    let (mut errs, mut late) = (Vec::new(), Vec::new());
    let mut braces = 0i32;
    let mut parens = 0i32;
    // The keyword of the top-level group `import (`, `const (`, `var (` or `type (` the
    // tokens are in, if any.
    let mut group: Option<&str> = None;
    let mut last_keyword: Option<&str> = None;
    let mut toks = toks.iter().peekable();
    for p in pragmas {
        while let Some(t) = toks.next_if(|t| (t.pos.line, t.pos.col) < (p.line, p.col)) {
            match &t.tok {
                Tok::Op("{") => braces += 1,
                Tok::Op("}") => braces -= 1,
                Tok::Op("(") if braces == 0 => {
                    if parens == 0 {
                        group =
                            last_keyword.filter(|k| ["import", "const", "var", "type"].contains(k));
                    }
                    parens += 1;
                }
                Tok::Op(")") if braces == 0 => {
                    parens -= 1;
                    if parens == 0 {
                        group = None;
                    }
                }
                _ => {}
            }
            last_keyword = match &t.tok {
                Tok::Keyword(k) => Some(*k),
                _ => None,
            };
        }
        let verb = p.text.split_whitespace().next().unwrap_or("");
        if !FLAG_DIRECTIVES.contains(&verb) {
            continue;
        }
        let for_types = verb == "go:notinheap";
        let next = toks.peek().map(|t| &t.tok);
        let (early, misplaced) = if braces > 0 || matches!(next, Some(Tok::Eof) | None) {
            (true, true)
        } else if parens == 1 && group.is_some() {
            (false, !(group == Some("type") && for_types))
        } else if parens == 0 {
            let misplaced = match next {
                Some(Tok::Keyword("func")) => for_types,
                Some(Tok::Keyword("type")) => !for_types,
                _ => true,
            };
            (false, misplaced)
        } else {
            (false, false)
        };
        if misplaced {
            let d = Diag::new(file_name, p.line, p.col + 2, "misplaced compiler directive");
            if early {
                errs.push(d)
            } else {
                late.push(d)
            }
        }
    }
    (errs, late)
}

/// Parses one file. Returns its tree, unless an error ended the parse before the end of the
/// file, and every error found with the lexer's errors `lex_errs`, in the order Go reports
/// them (none when the only errors are the ones the checker reports again, see
/// [`Parser::report_soft`]). Any error returned ends the compile before type checking.
pub fn parse_file(
    file_name: &str,
    toks: Vec<Token>,
    pragmas: Vec<Pragma>,
    next_id: &mut ExprId,
    mut lex_errs: Vec<Diag>,
) -> (Option<File>, Vec<Diag>) {
    lex_errs.sort_by_key(|d| (d.line, d.col));
    let mut p = Parser {
        toks,
        pragmas,
        i: 0,
        file_name,
        next_id,
        expr_lev: 0,
        depth: 0,
        max_depth: super::stack::nesting_limit(),
        errs: Vec::new(),
        lex_errors: !lex_errs.is_empty(),
        lex_errs: lex_errs.into(),
        soft: Vec::new(),
        list_ended: false,
        range_ok: false,
        quiet: false,
        parse_errors: 0,
        deferred: Vec::new(),
        fnest: 0,
    };
    let mut file = match p.file() {
        Ok(f) => Some(f),
        Err(e) => {
            // An error that ends the parse is reported if it is the first, or at the end of
            // the file (where Go ends too), or past the nesting limit. After other errors
            // tbuild cannot be sure Go's parser, which recovers everywhere, would be at
            // the same place to report it: fewer errors, rather than one Go does not report.
            let at_eof = matches!(p.tok(), Tok::Eof);
            let nesting = !e.0.msg.starts_with("syntax error");
            if !p.quiet && (p.parse_errors == 0 || at_eof || nesting) {
                p.report(e.0);
            }
            None
        }
    };
    if p.parse_errors == 0 && file.is_some() {
        for d in std::mem::take(&mut p.deferred) {
            p.report(d);
        }
        if p.errs.is_empty() && p.lex_errs.is_empty() {
            let (early, late) = misplaced_directives(&p.toks, &p.pragmas, file_name);
            p.errs = early;
            if let Some(f) = file.as_mut() {
                f.misplaced = late;
            }
        }
    }
    let mut errs = p.errs;
    errs.extend(p.lex_errs);
    if errs.len() == p.soft.len() && file.is_some() {
        // Only soft errors: the checker reports them from the tree. Not when an error ended
        // the parse (an end of file after them, which Go does not report either): there is
        // no tree, and they are the file's only errors.
        errs.clear();
    }
    (file, errs)
}

impl Parser<'_> {
    fn tok(&self) -> &Tok {
        &self.toks[self.i].tok
    }

    fn pos(&self) -> Pos {
        self.toks[self.i].pos
    }

    fn peek(&self, n: usize) -> &Tok {
        let j = (self.i + n).min(self.toks.len() - 1);
        &self.toks[j].tok
    }

    /// Moves to the next token (the last, Eof, is never passed). Nothing looks back at a
    /// token once passed, so a caller may take a passed token's text instead of copying it.
    fn advance(&mut self) {
        if self.i + 1 < self.toks.len() {
            self.i += 1;
        }
    }

    /// Passes the current token and returns its text (a name's or a number literal's; empty
    /// for other tokens), moved out, not copied: nothing looks back at a passed token.
    fn pass_text(&mut self) -> String {
        let text = match &mut self.toks[self.i].tok {
            Tok::Ident(s) | Tok::Int(s) | Tok::Float(s) | Tok::Imag(s) => std::mem::take(s),
            _ => String::new(),
        };
        self.advance();
        text
    }

    /// Passes the current token and returns a string literal's value, moved out.
    fn pass_bytes(&mut self) -> Vec<u8> {
        let bytes = match &mut self.toks[self.i].tok {
            Tok::Str(b) => std::mem::take(b),
            _ => Vec::new(),
        };
        self.advance();
        bytes
    }

    fn is_op(&self, op: &str) -> bool {
        matches!(self.tok(), Tok::Op(o) if *o == op)
    }

    fn is_kw(&self, kw: &str) -> bool {
        matches!(self.tok(), Tok::Keyword(k) if *k == kw)
    }

    fn is_semi(&self) -> bool {
        matches!(self.tok(), Tok::Semi { .. })
    }

    fn got_op(&mut self, op: &str) -> bool {
        if self.is_op(op) {
            self.advance();
            true
        } else {
            false
        }
    }

    fn err_at<T>(&self, pos: Pos, msg: impl Into<String>) -> PResult<T> {
        Err(SyntaxError(Diag::new(
            self.file_name,
            pos.line,
            pos.col,
            format!("syntax error: {}", msg.into()),
        )))
    }

    fn unexpected<T>(&self, expecting: &str) -> PResult<T> {
        let what = self.toks[self.i].describe();
        if expecting.is_empty() {
            self.err_at(self.pos(), format!("unexpected {what}"))
        } else {
            self.err_at(
                self.pos(),
                format!("unexpected {what}, expecting {expecting}"),
            )
        }
    }

    /// Records an error and goes on. A syntax error at the end of the file after another
    /// error is not recorded (syntax/parser.go syntaxErrorAt: "avoid meaningless follow-up
    /// errors").
    fn report(&mut self, d: Diag) {
        self.drain_lex_errors();
        if d.msg.starts_with("syntax error")
            && matches!(self.tok(), Tok::Eof)
            && (self.lex_errors || !self.errs.is_empty())
        {
            return;
        }
        self.parse_errors += 1;
        self.errs.push(d);
    }

    /// Passes on the lexer's errors up to the end of the current token, which Go's scanner
    /// has read by now.
    fn drain_lex_errors(&mut self) {
        let next = self.toks[(self.i + 1).min(self.toks.len() - 1)].pos;
        while let Some(l) = self.lex_errs.front() {
            if (l.line, l.col) >= (next.line, next.col) && self.i + 1 < self.toks.len() {
                break;
            }
            self.errs.extend(self.lex_errs.pop_front());
        }
    }

    /// An error Go's parser reports without the "syntax error" prefix (`go` or `defer`
    /// of something else than a call): cmd/compile still type-checks after it, so the
    /// checker reports it from the tree when there is no other error in the file.
    fn report_soft(&mut self, pos: Pos, msg: String) {
        self.drain_lex_errors();
        self.soft.push(self.errs.len());
        self.parse_errors += 1;
        self.errs
            .push(Diag::new(self.file_name, pos.line, pos.col, msg));
    }

    /// Reports a syntax error from which the parse recovers. At the end of the file nothing
    /// can follow, so the error ends the parse there (unwinding with `Err`); elsewhere the
    /// caller skips tokens as Go's parser does and goes on.
    fn recoverable(&mut self, e: SyntaxError) -> PResult<()> {
        if matches!(self.tok(), Tok::Eof) {
            return Err(e);
        }
        self.report(e.0);
        Ok(())
    }

    /// Ends the parse of the file without a further error, where tbuild cannot tell what
    /// Go's parser would say after the errors already reported (of which there must be some).
    fn stop_quietly<T>(&mut self) -> PResult<T> {
        self.quiet = true;
        self.err_at(self.pos(), "parse stopped")
    }

    /// Whether the token is in the follow set `follow` (operators and keywords as spelled,
    /// `;` for either semicolon, `name` for an identifier), or is the end of the file, or,
    /// inside a function, a keyword that starts a statement.
    fn in_follow(&self, follow: &[&str]) -> bool {
        match self.tok() {
            Tok::Eof => true,
            Tok::Semi { .. } => follow.contains(&";"),
            Tok::Op(o) => follow.contains(o),
            Tok::Ident(_) => follow.contains(&"name"),
            Tok::Keyword(k) => follow.contains(k) || self.fnest > 0 && STOPSET.contains(k),
            _ => false,
        }
    }

    /// Go's parser's recovery (syntax/parser.go advance): skips tokens up to one in the
    /// follow set; with an empty follow set, skips exactly one token.
    fn skip_to(&mut self, follow: &[&str]) {
        if follow.is_empty() {
            if !matches!(self.tok(), Tok::Eof) {
                self.advance();
            }
            return;
        }
        while !self.in_follow(follow) {
            self.advance();
        }
    }

    /// `op`, or an error "unexpected X, expecting op" and one token skipped (syntax/parser.go
    /// want).
    fn want_op(&mut self, op: &str) -> PResult<()> {
        if self.got_op(op) {
            return Ok(());
        }
        let e = self.unexpected::<()>(op).unwrap_err();
        self.recoverable(e)?;
        self.skip_to(&[]);
        Ok(())
    }

    /// A name, or an error "unexpected X, expecting name", one token skipped and `_` in its
    /// place (syntax/parser.go name).
    fn ident(&mut self) -> PResult<(String, Pos)> {
        let pos = self.pos();
        if let Tok::Ident(_) = self.tok() {
            return Ok((self.pass_text(), pos));
        }
        let e = self.unexpected::<()>("name").unwrap_err();
        self.recoverable(e)?;
        self.skip_to(&[]);
        Ok(("_".to_string(), pos))
    }

    /// `;`, or nothing before `close`; else the error of a list (syntax/parser.go list):
    /// "unexpected X in context; possibly missing sep or close", tokens skipped up to a
    /// closing bracket. Returns whether the list goes on.
    fn list_sep(&mut self, context: &str, sep: &str, close: &str) -> PResult<bool> {
        let got = if sep == ";" {
            self.is_semi()
        } else {
            self.is_op(sep)
        };
        if got {
            self.advance();
            return Ok(true);
        }
        if self.is_op(close) {
            return Ok(true);
        }
        let what = self.toks[self.i].describe();
        let (sep_name, close_name) = (
            match sep {
                ";" => "semicolon or newline",
                _ => "comma",
            },
            close,
        );
        let e = self
            .err_at::<()>(
                self.pos(),
                format!(
                    "unexpected {what} in {context}; possibly missing {sep_name} or {close_name}"
                ),
            )
            .unwrap_err();
        self.recoverable(e)?;
        self.skip_to(&[")", "]", "}"]);
        Ok(self.is_op(close))
    }

    /// Enters one more level of nesting of `what` (an expression, a type, a statement); the
    /// caller leaves it by restoring `depth`. Past [`MAX_NESTING`] the file is rejected, as a
    /// deeper tree would overflow the stack of the phases after the parser.
    fn nest(&mut self, what: &str) -> PResult<()> {
        self.depth += 1;
        if self.depth > self.max_depth {
            let pos = self.pos();
            return Err(SyntaxError(Diag::new(
                self.file_name,
                pos.line,
                pos.col,
                format!("{what} nested too deeply"),
            )));
        }
        Ok(())
    }

    fn new_expr(&mut self, pos: Pos, kind: ExprKind) -> Expr {
        let id = *self.next_id;
        *self.next_id += 1;
        Expr { id, pos, kind }
    }

    /// Ends a statement or declaration: `;`, or nothing before `)` or `}`.
    fn semi(&mut self, context: &str) -> PResult<()> {
        if self.is_semi() {
            self.advance();
            return Ok(());
        }
        if self.is_op(")") || self.is_op("}") || matches!(self.tok(), Tok::Eof) {
            return Ok(());
        }
        let what = self.toks[self.i].describe();
        self.err_at(self.pos(), format!("unexpected {what} {context}"))
    }

    // SourceFile = PackageClause ";" { ImportDecl ";" } { TopLevelDecl ";" } .
    fn file(&mut self) -> PResult<File> {
        if !self.is_kw("package") {
            return self.err_at(self.pos(), "package statement must be first");
        }
        let package_pos = self.pos();
        self.advance();
        let (package, package_name_pos) = self.ident()?;
        if !self.is_semi() {
            return self.unexpected("semicolon or newline");
        }
        self.advance();
        self.drain_lex_errors();
        if !self.errs.is_empty() {
            // Go goes no further when the package clause is wrong, or the lexer reported
            // an error by the first token after it (syntax/parser.go fileOrNil).
            self.lex_errs.clear();
            return Ok(File {
                name: self.file_name.to_string(),
                package,
                package_pos,
                package_name_pos,
                imports: Vec::new(),
                decls: Vec::new(),
                misplaced: Vec::new(),
            });
        }
        let mut imports = Vec::new();
        while self.is_kw("import") {
            self.advance();
            if self.got_op("(") {
                while !self.is_op(")") {
                    imports.push(self.import_spec()?);
                    self.semi("in import declaration")?;
                }
                self.advance();
            } else {
                imports.push(self.import_spec()?);
            }
            if self.is_semi() {
                self.advance();
            } else if !matches!(self.tok(), Tok::Eof) {
                // syntax/parser.go fileOrNil: want ';', which skips one token.
                let e = self.unexpected::<()>("semicolon or newline").unwrap_err();
                self.recoverable(e)?;
                self.skip_to(&[]);
            }
        }
        // Declarations; after an error, tokens are skipped up to the next keyword that
        // starts one (syntax/parser.go fileOrNil).
        let mut decls = Vec::new();
        let resync = ["const", "type", "var", "func"];
        while !matches!(self.tok(), Tok::Eof) {
            let Some(d) = self.top_level_decl()? else {
                let bodiless = matches!(decls.last(), Some(Decl::Func(f)) if f.body.is_none());
                let msg = if self.is_op("{") && bodiless {
                    "unexpected semicolon or newline before {"
                } else {
                    "non-declaration statement outside function body"
                };
                let e = self.err_at::<()>(self.pos(), msg).unwrap_err();
                self.recoverable(e)?;
                self.skip_to(&resync);
                continue;
            };
            decls.extend(d);
            if !matches!(self.tok(), Tok::Eof) && !self.is_semi() {
                let what = self.toks[self.i].describe();
                let at = self.pos();
                let e = self
                    .err_at::<()>(at, format!("unexpected {what} after top level declaration"))
                    .unwrap_err();
                self.recoverable(e)?;
                self.skip_to(&resync);
                // The offending token itself starts a declaration (`func f() var {`): Go
                // parses it with its errors on this line suppressed and goes on in ways
                // this parser does not follow; stop rather than report what Go does not.
                if self.pos() == at {
                    break;
                }
            } else if self.is_semi() {
                self.advance();
            }
        }
        Ok(File {
            name: self.file_name.to_string(),
            package,
            package_pos,
            package_name_pos,
            imports,
            decls,
            misplaced: Vec::new(),
        })
    }

    // ImportSpec = [ "." | PackageName ] ImportPath .
    fn import_spec(&mut self) -> PResult<Import> {
        let name_pos = self.pos();
        let name = match self.tok() {
            Tok::Ident(n) => {
                let n = n.clone();
                self.advance();
                Some(n)
            }
            Tok::Op(".") => {
                self.advance();
                Some(".".to_string())
            }
            _ => None,
        };
        let pos = self.pos();
        match self.tok().clone() {
            Tok::Str(bytes) => {
                self.advance();
                Ok(Import {
                    path: String::from_utf8_lossy(&bytes).into_owned(),
                    name,
                    pos,
                    name_pos,
                })
            }
            _ => self.err_at(pos, "missing import path; require quoted string"),
        }
    }

    // TopLevelDecl = Declaration | FunctionDecl | MethodDecl .
    /// None when no declaration starts here.
    fn top_level_decl(&mut self) -> PResult<Option<Vec<Decl>>> {
        let decls = match self.tok() {
            Tok::Keyword("func") => self.func_decl()?.map(Decl::Func).into_iter().collect(),
            Tok::Keyword("var") => {
                self.advance();
                self.group(Self::var_spec)?
                    .into_iter()
                    .map(Decl::Var)
                    .collect()
            }
            Tok::Keyword("const") => {
                self.advance();
                vec![Decl::Const(self.const_group()?)]
            }
            Tok::Keyword("type") => {
                self.advance();
                self.group(Self::type_spec)?
                    .into_iter()
                    .map(Decl::Type)
                    .collect()
            }
            Tok::Keyword("import") => {
                return self.err_at(self.pos(), "imports must appear before other declarations")
            }
            _ => return Ok(None),
        };
        Ok(Some(decls))
    }
}
