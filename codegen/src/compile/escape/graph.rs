//! The location graph and its solution (the model of cmd/compile/internal/escape, graph.go and
//! solve.go, in our own words).
//!
//! A location stands for storage: a variable, an allocation (a `&T{}`, a closure, a slice's
//! backing array...), a temporary, or the heap. An edge `dst <- src` with weight `derefs`
//! records that a value derived from src is stored in dst: `dst = &src` is -1, `dst = src` is 0,
//! `dst = *src` is 1. Solving finds, for each root, the minimal derefs from every location to
//! it (Bellman-Ford, with negative counts clamped at 0 past an address-of); a location whose
//! address reaches a root that outlives it must live on the heap, and then becomes a root
//! itself. A parameter whose value reaches the heap or a result records a leak, the summary
//! callers use (`Leaks`).

use super::FnIdx;

pub(super) type LocId = usize;

/// How many results a parameter's leak summary distinguishes (Go's numEscResults).
pub const NUM_RESULTS: usize = 7;

/// Where a parameter's value goes: the minimal derefs of a path to the heap and to each of
/// the first results, or none. Stored as Go stores them: 0 is "no path", d + 1 is d derefs.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug, Hash)]
pub struct Leaks(pub [u8; 1 + NUM_RESULTS]);

impl Leaks {
    /// The summary of a function whose body is unknown: the parameter escapes.
    pub fn heap() -> Leaks {
        let mut l = Leaks::default();
        l.add(0, 0);
        l
    }

    fn get(&self, i: usize) -> i32 {
        self.0[i] as i32 - 1
    }

    fn add(&mut self, i: usize, derefs: i32) {
        let old = self.get(i);
        if old < 0 || derefs < old {
            self.0[i] = (derefs + 1).clamp(0, 255) as u8;
        }
    }

    /// Minimal derefs to the heap, or -1.
    pub fn heap_derefs(&self) -> i32 {
        self.get(0)
    }

    /// Minimal derefs to result i, or -1.
    pub fn result(&self, i: usize) -> i32 {
        if i < NUM_RESULTS {
            self.get(1 + i)
        } else {
            -1
        }
    }

    pub fn add_heap(&mut self, derefs: i32) {
        self.add(0, derefs);
    }

    pub fn add_result(&mut self, i: usize, derefs: i32) {
        self.add(1 + i, derefs);
    }

    pub fn is_empty(&self) -> bool {
        self.0 == [0; 1 + NUM_RESULTS]
    }

    /// Drops result paths no shorter than the path to the heap: they tell callers nothing.
    pub fn optimize(&mut self) {
        let h = self.heap_derefs();
        if h >= 0 {
            for i in 0..NUM_RESULTS {
                if self.result(i) >= h {
                    self.0[1 + i] = 0;
                }
            }
        }
    }

    /// The summary as 16 hex digits (export data between packages).
    pub fn encode(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    pub fn decode(s: &str) -> Option<Leaks> {
        if s.len() != 2 * (1 + NUM_RESULTS) {
            return None;
        }
        let mut l = Leaks::default();
        for (i, b) in l.0.iter_mut().enumerate() {
            *b = u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok()?;
        }
        Some(l)
    }
}

/// What a location stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum LocKind {
    Heap,
    Blank,
    Var(crate::compile::check::ObjId),
    Site(super::Site),
    Temp,
}

pub(super) struct Loc {
    pub kind: LocKind,
    pub func: FnIdx,
    pub loop_depth: i32,
    /// Incoming edges: (source, derefs).
    pub edges: Vec<(LocId, i32)>,
    pub escapes: bool,
    /// For parameters: index among the function's parameters (receiver first).
    pub param: Option<usize>,
    /// For results (a named result's variable, or an unnamed result's temporary): its index.
    pub result: Option<usize>,
    pub leaks: Leaks,
    pub captured: bool,
    pub reassigned: bool,
    pub addrtaken: bool,
    // Walk state.
    derefs: i32,
    walkgen: u32,
    queued: bool,
}

/// A context an expression's value flows into: "dst = (derefs) value".
#[derive(Clone, Copy, Debug)]
pub(super) struct Hole {
    pub dst: LocId,
    pub derefs: i32,
    pub addrtaken: bool,
}

impl Hole {
    pub fn to(dst: LocId) -> Hole {
        Hole {
            dst,
            derefs: 0,
            addrtaken: false,
        }
    }

    pub fn shift(self, delta: i32) -> Hole {
        Hole {
            dst: self.dst,
            derefs: self.derefs + delta,
            addrtaken: delta < 0,
        }
    }

    pub fn deref(self) -> Hole {
        self.shift(1)
    }

    pub fn addr(self) -> Hole {
        self.shift(-1)
    }
}

/// The functions of a batch as the solver sees them: which encloses which, and which
/// function literals are called where they appear.
pub(super) trait Nesting {
    /// Whether `inner` is a function literal inside `outer` (at any depth).
    fn contains(&self, outer: FnIdx, inner: FnIdx) -> bool;
    /// Whether function literal `f` is called directly where it appears.
    fn called_directly(&self, f: FnIdx) -> bool;
}

