//! `.gopclntab`, `.go.buildinfo` and `.note.go.buildid` checked twice: by a decoder written
//! here from debug/gosym/pclntab.go's description of the Go 1.18 format (independent of the
//! linker's encoder), and — when `go` is installed — by Go's own readers: `debug/gosym`
//! (NewLineTable/NewTable), `go version`, `go version -m` and `go tool buildid`.
//!
//! The pc-value tables (pcsp, pcfile, pcln), the cutab/filetab and `runtime.findfunctab` are
//! checked on objects GNU `as -g` writes (DWARF 4 and 5 line programs), from a source whose
//! every instruction's line, size and SP delta the test states itself.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;
use object::{SectionKind, SymbolKind};
use tbuild_linker::{link, Input};

/// Functions with Go-ish names: runtime specials (funcID / TOPFRAME), a generic instance,
/// methods, and a zero-size symbol that must not appear.
fn funcs_object() -> (Input, Vec<&'static str>) {
    let names = vec![
        "runtime.rt0_go",
        "runtime.mstart",
        "runtime.goexit",
        "runtime.main",
        "runtime.morestack",
        "runtime.systemstack",
        "runtime.gogo",
        "runtime.deferreturn",
        "fmt.(*pp).printArg",
        "main.T.M",
        "main.Map[go.shape.int_0,go.shape.string_1]",
        "internal/cpu.Initialize",
    ];
    let mut o = Obj::new();
    let text = o.section(".text.funcs", SectionKind::Text);
    for (i, name) in names.iter().enumerate() {
        let body = vec![0x90; 3 + i * 5];
        let mut body = body;
        body.push(0xc3);
        o.define(text, name, &body, 32, SymbolKind::Text, true);
    }
    let off = o.obj.append_section_data(text, &[], 1);
    o.symbol(text, "main.zerosize", off, 0, SymbolKind::Text, true);
    (o.input("funcs.o"), names)
}

#[derive(Debug, PartialEq)]
struct DecodedFunc {
    name: String,
    entry: u64,
    end: u64,
    args: u32,
    func_id: u8,
    flag: u8,
    /// pctab offsets (0: none) and the cutab index.
    pcsp: u32,
    pcfile: u32,
    pcln: u32,
    cu: u32,
}

/// The tables a decoded pclntab's functions refer to.
struct Decoded {
    funcs: Vec<DecodedFunc>,
    /// Every filetab name, in order.
    files: Vec<String>,
    /// cutab: filetab offsets.
    cutab: Vec<u32>,
    filetab: usize,
    pctab: usize,
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().unwrap())
}
fn u64_at(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().unwrap())
}

/// Decode a Go 1.18 pclntab as debug/gosym does (parsePclnTab, go12Funcs, funcTab, funcData):
/// header {magic 0xfffffff0, 0, 0, quantum, ptrsize, then ptrsize words: nfunc, nfiles,
/// textStart, funcnametab, cutab, filetab, pctab, functab offsets}, functab = (nfunc*2+1)
/// u32 fields (entry offsets from textStart and _func offsets), _func = {entryoff, nameoff,
/// args, deferreturn, pcsp, pcfile, pcln, npcdata, cuOffset, funcID u8, flag u8, _, nfuncdata}.
fn decode(tab: &[u8], text_start: u64) -> Vec<DecodedFunc> {
    decode_all(tab, text_start).funcs
}

