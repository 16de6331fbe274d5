//! Assignability and assignments (Go spec, "Assignability", "Assignment statements"; go/types
//! assignments.go, operand.go assignableTo): a value assigned to a type, var and := declarations,
//! assignment statements and their count mismatches.

use super::exprstring::{expr_string, start_pos, strip_parens};
use super::operand::{Mode, Operand};
use super::{is_blank, Checker, ObjKind, VarKind};
use crate::compile::ast::*;
use crate::compile::types::{Basic, ChanDir, Type, TypeId};

impl Checker {
    pub(super) fn type_list(&self, ts: &[TypeId]) -> String {
        let parts: Vec<String> = ts.iter().map(|t| self.tn(*t)).collect();
        format!("({})", parts.join(", "))
    }

    /// Go's `have (...)` list: untyped constants show as "number" (or their kind).
    pub(super) fn have_list(&self, ops: &[(&Expr, Operand)]) -> String {
        let parts: Vec<String> = ops
            .iter()
            .map(|(_, o)| match self.prog.types.get(o.ty) {
                Type::Basic(Basic::UntypedInt | Basic::UntypedRune | Basic::UntypedFloat) => {
                    "number".to_string()
                }
                Type::Basic(Basic::UntypedString) => "string".to_string(),
                Type::Basic(Basic::UntypedBool) => "bool".to_string(),
                Type::Basic(Basic::UntypedNil) => "nil".to_string(),
                _ => self.tn(o.ty),
            })
            .collect();
        format!("({})", parts.join(", "))
    }

