//! Inlining: a call of a small function of the same package is lowered as the callee's body,
//! in the caller's frame, as Go's compiler inlines (cmd/compile/internal/inline).
//!
//! What is inlined. A function (or method) declared with a body in the package being compiled,
//! without `//go:noinline`, whose body costs at most
//! [`BUDGET`]: one per statement and expression node, [`CALL_COST`] more per call of a
//! function (not of an atomic intrinsic, atomics.rs) (Go's budget of 80 and its inlineExtraCallCost of 57, so a function that calls
//! another inlines only when it is tiny). Bodies with constructs that need a frame of their
//! own are never inlined: defer, go, recover, select, labels and goto, function literals,
//! local type declarations, calls of the function itself, and calls of the runtime's getfp
//! and getpc (which read their caller's frame). Inlining nests (an inlined
//! body's calls may be inlined in turn) up to [`MAX_DEPTH`] deep, never into a call of a
//! function already being inlined or of the function being compiled.
//!
//! Guards. Of a function too big or recursive to inline, the leading guard alone
//! ([`guard_cost`]: `if cond { return results }`) may be: the caller evaluates it in place and
//! calls the function only past it (DESIGN.md "Inlining").
//!
//! How. The arguments are evaluated as for a call ([`FnLower::args_for`]) and bound to the
//! callee's parameters as fresh variables (so an aggregate is copied, as the ABI's copy would
//! be); named results are declared; the body's statements are lowered with the caller's
//! return state swapped for an [`InlineFrame`]: a `return` stores aggregates into the frame's
//! temporaries, passes the other words to its exit block and jumps there. Escape analysis
//! decided each of the callee's variables on its own (tests/escape.rs compares with `go -l`),
//! and those decisions hold unchanged in the caller's frame.
//!
//! What a program sees is the same as without inlining: each inlined call is a node of the
//! function's inline tree ([`InlinedCall`]), and every instruction's source location names
//! its node; a call whose caller has no instruction at it once compiled gets a mark and the
//! function is compiled again ([`insert_marks`]); the source location names its node (mod.rs `LocTable`), so the linker writes Go's `FUNCDATA_InlTree` and
//! `PCDATA_InlTreeIndex` (linker/src/pclntab.rs) and tracebacks, `runtime.Caller(s)` and
//! `CallersFrames` report the inlined frames as Go's do (runtime/pkg/runtime/traceback.go).

use crate::HashMap;
use std::rc::Rc;

use cranelift_codegen::cursor::{Cursor, FuncCursor};
use cranelift_codegen::ir::{self, Block, BlockArg, InstBuilder, TrapCode, Value};

use super::abi::word_types;
use super::{BranchTarget, FnLower, PkgLower, Shape, Val};
use crate::compile::ast::*;
use crate::compile::check::{Builtin, CallKind, ObjId, ObjKind};
use crate::compile::escape::visit::{exprs_in_stmts, visit_stmts};
use crate::compile::types::{Signature, Type, TypeId};

/// The most a body may cost (Go's inlineMaxBudget).
pub const BUDGET: u32 = 80;
/// What a call costs beyond its nodes (Go's inlineExtraCallCost).
pub const CALL_COST: u32 = 57;
/// How deep inlined calls nest.
pub const MAX_DEPTH: usize = 4;
/// The most a guard inlined alone may cost ([`guard_cost`]).
pub const GUARD_BUDGET: u32 = 16;

/// One inlined call, a node of the function's inline tree (Go's inlinedCall,
/// runtime/symtab.go): the node it is inlined into (-1: the function itself), the callee's
/// symbol, the position of the call in the caller's source, and the offset in the function's
/// code of an instruction of the caller at that position (Go's parentPc), which tracebacks
/// step back to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlinedCall {
    pub parent: i32,
    pub callee: String,
    pub file: u32,
    pub line: u32,
    pub parent_pc: u32,
}

/// The section that carries each function's inline tree to the linker (linker/src/inltree.rs
/// reads it; DESIGN.md "Object files").
pub const INLINE_SECTION: &[u8] = b".tbuild.inline";

