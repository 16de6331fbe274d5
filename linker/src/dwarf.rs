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

use crate::error::{printable, short, ErrorKind, LinkError, Result};
use crate::layout::Layout;
use crate::read::{Def, Object, CUTOFF};
use crate::resolve::Resolved;
use crate::Options;

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

/// Where every input's `.debug_*` sections go: each output section's name and size, and
/// each piece's place in it. Made before the DWARF is relinked, so that the symbol table,
/// made meanwhile, knows how many DWARF sections there will be ([`Placement::sections`]).
#[derive(Debug, Default)]
pub struct Placement {
    names: Vec<String>,
    sizes: Vec<u64>,
    /// (object, section, output section) of each piece, in input order.
    pieces: Vec<(usize, usize, usize)>,
    /// `offsets[obj][sec]`: a piece's offset in its output section.
    offsets: Vec<Vec<u64>>,
}

impl Placement {
    /// How many sections [`link_dwarf`] makes: those with any bytes.
    pub fn sections(&self) -> usize {
        self.sizes.iter().filter(|&&s| s > 0).count()
    }
}

/// Places every .debug_* section of every input, at its alignment (nothing with `-w` or
/// `-s`).
pub fn place(objects: &[Object], opts: &Options) -> Result<Placement> {
    if opts.strip_dwarf || opts.strip_symbols {
        return Ok(Placement::default());
    }
    let mut names: Vec<String> = ORDER.iter().map(|s| s.to_string()).collect();
    let mut sizes: Vec<u64> = vec![0; names.len()];
    let mut pieces: Vec<(usize, usize, usize)> = Vec::new();
    let mut offsets: Vec<Vec<u64>> = objects.iter().map(|o| vec![0; o.sections.len()]).collect();
    for (oi, obj) in objects.iter().enumerate() {
        for (si, sec) in obj.sections.iter().enumerate() {
            if !sec.debug {
                continue;
            }
            let out = match names.iter().position(|n| *n == sec.name) {
                Some(o) => o,
                None => {
                    names.push(sec.name.clone());
                    sizes.push(0);
                    names.len() - 1
                }
            };
            let offset = sizes[out].div_ceil(sec.align) * sec.align;
            sizes[out] = offset + sec.data.len() as u64;
            if sizes[out] > CUTOFF {
                return Err(LinkError::new(
                    ErrorKind::Layout,
                    format!(
                        "too much debug information: {} is over {CUTOFF} bytes",
                        printable(&sec.name)
                    ),
                ));
            }
            offsets[oi][si] = offset;
            pieces.push((oi, si, out));
        }
    }
    Ok(Placement {
        names,
        sizes,
        pieces,
        offsets,
    })
}

/// The pass: relocated, concatenated DWARF, as `placement` places it (empty with `-w` or
/// `-s`). The inputs' debug sections were read and checked by [`crate::read`] (their bytes
/// lie in their file, their relocations' places in the section, their symbols exist), so
/// their sizes bound the output.
pub fn link_dwarf(
    objects: &[Object],
    resolved: &Resolved,
    layout: &Layout,
    placement: &Placement,
) -> Result<Vec<DebugSection>> {
    let Placement {
        names,
        sizes,
        pieces,
        offsets,
    } = placement;
    let mut out = Vec::with_capacity(names.len());
    for (name, &size) in names.iter().zip(sizes) {
        let data = crate::layout::filled(size, 0, name)?;
        out.push(DebugSection {
            name: name.clone(),
            data,
        });
    }

    for &(oi, si, o) in pieces {
        let obj = &objects[oi];
        let sec = &obj.sections[si];
        let at = offsets[oi][si] as usize;
        let dst = &mut out[o].data;
        // The piece's bytes once: through `Bytes` each use was a call (35,000 relocations).
        let src = &sec.data[..];
        dst[at..at + src.len()].copy_from_slice(src);
        for r in &sec.relocs {
            let size: usize = match r.r_type {
                elf::R_X86_64_NONE => continue,
                elf::R_X86_64_64 => 8,
                elf::R_X86_64_32 | elf::R_X86_64_32S => 4,
                other => {
                    return Err(LinkError::new(
                        ErrorKind::UnknownRelocation,
                        format!(
                            "{}: relocation type {other} in {} is not supported in DWARF",
                            obj.name,
                            printable(&sec.name)
                        ),
                    ))
                }
            };
            let sym = &obj.symbols[r.symbol];
            // S: a debug section's symbol is its piece's offset; anything else an address.
            let s = match sym.def {
                Def::Dropped { section, value } if obj.sections[section].debug => {
                    offsets[oi][section].wrapping_add(value)
                }
                _ => layout
                    .target_address(objects, resolved.target(oi, r.symbol))
                    .unwrap_or(0),
            };
            let field = r.offset as usize;
            if field + size > src.len() {
                return Err(LinkError::malformed(
                    &obj.name,
                    &sec.name,
                    format!("relocation at {:#x} is outside the section", r.offset),
                ));
            }
            let a = match r.addend {
                Some(a) => a,
                None => {
                    let mut raw = [0u8; 8];
                    raw[..size].copy_from_slice(&src[field..field + size]);
                    i64::from_le_bytes(raw)
                }
            };
            let v = s.wrapping_add(a as u64);
            let fits = match r.r_type {
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
                        "{}: relocation in {} against {:?}: value {v:#x} does not fit in 32 bits",
                        obj.name,
                        printable(&sec.name),
                        short(&sym.name)
                    ),
                ));
            }
            // Each width its own copy, of a size the compiler knows (a memcpy call each).
            let place = at + field;
            match size {
                8 => dst[place..place + 8].copy_from_slice(&v.to_le_bytes()),
                _ => dst[place..place + 4].copy_from_slice(&(v as u32).to_le_bytes()),
            }
        }
    }
    out.retain(|s| !s.data.is_empty());
    Ok(out)
}
