//! Complex numbers in the lowering. A complex64 or complex128 is laid out as Go lays it out:
//! two float32s or two float64s, real part first (8 or 16 bytes, aligned as its part). It
//! travels as an aggregate (`Val::Mem`, passed by address as structs are), so variables,
//! fields, elements, parameters and results need nothing of their own; the operators load the
//! two parts and store their result in a fresh temporary.
//!
//! The arithmetic follows cmd/compile (ssagen/ssa.go): + and - part by part in the part's
//! type; * widens complex64 parts to float64, computes `(ac-bd) + (ad+bc)i` and narrows back;
//! / calls the runtime's complex128div (runtime/pkg/runtime/complex.go), complex64 operands
//! widened first, as walk/expr.go does; == compares both parts as floats (so +0 == -0 and a
//! NaN part is never equal).

use cranelift_codegen::ir::condcodes::FloatCC;
use cranelift_codegen::ir::{self, types as clt, AbiParam, InstBuilder, Signature as ClSig, Value};
use cranelift_codegen::isa::CallConv;

use super::{flags, FnLower, Val};
use crate::compile::ast::*;
use crate::compile::types::{Basic, Const, TypeId};

impl FnLower<'_, '_> {
    /// The Cranelift type of t's parts when t is a complex type.
    pub(super) fn complex_part_type(&self, t: TypeId) -> Option<ir::Type> {
        match self.prog().types.basic_of(t) {
            Some(Basic::Complex64) => Some(clt::F32),
            Some(Basic::Complex128) => Some(clt::F64),
            _ => None,
        }
    }

    /// The real and imaginary parts of a complex value of part type `pt`.
    pub(super) fn complex_parts(&mut self, v: &Val, pt: ir::Type) -> (Value, Value) {
        let Val::Mem(a) = v else {
            let z = self.zero_scalar(pt);
            return (z, z);
        };
        if let Some(&parts) = self.complex_vals.get(a) {
            return parts;
        }
        let re = self.b.ins().load(pt, flags(), *a, 0);
        let im = self.b.ins().load(pt, flags(), *a, pt.bytes() as i32);
        (re, im)
    }

    /// A new complex value of type t from its parts.
    pub(super) fn make_complex(&mut self, t: TypeId, re: Value, im: Value) -> Val {
        // A frame slot of its own, not zeroed first (both parts are stored, and it holds no
        // pointers).
        let pt = self.b.func.dfg.value_type(re);
        let slot = self.b.create_sized_stack_slot(ir::StackSlotData::new(
            ir::StackSlotKind::ExplicitSlot,
            2 * pt.bytes(),
            pt.bytes().trailing_zeros() as u8,
        ));
        let a = self.b.ins().stack_addr(clt::I64, slot, 0);
        let _ = t;
        self.b.ins().store(flags(), re, a, 0);
        self.b.ins().store(flags(), im, a, pt.bytes() as i32);
        // The slot is written only here and read only through this address, whose
        // definition follows the parts' in the same block: wherever the address is usable,
        // the parts are too.
        self.complex_vals.insert(a, (re, im));
        Val::Mem(a)
    }

    /// A complex constant of type t (each part already rounded by the checker).
    pub(super) fn complex_const(&mut self, c: &Const, t: TypeId) -> Val {
        let pt = self.complex_part_type(t).unwrap_or(clt::F64);
        let (re, im) = match c {
            Const::Complex(re, im) => (
                crate::compile::types::rational_to_f64(re),
                crate::compile::types::rational_to_f64(im),
            ),
            c => (c.to_f64(), 0.0),
        };
        let (re, im) = if pt == clt::F32 {
            (
                self.b.ins().f32const(re as f32),
                self.b.ins().f32const(im as f32),
            )
        } else {
            (self.b.ins().f64const(re), self.b.ins().f64const(im))
        };
        self.make_complex(t, re, im)
    }

    /// `a op b` for complex operands of type t.
    pub(super) fn complex_arith(&mut self, op: BinOp, t: TypeId, a: Val, b: Val) -> Val {
        let pt = self.complex_part_type(t).unwrap_or(clt::F64);
        let (ar, ai) = self.complex_parts(&a, pt);
        let (br, bi) = self.complex_parts(&b, pt);
        let (re, im) = match op {
            BinOp::Add => (self.b.ins().fadd(ar, br), self.b.ins().fadd(ai, bi)),
            BinOp::Sub => (self.b.ins().fsub(ar, br), self.b.ins().fsub(ai, bi)),
            BinOp::Mul => {
                let [ar, ai, br, bi] = [ar, ai, br, bi].map(|x| self.widen(x));
                let (rr, ii) = (self.b.ins().fmul(ar, br), self.b.ins().fmul(ai, bi));
                let (ri, ir) = (self.b.ins().fmul(ar, bi), self.b.ins().fmul(ai, br));
                let re = self.b.ins().fsub(rr, ii);
                let im = self.b.ins().fadd(ri, ir);
                (self.narrow(re, pt), self.narrow(im, pt))
            }
            _ => {
                let args = [ar, ai, br, bi].map(|x| self.widen(x));
                let mut sig = ClSig::new(CallConv::SystemV);
                sig.params = vec![AbiParam::new(clt::F64); 4];
                sig.returns = vec![AbiParam::new(clt::F64); 2];
                let r = self.call_symbol("runtime.complex128div", &sig, &args);
                (self.narrow(r[0], pt), self.narrow(r[1], pt))
            }
        };
        self.make_complex(t, re, im)
    }

