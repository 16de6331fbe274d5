//! Link errors: each names the symbol(s), the object(s) and, for relocations, the place and
//! value; none panics.

mod common;

use common::*;
use object::elf;
use object::{SectionKind, SymbolKind};
use tbuild_linker::{link, ErrorKind, Input, LinkError};

fn fail(inputs: &[Input]) -> LinkError {
    match link(inputs, &options()) {
        Ok(_) => panic!("link unexpectedly succeeded"),
        Err(e) => e,
    }
}

/// An object with one function `name` whose body is `code`, plus relocations.
fn func_obj(name: &str, code: &[u8], relocs: &[(u64, &str, u32, i64)]) -> Obj {
    let mut o = Obj::new();
    let text = o.section(".text", SectionKind::Text);
    o.define(text, name, code, 16, SymbolKind::Text, true);
    for &(off, target, r_type, addend) in relocs {
        let s = o.undefined(target);
        o.reloc(text, off, s, r_type, addend);
    }
    o
}

#[test]
fn undefined_symbol_names_symbol_and_object() {
    let extra = func_obj(
        "main.f",
        &[0xe8, 0, 0, 0, 0, 0xc3],
        &[(1, "runtime.foo", elf::R_X86_64_PLT32, -4)],
    );
    let e = fail(&[rt0_object(), main_object(), extra.input("f.o")]);
    assert_eq!(e.kind(), ErrorKind::Undefined);
    assert_eq!(
        e.to_string(),
        r#"undefined: "runtime.foo" (referenced by f.o)"#
    );
}

#[test]
fn duplicate_definition_names_both_objects() {
    let dup = func_obj("main.main", &[0xc3], &[]);
    let e = fail(&[rt0_object(), main_object(), dup.input("dup.o")]);
    assert_eq!(e.kind(), ErrorKind::Duplicate);
    let msg = e.to_string();
    assert!(
        msg.contains("\"main.main\"") && msg.contains("main.o") && msg.contains("dup.o"),
        "{msg}"
    );
    assert!(msg.contains("duplicate symbol definition"), "{msg}");
}

#[test]
fn missing_main_main_uses_gos_words() {
    let e = fail(&[rt0_object()]);
    assert_eq!(e.kind(), ErrorKind::MissingMain);
    assert!(
        e.to_string()
            .starts_with("function main is undeclared in the main package"),
        "{e}"
    );
}

#[test]
fn missing_entry_symbol() {
    let e = fail(&[main_object()]);
    assert!(e.to_string().contains("\"_rt0_amd64_linux\""), "{e}");
}

#[test]
fn relocation_overflow_names_symbol_place_and_value() {
    // mov $msg+4GiB, %esi: R_X86_64_32 whose value is past 4 GiB.
    let o = func_obj(
        "main.big",
        &[0xbe, 0, 0, 0, 0, 0xc3],
        &[(1, "msg", elf::R_X86_64_32, 0x1_0000_0000)],
    );
    let e = fail(&[rt0_object(), main_object(), o.input("big.o")]);
    assert_eq!(e.kind(), ErrorKind::RelocationOverflow);
    let msg = e.to_string();
    for want in [
        "R_X86_64_32",
        "\"msg\"",
        "big.o",
        ".text+0x1",
        "value 0x1004",
        "32 bits",
    ] {
        assert!(msg.contains(want), "{want:?} not in {msg}");
    }
    // 32S: a negative address.
    let o = func_obj(
        "main.neg",
        &[0x48, 0xc7, 0xc0, 0, 0, 0, 0, 0xc3],
        &[(3, "msg", elf::R_X86_64_32S, -0x1000_0000_0000)],
    );
    let e = fail(&[rt0_object(), main_object(), o.input("neg.o")]);
    assert!(e.to_string().contains("R_X86_64_32S"), "{e}");
    // PC32 out of ±2 GiB.
    let o = func_obj(
        "main.far",
        &[0xe8, 0, 0, 0, 0, 0xc3],
        &[(1, "msg", elf::R_X86_64_PC32, 0x8000_0000)],
    );
    let e = fail(&[rt0_object(), main_object(), o.input("far.o")]);
    assert!(e.to_string().contains("R_X86_64_PC32"), "{e}");
}

#[test]
fn unknown_relocation_is_named() {
    let o = func_obj(
        "main.tls",
        &[0x64, 0x8b, 0x04, 0x25, 0, 0, 0, 0, 0xc3],
        &[(4, "msg", elf::R_X86_64_TPOFF32, 0)],
    );
    let e = fail(&[rt0_object(), main_object(), o.input("tls.o")]);
    assert_eq!(e.kind(), ErrorKind::UnknownRelocation);
    let msg = e.to_string();
    assert!(
        msg.contains("R_X86_64_TPOFF32") && msg.contains("tls.o") && msg.contains("\"msg\""),
        "{msg}"
    );
    let o = func_obj("main.odd", &[0, 0, 0, 0, 0xc3], &[(0, "msg", 200, 0)]);
    let e = fail(&[rt0_object(), main_object(), o.input("odd.o")]);
    assert!(e.to_string().contains("relocation type 200"), "{e}");
}

