//! The type checker: resolves names, computes every expression's type and constant value, and
//! reports Go's errors in Go 1.19's words (cmd/compile/internal/types2).
//!
//! It works on all packages of one compilation (the package being compiled and, from source, the
//! packages it imports) and records what the lowering needs in side tables keyed by expression
//! id ([`Info`]). Package-level objects are resolved lazily, on first use, so that declarations
//! may appear in any order, as in Go. Anything valid in Go but outside tbuild's subset is reported
//! as `tbuild does not support X yet`.
//!
//! One [`Checker`] does the work; its methods are spread over files named for what they decide,
//! as go/types is: `resolver` and `decl` (package-level declarations), `typexpr`, `stmt`,
//! `assignments`, `expr`, `selector`, `index`, `call`, `builtins`, `conversions`, `literals`,
//! `untyped` (constants and untyped operands), `lookup` (methods and interfaces), `labels`,
//! `returns`, `initorder`, `universe`, `chans` (channels, select, go). This file holds the data they share: the objects, the
//! program the lowering receives, and the checker's state.

mod assignments;
mod builtins;
mod call;
mod chans;
mod closures;
mod complex;
mod conversions;
mod decl;
mod expr;
mod exprstring;
mod generics;
mod ifaces;
mod index;
mod initorder;
mod labels;
mod literals;
mod lookup;
mod maps;
mod operand;
mod resolver;
mod returns;
mod scopes;
mod selector;
mod stmt;
mod typexpr;
mod universe;
mod untyped;

pub use expr::parse_int;
pub use exprstring::{expr_string, start_pos, strip_parens};
pub use lookup::{EmbedStep, Embedded, Lookup, MethodEntry, MethodTarget};
pub(crate) use resolver::may_inline;

use crate::HashMap;
use std::rc::Rc;

use super::ast::*;
use super::linemap::{self, LineMap, Located};
use super::types::{Basic, Const, TypeId, Types};
use super::Sources;
use crate::diag::Diag;

pub type ObjId = u32;

/// The package id of an import tbuild does not bundle: its uses are not errors (one error at
/// the import says it all).
pub const UNSUPPORTED_PKG: usize = usize::MAX - 1;

pub type PkgId = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builtin {
    Len,
    Cap,
    Append,
    Copy,
    Make,
    Panic,
    New,
    Print,
    Println,
    Recover,
    Sizeof,
    Offsetof,
    Alignof,
    Add,
    /// unsafe.Slice.
    Slice,
    Delete,
    Complex,
    Real,
    Imag,
    Close,
    /// Go builtins tbuild does not support yet.
    Unsupported(&'static str),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VarKind {
    Global,
    Local,
    Param,
    Result,
}

#[derive(Debug, Clone)]
pub enum ObjKind {
    Var(VarKind),
    Const(Const),
    TypeName,
    Func { symbol: String, has_body: bool },
    Pkg(PkgId),
    Builtin(Builtin),
    Nil,
}

#[derive(Debug, Clone)]
pub struct Object {
    pub name: String,
    pub pos: Pos,
    pub pkg: PkgId,
    pub kind: ObjKind,
    pub ty: TypeId,
    pub used: bool,
    /// `&x` (or the address of a part of x) is taken somewhere: x must live in memory.
    pub addr_taken: bool,
}

/// How a call expression is to be lowered.
#[derive(Debug, Clone)]
pub enum CallKind {
    Func(ObjId),
    /// A method call: the method, whether the receiver must be addressed (`&x`) or
    /// dereferenced (`*p`) to match the method's receiver. For a promoted method
    /// (`Info::embedded` has the selector) `deref` says the walk to the embedded receiver
    /// starts at `*x`, and `addr` that the method takes the address the walk reaches.
    Method {
        func: ObjId,
        addr: bool,
        deref: bool,
    },
    /// A call through a value of function type.
    Indirect,
    /// A call of method number `index` of an interface value (through its itab).
    IfaceMethod {
        index: usize,
    },
    Conversion(TypeId),
    Builtin(Builtin),
}

#[derive(Debug, Clone)]
pub enum Selection {
    /// A struct field at `offset`; `deref` when the operand is a pointer to the struct. A
    /// promoted field is at `offset` in the embedded struct `Info::embedded` leads to.
    Field { offset: u64, deref: bool },
    /// `pkg.Name`.
    Qualified(ObjId),
}

/// What the checker learned, for the lowering.
#[derive(Default)]
pub struct Info {
    /// Functions of imported packages whose bodies were checked so that importers may inline
    /// them (resolver.rs; what Go's export data carries for inlinable functions).
    pub inline_bodies: crate::HashSet<ObjId>,
    pub types: HashMap<ExprId, TypeId>,
    pub consts: HashMap<ExprId, Const>,
    pub uses: HashMap<ExprId, ObjId>,
    /// Declared names by their position (variables, parameters, functions, types).
    pub defs: HashMap<Pos, ObjId>,
    pub calls: HashMap<ExprId, CallKind>,
    pub selections: HashMap<ExprId, Selection>,
    /// Values converted to an interface type where they are used: expression -> interface.
    pub converts: HashMap<ExprId, TypeId>,
    /// Per-result interface conversions, (from, to), of a multi-value call or comma-ok form
    /// whose results go to several places (`f(g())`, `a, b = g()`, `var a, b I = x.(T)`).
    pub tuple_converts: HashMap<ExprId, Vec<Option<(TypeId, TypeId)>>>,
    /// Type assertions used in the `v, ok := x.(T)` form.
    pub comma_ok: crate::HashSet<ExprId>,
    /// Type switch clauses' bound variables, by clause position.
    pub clause_vars: HashMap<Pos, ObjId>,
    /// Function literals: the variables of enclosing functions each one uses (its captured
    /// variables), in order of first use (closures.rs).
    pub closures: HashMap<ExprId, Vec<ObjId>>,
    /// Method values `x.M` and method expressions `T.M` (closures.rs).
    pub method_vals: HashMap<ExprId, MethodVal>,
    /// Selectors that reach their field or method through embedded fields: the steps from
    /// the operand (or what it points to) to the embedded value (lookup.rs).
    pub embedded: HashMap<ExprId, Embedded>,
    /// The functions and function literals whose own bodies call recover (not inside a
    /// literal within them): only a deferred call of one of these can stop a panic (Go spec,
    /// "Handling panics"), so the lowering gives only frames deferring one a way to resume.
    pub recovering: crate::HashSet<Recoverer>,
}

/// A function whose body calls recover: a declared one (an instance of a generic one is a
/// function of its own) or a function literal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Recoverer {
    Func(ObjId),
    Lit(ExprId),
}

