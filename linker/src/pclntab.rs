//! `.gopclntab` in the Go 1.18/1.19 format (magic 0xfffffff0), as cmd/link/internal/ld/pcln.go
//! `(*Link).pclntab` writes it and runtime/symtab.go (`pcHeader`, `_func`, `findfunc`) and
//! debug/gosym/pclntab.go (`parsePclnTab`, `go12Funcs`) read it.
//!
//! The section is the carrier `runtime.pclntab` holding, in order, each at the alignment Go's
//! `symalign` (ld/data.go) gives a symbol of its size: `runtime.pcheader` (72 bytes), the
//! function-name table, the CU table, the file table, the pc-value table (one pad byte so no
//! real offset is 0, pcln.go `generatePctab`) and the function table: `nfunc` pairs {entryoff,
//! funcoff} plus one end entryoff, then a 40-byte `_func` per function at pointer alignment
//! (pcln.go `writePCToFunc`, `writeFuncs`). The functions are the live `STT_FUNC` symbols in
//! `.text` with a non-zero size, in address order.
//!
//! Each function has three pc-value tables in `pctab` (Go's varint/zig-zag encoding, see
//! [`encode_pcvalue`]): `pcsp`, the SP delta at each pc, decoded from its code
//! ([`crate::pcsp`]); and, when its object carries DWARF line information
//! ([`crate::lines`]), `pcfile` (the file's index within the function's compilation unit)
//! and `pcln` (the line). One compilation unit per input object: `cutab` holds, for each
//! object whose functions have lines, one `filetab` offset per file of the object, and
//! `_func.cuOffset` is the index of the object's first entry (runtime/symtab.go `funcfile`:
//! `filetab[cutab[cuOffset+fileno]]`). `filetab` holds each path once. Tables are shared
//! between functions when equal, as pcln.go `generatePctab` shares them. Functions without
//! line information have no pcfile/pcln table (0), and the runtime prints `?:0` for them, as
//! Go's `funcline1` does for a missing table. A function with inlined calls has three pcdata
//! slots, the first two empty (0) and `PCDATA_InlTreeIndex` (2) its table of each pc's
//! inline-tree node ([`crate::inltree`]), and funcdata slot `FUNCDATA_InlTree` (3), the offset
//! of its array of Go 1.19 `inlinedCall` records, which follow the `_func` records at the end
//! of the section (Go keeps them in `go:func.*`). A function with defer statements has five
//! funcdata slots, all empty (`^0`) but `FUNCDATA_OpenCodedDeferInfo` (4) and the inline tree
//! if any: the offset of the compiler's `F·deferinfo`, which tells a panic where the
//! function's defer record is (tbuild's format: runtime/pkg/runtime/runtime2.go `deferInfo`).
//! Funcdata offsets count from `runtime.types` (Go counts from `go:func.*`). args is
//! ArgsSizeUnknown (the objects do not say how large a function's arguments are), except for
//! `main.main`, which Go's spec gives no arguments: the runtime prints `()` for 0 and
//! `(...)` for unknown.
//!
//! The tables' contents depend only on each function's own bytes and line rows, not on
//! addresses, so [`collect_pc_tables`] computes them (and so the section's size) before the
//! layout, and [`build`] lays them out in address order once addresses are known.

use crate::HashMap;

use crate::error::Result;
use crate::layout::Layout;
use crate::read::{Bind, Def, Object};
use crate::resolve::{Resolved, SymId};
use crate::varint;

/// pcHeader.magic for Go 1.18 and 1.19 (runtime/symtab.go, debug/gosym `go118magic`).
pub const MAGIC: u32 = 0xffff_fff0;
/// 8 + 8·PtrSize (pcln.go `generatePCHeader`).
pub const HEADER_SIZE: u64 = 72;
/// `_func` size in 1.18/1.19 (pcln.go `funcSize = 10*4`, runtime/runtime2.go `_func`).
pub const FUNC_SIZE: u64 = 40;
/// runtime/symtab.go / cmd/internal/objabi: `ArgsSizeUnknown`.
pub const ARGS_SIZE_UNKNOWN: u32 = 0x8000_0000;
/// The function Go's spec says takes no arguments (its `_func.args` is 0, not unknown).
pub const MAIN_MAIN: &str = "main.main";
/// cmd/internal/objabi/funcdata.go: the slot of a function's open-coded defer information,
/// which holds tbuild's deferInfo (see the module doc).
pub const FUNCDATA_DEFER_INFO: u8 = 4;
/// The suffix of the compiler's static information of a deferring function `F`.
pub const DEFER_INFO_SUFFIX: &str = "·deferinfo";
/// funcFlag_TOPFRAME (runtime/symtab.go, cmd/internal/objabi/funcid.go `FuncFlag_TOPFRAME`).
pub const FUNC_FLAG_TOPFRAME: u8 = 1;

