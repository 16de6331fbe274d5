//! Functions: declaring and compiling the package's functions one by one (each then gets its
//! line table and debug information), their prologues (parameters into variables), the wrappers
//! that let itabs call value methods through a pointer, and the symbols the package refers to.

use std::collections::HashMap;

use cranelift_codegen::ir::{self, types as clt, InstBuilder, Signature as ClSig, TrapCode, Value};
use cranelift_codegen::isa::CallConv;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_module::{DataDescription, DataId, FuncId, Linkage, Module};

use super::abi::{cl_signature, word_types};
use super::typedesc::ptr_method_symbol;
use super::{decode_loc, encode_loc, Callee, FnLower, FuncLines, PkgLower, Shape, Storage, Val};
use crate::compile::ast::*;
use crate::compile::check::{ObjId, ObjKind};

/// How a closure body reads its captured variables from its context (the funcval pointer).
pub(super) type ReadContext<'x> = dyn for<'f, 'a, 'b> FnMut(&'f mut FnLower<'a, 'b>, Value) + 'x;
use crate::compile::types::Type;

impl PkgLower<'_> {
    pub(super) fn run(&mut self) -> Result<(), String> {
        // Declare every function with a body first, so calls in any order resolve.
        let funcs = self.prog.packages[self.pkg].funcs.clone();
        for (id, _, _) in &funcs {
            let o = &self.prog.objs[*id as usize];
            if let ObjKind::Func {
                symbol,
                has_body: true,
            } = &o.kind
            {
                let symbol = symbol.clone();
                let sig = self.func_sig(*id);
                let fid = self
                    .module
                    .declare_function(&symbol, Linkage::Export, &sig)
                    .map_err(|e| e.to_string())?;
                self.func_ids.insert(symbol, fid);
            }
        }
        for g in self.prog.packages[self.pkg].globals.clone() {
            let sym = self.global_symbol(g);
            if sym.ends_with("._") {
                continue;
            }
            let did = self
                .module
                .declare_data(&sym, Linkage::Import, true, false)
                .map_err(|e| e.to_string())?;
            self.data_ids.insert(sym, did);
        }
        let mut ctx = self.module.make_context();
        let mut fctx = FunctionBuilderContext::new();
        for (id, file, di) in funcs {
            let Decl::Func(fd) = &file.decls[di] else {
                continue;
            };
            let Some(body) = &fd.body else { continue };
            let ObjKind::Func { symbol, .. } = self.prog.objs[id as usize].kind.clone() else {
                continue;
            };
            let sig = self.func_sig(id);
            self.compile_function(&mut ctx, &mut fctx, &symbol, sig, fd.pos, &mut |fl| {
                fl.lower_func(id, fd, body)
            })?;
        }
        // Wrappers pkg.(*T).M for value methods: what itabs and descriptors call with the
        // interface's data word, a *T (Go generates the same wrappers).
        let mut wrappers = Vec::new();
        for list in self.prog.methods.values() {
            for (_, mid, ptr_recv) in list {
                if !ptr_recv && self.prog.objs[*mid as usize].pkg == self.pkg {
                    wrappers.push(*mid);
                }
            }
        }
        wrappers.sort();
        for mid in wrappers {
            let ObjKind::Func { symbol, .. } = self.prog.objs[mid as usize].kind.clone() else {
                continue;
            };
            let Type::Func(sig) = self.prog.types.get(self.prog.objs[mid as usize].ty).clone()
            else {
                continue;
            };
            let msig = sig.without_receiver();
            let wsym = ptr_method_symbol(&symbol);
            let wsig = self.entry_sig(&msig);
            let fid = self
                .module
                .declare_function(&wsym, Linkage::Export, &wsig)
                .map_err(|e| e.to_string())?;
            self.func_ids.insert(wsym.clone(), fid);
            let pos = self.prog.objs[mid as usize].pos;
            self.compile_function(&mut ctx, &mut fctx, &wsym, wsig, pos, &mut |fl| {
                fl.lower_method_wrapper(&symbol, &sig)
            })?;
        }
        // The closures and generated wrappers the functions use.
        self.compile_pending(&mut ctx, &mut fctx)?;
        // The package initialiser, pkg.init (Go's inittask): runtime.main calls main.init.
        if self.prog.packages[self.pkg].path != "runtime" {
            let path = self.prog.packages[self.pkg].path.clone();
            let symbol = format!("{path}.init");
            let sig = ClSig::new(CallConv::SystemV);
            let fid = self
                .module
                .declare_function(&symbol, Linkage::Export, &sig)
                .map_err(|e| e.to_string())?;
            self.func_ids.insert(symbol.clone(), fid);
            let pos = self.prog.packages[self.pkg]
                .files
                .first()
                .map(|f| f.package_pos)
                .unwrap_or_default();
            self.compile_function(&mut ctx, &mut fctx, &symbol, sig, pos, &mut |fl| {
                fl.lower_package_init(pos)
            })?;
            self.compile_pending(&mut ctx, &mut fctx)?;
        }
        self.compile_algs(&mut ctx, &mut fctx)?;
        Ok(())
    }

    /// Builds one function with `emit`, compiles it, and records its line table.
    pub(super) fn compile_function(
        &mut self,
        ctx: &mut cranelift_codegen::Context,
        fctx: &mut FunctionBuilderContext,
        symbol: &str,
        sig: ClSig,
        decl_pos: Pos,
        emit: &mut dyn FnMut(&mut FnLower<'_, '_>),
    ) -> Result<(), String> {
        ctx.func.signature = sig;
        ctx.func.name = ir::UserFuncName::user(0, self.func_ids[symbol].as_u32());
        // Value labels: where each named local lives, for DWARF (debug.rs).
        ctx.func.dfg.collect_debug_info();
        let locals;
        let defer_info;
        {
            let b = FunctionBuilder::new(&mut ctx.func, fctx);
            let mut fl = FnLower {
                pl: self,
                b,
                symbol: symbol.to_string(),
                vars: HashMap::new(),
                loops: Vec::new(),
                pending_label: None,
                label_blocks: HashMap::new(),
                fallthrough_to: None,
                call_has_ellipsis: false,
                sret: Vec::new(),
                result_objs: Vec::new(),
                result_types: Vec::new(),
                terminated: false,
                locals: Vec::new(),
                in_bounds: Vec::new(),
                defers: None,
            };
            emit(&mut fl);
            defer_info = fl.defer_epilogue();
            fl.b.seal_all_blocks();
            locals = std::mem::take(&mut fl.locals);
            let config = fl.pl.module.target_config();
            fl.b.finalize(config);
        }
        if std::env::var("TBUILD_CLIF").is_ok_and(|f| f == symbol) {
            eprintln!("{}", ctx.func.display());
        }
        let fid = self.func_ids[symbol];
        if let Err(e) = self.module.define_function(fid, ctx) {
            return Err(format!("{symbol}: {e:?}"));
        }
        if let Some(cc) = ctx.compiled_code() {
            let ranges = cc
                .buffer
                .get_srclocs_sorted()
                .iter()
                .filter_map(|l| decode_loc(l.loc).map(|(f, line)| (l.start, l.end, f, line)))
                .collect();
            let decl = (decl_pos.file, decl_pos.line);
            let debug = crate::compile::debug::capture(cc, self.module.isa(), decl, &locals);
            self.lines.push(FuncLines {
                symbol: symbol.to_string(),
                func_id: fid,
                size: cc.buffer.data().len() as u32,
                ranges,
                debug,
            });
        }
        if let Some(di) = defer_info {
            self.define_defer_info(ctx, symbol, di)?;
        }
        self.module.clear_context(ctx);
        self.compile_defer_wrappers(ctx, fctx)
    }

    pub(super) fn func_sig(&self, id: ObjId) -> ClSig {
        let t = self.prog.objs[id as usize].ty;
        match self.prog.types.get(t) {
            Type::Func(sig) => cl_signature(self.prog, &sig.params, &sig.results),
            _ => ClSig::new(CallConv::SystemV),
        }
    }

    pub(super) fn global_symbol(&self, id: ObjId) -> String {
        let o = &self.prog.objs[id as usize];
        format!("{}.{}", self.prog.packages[o.pkg].path, o.name)
    }

    /// Declares (once) a function of another package or an assembly function, by symbol.
    pub(super) fn extern_func(&mut self, symbol: &str, sig: &ClSig) -> FuncId {
        if let Some(&f) = self.func_ids.get(symbol) {
            return f;
        }
        let f = self
            .module
            .declare_function(symbol, Linkage::Import, sig)
            .expect("declaring an imported function cannot fail for a fresh name");
        self.func_ids.insert(symbol.to_string(), f);
        f
    }

    pub(super) fn extern_data(&mut self, symbol: &str) -> DataId {
        if let Some(&d) = self.data_ids.get(symbol) {
            return d;
        }
        let d = self
            .module
            .declare_data(symbol, Linkage::Import, true, false)
            .expect("declaring an imported symbol cannot fail for a fresh name");
        self.data_ids.insert(symbol.to_string(), d);
        d
    }

    /// A string literal's bytes in .rodata (deduplicated per package, as Go's go.string.*).
    pub(super) fn string_data(&mut self, s: &[u8]) -> DataId {
        if let Some(&d) = self.strings.get(s) {
            return d;
        }
        let name = format!(
            "go.string.{}.{}",
            self.prog.packages[self.pkg].path,
            self.strings.len()
        );
        let d = self.local_bytes(&name, false, s);
        self.strings.insert(s.to_vec(), d);
        d
    }

    /// Bytes in a writable array of their own (the backing array of a package-level
    /// `[]byte("...")`), in the writable data section Cranelift chooses for it.
    pub(super) fn writable_bytes(&mut self, s: &[u8]) -> DataId {
        let name = format!(
            "{}..stmp_bytes_{}",
            self.prog.packages[self.pkg].path, self.stmp_bytes
        );
        self.stmp_bytes += 1;
        let d = self.local_bytes(&name, true, s);
        self.data_ids.insert(name, d);
        d
    }

    /// Defines `bytes` as a local data symbol `name`, byte-aligned.
    fn local_bytes(&mut self, name: &str, writable: bool, bytes: &[u8]) -> DataId {
        let d = self
            .module
            .declare_data(name, Linkage::Local, writable, false)
            .expect("fresh local name");
        let mut desc = DataDescription::new();
        desc.define(bytes.to_vec().into_boxed_slice());
        desc.set_align(1);
        self.module
            .define_data(d, &desc)
            .expect("defining local data");
        d
    }

    pub(super) fn data_name(&self, d: DataId) -> String {
        self.module
            .declarations()
            .get_data_decl(d)
            .linkage_name(d)
            .into_owned()
    }
}

