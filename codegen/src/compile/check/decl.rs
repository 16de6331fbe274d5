//! Package-level declarations, resolved on first use so that they may appear in any order
//! (go/types decl.go): types (with the check for types that contain themselves, validtype.go),
//! constants, variables with their static or dynamic initialisers, function signatures, and the
//! methods attached to their receiver's base type.

use std::rc::Rc;

use super::exprstring::{expr_string, start_pos, type_expr_string};
use super::operand::Mode;
use super::{CallKind, Checker, DeclRef, ObjId, ObjKind, State, VarKind};
use crate::compile::ast::*;
use crate::compile::types::{Const, Type, TypeId};

impl Checker {
    /// Reports a type that contains itself by value (Go: "invalid recursive type"), with the
    /// cycle as types2 prints it, and breaks the cycle so layout terminates.
    pub(super) fn check_recursive(&mut self, named: TypeId, pos: Pos) {
        let mut path = vec![named];
        if !self.contains_by_value(named, self.prog.types.under(named), &mut path, 0) {
            return;
        }
        self.report_recursive(named, &path, pos);
    }

    /// "invalid recursive type T" with the cycle `path` as types2 prints it, each type at its
    /// declaration; the type becomes invalid, so that nothing follows the cycle again.
    pub(super) fn report_recursive(&mut self, named: TypeId, path: &[TypeId], pos: Pos) {
        let name = self.tn(named);
        let mut msg = format!("invalid recursive type {name}");
        for (i, t) in path.iter().enumerate() {
            let tail = if i + 1 < path.len() { " refers to" } else { "" };
            // Each type at its own declaration.
            let p = self.type_decl_pos(*t).unwrap_or(pos);
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

    /// Where defined type t is declared (None for a type no declaration names).
    pub(super) fn type_decl_pos(&self, t: TypeId) -> Option<Pos> {
        (self.prog.objs.iter())
            .find(|o| matches!(o.kind, ObjKind::TypeName) && o.ty == t && o.pos != Pos::default())
            .map(|o| o.pos)
    }

    /// Whether following `t`'s chain of named types (`type T2 T1`) ends at one whose
    /// definition is still being read (no underlying type yet), or goes round a cycle.
    pub(super) fn chain_unfinished(&self, mut t: TypeId) -> bool {
        for _ in 0..1000 {
            match self.prog.types.get(t) {
                Type::Named {
                    underlying: None, ..
                } => return true,
                Type::Named {
                    underlying: Some(u),
                    ..
                } => t = *u,
                _ => return false,
            }
        }
        true
    }

    /// `type A B; type B A`: a chain of named types that comes back to `named` has no
    /// underlying type at all: "invalid recursive type", and the cycle is broken.
    fn check_named_cycle(&mut self, named: TypeId, pos: Pos) {
        let mut path = vec![named];
        let mut t = named;
        loop {
            let Type::Named {
                underlying: Some(u),
                ..
            } = self.prog.types.get(t)
            else {
                return;
            };
            t = *u;
            if t == named {
                path.push(named);
                break;
            }
            if path.contains(&t) || !matches!(self.prog.types.get(t), Type::Named { .. }) {
                return;
            }
            path.push(t);
        }
        self.report_recursive(named, &path, pos);
    }

    /// Whether `t` holds `target` by value (through struct fields and array elements, not
    /// through pointers, slices, functions or interfaces); `path` collects the named types.
    pub(super) fn contains_by_value(
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
        // A definition whose underlying type was still being read is the named type itself
        // (`type D [2]D2; type D2 D`): follow it.
        if let Type::Named { underlying, .. } = types.get(t) {
            if t == target {
                path.push(target);
                return true;
            }
            let Some(u) = *underlying else { return false };
            if path.contains(&t) {
                return false;
            }
            path.push(t);
            if self.contains_by_value(target, u, path, depth + 1) {
                return true;
            }
            path.pop();
            return false;
        }
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
    pub(super) fn declare_method(&mut self, id: ObjId, f: &Rc<File>, di: usize, path: &str) {
        let Decl::Func(fd) = &f.decls[di] else { return };
        let Some(recv) = &fd.recv else { return };
        // `(l *List[E])`: a method of generic type List (generics/).
        let Some((base, ptr, recv_targs)) = fd.receiver() else {
            return;
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
        // After resolving: an alias's object then has the type it names, to which a method
        // declared through it belongs (Go spec, "Method declarations"), as a pointer
        // receiver if it names a pointer (`type P = *T; func (P) M()`). types2's messages
        // (signature.go validRecv).
        self.resolve(tobj);
        let mut named = self.prog.objs[tobj as usize].ty;
        let mut ptr = ptr;
        if matches!(self.prog.types.get(named), Type::Pointer(_)) {
            if ptr {
                let shown = self.prog.types.name(named);
                self.error(recv.ty.pos, format!("invalid receiver type *{shown}"));
                return;
            }
            named = self.prog.types.elem_of_pointer(named);
            ptr = true;
        }
        match self.prog.types.get(named) {
            Type::Named { path, .. } if *path == self.prog.packages[self.pkg].path => {}
            Type::Named { .. } | Type::Basic(_) => {
                let shown = self.prog.types.name(named);
                let msg = format!("cannot define new methods on non-local type {shown}");
                self.error(base.pos, msg);
                return;
            }
            _ if named == 0 => return,
            _ => {
                let shown = self.prog.types.name(named);
                self.error(base.pos, format!("invalid receiver type {shown}"));
                return;
            }
        }
        if self.prog.types.is_pointer(named) {
            self.error(
                base.pos,
                format!("invalid receiver type {tname} (pointer or interface type)"),
            );
            return;
        }
        let generic = self.gen.type_tparams.get(&named).map(|t| t.types.len());
        match (generic, recv_targs) {
            (Some(n), Some(args)) if args.len() != n => {
                self.error(
                    recv.ty.pos,
                    format!(
                        "got {} type parameters, but receiver base type declares {n}",
                        args.len()
                    ),
                );
                return;
            }
            (Some(_), None) => {
                let shown = self.generic_type_string(named);
                self.error(
                    base.pos,
                    format!("cannot use generic type {shown} without instantiation"),
                );
                return;
            }
            (None, Some(_)) => {
                self.error(base.pos, format!("{tname} is not a generic type"));
                return;
            }
            _ => {}
        }
        if !fd.tparams.is_empty() {
            self.error(fd.pos, "methods cannot have type parameters");
            return;
        }
        let list = self.prog.methods.entry(named).or_default();
        if let Some((_, prev, _)) = list
            .iter()
            .find(|(n, _, _)| *n == fd.name && fd.name != "_")
        {
            // types2 decl.go collectMethods, with CompilerErrorMessages.
            let p = self.prog.objs[*prev as usize].pos;
            let at = self.prog.pos_string(p);
            let name = &fd.name;
            self.error(
                fd.pos,
                format!(
                    "{tname}.{name} redeclared in this block\n\t{at}: other declaration of {name}"
                ),
            );
            return;
        }
        // A blank method is checked but belongs to no method set (types2 collectMethods).
        if fd.name == "_" {
            return;
        }
        // types2 collectMethods: a field of the struct declared as the receiver's type
        // (embedded fields by their type's name) may not share the method's name.
        if let Some(DeclRef::Type(f, di)) = self.decls.get(&tobj) {
            if let Decl::Type(ts) = &f.decls[*di] {
                if let TypeExprKind::Struct(fields) = &ts.ty.kind {
                    if let Some(fld) = fields.iter().find(|x| x.name == fd.name) {
                        let at = self.prog.pos_string(fld.pos);
                        let name = &fd.name;
                        self.error(
                            fd.pos,
                            format!(
                                "field and method with the same name {name}\n\t{at}: other declaration of {name}"
                            ),
                        );
                        return;
                    }
                }
            }
        }
        let list = self.prog.methods.entry(named).or_default();
        list.push((fd.name.clone(), id, ptr));
        if generic.is_some() {
            self.gen
                .generic_methods
                .entry(named)
                .or_default()
                .push((fd.name.clone(), id, ptr));
            self.add_method_to_instances(named, &fd.name, id, ptr);
        }
        let path = crate::compile::symbol_prefix(path);
        let symbol = if ptr {
            format!("{path}.(*{tname}).{}", fd.name)
        } else {
            format!("{path}.{tname}.{}", fd.name)
        };
        if let ObjKind::Func { symbol: s, .. } = &mut self.prog.objs[id as usize].kind {
            *s = symbol;
        }
    }

    /// Resolves a package-level object's type (and value, for constants) on first use.
    pub(super) fn resolve(&mut self, id: ObjId) {
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
        // Declarations that refer to declarations (const c2 = c1 + 1; const c1 = ...) are
        // resolved recursively, to a depth the parser does not bound.
        let o = &self.prog.objs[id as usize];
        let what = match o.kind {
            ObjKind::TypeName => "type",
            _ => "expression",
        };
        if self.out_of_stack(o.pos, what) {
            return;
        }
        self.state.insert(id, State::InProgress);
        let d = self.decls[&id].clone();
        // Package-level declarations are checked in the package scope (plus file imports, which
        // are on the scope stack when a body triggers resolution; save and restore it).
        let saved_scopes = std::mem::take(&mut self.scopes);
        let saved_iota = self.iota.take();
        // In its own package: an imported package's constants and functions are resolved
        // when the importer first uses them (resolver.rs check_package).
        let saved_pkg = std::mem::replace(&mut self.pkg, self.prog.objs[id as usize].pkg);
        let file = match &d {
            DeclRef::Type(f, ..)
            | DeclRef::Const(f, ..)
            | DeclRef::Var(f, ..)
            | DeclRef::Func(f, ..) => f.package_pos.file,
        };
        self.push_file_scope(file);
        match d {
            DeclRef::Type(f, di) => {
                if let Decl::Type(ts) = &f.decls[di] {
                    let named = self.prog.objs[id as usize].ty;
                    if !ts.tparams.is_empty() && ts.alias {
                        self.error(ts.pos, "generic type cannot be alias");
                        self.prog.objs[id as usize].ty = 0;
                    } else if !ts.tparams.is_empty() {
                        self.state.insert(id, State::Done);
                        self.declare_generic_type(named, ts);
                    } else if ts.alias {
                        let t = self.decl_rhs_type(&ts.ty);
                        self.prog.objs[id as usize].ty = t;
                    } else {
                        self.state.insert(id, State::Done);
                        let u = self.decl_rhs_type(&ts.ty);
                        // `type T1 struct{ next *T2 }; type T2 T1`: T2 is resolved while T1's
                        // definition is still being read, and T1 has no underlying type yet.
                        // T2 then takes T1 itself, and `under` follows the chain once T1 is
                        // done (Go's bug336).
                        let pending = u != named && self.chain_unfinished(u);
                        let u = if pending { u } else { self.prog.types.under(u) };
                        self.prog.types.set_underlying(named, u);
                        if pending {
                            self.check_named_cycle(named, ts.pos);
                        }
                        self.check_recursive(named, ts.pos);
                        self.complete_embeds();
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
                    // A generic function's signature mentions its type parameters.
                    let generic = self.enter_func_tparams(id, fd);
                    let saved_recv = self.gen.recv_generic.take();
                    if fd.recv.is_some() && generic {
                        self.gen.recv_generic = self.generic_receiver(fd).map(|(g, _)| g);
                    }
                    // A method's receiver is its first parameter.
                    let sig = self.signature(fd.recv.as_ref(), &fd.params, &fd.results);
                    self.gen.recv_generic = saved_recv;
                    if generic {
                        self.scopes.pop();
                    }
                    let t = self.prog.types.add(Type::Func(sig));
                    self.prog.objs[id as usize].ty = t;
                }
            }
        }
        self.scopes = saved_scopes;
        self.iota = saved_iota;
        self.pkg = saved_pkg;
        self.state.insert(id, State::Done);
        self.declare_lazy_methods(id);
    }

    /// Go's count check of a const or var spec (types2 resolver.go arity): the first
    /// extra value, or the first name without one (a var spec with one value may be a
    /// multi-valued call, checked later). Reports whether the counts disagree.
    pub(super) fn arity(
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

    /// The type and value of constant number `ni` of a spec (types2 constDecl): the type
    /// first, which must be a boolean, numeric or string type, then the value.
    pub(super) fn const_spec_value(&mut self, spec: &ConstSpec, ni: usize) -> (TypeId, Const) {
        if ni == 0 {
            // Once per spec; a name without a value gets none.
            self.arity(&spec.names, &spec.values, true, spec.implicit);
        }
        let declared = match &spec.ty {
            Some(te) => {
                let t = self.resolve_type(te);
                if t == 0 {
                    return (0, Const::Int(0));
                }
                if !self.is_const_type(t) {
                    self.error(te.pos, format!("invalid constant type {}", self.tn(t)));
                    return (0, Const::Int(0));
                }
                Some(t)
            }
            None => None,
        };
        let Some(e) = spec.values.get(ni) else {
            return (0, Const::Int(0));
        };
        // A const declaration inside a function literal inside another's value has its own
        // iota, and the outer one is in scope again after it (go's issue22344.go).
        let outer_iota = self.iota.replace(spec.iota);
        let mut op = self.expr(e);
        self.iota = outer_iota;
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
        if let Some(t) = declared {
            if !self.assign(e, &mut op, t, "constant declaration") {
                return (0, Const::Int(0));
            }
        }
        (op.ty, op.val.unwrap_or(Const::Int(0)))
    }

    /// Whether constants may have type t: a boolean, numeric or string type (types2
    /// isConstType).
    fn is_const_type(&self, t: TypeId) -> bool {
        let types = &self.prog.types;
        types.is_bool(t) || types.is_numeric(t) || types.is_string(t)
    }

    pub(super) fn global_var(&mut self, id: ObjId, vs: &VarSpec, ni: usize) {
        self.cur_decl.push(id);
        self.global_var_inner(id, vs, ni);
        self.cur_decl.pop();
    }

    pub(super) fn global_var_inner(&mut self, id: ObjId, vs: &VarSpec, ni: usize) {
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
            // Once per spec: each name, blank ones included, comes here, and the call must
            // run once (`var c, _ = f()` calls f once).
            if self
                .dyn_specs
                .iter()
                .any(|(_, e, _)| e.id == vs.values[0].id)
            {
                return;
            }
            let e = &vs.values[0];
            // A multi-value call, or a comma-ok form (`var v, ok = x.(T)`).
            let ops = self.expr_list_values_n(&vs.values, vs.names.len());
            if ops.iter().any(|(_, o)| o.mode == Mode::Invalid) {
                return;
            }
            let types: Vec<TypeId> = ops.iter().map(|(_, o)| o.ty).collect();
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
            // `var a, b interface{} = g()`: each result converts on its own.
            if let Some(d) = declared {
                self.note_tuple_conversions(e, &types, &vec![d; types.len()]);
            }
            // Every variable of the spec depends on what the call refers to.
            let r = self.refs.get(&id).cloned().unwrap_or_default();
            for o in objs.iter().flatten() {
                self.refs.entry(*o).or_default().extend(r.iter().copied());
            }
            self.dyn_specs.push((objs, e.clone(), id));
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
        if op.mode != Mode::Invalid && !self.is_static_init(e, ty) {
            self.dyn_specs.push((vec![objs[ni]], e.clone(), id));
        } else {
            self.prog.packages[self.pkg]
                .global_inits
                .insert(id, e.clone());
        }
        self.prog.objs[id as usize].ty = ty;
    }

    /// Whether a package-level initialiser of a variable of type `dst` can be laid down as
    /// bytes by the compiler. Only values whose bytes are those of `dst` itself qualify: a
    /// value stored in an interface needs its type word and (for non-pointers) a boxed copy,
    /// and a conversion that changes representation (`[]byte("s")`, `[]rune(s)`) builds a new
    /// value, so both are left to the package's init function.
    pub(super) fn is_static_init(&mut self, e: &Expr, dst: TypeId) -> bool {
        if self.prog.types.is_interface(dst) {
            // The zero interface is the only one with no type word.
            return match &e.kind {
                ExprKind::Paren(x) => self.is_static_init(x, dst),
                ExprKind::Ident(_) => self.is_nil(e),
                _ => false,
            };
        }
        if self.prog.info.consts.contains_key(&e.id) {
            return true;
        }
        match &e.kind {
            ExprKind::Paren(x) => self.is_static_init(x, dst),
            ExprKind::Unary(UnOp::Addr, x) => matches!(
                self.prog
                    .info
                    .uses
                    .get(&x.id)
                    .map(|o| &self.prog.objs[*o as usize].kind),
                Some(ObjKind::Var(VarKind::Global))
            ),
            // Struct and array literals are laid down as bytes, each element checked against
            // its own type; a slice literal needs a backing array allocated at run time.
            ExprKind::Composite { elems, .. } => {
                let t = self.prog.info.types.get(&e.id).copied().unwrap_or(0);
                let under = self.prog.types.under(t);
                if let Type::Array(_, et) = self.prog.types.get(under).clone() {
                    return elems.iter().all(|el| self.is_static_init(&el.value, et));
                }
                let Some(fields) = self.prog.types.fields(t) else {
                    return false;
                };
                elems.iter().enumerate().all(|(i, el)| {
                    let f = match el.key.as_ref().map(|k| &k.kind) {
                        Some(ExprKind::Ident(name)) => fields.iter().find(|f| &f.name == name),
                        None => fields.get(i),
                        _ => None,
                    };
                    f.is_some_and(|f| self.is_static_init(&el.value, f.ty))
                })
            }
            // A conversion between types of one representation keeps the operand's bytes.
            ExprKind::Call { args, .. } => {
                let conversion = matches!(
                    self.prog.info.calls.get(&e.id),
                    Some(CallKind::Conversion(_))
                );
                let [a] = args.as_slice() else {
                    return false;
                };
                // []byte("const"): cmd/compile lays the bytes down as a writable array of
                // their length (staticinit, OSTR2BYTES), so its cap is its len.
                if conversion
                    && self.prog.types.is_byte_slice(dst)
                    && matches!(self.prog.info.consts.get(&a.id), Some(Const::Str(s)) if !s.is_empty())
                {
                    return true;
                }
                let from = self.prog.info.types.get(&a.id).copied().unwrap_or(0);
                let same = {
                    let types = &self.prog.types;
                    types.identical(types.under(from), types.under(dst))
                };
                conversion && same && self.is_static_init(a, from)
            }
            ExprKind::Ident(_) => self.is_nil(e),
            _ => false,
        }
    }
}