/// What a method value or method expression denotes.
#[derive(Debug, Clone)]
pub enum MethodVal {
    /// `x.M` of a concrete method, bound to x (`addr`: to &x; `deref`: to *x), as in
    /// CallKind::Method.
    Bound {
        func: ObjId,
        addr: bool,
        deref: bool,
    },
    /// `i.M`: method number `index` of an interface value, bound to it.
    Iface { index: usize },
    /// `T.M` or `(*T).M`: the method as a function whose first parameter is the receiver;
    /// `ptr` when the receiver type is a pointer and the method has a value receiver (the
    /// `(*T).M` wrapper).
    Expr { func: ObjId, ptr: bool },
    /// `I.M` for an interface type I: a function calling method number `index` of its first
    /// argument.
    IfaceExpr { iface: TypeId, index: usize },
    /// `T.M` or `(*T).M` of a method promoted through embedded fields: the method-set wrapper
    /// of the struct type (`pkg.(*T).M`), whose first parameter (a `*T`, or the address of
    /// the copy of a T the tbuild ABI passes) is the receiver.
    Promoted { recv: TypeId, name: String },
}

/// A package-level initialiser that runs code: the variables it sets (None for `_`) and the
/// expression.
pub type DynInit = (Vec<Option<ObjId>>, Expr);

pub struct Package {
    pub path: String,
    pub name: String,
    pub files: Vec<Rc<File>>,
    pub scope: HashMap<String, ObjId>,
    /// Package-level functions in source order, for the lowering.
    pub funcs: Vec<(ObjId, Rc<File>, usize)>,
    /// Package-level variables in source order.
    pub globals: Vec<ObjId>,
    /// Static initialisers of package-level variables.
    pub global_inits: HashMap<ObjId, Expr>,
    /// Package-level variables whose initialisers run code, in Go's initialisation order
    /// (Go spec, "Package initialization"): the variables a spec assigns, and its expression.
    pub dyn_inits: Vec<DynInit>,
    /// `func init()` declarations, in source order.
    pub init_funcs: Vec<ObjId>,
    /// Constants and types, for go_asm.h.
    pub consts: Vec<ObjId>,
    pub type_names: Vec<ObjId>,
}

