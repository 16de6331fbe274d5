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
//! `.text` with a non-zero size, in address order. There are no pc-value tables yet (pcsp,
//! pcfile and pcln are 0, no files, no pcdata or funcdata); args is ArgsSizeUnknown.

use std::collections::BTreeMap;

use object::elf;

use crate::layout::{self, Layout};
use crate::read::{Bind, Def, Object};
use crate::resolve::{Resolved, SymId};

/// pcHeader.magic for Go 1.18 and 1.19 (runtime/symtab.go, debug/gosym `go118magic`).
pub const MAGIC: u32 = 0xffff_fff0;
/// 8 + 8·PtrSize (pcln.go `generatePCHeader`).
pub const HEADER_SIZE: u64 = 72;
/// `_func` size in 1.18/1.19 (pcln.go `funcSize = 10*4`, runtime/runtime2.go `_func`).
pub const FUNC_SIZE: u64 = 40;
/// runtime/symtab.go / cmd/internal/objabi: `ArgsSizeUnknown`.
pub const ARGS_SIZE_UNKNOWN: u32 = 0x8000_0000;
/// funcFlag_TOPFRAME (runtime/symtab.go, cmd/internal/objabi/funcid.go `FuncFlag_TOPFRAME`).
pub const FUNC_FLAG_TOPFRAME: u8 = 1;

/// Go 1.19's funcID for the special runtime functions (cmd/internal/objabi/funcid.go
/// `funcIDs` / `GetFuncID`, same order as runtime/symtab.go `funcID_*`).
pub fn func_id(name: &str) -> u8 {
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
        // "Don't show in call stack but otherwise not special": funcID_wrapper.
        "deferreturn" | "runOpenDeferFrame" | "deferCallSave" => 21,
        _ => 0,
    }
}

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
/// global one (else the first) naming it.
pub fn functions(objects: &[Object], resolved: &Resolved) -> Vec<SymId> {
    let text = layout::out_id(".text");
    let mut by_place: BTreeMap<(usize, usize, u64), SymId> = BTreeMap::new();
    for (oi, obj) in objects.iter().enumerate() {
        for (si, sym) in obj.symbols.iter().enumerate() {
            if !resolved.emitted[oi][si] || sym.kind != elf::STT_FUNC || resolved.sizes[oi][si] == 0
            {
                continue;
            }
            let Def::Section { section, value } = sym.def else {
                continue;
            };
            if obj.sections[section].out != Some(text) {
                continue;
            }
            by_place
                .entry((oi, section, value))
                .and_modify(|old| {
                    if objects[old.0].symbols[old.1].bind == Bind::Local && sym.bind != Bind::Local
                    {
                        *old = (oi, si);
                    }
                })
                .or_insert((oi, si));
        }
    }
    by_place.into_values().collect()
}

