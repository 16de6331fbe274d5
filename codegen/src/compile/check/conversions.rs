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
            // types2 goes on with the argument as the call's operand.
            return xo;
        }
        self.prog.info.calls.insert(e.id, CallKind::Conversion(t));
        let types = &self.prog.types;
        let (from, to) = (xo.ty, t);
        if types.is_type_param(from) || types.is_type_param(to) {
            return self.tparam_conversion(a, xo, to);
        }
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
                    // An integral float is shown as the integer it would be (types2 rounds
                    // it with constant.ToInt before it finds it out of range).
                    let mut shown = xo.clone();
                    if let (true, true, Some(i)) =
                        (types.is_integer(to), v.is_float(), v.to_bigint())
                    {
                        shown.val = Some(Const::from_big(i));
                    }
                    self.error(
                        start_pos(a),
                        format!(
                            "cannot convert {} to type {}",
                            self.describe(a, &shown),
                            self.tn(to)
                        ),
                    );
                    return Operand::invalid();
                }
                let converted = self.round_const(&v, to);
                if self.prog.types.is_untyped(from) {
                    self.convert_untyped(a, &mut xo, to);
                }
                return self.constant(to, converted);
            }
        }
        // Messages describe the argument as written, before it takes a default type.
        let as_written = xo.clone();
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
                // An untyped integer value may become a string as integers do.
                let ok = match types.basic_of(from) {
                    Some(Basic::UntypedBool) => types.is_bool(to),
                    Some(Basic::UntypedString) => types.is_string(to),
                    Some(Basic::UntypedInt | Basic::UntypedRune) => {
                        types.is_numeric(to) || types.is_string(to)
                    }
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
            // A constant converted to a type constants cannot have: an interface takes the
            // constant's default type (which must hold it), a string may become bytes or
            // runes, nothing else converts (types2 conversion, convertibleTo).
            let types = &self.prog.types;
            let string_to_slice =
                types.is_string(from) && (self.is_byte_slice(to) || self.is_rune_slice(to));
            if !self.prog.types.is_interface(to) && !string_to_slice {
                self.error(
                    start_pos(a),
                    format!(
                        "cannot convert {} to type {}",
                        self.describe(a, &as_written),
                        self.tn(to)
                    ),
                );
                return Operand::invalid();
            }
            let d = self.default_type_of(from);
            let mut checked = xo.clone();
            self.convert_untyped_to(a, &mut checked, d);
            xo.ty = d;
        }
        let from = xo.ty;
        let assignable = self.assignable(from, to);
        if assignable {
            self.note_conversion(a, from, to);
        }
        let ok = assignable || self.convertible(from, to);
        if !ok {
            // From an interface to a type that implements it, what is missing is an
            // assertion (types2 assignableTo's cause).
            let types = &self.prog.types;
            let cause = if types.is_interface(from)
                && !types.is_interface(to)
                && self.implements(to, from).is_ok()
            {
                ":\n\tneed type assertion"
            } else {
                ""
            };
            self.error(
                start_pos(a),
                format!(
                    "cannot convert {} to type {}{cause}",
                    self.describe(a, &as_written),
                    self.tn(to)
                ),
            );
            return Operand::invalid();
        }
        self.value(to)
    }

    /// `T(c)` for a constant c and a type parameter T (types2 conversion): c must convert to
    /// every type of T's set (else "cannot convert c to type T:" and the first type that
    /// does not take it); the result is a value, not a constant, and an untyped c first
    /// takes its default type, in which it must fit (`T(1<<64 - 1)` overflows int even for
    /// a T of floats).
    fn const_to_tparam(&mut self, a: &Expr, mut xo: Operand, to: TypeId) -> Operand {
        let v = xo.val.clone().expect("a constant");
        let terms = self.prog.types.terms_of(to).unwrap_or_default();
        let mut cause = None;
        if terms.is_empty() {
            cause = Some(format!("{} does not contain specific types", self.tn(to)));
        }
        for t in &terms {
            let u = self.prog.types.under(t.ty);
            let types = &self.prog.types;
            let fits = (types.is_string(xo.ty) && (self.is_byte_slice(u) || self.is_rune_slice(u)))
                || (types.basic_of(u).is_some() && types.representable(&v, u))
                || (types.is_integer(xo.ty) && types.is_string(u));
            if !fits {
                cause = Some(format!(
                    "cannot convert {} to {} (in {})",
                    self.describe(a, &xo),
                    self.tn(u),
                    self.tn(to)
                ));
                break;
            }
        }
        if let Some(cause) = cause {
            let as_value = Operand {
                mode: Mode::Value,
                ty: xo.ty,
                val: None,
            };
            self.error(
                start_pos(a),
                format!(
                    "cannot convert {} to type {}:\n\t{cause}",
                    self.describe(a, &as_value),
                    self.tn(to)
                ),
            );
            return Operand::invalid();
        }
        if self.prog.types.is_untyped(xo.ty) {
            let d = self.default_type_of(xo.ty);
            if !self.convert_untyped_to(a, &mut xo, d) {
                return Operand::invalid();
            }
        }
        let from = xo.ty;
        self.note_conversion(a, from, to);
        self.value(to)
    }

    /// Whether a value of type `from` converts to type `to` by the non-assignment rules
    /// (Go spec, "Conversions"): same underlying types, numeric types, pointers and
    /// unsafe.Pointer, strings and byte or rune slices, slices to array pointers.
    fn convertible(&mut self, from: TypeId, to: TypeId) -> bool {
        let types = &self.prog.types;
        types.identical_ignore_tags(types.under(from), types.under(to))
            || (types.is_numeric(from)
                && types.is_numeric(to)
                && types.is_complex(from) == types.is_complex(to))
            || (types.is_unsafe_pointer(to)
                && (types.is_pointer(from) || types.basic_of(from) == Some(Basic::Uintptr)))
            || (types.is_unsafe_pointer(from)
                && (types.is_pointer(to) || types.basic_of(to) == Some(Basic::Uintptr)))
            || self.pointer_bases_identical(from, to)
            || (types.is_integer(from) && types.is_string(to))
            || (types.is_string(from) && self.is_byte_slice(to))
            || (self.is_byte_slice(from) && types.is_string(to))
            || (self.is_rune_slice(to) && self.prog.types.is_string(from))
            || (self.is_rune_slice(from) && self.prog.types.is_string(to))
            || self.prog.types.slice_to_array_pointer(from, to).is_some()
    }

    /// `T(x)` where T or x's type is a type parameter (Go spec, "Conversions"): valid when
    /// every type of the parameter's set converts (each pair, when both are parameters);
    /// the result is never constant.
    fn tparam_conversion(&mut self, a: &Expr, mut xo: Operand, to: TypeId) -> Operand {
        let as_written = xo.clone();
        if xo.val.is_some() && self.prog.types.is_type_param(to) {
            return self.const_to_tparam(a, xo, to);
        }
        if self.prog.types.is_untyped(xo.ty) {
            if xo.val.is_some() || xo.ty == self.basic(Basic::UntypedNil) {
                if !self.convert_untyped_to(a, &mut xo, to) {
                    return Operand::invalid();
                }
                return self.value(to);
            }
            let d = self.default_type_of(xo.ty);
            self.convert_untyped(a, &mut xo, d);
        }
        let from = xo.ty;
        let set = |c: &Checker, t: TypeId| -> Option<Vec<TypeId>> {
            if !c.prog.types.is_type_param(t) {
                return Some(vec![t]);
            }
            c.prog
                .types
                .terms_of(t)
                .filter(|ts| !ts.is_empty())
                .map(|ts| ts.iter().map(|t| t.ty).collect())
        };
        let ok = if self.prog.types.identical(from, to) {
            true
        } else if self.prog.types.is_interface(to) && !self.prog.types.is_type_param(to) {
            self.implements(from, to).is_ok()
        } else {
            match (set(self, from), set(self, to)) {
                (Some(fs), Some(ts)) => fs.iter().all(|&f| {
                    ts.iter()
                        .all(|&t| self.assignable(f, t) || self.convertible(f, t))
                }),
                _ => false,
            }
        };
        if !ok {
            self.error(
                start_pos(a),
                format!(
                    "cannot convert {} to type {}",
                    self.describe(a, &as_written),
                    self.tn(to)
                ),
            );
            return Operand::invalid();
        }
        self.note_conversion(a, from, to);
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
                types.identical_ignore_tags(types.under(*x), types.under(*y))
            }
            _ => false,
        }
    }
}
