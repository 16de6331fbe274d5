//! Type algorithms (Go's "alg"): how values of a type are compared and hashed, the functions
//! a descriptor names for it, and the functions the compiler generates for the types the
//! runtime's fixed ones do not cover.
//!
//! As in Go (cmd/compile/internal/types/alg.go AlgType, reflectdata/alg.go), a comparable
//! type is plain memory (ints, pointers, bools, structs and arrays of them without padding or
//! blank fields), a string, a float, an interface, or "special" (a struct or array mixing
//! those). Plain memory of 0, 1, 2, 4, 8 or 16 bytes, strings, floats and interfaces use the
//! runtime's functions (runtime/pkg/runtime/alg.go); other sizes of plain memory and special
//! types get `type..hash.T` and `type..eq.T`, generated here as weak symbols (one per program
//! whichever package needs them first, as Go's DUPOK ones): a struct is hashed and compared
//! field by field, with runs of adjacent plain-memory fields taken as one block and blank
//! fields and padding skipped; an array element by element.
//!
//! The descriptor also records Go's own descriptor size and symbol name for the type
//! (`gosize`, `linkname`): Go's linker sorts descriptors by them (cmd/link/internal/ld/data.go
//! dodataSect: size, then name), and Go's fmt sorts interface map keys of different dynamic
//! types by descriptor address (internal/fmtsort), so fmt orders by these to match.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{types as clt, AbiParam, InstBuilder, Signature as ClSig, Value};
use cranelift_codegen::isa::CallConv;
use cranelift_module::{DataId, Linkage, Module};

use super::{flags, FnLower, PkgLower};
use crate::compile::types::{Basic, Type, TypeId};

/// A type's algorithm class (Go: types.AlgKind).
#[derive(Clone, Copy, PartialEq, Debug)]
pub(super) enum Alg {
    /// Not comparable.
    NoEq,
    /// Its bytes are its value.
    Mem,
    Str,
    F32,
    F64,
    /// complex64, complex128: both parts as floats (runtime c64hash, c128equal, ...).
    C64,
    C128,
    /// A non-empty interface (itab, data).
    Iface,
    /// An empty interface (type, data).
    NilIface,
    /// A struct or array needing field-by-field treatment.
    Special,
}

/// Which of a type's two functions.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(super) enum AlgFn {
    Hash,
    Eq,
}

/// What a descriptor's header says about the type's algorithm.
pub(super) struct AlgHeader {
    pub tflag: u64,
    /// The funcval of the equal function (None: not comparable).
    pub equal: Option<DataId>,
    pub gosize: u64,
    pub linkname: DataId,
    pub linkname_len: u64,
}

/// A map type's maptype fields (runtime/pkg/runtime/map.go): relocations at offsets from the
/// end of the header (key, elem, group descriptors, the hasher's funcval) and the word of
/// sizes and flags at offset 32.
pub(super) struct MapExt {
    pub relocs: Vec<(i32, DataId)>,
    pub packed: u64,
}

/// runtime/pkg/runtime/alg.go tflagRegularMemory.
const TFLAG_REGULAR_MEMORY: u64 = 1 << 3;

/// maptype.flags (runtime/pkg/runtime/map.go).
const MAP_INDIRECT_KEY: u64 = 1;
const MAP_INDIRECT_ELEM: u64 = 2;
const MAP_REFLEXIVE_KEY: u64 = 4;
const MAP_NEED_KEY_UPDATE: u64 = 8;
const MAP_HASH_MIGHT_PANIC: u64 = 16;
const MAP_GROUP_NO_PTRS: u64 = 32;

/// Keys and elements larger than this are stored through a pointer (Go's limit too:
/// runtime/map.go maxKeySize, maxElemSize).
pub(super) const MAX_INLINE: u64 = 128;

/// One step of a generated function over a struct or array value.
enum Part {
    /// `size` bytes of plain memory at `off`.
    Mem { off: u64, size: u64 },
    /// A value of type `ty` at `off`, through that type's own function.
    Field { off: u64, ty: TypeId },
    /// `n` elements of type `elem`, `size` bytes apart.
    Elems { n: u64, elem: TypeId, size: u64 },
}

