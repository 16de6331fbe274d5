//! Closures and method values (DESIGN.md, "Func values and the closure context").
//!
//! A function literal is compiled as a function of its own, named as Go names it
//! (`main.main.func1`), whose last parameter is the closure context: the funcval pointer. Its
//! funcval is `{code, captured...}`: each captured variable by value (a copy, when escape
//! analysis found it small and never reassigned after the capture) or by reference (its
//! address). A literal that captures nothing gets a read-only funcval, as a top-level function
//! does; any other funcval is in the frame unless escape analysis says it outlives it.
//!
//! A method value `x.M` is a funcval `{pkg.T.M-fm, receiver}`, where the `-fm` wrapper takes
//! M's parameters and the context and calls M with the receiver it finds there; an interface
//! method value `i.M` is `{pkg.I.M-fm, method code, data word}` (the method is looked up, and
//! a nil interface faults, when the value is made, as in Go). Method expressions `T.M` and
//! `(*T).M` are the method itself (or its `(*T).M` wrapper) as a function; `I.M` is a wrapper
//! that calls method M of its first argument.

use std::rc::Rc;

use cranelift_codegen::ir::{types as clt, AbiParam, InstBuilder, MemFlagsData, Value};
use cranelift_module::{Linkage, Module};

use super::abi::{cl_signature, word_types};
use super::typedesc::ptr_method_symbol;
use super::{Callee, FnLower, PkgLower, Shape, Storage, Val};
use crate::compile::ast::*;
use crate::compile::check::{strip_parens, MethodVal, ObjId};
use crate::compile::escape::Site;
use crate::compile::types::{Signature, Type, TypeId};

/// A function the package still has to compile: a closure body or a generated wrapper.
pub(super) enum Pending {
    Closure {
        symbol: String,
        lit: Rc<FuncLit>,
        id: ExprId,
        captures: Vec<Capture>,
    },
    /// `pkg.T.M-fm`: calls method `method` with the receiver of type `recv` held at 8(ctx).
    BoundWrapper {
        symbol: String,
        method: String,
        sig: Signature,
    },
    /// `pkg.I.M-fm`: calls the code at 8(ctx) with the data word at 16(ctx).
    IfaceValueWrapper { symbol: String, sig: Signature },
    /// `pkg.I.M`: calls method `index` of its first argument, an interface value.
    IfaceExprWrapper {
        symbol: String,
        index: usize,
        sig: Signature,
    },
}

/// Where a closure keeps one captured variable.
#[derive(Clone)]
pub(super) struct Capture {
    pub obj: ObjId,
    pub by_ref: bool,
    pub offset: i32,
}

impl PkgLower<'_> {
    /// Declares (once) a function this package defines itself and will compile later.
    fn declare_local_func(&mut self, symbol: &str, sig: &cranelift_codegen::ir::Signature) -> bool {
        if self.func_ids.contains_key(symbol) {
            return false;
        }
        let fid = self
            .module
            .declare_function(symbol, Linkage::Local, sig)
            .expect("declaring a generated function");
        self.func_ids.insert(symbol.to_string(), fid);
        true
    }

    /// The Cranelift signature of a closure body or method-value wrapper: the Go signature
    /// and the context last.
    pub(super) fn closure_sig(&self, sig: &Signature) -> cranelift_codegen::ir::Signature {
        let mut s = cl_signature(self.prog, &sig.params, &sig.results);
        s.params.push(AbiParam::new(clt::I64));
        s
    }

    /// Compiles the closures and wrappers queued so far (and those they queue).
    pub(super) fn compile_pending(
        &mut self,
        ctx: &mut cranelift_codegen::Context,
        fctx: &mut cranelift_frontend::FunctionBuilderContext,
    ) -> Result<(), String> {
        while let Some(p) = self.pending.pop() {
            match p {
                Pending::Closure {
                    symbol,
                    lit,
                    id,
                    captures,
                } => {
                    let Some(sig) = self.prog.func_sig_of(id) else {
                        continue;
                    };
                    let csig = self.closure_sig(&sig);
                    self.compile_function(ctx, fctx, &symbol, csig, lit.pos, &mut |fl| {
                        fl.lower_closure_body(&lit, &sig, &captures)
                    })?;
                }
                Pending::BoundWrapper {
                    symbol,
                    method,
                    sig,
                } => {
                    let csig = self.closure_sig(&sig.without_receiver());
                    let pos = Pos::default();
                    self.compile_function(ctx, fctx, &symbol, csig, pos, &mut |fl| {
                        fl.lower_bound_wrapper(&method, &sig)
                    })?;
                }
                Pending::IfaceValueWrapper { symbol, sig } => {
                    let csig = self.closure_sig(&sig);
                    let pos = Pos::default();
                    self.compile_function(ctx, fctx, &symbol, csig, pos, &mut |fl| {
                        fl.lower_iface_value_wrapper(&sig)
                    })?;
                }
                Pending::IfaceExprWrapper { symbol, index, sig } => {
                    let csig = cl_signature(self.prog, &sig.params, &sig.results);
                    let pos = Pos::default();
                    self.compile_function(ctx, fctx, &symbol, csig, pos, &mut |fl| {
                        fl.lower_iface_expr_wrapper(index, &sig)
                    })?;
                }
            }
        }
        Ok(())
    }
}

