//! Type descriptors and itabs: the static data the runtime and fmt read about a type.
//!
//! An interface value is two words (DESIGN.md, "Interfaces"): for `interface{}` the dynamic
//! type's descriptor and a data word; for other interfaces an itab {inter, typ, fun[...]} and
//! the data word. Descriptors and itabs are weak symbols named as Go names them
//! (`type.main.Point`, `go.itab.*main.T,main.I`), so each type has exactly one descriptor in a
//! program and type identity is pointer identity.

use cranelift_codegen::ir::Signature as ClSig;
use cranelift_module::{DataDescription, DataId, FuncId, Linkage, Module};

use super::abi::cl_signature;
use super::embedding::MethodSlot;
use super::gcmask::{DESC_GCDATA, DESC_PTRDATA};
use super::PkgLower;
use crate::compile::types::{Basic, Type, TypeId};

/// Offsets in tbuild's type descriptor (runtime/pkg/runtime/iface.go `_type`): the header's
/// size, and after it a map type's maptype fields (runtime/pkg/runtime/map.go, alg.rs). The
/// header holds `ptrdata` and `gcdata` at 128 and 136 (gcmask.rs), then what package reflect
/// reads: a named type's package path and name, a func type's parameter count and flags.
pub(super) const DESC_SIZE: i32 = 192;

/// Offsets of reflect's facts in the header (iface.go `_type`: pkgpath, tname, nin, xflags).
const DESC_PKGPATH: i32 = 144;
const DESC_TNAME: i32 = 160;
const DESC_NIN: i32 = 176;
const DESC_XFLAGS: i32 = 184;
/// `_type.xflags`: a func type's last parameter is `...T`.
const XFLAG_VARIADIC: u64 = 1;
/// `_type.xflags`: an interface holds the value in its data word itself (Go's
/// kindDirectIface bit; `Types::is_direct_iface`).
const XFLAG_DIRECT_IFACE: u64 = 2;

/// A field entry (iface.go `structField`): name, type, offset, embedded, tag, package path.
/// A func type's parameters and results use the same entries (type only).
pub(super) const FIELD_SIZE: i32 = 72;

/// The size of a map type's maptype fields after the header.
pub(super) const MAP_EXT_SIZE: i32 = 40;

/// A method entry (iface.go `method`): name, signature string, code, the method's func type,
/// a funcval of the method expression (reflect's Method.Func) and whether it is exported.
pub(super) const METHOD_SIZE: i32 = 64;

/// Go's reflect.Kind numbering (reflect/type.go), which the runtime and fmt use.
pub(super) fn kind_code(types: &crate::compile::types::Types, t: TypeId) -> u64 {
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
            Basic::Complex64 => 15,
            Basic::Complex128 | Basic::UntypedComplex => 16,
            Basic::String | Basic::UntypedString => 24,
            Basic::UnsafePointer => 26,
            _ => 0,
        },
        Type::Array(..) => 17,
        Type::Chan(..) => 18,
        Type::Func(_) => 19,
        Type::Interface(_) => 20,
        Type::Map(..) => 21,
        Type::Pointer(_) => 22,
        Type::Slice(_) => 23,
        Type::Struct(_) => 25,
        _ => 0,
    }
}

