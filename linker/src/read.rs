//! Pass 1, `read_objects`: parse each input, an ELF64 x86-64 relocatable object or an `ar`
//! archive of them ([`crate::archive`]), with the `object` crate's low-level ELF reader into the
//! linker's own plain structures: sections (with their output section chosen by
//! [`crate::layout::map_input_section`]), symbols, relocations and the line information of the
//! object's DWARF ([`crate::lines`], which also checks the rest of the DWARF).
//!
//! Nothing read from an input is trusted. Every offset, size and count is checked against the
//! file before it is used, so that no later pass can index out of bounds or size an
//! allocation from a corrupt field: section contents lie inside the file and do not overlap
//! (gABI, "Sections": "no byte in a file resides in more than one section"), so the bytes the
//! linker copies are bounded by the input's size; a symbol lies inside its section; a
//! relocation's place lies inside the section it patches and its symbol exists; alignments
//! are powers of two up to a page; sizes the file does not back (`SHT_NOBITS`, common
//! symbols) are bounded by Go's own limit ([`CUTOFF`]); and the bytes of symbol names, which
//! may share a string table, are bounded by a multiple of the object's size. A fault is a
//! [`LinkError`] naming the object and the section: `malformed object fmt.o: .symtab: ...`.
//!
//! Common symbols (`SHN_COMMON`, from GNU `as` `.comm`) become small NOBITS sections in `.bss`,
//! the way GNU ld allocates them.

use crate::HashSet;
use std::collections::{BTreeMap, VecDeque};

use object::elf;
use object::pod;
use object::read::elf::{FileHeader, Rel as _, Rela as _, SectionHeader as _, Sym as _};
use object::Endianness;

use crate::archive::{self, Archive};
use crate::bytes::Bytes;
use crate::error::{printable, short, ErrorKind, LinkError, Result};
use crate::layout::{map_input_section, Mapping, OutId};
use crate::Input;

/// The largest input alignment accepted: a page, the most a static executable's layout can
/// honour (segments start on page boundaries; Go itself never asks for more than 32).
pub const MAX_ALIGN: u64 = 1 << 12;

/// The largest section or symbol the linker accepts: Go's linker's `cutoff`
/// (cmd/link/internal/ld/data.go, 2e9 bytes: "symbol too large", "too much data").
pub const CUTOFF: u64 = 2_000_000_000;

/// An object's symbol names may total at most this many bytes per byte of the object. Names
/// may legitimately share the string table (ELF writers merge common suffixes), but not
/// without limit: a small object whose thousands of symbols all name one long string would
/// otherwise make the linker copy that string thousands of times.
pub const NAME_BYTES_PER_BYTE: u64 = 16;

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
    /// In a section the output does not load (debug info, `.eh_frame`, ...): code and data may
    /// not refer to it; DWARF may (a debug section's own symbols).
    Dropped { section: usize, value: u64 },
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

impl Symbol {
    /// The null symbol at index 0 of a symbol table.
    pub fn null() -> Symbol {
        Symbol {
            name: String::new(),
            bind: Bind::Local,
            kind: elf::STT_NOTYPE,
            def: Def::Undefined,
            size: 0,
        }
    }
}

/// One relocation of a kept or debug section (RELA, or REL with its implicit addend read).
#[derive(Debug, Clone, Copy)]
pub struct Reloc {
    /// Inside the section (checked when read; the field's width is checked when applied).
    pub offset: u64,
    pub r_type: u32,
    /// Index into [`Object::symbols`] (checked when read).
    pub symbol: usize,
    /// `None` for SHT_REL: the addend is the field's current contents (read when applied).
    pub addend: Option<i64>,
}

