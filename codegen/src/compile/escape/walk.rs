//! Building the location graph of a batch of functions from their statements (Go's
//! escape/stmt.go, assign.go): declarations, assignments and their targets, loops (which
//! deepen the loop depth, as do labels that a later goto jumps back to), returns, and the
//! closures' captured variables, whose capture by value or by reference is decided once the
//! whole batch has been walked (flowClosure).

use crate::{HashMap, HashSet};
use std::rc::Rc;

use super::graph::{Graph, Hole, LocId, LocKind, Nesting};
use super::{FnIdx, FnKey, Site};
use crate::compile::ast::*;
use crate::compile::check::{strip_parens, CallKind, ObjId, ObjKind, Program, Selection};
use crate::compile::types::{Type, TypeId};

/// Captured variables up to this size that are never reassigned are copied into the closure
/// (cmd/compile/internal/escape flowClosure).
const MAX_BYVAL_CAPTURE: u64 = 128;

/// A function of the batch: a declared function or method, a function literal inside one,
/// or the package's initialisation code.
pub(super) struct FnInfo {
    pub key: FnKey,
    pub parent: Option<FnIdx>,
    pub called_directly: bool,
    /// Go's name for it (messages, tags).
    pub name: String,
    /// One location per parameter, the receiver first.
    pub params: Vec<LocId>,
    /// Each parameter's name and position (None when unnamed or blank) and type.
    pub param_info: Vec<(Option<(String, Pos)>, TypeId)>,
    pub results: Vec<LocId>,
    pub result_names: Vec<String>,
}

pub(super) struct Batch<'a> {
    pub prog: &'a mut Program,
    pub g: Graph,
    pub fns: Vec<FnInfo>,
    pub fn_of: HashMap<FnKey, FnIdx>,
    pub var_loc: HashMap<ObjId, LocId>,
    /// Allocation sites: their location, and position and text for messages.
    pub sites: Vec<(Site, LocId, Pos, String)>,
    pub site_loc: HashMap<Site, LocId>,
    /// Closures to connect to their captured variables: (hole of the closure's storage, the
    /// literal's expression).
    pub closures: Vec<(Hole, ExprId)>,
    /// Leak summaries of functions outside the batch (earlier batches, other packages).
    pub tags: &'a super::Tags<'a>,
    /// Variables bound once to a function literal: calls through them are static.
    pub static_lits: HashMap<ObjId, ExprId>,
    /// Messages found while walking (ignored self-assignments).
    pub notes: Vec<(Pos, String)>,
    pub(super) cur: FnIdx,
    pub(super) loop_depth: i32,
    looping_labels: HashSet<String>,
    /// A hole every argument of the call being analysed also flows to (go, and defer in a
    /// loop, keep their arguments on the heap).
    pub(super) call_extra: Option<Hole>,
    /// The `(` of the call whose arguments are being evaluated.
    pub(super) call_pos: Option<Pos>,
    /// An operand of a comparison: its conversion to an interface is not reported, as
    /// cmd/compile compares a concrete value with an interface without converting it.
    pub(super) quiet_convert: Option<ExprId>,
}

impl Nesting for Vec<FnInfo> {
    fn contains(&self, outer: FnIdx, inner: FnIdx) -> bool {
        let mut f = self[inner].parent;
        while let Some(p) = f {
            if p == outer {
                return true;
            }
            f = self[p].parent;
        }
        false
    }

    fn called_directly(&self, f: FnIdx) -> bool {
        self[f].called_directly
    }
}

impl<'a> Batch<'a> {
    pub fn new(prog: &'a mut Program, tags: &'a super::Tags<'a>) -> Self {
        Batch {
            prog,
            g: Graph::new(),
            fns: Vec::new(),
            fn_of: HashMap::default(),
            var_loc: HashMap::default(),
            sites: Vec::new(),
            site_loc: HashMap::default(),
            closures: Vec::new(),
            tags,
            static_lits: HashMap::default(),
            notes: Vec::new(),
            cur: 0,
            loop_depth: 1,
            looping_labels: HashSet::default(),
            call_extra: None,
            call_pos: None,
            quiet_convert: None,
        }
    }

    pub(super) fn ty(&self, e: &Expr) -> TypeId {
        self.prog.info.types.get(&e.id).copied().unwrap_or(0)
    }

