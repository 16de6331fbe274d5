//! Field and method lookup, method sets and interface satisfaction (Go spec, "Selectors",
//! "Method sets", "Interface types"; go/types lookup.go and methodset.go).
//!
//! A selector `x.f` denotes the field or method `f` at the shallowest depth of embedding in
//! x's type where there is one; two at that depth make the selector ambiguous. The search
//! goes breadth first, one depth at a time: a named type's own methods, then the fields of
//! its struct (collecting the embedded ones for the next depth), or an interface's methods.
//! A type met again deeper down is skipped (it was shadowed at the shallower depth), and a
//! type embedded several times at one depth is searched once but marked, so that a name found
//! in it is ambiguous. The same search, run for every name a type could have, gives its
//! method set, which the lowering needs for type descriptors and itabs; the functions on
//! [`Program`] are therefore usable after checking too.

use super::{Checker, ObjId, Program};
use crate::compile::types::{Signature, Type, TypeId};

/// What a selector's name denotes in a type (types2 LookupFieldOrMethod's results).
#[derive(Debug, Clone)]
pub enum Lookup {
    /// Field `index` of the struct reached through the embedded fields `path`.
    Field {
        path: Vec<usize>,
        index: usize,
        ty: TypeId,
        indirect: bool,
    },
    /// A method declared on a named type reached through `path`.
    Method {
        path: Vec<usize>,
        func: ObjId,
        ptr_recv: bool,
        indirect: bool,
    },
    /// Method `index` (in sorted order) of interface `iface`: x's own type (empty path) or
    /// an embedded interface field.
    IfaceMethod {
        path: Vec<usize>,
        iface: TypeId,
        index: usize,
        indirect: bool,
    },
    /// Several at the shallowest depth (Go: "ambiguous selector").
    Ambiguous,
    /// A pointer method found where neither a pointer on the path nor an addressable
    /// operand provides the pointer (Go: "cannot call pointer method").
    NeedsPointer,
    NotFound,
}

impl Lookup {
    pub fn path(&self) -> &[usize] {
        match self {
            Lookup::Field { path, .. }
            | Lookup::Method { path, .. }
            | Lookup::IfaceMethod { path, .. } => path,
            _ => &[],
        }
    }

    fn is_found(&self) -> bool {
        matches!(
            self,
            Lookup::Field { .. } | Lookup::Method { .. } | Lookup::IfaceMethod { .. }
        )
    }
}

/// One step from a struct value to an embedded field: the field's offset, and whether the
/// field is a pointer (`*T` embedded) to follow. The lowering walks these from x's address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmbedStep {
    pub offset: u64,
    pub ptr: bool,
}

/// The embedded fields a selector passes through (side table `Info::embedded`): the steps
/// and the type of the value they lead to (the embedded struct, or interface, itself).
#[derive(Debug, Clone)]
pub struct Embedded {
    pub steps: Vec<EmbedStep>,
    pub ty: TypeId,
}

/// What a method-set entry calls.
#[derive(Debug, Clone)]
pub enum MethodTarget {
    /// A method declared on a named type.
    Concrete { func: ObjId, ptr_recv: bool },
    /// Method `index` of the interface held in an embedded interface field.
    Iface { iface: TypeId, index: usize },
}

/// An entry of a method set: the name, the signature without receiver, the embedded fields
/// leading to the receiver, and what is called.
#[derive(Debug, Clone)]
pub struct MethodEntry {
    pub name: String,
    pub sig: Signature,
    pub path: Vec<usize>,
    pub target: MethodTarget,
}

/// A type searched at the current depth (types2 embeddedType).
#[derive(Clone)]
struct Candidate {
    ty: TypeId,
    path: Vec<usize>,
    indirect: bool,
    multiples: bool,
}

