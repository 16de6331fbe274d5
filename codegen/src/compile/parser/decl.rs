//! Declarations (Go spec, "Declarations and scope"): var, const and type specs, in groups
//! or alone, function and method declarations, and parameter and result lists.

use super::*;
use crate::compile::ast::*;
use crate::compile::lexer::Tok;

impl Parser<'_> {
    /// `spec` or `( spec ; spec ; ... )`.
    pub(super) fn group<T>(&mut self, f: fn(&mut Self) -> PResult<T>) -> PResult<Vec<T>> {
        let mut out = Vec::new();
        if self.got_op("(") {
            // syntax/parser.go appendGroup, list.
            while !matches!(self.tok(), Tok::Eof) && !self.is_op(")") {
                out.push(f(self)?);
                if !self.list_sep("grouped declaration", ";", ")")? {
                    return Ok(out);
                }
            }
            self.want_op(")")?;
        } else {
            out.push(f(self)?);
        }
        Ok(out)
    }

    pub(super) fn ident_list(&mut self) -> PResult<Vec<(String, Pos)>> {
        let mut names = vec![self.ident()?];
        while self.got_op(",") {
            names.push(self.ident()?);
        }
        Ok(names)
    }

    // VarSpec = IdentifierList ( Type [ "=" ExpressionList ] | "=" ExpressionList ) .
    pub(super) fn var_spec(&mut self) -> PResult<VarSpec> {
        let names = self.ident_list()?;
        let ty = if self.is_op("=") || self.is_op(":=") {
            None
        } else {
            Some(self.type_()?)
        };
        let values = if self.got_assign() {
            self.expr_list()?
        } else {
            Vec::new()
        };
        Ok(VarSpec { names, ty, values })
    }

    /// `=`, or `:=` reported as Go's parser reports it ("unexpected :=, expecting =") and then
    /// read as `=` (syntax/parser.go gotAssign), so that the rest of the function is parsed.
    fn got_assign(&mut self) -> bool {
        if self.is_op(":=") {
            if let Err(SyntaxError(d)) = self.unexpected::<()>("=") {
                self.report(d);
            }
            self.advance();
            return true;
        }
        self.got_op("=")
    }

    // ConstDecl = "const" ( ConstSpec | "(" { ConstSpec ";" } ")" ) .
    // ConstSpec = IdentifierList [ [ Type ] "=" ExpressionList ] .
    pub(super) fn const_group(&mut self) -> PResult<Vec<ConstSpec>> {
        let grouped = self.got_op("(");
        let mut specs: Vec<ConstSpec> = Vec::new();
        let mut iota = 0;
        loop {
            if grouped && (self.is_op(")") || matches!(self.tok(), Tok::Eof)) {
                self.want_op(")")?;
                break;
            }
            let names = self.ident_list()?;
            let mut ty = None;
            if !self.is_op("=") && !self.is_semi() && !self.is_op(")") {
                // syntax/parser.go constDecl: the type is optional.
                ty = self.try_type()?;
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
                    // Not a syntax error: the checker reports "missing init expr for x", as
                    // types2 does.
                    ConstSpec {
                        names,
                        ty,
                        values: Vec::new(),
                        iota,
                        implicit: false,
                    }
                } else {
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
                }
            };
            specs.push(spec);
            iota += 1;
            if !grouped {
                break;
            }
            if !self.list_sep("grouped declaration", ";", ")")? {
                break;
            }
        }
        Ok(specs)
    }

    /// A copy of an expression with fresh ids, so the checker can give it other values.
    pub(super) fn refresh_ids(&mut self, e: &Expr) -> Expr {
        let mut e = e.clone();
        self.renumber(&mut e);
        e
    }

    pub(super) fn renumber(&mut self, e: &mut Expr) {
        e.id = *self.next_id;
        *self.next_id += 1;
        match &mut e.kind {
            ExprKind::Binary(_, a, b) | ExprKind::Index(a, b) => {
                self.renumber(a);
                self.renumber(b);
            }
            ExprKind::Unary(_, a)
            | ExprKind::Paren(a)
            | ExprKind::Selector(a, ..)
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
    pub(super) fn type_spec(&mut self) -> PResult<TypeSpec> {
        let (name, pos) = self.ident()?;
        if self.is_op("[") {
            // An array or slice type, or a generic type's parameters (generics.rs).
            let lbrack = self.pos();
            self.advance();
            // Type parameters, or the length of an array type (None for a slice, `[]T`).
            let (tparams, len) = if self.is_op("]") {
                (None, None)
            } else if self.got_op("...") {
                (None, Some(None))
            } else {
                match self.type_params_or_array_len()? {
                    Ok(tparams) => (Some(tparams), None),
                    Err(len) => (None, Some(Some(Box::new(len)))),
                }
            };
            if let Some(tparams) = tparams {
                let alias = self.got_op("=");
                let ty = self.spec_type()?;
                return Ok(TypeSpec {
                    name,
                    pos,
                    tparams,
                    alias,
                    ty,
                });
            }
            self.want_op("]")?;
            let elem = Box::new(self.type_()?);
            let kind = match len {
                None => TypeExprKind::Slice(elem),
                Some(len) => TypeExprKind::Array(len, elem),
            };
            return Ok(TypeSpec {
                name,
                pos,
                tparams: Vec::new(),
                alias: false,
                ty: TypeExpr { pos: lbrack, kind },
            });
        }
        let alias = self.got_op("=");
        let ty = self.spec_type()?;
        Ok(TypeSpec {
            name,
            pos,
            tparams: Vec::new(),
            alias,
            ty,
        })
    }

    /// The type of a type spec, after its name (and type parameters, and `=`); where none
    /// starts, syntax/parser.go typeDecl's error, and the tokens skipped to the end of the
    /// spec.
    fn spec_type(&mut self) -> PResult<TypeExpr> {
        if let Some(t) = self.try_type()? {
            return Ok(t);
        }
        let what = self.toks[self.i].describe();
        let e = self
            .err_at::<()>(self.pos(), format!("unexpected {what} in type declaration"))
            .unwrap_err();
        self.recoverable(e)?;
        self.skip_to(&[";", ")"]);
        Ok(self.bad_type())
    }

    // FunctionDecl = "func" [ Receiver ] FunctionName Signature [ FunctionBody ] .
    /// None when the name is missing (the declaration is skipped).
    pub(super) fn func_decl(&mut self) -> PResult<Option<FuncDecl>> {
        let func_pos = self.pos();
        // A flag directive belongs to the declaration it precedes: it stands after the
        // previous token's line (noder: pragmas are gathered up to the declaration).
        let prev_line = self.i.checked_sub(1).map_or(0, |k| self.toks[k].pos.line);
        let noinline = self.pragmas.iter().any(|p| {
            p.text.split_whitespace().next() == Some("go:noinline")
                && p.line > prev_line
                && p.line < func_pos.line
        });
        self.advance();
        let head = self.pos();
        let mut recv = None;
        if self.is_op("(") {
            // syntax/parser.go funcDeclOrNil: reported without the "syntax error" prefix, at
            // the token after the receiver.
            let errs_before = self.errs.len();
            let (mut params, _) = self.parameters()?;
            match params.len() {
                1 => recv = params.pop(),
                // A list with an error may count otherwise in Go; say nothing more.
                _ if self.errs.len() > errs_before => {}
                n => {
                    let msg = if n == 0 {
                        "method has no receiver"
                    } else {
                        "method has multiple receivers"
                    };
                    let pos = self.pos();
                    self.report(Diag::new(self.file_name, pos.line, pos.col, msg));
                }
            }
        }
        let Tok::Ident(_) = self.tok() else {
            let e = self.unexpected::<()>("name or (").unwrap_err();
            self.recoverable(e)?;
            self.skip_to(&["{", ";"]);
            return Ok(None);
        };
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
        let lbrace = end;
        if self.is_op("{") {
            self.fnest += 1;
            let (stmts, close) = self.block()?;
            self.fnest -= 1;
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
        Ok(Some(FuncDecl {
            name,
            pos,
            head,
            recv,
            tparams,
            params,
            results,
            variadic,
            body,
            lbrace,
            end,
            linkname,
            noinline,
        }))
    }

    // Parameters = "(" [ ParameterList [ "," ] ] ")" .
    // ParameterList = ParameterDecl { "," ParameterDecl } .
    pub(super) fn parameters(&mut self) -> PResult<(Vec<Param>, bool)> {
        self.want_op("(")?;
        // Parse entries as (maybe-name, maybe-type); decide grouping at the end, as Go's parser does.
        let mut entries: Vec<ParamEntry> = Vec::new();
        let errs_before = self.errs.len();
        let mut closed = true;
        while !self.is_op(")") && !matches!(self.tok(), Tok::Eof) {
            entries.push(self.parameter_decl()?);
            // The comma is optional before ")" (syntax/parser.go list).
            if !self.list_sep("parameter list", ",", ")")? {
                closed = false;
                break;
            }
        }
        if closed {
            self.want_op(")")?;
        }
        if self.errs.len() > errs_before {
            // The list had an error: Go's grouping of what was parsed might differ from
            // ours, so say nothing more about it.
            let params = entries
                .into_iter()
                .filter_map(|(_, t)| t.map(|ty| Param { name: None, ty }))
                .collect();
            return Ok((params, false));
        }
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
    pub(super) fn parameter_decl(&mut self) -> PResult<ParamEntry> {
        let mut name = None;
        if let Tok::Ident(_) = self.tok() {
            let pos = self.pos();
            match self.peek(1) {
                // pkg.Type
                Tok::Op(".") => return Ok((None, Some(self.type_()?))),
                Tok::Op(",") | Tok::Op(")") => {
                    return Ok((Some((self.pass_text(), pos)), None));
                }
                // `a [N]T`, `a []T`, or the type `List[int]` (generics.rs).
                Tok::Op("[") => {
                    let n = self.pass_text();
                    let (name, t) = self.array_or_type_args((n, pos))?;
                    return Ok((name, Some(t)));
                }
                _ => name = Some((self.pass_text(), pos)),
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
        // syntax/parser.go paramDeclOrNil: a name alone is an entry; neither a name nor a
        // type is an error, skipped up to `,` or `)`.
        if let Some(t) = self.try_type()? {
            return Ok((name, Some(t)));
        }
        if name.is_none() {
            let e = self.unexpected::<()>(")").unwrap_err();
            self.recoverable(e)?;
            self.skip_to(&[",", ")"]);
        }
        Ok((name, None))
    }

    // Result = Parameters | Type .
    // syntax/parser.go funcResult: a result type is optional wherever it may stand.
    pub(super) fn result(&mut self) -> PResult<Vec<Param>> {
        if self.is_op("(") {
            return Ok(self.parameters()?.0);
        }
        Ok(self
            .try_type()?
            .map(|ty| vec![Param { name: None, ty }])
            .unwrap_or_default())
    }
}

/// A parameter as first parsed: a name, a type, or both; grouping is decided afterwards.
type ParamEntry = (Option<(String, Pos)>, Option<TypeExpr>);
