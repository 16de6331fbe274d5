//! Packages: collects a package's top-level declarations and each file's imports, then checks
//! every declaration in source order and reports unused imports (go/types resolver.go). The
//! declarations themselves are resolved lazily, on first use (decl.rs).

use crate::{HashMap, HashSet};
use std::rc::Rc;

use super::{
    is_exported, Checker, DeclRef, LazyMethod, ObjId, ObjKind, Package, PkgId, State, VarKind,
    UNSUPPORTED_PKG,
};
use crate::compile::ast::*;
use crate::compile::types::{Const, Type};

/// The packages tbuild bundles, for messages.
pub(super) const BUNDLED: &[&str] = &[
    "bufio",
    "bytes",
    "container/heap",
    "container/list",
    "container/ring",
    "context",
    "crypto",
    "crypto/hmac",
    "crypto/md5",
    "crypto/rand",
    "crypto/sha1",
    "crypto/sha256",
    "crypto/sha512",
    "crypto/subtle",
    "encoding",
    "encoding/base32",
    "encoding/base64",
    "encoding/binary",
    "encoding/csv",
    "encoding/hex",
    "encoding/json",
    "errors",
    "flag",
    "fmt",
    "hash",
    "hash/adler32",
    "hash/crc32",
    "hash/fnv",
    "html",
    "io",
    "io/fs",
    "io/ioutil",
    "log",
    "math",
    "math/bits",
    "math/cmplx",
    "math/rand",
    "net/url",
    "os",
    "os/exec",
    "os/signal",
    "path",
    "path/filepath",
    "reflect",
    "regexp",
    "runtime/debug",
    "sort",
    "strconv",
    "strings",
    "sync",
    "sync/atomic",
    "syscall",
    "testing",
    "text/tabwriter",
    "time",
    "unicode",
    "unicode/utf16",
    "unicode/utf8",
    "unsafe",
];

/// Whether an import path names an internal package ("internal" is one of its elements).
fn is_internal(path: &str) -> bool {
    path.split('/').any(|e| e == "internal")
}

impl Checker {
    /// Declares the package's top-level names, then checks every declaration and body.
    /// `imports` maps import paths to already-checked packages.
    /// `bodies`: whether to check function bodies. An imported package needs only its
    /// declarations (what Go's export data holds): its bodies were checked when it was
    /// compiled.
    /// Checks the body of an imported package's function that importers may inline: as the
    /// package's own compilation did, so without errors. A body that needed a generic
    /// instance (which the importer would have to compile) or reported anything is not
    /// offered (its facts stay, unused).
    /// Checks the bodies of the imported functions the package uses, and of those their
    /// bodies use in turn: the only ones its inliner may reach. Go's importer, too, reads an
    /// inlinable body only when a call needs it (noder's lazy function bodies). The rest of an
    /// imported package's bodies are never checked: in hello's imports they were most of the
    /// compile's checking.
    fn check_used_inline_bodies(&mut self) {
        loop {
            self.parse_used_bodies();
            let (used, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut self.lazy_bodies)
                .into_iter()
                .partition(|(id, _, _)| self.prog.objs[*id as usize].used);
            self.lazy_bodies = rest;
            if used.is_empty() {
                return;
            }
            for (id, f, di) in used {
                // Checked where it is declared.
                let saved = self.enter_file(self.prog.objs[id as usize].pkg, f.package_pos.file);
                self.check_inline_body(id, &f, di);
                self.leave_file(saved);
            }
        }
    }

    /// Enters the scope of file `file` of package `pkg`, where its declarations are checked:
    /// the package's and the file's imports. Returns what [`Checker::leave_file`] restores.
    pub(super) fn enter_file(&mut self, pkg: PkgId, file: u32) -> (PkgId, super::scopes::Scopes) {
        let saved = (
            std::mem::replace(&mut self.pkg, pkg),
            std::mem::take(&mut self.scopes),
        );
        self.push_file_scope(file);
        saved
    }

    pub(super) fn leave_file(&mut self, (pkg, scopes): (PkgId, super::scopes::Scopes)) {
        self.pkg = pkg;
        self.scopes = scopes;
    }

    /// Pushes the scope of file `file`'s imports.
    pub(super) fn push_file_scope(&mut self, file: u32) {
        let scope = self.file_scopes.get(&file).cloned().unwrap_or_default();
        self.scopes.push_file(file, scope);
    }

