//! Type inference (Go spec, "Type inference", as Go 1.19 has it; go/types infer.go,
//! unify.go): function argument type inference, typed arguments first and then untyped
//! constants by their default types, followed by constraint type inference from core types.

use super::super::operand::{Mode, Operand};
use crate::compile::ast::*;
use crate::compile::check::Checker;
use crate::compile::types::{Basic, Type, TypeId, TypeTerm};

impl Checker {
    /// Unifies x (which may mention the type parameters `params`) with y, binding the
    /// parameters in `bound` (types2 unifier.nify). Inexact: a defined type unifies with a
    /// type literal through its underlying type, as argument passing allows.
    pub(in crate::compile::check) fn unify(
        &mut self,
        x: TypeId,
        y: TypeId,
        params: &[TypeId],
        bound: &mut [TypeId],
        depth: u32,
    ) -> bool {
        if depth > 64 || x == 0 || y == 0 {
            return false;
        }
        if let Some(i) = params.iter().position(|&p| p == x) {
            if bound[i] == 0 {
                bound[i] = y;
                return true;
            }
            let b = bound[i];
            return self.prog.types.identical(b, y) || self.unify(b, y, params, bound, depth + 1);
        }
        if !self.mentions_params(x, params) {
            // Nothing to infer: the check of the arguments says whether they fit.
            return true;
        }
        let types = &self.prog.types;
        // An argument whose type is another function's type parameter unifies through its
        // core type.
        if types.is_type_param(y) && types.under(y) != y {
            let core = types.under(y);
            return self.unify(x, core, params, bound, depth + 1);
        }
        // Inexact unification: one side a defined type, the other a type literal.
        let (xn, yn) = (
            matches!(types.get(x), Type::Named { .. }),
            matches!(types.get(y), Type::Named { .. }),
        );
        if xn != yn {
            let (x, y) = if xn {
                (types.under(x), y)
            } else {
                (x, types.under(y))
            };
            return self.unify(x, y, params, bound, depth + 1);
        }
        match (types.get(x).clone(), types.get(y).clone()) {
            (Type::Pointer(a), Type::Pointer(b)) | (Type::Slice(a), Type::Slice(b)) => {
                self.unify(a, b, params, bound, depth + 1)
            }
            // types2 unify.go: directions are ignored (inexact unification), assignability
            // checks them afterwards.
            (Type::Chan(_, a), Type::Chan(_, b)) => self.unify(a, b, params, bound, depth + 1),
            (Type::Array(n, a), Type::Array(m, b)) => {
                n == m && self.unify(a, b, params, bound, depth + 1)
            }
            (Type::Map(k1, v1), Type::Map(k2, v2)) => {
                self.unify(k1, k2, params, bound, depth + 1)
                    && self.unify(v1, v2, params, bound, depth + 1)
            }
            (Type::Func(f), Type::Func(g)) => {
                f.params.len() == g.params.len()
                    && f.results.len() == g.results.len()
                    && f.variadic == g.variadic
                    && f.params
                        .iter()
                        .zip(&g.params)
                        .chain(f.results.iter().zip(&g.results))
                        .all(|(&a, &b)| self.unify(a, b, params, bound, depth + 1))
            }
            (Type::Struct(f), Type::Struct(g)) => {
                f.len() == g.len()
                    && f.iter().zip(&g).all(|(a, b)| {
                        a.name == b.name
                            && a.embedded == b.embedded
                            && self.unify(a.ty, b.ty, params, bound, depth + 1)
                    })
            }
            (Type::Named { .. }, Type::Named { .. }) => {
                let (Some((g1, a1)), Some((g2, a2))) = (
                    types.instances.get(&x).cloned(),
                    types.instances.get(&y).cloned(),
                ) else {
                    // A generic type inside its own declaration is its own instance.
                    return self.unify_generic_self(x, y, params, bound, depth);
                };
                g1 == g2
                    && a1.len() == a2.len()
                    && a1
                        .iter()
                        .zip(&a2)
                        .all(|(&a, &b)| self.unify(a, b, params, bound, depth + 1))
            }
            (Type::Interface(m1), Type::Interface(m2)) => {
                m1.len() == m2.len()
                    && m1.iter().zip(&m2).all(|(a, b)| {
                        a.name == b.name
                            && a.sig.params.len() == b.sig.params.len()
                            && a.sig.results.len() == b.sig.results.len()
                            && a.sig
                                .params
                                .iter()
                                .zip(&b.sig.params)
                                .chain(a.sig.results.iter().zip(&b.sig.results))
                                .all(|(&p, &q)| self.unify(p, q, params, bound, depth + 1))
                    })
            }
            _ => false,
        }
    }

