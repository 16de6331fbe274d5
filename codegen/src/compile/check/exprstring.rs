//! Expressions as Go's messages print them (go/types exprstring.go, cmd/compile syntax
//! printer's short form), and where an expression starts (types2 reports many errors there).

use std::fmt;

use crate::compile::ast::*;

/// `x op y` as messages print it, formatted only if a message is made: printing it at every
/// operator of a long chain (`1 + 1 + ... + 1`) would cost the square of its length.
pub struct BinaryText<'a> {
    pub x: &'a Expr,
    pub op: &'a str,
    pub y: &'a Expr,
}

impl fmt::Display for BinaryText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} {}",
            expr_string(self.x),
            self.op,
            expr_string(self.y)
        )
    }
}

/// The position where an expression starts, as types2 reports errors there (syntax.StartPos:
/// a slice expression is the exception, which starts at its `[`).
pub fn start_pos(e: &Expr) -> Pos {
    match &e.kind {
        ExprKind::Binary(_, x, _) => start_pos(x),
        ExprKind::Call { func, .. } => start_pos(func),
        ExprKind::Selector(x, ..) | ExprKind::Index(x, _) => start_pos(x),
        ExprKind::TypeAssert(x, _) => start_pos(x),
        _ => e.pos,
    }
}

/// An expression as Go's messages print it (cmd/compile/internal/syntax printer, short form).
pub fn expr_string(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Ident(n) => n.clone(),
        ExprKind::IntLit(s) | ExprKind::FloatLit(s) | ExprKind::ImagLit(s) => s.clone(),
        ExprKind::CharLit(c) => match char::from_u32(*c) {
            Some(ch) if !ch.is_control() && ch != '\'' && ch != '\\' => format!("'{ch}'"),
            _ => format!("'\\x{c:02x}'"),
        },
        ExprKind::StrLit(s) => crate::compile::types::go_quote(s),
        ExprKind::Binary(op, x, y) => {
            format!("{} {} {}", expr_string(x), op.as_str(), expr_string(y))
        }
        ExprKind::Unary(op, x) => format!("{}{}", op.as_str(), expr_string(x)),
        ExprKind::Call {
            func,
            args,
            ellipsis,
        } => {
            let a: Vec<String> = args.iter().map(expr_string).collect();
            let dots = if *ellipsis { "..." } else { "" };
            format!("{}({}{dots})", expr_string(func), a.join(", "))
        }
        ExprKind::Selector(x, s, _) => format!("{}.{}", expr_string(x), s),
        ExprKind::Index(x, i) => format!("{}[{}]", expr_string(x), expr_string(i)),
        ExprKind::IndexList(x, l) => {
            let args: Vec<String> = l.iter().map(expr_string).collect();
            format!("{}[{}]", expr_string(x), args.join(", "))
        }
        ExprKind::Slice { x, lo, hi, max } => {
            let part =
                |e: &Option<Box<Expr>>| e.as_ref().map(|e| expr_string(e)).unwrap_or_default();
            match max {
                Some(_) => format!(
                    "{}[{}:{}:{}]",
                    expr_string(x),
                    part(lo),
                    part(hi),
                    part(max)
                ),
                None => format!("{}[{}:{}]", expr_string(x), part(lo), part(hi)),
            }
        }
        ExprKind::Paren(x) => format!("({})", expr_string(x)),
        ExprKind::Composite { ty, elems, .. } => {
            // Go's short form (syntax/printer.go): "…" stands for the elements, if any.
            let body = if elems.is_empty() { "{}" } else { "{…}" };
            match ty {
                Some(t) => format!("{}{body}", type_expr_string(t)),
                None => body.to_string(),
            }
        }
        ExprKind::Type(t) => type_expr_string(t),
        ExprKind::FuncLit(fl) => {
            // The short form elides the body (syntax/printer.go).
            let body = if fl.body.is_empty() { "{}" } else { "{…}" };
            format!(
                "func{} {body}",
                signature_string(&fl.params, &fl.results, fl.variadic)
            )
        }
        ExprKind::TypeAssert(x, Some(t)) => format!("{}.({})", expr_string(x), type_expr_string(t)),
        ExprKind::TypeAssert(x, None) => format!("{}.(type)", expr_string(x)),
    }
}

