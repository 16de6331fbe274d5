//! defer and recover (Go spec, "Defer statements", "Handling panics"): the frame record of a
//! function with defer statements, the calls it saves, the exits that run them, the wrappers
//! a panic runs them through, and the block a recovered panic resumes the function at.
//! DESIGN.md ("Defer, panic and recover") explains the mechanism and why it was chosen;
//! runtime/pkg/runtime/panic.go is the other half.
//!
//! In short: every function with a defer statement has one `_defer` record in its frame
//! (runtime2.go), at a fixed distance below its frame pointer, which its static information
//! (`F·deferinfo`, the function's funcdata in pclntab) gives: a panic finds the records by
//! walking the frame pointers, as Go's finds open-coded frames, so entering such a function
//! costs two stores and leaving it none. A defer statement evaluates the function value and
//! the arguments at once and saves them in a block shaped as a funcval (the code word of a
//! generated wrapper `F.deferwrapN`, then the saved words). When no defer statement of the
//! function can run more than once per call (none in a loop, no goto), the calls are
//! open-coded, as Go 1.14 does: the blocks live in the frame, the record holds a pointer to
//! each and a bit per pending call, and each exit tests the bits and calls the deferred
//! functions directly (in straight-line code the bits are known and the calls use the
//! values the statement computed). Otherwise every execution of a defer statement pushes a
//! heap node onto the record's chain, and exits let the runtime run the chain
//! (`runtime.deferreturn`). A panic runs the pending calls of each record it finds,
//! innermost first, through the wrappers.
//!
//! A frame that defers a function which may call recover (`frame_may_recover`) has a resume
//! block: after a recover, execution resumes there (the handler of a `try_call` that never
//! runs; its code offset comes from Cranelift's exception table), with the stack and frame
//! pointers set to the function's and the record's address in the exception payload
//! register. That block runs the calls still pending and returns the function's results,
//! which in such a frame live in memory reachable from the record; it uses no value computed
//! elsewhere in the function, which `check_resume` verifies on the optimised IR of every such
//! function. Other deferring frames keep their results as any function does.

use crate::{HashMap, HashSet};

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{
    self, types as clt, AbiParam, Block, BlockArg, BlockCall, ExceptionTableData,
    ExceptionTableItem, InstBuilder, MemFlagsData, Signature as ClSig, StackSlot, StackSlotData,
    StackSlotKind, TrapCode, Value,
};
use cranelift_codegen::isa::CallConv;
use cranelift_codegen::FinalizedMachExceptionHandler;
use cranelift_module::{DataDescription, DataId, FuncId, Linkage, Module};

use super::{flags, Callee, FnLower, PkgLower, Shape, Storage, Val};
use crate::compile::ast::*;
use crate::compile::check::{strip_parens, Builtin, CallKind, ObjId, Recoverer};
use crate::compile::types::{Basic, Type, TypeId};

// The layout of runtime._defer (runtime/pkg/runtime/runtime2.go), which the runtime's check()
// verifies against these numbers at start-up.
/// `started` (byte 0) and `openDefer` (byte 1), written as one word at entry.
const REC_FLAGS: i32 = 0;
const REC_BITS: i32 = 16;
const REC_CHAIN: i32 = 24;
const REC_FNS: i32 = 32;
/// runtime.deferNode: {link, fn}, followed by the call's block when it has one.
const NODE_LINK: i32 = 0;
const NODE_FN: i32 = 8;
const NODE_SIZE: u32 = 16;

/// Go's own limits for open-coded defers (cmd/compile/internal/ssagen/ssa.go: at most 8
/// defers, and defers times returns at most 15): beyond them each exit lets the runtime run
/// the calls, which keeps the code small.
const MAX_INLINE_DEFERS: usize = 8;
const MAX_INLINE_EXIT_CALLS: usize = 15;
/// Open-coded calls are tracked by one bit each in `_defer.bits`.
const MAX_OPEN_DEFERS: usize = 64;
/// A call whose saved arguments are larger than this gets a heap node instead of a block in
/// the frame.
const MAX_FRAME_BLOCK: u32 = 64 << 10;

/// What a function's defer statements need, found before it is lowered.
pub(super) struct DeferPlan {
    /// Each defer statement by its position, in source order.
    sites: Vec<Pos>,
    /// Each one's call expression, and the function literal it calls, if it calls one.
    calls: Vec<(ExprId, Option<ExprId>)>,
    /// Some defer statement may run more than once per call.
    dynamic: bool,
    /// Return statements, plus the end of the body.
    exits: usize,
}

impl DeferPlan {
    /// The defer statements of a body (not those of function literals inside it, which are
    /// functions of their own), or None when it has none.
    pub(super) fn of(body: &[Stmt]) -> Option<DeferPlan> {
        let mut plan = DeferPlan {
            sites: Vec::new(),
            calls: Vec::new(),
            dynamic: false,
            exits: 1,
        };
        let mut has_goto = false;
        plan.walk(body, false, &mut has_goto);
        if plan.sites.is_empty() {
            return None;
        }
        // A goto may jump back over a defer statement; Go's compiler also gives up
        // open-coding then (ssagen: "hasOpenDefers" is off for functions with labels and
        // backward jumps are possible).
        plan.dynamic |= has_goto || plan.sites.len() > MAX_OPEN_DEFERS;
        Some(plan)
    }

    fn walk(&mut self, stmts: &[Stmt], in_loop: bool, has_goto: &mut bool) {
        for s in stmts {
            self.walk_stmt(s, in_loop, has_goto);
        }
    }

    fn walk_stmt(&mut self, s: &Stmt, in_loop: bool, has_goto: &mut bool) {
        match &s.kind {
            StmtKind::CallStmt { keyword, call, .. } if *keyword == "defer" => {
                self.sites.push(s.pos);
                let lit = match &strip_parens(call).kind {
                    ExprKind::Call { func, .. } => match &strip_parens(func).kind {
                        ExprKind::FuncLit(_) => Some(strip_parens(func).id),
                        _ => None,
                    },
                    _ => None,
                };
                self.calls.push((strip_parens(call).id, lit));
                self.dynamic |= in_loop;
            }
            StmtKind::Return(_) => self.exits += 1,
            StmtKind::Goto(..) => *has_goto = true,
            StmtKind::Block(b) => self.walk(b, in_loop, has_goto),
            StmtKind::If { then, els, .. } => {
                self.walk(then, in_loop, has_goto);
                if let Some(e) = els {
                    self.walk_stmt(e, in_loop, has_goto);
                }
            }
            StmtKind::For { body, .. } | StmtKind::Range { body, .. } => {
                self.walk(body, true, has_goto)
            }
            StmtKind::Labeled(_, inner) => self.walk_stmt(inner, in_loop, has_goto),
            StmtKind::Switch { cases, .. } => {
                for c in cases {
                    self.walk(&c.body, in_loop, has_goto);
                }
            }
            StmtKind::TypeSwitch { cases, .. } => {
                for c in cases {
                    self.walk(&c.body, in_loop, has_goto);
                }
            }
            StmtKind::Select { cases, .. } => {
                for c in cases {
                    self.walk(&c.body, in_loop, has_goto);
                }
            }
            _ => {}
        }
    }
}

