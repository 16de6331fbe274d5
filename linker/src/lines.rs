//! Line information from the input objects' DWARF, for the pcfile/pcln tables of `.gopclntab`.
//!
//! Go's linker gets pc/line data from its own object format (cmd/internal/obj/pcln.go writes
//! each function's pcfile/pcln tables into the object); tbuild's objects are standard ELF, so
//! the line information travels as standard DWARF: the compile stage and the assembler write
//! `.debug_line` (and `.debug_info` for the compilation unit), as GNU `as -g` and `gcc -g` do,
//! and any of them works here.
//!
//! The debug sections are not part of the image, so this module reads them from the input's
//! bytes itself, applies their relocations first (`DW_LNE_set_address` operands are relocated
//! against function or section symbols, `DW_AT_stmt_list` and string forms against debug
//! section symbols), and runs every line program with gimli's read API. Addresses in allocated
//! sections are relocated to a *pseudo address* `(section index + 1) << 32 | offset`, so that
//! each row names its input section and offset before the layout is known: the tables depend
//! only on pc deltas inside a function, and their size must be known before layout.
//!
//! A file's name is resolved as DWARF says (an absolute name as is, else joined to its
//! directory, a relative directory joined to the unit's `DW_AT_comp_dir`), except that a name
//! starting with `$` is a toolchain-relative name (`$TBUILD/runtime/proc.go`, like Go's
//! `$GOROOT/src/...`) and is used as is. A directory of `.` adds nothing, so a compiler that
//! records `command-line-arguments/main.go` (Go's `-trimpath` form) with comp_dir `.` keeps it.
//! Malformed DWARF is an error naming the object: a table built from it would be wrong.

use std::collections::HashMap;

use gimli::{EndianSlice, LittleEndian, SectionId};
use object::elf;
use object::read::elf::ElfFile64;
use object::{Object as _, ObjectSection as _, ObjectSymbol as _, SectionIndex};

use crate::error::{LinkError, Result};
use crate::Input;

/// `[start, end)` bytes of input section `section` came from `files[file]`:`line`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineRange {
    pub section: usize,
    pub start: u64,
    pub end: u64,
    /// Index into [`ObjectLines::files`].
    pub file: u32,
    pub line: u32,
}

/// One object's line information.
#[derive(Debug, Clone, Default)]
pub struct ObjectLines {
    /// Each distinct file path once, in order of first use.
    pub files: Vec<String>,
    /// Every row range of every sequence, in program order.
    pub ranges: Vec<LineRange>,
}

/// The DWARF sections this module reads (the ones a line program and its unit can refer to).
const SECTIONS: &[&str] = &[
    ".debug_abbrev",
    ".debug_addr",
    ".debug_info",
    ".debug_line",
    ".debug_line_str",
    ".debug_str",
    ".debug_str_offsets",
];

/// The pseudo address of `offset` in input section `section` (see the module doc).
pub fn pseudo_address(section: usize, offset: u64) -> u64 {
    ((section as u64 + 1) << 32) | (offset & 0xffff_ffff)
}

/// The input section and offset of a pseudo address, if it is one.
fn split_pseudo(addr: u64) -> Option<(usize, u64)> {
    let hi = addr >> 32;
    (hi != 0).then(|| ((hi - 1) as usize, addr & 0xffff_ffff))
}

/// Reads every input's line information (empty for an object without `.debug_line`).
pub fn read_lines(inputs: &[Input]) -> Result<Vec<ObjectLines>> {
    inputs.iter().map(read_object_lines).collect()
}

fn read_object_lines(input: &Input) -> Result<ObjectLines> {
    let name = input.name.as_str();
    let bad = |e: object::read::Error| LinkError::malformed(name, e);
    let file = ElfFile64::<object::Endianness>::parse(input.data.as_slice()).map_err(bad)?;
    if file.section_by_name(".debug_line").is_none() {
        return Ok(ObjectLines::default());
    }

    // Which sections are allocated: relocations against their symbols get pseudo addresses.
    let alloc = |index: SectionIndex| {
        file.section_by_index(index).is_ok_and(|s| match s.flags() {
            object::SectionFlags::Elf { sh_flags } => sh_flags & u64::from(elf::SHF_ALLOC) != 0,
            _ => false,
        })
    };

    let mut data: HashMap<&str, Vec<u8>> = HashMap::new();
    for &sname in SECTIONS {
        let Some(section) = file.section_by_name(sname) else {
            continue;
        };
        if let object::SectionFlags::Elf { sh_flags } = section.flags() {
            if sh_flags & u64::from(elf::SHF_COMPRESSED) != 0 {
                return Err(LinkError::malformed(
                    name,
                    format!("{sname}: compressed debug sections are not supported"),
                ));
            }
        }
        let mut bytes = section.data().map_err(bad)?.to_vec();
        for (offset, reloc) in section.relocations() {
            let object::RelocationFlags::Elf { r_type } = reloc.flags() else {
                continue;
            };
            let symbol_value = match reloc.target() {
                object::RelocationTarget::Symbol(si) => {
                    let sym = file.symbol_by_index(si).map_err(bad)?;
                    match sym.section_index() {
                        Some(sec) if alloc(sec) => pseudo_address(sec.0, sym.address()),
                        Some(_) => sym.address(),
                        None if sym.is_undefined() => 0,
                        None => sym.address(), // SHN_ABS
                    }
                }
                _ => 0,
            };
            // S + A; REL (implicit addend) objects keep A in the field.
            let width = match r_type {
                elf::R_X86_64_64 => 8,
                elf::R_X86_64_32 | elf::R_X86_64_32S => 4,
                // Nothing else belongs in these sections (psABI §4.4: DWARF uses absolute
                // 32- and 64-bit data relocations only).
                other => {
                    return Err(LinkError::malformed(
                        name,
                        format!("{sname}+{offset:#x}: unexpected relocation type {other} in debug information"),
                    ))
                }
            };
            let at = usize::try_from(offset).unwrap_or(usize::MAX);
            let Some(field) = bytes.get_mut(at..at.saturating_add(width)) else {
                return Err(LinkError::malformed(
                    name,
                    format!("{sname}: relocation at {offset:#x} is outside the section"),
                ));
            };
            let implicit = if reloc.has_implicit_addend() {
                let mut b = [0u8; 8];
                b[..width].copy_from_slice(field);
                u64::from_le_bytes(b)
            } else {
                0
            };
            let value = symbol_value
                .wrapping_add(reloc.addend() as u64)
                .wrapping_add(implicit);
            field.copy_from_slice(&value.to_le_bytes()[..width]);
        }
        data.insert(sname, bytes);
    }

    parse_lines(&data)
        .map_err(|e| LinkError::malformed(name, format!("bad DWARF line information: {e}")))
}