    /// Parses the inlinable bodies (compile/export.rs) of the used functions of imported
    /// packages that have no body yet, and gives the functions their bodies: a body stands at
    /// its function's position, so it is found by it, and it replaces the bodiless
    /// declaration in the package's function list, where lowering finds the bodies it
    /// inlines. A body is parsed once, and only when its function is used: fmt.Println needs
    /// a few of fmt's, and parsing them all was most of checking hello's main.
    fn parse_used_bodies(&mut self) {
        // Where the used bodiless functions stand: (file, line, column) of their names.
        let mut wanted: HashSet<(u32, u32, u32)> = HashSet::default();
        for path in self.body_sources.keys() {
            let Some(pkg) = self.prog.packages.iter().position(|p| &p.path == path) else {
                continue;
            };
            for (id, _, _) in &self.prog.packages[pkg].funcs {
                let o = &self.prog.objs[*id as usize];
                let bodiless = matches!(
                    o.kind,
                    ObjKind::Func {
                        has_body: false,
                        ..
                    }
                );
                if o.used && bodiless {
                    wanted.insert((o.pos.file, o.pos.line, o.pos.col));
                }
            }
        }
        if wanted.is_empty() {
            return;
        }
        let paths: Vec<String> = self.body_sources.keys().cloned().collect();
        for path in paths {
            let Some(bodies) = self.body_sources.get_mut(&path) else {
                continue;
            };
            let (now, later): (Vec<_>, Vec<_>) = std::mem::take(bodies)
                .into_iter()
                .partition(|b| wanted.contains(&(b.file, b.name_at.0, b.name_at.1)));
            *bodies = later;
            if now.is_empty() {
                continue;
            }
            let Some(pkg) = self.prog.packages.iter().position(|p| p.path == path) else {
                continue;
            };
            let package = self.prog.packages[pkg].name.clone();
            for body in now {
                let Some(file) = self.parse_inline_body(&package, &body) else {
                    continue;
                };
                for (di, d) in file.decls.iter().enumerate() {
                    let Decl::Func(fd) = d else { continue };
                    let Some(&id) = self.prog.info.defs.get(&fd.pos) else {
                        continue;
                    };
                    let o = &mut self.prog.objs[id as usize];
                    let ObjKind::Func { has_body, .. } = &mut o.kind else {
                        continue;
                    };
                    if o.pkg != pkg || *has_body || fd.body.is_none() {
                        continue;
                    }
                    *has_body = true;
                    if let Some(f) = self.prog.packages[pkg]
                        .funcs
                        .iter_mut()
                        .find(|(f, _, _)| *f == id)
                    {
                        *f = (id, file.clone(), di);
                    }
                    self.lazy_bodies.push((id, file.clone(), di));
                }
            }
        }
    }

    /// One inlinable body as a file of package `package` ([`Checker::parse_apart`]).
    fn parse_inline_body(
        &mut self,
        package: &str,
        body: &crate::compile::export::InlineBody,
    ) -> Option<Rc<File>> {
        let (file, name) = (body.file, &body.source.name);
        self.parse_apart(package, file, name, &body.source.text, body.first_line)
    }

    /// A declaration kept apart from its file (an inlinable body, a function parsed on use:
    /// compile/export.rs) as a file of package `package`: the package clause (at the file's
    /// first line, where the file has it) and the declaration, lexed from the line its text
    /// starts at, so that its tokens have their positions in file `file`, named `name`.
    fn parse_apart(
        &mut self,
        package: &str,
        file: u32,
        name: &str,
        text: &[u8],
        first_line: u32,
    ) -> Option<Rc<File>> {
        use crate::compile::lexer::{lex, lex_from, Tok};
        let mut errs = Vec::new();
        let clause = format!("package {package}\n");
        let mut tokens = lex(file, name, clause.as_bytes(), &mut errs).tokens;
        // The clause's end of file gives way to the declaration's tokens.
        tokens.retain(|t| !matches!(t.tok, Tok::Eof));
        let lexed = lex_from(file, name, text, first_line, &mut errs);
        tokens.extend(lexed.tokens);
        let (file, _) = crate::compile::parser::parse_file(
            name,
            tokens,
            lexed.pragmas,
            &mut self.gen.next_expr,
            errs,
        );
        file.map(Rc::new)
    }

