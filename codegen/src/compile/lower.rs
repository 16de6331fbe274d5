//! Lowering: a checked package to Cranelift IR, machine code, and an ELF relocatable object.
//!
//! Each function with a body becomes one Cranelift function using the tbuild ABI (DESIGN.md:
//! System V registers; strings as two words; structs and arrays by address; R15 pinned for g).
//! Values are kept in SSA variables where possible; aggregates, and variables whose address is
//! taken, live in memory: a stack slot, or (outside package runtime, where Go's escape analysis
//! would move them) a heap object from `runtime.mallocgc`. Package-level variables are laid down
//! by this module directly in the sections Go's linker would choose (cmd/internal/obj/plist.go).

use std::collections::HashMap;

use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
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
use super::bounds;
use super::check::{strip_parens, Builtin, CallKind, ObjId, ObjKind, PkgId, Program, Selection};
use super::types::{Basic, Const, Type, TypeId};
use crate::diag::Diag;

/// How a value of some Go type is held in IR.
#[derive(Clone, Debug)]
enum Val {
    Scalar(Value),
    Str(Value, Value),
    /// A slice header: (pointer, len, cap).
    Slice(Value, Value, Value),
    /// An interface value: (type descriptor or itab, data word).
    Iface(Value, Value),
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
    Slice,
    Iface,
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
    /// Frame and local-variable locations for DWARF (debug.rs).
    pub debug: super::debug::FuncDebug,
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
            Basic::Float32 => Shape::Scalar(clt::F32),
            Basic::Float64 | Basic::UntypedFloat => Shape::Scalar(clt::F64),
            _ => match b.int_info() {
                Some((1, _)) => Shape::Scalar(clt::I8),
                Some((2, _)) => Shape::Scalar(clt::I16),
                Some((4, _)) => Shape::Scalar(clt::I32),
                _ => Shape::Scalar(clt::I64),
            },
        },
        Type::Pointer(_) | Type::Func(_) => Shape::Scalar(clt::I64),
        Type::Slice(_) => Shape::Slice,
        Type::Interface(_) => Shape::Iface,
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
        sig.params
            .extend(word_types(shape_of(prog, p)).into_iter().map(AbiParam::new));
    }
    for &r in results {
        let shape = shape_of(prog, r);
        if shape != Shape::Agg {
            sig.returns
                .extend(word_types(shape).into_iter().map(AbiParam::new));
        }
    }
    sig
}

/// The machine words a value of this shape travels in: a string is (pointer, len), a slice
/// (pointer, len, cap), an aggregate its address.
fn word_types(shape: Shape) -> Vec<ir::Type> {
    match shape {
        Shape::Scalar(t) => vec![t],
        Shape::Str => vec![clt::I64; 2],
        Shape::Slice => vec![clt::I64; 3],
        Shape::Iface => vec![clt::I64; 2],
        Shape::Agg => vec![clt::I64],
        Shape::Zero => vec![],
    }
}

impl Val {
    /// The value's words, in ABI order.
    fn words(&self) -> Vec<Value> {
        match self {
            Val::Scalar(x) | Val::Mem(x) => vec![*x],
            Val::Str(p, l) => vec![*p, *l],
            Val::Slice(p, l, c) => vec![*p, *l, *c],
            Val::Iface(t, d) => vec![*t, *d],
            _ => vec![],
        }
    }

