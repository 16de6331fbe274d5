//! Expressions (go/types expr.go): literals, names, unary and binary operations, comparisons,
//! shifts and type assertions, with constant folding in exact arithmetic.

use std::fmt::Display;

use super::exprstring::{expr_string, start_pos, strip_parens, BinaryText};
use super::operand::{Mode, Operand};
use super::untyped::{float_binary, ConstSite};
use super::{Checker, ObjId, ObjKind, Selection};
use crate::compile::ast::*;
use crate::compile::types::{Basic, Const, Type, TypeId};
use num_bigint::{BigInt, Sign};

impl Checker {
    /// An expression that must have exactly one value.
    pub(super) fn expr(&mut self, e: &Expr) -> Operand {
        let op = self.expr_any(e);
        self.single_value(e, op)
    }

    pub(super) fn single_value(&mut self, e: &Expr, op: Operand) -> Operand {
        match &op.mode {
            Mode::NoValue => {
                self.error(
                    start_pos(e),
                    format!("{} (no value) used as value", expr_string(e)),
                );
                Operand::invalid()
            }
            Mode::Type => {
                self.error(
                    start_pos(e),
                    format!("{} (type) is not an expression", expr_string(e)),
                );
                Operand::invalid()
            }
            Mode::Pkg(_) => {
                // The package name alone is no use of the import (use_obj did not count it).
                self.error(
                    start_pos(e),
                    format!("use of package {} not in selector", expr_string(e)),
                );
                Operand::invalid()
            }
            Mode::Builtin(_) => {
                self.error(
                    start_pos(e),
                    format!("{} (built-in) must be called", expr_string(e)),
                );
                Operand::invalid()
            }
            // A top-level function used as a value (Go spec, "Function types").
            Mode::Func(_) => self.value(op.ty),
            // `f2[byte]` used as a value, with the other type arguments inferred from the
            // constraints' core types (types2 funcInst: infer with no arguments).
            Mode::Generic(id, explicit) if !explicit.is_empty() => {
                let inst = self.partial_instance(e, *id, &explicit.clone());
                match inst.mode {
                    Mode::Invalid => inst,
                    _ => self.value(inst.ty),
                }
            }
            Mode::Generic(id, _) => {
                let name = self.prog.objs[*id as usize].name.clone();
                self.error(
                    start_pos(e),
                    format!("cannot use generic function {name} without instantiation"),
                );
                Operand::invalid()
            }
            Mode::GenericType(t) => {
                let shown = self.generic_type_string(*t);
                self.error(
                    start_pos(e),
                    format!("cannot use generic type {shown} without instantiation"),
                );
                Operand::invalid()
            }
            Mode::Method(..) | Mode::IfaceMethod(_) => self.method_value(e, &op),
            _ => {
                if let Type::Tuple(ts) = self.prog.types.get(op.ty) {
                    if op.mode == Mode::Value && ts.len() != 1 {
                        let d = format!("{} (value of type {})", expr_string(e), self.tn(op.ty));
                        self.error(
                            start_pos(e),
                            format!("multiple-value {d} in single-value context"),
                        );
                        return Operand::invalid();
                    }
                }
                op
            }
        }
    }

    /// Any expression: types, packages, builtins and multi-value calls included.
    pub(super) fn expr_any(&mut self, e: &Expr) -> Operand {
        if self.out_of_stack(e.pos, "expression") {
            return Operand::invalid();
        }
        let mut op = self.expr_inner(e);
        // A value of an invalid type was already reported where the type went wrong; types2
        // reports nothing more about it.
        if matches!(
            op.mode,
            Mode::Value | Mode::Var | Mode::MapIndex | Mode::Const
        ) && op.ty == 0
        {
            op = Operand::invalid();
        }
        if op.mode != Mode::Invalid {
            self.prog.info.types.insert(e.id, op.ty);
            if let (Mode::Const, Some(v)) = (&op.mode, &op.val) {
                self.prog.info.consts.insert(e.id, v.clone());
            }
        }
        op
    }

