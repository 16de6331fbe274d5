//! Calls: Go calls under the tbuild ABI (direct, method, through a func value), variadic
//! argument packing, function values (funcvals), and calls into the runtime.

use cranelift_codegen::ir::{
    types as clt, Block, InstBuilder, MemFlagsData, Signature as ClSig, StackSlotData,
    StackSlotKind, TrapCode, Value,
};
use cranelift_codegen::isa::CallConv;
use cranelift_module::Module;

use super::abi::{cl_signature, word_types};
use super::{Callee, FnLower, Shape, Val};
use crate::compile::ast::*;
use crate::compile::check::{strip_parens, CallKind, ObjId, ObjKind};
use crate::compile::types::{Type, TypeId};

impl FnLower<'_, '_> {
    pub(super) fn call_symbol(&mut self, symbol: &str, sig: &ClSig, args: &[Value]) -> Vec<Value> {
        let fid = self.pl.extern_func(symbol, sig);
        let fref = self.pl.module.declare_func_in_func(fid, self.b.func);
        // Everything is linked into one static image below 2 GiB: call rel32 directly.
        self.b.func.dfg.ext_funcs[fref].colocated = true;
        let call = self.b.ins().call(fref, args);
        self.b.inst_results(call).to_vec()
    }

    /// Branches to a new cold block when `cond` is `cold_when`, and makes it current (it
    /// must end in a call that does not return); returns the block where the other case
    /// goes on, for [`FnLower::resume`].
    pub(super) fn cold_branch(&mut self, cond: Value, cold_when: bool) -> Block {
        let cold = self.b.create_block();
        let cont = self.b.create_block();
        if cold_when {
            self.b.ins().brif(cond, cold, &[], cont, &[]);
        } else {
            self.b.ins().brif(cond, cont, &[], cold, &[]);
        }
        self.b.set_cold_block(cold);
        self.b.switch_to_block(cold);
        self.b.seal_block(cold);
        cont
    }

    /// Goes on in `cont`, the block [`FnLower::cold_branch`] returned.
    pub(super) fn resume(&mut self, cont: Block) {
        self.b.switch_to_block(cont);
        self.b.seal_block(cont);
    }

    pub(super) fn panic_call(&mut self, symbol: &str) {
        let sig = ClSig::new(CallConv::SystemV);
        self.call_symbol(symbol, &sig, &[]);
        self.b.ins().trap(TrapCode::unwrap_user(3));
    }

    /// The address of a top-level function's funcval (`pkg.name·f` in Go: a read-only word
    /// holding the code address), which is what a func value points to.
    pub(super) fn funcval(&mut self, o: ObjId, symbol: &str) -> Value {
        let sig = self.pl.func_sig(o);
        let did = self.pl.static_funcval(symbol, &sig);
        self.data_addr(did)
    }

    pub(super) fn call(&mut self, e: &Expr, func: &Expr, args: &[Expr]) -> Val {
        // Whether this call spreads a slice (`f(s...)`), for `args_for`; a call evaluated
        // meanwhile (the callee `g()` of `g()(s...)`) restores it when it is done.
        let spread = matches!(&e.kind, ExprKind::Call { ellipsis: true, .. });
        let outer = std::mem::replace(&mut self.call_has_ellipsis, spread);
        let outer_site = self.call_site.replace(e.id);
        let v = self.call_inner(e, func, args);
        self.call_has_ellipsis = outer;
        self.call_site = outer_site;
        v
    }

    fn call_inner(&mut self, e: &Expr, func: &Expr, args: &[Expr]) -> Val {
        // A call's return address maps to the call's own line (tracebacks print it).
        self.set_loc(e.pos);
        match self.prog().info.calls.get(&e.id).cloned() {
            Some(CallKind::Conversion(t)) => {
                let from = self.type_of(&args[0]);
                let v = self.expr(&args[0]);
                self.convert(v, from, t)
            }
            Some(CallKind::Builtin(b)) => self.builtin(e, b, args),
            Some(kind) => {
                let kept = self.keep_alive.len();
                let v = match kind {
                    CallKind::Func(o) => self.call_func(o, args, e.pos),
                    CallKind::Method {
                        func: m,
                        addr,
                        deref,
                    } => self.call_method(m, addr, deref, func, args, e.pos),
                    CallKind::Indirect => self.call_indirect(func, args),
                    CallKind::IfaceMethod { index } => self.call_iface_method(index, func, args),
                    CallKind::Conversion(_) | CallKind::Builtin(_) => unreachable!(),
                };
                // The call has returned: its `uintptr(p)` arguments' objects may die now.
                self.release_kept(kept);
                v
            }
            None => {
                let _ = func;
                Val::None
            }
        }
    }

