//! Function literals, method values and method expressions (Go spec, "Function literals",
//! "Method values", "Method expressions"; types2 expr.go FuncLit, call.go selector).
//!
//! A function literal's body is checked where the literal appears, in the scope of the
//! statement that contains it, with its own results, labels and branch targets (types2 checks
//! it at the end of that statement, before the scope changes, which comes to the same). Every
//! use of a local variable of an enclosing function records the variable as captured by each
//! literal between its declaration and the use (`Info::closures`), so that the lowering can
//! build the closure and escape analysis can decide how it holds the variable.

use std::rc::Rc;

use super::operand::{Mode, Operand};
use super::{Checker, MethodVal, ObjId, ObjKind, VarKind};
use crate::compile::ast::*;
use crate::compile::types::{Type, TypeId};

impl Checker {
    pub(super) fn func_lit(&mut self, e: &Expr, fl: &Rc<FuncLit>) -> Operand {
        let sig = self.signature(None, &fl.params, &fl.results);
        let ty = self.prog.types.add(Type::Func(sig.clone()));
        self.prog.info.closures.entry(e.id).or_default();

        // The literal is a function of its own: results, labels and branch targets are its.
        let results = std::mem::replace(&mut self.results, sig.results.clone());
        let named = std::mem::take(&mut self.named_results);
        let labels = std::mem::take(&mut self.labels);
        let gotos = std::mem::take(&mut self.gotos);
        let trail = std::mem::take(&mut self.trail);
        let targets = std::mem::take(&mut self.targets);
        let pending = self.pending_label.take();
        let fallthrough = self.fallthrough_here.take();
        let has_call = self.has_call;
        let op_assign = std::mem::replace(&mut self.op_assign, false);
        let locals_start = self.locals.len();

        self.func_lits.push(e.id);
        self.scopes.push();
        for (p, &t) in fl.params.iter().zip(&sig.params) {
            self.declare_param(p, t, VarKind::Param);
        }
        for (p, &t) in fl.results.iter().zip(&sig.results) {
            if let Some(o) = self.declare_param(p, t, VarKind::Result) {
                self.named_results.push(o);
            }
        }
        self.stmt_block(&fl.body, fl.pos);
        self.finish_labels();
        if !sig.results.is_empty() && !self.terminates_list(&fl.body) {
            self.error(fl.end, "missing return");
        }
        // The literal's own unused variables (the enclosing function reports its own).
        for o in self.locals.split_off(locals_start) {
            let obj = &self.prog.objs[o as usize];
            if !obj.used && obj.ty != 0 && !self.skipped_unsupported {
                let (pos, name) = (obj.pos, obj.name.clone());
                self.error(pos, format!("{name} declared but not used"));
            }
        }
        self.scopes.pop();
        self.func_lits.pop();

        self.results = results;
        self.named_results = named;
        self.labels = labels;
        self.gotos = gotos;
        self.trail = trail;
        self.targets = targets;
        self.pending_label = pending;
        self.fallthrough_here = fallthrough;
        self.has_call = has_call;
        self.op_assign = op_assign;
        self.value(ty)
    }

    /// Declares a parameter or named result of a function literal.
    fn declare_param(&mut self, p: &Param, t: TypeId, kind: VarKind) -> Option<ObjId> {
        let (n, pos) = p.name.as_ref()?;
        let o = self.new_obj(n, *pos, self.pkg, ObjKind::Var(kind), t);
        self.prog.objs[o as usize].used = true;
        self.prog.info.defs.insert(*pos, o);
        if n != "_" {
            self.declare_local(n, o, *pos);
        }
        Some(o)
    }

    /// Records a use of variable `id`: a local of an enclosing function is captured by every
    /// function literal between its declaration and here.
    pub(super) fn note_capture(&mut self, id: ObjId) {
        let Some(&depth) = self.var_depth.get(&id) else {
            return;
        };
        for d in depth..self.func_lits.len() {
            let list = self
                .prog
                .info
                .closures
                .entry(self.func_lits[d])
                .or_default();
            if !list.contains(&id) {
                list.push(id);
            }
        }
    }

    /// `x.M` not called: a method value, a function of M's parameters bound to the receiver
    /// (evaluated now: `*p` for a value method of a pointer, `&x` for a pointer method of an
    /// addressable x).
    pub(super) fn method_value(&mut self, e: &Expr, op: &Operand) -> Operand {
        let (mv, ty) = match op.mode {
            Mode::Method(func, addr, deref) => {
                let Type::Func(sig) = self.prog.types.get(op.ty).clone() else {
                    return Operand::invalid();
                };
                let t = self.prog.types.add(Type::Func(sig.without_receiver()));
                (MethodVal::Bound { func, addr, deref }, t)
            }
            Mode::IfaceMethod(index) => (MethodVal::Iface { index }, op.ty),
            _ => return Operand::invalid(),
        };
        self.prog.info.method_vals.insert(e.id, mv);
        self.prog.info.types.insert(e.id, ty);
        self.value(ty)
    }

