//! Lowering: a checked package to Cranelift IR, machine code, and an ELF relocatable object.
//!
//! Each function with a body becomes one Cranelift function using the tbuild ABI (DESIGN.md:
//! System V registers; strings as two words; structs and arrays by address; R15 pinned for g).
//! Values are kept in SSA variables where possible; aggregates, and variables whose address is
//! taken, live in memory: a stack slot, or (outside package runtime, where Go's escape analysis
//! would move them) a heap object from `runtime.mallocgc`. Package-level variables are laid down
//! by this module directly in the sections Go's linker would choose (cmd/internal/obj/plist.go).
//!
//! [`lower_package`] is the pipeline: declare and compile every function (`functions`), lay out
//! the package-level variables (`globals`), and write the object. A [`PkgLower`] holds the
//! package's module and symbols; an [`FnLower`] builds one function, its methods spread over
//! files named for what they lower: `stmt`, `expr`, `arith`, `call`, `builtins`,
//! `conversions`, `slices` (strings and slices), `literals`, `interfaces` (with `typedesc`,
//! their static data), `embedding` (promoted fields and methods, method wrappers), `memory`
//! (where values live) and `abi` (values as machine words).

mod abi;
mod alg;
mod arith;
mod atomics;
mod builtins;
mod call;
mod chans;
mod closures;
mod complex;
mod conversions;
mod defer;
mod embedding;
mod epilogue;
mod expr;
mod functions;
mod gcmask;
mod globals;
pub(crate) mod inline;
mod interfaces;
mod literals;
mod machine;
mod maps;
mod memory;
mod slices;
mod stmt;
mod typedesc;

use crate::HashMap;

use cranelift_codegen::ir::{self, Block, MemFlagsData, Value};
use cranelift_codegen::isa::OwnedTargetIsa;
use cranelift_frontend::{FunctionBuilder, Variable};
use cranelift_module::{DataId, FuncId};
use cranelift_object::{ObjectBuilder, ObjectModule};

use super::ast::*;
use super::check::{ObjId, PkgId, Program};
use super::escape::Escapes;
use super::types::TypeId;
use crate::diag::Diag;
use abi::shape_of;
use globals::emit_with_globals;

/// How a value of some Go type is held in IR.
#[derive(Clone, Debug)]
enum Val {
    Scalar(Value),
    Str(Value, Value),
    /// A slice header: (pointer, len, cap).
    Slice(Value, Value, Value),
    /// An interface value: (type descriptor or itab, data word).
    Iface(Value, Value),
    /// An aggregate: the address of its bytes.
    Mem(Value),
    Tuple(Vec<Val>),
    None,
}

#[derive(Clone, Debug)]
enum Storage {
    Ssa(Vec<Variable>),
    Stack(ir::StackSlot),
    /// A variable holding the address of the storage (heap object, or an aggregate parameter's
    /// caller-made copy).
    Ptr(Variable),
}

/// The shape of a Go type in the ABI.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Shape {
    Scalar(ir::Type),
    Str,
    Slice,
    Iface,
    Agg,
    Zero,
}

pub struct Lowered {
    pub object: Vec<u8>,
    pub lines: Vec<FuncLines>,
}

/// What one compiled function's machine code came from, for line tables and debuggers:
/// `[start, end)` byte ranges of the function's code with the source line each came from.
#[derive(Debug, Clone)]
pub struct FuncLines {
    pub symbol: String,
    pub func_id: FuncId,
    pub size: u32,
    /// (start, end, file index into `Program::file_names`, line, inline-tree index or -1)
    pub ranges: Vec<LineRange>,
    /// The calls inlined into the function (inline.rs), which `ranges` index.
    pub inlined: Vec<inline::InlinedCall>,
    /// Frame and local-variable locations for DWARF (debug.rs).
    pub debug: super::debug::FuncDebug,
    /// The bytes of its Go parameters, when it has a Go signature (not for wrappers).
    pub param_bytes: Option<u32>,
}