/// cmd/internal/objabi/funcdata.go: the pcdata slot of the inline-tree index and the
/// funcdata slot of the inline tree.
pub const PCDATA_INL_TREE_INDEX: u32 = 2;
pub const FUNCDATA_INL_TREE: u8 = 3;
/// Go 1.19's inlinedCall record (runtime/symtab.go): parent int16, funcID uint8, a pad
/// byte, file, line, func_ (name offset) and parentPc, int32 each.
pub const INLINED_CALL_SIZE: u64 = 20;

/// Go 1.19's funcID for the special runtime functions (cmd/internal/objabi/funcid.go
/// `funcIDs` / `GetFuncID`, same order as runtime/symtab.go `funcID_*`).
pub fn func_id(name: &str) -> u8 {
    // The compiler's wrappers, which Go marks WRAPPER: method values' (`pkg.T.M-fm`),
    // deferred calls' (`pkg.F.deferwrap1`) and go statements' (`pkg.F.gowrap1`). Tracebacks
    // hide them and recover looks through them.
    // (Most names do not end in a digit: they skip the two substring searches.)
    let numbered = |suffix: &str| {
        name.ends_with(|c: char| c.is_ascii_digit())
            && name
                .rsplit_once(suffix)
                .is_some_and(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    if name.ends_with("-fm") || numbered(".deferwrap") || numbered(".gowrap") {
        return 21;
    }
    let Some(short) = name.strip_prefix("runtime.") else {
        return 0;
    };
    match short {
        "abort" => 1,
        "asmcgocall" => 2,
        "asyncPreempt" => 3,
        "cgocallback" => 4,
        "debugCallV2" => 5,
        "gcBgMarkWorker" => 6,
        "goexit" => 7,
        "gogo" => 8,
        "gopanic" => 9,
        "handleAsyncEvent" => 10,
        "mcall" => 11,
        "morestack" => 12,
        "mstart" => 13,
        "panicwrap" => 14,
        "rt0_go" => 15,
        "runfinq" => 16,
        "main" => 17,
        "sigpanic" => 18,
        "systemstack" => 19,
        "systemstack_switch" => 20,
        // "Don't show in call stack but otherwise not special": funcID_wrapper. Go's own,
        // and calldefer, tbuild's runtime helper that calls a deferred function (Go's
        // deferCallSave), so that runtime.Callers counts the frames Go counts
        // (runtime/pkg/runtime/callers.go).
        "deferreturn" | "runOpenDeferFrame" | "deferCallSave" | "calldefer" => 21,
        _ => 0,
    }
}

/// Go's funcID_wrapper (cmd/internal/objabi/funcid.go): a compiler-generated wrapper, which
/// tracebacks leave out unless it panicked itself.
pub const FUNC_ID_WRAPPER: u8 = 21;

/// The file Go's compiler places its generated functions in; a function whose code all
/// comes from it is a wrapper (Go marks exactly those functions WRAPPER).
pub const AUTOGENERATED: &str = "<autogenerated>";

/// The functions Go's assembly marks TOPFRAME (runtime/asm_amd64.s rt0_go, mstart, goexit;
/// sys_linux_amd64.s sigtramp): tracebacks stop there.
pub fn func_flag(name: &str) -> u8 {
    match name {
        "runtime.rt0_go" | "runtime.mstart" | "runtime.goexit" | "runtime.sigtramp" => {
            FUNC_FLAG_TOPFRAME
        }
        _ => 0,
    }
}

/// The function table's functions (before sorting by address): live STT_FUNC symbols in
/// `.text` with a non-zero size; aliases (same section and offset) count once, the first
/// global one (else the first) naming it. In object, section and offset order.
pub fn functions(objects: &[Object], resolved: &Resolved) -> Vec<SymId> {
    let mut out = Vec::new();
    // One object's functions at a time, sorted by place (a stable sort: aliases keep their
    // symbol order, so the first of them comes first).
    let mut places: Vec<(usize, u64, usize)> = Vec::new();
    for (oi, obj) in objects.iter().enumerate() {
        places.clear();
        for (si, sym) in obj.symbols.iter().enumerate() {
            if !resolved.emitted[oi][si] {
                continue;
            }
            if let Some((section, value)) = crate::pcvalues::function_place(obj, sym) {
                places.push((section, value, si));
            }
        }
        places.sort_by_key(|&(section, value, _)| (section, value));
        let mut i = 0;
        while i < places.len() {
            let (section, value, first) = places[i];
            let mut chosen = first;
            while i < places.len() && (places[i].0, places[i].1) == (section, value) {
                let si = places[i].2;
                if obj.symbols[chosen].bind == Bind::Local && obj.symbols[si].bind != Bind::Local {
                    chosen = si;
                }
                i += 1;
            }
            out.push((oi, chosen));
        }
    }
    out
}

/// The name the runtime prints: for a generic function everything inside the outermost
/// brackets becomes "[...]" (pcln.go `generateFuncnametab` `nameParts`).
pub(crate) fn table_name(name: &str) -> std::borrow::Cow<'_, str> {
    if let (Some(i), Some(j)) = (name.find('['), name.rfind(']')) {
        if j > i {
            return format!("{}[...]{}", &name[..i], &name[j + 1..]).into();
        }
    }
    name.into()
}

/// ld/data.go `symalign` for a symbol without explicit alignment: the largest power of two
/// ≤ maxAlign (32) that is not larger than the size (minimum 1).
fn symalign(size: u64) -> u64 {
    let mut align = 32;
    while align > size && align > 1 {
        align >>= 1;
    }
    align
}

fn round_up(x: u64, a: u64) -> u64 {
    x.div_ceil(a) * a
}

/// A pc-value table (runtime/symtab.go `step`, cmd/internal/obj/pcln.go `funcpctab`): for each
/// run `(end, value)` — the value holds from the previous run's end (or the entry) up to
/// `end`, a function-relative offset — the value's change from the previous value (starting
/// at −1) as a zig-zag varint, then the run's length in bytes (PCQuantum is 1 on amd64) as a
/// varint; a 0 byte ends the table. Consecutive runs with equal values are merged first (a
/// zero value delta other than the first would end the table). An empty list has no table.
pub fn encode_pcvalue(runs: &[(u32, i32)]) -> Vec<u8> {
    encode_runs(runs.iter().copied())
}

/// [`encode_pcvalue`] of runs as they come: merged as they are encoded, with no list of
/// them made (a link encodes three tables for each of thousands of functions).
pub(crate) fn encode_runs(runs: impl IntoIterator<Item = (u32, i32)>) -> Vec<u8> {
    let runs = runs.into_iter();
    // Room for a run's two varints, of a few bytes each, so the table is not reallocated as
    // it grows.
    let mut out = Vec::with_capacity(runs.size_hint().0 * 4 + 1);
    let (mut pc, mut val) = (0u32, -1i32);
    let mut put = |end: u32, value: i32| {
        if end <= pc {
            return;
        }
        let delta = i64::from(value) - i64::from(val);
        varint::put(&mut out, ((delta << 1) ^ (delta >> 63)) as u64);
        varint::put(&mut out, u64::from(end - pc));
        pc = end;
        val = value;
    };
    // The run being merged: its end so far and its value.
    let mut pending: Option<(u32, i32)> = None;
    for (end, value) in runs {
        match &mut pending {
            Some(p) if p.1 == value => p.0 = end,
            _ => {
                if let Some((e, v)) = pending {
                    put(e, v);
                }
                pending = Some((end, value));
            }
        }
    }
    if let Some((e, v)) = pending {
        put(e, v);
    }
    if !out.is_empty() {
        out.push(0);
    }
    out
}

/// The runs `(end, value)` of a pc-value table made by [`encode_pcvalue`] (its inverse,
/// [`crate::pcvalues::walk`]); a malformed tail is left out.
pub(crate) fn decode_pcvalue(table: &[u8]) -> Vec<(u32, i32)> {
    let mut runs = Vec::new();
    crate::pcvalues::walk(table, |end, value| runs.push((end as u32, value as i32)));
    runs
}

/// One function's tables (before sharing).
#[derive(Debug, Clone)]
struct FuncTables<'a> {
    id: SymId,
    name: std::borrow::Cow<'a, str>,
    /// All of the function's code is at `<autogenerated>` (a compiler-made wrapper).
    wrapper: bool,
    /// Its `F·deferinfo`, when it has defer statements (its funcdata).
    defer_info: Option<SymId>,
    /// The bytes of its parameters, when the compiler said (`.tbuild.args`).
    args: Option<u32>,
    /// Its object's tables ([`crate::pcvalues`]).
    pcsp: &'a [u8],
    pcfile: &'a [u8],
    pcln: &'a [u8],
    /// Its inline tree (empty when it inlined nothing) and the table of each pc's node.
    inlined: &'a [crate::funcinfo::Inlined],
    pcinl: &'a [u8],
}