impl FnLower<'_, '_> {
    /// A function literal's value: its funcval.
    pub(super) fn func_lit(&mut self, e: &Expr, lit: &Rc<FuncLit>) -> Val {
        let Some(sig) = self.prog().func_sig_of(e.id) else {
            return Val::None;
        };
        let symbol = match self.pl.esc.names.get(&e.id) {
            Some(n) => n.clone(),
            None => format!(
                "{}.func?{}",
                crate::compile::symbol_prefix(&self.pl.prog.packages[self.pl.pkg].path),
                e.id
            ),
        };
        let objs = self
            .prog()
            .info
            .closures
            .get(&e.id)
            .cloned()
            .unwrap_or_default();
        // The funcval's layout: the code word, then each capture at its alignment.
        let mut captures = Vec::new();
        let mut off: u64 = 8;
        for &o in &objs {
            let by_ref = self.pl.esc.captured_by_ref(o);
            let (size, align) = if by_ref {
                (8, 8)
            } else {
                let t = self.prog().objs[o as usize].ty;
                self.pl.prog.types.layout(t)
            };
            off = off.div_ceil(align.max(1)) * align.max(1);
            captures.push(Capture {
                obj: o,
                by_ref,
                offset: off as i32,
            });
            off += size;
        }
        let csig = self.pl.closure_sig(&sig);
        if self.pl.declare_local_func(&symbol, &csig) {
            self.pl.pending.push(Pending::Closure {
                symbol: symbol.clone(),
                lit: lit.clone(),
                id: e.id,
                captures: captures.clone(),
            });
        }
        if captures.is_empty() {
            let d = self.pl.static_funcval(&symbol, &csig);
            return Val::Scalar(self.data_addr(d));
        }
        // The funcval's pointer words for a collector: not the code word (Go's closure
        // records declare it `F uintptr`), a by-reference capture's pointer, a copied
        // capture's own pointer words.
        let mut words = Vec::new();
        for c in &captures {
            let inner = if c.by_ref {
                vec![true]
            } else {
                let t = self.prog().objs[c.obj as usize].ty;
                self.pl.prog.types.pointer_words(t)
            };
            super::gcmask::place_words(&mut words, c.offset as u64, &inner);
        }
        let fv = self.funcval_memory(Site::Alloc(e.id), off, &words);
        let code = self.func_addr(&symbol, &csig);
        self.b.ins().store(super::flags(), code, fv, 0);
        for c in &captures {
            let t = self.prog().objs[c.obj as usize].ty;
            let at = self.b.ins().iadd_imm_s(fv, c.offset as i64);
            if c.by_ref {
                let p = self.var_addr(c.obj);
                self.b.ins().store(super::flags(), p, at, 0);
            } else {
                let v = self.load_var(c.obj, t);
                self.store(t, at, v);
            }
        }
        Val::Scalar(fv)
    }