/// Runs every unit's line program over the relocated sections.
fn parse_lines(data: &HashMap<&str, Vec<u8>>) -> std::result::Result<ObjectLines, gimli::Error> {
    let load = |id: SectionId| -> std::result::Result<_, gimli::Error> {
        let bytes = data.get(id.name()).map_or(&[][..], Vec::as_slice);
        Ok(EndianSlice::new(bytes, LittleEndian))
    };
    let dwarf = gimli::Dwarf::load(load)?;
    let mut out = ObjectLines::default();
    let mut file_ids: HashMap<String, u32> = HashMap::new();
    let mut units = dwarf.units();
    while let Some(header) = units.next()? {
        let unit = dwarf.unit(header)?;
        let Some(program) = unit.line_program.clone() else {
            continue;
        };
        let comp_dir = unit
            .comp_dir
            .map(|d| d.to_string_lossy().into_owned())
            .unwrap_or_default();
        // The rows of the current sequence: (address, file, line).
        let mut seq: Vec<(u64, u64, u64)> = Vec::new();
        let mut paths: HashMap<u64, u32> = HashMap::new();
        let mut rows = program.rows();
        while let Some((lh, row)) = rows.next_row()? {
            if !row.end_sequence() {
                seq.push((
                    row.address(),
                    row.file_index(),
                    row.line().map_or(0, |l| l.get()),
                ));
                continue;
            }
            // End of a sequence: each row holds until the next row's address.
            let end = row.address();
            for (i, &(addr, file, line)) in seq.iter().enumerate() {
                let next = seq.get(i + 1).map_or(end, |r| r.0);
                if line == 0 || next <= addr {
                    continue;
                }
                let (Some((section, start)), Some((nsec, _))) =
                    (split_pseudo(addr), split_pseudo(next))
                else {
                    continue; // not relocated against a section: cannot be placed
                };
                if nsec != section {
                    continue;
                }
                let file_id = match paths.get(&file) {
                    Some(&id) => id,
                    None => {
                        let path = file_path(&dwarf, &unit, lh, file, &comp_dir)?;
                        let next_id = out.files.len() as u32;
                        let id = *file_ids.entry(path.clone()).or_insert(next_id);
                        if id == next_id {
                            out.files.push(path);
                        }
                        paths.insert(file, id);
                        id
                    }
                };
                out.ranges.push(LineRange {
                    section,
                    start,
                    end: start + (next - addr),
                    file: file_id,
                    line: line.min(i32::MAX as u64) as u32,
                });
            }
            seq.clear();
        }
    }
    Ok(out)
}

type Slice<'a> = EndianSlice<'a, LittleEndian>;

/// The path of file `index` of a line program header (see the module doc for the rules).
fn file_path(
    dwarf: &gimli::Dwarf<Slice>,
    unit: &gimli::Unit<Slice>,
    header: &gimli::LineProgramHeader<Slice>,
    index: u64,
    comp_dir: &str,
) -> std::result::Result<String, gimli::Error> {
    let Some(entry) = header.file(index) else {
        return Ok("?".to_string());
    };
    let name = dwarf
        .attr_string(unit, entry.path_name())?
        .to_string_lossy()
        .into_owned();
    // Absolute, `$GOROOT`-style, and Go's pseudo-files (`<autogenerated>`) are kept as is.
    if name.starts_with('/') || name.starts_with('$') || name.starts_with('<') {
        return Ok(name);
    }
    let mut dir = match entry.directory(header) {
        Some(d) => dwarf.attr_string(unit, d)?.to_string_lossy().into_owned(),
        None => String::new(),
    };
    if !dir.starts_with('/') && !dir.starts_with('$') {
        dir = join(comp_dir, &dir);
    }
    Ok(join(&dir, &name))
}

/// `dir/name`, where an empty or `.` part adds nothing.
fn join(dir: &str, name: &str) -> String {
    let dir = dir.trim_end_matches('/');
    match (dir, name) {
        ("" | ".", _) => name.to_string(),
        (_, "" | ".") => dir.to_string(),
        _ => format!("{dir}/{name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins() {
        assert_eq!(join("/a/b", "c.go"), "/a/b/c.go");
        assert_eq!(join("/a/b/", "c.go"), "/a/b/c.go");
        assert_eq!(join(".", "c.go"), "c.go");
        assert_eq!(join("", "x/c.go"), "x/c.go");
        assert_eq!(join("/a", "."), "/a");
    }

    #[test]
    fn pseudo_addresses() {
        assert_eq!(split_pseudo(pseudo_address(0, 5)), Some((0, 5)));
        assert_eq!(split_pseudo(pseudo_address(7, 0x1234)), Some((7, 0x1234)));
        assert_eq!(split_pseudo(0x1234), None);
    }
}