fn decode_all(tab: &[u8], text_start: u64) -> Decoded {
    assert_eq!(u32_at(tab, 0), 0xffff_fff0, "magic");
    assert_eq!(
        (tab[4], tab[5], tab[6], tab[7]),
        (0, 0, 1, 8),
        "pad, pad, quantum, ptrsize"
    );
    let word = |i: usize| u64_at(tab, 8 + i * 8) as usize;
    let (nfunc, nfiles) = (word(0), word(1));
    assert_eq!(word(2) as u64, text_start, "textStart");
    let (names, cutab, filetab, pctab, functab) = (word(3), word(4), word(5), word(6), word(7));
    assert!(
        72 <= names && names <= cutab && cutab <= filetab && filetab <= pctab && pctab < functab
    );
    // filetab: exactly nfiles NUL-terminated names (debug/gosym go12MapFiles reads it so).
    let mut files = Vec::new();
    let mut at = filetab;
    for _ in 0..nfiles {
        let len = tab[at..].iter().position(|&b| b == 0).unwrap();
        files.push(String::from_utf8(tab[at..at + len].to_vec()).unwrap());
        at += len + 1;
    }
    assert!(at <= pctab);
    let cutab_entries: Vec<u32> = (cutab..filetab)
        .step_by(4)
        .map(|a| u32_at(tab, a))
        .collect();
    assert_eq!(tab[pctab], 0, "pctab starts with its pad byte");
    assert!(functab + (nfunc * 2 + 1) * 4 <= tab.len());
    let field = |i: usize| u32_at(tab, functab + i * 4) as u64;
    let mut out = Vec::new();
    for i in 0..nfunc {
        let entry = text_start + field(2 * i);
        let end = text_start + field(2 * i + 2);
        let f = functab + field(2 * i + 1) as usize;
        assert_eq!(f % 4, 0, "_func alignment");
        assert!(f + 40 <= tab.len(), "_func {i} out of range");
        assert_eq!(u32_at(tab, f) as u64 + text_start, entry, "_func.entryoff");
        let nameoff = names + u32_at(tab, f + 4) as usize;
        let len = tab[nameoff..].iter().position(|&b| b == 0).unwrap();
        let name = String::from_utf8(tab[nameoff..nameoff + len].to_vec()).unwrap();
        for (k, what) in [(12, "deferreturn"), (28, "npcdata")] {
            assert_eq!(u32_at(tab, f + k), 0, "{name}: {what}");
        }
        assert_eq!(tab[f + 39], 0, "{name}: nfuncdata");
        let (pcsp, pcfile, pcln) = (
            u32_at(tab, f + 16),
            u32_at(tab, f + 20),
            u32_at(tab, f + 24),
        );
        for off in [pcsp, pcfile, pcln] {
            assert!(
                pctab + (off as usize) < functab,
                "{name}: table offset {off}"
            );
        }
        out.push(DecodedFunc {
            name,
            entry,
            end,
            args: u32_at(tab, f + 8),
            func_id: tab[f + 36],
            flag: tab[f + 37],
            pcsp,
            pcfile,
            pcln,
            cu: u32_at(tab, f + 32),
        });
    }
    assert!(
        out.windows(2).all(|w| w[0].entry < w[1].entry),
        "sorted by entry"
    );
    Decoded {
        funcs: out,
        files,
        cutab: cutab_entries,
        filetab,
        pctab,
    }
}

/// A pc-value table decoded as runtime/symtab.go `step` reads it: (start, end, value) runs
/// relative to the entry. Each pair is a zig-zag varint value delta (from -1) and a varint
/// pc delta; a zero value delta after the first pair ends the table.
fn pcvalue_runs(tab: &[u8], pctab: usize, off: u32) -> Vec<(u64, u64, i32)> {
    fn varint(tab: &[u8], p: &mut usize) -> u32 {
        let (mut v, mut shift) = (0u32, 0);
        loop {
            let b = tab[*p];
            *p += 1;
            v |= u32::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return v;
            }
            shift += 7;
        }
    }
    if off == 0 {
        return Vec::new();
    }
    let mut p = pctab + off as usize;
    let (mut pc, mut val, mut out) = (0u64, -1i32, Vec::new());
    loop {
        if tab[p] == 0 && !out.is_empty() {
            return out;
        }
        let uv = varint(tab, &mut p);
        val = val.wrapping_add((-((uv & 1) as i32)) ^ (uv >> 1) as i32);
        let start = pc;
        pc += u64::from(varint(tab, &mut p));
        out.push((start, pc, val));
    }
}

/// The value of a run list at a function-relative pc.
fn value_at(runs: &[(u64, u64, i32)], pc: u64) -> Option<i32> {
    runs.iter().find(|r| r.0 <= pc && pc < r.1).map(|r| r.2)
}

fn pclntab_of(bytes: &[u8], exe: &Path) -> (Vec<u8>, u64) {
    let secs = sections(exe);
    let p = secs.iter().find(|s| s.name == ".gopclntab").unwrap();
    let t = secs.iter().find(|s| s.name == ".text").unwrap();
    (
        bytes[p.off as usize..(p.off + p.size) as usize].to_vec(),
        t.addr,
    )
}

/// The table's functions should be exactly the FUNC symbols with a size, in address order.
fn expected_funcs(exe: &Path) -> Vec<(String, u64, u64)> {
    let mut v: Vec<(String, u64, u64)> = symbols(exe)
        .into_iter()
        .filter(|s| s.kind == "FUNC" && s.size > 0)
        .map(|s| (s.name, s.value, s.value + s.size))
        .collect();
    v.sort_by_key(|f| f.1);
    v
}

