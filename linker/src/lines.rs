//! An input object's DWARF, read: the line information for the pcfile/pcln tables of
//! `.gopclntab`, and a check of everything else in it the linker relinks ([`crate::dwarf`]).
//!
//! Go's linker gets pc/line data from its own object format (cmd/internal/obj/pcln.go writes
//! each function's pcfile/pcln tables into the object); tbuild's objects are standard ELF, so
//! the line information travels as standard DWARF: the compile stage and the assembler write
//! `.debug_line` (and `.debug_info` for the compilation unit), as GNU `as -g` and `gcc -g` do,
//! and any of them works here.
//!
//! [`read_lines`] works on a private copy of the object's debug sections with their
//! relocations applied (`DW_LNE_set_address` operands are relocated against function or
//! section symbols, `DW_AT_stmt_list` and string forms against debug section symbols) and
//! reads them with gimli. Addresses in loaded sections are relocated to a *pseudo address*
//! `(section index + 1) << 32 | offset`, so that each row names its input section and offset
//! before the layout is known: the tables depend only on pc deltas inside a function, and
//! their size must be known before layout.
//!
//! Corrupt DWARF must neither crash the linker nor reach the output, so the whole of it is
//! checked here, not only what the line tables need (`check`): every unit header and its
//! abbreviations, every DIE and attribute (references inside their unit or section, strings
//! inside the string sections, range and location lists parsed to their ends), every line
//! program, every `.debug_frame` entry and its instructions, every `.debug_aranges` set.
//! gimli checks each length and offset against its section as it reads. A fault is a
//! [`LinkError`] naming the object and the section: `malformed object fmt.o: .debug_info:
//! unit at 0x0: unexpected end of input at 0x1f3`.
//!
//! A file's name is resolved as DWARF says (an absolute name as is, else joined to its
//! directory, a relative directory joined to the unit's `DW_AT_comp_dir`), except that a name
//! starting with `$` is a toolchain-relative name (`$TBUILD/runtime/proc.go`, like Go's
//! `$GOROOT/src/...`) and is used as is. A directory of `.` adds nothing, so a compiler that
//! records `command-line-arguments/main.go` (Go's `-trimpath` form) with comp_dir `.` keeps it.

use crate::HashMap;

use gimli::{EndianSlice, LittleEndian, SectionId};
use object::elf;

use crate::error::{LinkError, Result};
use crate::read::{Def, Object};

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
    /// Every row range of every sequence, sorted by (section, start).
    pub ranges: Vec<LineRange>,
}

/// The DWARF sections read and checked here (those gimli reads, by their ELF names).
const SECTIONS: &[&str] = &[
    ".debug_abbrev",
    ".debug_addr",
    ".debug_aranges",
    ".debug_frame",
    ".debug_info",
    ".debug_line",
    ".debug_line_str",
    ".debug_loc",
    ".debug_loclists",
    ".debug_ranges",
    ".debug_rnglists",
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

type Slice<'a> = EndianSlice<'a, LittleEndian>;

/// The relocated debug sections of one object, by name.
struct View {
    sections: HashMap<&'static str, Vec<u8>>,
}

impl View {
    fn get(&self, name: &str) -> &[u8] {
        self.sections.get(name).map_or(&[][..], Vec::as_slice)
    }

    /// The section and offset an `UnexpectedEof` error's reader position points at (gimli's
    /// `ReaderOffsetId` of an `EndianSlice` is the address of the byte it stopped at).
    /// A position inside a section wins over one at another section's end (buffers may be
    /// adjacent in memory); sections are tried in [`SECTIONS`] order, so the answer does not
    /// depend on hashing.
    fn locate(&self, id: gimli::ReaderOffsetId) -> Option<(&'static str, u64)> {
        let find = |inclusive: bool| {
            SECTIONS.iter().find_map(|&name| {
                let data = self.sections.get(name)?;
                let start = data.as_ptr() as u64;
                let end = start + data.len() as u64;
                let inside = id.0 >= start && (id.0 < end || (inclusive && id.0 == end));
                inside.then(|| (name, id.0 - start))
            })
        };
        find(false).or_else(|| find(true))
    }
}

/// A DWARF fault: the section it is in (by default, the one being read) and what it is.
struct Fault {
    section: &'static str,
    what: String,
}

/// `Result` of the readers below: a fault found in a given section.
type Checked<T> = std::result::Result<T, Fault>;

/// Wraps a gimli error found while reading `section` (or, for an unexpected end of input, the
/// section it happened in), with `context` (the unit, entry or list being read).
fn fault<'v>(
    view: &'v View,
    section: &'static str,
    context: String,
) -> impl Fn(gimli::Error) -> Fault + 'v {
    move |e| match e {
        gimli::Error::UnexpectedEof(id) => match view.locate(id) {
            Some((s, at)) => Fault {
                section: s,
                what: format!("{context}unexpected end of input at {at:#x}"),
            },
            None => Fault {
                section,
                what: format!("{context}{e}"),
            },
        },
        _ => Fault {
            section,
            what: format!("{context}{e}"),
        },
    }
}