    /// `List[T]` written inside List's own declaration is the generic type List itself; it
    /// unifies with an instance `List[int]` argument by argument.
    fn unify_generic_self(
        &mut self,
        x: TypeId,
        y: TypeId,
        params: &[TypeId],
        bound: &mut [TypeId],
        depth: u32,
    ) -> bool {
        let Some(tps) = self.gen.type_tparams.get(&x).cloned() else {
            return x == y;
        };
        match self.prog.types.instances.get(&y).cloned() {
            Some((g, args)) if g == x => tps
                .types
                .iter()
                .zip(&args)
                .all(|(&a, &b)| self.unify(a, b, params, bound, depth + 1)),
            _ => x == y,
        }
    }

    /// Whether type t mentions one of the type parameters `params`.
    fn mentions_params(&self, t: TypeId, params: &[TypeId]) -> bool {
        self.mentions(t, &|_, p| params.contains(&p), 0)
            || self
                .gen
                .type_tparams
                .get(&t)
                .is_some_and(|tps| tps.types.iter().any(|p| params.contains(p)))
    }

    /// Infers the type arguments of a call of generic function `f` whose first type
    /// arguments are `explicit` (types2 infer): None after reporting `cannot infer T`, or a
    /// mismatch between an argument and its parameter.
    pub(in crate::compile::check) fn infer(
        &mut self,
        f: ObjId,
        explicit: &[TypeId],
        args: &[(&Expr, Operand)],
        call: &Expr,
    ) -> Option<Vec<TypeId>> {
        let tps = self.gen.func_tparams.get(&f)?.clone();
        let params = tps.types.clone();
        let mut bound = vec![0; params.len()];
        bound[..explicit.len()].copy_from_slice(explicit);
        let Type::Func(sig) = self.prog.types.get(self.prog.objs[f as usize].ty).clone() else {
            return None;
        };
        let spread = matches!(call.kind, ExprKind::Call { ellipsis: true, .. });
        // The parameter each argument is passed to: past the fixed parameters an argument
        // is an element of the `...T` slice, unless the call spreads a slice into it.
        let types = &self.prog.types;
        let param_of = |i: usize| -> Option<TypeId> {
            if sig.variadic && i + 1 >= sig.params.len() {
                let last = *sig.params.last()?;
                return Some(match types.get(last) {
                    Type::Slice(e) if !spread => *e,
                    _ => last,
                });
            }
            sig.params.get(i).copied()
        };
        let param_of: Vec<Option<TypeId>> = (0..args.len()).map(param_of).collect();
        // Typed arguments first.
        for (i, (a, op)) in args.iter().enumerate() {
            let Some(pt) = param_of[i] else { break };
            if op.mode == Mode::Invalid || self.is_untyped_operand(op) {
                continue;
            }
            if !self.unify(pt, op.ty, &params, &mut bound, 0) {
                let pn = self.tn(pt);
                let inferred = self.subst_partial(pt, &params, &bound);
                let shown = if inferred == pt {
                    pn
                } else {
                    self.tn(inferred)
                };
                let desc = self.describe(a, op);
                self.error(
                    a.pos,
                    format!(
                        "type {} of {} does not match {}",
                        self.tn(op.ty),
                        crate::compile::check::expr_string(a),
                        if shown == self.tn(pt) {
                            shown
                        } else {
                            format!("inferred type {shown} for {}", self.tn(pt))
                        }
                    ),
                );
                let _ = desc;
                return None;
            }
        }
        // Go 1.19's order: constraint type inference, then untyped constants by their
        // default types, then constraint type inference again.
        self.constraint_inference(&params, &mut bound);
        // Then untyped constants whose parameter is a bare type parameter not yet known: the
        // constant's default type (Go 1.19 takes the first such argument).
        // A later untyped argument for the same parameter must have the same default type.
        let mut by_default = vec![false; params.len()];
        for (i, (a, op)) in args.iter().enumerate() {
            let Some(pt) = param_of[i] else { break };
            if op.mode == Mode::Invalid || !self.is_untyped_operand(op) {
                continue;
            }
            if let Some(k) = params.iter().position(|&p| p == pt) {
                let d = self.default_type_of(op.ty);
                if self.prog.types.basic_of(d) == Some(Basic::UntypedNil) {
                    continue;
                }
                if bound[k] == 0 {
                    bound[k] = d;
                    by_default[k] = true;
                } else if by_default[k] && !self.prog.types.identical(bound[k], d) {
                    self.error(
                        a.pos,
                        format!(
                            "default type {} of {} does not match inferred type {} for {}",
                            self.tn(d),
                            crate::compile::check::expr_string(a),
                            self.tn(bound[k]),
                            tps.names[k]
                        ),
                    );
                    return None;
                }
            }
        }
        self.constraint_inference(&params, &mut bound);
        if let Some(k) = bound.iter().position(|&b| b == 0) {
            let name = tps.names[k].clone();
            let pos = self.prog.objs[tps.objs[k] as usize].pos;
            let at = self.pos_string(pos);
            self.error(call.pos, format!("cannot infer {name} ({at})"));
            return None;
        }
        // Bindings may mention other parameters (`S ~[]E`): substitute until none remain.
        // Not in a call of f from its own body: there the parameters a binding mentions are
        // the caller's (`f([]T{x})` binds T to the caller's []T).
        let recursive = self.cur_decl.last() == Some(&f);
        for _ in 0..if recursive { 0 } else { params.len() } {
            let snapshot = bound.clone();
            for b in bound.iter_mut() {
                *b = self.subst(*b, &params, &snapshot);
            }
        }
        Some(bound)
    }