/// What a deferred call does, replayed by the exits and by its wrapper from the saved words.
#[derive(Clone, Debug)]
pub(super) enum Target {
    /// A function or method by symbol; the saved values are its arguments (a method's
    /// receiver first).
    Static(String),
    /// A func value: the first saved value, called with the others and itself as the
    /// closure context (DESIGN.md, "Func values and the closure context").
    Value,
    /// An interface method: the first saved value is the code address from the itab, the
    /// second the interface's data word (the receiver), then the arguments.
    Code,
    /// A builtin applied to the saved values.
    Builtin(Builtin),
}

/// One defer statement's call: what it calls, the Go types of the saved values, where each
/// lies in the block (after the code word), the block's size, and the call's results
/// (discarded).
#[derive(Clone, Debug)]
pub(super) struct DeferCall {
    target: Target,
    saved: Vec<TypeId>,
    offsets: Vec<i32>,
    size: u32,
    results: Vec<TypeId>,
}

/// A lowered defer statement.
struct Site {
    call: DeferCall,
    /// Whether the call has a block (else its funcval is the function's own).
    has_block: bool,
    /// The wrapper's symbol, or None when the funcval is the function's own (a function
    /// without arguments).
    wrapper: Option<String>,
    /// For a statement in straight-line code from the entry, the call as exits in the same
    /// block make it, with the values the statement computed rather than those saved: the
    /// function to call by name instead (a literal's code), and the values (never memory
    /// that could change before the exit).
    direct: Option<(Option<String>, Vec<Val>)>,
}

/// Where a result lives in a function with defer statements: a word of the record area holds
/// its address (`cell`), which is storage in the area itself (`inline`), a heap object, or
/// for an aggregate the caller's result area. `sret` is the area word holding the hidden
/// result pointer of an aggregate kept elsewhere.
struct ResultPlace {
    ty: TypeId,
    cell: i32,
    sret: Option<i32>,
}

/// The deferring state of the function being lowered.
pub(super) struct DeferFrame {
    /// The record's address, a value of the entry block: normal paths only.
    rec: Value,
    open: bool,
    inline_exits: bool,
    site_of: HashMap<Pos, usize>,
    sites: Vec<Option<Site>>,
    /// The results' places, when the frame can resume (else its results are ordinary
    /// variables and values).
    results: Vec<ResultPlace>,
    /// Where a recovered panic resumes, when a deferred call of the frame may recover; its
    /// parameter is the record's address.
    resume: Option<Block>,
    info: DataId,
    /// The record's stack slot, whose distance from the frame pointer the info gives.
    slot: StackSlot,
    /// The open-coded bits as the code in this block knows them: set by the entry and by
    /// each defer statement in straight-line code, so that those stores and the exits of
    /// the same block use constants (as Go's open-coded defers do), not loads and tests.
    known: Option<(Block, u64)>,
    symbol: String,
    end: Pos,
}

/// What compile_function needs after compiling a deferring function: its static info
/// (`F·deferinfo`: entry, resume offset, frame size) and the resume block to locate.
pub(super) struct DeferInfo {
    info: DataId,
    resume: Option<Block>,
    slot: StackSlot,
}

/// A wrapper to compile once the function is done.
pub(super) struct PendingWrapper {
    symbol: String,
    call: DeferCall,
    pos: Pos,
}

fn align8(n: u32) -> u32 {
    (n + 7) & !7
}

impl FnLower<'_, '_> {
    fn i64_sig(&self, params: usize, returns: usize) -> ClSig {
        let mut sig = ClSig::new(CallConv::SystemV);
        sig.params = vec![AbiParam::new(clt::I64); params];
        sig.returns = vec![AbiParam::new(clt::I64); returns];
        sig
    }

    /// Whether a deferred call of the function may stop a panic: one of its defer
    /// statements calls a function or literal whose body calls recover, or one whose body
    /// is not known here (a function value, an interface method, another package's
    /// function). Only such a frame needs a resume block (Go spec, "Handling panics":
    /// recover stops a panic only when the deferred function itself calls it).
    pub(super) fn frame_may_recover(&self, plan: &DeferPlan) -> bool {
        let info = &self.prog().info;
        plan.calls.iter().any(|&(call, lit)| {
            if let Some(lit) = lit {
                return info.recovering.contains(&Recoverer::Lit(lit));
            }
            let f = match info.calls.get(&call) {
                Some(CallKind::Builtin(_)) => return false,
                Some(CallKind::Func(f)) | Some(CallKind::Method { func: f, .. }) => *f,
                _ => return true,
            };
            self.prog().objs[f as usize].pkg != self.pl.pkg
                || info.recovering.contains(&Recoverer::Func(f))
        })
    }

