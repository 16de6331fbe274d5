//! Tracebacks as Go prints them, and `.gopclntab` read back by Go's own `debug/gosym`.
//!
//! Each `tests/traceback/NAME.src` is a program that dies of a runtime error. It is copied to
//! `DIR/main.go` and built there by Go and by tbuild (both given `main.go` in `DIR`, so both
//! record the same absolute path); the two programs' stdout, exit status and stderr must be
//! the same line by line, except that
//! - `+0x…` pc offsets are masked (the code differs), and a frame Go inlined has none;
//! - argument lists are masked: Go prints argument values from its FUNCDATA_ArgInfo
//!   (`main.c(0x45be40?)`), which tbuild's binaries do not carry, so tbuild prints `(...)`
//!   for functions whose argument size is unknown (and `()` for main.main).
//!
//! A frame lacks a `+0x` offset exactly where go's lacks one: calls inlined by go are inlined
//! by tbuild too in these programs, and their frames have none (go's first frame may also
//! lack one when it faulted at its function's entry). The same programs built with
//! `-trimpath` must print Go's trimmed names (`./main.go`).
//!
//! The decoder test builds a program with tbuild and reads its `.gopclntab` with a small Go
//! program over `debug/elf` and `debug/gosym` (independent of tbuild's runtime): every
//! `main.*` function of the ELF symbol table must be in the table with the same entry, every
//! pc of it must map to `main.go` at a line of that function's body holding code, and
//! `LineToPC` must find each statement line of `main.main`.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

/// The runtime-error programs.
const PROGRAMS: &[&str] = &[
    "multiline",
    "nilfold",
    "index",
    "divide",
    "shift",
    "nested",
    "chain",
    "node_assert",
    "node_field",
    "nil_strcmp",
    "nil_len",
    "node_selector",
    "node_selector_index",
];

fn go_cmd(dir: &Path) -> Command {
    let mut cmd = Command::new("go");
    cmd.current_dir(dir)
        .env("GO111MODULE", "off")
        .env("GOFLAGS", "")
        .env("GOCACHE", std::env::temp_dir().join("tbuild-test-gocache"));
    cmd
}

/// Copies NAME.src to DIR/main.go and builds it with Go (`go_prog`) and tbuild (`tb_prog`).
fn build_both(name: &str, dir: &Path, trimpath: bool) {
    let src = root().join("tests/traceback").join(format!("{name}.src"));
    std::fs::copy(&src, dir.join("main.go")).unwrap();
    let flag: &[&str] = if trimpath { &["-trimpath"] } else { &[] };
    let (_, err, code) = run(go_cmd(dir)
        .args(["build"])
        .args(flag)
        .args(["-o", "go_prog", "main.go"]));
    assert_eq!(code, 0, "go build {name}: {err}");
    let (_, err, code) = run(tbuild()
        .current_dir(dir)
        .args(flag)
        .args(["-o", "tb_prog", "main.go"]));
    assert_eq!(code, 0, "tbuild {name}: {err}");
}