impl PkgLower<'_> {
    /// A type's string as Go's reflect and runtime print it (`main.Point`, `[]int`,
    /// `interface {}`, `struct { X int; Y int }`).
    pub(super) fn rt_name(&self, t: TypeId) -> String {
        self.type_string(t, false)
    }

    /// The name of t in symbols (`type.NAME`, `type..eq.NAME`, itabs): its string, with each
    /// named type declared in a function numbered (`main.T·1`), so that it differs from
    /// another type of the same name.
    pub(super) fn sym_name(&self, t: TypeId) -> String {
        self.type_string(t, true)
    }

    fn type_string(&self, t: TypeId, symbol: bool) -> String {
        self.prog.types.type_string(t, symbol)
    }

    pub(super) fn rt_sig(&self, sig: &crate::compile::types::Signature) -> String {
        self.prog
            .types
            .sig_string_with(sig, &|t| self.rt_name(t), false)
    }

    /// Whether values of t are stored in an interface's data word directly.
    pub(super) fn is_direct(&self, t: TypeId) -> bool {
        self.prog.types.is_direct_iface(t)
    }

    /// The signature of a method entry: the data word, then the method's parameters.
    pub(super) fn entry_sig(&self, sig: &crate::compile::types::Signature) -> ClSig {
        let up = self.prog.types.basic(Basic::UnsafePointer);
        let params: Vec<TypeId> = std::iter::once(up)
            .chain(sig.params.iter().copied())
            .collect();
        cl_signature(self.prog, &params, &sig.results)
    }

    /// The descriptor of type t, defined (weakly) in this object on first use.
    pub(super) fn type_desc(&mut self, t: TypeId) -> DataId {
        let name = self.rt_name(t);
        let symbol = format!("type.{}", self.sym_name(t));
        if let Some(&d) = self.data_ids.get(&symbol) {
            return d;
        }
        let d = self
            .module
            .declare_data(&symbol, Linkage::Preemptible, false, false)
            .expect("declaring a type descriptor");
        self.data_ids.insert(symbol, d);
        let (size, _) = self.prog.types.layout(t);
        let mut fields = match self.prog.types.get(self.prog.types.under(t)) {
            Type::Struct(_) => self.prog.types.fields(t).unwrap_or_default(),
            _ => Vec::new(),
        };
        // A func type lists its parameters, then its results, as field entries (reflect's
        // In and Out); nin counts the parameters.
        let mut nin = 0u64;
        let mut variadic = false;
        if let Type::Func(sig) = self.prog.types.get(self.prog.types.under(t)).clone() {
            nin = sig.params.len() as u64;
            variadic = sig.variadic;
            for &p in sig.params.iter().chain(sig.results.iter()) {
                fields.push(crate::compile::types::Field {
                    name: String::new(),
                    ty: p,
                    offset: 0,
                    embedded: false,
                    tag: None,
                    pkg: String::new(),
                });
            }
        }
        let imethods = self.prog.types.interface_methods(t);
        let methods = if self.prog.types.is_interface(t) {
            Vec::new()
        } else {
            self.method_table(t)
        };
        let nmethods = if self.prog.types.is_interface(t) {
            imethods.len()
        } else {
            methods.len()
        };
        let map_kv = self.prog.types.map_types(t);
        // A map type's maptype fields come between the header and the tables.
        let fbase = DESC_SIZE + if map_kv.is_some() { MAP_EXT_SIZE } else { 0 };
        let total = fbase + FIELD_SIZE * fields.len() as i32 + METHOD_SIZE * nmethods as i32;
        let mut bytes = vec![0u8; total as usize];
        let put = |b: &mut Vec<u8>, off: i32, v: u64| {
            b[off as usize..off as usize + 8].copy_from_slice(&v.to_le_bytes())
        };
        put(&mut bytes, 0, size);
        put(&mut bytes, 8, kind_code(&self.prog.types, t));
        put(&mut bytes, 24, name.len() as u64);
        let named = matches!(self.prog.types.get(t), Type::Named { .. });
        put(&mut bytes, 80, named as u64);
        put(&mut bytes, DESC_NIN, nin);
        let mut xflags = if variadic { XFLAG_VARIADIC } else { 0 };
        if self.is_direct(t) {
            xflags |= XFLAG_DIRECT_IFACE;
        }
        put(&mut bytes, DESC_XFLAGS, xflags);
        let mut desc = DataDescription::new();
        let mut data_relocs: Vec<(i32, DataId)> = Vec::new();
        let mut func_relocs: Vec<(i32, FuncId)> = Vec::new();
        let name_data = self.string_data(name.as_bytes());
        data_relocs.push((16, name_data));
        // reflect's Name and PkgPath: a named type's name (with its type arguments) and its
        // package's path; a predeclared type's name and no path (reflect/type.go Name).
        let (pkgpath, tname) = self.reflect_name(t);
        for (off, s) in [(DESC_PKGPATH, pkgpath), (DESC_TNAME, tname)] {
            if !s.is_empty() {
                let sd = self.string_data(s.as_bytes());
                data_relocs.push((off, sd));
                put(&mut bytes, off + 8, s.len() as u64);
            }
        }
        // The alg: tflag, equal; Go's size and link name, for fmt's order (alg.rs).
        let alg = self.alg_header(t);
        put(&mut bytes, 88, alg.tflag);
        if let Some(eq) = alg.equal {
            data_relocs.push((96, eq));
        }
        put(&mut bytes, 104, alg.gosize);
        data_relocs.push((112, alg.linkname));
        put(&mut bytes, 120, alg.linkname_len);
        let (ptrdata, mask) = self.gc_mask(t);
        put(&mut bytes, DESC_PTRDATA, ptrdata);
        if let Some(m) = mask {
            data_relocs.push((DESC_GCDATA, m));
        }
        if let Some((k, v)) = map_kv {
            let ext = self.map_ext(k, v);
            bytes[DESC_SIZE as usize + 32..DESC_SIZE as usize + 40]
                .copy_from_slice(&ext.packed.to_le_bytes());
            for (off, target) in ext.relocs {
                data_relocs.push((DESC_SIZE + off, target));
            }
            data_relocs.push((32, self.type_desc(v)));
        }
        match self.prog.types.get(self.prog.types.under(t)).clone() {
            Type::Pointer(e) | Type::Slice(e) => data_relocs.push((32, self.type_desc(e))),
            // A channel type: elem and, in len, its direction (reflect.ChanDir), which
            // makechan and fmt read (runtime/pkg/runtime/chan.go).
            Type::Chan(dir, e) => {
                data_relocs.push((32, self.type_desc(e)));
                put(&mut bytes, 40, dir as u64);
            }
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
            let off = fbase + FIELD_SIZE * i as i32;
            let n = self.string_data(f.name.as_bytes());
            data_relocs.push((off, n));
            put(&mut bytes, off + 8, f.name.len() as u64);
            data_relocs.push((off + 16, self.type_desc(f.ty)));
            put(&mut bytes, off + 24, f.offset);
            put(&mut bytes, off + 32, f.embedded as u64);
            if let Some(tag) = f.tag.as_ref().filter(|t| !t.is_empty()) {
                let td = self.string_data(tag);
                data_relocs.push((off + 40, td));
                put(&mut bytes, off + 48, tag.len() as u64);
            }
            // An unexported field's package path (reflect's StructField.PkgPath).
            let exported = f.name.chars().next().is_some_and(|c| c.is_uppercase());
            if !f.name.is_empty() && !exported {
                let path = self.pkg_path_of(&f.pkg);
                if !path.is_empty() {
                    let pd = self.string_data(path.as_bytes());
                    data_relocs.push((off + 56, pd));
                    put(&mut bytes, off + 64, path.len() as u64);
                }
            }
        }
        let mbase = fbase + FIELD_SIZE * fields.len() as i32;
        if nmethods > 0 {
            put(&mut bytes, 72, nmethods as u64);
            data_relocs.push((64, d));
        }
        // (name, signature, entry and method expression of a concrete type's method)
        type Entry = (String, crate::compile::types::Signature, Option<MethodSlot>);
        let entries: Vec<Entry> = if self.prog.types.is_interface(t) {
            imethods
                .into_iter()
                .map(|m| (m.name, m.sig, None))
                .collect()
        } else {
            methods
                .into_iter()
                .map(|m| (m.name.clone(), m.sig.clone(), Some(m)))
                .collect()
        };
        for (i, (mname, sig, slot)) in entries.iter().enumerate() {
            let off = mbase + METHOD_SIZE * i as i32;
            let n = self.string_data(mname.as_bytes());
            data_relocs.push((off, n));
            put(&mut bytes, off + 8, mname.len() as u64);
            let exported = mname.chars().next().is_some_and(|c| c.is_uppercase());
            put(&mut bytes, off + 56, exported as u64);
            let st = self.rt_sig(sig);
            let sd = self.string_data(st.as_bytes());
            data_relocs.push((off + 16, sd));
            put(&mut bytes, off + 24, st.len() as u64);
            if let Some(slot) = slot {
                let esig = self.entry_sig(sig);
                func_relocs.push((off + 32, self.extern_func(&slot.code, &esig)));
            }
            // The method's type: with the receiver as first parameter for a concrete type,
            // without for an interface's method (reflect/type.go Method).
            let mut msig = sig.clone();
            if slot.is_some() {
                msig.params.insert(0, t);
                msig.param_names.clear();
            }
            let mt = self.prog.types.add(Type::Func(msig.clone()));
            data_relocs.push((off + 40, self.type_desc(mt)));
            // The method expression T.M as a func value: the slot's function taking the
            // receiver in one word (MethodSlot::method_expr), else the method's own pkg.T.M.
            if let Some(slot) = slot {
                let fv = if let Some(f) = &slot.method_expr {
                    let esig = self.entry_sig(sig);
                    self.static_funcval(f, &esig)
                } else {
                    let csig = cl_signature(self.prog, &msig.params, &msig.results);
                    self.static_funcval(&value_method_symbol(&slot.code), &csig)
                };
                data_relocs.push((off + 48, fv));
            }
        }
        desc.define(bytes.into_boxed_slice());
        desc.set_align(8);
        for (off, target) in data_relocs {
            let gv = self.module.declare_data_in_data(target, &mut desc);
            // The field and method tables live in this descriptor, after the header.
            let addend = if target == d && off == 48 {
                fbase as i64
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
        // A named type's descriptor comes with *T's, as Go's records ptrToThis, and so
        // does a struct type's that embeds (its pointer type may have promoted methods):
        // reflect makes other pointer types at run time, without methods (reflect/value.go
        // ptrTo).
        let embeds = !named && fields.iter().any(|f| f.embedded) && nin == 0;
        if named || embeds {
            let pt = self.prog.types.pointer(t);
            self.type_desc(pt);
        }
        d
    }

    /// reflect's (PkgPath, Name) of t: a named type's package path and name (`List[int]`),
    /// a predeclared type's name.
    fn reflect_name(&self, t: TypeId) -> (String, String) {
        match self.prog.types.get(t) {
            Type::Named { pkg, path, .. } => {
                let path = if path.is_empty() {
                    self.pkg_path_of(pkg)
                } else {
                    path.clone()
                };
                let n = self.prog.types.named_string(t, false);
                (path, n)
            }
            Type::Basic(Basic::UnsafePointer) => ("unsafe".to_string(), "Pointer".to_string()),
            Type::Basic(_) => (String::new(), self.rt_name(t)),
            _ => (String::new(), String::new()),
        }
    }

    /// The import path of the package named `name` in this program ("" for none): a
    /// program's packages have distinct names (package main and the bundled ones).
    fn pkg_path_of(&self, name: &str) -> String {
        if name.contains('/') {
            return name.to_string();
        }
        self.prog
            .packages
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.path.clone())
            .unwrap_or_else(|| name.to_string())
    }

    /// t's `ptrdata` and pointer mask (module gcmask.rs): None for a pointer-free type.
    fn gc_mask(&mut self, t: TypeId) -> (u64, Option<DataId>) {
        let words = self.prog.types.pointer_words(t);
        let ptrdata = 8 * words.len() as u64;
        if words.is_empty() {
            return (0, None);
        }
        (ptrdata, Some(self.gc_mask_data(&words)))
    }

    /// The itab of concrete type t for interface i: {inter, typ, fun[...]} in i's method
    /// order (Go: runtime/runtime2.go itab, cmd/compile's go.itab.* symbols).
    pub(super) fn itab(&mut self, t: TypeId, i: TypeId) -> DataId {
        let symbol = format!("go.itab.{},{}", self.sym_name(t), self.sym_name(i));
        if let Some(&d) = self.data_ids.get(&symbol) {
            return d;
        }
        let d = self
            .module
            .declare_data(&symbol, Linkage::Preemptible, false, false)
            .expect("declaring an itab");
        self.data_ids.insert(symbol, d);
        let imethods = self.prog.types.interface_methods(i);
        let set = self.method_table(t);
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
            if let Some(slot) = set.iter().find(|s| s.name == m.name) {
                let esig = self.entry_sig(&slot.sig);
                let f = self.extern_func(&slot.code, &esig);
                let fr = self.module.declare_func_in_data(f, &mut desc);
                desc.write_function_addr(16 + 8 * k as u32, fr);
            }
        }
        self.module.define_data(d, &desc).expect("defining an itab");
        d
    }
}

/// `pkg.(*T).M` -> `pkg.T.M`, the value-receiver method a method table's wrapper calls.
fn value_method_symbol(symbol: &str) -> String {
    match (symbol.find(".(*"), symbol.rfind(").")) {
        (Some(i), Some(j)) if i < j => {
            format!(
                "{}.{}.{}",
                &symbol[..i],
                &symbol[i + 3..j],
                &symbol[j + 2..]
            )
        }
        _ => symbol.to_string(),
    }
}

/// `pkg.T.M` -> `pkg.(*T).M`.
pub(super) fn ptr_method_symbol(symbol: &str) -> String {
    match symbol.rsplit_once('.') {
        Some((recv, m)) => match recv.rsplit_once('.') {
            Some((pkg, t)) => format!("{pkg}.(*{t}).{m}"),
            None => symbol.to_string(),
        },
        None => symbol.to_string(),
    }
}
