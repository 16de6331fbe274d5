//! The parser: tokens to a syntax tree, by recursive descent over Go's grammar.
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

mod generics;

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

    /// `spec` or `( spec ; spec ; ... )`.
    fn group<T>(&mut self, f: fn(&mut Self) -> PResult<T>) -> PResult<Vec<T>> {
        let mut out = Vec::new();
        if self.got_op("(") {
            while !self.is_op(")") {
                out.push(f(self)?);
                self.semi("after declaration")?;
            }
            self.advance();
        } else {
            out.push(f(self)?);
        }
        Ok(out)
    }

    fn ident_list(&mut self) -> PResult<Vec<(String, Pos)>> {
        let mut names = vec![self.ident()?];
        while self.got_op(",") {
            names.push(self.ident()?);
        }
        Ok(names)
    }

    // VarSpec = IdentifierList ( Type [ "=" ExpressionList ] | "=" ExpressionList ) .
    fn var_spec(&mut self) -> PResult<VarSpec> {
        let names = self.ident_list()?;
        let ty = if self.is_op("=") {
            None
        } else {
            Some(self.type_()?)
        };
        let values = if self.got_op("=") {
            self.expr_list()?
        } else {
            Vec::new()
        };
        Ok(VarSpec { names, ty, values })
    }

    // ConstDecl = "const" ( ConstSpec | "(" { ConstSpec ";" } ")" ) .
    // ConstSpec = IdentifierList [ [ Type ] "=" ExpressionList ] .
    fn const_group(&mut self) -> PResult<Vec<ConstSpec>> {
        let grouped = self.got_op("(");
        let mut specs: Vec<ConstSpec> = Vec::new();
        let mut iota = 0;
        loop {
            if grouped && self.is_op(")") {
                self.advance();
                break;
            }
            let names = self.ident_list()?;
            let mut ty = None;
            if !self.is_op("=") && !self.is_semi() && !self.is_op(")") {
                ty = Some(self.type_()?);
            }
            let spec = if self.got_op("=") {
                ConstSpec {
                    names,
                    ty,
                    values: self.expr_list()?,
                    iota,
                    implicit: false,
                }
            } else {
                if ty.is_some() || specs.is_empty() {
                    return self.err_at(self.pos(), "missing init expr for const declaration");
                }
                // Implicit repetition: the previous list, evaluated with this iota.
                let prev = specs.last().unwrap();
                let values = prev.values.iter().map(|e| self.refresh_ids(e)).collect();
                ConstSpec {
                    names,
                    ty: prev.ty.clone(),
                    values,
                    iota,
                    implicit: true,
                }
            };
            specs.push(spec);
            iota += 1;
            if !grouped {
                break;
            }
            self.semi("after declaration")?;
        }
        Ok(specs)
    }

    /// A copy of an expression with fresh ids, so the checker can give it other values.
    fn refresh_ids(&mut self, e: &Expr) -> Expr {
        let mut e = e.clone();
        self.renumber(&mut e);
        e
    }

    fn renumber(&mut self, e: &mut Expr) {
        e.id = *self.next_id;
        *self.next_id += 1;
        match &mut e.kind {
            ExprKind::Binary(_, a, b) | ExprKind::Index(a, b) => {
                self.renumber(a);
                self.renumber(b);
            }
            ExprKind::Unary(_, a)
            | ExprKind::Paren(a)
            | ExprKind::Selector(a, _)
            | ExprKind::TypeAssert(a, _) => self.renumber(a),
            ExprKind::Slice { x, lo, hi, max } => {
                self.renumber(x);
                for e in [lo, hi, max].into_iter().flatten() {
                    self.renumber(e);
                }
            }
            ExprKind::Call { func, args, .. } => {
                self.renumber(func);
                for a in args {
                    self.renumber(a);
                }
            }
            ExprKind::Composite { elems, .. } => {
                for el in elems {
                    if let Some(k) = &mut el.key {
                        self.renumber(k);
                    }
                    self.renumber(&mut el.value);
                }
            }
            _ => {}
        }
    }

    // TypeSpec = AliasDecl | TypeDef .
    // TypeDef = identifier [ TypeParameters ] Type .
    fn type_spec(&mut self) -> PResult<TypeSpec> {
        let (name, pos) = self.ident()?;
        if self.is_op("[") {
            // An array or slice type, or a generic type's parameters (generics.rs).
            let lbrack = self.pos();
            self.advance();
            if self.got_op("]") {
                let elem = self.type_()?;
                return Ok(TypeSpec {
                    name,
                    pos,
                    tparams: Vec::new(),
                    alias: false,
                    ty: TypeExpr {
                        pos: lbrack,
                        kind: TypeExprKind::Slice(Box::new(elem)),
                    },
                });
            }
            let len = if self.got_op("...") {
                None
            } else {
                match self.type_params_or_array_len()? {
                    Ok(tparams) => {
                        let alias = self.got_op("=");
                        let ty = self.type_()?;
                        return Ok(TypeSpec {
                            name,
                            pos,
                            tparams,
                            alias,
                            ty,
                        });
                    }
                    Err(len) => Some(Box::new(len)),
                }
            };
            self.want_op("]")?;
            let elem = self.type_()?;
            return Ok(TypeSpec {
                name,
                pos,
                tparams: Vec::new(),
                alias: false,
                ty: TypeExpr {
                    pos: lbrack,
                    kind: TypeExprKind::Array(len, Box::new(elem)),
                },
            });
        }
        let alias = self.got_op("=");
        let ty = self.type_()?;
        Ok(TypeSpec {
            name,
            pos,
            tparams: Vec::new(),
            alias,
            ty,
        })
    }

    // FunctionDecl = "func" [ Receiver ] FunctionName Signature [ FunctionBody ] .
    fn func_decl(&mut self) -> PResult<FuncDecl> {
        let func_pos = self.pos();
        self.advance();
        let mut recv = None;
        if self.is_op("(") {
            let rpos = self.pos();
            let (mut params, _) = self.parameters()?;
            if params.len() != 1 {
                return self.err_at(rpos, "method has multiple receivers");
            }
            recv = params.pop();
        }
        let (name, pos) = self.ident()?;
        if recv.is_some() && self.is_op("[") {
            // syntax/parser.go funcDeclOrNil.
            return self.err_at(self.pos(), "method must have no type parameters");
        }
        let tparams = if self.is_op("[") {
            self.func_type_params()?
        } else {
            Vec::new()
        };
        let (params, variadic) = self.parameters()?;
        let results = self.result()?;
        let mut body = None;
        let mut end = self.pos();
        if self.is_op("{") {
            let (stmts, close) = self.block()?;
            body = Some(stmts);
            end = close;
        }
        // A //go:linkname pragma anywhere in the file names this function's symbol.
        let linkname = self.pragmas.iter().find_map(|p| {
            let mut words = p.text.split_whitespace();
            (words.next() == Some("go:linkname") && words.next() == Some(name.as_str()))
                .then(|| words.next().map(str::to_string))
                .flatten()
        });
        let _ = func_pos;
        Ok(FuncDecl {
            name,
            pos,
            recv,
            tparams,
            params,
            results,
            variadic,
            body,
            end,
            linkname,
        })
    }

    // Parameters = "(" [ ParameterList [ "," ] ] ")" .
    // ParameterList = ParameterDecl { "," ParameterDecl } .
    fn parameters(&mut self) -> PResult<(Vec<Param>, bool)> {
        self.want_op("(")?;
        // Parse entries as (maybe-name, maybe-type); decide grouping at the end, as Go's parser does.
        let mut entries: Vec<ParamEntry> = Vec::new();
        while !self.is_op(")") && !matches!(self.tok(), Tok::Eof) {
            entries.push(self.parameter_decl()?);
            // The comma is optional before ")" (syntax/parser.go list).
            if !self.got_op(",") && !self.is_op(")") {
                let what = self.toks[self.i].describe();
                return self.err_at(
                    self.pos(),
                    format!("unexpected {what} in parameter list; possibly missing comma or )"),
                );
            }
        }
        self.want_op(")")?;
        let named = entries.iter().any(|(n, t)| n.is_some() && t.is_some());
        let mut params = Vec::new();
        if named {
            // Names without types take the type of the next typed entry: (a, b int).
            let mut pending: Vec<(String, Pos)> = Vec::new();
            for (n, t) in entries {
                match (n, t) {
                    (Some(n), None) => pending.push(n),
                    (Some(n), Some(t)) => {
                        for p in pending.drain(..) {
                            params.push(Param {
                                name: Some(p),
                                ty: t.clone(),
                            });
                        }
                        params.push(Param {
                            name: Some(n),
                            ty: t,
                        });
                    }
                    (None, Some(t)) => {
                        return self.err_at(t.pos, "mixed named and unnamed parameters");
                    }
                    (None, None) => {}
                }
            }
            if let Some((_, pos)) = pending.first() {
                return self.err_at(*pos, "mixed named and unnamed parameters");
            }
        } else {
            for (n, t) in entries {
                let ty = match (n, t) {
                    (Some((name, pos)), None) => TypeExpr {
                        pos,
                        kind: TypeExprKind::Name(name),
                    },
                    (_, Some(t)) => t,
                    (None, None) => continue,
                };
                params.push(Param { name: None, ty });
            }
        }
        let variadic = params
            .last()
            .is_some_and(|p| matches!(p.ty.kind, TypeExprKind::Dots(_)));
        Ok((params, variadic))
    }

    // ParameterDecl = [ IdentifierList ] [ "..." ] Type .
    // One entry of a parameter list: a name, a type, or both (syntax/parser.go
    // paramDeclOrNil). `...T` is a type here; the checker allows it only last.
    fn parameter_decl(&mut self) -> PResult<ParamEntry> {
        let mut name = None;
        if let Tok::Ident(n) = self.tok().clone() {
            let pos = self.pos();
            match self.peek(1) {
                // pkg.Type
                Tok::Op(".") => return Ok((None, Some(self.type_()?))),
                Tok::Op(",") | Tok::Op(")") => {
                    self.advance();
                    return Ok((Some((n, pos)), None));
                }
                // `a [N]T`, `a []T`, or the type `List[int]` (generics.rs).
                Tok::Op("[") => {
                    self.advance();
                    let (name, t) = self.array_or_type_args((n, pos))?;
                    return Ok((name, Some(t)));
                }
                _ => {
                    self.advance();
                    name = Some((n, pos));
                }
            }
        }
        if self.is_op("...") {
            let pos = self.pos();
            self.advance();
            let Some(elem) = self.try_type()? else {
                return self.err_at(self.pos(), "... is missing type");
            };
            let t = TypeExpr {
                pos,
                kind: TypeExprKind::Dots(Box::new(elem)),
            };
            return Ok((name, Some(t)));
        }
        Ok((name, Some(self.type_()?)))
    }

    // Result = Parameters | Type .
    fn result(&mut self) -> PResult<Vec<Param>> {
        if self.is_op("(") {
            return Ok(self.parameters()?.0);
        }
        if self.is_op("{")
            || self.is_semi()
            || self.is_op(")")
            || self.is_op(",")
            || self.is_op("]")
            || self.is_op("}")
            || self.is_op("=")
            || matches!(self.tok(), Tok::Str(_) | Tok::Eof)
        {
            return Ok(Vec::new());
        }
        Ok(vec![Param {
            name: None,
            ty: self.type_()?,
        }])
    }

    // Type = TypeName | TypeLit | "(" Type ")" .
    fn type_(&mut self) -> PResult<TypeExpr> {
        match self.try_type()? {
            Some(t) => Ok(t),
            None => self.unexpected("type"),
        }
    }

    fn try_type(&mut self) -> PResult<Option<TypeExpr>> {
        let base = self.depth;
        self.nest("type")?;
        let t = self.try_type_nested();
        self.depth = base;
        t
    }

    fn try_type_nested(&mut self) -> PResult<Option<TypeExpr>> {
        let pos = self.pos();
        let unsupported = |what| TypeExpr {
            pos,
            kind: TypeExprKind::Unsupported(what),
        };
        let t = match self.tok().clone() {
            Tok::Ident(name) => {
                self.advance();
                let t = if self.is_op(".") {
                    self.advance();
                    let (sel, _) = self.ident()?;
                    TypeExpr {
                        pos,
                        kind: TypeExprKind::Qualified(name, sel),
                    }
                } else {
                    TypeExpr {
                        pos,
                        kind: TypeExprKind::Name(name),
                    }
                };
                // A type name followed by `[` is instantiated (Go spec, "Instantiations").
                if self.is_op("[") {
                    self.type_args(t)?
                } else {
                    t
                }
            }
            Tok::Op("*") => {
                self.advance();
                let elem = self.type_()?;
                TypeExpr {
                    pos,
                    kind: TypeExprKind::Pointer(Box::new(elem)),
                }
            }
            Tok::Op("(") => {
                self.advance();
                let t = self.type_()?;
                self.want_op(")")?;
                t
            }
            Tok::Op("[") => {
                self.advance();
                if self.got_op("]") {
                    let elem = self.type_()?;
                    return Ok(Some(TypeExpr {
                        pos,
                        kind: TypeExprKind::Slice(Box::new(elem)),
                    }));
                }
                let len = if self.got_op("...") {
                    None
                } else {
                    let old = self.expr_lev;
                    self.expr_lev += 1;
                    let e = self.expr()?;
                    self.expr_lev = old;
                    Some(Box::new(e))
                };
                self.want_op("]")?;
                let elem = self.type_()?;
                TypeExpr {
                    pos,
                    kind: TypeExprKind::Array(len, Box::new(elem)),
                }
            }
            Tok::Keyword("struct") => {
                self.advance();
                self.struct_body(pos)?
            }
            Tok::Keyword("map") => {
                // MapType = "map" "[" KeyType "]" ElementType .
                self.advance();
                self.want_op("[")?;
                let key = self.type_()?;
                self.want_op("]")?;
                let elem = self.type_()?;
                TypeExpr {
                    pos,
                    kind: TypeExprKind::Map(Box::new(key), Box::new(elem)),
                }
            }
            Tok::Keyword("chan") => {
                self.advance();
                self.got_op("<-");
                self.type_()?;
                unsupported("channels")
            }
            Tok::Op("<-") => {
                self.advance();
                if !self.is_kw("chan") {
                    return self.unexpected("chan");
                }
                self.advance();
                self.type_()?;
                unsupported("channels")
            }
            Tok::Keyword("func") => {
                self.advance();
                let (params, variadic) = self.parameters()?;
                let results = self.result()?;
                TypeExpr {
                    pos,
                    kind: TypeExprKind::Func(params, results, variadic),
                }
            }
            Tok::Keyword("interface") => {
                // InterfaceType = "interface" "{" { InterfaceElem ";" } "}" .
                self.advance();
                self.want_op("{")?;
                let mut elems = Vec::new();
                while !self.is_op("}") {
                    if self.is_semi() {
                        // An element list has no empty elements (syntax/parser.go).
                        return self.unexpected("~ term or type");
                    }
                    if let (Tok::Ident(name), Tok::Op("(")) =
                        (self.tok().clone(), self.peek(1).clone())
                    {
                        let mpos = self.pos();
                        self.advance();
                        let (params, variadic) = self.parameters()?;
                        let results = self.result()?;
                        elems.push(InterfaceElem::Method {
                            name,
                            pos: mpos,
                            params,
                            results,
                            variadic,
                        });
                    } else {
                        // An embedded interface, or a union of type terms (generics.rs).
                        let t = self.constraint_elem()?;
                        elems.push(InterfaceElem::Embedded(t));
                    }
                    if !self.is_op("}") {
                        self.semi("in interface type; possibly missing semicolon or newline or }")?;
                    }
                }
                self.advance();
                TypeExpr {
                    pos,
                    kind: TypeExprKind::Interface(elems),
                }
            }
            _ => return Ok(None),
        };
        Ok(Some(t))
    }

    // StructType = "struct" "{" { FieldDecl ";" } "}" .
    fn struct_body(&mut self, pos: Pos) -> PResult<TypeExpr> {
        self.want_op("{")?;
        let mut fields = Vec::new();
        while !self.is_op("}") {
            let group = fields.len();
            if self.is_semi() {
                // A field list has no empty declarations (syntax/parser.go).
                return self.unexpected("field name or embedded type");
            }
            // syntax/parser.go fieldDecl: an embedded type is T, pkg.T, *T or *pkg.T.
            if self.is_op("(") {
                return self.err_at(self.pos(), "cannot parenthesize embedded type");
            }
            if !matches!(self.tok(), Tok::Op("*") | Tok::Ident(_)) {
                return self.unexpected("field name or embedded type");
            }
            let embedded = matches!(self.tok(), Tok::Op("*"))
                || matches!(self.tok(), Tok::Ident(_))
                    && matches!(
                        self.peek(1),
                        Tok::Semi { .. } | Tok::Op("}") | Tok::Op(".") | Tok::Str(_)
                    );
            if let (Tok::Ident(n), Tok::Op("[")) = (self.tok().clone(), self.peek(1).clone()) {
                // `a [N]T`, `a []T`, or an embedded `List[int]` (generics.rs).
                let fpos = self.pos();
                self.advance();
                let (name, ty) = self.array_or_type_args((n.clone(), fpos))?;
                let embedded = name.is_none();
                fields.push(FieldDecl {
                    name: name.map(|(n, _)| n).unwrap_or(n),
                    pos: fpos,
                    ty,
                    embedded,
                    tag: None,
                });
            } else if embedded {
                let fpos = self.pos();
                let ptr = self.got_op("*");
                if ptr && self.is_op("(") {
                    return self.err_at(self.pos(), "cannot parenthesize embedded type");
                }
                let (first, npos) = self.ident()?;
                let (name, kind) = if self.got_op(".") {
                    let (n, _) = self.ident()?;
                    (n.clone(), TypeExprKind::Qualified(first, n))
                } else {
                    (first.clone(), TypeExprKind::Name(first))
                };
                let mut named = TypeExpr { pos: npos, kind };
                if self.is_op("[") {
                    // `*List[T]`: an embedded pointer to a generic type's instance.
                    named = self.type_args(named)?;
                }
                let ty = if ptr {
                    TypeExpr {
                        pos: fpos,
                        kind: TypeExprKind::Pointer(Box::new(named)),
                    }
                } else {
                    named
                };
                fields.push(FieldDecl {
                    name,
                    pos: fpos,
                    ty,
                    embedded: true,
                    tag: None,
                });
            } else {
                let mut names = self.ident_list()?;
                let ty = self.type_()?;
                // Each name gets the type; the last takes it, so that one name costs no copy
                // (a copy per level of nested structs would cost the square of the depth).
                let (last, last_pos) = names.pop().expect("ident_list returns a name");
                for (name, fpos) in names {
                    fields.push(FieldDecl {
                        name,
                        pos: fpos,
                        ty: ty.clone(),
                        embedded: false,
                        tag: None,
                    });
                }
                fields.push(FieldDecl {
                    name: last,
                    pos: last_pos,
                    ty,
                    embedded: false,
                    tag: None,
                });
            }
            if let Tok::Str(tag) = self.tok().clone() {
                // The tag belongs to every field of the declaration (Go spec, "Struct
                // types"); it is part of the struct type's identity.
                for f in &mut fields[group..] {
                    f.tag = Some(tag.clone());
                }
                self.advance();
            }
            if !self.is_op("}") {
                self.semi("in struct type; possibly missing semicolon or newline or }")?;
            }
        }
        self.advance();
        Ok(TypeExpr {
            pos,
            kind: TypeExprKind::Struct(fields),
        })
    }

    // Block = "{" StatementList "}" .  Returns the statements and the closing brace's position.
    fn block(&mut self) -> PResult<(Vec<Stmt>, Pos)> {
        self.nest("statement")?;
        self.want_op("{")?;
        let old = self.expr_lev;
        self.expr_lev = 0;
        let stmts = self.stmt_list()?;
        self.expr_lev = old;
        self.depth -= 1;
        let end = self.pos();
        if !self.got_op("}") {
            return self.unexpected("}");
        }
        Ok((stmts, end))
    }

    fn stmt_list(&mut self) -> PResult<Vec<Stmt>> {
        let mut stmts = Vec::new();
        while !self.is_op("}")
            && !matches!(self.tok(), Tok::Eof)
            && !self.is_kw("case")
            && !self.is_kw("default")
        {
            if self.is_semi() {
                self.advance();
                continue;
            }
            if !self.starts_stmt() {
                // The list ends here, and what encloses it says what it expected
                // (syntax/parser.go stmtOrNil returns nil).
                break;
            }
            stmts.push(self.stmt()?);
            // Only a "}" may follow a statement without a ";" (syntax/parser.go stmtList):
            // `f() case 2:` on one line is a syntax error.
            if !self.is_op("}") {
                self.semi("at end of statement")?;
            }
        }
        Ok(stmts)
    }

    /// Whether the token can start a statement (syntax/parser.go stmtOrNil): a keyword that
    /// starts one, an operand, a unary operator, a composite type, `{`, or `<-`.
    fn starts_stmt(&self) -> bool {
        match self.tok() {
            Tok::Ident(_)
            | Tok::Int(_)
            | Tok::Float(_)
            | Tok::Imag(_)
            | Tok::Char(_)
            | Tok::Str(_)
            | Tok::Keyword(_) => true,
            Tok::Op(o) => matches!(
                *o,
                "{" | "(" | "[" | "+" | "-" | "*" | "&" | "^" | "!" | "<-"
            ),
            _ => false,
        }
    }

    fn stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        let kind = match self.tok() {
            Tok::Keyword("var") => {
                self.advance();
                let specs = self.group(Self::var_spec)?;
                if specs.len() == 1 {
                    StmtKind::Var(specs.into_iter().next().unwrap())
                } else {
                    StmtKind::VarGroup(
                        specs
                            .into_iter()
                            .map(|s| Stmt {
                                pos,
                                kind: StmtKind::Var(s),
                            })
                            .collect(),
                    )
                }
            }
            Tok::Keyword("const") => {
                self.advance();
                StmtKind::Const(self.const_group()?)
            }
            Tok::Keyword("type") => {
                self.advance();
                let mut specs = self.group(Self::type_spec)?;
                if specs.len() != 1 {
                    StmtKind::Unsupported("grouped local type declarations")
                } else {
                    StmtKind::Type(specs.pop().unwrap())
                }
            }
            Tok::Op("{") => StmtKind::Block(self.block()?.0),
            Tok::Keyword("if") => self.if_stmt()?,
            Tok::Keyword("for") => self.for_stmt()?,
            Tok::Keyword("return") => {
                self.advance();
                let values = if self.is_semi() || self.is_op("}") {
                    Vec::new()
                } else {
                    self.expr_list()?
                };
                StmtKind::Return(values)
            }
            Tok::Keyword("break") | Tok::Keyword("continue") => {
                let is_break = self.is_kw("break");
                self.advance();
                let label = match self.tok().clone() {
                    Tok::Ident(l) => {
                        let lpos = self.pos();
                        self.advance();
                        Some((l, lpos))
                    }
                    _ => None,
                };
                if is_break {
                    StmtKind::Break(label)
                } else {
                    StmtKind::Continue(label)
                }
            }
            Tok::Keyword("switch") => self.switch_stmt()?,
            Tok::Keyword("select") => {
                self.skip_compound()?;
                StmtKind::Unsupported("select statements")
            }
            // GoStmt = "go" Expression . DeferStmt = "defer" Expression .
            Tok::Keyword("go") | Tok::Keyword("defer") => {
                let keyword = if self.is_kw("go") { "go" } else { "defer" };
                self.advance();
                // A primary expression, which must be a call (syntax/parser.go callStmt).
                let mut x = self.primary_expr()?;
                let mut misuse = Vec::new();
                if let ExprKind::Paren(_) = x.kind {
                    misuse.push((
                        x.pos,
                        format!("expression in {keyword} must not be parenthesized"),
                    ));
                    while let ExprKind::Paren(inner) = x.kind {
                        x = *inner;
                    }
                }
                if !matches!(x.kind, ExprKind::Call { .. }) {
                    misuse.push((
                        x.pos,
                        format!("expression in {keyword} must be function call"),
                    ));
                    let pos = x.pos;
                    x = self.new_expr(
                        pos,
                        ExprKind::Call {
                            func: Box::new(x),
                            args: Vec::new(),
                            ellipsis: false,
                        },
                    );
                }
                StmtKind::CallStmt {
                    keyword,
                    call: x,
                    misuse,
                }
            }
            Tok::Keyword("goto") => {
                self.advance();
                let (l, lpos) = self.ident()?;
                StmtKind::Goto(l, lpos)
            }
            Tok::Keyword("fallthrough") => {
                self.advance();
                StmtKind::Fallthrough
            }
            Tok::Semi { .. } => StmtKind::Empty,
            // `else` cannot start a statement: it was separated from its if by a newline.
            Tok::Keyword("else") => return self.unexpected("}"),
            Tok::Ident(label) if matches!(self.peek(1), Tok::Op(":")) => {
                let label = label.clone();
                self.advance();
                self.advance();
                let inner_pos = self.pos();
                let inner = if self.is_op("}") {
                    Stmt {
                        pos: inner_pos,
                        kind: StmtKind::Empty,
                    }
                } else {
                    self.nest("statement")?;
                    let s = self.stmt()?;
                    self.depth -= 1;
                    s
                };
                StmtKind::Labeled(label, Box::new(inner))
            }
            _ => return self.simple_stmt(),
        };
        Ok(Stmt { pos, kind })
    }

    // SwitchStmt = "switch" [ SimpleStmt ";" ] [ Expression ] "{" { CaseClause } "}" .
    fn switch_stmt(&mut self) -> PResult<StmtKind> {
        self.advance();
        let old = self.expr_lev;
        self.expr_lev = -1;
        let mut init = None;
        let mut tag = None;
        if !self.is_op("{") {
            let first = if self.is_semi() {
                None
            } else {
                Some(self.simple_stmt()?)
            };
            if self.is_semi() {
                self.advance();
                init = first.map(Box::new);
                if !self.is_op("{") {
                    let s = self.simple_stmt()?;
                    match s.kind {
                        StmtKind::Expr(e) => tag = Some(e),
                        _ => {
                            self.expr_lev = old;
                            return self.err_at(s.pos, "switch expression must be an expression");
                        }
                    }
                }
            } else if let Some(s) = first {
                match s.kind {
                    StmtKind::Expr(e) => tag = Some(e),
                    StmtKind::ShortVar {
                        mut names,
                        mut values,
                    } if names.len() == 1
                        && values.len() == 1
                        && matches!(values[0].kind, ExprKind::TypeAssert(_, None)) =>
                    {
                        self.expr_lev = old;
                        let x = match values.remove(0).kind {
                            ExprKind::TypeAssert(x, None) => *x,
                            _ => unreachable!(),
                        };
                        return self.type_switch_body(init, Some(names.remove(0)), x);
                    }
                    _ => {
                        self.expr_lev = old;
                        return self.err_at(s.pos, "switch expression must be an expression");
                    }
                }
            }
        }
        if let Some(Expr {
            kind: ExprKind::TypeAssert(_, None),
            ..
        }) = &tag
        {
            self.expr_lev = old;
            let x = match tag.unwrap().kind {
                ExprKind::TypeAssert(x, None) => *x,
                _ => unreachable!(),
            };
            return self.type_switch_body(init, None, x);
        }
        self.expr_lev = old;
        if !self.is_op("{") {
            return self.unexpected("{ after switch clause");
        }
        self.advance();
        let mut cases = Vec::new();
        while !self.is_op("}") {
            if self.is_semi() {
                self.advance();
                continue;
            }
            let pos = self.pos();
            let exprs = if self.is_kw("case") {
                self.advance();
                Some(self.expr_list()?)
            } else if self.is_kw("default") {
                self.advance();
                None
            } else {
                return self.unexpected("case or default or }");
            };
            self.want_op(":")?;
            self.nest("statement")?;
            let body = self.stmt_list()?;
            self.depth -= 1;
            cases.push(CaseClause { pos, exprs, body });
        }
        let end = self.pos();
        self.advance();
        Ok(StmtKind::Switch {
            init,
            tag,
            cases,
            end,
        })
    }

    // TypeSwitchStmt = "switch" [ SimpleStmt ";" ] TypeSwitchGuard "{" { TypeCaseClause } "}" .
    fn type_switch_body(
        &mut self,
        init: Option<Box<Stmt>>,
        bind: Option<(String, Pos)>,
        x: Expr,
    ) -> PResult<StmtKind> {
        if !self.is_op("{") {
            return self.unexpected("{ after switch clause");
        }
        self.advance();
        let mut cases = Vec::new();
        while !self.is_op("}") {
            if self.is_semi() {
                self.advance();
                continue;
            }
            let pos = self.pos();
            let exprs = if self.is_kw("case") {
                self.advance();
                let mut list = Vec::new();
                loop {
                    list.push(self.expr()?);
                    if !self.got_op(",") {
                        break;
                    }
                }
                Some(list)
            } else if self.is_kw("default") {
                self.advance();
                None
            } else {
                return self.unexpected("case or default or }");
            };
            self.want_op(":")?;
            self.nest("statement")?;
            let body = self.stmt_list()?;
            self.depth -= 1;
            cases.push(CaseClause { pos, exprs, body });
        }
        let end = self.pos();
        self.advance();
        Ok(StmtKind::TypeSwitch {
            init,
            bind,
            x,
            cases,
            end,
        })
    }

    /// Skips `select ... { ... }` so that the checker can report it as unsupported.
    fn skip_compound(&mut self) -> PResult<()> {
        self.advance();
        while !self.is_op("{") {
            if matches!(self.tok(), Tok::Eof) {
                return self.unexpected("{");
            }
            self.advance();
        }
        let mut depth = 0;
        loop {
            match self.tok() {
                Tok::Op("{") => depth += 1,
                Tok::Op("}") => {
                    depth -= 1;
                    if depth == 0 {
                        self.advance();
                        return Ok(());
                    }
                }
                Tok::Eof => return self.unexpected("}"),
                _ => {}
            }
            self.advance();
        }
    }

    // SimpleStmt = EmptyStmt | ExpressionStmt | SendStmt | IncDecStmt | Assignment | ShortVarDecl .
    fn simple_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        let lhs = self.expr_list()?;
        let kind = match self.tok().clone() {
            Tok::Op(":=") => {
                let op_pos = self.pos();
                self.advance();
                if self.is_kw("range") {
                    self.advance();
                    let x = self.expr()?;
                    range_clause(lhs, true, x)
                } else {
                    let values = self.expr_list()?;
                    let mut names = Vec::new();
                    for e in lhs {
                        match e.kind {
                            ExprKind::Ident(n) => names.push((n, e.pos)),
                            _ => {
                                return self.err_at(op_pos, "non-name on left side of :=");
                            }
                        }
                    }
                    // Go reports := errors at the operator.
                    return Ok(Stmt {
                        pos: op_pos,
                        kind: StmtKind::ShortVar { names, values },
                    });
                }
            }
            Tok::Op("=") => {
                self.advance();
                if self.is_kw("range") {
                    self.advance();
                    let x = self.expr()?;
                    range_clause(lhs, false, x)
                } else {
                    let rhs = self.expr_list()?;
                    StmtKind::Assign { lhs, op: None, rhs }
                }
            }
            Tok::Op(
                op
                @ ("+=" | "-=" | "*=" | "/=" | "%=" | "&=" | "|=" | "^=" | "<<=" | ">>=" | "&^="),
            ) => {
                self.advance();
                let bop = binop(&op[..op.len() - 1]).unwrap();
                let rhs = vec![self.expr()?];
                StmtKind::Assign {
                    lhs,
                    op: Some(bop),
                    rhs,
                }
            }
            Tok::Op(op @ ("++" | "--")) => {
                self.advance();
                let mut lhs = lhs;
                StmtKind::IncDec(lhs.remove(0), op == "++")
            }
            Tok::Op("<-") => {
                self.advance();
                self.expr()?;
                StmtKind::Unsupported("channel sends")
            }
            _ => {
                if lhs.len() > 1 {
                    return self.unexpected(":= or = or comma");
                }
                StmtKind::Expr(lhs.into_iter().next().unwrap())
            }
        };
        Ok(Stmt { pos, kind })
    }

    // IfStmt = "if" [ SimpleStmt ";" ] Expression Block [ "else" ( IfStmt | Block ) ] .
    fn if_stmt(&mut self) -> PResult<StmtKind> {
        let if_pos = self.pos();
        self.advance();
        if self.is_op("{") {
            return self.err_at(self.pos(), "missing condition in if statement");
        }
        let old = self.expr_lev;
        self.expr_lev = -1;
        let mut init = None;
        let mut cond = None;
        let s = if self.is_semi() {
            None
        } else {
            Some(self.simple_stmt()?)
        };
        if self.is_semi() {
            self.advance();
            init = s.map(Box::new);
            if self.is_op("{") {
                self.expr_lev = old;
                return self.err_at(self.pos(), "missing condition in if statement");
            }
            let c = self.simple_stmt()?;
            cond = Some(c);
        } else {
            cond = cond.or(s);
        }
        self.expr_lev = old;
        let cond = match cond {
            Some(Stmt {
                kind: StmtKind::Expr(e),
                ..
            }) => e,
            Some(s) => {
                return self.err_at(s.pos, "missing condition in if statement");
            }
            None => return self.err_at(if_pos, "missing condition in if statement"),
        };
        if !self.is_op("{") {
            return self.unexpected("{ after if clause");
        }
        let (then, _) = self.block()?;
        let els = if self.is_kw("else") {
            let else_pos = self.pos();
            self.advance();
            if self.is_kw("if") {
                let pos = self.pos();
                self.nest("statement")?;
                let kind = self.if_stmt()?;
                self.depth -= 1;
                Some(Box::new(Stmt { pos, kind }))
            } else if self.is_op("{") {
                let pos = self.pos();
                Some(Box::new(Stmt {
                    pos,
                    kind: StmtKind::Block(self.block()?.0),
                }))
            } else {
                return self.err_at(else_pos, "else must be followed by if or statement block");
            }
        } else {
            None
        };
        Ok(StmtKind::If {
            init,
            cond,
            then,
            els,
        })
    }

    // ForStmt = "for" [ Condition | ForClause | RangeClause ] Block .
    fn for_stmt(&mut self) -> PResult<StmtKind> {
        self.advance();
        let old = self.expr_lev;
        self.expr_lev = -1;
        let mut init = None;
        let mut cond = None;
        let mut post = None;
        if !self.is_op("{") {
            if self.is_kw("range") {
                self.advance();
                let x = self.expr()?;
                self.expr_lev = old;
                let (body, _) = self.block()?;
                return Ok(StmtKind::Range {
                    key: None,
                    value: None,
                    define: false,
                    x,
                    body,
                    extra: Vec::new(),
                });
            }
            let first = if self.is_semi() {
                None
            } else {
                Some(self.simple_stmt()?)
            };
            if let Some(Stmt {
                kind:
                    StmtKind::Range {
                        key,
                        value,
                        define,
                        x,
                        extra,
                        ..
                    },
                ..
            }) = first
            {
                self.expr_lev = old;
                let (body, _) = self.block()?;
                return Ok(StmtKind::Range {
                    key,
                    value,
                    define,
                    x,
                    body,
                    extra,
                });
            }
            if matches!(
                &first,
                Some(Stmt {
                    kind: StmtKind::Unsupported(_),
                    ..
                })
            ) {
                self.expr_lev = old;
                self.block()?;
                return Ok(first.unwrap().kind);
            }
            if self.is_semi() {
                // ForClause = [ InitStmt ] ";" [ Condition ] ";" [ PostStmt ] .
                self.advance();
                init = first.map(Box::new);
                if !self.is_semi() {
                    cond = Some(self.expr()?);
                }
                if !self.is_semi() {
                    return self.unexpected("for loop condition");
                }
                self.advance();
                if !self.is_op("{") {
                    post = Some(Box::new(self.simple_stmt()?));
                }
            } else {
                match first {
                    Some(Stmt {
                        kind: StmtKind::Expr(e),
                        ..
                    }) => cond = Some(e),
                    Some(s) => return self.err_at(s.pos, "expected for loop condition"),
                    None => {}
                }
            }
        }
        self.expr_lev = old;
        if !self.is_op("{") {
            return self.unexpected("{ after for clause");
        }
        let (body, _) = self.block()?;
        Ok(StmtKind::For {
            init,
            cond,
            post,
            body,
        })
    }

    fn expr_list(&mut self) -> PResult<Vec<Expr>> {
        let mut list = vec![self.expr()?];
        while self.got_op(",") {
            list.push(self.expr()?);
        }
        Ok(list)
    }

    // Expression = UnaryExpr | Expression binary_op Expression .
    pub fn expr(&mut self) -> PResult<Expr> {
        self.binary_expr(1)
    }

    fn binary_expr(&mut self, min_prec: u8) -> PResult<Expr> {
        let x = self.unary_expr()?;
        self.binary_expr_from(x, min_prec)
    }

    /// The rest of a binary expression whose first operand `x` was parsed already.
    fn binary_expr_from(&mut self, mut x: Expr, min_prec: u8) -> PResult<Expr> {
        let base = self.depth;
        while let Some((op, prec)) = self.binary_op(min_prec) {
            // Each operator of a chain nests the tree one level deeper.
            self.nest("expression")?;
            let pos = self.pos();
            self.advance();
            let y = self.binary_expr(prec + 1)?;
            x = self.new_expr(pos, ExprKind::Binary(op, Box::new(x), Box::new(y)));
        }
        self.depth = base;
        Ok(x)
    }

    /// The binary operator at the cursor, if it binds at least as tightly as `min_prec`.
    fn binary_op(&self, min_prec: u8) -> Option<(BinOp, u8)> {
        match self.tok() {
            Tok::Op(o) => match (binop(o), precedence(o)) {
                (Some(op), Some(p)) if p >= min_prec => Some((op, p)),
                _ => None,
            },
            _ => None,
        }
    }

    // UnaryExpr = PrimaryExpr | unary_op UnaryExpr .
    fn unary_expr(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        let op = match self.tok() {
            Tok::Op("-") => Some(UnOp::Neg),
            Tok::Op("+") => Some(UnOp::Plus),
            Tok::Op("!") => Some(UnOp::Not),
            Tok::Op("^") => Some(UnOp::Xor),
            Tok::Op("&") => Some(UnOp::Addr),
            Tok::Op("*") => Some(UnOp::Deref),
            Tok::Op("<-") => Some(UnOp::Recv),
            _ => None,
        };
        if let Some(op) = op {
            self.nest("expression")?;
            self.advance();
            let x = self.unary_expr()?;
            self.depth -= 1;
            return Ok(self.new_expr(pos, ExprKind::Unary(op, Box::new(x))));
        }
        self.primary_expr()
    }

    // Operand = Literal | OperandName | "(" Expression ")" .
    fn operand(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        let kind = match self.tok().clone() {
            Tok::Ident(name) => {
                self.advance();
                ExprKind::Ident(name)
            }
            Tok::Int(s) => {
                self.advance();
                ExprKind::IntLit(s)
            }
            Tok::Float(s) => {
                self.advance();
                ExprKind::FloatLit(s)
            }
            Tok::Imag(s) => {
                self.advance();
                ExprKind::ImagLit(s)
            }
            Tok::Char(c) => {
                self.advance();
                ExprKind::CharLit(c)
            }
            Tok::Str(s) => {
                self.advance();
                ExprKind::StrLit(s)
            }
            Tok::Op("(") => {
                self.nest("expression")?;
                self.advance();
                let old = self.expr_lev;
                self.expr_lev = self.expr_lev.max(0) + 1;
                // A type literal here may start a composite literal or a conversion:
                // `([]int{1})`, `([]byte)(s)`; operand parses types as expressions.
                let x = self.expr()?;
                self.expr_lev = old;
                self.depth -= 1;
                self.want_op(")")?;
                ExprKind::Paren(Box::new(x))
            }
            Tok::Keyword("func") => {
                self.advance();
                let (params, variadic) = self.parameters()?;
                let results = self.result()?;
                if self.is_op("{") {
                    let (body, end) = self.block()?;
                    ExprKind::FuncLit(std::rc::Rc::new(FuncLit {
                        pos,
                        params,
                        results,
                        variadic,
                        body,
                        end,
                    }))
                } else {
                    ExprKind::Type(Box::new(TypeExpr {
                        pos,
                        kind: TypeExprKind::Func(params, results, variadic),
                    }))
                }
            }
            Tok::Op("[")
            | Tok::Keyword("struct")
            | Tok::Keyword("map")
            | Tok::Keyword("chan")
            | Tok::Keyword("interface") => {
                let t = self.type_()?;
                ExprKind::Type(Box::new(t))
            }
            _ => return self.unexpected("expression"),
        };
        Ok(self.new_expr(pos, kind))
    }

    // PrimaryExpr = Operand | Conversion | PrimaryExpr Selector | PrimaryExpr Index | ...
    fn primary_expr(&mut self) -> PResult<Expr> {
        let x = self.operand()?;
        self.primary_suffix(x)
    }

    /// Selectors, indices, slices, calls and literal values after the operand `x`.
    fn primary_suffix(&mut self, mut x: Expr) -> PResult<Expr> {
        let base = self.depth;
        loop {
            let pos = self.pos();
            // Each selector, index, call or literal applied nests the tree one level deeper.
            let applied = match self.tok() {
                Tok::Op(".") | Tok::Op("[") | Tok::Op("(") => true,
                Tok::Op("{") => self.is_literal_type(&x),
                _ => false,
            };
            if applied {
                self.nest("expression")?;
            }
            match self.tok() {
                Tok::Op(".") => {
                    self.advance();
                    match self.tok().clone() {
                        Tok::Ident(name) => {
                            // Go reports selector errors at the selected name.
                            let sel_pos = self.pos();
                            self.advance();
                            x = self.new_expr(sel_pos, ExprKind::Selector(Box::new(x), name));
                        }
                        Tok::Op("(") => {
                            self.advance();
                            let t = if self.is_kw("type") {
                                self.advance();
                                None
                            } else {
                                Some(Box::new(self.type_()?))
                            };
                            self.want_op(")")?;
                            x = self.new_expr(pos, ExprKind::TypeAssert(Box::new(x), t));
                        }
                        _ => return self.unexpected("name or ("),
                    }
                }
                Tok::Op("[") => {
                    self.advance();
                    let old = self.expr_lev;
                    self.expr_lev = self.expr_lev.max(0) + 1;
                    let mut index = None;
                    if !self.is_op(":") {
                        index = Some(self.expr()?);
                    }
                    if self.got_op(":") {
                        // Slice = "[" [ Expression ] ":" [ Expression ] [ ":" Expression ] "]" .
                        let lo = index.map(Box::new);
                        let mut hi = None;
                        let mut max = None;
                        if !self.is_op("]") && !self.is_op(":") {
                            hi = Some(Box::new(self.expr()?));
                        }
                        if self.got_op(":") {
                            if hi.is_none() {
                                return self
                                    .err_at(self.pos(), "middle index required in 3-index slice");
                            }
                            if self.is_op("]") {
                                return self
                                    .err_at(self.pos(), "final index required in 3-index slice");
                            }
                            max = Some(Box::new(self.expr()?));
                        }
                        self.expr_lev = old;
                        self.want_op("]")?;
                        x = self.new_expr(
                            pos,
                            ExprKind::Slice {
                                x: Box::new(x),
                                lo,
                                hi,
                                max,
                            },
                        );
                        continue;
                    }
                    if self.is_op(",") {
                        // x[A, B]: type arguments (a trailing comma is allowed).
                        let mut list = vec![index.unwrap()];
                        while self.got_op(",") && !self.is_op("]") {
                            list.push(self.expr()?);
                        }
                        self.expr_lev = old;
                        self.want_op("]")?;
                        x = self.new_expr(pos, ExprKind::IndexList(Box::new(x), list));
                        continue;
                    }
                    self.expr_lev = old;
                    self.want_op("]")?;
                    x = self.new_expr(pos, ExprKind::Index(Box::new(x), Box::new(index.unwrap())));
                }
                Tok::Op("(") => {
                    self.advance();
                    let old = self.expr_lev;
                    self.expr_lev = self.expr_lev.max(0) + 1;
                    let mut args = Vec::new();
                    let mut ellipsis = false;
                    while !self.is_op(")") {
                        // Types ([]int, map[k]v, ...) parse as operands, and may start a
                        // composite literal or a conversion.
                        args.push(self.expr()?);
                        if self.got_op("...") {
                            // The spread argument is the last (syntax/parser.go argList).
                            ellipsis = true;
                            self.got_op(",");
                            if !self.is_op(")") {
                                return self.unexpected(")");
                            }
                            break;
                        }
                        if !self.got_op(",") {
                            break;
                        }
                    }
                    self.expr_lev = old;
                    if !self.is_op(")") {
                        return self.unexpected("comma or )");
                    }
                    self.advance();
                    x = self.new_expr(
                        pos,
                        ExprKind::Call {
                            func: Box::new(x),
                            args,
                            ellipsis,
                        },
                    );
                }
                Tok::Op("{") if self.is_literal_type(&x) => {
                    x = self.composite_lit(x)?;
                }
                _ => {
                    self.depth = base;
                    return Ok(x);
                }
            }
        }
    }

    /// Whether `x {` starts a composite literal (cmd/compile/internal/syntax complitexpr rules).
    fn is_literal_type(&self, x: &Expr) -> bool {
        match &x.kind {
            ExprKind::Ident(_) | ExprKind::Selector(..) => self.expr_lev >= 0,
            // `List[int]{...}`, unless the index is a value (`a[0] {`).
            ExprKind::Index(_, i) => self.expr_lev >= 0 && !is_value(i),
            ExprKind::IndexList(..) => self.expr_lev >= 0,
            ExprKind::Type(t) => !matches!(t.kind, TypeExprKind::Pointer(_)),
            _ => false,
        }
    }

    // CompositeLit = LiteralType LiteralValue .
    fn composite_lit(&mut self, ty: Expr) -> PResult<Expr> {
        let pos = ty.pos;
        let ty = expr_to_type(&ty);
        let lbrace = self.pos();
        let elems = self.literal_value()?;
        Ok(self.new_expr(
            pos,
            ExprKind::Composite {
                ty: ty.map(Box::new),
                lbrace,
                elems,
            },
        ))
    }

    // LiteralValue = "{" [ ElementList [ "," ] ] "}" .
    fn literal_value(&mut self) -> PResult<Vec<Element>> {
        self.want_op("{")?;
        let old = self.expr_lev;
        self.expr_lev = self.expr_lev.max(0) + 1;
        let mut elems = Vec::new();
        while !self.is_op("}") {
            let first = self.element()?;
            let colon = self.pos();
            if self.got_op(":") {
                let value = self.element()?;
                elems.push(Element {
                    key: Some(first),
                    colon,
                    value,
                });
            } else {
                elems.push(Element {
                    key: None,
                    colon: Pos::default(),
                    value: first,
                });
            }
            if !self.got_op(",") {
                if !self.is_op("}") {
                    return self.unexpected("comma or }");
                }
                break;
            }
        }
        self.expr_lev = old;
        self.advance();
        Ok(elems)
    }

    fn element(&mut self) -> PResult<Expr> {
        if self.is_op("{") {
            let pos = self.pos();
            self.nest("expression")?;
            let elems = self.literal_value()?;
            self.depth -= 1;
            return Ok(self.new_expr(
                pos,
                ExprKind::Composite {
                    ty: None,
                    lbrace: pos,
                    elems,
                },
            ));
        }
        self.expr()
    }
}

