//! `-m` output: expressions and positions as cmd/compile prints them in its escape analysis
//! diagnostics (cmd/compile/internal/ir fmt.go: `&T{...}`, `[]int{...}`, `func literal`,
//! `... argument`, `([]byte)(s)`; positions are those of the IR nodes: a call at its `(`, a
//! selector at its `.`, an operation at its operator, a composite literal at its `{`).

use crate::compile::ast::*;
use crate::compile::check::{strip_parens, CallKind, Program};

/// An expression as cmd/compile's diagnostics print it.
pub(super) fn node_string(prog: &Program, e: &Expr) -> String {
    let s = |x: &Expr| node_string(prog, x);
    match &e.kind {
        ExprKind::Ident(n) => n.clone(),
        ExprKind::IntLit(t) | ExprKind::FloatLit(t) | ExprKind::ImagLit(t) => t.clone(),
        ExprKind::CharLit(_) | ExprKind::StrLit(_) | ExprKind::IndexList(..) => {
            crate::compile::check::expr_string(e)
        }
        ExprKind::Binary(op, x, y) => format!("{} {} {}", s(x), op.as_str(), s(y)),
        ExprKind::Unary(op, x) => format!("{}{}", op.as_str(), s(x)),
        ExprKind::Call {
            func,
            args,
            ellipsis,
        } => {
            let mut a: Vec<String> = args.iter().map(s).collect();
            if *ellipsis {
                if let Some(l) = a.last_mut() {
                    l.push_str("...");
                }
            }
            let f = match prog.info.calls.get(&e.id) {
                Some(CallKind::Conversion(t)) => {
                    let name = prog.types.name(*t);
                    if matches!(
                        prog.types.get(*t),
                        crate::compile::types::Type::Named { .. }
                    ) || prog.types.basic_of(*t).is_some()
                    {
                        name
                    } else {
                        format!("({name})")
                    }
                }
                _ => s(func),
            };
            format!("{f}({})", a.join(", "))
        }
        ExprKind::Selector(x, sel, _) => format!("{}.{sel}", s(x)),
        ExprKind::Index(x, i) => format!("{}[{}]", s(x), s(i)),
        ExprKind::Slice { x, lo, hi, max } => {
            let part = |p: &Option<Box<Expr>>| p.as_ref().map(|p| s(p)).unwrap_or_default();
            match max {
                Some(_) => format!("{}[{}:{}:{}]", s(x), part(lo), part(hi), part(max)),
                None => format!("{}[{}:{}]", s(x), part(lo), part(hi)),
            }
        }
        ExprKind::Paren(x) => format!("({})", s(x)),
        ExprKind::Composite { elems, .. } => {
            let t = prog.info.types.get(&e.id).copied().unwrap_or(0);
            // An elided `&T` element is `&T{...}`.
            let (amp, t) = match prog.types.get(prog.types.under(t)) {
                crate::compile::types::Type::Pointer(el) => ("&", *el),
                _ => ("", t),
            };
            let dots = if elems.is_empty() { "" } else { "..." };
            format!("{amp}{}{{{dots}}}", prog.types.name(t))
        }
        ExprKind::Type(_) => {
            let t = prog.info.types.get(&e.id).copied().unwrap_or(0);
            prog.types.name(t)
        }
        ExprKind::FuncLit(_) => "func literal".to_string(),
        ExprKind::TypeAssert(x, _) => {
            let t = prog.info.types.get(&e.id).copied().unwrap_or(0);
            format!("{}.({})", s(x), prog.types.name(t))
        }
    }
}

/// The position cmd/compile gives an expression's node.
pub(super) fn node_pos(e: &Expr) -> Pos {
    match &e.kind {
        ExprKind::Paren(x) => node_pos(x),
        // The AST keeps the selected name's position; the node's is the dot before it.
        ExprKind::Selector(..) => Pos {
            col: e.pos.col.saturating_sub(1).max(1),
            ..e.pos
        },
        ExprKind::Composite { lbrace, .. } => *lbrace,
        _ => e.pos,
    }
}

/// A function's name as cmd/compile's messages print it: without the package path.
pub(super) fn func_display(symbol: &str) -> String {
    // pkg.f, pkg.T.M, pkg.(*T).M: the package path ends at the first '.' after its last '/'.
    let start = symbol.rfind('/').map_or(0, |i| i + 1);
    match symbol[start..].find('.') {
        Some(i) => symbol[start + i + 1..].to_string(),
        None => symbol.to_string(),
    }
}

/// The message for an allocation site.
pub(super) fn site_text(prog: &Program, site: super::Site, e: &Expr) -> String {
    match site {
        super::Site::Variadic(_) => "... argument".to_string(),
        super::Site::Convert(_) => node_string(prog, strip_parens(e)),
        super::Site::Alloc(_) => node_string(prog, strip_parens(e)),
    }
}
