//! Escape analysis: which variables and allocations must live on the heap, and which can
//! stay in their function's frame. The model is Go's (cmd/compile/internal/escape, whose
//! package comment describes it); the code is our own.
//!
//! Functions are analysed callees first, one strongly connected component of the package's
//! call graph at a time (a "batch"; function literals go with the function they are in). Each
//! batch builds a location graph from its bodies (walk.rs statements, exprs.rs expressions,
//! calls.rs calls) and solves it (graph.rs). The results:
//! - the variables whose address outlives their frame (or that are over 10 MB): heap; every
//!   other variable whose address is taken stays on the stack;
//! - the allocation sites (`&T{}`, `new`, `make`, slice literals, closures, method values,
//!   variadic argument slices, values boxed into interfaces) that may use stack memory;
//! - how each closure holds each captured variable: a copy when the variable is small and never
//!   reassigned after the capture, else its address;
//! - each function's parameter summaries (`Leaks`), which calls in later batches use, and
//!   which the package exports (`export`/`import`) for the packages that import it, as Go's
//!   export data carries them;
//! - with `-m`, Go's diagnostics: `moved to heap: x`, `X escapes to heap`, `X does not escape`,
//!   `leaking param: p`, `leaking param content: p`, `leaking param: p to result ~r0 level=0`.
//!
//! Anything the analysis does not model flows to the heap, and a site or variable it never saw
//! is on the heap: a missed case costs an allocation, never a dangling pointer.

mod calls;
pub use calls::MAX_IMPLICIT_STACK;
mod exprs;
mod graph;
mod report;
pub(in crate::compile) mod visit;
mod walk;

use crate::{HashMap, HashSet};
use std::collections::BTreeMap;
use std::rc::Rc;

pub use graph::Leaks;

use crate::compile::ast::*;
use crate::compile::check::{CallKind, DynInit, MethodVal, ObjId, ObjKind, PkgId, Program};
use crate::compile::types::Type;
use graph::LocKind;
use walk::Batch;

/// An allocation an expression makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Site {
    /// `&T{}`, `new(T)`, `make([]T, n)`, a slice literal, a closure, a method value, a
    /// string conversion or concatenation: the expression itself.
    Alloc(ExprId),
    /// The copy of a non-pointer value boxed into an interface where expression e is used
    /// (explicitly converted: the conversion call).
    Convert(ExprId),
    /// The slice holding the `...` arguments of the call.
    Variadic(ExprId),
}

pub(crate) type FnIdx = usize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum FnKey {
    Decl(ObjId),
    Lit(ExprId),
    Init,
}

/// What the lowering needs to know.
#[derive(Default)]
pub struct Escapes {
    /// Variables that may live in their frame (everything else whose address is taken goes
    /// to the heap).
    stack_vars: HashSet<ObjId>,
    /// Variables some closure holds by reference.
    by_ref: HashSet<ObjId>,
    /// Allocation sites that may use stack memory.
    stack_sites: HashSet<Site>,
    /// Parameter summaries of the package's functions, by symbol.
    pub tags: BTreeMap<String, Vec<Leaks>>,
    /// `-m` diagnostics: position and message.
    pub notes: Vec<(Pos, String)>,
    /// Go's name of each function literal (`main.main.func1`).
    pub names: HashMap<ExprId, String>,
}

impl Escapes {
    /// Whether variable o, if it lives in memory, must be on the heap.
    pub fn var_on_heap(&self, o: ObjId) -> bool {
        !self.stack_vars.contains(&o)
    }

    /// Whether closures hold variable o by reference (so it lives in memory).
    pub fn captured_by_ref(&self, o: ObjId) -> bool {
        self.by_ref.contains(&o)
    }

    pub fn site_on_heap(&self, s: Site) -> bool {
        !self.stack_sites.contains(&s)
    }

    /// The summaries as text for the packages that import this one: `symbol\tleaks...`.
    pub fn export(&self) -> String {
        let mut out = String::new();
        for (sym, leaks) in &self.tags {
            out.push_str(sym);
            for l in leaks {
                out.push('\t');
                out.push_str(&l.encode());
            }
            out.push('\n');
        }
        out
    }
}

/// The escape summaries of the imported packages' functions, as `Escapes::export` wrote them:
/// each function's line found by its symbol, and decoded only when a call needs it (hello's
/// main calls a few of the hundreds its imports summarise).
#[derive(Default)]
pub struct Imported<'a> {
    lines: HashMap<&'a str, &'a str>,
}

impl<'a> Imported<'a> {
    /// Indexes the summaries of one package.
    pub fn add(&mut self, text: &'a str) {
        for line in text.lines() {
            if let Some((sym, leaks)) = line.split_once('\t') {
                self.lines.insert(sym, leaks);
            }
        }
    }

