//! Interfaces that embed an interface still being declared. Declarations are resolved on
//! first use (decl.rs), so in `type I1 interface{ m() I2 }; type I2 interface{ I1 }` I2 is
//! read while I1 has no underlying type yet. types2 computes an interface's type set only
//! after the declarations (typeset.go computeInterfaceTypeSet, called from check.later);
//! here the embedding interface is made at once with what is known, and each embedding of
//! an unfinished interface is recorded and completed as soon as that interface is complete.
//! Embeddings that can never complete form a cycle (`type A interface{ B }; type B
//! interface{ A }`): "invalid recursive type", as types2's cycle check reports it. Whether
//! such an interface may be a value's type (not a constraint) is known only once it is
//! complete: `value_type` leaves those uses to be checked then.

use super::Checker;
use crate::compile::ast::Pos;
use crate::compile::types::{IMethod, Type, TypeId, TypeSetInfo, TypeTerm};

/// `iface` embeds `embedded`, which was unfinished when `iface` was made.
#[derive(Debug, Clone, Copy)]
pub(super) struct PendingEmbed {
    pub iface: TypeId,
    pub embedded: TypeId,
    /// Where the embedded element is written.
    pub pos: Pos,
}

impl Checker {
    /// Whether embedding `t` must wait: it is a named type still being declared, or one whose
    /// interface itself waits for an embedding.
    pub(super) fn embedding_unfinished(&self, t: TypeId) -> bool {
        if self.chain_unfinished(t) {
            return true;
        }
        let u = self.prog.types.under(t);
        self.pending_embeds.iter().any(|e| e.iface == u)
    }

    /// Completes every recorded embedding whose embedded interface is now complete, until
    /// none is left that can be; then checks the uses as a value's type (`value_type`) of
    /// the interfaces now complete.
    pub(super) fn complete_embeds(&mut self) {
        loop {
            let ready = self
                .pending_embeds
                .iter()
                .position(|e| !self.embedding_unfinished(e.embedded));
            let Some(i) = ready else { break };
            let e = self.pending_embeds.remove(i);
            self.finish_embed(e);
        }
        let uses = std::mem::take(&mut self.later_value_uses);
        for (t, pos) in uses {
            if self.embedding_unfinished(t) {
                self.later_value_uses.push((t, pos));
            } else {
                self.report_constraint_use(t, pos);
            }
        }
    }

    /// Adds the embedded interface's methods, type terms and `comparable` to the embedding
    /// interface (Go spec, "Embedded interfaces"): a method of the same name must have an
    /// identical signature.
    fn finish_embed(&mut self, e: PendingEmbed) {
        let types = &self.prog.types;
        let u = types.under(e.embedded);
        if u == types.invalid() {
            return;
        }
        let Type::Interface(mut methods) = types.get(e.iface).clone() else {
            return;
        };
        let mut set = types
            .iface_sets
            .get(&e.iface)
            .cloned()
            .unwrap_or_else(|| TypeSetInfo {
                display: self.tn(e.iface),
                ..Default::default()
            });
        if types.is_interface(u) {
            let more = types.interface_methods(u);
            set.terms = types.intersect_term_lists(set.terms, types.terms_of(u));
            set.comparable |= types.has_comparable(u);
            let mut origin = self.embed_origins.remove(&e.iface).unwrap_or_default();
            self.merge_methods(&mut methods, &mut origin, more, e.pos);
            self.embed_origins.insert(e.iface, origin);
            methods.sort_by(|a, b| a.name.cmp(&b.name));
            self.prog.types.set_interface_methods(e.iface, methods);
        } else {
            // Not an interface after all: a type term (Go spec, "General interfaces").
            let one = Some(vec![TypeTerm {
                tilde: false,
                ty: e.embedded,
            }]);
            set.terms = types.intersect_term_lists(set.terms, one);
        }
        if set.terms.is_some() || set.comparable {
            self.prog.types.iface_sets.insert(e.iface, set);
        }
    }

    /// Adds the methods of an interface embedded at `pos` to `methods`; one that is already
    /// there must have an identical signature (Go spec, "Embedded interfaces": since Go
    /// 1.14 the same method may come from several embeddings). `origin` says where each
    /// method came from, for types2's "other declaration" line.
    pub(super) fn merge_methods(
        &mut self,
        methods: &mut Vec<IMethod>,
        origin: &mut Vec<(String, Pos)>,
        more: Vec<IMethod>,
        pos: Pos,
    ) {
        for m in more {
            let Some(x) = methods.iter().find(|x| x.name == m.name) else {
                origin.push((m.name.clone(), pos));
                methods.push(m);
                continue;
            };
            if self.prog.types.identical_sigs(&x.sig, &m.sig) {
                continue;
            }
            let at = origin
                .iter()
                .find(|(n, _)| *n == m.name)
                .map(|o| o.1)
                .unwrap_or(pos);
            let at = self.pos_string(at);
            let name = &m.name;
            self.error(
                pos,
                format!("duplicate method {name}\n\t{at}: other declaration of {name}"),
            );
        }
    }

    /// Reports the embeddings left once every type of the package is declared: each is part
    /// of a cycle of interfaces embedding one another, reported once, from the type declared
    /// first, as types2's cycleError does.
    pub(super) fn report_embed_cycles(&mut self) {
        while let Some(first) = self.pending_embeds.first().copied() {
            let Some(cycle) = self.embed_cycle(first.embedded) else {
                self.pending_embeds.remove(0);
                continue;
            };
            let decl_pos = |t: TypeId| self.type_decl_pos(t).unwrap_or(first.pos);
            let start = (0..cycle.len())
                .min_by_key(|&i| decl_pos(cycle[i]))
                .unwrap_or(0);
            let mut path: Vec<TypeId> = cycle[start..].to_vec();
            path.extend_from_slice(&cycle[..start]);
            path.push(path[0]);
            let pos = decl_pos(path[0]);
            self.report_recursive(path[0], &path, pos);
            self.complete_embeds();
        }
        // The uses left waiting on an embedding that was dropped.
        self.complete_embeds();
    }

    /// The named types of the embedding cycle that `t` leads to: t's interface waits for an
    /// embedded type, whose interface waits for another, until one comes round again.
    fn embed_cycle(&self, t: TypeId) -> Option<Vec<TypeId>> {
        let mut path = vec![t];
        loop {
            let u = self.prog.types.under(*path.last()?);
            let next = self.pending_embeds.iter().find(|e| e.iface == u)?.embedded;
            if let Some(i) = path.iter().position(|&p| p == next) {
                return Some(path.split_off(i));
            }
            path.push(next);
        }
    }
}
