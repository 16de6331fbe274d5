//! Complex numbers in the checker (Go spec, "Numeric types", "Imaginary literals", "Constant
//! expressions", "Manipulating complex numbers"): imaginary literals, exact complex constant
//! arithmetic (go/constant keeps both parts exact, as rationals here), and the builtins
//! `complex`, `real` and `imag` with types2's typing rules (builtins.go): `complex` of two
//! float32s is a complex64, of two float64s a complex128, of two untyped constants an untyped
//! complex constant; `real` and `imag` give the part's float type.

use num_rational::BigRational;
use num_traits::Zero;

use super::exprstring::{expr_string, start_pos};
use super::operand::{Mode, Operand};
use super::{Builtin, Checker};
use crate::compile::ast::*;
use crate::compile::types::{parse_float, Basic, Const};

/// A numeric constant as (real, imaginary) parts; None for booleans and strings.
pub(super) fn complex_parts(c: &Const) -> Option<(BigRational, BigRational)> {
    match c {
        Const::Complex(re, im) => Some((re.clone(), im.clone())),
        _ => c.to_rational().map(|r| (r, BigRational::zero())),
    }
}

/// `a op b` for complex constants, exactly; None for an operator complex numbers lack (or a
/// zero divisor, which the caller has reported).
pub(super) fn complex_binary(op: BinOp, a: &Const, b: &Const) -> Option<Const> {
    let ((ar, ai), (br, bi)) = (complex_parts(a)?, complex_parts(b)?);
    let (re, im) = match op {
        BinOp::Add => (ar + br, ai + bi),
        BinOp::Sub => (ar - br, ai - bi),
        BinOp::Mul => (&ar * &br - &ai * &bi, &ar * &bi + &ai * &br),
        BinOp::Div => {
            // (a+bi)/(c+di) = ((ac+bd) + (bc-ad)i) / (c²+d²)
            let d = &br * &br + &bi * &bi;
            if d.is_zero() {
                return None;
            }
            ((&ar * &br + &ai * &bi) / &d, (&ai * &br - &ar * &bi) / &d)
        }
        _ => return None,
    };
    Some(Const::Complex(re, im))
}

/// Whether two numeric constants are equal (complex constants compare by both parts).
pub(super) fn complex_equal(a: &Const, b: &Const) -> bool {
    complex_parts(a) == complex_parts(b)
}

impl Checker {
    /// An imaginary literal (Go spec, "Imaginary literals"): the digits before `i` are an
    /// integer or floating-point literal; a decimal one with leading zeros is decimal, for
    /// backward compatibility (`0123i` is 123i).
    pub(super) fn imag_lit(&mut self, e: &Expr, s: &str) -> Operand {
        let body = s.strip_suffix('i').unwrap_or(s);
        let lower = body.to_ascii_lowercase();
        let prefixed = ["0x", "0o", "0b"].iter().any(|p| lower.starts_with(p));
        let is_float = if lower.starts_with("0x") {
            lower.contains(['.', 'p'])
        } else {
            !prefixed && lower.contains(['.', 'e'])
        };
        let v = if is_float || !prefixed {
            parse_float(body)
        } else {
            super::expr::parse_int(body).map(BigRational::from_integer)
        };
        match v {
            Some(im) => self.constant(
                self.basic(Basic::UntypedComplex),
                Const::Complex(BigRational::zero(), im),
            ),
            None => {
                self.error(e.pos, format!("malformed constant: {s}"));
                Operand::invalid()
            }
        }
    }

    /// `complex(x, y)`, `real(x)`, `imag(x)` (types2 builtins.go _Complex, _Real, _Imag).
    pub(super) fn complex_builtin(
        &mut self,
        e: &Expr,
        b: Builtin,
        ops: Vec<(&Expr, Operand)>,
    ) -> Operand {
        let (xa, mut x) = ops[0].clone();
        if b == Builtin::Complex {
            let (ya, mut y) = ops[1].clone();
            if x.mode == Mode::Invalid || y.mode == Mode::Invalid {
                return Operand::invalid();
            }
            let types = &self.prog.types;
            match (types.is_untyped(x.ty), types.is_untyped(y.ty)) {
                (true, false) => {
                    if !self.convert_untyped_to(xa, &mut x, y.ty) {
                        return Operand::invalid();
                    }
                }
                (false, true) => {
                    if !self.convert_untyped_to(ya, &mut y, x.ty) {
                        return Operand::invalid();
                    }
                }
                (true, true) if x.mode == Mode::Const && y.mode == Mode::Const => {
                    // Untyped numeric constants with no imaginary part are floats here.
                    let uf = self.basic(Basic::UntypedFloat);
                    for o in [&mut x, &mut y] {
                        let real = o.val.as_ref().and_then(complex_parts);
                        if let Some((re, im)) = real {
                            if self.prog.types.is_numeric(o.ty) && im.is_zero() {
                                o.ty = uf;
                                o.val = Some(Const::Float(re));
                            }
                        }
                    }
                }
                (true, true) => {
                    let f64t = self.basic(Basic::Float64);
                    if !self.convert_untyped_to(xa, &mut x, f64t)
                        || !self.convert_untyped_to(ya, &mut y, f64t)
                    {
                        return Operand::invalid();
                    }
                }
                (false, false) => {}
            }
            if !self.prog.types.identical(x.ty, y.ty) {
                let msg = format!(
                    "invalid operation: {} (mismatched types {} and {})",
                    expr_string(e),
                    self.tn(x.ty),
                    self.tn(y.ty)
                );
                self.error(start_pos(xa), msg);
                return Operand::invalid();
            }
            let res = match self.prog.types.basic_of(x.ty) {
                Some(Basic::Float32) => Basic::Complex64,
                Some(Basic::Float64) => Basic::Complex128,
                Some(Basic::UntypedFloat) => Basic::UntypedComplex,
                _ => {
                    let msg = format!(
                        "invalid argument: arguments have type {}, expected floating-point",
                        self.tn(x.ty)
                    );
                    self.error(start_pos(xa), msg);
                    return Operand::invalid();
                }
            };
            let res = self.basic(res);
            if let (Some(a), Some(b)) = (&x.val, &y.val) {
                if let (Some((re, _)), Some((im, _))) = (complex_parts(a), complex_parts(b)) {
                    let v = self.round_const(&Const::Complex(re, im), res);
                    return self.constant(res, v);
                }
            }
            return self.value(res);
        }
        if x.mode == Mode::Invalid {
            return Operand::invalid();
        }
        if self.prog.types.is_untyped(x.ty) {
            if x.mode == Mode::Const {
                if self.prog.types.is_numeric(x.ty) {
                    x.ty = self.basic(Basic::UntypedComplex);
                }
            } else {
                let c128 = self.basic(Basic::Complex128);
                if !self.convert_untyped_to(xa, &mut x, c128) {
                    return Operand::invalid();
                }
            }
        }
        let res = match self.prog.types.basic_of(x.ty) {
            Some(Basic::Complex64) => Basic::Float32,
            Some(Basic::Complex128) => Basic::Float64,
            Some(Basic::UntypedComplex) => Basic::UntypedFloat,
            _ => {
                let msg = format!(
                    "invalid argument: argument has type {}, expected complex type",
                    self.tn(x.ty)
                );
                self.error(start_pos(xa), msg);
                return Operand::invalid();
            }
        };
        let res = self.basic(res);
        match x.val.as_ref().and_then(complex_parts) {
            Some((re, im)) => {
                let part = if b == Builtin::Real { re } else { im };
                let v = self.round_const(&Const::Float(part), res);
                self.constant(res, v)
            }
            None => self.value(res),
        }
    }
}