    /// The entry of a function with defer statements, after its parameters: the record is
    /// initialised; when the frame may resume after a recover (`resumable`), the results get
    /// their places and the resume block is made reachable (Cranelift lays out and records
    /// only reachable handlers) by a branch that never goes there, else named results are
    /// ordinary variables, declared by the caller. `named` holds the named results' objects,
    /// `results` their types.
    pub(super) fn defer_prologue(
        &mut self,
        plan: DeferPlan,
        resumable: bool,
        named: &[Option<ObjId>],
        results: &[TypeId],
        symbol: &str,
        end: Pos,
    ) {
        let n = plan.sites.len();
        let open = !plan.dynamic;
        // Area: the record, the open-coded calls' pointers, then when resumable a word per
        // result (and one for the hidden pointer of an aggregate result kept on the heap),
        // then inline storage.
        let mut off = (REC_FNS as u32) + if open { 8 * n as u32 } else { 0 };
        let mut cells = Vec::new();
        let mut inline = Vec::new();
        if resumable {
            for &t in results {
                let heap = self.result_on_heap(named, cells.len());
                let cell = off as i32;
                off += 8;
                let sret = if self.shape(t) == Shape::Agg && heap {
                    off += 8;
                    Some(cell + 8)
                } else {
                    None
                };
                cells.push((cell, sret, heap));
            }
            for (&t, &(_, _, heap)) in results.iter().zip(&cells) {
                if heap || self.shape(t) == Shape::Agg || self.shape(t) == Shape::Zero {
                    inline.push(None);
                } else {
                    inline.push(Some(off as i32));
                    off += align8(self.size(t) as u32);
                }
            }
        }
        let slot =
            self.b
                .create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, off, 3));
        let rec = self.b.ins().stack_addr(clt::I64, slot, 0);
        let info_symbol = format!("{symbol}·deferinfo");
        let info = self
            .pl
            .module
            .declare_data(&info_symbol, Linkage::Local, false, false)
            .expect("fresh local name");
        // Not started, which kind, and nothing pending: all a panic needs of the record.
        let word = self.b.ins().iconst(clt::I64, if open { 1 << 8 } else { 0 });
        self.b.ins().store(flags(), word, rec, REC_FLAGS);
        let zero = self.b.ins().iconst(clt::I64, 0);
        let pending = if open { REC_BITS } else { REC_CHAIN };
        self.b.ins().store(flags(), zero, rec, pending);

        let places = if resumable {
            self.result_places(rec, named, results, &cells, &inline)
        } else {
            Vec::new()
        };
        let resume = resumable.then(|| self.resume_branch());

        let inline_exits =
            open && n <= MAX_INLINE_DEFERS && n * plan.exits <= MAX_INLINE_EXIT_CALLS;
        self.defers = Some(Box::new(DeferFrame {
            rec,
            open,
            inline_exits,
            site_of: plan
                .sites
                .iter()
                .enumerate()
                .map(|(i, &p)| (p, i))
                .collect(),
            sites: (0..n).map(|_| None).collect(),
            results: places,
            resume,
            info,
            slot,
            known: self.b.current_block().map(|b| (b, 0)),
            symbol: symbol.to_string(),
            end,
        }));
    }

    /// A resumable frame's results: zero values in their places, and named ones as
    /// variables there.
    fn result_places(
        &mut self,
        rec: Value,
        named: &[Option<ObjId>],
        results: &[TypeId],
        cells: &[(i32, Option<i32>, bool)],
        inline: &[Option<i32>],
    ) -> Vec<ResultPlace> {
        let zero = self.b.ins().iconst(clt::I64, 0);
        let mut places = Vec::new();
        let mut si = 0;
        for (k, &t) in results.iter().enumerate() {
            let (cell, sret, heap) = cells[k];
            let size = self.size(t);
            let addr = if self.shape(t) == Shape::Agg {
                let dst = self.sret[si];
                si += 1;
                if let Some(s) = sret {
                    self.b.ins().store(flags(), dst, rec, s);
                    self.malloc_type(t)
                } else {
                    self.zero(dst, size);
                    dst
                }
            } else if heap {
                self.malloc_type(t)
            } else if let Some(i) = inline[k] {
                let a = self.b.ins().iadd_imm_s(rec, i as i64);
                self.zero(a, size);
                a
            } else {
                zero
            };
            self.b.ins().store(flags(), addr, rec, cell);
            if let Some(o) = named[k] {
                let v = self.new_var(clt::I64);
                self.b.def_var(v, addr);
                self.note_local(o, t, crate::compile::debug::LocalStorage::Pointer);
                self.label(addr, o);
                self.vars.insert(o, Storage::Ptr(v));
            }
            places.push(ResultPlace { ty: t, cell, sret });
        }
        places
    }

    /// The resume block of a resumable frame, reachable through a branch on the frame
    /// pointer being 0, which it never is.
    fn resume_branch(&mut self) -> Block {
        let fp = self.b.ins().get_frame_pointer(clt::I64);
        let zero = self.b.ins().iconst(clt::I64, 0);
        let resume = self.b.create_block();
        self.b.append_block_param(resume, clt::I64);
        self.b.set_cold_block(resume);
        let never = self.b.create_block();
        self.b.set_cold_block(never);
        let body = self.b.create_block();
        let null = self.b.ins().icmp_imm_s(IntCC::Equal, fp, 0);
        self.b.ins().brif(null, never, &[], body, &[]);
        self.b.switch_to_block(never);
        self.b.seal_block(never);
        // The call never happens (fp is not 0), so it calls address 0. Its signature is the
        // tail convention's because for it Cranelift takes the exception edge to clobber
        // every register. So nothing live into the resume block (the implicit return-area
        // pointer of a function with more than two result words, above all) is kept in a
        // callee-saved register, which `recovery` does not restore; and the prologue saves
        // every callee-saved register, which the epilogue then restores for the callers,
        // whatever the frames between the panic and the recovery left in them. (With the
        // System V convention here, a caller's r13 came back clobbered after a recover.)
        let sig = ClSig::new(CallConv::Tail);
        let sigref = self.b.import_signature(sig);
        let unreachable = self.b.create_block();
        self.b.set_cold_block(unreachable);
        let normal = BlockCall::new(unreachable, [], &mut self.b.func.dfg.value_lists);
        let handler = BlockCall::new(
            resume,
            [BlockArg::TryCallExn(0)],
            &mut self.b.func.dfg.value_lists,
        );
        let table = self
            .b
            .func
            .dfg
            .exception_tables
            .push(ExceptionTableData::new(
                sigref,
                normal,
                [ExceptionTableItem::Default(handler)],
            ));
        self.b.ins().try_call_indirect(zero, &[], table);
        self.b.switch_to_block(unreachable);
        self.b.seal_block(unreachable);
        self.b.ins().trap(TrapCode::unwrap_user(5));
        self.b.seal_block(resume);
        self.b.switch_to_block(body);
        self.b.seal_block(body);
        resume
    }

    /// Whether result k must live on the heap (its address escapes).
    fn result_on_heap(&mut self, named: &[Option<ObjId>], k: usize) -> bool {
        match named.get(k).copied().flatten() {
            Some(o) => self.needs_heap(o),
            None => false,
        }
    }

    /// `return values` in a function with defer statements: the values are evaluated, then
    /// assigned to the results (which deferred calls may read and change), then the exit
    /// runs the pending calls and returns the results.
    pub(super) fn defer_return(&mut self, values: &[Expr], pos: Pos) {
        if self.defers.as_ref().is_some_and(|d| d.resume.is_none()) {
            return self.plain_defer_return(values, pos);
        }
        if !values.is_empty() {
            let types: Vec<TypeId> = self
                .defers
                .as_ref()
                .map(|d| d.results.iter().map(|r| r.ty).collect())
                .unwrap_or_default();
            let vals = self.expr_list(values);
            // An aggregate read from one result may be written to another: copy first.
            let vals: Vec<Val> = if types.len() > 1 {
                vals.into_iter()
                    .zip(&types)
                    .map(|(v, &t)| self.own(v, t))
                    .collect()
            } else {
                vals
            };
            for (k, (v, &t)) in vals.into_iter().zip(&types).enumerate() {
                let addr = self.result_addr(k);
                self.store(t, addr, v);
            }
        }
        self.defer_exit(pos);
    }

    /// `return values` in a frame that cannot resume, where results are ordinary variables
    /// and values: the values are computed (and copied, so that the deferred calls cannot
    /// change them) and given to the named results if the function has them, the pending
    /// calls run, then the named results' values, or the values, are returned (Go spec,
    /// "Defer statements": deferred functions may change named results, and only those).
    fn plain_defer_return(&mut self, values: &[Expr], pos: Pos) {
        let types = self.result_types.clone();
        let named = self.result_objs.clone();
        let mut vals = None;
        if !values.is_empty() {
            let vs = self.expr_list(values);
            let vs: Vec<Val> = vs
                .into_iter()
                .zip(&types)
                .map(|(v, &t)| self.own(v, t))
                .collect();
            if !named.is_empty() && named.iter().all(Option::is_some) {
                for ((v, &t), o) in vs.into_iter().zip(&types).zip(named.iter().flatten()) {
                    self.store_var(*o, t, v);
                }
            } else {
                vals = Some(vs);
            }
        }
        self.run_pending(pos);
        match vals {
            Some(vs) => self.return_vals(vs),
            None => self.return_(&[]),
        }
    }

    /// The address of result k's storage, on a normal path.
    fn result_addr(&mut self, k: usize) -> Value {
        let d = self.defers.as_ref().expect("a deferring function");
        let (rec, cell) = (d.rec, d.results[k].cell);
        self.b.ins().load(clt::I64, flags(), rec, cell)
    }

    /// An exit at pos: the pending calls, most recent first, then the results are returned.
    pub(super) fn defer_exit(&mut self, pos: Pos) {
        self.run_pending(pos);
        let d = self.defers.as_ref().expect("a deferring function");
        if d.resume.is_some() {
            let rec = d.rec;
            self.return_results(rec);
        } else {
            self.return_(&[]);
        }
        self.terminated = true;
    }

    /// The open-coded bits, when the current block is the one that last set them.
    fn known_bits(&self) -> Option<u64> {
        let d = self.defers.as_ref()?;
        let (block, bits) = d.known?;
        (self.b.current_block() == Some(block)).then_some(bits)
    }

    /// The pending calls at an exit at pos, most recent first: open-coded, or by the
    /// runtime.
    fn run_pending(&mut self, pos: Pos) {
        self.set_loc(pos);
        let d = self.defers.as_ref().expect("a deferring function");
        let rec = d.rec;
        if !d.inline_exits {
            let sig = self.i64_sig(1, 0);
            self.call_symbol("runtime.deferreturn", &sig, &[rec]);
        } else {
            // In the block that last set the bits (the common straight-line function), they
            // are known: each call is preceded by a constant store.
            let mut known = self.known_bits();
            for k in (0..d.sites.len()).rev() {
                // A defer statement not lowered yet cannot have run: without loops and
                // gotos, control only moves forward in source order.
                let Some(site) = self.defers.as_ref().and_then(|d| d.sites[k].as_ref()) else {
                    continue;
                };
                let (call, has_block, wrapper) =
                    (site.call.clone(), site.has_block, site.wrapper.clone());
                let direct = site.direct.clone().filter(|_| known.is_some());
                let next = self.b.create_block();
                if let Some(bits) = known {
                    let cleared = bits & !(1u64 << k);
                    let v = self.b.ins().iconst(clt::I64, cleared as i64);
                    self.b.ins().store(flags(), v, rec, REC_BITS);
                    known = Some(cleared);
                } else {
                    let bits = self.b.ins().load(clt::I64, flags(), rec, REC_BITS);
                    let bit = self.b.ins().band_imm_u(bits, (1u64 << k) as i64);
                    let callb = self.b.create_block();
                    self.b.ins().brif(bit, callb, &[], next, &[]);
                    self.b.switch_to_block(callb);
                    self.b.seal_block(callb);
                    let cleared = self.b.ins().band_imm_u(bits, !(1u64 << k) as i64);
                    self.b.ins().store(flags(), cleared, rec, REC_BITS);
                }
                if let Some((symbol, vals)) = direct {
                    match symbol {
                        Some(sym) => {
                            let up = self.pl.prog.types.basic(Basic::UnsafePointer);
                            self.emit_call(Callee::Symbol(sym), &[up], &[], vals);
                        }
                        None => self.emit_deferred_vals(&call, vals),
                    }
                    self.b.ins().jump(next, &[]);
                    self.b.switch_to_block(next);
                    self.b.seal_block(next);
                    continue;
                }
                let blk = has_block.then(|| {
                    self.b
                        .ins()
                        .load(clt::I64, flags(), rec, REC_FNS + 8 * k as i32)
                });
                match (&call.target, blk) {
                    (Target::Builtin(_), Some(blk)) => {
                        let w = wrapper.expect("a builtin's call has a wrapper");
                        let sig = self.i64_sig(1, 0);
                        self.call_symbol(&w, &sig, &[blk]);
                    }
                    (_, Some(blk)) => self.emit_deferred(&call, blk),
                    (Target::Static(sym), None) => {
                        self.emit_call(Callee::Symbol(sym.clone()), &[], &call.results, vec![]);
                    }
                    (Target::Value, None) => {
                        // A function literal's closure, saved as it is.
                        let fv = self
                            .b
                            .ins()
                            .load(clt::I64, flags(), rec, REC_FNS + 8 * k as i32);
                        let code = self.b.ins().load(clt::I64, flags(), fv, 0);
                        let up = self.pl.prog.types.basic(Basic::UnsafePointer);
                        self.emit_call(Callee::Indirect(code), &[up], &[], vec![Val::Scalar(fv)]);
                    }
                    _ => {}
                }
                self.b.ins().jump(next, &[]);
                self.b.switch_to_block(next);
                self.b.seal_block(next);
            }
        }
    }

    /// Returns the results from their places, with base the record's address.
    fn return_results(&mut self, base: Value) {
        let places: Vec<(TypeId, i32, Option<i32>)> = self
            .defers
            .as_ref()
            .expect("a deferring function")
            .results
            .iter()
            .map(|r| (r.ty, r.cell, r.sret))
            .collect();
        let mut rets = Vec::new();
        for (t, cell, sret) in places {
            let shape = self.shape(t);
            if shape == Shape::Zero {
                continue;
            }
            let addr = self.b.ins().load(clt::I64, flags(), base, cell);
            if shape == Shape::Agg {
                if let Some(s) = sret {
                    let dst = self.b.ins().load(clt::I64, flags(), base, s);
                    let size = self.size(t);
                    self.copy(dst, addr, size);
                }
                continue;
            }
            rets.extend(self.load(t, addr).words());
        }
        self.b.ins().return_(&rets);
    }

    /// The resume block, lowered after the body: the calls still pending run through the
    /// runtime, then the results are returned. Everything comes from the record's address
    /// in the block's parameter (see the module doc).
    pub(super) fn defer_epilogue(&mut self) -> Option<DeferInfo> {
        let d = self.defers.as_ref()?;
        let (resume, end, info, slot) = (d.resume, d.end, d.info, d.slot);
        let Some(resume) = resume else {
            return Some(DeferInfo {
                info,
                resume: None,
                slot,
            });
        };
        self.b.switch_to_block(resume);
        self.set_loc(end);
        let p = self.b.block_params(resume)[0];
        let sig = self.i64_sig(1, 0);
        self.call_symbol("runtime.deferreturn", &sig, &[p]);
        self.return_results(p);
        Some(DeferInfo {
            info,
            resume: Some(resume),
            slot,
        })
    }

    /// `defer f(args)`: the function value and arguments are evaluated now and saved; the
    /// call is registered with the record.
    pub(super) fn defer_stmt(&mut self, s: &Stmt, call: &Expr) {
        let Some(k) = self
            .defers
            .as_ref()
            .and_then(|d| d.site_of.get(&s.pos).copied())
        else {
            return;
        };
        let ExprKind::Call { func, args, .. } = &strip_parens(call).kind else {
            return;
        };
        self.call_has_ellipsis = matches!(&call.kind, ExprKind::Call { ellipsis: true, .. });
        self.call_site = None;
        self.set_loc(s.pos);
        // The statement's `uintptr(p)` arguments are kept alive by the saved block
        // (save_uintptrs_as_pointers), not by the frame slots of an ordinary call.
        let kept = self.keep_alive.len();
        let operands = self.defer_operands(call, func, args);
        self.release_kept(kept);
        let Some((target, values, results, static_fv)) = operands else {
            return;
        };
        let straight = self.defers.as_ref().is_some_and(|d| d.open) && self.known_bits().is_some();
        let direct = if !straight {
            None
        } else if let (Target::Value, Some(fv)) = (&target, static_fv) {
            let lit = self.pl.esc.names.get(&strip_parens(func).id).cloned();
            lit.map(|sym| (Some(sym), vec![Val::Scalar(fv)]))
        } else if values.iter().all(|(_, v)| !matches!(v, Val::Mem(_))) {
            Some((None, values.iter().map(|(_, v)| v.clone()).collect()))
        } else {
            None
        };
        let dc = self.defer_call(target, &values, results);
        let d = self.defers.as_ref().expect("a deferring function");
        let (rec, open, symbol) = (d.rec, d.open, d.symbol.clone());
        let wrapper = if static_fv.is_some() {
            None
        } else {
            Some(format!("{symbol}.deferwrap{}", k + 1))
        };
        // The funcval the runtime calls: the function's own, or the block: in the frame
        // for an open-coded call (unless it is very large), else after the heap node.
        let fv = match static_fv {
            Some(fv) => fv,
            None if open && dc.size <= MAX_FRAME_BLOCK => {
                let slot = self.b.create_sized_stack_slot(StackSlotData::new(
                    StackSlotKind::ExplicitSlot,
                    dc.size,
                    3,
                ));
                self.b.ins().stack_addr(clt::I64, slot, 0)
            }
            None if open => {
                let words = self.block_words(&dc, 0, Vec::new());
                self.malloc_layout(dc.size as u64, &words)
            }
            None => {
                // The node's link and fn words, then the block.
                let words = self.block_words(&dc, NODE_SIZE as u64, vec![true, true]);
                let node = self.malloc_layout((NODE_SIZE + dc.size) as u64, &words);
                self.b.ins().iadd_imm_s(node, NODE_SIZE as i64)
            }
        };
        if let Some(w) = &wrapper {
            let fid = self.declare_wrapper(w);
            let fref = self.pl.module.declare_func_in_func(fid, self.b.func);
            self.b.func.dfg.ext_funcs[fref].colocated = true;
            let code = self.b.ins().func_addr(clt::I64, fref);
            self.b.ins().store(flags(), code, fv, 0);
            for ((t, v), &o) in values.into_iter().zip(&dc.offsets) {
                let a = self.b.ins().iadd_imm_s(fv, o as i64);
                self.store(t, a, v);
            }
            self.pl.pending_wrappers.push(PendingWrapper {
                symbol: w.clone(),
                call: dc.clone(),
                pos: s.pos,
            });
        }
        if open {
            self.b.ins().store(flags(), fv, rec, REC_FNS + 8 * k as i32);
            let known = self.known_bits().map(|bits| bits | 1 << k);
            let set = match known {
                Some(bits) => self.b.ins().iconst(clt::I64, bits as i64),
                None => {
                    let bits = self.b.ins().load(clt::I64, flags(), rec, REC_BITS);
                    self.b.ins().bor_imm_u(bits, (1u64 << k) as i64)
                }
            };
            self.b.ins().store(flags(), set, rec, REC_BITS);
            let cur = self.b.current_block();
            if let Some(d) = self.defers.as_mut() {
                d.known = cur.zip(known);
            }
        } else {
            let node = if static_fv.is_some() {
                self.malloc_layout(NODE_SIZE as u64, &[true, true])
            } else {
                self.b.ins().iadd_imm_s(fv, -(NODE_SIZE as i64))
            };
            self.b.ins().store(flags(), fv, node, NODE_FN);
            let head = self.b.ins().load(clt::I64, flags(), rec, REC_CHAIN);
            self.b.ins().store(flags(), head, node, NODE_LINK);
            self.b.ins().store(flags(), node, rec, REC_CHAIN);
        }
        if let Some(d) = self.defers.as_mut() {
            d.sites[k] = Some(Site {
                call: dc,
                has_block: static_fv.is_none(),
                wrapper,
                direct,
            });
        }
    }

    /// The pointer words of an object holding a saved call's block `base` bytes in, after
    /// `head` (the words before the block): the block's code word is not a heap pointer (a
    /// funcval's code word, as Go's closure records have `F uintptr`), its saved values are
    /// laid out at their offsets.
    fn block_words(&mut self, dc: &DeferCall, base: u64, head: Vec<bool>) -> Vec<bool> {
        let mut words = head;
        for (&t, &o) in dc.saved.iter().zip(&dc.offsets) {
            let inner = self.pl.prog.types.pointer_words(t);
            super::gcmask::place_words(&mut words, base + o as u64, &inner);
        }
        words
    }

    /// The call of a defer or go statement with its saved values laid out in the block:
    /// each 8-byte aligned after the code word.
    fn defer_call(
        &mut self,
        target: Target,
        values: &[(TypeId, Val)],
        results: Vec<TypeId>,
    ) -> DeferCall {
        let mut offsets = Vec::new();
        let mut off = 8u32;
        for (t, _) in values {
            offsets.push(off as i32);
            off += align8(self.size(*t) as u32);
        }
        DeferCall {
            target,
            saved: values.iter().map(|(t, _)| *t).collect(),
            offsets,
            size: off,
            results,
        }
    }

    /// `go f(x)` (Go spec, "Go statements"): the function value and arguments are evaluated
    /// here, as a defer statement's are, and saved in a heap block shaped as a funcval whose
    /// code is a generated wrapper `F.gowrapN` (the block outlives this frame); a call of a
    /// function or func value without arguments or results needs no wrapper, its funcval is
    /// handed over as it is (as Go's escape analysis leaves `go f()`, so that a nil f is the
    /// runtime's "go of nil func value"). runtime.newproc queues the new goroutine.
    pub(super) fn go_stmt(&mut self, s: &Stmt, call: &Expr) {
        let ExprKind::Call { func, args, .. } = &strip_parens(call).kind else {
            return;
        };
        self.call_has_ellipsis = matches!(
            &strip_parens(call).kind,
            ExprKind::Call { ellipsis: true, .. }
        );
        self.call_site = None;
        self.set_loc(s.pos);
        // As in defer_stmt: the saved block keeps a `uintptr(p)` argument's object alive.
        let kept = self.keep_alive.len();
        let operands = self.defer_operands(call, func, args);
        self.release_kept(kept);
        let Some((target, values, results, static_fv)) = operands else {
            return;
        };
        let fv = match (static_fv, &target) {
            (Some(fv), _) => fv,
            (None, Target::Value) if values.len() == 1 && results.is_empty() => match values[0].1 {
                Val::Scalar(fv) => fv,
                _ => return,
            },
            (None, _) => {
                let dc = self.defer_call(target, &values, results);
                let n = self.pl.go_wraps.entry(self.symbol.clone()).or_insert(0);
                *n += 1;
                let w = format!("{}.gowrap{n}", self.symbol);
                let words = self.block_words(&dc, 0, Vec::new());
                let fv = self.malloc_layout(dc.size as u64, &words);
                let fid = self.declare_wrapper(&w);
                let fref = self.pl.module.declare_func_in_func(fid, self.b.func);
                self.b.func.dfg.ext_funcs[fref].colocated = true;
                let code = self.b.ins().func_addr(clt::I64, fref);
                self.b.ins().store(flags(), code, fv, 0);
                for ((t, v), &o) in values.into_iter().zip(&dc.offsets) {
                    let a = self.b.ins().iadd_imm_s(fv, o as i64);
                    self.store(t, a, v);
                }
                self.pl.pending_wrappers.push(PendingWrapper {
                    symbol: w,
                    call: dc,
                    pos: s.pos,
                });
                fv
            }
        };
        let sig = self.i64_sig(1, 0);
        self.call_symbol("runtime.newproc", &sig, &[fv]);
    }

    /// Declares a deferred call's wrapper, `func(ctx *funcval)`.
    fn declare_wrapper(&mut self, symbol: &str) -> FuncId {
        if let Some(&f) = self.pl.func_ids.get(symbol) {
            return f;
        }
        let sig = self.i64_sig(1, 0);
        let f = self
            .pl
            .module
            .declare_function(symbol, Linkage::Local, &sig)
            .expect("a fresh wrapper name");
        self.pl.func_ids.insert(symbol.to_string(), f);
        f
    }

    /// Evaluates a deferred call's function value and arguments in Go's order (Go spec,
    /// "Defer statements": "the function value and parameters to the call are evaluated as
    /// usual and saved anew"): what it calls, the values to save with their types, the
    /// call's results, and the function's own funcval when there is nothing to save.
    #[allow(clippy::type_complexity)]
    fn defer_operands(
        &mut self,
        call: &Expr,
        func: &Expr,
        args: &[Expr],
    ) -> Option<(Target, Vec<(TypeId, Val)>, Vec<TypeId>, Option<Value>)> {
        let up = self.pl.prog.types.basic(Basic::UnsafePointer);
        match self.prog().info.calls.get(&call.id).cloned()? {
            CallKind::Func(o) => {
                let (symbol, sig) = self.func_symbol_sig(o)?;
                let vals = self.args_for(&sig, args);
                if sig.params.is_empty() {
                    let fv = self.funcval(o, &symbol);
                    return Some((Target::Static(symbol), vec![], sig.results, Some(fv)));
                }
                let mut values: Vec<_> = sig.params.iter().copied().zip(vals).collect();
                self.save_uintptrs_as_pointers(&mut values, 0, args, sig.variadic);
                Some((Target::Static(symbol), values, sig.results, None))
            }
            CallKind::Method {
                func: m,
                addr,
                deref,
            } => {
                let ExprKind::Selector(x, ..) = &strip_parens(func).kind else {
                    return None;
                };
                let (symbol, sig) = self.func_symbol_sig(m)?;
                // The receiver is evaluated and copied now, as a method value's is; a method
                // promoted through embedded fields (`defer c.Unlock()` with a sync.Mutex
                // embedded in *c) gets the embedded field or its address.
                let sel = strip_parens(func);
                let recv = self.method_receiver(sel, x, sig.params[0], addr, deref, true);
                let recv = self.own(recv, sig.params[0]);
                let mut vals = vec![recv];
                vals.extend(self.args_for(&sig.without_receiver(), args));
                let mut values: Vec<_> = sig.params.iter().copied().zip(vals).collect();
                self.save_uintptrs_as_pointers(&mut values, 1, args, sig.variadic);
                Some((Target::Static(symbol), values, sig.results, None))
            }
            CallKind::Indirect => {
                let ft = self.type_of(func);
                let Type::Func(sig) = self.prog().types.get(self.prog().types.under(ft)).clone()
                else {
                    return None;
                };
                let fv = self.scalar(func);
                // `defer func() { ... }()`: the closure, never nil, is a funcval the runtime
                // can call as it is (its context is its only parameter).
                if matches!(strip_parens(func).kind, ExprKind::FuncLit(_))
                    && sig.params.is_empty()
                    && sig.results.is_empty()
                {
                    return Some((Target::Value, vec![], vec![], Some(fv)));
                }
                let vals = self.args_for(&sig, args);
                let mut values = vec![(ft, Val::Scalar(fv))];
                values.extend(sig.params.iter().copied().zip(vals));
                self.save_uintptrs_as_pointers(&mut values, 1, args, sig.variadic);
                Some((Target::Value, values, sig.results, None))
            }
            CallKind::IfaceMethod { index } => {
                let ExprKind::Selector(x, ..) = &strip_parens(func).kind else {
                    return None;
                };
                let it = self.type_of(x);
                let m = self
                    .pl
                    .prog
                    .types
                    .interface_methods(it)
                    .get(index)
                    .cloned()?;
                let Val::Iface(tab, data) = self.expr(x) else {
                    return None;
                };
                // A nil interface faults here, at the defer statement, as in Go.
                let code = self.itab_method(tab, index);
                let vals = self.args_for(&m.sig, args);
                let mut values = vec![(up, Val::Scalar(code)), (up, Val::Scalar(data))];
                values.extend(m.sig.params.iter().copied().zip(vals));
                self.save_uintptrs_as_pointers(&mut values, 2, args, m.sig.variadic);
                Some((Target::Code, values, m.sig.results, None))
            }
            CallKind::Builtin(b) => {
                let values = match b {
                    Builtin::Print | Builtin::Println | Builtin::Copy => self
                        .operands(args)
                        .into_iter()
                        .map(|(v, t)| (t, v))
                        .collect(),
                    Builtin::Delete => self
                        .delete_operands(args)
                        .into_iter()
                        .map(|(v, t)| (t, v))
                        .collect(),
                    Builtin::Panic => {
                        let t = self
                            .prog()
                            .info
                            .converts
                            .get(&args[0].id)
                            .copied()
                            .unwrap_or_else(|| self.type_of(&args[0]));
                        let v = self.expr(&args[0]);
                        vec![(t, v)]
                    }
                    Builtin::Close => {
                        let t = self.type_of(&args[0]);
                        let v = self.expr(&args[0]);
                        vec![(t, v)]
                    }
                    // Only these builtins may be called in statement context (Go spec,
                    // "Expression statements").
                    Builtin::Recover => Vec::new(),
                    _ => return None,
                };
                Some((Target::Builtin(b), values, Vec::new(), None))
            }
            CallKind::Conversion(_) => None,
        }
    }

    /// Saves each `uintptr(p)` argument (`args[i]`, saved as `values[first + i]`) as the
    /// unsafe.Pointer it was converted from: the same bits, passed the same way, but the
    /// block holding it is scanned by its types, so the argument's object stays alive until
    /// the call is made, as Go keeps it for a //go:uintptrescapes callee (its order.go saves
    /// such an argument in an unsafe.Pointer temporary that the wrapper converts). Keeping
    /// an object alive longer is never wrong, so every callee gets it. A variadic call's
    /// packed arguments are kept by their array (args_for).
    fn save_uintptrs_as_pointers(
        &self,
        values: &mut [(TypeId, Val)],
        first: usize,
        args: &[Expr],
        variadic: bool,
    ) {
        let up = self.pl.prog.types.basic(Basic::UnsafePointer);
        let fixed = values.len() - first - usize::from(variadic);
        for (i, a) in args.iter().enumerate().take(fixed) {
            if self.is_uintptr_of_pointer(a) {
                values[first + i].0 = up;
            }
        }
    }

    /// Calls a saved call whose block is at blk: the saved values are loaded and the call
    /// made as the defer statement describes.
    pub(super) fn emit_deferred(&mut self, call: &DeferCall, blk: Value) {
        let vals: Vec<Val> = call
            .saved
            .iter()
            .zip(&call.offsets)
            .map(|(&t, &o)| {
                let a = self.b.ins().iadd_imm_s(blk, o as i64);
                self.load(t, a)
            })
            .collect();
        self.emit_deferred_vals(call, vals);
    }

    /// A deferred call with its saved values.
    fn emit_deferred_vals(&mut self, call: &DeferCall, mut vals: Vec<Val>) {
        let up = self.pl.prog.types.basic(Basic::UnsafePointer);
        match &call.target {
            Target::Static(sym) => {
                self.emit_call(
                    Callee::Symbol(sym.clone()),
                    &call.saved,
                    &call.results,
                    vals,
                );
            }
            Target::Value => {
                let fv = match vals.remove(0) {
                    Val::Scalar(v) => v,
                    _ => return,
                };
                // A nil func value faults here, when the call is made (Go spec).
                let code = self.b.ins().load(clt::I64, MemFlagsData::new(), fv, 0);
                let mut params = call.saved[1..].to_vec();
                params.push(up);
                vals.push(Val::Scalar(fv));
                self.emit_call(Callee::Indirect(code), &params, &call.results, vals);
            }
            Target::Code => {
                let code = match vals.remove(0) {
                    Val::Scalar(v) => v,
                    _ => return,
                };
                self.emit_call(
                    Callee::Indirect(code),
                    &call.saved[1..],
                    &call.results,
                    vals,
                );
            }
            Target::Builtin(b) => {
                let ops: Vec<(Val, TypeId)> = vals.into_iter().zip(call.saved.clone()).collect();
                self.deferred_builtin(*b, ops);
            }
        }
    }

    /// A deferred builtin on its saved operands.
    fn deferred_builtin(&mut self, b: Builtin, ops: Vec<(Val, TypeId)>) {
        match b {
            Builtin::Print | Builtin::Println => self.print_operands(ops, b == Builtin::Println),
            Builtin::Panic => {
                if let Some((Val::Iface(tab, data), _)) = ops.into_iter().next() {
                    self.gopanic(tab, data);
                }
            }
            Builtin::Recover => {
                self.recover();
            }
            Builtin::Close => {
                if let Some((Val::Scalar(c), _)) = ops.into_iter().next() {
                    self.close_chan(c);
                }
            }
            Builtin::Copy => {
                let mut it = ops.into_iter();
                if let (Some(d), Some(s)) = (it.next(), it.next()) {
                    self.copy_operands(d, s);
                }
            }
            Builtin::Delete => {
                let mut it = ops.into_iter();
                if let (Some((h, mt)), Some((kv, _))) = (it.next(), it.next()) {
                    self.map_delete_value(h, mt, kv);
                }
            }
            _ => unreachable!("defer_operands takes no other builtin"),
        }
    }

    /// The body of a deferred call's wrapper `func(ctx *funcval)`: the call, from the block
    /// ctx points to.
    pub(super) fn lower_defer_wrapper(&mut self, call: &DeferCall, pos: Pos) {
        let entry = self.b.create_block();
        self.b.append_block_params_for_function_params(entry);
        self.b.switch_to_block(entry);
        self.b.seal_block(entry);
        self.set_loc(pos);
        let ctx = self.b.block_params(entry)[0];
        self.emit_deferred(call, ctx);
        if !self.terminated {
            self.b.ins().return_(&[]);
        }
    }

    /// recover(): the runtime decides from the frame pointer of the function calling it
    /// whether it was called directly by a deferred call of the current panic.
    pub(super) fn recover(&mut self) -> Val {
        let fp = self.b.ins().get_frame_pointer(clt::I64);
        let sig = self.i64_sig(1, 2);
        let r = self.call_symbol("runtime.gorecover", &sig, &[fp]);
        Val::Iface(r[0], r[1])
    }

    /// panic(v), with v's interface words: runtime.gopanic does not return.
    pub(super) fn gopanic(&mut self, tab: Value, data: Value) {
        let sig = self.i64_sig(3, 0);
        // The third argument is how many of Go's runtime frames stand above the caller in a
        // traceback (runtime/pkg/runtime/panic.go goframesPanic).
        let one = self.b.ins().iconst(clt::I64, 1);
        self.call_symbol("runtime.gopanic", &sig, &[tab, data, one]);
        self.b.ins().trap(TrapCode::unwrap_user(4));
        self.terminated = true;
    }
}

