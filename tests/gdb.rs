//! DWARF suite: a scripted gdb session over hello (issue 4 item 5), the line tables read back
//! by binutils (`readelf`, `objdump`, `addr2line`), local variables in gdb, and Go's `-s`/`-w`
//! strip flags.
//!
//! Expected source lines are computed from the sources themselves (the bundled runtime's
//! assembly through `tbuild_runtime`, the examples from disk), so the checks follow the files.
//! gdb runs as `gdb -nx -batch -x script` (gdb manual, "Command Files"), with
//! `set backtrace past-main on`: gdb stops a backtrace at the program's main function, which it
//! takes to be `main.main` in a Go program ("Backtraces" in the gdb manual), and the session
//! checks that `runtime.main` called it.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

/// The text of a bundled runtime assembly file.
fn runtime_asm(name: &str) -> &'static str {
    tbuild_runtime::package("runtime")
        .and_then(|p| p.asm_files.iter().find(|f| f.name == name))
        .map(|f| f.text)
        .unwrap_or_else(|| panic!("{name} is not bundled"))
}

/// The 1-based number of the first line of `text` that starts with `prefix` (after leading
/// whitespace), from line `from` on.
fn line_of(text: &str, prefix: &str, from: usize) -> usize {
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find(|(_, l)| l.trim_start().starts_with(prefix))
        .map(|(i, _)| i + 1)
        .unwrap_or_else(|| panic!("no line starting with {prefix:?}"))
}

/// The lines holding instructions of the TEXT function starting at line `text_line`: every
/// following non-blank, non-comment line up to the next blank line.
fn instruction_lines(text: &str, text_line: usize) -> Vec<usize> {
    text.lines()
        .enumerate()
        .skip(text_line)
        .take_while(|(_, l)| !l.trim().is_empty())
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .map(|(i, _)| i + 1)
        .collect()
}

fn build_with(src: &Path, dir: &Path, flags: &[&str], name: &str) -> PathBuf {
    let exe = dir.join(name);
    let (_, err, code) = run(tbuild().args(flags).arg("-o").arg(&exe).arg(src));
    assert_eq!(code, 0, "tbuild failed on {}:\n{err}", src.display());
    exe
}

fn hello() -> PathBuf {
    root().join("examples/hello.src")
}

fn entry(exe: &Path) -> u64 {
    let (out, err, code) = run(Command::new("readelf").arg("-h").arg(exe));
    assert_eq!(code, 0, "{err}");
    let e = out
        .lines()
        .find_map(|l| l.trim().strip_prefix("Entry point address:"))
        .expect("readelf -h prints the entry point");
    u64::from_str_radix(e.trim().trim_start_matches("0x"), 16).unwrap()
}

fn symbol_address(exe: &Path, name: &str) -> u64 {
    let (out, err, code) = run(Command::new("readelf").args(["-s", "-W"]).arg(exe));
    assert_eq!(code, 0, "{err}");
    out.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .find(|r| r.len() >= 8 && r[7] == name)
        .map(|r| u64::from_str_radix(r[1], 16).unwrap())
        .unwrap_or_else(|| panic!("{name} not in the symbol table"))
}

/// Runs gdb on `exe` with `script`; returns stdout and stderr together.
fn gdb(dir: &Path, exe: &Path, script: &str) -> String {
    let path = dir.join("session.gdb");
    fs::write(&path, script).unwrap();
    let (out, err, code) = run(Command::new("gdb")
        .args(["-nx", "-batch", "-x"])
        .arg(&path)
        .arg(exe));
    assert_eq!(code, 0, "gdb failed:\n{out}\n{err}");
    format!("{out}{err}")
}

/// Asserts that `needles` occur in `hay` in this order.
fn assert_in_order(hay: &str, needles: &[String]) {
    let mut at = 0;
    for n in needles {
        match hay[at..].find(n.as_str()) {
            Some(i) => at += i + n.len(),
            None => panic!("expected {n:?} (after byte {at}) in:\n{hay}"),
        }
    }
}

fn section_names(exe: &Path) -> Vec<String> {
    let (out, err, code) = run(Command::new("readelf").args(["-S", "-W"]).arg(exe));
    assert_eq!(code, 0, "{err}");
    out.lines()
        .filter_map(|l| {
            let l = l.trim_start();
            let rest = l.strip_prefix('[')?;
            let (_, rest) = rest.split_once(']')?;
            rest.split_whitespace().next().map(str::to_string)
        })
        .filter(|n| n.starts_with('.'))
        .collect()
}

