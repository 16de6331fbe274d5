//! Type parameters and constraints (Go spec, "Type parameter declarations", "Type
//! constraints", "General interfaces"; go/types typeparam.go, interface.go, union.go,
//! typeset.go): declaring the type parameter lists of generic functions, types and methods'
//! receivers, resolving constraints (unions, `~T`, `comparable`, implicit interfaces), and
//! what the checker asks of a type parameter's type set: comparability, core types, and how
//! operands of such types are described in messages.
//!
//! [`GenState`] holds everything the checker keeps about generics; instantiation is in
//! `instantiate`, inference in `infer`, the copies of generic bodies in `clone`.

mod clone;
mod exprs;
mod infer;
mod instantiate;

use crate::{HashMap, HashSet};
use std::collections::VecDeque;

use super::exprstring::type_expr_string;
use super::ifaces::PendingEmbed;
use super::{Checker, ObjId, ObjKind};
use crate::compile::ast::*;
use crate::compile::types::{IMethod, Type, TypeId, TypeSetInfo, TypeTerm};

/// The type parameters a generic function, type or method declares: their types (in order)
/// and the type-name objects that denote them in the declaration's scope.
#[derive(Clone, Debug, Default)]
pub(super) struct TypeParams {
    pub(super) types: Vec<TypeId>,
    pub(super) objs: Vec<ObjId>,
    pub(super) names: Vec<String>,
}

/// A body to check as an instance of a generic function or method: the instance, the
/// generic declaration and the names its type parameters have there, bound to the arguments.
#[derive(Clone, Debug)]
pub(super) struct PendingBody {
    pub(super) inst: ObjId,
    pub(super) origin: ObjId,
    pub(super) targs: Vec<TypeId>,
    /// How many instance bodies led to this one (0: queued by non-instance code).
    pub(super) depth: u32,
}

/// What the checker keeps about generics (see DESIGN.md "Generics").
#[derive(Default)]
pub(super) struct GenState {
    /// Generic functions and methods of generic types (by function object): the type
    /// parameters they declare (a method's are its receiver type's, under the names its
    /// receiver gives them).
    pub(super) func_tparams: HashMap<ObjId, TypeParams>,
    /// Generic types (by the defined type): their type parameters.
    pub(super) type_tparams: HashMap<TypeId, TypeParams>,
    /// The declaration of each generic type's parameters, for "List[T any]" in messages.
    pub(super) type_tparam_src: HashMap<TypeId, String>,
    /// The instances of each generic type: (type arguments, instance).
    pub(super) type_instances: HashMap<TypeId, Vec<(Vec<TypeId>, TypeId)>>,
    /// Instances made before their generic type's underlying type was known.
    pub(super) unexpanded: Vec<TypeId>,
    /// Methods of generic types, by generic type: (name, method, pointer receiver).
    pub(super) generic_methods: HashMap<TypeId, Vec<(String, ObjId, bool)>>,
    /// Instances of generic functions and methods: (type arguments, instance), by generic.
    pub(super) func_instances: HashMap<ObjId, Vec<(Vec<TypeId>, ObjId)>>,
    /// The generic function or method of each instance, and its type arguments.
    pub(super) instance_of: HashMap<ObjId, (ObjId, Vec<TypeId>)>,
    /// Instance bodies still to check.
    pub(super) queue: VecDeque<PendingBody>,
    pub(super) queued: HashSet<ObjId>,
    /// The number of instance bodies made, which tags their positions (`Pos::inst`).
    pub(super) next_inst: u32,
    /// The next free expression id, for the copies of generic bodies.
    pub(super) next_expr: u32,
    /// The interface `comparable` stands for.
    pub(super) comparable: TypeId,
    /// Resolving a constraint (or an interface element): constraint interfaces are allowed.
    pub(super) constraint_depth: u32,
    /// Resolving the signature of a method of this generic type: in its receiver
    /// `List[_]`, a blank names the type's parameter at its place.
    pub(super) recv_generic: Option<TypeId>,
    /// Checking an instance's body: what only the generic body can decide (an impossible
    /// type assertion) is not reported again.
    pub(super) in_instance: bool,
    /// Checking a generic function's own body.
    pub(super) in_generic_body: bool,
    /// Generic types already reported for an instantiation cycle.
    pub(super) cycles_reported: HashSet<TypeId>,
    /// The depth of the instance body being checked (PendingBody::depth).
    pub(super) depth: u32,
    /// The objects that name type arguments in instances' bodies: a conversion to one is
    /// not constant, as the conversion to the type parameter is not in the generic body.
    pub(super) targ_objs: HashSet<ObjId>,
}