/// The relocations that patch one section: views of the object's RELA or REL tables (their
/// entries checked when the object was read), each entry decoded as the relocations are
/// walked, not copied into a list of their own. The runtime's object has 36,000 of them: as a
/// list they took 1.5 MB of a relink's memory, every page of it new and written once, where
/// the tables are read where the cache entry maps them (massif; a new page costs about 2 µs
/// on the virtual machines tbuild is measured on).
#[derive(Debug, Clone, Default)]
pub struct Relocs {
    tables: Vec<RelocTable>,
}

/// One relocation section's entries, `Elf64_Rela` or `Elf64_Rel` records (little-endian:
/// read_object accepts no other objects).
#[derive(Debug, Clone)]
pub struct RelocTable {
    bytes: Bytes,
    rela: bool,
}

impl RelocTable {
    /// The entries, read with the `object` crate's ELF records. The bytes are a whole slice
    /// of them (read_object takes the view of the crate's own slice), so none is partial.
    fn entries(&self) -> Entries<'_> {
        let bytes = &self.bytes[..];
        Entries(if self.rela {
            Records::Rela(pod::slice_from_all_bytes(bytes).unwrap_or_default().iter())
        } else {
            Records::Rel(pod::slice_from_all_bytes(bytes).unwrap_or_default().iter())
        })
    }
}

/// One table's relocations, each decoded as it is reached.
pub struct Entries<'a>(Records<'a>);

enum Records<'a> {
    Rela(std::slice::Iter<'a, elf::Rela64<Endianness>>),
    Rel(std::slice::Iter<'a, elf::Rel64<Endianness>>),
}

impl Iterator for Entries<'_> {
    type Item = Reloc;
    fn next(&mut self) -> Option<Reloc> {
        const LE: Endianness = Endianness::Little;
        Some(match &mut self.0 {
            Records::Rela(it) => {
                let r = it.next()?;
                Reloc {
                    offset: r.r_offset(LE),
                    r_type: r.r_type(LE, false),
                    symbol: r.r_sym(LE, false) as usize,
                    addend: Some(r.r_addend(LE)),
                }
            }
            Records::Rel(it) => {
                let r = it.next()?;
                Reloc {
                    offset: r.r_offset(LE),
                    r_type: r.r_type(LE),
                    symbol: r.r_sym(LE) as usize,
                    addend: None,
                }
            }
        })
    }
}

impl Relocs {
    pub fn is_empty(&self) -> bool {
        self.tables.iter().all(|t| t.bytes.is_empty())
    }

    /// Every relocation, in table order.
    pub fn iter(&self) -> RelocIter<'_> {
        self.tables.iter().flat_map(RelocTable::entries)
    }
}

/// The iterator of [`Relocs::iter`].
pub type RelocIter<'a> = std::iter::FlatMap<
    std::slice::Iter<'a, RelocTable>,
    Entries<'a>,
    fn(&'a RelocTable) -> Entries<'a>,
>;

impl<'a> IntoIterator for &'a Relocs {
    type Item = Reloc;
    type IntoIter = RelocIter<'a>;
    fn into_iter(self) -> RelocIter<'a> {
        self.iter()
    }
}

/// One input section. Sections the output neither loads nor relinks have `out == None`,
/// `debug == false` and no data.
#[derive(Debug, Clone)]
pub struct Section {
    pub name: String,
    pub out: Option<OutId>,
    /// A DWARF section (`.debug_*`): not loaded, but read ([`crate::lines`]) and relinked
    /// ([`crate::dwarf`]).
    pub debug: bool,
    /// Contents (empty for NOBITS): a view of the object's bytes, or the linker's own.
    pub data: Bytes,
    pub size: u64,
    pub nobits: bool,
    pub align: u64,
    pub relocs: Relocs,
}

impl Section {
    /// The null section every ELF object has at index 0.
    pub fn null() -> Section {
        Section {
            name: String::new(),
            out: None,
            debug: false,
            data: Bytes::default(),
            size: 0,
            nobits: false,
            align: 1,
            relocs: Relocs::default(),
        }
    }
}