#[test]
fn gdb_session_over_hello() {
    if !have("gdb") || !have("readelf") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let exe = build_with(&hello(), dir.path(), &[], "hello");
    let entry = entry(&exe);

    let rt0 = runtime_asm("rt0_linux_amd64.s");
    let asm = runtime_asm("asm_amd64.s");
    let jmp_line = line_of(rt0, "JMP\t_rt0_amd64(SB)", 1);
    let rt0_amd64 = instruction_lines(asm, line_of(asm, "TEXT _rt0_amd64(SB)", 1));
    let rt0_go = instruction_lines(asm, line_of(asm, "TEXT runtime·rt0_go(SB)", 1));
    let src = fs::read_to_string(hello()).unwrap();
    let func_line = line_of(&src, "func main()", 1);
    let body_line = func_line + 1;

    // `next` over each instruction line of _rt0_amd64 ends in runtime.rt0_go.
    let nexts = "next\n".repeat(rt0_amd64.len() + 1);
    let script = format!(
        "set pagination off\nset confirm off\nset backtrace past-main on\ninfo files\n\
         break *{entry:#x}\nrun\n{nexts}break main.main\ncontinue\nbt\ninfo locals\ncontinue\n"
    );
    let out = gdb(dir.path(), &exe, &script);
    let hello_path = hello().display().to_string();
    let mut want = vec![
        format!("Entry point: {entry:#x}"),
        // info files: the sections in Go's order.
        " is .text".to_string(),
        " is .rodata".to_string(),
        " is .typelink".to_string(),
        " is .itablink".to_string(),
        " is .gosymtab".to_string(),
        " is .gopclntab".to_string(),
        " is .go.buildinfo".to_string(),
        " is .noptrdata".to_string(),
        " is .data".to_string(),
        " is .bss".to_string(),
        " is .noptrbss".to_string(),
        format!(
            "Breakpoint 1 at {entry:#x}: file $TBUILD/runtime/rt0_linux_amd64.s, line {jmp_line}."
        ),
        format!(
            "Breakpoint 1, _rt0_amd64_linux () at $TBUILD/runtime/rt0_linux_amd64.s:{jmp_line}"
        ),
        format!(
            "_rt0_amd64 () at $TBUILD/runtime/asm_amd64.s:{}",
            rt0_amd64[0]
        ),
    ];
    for l in &rt0_amd64[1..] {
        want.push(format!("{l}\t"));
    }
    want.extend([
        format!(
            "runtime.rt0_go () at $TBUILD/runtime/asm_amd64.s:{}",
            rt0_go[0]
        ),
        format!("file {hello_path}, line {body_line}."),
        format!("Breakpoint 2, main.main () at {hello_path}:{body_line}"),
        format!("#0  main.main () at {hello_path}:{body_line}"),
        "in runtime.main () at $TBUILD/runtime/proc.go:".to_string(),
        "No locals.".to_string(),
        "hello world".to_string(),
        "exited normally".to_string(),
    ]);
    assert_in_order(&out, &want);
}

#[test]
fn gdb_shows_integer_locals_and_arguments() {
    if !have("gdb") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("locals.src");
    fs::write(
        &src,
        "package main\n\nfunc sum(n int) int {\n\ttotal := 0\n\tfor i := 0; i < n; i++ {\n\
         \t\ttotal += i\n\t}\n\treturn total\n}\n\nfunc main() {\n\tx := 7\n\ts := sum(x)\n\
         \tprintln(s)\n}\n",
    )
    .unwrap();
    // Built with -l, as Go's debugging guide builds with -gcflags=-l: sum would otherwise be
    // inlined into main, and the variables of an inlined copy are not described yet (its
    // frame is: gdb_shows_inlined_calls_as_frames).
    let exe = build_with(&src, dir.path(), &["-l"], "locals");
    let out = gdb(
        dir.path(),
        &exe,
        "set pagination off\nbreak main.sum\nrun\ninfo args\nbt 1\ndelete\n\
         break locals.src:6\ncontinue\ncontinue\ncontinue\ninfo locals\ndelete\n\
         finish\nnext\ninfo locals\nnext\nkill\n",
    );
    // The loop's variables are read inside the loop, on its third iteration. The session
    // ends with kill after println ran, not by continuing to the exit: gdb 13 often
    // fails with "Couldn't get registers: No such process" when a process with more than one
    // thread exits under it (a go-built binary does the same; tbuild's have sysmon's thread).
    assert_in_order(
        &out,
        &[
            "Breakpoint 1, main.sum (n=7)".to_string(),
            "n = 7".to_string(),
            "#0  main.sum (n=7) at ".to_string(),
            "Breakpoint 2, main.sum (n=7)".to_string(),
            "total = 1".to_string(),
            "i = 2".to_string(),
            "in main.main () at ".to_string(),
            "s = 21".to_string(),
            "\n21\n".to_string(),
        ],
    );
}