impl Checker {
    /// Declares `comparable` (Go spec, "Predeclared identifiers"): an interface whose type set
    /// is every comparable type.
    pub(super) fn init_comparable(&mut self) {
        let iface = self.prog.types.add(Type::Interface(Vec::new()));
        self.prog.types.iface_sets.insert(
            iface,
            TypeSetInfo {
                terms: None,
                comparable: true,
                display: "interface{comparable}".into(),
            },
        );
        let named = self.prog.types.add(Type::Named {
            pkg: String::new(),
            path: String::new(),
            name: "comparable".into(),
            underlying: Some(iface),
        });
        let id = self.new_obj(
            "comparable",
            Pos::default(),
            usize::MAX,
            ObjKind::TypeName,
            named,
        );
        self.universe.insert("comparable".into(), id);
        self.gen.comparable = named;
    }

    /// Declares a type parameter list in a new scope (left pushed: the caller pops it), then
    /// resolves the constraints, which may name any of the list's parameters.
    pub(super) fn declare_type_params(&mut self, decls: &[TypeParamDecl]) -> TypeParams {
        let mut tps = TypeParams::default();
        self.scopes.push();
        for (i, d) in decls.iter().enumerate() {
            let tp = self.prog.types.add(Type::TypeParam {
                name: d.name.clone(),
                index: i as u32,
                bound: 0,
            });
            let o = self.new_obj(&d.name, d.pos, self.pkg, ObjKind::TypeName, tp);
            self.prog.objs[o as usize].used = true;
            self.prog.info.defs.insert(d.pos, o);
            if d.name != "_" {
                self.declare_local(&d.name, o, d.pos);
            }
            tps.types.push(tp);
            tps.objs.push(o);
            tps.names.push(d.name.clone());
        }
        for (d, &tp) in decls.iter().zip(&tps.types) {
            let b = self.bound_type(&d.constraint);
            self.prog.types.set_bound(tp, b);
        }
        tps
    }

    /// Pushes a scope in which the type parameters' names denote them.
    pub(super) fn push_tparams(&mut self, tps: &TypeParams) {
        // `_` declares nothing (a receiver's `List[_]` is resolved by position:
        // `recv_generic`).
        let scope = tps
            .names
            .iter()
            .zip(&tps.objs)
            .filter(|(n, _)| *n != "_")
            .map(|(n, o)| (n.clone(), *o))
            .collect();
        self.scopes.push_scope(scope);
    }

    /// For a generic function or a method of a generic type, pushes the scope of its type
    /// parameters (declaring them the first time) and says so; else pushes nothing.
    pub(super) fn enter_func_tparams(&mut self, id: ObjId, fd: &FuncDecl) -> bool {
        if let Some(tps) = self.gen.func_tparams.get(&id).cloned() {
            self.push_tparams(&tps);
            return true;
        }
        if !fd.tparams.is_empty() {
            let tps = self.declare_type_params(&fd.tparams);
            self.gen.func_tparams.insert(id, tps);
            return true;
        }
        // A method of a generic type: its receiver `(l *List[E])` names the type's
        // parameters anew (Go spec, "Method declarations").
        let Some((generic, names)) = self.generic_receiver(fd) else {
            return false;
        };
        let Some(type_tps) = self.gen.type_tparams.get(&generic).cloned() else {
            return false;
        };
        let mut tps = TypeParams::default();
        for (name, (&t, _)) in names.iter().zip(type_tps.types.iter().zip(&type_tps.objs)) {
            let pos = name.1;
            let o = self.new_obj(&name.0, pos, self.pkg, ObjKind::TypeName, t);
            self.prog.objs[o as usize].used = true;
            self.prog.info.defs.insert(pos, o);
            tps.types.push(t);
            tps.objs.push(o);
            tps.names.push(name.0.clone());
        }
        self.push_tparams(&tps);
        self.gen.func_tparams.insert(id, tps);
        true
    }