#[test]
fn pclntab_decodes_with_independent_decoder() {
    let (funcs, names) = funcs_object();
    let bytes = link(&[rt0_object(), main_object(), funcs], &options()).unwrap();
    let (_d, exe) = write_exe(&bytes);
    let (tab, text) = pclntab_of(&bytes, &exe);
    let decoded = decode(&tab, text);
    let want = expected_funcs(&exe);
    assert_eq!(decoded.len(), want.len());
    for (i, (d, (name, entry, end))) in decoded.iter().zip(&want).enumerate() {
        let table_name = if name.contains('[') {
            "main.Map[...]".to_string()
        } else {
            name.clone()
        };
        assert_eq!((&d.name, d.entry), (&table_name, *entry));
        if i + 1 == want.len() {
            assert_eq!(d.end, *end, "end of the last function");
        } else {
            assert_eq!(d.end, want[i + 1].1);
        }
        // ArgsSizeUnknown, except main.main: Go's spec gives it no arguments.
        let args = if d.name == "main.main" {
            0
        } else {
            0x8000_0000
        };
        assert_eq!(d.args, args, "{}: args", d.name);
    }
    assert!(names.iter().all(|n| want.iter().any(|w| &w.0 == n)));
    assert!(!decoded.iter().any(|d| d.name == "main.zerosize"));
    let id = |n: &str| decoded.iter().find(|d| d.name == n).unwrap();
    // Go 1.19's funcID enum (runtime/symtab.go) and TOPFRAME.
    assert_eq!(
        (id("runtime.rt0_go").func_id, id("runtime.rt0_go").flag),
        (15, 1)
    );
    assert_eq!(
        (id("runtime.mstart").func_id, id("runtime.mstart").flag),
        (13, 1)
    );
    assert_eq!(
        (id("runtime.goexit").func_id, id("runtime.goexit").flag),
        (7, 1)
    );
    assert_eq!(id("runtime.main").func_id, 17);
    assert_eq!(id("runtime.morestack").func_id, 12);
    assert_eq!(id("runtime.systemstack").func_id, 19);
    assert_eq!(id("runtime.gogo").func_id, 8);
    assert_eq!(id("runtime.deferreturn").func_id, 21);
    assert_eq!((id("main.main").func_id, id("main.main").flag), (0, 0));
    // pcheader = start of the section = runtime.pclntab.
    let syms = symbols(&exe);
    let p = sections(&exe)
        .into_iter()
        .find(|s| s.name == ".gopclntab")
        .unwrap();
    assert_eq!(symbol(&syms, "runtime.pcheader").value, p.addr);
    assert_eq!(symbol(&syms, "runtime.epclntab").value, p.addr + p.size);
}

#[test]
fn buildinfo_and_note_bytes() {
    let opts = options();
    let bytes = link(&[rt0_object(), main_object()], &opts).unwrap();
    let (_d, exe) = write_exe(&bytes);
    let secs = sections(&exe);
    let bi = secs.iter().find(|s| s.name == ".go.buildinfo").unwrap();
    let b = &bytes[bi.off as usize..(bi.off + bi.size) as usize];
    assert_eq!(&b[..14], b"\xff Go buildinf:");
    assert_eq!((b[14], b[15]), (8, 2));
    assert!(b[16..32].iter().all(|&x| x == 0));
    assert_eq!(b[32] as usize, opts.go_version.len());
    assert_eq!(
        &b[33..33 + opts.go_version.len()],
        opts.go_version.as_bytes()
    );
    assert_eq!(b.len() % 16, 0);
    let note = secs.iter().find(|s| s.name == ".note.go.buildid").unwrap();
    let n = &bytes[note.off as usize..(note.off + note.size) as usize];
    assert_eq!(u32_at(n, 0), 4);
    assert_eq!(u32_at(n, 4) as usize, opts.build_id.len());
    assert_eq!(u32_at(n, 8), 4);
    assert_eq!(&n[12..16], b"Go\0\0");
    assert_eq!(&n[16..16 + opts.build_id.len()], opts.build_id.as_bytes());
}

/// `go`, with a cache directory even where HOME is not set; None (and a printed reason) when
/// Go is not installed.
fn go() -> Option<Command> {
    if !have("go") {
        println!("skipping: `go` is not installed");
        return None;
    }
    let mut cmd = Command::new("go");
    if std::env::var_os("GOCACHE").is_none() {
        cmd.env(
            "GOCACHE",
            std::env::temp_dir().join("tbuild-linker-gocache"),
        );
    }
    cmd.env("GO111MODULE", "off").env("GOFLAGS", "");
    Some(cmd)
}

