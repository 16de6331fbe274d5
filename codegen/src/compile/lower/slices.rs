//! Strings and slices: index operands, bounds checks with Go's panics, slice expressions,
//! append through runtime.growslice, and decoding a string's runes for range.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{
    types as clt, AbiParam, InstBuilder, Signature as ClSig, StackSlotData, StackSlotKind,
    TrapCode, Value,
};
use cranelift_codegen::isa::CallConv;

use super::{flags, FnLower, Val};
use crate::compile::ast::*;
use crate::compile::bounds;
use crate::compile::types::{Type, TypeId};

impl FnLower<'_, '_> {
    /// The rune starting at byte i of a string and the index after it: ASCII inline, the
    /// rest through runtime.decoderune (Go's compiler does the same, walk/range.go).
    pub(super) fn string_rune_at(&mut self, p: Value, l: Value, i: Value) -> (Value, Value) {
        let a = self.b.ins().iadd(p, i);
        let c = self.b.ins().load(clt::I8, flags(), a, 0);
        let ascii = self.b.ins().icmp_imm_s(IntCC::UnsignedLessThan, c, 0x80);
        let fast = self.b.create_block();
        let slow = self.b.create_block();
        let join = self.b.create_block();
        self.b.append_block_param(join, clt::I32);
        self.b.append_block_param(join, clt::I64);
        self.b.ins().brif(ascii, fast, &[], slow, &[]);
        self.b.switch_to_block(fast);
        self.b.seal_block(fast);
        let r = self.b.ins().uextend(clt::I32, c);
        let n = self.b.ins().iadd_imm_s(i, 1);
        self.b.ins().jump(join, &[r.into(), n.into()]);
        self.b.switch_to_block(slow);
        self.b.seal_block(slow);
        let mut sig = ClSig::new(CallConv::SystemV);
        sig.params = vec![AbiParam::new(clt::I64); 3];
        sig.returns = vec![AbiParam::new(clt::I32), AbiParam::new(clt::I64)];
        let rv = self.call_symbol("runtime.decoderune", &sig, &[p, l, i]);
        self.b.ins().jump(join, &[rv[0].into(), rv[1].into()]);
        self.b.switch_to_block(join);
        self.b.seal_block(join);
        let ps = self.b.block_params(join);
        (ps[0], ps[1])
    }

    /// An index operand as a 64-bit value (sign- or zero-extended from its type).
    pub(super) fn index_value(&mut self, i: &Expr) -> Value {
        let t = self.type_of(i);
        let v = self.scalar(i);
        let v = self.extend64(v, t);
        let info = self.prog().types.basic_of(t).and_then(|b| b.int_info());
        if matches!(info, Some((_, false))) {
            self.unsigned_indices.insert(v);
        }
        v
    }

    pub(super) fn extend64(&mut self, v: Value, t: TypeId) -> Value {
        let vt = self.b.func.dfg.value_type(v);
        if vt == clt::I64 {
            return v;
        }
        if self.is_signed(t) {
            self.b.ins().sextend(clt::I64, v)
        } else {
            self.b.ins().uextend(clt::I64, v)
        }
    }