/// Reads (and checks) an object's DWARF; empty line information without `.debug_line`.
pub fn read_lines(obj: &Object) -> Result<ObjectLines> {
    let view = relocated(obj)?;
    let dwarf = gimli::Dwarf::load(|id: SectionId| -> std::result::Result<Slice, ()> {
        Ok(EndianSlice::new(view.get(id.name()), LittleEndian))
    })
    .unwrap_or_default();
    let mut out = ObjectLines::default();
    check(&view, &dwarf, &mut out)
        .map_err(|f| LinkError::malformed(&obj.name, f.section, f.what))?;
    out.ranges.sort_by_key(|r| (r.section, r.start));
    Ok(out)
}

/// Copies of the object's debug sections (the first of each name) with relocations applied:
/// S + A, where S is a pseudo address for a symbol in a loaded section, the offset for one in
/// a debug section (each object's sections start at 0 here), the value of an absolute symbol
/// and 0 for an undefined one; REL objects keep A in the field.
fn relocated(obj: &Object) -> Result<View> {
    let mut sections = HashMap::default();
    for &name in SECTIONS {
        let Some(section) = obj.sections.iter().find(|s| s.debug && s.name == name) else {
            continue;
        };
        let mut bytes = section.data.to_vec();
        for r in &section.relocs {
            let sym = &obj.symbols[r.symbol];
            let s = match sym.def {
                Def::Section { section, value } => pseudo_address(section, value),
                Def::Dropped { value, .. } | Def::Absolute(value) => value,
                Def::Undefined => 0,
            };
            let width = match r.r_type {
                elf::R_X86_64_NONE => continue,
                elf::R_X86_64_64 => 8,
                elf::R_X86_64_32 | elf::R_X86_64_32S => 4,
                // Nothing else belongs in these sections (psABI §4.4: DWARF uses absolute
                // 32- and 64-bit data relocations only).
                other => {
                    return Err(LinkError::malformed(
                        &obj.name,
                        name,
                        format!(
                            "relocation at {:#x}: unexpected type {other} in debug information",
                            r.offset
                        ),
                    ))
                }
            };
            let at = r.offset as usize;
            let Some(field) = bytes.get_mut(at..at.saturating_add(width)) else {
                return Err(LinkError::malformed(
                    &obj.name,
                    name,
                    format!("relocation at {:#x} is outside the section", r.offset),
                ));
            };
            let a = match r.addend {
                Some(a) => a as u64,
                None => {
                    let mut b = [0u8; 8];
                    b[..width].copy_from_slice(field);
                    u64::from_le_bytes(b)
                }
            };
            field.copy_from_slice(&s.wrapping_add(a).to_le_bytes()[..width]);
        }
        sections.insert(name, bytes);
    }
    Ok(View { sections })
}