impl PkgLower<'_> {
    /// The algorithm class of t (Go's AlgType).
    pub(super) fn alg(&mut self, t: TypeId) -> Alg {
        if self
            .group_types
            .values()
            .any(|&(g, slot)| g == t || slot == t)
        {
            // A group is never compared (Go marks such types noalg).
            return Alg::NoEq;
        }
        match self.prog.types.get(self.prog.types.under(t)).clone() {
            Type::Basic(b) => match b {
                Basic::String | Basic::UntypedString => Alg::Str,
                Basic::Float32 => Alg::F32,
                Basic::Float64 | Basic::UntypedFloat => Alg::F64,
                Basic::Complex64 => Alg::C64,
                Basic::Complex128 | Basic::UntypedComplex => Alg::C128,
                Basic::Invalid | Basic::UntypedNil => Alg::NoEq,
                _ => Alg::Mem,
            },
            // A channel is compared and hashed by its hchan pointer, as Go's (AMEM64).
            Type::Pointer(_) | Type::Chan(..) => Alg::Mem,
            Type::Interface(m) if m.is_empty() => Alg::NilIface,
            Type::Interface(_) => Alg::Iface,
            Type::Array(n, e) => match (self.alg(e), n) {
                (Alg::NoEq, _) => Alg::NoEq,
                (Alg::Mem, _) | (_, 0) => Alg::Mem,
                (a, 1) => a,
                _ => Alg::Special,
            },
            Type::Struct(_) => {
                let fields = self.prog.types.fields(t).unwrap_or_default();
                if fields.len() == 1 && fields[0].name != "_" {
                    return self.alg(fields[0].ty);
                }
                let size = self.prog.types.size(t);
                let mut class = Alg::Mem;
                for (i, f) in fields.iter().enumerate() {
                    let a = self.alg(f.ty);
                    if a == Alg::NoEq {
                        return Alg::NoEq;
                    }
                    let end = f.offset + self.prog.types.size(f.ty);
                    let next = fields.get(i + 1).map_or(size, |g| g.offset);
                    if a != Alg::Mem || f.name == "_" || end != next {
                        class = Alg::Special;
                    }
                }
                class
            }
            _ => Alg::NoEq,
        }
    }

    /// The symbol of t's hash or equal function: the runtime's, or a generated one
    /// (declared here, compiled by [`PkgLower::compile_algs`]). None for a type without ==.
    pub(super) fn alg_func(&mut self, t: TypeId, which: AlgFn) -> Option<String> {
        let alg = self.alg(t);
        let size = self.prog.types.size(t);
        let (hash, eq) = match alg {
            Alg::NoEq => return None,
            Alg::Str => ("strhash", "strequal"),
            Alg::F32 => ("f32hash", "f32equal"),
            Alg::F64 => ("f64hash", "f64equal"),
            Alg::C64 => ("c64hash", "c64equal"),
            Alg::C128 => ("c128hash", "c128equal"),
            Alg::Iface => ("interhash", "interequal"),
            Alg::NilIface => ("nilinterhash", "nilinterequal"),
            Alg::Mem => match size {
                0 => ("memhash0", "memequal0"),
                1 => ("memhash8", "memequal8"),
                2 => ("memhash16", "memequal16"),
                4 => ("memhash32", "memequal32"),
                8 => ("memhash64", "memequal64"),
                16 => ("memhash128", "memequal128"),
                _ => ("", ""),
            },
            Alg::Special => ("", ""),
        };
        let name = if which == AlgFn::Hash { hash } else { eq };
        if !name.is_empty() {
            return Some(format!("runtime.{name}"));
        }
        let kind = if which == AlgFn::Hash { "hash" } else { "eq" };
        let symbol = format!("type..{kind}.{}", self.sym_name(t));
        if !self.func_ids.contains_key(&symbol) {
            let sig = alg_sig(which);
            let f = self
                .module
                .declare_function(&symbol, Linkage::Preemptible, &sig)
                .expect("declaring a generated alg function");
            self.func_ids.insert(symbol.clone(), f);
            self.pending_algs.push((symbol.clone(), t, which));
        }
        Some(symbol)
    }

    /// The alg part of t's descriptor header.
    pub(super) fn alg_header(&mut self, t: TypeId) -> AlgHeader {
        let alg = self.alg(t);
        let tflag = if alg == Alg::Mem {
            TFLAG_REGULAR_MEMORY
        } else {
            0
        };
        let equal = self
            .alg_func(t, AlgFn::Eq)
            .map(|s| self.static_funcval(&s, &alg_sig(AlgFn::Eq)));
        let gosize = self.go_desc_size(t);
        let link = self.link_name(t);
        let linkname = self.string_data(link.as_bytes());
        AlgHeader {
            tflag,
            equal,
            gosize,
            linkname,
            linkname_len: link.len() as u64,
        }
    }

    /// The maptype fields of map[k]v: the key, element and group descriptors, the hasher,
    /// and one word packing the key and element slot sizes, the element's offset in a slot,
    /// the slot size and the flags (runtime/pkg/runtime/map.go maptype).
    pub(super) fn map_ext(&mut self, k: TypeId, v: TypeId) -> MapExt {
        let (ksize, vsize) = (self.prog.types.size(k), self.prog.types.size(v));
        let (kind, vind) = (ksize > MAX_INLINE, vsize > MAX_INLINE);
        let types = &self.prog.types;
        let no_ptrs = !kind && !vind && !types.has_pointers(k) && !types.has_pointers(v);
        let mut fl = 0;
        if kind {
            fl |= MAP_INDIRECT_KEY;
        }
        if vind {
            fl |= MAP_INDIRECT_ELEM;
        }
        // k == k for every key unless it holds a float (NaN) or an interface (one holding
        // a NaN): Go's isReflexive.
        let float = |b: &Basic| {
            matches!(
                b,
                Basic::Float32 | Basic::Float64 | Basic::Complex64 | Basic::Complex128
            )
        };
        if !self.key_has(k, float) {
            fl |= MAP_REFLEXIVE_KEY;
        }
        // Equal keys may differ (+0 and -0, strings' and interfaces' data): an assignment to
        // an existing key stores the new one. Go: needkeyupdate.
        if self.key_has(k, |b| {
            matches!(
                b,
                Basic::Float32
                    | Basic::Float64
                    | Basic::Complex64
                    | Basic::Complex128
                    | Basic::String
            )
        }) {
            fl |= MAP_NEED_KEY_UPDATE;
        }
        // Only an interface's dynamic type can be unhashable. Go: hashMightPanic.
        if self.key_has(k, |_| false) {
            fl |= MAP_HASH_MIGHT_PANIC;
        }
        if no_ptrs {
            fl |= MAP_GROUP_NO_PTRS;
        }
        let (group, slot) = self.group_type(k, v, kind, vind);
        let types = &mut self.prog.types;
        let slotsize = types.size(slot).max(1);
        let fields = types.fields(slot).unwrap_or_default();
        let (keysize, elemsize) = (types.size(fields[0].ty), types.size(fields[1].ty));
        let elemoff = fields[1].offset;
        let mut relocs = vec![
            (0, self.type_desc(k)),
            (8, self.type_desc(v)),
            (16, self.type_desc(group)),
        ];
        if let Some(h) = self.alg_func(k, AlgFn::Hash) {
            relocs.push((24, self.static_funcval(&h, &alg_sig(AlgFn::Hash))));
        }
        let packed = keysize | elemsize << 8 | elemoff << 16 | slotsize << 32 | fl << 48;
        MapExt { relocs, packed }
    }

    /// A group of map[k]v's table as a struct type, named `map.group[K]V`: the control word,
    /// then 8 slots of struct{ key K; elem V } (pointers to them when indirect). Returns the
    /// group type and the slot type.
    fn group_type(&mut self, k: TypeId, v: TypeId, kind: bool, vind: bool) -> (TypeId, TypeId) {
        let name = format!("map.group[{}]{}", self.sym_name(k), self.sym_name(v));
        if let Some(&found) = self.group_types.get(&name) {
            return found;
        }
        let types = &mut self.prog.types;
        let kt = if kind { types.pointer(k) } else { k };
        let vt = if vind { types.pointer(v) } else { v };
        let field = |name: &str, ty: TypeId| crate::compile::types::Field {
            name: name.to_string(),
            ty,
            offset: 0,
            embedded: false,
            tag: None,
            pkg: "runtime".to_string(),
        };
        let slot = types.add(Type::Struct(vec![field("key", kt), field("elem", vt)]));
        let ctrl = types.basic(Basic::Uint64);
        let slots = types.array(8, slot);
        let st = types.add(Type::Struct(vec![
            field("ctrl", ctrl),
            field("slots", slots),
        ]));
        let named = types.add(Type::Named {
            pkg: String::new(),
            path: String::new(),
            name: name.clone(),
            underlying: Some(st),
        });
        self.group_types.insert(name, (named, slot));
        (named, slot)
    }

    /// Whether a component of key type t (t itself, or through array elements and struct
    /// fields) is an interface or a basic type `basic` accepts; the map type's flags follow
    /// from it (map_ext).
    fn key_has(&self, t: TypeId, basic: fn(&Basic) -> bool) -> bool {
        let types = &self.prog.types;
        match types.get(types.under(t)) {
            Type::Basic(b) => basic(b),
            Type::Interface(_) => true,
            Type::Array(_, e) => self.key_has(*e, basic),
            Type::Struct(fields) => fields.iter().any(|f| self.key_has(f.ty, basic)),
            _ => false,
        }
    }

    /// The size of Go's descriptor of t (cmd/compile/internal/reflectdata/reflect.go
    /// writeType): the 48-byte rtype, the kind's own fields, an uncommon part (16 bytes and
    /// 16 per method) for named types and types with methods, and the kind's trailing
    /// tables (struct fields, interface methods, function parameters).
    fn go_desc_size(&mut self, t: TypeId) -> u64 {
        const RTYPE: u64 = 48;
        let methods = if self.prog.types.is_interface(t) {
            0
        } else {
            self.prog.method_set(t).len() as u64
        };
        let named = matches!(self.prog.types.get(t), Type::Named { .. })
            || matches!(self.prog.types.get(t), Type::Basic(_));
        let uncommon = if named || methods > 0 {
            16 + 16 * methods
        } else {
            0
        };
        let (own, table) = match self.prog.types.get(self.prog.types.under(t)) {
            Type::Basic(_) => (0, 0),
            Type::Pointer(_) | Type::Slice(_) => (8, 0),
            // chantype: elem, dir.
            Type::Chan(..) => (16, 0),
            Type::Array(..) => (24, 0),
            Type::Map(..) => (40, 0),
            Type::Func(sig) => (8, 8 * (sig.params.len() + sig.results.len()) as u64),
            Type::Interface(m) => (32, 8 * m.len() as u64),
            Type::Struct(f) => (32, 24 * f.len() as u64),
            _ => (0, 0),
        };
        RTYPE + own + uncommon + table
    }

    /// t's symbol name in Go less the `type.` prefix (its LinkString): its reflect string,
    /// but with unexported struct field names qualified by the package path.
    fn link_name(&self, t: TypeId) -> String {
        let types = &self.prog.types;
        match types.get(t) {
            Type::Struct(fields) if !fields.is_empty() => {
                let path = crate::compile::symbol_prefix(&self.prog.packages[self.pkg].path);
                let f: Vec<String> = fields
                    .iter()
                    .map(|f| {
                        let exported = f.name.chars().next().is_some_and(|c| c.is_uppercase());
                        let name = if exported || f.name == "_" {
                            f.name.clone()
                        } else {
                            format!("{path}.{}", f.name)
                        };
                        format!("{name} {}", self.link_name(f.ty))
                    })
                    .collect();
                format!("struct {{ {} }}", f.join("; "))
            }
            Type::Pointer(e) => format!("*{}", self.link_name(*e)),
            Type::Slice(e) => format!("[]{}", self.link_name(*e)),
            Type::Array(n, e) => format!("[{n}]{}", self.link_name(*e)),
            Type::Map(k, v) => format!("map[{}]{}", self.link_name(*k), self.link_name(*v)),
            Type::Chan(d, e) => self.prog.types.chan_string(*d, *e, &|t| self.link_name(t)),
            _ => self.sym_name(t),
        }
    }

    /// Compiles the generated alg functions declared so far, and those they declare in turn.
    pub(super) fn compile_algs(
        &mut self,
        ctx: &mut cranelift_codegen::Context,
        fctx: &mut cranelift_frontend::FunctionBuilderContext,
    ) -> Result<(), String> {
        while let Some((symbol, t, which)) = self.pending_algs.pop() {
            let sig = alg_sig(which);
            let pos = crate::compile::ast::Pos::default();
            self.compile_function(ctx, fctx, &symbol, sig, pos, &mut |fl| {
                fl.lower_alg(t, which)
            })?;
        }
        Ok(())
    }

    /// The steps of t's generated functions.
    fn parts(&mut self, t: TypeId) -> Vec<Part> {
        let size = self.prog.types.size(t);
        if self.alg(t) == Alg::Mem {
            return vec![Part::Mem { off: 0, size }];
        }
        if let Type::Array(n, e) = self.prog.types.get(self.prog.types.under(t)).clone() {
            let esize = self.prog.types.size(e);
            return vec![Part::Elems {
                n,
                elem: e,
                size: esize,
            }];
        }
        let fields = self.prog.types.fields(t).unwrap_or_default();
        let mut parts = Vec::new();
        let mut i = 0;
        while i < fields.len() {
            let f = &fields[i];
            if f.name == "_" {
                i += 1;
                continue;
            }
            if self.alg(f.ty) != Alg::Mem {
                parts.push(Part::Field {
                    off: f.offset,
                    ty: f.ty,
                });
                i += 1;
                continue;
            }
            // A run of plain-memory fields with no padding or blank field between them.
            let start = f.offset;
            let mut end = f.offset + self.prog.types.size(f.ty);
            i += 1;
            while i < fields.len() {
                let g = &fields[i];
                if g.name == "_" || g.offset != end || self.alg(g.ty) != Alg::Mem {
                    break;
                }
                end += self.prog.types.size(g.ty);
                i += 1;
            }
            if end > start {
                parts.push(Part::Mem {
                    off: start,
                    size: end - start,
                });
            }
        }
        parts
    }
}