/// The pc tables of every function, computed before the layout (pass `collect_pc_tables`).
#[derive(Debug)]
pub struct PcTables<'a> {
    /// The file paths of each object's line information (parallel to the objects).
    files: Vec<&'a [String]>,
    /// One per function of [`functions`], in that order.
    funcs: Vec<FuncTables<'a>>,
    /// The sub-tables with the functions in that order: they give the section's size, and
    /// they are the section's when the layout puts the functions in the same order, as it
    /// does unless aliases or the objects' section order say otherwise (so a link does
    /// not build them twice).
    planned: Tables,
}

/// Pass 3, `collect_pc_tables`: every function's pcsp, pcfile and pcln tables, as its object
/// gives them ([`crate::pcvalues`], derived as it was read), its inline tree and the rest of
/// what its `_func` record says ([`crate::funcinfo`], derived then too).
pub fn collect_pc_tables<'a>(objects: &'a [Object], resolved: &Resolved) -> Result<PcTables<'a>> {
    // Each function's tables on their own: built in parallel, in the functab's order, from
    // what its object's reading derived (crate::funcinfo).
    let funcs = crate::par::map(&functions(objects, resolved), |&(o, s)| {
        let sym = &objects[o].symbols[s];
        let size = resolved.sizes[o][s];
        let Def::Section { section, value } = sym.def else {
            unreachable!("functions() returns section definitions only")
        };
        // Every function `functions` picks has its tables (the same symbols, pcvalues.rs);
        // were one missing, it would have none, as a function without line information.
        let v = objects[o]
            .pc_values
            .get(section, value, size)
            .unwrap_or_default();
        let info = objects[o].funcs.get(s);
        FuncTables {
            id: (o, s),
            name: table_name(&sym.name),
            wrapper: v.wrapper,
            inlined: info.map_or(&[][..], |i| &i.inlined[..]),
            pcinl: info.map_or(&[][..], |i| &i.pcinl[..]),
            defer_info: info.and_then(|i| i.defer_info).map(|d| (o, d)),
            args: info.and_then(|i| i.args),
            pcsp: v.pcsp,
            pcfile: v.pcfile,
            pcln: v.pcln,
        }
    });
    let files = objects.iter().map(|o| o.line_files.as_slice()).collect();
    let mut pc = PcTables {
        files,
        funcs,
        planned: Tables::default(),
    };
    let order: Vec<usize> = (0..pc.funcs.len()).collect();
    pc.planned = pc.tables(&order);
    Ok(pc)
}

