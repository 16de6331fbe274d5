//! The output is a standard ELF file laid out as Go's, checked with independent tools:
//! readelf (sections, segments, symbols, entry, warnings), eu-elflint, gdb, and GNU ld
//! (which must be able to link tbuild's objects into a program that behaves the same).

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

/// Builds hello with `-work` and returns (executable, work directory).
fn build_hello(dir: &Path) -> (PathBuf, PathBuf) {
    let exe = dir.join("hello");
    let (_, err, code) = run(tbuild()
        .arg("-o")
        .arg(&exe)
        .arg("-work")
        .arg(root().join("examples/hello.src")));
    assert_eq!(code, 0, "{err}");
    let work = err
        .lines()
        .find_map(|l| l.strip_prefix("WORK="))
        .expect("-work prints WORK=dir")
        .to_string();
    (exe, PathBuf::from(work))
}

fn readelf(args: &[&str], exe: &Path) -> String {
    let (out, err, code) = run(Command::new("readelf").args(args).arg(exe));
    assert_eq!(code, 0, "{err}");
    assert!(
        !err.contains("Warning") && !out.contains("Warning"),
        "readelf warns: {err}{out}"
    );
    out
}

/// `readelf -S -W` rows: (index, name, type, address, flags).
fn sections(exe: &Path) -> Vec<(usize, String, String, u64, String)> {
    readelf(&["-S", "-W"], exe)
        .lines()
        .filter_map(|l| {
            let l = l.trim_start().strip_prefix('[')?;
            let (idx, rest) = l.split_once(']')?;
            let f: Vec<&str> = rest.split_whitespace().collect();
            if f.len() < 7 || f[0] == "Nr" {
                return None;
            }
            let (name, ty, addr) = (f[0], f[1], f[2]);
            // Flags sit between the entry size and the link fields; NULL has none.
            let flags = if f.len() >= 10 {
                f[6].to_string()
            } else {
                String::new()
            };
            Some((
                idx.trim().parse().ok()?,
                name.to_string(),
                ty.to_string(),
                u64::from_str_radix(addr, 16).ok()?,
                flags,
            ))
        })
        .collect()
}

/// The value of `#define name N` in go_asm.h.
fn asm_define(work: &Path, name: &str) -> u64 {
    let h = fs::read_to_string(work.join("runtime_go_asm.h")).unwrap();
    h.lines()
        .find_map(|l| l.strip_prefix(&format!("#define {name} ")))
        .unwrap_or_else(|| panic!("{name} not in go_asm.h"))
        .trim()
        .parse()
        .unwrap()
}

#[test]
fn sections_are_in_go_order_with_go_flags() {
    if !have("readelf") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (exe, _) = build_hello(dir.path());
    let secs = sections(&exe);
    let want = [
        (".text", "AX"),
        (".rodata", "A"),
        (".typelink", "A"),
        (".itablink", "A"),
        (".gosymtab", "A"),
        (".gopclntab", "A"),
        (".go.buildinfo", "WA"),
        (".noptrdata", "WA"),
        (".data", "WA"),
        (".bss", "WA"),
        (".noptrbss", "WA"),
    ];
    let loaded: Vec<_> = secs
        .iter()
        .filter(|s| want.iter().any(|w| w.0 == s.1))
        .collect();
    let names: Vec<&str> = loaded.iter().map(|s| s.1.as_str()).collect();
    assert_eq!(names, want.iter().map(|w| w.0).collect::<Vec<_>>());
    for (s, w) in loaded.iter().zip(want) {
        assert_eq!(s.4, w.1, "flags of {}", s.1);
    }
    // Addresses increase in that order, and .text starts where Go's does.
    assert!(loaded.windows(2).all(|w| w[0].3 <= w[1].3));
    assert_eq!(loaded[0].3, 0x401000);
    assert!(secs
        .iter()
        .any(|s| s.1 == ".note.go.buildid" && s.2 == "NOTE"));
    for (_, name, ty, _, _) in &secs {
        if name == ".bss" || name == ".noptrbss" {
            assert_eq!(ty, "NOBITS");
        }
    }
}

/// `readelf -s -W` rows: (value, size, section index, name).
fn symbols(exe: &Path) -> Vec<(u64, u64, String, String)> {
    readelf(&["-s", "-W"], exe)
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            if f.len() < 8 || !f[0].ends_with(':') {
                return None;
            }
            Some((
                u64::from_str_radix(f[1], 16).ok()?,
                f[2].parse().ok()?,
                f[6].to_string(),
                f[7..].join(" "),
            ))
        })
        .collect()
}

