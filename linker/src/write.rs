//! Pass 8, `write_executable`: serialize the laid-out, relocated image with
//! `object::write::elf::Writer`: ELF header, program headers (PHDR, NOTE, three PT_LOADs,
//! GNU_STACK, as ld/elf.go `asmbElf` for a static linux/amd64 exe, less PT_PAX_FLAGS), the
//! loaded sections at their file offsets, then the DWARF sections ([`crate::dwarf`]; not
//! loaded, section headers between `.noptrbss` and `.note.go.buildid` as in Go), `.symtab`,
//! `.strtab`, `.shstrtab` and the section headers at the end of the file (Go keeps the headers in the first page; the end of
//! the file is the usual place and equally valid).
//!
//! The symbol table follows ld/symtab.go (`asmElfSym`, `genelfsym`, `putelfsym`): the null
//! symbol, a FILE symbol `go.go` (SHN_ABS; Go adds it so no directory leaks, issue 14957),
//! all LOCAL symbols then all GLOBAL ones (sh_info = first global), each group in section order
//! then address order, so `runtime.text`, the text symbols and `runtime.etext` come first.
//! Text symbols are STT_FUNC, the rest STT_OBJECT, with their sizes; the boundary symbols are
//! LOCAL with size 0 except `go.buildinfo`, a GLOBAL OBJECT sized like the blob, as in Go.

use object::elf;
use object::write::elf::{FileHeader, ProgramHeader, SectionHeader, SectionIndex, Writer};
use object::Endianness;

use crate::dwarf::DebugSection;
use crate::error::{ErrorKind, LinkError, Result};
use crate::exe::{Executable, Sparse};
use crate::layout::{self, Layout, OutId, Segment, BUILDINFO_SYMBOL, NUM_PHDRS, SECTIONS};
use crate::read::{Bind, Def, Object};
use crate::resolve::Resolved;
use crate::Options;

/// One output symbol-table entry.
struct OutSym<'a> {
    name: &'a str,
    value: u64,
    size: u64,
    st_type: u8,
    bind: u8,
    /// Output section, or None for SHN_ABS.
    section: Option<OutId>,
    /// Tie-break among equal addresses: start markers, then input symbols, then end markers.
    rank: u8,
}

fn collect_symbols<'a>(
    objects: &'a [Object],
    resolved: &Resolved,
    layout: &Layout,
) -> Vec<OutSym<'a>> {
    let text = layout::out_id(".text");
    let kind_for = |out: Option<OutId>| {
        if out == Some(text) {
            elf::STT_FUNC
        } else {
            elf::STT_OBJECT
        }
    };
    let mut syms = Vec::new();
    for (out, spec) in SECTIONS.iter().enumerate() {
        let sec = &layout.sections[out];
        for (names, value, rank) in [
            (spec.start_symbols, sec.addr, 0),
            (spec.end_symbols, sec.addr + sec.size, 2),
        ] {
            for &name in names {
                let global = name == BUILDINFO_SYMBOL;
                syms.push(OutSym {
                    name,
                    value,
                    size: if global { sec.size } else { 0 },
                    st_type: kind_for(Some(out)),
                    bind: if global {
                        elf::STB_GLOBAL
                    } else {
                        elf::STB_LOCAL
                    },
                    section: Some(out),
                    rank,
                });
            }
        }
    }
    for (oi, obj) in objects.iter().enumerate() {
        for (si, sym) in obj.symbols.iter().enumerate() {
            if !resolved.emitted[oi][si] {
                continue;
            }
            let section = match sym.def {
                Def::Section { section, .. } => obj.sections[section].out,
                _ => None,
            };
            syms.push(OutSym {
                name: &sym.name,
                value: layout.def_address(objects, (oi, si)),
                size: resolved.sizes[oi][si],
                st_type: kind_for(section),
                bind: match sym.bind {
                    Bind::Local => elf::STB_LOCAL,
                    Bind::Global => elf::STB_GLOBAL,
                    // A weak definition that won is the program's one definition; Go's
                    // symbol tables only have LOCAL and GLOBAL (ld/symtab.go putelfsym).
                    Bind::Weak => elf::STB_GLOBAL,
                },
                section,
                rank: 1,
            });
        }
    }
    // LOCAL first; then section order (ABS last), address, rank; the sort is stable, so equal
    // keys keep input order and the output is deterministic.
    syms.sort_by_key(|s| {
        (
            s.bind != elf::STB_LOCAL,
            s.section.unwrap_or(usize::MAX),
            s.value,
            s.rank,
        )
    });
    syms
}

