//! Instantiation (Go spec, "Instantiations"; go/types instantiate.go, subst.go): generic
//! types and functions with their type arguments, the substitution of type arguments for type
//! parameters, the check that each argument satisfies its constraint, and the queue of
//! instance bodies.
//!
//! tbuild stencils fully (DESIGN.md "Generics"): each instance with concrete type arguments
//! is a function of its own, `main.Max[int]`, checked from a copy of the generic body in which
//! the type parameters' names denote the arguments, and compiled as any other function. The
//! generic body itself is checked once, with the type parameters as types of their own, for
//! Go's errors; it is never compiled.

use std::rc::Rc;

use super::clone::Renumber;
use super::{PendingBody, TypeParams};
use crate::compile::ast::*;
use crate::compile::check::{Checker, DeclRef, ObjId, ObjKind};
use crate::compile::types::{Field, IMethod, Signature, Type, TypeId};

/// How many instances of one generic function or type a program may make: more is an
/// instantiation cycle (`F[T]` calling `F[[]T]`), which Go reports too.
const MAX_INSTANCES: usize = 2000;

/// How many instance bodies may lead to one another before it is an instantiation cycle.
const MAX_BODY_DEPTH: u32 = 64;

/// How deep an instance of a generic type may nest in its own type arguments.
const MAX_NESTING: u32 = 12;

impl Checker {
    /// The type arguments of a generic declaration's own parameters: the instance `List[T]`
    /// inside List's declaration is List itself.
    fn is_own_params(tps: &TypeParams, args: &[TypeId]) -> bool {
        tps.types.as_slice() == args
    }

    /// `G[args]` for a generic type G: the one instance for these arguments (identical
    /// arguments give the same type). Arguments are checked against the constraints by the
    /// caller (`verify_type_args`), once every type is complete.
    pub(in crate::compile::check) fn instantiate_type(
        &mut self,
        generic: TypeId,
        args: Vec<TypeId>,
    ) -> TypeId {
        let Some(tps) = self.gen.type_tparams.get(&generic).cloned() else {
            return 0;
        };
        if Self::is_own_params(&tps, &args) {
            return generic;
        }
        if let Some(list) = self.gen.type_instances.get(&generic) {
            for (a, inst) in list {
                if a.len() == args.len()
                    && a.iter()
                        .zip(&args)
                        .all(|(x, y)| self.prog.types.identical(*x, *y))
                {
                    return *inst;
                }
            }
        }
        let (pkg, path, name) = match self.prog.types.get(generic) {
            Type::Named {
                pkg, path, name, ..
            } => (pkg.clone(), path.clone(), name.clone()),
            _ => return 0,
        };
        // `func (p Pair[K, V]) Nest() Pair[Pair[K, V], int]` makes instances without end:
        // an instance nested in its own arguments past any real program's depth is Go's
        // "instantiation cycle" (reported at the generic type, as types2 does).
        if args
            .iter()
            .any(|&a| self.nesting(a, generic, 0) > MAX_NESTING)
        {
            if self.gen.cycles_reported.insert(generic) {
                // At the type's first parameter, as types2 reports it (which also names the
                // instantiation that nests; tbuild does not track it).
                let pos = tps
                    .objs
                    .first()
                    .map(|&o| self.prog.objs[o as usize].pos)
                    .unwrap_or_default();
                self.error(pos, "instantiation cycle");
            }
            return 0;
        }
        let inst = self.prog.types.add(Type::Named {
            pkg,
            path,
            name,
            underlying: None,
        });
        self.prog
            .types
            .instances
            .insert(inst, (generic, args.clone()));
        let list = self.gen.type_instances.entry(generic).or_default();
        list.push((args, inst));
        if list.len() > MAX_INSTANCES {
            return 0;
        }
        self.expand_instance(inst);
        inst
    }