    /// The generic type of a method's receiver `(l *List[E])` and the names it gives the
    /// type's parameters, when the receiver's type is a generic type of this package.
    pub(super) fn generic_receiver(
        &mut self,
        fd: &FuncDecl,
    ) -> Option<(TypeId, Vec<(String, Pos)>)> {
        let recv = fd.recv.as_ref()?;
        let base = match &recv.ty.kind {
            TypeExprKind::Pointer(t) => &**t,
            _ => &recv.ty,
        };
        let TypeExprKind::Instance(g, args) = &base.kind else {
            return None;
        };
        let TypeExprKind::Name(tname) = &g.kind else {
            return None;
        };
        let tobj = *self.prog.packages[self.pkg].scope.get(tname)?;
        if !matches!(self.prog.objs[tobj as usize].kind, ObjKind::TypeName) {
            return None;
        }
        self.resolve(tobj);
        let named = self.prog.objs[tobj as usize].ty;
        if !self.gen.type_tparams.contains_key(&named) {
            return None;
        }
        let mut names = Vec::new();
        for a in args {
            match &a.kind {
                TypeExprKind::Name(n) => names.push((n.clone(), a.pos)),
                _ => {
                    let text = super::exprstring::type_expr_string(a);
                    self.error(
                        a.pos,
                        format!("receiver type parameter {text} must be an identifier"),
                    );
                    return None;
                }
            }
        }
        Some((named, names))
    }

    /// `type List[T any] U`: declares List's type parameters and resolves U with them; the
    /// generic type's underlying type is U, the instances' U with the arguments substituted.
    pub(in crate::compile::check) fn declare_generic_type(&mut self, named: TypeId, ts: &TypeSpec) {
        let tps = self.declare_type_params(&ts.tparams);
        self.gen.type_tparams.insert(named, tps);
        self.gen
            .type_tparam_src
            .insert(named, tparams_source(&ts.tparams));
        if let TypeExprKind::Name(n) = &ts.ty.kind {
            if ts.tparams.iter().any(|p| &p.name == n) {
                self.error(
                    ts.ty.pos,
                    "cannot use a type parameter as RHS in type declaration",
                );
                self.scopes.pop();
                return;
            }
        }
        let u = self.decl_rhs_type(&ts.ty);
        self.scopes.pop();
        let u = self.prog.types.under(u);
        self.prog.types.set_underlying(named, u);
        self.check_recursive(named, ts.pos);
        self.complete_embeds();
        self.expand_pending();
    }

    /// The type a type declaration defines (`type C interface{ ~int }`): a constraint
    /// interface may be declared, only its uses are restricted (`value_type`).
    pub(in crate::compile::check) fn decl_rhs_type(&mut self, te: &TypeExpr) -> TypeId {
        match &te.kind {
            TypeExprKind::Interface(elems) => self.interface_type(elems),
            TypeExprKind::Name(_) | TypeExprKind::Qualified(..) => {
                self.gen.constraint_depth += 1;
                let t = self.resolve_type(te);
                self.gen.constraint_depth -= 1;
                t
            }
            _ => self.resolve_type(te),
        }
    }

    /// A type where a value's type belongs: a constraint interface (one with type terms, or
    /// `comparable`) is reported, outside constraints and the interfaces they embed. An
    /// interface that still waits for an embedded interface (check/ifaces.rs) is checked
    /// once it has it.
    pub(in crate::compile::check) fn value_type(&mut self, t: TypeId, pos: Pos) -> TypeId {
        if self.gen.constraint_depth > 0 || !self.prog.types.is_interface(t) {
            return t;
        }
        if self.embedding_unfinished(t) {
            self.later_value_uses.push((t, pos));
            return t;
        }
        if self.report_constraint_use(t, pos) {
            return 0;
        }
        t
    }

