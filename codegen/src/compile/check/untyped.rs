//! Untyped operands and constant values (Go spec, "Constants", "Constant expressions"; go/types
//! const.go and expr.go updateExprType, implicitTypeAndValue): default types, the implicit
//! conversion of an untyped operand to the type its context gives it, representability, and the
//! rounding of constants to their type.

use std::fmt::Display;

use super::exprstring::{expr_string, start_pos};
use super::operand::{Mode, Operand};
use super::Checker;
use crate::compile::ast::*;
use crate::compile::types::{Basic, Const, Type, TypeId};

impl Checker {
    /// Gives an untyped operand its final type and records it for the lowering.
    pub(super) fn convert_untyped(&mut self, e: &Expr, op: &mut Operand, t: TypeId) {
        if !self.prog.types.is_untyped(op.ty) {
            return;
        }
        op.ty = t;
        if let Some(v) = &op.val {
            let v = self.round_const(v, t);
            self.prog.info.consts.insert(e.id, v.clone());
            op.val = Some(v);
        }
        self.set_type(e, t);
    }

    /// A constant's value as type t holds it: floats rounded to float32/float64, integral
    /// float constants as integers for integer types (go/types roundFloat32/64).
    pub(super) fn round_const(&self, v: &Const, t: TypeId) -> Const {
        match (self.prog.types.basic_of(t), v) {
            (Some(Basic::Float64), Const::Int(_) | Const::Big(_) | Const::Float(_)) => {
                float_const(v.to_f64())
            }
            (Some(Basic::Float32), Const::Int(_) | Const::Big(_) | Const::Float(_)) => {
                float_const(v.to_f64() as f32 as f64)
            }
            (Some(b), Const::Float(_)) if b.int_info().is_some() => match v.to_int() {
                Some(i) => Const::Int(i),
                None => v.clone(),
            },
            _ => v.clone(),
        }
    }

    pub(super) fn set_type(&mut self, e: &Expr, t: TypeId) {
        self.prog.info.types.insert(e.id, t);
        if self.prog.info.consts.contains_key(&e.id) {
            return;
        }
        // A non-constant untyped expression: pass the type down to untyped operands.
        match &e.kind {
            ExprKind::Paren(x) | ExprKind::Unary(_, x) if self.is_untyped_expr(x) => {
                self.set_type(x, t)
            }
            ExprKind::Binary(op, x, y) => {
                if op.is_comparison() {
                    return;
                }
                if op.is_shift() && t != 0 && !self.prog.types.is_integer(t) {
                    // 1 << s takes its type from the context, which must be an integer
                    // type (Go spec, "Operators"; types2 reports the shift's type).
                    let msg = format!(
                        "invalid operation: {} (shift of type {})",
                        expr_string(e),
                        self.tn(t)
                    );
                    self.error(start_pos(e), msg);
                    return;
                }
                if self.is_untyped_expr(x) {
                    self.set_type(x, t);
                }
                if !op.is_shift() && self.is_untyped_expr(y) {
                    self.set_type(y, t);
                }
            }
            _ => {}
        }
    }

    pub(super) fn is_untyped_expr(&self, e: &Expr) -> bool {
        self.prog
            .info
            .types
            .get(&e.id)
            .is_some_and(|t| self.prog.types.is_untyped(*t))
    }

    /// Converts an untyped operand to its default type (Go spec, "Constants"): used where no
    /// type is given (`x := 1`). Returns the final type.
    pub(super) fn default_type(&mut self, e: &Expr, op: &mut Operand, context: &str) -> TypeId {
        if op.mode == Mode::Invalid {
            return 0;
        }
        let t = match self.prog.types.get(op.ty) {
            Type::Basic(Basic::UntypedBool) => self.basic(Basic::Bool),
            Type::Basic(Basic::UntypedInt) => self.basic(Basic::Int),
            Type::Basic(Basic::UntypedRune) => self.basic(Basic::Rune),
            Type::Basic(Basic::UntypedString) => self.basic(Basic::String),
            Type::Basic(Basic::UntypedFloat) => self.basic(Basic::Float64),
            Type::Basic(Basic::UntypedNil) => {
                self.error(start_pos(e), format!("use of untyped nil in {context}"));
                return 0;
            }
            _ => return op.ty,
        };
        if let Some(v) = &op.val {
            if !self.prog.types.representable(v, t) {
                self.error(
                    start_pos(e),
                    format!(
                        "cannot use {} as {} value in {} (overflows)",
                        self.describe(e, op),
                        self.tn(t),
                        context
                    ),
                );
                return 0;
            }
        }
        self.convert_untyped(e, op, t);
        t
    }

