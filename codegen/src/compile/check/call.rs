//! Calls (Go spec, "Calls"; go/types call.go): what a call expression calls (function, method,
//! interface method, function value, conversion or builtin) and its arguments, variadic ones
//! included.

use super::exprstring::{expr_string, start_pos, strip_parens};
use super::operand::{Mode, Operand};
use super::{CallKind, Checker};
use crate::compile::ast::*;
use crate::compile::types::{Type, TypeId};

impl Checker {
    pub(super) fn call(&mut self, e: &Expr, func: &Expr, args: &[Expr]) -> Operand {
        let fo = self.expr_any(func);
        match fo.mode.clone() {
            Mode::Invalid => {
                for a in args {
                    self.expr_any(a);
                }
                Operand::invalid()
            }
            Mode::Type => {
                let mut op = self.conversion(e, fo.ty, args);
                // In an instance's body a conversion to a type parameter's argument is not
                // a constant, as in the generic body (Go spec, "Conversions").
                let to_targ = self
                    .prog
                    .info
                    .uses
                    .get(&strip_parens(func).id)
                    .is_some_and(|o| self.gen.targ_objs.contains(o));
                if to_targ && op.mode == Mode::Const {
                    op.mode = Mode::Value;
                    op.val = None;
                    self.prog.info.consts.remove(&e.id);
                }
                op
            }
            Mode::Generic(id, explicit) => self.generic_call(e, func, args, id, &explicit),
            Mode::Builtin(b) => {
                let r = self.builtin(e, b, args);
                // A builtin whose result is not constant counts as a call.
                if !matches!(r.mode, Mode::Invalid | Mode::Const) {
                    self.has_call = true;
                }
                r
            }
            Mode::Func(id) => {
                let Type::Func(sig) = self.prog.types.get(fo.ty).clone() else {
                    return Operand::invalid();
                };
                self.prog.info.calls.insert(e.id, CallKind::Func(id));
                self.has_call = true;
                self.call_args_v(e, func, args, &sig.params, sig.variadic);
                match sig.results.len() {
                    0 => Operand {
                        mode: Mode::NoValue,
                        ty: 0,
                        val: None,
                    },
                    1 => self.value(sig.results[0]),
                    _ => {
                        let t = self.prog.types.tuple(sig.results.clone());
                        self.value(t)
                    }
                }
            }
            Mode::Method(mid, addr, deref) => {
                let Type::Func(sig) = self.prog.types.get(fo.ty).clone() else {
                    return Operand::invalid();
                };
                self.prog.info.calls.insert(
                    e.id,
                    CallKind::Method {
                        func: mid,
                        addr,
                        deref,
                    },
                );
                self.has_call = true;
                self.call_args_v(e, func, args, &sig.params[1..], sig.variadic);
                self.results_operand(&sig.results)
            }
            Mode::IfaceMethod(index) => {
                let Type::Func(sig) = self.prog.types.get(fo.ty).clone() else {
                    return Operand::invalid();
                };
                self.prog
                    .info
                    .calls
                    .insert(e.id, CallKind::IfaceMethod { index });
                self.has_call = true;
                self.call_args_v(e, func, args, &sig.params, sig.variadic);
                self.results_operand(&sig.results)
            }
            _ => {
                let fo = self.single_value(func, fo);
                if fo.mode != Mode::Invalid && self.prog.types.is_func(fo.ty) {
                    let Type::Func(sig) = self.prog.types.get(self.prog.types.under(fo.ty)).clone()
                    else {
                        return Operand::invalid();
                    };
                    self.prog.info.calls.insert(e.id, CallKind::Indirect);
                    self.has_call = true;
                    self.call_args_v(e, func, args, &sig.params, sig.variadic);
                    return self.results_operand(&sig.results);
                }
                if fo.mode != Mode::Invalid {
                    self.error(
                        start_pos(e),
                        format!(
                            "invalid operation: cannot call non-function {}",
                            self.describe(func, &fo)
                        ),
                    );
                }
                Operand::invalid()
            }
        }
    }

    pub(super) fn results_operand(&mut self, results: &[TypeId]) -> Operand {
        match results.len() {
            0 => Operand {
                mode: Mode::NoValue,
                ty: 0,
                val: None,
            },
            1 => self.value(results[0]),
            _ => {
                let t = self.prog.types.tuple(results.to_vec());
                self.value(t)
            }
        }
    }

