//! End-to-end checks of a linked executable with the real tools: section order and flags
//! (`readelf -S`), segments (`readelf -l`), entry (`readelf -h`), symbols (`readelf -s`), no
//! warnings from `readelf -a` or `eu-elflint --gnu-ld`, every relocation type's value, the
//! binary's own behaviour when run, BSS override, weak symbols, strip and determinism.

mod common;

use common::*;
use object::elf;
use object::{SectionKind, SymbolKind};
use tbuild_linker::{link, link_timed, link_with, Input, Options, ReadAhead};

const ORDER: &[&str] = &[
    ".text",
    ".rodata",
    ".typelink",
    ".itablink",
    ".gosymtab",
    ".gopclntab",
    ".go.buildinfo",
    ".noptrdata",
    ".data",
    ".bss",
    ".noptrbss",
    ".note.go.buildid",
    ".symtab",
    ".strtab",
    ".shstrtab",
];

#[test]
fn sections_in_order_with_flags() {
    let (_dir, exe) = link_to_file(&[rt0_object(), main_object()], &options());
    let secs = sections(&exe);
    let names: Vec<&str> = secs.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ORDER);
    let want_flags = [
        "AX", "A", "A", "A", "A", "A", "WA", "WA", "WA", "WA", "WA", "A", "", "", "",
    ];
    for (s, f) in secs.iter().zip(want_flags) {
        assert_eq!(s.flags, f, "flags of {}", s.name);
    }
    let by = |n: &str| secs.iter().find(|s| s.name == n).unwrap().clone();
    assert_eq!(by(".text").addr, 0x401000);
    assert_eq!(by(".text").off, 0x1000);
    assert_eq!(by(".bss").sh_type, "NOBITS");
    assert_eq!(by(".noptrbss").sh_type, "NOBITS");
    assert_eq!(by(".note.go.buildid").sh_type, "NOTE");
    assert_eq!(by(".note.go.buildid").align, 4);
    // 83-byte ID: a 100-byte note ending the first page, like Go's (0x400f9c).
    assert_eq!(by(".note.go.buildid").addr, 0x400f9c);
    assert_eq!(by(".gosymtab").size, 0);
    assert_eq!(by(".go.buildinfo").align, 16);
    assert_eq!(by(".data").align, 32);
    // Loaded sections: file offset = address - 0x400000, addresses increasing in list order.
    let mut prev = 0;
    for s in secs
        .iter()
        .filter(|s| s.addr != 0 && s.name != ".note.go.buildid")
    {
        assert_eq!(s.off, s.addr - 0x400000, "{}", s.name);
        assert!(s.addr >= prev, "{} out of order", s.name);
        prev = s.addr + s.size;
    }
    // Segments start on fresh pages.
    assert_eq!(by(".rodata").addr % 0x1000, 0);
    assert_eq!(by(".go.buildinfo").addr % 0x1000, 0);
}

#[test]
fn program_headers() {
    let (_dir, exe) = link_to_file(&[rt0_object(), main_object()], &options());
    let text = readelf(&["-l", "-W"], &exe);
    let rows: Vec<Vec<&str>> = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .filter(|f| {
            f.len() >= 7
                && ["PHDR", "NOTE", "LOAD", "GNU_STACK"].contains(&f[0])
                && f[1].starts_with("0x")
        })
        .collect();
    let types: Vec<&str> = rows.iter().map(|r| r[0]).collect();
    assert_eq!(types, ["PHDR", "NOTE", "LOAD", "LOAD", "LOAD", "GNU_STACK"]);
    let hex = |s: &str| u64::from_str_radix(s.trim_start_matches("0x"), 16).unwrap();
    let loads: Vec<&Vec<&str>> = rows.iter().filter(|r| r[0] == "LOAD").collect();
    let flags: Vec<String> = loads.iter().map(|r| r[6..r.len() - 1].join(" ")).collect();
    assert_eq!(flags, ["R E", "R", "RW"]);
    assert_eq!(hex(loads[0][1]), 0);
    assert_eq!(hex(loads[0][2]), 0x400000);
    for r in &rows {
        let flags = r[6..r.len() - 1].join("");
        assert!(
            !(flags.contains('W') && flags.contains('E')),
            "W+X segment: {r:?}"
        );
        if r[0] == "LOAD" {
            assert_eq!(hex(r[1]) % 0x1000, hex(r[2]) % 0x1000, "incongruent: {r:?}");
            assert_eq!(hex(r[1]) % 0x1000, 0, "not page-aligned: {r:?}");
            assert_eq!(r[r.len() - 1], "0x1000");
        }
    }
    let stack = rows.iter().find(|r| r[0] == "GNU_STACK").unwrap();
    assert_eq!(stack[6..stack.len() - 1].join(" "), "RW");
    // Section-to-segment mapping as in Go's binary.
    assert!(text.contains(".text .note.go.buildid"), "{text}");
    assert!(
        text.contains(".rodata .typelink .itablink .gosymtab .gopclntab"),
        "{text}"
    );
    assert!(
        text.contains(".go.buildinfo .noptrdata .data .bss .noptrbss"),
        "{text}"
    );
}