/// Checks every part of the DWARF and collects the line ranges into `out`.
fn check(view: &View, dwarf: &gimli::Dwarf<Slice>, out: &mut ObjectLines) -> Checked<()> {
    let mut file_ids: HashMap<String, u32> = HashMap::default();
    let mut units = dwarf.units();
    loop {
        let header = match units.next() {
            Ok(Some(h)) => h,
            Ok(None) => break,
            Err(e) => return Err(fault(view, ".debug_info", String::new())(e)),
        };
        let at = header.offset().0 as u64;
        let context = format!("unit at {at:#x}: ");
        let abbrevs =
            dwarf
                .abbreviations(&header)
                .map_err(fault(view, ".debug_abbrev", context.clone()))?;
        // The DIE tree first, so that a fault in it is reported as one, then the unit (which
        // reads the line program header).
        let mut entries = header.entries(&abbrevs);
        let in_tree = fault(view, ".debug_info", context.clone());
        while entries.next_dfs().map_err(&in_tree)?.is_some() {}
        let unit = dwarf
            .unit(header)
            .map_err(fault(view, ".debug_line", context.clone()))?;
        check_entries(view, dwarf, &unit, &context)?;
        if let Some(program) = unit.line_program.clone() {
            let context = format!("{context}line program: ");
            unit_lines(view, dwarf, &unit, program, &mut file_ids, out).map_err(|f| Fault {
                section: f.section,
                what: format!("{context}{}", f.what),
            })?;
        }
    }
    check_frames(view)?;
    check_aranges(view, dwarf)
}