    /// The summary of the function with symbol `sym`; None when there is none or its line
    /// does not parse (a function without a summary is assumed to leak everything).
    fn get(&self, sym: &str) -> Option<Vec<Leaks>> {
        self.lines
            .get(sym)?
            .split('\t')
            .map(Leaks::decode)
            .collect()
    }
}

/// The summaries a batch reads: of the package's functions analysed in earlier batches, and
/// of its imports'.
pub(super) struct Tags<'a> {
    pub local: &'a HashMap<String, Vec<Leaks>>,
    pub imported: &'a Imported<'a>,
}

impl Tags<'_> {
    /// Parameter `i`'s summary in the function with symbol `sym`.
    pub fn param(&self, sym: &str, i: usize) -> Option<Leaks> {
        match self.local.get(sym) {
            Some(leaks) => leaks.get(i).copied(),
            None => self.imported.get(sym)?.get(i).copied(),
        }
    }
}

/// A function declared in the package, with its body.
struct Decl {
    id: ObjId,
    file: Rc<File>,
    index: usize,
}

impl Decl {
    fn func(&self) -> &FuncDecl {
        match &self.file.decls[self.index] {
            crate::compile::ast::Decl::Func(fd) => fd,
            _ => unreachable!("package funcs are function declarations"),
        }
    }
}

/// Analyses package `pkg`. `imported` holds the summaries of the imported packages'
/// functions.
pub fn analyze(prog: &mut Program, pkg: PkgId, imported: &Imported) -> Escapes {
    let mut out = Escapes::default();
    let decls: Vec<Decl> = prog.packages[pkg]
        .funcs
        .iter()
        .filter(|(id, f, di)| {
            matches!(&f.decls[*di], crate::compile::ast::Decl::Func(fd) if fd.body.is_some())
                && matches!(prog.objs[*id as usize].kind, ObjKind::Func { .. })
        })
        .map(|(id, f, di)| Decl {
            id: *id,
            file: f.clone(),
            index: *di,
        })
        .collect();

    // Go's names for the function literals.
    for d in &decls {
        let sym = symbol(prog, d.id);
        if let Some(body) = &d.func().body {
            visit::name_literals(&format!("{sym}."), "func", body, &[], &mut out.names);
        }
    }
    let init_exprs = package_init_exprs(prog, pkg);
    let mut top: Vec<&Expr> = Vec::new();
    for (_, e) in &init_exprs {
        visit::top_literals(e, &mut top);
    }
    let path = crate::compile::symbol_prefix(&prog.packages[pkg].path);
    visit::name_literals(&format!("{path}.glob.."), "func", &[], &top, &mut out.names);

    let mut local: HashMap<String, Vec<Leaks>> = HashMap::default();
    for scc in call_graph_sccs(prog, pkg, &decls) {
        let batch: Vec<&Decl> = scc.iter().map(|&i| &decls[i]).collect();
        let tags = Tags {
            local: &local,
            imported,
        };
        analyze_batch(prog, pkg, &tags, &batch, None, &mut out);
        for d in &batch {
            let sym = symbol(prog, d.id);
            if let Some(l) = out.tags.get(&sym) {
                local.insert(sym, l.clone());
            }
        }
    }
    if !init_exprs.is_empty() {
        let tags = Tags {
            local: &local,
            imported,
        };
        analyze_batch(prog, pkg, &tags, &[], Some(&init_exprs), &mut out);
    }
    out.notes.sort_by_key(|(p, _)| (p.file, p.line, p.col));
    out
}

fn symbol(prog: &Program, id: ObjId) -> String {
    match &prog.objs[id as usize].kind {
        ObjKind::Func { symbol, .. } => symbol.clone(),
        _ => String::new(),
    }
}

/// The package's initialisation code: each dynamic initialiser with the package-level
/// variables it assigns.
fn package_init_exprs(prog: &Program, pkg: PkgId) -> Vec<(Vec<Option<ObjId>>, Expr)> {
    prog.packages[pkg].dyn_inits.clone()
}

