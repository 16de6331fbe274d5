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
//! syntax error. The first syntax error ends the parse of a file, reported in cmd/compile's words
//! (`syntax error: unexpected X, expecting Y`).
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
}

/// A syntax error: the parse of this file stops.
pub struct SyntaxError(pub Diag);

type PResult<T> = Result<T, SyntaxError>;

pub fn parse_file(
    file_name: &str,
    toks: Vec<Token>,
    pragmas: Vec<Pragma>,
    next_id: &mut ExprId,
) -> Result<File, Diag> {
    let mut p = Parser {
        toks,
        pragmas,
        i: 0,
        file_name,
        next_id,
        expr_lev: 0,
        depth: 0,
        max_depth: super::stack::nesting_limit(),
    };
    p.file().map_err(|e| e.0)
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

    fn advance(&mut self) -> Token {
        let t = self.toks[self.i].clone();
        if self.i + 1 < self.toks.len() {
            self.i += 1;
        }
        t
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

    fn want_op(&mut self, op: &str) -> PResult<()> {
        if self.got_op(op) {
            Ok(())
        } else {
            self.unexpected(op)
        }
    }

    fn ident(&mut self) -> PResult<(String, Pos)> {
        let pos = self.pos();
        if let Tok::Ident(name) = self.tok() {
            let name = name.clone();
            self.advance();
            Ok((name, pos))
        } else {
            self.unexpected("name")
        }
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
        let (package, _) = self.ident()?;
        self.semi("after package clause")?;
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
            self.semi("after import declaration")?;
        }
        let mut decls = Vec::new();
        while !matches!(self.tok(), Tok::Eof) {
            if self.is_semi() {
                // Only a declaration may stand here; one ';' after each is consumed below
                // (syntax/parser.go fileOrNil).
                return self.err_at(
                    self.pos(),
                    "non-declaration statement outside function body",
                );
            }
            decls.extend(self.top_level_decl()?);
            if !matches!(self.tok(), Tok::Eof) {
                self.semi("after top level declaration")?;
            }
        }
        Ok(File {
            name: self.file_name.to_string(),
            package,
            package_pos,
            imports,
            decls,
        })
    }

    // ImportSpec = [ "." | PackageName ] ImportPath .
    fn import_spec(&mut self) -> PResult<Import> {
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
                })
            }
            _ => self.err_at(pos, "missing import path; require quoted string"),
        }
    }

    // TopLevelDecl = Declaration | FunctionDecl | MethodDecl .
    fn top_level_decl(&mut self) -> PResult<Vec<Decl>> {
        match self.tok() {
            Tok::Keyword("func") => Ok(vec![Decl::Func(self.func_decl()?)]),
            Tok::Keyword("var") => {
                self.advance();
                Ok(self
                    .group(Self::var_spec)?
                    .into_iter()
                    .map(Decl::Var)
                    .collect())
            }
            Tok::Keyword("const") => {
                self.advance();
                Ok(vec![Decl::Const(self.const_group()?)])
            }
            Tok::Keyword("type") => {
                self.advance();
                Ok(self
                    .group(Self::type_spec)?
                    .into_iter()
                    .map(Decl::Type)
                    .collect())
            }
            Tok::Keyword("import") => {
                self.err_at(self.pos(), "imports must appear before other declarations")
            }
            _ => self.err_at(
                self.pos(),
                "non-declaration statement outside function body",
            ),
        }
    }
}