/// The sub-tables' contents, in the order they are written; the order of functions (hence of
/// CUs, files and shared tables) is the functab's.
#[derive(Debug, Default)]
struct Tables {
    names: Vec<u8>,
    name_offsets: Vec<u32>,
    /// The cutab index of each object's first file (its `_func.cuOffset`).
    cu_offsets: HashMap<usize, u32>,
    cutab: Vec<u32>,
    filetab: Vec<u8>,
    nfiles: u64,
    pctab: Vec<u8>,
    /// (pcsp, pcfile, pcln) offsets per function.
    pc_offsets: Vec<(u32, u32, u32)>,
    /// Whether each function is a wrapper (funcID_wrapper).
    wrappers: Vec<bool>,
    /// Each function's deferinfo, when it has one.
    defer_infos: Vec<Option<SymId>>,
    /// Each function's parameter bytes, when known.
    args: Vec<Option<u32>>,
    /// Each function's inline-tree index table (pctab offset) and inline tree (offset in
    /// `inltab`), when it inlined calls.
    inl: Vec<Option<(u32, u32)>>,
    /// The inline trees' inlinedCall records, one array per function.
    inltab: Vec<u8>,
}

/// The pcdata and funcdata slots of a function's `_func` record: the inline-tree index and
/// the inline tree when it inlined calls, the deferinfo when it defers; slots before a used
/// one are there too (empty).
fn data_slots(has_defer_info: bool, has_inl: bool) -> (u32, u8) {
    let npcdata = if has_inl {
        PCDATA_INL_TREE_INDEX + 1
    } else {
        0
    };
    let nfuncdata = if has_defer_info {
        FUNCDATA_DEFER_INFO + 1
    } else if has_inl {
        FUNCDATA_INL_TREE + 1
    } else {
        0
    };
    (npcdata, nfuncdata)
}

