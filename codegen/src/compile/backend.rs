//! What cmd/compile rejects after type checking: the limits of its middle and back end.
//!
//! A program types2 accepts may still be refused by the compiler proper, and Go reports these
//! errors only when type checking found none, so they are checked here, between the checker
//! and the lowering (which relies on them: no type it lays out is larger than the address
//! space). In the order cmd/compile reports them:
//!
//! 1. `type [N]T larger than address space` (types/size.go CalcSize): an array whose size
//!    reaches MAXWIDTH, 2^50 on amd64, and `type T too large` for such a struct. Each type is
//!    reported once, where the compiler first lays it out: at the name of the variable, type
//!    or function declared with it, at the `(` of new and make, at the `{` of a composite
//!    literal (for a literal whose elements are literals, at the last of those, where
//!    cmd/compile gets to the outer type). When any is reported, compilation stops there.
//! 2. `illegal types for operand: print` (walk/builtin.go walkPrint): print and println take
//!    numbers, strings, booleans, pointers, funcs, slices and interfaces, not structs or arrays.
//! 3. `stack frame too large (>1GB)` (ssagen/pgen.go): a function whose arguments and results,
//!    or stack-resident locals, reach 1 GB, at the function's name.
//! 4. `symbol too large` (cmd/internal/obj/objfile.go): a package-level variable, or the
//!    read-only copy cmd/compile makes of a constant array or struct literal (`pkg..stmp_N`),
//!    larger than 2,000,000,000 bytes. cmd/compile reports these where its position cursor was
//!    left by the last thing it compiled, which [`Backend::cursor`] reproduces for the usual
//!    shapes of program; the stmp numbers count only such huge literals, where cmd/compile
//!    numbers every static temporary it makes.

use crate::HashMap;

use super::ast::*;
use super::check::{Builtin, CallKind, ObjKind, PkgId, Program, VarKind};
use super::types::{Const, Type, TypeId};
use crate::diag::Diag;

/// The largest size of a value on amd64 (cmd/compile/internal/amd64/galign.go MAXWIDTH).
const MAX_WIDTH: i64 = 1 << 50;
/// The largest frame cmd/compile builds (ssagen/pgen.go maxStackSize).
const MAX_STACK: i64 = 1 << 30;
/// The largest symbol the object writer accepts (cmd/internal/obj/objfile.go cutoff).
const MAX_SYMBOL: i64 = 2_000_000_000;
/// Locals larger than this live on the heap (cmd/compile/internal/ir MaxStackVarSize).
pub const MAX_STACK_VAR: u64 = 10 << 20;

/// Runs the checks on package `pkg` of a program the checker accepted.
pub fn check(prog: &mut Program, pkg: PkgId) -> Vec<Diag> {
    let mut b = Backend {
        prog,
        widths: HashMap::default(),
        errs: Vec::new(),
        prints: Vec::new(),
        frames: Vec::new(),
        literals: Vec::new(),
        last_stmt: None,
        locals: Vec::new(),
    };
    b.walk_package(pkg);
    if !b.errs.is_empty() {
        return b.errs;
    }
    b.check_prints();
    b.check_frames();
    b.check_symbols(pkg);
    b.errs
}

/// A function's frame for the size check: its name's position, its parameter and result
/// types, and its locals' types (each with whether it stays in the frame however large).
type Frame = (Pos, Vec<TypeId>, Vec<(TypeId, bool)>);

struct Backend<'a> {
    prog: &'a mut Program,
    /// Sizes as cmd/compile computes them (int64, wrapping past overflows it reported).
    widths: HashMap<TypeId, i64>,
    errs: Vec<Diag>,
    /// Each print or println call: its `(` and its operand types.
    prints: Vec<(Pos, Vec<TypeId>)>,
    /// Each function with a body: its name's position, its parameter and result types, and
    /// its locals' types.
    frames: Vec<Frame>,
    /// Constant array and struct literals in function bodies: (position, type).
    literals: Vec<(Pos, TypeId)>,
    /// The position of the last leaf statement walked (see `cursor`).
    last_stmt: Option<Pos>,
    /// The locals of the function being walked.
    locals: Vec<(TypeId, bool)>,
}

