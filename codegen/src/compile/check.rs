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
pub type PkgId = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builtin {
    Len,
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
    Conversion(TypeId),
    Builtin(Builtin),
    /// `fmt.Println` / `fmt.Print`, expanded by the compiler until interfaces exist.
    FmtPrint {
        newline: bool,
    },
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
    /// Constants and types, for go_asm.h.
    pub consts: Vec<ObjId>,
    pub type_names: Vec<ObjId>,
}

pub struct Program {
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
    FmtPrint(bool),
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
    loop_depth: u32,
}

/// The position where an expression starts (Go reports many errors there).
pub fn start_pos(e: &Expr) -> Pos {
    match &e.kind {
        ExprKind::Binary(_, x, _) => start_pos(x),
        ExprKind::Call { func, .. } => start_pos(func),
        ExprKind::Selector(x, _) | ExprKind::Index(x, _) | ExprKind::Slice(x) => start_pos(x),
        ExprKind::TypeAssert(x) => start_pos(x),
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
        ExprKind::Slice(x) => format!("{}[:]", expr_string(x)),
        ExprKind::Paren(x) => format!("({})", expr_string(x)),
        ExprKind::Composite { ty, .. } => match ty {
            Some(t) => format!("{}{{…}}", type_expr_string(t)),
            None => "{…}".to_string(),
        },
        ExprKind::Type(t) => type_expr_string(t),
        ExprKind::FuncLit => "func literal".to_string(),
        ExprKind::TypeAssert(x) => format!("{}.(…)", expr_string(x)),
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
        TypeExprKind::Unsupported(what) => what.to_string(),
    }
}