/// Masks what legitimately differs (see the module doc). Returns the masked text and, for
/// each frame's location line, whether it had a `+0x` offset.
fn mask(stderr: &str) -> (String, Vec<bool>) {
    let mut out = String::new();
    let mut offsets = Vec::new();
    let mut in_frames = false;
    for line in stderr.lines() {
        if line.starts_with("goroutine ") {
            in_frames = true;
            out.push_str(line);
        } else if let Some(at) = line.find(" pc=0x").filter(|_| line.starts_with("[signal ")) {
            // Where the faulting instruction is depends on the code.
            out.push_str(&line[..at]);
            out.push_str(" pc=?]");
        } else if in_frames && line.starts_with('\t') {
            // An inlined call's frame has no offset, in go's tracebacks and in tbuild's.
            let (loc, has_off) = match line.rfind(" +0x") {
                Some(i) => (&line[..i], true),
                None => (line, false),
            };
            offsets.push(has_off);
            out.push_str(loc);
            out.push_str(" +0x?");
        } else if in_frames && line.ends_with(')') && line.contains('(') {
            let open = line.find('(').unwrap();
            out.push_str(&line[..open]);
            out.push_str("(…)");
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    (out, offsets)
}

fn compare_with_go(name: &str, trimpath: bool) {
    let dir = tempfile::tempdir().unwrap();
    build_both(name, dir.path(), trimpath);
    let (go_out, go_err, go_code) = run(&mut Command::new(dir.path().join("go_prog")));
    let (tb_out, tb_err, tb_code) = run(&mut Command::new(dir.path().join("tb_prog")));
    assert_eq!(go_code, 2, "{name}: Go's exit status\n{go_err}");
    assert_eq!(tb_code, go_code, "{name}: exit status\n{tb_err}");
    assert_eq!(tb_out, go_out, "{name}: stdout");
    let (go_masked, go_offsets) = mask(&go_err);
    let (tb_masked, tb_offsets) = mask(&tb_err);
    assert_eq!(
        tb_masked, go_masked,
        "{name}: stderr (masked)\n--- tbuild:\n{tb_err}\n--- go:\n{go_err}"
    );
    // Inlined calls' frames have no pc offset, in go's tracebacks and in tbuild's: tbuild's
    // inlined frames are go's. Go's first frame may also lack one when it faulted at its
    // function's first instruction (tbuild's functions start with a push).
    assert_eq!(tb_offsets.len(), go_offsets.len(), "{name}\n{tb_err}");
    for (i, (&tb, &go)) in tb_offsets.iter().zip(&go_offsets).enumerate() {
        assert!(
            tb || !go,
            "{name}: frame {i} inlined by tbuild, not by go\n{tb_err}\n{go_err}"
        );
        assert!(
            go || !tb || i == 0,
            "{name}: frame {i} inlined by go, not by tbuild\n{tb_err}\n{go_err}"
        );
    }
    assert!(tb_offsets.contains(&true), "{name}\n{tb_err}");
    let main_go = dir.path().join("main.go");
    let want_path = if trimpath {
        "./main.go".to_string()
    } else {
        main_go.display().to_string()
    };
    assert!(
        tb_err.contains(&format!("\t{want_path}:")),
        "{name}: file names as {want_path}\n{tb_err}"
    );
}

fn have_go() -> bool {
    have("go")
}

#[test]
fn runtime_errors_print_go_tracebacks() {
    if !have_go() {
        return;
    }
    for name in PROGRAMS {
        compare_with_go(name, false);
    }
}

#[test]
fn trimpath_prints_go_trimmed_names() {
    if !have_go() {
        return;
    }
    for name in ["index", "nested"] {
        compare_with_go(name, true);
    }
}

#[test]
fn traceback_format_without_go() {
    // The exact shape, independent of Go: name, tab, absolute file:line, and a +0x offset
    // for a frame of its own; an inlined call's frame (b and a, which tbuild inlines unless
    // built with -l; c is //go:noinline) has no offset.
    for (flags, inlined) in [(&[][..], true), (&["-l"][..], false)] {
        let dir = tempfile::tempdir().unwrap();
        let src = root().join("tests/traceback/nested.src");
        std::fs::copy(&src, dir.path().join("main.go")).unwrap();
        let (_, err, code) = run(tbuild()
            .current_dir(dir.path())
            .args(flags)
            .args(["-o", "tb_prog", "main.go"]));
        assert_eq!(code, 0, "{err}");
        let (_, err, code) = run(&mut Command::new(dir.path().join("tb_prog")));
        assert_eq!(code, 2);
        let path = dir.path().join("main.go").display().to_string();
        let frames: Vec<&str> = err
            .lines()
            .skip_while(|l| !l.starts_with("goroutine "))
            .collect();
        let expect = [
            ("main.c(...)", 9, false),
            ("main.b(...)", 13, inlined),
            ("main.a(...)", 17, inlined),
            ("main.main()", 23, false),
        ];
        assert_eq!(frames.len(), 1 + 2 * expect.len(), "{err}");
        for (i, (func, line, inl)) in expect.iter().enumerate() {
            assert_eq!(frames[1 + 2 * i], *func, "{err}");
            let loc = frames[2 + 2 * i];
            if *inl {
                assert_eq!(loc, format!("\t{path}:{line}"), "{err}");
                continue;
            }
            let prefix = format!("\t{path}:{line} +0x");
            assert!(
                loc.starts_with(&prefix),
                "{loc:?} should start with {prefix:?}"
            );
            assert!(
                u64::from_str_radix(&loc[prefix.len()..], 16).is_ok_and(|o| o > 0),
                "{loc}"
            );
        }
    }
}

/// Reads a binary's symbol table and `.gopclntab` with Go's debug/elf and debug/gosym.
const GOSYM_DUMP: &str = r#"package main

import (
	"debug/elf"
	"debug/gosym"
	"fmt"
	"os"
	"strconv"
	"strings"
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
	syms, err := f.Symbols()
	if err != nil {
		panic(err)
	}
	for _, s := range syms {
		if elf.ST_TYPE(s.Info) == elf.STT_FUNC && s.Size > 0 && strings.HasPrefix(s.Name, "main.") {
			fmt.Printf("sym %s %x %x\n", s.Name, s.Value, s.Size)
		}
	}
	for _, fn := range t.Funcs {
		if !strings.HasPrefix(fn.Name, "main.") && fn.Name != "runtime.main" {
			continue
		}
		fmt.Printf("func %s %x %x\n", fn.Name, fn.Entry, fn.End)
		// Up to the symbol's end: the alignment padding before the next function has
		// no line, in Go's binaries too.
		end := fn.End
		for _, s := range syms {
			if s.Name == fn.Name && s.Value == fn.Entry && s.Size > 0 {
				end = s.Value + s.Size
			}
		}
		for pc := fn.Entry; pc < end; pc++ {
			file, line, _ := t.PCToLine(pc)
			fmt.Printf("pc %s %x %s %d\n", fn.Name, pc, file, line)
		}
	}
	// LineToPC for the lines given after the binary.
	for _, a := range os.Args[3:] {
		line, _ := strconv.Atoi(a)
		pc, fn, err := t.LineToPC(os.Args[2], line)
		if err != nil {
			fmt.Printf("line %d none\n", line)
			continue
		}
		fmt.Printf("line %d %x %s\n", line, pc, fn.Name)
	}
}
"#;

/// For each function of a Go source: (name, first line, last line), from `func NAME(` to the
/// next line that is exactly `}`.
fn function_spans(src: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = src.lines().collect();
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if let Some(rest) = l.strip_prefix("func ") {
            let name = rest.split('(').next().unwrap().trim().to_string();
            let end = (i..lines.len()).find(|&j| lines[j] == "}").unwrap();
            out.push((format!("main.{name}"), i + 1, end + 1));
        }
    }
    out
}

#[test]
fn gosym_reads_tbuild_line_tables() {
    if !have_go() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let src = root().join("tests/traceback/nested.src");
    let text = std::fs::read_to_string(&src).unwrap();
    std::fs::copy(&src, dir.path().join("main.go")).unwrap();
    // Without inlining (-l): debug/gosym knows no inline trees, and an inlined call's pcs
    // carry its callee's lines (in go's binaries too), which the span check below forbids.
    let (_, err, code) = run(tbuild()
        .current_dir(dir.path())
        .args(["-l", "-o", "tb_prog", "main.go"]));
    assert_eq!(code, 0, "{err}");
    std::fs::write(dir.path().join("dump.go"), GOSYM_DUMP).unwrap();
    let main_go = dir.path().join("main.go").display().to_string();
    let spans = function_spans(&text);
    let src_lines: Vec<&str> = text.lines().collect();
    // Statement lines of main.main: the non-blank lines strictly inside its body.
    let (_, main_start, main_end) = spans.iter().find(|s| s.0 == "main.main").unwrap().clone();
    let stmt_lines: Vec<usize> = (main_start + 1..main_end)
        .filter(|&l| !src_lines[l - 1].trim().is_empty())
        .collect();
    let mut cmd = go_cmd(dir.path());
    cmd.args(["run", "dump.go", "tb_prog", &main_go]);
    cmd.args(stmt_lines.iter().map(|l| l.to_string()));
    let (out, err, code) = run(&mut cmd);
    assert_eq!(code, 0, "go run dump.go: {err}");

    // Every main.* function symbol is in the table, at the same entry.
    let syms: Vec<(&str, &str)> = out
        .lines()
        .filter_map(|l| l.strip_prefix("sym "))
        .map(|l| {
            let f: Vec<&str> = l.split(' ').collect();
            (f[0], f[1])
        })
        .collect();
    let funcs: Vec<(&str, &str)> = out
        .lines()
        .filter_map(|l| l.strip_prefix("func "))
        .map(|l| {
            let f: Vec<&str> = l.split(' ').collect();
            (f[0], f[1])
        })
        .collect();
    assert!(!syms.is_empty());
    for (name, entry) in &syms {
        assert!(
            funcs.contains(&(name, entry)),
            "{name} at {entry} is not in .gopclntab: {funcs:?}"
        );
    }
    for (name, _, _) in &spans {
        assert!(syms.iter().any(|s| s.0 == name), "{name} has a symbol");
    }

    // Every pc of a main.* function maps to main.go, at a line of its body holding code.
    let mut pcs = 0;
    for l in out.lines().filter_map(|l| l.strip_prefix("pc ")) {
        let f: Vec<&str> = l.split(' ').collect();
        let (name, file) = (f[0], f[2]);
        let line: usize = f[3].parse().unwrap_or_else(|_| panic!("{l}: no line"));
        if name == "runtime.main" {
            assert!(file.ends_with("runtime/proc.go"), "{l}");
            continue;
        }
        pcs += 1;
        assert_eq!(file, main_go, "{l}");
        let Some((_, start, end)) = spans.iter().find(|s| s.0 == name) else {
            // A function the compiler made (main.init): its lines are its own.
            continue;
        };
        assert!(
            (*start..=*end).contains(&line),
            "{l}: line outside {name} ({start}..{end})"
        );
        let code = src_lines[line - 1].trim();
        assert!(
            !code.is_empty() && !code.starts_with("//"),
            "{l}: line {line} holds no code: {code:?}"
        );
    }
    assert!(pcs > 0);

    // LineToPC finds each statement of main.main in main.main.
    for l in &stmt_lines {
        let want = format!("line {l} ");
        let got = out.lines().find(|x| x.starts_with(&want)).unwrap();
        assert!(got.ends_with(" main.main"), "{got}");
    }
}
