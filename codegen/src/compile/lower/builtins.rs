//! Builtin functions (Go spec, "Built-in functions"): len, cap, make, append, copy, panic, new,
//! unsafe.Add, and print/println through the runtime's print functions. Constant builtins were
//! folded by the checker.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{self, types as clt, AbiParam, InstBuilder, Signature as ClSig, Value};
use cranelift_codegen::isa::CallConv;

use super::{FnLower, Val};
use crate::compile::ast::*;
use crate::compile::check::Builtin;
use crate::compile::types::{Const, Type, TypeId};

impl FnLower<'_, '_> {
    /// The backing array of `make([]T, len[, cap])` in the frame, when escape analysis keeps
    /// it there: the capacity (or the length when there is none) is a constant of at most
    /// 64 KiB of elements (escape/calls.rs sends any other to the heap, as Go's
    /// HeapAllocReason does). A length that is not constant is checked against that capacity
    /// first, with makeslice's panics (Go's walkMakeSlice for EscNone: `if uint64(len) > cap
    /// { if len < 0 { panicmakeslicelen() }; panicmakeslicecap() }`, then a zeroed `[cap]T`
    /// temporary, zeroed again each time the expression runs).
    fn make_in_frame(&mut self, e: &Expr, args: &[Expr], et: TypeId, len: Value) -> Option<Value> {
        let r = args.get(2).or(args.get(1))?;
        let n = match self.prog().info.consts.get(&r.id) {
            Some(Const::Int(n)) if *n >= 0 => *n as u64,
            _ => return None,
        };
        let size = self.size(et).checked_mul(n)?;
        let site = crate::compile::escape::Site::Alloc(e.id);
        let limit = crate::compile::escape::MAX_IMPLICIT_STACK;
        if !self.site_in_frame(site, size, limit) {
            return None;
        }
        if !self.prog().info.consts.contains_key(&args[1].id) {
            let signed = self.is_signed(self.type_of(&args[1]));
            let ok = self
                .b
                .ins()
                .icmp_imm_u(IntCC::UnsignedLessThanOrEqual, len, n as i64);
            let cont = self.cold_branch(ok, false);
            if signed {
                let neg = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, len, 0);
                let long = self.cold_branch(neg, true);
                // Still on the cold path.
                self.b.set_cold_block(long);
                self.panic_call("runtime.panicmakeslicelen");
                self.resume(long);
            }
            self.panic_call("runtime.panicmakeslicecap");
            self.resume(cont);
        }
        Some(self.frame_block(size))
    }

    pub(super) fn builtin(&mut self, e: &Expr, b: Builtin, args: &[Expr]) -> Val {
        match b {
            Builtin::Len | Builtin::Cap => {
                // Not folded by the checker: a string or slice, or an array (or pointer to
                // one) whose expression calls a function, evaluated for its effects.
                let t = self.type_of(&args[0]);
                if self.pl.prog.types.is_map(t) {
                    let h = self.scalar(&args[0]);
                    return Val::Scalar(self.map_len(h));
                }
                if self.pl.prog.types.is_chan(t) {
                    let c = self.scalar(&args[0]);
                    return Val::Scalar(self.chan_len_cap(c, b == Builtin::Len));
                }
                let types = &self.pl.prog.types;
                let mut under = types.under(t);
                if let Type::Pointer(p) = types.get(under) {
                    under = types.under(*p);
                }
                let array_len = match types.get(under) {
                    Type::Array(n, _) => Some(*n),
                    _ => None,
                };
                if let Some(n) = array_len {
                    self.expr(&args[0]);
                    return Val::Scalar(self.b.ins().iconst(clt::I64, n as i64));
                }
                let word = if b == Builtin::Len { 1 } else { 2 };
                Val::Scalar(self.header_word(&args[0], word))
            }
            Builtin::Make => {
                // makeslice(elemtype, len, cap) checks the sizes and allocates zeroed memory
                // typed with the element's descriptor (Go's makeslice(et *_type, ...)).
                let t = self.type_of(e);
                if self.pl.prog.types.is_map(t) {
                    return self.make_map(t, args.get(1));
                }
                if self.pl.prog.types.is_chan(t) {
                    return self.make_chan(t, args.get(1));
                }
                let et = self.pl.prog.types.elem(t).unwrap_or(0);
                let len = self.index_value(&args[1]);
                let cap = match args.get(2) {
                    Some(c) => self.index_value(c),
                    None => len,
                };
                if let Some(p) = self.make_in_frame(e, args, et, len) {
                    return Val::Slice(p, len, cap);
                }
                let es = self.desc_addr(et);
                let mut sig = ClSig::new(CallConv::SystemV);
                sig.params = vec![AbiParam::new(clt::I64); 3];
                sig.returns = vec![AbiParam::new(clt::I64)];
                let p = self.call_symbol("runtime.makeslice", &sig, &[es, len, cap])[0];
                Val::Slice(p, len, cap)
            }
            Builtin::Append => self.append(e, args),
            Builtin::Close => {
                let c = self.scalar(&args[0]);
                self.close_chan(c);
                Val::None
            }
            Builtin::Delete => {
                self.map_delete(args);
                Val::None
            }
            Builtin::Copy => {
                let mut ops = self.operands(args).into_iter();
                match (ops.next(), ops.next()) {
                    (Some(d), Some(s)) => self.copy_operands(d, s),
                    _ => Val::None,
                }
            }
            Builtin::Panic => {
                // The argument was converted to interface{} where it is used: the runtime
                // prints it as Go's printpanicval does (runtime/panic.go gopanic).
                let Val::Iface(tab, data) = self.expr(&args[0]) else {
                    return Val::None;
                };
                self.gopanic(tab, data);
                Val::None
            }
            Builtin::Recover => self.recover(),
            Builtin::New => {
                let t = self.type_of(e);
                let elem = match self.prog().types.get(t) {
                    Type::Pointer(el) => *el,
                    _ => return Val::None,
                };
                Val::Scalar(self.new_object(e.id, elem))
            }
            Builtin::Slice => {
                let t = self.type_of(e);
                let elem = self.prog().types.elem(t).unwrap_or(t);
                // An unsigned length of 2^63 or more is negative here: out of range too.
                let Some((p, n)) = self.pointer_and_count(args) else {
                    return Val::None;
                };
                let esize = self.size(elem) as i64;
                let size = self.b.ins().iconst(clt::I64, esize);
                let mut sig = ClSig::new(CallConv::SystemV);
                sig.params = vec![AbiParam::new(clt::I64); 3];
                self.call_symbol("runtime.unsafeslicecheck", &sig, &[size, p, n]);
                Val::Slice(p, n, n)
            }
            Builtin::Add => {
                let Some((p, n)) = self.pointer_and_count(args) else {
                    return Val::None;
                };
                Val::Scalar(self.b.ins().iadd(p, n))
            }
            Builtin::Print | Builtin::Println => {
                // The operands are evaluated before anything is printed (cmd/compile's order
                // pass copies them to temporaries ahead of the print calls).
                let ops = self.operands(args);
                self.print_operands(ops, b == Builtin::Println);
                Val::None
            }
            Builtin::Complex => self.complex_builtin(e, None, args),
            Builtin::Real => self.complex_builtin(e, Some(true), args),
            Builtin::Imag => self.complex_builtin(e, Some(false), args),
            // Constant builtins (Sizeof, ...) were folded by the checker.
            _ => Val::None,
        }
    }

    /// copy(dst, src) of evaluated operands: the number of elements copied.
    /// unsafe.Add's and unsafe.Slice's operands: the pointer, and the count widened to 64
    /// bits by its type's signedness.
    fn pointer_and_count(&mut self, args: &[Expr]) -> Option<(Value, Value)> {
        let mut ops = self.operands(args).into_iter();
        let (Some((Val::Scalar(p), _)), Some((Val::Scalar(n), nt))) = (ops.next(), ops.next())
        else {
            return None;
        };
        Some((p, self.extend64(n, nt)))
    }

    pub(super) fn copy_operands(&mut self, dst: (Val, TypeId), src: (Val, TypeId)) -> Val {
        let ((Val::Slice(dp, dl, _), dt), (Val::Slice(sp, sl, _) | Val::Str(sp, sl), _)) =
            (dst, src)
        else {
            return Val::None;
        };
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

    /// print or println (`ln`) of evaluated operands, under the print lock.
    pub(super) fn print_operands(&mut self, ops: Vec<(Val, TypeId)>, ln: bool) {
        let none = ClSig::new(CallConv::SystemV);
        self.call_symbol("runtime.printlock", &none, &[]);
        for (i, (v, t)) in ops.into_iter().enumerate() {
            if ln && i > 0 {
                self.call_symbol("runtime.printsp", &none, &[]);
            }
            self.print_value(v, t);
        }
        if ln {
            self.call_symbol("runtime.printnl", &none, &[]);
        }
        self.call_symbol("runtime.printunlock", &none, &[]);
    }

    /// Prints one operand of print/println as Go's runtime does (runtime/print.go): a
    /// slice as `[len/cap]0xptr` (printslice), an interface as `(0xtype,0xdata)`
    /// (printeface, printiface: the first word is the itab for non-empty interfaces), a
    /// pointer or func value as its address.
    fn print_value(&mut self, v: Val, t: TypeId) {
        let types = &self.pl.prog.types;
        let (symbol, args, params): (&str, Vec<Value>, Vec<ir::Type>) = match v {
            Val::Str(p, l) => ("runtime.printstring", vec![p, l], vec![clt::I64, clt::I64]),
            Val::Slice(p, l, c) => {
                self.print_text("[");
                self.print_word("runtime.printint", l);
                self.print_text("/");
                self.print_word("runtime.printint", c);
                self.print_text("]");
                ("runtime.printpointer", vec![p], vec![clt::I64])
            }
            v @ Val::Mem(_) if types.is_complex(t) => {
                let parts = self.complex_print(v, t);
                let mut sig = ClSig::new(CallConv::SystemV);
                sig.params = vec![AbiParam::new(clt::F64)];
                self.print_text("(");
                self.call_symbol("runtime.printfloat", &sig, &parts[..1]);
                self.call_symbol("runtime.printfloat", &sig, &parts[1..]);
                self.print_text("i)");
                return;
            }
            Val::Iface(tab, data) => {
                self.print_text("(");
                self.print_word("runtime.printpointer", tab);
                self.print_text(",");
                self.print_word("runtime.printpointer", data);
                self.print_text(")");
                return;
            }
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
                } else if types.is_pointer(t)
                    || types.is_unsafe_pointer(t)
                    || types.is_func(t)
                    || types.is_map(t)
                    || types.is_chan(t)
                {
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

    /// Prints a fixed piece of text (runtime.printstring).
    fn print_text(&mut self, text: &str) {
        let Val::Str(p, l) = self.const_val(&Const::Str(text.as_bytes().to_vec()), 0) else {
            return;
        };
        let mut sig = ClSig::new(CallConv::SystemV);
        sig.params = vec![AbiParam::new(clt::I64); 2];
        self.call_symbol("runtime.printstring", &sig, &[p, l]);
    }

    /// Calls a runtime print function of one 64-bit word (printint, printpointer).
    fn print_word(&mut self, symbol: &str, x: Value) {
        let mut sig = ClSig::new(CallConv::SystemV);
        sig.params = vec![AbiParam::new(clt::I64)];
        self.call_symbol(symbol, &sig, &[x]);
    }
}
