//! `runtime.gcdata` and `runtime.gcbss`: the pointer bitmaps of `.data` and `.bss`, one bit
//! per 8-byte word from the section's start (`runtime.data`, `runtime.bss`), set where the
//! word holds a pointer a garbage collector must follow (Go: cmd/link/internal/ld/data.go
//! `GCProg`, read by runtime/symtab.go `modulesinit` into `gcdatamask`/`gcbssmask` and used
//! by runtime/mgcmark.go `markroot`). The noptr sections get none: they are never scanned.
//! tbuild has no collector yet: the bitmaps are emitted, and nothing reads them.
//!
//! Where the bits come from: tbuild's compiler states each `.data`/`.bss` variable's pointer
//! words in a non-loaded section of its object, `.tbuild.ptrmask` (records of symbol name,
//! word count and mask; DESIGN.md "Object files"). The compiler writes the section, empty or
//! not, into every object it makes, and states every pointer-holding variable there, so a
//! symbol of such an object without a record (the init flag, byte buffers) has no pointers.
//! A global symbol defined elsewhere, by assembly (`GLOBL runtime·g0(SB), $g__size` without
//! `NOPTR`), takes the layout of its Go declaration, which some compiled object states under
//! the same name: Go does the same (the asm symbol gets the Go declaration's type). A live
//! `.data`/`.bss` symbol with neither (no Go declaration, or an object from another
//! assembler) gets every word it covers marked: Go's linker refuses such a symbol ("missing
//! Go type information for global symbol"); tbuild accepts it and treats it as all pointers,
//! the conservative reading.
//!
//! Go 1.19 writes the two as GC programs that the runtime expands at start-up; tbuild writes
//! the expanded bitmaps themselves. A program is shorter for large pointer-free stretches,
//! but the bitmap is one byte per 64 bytes of `.data`/`.bss` (a few hundred bytes for
//! tbuild's binaries) and needs no decoding at start-up, where tbuild runs nothing it does not
//! need yet. Like `runtime.findfunctab` ([`crate::findfunc`]), both live in a small object the
//! linker adds to its inputs, in `.rodata`, sized before layout from the sizes the sections
//! will have, and filled once addresses are known.

use object::elf;

use crate::error::{ErrorKind, LinkError, Result};
use crate::layout::{self, Layout};
use crate::read::{Bind, Def, Object, CUTOFF};
use crate::resolve::Resolved;

/// The compiler's section of pointer words (codegen/src/compile/lower/globals.rs writes it).
pub const PTRMASK_SECTION: &str = ".tbuild.ptrmask";
/// The linker-made object's name.
pub const OBJECT: &str = "<linker gcmaps>";
/// The bitmaps' symbols (Go's names), with the output section each describes.
pub const MAPS: [(&str, &str); 2] = [("runtime.gcdata", ".data"), ("runtime.gcbss", ".bss")];

/// The size an output section will have: its input sections in input order at their
/// alignment, as the layout places them from the section's (maximally aligned) start.
fn span(objects: &[Object], out: &str) -> u64 {
    let out = layout::out_id(out);
    let mut size = 0u64;
    for obj in objects {
        for sec in obj.sections.iter().filter(|s| s.out == Some(out)) {
            size = (size.div_ceil(sec.align) * sec.align).saturating_add(sec.size);
        }
    }
    size
}

/// Bytes of bitmap for a section of `span` bytes: one bit per word.
fn map_size(span: u64) -> u64 {
    if span > CUTOFF {
        0 // the layout rejects the section anyway
    } else {
        span.div_ceil(8).div_ceil(8)
    }
}

/// The object holding the two bitmaps (zeros until [`fill`]), one `.rodata` section each.
pub fn linker_object(objects: &[Object]) -> Result<Object> {
    let mut tables = Vec::new();
    for (name, out) in MAPS {
        let size = map_size(span(objects, out));
        tables.push((name, layout::filled(size, 0, name)?.into(), 1));
    }
    Ok(Object::linker_rodata(OBJECT, tables))
}

/// No pointer words.
static NONE: Vec<bool> = Vec::new();

/// The records of an object's `.tbuild.ptrmask`: (symbol name, pointer bits).
fn records(obj: &Object) -> Result<Vec<(&str, Vec<bool>)>> {
    let mut out = Vec::new();
    for sec in obj.sections.iter().filter(|s| s.name == PTRMASK_SECTION) {
        let bad = |m: &str| LinkError::malformed(&obj.name, PTRMASK_SECTION, m.to_string());
        let d = &sec.data[..];
        let mut at = 0usize;
        let u32_at = |at: usize| -> Result<usize> {
            d.get(at..at + 4)
                .map(|b| u32::from_le_bytes(b.try_into().unwrap()) as usize)
                .ok_or_else(|| bad("truncated record"))
        };
        while at < d.len() {
            let n = u32_at(at)?;
            let name = d
                .get(at + 4..at + 4 + n)
                .and_then(|b| std::str::from_utf8(b).ok())
                .ok_or_else(|| bad("bad symbol name"))?;
            at += 4 + n;
            let words = u32_at(at)?;
            at += 4;
            let bytes = d
                .get(at..at + words.div_ceil(8))
                .ok_or_else(|| bad("truncated mask"))?;
            at += words.div_ceil(8);
            let bits = (0..words)
                .map(|i| bytes[i / 8] >> (i % 8) & 1 != 0)
                .collect();
            out.push((name, bits));
        }
    }
    Ok(out)
}