    /// Clears the keep-alive slots after the first `kept` ([`FnLower::args_for`]).
    pub(super) fn release_kept(&mut self, kept: usize) {
        for slot in self.keep_alive.split_off(kept) {
            let zero = self.b.ins().iconst(clt::I64, 0);
            self.b.ins().stack_store(clt::I64, zero, slot, 0);
        }
    }

    /// Whether `arg` is `uintptr(p)` for an unsafe.Pointer p: the argument form whose object
    /// Go keeps alive until the call returns (unsafe.Pointer's rule 4; cmd/compile
    /// escape/call.go rewriteArgument for syscall-like functions, and a statement's
    /// temporaries for the others, which go 1.19's own tests rely on: issue24491b.go).
    pub(super) fn is_uintptr_of_pointer(&self, arg: &Expr) -> bool {
        let arg = strip_parens(arg);
        let ExprKind::Call { args: inner, .. } = &arg.kind else {
            return false;
        };
        let Some(CallKind::Conversion(t)) = self.prog().info.calls.get(&arg.id) else {
            return false;
        };
        let types = &self.pl.prog.types;
        inner.len() == 1
            && types.basic_of(*t) == Some(crate::compile::types::Basic::Uintptr)
            && types.is_unsafe_pointer(self.type_of(&inner[0]))
    }

    /// Evaluates call arguments; for a variadic function the trailing arguments are packed
    /// into a new slice (nil when there are none), unless the call spreads one with `s...`.
    /// Its array is in the frame when escape analysis keeps the call's `... argument` there
    /// (Go's order.go gives such a slice literal a stack temporary, walk/complit.go
    /// slicelit), stored afresh each time the call runs.
    pub(super) fn args_for(
        &mut self,
        sig: &crate::compile::types::Signature,
        args: &[Expr],
    ) -> Vec<Val> {
        // Read before evaluating the arguments: nested calls reset it.
        let spread = self.call_has_ellipsis;
        let site = self.call_site;
        let mut vals = self.expr_list(args);
        // A `uintptr(p)` argument keeps p's object alive until the call returns: a copy in a
        // frame slot of its own, which the collector's conservative stack scan sees, cleared
        // after the call (call_inner).
        for (a, v) in args.iter().zip(&vals) {
            if let Val::Scalar(x) = *v {
                if self.is_uintptr_of_pointer(a) {
                    let slot = self.b.create_sized_stack_slot(StackSlotData::new(
                        StackSlotKind::ExplicitSlot,
                        8,
                        3,
                    ));
                    self.b.ins().stack_store(clt::I64, x, slot, 0);
                    self.keep_alive.push(slot);
                }
            }
        }
        if !sig.variadic || spread {
            return vals;
        }
        let n = sig.params.len() - 1;
        let st = sig.params[n];
        let et = self.pl.prog.types.elem(st).unwrap_or(0);
        let extra: Vec<Val> = if vals.len() > n {
            vals.split_off(n)
        } else {
            Vec::new()
        };
        if extra.is_empty() {
            let z = self.zero_val(st);
            vals.push(z);
            return vals;
        }
        let esize = self.size(et);
        let count = extra.len() as i64;
        let size = esize.saturating_mul(count as u64);
        let in_frame = site.is_some_and(|s| {
            let s = crate::compile::escape::Site::Variadic(s);
            self.site_in_frame(s, size, crate::compile::backend::MAX_STACK_VAR)
        });
        // `f(x, uintptr(p), ...)` with a heap array: its words are allocated as pointers, so
        // that the array keeps each argument's object alive while it lives (a go or defer
        // statement's saved slice outlives the statement, as //go:uintptrescapes asks).
        let up = self
            .pl
            .prog
            .types
            .basic(crate::compile::types::Basic::UnsafePointer);
        let as_pointers =
            (args.get(n..).unwrap_or(&[]).iter()).any(|a| self.is_uintptr_of_pointer(a));
        let p = if in_frame {
            self.frame_block(size)
        } else if as_pointers {
            self.malloc_array(up, count as u64)
        } else {
            self.malloc_array(et, count as u64)
        };
        for (i, v) in extra.into_iter().enumerate() {
            let a = self.b.ins().iadd_imm_s(p, (esize as i64) * i as i64);
            self.store(et, a, v);
        }
        let k = self.b.ins().iconst(clt::I64, count);
        vals.push(Val::Slice(p, k, k));
        vals
    }

