//! Function bodies and statements (go/types stmt.go): blocks and scopes, declarations in
//! functions, if/for/switch/type switch/range, conditions and return, and the end-of-body checks
//! for unused variables and missing returns.

use std::rc::Rc;

use super::exprstring::{expr_string, start_pos, strip_parens};
use super::operand::{Mode, Operand};
use super::{
    is_blank, Builtin, CallKind, Checker, GotoInfo, LabelInfo, ObjId, ObjKind, Target, VarKind,
};
use crate::compile::ast::*;
use crate::compile::types::{Basic, ChanDir, Const, Type, TypeId};

impl Checker {
    pub(super) fn check_func_body(&mut self, id: ObjId, f: &Rc<File>, di: usize) {
        self.cur_decl.push(id);
        self.check_func_body_inner(id, f, di);
        self.cur_decl.pop();
    }

    pub(super) fn check_func_body_inner(&mut self, id: ObjId, f: &Rc<File>, di: usize) {
        let Decl::Func(fd) = &f.decls[di] else { return };
        let Type::Func(sig) = self.prog.types.get(self.prog.objs[id as usize].ty).clone() else {
            return;
        };
        if fd.name == "init"
            && fd.recv.is_none()
            && (!sig.params.is_empty() || !sig.results.is_empty())
        {
            self.error(
                fd.pos,
                "func init must have no arguments and no return values",
            );
        }
        if fd.name == "main"
            && self.prog.packages[self.pkg].name == "main"
            && (!sig.params.is_empty() || !sig.results.is_empty())
        {
            self.error(
                fd.pos,
                "func main must have no arguments and no return values",
            );
        }
        if fd.body.is_some()
            && fd.linkname.is_some()
            && self.prog.packages[self.pkg].path != "runtime"
        {
            // A linkname on a defined function pushes it to another name; not needed yet.
            self.unsupported(fd.pos, "//go:linkname on functions with a body");
        }
        if fd.body.is_none() && fd.linkname.is_none() && self.complete {
            // A package without assembly files (Go's -complete): a function needs a body
            // unless //go:linkname names one elsewhere (noder).
            self.error(fd.head, "missing function body");
        }
        let Some(body) = &fd.body else {
            return;
        };
        self.scopes.push();
        self.locals.clear();
        self.named_results.clear();
        for (p, &t) in fd.recv.iter().chain(&fd.params).zip(&sig.params) {
            if let Some((n, pos)) = &p.name {
                let o = self.new_obj(n, *pos, self.pkg, ObjKind::Var(VarKind::Param), t);
                self.prog.objs[o as usize].used = true;
                self.prog.info.defs.insert(*pos, o);
                if n != "_" {
                    self.declare_local(n, o, *pos);
                }
            }
        }
        for (p, &t) in fd.results.iter().zip(&sig.results) {
            if let Some((n, pos)) = &p.name {
                let o = self.new_obj(n, *pos, self.pkg, ObjKind::Var(VarKind::Result), t);
                self.prog.objs[o as usize].used = true;
                self.prog.info.defs.insert(*pos, o);
                self.named_results.push(o);
                if n != "_" {
                    self.declare_local(n, o, *pos);
                }
            }
        }
        self.results = sig.results.clone();
        self.skipped_unsupported = false;
        self.labels.clear();
        self.gotos.clear();
        self.trail.clear();
        self.block_decls.clear();
        self.block_starts.clear();
        self.targets.clear();
        self.stmt_block(body, fd.pos);
        self.finish_labels();
        if !sig.results.is_empty() && !self.terminates_list(body) {
            self.error(fd.end, "missing return");
        }
        for &o in &self.locals.clone() {
            let obj = &self.prog.objs[o as usize];
            if !obj.used && obj.ty != 0 && !self.skipped_unsupported {
                let (pos, name) = (obj.pos, obj.name.clone());
                self.error(pos, format!("{name} declared but not used"));
            }
        }
        self.scopes.pop();
    }

    pub(super) fn declare_local(&mut self, name: &str, id: ObjId, pos: Pos) {
        if let Some(prev) = self.scopes.innermost(name) {
            // types2 counts a redeclared variable as used: one error is enough.
            self.prog.objs[id as usize].used = true;
            self.redeclared(name, pos, prev);
            return;
        }
        self.scopes.insert(name, id);
    }

