//! Package initialisation order (Go spec, "Package initialization"; go/types initorder.go): the
//! references each package-level declaration makes, and the order of the variable initialisers
//! that run code.

use crate::HashSet;

use super::{Checker, ObjId, ObjKind, PkgId, VarKind};

impl Checker {
    /// Orders the dynamic initialisers (Go spec, "Package initialization"): repeatedly the
    /// earliest variable in declaration order that depends on no uninitialised variable, where
    /// a variable depends on the variables and functions its initialiser refers to, and a
    /// function on those its body refers to, transitively.
    ///
    /// Every package-level variable takes part, also those whose value is laid down statically
    /// (`var x int`, `var y = 42`): as in go/types (initorder.go), such a variable is
    /// initialised when its turn comes, not before, so `var a = f(x)` waits for a later
    /// `var x int` while a ready `var e = f()` declared between them goes first (Go's
    /// fixedbugs/issue43444.go prints `e a b c d`).
    pub(super) fn order_initialisers(&mut self, pkg: PkgId) {
        let specs = std::mem::take(&mut self.dyn_specs);
        let globals = self.prog.packages[pkg].globals.clone();
        // The items to order: each dynamic spec, with its names and the blank one it was
        // checked for (`_ = f(c)` is ordered by its place among the declarations and by what
        // it refers to, as a named one is), then each statically initialised variable alone.
        let mut items: Vec<(Vec<ObjId>, Option<usize>)> = specs
            .iter()
            .enumerate()
            .map(|(i, (lhs, _, decl))| {
                let mut n: Vec<ObjId> = lhs.iter().flatten().copied().collect();
                if !n.contains(decl) {
                    n.push(*decl);
                }
                (n, Some(i))
            })
            .collect();
        let in_spec: HashSet<ObjId> = items.iter().flat_map(|(n, _)| n.clone()).collect();
        for &g in &globals {
            if !in_spec.contains(&g) {
                items.push((vec![g], None));
            }
        }
        // Transitive variable dependencies of each item.
        let deps: Vec<HashSet<ObjId>> = items
            .iter()
            .map(|(names, _)| {
                let mut seen = HashSet::default();
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
                seen.into_iter()
                    .filter(|o| matches!(self.prog.objs[*o as usize].kind, ObjKind::Var(_)))
                    .filter(|o| !names.contains(o))
                    .collect()
            })
            .collect();
        let decl_index = |o: ObjId| globals.iter().position(|g| *g == o).unwrap_or(usize::MAX);
        let mut order: Vec<usize> = (0..items.len()).collect();
        order.sort_by_key(|&i| {
            items[i]
                .0
                .iter()
                .map(|o| decl_index(*o))
                .min()
                .unwrap_or(usize::MAX)
        });
        // A variable of another package, or one the walk never listed, counts as done.
        let mut done: HashSet<ObjId> = HashSet::default();
        let listed: HashSet<ObjId> = items.iter().flat_map(|(n, _)| n.clone()).collect();
        let mut emitted = vec![false; items.len()];
        let mut out = Vec::new();
        for _ in 0..items.len() {
            let ready = |i: usize| {
                !emitted[i]
                    && deps[i]
                        .iter()
                        .all(|d| done.contains(d) || !listed.contains(d))
            };
            let Some(i) = order.iter().copied().find(|&i| ready(i)) else {
                let first = order.iter().copied().find(|&i| !emitted[i]);
                let o = first.and_then(|i| items[i].0.first().copied());
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
            done.extend(items[i].0.iter().copied());
            if let Some(s) = items[i].1 {
                out.push((specs[s].0.clone(), specs[s].1.clone()));
            }
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