    pub(super) fn under(&self, t: TypeId) -> Type {
        self.prog.types.get(self.prog.types.under(t)).clone()
    }

    /// Whether a value of type t can hold a pointer. Unknown types are assumed to.
    pub(super) fn has_pointers(&self, t: TypeId) -> bool {
        if t == 0 {
            return true;
        }
        match self.prog.types.get(self.prog.types.under(t)) {
            Type::Basic(_) | Type::Pointer(_) | Type::Func(_) | Type::Slice(_) | Type::Chan(..) => {
                self.prog.types.has_pointers(t)
            }
            Type::Interface(_) | Type::Array(..) | Type::Struct(_) => {
                self.prog.types.has_pointers(t)
            }
            Type::Tuple(_) | Type::Map(..) => true,
            Type::Named { .. } | Type::TypeParam { .. } => true,
        }
    }

    /// Whether an interface holds a value of type t in its data word (no copy to box it;
    /// lower/typedesc.rs is_direct).
    pub(super) fn is_direct(&self, t: TypeId) -> bool {
        self.prog.types.is_direct_iface(t)
    }

    pub(super) fn size(&mut self, t: TypeId) -> u64 {
        self.prog.types.size(t)
    }

    // ---- functions ----

    /// Adds a function to the batch with locations for its parameters and results.
    pub(super) fn add_fn(
        &mut self,
        key: FnKey,
        parent: Option<FnIdx>,
        name: String,
        params: &[(Option<(String, Pos)>, TypeId)],
        results: &[(Option<(String, Pos)>, TypeId)],
    ) -> FnIdx {
        let f = self.fns.len();
        self.fns.push(FnInfo {
            key,
            parent,
            called_directly: false,
            name,
            params: Vec::new(),
            param_info: params.to_vec(),
            results: Vec::new(),
            result_names: Vec::new(),
        });
        self.fn_of.insert(key, f);
        for (i, (name, _)) in params.iter().enumerate() {
            let l = self.signature_loc(name, f);
            self.g.locs[l].param = Some(i);
            self.fns[f].params.push(l);
        }
        for (i, (name, _)) in results.iter().enumerate() {
            let l = self.signature_loc(name, f);
            self.g.locs[l].result = Some(i);
            self.fns[f].results.push(l);
            let rn = match name {
                Some((n, _)) if n != "_" => n.clone(),
                _ => format!("~r{i}"),
            };
            self.fns[f].result_names.push(rn);
        }
        f
    }

    /// The location of a parameter or result of function f: its variable's, or a temporary
    /// when it is unnamed or blank.
    fn signature_loc(&mut self, name: &Option<(String, Pos)>, f: FnIdx) -> LocId {
        let obj = name
            .as_ref()
            .and_then(|(_, p)| self.prog.info.defs.get(p).copied());
        match obj {
            Some(o) => self.var_loc_new(o, f, 1),
            None => self.g.new_loc(LocKind::Temp, f, 1),
        }
    }

    fn var_loc_new(&mut self, o: ObjId, f: FnIdx, depth: i32) -> LocId {
        let l = self.g.new_loc(LocKind::Var(o), f, depth);
        self.var_loc.insert(o, l);
        l
    }

    /// The location of local variable o, created at the current loop depth if it has none
    /// yet.
    pub(super) fn var(&mut self, o: ObjId) -> LocId {
        if let Some(&l) = self.var_loc.get(&o) {
            return l;
        }
        let (f, d) = (self.cur, self.loop_depth);
        self.var_loc_new(o, f, d)
    }

    /// A variable's declaration: its location takes the current loop depth.
    pub(super) fn dcl(&mut self, o: ObjId) -> Hole {
        let l = self.var(o);
        self.g.locs[l].loop_depth = self.loop_depth;
        self.g.locs[l].func = self.cur;
        Hole::to(l)
    }

    pub(super) fn is_local(&self, o: ObjId) -> bool {
        matches!(
            self.prog.objs[o as usize].kind,
            ObjKind::Var(
                crate::compile::check::VarKind::Local
                    | crate::compile::check::VarKind::Param
                    | crate::compile::check::VarKind::Result
            )
        )
    }

