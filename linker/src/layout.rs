//! Pass 4, `layout_sections`: the output's one ordered section list, [`SECTIONS`], and the
//! placement of every input section and every output section and segment.
//!
//! Everything about the output's shape is derived from [`SECTIONS`]: which segment a section is
//! in and in what order (ld/data.go `(*Link).address` places Segtext, Segrodata, Segdata, each
//! on a new page), section header order, flags, alignment, where the bytes come from, and the
//! boundary symbols the linker defines (`runtime.text`, `runtime.etext`, ...; ld/data.go
//! `(*Link).address` `xdefine` calls). The layout is Go's for a static linux/amd64 executable
//! (see /work/shared/docs/go-binary-layout.md §1): ET_EXEC, base 0x400000, the text PT_LOAD
//! starting at file offset 0 so it covers the ELF and program headers, `.note.go.buildid` at
//! the end of that first 4 KiB page (ld/elf.go `elfwritegobuildid`, allocated backwards from
//! ELFRESERVE), `.text` at 0x401000 (amd64/obj.go `archinit`: `-T` = 1<<22 + HEADR), then the
//! rodata and data segments each on a fresh page. File offset = address − 0x400000 for every
//! loaded byte, so every segment's offset is congruent to its address modulo the page size.
//! Inside an output section, input sections keep input order (object order, then section
//! order) and their own alignment.

use object::elf;

use crate::error::{ErrorKind, LinkError, Result};
use crate::pclntab::PcTables;
use crate::read::{Def, Object, CUTOFF};
use crate::resolve::{SymId, Target};
use crate::synth;
use crate::Options;

/// The image base: the text segment, with the headers, starts here (ld/elf.go asmbElf pulls
/// the first PT_LOAD down to include the file header).
pub const BASE: u64 = 0x40_0000;
/// Segment rounding (`-R`, amd64/obj.go archinit) and the header page size (ELFRESERVE).
pub const PAGE: u64 = 0x1000;
/// Where `.text` starts: BASE + HEADR.
pub const TEXT_START: u64 = BASE + PAGE;
/// Number of program headers: PHDR, NOTE, LOAD×3, GNU_STACK.
pub const NUM_PHDRS: u64 = 6;

/// The loadable segments, in address order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment {
    /// R+X: headers, `.note.go.buildid`, `.text`.
    Text,
    /// R: read-only data and Go's tables.
    Rodata,
    /// RW: build info and variables.
    Data,
}

/// The segments in address order, with their PF_* flags.
pub const SEGMENTS: [(Segment, u32); 3] = [
    (Segment::Text, elf::PF_R | elf::PF_X),
    (Segment::Rodata, elf::PF_R),
    (Segment::Data, elf::PF_R | elf::PF_W),
];

/// Where an output section's bytes come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contents {
    /// Input sections mapped here by [`map_input_section`].
    Inputs,
    /// Nothing (`.gosymtab`, empty since Go 1.3, debug/gosym/symtab.go NewTable).
    Empty,
    /// The Go 1.18 pc-line table ([`crate::pclntab`]).
    Pclntab,
    /// The Go 1.18 inline build-info blob ([`crate::buildinfo`]).
    BuildInfo,
    /// The Go build-ID ELF note ([`crate::buildinfo`]).
    BuildIdNote,
}

/// One output section.
#[derive(Debug)]
pub struct SectionSpec {
    pub name: &'static str,
    pub segment: Segment,
    /// Placed at the end of the header page rather than after the previous section.
    pub header_page: bool,
    pub sh_type: u32,
    pub sh_flags: u32,
    /// Minimum alignment (Go's maxAlign 32, amd64/l.go, except where Go uses less).
    pub align: u64,
    pub contents: Contents,
    /// Linker symbols at the section's start and end.
    pub start_symbols: &'static [&'static str],
    pub end_symbols: &'static [&'static str],
}

/// An index into [`SECTIONS`]; also the output section header index minus one.
pub type OutId = usize;

const A: u32 = elf::SHF_ALLOC;
const AX: u32 = elf::SHF_ALLOC | elf::SHF_EXECINSTR;
const WA: u32 = elf::SHF_ALLOC | elf::SHF_WRITE;

/// The symbol Go's linker gives the build-info blob (ld/data.go `(*Link).buildinfo`); unlike
/// the other boundary symbols it is a GLOBAL OBJECT with the blob's size.
pub const BUILDINFO_SYMBOL: &str = "go.buildinfo";

