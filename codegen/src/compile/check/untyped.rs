//! Untyped operands and constant values (Go spec, "Constants", "Constant expressions"; go/types
//! const.go and expr.go updateExprType, implicitTypeAndValue): default types, the implicit
//! conversion of an untyped operand to the type its context gives it, representability, and the
//! rounding of constants to their type.

use std::fmt::Display;

use super::exprstring::{expr_string, start_pos, strip_parens, BinaryText};
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
        if let Some(b @ (Basic::Complex64 | Basic::Complex128)) = self.prog.types.basic_of(t) {
            // Each part rounded to the part's float type.
            let Some((re, im)) = super::complex::complex_parts(v) else {
                return v.clone();
            };
            let part = self.basic(crate::compile::types::complex_part(b));
            let round = |r| match self.round_const(&Const::Float(r), part) {
                Const::Float(r) => r,
                _ => unreachable!("a float constant rounds to a float"),
            };
            return Const::Complex(round(re), round(im));
        }
        if self.prog.types.basic_of(t) == Some(Basic::UntypedComplex) {
            return match super::complex::complex_parts(v) {
                Some((re, im)) => Const::Complex(re, im),
                None => v.clone(),
            };
        }
        if let Const::Complex(re, im) = v {
            // A complex constant meeting a real type has no imaginary part (checked before).
            if num_traits::Zero::is_zero(im) && !self.prog.types.is_untyped(t) {
                return self.round_const(&Const::Float(re.clone()), t);
            }
            return v.clone();
        }
        match (self.prog.types.basic_of(t), v) {
            (
                Some(Basic::Float64),
                Const::Int(_) | Const::Big(_) | Const::Float(_) | Const::BigFloat(_),
            ) => float_const(v.to_f64()),
            (
                Some(Basic::Float32),
                Const::Int(_) | Const::Big(_) | Const::Float(_) | Const::BigFloat(_),
            ) => float_const(v.to_f32() as f64),
            (Some(b), Const::Float(_) | Const::BigFloat(_)) if b.int_info().is_some() => {
                match v.to_int() {
                    Some(i) => Const::Int(i),
                    None => v.clone(),
                }
            }
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
                self.set_operand_type(x, t)
            }
            ExprKind::Binary(op, x, y) => {
                if op.is_comparison() {
                    return;
                }
                if op.is_shift() && t != 0 && !self.prog.types.is_integer(t) {
                    // 1 << s takes its type from the context, which must be an integer
                    // type (Go spec, "Operators"); types2 reports it at the shift whose
                    // operand is the constant, naming that shift.
                    if !self.prog.info.consts.contains_key(&strip_parens(x).id) {
                        self.set_type(x, t);
                        return;
                    }
                    let msg = format!(
                        "invalid operation: {} (shift of type {})",
                        expr_string(e),
                        self.tn(t)
                    );
                    self.error(start_pos(e), msg);
                    return;
                }
                if self.is_untyped_expr(x) {
                    self.set_operand_type(x, t);
                }
                if !op.is_shift() && self.is_untyped_expr(y) {
                    self.set_operand_type(y, t);
                }
            }
            _ => {}
        }
    }

    /// Gives an operand of a non-constant untyped expression its final type (types2
    /// updateExprType). A constant operand must be representable in it: `1<<63 - 1<<s` is an
    /// untyped value until it meets a type, and its constant `1<<63` overflows int then.
    fn set_operand_type(&mut self, x: &Expr, t: TypeId) {
        if let ExprKind::Paren(inner) = &x.kind {
            // The operand inside is checked (and reported) as itself, then the parenthesized
            // one (types2 updateExprType0 reports both).
            if self.is_untyped_expr(inner) {
                self.set_operand_type(inner, t);
            }
        }
        let types = &self.prog.types;
        if t != 0 && !types.is_untyped(t) && !types.is_interface(t) {
            if let Some(v) = self.prog.info.consts.get(&x.id).cloned() {
                let ty = self.prog.info.types.get(&x.id).copied().unwrap_or(0);
                let mut op = self.constant(ty, v);
                self.convert_untyped_to(x, &mut op, t);
                return;
            }
        }
        self.set_type(x, t);
    }

    /// Gives an untyped operand the type its context wants, or reports why it cannot have it
    /// (types2 convertUntyped: implicitTypeAndValue, representation, invalidConversion): a
    /// constant out of range "overflows" the type, a float constant meeting an integer type is
    /// "truncated to" it, anything else "cannot convert"; the type is named by its
    /// underlying type. An interface target takes the operand's default type.
    pub(super) fn convert_untyped_to(
        &mut self,
        e: &Expr,
        op: &mut Operand,
        target: TypeId,
    ) -> bool {
        let types = &self.prog.types;
        if op.mode == Mode::Invalid || target == 0 || !types.is_untyped(op.ty) {
            return op.mode != Mode::Invalid;
        }
        let nil = op.ty == self.basic(Basic::UntypedNil);
        let under = types.under(target);
        let what = if types.is_type_param(target) {
            // A type parameter takes the operand when every type in its set does (Go
            // spec, "Assignability", "Conversions"); the result is a value of type T.
            match types.terms_of(target) {
                Some(terms) if !terms.is_empty() => terms
                    .iter()
                    .map(|t| self.untyped_verdict(op, nil, t.ty))
                    .find(|w| !w.is_empty())
                    .unwrap_or(""),
                _ => "cannot convert",
            }
        } else {
            self.untyped_verdict(op, nil, target)
        };
        if !what.is_empty() {
            let msg = if what == "cannot convert" {
                format!(
                    "cannot convert {} to {}",
                    self.describe(e, op),
                    self.tn(under)
                )
            } else {
                format!("{} {what} {}", self.describe(e, op), self.tn(under))
            };
            self.error(start_pos(e), msg);
            op.mode = Mode::Invalid;
            return false;
        }
        if self.prog.types.is_type_param(target) {
            op.mode = Mode::Value;
            op.val = None;
            self.prog.info.consts.remove(&e.id);
            op.ty = target;
            self.set_type(e, target);
        } else if self.prog.types.is_interface(target) && !nil {
            self.default_type(e, op, "assignment");
        } else {
            self.convert_untyped(e, op, target);
        }
        true
    }

    /// Whether an untyped constant's kind (bool, string, numeric) fits a basic target type.
    pub(super) fn untyped_kind_fits(&self, untyped: TypeId, target: TypeId) -> bool {
        let types = &self.prog.types;
        match (types.get(untyped), types.basic_of(target)) {
            (Type::Basic(Basic::UntypedBool), Some(b)) => b == Basic::Bool,
            (Type::Basic(Basic::UntypedString), Some(b)) => b == Basic::String,
            (
                Type::Basic(
                    Basic::UntypedInt
                    | Basic::UntypedRune
                    | Basic::UntypedFloat
                    | Basic::UntypedComplex,
                ),
                Some(_),
            ) => types.is_numeric(target),
            _ => false,
        }
    }

    /// Why an untyped operand cannot take a (non-parameter) target type: "cannot convert",
    /// "truncated to", "overflows", or "" when it can.
    fn untyped_verdict(&self, op: &Operand, nil: bool, target: TypeId) -> &'static str {
        let types = &self.prog.types;
        let ok = if nil {
            types.is_nillable(target)
        } else if types.is_interface(target) {
            // Only the empty interface takes an untyped value (its default type).
            types.interface_methods(target).is_empty()
        } else {
            self.untyped_kind_fits(op.ty, target)
        };
        if !ok {
            return "cannot convert";
        }
        match &op.val {
            Some(v) if !nil && !types.is_interface(target) && !types.representable(v, target) => {
                let float = matches!(
                    types.basic_of(op.ty),
                    Some(Basic::UntypedFloat | Basic::UntypedComplex)
                );
                if float && types.is_integer(target) {
                    "truncated to"
                } else {
                    "overflows"
                }
            }
            _ => "",
        }
    }

    pub(super) fn is_untyped_expr(&self, e: &Expr) -> bool {
        self.prog
            .info
            .types
            .get(&e.id)
            .is_some_and(|t| self.prog.types.is_untyped(*t))
    }

    /// The default type of an untyped type (Go spec, "Constants"): bool, int, rune, float64,
    /// string; untyped nil has none and stays.
    pub(super) fn default_type_of(&self, t: TypeId) -> TypeId {
        match self.prog.types.get(t) {
            Type::Basic(Basic::UntypedBool) => self.basic(Basic::Bool),
            Type::Basic(Basic::UntypedInt) => self.basic(Basic::Int),
            Type::Basic(Basic::UntypedRune) => self.basic(Basic::Rune),
            Type::Basic(Basic::UntypedString) => self.basic(Basic::String),
            Type::Basic(Basic::UntypedFloat) => self.basic(Basic::Float64),
            Type::Basic(Basic::UntypedComplex) => self.basic(Basic::Complex128),
            _ => t,
        }
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
            Type::Basic(Basic::UntypedComplex) => self.basic(Basic::Complex128),
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

    /// A constant result, checked against its type (types2 overflow): a typed constant must
    /// be representable in it, an untyped integer within go/constant's 512 bits ("constant
    /// addition overflow", at the operator).
    pub(super) fn const_result(&mut self, site: ConstSite, ty: TypeId, v: Const) -> Operand {
        if !self.prog.types.is_untyped(ty) && !self.prog.types.representable(&v, ty) {
            let under = self.prog.types.under(ty);
            self.error(
                site.start(),
                format!(
                    "{} (constant {} of type {}) overflows {}",
                    site.text(),
                    v,
                    self.tn(ty),
                    self.tn(under)
                ),
            );
            return Operand::invalid();
        }
        if let Const::Big(i) = &v {
            // go/constant keeps integers within 512 bits; types2 names the operation.
            if i.bits() > 512 {
                let name = |op: &BinOp| match op {
                    BinOp::Add => "addition ",
                    BinOp::Sub => "subtraction ",
                    BinOp::Xor => "bitwise XOR ",
                    BinOp::Mul => "multiplication ",
                    BinOp::Shl => "shift ",
                    _ => "",
                };
                let (at, name) = match site {
                    ConstSite::Binary { pos, op, .. } => (pos, name(&op)),
                    ConstSite::Expr(e) => match &e.kind {
                        ExprKind::Binary(op, ..) => (e.pos, name(op)),
                        ExprKind::Unary(UnOp::Xor, _) => (e.pos, "bitwise complement "),
                        ExprKind::Unary(..) => (e.pos, ""),
                        _ => (start_pos(e), ""),
                    },
                };
                self.error(at, format!("constant {name}overflow"));
                return Operand::invalid();
            }
        }
        self.constant(ty, v)
    }

    /// Converts an untyped operand for a binary operation with a typed one (types2 binary:
    /// canMix, then convertUntyped). Operands that cannot mix (a boolean or string with
    /// anything else, nil with a type that has no nil) are "mismatched types", reported at
    /// `at`; `names` are the operand types in source order.
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
        let nil = op.ty == self.basic(Basic::UntypedNil);
        let can_mix = types.is_interface(target)
            || (types.is_bool(op.ty) == types.is_bool(target)
                && types.is_string(op.ty) == types.is_string(target)
                && (!nil || types.is_nillable(target)));
        if !can_mix {
            self.error(
                start_pos(at),
                format!(
                    "invalid operation: {e_str} (mismatched types {} and {})",
                    names.0, names.1
                ),
            );
            return false;
        }
        self.convert_untyped_to(e, op, target)
    }
}

