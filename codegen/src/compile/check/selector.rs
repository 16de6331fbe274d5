//! Selectors (Go spec, "Selectors", "Qualified identifiers"; go/types call.go selector):
//! `pkg.Name`, struct fields and methods, promoted through embedded fields or not (lookup.rs
//! finds them), and methods of interface types.

use super::exprstring::expr_string;
use super::lookup::Lookup;
use super::operand::{Mode, Operand};
use super::{is_exported, Checker, ObjKind, Selection, UNSUPPORTED_PKG};
use crate::compile::ast::*;
use crate::compile::types::{Type, TypeId};

impl Checker {
    pub(super) fn selector(&mut self, e: &Expr, x: &Expr, sel: &str) -> Operand {
        // Qualified identifier: pkg.Name.
        if let ExprKind::Ident(pname) = &x.kind {
            if let Some(pid) = self.lookup(pname) {
                if let ObjKind::Pkg(p) = self.prog.objs[pid as usize].kind {
                    self.prog.objs[pid as usize].used = true;
                    if p == UNSUPPORTED_PKG {
                        return Operand::invalid();
                    }
                    let found = if p == usize::MAX {
                        self.unsafe_scope.get(sel).copied()
                    } else {
                        is_exported(sel).then(|| self.member(p, sel)).flatten()
                    };
                    let Some(id) = found else {
                        // Valid Go that the bundled copy of the package lacks is
                        // unsupported, not undefined (go_api.rs lists Go's names).
                        if p != usize::MAX
                            && crate::compile::go_api::exports(&self.prog.packages[p].path, sel)
                        {
                            let name = self.prog.packages[p].name.clone();
                            self.unsupported(e.pos, &format!("{name}.{sel}"));
                            return Operand::invalid();
                        }
                        self.error(e.pos, format!("undefined: {pname}.{sel}"));
                        return Operand::invalid();
                    };
                    let op = self.use_obj(e, id);
                    self.prog
                        .info
                        .selections
                        .insert(e.id, Selection::Qualified(id));
                    return op;
                }
            }
        }
        let xo = self.expr_any(x);
        if xo.mode == Mode::Type {
            return self.method_expr(e, x, xo.ty, sel);
        }
        let xo = self.single_value(x, xo);
        if xo.mode == Mode::Invalid {
            return Operand::invalid();
        }
        let found = self.lookup_selector(xo.ty, xo.mode == Mode::Var, sel, false);
        // The struct (or interface) type x denotes, through a pointer if x is one.
        let (base, x_is_ptr) = match self.prog.types.get(self.prog.types.under(xo.ty)).clone() {
            Type::Pointer(elem) => (elem, true),
            _ => (xo.ty, false),
        };
        if !found.path().is_empty() {
            let emb = self.prog.embedded_steps(base, found.path());
            self.prog.info.embedded.insert(e.id, emb);
        }
        match found {
            Lookup::Field {
                path,
                index,
                ty,
                indirect,
            } => {
                let holder = if path.is_empty() {
                    base
                } else {
                    self.prog.info.embedded[&e.id].ty
                };
                let offset = self
                    .prog
                    .types
                    .laid_out_fields(holder)
                    .get(index)
                    .map_or(0, |f| f.offset);
                self.prog.info.selections.insert(
                    e.id,
                    Selection::Field {
                        offset,
                        deref: x_is_ptr,
                    },
                );
                let mode = if indirect || xo.mode == Mode::Var {
                    Mode::Var
                } else {
                    Mode::Value
                };
                Operand {
                    mode,
                    ty,
                    val: None,
                }
            }
            Lookup::Method {
                path,
                func,
                ptr_recv,
                indirect,
            } => {
                self.prog.objs[func as usize].used = true;
                self.note_ref(func);
                // Without embedding the receiver is x, &x or *x; through embedded fields
                // (lowering: Info::embedded) the walk starts at x, or at *x when x is a
                // pointer, and `addr` says the method takes the address it reaches.
                let (addr, deref) = if path.is_empty() {
                    (ptr_recv && !x_is_ptr, !ptr_recv && x_is_ptr)
                } else {
                    (ptr_recv, x_is_ptr)
                };
                if ptr_recv && !indirect {
                    if let Some(root) = self.addr_root(x) {
                        self.prog.objs[root as usize].addr_taken = true;
                    }
                }
                let ty = self.prog.objs[func as usize].ty;
                Operand {
                    mode: Mode::Method(func, addr, deref),
                    ty,
                    val: None,
                }
            }
            Lookup::IfaceMethod { iface, index, .. } => {
                let methods = self.prog.types.interface_methods(iface);
                let t = self.prog.types.add(Type::Func(methods[index].sig.clone()));
                Operand {
                    mode: Mode::IfaceMethod(index),
                    ty: t,
                    val: None,
                }
            }
            Lookup::Ambiguous => {
                self.error(
                    e.pos,
                    format!("ambiguous selector {}.{sel}", expr_string(x)),
                );
                Operand::invalid()
            }
            Lookup::NeedsPointer => {
                self.error(
                    e.pos,
                    format!("cannot call pointer method {sel} on {}", self.tn(xo.ty)),
                );
                Operand::invalid()
            }
            Lookup::NotFound => {
                // A method Go's type has and the bundled copy lacks is unsupported, not
                // undefined (go_api.rs lists Go's methods).
                if let Some(what) = self.missing_go_method(xo.ty, sel) {
                    self.unsupported(e.pos, &what);
                    return Operand::invalid();
                }
                let why = if self.is_interface_ptr(xo.ty) {
                    format!(
                        "type {} is pointer to interface, not interface",
                        self.tn(xo.ty)
                    )
                } else {
                    // types2 suggests the name with its first letter's case changed.
                    let mut why = format!("type {} has no field or method {sel}", self.tn(xo.ty));
                    let mut chars = sel.chars();
                    if let Some(c) = chars.next() {
                        let first: String = if c.is_uppercase() {
                            c.to_lowercase().collect()
                        } else {
                            c.to_uppercase().collect()
                        };
                        let other = format!("{first}{}", chars.as_str());
                        let alt = self.lookup_selector(xo.ty, xo.mode == Mode::Var, &other, false);
                        if !matches!(
                            alt,
                            Lookup::NotFound | Lookup::Ambiguous | Lookup::NeedsPointer
                        ) {
                            why.push_str(&format!(", but does have {other}"));
                        }
                    }
                    why
                };
                self.error(e.pos, format!("{}.{sel} undefined ({why})", expr_string(x)));
                Operand::invalid()
            }
        }
    }

    /// `pkg.T.M` when `t` is (a pointer to) a bundled package's named type T that has the
    /// method M in Go 1.19 (go_api.rs GO_METHODS): valid Go whose method tbuild lacks.
    pub(super) fn missing_go_method(&self, t: TypeId, sel: &str) -> Option<String> {
        let t = match self.prog.types.get(t) {
            Type::Pointer(e) => *e,
            _ => t,
        };
        let Type::Named { pkg, name, .. } = self.prog.types.get(t) else {
            return None;
        };
        self.prog
            .packages
            .iter()
            .filter(|p| p.path != "main" && p.name == *pkg)
            .find(|p| crate::compile::go_api::has_method(&p.path, name, sel))
            .map(|_| format!("{pkg}.{name}.{sel}"))
    }
}
