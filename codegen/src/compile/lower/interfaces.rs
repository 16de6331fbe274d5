//! Interface values at run time: boxing (the data word holds a pointer-shaped value itself and
//! otherwise points to a heap copy, Go's "direct" and "indirect" interface values), dynamic
//! types, type assertions and switches, interface method calls, and interface, struct and array
//! equality.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{
    self, types as clt, AbiParam, Block, InstBuilder, MemFlagsData, Signature as ClSig, TrapCode,
    Value,
};
use cranelift_codegen::isa::CallConv;
use cranelift_module::Module;

use super::abi::word_types;
use super::{flags, BranchTarget, Callee, FnLower, Val};
use crate::compile::ast::*;
use crate::compile::check::strip_parens;
use crate::compile::types::{Basic, Const, Type, TypeId};

/// The largest value boxed into an interface in a frame slot (Go's dataWord: 1024 bytes).
const BOX_IN_FRAME: u64 = 1024;

impl FnLower<'_, '_> {
    /// Read-only memory a boxed value can point to instead of a new object, as Go's walk
    /// points to static data (walk/convert.go dataWord, walk/order.go addrTemp): any bool or
    /// one-byte integer is word v of a 256-word table whose word i holds i (Go's
    /// staticuint64s; one table per package here), and an integer, bool, float or string
    /// constant is a read-only copy of its bytes (a string's header pointing to its bytes),
    /// so that `fmt.Println("text")` allocates no box. None for anything else, and in
    /// package runtime.
    fn static_box(&mut self, v: &Val, from: TypeId, constant: Option<Const>) -> Option<Value> {
        let types = &self.pl.prog.types;
        if self.pl.in_runtime || types.is_untyped(from) {
            return None;
        }
        if let Some(Const::Str(text)) = &constant {
            if !types.is_string(from) {
                return None;
            }
            let d = self.read_only_string(text);
            return Some(self.data_addr(d));
        }
        let float = types.is_float(from);
        if !(types.is_integer(from) || types.is_bool(from) || float) {
            return None;
        }
        let size = self.size(from);
        if let Some(c) = constant {
            let n = match c {
                _ if float && size == 8 => c.to_f64().to_bits() as i128,
                _ if float => (c.to_f64() as f32).to_bits() as i128,
                Const::Int(n) => n,
                Const::Bool(b) => b as i128,
                _ => return None,
            };
            let bytes = &n.to_le_bytes()[..size as usize];
            let name = format!(
                "{}..boxconst.{}",
                self.pl.prog.packages[self.pl.pkg].path,
                bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
            );
            let d = self.read_only_words(&name, bytes);
            return Some(self.data_addr(d));
        }
        if size != 1 {
            return None;
        }
        let Val::Scalar(x) = *v else { return None };
        if self.b.func.dfg.value_type(x) != clt::I8 {
            return None;
        }
        let base = self.staticuint64s();
        let x = self.b.ins().uextend(clt::I64, x);
        let off = self.b.ins().ishl_imm_u(x, 3);
        Some(self.b.ins().iadd(base, off))
    }

    /// A boxed 2-, 4- or 8-byte integer on the heap: below 256 it is a word of the
    /// staticuint64s table (no allocation), else a new object, as Go's convT16, convT32 and
    /// convT64 do (runtime/iface.go).
    fn small_int_box(&mut self, v: &Val, from: TypeId) -> Option<Value> {
        let types = &self.pl.prog.types;
        if self.pl.in_runtime || types.is_untyped(from) || !types.is_integer(from) {
            return None;
        }
        let Val::Scalar(x) = *v else { return None };
        let ty = self.b.func.dfg.value_type(x);
        if !matches!(ty, clt::I16 | clt::I32 | clt::I64) || self.size(from) != ty.bytes() as u64 {
            return None;
        }
        let w = if ty == clt::I64 {
            x
        } else {
            self.b.ins().uextend(clt::I64, x)
        };
        let small = self.b.ins().icmp_imm_u(IntCC::UnsignedLessThan, w, 256);
        let table_b = self.b.create_block();
        let heap_b = self.b.create_block();
        let join = self.b.create_block();
        self.b.append_block_param(join, clt::I64);
        self.b.ins().brif(small, table_b, &[], heap_b, &[]);
        self.b.switch_to_block(table_b);
        self.b.seal_block(table_b);
        let base = self.staticuint64s();
        let off = self.b.ins().ishl_imm_u(w, 3);
        let a = self.b.ins().iadd(base, off);
        self.b.ins().jump(join, &[a.into()]);
        self.b.switch_to_block(heap_b);
        self.b.seal_block(heap_b);
        let p = self.malloc_type(from);
        self.store(from, p, v.clone());
        self.b.ins().jump(join, &[p.into()]);
        self.b.switch_to_block(join);
        self.b.seal_block(join);
        Some(self.b.block_params(join)[0])
    }