/// The strongly connected components of the package's call graph (an edge for every
/// reference to a function or method of the package), callees before callers (Tarjan's
/// algorithm emits them in that order).
fn call_graph_sccs(prog: &Program, pkg: PkgId, decls: &[Decl]) -> Vec<Vec<usize>> {
    let index: HashMap<ObjId, usize> = decls.iter().enumerate().map(|(i, d)| (d.id, i)).collect();
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); decls.len()];
    for (i, d) in decls.iter().enumerate() {
        let Some(body) = &d.func().body else { continue };
        let mut out = Vec::new();
        visit::exprs_in_stmts(body, true, &mut |e| {
            let mut refs: Vec<ObjId> = Vec::new();
            if let Some(&o) = prog.info.uses.get(&e.id) {
                refs.push(o);
            }
            if let Some(CallKind::Method { func, .. }) = prog.info.calls.get(&e.id) {
                refs.push(*func);
            }
            match prog.info.method_vals.get(&e.id) {
                Some(MethodVal::Bound { func, .. }) | Some(MethodVal::Expr { func, .. }) => {
                    refs.push(*func)
                }
                _ => {}
            }
            for o in refs {
                if prog.objs[o as usize].pkg == pkg {
                    if let Some(&j) = index.get(&o) {
                        out.push(j);
                    }
                }
            }
        });
        edges[i] = out;
    }
    tarjan(&edges)
}

fn tarjan(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    struct St<'a> {
        edges: &'a [Vec<usize>],
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on: Vec<bool>,
        stack: Vec<usize>,
        next: usize,
        out: Vec<Vec<usize>>,
    }
    fn strong(s: &mut St, v: usize) {
        // Iterative, so that deep call chains cannot overflow the compiler's stack.
        let mut work: Vec<(usize, usize)> = vec![(v, 0)];
        s.index[v] = Some(s.next);
        s.low[v] = s.next;
        s.next += 1;
        s.stack.push(v);
        s.on[v] = true;
        while let Some(&mut (v, ref mut ei)) = work.last_mut() {
            if *ei < s.edges[v].len() {
                let w = s.edges[v][*ei];
                *ei += 1;
                match s.index[w] {
                    None => {
                        s.index[w] = Some(s.next);
                        s.low[w] = s.next;
                        s.next += 1;
                        s.stack.push(w);
                        s.on[w] = true;
                        work.push((w, 0));
                    }
                    Some(wi) if s.on[w] => s.low[v] = s.low[v].min(wi),
                    _ => {}
                }
                continue;
            }
            work.pop();
            if let Some(&(u, _)) = work.last() {
                s.low[u] = s.low[u].min(s.low[v]);
            }
            if Some(s.low[v]) == s.index[v] {
                let mut comp = Vec::new();
                while let Some(w) = s.stack.pop() {
                    s.on[w] = false;
                    comp.push(w);
                    if w == v {
                        break;
                    }
                }
                comp.sort();
                s.out.push(comp);
            }
        }
    }
    let n = edges.len();
    let mut s = St {
        edges,
        index: vec![None; n],
        low: vec![0; n],
        on: vec![false; n],
        stack: Vec::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in 0..n {
        if s.index[v].is_none() {
            strong(&mut s, v);
        }
    }
    s.out
}

