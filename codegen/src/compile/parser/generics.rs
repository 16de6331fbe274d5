//! The parts of Go's grammar that generics added (Go 1.18; Go spec, "Type parameter
//! declarations", "Instantiations", "General interfaces"): type parameter lists of functions
//! and types, type arguments of types, constraint elements (`~T | U`), and the ambiguities
//! they bring, resolved as cmd/compile/internal/syntax/parser.go resolves them: `type A[N]T`
//! (an array type or a type parameter list) and `name [` in parameter lists and struct fields
//! (an array or slice type, or a generic type's instantiation).

use super::{PResult, Parser};
use crate::compile::ast::*;
use crate::compile::lexer::Tok;

impl Parser<'_> {
    /// `[P C, Q, R D]` after a function's name, from its `[` (syntax/parser.go funcDeclOrNil,
    /// paramList with `requireNames`).
    pub(super) fn func_type_params(&mut self) -> PResult<Vec<TypeParamDecl>> {
        self.want_op("[")?;
        if self.is_op("]") {
            return self.err_at(self.pos(), "empty type parameter list");
        }
        self.type_param_list(None)
    }

    /// The rest of a type parameter list up to and including its `]`. `first` is a first
    /// parameter parsed already (by the `type A[` disambiguation): its name and, maybe, its
    /// constraint.
    pub(super) fn type_param_list(
        &mut self,
        first: Option<((String, Pos), Option<TypeExpr>)>,
    ) -> PResult<Vec<TypeParamDecl>> {
        // Entries: a name with or without a constraint; names without one take the next
        // constraint (`[K, V any]`), as in parameter lists.
        let mut entries: Vec<((String, Pos), Option<TypeExpr>)> = Vec::new();
        let mut pending_first = first;
        loop {
            let entry = match pending_first.take() {
                Some((name, Some(c))) => (name, Some(c)),
                Some((name, None)) => (name, self.constraint_or_none()?),
                None if !matches!(self.tok(), Tok::Ident(_)) && self.starts_type() => {
                    // Go parses a type where the name is missing (syntax/parser.go
                    // paramDeclOrNil), reporting its errors, and then the unnamed parameter;
                    // tbuild does not go on from either.
                    let errs = self.errs.len();
                    let t = self.type_()?;
                    if self.errs.len() > errs {
                        return self.stop_quietly();
                    }
                    return self.err_at(t.pos, "type parameters must be named");
                }
                None => {
                    let name = self.ident()?;
                    (name, self.constraint_or_none()?)
                }
            };
            entries.push(entry);
            if !self.got_op(",") {
                break;
            }
            if self.is_op("]") {
                break;
            }
        }
        if !self.is_op("]") {
            let what = self.toks[self.i].describe();
            return self.err_at(
                self.pos(),
                // syntax/parser.go paramList, list (tbuild does not go on from here).
                format!("unexpected {what} in parameter list; possibly missing comma or ]"),
            );
        }
        if entries.last().is_some_and(|(_, c)| c.is_none()) {
            return self.err_at(self.pos(), "missing type constraint");
        }
        self.advance();
        let mut out = Vec::new();
        let mut pending: Vec<(String, Pos)> = Vec::new();
        for ((name, pos), c) in entries {
            match c {
                None => pending.push((name, pos)),
                Some(c) => {
                    for (n, p) in pending.drain(..) {
                        out.push(TypeParamDecl {
                            name: n,
                            pos: p,
                            constraint: c.clone(),
                        });
                    }
                    out.push(TypeParamDecl {
                        name,
                        pos,
                        constraint: c,
                    });
                }
            }
        }
        Ok(out)
    }

    /// A constraint, or None before `,` and `]` (a name whose constraint comes later).
    fn constraint_or_none(&mut self) -> PResult<Option<TypeExpr>> {
        if self.is_op(",") || self.is_op("]") {
            return Ok(None);
        }
        self.constraint_elem().map(Some)
    }

    /// A constraint element (syntax/parser.go embeddedElem): `T`, `~T`, or a union of such
    /// terms `A | ~B`. A single term without `~` is just its type.
    pub(super) fn constraint_elem(&mut self) -> PResult<TypeExpr> {
        let pos = self.pos();
        let first = self.term()?;
        if !self.is_op("|") && !first.tilde {
            return Ok(first.ty);
        }
        let mut terms = vec![first];
        while self.got_op("|") {
            terms.push(self.term()?);
        }
        Ok(TypeExpr {
            pos,
            kind: TypeExprKind::Union(terms),
        })
    }

    /// `T` or `~T`.
    fn term(&mut self) -> PResult<Term> {
        let tilde = self.got_op("~");
        if !tilde && !self.starts_type() {
            // syntax/parser.go embeddedTerm (tbuild does not go on from here).
            return self.unexpected("~ term or type");
        }
        Ok(Term {
            tilde,
            ty: self.type_()?,
        })
    }

    /// The type arguments of a generic type, from the `[` after its name: `[int, string]`.
    pub(super) fn type_args(&mut self, base: TypeExpr) -> PResult<TypeExpr> {
        self.want_op("[")?;
        let old = self.expr_lev;
        self.expr_lev = self.expr_lev.max(0) + 1;
        let mut args = Vec::new();
        if !self.is_op("]") {
            // syntax/parser.go typeInstance, typeList: an expression first (the checker says
            // whether it is a type), then types up to the first that is not one.
            let start = self.i;
            let first = self.expr()?;
            match super::expr_to_type(&first) {
                Some(t) => args.push(paren_kept(&first, t)),
                None => {
                    // Go's parser accepts it (the type checker says it is not a type): an
                    // error only if the file has no syntax error.
                    let what = self.toks[start].describe();
                    let at = self.toks[start].pos;
                    let e = self
                        .err_at::<()>(at, format!("unexpected {what}, expecting type"))
                        .unwrap_err();
                    self.deferred.push(e.0);
                    args.push(self.bad_type());
                }
            }
            while self.got_op(",") {
                let (paren, at) = (self.is_op("("), self.pos());
                match self.try_type()? {
                    Some(t) if paren => args.push(TypeExpr {
                        pos: at,
                        kind: TypeExprKind::Paren(Box::new(t)),
                    }),
                    Some(t) => args.push(t),
                    None => break,
                }
            }
        }
        self.expr_lev = old;
        if args.is_empty() {
            return self.err_at(self.pos(), "expecting type");
        }
        self.want_op("]")?;
        let pos = base.pos;
        Ok(TypeExpr {
            pos,
            kind: TypeExprKind::Instance(Box::new(base), args),
        })
    }

    /// After `type Name [`, at the token after `[`: a type parameter list or an array
    /// length (syntax/parser.go typeDecl). A name followed by anything but `]` starts type
    /// parameters; `name *T` and `name(T)` do when T is a type literal or a comma follows;
    /// anything else is an array length. Returns the type parameters (with the `]` read), or
    /// the array length expression (with the `]` not yet read).
    pub(super) fn type_params_or_array_len(&mut self) -> PResult<Result<Vec<TypeParamDecl>, Expr>> {
        let Tok::Ident(_) = self.tok() else {
            let old = self.expr_lev;
            self.expr_lev += 1;
            let len = self.expr()?;
            self.expr_lev = old;
            return Ok(Err(len));
        };
        let (name, npos) = self.ident()?;
        let mut x = self.new_expr(npos, ExprKind::Ident(name.clone()));
        if !self.is_op("[") {
            let old = self.expr_lev;
            self.expr_lev += 1;
            let p = self.primary_suffix(x)?;
            x = self.binary_expr_from(p, 1)?;
            self.expr_lev = old;
        }
        let first = match &x.kind {
            ExprKind::Ident(n) if !self.is_op("]") => Some(((n.clone(), npos), None)),
            ExprKind::Binary(BinOp::Mul, a, b)
                if matches!(&a.kind, ExprKind::Ident(_)) && (is_type_lit(b) || self.is_op(",")) =>
            {
                let elem = super::expr_to_type(b);
                elem.map(|t| {
                    let ptr = TypeExpr {
                        pos: x.pos,
                        kind: TypeExprKind::Pointer(Box::new(t)),
                    };
                    ((name.clone(), npos), Some(ptr))
                })
            }
            ExprKind::Call {
                func,
                args,
                ellipsis: false,
            } if matches!(&func.kind, ExprKind::Ident(_))
                && args.len() == 1
                && (is_type_lit(&args[0]) || self.is_op(",")) =>
            {
                super::expr_to_type(&args[0]).map(|t| ((name.clone(), npos), Some(t)))
            }
            _ => None,
        };
        match first {
            Some(f) => Ok(Ok(self.type_param_list(Some(f))?)),
            None => Ok(Err(x)),
        }
    }

    /// After `name` in a parameter list or struct, at `[` (syntax/parser.go arrayOrTArgs):
    /// `name []T` and `name [N]T` declare `name` with an array or slice type; otherwise
    /// `name[A, B]` is a generic type's instantiation (and no name). Returns the declared
    /// name, if any, and the type.
    pub(super) fn array_or_type_args(
        &mut self,
        name: (String, Pos),
    ) -> PResult<(Option<(String, Pos)>, TypeExpr)> {
        let lbrack = self.pos();
        self.want_op("[")?;
        if self.got_op("]") {
            let elem = self.type_()?;
            let t = TypeExpr {
                pos: lbrack,
                kind: TypeExprKind::Slice(Box::new(elem)),
            };
            return Ok((Some(name), t));
        }
        let old = self.expr_lev;
        self.expr_lev = self.expr_lev.max(0) + 1;
        let mut list = Vec::new();
        // No `...` here: `x [...]int` in a parameter or field list is go's syntax error
        // (arrayOrTArgs reads a type list).
        while !self.is_op("]") {
            list.push(self.expr()?);
            if !self.got_op(",") {
                break;
            }
        }
        self.expr_lev = old;
        self.want_op("]")?;
        if list.len() == 1 {
            // `name [N]T` when a type follows.
            if let Some(elem) = self.try_type()? {
                let len = Some(Box::new(list.remove(0)));
                let t = TypeExpr {
                    pos: lbrack,
                    kind: TypeExprKind::Array(len, Box::new(elem)),
                };
                return Ok((Some(name), t));
            }
        }
        if list.is_empty() {
            return self.unexpected("type");
        }
        let mut args = Vec::new();
        for e in &list {
            match super::expr_to_type(e) {
                Some(t) => args.push(paren_kept(e, t)),
                None => return self.err_at(e.pos, "expecting type"),
            }
        }
        let (n, npos) = name;
        let base = TypeExpr {
            pos: npos,
            kind: TypeExprKind::Name(n),
        };
        Ok((
            None,
            TypeExpr {
                pos: npos,
                kind: TypeExprKind::Instance(Box::new(base), args),
            },
        ))
    }
}

/// Whether an expression is certainly a type literal (syntax/parser.go isTypeLit): `*T` only
/// when T is one.
fn is_type_lit(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Type(_) => true,
        ExprKind::Unary(UnOp::Deref, x) => is_type_lit(x),
        ExprKind::Paren(x) => is_type_lit(x),
        _ => false,
    }
}

/// Type argument `t`, read from expression `e`, inside the parentheses `e` had: a receiver's
/// type parameter must be a bare name (`Stack[(T)]` is an error, check/generics), and
/// elsewhere the checker resolves the type inside.
fn paren_kept(e: &Expr, t: TypeExpr) -> TypeExpr {
    match e.kind {
        ExprKind::Paren(_) => TypeExpr {
            pos: e.pos,
            kind: TypeExprKind::Paren(Box::new(t)),
        },
        _ => t,
    }
}