    /// Constraint type inference (Go 1.19): a parameter whose constraint has a core type
    /// unifies with it, which may bind the parameters that core type mentions; a parameter
    /// still unknown whose constraint is a single type takes it.
    fn constraint_inference(&mut self, params: &[TypeId], bound: &mut [TypeId]) {
        let params = params.to_vec();
        for _ in 0..params.len() + 1 {
            let mut progress = false;
            for (k, &tp) in params.iter().enumerate() {
                let Some((core, tilde, single)) = self.core_term(tp) else {
                    continue;
                };
                if bound[k] != 0 {
                    let before = bound.iter().filter(|&&b| b != 0).count();
                    let under = self.prog.types.under(bound[k]);
                    let target = if tilde { under } else { bound[k] };
                    self.unify(core, target, &params, bound, 0);
                    progress |= bound.iter().filter(|&&b| b != 0).count() > before;
                } else if single && !tilde {
                    let t = self.subst_partial(core, &params, bound);
                    if !self.mentions_params(t, &params) {
                        bound[k] = t;
                        progress = true;
                    }
                }
            }
            if !progress {
                break;
            }
        }
    }

    /// t with the parameters bound so far substituted.
    fn subst_partial(&mut self, t: TypeId, params: &[TypeId], bound: &[TypeId]) -> TypeId {
        let (ps, args): (Vec<TypeId>, Vec<TypeId>) = params
            .iter()
            .zip(bound)
            .filter(|(_, &b)| b != 0)
            .map(|(&p, &b)| (p, b))
            .unzip();
        self.subst(t, &ps, &args)
    }

    /// A type parameter's core term (types2 infer.go coreTerm, Go 1.19): (type, tilde,
    /// true) when its constraint has a single term; else, when every term has the same
    /// underlying type (`map[K]V | map[rune]V` with K = rune), that core type, with a tilde
    /// if any term has one, and false.
    fn core_term(&self, tp: TypeId) -> Option<(TypeId, bool, bool)> {
        let types = &self.prog.types;
        // A type set's terms are normalized (types2 termlist norm): the same term twice is
        // one term.
        let mut terms: Vec<TypeTerm> = Vec::new();
        for t in types.terms_of(tp)? {
            if !terms
                .iter()
                .any(|x| x.tilde == t.tilde && types.identical(x.ty, t.ty))
            {
                terms.push(t);
            }
        }
        match terms.as_slice() {
            [] => None,
            [t] => Some((t.ty, t.tilde, true)),
            [first, rest @ ..] => {
                let core = types.under(first.ty);
                rest.iter()
                    .all(|t| types.identical(types.under(t.ty), core))
                    .then(|| (core, terms.iter().any(|t| t.tilde), false))
            }
        }
    }

    fn is_untyped_operand(&self, op: &Operand) -> bool {
        self.prog
            .types
            .basic_of(op.ty)
            .is_some_and(|b| b.is_untyped())
    }
}

use crate::compile::check::ObjId;
