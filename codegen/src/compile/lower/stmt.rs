//! Statements: assignments with Go's evaluation order, if, rotated for and range loops,
//! expression switches, labels, goto, break/continue/fallthrough, and return.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{types as clt, Block, InstBuilder};

use super::{BranchTarget, FnLower, Place, Storage, Val};
use crate::compile::ast::*;
use crate::compile::bounds;
use crate::compile::check::{strip_parens, ObjId};
use crate::compile::types::{Basic, Type, TypeId};

impl FnLower<'_, '_> {
    /// Lowers the body of a loop or of a switch clause with `break` (and, for a loop,
    /// `continue`) bound to target's blocks, then jumps to `next` unless the body ended
    /// in a jump of its own.
    pub(super) fn breakable_body(&mut self, target: BranchTarget, body: &[Stmt], next: Block) {
        self.loops.push(target);
        self.stmts(body);
        self.loops.pop();
        if !self.terminated {
            self.b.ins().jump(next, &[]);
        }
    }

    pub(super) fn stmts(&mut self, stmts: &[Stmt]) {
        for s in stmts {
            self.ensure_open();
            self.stmt(s);
        }
    }

    pub(super) fn stmt(&mut self, s: &Stmt) {
        if self.ends_in_load() {
            // Keep the previous statement's loads out of this statement's instructions:
            // Cranelift folds a load into its only use when nothing with a side effect lies
            // between them (`movslq (%rax),%rcx`), and the folded instruction carries the
            // use's line, so a nil pointer's fault would be reported at the line after the
            // dereference (go's test fixedbugs/issue27201.go). A sequence point emits no
            // code but ends the folding.
            self.b.ins().sequence_point();
        }
        self.set_loc(s.pos);
        match &s.kind {
            StmtKind::Empty | StmtKind::Const(_) | StmtKind::Type(_) | StmtKind::Unsupported(_) => {
            }
            StmtKind::CallStmt {
                keyword: "go",
                call,
                ..
            } => self.go_stmt(s, call),
            StmtKind::CallStmt { call, .. } => self.defer_stmt(s, call),
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
                    // `var a, b = f()`: every value is one of the call's results.
                    let fresh = match vs.values.get(i) {
                        Some(e) if vs.values.len() == vs.names.len() => self.is_fresh(e),
                        _ => vs.values.first().is_some_and(|e| self.is_fresh(e)),
                    };
                    let v = vals
                        .get(i)
                        .cloned()
                        .map(|v| if fresh { v } else { self.own(v, t) });
                    self.declare_var(o, t, v);
                }
            }
            StmtKind::ShortVar { names, values } => {
                let vals = self.expr_list(values);
                let vals: Vec<Val> = names
                    .iter()
                    .zip(vals)
                    .enumerate()
                    .map(|(i, ((_, pos), v))| {
                        let o = self.prog().info.defs.get(pos).copied();
                        let fresh = values.get(i).is_some_and(|e| self.is_fresh(e))
                            || (values.len() == 1 && self.is_fresh(&values[0]));
                        match o {
                            Some(_) if fresh => v,
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
                if let Place::Map(m) = &place {
                    self.map_op_assign(m, *op, &rhs[0]);
                    return;
                }
                let cur = self.read_place(&place, t);
                let y = self.expr(&rhs[0]);
                let yt = self.type_of(&rhs[0]);
                let r = self.binary_values(*op, t, cur, y, yt);
                self.write_place(&place, t, r);
            }
            StmtKind::IncDec(e, inc) => {
                let t = self.type_of(e);
                let place = self.place(e);
                if let Place::Map(m) = &place {
                    self.map_inc_dec(m, *inc);
                    return;
                }
                let cur = self.read_place(&place, t);
                if self.complex_part_type(t).is_some() {
                    let r = self.complex_inc_dec(t, cur, *inc);
                    self.write_place(&place, t, r);
                    return;
                }
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
            StmtKind::Block(b) | StmtKind::VarGroup(b) => self.stmts(b),
            StmtKind::If {
                init,
                cond,
                then,
                els,
            } => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                let then_b = self.b.create_block();
                let else_b = self.b.create_block();
                let join = self.b.create_block();
                self.cond_branch(cond, then_b, else_b);
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
            // The blank label marks nothing a branch can name (check/stmt.rs).
            StmtKind::Labeled(label, inner) if label == "_" => self.stmt(inner),
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
            StmtKind::Send { ch, value } => self.send(ch, value),
            StmtKind::Select { cases, .. } => self.select(cases),
            StmtKind::Return(values) if self.defers.is_some() => self.defer_return(values, s.pos),
            StmtKind::Return(values) => self.return_(values),
        }
    }

    /// Whether index variable i and indexed variable x can only change by assignments in
    /// the source: i lives in an SSA variable (its address is never taken), and so does x
    /// unless it is an array, whose length is part of its type.
    pub(super) fn index_pair_is_stable(&self, i: ObjId, x: ObjId) -> bool {
        let ssa = |o: ObjId| matches!(self.vars.get(&o), Some(Storage::Ssa(_)));
        let xt = self.pl.prog.objs[x as usize].ty;
        let types = &self.pl.prog.types;
        let is_array = matches!(types.get(types.under(xt)), Type::Array(..));
        ssa(i) && (ssa(x) || is_array)
    }

    /// Ends the current block with a for loop's test: on to `body` while `cond` holds (always
    /// when there is none), else to `exit`.
    pub(super) fn loop_test(&mut self, cond: Option<&Expr>, body: Block, exit: Block) {
        match cond {
            Some(c) => self.cond_branch(c, body, exit),
            None => {
                self.b.ins().jump(body, &[]);
            }
        }
    }

    /// Ends the current block with a branch on the boolean `c`: to `yes` when it holds,
    /// else to `no`. `&&`, `||` and `!` become branches instead of values, as Go's SSA
    /// backend lowers a condition (cmd/compile/internal/ssagen `condBranch`), with the same
    /// short-circuit order; two bounds on one integer variable become one unsigned compare
    /// ([`Self::range_test`]).
    pub(super) fn cond_branch(&mut self, c: &Expr, yes: Block, no: Block) {
        let c = strip_parens(c);
        if !self.prog().info.consts.contains_key(&c.id) {
            match &c.kind {
                ExprKind::Unary(UnOp::Not, x) => return self.cond_branch(x, no, yes),
                ExprKind::Binary(op @ (BinOp::LAnd | BinOp::LOr), x, y) => {
                    if let Some(v) = self.range_test(*op, x, y) {
                        self.b.ins().brif(v, yes, &[], no, &[]);
                        return;
                    }
                    let mid = self.b.create_block();
                    if *op == BinOp::LAnd {
                        self.cond_branch(x, mid, no);
                    } else {
                        self.cond_branch(x, yes, mid);
                    }
                    self.b.switch_to_block(mid);
                    self.b.seal_block(mid);
                    return self.cond_branch(y, yes, no);
                }
                _ => {}
            }
        }
        let v = self.scalar(c);
        self.b.ins().brif(v, yes, &[], no, &[]);
    }

    /// `lo <= v && v <= hi` (any of its spellings with `<`, `>`, constants on either side)
    /// as `uint(v-lo) <= uint(hi-lo)`, and `v < lo || v > hi` as its negation: one compare
    /// and one branch where the short-circuit form has two of each. Go's compiler does the
    /// same (ssa pass "fuse", `fuseIntegerComparisons`). Only for a variable, which reading
    /// twice or once cannot tell apart, and integer bounds that fit its type.
    pub(super) fn range_test(
        &mut self,
        op: BinOp,
        x: &Expr,
        y: &Expr,
    ) -> Option<cranelift_codegen::ir::Value> {
        // Each side as a bound on the variable: (variable, is lower bound, bound). For `||`
        // the sides are negated: `v < lo || v > hi` is `!(v >= lo && v <= hi)`.
        let negate = op == BinOp::LOr;
        let a = self.var_bound(x, negate)?;
        let b = self.var_bound(y, negate)?;
        if a.1 != b.1 || a.2 == b.2 {
            return None;
        }
        let (lo, hi) = if a.2 { (a.3, b.3) } else { (b.3, a.3) };
        let var = a.0;
        let t = self.type_of(var);
        let (size, signed) = self.prog().types.basic_of(t)?.int_info()?;
        let bits = size * 8;
        let (min, max) = if signed {
            (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
        } else {
            (0, (1i128 << bits) - 1)
        };
        if lo > hi || lo < min || hi > max {
            return None;
        }
        let v = self.scalar(var);
        let ty = self.b.func.dfg.value_type(v);
        let mask = if bits == 64 {
            u64::MAX
        } else {
            (1u64 << bits) - 1
        };
        let neg_lo = self
            .b
            .ins()
            .iconst(ty, ((lo as i64).wrapping_neg() as u64 & mask) as i64);
        let off = self.b.ins().iadd(v, neg_lo);
        let span = self.b.ins().iconst(ty, (((hi - lo) as u64) & mask) as i64);
        let cc = if negate {
            IntCC::UnsignedGreaterThan
        } else {
            IntCC::UnsignedLessThanOrEqual
        };
        Some(self.b.ins().icmp(cc, off, span))
    }

    /// A comparison of a variable with an integer constant as a bound on the variable:
    /// (the variable's expression and object, whether it is a lower bound, the inclusive
    /// bound), of the comparison or, with `negate`, of its negation.
    fn var_bound<'e>(&self, e: &'e Expr, negate: bool) -> Option<(&'e Expr, ObjId, bool, i128)> {
        let ExprKind::Binary(op, l, r) = &strip_parens(e).kind else {
            return None;
        };
        let info = &self.prog().info;
        let constant = |e: &Expr| info.consts.get(&e.id).and_then(|c| c.to_int());
        let variable = |e: &Expr| match &strip_parens(e).kind {
            ExprKind::Ident(_) => info.uses.get(&strip_parens(e).id).copied(),
            _ => None,
        };
        // As `v OP c`: with the constant on the left the comparison turns around.
        let (var, obj, op, c) = match (variable(l), constant(r), constant(l), variable(r)) {
            (Some(v), Some(c), _, _) => (&**l, v, *op, c),
            (_, _, Some(c), Some(v)) => (&**r, v, op.swapped()?, c),
            _ => return None,
        };
        if !matches!(
            self.pl.prog.objs[obj as usize].kind,
            crate::compile::check::ObjKind::Var(_)
        ) {
            return None;
        }
        let op = if negate { op.negated()? } else { op };
        match op {
            BinOp::Ge => Some((var, obj, true, c)),
            BinOp::Gt => Some((var, obj, true, c.checked_add(1)?)),
            BinOp::Le => Some((var, obj, false, c)),
            BinOp::Lt => Some((var, obj, false, c.checked_sub(1)?)),
            _ => None,
        }
    }

    /// The block a label names, created on first mention (a goto may come before its label);
    /// such blocks are sealed when the function is complete.
    pub(super) fn label_block(&mut self, label: &str) -> Block {
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
    pub(super) fn switch(
        &mut self,
        init: &Option<Box<Stmt>>,
        tag: &Option<Expr>,
        cases: &[CaseClause],
    ) {
        let label = self.pending_label.take();
        if let Some(i) = init {
            self.stmt(i);
        }
        let tag_v = tag.as_ref().map(|t| {
            // A tag the checker converts (a concrete value boxed into the interface type of
            // its cases) compares as that type, as the operands of == do (expr.rs binary).
            let tt = self.type_of(t);
            let ct = self.prog().info.converts.get(&t.id).copied().unwrap_or(tt);
            let v = self.expr(t);
            (self.own(v, ct), ct)
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
                self.set_loc(e.pos);
                let cond = match &tag_v {
                    Some((tv, tt)) => {
                        let ev = self.expr(e);
                        match self.compare(BinOp::Eq, *tt, tv.clone(), ev) {
                            Val::Scalar(c) => c,
                            _ => self.b.ins().iconst(clt::I8, 0),
                        }
                    }
                    // A tagless switch compares an interface case with true.
                    None if self.pl.prog.types.is_interface(self.type_of(e)) => {
                        let it = self.type_of(e);
                        let ev = self.expr(e);
                        let bt = self.pl.prog.types.basic(Basic::Bool);
                        let one = self.b.ins().iconst(clt::I8, 1);
                        let tv = self.convert_to_iface(Val::Scalar(one), bt, it);
                        match self.compare(BinOp::Eq, it, ev, tv) {
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

    /// Where the key and value of each iteration of a range loop go: a variable the loop
    /// declares (once for the whole loop, Go 1.19), or an expression assigned to; None for
    /// an absent or blank one.
    pub(super) fn range_targets<'e>(
        &mut self,
        vars: [(Option<&'e Expr>, TypeId); 2],
        define: bool,
    ) -> [Option<RangeTarget<'e>>; 2] {
        vars.map(|(e, t)| {
            let e = e.filter(|e| !matches!(&e.kind, ExprKind::Ident(n) if n == "_"))?;
            if !define {
                return Some(RangeTarget::Assign(e, t));
            }
            let o = self.prog().info.defs.get(&e.pos).copied()?;
            self.declare_var(o, t, None);
            Some(RangeTarget::Var(o, t))
        })
    }

    /// Stores an iteration's key and value in their targets as the assignment `k, v = ...`
    /// does: the index and pointer operands of both targets first, then the stores
    /// (`for i, x[i] = range y` indexes x with the old i; Go's test/range.go).
    pub(super) fn assign_range_targets(
        &mut self,
        targets: &[Option<RangeTarget>; 2],
        vals: [Option<Val>; 2],
    ) {
        let many = targets
            .iter()
            .all(|t| matches!(t, Some(RangeTarget::Assign(..))));
        if !many {
            for (t, v) in targets.iter().zip(vals) {
                if let (Some(t), Some(v)) = (t, v) {
                    self.assign_range_target(t, v);
                }
            }
            return;
        }
        let places: Vec<Option<Place>> = targets
            .iter()
            .map(|t| {
                let Some(RangeTarget::Assign(e, _)) = t else {
                    return None;
                };
                let e = strip_parens(e);
                if let ExprKind::Index(x, i) = &e.kind {
                    if let Some(ip) = self.index_operands(e.pos, x, i) {
                        return Some(Place::Index(ip));
                    }
                }
                Some(self.place(e))
            })
            .collect();
        for ((t, v), p) in targets.iter().zip(vals).zip(places) {
            if let (Some(RangeTarget::Assign(e, _)), Some(v), Some(p)) = (t, v, p) {
                let lt = self.type_of(e);
                self.write_place(&p, lt, v);
            }
        }
    }

    /// Stores one iteration value in its range target.
    pub(super) fn assign_range_target(&mut self, target: &RangeTarget, v: Val) {
        match *target {
            RangeTarget::Var(o, t) => self.store_var(o, t, v),
            RangeTarget::Assign(e, _) => {
                let p = self.place(e);
                let lt = self.type_of(e);
                self.write_place(&p, lt, v);
            }
        }
    }

    /// `for k, v := range x` over a string (by rune), an array, a pointer to an array, or a
    /// slice. x is evaluated once; an array value is copied first when its elements are used
    /// (Go spec, "For statements with range clause").
    pub(super) fn range(
        &mut self,
        key: Option<&Expr>,
        value: Option<&Expr>,
        define: bool,
        x: &Expr,
        body: &[Stmt],
    ) {
        let label = self.pending_label.take();
        let xt = self.type_of(x);
        if self.pl.prog.types.is_map(xt) {
            self.range_map(key, value, define, x, body, label);
            return;
        }
        if self.pl.prog.types.is_chan(xt) {
            self.range_chan(key, define, x, body, label);
            return;
        }
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
        let targets = self.range_targets([(key, key_t), (value, val_t)], define);
        let i_var = self.new_var(clt::I64);
        let next_var = self.new_var(clt::I64);
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
        } else if targets[1].is_some() {
            let et = val_t;
            let esize = self.size(et) as i64;
            let off = self.b.ins().imul_imm_s(i, esize);
            let a = self.b.ins().iadd(base, off);
            Some(self.load(et, a))
        } else {
            None
        };
        self.assign_range_targets(&targets, [Some(Val::Scalar(i)), v]);
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

    pub(super) fn return_(&mut self, values: &[Expr]) {
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
        self.return_vals(vals);
    }

    /// Returns the values of the function's results.
    pub(super) fn return_vals(&mut self, vals: Vec<Val>) {
        if !self.inlining.is_empty() {
            return self.inline_return(vals);
        }
        let types = self.result_types.clone();
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
    pub(super) fn assign(&mut self, lhs: &[Expr], rhs: &[Expr]) {
        let many = lhs.len() > 1;
        let places: Vec<Option<Place>> = lhs
            .iter()
            .map(|l| {
                if matches!(&l.kind, ExprKind::Ident(n) if n == "_") {
                    return None;
                }
                let l = strip_parens(l);
                if let (true, ExprKind::Index(x, i)) = (many, &l.kind) {
                    if let Some(ip) = self.index_operands(l.pos, x, i) {
                        return Some(Place::Index(ip));
                    }
                }
                Some(self.place(l))
            })
            .collect();
        let vals = self.expr_list(rhs);
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
}

/// A key or value of a range loop that is stored each iteration (stmt.rs range_targets).
pub(super) enum RangeTarget<'e> {
    /// A variable the loop declares, of the type given.
    Var(ObjId, TypeId),
    /// An expression assigned to, of the iteration value's type.
    Assign(&'e Expr, TypeId),
}

impl RangeTarget<'_> {
    /// The type of the iteration value stored here.
    pub(super) fn ty(&self) -> TypeId {
        match *self {
            RangeTarget::Var(_, t) | RangeTarget::Assign(_, t) => t,
        }
    }
}