/// The output sections, in section-header order (as Go: `.text` is section 1, the build-ID
/// note's header comes after the data sections, ld/elf.go asmbElf); addresses follow
/// [`SEGMENTS`] order, then this order within each segment.
pub const SECTIONS: &[SectionSpec] = &[
    SectionSpec {
        name: ".text",
        segment: Segment::Text,
        header_page: false,
        sh_type: elf::SHT_PROGBITS,
        sh_flags: AX,
        align: 32,
        contents: Contents::Inputs,
        start_symbols: &["runtime.text"],
        end_symbols: &["runtime.etext"],
    },
    SectionSpec {
        name: ".rodata",
        segment: Segment::Rodata,
        header_page: false,
        sh_type: elf::SHT_PROGBITS,
        sh_flags: A,
        align: 32,
        contents: Contents::Inputs,
        // Go's type descriptors sit at the start of .rodata; without type information the
        // whole section is the types range (runtime.types/etypes bound resolveTypeOff).
        start_symbols: &["runtime.rodata", "runtime.types"],
        end_symbols: &["runtime.erodata", "runtime.etypes"],
    },
    SectionSpec {
        name: ".typelink",
        segment: Segment::Rodata,
        header_page: false,
        sh_type: elf::SHT_PROGBITS,
        sh_flags: A,
        align: 32,
        contents: Contents::Inputs,
        start_symbols: &["runtime.typelink"],
        end_symbols: &["runtime.etypelink"],
    },
    SectionSpec {
        name: ".itablink",
        segment: Segment::Rodata,
        header_page: false,
        sh_type: elf::SHT_PROGBITS,
        sh_flags: A,
        align: 32,
        contents: Contents::Inputs,
        start_symbols: &["runtime.itablink"],
        end_symbols: &["runtime.eitablink"],
    },
    SectionSpec {
        name: ".gosymtab",
        segment: Segment::Rodata,
        header_page: false,
        sh_type: elf::SHT_PROGBITS,
        sh_flags: A,
        align: 1,
        contents: Contents::Empty,
        start_symbols: &["runtime.symtab"],
        end_symbols: &["runtime.esymtab"],
    },
    SectionSpec {
        name: ".gopclntab",
        segment: Segment::Rodata,
        header_page: false,
        sh_type: elf::SHT_PROGBITS,
        sh_flags: A,
        align: 32,
        contents: Contents::Pclntab,
        start_symbols: &["runtime.pclntab", "runtime.pcheader"],
        end_symbols: &["runtime.epclntab"],
    },
    SectionSpec {
        name: ".go.buildinfo",
        segment: Segment::Data,
        header_page: false,
        sh_type: elf::SHT_PROGBITS,
        sh_flags: WA,
        align: 16,
        contents: Contents::BuildInfo,
        start_symbols: &[BUILDINFO_SYMBOL],
        end_symbols: &[],
    },
    SectionSpec {
        name: ".noptrdata",
        segment: Segment::Data,
        header_page: false,
        sh_type: elf::SHT_PROGBITS,
        sh_flags: WA,
        align: 32,
        contents: Contents::Inputs,
        start_symbols: &["runtime.noptrdata"],
        end_symbols: &["runtime.enoptrdata"],
    },
    SectionSpec {
        name: ".data",
        segment: Segment::Data,
        header_page: false,
        sh_type: elf::SHT_PROGBITS,
        sh_flags: WA,
        align: 32,
        contents: Contents::Inputs,
        start_symbols: &["runtime.data"],
        end_symbols: &["runtime.edata"],
    },
    SectionSpec {
        name: ".bss",
        segment: Segment::Data,
        header_page: false,
        sh_type: elf::SHT_NOBITS,
        sh_flags: WA,
        align: 32,
        contents: Contents::Inputs,
        start_symbols: &["runtime.bss"],
        end_symbols: &["runtime.ebss"],
    },
    SectionSpec {
        name: ".noptrbss",
        segment: Segment::Data,
        header_page: false,
        sh_type: elf::SHT_NOBITS,
        sh_flags: WA,
        align: 32,
        contents: Contents::Inputs,
        start_symbols: &["runtime.noptrbss"],
        // runtime.end is the end of the data segment (ld/data.go: Segdata.Vaddr+Length).
        end_symbols: &["runtime.enoptrbss", "runtime.end"],
    },
    SectionSpec {
        name: ".note.go.buildid",
        segment: Segment::Text,
        header_page: true,
        sh_type: elf::SHT_NOTE,
        sh_flags: A,
        align: 4,
        contents: Contents::BuildIdNote,
        start_symbols: &[],
        end_symbols: &[],
    },
];