/// The size of a function's `_func` record with its pcdata and funcdata offsets, at pointer
/// alignment.
fn func_record_size(has_defer_info: bool, has_inl: bool) -> u64 {
    let (npcdata, nfuncdata) = data_slots(has_defer_info, has_inl);
    round_up(
        FUNC_SIZE + 4 * u64::from(npcdata) + 4 * u64::from(nfuncdata),
        8,
    )
}

impl PcTables<'_> {
    fn tables(&self, order: &[usize]) -> Tables {
        // Every list and map sized for its contents at once (growing them was a tenth of
        // this function's time, callgrind).
        let n = order.len();
        let name_bytes: usize = self.funcs.iter().map(|f| f.name.len() + 1).sum();
        let table_bytes: usize = (self.funcs.iter())
            .map(|f| f.pcsp.len() + f.pcfile.len() + f.pcln.len() + f.pcinl.len())
            .sum();
        let inlined: usize = self.funcs.iter().map(|f| f.inlined.len()).sum();
        let mut t = Tables {
            names: Vec::with_capacity(name_bytes),
            name_offsets: Vec::with_capacity(n),
            cu_offsets: HashMap::default(),
            cutab: Vec::new(),
            filetab: Vec::new(),
            nfiles: 0,
            pctab: Vec::with_capacity(table_bytes + 1),
            pc_offsets: Vec::with_capacity(n),
            wrappers: Vec::with_capacity(n),
            defer_infos: Vec::with_capacity(n),
            args: Vec::with_capacity(n),
            inl: Vec::with_capacity(n),
            inltab: Vec::with_capacity(inlined * INLINED_CALL_SIZE as usize),
        };
        t.pctab.push(0); // pad: offset 0 means "no table"
        let mut file_offsets: HashMap<&str, u32> = HashMap::default();
        let mut shared: HashMap<&[u8], u32> =
            HashMap::with_capacity_and_hasher(4 * n, Default::default());
        // The functions' names first, so that an inlined callee's name is its function's
        // when the function is in the table too.
        let mut name_at: HashMap<&str, u32> =
            HashMap::with_capacity_and_hasher(n + inlined, Default::default());
        for &i in order {
            let f = &self.funcs[i];
            t.name_offsets.push(t.names.len() as u32);
            name_at.entry(&f.name).or_insert(t.names.len() as u32);
            t.names.extend_from_slice(f.name.as_bytes());
            t.names.push(0);
        }
        for &i in order {
            let f = &self.funcs[i];
            t.wrappers.push(f.wrapper);
            t.defer_infos.push(f.defer_info);
            t.args.push(f.args);
            let obj = f.id.0;
            if !f.pcfile.is_empty() && !t.cu_offsets.contains_key(&obj) {
                t.cu_offsets.insert(obj, t.cutab.len() as u32);
                for path in self.files[obj] {
                    let off = *file_offsets.entry(path).or_insert_with(|| {
                        let at = t.filetab.len() as u32;
                        t.filetab.extend_from_slice(path.as_bytes());
                        t.filetab.push(0);
                        t.nfiles += 1;
                        at
                    });
                    t.cutab.push(off);
                }
            }
            let mut offsets = [0u32; 3];
            for (slot, table) in offsets.iter_mut().zip([f.pcsp, f.pcfile, f.pcln]) {
                if table.is_empty() {
                    continue;
                }
                *slot = *shared.entry(table).or_insert_with(|| {
                    let at = t.pctab.len() as u32;
                    t.pctab.extend_from_slice(table);
                    at
                });
            }
            t.pc_offsets.push((offsets[0], offsets[1], offsets[2]));
            if f.inlined.is_empty() {
                t.inl.push(None);
                continue;
            }
            let pcinl = *shared.entry(f.pcinl).or_insert_with(|| {
                let at = t.pctab.len() as u32;
                t.pctab.extend_from_slice(f.pcinl);
                at
            });
            t.inl.push(Some((pcinl, t.inltab.len() as u32)));
            for n in f.inlined {
                let nameoff = *name_at.entry(n.name()).or_insert_with(|| {
                    let at = t.names.len() as u32;
                    t.names.extend_from_slice(n.name().as_bytes());
                    t.names.push(0);
                    at
                });
                t.inltab.extend_from_slice(&n.parent.to_le_bytes());
                t.inltab.push(n.func_id);
                t.inltab.push(0);
                for v in [n.file, n.line, nameoff as i32, n.parent_pc] {
                    t.inltab.extend_from_slice(&v.to_le_bytes());
                }
            }
        }
        t
    }
}