    fn check_inline_body(&mut self, id: ObjId, f: &Rc<File>, di: usize) {
        let errs = self.errs.len();
        let instances = (self.gen.instance_of.len(), self.gen.queue.len());
        let types: usize = self.gen.type_instances.values().map(Vec::len).sum();
        self.check_func_body(id, f, di);
        let types_after: usize = self.gen.type_instances.values().map(Vec::len).sum();
        let clean = self.errs.len() == errs
            && instances == (self.gen.instance_of.len(), self.gen.queue.len())
            && types == types_after;
        self.errs.truncate(errs);
        if clean {
            self.prog.info.inline_bodies.insert(id);
        }
    }

    pub fn check_package(
        &mut self,
        path: &str,
        files: Vec<Rc<File>>,
        imports: &HashMap<String, PkgId>,
        bodies: bool,
    ) -> PkgId {
        let pkg = self.prog.packages.len();
        let name = files.first().map(|f| f.package.clone()).unwrap_or_default();
        if bodies {
            self.prog.types.local_path = path.to_string();
        }
        self.prog.packages.push(Package {
            path: path.to_string(),
            name: name.clone(),
            files: files.clone(),
            scope: HashMap::default(),
            funcs: Vec::new(),
            globals: Vec::new(),
            global_inits: HashMap::default(),
            dyn_inits: Vec::new(),
            init_funcs: Vec::new(),
            consts: Vec::new(),
            type_names: Vec::new(),
        });
        self.pkg = pkg;
        let lazy = self.lazy_by_path.remove(path).unwrap_or_default();
        if !lazy.funcs.is_empty() {
            self.lazy_funcs.resize_with(pkg + 1, HashMap::default);
            self.lazy_funcs[pkg] = lazy.funcs;
        }
        for f in &files {
            // types2 (resolver.go collectObjects) refuses the blank package name per file.
            if f.package == "_" {
                self.error(f.package_name_pos, "invalid package name _".to_string());
            }
            if f.package != name {
                self.error(
                    f.package_pos,
                    format!("package {}; expected package {}", f.package, name),
                );
            }
        }
        // Collect: every top-level name, unresolved.
        let prefix = crate::compile::symbol_prefix(path);
        let mut init_funcs = Vec::new();
        let mut methods = Vec::new();
        for f in &files {
            for (di, d) in f.decls.iter().enumerate() {
                match d {
                    Decl::Type(ts) => {
                        let t = self.prog.types.add(Type::Named {
                            pkg: name.clone(),
                            path: path.to_string(),
                            name: ts.name.clone(),
                            underlying: None,
                        });
                        let id = self.new_obj(&ts.name, ts.pos, pkg, ObjKind::TypeName, t);
                        self.prog.info.defs.insert(ts.pos, id);
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
                        // A generic function or a method of a generic type is never
                        // compiled itself: its instances are (generics/instantiate.rs).
                        let generic = fd.is_generic();
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
                            if !generic {
                                self.prog.packages[pkg].funcs.push((id, f.clone(), di));
                            }
                            continue;
                        }
                        let symbol = match (&fd.linkname, &fd.body) {
                            (Some(target), None) => target.clone(),
                            // Concatenated: format!'s machinery cost a thousand
                            // instructions for each of an import's ~400 functions.
                            _ => [prefix.as_str(), ".", &fd.name].concat(),
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
                        if !generic {
                            self.prog.packages[pkg].funcs.push((id, f.clone(), di));
                        }
                    }
                }
            }
        }
        for (n, (_, id)) in init_funcs.iter().enumerate() {
            // Go's names: user init functions are pkg.init.0, pkg.init.1, ...; pkg.init is the
            // package initialiser the compiler generates.
            if let ObjKind::Func { symbol, .. } = &mut self.prog.objs[*id as usize].kind {
                *symbol = format!("{prefix}.init.{n}");
            }
            self.prog.packages[pkg].init_funcs.push(*id);
        }

        // Imports, per file.
        // Per file: each import's object, position, path and whether it is named.
        let mut file_imports: Vec<Vec<(ObjId, Pos, String, bool)>> = Vec::new();
        for f in &files {
            let mut list = Vec::new();
            for imp in &f.imports {
                let failed = if path == "main" && is_internal(&imp.path) {
                    // Only the standard library may import its internal packages (the
                    // go command's rule, cmd/go/internal/load/pkg.go disallowInternal).
                    Some(format!("use of internal package {} not allowed", imp.path))
                } else if imp.path != "unsafe" && !imports.contains_key(&imp.path) {
                    Some(format!(
                        "tbuild does not support importing \"{}\" yet (it bundles {})",
                        imp.path,
                        BUNDLED.join(", ")
                    ))
                } else {
                    None
                };
                if let Some(message) = failed {
                    self.error(imp.pos, message);
                    // An import that failed (reported) is used, and its uses are not
                    // reported again: selections through it are invalid, and a file that
                    // dot-imports it reports no undefined names (`undefined`).
                    let local = imp
                        .name
                        .clone()
                        .unwrap_or_else(|| imp.path.rsplit('/').next().unwrap_or("").to_string());
                    let id = self.new_obj(&local, imp.pos, pkg, ObjKind::Pkg(UNSUPPORTED_PKG), 0);
                    self.prog.objs[id as usize].used = true;
                    if local == "." {
                        self.dot_imports
                            .insert((f.package_pos.file, UNSUPPORTED_PKG), id);
                    }
                    list.push((id, imp.pos, imp.path.clone(), imp.name.is_some()));
                    continue;
                }
                let (kind, ty) = match imports.get(&imp.path) {
                    Some(&p) if imp.path != "unsafe" => (ObjKind::Pkg(p), 0),
                    _ => (ObjKind::Pkg(usize::MAX), 0), // unsafe
                };
                let local = imp.name.clone().unwrap_or_else(|| match kind {
                    ObjKind::Pkg(p) if p != usize::MAX => self.prog.packages[p].name.clone(),
                    _ => "unsafe".to_string(),
                });
                if local == "_" {
                    // A blank import only runs the package's initialisation (Go spec).
                    continue;
                }
                let dotted = match kind {
                    ObjKind::Pkg(p) if local == "." => Some(p),
                    _ => None,
                };
                let id = self.new_obj(&local, imp.name_pos, pkg, kind, ty);
                if let Some(p) = dotted {
                    // unsafe's names are owned by no package (usize::MAX), as the
                    // universe's are; only those reached through the file scope count as
                    // uses of the import (lookup).
                    self.dot_imports.insert((f.package_pos.file, p), id);
                }
                list.push((id, imp.name_pos, imp.path.clone(), imp.name.is_some()));
            }
            file_imports.push(list);
        }
        // Each file's imports form its file scope (Go spec, "Declarations and scope"):
        // declarations are resolved in the scope of the file that holds them.
        for (fi, f) in files.iter().enumerate() {
            let scope = self.file_scope(pkg, &file_imports[fi]);
            self.file_scopes
                .insert(f.package_pos.file, std::rc::Rc::new(scope));
        }
        // An imported package's methods are declared when their type is first resolved
        // (`declare_lazy_methods`): the importer reaches few of its types. All are queued
        // before any is declared, since declaring one resolves its receiver's type.
        let mut declare_now = Vec::new();
        for (id, f, di) in &methods {
            if bodies {
                self.scopes.clear();
                self.push_file_scope(f.package_pos.file);
                self.declare_method(*id, f, *di, path);
                continue;
            }
            match self.receiver_base(pkg, f, *di) {
                Some(tobj) => {
                    let list = self.lazy_methods.entry(tobj).or_default();
                    list.push(LazyMethod::Parsed(*id, f.clone(), *di));
                }
                None => declare_now.push((*id, f.clone(), *di)),
            }
        }
        for (ty, methods) in lazy.methods {
            match self.defined_type(pkg, &ty) {
                Some(tobj) => {
                    let list = self.lazy_methods.entry(tobj).or_default();
                    list.extend(methods.into_iter().map(LazyMethod::Apart));
                }
                None => {
                    for m in methods {
                        declare_now.extend(self.parse_lazy_method(pkg, m));
                    }
                }
            }
        }
        // Through an alias (or not on a type, which declare_method reports): declared and
        // resolved now.
        for (id, f, di) in &declare_now {
            self.scopes.clear();
            self.push_file_scope(f.package_pos.file);
            self.declare_method(*id, f, *di, path);
        }
        self.scopes.clear();
        for (id, _, _) in declare_now {
            self.resolve(id);
        }
        // Defined types first, then aliases, as types2's packageObjects orders them: an
        // alias is then resolved after the defined types it names have their Named types,
        // so that `type F = func(T); type T interface{ m(F) }` gives m the alias's type,
        // not a placeholder met while F was still being read (go's issue27232).
        // An imported package's types are resolved when first met, as its constants and
        // functions are (below).
        for alias_pass in [false, true].into_iter().filter(|_| bodies) {
            for f in &files {
                self.scopes.clear();
                self.push_file_scope(f.package_pos.file);
                for d in &f.decls {
                    if let Decl::Type(ts) = d {
                        if ts.alias == alias_pass {
                            if let Some(&id) = self.prog.info.defs.get(&ts.pos) {
                                self.resolve(id);
                            }
                        }
                    }
                }
            }
        }
        self.report_embed_cycles();
        self.scopes.clear();
        // Check every declaration, in source order. An imported package's constants and
        // functions are resolved only when the importer uses them (`resolve` on first use,
        // as types2 resolves an object when it is first met): its export data was checked
        // when it was compiled, and hello's main uses a handful of the 540 declarations of
        // fmt and its imports. So are its types, and a type's methods are declared and
        // resolved with it, all of them (its method set, type descriptor and itabs may need
        // any). Its variables are all resolved: resolving one records its initialiser for
        // the package being checked (`dyn_specs`).
        let lazy = !bodies;
        for (fi, f) in files.iter().enumerate() {
            self.scopes.clear();
            self.push_file_scope(f.package_pos.file);
            for (di, d) in f.decls.iter().enumerate() {
                match d {
                    Decl::Type(_) | Decl::Const(_) if lazy => {}
                    Decl::Type(ts) => {
                        // By position, so that blank types are checked too (`type _ B`).
                        if let Some(&id) = self.prog.info.defs.get(&ts.pos) {
                            self.resolve(id);
                        }
                    }
                    // Declared and resolved with their type (`declare_lazy_methods`).
                    Decl::Func(fd) if lazy && fd.recv.is_some() => {}
                    Decl::Func(fd) if lazy && fd.recv.is_none() => {
                        if let Some(&id) = self.prog.info.defs.get(&fd.pos) {
                            if may_inline(path, fd) {
                                self.lazy_bodies.push((id, f.clone(), di));
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
                                let generic = self.enter_func_tparams(id, fd);
                                self.gen.in_generic_body = generic;
                                self.check_func_body(id, f, di);
                                self.gen.in_generic_body = false;
                                if generic {
                                    self.scopes.pop();
                                }
                            } else if may_inline(path, fd) {
                                self.lazy_bodies.push((id, f.clone(), di));
                            }
                        }
                    }
                }
            }
            for (id, pos, path, named) in &file_imports[fi] {
                // An import used only inside a refused construct is not unused: say nothing
                // once the package has such a construct.
                if bodies && !self.prog.objs[*id as usize].used && !self.pkg_unsupported {
                    // Named otherwise than its path's last element, it is named in the
                    // message (types2 errorUnusedPkg, as cmd/compile words it).
                    let name = &self.prog.objs[*id as usize].name;
                    let elem = path.rsplit('/').next().unwrap_or(path);
                    let named = if *named && name != "." && name != elem {
                        format!(" as {name}")
                    } else {
                        String::new()
                    };
                    self.error(*pos, format!("imported and not used: \"{path}\"{named}"));
                }
            }
        }
        self.scopes.clear();
        self.check_map_keys();
        self.check_embedded_fields();
        self.expand_pending();
        self.check_type_args();
        if bodies && self.errs.is_empty() {
            self.check_instance_bodies(pkg);
            self.drop_generic_methods();
            self.check_used_inline_bodies();
        }
        self.order_initialisers(pkg);
        pkg
    }