/// The signature of a hash function (p, seed) -> hash or an equal function (p, q) -> bool.
pub(super) fn alg_sig(which: AlgFn) -> ClSig {
    let mut sig = ClSig::new(CallConv::SystemV);
    sig.params = vec![AbiParam::new(clt::I64); 2];
    sig.returns = vec![AbiParam::new(match which {
        AlgFn::Hash => clt::I64,
        AlgFn::Eq => clt::I8,
    })];
    sig
}

impl FnLower<'_, '_> {
    /// The body of `type..hash.T` or `type..eq.T`.
    fn lower_alg(&mut self, t: TypeId, which: AlgFn) {
        let entry = self.b.create_block();
        self.b.append_block_params_for_function_params(entry);
        self.b.switch_to_block(entry);
        self.b.seal_block(entry);
        let params = self.b.block_params(entry).to_vec();
        let (p, second) = (params[0], params[1]);
        let parts = self.pl.parts(t);
        match which {
            AlgFn::Hash => {
                let mut h = second;
                for part in parts {
                    h = self.hash_part(part, p, h);
                }
                self.b.ins().return_(&[h]);
            }
            AlgFn::Eq => {
                let no = self.b.create_block();
                for part in parts {
                    let same = self.eq_part(part, p, second);
                    let next = self.b.create_block();
                    self.b.ins().brif(same, next, &[], no, &[]);
                    self.b.switch_to_block(next);
                    self.b.seal_block(next);
                }
                let one = self.b.ins().iconst(clt::I8, 1);
                self.b.ins().return_(&[one]);
                self.b.switch_to_block(no);
                self.b.seal_block(no);
                let zero = self.b.ins().iconst(clt::I8, 0);
                self.b.ins().return_(&[zero]);
            }
        }
    }

