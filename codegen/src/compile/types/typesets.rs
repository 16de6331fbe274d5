//! Type sets (Go spec, "Interface types", "General interfaces", "Core types"; go/types
//! typeset.go, termlist.go, typeterm.go): the terms a constraint allows, what the type set of
//! a type parameter says about the operations on its values (every type in it must allow
//! them), core types, and term arithmetic (inclusion, intersection, subsets).
//!
//! A type set here is a list of terms (`T`, `~T`) or None for "every type"; the methods of an
//! interface stay in `Type::Interface`. Term lists are kept normalised: no term is a subset of
//! another, so that equal sets have equal lists up to order.

use super::{Type, TypeId, TypeTerm, Types};

impl Types {
    pub fn is_type_param(&self, id: TypeId) -> bool {
        matches!(self.get(id), Type::TypeParam { .. })
    }

    /// The constraint of a type parameter (0 for other types or an unresolved bound).
    pub fn bound_of(&self, id: TypeId) -> TypeId {
        match self.get(id) {
            Type::TypeParam { bound, .. } => *bound,
            _ => 0,
        }
    }

    pub fn set_bound(&mut self, tp: TypeId, b: TypeId) {
        if let Type::TypeParam { bound, .. } = &mut self.types[tp as usize] {
            *bound = b;
        }
    }

    /// The specific terms of an interface's or a type parameter's type set (None: any type).
    pub fn terms_of(&self, id: TypeId) -> Option<Vec<TypeTerm>> {
        let iface = match self.get(id) {
            Type::TypeParam { bound, .. } => self.under(*bound),
            _ => self.under(id),
        };
        self.iface_sets.get(&iface).and_then(|s| s.terms.clone())
    }

    /// Whether an interface (or a type parameter's constraint) embeds `comparable`.
    pub fn has_comparable(&self, id: TypeId) -> bool {
        let iface = match self.get(id) {
            Type::TypeParam { bound, .. } => self.under(*bound),
            _ => self.under(id),
        };
        self.iface_sets.get(&iface).is_some_and(|s| s.comparable)
    }

    /// Whether an interface is a basic one, usable as a value's type: no terms and no
    /// `comparable` (Go spec, "Basic interfaces").
    pub fn is_method_set(&self, id: TypeId) -> bool {
        let iface = self.under(id);
        self.iface_sets
            .get(&iface)
            .is_none_or(|s| s.terms.is_none() && !s.comparable)
    }

    /// The types an operation must allow for a value of type `id` (types2's underIs): a type
    /// parameter's specific types (none when its set has none, as for `any`), else `id`.
    pub fn specific_types(&self, id: TypeId) -> Vec<TypeId> {
        if !self.is_type_param(id) {
            return vec![id];
        }
        self.terms_of(id)
            .map_or(Vec::new(), |terms| terms.iter().map(|t| t.ty).collect())
    }

    /// For a type parameter: whether its type set has specific types and `f` holds for each
    /// (types2 allBoolean, allNumeric, ...). None for other types.
    pub(crate) fn all_terms(&self, id: TypeId, f: &dyn Fn(&Types, TypeId) -> bool) -> Option<bool> {
        if !self.is_type_param(id) {
            return None;
        }
        Some(match self.terms_of(id) {
            Some(terms) => !terms.is_empty() && terms.iter().all(|t| f(self, t.ty)),
            None => false,
        })
    }

    /// The core type (Go spec, "Core types"): a non-parameter type's underlying type; for a
    /// type parameter the one underlying type of every type in its set, if there is one.
    pub fn core_type(&self, id: TypeId) -> Option<TypeId> {
        if !self.is_type_param(id) {
            return Some(self.under(id));
        }
        let terms = self.terms_of(id)?;
        let mut core: Option<TypeId> = None;
        for t in &terms {
            let u = self.under(t.ty);
            match core {
                None => core = Some(u),
                Some(c) if self.identical(c, u) => {}
                Some(_) => return None,
            }
        }
        core
    }

    /// Whether type v is in the set of term t (types2 term.includes).
    pub fn term_includes(&self, t: TypeTerm, v: TypeId) -> bool {
        let u = if t.tilde { self.under(v) } else { v };
        self.identical(u, t.ty)
    }

