//! DWARF writer shared by the compile and assemble stages: one compilation unit per object,
//! written with gimli's write API (`cranelift_codegen::gimli`, gimli 0.33) into the object's
//! `.debug_abbrev`, `.debug_info`, `.debug_line`, `.debug_ranges`, `.debug_loc`, `.debug_str`
//! and `.debug_frame` sections, with ELF relocations against the function symbols (addresses)
//! and against the debug sections' own section symbols (offsets), so that any linker (tbuild's,
//! GNU ld) can relocate and concatenate them.
//!
//! What is written follows DWARF 4 (DWARF Debugging Information Format, version 4, 2010),
//! which is what Go's linker writes too (cmd/link/internal/ld/dwarf.go):
//! - a `DW_TAG_compile_unit` (§3.1.1) with `DW_AT_name`, `DW_AT_producer`, `DW_AT_language`,
//!   `DW_AT_comp_dir`, `DW_AT_stmt_list` and `DW_AT_low_pc` 0 + `DW_AT_ranges` (§2.17.3: the
//!   functions live in separate sections, so the unit's code is not one contiguous range);
//! - a line program (§6.2) with one sequence per function, starting with `DW_LNE_set_address`
//!   relocated against the function's symbol and ending at the function's size;
//! - one `DW_TAG_subprogram` per function (§3.3) with `DW_AT_low_pc`/`DW_AT_high_pc` (as a
//!   length, §2.17.2), `DW_AT_decl_file`/`DW_AT_decl_line`, `DW_AT_external` and
//!   `DW_AT_frame_base` = `DW_OP_call_frame_cfa` (§2.5.1.6);
//! - `DW_TAG_variable`/`DW_TAG_formal_parameter` children (§4.1) for the locals whose place is
//!   known, with a location expression or a location list (§2.6.2, `.debug_loc`) and a
//!   `DW_TAG_base_type` (§5.1);
//! - `DW_TAG_inlined_subroutine` children (§3.3.8.2) for the calls inlined into a function,
//!   nested as the calls are, with `DW_AT_abstract_origin` (the callee's subprogram entry),
//!   `DW_AT_ranges`, `DW_AT_call_file` and `DW_AT_call_line`;
//! - call frame information (§6.4) in `.debug_frame`: one CIE and one FDE per function, from
//!   Cranelift's unwind information.
//!
//! Nothing here panics on odd input: names are made non-empty and NUL-free (gimli asserts
//! both), rows are sorted and clamped to the function, and a write error becomes an `Err`.

use cranelift_codegen::gimli::{self, write as gw};
use object::write::{Object, Relocation, SectionId as ObjSectionId, SymbolId};
use object::{RelocationEncoding, RelocationFlags, RelocationKind, SectionKind};

/// `DW_AT_producer`.
pub const PRODUCER: &str = concat!("tbuild ", env!("CARGO_PKG_VERSION"));

/// The encoding every unit uses: 32-bit DWARF 4, 8-byte addresses.
pub const ENCODING: gimli::Encoding = gimli::Encoding {
    format: gimli::Format::Dwarf32,
    version: 4,
    address_size: 8,
};

/// A base type (§5.1): name, size in bytes, `DW_ATE_*` encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseType {
    pub name: String,
    pub size: u8,
    pub encoding: gimli::DwAte,
}

/// Where a variable is, as DWARF location descriptions (§2.6).
#[derive(Debug, Clone)]
pub enum VarLocation {
    /// The same place over the whole function (a stack slot, after the prologue).
    Always(gw::Expression),
    /// `[start, end)` function-relative ranges, each with its place (a location list).
    Ranges(Vec<(u32, u32, gw::Expression)>),
}

/// A local variable or parameter.
#[derive(Debug, Clone)]
pub struct Var {
    pub name: String,
    pub ty: BaseType,
    pub param: bool,
    pub location: VarLocation,
    pub decl_line: u32,
}

/// One function of the unit.
pub struct Func {
    /// `DW_AT_name` (Go's symbol name, `main.main`).
    pub name: String,
    /// The function's symbol in the object being written.
    pub symbol: SymbolId,
    pub size: u64,
    /// Index into [`Unit::files`] and line of the declaration.
    pub decl_file: u32,
    pub decl_line: u32,
    /// `(offset, file index, line)` rows: from `offset` on, the code came from that line.
    pub rows: Vec<(u32, u32, u32)>,
    pub external: bool,
    /// Call frame information for this function (Cranelift's unwind information).
    pub frame: Option<cranelift_codegen::isa::unwind::systemv::UnwindInfo>,
    pub vars: Vec<Var>,
    /// The calls inlined into the function, parents before children.
    pub inlined: Vec<Inlined>,
}