impl Checker {
    pub fn new(file_names: Vec<String>) -> Checker {
        let mut c = Checker {
            prog: Program {
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
            loop_depth: 0,
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
            ("append", Builtin::Unsupported("append")),
            ("cap", Builtin::Unsupported("cap")),
            ("close", Builtin::Unsupported("close")),
            ("complex", Builtin::Unsupported("complex numbers")),
            ("copy", Builtin::Unsupported("copy")),
            ("delete", Builtin::Unsupported("delete")),
            ("imag", Builtin::Unsupported("complex numbers")),
            ("make", Builtin::Unsupported("make")),
            ("panic", Builtin::Unsupported("panic")),
            ("real", Builtin::Unsupported("complex numbers")),
            ("recover", Builtin::Unsupported("recover")),
        ];
        for (name, b) in builtins {
            let id = self.new_obj(name, Pos::default(), usize::MAX, ObjKind::Builtin(b), 0);
            self.universe.insert(name.to_string(), id);
        }
        for (name, ty) in [
            ("float32", "float32"),
            ("float64", "float64"),
            ("complex64", "complex64"),
            ("complex128", "complex128"),
            ("any", "interfaces"),
            ("error", "interfaces"),
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
        let file = self
            .prog
            .file_names
            .get(pos.file as usize)
            .cloned()
            .unwrap_or_default();
        self.errs.push(Diag::new(file, pos.line, pos.col, msg));
    }

    fn unsupported(&mut self, pos: Pos, what: &str) {
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
    pub fn check_package(
        &mut self,
        path: &str,
        files: Vec<Rc<File>>,
        imports: &HashMap<String, PkgId>,
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
                        if fd.has_recv {
                            self.unsupported(fd.pos, "methods");
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
        for (pos, _) in &init_funcs {
            self.unsupported(*pos, "init functions");
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
                            "tbuild does not support importing \"{}\" yet (it bundles fmt and unsafe)",
                            imp.path
                        ),
                    );
                    continue;
                };
                let local = imp.name.clone().unwrap_or_else(|| match kind {
                    ObjKind::Pkg(p) if p != usize::MAX => self.prog.packages[p].name.clone(),
                    _ => "unsafe".to_string(),
                });
                if local == "." || local == "_" {
                    self.unsupported(imp.pos, "dot and blank imports");
                    continue;
                }
                let id = self.new_obj(&local, imp.pos, pkg, kind, ty);
                list.push((id, imp.pos, imp.path.clone()));
            }
            file_imports.push(list);
        }
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
                        for s in specs {
                            for (n, p) in &s.names {
                                if let Some(&id) = self.prog.packages[pkg].scope.get(n) {
                                    if self.prog.objs[id as usize].pos == *p {
                                        self.resolve(id);
                                    }
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
                        if fd.has_recv {
                            continue;
                        }
                        if let Some(&id) = self.prog.info.defs.get(&fd.pos) {
                            self.resolve(id);
                            self.check_func_body(id, f, di);
                        }
                    }
                }
            }
            for (id, pos, path) in &file_imports[fi] {
                if !self.prog.objs[*id as usize].used {
                    self.error(*pos, format!("imported and not used: \"{path}\""));
                }
            }
        }
        self.scopes.clear();
        pkg
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
        let file_scope = saved_scopes.first().cloned().unwrap_or_default();
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
                    let sig = self.signature(&fd.params, &fd.results, fd.variadic);
                    let t = self.prog.types.add(Type::Func(sig));
                    self.prog.objs[id as usize].ty = t;
                }
            }
        }
        self.scopes = saved_scopes;
        self.iota = saved_iota;
        self.state.insert(id, State::Done);
    }

    fn signature(&mut self, params: &[Param], results: &[Param], variadic: bool) -> Signature {
        if variadic {
            if let Some(p) = params.last() {
                self.unsupported(p.ty.pos, "variadic functions");
            }
        }
        let params = params.iter().map(|p| self.resolve_type(&p.ty)).collect();
        let results = results.iter().map(|p| self.resolve_type(&p.ty)).collect();
        Signature {
            params,
            results,
            variadic,
        }
    }

    fn const_spec_value(&mut self, spec: &ConstSpec, ni: usize) -> (TypeId, Const) {
        let Some(e) = spec.values.get(ni) else {
            let pos = spec.names[ni].1;
            self.error(pos, "missing init expr for const declaration");
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
        let declared = vs.ty.as_ref().map(|t| self.resolve_type(t));
        let mut ty = declared.unwrap_or(0);
        if !vs.values.is_empty() {
            if vs.values.len() != vs.names.len() {
                let pos = vs.names[0].1;
                self.error(
                    pos,
                    format!(
                        "assignment mismatch: {} variable{} but {} value{}",
                        vs.names.len(),
                        if vs.names.len() == 1 { "" } else { "s" },
                        vs.values.len(),
                        if vs.values.len() == 1 { "" } else { "s" }
                    ),
                );
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
                self.unsupported(
                    start_pos(e),
                    "package-level variables initialised by code that runs (only constants, addresses of globals and struct literals of those)",
                );
            }
            self.prog.packages[self.pkg]
                .global_inits
                .insert(id, e.clone());
        } else if declared.is_none() {
            self.error(vs.names[ni].1, "missing type or init expr");
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
            ExprKind::Composite { elems, .. } => {
                elems.iter().all(|el| self.is_static_init(&el.value))
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
                let op = self.expr(len);
                let n = match (&op.mode, &op.val) {
                    (Mode::Const, Some(Const::Int(v))) if *v >= 0 => *v as u64,
                    (Mode::Invalid, _) => return 0,
                    (Mode::Const, Some(Const::Int(_))) => {
                        self.error(
                            len.pos,
                            format!("invalid array length {}", expr_string(len)),
                        );
                        return 0;
                    }
                    _ => {
                        self.error(
                            len.pos,
                            format!("array length {} must be constant", self.describe(len, &op)),
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
                        self.error(f.pos, format!("{} redeclared", f.name));
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
        let Decl::Func(fd) = &f.decls[di] else { return };
        let Type::Func(sig) = self.prog.types.get(self.prog.objs[id as usize].ty).clone() else {
            return;
        };
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
        for (p, &t) in fd.params.iter().zip(&sig.params) {
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
        self.stmts(body);
        if !sig.results.is_empty() && !self.terminates_list(body) {
            self.error(fd.end, "missing return");
        }
        for &o in &self.locals.clone() {
            let obj = &self.prog.objs[o as usize];
            if !obj.used && obj.ty != 0 {
                let (pos, name) = (obj.pos, obj.name.clone());
                self.error(pos, format!("{name} declared but not used"));
            }
        }
        self.scopes.pop();
    }

    fn declare_local(&mut self, name: &str, id: ObjId, pos: Pos) {
        let scope = self.scopes.last_mut().unwrap();
        if let Some(&prev) = scope.get(name) {
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
            } => !has_break(body),
            StmtKind::Unsupported(_) => true,
            _ => false,
        }
    }

    fn stmts(&mut self, stmts: &[Stmt]) {
        for s in stmts {
            self.stmt(s);
        }
    }

    fn block(&mut self, stmts: &[Stmt]) {
        self.scopes.push(HashMap::new());
        self.stmts(stmts);
        self.scopes.pop();
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
                let result = self.binary(s.pos, *op, &lhs[0], &rhs[0], x.clone());
                if result.mode != Mode::Invalid {
                    let mut r = result;
                    // The result has the left operand's type already.
                    r.ty = x.ty;
                }
            }
            StmtKind::IncDec(e, _) => {
                let x = self.expr_lhs(e);
                if x.mode == Mode::Invalid {
                    return;
                }
                if !self.prog.types.is_integer(x.ty) {
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
            StmtKind::Block(b) => self.block(b),
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
                self.loop_depth += 1;
                self.block(body);
                self.loop_depth -= 1;
                self.scopes.pop();
            }
            StmtKind::Break => {
                if self.loop_depth == 0 {
                    self.error(s.pos, "break is not in a loop, switch, or select");
                }
            }
            StmtKind::Continue => {
                if self.loop_depth == 0 {
                    self.error(s.pos, "continue is not in a loop");
                }
            }
            StmtKind::Return(values) => self.return_stmt(s.pos, values),
        }
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
            let at = values.first().map(start_pos).unwrap_or(pos);
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
        if !vs.values.is_empty() {
            let ops = self.expr_list_values(&vs.values);
            if ops.len() != vs.names.len() {
                if !ops.iter().any(|(_, o)| o.mode == Mode::Invalid) {
                    self.assign_mismatch(vs.names.len(), &vs.values, ops.len());
                }
            } else {
                for (i, (e, mut op)) in ops.into_iter().enumerate() {
                    if op.mode == Mode::Invalid {
                        continue;
                    }
                    match declared {
                        Some(t) => {
                            self.assign(e, &mut op, t, "variable declaration");
                        }
                        None => types[i] = self.default_type(e, &mut op, "variable declaration"),
                    }
                }
            }
        }
        for (i, (n, p)) in vs.names.iter().enumerate() {
            let o = self.new_local(n, *p, types[i]);
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
        let ops = self.expr_list_values(values);
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
                    let ty = match op {
                        Some((e, mut op)) if op.mode != Mode::Invalid => {
                            self.default_type(e, &mut op, "assignment")
                        }
                        _ => 0,
                    };
                    let o = self.new_local(n, *p, ty);
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
        let ops = self.expr_list_values(rhs);
        let lhs_ops: Vec<Operand> = lhs.iter().map(|e| self.expr_lhs(e)).collect();
        if ops.len() != lhs.len() {
            if !ops.iter().any(|(_, o)| o.mode == Mode::Invalid) {
                self.assign_mismatch(lhs.len(), rhs, ops.len());
            }
            return;
        }
        for (i, (e, mut op)) in ops.into_iter().enumerate() {
            let l = &lhs_ops[i];
            if is_blank(&lhs[i]) {
                if op.mode != Mode::Invalid {
                    self.default_type(e, &mut op, "assignment");
                }
                continue;
            }
            if l.mode == Mode::Invalid || op.mode == Mode::Invalid {
                continue;
            }
            if self.check_assignable_lhs(&lhs[i], l) {
                self.assign(e, &mut op, l.ty, "assignment");
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
            format!(
                "cannot assign to {} (neither addressable nor a map index expression)",
                self.describe(e, op)
            ),
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
        let types = &self.prog.types;
        if types.is_untyped(op.ty) {
            let target_ok = match (types.get(op.ty), types.basic_of(t)) {
                (Type::Basic(Basic::UntypedNil), _) => {
                    types.is_pointer(t) || types.is_unsafe_pointer(t)
                }
                (Type::Basic(Basic::UntypedBool), Some(b)) => b == Basic::Bool,
                (Type::Basic(Basic::UntypedString), Some(b)) => b == Basic::String,
                (Type::Basic(Basic::UntypedInt | Basic::UntypedRune), Some(b)) => {
                    b.int_info().is_some()
                }
                (Type::Basic(Basic::UntypedFloat), Some(b)) => b.int_info().is_some(),
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
            return true;
        }
        self.error(
            start_pos(e),
            format!(
                "cannot use {} as {} value in {}",
                self.describe(e, op),
                self.tn(t),
                context
            ),
        );
        false
    }

    fn assignable(&self, v: TypeId, t: TypeId) -> bool {
        let types = &self.prog.types;
        if types.identical(v, t) {
            return true;
        }
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
        self.set_type(e, t);
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
            Type::Basic(Basic::UntypedFloat) => {
                self.unsupported(start_pos(e), "floating-point types");
                return 0;
            }
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
                self.error(
                    start_pos(e),
                    format!("use of package {} without selector", expr_string(e)),
                );
                Operand::invalid()
            }
            Mode::Builtin(_) | Mode::FmtPrint(_) => {
                self.error(
                    start_pos(e),
                    format!("{} (built-in) must be called", expr_string(e)),
                );
                Operand::invalid()
            }
            Mode::Func(_) => {
                self.unsupported(start_pos(e), "function values");
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
        let op = self.expr_inner(e);
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
            ExprKind::FloatLit(_) | ExprKind::ImagLit(_) => {
                self.unsupported(e.pos, "floating-point and complex constants");
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
            ExprKind::Slice(_) => {
                self.unsupported(e.pos, "slice expressions");
                Operand::invalid()
            }
            ExprKind::TypeAssert(_) => {
                self.unsupported(e.pos, "type assertions");
                Operand::invalid()
            }
            ExprKind::Selector(x, sel) => self.selector(e, x, sel),
            ExprKind::Index(x, i) => self.index(e, x, i),
            ExprKind::Unary(op, x) => self.unary(e, *op, x),
            ExprKind::Binary(op, x, y) => {
                let xo = self.expr(x);
                self.binary(e.pos, *op, x, y, xo)
            }
            ExprKind::Call {
                func,
                args,
                ellipsis,
            } => self.call(e, func, args, *ellipsis),
            ExprKind::Composite { ty, elems } => self.composite(e, ty.as_deref(), elems),
        }
    }

    fn ident(&mut self, e: &Expr, n: &str) -> Operand {
        if n == "_" {
            self.error(e.pos, "cannot use _ as value");
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
                        if p != usize::MAX
                            && self.prog.packages[p].path == "fmt"
                            && (sel == "Println" || sel == "Print")
                        {
                            return Operand {
                                mode: Mode::FmtPrint(sel == "Println"),
                                ty: 0,
                                val: None,
                            };
                        }
                        if p != usize::MAX
                            && self.prog.packages[p].path == "fmt"
                            && is_exported(sel)
                        {
                            self.unsupported(e.pos, &format!("fmt.{sel}"));
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
        let xo = self.expr(x);
        if xo.mode == Mode::Invalid {
            return Operand::invalid();
        }
        if xo.mode == Mode::Type {
            self.unsupported(e.pos, "method expressions");
            return Operand::invalid();
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
        if !self.prog.types.is_integer(io.ty) {
            self.error(
                start_pos(i),
                format!(
                    "invalid argument: index {} must be integer",
                    self.describe(i, &io)
                ),
            );
            return Operand::invalid();
        }
        if let Some(Const::Int(v)) = &io.val {
            if *v < 0 {
                self.error(
                    start_pos(i),
                    format!(
                        "invalid argument: index {} must not be negative",
                        self.describe(i, &io)
                    ),
                );
                return Operand::invalid();
            }
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
                        e.pos,
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
                            self.error(e.pos, "invalid operation: cannot indirect nil");
                        } else {
                            self.error(
                                e.pos,
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
                    _ => {
                        self.prog.types.is_integer(xo.ty)
                            || matches!(self.prog.types.basic_of(xo.ty), Some(Basic::UntypedFloat))
                    }
                };
                if !ok {
                    self.error(
                        e.pos,
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
                        (UnOp::Neg, Const::Int(i)) => Const::Int(-i),
                        (UnOp::Plus, Const::Int(i)) => Const::Int(*i),
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
        if let Const::Int(i) = v {
            // Untyped integer constants: tbuild keeps them exact within 128 bits.
            if i.unsigned_abs() > (1u128 << 126) {
                self.error(
                    start_pos(e),
                    "constant overflow (tbuild keeps untyped constants within 127 bits)",
                );
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
        let e_str = format!("{} {} {}", expr_string(x), op.as_str(), expr_string(y));
        if op.is_shift() {
            return self.shift(pos, op, x, y, xo, yo, &e_str);
        }
        // Bring both operands to a common type: an untyped side takes the other side's type.
        let types = &self.prog.types;
        let (xu, yu) = (types.is_untyped(xo.ty), types.is_untyped(yo.ty));
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
        if !self.prog.types.identical(xo.ty, yo.ty) {
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
        let t = xo.ty;
        if op.is_comparison() {
            return self.comparison(op, x, y, &xo, &yo, &e_str);
        }
        // Operator applicability (Go spec, "Arithmetic operators", "Logical operators").
        let types = &self.prog.types;
        let ok = match op {
            BinOp::LAnd | BinOp::LOr => types.is_bool(t),
            BinOp::Add => {
                types.is_integer(t)
                    || types.is_string(t)
                    || matches!(types.basic_of(t), Some(Basic::UntypedFloat))
            }
            BinOp::Sub | BinOp::Mul | BinOp::Div => {
                types.is_integer(t) || matches!(types.basic_of(t), Some(Basic::UntypedFloat))
            }
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
            if let Some(Const::Int(0)) = &yo.val {
                self.error(start_pos(y), "invalid operation: division by zero");
                return Operand::invalid();
            }
        }
        if let (Some(a), Some(b)) = (&xo.val, &yo.val) {
            let r = match (a, b) {
                (Const::Int(a), Const::Int(b)) => {
                    let (a, b) = (*a, *b);
                    let r = match op {
                        BinOp::Add => a.checked_add(b),
                        BinOp::Sub => a.checked_sub(b),
                        BinOp::Mul => a.checked_mul(b),
                        BinOp::Div => {
                            if matches!(self.prog.types.basic_of(t), Some(Basic::UntypedFloat)) {
                                self.unsupported(pos, "floating-point constants");
                                return Operand::invalid();
                            }
                            a.checked_div(b)
                        }
                        BinOp::Rem => a.checked_rem(b),
                        BinOp::And => Some(a & b),
                        BinOp::Or => Some(a | b),
                        BinOp::Xor => Some(a ^ b),
                        BinOp::AndNot => Some(a & !b),
                        _ => None,
                    };
                    match r {
                        Some(r) => Const::Int(r),
                        None => {
                            self.error(pos, "constant overflow (tbuild keeps untyped constants within 127 bits)");
                            return Operand::invalid();
                        }
                    }
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
        if self.prog.types.is_string(t) && op == BinOp::Add {
            self.unsupported(pos, "string concatenation");
            return Operand::invalid();
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
            (Type::Basic(Basic::UntypedNil), _) => {
                types.is_pointer(target) || types.is_unsafe_pointer(target)
            }
            (Type::Basic(Basic::UntypedBool), Some(b)) => b == Basic::Bool,
            (Type::Basic(Basic::UntypedString), Some(b)) => b == Basic::String,
            (
                Type::Basic(Basic::UntypedInt | Basic::UntypedRune | Basic::UntypedFloat),
                Some(b),
            ) => b.int_info().is_some(),
            _ => false,
        };
        if !ok {
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
                let how = if self.prog.types.is_integer(target) {
                    " (overflows)"
                } else {
                    " (truncated)"
                };
                self.error(
                    start_pos(e),
                    format!(
                        "cannot use {} as {} value in expression{}",
                        self.describe(e, op),
                        self.tn(target),
                        how
                    ),
                );
                return false;
            }
        }
        self.convert_untyped(e, op, target);
        true
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
        let types = &self.prog.types;
        let t = xo.ty;
        let ordered = types.is_integer(t) || types.is_string(t);
        let comparable = ordered
            || types.is_bool(t)
            || types.is_pointer(t)
            || types.is_unsafe_pointer(t)
            || t == types.basic(Basic::UntypedNil);
        let ok = if matches!(op, BinOp::Eq | BinOp::Ne) {
            comparable
        } else {
            ordered
        };
        if !ok {
            if types.is_aggregate(t) && matches!(op, BinOp::Eq | BinOp::Ne) {
                self.unsupported(start_pos(x), "comparing structs and arrays");
                return Operand::invalid();
            }
            if t == types.basic(Basic::UntypedNil) {
                self.error(
                    start_pos(x),
                    format!(
                        "invalid operation: {e_str} (operator {} not defined on nil)",
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
                    self.describe(x, xo)
                ),
            );
            return Operand::invalid();
        }
        let ub = self.basic(Basic::UntypedBool);
        if let (Some(a), Some(b)) = (&xo.val, &yo.val) {
            let r = match (a, b) {
                (Const::Int(a), Const::Int(b)) => cmp_result(op, a.cmp(b)),
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
            self.prog.info.types.insert(x.id, xo.ty);
            self.prog.info.types.insert(y.id, yo.ty);
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
        // The count: any integer type, or an untyped constant representable as uint.
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
        if !self.prog.types.is_integer(xo.ty) {
            self.error(
                start_pos(x),
                format!(
                    "invalid operation: shifted operand {} must be integer",
                    self.describe(x, &xo)
                ),
            );
            return Operand::invalid();
        }
        if let (Some(Const::Int(a)), Some(Const::Int(c))) = (&xo.val, &yo.val) {
            let (a, c) = (*a, *c);
            let r = if op == BinOp::Shl {
                if c >= 127 || (a != 0 && (a.unsigned_abs().leading_zeros() as i128) <= c + 1) {
                    self.error(pos, format!("constant shift overflow: {e_str} (tbuild keeps untyped constants within 127 bits)"));
                    return Operand::invalid();
                }
                a << c
            } else {
                a >> c.min(127)
            };
            let e = Expr {
                id: u32::MAX,
                pos,
                kind: ExprKind::Binary(op, Box::new(x.clone()), Box::new(y.clone())),
            };
            return self.const_result(&e, xo.ty, Const::Int(r));
        }
        if self.prog.types.is_untyped(xo.ty) {
            // A non-constant shift of an untyped constant: the constant takes the type the
            // context gives the whole expression (Go spec, "Operators"); until then it is an
            // untyped int value that set_type will settle.
            let ui = self.basic(Basic::UntypedInt);
            xo.ty = ui;
            self.prog.info.types.insert(y.id, yo.ty);
            return self.value(ui);
        }
        self.prog.info.types.insert(y.id, yo.ty);
        self.value(xo.ty)
    }

    fn call(&mut self, e: &Expr, func: &Expr, args: &[Expr], ellipsis: bool) -> Operand {
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
            Mode::FmtPrint(newline) => {
                for a in args {
                    let mut op = self.expr(a);
                    if op.mode == Mode::Invalid {
                        continue;
                    }
                    let t = self.default_type(a, &mut op, "argument");
                    if t == 0 {
                        continue;
                    }
                    let printable = self.prog.types.is_integer(t)
                        || self.prog.types.is_string(t)
                        || self.prog.types.is_bool(t);
                    if !printable {
                        self.unsupported(
                            start_pos(a),
                            &format!("printing values of type {} with fmt", self.tn(t)),
                        );
                    }
                }
                self.prog
                    .info
                    .calls
                    .insert(e.id, CallKind::FmtPrint { newline });
                Operand {
                    mode: Mode::NoValue,
                    ty: 0,
                    val: None,
                }
            }
            Mode::Func(id) => {
                if ellipsis {
                    self.unsupported(e.pos, "variadic calls");
                }
                let Type::Func(sig) = self.prog.types.get(fo.ty).clone() else {
                    return Operand::invalid();
                };
                self.prog.info.calls.insert(e.id, CallKind::Func(id));
                self.call_args(e, func, args, &sig.params);
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
            _ => {
                let fo = self.single_value(func, fo);
                if fo.mode != Mode::Invalid {
                    self.error(
                        e.pos,
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

    fn call_args(&mut self, call: &Expr, func: &Expr, args: &[Expr], params: &[TypeId]) {
        let ops = if args.is_empty() {
            Vec::new()
        } else {
            self.expr_list_values(args)
        };
        if ops.iter().any(|(_, o)| o.mode == Mode::Invalid) {
            return;
        }
        if ops.len() != params.len() {
            let have = self.have_list(&ops);
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
            return;
        }
        for (i, (a, mut op)) in ops.into_iter().enumerate() {
            self.assign(a, &mut op, params[i], "argument");
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
            let int_to_string = matches!(v, Const::Int(_)) && types.is_string(to);
            if int_to_string {
                self.unsupported(e.pos, "string(rune) conversions");
                return Operand::invalid();
            }
            if types.basic_of(to).is_some() && !types.is_unsafe_pointer(to) {
                if !types.representable(&v, to) {
                    let ok_kind = (matches!(v, Const::Int(_)) && types.is_integer(to))
                        || (matches!(v, Const::Str(_)) && types.is_string(to))
                        || (matches!(v, Const::Bool(_)) && types.is_bool(to));
                    if ok_kind {
                        self.error(
                            start_pos(a),
                            format!(
                                "cannot convert {} to type {} (overflows)",
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
                if types.is_untyped(from) {
                    self.convert_untyped(a, &mut xo, to);
                }
                return self.constant(to, v);
            }
        }
        if self.prog.types.is_untyped(from) {
            if from == self.basic(Basic::UntypedNil) {
                if self.prog.types.is_pointer(to) || self.prog.types.is_unsafe_pointer(to) {
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
        let types = &self.prog.types;
        let ok = self.assignable(from, to)
            || types.identical(types.under(from), types.under(to))
            || (types.is_integer(from) && types.is_integer(to))
            || (types.is_unsafe_pointer(to)
                && (types.is_pointer(from) || types.basic_of(from) == Some(Basic::Uintptr)))
            || (types.is_unsafe_pointer(from)
                && (types.is_pointer(to) || types.basic_of(to) == Some(Basic::Uintptr)))
            || self.pointer_bases_identical(from, to);
        if !ok {
            if self.prog.types.is_string(to) && self.prog.types.is_integer(from) {
                self.unsupported(e.pos, "string(rune) conversions");
                return Operand::invalid();
            }
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
                e.pos,
                format!(
                    "{msg} arguments for {}(…) (expected {n}, found {})",
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
        match b {
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
                    let ok = types.is_integer(t)
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
                    Type::Basic(Basic::String) => self.value(int),
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
                let op = self.expr_any(&args[0]);
                if op.mode == Mode::Invalid {
                    return op;
                }
                if op.mode != Mode::Type {
                    self.error(
                        start_pos(&args[0]),
                        format!("{} is not a type", expr_string(&args[0])),
                    );
                    return Operand::invalid();
                }
                let t = self.prog.types.pointer(op.ty);
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
        let t = self.resolve_type(te);
        if t == 0 {
            return Operand::invalid();
        }
        let Some(fields) = self.prog.types.fields(t) else {
            self.unsupported(e.pos, &format!("composite literals of type {}", self.tn(t)));
            return Operand::invalid();
        };
        let mut seen = Vec::new();
        for el in elems {
            let Some(key) = &el.key else {
                self.unsupported(el.value.pos, "positional struct literals");
                self.expr(&el.value);
                continue;
            };
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
                        "unknown field {} in struct literal of type {}",
                        fname,
                        self.tn(t)
                    ),
                );
                self.expr(&el.value);
                continue;
            };
            if seen.contains(fname) {
                self.error(
                    key.pos,
                    format!("duplicate field name {fname} in struct literal"),
                );
            }
            seen.push(fname.clone());
            let mut op = self.expr(&el.value);
            self.assign(&el.value, &mut op, f.ty, "struct literal");
        }
        self.value(t)
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

/// Whether a loop body contains a `break` for this loop (not one in a nested loop).
fn has_break(stmts: &[Stmt]) -> bool {
    stmts.iter().any(|s| match &s.kind {
        StmtKind::Break => true,
        StmtKind::Block(b) => has_break(b),
        StmtKind::If { then, els, .. } => {
            has_break(then)
                || els
                    .as_ref()
                    .is_some_and(|e| has_break(std::slice::from_ref(e)))
        }
        _ => false,
    })
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