    /// Memory for a funcval of `size` bytes: in the frame when the site does not escape.
    fn funcval_memory(&mut self, site: Site, size: u64, words: &[bool]) -> Value {
        if self.pl.in_runtime || !self.pl.esc.site_on_heap(site) {
            let slot = self
                .b
                .create_sized_stack_slot(cranelift_codegen::ir::StackSlotData::new(
                    cranelift_codegen::ir::StackSlotKind::ExplicitSlot,
                    size as u32,
                    3,
                ));
            self.b.ins().stack_addr(clt::I64, slot, 0)
        } else {
            self.malloc_layout(size, words)
        }
    }

    /// The code address of a function of this package.
    fn func_addr(&mut self, symbol: &str, sig: &cranelift_codegen::ir::Signature) -> Value {
        let fid = self.pl.extern_func(symbol, sig);
        let fref = self.pl.module.declare_func_in_func(fid, self.b.func);
        self.b.func.dfg.ext_funcs[fref].colocated = true;
        self.b.ins().func_addr(clt::I64, fref)
    }

    /// The body of a function literal: its parameters, then its captured variables from the
    /// context (the last parameter), then its statements.
    pub(super) fn lower_closure_body(&mut self, lit: &FuncLit, sig: &Signature, caps: &[Capture]) {
        let params: Vec<&Param> = lit.params.iter().collect();
        let captures = caps.to_vec();
        self.lower_body(
            &params,
            &lit.results,
            sig,
            &lit.body,
            lit.pos,
            lit.end,
            Some(&mut |fl: &mut FnLower, ctx: Value| {
                for c in &captures {
                    let t = fl.prog().objs[c.obj as usize].ty;
                    if c.by_ref {
                        let p = fl.b.ins().load(clt::I64, super::flags(), ctx, c.offset);
                        let v = fl.b.declare_var(clt::I64);
                        fl.b.def_var(v, p);
                        fl.vars.insert(c.obj, Storage::Ptr(v));
                    } else if fl.shape(t) == Shape::Agg {
                        // Never written: the closure reads its copy in place.
                        let p = fl.b.ins().iadd_imm_s(ctx, c.offset as i64);
                        let v = fl.b.declare_var(clt::I64);
                        fl.b.def_var(v, p);
                        fl.vars.insert(c.obj, Storage::Ptr(v));
                    } else {
                        let at = fl.b.ins().iadd_imm_s(ctx, c.offset as i64);
                        let val = fl.load(t, at);
                        let vars: Vec<_> = word_types(fl.shape(t))
                            .into_iter()
                            .map(|ty| fl.b.declare_var(ty))
                            .collect();
                        for (var, w) in vars.iter().zip(val.words()) {
                            fl.b.def_var(*var, w);
                        }
                        fl.vars.insert(c.obj, Storage::Ssa(vars));
                    }
                }
            }),
        );
    }