/// `k, v := range x` as parsed inside a for header; the for statement adds the body.
fn range_clause(mut lhs: Vec<Expr>, define: bool, x: Expr) -> StmtKind {
    let extra = if lhs.len() > 2 {
        lhs.split_off(2)
    } else {
        Vec::new()
    };
    let value = if lhs.len() > 1 {
        Some(lhs.remove(1))
    } else {
        None
    };
    let key = if lhs.is_empty() {
        None
    } else {
        Some(lhs.remove(0))
    };
    StmtKind::Range {
        key,
        value,
        define,
        x,
        body: Vec::new(),
        extra,
    }
}

/// A parameter as first parsed: a name, a type, or both; grouping is decided afterwards.
type ParamEntry = (Option<(String, Pos)>, Option<TypeExpr>);

/// Whether an index expression's index is certainly a value, so that `x[i] {` cannot start
/// a composite literal (syntax/parser.go isValue).
fn is_value(x: &Expr) -> bool {
    match &x.kind {
        ExprKind::IntLit(_)
        | ExprKind::FloatLit(_)
        | ExprKind::ImagLit(_)
        | ExprKind::CharLit(_)
        | ExprKind::StrLit(_)
        | ExprKind::Composite { .. }
        | ExprKind::FuncLit(_)
        | ExprKind::Slice { .. }
        | ExprKind::TypeAssert(..)
        | ExprKind::Call { .. } => true,
        ExprKind::Unary(op, y) => *op != UnOp::Deref || is_value(y),
        ExprKind::Binary(..) => true,
        ExprKind::Paren(y) => is_value(y),
        _ => false,
    }
}