/// Offsets of the sub-tables from the start of the section, and the total size.
struct Plan {
    funcnametab: u64,
    cutab: u64,
    filetab: u64,
    pctab: u64,
    functab: u64,
    inltab: u64,
    size: u64,
}

fn plan(t: &Tables, nfunc: u64) -> Plan {
    let records: u64 = t
        .defer_infos
        .iter()
        .zip(&t.inl)
        .map(|(d, i)| func_record_size(d.is_some(), i.is_some()))
        .sum();
    let functab_size = round_up(nfunc * 8 + 4, 8) + records;
    let mut off = HEADER_SIZE;
    let mut place = |size: u64| {
        let at = round_up(off, symalign(size));
        off = at + size;
        at
    };
    let funcnametab = place(t.names.len() as u64);
    let cutab = place(t.cutab.len() as u64 * 4);
    let filetab = place(t.filetab.len() as u64);
    let pctab = place(t.pctab.len() as u64);
    let functab = place(functab_size);
    // The inline trees, at 4-byte alignment (Go keeps them in go:func.*; the funcdata
    // offsets reach them here all the same).
    off = round_up(off, 4);
    let inltab = off;
    off += t.inltab.len() as u64;
    Plan {
        funcnametab,
        cutab,
        filetab,
        pctab,
        functab,
        inltab,
        size: off,
    }
}

/// The section's size. It does not depend on the functions' order (every table is there
/// once whatever the order), so the planning order is as good as the final one.
pub fn size(pc: &PcTables) -> u64 {
    plan(&pc.planned, pc.funcs.len() as u64).size
}

/// The functions in functab order: (entry address, end address, symbol), sorted by address
/// (then name, for aliases at one address).
pub fn sorted_functions(
    pc: &PcTables,
    objects: &[Object],
    resolved: &Resolved,
    layout: &Layout,
) -> Vec<(u64, u64, SymId)> {
    let mut funcs: Vec<(u64, u64, SymId)> = pc
        .funcs
        .iter()
        .map(|f| {
            let addr = layout.def_address(objects, f.id);
            (addr, addr + resolved.sizes[f.id.0][f.id.1], f.id)
        })
        .collect();
    funcs.sort_by(|&(a, _, (ao, asy)), &(b, _, (bo, bsy))| {
        (a, &objects[ao].symbols[asy].name).cmp(&(b, &objects[bo].symbols[bsy].name))
    });
    funcs
}

