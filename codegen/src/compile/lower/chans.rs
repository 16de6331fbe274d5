//! Channels and select (Go spec, "Channel types", "Send statements", "Receive operator",
//! "Select statements"), lowered to the runtime's functions (runtime/pkg/runtime/chan.go,
//! select.go) as Go's walk does (cmd/compile/internal/walk/select.go): a channel is one word,
//! the runtime's *hchan; a value travels through a temporary whose address the runtime gets.
//!
//! A select becomes, by its shape: `select {}` runtime.block; a lone default its body; one
//! case the plain operation; one case and a default selectnbsend/selectnbrecv; otherwise
//! the case operands evaluated once in source order, an scase array (sends first, then
//! receives, each in source order) for runtime.selectgo, and a dispatch on its result.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{
    types as clt, AbiParam, InstBuilder, Signature as ClSig, StackSlotData, StackSlotKind,
    TrapCode, Value,
};
use cranelift_codegen::isa::CallConv;

use super::{flags, BranchTarget, FnLower, Val};
use crate::compile::ast::*;
use crate::compile::check::strip_parens;
use crate::compile::types::TypeId;

/// runtime.scase: {c *hchan; elem unsafe.Pointer}.
const SCASE_SIZE: u32 = 16;

/// A select case's communication, its operands evaluated.
enum Comm<'e> {
    Send {
        c: Value,
        elem: Value,
    },
    /// A receive, the statement that binds its results (None: `case <-c:`).
    Recv {
        c: Value,
        elem: Value,
        et: TypeId,
        bind: Option<&'e Stmt>,
    },
}

impl FnLower<'_, '_> {
    fn rt_sig(&self, params: &[clt::Type], returns: &[clt::Type]) -> ClSig {
        let mut sig = ClSig::new(CallConv::SystemV);
        sig.params = params.iter().map(|&t| AbiParam::new(t)).collect();
        sig.returns = returns.iter().map(|&t| AbiParam::new(t)).collect();
        sig
    }

    fn chan_elem(&self, ct: TypeId) -> TypeId {
        self.pl.prog.types.chan_types(ct).map_or(0, |(_, e)| e)
    }

    /// `make(chan T[, n])`: runtime.makechan(type, n), which panics on a size out of range.
    pub(super) fn make_chan(&mut self, t: TypeId, size: Option<&Expr>) -> Val {
        let n = match size {
            Some(e) => self.index_value(e),
            None => self.b.ins().iconst(clt::I64, 0),
        };
        let d = self.desc_addr(t);
        let sig = self.rt_sig(&[clt::I64, clt::I64], &[clt::I64]);
        Val::Scalar(self.call_symbol("runtime.makechan", &sig, &[d, n])[0])
    }

    /// len(c) or cap(c): the runtime's, 0 for a nil channel.
    pub(super) fn chan_len_cap(&mut self, c: Value, len: bool) -> Value {
        let sig = self.rt_sig(&[clt::I64], &[clt::I64]);
        let f = if len {
            "runtime.chanlen"
        } else {
            "runtime.chancap"
        };
        self.call_symbol(f, &sig, &[c])[0]
    }

    pub(super) fn close_chan(&mut self, c: Value) {
        let sig = self.rt_sig(&[clt::I64], &[]);
        self.call_symbol("runtime.closechan", &sig, &[c]);
    }

    /// `ch <- v`: the channel, then the value (Go spec, "Send statements"), stored in a
    /// temporary for runtime.chansend1.
    pub(super) fn send(&mut self, ch: &Expr, value: &Expr) {
        let (c, elem) = self.send_operands(ch, value);
        let sig = self.rt_sig(&[clt::I64, clt::I64], &[]);
        self.call_symbol("runtime.chansend1", &sig, &[c, elem]);
    }

    /// A send's channel and the address of a temporary holding its value.
    fn send_operands(&mut self, ch: &Expr, value: &Expr) -> (Value, Value) {
        let c = self.scalar(ch);
        let et = self.chan_elem(self.type_of(ch));
        let v = self.expr(value);
        let tmp = self.temp(et);
        self.store(et, tmp, v);
        (c, tmp)
    }