    pub(super) fn declare_pkg(&mut self, id: ObjId, d: DeclRef) {
        let name = self.prog.objs[id as usize].name.clone();
        let pos = self.prog.objs[id as usize].pos;
        if name == "_" {
            self.state.insert(id, State::Unresolved);
            self.decls.insert(id, d);
            return;
        }
        // Go spec, "Package initialization" and "Program execution": at package level, init
        // (and main, in package main) may only be functions (types2 declarePkgObj).
        if !matches!(d, DeclRef::Func(..)) {
            let main = name == "main" && self.prog.packages[self.pkg].name == "main";
            if name == "init" || main {
                self.error(pos, format!("cannot declare {name} - must be func"));
                self.state.insert(id, State::Unresolved);
                self.decls.insert(id, d);
                return;
            }
        }
        if let Some(&prev) = self.prog.packages[self.pkg].scope.get(&name) {
            self.redeclared(&name, pos, prev);
            return;
        }
        self.prog.packages[self.pkg].scope.insert(name, id);
        self.state.insert(id, State::Unresolved);
        self.decls.insert(id, d);
    }

    /// "NAME redeclared in this block", with the place of the other declaration.
    pub(super) fn redeclared(&mut self, name: &str, pos: Pos, prev: ObjId) {
        let other = self.pos_string(self.prog.objs[prev as usize].pos);
        self.error(
            pos,
            format!("{name} redeclared in this block\n\t{other}: other declaration of {name}"),
        );
    }