    /// A constant result, checked against its type (typed constants must be representable).
    /// The constant `v` of type `ty` that the expression `text` computed; errors are reported
    /// at the start of `at` (found only then: it walks the left side of a chain).
    pub(super) fn const_result(
        &mut self,
        at: &Expr,
        text: &dyn Display,
        ty: TypeId,
        v: Const,
    ) -> Operand {
        if !self.prog.types.is_untyped(ty) && !self.prog.types.representable(&v, ty) {
            self.error(
                start_pos(at),
                format!(
                    "{} (constant {} of type {}) overflows {}",
                    text,
                    v,
                    self.tn(ty),
                    self.tn(ty)
                ),
            );
            return Operand::invalid();
        }
        if let Const::Big(i) = &v {
            // go/constant keeps integers within 512 bits.
            if i.bits() > 512 {
                self.error(start_pos(at), "constant overflow");
                return Operand::invalid();
            }
        }
        self.constant(ty, v)
    }

    /// Converts an untyped operand for a binary operation with a typed one. `at` and
    /// `names` (the operand types in source order) shape the message as types2 words it.
    pub(super) fn implicit_convert(
        &mut self,
        e: &Expr,
        op: &mut Operand,
        target: TypeId,
        e_str: &dyn Display,
        at: &Expr,
        names: (String, String),
    ) -> bool {
        let types = &self.prog.types;
        let ok = match (types.get(op.ty), types.basic_of(target)) {
            (Type::Basic(Basic::UntypedNil), _) => types.is_nillable(target),
            (Type::Basic(Basic::UntypedBool), Some(b)) => b == Basic::Bool,
            (Type::Basic(Basic::UntypedString), Some(b)) => b == Basic::String,
            (
                Type::Basic(Basic::UntypedInt | Basic::UntypedRune | Basic::UntypedFloat),
                Some(b),
            ) => b.int_info().is_some() || matches!(b, Basic::Float32 | Basic::Float64),
            _ => false,
        };
        if !ok {
            // types2 (implicitTypeAndValue): a constant meeting a non-basic type cannot be
            // converted; with a basic type the operand types are mismatched.
            if op.val.is_some()
                && !matches!(
                    self.prog.types.get(self.prog.types.under(target)),
                    Type::Basic(_) | Type::Interface(_)
                )
            {
                self.error(
                    start_pos(e),
                    format!(
                        "cannot convert {} to {}",
                        self.describe(e, op),
                        self.tn(target)
                    ),
                );
                return false;
            }
            self.error(
                start_pos(at),
                format!(
                    "invalid operation: {e_str} (mismatched types {} and {})",
                    names.0, names.1
                ),
            );
            return false;
        }
        if let Some(v) = &op.val {
            if !self.prog.types.representable(v, target) {
                // types2 representation: an untyped float constant meeting an integer type
                // is "truncated" (whatever its value), anything else out of range overflows;
                // the type is named by its underlying type (invalidConversion).
                let float = matches!(self.prog.types.basic_of(op.ty), Some(Basic::UntypedFloat));
                let how = if self.prog.types.is_integer(target) && float {
                    "truncated to"
                } else {
                    "overflows"
                };
                self.error(
                    start_pos(e),
                    format!(
                        "{} {how} {}",
                        self.describe(e, op),
                        self.tn(self.prog.types.under(target))
                    ),
                );
                return false;
            }
        }
        self.convert_untyped(e, op, target);
        true
    }
}

/// The exact rational value of a finite float64.
pub(super) fn float_const(f: f64) -> Const {
    match num_rational::BigRational::from_float(f) {
        Some(r) => Const::Float(r),
        None => Const::Float(num_rational::BigRational::from_integer(0.into())),
    }
}
