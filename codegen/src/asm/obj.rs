//! Object writer: assembled functions and data to an ELF64 x86-64 relocatable file, through the
//! `object` crate.
//!
//! Section choice follows cmd/internal/obj/plist.go and cmd/link's symkind rules as DESIGN.md
//! records them: RODATA → `.rodata`; NOPTR → `.noptrdata` with DATA, `.noptrbss` without;
//! otherwise `.data` with DATA, `.bss` without. Functions go into `.text`, each aligned to 32
//! (Go's funcAlign, cmd/link/internal/amd64/l.go) with INT3 padding between them. An empty
//! `.note.GNU-stack` marks the stack non-executable for GNU ld.

use crate::HashMap;

use object::write::{Object, Relocation, SectionId, Symbol, SymbolId, SymbolSection};
use object::{
    elf, Architecture, BinaryFormat, Endianness, RelocationFlags, SectionKind, SymbolFlags,
    SymbolKind, SymbolScope,
};

use super::encode::Reloc;
use super::parse::SymRef;
use crate::dwarf;

/// Go's amd64 function alignment (cmd/link/internal/amd64/l.go `funcAlign = 32`).
pub const FUNC_ALIGN: u64 = 32;

/// Where a data symbol goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DataSection {
    Rodata,
    Noptrdata,
    Data,
    Bss,
    Noptrbss,
}

impl DataSection {
    fn name(self) -> &'static [u8] {
        match self {
            DataSection::Rodata => b".rodata",
            DataSection::Noptrdata => b".noptrdata",
            DataSection::Data => b".data",
            DataSection::Bss => b".bss",
            DataSection::Noptrbss => b".noptrbss",
        }
    }

    fn kind(self) -> SectionKind {
        match self {
            DataSection::Rodata => SectionKind::ReadOnlyData,
            DataSection::Noptrdata | DataSection::Data => SectionKind::Data,
            DataSection::Bss | DataSection::Noptrbss => SectionKind::UninitializedData,
        }
    }
}

/// A function ready to be written.
pub struct ObjFunc {
    pub sym: SymRef,
    pub elf_name: String,
    pub dupok: bool,
    pub code: Vec<u8>,
    pub relocs: Vec<Reloc>,
    /// The file and line of the TEXT statement.
    pub file: String,
    pub line: u32,
    /// `(offset, line)` rows of the line table, in offset order.
    pub lines: Vec<(u32, u32)>,
}

/// A GLOBL symbol ready to be written. `bytes` is None for a NOBITS section.
pub struct ObjData {
    pub sym: SymRef,
    pub elf_name: String,
    pub dupok: bool,
    pub section: DataSection,
    pub size: u64,
    pub bytes: Option<Vec<u8>>,
    pub relocs: Vec<Reloc>,
}

/// Data alignment: 8 for symbols of 8 bytes or more, else the size rounded up to a power of two,
/// so small symbols pack tightly as Go's linker packs them (cmd/link/internal/ld/data.go
/// `symalign` shrinks the alignment to the size the same way).
pub fn data_align(size: u64) -> u64 {
    if size >= 8 {
        8
    } else {
        size.max(1).next_power_of_two()
    }
}