    pub(super) fn heap_hole(&self) -> Hole {
        Hole::to(self.g.heap)
    }

    pub(super) fn discard_hole(&self) -> Hole {
        Hole::to(self.g.blank)
    }

    /// A new temporary the holes ks all receive from (Go's teeHole).
    pub(super) fn tee(&mut self, ks: &[Hole]) -> Hole {
        match ks {
            [] => self.discard_hole(),
            [k] => *k,
            _ => {
                let t = self.g.new_loc(LocKind::Temp, self.cur, self.loop_depth);
                for &k in ks {
                    self.g.flow(k, t);
                }
                Hole::to(t)
            }
        }
    }

    /// A new location for storage allocated by expression e, whose address flows to k.
    pub(super) fn spill(&mut self, k: Hole, site: Site, e: &Expr) -> Hole {
        let l = match self.site_loc.get(&site) {
            Some(&l) => l,
            None => {
                let l = self
                    .g
                    .new_loc(LocKind::Site(site), self.cur, self.loop_depth);
                self.site_loc.insert(site, l);
                // cmd/compile places the conversion of a variable passed to a call at the
                // call's `(`.
                let pos = match (site, &strip_parens(e).kind, self.call_pos) {
                    (Site::Convert(_), ExprKind::Ident(_), Some(p)) => p,
                    _ => super::report::node_pos(e),
                };
                let text = if self
                    .quiet_convert
                    .is_some_and(|id| site == Site::Convert(id))
                {
                    String::new() // no message (see quiet_convert)
                } else {
                    super::report::site_text(self.prog, site, e)
                };
                self.sites.push((site, l, pos, text));
                l
            }
        };
        self.g.flow(k.addr(), l);
        Hole::to(l)
    }

    /// Walks the body of function f (a declared function, or a literal when its expression
    /// is reached).
    pub(super) fn walk_body(&mut self, f: FnIdx, body: &[Stmt]) {
        let saved = (
            self.cur,
            self.loop_depth,
            std::mem::take(&mut self.looping_labels),
            self.call_pos.take(),
            self.call_extra.take(),
        );
        self.cur = f;
        self.loop_depth = 1;
        self.looping_labels = looping_labels(body);
        self.block(body);
        self.cur = saved.0;
        self.loop_depth = saved.1;
        self.looping_labels = saved.2;
        self.call_pos = saved.3;
        self.call_extra = saved.4;
    }

    // ---- statements ----

    pub(super) fn block(&mut self, stmts: &[Stmt]) {
        let old = self.loop_depth;
        for s in stmts {
            self.stmt(s);
        }
        self.loop_depth = old;
    }

    fn opt_stmt(&mut self, s: &Option<Box<Stmt>>) {
        if let Some(s) = s {
            self.stmt(s);
        }
    }

