//! Type expressions: a type written in the source to a `TypeId` (go/types typexpr.go), and
//! function signatures (signature.go).

use super::exprstring::{expr_string, strip_parens};
use super::operand::Mode;
use super::{is_exported, Checker, ObjId, ObjKind};
use crate::compile::ast::*;
use crate::compile::types::{Const, Field, Signature, Type, TypeId};

impl Checker {
    pub(super) fn signature(
        &mut self,
        params_ast: &[Param],
        results: &[Param],
        variadic: bool,
    ) -> Signature {
        // The final parameter of a variadic function ...T has type []T.
        let mut params: Vec<TypeId> = params_ast
            .iter()
            .map(|p| self.resolve_type(&p.ty))
            .collect();
        if variadic {
            if let Some(last) = params.last_mut() {
                *last = self.prog.types.slice(*last);
            }
        }
        let result_types = results.iter().map(|p| self.resolve_type(&p.ty)).collect();
        // Names for messages: all of a list's are given or none are (Go spec, "Function
        // types"), apart from a method's receiver, which messages never print.
        let names = |ps: &[Param]| -> Vec<String> {
            if ps.iter().all(|p| p.name.is_none()) {
                return Vec::new();
            }
            ps.iter()
                .map(|p| p.name.as_ref().map_or("_".to_string(), |(n, _)| n.clone()))
                .collect()
        };
        Signature {
            params,
            results: result_types,
            variadic,
            param_names: names(params_ast),
            result_names: names(results),
        }
    }

    pub fn resolve_type(&mut self, te: &TypeExpr) -> TypeId {
        match &te.kind {
            TypeExprKind::Name(n) => {
                let Some(id) = self.lookup(n) else {
                    self.error(te.pos, format!("undefined: {n}"));
                    return 0;
                };
                self.type_of_obj(id, te.pos, n)
            }
            TypeExprKind::Qualified(p, n) => {
                let Some(pid) = self.lookup(p) else {
                    self.error(te.pos, format!("undefined: {p}"));
                    return 0;
                };
                let ObjKind::Pkg(pkg) = self.prog.objs[pid as usize].kind else {
                    self.error(te.pos, format!("{p}.{n} is not a type"));
                    return 0;
                };
                self.prog.objs[pid as usize].used = true;
                let found = if pkg == usize::MAX {
                    self.unsafe_scope.get(n).copied()
                } else {
                    self.prog.packages[pkg]
                        .scope
                        .get(n)
                        .copied()
                        .filter(|_| is_exported(n))
                };
                match found {
                    Some(id) => self.type_of_obj(id, te.pos, &format!("{p}.{n}")),
                    None => {
                        self.error(te.pos, format!("undefined: {p}.{n}"));
                        0
                    }
                }
            }
            TypeExprKind::Pointer(e) => {
                let t = self.resolve_type(e);
                self.prog.types.pointer(t)
            }
            TypeExprKind::Array(len, e) => {
                let Some(len) = len else {
                    self.unsupported(te.pos, "[...] array types");
                    return 0;
                };
                // A length that is not a constant does not count as a use of its variables
                // (types2 evaluates it only to report it).
                let used_before: Vec<(ObjId, bool)> = match &strip_parens(len).kind {
                    ExprKind::Ident(n) => self
                        .lookup(n)
                        .map(|o| (o, self.prog.objs[o as usize].used))
                        .into_iter()
                        .collect(),
                    _ => Vec::new(),
                };
                let op = self.expr(len);
                let n = match (&op.mode, &op.val) {
                    (Mode::Const, Some(Const::Int(v))) if *v >= 0 => *v as u64,
                    (Mode::Invalid, _) => return 0,
                    (Mode::Const, Some(Const::Int(_))) => {
                        self.error(
                            len.pos,
                            format!("invalid array length {}", self.describe(len, &op)),
                        );
                        return 0;
                    }
                    _ => {
                        for (o, u) in used_before {
                            self.prog.objs[o as usize].used = u;
                        }
                        self.error(
                            len.pos,
                            format!("invalid array length {}", expr_string(len)),
                        );
                        return 0;
                    }
                };
                let elem = self.resolve_type(e);
                self.prog.types.array(n, elem)
            }
            TypeExprKind::Struct(fields) => {
                let mut out: Vec<Field> = Vec::new();
                for f in fields {
                    let ty = self.resolve_type(&f.ty);
                    if f.embedded {
                        self.unsupported(f.pos, "embedded fields");
                    }
                    if f.name != "_" && out.iter().any(|g| g.name == f.name) {
                        let prev = fields
                            .iter()
                            .find(|g| g.name == f.name)
                            .map(|g| g.pos)
                            .unwrap_or(f.pos);
                        let at = self.pos_string(prev);
                        self.error(
                            f.pos,
                            format!(
                                "{} redeclared\n\t{at}: other declaration of {}",
                                f.name, f.name
                            ),
                        );
                    }
                    out.push(Field {
                        name: f.name.clone(),
                        ty,
                        offset: 0,
                        embedded: f.embedded,
                    });
                }
                self.prog.types.add(Type::Struct(out))
            }
            TypeExprKind::Slice(e) => {
                let t = self.resolve_type(e);
                self.prog.types.slice(t)
            }
            TypeExprKind::Func(params, results, variadic) => {
                let sig = self.signature(params, results, *variadic);
                self.prog.types.add(Type::Func(sig))
            }
            TypeExprKind::Interface(elems) => {
                let mut methods: Vec<crate::compile::types::IMethod> = Vec::new();
                for el in elems {
                    let more = match el {
                        InterfaceElem::Method {
                            name,
                            pos,
                            params,
                            results,
                            variadic,
                        } => {
                            if methods.iter().any(|m| &m.name == name) {
                                self.error(*pos, format!("duplicate method {name}"));
                                continue;
                            }
                            vec![crate::compile::types::IMethod {
                                name: name.clone(),
                                sig: self.signature(params, results, *variadic),
                            }]
                        }
                        InterfaceElem::Embedded(t) => {
                            let et = self.resolve_type(t);
                            if et != 0 && !self.prog.types.is_interface(et) {
                                self.unsupported(t.pos, "type constraints");
                                continue;
                            }
                            self.prog.types.interface_methods(et)
                        }
                    };
                    for m in more {
                        if !methods.iter().any(|x| x.name == m.name) {
                            methods.push(m);
                        }
                    }
                }
                methods.sort_by(|a, b| a.name.cmp(&b.name));
                self.prog.types.add(Type::Interface(methods))
            }
            TypeExprKind::Unsupported(what) => {
                self.unsupported(te.pos, what);
                0
            }
        }
    }

    pub(super) fn type_of_obj(&mut self, id: ObjId, pos: Pos, name: &str) -> TypeId {
        self.resolve(id);
        self.prog.objs[id as usize].used = true;
        match self.prog.objs[id as usize].kind {
            ObjKind::TypeName => {
                let t = self.prog.objs[id as usize].ty;
                if let Type::Named {
                    name: n,
                    underlying: None,
                    ..
                } = self.prog.types.get(t)
                {
                    if let Some(what) = n.strip_prefix("unsupported:") {
                        let what = match what {
                            "float32" | "float64" => "floating-point types".to_string(),
                            "complex64" | "complex128" => "complex numbers".to_string(),
                            w => w.to_string(),
                        };
                        self.unsupported(pos, &what);
                        return 0;
                    }
                }
                t
            }
            _ => {
                self.error(pos, format!("{name} is not a type"));
                0
            }
        }
    }
}
