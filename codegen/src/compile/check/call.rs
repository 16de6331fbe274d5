//! Calls (Go spec, "Calls"; go/types call.go): what a call expression calls (function, method,
//! interface method, function value, conversion or builtin) and its arguments, variadic ones
//! included.

use super::exprstring::{expr_string, start_pos};
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
            Mode::Type => self.conversion(e, fo.ty, args),
            Mode::Builtin(b) => self.builtin(e, b, args),
            Mode::Func(id) => {
                let Type::Func(sig) = self.prog.types.get(fo.ty).clone() else {
                    return Operand::invalid();
                };
                self.prog.info.calls.insert(e.id, CallKind::Func(id));
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

    /// Argument checking; for a variadic function (the last parameter is ...T, of type []T)
    /// extra arguments are each assigned to T, unless the call spreads a slice with `s...`.
    pub(super) fn call_args_v(
        &mut self,
        call: &Expr,
        func: &Expr,
        args: &[Expr],
        params: &[TypeId],
        variadic: bool,
    ) {
        let ellipsis = matches!(&call.kind, ExprKind::Call { ellipsis: true, .. });
        let ops = if args.is_empty() {
            Vec::new()
        } else {
            self.expr_list_values(args)
        };
        if ops.iter().any(|(_, o)| o.mode == Mode::Invalid) {
            return;
        }
        // f(g()) with several results: the conversions are per result, not per expression.
        let spread = args.len() == 1 && ops.len() > 1;
        let targets: Vec<TypeId> = if variadic && !ellipsis && ops.len() + 1 >= params.len() {
            // The arguments past the fixed parameters are each assigned to T.
            let n = params.len() - 1;
            let elem = self.prog.types.elem(params[n]).unwrap_or(0);
            (0..ops.len())
                .map(|i| if i < n { params[i] } else { elem })
                .collect()
        } else {
            if ellipsis && !variadic {
                self.error(
                    call.pos,
                    format!(
                        "cannot use ... in call to non-variadic function {}",
                        expr_string(func)
                    ),
                );
                return;
            }
            if ops.len() != params.len() {
                self.argument_count_error(call, func, args, &ops, params);
                return;
            }
            params.to_vec()
        };
        if ops.is_empty() {
            // Nothing to assign; `f()()()` would otherwise print its callee at every call.
            return;
        }
        let froms: Vec<TypeId> = ops.iter().map(|(_, o)| o.ty).collect();
        let context = format!("argument to {}", expr_string(func));
        for ((a, mut op), &t) in ops.into_iter().zip(&targets) {
            self.assign(a, &mut op, t, &context);
        }
        if spread {
            self.note_tuple_conversions(&args[0], &froms, &targets);
        }
    }

    /// "not enough arguments" or "too many arguments in call to f", with Go's have/want
    /// lists, at the position types2 reports it.
    pub(super) fn argument_count_error(
        &mut self,
        call: &Expr,
        func: &Expr,
        args: &[Expr],
        ops: &[(&Expr, Operand)],
        params: &[TypeId],
    ) {
        let have = self.have_list(ops);
        let (msg, at) = if ops.len() < params.len() {
            let at = match args.last() {
                Some(a) => start_pos(a),
                None => start_pos(call),
            };
            ("not enough arguments", at)
        } else {
            let at = if args.len() == 1 {
                start_pos(&args[0])
            } else {
                start_pos(&args[params.len()])
            };
            ("too many arguments", at)
        };
        self.error(
            at,
            format!(
                "{msg} in call to {}\n\thave {have}\n\twant {}",
                expr_string(func),
                self.type_list(params)
            ),
        );
    }

    /// Records the interface conversions of each result of a multi-value call used as the
    /// argument list of another call (`f(g())`), replacing the per-expression one.
    pub(super) fn note_tuple_conversions(
        &mut self,
        e: &Expr,
        froms: &[TypeId],
        targets: &[TypeId],
    ) {
        self.prog.info.converts.remove(&e.id);
        let convs: Vec<Option<TypeId>> = froms
            .iter()
            .zip(targets)
            .map(|(f, t)| {
                (self.prog.types.is_interface(*t) && !self.prog.types.identical(*f, *t))
                    .then_some(*t)
            })
            .collect();
        if convs.iter().any(|c| c.is_some()) {
            self.prog.info.tuple_converts.insert(e.id, convs);
        }
    }
}
