//! Conversions (Go spec, "Conversions"): between integer widths, to and from floats with amd64
//! Go's results, and the string conversions that call the runtime.

use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{self, types as clt, AbiParam, InstBuilder, Signature as ClSig, Value};
use cranelift_codegen::isa::CallConv;

use super::{FnLower, Shape, Val};
use crate::compile::types::TypeId;

impl FnLower<'_, '_> {
    /// Conversions that need the runtime: string <-> []byte copy the bytes, string(rune)
    /// encodes UTF-8 (runtime/string.go slicebytetostring, stringtoslicebyte, intstring).
    pub(super) fn convert_string(&mut self, v: Val, from: TypeId, to: TypeId) -> Option<Val> {
        let types = &self.pl.prog.types;
        let to_string = types.is_string(to);
        match v {
            Val::Str(p, l) if types.is_slice(to) => {
                let runes = types.elem(to).is_some_and(|e| types.size_of_basic(e) == 4);
                let mut sig = ClSig::new(CallConv::SystemV);
                sig.params = vec![AbiParam::new(clt::I64); 2];
                sig.returns = vec![AbiParam::new(clt::I64); 3];
                let f = if runes {
                    "runtime.stringtoslicerune"
                } else {
                    "runtime.stringtoslicebyte"
                };
                let r = self.call_symbol(f, &sig, &[p, l]);
                Some(Val::Slice(r[0], r[1], r[2]))
            }
            Val::Slice(p, l, _) if to_string => {
                let runes = types
                    .elem(from)
                    .is_some_and(|e| types.size_of_basic(e) == 4);
                let mut sig = ClSig::new(CallConv::SystemV);
                sig.params = vec![AbiParam::new(clt::I64); 2];
                sig.returns = vec![AbiParam::new(clt::I64); 2];
                let f = if runes {
                    "runtime.slicerunetostring"
                } else {
                    "runtime.slicebytetostring"
                };
                let r = self.call_symbol(f, &sig, &[p, l]);
                Some(Val::Str(r[0], r[1]))
            }
            Val::Scalar(x) if to_string => {
                let x = self.extend64(x, from);
                let mut sig = ClSig::new(CallConv::SystemV);
                sig.params = vec![AbiParam::new(clt::I64)];
                sig.returns = vec![AbiParam::new(clt::I64); 2];
                let r = self.call_symbol("runtime.intstring", &sig, &[x]);
                Some(Val::Str(r[0], r[1]))
            }
            _ => None,
        }
    }

    pub(super) fn convert(&mut self, v: Val, from: TypeId, to: TypeId) -> Val {
        if let Some(r) = self.convert_string(v.clone(), from, to) {
            return r;
        }
        // (*[N]T)(s): s's data pointer, once len(s) >= N (Go 1.17; the panic is Go's
        // boundsConvert, runtime/error.go).
        if let (Some(n), Val::Slice(p, l, _)) =
            (self.prog().types.slice_to_array_pointer(from, to), &v)
        {
            let (p, l) = (*p, *l);
            let n = self.b.ins().iconst(clt::I64, n as i64);
            let ok = self.b.ins().icmp(IntCC::UnsignedLessThanOrEqual, n, l);
            self.check_or_panic(ok, "runtime.panicSliceConvert", n, l, None);
            return Val::Scalar(p);
        }
        if self.complex_part_type(from).is_some() && self.complex_part_type(to).is_some() {
            return self.complex_convert(v, from, to);
        }
        let Val::Scalar(x) = v else { return v };
        let Shape::Scalar(target) = self.shape(to) else {
            return Val::Scalar(x);
        };
        let src = self.b.func.dfg.value_type(x);
        if src.is_float() || target.is_float() {
            return Val::Scalar(self.convert_float(x, from, to, target));
        }
        if src == target {
            return Val::Scalar(x);
        }
        if src.bits() > target.bits() {
            return Val::Scalar(self.b.ins().ireduce(target, x));
        }
        // Widening follows the source's signedness (Go spec, "Conversions between numeric types").
        if self.is_signed(from) {
            Val::Scalar(self.b.ins().sextend(target, x))
        } else {
            Val::Scalar(self.b.ins().uextend(target, x))
        }
    }

