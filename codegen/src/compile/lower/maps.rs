//! Maps: `make`, literals, `m[k]` and `v, ok := m[k]`, assignment and op-assignment to
//! `m[k]`, `delete`, `len` and `for range`, as calls into the runtime's map code
//! (runtime/pkg/runtime/map.go, map_fast.go) with the map type's descriptor.
//!
//! As Go's compiler does (cmd/compile/internal/walk/map.go mapfast), keys that are 4 or 8
//! bytes of plain memory, and strings, go to the `_fast32`, `_fast64` and `_faststr`
//! functions by value when the element is stored inline; other keys are passed by address.
//! A lookup returns the element's address (the shared zero element for a missing key), which
//! is read at once: an aggregate is copied out, because a later insert may move the entry.
//! `m[k] op= v` evaluates v, then gets the element's address from mapassign and updates it
//! in place, except for `/` and `%`, which read m[k] first so that a division by zero
//! panics before the entry is created (Go's order.go does the same).

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{
    types as clt, AbiParam, InstBuilder, Signature as ClSig, StackSlotData, StackSlotKind, Value,
};
use cranelift_codegen::isa::CallConv;

use super::alg::{Alg, MAX_INLINE};
use super::{flags, BranchTarget, FnLower, Place, Val};
use crate::compile::ast::*;
use crate::compile::check::strip_parens;
use crate::compile::types::TypeId;

/// Which family of runtime functions serves a map type.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Fast {
    Slow,
    F32,
    F64,
    Str,
}

impl Fast {
    fn suffix(self) -> &'static str {
        match self {
            Fast::Slow => "",
            Fast::F32 => "_fast32",
            Fast::F64 => "_fast64",
            Fast::Str => "_faststr",
        }
    }

    /// The Cranelift types of the key argument.
    fn key_params(self) -> Vec<clt::Type> {
        match self {
            Fast::Slow | Fast::F64 => vec![clt::I64],
            Fast::F32 => vec![clt::I32],
            Fast::Str => vec![clt::I64, clt::I64],
        }
    }
}

/// `m[k]` as an assignment's target: the map and the key's argument words, evaluated once.
#[derive(Clone, Debug)]
pub(super) struct MapPlace {
    h: Value,
    key: Vec<Value>,
    mt: TypeId,
}

/// The hiter the runtime's iteration functions use: 12 words (runtime/map.go hiter).
const HITER_SIZE: u32 = 96;

/// Elements up to this size are read from the runtime's shared zero element when missing
/// (runtime/map.go maxZero).
const MAX_ZERO: u64 = 1024;

impl FnLower<'_, '_> {
    /// The key and element types of a map type.
    fn kv(&self, mt: TypeId) -> (TypeId, TypeId) {
        self.prog().types.map_types(mt).unwrap_or((0, 0))
    }

    /// The runtime functions for map type mt (walk/map.go mapfast).
    fn fast(&mut self, mt: TypeId) -> Fast {
        let (k, v) = self.kv(mt);
        if self.size(v) > MAX_INLINE {
            return Fast::Slow;
        }
        match (self.pl.alg(k), self.size(k)) {
            (Alg::Mem, 4) => Fast::F32,
            (Alg::Mem, 8) => Fast::F64,
            (Alg::Str, _) => Fast::Str,
            _ => Fast::Slow,
        }
    }

    /// Calls runtime function `name` (with the map family's suffix when `fast`) with the
    /// map type's descriptor, then `args`; `ret` are the result types.
    fn map_call(
        &mut self,
        name: &str,
        fast: Fast,
        args: &[Value],
        ret: &[clt::Type],
    ) -> Vec<Value> {
        let symbol = format!("runtime.{name}{}", fast.suffix());
        let mut sig = ClSig::new(CallConv::SystemV);
        for a in args {
            sig.params
                .push(AbiParam::new(self.b.func.dfg.value_type(*a)));
        }
        sig.returns = ret.iter().map(|t| AbiParam::new(*t)).collect();
        self.call_symbol(&symbol, &sig, args)
    }

