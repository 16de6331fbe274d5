//! Labels and branches (go/types labels.go, syntax/branches.go): break and continue targets,
//! undefined and unused labels, and gotos that jump into blocks or over declarations.

use super::Checker;
use crate::compile::ast::*;

impl Checker {
    /// Reports unused labels and gotos that are invalid (Go spec, "Goto statements").
    pub(super) fn finish_labels(&mut self) {
        let gotos = std::mem::take(&mut self.gotos);
        for g in gotos {
            let Some(l) = self.labels.get_mut(&g.label) else {
                self.error(g.pos, format!("label {} not defined", g.label));
                continue;
            };
            l.used = true;
            let (block, index) = (l.block, l.index);
            match g.trail.iter().find(|(b, _)| *b == block) {
                None => {
                    let p = self.block_starts.get(&block).copied().unwrap_or_default();
                    let at = self.pos_string(p);
                    self.error(
                        g.pos,
                        format!("goto {} jumps into block starting at {at}", g.label),
                    );
                }
                Some(&(_, j)) if index > j => {
                    let over = self
                        .block_decls
                        .get(&block)
                        .and_then(|d| d.iter().find(|(k, _, _)| *k > j && *k < index).cloned());
                    if let Some((_, at, names)) = over {
                        let at = self.pos_string(at);
                        self.error(
                            g.pos,
                            format!("goto {} jumps over declaration of {names} at {at}", g.label),
                        );
                    }
                }
                _ => {}
            }
        }
        let mut unused: Vec<(Pos, String)> = self
            .labels
            .iter()
            .filter(|(_, l)| !l.used)
            .map(|(n, l)| (l.pos, n.clone()))
            .collect();
        unused.sort();
        for (pos, name) in unused {
            self.error(pos, format!("label {name} defined and not used"));
        }
    }

    /// The break/continue target a (possibly labeled) branch refers to.
    pub(super) fn branch_target(
        &mut self,
        pos: Pos,
        label: &Option<(String, Pos)>,
        is_break: bool,
    ) {
        let word = if is_break { "break" } else { "continue" };
        match label {
            None => {
                let ok = if is_break {
                    !self.targets.is_empty()
                } else {
                    self.targets.iter().any(|t| t.is_loop)
                };
                if !ok {
                    let msg = if is_break {
                        "break is not in a loop, switch, or select"
                    } else {
                        "continue is not in a loop"
                    };
                    self.error(pos, msg);
                }
            }
            Some((l, lpos)) => {
                if let Some(info) = self.labels.get_mut(l) {
                    info.used = true;
                }
                let t = self
                    .targets
                    .iter()
                    .rev()
                    .find(|t| t.label.as_deref() == Some(l.as_str()))
                    .cloned();
                match t {
                    Some(t) if is_break || t.is_loop => {}
                    _ => {
                        self.error(*lpos, format!("invalid {word} label {l}"));
                    }
                }
            }
        }
    }
}