    /// Reports interface t used as a value's type if it is a constraint interface, and says
    /// whether it was.
    pub(in crate::compile::check) fn report_constraint_use(&mut self, t: TypeId, pos: Pos) -> bool {
        let types = &self.prog.types;
        let why = if types.has_comparable(t) {
            "interface is (or embeds) comparable"
        } else if types.terms_of(t).is_some() {
            "interface contains type constraints"
        } else {
            return false;
        };
        self.error(
            pos,
            format!(
                "cannot use type {} outside a type constraint: {why}",
                self.tn(t)
            ),
        );
        true
    }

    /// A type parameter's constraint (types2 bound): an interface, or any other type or union
    /// standing for the implicit `interface{T}`.
    pub(super) fn bound_type(&mut self, te: &TypeExpr) -> TypeId {
        self.gen.constraint_depth += 1;
        let t = self.bound_type_inner(te);
        self.gen.constraint_depth -= 1;
        t
    }

    fn bound_type_inner(&mut self, te: &TypeExpr) -> TypeId {
        if let TypeExprKind::Union(_) = &te.kind {
            let elems = vec![InterfaceElem::Embedded(te.clone())];
            let (iface, shown) = self.interface_parts(&elems);
            if let Some(set) = self.prog.types.iface_sets.get_mut(&iface) {
                set.display = shown.concat();
            }
            return iface;
        }
        let t = self.resolve_type(te);
        if t == 0 {
            return 0;
        }
        if self.prog.types.is_type_param(t) {
            self.error(te.pos, "cannot use a type parameter as constraint");
            return 0;
        }
        if self.prog.types.is_interface(t) {
            return t;
        }
        let elems = vec![InterfaceElem::Embedded(te.clone())];
        let (iface, _) = self.interface_parts(&elems);
        let display = self.tn(t);
        if let Some(set) = self.prog.types.iface_sets.get_mut(&iface) {
            set.display = display;
        }
        iface
    }

    /// An interface type (Go spec, "Interface types"): its methods, explicit and embedded
    /// (sorted by name), and for a constraint the type set of its elements, the intersection
    /// of each element's union of terms.
    pub(super) fn interface_type(&mut self, elems: &[InterfaceElem]) -> TypeId {
        self.interface_parts(elems).0
    }

    /// The interface and how its embedded elements print.
    fn interface_parts(&mut self, elems: &[InterfaceElem]) -> (TypeId, Vec<String>) {
        let mut methods: Vec<IMethod> = Vec::new();
        let mut terms: Option<Vec<TypeTerm>> = None;
        let mut comparable = false;
        // types2 typestring: explicit methods first, then the embedded elements as written.
        let mut shown_methods: Vec<String> = Vec::new();
        let mut shown_embeds: Vec<String> = Vec::new();
        let mut deferred: Vec<(TypeId, Pos)> = Vec::new();
        // Each method with where it was declared, or where the interface that brought it is
        // embedded; the embedded interfaces' methods join after the explicit ones, in order,
        // as types2's computeInterfaceTypeSet adds them.
        let mut origin: Vec<(String, Pos)> = Vec::new();
        let mut embedded: Vec<(Vec<IMethod>, Pos)> = Vec::new();
        for el in elems {
            let more = match el {
                InterfaceElem::Method {
                    name,
                    pos,
                    params,
                    results,
                    ..
                } => {
                    if let Some((_, at)) = origin.iter().find(|(n, _)| n == name) {
                        let at = self.pos_string(*at);
                        self.error(
                            *pos,
                            format!("duplicate method {name}\n\t{at}: other declaration of {name}"),
                        );
                        continue;
                    }
                    origin.push((name.clone(), *pos));
                    self.unique_param_names(params, results);
                    let sig = self.signature(None, params, results);
                    shown_methods.push(format!("{name}{}", self.prog.types.sig_string(&sig)));
                    vec![IMethod {
                        name: name.clone(),
                        sig,
                    }]
                }
                InterfaceElem::Embedded(t) => {
                    if let TypeExprKind::Union(list) = &t.kind {
                        let (u, shown) = self.union_terms(list);
                        shown_embeds.push(shown);
                        terms = self.prog.types.intersect_term_lists(terms, u);
                        continue;
                    }
                    self.gen.constraint_depth += 1;
                    let et = self.resolve_type(t);
                    self.gen.constraint_depth -= 1;
                    if et == 0 {
                        continue;
                    }
                    shown_embeds.push(self.tn(et));
                    // An interface still being declared (`type I1 interface{ m() I2 }; type
                    // I2 interface{ I1 }`, met while I1 is read) is embedded once it is
                    // complete, as types2 computes type sets after the declarations.
                    if self.embedding_unfinished(et) {
                        deferred.push((et, t.pos));
                        continue;
                    }
                    if self.prog.types.is_type_param(et) {
                        self.error(t.pos, "cannot embed a type parameter");
                        continue;
                    }
                    if !self.prog.types.is_interface(et) {
                        // A non-interface type is a type term (Go spec, "General interfaces").
                        let one = Some(vec![TypeTerm {
                            tilde: false,
                            ty: et,
                        }]);
                        terms = self.prog.types.intersect_term_lists(terms, one);
                        continue;
                    }
                    let sub = self.prog.types.terms_of(et);
                    terms = self.prog.types.intersect_term_lists(terms, sub);
                    comparable |= self.prog.types.has_comparable(et);
                    embedded.push((self.prog.types.interface_methods(et), t.pos));
                    continue;
                }
            };
            methods.extend(more);
        }
        for (more, pos) in embedded {
            self.merge_methods(&mut methods, &mut origin, more, pos);
        }
        methods.sort_by(|a, b| a.name.cmp(&b.name));
        let iface = self.prog.types.add(Type::Interface(methods));
        let mut parts = shown_methods;
        parts.extend(shown_embeds.iter().cloned());
        let display = format!("interface{{{}}}", parts.join("; "));
        if !shown_embeds.is_empty() {
            self.prog.types.iface_written.insert(iface, display.clone());
        }
        if terms.is_some() || comparable {
            self.prog.types.iface_sets.insert(
                iface,
                TypeSetInfo {
                    terms,
                    comparable,
                    display,
                },
            );
        }
        if !deferred.is_empty() {
            self.embed_origins.insert(iface, origin);
        }
        for (embedded, pos) in deferred {
            self.pending_embeds.push(PendingEmbed {
                iface,
                embedded,
                pos,
            });
        }
        (iface, shown_embeds)
    }

