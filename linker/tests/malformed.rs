//! Corrupt objects (issue 9, defect 5): each test damages one field of a real object that
//! tbuild's own compile stage or assembler wrote, and checks that the link fails with an error
//! naming the object and the section (`malformed object main.o: .debug_ranges: ...`), never
//! a panic, an abort on a huge allocation or an "internal error".

mod common;

use common::real::program;
use common::*;
use object::read::elf::{FileHeader, SectionHeader as _};
use object::{elf, Endianness};
use tbuild_linker::{link, ErrorKind, Input, LinkError};

fn fail(inputs: &[Input]) -> LinkError {
    match link(inputs, &options()) {
        Ok(_) => panic!("link unexpectedly succeeded"),
        Err(e) => e,
    }
}

/// The file offset of the section header of `name`.
fn section_header(data: &[u8], name: &str) -> usize {
    let header = elf::FileHeader64::<Endianness>::parse(data).unwrap();
    let e = header.endian().unwrap();
    let table = header.sections(e, data).unwrap();
    let (index, _) = table
        .enumerate()
        .find(|(_, s)| table.section_name(e, s).unwrap() == name.as_bytes())
        .unwrap_or_else(|| panic!("no section {name}"));
    header.e_shoff(e) as usize + index.0 * 64
}

/// `(sh_offset, sh_size)` of section `name`.
fn section_range(data: &[u8], name: &str) -> (usize, usize) {
    let h = section_header(data, name);
    (u64_at(data, h + 24) as usize, u64_at(data, h + 32) as usize)
}

/// The file offset of the symbol-table entry of `name`.
fn symbol_entry(data: &[u8], name: &str) -> usize {
    let header = elf::FileHeader64::<Endianness>::parse(data).unwrap();
    let e = header.endian().unwrap();
    let table = header.sections(e, data).unwrap();
    let symtab = table.symbols(e, data, elf::SHT_SYMTAB).unwrap();
    let (index, _) = symtab
        .enumerate()
        .find(|(_, s)| symtab.symbol_name(e, *s).unwrap() == name.as_bytes())
        .unwrap_or_else(|| panic!("no symbol {name}"));
    let sh = table.section(symtab.section()).unwrap();
    sh.sh_offset(e) as usize + index.0 * 24
}

fn u64_at(data: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(data[at..at + 8].try_into().unwrap())
}

fn put_u64(data: &mut [u8], at: usize, v: u64) {
    data[at..at + 8].copy_from_slice(&v.to_le_bytes());
}

#[test]
fn the_program_links_and_runs() {
    let bytes = link(&program(), &options()).unwrap();
    let (_dir, exe) = write_exe(&bytes);
    let out = run_exe(&exe);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}

/// The case: one flipped bit in a debug section's size made `link_dwarf` allocate
/// 64 GiB and abort.
#[test]
fn debug_section_size_past_the_file() {
    let mut p = program();
    let h = section_header(&p[1].data, ".debug_ranges");
    let size = u64_at(&p[1].data, h + 32);
    put_u64(&mut p[1].data.make_mut()[..], h + 32, size | 1 << 36);
    let e = fail(&p);
    assert_eq!(e.kind(), ErrorKind::Malformed);
    let msg = e.to_string();
    assert!(
        msg.starts_with("malformed object main.o: .debug_ranges: contents at offset")
            && msg.contains("lie outside the file"),
        "{msg}"
    );
}

/// The other case: a function symbol's size far past its section made
/// `runtime.findfunctab` "need 703687441776867 bytes but 736 were planned".
#[test]
fn function_size_past_its_section() {
    let mut p = program();
    let at = symbol_entry(&p[1].data, "main.main") + 16;
    put_u64(&mut p[1].data.make_mut()[..], at, 0x2_8000_0000_0123);
    let msg = fail(&p).to_string();
    assert!(
        msg.starts_with("malformed object main.o: .symtab: symbol \"main.main\"")
            && msg.contains("does not fit in section .text"),
        "{msg}"
    );
    assert!(!msg.contains("internal error"), "{msg}");
}

/// A function's inline tree and parameter bytes are read with its object (the linker's
/// funcinfo.rs): a damaged record is the object's error, naming the section.
#[test]
fn inline_tree_and_args_faults_name_their_section() {
    let mut p = program();
    let (off, _) = section_range(&p[1].data, ".tbuild.inline");
    // The first record: its function's name (length, bytes) and node count, then the first
    // node's parent, which can only be -1 (the function itself).
    let name_len = u32::from_le_bytes(p[1].data[off..off + 4].try_into().unwrap()) as usize;
    let parent = off + 4 + name_len + 4;
    p[1].data.make_mut()[parent..parent + 4].copy_from_slice(&7u32.to_le_bytes());
    let msg = fail(&p).to_string();
    assert!(
        msg.starts_with("malformed object main.o: .tbuild.inline: main.main: node 0 has parent 7"),
        "{msg}"
    );
    let mut p = program();
    let h = section_header(&p[1].data, ".tbuild.args");
    let size = u64_at(&p[1].data, h + 32);
    put_u64(&mut p[1].data.make_mut()[..], h + 32, size - 1);
    let msg = fail(&p).to_string();
    assert_eq!(
        msg,
        "malformed object main.o: .tbuild.args: truncated record"
    );
}

