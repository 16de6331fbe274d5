//! Pass `link_dwarf`: the inputs' DWARF (`.debug_*` sections), relocated and concatenated into
//! the output's non-loaded debug sections, which [`crate::write`] places after the loaded
//! segments, as Go's linker places its Segdwarf after Segdata (cmd/link/internal/ld/dwarf.go,
//! `dwarfaddshstrings`/`dwarfcompress`; tbuild writes them uncompressed).
//!
//! Each output section (`.debug_info`, `.debug_line`, ...) is every input's section of that
//! name in input order, each piece at its own alignment — the way any ELF linker concatenates
//! them, and what the DWARF producers (tbuild's compile stage and assembler, GNU `as`) expect:
//! every cross-section reference (`DW_AT_stmt_list`, `debug_abbrev_offset`, `DW_FORM_strp`,
//! `DW_AT_ranges`, `DW_AT_location` lists, the `.debug_frame` CIE pointer) is a relocation
//! against a debug section's symbol, resolved here to that piece's offset in the output
//! section; addresses (`DW_AT_low_pc`, `DW_LNE_set_address`, FDE `initial_location`, ranges,
//! location lists) are relocations against code symbols, resolved to their final address.
//! Both are `S + A` (R_X86_64_64 / R_X86_64_32 / R_X86_64_32S, System V AMD64 psABI §4.4);
//! no other relocation type can appear in DWARF sections and any other is an error.
//!
//! `-w` ([`crate::Options::strip_dwarf`]) and `-s` ([`crate::Options::strip_symbols`]; Go's
//! linker: "-s: disable symbol table", which also drops DWARF, cmd/link/internal/ld/main.go)
//! make this pass produce nothing.

use object::elf;
use object::read::elf::ElfFile64;
use object::{Object as _, ObjectSection as _, ObjectSymbol as _, RelocationFlags};

use crate::error::{ErrorKind, LinkError, Result};
use crate::layout::Layout;
use crate::read::Object;
use crate::resolve::Resolved;
use crate::{Input, Options};

/// One output debug section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DebugSection {
    pub name: String,
    pub data: Vec<u8>,
}

/// Go's order of its DWARF sections (cmd/link/internal/ld/dwarf.go `dwarfaddshstrings`);
/// any other `.debug_*` name follows, in order of first appearance.
const ORDER: &[&str] = &[
    ".debug_abbrev",
    ".debug_line",
    ".debug_frame",
    ".debug_info",
    ".debug_loc",
    ".debug_ranges",
    ".debug_str",
];

/// One input debug section and where it goes.
struct Piece {
    input: usize,
    section: object::SectionIndex,
    out: usize,
    offset: u64,
}

/// The pass: relocated, concatenated DWARF (empty with `-w` or `-s`).
pub fn link_dwarf(
    inputs: &[Input],
    objects: &[Object],
    resolved: &Resolved,
    layout: &Layout,
    opts: &Options,
) -> Result<Vec<DebugSection>> {
    if opts.strip_dwarf || opts.strip_symbols {
        return Ok(Vec::new());
    }
    let files = inputs
        .iter()
        .map(|i| ElfFile64::<object::Endianness>::parse(i.data.as_slice()))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| LinkError::malformed("input", e))?;

    // Placement: every .debug_* section of every input.
    let mut names: Vec<String> = ORDER.iter().map(|s| s.to_string()).collect();
    let mut sizes: Vec<u64> = vec![0; names.len()];
    let mut pieces: Vec<Piece> = Vec::new();
    for (input, file) in files.iter().enumerate() {
        for sec in file.sections() {
            let Ok(name) = sec.name() else { continue };
            if !name.starts_with(".debug_") {
                continue;
            }
            let out = match names.iter().position(|n| n == name) {
                Some(o) => o,
                None => {
                    names.push(name.to_string());
                    sizes.push(0);
                    names.len() - 1
                }
            };
            let align = sec.align().clamp(1, 1 << 16);
            let offset = sizes[out].div_ceil(align) * align;
            sizes[out] = offset + sec.size();
            pieces.push(Piece {
                input,
                section: sec.index(),
                out,
                offset,
            });
        }
    }
    let mut out: Vec<DebugSection> = names
        .iter()
        .zip(&sizes)
        .map(|(n, &s)| DebugSection {
            name: n.clone(),
            data: vec![0; s as usize],
        })
        .collect();

    for p in &pieces {
        let file = &files[p.input];
        let obj = &inputs[p.input].name;
        let bad = |e: object::read::Error| LinkError::malformed(obj, e);
        let sec = file.section_by_index(p.section).map_err(bad)?;
        let data = sec.data().map_err(bad)?;
        let at = p.offset as usize;
        let dst = &mut out[p.out].data;
        dst[at..at + data.len()].copy_from_slice(data);
        for (offset, r) in sec.relocations() {
            let RelocationFlags::Elf { r_type } = r.flags() else {
                continue;
            };
            let size: usize = match r_type {
                elf::R_X86_64_NONE => continue,
                elf::R_X86_64_64 => 8,
                elf::R_X86_64_32 | elf::R_X86_64_32S => 4,
                other => {
                    return Err(LinkError::new(
                        ErrorKind::UnknownRelocation,
                        format!(
                            "{obj}: relocation type {other} in {} is not supported in DWARF",
                            sec.name().unwrap_or("?")
                        ),
                    ))
                }
            };
            let object::RelocationTarget::Symbol(si) = r.target() else {
                continue;
            };
            let sym = file.symbol_by_index(si).map_err(bad)?;
            // S: a debug section's symbol is its piece's offset; anything else an address.
            let s = match sym.section_index() {
                Some(target)
                    if file
                        .section_by_index(target)
                        .ok()
                        .and_then(|t| t.name().ok().map(|n| n.starts_with(".debug_")))
                        == Some(true) =>
                {
                    pieces
                        .iter()
                        .find(|q| q.input == p.input && q.section == target)
                        .map_or(0, |q| q.offset)
                        .wrapping_add(sym.address())
                }
                _ if si.0 < objects.get(p.input).map_or(0, |o| o.symbols.len()) => layout
                    .target_address(objects, resolved.target(p.input, si.0))
                    .unwrap_or(0),
                _ => 0,
            };
            let field = offset as usize;
            if field.checked_add(size).is_none_or(|e| e > data.len()) {
                return Err(LinkError::malformed(
                    obj,
                    format!(
                        "relocation at {:#x} is outside {}",
                        offset,
                        sec.name().unwrap_or("?")
                    ),
                ));
            }
            let a = if r.has_implicit_addend() {
                let mut raw = [0u8; 8];
                raw[..size].copy_from_slice(&data[field..field + size]);
                i64::from_le_bytes(raw)
            } else {
                r.addend()
            };
            let v = s.wrapping_add(a as u64);
            let fits = match r_type {
                elf::R_X86_64_32 => v <= u64::from(u32::MAX),
                elf::R_X86_64_32S => {
                    (v as i64) >= i64::from(i32::MIN) && (v as i64) <= i64::from(i32::MAX)
                }
                _ => true,
            };
            if !fits {
                return Err(LinkError::new(
                    ErrorKind::RelocationOverflow,
                    format!(
                        "{obj}: relocation in {} against {:?}: value {v:#x} does not fit in 32 bits",
                        sec.name().unwrap_or("?"),
                        sym.name().unwrap_or("?")
                    ),
                ));
            }
            dst[at + field..at + field + size].copy_from_slice(&v.to_le_bytes()[..size]);
        }
    }
    out.retain(|s| !s.data.is_empty());
    Ok(out)
}
