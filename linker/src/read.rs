//! Pass 1, `read_objects`: parse each input, an ELF64 x86-64 relocatable object, with the
//! `object` crate's low-level ELF reader into the linker's own plain structures: sections (with
//! their output section chosen by [`crate::layout::map_input_section`]), symbols and relocations.
//! Anything malformed becomes a [`LinkError`] naming the object; nothing here panics on bad input.
//! Common symbols (`SHN_COMMON`, from GNU `as` `.comm`) become small NOBITS sections in `.bss`,
//! the way GNU ld allocates them.

use object::elf;
use object::read::elf::{FileHeader, Rel as _, Rela as _, SectionHeader as _, Sym as _};
use object::Endianness;

use crate::error::{ErrorKind, LinkError, Result};
use crate::layout::{map_input_section, Mapping, OutId};
use crate::Input;

/// The largest input alignment accepted (a power of two; Go itself never needs more than 32).
pub const MAX_ALIGN: u64 = 1 << 16;

/// Symbol binding, reduced to what resolution needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bind {
    Local,
    Global,
    Weak,
}

/// Where a symbol is defined in its object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Def {
    /// `SHN_UNDEF`.
    Undefined,
    /// `SHN_ABS`: the value is the address.
    Absolute(u64),
    /// In input section `section` (an index into [`Object::sections`]) at offset `value`.
    Section { section: usize, value: u64 },
    /// In a section the linker drops (debug info, `.eh_frame`, ...): may not be referenced.
    Dropped,
}

/// One symbol-table entry of an input object.
#[derive(Debug, Clone)]
pub struct Symbol {
    pub name: String,
    pub bind: Bind,
    /// `STT_*`.
    pub kind: u8,
    pub def: Def,
    pub size: u64,
}

/// One relocation of a kept section (RELA, or REL with its implicit addend read).
#[derive(Debug, Clone, Copy)]
pub struct Reloc {
    pub offset: u64,
    pub r_type: u32,
    /// Index into [`Object::symbols`].
    pub symbol: usize,
    /// `None` for SHT_REL: the addend is the field's current contents (read when applied).
    pub addend: Option<i64>,
}

/// One input section. Sections the output does not keep have `out == None` and no data.
#[derive(Debug, Clone)]
pub struct Section {
    pub name: String,
    pub out: Option<OutId>,
    /// Contents (empty for NOBITS).
    pub data: Vec<u8>,
    pub size: u64,
    pub nobits: bool,
    pub align: u64,
    pub relocs: Vec<Reloc>,
}

/// A parsed input object.
#[derive(Debug, Clone)]
pub struct Object {
    pub name: String,
    /// Indexed by ELF section index (index 0 is the null section); common symbols append more.
    pub sections: Vec<Section>,
    /// Indexed by ELF symbol index (index 0 is the null symbol).
    pub symbols: Vec<Symbol>,
    /// The functions the compiler marked as wrappers (Go's WRAPPER attribute), from the
    /// object's `.go.wrappers` section: NUL-terminated names. Their `_func.funcID` is
    /// funcID_wrapper, which tracebacks and recover look at.
    pub wrappers: Vec<String>,
}

/// Pass 1: parse every input.
pub fn read_objects(inputs: &[Input]) -> Result<Vec<Object>> {
    inputs.iter().map(read_object).collect()
}