/// Fills each node's `parent_pc` from the function's code ranges: the start of the first range
/// at the call's position in the parent node. Returns the nodes that have code of their own
/// but no such range: their calls need a mark. (A node without code was optimized away with
/// its call; no pc reports it, and its parentPc stays 0.)
pub fn resolve_parent_pcs(nodes: &mut [InlinedCall], ranges: &[super::LineRange]) -> Vec<usize> {
    // One pass over the ranges (a function may hold 100,000 inlined calls: nested f(f(...))).
    let mut first: HashMap<(i32, u32, u32), u32> = HashMap::default();
    let mut with_code = crate::HashSet::default();
    for r in ranges {
        first.entry((r.inl, r.file, r.line)).or_insert(r.start);
        with_code.insert(r.inl);
    }
    let mut missing = Vec::new();
    for (i, n) in nodes.iter_mut().enumerate() {
        match first.get(&(n.parent, n.file, n.line)) {
            Some(&start) => n.parent_pc = start,
            None if with_code.contains(&(i as i32)) => missing.push(i),
            None => n.parent_pc = 0,
        }
    }
    missing
}

/// The code of each inlined call of a function, `[start, end)` with its node (innermost),
/// ascending. Code between source ranges (instructions without a source location: moves and
/// jumps the register allocator adds) belongs where the line table puts it, to the range
/// before it (linker/src/pclntab.rs function_runs); adjacent runs of one node are merged.
pub fn node_runs(f: &super::FuncLines) -> Vec<(u32, u32, i32)> {
    let mut runs: Vec<(u32, u32, i32)> = Vec::new();
    for (i, r) in f.ranges.iter().enumerate() {
        let start = if i == 0 { 0 } else { r.start };
        let end = f.ranges.get(i + 1).map_or(f.size, |n| n.start);
        if r.inl < 0 || end <= start {
            continue;
        }
        match runs.last_mut() {
            Some(last) if last.1 == start && last.2 == r.inl => last.1 = end,
            _ => runs.push((start, end, r.inl)),
        }
    }
    runs
}