/// `name` equals `want`, or with `fold`, equals it under Unicode simple case folding
/// (Go's strings.EqualFold, which types2 uses to suggest a differently capitalised method).
fn same_name(name: &str, want: &str, fold: bool) -> bool {
    name == want
        || fold
            && name.chars().count() == want.chars().count()
            && name
                .chars()
                .zip(want.chars())
                .all(|(a, b)| a == b || a.to_lowercase().eq(b.to_lowercase()))
}

impl Program {
    /// The signature of the function literal (or other func-typed expression) with this id.
    pub fn func_sig_of(&self, id: crate::compile::ast::ExprId) -> Option<Signature> {
        match self.types.get(*self.info.types.get(&id)?) {
            Type::Func(sig) => Some(sig.clone()),
            _ => None,
        }
    }

    /// `*T` for an unnamed pointer type: (T, true); else (t, false) (types2 deref).
    fn deref(&self, t: TypeId) -> (TypeId, bool) {
        match self.types.get(t) {
            Type::Pointer(e) => (*e, true),
            _ => (t, false),
        }
    }

    /// The package path of a method (for the identity of unexported names).
    fn method_pkg(&self, m: ObjId) -> &str {
        &self.packages[self.objs[m as usize].pkg].path
    }

    /// Finds `name` in type `t` as selected from package `pkg` (a path), as types2
    /// LookupFieldOrMethod does; `addressable` says the operand is a variable (so a pointer
    /// method may take its address). With `fold`, methods match case-insensitively (for
    /// "but does have" hints).
    pub fn lookup_field_or_method(
        &mut self,
        t: TypeId,
        addressable: bool,
        pkg: &str,
        name: &str,
        fold: bool,
    ) -> Lookup {
        // A named pointer type has the fields of what it points to, but no methods.
        if matches!(self.types.get(t), Type::Named { .. }) {
            let u = self.types.under(t);
            if matches!(self.types.get(u), Type::Pointer(_)) {
                return match self.lookup_in(u, false, pkg, name, fold) {
                    Lookup::Method { .. } | Lookup::IfaceMethod { .. } => Lookup::NotFound,
                    r => r,
                };
            }
        }
        self.lookup_in(t, addressable, pkg, name, fold)
    }

    fn lookup_in(
        &mut self,
        t: TypeId,
        addressable: bool,
        pkg: &str,
        name: &str,
        fold: bool,
    ) -> Lookup {
        if name == "_" {
            return Lookup::NotFound;
        }
        let (start, is_ptr) = self.deref(t);
        // A pointer to an interface has no methods.
        if is_ptr && self.types.is_interface(start) {
            return Lookup::NotFound;
        }
        let mut current = vec![Candidate {
            ty: start,
            path: Vec::new(),
            indirect: is_ptr,
            multiples: false,
        }];
        let mut seen: Vec<TypeId> = Vec::new();
        while !current.is_empty() {
            let mut next: Vec<Candidate> = Vec::new();
            let mut found = Lookup::NotFound;
            for c in &current {
                if matches!(self.types.get(c.ty), Type::Named { .. }) {
                    // A type already searched at a shallower depth shadows this one.
                    if seen.iter().any(|&s| self.types.identical(s, c.ty)) {
                        continue;
                    }
                    seen.push(c.ty);
                    let method = self.methods.get(&c.ty).and_then(|list| {
                        list.iter()
                            .find(|(n, m, _)| {
                                same_name(n, name, fold)
                                    && (self.method_pkg(*m) == pkg
                                        || crate::compile::types::is_exported_name(n))
                            })
                            .map(|&(_, m, p)| (m, p))
                    });
                    if let Some((func, ptr_recv)) = method {
                        if found.is_found() || c.multiples {
                            return Lookup::Ambiguous;
                        }
                        found = Lookup::Method {
                            path: c.path.clone(),
                            func,
                            ptr_recv,
                            indirect: c.indirect,
                        };
                        continue;
                    }
                }
                let under = self.types.under(c.ty);
                self.types.laid_out_fields(under);
                match self.types.get(under) {
                    Type::Struct(fields) => {
                        for (i, f) in fields.iter().enumerate() {
                            if f.is(pkg, name) {
                                if found.is_found() || c.multiples {
                                    return Lookup::Ambiguous;
                                }
                                let mut path = c.path.clone();
                                path.shrink_to_fit();
                                found = Lookup::Field {
                                    path,
                                    index: i,
                                    ty: f.ty,
                                    indirect: c.indirect,
                                };
                                continue;
                            }
                            // Embedded fields are searched at the next depth, unless the
                            // name was found at this one.
                            if !found.is_found() && f.embedded {
                                let (ty, ptr) = self.deref(f.ty);
                                let mut path = c.path.clone();
                                path.push(i);
                                next.push(Candidate {
                                    ty,
                                    path,
                                    indirect: c.indirect || ptr,
                                    multiples: c.multiples,
                                });
                            }
                        }
                    }
                    Type::Interface(methods) => {
                        if let Some(index) =
                            methods.iter().position(|m| same_name(&m.name, name, fold))
                        {
                            if found.is_found() || c.multiples {
                                return Lookup::Ambiguous;
                            }
                            found = Lookup::IfaceMethod {
                                path: c.path.clone(),
                                iface: c.ty,
                                index,
                                indirect: c.indirect,
                            };
                        }
                    }
                    _ => {}
                }
            }
            if found.is_found() {
                // Go spec, "Calls": x.m() needs m in the method set of x's type, or x
                // addressable and m in the method set of &x's.
                if let Lookup::Method {
                    ptr_recv: true,
                    indirect: false,
                    ..
                } = found
                {
                    if !addressable {
                        return Lookup::NeedsPointer;
                    }
                }
                return found;
            }
            current = self.consolidate(next);
        }
        Lookup::NotFound
    }

