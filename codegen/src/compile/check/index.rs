//! Index and slice expressions (Go spec, "Index expressions", "Slice expressions"; go/types
//! index.go): operand kinds, index operands and constant bounds.

use super::exprstring::{expr_string, start_pos};
use super::operand::{Mode, Operand};
use super::Checker;
use crate::compile::ast::*;
use crate::compile::types::{Basic, Const, Type, TypeId};
use num_bigint::Sign;

impl Checker {
    /// Whether every type in type parameter t's set is a string or a byte slice.
    pub(super) fn is_bytestring(&self, t: TypeId) -> bool {
        let byte_slice = |ty: &crate::compile::types::Types, u: TypeId| {
            matches!(ty.get(ty.under(u)), Type::Slice(e)
                if matches!(ty.basic_of(*e), Some(Basic::Uint8 | Basic::Byte)))
        };
        self.prog
            .types
            .all_terms(t, &|ty, u| ty.is_string(u) || byte_slice(ty, u))
            .unwrap_or(false)
    }

    /// `x[i]` of a type parameter without a core type (`[]int | [5]int`): allowed when
    /// every type in its set can be indexed and all have the same element type (types2
    /// indexExpr). None when x is not such an operand.
    fn index_type_param(&mut self, e: &Expr, x: &Expr, xo: &Operand, i: &Expr) -> Option<Operand> {
        let types = &self.prog.types;
        if !types.is_type_param(xo.ty) || types.under(xo.ty) != xo.ty {
            return None;
        }
        let terms = types.terms_of(xo.ty).unwrap_or_default();
        let mut elem: Option<TypeId> = None;
        let mut addressable = true;
        let mut ok = !terms.is_empty();
        for t in &terms {
            let u = types.under(t.ty);
            let (el, addr) = match types.get(u) {
                Type::Basic(Basic::String) => (self.basic(Basic::Byte), false),
                // An array element is addressable when the array is.
                Type::Array(_, el) => (*el, xo.mode == Mode::Var),
                Type::Slice(el) => (*el, true),
                Type::Pointer(p) => match types.get(types.under(*p)) {
                    Type::Array(_, el) => (*el, true),
                    _ => (0, false),
                },
                _ => (0, false),
            };
            let same = elem.is_none_or(|prev| types.identical(prev, el));
            if el == 0 || !same {
                ok = false;
                break;
            }
            elem = Some(el);
            addressable &= addr;
        }
        if !ok {
            self.error(
                e.pos,
                format!("invalid operation: cannot index {}", self.describe(x, xo)),
            );
            return Some(Operand::invalid());
        }
        let _ = self.index_operand(i, None);
        let mode = if addressable { Mode::Var } else { Mode::Value };
        Some(Operand {
            mode,
            ty: elem.unwrap_or(0),
            val: None,
        })
    }

    /// `x[i]` (types2 indexExpr). An index error does not make the expression invalid: its
    /// type is known.
    pub(super) fn index(&mut self, e: &Expr, x: &Expr, i: &Expr) -> Operand {
        let xo = self.expr_any(x);
        if matches!(xo.mode, Mode::Generic(..) | Mode::GenericType(_)) {
            return self.instantiation(e, x, xo, std::slice::from_ref(i));
        }
        let xo = self.single_value(x, xo);
        if xo.mode != Mode::Invalid {
            if let Some(op) = self.index_type_param(e, x, &xo, i) {
                return op;
            }
        }
        if xo.mode == Mode::Invalid {
            // The index may be a type argument of a refused generic (`F[int]`).
            self.expr_any(i);
            return Operand::invalid();
        }
        let types = &self.prog.types;
        let (len, elem, mode) = match types.get(types.under(xo.ty)).clone() {
            Type::Basic(Basic::String | Basic::UntypedString) => {
                let len = match &xo.val {
                    Some(Const::Str(s)) => Some(s.len() as i128),
                    _ => None,
                };
                (len, self.basic(Basic::Byte), Mode::Value)
            }
            Type::Array(n, elem) => (
                Some(n as i128),
                elem,
                if xo.mode == Mode::Var {
                    Mode::Var
                } else {
                    Mode::Value
                },
            ),
            Type::Slice(elem) => (None, elem, Mode::Var),
            Type::Map(k, v) => return self.map_index(i, k, v),
            Type::Pointer(p) => match types.get(types.under(p)).clone() {
                Type::Array(n, elem) => (Some(n as i128), elem, Mode::Var),
                _ => {
                    self.error(
                        e.pos,
                        format!("invalid operation: cannot index {}", self.describe(x, &xo)),
                    );
                    return Operand::invalid();
                }
            },
            _ => {
                self.error(
                    e.pos,
                    format!("invalid operation: cannot index {}", self.describe(x, &xo)),
                );
                return Operand::invalid();
            }
        };
        let _ = self.index_operand(i, len);
        // A constant string indexed by a constant is still not a constant (Go spec).
        if self.prog.types.is_untyped(xo.ty) {
            let mut xo = xo;
            let s = self.basic(Basic::String);
            self.convert_untyped(x, &mut xo, s);
        }
        Operand {
            mode,
            ty: elem,
            val: None,
        }
    }