/// Analyses one batch: declared functions, or the package's initialisation code.
fn analyze_batch(
    prog: &mut Program,
    pkg: PkgId,
    tags: &Tags,
    decls: &[&Decl],
    init: Option<&[DynInit]>,
    out: &mut Escapes,
) {
    let names = out.names.clone();
    let mut b = Batch::new(prog, tags);
    // Functions and their parameters first: calls anywhere in the batch may reach them.
    let mut bodies: Vec<(FnIdx, &[Stmt])> = Vec::new();
    for d in decls {
        let fd = d.func();
        let Some(body) = &fd.body else { continue };
        let Type::Func(sig) = b.prog.types.get(b.prog.objs[d.id as usize].ty).clone() else {
            continue;
        };
        let params: Vec<_> = fd
            .recv
            .iter()
            .chain(&fd.params)
            .zip(&sig.params)
            .map(|(p, &t)| (p.name.clone().filter(|(n, _)| n != "_"), t))
            .collect();
        let results: Vec<_> = fd
            .results
            .iter()
            .zip(&sig.results)
            .map(|(p, &t)| (p.name.clone(), t))
            .collect();
        let f = b.add_fn(
            FnKey::Decl(d.id),
            None,
            symbol(b.prog, d.id),
            &params,
            &results,
        );
        b.add_literals(f, body, &names);
        bodies.push((f, body));
    }
    let init_fn = init.map(|inits| {
        let path = crate::compile::symbol_prefix(&b.prog.packages[pkg].path);
        let f = b.add_fn(FnKey::Init, None, format!("{path}.init"), &[], &[]);
        for (_, e) in inits {
            let mut lits = Vec::new();
            visit::top_literals(e, &mut lits);
            for l in lits {
                if let ExprKind::FuncLit(fl) = &l.kind {
                    b.add_literal(f, l.id, fl, &names);
                }
            }
        }
        f
    });
    // Variables bound once to a function literal: calls through them are static.
    let mut reassigned = HashSet::default();
    for (_, body) in &bodies {
        visit::reassigned_vars(b.prog, body, &mut reassigned);
    }
    for (_, body) in &bodies {
        visit::visit_stmts(body, &mut |s: &Stmt| {
            let bind = |names: &[(String, Pos)], values: &[Expr], out: &mut Vec<(Pos, ExprId)>| {
                if names.len() == values.len() {
                    for ((_, p), v) in names.iter().zip(values) {
                        if let ExprKind::FuncLit(_) = &v.kind {
                            out.push((*p, v.id));
                        }
                    }
                }
            };
            let mut found = Vec::new();
            match &s.kind {
                StmtKind::ShortVar { names, values } => bind(names, values, &mut found),
                StmtKind::Var(vs) => bind(&vs.names, &vs.values, &mut found),
                _ => {}
            }
            for (p, lit) in found {
                if let Some(&o) = b.prog.info.defs.get(&p) {
                    let obj = &b.prog.objs[o as usize];
                    if obj.pos == p && !obj.addr_taken && !reassigned.contains(&o) {
                        b.static_lits.insert(o, lit);
                    }
                }
            }
        });
    }

    for &(f, body) in &bodies {
        b.walk_body(f, body);
    }
    if let (Some(f), Some(inits)) = (init_fn, init) {
        b.cur = f;
        b.loop_depth = 1;
        for (lhs, e) in inits {
            // Package-level variables are heap memory.
            let ks: Vec<graph::Hole> = lhs
                .iter()
                .map(|o| match o {
                    Some(_) => b.heap_hole(),
                    None => b.discard_hole(),
                })
                .collect();
            if ks.len() > 1 {
                b.call(&ks, crate::compile::check::strip_parens(e));
            } else {
                let k = ks.first().copied().unwrap_or(b.discard_hole());
                b.expr(k, e);
            }
        }
    }
    b.flow_closures(&mut out.by_ref);
    // Variables too large for a frame.
    for l in 0..b.g.locs.len() {
        if let LocKind::Var(o) = b.g.locs[l].kind {
            if b.g.locs[l].param.is_none() && b.g.locs[l].result.is_none() {
                let t = b.prog.objs[o as usize].ty;
                if b.size(t) > crate::compile::backend::MAX_STACK_VAR {
                    let h = b.heap_hole();
                    b.g.flow(h.addr(), l);
                }
            }
        }
    }
    let Batch {
        prog,
        mut g,
        fns,
        sites,
        notes,
        ..
    } = b;
    g.solve(&fns);

    out.notes.extend(notes);
    for loc in &g.locs {
        if let LocKind::Var(o) = loc.kind {
            if loc.escapes {
                let obj = &prog.objs[o as usize];
                out.notes
                    .push((obj.pos, format!("moved to heap: {}", obj.name)));
            } else {
                out.stack_vars.insert(o);
            }
        }
    }
    for (site, l, pos, text) in sites {
        // An empty text: a site with no message (walk.rs quiet_convert).
        if g.locs[l].escapes {
            if !text.is_empty() {
                out.notes.push((pos, format!("{text} escapes to heap")));
            }
        } else {
            if !text.is_empty() {
                out.notes.push((pos, format!("{text} does not escape")));
            }
            out.stack_sites.insert(site);
        }
    }
    // Parameter summaries and their diagnostics.
    for f in &fns {
        let mut leaks = Vec::new();
        for (i, &l) in f.params.iter().enumerate() {
            let (name, t) = &f.param_info[i];
            let mut lk = g.locs[l].leaks;
            lk.optimize();
            if !prog.types.has_pointers(*t) {
                leaks.push(Leaks::default());
                continue;
            }
            leaks.push(lk);
            let Some((name, pos)) = name else { continue };
            if g.locs[l].escapes {
                continue;
            }
            if lk.is_empty() {
                out.notes.push((*pos, format!("{name} does not escape")));
            }
            match lk.heap_derefs() {
                0 => out.notes.push((*pos, format!("leaking param: {name}"))),
                d if d > 0 => out
                    .notes
                    .push((*pos, format!("leaking param content: {name}"))),
                _ => {}
            }
            for r in 0..graph::NUM_RESULTS {
                let d = lk.result(r);
                if d >= 0 {
                    let rn = f.result_names.get(r).cloned().unwrap_or_default();
                    out.notes.push((
                        *pos,
                        format!("leaking param: {name} to result {rn} level={d}"),
                    ));
                }
            }
        }
        if let FnKey::Decl(_) = f.key {
            out.tags.insert(f.name.clone(), leaks);
        }
    }
}