    /// How deeply instances of `generic` nest in type t.
    fn nesting(&self, t: TypeId, generic: TypeId, depth: u32) -> u32 {
        if depth > MAX_NESTING {
            return depth;
        }
        let types = &self.prog.types;
        match types.get(t) {
            Type::Pointer(e) | Type::Slice(e) | Type::Array(_, e) | Type::Chan(_, e) => {
                self.nesting(*e, generic, depth)
            }
            Type::Map(k, v) => self
                .nesting(*k, generic, depth)
                .max(self.nesting(*v, generic, depth)),
            Type::Named { .. } => match types.instances.get(&t) {
                Some((g, args)) => {
                    let d = if *g == generic { depth + 1 } else { depth };
                    args.iter()
                        .map(|&a| self.nesting(a, generic, d))
                        .max()
                        .unwrap_or(d)
                }
                None => depth,
            },
            _ => depth,
        }
    }

    /// Gives an instance its underlying type and methods, once its generic type has its
    /// underlying type (else later: `expand_pending`).
    fn expand_instance(&mut self, inst: TypeId) {
        let Some((generic, args)) = self.prog.types.instances.get(&inst).cloned() else {
            return;
        };
        let Type::Named {
            underlying: Some(u),
            ..
        } = self.prog.types.get(generic).clone()
        else {
            self.gen.unexpanded.push(inst);
            return;
        };
        let tps = self.gen.type_tparams[&generic].clone();
        let u = self.subst(u, &tps.types, &args);
        let u = self.prog.types.under(u);
        self.prog.types.set_underlying(inst, u);
        let methods = self
            .gen
            .generic_methods
            .get(&generic)
            .cloned()
            .unwrap_or_default();
        for (name, m, ptr) in methods {
            self.instantiate_method(inst, &name, m, ptr);
        }
    }

    /// Expands the instances made while their generic types were incomplete.
    pub(in crate::compile::check) fn expand_pending(&mut self) {
        let pending = std::mem::take(&mut self.gen.unexpanded);
        for inst in pending {
            let has_under = matches!(
                self.prog.types.get(inst),
                Type::Named {
                    underlying: Some(_),
                    ..
                }
            );
            if !has_under {
                self.expand_instance(inst);
            }
        }
    }

    /// A method of a generic type declared after some of its instances were made: each
    /// instance gets it.
    pub(in crate::compile::check) fn add_method_to_instances(
        &mut self,
        generic: TypeId,
        name: &str,
        m: ObjId,
        ptr: bool,
    ) {
        let insts: Vec<TypeId> = self
            .gen
            .type_instances
            .get(&generic)
            .map(|l| l.iter().map(|(_, i)| *i).collect())
            .unwrap_or_default();
        for inst in insts {
            let has_under = matches!(
                self.prog.types.get(inst),
                Type::Named {
                    underlying: Some(_),
                    ..
                }
            );
            if has_under {
                self.instantiate_method(inst, name, m, ptr);
            }
        }
    }

    /// The method `name` of instance `inst`, from the generic type's method `m`.
    fn instantiate_method(&mut self, inst: TypeId, name: &str, m: ObjId, ptr: bool) {
        if self
            .prog
            .methods
            .get(&inst)
            .is_some_and(|l| l.iter().any(|(n, _, _)| n == name))
        {
            return;
        }
        let args = self.prog.types.instances[&inst].1.clone();
        let obj = self.instantiate_func(m, args);
        self.prog
            .methods
            .entry(inst)
            .or_default()
            .push((name.to_string(), obj, ptr));
    }