/// A parsed input object.
#[derive(Debug, Clone)]
pub struct Object {
    /// The input's name, or `lib.a(member.o)` for an archive member, as GNU ld and Go name them.
    pub name: String,
    /// Indexed by ELF section index (index 0 is the null section); common symbols append more.
    pub sections: Vec<Section>,
    /// Indexed by ELF symbol index (index 0 is the null symbol).
    pub symbols: Vec<Symbol>,
    /// The file paths of the line information in the object's DWARF (none without
    /// `.debug_line`): its functions' pcfile values index them.
    pub line_files: Vec<String>,
    /// Each function's pc-value tables ([`crate::pcvalues`]): address-independent, so
    /// derived as the object is read, where a driver may read the objects it has while it
    /// compiles the rest ([`crate::ReadAhead`]).
    pub pc_values: crate::pcvalues::ObjectPcValues,
    /// Each function's inlined calls, parameter bytes and deferinfo ([`crate::funcinfo`]),
    /// derived as the object is read, as its pc-value tables are.
    pub funcs: crate::funcinfo::FuncInfos,
}

impl Object {
    /// An object the linker makes itself: one `.rodata` section per `(symbol, contents,
    /// alignment)`, each defining that GLOBAL data symbol at its start, so that a runtime
    /// accessor can name it (Go's linker-made tables are LOCAL: its runtime reaches them
    /// through moduledata instead).
    pub fn linker_rodata(name: &str, tables: Vec<(&str, Bytes, u64)>) -> Object {
        let mut sections = vec![Section::null()];
        let mut symbols = vec![Symbol::null()];
        for (symbol, data, align) in tables {
            let size = data.len() as u64;
            symbols.push(Symbol {
                name: symbol.to_string(),
                bind: Bind::Global,
                kind: elf::STT_OBJECT,
                def: Def::Section {
                    section: sections.len(),
                    value: 0,
                },
                size,
            });
            sections.push(Section {
                name: ".rodata".to_string(),
                out: Some(crate::layout::out_id(".rodata")),
                debug: false,
                data,
                size,
                nobits: false,
                align,
                relocs: Relocs::default(),
            });
        }
        Object {
            name: name.to_string(),
            sections,
            symbols,
            line_files: Vec::new(),
            pc_values: Default::default(),
            funcs: Default::default(),
        }
    }
}