    fn terms_disjoint(&self, x: TypeTerm, y: TypeTerm) -> bool {
        let ux = if y.tilde { self.under(x.ty) } else { x.ty };
        let uy = if x.tilde { self.under(y.ty) } else { y.ty };
        !self.identical(ux, uy)
    }

    fn term_subset(&self, x: TypeTerm, y: TypeTerm) -> bool {
        !self.terms_disjoint(x, y) && (!x.tilde || y.tilde)
    }

    /// x ∩ y of two terms (types2 term.intersect).
    fn term_intersect(&self, x: TypeTerm, y: TypeTerm) -> Option<TypeTerm> {
        if self.terms_disjoint(x, y) {
            return None;
        }
        Some(if !x.tilde || y.tilde { x } else { y })
    }

    /// A union of terms, normalised: terms contained in another term are dropped.
    pub fn normalize_terms(&self, terms: Vec<TypeTerm>) -> Vec<TypeTerm> {
        let mut out: Vec<TypeTerm> = Vec::new();
        for t in terms {
            if out.iter().any(|o| self.term_subset(t, *o)) {
                continue;
            }
            out.retain(|o| !self.term_subset(*o, t));
            out.push(t);
        }
        out
    }

    /// The intersection of two type sets' terms (None: every type).
    pub fn intersect_term_lists(
        &self,
        a: Option<Vec<TypeTerm>>,
        b: Option<Vec<TypeTerm>>,
    ) -> Option<Vec<TypeTerm>> {
        match (a, b) {
            (None, x) | (x, None) => x,
            (Some(a), Some(b)) => {
                let mut out = Vec::new();
                for x in &a {
                    for y in &b {
                        if let Some(t) = self.term_intersect(*x, *y) {
                            out.push(t);
                        }
                    }
                }
                Some(self.normalize_terms(out))
            }
        }
    }

    /// Whether every type of set a is in set b.
    pub fn terms_subset(&self, a: &Option<Vec<TypeTerm>>, b: &Option<Vec<TypeTerm>>) -> bool {
        match (a, b) {
            (_, None) => true,
            (None, Some(_)) => false,
            (Some(a), Some(b)) => a.iter().all(|x| b.iter().any(|y| self.term_subset(*x, *y))),
        }
    }

    /// Interfaces with methods alike are identical only with the same type sets too.
    pub(super) fn identical_type_sets(&self, a: TypeId, b: TypeId) -> bool {
        let (sa, sb) = (self.iface_sets.get(&a), self.iface_sets.get(&b));
        let terms = |s: Option<&super::TypeSetInfo>| s.and_then(|s| s.terms.clone());
        let cmp = |s: Option<&super::TypeSetInfo>| s.is_some_and(|s| s.comparable);
        let (ta, tb) = (terms(sa), terms(sb));
        cmp(sa) == cmp(sb) && self.terms_subset(&ta, &tb) && self.terms_subset(&tb, &ta)
    }

    /// A term list as types2 prints it in messages (termlist.String): `~int | ~float64`, `∅`
    /// for the empty set, types qualified by their package (`main.MyInt`).
    pub fn terms_string(&self, terms: &[TypeTerm]) -> String {
        if terms.is_empty() {
            return "∅".to_string();
        }
        let parts: Vec<String> = terms
            .iter()
            .map(|t| {
                format!(
                    "{}{}",
                    if t.tilde { "~" } else { "" },
                    self.qualified_name(t.ty)
                )
            })
            .collect();
        parts.join(" | ")
    }

    /// A type's name with every defined type qualified by its package, main included
    /// (types2 TypeString without a qualifier).
    pub fn qualified_name(&self, id: TypeId) -> String {
        match self.get(id) {
            Type::Named { pkg, name, .. } if pkg == "main" => {
                let short = self.name(id);
                if short.starts_with(name.as_str()) {
                    format!("main.{short}")
                } else {
                    short
                }
            }
            Type::Pointer(e) => format!("*{}", self.qualified_name(*e)),
            Type::Slice(e) => format!("[]{}", self.qualified_name(*e)),
            Type::Array(n, e) => format!("[{n}]{}", self.qualified_name(*e)),
            _ => self.name(id),
        }
    }
}