/// `.typelink` and `.itablink` as Go's linker fills them (ld/typelink.go), read back with
/// readelf: each `.typelink` int32 plus `runtime.types` is the address of a type descriptor
/// symbol of an unnamed pointer, slice, array, map, func or struct type, every such
/// descriptor is listed once, by type string; each `.itablink` word is the address of a
/// `go.itab.*` symbol, and every itab is listed once. The descriptors lie in .rodata, between
/// runtime.types and runtime.etypes, as Go's do.
#[test]
fn typelink_and_itablink_list_the_descriptors_and_itabs() {
    if !have("readelf") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let exe = dir.path().join("itabs");
    let (_, err, code) = run(tbuild()
        .arg("-o")
        .arg(&exe)
        .arg(root().join("tests/corpus/rtapi_itab_shared.src")));
    assert_eq!(code, 0, "{err}");
    let secs = sections(&exe);
    let index = |name: &str| secs.iter().find(|s| s.1 == name).unwrap().0.to_string();
    let (rodata, typelink, itablink) = (index(".rodata"), index(".typelink"), index(".itablink"));
    let syms = symbols(&exe);
    let addr = |name: &str| syms.iter().find(|s| s.3 == name).unwrap().0;
    let (types, etypes) = (addr("runtime.types"), addr("runtime.etypes"));
    assert_eq!(types, secs.iter().find(|s| s.1 == ".rodata").unwrap().3);

    // The section contents, located by readelf's section headers.
    let bytes = fs::read(&exe).unwrap();
    let contents = |name: &str| -> Vec<u8> {
        let out = readelf(&["-S", "-W"], &exe);
        let row = out
            .lines()
            .find(|l| l.split_whitespace().any(|w| w == name))
            .unwrap();
        let f: Vec<&str> = row.split(']').nth(1).unwrap().split_whitespace().collect();
        let off = usize::from_str_radix(f[3], 16).unwrap();
        let size = usize::from_str_radix(f[4], 16).unwrap();
        bytes[off..off + size].to_vec()
    };

    let typelinked = |n: &str| {
        n.strip_prefix("type.").is_some_and(|t| {
            ["*", "[", "map[", "func(", "struct {", "chan "]
                .iter()
                .any(|p| t.starts_with(p))
        })
    };
    let mut want_types: Vec<(String, u64)> = syms
        .iter()
        .filter(|s| typelinked(&s.3) && s.1 > 0)
        .map(|s| {
            assert_eq!(s.2, rodata, "{} is not in .rodata", s.3);
            assert!(
                types <= s.0 && s.0 < etypes,
                "{} outside runtime.types",
                s.3
            );
            (s.3.clone(), s.0)
        })
        .collect();
    want_types.sort();
    want_types.dedup();
    let tl = contents(".typelink");
    assert_eq!(tl.len(), 4 * want_types.len());
    assert!(want_types.iter().any(|t| t.0 == "type.*main.Square"));
    for (i, (name, a)) in want_types.iter().enumerate() {
        let off = i32::from_le_bytes(tl[4 * i..4 * i + 4].try_into().unwrap());
        assert_eq!(types + off as u64, *a, ".typelink[{i}] is not {name}");
    }
    assert!(syms
        .iter()
        .any(|s| s.3 == "runtime.typelink" && s.2 == typelink));

    let mut want_itabs: Vec<(String, u64)> = syms
        .iter()
        .filter(|s| s.3.starts_with("go.itab.") && s.1 > 0)
        .map(|s| (s.3.clone(), s.0))
        .collect();
    want_itabs.sort();
    want_itabs.dedup();
    assert!(want_itabs
        .iter()
        .any(|t| t.0 == "go.itab.main.Square,main.Shape"));
    let il = contents(".itablink");
    assert_eq!(il.len(), 8 * want_itabs.len());
    for (i, (name, a)) in want_itabs.iter().enumerate() {
        let p = u64::from_le_bytes(il[8 * i..8 * i + 8].try_into().unwrap());
        assert_eq!(p, *a, ".itablink[{i}] is not {name}");
    }
    assert!(syms
        .iter()
        .any(|s| s.3 == "runtime.itablink" && s.2 == itablink));
}