    /// Conversions involving floats, with amd64 Go's results: int->float rounds to nearest;
    /// float->int truncates, and NaN or an out-of-range value gives the "integer indefinite"
    /// 0x8000... of CVTTSD2SQ/CVTTSD2SL, which is what Go produces on amd64; float->uint64 uses
    /// Go's split at 2^63 (cmd/compile/internal/ssagen ssa.go uint64Tofloat and friends).
    pub(super) fn convert_float(
        &mut self,
        x: Value,
        from: TypeId,
        to: TypeId,
        target: ir::Type,
    ) -> Value {
        let src = self.b.func.dfg.value_type(x);
        if src.is_float() && target.is_float() {
            return match (src, target) {
                (clt::F32, clt::F64) => self.b.ins().fpromote(clt::F64, x),
                (clt::F64, clt::F32) => self.b.ins().fdemote(clt::F32, x),
                _ => x,
            };
        }
        if target.is_float() {
            let signed = self.is_signed(from);
            let x = if src.bits() < 32 {
                if signed {
                    self.b.ins().sextend(clt::I32, x)
                } else {
                    self.b.ins().uextend(clt::I32, x)
                }
            } else {
                x
            };
            return if signed {
                self.b.ins().fcvt_from_sint(target, x)
            } else {
                self.b.ins().fcvt_from_uint(target, x)
            };
        }
        // float -> integer
        let x = if src == clt::F32 {
            self.b.ins().fpromote(clt::F64, x)
        } else {
            x
        };
        let unsigned64 = !self.is_signed(to) && target == clt::I64;
        if unsigned64 {
            // x < 2^63: truncate as signed; otherwise truncate x - 2^63 and set the top bit.
            let two63 = self.b.ins().f64const(9223372036854775808.0);
            let small = self.b.ins().fcmp(FloatCC::LessThan, x, two63);
            let lo = self.trunc_indefinite(x, clt::I64);
            let shifted = self.b.ins().fsub(x, two63);
            let hi = self.trunc_indefinite(shifted, clt::I64);
            // OR, not XOR: an overflowing hi is already MIN, which Go leaves as is.
            let top = self.b.ins().iconst(clt::I64, i64::MIN);
            let hi = self.b.ins().bor(hi, top);
            return self.b.ins().select(small, lo, hi);
        }
        // 64-bit targets convert at 64 bits, narrower ones through 32 bits, then truncate.
        let wide = if target == clt::I64 {
            clt::I64
        } else if self.is_signed(to) || target.bits() < 32 {
            clt::I32
        } else {
            clt::I64
        };
        let v = self.trunc_indefinite(x, wide);
        if wide.bits() > target.bits() {
            self.b.ins().ireduce(target, v)
        } else {
            v
        }
    }

    /// Truncating float64 -> int32/int64 with x86's integer-indefinite result (MIN) for NaN
    /// and out-of-range values.
    pub(super) fn trunc_indefinite(&mut self, x: Value, ty: ir::Type) -> Value {
        let (lo, hi) = if ty == clt::I64 {
            (-9223372036854775808.0, 9223372036854775808.0)
        } else {
            (-2147483648.0, 2147483648.0)
        };
        let lo = self.b.ins().f64const(lo);
        let hi = self.b.ins().f64const(hi);
        let ge = self.b.ins().fcmp(FloatCC::GreaterThanOrEqual, x, lo);
        let lt = self.b.ins().fcmp(FloatCC::LessThan, x, hi);
        let ok = self.b.ins().band(ge, lt);
        let t = self.b.ins().fcvt_to_sint_sat(ty, x);
        let min = self.b.ins().iconst(
            ty,
            if ty == clt::I64 {
                i64::MIN
            } else {
                i32::MIN as i64
            },
        );
        self.b.ins().select(ok, t, min)
    }
}