/// `a op b` for untyped float constants (go/constant BinaryOp): exact fractions while they
/// stay small, else 512-bit floats, as soon as either operand is one. None when the result's
/// exponent overflows (go/constant's unknown value), or for an operator floats lack.
pub(super) fn float_binary(op: BinOp, a: &Const, b: &Const) -> Option<Const> {
    if matches!(a, Const::BigFloat(_)) || matches!(b, Const::BigFloat(_)) {
        let (x, y) = (a.to_bigfloat()?, b.to_bigfloat()?);
        let prec = crate::compile::types::FLOAT_PREC;
        let r = match op {
            BinOp::Add => x.add(&y, prec),
            BinOp::Sub => x.sub(&y, prec),
            BinOp::Mul => x.mul(&y, prec),
            BinOp::Div if !y.is_zero() => x.quo(&y, prec),
            _ => None,
        }?;
        return Some(Const::BigFloat(r));
    }
    let (x, y) = (a.to_rational()?, b.to_rational()?);
    let r = match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::Div if !num_traits::Zero::is_zero(&y) => x / y,
        _ => return None,
    };
    Some(Const::float_of(r))
}

/// The exact rational value of a finite float64.
pub(super) fn float_const(f: f64) -> Const {
    match num_rational::BigRational::from_float(f) {
        Some(r) => Const::Float(r),
        None => Const::Float(num_rational::BigRational::from_integer(0.into())),
    }
}

/// Where a constant was computed, for the messages about it. A binary operation is described
/// by its parts, not by a new expression: building one (cloning both operands) at every
/// operator of a long chain would cost the square of its length.
#[derive(Clone, Copy)]
pub(super) enum ConstSite<'a> {
    Expr(&'a Expr),
    Binary {
        pos: Pos,
        op: BinOp,
        x: &'a Expr,
        y: &'a Expr,
    },
}

impl ConstSite<'_> {
    /// Where types2 reports an error about the constant: where its expression starts.
    fn start(&self) -> Pos {
        match self {
            ConstSite::Expr(e) => start_pos(e),
            ConstSite::Binary { x, .. } => start_pos(x),
        }
    }

    fn text(&self) -> String {
        match self {
            ConstSite::Expr(e) => expr_string(e),
            ConstSite::Binary { op, x, y, .. } => BinaryText {
                x,
                op: op.as_str(),
                y,
            }
            .to_string(),
        }
    }
}