#[test]
fn got_load_that_cannot_be_relaxed() {
    // add foo@GOTPCREL(%rip), %rax: no GOT to point into.
    let o = func_obj(
        "main.g",
        &[0x48, 0x03, 0x05, 0, 0, 0, 0, 0xc3],
        &[(3, "msg", elf::R_X86_64_REX_GOTPCRELX, -4)],
    );
    let e = fail(&[rt0_object(), main_object(), o.input("g.o")]);
    assert!(
        e.to_string().contains("R_X86_64_REX_GOTPCRELX") && e.to_string().contains("GOT"),
        "{e}"
    );
}

#[test]
fn bss_override_smaller_than_declared() {
    // 16 zero bytes declared in a.o, 8 bytes of data in b.o: references from a.o would reach
    // past the data (Go 1.19 silently keeps the 8; tbuild refuses).
    let mut a = Obj::new();
    let bss = a.section(".bss", SectionKind::UninitializedData);
    a.define_bss(bss, "runtime.x", 16, 8, true);
    let mut b = Obj::new();
    let d = b.section(".noptrdata", SectionKind::Data);
    b.define(d, "runtime.x", &[1; 8], 8, SymbolKind::Data, true);
    let (a, b) = (a.input("a.o"), b.input("b.o"));
    for inputs in [
        [rt0_object(), main_object(), a.clone(), b.clone()],
        [rt0_object(), main_object(), b, a],
    ] {
        let e = fail(&inputs);
        assert_eq!(e.kind(), ErrorKind::Duplicate);
        assert_eq!(
            e.to_string(),
            r#"duplicate symbol definition: "runtime.x" is 8 bytes of data in b.o but declared with 16 bytes in a.o"#
        );
    }
}

#[test]
fn malformed_inputs_are_errors_not_panics() {
    let good = rt0_object().data.to_vec();
    let cases: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"not an elf file at all".to_vec(),
        good[..64].to_vec(),
        good[..good.len() / 2].to_vec(),
        {
            let mut v = good.clone();
            v[16] = 2; // ET_EXEC
            v
        },
        {
            let mut v = good.clone();
            v[18] = 3; // EM_386
            v
        },
    ];
    for (i, data) in cases.into_iter().enumerate() {
        let e = fail(&[Input {
            name: format!("bad{i}.o"),
            data: data.into(),
            summary: None,
        }]);
        assert_eq!(e.kind(), ErrorKind::Malformed, "case {i}: {e}");
        assert!(
            e.to_string()
                .starts_with(&format!("malformed object bad{i}.o: ")),
            "case {i}: {e}"
        );
    }
    // Corrupt every byte of the section header table in turn: never a panic.
    let shoff = u64::from_le_bytes(good[40..48].try_into().unwrap()) as usize;
    for i in (shoff..good.len()).step_by(7) {
        let mut v = good.clone();
        v[i] ^= 0xff;
        let _ = link(
            &[
                Input {
                    name: "x.o".into(),
                    data: v.into(),
                    summary: None,
                },
                main_object(),
            ],
            &options(),
        );
    }
}

#[test]
fn linker_symbols_cannot_be_redefined() {
    let o = func_obj("runtime.etext", &[0xc3], &[]);
    let e = fail(&[rt0_object(), main_object(), o.input("e.o")]);
    assert!(
        e.to_string().contains("runtime.etext") && e.to_string().contains("e.o"),
        "{e}"
    );
}

#[test]
fn tls_sections_are_rejected() {
    let mut o = Obj::new();
    let t = o.section(".tdata", SectionKind::Tls);
    o.define(t, "tv", &[1; 8], 8, SymbolKind::Tls, true);
    let e = fail(&[rt0_object(), main_object(), o.input("t.o")]);
    assert_eq!(e.kind(), ErrorKind::UnsupportedSection);
    assert!(
        e.to_string().contains("t.o") && e.to_string().contains(".tdata"),
        "{e}"
    );
}

#[test]
fn entry_symbol_must_be_code() {
    let mut o = Obj::new();
    let d = o.section(".data", SectionKind::Data);
    o.define(d, "_rt0_amd64_linux", &[0xc3; 8], 8, SymbolKind::Data, true);
    let e = fail(&[main_object(), o.input("e.o")]);
    assert_eq!(
        e.to_string(),
        r#"entry symbol "_rt0_amd64_linux" is not code: it is defined in section .data of e.o"#
    );
}

/// Found by the link fuzz target (fuzz/regressions/link): relocations in a section that goes
/// to a zero-filled output (a PROGBITS `.bss` of zeros) indexed the output's empty contents.
#[test]
fn relocations_in_a_zero_filled_output() {
    let mut o = Obj::new();
    let bss = o.section(".bss", SectionKind::Data);
    let (_, at) = o.define(bss, "runtime.p", &[0; 8], 8, SymbolKind::Data, true);
    let target = o.undefined("main.main");
    o.reloc(bss, at, target, elf::R_X86_64_64, 0);
    let e = fail(&[rt0_object(), main_object(), o.input("z.o")]);
    assert_eq!(e.kind(), ErrorKind::UnsupportedSection);
    assert_eq!(
        e.to_string(),
        "z.o: section .bss has relocations but goes to .bss, which holds only zeros"
    );
}
