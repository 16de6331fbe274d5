//! Package initialisation order (Go spec, "Package initialization"; go/types initorder.go): the
//! references each package-level declaration makes, and the order of the variable initialisers
//! that run code.

use super::{Checker, ObjId, ObjKind, PkgId, VarKind};

impl Checker {
    /// Orders the dynamic initialisers (Go spec, "Package initialization"): repeatedly the
    /// earliest variable in declaration order that depends on no uninitialised variable, where
    /// a variable depends on the variables and functions its initialiser refers to, and a
    /// function on those its body refers to, transitively.
    pub(super) fn order_initialisers(&mut self, pkg: PkgId) {
        let specs = std::mem::take(&mut self.dyn_specs);
        // Each spec's names, with the blank one it was checked for: `_ = f(c)` is ordered by
        // its place among the declarations and by what it refers to, as a named one is.
        let names: Vec<Vec<ObjId>> = specs
            .iter()
            .map(|(lhs, _, decl)| {
                let mut n: Vec<ObjId> = lhs.iter().flatten().copied().collect();
                if !n.contains(decl) {
                    n.push(*decl);
                }
                n
            })
            .collect();
        let globals = self.prog.packages[pkg].globals.clone();
        let dynamic: std::collections::HashSet<ObjId> = specs
            .iter()
            .flat_map(|(l, _, _)| l.iter().flatten().copied())
            .collect();
        // Transitive variable dependencies of each spec.
        let deps: Vec<std::collections::HashSet<ObjId>> = names
            .iter()
            .map(|names| {
                let mut seen = std::collections::HashSet::new();
                let mut stack: Vec<ObjId> = names
                    .iter()
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
            names[i]
                .iter()
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
            out.push((specs[i].0.clone(), specs[i].1.clone()));
        }
        self.prog.packages[pkg].dyn_inits = out;
    }

    /// Records that the declaration being checked refers to package-level `id`.
    pub(super) fn note_ref(&mut self, id: ObjId) {
        let o = &self.prog.objs[id as usize];
        let pkg_level = matches!(o.kind, ObjKind::Var(VarKind::Global) | ObjKind::Func { .. })
            && o.pkg == self.pkg;
        if let (true, Some(&cur)) = (pkg_level, self.cur_decl.last()) {
            self.refs.entry(cur).or_default().push(id);
        }
    }
}