#[test]
fn g0_and_m0_are_global_objects_of_their_size_in_data() {
    if !have("readelf") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (exe, work) = build_hello(dir.path());
    let data_index = sections(&exe)
        .into_iter()
        .find(|s| s.1 == ".data")
        .unwrap()
        .0;
    let syms = readelf(&["-s", "-W"], &exe);
    for (sym, size) in [
        ("runtime.g0", asm_define(&work, "g__size")),
        ("runtime.m0", asm_define(&work, "m__size")),
    ] {
        let row: Vec<&str> = syms
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>())
            .find(|f| f.last() == Some(&sym))
            .unwrap_or_else(|| panic!("{sym} missing from the symbol table"))
            .into_iter()
            .collect();
        // Num: Value Size Type Bind Vis Ndx Name
        assert_eq!(row[2].parse::<u64>().unwrap(), size, "{sym} size");
        assert_eq!((row[3], row[4]), ("OBJECT", "GLOBAL"), "{sym}");
        assert_eq!(
            row[6].parse::<usize>().unwrap(),
            data_index,
            "{sym} is in .data"
        );
    }
    for sym in [
        "main.main",
        "runtime.rt0_go",
        "_rt0_amd64",
        "_rt0_amd64_linux",
        "runtime.main",
        "runtime.settls",
    ] {
        assert!(
            syms.lines()
                .any(|l| l.contains(" FUNC ") && l.ends_with(&format!(" {sym}"))),
            "{sym} is a FUNC"
        );
    }
}

fn entry_and_rt0(exe: &Path) -> (u64, u64) {
    let h = readelf(&["-h"], exe);
    let entry = h
        .lines()
        .find_map(|l| l.trim().strip_prefix("Entry point address:"))
        .unwrap()
        .trim();
    let entry = u64::from_str_radix(entry.trim_start_matches("0x"), 16).unwrap();
    let syms = readelf(&["-s", "-W"], exe);
    let rt0 = syms
        .lines()
        .find(|l| l.ends_with(" _rt0_amd64_linux"))
        .and_then(|l| l.split_whitespace().nth(1).map(str::to_string))
        .unwrap();
    (entry, u64::from_str_radix(&rt0, 16).unwrap())
}

#[test]
fn entry_is_rt0_amd64_linux_and_segments_are_sound() {
    if !have("readelf") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (exe, _) = build_hello(dir.path());
    let (entry, rt0) = entry_and_rt0(&exe);
    assert_eq!(entry, rt0);
    readelf(&["-a"], &exe); // asserts no warnings
    let l = readelf(&["-l", "-W"], &exe);
    let mut loads = 0;
    for row in l.lines().map(|r| r.split_whitespace().collect::<Vec<_>>()) {
        match row.first() {
            Some(&"LOAD") => {
                loads += 1;
                let off = u64::from_str_radix(row[1].trim_start_matches("0x"), 16).unwrap();
                let va = u64::from_str_radix(row[2].trim_start_matches("0x"), 16).unwrap();
                assert_eq!(off % 4096, va % 4096, "congruent: {row:?}");
                assert_eq!(va % 4096, 0, "page-aligned: {row:?}");
                let flags = row[6..row.len() - 1].join("");
                assert!(
                    !(flags.contains('W') && flags.contains('E')),
                    "W+X segment: {row:?}"
                );
            }
            Some(&"GNU_STACK") => assert!(!row.join(" ").contains(" RWE "), "executable stack"),
            _ => {}
        }
    }
    assert_eq!(loads, 3);
    assert!(l.contains("GNU_STACK"));
}

#[test]
fn elflint_accepts_the_binary() {
    if !have("eu-elflint") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (exe, _) = build_hello(dir.path());
    let (out, err, _) = run(Command::new("eu-elflint").arg("--gnu-ld").arg(&exe));
    // elflint does not know Go's build-ID note type (it says the same of Go's own binaries).
    let complaints: Vec<&str> = out
        .lines()
        .chain(err.lines())
        .filter(|l| !l.contains("unknown object file note type 4 with owner name 'Go'"))
        .collect();
    assert!(complaints.is_empty(), "{complaints:?}");
}

#[test]
fn gdb_breaks_at_the_entry_and_runs_hello() {
    if !have("gdb") || !have("readelf") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (exe, _) = build_hello(dir.path());
    let (entry, _) = entry_and_rt0(&exe);
    let (out, err, code) = run(Command::new("gdb")
        .args(["-nx", "-batch"])
        .arg("-ex")
        .arg(format!("break *{entry:#x}"))
        .args([
            "-ex",
            "run",
            "-ex",
            "info symbol $pc",
            "-ex",
            "bt 1",
            "-ex",
            "continue",
        ])
        .arg(&exe));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(&format!("Breakpoint 1 at {entry:#x}")),
        "{out}"
    );
    assert!(out.contains("_rt0_amd64_linux in section .text"), "{out}");
    assert!(out.contains("hello world"), "{out}");
    assert!(out.contains("exited normally"), "{out}");
}