pub struct Program {
    /// Methods by receiver base type: (name, function object, pointer receiver).
    pub methods: HashMap<TypeId, Vec<(String, ObjId, bool)>>,
    pub types: Types,
    pub objs: Vec<Object>,
    pub packages: Vec<Package>,
    pub info: Info,
    pub file_names: Vec<String>,
    /// Each file's line directives, by file index (linemap.rs).
    pub line_maps: Vec<LineMap>,
}

impl Program {
    /// Where `pos` is reported: in messages, line tables and DWARF (line directives applied).
    pub fn locate(&self, pos: Pos) -> Located<'_> {
        linemap::locate(&self.file_names, &self.line_maps, pos)
    }

    /// An error or note at `pos`, as Go prints it.
    pub fn diag(&self, pos: Pos, msg: impl Into<String>) -> Diag {
        let l = self.locate(pos);
        Diag::new(l.name, l.line, l.col, msg)
    }

    /// `file:line:col` of a position, for messages that point at a second place; under a
    /// line directive followed by the physical place in brackets (syntax.Pos.String).
    pub fn pos_string(&self, pos: Pos) -> String {
        let l = self.locate(pos);
        let rel = position_string(l.name, l.line, l.col);
        let name = self.file_names.get(pos.file as usize);
        let abs = position_string(name.map_or("", |s| s.as_str()), pos.line, pos.col);
        if rel == abs {
            rel
        } else {
            format!("{rel}[{abs}]")
        }
    }
}