impl Backend<'_> {
    fn error(&mut self, pos: Pos, msg: String) {
        let d = self.prog.diag(pos, msg);
        self.errs.push(d);
    }

    fn type_of(&self, e: &Expr) -> TypeId {
        self.prog.info.types.get(&e.id).copied().unwrap_or(0)
    }

    /// The type of the object declared at `pos`, if it was declared there.
    fn def_type(&self, pos: Pos) -> Option<TypeId> {
        let o = *self.prog.info.defs.get(&pos)?;
        let obj = &self.prog.objs[o as usize];
        (obj.pos == pos).then_some(obj.ty)
    }

    // -----------------------------------------------------------------------------------
    // Sizes

    /// The size of t as cmd/compile lays it out (types/size.go CalcSize), reporting at `pos`
    /// the types too large for the address space as it meets them.
    fn width(&mut self, t: TypeId, pos: Pos) -> i64 {
        if let Some(&w) = self.widths.get(&t) {
            return w;
        }
        // A type being laid out refers to itself only through a pointer, slice, func or
        // interface, whose own size does not depend on it.
        self.widths.insert(t, 8);
        let w = match self.prog.types.get(t).clone() {
            Type::Named {
                underlying: Some(u),
                ..
            } => self.width(u, pos),
            Type::Named { .. } | Type::Tuple(_) | Type::TypeParam { .. } => 0,
            Type::Basic(_) => self.prog.types.size(t) as i64,
            Type::Pointer(e) => {
                self.width(e, pos);
                8
            }
            Type::Slice(e) => {
                self.width(e, pos);
                24
            }
            Type::Map(k, v) => {
                self.width(k, pos);
                self.width(v, pos);
                8
            }
            Type::Chan(_, e) => {
                // cmd/compile types/size.go (TCHANARGS): the runtime's element size field
                // is 16 bits.
                if self.width(e, pos) >= 1 << 16 {
                    self.error(pos, "channel element type too large (>64kB)".to_string());
                }
                8
            }
            Type::Func(sig) => {
                for p in sig.params.iter().chain(&sig.results) {
                    self.width(*p, pos);
                }
                8
            }
            Type::Interface(methods) => {
                for m in methods {
                    for p in m.sig.params.iter().chain(&m.sig.results) {
                        self.width(*p, pos);
                    }
                }
                16
            }
            Type::Array(n, e) => {
                let ew = self.width(e, pos);
                if ew != 0 && n > ((MAX_WIDTH - 1) / ew) as u64 {
                    let name = self.gc_type_string(t);
                    self.error(pos, format!("type {name} larger than address space"));
                }
                (n as i64).wrapping_mul(ew)
            }
            Type::Struct(fields) => {
                let mut off: i64 = 0;
                let mut align: i64 = 1;
                let mut last_zero = false;
                for f in &fields {
                    let w = self.width(f.ty, pos);
                    let a = self.prog.types.layout(f.ty).1.max(1) as i64;
                    off = round_up(off, a);
                    off = off.wrapping_add(w);
                    align = align.max(a);
                    last_zero = w == 0;
                    if off >= MAX_WIDTH {
                        let name = self.gc_type_string(t);
                        self.error(pos, format!("type {name} too large"));
                        off = 8;
                    }
                }
                if last_zero && off > 0 {
                    off += 1;
                }
                round_up(off, align)
            }
        };
        self.widths.insert(t, w);
        w
    }

    /// A type as cmd/compile's messages print it (types/fmt.go): `struct { x int }`,
    /// `interface { M() }`, names of this package's types unqualified.
    fn gc_type_string(&self, t: TypeId) -> String {
        let types = &self.prog.types;
        match types.get(t) {
            Type::Named {
                pkg, path, name, ..
            } => {
                let base = if pkg.is_empty() || *path == types.local_path {
                    name.clone()
                } else {
                    format!("{pkg}.{name}")
                };
                match types.instances.get(&t) {
                    Some((_, args)) => {
                        let args: Vec<String> =
                            args.iter().map(|a| self.gc_type_string(*a)).collect();
                        format!("{base}[{}]", args.join(","))
                    }
                    None => base,
                }
            }
            Type::TypeParam { name, .. } => name.clone(),
            Type::Basic(b) => b.name().to_string(),
            Type::Pointer(e) => format!("*{}", self.gc_type_string(*e)),
            Type::Slice(e) => format!("[]{}", self.gc_type_string(*e)),
            Type::Map(k, v) => format!(
                "map[{}]{}",
                self.gc_type_string(*k),
                self.gc_type_string(*v)
            ),
            Type::Chan(d, e) => types.chan_string(*d, *e, &|t| self.gc_type_string(t)),
            Type::Array(n, e) => format!("[{n}]{}", self.gc_type_string(*e)),
            Type::Struct(fields) if fields.is_empty() => "struct {}".to_string(),
            Type::Struct(fields) => {
                let parts: Vec<String> = fields
                    .iter()
                    .map(|f| format!("{} {}", f.name, self.gc_type_string(f.ty)))
                    .collect();
                format!("struct {{ {} }}", parts.join("; "))
            }
            Type::Interface(methods) if methods.is_empty() => "interface {}".to_string(),
            Type::Interface(methods) => {
                let parts: Vec<String> = methods
                    .iter()
                    .map(|m| {
                        format!(
                            "{}{}",
                            m.name,
                            types.sig_string_with(&m.sig, &|t| self.gc_type_string(t), false)
                        )
                    })
                    .collect();
                format!("interface {{ {} }}", parts.join("; "))
            }
            Type::Func(sig) => format!(
                "func{}",
                types.sig_string_with(sig, &|t| self.gc_type_string(t), false)
            ),
            Type::Tuple(_) => types.name(t),
        }
    }

    // -----------------------------------------------------------------------------------
    // The walk: declarations and bodies in source order, each type laid out where
    // cmd/compile first lays it out.

    fn walk_package(&mut self, pkg: PkgId) {
        let files = self.prog.packages[pkg].files.clone();
        for f in &files {
            for d in &f.decls {
                match d {
                    // Generic declarations are compiled only as their instances (below).
                    Decl::Type(ts) if !ts.tparams.is_empty() => {}
                    Decl::Func(fd) if fd.is_generic() => {}
                    Decl::Type(ts) => self.type_decl(ts),
                    Decl::Var(vs) => {
                        for v in &vs.values {
                            self.expr(v);
                        }
                        self.declared(&vs.names, false);
                    }
                    Decl::Const(_) => {}
                    Decl::Func(fd) => self.func_decl(fd),
                }
            }
        }
        // The copies of generic functions the instances are compiled from.
        let funcs = self.prog.packages[pkg].funcs.clone();
        for (_, f, di) in &funcs {
            if files.iter().any(|g| std::rc::Rc::ptr_eq(g, f)) {
                continue;
            }
            if let Decl::Func(fd) = &f.decls[*di] {
                self.func_decl(fd);
            }
        }
    }

    fn type_decl(&mut self, ts: &TypeSpec) {
        if let Some(t) = self.def_type(ts.pos) {
            self.width(t, ts.pos);
        }
    }

    /// Variables declared at these names: laid out there; `local` ones count towards the
    /// function's frame.
    fn declared(&mut self, names: &[(String, Pos)], local: bool) {
        for (_, p) in names {
            if let Some(t) = self.def_type(*p) {
                self.width(t, *p);
                if local {
                    self.locals.push((t, false));
                }
            }
        }
    }

    fn func_decl(&mut self, fd: &FuncDecl) {
        let Some(&id) = self.prog.info.defs.get(&fd.pos) else {
            return;
        };
        let ft = self.prog.objs[id as usize].ty;
        self.width(ft, fd.pos);
        let Some(body) = &fd.body else { return };
        self.locals.clear();
        self.stmts(body);
        let args = match self.prog.types.get(ft) {
            Type::Func(sig) => sig.params.iter().chain(&sig.results).copied().collect(),
            _ => Vec::new(),
        };
        let locals = std::mem::take(&mut self.locals);
        self.frames.push((fd.pos, args, locals));
    }

    fn stmts(&mut self, stmts: &[Stmt]) {
        for s in stmts {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        // cmd/compile's walk moves its position to each statement it walks, leaves last.
        match &s.kind {
            StmtKind::Block(b) | StmtKind::VarGroup(b) => self.stmts(b),
            StmtKind::Labeled(_, inner) => self.stmt(inner),
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
            StmtKind::Switch {
                init, tag, cases, ..
            } => {
                self.opt_stmt(init);
                if let Some(t) = tag {
                    self.expr(t);
                }
                for c in cases {
                    for e in c.exprs.iter().flatten() {
                        self.expr(e);
                    }
                    self.stmts(&c.body);
                }
            }
            StmtKind::TypeSwitch { init, x, cases, .. } => {
                self.opt_stmt(init);
                self.expr(x);
                for c in cases {
                    if let Some(&o) = self.prog.info.clause_vars.get(&c.pos) {
                        let t = self.prog.objs[o as usize].ty;
                        self.width(t, c.pos);
                        self.locals.push((t, false));
                    }
                    self.stmts(&c.body);
                }
            }
            StmtKind::Range {
                key,
                value,
                define,
                x,
                body,
                ..
            } => {
                self.expr(x);
                for e in key.iter().chain(value) {
                    if *define {
                        if let ExprKind::Ident(n) = &e.kind {
                            self.declared(&[(n.clone(), e.pos)], true);
                        }
                    } else {
                        self.expr(e);
                    }
                }
                self.stmts(body);
            }
            StmtKind::Select { cases, .. } => {
                for c in cases {
                    self.opt_stmt(&c.comm);
                    self.stmts(&c.body);
                }
            }
            _ => {
                self.last_stmt = Some(match &s.kind {
                    StmtKind::Expr(e) => e.pos,
                    _ => s.pos,
                });
                self.simple_stmt(s);
            }
        }
    }

    fn opt_stmt(&mut self, s: &Option<Box<Stmt>>) {
        if let Some(s) = s {
            self.stmt(s);
        }
    }

    fn simple_stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Expr(e) | StmtKind::IncDec(e, _) => self.expr(e),
            StmtKind::Var(vs) => {
                for v in &vs.values {
                    self.expr(v);
                }
                self.declared(&vs.names, true);
            }
            StmtKind::ShortVar { names, values } => {
                for v in values {
                    self.expr(v);
                }
                self.declared(names, true);
            }
            StmtKind::Type(specs) => specs.iter().for_each(|ts| self.type_decl(ts)),
            StmtKind::Assign { lhs, rhs, .. } => {
                for e in lhs.iter().chain(rhs) {
                    self.expr(e);
                }
            }
            StmtKind::Return(values) => {
                for e in values {
                    self.expr(e);
                }
            }
            StmtKind::CallStmt { call, .. } => self.expr(call),
            StmtKind::Send { ch, value } => {
                self.expr(ch);
                self.expr(value);
            }
            _ => {}
        }
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Composite { .. } => {
                self.composite(e);
                self.boxed_literal(e);
                if self.is_constant_literal(e) {
                    let t = self.type_of(e);
                    self.literals.push((e.pos, t));
                }
            }
            ExprKind::Call { func, args, .. } => {
                self.expr(func);
                for a in args {
                    self.expr(a);
                }
                match self.prog.info.calls.get(&e.id) {
                    Some(CallKind::Builtin(Builtin::New | Builtin::Make))
                    | Some(CallKind::Conversion(_)) => {
                        let t = self.type_of(e);
                        self.width(t, e.pos);
                    }
                    Some(CallKind::Builtin(Builtin::Print | Builtin::Println)) => {
                        let types = match args.as_slice() {
                            [a] => match self.prog.types.get(self.type_of(a)) {
                                Type::Tuple(ts) => ts.clone(),
                                _ => vec![self.type_of(a)],
                            },
                            _ => args.iter().map(|a| self.type_of(a)).collect(),
                        };
                        self.prints.push((e.pos, types));
                    }
                    _ => {}
                }
            }
            ExprKind::Paren(x) | ExprKind::Unary(_, x) | ExprKind::Selector(x, ..) => self.expr(x),
            ExprKind::TypeAssert(x, _) => {
                self.expr(x);
                let t = self.type_of(e);
                self.width(t, e.pos);
            }
            ExprKind::Binary(_, x, y) | ExprKind::Index(x, y) => {
                self.expr(x);
                self.expr(y);
            }
            ExprKind::Slice { x, lo, hi, max } => {
                self.expr(x);
                for i in [lo, hi, max].into_iter().flatten() {
                    self.expr(i);
                }
            }
            ExprKind::FuncLit(fl) => {
                // Compiled as a function of its own (Go's closure funcs), with its own frame,
                // after its body's types are laid out.
                let ft = self.type_of(e);
                let outer = std::mem::take(&mut self.locals);
                self.stmts(&fl.body);
                let args = match self.prog.types.get(ft) {
                    Type::Func(sig) => sig.params.iter().chain(&sig.results).copied().collect(),
                    _ => Vec::new(),
                };
                let locals = std::mem::replace(&mut self.locals, outer);
                self.frames.push((fl.pos, args, locals));
            }
            _ => {}
        }
    }

    /// Lays out a composite literal's elements, then its type; returns where cmd/compile's
    /// cursor is then: the `{` of its last element that is a literal too (recursively), or
    /// its own `{`.
    /// An array or struct literal converted to an interface is built in a temporary of the
    /// frame, however large (Go's autotmp: only variables move to the heap for their size).
    fn boxed_literal(&mut self, e: &Expr) {
        if self.prog.info.converts.contains_key(&e.id) {
            let t = self.type_of(e);
            if matches!(
                self.prog.types.get(self.prog.types.under(t)),
                Type::Array(..) | Type::Struct(_)
            ) {
                self.locals.push((t, true));
            }
        }
    }

    fn composite(&mut self, e: &Expr) -> Pos {
        let ExprKind::Composite { elems, lbrace, .. } = &e.kind else {
            return e.pos;
        };
        let mut cursor = *lbrace;
        for el in elems {
            if let Some(k) = &el.key {
                self.expr(k);
            }
            if let ExprKind::Composite { .. } = el.value.kind {
                cursor = self.composite(&el.value);
                self.boxed_literal(&el.value);
            } else {
                self.expr(&el.value);
            }
        }
        let t = self.type_of(e);
        self.width(t, cursor);
        cursor
    }

    /// Whether a literal is one cmd/compile lays down as read-only data and copies
    /// (walk/complit.go: a static array or struct literal, not all zero).
    fn is_constant_literal(&self, e: &Expr) -> bool {
        let t = self.type_of(e);
        let types = &self.prog.types;
        if !matches!(types.get(types.under(t)), Type::Array(..) | Type::Struct(_)) {
            return false;
        }
        let mut nonzero = false;
        self.static_leaves(e, &mut nonzero) && nonzero
    }

    /// Whether every leaf of a literal is a constant; `nonzero` is set when one is not zero.
    fn static_leaves(&self, e: &Expr, nonzero: &mut bool) -> bool {
        if let Some(c) = self.prog.info.consts.get(&e.id) {
            *nonzero |= match c {
                Const::Int(v) => *v != 0,
                Const::Big(_) => true,
                Const::Float(r) => !num_traits::Zero::is_zero(r),
                Const::BigFloat(f) => !f.is_zero(),
                Const::Bool(b) => *b,
                Const::Str(s) => !s.is_empty(),
                Const::Complex(re, im) => {
                    !num_traits::Zero::is_zero(re) || !num_traits::Zero::is_zero(im)
                }
            };
            return true;
        }
        match &e.kind {
            ExprKind::Paren(x) => self.static_leaves(x, nonzero),
            ExprKind::Ident(_) => matches!(
                self.prog
                    .info
                    .uses
                    .get(&e.id)
                    .map(|o| &self.prog.objs[*o as usize].kind),
                Some(ObjKind::Nil)
            ),
            ExprKind::Composite { elems, .. } => {
                let t = self.type_of(e);
                let types = &self.prog.types;
                matches!(types.get(types.under(t)), Type::Array(..) | Type::Struct(_))
                    && elems
                        .iter()
                        .all(|el| self.static_leaves(&el.value, nonzero))
            }
            _ => false,
        }
    }

    // -----------------------------------------------------------------------------------
    // After the walk

    fn check_prints(&mut self) {
        for (pos, types) in std::mem::take(&mut self.prints) {
            for t in types {
                let ok = matches!(
                    self.prog.types.get(self.prog.types.under(t)),
                    Type::Basic(_)
                        | Type::Pointer(_)
                        | Type::Func(_)
                        | Type::Map(..)
                        | Type::Chan(..)
                        | Type::Slice(_)
                        | Type::Interface(_)
                );
                if !ok {
                    let name = self.gc_type_string(t);
                    self.error(pos, format!("illegal types for operand: print\n\t{name}"));
                }
            }
        }
    }

    /// Frames: arguments and results laid out one after the other, each aligned; locals
    /// that stay on the stack (the larger ones move to the heap).
    fn check_frames(&mut self) {
        for (pos, args, locals) in std::mem::take(&mut self.frames) {
            let mut arg_size: i64 = 0;
            for t in args {
                let a = self.prog.types.layout(t).1.max(1) as i64;
                arg_size = round_up(arg_size, a).saturating_add(self.width(t, pos));
            }
            let mut local_size: i64 = 0;
            for (t, always) in locals {
                let w = self.width(t, pos);
                if always || w as u64 <= MAX_STACK_VAR {
                    let a = self.prog.types.layout(t).1.max(1) as i64;
                    local_size = round_up(local_size, a).saturating_add(w);
                }
            }
            if arg_size >= MAX_STACK || local_size >= MAX_STACK {
                self.error(
                    pos,
                    format!(
                        "stack frame too large (>1GB): {} MB locals + {} MB args",
                        local_size >> 20,
                        arg_size >> 20
                    ),
                );
            }
        }
    }

    fn check_symbols(&mut self, pkg: PkgId) {
        let at = self.cursor(pkg);
        let path = self.prog.packages[pkg].path.clone();
        for g in self.prog.packages[pkg].globals.clone() {
            let (name, t) = {
                let o = &self.prog.objs[g as usize];
                (o.name.clone(), o.ty)
            };
            let w = self.width(t, at);
            if w > MAX_SYMBOL && name != "_" {
                self.error(
                    at,
                    format!("{path}.{name}: symbol too large ({w} bytes > {MAX_SYMBOL} bytes)"),
                );
            }
        }
        let mut n = 0;
        for (pos, t) in std::mem::take(&mut self.literals) {
            let w = self.width(t, pos);
            if w > MAX_SYMBOL {
                self.error(
                    at,
                    format!("{path}..stmp_{n}: symbol too large ({w} bytes > {MAX_SYMBOL} bytes)"),
                );
                n += 1;
            }
        }
    }

    /// Where cmd/compile's position cursor is when it writes the object: at the last
    /// initialisation its package initialiser runs, else at the first package-level
    /// variable, else at the last statement of the last function it walked.
    fn cursor(&self, pkg: PkgId) -> Pos {
        let p = &self.prog.packages[pkg];
        if let Some(o) = p
            .dyn_inits
            .last()
            .and_then(|(l, _)| l.iter().flatten().next())
        {
            return self.prog.objs[*o as usize].pos;
        }
        if let Some(&g) = p.globals.first() {
            if matches!(
                self.prog.objs[g as usize].kind,
                ObjKind::Var(VarKind::Global)
            ) {
                return self.prog.objs[g as usize].pos;
            }
        }
        self.last_stmt.unwrap_or_default()
    }
}

fn round_up(x: i64, a: i64) -> i64 {
    x.wrapping_add(a - 1) / a * a
}