    /// The scope of a file with `imports` (its import objects, in order; Go spec, "Import
    /// declarations"): each import's name, and for a dot import every exported name of the
    /// package it imports. Names that collide, with each other or with a declaration of the
    /// package, are reported as types2 reports them (resolver.go collectObjects).
    fn file_scope(
        &mut self,
        pkg: PkgId,
        imports: &[(ObjId, Pos, String, bool)],
    ) -> HashMap<String, ObjId> {
        let mut scope: HashMap<String, ObjId> = HashMap::default();
        for (id, pos, _, _) in imports {
            let obj = &self.prog.objs[*id as usize];
            let declared: Vec<(String, ObjId)> = match obj.kind {
                ObjKind::Pkg(p) if obj.name == "." && p < self.prog.packages.len() => {
                    self.declare_all_lazy(p);
                    let mut names: Vec<(String, ObjId)> = (self.prog.packages[p].scope.iter())
                        .filter(|(n, _)| is_exported(n))
                        .map(|(n, &o)| (n.clone(), o))
                        .collect();
                    // By declaration, so that collisions are reported in a stable order.
                    names.sort_by_key(|&(_, o)| self.prog.objs[o as usize].pos);
                    names
                }
                ObjKind::Pkg(usize::MAX) if obj.name == "." => {
                    let mut names: Vec<(String, ObjId)> = (self.unsafe_scope.iter())
                        .map(|(n, &o)| (n.clone(), o))
                        .collect();
                    names.sort();
                    names
                }
                // A dot import of a package that could not be imported (reported) declares
                // nothing.
                _ if obj.name == "." => Vec::new(),
                _ => vec![(obj.name.clone(), *id)],
            };
            for (name, o) in declared {
                match scope.get(&name) {
                    Some(&prev) => self.redeclared(&name, *pos, prev),
                    None => {
                        scope.insert(name, o);
                    }
                }
            }
        }
        let mut collisions: Vec<(Pos, String, ObjId, ObjId)> = scope
            .iter()
            .filter_map(|(name, &o)| {
                let &alt = self.prog.packages[pkg].scope.get(name)?;
                Some((self.prog.objs[alt as usize].pos, name.clone(), o, alt))
            })
            .collect();
        collisions.sort();
        for (at, name, o, _) in collisions {
            let obj = &self.prog.objs[o as usize];
            let (how, p) = match obj.kind {
                ObjKind::Pkg(p) => ("import", p),
                _ => ("dot-import", obj.pkg),
            };
            let (pname, path) = match self.prog.packages.get(p) {
                Some(p) => (p.name.clone(), p.path.clone()),
                None => ("unsafe".to_string(), "unsafe".to_string()),
            };
            let other = self.pos_string(obj.pos);
            self.error(
                at,
                format!(
                    "{name} already declared through {how} of package {pname} (\"{path}\")\n\t\
                     {other}: other declaration of {name}"
                ),
            );
        }
        scope
    }