/// The symbol table the executable will have (none with `-s`): made from the layout's
/// addresses alone, so that the link can make it while it fills and relocates the sections
/// (lib.rs). `debug_sections` is how many DWARF sections the executable has: their headers
/// come before some of the output sections', so they move those sections' indices.
pub struct Symbols {
    table: Option<SymbolTable>,
    /// The index of the first GLOBAL symbol (`.symtab`'s sh_info).
    num_local: u32,
}

/// The executable's symbol table, for [`write_executable`].
pub fn symbols(
    objects: &[Object],
    resolved: &Resolved,
    layout: &Layout,
    debug_sections: usize,
    opts: &Options,
) -> Symbols {
    if opts.strip_symbols {
        return Symbols {
            table: None,
            num_local: 2,
        };
    }
    let syms = collect_symbols(objects, resolved, layout);
    let num_local = syms.iter().filter(|s| s.bind == elf::STB_LOCAL).count() as u32 + 2;
    let indices = section_indices(debug_sections);
    Symbols {
        table: Some(symbol_table(&syms, &indices)),
        num_local,
    }
}

/// The section header index of each output section: after the null header, in [`SECTIONS`]
/// order, with `debug_sections` DWARF headers before the first header-page section (Go's
/// order: ... .noptrbss, .debug_*, .note.go.buildid). [`write_executable`] reserves them in
/// this order.
fn section_indices(debug_sections: usize) -> Vec<SectionIndex> {
    let debug_before = debug_position();
    (0..SECTIONS.len())
        .map(|i| {
            let moved = if i >= debug_before { debug_sections } else { 0 };
            SectionIndex((1 + i + moved) as u32)
        })
        .collect()
}

/// Where the DWARF sections' headers go among [`SECTIONS`]'.
fn debug_position() -> usize {
    SECTIONS
        .iter()
        .position(|s| s.header_page)
        .unwrap_or(SECTIONS.len())
}