const GOSYM_CHECK: &str = r#"package main

import (
	"debug/elf"
	"debug/gosym"
	"fmt"
	"os"
)

func main() {
	f, err := elf.Open(os.Args[1])
	if err != nil {
		panic(err)
	}
	pcln, err := f.Section(".gopclntab").Data()
	if err != nil {
		panic(err)
	}
	symtab, err := f.Section(".gosymtab").Data()
	if err != nil {
		panic(err)
	}
	lt := gosym.NewLineTable(pcln, f.Section(".text").Addr)
	t, err := gosym.NewTable(symtab, lt)
	if err != nil {
		panic(err)
	}
	for _, fn := range t.Funcs {
		fmt.Printf("%s %x %x\n", fn.Name, fn.Entry, fn.End)
	}
	if fn := t.PCToFunc(t.Funcs[len(t.Funcs)-1].Entry); fn == nil {
		panic("PCToFunc failed")
	}
}
"#;

#[test]
fn go_debug_gosym_reads_every_function() {
    let Some(mut cmd) = go() else { return };
    let (funcs, _) = funcs_object();
    let bytes = link(&[rt0_object(), main_object(), funcs], &options()).unwrap();
    let (dir, exe) = write_exe(&bytes);
    let src = dir.path().join("check.go");
    std::fs::write(&src, GOSYM_CHECK).unwrap();
    let out = cmd
        .args(["run", src.to_str().unwrap(), exe.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "go run: {}", stderr(&out));
    let got: Vec<(String, u64, u64)> = stdout(&out)
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split(' ').collect();
            (
                f[0].to_string(),
                u64::from_str_radix(f[1], 16).unwrap(),
                u64::from_str_radix(f[2], 16).unwrap(),
            )
        })
        .collect();
    let want = expected_funcs(&exe);
    assert_eq!(got.len(), want.len(), "{got:?}");
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        let name = if w.0.contains('[') {
            "main.Map[...]".to_string()
        } else {
            w.0.clone()
        };
        assert_eq!((&g.0, g.1), (&name, w.1));
        let end = if i + 1 == want.len() {
            w.2
        } else {
            want[i + 1].1
        };
        assert_eq!(g.2, end, "{}", g.0);
    }
}