/// `[start, end)` of a function's code came from `file`:`line`, in the inlined call `inl`
/// of the function's inline tree (-1: the function's own code).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineRange {
    pub start: u32,
    pub end: u32,
    pub file: u32,
    pub line: u32,
    pub inl: i32,
}

/// Source positions travel through Cranelift as opaque `SourceLoc`s (cranelift-0.135.md §2):
/// each is an index into the function's table of distinct (file, line, inlined call)
/// triples. The positions are those reported, line directives applied (linemap.rs): the
/// file may be a directive's.
#[derive(Default)]
struct LocTable {
    entries: Vec<(u32, u32, i32)>,
    index: HashMap<(u32, u32, i32), u32>,
}

impl LocTable {
    fn encode(&mut self, key: (u32, u32, i32)) -> ir::SourceLoc {
        let n = self.entries.len() as u32;
        let i = *self.index.entry(key).or_insert(n);
        if i == n {
            self.entries.push(key);
        }
        ir::SourceLoc::new(i)
    }

    fn decode(&self, loc: ir::SourceLoc) -> Option<(u32, u32, i32)> {
        if loc.is_default() {
            return None;
        }
        self.entries.get(loc.bits() as usize).copied()
    }
}

impl FnLower<'_, '_> {
    /// Attributes the instructions emitted next to `pos` (pc/line tables, DWARF), in the
    /// inlined call being lowered, if any.
    fn set_loc(&mut self, pos: Pos) {
        let l = self.prog().locate(pos);
        let inl = self.inlining.last().map_or(-1, |f| f.node);
        let loc = self.locs.encode((l.file, l.line, inl));
        self.b.set_srcloc(loc);
    }
}

pub fn lower_package(
    prog: &mut Program,
    pkg: PkgId,
    isa: OwnedTargetIsa,
    esc: Escapes,
    opts: &super::CompileOptions,
) -> Result<Lowered, Vec<Diag>> {
    let inline = opts.inline;
    let path = prog.packages[pkg].path.clone();
    let isa_for_backend = isa.clone();
    let builder = ObjectBuilder::new(
        isa,
        format!("{path}.o"),
        cranelift_module::default_libcall_names(),
    )
    .map_err(|e| {
        vec![Diag::new(
            &path,
            0,
            0,
            format!("internal compiler error: {e}"),
        )]
    })?;
    let module = ObjectModule::new(builder);
    let functions = prog.packages[pkg].funcs.len();
    let mut pl = PkgLower {
        prog,
        pkg,
        module,
        func_ids: HashMap::default(),
        data_ids: HashMap::default(),
        strings: HashMap::default(),
        stmp_bytes: 0,
        errs: Vec::new(),
        in_runtime: path == "runtime",
        lines: Vec::new(),
        esc,
        pending: Vec::new(),
        pending_algs: Vec::new(),
        group_types: HashMap::default(),
        pending_wrappers: Vec::new(),
        go_wraps: HashMap::default(),
        wrapper_jobs: Vec::new(),
        inline_enabled: inline,
        inline_cache: HashMap::default(),
        backend: machine::Backend::new(isa_for_backend, functions, opts.concurrency),
    };
    pl.run().map_err(|e| {
        vec![Diag::new(
            &path,
            0,
            0,
            format!("internal compiler error: {e}"),
        )]
    })?;
    if !pl.errs.is_empty() {
        return Err(pl.errs);
    }
    let globals = pl.layout_globals();
    // Relocations in global initialisers may name string literals as well as variables.
    let mut named = pl.data_ids.clone();
    for &d in pl.strings.values() {
        named.insert(pl.data_name(d), d);
    }
    let product = pl.module.finish();
    let lines = std::mem::take(&mut pl.lines);
    let file_names = pl.prog.file_names.clone();
    let object = emit_with_globals(product, globals, &named, &lines, &file_names).map_err(|e| {
        vec![Diag::new(
            &path,
            0,
            0,
            format!("internal compiler error: {e}"),
        )]
    })?;
    Ok(Lowered { object, lines })
}

