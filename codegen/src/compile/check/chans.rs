//! Channels and goroutines in the checker (Go spec, "Channel types", "Receive operator",
//! "Send statements", "Select statements", "Go statements"; types2 expr.go unary, stmt.go,
//! builtins.go _Close): receives, sends, close, select clauses, and the comma-ok receive.
//! Messages and positions are Go 1.19's (`go build`), which report an operand at its start.

use super::exprstring::{start_pos, strip_parens};
use super::operand::{Mode, Operand};
use super::{Checker, Target};
use crate::compile::ast::*;
use crate::compile::types::{Basic, ChanDir, TypeId};

impl Checker {
    /// `<-x`: x must be a channel that can receive; the value is its element (types2 unary,
    /// syntax.Recv). A receive counts as a call for `len` of an array (hasCallOrRecv).
    pub(super) fn recv_expr(&mut self, x: &Expr) -> Operand {
        let xo = self.expr(x);
        if xo.mode == Mode::Invalid {
            return xo;
        }
        let Some((dir, elem)) = self.prog.types.chan_types(xo.ty) else {
            let why = self.no_core_type(xo.ty);
            let msg = match why {
                Some(why) => format!("cannot receive from {}: {why}", self.describe(x, &xo)),
                None => format!("cannot receive from non-channel {}", self.describe(x, &xo)),
            };
            self.error(start_pos(x), format!("invalid operation: {msg}"));
            return Operand::invalid();
        };
        if !dir.can_recv() {
            self.error(
                start_pos(x),
                format!(
                    "invalid operation: cannot receive from send-only channel {}",
                    self.describe(x, &xo)
                ),
            );
            return Operand::invalid();
        }
        self.has_call = true;
        self.value(elem)
    }

    /// types2's "no core type" cause for a type parameter without one.
    fn no_core_type(&self, t: TypeId) -> Option<&'static str> {
        let types = &self.prog.types;
        (types.is_type_param(t) && types.under(t) == t).then_some("no core type")
    }

    /// `ch <- v` (types2 stmt.go SendStmt): reported at the channel's start.
    pub(super) fn send_stmt(&mut self, ch: &Expr, value: &Expr) {
        let co = self.expr(ch);
        let mut vo = self.expr(value);
        if co.mode == Mode::Invalid || vo.mode == Mode::Invalid {
            return;
        }
        let Some((dir, elem)) = self.prog.types.chan_types(co.ty) else {
            let msg = match self.no_core_type(co.ty) {
                Some(why) => format!("cannot send to {}: {why}", self.describe(ch, &co)),
                None => format!("cannot send to non-channel {}", self.describe(ch, &co)),
            };
            self.error(start_pos(ch), format!("invalid operation: {msg}"));
            return;
        };
        if !dir.can_send() {
            self.error(
                start_pos(ch),
                format!(
                    "invalid operation: cannot send to receive-only channel {}",
                    self.describe(ch, &co)
                ),
            );
            return;
        }
        self.assign(value, &mut vo, elem, "send");
    }

    /// `close(c)` (types2 builtins.go _Close).
    pub(super) fn close_builtin(&mut self, ops: &[(&Expr, Operand)]) -> Operand {
        let (a, op) = ops[0].clone();
        let types = &self.prog.types;
        let fault = |t: TypeId| match types.chan_types(t) {
            None => Some("cannot close non-channel"),
            Some((ChanDir::Recv, _)) => Some("cannot close receive-only channel"),
            Some(_) => None,
        };
        // A type parameter's every type must be a channel that may be closed, whatever its
        // element (types2's underIs): `T interface{ chan int | chan float32 }` has no core
        // type, and close(t) is valid.
        let each = types.specific_types(op.ty);
        let what = if each.is_empty() {
            Some("cannot close non-channel")
        } else {
            each.into_iter().find_map(fault)
        };
        if let Some(what) = what {
            self.error(
                start_pos(a),
                format!("invalid operation: {what} {}", self.describe(a, &op)),
            );
            return Operand::invalid();
        }
        Operand {
            mode: Mode::NoValue,
            ty: 0,
            val: None,
        }
    }

    /// The comma-ok receive `v, ok = <-c` (Go spec, "Receive operator"), when `values` is a
    /// lone receive and two values are wanted: (element, untyped bool) operands.
    pub(super) fn recv_comma_ok<'e>(
        &mut self,
        values: &'e [Expr],
        want: usize,
    ) -> Option<Vec<(&'e Expr, Operand)>> {
        if values.len() != 1 || want != 2 || !is_recv(&values[0]) {
            return None;
        }
        let op = self.expr(&values[0]);
        if op.mode == Mode::Invalid {
            return Some(vec![(&values[0], op)]);
        }
        self.prog.info.comma_ok.insert(strip_parens(&values[0]).id);
        let b = self.basic(Basic::UntypedBool);
        Some(vec![(&values[0], op), (&values[0], self.value(b))])
    }

    /// A select statement (types2 stmt.go SelectStmt): at most one default; each case a
    /// send, a receive, or an assignment or declaration from one receive; each clause is a
    /// scope of its own, and `break` leaves the select.
    pub(super) fn select_stmt(&mut self, cases: &[CommClause]) {
        let label = self.pending_label.take();
        let mut default_at: Option<Pos> = None;
        for c in cases {
            if c.comm.is_none() {
                match default_at {
                    Some(first) => {
                        let at = self.pos_string(first);
                        self.error(c.pos, format!("multiple defaults (first at {at})"));
                    }
                    None => default_at = Some(c.pos),
                }
            }
        }
        for c in cases {
            if let Some(comm) = &c.comm {
                if let Some(at) = invalid_comm(comm) {
                    self.error(
                        at,
                        "select case must be send or receive (possibly with assignment)",
                    );
                    continue;
                }
            }
            self.targets.push(Target {
                is_loop: false,
                label: label.clone(),
            });
            self.scopes.push();
            if let Some(comm) = &c.comm {
                self.stmt(comm);
            }
            self.stmt_block(&c.body, c.pos);
            self.scopes.pop();
            self.targets.pop();
        }
    }
}

/// Whether e is a receive `<-x` (parentheses aside).
pub(super) fn is_recv(e: &Expr) -> bool {
    matches!(strip_parens(e).kind, ExprKind::Unary(UnOp::Recv, _))
}

/// Where Go reports a select case that is no communication (None for a valid one): a send;
/// a receive alone; `a, b = <-c` or `a, b := <-c` with one receive on the right. An
/// op-assignment from a receive (`x += <-c`) passes types2 but stops Go 1.19's compiler
/// (an internal error in walk), so it is refused here with the same message.
fn invalid_comm(s: &Stmt) -> Option<Pos> {
    match &s.kind {
        StmtKind::Send { .. } => None,
        StmtKind::Expr(e) if is_recv(e) => None,
        // syntax.ExprStmt's position is its expression's node position: the `(` of a call.
        StmtKind::Expr(e) => Some(e.pos),
        StmtKind::Assign {
            lhs, op: None, rhs, ..
        } if rhs.len() == 1 && is_recv(&rhs[0]) => {
            let _ = lhs;
            None
        }
        StmtKind::ShortVar { values, .. } if values.len() == 1 && is_recv(&values[0]) => None,
        StmtKind::Assign { lhs, .. } => Some(start_pos(&lhs[0])),
        StmtKind::IncDec(e, _) => Some(start_pos(e)),
        StmtKind::ShortVar { names, .. } => Some(names[0].1),
        _ => Some(s.pos),
    }
}
