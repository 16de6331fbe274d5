//! `.gopclntab`, `.go.buildinfo` and `.note.go.buildid` checked twice: by a decoder written
//! here from debug/gosym/pclntab.go's description of the Go 1.18 format (independent of the
//! linker's encoder), and — when `go` is installed — by Go's own readers: `debug/gosym`
//! (NewLineTable/NewTable), `go version`, `go version -m` and `go tool buildid`.

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
    assert_eq!(nfiles, 0);
    assert!(
        72 <= names && names <= cutab && cutab <= filetab && filetab <= pctab && pctab < functab
    );
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
        for (k, what) in [
            (12, "deferreturn"),
            (16, "pcsp"),
            (20, "pcfile"),
            (24, "pcln"),
            (28, "npcdata"),
            (32, "cuOffset"),
        ] {
            assert_eq!(u32_at(tab, f + k), 0, "{name}: {what}");
        }
        assert_eq!(tab[f + 39], 0, "{name}: nfuncdata");
        out.push(DecodedFunc {
            name,
            entry,
            end,
            args: u32_at(tab, f + 8),
            func_id: tab[f + 36],
            flag: tab[f + 37],
        });
    }
    assert!(
        out.windows(2).all(|w| w[0].entry < w[1].entry),
        "sorted by entry"
    );
    out
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
        assert_eq!(d.args, 0x8000_0000, "ArgsSizeUnknown");
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