/// The [`OutId`] of the output section called `name`. Only for names in [`SECTIONS`].
pub fn out_id(name: &str) -> OutId {
    SECTIONS
        .iter()
        .position(|s| s.name == name)
        .unwrap_or_else(|| unreachable!("{name} is not in SECTIONS"))
}

/// Every linker-defined symbol name.
pub fn linker_symbol_names() -> impl Iterator<Item = &'static str> {
    SECTIONS
        .iter()
        .flat_map(|s| s.start_symbols.iter().chain(s.end_symbols.iter()).copied())
}

/// What to do with an input section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mapping {
    Keep(OutId),
    Drop,
    /// An error, with the reason.
    Reject(&'static str),
}

/// The input-to-output section table (DESIGN.md "Object files"). Names first; then, for
/// SHF_ALLOC sections with other names, a mapping by flags (executable → `.text`, writable
/// NOBITS → `.bss`, writable → `.data`, otherwise `.rodata`), except for sections whose meaning
/// a static Go binary cannot honour (TLS, constructor arrays), which are errors. Non-ALLOC
/// sections (debug info, comments, symbol and relocation tables) are dropped.
///
/// A section the file does not back (`SHT_NOBITS`) holds zeros, and goes to the zero-filled
/// output of its kind: `.bss` for `.data` or `.bss`, `.noptrbss` for `.noptrdata` or
/// `.noptrbss` (the same memory, writable, with or without pointers; GNU ld would write the
/// zeros into `.data` instead, which would let a few bytes of input ask for gigabytes of
/// output). In code or read-only data it is an error.
pub fn map_input_section(name: &str, sh_type: u32, sh_flags: u64) -> Mapping {
    let mapping = map_by_name_or_flags(name, sh_type, sh_flags);
    match mapping {
        Mapping::Keep(out) if sh_type == elf::SHT_NOBITS => match SECTIONS[out].name {
            ".data" | ".bss" => Mapping::Keep(out_id(".bss")),
            ".noptrdata" | ".noptrbss" => Mapping::Keep(out_id(".noptrbss")),
            _ => Mapping::Reject("a NOBITS section cannot hold code or read-only data"),
        },
        other => other,
    }
}

fn map_by_name_or_flags(name: &str, sh_type: u32, sh_flags: u64) -> Mapping {
    // `prefix` itself or `prefix.anything` (`.text.runtime.main`, as -ffunction-sections
    // names them); without building `prefix.` each time (three in four of a link's calls).
    let is = |prefix: &str| {
        name.strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
    };
    match name {
        _ if is(".text") => return Mapping::Keep(out_id(".text")),
        _ if is(".rodata") => return Mapping::Keep(out_id(".rodata")),
        // Read-only data with relocations (Cranelift's type descriptors and itabs): in a
        // static executable every relocation is applied at link time, so it is read-only
        // data, and Go's type descriptors belong between runtime.types and runtime.etypes.
        _ if is(".data.rel.ro") => return Mapping::Keep(out_id(".rodata")),
        ".typelink" | ".itablink" | ".noptrdata" | ".noptrbss" => {
            return Mapping::Keep(out_id(name))
        }
        _ if is(".data") => return Mapping::Keep(out_id(".data")),
        _ if is(".bss") => return Mapping::Keep(out_id(".bss")),
        ".note.GNU-stack" | ".eh_frame" | ".comment" => return Mapping::Drop,
        _ if name.starts_with(".note") || name.starts_with(".debug") => return Mapping::Drop,
        ".gopclntab" | ".gosymtab" | ".go.buildinfo" => {
            return Mapping::Reject("this section is generated by the linker")
        }
        ".init_array" | ".fini_array" | ".preinit_array" | ".ctors" | ".dtors" => {
            return Mapping::Reject("constructors/destructors are not supported in a Go binary")
        }
        _ => {}
    }
    let flags = sh_flags as u32;
    if flags & elf::SHF_ALLOC == 0 || sh_type == elf::SHT_GROUP {
        return Mapping::Drop;
    }
    if flags & elf::SHF_TLS != 0 {
        return Mapping::Reject("thread-local sections are not supported (Go uses -8(FS))");
    }
    let out = if flags & elf::SHF_EXECINSTR != 0 {
        ".text"
    } else if flags & elf::SHF_WRITE != 0 && sh_type == elf::SHT_NOBITS {
        ".bss"
    } else if flags & elf::SHF_WRITE != 0 {
        ".data"
    } else {
        ".rodata"
    };
    Mapping::Keep(out_id(out))
}

