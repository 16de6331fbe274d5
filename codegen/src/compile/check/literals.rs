//! Composite literals (Go spec, "Composite literals"; go/types expr.go, literals.go in later
//! versions): struct, array and slice literals, with keys, elided types and `[...]T`.

use super::exprstring::{expr_string, start_pos};
use super::operand::{Mode, Operand};
use super::Checker;
use crate::compile::ast::*;
use crate::compile::types::{Type, TypeId};

impl Checker {
    pub(super) fn composite(
        &mut self,
        e: &Expr,
        ty: Option<&TypeExpr>,
        elems: &[Element],
    ) -> Operand {
        let Some(te) = ty else {
            // Only an element of an array, slice or map literal may elide its type (types2
            // expr.go: no hint).
            self.error(e.pos, "missing type in composite literal");
            return Operand::invalid();
        };
        // [...]T: the length is the literal's (Go spec, "Composite literals").
        if let TypeExprKind::Array(None, elem) = &te.kind {
            let et = self.resolve_type(elem);
            if et == 0 {
                return Operand::invalid();
            }
            let n = self.array_elements(et, elems, None);
            let t = self.prog.types.array(n, et);
            return self.value(t);
        }
        let t = self.resolve_type(te);
        if t == 0 {
            return Operand::invalid();
        }
        self.composite_of(e, t, elems)
    }

    pub(super) fn composite_of(&mut self, e: &Expr, t: TypeId, elems: &[Element]) -> Operand {
        match self.prog.types.get(self.prog.types.under(t)).clone() {
            Type::Struct(_) => self.struct_literal(e, t, elems),
            Type::Array(n, et) => {
                self.array_elements(et, elems, Some(n));
                self.value(t)
            }
            Type::Slice(et) => {
                self.array_elements(et, elems, None);
                self.value(t)
            }
            Type::Map(k, v) => self.map_literal(t, k, v, elems),
            // A type whose declaration was refused says nothing more.
            _ if self.prog.types.under(t) == self.prog.types.invalid() => Operand::invalid(),
            _ => {
                self.error(
                    e.pos,
                    format!("invalid composite literal type {}", self.tn(t)),
                );
                Operand::invalid()
            }
        }
    }

    /// An element value; `{...}` with the type elided takes the element type (or `&T{...}`
    /// when the element type is `*T`).
    pub(super) fn element(&mut self, v: &Expr, et: TypeId, context: &str) {
        if let ExprKind::Composite {
            ty: None, elems, ..
        } = &v.kind
        {
            let (target, is_ptr) = match self.prog.types.get(self.prog.types.under(et)).clone() {
                Type::Pointer(p) => (p, true),
                _ => (et, false),
            };
            let op = self.composite_of(v, target, elems);
            if op.mode != Mode::Invalid {
                let t = if is_ptr { et } else { target };
                self.prog.info.types.insert(v.id, t);
            }
            return;
        }
        let mut op = self.expr(v);
        if op.mode != Mode::Invalid {
            self.assign(v, &mut op, et, context);
        }
    }

    /// A struct literal's field value: an ordinary expression, whose type may not be elided
    /// (Go spec, "Composite literals": elision is for array, slice and map elements).
    fn field_value(&mut self, v: &Expr, ft: TypeId) {
        let mut op = self.expr(v);
        if op.mode != Mode::Invalid {
            self.assign(v, &mut op, ft, "struct literal");
        }
    }

    /// Checks array or slice elements with their optional constant index keys (types2
    /// indexedElts); returns the length they need. `len` is the array's, if known.
    pub(super) fn array_elements(
        &mut self,
        et: TypeId,
        elems: &[Element],
        len: Option<u64>,
    ) -> u64 {
        let max_index = len.map(|n| n as i128);
        let mut index: i128 = 0;
        let mut max: i128 = 0;
        let mut seen = crate::HashSet::default();
        for el in elems {
            let mut valid = false;
            if let Some(k) = &el.key {
                match self.index_operand(k, max_index) {
                    Ok(Some(i)) => {
                        index = i;
                        valid = true;
                    }
                    Ok(None) => self.error(
                        el.colon,
                        format!("index {} must be integer constant", expr_string(k)),
                    ),
                    Err(()) => {}
                }
            } else if max_index.is_some_and(|n| index >= n) {
                self.error(
                    start_pos(&el.value),
                    format!(
                        "index {index} is out of bounds (>= {})",
                        max_index.unwrap_or_default()
                    ),
                );
            } else {
                valid = true;
            }
            if valid && !seen.insert(index) {
                let at = if el.key.is_some() {
                    el.colon
                } else {
                    start_pos(&el.value)
                };
                self.error(
                    at,
                    format!("duplicate index {index} in array or slice literal"),
                );
            }
            index += 1;
            max = max.max(index);
            self.element(&el.value, et, "array or slice literal");
        }
        max as u64
    }

    pub(super) fn struct_literal(&mut self, e: &Expr, t: TypeId, elems: &[Element]) -> Operand {
        let fields = self.prog.types.fields(t).unwrap_or_default();
        let keyed = elems.iter().filter(|el| el.key.is_some()).count();
        if keyed != 0 && keyed != elems.len() {
            self.error(
                e.pos,
                "mixture of field:value and value elements in struct literal",
            );
            return Operand::invalid();
        }
        if keyed == 0 && !elems.is_empty() {
            for (i, el) in elems.iter().enumerate() {
                match fields.get(i) {
                    Some(f) => self.field_value(&el.value, f.ty),
                    None => {
                        self.error(
                            start_pos(&el.value),
                            format!("too many values in {}{{…}}", self.tn(t)),
                        );
                        return Operand::invalid();
                    }
                }
            }
            if elems.len() < fields.len() {
                self.error(e.pos, format!("too few values in {}{{…}}", self.tn(t)));
                return Operand::invalid();
            }
            return self.value(t);
        }
        let mut seen = Vec::new();
        for el in elems {
            let key = el.key.as_ref().unwrap();
            let ExprKind::Ident(fname) = &key.kind else {
                self.error(
                    key.pos,
                    format!("invalid field name {} in struct literal", expr_string(key)),
                );
                continue;
            };
            let Some(f) = fields.iter().find(|f| &f.name == fname) else {
                self.error(
                    key.pos,
                    format!(
                        "unknown field '{}' in struct literal of type {}",
                        fname,
                        self.tn(t)
                    ),
                );
                self.expr(&el.value);
                continue;
            };
            if seen.contains(fname) {
                // types2 reports at the key-value pair, whose position is the colon.
                self.error(
                    el.colon,
                    format!("duplicate field name {fname} in struct literal"),
                );
            }
            seen.push(fname.clone());
            self.field_value(&el.value, f.ty);
        }
        self.value(t)
    }
}