/// A parameter list as the source wrote it: names that shared a type (`a, b int`) share it
/// again.
fn params_string(ps: &[Param], variadic: bool) -> String {
    let mut groups: Vec<(Vec<String>, &TypeExpr)> = Vec::new();
    for p in ps {
        let name = p.name.as_ref().map(|(n, _)| n.clone());
        match (groups.last_mut(), name) {
            (Some((names, t)), Some(n)) if t.pos == p.ty.pos && !names.is_empty() => names.push(n),
            (_, n) => groups.push((n.into_iter().collect(), &p.ty)),
        }
    }
    let _ = variadic;
    groups
        .iter()
        .map(|(names, t)| {
            let ts = type_expr_string(t);
            if names.is_empty() {
                ts
            } else {
                format!("{} {ts}", names.join(", "))
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `(params) results` of a function type or literal.
fn signature_string(params: &[Param], results: &[Param], variadic: bool) -> String {
    let p = format!("({})", params_string(params, variadic));
    match results {
        [] => p,
        [r] if r.name.is_none() => format!("{p} {}", type_expr_string(&r.ty)),
        _ => format!("{p} ({})", params_string(results, false)),
    }
}

pub(super) fn type_expr_string(t: &TypeExpr) -> String {
    match &t.kind {
        TypeExprKind::Name(n) => n.clone(),
        TypeExprKind::Qualified(p, n) => format!("{p}.{n}"),
        TypeExprKind::Pointer(e) => format!("*{}", type_expr_string(e)),
        TypeExprKind::Paren(e) => format!("({})", type_expr_string(e)),
        TypeExprKind::Instance(t, args) => {
            let args: Vec<String> = args.iter().map(type_expr_string).collect();
            format!("{}[{}]", type_expr_string(t), args.join(", "))
        }
        TypeExprKind::Union(terms) => {
            let terms: Vec<String> = terms
                .iter()
                .map(|t| {
                    format!(
                        "{}{}",
                        if t.tilde { "~" } else { "" },
                        type_expr_string(&t.ty)
                    )
                })
                .collect();
            terms.join(" | ")
        }
        TypeExprKind::Array(Some(n), e) => format!("[{}]{}", expr_string(n), type_expr_string(e)),
        TypeExprKind::Array(None, e) => format!("[...]{}", type_expr_string(e)),
        TypeExprKind::Struct(_) => "struct{…}".to_string(),
        TypeExprKind::Slice(e) => format!("[]{}", type_expr_string(e)),
        TypeExprKind::Map(k, v) => format!("map[{}]{}", type_expr_string(k), type_expr_string(v)),
        TypeExprKind::Chan(d, e) => {
            use crate::compile::types::ChanDir;
            let elem = type_expr_string(e);
            match d {
                ChanDir::Recv => format!("<-chan {elem}"),
                ChanDir::Send => format!("chan<- {elem}"),
                ChanDir::Both => match e.kind {
                    TypeExprKind::Chan(ChanDir::Recv, _) => format!("chan ({elem})"),
                    _ => format!("chan {elem}"),
                },
            }
        }
        TypeExprKind::Func(..) => "func(…)".to_string(),
        TypeExprKind::Interface(e) if e.is_empty() => "interface{}".to_string(),
        TypeExprKind::Interface(_) => "interface{…}".to_string(),
        TypeExprKind::Dots(e) => format!("...{}", type_expr_string(e)),
        TypeExprKind::Unsupported(what) => what.to_string(),
    }
}

pub fn strip_parens(e: &Expr) -> &Expr {
    match &e.kind {
        ExprKind::Paren(x) => strip_parens(x),
        _ => e,
    }
}