    /// `x++` or `x--` of a complex x: x + 1 or x - 1 (Go spec, "IncDec statements").
    pub(super) fn complex_inc_dec(&mut self, t: TypeId, x: Val, inc: bool) -> Val {
        let one = self.complex_const(&Const::Int(1), t);
        let op = if inc { BinOp::Add } else { BinOp::Sub };
        self.complex_arith(op, t, x, one)
    }

    /// `a == b` (or `!=` when `eq` is false) for complex operands of type t.
    pub(super) fn complex_compare(&mut self, eq: bool, t: TypeId, a: Val, b: Val) -> Val {
        let pt = self.complex_part_type(t).unwrap_or(clt::F64);
        let (ar, ai) = self.complex_parts(&a, pt);
        let (br, bi) = self.complex_parts(&b, pt);
        let cc = if eq {
            FloatCC::Equal
        } else {
            FloatCC::NotEqual
        };
        let r = self.b.ins().fcmp(cc, ar, br);
        let i = self.b.ins().fcmp(cc, ai, bi);
        Val::Scalar(if eq {
            self.b.ins().band(r, i)
        } else {
            self.b.ins().bor(r, i)
        })
    }

    /// `-x` for a complex x of type t.
    pub(super) fn complex_neg(&mut self, t: TypeId, x: Val) -> Val {
        let pt = self.complex_part_type(t).unwrap_or(clt::F64);
        let (re, im) = self.complex_parts(&x, pt);
        let (re, im) = (self.b.ins().fneg(re), self.b.ins().fneg(im));
        self.make_complex(t, re, im)
    }

    /// A conversion between complex64 and complex128: each part converted as a float is.
    pub(super) fn complex_convert(&mut self, v: Val, from: TypeId, to: TypeId) -> Val {
        let (fp, tp) = (
            self.complex_part_type(from).unwrap_or(clt::F64),
            self.complex_part_type(to).unwrap_or(clt::F64),
        );
        let (re, im) = self.complex_parts(&v, fp);
        let (re, im) = if fp == tp {
            (re, im)
        } else if tp == clt::F64 {
            (self.widen(re), self.widen(im))
        } else {
            (self.narrow(re, tp), self.narrow(im, tp))
        };
        self.make_complex(to, re, im)
    }

    /// `complex(x, y)`, `real(x)` or `imag(x)` evaluated at run time.
    pub(super) fn complex_builtin(&mut self, e: &Expr, real: Option<bool>, args: &[Expr]) -> Val {
        match real {
            None => {
                // complex(f()) spreads a two-result call into the two parts.
                let t = self.type_of(e);
                let ops = self.operands(args);
                let part = |v: &Val| match v {
                    Val::Scalar(x) => Some(*x),
                    _ => None,
                };
                match (
                    ops.first().and_then(|o| part(&o.0)),
                    ops.get(1).and_then(|o| part(&o.0)),
                ) {
                    (Some(re), Some(im)) => self.make_complex(t, re, im),
                    _ => self.zero_val(t),
                }
            }
            Some(real) => {
                let t = self.type_of(&args[0]);
                let pt = self.complex_part_type(t).unwrap_or(clt::F64);
                let v = self.expr(&args[0]);
                let (re, im) = self.complex_parts(&v, pt);
                Val::Scalar(if real { re } else { im })
            }
        }
    }

    /// println's form of a complex value (runtime/print.go printcomplex): `(re im i)` with
    /// both parts as printfloat prints them, `(+1.000000e+000+2.000000e+000i)`.
    pub(super) fn complex_print(&mut self, v: Val, t: TypeId) -> Vec<Value> {
        let pt = self.complex_part_type(t).unwrap_or(clt::F64);
        let (re, im) = self.complex_parts(&v, pt);
        vec![self.widen(re), self.widen(im)]
    }

    fn widen(&mut self, x: Value) -> Value {
        if self.b.func.dfg.value_type(x) == clt::F32 {
            self.b.ins().fpromote(clt::F64, x)
        } else {
            x
        }
    }

    fn narrow(&mut self, x: Value, pt: ir::Type) -> Value {
        if pt == clt::F32 {
            self.b.ins().fdemote(clt::F32, x)
        } else {
            x
        }
    }
}