    fn hash_part(&mut self, part: Part, p: Value, h: Value) -> Value {
        match part {
            Part::Mem { off, size } => {
                let a = self.b.ins().iadd_imm_s(p, off as i64);
                let n = self.b.ins().iconst(clt::I64, size as i64);
                let mut sig = ClSig::new(CallConv::SystemV);
                sig.params = vec![AbiParam::new(clt::I64); 3];
                sig.returns = vec![AbiParam::new(clt::I64)];
                self.call_symbol("runtime.memhash", &sig, &[a, h, n])[0]
            }
            Part::Field { off, ty } => {
                let a = self.b.ins().iadd_imm_s(p, off as i64);
                let f = self.pl.alg_func(ty, AlgFn::Hash).unwrap_or_default();
                self.call_symbol(&f, &alg_sig(AlgFn::Hash), &[a, h])[0]
            }
            Part::Elems { n, elem, size } => {
                let f = self.pl.alg_func(elem, AlgFn::Hash).unwrap_or_default();
                self.elem_loop(n, size, h, |fl, off, h| {
                    let a = fl.b.ins().iadd(p, off);
                    fl.call_symbol(&f, &alg_sig(AlgFn::Hash), &[a, h])[0]
                })
            }
        }
    }

    /// A loop over n elements `size` bytes apart threading a hash through `step`.
    fn elem_loop(
        &mut self,
        n: u64,
        size: u64,
        h: Value,
        step: impl Fn(&mut Self, Value, Value) -> Value,
    ) -> Value {
        let head = self.b.create_block();
        let body = self.b.create_block();
        let exit = self.b.create_block();
        self.b.append_block_param(head, clt::I64);
        self.b.append_block_param(head, clt::I64);
        self.b.append_block_param(exit, clt::I64);
        let zero = self.b.ins().iconst(clt::I64, 0);
        self.b.ins().jump(head, &[zero.into(), h.into()]);
        self.b.switch_to_block(head);
        let (i, acc) = (self.b.block_params(head)[0], self.b.block_params(head)[1]);
        let more = self
            .b
            .ins()
            .icmp_imm_s(IntCC::UnsignedLessThan, i, n as i64);
        self.b.ins().brif(more, body, &[], exit, &[acc.into()]);
        self.b.switch_to_block(body);
        self.b.seal_block(body);
        let off = self.b.ins().imul_imm_s(i, size as i64);
        let acc2 = step(self, off, acc);
        let next = self.b.ins().iadd_imm_s(i, 1);
        self.b.ins().jump(head, &[next.into(), acc2.into()]);
        self.b.seal_block(head);
        self.b.switch_to_block(exit);
        self.b.seal_block(exit);
        self.b.block_params(exit)[0]
    }