    /// Merges the candidates of identical type into one marked `multiples` (a name found in
    /// it is ambiguous): types2 consolidateMultiples.
    fn consolidate(&self, list: Vec<Candidate>) -> Vec<Candidate> {
        let mut out: Vec<Candidate> = Vec::new();
        for c in list {
            match out.iter_mut().find(|o| self.types.identical(o.ty, c.ty)) {
                Some(o) => o.multiples = true,
                None => out.push(c),
            }
        }
        out
    }

    /// The embedded-field steps of `path` from a value of type `t` (or `*t`), and the type
    /// of the value they lead to.
    pub fn embedded_steps(&mut self, t: TypeId, path: &[usize]) -> Embedded {
        let (mut cur, _) = self.deref(t);
        let mut steps = Vec::new();
        for &i in path {
            let field = self.types.laid_out_fields(cur).get(i);
            let Some((ty, offset)) = field.map(|f| (f.ty, f.offset)) else {
                break;
            };
            let (next, ptr) = self.deref(ty);
            steps.push(EmbedStep { offset, ptr });
            cur = next;
        }
        Embedded { steps, ty: cur }
    }

    /// The names a value of type t could have methods by: its own methods and, through its
    /// embedded fields at any depth, their types' methods and interface methods, each with
    /// the package path that qualifies an unexported name.
    fn method_names(&mut self, t: TypeId) -> Vec<(String, String)> {
        let mut names: Vec<(String, String)> = Vec::new();
        let mut seen: Vec<TypeId> = Vec::new();
        let mut work = vec![self.deref(t).0];
        while let Some(ty) = work.pop() {
            if seen.contains(&ty) {
                continue;
            }
            seen.push(ty);
            if let Some(list) = self.methods.get(&ty) {
                for (n, m, _) in list {
                    names.push((n.clone(), self.method_pkg(*m).to_string()));
                }
            }
            let under = self.types.under(ty);
            match self.types.get(under).clone() {
                Type::Struct(_) => {
                    for f in self.types.fields(under).unwrap_or_default() {
                        if f.embedded {
                            work.push(self.deref(f.ty).0);
                        }
                    }
                }
                Type::Interface(ms) => {
                    // Interface methods are exported or from their interface's package;
                    // their names alone identify them here.
                    for m in ms {
                        names.push((m.name.clone(), String::new()));
                    }
                }
                _ => {}
            }
        }
        names.sort();
        names.dedup();
        names
    }

