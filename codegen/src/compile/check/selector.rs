//! Selectors (Go spec, "Selectors", "Qualified identifiers"; go/types call.go selector):
//! `pkg.Name`, struct fields, and methods of concrete and interface types.

use super::exprstring::expr_string;
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
                        self.prog.packages[p]
                            .scope
                            .get(sel)
                            .copied()
                            .filter(|_| is_exported(sel))
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
            self.unsupported(e.pos, "method expressions");
            return Operand::invalid();
        }
        let xo = self.single_value(x, xo);
        if xo.mode == Mode::Invalid {
            return Operand::invalid();
        }
        if self.prog.types.is_interface(xo.ty) {
            let methods = self.prog.types.interface_methods(xo.ty);
            if let Some(i) = methods.iter().position(|m| m.name == sel) {
                let t = self.prog.types.add(Type::Func(methods[i].sig.clone()));
                return Operand {
                    mode: Mode::IfaceMethod(i),
                    ty: t,
                    val: None,
                };
            }
        }
        let (st, deref) = match self.prog.types.get(self.prog.types.under(xo.ty)).clone() {
            Type::Pointer(elem) => (elem, true),
            _ => (xo.ty, false),
        };
        if let Some(fields) = self.prog.types.fields(st) {
            if let Some(f) = fields.iter().find(|f| f.name == sel && sel != "_") {
                self.prog.info.selections.insert(
                    e.id,
                    Selection::Field {
                        offset: f.offset,
                        deref,
                    },
                );
                let mode = if deref || xo.mode == Mode::Var {
                    Mode::Var
                } else {
                    Mode::Value
                };
                return Operand {
                    mode,
                    ty: f.ty,
                    val: None,
                };
            }
        }
        if let Some(op) = self.method_selector(e, x, &xo, st, deref, sel) {
            return op;
        }
        self.error(
            e.pos,
            format!(
                "{}.{} undefined (type {} has no field or method {})",
                expr_string(x),
                sel,
                self.tn(xo.ty),
                sel
            ),
        );
        Operand::invalid()
    }

    /// `x.M` for a method M of x's type or of the type x points to (Go spec, "Selectors",
    /// "Calls": `x.M()` is `(&x).M()` for a pointer method on an addressable x).
    pub(super) fn method_selector(
        &mut self,
        e: &Expr,
        x: &Expr,
        xo: &Operand,
        base: TypeId,
        x_is_ptr: bool,
        sel: &str,
    ) -> Option<Operand> {
        let (_, mid, ptr_recv) = self
            .prog
            .methods
            .get(&base)?
            .iter()
            .find(|(n, _, _)| n == sel)?
            .clone();
        self.resolve(mid);
        self.prog.objs[mid as usize].used = true;
        self.note_ref(mid);
        let addr = ptr_recv && !x_is_ptr;
        let deref = !ptr_recv && x_is_ptr;
        if addr {
            if xo.mode != Mode::Var {
                self.error(
                    e.pos,
                    format!("cannot call pointer method {} on {}", sel, self.tn(xo.ty)),
                );
                return Some(Operand::invalid());
            }
            if let Some(root) = self.addr_root(x) {
                self.prog.objs[root as usize].addr_taken = true;
            }
        }
        let ty = self.prog.objs[mid as usize].ty;
        Some(Operand {
            mode: Mode::Method(mid, addr, deref),
            ty,
            val: None,
        })
    }
}