    /// Whether part of the values at p and q is equal (an I8).
    fn eq_part(&mut self, part: Part, p: Value, q: Value) -> Value {
        match part {
            Part::Mem { off, size } if matches!(size, 1 | 2 | 4 | 8) => {
                let ty = clt::Type::int(size as u16 * 8).unwrap_or(clt::I64);
                let a = self.b.ins().load(ty, flags(), p, off as i32);
                let b = self.b.ins().load(ty, flags(), q, off as i32);
                self.b.ins().icmp(IntCC::Equal, a, b)
            }
            Part::Mem { off, size } => {
                let a = self.b.ins().iadd_imm_s(p, off as i64);
                let b = self.b.ins().iadd_imm_s(q, off as i64);
                let n = self.b.ins().iconst(clt::I64, size as i64);
                let mut sig = ClSig::new(CallConv::SystemV);
                sig.params = vec![AbiParam::new(clt::I64); 3];
                sig.returns = vec![AbiParam::new(clt::I8)];
                self.call_symbol("runtime.memequal", &sig, &[a, b, n])[0]
            }
            Part::Field { off, ty } => {
                let a = self.b.ins().iadd_imm_s(p, off as i64);
                let b = self.b.ins().iadd_imm_s(q, off as i64);
                let f = self.pl.alg_func(ty, AlgFn::Eq).unwrap_or_default();
                self.call_symbol(&f, &alg_sig(AlgFn::Eq), &[a, b])[0]
            }
            Part::Elems { n, elem, size } => {
                // All elements must be equal: the loop carries "equal so far" as 1 or 0
                // and stops at the first difference.
                let f = self.pl.alg_func(elem, AlgFn::Eq).unwrap_or_default();
                let head = self.b.create_block();
                let body = self.b.create_block();
                let exit = self.b.create_block();
                self.b.append_block_param(head, clt::I64);
                self.b.append_block_param(exit, clt::I8);
                let zero = self.b.ins().iconst(clt::I64, 0);
                self.b.ins().jump(head, &[zero.into()]);
                self.b.switch_to_block(head);
                let i = self.b.block_params(head)[0];
                let more = self
                    .b
                    .ins()
                    .icmp_imm_s(IntCC::UnsignedLessThan, i, n as i64);
                let yes = self.b.ins().iconst(clt::I8, 1);
                self.b.ins().brif(more, body, &[], exit, &[yes.into()]);
                self.b.switch_to_block(body);
                self.b.seal_block(body);
                let off = self.b.ins().imul_imm_s(i, size as i64);
                let a = self.b.ins().iadd(p, off);
                let b = self.b.ins().iadd(q, off);
                let same = self.call_symbol(&f, &alg_sig(AlgFn::Eq), &[a, b])[0];
                let next = self.b.ins().iadd_imm_s(i, 1);
                let no = self.b.ins().iconst(clt::I8, 0);
                self.b
                    .ins()
                    .brif(same, head, &[next.into()], exit, &[no.into()]);
                self.b.seal_block(head);
                self.b.switch_to_block(exit);
                self.b.seal_block(exit);
                self.b.block_params(exit)[0]
            }
        }
    }
}
