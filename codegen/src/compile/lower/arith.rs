//! Operators with Go's semantics on x86-64: comparisons of every shape, wrapping arithmetic,
//! division that panics on zero and defines MinInt / -1, and shifts that saturate at the width
//! (Go spec, "Arithmetic operators", "Comparison operators").

use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{self, types as clt, AbiParam, InstBuilder, Signature as ClSig, Value};
use cranelift_codegen::isa::CallConv;

use super::{FnLower, Val};
use crate::compile::ast::*;
use crate::compile::types::TypeId;

impl FnLower<'_, '_> {
    pub(super) fn compare(&mut self, op: BinOp, t: TypeId, a: Val, b: Val) -> Val {
        if self.complex_part_type(t).is_some() {
            return self.complex_compare(op == BinOp::Eq, t, a, b);
        }
        match (a, b) {
            // A slice is compared with nil by its data pointer.
            (Val::Slice(ap, ..), Val::Slice(bp, ..)) => {
                let cc = if op == BinOp::Eq {
                    IntCC::Equal
                } else {
                    IntCC::NotEqual
                };
                Val::Scalar(self.b.ins().icmp(cc, ap, bp))
            }
            (Val::Iface(ta, da), Val::Iface(tb, db)) => {
                let eq = self.iface_equal(t, (ta, da), (tb, db));
                if op == BinOp::Eq {
                    Val::Scalar(eq)
                } else {
                    Val::Scalar(self.b.ins().bxor_imm_u(eq, 1))
                }
            }
            (Val::Mem(ap), Val::Mem(bp)) => {
                let eq = self.equal_mem(t, ap, bp);
                if op == BinOp::Eq {
                    Val::Scalar(eq)
                } else {
                    Val::Scalar(self.b.ins().bxor_imm_u(eq, 1))
                }
            }
            (Val::Str(ap, al), Val::Str(bp, bl)) => {
                if matches!(op, BinOp::Eq | BinOp::Ne) {
                    // len(a) == len(b) && memequal(a.ptr, b.ptr, len)
                    let same_len = self.b.ins().icmp(IntCC::Equal, al, bl);
                    let cmp_b = self.b.create_block();
                    let join = self.b.create_block();
                    self.b.append_block_param(join, clt::I8);
                    self.b
                        .ins()
                        .brif(same_len, cmp_b, &[], join, &[same_len.into()]);
                    self.b.switch_to_block(cmp_b);
                    self.b.seal_block(cmp_b);
                    let mut sig = ClSig::new(CallConv::SystemV);
                    sig.params = vec![AbiParam::new(clt::I64); 3];
                    sig.returns = vec![AbiParam::new(clt::I8)];
                    let r = self.call_symbol("runtime.memequal", &sig, &[ap, bp, al])[0];
                    self.b.ins().jump(join, &[r.into()]);
                    self.b.switch_to_block(join);
                    self.b.seal_block(join);
                    let eq = self.b.block_params(join)[0];
                    if op == BinOp::Eq {
                        return Val::Scalar(eq);
                    }
                    return Val::Scalar(self.b.ins().bxor_imm_u(eq, 1));
                }
                let mut sig = ClSig::new(CallConv::SystemV);
                sig.params = vec![AbiParam::new(clt::I64); 4];
                sig.returns = vec![AbiParam::new(clt::I64)];
                let r = self.call_symbol("runtime.cmpstring", &sig, &[ap, al, bp, bl])[0];
                let cc = int_cc(op, true);
                Val::Scalar(self.b.ins().icmp_imm_s(cc, r, 0))
            }
            (Val::Scalar(a), Val::Scalar(b)) if self.b.func.dfg.value_type(a).is_float() => {
                // Ordered comparisons are false with a NaN operand; != is true.
                let cc = match op {
                    BinOp::Eq => FloatCC::Equal,
                    BinOp::Ne => FloatCC::NotEqual,
                    BinOp::Lt => FloatCC::LessThan,
                    BinOp::Le => FloatCC::LessThanOrEqual,
                    BinOp::Gt => FloatCC::GreaterThan,
                    _ => FloatCC::GreaterThanOrEqual,
                };
                Val::Scalar(self.b.ins().fcmp(cc, a, b))
            }
            (Val::Scalar(a), Val::Scalar(b)) => {
                let signed = self.is_signed(t);
                let cc = int_cc(op, signed);
                if matches!(op, BinOp::Eq | BinOp::Ne) && self.iconst_value(b) == Some(0) {
                    if let Some(low) = self.low_bits_of_pow2_rem(a) {
                        // x % 2^k is zero exactly when x's low k bits are, whatever x's
                        // sign, so the remainder's sign fix-up is not needed.
                        return Val::Scalar(self.b.ins().icmp_imm_s(cc, low, 0));
                    }
                }
                Val::Scalar(self.b.ins().icmp(cc, a, b))
            }
            _ => Val::Scalar(self.b.ins().iconst(clt::I8, 0)),
        }
    }