fn read_object(input: &Input) -> Result<Object> {
    let name = input.name.as_str();
    let bad = |e: object::read::Error| LinkError::malformed(name, e);
    let data = input.data.as_slice();
    let header = elf::FileHeader64::<Endianness>::parse(data).map_err(bad)?;
    let endian = header.endian().map_err(bad)?;
    if header.e_type(endian) != elf::ET_REL {
        return Err(LinkError::malformed(
            name,
            "not a relocatable object (ET_REL)",
        ));
    }
    if header.e_machine(endian) != elf::EM_X86_64 {
        return Err(LinkError::malformed(
            name,
            "not an x86-64 object (EM_X86_64)",
        ));
    }
    let table = header.sections(endian, data).map_err(bad)?;

    // Sections.
    let mut sections = Vec::with_capacity(table.len());
    let mut wrappers = Vec::new();
    for (index, sh) in table.enumerate() {
        let sname =
            String::from_utf8_lossy(table.section_name(endian, sh).map_err(bad)?).into_owned();
        if sname == ".go.wrappers" && sh.sh_type(endian) == elf::SHT_PROGBITS {
            let names = sh.data(endian, data).map_err(bad)?;
            wrappers.extend(
                names
                    .split(|&b| b == 0)
                    .filter(|n| !n.is_empty())
                    .map(|n| String::from_utf8_lossy(n).into_owned()),
            );
        }
        let sh_type = sh.sh_type(endian);
        let flags = sh.sh_flags(endian);
        let out = if index.0 == 0 {
            None
        } else {
            match map_input_section(&sname, sh_type, flags) {
                Mapping::Keep(out) => Some(out),
                Mapping::Drop => None,
                Mapping::Reject(why) => {
                    return Err(LinkError::new(
                        ErrorKind::UnsupportedSection,
                        format!("{name}: section {sname}: {why}"),
                    ))
                }
            }
        };
        let nobits = sh_type == elf::SHT_NOBITS;
        let size = sh.sh_size(endian);
        let align = sh.sh_addralign(endian).max(1);
        if out.is_some() && (!align.is_power_of_two() || align > MAX_ALIGN) {
            return Err(LinkError::malformed(
                name,
                format!("section {sname}: unsupported alignment {align}"),
            ));
        }
        let data = if out.is_some() && !nobits {
            sh.data(endian, data).map_err(bad)?.to_vec()
        } else {
            Vec::new()
        };
        sections.push(Section {
            name: sname,
            out,
            data,
            size,
            nobits,
            align,
            relocs: Vec::new(),
        });
    }

    // Symbols.
    let symtab = table.symbols(endian, data, elf::SHT_SYMTAB).map_err(bad)?;
    let mut symbols = Vec::with_capacity(symtab.len());
    for (index, sym) in symtab.enumerate() {
        let sname =
            String::from_utf8_lossy(symtab.symbol_name(endian, sym).map_err(bad)?).into_owned();
        let bind = match sym.st_bind() {
            elf::STB_LOCAL => Bind::Local,
            elf::STB_GLOBAL | elf::STB_GNU_UNIQUE => Bind::Global,
            elf::STB_WEAK => Bind::Weak,
            other => {
                return Err(LinkError::malformed(
                    name,
                    format!("symbol {sname:?}: unknown binding {other}"),
                ))
            }
        };
        let value = sym.st_value(endian);
        let size = sym.st_size(endian);
        let shndx = sym.st_shndx(endian);
        let def = if index.0 == 0 || shndx == elf::SHN_UNDEF {
            Def::Undefined
        } else if shndx == elf::SHN_ABS {
            Def::Absolute(value)
        } else if shndx == elf::SHN_COMMON {
            // A common symbol: st_value is its alignment. Give it a NOBITS section of its own
            // in .bss (GNU ld's placement of COMMON).
            let align = value.max(1);
            if !align.is_power_of_two() || align > MAX_ALIGN {
                return Err(LinkError::malformed(
                    name,
                    format!("common symbol {sname:?}: alignment {align} is not a power of two"),
                ));
            }
            sections.push(Section {
                name: "COMMON".to_string(),
                out: Some(crate::layout::out_id(".bss")),
                data: Vec::new(),
                size,
                nobits: true,
                align,
                relocs: Vec::new(),
            });
            Def::Section {
                section: sections.len() - 1,
                value: 0,
            }
        } else {
            let section = symtab
                .symbol_section(endian, sym, index)
                .map_err(bad)?
                .map(|s| s.0)
                .filter(|&s| s < table.len())
                .ok_or_else(|| {
                    LinkError::malformed(
                        name,
                        format!("symbol {sname:?}: bad section index {shndx}"),
                    )
                })?;
            if sections[section].out.is_some() {
                Def::Section { section, value }
            } else {
                Def::Dropped
            }
        };
        symbols.push(Symbol {
            name: sname,
            bind,
            kind: sym.st_type(),
            def,
            size,
        });
    }
    if symbols.is_empty() {
        // No symbol table at all: keep index 0 valid for relocations that use no symbol.
        symbols.push(Symbol {
            name: String::new(),
            bind: Bind::Local,
            kind: elf::STT_NOTYPE,
            def: Def::Undefined,
            size: 0,
        });
    }

    // Relocations, attached to the section they patch (kept sections only).
    for sh in table.iter() {
        let target = sh.sh_info(endian) as usize;
        let mut relocs = Vec::new();
        if let Some((relas, _)) = sh.rela(endian, data).map_err(bad)? {
            if !kept(&sections, target) {
                continue;
            }
            for r in relas {
                relocs.push(Reloc {
                    offset: r.r_offset(endian),
                    r_type: r.r_type(endian, false),
                    symbol: r.r_sym(endian, false) as usize,
                    addend: Some(r.r_addend(endian)),
                });
            }
        } else if let Some((rels, _)) = sh.rel(endian, data).map_err(bad)? {
            if !kept(&sections, target) {
                continue;
            }
            for r in rels {
                relocs.push(Reloc {
                    offset: r.r_offset(endian),
                    r_type: r.r_type(endian),
                    symbol: r.r_sym(endian) as usize,
                    addend: None,
                });
            }
        } else {
            continue;
        }
        for r in &relocs {
            if r.symbol >= symbols.len() {
                return Err(LinkError::malformed(
                    name,
                    format!(
                        "relocation at {}+{:#x} uses symbol index {} (only {} symbols)",
                        sections[target].name,
                        r.offset,
                        r.symbol,
                        symbols.len()
                    ),
                ));
            }
        }
        sections[target].relocs.extend(relocs);
    }

    Ok(Object {
        wrappers,
        name: name.to_string(),
        sections,
        symbols,
    })
}

fn kept(sections: &[Section], index: usize) -> bool {
    sections.get(index).is_some_and(|s| s.out.is_some())
}