    /// The address of the package's staticuint64s table: 256 words, word i holding i.
    fn staticuint64s(&mut self) -> Value {
        let mut table = Vec::with_capacity(256 * 8);
        for i in 0..256u64 {
            table.extend_from_slice(&i.to_le_bytes());
        }
        let name = format!("{}..staticuint64s", self.pl.prog.packages[self.pl.pkg].path);
        let d = self.read_only_words(&name, &table);
        self.data_addr(d)
    }

    /// A read-only string header (data pointer, length) holding the constant `text`, made
    /// once per package and text.
    fn read_only_string(&mut self, text: &[u8]) -> cranelift_module::DataId {
        let bytes = (!text.is_empty()).then(|| self.pl.string_data(text));
        let name = format!(
            "{}..boxstr.{}",
            self.pl.prog.packages[self.pl.pkg].path,
            bytes.map_or("empty".to_string(), |b| self.pl.data_name(b))
        );
        if let Some(&d) = self.pl.data_ids.get(&name) {
            return d;
        }
        let d = self
            .pl
            .module
            .declare_data(&name, cranelift_module::Linkage::Local, false, false)
            .expect("fresh local name");
        let mut desc = cranelift_module::DataDescription::new();
        let mut header = [0u8; 16];
        header[8..].copy_from_slice(&(text.len() as u64).to_le_bytes());
        desc.define(Box::new(header));
        desc.set_align(8);
        if let Some(b) = bytes {
            let gv = self.pl.module.declare_data_in_data(b, &mut desc);
            desc.write_data_addr(0, gv, 0);
        }
        self.pl
            .module
            .define_data(d, &desc)
            .expect("defining a read-only string header");
        self.pl.data_ids.insert(name, d);
        d
    }

    /// A read-only, 8-aligned data object of the package named `name`, made once.
    fn read_only_words(&mut self, name: &str, bytes: &[u8]) -> cranelift_module::DataId {
        if let Some(&d) = self.pl.data_ids.get(name) {
            return d;
        }
        let d = self
            .pl
            .module
            .declare_data(name, cranelift_module::Linkage::Local, false, false)
            .expect("fresh local name");
        let mut desc = cranelift_module::DataDescription::new();
        desc.define(bytes.to_vec().into_boxed_slice());
        desc.set_align(8);
        self.pl
            .module
            .define_data(d, &desc)
            .expect("defining read-only data");
        self.pl.data_ids.insert(name.to_string(), d);
        d
    }

