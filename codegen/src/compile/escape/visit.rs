//! Source-order walks over function bodies, for the facts the analysis needs before it starts:
//! which functions each one refers to (the call graph), which variables are assigned after
//! their declaration (Go's ir.Reassigned, for calls through a variable bound once to a function
//! literal), which labels are loop heads, and the names Go gives function literals.

use crate::{HashMap, HashSet};

use crate::compile::ast::*;
use crate::compile::check::{ObjId, Program};

/// Calls `f` on every expression of `stmts`, parents before children, in source order;
/// function literals' bodies too when `into_literals`.
pub(in crate::compile) fn exprs_in_stmts(
    stmts: &[Stmt],
    into_literals: bool,
    f: &mut dyn FnMut(&Expr),
) {
    for s in stmts {
        exprs_in_stmt(s, into_literals, f);
    }
}

pub(super) fn exprs_in_stmt(s: &Stmt, lits: bool, f: &mut dyn FnMut(&Expr)) {
    let e = |x: &Expr, f: &mut dyn FnMut(&Expr)| expr(x, lits, f);
    match &s.kind {
        StmtKind::Expr(x) => e(x, f),
        StmtKind::Var(vs) => vs.values.iter().for_each(|x| e(x, f)),
        StmtKind::ShortVar { values, .. } => values.iter().for_each(|x| e(x, f)),
        StmtKind::Assign { lhs, rhs, .. } => {
            lhs.iter().chain(rhs).for_each(|x| e(x, f));
        }
        StmtKind::IncDec(x, _) => e(x, f),
        StmtKind::Block(b) | StmtKind::VarGroup(b) => exprs_in_stmts(b, lits, f),
        StmtKind::If {
            init,
            cond,
            then,
            els,
        } => {
            if let Some(i) = init {
                exprs_in_stmt(i, lits, f);
            }
            e(cond, f);
            exprs_in_stmts(then, lits, f);
            if let Some(x) = els {
                exprs_in_stmt(x, lits, f);
            }
        }
        StmtKind::For {
            init,
            cond,
            post,
            body,
        } => {
            if let Some(i) = init {
                exprs_in_stmt(i, lits, f);
            }
            if let Some(c) = cond {
                e(c, f);
            }
            if let Some(p) = post {
                exprs_in_stmt(p, lits, f);
            }
            exprs_in_stmts(body, lits, f);
        }
        StmtKind::Switch {
            init, tag, cases, ..
        } => {
            if let Some(i) = init {
                exprs_in_stmt(i, lits, f);
            }
            if let Some(t) = tag {
                e(t, f);
            }
            for c in cases {
                c.exprs.iter().flatten().for_each(|x| e(x, f));
                exprs_in_stmts(&c.body, lits, f);
            }
        }
        StmtKind::TypeSwitch { init, x, cases, .. } => {
            if let Some(i) = init {
                exprs_in_stmt(i, lits, f);
            }
            e(x, f);
            for c in cases {
                exprs_in_stmts(&c.body, lits, f);
            }
        }
        StmtKind::Range {
            key,
            value,
            x,
            body,
            ..
        } => {
            key.iter().chain(value).for_each(|k| e(k, f));
            e(x, f);
            exprs_in_stmts(body, lits, f);
        }
        StmtKind::Return(values) => values.iter().for_each(|x| e(x, f)),
        StmtKind::Labeled(_, inner) => exprs_in_stmt(inner, lits, f),
        StmtKind::CallStmt { call, .. } => e(call, f),
        StmtKind::Send { ch, value } => {
            e(ch, f);
            e(value, f);
        }
        StmtKind::Select { cases, .. } => {
            for c in cases {
                if let Some(comm) = &c.comm {
                    exprs_in_stmt(comm, lits, f);
                }
                exprs_in_stmts(&c.body, lits, f);
            }
        }
        StmtKind::Const(_)
        | StmtKind::Type(_)
        | StmtKind::Empty
        | StmtKind::Break(_)
        | StmtKind::Continue(_)
        | StmtKind::Goto(..)
        | StmtKind::Fallthrough
        | StmtKind::Unsupported(_) => {}
    }
}