/// Pass 8: the executable's bytes. The writer makes the headers and pads over the range of
/// every section; the sections' own buffers then take those ranges, not copied ([`exe`]).
pub fn write_executable(
    objects: &[Object],
    resolved: &Resolved,
    mut layout: Layout,
    mut debug: Vec<DebugSection>,
    mut symbols: Symbols,
) -> Result<Executable> {
    let entry = layout.def_address(objects, resolved.entry);
    let mut buf = Sparse::default();
    let mut w = Writer::new(Endianness::Little, true, &mut buf);

    // Reserve: header, program headers, loaded sections (file-offset order), then the tables.
    w.reserve_file_header();
    let phdrs = program_headers(&layout);
    debug_assert_eq!(phdrs.len() as u64, NUM_PHDRS);
    w.reserve_program_headers(phdrs.len() as u32);
    let mut indices = Vec::with_capacity(SECTIONS.len());
    let mut names = Vec::with_capacity(SECTIONS.len());
    let debug_before = debug_position();
    let mut debug_names = Vec::with_capacity(debug.len());
    for (i, spec) in SECTIONS.iter().enumerate() {
        if i == debug_before {
            for d in &debug {
                debug_names.push(w.add_section_name(d.name.as_bytes()));
                w.reserve_section_index();
            }
        }
        names.push(w.add_section_name(spec.name.as_bytes()));
        indices.push(w.reserve_section_index());
    }
    if debug_before == SECTIONS.len() {
        for d in &debug {
            debug_names.push(w.add_section_name(d.name.as_bytes()));
            w.reserve_section_index();
        }
    }
    let mut file_order: Vec<OutId> = (0..SECTIONS.len())
        .filter(|&i| SECTIONS[i].sh_type != elf::SHT_NOBITS && layout.sections[i].size > 0)
        .collect();
    file_order.sort_by_key(|&i| layout.sections[i].offset);
    for &i in &file_order {
        let sec = &layout.sections[i];
        w.reserve_until(sec.offset as usize);
        w.reserve(sec.size as usize, 1);
    }
    w.reserve_until(layout.file_end as usize);
    let debug_offsets: Vec<usize> = debug.iter().map(|d| w.reserve(d.data.len(), 1)).collect();

    debug_assert_eq!(indices, section_indices(debug.len()));
    // .symtab and .strtab: (name, index) of each, and their contents and file offsets.
    let table = symbols.table.take();
    let mut tables = None;
    if let Some(table) = &table {
        let symtab = (w.add_section_name(b".symtab"), w.reserve_section_index());
        let strtab = (w.add_section_name(b".strtab"), w.reserve_section_index());
        tables = Some((symtab, strtab, table));
    }
    w.reserve_shstrtab_section_index();
    let offsets = tables
        .as_ref()
        .map(|(_, _, t)| (w.reserve(t.symtab.len(), 8), w.reserve(t.strtab.len(), 1)));
    w.reserve_shstrtab();
    w.reserve_section_headers();

    // Write, in the same order.
    w.write_file_header(&FileHeader {
        os_abi: elf::ELFOSABI_NONE,
        abi_version: 0,
        e_type: elf::ET_EXEC,
        e_machine: elf::EM_X86_64,
        e_entry: entry,
        e_flags: 0,
    })
    .map_err(|e| LinkError::new(ErrorKind::Layout, format!("writing the ELF header: {e}")))?;
    w.write_align_program_headers();
    for ph in &phdrs {
        w.write_program_header(ph);
    }
    // (the sections, the DWARF and the symbol table: padded over, placed below)
    for &i in &file_order {
        let sec = &layout.sections[i];
        w.pad_until(sec.offset as usize + sec.data.len());
    }
    w.pad_until(layout.file_end as usize);
    for (d, &at) in debug.iter().zip(&debug_offsets) {
        w.pad_until(at + d.data.len());
    }
    if let (Some((_, _, t)), Some((sym_at, str_at))) = (&tables, offsets) {
        w.pad_until(sym_at + t.symtab.len());
        w.pad_until(str_at + t.strtab.len());
    }
    w.write_shstrtab();

    w.write_null_section_header();
    let write_debug_headers = |w: &mut Writer| {
        for ((d, &name), &offset) in debug.iter().zip(&debug_names).zip(&debug_offsets) {
            w.write_section_header(&SectionHeader {
                name: Some(name),
                sh_type: elf::SHT_PROGBITS,
                sh_flags: 0,
                sh_addr: 0,
                sh_offset: offset as u64,
                sh_size: d.data.len() as u64,
                sh_link: 0,
                sh_info: 0,
                sh_addralign: 1,
                sh_entsize: 0,
            });
        }
    };
    for (i, spec) in SECTIONS.iter().enumerate() {
        if i == debug_before {
            write_debug_headers(&mut w);
        }
        let sec = &layout.sections[i];
        w.write_section_header(&SectionHeader {
            name: Some(names[i]),
            sh_type: spec.sh_type,
            sh_flags: spec.sh_flags.into(),
            sh_addr: sec.addr,
            sh_offset: sec.offset,
            sh_size: sec.size,
            sh_link: 0,
            sh_info: 0,
            sh_addralign: sec.align,
            sh_entsize: 0,
        });
    }
    if debug_before == SECTIONS.len() {
        write_debug_headers(&mut w);
    }
    if let (Some(((symtab, _), (strtab, strtab_index), t)), Some((sym_at, str_at))) =
        (&tables, offsets)
    {
        w.write_section_header(&SectionHeader {
            name: Some(*symtab),
            sh_type: elf::SHT_SYMTAB,
            sh_flags: 0,
            sh_addr: 0,
            sh_offset: sym_at as u64,
            sh_size: t.symtab.len() as u64,
            sh_link: strtab_index.0,
            // The index of the first non-LOCAL symbol (gABI).
            sh_info: symbols.num_local,
            sh_addralign: 8,
            sh_entsize: SYM_SIZE as u64,
        });
        w.write_section_header(&SectionHeader {
            name: Some(*strtab),
            sh_type: elf::SHT_STRTAB,
            sh_flags: 0,
            sh_addr: 0,
            sh_offset: str_at as u64,
            sh_size: t.strtab.len() as u64,
            sh_link: 0,
            sh_info: 0,
            sh_addralign: 1,
            sh_entsize: 0,
        });
    }
    w.write_shstrtab_section_header();
    debug_assert_eq!(w.reserved_len(), w.len());
    drop(w);
    let placed = |e: String| LinkError::new(ErrorKind::Layout, e);
    for &i in &file_order {
        let sec = &mut layout.sections[i];
        buf.place(sec.offset as usize, std::mem::take(&mut sec.data))
            .map_err(placed)?;
    }
    for (d, at) in debug.iter_mut().zip(debug_offsets) {
        buf.place(at, std::mem::take(&mut d.data)).map_err(placed)?;
    }
    if let (Some(t), Some((sym_at, str_at))) = (table, offsets) {
        buf.place(sym_at, t.symtab).map_err(placed)?;
        buf.place(str_at, t.strtab).map_err(placed)?;
    }
    Ok(buf.finish())
}