#[test]
fn binutils_read_the_line_tables() {
    if !have("readelf") || !have("objdump") || !have("addr2line") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let exe = build_with(&hello(), dir.path(), &[], "hello");
    let hello_path = hello().display().to_string();
    let src = fs::read_to_string(hello()).unwrap();
    let func_line = line_of(&src, "func main()", 1);

    // Every DWARF section decodes without a warning.
    for args in [
        &["--debug-dump=rawline,decodedline,info,abbrev,frames,loc,Ranges,str"][..],
        &["--dwarf=decodedline"][..],
    ] {
        let tool = if args[0].starts_with("--debug") {
            "readelf"
        } else {
            "objdump"
        };
        let (out, err, code) = run(Command::new(tool).args(args).arg(&exe));
        assert_eq!(code, 0, "{tool} {args:?}: {err}");
        let all = format!("{out}{err}");
        assert!(
            !all.to_lowercase().contains("warning"),
            "{tool} {args:?} warns:\n{}",
            all.lines()
                .filter(|l| l.to_lowercase().contains("warning"))
                .collect::<Vec<_>>()
                .join("\n")
        );
        assert!(all.contains("hello.src"), "{tool} {args:?}");
        assert!(all.contains("rt0_linux_amd64.s"), "{tool} {args:?}");
    }

    // addr2line maps main.main's entry to its func line.
    let main = symbol_address(&exe, "main.main");
    let (out, err, code) = run(Command::new("addr2line")
        .arg("-f")
        .arg("-e")
        .arg(&exe)
        .arg(format!("{main:#x}")));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, format!("main.main\n{hello_path}:{func_line}\n"));

    // objdump -d -l interleaves source lines, for compiled and assembled code alike.
    let (out, err, code) = run(Command::new("objdump").args(["-d", "-l"]).arg(&exe));
    assert_eq!(code, 0, "{err}");
    assert_in_order(
        &out,
        &[
            "<_rt0_amd64>:".to_string(),
            "$TBUILD/runtime/asm_amd64.s:".to_string(),
            "<main.main>:".to_string(),
            format!("{hello_path}:{func_line}"),
            format!("{hello_path}:{}", func_line + 1),
        ],
    );
}

#[test]
fn s_and_w_strip_as_go_does() {
    if !have("readelf") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let has = |names: &[String], prefix: &str| names.iter().any(|n| n.starts_with(prefix));
    let full = section_names(&build_with(&hello(), dir.path(), &[], "full"));
    for s in [
        ".debug_info",
        ".debug_line",
        ".debug_abbrev",
        ".debug_frame",
    ] {
        assert!(full.iter().any(|n| n == s), "{s} missing: {full:?}");
    }
    assert!(has(&full, ".symtab"));
    // DWARF between .noptrbss and .note.go.buildid, as Go orders its section headers.
    let pos = |n: &str| full.iter().position(|x| x == n).unwrap();
    assert!(pos(".noptrbss") < pos(".debug_abbrev"));
    assert!(pos(".debug_info") < pos(".note.go.buildid"));

    let w = section_names(&build_with(&hello(), dir.path(), &["-w"], "w"));
    assert!(has(&w, ".symtab") && !has(&w, ".debug_"), "-w: {w:?}");
    let s = section_names(&build_with(&hello(), dir.path(), &["-s"], "s"));
    assert!(!has(&s, ".symtab") && !has(&s, ".debug_"), "-s: {s:?}");
    let sw_exe = build_with(&hello(), dir.path(), &["-s", "-w"], "sw");
    let sw = section_names(&sw_exe);
    assert!(
        !has(&sw, ".symtab") && !has(&sw, ".debug_"),
        "-s -w: {sw:?}"
    );
    // Stripped binaries still run.
    let (out, _, code) = run(&mut Command::new(&sw_exe));
    assert_eq!((out.as_str(), code), ("hello world\n", 0));
}

#[test]
fn gdb_shows_inlined_calls_as_frames() {
    if !have("gdb") {
        return;
    }
    // add is inlined into main (DWARF: a DW_TAG_inlined_subroutine under main.main): a
    // breakpoint on its loop's line stops in the inlined copy, and gdb shows the call as a
    // frame of its own, at the call's line in main, as for Go's inlined calls.
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("inl.src");
    fs::write(
        &src,
        "package main\n\nimport \"os\"\n\nfunc add(a, b int) int {\n\ts := 0\n\
         \tfor i := a; i < b; i++ {\n\t\ts += i * i\n\t}\n\treturn s\n}\n\n\
         func main() {\n\tx := len(os.Args)\n\ty := add(x, 100)\n\tprintln(y)\n}\n",
    )
    .unwrap();
    let exe = build_with(&src, dir.path(), &[], "inl");
    let out = gdb(
        dir.path(),
        &exe,
        "set pagination off\nbreak inl.src:8\nrun\nbt\nkill\n",
    );
    assert_in_order(
        &out,
        &[
            "main.add (".to_string(),
            "inl.src:8".to_string(),
            "#0  main.add (".to_string(),
            "#1  main.main () at ".to_string(),
            "inl.src:15".to_string(),
        ],
    );
    // The inlined frame has no return address of its own: gdb prints no pc for #1.
    assert!(!out.contains("#1  0x"), "{out}");
}