pub(super) fn expr(x: &Expr, lits: bool, f: &mut dyn FnMut(&Expr)) {
    f(x);
    match &x.kind {
        ExprKind::Binary(_, a, b) | ExprKind::Index(a, b) => {
            expr(a, lits, f);
            expr(b, lits, f);
        }
        ExprKind::Unary(_, a)
        | ExprKind::Paren(a)
        | ExprKind::Selector(a, ..)
        | ExprKind::TypeAssert(a, _) => expr(a, lits, f),
        ExprKind::Call { func, args, .. } => {
            expr(func, lits, f);
            args.iter().for_each(|a| expr(a, lits, f));
        }
        ExprKind::Slice { x, lo, hi, max } => {
            expr(x, lits, f);
            for p in [lo, hi, max].into_iter().flatten() {
                expr(p, lits, f);
            }
        }
        ExprKind::Composite { elems, .. } => {
            for el in elems {
                if let Some(k) = &el.key {
                    expr(k, lits, f);
                }
                expr(&el.value, lits, f);
            }
        }
        ExprKind::FuncLit(fl) if lits => exprs_in_stmts(&fl.body, lits, f),
        _ => {}
    }
}

/// Go's names for the function literals of one function (`main.main.func1`, nested
/// `main.main.func1.2`, `main.glob..func1` at package level): numbered in source order within
/// the innermost enclosing function.
pub(super) fn name_literals(
    prefix: &str,
    first: &str,
    stmts: &[Stmt],
    exprs: &[&Expr],
    names: &mut HashMap<ExprId, String>,
) {
    let mut n = 0;
    let mut visit = |x: &Expr| {
        name_in_expr(x, prefix, first, &mut n, names);
    };
    for x in exprs {
        visit(x);
    }
    exprs_in_stmts(stmts, false, &mut |x| {
        if let ExprKind::FuncLit(_) = &x.kind {
            name_in_expr(x, prefix, first, &mut n, names);
        }
    });
}

/// Names x if it is a literal, then the literals inside its body (whose prefix is its own
/// name, numbered without "func").
fn name_in_expr(
    x: &Expr,
    prefix: &str,
    first: &str,
    n: &mut usize,
    names: &mut HashMap<ExprId, String>,
) {
    let ExprKind::FuncLit(fl) = &x.kind else {
        return;
    };
    *n += 1;
    let name = format!("{prefix}{first}{n}");
    names.insert(x.id, name.clone());
    let inner = format!("{name}.");
    name_literals(&inner, "", &fl.body, &[], names);
}

/// The literals an expression holds outside other literals, in source order (for naming the
/// literals of package-level initialisers).
pub(super) fn top_literals<'e>(x: &'e Expr, out: &mut Vec<&'e Expr>) {
    if let ExprKind::FuncLit(_) = &x.kind {
        out.push(x);
        return;
    }
    let mut kids: Vec<&Expr> = Vec::new();
    match &x.kind {
        ExprKind::Binary(_, a, b) | ExprKind::Index(a, b) => kids.extend([&**a, &**b]),
        ExprKind::Unary(_, a)
        | ExprKind::Paren(a)
        | ExprKind::Selector(a, ..)
        | ExprKind::TypeAssert(a, _) => kids.push(a),
        ExprKind::Call { func, args, .. } => {
            kids.push(func);
            kids.extend(args);
        }
        ExprKind::Slice { x, lo, hi, max } => {
            kids.push(x);
            kids.extend([lo, hi, max].into_iter().flatten().map(|b| &**b));
        }
        ExprKind::Composite { elems, .. } => {
            for el in elems {
                kids.extend(el.key.iter());
                kids.push(&el.value);
            }
        }
        _ => {}
    }
    for k in kids {
        top_literals(k, out);
    }
}