/// A placed output section.
#[derive(Debug, Clone)]
pub struct OutSection {
    pub addr: u64,
    /// File offset (for NOBITS: where it would be, as Go writes it).
    pub offset: u64,
    pub size: u64,
    pub align: u64,
    /// Contents (empty for NOBITS; filled in by synthesize_tables for synthesized sections).
    pub data: Vec<u8>,
}

/// A placed PT_LOAD segment.
#[derive(Debug, Clone)]
pub struct SegmentLayout {
    pub flags: u32,
    pub vaddr: u64,
    pub offset: u64,
    pub filesz: u64,
    pub memsz: u64,
}

/// The result of [`layout_sections`].
#[derive(Debug)]
pub struct Layout {
    /// Parallel to [`SECTIONS`].
    pub sections: Vec<OutSection>,
    /// `input_addr[obj][section]`: where an input section landed (None: not kept).
    pub input_addr: Vec<Vec<Option<u64>>>,
    /// The loadable segments, parallel to [`SEGMENTS`].
    pub segments: Vec<SegmentLayout>,
    /// Size of the file's loaded part (where non-loaded data may start).
    pub file_end: u64,
}

impl Layout {
    /// The layout without the sections' contents: every address, size and offset, for the
    /// work of a link that needs those alone (lib.rs runs it beside the work that fills the
    /// contents).
    pub fn places(&self) -> Layout {
        Layout {
            sections: self
                .sections
                .iter()
                .map(|s| OutSection {
                    data: Vec::new(),
                    ..*s
                })
                .collect(),
            input_addr: self.input_addr.clone(),
            segments: self.segments.clone(),
            file_end: self.file_end,
        }
    }

    /// The address of an input symbol's definition (0 for one that has none).
    pub fn def_address(&self, objects: &[Object], (oi, si): SymId) -> u64 {
        match objects[oi].symbols[si].def {
            Def::Section { section, value } => self.input_addr[oi][section]
                .unwrap_or(0)
                .wrapping_add(value),
            Def::Absolute(v) => v,
            Def::Undefined | Def::Dropped { .. } => 0,
        }
    }

    /// The address a resolved reference stands for (None: undefined or dropped).
    pub fn target_address(&self, objects: &[Object], target: Target) -> Option<u64> {
        match target {
            Target::Defined(id) => Some(self.def_address(objects, id)),
            Target::Linker(name) => self.linker_symbol(name).map(|(a, _)| a),
            Target::Zero => Some(0),
            Target::Undefined | Target::Dropped(_) => None,
        }
    }

    /// The address of a linker-defined symbol, and the section it belongs to.
    pub fn linker_symbol(&self, name: &str) -> Option<(u64, OutId)> {
        SECTIONS.iter().enumerate().find_map(|(i, s)| {
            let sec = &self.sections[i];
            if s.start_symbols.contains(&name) {
                Some((sec.addr, i))
            } else if s.end_symbols.contains(&name) {
                Some((sec.addr + sec.size, i))
            } else {
                None
            }
        })
    }
}

/// `len` bytes of `fill`, or an error naming `what` if memory for them cannot be had (sizes come
/// from the inputs; they are bounded by [`CUTOFF`], but that may still be more than there is).
pub(crate) fn filled(len: u64, fill: u8, what: &str) -> Result<Vec<u8>> {
    let mut v = Vec::new();
    usize::try_from(len)
        .ok()
        .and_then(|n| v.try_reserve_exact(n).ok())
        .ok_or_else(|| {
            LinkError::new(
                ErrorKind::Layout,
                format!("cannot allocate memory for {what}: {len} bytes"),
            )
        })?;
    v.resize(len as usize, fill);
    Ok(v)
}

fn round_up(x: u64, align: u64) -> u64 {
    x.div_ceil(align) * align
}