    fn from_words(shape: Shape, w: &[Value]) -> Val {
        match shape {
            Shape::Scalar(_) => Val::Scalar(w[0]),
            Shape::Str => Val::Str(w[0], w[1]),
            Shape::Slice => Val::Slice(w[0], w[1], w[2]),
            Shape::Iface => Val::Iface(w[0], w[1]),
            Shape::Agg => Val::Mem(w[0]),
            Shape::Zero => Val::None,
        }
    }
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
        }
        Ok(())
    }

    /// Builds one function with `emit`, compiles it, and records its line table.
    fn compile_function(
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
        {
            let b = FunctionBuilder::new(&mut ctx.func, fctx);
            let mut fl = FnLower {
                pl: self,
                b,
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
            };
            emit(&mut fl);
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
            let debug = super::debug::capture(cc, self.module.isa(), decl, &locals);
            self.lines.push(FuncLines {
                symbol: symbol.to_string(),
                func_id: fid,
                size: cc.buffer.data().len() as u32,
                ranges,
                debug,
            });
        }
        self.module.clear_context(ctx);
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
                Const::Int(_) | Const::Big(_) | Const::Float(_) => {
                    let size = self.prog.types.size(t) as usize;
                    let bits = match self.prog.types.basic_of(t) {
                        Some(Basic::Float64) => c.to_f64().to_bits(),
                        Some(Basic::Float32) => (c.to_f64() as f32).to_bits() as u64,
                        _ => c.to_int().unwrap_or(0) as i64 as u64,
                    };
                    let b = bits.to_le_bytes();
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
                if let Type::Array(_, et) = self.prog.types.get(self.prog.types.under(t)).clone() {
                    let esize = self.prog.types.size(et);
                    let mut next = 0u64;
                    for el in elems {
                        if let Some(Const::Int(k)) = el
                            .key
                            .as_ref()
                            .and_then(|k| self.prog.info.consts.get(&k.id))
                        {
                            next = *k as u64;
                        }
                        self.static_init(&el.value, et, buf, off + next * esize, relocs);
                        next += 1;
                    }
                    return;
                }
                let fields = self.prog.types.fields(t).unwrap_or_default();
                for (i, el) in elems.iter().enumerate() {
                    let f = match el.key.as_ref().map(|k| &k.kind) {
                        Some(ExprKind::Ident(name)) => fields.iter().find(|f| &f.name == name),
                        None => fields.get(i),
                        _ => None,
                    };
                    if let Some(f) = f {
                        self.static_init(&el.value, f.ty, buf, off + f.offset, relocs);
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
    /// The enclosing statements `break` and `continue` may target, innermost last.
    loops: Vec<BranchTarget>,
    /// The label of the loop or switch about to be lowered.
    pending_label: Option<String>,
    /// Blocks of labeled statements, for goto (created on first mention).
    label_blocks: HashMap<String, Block>,
    /// The next clause's body, while lowering a switch clause (for fallthrough).
    fallthrough_to: Option<Block>,
    /// Whether the call being lowered spreads its last argument with `...`.
    call_has_ellipsis: bool,
    /// Hidden result pointers, one per aggregate result.
    sret: Vec<Value>,
    result_objs: Vec<Option<ObjId>>,
    result_types: Vec<TypeId>,
    /// The current block ended (return, break, ...): following code is unreachable.
    terminated: bool,
    /// Named locals DWARF can describe, with where they live (debug.rs).
    locals: Vec<super::debug::Local>,
    /// (index variable, indexed variable) pairs of the enclosing counted loops, for which
    /// `x[i]` needs no bounds check (bounds.rs).
    in_bounds: Vec<(ObjId, ObjId)>,
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
        // A method's receiver is its first parameter.
        for (p, &t) in fd.recv.iter().chain(&fd.params).zip(&sig.params) {
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
        // Label blocks may be reached by gotos from anywhere: seal them now that all are known.
        self.b.seal_all_blocks();
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

    /// The body of pkg.(*T).M for a value method T.M: load *T and call T.M with a copy.
    fn lower_method_wrapper(&mut self, method: &str, sig: &super::types::Signature) {
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

    /// pkg.init: once only, the imported packages' initialisers, then this package's dynamic
    /// variable initialisers in the checker's order, then its init functions in source order
    /// (Go spec, "Package initialization"; Go's runtime/proc.go doInit).
    fn lower_package_init(&mut self, pos: Pos) {
        let entry = self.b.create_block();
        self.b.switch_to_block(entry);
        self.b.seal_block(entry);
        self.b.set_srcloc(encode_loc(pos));
        let pkg = &self.pl.prog.packages[self.pl.pkg];
        let path = pkg.path.clone();
        let dyn_inits = pkg.dyn_inits.clone();
        let init_funcs = pkg.init_funcs.clone();
        let mut imports: Vec<String> = pkg
            .files
            .iter()
            .flat_map(|f| f.imports.iter().map(|i| i.path.clone()))
            .filter(|p| p != "unsafe" && p != "runtime")
            .collect();
        imports.dedup();
        // The done flag (Go: the inittask's state word).
        let flag_name = format!("{path}..inittask");
        let flag = self
            .pl
            .module
            .declare_data(&flag_name, Linkage::Local, true, false)
            .expect("fresh local name");
        let mut desc = DataDescription::new();
        desc.define_zeroinit(8);
        self.pl
            .module
            .define_data(flag, &desc)
            .expect("defining the init flag");
        let flag_addr = self.data_addr(flag);
        let state = self.b.ins().load(clt::I64, flags(), flag_addr, 0);
        let run = self.b.create_block();
        let done = self.b.create_block();
        self.b.ins().brif(state, done, &[], run, &[]);
        self.b.switch_to_block(done);
        self.b.seal_block(done);
        self.b.ins().return_(&[]);
        self.b.switch_to_block(run);
        self.b.seal_block(run);
        let one = self.b.ins().iconst(clt::I64, 1);
        self.b.ins().store(flags(), one, flag_addr, 0);
        let none = ClSig::new(CallConv::SystemV);
        for imp in imports {
            self.call_symbol(&format!("{imp}.init"), &none, &[]);
        }
        for (lhs, e) in dyn_inits {
            self.b.set_srcloc(encode_loc(e.pos));
            let vals = self.expr_list(std::slice::from_ref(&e));
            for (o, v) in lhs.iter().zip(vals) {
                if let Some(o) = o {
                    let t = self.prog().objs[*o as usize].ty;
                    let v = self.own(v, t);
                    self.store_var(*o, t, v);
                }
            }
        }
        for f in init_funcs {
            if let ObjKind::Func { symbol, .. } = self.prog().objs[f as usize].kind.clone() {
                self.call_symbol(&symbol, &none, &[]);
            }
        }
        self.b.ins().return_(&[]);
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
            self.note_local(o, t, super::debug::LocalStorage::Pointer);
            self.label(p, o);
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
            self.note_local(o, t, super::debug::LocalStorage::Slot(slot));
            Storage::Stack(slot)
        } else {
            let vars = match shape {
                Shape::Scalar(ct) => {
                    let v = self.b.declare_var(ct);
                    let z = self.zero_scalar(ct);
                    self.b.def_var(v, z);
                    self.note_local(o, t, super::debug::LocalStorage::Value);
                    if init.is_none() {
                        // A label holds from its value's definition to the next one in code
                        // order; an initial value is labelled by store_var below.
                        self.label(z, o);
                    }
                    vec![v]
                }
                Shape::Str | Shape::Slice | Shape::Iface => {
                    let z = self.b.ins().iconst(clt::I64, 0);
                    let n = word_types(shape).len();
                    (0..n)
                        .map(|_| {
                            let v = self.b.declare_var(clt::I64);
                            self.b.def_var(v, z);
                            v
                        })
                        .collect()
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

    /// Records a named local for DWARF when its type is one a location describes whole.
    fn note_local(&mut self, o: ObjId, t: TypeId, storage: super::debug::LocalStorage) {
        let Some(ty) = super::debug::base_type(&self.pl.prog.types, t) else {
            return;
        };
        let obj = &self.pl.prog.objs[o as usize];
        if obj.name == "_" {
            return;
        }
        self.locals.push(super::debug::Local {
            name: obj.name.clone(),
            label: o,
            ty,
            storage,
            param: false,
            line: obj.pos.line,
        });
    }

    /// Labels `v` as holding local `o` (or its address), so Cranelift reports where it is.
    fn label(&mut self, v: Value, o: ObjId) {
        if !self.locals.iter().any(|l| l.label == o) {
            return;
        }
        // An alias's labels come from the value it aliases; set_val_label would panic on it.
        if let Some(labels) = &self.b.func.dfg.values_labels {
            if matches!(
                labels.get(&v),
                Some(ir::ValueLabelAssignments::Alias { .. })
            ) {
                return;
            }
        }
        self.b.set_val_label(v, ir::ValueLabel::from_u32(o));
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
            Some(Storage::Ptr(v)) => {
                let p = self.b.use_var(v);
                self.label(p, o);
                p
            }
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
                Shape::Scalar(_) => {
                    let x = self.b.use_var(vars[0]);
                    self.label(x, o);
                    Val::Scalar(x)
                }
                Shape::Str | Shape::Slice | Shape::Iface => {
                    let w: Vec<Value> = vars.iter().map(|v| self.b.use_var(*v)).collect();
                    Val::from_words(self.shape(t), &w)
                }
                _ => Val::None,
            };
        }
        let addr = self.var_addr(o);
        self.load(t, addr)
    }

    fn store_var(&mut self, o: ObjId, t: TypeId, v: Val) {
        if let Some(Storage::Ssa(vars)) = self.vars.get(&o).cloned() {
            match v {
                Val::Scalar(x) => {
                    self.b.def_var(vars[0], x);
                    self.label(x, o);
                }
                v @ (Val::Str(..) | Val::Slice(..) | Val::Iface(..)) => {
                    for (var, w) in vars.iter().zip(v.words()) {
                        self.b.def_var(*var, w);
                    }
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
            shape @ (Shape::Str | Shape::Slice | Shape::Iface) => {
                let w: Vec<Value> = (0..word_types(shape).len())
                    .map(|i| self.b.ins().load(clt::I64, flags(), addr, 8 * i as i32))
                    .collect();
                Val::from_words(shape, &w)
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
            v @ (Val::Str(..) | Val::Slice(..) | Val::Iface(..)) => {
                for (i, w) in v.words().into_iter().enumerate() {
                    self.b.ins().store(flags(), w, addr, 8 * i as i32);
                }
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

    /// Lowers the body of a loop or of a switch clause with `break` (and, for a loop,
    /// `continue`) bound to target's blocks, then jumps to `next` unless the body ended
    /// in a jump of its own.
    fn breakable_body(&mut self, target: BranchTarget, body: &[Stmt], next: Block) {
        self.loops.push(target);
        self.stmts(body);
        self.loops.pop();
        if !self.terminated {
            self.b.ins().jump(next, &[]);
        }
    }

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
                let ty = self.b.func.dfg.value_type(v);
                let r = if ty.is_float() {
                    let one = if ty == clt::F64 {
                        self.b.ins().f64const(1.0)
                    } else {
                        self.b.ins().f32const(1.0)
                    };
                    if *inc {
                        self.b.ins().fadd(v, one)
                    } else {
                        self.b.ins().fsub(v, one)
                    }
                } else {
                    self.b.ins().iadd_imm_s(v, if *inc { 1 } else { -1 })
                };
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
                // A rotated loop: the condition is tested once before the first iteration
                // and again after each post statement, so an iteration costs one taken
                // branch instead of two. Cranelift lays blocks out in reverse postorder, so
                // the rotation has to be in the CFG itself; it duplicates only the
                // condition's code. Go's compiler rotates its loops too (ssa pass
                // "loopRotate").
                let proved = bounds::counted_for(
                    &self.pl.prog.info,
                    init.as_deref(),
                    cond.as_ref(),
                    post.as_deref(),
                    body,
                    |j| self.in_bounds.iter().any(|&(k, _)| k == j),
                )
                .filter(|&(i, x)| self.index_pair_is_stable(i, x));
                let body_b = self.b.create_block();
                let post_b = self.b.create_block();
                let exit = self.b.create_block();
                self.loop_test(cond.as_ref(), body_b, exit);
                self.b.switch_to_block(body_b);
                self.terminated = false;
                let target = BranchTarget {
                    label: self.pending_label.take(),
                    cont: Some(post_b),
                    brk: exit,
                };
                self.in_bounds.extend(proved);
                self.breakable_body(target, body, post_b);
                if proved.is_some() {
                    self.in_bounds.pop();
                }
                self.b.switch_to_block(post_b);
                self.b.seal_block(post_b);
                self.terminated = false;
                if let Some(p) = post {
                    self.stmt(p);
                }
                self.loop_test(cond.as_ref(), body_b, exit);
                self.b.seal_block(body_b);
                self.b.switch_to_block(exit);
                self.b.seal_block(exit);
                self.terminated = false;
            }
            StmtKind::Break(label) => {
                let t = self.loops.iter().rev().find(|t| match label {
                    Some((l, _)) => t.label.as_deref() == Some(l.as_str()),
                    None => true,
                });
                if let Some(t) = t {
                    let brk = t.brk;
                    self.b.ins().jump(brk, &[]);
                    self.terminated = true;
                }
            }
            StmtKind::Continue(label) => {
                let t = self.loops.iter().rev().find(|t| {
                    t.cont.is_some()
                        && match label {
                            Some((l, _)) => t.label.as_deref() == Some(l.as_str()),
                            None => true,
                        }
                });
                if let Some(cont) = t.and_then(|t| t.cont) {
                    self.b.ins().jump(cont, &[]);
                    self.terminated = true;
                }
            }
            StmtKind::Goto(label, _) => {
                let blk = self.label_block(label);
                self.b.ins().jump(blk, &[]);
                self.terminated = true;
            }
            StmtKind::Labeled(label, inner) => {
                let blk = self.label_block(label);
                if !self.terminated {
                    self.b.ins().jump(blk, &[]);
                }
                self.b.switch_to_block(blk);
                self.terminated = false;
                if inner.kind.is_labeled_target() {
                    self.pending_label = Some(label.clone());
                }
                self.stmt(inner);
                self.pending_label = None;
            }
            StmtKind::Fallthrough => {
                if let Some(next) = self.fallthrough_to {
                    self.b.ins().jump(next, &[]);
                    self.terminated = true;
                }
            }
            StmtKind::Switch {
                init, tag, cases, ..
            } => self.switch(init, tag, cases),
            StmtKind::TypeSwitch { init, x, cases, .. } => self.type_switch(init, x, cases),
            StmtKind::Range {
                key,
                value,
                define,
                x,
                body,
                ..
            } => self.range(key.as_ref(), value.as_ref(), *define, x, body),
            StmtKind::Return(values) => self.return_(values),
        }
    }

    /// Whether index variable i and indexed variable x can only change by assignments in
    /// the source: i lives in an SSA variable (its address is never taken), and so does x
    /// unless it is an array, whose length is part of its type.
    fn index_pair_is_stable(&self, i: ObjId, x: ObjId) -> bool {
        let ssa = |o: ObjId| matches!(self.vars.get(&o), Some(Storage::Ssa(_)));
        let xt = self.pl.prog.objs[x as usize].ty;
        let types = &self.pl.prog.types;
        let is_array = matches!(types.get(types.under(xt)), Type::Array(..));
        ssa(i) && (ssa(x) || is_array)
    }

    /// Ends the current block with a for loop's test: on to `body` while `cond` holds (always
    /// when there is none), else to `exit`.
    fn loop_test(&mut self, cond: Option<&Expr>, body: Block, exit: Block) {
        match cond {
            Some(c) => {
                let c = self.scalar(c);
                self.b.ins().brif(c, body, &[], exit, &[]);
            }
            None => {
                self.b.ins().jump(body, &[]);
            }
        }
    }

    /// The block a label names, created on first mention (a goto may come before its label);
    /// such blocks are sealed when the function is complete.
    fn label_block(&mut self, label: &str) -> Block {
        if let Some(&b) = self.label_blocks.get(label) {
            return b;
        }
        let b = self.b.create_block();
        self.label_blocks.insert(label.to_string(), b);
        b
    }

    /// An expression switch: the tag is evaluated once, then each case's expressions are
    /// compared in source order; `default` runs when none matches (Go spec, "Switch
    /// statements"). `fallthrough` jumps to the next clause's body.
    fn switch(&mut self, init: &Option<Box<Stmt>>, tag: &Option<Expr>, cases: &[CaseClause]) {
        let label = self.pending_label.take();
        if let Some(i) = init {
            self.stmt(i);
        }
        let tag_v = tag.as_ref().map(|t| {
            let tt = self.type_of(t);
            let v = self.expr(t);
            (self.own(v, tt), tt)
        });
        let end = self.b.create_block();
        let bodies: Vec<Block> = cases.iter().map(|_| self.b.create_block()).collect();
        let mut default = None;
        for (i, c) in cases.iter().enumerate() {
            let Some(exprs) = &c.exprs else {
                default = Some(bodies[i]);
                continue;
            };
            for e in exprs {
                self.b.set_srcloc(encode_loc(e.pos));
                let cond = match &tag_v {
                    Some((tv, tt)) => {
                        let ev = self.expr(e);
                        match self.compare(BinOp::Eq, *tt, tv.clone(), ev) {
                            Val::Scalar(c) => c,
                            _ => self.b.ins().iconst(clt::I8, 0),
                        }
                    }
                    None => self.scalar(e),
                };
                let next = self.b.create_block();
                self.b.ins().brif(cond, bodies[i], &[], next, &[]);
                self.b.switch_to_block(next);
                self.b.seal_block(next);
            }
        }
        self.b.ins().jump(default.unwrap_or(end), &[]);
        let saved = self.fallthrough_to.take();
        for (i, c) in cases.iter().enumerate() {
            self.b.switch_to_block(bodies[i]);
            self.terminated = false;
            self.fallthrough_to = bodies.get(i + 1).copied();
            let target = BranchTarget {
                label: label.clone(),
                cont: None,
                brk: end,
            };
            self.breakable_body(target, &c.body, end);
        }
        self.fallthrough_to = saved;
        for b in bodies {
            self.b.seal_block(b);
        }
        self.b.switch_to_block(end);
        self.b.seal_block(end);
        self.terminated = false;
    }

    /// `for k, v := range x` over a string (by rune), an array, a pointer to an array, or a
    /// slice. x is evaluated once; an array value is copied first when its elements are used
    /// (Go spec, "For statements with range clause").
    fn range(
        &mut self,
        key: Option<&Expr>,
        value: Option<&Expr>,
        define: bool,
        x: &Expr,
        body: &[Stmt],
    ) {
        let label = self.pending_label.take();
        let xt = self.type_of(x);
        let types = &self.pl.prog.types;
        let is_string = types.is_string(xt);
        let elem = types.elem(xt);
        let is_ptr = types.is_pointer(xt);
        let (base, len) = match self.expr(x) {
            Val::Str(p, l) => (p, l),
            Val::Slice(p, l, _) => (p, l),
            Val::Mem(a) => {
                let n = match self.pl.prog.types.get(self.pl.prog.types.under(xt)) {
                    Type::Array(n, _) => *n,
                    _ => 0,
                };
                let a = if value.is_some() {
                    match self.own(Val::Mem(a), xt) {
                        Val::Mem(c) => c,
                        _ => a,
                    }
                } else {
                    a
                };
                (a, self.b.ins().iconst(clt::I64, n as i64))
            }
            Val::Scalar(p) if is_ptr => {
                let n = match elem.map(|_| {
                    self.pl
                        .prog
                        .types
                        .under(self.pl.prog.types.elem_of_pointer(xt))
                }) {
                    Some(at) => match self.pl.prog.types.get(at) {
                        Type::Array(n, _) => *n,
                        _ => 0,
                    },
                    None => 0,
                };
                (p, self.b.ins().iconst(clt::I64, n as i64))
            }
            _ => return,
        };
        let key_t = self.pl.prog.types.basic(Basic::Int);
        let val_t = if is_string {
            self.pl.prog.types.basic(Basic::Rune)
        } else {
            elem.unwrap_or(0)
        };
        // Loop variables are declared once for the whole loop (Go 1.19 semantics).
        let mut targets: Vec<(Option<ObjId>, Option<&Expr>, TypeId)> = Vec::new();
        for (e, t) in [(key, key_t), (value, val_t)] {
            let Some(e) = e else {
                targets.push((None, None, t));
                continue;
            };
            if matches!(&e.kind, ExprKind::Ident(n) if n == "_") {
                targets.push((None, None, t));
                continue;
            }
            if define {
                let o = self.prog().info.defs.get(&e.pos).copied();
                if let Some(o) = o {
                    self.declare_var(o, t, None);
                }
                targets.push((o, None, t));
            } else {
                targets.push((None, Some(e), t));
            }
        }
        let i_var = self.b.declare_var(clt::I64);
        let next_var = self.b.declare_var(clt::I64);
        let zero = self.b.ins().iconst(clt::I64, 0);
        self.b.def_var(i_var, zero);
        self.b.def_var(next_var, zero);
        // Rotated as for loops are: the test comes before the first iteration and after
        // each increment.
        let body_b = self.b.create_block();
        let post_b = self.b.create_block();
        let exit = self.b.create_block();
        let more = self.b.ins().icmp(IntCC::SignedLessThan, zero, len);
        self.b.ins().brif(more, body_b, &[], exit, &[]);
        self.b.switch_to_block(body_b);
        self.terminated = false;
        let i = self.b.use_var(i_var);
        let v = if is_string {
            let (r, next) = self.string_rune_at(base, len, i);
            self.b.def_var(next_var, next);
            Some(Val::Scalar(r))
        } else if targets[1].0.is_some() || targets[1].1.is_some() {
            let et = val_t;
            let esize = self.size(et) as i64;
            let off = self.b.ins().imul_imm_s(i, esize);
            let a = self.b.ins().iadd(base, off);
            Some(self.load(et, a))
        } else {
            None
        };
        let vals = [Some(Val::Scalar(i)), v];
        for ((o, e, t), v) in targets.iter().zip(vals) {
            let Some(v) = v else { continue };
            if let Some(o) = o {
                self.store_var(*o, *t, v);
            } else if let Some(e) = e {
                let p = self.place(e);
                let lt = self.type_of(e);
                self.write_place(&p, lt, v);
            }
        }
        let target = BranchTarget {
            label,
            cont: Some(post_b),
            brk: exit,
        };
        let proved = bounds::counted_range(&self.pl.prog.info, key, define, x, body)
            .filter(|&(k, x)| self.index_pair_is_stable(k, x));
        self.in_bounds.extend(proved);
        self.breakable_body(target, body, post_b);
        if proved.is_some() {
            self.in_bounds.pop();
        }
        self.b.switch_to_block(post_b);
        self.b.seal_block(post_b);
        let i = self.b.use_var(i_var);
        let next = if is_string {
            self.b.use_var(next_var)
        } else {
            self.b.ins().iadd_imm_s(i, 1)
        };
        self.b.def_var(i_var, next);
        let more = self.b.ins().icmp(IntCC::SignedLessThan, next, len);
        self.b.ins().brif(more, body_b, &[], exit, &[]);
        self.b.seal_block(body_b);
        self.b.switch_to_block(exit);
        self.b.seal_block(exit);
        self.terminated = false;
    }

    /// The rune starting at byte i of a string and the index after it: ASCII inline, the
    /// rest through runtime.decoderune (Go's compiler does the same, walk/range.go).
    fn string_rune_at(&mut self, p: Value, l: Value, i: Value) -> (Value, Value) {
        let a = self.b.ins().iadd(p, i);
        let c = self.b.ins().load(clt::I8, flags(), a, 0);
        let ascii = self.b.ins().icmp_imm_s(IntCC::UnsignedLessThan, c, 0x80);
        let fast = self.b.create_block();
        let slow = self.b.create_block();
        let join = self.b.create_block();
        self.b.append_block_param(join, clt::I32);
        self.b.append_block_param(join, clt::I64);
        self.b.ins().brif(ascii, fast, &[], slow, &[]);
        self.b.switch_to_block(fast);
        self.b.seal_block(fast);
        let r = self.b.ins().uextend(clt::I32, c);
        let n = self.b.ins().iadd_imm_s(i, 1);
        self.b.ins().jump(join, &[r.into(), n.into()]);
        self.b.switch_to_block(slow);
        self.b.seal_block(slow);
        let mut sig = ClSig::new(CallConv::SystemV);
        sig.params = vec![AbiParam::new(clt::I64); 3];
        sig.returns = vec![AbiParam::new(clt::I32), AbiParam::new(clt::I64)];
        let rv = self.call_symbol("runtime.decoderune", &sig, &[p, l, i]);
        self.b.ins().jump(join, &[rv[0].into(), rv[1].into()]);
        self.b.switch_to_block(join);
        self.b.seal_block(join);
        let ps = self.b.block_params(join);
        (ps[0], ps[1])
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
                Val::Scalar(_) | Val::Str(..) | Val::Slice(..) | Val::Iface(..) => {
                    rets.extend(v.words())
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
                Val::Tuple(vs) => {
                    let convs = self.prog().info.tuple_converts.get(&values[0].id).cloned();
                    let froms = match self.pl.prog.types.get(self.type_of(&values[0])) {
                        Type::Tuple(ts) => ts.clone(),
                        _ => Vec::new(),
                    };
                    match convs {
                        Some(convs) => vs
                            .into_iter()
                            .enumerate()
                            .map(
                                |(i, v)| match (convs.get(i).copied().flatten(), froms.get(i)) {
                                    (Some(to), Some(&from)) => self.convert_to_iface(v, from, to),
                                    _ => v,
                                },
                            )
                            .collect(),
                        None => vs,
                    }
                }
                v => vec![v],
            };
        }
        // gc evaluates the operands that contain calls first (in order), then the others
        // (cmd/compile/internal/walk/order.go copies call results to temporaries); the spec
        // leaves it open, and programs can observe it.
        let mut vals: Vec<Option<Val>> = vec![None; values.len()];
        for (i, e) in values.iter().enumerate() {
            if self.has_call(e) {
                vals[i] = Some(self.expr(e));
            }
        }
        for (i, e) in values.iter().enumerate() {
            if vals[i].is_none() {
                vals[i] = Some(self.expr(e));
            }
        }
        vals.into_iter().map(|v| v.unwrap_or(Val::None)).collect()
    }

    /// Whether evaluating e calls a function (conversions and most builtins do not).
    fn has_call(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Call { func, args, .. } => {
                let real = !matches!(
                    self.prog().info.calls.get(&e.id),
                    Some(CallKind::Conversion(_)) | Some(CallKind::Builtin(_))
                );
                real || self.has_call(func) || args.iter().any(|a| self.has_call(a))
            }
            ExprKind::Binary(_, x, y) | ExprKind::Index(x, y) => {
                self.has_call(x) || self.has_call(y)
            }
            ExprKind::Unary(_, x)
            | ExprKind::Paren(x)
            | ExprKind::Selector(x, _)
            | ExprKind::TypeAssert(x, _) => self.has_call(x),
            ExprKind::Slice { x, lo, hi, max } => {
                self.has_call(x)
                    || [lo, hi, max]
                        .iter()
                        .any(|v| v.as_ref().is_some_and(|v| self.has_call(v)))
            }
            ExprKind::Composite { elems, .. } => elems.iter().any(|el| self.has_call(&el.value)),
            _ => false,
        }
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
                let (base, len_v, elem) =
                    match self.prog().types.get(self.prog().types.under(xt)).clone() {
                        Type::Array(n, elem) => {
                            let base = self.addr_or_value(x);
                            (base, self.b.ins().iconst(clt::I64, n as i64), elem)
                        }
                        Type::Slice(elem) => match self.expr(x) {
                            Val::Slice(p, l, _) => (p, l, elem),
                            _ => return self.b.ins().iconst(clt::I64, 0),
                        },
                        Type::Pointer(p) => {
                            match self.prog().types.get(self.prog().types.under(p)).clone() {
                                Type::Array(n, elem) => {
                                    let base = self.scalar(x);
                                    (base, self.b.ins().iconst(clt::I64, n as i64), elem)
                                }
                                _ => return self.b.ins().iconst(clt::I64, 0),
                            }
                        }
                        _ => return self.b.ins().iconst(clt::I64, 0),
                    };
                let idx = self.index_value(i);
                self.bounds_check(idx, len_v, x, i);
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

    /// Calls the runtime's bounds panic `symbol(x, y)` unless `ok` holds.
    fn check_or_panic(&mut self, ok: Value, symbol: &str, x: Value, y: Value) {
        let fail = self.b.create_block();
        let cont = self.b.create_block();
        self.b.ins().brif(ok, cont, &[], fail, &[]);
        self.b.set_cold_block(fail);
        self.b.switch_to_block(fail);
        self.b.seal_block(fail);
        let mut sig = ClSig::new(CallConv::SystemV);
        sig.params = vec![AbiParam::new(clt::I64), AbiParam::new(clt::I64)];
        self.call_symbol(symbol, &sig, &[x, y]);
        self.b.ins().trap(TrapCode::unwrap_user(2));
        self.b.switch_to_block(cont);
        self.b.seal_block(cont);
    }

    /// `x[lo:hi:max]` with Go's bounds checks, in Go's order (cmd/compile/internal/ssagen
    /// ssa.go slice): max <= cap, hi <= max, lo <= hi, each compared unsigned so that negative
    /// values fail too; the panics are runtime/panic.go's goPanicSlice*.
    fn slice_expr(
        &mut self,
        x: &Expr,
        lo: Option<&Expr>,
        hi: Option<&Expr>,
        max: Option<&Expr>,
    ) -> Val {
        let xt = self.type_of(x);
        let under = self.pl.prog.types.under(xt);
        let (base, len, cap, esize, is_str, is_slice) = match self.pl.prog.types.get(under).clone()
        {
            Type::Basic(_) => match self.expr(x) {
                Val::Str(p, l) => (p, l, l, 1, true, false),
                _ => return Val::None,
            },
            Type::Slice(e) => match self.expr(x) {
                Val::Slice(p, l, c) => (p, l, c, self.size(e), false, true),
                _ => return Val::None,
            },
            Type::Array(n, e) => {
                let a = self.addr(x);
                let n = self.b.ins().iconst(clt::I64, n as i64);
                (a, n, n, self.size(e), false, false)
            }
            Type::Pointer(p) => match self.pl.prog.types.get(self.pl.prog.types.under(p)).clone() {
                Type::Array(n, e) => {
                    let a = self.scalar(x);
                    let n = self.b.ins().iconst(clt::I64, n as i64);
                    (a, n, n, self.size(e), false, false)
                }
                _ => return Val::None,
            },
            _ => return Val::None,
        };
        let zero = self.b.ins().iconst(clt::I64, 0);
        let lo_v = match lo {
            Some(e) => self.index_value(e),
            None => zero,
        };
        let hi_v = match hi {
            Some(e) => self.index_value(e),
            None => len,
        };
        let max_v = max.map(|e| self.index_value(e));
        let ule =
            |s: &mut Self, a: Value, b: Value| s.b.ins().icmp(IntCC::UnsignedLessThanOrEqual, a, b);
        let new_cap_end = match max_v {
            Some(m) => {
                let ok = ule(self, m, cap);
                let sym = if is_slice {
                    "runtime.panicSlice3Acap"
                } else {
                    "runtime.panicSlice3Alen"
                };
                self.check_or_panic(ok, sym, m, cap);
                let ok = ule(self, hi_v, m);
                self.check_or_panic(ok, "runtime.panicSlice3B", hi_v, m);
                let ok = ule(self, lo_v, hi_v);
                self.check_or_panic(ok, "runtime.panicSlice3C", lo_v, hi_v);
                m
            }
            None => {
                let ok = ule(self, hi_v, cap);
                let sym = if is_slice {
                    "runtime.panicSliceAcap"
                } else {
                    "runtime.panicSliceAlen"
                };
                self.check_or_panic(ok, sym, hi_v, cap);
                let ok = ule(self, lo_v, hi_v);
                self.check_or_panic(ok, "runtime.panicSliceB", lo_v, hi_v);
                cap
            }
        };
        let off = self.b.ins().imul_imm_s(lo_v, esize as i64);
        let p = self.b.ins().iadd(base, off);
        let l = self.b.ins().isub(hi_v, lo_v);
        if is_str {
            return Val::Str(p, l);
        }
        let c = self.b.ins().isub(new_cap_end, lo_v);
        Val::Slice(p, l, c)
    }

    /// Panics with Go's "index out of range [i] with length n" unless 0 <= i < n, which
    /// an enclosing counted loop may already prove for `x[i]`.
    fn bounds_check(&mut self, idx: Value, len: Value, x: &Expr, i: &Expr) {
        let info = &self.pl.prog.info;
        if let (Some(io), Some(xo)) = (bounds::var_of(info, i), bounds::var_of(info, x)) {
            if self.in_bounds.contains(&(io, xo)) {
                return;
            }
        }
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
            Const::Int(_) | Const::Big(_) | Const::Float(_) => match self.shape(t) {
                Shape::Scalar(clt::F64) => Val::Scalar(self.b.ins().f64const(c.to_f64())),
                Shape::Scalar(clt::F32) => Val::Scalar(self.b.ins().f32const(c.to_f64() as f32)),
                Shape::Scalar(ct) => {
                    Val::Scalar(self.b.ins().iconst(ct, c.to_int().unwrap_or(0) as i64))
                }
                _ => Val::Scalar(
                    self.b
                        .ins()
                        .iconst(clt::I64, c.to_int().unwrap_or(0) as i64),
                ),
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

    /// An expression's value, converted to an interface where the checker recorded that its
    /// use site wants one.
    fn expr(&mut self, e: &Expr) -> Val {
        let v = self.expr_raw(e);
        match self.prog().info.converts.get(&e.id).copied() {
            Some(to) => {
                let from = self.type_of(e);
                self.convert_to_iface(v, from, to)
            }
            None => v,
        }
    }

    fn expr_raw(&mut self, e: &Expr) -> Val {
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
                    let t = self.type_of(e);
                    return self.zero_val(t);
                }
                if let ObjKind::Func { symbol, .. } = &self.prog().objs[o as usize].kind {
                    let symbol = symbol.clone();
                    return Val::Scalar(self.funcval(o, &symbol));
                }
                let t = self.prog().objs[o as usize].ty;
                self.load_var(o, t)
            }
            ExprKind::Selector(x, _) => match self.prog().info.selections.get(&e.id).cloned() {
                Some(Selection::Qualified(o)) => {
                    if let ObjKind::Func { symbol, .. } = &self.prog().objs[o as usize].kind {
                        let symbol = symbol.clone();
                        return Val::Scalar(self.funcval(o, &symbol));
                    }
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
                    self.bounds_check(idx, l, x, i);
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
                self.composite(t, elems)
            }
            ExprKind::Slice { x, lo, hi, max } => {
                self.slice_expr(x, lo.as_deref(), hi.as_deref(), max.as_deref())
            }
            ExprKind::TypeAssert(x, Some(_)) => {
                let t = self.type_of(e);
                self.type_assert(e, x, t)
            }
            _ => Val::None,
        }
    }

    fn zero_scalar(&mut self, ty: ir::Type) -> Value {
        match ty {
            clt::F64 => self.b.ins().f64const(0.0),
            clt::F32 => self.b.ins().f32const(0.0),
            _ => self.b.ins().iconst(ty, 0),
        }
    }

    /// The zero value of a type as IR values (nil for pointers, slices and funcs).
    fn zero_val(&mut self, t: TypeId) -> Val {
        match self.shape(t) {
            Shape::Agg => Val::Mem(self.temp(t)),
            Shape::Zero => Val::None,
            shape => {
                let w: Vec<Value> = word_types(shape)
                    .into_iter()
                    .map(|ty| self.zero_scalar(ty))
                    .collect();
                Val::from_words(shape, &w)
            }
        }
    }

    /// The address of a top-level function's funcval (`pkg.name·f` in Go: a read-only word
    /// holding the code address), which is what a func value points to.
    fn funcval(&mut self, o: ObjId, symbol: &str) -> Value {
        let name = format!("{symbol}·f");
        let did = match self.pl.data_ids.get(&name) {
            Some(&d) => d,
            None => {
                let sig = self.pl.func_sig(o);
                let fid = self.pl.extern_func(symbol, &sig);
                let d = self
                    .pl
                    .module
                    .declare_data(&name, Linkage::Local, false, false)
                    .expect("fresh local name");
                let mut desc = DataDescription::new();
                desc.define(vec![0u8; 8].into_boxed_slice());
                desc.set_align(8);
                let fref = self.pl.module.declare_func_in_data(fid, &mut desc);
                desc.write_function_addr(0, fref);
                self.pl
                    .module
                    .define_data(d, &desc)
                    .expect("defining a funcval");
                self.pl.data_ids.insert(name, d);
                d
            }
        };
        self.data_addr(did)
    }

    /// A composite literal's value: structs and arrays in a stack temporary, slices on a
    /// fresh heap backing array (Go spec, "Composite literals").
    fn composite(&mut self, t: TypeId, elems: &[Element]) -> Val {
        match self.pl.prog.types.get(self.pl.prog.types.under(t)).clone() {
            Type::Slice(et) => {
                let n = self.literal_len(elems);
                let esize = self.size(et);
                let p = if n == 0 {
                    self.malloc(0)
                } else {
                    self.malloc(esize * n)
                };
                self.fill_elements(p, et, elems);
                let l = self.b.ins().iconst(clt::I64, n as i64);
                Val::Slice(p, l, l)
            }
            _ => {
                let dst = self.temp(t);
                self.fill_composite(dst, t, elems);
                Val::Mem(dst)
            }
        }
    }

    fn literal_len(&self, elems: &[Element]) -> u64 {
        let mut next = 0u64;
        let mut max = 0u64;
        for el in elems {
            if let Some(Const::Int(k)) = el
                .key
                .as_ref()
                .and_then(|k| self.prog().info.consts.get(&k.id))
            {
                next = *k as u64;
            }
            next += 1;
            max = max.max(next);
        }
        max
    }

    fn fill_elements(&mut self, dst: Value, et: TypeId, elems: &[Element]) {
        let esize = self.size(et) as i64;
        let mut next = 0i64;
        for el in elems {
            if let Some(Const::Int(k)) = el
                .key
                .as_ref()
                .and_then(|k| self.prog().info.consts.get(&k.id))
                .cloned()
            {
                next = k as i64;
            }
            let v = self.element_value(&el.value, et);
            let a = self.b.ins().iadd_imm_s(dst, next * esize);
            self.store(et, a, v);
            next += 1;
        }
    }

    /// An element of a composite literal; `{...}` with an elided `&T` is allocated.
    fn element_value(&mut self, v: &Expr, et: TypeId) -> Val {
        if let ExprKind::Composite { ty: None, elems } = &v.kind {
            let t = self.type_of(v);
            if let Type::Pointer(target) =
                self.pl.prog.types.get(self.pl.prog.types.under(t)).clone()
            {
                let size = self.size(target);
                let p = if self.pl.in_runtime {
                    self.temp(target)
                } else {
                    self.malloc(size)
                };
                self.fill_composite(p, target, elems);
                return Val::Scalar(p);
            }
            return self.composite(t, elems);
        }
        let _ = et;
        self.expr(v)
    }

    /// Stores a struct or array literal's elements into zeroed memory at `dst`.
    fn fill_composite(&mut self, dst: Value, t: TypeId, elems: &[Element]) {
        if let Type::Array(_, et) = self.pl.prog.types.get(self.pl.prog.types.under(t)).clone() {
            self.fill_elements(dst, et, elems);
            return;
        }
        let fields = self.pl.prog.types.fields(t).unwrap_or_default();
        for (i, el) in elems.iter().enumerate() {
            let f = match el.key.as_ref().map(|k| &k.kind) {
                Some(ExprKind::Ident(name)) => fields.iter().find(|f| &f.name == name).cloned(),
                None => fields.get(i).cloned(),
                _ => None,
            };
            if let Some(f) = f {
                let v = self.element_value(&el.value, f.ty);
                let a = self.b.ins().iadd_imm_s(dst, f.offset as i64);
                self.store(f.ty, a, v);
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
                    if self.pl.prog.types.is_slice(t) {
                        // &[]T{...}: a new slice header pointing at the literal's array.
                        let v = self.composite(t, elems);
                        self.store(t, dst, v);
                    } else {
                        self.fill_composite(dst, t, elems);
                    }
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
                if self.b.func.dfg.value_type(v).is_float() {
                    return Val::Scalar(self.b.ins().fneg(v));
                }
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
    fn binary_values(&mut self, op: BinOp, t: TypeId, a: Val, b: Val, bt: TypeId) -> Val {
        if let (Val::Str(ap, al), Val::Str(bp, bl)) = (&a, &b) {
            // String concatenation allocates the result (runtime/string.go concatstrings).
            let mut sig = ClSig::new(CallConv::SystemV);
            sig.params = vec![AbiParam::new(clt::I64); 4];
            sig.returns = vec![AbiParam::new(clt::I64); 2];
            let r = self.call_symbol("runtime.concatstring2", &sig, &[*ap, *al, *bp, *bl]);
            return Val::Str(r[0], r[1]);
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
    fn low_bits_of_pow2_rem(&mut self, v: Value) -> Option<Value> {
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
    fn iconst_value(&self, v: Value) -> Option<i64> {
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

    fn divide(&mut self, op: BinOp, signed: bool, a: Value, b: Value) -> Value {
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
        self.call_has_ellipsis = matches!(&e.kind, ExprKind::Call { ellipsis: true, .. });
        // A call's return address maps to the call's own line (tracebacks print it).
        self.b.set_srcloc(encode_loc(e.pos));
        match self.prog().info.calls.get(&e.id).cloned() {
            Some(CallKind::Conversion(t)) => {
                let from = self.type_of(&args[0]);
                let v = self.expr(&args[0]);
                self.convert(v, from, t)
            }
            Some(CallKind::Builtin(b)) => self.builtin(e, b, args),
            Some(CallKind::Func(o)) => self.call_func(o, args),
            Some(CallKind::Method {
                func: m,
                addr,
                deref,
            }) => self.call_method(m, addr, deref, func, args),
            Some(CallKind::Indirect) => self.call_indirect(func, args),
            Some(CallKind::IfaceMethod { index }) => self.call_iface_method(index, func, args),
            None => {
                let _ = func;
                Val::None
            }
        }
    }

    /// Evaluates call arguments; for a variadic function the trailing arguments are packed
    /// into a new slice (nil when there are none), unless the call spreads one with `s...`.
    fn args_for(&mut self, sig: &super::types::Signature, args: &[Expr]) -> Vec<Val> {
        // Read before evaluating the arguments: nested calls reset it.
        let spread = self.call_has_ellipsis;
        let mut vals = self.expr_list(args);
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
        let p = self.malloc(esize * count as u64);
        for (i, v) in extra.into_iter().enumerate() {
            let a = self.b.ins().iadd_imm_s(p, (esize as i64) * i as i64);
            self.store(et, a, v);
        }
        let k = self.b.ins().iconst(clt::I64, count);
        vals.push(Val::Slice(p, k, k));
        vals
    }

    /// The symbol and Go signature of a function or method object.
    fn func_symbol_sig(&self, o: ObjId) -> Option<(String, super::types::Signature)> {
        let obj = &self.prog().objs[o as usize];
        let ObjKind::Func { symbol, .. } = &obj.kind else {
            return None;
        };
        let Type::Func(sig) = self.prog().types.get(obj.ty) else {
            return None;
        };
        Some((symbol.clone(), sig.clone()))
    }

    fn call_func(&mut self, o: ObjId, args: &[Expr]) -> Val {
        let Some((symbol, sig)) = self.func_symbol_sig(o) else {
            return Val::None;
        };
        let vals = self.args_for(&sig, args);
        self.emit_call(Callee::Symbol(symbol), &sig.params, &sig.results, vals)
    }

    /// `x.M(args)`: the receiver is the first argument, addressed or dereferenced to match
    /// the method's receiver type.
    fn call_method(
        &mut self,
        m: ObjId,
        addr: bool,
        deref: bool,
        func: &Expr,
        args: &[Expr],
    ) -> Val {
        let ExprKind::Selector(x, _) = &strip_parens(func).kind else {
            return Val::None;
        };
        let Some((symbol, sig)) = self.func_symbol_sig(m) else {
            return Val::None;
        };
        let recv = if addr {
            Val::Scalar(self.addr(x))
        } else if deref {
            let p = self.scalar(x);
            self.load(sig.params[0], p)
        } else {
            self.expr(x)
        };
        let mut vals = vec![recv];
        let msig = sig.without_receiver();
        vals.extend(self.args_for(&msig, args));
        self.emit_call(Callee::Symbol(symbol), &sig.params, &sig.results, vals)
    }

    /// A call through a function value: a pointer to a funcval whose first word is the code
    /// address (Go's closure layout, runtime/runtime2.go funcval).
    fn call_indirect(&mut self, func: &Expr, args: &[Expr]) -> Val {
        let ft = self.type_of(func);
        let Type::Func(sig) = self.prog().types.get(self.prog().types.under(ft)).clone() else {
            return Val::None;
        };
        let fv = self.scalar(func);
        let vals = self.args_for(&sig, args);
        let code = self.b.ins().load(clt::I64, MemFlagsData::new(), fv, 0);
        self.emit_call(Callee::Indirect(code), &sig.params, &sig.results, vals)
    }

    /// Emits a call under the tbuild ABI: hidden result areas for aggregate results first,
    /// then each argument's words (aggregates as the address of a fresh copy the callee owns).
    fn emit_call(
        &mut self,
        callee: Callee,
        params: &[TypeId],
        results: &[TypeId],
        vals: Vec<Val>,
    ) -> Val {
        let clsig = cl_signature(self.pl.prog, params, results);
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
        };
        let mut out = Vec::new();
        let (mut ri, mut si) = (0, 0);
        for &r in results {
            let shape = self.shape(r);
            if shape == Shape::Agg {
                out.push(Val::Mem(srets[si]));
                si += 1;
            } else {
                let n = word_types(shape).len();
                out.push(Val::from_words(shape, &rets[ri..ri + n]));
                ri += n;
            }
        }
        match out.len() {
            0 => Val::None,
            1 => out.pop().unwrap(),
            _ => Val::Tuple(out),
        }
    }

    fn memmove(&mut self, dst: Value, src: Value, n: Value) {
        let mut sig = ClSig::new(CallConv::SystemV);
        sig.params = vec![AbiParam::new(clt::I64); 3];
        self.call_symbol("runtime.memmove", &sig, &[dst, src, n]);
    }

    /// `append(s, x...)`: the operands are evaluated first; when the result does not fit in
    /// cap(s), runtime.growslice allocates a larger array with Go's growth rule and copies
    /// the old elements (runtime/slice.go growslice).
    fn append(&mut self, e: &Expr, args: &[Expr]) -> Val {
        let st = self.type_of(&args[0]);
        let et = self.pl.prog.types.elem(st).unwrap_or(0);
        let esize = self.size(et);
        let Val::Slice(p, l, c) = self.expr(&args[0]) else {
            return Val::None;
        };
        let spread = matches!(&e.kind, ExprKind::Call { ellipsis: true, .. });
        let mut elems = Vec::new();
        let mut src = None;
        if spread {
            match self.expr(&args[1]) {
                Val::Slice(sp, sl, _) | Val::Str(sp, sl) => src = Some((sp, sl)),
                _ => return Val::None,
            }
        } else {
            for a in &args[1..] {
                let v = self.expr(a);
                elems.push(self.own(v, et));
            }
        }
        let n = match src {
            Some((_, sl)) => sl,
            None => self.b.ins().iconst(clt::I64, elems.len() as i64),
        };
        let newlen = self.b.ins().iadd(l, n);
        let need = self.b.ins().icmp(IntCC::UnsignedGreaterThan, newlen, c);
        let grow = self.b.create_block();
        let join = self.b.create_block();
        self.b.append_block_param(join, clt::I64);
        self.b.append_block_param(join, clt::I64);
        self.b
            .ins()
            .brif(need, grow, &[], join, &[p.into(), c.into()]);
        self.b.switch_to_block(grow);
        self.b.seal_block(grow);
        let mut sig = ClSig::new(CallConv::SystemV);
        sig.params = vec![AbiParam::new(clt::I64); 5];
        sig.returns = vec![AbiParam::new(clt::I64), AbiParam::new(clt::I64)];
        let es = self.b.ins().iconst(clt::I64, esize as i64);
        let r = self.call_symbol("runtime.growslice", &sig, &[p, l, c, newlen, es]);
        self.b.ins().jump(join, &[r[0].into(), r[1].into()]);
        self.b.switch_to_block(join);
        self.b.seal_block(join);
        let (np, nc) = (self.b.block_params(join)[0], self.b.block_params(join)[1]);
        let off = self.b.ins().imul_imm_s(l, esize as i64);
        let at = self.b.ins().iadd(np, off);
        match src {
            Some((sp, sl)) => {
                let bytes = self.b.ins().imul_imm_s(sl, esize as i64);
                self.memmove(at, sp, bytes);
            }
            None => {
                for (i, v) in elems.into_iter().enumerate() {
                    let a = self.b.ins().iadd_imm_s(at, i as i64 * esize as i64);
                    self.store(et, a, v);
                }
            }
        }
        Val::Slice(np, newlen, nc)
    }

    /// Conversions that need the runtime: string <-> []byte copy the bytes, string(rune)
    /// encodes UTF-8 (runtime/string.go slicebytetostring, stringtoslicebyte, intstring).
    fn convert_string(&mut self, v: Val, from: TypeId, to: TypeId) -> Option<Val> {
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

    /// Struct and array equality, field by field and element by element (Go spec,
    /// "Comparison operators"); the result is 1 when equal.
    fn equal_mem(&mut self, t: TypeId, a: Value, b: Value) -> Value {
        let under = self.pl.prog.types.under(t);
        let parts: Vec<(u64, TypeId)> = match self.pl.prog.types.get(under).clone() {
            Type::Struct(_) => self
                .pl
                .prog
                .types
                .fields(t)
                .unwrap_or_default()
                .into_iter()
                .filter(|f| f.name != "_")
                .map(|f| (f.offset, f.ty))
                .collect(),
            Type::Array(n, et) => {
                let es = self.size(et);
                (0..n).map(|i| (i * es, et)).collect()
            }
            _ => vec![],
        };
        let mut acc = self.b.ins().iconst(clt::I8, 1);
        for (off, ft) in parts {
            let pa = self.b.ins().iadd_imm_s(a, off as i64);
            let pb = self.b.ins().iadd_imm_s(b, off as i64);
            let va = self.load(ft, pa);
            let vb = self.load(ft, pb);
            if let Val::Scalar(eq) = self.compare(BinOp::Eq, ft, va, vb) {
                acc = self.b.ins().band(acc, eq);
            }
        }
        acc
    }

    fn convert(&mut self, v: Val, from: TypeId, to: TypeId) -> Val {
        if let Some(r) = self.convert_string(v.clone(), from, to) {
            return r;
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
    fn convert_float(&mut self, x: Value, from: TypeId, to: TypeId, target: ir::Type) -> Value {
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
    fn trunc_indefinite(&mut self, x: Value, ty: ir::Type) -> Value {
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

    fn builtin(&mut self, e: &Expr, b: Builtin, args: &[Expr]) -> Val {
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

    fn print_arg(&mut self, a: &Expr) {
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

struct BranchTarget {
    label: Option<String>,
    /// None for a switch (continue passes through it to the enclosing loop).
    cont: Option<Block>,
    brk: Block,
}

enum Callee {
    Symbol(String),
    Indirect(Value),
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

// ---------------------------------------------------------------------------------------------
// Interfaces: type descriptors, itabs, method wrappers, boxing, assertions.
//
// An interface value is two words (DESIGN.md, "Interfaces"): for `interface{}` the dynamic
// type's descriptor and a data word; for other interfaces an itab {inter, typ, fun[...]} and
// the data word. The data word holds a pointer-shaped value itself and otherwise points to a
// heap copy (Go's "direct" and "indirect" interface values). Descriptors and itabs are weak
// symbols named as Go names them (`type.main.Point`, `go.itab.*main.T,main.I`), so each type
// has exactly one descriptor in a program and type identity is pointer identity.

/// Offsets in tbuild's type descriptor (runtime/pkg/runtime/type.go `_type`).
const DESC_SIZE: i32 = 96;
const FIELD_SIZE: i32 = 40;
const METHOD_SIZE: i32 = 40;

/// Go's reflect.Kind numbering (reflect/type.go), which the runtime and fmt use.
fn kind_code(types: &super::types::Types, t: TypeId) -> u64 {
    match types.get(types.under(t)) {
        Type::Basic(b) => match b {
            Basic::Bool | Basic::UntypedBool => 1,
            Basic::Int | Basic::UntypedInt => 2,
            Basic::Int8 => 3,
            Basic::Int16 => 4,
            Basic::Int32 | Basic::Rune | Basic::UntypedRune => 5,
            Basic::Int64 => 6,
            Basic::Uint => 7,
            Basic::Uint8 | Basic::Byte => 8,
            Basic::Uint16 => 9,
            Basic::Uint32 => 10,
            Basic::Uint64 => 11,
            Basic::Uintptr => 12,
            Basic::Float32 => 13,
            Basic::Float64 | Basic::UntypedFloat => 14,
            Basic::String | Basic::UntypedString => 24,
            Basic::UnsafePointer => 26,
            _ => 0,
        },
        Type::Array(..) => 17,
        Type::Func(_) => 19,
        Type::Interface(_) => 20,
        Type::Pointer(_) => 22,
        Type::Slice(_) => 23,
        Type::Struct(_) => 25,
        _ => 0,
    }
}

impl PkgLower<'_> {
    /// A type's string as Go's reflect and runtime print it (`main.Point`, `[]int`,
    /// `interface {}`, `struct { X int; Y int }`).
    fn rt_name(&self, t: TypeId) -> String {
        let types = &self.prog.types;
        match types.get(t) {
            Type::Named { pkg, name, .. } => {
                if pkg.is_empty() {
                    name.clone()
                } else {
                    format!("{pkg}.{name}")
                }
            }
            Type::Basic(b) => match b {
                Basic::Byte => "uint8".into(),
                Basic::Rune => "int32".into(),
                b => b.name().into(),
            },
            Type::Pointer(e) => format!("*{}", self.rt_name(*e)),
            Type::Slice(e) => format!("[]{}", self.rt_name(*e)),
            Type::Array(n, e) => format!("[{n}]{}", self.rt_name(*e)),
            Type::Struct(fields) => {
                if fields.is_empty() {
                    return "struct {}".into();
                }
                let f: Vec<String> = fields
                    .iter()
                    .map(|f| format!("{} {}", f.name, self.rt_name(f.ty)))
                    .collect();
                format!("struct {{ {} }}", f.join("; "))
            }
            Type::Interface(m) => {
                if m.is_empty() {
                    return "interface {}".into();
                }
                let parts: Vec<String> = m
                    .iter()
                    .map(|m| format!("{}{}", m.name, self.rt_sig(&m.sig)))
                    .collect();
                format!("interface {{ {} }}", parts.join("; "))
            }
            Type::Func(sig) => format!("func{}", self.rt_sig(sig)),
            Type::Tuple(_) => "tuple".into(),
        }
    }

    fn rt_sig(&self, sig: &super::types::Signature) -> String {
        self.prog
            .types
            .sig_string_with(sig, &|t| self.rt_name(t), false)
    }

    /// Whether values of t are stored in an interface's data word directly.
    fn is_direct(&self, t: TypeId) -> bool {
        matches!(
            self.prog.types.get(self.prog.types.under(t)),
            Type::Pointer(_)
        ) || self.prog.types.is_unsafe_pointer(t)
    }

    /// The methods in t's method set, sorted by name: (name, signature without receiver,
    /// symbol of the entry taking the data word), Go's method-set rules (a value type has its
    /// value methods, a pointer type all methods of its element).
    fn method_set(&mut self, t: TypeId) -> Vec<(String, super::types::Signature, String)> {
        let (base, is_ptr) = match self.prog.types.get(t).clone() {
            Type::Pointer(p) => (p, true),
            _ => (t, false),
        };
        let Some(list) = self.prog.methods.get(&base).cloned() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (name, mid, ptr_recv) in list {
            if ptr_recv && !is_ptr {
                continue;
            }
            let Type::Func(sig) = self.prog.types.get(self.prog.objs[mid as usize].ty).clone()
            else {
                continue;
            };
            let ObjKind::Func { symbol, .. } = &self.prog.objs[mid as usize].kind else {
                continue;
            };
            // pkg.T.M -> pkg.(*T).M, the entry that takes *T (the data word): the method itself
            // for pointer receivers, the generated wrapper for value receivers.
            let entry = if ptr_recv {
                symbol.clone()
            } else {
                ptr_method_symbol(symbol)
            };
            let sig = sig.without_receiver();
            out.push((name, sig, entry));
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    /// The signature of a method entry: the data word, then the method's parameters.
    fn entry_sig(&self, sig: &super::types::Signature) -> ClSig {
        let up = self.prog.types.basic(Basic::UnsafePointer);
        let params: Vec<TypeId> = std::iter::once(up)
            .chain(sig.params.iter().copied())
            .collect();
        cl_signature(self.prog, &params, &sig.results)
    }

    /// The descriptor of type t, defined (weakly) in this object on first use.
    fn type_desc(&mut self, t: TypeId) -> DataId {
        let name = self.rt_name(t);
        let symbol = format!("type.{name}");
        if let Some(&d) = self.data_ids.get(&symbol) {
            return d;
        }
        let d = self
            .module
            .declare_data(&symbol, Linkage::Preemptible, false, false)
            .expect("declaring a type descriptor");
        self.data_ids.insert(symbol, d);
        let (size, _) = self.prog.types.layout(t);
        let fields = match self.prog.types.get(self.prog.types.under(t)) {
            Type::Struct(_) => self.prog.types.fields(t).unwrap_or_default(),
            _ => Vec::new(),
        };
        let imethods = self.prog.types.interface_methods(t);
        let methods = if self.prog.types.is_interface(t) {
            Vec::new()
        } else {
            self.method_set(t)
        };
        let nmethods = if self.prog.types.is_interface(t) {
            imethods.len()
        } else {
            methods.len()
        };
        let total = DESC_SIZE + FIELD_SIZE * fields.len() as i32 + METHOD_SIZE * nmethods as i32;
        let mut bytes = vec![0u8; total as usize];
        let put = |b: &mut Vec<u8>, off: i32, v: u64| {
            b[off as usize..off as usize + 8].copy_from_slice(&v.to_le_bytes())
        };
        put(&mut bytes, 0, size);
        put(&mut bytes, 8, kind_code(&self.prog.types, t));
        put(&mut bytes, 24, name.len() as u64);
        let named = matches!(self.prog.types.get(t), Type::Named { .. });
        put(&mut bytes, 80, named as u64);
        let mut desc = DataDescription::new();
        let mut data_relocs: Vec<(i32, DataId)> = Vec::new();
        let mut func_relocs: Vec<(i32, FuncId)> = Vec::new();
        let name_data = self.string_data(name.as_bytes());
        data_relocs.push((16, name_data));
        match self.prog.types.get(self.prog.types.under(t)).clone() {
            Type::Pointer(e) | Type::Slice(e) => data_relocs.push((32, self.type_desc(e))),
            Type::Array(n, e) => {
                data_relocs.push((32, self.type_desc(e)));
                put(&mut bytes, 40, n);
            }
            _ => {}
        }
        if !fields.is_empty() {
            put(&mut bytes, 56, fields.len() as u64);
            data_relocs.push((48, d));
            // (self-relative: the table follows the header; the addend is added below)
        }
        for (i, f) in fields.iter().enumerate() {
            let off = DESC_SIZE + FIELD_SIZE * i as i32;
            let n = self.string_data(f.name.as_bytes());
            data_relocs.push((off, n));
            put(&mut bytes, off + 8, f.name.len() as u64);
            data_relocs.push((off + 16, self.type_desc(f.ty)));
            put(&mut bytes, off + 24, f.offset);
            put(&mut bytes, off + 32, f.embedded as u64);
        }
        let mbase = DESC_SIZE + FIELD_SIZE * fields.len() as i32;
        if nmethods > 0 {
            put(&mut bytes, 72, nmethods as u64);
            data_relocs.push((64, d));
        }
        let entries: Vec<(String, super::types::Signature, Option<String>)> =
            if self.prog.types.is_interface(t) {
                imethods
                    .into_iter()
                    .map(|m| (m.name, m.sig, None))
                    .collect()
            } else {
                methods
                    .into_iter()
                    .map(|(n, s, e)| (n, s, Some(e)))
                    .collect()
            };
        for (i, (mname, sig, entry)) in entries.iter().enumerate() {
            let off = mbase + METHOD_SIZE * i as i32;
            let n = self.string_data(mname.as_bytes());
            data_relocs.push((off, n));
            put(&mut bytes, off + 8, mname.len() as u64);
            let st = self.rt_sig(sig);
            let sd = self.string_data(st.as_bytes());
            data_relocs.push((off + 16, sd));
            put(&mut bytes, off + 24, st.len() as u64);
            if let Some(entry) = entry {
                let esig = self.entry_sig(sig);
                func_relocs.push((off + 32, self.extern_func(entry, &esig)));
            }
        }
        desc.define(bytes.into_boxed_slice());
        desc.set_align(8);
        for (off, target) in data_relocs {
            let gv = self.module.declare_data_in_data(target, &mut desc);
            // The field and method tables live in this descriptor, after the header.
            let addend = if target == d && off == 48 {
                DESC_SIZE as i64
            } else if target == d && off == 64 {
                mbase as i64
            } else {
                0
            };
            desc.write_data_addr(off as u32, gv, addend);
        }
        for (off, f) in func_relocs {
            let fr = self.module.declare_func_in_data(f, &mut desc);
            desc.write_function_addr(off as u32, fr);
        }
        self.module
            .define_data(d, &desc)
            .expect("defining a type descriptor");
        d
    }

    /// The itab of concrete type t for interface i: {inter, typ, fun[...]} in i's method
    /// order (Go: runtime/runtime2.go itab, cmd/compile's go.itab.* symbols).
    fn itab(&mut self, t: TypeId, i: TypeId) -> DataId {
        let symbol = format!("go.itab.{},{}", self.rt_name(t), self.rt_name(i));
        if let Some(&d) = self.data_ids.get(&symbol) {
            return d;
        }
        let d = self
            .module
            .declare_data(&symbol, Linkage::Preemptible, false, false)
            .expect("declaring an itab");
        self.data_ids.insert(symbol, d);
        let imethods = self.prog.types.interface_methods(i);
        let set = self.method_set(t);
        let mut desc = DataDescription::new();
        desc.define(vec![0u8; 16 + 8 * imethods.len()].into_boxed_slice());
        desc.set_align(8);
        let id = self.type_desc(i);
        let td = self.type_desc(t);
        let gi = self.module.declare_data_in_data(id, &mut desc);
        desc.write_data_addr(0, gi, 0);
        let gt = self.module.declare_data_in_data(td, &mut desc);
        desc.write_data_addr(8, gt, 0);
        for (k, m) in imethods.iter().enumerate() {
            if let Some((_, sig, entry)) = set.iter().find(|(n, _, _)| *n == m.name) {
                let esig = self.entry_sig(sig);
                let f = self.extern_func(entry, &esig);
                let fr = self.module.declare_func_in_data(f, &mut desc);
                desc.write_function_addr(16 + 8 * k as u32, fr);
            }
        }
        self.module.define_data(d, &desc).expect("defining an itab");
        d
    }
}

/// `pkg.T.M` -> `pkg.(*T).M`.
fn ptr_method_symbol(symbol: &str) -> String {
    match symbol.rsplit_once('.') {
        Some((recv, m)) => match recv.rsplit_once('.') {
            Some((pkg, t)) => format!("{pkg}.(*{t}).{m}"),
            None => symbol.to_string(),
        },
        None => symbol.to_string(),
    }
}

impl FnLower<'_, '_> {
    fn desc_addr(&mut self, t: TypeId) -> Value {
        let d = self.pl.type_desc(t);
        self.data_addr(d)
    }

    /// The dynamic type (descriptor address, or 0 for nil) of an interface value of type it.
    fn dyn_type(&mut self, it: TypeId, tab: Value) -> Value {
        if self.pl.prog.types.interface_methods(it).is_empty() {
            return tab;
        }
        // itab.typ, or 0 for a nil interface.
        let is_nil = self.b.ins().icmp_imm_s(IntCC::Equal, tab, 0);
        let load = self.b.create_block();
        let join = self.b.create_block();
        self.b.append_block_param(join, clt::I64);
        let zero = self.b.ins().iconst(clt::I64, 0);
        self.b.ins().brif(is_nil, join, &[zero.into()], load, &[]);
        self.b.switch_to_block(load);
        self.b.seal_block(load);
        let t = self.b.ins().load(clt::I64, flags(), tab, 8);
        self.b.ins().jump(join, &[t.into()]);
        self.b.switch_to_block(join);
        self.b.seal_block(join);
        self.b.block_params(join)[0]
    }

    /// Converts a value of type `from` to interface type `to` (Go spec, "Assignability":
    /// boxing a concrete value, or re-wrapping another interface's dynamic type).
    fn convert_to_iface(&mut self, v: Val, from: TypeId, to: TypeId) -> Val {
        let empty = self.pl.prog.types.interface_methods(to).is_empty();
        if let Val::Iface(tab, data) = v {
            if !self.pl.prog.types.is_interface(from) {
                return v;
            }
            let dyn_t = self.dyn_type(from, tab);
            if empty {
                return Val::Iface(dyn_t, data);
            }
            let inter = self.desc_addr(to);
            let mut sig = ClSig::new(CallConv::SystemV);
            sig.params = vec![AbiParam::new(clt::I64); 2];
            sig.returns = vec![AbiParam::new(clt::I64)];
            let itab = self.call_symbol("runtime.convI2I", &sig, &[inter, dyn_t])[0];
            return Val::Iface(itab, data);
        }
        let data = if self.pl.is_direct(from) {
            match v {
                Val::Scalar(x) => x,
                _ => self.b.ins().iconst(clt::I64, 0),
            }
        } else {
            let size = self.size(from);
            let p = if size == 0 {
                self.global_addr("runtime.zerobase")
            } else {
                self.malloc(size)
            };
            if size > 0 {
                self.store(from, p, v);
            }
            p
        };
        let tab = if empty {
            self.desc_addr(from)
        } else {
            let d = self.pl.itab(from, to);
            self.data_addr(d)
        };
        Val::Iface(tab, data)
    }

    /// The value of type t held in an interface's data word.
    fn unbox(&mut self, t: TypeId, data: Value) -> Val {
        if self.pl.is_direct(t) {
            return Val::Scalar(data);
        }
        if self.size(t) == 0 {
            return self.zero_val(t);
        }
        let v = self.load(t, data);
        self.own(v, t)
    }

    /// `x.(T)`: returns (value, ok); without comma-ok a failed assertion panics with Go's
    /// "interface conversion" error (runtime/iface.go assertE2I, panicdottypeE).
    fn type_assert(&mut self, e: &Expr, x: &Expr, t: TypeId) -> Val {
        let it = self.type_of(x);
        let Val::Iface(tab, data) = self.expr(x) else {
            return Val::None;
        };
        let comma_ok = self.prog().info.comma_ok.contains(&e.id);
        let dyn_t = self.dyn_type(it, tab);
        let (ok, matched) = self.type_matches(t, dyn_t);
        let yes = self.b.create_block();
        let no = self.b.create_block();
        let join = self.b.create_block();
        let words = word_types(self.shape(t));
        for w in &words {
            self.b.append_block_param(join, *w);
        }
        self.b.append_block_param(join, clt::I8);
        self.b.ins().brif(ok, yes, &[], no, &[]);
        self.b.switch_to_block(yes);
        self.b.seal_block(yes);
        let v = if self.pl.prog.types.is_interface(t) {
            Val::Iface(matched, data)
        } else {
            self.unbox(t, data)
        };
        let mut args: Vec<ir::BlockArg> = v.words().into_iter().map(|w| w.into()).collect();
        let one = self.b.ins().iconst(clt::I8, 1);
        args.push(one.into());
        self.b.ins().jump(join, &args);
        self.b.switch_to_block(no);
        self.b.seal_block(no);
        if comma_ok {
            let z = self.zero_val(t);
            let mut args: Vec<ir::BlockArg> = z.words().into_iter().map(|w| w.into()).collect();
            let zero = self.b.ins().iconst(clt::I8, 0);
            args.push(zero.into());
            self.b.ins().jump(join, &args);
        } else {
            let want = self.desc_addr(t);
            let iface = self.desc_addr(it);
            let mut sig = ClSig::new(CallConv::SystemV);
            sig.params = vec![AbiParam::new(clt::I64); 3];
            self.call_symbol("runtime.panicdottype", &sig, &[dyn_t, want, iface]);
            self.b.ins().trap(TrapCode::unwrap_user(5));
        }
        self.b.switch_to_block(join);
        self.b.seal_block(join);
        let params = self.b.block_params(join).to_vec();
        let v = Val::from_words(self.shape(t), &params[..words.len()]);
        if comma_ok {
            Val::Tuple(vec![v, Val::Scalar(params[words.len()])])
        } else {
            v
        }
    }

    /// Whether dynamic type dyn_t satisfies case type t: identity for concrete types, the
    /// method set for interfaces (runtime.assertI), non-nil for `interface{}`. Returns
    /// (ok, the itab or type word to use when t is an interface).
    fn type_matches(&mut self, t: TypeId, dyn_t: Value) -> (Value, Value) {
        if !self.pl.prog.types.is_interface(t) {
            let want = self.desc_addr(t);
            let ok = self.b.ins().icmp(IntCC::Equal, dyn_t, want);
            return (ok, dyn_t);
        }
        if self.pl.prog.types.interface_methods(t).is_empty() {
            let ok = self.b.ins().icmp_imm_s(IntCC::NotEqual, dyn_t, 0);
            return (ok, dyn_t);
        }
        let inter = self.desc_addr(t);
        let mut sig = ClSig::new(CallConv::SystemV);
        sig.params = vec![AbiParam::new(clt::I64); 2];
        sig.returns = vec![AbiParam::new(clt::I64)];
        let itab = self.call_symbol("runtime.assertI", &sig, &[inter, dyn_t])[0];
        let ok = self.b.ins().icmp_imm_s(IntCC::NotEqual, itab, 0);
        (ok, itab)
    }

    /// A type switch: the dynamic type is computed once and tested against each clause's
    /// types in order; the bound variable gets the value as the clause's single type, or the
    /// interface value itself (Go spec, "Type switches").
    fn type_switch(&mut self, init: &Option<Box<Stmt>>, x: &Expr, cases: &[CaseClause]) {
        let label = self.pending_label.take();
        if let Some(i) = init {
            self.stmt(i);
        }
        let it = self.type_of(x);
        let Val::Iface(tab, data) = self.expr(x) else {
            return;
        };
        let dyn_t = self.dyn_type(it, tab);
        let nil_t = self.pl.prog.types.basic(Basic::UntypedNil);
        let end = self.b.create_block();
        let bodies: Vec<Block> = cases.iter().map(|_| self.b.create_block()).collect();
        let mut default = None;
        let mut matched_words: Vec<Option<Value>> = vec![None; cases.len()];
        for (i, c) in cases.iter().enumerate() {
            let Some(exprs) = &c.exprs else {
                default = Some(bodies[i]);
                continue;
            };
            for te in exprs {
                let t = self.type_of(te);
                let (ok, m) = if t == nil_t {
                    (self.b.ins().icmp_imm_s(IntCC::Equal, dyn_t, 0), dyn_t)
                } else {
                    self.type_matches(t, dyn_t)
                };
                if exprs.len() == 1 {
                    matched_words[i] = Some(m);
                }
                let next = self.b.create_block();
                self.b.ins().brif(ok, bodies[i], &[], next, &[]);
                self.b.switch_to_block(next);
                self.b.seal_block(next);
            }
        }
        self.b.ins().jump(default.unwrap_or(end), &[]);
        for (i, c) in cases.iter().enumerate() {
            self.b.switch_to_block(bodies[i]);
            self.b.seal_block(bodies[i]);
            self.terminated = false;
            if let Some(&o) = self.prog().info.clause_vars.get(&c.pos) {
                let vt = self.prog().objs[o as usize].ty;
                let v = if self.pl.prog.types.identical(vt, it) {
                    Val::Iface(tab, data)
                } else if self.pl.prog.types.is_interface(vt) {
                    Val::Iface(matched_words[i].unwrap_or(tab), data)
                } else {
                    self.unbox(vt, data)
                };
                self.declare_var(o, vt, Some(v));
            }
            let target = BranchTarget {
                label: label.clone(),
                cont: None,
                brk: end,
            };
            self.breakable_body(target, &c.body, end);
        }
        self.b.switch_to_block(end);
        self.b.seal_block(end);
        self.terminated = false;
    }

    /// A call of an interface method: the itab's fun[index] with the data word as receiver.
    fn call_iface_method(&mut self, index: usize, func: &Expr, args: &[Expr]) -> Val {
        let ExprKind::Selector(x, _) = &strip_parens(func).kind else {
            return Val::None;
        };
        let it = self.type_of(x);
        let methods = self.pl.prog.types.interface_methods(it);
        let Some(m) = methods.get(index).cloned() else {
            return Val::None;
        };
        let Val::Iface(tab, data) = self.expr(x) else {
            return Val::None;
        };
        let code = self
            .b
            .ins()
            .load(clt::I64, MemFlagsData::new(), tab, 16 + 8 * index as i32);
        let up = self.pl.prog.types.basic(Basic::UnsafePointer);
        let params: Vec<TypeId> = std::iter::once(up)
            .chain(m.sig.params.iter().copied())
            .collect();
        let mut vals = vec![Val::Scalar(data)];
        vals.extend(self.args_for(&m.sig, args));
        self.emit_call(Callee::Indirect(code), &params, &m.sig.results, vals)
    }

    /// Interface equality: same dynamic type and equal values (runtime.ifaceeq panics for
    /// uncomparable dynamic types, as Go's does).
    fn iface_equal(&mut self, t: TypeId, a: (Value, Value), b: (Value, Value)) -> Value {
        let ta = self.dyn_type(t, a.0);
        let tb = self.dyn_type(t, b.0);
        let mut sig = ClSig::new(CallConv::SystemV);
        sig.params = vec![AbiParam::new(clt::I64); 4];
        sig.returns = vec![AbiParam::new(clt::I8)];
        self.call_symbol("runtime.ifaceeq", &sig, &[ta, a.1, tb, b.1])[0]
    }
}
