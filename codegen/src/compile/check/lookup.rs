//! Method lookup and interface satisfaction (Go spec, "Method sets", "Interface types"; go/types
//! lookup.go): a type's method by name, and whether a type implements an interface, with Go's
//! reason when it does not.

use super::Checker;
use crate::compile::types::{Signature, Type, TypeId};

impl Checker {
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
    pub(super) fn method_of(&mut self, v: TypeId, name: &str) -> Option<(Signature, bool)> {
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
}
