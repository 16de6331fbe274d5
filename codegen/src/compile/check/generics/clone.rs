//! The copy of a generic function's declaration that one instance is checked and compiled
//! from (full stenciling: see DESIGN.md "Generics").
//!
//! The copy is the declaration cloned with fresh expression ids and every position tagged
//! with the instance's number (`Pos::inst`), so that what the checker records about it (its
//! side tables are keyed by expression id and by position) stands apart from the generic body
//! and from every other instance's, while messages and line tables still point at the source.

use std::rc::Rc;

use crate::compile::ast::*;

/// Numbers the copy's expressions and tags its positions.
pub(in crate::compile::check) struct Renumber<'a> {
    pub(in crate::compile::check) next_id: &'a mut u32,
    pub(in crate::compile::check) inst: u32,
}

impl Renumber<'_> {
    pub(in crate::compile::check) fn func_decl(&mut self, fd: &FuncDecl) -> FuncDecl {
        let mut fd = fd.clone();
        self.pos(&mut fd.pos);
        self.pos(&mut fd.head);
        self.pos(&mut fd.lbrace);
        self.pos(&mut fd.end);
        if let Some(r) = &mut fd.recv {
            self.param(r);
        }
        for tp in &mut fd.tparams {
            self.pos(&mut tp.pos);
            self.type_expr(&mut tp.constraint);
        }
        self.params(&mut fd.params);
        self.params(&mut fd.results);
        if let Some(body) = &mut fd.body {
            self.stmts(body);
        }
        fd
    }

    fn pos(&mut self, p: &mut Pos) {
        p.inst = self.inst;
    }

    fn name(&mut self, n: &mut (String, Pos)) {
        self.pos(&mut n.1);
    }

    fn params(&mut self, ps: &mut [Param]) {
        for p in ps {
            self.param(p);
        }
    }

    fn param(&mut self, p: &mut Param) {
        if let Some(n) = &mut p.name {
            self.name(n);
        }
        self.type_expr(&mut p.ty);
    }

    fn stmts(&mut self, list: &mut [Stmt]) {
        for s in list {
            self.stmt(s);
        }
    }

    fn opt_stmt(&mut self, s: &mut Option<Box<Stmt>>) {
        if let Some(s) = s {
            self.stmt(s);
        }
    }

    fn var_spec(&mut self, vs: &mut VarSpec) {
        vs.names.iter_mut().for_each(|n| self.name(n));
        if let Some(t) = &mut vs.ty {
            self.type_expr(t);
        }
        self.exprs(&mut vs.values);
    }

    fn cases(&mut self, cases: &mut [CaseClause]) {
        for c in cases {
            self.pos(&mut c.pos);
            if let Some(es) = &mut c.exprs {
                self.exprs(es);
            }
            self.stmts(&mut c.body);
        }
    }

    fn stmt(&mut self, s: &mut Stmt) {
        self.pos(&mut s.pos);
        match &mut s.kind {
            StmtKind::Empty
            | StmtKind::Fallthrough
            | StmtKind::Unsupported(_)
            | StmtKind::Break(None)
            | StmtKind::Continue(None) => {}
            StmtKind::Break(Some(n)) | StmtKind::Continue(Some(n)) => self.name(n),
            StmtKind::Goto(_, p) => self.pos(p),
            StmtKind::Expr(e) | StmtKind::IncDec(e, _) => self.expr(e),
            StmtKind::Var(vs) => self.var_spec(vs),
            StmtKind::VarGroup(list) | StmtKind::Block(list) => self.stmts(list),
            StmtKind::Const(specs) => {
                for cs in specs {
                    cs.names.iter_mut().for_each(|n| self.name(n));
                    if let Some(t) = &mut cs.ty {
                        self.type_expr(t);
                    }
                    self.exprs(&mut cs.values);
                }
            }
            StmtKind::Type(specs) => {
                for ts in specs {
                    self.pos(&mut ts.pos);
                    for tp in &mut ts.tparams {
                        self.pos(&mut tp.pos);
                        self.type_expr(&mut tp.constraint);
                    }
                    self.type_expr(&mut ts.ty);
                }
            }
            StmtKind::ShortVar { names, values } => {
                names.iter_mut().for_each(|n| self.name(n));
                self.exprs(values);
            }
            StmtKind::Assign { lhs, rhs, .. } => {
                self.exprs(lhs);
                self.exprs(rhs);
            }
            StmtKind::If {
                init,
                cond,
                then,
                els,
            } => {
                self.opt_stmt(init);
                self.expr(cond);
                self.stmts(then);
                self.opt_stmt(els);
            }
            StmtKind::For {
                init,
                cond,
                post,
                body,
            } => {
                self.opt_stmt(init);
                if let Some(c) = cond {
                    self.expr(c);
                }
                self.opt_stmt(post);
                self.stmts(body);
            }
            StmtKind::Labeled(_, s) => self.stmt(s),
            StmtKind::Switch {
                init,
                tag,
                cases,
                end,
            } => {
                self.opt_stmt(init);
                if let Some(t) = tag {
                    self.expr(t);
                }
                self.cases(cases);
                self.pos(end);
            }
            StmtKind::TypeSwitch {
                init,
                bind,
                x,
                cases,
                end,
            } => {
                self.opt_stmt(init);
                if let Some(b) = bind {
                    self.name(b);
                }
                self.expr(x);
                self.cases(cases);
                self.pos(end);
            }
            StmtKind::Range {
                key,
                value,
                x,
                body,
                extra,
                ..
            } => {
                for e in [key, value].into_iter().flatten() {
                    self.expr(e);
                }
                self.expr(x);
                self.stmts(body);
                self.exprs(extra);
            }
            StmtKind::Return(list) => self.exprs(list),
            StmtKind::Send { ch, value } => {
                self.expr(ch);
                self.expr(value);
            }
            StmtKind::Select { cases, end } => {
                for c in cases {
                    self.pos(&mut c.pos);
                    self.opt_stmt(&mut c.comm);
                    self.stmts(&mut c.body);
                }
                self.pos(end);
            }
            StmtKind::CallStmt { call, misuse, .. } => {
                self.expr(call);
                misuse.iter_mut().for_each(|(p, _)| self.pos(p));
            }
        }
    }

    fn exprs(&mut self, list: &mut [Expr]) {
        for e in list {
            self.expr(e);
        }
    }

    fn opt_expr(&mut self, e: &mut Option<Box<Expr>>) {
        if let Some(e) = e {
            self.expr(e);
        }
    }

    fn expr(&mut self, e: &mut Expr) {
        e.id = *self.next_id;
        *self.next_id += 1;
        self.pos(&mut e.pos);
        match &mut e.kind {
            ExprKind::Ident(_)
            | ExprKind::IntLit(_)
            | ExprKind::FloatLit(_)
            | ExprKind::ImagLit(_)
            | ExprKind::CharLit(_)
            | ExprKind::StrLit(_) => {}
            ExprKind::Binary(_, x, y) | ExprKind::Index(x, y) => {
                self.expr(x);
                self.expr(y);
            }
            ExprKind::Unary(_, x) | ExprKind::Selector(x, ..) | ExprKind::Paren(x) => self.expr(x),
            ExprKind::Call { func, args, .. } => {
                self.expr(func);
                self.exprs(args);
            }
            ExprKind::IndexList(x, list) => {
                self.expr(x);
                self.exprs(list);
            }
            ExprKind::Slice { x, lo, hi, max } => {
                self.expr(x);
                self.opt_expr(lo);
                self.opt_expr(hi);
                self.opt_expr(max);
            }
            ExprKind::Composite { ty, lbrace, elems } => {
                if let Some(t) = ty {
                    self.type_expr(t);
                }
                self.pos(lbrace);
                for el in elems {
                    if let Some(k) = &mut el.key {
                        self.expr(k);
                    }
                    self.pos(&mut el.colon);
                    self.expr(&mut el.value);
                }
            }
            ExprKind::Type(t) => self.type_expr(t),
            ExprKind::FuncLit(lit) => {
                let mut copy = FuncLit {
                    pos: lit.pos,
                    params: lit.params.clone(),
                    results: lit.results.clone(),
                    variadic: lit.variadic,
                    body: lit.body.clone(),
                    end: lit.end,
                };
                self.pos(&mut copy.pos);
                self.pos(&mut copy.end);
                self.params(&mut copy.params);
                self.params(&mut copy.results);
                self.stmts(&mut copy.body);
                *lit = Rc::new(copy);
            }
            ExprKind::TypeAssert(x, t) => {
                self.expr(x);
                if let Some(t) = t {
                    self.type_expr(t);
                }
            }
        }
    }

    fn type_expr(&mut self, t: &mut TypeExpr) {
        self.pos(&mut t.pos);
        match &mut t.kind {
            TypeExprKind::Name(_) | TypeExprKind::Qualified(..) | TypeExprKind::Unsupported(_) => {}
            TypeExprKind::Pointer(e)
            | TypeExprKind::Slice(e)
            | TypeExprKind::Chan(_, e)
            | TypeExprKind::Dots(e)
            | TypeExprKind::Paren(e) => self.type_expr(e),
            TypeExprKind::Array(len, e) => {
                self.opt_expr(len);
                self.type_expr(e);
            }
            TypeExprKind::Struct(fields) => {
                for f in fields {
                    self.pos(&mut f.pos);
                    self.type_expr(&mut f.ty);
                }
            }
            TypeExprKind::Map(k, v) => {
                self.type_expr(k);
                self.type_expr(v);
            }
            TypeExprKind::Func(params, results, _) => {
                self.params(params);
                self.params(results);
            }
            TypeExprKind::Interface(elems) => {
                for el in elems {
                    match el {
                        InterfaceElem::Method {
                            pos,
                            params,
                            results,
                            ..
                        } => {
                            self.pos(pos);
                            self.params(params);
                            self.params(results);
                        }
                        InterfaceElem::Embedded(t) => self.type_expr(t),
                    }
                }
            }
            TypeExprKind::Instance(g, args) => {
                self.type_expr(g);
                args.iter_mut().for_each(|a| self.type_expr(a));
            }
            TypeExprKind::Union(terms) => terms.iter_mut().for_each(|t| self.type_expr(&mut t.ty)),
        }
    }
}