    /// The type set of a union element `A | ~B | C` (types2 union.go parseUnion), with its
    /// restrictions: `~T` needs T to be its own underlying type, and an interface in a union
    /// may have no methods and not be comparable.
    fn union_terms(&mut self, list: &[Term]) -> (Option<Vec<TypeTerm>>, String) {
        let mut out: Vec<TypeTerm> = Vec::new();
        let mut all = false;
        let mut shown: Vec<String> = Vec::new();
        for term in list {
            self.gen.constraint_depth += 1;
            let t = self.resolve_type(&term.ty);
            self.gen.constraint_depth -= 1;
            if t == 0 {
                continue;
            }
            shown.push(format!(
                "{}{}",
                if term.tilde { "~" } else { "" },
                self.tn(t)
            ));
            let types = &self.prog.types;
            if types.is_type_param(t) {
                let msg = if term.tilde {
                    format!("invalid use of ~ ({} is a type parameter)", self.tn(t))
                } else {
                    "term cannot be a type parameter".to_string()
                };
                self.error(term.ty.pos, msg);
                continue;
            }
            if types.is_interface(t) {
                if t == self.gen.comparable || types.has_comparable(t) {
                    self.error(term.ty.pos, format!("cannot use {} in union", self.tn(t)));
                    continue;
                }
                if !types.interface_methods(t).is_empty() {
                    let n = self.tn(t);
                    self.error(
                        term.ty.pos,
                        format!("cannot use {n} in union ({n} contains methods)"),
                    );
                    continue;
                }
                match types.terms_of(t) {
                    Some(ts) => out.extend(ts),
                    None => all = true,
                }
                continue;
            }
            if term.tilde && !types.identical(types.under(t), t) {
                let u = types.under(t);
                self.error(
                    term.ty.pos,
                    format!(
                        "invalid use of ~ (underlying type of {} is {})",
                        self.tn(t),
                        self.tn(u)
                    ),
                );
                continue;
            }
            out.push(TypeTerm {
                tilde: term.tilde,
                ty: t,
            });
        }
        let shown = shown.join("|");
        if all {
            return (None, shown);
        }
        (Some(self.prog.types.normalize_terms(out)), shown)
    }

