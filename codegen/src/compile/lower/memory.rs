//! Where values live: locals in SSA variables, stack slots or heap objects (escape by taken
//! address), package variables by symbol; loads, stores, copies and zeroing of each shape, and
//! the allocation calls into the runtime.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{
    self, types as clt, AbiParam, InstBuilder, Opcode, Signature as ClSig, StackSlotData,
    StackSlotKind, Value, ValueDef,
};
use cranelift_codegen::isa::CallConv;
use cranelift_module::{DataId, Module};

use super::abi::word_types;
use super::{flags, FnLower, Shape, Storage, Val};
use crate::compile::ast::ExprId;
use crate::compile::backend::MAX_STACK_VAR;
use crate::compile::check::ObjId;
use crate::compile::escape::Site;
use crate::compile::types::TypeId;

impl FnLower<'_, '_> {
    /// Whether a variable must live in memory: its address is taken, or a closure holds it by
    /// reference.
    pub(super) fn in_memory(&self, o: ObjId) -> bool {
        self.prog().objs[o as usize].addr_taken || self.pl.esc.captured_by_ref(o)
    }

    /// Whether a variable must live on the heap: it lives in memory and escape analysis found
    /// that its address outlives the frame, or it is too large for a stack frame (cmd/compile
    /// moves variables over 10 MB to the heap). Never in the runtime, which must not allocate
    /// implicitly (Go's runtime is compiled with the same rule).
    pub(super) fn needs_heap(&mut self, o: ObjId) -> bool {
        if self.pl.in_runtime {
            return false;
        }
        let ty = self.prog().objs[o as usize].ty;
        (self.in_memory(o) && self.pl.esc.var_on_heap(o)) || self.size(ty) > MAX_STACK_VAR
    }