#[test]
fn header_entry_and_symbols() {
    let (_dir, exe) = link_to_file(&[rt0_object(), main_object()], &options());
    let syms = symbols(&exe);
    let rt0 = symbol(&syms, "_rt0_amd64_linux");
    let header = readelf(&["-h", "-W"], &exe);
    assert!(header.contains("EXEC (Executable file)"), "{header}");
    assert!(header.contains("Advanced Micro Devices X86-64"), "{header}");
    let entry = header
        .lines()
        .find_map(|l| l.trim().strip_prefix("Entry point address:"))
        .unwrap()
        .trim()
        .to_string();
    assert_eq!(entry, format!("{:#x}", rt0.value));

    let secs = sections(&exe);
    let index = |n: &str| secs.iter().find(|s| s.name == n).unwrap().index.to_string();
    // Types, sizes, bindings and section indexes.
    let check = |name: &str, kind: &str, bind: &str, size: u64, sec: &str| {
        let s = symbol(&syms, name);
        assert_eq!(
            (s.kind.as_str(), s.bind.as_str(), s.size, s.ndx.clone()),
            (kind, bind, size, index(sec)),
            "{name}"
        );
    };
    check("_rt0_amd64_linux", "FUNC", "GLOBAL", 0x6a, ".text");
    check("main.main", "FUNC", "GLOBAL", 23, ".text");
    check("main.helper", "FUNC", "LOCAL", 1, ".text");
    check("nd", "OBJECT", "GLOBAL", 8, ".noptrdata");
    check("dptr", "OBJECT", "GLOBAL", 8, ".data");
    check("bv", "OBJECT", "GLOBAL", 8, ".bss");
    check("nb", "OBJECT", "GLOBAL", 4, ".noptrbss");
    check("msg", "OBJECT", "GLOBAL", MESSAGE.len() as u64, ".rodata");
    check("main.typelink0", "OBJECT", "LOCAL", 4, ".typelink");
    check("runtime.text", "FUNC", "LOCAL", 0, ".text");
    check("runtime.etext", "FUNC", "LOCAL", 0, ".text");
    check("runtime.noptrdata", "OBJECT", "LOCAL", 0, ".noptrdata");
    check("runtime.end", "OBJECT", "LOCAL", 0, ".noptrbss");
    check("runtime.pclntab", "OBJECT", "LOCAL", 0, ".gopclntab");
    check("runtime.symtab", "OBJECT", "LOCAL", 0, ".gosymtab");
    let bi = secs.iter().find(|s| s.name == ".go.buildinfo").unwrap();
    check("go.buildinfo", "OBJECT", "GLOBAL", bi.size, ".go.buildinfo");
    let abs = symbol(&syms, "msglen");
    assert_eq!((abs.ndx.as_str(), abs.value), ("ABS", MESSAGE.len() as u64));

    // Go's order: null, FILE go.go, runtime.text first among the rest, all LOCAL before GLOBAL.
    // (The parser skips the null entry, so readelf's index is position + 1.)
    let file_row = &syms[0];
    assert_eq!(
        (
            file_row.name.as_str(),
            file_row.kind.as_str(),
            file_row.ndx.as_str()
        ),
        ("go.go", "FILE", "ABS")
    );
    assert_eq!(syms[1].name, "runtime.text");
    let first_global = syms.iter().position(|s| s.bind != "LOCAL").unwrap();
    assert!(syms[first_global..].iter().all(|s| s.bind != "LOCAL"));
    let symtab_info = readelf(&["-S", "-W"], &exe)
        .lines()
        .find(|l| l.contains(".symtab"))
        .map(|l| {
            l.split_whitespace()
                .rev()
                .nth(1)
                .unwrap()
                .parse::<usize>()
                .unwrap()
        })
        .unwrap();
    assert_eq!(symtab_info, first_global + 1);
    // Boundary symbols.
    let text = secs.iter().find(|s| s.name == ".text").unwrap();
    assert_eq!(symbol(&syms, "runtime.text").value, text.addr);
    assert_eq!(symbol(&syms, "runtime.etext").value, text.addr + text.size);
    let noptrbss = secs.iter().find(|s| s.name == ".noptrbss").unwrap();
    assert_eq!(
        symbol(&syms, "runtime.end").value,
        noptrbss.addr + noptrbss.size
    );
    assert_eq!(
        symbol(&syms, "runtime.pcheader").value,
        symbol(&syms, "runtime.pclntab").value
    );
}

