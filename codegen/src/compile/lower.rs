//! Lowering: a checked package to Cranelift IR, machine code, and an ELF relocatable object.
//!
//! Each function with a body becomes one Cranelift function using the tbuild ABI (DESIGN.md:
//! System V registers; strings as two words; structs and arrays by address; R15 pinned for g).
//! Values are kept in SSA variables where possible; aggregates, and variables whose address is
//! taken, live in memory: a stack slot, or (outside package runtime, where Go's escape analysis
//! would move them) a heap object from `runtime.mallocgc`. Package-level variables are laid down
//! by this module directly in the sections Go's linker would choose (cmd/internal/obj/plist.go).

use std::collections::HashMap;

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{
    self, types as clt, AbiParam, Block, InstBuilder, MemFlagsData, Signature as ClSig,
    StackSlotData, StackSlotKind, TrapCode, Value,
};
use cranelift_codegen::isa::{CallConv, OwnedTargetIsa};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext, Variable};
use cranelift_module::{DataDescription, DataId, FuncId, Linkage, Module};
use cranelift_object::{ObjectBuilder, ObjectModule};
use object::write::{Relocation, SymbolSection};
use object::{
    RelocationEncoding, RelocationFlags, RelocationKind, SectionKind, SymbolFlags, SymbolKind,
    SymbolScope,
};

use super::ast::*;
use super::check::{strip_parens, Builtin, CallKind, ObjId, ObjKind, PkgId, Program, Selection};
use super::types::{Basic, Const, Type, TypeId};
use crate::diag::Diag;

/// How a value of some Go type is held in IR.
#[derive(Clone, Debug)]
enum Val {
    Scalar(Value),
    Str(Value, Value),
    /// An aggregate: the address of its bytes.
    Mem(Value),
    Tuple(Vec<Val>),
    None,
}

#[derive(Clone, Debug)]
enum Storage {
    Ssa(Vec<Variable>),
    Stack(ir::StackSlot),
    /// A variable holding the address of the storage (heap object, or an aggregate parameter's
    /// caller-made copy).
    Ptr(Variable),
}

/// The shape of a Go type in the ABI.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Shape {
    Scalar(ir::Type),
    Str,
    Agg,
    Zero,
}

pub struct Lowered {
    pub object: Vec<u8>,
    pub lines: Vec<FuncLines>,
}

/// What one compiled function's machine code came from, for line tables and debuggers:
/// `[start, end)` byte ranges of the function's code with the source line each came from.
#[derive(Debug, Clone)]
pub struct FuncLines {
    pub symbol: String,
    pub func_id: FuncId,
    pub size: u32,
    /// (start, end, file index into `Program::file_names`, line)
    pub ranges: Vec<(u32, u32, u32, u32)>,
}

/// Source positions travel through Cranelift as opaque `SourceLoc`s: file index + 1 in the
/// high 12 bits, line in the low 20 (cranelift-0.135.md §2).
fn encode_loc(pos: Pos) -> ir::SourceLoc {
    ir::SourceLoc::new(((pos.file + 1) << 20) | pos.line.min((1 << 20) - 1))
}

fn decode_loc(loc: ir::SourceLoc) -> Option<(u32, u32)> {
    if loc.is_default() || loc.bits() >> 20 == 0 {
        return None;
    }
    Some(((loc.bits() >> 20) - 1, loc.bits() & ((1 << 20) - 1)))
}

pub fn lower_package(
    prog: &mut Program,
    pkg: PkgId,
    isa: OwnedTargetIsa,
) -> Result<Lowered, Vec<Diag>> {
    let path = prog.packages[pkg].path.clone();
    let builder = ObjectBuilder::new(
        isa,
        format!("{path}.o"),
        cranelift_module::default_libcall_names(),
    )
    .map_err(|e| {
        vec![Diag::new(
            &path,
            0,
            0,
            format!("internal compiler error: {e}"),
        )]
    })?;
    let module = ObjectModule::new(builder);
    let mut pl = PkgLower {
        prog,
        pkg,
        module,
        func_ids: HashMap::new(),
        data_ids: HashMap::new(),
        strings: HashMap::new(),
        errs: Vec::new(),
        in_runtime: path == "runtime",
        lines: Vec::new(),
    };
    pl.run().map_err(|e| {
        vec![Diag::new(
            &path,
            0,
            0,
            format!("internal compiler error: {e}"),
        )]
    })?;
    if !pl.errs.is_empty() {
        return Err(pl.errs);
    }
    let globals = pl.layout_globals();
    // Relocations in global initialisers may name string literals as well as variables.
    let mut named = pl.data_ids.clone();
    for &d in pl.strings.values() {
        named.insert(pl.data_name(d), d);
    }
    let product = pl.module.finish();
    let lines = std::mem::take(&mut pl.lines);
    let file_names = pl.prog.file_names.clone();
    let object = emit_with_globals(product, globals, &named, &lines, &file_names).map_err(|e| {
        vec![Diag::new(
            &path,
            0,
            0,
            format!("internal compiler error: {e}"),
        )]
    })?;
    Ok(Lowered { object, lines })
}

struct GlobalBytes {
    symbol: String,
    bytes: Vec<u8>,
    relocs: Vec<(u64, String, i64)>,
    align: u64,
    section: &'static str,
    size: u64,
}

struct PkgLower<'a> {
    prog: &'a mut Program,
    pkg: PkgId,
    module: ObjectModule,
    func_ids: HashMap<String, FuncId>,
    data_ids: HashMap<String, DataId>,
    strings: HashMap<Vec<u8>, DataId>,
    errs: Vec<Diag>,
    in_runtime: bool,
    /// Per-function line information, in definition order.
    lines: Vec<FuncLines>,
}

fn shape_of(prog: &Program, t: TypeId) -> Shape {
    let types = &prog.types;
    match types.get(types.under(t)) {
        Type::Basic(b) => match b {
            Basic::String | Basic::UntypedString => Shape::Str,
            Basic::Bool | Basic::UntypedBool => Shape::Scalar(clt::I8),
            _ => match b.int_info() {
                Some((1, _)) => Shape::Scalar(clt::I8),
                Some((2, _)) => Shape::Scalar(clt::I16),
                Some((4, _)) => Shape::Scalar(clt::I32),
                _ => Shape::Scalar(clt::I64),
            },
        },
        Type::Pointer(_) | Type::Func(_) => Shape::Scalar(clt::I64),
        Type::Struct(_) | Type::Array(..) => Shape::Agg,
        _ => Shape::Zero,
    }
}

/// The Cranelift signature of a Go function type under the tbuild ABI.
fn cl_signature(prog: &Program, params: &[TypeId], results: &[TypeId]) -> ClSig {
    let mut sig = ClSig::new(CallConv::SystemV);
    for &r in results {
        if shape_of(prog, r) == Shape::Agg {
            sig.params.push(AbiParam::new(clt::I64));
        }
    }
    for &p in params {
        match shape_of(prog, p) {
            Shape::Scalar(t) => sig.params.push(AbiParam::new(t)),
            Shape::Str => {
                sig.params.push(AbiParam::new(clt::I64));
                sig.params.push(AbiParam::new(clt::I64));
            }
            Shape::Agg => sig.params.push(AbiParam::new(clt::I64)),
            Shape::Zero => {}
        }
    }
    for &r in results {
        match shape_of(prog, r) {
            Shape::Scalar(t) => sig.returns.push(AbiParam::new(t)),
            Shape::Str => {
                sig.returns.push(AbiParam::new(clt::I64));
                sig.returns.push(AbiParam::new(clt::I64));
            }
            _ => {}
        }
    }
    sig
}