/// Where a deferring function's frame keeps what the runtime needs, found in its compiled
/// code: the resume block's offset (0 for a frame that cannot resume, which the runtime never
/// uses), the frame's size from frame pointer to stack pointer (Cranelift's call-site table),
/// and the defer record's distance below the frame pointer. Computed where the function was
/// compiled (machine.rs, maybe a worker thread); [`PkgLower::define_defer_info`] lays the
/// record down. The resume block must first be shown to use nothing from outside it.
pub(super) fn defer_frame(
    ctx: &cranelift_codegen::Context,
    symbol: &str,
    di: &DeferInfo,
) -> Result<DeferFrameInfo, String> {
    let cc = ctx
        .compiled_code()
        .ok_or_else(|| format!("{symbol}: no compiled code"))?;
    // The frame pointer's and the record's distance from the bottom of the frame (the
    // stack pointer once the prologue is done).
    let layout = cc
        .buffer
        .frame_layout()
        .ok_or_else(|| format!("{symbol}: no frame layout"))?;
    let frame = layout.frame_to_fp_offset;
    let mut resume = 0;
    if let Some(block) = di.resume {
        check_resume(&ctx.func, block).map_err(|e| format!("{symbol}: {e}"))?;
        let mut found = None;
        for site in cc.buffer.call_sites() {
            for h in site.exception_handlers {
                if let FinalizedMachExceptionHandler::Default(off) = h {
                    found = Some((*off, site.frame_offset));
                }
            }
        }
        match found {
            Some((off, Some(f))) if f == frame => resume = off,
            Some((_, Some(f))) => {
                return Err(format!(
                    "{symbol}: frame size {f} at the resume call, {frame} in the layout"
                ))
            }
            _ => return Err(format!("{symbol}: the resume block has no address")),
        }
    }
    let rec = layout
        .frame_to_fp_offset
        .checked_sub(layout.stackslots[di.slot].offset)
        .ok_or_else(|| format!("{symbol}: the record is above the frame pointer"))?;
    Ok(DeferFrameInfo {
        info: di.info,
        resume,
        frame,
        rec,
    })
}