#[test]
fn gnu_ld_links_tbuilds_objects_into_the_same_program() {
    if !have("ld") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (_, work) = build_hello(dir.path());
    let mut objs: Vec<PathBuf> = fs::read_dir(&work)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "o"))
        .collect();
    objs.sort();
    // GNU ld knows nothing of Go's tables: the script lays out Go's sections and defines the
    // symbols tbuild's linker synthesizes (runtime.text/etext, a minimal pcHeader with one
    // function, "root", spanning all of .text, which the runtime's moduledataverify accepts,
    // zeroed findfunctab buckets, empty .typelink/.itablink tables, a build-info blob, the
    // bounds of .data and .bss and all-pointer bitmaps of them for the collector, and the
    // bounds of all package-level variables, which SetFinalizer checks, and the byte saying
    // whether the program reads its memory profile).
    let script = dir.path().join("go.ld");
    fs::write(
        &script,
        r#"ENTRY(_rt0_amd64_linux)
SECTIONS {
  . = 0x401000;
  .text : { "runtime.text" = .; *(.text .text.*) "runtime.etext" = .; }
  . = ALIGN(4096);
  .rodata : {
    "runtime.types" = .; *(.rodata .rodata.*) *(.data.rel.ro .data.rel.ro.*) "runtime.etypes" = .;
    /* empty .typelink and .itablink tables: itabsinit registers nothing */
    "runtime.typelink" = .; "runtime.etypelink" = .;
    "runtime.itablink" = .; "runtime.eitablink" = .;
  }
  .gopclntab : ALIGN(32) {
    "runtime.pcheader" = .;
    LONG(0xfffffff0) BYTE(0) BYTE(0) BYTE(1) BYTE(8)
    QUAD(1) QUAD(0) QUAD("runtime.text")
    QUAD(72) QUAD(88) QUAD(88) QUAD(88) QUAD(88)
    /* funcnametab at 72 */
    LONG(0x746f6f72) LONG(0) LONG(0) LONG(0)
    /* functab at 88: {entryoff 0, funcoff 16}, end = etext - text */
    LONG(0) LONG(16) LONG("runtime.etext" - "runtime.text") LONG(0)
    /* _func at 88+16: entryoff, nameoff, args, deferreturn, pcsp, pcfile, pcln, npcdata,
       cuOffset, funcID/flag/pad/nfuncdata */
    LONG(0) LONG(0) LONG(0x80000000) LONG(0) LONG(0) LONG(0) LONG(0) LONG(0) LONG(0) LONG(0)
    /* findfunctab: zeroed buckets (every pc maps to function 0) for 400 KB of text */
    "runtime.findfunctab" = .;
    . = . + 2000;
  }
  . = ALIGN(4096);
  /* a build-info blob without the inline-strings flag: runtime.Version() is "" */
  .go.buildinfo : { "go.buildinfo" = .; . = . + 48; }
  /* the collector's pointer bitmaps of .data and .bss: every word a pointer (64 KiB of
     mask each covers 4 MiB), the conservative reading of sections ld knows nothing of */
  .gcmaps : { FILL(0xff); "runtime.gcdata" = .; . = . + 65536; "runtime.gcbss" = .; . = . + 65536; }
  /* the program does not read its memory profile: the runtime samples nothing */
  .memprofile : { "runtime.memProfileUsed" = .; BYTE(0) }
  .noptrdata : { "runtime.noptrdata" = .; *(.noptrdata) }
  .data : { "runtime.data" = .; *(.data .data.*) "runtime.edata" = .; }
  .bss : { "runtime.bss" = .; *(.bss .bss.*) "runtime.ebss" = .; }
  .noptrbss : { *(.noptrbss) "runtime.enoptrbss" = .; }
  /DISCARD/ : { *(.note.GNU-stack) *(.eh_frame) }
}
"#,
    )
    .unwrap();
    let exe = dir.path().join("hello-ld");
    let (_, err, code) = run(Command::new("ld")
        .args(["-static", "-e", "_rt0_amd64_linux", "-T"])
        .arg(&script)
        .arg("-o")
        .arg(&exe)
        .args(&objs));
    assert_eq!(code, 0, "ld failed: {err}");
    let (out, err, code) = run(&mut Command::new(&exe));
    assert_eq!((out.as_str(), err.as_str(), code), ("hello world\n", "", 0));
    let _ = fs::remove_dir_all(&work);
}