#[test]
fn go_version_reads_buildinfo() {
    let Some(mut cmd) = go() else { return };
    let opts = options();
    let (_d, exe) = link_to_file(&[rt0_object(), main_object()], &opts);
    let p = exe.to_str().unwrap();
    let out = cmd.args(["version", p]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), format!("{p}: {}", opts.go_version));
    let out = go().unwrap().args(["version", "-m", p]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("\tpath\tcommand-line-arguments"), "{text}");
    assert!(text.contains("\tbuild\t-compiler=tbuild"), "{text}");
    assert!(text.contains("\tbuild\tGOOS=linux"), "{text}");
    // Empty module info: `go version` still works.
    let opts = tbuild_linker::Options {
        mod_info: String::new(),
        ..options()
    };
    let (_d, exe) = link_to_file(&[rt0_object(), main_object()], &opts);
    let out = go()
        .unwrap()
        .args(["version", exe.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(stdout(&out).contains(&opts.go_version), "{out:?}");
}

#[test]
fn go_tool_buildid_reads_the_note() {
    let Some(mut cmd) = go() else { return };
    let opts = options();
    let (_d, exe) = link_to_file(&[rt0_object(), main_object()], &opts);
    let out = cmd
        .args(["tool", "buildid", exe.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), opts.build_id);
}

/// One instruction of the line-table test source: its text, size in bytes, and the SP delta
/// in effect while it runs (Go's pcsp value at its pc).
struct Ins(&'static str, u64, i32);

/// Functions of GNU assembly whose every instruction the test knows: (name, instructions).
/// main.main has a Cranelift-shaped frame with a mid-function return; helper pushes and pops
/// a register; _rt0_amd64_linux is frameless and exits.
fn line_test_functions() -> Vec<(&'static str, Vec<Ins>)> {
    vec![
        (
            "_rt0_amd64_linux",
            vec![
                Ins("call main.main", 5, 0),
                Ins("mov $60, %eax", 5, 0),
                Ins("xor %edi, %edi", 2, 0),
                Ins("syscall", 2, 0),
            ],
        ),
        (
            "main.main",
            vec![
                Ins("push %rbp", 1, 0),
                Ins("mov %rsp, %rbp", 3, 8),
                Ins("sub $32, %rsp", 4, 8),
                Ins("call helper", 5, 40),
                Ins("test %eax, %eax", 2, 40),
                Ins("jz 1f", 2, 40),
                Ins("add $32, %rsp", 4, 40),
                Ins("pop %rbp", 1, 8),
                Ins("ret", 1, 0),
                Ins("1: mov %rbp, %rsp", 3, 40),
                Ins("pop %rbp", 1, 8),
                Ins("ret", 1, 0),
            ],
        ),
        (
            "helper",
            vec![
                Ins("push %rbx", 1, 0),
                Ins("mov $1, %eax", 5, 8),
                Ins("pop %rbx", 1, 8),
                Ins("ret", 1, 0),
            ],
        ),
    ]
}

/// For each function of the test source, the (line, size, spdelta) of each instruction.
type Expected = Vec<(&'static str, Vec<(u32, u64, i32)>)>;

/// The test source, and what each of its instructions must map to.
fn line_test_source() -> (String, Expected) {
    let mut src = String::from("    .text\n");
    let mut want = Vec::new();
    for (name, body) in line_test_functions() {
        src.push_str(&format!(
            "    .globl {name}\n    .type {name}, @function\n{name}:\n"
        ));
        let mut rows = Vec::new();
        for Ins(text, size, sp) in body {
            src.push_str(&format!("    {text}\n"));
            rows.push((src.lines().count() as u32, size, sp));
        }
        src.push_str(&format!("    .size {name}, .-{name}\n"));
        want.push((name, rows));
    }
    src.push_str("    .section .note.GNU-stack,\"\",@progbits\n");
    (src, want)
}

/// Assembles the line-test source with `as --gdwarf-N` under `dir`; returns the input and the
/// absolute path of the source.
fn line_test_object(dir: &Path, dwarf: &str) -> (Input, String) {
    let (src, _) = line_test_source();
    let s = dir.join(format!("lines{dwarf}.s"));
    let o = dir.join(format!("lines{dwarf}.o"));
    std::fs::write(&s, src).unwrap();
    let out = run(
        "as",
        &[
            "--64",
            &format!("--gdwarf-{dwarf}"),
            "-o",
            o.to_str().unwrap(),
            s.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "as: {}", stderr(&out));
    let input = Input {
        name: format!("lines{dwarf}.o"),
        data: std::fs::read(&o).unwrap().into(),
        summary: None,
    };
    (input, s.to_str().unwrap().to_string())
}

#[test]
fn pc_tables_from_gnu_as_dwarf() {
    if !have("as") {
        println!("skipping: GNU as not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (_, want) = line_test_source();
    for dwarf in ["4", "5"] {
        let (input, path) = line_test_object(dir.path(), dwarf);
        let bytes = link(&[input], &options()).unwrap_or_else(|e| panic!("{e}"));
        let (_d, exe) = write_exe(&bytes);
        // It runs (exit 0).
        let out = run(exe.to_str().unwrap(), &[]);
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        let (tab, text) = pclntab_of(&bytes, &exe);
        let d = decode_all(&tab, text);
        assert_eq!(d.files, vec![path.clone()], "DWARF {dwarf}: filetab");
        for (name, rows) in &want {
            let f = d.funcs.iter().find(|f| f.name == *name).unwrap();
            let sp = pcvalue_runs(&tab, d.pctab, f.pcsp);
            let file = pcvalue_runs(&tab, d.pctab, f.pcfile);
            let line = pcvalue_runs(&tab, d.pctab, f.pcln);
            let size = f.end - f.entry;
            for t in [&sp, &file, &line] {
                assert_eq!(t.last().map(|r| r.1), Some(size), "{name}: tables cover it");
            }
            let mut pc = 0;
            for &(want_line, len, want_sp) in rows {
                for b in pc..pc + len {
                    assert_eq!(
                        value_at(&line, b),
                        Some(want_line as i32),
                        "{name}+{b:#x}: line"
                    );
                    assert_eq!(value_at(&sp, b), Some(want_sp), "{name}+{b:#x}: spdelta");
                    let fileno = value_at(&file, b).unwrap();
                    let off = d.cutab[(f.cu as i32 + fileno) as usize] as usize;
                    let len = tab[d.filetab + off..].iter().position(|&c| c == 0).unwrap();
                    assert_eq!(
                        &tab[d.filetab + off..d.filetab + off + len],
                        path.as_bytes()
                    );
                }
                pc += len;
            }
            assert_eq!(pc, size, "{name}: size");
        }
        check_findfunctab(&bytes, &exe, &d.funcs);
    }
}

/// runtime/symtab.go findfunc over `runtime.findfunctab`, for every pc of every function.
fn check_findfunctab(bytes: &[u8], exe: &Path, funcs: &[DecodedFunc]) {
    let syms = symbols(exe);
    let table = symbol(&syms, "runtime.findfunctab");
    let min = funcs[0].entry;
    let max = funcs.last().unwrap().end;
    let nsub = (max - min).div_ceil(256);
    let nbuckets = (max - min).div_ceil(4096);
    assert!(table.size >= 4 * nbuckets + nsub, "findfunctab size");
    let t = read_at(bytes, exe, table.value, (4 * nbuckets + nsub) as usize);
    for pc in min..max {
        let x = pc - min;
        let b = (x / 4096) as usize;
        let i = ((x % 4096) / 256) as usize;
        let mut idx = (u32_at(&t, b * 20) + u32::from(t[b * 20 + 4 + i])) as usize;
        while idx + 1 < funcs.len() && funcs[idx + 1].entry <= pc {
            idx += 1;
        }
        assert!(
            funcs[idx].entry <= pc
                && pc
                    < funcs[idx]
                        .end
                        .max(funcs.get(idx + 1).map_or(max, |f| f.entry)),
            "findfunc({pc:#x}) = {}",
            funcs[idx].name
        );
    }
}

/// Go's debug/gosym reads the same lines back: PCToLine for every instruction, LineToPC for
/// every line.
const GOSYM_LINES: &str = r#"package main

import (
	"debug/elf"
	"debug/gosym"
	"fmt"
	"os"
)

func main() {
	f, err := elf.Open(os.Args[1])
	if err != nil {
		panic(err)
	}
	pcln, err := f.Section(".gopclntab").Data()
	if err != nil {
		panic(err)
	}
	t, err := gosym.NewTable(nil, gosym.NewLineTable(pcln, f.Section(".text").Addr))
	if err != nil {
		panic(err)
	}
	for _, fn := range t.Funcs {
		for pc := fn.Entry; pc < fn.End; pc++ {
			file, line, _ := t.PCToLine(pc)
			fmt.Printf("%s %x %s %d\n", fn.Name, pc-fn.Entry, file, line)
		}
	}
}
"#;

#[test]
fn go_debug_gosym_reads_lines() {
    if !have("as") {
        return;
    }
    let Some(mut cmd) = go() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (input, path) = line_test_object(dir.path(), "5");
    let bytes = link(&[input], &options()).unwrap();
    let (_d, exe) = write_exe(&bytes);
    let src = dir.path().join("lines.go");
    std::fs::write(&src, GOSYM_LINES).unwrap();
    let out = cmd
        .args(["run", src.to_str().unwrap(), exe.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "go run: {}", stderr(&out));
    let mut want = String::new();
    for (name, rows) in line_test_source().1 {
        let mut pc = 0;
        for (line, len, _) in rows {
            for b in pc..pc + len {
                want.push_str(&format!("{name} {b:x} {path} {line}\n"));
            }
            pc += len;
        }
    }
    let got = stdout(&out);
    // Go lists functions in address order, as the source defines them.
    assert_eq!(got, want);
}

/// Malformed line information is an error or ignored, never a panic: every byte of the
/// object's `.debug_line` and `.debug_info` in turn is overwritten.
#[test]
fn corrupt_dwarf_does_not_panic() {
    use object::{Object as _, ObjectSection as _};
    if !have("as") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (input, _) = line_test_object(dir.path(), "5");
    let file = object::File::parse(&input.data[..]).unwrap();
    let mut ranges = Vec::new();
    for name in [".debug_line", ".debug_info"] {
        let (off, size) = file.section_by_name(name).unwrap().file_range().unwrap();
        ranges.push(off as usize..(off + size) as usize);
    }
    let (mut errors, mut links) = (0, 0);
    for range in ranges {
        for at in range {
            for value in [0xff, 0x00, 0x80] {
                let mut bad = input.clone();
                bad.data.make_mut()[at] = value;
                match link(&[bad], &options()) {
                    Ok(_) => links += 1,
                    Err(e) => {
                        assert!(e.to_string().contains("lines5.o"), "{e}");
                        errors += 1;
                    }
                }
            }
        }
    }
    assert!(errors > 0 && links > 0, "{errors} errors, {links} links");
}