    /// Integer arithmetic with Go's rules: wrapping, truncated division that panics on zero
    /// and defines MinInt / -1 (which traps on x86), and shifts that saturate at the width.
    pub(super) fn binary_values(
        &mut self,
        op: BinOp,
        t: TypeId,
        a: Val,
        b: Val,
        bt: TypeId,
    ) -> Val {
        if let (Val::Str(ap, al), Val::Str(bp, bl)) = (&a, &b) {
            // String concatenation allocates the result (runtime/string.go concatstrings).
            let mut sig = ClSig::new(CallConv::SystemV);
            sig.params = vec![AbiParam::new(clt::I64); 4];
            sig.returns = vec![AbiParam::new(clt::I64); 2];
            let r = self.call_symbol("runtime.concatstring2", &sig, &[*ap, *al, *bp, *bl]);
            return Val::Str(r[0], r[1]);
        }
        if self.complex_part_type(t).is_some() {
            return self.complex_arith(op, t, a, b);
        }
        let (Val::Scalar(a), Val::Scalar(b)) = (a, b) else {
            return Val::None;
        };
        if self.b.func.dfg.value_type(a).is_float() {
            // IEEE 754 arithmetic: division by zero gives ±Inf or NaN, no panic.
            let ins = self.b.ins();
            return Val::Scalar(match op {
                BinOp::Add => ins.fadd(a, b),
                BinOp::Sub => ins.fsub(a, b),
                BinOp::Mul => ins.fmul(a, b),
                BinOp::Div => ins.fdiv(a, b),
                _ => return Val::None,
            });
        }
        let signed = self.is_signed(t);
        let ins = self.b.ins();
        let r = match op {
            BinOp::Add => ins.iadd(a, b),
            BinOp::Sub => ins.isub(a, b),
            BinOp::Mul => ins.imul(a, b),
            BinOp::And => ins.band(a, b),
            BinOp::Or => ins.bor(a, b),
            BinOp::Xor => ins.bxor(a, b),
            BinOp::AndNot => ins.band_not(a, b),
            BinOp::Div | BinOp::Rem => return Val::Scalar(self.divide(op, signed, a, b)),
            BinOp::Shl | BinOp::Shr => return Val::Scalar(self.shift(op, signed, a, b, bt)),
            _ => return Val::None,
        };
        Val::Scalar(r)
    }

    /// For v = `x % 2^k` (srem or urem by a constant power of two), `x & (2^k - 1)`.
    pub(super) fn low_bits_of_pow2_rem(&mut self, v: Value) -> Option<Value> {
        let ir::ValueDef::Result(inst, _) = self.b.func.dfg.value_def(v) else {
            return None;
        };
        let ir::InstructionData::Binary {
            opcode: ir::Opcode::Srem | ir::Opcode::Urem,
            args: [x, d],
        } = self.b.func.dfg.insts[inst]
        else {
            return None;
        };
        let d = self.iconst_value(d)?;
        if d <= 0 || d & (d - 1) != 0 {
            return None;
        }
        Some(self.b.ins().band_imm_s(x, d - 1))
    }

    /// The value of an `iconst`, when v is one.
    pub(super) fn iconst_value(&self, v: Value) -> Option<i64> {
        let ir::ValueDef::Result(inst, _) = self.b.func.dfg.value_def(v) else {
            return None;
        };
        match self.b.func.dfg.insts[inst] {
            ir::InstructionData::UnaryImm {
                opcode: ir::Opcode::Iconst,
                imm,
            } => {
                let ty = self.b.func.dfg.value_type(v);
                // Sign-extend the immediate from the value's width.
                let bits = ty.bits();
                let raw = imm.bits();
                Some(if bits < 64 {
                    (raw << (64 - bits)) >> (64 - bits)
                } else {
                    raw
                })
            }
            _ => None,
        }
    }