/// A call inlined into a function: a `DW_TAG_inlined_subroutine` (§3.3.8.2).
#[derive(Debug, Clone)]
pub struct Inlined {
    /// The call it is inlined into (an index into [`Func::inlined`]), or -1.
    pub parent: i32,
    /// The callee's name: its `DW_TAG_subprogram` in the unit is the abstract origin.
    pub callee: String,
    /// File index and line of the call.
    pub call_file: u32,
    pub call_line: u32,
    /// `[start, end)` offsets of its code (its own inlined calls' included).
    pub ranges: Vec<(u32, u32)>,
}

/// One compilation unit.
pub struct Unit {
    pub name: String,
    pub comp_dir: String,
    pub language: gimli::DwLang,
    /// File names, indexed by the file indices used in [`Func`]; only the ones used are
    /// written.
    pub files: Vec<String>,
    pub funcs: Vec<Func>,
    /// The CIE for [`Func::frame`] (Cranelift's `create_systemv_cie`).
    pub cie: Option<gw::CommonInformationEntry>,
}

/// A non-empty, NUL-free byte string (what gimli requires of names).
fn clean(s: &str) -> Vec<u8> {
    let mut v: Vec<u8> = s.bytes().filter(|&b| b != 0).collect();
    if v.is_empty() {
        v.push(b'?');
    }
    v
}

/// A section writer that records relocations (gimli's `RelocateWriter`).
#[derive(Clone)]
struct RelocWriter {
    w: gw::EndianVec<gimli::LittleEndian>,
    relocs: Vec<gw::Relocation>,
}

impl gw::RelocateWriter for RelocWriter {
    type Writer = gw::EndianVec<gimli::LittleEndian>;
    fn writer(&self) -> &Self::Writer {
        &self.w
    }
    fn writer_mut(&mut self) -> &mut Self::Writer {
        &mut self.w
    }
    fn relocate(&mut self, relocation: gw::Relocation) {
        self.relocs.push(relocation);
    }
}

