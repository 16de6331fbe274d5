//! The type checker: resolves names, computes every expression's type and constant value, and
//! reports Go's errors in Go 1.19's words (cmd/compile/internal/types2).
//!
//! It works on all packages of one compilation (the package being compiled and, from source, the
//! packages it imports) and records what the lowering needs in side tables keyed by expression
//! id ([`Info`]). Package-level objects are resolved lazily, on first use, so that declarations
//! may appear in any order, as in Go. Anything valid in Go but outside tbuild's subset is reported
//! as `tbuild does not support X yet`.

use std::collections::HashMap;
use std::rc::Rc;

use super::ast::*;
use super::types::{Basic, Const, Field, Signature, Type, TypeId, Types};
use crate::diag::Diag;

pub type ObjId = u32;

/// The package id of an import tbuild does not bundle: its uses are not errors (one error at
/// the import says it all).
pub const UNSUPPORTED_PKG: usize = usize::MAX - 1;

/// The packages tbuild bundles, for messages.
const BUNDLED: &[&str] = &[
    "errors",
    "fmt",
    "os",
    "strconv",
    "strings",
    "unicode/utf8",
    "unsafe",
];
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
    Sizeof,
    Offsetof,
    Alignof,
    Add,
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
    /// dereferenced (`*p`) to match the method's receiver.
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
    /// A struct field at `offset`; `deref` when the operand is a pointer to the struct.
    Field { offset: u64, deref: bool },
    /// `pkg.Name`.
    Qualified(ObjId),
}

/// What the checker learned, for the lowering.
#[derive(Default)]
pub struct Info {
    pub types: HashMap<ExprId, TypeId>,
    pub consts: HashMap<ExprId, Const>,
    pub uses: HashMap<ExprId, ObjId>,
    /// Declared names by their position (variables, parameters, functions).
    pub defs: HashMap<Pos, ObjId>,
    pub calls: HashMap<ExprId, CallKind>,
    pub selections: HashMap<ExprId, Selection>,
    /// Values converted to an interface type where they are used: expression -> interface.
    pub converts: HashMap<ExprId, TypeId>,
    /// Per-result interface conversions of a multi-value call spread into another call.
    pub tuple_converts: HashMap<ExprId, Vec<Option<TypeId>>>,
    /// Type assertions used in the `v, ok := x.(T)` form.
    pub comma_ok: std::collections::HashSet<ExprId>,
    /// Type switch clauses' bound variables, by clause position.
    pub clause_vars: HashMap<Pos, ObjId>,
}

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
    pub dyn_inits: Vec<(Vec<Option<ObjId>>, Expr)>,
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

#[derive(Debug, Clone, PartialEq)]
enum Mode {
    Invalid,
    NoValue,
    Value,
    /// An addressable variable (or part of one).
    Var,
    Const,
    Type,
    Builtin(Builtin),
    Pkg(PkgId),
    Func(ObjId),
    /// `x.M` for a method M: (method, addr, deref) as in CallKind::Method.
    Method(ObjId, bool, bool),
    /// `x.M` for method number `index` (in sorted order) of x's interface type.
    IfaceMethod(usize),
}

#[derive(Debug, Clone)]
struct Operand {
    mode: Mode,
    ty: TypeId,
    val: Option<Const>,
}

impl Operand {
    fn invalid() -> Operand {
        Operand {
            mode: Mode::Invalid,
            ty: 0,
            val: None,
        }
    }
}

pub struct Checker {
    pub prog: Program,
    errs: Vec<Diag>,
    universe: HashMap<String, ObjId>,
    unsafe_scope: HashMap<String, ObjId>,
    state: HashMap<ObjId, State>,
    decls: HashMap<ObjId, DeclRef>,
    pkg: PkgId,
    scopes: Vec<HashMap<String, ObjId>>,
    iota: Option<i64>,
    results: Vec<TypeId>,
    named_results: Vec<ObjId>,
    /// Locals declared in the current function, to report the unused ones.
    locals: Vec<ObjId>,
    /// Each file's imports, by file index.
    file_scopes: HashMap<u32, HashMap<String, ObjId>>,
    /// Package-level variables and functions each declaration refers to (for init order).
    refs: HashMap<ObjId, Vec<ObjId>>,
    /// The declarations being checked, innermost last (their references are recorded).
    cur_decl: Vec<ObjId>,
    /// Dynamic initialisers found so far, keyed by the first variable of their spec.
    dyn_specs: Vec<(Vec<Option<ObjId>>, Expr)>,
    /// Enclosing statements that `break`/`continue` may target, innermost last.
    targets: Vec<Target>,
    /// The label of the statement about to be checked, if it is a labeled loop or switch.
    pending_label: Option<String>,
    /// Checking the operation of an op= statement (messages print `x += y`).
    op_assign: bool,
    /// Set while checking the last statement of a switch clause: Some(is final clause).
    fallthrough_here: Option<bool>,
    /// Whether the function being checked holds a construct tbuild rejects as unsupported
    /// (a function literal, say) whose inside was not checked: a variable used only there
    /// would be reported as unused, an error Go would not give, so none is reported.
    skipped_unsupported: bool,
    /// The current function's labels and gotos, resolved at its end.
    labels: HashMap<String, LabelInfo>,
    gotos: Vec<GotoInfo>,
    /// The path of (block id, statement index) from the function body to the current statement.
    trail: Vec<(u32, usize)>,
    next_block: u32,
    /// Per block id: (statement index, line) of each variable declaration in it.
    block_decls: HashMap<u32, Vec<(usize, Pos, String)>>,
    /// Block id -> position of its opening, for "jumps into block" messages.
    block_starts: HashMap<u32, Pos>,
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

/// The position where an expression starts (Go reports many errors there).
pub fn start_pos(e: &Expr) -> Pos {
    match &e.kind {
        ExprKind::Binary(_, x, _) => start_pos(x),
        ExprKind::Call { func, .. } => start_pos(func),
        ExprKind::Selector(x, _) | ExprKind::Index(x, _) | ExprKind::Slice { x, .. } => {
            start_pos(x)
        }
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
        ExprKind::StrLit(s) => format!("{:?}", String::from_utf8_lossy(s)),
        ExprKind::Binary(op, x, y) => {
            format!("{} {} {}", expr_string(x), op.as_str(), expr_string(y))
        }
        ExprKind::Unary(op, x) => format!("{}{}", op.as_str(), expr_string(x)),
        ExprKind::Call { func, args, .. } => {
            let a: Vec<String> = args.iter().map(expr_string).collect();
            format!("{}({})", expr_string(func), a.join(", "))
        }
        ExprKind::Selector(x, s) => format!("{}.{}", expr_string(x), s),
        ExprKind::Index(x, i) => format!("{}[{}]", expr_string(x), expr_string(i)),
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
        ExprKind::Composite { ty, elems } => {
            // Go's short form (syntax/printer.go): "…" stands for the elements, if any.
            let body = if elems.is_empty() { "{}" } else { "{…}" };
            match ty {
                Some(t) => format!("{}{body}", type_expr_string(t)),
                None => body.to_string(),
            }
        }
        ExprKind::Type(t) => type_expr_string(t),
        ExprKind::FuncLit => "func literal".to_string(),
        ExprKind::TypeAssert(x, Some(t)) => format!("{}.({})", expr_string(x), type_expr_string(t)),
        ExprKind::TypeAssert(x, None) => format!("{}.(type)", expr_string(x)),
    }
}

fn type_expr_string(t: &TypeExpr) -> String {
    match &t.kind {
        TypeExprKind::Name(n) => n.clone(),
        TypeExprKind::Qualified(p, n) => format!("{p}.{n}"),
        TypeExprKind::Pointer(e) => format!("*{}", type_expr_string(e)),
        TypeExprKind::Array(Some(n), e) => format!("[{}]{}", expr_string(n), type_expr_string(e)),
        TypeExprKind::Array(None, e) => format!("[...]{}", type_expr_string(e)),
        TypeExprKind::Struct(_) => "struct{…}".to_string(),
        TypeExprKind::Slice(e) => format!("[]{}", type_expr_string(e)),
        TypeExprKind::Func(..) => "func(…)".to_string(),
        TypeExprKind::Interface(e) if e.is_empty() => "interface{}".to_string(),
        TypeExprKind::Interface(_) => "interface{…}".to_string(),
        TypeExprKind::Unsupported(what) => what.to_string(),
    }
}

impl Checker {
    pub fn new(file_names: Vec<String>) -> Checker {
        let mut c = Checker {
            prog: Program {
                methods: HashMap::new(),
                types: Types::new(),
                objs: Vec::new(),
                packages: Vec::new(),
                info: Info::default(),
                file_names,
            },
            errs: Vec::new(),
            universe: HashMap::new(),
            unsafe_scope: HashMap::new(),
            state: HashMap::new(),
            decls: HashMap::new(),
            pkg: 0,
            scopes: Vec::new(),
            iota: None,
            results: Vec::new(),
            named_results: Vec::new(),
            locals: Vec::new(),
            file_scopes: HashMap::new(),
            refs: HashMap::new(),
            cur_decl: Vec::new(),
            dyn_specs: Vec::new(),
            targets: Vec::new(),
            pending_label: None,
            op_assign: false,
            fallthrough_here: None,
            skipped_unsupported: false,
            labels: HashMap::new(),
            gotos: Vec::new(),
            trail: Vec::new(),
            next_block: 0,
            block_decls: HashMap::new(),
            block_starts: HashMap::new(),
        };
        c.init_universe();
        c
    }

    fn init_universe(&mut self) {
        use Basic::*;
        let basics = [
            ("bool", Bool),
            ("int", Int),
            ("int8", Int8),
            ("int16", Int16),
            ("int32", Int32),
            ("int64", Int64),
            ("uint", Uint),
            ("uint8", Uint8),
            ("uint16", Uint16),
            ("uint32", Uint32),
            ("uint64", Uint64),
            ("uintptr", Uintptr),
            ("float32", Float32),
            ("float64", Float64),
            ("string", String),
            ("byte", Byte),
            ("rune", Rune),
        ];
        for (name, b) in basics {
            let ty = self.prog.types.basic(b);
            let id = self.new_obj(name, Pos::default(), usize::MAX, ObjKind::TypeName, ty);
            self.universe.insert(name.to_string(), id);
        }
        let ub = self.prog.types.basic(UntypedBool);
        for (name, v) in [("true", true), ("false", false)] {
            let id = self.new_obj(
                name,
                Pos::default(),
                usize::MAX,
                ObjKind::Const(Const::Bool(v)),
                ub,
            );
            self.universe.insert(name.to_string(), id);
        }
        let un = self.prog.types.basic(UntypedNil);
        let id = self.new_obj("nil", Pos::default(), usize::MAX, ObjKind::Nil, un);
        self.universe.insert("nil".into(), id);
        let ui = self.prog.types.basic(UntypedInt);
        let id = self.new_obj(
            "iota",
            Pos::default(),
            usize::MAX,
            ObjKind::Const(Const::Int(0)),
            ui,
        );
        self.universe.insert("iota".into(), id);
        let builtins = [
            ("len", Builtin::Len),
            ("new", Builtin::New),
            ("print", Builtin::Print),
            ("println", Builtin::Println),
            ("append", Builtin::Append),
            ("cap", Builtin::Cap),
            ("close", Builtin::Unsupported("close")),
            ("complex", Builtin::Unsupported("complex numbers")),
            ("copy", Builtin::Copy),
            ("delete", Builtin::Unsupported("delete")),
            ("imag", Builtin::Unsupported("complex numbers")),
            ("make", Builtin::Make),
            ("panic", Builtin::Panic),
            ("real", Builtin::Unsupported("complex numbers")),
            ("recover", Builtin::Unsupported("recover")),
        ];
        for (name, b) in builtins {
            let id = self.new_obj(name, Pos::default(), usize::MAX, ObjKind::Builtin(b), 0);
            self.universe.insert(name.to_string(), id);
        }
        for (name, ty) in [
            ("complex64", "complex64"),
            ("complex128", "complex128"),
            ("comparable", "generics"),
        ] {
            let t = self.prog.types.add(Type::Named {
                pkg: std::string::String::new(),
                name: format!("unsupported:{ty}"),
                underlying: None,
            });
            let id = self.new_obj(name, Pos::default(), usize::MAX, ObjKind::TypeName, t);
            self.universe.insert(name.to_string(), id);
        }
        // any = interface{}; error = interface{ Error() string } (Go spec, "Predeclared
        // identifiers").
        let empty = self.prog.types.add(Type::Interface(Vec::new()));
        self.prog.types.set_any(empty);
        let id = self.new_obj("any", Pos::default(), usize::MAX, ObjKind::TypeName, empty);
        self.universe.insert("any".into(), id);
        let string_t = self.prog.types.basic(String);
        let error_t = self.prog.types.add(Type::Named {
            pkg: std::string::String::new(),
            name: "error".into(),
            underlying: None,
        });
        let error_u = self
            .prog
            .types
            .add(Type::Interface(vec![super::types::IMethod {
                name: "Error".into(),
                sig: Signature {
                    results: vec![string_t],
                    ..Signature::default()
                },
            }]));
        self.prog.types.set_underlying(error_t, error_u);
        let id = self.new_obj(
            "error",
            Pos::default(),
            usize::MAX,
            ObjKind::TypeName,
            error_t,
        );
        self.universe.insert("error".into(), id);
        let up = self.prog.types.basic(UnsafePointer);
        let id = self.new_obj("Pointer", Pos::default(), usize::MAX, ObjKind::TypeName, up);
        self.unsafe_scope.insert("Pointer".into(), id);
        for (name, b) in [
            ("Sizeof", Builtin::Sizeof),
            ("Offsetof", Builtin::Offsetof),
            ("Alignof", Builtin::Alignof),
            ("Add", Builtin::Add),
            ("Slice", Builtin::Unsupported("unsafe.Slice")),
        ] {
            let id = self.new_obj(name, Pos::default(), usize::MAX, ObjKind::Builtin(b), 0);
            self.unsafe_scope.insert(name.to_string(), id);
        }
    }

    fn new_obj(&mut self, name: &str, pos: Pos, pkg: PkgId, kind: ObjKind, ty: TypeId) -> ObjId {
        self.prog.objs.push(Object {
            name: name.to_string(),
            pos,
            pkg,
            kind,
            ty,
            used: false,
            addr_taken: false,
        });
        (self.prog.objs.len() - 1) as ObjId
    }

    fn error(&mut self, pos: Pos, msg: impl Into<String>) {
        let file = self.file_name(pos);
        self.errs.push(Diag::new(file, pos.line, pos.col, msg));
    }

    /// The type a builtin's type argument names (make's and new's first), or None after
    /// reporting that it is not a type.
    fn type_arg(&mut self, arg: &Expr) -> Option<TypeId> {
        let op = self.expr_any(arg);
        match op.mode {
            Mode::Invalid => None,
            Mode::Type => Some(op.ty),
            _ => {
                self.error(
                    start_pos(arg),
                    format!("{} is not a type", expr_string(arg)),
                );
                None
            }
        }
    }

