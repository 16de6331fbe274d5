//! Index and slice expressions (Go spec, "Index expressions", "Slice expressions"; go/types
//! index.go): operand kinds, index operands and constant bounds.

use super::exprstring::{expr_string, start_pos};
use super::operand::{Mode, Operand};
use super::Checker;
use crate::compile::ast::*;
use crate::compile::types::{Basic, Const, Type};

impl Checker {
    pub(super) fn index(&mut self, e: &Expr, x: &Expr, i: &Expr) -> Operand {
        let xo = self.expr(x);
        let mut io = self.expr(i);
        if xo.mode == Mode::Invalid || io.mode == Mode::Invalid {
            return Operand::invalid();
        }
        let types = &self.prog.types;
        let (len, elem, mode) = match types.get(types.under(xo.ty)).clone() {
            Type::Basic(Basic::String | Basic::UntypedString) => {
                let len = match &xo.val {
                    Some(Const::Str(s)) => Some(s.len() as u64),
                    _ => None,
                };
                (len, self.basic(Basic::Byte), Mode::Value)
            }
            Type::Array(n, elem) => (
                Some(n),
                elem,
                if xo.mode == Mode::Var {
                    Mode::Var
                } else {
                    Mode::Value
                },
            ),
            Type::Slice(elem) => (None, elem, Mode::Var),
            Type::Pointer(p) => match types.get(types.under(p)).clone() {
                Type::Array(n, elem) => (Some(n), elem, Mode::Var),
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
        if !self.index_operand(i, &mut io) {
            return Operand::invalid();
        }
        if let Some(Const::Int(v)) = &io.val {
            if let Some(n) = len {
                if *v >= n as i128 {
                    self.error(
                        start_pos(i),
                        format!(
                            "invalid argument: index {} out of bounds [0:{}]",
                            expr_string(i),
                            n
                        ),
                    );
                    return Operand::invalid();
                }
            }
            let int = self.basic(Basic::Int);
            if self.prog.types.is_untyped(io.ty) {
                if !self.prog.types.representable(&Const::Int(*v), int) {
                    self.error(
                        start_pos(i),
                        format!(
                            "cannot use {} as int value in index (overflows)",
                            expr_string(i)
                        ),
                    );
                    return Operand::invalid();
                }
                self.convert_untyped(i, &mut io, int);
            }
        }
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

    /// Checks an index operand as types2 does (isValidIndex): an untyped constant is
    /// converted to int first (so a string constant "cannot convert" and messages describe it
    /// as an int constant), then it must be an integer and, if constant, not negative.
    pub(super) fn index_operand(&mut self, i: &Expr, io: &mut Operand) -> bool {
        let int = self.basic(Basic::Int);
        if self.prog.types.is_untyped(io.ty) {
            if let Some(v) = io.val.clone() {
                let numeric = matches!(v, Const::Int(_) | Const::Big(_) | Const::Float(_));
                if !numeric || !self.prog.types.representable(&v, int) {
                    let how = if numeric && v.is_integral() {
                        " (overflows)"
                    } else {
                        ""
                    };
                    let what = if numeric && v.is_integral() {
                        "cannot use"
                    } else {
                        "cannot convert"
                    };
                    if what == "cannot use" {
                        self.error(
                            start_pos(i),
                            format!(
                                "cannot use {} as int value in index{}",
                                self.describe(i, io),
                                how
                            ),
                        );
                    } else {
                        self.error(
                            start_pos(i),
                            format!("cannot convert {} to int", self.describe(i, io)),
                        );
                    }
                    return false;
                }
                self.convert_untyped(i, io, int);
            }
        }
        if !self.prog.types.is_integer(io.ty) {
            self.error(
                start_pos(i),
                format!(
                    "invalid argument: index {} must be integer",
                    self.describe(i, io)
                ),
            );
            return false;
        }
        if let Some(Const::Int(v)) = &io.val {
            if *v < 0 {
                self.error(
                    start_pos(i),
                    format!(
                        "invalid argument: index {} must not be negative",
                        self.describe(i, io)
                    ),
                );
                return false;
            }
        }
        true
    }

    /// `x[lo:hi:max]` (Go spec, "Slice expressions").
    pub(super) fn slice_expr(
        &mut self,
        e: &Expr,
        x: &Expr,
        lo: Option<&Expr>,
        hi: Option<&Expr>,
        max: Option<&Expr>,
    ) -> Operand {
        let mut xo = self.expr(x);
        let idx: Vec<Option<(&Expr, Operand)>> = [lo, hi, max]
            .iter()
            .map(|i| i.map(|i| (i, self.expr(i))))
            .collect();
        if xo.mode == Mode::Invalid || idx.iter().flatten().any(|(_, o)| o.mode == Mode::Invalid) {
            return Operand::invalid();
        }
        let types = &self.prog.types;
        let (result, len) = match types.get(types.under(xo.ty)).clone() {
            Type::Basic(Basic::String | Basic::UntypedString) => {
                if max.is_some() {
                    self.error(
                        e.pos,
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
        let mut consts = Vec::new();
        for (i, mut o) in idx.into_iter().flatten() {
            if !self.prog.types.is_integer(o.ty) {
                self.error(
                    start_pos(i),
                    format!(
                        "invalid argument: index {} must be integer",
                        self.describe(i, &o)
                    ),
                );
                return Operand::invalid();
            }
            if let Some(Const::Int(v)) = o.val {
                if v < 0 {
                    self.error(
                        start_pos(i),
                        format!(
                            "invalid argument: index {} must not be negative",
                            self.describe(i, &o)
                        ),
                    );
                    return Operand::invalid();
                }
                if let Some(n) = len {
                    if v > n {
                        self.error(
                            start_pos(i),
                            format!(
                                "invalid argument: index {} out of bounds [0:{}]",
                                expr_string(i),
                                n + 1
                            ),
                        );
                        return Operand::invalid();
                    }
                }
                consts.push((i, v));
            }
            if self.prog.types.is_untyped(o.ty) {
                let int = self.basic(Basic::Int);
                self.convert_untyped(i, &mut o, int);
            }
        }
        for w in consts.windows(2) {
            if w[0].1 > w[1].1 {
                self.error(
                    start_pos(w[1].0),
                    format!("invalid slice indices: {} < {}", w[1].1, w[0].1),
                );
                return Operand::invalid();
            }
        }
        self.value(result)
    }
}