    /// Struct and array equality, field by field and element by element (Go spec,
    /// "Comparison operators"); the result is 1 when equal.
    pub(super) fn equal_mem(&mut self, t: TypeId, a: Value, b: Value) -> Value {
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

    pub(super) fn desc_addr(&mut self, t: TypeId) -> Value {
        let d = self.pl.type_desc(t);
        self.data_addr(d)
    }

    /// The dynamic type (descriptor address, or 0 for nil) of an interface value of type it.
    pub(super) fn dyn_type(&mut self, it: TypeId, tab: Value) -> Value {
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
    /// boxing a concrete value, or re-wrapping another interface's dynamic type), boxing on
    /// the heap.
    pub(super) fn convert_to_iface(&mut self, v: Val, from: TypeId, to: TypeId) -> Val {
        self.convert_to_iface_at(v, from, to, None)
    }

    /// `convert_to_iface` for the conversion escape analysis knows as `site`: a boxed copy
    /// the analysis keeps in the function, of at most 1 KiB, is a frame slot written each
    /// time the conversion runs (Go's walk/convert.go dataWord: a stack temporary for a
    /// non-escaping value of at most 1024 bytes, else a runtime call that allocates).
    pub(super) fn convert_to_iface_at(
        &mut self,
        v: Val,
        from: TypeId,
        to: TypeId,
        site: Option<crate::compile::escape::Site>,
    ) -> Val {
        let constant = match site {
            Some(crate::compile::escape::Site::Convert(e)) => {
                self.prog().info.consts.get(&e).cloned()
            }
            _ => None,
        };
        // The untyped bool of a comma-ok form (`_, ok = <-c` with ok of type any) boxes as
        // its default type, bool (Go spec, "Assignment statements").
        let from = match self.pl.prog.types.get(from) {
            Type::Basic(Basic::UntypedBool) => self.pl.prog.types.basic(Basic::Bool),
            _ => from,
        };
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
                // A struct or array of one pointer word: that word.
                Val::Mem(a) => self.b.ins().load(clt::I64, flags(), a, 0),
                _ => self.b.ins().iconst(clt::I64, 0),
            }
        } else {
            let size = self.size(from);
            if size == 0 {
                self.global_addr("runtime.zerobase")
            } else if let Some(p) = self.static_box(&v, from, constant) {
                // Already holds the value (read-only: never stored to).
                p
            } else {
                if site.is_some_and(|s| self.site_in_frame(s, size, BOX_IN_FRAME)) {
                    let p = self.frame_block(size);
                    self.store(from, p, v);
                    p
                } else if let Some(p) = self.small_int_box(&v, from) {
                    p
                } else {
                    let p = self.malloc_type(from);
                    self.store(from, p, v);
                    p
                }
            }
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
    pub(super) fn unbox(&mut self, t: TypeId, data: Value) -> Val {
        if self.pl.prog.types.is_direct_aggregate(t) {
            // Its one word, in memory as a struct or array value lives.
            let p = self.temp(t);
            self.b.ins().store(flags(), data, p, 0);
            return Val::Mem(p);
        }
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
    pub(super) fn type_assert(&mut self, e: &Expr, x: &Expr, t: TypeId) -> Val {
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
    pub(super) fn type_matches(&mut self, t: TypeId, dyn_t: Value) -> (Value, Value) {
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
    pub(super) fn type_switch(&mut self, init: &Option<Box<Stmt>>, x: &Expr, cases: &[CaseClause]) {
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
    /// The interface value whose method selector `sel` (`x.M`) names, and its type: x
    /// itself, or the embedded interface field x's promoted M belongs to (embedding.rs).
    pub(super) fn selector_iface(&mut self, sel: &Expr, x: &Expr) -> (TypeId, Val) {
        match self.prog().info.embedded.get(&sel.id).cloned() {
            Some(emb) => {
                let deref = self.pl.prog.types.is_pointer(self.type_of(x));
                let a = self.selector_base(sel, x, deref, false);
                (emb.ty, self.load(emb.ty, a))
            }
            None => (self.type_of(x), self.expr(x)),
        }
    }

    pub(super) fn call_iface_method(&mut self, index: usize, func: &Expr, args: &[Expr]) -> Val {
        let sel = strip_parens(func);
        let ExprKind::Selector(x, ..) = &sel.kind else {
            return Val::None;
        };
        let (it, iv) = self.selector_iface(sel, x);
        let methods = self.pl.prog.types.interface_methods(it);
        let Some(m) = methods.get(index).cloned() else {
            return Val::None;
        };
        let Val::Iface(tab, data) = iv else {
            return Val::None;
        };
        let code = self.itab_method(tab, index);
        let args = self.args_for(&m.sig, args);
        self.call_method_entry(code, data, &m.sig.params, &m.sig.results, args)
    }

    /// The code of method `index` (in sorted order) of the itab at tab: the itab's method
    /// words start at 16 (runtime/iface.go itab). A nil interface has no itab, so the load
    /// faults here, as Go's call, method value or defer does.
    pub(super) fn itab_method(&mut self, tab: Value, index: usize) -> Value {
        self.b
            .ins()
            .load(clt::I64, MemFlagsData::new(), tab, 16 + 8 * index as i32)
    }

    /// Calls a method-table entry, which takes the interface's data word first and then the
    /// method's parameters (DESIGN.md, "Interfaces").
    pub(super) fn call_method_entry(
        &mut self,
        code: Value,
        data: Value,
        params: &[TypeId],
        results: &[TypeId],
        args: Vec<Val>,
    ) -> Val {
        let up = self.pl.prog.types.basic(Basic::UnsafePointer);
        let ptypes: Vec<TypeId> = std::iter::once(up).chain(params.iter().copied()).collect();
        let mut vals = vec![Val::Scalar(data)];
        vals.extend(args);
        self.emit_call(Callee::Indirect(code), &ptypes, results, vals)
    }

    /// Interface equality: same dynamic type and equal values (runtime.ifaceeq panics for
    /// uncomparable dynamic types, as Go's does).
    pub(super) fn iface_equal(&mut self, t: TypeId, a: (Value, Value), b: (Value, Value)) -> Value {
        let ta = self.dyn_type(t, a.0);
        let tb = self.dyn_type(t, b.0);
        let mut sig = ClSig::new(CallConv::SystemV);
        sig.params = vec![AbiParam::new(clt::I64); 4];
        sig.returns = vec![AbiParam::new(clt::I8)];
        self.call_symbol("runtime.ifaceeq", &sig, &[ta, a.1, tb, b.1])[0]
    }
}