/// Builds the unit's DWARF and adds its sections (with relocations) to `obj`.
pub fn add_unit(obj: &mut Object, unit: &Unit) -> Result<(), String> {
    if unit.funcs.is_empty() {
        return Ok(());
    }
    let mut program = gw::LineProgram::new(
        ENCODING,
        cranelift_codegen::gimli::LineEncoding::default(),
        gw::LineString::String(clean(&unit.comp_dir)),
        None,
        gw::LineString::String(clean(&unit.name)),
        None,
    );
    let dir = program.default_directory();
    let mut file_ids: Vec<Option<gw::FileId>> = vec![None; unit.files.len()];
    let mut file_id = |program: &mut gw::LineProgram, index: u32| -> Option<gw::FileId> {
        let slot = file_ids.get_mut(index as usize)?;
        if slot.is_none() {
            let name = clean(&unit.files[index as usize]);
            *slot = Some(program.add_file(gw::LineString::String(name), dir, None));
        }
        *slot
    };

    // Line program: one sequence per function (§6.2.5.3 DW_LNE_set_address, DW_LNE_end_sequence).
    for (i, f) in unit.funcs.iter().enumerate() {
        let mut rows: Vec<(u32, u32, u32)> = f
            .rows
            .iter()
            .copied()
            .filter(|&(off, _, _)| u64::from(off) < f.size)
            .collect();
        rows.sort_by_key(|r| r.0);
        if rows.first().is_none_or(|r| r.0 != 0) {
            rows.insert(0, (0, f.decl_file, f.decl_line));
        }
        program.begin_sequence(Some(gw::Address::Symbol {
            symbol: i,
            addend: 0,
        }));
        let mut last: Option<(u32, u32)> = None;
        for (off, file, line) in rows {
            if last == Some((file, line)) {
                continue;
            }
            let Some(fid) = file_id(&mut program, file) else {
                continue;
            };
            let row = program.row();
            row.address_offset = u64::from(off);
            row.file = fid;
            row.line = u64::from(line);
            row.is_statement = true;
            program.generate_row();
            last = Some((file, line));
        }
        program.end_sequence(f.size);
    }

    let mut dwarf = gw::DwarfUnit::new(ENCODING);
    let decl_files: Vec<Option<gw::FileId>> = unit
        .funcs
        .iter()
        .map(|f| file_id(&mut program, f.decl_file))
        .collect();
    let call_files: Vec<Vec<Option<gw::FileId>>> = unit
        .funcs
        .iter()
        .map(|f| {
            f.inlined
                .iter()
                .map(|c| file_id(&mut program, c.call_file))
                .collect()
        })
        .collect();
    dwarf.unit.line_program = program;

    let ranges = gw::RangeList(
        unit.funcs
            .iter()
            .enumerate()
            .map(|(i, f)| gw::Range::StartLength {
                begin: gw::Address::Symbol {
                    symbol: i,
                    addend: 0,
                },
                length: f.size,
            })
            .collect(),
    );
    let ranges = dwarf.unit.ranges.add(ranges);
    let root = dwarf.unit.root();
    {
        let strings = &mut dwarf.strings;
        let name = strings.add(clean(&unit.name));
        let producer = strings.add(PRODUCER);
        let comp_dir = strings.add(clean(&unit.comp_dir));
        let e = dwarf.unit.get_mut(root);
        e.set(gimli::DW_AT_name, gw::AttributeValue::StringRef(name));
        e.set(
            gimli::DW_AT_producer,
            gw::AttributeValue::StringRef(producer),
        );
        e.set(
            gimli::DW_AT_language,
            gw::AttributeValue::Language(unit.language),
        );
        e.set(
            gimli::DW_AT_comp_dir,
            gw::AttributeValue::StringRef(comp_dir),
        );
        e.set(
            gimli::DW_AT_low_pc,
            gw::AttributeValue::Address(gw::Address::Constant(0)),
        );
        e.set(
            gimli::DW_AT_ranges,
            gw::AttributeValue::RangeListRef(ranges),
        );
    }

    // Base types, one entry per distinct type.
    let mut types: Vec<(BaseType, gw::UnitEntryId)> = Vec::new();
    let mut subprograms: Vec<gw::UnitEntryId> = Vec::new();
    for (i, f) in unit.funcs.iter().enumerate() {
        let name = dwarf.strings.add(clean(&f.name));
        let sp = dwarf.unit.add(root, gimli::DW_TAG_subprogram);
        subprograms.push(sp);
        let e = dwarf.unit.get_mut(sp);
        e.set(gimli::DW_AT_name, gw::AttributeValue::StringRef(name));
        e.set(
            gimli::DW_AT_low_pc,
            gw::AttributeValue::Address(gw::Address::Symbol {
                symbol: i,
                addend: 0,
            }),
        );
        e.set(gimli::DW_AT_high_pc, gw::AttributeValue::Udata(f.size));
        if let Some(fid) = decl_files[i] {
            e.set(
                gimli::DW_AT_decl_file,
                gw::AttributeValue::FileIndex(Some(fid)),
            );
            e.set(
                gimli::DW_AT_decl_line,
                gw::AttributeValue::Udata(u64::from(f.decl_line)),
            );
        }
        if f.external {
            e.set(gimli::DW_AT_external, gw::AttributeValue::FlagPresent);
        }
        let mut cfa = gw::Expression::new();
        cfa.op(gimli::DW_OP_call_frame_cfa);
        e.set(gimli::DW_AT_frame_base, gw::AttributeValue::Exprloc(cfa));

        for v in &f.vars {
            let ty = match types.iter().find(|(t, _)| *t == v.ty) {
                Some((_, id)) => *id,
                None => {
                    let id = dwarf.unit.add(root, gimli::DW_TAG_base_type);
                    let tname = dwarf.strings.add(clean(&v.ty.name));
                    let te = dwarf.unit.get_mut(id);
                    te.set(gimli::DW_AT_name, gw::AttributeValue::StringRef(tname));
                    te.set(gimli::DW_AT_byte_size, gw::AttributeValue::Data1(v.ty.size));
                    te.set(
                        gimli::DW_AT_encoding,
                        gw::AttributeValue::Encoding(v.ty.encoding),
                    );
                    types.push((v.ty.clone(), id));
                    id
                }
            };
            let location = match &v.location {
                VarLocation::Always(expr) => gw::AttributeValue::Exprloc(expr.clone()),
                VarLocation::Ranges(ranges) => {
                    let list: Vec<gw::Location> = ranges
                        .iter()
                        .filter(|(s, e, _)| s < e && u64::from(*e) <= f.size)
                        .map(|(s, e, expr)| gw::Location::StartLength {
                            begin: gw::Address::Symbol {
                                symbol: i,
                                addend: i64::from(*s),
                            },
                            length: u64::from(e - s),
                            data: expr.clone(),
                        })
                        .collect();
                    if list.is_empty() {
                        continue;
                    }
                    gw::AttributeValue::LocationListRef(
                        dwarf.unit.locations.add(gw::LocationList(list)),
                    )
                }
            };
            let tag = if v.param {
                gimli::DW_TAG_formal_parameter
            } else {
                gimli::DW_TAG_variable
            };
            let vname = dwarf.strings.add(clean(&v.name));
            let ve = dwarf.unit.add(sp, tag);
            let e = dwarf.unit.get_mut(ve);
            e.set(gimli::DW_AT_name, gw::AttributeValue::StringRef(vname));
            if let Some(fid) = decl_files[i] {
                e.set(
                    gimli::DW_AT_decl_file,
                    gw::AttributeValue::FileIndex(Some(fid)),
                );
                e.set(
                    gimli::DW_AT_decl_line,
                    gw::AttributeValue::Udata(u64::from(v.decl_line)),
                );
            }
            e.set(gimli::DW_AT_type, gw::AttributeValue::UnitRef(ty));
            e.set(gimli::DW_AT_location, location);
        }
    }

    // Inlined calls, under the function or the call they are inlined into; the abstract
    // origin is the callee's own subprogram entry (a call of a function not in the unit is
    // left out, with the calls inside it).
    let origin: crate::HashMap<&str, gw::UnitEntryId> = unit
        .funcs
        .iter()
        .zip(&subprograms)
        .map(|(f, &sp)| (f.name.as_str(), sp))
        .collect();
    for (i, f) in unit.funcs.iter().enumerate() {
        let mut entries: Vec<Option<gw::UnitEntryId>> = Vec::new();
        for (k, c) in f.inlined.iter().enumerate() {
            let parent = match c.parent {
                -1 => Some(subprograms[i]),
                p => entries.get(p as usize).copied().flatten(),
            };
            let ranges: Vec<gw::Range> = c
                .ranges
                .iter()
                .filter(|(s, e)| s < e && u64::from(*e) <= f.size)
                .map(|&(s, e)| gw::Range::StartLength {
                    begin: gw::Address::Symbol {
                        symbol: i,
                        addend: i64::from(s),
                    },
                    length: u64::from(e - s),
                })
                .collect();
            let (Some(parent), Some(&callee), false) =
                (parent, origin.get(c.callee.as_str()), ranges.is_empty())
            else {
                entries.push(None);
                continue;
            };
            let ranges = dwarf.unit.ranges.add(gw::RangeList(ranges));
            let id = dwarf.unit.add(parent, gimli::DW_TAG_inlined_subroutine);
            let e = dwarf.unit.get_mut(id);
            e.set(
                gimli::DW_AT_abstract_origin,
                gw::AttributeValue::UnitRef(callee),
            );
            e.set(
                gimli::DW_AT_ranges,
                gw::AttributeValue::RangeListRef(ranges),
            );
            if let Some(fid) = call_files[i].get(k).copied().flatten() {
                e.set(
                    gimli::DW_AT_call_file,
                    gw::AttributeValue::FileIndex(Some(fid)),
                );
            }
            e.set(
                gimli::DW_AT_call_line,
                gw::AttributeValue::Udata(u64::from(c.call_line)),
            );
            entries.push(Some(id));
        }
    }

    let empty = RelocWriter {
        w: gw::EndianVec::new(gimli::LittleEndian),
        relocs: Vec::new(),
    };
    let mut sections = gw::Sections::new(empty);
    dwarf
        .write(&mut sections)
        .map_err(|e| format!("DWARF: {e}"))?;
    if let Some(cie) = &unit.cie {
        let mut frames = gw::FrameTable::default();
        let cie = frames.add_cie(cie.clone());
        for (i, f) in unit.funcs.iter().enumerate() {
            if let Some(u) = &f.frame {
                frames.add_fde(
                    cie,
                    u.to_fde(gw::Address::Symbol {
                        symbol: i,
                        addend: 0,
                    }),
                );
            }
        }
        if frames.fde_count() > 0 {
            frames
                .write_debug_frame(&mut sections.debug_frame)
                .map_err(|e| format!("DWARF: {e}"))?;
        }
    }

    // Add the sections, then their relocations (which may name any of them).
    let mut added: Vec<(gimli::SectionId, ObjSectionId, Vec<gw::Relocation>)> = Vec::new();
    sections.for_each(|id, w: &RelocWriter| -> Result<(), String> {
        if w.w.slice().is_empty() {
            return Ok(());
        }
        let sec = obj.add_section(
            Vec::new(),
            id.name().as_bytes().to_vec(),
            SectionKind::Debug,
        );
        obj.set_section_data(sec, w.w.slice().to_vec(), 1);
        added.push((id, sec, w.relocs.clone()));
        Ok(())
    })?;
    let symbols: Vec<SymbolId> = unit.funcs.iter().map(|f| f.symbol).collect();
    for (_, sec, relocs) in &added {
        for r in relocs {
            let (symbol, addend) = match r.target {
                gw::RelocationTarget::Symbol(i) => match symbols.get(i) {
                    Some(&s) => (s, r.addend),
                    None => return Err(format!("DWARF: relocation against symbol {i}")),
                },
                gw::RelocationTarget::Section(id) => {
                    match added.iter().find(|(sid, _, _)| *sid == id) {
                        Some((_, target, _)) => (obj.section_symbol(*target), r.addend),
                        None => return Err(format!("DWARF: relocation against {}", id.name())),
                    }
                }
            };
            obj.add_relocation(
                *sec,
                Relocation {
                    offset: r.offset as u64,
                    symbol,
                    addend,
                    flags: RelocationFlags::Generic {
                        kind: RelocationKind::Absolute,
                        encoding: RelocationEncoding::Generic,
                        size: r.size * 8,
                    },
                },
            )
            .map_err(|e| format!("DWARF: {e}"))?;
        }
    }
    Ok(())
}

