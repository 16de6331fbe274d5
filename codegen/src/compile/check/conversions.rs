//! Conversions (Go spec, "Conversions"; go/types conversions.go): `T(x)`, constant conversions
//! included, and the implicit conversions to interface types the lowering must box.

use super::exprstring::start_pos;
use super::operand::{Mode, Operand};
use super::{CallKind, Checker};
use crate::compile::ast::*;
use crate::compile::types::{Basic, Const, Type, TypeId};

impl Checker {
    /// Records that a value of type `from` is converted to the interface type `to` where it is
    /// used (the lowering boxes it there).
    pub(super) fn note_conversion(&mut self, e: &Expr, from: TypeId, to: TypeId) {
        if self.prog.types.is_interface(to)
            && !self.prog.types.identical(from, to)
            && from != self.basic(Basic::UntypedNil)
        {
            self.prog.info.converts.insert(e.id, to);
        }
    }

    /// `T(x)` (types2 callExpr's conversion case and conversion).
    pub(super) fn conversion(&mut self, e: &Expr, t: TypeId, args: &[Expr]) -> Operand {
        if args.is_empty() {
            self.error(
                start_pos(e),
                format!("missing argument in conversion to {}", self.tn(t)),
            );
            return Operand::invalid();
        }
        if args.len() > 1 {
            for a in args {
                self.expr_any(a);
            }
            let last = &args[args.len() - 1];
            self.error(
                start_pos(last),
                format!("too many arguments in conversion to {}", self.tn(t)),
            );
            return Operand::invalid();
        }
        let a = &args[0];
        let mut xo = self.expr(a);
        if xo.mode == Mode::Invalid {
            return Operand::invalid();
        }
        if matches!(e.kind, ExprKind::Call { ellipsis: true, .. }) {
            self.error(
                start_pos(a),
                format!("invalid use of ... in type conversion to {}", self.tn(t)),
            );
            return Operand::invalid();
        }
        self.prog.info.calls.insert(e.id, CallKind::Conversion(t));
        let types = &self.prog.types;
        let (from, to) = (xo.ty, t);
        // Constant conversions stay constant (Go spec, "Conversions").
        if let Some(v) = xo.val.clone() {
            if let (Const::Int(r), true) = (&v, types.is_string(to) && types.is_integer(from)) {
                // string(rune) of a constant is a constant: its UTF-8 encoding, or U+FFFD for
                // an invalid code point (Go spec, "Conversions to and from a string type").
                let ch = u32::try_from(*r)
                    .ok()
                    .and_then(char::from_u32)
                    .unwrap_or('\u{FFFD}');
                if types.is_untyped(from) {
                    let rt = self.basic(Basic::Rune);
                    self.convert_untyped(a, &mut xo, rt);
                }
                return self.constant(to, Const::Str(ch.to_string().into_bytes()));
            }
            if types.basic_of(to).is_some() && !types.is_unsafe_pointer(to) {
                if !types.representable(&v, to) {
                    let numeric = matches!(v, Const::Int(_) | Const::Big(_) | Const::Float(_));
                    let ok_kind = (numeric && types.is_numeric(to))
                        || (matches!(v, Const::Str(_)) && types.is_string(to))
                        || (matches!(v, Const::Bool(_)) && types.is_bool(to));
                    if ok_kind {
                        self.error(
                            start_pos(a),
                            format!(
                                "cannot convert {} to type {}",
                                self.describe(a, &xo),
                                self.tn(to)
                            ),
                        );
                        // Go 1.19 words typed-constant overflow in conversions the same way.
                    } else {
                        self.error(
                            start_pos(a),
                            format!(
                                "cannot convert {} to type {}",
                                self.describe(a, &xo),
                                self.tn(to)
                            ),
                        );
                    }
                    return Operand::invalid();
                }
                let converted = self.round_const(&v, to);
                if self.prog.types.is_untyped(from) {
                    self.convert_untyped(a, &mut xo, to);
                }
                return self.constant(to, converted);
            }
        }
        if self.prog.types.is_untyped(from) {
            if from == self.basic(Basic::UntypedNil) {
                if self.prog.types.is_nillable(to) {
                    self.convert_untyped(a, &mut xo, to);
                    return self.value(to);
                }
                self.error(
                    start_pos(a),
                    format!("cannot convert nil to type {}", self.tn(to)),
                );
                return Operand::invalid();
            }
            if xo.val.is_none() && !self.prog.types.is_interface(to) {
                // A non-constant untyped value (`1 << s`, a comparison) takes the type it is
                // converted to, which must suit its kind; its operands are then checked
                // against that type (types2 conversion: updateExprType with T).
                let types = &self.prog.types;
                let ok = match types.basic_of(from) {
                    Some(Basic::UntypedBool) => types.is_bool(to),
                    Some(Basic::UntypedString) => types.is_string(to),
                    _ => types.is_numeric(to),
                };
                if !ok {
                    self.error(
                        start_pos(a),
                        format!(
                            "cannot convert {} to type {}",
                            self.describe(a, &xo),
                            self.tn(to)
                        ),
                    );
                    return Operand::invalid();
                }
                self.convert_untyped(a, &mut xo, to);
                return self.value(to);
            }
            let d = self.default_type(a, &mut xo, "conversion");
            if d == 0 {
                return Operand::invalid();
            }
        }
        let from = xo.ty;
        let assignable = self.assignable(from, to);
        if assignable {
            self.note_conversion(a, from, to);
        }
        let types = &self.prog.types;
        let ok = assignable
            || types.identical(types.under(from), types.under(to))
            || (types.is_numeric(from) && types.is_numeric(to))
            || (types.is_unsafe_pointer(to)
                && (types.is_pointer(from) || types.basic_of(from) == Some(Basic::Uintptr)))
            || (types.is_unsafe_pointer(from)
                && (types.is_pointer(to) || types.basic_of(to) == Some(Basic::Uintptr)))
            || self.pointer_bases_identical(from, to)
            || (types.is_integer(from) && types.is_string(to))
            || (types.is_string(from) && self.is_byte_slice(to))
            || (self.is_byte_slice(from) && types.is_string(to))
            || (self.is_rune_slice(to) && self.prog.types.is_string(from))
            || (self.is_rune_slice(from) && self.prog.types.is_string(to));
        if !ok {
            self.error(
                start_pos(a),
                format!(
                    "cannot convert {} to type {}",
                    self.describe(a, &xo),
                    self.tn(to)
                ),
            );
            return Operand::invalid();
        }
        self.value(to)
    }

    pub(super) fn is_rune_slice(&self, t: TypeId) -> bool {
        let types = &self.prog.types;
        matches!(types.get(types.under(t)), Type::Slice(e) if matches!(types.basic_of(*e), Some(Basic::Int32 | Basic::Rune)))
    }

    pub(super) fn is_byte_slice(&self, t: TypeId) -> bool {
        let types = &self.prog.types;
        matches!(types.get(types.under(t)), Type::Slice(e) if matches!(types.basic_of(*e), Some(Basic::Uint8 | Basic::Byte)))
    }

    pub(super) fn pointer_bases_identical(&self, a: TypeId, b: TypeId) -> bool {
        let types = &self.prog.types;
        match (types.get(a), types.get(b)) {
            (Type::Pointer(x), Type::Pointer(y)) => {
                types.identical(types.under(*x), types.under(*y))
            }
            _ => false,
        }
    }
}