    pub(super) fn divide(&mut self, op: BinOp, signed: bool, a: Value, b: Value) -> Value {
        let ty = self.b.func.dfg.value_type(a);
        // A constant divisor other than 0 and -1 needs no checks, and Cranelift turns the
        // division into a multiplication.
        if let Some(d) = self.iconst_value(b) {
            if d != 0 && !(signed && d == -1) {
                return match (op, signed) {
                    (BinOp::Div, true) => self.b.ins().sdiv(a, b),
                    (BinOp::Div, false) => self.b.ins().udiv(a, b),
                    (_, true) => self.b.ins().srem(a, b),
                    (_, false) => self.b.ins().urem(a, b),
                };
            }
        }
        let is_zero = self.b.ins().icmp_imm_s(IntCC::Equal, b, 0);
        let ok = self.cold_branch(is_zero, true);
        self.panic_call("runtime.panicdivide");
        self.resume(ok);
        if !signed {
            return if op == BinOp::Div {
                self.b.ins().udiv(a, b)
            } else {
                self.b.ins().urem(a, b)
            };
        }
        // x / -1 == -x and x % -1 == 0 for every x, MinInt included (Go spec, "Integer
        // operators"); divide by 1 instead so idiv never sees MinInt / -1.
        let minus_one = self.b.ins().icmp_imm_s(IntCC::Equal, b, -1);
        let one = self.b.ins().iconst(ty, 1);
        let safe = self.b.ins().select(minus_one, one, b);
        if op == BinOp::Div {
            let q = self.b.ins().sdiv(a, safe);
            let neg = self.b.ins().ineg(a);
            self.b.ins().select(minus_one, neg, q)
        } else {
            let r = self.b.ins().srem(a, safe);
            let zero = self.b.ins().iconst(ty, 0);
            self.b.ins().select(minus_one, zero, r)
        }
    }

    pub(super) fn shift(
        &mut self,
        op: BinOp,
        signed: bool,
        a: Value,
        count: Value,
        count_t: TypeId,
    ) -> Value {
        let ty = self.b.func.dfg.value_type(a);
        let width = ty.bits() as i64;
        if self.is_signed(count_t) {
            let neg = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, count, 0);
            let ok = self.cold_branch(neg, true);
            self.panic_call("runtime.panicshift");
            self.resume(ok);
        }
        let c = if self.b.func.dfg.value_type(count) == clt::I64 {
            count
        } else {
            self.b.ins().uextend(clt::I64, count)
        };
        // x86 masks shift counts; Go does not: a count >= the width shifts everything out.
        let big = self
            .b
            .ins()
            .icmp_imm_s(IntCC::UnsignedGreaterThanOrEqual, c, width);
        match (op, signed) {
            (BinOp::Shl, _) | (BinOp::Shr, false) => {
                let r = if op == BinOp::Shl {
                    self.b.ins().ishl(a, c)
                } else {
                    self.b.ins().ushr(a, c)
                };
                let zero = self.b.ins().iconst(ty, 0);
                self.b.ins().select(big, zero, r)
            }
            _ => {
                let max = self.b.ins().iconst(clt::I64, width - 1);
                let amt = self.b.ins().select(big, max, c);
                self.b.ins().sshr(a, amt)
            }
        }
    }
}

pub(super) fn int_cc(op: BinOp, signed: bool) -> IntCC {
    match (op, signed) {
        (BinOp::Eq, _) => IntCC::Equal,
        (BinOp::Ne, _) => IntCC::NotEqual,
        (BinOp::Lt, true) => IntCC::SignedLessThan,
        (BinOp::Le, true) => IntCC::SignedLessThanOrEqual,
        (BinOp::Gt, true) => IntCC::SignedGreaterThan,
        (BinOp::Ge, true) => IntCC::SignedGreaterThanOrEqual,
        (BinOp::Lt, false) => IntCC::UnsignedLessThan,
        (BinOp::Le, false) => IntCC::UnsignedLessThanOrEqual,
        (BinOp::Gt, false) => IntCC::UnsignedGreaterThan,
        _ => IntCC::UnsignedGreaterThanOrEqual,
    }
}
