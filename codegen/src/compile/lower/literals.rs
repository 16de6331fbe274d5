//! Composite literals (Go spec, "Composite literals"): structs and arrays in a stack temporary,
//! slices on a new array (in the frame when escape analysis allows), elided `&T` elements
//! allocated as `&T{...}` is.

use cranelift_codegen::ir::{types as clt, InstBuilder, Value};

use super::{FnLower, Val};
use crate::compile::ast::*;
use crate::compile::backend::MAX_STACK_VAR;
use crate::compile::escape::{Site, MAX_IMPLICIT_STACK};
use crate::compile::types::{Const, Type, TypeId};

impl FnLower<'_, '_> {
    /// A composite literal's value (expression `site`): structs and arrays in a stack
    /// temporary, slices on a fresh backing array (Go spec, "Composite literals"). That array
    /// is in the frame when escape analysis keeps it there (Go's slicelit: a stack
    /// temporary for EscNone), zeroed and filled each time the literal is evaluated, else
    /// on the heap.
    pub(super) fn composite(&mut self, site: ExprId, t: TypeId, elems: &[Element]) -> Val {
        match self.pl.prog.types.get(self.pl.prog.types.under(t)).clone() {
            Type::Map(..) => self.map_literal(t, elems),
            Type::Slice(et) => {
                let n = self.literal_len(elems);
                let size = self.size(et).saturating_mul(n);
                let p = if self.site_in_frame(Site::Alloc(site), size, MAX_STACK_VAR) {
                    self.frame_block(size)
                } else {
                    self.malloc_array(et, n)
                };
                self.fill_elements(p, et, elems);
                let l = self.b.ins().iconst(clt::I64, n as i64);
                Val::Slice(p, l, l)
            }
            _ => {
                // The literal's temporary is an implicit variable: past Go's 64 KiB for those
                // (cmd/compile ir.MaxImplicitStackVarSize) it is on the heap, not in the
                // frame (a 1 MiB literal assigned through a pointer made a 1 MiB frame, which
                // overran a stack limited by debug.SetMaxStack where go's does not: gotest
                // fixedbugs/issue18636).
                let dst = if self.size(t) > MAX_IMPLICIT_STACK && !self.pl.in_runtime {
                    self.malloc_type(t)
                } else {
                    self.temp(t)
                };
                self.fill_composite(dst, t, elems);
                Val::Mem(dst)
            }
        }
    }

    pub(super) fn literal_len(&self, elems: &[Element]) -> u64 {
        let mut next = 0u64;
        let mut max = 0u64;
        for el in elems {
            if let Some(Const::Int(k)) = el
                .key
                .as_ref()
                .and_then(|k| self.prog().info.consts.get(&k.id))
            {
                next = *k as u64;
            }
            next += 1;
            max = max.max(next);
        }
        max
    }

    pub(super) fn fill_elements(&mut self, dst: Value, et: TypeId, elems: &[Element]) {
        let esize = self.size(et) as i64;
        let mut next = 0i64;
        for el in elems {
            if let Some(Const::Int(k)) = el
                .key
                .as_ref()
                .and_then(|k| self.prog().info.consts.get(&k.id))
                .cloned()
            {
                next = k as i64;
            }
            let v = self.element_value(&el.value, et);
            let a = self.b.ins().iadd_imm_s(dst, next * esize);
            self.store(et, a, v);
            next += 1;
        }
    }

    /// An element of a composite literal; `{...}` with an elided `&T` is allocated.
    pub(super) fn element_value(&mut self, v: &Expr, et: TypeId) -> Val {
        if let ExprKind::Composite {
            ty: None, elems, ..
        } = &v.kind
        {
            let t = self.type_of(v);
            if let Type::Pointer(target) =
                self.pl.prog.types.get(self.pl.prog.types.under(t)).clone()
            {
                // `&T` elided: `new_object` places it as it places `&T{...}` (escape
                // analysis spills the element as an allocation site of its own).
                let p = self.new_object(v.id, target);
                self.fill_composite(p, target, elems);
                return Val::Scalar(p);
            }
            return self.composite(v.id, t, elems);
        }
        let _ = et;
        self.expr(v)
    }

    /// Stores a struct or array literal's elements into zeroed memory at `dst`.
    pub(super) fn fill_composite(&mut self, dst: Value, t: TypeId, elems: &[Element]) {
        if let Type::Array(_, et) = self.pl.prog.types.get(self.pl.prog.types.under(t)).clone() {
            self.fill_elements(dst, et, elems);
            return;
        }
        let fields = self.pl.prog.types.fields(t).unwrap_or_default();
        for (i, el) in elems.iter().enumerate() {
            let f = match el.key.as_ref().map(|k| &k.kind) {
                Some(ExprKind::Ident(name)) => fields.iter().find(|f| &f.name == name).cloned(),
                None => fields.get(i).cloned(),
                _ => None,
            };
            if let Some(f) = f {
                let v = self.element_value(&el.value, f.ty);
                // A blank field is never set: its value is evaluated and dropped, and the
                // field stays zero, as gc leaves it (reflect can read it).
                if f.name == "_" {
                    continue;
                }
                let a = self.b.ins().iadd_imm_s(dst, f.offset as i64);
                self.store(f.ty, a, v);
            }
        }
    }
}
