//! Bounds-check elimination for the loop shapes that index a slice or array with their own
//! counter: `for i := range x { ... x[i] ... }`, `for i := c; i < len(x); i++ { ... }` and
//! `for i := len(x) - 1; i >= 0; i-- { ... }`.
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

/// `for i := start; i < len(x); i++` or `for i := len(x) - 1; i >= 0; i--`: the pair (i, x)
/// when the body leaves both names alone (and, counting up, `start` is known not to be
/// negative). Counting up, `i++` cannot overflow, since `i < len(x)` held just before it;
/// counting down, `i` starts below `len(x)` and stops at 0. `nonneg` says whether a variable
/// is known to be a valid index (so `j + 1` is at most `len`, and not negative).
pub fn counted_for(
    info: &Info,
    init: Option<&Stmt>,
    cond: Option<&Expr>,
    post: Option<&Stmt>,
    body: &[Stmt],
    nonneg: impl Fn(ObjId) -> bool,
) -> Option<(ObjId, ObjId)> {
    let (i, i_name, start) = short_var(info, init)?;
    let (x, up) = if let Some(x) = counted_up(info, i, start, cond?, &nonneg) {
        (x, true)
    } else {
        (counted_down(info, i, start, cond?)?, false)
    };
    let (xo, x_name) = (var_of(info, x)?, name_of(x)?);
    if !steps_by_one(info, post, i, up) || assigns(body, i_name) || assigns(body, x_name) {
        return None;
    }
    Some((i, xo))
}

/// With `start` not negative and the condition `i < len(x)`: x.
fn counted_up<'a>(
    info: &Info,
    i: ObjId,
    start: &Expr,
    cond: &'a Expr,
    nonneg: &impl Fn(ObjId) -> bool,
) -> Option<&'a Expr> {
    if !non_negative(info, start, nonneg) {
        return None;
    }
    let ExprKind::Binary(BinOp::Lt, lhs, rhs) = &strip_parens(cond).kind else {
        return None;
    };
    if var_of(info, lhs) != Some(i) {
        return None;
    }
    len_of(info, rhs)
}

/// With `start` = `len(x) - 1` and the condition `i >= 0` (or `0 <= i`): x.
fn counted_down<'a>(info: &Info, i: ObjId, start: &'a Expr, cond: &Expr) -> Option<&'a Expr> {
    let ExprKind::Binary(BinOp::Sub, l, one) = &strip_parens(start).kind else {
        return None;
    };
    let at_least_zero = match &strip_parens(cond).kind {
        ExprKind::Binary(BinOp::Ge, a, b) => var_of(info, a) == Some(i) && is_int(info, b, 0),
        ExprKind::Binary(BinOp::Le, a, b) => is_int(info, a, 0) && var_of(info, b) == Some(i),
        _ => false,
    };
    if !is_int(info, one, 1) || !at_least_zero {
        return None;
    }
    len_of(info, l)
}

/// The variable `i` of an init statement `i := start`, its name, and start.
fn short_var<'a>(info: &Info, init: Option<&'a Stmt>) -> Option<(ObjId, &'a str, &'a Expr)> {
    let StmtKind::ShortVar { names, values } = &init?.kind else {
        return None;
    };
    let ([(name, pos)], [start]) = (names.as_slice(), values.as_slice()) else {
        return None;
    };
    Some((*info.defs.get(pos)?, name, start))
}

/// The operand of `len(x)`, when e is a call of the builtin.
fn len_of<'a>(info: &Info, e: &'a Expr) -> Option<&'a Expr> {
    let e = strip_parens(e);
    let ExprKind::Call { args, .. } = &e.kind else {
        return None;
    };
    if !matches!(info.calls.get(&e.id), Some(CallKind::Builtin(Builtin::Len))) {
        return None;
    }
    match args.as_slice() {
        [x] => Some(x),
        _ => None,
    }
}

fn is_int(info: &Info, e: &Expr, v: i128) -> bool {
    matches!(info.consts.get(&e.id), Some(Const::Int(c)) if *c == v)
}

/// Whether `s` is `i++` or `i += 1` (up), or `i--` or `i -= 1` (down).
fn steps_by_one(info: &Info, s: Option<&Stmt>, i: ObjId, up: bool) -> bool {
    let want = if up { BinOp::Add } else { BinOp::Sub };
    match s.map(|s| &s.kind) {
        Some(StmtKind::IncDec(e, inc)) => *inc == up && var_of(info, e) == Some(i),
        Some(StmtKind::Assign {
            lhs,
            op: Some(op),
            rhs,
        }) => {
            *op == want
                && lhs.len() == 1
                && var_of(info, &lhs[0]) == Some(i)
                && is_int(info, &rhs[0], 1)
        }
        _ => false,
    }
}

/// Whether an integer expression is known to be at least 0 and at most MaxInt: a
/// non-negative constant, `len(_)`, or `j + 1` for a j known to be a valid index.
fn non_negative(info: &Info, e: &Expr, nonneg: &impl Fn(ObjId) -> bool) -> bool {
    if let Some(c) = info.consts.get(&e.id) {
        return matches!(c, Const::Int(v) if *v >= 0);
    }
    match &strip_parens(e).kind {
        ExprKind::Call { .. } => len_of(info, e).is_some(),
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
        StmtKind::Block(b) | StmtKind::VarGroup(b) => assigns(b, name),
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
        StmtKind::Select { cases, .. } => {
            cases.iter().any(|c| opt(&c.comm) || assigns(&c.body, name))
        }
        StmtKind::Send { .. }
        | StmtKind::Empty
        | StmtKind::Expr(_)
        | StmtKind::Const(_)
        | StmtKind::Type(_)
        | StmtKind::Break(_)
        | StmtKind::Continue(_)
        | StmtKind::Goto(..)
        | StmtKind::Fallthrough
        | StmtKind::Return(_)
        | StmtKind::Unsupported(_)
        | StmtKind::CallStmt { .. } => false,
    }
}