    pub(super) fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Empty
            | StmtKind::Const(_)
            | StmtKind::Type(_)
            | StmtKind::Break(_)
            | StmtKind::Continue(_)
            | StmtKind::Goto(..)
            | StmtKind::Fallthrough
            | StmtKind::Unsupported(_) => {}
            StmtKind::Expr(e) => {
                if matches!(strip_parens(e).kind, ExprKind::Call { .. }) {
                    self.call(&[], strip_parens(e));
                } else {
                    self.discard(e);
                }
            }
            StmtKind::Var(vs) => {
                let objs: Vec<Option<ObjId>> = vs
                    .names
                    .iter()
                    .map(|(n, p)| {
                        if n == "_" {
                            None
                        } else {
                            self.prog.info.defs.get(p).copied()
                        }
                    })
                    .collect();
                let ks: Vec<Hole> = objs
                    .iter()
                    .map(|o| match o {
                        Some(o) => self.dcl(*o),
                        None => self.discard_hole(),
                    })
                    .collect();
                if !vs.values.is_empty() {
                    self.assign_values(&ks, &vs.values, s.pos, None);
                }
            }
            StmtKind::ShortVar { names, values } => {
                let (ks, redeclared) = self.short_var_holes(names);
                self.assign_values(&ks, values, s.pos, None);
                self.reassigned(&redeclared);
            }
            StmtKind::Assign { lhs, op, rhs } => {
                let ks: Vec<Hole> = lhs.iter().map(|l| self.addr(l)).collect();
                if op.is_some() {
                    // x op= y: y's value flows to x (Go models OASOP so).
                    self.expr(ks[0], &rhs[0]);
                } else {
                    self.assign_values(&ks, rhs, s.pos, Some(lhs));
                }
                self.reassigned(&ks);
            }
            StmtKind::IncDec(x, _) => {
                let k = self.addr(x);
                self.reassigned(&[k]);
            }
            StmtKind::Block(b) => self.block(b),
            // `var ( ... )`: its declarations, in the enclosing scope.
            StmtKind::VarGroup(decls) => {
                for d in decls {
                    self.stmt(d);
                }
            }
            StmtKind::If {
                init,
                cond,
                then,
                els,
            } => {
                let old = self.loop_depth;
                self.opt_stmt(init);
                self.discard(cond);
                self.block(then);
                if let Some(e) = els {
                    self.stmt(e);
                }
                self.loop_depth = old;
            }
            StmtKind::For {
                init,
                cond,
                post,
                body,
            } => {
                let old = self.loop_depth;
                self.opt_stmt(init);
                self.loop_depth += 1;
                if let Some(c) = cond {
                    self.discard(c);
                }
                self.opt_stmt(post);
                self.block(body);
                self.loop_depth = old;
            }
            StmtKind::Range {
                key,
                value,
                define,
                x,
                body,
                ..
            } => self.range(key.as_ref(), value.as_ref(), *define, x, body),
            StmtKind::Switch {
                init, tag, cases, ..
            } => {
                let old = self.loop_depth;
                self.opt_stmt(init);
                if let Some(t) = tag {
                    self.compared(t);
                }
                for c in cases {
                    for e in c.exprs.iter().flatten() {
                        self.compared(e);
                    }
                    self.block(&c.body);
                }
                self.loop_depth = old;
            }
            StmtKind::TypeSwitch { init, x, cases, .. } => {
                let old = self.loop_depth;
                self.opt_stmt(init);
                let mut ks = Vec::new();
                for c in cases {
                    if let Some(&o) = self.prog.info.clause_vars.get(&c.pos) {
                        let k = self.dcl(o);
                        let t = self.prog.objs[o as usize].ty;
                        if self.has_pointers(t) {
                            ks.push(self.dot_type(k, t));
                        }
                    }
                }
                let k = self.tee(&ks);
                self.expr(k, x);
                for c in cases {
                    self.block(&c.body);
                }
                self.loop_depth = old;
            }
            StmtKind::Return(values) => self.return_(values, s.pos),
            StmtKind::Labeled(label, inner) => {
                if self.looping_labels.contains(label) {
                    self.loop_depth += 1;
                }
                self.stmt(inner);
            }
            StmtKind::CallStmt { keyword, call, .. } => self.go_defer(keyword, call),
            // A value sent on a channel may be received anywhere: it goes to the heap
            // (escape/stmt.go OSEND, assignHeap).
            StmtKind::Send { ch, value } => {
                self.discard(ch);
                let h = self.heap_hole();
                self.expr(h, value);
            }
            StmtKind::Select { cases, .. } => {
                let old = self.loop_depth;
                for c in cases {
                    if let Some(comm) = &c.comm {
                        self.select_comm(comm);
                    }
                    self.block(&c.body);
                }
                self.loop_depth = old;
            }
        }
    }

    /// The holes of the names of `names := ...`: a new variable's declaration, or for a name
    /// declared before, the variable (returned again as reassigned).
    fn short_var_holes(&mut self, names: &[(String, Pos)]) -> (Vec<Hole>, Vec<Hole>) {
        let mut ks = Vec::new();
        let mut redeclared = Vec::new();
        for (n, p) in names {
            let o = if n == "_" {
                None
            } else {
                self.prog.info.defs.get(p).copied()
            };
            match o {
                Some(o) if self.prog.objs[o as usize].pos == *p => ks.push(self.dcl(o)),
                Some(o) => {
                    let l = self.var(o);
                    redeclared.push(Hole::to(l));
                    ks.push(Hole::to(l));
                }
                None => ks.push(self.discard_hole()),
            }
        }
        (ks, redeclared)
    }

    /// A select case's communication. A received value comes from the heap, and Go lowers
    /// the assignment of a receive case (and its conversion to an interface) after the
    /// analysis (walk/select.go), so the analysis sees only the channel operand.
    fn select_comm(&mut self, comm: &Stmt) {
        match &comm.kind {
            StmtKind::ShortVar { names, values } => {
                let (_, redeclared) = self.short_var_holes(names);
                values.iter().for_each(|v| self.discard_channel(v));
                self.reassigned(&redeclared);
            }
            StmtKind::Assign { lhs, rhs, .. } => {
                let ks: Vec<Hole> = lhs.iter().map(|l| self.addr(l)).collect();
                rhs.iter().for_each(|v| self.discard_channel(v));
                self.reassigned(&ks);
            }
            _ => self.stmt(comm),
        }
    }

    /// The channel of a receive `<-ch` (not the receive itself, whose conversion to the
    /// target's type would be a site).
    fn discard_channel(&mut self, v: &Expr) {
        match &strip_parens(v).kind {
            ExprKind::Unary(UnOp::Recv, ch) => self.discard(ch),
            _ => self.discard(v),
        }
    }

    /// The hole of a value asserted to type t out of an interface: the interface's data word
    /// points to the value unless t is pointer-shaped.
    pub(super) fn dot_type(&self, k: Hole, t: TypeId) -> Hole {
        if !self.prog.types.is_interface(t) && !self.is_direct(t) {
            k.deref()
        } else {
            k
        }
    }

    fn range(
        &mut self,
        key: Option<&Expr>,
        value: Option<&Expr>,
        define: bool,
        x: &Expr,
        body: &[Stmt],
    ) {
        let old = self.loop_depth;
        // x is evaluated once, before the loop.
        let tmp = self.g.new_loc(LocKind::Temp, self.cur, self.loop_depth);
        self.expr(Hole::to(tmp), x);
        // Go 1.19: the iteration variables are declared once, outside the loop.
        let target = |b: &mut Batch, e: Option<&Expr>| -> Hole {
            let Some(e) = e else {
                return b.discard_hole();
            };
            if define {
                match b.prog.info.defs.get(&e.pos).copied() {
                    Some(o) if !matches!(&e.kind, ExprKind::Ident(n) if n == "_") => b.dcl(o),
                    _ => b.discard_hole(),
                }
            } else {
                b.addr(e)
            }
        };
        let kk = target(self, key);
        let kv = target(self, value);
        self.loop_depth += 1;
        let xt = self.ty(x);
        if matches!(self.under(xt), Type::Array(..)) {
            self.g.flow(kv, tmp);
        } else {
            self.g.flow(kv.deref(), tmp);
        }
        // Assigned on every iteration.
        self.reassigned(&[kk, kv]);
        self.block(body);
        self.loop_depth = old;
    }

    fn return_(&mut self, values: &[Expr], pos: Pos) {
        if values.is_empty() {
            return;
        }
        let ks: Vec<Hole> = self.fns[self.cur]
            .results
            .clone()
            .into_iter()
            .map(Hole::to)
            .collect();
        self.assign_values(&ks, values, pos, None);
        // `return v` assigns the named results, after any closure captured them (Go's
        // ORETURN goes through assignList, which marks them reassigned).
        self.reassigned(&ks);
    }

    /// `go f(x)` and `defer f(x)`. A defer at the function's top level runs before the frame
    /// goes, so its function value and arguments need only outlive the statement; anything
    /// else keeps them for an unknown time (Go's goDeferStmt).
    fn go_defer(&mut self, keyword: &str, call: &Expr) {
        let k = if keyword == "defer" && self.loop_depth == 1 {
            let t = self.g.new_loc(LocKind::Temp, self.cur, self.loop_depth);
            Hole::to(t)
        } else {
            self.heap_hole()
        };
        let saved = self.call_extra.replace(k);
        if let ExprKind::Call { .. } = &strip_parens(call).kind {
            self.call(&[], strip_parens(call));
        } else {
            self.discard(call);
        }
        self.call_extra = saved;
    }

    /// Marks the variables behind holes as reassigned (they cannot be captured by value).
    pub(super) fn reassigned(&mut self, ks: &[Hole]) {
        for k in ks {
            if let LocKind::Var(_) = self.g.locs[k.dst].kind {
                self.g.locs[k.dst].reassigned = true;
            }
        }
    }

    /// `lhs = rhs` value by value, or the several results of one call; `lhs` (the target
    /// expressions of an assignment) lets self-assignments be recognised.
    fn assign_values(&mut self, ks: &[Hole], values: &[Expr], pos: Pos, lhs: Option<&[Expr]>) {
        if values.len() == 1 && ks.len() > 1 {
            let v = strip_parens(&values[0]);
            match &v.kind {
                ExprKind::Call { .. } => self.call(ks, v),
                // v, ok := x.(T)
                ExprKind::TypeAssert(x, Some(_)) => {
                    let t = self.ty(v);
                    let k = self.dot_type(ks[0], t);
                    self.expr(k, x);
                }
                // Forms the maps and channels add (v, ok := m[k]): the value comes from the
                // heap; evaluate the operands for their effects.
                _ => {
                    self.discard(v);
                }
            }
            return;
        }
        for (i, v) in values.iter().enumerate() {
            let mut k = ks.get(i).copied().unwrap_or(self.discard_hole());
            if let Some(lhs) = lhs {
                if self.is_self_assign(&lhs[i], v) {
                    let fname = self.fns[self.cur].name.clone();
                    let text = format!(
                        "{} ignoring self-assignment in {} = {}",
                        super::report::func_display(&fname),
                        super::report::node_string(self.prog, &lhs[i]),
                        super::report::node_string(self.prog, v)
                    );
                    self.notes.push((pos, text));
                    k = self.discard_hole();
                }
            }
            self.expr(k, v);
        }
    }

    /// The hole for storing into an assignment's target (Go's escape addr).
    pub(super) fn addr(&mut self, e: &Expr) -> Hole {
        let e = strip_parens(e);
        match &e.kind {
            ExprKind::Ident(n) if n == "_" => self.discard_hole(),
            ExprKind::Ident(_) => match self.prog.info.uses.get(&e.id).copied() {
                Some(o) if self.is_local(o) => Hole::to(self.var(o)),
                _ => self.heap_hole(),
            },
            ExprKind::Selector(x, ..) => match self.prog.info.selections.get(&e.id).cloned() {
                Some(Selection::Field { deref: false, .. }) => self.addr(x),
                Some(Selection::Field { deref: true, .. }) => {
                    self.discard(x);
                    self.heap_hole()
                }
                _ => self.heap_hole(),
            },
            ExprKind::Index(x, i) => {
                let xt = self.ty(x);
                match self.under(xt) {
                    Type::Array(..) => {
                        self.discard(i);
                        self.addr(x)
                    }
                    Type::Slice(_) | Type::Pointer(_) => {
                        self.discard(i);
                        self.discard(x);
                        self.heap_hole()
                    }
                    _ => {
                        // A map element: the key is stored in the map.
                        self.discard(x);
                        let h = self.heap_hole();
                        self.expr(h, i);
                        self.heap_hole()
                    }
                }
            }
            ExprKind::Unary(UnOp::Deref, x) => {
                self.discard(x);
                self.heap_hole()
            }
            _ => {
                self.discard(e);
                self.heap_hole()
            }
        }
    }

    /// Assignments that store nothing new into the target's object (Go's isSelfAssign):
    /// `b.buf = b.buf[n:m]` through the same pointer, `v.x = v.y` of the same variable.
    fn is_self_assign(&self, dst: &Expr, src: &Expr) -> bool {
        let (dst, src) = (strip_parens(dst), strip_parens(src));
        // The slice case: dst is *p or p.f, src slices *p or p.f (not an array inside the
        // object, which would add a pointer to the object itself).
        let ptr_base = |e: &Expr| -> Option<ObjId> {
            match &e.kind {
                ExprKind::Unary(UnOp::Deref, p) => self.ident_obj(p),
                ExprKind::Selector(p, ..) => match self.prog.info.selections.get(&e.id) {
                    Some(Selection::Field { deref: true, .. }) => self.ident_obj(p),
                    _ => None,
                },
                _ => None,
            }
        };
        if let (Some(d), ExprKind::Slice { x, .. }) = (ptr_base(dst), &src.kind) {
            let xt = self.ty(x);
            let is_array = matches!(self.under(xt), Type::Array(..));
            if !is_array && ptr_base(strip_parens(x)) == Some(d) {
                return true;
            }
            return false;
        }
        match (&dst.kind, &src.kind) {
            (ExprKind::Selector(dx, ..), ExprKind::Selector(sx, ..)) => {
                let sel = |e: &Expr| self.prog.info.selections.get(&e.id).cloned();
                matches!(
                    (sel(dst), sel(src)),
                    (
                        Some(Selection::Field { deref: a, .. }),
                        Some(Selection::Field { deref: b, .. })
                    ) if a == b
                ) && self.same_safe_expr(dx, sx)
            }
            (ExprKind::Index(dx, di), ExprKind::Index(sx, si)) => {
                !self.may_affect_memory(di)
                    && !self.may_affect_memory(si)
                    && self.same_safe_expr(dx, sx)
            }
            _ => false,
        }
    }

    fn ident_obj(&self, e: &Expr) -> Option<ObjId> {
        match &strip_parens(e).kind {
            ExprKind::Ident(_) => self.prog.info.uses.get(&strip_parens(e).id).copied(),
            _ => None,
        }
    }

    /// Whether two expressions denote the same storage without side effects (ir.SameSafeExpr).
    fn same_safe_expr(&self, a: &Expr, b: &Expr) -> bool {
        let (a, b) = (strip_parens(a), strip_parens(b));
        match (&a.kind, &b.kind) {
            (ExprKind::Ident(_), ExprKind::Ident(_)) => {
                let (x, y) = (self.ident_obj(a), self.ident_obj(b));
                x.is_some() && x == y
            }
            (ExprKind::Selector(x, f, _), ExprKind::Selector(y, g, _)) => {
                f == g
                    && matches!(
                        self.prog.info.selections.get(&a.id),
                        Some(Selection::Field { .. })
                    )
                    && self.same_safe_expr(x, y)
            }
            (ExprKind::Unary(UnOp::Deref, x), ExprKind::Unary(UnOp::Deref, y)) => {
                self.same_safe_expr(x, y)
            }
            (ExprKind::Index(x, i), ExprKind::Index(y, j)) => {
                let xt = self.ty(x);
                matches!(self.under(xt), Type::Array(..) | Type::Slice(_))
                    && self.same_safe_expr(x, y)
                    && self.same_safe_expr(i, j)
            }
            _ => {
                let (ca, cb) = (
                    self.prog.info.consts.get(&a.id),
                    self.prog.info.consts.get(&b.id),
                );
                ca.is_some() && ca == cb
            }
        }
    }

    /// Whether evaluating e may change memory (Go's mayAffectMemory).
    fn may_affect_memory(&self, e: &Expr) -> bool {
        if self.prog.info.consts.contains_key(&e.id) {
            return false;
        }
        match &e.kind {
            ExprKind::Ident(_) => false,
            ExprKind::Paren(x) | ExprKind::Unary(_, x) | ExprKind::Selector(x, ..) => {
                self.may_affect_memory(x)
            }
            ExprKind::Binary(_, x, y) | ExprKind::Index(x, y) => {
                self.may_affect_memory(x) || self.may_affect_memory(y)
            }
            ExprKind::Call { args, .. } => {
                !matches!(
                    self.prog.info.calls.get(&e.id),
                    Some(CallKind::Conversion(_))
                ) || args.iter().any(|a| self.may_affect_memory(a))
            }
            _ => true,
        }
    }

    /// The variables function literal `lit` captures (the checker's list).
    fn captures(&self, lit: ExprId) -> Vec<ObjId> {
        self.prog
            .info
            .closures
            .get(&lit)
            .cloned()
            .unwrap_or_default()
    }

    /// After the walk: each captured variable flows into its closure, by value when it is
    /// small, never reassigned after the capture and never has its address taken, and by
    /// reference (its address) otherwise.
    pub(super) fn flow_closures(&mut self, by_ref: &mut HashSet<ObjId>) {
        for (k, lit) in std::mem::take(&mut self.closures) {
            let caps = self.captures(lit);
            for o in caps {
                let l = self.var(o);
                let t = self.prog.objs[o as usize].ty;
                let small = self.size(t) <= MAX_BYVAL_CAPTURE;
                let loc = &self.g.locs[l];
                let by_value = !loc.addrtaken && !loc.reassigned && small;
                if by_value {
                    self.g.flow(k, l);
                } else {
                    by_ref.insert(o);
                    self.g.flow(k.addr(), l);
                }
            }
        }
    }

    /// Marks the captured variables of a literal about to be evaluated. A variable assigned
    /// only before its first capture, at the capture's loop depth, still counts as never
    /// reassigned: the closure copies its final value.
    pub(super) fn note_captures(&mut self, lit: ExprId) {
        let caps = self.captures(lit);
        for o in caps {
            let l = self.var(o);
            if !self.g.locs[l].captured {
                self.g.locs[l].captured = true;
                if self.g.locs[l].loop_depth == self.loop_depth {
                    self.g.locs[l].reassigned = false;
                }
            }
        }
    }

    /// The literals of a function body, registered as functions of the batch (their
    /// parameters need locations before any call reaches them).
    pub(super) fn add_literals(
        &mut self,
        parent: FnIdx,
        body: &[Stmt],
        names: &HashMap<ExprId, String>,
    ) {
        let mut lits: Vec<(ExprId, Rc<FuncLit>)> = Vec::new();
        super::visit::exprs_in_stmts(body, false, &mut |x| {
            if let ExprKind::FuncLit(fl) = &x.kind {
                lits.push((x.id, fl.clone()));
            }
        });
        for (id, fl) in lits {
            self.add_literal(parent, id, &fl, names);
        }
    }

    pub(super) fn add_literal(
        &mut self,
        parent: FnIdx,
        id: ExprId,
        fl: &Rc<FuncLit>,
        names: &HashMap<ExprId, String>,
    ) {
        let Some(sig) = self.prog.func_sig_of(id) else {
            return;
        };
        let params: Vec<_> = fl
            .params
            .iter()
            .zip(&sig.params)
            .map(|(p, &t)| (p.name.clone().filter(|(n, _)| n != "_"), t))
            .collect();
        let results: Vec<_> = fl
            .results
            .iter()
            .zip(&sig.results)
            .map(|(p, &t)| (p.name.clone(), t))
            .chain(
                sig.results
                    .iter()
                    .skip(fl.results.len())
                    .map(|&t| (None, t)),
            )
            .collect();
        let name = names.get(&id).cloned().unwrap_or_default();
        let f = self.add_fn(FnKey::Lit(id), Some(parent), name, &params, &results);
        // Unnamed results: the literal's own result list may be shorter than the signature's
        // (`func() (int, string)` has unnamed params of a Param each, so this is exact).
        let _ = f;
        self.add_literals(f, &fl.body, names);
    }
}