/// Pass 1: parse every input; from archives, the members the link needs. `roots` are symbols
/// the link needs although no relocation names them (the entry symbol, `main.main`).
pub fn read_objects(
    inputs: &[Input],
    mut ahead: crate::ReadAhead,
    roots: &[&str],
) -> Result<Vec<Object>> {
    enum Slot<'a> {
        Object(Object),
        /// The archive, the members loaded from it by offset, and its bytes.
        Archive(Archive<'a>, BTreeMap<u64, Object>, &'a Bytes),
    }
    // The objects not read ahead are read in parallel; a fault is reported for the first
    // faulty input.
    let read: Vec<_> = inputs
        .iter()
        .map(|i| (i, std::sync::Mutex::new(ahead.take(i))))
        .collect();
    // The largest first (par::map_heaviest_first): the runtime's object is most of the work.
    let slots = crate::par::map_heaviest_first(
        &read,
        |(i, _)| i.data.len(),
        |(input, done)| {
            if let Some(o) = done.lock().ok().and_then(|mut d| d.take()) {
                return Ok(Slot::Object(o));
            }
            Ok(if archive::is_archive(&input.data) {
                let ar = archive::parse(&input.name, &input.data)?;
                Slot::Archive(ar, BTreeMap::new(), &input.data)
            } else {
                Slot::Object(read_object(
                    &input.name,
                    &input.data,
                    input.summary.as_deref(),
                )?)
            })
        },
    );
    let mut slots = slots.into_iter().collect::<Result<Vec<_>>>()?;

    // Archive members, loaded as Go's linker loads a host archive (cmd/link/internal/ld/ar.go
    // `hostArchive`): a member is linked when the archive's symbol index says it defines a
    // symbol that a relocation of a linked object needs and nothing linked defines, until no
    // more are needed. This is GNU ld's rule as well, with every archive searched again until
    // nothing changes (as inside `--start-group`), so the order of the inputs does not matter.
    if slots.iter().any(|s| matches!(s, Slot::Archive(..))) {
        let mut defined: HashSet<String> = HashSet::default();
        let mut wanted: VecDeque<String> = roots.iter().map(|r| r.to_string()).collect();
        for slot in &slots {
            if let Slot::Object(o) = slot {
                note_symbols(o, &mut defined, &mut wanted);
            }
        }
        while let Some(name) = wanted.pop_front() {
            if defined.contains(&name) {
                continue;
            }
            for slot in &mut slots {
                let Slot::Archive(ar, loaded, whole) = slot else {
                    continue;
                };
                let Some(offset) = ar.symbol_member(&name) else {
                    continue;
                };
                if loaded.contains_key(&offset) {
                    continue;
                }
                let member = ar.member(offset)?;
                let data = whole.slice_of(member.data).unwrap_or_default();
                let obj = read_object(&format!("{}({})", ar.name, member.name), &data, None)?;
                note_symbols(&obj, &mut defined, &mut wanted);
                loaded.insert(offset, obj);
                break;
            }
        }
    }

    // Members take their archive's place in the input order, in archive order.
    let mut objects = Vec::new();
    for slot in slots {
        match slot {
            Slot::Object(o) => objects.push(o),
            Slot::Archive(_, members, _) => objects.extend(members.into_values()),
        }
    }
    Ok(objects)
}

/// Adds the global symbols `obj` defines to `defined`, and the undefined strong symbols its
/// loaded sections' relocations use to `wanted` (Go: `UndefinedRelocTargets`; an undefined
/// weak reference does not pull a member out of an archive, as in GNU ld).
fn note_symbols(obj: &Object, defined: &mut HashSet<String>, wanted: &mut VecDeque<String>) {
    for sym in &obj.symbols {
        if sym.bind != Bind::Local && sym.def != Def::Undefined {
            defined.insert(sym.name.clone());
        }
    }
    for sec in obj.sections.iter().filter(|s| s.out.is_some()) {
        for r in &sec.relocs {
            let sym = &obj.symbols[r.symbol];
            if sym.bind == Bind::Global && sym.def == Def::Undefined && !defined.contains(&sym.name)
            {
                wanted.push_back(sym.name.clone());
            }
        }
    }
}