/// The variables of a body (and its literals) assigned anywhere other than in their own
/// declaration, or whose address is taken: a call through such a variable has no static
/// callee (Go's ir.StaticValue and ir.Reassigned).
pub(super) fn reassigned_vars(prog: &Program, stmts: &[Stmt], out: &mut HashSet<ObjId>) {
    let note = |x: &Expr, out: &mut HashSet<ObjId>| {
        if let Some(&o) = prog
            .info
            .uses
            .get(&crate::compile::check::strip_parens(x).id)
        {
            out.insert(o);
        }
    };
    visit_stmts(stmts, &mut |s: &Stmt| match &s.kind {
        StmtKind::Assign { lhs, .. } => lhs.iter().for_each(|l| note(l, out)),
        StmtKind::IncDec(x, _) => note(x, out),
        StmtKind::Range {
            key,
            value,
            define: false,
            ..
        } => key.iter().chain(value).for_each(|l| note(l, out)),
        StmtKind::ShortVar { names, .. } => {
            // A name := redeclares (declared elsewhere) is assigned, not declared.
            for (_, p) in names {
                if let Some(&o) = prog.info.defs.get(p) {
                    if prog.objs[o as usize].pos != *p {
                        out.insert(o);
                    }
                }
            }
        }
        _ => {}
    });
}

/// Calls `f` on every statement, nested ones and those of function literals included.
pub(in crate::compile) fn visit_stmts(stmts: &[Stmt], f: &mut dyn FnMut(&Stmt)) {
    for s in stmts {
        visit_stmt(s, f);
    }
}

fn visit_stmt(s: &Stmt, f: &mut dyn FnMut(&Stmt)) {
    f(s);
    let mut lits: Vec<std::rc::Rc<FuncLit>> = Vec::new();
    exprs_in_stmt_shallow(s, &mut |x: &Expr| {
        if let ExprKind::FuncLit(fl) = &x.kind {
            lits.push(fl.clone());
        }
    });
    for fl in lits {
        visit_stmts(&fl.body, f);
    }
    match &s.kind {
        StmtKind::Block(b) => visit_stmts(b, f),
        StmtKind::If {
            init, then, els, ..
        } => {
            if let Some(i) = init {
                visit_stmt(i, f);
            }
            visit_stmts(then, f);
            if let Some(x) = els {
                visit_stmt(x, f);
            }
        }
        StmtKind::For {
            init, post, body, ..
        } => {
            if let Some(i) = init {
                visit_stmt(i, f);
            }
            if let Some(p) = post {
                visit_stmt(p, f);
            }
            visit_stmts(body, f);
        }
        StmtKind::Switch { init, cases, .. } | StmtKind::TypeSwitch { init, cases, .. } => {
            if let Some(i) = init {
                visit_stmt(i, f);
            }
            for c in cases {
                visit_stmts(&c.body, f);
            }
        }
        StmtKind::Range { body, .. } => visit_stmts(body, f),
        StmtKind::Labeled(_, inner) => visit_stmt(inner, f),
        StmtKind::Select { cases, .. } => {
            for c in cases {
                if let Some(comm) = &c.comm {
                    visit_stmt(comm, f);
                }
                visit_stmts(&c.body, f);
            }
        }
        _ => {}
    }
}

/// The expressions of one statement itself (not of the statements nested in it), function
/// literals' bodies excluded.
fn exprs_in_stmt_shallow(s: &Stmt, f: &mut dyn FnMut(&Expr)) {
    let e = |x: &Expr, f: &mut dyn FnMut(&Expr)| expr(x, false, f);
    match &s.kind {
        StmtKind::Expr(x) | StmtKind::IncDec(x, _) => e(x, f),
        StmtKind::CallStmt { call, .. } => e(call, f),
        StmtKind::Var(vs) => vs.values.iter().for_each(|x| e(x, f)),
        StmtKind::ShortVar { values, .. } => values.iter().for_each(|x| e(x, f)),
        StmtKind::Assign { lhs, rhs, .. } => lhs.iter().chain(rhs).for_each(|x| e(x, f)),
        StmtKind::If { cond, .. } => e(cond, f),
        StmtKind::For { cond, .. } => cond.iter().for_each(|x| e(x, f)),
        StmtKind::Switch { tag, cases, .. } => {
            tag.iter().for_each(|x| e(x, f));
            for c in cases {
                c.exprs.iter().flatten().for_each(|x| e(x, f));
            }
        }
        StmtKind::TypeSwitch { x, .. } => e(x, f),
        StmtKind::Range { key, value, x, .. } => {
            key.iter().chain(value).for_each(|k| e(k, f));
            e(x, f);
        }
        StmtKind::Return(values) => values.iter().for_each(|x| e(x, f)),
        StmtKind::Send { ch, value } => {
            e(ch, f);
            e(value, f);
        }
        _ => {}
    }
}