#[test]
fn readelf_all_has_no_warnings_and_elflint_is_clean() {
    let (_dir, exe) = link_to_file(&[rt0_object(), main_object()], &options());
    let all = readelf(&["-a", "-W"], &exe);
    assert!(!all.contains("Warning"), "{all}");
    if !have("eu-elflint") {
        println!("skipping eu-elflint: not installed");
        return;
    }
    let out = run("eu-elflint", &["--gnu-ld", exe.to_str().unwrap()]);
    let text = stdout(&out) + &stderr(&out);
    // The only complaint elflint has about Go's own binaries: it does not know Go's note type.
    let unexpected: Vec<&str> = text
        .lines()
        .filter(|l| !l.contains("unknown object file note type 4 with owner name 'Go'"))
        .filter(|l| !l.trim().is_empty() && l.trim() != "No errors")
        .collect();
    assert!(unexpected.is_empty(), "eu-elflint:\n{text}");
}

#[test]
fn runs_and_every_relocation_lands() {
    let inputs = [rt0_object(), main_object()];
    let bytes = link(&inputs, &options()).unwrap();
    let (_dir, exe) = write_exe(&bytes);
    let out = run(exe.to_str().unwrap(), &[]);
    assert_eq!(stdout(&out), MESSAGE);
    assert_eq!(out.status.code(), Some(EXIT_CODE), "{out:?}");

    let syms = symbols(&exe);
    let addr = |n: &str| symbol(&syms, n).value;
    let u64_at = |a: u64| u64::from_le_bytes(read_at(&bytes, &exe, a, 8).try_into().unwrap());
    let i32_at = |a: u64| i32::from_le_bytes(read_at(&bytes, &exe, a, 4).try_into().unwrap());
    assert_eq!(u64_at(addr("dptr")), addr("nd")); // R_X86_64_64
    assert_eq!(u64_at(addr("dtext")), addr("main.main"));
    assert_eq!(u64_at(addr("weakp")), 0); // undefined weak -> 0
    assert_eq!(
        addr("pc64v").wrapping_add(u64_at(addr("pc64v"))),
        addr("msg")
    ); // PC64
    let f16 = u16::from_le_bytes(read_at(&bytes, &exe, addr("f16"), 2).try_into().unwrap());
    assert_eq!(f16, 0x1234); // R_X86_64_16
    assert_eq!(read_at(&bytes, &exe, addr("f8"), 1)[0], 0x34); // R_X86_64_8 with addend
    let pc16 = i16::from_le_bytes(read_at(&bytes, &exe, addr("fpc16"), 2).try_into().unwrap());
    assert_eq!(addr("fpc16") as i64 + i64::from(pc16), addr("msg") as i64); // PC16
    let pc8 = read_at(&bytes, &exe, addr("fpc8"), 1)[0] as i8;
    assert_eq!(addr("fpc8") as i64 + i64::from(pc8), addr("msg") as i64); // PC8
    assert_eq!(u64_at(addr("ptr0")), addr("runtime.etext"));
    assert_eq!(u64_at(addr("ptr1")), addr("runtime.pcheader"));
    assert_eq!(u64_at(addr("ptr2")), addr("runtime.end"));
    assert_eq!(u64_at(addr("ptr3")), addr("go.buildinfo"));
    // PLT32: call main.main.
    let rt0 = addr("_rt0_amd64_linux");
    assert_eq!(
        (rt0 + 5) as i64 + i64::from(i32_at(rt0 + 1)),
        addr("main.main") as i64
    );
    // REX_GOTPCRELX relaxed: mov -> lea nd(%rip).
    assert_eq!(read_at(&bytes, &exe, rt0 + 0x33, 3), [0x48, 0x8d, 0x05]);
    assert_eq!(
        (rt0 + 0x3a) as i64 + i64::from(i32_at(rt0 + 0x36)),
        addr("nd") as i64
    );
    // R_X86_64_32 / 32S absolute.
    assert_eq!(i32_at(rt0 + 0x16) as u64, addr("msg"));
    assert_eq!(i32_at(rt0 + 0x50) as u64, addr("nb"));
    // .text padding between input sections is INT3.
    let main = addr("main.main");
    let gap = read_at(&bytes, &exe, rt0 + 0x6a, (main - rt0 - 0x6a) as usize);
    assert!(gap.iter().all(|&b| b == 0xcc), "{gap:x?}");
}

