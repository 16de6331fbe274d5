//! Package-level variables and package initialisation: each variable's bytes and relocations,
//! laid down in the section Go's linker would choose (cmd/internal/obj/plist.go), and `pkg.init`,
//! which runs the imports' initialisers, the dynamic variable initialisers and the init
//! functions (Go spec, "Package initialization").

use crate::HashMap;

use cranelift_codegen::ir::{types as clt, InstBuilder, Signature as ClSig};
use cranelift_codegen::isa::CallConv;
use cranelift_module::{DataDescription, DataId, Linkage, Module};
use object::write::{Relocation, SymbolSection};
use object::{
    RelocationEncoding, RelocationFlags, RelocationKind, SectionKind, SymbolFlags, SymbolKind,
    SymbolScope,
};

use super::{flags, FnLower, FuncLines, PkgLower};
use crate::compile::ast::*;
use crate::compile::check::ObjKind;
use crate::compile::types::{Basic, Const, Type, TypeId};

pub(super) struct GlobalBytes {
    symbol: String,
    bytes: Vec<u8>,
    relocs: Vec<(u64, String, i64)>,
    align: u64,
    section: &'static str,
    size: u64,
    /// The pointer words (`Types::pointer_words`), stated to the linker for `runtime.gcdata`
    /// and `runtime.gcbss` in the object's `.tbuild.ptrmask` section (DESIGN.md).
    ptrmask: Vec<bool>,
}