pub(super) struct Graph {
    pub locs: Vec<Loc>,
    pub heap: LocId,
    pub blank: LocId,
}

impl Graph {
    pub fn new() -> Graph {
        let mut g = Graph {
            locs: Vec::new(),
            heap: 0,
            blank: 0,
        };
        g.heap = g.new_loc(LocKind::Heap, 0, 0);
        g.locs[g.heap].escapes = true;
        g.blank = g.new_loc(LocKind::Blank, 0, 0);
        g
    }

    pub fn new_loc(&mut self, kind: LocKind, func: FnIdx, loop_depth: i32) -> LocId {
        self.locs.push(Loc {
            kind,
            func,
            loop_depth,
            edges: Vec::new(),
            escapes: false,
            param: None,
            result: None,
            leaks: Leaks::default(),
            captured: false,
            reassigned: false,
            addrtaken: false,
            derefs: 0,
            walkgen: 0,
            queued: false,
        });
        self.locs.len() - 1
    }

    /// Records that the value of `src` flows into hole `k`.
    pub fn flow(&mut self, k: Hole, src: LocId) {
        if k.addrtaken {
            self.locs[src].addrtaken = true;
        }
        let dst = k.dst;
        if dst == self.blank {
            return;
        }
        if dst == src && k.derefs >= 0 {
            return;
        }
        if self.locs[dst].escapes && k.derefs < 0 {
            self.locs[src].escapes = true;
            return;
        }
        self.locs[dst].edges.push((src, k.derefs));
    }

    /// Solves the graph: marks every location that must be on the heap and records the
    /// parameters' leaks.
    pub fn solve(&mut self, nest: &dyn Nesting) {
        let mut todo: Vec<LocId> = Vec::new();
        for l in 0..self.locs.len() {
            self.locs[l].queued = true;
            todo.push(l);
        }
        // The heap last in, first walked.
        if let Some(p) = todo.iter().position(|&l| l == self.heap) {
            todo.remove(p);
            todo.push(self.heap);
        }
        let mut walkgen = 0;
        while let Some(root) = todo.pop() {
            self.locs[root].queued = false;
            walkgen += 1;
            self.walk_one(root, walkgen, nest, &mut todo);
        }
    }

    fn walk_one(&mut self, root: LocId, walkgen: u32, nest: &dyn Nesting, queue: &mut Vec<LocId>) {
        self.locs[root].walkgen = walkgen;
        self.locs[root].derefs = 0;
        let mut todo = vec![root];
        while let Some(l) = todo.pop() {
            let mut derefs = self.locs[l].derefs;
            // l's address flows to root; what flows into l does not have its address taken.
            let address_of = derefs < 0;
            if address_of {
                derefs = 0;
            }
            if self.outlives(root, l, nest) {
                if self.locs[l].param.is_some() {
                    self.leak_to(l, root, derefs);
                }
                if address_of && !self.locs[l].escapes {
                    self.locs[l].escapes = true;
                    if !self.locs[l].queued {
                        self.locs[l].queued = true;
                        queue.push(l);
                    }
                    continue;
                }
            }
            for i in 0..self.locs[l].edges.len() {
                let (src, d) = self.locs[l].edges[i];
                if self.locs[src].escapes {
                    continue;
                }
                let d = derefs + d;
                if self.locs[src].walkgen != walkgen || self.locs[src].derefs > d {
                    self.locs[src].walkgen = walkgen;
                    self.locs[src].derefs = d;
                    todo.push(src);
                }
            }
        }
    }

    /// Records that parameter l's value reaches `sink` with `derefs`: to a result of its own
    /// function that does not escape, as a result leak; otherwise to the heap.
    fn leak_to(&mut self, l: LocId, sink: LocId, derefs: i32) {
        let s = &self.locs[sink];
        if !s.escapes && s.func == self.locs[l].func {
            if let Some(i) = s.result {
                if i < NUM_RESULTS {
                    self.locs[l].leaks.add_result(i, derefs);
                    return;
                }
            }
        }
        self.locs[l].leaks.add_heap(derefs);
    }

    /// Whether values stored in l may outlive `other` if other were on the stack.
    fn outlives(&self, l: LocId, other: LocId, nest: &dyn Nesting) -> bool {
        let (lf, of) = (&self.locs[l], &self.locs[other]);
        if lf.escapes {
            return true;
        }
        if lf.result.is_some() {
            // Callers may keep results anywhere, except that a function literal called where
            // it appears returns into its enclosing function's frame.
            return !(nest.contains(of.func, lf.func) && nest.called_directly(lf.func));
        }
        // Declared outside other's loop: one l holds the other of each iteration.
        if lf.func == of.func && lf.loop_depth < of.loop_depth {
            return true;
        }
        // other belongs to a function literal inside l's function, which may run later.
        nest.contains(lf.func, of.func)
    }
}