    /// The type object a method of package `pkg` (declaration `di` of file `f`) is declared
    /// on, found as `declare_method` finds it; None if it is not a type of the package
    /// (`declare_method` reports that).
    fn receiver_base(&self, pkg: PkgId, f: &Rc<File>, di: usize) -> Option<ObjId> {
        let Decl::Func(fd) = &f.decls[di] else {
            return None;
        };
        let TypeExprKind::Name(name) = &fd.receiver()?.0.kind else {
            return None;
        };
        self.defined_type(pkg, name)
    }

    /// Type `name` of package `pkg`, if it is a defined type: the type a method declared on
    /// it belongs to. A method declared through an alias (`type A = B; func (A) M()`)
    /// belongs to the type the alias names, which its resolution alone does not reach.
    fn defined_type(&self, pkg: PkgId, name: &str) -> Option<ObjId> {
        let &tobj = self.prog.packages[pkg].scope.get(name)?;
        let alias = match self.decls.get(&tobj) {
            Some(DeclRef::Type(f, di)) => matches!(&f.decls[*di], Decl::Type(ts) if ts.alias),
            _ => true,
        };
        (!alias).then_some(tobj)
    }

    /// Declares and resolves the methods of imported type `tobj`, now resolved, each in its
    /// package and file scope, in source order, as check_package declares and resolves the
    /// methods of the package it checks; those parsed on use are parsed first.
    pub(super) fn declare_lazy_methods(&mut self, tobj: ObjId) {
        let Some(pending) = self.lazy_methods.remove(&tobj) else {
            return;
        };
        let pkg = self.prog.objs[tobj as usize].pkg;
        let mut methods: Vec<(ObjId, Rc<File>, usize)> = pending
            .into_iter()
            .filter_map(|m| match m {
                LazyMethod::Parsed(id, f, di) => Some((id, f, di)),
                LazyMethod::Apart(lazy) => self.parse_lazy_method(pkg, lazy),
            })
            .collect();
        methods.sort_by_key(|m| self.prog.objs[m.0 as usize].pos);
        let saved_scopes = std::mem::take(&mut self.scopes);
        let saved_pkg = self.pkg;
        self.pkg = pkg;
        let path = self.prog.packages[pkg].path.clone();
        for (id, f, di) in &methods {
            self.scopes.clear();
            self.push_file_scope(f.package_pos.file);
            self.declare_method(*id, f, *di, &path);
        }
        self.scopes = saved_scopes;
        self.pkg = saved_pkg;
        for (id, _, _) in methods {
            self.resolve(id);
        }
    }