/// Writes the object. `name_of` gives the ELF name of a referenced symbol; references to
/// symbols not defined here become undefined globals. Returns an error message for a reference
/// to an undefined file-local symbol. The functions' line tables become DWARF, one unit named
/// `file_name` (as `go tool asm` records each instruction's position for Go's linker).
pub fn write(
    file_name: &str,
    funcs: &[ObjFunc],
    datas: &[ObjData],
    name_of: &dyn Fn(&SymRef) -> String,
) -> Result<Vec<u8>, Vec<String>> {
    let mut obj = Object::new(BinaryFormat::Elf, Architecture::X86_64, Endianness::Little);
    let text = obj.add_section(Vec::new(), b".text".to_vec(), SectionKind::Text);
    let mut defined: HashMap<SymRef, SymbolId> = HashMap::default();

    // .text: functions aligned to 32, padded with INT3 so a stray jump traps.
    let mut code = Vec::new();
    let mut func_offsets = Vec::new();
    for f in funcs {
        while !(code.len() as u64).is_multiple_of(FUNC_ALIGN) {
            code.push(0xCC);
        }
        func_offsets.push(code.len() as u64);
        code.extend_from_slice(&f.code);
    }
    obj.section_mut(text).set_data(code, FUNC_ALIGN);
    for (f, &off) in funcs.iter().zip(&func_offsets) {
        let id = obj.add_symbol(symbol(
            &f.elf_name,
            &f.sym,
            f.dupok,
            off,
            f.code.len() as u64,
            SymbolKind::Text,
            text,
        ));
        defined.insert(f.sym.clone(), id);
    }
    let mut files: Vec<String> = Vec::new();
    let mut file_index = |name: &str| -> u32 {
        match files.iter().position(|f| f == name) {
            Some(i) => i as u32,
            None => {
                files.push(name.to_string());
                (files.len() - 1) as u32
            }
        }
    };
    let dwarf_funcs: Vec<dwarf::Func> = funcs
        .iter()
        // A TEXT without instructions (Go accepts one) has no code for DWARF to describe.
        .filter(|f| !f.code.is_empty())
        .filter_map(|f| {
            let file = file_index(&f.file);
            Some(dwarf::Func {
                name: f.elf_name.clone(),
                symbol: *defined.get(&f.sym)?,
                size: f.code.len() as u64,
                decl_file: file,
                decl_line: f.line,
                rows: f
                    .lines
                    .iter()
                    .map(|&(off, line)| (off, file, line))
                    .collect(),
                external: !f.sym.local,
                frame: None,
                vars: Vec::new(),
                inlined: Vec::new(),
            })
        })
        .collect();
    let unit = dwarf::Unit {
        name: file_name.to_string(),
        comp_dir: ".".to_string(),
        // DWARF 4 §7.12: the language code for assembly (Go's linker uses none for it).
        language: cranelift_codegen::gimli::DW_LANG_Mips_Assembler,
        files,
        funcs: dwarf_funcs,
        cie: None,
    };
    dwarf::add_unit(&mut obj, &unit).map_err(|e| vec![e])?;

    let mut sections: HashMap<DataSection, SectionId> = HashMap::default();
    let mut data_offsets = Vec::new();
    for d in datas {
        let sec = *sections.entry(d.section).or_insert_with(|| {
            obj.add_section(Vec::new(), d.section.name().to_vec(), d.section.kind())
        });
        let align = data_align(d.size);
        let off = match &d.bytes {
            Some(b) => obj.append_section_data(sec, b, align),
            None => obj.append_section_bss(sec, d.size, align),
        };
        data_offsets.push((sec, off));
        let id = obj.add_symbol(symbol(
            &d.elf_name,
            &d.sym,
            d.dupok,
            off,
            d.size,
            SymbolKind::Data,
            sec,
        ));
        defined.insert(d.sym.clone(), id);
    }

    let mut errors = Vec::new();
    let reloc_errors = {
        let mut undefined: HashMap<String, SymbolId> = HashMap::default();
        let mut resolve = |obj: &mut Object, s: &SymRef| -> Option<SymbolId> {
            if let Some(id) = defined.get(s) {
                return Some(*id);
            }
            if s.local {
                errors.push(format!("undefined file-local symbol {}", s.display()));
                return None;
            }
            let name = name_of(s);
            Some(*undefined.entry(name.clone()).or_insert_with(|| {
                obj.add_symbol(Symbol {
                    name: name.into_bytes(),
                    value: 0,
                    size: 0,
                    kind: SymbolKind::Unknown,
                    scope: SymbolScope::Dynamic,
                    weak: false,
                    section: SymbolSection::Undefined,
                    flags: SymbolFlags::None,
                })
            }))
        };
        let mut add_relocs = |obj: &mut Object, sec: SectionId, base: u64, relocs: &[Reloc]| {
            for r in relocs {
                let Some(symbol) = resolve(obj, &r.sym) else {
                    continue;
                };
                let rel = Relocation {
                    offset: base + r.offset as u64,
                    symbol,
                    addend: r.addend,
                    flags: RelocationFlags::Elf {
                        r_type: r.kind.elf_type(),
                    },
                };
                if let Err(e) = obj.add_relocation(sec, rel) {
                    return Err(e.to_string());
                }
            }
            Ok(())
        };
        let mut reloc_errors = Vec::new();
        for (f, &off) in funcs.iter().zip(&func_offsets) {
            if let Err(e) = add_relocs(&mut obj, text, off, &f.relocs) {
                reloc_errors.push(e);
            }
        }
        for (d, &(sec, off)) in datas.iter().zip(&data_offsets) {
            if let Err(e) = add_relocs(&mut obj, sec, off, &d.relocs) {
                reloc_errors.push(e);
            }
        }
        reloc_errors
    };
    errors.extend(reloc_errors);
    if !errors.is_empty() {
        return Err(errors);
    }

    // No executable stack: an empty .note.GNU-stack without SHF_EXECINSTR.
    obj.add_section(
        Vec::new(),
        b".note.GNU-stack".to_vec(),
        SectionKind::Elf(elf::SHT_PROGBITS),
    );
    obj.write().map_err(|e| vec![e.to_string()])
}

fn symbol(
    elf_name: &str,
    s: &SymRef,
    dupok: bool,
    value: u64,
    size: u64,
    kind: SymbolKind,
    section: SectionId,
) -> Symbol {
    Symbol {
        name: elf_name.as_bytes().to_vec(),
        value,
        size,
        kind,
        // Dynamic is the object crate's name for a global symbol with default visibility
        // (Linkage would make it STV_HIDDEN).
        scope: if s.local {
            SymbolScope::Compilation
        } else {
            SymbolScope::Dynamic
        },
        // DUPOK: several objects may define it and any one will do, which is ELF's weak binding.
        weak: dupok && !s.local,
        section: SymbolSection::Section(section),
        flags: SymbolFlags::None,
    }
}