    /// A method value `x.M` or `i.M`, or a method expression `T.M`.
    pub(super) fn method_value(&mut self, e: &Expr, mv: MethodVal) -> Val {
        let ExprKind::Selector(x, ..) = &strip_parens(e).kind else {
            return Val::None;
        };
        match mv {
            MethodVal::Bound { func, addr, deref } => {
                let Some((symbol, sig)) = self.func_symbol_sig(func) else {
                    return Val::None;
                };
                let recv_t = sig.params[0];
                let sel = strip_parens(e);
                // A nil pointer faults here, when the value is made, as in Go.
                let recv = self.method_receiver(sel, x, recv_t, addr, deref, true);
                let recv = if addr { recv } else { self.own(recv, recv_t) };
                let wsym = format!("{symbol}-fm");
                let csig = self.pl.closure_sig(&sig.without_receiver());
                if self.pl.declare_local_func(&wsym, &csig) {
                    self.pl.pending.push(Pending::BoundWrapper {
                        symbol: wsym.clone(),
                        method: symbol.clone(),
                        sig: sig.clone(),
                    });
                }
                let (size, align) = if addr {
                    (8, 8)
                } else {
                    self.pl.prog.types.layout(recv_t)
                };
                let off = 8u64.div_ceil(align.max(1)) * align.max(1);
                let store_t = if addr {
                    self.pl.prog.types.pointer(recv_t)
                } else {
                    recv_t
                };
                // The code word, then the receiver (a pointer, or a copy of the value).
                let mut words = Vec::new();
                let inner = self.pl.prog.types.pointer_words(store_t);
                super::gcmask::place_words(&mut words, off, &inner);
                let fv = self.funcval_memory(Site::Alloc(e.id), off + size, &words);
                let code = self.func_addr(&wsym, &csig);
                self.b.ins().store(super::flags(), code, fv, 0);
                let at = self.b.ins().iadd_imm_s(fv, off as i64);
                self.store(store_t, at, recv);
                Val::Scalar(fv)
            }
            MethodVal::Iface { index } => {
                let (it, iv) = self.selector_iface(strip_parens(e), x);
                let methods = self.pl.prog.types.interface_methods(it);
                let Some(m) = methods.get(index).cloned() else {
                    return Val::None;
                };
                let Val::Iface(tab, data) = iv else {
                    return Val::None;
                };
                // Looked up now: a nil interface faults here, as Go's method value does.
                let code = self.itab_method(tab, index);
                let wsym = format!("{}.{}-fm", self.pl.iface_symbol_name(it), m.name);
                let csig = self.pl.closure_sig(&m.sig);
                if self.pl.declare_local_func(&wsym, &csig) {
                    self.pl.pending.push(Pending::IfaceValueWrapper {
                        symbol: wsym.clone(),
                        sig: m.sig.clone(),
                    });
                }
                // The wrapper's code, the method's code, the data word: only the data word
                // can point into the heap.
                let fv = self.funcval_memory(Site::Alloc(e.id), 24, &[false, false, true]);
                let w = self.func_addr(&wsym, &csig);
                self.b.ins().store(super::flags(), w, fv, 0);
                self.b.ins().store(super::flags(), code, fv, 8);
                self.b.ins().store(super::flags(), data, fv, 16);
                Val::Scalar(fv)
            }
            MethodVal::Expr { func, ptr } => {
                let Some((symbol, sig)) = self.func_symbol_sig(func) else {
                    return Val::None;
                };
                let (sym, csig) = if ptr {
                    (
                        ptr_method_symbol(&symbol),
                        self.pl.entry_sig(&sig.without_receiver()),
                    )
                } else {
                    (
                        symbol,
                        cl_signature(self.pl.prog, &sig.params, &sig.results),
                    )
                };
                let d = self.pl.static_funcval(&sym, &csig);
                Val::Scalar(self.data_addr(d))
            }
            MethodVal::Promoted { recv, name } => {
                let Some((sym, csig)) = self.pl.promoted_method_symbol(recv, &name) else {
                    return Val::None;
                };
                let d = self.pl.static_funcval(&sym, &csig);
                Val::Scalar(self.data_addr(d))
            }
            MethodVal::IfaceExpr { iface, index } => {
                let methods = self.pl.prog.types.interface_methods(iface);
                let Some(m) = methods.get(index).cloned() else {
                    return Val::None;
                };
                let sig = m.sig.with_receiver(iface);
                let wsym = format!("{}.{}", self.pl.iface_symbol_name(iface), m.name);
                let csig = cl_signature(self.pl.prog, &sig.params, &sig.results);
                if self.pl.declare_local_func(&wsym, &csig) {
                    self.pl.pending.push(Pending::IfaceExprWrapper {
                        symbol: wsym.clone(),
                        index,
                        sig,
                    });
                }
                let d = self.pl.static_funcval(&wsym, &csig);
                Val::Scalar(self.data_addr(d))
            }
        }
    }

    /// A load that faults on a nil address even when its value is unused.
    pub(super) fn load_trapping(&mut self, t: TypeId, addr: Value) -> Val {
        self.b.ins().load(clt::I8, MemFlagsData::new(), addr, 0);
        self.load(t, addr)
    }