    /// Evaluates a call's arguments (a lone multi-value call spreads) and checks them
    /// against the parameters.
    pub(super) fn call_args_v(
        &mut self,
        call: &Expr,
        func: &Expr,
        args: &[Expr],
        params: &[TypeId],
        variadic: bool,
    ) {
        if args.is_empty() && params.is_empty() {
            // Nothing to check; `f()()()` would otherwise print its callee at every call, a
            // cost of the square of the chain's length.
            return;
        }
        let ops = self.expr_list_values(args);
        self.arguments(call, &expr_string(func), args, ops, params, variadic);
    }

    /// Checks evaluated arguments against parameters (types2 arguments): for a variadic
    /// function (the last parameter is ...T, of type []T) the arguments past the fixed
    /// parameters are each assigned to T, unless the call spreads a slice with `s...`.
    pub(super) fn arguments(
        &mut self,
        call: &Expr,
        fname: &str,
        args: &[Expr],
        ops: Vec<(&Expr, Operand)>,
        params: &[TypeId],
        variadic: bool,
    ) {
        if ops.iter().any(|(_, o)| o.mode == Mode::Invalid) {
            return;
        }
        let ellipsis = matches!(&call.kind, ExprKind::Call { ellipsis: true, .. });
        let nargs = ops.len();
        let mut npars = params.len();
        // f(g()) with several results: the conversions are per result, not per expression.
        let spread = args.len() == 1 && nargs > 1;
        let mut targets = params.to_vec();
        if variadic {
            if ellipsis {
                if spread {
                    self.error(
                        start_pos(call),
                        format!(
                            "cannot use ... with {nargs}-valued {}",
                            expr_string(&args[0])
                        ),
                    );
                    return;
                }
            } else if nargs + 1 >= npars {
                // The arguments past the fixed parameters are each assigned to T.
                let elem = self.prog.types.elem(params[npars - 1]).unwrap_or(0);
                targets.truncate(npars - 1);
                targets.resize(nargs, elem);
                npars = nargs;
            } else {
                npars -= 1;
            }
        } else if ellipsis {
            self.error(
                start_pos(call),
                format!("cannot use ... in call to non-variadic {fname}"),
            );
            return;
        }
        if nargs != npars {
            let (msg, at) = if nargs > npars {
                ("too many arguments", start_pos(ops[npars].0))
            } else if nargs > 0 {
                ("not enough arguments", start_pos(ops[nargs - 1].0))
            } else {
                ("not enough arguments", start_pos(call))
            };
            let have = self.have_list(&ops);
            let want = self.params_list(params, variadic);
            self.error(
                at,
                format!("{msg} in call to {fname}\n\thave {have}\n\twant {want}"),
            );
            return;
        }
        let froms: Vec<TypeId> = ops.iter().map(|(_, o)| o.ty).collect();
        let context = format!("argument to {fname}");
        for ((a, mut op), &t) in ops.into_iter().zip(&targets) {
            self.assign(a, &mut op, t, &context);
        }
        if spread {
            self.note_tuple_conversions(&args[0], &froms, &targets);
        }
    }

    /// A parameter list as Go's "want" lines print it: `(int, ...string)` for a variadic one.
    pub(super) fn params_list(&self, params: &[TypeId], variadic: bool) -> String {
        let parts: Vec<String> = params
            .iter()
            .enumerate()
            .map(|(i, &t)| match self.prog.types.elem(t) {
                Some(e) if variadic && i + 1 == params.len() => format!("...{}", self.tn(e)),
                _ => self.tn(t),
            })
            .collect();
        format!("({})", parts.join(", "))
    }

    /// Records the interface conversions of each result of a multi-value call or comma-ok
    /// form whose results go to several places (`f(g())`, `a, b = g()`), replacing the
    /// per-expression one.
    pub(super) fn note_tuple_conversions(
        &mut self,
        e: &Expr,
        froms: &[TypeId],
        targets: &[TypeId],
    ) {
        self.prog.info.converts.remove(&e.id);
        let convs: Vec<Option<(TypeId, TypeId)>> = froms
            .iter()
            .zip(targets)
            .map(|(&f, &t)| {
                (self.prog.types.is_interface(t) && !self.prog.types.identical(f, t))
                    .then_some((f, t))
            })
            .collect();
        if convs.iter().any(|c| c.is_some()) {
            self.prog.info.tuple_converts.insert(e.id, convs);
        }
    }
}
