//! Builtin functions (Go spec, "Built-in functions"): len, cap, make, append, copy, panic, new,
//! unsafe.Add, and print/println through the runtime's print functions. Constant builtins were
//! folded by the checker.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{
    self, types as clt, AbiParam, InstBuilder, Signature as ClSig, TrapCode, Value,
};
use cranelift_codegen::isa::CallConv;

use super::{FnLower, Val};
use crate::compile::ast::*;
use crate::compile::check::Builtin;
use crate::compile::types::Type;

impl FnLower<'_, '_> {
    pub(super) fn builtin(&mut self, e: &Expr, b: Builtin, args: &[Expr]) -> Val {
        match b {
            Builtin::Len => {
                let t = self.type_of(&args[0]);
                match self.expr(&args[0]) {
                    Val::Str(_, l) | Val::Slice(_, l, _) => Val::Scalar(l),
                    _ => {
                        let _ = t;
                        Val::Scalar(self.b.ins().iconst(clt::I64, 0))
                    }
                }
            }
            Builtin::Cap => match self.expr(&args[0]) {
                Val::Slice(_, _, c) => Val::Scalar(c),
                _ => Val::Scalar(self.b.ins().iconst(clt::I64, 0)),
            },
            Builtin::Make => {
                // makeslice(elemsize, len, cap) checks the sizes and allocates zeroed memory.
                let t = self.type_of(e);
                let et = self.pl.prog.types.elem(t).unwrap_or(0);
                let esize = self.size(et);
                let len = self.index_value(&args[1]);
                let cap = match args.get(2) {
                    Some(c) => self.index_value(c),
                    None => len,
                };
                let es = self.b.ins().iconst(clt::I64, esize as i64);
                let mut sig = ClSig::new(CallConv::SystemV);
                sig.params = vec![AbiParam::new(clt::I64); 3];
                sig.returns = vec![AbiParam::new(clt::I64)];
                let p = self.call_symbol("runtime.makeslice", &sig, &[es, len, cap])[0];
                Val::Slice(p, len, cap)
            }
            Builtin::Append => self.append(e, args),
            Builtin::Copy => {
                let (dp, dl) = match self.expr(&args[0]) {
                    Val::Slice(p, l, _) => (p, l),
                    _ => return Val::None,
                };
                let (sp, sl) = match self.expr(&args[1]) {
                    Val::Slice(p, l, _) | Val::Str(p, l) => (p, l),
                    _ => return Val::None,
                };
                let dt = self.type_of(&args[0]);
                let esize = self
                    .pl
                    .prog
                    .types
                    .elem(dt)
                    .map(|et| self.pl.prog.types.size(et))
                    .unwrap_or(1);
                let less = self.b.ins().icmp(IntCC::SignedLessThan, dl, sl);
                let n = self.b.ins().select(less, dl, sl);
                let bytes = self.b.ins().imul_imm_s(n, esize as i64);
                self.memmove(dp, sp, bytes);
                Val::Scalar(n)
            }
            Builtin::Panic => {
                // The argument was converted to interface{} where it is used: the runtime
                // prints it as Go's printpanicval does (runtime/panic.go gopanic).
                let Val::Iface(tab, data) = self.expr(&args[0]) else {
                    return Val::None;
                };
                let mut sig = ClSig::new(CallConv::SystemV);
                sig.params = vec![AbiParam::new(clt::I64), AbiParam::new(clt::I64)];
                self.call_symbol("runtime.gopanic", &sig, &[tab, data]);
                self.b.ins().trap(TrapCode::unwrap_user(4));
                self.terminated = true;
                Val::None
            }
            Builtin::New => {
                let t = self.type_of(e);
                let elem = match self.prog().types.get(t) {
                    Type::Pointer(el) => *el,
                    _ => return Val::None,
                };
                let size = self.size(elem);
                if self.pl.in_runtime {
                    return Val::Scalar(self.temp(elem));
                }
                Val::Scalar(self.malloc(size))
            }
            Builtin::Add => {
                let p = self.scalar(&args[0]);
                let n = self.index_value(&args[1]);
                Val::Scalar(self.b.ins().iadd(p, n))
            }
            Builtin::Print | Builtin::Println => {
                let ln = b == Builtin::Println;
                let none = ClSig::new(CallConv::SystemV);
                self.call_symbol("runtime.printlock", &none, &[]);
                for (i, a) in args.iter().enumerate() {
                    if ln && i > 0 {
                        self.call_symbol("runtime.printsp", &none, &[]);
                    }
                    self.print_arg(a);
                }
                if ln {
                    self.call_symbol("runtime.printnl", &none, &[]);
                }
                self.call_symbol("runtime.printunlock", &none, &[]);
                Val::None
            }
            // Constant builtins (Sizeof, ...) were folded by the checker.
            _ => Val::None,
        }
    }

    pub(super) fn print_arg(&mut self, a: &Expr) {
        let t = self.type_of(a);
        let v = self.expr(a);
        let types = &self.pl.prog.types;
        let (symbol, args, params): (&str, Vec<Value>, Vec<ir::Type>) = match v {
            Val::Str(p, l) => ("runtime.printstring", vec![p, l], vec![clt::I64, clt::I64]),
            Val::Scalar(x) => {
                if types.is_float(t) {
                    let x = if self.b.func.dfg.value_type(x) == clt::F32 {
                        self.b.ins().fpromote(clt::F64, x)
                    } else {
                        x
                    };
                    ("runtime.printfloat", vec![x], vec![clt::F64])
                } else if types.is_bool(t) {
                    ("runtime.printbool", vec![x], vec![clt::I8])
                } else if types.is_pointer(t) || types.is_unsafe_pointer(t) {
                    ("runtime.printpointer", vec![x], vec![clt::I64])
                } else if self.is_signed(t) {
                    let x = self.extend64(x, t);
                    ("runtime.printint", vec![x], vec![clt::I64])
                } else {
                    let x = self.extend64(x, t);
                    ("runtime.printuint", vec![x], vec![clt::I64])
                }
            }
            _ => return,
        };
        let mut sig = ClSig::new(CallConv::SystemV);
        sig.params = params.into_iter().map(AbiParam::new).collect();
        self.call_symbol(symbol, &sig, &args);
    }
}