    /// The key argument words of key value v of type kt for the function family fast:
    /// the value itself for the fast families, else its address (a fresh copy in memory).
    fn key_words(&mut self, fast: Fast, kt: TypeId, v: Val) -> Vec<Value> {
        match (fast, v) {
            (Fast::Str, Val::Str(p, l)) => vec![p, l],
            (Fast::F32 | Fast::F64, Val::Mem(a)) => {
                let ty = fast.key_params()[0];
                vec![self.b.ins().load(ty, flags(), a, 0)]
            }
            (Fast::F32 | Fast::F64, Val::Scalar(x)) => {
                let want = fast.key_params()[0];
                let have = self.b.func.dfg.value_type(x);
                // A float key is never fast (its alg is not plain memory), so x is an
                // integer or pointer of the key's size.
                if have == want {
                    vec![x]
                } else if have.bits() < want.bits() {
                    vec![self.b.ins().uextend(want, x)]
                } else {
                    vec![self.b.ins().ireduce(want, x)]
                }
            }
            // The runtime only reads the key (mapassign copies it into its slot), and no
            // key lives inside a map's tables: values read from maps are copies.
            (_, Val::Mem(a)) => vec![a],
            (_, v) => {
                let size = self.size(kt).max(1);
                let slot = self.b.create_sized_stack_slot(StackSlotData::new(
                    StackSlotKind::ExplicitSlot,
                    size as u32,
                    3,
                ));
                let a = self.b.ins().stack_addr(clt::I64, slot, 0);
                self.store(kt, a, v);
                vec![a]
            }
        }
    }

    /// Evaluates map expression x and key expression k (converted to the key type where
    /// the checker says so), in that order.
    fn map_and_key(&mut self, x: &Expr, k: &Expr) -> MapPlace {
        let mt = self.type_of(x);
        let h = self.scalar(x);
        let (kt, _) = self.kv(mt);
        let fast = self.fast(mt);
        let kv = self.expr(k);
        let key = self.key_words(fast, kt, kv);
        MapPlace { h, key, mt }
    }

    /// `make(map[K]V[, hint])`: makemap_small for no hint or a constant one of at most 8,
    /// else makemap with the hint as an int (a negative or huge one means none).
    pub(super) fn make_map(&mut self, mt: TypeId, hint: Option<&Expr>) -> Val {
        let constant = match hint {
            None => Some(0),
            Some(e) => self.prog().info.consts.get(&e.id).and_then(|c| c.to_int()),
        };
        if constant.is_some_and(|n| n <= 8) {
            if let Some(e) = hint {
                self.expr(e);
            }
            let h = self.map_call("makemap_small", Fast::Slow, &[], &[clt::I64])[0];
            return Val::Scalar(h);
        }
        let n = match hint {
            Some(e) => self.index_value(e),
            None => self.b.ins().iconst(clt::I64, 0),
        };
        self.make_map_hint(mt, n)
    }

    fn make_map_hint(&mut self, mt: TypeId, n: Value) -> Val {
        let t = self.desc_addr(mt);
        let nil = self.b.ins().iconst(clt::I64, 0);
        let h = self.map_call("makemap", Fast::Slow, &[t, n, nil], &[clt::I64])[0];
        Val::Scalar(h)
    }

    /// A map literal: a map made for its entries, then each entry assigned in order.
    pub(super) fn map_literal(&mut self, mt: TypeId, elems: &[Element]) -> Val {
        let (kt, vt) = self.kv(mt);
        let h = if elems.len() <= 8 {
            let h = self.map_call("makemap_small", Fast::Slow, &[], &[clt::I64])[0];
            Val::Scalar(h)
        } else {
            let n = self.b.ins().iconst(clt::I64, elems.len() as i64);
            self.make_map_hint(mt, n)
        };
        let Val::Scalar(hv) = h else { return h };
        let fast = self.fast(mt);
        for el in elems {
            let Some(k) = &el.key else { continue };
            let kv = self.element_value(k, kt);
            let key = self.key_words(fast, kt, kv);
            let v = self.element_value(&el.value, vt);
            let v = self.own(v, vt);
            let place = MapPlace { h: hv, key, mt };
            self.map_store(&place, v);
        }
        Val::Scalar(hv)
    }

    /// `m[k]`, or `v, ok := m[k]` when the checker marked it comma-ok.
    pub(super) fn map_index(&mut self, e: &Expr, x: &Expr, k: &Expr) -> Val {
        let comma_ok = self.prog().info.comma_ok.contains(&e.id);
        let place = self.map_and_key(x, k);
        let (v, ok) = self.map_lookup2(&place);
        if comma_ok {
            return Val::Tuple(vec![v, Val::Scalar(ok)]);
        }
        v
    }

    /// m[k]: the element, or its zero value (mapaccess2, its ok unused: the runtime has no
    /// separate entry for m[k] alone).
    fn map_lookup(&mut self, place: &MapPlace) -> Val {
        self.map_lookup2(place).0
    }