    /// Calls the runtime's bounds panic `symbol(x, y)` unless `ok` holds.
    ///
    /// The panic is attributed to `at` when given (the `[` of an index or slice expression,
    /// as Go attributes its bounds checks: the line may differ from the statement's).
    pub(super) fn check_or_panic(
        &mut self,
        ok: Value,
        symbol: &str,
        x: Value,
        y: Value,
        at: Option<Pos>,
    ) {
        let cont = self.cold_branch(ok, false);
        let saved = self.b.srcloc();
        if let Some(at) = at {
            self.set_loc(at);
        }
        // The operands go to the runtime in a frame slot (runtime.boundsArgs), not in argument
        // registers: tying a loop's index and length to those registers on this cold path made
        // regalloc2 move them between registers on every iteration of the loop.
        let slot = *self.bounds_args.get_or_insert_with(|| {
            self.b
                .create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, 16, 3))
        });
        self.b.ins().stack_store(clt::I64, x, slot, 0);
        self.b.ins().stack_store(clt::I64, y, slot, 8);
        let args = self.b.ins().stack_addr(clt::I64, slot, 0);
        let mut sig = ClSig::new(CallConv::SystemV);
        sig.params = vec![AbiParam::new(clt::I64)];
        // An unsigned index is reported unsigned (2^64-1, not -1), as Go's *U entry points
        // report it; a conversion's length is always an int.
        let unsigned = symbol != "runtime.panicSliceConvert" && self.unsigned_indices.contains(&x);
        let symbol = if unsigned {
            format!("{symbol}U")
        } else {
            symbol.to_string()
        };
        self.call_symbol(&symbol, &sig, &[args]);
        self.b.ins().trap(TrapCode::unwrap_user(2));
        self.b.set_srcloc(saved);
        self.resume(cont);
    }

    /// `x[lo:hi:max]` with Go's bounds checks, in Go's order (cmd/compile/internal/ssagen
    /// ssa.go slice): max <= cap, hi <= max, lo <= hi, each compared unsigned so that negative
    /// values fail too; the panics are runtime/panic.go's goPanicSlice*.
    pub(super) fn slice_expr(
        &mut self,
        at: Pos,
        x: &Expr,
        lo: Option<&Expr>,
        hi: Option<&Expr>,
        max: Option<&Expr>,
    ) -> Val {
        let xt = self.type_of(x);
        let under = self.pl.prog.types.under(xt);
        let (base, len, cap, esize, is_str, is_slice) = match self.pl.prog.types.get(under).clone()
        {
            Type::Basic(_) => match self.expr(x) {
                Val::Str(p, l) => (p, l, l, 1, true, false),
                _ => return Val::None,
            },
            Type::Slice(e) => match self.expr(x) {
                Val::Slice(p, l, c) => (p, l, c, self.size(e), false, true),
                _ => return Val::None,
            },
            Type::Array(n, e) => {
                let a = self.addr(x);
                let n = self.b.ins().iconst(clt::I64, n as i64);
                (a, n, n, self.size(e), false, false)
            }
            Type::Pointer(p) => match self.pl.prog.types.get(self.pl.prog.types.under(p)).clone() {
                Type::Array(n, e) => {
                    let a = self.scalar(x);
                    // Slicing a nil *[N]T panics (Go's nil check), even as p[0:0].
                    self.nil_check(a);
                    let n = self.b.ins().iconst(clt::I64, n as i64);
                    (a, n, n, self.size(e), false, false)
                }
                _ => return Val::None,
            },
            _ => return Val::None,
        };
        let zero = self.b.ins().iconst(clt::I64, 0);
        let lo_v = match lo {
            Some(e) => self.index_value(e),
            None => zero,
        };
        let hi_v = match hi {
            Some(e) => self.index_value(e),
            None => len,
        };
        let max_v = max.map(|e| self.index_value(e));
        let ule =
            |s: &mut Self, a: Value, b: Value| s.b.ins().icmp(IntCC::UnsignedLessThanOrEqual, a, b);
        let new_cap_end = match max_v {
            Some(m) => {
                let ok = ule(self, m, cap);
                let sym = if is_slice {
                    "runtime.panicSlice3Acap"
                } else {
                    "runtime.panicSlice3Alen"
                };
                self.check_or_panic(ok, sym, m, cap, Some(at));
                let ok = ule(self, hi_v, m);
                self.check_or_panic(ok, "runtime.panicSlice3B", hi_v, m, Some(at));
                let ok = ule(self, lo_v, hi_v);
                self.check_or_panic(ok, "runtime.panicSlice3C", lo_v, hi_v, Some(at));
                m
            }
            None => {
                let ok = ule(self, hi_v, cap);
                let sym = if is_slice {
                    "runtime.panicSliceAcap"
                } else {
                    "runtime.panicSliceAlen"
                };
                self.check_or_panic(ok, sym, hi_v, cap, Some(at));
                let ok = ule(self, lo_v, hi_v);
                self.check_or_panic(ok, "runtime.panicSliceB", lo_v, hi_v, Some(at));
                cap
            }
        };
        let l = self.b.ins().isub(hi_v, lo_v);
        // The pointer advances by lo elements, unless the result has no room at all (cap 0,
        // or len 0 for a string): then it stays at the base, so that it never points past
        // the end of the object (cmd/compile ssagen: the offset is masked when the new cap
        // is 0; Go's test/slicecap.go checks it).
        let room = if is_str {
            l
        } else {
            self.b.ins().isub(new_cap_end, lo_v)
        };
        let off = self.b.ins().imul_imm_s(lo_v, esize as i64);
        let empty = self.b.ins().icmp_imm_u(IntCC::Equal, room, 0);
        let off = self.b.ins().select(empty, zero, off);
        let p = self.b.ins().iadd(base, off);
        if is_str {
            return Val::Str(p, l);
        }
        Val::Slice(p, l, room)
    }

    /// Panics with Go's "index out of range [i] with length n" unless 0 <= i < n, which
    /// an enclosing counted loop may already prove for `x[i]`.
    pub(super) fn bounds_check(&mut self, idx: Value, len: Value, x: &Expr, i: &Expr, at: Pos) {
        if !self.known_in_bounds(x, i) {
            self.check_index(idx, len, at);
        }
    }

    /// Whether `x[i]` is known to be in bounds: i is the index of a range loop over x.
    pub(super) fn known_in_bounds(&self, x: &Expr, i: &Expr) -> bool {
        let info = &self.pl.prog.info;
        match (bounds::var_of(info, i), bounds::var_of(info, x)) {
            (Some(io), Some(xo)) => self.in_bounds.contains(&(io, xo)),
            _ => false,
        }
    }

    /// Panics with Go's index error unless idx < len (unsigned: a negative idx fails); the
    /// panic is attributed to `at`, the expression's `[`, as Go attributes it.
    pub(super) fn check_index(&mut self, idx: Value, len: Value, at: Pos) {
        let ok = self.b.ins().icmp(IntCC::UnsignedLessThan, idx, len);
        self.check_or_panic(ok, "runtime.panicIndex", idx, len, Some(at));
    }

    /// `append(s, x...)`: the operands are evaluated first; when the result does not fit in
    /// cap(s), runtime.growslice allocates a larger array of the element type with Go's growth
    /// rule and copies the old elements (runtime/slice.go growslice).
    pub(super) fn append(&mut self, e: &Expr, args: &[Expr]) -> Val {
        let spread = matches!(&e.kind, ExprKind::Call { ellipsis: true, .. });
        let mut ops = self.operands(args).into_iter();
        let Some((Val::Slice(p, l, c), st)) = ops.next() else {
            return Val::None;
        };
        let et = self.pl.prog.types.elem(st).unwrap_or(0);
        let esize = self.size(et);
        let mut elems = Vec::new();
        let mut src = None;
        if spread {
            match ops.next() {
                Some((Val::Slice(sp, sl, _) | Val::Str(sp, sl), _)) => src = Some((sp, sl)),
                _ => return Val::None,
            }
        } else {
            for (v, _) in ops {
                elems.push(self.own(v, et));
            }
        }
        let n = match src {
            Some((_, sl)) => sl,
            None => self.b.ins().iconst(clt::I64, elems.len() as i64),
        };
        let newlen = self.b.ins().iadd(l, n);
        let need = self.b.ins().icmp(IntCC::UnsignedGreaterThan, newlen, c);
        let grow = self.b.create_block();
        let join = self.b.create_block();
        self.b.append_block_param(join, clt::I64);
        self.b.append_block_param(join, clt::I64);
        self.b
            .ins()
            .brif(need, grow, &[], join, &[p.into(), c.into()]);
        self.b.switch_to_block(grow);
        self.b.seal_block(grow);
        let mut sig = ClSig::new(CallConv::SystemV);
        sig.params = vec![AbiParam::new(clt::I64); 5];
        sig.returns = vec![AbiParam::new(clt::I64), AbiParam::new(clt::I64)];
        // The element's descriptor: growslice reads its size and allocates with it.
        let es = self.desc_addr(et);
        let r = self.call_symbol("runtime.growslice", &sig, &[p, l, c, newlen, es]);
        self.b.ins().jump(join, &[r[0].into(), r[1].into()]);
        self.b.switch_to_block(join);
        self.b.seal_block(join);
        let (np, nc) = (self.b.block_params(join)[0], self.b.block_params(join)[1]);
        let off = self.b.ins().imul_imm_s(l, esize as i64);
        let at = self.b.ins().iadd(np, off);
        match src {
            Some((sp, sl)) => {
                let bytes = self.b.ins().imul_imm_s(sl, esize as i64);
                self.memmove(at, sp, bytes);
            }
            None => {
                for (i, v) in elems.into_iter().enumerate() {
                    let a = self.b.ins().iadd_imm_s(at, i as i64 * esize as i64);
                    self.store(et, a, v);
                }
            }
        }
        Val::Slice(np, newlen, nc)
    }
}