    /// Parses a method of imported package `pkg` kept apart (compile/export.rs) and makes its
    /// object, as check_package makes the objects of the methods it reads with their file.
    fn parse_lazy_method(
        &mut self,
        pkg: PkgId,
        lazy: crate::compile::export::LazyFunc,
    ) -> Option<(ObjId, Rc<File>, usize)> {
        let file = self.parse_lazy(pkg, &lazy)?;
        let di = file
            .decls
            .iter()
            .position(|d| matches!(d, Decl::Func(fd) if fd.recv.is_some()))?;
        // Its symbol is set as it is declared on its type (declare_method).
        let id = self.add_parsed_func(pkg, &file, di, String::new());
        Some((id, file, di))
    }

    /// The object of function `di` of `file`, a declaration of package `pkg` parsed apart
    /// (compile/export.rs), unresolved, with `symbol`: as check_package makes the objects of
    /// the functions it reads with their files.
    fn add_parsed_func(&mut self, pkg: PkgId, file: &Rc<File>, di: usize, symbol: String) -> ObjId {
        let Decl::Func(fd) = &file.decls[di] else {
            unreachable!("callers pass function declarations")
        };
        let kind = ObjKind::Func {
            symbol,
            has_body: fd.body.is_some(),
        };
        let id = self.new_obj(&fd.name, fd.pos, pkg, kind, 0);
        self.prog.info.defs.insert(fd.pos, id);
        self.state.insert(id, State::Unresolved);
        self.decls.insert(id, DeclRef::Func(file.clone(), di));
        self.prog.packages[pkg].funcs.push((id, file.clone(), di));
        id
    }

    /// The declaration of `lazy`, a function or method of package `pkg`, parsed
    /// ([`Checker::parse_apart`]).
    fn parse_lazy(
        &mut self,
        pkg: PkgId,
        lazy: &crate::compile::export::LazyFunc,
    ) -> Option<Rc<File>> {
        let package = self.prog.packages[pkg].name.clone();
        let file_name = self.prog.file_names[lazy.file as usize].clone();
        let text = &lazy.source[lazy.range.clone()];
        self.parse_apart(&package, lazy.file, &file_name, text, lazy.first_line)
    }

