//! The checker's stack of block scopes (Go spec, "Declarations and scope"): the file scope
//! at the bottom, then each enclosing block of the function being checked.
//!
//! Besides the scopes, an index maps each name to the scopes that declare it, innermost last,
//! so that looking a name up costs the same at any depth. Walking the stack instead made a
//! name used at every level of 100,000 nested blocks (`if x > 0 { if x > 0 { ...`) cost the
//! square of the depth: minutes in a debug build.

use std::rc::Rc;

use crate::HashMap;

use super::ObjId;

#[derive(Default)]
pub(super) struct Scopes {
    /// The file scope, below every block scope: shared with the checker's table of file
    /// scopes (entering a file happens for every package-level declaration resolved, so it
    /// is not copied), and copied only if a name is declared in it.
    file_scope: Option<Rc<HashMap<String, ObjId>>>,
    /// The block scopes, innermost last.
    stack: Vec<HashMap<String, ObjId>>,
    /// For each name declared in a block scope, the indices in `stack` of the scopes
    /// declaring it.
    index: HashMap<String, Vec<usize>>,
    /// The file whose scope is at the bottom ([`Scopes::push_file`]): a name found there
    /// through a dot import marks that file's import used.
    pub file: Option<u32>,
}

impl Scopes {
    /// Opens an empty block scope.
    pub fn push(&mut self) {
        self.push_scope(HashMap::default());
    }

    /// Opens a scope that already holds declarations (type parameters' bindings).
    pub fn push_scope(&mut self, scope: HashMap<String, ObjId>) {
        let i = self.stack.len();
        for name in scope.keys() {
            self.index.entry(name.clone()).or_default().push(i);
        }
        self.stack.push(scope);
    }

    /// Opens the scope of file `file`: its imports, and the names its dot imports declare.
    pub fn push_file(&mut self, file: u32, scope: Rc<HashMap<String, ObjId>>) {
        self.file = Some(file);
        if self.stack.is_empty() && self.file_scope.is_none() {
            self.file_scope = Some(scope);
        } else {
            self.push_scope((*scope).clone());
        }
    }

    /// Closes the innermost scope.
    pub fn pop(&mut self) {
        let Some(scope) = self.stack.pop() else {
            self.file_scope = None;
            return;
        };
        for name in scope.keys() {
            if let Some(at) = self.index.get_mut(name) {
                at.pop();
                if at.is_empty() {
                    self.index.remove(name);
                }
            }
        }
    }

    pub fn clear(&mut self) {
        self.stack.clear();
        self.index.clear();
        self.file_scope = None;
        self.file = None;
    }

    /// The innermost declaration of `name` in any open scope.
    pub fn lookup(&self, name: &str) -> Option<ObjId> {
        if let Some(&i) = self.index.get(name).and_then(|at| at.last()) {
            return self.stack[i].get(name).copied();
        }
        self.file_scope.as_ref()?.get(name).copied()
    }

    /// The declaration of `name` in the innermost scope only.
    pub fn innermost(&self, name: &str) -> Option<ObjId> {
        match self.stack.last() {
            Some(scope) => scope.get(name).copied(),
            None => self.file_scope.as_ref()?.get(name).copied(),
        }
    }

    /// Declares `name` in the innermost scope (replacing a declaration there).
    pub fn insert(&mut self, name: &str, id: ObjId) {
        let Some(i) = self.stack.len().checked_sub(1) else {
            let scope = self.file_scope.get_or_insert_with(Default::default);
            Rc::make_mut(scope).insert(name.to_string(), id);
            return;
        };
        if self.stack[i].insert(name.to_string(), id).is_none() {
            self.index.entry(name.to_string()).or_default().push(i);
        }
    }
}