    /// `<-c`, or (v, ok) when the checker marked it comma-ok: runtime.chanrecv1/2 into a
    /// zeroed temporary (a closed channel leaves it zero).
    pub(super) fn recv(&mut self, e: &Expr, x: &Expr) -> Val {
        let comma_ok = self.prog().info.comma_ok.contains(&e.id);
        let c = self.scalar(x);
        let et = self.chan_elem(self.type_of(x));
        let tmp = self.temp(et);
        if comma_ok {
            let sig = self.rt_sig(&[clt::I64, clt::I64], &[clt::I8]);
            let ok = self.call_symbol("runtime.chanrecv2", &sig, &[c, tmp])[0];
            let v = self.load(et, tmp);
            return Val::Tuple(vec![v, Val::Scalar(ok)]);
        }
        let sig = self.rt_sig(&[clt::I64, clt::I64], &[]);
        self.call_symbol("runtime.chanrecv1", &sig, &[c, tmp]);
        self.load(et, tmp)
    }

    /// `for v := range c`: receive until the channel is closed (chanrecv2's false).
    pub(super) fn range_chan(
        &mut self,
        key: Option<&Expr>,
        define: bool,
        x: &Expr,
        body: &[Stmt],
        label: Option<String>,
    ) {
        let c = self.scalar(x);
        let et = self.chan_elem(self.type_of(x));
        let targets = self.range_targets([(key, et), (None, 0)], define);
        let head = self.b.create_block();
        let body_b = self.b.create_block();
        let exit = self.b.create_block();
        self.b.ins().jump(head, &[]);
        self.b.switch_to_block(head);
        let tmp = self.temp(et);
        let sig = self.rt_sig(&[clt::I64, clt::I64], &[clt::I8]);
        let ok = self.call_symbol("runtime.chanrecv2", &sig, &[c, tmp])[0];
        self.b.ins().brif(ok, body_b, &[], exit, &[]);
        self.b.switch_to_block(body_b);
        self.b.seal_block(body_b);
        self.terminated = false;
        if let Some(t) = &targets[0] {
            let v = self.load(et, tmp);
            let v = self.own(v, et);
            self.assign_range_target(t, v);
        }
        let target = BranchTarget {
            label,
            cont: Some(head),
            brk: exit,
        };
        self.breakable_body(target, body, head);
        self.b.seal_block(head);
        self.b.switch_to_block(exit);
        self.b.seal_block(exit);
        self.terminated = false;
    }