/// Each inlined call's code with its nested calls' (what DWARF's inlined-subroutine entries
/// cover), as ascending merged ranges per node.
pub fn subtree_ranges(f: &super::FuncLines) -> Vec<Vec<(u32, u32)>> {
    let mut out: Vec<Vec<(u32, u32)>> = vec![Vec::new(); f.inlined.len()];
    for (start, end, node) in node_runs(f) {
        let mut n = node;
        while n >= 0 && (n as usize) < out.len() {
            out[n as usize].push((start, end));
            n = f.inlined[n as usize].parent;
        }
    }
    for list in &mut out {
        list.sort_unstable();
        let mut merged: Vec<(u32, u32)> = Vec::new();
        for &(s, e) in list.iter() {
            match merged.last_mut() {
                Some(last) if last.1 >= s => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        *list = merged;
    }
    out
}

/// Puts the marks of the calls `nodes` into `func` (as lowered, before compiling), at their
/// place holders `marks`: each a one-byte store into a frame byte of its own, at the call's
/// position. It is Go's inline mark: an instruction of the caller at the call, for the
/// call's parentPc, which the caller's own code did not give (a call whose arguments needed
/// no instruction). Each store has its own byte because Cranelift removes a store that
/// another overwrites (alias_analysis.rs), and the optimizer keeps every other store.
pub fn insert_marks(func: &mut ir::Function, marks: &[ir::Inst], nodes: &[usize]) {
    for &n in nodes {
        let Some(&at) = marks.get(n) else { continue };
        let loc = func.srcloc(at);
        let slot = func.create_sized_stack_slot(ir::StackSlotData::new(
            ir::StackSlotKind::ExplicitSlot,
            1,
            0,
        ));
        let mut pos = FuncCursor::new(func).at_inst(at);
        pos.set_srcloc(loc);
        let zero = pos.ins().iconst(ir::types::I8, 0);
        let addr = pos.ins().stack_addr(ir::types::I64, slot, 0);
        pos.ins().store(super::flags(), zero, addr, 0);
    }
}

/// The records of `.tbuild.inline`, one per function with inlined calls, little-endian: the
/// function's symbol (u32 length, bytes); the node count (u32) and per node its parent (i32),
/// the callee's symbol (u32 length, bytes), the call's line (u32) and parentPc (u32); then the
/// count (u32) of the code ranges inside inlined calls and per range its start, end (u32) and
/// node (i32). Code outside every range is the function's own (node -1).
pub fn inline_section(funcs: &[super::FuncLines]) -> Vec<u8> {
    let mut out = Vec::new();
    let put = |out: &mut Vec<u8>, v: u32| out.extend_from_slice(&v.to_le_bytes());
    let put_str = |out: &mut Vec<u8>, s: &str| {
        out.extend_from_slice(&(s.len() as u32).to_le_bytes());
        out.extend_from_slice(s.as_bytes());
    };
    for f in funcs.iter().filter(|f| !f.inlined.is_empty()) {
        put_str(&mut out, &f.symbol);
        put(&mut out, f.inlined.len() as u32);
        for n in &f.inlined {
            put(&mut out, n.parent as u32);
            put_str(&mut out, &n.callee);
            put(&mut out, n.line);
            put(&mut out, n.parent_pc);
        }
        let ranges = node_runs(f);
        put(&mut out, ranges.len() as u32);
        for (start, end, inl) in ranges {
            put(&mut out, start);
            put(&mut out, end);
            put(&mut out, inl as u32);
        }
    }
    out
}

/// An inlined call being lowered: its node, where its returns go, and the caller's state it
/// replaced.
#[derive(Clone)]
pub(super) struct InlineFrame {
    pub node: i32,
    pub callee: ObjId,
    exit: Block,
    /// Each result's temporary if it is an aggregate (returned by copying into it).
    aggs: Vec<Option<Value>>,
}

/// A function the package may inline: its declaration.
pub(super) struct Candidate {
    file: Rc<File>,
    decl: usize,
    /// Only the body's leading guard is inlined ([`guard_cost`]); the rest stays a call.
    guard_only: bool,
}

impl Candidate {
    fn decl(&self) -> &FuncDecl {
        match &self.file.decls[self.decl] {
            Decl::Func(fd) => fd,
            _ => unreachable!("candidates are function declarations"),
        }
    }
}

impl PkgLower<'_> {
    /// The declaration of `o` if calls of it are inlined (module doc), decided once.
    pub(super) fn inline_candidate(&mut self, o: ObjId) -> Option<Rc<Candidate>> {
        if let Some(c) = self.inline_cache.get(&o) {
            return c.clone();
        }
        let c = self.judge(o).map(Rc::new);
        self.inline_cache.insert(o, c.clone());
        c
    }

    fn judge(&self, o: ObjId) -> Option<Candidate> {
        if !self.inline_enabled {
            return None;
        }
        let obj = &self.prog.objs[o as usize];
        if !matches!(obj.kind, ObjKind::Func { has_body: true, .. }) {
            return None;
        }
        // Another package's function: only one whose body was checked for its importers
        // (check/resolver.rs may_inline), never the runtime's.
        if obj.pkg != self.pkg && !self.prog.info.inline_bodies.contains(&o) {
            return None;
        }
        let (_, file, decl) = self.prog.packages[obj.pkg]
            .funcs
            .iter()
            .find(|(id, _, _)| *id == o)?;
        let mut c = Candidate {
            file: file.clone(),
            decl: *decl,
            guard_only: false,
        };
        let fd = c.decl();
        if fd.noinline || fd.linkname.is_some() {
            return None;
        }
        let body = fd.body.as_ref()?;
        if self.body_cost(o, body).is_some_and(|cost| cost <= BUDGET) {
            return Some(c);
        }
        // Too big (or recursive): its guard alone, for the functions of this package but
        // the runtime's (whose frames some callers count).
        if obj.pkg != self.pkg || self.prog.packages[obj.pkg].path == "runtime" {
            return None;
        }
        let Type::Func(sig) = self.prog.types.get(obj.ty) else {
            return None;
        };
        let guard_ok = guard_cost(body, sig.results.len()).is_some_and(|cost| cost <= GUARD_BUDGET)
            && self.calls_nothing(&body[..1])
            && sig
                .params
                .iter()
                .all(|&t| super::abi::shape_of(self.prog, t) != Shape::Agg);
        c.guard_only = true;
        guard_ok.then_some(c)
    }

    /// Whether statements call no function (builtins and conversions aside).
    fn calls_nothing(&self, stmts: &[Stmt]) -> bool {
        let mut ok = true;
        exprs_in_stmts(stmts, true, &mut |x| {
            if matches!(x.kind, ExprKind::Call { .. })
                && !matches!(
                    self.prog.info.calls.get(&x.id),
                    Some(CallKind::Builtin(_)) | Some(CallKind::Conversion(_))
                )
            {
                ok = false;
            }
        });
        ok
    }

    /// The cost of a body (its nodes, `shape_cost`, and its calls), or None when it holds
    /// something never inlined. A call of an atomic intrinsic costs nothing: it becomes an
    /// instruction (atomics.rs).
    fn body_cost(&self, me: ObjId, body: &[Stmt]) -> Option<u32> {
        let mut cost = shape_cost(body)?;
        let mut ok = true;
        let prog = &*self.prog;
        exprs_in_stmts(body, true, &mut |x| {
            if !matches!(x.kind, ExprKind::Call { .. }) {
                return;
            }
            match prog.info.calls.get(&x.id) {
                Some(CallKind::Builtin(Builtin::Recover)) => ok = false,
                Some(CallKind::Func(f)) | Some(CallKind::Method { func: f, .. })
                    if *f == me || reads_own_frame(&prog.objs[*f as usize].kind) =>
                {
                    ok = false
                }
                Some(CallKind::Builtin(_)) | Some(CallKind::Conversion(_)) => {}
                Some(CallKind::Func(f))
                    if matches!(&prog.objs[*f as usize].kind,
                            ObjKind::Func { symbol, .. } if super::atomics::is_intrinsic(symbol)) =>
                    {}
                _ => cost += CALL_COST,
            }
        });
        ok.then_some(cost)
    }
}

/// The cost of a body's guard: its first statement when that is `if cond { return
/// results }` (no init, no else, every result written out) and more statements follow.
/// Recursive functions and tree walks begin so (`if n < 2 { return n }`, `if t == nil {
/// return 0 }`): inlining the guard at each call spares the call wherever it decides, and
/// leaves one call where it does not. None when the body has no such guard.
pub fn guard_cost(body: &[Stmt], results: usize) -> Option<u32> {
    let (first, rest) = body.split_first()?;
    if rest.is_empty() {
        return None;
    }
    let StmtKind::If {
        init: None,
        then,
        els: None,
        ..
    } = &first.kind
    else {
        return None;
    };
    match then.as_slice() {
        [Stmt {
            kind: StmtKind::Return(xs),
            ..
        }] if xs.len() == results => shape_cost(std::slice::from_ref(first)),
        _ => None,
    }
}

/// What a body costs by its syntax alone, one per statement and expression node, or None
/// when it holds a construct never inlined (defer, go, select, labels, goto, local types,
/// function literals). The checker uses it to choose the imported functions whose bodies it
/// checks for importers (check/resolver.rs may_inline); `body_cost` adds the calls.
pub fn shape_cost(body: &[Stmt]) -> Option<u32> {
    let mut cost = 0u32;
    let mut ok = true;
    visit_stmts(body, &mut |s| {
        cost += 1;
        ok &= !matches!(
            s.kind,
            StmtKind::CallStmt { .. }
                | StmtKind::Select { .. }
                | StmtKind::Labeled(..)
                | StmtKind::Goto(..)
                | StmtKind::Type(_)
                | StmtKind::Unsupported(_)
        );
    });
    exprs_in_stmts(body, true, &mut |x| {
        cost += 1;
        ok &= !matches!(x.kind, ExprKind::FuncLit(_));
    });
    ok.then_some(cost)
}

/// The runtime's functions that read the frame of their caller (getfp's BP, getpc's return
/// address): a body calling them needs a frame of its own, as Go's inliner refuses bodies
/// that call getcallerpc or getcallersp.
fn reads_own_frame(kind: &ObjKind) -> bool {
    matches!(kind, ObjKind::Func { symbol, .. } if symbol == "runtime.getfp" || symbol == "runtime.getpc")
}

impl FnLower<'_, '_> {
    /// A variable of type `ty` for the function's SSA builder: inside an inlined body, one a
    /// body lowered before freed if there is one. Cranelift's SSA builder keeps, for each
    /// variable, a map indexed by the blocks it is defined in, so fresh variables for the
    /// calls of `f(f(f(...)))` cost memory quadratic in the calls (20 GB for 100,000, issue
    /// 9's depth); reused ones cost the last block each is defined in. Reuse is sound
    /// because a body's variables are used only inside it, each after its definition there,
    /// and a body's code ends in a block of its own (its exit): a later body defines a
    /// reused variable in blocks no use of the earlier one looks back through.
    pub(super) fn new_var(&mut self, ty: ir::Type) -> cranelift_frontend::Variable {
        if self.inlining.is_empty() {
            return self.b.declare_var(ty);
        }
        let var = match self.free_vars.iter().rposition(|&(_, t)| t == ty) {
            Some(i) => self.free_vars.swap_remove(i).0,
            None => self.b.declare_var(ty),
        };
        self.inline_vars.push((var, ty));
        var
    }

    /// Lowers a call of `o` with the evaluated arguments `vals` (the receiver first) as its
    /// inlined body, when `o` is inlined; otherwise gives the arguments back.
    pub(super) fn try_inline(
        &mut self,
        o: ObjId,
        call_pos: Pos,
        sig: &Signature,
        vals: Vec<Val>,
    ) -> Result<Val, Vec<Val>> {
        if self.inlining.len() >= MAX_DEPTH || self.inlining.iter().any(|f| f.callee == o) {
            return Err(vals);
        }
        let Some(c) = self.pl.inline_candidate(o) else {
            return Err(vals);
        };
        let Some(symbol) = (match &self.prog().objs[o as usize].kind {
            ObjKind::Func { symbol, .. } => Some(symbol.clone()),
            _ => None,
        }) else {
            return Err(vals);
        };
        // The function being lowered, reached again through inlined calls (f calls g calls
        // f), is not inlined into itself: its variables are bound here already. Its guard
        // alone may be (it declares nothing; the parameters' bindings are restored after).
        if symbol == self.symbol && !c.guard_only {
            return Err(vals);
        }
        Ok(self.inline_call(o, &symbol, &c, call_pos, sig, vals))
    }

    fn inline_call(
        &mut self,
        o: ObjId,
        symbol: &str,
        c: &Candidate,
        call_pos: Pos,
        sig: &Signature,
        vals: Vec<Val>,
    ) -> Val {
        let fd = c.decl();
        let body = fd.body.as_deref().unwrap_or_default();
        let at = self.prog().locate(call_pos);
        let node = self.inlined.len() as i32;
        self.inlined.push(InlinedCall {
            parent: self.inlining.last().map_or(-1, |f| f.node),
            callee: symbol.to_string(),
            file: at.file,
            line: at.line,
            parent_pc: 0,
        });
        // The call's mark (Go's inline mark) goes here if the caller has no instruction of
        // its own at the call once compiled (`insert_marks`); a nop holds the place.
        self.set_loc(call_pos);
        let mark = self.b.ins().nop();
        self.marks.push(mark);
        // The results: aggregates through temporaries, the rest as the exit block's
        // parameters.
        let exit = self.b.create_block();
        let mut aggs = Vec::new();
        for &r in &sig.results {
            let shape = self.shape(r);
            if shape == Shape::Agg {
                aggs.push(Some(self.temp(r)));
            } else {
                aggs.push(None);
                for ty in word_types(shape) {
                    self.b.append_block_param(exit, ty);
                }
            }
        }
        self.inlining.push(InlineFrame {
            node,
            callee: o,
            exit,
            aggs,
        });
        // The callee's code is attributed to its own lines, in the new node.
        self.set_loc(fd.pos);
        let saved = self.enter_callee(sig);
        let first_var = self.inline_vars.len();
        // A guard inlined alone calls the function with the same arguments past it.
        let args = if c.guard_only {
            vals.clone()
        } else {
            Vec::new()
        };
        let params: Vec<&Param> = fd.recv.iter().chain(&fd.params).collect();
        // The callee's parameters and results are bound to fresh variables here; the
        // bindings they had (the function's own, when its guard is inlined into itself or
        // into one of its closures) come back after.
        let shadowed: Vec<(ObjId, Option<super::Storage>)> = params
            .iter()
            .map(|p| &p.name)
            .chain(fd.results.iter().map(|p| &p.name))
            .filter_map(|n| n.as_ref())
            .filter_map(|(_, pos)| self.prog().info.defs.get(pos).copied())
            .map(|o| (o, self.vars.get(&o).cloned()))
            .collect();
        for ((p, &t), v) in params.iter().zip(&sig.params).zip(vals) {
            let Some((_, pos)) = &p.name else { continue };
            let Some(&po) = self.prog().info.defs.get(pos) else {
                continue;
            };
            // An aggregate is the callee's own copy, as a call passes one; one that stays
            // in the frame is used in place, as a called function uses the copy its caller
            // made (functions.rs lower_body).
            let v = self.own(v, t);
            if self.shape(t) == Shape::Agg && !self.needs_heap(po) {
                if let Val::Mem(a) = v {
                    let var = self.new_var(cranelift_codegen::ir::types::I64);
                    self.b.def_var(var, a);
                    self.vars.insert(po, super::Storage::Ptr(var));
                }
                continue;
            }
            self.declare_var(po, t, Some(v));
        }
        for (p, &t) in fd.results.iter().zip(&sig.results) {
            let ro = p
                .name
                .as_ref()
                .and_then(|(_, pos)| self.prog().info.defs.get(pos).copied());
            if let Some(ro) = ro {
                self.declare_var(ro, t, None);
            }
            self.result_objs.push(ro);
        }
        while self.result_objs.len() < sig.results.len() {
            self.result_objs.push(None);
        }
        if c.guard_only {
            self.stmts(&body[..1]);
        } else {
            self.stmts(body);
            if !self.terminated {
                self.set_loc(fd.end);
                if sig.results.is_empty() {
                    self.b.ins().jump(exit, &[]);
                } else {
                    // Unreachable in a checked program ("missing return").
                    self.b.ins().trap(TrapCode::unwrap_user(1));
                }
            }
        }
        let past_guard = c.guard_only && !self.terminated;
        let frame = self.inlining.pop().expect("pushed above");
        self.leave_callee(saved);
        let done = self.inline_vars.split_off(first_var);
        self.free_vars.extend(done);
        self.unshadow(shadowed);
        if past_guard {
            // Past the guard: the call itself, made by the caller at the call's place (its
            // frame is the callee's own in tracebacks, not an inlined one).
            self.set_loc(call_pos);
            let r = self.emit_call(
                super::Callee::Symbol(symbol.to_string()),
                &sig.params,
                &sig.results,
                args,
            );
            self.exit_with(&frame, &sig.results, r);
        }
        self.inline_exit(frame, sig, call_pos)
    }

    /// Gives back the bindings an inlined callee's parameters and results shadowed.
    fn unshadow(&mut self, shadowed: Vec<(ObjId, Option<super::Storage>)>) {
        for (o, st) in shadowed {
            match st {
                Some(st) => self.vars.insert(o, st),
                None => self.vars.remove(&o),
            };
        }
    }

    /// Continues in the caller after an inlined call: its exit block, whose parameters
    /// (and the frame's temporaries) are the results.
    fn inline_exit(&mut self, frame: InlineFrame, sig: &Signature, call_pos: Pos) -> Val {
        let exit = frame.exit;
        self.b.switch_to_block(exit);
        self.b.seal_block(exit);
        self.terminated = false;
        // Back in the caller: its code after the call is at the call's line.
        self.set_loc(call_pos);
        let words = self.b.block_params(exit).to_vec();
        let aggs: Vec<Value> = frame.aggs.iter().flatten().copied().collect();
        self.results_val(&sig.results, &aggs, &words)
    }

    /// A `return` of an inlined body: the results to the exit block, aggregates copied
    /// into their temporaries.
    pub(super) fn inline_return(&mut self, vals: Vec<Val>) {
        let frame = self
            .inlining
            .last()
            .expect("inside an inlined body")
            .clone();
        let types = self.result_types.clone();
        self.jump_to_exit(&frame, &types, vals);
    }

    /// The results of the call past an inlined guard, `r` as the call gave them, to the
    /// exit block.
    fn exit_with(&mut self, frame: &InlineFrame, types: &[TypeId], r: Val) {
        let vals = match r {
            Val::None => Vec::new(),
            Val::Tuple(vs) => vs,
            v => vec![v],
        };
        self.jump_to_exit(frame, types, vals);
    }

    fn jump_to_exit(&mut self, frame: &InlineFrame, types: &[TypeId], vals: Vec<Val>) {
        let mut words: Vec<cranelift_codegen::ir::BlockArg> = Vec::new();
        for ((v, &t), agg) in vals.into_iter().zip(types).zip(&frame.aggs) {
            match (v, agg) {
                (Val::Mem(src), Some(dst)) => {
                    let size = self.size(t);
                    self.copy(*dst, src, size);
                }
                (v, None) => words.extend(v.words().into_iter().map(BlockArg::Value)),
                _ => {}
            }
        }
        self.b.ins().jump(frame.exit, &words);
        self.terminated = true;
    }

    /// Swaps the caller's per-function state for the callee's: results, break targets,
    /// defers (a callee has none: its returns are not the caller's).
    fn enter_callee(&mut self, sig: &Signature) -> Saved {
        Saved {
            result_types: std::mem::replace(&mut self.result_types, sig.results.clone()),
            result_objs: std::mem::take(&mut self.result_objs),
            sret: std::mem::take(&mut self.sret),
            loops: std::mem::take(&mut self.loops),
            pending_label: self.pending_label.take(),
            fallthrough_to: self.fallthrough_to.take(),
            label_blocks: std::mem::take(&mut self.label_blocks),
            addr_of: std::mem::replace(&mut self.addr_of, false),
            call_has_ellipsis: std::mem::replace(&mut self.call_has_ellipsis, false),
            call_site: self.call_site.take(),
            defers: self.defers.take(),
        }
    }

    fn leave_callee(&mut self, s: Saved) {
        self.result_types = s.result_types;
        self.result_objs = s.result_objs;
        self.sret = s.sret;
        self.loops = s.loops;
        self.pending_label = s.pending_label;
        self.fallthrough_to = s.fallthrough_to;
        self.label_blocks = s.label_blocks;
        self.addr_of = s.addr_of;
        self.call_has_ellipsis = s.call_has_ellipsis;
        self.call_site = s.call_site;
        self.defers = s.defers;
    }
}

/// The caller's lowering state while an inlined body is lowered.
struct Saved {
    result_types: Vec<TypeId>,
    result_objs: Vec<Option<ObjId>>,
    sret: Vec<Value>,
    loops: Vec<BranchTarget>,
    pending_label: Option<String>,
    fallthrough_to: Option<Block>,
    label_blocks: HashMap<String, Block>,
    addr_of: bool,
    call_has_ellipsis: bool,
    call_site: Option<ExprId>,
    defers: Option<Box<super::defer::DeferFrame>>,
}