    /// A type parameter's constraint as `describe` prints it: `T constrained by any`.
    pub(super) fn constrained_by(&self, t: TypeId) -> Option<String> {
        match self.prog.types.get(t) {
            Type::TypeParam { bound, .. } => Some(self.tn(*bound)),
            _ => None,
        }
    }

    /// Whether values of type t can be compared with == (Go spec, "Comparison operators"):
    /// a type parameter when its constraint is comparable or every type in its set is.
    pub(super) fn comparable_type(&self, t: TypeId) -> bool {
        let types = &self.prog.types;
        if types.is_type_param(t) {
            if types.has_comparable(t) {
                return true;
            }
            return match types.terms_of(t) {
                Some(terms) => !terms.is_empty() && terms.iter().all(|x| self.comparable(x.ty)),
                None => false,
            };
        }
        self.comparable(t)
    }

    /// Whether a type mentions a type parameter (so that it is not a concrete type).
    pub(super) fn has_type_params(&self, t: TypeId) -> bool {
        self.mentions(t, &|_, _| true, 0)
    }

    /// Whether type t mentions a type parameter for which `want` holds.
    pub(super) fn mentions(
        &self,
        t: TypeId,
        want: &dyn Fn(&Checker, TypeId) -> bool,
        depth: u32,
    ) -> bool {
        if depth > 64 {
            return false;
        }
        let types = &self.prog.types;
        match types.get(t) {
            Type::TypeParam { .. } => want(self, t),
            Type::Pointer(e) | Type::Slice(e) | Type::Array(_, e) | Type::Chan(_, e) => {
                self.mentions(*e, want, depth + 1)
            }
            Type::Map(k, v) => {
                self.mentions(*k, want, depth + 1) || self.mentions(*v, want, depth + 1)
            }
            Type::Struct(fields) => fields.iter().any(|f| self.mentions(f.ty, want, depth + 1)),
            Type::Tuple(ts) => ts.iter().any(|x| self.mentions(*x, want, depth + 1)),
            Type::Func(sig) => sig
                .params
                .iter()
                .chain(&sig.results)
                .any(|x| self.mentions(*x, want, depth + 1)),
            Type::Interface(ms) => {
                ms.iter().any(|m| {
                    m.sig
                        .params
                        .iter()
                        .chain(&m.sig.results)
                        .any(|x| self.mentions(*x, want, depth + 1))
                }) || types
                    .iface_sets
                    .get(&t)
                    .and_then(|s| s.terms.as_ref())
                    .is_some_and(|ts| ts.iter().any(|x| self.mentions(x.ty, want, depth + 1)))
            }
            // A generic type named inside its own declaration stands for its instance with
            // its own parameters.
            Type::Named { .. } => {
                types.instances.get(&t).is_some_and(|(_, args)| {
                    args.iter().any(|a| self.mentions(*a, want, depth + 1))
                }) || self
                    .gen
                    .type_tparams
                    .get(&t)
                    .is_some_and(|tps| tps.types.iter().any(|p| want(self, *p)))
            }
            Type::Basic(_) => false,
        }
    }

    /// `List[T any]`: a generic type's name with its parameter list, as messages show it.
    pub(super) fn generic_type_string(&self, t: TypeId) -> String {
        let src = self
            .gen
            .type_tparam_src
            .get(&t)
            .cloned()
            .unwrap_or_default();
        format!("{}[{}]", self.tn(t), src)
    }
}

/// A type parameter list as types2 prints it after a generic type's name: `T any`,
/// `K comparable, V any`.
pub(super) fn tparams_source(decls: &[TypeParamDecl]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < decls.len() {
        let c = type_expr_string(&decls[i].constraint);
        let mut names = vec![decls[i].name.clone()];
        while i + 1 < decls.len()
            && decls[i + 1].constraint.pos == decls[i].constraint.pos
            && decls[i + 1].constraint.pos != Pos::default()
        {
            i += 1;
            names.push(decls[i].name.clone());
        }
        parts.push(format!("{} {c}", names.join(", ")));
        i += 1;
    }
    parts.join(", ")
}