    /// The package-level object `name` of package `p`, declaring it first if it is a
    /// function parsed on use (compile/export.rs) that nothing named before.
    pub(super) fn member(&mut self, p: PkgId, name: &str) -> Option<ObjId> {
        if let Some(&id) = self.prog.packages[p].scope.get(name) {
            return Some(id);
        }
        let lazy = self.lazy_funcs.get_mut(p)?.remove(name)?;
        self.declare_lazy(p, name, lazy)
    }

    /// Every function of package `p` parsed on use, declared now: a dot import names them
    /// all.
    fn declare_all_lazy(&mut self, p: PkgId) {
        let Some(funcs) = self.lazy_funcs.get_mut(p) else {
            return;
        };
        let mut funcs: Vec<_> = std::mem::take(funcs).into_iter().collect();
        funcs.sort_by_key(|(_, f)| (f.file, f.name_at));
        for (name, lazy) in funcs {
            self.declare_lazy(p, &name, lazy);
        }
    }

    /// Parses function `name` of imported package `pkg` and declares it, as check_package
    /// declares the functions it reads with their file.
    fn declare_lazy(
        &mut self,
        pkg: PkgId,
        name: &str,
        lazy: crate::compile::export::LazyFunc,
    ) -> Option<ObjId> {
        let file = self.parse_lazy(pkg, &lazy)?;
        let di = file
            .decls
            .iter()
            .position(|d| matches!(d, Decl::Func(fd) if fd.name == name))?;
        let prefix = crate::compile::symbol_prefix(&self.prog.packages[pkg].path);
        let symbol = [prefix.as_str(), ".", name].concat();
        let id = self.add_parsed_func(pkg, &file, di, symbol);
        self.prog.packages[pkg].scope.insert(name.to_string(), id);
        Some(id)
    }

    /// Reports an unqualified `name` that no scope declares, as types2 does ("undefined:
    /// NAME"), unless a dot import of the current file may declare it in Go: a package tbuild
    /// could not import (reported already) may declare anything, and a bundled package may
    /// lack a name Go's declares (go_api.rs), which is unsupported, not undefined.
    pub(super) fn undefined(&mut self, pos: Pos, name: &str) {
        let file = self.scopes.file;
        let mut dotted: Vec<PkgId> = (self.dot_imports.keys())
            .filter(|&&(f, _)| Some(f) == file)
            .map(|&(_, p)| p)
            .collect();
        if dotted.contains(&UNSUPPORTED_PKG) {
            return;
        }
        dotted.sort();
        for p in dotted {
            let Some(pkg) = self.prog.packages.get(p) else {
                continue; // unsafe's names are all declared
            };
            if is_exported(name) && crate::compile::go_api::exports(&pkg.path, name) {
                let what = format!("{}.{name}", pkg.name);
                self.unsupported(pos, &what);
                return;
            }
        }
        self.error(pos, format!("undefined: {name}"));
    }

    pub(super) fn lookup(&mut self, name: &str) -> Option<ObjId> {
        if let Some(id) = self.scopes.lookup(name) {
            // A name of another package is in scope through a dot import of this file.
            let owner = self.prog.objs[id as usize].pkg;
            if owner != self.pkg {
                if let Some(file) = self.scopes.file {
                    if let Some(&imp) = self.dot_imports.get(&(file, owner)) {
                        self.prog.objs[imp as usize].used = true;
                    }
                }
            }
            return Some(id);
        }
        if let Some(id) = self.member(self.pkg, name) {
            return Some(id);
        }
        self.universe.get(name).copied()
    }
}

/// Whether an imported package's function may be inlined by its importers, by its syntax
/// alone: non-generic, within the inliner's budget by its nodes (calls not weighted: the
/// inliner decides exactly once the body is checked), free of what is never inlined
/// (lower/inline.rs shape_cost). The runtime's functions are compiled by the runtime's own
/// rules and are never inlined elsewhere.
pub(crate) fn may_inline(path: &str, fd: &FuncDecl) -> bool {
    use crate::compile::lower::inline::{shape_cost, BUDGET};
    let Some(body) = &fd.body else { return false };
    if path == "runtime" || fd.noinline || fd.linkname.is_some() || fd.is_generic() {
        return false;
    }
    shape_cost(body).is_some_and(|c| c <= BUDGET)
}