/// The labels of a body (outside its literals) that a goto after them jumps back to: they
/// head a loop.
fn looping_labels(body: &[Stmt]) -> HashSet<String> {
    let mut seen: HashSet<String> = HashSet::default();
    let mut looping = HashSet::default();
    fn walk(stmts: &[Stmt], seen: &mut HashSet<String>, looping: &mut HashSet<String>) {
        for s in stmts {
            walk_one(s, seen, looping);
        }
    }
    fn walk_one(s: &Stmt, seen: &mut HashSet<String>, looping: &mut HashSet<String>) {
        match &s.kind {
            StmtKind::Labeled(l, inner) => {
                seen.insert(l.clone());
                walk_one(inner, seen, looping);
            }
            StmtKind::Goto(l, _) if seen.contains(l) => {
                looping.insert(l.clone());
            }
            StmtKind::Block(b) => walk(b, seen, looping),
            StmtKind::If {
                init, then, els, ..
            } => {
                if let Some(i) = init {
                    walk_one(i, seen, looping);
                }
                walk(then, seen, looping);
                if let Some(e) = els {
                    walk_one(e, seen, looping);
                }
            }
            StmtKind::For { body, .. } | StmtKind::Range { body, .. } => walk(body, seen, looping),
            StmtKind::Switch { cases, .. } | StmtKind::TypeSwitch { cases, .. } => {
                for c in cases {
                    walk(&c.body, seen, looping);
                }
            }
            StmtKind::Select { cases, .. } => {
                for c in cases {
                    walk(&c.body, seen, looping);
                }
            }
            _ => {}
        }
    }
    walk(body, &mut seen, &mut looping);
    looping
}