    /// m[k] through mapaccess2: (the element or its zero value, ok).
    fn map_lookup2(&mut self, place: &MapPlace) -> (Val, Value) {
        let (_, vt) = self.kv(place.mt);
        let fast = self.fast(place.mt);
        let t = self.desc_addr(place.mt);
        let mut args = vec![t, place.h];
        args.extend(&place.key);
        let r = self.map_call("mapaccess2", fast, &args, &[clt::I64, clt::I8]);
        let (p, ok) = (r[0], r[1]);
        if self.size(vt) <= MAX_ZERO {
            let v = self.load(vt, p);
            return (self.own(v, vt), ok);
        }
        // Too large for the shared zero element: a zeroed temporary, filled when found.
        let tmp = self.temp(vt);
        let found = self.b.create_block();
        let join = self.b.create_block();
        self.b.ins().brif(ok, found, &[], join, &[]);
        self.b.switch_to_block(found);
        self.b.seal_block(found);
        let size = self.size(vt);
        self.copy(tmp, p, size);
        self.b.ins().jump(join, &[]);
        self.b.switch_to_block(join);
        self.b.seal_block(join);
        (Val::Mem(tmp), ok)
    }

    /// The element address of m[k] for a store (mapassign, which panics on a nil map).
    fn map_assign_addr(&mut self, place: &MapPlace) -> Value {
        let fast = self.fast(place.mt);
        let t = self.desc_addr(place.mt);
        let mut args = vec![t, place.h];
        args.extend(&place.key);
        self.map_call("mapassign", fast, &args, &[clt::I64])[0]
    }

    /// m[k] = v.
    pub(super) fn map_store(&mut self, place: &MapPlace, v: Val) {
        let (_, vt) = self.kv(place.mt);
        let p = self.map_assign_addr(place);
        self.store(vt, p, v);
    }

    /// The place `m[k]` when e is a map index expression.
    pub(super) fn map_place(&mut self, e: &Expr) -> Option<Place> {
        let ExprKind::Index(x, k) = &strip_parens(e).kind else {
            return None;
        };
        if !self.prog().types.is_map(self.type_of(x)) {
            return None;
        }
        Some(Place::Map(self.map_and_key(x, k)))
    }

    /// Reads the place m[k] (the right side of `m[k] = m[k] ...`).
    pub(super) fn read_map_place(&mut self, place: &MapPlace) -> Val {
        self.map_lookup(place)
    }

    /// `m[k] op= y`.
    pub(super) fn map_op_assign(&mut self, place: &MapPlace, op: BinOp, y: &Expr) {
        let (_, vt) = self.kv(place.mt);
        let yt = self.type_of(y);
        let yv = self.expr(y);
        if matches!(op, BinOp::Div | BinOp::Rem) {
            let cur = self.map_lookup(place);
            let r = self.binary_values(op, vt, cur, yv, yt);
            self.map_store(place, r);
            return;
        }
        let p = self.map_assign_addr(place);
        let cur = self.load(vt, p);
        let r = self.binary_values(op, vt, cur, yv, yt);
        self.store(vt, p, r);
    }

    /// `m[k]++` and `m[k]--`: the element updated in place.
    pub(super) fn map_inc_dec(&mut self, place: &MapPlace, inc: bool) {
        let (_, vt) = self.kv(place.mt);
        let p = self.map_assign_addr(place);
        if self.complex_part_type(vt).is_some() {
            let cur = self.load(vt, p);
            let r = self.complex_inc_dec(vt, cur, inc);
            self.store(vt, p, r);
            return;
        }
        let Val::Scalar(v) = self.load(vt, p) else {
            return;
        };
        let r = if self.b.func.dfg.value_type(v).is_float() {
            let one = if self.b.func.dfg.value_type(v) == clt::F64 {
                self.b.ins().f64const(1.0)
            } else {
                self.b.ins().f32const(1.0)
            };
            if inc {
                self.b.ins().fadd(v, one)
            } else {
                self.b.ins().fsub(v, one)
            }
        } else {
            self.b.ins().iadd_imm_s(v, if inc { 1 } else { -1 })
        };
        self.store(vt, p, Val::Scalar(r));
    }

    /// `delete(m, k)`, or `delete(f())` with a two-valued f.
    pub(super) fn map_delete(&mut self, args: &[Expr]) {
        let mut ops = self.delete_operands(args).into_iter();
        if let (Some((h, mt)), Some((kv, _))) = (ops.next(), ops.next()) {
            self.map_delete_value(h, mt, kv);
        }
    }

