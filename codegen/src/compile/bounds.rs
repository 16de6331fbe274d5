//! Bounds-check elimination for the two loop shapes that index a slice or array with their
//! own counter: `for i := range x { ... x[i] ... }` and
//! `for i := c; i < len(x); i++ { ... x[i] ... }`.
//!
//! Inside such a loop's body, `0 <= i < len(x)` holds as long as neither `i` nor `x` is
//! assigned there, so `x[i]` needs no check. The lowering asks [`counted_range`] or
//! [`counted_for`] for the (index variable, indexed variable) pair a loop proves and keeps it
//! while it lowers the body; the caller also requires both variables to live in SSA
//! variables (never address-taken), so no pointer can change them behind the loop's back.
//! This is the simplest case of what Go's `prove` pass does (cmd/compile/internal/ssa/prove.go),
//! which finds induction variables and their bounds in general.
//!
//! Everything here is conservative: an assignment or declaration of either *name* anywhere
//! in the body, even of a shadowing variable, keeps the checks.

use super::ast::{BinOp, Expr, ExprKind, Stmt, StmtKind};
use super::check::{strip_parens, Builtin, CallKind, Info, ObjId};
use super::types::Const;

/// The variable an expression names, when it is just an identifier.
pub fn var_of(info: &Info, e: &Expr) -> Option<ObjId> {
    let e = strip_parens(e);
    match &e.kind {
        ExprKind::Ident(_) => info.uses.get(&e.id).copied(),
        _ => None,
    }
}

fn name_of(e: &Expr) -> Option<&str> {
    match &strip_parens(e).kind {
        ExprKind::Ident(n) => Some(n),
        _ => None,
    }
}

/// `for k := range x` (or `for k, v := range x`): the pair (k, x) when the body leaves both
/// names alone. The range expression is evaluated once, so its length is the one `x` has
/// throughout the body.
pub fn counted_range(
    info: &Info,
    key: Option<&Expr>,
    define: bool,
    x: &Expr,
    body: &[Stmt],
) -> Option<(ObjId, ObjId)> {
    let key = key?;
    if !define {
        return None;
    }
    let (k_name, x_name) = (name_of(key)?, name_of(x)?);
    let k = *info.defs.get(&key.pos)?;
    let xo = var_of(info, x)?;
    if assigns(body, k_name) || assigns(body, x_name) {
        return None;
    }
    Some((k, xo))
}

/// `for i := start; i < len(x); i++`: the pair (i, x) when `start` is known not to be
/// negative and the body leaves both names alone. `i++` cannot overflow, since `i < len(x)`
/// held just before it. `nonneg` says whether a variable is known to be a valid index (so
/// `j + 1` is at most `len`, and not negative).
pub fn counted_for(
    info: &Info,
    init: Option<&Stmt>,
    cond: Option<&Expr>,
    post: Option<&Stmt>,
    body: &[Stmt],
    nonneg: impl Fn(ObjId) -> bool,
) -> Option<(ObjId, ObjId)> {
    let StmtKind::ShortVar { names, values } = &init?.kind else {
        return None;
    };
    let ([(i_name, i_pos)], [start]) = (names.as_slice(), values.as_slice()) else {
        return None;
    };
    let i = *info.defs.get(i_pos)?;
    if !non_negative(info, start, &nonneg) {
        return None;
    }
    // The condition: i < len(x).
    let ExprKind::Binary(BinOp::Lt, lhs, rhs) = &strip_parens(cond?).kind else {
        return None;
    };
    if var_of(info, lhs) != Some(i) {
        return None;
    }
    let rhs = strip_parens(rhs);
    let ExprKind::Call { args, .. } = &rhs.kind else {
        return None;
    };
    if !matches!(
        info.calls.get(&rhs.id),
        Some(CallKind::Builtin(Builtin::Len))
    ) {
        return None;
    }
    let [x] = args.as_slice() else {
        return None;
    };
    let (xo, x_name) = (var_of(info, x)?, name_of(x)?);
    // The post statement: i++ or i += 1.
    let steps_by_one = match &post?.kind {
        StmtKind::IncDec(e, true) => var_of(info, e) == Some(i),
        StmtKind::Assign {
            lhs,
            op: Some(BinOp::Add),
            rhs,
        } => {
            lhs.len() == 1
                && var_of(info, &lhs[0]) == Some(i)
                && matches!(info.consts.get(&rhs[0].id), Some(Const::Int(1)))
        }
        _ => false,
    };
    if !steps_by_one || assigns(body, i_name) || assigns(body, x_name) {
        return None;
    }
    Some((i, xo))
}

/// Whether an integer expression is known to be at least 0 and at most MaxInt: a
/// non-negative constant, `len(_)`, or `j + 1` for a j known to be a valid index.
fn non_negative(info: &Info, e: &Expr, nonneg: &impl Fn(ObjId) -> bool) -> bool {
    if let Some(c) = info.consts.get(&e.id) {
        return matches!(c, Const::Int(v) if *v >= 0);
    }
    match &strip_parens(e).kind {
        ExprKind::Call { .. } => matches!(
            info.calls.get(&strip_parens(e).id),
            Some(CallKind::Builtin(Builtin::Len))
        ),
        ExprKind::Binary(BinOp::Add, a, b) => {
            var_of(info, a).is_some_and(nonneg)
                && matches!(info.consts.get(&b.id), Some(Const::Int(1)))
        }
        _ => false,
    }
}

/// Whether any statement in `stmts` (nested ones included) assigns, increments or declares
/// `name`.
pub fn assigns(stmts: &[Stmt], name: &str) -> bool {
    stmts.iter().any(|s| stmt_assigns(s, name))
}

fn stmt_assigns(s: &Stmt, name: &str) -> bool {
    let is = |e: &Expr| name_of(e) == Some(name);
    let opt = |s: &Option<Box<Stmt>>| s.as_deref().is_some_and(|s| stmt_assigns(s, name));
    match &s.kind {
        StmtKind::ShortVar { names, .. } => names.iter().any(|(n, _)| n == name),
        StmtKind::Var(spec) => spec.names.iter().any(|(n, _)| n == name),
        StmtKind::Assign { lhs, .. } => lhs.iter().any(is),
        StmtKind::IncDec(e, _) => is(e),
        StmtKind::Block(b) => assigns(b, name),
        StmtKind::If {
            init, then, els, ..
        } => opt(init) || assigns(then, name) || opt(els),
        StmtKind::For {
            init, post, body, ..
        } => opt(init) || opt(post) || assigns(body, name),
        StmtKind::Labeled(_, s) => stmt_assigns(s, name),
        StmtKind::Switch { init, cases, .. } => {
            opt(init) || cases.iter().any(|c| assigns(&c.body, name))
        }
        StmtKind::TypeSwitch {
            init, bind, cases, ..
        } => {
            opt(init)
                || bind.as_ref().is_some_and(|(n, _)| n == name)
                || cases.iter().any(|c| assigns(&c.body, name))
        }
        StmtKind::Range {
            key, value, body, ..
        } => key.as_ref().is_some_and(is) || value.as_ref().is_some_and(is) || assigns(body, name),
        StmtKind::Empty
        | StmtKind::Expr(_)
        | StmtKind::Const(_)
        | StmtKind::Type(_)
        | StmtKind::Break(_)
        | StmtKind::Continue(_)
        | StmtKind::Goto(..)
        | StmtKind::Fallthrough
        | StmtKind::Return(_)
        | StmtKind::Unsupported(_) => false,
    }
}