/// `file:line:col`, or `file:line` when the column is unknown (syntax/pos.go position_).
fn position_string(name: &str, line: u32, col: u32) -> String {
    if col == 0 {
        format!("{name}:{line}")
    } else {
        format!("{name}:{line}:{col}")
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Unresolved,
    InProgress,
    Done,
}

#[derive(Clone)]
enum DeclRef {
    Type(Rc<File>, usize),
    Const(Rc<File>, usize, usize, usize),
    Var(Rc<File>, usize, usize),
    Func(Rc<File>, usize),
}

/// An instantiation whose arguments are checked against the constraints once the package's
/// types are complete: the generic's type parameters, the arguments, their positions and
/// the instantiation's.
type TypeArgCheck = (Vec<TypeId>, Vec<TypeId>, Vec<Pos>, Pos);

/// A method of an imported package not declared yet: parsed with its file, or parsed on use
/// (compile/export.rs).
enum LazyMethod {
    Parsed(ObjId, Rc<File>, usize),
    Apart(crate::compile::export::LazyFunc),
}

pub struct Checker {
    pub prog: Program,
    errs: Vec<Diag>,
    universe: HashMap<String, ObjId>,
    unsafe_scope: HashMap<String, ObjId>,
    state: HashMap<ObjId, State>,
    decls: HashMap<ObjId, DeclRef>,
    pkg: PkgId,
    scopes: scopes::Scopes,
    iota: Option<i64>,
    results: Vec<TypeId>,
    named_results: Vec<ObjId>,
    /// Locals declared in the current function, to report the unused ones.
    locals: Vec<ObjId>,
    /// Each file's imports, by file index, with the names its dot imports declare.
    file_scopes: HashMap<u32, std::rc::Rc<HashMap<String, ObjId>>>,
    /// The import object of each dot import, by its file and the package it imports: a use
    /// of a name it declared marks it used (`lookup`).
    dot_imports: HashMap<(u32, PkgId), ObjId>,
    /// The imported functions whose bodies importers may inline, not checked yet: a body is
    /// checked only once the package being compiled uses its function (resolver.rs
    /// `check_used_inline_bodies`).
    lazy_bodies: Vec<(ObjId, Rc<File>, usize)>,
    /// The inlinable bodies of the imported packages' functions, not parsed yet, by package
    /// path (compile/export.rs).
    body_sources: HashMap<String, Vec<crate::compile::export::InlineBody>>,
    /// The imported packages' functions not parsed yet, by name: by package path until the
    /// package is checked, then by its PkgId (`lazy_funcs[pkg]`). A name is parsed and
    /// declared when first looked up (resolver.rs `member`).
    lazy_by_path: HashMap<String, crate::compile::export::Lazy>,
    lazy_funcs: Vec<HashMap<String, crate::compile::export::LazyFunc>>,
    /// The imported packages' methods not declared yet, by the type object they are declared
    /// on: declared and resolved when that type is first resolved (resolver.rs
    /// `declare_lazy_methods`).
    lazy_methods: HashMap<ObjId, Vec<LazyMethod>>,
    /// Package-level variables and functions each declaration refers to (for init order).
    refs: HashMap<ObjId, Vec<ObjId>>,
    /// The declarations being checked, innermost last (their references are recorded).
    cur_decl: Vec<ObjId>,
    /// Dynamic initialisers found so far: the variables of their spec (None for `_`), the
    /// initialiser, and the name it was checked for, which for `_ = f()` is the only record
    /// of what it refers to and where it is declared.
    dyn_specs: Vec<(Vec<Option<ObjId>>, Expr, ObjId)>,
    /// Enclosing statements that `break`/`continue` may target, innermost last.
    targets: Vec<Target>,
    /// The label of the statement about to be checked, if it is a labeled loop or switch.
    pending_label: Option<String>,
    /// Checking the operation of an op= statement (messages print `x += y`).
    op_assign: bool,
    /// Whether the expressions checked so far call a function (types2 hasCallOrRecv):
    /// `len(a)` of an array is a constant only when its argument does not.
    has_call: bool,
    /// Set while checking the last statement of a switch clause: Some(is final clause).
    fallthrough_here: Option<bool>,
    /// Whether the function being checked holds a construct tbuild rejects as unsupported
    /// (a function literal, say) whose inside was not checked: a variable used only there
    /// would be reported as unused, an error Go would not give, so none is reported.
    skipped_unsupported: bool,
    /// Some construct of the package was refused as unsupported (imports it used may look
    /// unused).
    pkg_unsupported: bool,
    /// The package compiled has no assembly files (CompileOptions::complete).
    complete: bool,
    /// The current function's labels and gotos, resolved at its end.
    labels: HashMap<String, LabelInfo>,
    gotos: Vec<GotoInfo>,
    /// The function literals being checked, innermost last (closures.rs).
    func_lits: Vec<ExprId>,
    /// Interfaces that embed an interface still being declared, completed once it is
    /// (ifaces.rs).
    pending_embeds: Vec<ifaces::PendingEmbed>,
    /// Where each method of such an interface comes from (`merge_methods`).
    embed_origins: HashMap<TypeId, Vec<(String, Pos)>>,
    /// Such interfaces used as a value's type, checked once complete (`value_type`).
    later_value_uses: Vec<(TypeId, Pos)>,
    /// The function-literal depth at which each local variable was declared: a use at a
    /// greater depth captures it.
    var_depth: HashMap<ObjId, usize>,
    /// The path of (block id, statement index) from the function body to the current statement.
    trail: Vec<(u32, usize)>,
    next_block: u32,
    /// Per block id: (statement index, line) of each variable declaration in it.
    block_decls: HashMap<u32, Vec<(usize, Pos, String)>>,
    /// Block id -> position of its opening, for "jumps into block" messages.
    block_starts: HashMap<u32, Pos>,
    /// Map key types to check for comparability once the package's types are complete,
    /// with the position of the key's type expression (types2 delays it too).
    later_map_keys: Vec<(Pos, TypeId)>,
    /// Set once the checker ran out of stack (stack::exhausted) and said so.
    too_deep: bool,
    /// Embedded fields' types and positions, checked once the package's types are complete.
    embedded_checks: Vec<(TypeId, Pos)>,
    /// Type parameters, instances and inference (generics/).
    gen: generics::GenState,
    /// Instantiations `G[A, B]` to check against their constraints once the package's
    /// types are complete: (generic type's parameters, arguments, their positions).
    later_type_args: Vec<TypeArgCheck>,
}

#[derive(Clone)]
struct Target {
    is_loop: bool,
    label: Option<String>,
}

struct LabelInfo {
    pos: Pos,
    used: bool,
    block: u32,
    index: usize,
}

struct GotoInfo {
    label: String,
    pos: Pos,
    trail: Vec<(u32, usize)>,
}

impl Checker {
    pub fn new(sources: Sources) -> Checker {
        let mut c = Checker {
            prog: Program {
                methods: HashMap::default(),
                types: Types::new(),
                objs: Vec::new(),
                packages: Vec::new(),
                info: Info::default(),
                file_names: sources.names,
                line_maps: sources.line_maps,
            },
            errs: Vec::new(),
            universe: HashMap::default(),
            unsafe_scope: HashMap::default(),
            state: HashMap::default(),
            decls: HashMap::default(),
            pkg: 0,
            scopes: scopes::Scopes::default(),
            iota: None,
            results: Vec::new(),
            named_results: Vec::new(),
            locals: Vec::new(),
            file_scopes: HashMap::default(),
            dot_imports: HashMap::default(),
            lazy_bodies: Vec::new(),
            body_sources: HashMap::default(),
            lazy_by_path: HashMap::default(),
            lazy_funcs: Vec::new(),
            lazy_methods: HashMap::default(),
            refs: HashMap::default(),
            cur_decl: Vec::new(),
            dyn_specs: Vec::new(),
            targets: Vec::new(),
            pending_label: None,
            op_assign: false,
            too_deep: false,
            has_call: false,
            fallthrough_here: None,
            skipped_unsupported: false,
            pkg_unsupported: false,
            complete: false,
            labels: HashMap::default(),
            gotos: Vec::new(),
            trail: Vec::new(),
            next_block: 0,
            block_decls: HashMap::default(),
            block_starts: HashMap::default(),
            func_lits: Vec::new(),
            pending_embeds: Vec::new(),
            embed_origins: HashMap::default(),
            later_value_uses: Vec::new(),
            var_depth: HashMap::default(),
            later_map_keys: Vec::new(),
            embedded_checks: Vec::new(),
            gen: generics::GenState::default(),
            later_type_args: Vec::new(),
        };
        c.init_universe();
        c
    }

    fn new_obj(&mut self, name: &str, pos: Pos, pkg: PkgId, kind: ObjKind, ty: TypeId) -> ObjId {
        let kind_is_local = matches!(
            kind,
            ObjKind::Var(VarKind::Local | VarKind::Param | VarKind::Result)
        );
        self.prog.objs.push(Object {
            name: name.to_string(),
            pos,
            pkg,
            kind,
            ty,
            used: false,
            addr_taken: false,
        });
        let id = (self.prog.objs.len() - 1) as ObjId;
        if kind_is_local {
            self.var_depth.insert(id, self.func_lits.len());
        }
        id
    }

    fn error(&mut self, pos: Pos, msg: impl Into<String>) {
        let d = self.prog.diag(pos, msg);
        self.errs.push(d);
    }

    /// Whether the stack is nearly used up (crate::compile::stack), which only recursion
    /// through declarations can do: then `what` (expression, type) at `pos` is reported as
    /// nested too deeply, once, and the caller goes no deeper.
    fn out_of_stack(&mut self, pos: Pos, what: &str) -> bool {
        if !crate::compile::stack::exhausted() {
            return false;
        }
        if !self.too_deep {
            self.too_deep = true;
            self.error(pos, format!("{what} nested too deeply"));
        }
        true
    }

    fn unsupported(&mut self, pos: Pos, what: &str) {
        self.skipped_unsupported = true;
        self.pkg_unsupported = true;
        self.error(pos, format!("tbuild does not support {what} yet"));
    }

    /// Whether the package about to be checked has no assembly files (Go's `-complete`).
    pub fn set_complete(&mut self, complete: bool) {
        self.complete = complete;
    }

    /// The inlinable bodies of the imported packages (compile/export.rs), by package path:
    /// each parsed once its function is used.
    pub fn set_body_sources(
        &mut self,
        sources: HashMap<String, Vec<crate::compile::export::InlineBody>>,
    ) {
        self.body_sources = sources;
    }

    /// The functions and methods of the imported packages that are parsed on use
    /// (compile/export.rs), by package path.
    pub fn set_lazy(&mut self, lazy: HashMap<String, crate::compile::export::Lazy>) {
        self.lazy_by_path = lazy;
    }

    /// The first expression id the parser did not use: copies of generic bodies number
    /// their expressions from there.
    pub fn set_next_expr_id(&mut self, id: u32) {
        self.gen.next_expr = id;
    }

    pub fn take_errors(&mut self) -> Vec<Diag> {
        std::mem::take(&mut self.errs)
    }

    fn tn(&self, t: TypeId) -> String {
        self.prog.types.name(t)
    }

    fn basic(&self, b: Basic) -> TypeId {
        self.prog.types.basic(b)
    }

    /// `file:line:col` of a position, for messages that point at a second place.
    fn pos_string(&self, p: Pos) -> String {
        self.prog.pos_string(p)
    }
}

fn is_blank(e: &Expr) -> bool {
    matches!(&e.kind, ExprKind::Ident(n) if n == "_")
}

fn is_exported(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_uppercase())
}