    /// The operands of `delete(m, k)` (or `delete(f())`), evaluated: the map with its type
    /// and the key, converted to the key type, with that type.
    pub(super) fn delete_operands(&mut self, args: &[Expr]) -> Vec<(Val, TypeId)> {
        if let [x, k] = args {
            let mt = self.type_of(x);
            let h = self.expr(x);
            let (kt, _) = self.kv(mt);
            let kv = self.expr(k);
            return vec![(h, mt), (kv, kt)];
        }
        self.operands(args)
    }

    /// Deletes key kv from the map h of type mt.
    pub(super) fn map_delete_value(&mut self, h: Val, mt: TypeId, kv: Val) {
        let Val::Scalar(h) = h else { return };
        let (kt, _) = self.kv(mt);
        let fast = self.fast(mt);
        let key = self.key_words(fast, kt, kv);
        let t = self.desc_addr(mt);
        let mut a = vec![t, h];
        a.extend(&key);
        self.map_call("mapdelete", fast, &a, &[]);
    }

    /// `len(m)`: a nil map has none, otherwise hmap.count, the header's first word.
    pub(super) fn map_len(&mut self, h: Value) -> Value {
        let nil = self.b.ins().icmp_imm_s(IntCC::Equal, h, 0);
        let has = self.b.create_block();
        let join = self.b.create_block();
        self.b.append_block_param(join, clt::I64);
        let zero = self.b.ins().iconst(clt::I64, 0);
        self.b.ins().brif(nil, join, &[zero.into()], has, &[]);
        self.b.switch_to_block(has);
        self.b.seal_block(has);
        let n = self.b.ins().load(clt::I64, flags(), h, 0);
        self.b.ins().jump(join, &[n.into()]);
        self.b.switch_to_block(join);
        self.b.seal_block(join);
        self.b.block_params(join)[0]
    }

    /// `for k, v := range m`: mapiterinit picks a random start; each iteration copies the
    /// current key and element out of the map, runs the body, and calls mapiternext, until
    /// the iterator's key pointer is nil. The iteration variables are declared once for the
    /// loop (Go 1.19).
    pub(super) fn range_map(
        &mut self,
        key: Option<&Expr>,
        value: Option<&Expr>,
        define: bool,
        x: &Expr,
        body: &[Stmt],
        label: Option<String>,
    ) {
        let mt = self.type_of(x);
        let (kt, vt) = self.kv(mt);
        let h = self.scalar(x);
        let targets = self.range_targets([(key, kt), (value, vt)], define);
        let slot = self.b.create_sized_stack_slot(StackSlotData::new(
            StackSlotKind::ExplicitSlot,
            HITER_SIZE,
            3,
        ));
        let it = self.b.ins().stack_addr(clt::I64, slot, 0);
        self.zero(it, HITER_SIZE as u64);
        let t = self.desc_addr(mt);
        self.map_call("mapiterinit", Fast::Slow, &[t, h, it], &[]);
        let body_b = self.b.create_block();
        let post_b = self.b.create_block();
        let exit = self.b.create_block();
        // Rotated as the other loops are: the test before the first iteration and after
        // each mapiternext.
        let kp = self.b.ins().load(clt::I64, flags(), it, 0);
        self.b.ins().brif(kp, body_b, &[], exit, &[]);
        self.b.switch_to_block(body_b);
        self.terminated = false;
        // hiter's first two words point at the current key and element.
        let mut vals = [None, None];
        for (i, target) in targets.iter().enumerate() {
            let Some(target) = target else { continue };
            let it = self.b.ins().stack_addr(clt::I64, slot, 0);
            let p = self.b.ins().load(clt::I64, flags(), it, 8 * i as i32);
            let v = self.load(target.ty(), p);
            vals[i] = Some(self.own(v, target.ty()));
        }
        self.assign_range_targets(&targets, vals);
        let target = BranchTarget {
            label,
            cont: Some(post_b),
            brk: exit,
        };
        self.breakable_body(target, body, post_b);
        self.b.switch_to_block(post_b);
        self.b.seal_block(post_b);
        let it = self.b.ins().stack_addr(clt::I64, slot, 0);
        self.map_call("mapiternext", Fast::Slow, &[it], &[]);
        let kp = self.b.ins().load(clt::I64, flags(), it, 0);
        self.b.ins().brif(kp, body_b, &[], exit, &[]);
        self.b.seal_block(body_b);
        self.b.switch_to_block(exit);
        self.b.seal_block(exit);
        self.terminated = false;
    }
}