/// The DWARF register number (System V AMD64 psABI, figure 3.36) of a general register by
/// its hardware encoding (rax=0, rcx=1, ..., r15=15).
pub fn dwarf_gpr(hw: u8) -> Option<u16> {
    const MAP: [u16; 16] = [0, 2, 1, 3, 7, 6, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15];
    MAP.get(usize::from(hw)).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use object::{Architecture, BinaryFormat, Endianness};

    #[test]
    fn writes_a_unit_with_relocations() {
        let mut obj = Object::new(BinaryFormat::Elf, Architecture::X86_64, Endianness::Little);
        let text = obj.add_section(Vec::new(), b".text".to_vec(), SectionKind::Text);
        obj.set_section_data(text, vec![0x90; 32], 16);
        let sym = obj.add_symbol(object::write::Symbol {
            name: b"f".to_vec(),
            value: 0,
            size: 32,
            kind: object::SymbolKind::Text,
            scope: object::SymbolScope::Dynamic,
            weak: false,
            section: object::write::SymbolSection::Section(text),
            flags: object::SymbolFlags::None,
        });
        let mut loc = gw::Expression::new();
        loc.op_reg(gimli::Register(0));
        let unit = Unit {
            name: "p".into(),
            comp_dir: String::new(),
            language: gimli::DW_LANG_Go,
            files: vec!["a.go".into(), "\0".into()],
            funcs: vec![Func {
                name: "p.f".into(),
                symbol: sym,
                size: 32,
                decl_file: 0,
                decl_line: 3,
                // Unsorted, out of range and unknown-file rows are tolerated.
                rows: vec![(8, 0, 4), (0, 0, 3), (40, 0, 9), (12, 7, 1), (16, 1, 5)],
                external: true,
                frame: None,
                vars: vec![Var {
                    name: "x".into(),
                    ty: BaseType {
                        name: "int".into(),
                        size: 8,
                        encoding: gimli::DW_ATE_signed,
                    },
                    param: false,
                    location: VarLocation::Ranges(vec![
                        (4, 20, loc),
                        (30, 10, gw::Expression::new()),
                    ]),
                    decl_line: 4,
                }],
                // An inlined call of the unit's own function with an out-of-range range,
                // and one of an unknown callee under a parent that does not exist.
                inlined: vec![
                    Inlined {
                        parent: -1,
                        callee: "p.f".into(),
                        call_file: 0,
                        call_line: 4,
                        ranges: vec![(8, 12), (30, 10)],
                    },
                    Inlined {
                        parent: 5,
                        callee: "p.g".into(),
                        call_file: 9,
                        call_line: 1,
                        ranges: vec![(0, 4)],
                    },
                ],
            }],
            cie: None,
        };
        add_unit(&mut obj, &unit).unwrap();
        let bytes = obj.write().unwrap();
        assert!(bytes.windows(11).any(|w| w == b".debug_line"));
    }
}