    /// Evaluates an expression list, spreading a single multi-value call.
    pub(super) fn expr_list_values<'e>(&mut self, values: &'e [Expr]) -> Vec<(&'e Expr, Operand)> {
        self.expr_list_values_n(values, 0)
    }

    /// As expr_list_values; with `want == 2`, a lone type assertion yields (value, ok)
    /// (Go spec, "Type assertions": the comma-ok form in assignments and initialisations).
    pub(super) fn expr_list_values_n<'e>(
        &mut self,
        values: &'e [Expr],
        want: usize,
    ) -> Vec<(&'e Expr, Operand)> {
        if values.len() == 1
            && want == 2
            && matches!(
                strip_parens(&values[0]).kind,
                ExprKind::TypeAssert(_, Some(_))
            )
        {
            let op = self.expr(&values[0]);
            if op.mode == Mode::Invalid {
                return vec![(&values[0], op)];
            }
            self.prog.info.comma_ok.insert(strip_parens(&values[0]).id);
            // ok is typed bool here: the expression's recorded type must stay T.
            let b = self.basic(Basic::Bool);
            return vec![(&values[0], op), (&values[0], self.value(b))];
        }
        if let Some(ops) = self.map_comma_ok(values, want) {
            return ops;
        }
        if let Some(ops) = self.recv_comma_ok(values, want) {
            return ops;
        }
        if values.len() == 1 {
            let op = self.expr_any(&values[0]);
            if let Type::Tuple(ts) = self.prog.types.get(op.ty).clone() {
                if op.mode == Mode::Value {
                    return ts
                        .iter()
                        .map(|t| {
                            (
                                &values[0],
                                Operand {
                                    mode: Mode::Value,
                                    ty: *t,
                                    val: None,
                                },
                            )
                        })
                        .collect();
                }
            }
            let op = self.single_value(&values[0], op);
            return vec![(&values[0], op)];
        }
        values.iter().map(|e| (e, self.expr(e))).collect()
    }

    pub(super) fn local_var(&mut self, vs: &VarSpec) {
        let declared = vs.ty.as_ref().map(|t| self.resolve_type(t));
        let mut types = vec![declared.unwrap_or(0); vs.names.len()];
        // A variable whose initialisation failed counts as used, so that the error is not
        // followed by "declared but not used" (types2 assignments.go initVar, initVars).
        let mut failed = vec![false; vs.names.len()];
        let counted = !vs.values.is_empty() && self.arity(&vs.names, &vs.values, false, false);
        if !vs.values.is_empty() {
            let ops = self.expr_list_values_n(&vs.values, vs.names.len());
            if ops.len() != vs.names.len() {
                if !counted && !ops.iter().any(|(_, o)| o.mode == Mode::Invalid) {
                    self.assign_mismatch(vs.names.len(), &vs.values, ops.len());
                }
                failed = vec![true; vs.names.len()];
            } else {
                let froms: Vec<TypeId> = ops.iter().map(|(_, o)| o.ty).collect();
                for (i, (e, mut op)) in ops.into_iter().enumerate() {
                    if op.mode == Mode::Invalid {
                        failed[i] = true;
                        continue;
                    }
                    match declared {
                        Some(t) => {
                            failed[i] = !self.assign(e, &mut op, t, "variable declaration");
                        }
                        None => types[i] = self.default_type(e, &mut op, "variable declaration"),
                    }
                }
                if let Some(t) = declared {
                    self.note_spread(&vs.values, &froms, &vec![t; froms.len()]);
                }
            }
        }
        for (i, (n, p)) in vs.names.iter().enumerate() {
            let o = self.new_local(n, *p, types[i]);
            if failed[i] {
                self.prog.objs[o as usize].used = true;
            }
            if n != "_" {
                self.declare_local(n, o, *p);
            }
        }
    }

    /// `a, b = g()` (or `var a, b T = g()`, `a, b := g()` with a declared `a`): each result
    /// that goes to an interface converts on its own, recorded for the whole call as for the
    /// arguments of `f(g())`. Without this the call's tuple was converted as one value.
    /// Call it after the per-result assignments, whose conversion of the call it replaces.
    fn note_spread(&mut self, values: &[Expr], froms: &[TypeId], targets: &[TypeId]) {
        let [e] = values else { return };
        let tuple = self.prog.info.types.get(&e.id).copied();
        let tuple = tuple.is_some_and(|t| matches!(self.prog.types.get(t), Type::Tuple(_)));
        // A comma-ok form (`v, ok = x.(T)`) gives a pair of values too.
        let comma_ok = self.prog.info.comma_ok.contains(&strip_parens(e).id);
        if froms.len() < 2 || !(tuple || comma_ok) {
            return;
        }
        self.note_tuple_conversions(e, froms, targets);
    }

    pub(super) fn assign_mismatch(&mut self, nvars: usize, values: &[Expr], nvals: usize) {
        let vars = format!("{} variable{}", nvars, if nvars == 1 { "" } else { "s" });
        let at = start_pos(&values[0]);
        if values.len() == 1 {
            if let ExprKind::Call { func, .. } = &strip_parens(&values[0]).kind {
                self.error(
                    at,
                    format!(
                        "assignment mismatch: {vars} but {} returns {} value{}",
                        expr_string(func),
                        nvals,
                        if nvals == 1 { "" } else { "s" }
                    ),
                );
                return;
            }
        }
        self.error(
            at,
            format!(
                "assignment mismatch: {vars} but {} value{}",
                nvals,
                if nvals == 1 { "" } else { "s" }
            ),
        );
    }

    pub(super) fn short_var(&mut self, pos: Pos, names: &[(String, Pos)], values: &[Expr]) {
        let ops = self.expr_list_values_n(values, names.len());
        let mismatch = ops.len() != names.len();
        if mismatch && !ops.iter().any(|(_, o)| o.mode == Mode::Invalid) {
            self.assign_mismatch(names.len(), values, ops.len());
        }
        let mut any_new = false;
        let mut new_objs = Vec::new();
        let froms: Vec<TypeId> = ops.iter().map(|(_, o)| o.ty).collect();
        let mut targets = froms.clone();
        for (i, (n, p)) in names.iter().enumerate() {
            let existing = if n == "_" {
                None
            } else {
                self.scopes.innermost(n)
            };
            let op = if mismatch { None } else { ops.get(i).cloned() };
            targets.push(existing.map_or(0, |id| self.prog.objs[id as usize].ty));
            match existing {
                Some(id) => {
                    self.prog.info.defs.insert(*p, id);
                    if let Some((e, mut op)) = op {
                        let t = self.prog.objs[id as usize].ty;
                        targets[i] = t;
                        if op.mode != Mode::Invalid {
                            self.assign(e, &mut op, t, "assignment");
                        }
                    }
                }
                None => {
                    if n != "_" {
                        any_new = true;
                    }
                    let bad = !matches!(&op, Some((_, o)) if o.mode != Mode::Invalid);
                    let ty = match op {
                        Some((e, mut op)) if op.mode != Mode::Invalid => {
                            self.default_type(e, &mut op, "assignment")
                        }
                        _ => 0,
                    };
                    let o = self.new_local(n, *p, ty);
                    if bad {
                        self.prog.objs[o as usize].used = true;
                    }
                    new_objs.push((n.clone(), o, *p));
                }
            }
        }
        if !mismatch {
            self.note_spread(values, &froms, &targets);
        }
        if !any_new {
            self.error(pos_of_op(names, pos), "no new variables on left side of :=");
        }
        for (n, o, p) in new_objs {
            if n != "_" {
                self.declare_local(&n, o, p);
            }
        }
    }

    pub(super) fn assign_stmt(&mut self, lhs: &[Expr], rhs: &[Expr]) {
        let ops = self.expr_list_values_n(rhs, lhs.len());
        let lhs_ops: Vec<Operand> = lhs.iter().map(|e| self.expr_lhs(e)).collect();
        // When any assignment fails, types2 marks every assigned variable used, to avoid
        // follow-on "declared but not used" errors (assignments.go assignVars).
        let mut ok = ops.len() == lhs.len();
        if !ok {
            if !ops.iter().any(|(_, o)| o.mode == Mode::Invalid) {
                self.assign_mismatch(lhs.len(), rhs, ops.len());
            }
        } else {
            let froms: Vec<TypeId> = ops.iter().map(|(_, o)| o.ty).collect();
            let targets: Vec<TypeId> = froms
                .iter()
                .zip(&lhs_ops)
                .zip(lhs)
                .map(|((&f, l), e)| if is_blank(e) { f } else { l.ty })
                .collect();
            for (i, (e, mut op)) in ops.into_iter().enumerate() {
                let l = &lhs_ops[i];
                let done = if op.mode == Mode::Invalid {
                    false
                } else if is_blank(&lhs[i]) {
                    self.default_type(e, &mut op, "assignment to _ identifier") != 0
                } else if l.mode == Mode::Invalid || !self.check_assignable_lhs(&lhs[i], l) {
                    false
                } else {
                    self.assign(e, &mut op, l.ty, "assignment")
                };
                ok &= done;
            }
            self.note_spread(rhs, &froms, &targets);
        }
        if !ok {
            for l in lhs {
                if let Some(&o) = self.prog.info.uses.get(&strip_parens(l).id) {
                    self.prog.objs[o as usize].used = true;
                }
            }
        }
    }

    /// Checks a left-hand side without counting a plain name as a use (Go's "declared but not
    /// used" ignores assignments).
    pub(super) fn expr_lhs(&mut self, e: &Expr) -> Operand {
        if is_blank(e) {
            let ty = self.basic(Basic::Invalid);
            return Operand {
                mode: Mode::Var,
                ty,
                val: None,
            };
        }
        if let ExprKind::Ident(n) = &e.kind {
            if let Some(id) = self.lookup(n) {
                if matches!(
                    self.prog.objs[id as usize].kind,
                    ObjKind::Var(VarKind::Local)
                ) {
                    let used = self.prog.objs[id as usize].used;
                    let op = self.expr(e);
                    self.prog.objs[id as usize].used = used;
                    return op;
                }
            }
        }
        self.expr(e)
    }

    pub(super) fn check_assignable_lhs(&mut self, e: &Expr, op: &Operand) -> bool {
        if matches!(op.mode, Mode::Var | Mode::MapIndex) {
            return true;
        }
        // types2 assignment.go lhsVar: a field of a map element has its own message.
        if let ExprKind::Selector(x, ..) = &strip_parens(e).kind {
            if let ExprKind::Index(m, _) = &strip_parens(x).kind {
                let mt = self.prog.info.types.get(&m.id).copied().unwrap_or(0);
                if self.prog.types.is_map(mt) {
                    self.error(
                        start_pos(e),
                        format!("cannot assign to struct field {} in map", expr_string(e)),
                    );
                    return false;
                }
            }
        }
        self.error(
            start_pos(e),
            format!("cannot assign to {}", self.describe(e, op)),
        );
        false
    }

    /// Checks that `op` can be assigned to type `t` and converts untyped operands (Go spec,
    /// "Assignability"). Reports Go's message and returns false otherwise.
    pub(super) fn assign(&mut self, e: &Expr, op: &mut Operand, t: TypeId, context: &str) -> bool {
        if op.mode == Mode::Invalid || t == 0 {
            return false;
        }
        // An untyped constant assigned to an interface takes its default type first.
        if self.prog.types.is_interface(t)
            && self.prog.types.is_untyped(op.ty)
            && op.ty != self.basic(Basic::UntypedNil)
            && self.default_type(e, op, context) == 0
        {
            return false;
        }
        let types = &self.prog.types;
        if types.is_untyped(op.ty) {
            // A type parameter takes the operand when each type in its set does (the first
            // that does not says why); the result is a value of type T, not a constant.
            let verdict = if types.is_type_param(t) {
                match types.terms_of(t) {
                    Some(terms) if !terms.is_empty() => terms
                        .iter()
                        .find_map(|term| self.untyped_assign_verdict(op, term.ty)),
                    _ if op.ty == self.basic(Basic::UntypedNil) && types.is_nillable(t) => None,
                    _ => Some(""),
                }
            } else {
                self.untyped_assign_verdict(op, t)
            };
            if let Some(how) = verdict {
                self.error(
                    start_pos(e),
                    format!(
                        "cannot use {} as {} value in {}{}",
                        self.describe(e, op),
                        self.tn(t),
                        context,
                        how
                    ),
                );
                return false;
            }
            if self.prog.types.is_type_param(t) {
                op.mode = Mode::Value;
                op.val = None;
                self.prog.info.consts.remove(&e.id);
                op.ty = t;
                self.set_type(e, t);
                return true;
            }
            self.convert_untyped(e, op, t);
            return true;
        }
        if self.assignable(op.ty, t) {
            self.note_conversion(e, op.ty, t);
            return true;
        }
        let types = &self.prog.types;
        let (from_iface, to_iface) = (types.is_interface(op.ty), types.is_interface(t));
        let why = if from_iface && !to_iface && self.implements(t, op.ty).is_ok() {
            // Go's types2 (operand.go assignableTo): t implements the interface, so the
            // value only lacks a type assertion.
            ":\n\tneed type assertion".to_string()
        } else {
            match self.implements(op.ty, t) {
                Err(why) if to_iface => format!(":\n\t{why}"),
                _ => String::new(),
            }
        };
        // Go 1.19: "as T value" for untyped constants, "as type T" for typed values.
        self.error(
            start_pos(e),
            format!(
                "cannot use {} as type {} in {}{}",
                self.describe(e, op),
                self.tn(t),
                context,
                why
            ),
        );
        false
    }

    /// Why an untyped operand cannot be assigned to type t (not a type parameter): Some("")
    /// when its kind does not fit, Some(" (truncated)") or Some(" (overflows)") when its
    /// value does not (types2 representation); None when it can.
    fn untyped_assign_verdict(&self, op: &Operand, t: TypeId) -> Option<&'static str> {
        let types = &self.prog.types;
        let target_ok = if op.ty == self.basic(Basic::UntypedNil) {
            types.is_nillable(t)
        } else {
            self.untyped_kind_fits(op.ty, t)
        };
        if !target_ok {
            return Some("");
        }
        match &op.val {
            Some(v) if !types.representable(v, t) => {
                // A float constant meeting an integer type is truncated, anything else out
                // of range overflows.
                if !types.is_integer(op.ty) && types.is_integer(t) {
                    Some(" (truncated)")
                } else {
                    Some(" (overflows)")
                }
            }
            _ => None,
        }
    }

    pub(super) fn assignable(&mut self, v: TypeId, t: TypeId) -> bool {
        if self.prog.types.identical(v, t) {
            return true;
        }
        if self.prog.types.is_interface(t)
            && !self.prog.types.is_untyped(v)
            && self.implements(v, t).is_ok()
        {
            return true;
        }
        let types = &self.prog.types;
        // Identical underlying types and at least one of them not a named type; or a
        // bidirectional channel and a channel type of the same element, one of them not
        // named (Go spec, "Assignability").
        let chans = match (types.chan_types(v), types.chan_types(t)) {
            (Some((ChanDir::Both, ve)), Some((_, te))) => {
                !types.is_type_param(v) && !types.is_type_param(t) && types.identical(ve, te)
            }
            _ => false,
        };
        (!types.is_named(v) || !types.is_named(t))
            && (chans || types.identical(types.under(v), types.under(t)))
    }
}

pub(super) fn pos_of_op(names: &[(String, Pos)], fallback: Pos) -> Pos {
    // Go reports "no new variables" at the := operator; the statement position is the first name.
    let _ = names;
    fallback
}
