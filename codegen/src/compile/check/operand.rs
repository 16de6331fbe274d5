//! Operands (go/types operand.go): what checking an expression yields (its mode, type and
//! constant value), and how messages describe one.

use super::exprstring::{expr_string, strip_parens};
use super::{Builtin, Checker, ObjId, ObjKind, PkgId};
use crate::compile::ast::*;
use crate::compile::types::{Basic, Const, TypeId};

/// What an expression denotes (go/types operandMode).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Mode {
    Invalid,
    NoValue,
    Value,
    /// An addressable variable (or part of one).
    Var,
    /// `m[k]` of a map: assignable, not addressable (go/types `mapindex`).
    MapIndex,
    Const,
    Type,
    Builtin(Builtin),
    Pkg(PkgId),
    Func(ObjId),
    /// `x.M` for a method M: (method, addr, deref) as in CallKind::Method.
    Method(ObjId, bool, bool),
    /// `x.M` for method number `index` (in sorted order) of x's interface type.
    IfaceMethod(usize),
    /// A generic function not instantiated yet, with the type arguments given so far
    /// (`F`, `F[int]` of `F[K, V any]`): only a call (which infers the rest) or an index
    /// expression may use it.
    Generic(ObjId, Vec<TypeId>),
    /// A generic type not instantiated: only an index expression may use it.
    GenericType(TypeId),
}

/// A checked expression: its mode, its type and, for a constant, its value.
#[derive(Debug, Clone)]
pub(super) struct Operand {
    pub(super) mode: Mode,
    pub(super) ty: TypeId,
    pub(super) val: Option<Const>,
}

impl Operand {
    pub(super) fn invalid() -> Operand {
        Operand {
            mode: Mode::Invalid,
            ty: 0,
            val: None,
        }
    }
}

impl Checker {
    /// Describes an operand the way types2 does in messages: `x (variable of type int)`.
    pub(super) fn describe(&self, e: &Expr, op: &Operand) -> String {
        let s = expr_string(e);
        let mut tn = self.tn(op.ty);
        if let Some(c) = self.constrained_by(op.ty) {
            // types2 operand.String: `x (variable of type T constrained by any)`.
            tn = format!("{tn} constrained by {c}");
        }
        match op.mode {
            Mode::Const => {
                let v = op.val.as_ref().map(|v| v.to_string()).unwrap_or_default();
                // The value is shown when it reads differently from the expression (types2
                // operand.String): `0x10 (untyped int constant 16)`, not `1 (... 1)`. A
                // string literal's source text is not kept; it is shown as its value is.
                let literal = matches!(e.kind, ExprKind::StrLit(_)) || s == v;
                if self.prog.types.is_untyped(op.ty) {
                    if literal {
                        format!("{s} ({tn} constant)")
                    } else {
                        format!("{s} ({tn} constant {v})")
                    }
                } else if literal {
                    format!("{s} (constant of type {tn})")
                } else {
                    format!("{s} (constant {v} of type {tn})")
                }
            }
            Mode::Var => format!("{s} (variable of type {tn})"),
            Mode::MapIndex => format!("{s} (map index expression of type {tn})"),
            Mode::Type => format!("{s} (type)"),
            Mode::NoValue => format!("{s} (no value)"),
            Mode::Builtin(_) => format!("{s} (built-in)"),
            Mode::Value if op.ty == self.basic(Basic::UntypedNil) => "nil".to_string(),
            // nil given a type by its context (types2's nilvalue mode).
            Mode::Value if self.is_nil(e) => format!("nil (of type {tn})"),
            Mode::Value if self.prog.types.is_untyped(op.ty) => format!("{s} ({tn} value)"),
            // A receive or a type assertion (types2's commaok mode).
            Mode::Value
                if matches!(
                    strip_parens(e).kind,
                    ExprKind::Unary(UnOp::Recv, _) | ExprKind::TypeAssert(_, Some(_))
                ) =>
            {
                format!("{s} (comma, ok expression of type {tn})")
            }
            _ => format!("{s} (value of type {tn})"),
        }
    }

    /// An object named `name` described as an operand denoting it would be (`y (variable of
    /// type int)`), for messages about a name used where a type belongs.
    pub(super) fn describe_obj(&self, id: ObjId, name: &str) -> String {
        let o = &self.prog.objs[id as usize];
        let op = match &o.kind {
            ObjKind::Var(_) => Operand {
                mode: Mode::Var,
                ty: o.ty,
                val: None,
            },
            ObjKind::Const(v) => self.constant(o.ty, v.clone()),
            ObjKind::Builtin(b) => Operand {
                mode: Mode::Builtin(*b),
                ty: 0,
                val: None,
            },
            _ => self.value(o.ty),
        };
        let e = Expr {
            id: u32::MAX,
            pos: o.pos,
            kind: ExprKind::Ident(name.to_string()),
        };
        self.describe(&e, &op)
    }

    pub(super) fn value(&self, ty: TypeId) -> Operand {
        Operand {
            mode: Mode::Value,
            ty,
            val: None,
        }
    }

    pub(super) fn constant(&self, ty: TypeId, v: Const) -> Operand {
        Operand {
            mode: Mode::Const,
            ty,
            val: Some(v),
        }
    }
}