/// The name the runtime prints: for a generic function everything inside the outermost
/// brackets becomes "[...]" (pcln.go `generateFuncnametab` `nameParts`).
fn table_name(name: &str) -> String {
    if let (Some(i), Some(j)) = (name.find('['), name.rfind(']')) {
        if j > i {
            return format!("{}[...]{}", &name[..i], &name[j + 1..]);
        }
    }
    name.to_string()
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

/// Offsets of the sub-tables from the start of the section, and the total size.
struct Plan {
    funcnametab: u64,
    cutab: u64,
    filetab: u64,
    pctab: u64,
    functab: u64,
    size: u64,
}

fn plan(names: &[String]) -> Plan {
    let nfunc = names.len() as u64;
    let names_size: u64 = names.iter().map(|n| n.len() as u64 + 1).sum();
    let cutab_size = 0;
    let filetab_size = 0;
    let pctab_size = 1;
    let functab_size = round_up(nfunc * 8 + 4, 8) + nfunc * FUNC_SIZE;
    let mut off = HEADER_SIZE;
    let mut place = |size: u64| {
        let at = round_up(off, symalign(size));
        off = at + size;
        at
    };
    let funcnametab = place(names_size);
    let cutab = place(cutab_size);
    let filetab = place(filetab_size);
    let pctab = place(pctab_size);
    let functab = place(functab_size);
    Plan {
        funcnametab,
        cutab,
        filetab,
        pctab,
        functab,
        size: off,
    }
}

fn names(objects: &[Object], funcs: &[SymId]) -> Vec<String> {
    funcs
        .iter()
        .map(|&(o, s)| table_name(&objects[o].symbols[s].name))
        .collect()
}

/// The section's size; depends only on the functions' names and count, so it is known before
/// addresses are.
pub fn size(objects: &[Object], resolved: &Resolved) -> u64 {
    plan(&names(objects, &functions(objects, resolved))).size
}

/// The section's bytes, once the layout is known.
pub fn build(objects: &[Object], resolved: &Resolved, layout: &Layout) -> Vec<u8> {
    let mut funcs: Vec<(u64, SymId)> = functions(objects, resolved)
        .into_iter()
        .map(|id| (layout.def_address(objects, id), id))
        .collect();
    funcs.sort_by(|&(a, (ao, asy)), &(b, (bo, bsy))| {
        (a, &objects[ao].symbols[asy].name).cmp(&(b, &objects[bo].symbols[bsy].name))
    });
    let ids: Vec<SymId> = funcs.iter().map(|&(_, id)| id).collect();
    let names = names(objects, &ids);
    let p = plan(&names);
    let text_start = layout.linker_symbol("runtime.text").map_or(0, |(a, _)| a);
    let mut out = vec![0u8; p.size as usize];
    let put32 = |out: &mut Vec<u8>, at: u64, v: u32| {
        out[at as usize..at as usize + 4].copy_from_slice(&v.to_le_bytes())
    };
    let put64 = |out: &mut Vec<u8>, at: u64, v: u64| {
        out[at as usize..at as usize + 8].copy_from_slice(&v.to_le_bytes())
    };

    // pcHeader (runtime/symtab.go): magic, pad1, pad2, minLC, ptrSize, nfunc, nfiles,
    // textStart, then offsets from the header to each sub-table.
    put32(&mut out, 0, MAGIC);
    out[6] = 1; // minLC: x86's PCQuantum
    out[7] = 8; // ptrSize
    put64(&mut out, 8, funcs.len() as u64);
    put64(&mut out, 16, 0); // nfiles
    put64(&mut out, 24, text_start);
    put64(&mut out, 32, p.funcnametab);
    put64(&mut out, 40, p.cutab);
    put64(&mut out, 48, p.filetab);
    put64(&mut out, 56, p.pctab);
    put64(&mut out, 64, p.functab);

    // funcnametab: NUL-terminated names, in function order.
    let mut name_offsets = Vec::with_capacity(names.len());
    let mut at = p.funcnametab;
    for name in &names {
        name_offsets.push((at - p.funcnametab) as u32);
        out[at as usize..at as usize + name.len()].copy_from_slice(name.as_bytes());
        at += name.len() as u64 + 1;
    }
    // cutab and filetab are empty; pctab is its single pad byte (already 0).

    // functab: {entryoff, funcoff} pairs, the end entry, then the _func records.
    let entryoff = |addr: u64| addr.saturating_sub(text_start) as u32;
    let nfunc = funcs.len() as u64;
    let mut func_at = round_up(nfunc * 8 + 4, 8);
    for (i, &(addr, (o, s))) in funcs.iter().enumerate() {
        let pair = p.functab + i as u64 * 8;
        put32(&mut out, pair, entryoff(addr));
        put32(&mut out, pair + 4, func_at as u32);
        let name = objects[o].symbols[s].name.as_str();
        let rec = p.functab + func_at;
        put32(&mut out, rec, entryoff(addr)); // entryoff
        put32(&mut out, rec + 4, name_offsets[i]); // nameoff
        put32(&mut out, rec + 8, ARGS_SIZE_UNKNOWN); // args
                                                     // deferreturn, pcsp, pcfile, pcln, npcdata, cuOffset: 0.
        out[(rec + 36) as usize] = func_id(name);
        out[(rec + 37) as usize] = func_flag(name);
        // pad, nfuncdata: 0.
        func_at += FUNC_SIZE;
    }
    let end = funcs
        .last()
        .map_or(0, |&(addr, (o, s))| entryoff(addr + resolved.sizes[o][s]));
    put32(&mut out, p.functab + nfunc * 8, end);
    out
}