    /// `T.M`, `(*T).M` or `I.M`: the method as a function whose first parameter is the
    /// receiver (Go spec, "Method expressions"). M must be in the method set of the type:
    /// a pointer method is not in T's.
    pub(super) fn method_expr(&mut self, e: &Expr, x: &Expr, t: TypeId, sel: &str) -> Operand {
        let tname = super::exprstring::expr_string(x);
        let undefined = |c: &mut Checker, extra: &str| {
            // `(*pkg.T).M` for a method Go's type has and the bundled copy lacks (a value
            // receiver's `T.M` may be invalid Go for a pointer method: go_api.rs does not
            // say which receiver a method has).
            if c.prog.types.is_pointer(t) {
                if let Some(what) = c.missing_go_method(t, sel) {
                    c.unsupported(e.pos, &what);
                    return Operand::invalid();
                }
            }
            c.error(
                e.pos,
                format!(
                    "{tname}.{sel} undefined (type {} has no {extra}{sel})",
                    c.tn(t)
                ),
            );
            Operand::invalid()
        };
        // A type parameter's methods are its constraint's (the generic body is never
        // compiled; an instance's T.M is the concrete type's).
        if self.prog.types.is_interface(t) || self.prog.types.is_type_param(t) {
            let methods = self.prog.types.interface_methods(t);
            let Some(index) = methods.iter().position(|m| m.name == sel) else {
                return undefined(self, "field or method ");
            };
            let msig = methods[index].sig.clone();
            let sig = msig.with_receiver(t);
            let ty = self.prog.types.add(Type::Func(sig));
            self.prog
                .info
                .method_vals
                .insert(e.id, MethodVal::IfaceExpr { iface: t, index });
            return self.value(ty);
        }
        let (base, is_ptr) = match self.prog.types.get(t).clone() {
            Type::Pointer(p) => (p, true),
            _ => (t, false),
        };
        if is_ptr && self.prog.types.is_interface(base) {
            self.error(
                e.pos,
                format!(
                    "{tname}.{sel} undefined (type {} is pointer to interface, not interface)",
                    self.tn(t)
                ),
            );
            return Operand::invalid();
        }
        let found = self
            .prog
            .methods
            .get(&base)
            .and_then(|l| l.iter().find(|(n, _, _)| n == sel).cloned());
        let Some((_, mid, ptr_recv)) = found else {
            return self.promoted_method_expr(e, t, sel, &undefined);
        };
        self.resolve(mid);
        self.prog.objs[mid as usize].used = true;
        self.note_ref(mid);
        if ptr_recv && !is_ptr {
            self.error(
                e.pos,
                format!("cannot call pointer method {sel} on {}", self.tn(t)),
            );
            return Operand::invalid();
        }
        let Type::Func(msig) = self.prog.types.get(self.prog.objs[mid as usize].ty).clone() else {
            return Operand::invalid();
        };
        let mut sig = msig.clone();
        sig.params[0] = t;
        let ty = self.prog.types.add(Type::Func(sig));
        self.prog.info.method_vals.insert(
            e.id,
            MethodVal::Expr {
                func: mid,
                ptr: is_ptr && !ptr_recv,
            },
        );
        self.value(ty)
    }

    /// `T.M` or `(*T).M` where M is promoted through embedded fields: M must be in the
    /// method set of the type as written.
    fn promoted_method_expr(
        &mut self,
        e: &Expr,
        t: TypeId,
        sel: &str,
        undefined: &dyn Fn(&mut Checker, &str) -> Operand,
    ) -> Operand {
        let Some(entry) = self.prog.method_set(t).into_iter().find(|m| m.name == sel) else {
            let pointer = self.prog.types.pointer(t);
            if self.prog.method_set(pointer).iter().any(|m| m.name == sel) {
                self.error(
                    e.pos,
                    format!("cannot call pointer method {sel} on {}", self.tn(t)),
                );
                return Operand::invalid();
            }
            return undefined(self, "field or method ");
        };
        if let crate::compile::check::lookup::MethodTarget::Concrete { func, .. } = entry.target {
            self.resolve(func);
            self.prog.objs[func as usize].used = true;
            self.note_ref(func);
        }
        let sig = entry.sig.with_receiver(t);
        let ty = self.prog.types.add(Type::Func(sig));
        self.prog.info.method_vals.insert(
            e.id,
            MethodVal::Promoted {
                recv: t,
                name: sel.to_string(),
            },
        );
        self.value(ty)
    }
}