    /// A select statement (see the module comment for its shapes).
    pub(super) fn select(&mut self, cases: &[CommClause]) {
        let label = self.pending_label.take();
        // The select statement's own place, for its runtime calls (a goroutine blocked in
        // one shows the `select` line, as in Go's tracebacks); each case's operands get
        // the case's (comm_operands).
        let at = self.b.srcloc();
        let default = cases.iter().position(|c| c.comm.is_none());
        let comms: Vec<usize> = (0..cases.len()).filter(|&i| Some(i) != default).collect();
        let end = self.b.create_block();
        match (comms.len(), default) {
            (0, None) => {
                let sig = self.rt_sig(&[], &[]);
                self.call_symbol("runtime.block", &sig, &[]);
                self.b.ins().trap(TrapCode::unwrap_user(1));
                self.terminated = true;
                self.b.switch_to_block(end);
                self.b.seal_block(end);
                self.terminated = false;
                // Nothing follows a select{} (end has no predecessor).
                return;
            }
            (0, Some(d)) => {
                self.clause_body(&label, &cases[d].body, end);
            }
            (1, None) => {
                let c = &cases[comms[0]];
                if let Some(comm) = &c.comm {
                    self.stmt(comm);
                }
                self.ensure_open();
                self.clause_body(&label, &c.body, end);
            }
            (1, Some(d)) => {
                let c = &cases[comms[0]];
                let comm = self.comm_operands(c.comm.as_deref().expect("a case"));
                let (yes, no) = (self.b.create_block(), self.b.create_block());
                let received = match &comm {
                    Comm::Send { c, elem } => {
                        let sig = self.rt_sig(&[clt::I64, clt::I64], &[clt::I8]);
                        self.b.set_srcloc(at);
                        let sel = self.call_symbol("runtime.selectnbsend", &sig, &[*c, *elem])[0];
                        self.b.ins().brif(sel, yes, &[], no, &[]);
                        None
                    }
                    Comm::Recv { c, elem, .. } => {
                        let sig = self.rt_sig(&[clt::I64, clt::I64], &[clt::I8, clt::I8]);
                        self.b.set_srcloc(at);
                        let r = self.call_symbol("runtime.selectnbrecv", &sig, &[*elem, *c]);
                        self.b.ins().brif(r[0], yes, &[], no, &[]);
                        Some(r[1])
                    }
                };
                self.b.switch_to_block(yes);
                self.b.seal_block(yes);
                self.terminated = false;
                self.bind_received(&comm, received);
                self.clause_body(&label, &c.body, end);
                self.b.switch_to_block(no);
                self.b.seal_block(no);
                self.terminated = false;
                self.clause_body(&label, &cases[d].body, end);
            }
            (n, default) => {
                // Go spec: every case's channel and sent value, once, in source order.
                let ops: Vec<Comm> = comms
                    .iter()
                    .map(|&i| self.comm_operands(cases[i].comm.as_deref().expect("a case")))
                    .collect();
                let nsends = ops
                    .iter()
                    .filter(|c| matches!(c, Comm::Send { .. }))
                    .count();
                let cas = self.b.create_sized_stack_slot(StackSlotData::new(
                    StackSlotKind::ExplicitSlot,
                    SCASE_SIZE * n as u32,
                    3,
                ));
                let order = self.b.create_sized_stack_slot(StackSlotData::new(
                    StackSlotKind::ExplicitSlot,
                    4 * n as u32,
                    3,
                ));
                let cas0 = self.b.ins().stack_addr(clt::I64, cas, 0);
                let order0 = self.b.ins().stack_addr(clt::I64, order, 0);
                // Each case's index in cas0: sends first, then receives.
                let (mut si, mut ri) = (0usize, nsends);
                let mut index = Vec::new();
                for op in &ops {
                    let (i, c, elem) = match op {
                        Comm::Send { c, elem } => {
                            si += 1;
                            (si - 1, *c, *elem)
                        }
                        Comm::Recv { c, elem, .. } => {
                            ri += 1;
                            (ri - 1, *c, *elem)
                        }
                    };
                    let off = (SCASE_SIZE as usize * i) as i32;
                    self.b.ins().store(flags(), c, cas0, off);
                    self.b.ins().store(flags(), elem, cas0, off + 8);
                    index.push(i);
                }
                let ns = self.b.ins().iconst(clt::I64, nsends as i64);
                let nr = self.b.ins().iconst(clt::I64, (n - nsends) as i64);
                let block = self.b.ins().iconst(clt::I8, default.is_none() as i64);
                let sig = self.rt_sig(
                    &[clt::I64, clt::I64, clt::I64, clt::I64, clt::I8],
                    &[clt::I64, clt::I8],
                );
                self.b.set_srcloc(at);
                let r = self.call_symbol("runtime.selectgo", &sig, &[cas0, order0, ns, nr, block]);
                let (chosen, recv_ok) = (r[0], r[1]);
                for (k, op) in ops.iter().enumerate() {
                    let yes = self.b.create_block();
                    let next = self.b.create_block();
                    let is = self
                        .b
                        .ins()
                        .icmp_imm_s(IntCC::Equal, chosen, index[k] as i64);
                    self.b.ins().brif(is, yes, &[], next, &[]);
                    self.b.switch_to_block(yes);
                    self.b.seal_block(yes);
                    self.terminated = false;
                    let received = matches!(op, Comm::Recv { .. }).then_some(recv_ok);
                    self.bind_received(op, received);
                    self.clause_body(&label, &cases[comms[k]].body, end);
                    self.b.switch_to_block(next);
                    self.b.seal_block(next);
                    self.terminated = false;
                }
                // Only the default remains (selectgo returns -1 only when it does not block).
                match default {
                    Some(d) => self.clause_body(&label, &cases[d].body, end),
                    None => {
                        self.b.ins().trap(TrapCode::unwrap_user(1));
                    }
                }
            }
        }
        self.b.switch_to_block(end);
        self.b.seal_block(end);
        self.terminated = false;
    }