    /// The instance of generic function (or method of a generic type) `f` for type
    /// arguments `targs`: a function object of its own, `pkg.F[int]`, whose body is queued
    /// for checking when the arguments are concrete.
    pub(in crate::compile::check) fn instantiate_func(
        &mut self,
        f: ObjId,
        targs: Vec<TypeId>,
    ) -> ObjId {
        self.resolve(f);
        if let Some(list) = self.gen.func_instances.get(&f) {
            for (a, inst) in list {
                if a.len() == targs.len()
                    && a.iter()
                        .zip(&targs)
                        .all(|(x, y)| self.prog.types.identical(*x, *y))
                {
                    return *inst;
                }
            }
        }
        let tps = self.gen.func_tparams.get(&f).cloned().unwrap_or_default();
        let o = self.prog.objs[f as usize].clone();
        let ty = self.subst(o.ty, &tps.types, &targs);
        let symbol = self.instance_symbol(f, &targs);
        let has_body = matches!(o.kind, ObjKind::Func { has_body: true, .. });
        let inst = self.new_obj(
            &o.name,
            o.pos,
            o.pkg,
            ObjKind::Func { symbol, has_body },
            ty,
        );
        self.prog.objs[inst as usize].used = true;
        self.gen
            .func_instances
            .entry(f)
            .or_default()
            .push((targs.clone(), inst));
        self.gen.instance_of.insert(inst, (f, targs.clone()));
        let concrete = !targs.iter().any(|&t| t == 0 || self.has_type_params(t));
        // `f[T]` whose body instantiates `f[[]T]` queues instances without end: past a
        // depth no real program reaches it is Go's "instantiation cycle" (reported at the
        // function's first type parameter, as for types).
        if concrete && self.gen.depth >= MAX_BODY_DEPTH {
            if self.gen.cycles_reported.insert(o.ty) {
                let pos = tps
                    .objs
                    .first()
                    .map(|&p| self.prog.objs[p as usize].pos)
                    .unwrap_or(o.pos);
                self.error(pos, "instantiation cycle");
            }
            return inst;
        }
        if concrete && has_body && self.gen.queued.insert(inst) {
            self.gen.queue.push_back(PendingBody {
                inst,
                origin: f,
                targs,
                depth: self.gen.depth + 1,
            });
        }
        inst
    }

    /// An instance's symbol: `main.Max[int]`, `main.(*List[main.Point]).Push`, with the type
    /// arguments as the runtime spells types (Go's own instances are named for their GC
    /// shape, `main.Max[go.shape.int_0]`; a fully stenciled instance is named for its
    /// arguments).
    fn instance_symbol(&self, f: ObjId, targs: &[TypeId]) -> String {
        let o = &self.prog.objs[f as usize];
        let path = self
            .prog
            .packages
            .get(o.pkg)
            .map(|p| crate::compile::symbol_prefix(&p.path))
            .unwrap_or_default();
        let args: Vec<String> = targs
            .iter()
            .map(|&t| self.prog.types.type_string(t, true))
            .collect();
        let args = format!("[{}]", args.join(","));
        let sig_ty = o.ty;
        let recv = match self.prog.types.get(sig_ty) {
            Type::Func(sig) if self.is_method_decl(f) => sig.params.first().copied(),
            _ => None,
        };
        match recv {
            Some(r) => {
                let (base, ptr) = match self.prog.types.get(r) {
                    Type::Pointer(b) => (*b, true),
                    _ => (r, false),
                };
                let tname = match self.prog.types.get(base) {
                    Type::Named { name, .. } => name.clone(),
                    _ => String::new(),
                };
                if ptr {
                    format!("{path}.(*{tname}{args}).{}", o.name)
                } else {
                    format!("{path}.{tname}{args}.{}", o.name)
                }
            }
            None => format!("{path}.{}{args}", o.name),
        }
    }

    /// Whether a function object is declared with a receiver.
    fn is_method_decl(&self, f: ObjId) -> bool {
        match self.decls.get(&f) {
            Some(DeclRef::Func(file, di)) => {
                matches!(&file.decls[*di], Decl::Func(fd) if fd.recv.is_some())
            }
            _ => false,
        }
    }