/// `bytes` as a string, any invalid UTF-8 replaced. Names are valid UTF-8 but for a damaged
/// object: that case first, as from_utf8_lossy's general path cost a link more than the
/// copy (callgrind).
fn lossy(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// Reads one ELF object; `name` is used in messages. With the object's `summary`
/// ([`crate::summary`]) its line files and its functions' pc-value tables are decoded from
/// that instead of derived from its DWARF and code, unless the summary is not one of this
/// object.
pub fn read_object(name: &str, bytes: &Bytes, summary: Option<&[u8]>) -> Result<Object> {
    let data = &bytes[..];
    let header_err = |e: object::read::Error| LinkError::malformed(name, "ELF header", e);
    let header = elf::FileHeader64::<Endianness>::parse(data).map_err(header_err)?;
    let endian = header.endian().map_err(header_err)?;
    if endian != Endianness::Little {
        return Err(LinkError::malformed(
            name,
            "ELF header",
            "not a little-endian object (ELFDATA2LSB)",
        ));
    }
    if header.e_type(endian) != elf::ET_REL {
        return Err(LinkError::malformed(
            name,
            "ELF header",
            "not a relocatable object (ET_REL)",
        ));
    }
    if header.e_machine(endian) != elf::EM_X86_64 {
        return Err(LinkError::malformed(
            name,
            "ELF header",
            "not an x86-64 object (EM_X86_64)",
        ));
    }
    let table = header
        .sections(endian, data)
        .map_err(|e| LinkError::malformed(name, "section headers", e))?;
    let file_size = data.len() as u64;

    // Sections. `extents`: (start, end, index) of each section's bytes in the file.
    let mut sections = Vec::with_capacity(table.len());
    let mut extents: Vec<(u64, u64, usize)> = Vec::new();
    for (index, sh) in table.enumerate() {
        let sname = lossy(table.section_name(endian, sh).map_err(|e| {
            LinkError::malformed(name, "section headers", format!("section {}: {e}", index.0))
        })?);
        let bad = |what: String| LinkError::malformed(name, &sname, what);
        let sh_type = sh.sh_type(endian);
        let flags = sh.sh_flags(endian);
        let size = sh.sh_size(endian);
        let nobits = sh_type == elf::SHT_NOBITS;
        if index.0 == 0 {
            sections.push(Section::null());
            continue;
        }
        if !nobits && size > 0 {
            let start = sh.sh_offset(endian);
            let end = start
                .checked_add(size)
                .filter(|&end| end <= file_size)
                .ok_or_else(|| {
                    bad(format!(
                        "contents at offset {start:#x}, {size:#x} bytes, lie outside the file ({file_size:#x} bytes)"
                    ))
                })?;
            extents.push((start, end, index.0));
        }
        let debug = sname.starts_with(".debug_");
        let out = match map_input_section(&sname, sh_type, flags) {
            Mapping::Keep(out) => Some(out),
            Mapping::Drop => None,
            Mapping::Reject(why) => {
                return Err(LinkError::new(
                    ErrorKind::UnsupportedSection,
                    format!("{name}: section {}: {why}", printable(&sname)),
                ))
            }
        };
        let align = sh.sh_addralign(endian).max(1);
        if (out.is_some() || debug) && (!align.is_power_of_two() || align > MAX_ALIGN) {
            return Err(bad(format!(
                "alignment {align} is not a power of two up to {MAX_ALIGN}"
            )));
        }
        if out.is_some() && size > CUTOFF {
            return Err(LinkError::new(
                ErrorKind::Layout,
                format!(
                    "{name}: section {} is too large: {size} bytes, over {CUTOFF}",
                    short(&sname)
                ),
            ));
        }
        if debug && flags & u64::from(elf::SHF_COMPRESSED) != 0 {
            return Err(LinkError::new(
                ErrorKind::UnsupportedSection,
                format!(
                    "{name}: section {}: compressed debug sections are not supported",
                    short(&sname)
                ),
            ));
        }
        // The compiler's statements of its variables' pointer words and of its inlined calls
        // are read too (not loaded; crate::gcmaps turns the first into runtime.gcdata and
        // runtime.gcbss, crate::pclntab the second into inline trees).
        let keep = out.is_some()
            || debug
            || sname == crate::gcmaps::PTRMASK_SECTION
            || sname == crate::inltree::INLINE_SECTION
            || sname == crate::inltree::ARGS_SECTION;
        let contents = if keep && !nobits {
            let part = sh.data(endian, data).map_err(|e| bad(e.to_string()))?;
            bytes.slice_of(part).unwrap_or_default()
        } else {
            Bytes::default()
        };
        sections.push(Section {
            name: sname,
            out,
            debug,
            // A debug section the file does not back (NOBITS) has nothing to read or relink.
            size: if debug { contents.len() as u64 } else { size },
            data: contents,
            nobits,
            align,
            relocs: Relocs::default(),
        });
    }
    extents.sort_unstable();
    for pair in extents.windows(2) {
        let ((_, end, a), (start, _, b)) = (pair[0], pair[1]);
        if start < end {
            return Err(LinkError::malformed(
                name,
                &sections[b].name,
                format!(
                    "contents at offset {start:#x} overlap section {} (which ends at {end:#x})",
                    printable(&sections[a].name)
                ),
            ));
        }
    }
    let elf_sections = sections.len();

    // Symbols.
    let symtab = table
        .symbols(endian, data, elf::SHT_SYMTAB)
        .map_err(|e| LinkError::malformed(name, ".symtab", e))?;
    let symtab_name = match sections.get(symtab.section().0) {
        Some(s) if symtab.section().0 != 0 => s.name.clone(),
        _ => ".symtab".to_string(),
    };
    let bad_sym = |what: String| LinkError::malformed(name, &symtab_name, what);
    let name_budget = file_size.saturating_mul(NAME_BYTES_PER_BYTE);
    let mut name_bytes = 0u64;
    let mut symbols = Vec::with_capacity(symtab.len());
    for (index, sym) in symtab.enumerate() {
        let raw = symtab
            .symbol_name(endian, sym)
            .map_err(|e| bad_sym(format!("symbol {}: {e}", index.0)))?;
        name_bytes += raw.len() as u64;
        if name_bytes > name_budget {
            return Err(bad_sym(format!(
                "symbol names total more than {name_budget} bytes, {NAME_BYTES_PER_BYTE} times the object's size"
            )));
        }
        let sname = lossy(raw);
        let bind = match sym.st_bind() {
            elf::STB_LOCAL => Bind::Local,
            elf::STB_GLOBAL | elf::STB_GNU_UNIQUE => Bind::Global,
            elf::STB_WEAK => Bind::Weak,
            other => {
                return Err(bad_sym(format!(
                    "symbol {:?}: unknown binding {other}",
                    short(&sname)
                )))
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
                return Err(bad_sym(format!(
                    "common symbol {:?}: alignment {align} is not a power of two up to {MAX_ALIGN}",
                    short(&sname)
                )));
            }
            if size > CUTOFF {
                return Err(LinkError::new(
                    ErrorKind::Layout,
                    format!(
                        "{name}: common symbol {:?} is too large: {size} bytes, over {CUTOFF}",
                        short(&sname)
                    ),
                ));
            }
            sections.push(Section {
                name: "COMMON".to_string(),
                out: Some(crate::layout::out_id(".bss")),
                debug: false,
                data: Bytes::default(),
                size,
                nobits: true,
                align,
                relocs: Relocs::default(),
            });
            Def::Section {
                section: sections.len() - 1,
                value: 0,
            }
        } else {
            let section = symtab
                .symbol_section(endian, sym, index)
                .map_err(|e| bad_sym(format!("symbol {:?}: {e}", short(&sname))))?
                .map(|s| s.0)
                .filter(|&s| s < elf_sections)
                .ok_or_else(|| {
                    bad_sym(format!(
                        "symbol {:?}: bad section index {shndx}",
                        short(&sname)
                    ))
                })?;
            let sec = &sections[section];
            if (sec.out.is_some() || sec.debug)
                && value.checked_add(size).is_none_or(|end| end > sec.size)
            {
                return Err(bad_sym(format!(
                    "symbol {:?} at {value:#x}, {size} bytes, does not fit in section {} ({} bytes)",
                    short(&sname),
                    printable(&sec.name),
                    sec.size
                )));
            }
            if sec.out.is_some() {
                Def::Section { section, value }
            } else {
                Def::Dropped { section, value }
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
        symbols.push(Symbol::null());
    }

    // Relocations, attached to the section they patch (kept and debug sections only).
    for (index, sh) in table.enumerate() {
        let rname = sections[index.0].name.clone();
        let bad = |what: String| LinkError::malformed(name, &rname, what);
        // The table as a view of the object's bytes (object checked that it lies inside).
        let table = |part: &[u8], rela: bool| {
            let bytes =
                (bytes.slice_of(part)).ok_or_else(|| bad("lies outside the object".to_string()))?;
            Ok::<_, LinkError>(RelocTable { bytes, rela })
        };
        let (table, link) = if let Some((relas, link)) =
            sh.rela(endian, data).map_err(|e| bad(e.to_string()))?
        {
            (table(pod::bytes_of_slice(relas), true)?, link)
        } else if let Some((rels, link)) = sh.rel(endian, data).map_err(|e| bad(e.to_string()))? {
            (table(pod::bytes_of_slice(rels), false)?, link)
        } else {
            continue;
        };
        let target = sh.sh_info(endian) as usize;
        if target == 0 || target >= elf_sections {
            return Err(bad(format!(
                "patches section {target}, which does not exist"
            )));
        }
        let t = &sections[target];
        if t.out.is_none() && !t.debug {
            continue;
        }
        if link != symtab.section() {
            return Err(bad(format!(
                "uses section {} as its symbol table, which is not the symbol table",
                link.0
            )));
        }
        if t.nobits && !table.bytes.is_empty() {
            return Err(bad(format!(
                "relocates section {}, which has no contents (NOBITS)",
                printable(&t.name)
            )));
        }
        for (i, r) in table.entries().enumerate() {
            if r.offset >= t.size {
                return Err(bad(format!(
                    "relocation {i} at {:#x} is outside section {} ({} bytes)",
                    r.offset,
                    printable(&t.name),
                    t.size
                )));
            }
            if r.symbol >= symbols.len() {
                return Err(bad(format!(
                    "relocation {i} at {}+{:#x} uses symbol index {} (only {} symbols)",
                    printable(&t.name),
                    r.offset,
                    r.symbol,
                    symbols.len()
                )));
            }
        }
        sections[target].relocs.tables.push(table);
    }

    let mut object = Object {
        name: name.to_string(),
        sections,
        symbols,
        line_files: Vec::new(),
        pc_values: Default::default(),
        funcs: Default::default(),
    };
    match summary.and_then(|s| crate::summary::decode(s, &object, data.len())) {
        Some((files, pc_values)) => {
            object.line_files = files;
            object.pc_values = pc_values;
        }
        None => {
            let lines = crate::lines::read_lines(&object)?;
            object.pc_values = crate::pcvalues::derive(&object, &lines);
            object.line_files = lines.files;
        }
    }
    object.funcs = crate::funcinfo::derive(&object)?;
    Ok(object)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A RELA table and a REL table for one section: walked in table order, each entry as
    /// its ELF record says (r_info: symbol high, type low; REL has no addend).
    #[test]
    fn relocs_walk_rela_then_rel_records() {
        let mut rela = Vec::new();
        for (offset, sym, ty, addend) in [(0x10u64, 3u64, 2u64, -4i64), (0x20, 7, 1, 8)] {
            rela.extend(offset.to_le_bytes());
            rela.extend(((sym << 32) | ty).to_le_bytes());
            rela.extend(addend.to_le_bytes());
        }
        let mut rel = Vec::new();
        rel.extend(0x30u64.to_le_bytes());
        rel.extend(((5u64 << 32) | 10).to_le_bytes());
        let relocs = Relocs {
            tables: vec![
                RelocTable {
                    bytes: rela.into(),
                    rela: true,
                },
                RelocTable {
                    bytes: rel.into(),
                    rela: false,
                },
            ],
        };
        let got: Vec<(u64, u32, usize, Option<i64>)> = (&relocs)
            .into_iter()
            .map(|r| (r.offset, r.r_type, r.symbol, r.addend))
            .collect();
        assert_eq!(
            got,
            vec![
                (0x10, 2, 3, Some(-4)),
                (0x20, 1, 7, Some(8)),
                (0x30, 10, 5, None)
            ]
        );
        assert!(!relocs.is_empty());
        assert!(Relocs::default().is_empty());
    }
}
