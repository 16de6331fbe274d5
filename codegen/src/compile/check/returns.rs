//! Terminating statements (Go spec, "Terminating statements"; go/types return.go), for the
//! "missing return" check.

use super::{Builtin, CallKind, Checker};
use crate::compile::ast::*;

impl Checker {
    /// Go spec, "Terminating statements".
    pub(super) fn terminates_list(&self, stmts: &[Stmt]) -> bool {
        stmts
            .iter()
            .rev()
            .find(|s| !matches!(s.kind, StmtKind::Empty))
            .is_some_and(|s| self.terminates(s))
    }

    pub(super) fn terminates(&self, s: &Stmt) -> bool {
        match &s.kind {
            StmtKind::Return(_) => true,
            StmtKind::Block(b) => self.terminates_list(b),
            StmtKind::If { then, els, .. } => {
                els.as_ref().is_some_and(|e| self.terminates(e)) && self.terminates_list(then)
            }
            StmtKind::For {
                cond: None, body, ..
            } => !has_break(body, None, true),
            StmtKind::Labeled(l, inner) => match &inner.kind {
                StmtKind::For {
                    cond: None, body, ..
                } => !has_break(body, Some(l), true),
                StmtKind::Switch { cases, .. } | StmtKind::TypeSwitch { cases, .. } => {
                    self.switch_terminates(cases, Some(l))
                }
                StmtKind::Select { cases, .. } => self.select_terminates(cases, Some(l)),
                _ => self.terminates(inner),
            },
            StmtKind::Switch { cases, .. } | StmtKind::TypeSwitch { cases, .. } => {
                self.switch_terminates(cases, None)
            }
            StmtKind::Select { cases, .. } => self.select_terminates(cases, None),
            StmtKind::Goto(..) => true,
            StmtKind::Unsupported(_) => true,
            StmtKind::Expr(e) => self.is_panic_call(e),
            _ => false,
        }
    }

    /// A switch terminates when it has a default, no break, and every clause ends in a
    /// terminating statement or fallthrough.
    pub(super) fn switch_terminates(&self, cases: &[CaseClause], label: Option<&String>) -> bool {
        cases.iter().any(|c| c.exprs.is_none())
            && cases.iter().all(|c| {
                !has_break(&c.body, label, false)
                    && (self.terminates_list(&c.body)
                        || c.body
                            .last()
                            .is_some_and(|s| matches!(s.kind, StmtKind::Fallthrough)))
            })
    }

    /// A select terminates when no break leaves it and every clause ends in a terminating
    /// statement (`select {}` among them).
    fn select_terminates(&self, cases: &[CommClause], label: Option<&String>) -> bool {
        cases
            .iter()
            .all(|c| !has_break(&c.body, label, false) && self.terminates_list(&c.body))
    }

    pub(super) fn is_panic_call(&self, e: &Expr) -> bool {
        matches!(
            self.prog.info.calls.get(&e.id),
            Some(CallKind::Builtin(Builtin::Panic))
        )
    }
}

/// Whether statements contain a `break` that leaves the enclosing statement (unlabeled
/// breaks count unless a nested loop or switch captures them; `label` matches labeled ones).
/// `in_loop`: nested switches capture unlabeled breaks too.
pub(super) fn has_break(stmts: &[Stmt], label: Option<&String>, in_loop: bool) -> bool {
    let _ = in_loop;
    stmts.iter().any(|s| stmt_has_break(s, label, true))
}

pub(super) fn stmt_has_break(s: &Stmt, label: Option<&String>, unlabeled: bool) -> bool {
    match &s.kind {
        StmtKind::Break(None) => unlabeled,
        StmtKind::Break(Some((l, _))) => label == Some(l),
        StmtKind::Block(b) => b.iter().any(|s| stmt_has_break(s, label, unlabeled)),
        StmtKind::If { then, els, .. } => {
            then.iter().any(|s| stmt_has_break(s, label, unlabeled))
                || els
                    .as_ref()
                    .is_some_and(|e| stmt_has_break(e, label, unlabeled))
        }
        StmtKind::Labeled(_, inner) => stmt_has_break(inner, label, unlabeled),
        // Nested breakable statements capture unlabeled breaks.
        StmtKind::For { body, .. } | StmtKind::Range { body, .. } => {
            body.iter().any(|s| stmt_has_break(s, label, false))
        }
        StmtKind::Switch { cases, .. } | StmtKind::TypeSwitch { cases, .. } => cases
            .iter()
            .any(|c| c.body.iter().any(|s| stmt_has_break(s, label, false))),
        StmtKind::Select { cases, .. } => cases
            .iter()
            .any(|c| c.body.iter().any(|s| stmt_has_break(s, label, false))),
        _ => false,
    }
}