    /// Gives local `o` its storage and initial value. An aggregate `init` (`Val::Mem`) is
    /// memory the variable may keep: a fresh temporary or a copy.
    pub(super) fn declare_var(&mut self, o: ObjId, t: TypeId, mut init: Option<Val>) {
        let shape = self.shape(t);
        let addr_taken = self.in_memory(o);
        let storage = if self.needs_heap(o) {
            let size = self.size(t);
            let p = match init {
                // A temporary this large is a heap object already (temp): keep it, rather
                // than copy gigabytes.
                Some(Val::Mem(p)) if size > MAX_STACK_VAR => {
                    init = None;
                    p
                }
                _ => self.malloc_type(t),
            };
            let v = self.new_var(clt::I64);
            self.b.def_var(v, p);
            self.note_local(o, t, crate::compile::debug::LocalStorage::Pointer);
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
            self.note_local(o, t, crate::compile::debug::LocalStorage::Slot(slot));
            Storage::Stack(slot)
        } else {
            let vars = match shape {
                Shape::Scalar(ct) => {
                    let v = self.new_var(ct);
                    let z = self.zero_scalar(ct);
                    self.b.def_var(v, z);
                    self.note_local(o, t, crate::compile::debug::LocalStorage::Value);
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
                            let v = self.new_var(clt::I64);
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
    pub(super) fn note_local(
        &mut self,
        o: ObjId,
        t: TypeId,
        storage: crate::compile::debug::LocalStorage,
    ) {
        let Some(ty) = crate::compile::debug::base_type(&self.pl.prog.types, t) else {
            return;
        };
        let obj = &self.pl.prog.objs[o as usize];
        // An inlined callee's variables are not the function's own (DWARF would need an
        // inlined-subroutine entry for them).
        if obj.name == "_" || !self.inlining.is_empty() {
            return;
        }
        self.locals.push(crate::compile::debug::Local {
            name: obj.name.clone(),
            label: o,
            ty,
            storage,
            param: false,
            line: obj.pos.line,
        });
    }

    /// Labels `v` as holding local `o` (or its address), so Cranelift reports where it is.
    pub(super) fn label(&mut self, v: Value, o: ObjId) {
        // Not in an inlined body: its variables are not described, and where a function's
        // guard is inlined into itself its parameters' objects are the function's own, bound
        // there to the inner call's arguments.
        if !self.inlining.is_empty() || !self.locals.iter().any(|l| l.label == o) {
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

    pub(super) fn global_addr(&mut self, symbol: &str) -> Value {
        let did = self.pl.extern_data(symbol);
        self.data_addr(did)
    }

    pub(super) fn data_addr(&mut self, did: DataId) -> Value {
        let gv = self.pl.module.declare_data_in_func(did, self.b.func);
        if let ir::GlobalValueData::Symbol { colocated, .. } = &mut self.b.func.global_values[gv] {
            *colocated = true;
        }
        self.b.ins().symbol_value(clt::I64, gv)
    }

    pub(super) fn var_addr(&mut self, o: ObjId) -> Value {
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

    pub(super) fn load_var(&mut self, o: ObjId, t: TypeId) -> Val {
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

    pub(super) fn store_var(&mut self, o: ObjId, t: TypeId, v: Val) {
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

    /// Whether the current block's last instruction with a side effect, as Cranelift's
    /// lowering counts them, is a load from memory other than the frame (which could fault).
    pub(super) fn ends_in_load(&self) -> bool {
        let Some(block) = self.b.current_block() else {
            return false;
        };
        let func = &self.b.func;
        let mut at = func.layout.last_inst(block);
        while let Some(inst) = at {
            let op = func.dfg.insts[inst].opcode();
            if op.can_load() && !op.can_store() {
                // A load from a frame slot cannot fault.
                let from_frame = func.dfg.inst_args(inst).first().is_some_and(|&a| {
                    matches!(func.dfg.value_def(a), ValueDef::Result(d, _)
                        if func.dfg.insts[d].opcode() == Opcode::StackAddr)
                });
                return !from_frame;
            }
            if op.can_store() || op.is_call() || op.other_side_effects() || op.can_trap() {
                return false;
            }
            at = func.layout.prev_inst(inst);
        }
        false
    }

    pub(super) fn load(&mut self, t: TypeId, addr: Value) -> Val {
        match self.shape(t) {
            Shape::Scalar(ct) => Val::Scalar(self.b.ins().load(ct, flags(), addr, 0)),
            shape @ (Shape::Str | Shape::Slice | Shape::Iface) => {
                let w: Vec<Value> = (0..word_types(shape).len())
                    .map(|i| self.b.ins().load(clt::I64, flags(), addr, 8 * i as i32))
                    .collect();
                Val::from_words(shape, &w)
            }
            Shape::Agg => {
                if self.size(t) == 0 {
                    // Nothing will be read, but a nil pointer must still fault here, as
                    // Go's nil check (a one-byte load, TESTB) makes it: a load that may
                    // trap is kept.
                    self.b
                        .ins()
                        .load(clt::I8, cranelift_codegen::ir::MemFlagsData::new(), addr, 0);
                }
                Val::Mem(addr)
            }
            Shape::Zero => Val::None,
        }
    }

    pub(super) fn store(&mut self, t: TypeId, addr: Value, v: Val) {
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
                if let Some((re, im)) = self.complex_vals.get(&src).copied() {
                    // A complex result: its parts straight from registers (complex.rs).
                    let pt = self.b.func.dfg.value_type(re);
                    self.b.ins().store(flags(), re, addr, 0);
                    self.b.ins().store(flags(), im, addr, pt.bytes() as i32);
                    return;
                }
                let size = self.size(t);
                self.copy(addr, src, size);
            }
            _ => {}
        }
    }

    /// Copies `size` bytes, correctly when the two ranges overlap: an assignment such as
    /// `*(*[32]byte)(y[4:36]) = *(*[32]byte)(y[2:34])` reads its whole right side first (Go's
    /// test/fixedbugs/issue54467.go). Small sizes load every word before storing any; larger
    /// ones call runtime.memmove.
    pub(super) fn copy(&mut self, dst: Value, src: Value, size: u64) {
        if size <= 128 {
            let mut words = Vec::new();
            let mut off = 0;
            for (w, ty) in [(8, clt::I64), (4, clt::I32), (2, clt::I16), (1, clt::I8)] {
                while size - off >= w {
                    words.push((off, self.b.ins().load(ty, flags(), src, off as i32)));
                    off += w;
                }
            }
            for (off, v) in words {
                self.b.ins().store(flags(), v, dst, off as i32);
            }
            return;
        }
        let n = self.b.ins().iconst(clt::I64, size as i64);
        self.memmove(dst, src, n);
    }

    pub(super) fn zero(&mut self, dst: Value, size: u64) {
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
        self.zero_loop(dst, size);
    }

    /// A loop over 8-byte words (then bytes) zeroing dst.
    fn zero_loop(&mut self, dst: Value, size: u64) {
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
        let v = self.b.ins().iconst(clt::I64, 0);
        self.b.ins().store(flags(), v, d, 0);
        let next = self.b.ins().iadd_imm_s(i, 8);
        self.b.ins().jump(head, &[next.into()]);
        self.b.seal_block(head);
        self.b.switch_to_block(exit);
        self.b.seal_block(exit);
        for off in (words * 8)..size {
            let v = self.b.ins().iconst(clt::I8, 0);
            self.b.ins().store(flags(), v, dst, off as i32);
        }
    }

    /// The zeroed object of type t that `new(T)` or `&T{...}` (expression `site`) makes: in
    /// the frame when escape analysis found that it does not outlive the function (and it is
    /// at most Go's 64 KiB for implicit allocations, cmd/compile ir.MaxImplicitStackVarSize),
    /// else on the heap, as Go's walk chooses between a stack temporary and newobject. The
    /// frame's slot is zeroed again each time the expression runs, so an allocation in a loop
    /// is a new object each iteration (the analysis sends any whose pointer outlives the
    /// iteration to the heap: escape/graph.rs, loop depths).
    pub(super) fn new_object(&mut self, site: ExprId, t: TypeId) -> Value {
        let small = self.size(t) <= crate::compile::escape::MAX_IMPLICIT_STACK;
        if self.pl.in_runtime || (small && !self.pl.esc.site_on_heap(Site::Alloc(site))) {
            self.temp(t)
        } else {
            self.malloc_type(t)
        }
    }

    /// Whether the allocation `site` of `size` bytes other than `new(T)` and `&T{...}` (the
    /// backing array of `make([]T, n)`, of a slice literal or of a call's `...` arguments, a
    /// value boxed into an interface) goes in the frame: when escape analysis found that it
    /// does not outlive the function and it is at most `limit` bytes (Go's walk: builtin.go
    /// walkMakeSlice, complit.go slicelit, convert.go dataWord make stack temporaries for
    /// EscNone nodes). Package runtime keeps its own rule for these: the heap.
    pub(super) fn site_in_frame(&self, site: Site, size: u64, limit: u64) -> bool {
        !self.pl.in_runtime && size <= limit && !self.pl.esc.site_on_heap(site)
    }

    /// A fresh zeroed frame slot of `size` bytes (at least one), 8-aligned, whatever its
    /// size: for the allocations `site_in_frame` admits. It is zeroed where this is called,
    /// so each evaluation (each loop iteration) starts from zero.
    pub(super) fn frame_block(&mut self, size: u64) -> Value {
        let size = size.max(1);
        let slot = self.b.create_sized_stack_slot(StackSlotData::new(
            StackSlotKind::ExplicitSlot,
            size as u32,
            3,
        ));
        let addr = self.b.ins().stack_addr(clt::I64, slot, 0);
        self.zero(addr, size);
        addr
    }

    /// A fresh zeroed temporary of type t: on the stack unless it is too large.
    pub(super) fn temp(&mut self, t: TypeId) -> Value {
        let size = self.size(t).max(1);
        if size > MAX_STACK_VAR && !self.pl.in_runtime {
            // Too large for a frame: a heap object, zeroed by the allocator.
            return self.malloc_type(t);
        }
        self.frame_block(size)
    }

    /// Makes an aggregate value independent of the place it was read from (assignment copies).
    pub(super) fn own(&mut self, v: Val, t: TypeId) -> Val {
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

    pub(super) fn zero_scalar(&mut self, ty: ir::Type) -> Value {
        match ty {
            clt::F64 => self.b.ins().f64const(0.0),
            clt::F32 => self.b.ins().f32const(0.0),
            _ => self.b.ins().iconst(ty, 0),
        }
    }

    /// The zero value of a type as IR values (nil for pointers, slices and funcs).
    pub(super) fn zero_val(&mut self, t: TypeId) -> Val {
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

    pub(super) fn memmove(&mut self, dst: Value, src: Value, n: Value) {
        let mut sig = ClSig::new(CallConv::SystemV);
        sig.params = vec![AbiParam::new(clt::I64); 3];
        self.call_symbol("runtime.memmove", &sig, &[dst, src, n]);
    }
}