    pub(super) fn expr_inner(&mut self, e: &Expr) -> Operand {
        match &e.kind {
            // `f[A, B]`: an instantiation with several type arguments.
            ExprKind::IndexList(x, list) => {
                let xo = self.expr_any(x);
                self.instantiation(e, x, xo, list)
            }
            // Longer literals are not meaningful (constants hold 512 bits) and take long to
            // convert: types2 stops at 10,000 characters, and prints the first ten.
            ExprKind::IntLit(s) | ExprKind::FloatLit(s) | ExprKind::ImagLit(s)
                if s.len() > 10_000 =>
            {
                let head: String = s.chars().take(10).collect();
                self.error(
                    e.pos,
                    format!("excessively long constant: {head}... ({} chars)", s.len()),
                );
                Operand::invalid()
            }
            ExprKind::IntLit(s) => match parse_int(s) {
                Some(v) => self.constant(self.basic(Basic::UntypedInt), Const::from_big(v)),
                None => {
                    self.error(e.pos, format!("malformed constant: {s}"));
                    Operand::invalid()
                }
            },
            ExprKind::FloatLit(s) => match Const::float_literal(s) {
                Some(v) => self.constant(self.basic(Basic::UntypedFloat), v),
                None => {
                    // Its binary exponent does not fit 32 bits (types2: the literal's value
                    // is unknown).
                    self.error(e.pos, format!("malformed constant: {s}"));
                    Operand::invalid()
                }
            },
            ExprKind::ImagLit(s) => self.imag_lit(e, s),
            ExprKind::CharLit(c) => {
                self.constant(self.basic(Basic::UntypedRune), Const::Int(*c as i128))
            }
            ExprKind::StrLit(s) => {
                self.constant(self.basic(Basic::UntypedString), Const::Str(s.clone()))
            }
            ExprKind::Ident(n) => self.ident(e, n),
            ExprKind::Paren(x) => {
                let op = self.expr_any(x);
                // Generic functions and types cannot be parenthesized: they must be
                // instantiated first (types2 exprInternal and typInternal for ParenExpr), so
                // `(F)[int]`, `(F)(x)` and `(Pair)[int, bool]{}` are errors.
                if matches!(op.mode, Mode::Generic(..) | Mode::GenericType(_)) {
                    return self.single_value(x, op);
                }
                op
            }
            ExprKind::Type(t) => {
                let ty = self.resolve_type(t);
                if ty == 0 {
                    return Operand::invalid();
                }
                Operand {
                    mode: Mode::Type,
                    ty,
                    val: None,
                }
            }
            ExprKind::FuncLit(fl) => self.func_lit(e, fl),
            ExprKind::Slice { x, lo, hi, max } => {
                self.slice_expr(e, x, lo.as_deref(), hi.as_deref(), max.as_deref())
            }
            ExprKind::TypeAssert(x, Some(t)) => self.type_assert(e, x, t),
            ExprKind::TypeAssert(x, None) => {
                self.expr(x);
                self.error(
                    e.pos,
                    "invalid syntax tree: use of .(type) outside type switch",
                );
                Operand::invalid()
            }
            ExprKind::Selector(x, sel, _) => self.selector(e, x, sel),
            ExprKind::Index(x, i) => self.index(e, x, i),
            ExprKind::Unary(op, x) => self.unary(e, *op, x),
            ExprKind::Binary(op, x, y) => {
                let xo = self.expr(x);
                self.binary(e.pos, *op, x, y, xo)
            }
            ExprKind::Call { func, args, .. } => self.call(e, func, args),
            ExprKind::Composite { ty, elems, .. } => self.composite(e, ty.as_deref(), elems),
        }
    }

    pub(super) fn ident(&mut self, e: &Expr, n: &str) -> Operand {
        if n == "_" {
            self.error(e.pos, "cannot use _ as value or type");
            return Operand::invalid();
        }
        let Some(id) = self.lookup(n) else {
            self.undefined(e.pos, n);
            return Operand::invalid();
        };
        self.use_obj(e, id)
    }

    pub(super) fn use_obj(&mut self, e: &Expr, id: ObjId) -> Operand {
        self.resolve(id);
        self.prog.info.uses.insert(e.id, id);
        // A package name counts as used only in a selector (types2 ident), which marks it.
        if !matches!(self.prog.objs[id as usize].kind, ObjKind::Pkg(_)) {
            self.prog.objs[id as usize].used = true;
        }
        self.note_ref(id);
        let o = &self.prog.objs[id as usize];
        let ty = o.ty;
        match &o.kind {
            ObjKind::Var(_) => {
                if ty == 0 {
                    return Operand::invalid();
                }
                self.note_capture(id);
                Operand {
                    mode: Mode::Var,
                    ty,
                    val: None,
                }
            }
            ObjKind::Const(v) => {
                if o.name == "iota" && o.pkg == usize::MAX {
                    return match self.iota {
                        Some(i) => self.constant(ty, Const::Int(i as i128)),
                        None => {
                            self.error(e.pos, "cannot use iota outside constant declaration");
                            Operand::invalid()
                        }
                    };
                }
                if ty == 0 {
                    return Operand::invalid();
                }
                let v = v.clone();
                self.constant(ty, v)
            }
            ObjKind::TypeName => {
                let name = o.name.clone();
                let t = self.type_of_obj(id, e.pos, &name);
                if t == 0 {
                    return Operand::invalid();
                }
                let mode = if self.gen.type_tparams.contains_key(&t) {
                    Mode::GenericType(t)
                } else {
                    Mode::Type
                };
                Operand {
                    mode,
                    ty: t,
                    val: None,
                }
            }
            ObjKind::Func { .. } if self.gen.func_tparams.contains_key(&id) => Operand {
                mode: Mode::Generic(id, Vec::new()),
                ty,
                val: None,
            },
            // A function whose declaration was refused (a generic one) has no type.
            ObjKind::Func { .. } if ty == 0 => Operand::invalid(),
            ObjKind::Func { .. } => Operand {
                mode: Mode::Func(id),
                ty,
                val: None,
            },
            ObjKind::Pkg(p) => Operand {
                mode: Mode::Pkg(*p),
                ty: 0,
                val: None,
            },
            ObjKind::Builtin(b) => Operand {
                mode: Mode::Builtin(*b),
                ty: 0,
                val: None,
            },
            ObjKind::Nil => self.value(ty),
        }
    }