    /// The symbol and Go signature of a function or method object.
    pub(super) fn func_symbol_sig(
        &self,
        o: ObjId,
    ) -> Option<(String, crate::compile::types::Signature)> {
        let obj = &self.prog().objs[o as usize];
        let ObjKind::Func { symbol, .. } = &obj.kind else {
            return None;
        };
        let Type::Func(sig) = self.prog().types.get(obj.ty) else {
            return None;
        };
        Some((symbol.clone(), sig.clone()))
    }

    pub(super) fn call_func(&mut self, o: ObjId, args: &[Expr], pos: Pos) -> Val {
        let Some((symbol, sig)) = self.func_symbol_sig(o) else {
            return Val::None;
        };
        if symbol == "runtime.getg" && args.is_empty() {
            // The runtime's getg is Go's intrinsic: the g register (R15, Cranelift's pinned
            // register) itself, not a call of the assembly version.
            return Val::Scalar(self.b.ins().get_pinned_reg(clt::I64));
        }
        let vals = self.args_for(&sig, args);
        let vals = match self.atomic_call(&symbol, vals) {
            Ok(v) => return v,
            Err(vals) => vals,
        };
        let vals = match self.try_inline(o, pos, &sig, vals) {
            Ok(v) => return v,
            Err(vals) => vals,
        };
        self.emit_call(Callee::Symbol(symbol), &sig.params, &sig.results, vals)
    }

    /// `x.M(args)`: the receiver is the first argument, addressed or dereferenced to match
    /// the method's receiver type.
    pub(super) fn call_method(
        &mut self,
        m: ObjId,
        addr: bool,
        deref: bool,
        func: &Expr,
        args: &[Expr],
        pos: Pos,
    ) -> Val {
        let ExprKind::Selector(x, ..) = &strip_parens(func).kind else {
            return Val::None;
        };
        let Some((symbol, sig)) = self.func_symbol_sig(m) else {
            return Val::None;
        };
        let sel = strip_parens(func);
        let recv = self.method_receiver(sel, x, sig.params[0], addr, deref, false);
        let mut vals = vec![recv];
        let msig = sig.without_receiver();
        vals.extend(self.args_for(&msig, args));
        let vals = match self.try_inline(m, pos, &sig, vals) {
            Ok(v) => return v,
            Err(vals) => vals,
        };
        self.emit_call(Callee::Symbol(symbol), &sig.params, &sig.results, vals)
    }

