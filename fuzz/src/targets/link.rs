//! Target `link`: ELF objects and `ar` archives through tbuild's linker, in process.
//!
//! The seeds are small programs tbuild itself compiled and assembled: each is a Go file
//! (compiled by the compile stage with no imports) and an assembly file (by the assembler)
//! holding the entry point and a stub for each runtime function the Go object calls, so that
//! a link takes a fraction of a millisecond rather than the tens of milliseconds a program
//! with the real runtime takes, and a mutation reaches every pass instead of stopping at an
//! undefined symbol. An input is one selector byte and one file:
//! - selector bits 0-3: which program; bits 4-5: what the file replaces: 0 its assembly
//!   object, 1 its Go object, 2 both (the file is an archive of them, made by this target in
//!   GNU format with a symbol index and a long-name table, plus a member nothing needs);
//!   bit 6: `-w`, bit 7: `-s`.
//!
//! The checks: the linker never panics, never hangs, and never reports an internal error; an
//! error about a malformed input names an input (`malformed object main.o: ...`,
//! `malformed archive lib.a: ...`, `malformed object lib.a(main.o): ...`); an output it
//! produces is an ELF executable whose entry point lies in an executable segment, and linking
//! the same inputs again gives the same bytes.
//!
//! The structure-aware edits know ELF and DWARF: a field of the ELF header, of a section
//! header (type, flags, offset, size, link, info, alignment, entry size), of a symbol (name,
//! info, section, value, size) or of a relocation (offset, type, symbol, addend) gets a
//! boundary value, a nearby value or one flipped bit; the length, version or offset fields at
//! the start of a DWARF unit, or a byte inside a debug section, change; in an archive, a
//! member header's size or an index entry changes.

use object::read::elf::{ElfFile64, ProgramHeader as _};
use object::{elf, Endianness, Object as _};
use tbuild_codegen::compile::{compile_package, CompileOptions, SourceFile};
use tbuild_linker::read::{read_object, Bind, Def};
use tbuild_linker::{link, ErrorKind, Input, Options};

use crate::{Outcome, Rng, Target};