    /// The method set of type t (Go spec, "Method sets"), sorted by name: for a value type
    /// its value methods, promoted ones included (a pointer method only through an embedded
    /// pointer); for a pointer type all methods of its element; for an interface its
    /// methods. Methods must be resolved (the checker resolves a method before use).
    pub fn method_set(&mut self, t: TypeId) -> Vec<MethodEntry> {
        if self.types.is_interface(t) {
            return self
                .types
                .interface_methods(t)
                .into_iter()
                .enumerate()
                .map(|(index, m)| MethodEntry {
                    name: m.name,
                    sig: m.sig,
                    path: Vec::new(),
                    target: MethodTarget::Iface { iface: t, index },
                })
                .collect();
        }
        let mut out: Vec<MethodEntry> = Vec::new();
        for (name, pkg) in self.method_names(t) {
            if out.iter().any(|e| e.name == name) {
                continue;
            }
            let (sig, path, target) =
                match self.lookup_field_or_method(t, false, &pkg, &name, false) {
                    Lookup::Method {
                        path,
                        func,
                        ptr_recv,
                        ..
                    } => {
                        let Type::Func(sig) = self.types.get(self.objs[func as usize].ty).clone()
                        else {
                            continue;
                        };
                        (
                            sig.without_receiver(),
                            path,
                            MethodTarget::Concrete { func, ptr_recv },
                        )
                    }
                    Lookup::IfaceMethod {
                        path, iface, index, ..
                    } if !path.is_empty() => {
                        let m = self.types.interface_methods(iface).swap_remove(index);
                        (m.sig, path, MethodTarget::Iface { iface, index })
                    }
                    _ => continue,
                };
            out.push(MethodEntry {
                name,
                sig,
                path,
                target,
            });
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        out
    }
}

impl Checker {
    /// Looks `name` up in t from the package being checked, resolving a method it finds.
    pub(super) fn lookup_selector(
        &mut self,
        t: TypeId,
        addressable: bool,
        name: &str,
        fold: bool,
    ) -> Lookup {
        // A type parameter has its constraint's methods (and, in Go 1.19, no fields).
        if self.prog.types.is_type_param(t) {
            let bound = self.prog.types.bound_of(t);
            let methods = self.prog.types.interface_methods(bound);
            let eq = |m: &str| {
                if fold {
                    m.eq_ignore_ascii_case(name)
                } else {
                    m == name
                }
            };
            return match methods.iter().position(|m| eq(&m.name)) {
                Some(index) => Lookup::IfaceMethod {
                    path: Vec::new(),
                    iface: bound,
                    index,
                    indirect: false,
                },
                None => Lookup::NotFound,
            };
        }
        let pkg = self.prog.packages[self.pkg].path.clone();
        let r = self
            .prog
            .lookup_field_or_method(t, addressable, &pkg, name, fold);
        if let Lookup::Method { func, .. } = r {
            self.resolve(func);
        }
        r
    }

    /// The signature (without receiver) of a method lookup's result.
    fn method_sig(&mut self, r: &Lookup) -> Option<Signature> {
        match r {
            Lookup::Method { func, .. } => {
                self.resolve(*func);
                match self.prog.types.get(self.prog.objs[*func as usize].ty) {
                    Type::Func(sig) => Some(sig.without_receiver()),
                    _ => None,
                }
            }
            Lookup::IfaceMethod { iface, index, .. } => self
                .prog
                .types
                .interface_methods(*iface)
                .get(*index)
                .map(|m| m.sig.clone()),
            _ => None,
        }
    }