    /// The receiver of a method call or method value `x.M` for a method whose receiver has
    /// type recv_t: x's address (`addr`), *x (`deref`), x itself, or, for a method promoted
    /// through embedded fields, the embedded value or its address. A receiver made by taking
    /// an address must not be made through a nil pointer: Go checks it (`p.Inner.M()`, or
    /// `p.M()` promoted from an embedded Inner, with p nil, panic before the call). With
    /// `trapping`, a value is loaded at once (a method value copies its receiver when made).
    pub(super) fn method_receiver(
        &mut self,
        sel: &Expr,
        x: &Expr,
        recv_t: TypeId,
        addr: bool,
        deref: bool,
        trapping: bool,
    ) -> Val {
        let outer = std::mem::replace(&mut self.addr_of, addr);
        let load = |fl: &mut Self, p: Value| {
            if trapping {
                fl.load_trapping(recv_t, p)
            } else {
                fl.load(recv_t, p)
            }
        };
        let recv = if self.prog().info.embedded.contains_key(&sel.id) {
            let base = self.selector_base(sel, x, deref, addr);
            if addr {
                // Made by offsets from the pointer x: check x (a pointer followed on the
                // way is checked by the walk; one at the end is the receiver itself).
                if deref && !self.embedded_through_pointer(sel) {
                    self.nil_check(base);
                }
                Val::Scalar(base)
            } else {
                load(self, base)
            }
        } else if addr {
            Val::Scalar(self.addr(x))
        } else if deref {
            let p = self.scalar(x);
            load(self, p)
        } else {
            self.expr(x)
        };
        self.addr_of = outer;
        recv
    }

    /// A call through a function value: a pointer to a funcval whose first word is the code
    /// address (Go's closure layout, runtime/runtime2.go funcval).
    pub(super) fn call_indirect(&mut self, func: &Expr, args: &[Expr]) -> Val {
        let ft = self.type_of(func);
        let Type::Func(sig) = self.prog().types.get(self.prog().types.under(ft)).clone() else {
            return Val::None;
        };
        let fv = self.scalar(func);
        let vals = self.args_for(&sig, args);
        let code = self.b.ins().load(clt::I64, MemFlagsData::new(), fv, 0);
        self.emit_call(
            Callee::Closure { code, ctx: fv },
            &sig.params,
            &sig.results,
            vals,
        )
    }

    /// Emits a call under the tbuild ABI: hidden result areas for aggregate results first,
    /// then each argument's words (aggregates as the address of a fresh copy the callee owns).
    pub(super) fn emit_call(
        &mut self,
        callee: Callee,
        params: &[TypeId],
        results: &[TypeId],
        vals: Vec<Val>,
    ) -> Val {
        let mut clsig = cl_signature(self.pl.prog, params, results);
        let mut argv = Vec::new();
        let mut srets = Vec::new();
        for &r in results {
            if self.shape(r) == Shape::Agg {
                let tmp = self.temp(r);
                srets.push(tmp);
                argv.push(tmp);
            }
        }
        for (v, &t) in vals.into_iter().zip(params) {
            match v {
                Val::Mem(src) => {
                    if let Val::Mem(a) = self.own(Val::Mem(src), t) {
                        argv.push(a);
                    }
                }
                v => argv.extend(v.words()),
            }
        }
        let rets = match callee {
            Callee::Symbol(symbol) => self.call_symbol(&symbol, &clsig, &argv),
            Callee::Indirect(code) => {
                let sigref = self.b.import_signature(clsig);
                let call = self.b.ins().call_indirect(sigref, code, &argv);
                self.b.inst_results(call).to_vec()
            }
            Callee::Closure { code, ctx } => {
                clsig
                    .params
                    .push(cranelift_codegen::ir::AbiParam::new(clt::I64));
                argv.push(ctx);
                let sigref = self.b.import_signature(clsig);
                let call = self.b.ins().call_indirect(sigref, code, &argv);
                self.b.inst_results(call).to_vec()
            }
        };
        self.results_val(results, &srets, &rets)
    }

    /// A call's results as one value (a tuple for several): each aggregate result is the
    /// next of `aggs` (the memory it was returned in), each other one the next of `words`.
    pub(super) fn results_val(&self, results: &[TypeId], aggs: &[Value], words: &[Value]) -> Val {
        let mut out = Vec::new();
        let (mut wi, mut ai) = (0, 0);
        for &r in results {
            let shape = self.shape(r);
            if shape == Shape::Agg {
                out.push(Val::Mem(aggs[ai]));
                ai += 1;
            } else {
                let n = word_types(shape).len();
                out.push(Val::from_words(shape, &words[wi..wi + n]));
                wi += n;
            }
        }
        match out.len() {
            0 => Val::None,
            1 => out.pop().unwrap(),
            _ => Val::Tuple(out),
        }
    }
}