/// The size of an Elf64_Sym (gABI, "Symbol Table").
const SYM_SIZE: usize = 24;

/// The contents of `.symtab` and `.strtab`.
struct SymbolTable {
    symtab: Vec<u8>,
    strtab: Vec<u8>,
}

/// `.symtab` and `.strtab` for `syms`, whose output sections have the section header indices
/// `indices`: the null symbol, the FILE symbol `go.go`, then `syms` in order. Built here, not
/// with the `Writer`'s string table, which merges names that are suffixes of others by
/// sorting all of them: that sort was a tenth of a warm hello link's instructions
/// (callgrind). Go's linker does not merge either: each name is appended as it comes
/// (ld/symtab.go `putelfstr`).
fn symbol_table(syms: &[OutSym], indices: &[SectionIndex]) -> SymbolTable {
    let mut strtab = vec![0u8];
    strtab.reserve(syms.iter().map(|s| s.name.len() + 1).sum::<usize>() + 8);
    // The null symbol first: all zeros, its name the empty string at offset 0.
    let mut symtab = vec![0u8; SYM_SIZE];
    symtab.reserve((syms.len() + 1) * SYM_SIZE);
    let mut put = |name: &str, info: u8, shndx: u16, value: u64, size: u64| {
        let at = strtab.len() as u32;
        strtab.extend_from_slice(name.as_bytes());
        strtab.push(0);
        symtab.extend_from_slice(&at.to_le_bytes());
        symtab.push(info);
        symtab.push(elf::STV_DEFAULT);
        symtab.extend_from_slice(&shndx.to_le_bytes());
        symtab.extend_from_slice(&value.to_le_bytes());
        symtab.extend_from_slice(&size.to_le_bytes());
    };
    let file = (elf::STB_LOCAL << 4) | elf::STT_FILE;
    put("go.go", file, elf::SHN_ABS, 0, 0);
    for s in syms {
        let shndx = s.section.map_or(elf::SHN_ABS, |o| indices[o].0 as u16);
        put(s.name, (s.bind << 4) | s.st_type, shndx, s.value, s.size);
    }
    SymbolTable { symtab, strtab }
}

/// PHDR, NOTE, LOAD text, LOAD rodata, LOAD data, GNU_STACK (ld/elf.go asmbElf order).
fn program_headers(layout: &Layout) -> Vec<ProgramHeader> {
    let phdr_size = NUM_PHDRS * 56;
    let mut out = vec![ProgramHeader {
        p_type: elf::PT_PHDR,
        p_flags: elf::PF_R,
        p_offset: 64,
        p_vaddr: layout::BASE + 64,
        p_paddr: layout::BASE + 64,
        p_filesz: phdr_size,
        p_memsz: phdr_size,
        p_align: layout::PAGE,
    }];
    for (i, spec) in SECTIONS.iter().enumerate() {
        if spec.sh_type == elf::SHT_NOTE {
            let sec = &layout.sections[i];
            out.push(ProgramHeader {
                p_type: elf::PT_NOTE,
                p_flags: elf::PF_R,
                p_offset: sec.offset,
                p_vaddr: sec.addr,
                p_paddr: sec.addr,
                p_filesz: sec.size,
                p_memsz: sec.size,
                p_align: sec.align,
            });
        }
    }
    for (seg, (kind, _)) in layout.segments.iter().zip(layout::SEGMENTS) {
        debug_assert!(kind != Segment::Data || seg.flags & elf::PF_X == 0);
        out.push(ProgramHeader {
            p_type: elf::PT_LOAD,
            p_flags: seg.flags,
            p_offset: seg.offset,
            p_vaddr: seg.vaddr,
            p_paddr: seg.vaddr,
            p_filesz: seg.filesz,
            p_memsz: seg.memsz,
            p_align: layout::PAGE,
        });
    }
    out.push(ProgramHeader {
        p_type: elf::PT_GNU_STACK,
        p_flags: elf::PF_R | elf::PF_W,
        p_offset: 0,
        p_vaddr: 0,
        p_paddr: 0,
        p_filesz: 0,
        p_memsz: 0,
        p_align: 8,
    });
    out
}
