//! Maps (Go spec, "Map types", "Index expressions", "Composite literals", "Deletion of map
//! elements"): map types and their key check, map literals with their duplicate-key check,
//! `m[k]` and its comma-ok form, `delete`, and what `make`, `len`, `range` and comparisons
//! accept of a map. Messages are types2's (typexpr.go, expr.go, index.go, builtins.go).

use super::exprstring::{expr_string, start_pos, strip_parens};
use super::operand::{Mode, Operand};
use super::Checker;
use crate::compile::ast::*;
use crate::compile::types::{Basic, Const, TypeId};
use num_bigint::BigInt;

/// A constant map key as types2 compares them for duplicates (expr.go keyVal): integral
/// numbers by value whatever their kind (so `1` and `1.0` collide), other floats by their
/// float64 value.
#[derive(PartialEq)]
enum KeyVal {
    Int(BigInt),
    Float(u64),
    Str(Vec<u8>),
    Bool(bool),
}

fn key_val(c: &Const) -> KeyVal {
    match c {
        Const::Str(s) => KeyVal::Str(s.clone()),
        Const::Bool(b) => KeyVal::Bool(*b),
        c => match c.to_bigint() {
            Some(i) => KeyVal::Int(i),
            None => KeyVal::Float(c.to_f64().to_bits()),
        },
    }
}

impl Checker {
    /// `map[K]V`. Whether K is comparable is decided once every type of the package is
    /// complete (types2 delays it with check.later: K may be a type still being declared).
    pub(super) fn map_type(&mut self, key: &TypeExpr, elem: &TypeExpr) -> TypeId {
        let k = self.resolve_type(key);
        let v = self.resolve_type(elem);
        if k == 0 || v == 0 {
            return 0;
        }
        self.later_map_keys.push((start_type_pos(key), k));
        self.prog.types.map(k, v)
    }

    /// The delayed key checks: `invalid map key type K` at the key's type expression.
    pub(super) fn check_map_keys(&mut self) {
        for (pos, k) in std::mem::take(&mut self.later_map_keys) {
            if !self.comparable(k) {
                self.error(pos, format!("invalid map key type {}", self.tn(k)));
            }
        }
    }

    /// `map[K]V{k: v, ...}`: every element has a key; keys and values may elide their
    /// composite literal types; constant keys must differ (for an interface key type, the
    /// same constant of different types is no duplicate).
    pub(super) fn map_literal(
        &mut self,
        t: TypeId,
        kt: TypeId,
        vt: TypeId,
        elems: &[Element],
    ) -> Operand {
        let key_is_iface = self.prog.types.is_interface(kt);
        let mut seen: Vec<(KeyVal, TypeId)> = Vec::new();
        for el in elems {
            let Some(k) = &el.key else {
                self.error(start_pos(&el.value), "missing key in map literal");
                continue;
            };
            let Some(op) = self.element_operand(k, kt, "map literal") else {
                continue;
            };
            if let (Mode::Const, Some(v)) = (&op.mode, &op.val) {
                let kv = key_val(v);
                let dup = seen.iter().any(|(s, st)| {
                    *s == kv && (!key_is_iface || self.prog.types.identical(*st, op.ty))
                });
                if dup {
                    self.error(start_pos(k), format!("duplicate key {v} in map literal"));
                    continue;
                }
                seen.push((kv, op.ty));
            }
            self.element(&el.value, vt, "map literal");
        }
        self.value(t)
    }

    /// A key or element of a composite literal checked against type `t`, as
    /// [`Checker::element`] checks it, returning its operand (None when it is invalid).
    pub(super) fn element_operand(
        &mut self,
        v: &Expr,
        t: TypeId,
        context: &str,
    ) -> Option<Operand> {
        if let ExprKind::Composite { ty: None, .. } = &v.kind {
            let before = self.errs.len();
            self.element(v, t, context);
            return (self.errs.len() == before).then(|| self.value(t));
        }
        let mut op = self.expr(v);
        if op.mode == Mode::Invalid || !self.assign(v, &mut op, t, context) {
            return None;
        }
        Some(op)
    }