    /// `x.(T)` (Go spec, "Type assertions"): x must be an interface, and a concrete T must
    /// implement it.
    pub(super) fn type_assert(&mut self, e: &Expr, x: &Expr, te: &TypeExpr) -> Operand {
        let xo = self.expr(x);
        let t = self.resolve_type(te);
        if xo.mode == Mode::Invalid || t == 0 {
            return Operand::invalid();
        }
        if !self.prog.types.is_interface(xo.ty) {
            self.error(
                start_pos(x),
                format!(
                    "invalid operation: {} is not an interface",
                    self.describe(x, &xo)
                ),
            );
            return Operand::invalid();
        }
        let generic =
            self.gen.in_instance || self.has_type_params(t) || self.has_type_params(xo.ty);
        if !self.prog.types.is_interface(t) && !generic {
            if let Err(why) = self.implements(t, xo.ty) {
                self.error(
                    e.pos,
                    format!("impossible type assertion: {}\n\t{}", expr_string(e), why),
                );
                return Operand::invalid();
            }
        }
        self.value(t)
    }

    pub(super) fn unary(&mut self, e: &Expr, op: UnOp, x: &Expr) -> Operand {
        match op {
            UnOp::Addr => {
                if let ExprKind::Composite { .. } = &strip_parens(x).kind {
                    let xo = self.expr(x);
                    if xo.mode == Mode::Invalid {
                        return Operand::invalid();
                    }
                    let t = self.prog.types.pointer(xo.ty);
                    return self.value(t);
                }
                let xo = self.expr(x);
                if xo.mode == Mode::Invalid {
                    return Operand::invalid();
                }
                if xo.mode != Mode::Var {
                    self.error(
                        start_pos(x),
                        format!(
                            "invalid operation: cannot take address of {}",
                            self.describe(x, &xo)
                        ),
                    );
                    return Operand::invalid();
                }
                if let Some(root) = self.addr_root(x) {
                    self.prog.objs[root as usize].addr_taken = true;
                }
                let t = self.prog.types.pointer(xo.ty);
                self.value(t)
            }
            UnOp::Deref => {
                let xo = self.expr_any(x);
                match xo.mode {
                    Mode::Invalid => return Operand::invalid(),
                    Mode::Type => {
                        let t = self.prog.types.pointer(xo.ty);
                        return Operand {
                            mode: Mode::Type,
                            ty: t,
                            val: None,
                        };
                    }
                    _ => {}
                }
                let xo = self.single_value(x, xo);
                if xo.mode == Mode::Invalid {
                    return xo;
                }
                match self.prog.types.get(self.prog.types.under(xo.ty)).clone() {
                    Type::Pointer(elem) => Operand {
                        mode: Mode::Var,
                        ty: elem,
                        val: None,
                    },
                    _ => {
                        if xo.ty == self.basic(Basic::UntypedNil) {
                            self.error(start_pos(x), "invalid operation: cannot indirect nil");
                        } else {
                            self.error(
                                start_pos(x),
                                format!(
                                    "invalid operation: cannot indirect {}",
                                    self.describe(x, &xo)
                                ),
                            );
                        }
                        Operand::invalid()
                    }
                }
            }
            UnOp::Recv => self.recv_expr(x),
            UnOp::Neg | UnOp::Plus | UnOp::Xor | UnOp::Not => {
                let xo = self.expr(x);
                if xo.mode == Mode::Invalid {
                    return xo;
                }
                let ok = match op {
                    UnOp::Not => self.prog.types.is_bool(xo.ty),
                    UnOp::Xor => self.prog.types.is_integer(xo.ty),
                    _ => self.prog.types.is_numeric(xo.ty),
                };
                if !ok {
                    return self.operator_not_defined(op.as_str(), x, &xo);
                }
                if let Some(v) = &xo.val {
                    let r = match (op, v) {
                        (UnOp::Not, Const::Bool(b)) => Const::Bool(!b),
                        (UnOp::Neg, Const::Int(i)) => {
                            Const::from_big(-num_bigint::BigInt::from(*i))
                        }
                        (UnOp::Neg, Const::Big(i)) => Const::from_big(-i.clone()),
                        (UnOp::Plus, Const::Big(i)) => Const::Big(i.clone()),
                        (UnOp::Xor, Const::Big(i)) => Const::from_big(!i.clone()),
                        (UnOp::Plus, Const::Int(i)) => Const::Int(*i),
                        (UnOp::Neg, Const::Float(r)) => Const::Float(-r.clone()),
                        (UnOp::Plus, Const::Float(r)) => Const::Float(r.clone()),
                        (UnOp::Neg, Const::BigFloat(f)) => Const::BigFloat(f.neg()),
                        (UnOp::Plus, Const::BigFloat(f)) => Const::BigFloat(f.clone()),
                        (UnOp::Neg, Const::Complex(re, im)) => Const::Complex(-re, -im),
                        (UnOp::Plus, Const::Complex(re, im)) => {
                            Const::Complex(re.clone(), im.clone())
                        }
                        (UnOp::Xor, Const::Int(i)) => {
                            // ^x for unsigned typed constants flips only the type's bits.
                            match self.prog.types.basic_of(xo.ty).and_then(|b| b.int_info()) {
                                Some((size, false)) => Const::Int(i ^ ((1i128 << (size * 8)) - 1)),
                                _ => Const::Int(!i),
                            }
                        }
                        _ => return Operand::invalid(),
                    };
                    return self.const_result(ConstSite::Expr(e), xo.ty, r);
                }
                self.value(xo.ty)
            }
        }
    }