/// The seed programs: Go sources with no imports.
const PROGRAMS: &[&str] = &[
    "package main

func f(x int) int { return x * 3 }

func main() {
\tvar a [4]int
\tfor i := range a {
\t\ta[i] = f(i)
\t}
\tif a[3] != 9 {
\t\tpanic(\"bad\")
\t}
}
",
    "package main

type shape interface{ area() int }

type rect struct{ w, h int }

func (r rect) area() int { return r.w * r.h }

type sq int

func (s *sq) area() int { return int(*s) * int(*s) }

var total int
var names = []string{\"a\", \"bb\", \"ccc\"}

func sum(xs []shape) int {
\tt := 0
\tfor _, x := range xs {
\t\tt += x.area()
\t}
\treturn t
}

func main() {
\ts := sq(3)
\ttotal = sum([]shape{rect{2, 3}, &s})
\tfor i, n := range names {
\t\ttotal += i * len(n)
\t}
\tif total != 23 {
\t\tprintln(\"bad\", total, names[0])
\t}
}
",
];

/// One seed program's files.
struct Program {
    asm: Input,
    go: Input,
    /// An object nothing in the program needs (a third archive member).
    extra: Input,
}

pub struct LinkTarget {
    programs: Vec<Program>,
    /// The seed inputs (see the module doc).
    seeds: Vec<Vec<u8>>,
}

fn assemble(pkg: &str, name: &str, src: &str) -> Input {
    let data = tbuild_codegen::asm::assemble_package(pkg, name, src, &|_| None)
        .unwrap_or_else(|e| panic!("assembling {name}: {}\n{src}", e[0]));
    Input {
        name: format!("{}.o", name.trim_end_matches(".s")),
        data: data.into(),
        summary: None,
    }
}

pub fn new() -> Box<dyn Target> {
    let none = |_: &str| None;
    let opts = CompileOptions::new("main", &none);
    let mut programs = Vec::new();
    for (i, src) in PROGRAMS.iter().enumerate() {
        let files = vec![SourceFile {
            name: format!("main{i}.go"),
            text: src.as_bytes().to_vec(),
        }];
        let go = compile_package(&files, &opts)
            .unwrap_or_else(|e| panic!("compiling seed program {i}: {}", e[0]))
            .object;
        // The entry point, and a stub for every global the Go object needs but lacks.
        let obj = read_object("main.o", &go.clone().into(), None).expect("the seed object reads");
        let mut defined = std::collections::HashSet::new();
        for s in &obj.symbols {
            if s.bind != Bind::Local && s.def != Def::Undefined {
                defined.insert(s.name.clone());
            }
        }
        let mut asm = String::from(
            "#include \"textflag.h\"\nTEXT _rt0_amd64_linux(SB),NOSPLIT,$0\n\tCALL\tmain·main(SB)\n\
             \tMOVL\t$0, DI\n\tMOVL\t$231, AX\n\tSYSCALL\n\tRET\n\
             DATA rt0·word+0(SB)/8, $main·main(SB)\nGLOBL rt0·word(SB), RODATA, $8\n\
             GLOBL rt0·zeros(SB), NOPTR, $64\n",
        );
        let mut stubbed = std::collections::BTreeSet::new();
        for s in &obj.symbols {
            if s.def == Def::Undefined && !s.name.is_empty() && !defined.contains(&s.name) {
                stubbed.insert(s.name.replace('.', "·"));
            }
        }
        for name in stubbed {
            asm.push_str(&format!("TEXT {name}(SB),NOSPLIT,$0\n\tINT\t$3\n"));
        }
        programs.push(Program {
            asm: assemble("rt0", "rt0.s", &asm),
            go: Input {
                name: "main.o".into(),
                data: go.into(),
                summary: None,
            },
            extra: assemble(
                "extra",
                "an_unused_member_with_a_long_name.s",
                "#include \"textflag.h\"\nTEXT extra·unused(SB),NOSPLIT,$0\n\tCALL extra·unused(SB)\n\tRET\n",
            ),
        });
    }
    let mut seeds = Vec::new();
    for (i, p) in programs.iter().enumerate() {
        let i = i as u8;
        let with = |sel: u8, data: &[u8]| {
            let mut v = vec![sel];
            v.extend_from_slice(data);
            v
        };
        seeds.push(with(i, &p.asm.data));
        seeds.push(with(i | 0x10, &p.go.data));
        seeds.push(with(i | 0x20, &archive(&[&p.asm, &p.extra, &p.go])));
        seeds.push(with(i | 0x50, &p.go.data));
        seeds.push(with(i | 0x90, &p.go.data));
    }
    Box::new(LinkTarget { programs, seeds })
}

/// A GNU-format archive of `members`: the `/` symbol index (every global each member
/// defines), the `//` long-name table, then the members.
pub fn archive(members: &[&Input]) -> Vec<u8> {
    fn header(name: &str, size: usize) -> Vec<u8> {
        format!("{name:<16}{:<12}{:<6}{:<6}{:<8}{size:<10}`\n", 0, 0, 0, 644).into_bytes()
    }
    let mut long = Vec::new();
    let names: Vec<String> = members
        .iter()
        .map(|m| {
            if m.name.len() < 16 {
                format!("{}/", m.name)
            } else {
                let at = long.len();
                long.extend_from_slice(format!("{}/\n", m.name).as_bytes());
                format!("/{at}")
            }
        })
        .collect();
    let symbols: Vec<Vec<String>> = members
        .iter()
        .map(|m| {
            read_object(&m.name, &m.data, None)
                .map(|o| {
                    o.symbols
                        .into_iter()
                        .filter(|s| s.bind != Bind::Local && s.def != Def::Undefined)
                        .map(|s| s.name)
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect();
    let count: usize = symbols.iter().map(Vec::len).sum();
    let strings: usize = symbols.iter().flatten().map(|s| s.len() + 1).sum();
    let index_size = 4 + 4 * count + strings;
    let pad = |n: usize| n + (n & 1);
    let mut at = 8 + 60 + pad(index_size);
    if !long.is_empty() {
        at += 60 + pad(long.len());
    }
    let mut offsets = Vec::new();
    for m in members {
        offsets.push(at);
        at += 60 + pad(m.data.len());
    }
    let mut out = b"!<arch>\n".to_vec();
    let push = |out: &mut Vec<u8>, name: &str, data: &[u8]| {
        out.extend(header(name, data.len()));
        out.extend_from_slice(data);
        if out.len() % 2 == 1 {
            out.push(b'\n');
        }
    };
    let mut index = (count as u32).to_be_bytes().to_vec();
    for (i, syms) in symbols.iter().enumerate() {
        for _ in syms {
            index.extend((offsets[i] as u32).to_be_bytes());
        }
    }
    for s in symbols.iter().flatten() {
        index.extend_from_slice(s.as_bytes());
        index.push(0);
    }
    push(&mut out, "/", &index);
    if !long.is_empty() {
        push(&mut out, "//", &long);
    }
    for (m, name) in members.iter().zip(&names) {
        push(&mut out, name, &m.data);
    }
    out
}

/// Boundary values for size, offset and count fields.
const INTERESTING: &[u64] = &[
    0,
    1,
    2,
    7,
    8,
    0x3f,
    0x40,
    0x7f,
    0x80,
    0xff,
    0x100,
    0xfff,
    0x1000,
    0x7fff,
    0xffff,
    0x1_0000,
    0x7fff_ffff,
    0x8000_0000,
    0xffff_ffff,
    0x1_0000_0000,
    0x10_0000_0000,
    0x7fff_ffff_ffff_ffff,
    0x8000_0000_0000_0000,
    u64::MAX,
];

fn get(b: &[u8], at: usize, width: usize) -> Option<u64> {
    let bytes = b.get(at..at.checked_add(width)?)?;
    let mut v = [0u8; 8];
    v[..width].copy_from_slice(bytes);
    Some(u64::from_le_bytes(v))
}

fn put(b: &mut [u8], at: usize, width: usize, v: u64) -> bool {
    match at.checked_add(width).and_then(|end| b.get_mut(at..end)) {
        Some(field) => {
            field.copy_from_slice(&v.to_le_bytes()[..width]);
            true
        }
        None => false,
    }
}

/// A new value for a field holding `old`: a boundary value, a nearby value, one bit flipped,
/// or a value relative to the file's size.
fn new_value(old: u64, width: usize, file_len: usize, rng: &mut Rng) -> u64 {
    let v = match rng.below(5) {
        0 | 1 => *rng.choose(INTERESTING),
        2 => old.wrapping_add(rng.below(33) as u64).wrapping_sub(16),
        3 => old ^ 1 << rng.below(width * 8),
        _ => (file_len as u64)
            .wrapping_add(rng.below(17) as u64)
            .wrapping_sub(8),
    };
    if width == 8 {
        v
    } else {
        v & ((1u64 << (width * 8)) - 1)
    }
}

/// The section headers of an ELF64 file that lie inside it: (offset of the header,
/// sh_type, sh_offset, sh_size), the contents' range clamped to the file (so that offsets
/// computed from them stay small).
fn section_headers(b: &[u8]) -> Vec<(usize, u32, usize, usize)> {
    let (Some(shoff), Some(shnum)) = (get(b, 0x28, 8), get(b, 0x3c, 2)) else {
        return Vec::new();
    };
    let len = b.len();
    (0..shnum.min(4096) as usize)
        .filter_map(|i| {
            let h = usize::try_from(shoff).ok()?.checked_add(i * 64)?;
            if h.checked_add(64)? > len {
                return None;
            }
            let off = (get(b, h + 24, 8)? as usize).min(len);
            let size = (get(b, h + 32, 8)? as usize).min(len - off);
            Some((h, get(b, h + 4, 4)? as u32, off, size))
        })
        .collect()
}

/// Whether section header `h` names a section whose name starts with `prefix`.
fn section_named(b: &[u8], h: usize, prefix: &[u8]) -> bool {
    let headers = section_headers(b);
    let Some(shstrndx) = get(b, 0x3e, 2) else {
        return false;
    };
    let Some(&(_, _, str_off, str_size)) = headers.get(shstrndx as usize) else {
        return false;
    };
    let Some(name) = get(b, h, 4) else {
        return false;
    };
    let at = str_off.saturating_add(name as usize);
    at < str_off.saturating_add(str_size)
        && b.get(at..at.saturating_add(prefix.len())) == Some(prefix)
}

/// One ELF-aware edit of an object; false if the file is not ELF enough to edit.
fn edit_elf(b: &mut [u8], rng: &mut Rng) -> bool {
    if !b.starts_with(b"\x7fELF") || b.len() < 64 {
        return false;
    }
    let len = b.len();
    let headers = section_headers(b);
    let entries = |kind: u32, size: usize| -> Vec<usize> {
        headers
            .iter()
            .filter(|h| h.1 == kind)
            .flat_map(|&(_, _, off, sz)| (0..sz / size).map(move |i| off + i * size))
            .collect()
    };
    match rng.below(6) {
        0 => {
            // ELF header: e_type, e_machine, e_shoff, e_shentsize, e_shnum, e_shstrndx.
            let (at, width) = *rng.choose(&[(16, 2), (18, 2), (40, 8), (58, 2), (60, 2), (62, 2)]);
            let old = get(b, at, width).unwrap_or(0);
            put(b, at, width, new_value(old, width, len, rng))
        }
        1 => {
            let Some(&(h, ..)) = (!headers.is_empty()).then(|| rng.choose(&headers)) else {
                return false;
            };
            // sh_name, sh_type, sh_flags, sh_offset, sh_size, sh_link, sh_info, sh_addralign,
            // sh_entsize.
            let (f, width) = *rng.choose(&[
                (0, 4),
                (4, 4),
                (8, 8),
                (24, 8),
                (32, 8),
                (32, 8),
                (40, 4),
                (44, 4),
                (48, 8),
                (56, 8),
            ]);
            let old = get(b, h + f, width).unwrap_or(0);
            let v = if f == 4 && rng.one_in(2) {
                u64::from(*rng.choose(&[
                    elf::SHT_NULL,
                    elf::SHT_PROGBITS,
                    elf::SHT_SYMTAB,
                    elf::SHT_STRTAB,
                    elf::SHT_RELA,
                    elf::SHT_NOBITS,
                    elf::SHT_REL,
                    elf::SHT_GROUP,
                    elf::SHT_SYMTAB_SHNDX,
                ]))
            } else {
                new_value(old, width, len, rng)
            };
            put(b, h + f, width, v)
        }
        2 => {
            let syms = entries(elf::SHT_SYMTAB, 24);
            if syms.is_empty() {
                return false;
            }
            let s = *rng.choose(&syms);
            // st_name, st_info, st_other, st_shndx, st_value, st_size.
            let (f, width) = *rng.choose(&[(0, 4), (4, 1), (6, 2), (8, 8), (16, 8), (16, 8)]);
            let old = get(b, s + f, width).unwrap_or(0);
            let v = if f == 6 && rng.one_in(2) {
                u64::from(*rng.choose(&[
                    elf::SHN_UNDEF,
                    elf::SHN_ABS,
                    elf::SHN_COMMON,
                    elf::SHN_XINDEX,
                    0xff02,
                ]))
            } else {
                new_value(old, width, len, rng)
            };
            put(b, s + f, width, v)
        }
        3 => {
            let relas = entries(elf::SHT_RELA, 24);
            if relas.is_empty() {
                return false;
            }
            let r = *rng.choose(&relas);
            match rng.below(4) {
                0 => {
                    let old = get(b, r, 8).unwrap_or(0);
                    put(b, r, 8, new_value(old, 8, len, rng))
                }
                1 => {
                    // The type: a known one or any.
                    let t = if rng.one_in(2) {
                        u64::from(*rng.choose(&[
                            elf::R_X86_64_NONE,
                            elf::R_X86_64_64,
                            elf::R_X86_64_PC32,
                            elf::R_X86_64_PLT32,
                            elf::R_X86_64_32,
                            elf::R_X86_64_32S,
                            elf::R_X86_64_16,
                            elf::R_X86_64_PC16,
                            elf::R_X86_64_8,
                            elf::R_X86_64_PC8,
                            elf::R_X86_64_PC64,
                            elf::R_X86_64_GOTPCREL,
                            elf::R_X86_64_GOTPCRELX,
                            elf::R_X86_64_REX_GOTPCRELX,
                            elf::R_X86_64_TPOFF32,
                        ]))
                    } else {
                        new_value(get(b, r + 8, 4).unwrap_or(0), 4, len, rng)
                    };
                    put(b, r + 8, 4, t)
                }
                2 => {
                    let old = get(b, r + 12, 4).unwrap_or(0);
                    put(b, r + 12, 4, new_value(old, 4, len, rng))
                }
                _ => {
                    let old = get(b, r + 16, 8).unwrap_or(0);
                    put(b, r + 16, 8, new_value(old, 8, len, rng))
                }
            }
        }
        _ => {
            // DWARF: a unit's leading fields, or any byte of a debug section.
            let debug: Vec<_> = headers
                .iter()
                .filter(|h| h.1 == elf::SHT_PROGBITS && section_named(b, h.0, b".debug_"))
                .copied()
                .collect();
            if debug.is_empty() {
                return false;
            }
            let &(_, _, off, size) = rng.choose(&debug);
            if size == 0 || off >= len {
                return false;
            }
            let size = size.min(len - off);
            if rng.one_in(2) {
                // unit_length (4), version (2), then a 4-byte offset or length (the
                // abbreviation offset of .debug_info, header_length of .debug_line, the CIE
                // id of .debug_frame) and the address size.
                let (f, width) = *rng.choose(&[(0, 4), (4, 2), (6, 4), (10, 1), (0, 4)]);
                let old = get(b, off + f, width).unwrap_or(0);
                put(b, off + f, width, new_value(old, width, len, rng))
            } else {
                let at = off + rng.below(size);
                b[at] = match rng.below(3) {
                    0 => rng.byte(),
                    1 => b[at] ^ (1 << rng.below(8)),
                    _ => *rng.choose(&[0, 0x7f, 0x80, 0xff]),
                };
                true
            }
        }
    }
}

/// One edit of an archive: a member header's size, or an index field.
fn edit_archive(b: &mut [u8], rng: &mut Rng) -> bool {
    if !b.starts_with(b"!<arch>\n") {
        return false;
    }
    // Member headers, found by walking the sizes.
    let mut headers = Vec::new();
    let mut at = 8;
    while at + 60 <= b.len() && headers.len() < 64 {
        headers.push(at);
        let size = std::str::from_utf8(&b[at + 48..at + 58])
            .ok()
            .and_then(|s| s.trim().parse::<usize>().ok());
        let Some(size) = size else { break };
        at = at + 60 + size;
        at += at & 1;
    }
    if headers.is_empty() {
        return false;
    }
    let h = *rng.choose(&headers);
    match rng.below(3) {
        0 => {
            let v = new_value(0, 8, b.len(), rng);
            let text = format!("{:<10}", v % 10_000_000_000);
            b[h + 48..h + 58].copy_from_slice(&text.as_bytes()[..10]);
        }
        1 => {
            // The name field: a long-name reference, a BSD name, a special name.
            let names: [&[u8]; 6] = [b"/0", b"/99999", b"//", b"/", b"#1/20", b"#1/99999"];
            let name = rng.choose(&names);
            let mut field = [b' '; 16];
            field[..name.len()].copy_from_slice(name);
            b[h..h + 16].copy_from_slice(&field);
        }
        _ => {
            // A 4-byte big-endian word of the first member's body (the index: count, offsets).
            let body = h + 60;
            let words = (b.len().saturating_sub(body) / 4).min(64);
            if words == 0 {
                return false;
            }
            let w = body + 4 * rng.below(words);
            let old = u32::from_be_bytes(b[w..w + 4].try_into().unwrap_or([0; 4]));
            let v = new_value(u64::from(old), 4, b.len(), rng) as u32;
            b[w..w + 4].copy_from_slice(&v.to_be_bytes());
        }
    }
    true
}

impl Target for LinkTarget {
    fn name(&self) -> &'static str {
        "link"
    }

    fn seeds(&self) -> Vec<Vec<u8>> {
        self.seeds.clone()
    }

    fn edit(&self, input: &mut Vec<u8>, rng: &mut Rng) -> bool {
        // Half the time, start again from a seed: the corpus fills with inputs that some
        // earlier mutation already broke (each new error message adds one), and edits of
        // those rarely get past the first checks; one or two edits of a good object reach
        // every pass.
        if rng.one_in(2) {
            *input = rng.choose(&self.seeds).clone();
        }
        if input.len() < 2 {
            return false;
        }
        if rng.one_in(16) {
            input[0] = rng.byte();
            return true;
        }
        let file = &mut input[1..];
        edit_elf(file, rng) || edit_archive(file, rng)
    }

    fn run(&mut self, input: &[u8]) -> Outcome {
        let Some((&sel, file)) = input.split_first() else {
            return Outcome::Rejected("empty input".into());
        };
        let p = &self.programs[usize::from(sel & 0x0f) % self.programs.len()];
        let mutated = |name: &str| Input {
            name: name.to_string(),
            data: file.to_vec().into(),
            summary: None,
        };
        let inputs = match (sel >> 4) & 3 {
            0 => vec![mutated("rt0.o"), p.go.clone()],
            1 | 3 => vec![p.asm.clone(), mutated("main.o")],
            _ => vec![mutated("lib.a")],
        };
        let opts = Options {
            strip_dwarf: sel & 0x40 != 0,
            strip_symbols: sel & 0x80 != 0,
            build_id: "fuzz/fuzz".into(),
            ..Options::default()
        };
        match link(&inputs, &opts) {
            Ok(exe) => match check_executable(&exe) {
                // The same inputs must give the same bytes.
                Outcome::Ok if link(&inputs, &opts).ok().as_ref() != Some(&exe) => {
                    Outcome::Finding("a second link of the same inputs differs".into())
                }
                other => other,
            },
            Err(e) => {
                let msg = e.to_string();
                if msg.contains("internal error") {
                    return Outcome::Finding(msg);
                }
                if e.kind() == ErrorKind::Malformed {
                    let named = inputs.iter().any(|i| {
                        msg.starts_with(&format!("malformed object {}", i.name))
                            || msg.starts_with(&format!("malformed archive {}", i.name))
                    });
                    if !named {
                        return Outcome::Finding(format!("names no input: {msg}"));
                    }
                }
                Outcome::Rejected(msg)
            }
        }
    }
}

/// An output must be an ELF executable whose entry point is in an executable segment.
fn check_executable(exe: &[u8]) -> Outcome {
    let file = match ElfFile64::<Endianness>::parse(exe) {
        Ok(f) => f,
        Err(e) => return Outcome::Finding(format!("the output is not ELF: {e}")),
    };
    if file.elf_header().e_type.get(Endianness::Little) != elf::ET_EXEC {
        return Outcome::Finding("the output is not ET_EXEC".into());
    }
    let entry = file.entry();
    let in_text = file.elf_program_headers().iter().any(|ph| {
        let e = Endianness::Little;
        ph.p_type(e) == elf::PT_LOAD
            && ph.p_flags(e) & elf::PF_X != 0
            && (ph.p_vaddr(e)..ph.p_vaddr(e).saturating_add(ph.p_memsz(e))).contains(&entry)
    });
    if !in_text {
        return Outcome::Finding(format!(
            "the entry point {entry:#x} is not in an executable segment"
        ));
    }
    Outcome::Ok
}