impl FnLower<'_, '_> {
    pub(super) fn lower_func(&mut self, id: ObjId, fd: &FuncDecl, body: &[Stmt]) {
        let Type::Func(sig) = self
            .prog()
            .types
            .get(self.prog().objs[id as usize].ty)
            .clone()
        else {
            return;
        };
        // A method's receiver is its first parameter.
        let params: Vec<&Param> = fd.recv.iter().chain(&fd.params).collect();
        self.lower_body(&params, &fd.results, &sig, body, fd.pos, fd.end, None);
    }

    /// A function body: the prologue (hidden result pointers, parameters into variables,
    /// named results), then the statements. A closure's body also has the context, its last
    /// parameter, which `ctx` reads its captured variables from.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn lower_body(
        &mut self,
        params_ast: &[&Param],
        results_ast: &[Param],
        sig: &crate::compile::types::Signature,
        body: &[Stmt],
        pos: Pos,
        end: Pos,
        ctx: Option<&mut ReadContext<'_>>,
    ) {
        let entry = self.b.create_block();
        self.b.append_block_params_for_function_params(entry);
        self.b.switch_to_block(entry);
        self.b.seal_block(entry);
        // The prologue belongs to the func line, the implicit return to the closing brace.
        self.b.set_srcloc(encode_loc(pos));
        let params: Vec<Value> = self.b.block_params(entry).to_vec();
        let mut pi = 0;
        for &r in &sig.results {
            if self.shape(r) == Shape::Agg {
                self.sret.push(params[pi]);
                pi += 1;
            }
        }
        for (p, &t) in params_ast.iter().zip(&sig.params) {
            let n = word_types(self.shape(t)).len();
            let vals: Vec<Value> = params[pi..pi + n].to_vec();
            pi += n;
            let Some((_, pos)) = &p.name else { continue };
            let Some(&o) = self.prog().info.defs.get(pos) else {
                continue;
            };
            let val = Val::from_words(self.shape(t), &vals);
            if self.shape(t) == Shape::Agg && !self.needs_heap(o) {
                // The caller made this copy for us: use it in place.
                let v = self.b.declare_var(clt::I64);
                self.b.def_var(v, vals[0]);
                self.vars.insert(o, Storage::Ptr(v));
            } else {
                self.declare_var(o, t, Some(val));
                if let Some(l) = self.locals.last_mut().filter(|l| l.label == o) {
                    l.param = true;
                }
            }
        }
        if let Some(f) = ctx {
            if let Some(&c) = params.last() {
                f(self, c);
            }
        }
        self.result_types = sig.results.clone();
        let plan = super::defer::DeferPlan::of(body);
        for (p, &t) in results_ast.iter().zip(&sig.results) {
            let o = p
                .name
                .as_ref()
                .and_then(|(_, pos)| self.prog().info.defs.get(pos).copied());
            if let (Some(o), None) = (o, &plan) {
                self.declare_var(o, t, None);
            }
            self.result_objs.push(o);
        }
        // Unnamed results past those the source lists (none in a checked program).
        while self.result_objs.len() < sig.results.len() {
            self.result_objs.push(None);
        }
        if let Some(plan) = plan {
            let named = self.result_objs.clone();
            let symbol = self.symbol.clone();
            self.defer_prologue(plan, &named, &sig.results, &symbol, end);
        }
        self.stmts(body);
        // Label blocks may be reached by gotos from anywhere: seal them now that all are known.
        self.b.seal_all_blocks();
        if !self.terminated {
            self.b.set_srcloc(encode_loc(end));
            if self.defers.is_some() && sig.results.is_empty() {
                self.defer_exit(end);
            } else if sig.results.is_empty() {
                self.b.ins().return_(&[]);
            } else {
                // Unreachable in a checked program ("missing return" is an error).
                self.b.ins().trap(TrapCode::unwrap_user(1));
            }
        }
    }

    /// The body of pkg.(*T).M for a value method T.M: load *T and call T.M with a copy.
    pub(super) fn lower_method_wrapper(
        &mut self,
        method: &str,
        sig: &crate::compile::types::Signature,
    ) {
        let entry = self.b.create_block();
        self.b.append_block_params_for_function_params(entry);
        self.b.switch_to_block(entry);
        self.b.seal_block(entry);
        let params = self.b.block_params(entry).to_vec();
        let mut pi = 0;
        for &r in &sig.results {
            if self.shape(r) == Shape::Agg {
                self.sret.push(params[pi]);
                pi += 1;
            }
        }
        let recv_t = sig.params[0];
        let ptr = params[pi];
        pi += 1;
        // A nil *T panics with Go's "value method pkg.T.M called using nil *T pointer".
        let nil = self.b.create_block();
        let ok = self.b.create_block();
        self.b.set_cold_block(nil);
        self.b.ins().brif(ptr, ok, &[], nil, &[]);
        self.b.switch_to_block(nil);
        self.b.seal_block(nil);
        self.panic_call("runtime.panicwrap");
        self.b.switch_to_block(ok);
        self.b.seal_block(ok);
        let mut vals = vec![self.load(recv_t, ptr)];
        for &t in &sig.params[1..] {
            let n = word_types(self.shape(t)).len();
            vals.push(Val::from_words(self.shape(t), &params[pi..pi + n]));
            pi += n;
        }
        let r = self.emit_call(
            Callee::Symbol(method.to_string()),
            &sig.params,
            &sig.results,
            vals,
        );
        let results = match r {
            Val::Tuple(v) => v,
            Val::None => vec![],
            v => vec![v],
        };
        let mut rets = Vec::new();
        let mut si = 0;
        for (v, &t) in results.into_iter().zip(&sig.results) {
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