/// Every attribute of every DIE of `unit`: references inside their unit or section, strings
/// inside the string sections, range and location lists readable to their ends.
fn check_entries(
    view: &View,
    dwarf: &gimli::Dwarf<Slice>,
    unit: &gimli::Unit<Slice>,
    context: &str,
) -> Checked<()> {
    use gimli::AttributeValue as V;
    let unit_end = unit.header.length_including_self() as u64;
    let info_len = view.get(".debug_info").len() as u64;
    let mut entries = unit.entries();
    let in_tree = fault(view, ".debug_info", context.to_string());
    while let Some(entry) = entries.next_dfs().map_err(&in_tree)? {
        // Named in a message only: not formatted for every entry of a good object.
        let off = entry.offset().0 as u64;
        let here = || format!("{context}entry at {off:#x}: ");
        for attr in entry.attrs() {
            let bad = |section: &'static str| move |e| fault(view, section, here())(e);
            let out_of = |what: String| Fault {
                section: ".debug_info",
                what: format!("{}{what}", here()),
            };
            match attr.value() {
                V::UnitRef(off) if off.0 as u64 >= unit_end => {
                    return Err(out_of(format!(
                        "reference {:#x} is outside its unit ({unit_end:#x} bytes)",
                        off.0
                    )))
                }
                V::DebugInfoRef(off) if off.0 as u64 >= info_len => {
                    return Err(out_of(format!(
                        "reference {:#x} is outside .debug_info ({info_len:#x} bytes)",
                        off.0
                    )))
                }
                v @ (V::DebugStrRef(_) | V::DebugStrOffsetsIndex(_)) => {
                    dwarf.attr_string(unit, v).map_err(bad(".debug_str"))?;
                }
                v @ V::DebugLineStrRef(_) => {
                    dwarf.attr_string(unit, v).map_err(bad(".debug_line_str"))?;
                }
                V::DebugAddrIndex(index) => {
                    dwarf.address(unit, index).map_err(bad(".debug_addr"))?;
                }
                v @ (V::RangeListsRef(_) | V::DebugRngListsIndex(_)) => {
                    let section = if unit.encoding().version >= 5 {
                        ".debug_rnglists"
                    } else {
                        ".debug_ranges"
                    };
                    if let Some(offset) = dwarf.attr_ranges_offset(unit, v).map_err(bad(section))? {
                        let mut list = dwarf.raw_ranges(unit, offset).map_err(bad(section))?;
                        while list.next().map_err(bad(section))?.is_some() {}
                    }
                }
                v @ (V::LocationListsRef(_) | V::DebugLocListsIndex(_)) => {
                    let section = if unit.encoding().version >= 5 {
                        ".debug_loclists"
                    } else {
                        ".debug_loc"
                    };
                    if let Some(offset) =
                        dwarf.attr_locations_offset(unit, v).map_err(bad(section))?
                    {
                        let mut list = dwarf.raw_locations(unit, offset).map_err(bad(section))?;
                        while list.next().map_err(bad(section))?.is_some() {}
                    }
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// Every CIE and FDE of `.debug_frame`, with their instructions.
fn check_frames(view: &View) -> Checked<()> {
    use gimli::UnwindSection as _;
    let data = view.get(".debug_frame");
    if data.is_empty() {
        return Ok(());
    }
    let mut frame = gimli::DebugFrame::new(data, LittleEndian);
    frame.set_address_size(8);
    let bases = gimli::BaseAddresses::default();
    let mut entries = frame.entries(&bases);
    let bad = |e| fault(view, ".debug_frame", String::new())(e);
    while let Some(entry) = entries.next().map_err(bad)? {
        match entry {
            gimli::CieOrFde::Cie(cie) => {
                let mut ins = cie.instructions(&frame, &bases);
                while ins.next().map_err(bad)?.is_some() {}
            }
            gimli::CieOrFde::Fde(partial) => {
                let fde = partial
                    .parse(|section, bases, offset| section.cie_from_offset(bases, offset))
                    .map_err(bad)?;
                let mut ins = fde.instructions(&frame, &bases);
                while ins.next().map_err(bad)?.is_some() {}
            }
        }
    }
    Ok(())
}

/// Every address range set of `.debug_aranges`.
fn check_aranges(view: &View, dwarf: &gimli::Dwarf<Slice>) -> Checked<()> {
    let bad = |e| fault(view, ".debug_aranges", String::new())(e);
    let mut headers = dwarf.debug_aranges.headers();
    while let Some(header) = headers.next().map_err(bad)? {
        let mut entries = header.entries();
        while entries.next().map_err(bad)?.is_some() {}
    }
    Ok(())
}

/// Runs one unit's line program, appending its rows' ranges to `out`.
fn unit_lines<'a>(
    view: &View,
    dwarf: &gimli::Dwarf<Slice<'a>>,
    unit: &gimli::Unit<Slice<'a>>,
    program: gimli::IncompleteLineProgram<Slice<'a>>,
    file_ids: &mut HashMap<String, u32>,
    out: &mut ObjectLines,
) -> Checked<()> {
    let bad = |e| fault(view, ".debug_line", String::new())(e);
    let comp_dir = unit
        .comp_dir
        .map(|d| d.to_string_lossy().into_owned())
        .unwrap_or_default();
    // The rows of the current sequence: (address, file, line).
    let mut seq: Vec<(u64, u64, u64)> = Vec::new();
    let mut paths: HashMap<u64, u32> = HashMap::default();
    let mut rows = program.rows();
    while let Some((lh, row)) = rows.next_row().map_err(bad)? {
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
                    let path = file_path(view, dwarf, unit, lh, file, &comp_dir)?;
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
    Ok(())
}

/// The path of file `index` of a line program header (see the module doc for the rules).
fn file_path(
    view: &View,
    dwarf: &gimli::Dwarf<Slice>,
    unit: &gimli::Unit<Slice>,
    header: &gimli::LineProgramHeader<Slice>,
    index: u64,
    comp_dir: &str,
) -> Checked<String> {
    let string = |value: gimli::AttributeValue<Slice>| -> Checked<String> {
        let section = match value {
            gimli::AttributeValue::DebugLineStrRef(_) => ".debug_line_str",
            gimli::AttributeValue::DebugStrRef(_)
            | gimli::AttributeValue::DebugStrOffsetsIndex(_) => ".debug_str",
            _ => ".debug_line",
        };
        let s = dwarf.attr_string(unit, value).map_err(fault(
            view,
            section,
            format!("file {index}: "),
        ))?;
        Ok(s.to_string_lossy().into_owned())
    };
    let Some(entry) = header.file(index) else {
        return Ok("?".to_string());
    };
    let name = string(entry.path_name())?;
    // Absolute, `$GOROOT`-style, and Go's pseudo-files (`<autogenerated>`) are kept as is.
    if name.starts_with('/') || name.starts_with('$') || name.starts_with('<') {
        return Ok(name);
    }
    let mut dir = match entry.directory(header) {
        Some(d) => string(d)?,
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