    /// Type t with `args[i]` for each type parameter `params[i]` (types2 subst).
    pub(in crate::compile::check) fn subst(
        &mut self,
        t: TypeId,
        params: &[TypeId],
        args: &[TypeId],
    ) -> TypeId {
        if params.is_empty() || !self.has_type_params(t) {
            return t;
        }
        match self.prog.types.get(t).clone() {
            Type::TypeParam { .. } => match params.iter().position(|&p| p == t) {
                Some(i) => args[i],
                None => t,
            },
            Type::Pointer(e) => {
                let e = self.subst(e, params, args);
                self.prog.types.pointer(e)
            }
            Type::Slice(e) => {
                let e = self.subst(e, params, args);
                self.prog.types.slice(e)
            }
            Type::Array(n, e) => {
                let e = self.subst(e, params, args);
                self.prog.types.array(n, e)
            }
            Type::Map(k, v) => {
                let k = self.subst(k, params, args);
                let v = self.subst(v, params, args);
                self.prog.types.map(k, v)
            }
            Type::Chan(d, e) => {
                let e = self.subst(e, params, args);
                self.prog.types.chan(d, e)
            }
            Type::Struct(fields) => {
                let fields: Vec<Field> = fields
                    .into_iter()
                    .map(|f| Field {
                        ty: self.subst(f.ty, params, args),
                        ..f
                    })
                    .collect();
                self.prog.types.add(Type::Struct(fields))
            }
            Type::Tuple(ts) => {
                let ts: Vec<TypeId> = ts.iter().map(|&x| self.subst(x, params, args)).collect();
                self.prog.types.tuple(ts)
            }
            Type::Func(sig) => {
                let sig = self.subst_sig(&sig, params, args);
                self.prog.types.add(Type::Func(sig))
            }
            Type::Interface(ms) => {
                let ms: Vec<IMethod> = ms
                    .iter()
                    .map(|m| IMethod {
                        name: m.name.clone(),
                        sig: self.subst_sig(&m.sig, params, args),
                    })
                    .collect();
                let set = self.prog.types.iface_sets.get(&t).cloned();
                let it = self.prog.types.add(Type::Interface(ms));
                if let Some(mut set) = set {
                    if let Some(terms) = &mut set.terms {
                        for term in terms.iter_mut() {
                            term.ty = self.subst(term.ty, params, args);
                        }
                    }
                    self.prog.types.iface_sets.insert(it, set);
                }
                it
            }
            Type::Named { .. } => {
                let (generic, targs) = match self.prog.types.instances.get(&t).cloned() {
                    Some(inst) => inst,
                    None => match self.gen.type_tparams.get(&t) {
                        Some(tps) => (t, tps.types.clone()),
                        None => return t,
                    },
                };
                let targs: Vec<TypeId> =
                    targs.iter().map(|&x| self.subst(x, params, args)).collect();
                self.instantiate_type(generic, targs)
            }
            Type::Basic(_) => t,
        }
    }

    fn subst_sig(&mut self, sig: &Signature, params: &[TypeId], args: &[TypeId]) -> Signature {
        Signature {
            params: sig
                .params
                .iter()
                .map(|&x| self.subst(x, params, args))
                .collect(),
            results: sig
                .results
                .iter()
                .map(|&x| self.subst(x, params, args))
                .collect(),
            ..sig.clone()
        }
    }

    /// Whether type argument `arg` satisfies the constraint of type parameter `tp` (Go spec,
    /// "Satisfying a type constraint"), else Go's reason: `string does not implement Number
    /// (string missing in ~int | ~float64)`.
    pub(in crate::compile::check) fn satisfies(
        &mut self,
        arg: TypeId,
        tp: TypeId,
        params: &[TypeId],
        args: &[TypeId],
    ) -> Result<(), String> {
        let bound = self.prog.types.bound_of(tp);
        if bound == 0 || arg == 0 {
            return Ok(());
        }
        let bound_shown = self.tn(bound);
        let bound = self.subst(bound, params, args);
        let an = self.tn(arg);
        // The type set: arg (or, for a type parameter, each type of its set) must be in it.
        if let Some(terms) = self.prog.types.terms_of(bound) {
            let ok = match self.prog.types.terms_of(arg) {
                Some(sub) if self.prog.types.is_type_param(arg) => self
                    .prog
                    .types
                    .terms_subset(&Some(sub), &Some(terms.clone())),
                _ if self.prog.types.is_type_param(arg) => false,
                _ => terms.iter().any(|t| self.prog.types.term_includes(*t, arg)),
            };
            if !ok {
                let set = self.prog.types.terms_string(&terms);
                if self.prog.types.is_type_param(arg) {
                    return Err(format!("{an} does not implement {bound_shown}"));
                }
                return Err(format!(
                    "{an} does not implement {bound_shown} ({an} missing in {set})"
                ));
            }
        }
        if self.prog.types.has_comparable(bound) && !self.strictly_comparable(arg) {
            return Err(format!("{an} does not implement comparable"));
        }
        if !self.prog.types.interface_methods(bound).is_empty() {
            if let Err(why) = self.implements(arg, bound) {
                // implements names the substituted constraint; Go names it as written.
                let shown = self.tn(bound);
                return Err(why.replacen(&shown, &bound_shown, 1));
            }
        }
        Ok(())
    }