#[test]
fn debug_info_unit_length_past_its_section() {
    let mut p = program();
    let (off, _) = section_range(&p[1].data, ".debug_info");
    // The unit's 32-bit length.
    p[1].data.make_mut()[off..off + 4].copy_from_slice(&0x7000_0000u32.to_le_bytes());
    let msg = fail(&p).to_string();
    assert!(
        msg.starts_with("malformed object main.o: .debug_info: "),
        "{msg}"
    );
}

#[test]
fn debug_abbrev_and_line_faults_name_their_section() {
    // An abbreviation's tag, then the line program's header length.
    let mut p = program();
    let (off, size) = section_range(&p[1].data, ".debug_abbrev");
    p[1].data.make_mut()[off..off + size].fill(0xff);
    let msg = fail(&p).to_string();
    assert!(
        msg.starts_with("malformed object main.o: .debug_abbrev: unit at 0x0: "),
        "{msg}"
    );
    let mut p = program();
    let (off, _) = section_range(&p[0].data, ".debug_line");
    p[0].data.make_mut()[off + 6..off + 10].copy_from_slice(&0x10_0000u32.to_le_bytes());
    let msg = fail(&p).to_string();
    assert!(
        msg.starts_with("malformed object rt0.o: .debug_line: "),
        "{msg}"
    );
}

#[test]
fn overlapping_sections() {
    let mut p = program();
    let (text, _) = section_range(&p[1].data, ".text");
    let h = section_header(&p[1].data, ".debug_str");
    put_u64(&mut p[1].data.make_mut()[..], h + 24, text as u64);
    let msg = fail(&p).to_string();
    assert!(
        msg.starts_with("malformed object main.o: ") && msg.contains("overlap"),
        "{msg}"
    );
}

#[test]
fn relocation_outside_its_section() {
    let mut p = program();
    let (rela, _) = section_range(&p[1].data, ".rela.text");
    put_u64(&mut p[1].data.make_mut()[..], rela, 0x7fff_ffff_0000);
    let msg = fail(&p).to_string();
    assert!(
        msg.starts_with("malformed object main.o: .rela.text: relocation 0 at 0x7fffffff0000 is outside section .text"),
        "{msg}"
    );
}

#[test]
fn nobits_size_past_gos_limit() {
    let mut p = program();
    let h = section_header(&p[0].data, ".bss");
    put_u64(&mut p[0].data.make_mut()[..], h + 32, 1 << 40);
    let e = fail(&p);
    assert!(
        e.to_string().contains(".bss is too large") && e.to_string().contains("rt0.o"),
        "{e}"
    );
}

/// Symbols that all name one long string in the string table would be copied once each.
#[test]
fn symbol_names_sharing_one_long_string() {
    let long = "x".repeat(1 << 16);
    let mut o = Obj::new();
    let text = o.section(".text", object::SectionKind::Text);
    let (first, _) = o.define(text, &long, &[0xc3], 1, object::SymbolKind::Text, true);
    let _ = first;
    for i in 0..300 {
        o.define(
            text,
            &format!("f{i}"),
            &[0xc3],
            1,
            object::SymbolKind::Text,
            true,
        );
    }
    let mut input = o.input("names.o");
    let long_at = symbol_entry(&input.data, &long);
    let name = u32::from_le_bytes(input.data[long_at..long_at + 4].try_into().unwrap());
    for i in 0..300 {
        let at = symbol_entry(&input.data, &format!("f{i}"));
        input.data.make_mut()[at..at + 4].copy_from_slice(&name.to_le_bytes());
    }
    let msg = fail(&[input]).to_string();
    assert!(
        msg.starts_with("malformed object names.o: .symtab: symbol names total more than"),
        "{msg}"
    );
}

/// Every byte of both objects changed in turn: the link succeeds or fails with a message;
/// it never panics and never reports an internal error.
#[test]
fn every_byte_changed() {
    let p = program();
    let mut outcomes = [0usize; 2];
    for which in 0..p.len() {
        for at in 0..p[which].data.len() {
            let mut q = p.clone();
            q[which].data.make_mut()[at] ^= 0xa5;
            match link(&q, &options()) {
                Ok(_) => outcomes[0] += 1,
                Err(e) => {
                    let msg = e.to_string();
                    assert!(
                        !msg.contains("internal error"),
                        "byte {at} of {}: {msg}",
                        q[which].name
                    );
                    if e.kind() == ErrorKind::Malformed {
                        assert!(
                            msg.starts_with(&format!("malformed object {}: ", q[which].name)),
                            "byte {at}: {msg}"
                        );
                    }
                    outcomes[1] += 1;
                }
            }
        }
    }
    assert!(outcomes[0] > 0 && outcomes[1] > 0, "{outcomes:?}");
}