    /// The body of `pkg.T.M-fm`: the receiver from the context, then the call.
    pub(super) fn lower_bound_wrapper(&mut self, method: &str, sig: &Signature) {
        let (entry, params) = self.wrapper_entry(sig.without_receiver().results.as_slice());
        let _ = entry;
        let ctx = *params.last().expect("the context parameter");
        let recv_t = sig.params[0];
        let (_, align) = self.pl.prog.types.layout(recv_t);
        let off = (8u64.div_ceil(align.max(1)) * align.max(1)) as i64;
        let at = self.b.ins().iadd_imm_s(ctx, off);
        let mut vals = vec![self.load(recv_t, at)];
        let rest = self.param_vals(&sig.params[1..], &params);
        vals.extend(rest);
        let r = self.emit_call(
            Callee::Symbol(method.to_string()),
            &sig.params,
            &sig.results,
            vals,
        );
        self.return_call_results(r, &sig.results);
    }

    /// The body of `pkg.I.M-fm`: the method's code and the data word from the context.
    pub(super) fn lower_iface_value_wrapper(&mut self, sig: &Signature) {
        let (_, params) = self.wrapper_entry(&sig.results);
        let ctx = *params.last().expect("the context parameter");
        let code = self.b.ins().load(clt::I64, super::flags(), ctx, 8);
        let data = self.b.ins().load(clt::I64, super::flags(), ctx, 16);
        let args = self.param_vals(&sig.params, &params);
        let r = self.call_method_entry(code, data, &sig.params, &sig.results, args);
        self.return_call_results(r, &sig.results);
    }

    /// The body of `pkg.I.M`: method `index` of the first argument.
    pub(super) fn lower_iface_expr_wrapper(&mut self, index: usize, sig: &Signature) {
        let (_, params) = self.wrapper_entry(&sig.results);
        let all = self.param_vals(&sig.params, &params);
        let mut it = all.into_iter();
        let Some(Val::Iface(tab, data)) = it.next() else {
            self.b.ins().return_(&[]);
            return;
        };
        let code = self.itab_method(tab, index);
        let r = self.call_method_entry(code, data, &sig.params[1..], &sig.results, it.collect());
        self.return_call_results(r, &sig.results);
    }

    /// A wrapper's entry block: its parameters, the hidden result pointers taken off.
    fn wrapper_entry(&mut self, results: &[TypeId]) -> (cranelift_codegen::ir::Block, Vec<Value>) {
        let entry = self.b.create_block();
        self.b.append_block_params_for_function_params(entry);
        self.b.switch_to_block(entry);
        self.b.seal_block(entry);
        let params = self.b.block_params(entry).to_vec();
        let mut pi = 0;
        for &r in results {
            if self.shape(r) == Shape::Agg {
                self.sret.push(params[pi]);
                pi += 1;
            }
        }
        (entry, params[pi..].to_vec())
    }

    /// The values of parameters of types `types` from the words `words` (in ABI order).
    fn param_vals(&mut self, types: &[TypeId], words: &[Value]) -> Vec<Val> {
        let mut out = Vec::new();
        let mut pi = 0;
        for &t in types {
            let n = word_types(self.shape(t)).len();
            out.push(Val::from_words(self.shape(t), &words[pi..pi + n]));
            pi += n;
        }
        out
    }

    /// Returns a call's results from a wrapper (aggregates through the hidden pointers).
    pub(super) fn return_call_results(&mut self, r: Val, results: &[TypeId]) {
        let results_v = match r {
            Val::Tuple(v) => v,
            Val::None => vec![],
            v => vec![v],
        };
        let mut rets = Vec::new();
        let mut si = 0;
        for (v, &t) in results_v.into_iter().zip(results) {
            match v {
                Val::Mem(src) => {
                    let dst = self.sret[si];
                    si += 1;
                    let size = self.size(t);
                    self.copy(dst, src, size);
                }
                v => rets.extend(v.words()),
            }
        }
        self.b.ins().return_(&rets);
    }
}

impl PkgLower<'_> {
    /// An interface type's name in a wrapper's symbol (`main.I`, or the type literal).
    pub(super) fn iface_symbol_name(&self, t: TypeId) -> String {
        match self.prog.types.get(t) {
            Type::Named { pkg, path, .. } => {
                let q = if path.is_empty() {
                    pkg.clone()
                } else {
                    crate::compile::symbol_prefix(path)
                };
                format!("{q}.{}", self.prog.types.named_string(t, true))
            }
            _ => self.prog.types.name(t),
        }
    }
}