    /// Checks an index (types2 index): valid as [`Checker::valid_index`] says and, when `max`
    /// is known, below it. Returns the constant index, `Ok(None)` for a valid variable
    /// index, `Err(())` after reporting an invalid one.
    pub(super) fn index_operand(
        &mut self,
        i: &Expr,
        max: Option<i128>,
    ) -> Result<Option<i128>, ()> {
        let mut io = self.expr(i);
        if !self.valid_index(i, &mut io, "index", false) {
            return Err(());
        }
        let Some(Const::Int(v)) = io.val else {
            return Ok(None);
        };
        if let Some(n) = max {
            if v >= n {
                self.error(
                    start_pos(i),
                    format!("invalid argument: index {v} out of bounds [0:{n}]"),
                );
                return Err(());
            }
        }
        Ok(Some(v))
    }

    /// types2 isValidIndex: an untyped operand takes type int first (so a string constant
    /// "cannot convert" and a large one "overflows int"), then the operand must be an integer
    /// and, if constant, not negative (unless allowed) and representable as an int.
    pub(super) fn valid_index(
        &mut self,
        i: &Expr,
        io: &mut Operand,
        what: &str,
        allow_negative: bool,
    ) -> bool {
        if io.mode == Mode::Invalid {
            return false;
        }
        let int = self.basic(Basic::Int);
        if !self.convert_untyped_to(i, io, int) {
            return false;
        }
        if !self.prog.types.is_integer(io.ty) {
            self.error(
                start_pos(i),
                format!(
                    "invalid argument: {what} {} must be integer",
                    self.describe(i, io)
                ),
            );
            return false;
        }
        if let Some(v) = &io.val {
            if !allow_negative && v.to_bigint().is_some_and(|v| v.sign() == Sign::Minus) {
                self.error(
                    start_pos(i),
                    format!(
                        "invalid argument: {what} {} must not be negative",
                        self.describe(i, io)
                    ),
                );
                return false;
            }
            if !self.prog.types.representable(v, int) {
                self.error(
                    start_pos(i),
                    format!(
                        "invalid argument: {what} {} overflows int",
                        self.describe(i, io)
                    ),
                );
                return false;
            }
        }
        true
    }

    /// `x[lo:hi:max]` (Go spec, "Slice expressions"; types2 sliceExpr). As for index
    /// expressions, bad indices do not make the result invalid.
    pub(super) fn slice_expr(
        &mut self,
        e: &Expr,
        x: &Expr,
        lo: Option<&Expr>,
        hi: Option<&Expr>,
        max: Option<&Expr>,
    ) -> Operand {
        let mut xo = self.expr(x);
        let indices = [lo, hi, max];
        if xo.mode == Mode::Invalid {
            for i in indices.into_iter().flatten() {
                self.expr(i);
            }
            return Operand::invalid();
        }
        let types = &self.prog.types;
        // A type parameter whose set holds only strings and byte slices slices as either
        // (types2 coreString); its result has its type.
        if types.is_type_param(xo.ty) && types.under(xo.ty) == xo.ty && self.is_bytestring(xo.ty) {
            for i in indices.into_iter().flatten() {
                let _ = self.index_operand(i, None);
            }
            return self.value(xo.ty);
        }
        let (result, len) = match types.get(types.under(xo.ty)).clone() {
            Type::Basic(Basic::String | Basic::UntypedString) => {
                if let Some(m) = max {
                    self.error(
                        start_pos(m),
                        "invalid operation: 3-index slice of string".to_string(),
                    );
                    return Operand::invalid();
                }
                let len = match &xo.val {
                    Some(Const::Str(s)) => Some(s.len() as i128),
                    _ => None,
                };
                if self.prog.types.is_untyped(xo.ty) {
                    let st = self.basic(Basic::String);
                    self.convert_untyped(x, &mut xo, st);
                }
                (xo.ty, len)
            }
            Type::Slice(_) => (xo.ty, None),
            Type::Array(n, elem) => {
                if xo.mode != Mode::Var {
                    self.error(
                        e.pos,
                        format!(
                            "invalid operation: {} (slice of unaddressable value)",
                            expr_string(e)
                        ),
                    );
                    return Operand::invalid();
                }
                if let Some(root) = self.addr_root(x) {
                    self.prog.objs[root as usize].addr_taken = true;
                }
                (self.prog.types.slice(elem), Some(n as i128))
            }
            Type::Pointer(p) => match types.get(types.under(p)).clone() {
                Type::Array(n, elem) => (self.prog.types.slice(elem), Some(n as i128)),
                _ => {
                    self.error(e.pos, format!("cannot slice {}", self.describe(x, &xo)));
                    return Operand::invalid();
                }
            },
            _ => {
                self.error(e.pos, format!("cannot slice {}", self.describe(x, &xo)));
                return Operand::invalid();
            }
        };
        // Each index, or its default: 0 for the first, the length for the others.
        let mut ind: Vec<(Option<&Expr>, Option<i128>)> = Vec::new();
        for (k, i) in indices.into_iter().enumerate() {
            let v = match i {
                Some(i) => self.index_operand(i, len.map(|n| n + 1)).ok().flatten(),
                None if k == 0 => Some(0),
                None => len,
            };
            ind.push((i, v));
        }
        // Constant indices must be in order; one error is enough.
        'order: for (k, &(_, a)) in ind.iter().enumerate() {
            let Some(a) = a.filter(|a| *a > 0) else {
                continue;
            };
            for &(at, b) in &ind[k + 1..] {
                if let (Some(b), Some(at)) = (b, at) {
                    if b < a {
                        self.error(start_pos(at), format!("invalid slice indices: {b} < {a}"));
                        break 'order;
                    }
                }
            }
        }
        self.value(result)
    }
}
