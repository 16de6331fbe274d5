//! Composite literals (Go spec, "Composite literals"; go/types expr.go, literals.go in later
//! versions): struct, array and slice literals, with keys, elided types and `[...]T`.

use super::exprstring::{expr_string, start_pos};
use super::operand::{Mode, Operand};
use super::Checker;
use crate::compile::ast::*;
use crate::compile::types::{Basic, Const, Type, TypeId};

impl Checker {
    pub(super) fn composite(
        &mut self,
        e: &Expr,
        ty: Option<&TypeExpr>,
        elems: &[Element],
    ) -> Operand {
        let Some(te) = ty else {
            self.error(e.pos, "invalid composite literal type: missing type");
            return Operand::invalid();
        };
        // [...]T: the length is the literal's (Go spec, "Composite literals").
        if let TypeExprKind::Array(None, elem) = &te.kind {
            let et = self.resolve_type(elem);
            if et == 0 {
                return Operand::invalid();
            }
            let n = self.array_elements(e, et, elems, None);
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
                self.array_elements(e, et, elems, Some(n));
                self.value(t)
            }
            Type::Slice(et) => {
                self.array_elements(e, et, elems, None);
                self.value(t)
            }
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
        if let ExprKind::Composite { ty: None, elems } = &v.kind {
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

    /// Checks array or slice elements (with optional constant index keys); returns the length.
    pub(super) fn array_elements(
        &mut self,
        e: &Expr,
        et: TypeId,
        elems: &[Element],
        len: Option<u64>,
    ) -> u64 {
        let mut next: u64 = 0;
        let mut max: u64 = 0;
        let mut seen = std::collections::HashSet::new();
        let ctx = if len.is_some() {
            "array or slice literal"
        } else {
            "slice literal"
        };
        for el in elems {
            if let Some(k) = &el.key {
                let mut ko = self.expr(k);
                match (&ko.mode, &ko.val) {
                    (Mode::Const, Some(Const::Int(v)))
                        if *v >= 0 && self.prog.types.is_integer(ko.ty) =>
                    {
                        next = *v as u64;
                        let int = self.basic(Basic::Int);
                        self.convert_untyped(k, &mut ko, int);
                    }
                    (Mode::Invalid, _) => {}
                    _ => {
                        self.error(
                            start_pos(k),
                            format!("index {} must be integer constant", expr_string(k)),
                        );
                    }
                }
            }
            if let Some(n) = len {
                if next >= n {
                    // types2 indexedElts: a key is checked as an index expression is.
                    match &el.key {
                        Some(k) => self.error(
                            start_pos(k),
                            format!("invalid argument: index {next} out of bounds [0:{n}]"),
                        ),
                        None => self.error(
                            start_pos(&el.value),
                            format!("index {next} is out of bounds (>= {n})"),
                        ),
                    }
                }
            }
            if !seen.insert(next) {
                self.error(
                    start_pos(el.key.as_ref().unwrap_or(&el.value)),
                    format!("duplicate index {next} in array or slice literal"),
                );
            }
            self.element(&el.value, et, ctx);
            next += 1;
            max = max.max(next);
        }
        let _ = e;
        max
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
                    Some(f) => self.element(&el.value, f.ty, "struct literal"),
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
                let mut at = key.pos;
                at.col += fname.len() as u32;
                self.error(
                    at,
                    format!("duplicate field name {fname} in struct literal"),
                );
            }
            seen.push(fname.clone());
            self.element(&el.value, f.ty, "struct literal");
        }
        self.value(t)
    }
}