    /// The local or global variable whose storage `&x` points into.
    pub(super) fn addr_root(&self, x: &Expr) -> Option<ObjId> {
        match &x.kind {
            ExprKind::Ident(_) => self.prog.info.uses.get(&x.id).copied(),
            ExprKind::Paren(y) => self.addr_root(y),
            ExprKind::Selector(y, ..) => match self.prog.info.selections.get(&x.id) {
                Some(Selection::Field { deref: false, .. }) => self.addr_root(y),
                _ => None,
            },
            ExprKind::Index(y, _) => {
                let t = self.prog.info.types.get(&y.id).copied().unwrap_or(0);
                if matches!(
                    self.prog.types.get(self.prog.types.under(t)),
                    Type::Array(..)
                ) {
                    self.addr_root(y)
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    /// Binary operation; `xo` is the already-checked left operand.
    pub(super) fn binary(
        &mut self,
        pos: Pos,
        op: BinOp,
        x: &Expr,
        y: &Expr,
        mut xo: Operand,
    ) -> Operand {
        let mut yo = self.expr(y);
        if xo.mode == Mode::Invalid || yo.mode == Mode::Invalid {
            return Operand::invalid();
        }
        // An op= statement prints as itself in messages (`x += "one"`).
        let op_text = if self.op_assign {
            format!("{}=", op.as_str())
        } else {
            op.as_str().to_string()
        };
        let e_str = BinaryText { x, op: &op_text, y };
        if op.is_shift() {
            return self.shift(pos, op, x, y, xo, yo);
        }
        // Bring both operands to a common type: an untyped side takes the other side's type.
        // An untyped operand meeting an interface takes its default type (types2
        // implicitTypeAndValue); a constant that does not fit it is reported, and the
        // operation goes on with that type, as in types2.
        let nil = self.basic(Basic::UntypedNil);
        let (xt0, yt0) = (xo.ty, yo.ty);
        for (e, o, other) in [(x, &mut xo, yt0), (y, &mut yo, xt0)] {
            if self.prog.types.is_untyped(o.ty)
                && o.ty != nil
                && self.prog.types.is_interface(other)
            {
                let d = self.default_type_of(o.ty);
                let mut converted = o.clone();
                self.convert_untyped_to(e, &mut converted, d);
                o.ty = d;
                if converted.mode == Mode::Invalid {
                    o.val = None;
                }
            }
        }
        let (xu, yu) = (
            self.prog.types.is_untyped(xo.ty),
            self.prog.types.is_untyped(yo.ty),
        );
        let names = (self.tn(xo.ty), self.tn(yo.ty));
        // Operands that cannot mix are "mismatched types", which types2 reports at the right
        // operand of a comparison and at the left one of an arithmetic operation; a failed
        // conversion of an untyped operand is reported at that operand.
        let mismatch_at = if op.is_comparison() { y } else { x };
        if xu && !yu {
            if !self.implicit_convert(x, &mut xo, yo.ty, &e_str, mismatch_at, names) {
                return Operand::invalid();
            }
        } else if yu && !xu {
            if !self.implicit_convert(y, &mut yo, xo.ty, &e_str, mismatch_at, names) {
                return Operand::invalid();
            }
        } else if xu && yu {
            // Both untyped: nil only compares with nil; numeric kinds widen (int < rune < float).
            let (xk, yk) = (
                self.prog.types.basic_of(xo.ty).unwrap(),
                self.prog.types.basic_of(yo.ty).unwrap(),
            );
            let numeric = |b: Basic| {
                matches!(
                    b,
                    Basic::UntypedInt
                        | Basic::UntypedRune
                        | Basic::UntypedFloat
                        | Basic::UntypedComplex
                )
            };
            if xk != yk {
                if numeric(xk) && numeric(yk) {
                    let rank = |b: Basic| match b {
                        Basic::UntypedInt => 0,
                        Basic::UntypedRune => 1,
                        Basic::UntypedFloat => 2,
                        _ => 3,
                    };
                    let t = if rank(xk) >= rank(yk) { xo.ty } else { yo.ty };
                    xo.ty = t;
                    yo.ty = t;
                } else {
                    return self.mismatched(mismatch_at, &e_str, xo.ty, yo.ty);
                }
            }
        }
        if op.is_comparison() {
            return self.comparison(op, x, y, &xo, &yo, &e_str);
        }
        if !self.prog.types.identical(xo.ty, yo.ty) {
            return self.mismatched(x, &e_str, xo.ty, yo.ty);
        }
        let t = xo.ty;
        // Operator applicability (Go spec, "Arithmetic operators", "Logical operators").
        let types = &self.prog.types;
        let ok = match op {
            BinOp::LAnd | BinOp::LOr => types.is_bool(t),
            BinOp::Add => types
                .all_terms(t, &|ty, x| ty.is_numeric(x) || ty.is_string(x))
                .unwrap_or_else(|| types.is_numeric(t) || types.is_string(t)),
            BinOp::Sub | BinOp::Mul | BinOp::Div => types.is_numeric(t),
            _ => types.is_integer(t),
        };
        if !ok {
            return self.operator_not_defined(op.as_str(), x, &xo);
        }
        if matches!(op, BinOp::Div | BinOp::Rem) {
            // A constant zero divisor is an error for integers, or when both operands are
            // constant (Go spec, "Arithmetic operators"); x / 0.0 with float x is +-Inf.
            let int_or_const = self.prog.types.is_integer(t) || xo.val.is_some();
            if int_or_const
                && yo
                    .val
                    .as_ref()
                    .and_then(|v| v.to_rational())
                    .is_some_and(|r| num_traits::Zero::is_zero(&r))
            {
                self.error(start_pos(y), "invalid operation: division by zero");
                return Operand::invalid();
            }
        }
        if let (Some(a), Some(b)) = (&xo.val, &yo.val) {
            if self.prog.types.is_complex(t)
                || matches!(a, Const::Complex(..))
                || matches!(b, Const::Complex(..))
            {
                let Some(r) = super::complex::complex_binary(op, a, b) else {
                    if [a, b].iter().any(|c| matches!(c, Const::BigFloat(_))) {
                        // Complex constants hold exact fractions only.
                        self.error(
                            pos,
                            "tbuild does not support complex constants with a part this large or small yet",
                        );
                    }
                    return Operand::invalid();
                };
                // Rounded once it is known to fit: one that does not is reported as it is.
                let r = if self.prog.types.representable(&r, t) {
                    self.round_const(&r, t)
                } else {
                    r
                };
                return self.const_result(ConstSite::Binary { pos, op, x, y }, t, r);
            }
            let float = self.prog.types.is_float(t) || a.is_float() || b.is_float();
            let r = match (a, b) {
                (
                    Const::Int(_) | Const::Big(_) | Const::Float(_) | Const::BigFloat(_),
                    Const::Int(_) | Const::Big(_) | Const::Float(_) | Const::BigFloat(_),
                ) if float => match float_binary(op, a, b) {
                    Some(r) => self.round_const(&r, t),
                    None => {
                        // Beyond a 32-bit binary exponent (types2 overflow: the value is
                        // unknown).
                        self.error(pos, "constant result is not representable");
                        return Operand::invalid();
                    }
                },
                (Const::Int(_) | Const::Big(_), Const::Int(_) | Const::Big(_)) => {
                    // Exact integer arithmetic (Go's untyped constants are arbitrary
                    // precision); / truncates and % follows the dividend, as in Go.
                    let (a, b) = (a.to_bigint().unwrap(), b.to_bigint().unwrap());
                    let r = match op {
                        BinOp::Add => a + b,
                        BinOp::Sub => a - b,
                        BinOp::Mul => a * b,
                        BinOp::Div => a / b,
                        BinOp::Rem => a % b,
                        BinOp::And => a & b,
                        BinOp::Or => a | b,
                        BinOp::Xor => a ^ b,
                        BinOp::AndNot => a & !b,
                        _ => return Operand::invalid(),
                    };
                    Const::from_big(r)
                }
                (Const::Bool(a), Const::Bool(b)) => Const::Bool(if op == BinOp::LAnd {
                    *a && *b
                } else {
                    *a || *b
                }),
                (Const::Str(a), Const::Str(b)) => {
                    let mut s = a.clone();
                    s.extend_from_slice(b);
                    Const::Str(s)
                }
                _ => return Operand::invalid(),
            };
            return self.const_result(ConstSite::Binary { pos, op, x, y }, t, r);
        }

        // Record the operands' final types (an untyped constant side took the other's type).
        self.prog.info.types.insert(x.id, xo.ty);
        self.prog.info.types.insert(y.id, yo.ty);
        self.value(t)
    }

    /// "mismatched types X and Y" for the operation `e_str`, reported where `at` starts.
    fn mismatched(&mut self, at: &Expr, e_str: &dyn Display, xt: TypeId, yt: TypeId) -> Operand {
        let (xn, yn) = (self.tn(xt), self.tn(yt));
        self.error(
            start_pos(at),
            format!("invalid operation: {e_str} (mismatched types {xn} and {yn})"),
        );
        Operand::invalid()
    }

    /// "operator OP not defined on X" for an operand whose type the operator does not
    /// apply to (types2 op's message), reported where the operand starts.
    fn operator_not_defined(&mut self, op: &str, x: &Expr, xo: &Operand) -> Operand {
        let what = self.describe(x, xo);
        self.error(
            start_pos(x),
            format!("invalid operation: operator {op} not defined on {what}"),
        );
        Operand::invalid()
    }

    /// How types2 names a type in "operator not defined on X": the basic type's name, or the
    /// kind of a composite type (struct, pointer, ...).
    pub(super) fn type_kind_word(&self, t: TypeId) -> String {
        match self.prog.types.get(self.prog.types.under(t)) {
            Type::Basic(_) => self.tn(t),
            Type::Struct(_) => "struct".into(),
            Type::Pointer(_) => "pointer".into(),
            Type::Array(..) => "array".into(),
            Type::Slice(_) => "slice".into(),
            Type::Func(_) => "func".into(),
            Type::Map(..) => "map".into(),
            Type::Chan(..) => "chan".into(),
            Type::Interface(_) => "interface".into(),
            _ => self.tn(t),
        }
    }

    pub(super) fn is_nil(&self, e: &Expr) -> bool {
        let e = strip_parens(e);
        matches!(
            self.prog
                .info
                .uses
                .get(&e.id)
                .map(|o| &self.prog.objs[*o as usize].kind),
            Some(ObjKind::Nil)
        )
    }

    /// Go spec, "Comparison operators": which types support == (slices and funcs only
    /// against nil, handled by the caller).
    pub(super) fn comparable(&self, t: TypeId) -> bool {
        let types = &self.prog.types;
        if types.is_type_param(t) {
            return self.comparable_type(t);
        }
        match types.get(types.under(t)) {
            Type::Basic(b) => *b != Basic::UntypedNil,
            Type::Pointer(_) | Type::Chan(..) | Type::Interface(_) => true,
            Type::Array(_, e) => self.comparable(*e),
            Type::Struct(fields) => fields.iter().all(|f| self.comparable(f.ty)),
            _ => false,
        }
    }

    /// Why values of type t cannot be compared (types2 incomparableCause).
    fn incomparable_cause(&self, t: TypeId) -> String {
        let types = &self.prog.types;
        if types.is_type_param(t) {
            return "incomparable types in type set".to_string();
        }
        match types.get(types.under(t)) {
            Type::Slice(_) | Type::Func(_) | Type::Map(..) => {
                format!("{} can only be compared to nil", self.type_kind_word(t))
            }
            Type::Struct(fields) => fields
                .iter()
                .find(|f| !self.comparable(f.ty))
                .map(|f| format!("struct containing {} cannot be compared", self.tn(f.ty)))
                .unwrap_or_default(),
            Type::Array(..) => format!("{} cannot be compared", self.tn(t)),
            _ => String::new(),
        }
    }

    /// A comparison (Go spec, "Comparison operators"; types2 comparison, whose checks and
    /// error positions this follows): one operand assignable to the other's type, both
    /// comparable for == and !=, ordered for the others.
    pub(super) fn comparison(
        &mut self,
        op: BinOp,
        x: &Expr,
        y: &Expr,
        xo: &Operand,
        yo: &Operand,
        e_str: &dyn Display,
    ) -> Operand {
        let (xt, yt) = (xo.ty, yo.ty);
        let x_nil = self.is_nil(x);
        let y_nil = self.is_nil(y);
        let ok = self.assignable(xt, yt)
            || self.assignable(yt, xt)
            || (x_nil && self.prog.types.is_nillable(yt))
            || (y_nil && self.prog.types.is_nillable(xt));
        // The operand the error is reported at, and why.
        let mut failed: Option<(&Expr, TypeId, String)> = None;
        if !ok {
            let cause = format!("mismatched types {} and {}", self.tn(xt), self.tn(yt));
            failed = Some((y, yt, cause));
        } else if matches!(op, BinOp::Eq | BinOp::Ne) {
            if x_nil || y_nil {
                let t = if x_nil { yt } else { xt };
                if !self.prog.types.is_nillable(t) || (x_nil && y_nil) {
                    failed = Some((y, yt, String::new()));
                }
            } else if !self.comparable(xt) {
                failed = Some((x, xt, self.incomparable_cause(xt)));
            } else if !self.comparable(yt) {
                failed = Some((y, yt, self.incomparable_cause(yt)));
            }
        } else {
            let types = &self.prog.types;
            let ordered = |t: TypeId| types.is_ordered(t);
            if !ordered(xt) {
                failed = Some((x, xt, String::new()));
            } else if !ordered(yt) {
                failed = Some((y, yt, String::new()));
            }
        }
        if let Some((at, t, cause)) = failed {
            let cause = if cause.is_empty() && self.prog.types.is_type_param(t) {
                format!(
                    "type parameter {} is not comparable with {}",
                    self.tn(t),
                    op.as_str()
                )
            } else if cause.is_empty() {
                format!(
                    "operator {} not defined on {}",
                    op.as_str(),
                    self.type_kind_word(t)
                )
            } else {
                cause
            };
            self.error(
                start_pos(at),
                format!("invalid operation: {e_str} ({cause})"),
            );
            return Operand::invalid();
        }
        // Comparing an interface with a value of a type that implements it converts the value
        // (where the lowering evaluates it).
        if !self.prog.types.identical(xt, yt) {
            if self.prog.types.is_interface(xt) && self.assignable(yt, xt) {
                self.note_conversion(y, yt, xt);
            } else if self.prog.types.is_interface(yt) && self.assignable(xt, yt) {
                self.note_conversion(x, xt, yt);
            }
        }
        if (x_nil || y_nil) && !(x_nil && y_nil) {
            // nil takes the other operand's type, for the lowering.
            let t = if x_nil { yt } else { xt };
            self.prog.info.types.insert(x.id, t);
            self.prog.info.types.insert(y.id, t);
        }
        let ub = self.basic(Basic::UntypedBool);
        if let (Some(a), Some(b)) = (&xo.val, &yo.val) {
            let r = match (a, b) {
                (Const::Int(a), Const::Int(b)) => cmp_result(op, a.cmp(b)),
                (
                    Const::Int(_) | Const::Big(_) | Const::Float(_),
                    Const::Int(_) | Const::Big(_) | Const::Float(_),
                ) => cmp_result(op, a.to_rational().unwrap().cmp(&b.to_rational().unwrap())),
                (Const::BigFloat(_), _) | (_, Const::BigFloat(_)) => {
                    match (a.to_bigfloat(), b.to_bigfloat()) {
                        (Some(a), Some(b)) => cmp_result(op, a.compare(&b)),
                        _ => false,
                    }
                }
                (Const::Str(a), Const::Str(b)) => cmp_result(op, a.cmp(b)),
                (Const::Bool(a), Const::Bool(b)) => cmp_result(op, a.cmp(b)),
                (Const::Complex(..), _) | (_, Const::Complex(..)) => {
                    super::complex::complex_equal(a, b) == (op == BinOp::Eq)
                }
                _ => false,
            };
            return self.constant(ub, Const::Bool(r));
        }
        // Untyped operands on both sides of a non-constant comparison get their default types.
        if self.prog.types.is_untyped(xo.ty) && xo.ty != self.basic(Basic::UntypedNil) {
            let (mut a, mut b) = (xo.clone(), yo.clone());
            self.default_type(x, &mut a, "comparison");
            self.default_type(y, &mut b, "comparison");
        } else {
            // An operand converted to the other's interface type keeps its own type here;
            // the conversion is applied where it is used.
            for (e, t) in [(x, xo.ty), (y, yo.ty)] {
                if !self.prog.info.converts.contains_key(&e.id) {
                    self.prog.info.types.insert(e.id, t);
                }
            }
        }
        self.value(ub)
    }

    #[allow(clippy::too_many_arguments)] // one operand pair and its spellings for messages
    /// `x << y` and `x >> y` (Go spec, "Operators"; types2 shift, whose checks and
    /// messages this follows in order): the shifted operand must be an integer, or an untyped
    /// constant representable as one; the count an integer or an untyped constant
    /// representable as a uint.
    #[allow(clippy::too_many_arguments)] // one operand pair and its spellings for messages
    pub(super) fn shift(
        &mut self,
        pos: Pos,
        op: BinOp,
        x: &Expr,
        y: &Expr,
        xo: Operand,
        mut yo: Operand,
    ) -> Operand {
        let types = &self.prog.types;
        let xval = xo.val.as_ref().and_then(Const::to_bigint);
        let untyped_x = types.is_untyped(xo.ty);
        if !(types.is_integer(xo.ty) || untyped_x && xval.is_some()) {
            self.error(
                start_pos(x),
                format!(
                    "invalid operation: shifted operand {} must be integer",
                    self.describe(x, &xo)
                ),
            );
            return Operand::invalid();
        }
        let uint = self.basic(Basic::Uint);
        // Messages describe the count as written, before it becomes a uint.
        let count_as_written = yo.clone();
        if let Some(v) = yo.val.clone() {
            if v.to_bigint().is_some_and(|c| c.sign() == Sign::Minus) {
                self.error(
                    start_pos(y),
                    format!(
                        "invalid operation: negative shift count {}",
                        self.describe(y, &yo)
                    ),
                );
                return Operand::invalid();
            }
        }
        // An untyped count must be representable as a uint; tbuild records it as one for the
        // lowering (types2 leaves a constant one untyped).
        if self.prog.types.is_untyped(yo.ty) && !self.convert_untyped_to(y, &mut yo, uint) {
            return Operand::invalid();
        }
        // Any other count must have an integer type, a typed constant too (`x >> float32(1)`,
        // worded as types2 words it from Go 1.20; 1.19's checker let that one through and its
        // backend crashed: "unhandled shift op").
        if !self.prog.types.is_integer(yo.ty) {
            self.error(
                start_pos(y),
                format!(
                    "invalid operation: shift count {} must be integer",
                    self.describe(y, &yo)
                ),
            );
            return Operand::invalid();
        }
        if let (Some(a), Some(c)) = (&xval, &yo.val) {
            // Constant shifts: counts past what float64 constants need are refused.
            let count = c.to_bigint().and_then(|c| u64::try_from(c).ok());
            let Some(count) = count.filter(|c| *c <= 1023 - 1 + 52) else {
                self.error(
                    start_pos(y),
                    format!(
                        "invalid operation: invalid shift count {}",
                        self.describe(y, &count_as_written)
                    ),
                );
                return Operand::invalid();
            };
            // A whole float shifted is an integer (types2: the type becomes untyped int).
            let ty = if self.prog.types.is_integer(xo.ty) {
                xo.ty
            } else {
                self.basic(Basic::UntypedInt)
            };
            let r = if op == BinOp::Shl {
                Const::from_big(a << count)
            } else {
                Const::from_big(a >> count)
            };
            return self.const_result(ConstSite::Binary { pos, op, x, y }, ty, r);
        }
        if xo.val.is_some() && self.prog.types.is_untyped(xo.ty) {
            // A non-constant shift of an untyped constant: the constant takes the type the
            // context gives the whole expression (Go spec, "Operators"); until then it is an
            // untyped value of the operand's kind that set_type will settle.
            self.prog.info.types.insert(y.id, yo.ty);
            return self.value(xo.ty);
        }
        if !self.prog.types.is_integer(xo.ty) {
            self.error(
                start_pos(x),
                format!(
                    "invalid operation: shifted operand {} must be integer",
                    self.describe(x, &xo)
                ),
            );
            return Operand::invalid();
        }
        self.prog.info.types.insert(y.id, yo.ty);
        self.value(xo.ty)
    }
}

pub(super) fn cmp_result(op: BinOp, o: std::cmp::Ordering) -> bool {
    use std::cmp::Ordering::*;
    match op {
        BinOp::Eq => o == Equal,
        BinOp::Ne => o != Equal,
        BinOp::Lt => o == Less,
        BinOp::Le => o != Greater,
        BinOp::Gt => o == Greater,
        BinOp::Ge => o != Less,
        _ => false,
    }
}

/// Parses a Go integer literal (decimal, 0x, 0o, 0b, legacy octal, with `_` separators), of
/// any size: untyped integer constants are exact.
pub fn parse_int(s: &str) -> Option<BigInt> {
    let s: String = s.chars().filter(|&c| c != '_').collect();
    let (digits, radix) = if let Some(h) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        (h.to_string(), 16)
    } else if let Some(b) = s.strip_prefix("0b").or_else(|| s.strip_prefix("0B")) {
        (b.to_string(), 2)
    } else if let Some(o) = s.strip_prefix("0o").or_else(|| s.strip_prefix("0O")) {
        (o.to_string(), 8)
    } else if s.len() > 1 && s.starts_with('0') {
        (s[1..].to_string(), 8)
    } else {
        (s.clone(), 10)
    };
    if digits.is_empty() {
        return None;
    }
    BigInt::parse_bytes(digits.as_bytes(), radix)
}
