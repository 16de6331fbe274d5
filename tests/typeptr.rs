//! The pointer facts of type descriptors (`ptrdata` and the `gcdata` mask) against Go's.
//!
//! tests/typeptr/types.src declares a wide set of types and converts a value of each to
//! interface{}, so that both compilers emit their descriptors. It is built with go 1.19 and
//! with tbuild, both runs must print the same, and for each type the program shows, the size,
//! ptrdata and mask bits of its descriptor in go's binary and in tbuild's must be equal. Go's descriptor is Go 1.19's `runtime._type` (runtime/type.go): size
//! at 0, ptrdata at 8, kind at 23 (flag kindGCProg = 1<<6: gcdata is a GC program, not a mask;
//! such types are not compared, Go uses them only for very large types), gcdata at 32.
//! tbuild's is runtime/pkg/runtime/iface.go `_type`: size at 0, ptrdata at 128, gcdata at 136.
//! A mask has one bit per word of the first ptrdata bytes, bit i of byte i/8 for word i.
//! Every type the program shows must be found in both binaries.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;
use object::{Object, ObjectSection};

/// One descriptor's facts: size, ptrdata, and the mask's bits (None: a GC program).
#[derive(Debug, PartialEq)]
struct Facts {
    size: u64,
    ptrdata: u64,
    mask: Option<Vec<bool>>,
}

/// Where each field is in a descriptor: size, ptrdata, gcdata, and the kind byte with the
/// GC-program flag (Go only).
struct Layout {
    ptrdata: u64,
    gcdata: u64,
    kind_gcprog: Option<(u64, u8)>,
}

const GO: Layout = Layout {
    ptrdata: 8,
    gcdata: 32,
    kind_gcprog: Some((23, 1 << 6)),
};

const TBUILD: Layout = Layout {
    ptrdata: 128,
    gcdata: 136,
    kind_gcprog: None,
};

/// The facts of every type the program shows, by type string: the program, run with `addr`,
/// prints each type's string and its descriptor's address, and the descriptor is read out
/// of the executable (a static, non-PIE ELF: addresses are the file's). (Go's linker keeps
/// no `type.*` symbols of its own descriptors in the symbol table, so the program says where
/// they are; that they are the descriptors its interface values hold checks both compilers'
/// conversions too.)
fn descriptors(exe: &Path, at: &Layout) -> BTreeMap<String, Facts> {
    let (out, err, code) = run(std::process::Command::new(exe).arg("addr"));
    assert_eq!(code, 0, "{} addr: {err}", exe.display());
    let data = std::fs::read(exe).unwrap();
    let file = object::File::parse(&*data).unwrap();
    // The bytes at a virtual address (descriptors and masks are in loaded sections).
    let read = |addr: u64, len: u64| -> Vec<u8> {
        for sec in file.sections() {
            if addr >= sec.address() && addr + len <= sec.address() + sec.size() {
                let d = sec.data().unwrap();
                let o = (addr - sec.address()) as usize;
                return d[o..o + len as usize].to_vec();
            }
        }
        panic!("{}: no section holds {addr:#x}+{len}", exe.display());
    };
    let word = |addr: u64| u64::from_le_bytes(read(addr, 8).try_into().unwrap());
    let mut facts = BTreeMap::new();
    for line in out.lines() {
        let Some((name, addr)) = line.split_once('\t') else {
            continue;
        };
        let a = u64::from_str_radix(addr.trim_start_matches("0x"), 16).unwrap();
        let size = word(a);
        let ptrdata = word(a + at.ptrdata);
        let gcprog = at
            .kind_gcprog
            .is_some_and(|(off, flag)| read(a + off, 1)[0] & flag != 0);
        let mask = if gcprog {
            None
        } else if ptrdata == 0 {
            Some(Vec::new())
        } else {
            let words = ptrdata / 8;
            let bytes = read(word(a + at.gcdata), words.div_ceil(8));
            Some(
                (0..words as usize)
                    .map(|i| bytes[i / 8] >> (i % 8) & 1 != 0)
                    .collect(),
            )
        };
        facts.insert(
            name.to_string(),
            Facts {
                size,
                ptrdata,
                mask,
            },
        );
    }
    facts
}

fn show(f: &Facts) -> String {
    let mask = match &f.mask {
        Some(m) => m.iter().map(|&b| if b { '1' } else { '0' }).collect(),
        None => "(gc program)".to_string(),
    };
    format!("size {} ptrdata {} mask {mask}", f.size, f.ptrdata)
}