struct PkgLower<'a> {
    prog: &'a mut Program,
    pkg: PkgId,
    module: ObjectModule,
    func_ids: HashMap<String, FuncId>,
    data_ids: HashMap<String, DataId>,
    strings: HashMap<Vec<u8>, DataId>,
    /// How many writable byte arrays (`[]byte("...")` initialisers) were laid down.
    stmp_bytes: usize,
    errs: Vec<Diag>,
    in_runtime: bool,
    /// Per-function line information, in definition order.
    lines: Vec<FuncLines>,
    /// Escape analysis's decisions (where variables and allocations live, closure captures).
    esc: Escapes,
    /// Closure bodies and wrappers still to compile.
    pending: Vec<closures::Pending>,
    /// Generated hash and equal functions declared but not compiled yet (alg.rs).
    pending_algs: Vec<(String, TypeId, alg::AlgFn)>,
    /// The group and slot types of map types, by the group's name (alg.rs); they have no
    /// alg of their own.
    group_types: HashMap<String, (TypeId, TypeId)>,
    /// Wrappers of deferred calls of the function being compiled, compiled after it.
    pending_wrappers: Vec<defer::PendingWrapper>,
    /// The go statements' wrappers made so far in each function, for their names.
    go_wraps: HashMap<String, u32>,
    /// Promoted-method wrappers declared but not yet compiled (embedding.rs).
    wrapper_jobs: Vec<embedding::WrapperJob>,
    /// Whether calls are inlined at all (`-l` turns it off), and the functions judged so far
    /// (inline.rs).
    inline_enabled: bool,
    inline_cache: HashMap<ObjId, Option<std::rc::Rc<inline::Candidate>>>,
    /// Compiles the functions built, maybe on other threads (machine.rs).
    backend: machine::Backend,
}

struct FnLower<'a, 'b> {
    /// An `&x` is being lowered: addresses made through pointers are nil-checked (expr.rs).
    addr_of: bool,
    /// The symbol of the function being lowered.
    symbol: String,
    pl: &'a mut PkgLower<'b>,
    b: FunctionBuilder<'a>,
    vars: HashMap<ObjId, Storage>,
    /// The enclosing statements `break` and `continue` may target, innermost last.
    loops: Vec<BranchTarget>,
    /// The label of the loop or switch about to be lowered.
    pending_label: Option<String>,
    /// Blocks of labeled statements, for goto (created on first mention).
    label_blocks: HashMap<String, Block>,
    /// The next clause's body, while lowering a switch clause (for fallthrough).
    fallthrough_to: Option<Block>,
    /// Whether the call being lowered spreads its last argument with `...`.
    call_has_ellipsis: bool,
    /// Frame slots holding the pointers of `uintptr(p)` arguments of the calls being
    /// lowered, innermost last, each cleared when its call returns (call.rs `args_for`).
    keep_alive: Vec<ir::StackSlot>,
    /// The call expression being lowered (for its `...` argument slice's escape-analysis
    /// site); None for go and defer statements, whose slices stay on the heap.
    call_site: Option<ExprId>,
    /// Hidden result pointers, one per aggregate result.
    sret: Vec<Value>,
    result_objs: Vec<Option<ObjId>>,
    result_types: Vec<TypeId>,
    /// The current block ended (return, break, ...): following code is unreachable.
    terminated: bool,
    /// Named locals DWARF can describe, with where they live (debug.rs).
    locals: Vec<super::debug::Local>,
    /// (index variable, indexed variable) pairs of the enclosing counted loops, for which
    /// `x[i]` needs no bounds check (bounds.rs).
    in_bounds: Vec<(ObjId, ObjId)>,
    /// The function's defer record and calls, when it has defer statements (defer.rs).
    defers: Option<Box<defer::DeferFrame>>,
    /// The parts stored in each complex result's frame slot, by the slot's address
    /// (complex.rs): later reads use them instead of loading them back.
    complex_vals: HashMap<Value, (Value, Value)>,
    /// Index and slice bounds of unsigned types (index_value): their bounds panics report
    /// them unsigned, through the runtime's *U entry points as Go's goPanicIndexU.
    unsigned_indices: crate::HashSet<Value>,
    /// The frame slot a failed bounds check passes its two operands in (check_or_panic),
    /// created when the function first needs it.
    bounds_args: Option<ir::StackSlot>,
    /// The source locations of the function's instructions (set_loc).
    locs: LocTable,
    /// The calls inlined into the function so far: its inline tree (inline.rs).
    inlined: Vec<inline::InlinedCall>,
    /// The inlined calls being lowered, innermost last.
    inlining: Vec<inline::InlineFrame>,
    /// The place of each inlined call's mark, should it need one (inline.rs).
    marks: Vec<ir::Inst>,
    /// The variables declared inside the inlined bodies being lowered, and those of bodies
    /// already lowered, free for reuse ([`FnLower::new_var`]).
    inline_vars: Vec<(Variable, ir::Type)>,
    free_vars: Vec<(Variable, ir::Type)>,
    /// The bytes of the Go parameters of a function with a Go signature (receiver included,
    /// each at its alignment): the `args` of its `_func` (`args_section`).
    param_bytes: Option<u32>,
}