/// What [`defer_frame`] found, for [`PkgLower::define_defer_info`].
pub(super) struct DeferFrameInfo {
    info: DataId,
    resume: u32,
    frame: u32,
    rec: u32,
}

impl PkgLower<'_> {
    /// A deferring function's static info: its entry, and the offsets [`defer_frame`] found.
    pub(super) fn define_defer_info(
        &mut self,
        fid: FuncId,
        d: &DeferFrameInfo,
    ) -> Result<(), String> {
        let mut desc = DataDescription::new();
        let mut bytes = vec![0u8; 24];
        bytes[8..12].copy_from_slice(&d.resume.to_le_bytes());
        bytes[12..16].copy_from_slice(&d.frame.to_le_bytes());
        bytes[16..20].copy_from_slice(&d.rec.to_le_bytes());
        desc.define(bytes.into_boxed_slice());
        desc.set_align(8);
        let fref = self.module.declare_func_in_data(fid, &mut desc);
        desc.write_function_addr(0, fref);
        self.module
            .define_data(d.info, &desc)
            .map_err(|e| e.to_string())
    }

    /// Compiles the wrappers of the deferred calls of the function just compiled.
    pub(super) fn compile_defer_wrappers(
        &mut self,
        ctx: &mut cranelift_codegen::Context,
        fctx: &mut cranelift_frontend::FunctionBuilderContext,
    ) -> Result<(), String> {
        for w in std::mem::take(&mut self.pending_wrappers) {
            let mut sig = ClSig::new(CallConv::SystemV);
            sig.params = vec![AbiParam::new(clt::I64)];
            self.compile_function(ctx, fctx, &w.symbol, sig, w.pos, &mut |fl| {
                fl.lower_defer_wrapper(&w.call, w.pos)
            })?;
        }
        Ok(())
    }
}