    /// `m[k]` (types2 indexExpr, the map case): k must be assignable to the key type; the
    /// result is a map index expression, assignable but not addressable.
    pub(super) fn map_index(&mut self, i: &Expr, kt: TypeId, vt: TypeId) -> Operand {
        let mut key = self.expr(i);
        if key.mode != Mode::Invalid {
            self.assign(i, &mut key, kt, "map index");
        }
        Operand {
            mode: Mode::MapIndex,
            ty: vt,
            val: None,
        }
    }

    /// `delete(m, k)` (types2 builtins.go _Delete).
    pub(super) fn delete(&mut self, ops: &[(&Expr, Operand)]) -> Operand {
        let (ma, m) = ops[0].clone();
        // A type parameter's every type must be a map, all with one key type (types2's
        // underIs): `T interface{ map[string]int | map[string]float64 }` has no core type.
        let types = &self.prog.types;
        let mut maps: Vec<Option<TypeId>> = (types.specific_types(m.ty).into_iter())
            .map(|t| types.map_types(t).map(|(k, _)| k))
            .collect();
        if maps.is_empty() {
            maps.push(None); // no specific types: not a map
        }
        let mut key: Option<TypeId> = None;
        for k in maps {
            let Some(k) = k else {
                self.error(
                    start_pos(ma),
                    format!("invalid argument: {} is not a map", self.describe(ma, &m)),
                );
                return Operand::invalid();
            };
            if key.is_some_and(|key| !self.prog.types.identical(key, k)) {
                self.error(
                    start_pos(ma),
                    format!(
                        "invalid argument: maps of {} must have identical key types",
                        self.describe(ma, &m)
                    ),
                );
                return Operand::invalid();
            }
            key = Some(k);
        }
        let kt = key.unwrap_or(0);
        let (ka, mut k) = ops[1].clone();
        if k.mode == Mode::Invalid || !self.assign(ka, &mut k, kt, "argument to delete") {
            return Operand::invalid();
        }
        Operand {
            mode: Mode::NoValue,
            ty: 0,
            val: None,
        }
    }

    /// `make(map[K]V[, hint])`: at most one size argument, an integer (types2 builtins.go
    /// _Make, checked as an index is).
    pub(super) fn make_map(&mut self, e: &Expr, t: TypeId, args: &[Expr]) -> Operand {
        if args.len() > 2 {
            self.error(
                start_pos(e),
                format!(
                    "invalid operation: {} expects 1 or 2 arguments; found {}",
                    expr_string(e),
                    args.len()
                ),
            );
            return Operand::invalid();
        }
        if let Some(hint) = args.get(1) {
            let _ = self.index_operand(hint, None);
        }
        self.value(t)
    }

    /// The comma-ok form `v, ok = m[k]` (Go spec, "Index expressions"), when `values` is a
    /// lone map index and two values are wanted: (element, untyped bool) operands.
    pub(super) fn map_comma_ok<'e>(
        &mut self,
        values: &'e [Expr],
        want: usize,
    ) -> Option<Vec<(&'e Expr, Operand)>> {
        if values.len() != 1 || want != 2 {
            return None;
        }
        let ExprKind::Index(x, _) = &strip_parens(&values[0]).kind else {
            return None;
        };
        let _ = x;
        let op = self.expr(&values[0]);
        if op.mode != Mode::MapIndex {
            return Some(vec![(&values[0], op)]);
        }
        self.prog.info.comma_ok.insert(strip_parens(&values[0]).id);
        let b = self.basic(Basic::UntypedBool);
        Some(vec![(&values[0], op), (&values[0], self.value(b))])
    }
}

/// Where types2 reports an error about a type expression: its start, except for a
/// function type, whose syntax node starts at its parameter list's `(` (syntax/parser.go
/// funcType). The parser records the `func` keyword, which gofmt always writes right before
/// the `(`.
pub(super) fn start_type_pos(t: &TypeExpr) -> Pos {
    match t.kind {
        TypeExprKind::Func(..) => Pos {
            col: t.pos.col + 4,
            ..t.pos
        },
        _ => t.pos,
    }
}