    pub(super) fn new_local(&mut self, name: &str, pos: Pos, ty: TypeId) -> ObjId {
        let o = self.new_obj(name, pos, self.pkg, ObjKind::Var(VarKind::Local), ty);
        self.prog.info.defs.insert(pos, o);
        if name != "_" {
            self.locals.push(o);
        }
        o
    }

    /// The statements of one block, numbered for goto's checks (Go spec, "Goto statements").
    pub(super) fn stmt_block(&mut self, stmts: &[Stmt], start: Pos) {
        let id = self.next_block;
        self.next_block += 1;
        self.block_starts.insert(id, start);
        let clause = self.fallthrough_here.take();
        for (i, s) in stmts.iter().enumerate() {
            // Where goto's "jumps over declaration" points (syntax/branches.go): a short
            // declaration's :=, or a var declaration's first name.
            let decl = match &s.kind {
                StmtKind::ShortVar { names, .. } => Some((
                    s.pos,
                    names
                        .iter()
                        .map(|(n, _)| n.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                )),
                StmtKind::Var(vs) => vs.names.first().map(|(n, p)| (*p, n.clone())),
                StmtKind::VarGroup(specs) => specs.iter().find_map(|s| match &s.kind {
                    StmtKind::Var(vs) => vs.names.first().map(|(n, p)| (*p, n.clone())),
                    _ => None,
                }),
                _ => None,
            };
            if let Some((at, names)) = decl {
                self.block_decls.entry(id).or_default().push((i, at, names));
            }
            // fallthrough may end a switch clause, and nothing else.
            self.fallthrough_here = if i + 1 == stmts.len() { clause } else { None };
            self.trail.push((id, i));
            self.stmt(s);
            self.trail.pop();
        }
        self.fallthrough_here = None;
    }

    pub(super) fn block(&mut self, stmts: &[Stmt]) {
        let start = stmts.first().map(|s| s.pos).unwrap_or_default();
        self.block_at(stmts, start);
    }

    pub(super) fn block_at(&mut self, stmts: &[Stmt], start: Pos) {
        self.scopes.push();
        self.stmt_block(stmts, start);
        self.scopes.pop();
    }

    pub(super) fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Empty => {}
            StmtKind::Unsupported(what) => self.unsupported(s.pos, what),
            StmtKind::CallStmt {
                keyword,
                call,
                misuse,
            } => {
                for (pos, msg) in misuse {
                    self.error(*pos, msg.clone());
                }
                self.suspended_call(keyword, call);
            }
            StmtKind::Expr(e) => {
                // types2 ExprStmt: function and method calls may stand alone, but not
                // conversions or the builtins whose result is the point (Go spec, "Expression
                // statements": append cap complex imag len make new real unsafe.*).
                let op = self.expr_any(e);
                let msg = match op.mode {
                    Mode::Invalid => return,
                    Mode::Builtin(_) => "must be called",
                    Mode::Type => "is not an expression",
                    Mode::Pkg(_) => {
                        self.single_value(e, op);
                        return;
                    }
                    Mode::Method(..) | Mode::IfaceMethod(_) => {
                        let v = self.single_value(e, op);
                        if v.mode != Mode::Invalid {
                            self.error(
                                start_pos(e),
                                format!("{} is not used", self.describe(e, &v)),
                            );
                        }
                        return;
                    }
                    _ if self.is_statement_call(e) => return,
                    // A receive may stand alone (Go spec, "Expression statements").
                    _ if super::chans::is_recv(e) => return,
                    _ => "is not used",
                };
                self.error(start_pos(e), format!("{} {msg}", self.describe(e, &op)));
            }
            StmtKind::Var(vs) => self.local_var(vs),
            StmtKind::VarGroup(specs) => {
                for s in specs {
                    self.stmt(s);
                }
            }
            StmtKind::Const(specs) => {
                for spec in specs {
                    for (ni, (n, p)) in spec.names.iter().enumerate() {
                        let (ty, val) = self.const_spec_value(spec, ni);
                        let o = self.new_obj(n, *p, self.pkg, ObjKind::Const(val), ty);
                        self.prog.objs[o as usize].used = true;
                        if n != "_" {
                            self.declare_local(n, o, *p);
                        }
                    }
                }
            }
            StmtKind::Type(specs) => {
                if self.gen.in_generic_body && !specs.is_empty() {
                    // A limit of Go 1.19's compiler (noder), not of the language: Go 1.20
                    // lifts it. The types are declared all the same, as types2 declared them;
                    // noder reports the statement once, however many specs it has.
                    self.error(
                        s.pos,
                        "type declarations inside generic functions are not currently supported",
                    );
                }
                for ts in specs {
                    self.local_type_spec(ts);
                }
            }
            StmtKind::ShortVar { names, values } => self.short_var(s.pos, names, values),
            StmtKind::Assign { lhs, op: None, rhs } => self.assign_stmt(lhs, rhs),
            StmtKind::Assign {
                lhs,
                op: Some(op),
                rhs,
            } => {
                let x = self.expr(&lhs[0]);
                if x.mode == Mode::Invalid {
                    self.expr(&rhs[0]);
                    return;
                }
                self.check_assignable_lhs(&lhs[0], &x);
                self.op_assign = true;
                let result = self.binary(s.pos, *op, &lhs[0], &rhs[0], x.clone());
                self.op_assign = false;
                if result.mode != Mode::Invalid {
                    let mut r = result;
                    // The result has the left operand's type already.
                    r.ty = x.ty;
                }
            }
            StmtKind::IncDec(e, _) => {
                // x++ reads x, so it counts as a use (types2 stmt.go evaluates the operand
                // with check.expr): `y := 0; y++` compiles.
                let x = self.expr(e);
                if x.mode == Mode::Invalid {
                    return;
                }
                if !self.prog.types.is_numeric(x.ty) {
                    let op = if matches!(s.kind, StmtKind::IncDec(_, true)) {
                        "++"
                    } else {
                        "--"
                    };
                    self.error(
                        start_pos(e),
                        format!(
                            "invalid operation: {}{} (non-numeric type {})",
                            expr_string(e),
                            op,
                            self.tn(x.ty)
                        ),
                    );
                    return;
                }
                self.check_assignable_lhs(e, &x);
            }
            StmtKind::Block(b) => self.block_at(b, s.pos),
            StmtKind::If {
                init,
                cond,
                then,
                els,
            } => {
                self.scopes.push();
                if let Some(i) = init {
                    self.stmt(i);
                }
                self.condition(cond, "if");
                self.block(then);
                if let Some(e) = els {
                    self.stmt(e);
                }
                self.scopes.pop();
            }
            StmtKind::For {
                init,
                cond,
                post,
                body,
            } => {
                self.scopes.push();
                if let Some(i) = init {
                    self.stmt(i);
                }
                if let Some(c) = cond {
                    self.condition(c, "for");
                }
                if let Some(p) = post {
                    if matches!(p.kind, StmtKind::ShortVar { .. }) {
                        self.error(p.pos, "cannot declare in post statement of for loop");
                    } else {
                        self.stmt(p);
                    }
                }
                self.targets.push(Target {
                    is_loop: true,
                    label: self.pending_label.take(),
                });
                self.block(body);
                self.targets.pop();
                self.scopes.pop();
            }
            StmtKind::Break(label) => self.branch_target(s.pos, label, true),
            StmtKind::Continue(label) => self.branch_target(s.pos, label, false),
            // Go reports a goto's errors at its label (syntax/branches.go).
            StmtKind::Goto(label, at) => self.gotos.push(GotoInfo {
                label: label.clone(),
                pos: *at,
                trail: self.trail.clone(),
            }),
            StmtKind::Fallthrough => match self.fallthrough_here {
                Some(false) => {}
                Some(true) => self.error(s.pos, "cannot fallthrough final case in switch"),
                None => self.error(s.pos, "fallthrough statement out of place"),
            },
            StmtKind::Labeled(label, inner) => {
                let (block, index) = self.trail.last().copied().unwrap_or((0, 0));
                if label == "_" {
                    // The blank label declares nothing: any number may appear, and no
                    // branch can name one (types2 skips them).
                } else if let Some(prev) = self.labels.get(label) {
                    let p = prev.pos;
                    let at = self.pos_string(p);
                    self.error(s.pos, format!("label {label} already defined at {at}"));
                } else {
                    self.labels.insert(
                        label.clone(),
                        LabelInfo {
                            pos: s.pos,
                            used: false,
                            block,
                            index,
                        },
                    );
                }
                if inner.kind.is_labeled_target() {
                    self.pending_label = Some(label.clone());
                }
                self.stmt(inner);
                self.pending_label = None;
            }
            StmtKind::Switch {
                init, tag, cases, ..
            } => self.switch_stmt(init, tag, cases),
            StmtKind::TypeSwitch {
                init,
                bind,
                x,
                cases,
                ..
            } => self.type_switch(init, bind, x, cases),
            StmtKind::Range {
                key,
                value,
                define,
                x,
                body,
                extra,
            } => {
                self.range_stmt(s.pos, key.as_ref(), value.as_ref(), *define, x, body);
                if let Some(e) = extra.first() {
                    // Go reports it after checking the loop (types2 stmt.go rangeStmt).
                    self.error(
                        e.pos,
                        "range clause permits at most two iteration variables",
                    );
                }
            }
            StmtKind::Return(values) => self.return_stmt(s.pos, values),
            StmtKind::Send { ch, value } => self.send_stmt(ch, value),
            StmtKind::Select { cases, .. } => self.select_stmt(cases),
        }
    }

    // SwitchStmt: the tag is evaluated once and compared with each case in order (Go spec,
    // "Expression switches"); without a tag the cases are boolean conditions.
    pub(super) fn switch_stmt(
        &mut self,
        init: &Option<Box<Stmt>>,
        tag: &Option<Expr>,
        cases: &[CaseClause],
    ) {
        self.scopes.push();
        let label = self.pending_label.take();
        if let Some(i) = init {
            self.stmt(i);
        }
        let mut tag_op = None;
        if let Some(t) = tag {
            let mut op = self.expr(t);
            if op.mode != Mode::Invalid {
                let ty = self.default_type(t, &mut op, "switch expression");
                if ty != 0 {
                    tag_op = Some(op);
                }
            }
        }
        let mut default_at: Option<Pos> = None;
        let mut seen: Vec<(Const, TypeId)> = Vec::new();
        for (ci, c) in cases.iter().enumerate() {
            match &c.exprs {
                None => {
                    self.note_default(&mut default_at, c.pos);
                }
                Some(exprs) => {
                    for e in exprs {
                        let ok = match (&tag_op, tag) {
                            (Some(top), Some(t)) => {
                                let r = self.binary(e.pos, BinOp::Eq, t, e, top.clone());
                                r.mode != Mode::Invalid
                            }
                            (None, None) => {
                                let mut op = self.expr(e);
                                if op.mode == Mode::Invalid {
                                    false
                                } else if !self.prog.types.is_bool(op.ty)
                                    && self.prog.types.is_untyped(op.ty)
                                {
                                    // types2 caseValues converts an untyped case value to
                                    // the tag's type (the implicit true's bool) first.
                                    self.error(
                                        start_pos(e),
                                        format!("cannot convert {} to bool", self.describe(e, &op)),
                                    );
                                    false
                                } else if self.prog.types.is_interface(op.ty)
                                    && !self.prog.types.is_type_param(op.ty)
                                    && {
                                        let b = self.basic(Basic::Bool);
                                        self.assignable(b, op.ty)
                                    }
                                {
                                    // Compared with the implicit true, which converts to the
                                    // interface (types2 caseValues; Go's test/switch.go).
                                    true
                                } else if !self.prog.types.is_bool(op.ty) {
                                    self.error(
                                        start_pos(e),
                                        format!("invalid case {} in switch on true (mismatched types {} and bool)", expr_string(e), self.tn(op.ty)),
                                    );
                                    false
                                } else {
                                    let b = self.basic(Basic::Bool);
                                    self.convert_untyped(e, &mut op, b);
                                    true
                                }
                            }
                            _ => {
                                self.expr(e);
                                false
                            }
                        };
                        if !ok {
                            continue;
                        }
                        if let Some(v) = self.prog.info.consts.get(&e.id).cloned() {
                            let t = self.prog.info.types.get(&e.id).copied().unwrap_or(0);
                            if tag.is_some()
                                && seen
                                    .iter()
                                    .any(|(sv, st)| *sv == v && self.prog.types.identical(*st, t))
                            {
                                self.error(
                                    start_pos(e),
                                    format!(
                                        "duplicate case {} in expression switch",
                                        expr_string(e)
                                    ),
                                );
                            }
                            seen.push((v, t));
                        }
                    }
                }
            }
            self.targets.push(Target {
                is_loop: false,
                label: label.clone(),
            });
            self.scopes.push();
            self.fallthrough_here = Some(ci + 1 == cases.len());
            self.stmt_block(&c.body, c.pos);
            self.scopes.pop();
            self.targets.pop();
        }
        self.scopes.pop();
    }

    /// The (key, value) types of `range x` (Go spec, "For statements with range clause").
    pub(super) fn range_types(&mut self, x: &Expr, xo: &mut Operand) -> Option<(TypeId, TypeId)> {
        let int = self.basic(Basic::Int);
        if self.prog.types.is_untyped(xo.ty) && self.prog.types.is_string(xo.ty) {
            let st = self.basic(Basic::String);
            self.convert_untyped(x, xo, st);
        }
        let types = &self.prog.types;
        match types.get(types.under(xo.ty)).clone() {
            Type::Basic(Basic::String) => Some((int, self.basic(Basic::Rune))),
            Type::Array(_, e) | Type::Slice(e) => Some((int, e)),
            Type::Map(k, v) => Some((k, v)),
            // One iteration variable, the element; range_stmt reports a second.
            Type::Chan(ChanDir::Send, _) => None,
            Type::Chan(_, e) => Some((e, 0)),
            Type::Pointer(p) => match types.get(types.under(p)) {
                Type::Array(_, e) => Some((int, *e)),
                _ => None,
            },
            _ => None,
        }
    }

    pub(super) fn range_stmt(
        &mut self,
        pos: Pos,
        key: Option<&Expr>,
        value: Option<&Expr>,
        define: bool,
        x: &Expr,
        body: &[Stmt],
    ) {
        self.scopes.push();
        let label = self.pending_label.take();
        let mut xo = self.expr(x);
        let kv = if xo.mode == Mode::Invalid {
            None
        } else {
            let chan = self.prog.types.chan_types(xo.ty);
            if let (Some(_), Some(v)) = (chan, value) {
                // types2 rangeStmt: reported at the second variable, and the check goes on.
                self.error(
                    start_pos(v),
                    format!(
                        "range over {} permits only one iteration variable",
                        self.describe(x, &xo)
                    ),
                );
            }
            let kv = self.range_types(x, &mut xo);
            if kv.is_none() {
                let types = &self.prog.types;
                let why = if types.is_type_param(xo.ty) && types.under(xo.ty) == xo.ty {
                    format!(" ({} has no core type)", self.tn(xo.ty))
                } else if let Some((ChanDir::Send, _)) = chan {
                    " (receive from send-only channel)".to_string()
                } else {
                    String::new()
                };
                self.error(
                    start_pos(x),
                    format!("cannot range over {}{why}", self.describe(x, &xo)),
                );
            }
            kv
        };
        let (kt, vt) = kv.unwrap_or((0, 0));
        let mut new_vars = Vec::new();
        for (e, t) in [(key, kt), (value, vt)] {
            let Some(e) = e else { continue };
            if define {
                let ExprKind::Ident(n) = &e.kind else {
                    self.error(
                        e.pos,
                        format!("non-name {} on left side of :=", expr_string(e)),
                    );
                    continue;
                };
                let o = self.new_local(n, e.pos, t);
                new_vars.push((n.clone(), o, e.pos));
            } else if !is_blank(e) {
                let l = self.expr_lhs(e);
                if l.mode != Mode::Invalid
                    && t != 0
                    && self.check_assignable_lhs(e, &l)
                    && !self.assignable(t, l.ty)
                {
                    self.error(
                        start_pos(e),
                        format!(
                            "cannot use {} (value of type {}) as {} value in range",
                            expr_string(e),
                            self.tn(t),
                            self.tn(l.ty)
                        ),
                    );
                }
            }
        }
        if define && !new_vars.iter().any(|(n, _, _)| n != "_") {
            self.error(pos, "no new variables on left side of :=");
        }
        for (n, o, p) in new_vars {
            if n != "_" {
                self.declare_local(&n, o, p);
            }
        }
        self.targets.push(Target {
            is_loop: true,
            label,
        });
        self.block(body);
        self.targets.pop();
        self.scopes.pop();
    }

    pub(super) fn condition(&mut self, cond: &Expr, what: &str) {
        let mut op = self.expr(cond);
        if op.mode == Mode::Invalid {
            return;
        }
        if !self.prog.types.is_bool(op.ty) {
            self.error(
                start_pos(cond),
                format!("non-boolean condition in {what} statement"),
            );
            return;
        }
        let b = self.basic(Basic::Bool);
        self.convert_untyped(cond, &mut op, b);
    }

    pub(super) fn return_stmt(&mut self, pos: Pos, values: &[Expr]) {
        let results = self.results.clone();
        if values.is_empty() {
            if !results.is_empty() && self.named_results.is_empty() {
                self.error(
                    pos,
                    format!(
                        "not enough return values\n\thave ()\n\twant {}",
                        self.type_list(&results)
                    ),
                );
            }
            return;
        }
        let ops = self.expr_list_values(values);
        if ops.iter().any(|(_, o)| o.mode == Mode::Invalid) {
            return;
        }
        if ops.len() != results.len() {
            let have = self.have_list(&ops);
            let msg = if ops.len() < results.len() {
                "not enough return values"
            } else {
                "too many return values"
            };
            let at = if ops.len() > results.len() && values.len() > results.len() {
                start_pos(&values[results.len()])
            } else {
                values.first().map(start_pos).unwrap_or(pos)
            };
            self.error(
                at,
                format!("{msg}\n\thave {have}\n\twant {}", self.type_list(&results)),
            );
            return;
        }
        // `return g()` with several results: each result converts on its own (to an
        // interface result, say), as the arguments of `f(g())` do.
        let spread = values.len() == 1 && ops.len() > 1;
        let froms: Vec<TypeId> = ops.iter().map(|(_, o)| o.ty).collect();
        for (i, (e, mut op)) in ops.into_iter().enumerate() {
            self.assign(e, &mut op, results[i], "return statement");
        }
        if spread {
            self.note_tuple_conversions(&values[0], &froms, &results);
        }
    }

    /// A type switch (Go spec, "Type switches"): each case lists types (or nil) the dynamic
    /// type is tested against; a bound variable has the case's type when it lists one type.
    pub(super) fn type_switch(
        &mut self,
        init: &Option<Box<Stmt>>,
        bind: &Option<(String, Pos)>,
        x: &Expr,
        cases: &[CaseClause],
    ) {
        self.scopes.push();
        let label = self.pending_label.take();
        if let Some(i) = init {
            self.stmt(i);
        }
        let xo = self.expr(x);
        let valid = xo.mode != Mode::Invalid;
        if valid && !self.prog.types.is_interface(xo.ty) {
            self.error(
                start_pos(x),
                format!("{} is not an interface", self.describe(x, &xo)),
            );
        }
        let mut default_at: Option<Pos> = None;
        let mut bound = Vec::new();
        for (ci, c) in cases.iter().enumerate() {
            let mut case_types = Vec::new();
            match &c.exprs {
                None => {
                    self.note_default(&mut default_at, c.pos);
                }
                Some(exprs) => {
                    for te in exprs {
                        let op = self.expr_any(te);
                        if op.mode == Mode::Invalid {
                            case_types.push(0);
                            continue;
                        }
                        if op.mode == Mode::Value && op.ty == self.basic(Basic::UntypedNil) {
                            case_types.push(op.ty);
                            continue;
                        }
                        if op.mode != Mode::Type {
                            self.error(start_pos(te), format!("{} is not a type", expr_string(te)));
                            case_types.push(0);
                            continue;
                        }
                        // With type parameters involved, only instances can tell (Go
                        // reports an impossible case only when every instance has it).
                        let generic = self.gen.in_instance
                            || self.has_type_params(op.ty)
                            || self.has_type_params(xo.ty);
                        if valid && !generic && !self.prog.types.is_interface(op.ty) {
                            if let Err(why) = self.implements(op.ty, xo.ty) {
                                self.error(start_pos(te), format!("impossible type switch case: {} cannot have dynamic type {} ({})", self.describe(x, &xo), self.tn(op.ty), why.split_once('(').map(|(_, r)| r.trim_end_matches(')')).unwrap_or(&why)));
                            }
                        }
                        case_types.push(op.ty);
                    }
                }
            }
            self.targets.push(Target {
                is_loop: false,
                label: label.clone(),
            });
            self.scopes.push();
            if let Some((name, pos)) = bind {
                let t = if case_types.len() == 1
                    && case_types[0] != self.basic(Basic::UntypedNil)
                    && case_types[0] != 0
                {
                    case_types[0]
                } else {
                    xo.ty
                };
                let o = self.new_obj(name, *pos, self.pkg, ObjKind::Var(VarKind::Local), t);
                self.prog.info.clause_vars.insert(c.pos, o);
                if name != "_" {
                    self.scopes.insert(name, o);
                }
                bound.push(o);
            }
            self.fallthrough_here = None;
            let _ = ci;
            self.stmt_block(&c.body, c.pos);
            self.scopes.pop();
            self.targets.pop();
        }
        if let Some((name, pos)) = bind {
            // Go reports the bound variable unused only when no clause uses it.
            if name != "_"
                && !self.skipped_unsupported
                && !bound.iter().any(|o| self.prog.objs[*o as usize].used)
            {
                self.error(*pos, format!("{name} declared but not used"));
            }
        }
        self.scopes.pop();
    }

    /// Records a switch's default clause; a second one is an error naming the first.
    pub(super) fn note_default(&mut self, default_at: &mut Option<Pos>, at: Pos) {
        if let Some(p) = *default_at {
            let first = self.pos_string(p);
            self.error(
                at,
                format!("multiple defaults in switch (first at {first})"),
            );
        }
        *default_at = Some(at);
    }

    /// Whether a call may stand as a statement (types2 exprKind `statement`): a function or
    /// method call, or a call of copy, panic, print, println or another builtin that returns
    /// nothing; not a conversion or a builtin whose result is the point.
    fn is_statement_call(&self, e: &Expr) -> bool {
        match self.prog.info.calls.get(&strip_parens(e).id) {
            Some(CallKind::Conversion(_)) | None => false,
            Some(CallKind::Builtin(b)) => matches!(
                b,
                Builtin::Close
                    | Builtin::Copy
                    | Builtin::Delete
                    | Builtin::Panic
                    | Builtin::Print
                    | Builtin::Println
                    | Builtin::Recover
                    | Builtin::Unsupported(_)
            ),
            Some(_) => true,
        }
    }

    /// The call of a go or defer statement (types2 suspendedCall): not a conversion, nor a
    /// builtin whose result would be discarded.
    fn suspended_call(&mut self, keyword: &str, call: &Expr) {
        let op = self.expr_any(call);
        if op.mode == Mode::Invalid || self.is_statement_call(call) {
            return;
        }
        let msg = if matches!(
            self.prog.info.calls.get(&call.id),
            Some(CallKind::Conversion(_))
        ) {
            "requires function call, not conversion"
        } else {
            "discards result of"
        };
        self.error(
            start_pos(call),
            format!("{keyword} {msg} {}", self.describe(call, &op)),
        );
    }

    /// Declares one spec of a local type declaration in the current scope: an alias, or a
    /// defined type whose name is in scope in its own definition (`type node struct{ next
    /// *node }`).
    fn local_type_spec(&mut self, ts: &TypeSpec) {
        if ts.alias && !ts.tparams.is_empty() {
            // Declared as invalid, so that its uses say nothing more, as go's.
            self.error(ts.pos, "generic type cannot be alias");
            let o = self.new_obj(&ts.name, ts.pos, self.pkg, ObjKind::TypeName, 0);
            self.prog.info.defs.insert(ts.pos, o);
            self.declare_local(&ts.name, o, ts.pos);
            return;
        }
        if ts.alias {
            let t = self.decl_rhs_type(&ts.ty);
            let o = self.new_obj(&ts.name, ts.pos, self.pkg, ObjKind::TypeName, t);
            self.prog.info.defs.insert(ts.pos, o);
            self.declare_local(&ts.name, o, ts.pos);
        } else {
            let pkg_name = self.prog.packages[self.pkg].name.clone();
            let pkg_path = self.prog.packages[self.pkg].path.clone();
            let named = self.prog.types.add(Type::Named {
                pkg: pkg_name,
                path: pkg_path,
                name: ts.name.clone(),
                underlying: None,
            });
            self.prog.types.mark_local(named);
            let o = self.new_obj(&ts.name, ts.pos, self.pkg, ObjKind::TypeName, named);
            self.prog.info.defs.insert(ts.pos, o);
            self.declare_local(&ts.name, o, ts.pos);
            if !ts.tparams.is_empty() {
                // `type X[T any] struct{ ... }` in a function (not a generic one: the caller
                // refuses those, as Go 1.19 does).
                self.declare_generic_type(named, ts);
                return;
            }
            let u = self.decl_rhs_type(&ts.ty);
            let u = self.prog.types.under(u);
            self.prog.types.set_underlying(named, u);
            // `type T struct{ next T }` in a function: an error, not an endless layout.
            self.check_recursive(named, ts.pos);
            self.complete_embeds();
        }
    }
}