    /// A clause's statements, with `break` leaving the select for `end`.
    fn clause_body(
        &mut self,
        label: &Option<String>,
        body: &[Stmt],
        end: cranelift_codegen::ir::Block,
    ) {
        let target = BranchTarget {
            label: label.clone(),
            cont: None,
            brk: end,
        };
        self.breakable_body(target, body, end);
    }

    /// Evaluates a case's channel (and value to send).
    fn comm_operands<'e>(&mut self, s: &'e Stmt) -> Comm<'e> {
        // A fault evaluating the operands is reported at the case's line.
        self.set_loc(s.pos);
        let (x, bind) = match &s.kind {
            StmtKind::Send { ch, value } => {
                let (c, elem) = self.send_operands(ch, value);
                return Comm::Send { c, elem };
            }
            StmtKind::Expr(e) => (e, None),
            StmtKind::ShortVar { values, .. } => (&values[0], Some(s)),
            StmtKind::Assign { rhs, .. } => (&rhs[0], Some(s)),
            _ => unreachable!("the checker allows no other case"),
        };
        let ExprKind::Unary(UnOp::Recv, ch) = &strip_parens(x).kind else {
            unreachable!("the checker allows only a receive here")
        };
        let c = self.scalar(ch);
        let et = self.chan_elem(self.type_of(ch));
        let elem = self.temp(et);
        Comm::Recv { c, elem, et, bind }
    }

    /// After a receive case fired: its value (and ok) to the variables or expressions of
    /// `v, ok := <-c` / `v, ok = <-c`.
    fn bind_received(&mut self, comm: &Comm, ok: Option<Value>) {
        let Comm::Recv {
            elem,
            et,
            bind: Some(s),
            ..
        } = comm
        else {
            return;
        };
        let v = self.load(*et, *elem);
        let v = self.own(v, *et);
        let ok = ok.map(Val::Scalar);
        match &s.kind {
            StmtKind::ShortVar { names, .. } => {
                for (i, (n, pos)) in names.iter().enumerate() {
                    let val = match (i, &ok) {
                        _ if n == "_" => continue,
                        (0, _) => v.clone(),
                        (_, Some(ok)) => ok.clone(),
                        (_, None) => continue,
                    };
                    let Some(&o) = self.prog().info.defs.get(pos) else {
                        continue;
                    };
                    let t = self.prog().objs[o as usize].ty;
                    if self.vars.contains_key(&o) && self.prog().objs[o as usize].pos != *pos {
                        self.store_var(o, t, val);
                    } else {
                        self.declare_var(o, t, Some(val));
                    }
                }
            }
            StmtKind::Assign { lhs, .. } => {
                let places: Vec<_> = lhs
                    .iter()
                    .map(|l| {
                        (!matches!(&l.kind, ExprKind::Ident(n) if n == "_")).then(|| self.place(l))
                    })
                    .collect();
                let vals = [Some(v), ok];
                for ((p, l), val) in places.iter().zip(lhs).zip(vals) {
                    let (Some(p), Some(val)) = (p, val) else {
                        continue;
                    };
                    let lt = self.type_of(l);
                    // The value is the element; ok is an (untyped) bool, boxed when it goes
                    // to an interface (`_, ok = <-c` with ok of type any).
                    let from = if std::ptr::eq(l, &lhs[0]) {
                        *et
                    } else {
                        self.pl.prog.types.basic(crate::compile::types::Basic::Bool)
                    };
                    let convert = self.pl.prog.types.is_interface(lt)
                        && !self.pl.prog.types.identical(from, lt);
                    let val = if convert {
                        self.convert_to_iface(val, from, lt)
                    } else {
                        val
                    };
                    self.write_place(p, lt, val);
                }
            }
            _ => {}
        }
    }
}