#[test]
fn deterministic_and_timed() {
    let inputs = [rt0_object(), main_object()];
    let a = link(&inputs, &options()).unwrap();
    let mut timings = Vec::new();
    let b = link_timed(&inputs, &options(), &mut timings).unwrap();
    assert_eq!(a, b);
    let names: Vec<&str> = timings.iter().map(|t| t.0).collect();
    assert_eq!(
        names,
        [
            "read_objects",
            "resolve_symbols",
            "collect_pc_tables",
            "layout_sections",
            "synthesize_tables",
            "apply_relocations",
            "symbol_table",
            "link_dwarf (waited for)",
            "link_dwarf (beside 5-7)",
            "write_executable"
        ]
    );
}

#[test]
fn strip_symbols_omits_symtab() {
    let opts = Options {
        strip_symbols: true,
        ..options()
    };
    let (_dir, exe) = link_to_file(&[rt0_object(), main_object()], &opts);
    let names: Vec<String> = sections(&exe).into_iter().map(|s| s.name).collect();
    assert!(
        !names.iter().any(|n| n == ".symtab" || n == ".strtab"),
        "{names:?}"
    );
    assert!(names.iter().any(|n| n == ".gopclntab"));
    let out = run(exe.to_str().unwrap(), &[]);
    assert_eq!(out.status.code(), Some(EXIT_CODE));
}

/// `var g0 [16]byte` declared in Go (BSS, 16 bytes) and given 8 bytes of content by an
/// assembly DATA/GLOBL in .noptrdata: the content wins, in its own section, with size 16.
#[test]
fn bss_override_and_weak_definitions() {
    let mut a = Obj::new();
    let bss = a.section(".bss", SectionKind::UninitializedData);
    a.define_bss(bss, "runtime.g0", 8, 8, true);
    // Two zero definitions: the larger wins.
    a.define_bss(bss, "runtime.z", 8, 8, true);
    let data = a.section(".data", SectionKind::Data);
    // A weak definition that a strong one elsewhere overrides.
    let wv = a.obj.append_section_data(data, &1u64.to_le_bytes(), 8);
    a.obj.add_symbol(object::write::Symbol {
        name: b"runtime.w".to_vec(),
        value: wv,
        size: 8,
        kind: SymbolKind::Data,
        scope: object::SymbolScope::Linkage,
        weak: true,
        section: object::write::SymbolSection::Section(data),
        flags: object::SymbolFlags::None,
    });
    let (_, p) = a.define(data, "runtime.pg0", &[0; 8], 8, SymbolKind::Data, true);
    let g0 = a.undefined("runtime.g0");
    a.reloc(data, p, g0, elf::R_X86_64_64, 0);

    let mut b = Obj::new();
    let noptr = b.section(".noptrdata", SectionKind::Data);
    b.define(
        noptr,
        "runtime.g0",
        &0x1122334455667788u64.to_le_bytes(),
        8,
        SymbolKind::Data,
        true,
    );
    let noptr2 = b.section(".noptrdata", SectionKind::Data);
    b.define(
        noptr2,
        "runtime.w",
        &2u64.to_le_bytes(),
        8,
        SymbolKind::Data,
        true,
    );

    let bss2 = b.section(".noptrbss", SectionKind::UninitializedData);
    b.define_bss(bss2, "runtime.z", 24, 8, true);

    let inputs = [rt0_object(), main_object(), a.input("a.o"), b.input("b.o")];
    let bytes = link(&inputs, &options()).unwrap();
    let (_dir, exe) = write_exe(&bytes);
    let syms = symbols(&exe);
    let secs = sections(&exe);
    let index = |n: &str| secs.iter().find(|s| s.name == n).unwrap().index.to_string();
    let g0 = symbol(&syms, "runtime.g0");
    assert_eq!((g0.ndx.clone(), g0.size), (index(".noptrdata"), 8));
    assert_eq!(syms.iter().filter(|s| s.name == "runtime.g0").count(), 1);
    let v = u64::from_le_bytes(read_at(&bytes, &exe, g0.value, 8).try_into().unwrap());
    assert_eq!(v, 0x1122334455667788);
    // References from the BSS side land on the winner.
    let pg0 = symbol(&syms, "runtime.pg0");
    assert_eq!(
        u64::from_le_bytes(read_at(&bytes, &exe, pg0.value, 8).try_into().unwrap()),
        g0.value
    );
    let z = symbol(&syms, "runtime.z");
    assert_eq!((z.ndx.clone(), z.size), (index(".noptrbss"), 24));
    let w = symbol(&syms, "runtime.w");
    assert_eq!(w.ndx, index(".noptrdata"));
    assert_eq!(
        u64::from_le_bytes(read_at(&bytes, &exe, w.value, 8).try_into().unwrap()),
        2
    );
    let out = run(exe.to_str().unwrap(), &[]);
    assert_eq!(out.status.code(), Some(EXIT_CODE));
}