/// The section's bytes, once the layout is known.
/// `funcs` are the functab's functions ([`sorted_functions`]).
pub fn build(
    pc: &PcTables,
    funcs: &[(u64, u64, SymId)],
    objects: &[Object],
    layout: &Layout,
) -> Vec<u8> {
    let ordered;
    let t = if funcs.iter().map(|f| f.2).eq(pc.funcs.iter().map(|f| f.id)) {
        &pc.planned
    } else {
        let index: HashMap<SymId, usize> = pc
            .funcs
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id, i))
            .collect();
        ordered = pc.tables(
            &funcs
                .iter()
                .map(|&(_, _, id)| index[&id])
                .collect::<Vec<_>>(),
        );
        &ordered
    };
    let p = plan(t, funcs.len() as u64);
    let text_start = layout.linker_symbol("runtime.text").map_or(0, |(a, _)| a);
    let types_start = layout.linker_symbol("runtime.types").map_or(0, |(a, _)| a);
    let mut out = vec![0u8; p.size as usize];
    let put32 = |out: &mut Vec<u8>, at: u64, v: u32| {
        out[at as usize..at as usize + 4].copy_from_slice(&v.to_le_bytes())
    };
    let put64 = |out: &mut Vec<u8>, at: u64, v: u64| {
        out[at as usize..at as usize + 8].copy_from_slice(&v.to_le_bytes())
    };
    let put = |out: &mut Vec<u8>, at: u64, bytes: &[u8]| {
        out[at as usize..at as usize + bytes.len()].copy_from_slice(bytes)
    };

    // pcHeader (runtime/symtab.go): magic, pad1, pad2, minLC, ptrSize, nfunc, nfiles,
    // textStart, then offsets from the header to each sub-table.
    put32(&mut out, 0, MAGIC);
    out[6] = 1; // minLC: x86's PCQuantum
    out[7] = 8; // ptrSize
    put64(&mut out, 8, funcs.len() as u64);
    put64(&mut out, 16, t.nfiles);
    put64(&mut out, 24, text_start);
    put64(&mut out, 32, p.funcnametab);
    put64(&mut out, 40, p.cutab);
    put64(&mut out, 48, p.filetab);
    put64(&mut out, 56, p.pctab);
    put64(&mut out, 64, p.functab);

    put(&mut out, p.funcnametab, &t.names);
    for (i, &off) in t.cutab.iter().enumerate() {
        put32(&mut out, p.cutab + 4 * i as u64, off);
    }
    put(&mut out, p.filetab, &t.filetab);
    put(&mut out, p.pctab, &t.pctab);
    put(&mut out, p.inltab, &t.inltab);
    let pclntab_start = layout
        .linker_symbol("runtime.pcheader")
        .map_or(0, |(a, _)| a);

    // functab: {entryoff, funcoff} pairs, the end entry, then the _func records.
    let entryoff = |addr: u64| addr.saturating_sub(text_start) as u32;
    let nfunc = funcs.len() as u64;
    let mut func_at = round_up(nfunc * 8 + 4, 8);
    for (i, &(addr, _, (o, s))) in funcs.iter().enumerate() {
        let pair = p.functab + i as u64 * 8;
        put32(&mut out, pair, entryoff(addr));
        put32(&mut out, pair + 4, func_at as u32);
        let name = objects[o].symbols[s].name.as_str();
        let (pcsp, pcfile, pcln) = t.pc_offsets[i];
        // The compiler's parameter bytes (Go counts the results too; tbuild's traceback
        // prints `()` for a function whose count is 0, as Go prints one without arguments).
        let args = if name == MAIN_MAIN {
            0
        } else {
            t.args[i].unwrap_or(ARGS_SIZE_UNKNOWN)
        };
        let rec = p.functab + func_at;
        put32(&mut out, rec, entryoff(addr)); // entryoff
        put32(&mut out, rec + 4, t.name_offsets[i]); // nameoff
        put32(&mut out, rec + 8, args); // args
        put32(&mut out, rec + 12, 0); // deferreturn
        put32(&mut out, rec + 16, pcsp);
        put32(&mut out, rec + 20, pcfile);
        put32(&mut out, rec + 24, pcln);
        let inl = t.inl[i];
        let (npcdata, nfuncdata) = data_slots(t.defer_infos[i].is_some(), inl.is_some());
        put32(&mut out, rec + 28, npcdata);
        let cu = if pcfile == 0 {
            0
        } else {
            t.cu_offsets.get(&o).copied().unwrap_or(0)
        };
        put32(&mut out, rec + 32, cu); // cuOffset
        out[(rec + 36) as usize] = if t.wrappers[i] {
            FUNC_ID_WRAPPER
        } else {
            func_id(name)
        };
        out[(rec + 37) as usize] = func_flag(name);
        // pad: 0. The pcdata: only the inline-tree index (the others empty, 0).
        out[(rec + 39) as usize] = nfuncdata;
        let pcdata = rec + FUNC_SIZE;
        if let Some((pcinl, _)) = inl {
            put32(
                &mut out,
                pcdata + 4 * u64::from(PCDATA_INL_TREE_INDEX),
                pcinl,
            );
        }
        // The funcdata, at their offsets from runtime.types (^0: none): the inline tree and
        // the deferinfo.
        let funcdata = pcdata + 4 * u64::from(npcdata);
        for k in 0..u64::from(nfuncdata) {
            put32(&mut out, funcdata + 4 * k, u32::MAX);
        }
        let from_types = |addr: u64| {
            addr.checked_sub(types_start)
                .and_then(|o| u32::try_from(o).ok())
        };
        if let Some(off) =
            inl.and_then(|(_, at)| from_types(pclntab_start + p.inltab + u64::from(at)))
        {
            put32(&mut out, funcdata + 4 * u64::from(FUNCDATA_INL_TREE), off);
        }
        let defer_info =
            t.defer_infos[i].and_then(|id| from_types(layout.def_address(objects, id)));
        if let Some(off) = defer_info {
            put32(&mut out, funcdata + 4 * u64::from(FUNCDATA_DEFER_INFO), off);
        }
        func_at += func_record_size(t.defer_infos[i].is_some(), inl.is_some());
    }
    let end = funcs.last().map_or(0, |&(_, end, _)| entryoff(end));
    put32(&mut out, p.functab + nfunc * 8, end);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// runtime/symtab.go `pcvalue` over a table, for the function-relative `target`.
    fn pcvalue(table: &[u8], target: u32) -> i32 {
        let (mut p, mut pc, mut val) = (0usize, 0u32, -1i32);
        let read = |p: &mut usize| {
            let (mut v, mut shift) = (0u32, 0);
            loop {
                let b = table[*p];
                *p += 1;
                v |= u32::from(b & 0x7f) << shift;
                if b & 0x80 == 0 {
                    return v;
                }
                shift += 7;
            }
        };
        loop {
            let first = pc == 0;
            if table[p] == 0 && !first {
                return -1;
            }
            let uv = read(&mut p);
            val += -((uv & 1) as i32) ^ (uv >> 1) as i32;
            pc += read(&mut p);
            if target < pc {
                return val;
            }
        }
    }

    #[test]
    fn pcvalue_round_trip() {
        let runs = [(1, 0), (4, 8), (300, 40), (301, 8), (302, 0)];
        let t = encode_pcvalue(&runs);
        for pc in 0..302 {
            let want = runs.iter().find(|r| pc < r.0).unwrap().1;
            assert_eq!(pcvalue(&t, pc), want, "pc {pc}");
        }
        assert_eq!(pcvalue(&t, 302), -1);
        assert_eq!(decode_pcvalue(&t), runs);
        assert!(encode_pcvalue(&[]).is_empty());
        // Large and negative deltas.
        let t = encode_pcvalue(&[(0x4000, 100_000), (0x4001, 3)]);
        assert_eq!(pcvalue(&t, 0x3fff), 100_000);
        assert_eq!(pcvalue(&t, 0x4000), 3);
    }

    #[test]
    fn compiler_wrappers_are_wrappers() {
        for w in ["main.main.deferwrap1", "main.main.gowrap12", "main.T.M-fm"] {
            assert_eq!(func_id(w), 21, "{w}");
        }
        for f in [
            "main.gowrap",
            "main.main.gowrap",
            "main.gowrapx1",
            "main.main",
        ] {
            assert_eq!(func_id(f), 0, "{f}");
        }
    }
}
