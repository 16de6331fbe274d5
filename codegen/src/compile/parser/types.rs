//! Types (Go spec, "Types"): type names, pointer, array, slice, map, channel, function,
//! interface and struct type literals.

use super::*;
use crate::compile::ast::*;
use crate::compile::lexer::Tok;
use crate::compile::types::ChanDir;

impl Parser<'_> {
    // Type = TypeName | TypeLit | "(" Type ")" .
    pub(super) fn type_(&mut self) -> PResult<TypeExpr> {
        if let Some(t) = self.try_type()? {
            return Ok(t);
        }
        // syntax/parser.go type_: tokens are skipped to one that may follow a type.
        let e = self.unexpected::<()>("type").unwrap_err();
        self.recoverable(e)?;
        self.skip_to(&[",", ":", ";", ")", "]", "}"]);
        Ok(self.bad_type())
    }

    /// Whether the token can start a type (syntax/parser.go typeOrNil).
    pub(super) fn starts_type(&self) -> bool {
        matches!(
            self.tok(),
            Tok::Ident(_)
                | Tok::Op("*" | "(" | "[" | "<-")
                | Tok::Keyword("struct" | "map" | "chan" | "func" | "interface")
        )
    }

    /// What stands for a type that had an error; the file is not type-checked.
    pub(super) fn bad_type(&self) -> TypeExpr {
        TypeExpr {
            pos: self.pos(),
            kind: TypeExprKind::Name("_".to_string()),
        }
    }

    pub(super) fn try_type(&mut self) -> PResult<Option<TypeExpr>> {
        let base = self.depth;
        self.nest("type")?;
        let t = self.try_type_nested();
        self.depth = base;
        t
    }

    /// A channel's element type (syntax/parser.go chanElem).
    fn chan_elem(&mut self) -> PResult<TypeExpr> {
        match self.try_type()? {
            Some(t) => Ok(t),
            None => {
                let e = self
                    .err_at::<()>(self.pos(), "missing channel element type")
                    .unwrap_err();
                self.recoverable(e)?;
                Ok(self.bad_type())
            }
        }
    }

    pub(super) fn try_type_nested(&mut self) -> PResult<Option<TypeExpr>> {
        let pos = self.pos();
        let t = match self.tok() {
            Tok::Ident(_) => {
                let name = self.pass_text();
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
                if self.is_op(",") {
                    // syntax/parser.go arrayType: reported, and the comma skipped.
                    let e = self
                        .err_at::<()>(self.pos(), "unexpected comma; expecting ]")
                        .unwrap_err();
                    self.recoverable(e)?;
                    self.advance();
                }
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
            // ChanType = ( "chan" | "chan" "<-" | "<-" "chan" ) ElementType . The `<-`
            // binds to the leftmost chan: `chan<- chan int` is a send-only channel of
            // `chan int` (syntax/parser.go typeOrNil).
            Tok::Keyword("chan") => {
                self.advance();
                let dir = if self.got_op("<-") {
                    ChanDir::Send
                } else {
                    ChanDir::Both
                };
                let elem = self.chan_elem()?;
                TypeExpr {
                    pos,
                    kind: TypeExprKind::Chan(dir, Box::new(elem)),
                }
            }
            Tok::Op("<-") => {
                self.advance();
                if !self.is_kw("chan") {
                    return self.unexpected("chan");
                }
                self.advance();
                let elem = self.chan_elem()?;
                TypeExpr {
                    pos,
                    kind: TypeExprKind::Chan(ChanDir::Recv, Box::new(elem)),
                }
            }
            Tok::Keyword("func") => {
                self.advance();
                if self.is_op("[") {
                    // syntax/parser.go funcType (tbuild does not go on from here).
                    return self.err_at(self.pos(), "function type must have no type parameters");
                }
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
                while !self.is_op("}") && !matches!(self.tok(), Tok::Eof) {
                    if self.is_semi() {
                        // An element list has no empty elements (syntax/parser.go
                        // embeddedTerm); the list goes on after the `;`.
                        let e = self.unexpected::<()>("~ term or type").unwrap_err();
                        self.recoverable(e)?;
                    } else if let (Tok::Ident(_), Tok::Op("(")) = (self.tok(), self.peek(1)) {
                        let mpos = self.pos();
                        let name = self.pass_text();
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
                    if !self.list_sep("interface type", ";", "}")? {
                        return Ok(Some(TypeExpr {
                            pos,
                            kind: TypeExprKind::Interface(elems),
                        }));
                    }
                }
                self.want_op("}")?;
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
    pub(super) fn struct_body(&mut self, pos: Pos) -> PResult<TypeExpr> {
        self.want_op("{")?;
        let mut fields = Vec::new();
        while !self.is_op("}") && !matches!(self.tok(), Tok::Eof) {
            let group = fields.len();
            // syntax/parser.go fieldDecl: an embedded type is T, pkg.T, *T or *pkg.T.
            if self.is_op("(") {
                return self.err_at(self.pos(), "cannot parenthesize embedded type");
            }
            if !matches!(self.tok(), Tok::Op("*") | Tok::Ident(_)) {
                // Not a field (a field list has no empty declarations either): tokens are
                // skipped to the end of the declaration.
                let e = self
                    .unexpected::<()>("field name or embedded type")
                    .unwrap_err();
                self.recoverable(e)?;
                self.skip_to(&[";", "}"]);
                if !self.list_sep("struct type", ";", "}")? {
                    // Go's list returns without wanting the "}" (syntax/parser.go list).
                    return Ok(TypeExpr {
                        pos,
                        kind: TypeExprKind::Struct(fields),
                    });
                }
                continue;
            }
            let embedded = matches!(self.tok(), Tok::Op("*"))
                || matches!(self.tok(), Tok::Ident(_))
                    && matches!(
                        self.peek(1),
                        Tok::Semi { .. } | Tok::Op("}") | Tok::Op(".") | Tok::Str(_)
                    );
            if let (Tok::Ident(_), Tok::Op("[")) = (self.tok(), self.peek(1)) {
                // `a [N]T`, `a []T`, or an embedded `List[int]` (generics.rs).
                let fpos = self.pos();
                let n = self.pass_text();
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
            if !self.list_sep("struct type", ";", "}")? {
                return Ok(TypeExpr {
                    pos,
                    kind: TypeExprKind::Struct(fields),
                });
            }
        }
        self.want_op("}")?;
        Ok(TypeExpr {
            pos,
            kind: TypeExprKind::Struct(fields),
        })
    }
}