/// Pass 4: place everything.
pub fn layout_sections(objects: &[Object], pc: &PcTables, opts: &Options) -> Result<Layout> {
    let overflow = || LinkError::new(ErrorKind::Layout, "output too large to lay out");

    // Input sections in each output section: offsets relative to the output section.
    let mut rel: Vec<Vec<Option<u64>>> = objects
        .iter()
        .map(|o| vec![None; o.sections.len()])
        .collect();
    let mut sizes = vec![0u64; SECTIONS.len()];
    let mut aligns: Vec<u64> = SECTIONS.iter().map(|s| s.align).collect();
    for (out, spec) in SECTIONS.iter().enumerate() {
        match spec.contents {
            Contents::Inputs => {
                for (oi, obj) in objects.iter().enumerate() {
                    for (si, sec) in obj.sections.iter().enumerate() {
                        if sec.out != Some(out) {
                            continue;
                        }
                        let at = round_up(sizes[out], sec.align);
                        rel[oi][si] = Some(at);
                        sizes[out] = at.checked_add(sec.size).ok_or_else(overflow)?;
                        aligns[out] = aligns[out].max(sec.align);
                    }
                }
            }
            other => sizes[out] = synth::planned_size(other, pc, opts),
        }
    }

    // Go's limit on a section (ld/data.go `checkdatsize`: "too much data").
    for (out, spec) in SECTIONS.iter().enumerate() {
        if sizes[out] > CUTOFF {
            return Err(LinkError::new(
                ErrorKind::Layout,
                format!(
                    "too much data in {}: {} bytes, over {CUTOFF}",
                    spec.name, sizes[out]
                ),
            ));
        }
    }

    // Addresses, segment by segment.
    let mut addrs = vec![0u64; SECTIONS.len()];
    let mut segments = Vec::new();
    let mut next = TEXT_START;
    for (segment, flags) in SEGMENTS {
        let start = if segment == Segment::Text {
            BASE
        } else {
            round_up(next, PAGE)
        };
        next = next.max(start);
        let mut file_end = start;
        for (out, spec) in SECTIONS.iter().enumerate() {
            if spec.segment != segment || spec.header_page {
                continue;
            }
            next = round_up(next, aligns[out]);
            addrs[out] = next;
            next = next.checked_add(sizes[out]).ok_or_else(overflow)?;
            if spec.sh_type != elf::SHT_NOBITS {
                file_end = next;
            }
        }
        segments.push(SegmentLayout {
            flags,
            vaddr: start,
            offset: start - BASE,
            filesz: file_end - start,
            memsz: next - start,
        });
    }
    if next > u64::from(u32::MAX) {
        // Go's small code model: everything must be addressable with 32-bit absolute
        // relocations.
        return Err(LinkError::new(
            ErrorKind::Layout,
            format!("output is too large: it ends at {next:#x}, past 4 GiB"),
        ));
    }

    // Header-page sections, backwards from the end of the first page (ld/elf.go elfnote).
    let headers_end = 64 + NUM_PHDRS * 56;
    let mut top = BASE + PAGE;
    for (out, spec) in SECTIONS.iter().enumerate().rev() {
        if !spec.header_page {
            continue;
        }
        let size = sizes[out];
        let addr = (top.saturating_sub(size)) & !(aligns[out] - 1);
        if size > PAGE || addr < BASE + headers_end {
            return Err(LinkError::new(
                ErrorKind::Layout,
                format!(
                    "{} is {size} bytes and does not fit in the first page after the headers (build ID too long?)",
                    spec.name
                ),
            ));
        }
        addrs[out] = addr;
        top = addr;
    }

    // Contents of input-fed sections.
    let mut sections = Vec::with_capacity(SECTIONS.len());
    for (out, spec) in SECTIONS.iter().enumerate() {
        let nobits = spec.sh_type == elf::SHT_NOBITS;
        let fill = if out == out_id(".text") { 0xCC } else { 0 };
        let mut data = if nobits || spec.contents != Contents::Inputs {
            Vec::new()
        } else {
            filled(sizes[out], fill, spec.name)?
        };
        if spec.contents == Contents::Inputs {
            for (oi, obj) in objects.iter().enumerate() {
                for (si, sec) in obj.sections.iter().enumerate() {
                    let Some(at) = rel[oi][si] else { continue };
                    if sec.out != Some(out) {
                        continue;
                    }
                    if nobits {
                        if sec.data.iter().any(|&b| b != 0) {
                            return Err(LinkError::new(
                                ErrorKind::UnsupportedSection,
                                format!(
                                    "{}: section {} has non-zero contents but maps to {} (NOBITS)",
                                    obj.name, sec.name, spec.name
                                ),
                            ));
                        }
                        continue;
                    }
                    // map_input_section sends NOBITS inputs to NOBITS outputs only, so an
                    // input here has its bytes (its size is theirs).
                    let at = at as usize;
                    data[at..at + sec.data.len()].copy_from_slice(&sec.data);
                }
            }
        }
        sections.push(OutSection {
            addr: addrs[out],
            offset: addrs[out] - BASE,
            size: sizes[out],
            align: aligns[out],
            data,
        });
    }

    let input_addr = rel
        .iter()
        .enumerate()
        .map(|(oi, secs)| {
            secs.iter()
                .enumerate()
                .map(|(si, r)| {
                    r.map(|r| {
                        let out = objects[oi].sections[si].out.unwrap_or_default();
                        sections[out].addr + r
                    })
                })
                .collect()
        })
        .collect();

    let file_end = segments
        .iter()
        .map(|s| s.offset + s.filesz)
        .max()
        .unwrap_or(PAGE);
    Ok(Layout {
        sections,
        input_addr,
        segments,
        file_end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const AX64: u64 = (elf::SHF_ALLOC | elf::SHF_EXECINSTR) as u64;
    const WA64: u64 = (elf::SHF_ALLOC | elf::SHF_WRITE) as u64;
    const A64: u64 = elf::SHF_ALLOC as u64;

    #[test]
    fn input_section_table() {
        let keep = |n: &str, t, f| match map_input_section(n, t, f) {
            Mapping::Keep(o) => SECTIONS[o].name,
            other => panic!("{n}: {other:?}"),
        };
        assert_eq!(keep(".text", elf::SHT_PROGBITS, AX64), ".text");
        assert_eq!(keep(".text.main.main", elf::SHT_PROGBITS, AX64), ".text");
        assert_eq!(keep(".rodata.str1.1", elf::SHT_PROGBITS, A64), ".rodata");
        assert_eq!(keep(".data.rel.local", elf::SHT_PROGBITS, WA64), ".data");
        assert_eq!(keep(".bss.x", elf::SHT_NOBITS, WA64), ".bss");
        for n in [".typelink", ".itablink", ".noptrdata", ".noptrbss"] {
            assert_eq!(keep(n, elf::SHT_PROGBITS, WA64), n);
        }
        // By flags.
        assert_eq!(keep("my_code", elf::SHT_PROGBITS, AX64), ".text");
        assert_eq!(keep("my_vars", elf::SHT_NOBITS, WA64), ".bss");
        assert_eq!(keep("my_tab", elf::SHT_PROGBITS, WA64), ".data");
        assert_eq!(keep("my_ro", elf::SHT_PROGBITS, A64), ".rodata");
        for n in [
            ".note.GNU-stack",
            ".eh_frame",
            ".comment",
            ".note.gnu.property",
            ".debug_info",
        ] {
            assert_eq!(
                map_input_section(n, elf::SHT_PROGBITS, A64),
                Mapping::Drop,
                "{n}"
            );
        }
        assert_eq!(
            map_input_section("misc", elf::SHT_PROGBITS, 0),
            Mapping::Drop
        );
        assert!(matches!(
            map_input_section(".init_array", elf::SHT_INIT_ARRAY, WA64),
            Mapping::Reject(_)
        ));
        assert!(matches!(
            map_input_section(".tdata", elf::SHT_PROGBITS, WA64 | u64::from(elf::SHF_TLS)),
            Mapping::Reject(_)
        ));
        assert!(matches!(
            map_input_section(".gopclntab", elf::SHT_PROGBITS, A64),
            Mapping::Reject(_)
        ));
        // NOBITS: zero-filled outputs only.
        assert_eq!(keep(".data.z", elf::SHT_NOBITS, WA64), ".bss");
        assert_eq!(keep(".noptrdata", elf::SHT_NOBITS, WA64), ".noptrbss");
        assert!(matches!(
            map_input_section(".text", elf::SHT_NOBITS, AX64),
            Mapping::Reject(_)
        ));
        assert!(matches!(
            map_input_section("my_ro", elf::SHT_NOBITS, A64),
            Mapping::Reject(_)
        ));
    }

    #[test]
    fn linker_symbols_are_unique() {
        let names: Vec<&str> = linker_symbol_names().collect();
        let set: std::collections::BTreeSet<&str> = names.iter().copied().collect();
        assert_eq!(names.len(), set.len());
        for want in [
            "runtime.text",
            "runtime.etext",
            "runtime.pcheader",
            "runtime.end",
            "go.buildinfo",
        ] {
            assert!(set.contains(want), "{want}");
        }
    }
}