    /// The method `name` of the package being checked, as `name(params) results` for
    /// messages (types2 funcString), when r found a method.
    fn method_string(&mut self, name: &str, r: &Lookup) -> Option<String> {
        let sig = self.method_sig(r)?;
        let mname = match r {
            Lookup::Method { func, .. } => self.prog.objs[*func as usize].name.clone(),
            Lookup::IfaceMethod { iface, index, .. } => self
                .prog
                .types
                .interface_methods(*iface)
                .get(*index)
                .map_or(name.to_string(), |m| m.name.clone()),
            _ => name.to_string(),
        };
        Some(format!("{mname}{}", self.prog.types.sig_string(&sig)))
    }

    /// Whether type `v` implements interface `t`: every method of t is in v's method set with
    /// an identical signature (Go spec, "Interface types", "Method sets"). The error is Go's
    /// reason text (types2 missingMethod and missingMethodReason, with cmd/compile's
    /// wording: "M method" where go vet says "method M").
    pub fn implements(&mut self, v: TypeId, t: TypeId) -> Result<(), String> {
        let want = self.prog.types.interface_methods(t);
        let (vn, tn) = (self.tn(v), self.tn(t));
        if self.prog.types.is_interface(v) {
            let have = self.prog.types.interface_methods(v);
            for m in &want {
                match have.iter().find(|h| h.name == m.name) {
                    None => {
                        return Err(format!(
                            "{vn} does not implement {tn} (missing {} method)",
                            m.name
                        ))
                    }
                    Some(h) if !self.prog.types.identical_sigs(&h.sig, &m.sig) => {
                        return Err(format!(
                            "{vn} does not implement {tn} (wrong type for {} method)\n\t\thave {}{}\n\t\twant {}{}",
                            m.name,
                            h.name,
                            self.prog.types.sig_string(&h.sig),
                            m.name,
                            self.prog.types.sig_string(&m.sig)
                        ));
                    }
                    Some(_) => {}
                }
            }
            return Ok(());
        }
        for m in &want {
            let want_str = format!("{}{}", m.name, self.prog.types.sig_string(&m.sig));
            let found = self.lookup_selector(v, false, &m.name, false);
            if let Some(sig) = self.method_sig(&found) {
                if self.prog.types.identical_sigs(&sig, &m.sig) {
                    continue;
                }
                let have = self.method_string(&m.name, &found).unwrap_or_default();
                return Err(format!(
                    "{vn} does not implement {tn} (wrong type for {} method)\n\t\thave {have}\n\t\twant {want_str}",
                    m.name
                ));
            }
            // Not in v's method set: in *v's, or under another capitalisation?
            let ptr = self.prog.types.pointer(v);
            let mut alt = self.lookup_selector(ptr, false, &m.name, false);
            if self.method_sig(&alt).is_none() {
                alt = self.lookup_selector(v, false, &m.name, true);
            }
            let why = match (self.method_sig(&alt), self.method_string(&m.name, &alt)) {
                (Some(sig), Some(have)) => {
                    let same_name = have.starts_with(&format!("{}(", m.name));
                    if !same_name {
                        format!(
                            "(missing {} method)\n\t\thave {have}\n\t\twant {want_str}",
                            m.name
                        )
                    } else if self.prog.types.identical_sigs(&sig, &m.sig) {
                        format!("({} method has pointer receiver)", m.name)
                    } else {
                        format!(
                            "(wrong type for {} method)\n\t\thave {have}\n\t\twant {want_str}",
                            m.name
                        )
                    }
                }
                _ if self.is_interface_ptr(v) => {
                    format!("(type {vn} is pointer to interface, not interface)")
                }
                _ => format!("(missing {} method)", m.name),
            };
            return Err(format!("{vn} does not implement {tn} {why}"));
        }
        Ok(())
    }

    /// Whether t is a pointer to an interface (types2 isInterfacePtr).
    pub(super) fn is_interface_ptr(&self, t: TypeId) -> bool {
        let types = &self.prog.types;
        match types.get(types.under(t)) {
            Type::Pointer(e) => types.is_interface(*e),
            _ => false,
        }
    }
}