#[test]
fn default_options() {
    let o = Options::default();
    assert_eq!(o.entry, "_rt0_amd64_linux");
    assert!(o.go_version.starts_with("go1.19-tbuild-"));
    assert!(!o.strip_symbols);
}

/// Objects with their link summaries (the facts an earlier read derived, as the driver's
/// cache keeps them) link to the same bytes as objects read afresh, read ahead or not; a
/// summary of other bytes, or a damaged one, is not used: the link derives the facts again
/// and still gives the same bytes.
#[test]
fn objects_with_summaries_link_the_same() {
    use tbuild_linker::summary::summarize;
    let inputs = common::real::program();
    let plain = link(&inputs, &options()).unwrap();
    let summary = |i: &Input| summarize(&i.name, &i.data).unwrap();
    let with = |f: &dyn Fn(usize, Vec<u8>) -> Vec<u8>| -> Vec<Input> {
        let each = inputs.iter().enumerate();
        each.map(|(k, i)| Input {
            summary: Some(f(k, summary(i)).into()),
            ..i.clone()
        })
        .collect()
    };
    let other = summary(&common::real::unused_object_asm());
    let variants = [
        with(&|_, s| s),
        // Another object's summary.
        with(&|_, _| other.clone()),
        // Cut short, or one byte changed in the header.
        with(&|_, s| s[..s.len() / 2].to_vec()),
        with(&|_, mut s| {
            s[9] ^= 1;
            s
        }),
    ];
    for (n, summarized) in variants.iter().enumerate() {
        let bytes = link(summarized, &options()).unwrap();
        assert!(bytes == plain, "variant {n}: a link with summaries differs");
        let ahead = ReadAhead::read(summarized);
        let bytes = link_with(summarized, ahead, &options(), &mut Vec::new())
            .unwrap()
            .to_vec();
        assert!(
            bytes == plain,
            "variant {n}: a link read ahead with summaries differs"
        );
    }
    // Any damage to a summary is caught or harmless: never a panic.
    let s = summary(&inputs[1]);
    for at in 0..s.len() {
        for cut in [false, true] {
            let mut bad = s.clone();
            if cut {
                bad.truncate(at);
            } else {
                bad[at] ^= 0xa5;
            }
            let mut damaged = inputs.clone();
            damaged[1].summary = Some(bad.into());
            let _ = link(&damaged, &options());
        }
    }
}

/// Objects read ahead, as the driver reads the bundled ones while main compiles, link to the
/// same bytes as objects the link reads; an object read ahead from other bytes under an
/// input's name is not taken for it.
#[test]
fn objects_read_ahead_link_the_same() {
    let inputs = common::real::program();
    let plain = link(&inputs, &options()).unwrap();
    for ahead in [
        ReadAhead::read(&inputs),
        ReadAhead::read(&inputs[..1]),
        ReadAhead::read(&[Input {
            name: inputs[1].name.clone(),
            data: common::real::unused_object_asm().data,
            summary: None,
        }]),
    ] {
        let bytes = link_with(&inputs, ahead, &options(), &mut Vec::new())
            .unwrap()
            .to_vec();
        assert!(bytes == plain, "a link with objects read ahead differs");
    }
}