    /// Whether values of type t are comparable without a run-time panic, as Go 1.19's
    /// `comparable` requires: no interface, not even inside an array or struct (Go 1.20
    /// relaxes this).
    fn strictly_comparable(&self, t: TypeId) -> bool {
        let types = &self.prog.types;
        if types.is_type_param(t) {
            return self.comparable_type(t);
        }
        match types.get(types.under(t)) {
            Type::Interface(_) => false,
            Type::Array(_, e) => self.strictly_comparable(*e),
            Type::Struct(fields) => fields.iter().all(|f| self.strictly_comparable(f.ty)),
            _ => self.comparable(t),
        }
    }

    /// Checks each type argument against its constraint; reports at the argument's position.
    pub(in crate::compile::check) fn verify_type_args(
        &mut self,
        params: &[TypeId],
        args: &[TypeId],
        positions: &[Pos],
        fallback: Pos,
    ) -> bool {
        for (i, (&tp, &arg)) in params.iter().zip(args).enumerate() {
            if let Err(why) = self.satisfies(arg, tp, params, args) {
                let pos = positions.get(i).copied().unwrap_or(fallback);
                self.error(pos, why);
                return false;
            }
        }
        true
    }

    /// Leaves the lowering only the methods of concrete types: a generic type's and an
    /// instance's with type parameters among its arguments are never compiled.
    pub(in crate::compile::check) fn drop_generic_methods(&mut self) {
        let generic: Vec<TypeId> = self
            .prog
            .methods
            .keys()
            .copied()
            .filter(|&t| self.gen.type_tparams.contains_key(&t) || self.has_type_params(t))
            .collect();
        for t in generic {
            self.prog.methods.remove(&t);
        }
    }

    /// Checks the queued instance bodies (more may be queued meanwhile), each as a function
    /// of the package being compiled.
    pub(in crate::compile::check) fn check_instance_bodies(&mut self, pkg: usize) {
        while let Some(p) = self.gen.queue.pop_front() {
            self.check_instance_body(p, pkg);
        }
    }

    fn check_instance_body(&mut self, p: PendingBody, emit_pkg: usize) {
        let Some(DeclRef::Func(file, di)) = self.decls.get(&p.origin).cloned() else {
            return;
        };
        let Decl::Func(fd) = &file.decls[di] else {
            return;
        };
        self.gen.next_inst += 1;
        let copy = Renumber {
            next_id: &mut self.gen.next_expr,
            inst: self.gen.next_inst,
        }
        .func_decl(fd);
        let copy_file = Rc::new(File {
            name: file.name.clone(),
            package: file.package.clone(),
            package_pos: file.package_pos,
            package_name_pos: file.package_name_pos,
            imports: Vec::new(),
            decls: vec![Decl::Func(copy)],
            misplaced: Vec::new(),
        });
        // The copy is checked where the generic function is declared: its package and file
        // scope, then its type parameters' names, each denoting its argument.
        let origin_pkg = self.prog.objs[p.origin as usize].pkg;
        let saved = self.enter_file(origin_pkg, file.package_pos.file);
        let names = self.gen.func_tparams[&p.origin].names.clone();
        let mut binding = crate::HashMap::default();
        for (name, &arg) in names.iter().zip(&p.targs) {
            if name == "_" {
                continue;
            }
            let o = self.new_obj(name, Pos::default(), origin_pkg, ObjKind::TypeName, arg);
            self.prog.objs[o as usize].used = true;
            self.gen.targ_objs.insert(o);
            binding.insert(name.clone(), o);
        }
        self.scopes.push_scope(binding);
        self.decls
            .insert(p.inst, DeclRef::Func(copy_file.clone(), 0));
        let saved_mode = std::mem::replace(&mut self.gen.in_instance, true);
        let saved_depth = std::mem::replace(&mut self.gen.depth, p.depth);
        self.check_func_body(p.inst, &copy_file, 0);
        self.gen.depth = saved_depth;
        self.gen.in_instance = saved_mode;
        self.leave_file(saved);
        self.prog.packages[emit_pkg]
            .funcs
            .push((p.inst, copy_file, 0));
    }
}