impl PkgLower<'_> {
    fn run(&mut self) -> Result<(), String> {
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
            ctx.func.signature = self.func_sig(id);
            ctx.func.name = ir::UserFuncName::user(0, self.func_ids[&symbol].as_u32());
            {
                let b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
                let mut fl = FnLower {
                    pl: self,
                    b,
                    vars: HashMap::new(),
                    loops: Vec::new(),
                    sret: Vec::new(),
                    result_objs: Vec::new(),
                    result_types: Vec::new(),
                    terminated: false,
                };
                fl.lower_func(id, fd, body);
                let config = fl.pl.module.target_config();
                fl.b.finalize(config);
            }
            let fid = self.func_ids[&symbol];
            if let Err(e) = self.module.define_function(fid, &mut ctx) {
                return Err(format!("{symbol}: {e:?}"));
            }
            if let Some(cc) = ctx.compiled_code() {
                let ranges = cc
                    .buffer
                    .get_srclocs_sorted()
                    .iter()
                    .filter_map(|l| decode_loc(l.loc).map(|(f, line)| (l.start, l.end, f, line)))
                    .collect();
                self.lines.push(FuncLines {
                    symbol: symbol.clone(),
                    func_id: fid,
                    size: cc.buffer.data().len() as u32,
                    ranges,
                });
            }
            self.module.clear_context(&mut ctx);
        }
        Ok(())
    }

    fn func_sig(&self, id: ObjId) -> ClSig {
        let t = self.prog.objs[id as usize].ty;
        match self.prog.types.get(t) {
            Type::Func(sig) => cl_signature(self.prog, &sig.params, &sig.results),
            _ => ClSig::new(CallConv::SystemV),
        }
    }

    fn global_symbol(&self, id: ObjId) -> String {
        let o = &self.prog.objs[id as usize];
        format!("{}.{}", self.prog.packages[o.pkg].path, o.name)
    }

    /// Declares (once) a function of another package or an assembly function, by symbol.
    fn extern_func(&mut self, symbol: &str, sig: &ClSig) -> FuncId {
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

    fn extern_data(&mut self, symbol: &str) -> DataId {
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
    fn string_data(&mut self, s: &[u8]) -> DataId {
        if let Some(&d) = self.strings.get(s) {
            return d;
        }
        let name = format!(
            "go.string.{}.{}",
            self.prog.packages[self.pkg].path,
            self.strings.len()
        );
        let d = self
            .module
            .declare_data(&name, Linkage::Local, false, false)
            .expect("fresh local name");
        let mut desc = DataDescription::new();
        desc.define(s.to_vec().into_boxed_slice());
        desc.set_align(1);
        self.module
            .define_data(d, &desc)
            .expect("defining string data");
        self.strings.insert(s.to_vec(), d);
        d
    }

    /// Lays out every package-level variable: bytes, relocations and the section Go would use.
    fn layout_globals(&mut self) -> Vec<GlobalBytes> {
        let mut out = Vec::new();
        for g in self.prog.packages[self.pkg].globals.clone() {
            let symbol = self.global_symbol(g);
            if symbol.ends_with("._") {
                continue;
            }
            let ty = self.prog.objs[g as usize].ty;
            let (size, align) = self.prog.types.layout(ty);
            let mut bytes = vec![0u8; size as usize];
            let mut relocs = Vec::new();
            if let Some(init) = self.prog.packages[self.pkg].global_inits.get(&g).cloned() {
                self.static_init(&init, ty, &mut bytes, 0, &mut relocs);
            }
            let init = !relocs.is_empty() || bytes.iter().any(|&b| b != 0);
            let ptrs = self.prog.types.has_pointers(ty);
            let section = match (init, ptrs) {
                (true, true) => ".data",
                (true, false) => ".noptrdata",
                (false, true) => ".bss",
                (false, false) => ".noptrbss",
            };
            out.push(GlobalBytes {
                symbol,
                bytes,
                relocs,
                align: align.max(1),
                section,
                size,
            });
        }
        out
    }

    fn static_init(
        &mut self,
        e: &Expr,
        ty: TypeId,
        buf: &mut [u8],
        off: u64,
        relocs: &mut Vec<(u64, String, i64)>,
    ) {
        let off_us = off as usize;
        if let Some(c) = self.prog.info.consts.get(&e.id).cloned() {
            let t = self.prog.info.types.get(&e.id).copied().unwrap_or(ty);
            match c {
                Const::Int(v) => {
                    let size = self.prog.types.size(t) as usize;
                    let b = (v as i64 as u64).to_le_bytes();
                    buf[off_us..off_us + size].copy_from_slice(&b[..size]);
                }
                Const::Bool(v) => buf[off_us] = v as u8,
                Const::Str(s) => {
                    if !s.is_empty() {
                        let d = self.string_data(&s);
                        let name = self.data_name(d);
                        relocs.push((off, name, 0));
                    }
                    buf[off_us + 8..off_us + 16].copy_from_slice(&(s.len() as u64).to_le_bytes());
                }
            }
            return;
        }
        match &e.kind {
            ExprKind::Paren(x) => self.static_init(x, ty, buf, off, relocs),
            ExprKind::Unary(UnOp::Addr, x) => {
                if let Some(&o) = self.prog.info.uses.get(&x.id) {
                    let sym = self.global_symbol(o);
                    relocs.push((off, sym, 0));
                }
            }
            ExprKind::Call { args, .. } => {
                if let Some(a) = args.first() {
                    self.static_init(a, ty, buf, off, relocs);
                }
            }
            ExprKind::Composite { elems, .. } => {
                let t = self.prog.info.types.get(&e.id).copied().unwrap_or(ty);
                let fields = self.prog.types.fields(t).unwrap_or_default();
                for el in elems {
                    if let Some(ExprKind::Ident(name)) = el.key.as_ref().map(|k| &k.kind) {
                        if let Some(f) = fields.iter().find(|f| &f.name == name) {
                            self.static_init(&el.value, f.ty, buf, off + f.offset, relocs);
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn data_name(&self, d: DataId) -> String {
        self.module
            .declarations()
            .get_data_decl(d)
            .linkage_name(d)
            .into_owned()
    }
}

/// Adds the package-level variables to the object Cranelift produced, in Go's sections.
fn emit_with_globals(
    mut product: cranelift_object::ObjectProduct,
    globals: Vec<GlobalBytes>,
    data_ids: &HashMap<String, DataId>,
    lines: &[FuncLines],
    file_names: &[String],
) -> Result<Vec<u8>, String> {
    super::debug::add_debug_info(&mut product, lines, file_names)?;
    let obj = &mut product.object;
    let mut sections = HashMap::new();
    // Every symbol the relocations may name: module-declared ones by name.
    let mut symbol_of = HashMap::new();
    for (name, &d) in data_ids {
        symbol_of.insert(name.clone(), product.data_objects[d].map(|s| s.0));
    }
    for g in &globals {
        let kind = match g.section {
            ".bss" | ".noptrbss" => SectionKind::UninitializedData,
            _ => SectionKind::Data,
        };
        let section = *sections
            .entry(g.section)
            .or_insert_with(|| obj.add_section(Vec::new(), g.section.as_bytes().to_vec(), kind));
        let sym = match symbol_of.get(&g.symbol).copied().flatten() {
            Some(s) => s,
            None => continue,
        };
        let s = obj.symbol_mut(sym);
        s.kind = SymbolKind::Data;
        s.scope = SymbolScope::Linkage;
        // A zero variable is a tentative definition: assembly may give it content with DATA
        // (Go's loader lets the definition with content win, cmd/link/internal/loader). In ELF
        // that is a weak definition, so GNU ld resolves it the same way tbuild's linker does.
        s.weak = kind == SectionKind::UninitializedData;
        s.flags = SymbolFlags::None;
        let offset = if kind == SectionKind::UninitializedData {
            obj.add_symbol_bss(sym, section, g.size.max(1), g.align)
        } else {
            obj.add_symbol_data(sym, section, &g.bytes, g.align)
        };
        obj.symbol_mut(sym).size = g.size;
        for (roff, target, addend) in &g.relocs {
            let target_sym = match symbol_of.get(target).copied().flatten() {
                Some(t) => t,
                None => obj.add_symbol(object::write::Symbol {
                    name: target.as_bytes().to_vec(),
                    value: 0,
                    size: 0,
                    kind: SymbolKind::Unknown,
                    scope: SymbolScope::Linkage,
                    weak: false,
                    section: SymbolSection::Undefined,
                    flags: SymbolFlags::None,
                }),
            };
            obj.add_relocation(
                section,
                Relocation {
                    offset: offset + roff,
                    symbol: target_sym,
                    addend: *addend,
                    flags: RelocationFlags::Generic {
                        kind: RelocationKind::Absolute,
                        encoding: RelocationEncoding::Generic,
                        size: 64,
                    },
                },
            )
            .map_err(|e| e.to_string())?;
        }
    }
    product.object.write().map_err(|e| e.to_string())
}

struct FnLower<'a, 'b> {
    pl: &'a mut PkgLower<'b>,
    b: FunctionBuilder<'a>,
    vars: HashMap<ObjId, Storage>,
    /// (continue target, break target) of the enclosing loops.
    loops: Vec<(Block, Block)>,
    /// Hidden result pointers, one per aggregate result.
    sret: Vec<Value>,
    result_objs: Vec<Option<ObjId>>,
    result_types: Vec<TypeId>,
    /// The current block ended (return, break, ...): following code is unreachable.
    terminated: bool,
}

fn flags() -> MemFlagsData {
    MemFlagsData::trusted()
}

impl FnLower<'_, '_> {
    fn prog(&self) -> &Program {
        self.pl.prog
    }

    fn shape(&self, t: TypeId) -> Shape {
        shape_of(self.pl.prog, t)
    }

    fn size(&mut self, t: TypeId) -> u64 {
        self.pl.prog.types.size(t)
    }

    fn type_of(&self, e: &Expr) -> TypeId {
        self.prog().info.types.get(&e.id).copied().unwrap_or(0)
    }

    fn is_signed(&self, t: TypeId) -> bool {
        matches!(
            self.prog().types.basic_of(t).and_then(|b| b.int_info()),
            Some((_, true))
        )
    }

    /// Starts a fresh block if the current one was terminated, so lowering can go on.
    fn ensure_open(&mut self) {
        if self.terminated {
            let blk = self.b.create_block();
            self.b.switch_to_block(blk);
            self.b.seal_block(blk);
            self.terminated = false;
        }
    }

    fn lower_func(&mut self, id: ObjId, fd: &FuncDecl, body: &[Stmt]) {
        let entry = self.b.create_block();
        self.b.append_block_params_for_function_params(entry);
        self.b.switch_to_block(entry);
        self.b.seal_block(entry);
        // The prologue belongs to the func line, the implicit return to the closing brace.
        self.b.set_srcloc(encode_loc(fd.pos));
        let params: Vec<Value> = self.b.block_params(entry).to_vec();
        let Type::Func(sig) = self
            .prog()
            .types
            .get(self.prog().objs[id as usize].ty)
            .clone()
        else {
            return;
        };
        let mut pi = 0;
        for &r in &sig.results {
            if self.shape(r) == Shape::Agg {
                self.sret.push(params[pi]);
                pi += 1;
            }
        }
        for (p, &t) in fd.params.iter().zip(&sig.params) {
            let vals: Vec<Value> = match self.shape(t) {
                Shape::Scalar(_) | Shape::Agg => {
                    pi += 1;
                    vec![params[pi - 1]]
                }
                Shape::Str => {
                    pi += 2;
                    vec![params[pi - 2], params[pi - 1]]
                }
                Shape::Zero => vec![],
            };
            let Some((_, pos)) = &p.name else { continue };
            let Some(&o) = self.prog().info.defs.get(pos) else {
                continue;
            };
            let val = match self.shape(t) {
                Shape::Scalar(_) => Val::Scalar(vals[0]),
                Shape::Str => Val::Str(vals[0], vals[1]),
                Shape::Agg => Val::Mem(vals[0]),
                Shape::Zero => Val::None,
            };
            if self.shape(t) == Shape::Agg && !self.needs_heap(o) {
                // The caller made this copy for us: use it in place.
                let v = self.b.declare_var(clt::I64);
                self.b.def_var(v, vals[0]);
                self.vars.insert(o, Storage::Ptr(v));
            } else {
                self.declare_var(o, t, Some(val));
            }
        }
        self.result_types = sig.results.clone();
        for (p, &t) in fd.results.iter().zip(&sig.results) {
            let o = p
                .name
                .as_ref()
                .and_then(|(_, pos)| self.prog().info.defs.get(pos).copied());
            if let Some(o) = o {
                self.declare_var(o, t, None);
            }
            self.result_objs.push(o);
        }
        self.stmts(body);
        if !self.terminated {
            self.b.set_srcloc(encode_loc(fd.end));
            if sig.results.is_empty() {
                self.b.ins().return_(&[]);
            } else {
                // Unreachable in a checked program ("missing return" is an error).
                self.b.ins().trap(TrapCode::unwrap_user(1));
            }
        }
    }

    /// Whether a variable must live on the heap: its address escapes (outside the runtime,
    /// which must not allocate implicitly; Go's runtime is compiled with the same rule).
    fn needs_heap(&self, o: ObjId) -> bool {
        self.prog().objs[o as usize].addr_taken && !self.pl.in_runtime
    }

    fn declare_var(&mut self, o: ObjId, t: TypeId, init: Option<Val>) {
        let shape = self.shape(t);
        let addr_taken = self.prog().objs[o as usize].addr_taken;
        let storage = if self.needs_heap(o) {
            let size = self.size(t);
            let p = self.malloc(size);
            let v = self.b.declare_var(clt::I64);
            self.b.def_var(v, p);
            Storage::Ptr(v)
        } else if addr_taken || shape == Shape::Agg {
            let size = self.size(t).max(1);
            let slot = self.b.create_sized_stack_slot(StackSlotData::new(
                StackSlotKind::ExplicitSlot,
                size as u32,
                3,
            ));
            let addr = self.b.ins().stack_addr(clt::I64, slot, 0);
            self.zero(addr, size);
            Storage::Stack(slot)
        } else {
            let vars = match shape {
                Shape::Scalar(ct) => {
                    let v = self.b.declare_var(ct);
                    let z = self.b.ins().iconst(ct, 0);
                    self.b.def_var(v, z);
                    vec![v]
                }
                Shape::Str => {
                    let p = self.b.declare_var(clt::I64);
                    let l = self.b.declare_var(clt::I64);
                    let z = self.b.ins().iconst(clt::I64, 0);
                    self.b.def_var(p, z);
                    self.b.def_var(l, z);
                    vec![p, l]
                }
                _ => vec![],
            };
            Storage::Ssa(vars)
        };
        self.vars.insert(o, storage);
        if let Some(v) = init {
            self.store_var(o, t, v);
        }
    }

    fn malloc(&mut self, size: u64) -> Value {
        let sig = cl_signature(self.pl.prog, &[], &[]);
        let mut sig = sig;
        sig.params = vec![
            AbiParam::new(clt::I64),
            AbiParam::new(clt::I64),
            AbiParam::new(clt::I8),
        ];
        sig.returns = vec![AbiParam::new(clt::I64)];
        let size = self.b.ins().iconst(clt::I64, size.max(1) as i64);
        let nil = self.b.ins().iconst(clt::I64, 0);
        let one = self.b.ins().iconst(clt::I8, 1);
        let r = self.call_symbol("runtime.mallocgc", &sig, &[size, nil, one]);
        r[0]
    }

    fn call_symbol(&mut self, symbol: &str, sig: &ClSig, args: &[Value]) -> Vec<Value> {
        let fid = self.pl.extern_func(symbol, sig);
        let fref = self.pl.module.declare_func_in_func(fid, self.b.func);
        // Everything is linked into one static image below 2 GiB: call rel32 directly.
        self.b.func.dfg.ext_funcs[fref].colocated = true;
        let call = self.b.ins().call(fref, args);
        self.b.inst_results(call).to_vec()
    }

    fn global_addr(&mut self, symbol: &str) -> Value {
        let did = self.pl.extern_data(symbol);
        self.data_addr(did)
    }

    fn data_addr(&mut self, did: DataId) -> Value {
        let gv = self.pl.module.declare_data_in_func(did, self.b.func);
        if let ir::GlobalValueData::Symbol { colocated, .. } = &mut self.b.func.global_values[gv] {
            *colocated = true;
        }
        self.b.ins().symbol_value(clt::I64, gv)
    }

    fn var_addr(&mut self, o: ObjId) -> Value {
        match self.vars.get(&o).cloned() {
            Some(Storage::Stack(slot)) => self.b.ins().stack_addr(clt::I64, slot, 0),
            Some(Storage::Ptr(v)) => self.b.use_var(v),
            Some(Storage::Ssa(_)) => unreachable!("address of an SSA variable"),
            None => {
                let sym = self.pl.global_symbol(o);
                self.global_addr(&sym)
            }
        }
    }

    fn load_var(&mut self, o: ObjId, t: TypeId) -> Val {
        if let Some(Storage::Ssa(vars)) = self.vars.get(&o).cloned() {
            return match self.shape(t) {
                Shape::Scalar(_) => Val::Scalar(self.b.use_var(vars[0])),
                Shape::Str => Val::Str(self.b.use_var(vars[0]), self.b.use_var(vars[1])),
                _ => Val::None,
            };
        }
        let addr = self.var_addr(o);
        self.load(t, addr)
    }

    fn store_var(&mut self, o: ObjId, t: TypeId, v: Val) {
        if let Some(Storage::Ssa(vars)) = self.vars.get(&o).cloned() {
            match v {
                Val::Scalar(x) => self.b.def_var(vars[0], x),
                Val::Str(p, l) => {
                    self.b.def_var(vars[0], p);
                    self.b.def_var(vars[1], l);
                }
                _ => {}
            }
            return;
        }
        let addr = self.var_addr(o);
        self.store(t, addr, v);
    }

    fn load(&mut self, t: TypeId, addr: Value) -> Val {
        match self.shape(t) {
            Shape::Scalar(ct) => Val::Scalar(self.b.ins().load(ct, flags(), addr, 0)),
            Shape::Str => {
                let p = self.b.ins().load(clt::I64, flags(), addr, 0);
                let l = self.b.ins().load(clt::I64, flags(), addr, 8);
                Val::Str(p, l)
            }
            Shape::Agg => Val::Mem(addr),
            Shape::Zero => Val::None,
        }
    }

    fn store(&mut self, t: TypeId, addr: Value, v: Val) {
        match v {
            Val::Scalar(x) => {
                self.b.ins().store(flags(), x, addr, 0);
            }
            Val::Str(p, l) => {
                self.b.ins().store(flags(), p, addr, 0);
                self.b.ins().store(flags(), l, addr, 8);
            }
            Val::Mem(src) => {
                let size = self.size(t);
                self.copy(addr, src, size);
            }
            _ => {}
        }
    }

    /// Copies `size` bytes; unrolled for small sizes, a loop otherwise. (There is no libc
    /// memcpy to call, and this keeps the runtime free of a memmove dependency.)
    fn copy(&mut self, dst: Value, src: Value, size: u64) {
        if size <= 128 {
            let mut off = 0;
            for (w, ty) in [(8, clt::I64), (4, clt::I32), (2, clt::I16), (1, clt::I8)] {
                while size - off >= w {
                    let v = self.b.ins().load(ty, flags(), src, off as i32);
                    self.b.ins().store(flags(), v, dst, off as i32);
                    off += w;
                }
            }
            return;
        }
        self.byte_loop(dst, Some(src), size);
    }

    fn zero(&mut self, dst: Value, size: u64) {
        if size <= 128 {
            let z64 = self.b.ins().iconst(clt::I64, 0);
            let mut off = 0;
            for (w, ty) in [(8, clt::I64), (4, clt::I32), (2, clt::I16), (1, clt::I8)] {
                let z = if ty == clt::I64 {
                    z64
                } else {
                    self.b.ins().ireduce(ty, z64)
                };
                while size - off >= w {
                    self.b.ins().store(flags(), z, dst, off as i32);
                    off += w;
                }
            }
            return;
        }
        self.byte_loop(dst, None, size);
    }

    /// A loop over 8-byte words (then bytes) copying from `src`, or zeroing when `src` is None.
    fn byte_loop(&mut self, dst: Value, src: Option<Value>, size: u64) {
        let words = size / 8;
        let head = self.b.create_block();
        let body = self.b.create_block();
        let exit = self.b.create_block();
        self.b.append_block_param(head, clt::I64);
        let zero = self.b.ins().iconst(clt::I64, 0);
        self.b.ins().jump(head, &[zero.into()]);
        self.b.switch_to_block(head);
        let i = self.b.block_params(head)[0];
        let done =
            self.b
                .ins()
                .icmp_imm_s(IntCC::UnsignedGreaterThanOrEqual, i, (words * 8) as i64);
        self.b.ins().brif(done, exit, &[], body, &[]);
        self.b.switch_to_block(body);
        self.b.seal_block(body);
        let d = self.b.ins().iadd(dst, i);
        let v = match src {
            Some(s) => {
                let s = self.b.ins().iadd(s, i);
                self.b.ins().load(clt::I64, flags(), s, 0)
            }
            None => self.b.ins().iconst(clt::I64, 0),
        };
        self.b.ins().store(flags(), v, d, 0);
        let next = self.b.ins().iadd_imm_s(i, 8);
        self.b.ins().jump(head, &[next.into()]);
        self.b.seal_block(head);
        self.b.switch_to_block(exit);
        self.b.seal_block(exit);
        for off in (words * 8)..size {
            let v = match src {
                Some(s) => self.b.ins().load(clt::I8, flags(), s, off as i32),
                None => self.b.ins().iconst(clt::I8, 0),
            };
            self.b.ins().store(flags(), v, dst, off as i32);
        }
    }

    /// A fresh zeroed stack temporary of type t.
    fn temp(&mut self, t: TypeId) -> Value {
        let size = self.size(t).max(1);
        let slot = self.b.create_sized_stack_slot(StackSlotData::new(
            StackSlotKind::ExplicitSlot,
            size as u32,
            3,
        ));
        let addr = self.b.ins().stack_addr(clt::I64, slot, 0);
        self.zero(addr, size);
        addr
    }

    // -----------------------------------------------------------------------------------------
    // Statements

    fn stmts(&mut self, stmts: &[Stmt]) {
        for s in stmts {
            self.ensure_open();
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        self.b.set_srcloc(encode_loc(s.pos));
        match &s.kind {
            StmtKind::Empty | StmtKind::Const(_) | StmtKind::Type(_) | StmtKind::Unsupported(_) => {
            }
            StmtKind::Expr(e) => {
                self.expr(e);
            }
            StmtKind::Var(vs) => {
                let vals = if vs.values.is_empty() {
                    Vec::new()
                } else {
                    self.expr_list(&vs.values)
                };
                for (i, (n, pos)) in vs.names.iter().enumerate() {
                    let Some(&o) = self.prog().info.defs.get(pos) else {
                        continue;
                    };
                    if n == "_" {
                        continue;
                    }
                    let t = self.prog().objs[o as usize].ty;
                    let v = vals.get(i).cloned().map(|v| self.own(v, t));
                    self.declare_var(o, t, v);
                }
            }
            StmtKind::ShortVar { names, values } => {
                let vals = self.expr_list(values);
                let vals: Vec<Val> = names
                    .iter()
                    .zip(vals)
                    .map(|((_, pos), v)| {
                        let o = self.prog().info.defs.get(pos).copied();
                        match o {
                            Some(o) => {
                                let t = self.prog().objs[o as usize].ty;
                                self.own(v, t)
                            }
                            None => v,
                        }
                    })
                    .collect();
                for ((n, pos), v) in names.iter().zip(vals) {
                    if n == "_" {
                        continue;
                    }
                    let Some(&o) = self.prog().info.defs.get(pos) else {
                        continue;
                    };
                    let t = self.prog().objs[o as usize].ty;
                    if self.vars.contains_key(&o) && self.prog().objs[o as usize].pos != *pos {
                        self.store_var(o, t, v);
                    } else {
                        self.declare_var(o, t, Some(v));
                    }
                }
            }
            StmtKind::Assign { lhs, op: None, rhs } => self.assign(lhs, rhs),
            StmtKind::Assign {
                lhs,
                op: Some(op),
                rhs,
            } => {
                let t = self.type_of(&lhs[0]);
                let place = self.place(&lhs[0]);
                let cur = self.read_place(&place, t);
                let y = self.expr(&rhs[0]);
                let yt = self.type_of(&rhs[0]);
                let r = self.binary_values(*op, t, cur, y, yt);
                self.write_place(&place, t, r);
            }
            StmtKind::IncDec(e, inc) => {
                let t = self.type_of(e);
                let place = self.place(e);
                let cur = self.read_place(&place, t);
                let Val::Scalar(v) = cur else { return };
                let r = self.b.ins().iadd_imm_s(v, if *inc { 1 } else { -1 });
                self.write_place(&place, t, Val::Scalar(r));
            }
            StmtKind::Block(b) => self.stmts(b),
            StmtKind::If {
                init,
                cond,
                then,
                els,
            } => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                let c = self.scalar(cond);
                let then_b = self.b.create_block();
                let else_b = self.b.create_block();
                let join = self.b.create_block();
                self.b.ins().brif(c, then_b, &[], else_b, &[]);
                self.b.switch_to_block(then_b);
                self.b.seal_block(then_b);
                self.terminated = false;
                self.stmts(then);
                if !self.terminated {
                    self.b.ins().jump(join, &[]);
                }
                self.b.switch_to_block(else_b);
                self.b.seal_block(else_b);
                self.terminated = false;
                if let Some(e) = els {
                    self.stmt(e);
                }
                if !self.terminated {
                    self.b.ins().jump(join, &[]);
                }
                self.b.switch_to_block(join);
                self.b.seal_block(join);
                self.terminated = false;
            }
            StmtKind::For {
                init,
                cond,
                post,
                body,
            } => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                let head = self.b.create_block();
                let body_b = self.b.create_block();
                let post_b = self.b.create_block();
                let exit = self.b.create_block();
                self.b.ins().jump(head, &[]);
                self.b.switch_to_block(head);
                match cond {
                    Some(c) => {
                        let c = self.scalar(c);
                        self.b.ins().brif(c, body_b, &[], exit, &[]);
                    }
                    None => {
                        self.b.ins().jump(body_b, &[]);
                    }
                }
                self.b.switch_to_block(body_b);
                self.b.seal_block(body_b);
                self.terminated = false;
                self.loops.push((post_b, exit));
                self.stmts(body);
                self.loops.pop();
                if !self.terminated {
                    self.b.ins().jump(post_b, &[]);
                }
                self.b.switch_to_block(post_b);
                self.b.seal_block(post_b);
                self.terminated = false;
                if let Some(p) = post {
                    self.stmt(p);
                }
                self.b.ins().jump(head, &[]);
                self.b.seal_block(head);
                self.b.switch_to_block(exit);
                self.b.seal_block(exit);
                self.terminated = false;
            }
            StmtKind::Break => {
                if let Some(&(_, exit)) = self.loops.last() {
                    self.b.ins().jump(exit, &[]);
                    self.terminated = true;
                }
            }
            StmtKind::Continue => {
                if let Some(&(cont, _)) = self.loops.last() {
                    self.b.ins().jump(cont, &[]);
                    self.terminated = true;
                }
            }
            StmtKind::Return(values) => self.return_(values),
        }
    }

    /// Makes an aggregate value independent of the place it was read from (assignment copies).
    fn own(&mut self, v: Val, t: TypeId) -> Val {
        match v {
            Val::Mem(src) => {
                let size = self.size(t);
                let dst = self.temp(t);
                self.copy(dst, src, size);
                Val::Mem(dst)
            }
            v => v,
        }
    }

    fn return_(&mut self, values: &[Expr]) {
        let types = self.result_types.clone();
        let vals: Vec<Val> = if values.is_empty() {
            // A bare return: the named results.
            let objs = self.result_objs.clone();
            objs.iter()
                .zip(&types)
                .map(|(o, &t)| match o {
                    Some(o) => self.load_var(*o, t),
                    None => Val::None,
                })
                .collect()
        } else {
            self.expr_list(values)
        };
        let mut rets = Vec::new();
        let mut si = 0;
        for (v, &t) in vals.into_iter().zip(&types) {
            match v {
                Val::Scalar(x) => rets.push(x),
                Val::Str(p, l) => {
                    rets.push(p);
                    rets.push(l);
                }
                Val::Mem(src) => {
                    let dst = self.sret[si];
                    si += 1;
                    let size = self.size(t);
                    self.copy(dst, src, size);
                }
                _ => {}
            }
        }
        self.b.ins().return_(&rets);
        self.terminated = true;
    }

    /// Go's assignment: evaluate all index and pointer operands on the left and all values on
    /// the right first, then assign left to right (Go spec, "Assignment statements").
    fn assign(&mut self, lhs: &[Expr], rhs: &[Expr]) {
        let places: Vec<Option<Place>> = lhs
            .iter()
            .map(|l| {
                if matches!(&l.kind, ExprKind::Ident(n) if n == "_") {
                    None
                } else {
                    Some(self.place(l))
                }
            })
            .collect();
        let vals = self.expr_list(rhs);
        let many = lhs.len() > 1;
        let vals: Vec<Val> = vals
            .into_iter()
            .zip(lhs)
            .map(|(v, l)| {
                let t = self.type_of(l);
                if many {
                    self.own(v, t)
                } else {
                    v
                }
            })
            .collect();
        for ((p, v), l) in places.iter().zip(vals).zip(lhs) {
            if let Some(p) = p {
                let t = self.type_of(l);
                self.write_place(p, t, v);
            }
        }
    }

    fn expr_list(&mut self, values: &[Expr]) -> Vec<Val> {
        if values.len() == 1 {
            return match self.expr(&values[0]) {
                Val::Tuple(vs) => vs,
                v => vec![v],
            };
        }
        let vals: Vec<Val> = values.iter().map(|e| self.expr(e)).collect();
        vals
    }

    // -----------------------------------------------------------------------------------------
    // Places (assignable expressions)

    fn place(&mut self, e: &Expr) -> Place {
        let e = strip_parens(e);
        if let ExprKind::Ident(_) = &e.kind {
            if let Some(&o) = self.prog().info.uses.get(&e.id) {
                if let Some(Storage::Ssa(_)) = self.vars.get(&o) {
                    return Place::Var(o);
                }
                let a = self.var_addr(o);
                return Place::Addr(a);
            }
        }
        Place::Addr(self.addr(e))
    }

    fn read_place(&mut self, p: &Place, t: TypeId) -> Val {
        match p {
            Place::Var(o) => self.load_var(*o, t),
            Place::Addr(a) => self.load(t, *a),
        }
    }

    fn write_place(&mut self, p: &Place, t: TypeId, v: Val) {
        match p {
            Place::Var(o) => self.store_var(*o, t, v),
            Place::Addr(a) => self.store(t, *a, v),
        }
    }

    /// The address of an addressable expression.
    fn addr(&mut self, e: &Expr) -> Value {
        let e = strip_parens(e);
        match &e.kind {
            ExprKind::Ident(_) => {
                let o = self.prog().info.uses[&e.id];
                self.var_addr(o)
            }
            ExprKind::Selector(x, _) => match self.prog().info.selections.get(&e.id).cloned() {
                Some(Selection::Field { offset, deref }) => {
                    let base = if deref {
                        self.scalar(x)
                    } else {
                        self.addr_or_value(x)
                    };
                    self.b.ins().iadd_imm_s(base, offset as i64)
                }
                Some(Selection::Qualified(o)) => self.var_addr(o),
                None => self.b.ins().iconst(clt::I64, 0),
            },
            ExprKind::Index(x, i) => {
                let xt = self.type_of(x);
                let (base, len, elem) =
                    match self.prog().types.get(self.prog().types.under(xt)).clone() {
                        Type::Array(n, elem) => (self.addr_or_value(x), n, elem),
                        Type::Pointer(p) => {
                            match self.prog().types.get(self.prog().types.under(p)).clone() {
                                Type::Array(n, elem) => (self.scalar(x), n, elem),
                                _ => unreachable!(),
                            }
                        }
                        _ => unreachable!(),
                    };
                let idx = self.index_value(i);
                let len_v = self.b.ins().iconst(clt::I64, len as i64);
                self.bounds_check(idx, len_v, i);
                let esize = self.size(elem) as i64;
                let scaled = self.b.ins().imul_imm_s(idx, esize);
                self.b.ins().iadd(base, scaled)
            }
            ExprKind::Unary(UnOp::Deref, x) => self.scalar(x),
            _ => {
                // A non-addressable aggregate value (a call result, a literal): its temporary.
                match self.expr(e) {
                    Val::Mem(a) => a,
                    _ => self.b.ins().iconst(clt::I64, 0),
                }
            }
        }
    }

    /// The address of an aggregate operand whether or not it is addressable.
    fn addr_or_value(&mut self, x: &Expr) -> Value {
        match self.expr(x) {
            Val::Mem(a) => a,
            _ => self.b.ins().iconst(clt::I64, 0),
        }
    }

    /// An index operand as a 64-bit value (sign- or zero-extended from its type).
    fn index_value(&mut self, i: &Expr) -> Value {
        let t = self.type_of(i);
        let v = self.scalar(i);
        self.extend64(v, t)
    }

    fn extend64(&mut self, v: Value, t: TypeId) -> Value {
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

    /// Panics with Go's "index out of range [i] with length n" unless 0 <= i < n.
    fn bounds_check(&mut self, idx: Value, len: Value, _at: &Expr) {
        let bad = self
            .b
            .ins()
            .icmp(IntCC::UnsignedGreaterThanOrEqual, idx, len);
        let fail = self.b.create_block();
        let ok = self.b.create_block();
        self.b.ins().brif(bad, fail, &[], ok, &[]);
        self.b.set_cold_block(fail);
        self.b.switch_to_block(fail);
        self.b.seal_block(fail);
        let mut sig = ClSig::new(CallConv::SystemV);
        sig.params = vec![AbiParam::new(clt::I64), AbiParam::new(clt::I64)];
        self.call_symbol("runtime.panicIndex", &sig, &[idx, len]);
        self.b.ins().trap(TrapCode::unwrap_user(2));
        self.b.switch_to_block(ok);
        self.b.seal_block(ok);
    }

    fn panic_call(&mut self, symbol: &str) {
        let sig = ClSig::new(CallConv::SystemV);
        self.call_symbol(symbol, &sig, &[]);
        self.b.ins().trap(TrapCode::unwrap_user(3));
    }

    // -----------------------------------------------------------------------------------------
    // Expressions

    fn scalar(&mut self, e: &Expr) -> Value {
        match self.expr(e) {
            Val::Scalar(v) => v,
            Val::Mem(a) => a,
            _ => self.b.ins().iconst(clt::I64, 0),
        }
    }

    fn const_val(&mut self, c: &Const, t: TypeId) -> Val {
        match c {
            Const::Int(v) => match self.shape(t) {
                Shape::Scalar(ct) => Val::Scalar(self.b.ins().iconst(ct, *v as i64)),
                _ => Val::Scalar(self.b.ins().iconst(clt::I64, *v as i64)),
            },
            Const::Bool(b) => Val::Scalar(self.b.ins().iconst(clt::I8, *b as i64)),
            Const::Str(s) => {
                let len = self.b.ins().iconst(clt::I64, s.len() as i64);
                if s.is_empty() {
                    let p = self.b.ins().iconst(clt::I64, 0);
                    return Val::Str(p, len);
                }
                let d = self.pl.string_data(s);
                let p = self.data_addr(d);
                Val::Str(p, len)
            }
        }
    }

    fn expr(&mut self, e: &Expr) -> Val {
        if let Some(c) = self.prog().info.consts.get(&e.id).cloned() {
            let t = self.type_of(e);
            return self.const_val(&c, t);
        }
        match &e.kind {
            ExprKind::Paren(x) => self.expr(x),
            ExprKind::Ident(n) => {
                let Some(&o) = self.prog().info.uses.get(&e.id) else {
                    return Val::None;
                };
                if n == "nil" || matches!(self.prog().objs[o as usize].kind, ObjKind::Nil) {
                    return Val::Scalar(self.b.ins().iconst(clt::I64, 0));
                }
                let t = self.prog().objs[o as usize].ty;
                self.load_var(o, t)
            }
            ExprKind::Selector(x, _) => match self.prog().info.selections.get(&e.id).cloned() {
                Some(Selection::Qualified(o)) => {
                    let t = self.prog().objs[o as usize].ty;
                    self.load_var(o, t)
                }
                Some(Selection::Field { offset, deref }) => {
                    let t = self.type_of(e);
                    let base = if deref {
                        self.scalar(x)
                    } else {
                        self.addr_or_value(x)
                    };
                    let a = self.b.ins().iadd_imm_s(base, offset as i64);
                    self.load(t, a)
                }
                None => Val::None,
            },
            ExprKind::Index(x, i) => {
                let xt = self.type_of(x);
                if self.prog().types.is_string(xt) {
                    let Val::Str(p, l) = self.expr(x) else {
                        return Val::None;
                    };
                    let idx = self.index_value(i);
                    self.bounds_check(idx, l, i);
                    let a = self.b.ins().iadd(p, idx);
                    return Val::Scalar(self.b.ins().load(clt::I8, flags(), a, 0));
                }
                let t = self.type_of(e);
                let a = self.addr(e);
                self.load(t, a)
            }
            ExprKind::Unary(op, x) => self.unary(e, *op, x),
            ExprKind::Binary(op, x, y) => self.binary(e, *op, x, y),
            ExprKind::Call { func, args, .. } => self.call(e, func, args),
            ExprKind::Composite { elems, .. } => {
                let t = self.type_of(e);
                let dst = self.temp(t);
                self.fill_composite(dst, t, elems);
                Val::Mem(dst)
            }
            _ => Val::None,
        }
    }

    fn fill_composite(&mut self, dst: Value, t: TypeId, elems: &[Element]) {
        let fields = self.pl.prog.types.fields(t).unwrap_or_default();
        for el in elems {
            if let Some(ExprKind::Ident(name)) = el.key.as_ref().map(|k| &k.kind) {
                if let Some(f) = fields.iter().find(|f| &f.name == name).cloned() {
                    let v = self.expr(&el.value);
                    let a = self.b.ins().iadd_imm_s(dst, f.offset as i64);
                    self.store(f.ty, a, v);
                }
            }
        }
    }

    fn unary(&mut self, e: &Expr, op: UnOp, x: &Expr) -> Val {
        match op {
            UnOp::Addr => {
                if let ExprKind::Composite { elems, .. } = &strip_parens(x).kind {
                    let t = self.type_of(x);
                    let size = self.size(t);
                    let dst = if self.pl.in_runtime {
                        self.temp(t)
                    } else {
                        self.malloc(size)
                    };
                    self.fill_composite(dst, t, elems);
                    return Val::Scalar(dst);
                }
                Val::Scalar(self.addr(x))
            }
            UnOp::Deref => {
                let t = self.type_of(e);
                let p = self.scalar(x);
                self.load(t, p)
            }
            UnOp::Neg => {
                let v = self.scalar(x);
                Val::Scalar(self.b.ins().ineg(v))
            }
            UnOp::Plus => self.expr(x),
            UnOp::Xor => {
                let v = self.scalar(x);
                Val::Scalar(self.b.ins().bnot(v))
            }
            UnOp::Not => {
                let v = self.scalar(x);
                Val::Scalar(self.b.ins().bxor_imm_u(v, 1))
            }
            UnOp::Recv => Val::None,
        }
    }

    fn binary(&mut self, e: &Expr, op: BinOp, x: &Expr, y: &Expr) -> Val {
        if matches!(op, BinOp::LAnd | BinOp::LOr) {
            // Short-circuit evaluation (Go spec, "Logical operators").
            let a = self.scalar(x);
            let rhs = self.b.create_block();
            let join = self.b.create_block();
            self.b.append_block_param(join, clt::I8);
            if op == BinOp::LAnd {
                self.b.ins().brif(a, rhs, &[], join, &[a.into()]);
            } else {
                self.b.ins().brif(a, join, &[a.into()], rhs, &[]);
            }
            self.b.switch_to_block(rhs);
            self.b.seal_block(rhs);
            let bv = self.scalar(y);
            self.b.ins().jump(join, &[bv.into()]);
            self.b.switch_to_block(join);
            self.b.seal_block(join);
            return Val::Scalar(self.b.block_params(join)[0]);
        }
        let xt = self.type_of(x);
        let yt = self.type_of(y);
        let a = self.expr(x);
        let b = self.expr(y);
        if op.is_comparison() {
            return self.compare(op, xt, a, b);
        }
        let _ = e;
        self.binary_values(op, xt, a, b, yt)
    }

    fn compare(&mut self, op: BinOp, t: TypeId, a: Val, b: Val) -> Val {
        match (a, b) {
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
            (Val::Scalar(a), Val::Scalar(b)) => {
                let signed = self.is_signed(t);
                let cc = int_cc(op, signed);
                Val::Scalar(self.b.ins().icmp(cc, a, b))
            }
            _ => Val::Scalar(self.b.ins().iconst(clt::I8, 0)),
        }
    }

    /// Integer arithmetic with Go's rules: wrapping, truncated division that panics on zero
    /// and defines MinInt / -1 (which traps on x86), and shifts that saturate at the width.
    fn binary_values(&mut self, op: BinOp, t: TypeId, a: Val, b: Val, bt: TypeId) -> Val {
        let (Val::Scalar(a), Val::Scalar(b)) = (a, b) else {
            return Val::None;
        };
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

    fn divide(&mut self, op: BinOp, signed: bool, a: Value, b: Value) -> Value {
        let ty = self.b.func.dfg.value_type(a);
        let is_zero = self.b.ins().icmp_imm_s(IntCC::Equal, b, 0);
        let fail = self.b.create_block();
        let ok = self.b.create_block();
        self.b.ins().brif(is_zero, fail, &[], ok, &[]);
        self.b.set_cold_block(fail);
        self.b.switch_to_block(fail);
        self.b.seal_block(fail);
        self.panic_call("runtime.panicdivide");
        self.b.switch_to_block(ok);
        self.b.seal_block(ok);
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

    fn shift(&mut self, op: BinOp, signed: bool, a: Value, count: Value, count_t: TypeId) -> Value {
        let ty = self.b.func.dfg.value_type(a);
        let width = ty.bits() as i64;
        if self.is_signed(count_t) {
            let neg = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, count, 0);
            let fail = self.b.create_block();
            let ok = self.b.create_block();
            self.b.ins().brif(neg, fail, &[], ok, &[]);
            self.b.set_cold_block(fail);
            self.b.switch_to_block(fail);
            self.b.seal_block(fail);
            self.panic_call("runtime.panicshift");
            self.b.switch_to_block(ok);
            self.b.seal_block(ok);
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

    fn call(&mut self, e: &Expr, func: &Expr, args: &[Expr]) -> Val {
        // A call's return address maps to the call's own line (tracebacks print it).
        self.b.set_srcloc(encode_loc(e.pos));
        match self.prog().info.calls.get(&e.id).cloned() {
            Some(CallKind::Conversion(t)) => {
                let from = self.type_of(&args[0]);
                let v = self.expr(&args[0]);
                self.convert(v, from, t)
            }
            Some(CallKind::Builtin(b)) => self.builtin(e, b, args),
            Some(CallKind::FmtPrint { newline }) => {
                self.fmt_print(args, newline);
                Val::None
            }
            Some(CallKind::Func(o)) => self.call_func(o, args),
            None => {
                let _ = func;
                Val::None
            }
        }
    }

    fn call_func(&mut self, o: ObjId, args: &[Expr]) -> Val {
        let ObjKind::Func { symbol, .. } = self.prog().objs[o as usize].kind.clone() else {
            return Val::None;
        };
        let Type::Func(sig) = self
            .prog()
            .types
            .get(self.prog().objs[o as usize].ty)
            .clone()
        else {
            return Val::None;
        };
        let clsig = cl_signature(self.pl.prog, &sig.params, &sig.results);
        let mut argv = Vec::new();
        let mut srets = Vec::new();
        for &r in &sig.results {
            if self.shape(r) == Shape::Agg {
                let tmp = self.temp(r);
                srets.push(tmp);
                argv.push(tmp);
            }
        }
        let vals = self.expr_list(args);
        for (v, &t) in vals.into_iter().zip(&sig.params) {
            match v {
                Val::Scalar(x) => argv.push(x),
                Val::Str(p, l) => {
                    argv.push(p);
                    argv.push(l);
                }
                Val::Mem(src) => {
                    // The callee owns its argument: pass a fresh copy.
                    let copy = self.own(Val::Mem(src), t);
                    if let Val::Mem(a) = copy {
                        argv.push(a);
                    }
                }
                _ => {}
            }
        }
        let rets = self.call_symbol(&symbol, &clsig, &argv);
        let mut out = Vec::new();
        let (mut ri, mut si) = (0, 0);
        for &r in &sig.results {
            match self.shape(r) {
                Shape::Scalar(_) => {
                    out.push(Val::Scalar(rets[ri]));
                    ri += 1;
                }
                Shape::Str => {
                    out.push(Val::Str(rets[ri], rets[ri + 1]));
                    ri += 2;
                }
                Shape::Agg => {
                    out.push(Val::Mem(srets[si]));
                    si += 1;
                }
                Shape::Zero => out.push(Val::None),
            }
        }
        match out.len() {
            0 => Val::None,
            1 => out.pop().unwrap(),
            _ => Val::Tuple(out),
        }
    }

    fn convert(&mut self, v: Val, from: TypeId, to: TypeId) -> Val {
        let Val::Scalar(x) = v else { return v };
        let Shape::Scalar(target) = self.shape(to) else {
            return Val::Scalar(x);
        };
        let src = self.b.func.dfg.value_type(x);
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

    fn builtin(&mut self, e: &Expr, b: Builtin, args: &[Expr]) -> Val {
        match b {
            Builtin::Len => {
                let t = self.type_of(&args[0]);
                match self.expr(&args[0]) {
                    Val::Str(_, l) => Val::Scalar(l),
                    _ => {
                        let _ = t;
                        Val::Scalar(self.b.ins().iconst(clt::I64, 0))
                    }
                }
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

    fn print_arg(&mut self, a: &Expr) {
        let t = self.type_of(a);
        let v = self.expr(a);
        let types = &self.pl.prog.types;
        let (symbol, args, params): (&str, Vec<Value>, Vec<ir::Type>) = match v {
            Val::Str(p, l) => ("runtime.printstring", vec![p, l], vec![clt::I64, clt::I64]),
            Val::Scalar(x) => {
                if types.is_bool(t) {
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

    /// `fmt.Println(a, b)` and `fmt.Print(a, b)`, expanded into calls on a stack `fmt.buffer`
    /// (DESIGN.md, "Runtime entry points"): Println puts spaces between all operands, Print only
    /// between operands when neither is a string (fmt/print.go doPrint, doPrintln).
    fn fmt_print(&mut self, args: &[Expr], newline: bool) {
        let Some(buf_t) = self.fmt_buffer_type() else {
            return;
        };
        let buf = self.temp(buf_t);
        let mut byte_sig = ClSig::new(CallConv::SystemV);
        byte_sig.params = vec![AbiParam::new(clt::I64), AbiParam::new(clt::I8)];
        let mut prev_string = false;
        for (i, a) in args.iter().enumerate() {
            let t = self.type_of(a);
            let is_string = self.prog().types.is_string(t);
            if i > 0 && (newline || (!is_string && !prev_string)) {
                let sp = self.b.ins().iconst(clt::I8, b' ' as i64);
                self.call_symbol("fmt.bufByte", &byte_sig, &[buf, sp]);
            }
            prev_string = is_string;
            let v = self.expr(a);
            let mut sig = ClSig::new(CallConv::SystemV);
            sig.params.push(AbiParam::new(clt::I64));
            let (symbol, mut argv) = match v {
                Val::Str(p, l) => {
                    sig.params
                        .extend([AbiParam::new(clt::I64), AbiParam::new(clt::I64)]);
                    ("fmt.bufString", vec![p, l])
                }
                Val::Scalar(x) if self.prog().types.is_bool(t) => {
                    sig.params.push(AbiParam::new(clt::I8));
                    ("fmt.bufBool", vec![x])
                }
                Val::Scalar(x) => {
                    sig.params.push(AbiParam::new(clt::I64));
                    let signed = self.is_signed(t);
                    let x = self.extend64(x, t);
                    (if signed { "fmt.bufInt" } else { "fmt.bufUint" }, vec![x])
                }
                _ => continue,
            };
            argv.insert(0, buf);
            self.call_symbol(symbol, &sig, &argv);
        }
        if newline {
            let nl = self.b.ins().iconst(clt::I8, b'\n' as i64);
            self.call_symbol("fmt.bufByte", &byte_sig, &[buf, nl]);
        }
        let mut sig = ClSig::new(CallConv::SystemV);
        sig.params.push(AbiParam::new(clt::I64));
        self.call_symbol("fmt.bufFlush", &sig, &[buf]);
    }

    fn fmt_buffer_type(&self) -> Option<TypeId> {
        let prog = self.prog();
        let fmt = prog.packages.iter().find(|p| p.path == "fmt")?;
        let o = fmt.scope.get("buffer")?;
        Some(prog.objs[*o as usize].ty)
    }
}

enum Place {
    Var(ObjId),
    Addr(Value),
}

fn int_cc(op: BinOp, signed: bool) -> IntCC {
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