/// Fills both bitmaps now that every address is known.
pub fn fill(objects: &[Object], resolved: &Resolved, layout: &mut Layout) -> Result<()> {
    let Some(mi) = objects.iter().rposition(|o| o.name == OBJECT) else {
        return Ok(());
    };
    let internal = |m: String| LinkError::new(ErrorKind::Layout, format!("internal error: {m}"));
    // Every object's records, and the global names any object states (for both maps).
    let mut recs = Vec::with_capacity(objects.len());
    for obj in objects {
        recs.push(records(obj)?);
    }
    let mut by_name = crate::HashMap::default();
    for r in recs.iter().flatten() {
        by_name.entry(r.0).or_insert(&r.1);
    }
    for (i, (name, out_name)) in MAPS.iter().enumerate() {
        let out = layout::out_id(out_name);
        let start = layout.sections[out].addr;
        let mut map = vec![0u8; objects[mi].sections[i + 1].size as usize];
        let words = layout.sections[out].size.div_ceil(8) as usize;
        if words > map.len() * 8 {
            return Err(internal(format!(
                "{out_name} has {words} words but {name} was planned for {}",
                map.len() * 8
            )));
        }
        // A symbol whose stated size runs past its section (a damaged object) gets no bits
        // beyond the section's end.
        let mut set = |w: u64| {
            if let Some(b) = map.get_mut(w as usize / 8) {
                *b |= 1 << (w % 8);
            }
        };
        for (oi, obj) in objects.iter().enumerate() {
            let compiled = obj.sections.iter().any(|s| s.name == PTRMASK_SECTION);
            for (si, sym) in obj.symbols.iter().enumerate() {
                let Def::Section { section, .. } = sym.def else {
                    continue;
                };
                if obj.sections[section].out != Some(out) || !resolved.emitted[oi][si] {
                    continue;
                }
                let size = resolved.sizes[oi][si];
                if size == 0 || sym.kind == elf::STT_SECTION {
                    continue;
                }
                let addr = layout.def_address(objects, (oi, si));
                let off = addr - start;
                let own = recs[oi].iter().find(|(n, _)| *n == sym.name).map(|r| &r.1);
                let stated = match (own, sym.bind) {
                    (Some(bits), _) => Some(bits),
                    (None, _) if compiled => Some(&NONE),
                    (None, Bind::Global | Bind::Weak) => by_name.get(sym.name.as_str()).copied(),
                    (None, _) => None,
                };
                match stated {
                    Some(bits) => {
                        if !bits.is_empty()
                            && (!off.is_multiple_of(8) || bits.len() as u64 * 8 > size)
                        {
                            // The record comes from the input object: a damaged one,
                            // not a linker fault.
                            return Err(LinkError::malformed(
                                &obj.name,
                                PTRMASK_SECTION,
                                format!("the pointer words stated for {} do not fit it", sym.name),
                            ));
                        }
                        for (w, _) in bits.iter().enumerate().filter(|(_, &b)| b) {
                            set(off / 8 + w as u64);
                        }
                    }
                    // No stated layout: every whole word it covers may be a pointer.
                    None => {
                        for w in off.div_ceil(8)..(off + size) / 8 {
                            set(w);
                        }
                    }
                }
            }
        }
        let addr = layout.input_addr[mi][i + 1].unwrap_or(0);
        let rodata = &mut layout.sections[layout::out_id(".rodata")];
        let at = (addr - rodata.addr) as usize;
        rodata
            .data
            .get_mut(at..at + map.len())
            .ok_or_else(|| internal(format!("{name} lies outside .rodata")))?
            .copy_from_slice(&map);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{Section, Symbol};

    fn object_with(data: Vec<u8>) -> Object {
        let mut sec = Section::null();
        sec.name = PTRMASK_SECTION.to_string();
        sec.size = data.len() as u64;
        sec.data = data.into();
        Object {
            name: "t.o".to_string(),
            sections: vec![Section::null(), sec],
            symbols: vec![Symbol::null()],
            line_files: Vec::new(),
            pc_values: Default::default(),
            funcs: Default::default(),
        }
    }

    #[test]
    fn records_read_back() {
        // main.p: 10 words, pointers at 0 and 9; main.q: none stated (0 words).
        let mut d = Vec::new();
        for (name, words, mask) in [("main.p", 10u32, vec![0x01u8, 0x02]), ("main.q", 0, vec![])] {
            d.extend_from_slice(&(name.len() as u32).to_le_bytes());
            d.extend_from_slice(name.as_bytes());
            d.extend_from_slice(&words.to_le_bytes());
            d.extend_from_slice(&mask);
        }
        let obj = object_with(d);
        let r = records(&obj).unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].0, "main.p");
        let set: Vec<usize> = (0..10).filter(|&i| r[0].1[i]).collect();
        assert_eq!(set, [0, 9]);
        assert!(r[1].1.is_empty());
    }

    #[test]
    fn truncated_records_are_errors() {
        let obj = object_with(vec![6, 0, 0, 0, b'm', b'a']);
        assert!(records(&obj).is_err());
        let obj = object_with(vec![1, 0, 0, 0, b'x', 64, 0, 0, 0, 0xff]);
        assert!(records(&obj).is_err());
    }

    #[test]
    fn one_bit_per_word() {
        assert_eq!(map_size(0), 0);
        assert_eq!(map_size(8), 1);
        assert_eq!(map_size(64 * 8), 8);
        assert_eq!(map_size(64 * 8 + 1), 9);
    }
}