fn flags() -> MemFlagsData {
    MemFlagsData::trusted()
}

impl FnLower<'_, '_> {
    fn prog(&self) -> &Program {
        self.pl.prog
    }

    fn shape(&self, t: TypeId) -> Shape {
        shape_of(self.pl.prog, t)
    }

    fn size(&mut self, t: TypeId) -> u64 {
        self.pl.prog.types.size(t)
    }

    fn type_of(&self, e: &Expr) -> TypeId {
        self.prog().info.types.get(&e.id).copied().unwrap_or(0)
    }

    fn is_signed(&self, t: TypeId) -> bool {
        matches!(
            self.prog().types.basic_of(t).and_then(|b| b.int_info()),
            Some((_, true))
        )
    }

    /// Starts a fresh block if the current one was terminated, so lowering can go on.
    fn ensure_open(&mut self) {
        if self.terminated {
            let blk = self.b.create_block();
            self.b.switch_to_block(blk);
            self.b.seal_block(blk);
            self.terminated = false;
        }
    }
}

struct BranchTarget {
    label: Option<String>,
    /// None for a switch (continue passes through it to the enclosing loop).
    cont: Option<Block>,
    brk: Block,
}

enum Callee {
    Symbol(String),
    /// A code address, called without a context.
    Indirect(Value),
    /// A func value's code, called with its funcval as the context (the hidden last
    /// argument, DESIGN.md).
    Closure {
        code: Value,
        ctx: Value,
    },
}

enum Place {
    Var(ObjId),
    Addr(Value),
    /// `m[k]`: the map and the key, evaluated.
    Map(maps::MapPlace),
    /// `x[i]` of an array or slice in a multi-value assignment: the operands, evaluated; the
    /// bounds check comes when the element is assigned (Go spec, "Assignment statements":
    /// the assignments are carried out left to right, so `m[k], s[9] = 1, 2` assigns m[k]
    /// before s[9] panics).
    Index(IndexPlace),
}

/// The evaluated operands of an element `x[i]` (expr.rs index_operands).
struct IndexPlace {
    base: Value,
    len: Value,
    idx: Value,
    esize: i64,
    /// The check is known to pass (a range loop's index of the slice it ranges over).
    in_bounds: bool,
    /// The expression's `[`, where a failed check panics.
    at: Pos,
}