/// Reinterprets a parsed expression as a type, where the grammar allows either.
pub fn expr_to_type(e: &Expr) -> Option<TypeExpr> {
    let kind = match &e.kind {
        // An instantiated type is where its generic type's name is.
        ExprKind::Index(x, i) => {
            let base = expr_to_type(x)?;
            let pos = base.pos;
            let kind = TypeExprKind::Instance(Box::new(base), vec![expr_to_type(i)?]);
            return Some(TypeExpr { pos, kind });
        }
        ExprKind::IndexList(x, list) => {
            let base = expr_to_type(x)?;
            let pos = base.pos;
            let args = list.iter().map(expr_to_type).collect::<Option<Vec<_>>>()?;
            let kind = TypeExprKind::Instance(Box::new(base), args);
            return Some(TypeExpr { pos, kind });
        }
        ExprKind::Ident(n) => TypeExprKind::Name(n.clone()),
        ExprKind::Selector(x, sel) => match &x.kind {
            ExprKind::Ident(pkg) => TypeExprKind::Qualified(pkg.clone(), sel.clone()),
            _ => return None,
        },
        ExprKind::Type(t) => return Some((**t).clone()),
        ExprKind::Paren(x) => return expr_to_type(x),
        ExprKind::Unary(UnOp::Deref, x) => TypeExprKind::Pointer(Box::new(expr_to_type(x)?)),
        _ => return None,
    };
    Some(TypeExpr { pos: e.pos, kind })
}

fn binop(op: &str) -> Option<BinOp> {
    use BinOp::*;
    Some(match op {
        "+" => Add,
        "-" => Sub,
        "*" => Mul,
        "/" => Div,
        "%" => Rem,
        "&" => And,
        "|" => Or,
        "^" => Xor,
        "&^" => AndNot,
        "<<" => Shl,
        ">>" => Shr,
        "==" => Eq,
        "!=" => Ne,
        "<" => Lt,
        "<=" => Le,
        ">" => Gt,
        ">=" => Ge,
        "&&" => LAnd,
        "||" => LOr,
        _ => return None,
    })
}

/// Go spec, "Operator precedence": 5 `* / % << >> & &^`, 4 `+ - | ^`, 3 comparisons, 2 `&&`, 1 `||`.
fn precedence(op: &str) -> Option<u8> {
    Some(match op {
        "*" | "/" | "%" | "<<" | ">>" | "&" | "&^" => 5,
        "+" | "-" | "|" | "^" => 4,
        "==" | "!=" | "<" | "<=" | ">" | ">=" => 3,
        "&&" => 2,
        "||" => 1,
        _ => return None,
    })
}
