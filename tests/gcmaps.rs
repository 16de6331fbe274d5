//! The pointer bitmaps of `.data` and `.bss` (`runtime.gcdata`, `runtime.gcbss`) against Go's.
//!
//! Each program is built with go and with tbuild. For every variable of package main in either
//! bitmap's range (`main.*` OBJECT symbols), its words' bits are read out of each binary's
//! bitmaps and must be equal. Go's bitmaps are GC programs: this file decodes them as the
//! runtime does at start-up (runtime/mbitmap.go runGCProg, the format of
//! cmd/internal/gcprog), independently of tbuild's linker. A variable in a noptr section, or
//! outside both ranges, has no pointer bits; so a variable tbuild put in a noptr section while
//! go scans it (or the reverse) fails too.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;
use object::{Object, ObjectSection, ObjectSymbol, SymbolKind};

/// Expands a GC program into one bool per word.
fn run_gcprog(prog: &[u8]) -> Vec<bool> {
    let mut bits: Vec<bool> = Vec::new();
    let mut p = 0usize;
    let varint = |p: &mut usize| -> usize {
        let mut v = 0usize;
        let mut shift = 0;
        loop {
            let b = prog[*p];
            *p += 1;
            v |= ((b & 0x7f) as usize) << shift;
            if b & 0x80 == 0 {
                return v;
            }
            shift += 7;
        }
    };
    loop {
        let inst = prog[p];
        p += 1;
        let mut n = (inst & 0x7f) as usize;
        if inst & 0x80 == 0 {
            if n == 0 {
                return bits;
            }
            for i in 0..n {
                bits.push(prog[p + i / 8] >> (i % 8) & 1 != 0);
            }
            p += n.div_ceil(8);
            continue;
        }
        if n == 0 {
            n = varint(&mut p);
        }
        let c = varint(&mut p);
        let from = bits.len() - n;
        for _ in 0..c {
            for i in 0..n {
                bits.push(bits[from + i]);
            }
        }
    }
}

/// Each `main.*` variable's pointer bits (one per word of its size), from a binary's bitmaps:
/// `decode` turns a bitmap symbol's bytes into per-word bits.
fn variable_bits(exe: &Path, decode: fn(&[u8]) -> Vec<bool>) -> BTreeMap<String, Vec<bool>> {
    let data = std::fs::read(exe).unwrap();
    let file = object::File::parse(&*data).unwrap();
    let sym = |name: &str| {
        file.symbols()
            .find(|s| s.name() == Ok(name))
            .unwrap_or_else(|| panic!("{}: no symbol {name}", exe.display()))
    };
    let bytes_of = |name: &str| {
        let s = sym(name);
        let sec = file.section_by_index(s.section_index().unwrap()).unwrap();
        let d = sec.data().unwrap();
        let at = (s.address() - sec.address()) as usize;
        d[at..at + s.size() as usize].to_vec()
    };
    let ranges = [
        (
            sym("runtime.data").address(),
            sym("runtime.edata").address(),
            decode(&bytes_of("runtime.gcdata")),
        ),
        (
            sym("runtime.bss").address(),
            sym("runtime.ebss").address(),
            decode(&bytes_of("runtime.gcbss")),
        ),
    ];
    let mut out = BTreeMap::new();
    for s in file.symbols() {
        let name = s.name().unwrap_or("");
        if s.kind() != SymbolKind::Data || !name.starts_with("main.") || name.contains("..") {
            continue;
        }
        let words = s.size().div_ceil(8);
        let mut bits = vec![false; words as usize];
        for (start, end, map) in &ranges {
            if s.address() >= *start && s.address() < *end {
                let w0 = ((s.address() - start) / 8) as usize;
                for (i, b) in bits.iter_mut().enumerate() {
                    *b = map.get(w0 + i).copied().unwrap_or(false);
                }
            }
        }
        out.insert(name.to_string(), bits);
    }
    out
}

fn plain_bitmap(b: &[u8]) -> Vec<bool> {
    (0..b.len() * 8)
        .map(|i| b[i / 8] >> (i % 8) & 1 != 0)
        .collect()
}

fn show(bits: &[bool]) -> String {
    bits.iter().map(|&b| if b { '1' } else { '0' }).collect()
}

#[test]
fn package_variables_bitmaps_match_go() {
    if !have("go") {
        eprintln!("skipping: no go");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut compared = 0;
    for name in [
        "gc_roots_vars",
        "global_init_kinds",
        "complex_globals",
        "globals_state",
    ] {
        let src = root().join("tests/corpus").join(format!("{name}.src"));
        let go_exe = dir.path().join(format!("{name}.go.exe"));
        go_build(&src, &go_exe).unwrap();
        let ours = build(&src, dir.path());
        let go_bits = variable_bits(&go_exe, run_gcprog);
        let our_bits = variable_bits(&ours, plain_bitmap);
        let mut mismatches = Vec::new();
        for (var, gb) in &go_bits {
            let Some(ob) = our_bits.get(var) else {
                continue;
            };
            compared += 1;
            if gb != ob {
                mismatches.push(format!(
                    "{name}: {var}: go {} tbuild {}",
                    show(gb),
                    show(ob)
                ));
            }
        }
        assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    }
    assert!(compared >= 30, "only {compared} variables compared");
}

#[test]
fn gcprog_decoder_reads_literals_and_repeats() {
    // Literal 3 bits 101, then repeat the last 3 bits twice, then literal 1 bit 1, end.
    let prog = [0x03, 0b101, 0x83, 0x02, 0x01, 0x01, 0x00];
    assert_eq!(show(&run_gcprog(&prog)), "1011011011");
}