    fn unsupported(&mut self, pos: Pos, what: &str) {
        self.skipped_unsupported = true;
        self.error(pos, format!("tbuild does not support {what} yet"));
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

    // ---------------------------------------------------------------------------------------
    // Packages

    /// Declares the package's top-level names, then checks every declaration and body.
    /// `imports` maps import paths to already-checked packages.
    /// `bodies`: whether to check function bodies. An imported package needs only its
    /// declarations (what Go's export data holds): its bodies were checked when it was
    /// compiled.
    pub fn check_package(
        &mut self,
        path: &str,
        files: Vec<Rc<File>>,
        imports: &HashMap<String, PkgId>,
        bodies: bool,
    ) -> PkgId {
        let pkg = self.prog.packages.len();
        let name = files.first().map(|f| f.package.clone()).unwrap_or_default();
        self.prog.packages.push(Package {
            path: path.to_string(),
            name: name.clone(),
            files: files.clone(),
            scope: HashMap::new(),
            funcs: Vec::new(),
            globals: Vec::new(),
            global_inits: HashMap::new(),
            dyn_inits: Vec::new(),
            init_funcs: Vec::new(),
            consts: Vec::new(),
            type_names: Vec::new(),
        });
        self.pkg = pkg;
        for f in &files {
            if f.package != name {
                self.error(
                    f.package_pos,
                    format!("package {}; expected package {}", f.package, name),
                );
            }
        }
        // Collect: every top-level name, unresolved.
        let mut init_funcs = Vec::new();
        let mut methods = Vec::new();
        for f in &files {
            for (di, d) in f.decls.iter().enumerate() {
                match d {
                    Decl::Type(ts) => {
                        let t = self.prog.types.add(Type::Named {
                            pkg: name.clone(),
                            name: ts.name.clone(),
                            underlying: None,
                        });
                        let id = self.new_obj(&ts.name, ts.pos, pkg, ObjKind::TypeName, t);
                        self.declare_pkg(id, DeclRef::Type(f.clone(), di));
                        self.prog.packages[pkg].type_names.push(id);
                    }
                    Decl::Const(specs) => {
                        for (si, s) in specs.iter().enumerate() {
                            for (ni, (n, p)) in s.names.iter().enumerate() {
                                let id = self.new_obj(n, *p, pkg, ObjKind::Const(Const::Int(0)), 0);
                                self.prog.info.defs.insert(*p, id);
                                self.declare_pkg(id, DeclRef::Const(f.clone(), di, si, ni));
                                self.prog.packages[pkg].consts.push(id);
                            }
                        }
                    }
                    Decl::Var(vs) => {
                        for (ni, (n, p)) in vs.names.iter().enumerate() {
                            let id = self.new_obj(n, *p, pkg, ObjKind::Var(VarKind::Global), 0);
                            self.prog.info.defs.insert(*p, id);
                            self.declare_pkg(id, DeclRef::Var(f.clone(), di, ni));
                            self.prog.packages[pkg].globals.push(id);
                        }
                    }
                    Decl::Func(fd) => {
                        if fd.recv.is_some() {
                            let id = self.new_obj(
                                &fd.name,
                                fd.pos,
                                pkg,
                                ObjKind::Func {
                                    symbol: String::new(),
                                    has_body: fd.body.is_some(),
                                },
                                0,
                            );
                            self.prog.info.defs.insert(fd.pos, id);
                            self.state.insert(id, State::Unresolved);
                            self.decls.insert(id, DeclRef::Func(f.clone(), di));
                            methods.push((id, f.clone(), di));
                            self.prog.packages[pkg].funcs.push((id, f.clone(), di));
                            continue;
                        }
                        let symbol = match (&fd.linkname, &fd.body) {
                            (Some(target), None) => target.clone(),
                            _ => format!("{}.{}", path, fd.name),
                        };
                        let id = self.new_obj(
                            &fd.name,
                            fd.pos,
                            pkg,
                            ObjKind::Func {
                                symbol,
                                has_body: fd.body.is_some(),
                            },
                            0,
                        );
                        self.prog.info.defs.insert(fd.pos, id);
                        if fd.name == "init" {
                            init_funcs.push((fd.pos, id));
                            self.state.insert(id, State::Unresolved);
                            self.decls.insert(id, DeclRef::Func(f.clone(), di));
                        } else {
                            self.declare_pkg(id, DeclRef::Func(f.clone(), di));
                        }
                        self.prog.packages[pkg].funcs.push((id, f.clone(), di));
                    }
                }
            }
        }
        for (n, (_, id)) in init_funcs.iter().enumerate() {
            // Go's names: user init functions are pkg.init.0, pkg.init.1, ...; pkg.init is the
            // package initialiser the compiler generates.
            if let ObjKind::Func { symbol, .. } = &mut self.prog.objs[*id as usize].kind {
                *symbol = format!("{path}.init.{n}");
            }
            self.prog.packages[pkg].init_funcs.push(*id);
        }

        // Imports, per file.
        let mut file_imports: Vec<Vec<(ObjId, Pos, String)>> = Vec::new();
        for f in &files {
            let mut list = Vec::new();
            for imp in &f.imports {
                let (kind, ty) = if imp.path == "unsafe" {
                    (ObjKind::Pkg(usize::MAX), 0)
                } else if let Some(&p) = imports.get(&imp.path) {
                    (ObjKind::Pkg(p), 0)
                } else {
                    self.error(
                        imp.pos,
                        format!(
                            "tbuild does not support importing \"{}\" yet (it bundles {})",
                            imp.path,
                            BUNDLED.join(", ")
                        ),
                    );
                    let local = imp
                        .name
                        .clone()
                        .unwrap_or_else(|| imp.path.rsplit('/').next().unwrap_or("").to_string());
                    let id = self.new_obj(&local, imp.pos, pkg, ObjKind::Pkg(UNSUPPORTED_PKG), 0);
                    self.prog.objs[id as usize].used = true;
                    list.push((id, imp.pos, imp.path.clone()));
                    continue;
                };
                let local = imp.name.clone().unwrap_or_else(|| match kind {
                    ObjKind::Pkg(p) if p != usize::MAX => self.prog.packages[p].name.clone(),
                    _ => "unsafe".to_string(),
                });
                if local == "_" {
                    // A blank import only runs the package's initialisation (Go spec).
                    continue;
                }
                if local == "." {
                    self.unsupported(imp.pos, "dot imports");
                    continue;
                }
                let id = self.new_obj(&local, imp.pos, pkg, kind, ty);
                list.push((id, imp.pos, imp.path.clone()));
            }
            file_imports.push(list);
        }
        // Each file's imports form its file scope (Go spec, "Declarations and scope"):
        // declarations are resolved in the scope of the file that holds them.
        for (fi, f) in files.iter().enumerate() {
            let scope = file_imports[fi]
                .iter()
                .map(|(id, _, _)| (self.prog.objs[*id as usize].name.clone(), *id))
                .collect();
            self.file_scopes.insert(f.package_pos.file, scope);
        }
        for (id, f, di) in &methods {
            self.scopes = vec![self
                .file_scopes
                .get(&f.package_pos.file)
                .cloned()
                .unwrap_or_default()];
            self.declare_method(*id, f, *di, path);
        }
        self.scopes.clear();
        // Check every declaration, in source order.
        for (fi, f) in files.iter().enumerate() {
            self.scopes.clear();
            self.scopes.push(
                file_imports[fi]
                    .iter()
                    .map(|(id, _, _)| (self.prog.objs[*id as usize].name.clone(), *id))
                    .collect(),
            );
            for (di, d) in f.decls.iter().enumerate() {
                match d {
                    Decl::Type(ts) => {
                        if let Some(&id) = self.prog.packages[pkg].scope.get(&ts.name) {
                            if self.prog.objs[id as usize].pos == ts.pos {
                                self.resolve(id);
                            }
                        }
                    }
                    Decl::Const(specs) => {
                        // By position, so that blank constants are checked too.
                        for s in specs {
                            for (_, p) in &s.names {
                                if let Some(&id) = self.prog.info.defs.get(p) {
                                    self.resolve(id);
                                }
                            }
                        }
                    }
                    Decl::Var(vs) => {
                        for (_, p) in &vs.names {
                            if let Some(&id) = self.prog.info.defs.get(p) {
                                self.resolve(id);
                            }
                        }
                    }
                    Decl::Func(fd) => {
                        if let Some(&id) = self.prog.info.defs.get(&fd.pos) {
                            self.resolve(id);
                            if bodies {
                                self.check_func_body(id, f, di);
                            }
                        }
                    }
                }
            }
            for (id, pos, path) in &file_imports[fi] {
                if bodies && !self.prog.objs[*id as usize].used {
                    self.error(*pos, format!("imported and not used: \"{path}\""));
                }
            }
        }
        self.scopes.clear();
        self.order_initialisers(pkg);
        pkg
    }

    /// Orders the dynamic initialisers (Go spec, "Package initialization"): repeatedly the
    /// earliest variable in declaration order that depends on no uninitialised variable, where
    /// a variable depends on the variables and functions its initialiser refers to, and a
    /// function on those its body refers to, transitively.
    fn order_initialisers(&mut self, pkg: PkgId) {
        let specs = std::mem::take(&mut self.dyn_specs);
        let globals = self.prog.packages[pkg].globals.clone();
        let dynamic: std::collections::HashSet<ObjId> = specs
            .iter()
            .flat_map(|(l, _)| l.iter().flatten().copied())
            .collect();
        // Transitive variable dependencies of each spec.
        let deps: Vec<std::collections::HashSet<ObjId>> = specs
            .iter()
            .map(|(lhs, _)| {
                let mut seen = std::collections::HashSet::new();
                let mut stack: Vec<ObjId> = lhs
                    .iter()
                    .flatten()
                    .flat_map(|o| self.refs.get(o).cloned().unwrap_or_default())
                    .collect();
                while let Some(o) = stack.pop() {
                    if seen.insert(o) && !matches!(self.prog.objs[o as usize].kind, ObjKind::Var(_))
                    {
                        stack.extend(self.refs.get(&o).cloned().unwrap_or_default());
                    }
                }
                seen.into_iter().filter(|o| dynamic.contains(o)).collect()
            })
            .collect();
        let decl_index = |o: ObjId| globals.iter().position(|g| *g == o).unwrap_or(usize::MAX);
        let mut order: Vec<usize> = (0..specs.len()).collect();
        order.sort_by_key(|&i| {
            specs[i]
                .0
                .iter()
                .flatten()
                .map(|o| decl_index(*o))
                .min()
                .unwrap_or(usize::MAX)
        });
        let mut done: std::collections::HashSet<ObjId> = std::collections::HashSet::new();
        let mut emitted = vec![false; specs.len()];
        let mut out = Vec::new();
        while out.len() < specs.len() {
            let next = order.iter().copied().find(|&i| {
                !emitted[i]
                    && deps[i]
                        .iter()
                        .all(|d| done.contains(d) || specs[i].0.contains(&Some(*d)))
            });
            let Some(i) = next else {
                let i = order.iter().copied().find(|&i| !emitted[i]).unwrap();
                let o = specs[i].0.iter().flatten().next().copied();
                if let Some(o) = o {
                    let (pos, name) = (
                        self.prog.objs[o as usize].pos,
                        self.prog.objs[o as usize].name.clone(),
                    );
                    self.error(
                        pos,
                        format!("initialization cycle: {name} refers to itself"),
                    );
                }
                return;
            };
            emitted[i] = true;
            done.extend(specs[i].0.iter().flatten());
            out.push(specs[i].clone());
        }
        self.prog.packages[pkg].dyn_inits = out;
    }

    /// Reports a type that contains itself by value (Go: "invalid recursive type"), with the
    /// cycle as types2 prints it, and breaks the cycle so layout terminates.
    fn check_recursive(&mut self, named: TypeId, pos: Pos) {
        let mut path = vec![named];
        if !self.contains_by_value(named, self.prog.types.under(named), &mut path, 0) {
            return;
        }
        let name = self.tn(named);
        let mut msg = format!("invalid recursive type {name}");
        for (i, t) in path.iter().enumerate() {
            let tail = if i + 1 < path.len() { " refers to" } else { "" };
            // Each type at its own declaration.
            let p = self
                .prog
                .objs
                .iter()
                .find(|o| {
                    matches!(o.kind, ObjKind::TypeName) && o.ty == *t && o.pos != Pos::default()
                })
                .map(|o| o.pos)
                .unwrap_or(pos);
            msg.push_str(&format!(
                "\n\t{}: {}{}",
                self.pos_string(p),
                self.tn(*t),
                tail
            ));
        }
        self.error(pos, msg);
        let invalid = self.prog.types.invalid();
        self.prog.types.set_underlying(named, invalid);
    }

    /// Whether `t` holds `target` by value (through struct fields and array elements, not
    /// through pointers, slices, functions or interfaces); `path` collects the named types.
    fn contains_by_value(
        &self,
        target: TypeId,
        t: TypeId,
        path: &mut Vec<TypeId>,
        depth: u32,
    ) -> bool {
        if depth > 64 {
            return false;
        }
        let types = &self.prog.types;
        let parts: Vec<TypeId> = match types.get(t) {
            Type::Struct(fields) => fields.iter().map(|f| f.ty).collect(),
            Type::Array(_, e) => vec![*e],
            _ => return false,
        };
        for p in parts {
            if p == target {
                path.push(target);
                return true;
            }
            if let Type::Named {
                underlying: Some(u),
                ..
            } = types.get(p)
            {
                if path.contains(&p) {
                    continue;
                }
                path.push(p);
                if self.contains_by_value(target, *u, path, depth + 1) {
                    return true;
                }
                path.pop();
            } else if self.contains_by_value(target, p, path, depth + 1) {
                return true;
            }
        }
        false
    }

    /// Attaches a method to its receiver's base type (Go spec, "Method declarations"): the
    /// base must be a defined type of this package, and not a pointer type.
    fn declare_method(&mut self, id: ObjId, f: &Rc<File>, di: usize, path: &str) {
        let Decl::Func(fd) = &f.decls[di] else { return };
        let Some(recv) = &fd.recv else { return };
        let (base, ptr) = match &recv.ty.kind {
            TypeExprKind::Pointer(t) => (&**t, true),
            _ => (&recv.ty, false),
        };
        let TypeExprKind::Name(tname) = &base.kind else {
            self.error(
                recv.ty.pos,
                format!("invalid receiver type {}", type_expr_string(&recv.ty)),
            );
            return;
        };
        let Some(&tobj) = self.prog.packages[self.pkg].scope.get(tname) else {
            self.error(base.pos, format!("undefined: {tname}"));
            return;
        };
        if !matches!(self.prog.objs[tobj as usize].kind, ObjKind::TypeName) {
            self.error(base.pos, format!("{tname} is not a type"));
            return;
        }
        let named = self.prog.objs[tobj as usize].ty;
        self.resolve(tobj);
        if !matches!(self.prog.types.get(named), Type::Named { .. }) {
            self.error(base.pos, format!("invalid receiver type {tname}"));
            return;
        }
        if self.prog.types.is_pointer(named) {
            self.error(
                base.pos,
                format!("invalid receiver type {tname} (pointer or interface type)"),
            );
            return;
        }
        let list = self.prog.methods.entry(named).or_default();
        if let Some((_, prev, _)) = list
            .iter()
            .find(|(n, _, _)| *n == fd.name && fd.name != "_")
        {
            let p = self.prog.objs[*prev as usize].pos;
            let file = self.prog.file_names[p.file as usize].clone();
            self.error(
                fd.pos,
                format!(
                    "method {}.{} already declared at {}:{}:{}",
                    tname, fd.name, file, p.line, p.col
                ),
            );
            return;
        }
        list.push((fd.name.clone(), id, ptr));
        let symbol = if ptr {
            format!("{path}.(*{tname}).{}", fd.name)
        } else {
            format!("{path}.{tname}.{}", fd.name)
        };
        if let ObjKind::Func { symbol: s, .. } = &mut self.prog.objs[id as usize].kind {
            *s = symbol;
        }
    }

    /// Records that the declaration being checked refers to package-level `id`.
    fn note_ref(&mut self, id: ObjId) {
        let o = &self.prog.objs[id as usize];
        let pkg_level = matches!(o.kind, ObjKind::Var(VarKind::Global) | ObjKind::Func { .. })
            && o.pkg == self.pkg;
        if let (true, Some(&cur)) = (pkg_level, self.cur_decl.last()) {
            self.refs.entry(cur).or_default().push(id);
        }
    }

    fn declare_pkg(&mut self, id: ObjId, d: DeclRef) {
        let name = self.prog.objs[id as usize].name.clone();
        let pos = self.prog.objs[id as usize].pos;
        if name == "_" {
            self.state.insert(id, State::Unresolved);
            self.decls.insert(id, d);
            return;
        }
        if let Some(&prev) = self.prog.packages[self.pkg].scope.get(&name) {
            let ppos = self.prog.objs[prev as usize].pos;
            let file = self.prog.file_names[ppos.file as usize].clone();
            self.error(
                pos,
                format!(
                    "{name} redeclared in this block\n\t{file}:{}:{}: other declaration of {name}",
                    ppos.line, ppos.col
                ),
            );
            return;
        }
        self.prog.packages[self.pkg].scope.insert(name, id);
        self.state.insert(id, State::Unresolved);
        self.decls.insert(id, d);
    }

    /// Resolves a package-level object's type (and value, for constants) on first use.
    fn resolve(&mut self, id: ObjId) {
        match self.state.get(&id) {
            Some(State::Unresolved) => {}
            Some(State::InProgress) => {
                let o = &self.prog.objs[id as usize];
                let (pos, name) = (o.pos, o.name.clone());
                match o.kind {
                    ObjKind::TypeName => {}
                    ObjKind::Func { .. } => {}
                    _ => self.error(
                        pos,
                        format!("initialization cycle or invalid recursive reference to {name}"),
                    ),
                }
                return;
            }
            _ => return,
        }
        self.state.insert(id, State::InProgress);
        let d = self.decls[&id].clone();
        // Package-level declarations are checked in the package scope (plus file imports, which
        // are on the scope stack when a body triggers resolution; save and restore it).
        let saved_scopes = std::mem::take(&mut self.scopes);
        let saved_iota = self.iota.take();
        let file = match &d {
            DeclRef::Type(f, ..)
            | DeclRef::Const(f, ..)
            | DeclRef::Var(f, ..)
            | DeclRef::Func(f, ..) => f.package_pos.file,
        };
        let file_scope = self.file_scopes.get(&file).cloned().unwrap_or_default();
        self.scopes.push(file_scope);
        match d {
            DeclRef::Type(f, di) => {
                if let Decl::Type(ts) = &f.decls[di] {
                    let named = self.prog.objs[id as usize].ty;
                    if ts.alias {
                        let t = self.resolve_type(&ts.ty);
                        self.prog.objs[id as usize].ty = t;
                    } else {
                        self.state.insert(id, State::Done);
                        let u = self.resolve_type(&ts.ty);
                        let u = self.prog.types.under(u);
                        self.prog.types.set_underlying(named, u);
                        self.check_recursive(named, ts.pos);
                    }
                }
            }
            DeclRef::Const(f, di, si, ni) => {
                if let Decl::Const(specs) = &f.decls[di] {
                    let spec = specs[si].clone();
                    let (ty, val) = self.const_spec_value(&spec, ni);
                    let o = &mut self.prog.objs[id as usize];
                    o.ty = ty;
                    o.kind = ObjKind::Const(val);
                }
            }
            DeclRef::Var(f, di, ni) => {
                if let Decl::Var(vs) = &f.decls[di] {
                    let vs = vs.clone();
                    self.global_var(id, &vs, ni);
                }
            }
            DeclRef::Func(f, di) => {
                if let Decl::Func(fd) = &f.decls[di] {
                    // A method's receiver is its first parameter.
                    let params: Vec<Param> = fd.recv.iter().chain(&fd.params).cloned().collect();
                    let sig = self.signature(&params, &fd.results, fd.variadic);
                    let t = self.prog.types.add(Type::Func(sig));
                    self.prog.objs[id as usize].ty = t;
                }
            }
        }
        self.scopes = saved_scopes;
        self.iota = saved_iota;
        self.state.insert(id, State::Done);
    }

    fn signature(&mut self, params_ast: &[Param], results: &[Param], variadic: bool) -> Signature {
        // The final parameter of a variadic function ...T has type []T.
        let mut params: Vec<TypeId> = params_ast
            .iter()
            .map(|p| self.resolve_type(&p.ty))
            .collect();
        if variadic {
            if let Some(last) = params.last_mut() {
                *last = self.prog.types.slice(*last);
            }
        }
        let result_types = results.iter().map(|p| self.resolve_type(&p.ty)).collect();
        // Names for messages: all of a list's are given or none are (Go spec, "Function
        // types"), apart from a method's receiver, which messages never print.
        let names = |ps: &[Param]| -> Vec<String> {
            if ps.iter().all(|p| p.name.is_none()) {
                return Vec::new();
            }
            ps.iter()
                .map(|p| p.name.as_ref().map_or("_".to_string(), |(n, _)| n.clone()))
                .collect()
        };
        Signature {
            params,
            results: result_types,
            variadic,
            param_names: names(params_ast),
            result_names: names(results),
        }
    }

    /// Go's count check of a const or var spec (types2 resolver.go arity): the first
    /// extra value, or the first name without one (a var spec with one value may be a
    /// multi-valued call, checked later). Reports whether the counts disagree.
    fn arity(
        &mut self,
        names: &[(String, Pos)],
        values: &[Expr],
        is_const: bool,
        inherited: bool,
    ) -> bool {
        let (l, r) = (names.len(), values.len());
        if l < r {
            let extra = &values[l];
            let msg = if inherited {
                format!("extra init expr at {}", self.pos_string(extra.pos))
            } else {
                format!("extra init expr {}", expr_string(extra))
            };
            let pos = if inherited {
                names[0].1
            } else {
                start_pos(extra)
            };
            self.error(pos, msg);
            return true;
        }
        if l > r && (is_const || r != 1) {
            self.error(names[r].1, format!("missing init expr for {}", names[r].0));
            return true;
        }
        false
    }

    fn const_spec_value(&mut self, spec: &ConstSpec, ni: usize) -> (TypeId, Const) {
        if ni == 0 {
            // Once per spec; a name without a value gets none.
            self.arity(&spec.names, &spec.values, true, spec.implicit);
        }
        let Some(e) = spec.values.get(ni) else {
            return (0, Const::Int(0));
        };
        self.iota = Some(spec.iota);
        let mut op = self.expr(e);
        self.iota = None;
        if op.mode == Mode::Invalid {
            return (0, Const::Int(0));
        }
        if op.mode != Mode::Const {
            self.error(
                start_pos(e),
                format!("{} is not constant", self.describe(e, &op)),
            );
            return (0, Const::Int(0));
        }
        if let Some(te) = &spec.ty {
            let t = self.resolve_type(te);
            if !self.assign(e, &mut op, t, "constant declaration") {
                return (0, Const::Int(0));
            }
        }
        (op.ty, op.val.unwrap_or(Const::Int(0)))
    }

    fn global_var(&mut self, id: ObjId, vs: &VarSpec, ni: usize) {
        self.cur_decl.push(id);
        self.global_var_inner(id, vs, ni);
        self.cur_decl.pop();
    }

    fn global_var_inner(&mut self, id: ObjId, vs: &VarSpec, ni: usize) {
        let declared = vs.ty.as_ref().map(|t| self.resolve_type(t));
        let mut ty = declared.unwrap_or(0);
        if vs.values.is_empty() {
            if declared.is_none() {
                self.error(vs.names[ni].1, "missing type or init expr");
            }
            self.prog.objs[id as usize].ty = ty;
            return;
        }
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
        if vs.values.len() == 1 && vs.names.len() > 1 {
            // var a, b = f(): one call gives every variable its value.
            if self.dyn_specs.iter().any(|(l, _)| l.contains(&Some(id))) {
                return;
            }
            let e = &vs.values[0];
            let op = self.expr_any(e);
            let types = match self.prog.types.get(op.ty).clone() {
                Type::Tuple(ts) if op.mode == Mode::Value => ts,
                _ => {
                    if op.mode != Mode::Invalid {
                        self.assign_mismatch(vs.names.len(), &vs.values, 1);
                    }
                    return;
                }
            };
            if types.len() != vs.names.len() {
                self.assign_mismatch(vs.names.len(), &vs.values, types.len());
                return;
            }
            for (o, t) in objs.iter().zip(&types) {
                let Some(o) = o else { continue };
                let t = match declared {
                    Some(d) => {
                        if !self.assignable(*t, d) {
                            self.error(
                                start_pos(e),
                                format!(
                                    "cannot use {} value as {} value in assignment",
                                    self.tn(*t),
                                    self.tn(d)
                                ),
                            );
                        }
                        d
                    }
                    None => *t,
                };
                self.prog.objs[*o as usize].ty = t;
                self.state.insert(*o, State::Done);
            }
            // Every variable of the spec depends on what the call refers to.
            let r = self.refs.get(&id).cloned().unwrap_or_default();
            for o in objs.iter().flatten() {
                self.refs.entry(*o).or_default().extend(r.iter().copied());
            }
            self.dyn_specs.push((objs, e.clone()));
            return;
        }
        if self.arity(&vs.names, &vs.values, false, false) {
            self.prog.objs[id as usize].ty = ty;
            return;
        }
        let e = &vs.values[ni];
        let mut op = self.expr(e);
        match declared {
            Some(t) => {
                self.assign(e, &mut op, t, "variable declaration");
            }
            None => {
                ty = self.default_type(e, &mut op, "variable declaration");
            }
        }
        if op.mode != Mode::Invalid && !self.is_static_init(e) {
            self.dyn_specs.push((vec![objs[ni]], e.clone()));
        } else {
            self.prog.packages[self.pkg]
                .global_inits
                .insert(id, e.clone());
        }
        self.prog.objs[id as usize].ty = ty;
    }

    /// Whether a package-level initialiser can be laid down as bytes by the compiler.
    fn is_static_init(&self, e: &Expr) -> bool {
        if self.prog.info.consts.contains_key(&e.id) {
            return true;
        }
        match &e.kind {
            ExprKind::Paren(x) => self.is_static_init(x),
            ExprKind::Unary(UnOp::Addr, x) => matches!(
                self.prog
                    .info
                    .uses
                    .get(&x.id)
                    .map(|o| &self.prog.objs[*o as usize].kind),
                Some(ObjKind::Var(VarKind::Global))
            ),
            // Struct and array literals are laid down as bytes; a slice literal needs a
            // backing array allocated at run time.
            ExprKind::Composite { elems, .. } => {
                let t = self.prog.info.types.get(&e.id).copied().unwrap_or(0);
                !self.prog.types.is_slice(t)
                    && elems.iter().all(|el| self.is_static_init(&el.value))
            }
            ExprKind::Call { args, .. } => {
                matches!(
                    self.prog.info.calls.get(&e.id),
                    Some(CallKind::Conversion(_))
                ) && args.iter().all(|a| self.is_static_init(a))
            }
            ExprKind::Ident(_) => matches!(
                self.prog
                    .info
                    .uses
                    .get(&e.id)
                    .map(|o| &self.prog.objs[*o as usize].kind),
                Some(ObjKind::Nil)
            ),
            _ => false,
        }
    }

    // ---------------------------------------------------------------------------------------
    // Types

    fn lookup(&mut self, name: &str) -> Option<ObjId> {
        for s in self.scopes.iter().rev() {
            if let Some(&id) = s.get(name) {
                return Some(id);
            }
        }
        if let Some(&id) = self.prog.packages[self.pkg].scope.get(name) {
            return Some(id);
        }
        self.universe.get(name).copied()
    }

    pub fn resolve_type(&mut self, te: &TypeExpr) -> TypeId {
        match &te.kind {
            TypeExprKind::Name(n) => {
                let Some(id) = self.lookup(n) else {
                    self.error(te.pos, format!("undefined: {n}"));
                    return 0;
                };
                self.type_of_obj(id, te.pos, n)
            }
            TypeExprKind::Qualified(p, n) => {
                let Some(pid) = self.lookup(p) else {
                    self.error(te.pos, format!("undefined: {p}"));
                    return 0;
                };
                let ObjKind::Pkg(pkg) = self.prog.objs[pid as usize].kind else {
                    self.error(te.pos, format!("{p}.{n} is not a type"));
                    return 0;
                };
                self.prog.objs[pid as usize].used = true;
                let found = if pkg == usize::MAX {
                    self.unsafe_scope.get(n).copied()
                } else {
                    self.prog.packages[pkg]
                        .scope
                        .get(n)
                        .copied()
                        .filter(|_| is_exported(n))
                };
                match found {
                    Some(id) => self.type_of_obj(id, te.pos, &format!("{p}.{n}")),
                    None => {
                        self.error(te.pos, format!("undefined: {p}.{n}"));
                        0
                    }
                }
            }
            TypeExprKind::Pointer(e) => {
                let t = self.resolve_type(e);
                self.prog.types.pointer(t)
            }
            TypeExprKind::Array(len, e) => {
                let Some(len) = len else {
                    self.unsupported(te.pos, "[...] array types");
                    return 0;
                };
                // A length that is not a constant does not count as a use of its variables
                // (types2 evaluates it only to report it).
                let used_before: Vec<(ObjId, bool)> = match &strip_parens(len).kind {
                    ExprKind::Ident(n) => self
                        .lookup(n)
                        .map(|o| (o, self.prog.objs[o as usize].used))
                        .into_iter()
                        .collect(),
                    _ => Vec::new(),
                };
                let op = self.expr(len);
                let n = match (&op.mode, &op.val) {
                    (Mode::Const, Some(Const::Int(v))) if *v >= 0 => *v as u64,
                    (Mode::Invalid, _) => return 0,
                    (Mode::Const, Some(Const::Int(_))) => {
                        self.error(
                            len.pos,
                            format!("invalid array length {}", self.describe(len, &op)),
                        );
                        return 0;
                    }
                    _ => {
                        for (o, u) in used_before {
                            self.prog.objs[o as usize].used = u;
                        }
                        self.error(
                            len.pos,
                            format!("invalid array length {}", expr_string(len)),
                        );
                        return 0;
                    }
                };
                let elem = self.resolve_type(e);
                self.prog.types.array(n, elem)
            }
            TypeExprKind::Struct(fields) => {
                let mut out: Vec<Field> = Vec::new();
                for f in fields {
                    let ty = self.resolve_type(&f.ty);
                    if f.embedded {
                        self.unsupported(f.pos, "embedded fields");
                    }
                    if f.name != "_" && out.iter().any(|g| g.name == f.name) {
                        let prev = fields
                            .iter()
                            .find(|g| g.name == f.name)
                            .map(|g| g.pos)
                            .unwrap_or(f.pos);
                        let at = self.pos_string(prev);
                        self.error(
                            f.pos,
                            format!(
                                "{} redeclared\n\t{at}: other declaration of {}",
                                f.name, f.name
                            ),
                        );
                    }
                    out.push(Field {
                        name: f.name.clone(),
                        ty,
                        offset: 0,
                        embedded: f.embedded,
                    });
                }
                self.prog.types.add(Type::Struct(out))
            }
            TypeExprKind::Slice(e) => {
                let t = self.resolve_type(e);
                self.prog.types.slice(t)
            }
            TypeExprKind::Func(params, results, variadic) => {
                let sig = self.signature(params, results, *variadic);
                self.prog.types.add(Type::Func(sig))
            }
            TypeExprKind::Interface(elems) => {
                let mut methods: Vec<super::types::IMethod> = Vec::new();
                for el in elems {
                    let more = match el {
                        InterfaceElem::Method {
                            name,
                            pos,
                            params,
                            results,
                            variadic,
                        } => {
                            if methods.iter().any(|m| &m.name == name) {
                                self.error(*pos, format!("duplicate method {name}"));
                                continue;
                            }
                            vec![super::types::IMethod {
                                name: name.clone(),
                                sig: self.signature(params, results, *variadic),
                            }]
                        }
                        InterfaceElem::Embedded(t) => {
                            let et = self.resolve_type(t);
                            if et != 0 && !self.prog.types.is_interface(et) {
                                self.unsupported(t.pos, "type constraints");
                                continue;
                            }
                            self.prog.types.interface_methods(et)
                        }
                    };
                    for m in more {
                        if !methods.iter().any(|x| x.name == m.name) {
                            methods.push(m);
                        }
                    }
                }
                methods.sort_by(|a, b| a.name.cmp(&b.name));
                self.prog.types.add(Type::Interface(methods))
            }
            TypeExprKind::Unsupported(what) => {
                self.unsupported(te.pos, what);
                0
            }
        }
    }

    fn type_of_obj(&mut self, id: ObjId, pos: Pos, name: &str) -> TypeId {
        self.resolve(id);
        self.prog.objs[id as usize].used = true;
        match self.prog.objs[id as usize].kind {
            ObjKind::TypeName => {
                let t = self.prog.objs[id as usize].ty;
                if let Type::Named {
                    name: n,
                    underlying: None,
                    ..
                } = self.prog.types.get(t)
                {
                    if let Some(what) = n.strip_prefix("unsupported:") {
                        let what = match what {
                            "float32" | "float64" => "floating-point types".to_string(),
                            "complex64" | "complex128" => "complex numbers".to_string(),
                            w => w.to_string(),
                        };
                        self.unsupported(pos, &what);
                        return 0;
                    }
                }
                t
            }
            _ => {
                self.error(pos, format!("{name} is not a type"));
                0
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // Functions and statements

    fn check_func_body(&mut self, id: ObjId, f: &Rc<File>, di: usize) {
        self.cur_decl.push(id);
        self.check_func_body_inner(id, f, di);
        self.cur_decl.pop();
    }

    fn check_func_body_inner(&mut self, id: ObjId, f: &Rc<File>, di: usize) {
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
        let Some(body) = &fd.body else {
            return;
        };
        self.scopes.push(HashMap::new());
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

    fn declare_local(&mut self, name: &str, id: ObjId, pos: Pos) {
        let scope = self.scopes.last_mut().unwrap();
        if let Some(&prev) = scope.get(name) {
            // types2 counts a redeclared variable as used: one error is enough.
            self.prog.objs[id as usize].used = true;
            let ppos = self.prog.objs[prev as usize].pos;
            let file = self.prog.file_names[ppos.file as usize].clone();
            self.error(
                pos,
                format!(
                    "{name} redeclared in this block\n\t{file}:{}:{}: other declaration of {name}",
                    ppos.line, ppos.col
                ),
            );
            return;
        }
        scope.insert(name.to_string(), id);
    }

    fn new_local(&mut self, name: &str, pos: Pos, ty: TypeId) -> ObjId {
        let o = self.new_obj(name, pos, self.pkg, ObjKind::Var(VarKind::Local), ty);
        self.prog.info.defs.insert(pos, o);
        if name != "_" {
            self.locals.push(o);
        }
        o
    }

    /// Go spec, "Terminating statements".
    fn terminates_list(&self, stmts: &[Stmt]) -> bool {
        stmts
            .iter()
            .rev()
            .find(|s| !matches!(s.kind, StmtKind::Empty))
            .is_some_and(|s| self.terminates(s))
    }

    fn terminates(&self, s: &Stmt) -> bool {
        match &s.kind {
            StmtKind::Return(_) => true,
            StmtKind::Block(b) => self.terminates_list(b),
            StmtKind::If { then, els, .. } => {
                els.as_ref().is_some_and(|e| self.terminates(e)) && self.terminates_list(then)
            }
            StmtKind::For {
                cond: None, body, ..
            } => !has_break(body, None, true),
            StmtKind::Labeled(l, inner) => match &inner.kind {
                StmtKind::For {
                    cond: None, body, ..
                } => !has_break(body, Some(l), true),
                StmtKind::Switch { cases, .. } | StmtKind::TypeSwitch { cases, .. } => {
                    self.switch_terminates(cases, Some(l))
                }
                _ => self.terminates(inner),
            },
            StmtKind::Switch { cases, .. } | StmtKind::TypeSwitch { cases, .. } => {
                self.switch_terminates(cases, None)
            }
            StmtKind::Goto(..) => true,
            StmtKind::Unsupported(_) => true,
            StmtKind::Expr(e) => self.is_panic_call(e),
            _ => false,
        }
    }

    /// A switch terminates when it has a default, no break, and every clause ends in a
    /// terminating statement or fallthrough.
    fn switch_terminates(&self, cases: &[CaseClause], label: Option<&String>) -> bool {
        cases.iter().any(|c| c.exprs.is_none())
            && cases.iter().all(|c| {
                !has_break(&c.body, label, false)
                    && (self.terminates_list(&c.body)
                        || c.body
                            .last()
                            .is_some_and(|s| matches!(s.kind, StmtKind::Fallthrough)))
            })
    }

    fn is_panic_call(&self, e: &Expr) -> bool {
        matches!(
            self.prog.info.calls.get(&e.id),
            Some(CallKind::Builtin(Builtin::Panic))
        )
    }

    /// The statements of one block, numbered for goto's checks (Go spec, "Goto statements").
    fn stmt_block(&mut self, stmts: &[Stmt], start: Pos) {
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

    fn block(&mut self, stmts: &[Stmt]) {
        let start = stmts.first().map(|s| s.pos).unwrap_or_default();
        self.block_at(stmts, start);
    }

    fn block_at(&mut self, stmts: &[Stmt], start: Pos) {
        self.scopes.push(HashMap::new());
        self.stmt_block(stmts, start);
        self.scopes.pop();
    }

    /// Reports unused labels and gotos that are invalid (Go spec, "Goto statements").
    fn finish_labels(&mut self) {
        let gotos = std::mem::take(&mut self.gotos);
        for g in gotos {
            let Some(l) = self.labels.get_mut(&g.label) else {
                self.error(g.pos, format!("label {} not defined", g.label));
                continue;
            };
            l.used = true;
            let (block, index) = (l.block, l.index);
            match g.trail.iter().find(|(b, _)| *b == block) {
                None => {
                    let p = self.block_starts.get(&block).copied().unwrap_or_default();
                    let at = self.pos_string(p);
                    self.error(
                        g.pos,
                        format!("goto {} jumps into block starting at {at}", g.label),
                    );
                }
                Some(&(_, j)) if index > j => {
                    let over = self
                        .block_decls
                        .get(&block)
                        .and_then(|d| d.iter().find(|(k, _, _)| *k > j && *k < index).cloned());
                    if let Some((_, at, names)) = over {
                        let at = self.pos_string(at);
                        self.error(
                            g.pos,
                            format!("goto {} jumps over declaration of {names} at {at}", g.label),
                        );
                    }
                }
                _ => {}
            }
        }
        let mut unused: Vec<(Pos, String)> = self
            .labels
            .iter()
            .filter(|(_, l)| !l.used)
            .map(|(n, l)| (l.pos, n.clone()))
            .collect();
        unused.sort();
        for (pos, name) in unused {
            self.error(pos, format!("label {name} defined and not used"));
        }
    }

    /// The break/continue target a (possibly labeled) branch refers to.
    fn branch_target(&mut self, pos: Pos, label: &Option<(String, Pos)>, is_break: bool) {
        let word = if is_break { "break" } else { "continue" };
        match label {
            None => {
                let ok = if is_break {
                    !self.targets.is_empty()
                } else {
                    self.targets.iter().any(|t| t.is_loop)
                };
                if !ok {
                    let msg = if is_break {
                        "break is not in a loop, switch, or select"
                    } else {
                        "continue is not in a loop"
                    };
                    self.error(pos, msg);
                }
            }
            Some((l, lpos)) => {
                if let Some(info) = self.labels.get_mut(l) {
                    info.used = true;
                }
                let t = self
                    .targets
                    .iter()
                    .rev()
                    .find(|t| t.label.as_deref() == Some(l.as_str()))
                    .cloned();
                match t {
                    Some(t) if is_break || t.is_loop => {}
                    _ => {
                        self.error(*lpos, format!("invalid {word} label {l}"));
                    }
                }
            }
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Empty => {}
            StmtKind::Unsupported(what) => self.unsupported(s.pos, what),
            StmtKind::Expr(e) => {
                let op = self.expr_any(e);
                let is_call = matches!(strip_parens(e).kind, ExprKind::Call { .. });
                match op.mode {
                    Mode::Invalid => {}
                    _ if is_call => {
                        if let Some(CallKind::Conversion(_)) =
                            self.prog.info.calls.get(&strip_parens(e).id)
                        {
                            self.error(
                                start_pos(e),
                                format!("{} is not used", self.describe(e, &op)),
                            );
                        } else if let Some(CallKind::Builtin(
                            Builtin::Len
                            | Builtin::New
                            | Builtin::Sizeof
                            | Builtin::Offsetof
                            | Builtin::Alignof
                            | Builtin::Add,
                        )) = self.prog.info.calls.get(&strip_parens(e).id)
                        {
                            self.error(
                                start_pos(e),
                                format!("{} is not used", self.describe(e, &op)),
                            );
                        }
                    }
                    _ => {
                        self.error(
                            start_pos(e),
                            format!("{} is not used", self.describe(e, &op)),
                        );
                    }
                }
            }
            StmtKind::Var(vs) => self.local_var(vs),
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
            StmtKind::Type(ts) => {
                if ts.alias {
                    let t = self.resolve_type(&ts.ty);
                    let o = self.new_obj(&ts.name, ts.pos, self.pkg, ObjKind::TypeName, t);
                    self.declare_local(&ts.name, o, ts.pos);
                } else {
                    let pkg_name = self.prog.packages[self.pkg].name.clone();
                    let named = self.prog.types.add(Type::Named {
                        pkg: pkg_name,
                        name: ts.name.clone(),
                        underlying: None,
                    });
                    let o = self.new_obj(&ts.name, ts.pos, self.pkg, ObjKind::TypeName, named);
                    self.declare_local(&ts.name, o, ts.pos);
                    let u = self.resolve_type(&ts.ty);
                    let u = self.prog.types.under(u);
                    self.prog.types.set_underlying(named, u);
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
                self.scopes.push(HashMap::new());
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
                self.scopes.push(HashMap::new());
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
                if let Some(prev) = self.labels.get(label) {
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
        }
    }

    // SwitchStmt: the tag is evaluated once and compared with each case in order (Go spec,
    // "Expression switches"); without a tag the cases are boolean conditions.
    fn switch_stmt(&mut self, init: &Option<Box<Stmt>>, tag: &Option<Expr>, cases: &[CaseClause]) {
        self.scopes.push(HashMap::new());
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
            self.scopes.push(HashMap::new());
            self.fallthrough_here = Some(ci + 1 == cases.len());
            self.stmt_block(&c.body, c.pos);
            self.scopes.pop();
            self.targets.pop();
        }
        self.scopes.pop();
    }

    /// The (key, value) types of `range x` (Go spec, "For statements with range clause").
    fn range_types(&mut self, x: &Expr, xo: &mut Operand) -> Option<(TypeId, TypeId)> {
        let int = self.basic(Basic::Int);
        if self.prog.types.is_untyped(xo.ty) && self.prog.types.is_string(xo.ty) {
            let st = self.basic(Basic::String);
            self.convert_untyped(x, xo, st);
        }
        let types = &self.prog.types;
        match types.get(types.under(xo.ty)).clone() {
            Type::Basic(Basic::String) => Some((int, self.basic(Basic::Rune))),
            Type::Array(_, e) | Type::Slice(e) => Some((int, e)),
            Type::Pointer(p) => match types.get(types.under(p)) {
                Type::Array(_, e) => Some((int, *e)),
                _ => None,
            },
            _ => None,
        }
    }

    fn range_stmt(
        &mut self,
        pos: Pos,
        key: Option<&Expr>,
        value: Option<&Expr>,
        define: bool,
        x: &Expr,
        body: &[Stmt],
    ) {
        self.scopes.push(HashMap::new());
        let label = self.pending_label.take();
        let mut xo = self.expr(x);
        let kv = if xo.mode == Mode::Invalid {
            None
        } else {
            let kv = self.range_types(x, &mut xo);
            if kv.is_none() {
                self.error(
                    start_pos(x),
                    format!("cannot range over {}", self.describe(x, &xo)),
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

    fn condition(&mut self, cond: &Expr, what: &str) {
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

    fn return_stmt(&mut self, pos: Pos, values: &[Expr]) {
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
        for (i, (e, mut op)) in ops.into_iter().enumerate() {
            self.assign(e, &mut op, results[i], "return statement");
        }
    }

    fn type_list(&self, ts: &[TypeId]) -> String {
        let parts: Vec<String> = ts.iter().map(|t| self.tn(*t)).collect();
        format!("({})", parts.join(", "))
    }

    /// Go's `have (...)` list: untyped constants show as "number" (or their kind).
    fn have_list(&self, ops: &[(&Expr, Operand)]) -> String {
        let parts: Vec<String> = ops
            .iter()
            .map(|(_, o)| match self.prog.types.get(o.ty) {
                Type::Basic(Basic::UntypedInt | Basic::UntypedRune | Basic::UntypedFloat) => {
                    "number".to_string()
                }
                Type::Basic(Basic::UntypedString) => "string".to_string(),
                Type::Basic(Basic::UntypedBool) => "bool".to_string(),
                Type::Basic(Basic::UntypedNil) => "nil".to_string(),
                _ => self.tn(o.ty),
            })
            .collect();
        format!("({})", parts.join(", "))
    }

    /// Evaluates an expression list, spreading a single multi-value call.
    fn expr_list_values<'e>(&mut self, values: &'e [Expr]) -> Vec<(&'e Expr, Operand)> {
        self.expr_list_values_n(values, 0)
    }

    /// As expr_list_values; with `want == 2`, a lone type assertion yields (value, ok)
    /// (Go spec, "Type assertions": the comma-ok form in assignments and initialisations).
    fn expr_list_values_n<'e>(
        &mut self,
        values: &'e [Expr],
        want: usize,
    ) -> Vec<(&'e Expr, Operand)> {
        if values.len() == 1
            && want == 2
            && matches!(
                strip_parens(&values[0]).kind,
                ExprKind::TypeAssert(_, Some(_))
            )
        {
            let op = self.expr(&values[0]);
            if op.mode == Mode::Invalid {
                return vec![(&values[0], op)];
            }
            self.prog.info.comma_ok.insert(strip_parens(&values[0]).id);
            // ok is typed bool here: the expression's recorded type must stay T.
            let b = self.basic(Basic::Bool);
            return vec![(&values[0], op), (&values[0], self.value(b))];
        }
        if values.len() == 1 {
            let op = self.expr_any(&values[0]);
            if let Type::Tuple(ts) = self.prog.types.get(op.ty).clone() {
                if op.mode == Mode::Value {
                    return ts
                        .iter()
                        .map(|t| {
                            (
                                &values[0],
                                Operand {
                                    mode: Mode::Value,
                                    ty: *t,
                                    val: None,
                                },
                            )
                        })
                        .collect();
                }
            }
            let op = self.single_value(&values[0], op);
            return vec![(&values[0], op)];
        }
        values.iter().map(|e| (e, self.expr(e))).collect()
    }

    fn local_var(&mut self, vs: &VarSpec) {
        let declared = vs.ty.as_ref().map(|t| self.resolve_type(t));
        let mut types = vec![declared.unwrap_or(0); vs.names.len()];
        // A variable whose initialisation failed counts as used, so that the error is not
        // followed by "declared but not used" (types2 assignments.go initVar, initVars).
        let mut failed = vec![false; vs.names.len()];
        let counted = !vs.values.is_empty() && self.arity(&vs.names, &vs.values, false, false);
        if !vs.values.is_empty() {
            let ops = self.expr_list_values_n(&vs.values, vs.names.len());
            if ops.len() != vs.names.len() {
                if !counted && !ops.iter().any(|(_, o)| o.mode == Mode::Invalid) {
                    self.assign_mismatch(vs.names.len(), &vs.values, ops.len());
                }
                failed = vec![true; vs.names.len()];
            } else {
                for (i, (e, mut op)) in ops.into_iter().enumerate() {
                    if op.mode == Mode::Invalid {
                        failed[i] = true;
                        continue;
                    }
                    match declared {
                        Some(t) => {
                            failed[i] = !self.assign(e, &mut op, t, "variable declaration");
                        }
                        None => types[i] = self.default_type(e, &mut op, "variable declaration"),
                    }
                }
            }
        }
        for (i, (n, p)) in vs.names.iter().enumerate() {
            let o = self.new_local(n, *p, types[i]);
            if failed[i] {
                self.prog.objs[o as usize].used = true;
            }
            if n != "_" {
                self.declare_local(n, o, *p);
            }
        }
    }

    fn assign_mismatch(&mut self, nvars: usize, values: &[Expr], nvals: usize) {
        let vars = format!("{} variable{}", nvars, if nvars == 1 { "" } else { "s" });
        let at = start_pos(&values[0]);
        if values.len() == 1 {
            if let ExprKind::Call { func, .. } = &strip_parens(&values[0]).kind {
                self.error(
                    at,
                    format!(
                        "assignment mismatch: {vars} but {} returns {} value{}",
                        expr_string(func),
                        nvals,
                        if nvals == 1 { "" } else { "s" }
                    ),
                );
                return;
            }
        }
        self.error(
            at,
            format!(
                "assignment mismatch: {vars} but {} value{}",
                nvals,
                if nvals == 1 { "" } else { "s" }
            ),
        );
    }

    fn short_var(&mut self, pos: Pos, names: &[(String, Pos)], values: &[Expr]) {
        let ops = self.expr_list_values_n(values, names.len());
        let mismatch = ops.len() != names.len();
        if mismatch && !ops.iter().any(|(_, o)| o.mode == Mode::Invalid) {
            self.assign_mismatch(names.len(), values, ops.len());
        }
        let mut any_new = false;
        let mut new_objs = Vec::new();
        for (i, (n, p)) in names.iter().enumerate() {
            let existing = if n == "_" {
                None
            } else {
                self.scopes.last().unwrap().get(n).copied()
            };
            let op = if mismatch { None } else { ops.get(i).cloned() };
            match existing {
                Some(id) => {
                    self.prog.info.defs.insert(*p, id);
                    if let Some((e, mut op)) = op {
                        let t = self.prog.objs[id as usize].ty;
                        if op.mode != Mode::Invalid {
                            self.assign(e, &mut op, t, "assignment");
                        }
                    }
                }
                None => {
                    if n != "_" {
                        any_new = true;
                    }
                    let bad = !matches!(&op, Some((_, o)) if o.mode != Mode::Invalid);
                    let ty = match op {
                        Some((e, mut op)) if op.mode != Mode::Invalid => {
                            self.default_type(e, &mut op, "assignment")
                        }
                        _ => 0,
                    };
                    let o = self.new_local(n, *p, ty);
                    if bad {
                        self.prog.objs[o as usize].used = true;
                    }
                    new_objs.push((n.clone(), o, *p));
                }
            }
        }
        if !any_new {
            self.error(pos_of_op(names, pos), "no new variables on left side of :=");
        }
        for (n, o, p) in new_objs {
            if n != "_" {
                self.declare_local(&n, o, p);
            }
        }
    }

    fn assign_stmt(&mut self, lhs: &[Expr], rhs: &[Expr]) {
        let ops = self.expr_list_values_n(rhs, lhs.len());
        let lhs_ops: Vec<Operand> = lhs.iter().map(|e| self.expr_lhs(e)).collect();
        // When any assignment fails, types2 marks every assigned variable used, to avoid
        // follow-on "declared but not used" errors (assignments.go assignVars).
        let mut ok = ops.len() == lhs.len();
        if !ok {
            if !ops.iter().any(|(_, o)| o.mode == Mode::Invalid) {
                self.assign_mismatch(lhs.len(), rhs, ops.len());
            }
        } else {
            for (i, (e, mut op)) in ops.into_iter().enumerate() {
                let l = &lhs_ops[i];
                let done = if op.mode == Mode::Invalid {
                    false
                } else if is_blank(&lhs[i]) {
                    self.default_type(e, &mut op, "assignment to _ identifier") != 0
                } else if l.mode == Mode::Invalid || !self.check_assignable_lhs(&lhs[i], l) {
                    false
                } else {
                    self.assign(e, &mut op, l.ty, "assignment")
                };
                ok &= done;
            }
        }
        if !ok {
            for l in lhs {
                if let Some(&o) = self.prog.info.uses.get(&strip_parens(l).id) {
                    self.prog.objs[o as usize].used = true;
                }
            }
        }
    }

    /// Checks a left-hand side without counting a plain name as a use (Go's "declared but not
    /// used" ignores assignments).
    fn expr_lhs(&mut self, e: &Expr) -> Operand {
        if is_blank(e) {
            let ty = self.basic(Basic::Invalid);
            return Operand {
                mode: Mode::Var,
                ty,
                val: None,
            };
        }
        if let ExprKind::Ident(n) = &e.kind {
            if let Some(id) = self.lookup(n) {
                if matches!(
                    self.prog.objs[id as usize].kind,
                    ObjKind::Var(VarKind::Local)
                ) {
                    let used = self.prog.objs[id as usize].used;
                    let op = self.expr(e);
                    self.prog.objs[id as usize].used = used;
                    return op;
                }
            }
        }
        self.expr(e)
    }

    fn check_assignable_lhs(&mut self, e: &Expr, op: &Operand) -> bool {
        if op.mode == Mode::Var {
            return true;
        }
        self.error(
            start_pos(e),
            format!("cannot assign to {}", self.describe(e, op)),
        );
        false
    }

    // ---------------------------------------------------------------------------------------
    // Assignability and untyped conversion

    /// Checks that `op` can be assigned to type `t` and converts untyped operands (Go spec,
    /// "Assignability"). Reports Go's message and returns false otherwise.
    fn assign(&mut self, e: &Expr, op: &mut Operand, t: TypeId, context: &str) -> bool {
        if op.mode == Mode::Invalid || t == 0 {
            return false;
        }
        // An untyped constant assigned to an interface takes its default type first.
        if self.prog.types.is_interface(t)
            && self.prog.types.is_untyped(op.ty)
            && op.ty != self.basic(Basic::UntypedNil)
            && self.default_type(e, op, context) == 0
        {
            return false;
        }
        let types = &self.prog.types;
        if types.is_untyped(op.ty) {
            let target_ok = match (types.get(op.ty), types.basic_of(t)) {
                (Type::Basic(Basic::UntypedNil), _) => types.is_nillable(t),
                (Type::Basic(Basic::UntypedBool), Some(b)) => b == Basic::Bool,
                (Type::Basic(Basic::UntypedString), Some(b)) => b == Basic::String,
                (
                    Type::Basic(Basic::UntypedInt | Basic::UntypedRune | Basic::UntypedFloat),
                    Some(b),
                ) => b.int_info().is_some() || matches!(b, Basic::Float32 | Basic::Float64),
                _ => false,
            };
            if !target_ok {
                self.error(
                    start_pos(e),
                    format!(
                        "cannot use {} as {} value in {}",
                        self.describe(e, op),
                        self.tn(t),
                        context
                    ),
                );
                return false;
            }
            if let Some(v) = &op.val {
                if !self.prog.types.representable(v, t) {
                    let how = if matches!(v, Const::Int(_)) && self.prog.types.is_integer(t) {
                        " (overflows)"
                    } else {
                        " (truncated)"
                    };
                    self.error(
                        start_pos(e),
                        format!(
                            "cannot use {} as {} value in {}{}",
                            self.describe(e, op),
                            self.tn(t),
                            context,
                            how
                        ),
                    );
                    return false;
                }
            }
            self.convert_untyped(e, op, t);
            return true;
        }
        if self.assignable(op.ty, t) {
            self.note_conversion(e, op.ty, t);
            return true;
        }
        let types = &self.prog.types;
        let (from_iface, to_iface) = (types.is_interface(op.ty), types.is_interface(t));
        let why = if from_iface && !to_iface && self.implements(t, op.ty).is_ok() {
            // Go's types2 (operand.go assignableTo): t implements the interface, so the
            // value only lacks a type assertion.
            ":\n\tneed type assertion".to_string()
        } else {
            match self.implements(op.ty, t) {
                Err(why) if to_iface => format!(":\n\t{why}"),
                _ => String::new(),
            }
        };
        // Go 1.19: "as T value" for untyped constants, "as type T" for typed values.
        self.error(
            start_pos(e),
            format!(
                "cannot use {} as type {} in {}{}",
                self.describe(e, op),
                self.tn(t),
                context,
                why
            ),
        );
        false
    }

    /// Records that a value of type `from` is converted to the interface type `to` where it is
    /// used (the lowering boxes it there).
    fn note_conversion(&mut self, e: &Expr, from: TypeId, to: TypeId) {
        if self.prog.types.is_interface(to)
            && !self.prog.types.identical(from, to)
            && from != self.basic(Basic::UntypedNil)
        {
            self.prog.info.converts.insert(e.id, to);
        }
    }

    /// Whether type `v` implements interface `t`: every method of t is in v's method set with
    /// an identical signature (Go spec, "Interface types", "Method sets"). The error is Go's
    /// reason text.
    pub fn implements(&mut self, v: TypeId, t: TypeId) -> Result<(), String> {
        let want = self.prog.types.interface_methods(t);
        for m in want {
            match self.method_of(v, &m.name) {
                Some((sig, ptr_only)) => {
                    if ptr_only {
                        return Err(format!(
                            "{} does not implement {} ({} method has pointer receiver)",
                            self.tn(v),
                            self.tn(t),
                            m.name
                        ));
                    }
                    if !self.prog.types.identical_sigs(&sig, &m.sig) {
                        return Err(format!(
                            "{} does not implement {} (wrong type for {} method)\n\t\thave {}{}\n\t\twant {}{}",
                            self.tn(v),
                            self.tn(t),
                            m.name,
                            m.name,
                            self.prog.types.sig_string(&sig),
                            m.name,
                            self.prog.types.sig_string(&m.sig)
                        ));
                    }
                }
                None => {
                    return Err(format!(
                        "{} does not implement {} (missing {} method)",
                        self.tn(v),
                        self.tn(t),
                        m.name
                    ));
                }
            }
        }
        Ok(())
    }

    /// The signature (without receiver) of v's method `name`, and whether it is only in the
    /// method set of *v (a pointer method looked up on a value type).
    fn method_of(&mut self, v: TypeId, name: &str) -> Option<(Signature, bool)> {
        if self.prog.types.is_interface(v) {
            return self
                .prog
                .types
                .interface_methods(v)
                .into_iter()
                .find(|m| m.name == name)
                .map(|m| (m.sig, false));
        }
        let (base, is_ptr) = match self.prog.types.get(v).clone() {
            Type::Pointer(p) => (p, true),
            _ => (v, false),
        };
        let (_, mid, ptr_recv) = self
            .prog
            .methods
            .get(&base)?
            .iter()
            .find(|(n, _, _)| n == name)?
            .clone();
        self.resolve(mid);
        let Type::Func(sig) = self.prog.types.get(self.prog.objs[mid as usize].ty).clone() else {
            return None;
        };
        Some((sig.without_receiver(), ptr_recv && !is_ptr))
    }

    fn assignable(&mut self, v: TypeId, t: TypeId) -> bool {
        if self.prog.types.identical(v, t) {
            return true;
        }
        if self.prog.types.is_interface(t)
            && !self.prog.types.is_untyped(v)
            && self.implements(v, t).is_ok()
        {
            return true;
        }
        let types = &self.prog.types;
        // Identical underlying types and at least one of them not a named type.
        (!types.is_named(v) || !types.is_named(t))
            && types.identical(types.under(v), types.under(t))
    }

    /// Gives an untyped operand its final type and records it for the lowering.
    fn convert_untyped(&mut self, e: &Expr, op: &mut Operand, t: TypeId) {
        if !self.prog.types.is_untyped(op.ty) {
            return;
        }
        op.ty = t;
        if let Some(v) = &op.val {
            let v = self.round_const(v, t);
            self.prog.info.consts.insert(e.id, v.clone());
            op.val = Some(v);
        }
        self.set_type(e, t);
    }

    /// A constant's value as type t holds it: floats rounded to float32/float64, integral
    /// float constants as integers for integer types (go/types roundFloat32/64).
    fn round_const(&self, v: &Const, t: TypeId) -> Const {
        match (self.prog.types.basic_of(t), v) {
            (Some(Basic::Float64), Const::Int(_) | Const::Big(_) | Const::Float(_)) => {
                float_const(v.to_f64())
            }
            (Some(Basic::Float32), Const::Int(_) | Const::Big(_) | Const::Float(_)) => {
                float_const(v.to_f64() as f32 as f64)
            }
            (Some(b), Const::Float(_)) if b.int_info().is_some() => match v.to_int() {
                Some(i) => Const::Int(i),
                None => v.clone(),
            },
            _ => v.clone(),
        }
    }

    fn set_type(&mut self, e: &Expr, t: TypeId) {
        self.prog.info.types.insert(e.id, t);
        if self.prog.info.consts.contains_key(&e.id) {
            return;
        }
        // A non-constant untyped expression: pass the type down to untyped operands.
        match &e.kind {
            ExprKind::Paren(x) | ExprKind::Unary(_, x) if self.is_untyped_expr(x) => {
                self.set_type(x, t)
            }
            ExprKind::Binary(op, x, y) => {
                if op.is_comparison() {
                    return;
                }
                if op.is_shift() && t != 0 && !self.prog.types.is_integer(t) {
                    // 1 << s takes its type from the context, which must be an integer
                    // type (Go spec, "Operators"; types2 reports the shift's type).
                    let msg = format!(
                        "invalid operation: {} (shift of type {})",
                        expr_string(e),
                        self.tn(t)
                    );
                    self.error(start_pos(e), msg);
                    return;
                }
                if self.is_untyped_expr(x) {
                    self.set_type(x, t);
                }
                if !op.is_shift() && self.is_untyped_expr(y) {
                    self.set_type(y, t);
                }
            }
            _ => {}
        }
    }

    fn is_untyped_expr(&self, e: &Expr) -> bool {
        self.prog
            .info
            .types
            .get(&e.id)
            .is_some_and(|t| self.prog.types.is_untyped(*t))
    }

    /// Converts an untyped operand to its default type (Go spec, "Constants"): used where no
    /// type is given (`x := 1`). Returns the final type.
    fn default_type(&mut self, e: &Expr, op: &mut Operand, context: &str) -> TypeId {
        if op.mode == Mode::Invalid {
            return 0;
        }
        let t = match self.prog.types.get(op.ty) {
            Type::Basic(Basic::UntypedBool) => self.basic(Basic::Bool),
            Type::Basic(Basic::UntypedInt) => self.basic(Basic::Int),
            Type::Basic(Basic::UntypedRune) => self.basic(Basic::Rune),
            Type::Basic(Basic::UntypedString) => self.basic(Basic::String),
            Type::Basic(Basic::UntypedFloat) => self.basic(Basic::Float64),
            Type::Basic(Basic::UntypedNil) => {
                self.error(start_pos(e), format!("use of untyped nil in {context}"));
                return 0;
            }
            _ => return op.ty,
        };
        if let Some(v) = &op.val {
            if !self.prog.types.representable(v, t) {
                self.error(
                    start_pos(e),
                    format!(
                        "cannot use {} as {} value in {} (overflows)",
                        self.describe(e, op),
                        self.tn(t),
                        context
                    ),
                );
                return 0;
            }
        }
        self.convert_untyped(e, op, t);
        t
    }

    /// Describes an operand the way types2 does in messages: `x (variable of type int)`.
    fn describe(&self, e: &Expr, op: &Operand) -> String {
        let s = expr_string(e);
        let tn = self.tn(op.ty);
        match op.mode {
            Mode::Const => {
                let v = op.val.as_ref().map(|v| v.to_string()).unwrap_or_default();
                let literal = matches!(
                    strip_parens(e).kind,
                    ExprKind::IntLit(_) | ExprKind::StrLit(_) | ExprKind::CharLit(_)
                ) || s == v;
                if self.prog.types.is_untyped(op.ty) {
                    if literal {
                        format!("{s} ({tn} constant)")
                    } else {
                        format!("{s} ({tn} constant {v})")
                    }
                } else if literal {
                    format!("{s} (constant of type {tn})")
                } else {
                    format!("{s} (constant {v} of type {tn})")
                }
            }
            Mode::Var => format!("{s} (variable of type {tn})"),
            Mode::Type => format!("{s} (type)"),
            Mode::NoValue => format!("{s} (no value)"),
            Mode::Builtin(_) => format!("{s} (built-in)"),
            Mode::Value if op.ty == self.basic(Basic::UntypedNil) => "nil".to_string(),
            Mode::Value if self.prog.types.is_untyped(op.ty) => format!("{s} ({tn} value)"),
            _ => format!("{s} (value of type {tn})"),
        }
    }

    // ---------------------------------------------------------------------------------------
    // Expressions

    /// An expression that must have exactly one value.
    fn expr(&mut self, e: &Expr) -> Operand {
        let op = self.expr_any(e);
        self.single_value(e, op)
    }

    fn single_value(&mut self, e: &Expr, op: Operand) -> Operand {
        match &op.mode {
            Mode::NoValue => {
                self.error(
                    start_pos(e),
                    format!("{} (no value) used as value", expr_string(e)),
                );
                Operand::invalid()
            }
            Mode::Type => {
                self.error(
                    start_pos(e),
                    format!("{} (type) is not an expression", expr_string(e)),
                );
                Operand::invalid()
            }
            Mode::Pkg(_) => {
                // Go: the package name alone is no use of the import.
                if let Some(&o) = self.prog.info.uses.get(&e.id) {
                    self.prog.objs[o as usize].used = false;
                }
                self.error(
                    start_pos(e),
                    format!("use of package {} not in selector", expr_string(e)),
                );
                Operand::invalid()
            }
            Mode::Builtin(_) => {
                self.error(
                    start_pos(e),
                    format!("{} (built-in) must be called", expr_string(e)),
                );
                Operand::invalid()
            }
            // A top-level function used as a value (Go spec, "Function types").
            Mode::Func(_) => self.value(op.ty),
            Mode::Method(..) | Mode::IfaceMethod(_) => {
                self.unsupported(start_pos(e), "method values");
                Operand::invalid()
            }
            _ => {
                if let Type::Tuple(ts) = self.prog.types.get(op.ty) {
                    if op.mode == Mode::Value && ts.len() != 1 {
                        let d = format!("{} (value of type {})", expr_string(e), self.tn(op.ty));
                        self.error(
                            start_pos(e),
                            format!("multiple-value {d} in single-value context"),
                        );
                        return Operand::invalid();
                    }
                }
                op
            }
        }
    }

    /// Any expression: types, packages, builtins and multi-value calls included.
    fn expr_any(&mut self, e: &Expr) -> Operand {
        let mut op = self.expr_inner(e);
        // A value of an invalid type was already reported where the type went wrong; types2
        // reports nothing more about it.
        if matches!(op.mode, Mode::Value | Mode::Var | Mode::Const) && op.ty == 0 {
            op = Operand::invalid();
        }
        if op.mode != Mode::Invalid {
            self.prog.info.types.insert(e.id, op.ty);
            if let (Mode::Const, Some(v)) = (&op.mode, &op.val) {
                self.prog.info.consts.insert(e.id, v.clone());
            }
        }
        op
    }

    fn value(&self, ty: TypeId) -> Operand {
        Operand {
            mode: Mode::Value,
            ty,
            val: None,
        }
    }

    fn constant(&self, ty: TypeId, v: Const) -> Operand {
        Operand {
            mode: Mode::Const,
            ty,
            val: Some(v),
        }
    }

    fn expr_inner(&mut self, e: &Expr) -> Operand {
        match &e.kind {
            ExprKind::IntLit(s) => match parse_int(s) {
                Some(v) => self.constant(self.basic(Basic::UntypedInt), Const::Int(v)),
                None => {
                    self.error(e.pos, format!("invalid or too large integer literal {s}"));
                    Operand::invalid()
                }
            },
            ExprKind::FloatLit(s) => match super::types::parse_float(s) {
                Some(r) => self.constant(self.basic(Basic::UntypedFloat), Const::Float(r)),
                None => {
                    self.error(e.pos, format!("invalid floating-point literal {s}"));
                    Operand::invalid()
                }
            },
            ExprKind::ImagLit(_) => {
                self.unsupported(e.pos, "complex numbers");
                Operand::invalid()
            }
            ExprKind::CharLit(c) => {
                self.constant(self.basic(Basic::UntypedRune), Const::Int(*c as i128))
            }
            ExprKind::StrLit(s) => {
                self.constant(self.basic(Basic::UntypedString), Const::Str(s.clone()))
            }
            ExprKind::Ident(n) => self.ident(e, n),
            ExprKind::Paren(x) => {
                let op = self.expr_any(x);
                if op.mode == Mode::Type {
                    return op;
                }
                op
            }
            ExprKind::Type(t) => {
                let ty = self.resolve_type(t);
                if ty == 0 {
                    return Operand::invalid();
                }
                Operand {
                    mode: Mode::Type,
                    ty,
                    val: None,
                }
            }
            ExprKind::FuncLit => {
                self.unsupported(e.pos, "function literals");
                Operand::invalid()
            }
            ExprKind::Slice { x, lo, hi, max } => {
                self.slice_expr(e, x, lo.as_deref(), hi.as_deref(), max.as_deref())
            }
            ExprKind::TypeAssert(x, Some(t)) => self.type_assert(e, x, t),
            ExprKind::TypeAssert(x, None) => {
                self.expr(x);
                self.error(
                    e.pos,
                    "invalid syntax tree: use of .(type) outside type switch",
                );
                Operand::invalid()
            }
            ExprKind::Selector(x, sel) => self.selector(e, x, sel),
            ExprKind::Index(x, i) => self.index(e, x, i),
            ExprKind::Unary(op, x) => self.unary(e, *op, x),
            ExprKind::Binary(op, x, y) => {
                let xo = self.expr(x);
                self.binary(e.pos, *op, x, y, xo)
            }
            ExprKind::Call { func, args, .. } => self.call(e, func, args),
            ExprKind::Composite { ty, elems } => self.composite(e, ty.as_deref(), elems),
        }
    }

    fn ident(&mut self, e: &Expr, n: &str) -> Operand {
        if n == "_" {
            self.error(e.pos, "cannot use _ as value or type");
            return Operand::invalid();
        }
        let Some(id) = self.lookup(n) else {
            self.error(e.pos, format!("undefined: {n}"));
            return Operand::invalid();
        };
        self.use_obj(e, id)
    }

    fn use_obj(&mut self, e: &Expr, id: ObjId) -> Operand {
        self.resolve(id);
        self.prog.info.uses.insert(e.id, id);
        self.prog.objs[id as usize].used = true;
        self.note_ref(id);
        let o = &self.prog.objs[id as usize];
        let ty = o.ty;
        match &o.kind {
            ObjKind::Var(_) => {
                if ty == 0 {
                    return Operand::invalid();
                }
                Operand {
                    mode: Mode::Var,
                    ty,
                    val: None,
                }
            }
            ObjKind::Const(v) => {
                if o.name == "iota" && o.pkg == usize::MAX {
                    return match self.iota {
                        Some(i) => self.constant(ty, Const::Int(i as i128)),
                        None => {
                            self.error(e.pos, "cannot use iota outside constant declaration");
                            Operand::invalid()
                        }
                    };
                }
                if ty == 0 {
                    return Operand::invalid();
                }
                let v = v.clone();
                self.constant(ty, v)
            }
            ObjKind::TypeName => {
                let name = o.name.clone();
                let t = self.type_of_obj(id, e.pos, &name);
                if t == 0 {
                    return Operand::invalid();
                }
                Operand {
                    mode: Mode::Type,
                    ty: t,
                    val: None,
                }
            }
            ObjKind::Func { .. } => Operand {
                mode: Mode::Func(id),
                ty,
                val: None,
            },
            ObjKind::Pkg(p) => Operand {
                mode: Mode::Pkg(*p),
                ty: 0,
                val: None,
            },
            ObjKind::Builtin(b) => Operand {
                mode: Mode::Builtin(*b),
                ty: 0,
                val: None,
            },
            ObjKind::Nil => self.value(ty),
        }
    }

    fn selector(&mut self, e: &Expr, x: &Expr, sel: &str) -> Operand {
        // Qualified identifier: pkg.Name.
        if let ExprKind::Ident(pname) = &x.kind {
            if let Some(pid) = self.lookup(pname) {
                if let ObjKind::Pkg(p) = self.prog.objs[pid as usize].kind {
                    self.prog.objs[pid as usize].used = true;
                    if p == UNSUPPORTED_PKG {
                        return Operand::invalid();
                    }
                    let found = if p == usize::MAX {
                        self.unsafe_scope.get(sel).copied()
                    } else {
                        self.prog.packages[p]
                            .scope
                            .get(sel)
                            .copied()
                            .filter(|_| is_exported(sel))
                    };
                    let Some(id) = found else {
                        // Valid Go that the bundled copy of the package lacks is
                        // unsupported, not undefined (go_api.rs lists Go's names).
                        if p != usize::MAX
                            && super::go_api::exports(&self.prog.packages[p].path, sel)
                        {
                            let name = self.prog.packages[p].name.clone();
                            self.unsupported(e.pos, &format!("{name}.{sel}"));
                            return Operand::invalid();
                        }
                        self.error(e.pos, format!("undefined: {pname}.{sel}"));
                        return Operand::invalid();
                    };
                    let op = self.use_obj(e, id);
                    self.prog
                        .info
                        .selections
                        .insert(e.id, Selection::Qualified(id));
                    return op;
                }
            }
        }
        let xo = self.expr_any(x);
        if xo.mode == Mode::Type {
            self.unsupported(e.pos, "method expressions");
            return Operand::invalid();
        }
        let xo = self.single_value(x, xo);
        if xo.mode == Mode::Invalid {
            return Operand::invalid();
        }
        if self.prog.types.is_interface(xo.ty) {
            let methods = self.prog.types.interface_methods(xo.ty);
            if let Some(i) = methods.iter().position(|m| m.name == sel) {
                let t = self.prog.types.add(Type::Func(methods[i].sig.clone()));
                return Operand {
                    mode: Mode::IfaceMethod(i),
                    ty: t,
                    val: None,
                };
            }
        }
        let (st, deref) = match self.prog.types.get(self.prog.types.under(xo.ty)).clone() {
            Type::Pointer(elem) => (elem, true),
            _ => (xo.ty, false),
        };
        if let Some(fields) = self.prog.types.fields(st) {
            if let Some(f) = fields.iter().find(|f| f.name == sel && sel != "_") {
                self.prog.info.selections.insert(
                    e.id,
                    Selection::Field {
                        offset: f.offset,
                        deref,
                    },
                );
                let mode = if deref || xo.mode == Mode::Var {
                    Mode::Var
                } else {
                    Mode::Value
                };
                return Operand {
                    mode,
                    ty: f.ty,
                    val: None,
                };
            }
        }
        if let Some(op) = self.method_selector(e, x, &xo, st, deref, sel) {
            return op;
        }
        self.error(
            e.pos,
            format!(
                "{}.{} undefined (type {} has no field or method {})",
                expr_string(x),
                sel,
                self.tn(xo.ty),
                sel
            ),
        );
        Operand::invalid()
    }

    /// `x.M` for a method M of x's type or of the type x points to (Go spec, "Selectors",
    /// "Calls": `x.M()` is `(&x).M()` for a pointer method on an addressable x).
    fn method_selector(
        &mut self,
        e: &Expr,
        x: &Expr,
        xo: &Operand,
        base: TypeId,
        x_is_ptr: bool,
        sel: &str,
    ) -> Option<Operand> {
        let (_, mid, ptr_recv) = self
            .prog
            .methods
            .get(&base)?
            .iter()
            .find(|(n, _, _)| n == sel)?
            .clone();
        self.resolve(mid);
        self.prog.objs[mid as usize].used = true;
        self.note_ref(mid);
        let addr = ptr_recv && !x_is_ptr;
        let deref = !ptr_recv && x_is_ptr;
        if addr {
            if xo.mode != Mode::Var {
                self.error(
                    e.pos,
                    format!("cannot call pointer method {} on {}", sel, self.tn(xo.ty)),
                );
                return Some(Operand::invalid());
            }
            if let Some(root) = self.addr_root(x) {
                self.prog.objs[root as usize].addr_taken = true;
            }
        }
        let ty = self.prog.objs[mid as usize].ty;
        Some(Operand {
            mode: Mode::Method(mid, addr, deref),
            ty,
            val: None,
        })
    }

    fn index(&mut self, e: &Expr, x: &Expr, i: &Expr) -> Operand {
        let xo = self.expr(x);
        let mut io = self.expr(i);
        if xo.mode == Mode::Invalid || io.mode == Mode::Invalid {
            return Operand::invalid();
        }
        let types = &self.prog.types;
        let (len, elem, mode) = match types.get(types.under(xo.ty)).clone() {
            Type::Basic(Basic::String | Basic::UntypedString) => {
                let len = match &xo.val {
                    Some(Const::Str(s)) => Some(s.len() as u64),
                    _ => None,
                };
                (len, self.basic(Basic::Byte), Mode::Value)
            }
            Type::Array(n, elem) => (
                Some(n),
                elem,
                if xo.mode == Mode::Var {
                    Mode::Var
                } else {
                    Mode::Value
                },
            ),
            Type::Slice(elem) => (None, elem, Mode::Var),
            Type::Pointer(p) => match types.get(types.under(p)).clone() {
                Type::Array(n, elem) => (Some(n), elem, Mode::Var),
                _ => {
                    self.error(
                        e.pos,
                        format!("invalid operation: cannot index {}", self.describe(x, &xo)),
                    );
                    return Operand::invalid();
                }
            },
            _ => {
                self.error(
                    e.pos,
                    format!("invalid operation: cannot index {}", self.describe(x, &xo)),
                );
                return Operand::invalid();
            }
        };
        if !self.index_operand(i, &mut io) {
            return Operand::invalid();
        }
        if let Some(Const::Int(v)) = &io.val {
            if let Some(n) = len {
                if *v >= n as i128 {
                    self.error(
                        start_pos(i),
                        format!(
                            "invalid argument: index {} out of bounds [0:{}]",
                            expr_string(i),
                            n
                        ),
                    );
                    return Operand::invalid();
                }
            }
            let int = self.basic(Basic::Int);
            if self.prog.types.is_untyped(io.ty) {
                if !self.prog.types.representable(&Const::Int(*v), int) {
                    self.error(
                        start_pos(i),
                        format!(
                            "cannot use {} as int value in index (overflows)",
                            expr_string(i)
                        ),
                    );
                    return Operand::invalid();
                }
                self.convert_untyped(i, &mut io, int);
            }
        }
        // A constant string indexed by a constant is still not a constant (Go spec).
        if self.prog.types.is_untyped(xo.ty) {
            let mut xo = xo;
            let s = self.basic(Basic::String);
            self.convert_untyped(x, &mut xo, s);
        }
        Operand {
            mode,
            ty: elem,
            val: None,
        }
    }

    /// `x.(T)` (Go spec, "Type assertions"): x must be an interface, and a concrete T must
    /// implement it.
    fn type_assert(&mut self, e: &Expr, x: &Expr, te: &TypeExpr) -> Operand {
        let xo = self.expr(x);
        let t = self.resolve_type(te);
        if xo.mode == Mode::Invalid || t == 0 {
            return Operand::invalid();
        }
        if !self.prog.types.is_interface(xo.ty) {
            self.error(
                start_pos(x),
                format!(
                    "invalid operation: {} is not an interface",
                    self.describe(x, &xo)
                ),
            );
            return Operand::invalid();
        }
        if !self.prog.types.is_interface(t) {
            if let Err(why) = self.implements(t, xo.ty) {
                self.error(
                    e.pos,
                    format!("impossible type assertion: {}\n\t{}", expr_string(e), why),
                );
                return Operand::invalid();
            }
        }
        self.value(t)
    }

    /// A type switch (Go spec, "Type switches"): each case lists types (or nil) the dynamic
    /// type is tested against; a bound variable has the case's type when it lists one type.
    fn type_switch(
        &mut self,
        init: &Option<Box<Stmt>>,
        bind: &Option<(String, Pos)>,
        x: &Expr,
        cases: &[CaseClause],
    ) {
        self.scopes.push(HashMap::new());
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
                        if valid && !self.prog.types.is_interface(op.ty) {
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
            self.scopes.push(HashMap::new());
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
                    self.scopes.last_mut().unwrap().insert(name.clone(), o);
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

    /// Checks an index operand as types2 does (isValidIndex): an untyped constant is
    /// converted to int first (so a string constant "cannot convert" and messages describe it
    /// as an int constant), then it must be an integer and, if constant, not negative.
    fn index_operand(&mut self, i: &Expr, io: &mut Operand) -> bool {
        let int = self.basic(Basic::Int);
        if self.prog.types.is_untyped(io.ty) {
            if let Some(v) = io.val.clone() {
                let numeric = matches!(v, Const::Int(_) | Const::Big(_) | Const::Float(_));
                if !numeric || !self.prog.types.representable(&v, int) {
                    let how = if numeric && v.is_integral() {
                        " (overflows)"
                    } else {
                        ""
                    };
                    let what = if numeric && v.is_integral() {
                        "cannot use"
                    } else {
                        "cannot convert"
                    };
                    if what == "cannot use" {
                        self.error(
                            start_pos(i),
                            format!(
                                "cannot use {} as int value in index{}",
                                self.describe(i, io),
                                how
                            ),
                        );
                    } else {
                        self.error(
                            start_pos(i),
                            format!("cannot convert {} to int", self.describe(i, io)),
                        );
                    }
                    return false;
                }
                self.convert_untyped(i, io, int);
            }
        }
        if !self.prog.types.is_integer(io.ty) {
            self.error(
                start_pos(i),
                format!(
                    "invalid argument: index {} must be integer",
                    self.describe(i, io)
                ),
            );
            return false;
        }
        if let Some(Const::Int(v)) = &io.val {
            if *v < 0 {
                self.error(
                    start_pos(i),
                    format!(
                        "invalid argument: index {} must not be negative",
                        self.describe(i, io)
                    ),
                );
                return false;
            }
        }
        true
    }

    /// `x[lo:hi:max]` (Go spec, "Slice expressions").
    fn slice_expr(
        &mut self,
        e: &Expr,
        x: &Expr,
        lo: Option<&Expr>,
        hi: Option<&Expr>,
        max: Option<&Expr>,
    ) -> Operand {
        let mut xo = self.expr(x);
        let idx: Vec<Option<(&Expr, Operand)>> = [lo, hi, max]
            .iter()
            .map(|i| i.map(|i| (i, self.expr(i))))
            .collect();
        if xo.mode == Mode::Invalid || idx.iter().flatten().any(|(_, o)| o.mode == Mode::Invalid) {
            return Operand::invalid();
        }
        let types = &self.prog.types;
        let (result, len) = match types.get(types.under(xo.ty)).clone() {
            Type::Basic(Basic::String | Basic::UntypedString) => {
                if max.is_some() {
                    self.error(
                        e.pos,
                        "invalid operation: 3-index slice of string".to_string(),
                    );
                    return Operand::invalid();
                }
                let len = match &xo.val {
                    Some(Const::Str(s)) => Some(s.len() as i128),
                    _ => None,
                };
                if self.prog.types.is_untyped(xo.ty) {
                    let st = self.basic(Basic::String);
                    self.convert_untyped(x, &mut xo, st);
                }
                (xo.ty, len)
            }
            Type::Slice(_) => (xo.ty, None),
            Type::Array(n, elem) => {
                if xo.mode != Mode::Var {
                    self.error(
                        e.pos,
                        format!(
                            "invalid operation: {} (slice of unaddressable value)",
                            expr_string(e)
                        ),
                    );
                    return Operand::invalid();
                }
                if let Some(root) = self.addr_root(x) {
                    self.prog.objs[root as usize].addr_taken = true;
                }
                (self.prog.types.slice(elem), Some(n as i128))
            }
            Type::Pointer(p) => match types.get(types.under(p)).clone() {
                Type::Array(n, elem) => (self.prog.types.slice(elem), Some(n as i128)),
                _ => {
                    self.error(e.pos, format!("cannot slice {}", self.describe(x, &xo)));
                    return Operand::invalid();
                }
            },
            _ => {
                self.error(e.pos, format!("cannot slice {}", self.describe(x, &xo)));
                return Operand::invalid();
            }
        };
        let mut consts = Vec::new();
        for (i, mut o) in idx.into_iter().flatten() {
            if !self.prog.types.is_integer(o.ty) {
                self.error(
                    start_pos(i),
                    format!(
                        "invalid argument: index {} must be integer",
                        self.describe(i, &o)
                    ),
                );
                return Operand::invalid();
            }
            if let Some(Const::Int(v)) = o.val {
                if v < 0 {
                    self.error(
                        start_pos(i),
                        format!(
                            "invalid argument: index {} must not be negative",
                            self.describe(i, &o)
                        ),
                    );
                    return Operand::invalid();
                }
                if let Some(n) = len {
                    if v > n {
                        self.error(
                            start_pos(i),
                            format!(
                                "invalid argument: index {} out of bounds [0:{}]",
                                expr_string(i),
                                n + 1
                            ),
                        );
                        return Operand::invalid();
                    }
                }
                consts.push((i, v));
            }
            if self.prog.types.is_untyped(o.ty) {
                let int = self.basic(Basic::Int);
                self.convert_untyped(i, &mut o, int);
            }
        }
        for w in consts.windows(2) {
            if w[0].1 > w[1].1 {
                self.error(
                    start_pos(w[1].0),
                    format!("invalid slice indices: {} < {}", w[1].1, w[0].1),
                );
                return Operand::invalid();
            }
        }
        self.value(result)
    }

    fn unary(&mut self, e: &Expr, op: UnOp, x: &Expr) -> Operand {
        match op {
            UnOp::Addr => {
                if let ExprKind::Composite { .. } = &strip_parens(x).kind {
                    let xo = self.expr(x);
                    if xo.mode == Mode::Invalid {
                        return Operand::invalid();
                    }
                    let t = self.prog.types.pointer(xo.ty);
                    return self.value(t);
                }
                let xo = self.expr(x);
                if xo.mode == Mode::Invalid {
                    return Operand::invalid();
                }
                if xo.mode != Mode::Var {
                    self.error(
                        start_pos(x),
                        format!(
                            "invalid operation: cannot take address of {}",
                            self.describe(x, &xo)
                        ),
                    );
                    return Operand::invalid();
                }
                if let Some(root) = self.addr_root(x) {
                    self.prog.objs[root as usize].addr_taken = true;
                }
                let t = self.prog.types.pointer(xo.ty);
                self.value(t)
            }
            UnOp::Deref => {
                let xo = self.expr_any(x);
                match xo.mode {
                    Mode::Invalid => return Operand::invalid(),
                    Mode::Type => {
                        let t = self.prog.types.pointer(xo.ty);
                        return Operand {
                            mode: Mode::Type,
                            ty: t,
                            val: None,
                        };
                    }
                    _ => {}
                }
                let xo = self.single_value(x, xo);
                if xo.mode == Mode::Invalid {
                    return xo;
                }
                match self.prog.types.get(self.prog.types.under(xo.ty)).clone() {
                    Type::Pointer(elem) => Operand {
                        mode: Mode::Var,
                        ty: elem,
                        val: None,
                    },
                    _ => {
                        if xo.ty == self.basic(Basic::UntypedNil) {
                            self.error(start_pos(x), "invalid operation: cannot indirect nil");
                        } else {
                            self.error(
                                start_pos(x),
                                format!(
                                    "invalid operation: cannot indirect {}",
                                    self.describe(x, &xo)
                                ),
                            );
                        }
                        Operand::invalid()
                    }
                }
            }
            UnOp::Recv => {
                self.unsupported(e.pos, "channels");
                Operand::invalid()
            }
            UnOp::Neg | UnOp::Plus | UnOp::Xor | UnOp::Not => {
                let xo = self.expr(x);
                if xo.mode == Mode::Invalid {
                    return xo;
                }
                let ok = match op {
                    UnOp::Not => self.prog.types.is_bool(xo.ty),
                    UnOp::Xor => self.prog.types.is_integer(xo.ty),
                    _ => self.prog.types.is_numeric(xo.ty),
                };
                if !ok {
                    self.error(
                        start_pos(x),
                        format!(
                            "invalid operation: operator {} not defined on {}",
                            op.as_str(),
                            self.describe(x, &xo)
                        ),
                    );
                    return Operand::invalid();
                }
                if let Some(v) = &xo.val {
                    let r = match (op, v) {
                        (UnOp::Not, Const::Bool(b)) => Const::Bool(!b),
                        (UnOp::Neg, Const::Int(i)) => {
                            Const::from_big(-num_bigint::BigInt::from(*i))
                        }
                        (UnOp::Neg, Const::Big(i)) => Const::from_big(-i.clone()),
                        (UnOp::Plus, Const::Big(i)) => Const::Big(i.clone()),
                        (UnOp::Xor, Const::Big(i)) => Const::from_big(!i.clone()),
                        (UnOp::Plus, Const::Int(i)) => Const::Int(*i),
                        (UnOp::Neg, Const::Float(r)) => Const::Float(-r.clone()),
                        (UnOp::Plus, Const::Float(r)) => Const::Float(r.clone()),
                        (UnOp::Xor, Const::Int(i)) => {
                            // ^x for unsigned typed constants flips only the type's bits.
                            match self.prog.types.basic_of(xo.ty).and_then(|b| b.int_info()) {
                                Some((size, false)) => Const::Int(i ^ ((1i128 << (size * 8)) - 1)),
                                _ => Const::Int(!i),
                            }
                        }
                        _ => return Operand::invalid(),
                    };
                    return self.const_result(e, xo.ty, r);
                }
                self.value(xo.ty)
            }
        }
    }

    /// The local or global variable whose storage `&x` points into.
    fn addr_root(&self, x: &Expr) -> Option<ObjId> {
        match &x.kind {
            ExprKind::Ident(_) => self.prog.info.uses.get(&x.id).copied(),
            ExprKind::Paren(y) => self.addr_root(y),
            ExprKind::Selector(y, _) => match self.prog.info.selections.get(&x.id) {
                Some(Selection::Field { deref: false, .. }) => self.addr_root(y),
                _ => None,
            },
            ExprKind::Index(y, _) => {
                let t = self.prog.info.types.get(&y.id).copied().unwrap_or(0);
                if matches!(
                    self.prog.types.get(self.prog.types.under(t)),
                    Type::Array(..)
                ) {
                    self.addr_root(y)
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    /// A constant result, checked against its type (typed constants must be representable).
    fn const_result(&mut self, e: &Expr, ty: TypeId, v: Const) -> Operand {
        if !self.prog.types.is_untyped(ty) && !self.prog.types.representable(&v, ty) {
            self.error(
                start_pos(e),
                format!(
                    "{} (constant {} of type {}) overflows {}",
                    expr_string(e),
                    v,
                    self.tn(ty),
                    self.tn(ty)
                ),
            );
            return Operand::invalid();
        }
        if let Const::Big(i) = &v {
            // go/constant keeps integers within 512 bits.
            if i.bits() > 512 {
                self.error(start_pos(e), "constant overflow");
                return Operand::invalid();
            }
        }
        self.constant(ty, v)
    }

    /// Binary operation; `xo` is the already-checked left operand.
    fn binary(&mut self, pos: Pos, op: BinOp, x: &Expr, y: &Expr, mut xo: Operand) -> Operand {
        let mut yo = self.expr(y);
        if xo.mode == Mode::Invalid || yo.mode == Mode::Invalid {
            return Operand::invalid();
        }
        // An op= statement prints as itself in messages (`x += "one"`).
        let op_text = if self.op_assign {
            format!("{}=", op.as_str())
        } else {
            op.as_str().to_string()
        };
        let e_str = format!("{} {} {}", expr_string(x), op_text, expr_string(y));
        if op.is_shift() {
            return self.shift(pos, op, x, y, xo, yo, &e_str);
        }
        // Bring both operands to a common type: an untyped side takes the other side's type.
        // An untyped constant compared with an interface takes its default type first.
        let nil = self.basic(Basic::UntypedNil);
        if self.prog.types.is_untyped(xo.ty) && xo.ty != nil && self.prog.types.is_interface(yo.ty)
        {
            self.default_type(x, &mut xo, "comparison");
        }
        if self.prog.types.is_untyped(yo.ty) && yo.ty != nil && self.prog.types.is_interface(xo.ty)
        {
            self.default_type(y, &mut yo, "comparison");
        }
        let (xu, yu) = (
            self.prog.types.is_untyped(xo.ty),
            self.prog.types.is_untyped(yo.ty),
        );
        let names = (self.tn(xo.ty), self.tn(yo.ty));
        // types2 reports a failed comparison at the operand it tried to convert, and a failed
        // arithmetic operation at the left operand.
        if xu && !yu {
            let at = start_pos(x);
            if !self.implicit_convert(x, &mut xo, yo.ty, &e_str, at, names) {
                return Operand::invalid();
            }
        } else if yu && !xu {
            let at = if op.is_comparison() {
                start_pos(y)
            } else {
                start_pos(x)
            };
            if !self.implicit_convert(y, &mut yo, xo.ty, &e_str, at, names) {
                return Operand::invalid();
            }
        } else if xu && yu {
            // Both untyped: nil only compares with nil; numeric kinds widen (int < rune < float).
            let (xk, yk) = (
                self.prog.types.basic_of(xo.ty).unwrap(),
                self.prog.types.basic_of(yo.ty).unwrap(),
            );
            let numeric = |b: Basic| {
                matches!(
                    b,
                    Basic::UntypedInt | Basic::UntypedRune | Basic::UntypedFloat
                )
            };
            if xk != yk {
                if numeric(xk) && numeric(yk) {
                    let rank = |b: Basic| match b {
                        Basic::UntypedInt => 0,
                        Basic::UntypedRune => 1,
                        _ => 2,
                    };
                    let t = if rank(xk) >= rank(yk) { xo.ty } else { yo.ty };
                    xo.ty = t;
                    yo.ty = t;
                } else {
                    self.error(
                        start_pos(x),
                        format!(
                            "invalid operation: {e_str} (mismatched types {} and {})",
                            self.tn(xo.ty),
                            self.tn(yo.ty)
                        ),
                    );
                    return Operand::invalid();
                }
            }
        }
        // Comparing an interface with a value of a type that implements it converts the value.
        if op.is_comparison() && !self.prog.types.identical(xo.ty, yo.ty) {
            if self.prog.types.is_interface(xo.ty) && self.assignable(yo.ty, xo.ty) {
                self.note_conversion(y, yo.ty, xo.ty);
                yo.ty = xo.ty;
            } else if self.prog.types.is_interface(yo.ty) && self.assignable(xo.ty, yo.ty) {
                self.note_conversion(x, xo.ty, yo.ty);
                xo.ty = yo.ty;
            }
        }
        if !self.prog.types.identical(xo.ty, yo.ty) {
            // types2 reports mismatched comparisons at the right operand.
            let at = if op.is_comparison() {
                start_pos(y)
            } else {
                start_pos(x)
            };
            self.error(
                at,
                format!(
                    "invalid operation: {e_str} (mismatched types {} and {})",
                    self.tn(xo.ty),
                    self.tn(yo.ty)
                ),
            );
            return Operand::invalid();
        }
        let t = xo.ty;
        if op.is_comparison() {
            return self.comparison(op, x, y, &xo, &yo, &e_str);
        }
        // Operator applicability (Go spec, "Arithmetic operators", "Logical operators").
        let types = &self.prog.types;
        let ok = match op {
            BinOp::LAnd | BinOp::LOr => types.is_bool(t),
            BinOp::Add => types.is_numeric(t) || types.is_string(t),
            BinOp::Sub | BinOp::Mul | BinOp::Div => types.is_numeric(t),
            _ => types.is_integer(t),
        };
        if !ok {
            let what = if matches!(op, BinOp::LAnd | BinOp::LOr) {
                "non-boolean"
            } else {
                ""
            };
            let _ = what;
            self.error(
                start_pos(x),
                format!(
                    "invalid operation: operator {} not defined on {}",
                    op.as_str(),
                    self.describe(x, &xo)
                ),
            );
            return Operand::invalid();
        }
        if matches!(op, BinOp::Div | BinOp::Rem) {
            // A constant zero divisor is an error for integers, or when both operands are
            // constant (Go spec, "Arithmetic operators"); x / 0.0 with float x is +-Inf.
            let int_or_const = self.prog.types.is_integer(t) || xo.val.is_some();
            if int_or_const
                && yo
                    .val
                    .as_ref()
                    .and_then(|v| v.to_rational())
                    .is_some_and(|r| num_traits::Zero::is_zero(&r))
            {
                self.error(start_pos(y), "invalid operation: division by zero");
                return Operand::invalid();
            }
        }
        if let (Some(a), Some(b)) = (&xo.val, &yo.val) {
            let float = self.prog.types.is_float(t)
                || matches!(a, Const::Float(_))
                || matches!(b, Const::Float(_));
            let r = match (a, b) {
                (
                    Const::Int(_) | Const::Big(_) | Const::Float(_),
                    Const::Int(_) | Const::Big(_) | Const::Float(_),
                ) if float => {
                    // Exact rational arithmetic, rounded to the type afterwards.
                    let (a, b) = (a.to_rational().unwrap(), b.to_rational().unwrap());
                    let r = match op {
                        BinOp::Add => a + b,
                        BinOp::Sub => a - b,
                        BinOp::Mul => a * b,
                        BinOp::Div => a / b,
                        _ => return Operand::invalid(),
                    };
                    if r.numer().bits() > 20000 || r.denom().bits() > 20000 {
                        self.error(pos, "constant overflow");
                        return Operand::invalid();
                    }
                    self.round_const(&Const::Float(r), t)
                }
                (Const::Int(_) | Const::Big(_), Const::Int(_) | Const::Big(_)) => {
                    // Exact integer arithmetic (Go's untyped constants are arbitrary
                    // precision); / truncates and % follows the dividend, as in Go.
                    let (a, b) = (a.to_bigint().unwrap(), b.to_bigint().unwrap());
                    let r = match op {
                        BinOp::Add => a + b,
                        BinOp::Sub => a - b,
                        BinOp::Mul => a * b,
                        BinOp::Div => a / b,
                        BinOp::Rem => a % b,
                        BinOp::And => a & b,
                        BinOp::Or => a | b,
                        BinOp::Xor => a ^ b,
                        BinOp::AndNot => a & !b,
                        _ => return Operand::invalid(),
                    };
                    Const::from_big(r)
                }
                (Const::Bool(a), Const::Bool(b)) => Const::Bool(if op == BinOp::LAnd {
                    *a && *b
                } else {
                    *a || *b
                }),
                (Const::Str(a), Const::Str(b)) => {
                    let mut s = a.clone();
                    s.extend_from_slice(b);
                    Const::Str(s)
                }
                _ => return Operand::invalid(),
            };
            let e = Expr {
                id: u32::MAX,
                pos,
                kind: ExprKind::Binary(op, Box::new(x.clone()), Box::new(y.clone())),
            };
            return self.const_result(&e, t, r);
        }

        // Record the operands' final types (an untyped constant side took the other's type).
        self.prog.info.types.insert(x.id, xo.ty);
        self.prog.info.types.insert(y.id, yo.ty);
        self.value(t)
    }

    /// Converts an untyped operand for a binary operation with a typed one. `at` and
    /// `names` (the operand types in source order) shape the message as types2 words it.
    fn implicit_convert(
        &mut self,
        e: &Expr,
        op: &mut Operand,
        target: TypeId,
        e_str: &str,
        at: Pos,
        names: (String, String),
    ) -> bool {
        let types = &self.prog.types;
        let ok = match (types.get(op.ty), types.basic_of(target)) {
            (Type::Basic(Basic::UntypedNil), _) => types.is_nillable(target),
            (Type::Basic(Basic::UntypedBool), Some(b)) => b == Basic::Bool,
            (Type::Basic(Basic::UntypedString), Some(b)) => b == Basic::String,
            (
                Type::Basic(Basic::UntypedInt | Basic::UntypedRune | Basic::UntypedFloat),
                Some(b),
            ) => b.int_info().is_some() || matches!(b, Basic::Float32 | Basic::Float64),
            _ => false,
        };
        if !ok {
            // types2 (implicitTypeAndValue): a constant meeting a non-basic type cannot be
            // converted; with a basic type the operand types are mismatched.
            if op.val.is_some()
                && !matches!(
                    self.prog.types.get(self.prog.types.under(target)),
                    Type::Basic(_) | Type::Interface(_)
                )
            {
                self.error(
                    start_pos(e),
                    format!(
                        "cannot convert {} to {}",
                        self.describe(e, op),
                        self.tn(target)
                    ),
                );
                return false;
            }
            self.error(
                at,
                format!(
                    "invalid operation: {e_str} (mismatched types {} and {})",
                    names.0, names.1
                ),
            );
            return false;
        }
        if let Some(v) = &op.val {
            if !self.prog.types.representable(v, target) {
                // types2 representation: an untyped float constant meeting an integer type
                // is "truncated" (whatever its value), anything else out of range overflows;
                // the type is named by its underlying type (invalidConversion).
                let float = matches!(self.prog.types.basic_of(op.ty), Some(Basic::UntypedFloat));
                let how = if self.prog.types.is_integer(target) && float {
                    "truncated to"
                } else {
                    "overflows"
                };
                self.error(
                    start_pos(e),
                    format!(
                        "{} {how} {}",
                        self.describe(e, op),
                        self.tn(self.prog.types.under(target))
                    ),
                );
                return false;
            }
        }
        self.convert_untyped(e, op, target);
        true
    }

    /// How types2 names a type in "operator not defined on X": the basic type's name, or the
    /// kind of a composite type (struct, pointer, ...).
    fn type_kind_word(&self, t: TypeId) -> String {
        match self.prog.types.get(self.prog.types.under(t)) {
            Type::Basic(_) => self.tn(self.prog.types.under(t)),
            Type::Struct(_) => "struct".into(),
            Type::Pointer(_) => "pointer".into(),
            Type::Array(..) => "array".into(),
            Type::Slice(_) => "slice".into(),
            Type::Func(_) => "func".into(),
            Type::Interface(_) => "interface".into(),
            _ => self.tn(t),
        }
    }

    fn universe_type(&self, name: &str) -> TypeId {
        self.universe
            .get(name)
            .map(|&o| self.prog.objs[o as usize].ty)
            .unwrap_or(0)
    }

    /// `file:line:col` of a position, for messages that point at a second place.
    fn pos_string(&self, p: Pos) -> String {
        format!("{}:{}:{}", self.file_name(p), p.line, p.col)
    }

    /// The name of the file a position is in, as messages give it.
    fn file_name(&self, p: Pos) -> String {
        self.prog
            .file_names
            .get(p.file as usize)
            .cloned()
            .unwrap_or_default()
    }

    /// Records a switch's default clause; a second one is an error naming the first.
    fn note_default(&mut self, default_at: &mut Option<Pos>, at: Pos) {
        if let Some(p) = *default_at {
            let first = self.pos_string(p);
            self.error(
                at,
                format!("multiple defaults in switch (first at {first})"),
            );
        }
        *default_at = Some(at);
    }

    fn is_nil(&self, e: &Expr) -> bool {
        let e = strip_parens(e);
        matches!(
            self.prog
                .info
                .uses
                .get(&e.id)
                .map(|o| &self.prog.objs[*o as usize].kind),
            Some(ObjKind::Nil)
        )
    }

    /// Go spec, "Comparison operators": which types support == (slices and funcs only
    /// against nil, handled by the caller).
    fn comparable(&self, t: TypeId) -> bool {
        let types = &self.prog.types;
        match types.get(types.under(t)) {
            Type::Basic(_) | Type::Pointer(_) | Type::Interface(_) => true,
            Type::Array(_, e) => self.comparable(*e),
            Type::Struct(fields) => fields.iter().all(|f| self.comparable(f.ty)),
            _ => false,
        }
    }

    fn comparison(
        &mut self,
        op: BinOp,
        x: &Expr,
        y: &Expr,
        xo: &Operand,
        yo: &Operand,
        e_str: &str,
    ) -> Operand {
        let t = xo.ty;
        if matches!(op, BinOp::Eq | BinOp::Ne)
            && (self.prog.types.is_slice(t) || self.prog.types.is_func(t))
        {
            if self.is_nil(x) || self.is_nil(y) {
                let ub = self.basic(Basic::UntypedBool);
                self.prog.info.types.insert(x.id, t);
                self.prog.info.types.insert(y.id, t);
                return self.value(ub);
            }
            let what = if self.prog.types.is_slice(t) {
                "slice"
            } else {
                "func"
            };
            self.error(
                start_pos(x),
                format!("invalid operation: {e_str} ({what} can only be compared to nil)"),
            );
            return Operand::invalid();
        }
        let types = &self.prog.types;
        let ordered = types.is_numeric(t) || types.is_string(t);
        let comparable = ordered
            || types.is_bool(t)
            || types.is_pointer(t)
            || types.is_unsafe_pointer(t)
            || types.is_interface(t)
            || (types.is_aggregate(t) && self.comparable(t));
        let ok = if matches!(op, BinOp::Eq | BinOp::Ne) {
            comparable
        } else {
            ordered
        };
        if !ok {
            if types.is_aggregate(t) && matches!(op, BinOp::Eq | BinOp::Ne) {
                self.error(
                    start_pos(x),
                    format!(
                        "invalid operation: {e_str} ({} cannot be compared)",
                        self.tn(t)
                    ),
                );
                return Operand::invalid();
            }
            if t == types.basic(Basic::UntypedNil) {
                // nil == nil compares two untyped nils, which have no ==; types2 reports
                // it at the second operand (expr.go comparison).
                let (what, at) = if matches!(op, BinOp::Eq | BinOp::Ne) {
                    ("untyped nil", start_pos(y))
                } else {
                    ("nil", start_pos(x))
                };
                self.error(
                    at,
                    format!(
                        "invalid operation: {e_str} (operator {} not defined on {what})",
                        op.as_str()
                    ),
                );
                return Operand::invalid();
            }
            self.error(
                start_pos(x),
                format!(
                    "invalid operation: {e_str} (operator {} not defined on {})",
                    op.as_str(),
                    self.type_kind_word(t)
                ),
            );
            return Operand::invalid();
        }
        let ub = self.basic(Basic::UntypedBool);
        if let (Some(a), Some(b)) = (&xo.val, &yo.val) {
            let r = match (a, b) {
                (Const::Int(a), Const::Int(b)) => cmp_result(op, a.cmp(b)),
                (
                    Const::Int(_) | Const::Big(_) | Const::Float(_),
                    Const::Int(_) | Const::Big(_) | Const::Float(_),
                ) => cmp_result(op, a.to_rational().unwrap().cmp(&b.to_rational().unwrap())),
                (Const::Str(a), Const::Str(b)) => cmp_result(op, a.cmp(b)),
                (Const::Bool(a), Const::Bool(b)) => cmp_result(op, a.cmp(b)),
                _ => false,
            };
            return self.constant(ub, Const::Bool(r));
        }
        // Untyped operands on both sides of a non-constant comparison get their default types.
        if self.prog.types.is_untyped(xo.ty) && xo.ty != self.basic(Basic::UntypedNil) {
            let (mut a, mut b) = (xo.clone(), yo.clone());
            self.default_type(x, &mut a, "comparison");
            self.default_type(y, &mut b, "comparison");
        } else {
            // An operand converted to the other's interface type keeps its own type here;
            // the conversion is applied where it is used.
            for (e, t) in [(x, xo.ty), (y, yo.ty)] {
                if !self.prog.info.converts.contains_key(&e.id) {
                    self.prog.info.types.insert(e.id, t);
                }
            }
        }
        self.value(ub)
    }

    #[allow(clippy::too_many_arguments)] // one operand pair and its spellings for messages
    fn shift(
        &mut self,
        pos: Pos,
        op: BinOp,
        x: &Expr,
        y: &Expr,
        mut xo: Operand,
        mut yo: Operand,
        e_str: &str,
    ) -> Operand {
        // An untyped float count must be a whole number, and is one from here on
        // (types2 shift: representable as uint).
        if let (true, Some(v @ Const::Float(_))) = (self.prog.types.is_untyped(yo.ty), &yo.val) {
            let Some(i) = v.to_bigint() else {
                self.error(
                    start_pos(y),
                    format!("{} truncated to uint", self.describe(y, &yo)),
                );
                return Operand::invalid();
            };
            let c = Const::from_big(i);
            yo.ty = self.basic(Basic::UntypedInt);
            yo.val = Some(c.clone());
            self.prog.info.consts.insert(y.id, c);
            self.prog.info.types.insert(y.id, yo.ty);
        }
        // The count: any integer type, or an untyped constant representable as uint.
        if self.prog.types.is_untyped(yo.ty)
            && !matches!(yo.val, Some(Const::Int(_)) | Some(Const::Float(_)) | None)
        {
            self.error(
                start_pos(y),
                format!("cannot convert {} to uint", self.describe(y, &yo)),
            );
            return Operand::invalid();
        }
        if let Some(Const::Int(c)) = &yo.val {
            // types2: counts beyond what any constant could need are rejected outright.
            if *c > 1074 + 1023 {
                self.error(
                    start_pos(y),
                    format!(
                        "invalid operation: invalid shift count {}",
                        self.describe(y, &yo)
                    ),
                );
                return Operand::invalid();
            }
        }
        if !self.prog.types.is_integer(yo.ty) {
            self.error(
                start_pos(y),
                format!(
                    "invalid operation: shift count {} must be integer",
                    self.describe(y, &yo)
                ),
            );
            return Operand::invalid();
        }
        if let Some(Const::Int(c)) = &yo.val {
            if *c < 0 {
                self.error(
                    start_pos(y),
                    format!(
                        "invalid operation: negative shift count {}",
                        self.describe(y, &yo)
                    ),
                );
                return Operand::invalid();
            }
            if self.prog.types.is_untyped(yo.ty) {
                let u = self.basic(Basic::Uint);
                self.convert_untyped(y, &mut yo, u);
            }
        } else if self.prog.types.is_untyped(yo.ty) {
            let u = self.basic(Basic::Uint);
            self.convert_untyped(y, &mut yo, u);
        }
        // An untyped constant shifted operand that is a whole number (1.0) may be shifted
        // (Go spec, "Operators"): by a constant count the result is an integer constant;
        // otherwise the operand keeps its kind and takes the type the context gives the
        // shift, which must be an integer type (set_type).
        let whole_float = matches!(
            (self.prog.types.is_untyped(xo.ty), &xo.val),
            (true, Some(v @ Const::Float(_))) if v.is_integral()
        );
        if whole_float && yo.val.is_some() {
            let c = Const::from_big(
                xo.val
                    .as_ref()
                    .and_then(Const::to_bigint)
                    .unwrap_or_default(),
            );
            xo.ty = self.basic(Basic::UntypedInt);
            xo.val = Some(c.clone());
            self.prog.info.consts.insert(x.id, c);
            self.prog.info.types.insert(x.id, xo.ty);
        }
        if !self.prog.types.is_integer(xo.ty) && !whole_float {
            self.error(
                start_pos(x),
                format!(
                    "invalid operation: shifted operand {} must be integer",
                    self.describe(x, &xo)
                ),
            );
            return Operand::invalid();
        }
        if let (Some(a), Some(Const::Int(c))) = (&xo.val, &yo.val) {
            let c = *c;
            let Some(a) = a.to_bigint() else {
                self.error(
                    start_pos(x),
                    format!(
                        "invalid operation: shifted operand {} must be integer",
                        self.describe(x, &xo)
                    ),
                );
                return Operand::invalid();
            };
            let r = if op == BinOp::Shl {
                if c > 4096 {
                    self.error(pos, format!("constant shift overflow: {e_str}"));
                    return Operand::invalid();
                }
                Const::from_big(a << (c as usize))
            } else {
                Const::from_big(a >> (c.min(4096) as usize))
            };
            let e = Expr {
                id: u32::MAX,
                pos,
                kind: ExprKind::Binary(op, Box::new(x.clone()), Box::new(y.clone())),
            };
            return self.const_result(&e, xo.ty, r);
        }
        if self.prog.types.is_untyped(xo.ty) {
            // A non-constant shift of an untyped constant: the constant takes the type the
            // context gives the whole expression (Go spec, "Operators"); until then it is an
            // untyped value of the operand's kind that set_type will settle.
            self.prog.info.types.insert(y.id, yo.ty);
            return self.value(xo.ty);
        }
        self.prog.info.types.insert(y.id, yo.ty);
        self.value(xo.ty)
    }

    fn call(&mut self, e: &Expr, func: &Expr, args: &[Expr]) -> Operand {
        let fo = self.expr_any(func);
        match fo.mode.clone() {
            Mode::Invalid => {
                for a in args {
                    self.expr_any(a);
                }
                Operand::invalid()
            }
            Mode::Type => self.conversion(e, fo.ty, args),
            Mode::Builtin(b) => self.builtin(e, b, args),
            Mode::Func(id) => {
                let Type::Func(sig) = self.prog.types.get(fo.ty).clone() else {
                    return Operand::invalid();
                };
                self.prog.info.calls.insert(e.id, CallKind::Func(id));
                self.call_args_v(e, func, args, &sig.params, sig.variadic);
                match sig.results.len() {
                    0 => Operand {
                        mode: Mode::NoValue,
                        ty: 0,
                        val: None,
                    },
                    1 => self.value(sig.results[0]),
                    _ => {
                        let t = self.prog.types.tuple(sig.results.clone());
                        self.value(t)
                    }
                }
            }
            Mode::Method(mid, addr, deref) => {
                let Type::Func(sig) = self.prog.types.get(fo.ty).clone() else {
                    return Operand::invalid();
                };
                self.prog.info.calls.insert(
                    e.id,
                    CallKind::Method {
                        func: mid,
                        addr,
                        deref,
                    },
                );
                self.call_args_v(e, func, args, &sig.params[1..], sig.variadic);
                self.results_operand(&sig.results)
            }
            Mode::IfaceMethod(index) => {
                let Type::Func(sig) = self.prog.types.get(fo.ty).clone() else {
                    return Operand::invalid();
                };
                self.prog
                    .info
                    .calls
                    .insert(e.id, CallKind::IfaceMethod { index });
                self.call_args_v(e, func, args, &sig.params, sig.variadic);
                self.results_operand(&sig.results)
            }
            _ => {
                let fo = self.single_value(func, fo);
                if fo.mode != Mode::Invalid && self.prog.types.is_func(fo.ty) {
                    let Type::Func(sig) = self.prog.types.get(self.prog.types.under(fo.ty)).clone()
                    else {
                        return Operand::invalid();
                    };
                    self.prog.info.calls.insert(e.id, CallKind::Indirect);
                    self.call_args_v(e, func, args, &sig.params, sig.variadic);
                    return self.results_operand(&sig.results);
                }
                if fo.mode != Mode::Invalid {
                    self.error(
                        start_pos(e),
                        format!(
                            "invalid operation: cannot call non-function {}",
                            self.describe(func, &fo)
                        ),
                    );
                }
                Operand::invalid()
            }
        }
    }

    fn results_operand(&mut self, results: &[TypeId]) -> Operand {
        match results.len() {
            0 => Operand {
                mode: Mode::NoValue,
                ty: 0,
                val: None,
            },
            1 => self.value(results[0]),
            _ => {
                let t = self.prog.types.tuple(results.to_vec());
                self.value(t)
            }
        }
    }

    /// Argument checking; for a variadic function (the last parameter is ...T, of type []T)
    /// extra arguments are each assigned to T, unless the call spreads a slice with `s...`.
    fn call_args_v(
        &mut self,
        call: &Expr,
        func: &Expr,
        args: &[Expr],
        params: &[TypeId],
        variadic: bool,
    ) {
        let ellipsis = matches!(&call.kind, ExprKind::Call { ellipsis: true, .. });
        let ops = if args.is_empty() {
            Vec::new()
        } else {
            self.expr_list_values(args)
        };
        if ops.iter().any(|(_, o)| o.mode == Mode::Invalid) {
            return;
        }
        // f(g()) with several results: the conversions are per result, not per expression.
        let spread = args.len() == 1 && ops.len() > 1;
        let targets: Vec<TypeId> = if variadic && !ellipsis && ops.len() + 1 >= params.len() {
            // The arguments past the fixed parameters are each assigned to T.
            let n = params.len() - 1;
            let elem = self.prog.types.elem(params[n]).unwrap_or(0);
            (0..ops.len())
                .map(|i| if i < n { params[i] } else { elem })
                .collect()
        } else {
            if ellipsis && !variadic {
                self.error(
                    call.pos,
                    format!(
                        "cannot use ... in call to non-variadic function {}",
                        expr_string(func)
                    ),
                );
                return;
            }
            if ops.len() != params.len() {
                self.argument_count_error(call, func, args, &ops, params);
                return;
            }
            params.to_vec()
        };
        let froms: Vec<TypeId> = ops.iter().map(|(_, o)| o.ty).collect();
        let context = format!("argument to {}", expr_string(func));
        for ((a, mut op), &t) in ops.into_iter().zip(&targets) {
            self.assign(a, &mut op, t, &context);
        }
        if spread {
            self.note_tuple_conversions(&args[0], &froms, &targets);
        }
    }

    /// "not enough arguments" or "too many arguments in call to f", with Go's have/want
    /// lists, at the position types2 reports it.
    fn argument_count_error(
        &mut self,
        call: &Expr,
        func: &Expr,
        args: &[Expr],
        ops: &[(&Expr, Operand)],
        params: &[TypeId],
    ) {
        let have = self.have_list(ops);
        let (msg, at) = if ops.len() < params.len() {
            let at = match args.last() {
                Some(a) => start_pos(a),
                None => start_pos(call),
            };
            ("not enough arguments", at)
        } else {
            let at = if args.len() == 1 {
                start_pos(&args[0])
            } else {
                start_pos(&args[params.len()])
            };
            ("too many arguments", at)
        };
        self.error(
            at,
            format!(
                "{msg} in call to {}\n\thave {have}\n\twant {}",
                expr_string(func),
                self.type_list(params)
            ),
        );
    }

    /// Records the interface conversions of each result of a multi-value call used as the
    /// argument list of another call (`f(g())`), replacing the per-expression one.
    fn note_tuple_conversions(&mut self, e: &Expr, froms: &[TypeId], targets: &[TypeId]) {
        self.prog.info.converts.remove(&e.id);
        let convs: Vec<Option<TypeId>> = froms
            .iter()
            .zip(targets)
            .map(|(f, t)| {
                (self.prog.types.is_interface(*t) && !self.prog.types.identical(*f, *t))
                    .then_some(*t)
            })
            .collect();
        if convs.iter().any(|c| c.is_some()) {
            self.prog.info.tuple_converts.insert(e.id, convs);
        }
    }

    fn conversion(&mut self, e: &Expr, t: TypeId, args: &[Expr]) -> Operand {
        if args.len() != 1 {
            let msg = if args.is_empty() {
                "missing argument in conversion to"
            } else {
                "too many arguments in conversion to"
            };
            self.error(e.pos, format!("{msg} {}", self.tn(t)));
            return Operand::invalid();
        }
        let a = &args[0];
        let mut xo = self.expr(a);
        if xo.mode == Mode::Invalid {
            return Operand::invalid();
        }
        self.prog.info.calls.insert(e.id, CallKind::Conversion(t));
        let types = &self.prog.types;
        let (from, to) = (xo.ty, t);
        // Constant conversions stay constant (Go spec, "Conversions").
        if let Some(v) = xo.val.clone() {
            if let (Const::Int(r), true) = (&v, types.is_string(to) && types.is_integer(from)) {
                // string(rune) of a constant is a constant: its UTF-8 encoding, or U+FFFD for
                // an invalid code point (Go spec, "Conversions to and from a string type").
                let ch = u32::try_from(*r)
                    .ok()
                    .and_then(char::from_u32)
                    .unwrap_or('\u{FFFD}');
                if types.is_untyped(from) {
                    let rt = self.basic(Basic::Rune);
                    self.convert_untyped(a, &mut xo, rt);
                }
                return self.constant(to, Const::Str(ch.to_string().into_bytes()));
            }
            if types.basic_of(to).is_some() && !types.is_unsafe_pointer(to) {
                if !types.representable(&v, to) {
                    let numeric = matches!(v, Const::Int(_) | Const::Big(_) | Const::Float(_));
                    let ok_kind = (numeric && types.is_numeric(to))
                        || (matches!(v, Const::Str(_)) && types.is_string(to))
                        || (matches!(v, Const::Bool(_)) && types.is_bool(to));
                    if ok_kind {
                        self.error(
                            start_pos(a),
                            format!(
                                "cannot convert {} to type {}",
                                self.describe(a, &xo),
                                self.tn(to)
                            ),
                        );
                        // Go 1.19 words typed-constant overflow in conversions the same way.
                    } else {
                        self.error(
                            start_pos(a),
                            format!(
                                "cannot convert {} to type {}",
                                self.describe(a, &xo),
                                self.tn(to)
                            ),
                        );
                    }
                    return Operand::invalid();
                }
                let converted = self.round_const(&v, to);
                if self.prog.types.is_untyped(from) {
                    self.convert_untyped(a, &mut xo, to);
                }
                return self.constant(to, converted);
            }
        }
        if self.prog.types.is_untyped(from) {
            if from == self.basic(Basic::UntypedNil) {
                if self.prog.types.is_nillable(to) {
                    self.convert_untyped(a, &mut xo, to);
                    return self.value(to);
                }
                self.error(
                    start_pos(a),
                    format!("cannot convert nil to type {}", self.tn(to)),
                );
                return Operand::invalid();
            }
            let d = self.default_type(a, &mut xo, "conversion");
            if d == 0 {
                return Operand::invalid();
            }
        }
        let from = xo.ty;
        let assignable = self.assignable(from, to);
        if assignable {
            self.note_conversion(a, from, to);
        }
        let types = &self.prog.types;
        let ok = assignable
            || types.identical(types.under(from), types.under(to))
            || (types.is_numeric(from) && types.is_numeric(to))
            || (types.is_unsafe_pointer(to)
                && (types.is_pointer(from) || types.basic_of(from) == Some(Basic::Uintptr)))
            || (types.is_unsafe_pointer(from)
                && (types.is_pointer(to) || types.basic_of(to) == Some(Basic::Uintptr)))
            || self.pointer_bases_identical(from, to)
            || (types.is_integer(from) && types.is_string(to))
            || (types.is_string(from) && self.is_byte_slice(to))
            || (self.is_byte_slice(from) && types.is_string(to))
            || (self.is_rune_slice(to) && self.prog.types.is_string(from))
            || (self.is_rune_slice(from) && self.prog.types.is_string(to));
        if !ok {
            self.error(
                start_pos(a),
                format!(
                    "cannot convert {} to type {}",
                    self.describe(a, &xo),
                    self.tn(to)
                ),
            );
            return Operand::invalid();
        }
        self.value(to)
    }

    fn is_rune_slice(&self, t: TypeId) -> bool {
        let types = &self.prog.types;
        matches!(types.get(types.under(t)), Type::Slice(e) if matches!(types.basic_of(*e), Some(Basic::Int32 | Basic::Rune)))
    }

    fn is_byte_slice(&self, t: TypeId) -> bool {
        let types = &self.prog.types;
        matches!(types.get(types.under(t)), Type::Slice(e) if matches!(types.basic_of(*e), Some(Basic::Uint8 | Basic::Byte)))
    }

    fn pointer_bases_identical(&self, a: TypeId, b: TypeId) -> bool {
        let types = &self.prog.types;
        match (types.get(a), types.get(b)) {
            (Type::Pointer(x), Type::Pointer(y)) => {
                types.identical(types.under(*x), types.under(*y))
            }
            _ => false,
        }
    }

    fn builtin(&mut self, e: &Expr, b: Builtin, args: &[Expr]) -> Operand {
        let name = match &e.kind {
            ExprKind::Call { func, .. } => expr_string(func),
            _ => String::new(),
        };
        self.prog.info.calls.insert(e.id, CallKind::Builtin(b));
        let uintptr = self.basic(Basic::Uintptr);
        let want = |n: usize, c: &mut Checker| -> bool {
            if args.len() == n {
                return true;
            }
            let msg = if args.len() < n {
                "not enough"
            } else {
                "too many"
            };
            c.error(
                start_pos(e),
                format!(
                    "invalid operation: {msg} arguments for {}(…) (expected {n}, found {})",
                    name,
                    args.len()
                )
                .replace(
                    "(…)",
                    &format!(
                        "({})",
                        args.iter().map(expr_string).collect::<Vec<_>>().join(", ")
                    ),
                ),
            );
            false
        };
        let ellipsis = matches!(&e.kind, ExprKind::Call { ellipsis: true, .. });
        if ellipsis && b != Builtin::Append {
            self.error(
                e.pos,
                format!("invalid operation: invalid use of ... with built-in {name}"),
            );
            return Operand::invalid();
        }
        match b {
            Builtin::Cap => {
                if !want(1, self) {
                    return Operand::invalid();
                }
                let op = self.expr(&args[0]);
                if op.mode == Mode::Invalid {
                    return op;
                }
                let int = self.basic(Basic::Int);
                let types = &self.prog.types;
                match types.get(types.under(op.ty)).clone() {
                    Type::Slice(_) => self.value(int),
                    Type::Array(n, _) => self.constant(int, Const::Int(n as i128)),
                    Type::Pointer(p) if matches!(types.get(types.under(p)), Type::Array(..)) => {
                        let n = match types.get(types.under(p)) {
                            Type::Array(n, _) => *n,
                            _ => 0,
                        };
                        self.constant(int, Const::Int(n as i128))
                    }
                    _ => {
                        self.error(
                            start_pos(&args[0]),
                            format!("invalid argument: {} for cap", self.describe(&args[0], &op)),
                        );
                        Operand::invalid()
                    }
                }
            }
            Builtin::Append => {
                if args.is_empty() {
                    self.error(
                        e.pos,
                        "not enough arguments for append() (expected 1, found 0)",
                    );
                    return Operand::invalid();
                }
                let so = self.expr(&args[0]);
                if so.mode == Mode::Invalid {
                    for a in &args[1..] {
                        self.expr(a);
                    }
                    return so;
                }
                if so.ty == self.basic(Basic::UntypedNil) {
                    self.error(
                        start_pos(&args[0]),
                        "first argument to append must be a slice; have untyped nil",
                    );
                    return Operand::invalid();
                }
                let Type::Slice(elem) = self.prog.types.get(self.prog.types.under(so.ty)).clone()
                else {
                    self.error(
                        start_pos(&args[0]),
                        format!(
                            "first argument to append must be a slice; have {}",
                            self.describe(&args[0], &so)
                        ),
                    );
                    return Operand::invalid();
                };
                if ellipsis {
                    if args.len() != 2 {
                        self.error(e.pos, "can only use ... with final argument in list");
                        return Operand::invalid();
                    }
                    let mut to = self.expr(&args[1]);
                    if to.mode == Mode::Invalid {
                        return to;
                    }
                    let bytes = matches!(
                        self.prog.types.basic_of(elem),
                        Some(Basic::Uint8 | Basic::Byte)
                    );
                    if bytes && self.prog.types.is_string(to.ty) {
                        let st = self.basic(Basic::String);
                        self.convert_untyped(&args[1], &mut to, st);
                    } else {
                        self.assign(&args[1], &mut to, so.ty, "append");
                    }
                } else {
                    for a in &args[1..] {
                        let mut op = self.expr(a);
                        if op.mode != Mode::Invalid {
                            self.assign(a, &mut op, elem, "argument to append");
                        }
                    }
                }
                self.value(so.ty)
            }
            Builtin::Copy => {
                if !want(2, self) {
                    return Operand::invalid();
                }
                let d = self.expr(&args[0]);
                let mut src = self.expr(&args[1]);
                if d.mode == Mode::Invalid || src.mode == Mode::Invalid {
                    return Operand::invalid();
                }
                let int = self.basic(Basic::Int);
                let de = match self.prog.types.get(self.prog.types.under(d.ty)) {
                    Type::Slice(e) => *e,
                    _ => {
                        self.error(
                            e.pos,
                            format!(
                                "invalid argument: copy expects slice arguments; found {} and {}",
                                self.describe(&args[0], &d),
                                self.describe(&args[1], &src)
                            ),
                        );
                        return Operand::invalid();
                    }
                };
                let ok = match self.prog.types.get(self.prog.types.under(src.ty)).clone() {
                    Type::Slice(se) => self.prog.types.identical(de, se),
                    _ if self.prog.types.is_string(src.ty) => {
                        let st = self.basic(Basic::String);
                        self.convert_untyped(&args[1], &mut src, st);
                        matches!(
                            self.prog.types.basic_of(de),
                            Some(Basic::Uint8 | Basic::Byte)
                        )
                    }
                    _ => false,
                };
                if !ok {
                    self.error(e.pos, format!("invalid argument: arguments to copy {} and {} have different element types", self.describe(&args[0], &d), self.describe(&args[1], &src)));
                    return Operand::invalid();
                }
                self.value(int)
            }
            Builtin::Make => {
                if args.is_empty() {
                    self.error(
                        e.pos,
                        "not enough arguments for make() (expected 1, found 0)",
                    );
                    return Operand::invalid();
                }
                let Some(ty) = self.type_arg(&args[0]) else {
                    return Operand::invalid();
                };
                if !self.prog.types.is_slice(ty) {
                    self.error(
                        start_pos(&args[0]),
                        format!(
                            "invalid argument: cannot make {}; type must be slice, map, or channel",
                            expr_string(&args[0])
                        ),
                    );
                    return Operand::invalid();
                }
                if args.len() < 2 {
                    self.error(
                        start_pos(e),
                        format!(
                            "invalid operation: {} expects 2 or 3 arguments; found 1",
                            expr_string(e)
                        ),
                    );
                    return Operand::invalid();
                }
                if args.len() > 3 {
                    self.error(
                        start_pos(e),
                        format!(
                            "invalid operation: {} expects 2 or 3 arguments; found {}",
                            expr_string(e),
                            args.len()
                        ),
                    );
                    return Operand::invalid();
                }
                let mut sizes = Vec::new();
                for a in &args[1..] {
                    let mut op = self.expr(a);
                    if op.mode == Mode::Invalid {
                        return op;
                    }
                    if !self.prog.types.is_integer(op.ty) {
                        self.error(
                            start_pos(a),
                            format!("cannot convert {} to type int", self.describe(a, &op)),
                        );
                        return Operand::invalid();
                    }
                    if let Some(Const::Int(v)) = op.val {
                        if v < 0 {
                            self.error(
                                start_pos(a),
                                format!(
                                    "invalid argument: index {} must not be negative",
                                    self.describe(a, &op)
                                ),
                            );
                            return Operand::invalid();
                        }
                        sizes.push(v);
                    }
                    if self.prog.types.is_untyped(op.ty) {
                        let int = self.basic(Basic::Int);
                        self.convert_untyped(a, &mut op, int);
                    }
                }
                if sizes.len() == 2 && sizes[0] > sizes[1] {
                    self.error(
                        start_pos(&args[1]),
                        "invalid argument: length and capacity swapped".to_string(),
                    );
                    return Operand::invalid();
                }
                self.value(ty)
            }
            Builtin::Panic => {
                if !want(1, self) {
                    return Operand::invalid();
                }
                let mut op = self.expr(&args[0]);
                if op.mode == Mode::Invalid {
                    return op;
                }
                // panic takes an interface{} (Go spec, "Handling panics").
                let any = self.universe_type("any");
                self.assign(&args[0], &mut op, any, "argument to panic");
                Operand {
                    mode: Mode::NoValue,
                    ty: 0,
                    val: None,
                }
            }
            Builtin::Unsupported(what) => {
                for a in args {
                    self.expr_any(a);
                }
                self.unsupported(start_pos(e), what);
                Operand::invalid()
            }
            Builtin::Print | Builtin::Println => {
                for a in args {
                    let mut op = self.expr(a);
                    if op.mode == Mode::Invalid {
                        continue;
                    }
                    if op.ty == self.basic(Basic::UntypedNil) {
                        self.error(
                            start_pos(a),
                            "use of untyped nil in argument to built-in print",
                        );
                        continue;
                    }
                    let t = self.default_type(a, &mut op, "argument");
                    if t == 0 {
                        continue;
                    }
                    let types = &self.prog.types;
                    let ok = types.is_numeric(t)
                        || types.is_string(t)
                        || types.is_bool(t)
                        || types.is_pointer(t)
                        || types.is_unsafe_pointer(t);
                    if !ok {
                        self.error(
                            start_pos(a),
                            format!("illegal types for operand: print\n\t{}", self.tn(t)),
                        );
                    }
                }
                Operand {
                    mode: Mode::NoValue,
                    ty: 0,
                    val: None,
                }
            }
            Builtin::Len => {
                if !want(1, self) {
                    return Operand::invalid();
                }
                let mut op = self.expr(&args[0]);
                if op.mode == Mode::Invalid {
                    return op;
                }
                let int = self.basic(Basic::Int);
                let types = &self.prog.types;
                if let Some(Const::Str(s)) = &op.val {
                    let n = s.len() as i128;
                    if types.is_untyped(op.ty) {
                        let st = self.basic(Basic::String);
                        self.convert_untyped(&args[0], &mut op, st);
                    }
                    return self.constant(int, Const::Int(n));
                }
                match types.get(types.under(op.ty)).clone() {
                    Type::Basic(Basic::String) | Type::Slice(_) => self.value(int),
                    Type::Array(n, _) => self.constant(int, Const::Int(n as i128)),
                    Type::Pointer(p) => match types.get(types.under(p)) {
                        Type::Array(n, _) => {
                            let n = *n;
                            self.constant(int, Const::Int(n as i128))
                        }
                        _ => {
                            self.error(
                                start_pos(&args[0]),
                                format!(
                                    "invalid argument: {} for len",
                                    self.describe(&args[0], &op)
                                ),
                            );
                            Operand::invalid()
                        }
                    },
                    _ => {
                        self.error(
                            start_pos(&args[0]),
                            format!("invalid argument: {} for len", self.describe(&args[0], &op)),
                        );
                        Operand::invalid()
                    }
                }
            }
            Builtin::New => {
                if !want(1, self) {
                    return Operand::invalid();
                }
                let Some(ty) = self.type_arg(&args[0]) else {
                    return Operand::invalid();
                };
                let t = self.prog.types.pointer(ty);
                self.value(t)
            }
            Builtin::Sizeof | Builtin::Alignof => {
                if !want(1, self) {
                    return Operand::invalid();
                }
                let mut op = self.expr(&args[0]);
                if op.mode == Mode::Invalid {
                    return op;
                }
                let t = self.default_type(&args[0], &mut op, "argument");
                if t == 0 {
                    return Operand::invalid();
                }
                let (size, align) = self.prog.types.layout(t);
                let v = if b == Builtin::Sizeof { size } else { align };
                self.constant(uintptr, Const::Int(v as i128))
            }
            Builtin::Offsetof => {
                if !want(1, self) {
                    return Operand::invalid();
                }
                let a = strip_parens(&args[0]);
                let ExprKind::Selector(..) = &a.kind else {
                    self.error(
                        start_pos(a),
                        format!(
                            "invalid argument: {} is not a selector expression",
                            expr_string(a)
                        ),
                    );
                    return Operand::invalid();
                };
                let op = self.expr(a);
                if op.mode == Mode::Invalid {
                    return op;
                }
                match self.prog.info.selections.get(&a.id) {
                    Some(Selection::Field {
                        offset,
                        deref: false,
                    }) => {
                        let off = *offset;
                        self.constant(uintptr, Const::Int(off as i128))
                    }
                    _ => {
                        self.unsupported(start_pos(a), "unsafe.Offsetof through pointers");
                        Operand::invalid()
                    }
                }
            }
            Builtin::Add => {
                if !want(2, self) {
                    return Operand::invalid();
                }
                let mut p = self.expr(&args[0]);
                let mut n = self.expr(&args[1]);
                if p.mode == Mode::Invalid || n.mode == Mode::Invalid {
                    return Operand::invalid();
                }
                let up = self.basic(Basic::UnsafePointer);
                if !self.assign(&args[0], &mut p, up, "argument to unsafe.Add") {
                    return Operand::invalid();
                }
                if !self.prog.types.is_integer(n.ty) {
                    self.error(
                        start_pos(&args[1]),
                        format!(
                            "cannot use {} as int value in argument to unsafe.Add",
                            self.describe(&args[1], &n)
                        ),
                    );
                    return Operand::invalid();
                }
                if self.prog.types.is_untyped(n.ty) {
                    let int = self.basic(Basic::Int);
                    self.assign(&args[1], &mut n, int, "argument to unsafe.Add");
                }
                self.value(up)
            }
        }
    }

    fn composite(&mut self, e: &Expr, ty: Option<&TypeExpr>, elems: &[Element]) -> Operand {
        let Some(te) = ty else {
            self.error(e.pos, "invalid composite literal type: missing type");
            return Operand::invalid();
        };
        // [...]T: the length is the literal's (Go spec, "Composite literals").
        if let TypeExprKind::Array(None, elem) = &te.kind {
            let et = self.resolve_type(elem);
            if et == 0 {
                return Operand::invalid();
            }
            let n = self.array_elements(e, et, elems, None);
            let t = self.prog.types.array(n, et);
            return self.value(t);
        }
        let t = self.resolve_type(te);
        if t == 0 {
            return Operand::invalid();
        }
        self.composite_of(e, t, elems)
    }

    fn composite_of(&mut self, e: &Expr, t: TypeId, elems: &[Element]) -> Operand {
        match self.prog.types.get(self.prog.types.under(t)).clone() {
            Type::Struct(_) => self.struct_literal(e, t, elems),
            Type::Array(n, et) => {
                self.array_elements(e, et, elems, Some(n));
                self.value(t)
            }
            Type::Slice(et) => {
                self.array_elements(e, et, elems, None);
                self.value(t)
            }
            _ => {
                self.error(
                    e.pos,
                    format!("invalid composite literal type {}", self.tn(t)),
                );
                Operand::invalid()
            }
        }
    }

    /// An element value; `{...}` with the type elided takes the element type (or `&T{...}`
    /// when the element type is `*T`).
    fn element(&mut self, v: &Expr, et: TypeId, context: &str) {
        if let ExprKind::Composite { ty: None, elems } = &v.kind {
            let (target, is_ptr) = match self.prog.types.get(self.prog.types.under(et)).clone() {
                Type::Pointer(p) => (p, true),
                _ => (et, false),
            };
            let op = self.composite_of(v, target, elems);
            if op.mode != Mode::Invalid {
                let t = if is_ptr { et } else { target };
                self.prog.info.types.insert(v.id, t);
            }
            return;
        }
        let mut op = self.expr(v);
        if op.mode != Mode::Invalid {
            self.assign(v, &mut op, et, context);
        }
    }

    /// Checks array or slice elements (with optional constant index keys); returns the length.
    fn array_elements(&mut self, e: &Expr, et: TypeId, elems: &[Element], len: Option<u64>) -> u64 {
        let mut next: u64 = 0;
        let mut max: u64 = 0;
        let mut seen = std::collections::HashSet::new();
        let ctx = if len.is_some() {
            "array or slice literal"
        } else {
            "slice literal"
        };
        for el in elems {
            if let Some(k) = &el.key {
                let mut ko = self.expr(k);
                match (&ko.mode, &ko.val) {
                    (Mode::Const, Some(Const::Int(v)))
                        if *v >= 0 && self.prog.types.is_integer(ko.ty) =>
                    {
                        next = *v as u64;
                        let int = self.basic(Basic::Int);
                        self.convert_untyped(k, &mut ko, int);
                    }
                    (Mode::Invalid, _) => {}
                    _ => {
                        self.error(
                            start_pos(k),
                            format!("index {} must be integer constant", expr_string(k)),
                        );
                    }
                }
            }
            if let Some(n) = len {
                if next >= n {
                    // types2 indexedElts: a key is checked as an index expression is.
                    match &el.key {
                        Some(k) => self.error(
                            start_pos(k),
                            format!("invalid argument: index {next} out of bounds [0:{n}]"),
                        ),
                        None => self.error(
                            start_pos(&el.value),
                            format!("index {next} is out of bounds (>= {n})"),
                        ),
                    }
                }
            }
            if !seen.insert(next) {
                self.error(
                    start_pos(el.key.as_ref().unwrap_or(&el.value)),
                    format!("duplicate index {next} in array or slice literal"),
                );
            }
            self.element(&el.value, et, ctx);
            next += 1;
            max = max.max(next);
        }
        let _ = e;
        max
    }

    fn struct_literal(&mut self, e: &Expr, t: TypeId, elems: &[Element]) -> Operand {
        let fields = self.prog.types.fields(t).unwrap_or_default();
        let keyed = elems.iter().filter(|el| el.key.is_some()).count();
        if keyed != 0 && keyed != elems.len() {
            self.error(
                e.pos,
                "mixture of field:value and value elements in struct literal",
            );
            return Operand::invalid();
        }
        if keyed == 0 && !elems.is_empty() {
            for (i, el) in elems.iter().enumerate() {
                match fields.get(i) {
                    Some(f) => self.element(&el.value, f.ty, "struct literal"),
                    None => {
                        self.error(
                            start_pos(&el.value),
                            format!("too many values in {}{{…}}", self.tn(t)),
                        );
                        return Operand::invalid();
                    }
                }
            }
            if elems.len() < fields.len() {
                self.error(e.pos, format!("too few values in {}{{…}}", self.tn(t)));
                return Operand::invalid();
            }
            return self.value(t);
        }
        let mut seen = Vec::new();
        for el in elems {
            let key = el.key.as_ref().unwrap();
            let ExprKind::Ident(fname) = &key.kind else {
                self.error(
                    key.pos,
                    format!("invalid field name {} in struct literal", expr_string(key)),
                );
                continue;
            };
            let Some(f) = fields.iter().find(|f| &f.name == fname) else {
                self.error(
                    key.pos,
                    format!(
                        "unknown field '{}' in struct literal of type {}",
                        fname,
                        self.tn(t)
                    ),
                );
                self.expr(&el.value);
                continue;
            };
            if seen.contains(fname) {
                // types2 reports at the key-value pair, whose position is the colon.
                let mut at = key.pos;
                at.col += fname.len() as u32;
                self.error(
                    at,
                    format!("duplicate field name {fname} in struct literal"),
                );
            }
            seen.push(fname.clone());
            self.element(&el.value, f.ty, "struct literal");
        }
        self.value(t)
    }
}

/// The exact rational value of a finite float64.
fn float_const(f: f64) -> Const {
    match num_rational::BigRational::from_float(f) {
        Some(r) => Const::Float(r),
        None => Const::Float(num_rational::BigRational::from_integer(0.into())),
    }
}

fn cmp_result(op: BinOp, o: std::cmp::Ordering) -> bool {
    use std::cmp::Ordering::*;
    match op {
        BinOp::Eq => o == Equal,
        BinOp::Ne => o != Equal,
        BinOp::Lt => o == Less,
        BinOp::Le => o != Greater,
        BinOp::Gt => o == Greater,
        BinOp::Ge => o != Less,
        _ => false,
    }
}

pub fn strip_parens(e: &Expr) -> &Expr {
    match &e.kind {
        ExprKind::Paren(x) => strip_parens(x),
        _ => e,
    }
}

fn is_blank(e: &Expr) -> bool {
    matches!(&e.kind, ExprKind::Ident(n) if n == "_")
}

fn is_exported(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_uppercase())
}

fn pos_of_op(names: &[(String, Pos)], fallback: Pos) -> Pos {
    // Go reports "no new variables" at the := operator; the statement position is the first name.
    let _ = names;
    fallback
}

/// Whether statements contain a `break` that leaves the enclosing statement (unlabeled
/// breaks count unless a nested loop or switch captures them; `label` matches labeled ones).
/// `in_loop`: nested switches capture unlabeled breaks too.
fn has_break(stmts: &[Stmt], label: Option<&String>, in_loop: bool) -> bool {
    let _ = in_loop;
    stmts.iter().any(|s| stmt_has_break(s, label, true))
}

fn stmt_has_break(s: &Stmt, label: Option<&String>, unlabeled: bool) -> bool {
    match &s.kind {
        StmtKind::Break(None) => unlabeled,
        StmtKind::Break(Some((l, _))) => label == Some(l),
        StmtKind::Block(b) => b.iter().any(|s| stmt_has_break(s, label, unlabeled)),
        StmtKind::If { then, els, .. } => {
            then.iter().any(|s| stmt_has_break(s, label, unlabeled))
                || els
                    .as_ref()
                    .is_some_and(|e| stmt_has_break(e, label, unlabeled))
        }
        StmtKind::Labeled(_, inner) => stmt_has_break(inner, label, unlabeled),
        // Nested breakable statements capture unlabeled breaks.
        StmtKind::For { body, .. } | StmtKind::Range { body, .. } => {
            body.iter().any(|s| stmt_has_break(s, label, false))
        }
        StmtKind::Switch { cases, .. } | StmtKind::TypeSwitch { cases, .. } => cases
            .iter()
            .any(|c| c.body.iter().any(|s| stmt_has_break(s, label, false))),
        _ => false,
    }
}

/// Parses a Go integer literal (decimal, 0x, 0o, 0b, legacy octal, with `_` separators).
pub fn parse_int(s: &str) -> Option<i128> {
    let s: String = s.chars().filter(|&c| c != '_').collect();
    let (digits, radix) = if let Some(h) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        (h.to_string(), 16)
    } else if let Some(b) = s.strip_prefix("0b").or_else(|| s.strip_prefix("0B")) {
        (b.to_string(), 2)
    } else if let Some(o) = s.strip_prefix("0o").or_else(|| s.strip_prefix("0O")) {
        (o.to_string(), 8)
    } else if s.len() > 1 && s.starts_with('0') {
        (s[1..].to_string(), 8)
    } else {
        (s.clone(), 10)
    };
    if digits.is_empty() {
        return None;
    }
    i128::from_str_radix(&digits, radix).ok()
}