#[test]
fn descriptor_pointer_masks_match_go() {
    if !have("go") {
        eprintln!("skipping: no go");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let src = root().join("tests/typeptr/types.src");
    let go_exe = dir.path().join("types.go.exe");
    go_build(&src, &go_exe).unwrap();
    let ours = build(&src, dir.path());

    // The program runs the same.
    let (go_out, _, go_code) = run(&mut std::process::Command::new(&go_exe));
    let (our_out, our_err, our_code) = run(&mut std::process::Command::new(&ours));
    assert_eq!((go_code, our_code), (0, 0), "tbuild's run: {our_err}");
    assert_eq!(our_out, go_out);

    let go = descriptors(&go_exe, &GO);
    let tb = descriptors(&ours, &TBUILD);
    let shown: Vec<&str> = go_out
        .lines()
        .filter(|l| !l.starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    assert!(shown.len() >= 50, "only {} types shown", shown.len());
    let mut problems = Vec::new();
    for name in &shown {
        for (who, m) in [("go", &go), ("tbuild", &tb)] {
            if !m.contains_key(*name) {
                problems.push(format!("{who}'s program did not show {name}"));
            }
        }
    }
    let (mut compared, mut with_pointers, mut programs) = (0, 0, 0);
    for (name, g) in &go {
        let Some(t) = tb.get(name) else {
            continue;
        };
        if g.mask.is_none() {
            programs += 1;
            continue;
        }
        compared += 1;
        if g.ptrdata > 0 {
            with_pointers += 1;
        }
        if g != t {
            problems.push(format!(
                "{name}:\n  go     {}\n  tbuild {}",
                show(g),
                show(t)
            ));
        }
    }
    eprintln!(
        "compared {compared} descriptors ({with_pointers} with pointers); \
         {programs} with GC programs not compared"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(compared >= 50, "only {compared} descriptors compared");
    assert!(with_pointers >= 35, "only {with_pointers} with pointers");
}

/// The layout descriptors tbuild makes for the objects it lays out itself (closure records,
/// method values, go statements' and defers' saved calls; codegen lower/gcmask.rs): each
/// `type..gclayout.<size>.<mask hex>` must hold that size, the ptrdata of that mask and a
/// gcdata pointing to that mask, and tests/typeptr/layouts.src must make the records worked
/// out below; types it only allocates must have descriptors (those with pointers). The
/// program must print what go's build of it prints.
#[test]
fn compiler_layouts_describe_their_pointer_words() {
    use object::ObjectSymbol;
    let dir = tempfile::tempdir().unwrap();
    let src = root().join("tests/typeptr/layouts.src");
    let ours = build(&src, dir.path());
    let (out, err, code) = run(&mut std::process::Command::new(&ours));
    assert_eq!(code, 0, "{err}");
    if have("go") {
        let (go_out, _, _) = go_run(&src);
        assert_eq!(out, go_out);
    }
    let data = std::fs::read(&ours).unwrap();
    let file = object::File::parse(&*data).unwrap();
    let read = |addr: u64, len: u64| -> Vec<u8> {
        for sec in file.sections() {
            if addr >= sec.address() && addr + len <= sec.address() + sec.size() {
                let o = (addr - sec.address()) as usize;
                return sec.data().unwrap()[o..o + len as usize].to_vec();
            }
        }
        panic!("no section holds {addr:#x}+{len}");
    };
    let word = |addr: u64| u64::from_le_bytes(read(addr, 8).try_into().unwrap());
    let mut found = Vec::new();
    for s in file.symbols() {
        let Some(rest) = s
            .name()
            .ok()
            .and_then(|n| n.strip_prefix("type..gclayout."))
        else {
            continue;
        };
        let (size, hex) = rest.split_once('.').unwrap();
        let mask: Vec<u8> = (0..hex.len() / 2)
            .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap())
            .collect();
        let last = mask.len() * 8 - mask.last().unwrap().leading_zeros() as usize;
        let a = s.address();
        assert_eq!(word(a).to_string(), size, "{rest}: size");
        assert_eq!(word(a + 8), 0, "{rest}: kind");
        assert_eq!(word(a + TBUILD.ptrdata), 8 * last as u64, "{rest}: ptrdata");
        assert_eq!(
            read(word(a + TBUILD.gcdata), mask.len() as u64),
            mask,
            "{rest}: mask"
        );
        found.push(rest.to_string());
    }
    // Words (bit i = word i):
    // - closure(n, s): code, n, s.ptr, s.len: 32 bytes, 0b0100; methodValue's T{N, S} record
    //   has the same layout;
    // - counter's c, captured by reference: code, &c: 16 bytes, 0b10;
    // - ifaceMethodValue: wrapper code, method code, data word: 24 bytes, 0b100;
    // - go func(s, k, c){...}(msg, 7, done): code, the literal's funcval, s.ptr, s.len, k, c:
    //   48 bytes, 0b100110;
    // - the defer in loopDefers: the node's link and fn, then code, the literal's funcval
    //   (it captures out), k, p: 48 bytes, 0b101011.
    for want in ["32.04", "16.02", "24.04", "48.26", "48.2b"] {
        assert!(
            found.iter().any(|f| f == want),
            "no type..gclayout.{want}; found {found:?}"
        );
    }
    // Types the program only allocates (new, make, append) have descriptors because the
    // allocations pass them; a pointer-free one is allocated with nil.
    let has = |name: &str| file.symbols().any(|s| s.name() == Ok(name));
    for t in ["onlyNew", "onlyMade", "onlyAppended"] {
        assert!(has(&format!("type.main.{t}")), "no descriptor of main.{t}");
    }
    assert!(
        !has("type.main.noPtrs"),
        "main.noPtrs allocated with its descriptor"
    );
}
