//! `ar` archives as linker inputs: made by GNU `ar` (System V/GNU format: `/` index, `//` long
//! names) from objects tbuild compiled and assembled, and one made by `llvm-ar --format=bsd`
//! (`#1/N` names, `__.SYMDEF` index; the fixture fixtures/bsd.a holds rt0.o,
//! a_go_program_with_a_long_name.o and extra.o of common/real.rs, made with
//! `llvm-ar rcs --format=bsd bsd.a rt0.o a_go_program_with_a_long_name.o extra.o`).
//! The linker links the members the index says define a needed symbol, as Go's linker links a
//! host archive (cmd/link/internal/ld/ar.go), and reports malformed archives and members.

mod common;

use std::path::Path;
use std::process::Command;

use common::real::{main_object_go, rt0_object_asm, unused_object_asm};
use common::*;
use object::{Object as _, ObjectSymbol as _};
use tbuild_linker::{link, ErrorKind, Input};

/// A tool the test needs; in CI (CI=true) its absence is a failure, elsewhere a skip.
fn need(tool: &str) -> bool {
    if have(tool) {
        return true;
    }
    assert!(
        std::env::var("CI").is_err(),
        "{tool} is required in CI (binutils)"
    );
    eprintln!("skipped: {tool} is not installed");
    false
}

/// Writes `inputs` to `dir` and runs `ar ARGS archive members...`; returns the archive.
fn gnu_ar(dir: &Path, args: &str, name: &str, inputs: &[Input]) -> Input {
    let mut cmd = Command::new("ar");
    cmd.current_dir(dir).arg(args).arg(name);
    for i in inputs {
        std::fs::write(dir.join(&i.name), &*i.data).unwrap();
        cmd.arg(&i.name);
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "ar: {}", stderr(&out));
    Input {
        name: name.to_string(),
        data: std::fs::read(dir.join(name)).unwrap().into(),
        summary: None,
    }
}

fn renamed(mut i: Input, name: &str) -> Input {
    i.name = name.to_string();
    i
}

/// The members the program needs, one with a name too long for the header (GNU `//`).
fn members() -> Vec<Input> {
    vec![
        rt0_object_asm(),
        renamed(main_object_go(), "a_go_program_with_a_long_name.o"),
        unused_object_asm(),
    ]
}

/// Links, runs (exit status 0 expected) and returns the output's symbol names.
fn link_and_run(inputs: &[Input]) -> Vec<String> {
    let bytes = link(inputs, &options()).unwrap_or_else(|e| panic!("{e}"));
    let (_dir, exe) = write_exe(&bytes);
    let out = run_exe(&exe);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let file = object::File::parse(bytes.as_slice()).unwrap();
    file.symbols()
        .filter_map(|s| s.name().ok().map(str::to_string))
        .collect()
}

#[test]
fn gnu_archive_links_the_members_needed() {
    if !need("ar") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let lib = gnu_ar(dir.path(), "rcs", "libprog.a", &members());
    // The archive alone: the entry symbol and main.main pull in rt0.o and the Go object, and
    // those pull nothing else; extra.o is not needed.
    let syms = link_and_run(std::slice::from_ref(&lib));
    assert!(syms.iter().any(|s| s == "main.main"), "{syms:?}");
    assert!(syms.iter().any(|s| s == "runtime.mallocgc"), "{syms:?}");
    assert!(!syms.iter().any(|s| s == "extra.unused"), "{syms:?}");
    // An object that needs a member, before or after the archive.
    let extra_user = {
        let src = "#include \"textflag.h\"\nTEXT main·helper(SB),NOSPLIT,$0\n\tCALL extra·unused(SB)\n\tRET\n";
        let data = tbuild_codegen::asm::assemble_package("main", "user.s", src, &|_| None)
            .unwrap_or_else(|e| panic!("{}", e[0]));
        Input {
            name: "user.o".into(),
            data: data.into(),
            summary: None,
        }
    };
    for inputs in [
        vec![extra_user.clone(), lib.clone()],
        vec![lib.clone(), extra_user.clone()],
    ] {
        let syms = link_and_run(&inputs);
        assert!(syms.iter().any(|s| s == "extra.unused"), "{syms:?}");
    }
}

#[test]
fn bsd_archive_from_llvm_ar() {
    let data =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bsd.a")).unwrap();
    let lib = Input {
        name: "bsd.a".into(),
        data: data.into(),
        summary: None,
    };
    let syms = link_and_run(std::slice::from_ref(&lib));
    assert!(syms.iter().any(|s| s == "main.main"), "{syms:?}");
    assert!(!syms.iter().any(|s| s == "extra.unused"), "{syms:?}");
}

#[test]
fn archive_faults_are_named() {
    if !need("ar") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let fail = |inputs: &[Input]| match link(inputs, &options()) {
        Ok(_) => panic!("link unexpectedly succeeded"),
        Err(e) => e,
    };

    // No index (ar S), then a thin archive (ar T).
    let e = fail(&[gnu_ar(dir.path(), "rcS", "noindex.a", &members())]);
    assert_eq!(
        e.to_string(),
        "malformed archive noindex.a: the archive has no symbol index; run ranlib to add one"
    );
    let e = fail(&[gnu_ar(dir.path(), "rcsT", "thin.a", &members())]);
    assert!(
        e.to_string().contains("thin archives are not supported"),
        "{e}"
    );

    // A member cut short, and a member whose object is malformed.
    let lib = gnu_ar(dir.path(), "rcs", "lib.a", &members());
    let mut cut = lib.clone();
    cut.data = cut.data.slice(0..lib.data.len() - 100).unwrap();
    let e = fail(&[cut]);
    assert!(
        e.to_string()
            .starts_with("malformed archive lib.a: member at 0x")
            && e.to_string().contains("run past the end of the archive"),
        "{e}"
    );
    let mut bad = lib.clone();
    let elf_at = bad
        .data
        .windows(4)
        .enumerate()
        .filter(|(_, w)| *w == b"\x7fELF")
        .map(|(i, _)| i)
        .nth(1)
        .unwrap();
    bad.data.make_mut()[elf_at + 18] = 3; // e_machine: EM_386
    let e = fail(&[bad]);
    assert_eq!(e.kind(), ErrorKind::Malformed);
    assert_eq!(
        e.to_string(),
        "malformed object lib.a(a_go_program_with_a_long_name.o): ELF header: not an x86-64 object (EM_X86_64)"
    );

    // Every third byte changed in turn: an error or a link, never a panic.
    for at in (0..lib.data.len()).step_by(3) {
        let mut q = lib.clone();
        q.data.make_mut()[at] ^= 0x5a;
        if let Err(e) = link(&[q], &options()) {
            assert!(!e.to_string().contains("internal error"), "{e}");
        }
    }
}