impl PkgLower<'_> {
    /// The funcval of a function (`sym·f`: a word holding its address), which a func value
    /// and a func-typed field of a descriptor point to (runtime2.go funcval); one per
    /// function.
    pub(super) fn static_funcval(&mut self, symbol: &str, sig: &ClSig) -> DataId {
        let name = format!("{symbol}·f");
        if let Some(&d) = self.data_ids.get(&name) {
            return d;
        }
        let fid = self.extern_func(symbol, sig);
        let d = self
            .module
            .declare_data(&name, Linkage::Local, false, false)
            .expect("fresh local name");
        let mut desc = DataDescription::new();
        desc.define(vec![0u8; 8].into_boxed_slice());
        desc.set_align(8);
        let fref = self.module.declare_func_in_data(fid, &mut desc);
        desc.write_function_addr(0, fref);
        self.module
            .define_data(d, &desc)
            .expect("defining a funcval");
        self.data_ids.insert(name, d);
        d
    }

    /// Lays out every package-level variable: bytes, relocations and the section Go would use.
    pub(super) fn layout_globals(&mut self) -> Vec<GlobalBytes> {
        let mut out = Vec::new();
        for g in self.prog.packages[self.pkg].globals.clone() {
            let symbol = self.global_symbol(g);
            if symbol.ends_with("._") {
                continue;
            }
            let ty = self.prog.objs[g as usize].ty;
            let (size, align) = self.prog.types.layout(ty);
            // Bytes only for a variable with an initialiser: a zero one is just a size (its
            // .bss space costs nothing until the program touches it).
            let mut bytes = Vec::new();
            let mut relocs = Vec::new();
            if let Some(init) = self.prog.packages[self.pkg].global_inits.get(&g).cloned() {
                bytes = vec![0u8; size as usize];
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
            let ptrmask = if ptrs {
                self.prog.types.pointer_words(ty)
            } else {
                Vec::new()
            };
            out.push(GlobalBytes {
                symbol,
                bytes,
                relocs,
                align: align.max(1),
                section,
                size,
                ptrmask,
            });
        }
        out
    }

    pub(super) fn static_init(
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
                Const::Int(_) | Const::Big(_) | Const::Float(_) | Const::BigFloat(_) => {
                    let size = self.prog.types.size(t) as usize;
                    let bits = match self.prog.types.basic_of(t) {
                        Some(Basic::Float64) => c.to_f64().to_bits(),
                        Some(Basic::Float32) => (c.to_f64() as f32).to_bits() as u64,
                        _ => c.to_int().unwrap_or(0) as i64 as u64,
                    };
                    let b = bits.to_le_bytes();
                    buf[off_us..off_us + size].copy_from_slice(&b[..size]);
                }
                Const::Complex(re, im) => {
                    // Two floats of the part type, real first (lower/complex.rs).
                    let rf = crate::compile::types::rational_to_f64;
                    let parts = [rf(&re), rf(&im)];
                    for (i, p) in parts.into_iter().enumerate() {
                        if self.prog.types.basic_of(t) == Some(Basic::Complex64) {
                            let at = off_us + 4 * i;
                            buf[at..at + 4].copy_from_slice(&(p as f32).to_le_bytes());
                        } else {
                            let at = off_us + 8 * i;
                            buf[at..at + 8].copy_from_slice(&p.to_le_bytes());
                        }
                    }
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
                let Some(a) = args.first() else { return };
                match self.prog.info.consts.get(&a.id).cloned() {
                    // []byte("const") (the checker admits it only non-empty): the bytes in a
                    // writable array of their own, and a slice of it whose cap is its len.
                    Some(Const::Str(s)) if self.prog.types.is_byte_slice(ty) => {
                        let d = self.writable_bytes(&s);
                        let name = self.data_name(d);
                        relocs.push((off, name, 0));
                        let n = (s.len() as u64).to_le_bytes();
                        buf[off_us + 8..off_us + 16].copy_from_slice(&n);
                        buf[off_us + 16..off_us + 24].copy_from_slice(&n);
                    }
                    // A conversion that keeps the representation (see is_static_init).
                    _ => self.static_init(a, ty, buf, off, relocs),
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
                    // A blank field stays zero (literals.rs fill_composite).
                    if let Some(f) = f.filter(|f| f.name != "_") {
                        self.static_init(&el.value, f.ty, buf, off + f.offset, relocs);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Adds the package-level variables to the object Cranelift produced, in Go's sections.
pub(super) fn emit_with_globals(
    mut product: cranelift_object::ObjectProduct,
    globals: Vec<GlobalBytes>,
    data_ids: &HashMap<String, DataId>,
    lines: &[FuncLines],
    file_names: &[String],
) -> Result<Vec<u8>, String> {
    crate::compile::debug::add_debug_info(&mut product, lines, file_names)?;
    let obj = &mut product.object;
    let mut sections = HashMap::default();
    // Every symbol the relocations may name: module-declared ones by name.
    let mut symbol_of = HashMap::default();
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
    // Always written, even empty: its presence says the object states all its pointers.
    let masks = ptrmask_section(&globals);
    let obj = &mut product.object;
    let sec = obj.add_section(Vec::new(), PTRMASK_SECTION.to_vec(), SectionKind::Other);
    obj.append_section_data(sec, &masks, 1);
    let args = args_section(lines);
    if !args.is_empty() {
        let sec = obj.add_section(Vec::new(), ARGS_SECTION.to_vec(), SectionKind::Other);
        obj.append_section_data(sec, &args, 1);
    }
    let inl = super::inline::inline_section(lines);
    if !inl.is_empty() {
        let sec = obj.add_section(
            Vec::new(),
            super::inline::INLINE_SECTION.to_vec(),
            SectionKind::Other,
        );
        obj.append_section_data(sec, &inl, 1);
    }
    product.object.write().map_err(|e| e.to_string())
}

/// The section that gives the linker the size of each function's Go parameters, for the
/// `args` of its `_func` in `.gopclntab` (linker/src/pclntab.rs; a traceback prints `()` for
/// a function that has none, as Go does).
pub const ARGS_SECTION: &[u8] = b".tbuild.args";

/// One record per function with a Go signature: its symbol (u32 length, bytes) and the bytes
/// of its parameters (u32). Little-endian.
fn args_section(lines: &[super::FuncLines]) -> Vec<u8> {
    let mut out = Vec::new();
    for f in lines {
        if let Some(n) = f.param_bytes {
            out.extend_from_slice(&(f.symbol.len() as u32).to_le_bytes());
            out.extend_from_slice(f.symbol.as_bytes());
            out.extend_from_slice(&n.to_le_bytes());
        }
    }
    out
}

/// The section that states the pointer words of the object's `.data` and `.bss` variables to
/// the linker (linker/src/gcmaps.rs reads it; DESIGN.md "Object files"). Every variable with
/// pointers has a record; any other symbol of the object's `.data`/`.bss` has none.
pub const PTRMASK_SECTION: &[u8] = b".tbuild.ptrmask";

/// One record per pointer-holding variable: the symbol's name (u32 length, bytes), the number
/// of words up to its last pointer (u32), then that many bits, least significant first, one
/// byte per eight words (the order of Go's gcdata masks). Little-endian.
fn ptrmask_section(globals: &[GlobalBytes]) -> Vec<u8> {
    let mut out = Vec::new();
    for g in globals {
        if !matches!(g.section, ".data" | ".bss") {
            continue;
        }
        out.extend_from_slice(&(g.symbol.len() as u32).to_le_bytes());
        out.extend_from_slice(g.symbol.as_bytes());
        out.extend_from_slice(&(g.ptrmask.len() as u32).to_le_bytes());
        let mut bytes = vec![0u8; g.ptrmask.len().div_ceil(8)];
        for (i, &p) in g.ptrmask.iter().enumerate() {
            if p {
                bytes[i / 8] |= 1 << (i % 8);
            }
        }
        out.extend_from_slice(&bytes);
    }
    out
}

impl FnLower<'_, '_> {
    /// pkg.init: once only, the imported packages' initialisers, then this package's dynamic
    /// variable initialisers in the checker's order, then its init functions in source order
    /// (Go spec, "Package initialization"; Go's runtime/proc.go doInit).
    pub(super) fn lower_package_init(&mut self, pos: Pos) {
        let entry = self.b.create_block();
        self.b.switch_to_block(entry);
        self.b.seal_block(entry);
        self.set_loc(pos);
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
        let flag_name = format!("{}..inittask", crate::compile::symbol_prefix(&path));
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
            let imp = crate::compile::symbol_prefix(&imp);
            self.call_symbol(&format!("{imp}.init"), &none, &[]);
        }
        for (lhs, e) in dyn_inits {
            self.set_loc(e.pos);
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
}