/// Verifies that the resume block and the blocks reached from it use no value defined
/// outside them (their only entry is a jump from the runtime with nothing but the stack and
/// frame pointers and the payload register set).
fn check_resume(func: &ir::Function, resume: Block) -> Result<(), String> {
    if !func.layout.is_block_inserted(resume) {
        return Err("the resume block was removed".into());
    }
    let mut region = HashSet::default();
    let mut work = vec![resume];
    while let Some(b) = work.pop() {
        if !region.insert(b) {
            continue;
        }
        for inst in func.layout.block_insts(b) {
            let insts = &func.dfg.insts[inst];
            for dest in insts.branch_destination(&func.dfg.jump_tables, &func.dfg.exception_tables)
            {
                work.push(dest.block(&func.dfg.value_lists));
            }
        }
    }
    let defined_in = |v: Value| match func.dfg.value_def(func.dfg.resolve_aliases(v)) {
        ir::ValueDef::Result(i, _) => func.layout.inst_block(i),
        ir::ValueDef::Param(b, _) => Some(b),
        ir::ValueDef::Union(..) => None,
    };
    for &b in &region {
        for inst in func.layout.block_insts(b) {
            let mut args: Vec<Value> = func.dfg.inst_values(inst).collect();
            args.retain(|&v| !region.contains(&defined_in(v).unwrap_or(b)));
            if let Some(v) = args.first() {
                return Err(format!(
                    "the resume block uses {v}, computed outside it (internal compiler error)"
                ));
            }
        }
    }
    Ok(())
}
