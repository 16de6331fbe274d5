//! Object-format tests for the plan9 assembler: the ELF it writes is standard. GNU binutils
//! (`readelf`, `objdump`, `ld`) read and link it without complaint, relocations are the ones
//! DESIGN.md lists, and a small static program linked by GNU ld runs. Tests that need a binutils
//! tool skip (saying why) when it is missing.

use std::path::{Path, PathBuf};
use std::process::Command;

use object::{Object, ObjectSection, ObjectSymbol, SectionKind, SymbolKind};
use tbuild_codegen::asm::assemble;

/// A file exercising each kind of symbol reference and each data section.
const RELOCS: &str = r#"
#include "textflag.h"

TEXT runtime·caller(SB), NOSPLIT, $16-0
	CALL runtime·callee(SB)
	MOVQ $runtime·target(SB), DI
	LEAQ runtime·target+8(SB), AX
	MOVQ table<>(SB), BX
	JMP runtime·callee(SB)

TEXT helper<>(SB), NOSPLIT, $0
	RET

DATA table<>+0(SB)/8, $runtime·target(SB)
DATA table<>+8(SB)/8, $helper<>(SB)
GLOBL table<>(SB), $16

DATA runtime·ro+0(SB)/4, $0x01020304
GLOBL runtime·ro(SB), RODATA, $4
DATA runtime·np+0(SB)/8, $42
GLOBL runtime·np(SB), NOPTR, $8
GLOBL runtime·npbss(SB), NOPTR, $64
GLOBL runtime·bss(SB), $3

// Names: `·x` is in the package being assembled (runtime), `∕` is `/`, and a file-local name
// that a global of this object also uses keeps its `<>` to stay distinct.
TEXT ·pkglocal(SB), NOSPLIT, $0
	RET
GLOBL runtime∕debug·x(SB), $8
TEXT same(SB), NOSPLIT, $0
	MOVQ same<>(SB), AX
	RET
GLOBL same<>(SB), $8
"#;

/// A complete static program: write(1, msg, 13) then exit_group(7).
const HELLO: &str = r#"
#include "textflag.h"

TEXT _start(SB), NOSPLIT, $0
	MOVQ $1, DI
	MOVQ ptr<>(SB), SI          // the address comes from an R_X86_64_64 in .data
	MOVQ $runtime·msglen(SB), DX // R_X86_64_32S
	MOVQ (DX), DX
	MOVL $1, AX                 // SYS_write
	SYSCALL
	MOVQ $7, DI
	CALL runtime·exit(SB)
	HLT

TEXT runtime·exit(SB), NOSPLIT, $16-8
	MOVQ DI, 8(SP)
	MOVQ 8(SP), DI
	MOVL $231, AX               // SYS_exit_group
	SYSCALL
	RET

DATA msg<>+0(SB)/8, $"hello, w"
DATA msg<>+8(SB)/5, $"orld\n"
GLOBL msg<>(SB), RODATA, $13
DATA ptr<>+0(SB)/8, $msg<>(SB)
GLOBL ptr<>(SB), $8
DATA runtime·msglen+0(SB)/8, $13
GLOBL runtime·msglen(SB), NOPTR, $8
"#;

fn assemble_ok(name: &str, src: &str) -> Vec<u8> {
    match assemble(name, src, &|_| None) {
        Ok(o) => o,
        Err(d) => panic!(
            "{}",
            d.iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

/// A fresh scratch directory for this test process.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tbuild-asm-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs a tool; None (after saying why) if it is not installed.
fn run(tool: &str, args: &[&str], dir: &Path) -> Option<std::process::Output> {
    match Command::new(tool).args(args).current_dir(dir).output() {
        Ok(o) => Some(o),
        Err(e) => {
            eprintln!("skipping: cannot run {tool}: {e}");
            None
        }
    }
}

#[test]
fn object_layout() {
    let bytes = assemble_ok("relocs.s", RELOCS);
    let file = object::File::parse(&*bytes).unwrap();
    let text = file.section_by_name(".text").unwrap();
    assert_eq!(text.align(), 32);
    assert_eq!(
        file.section_by_name(".noptrbss").unwrap().kind(),
        SectionKind::UninitializedData
    );
    assert_eq!(
        file.section_by_name(".bss").unwrap().kind(),
        SectionKind::UninitializedData
    );
    for s in [".rodata", ".noptrdata", ".data", ".note.GNU-stack"] {
        assert!(file.section_by_name(s).is_some(), "missing {s}");
    }
    let sym = |n: &str| {
        file.symbols()
            .find(|s| s.name() == Ok(n))
            .unwrap_or_else(|| panic!("no symbol {n}"))
    };
    let caller = sym("runtime.caller");
    assert_eq!(caller.kind(), SymbolKind::Text);
    assert!(caller.is_global());
    assert!(caller.size() > 0);
    let helper = sym("helper");
    assert!(helper.is_local());
    // Functions are 32-byte aligned.
    assert_eq!(helper.address() % 32, 0);
    let table = sym("table");
    assert!(table.is_local());
    assert_eq!(table.kind(), SymbolKind::Data);
    assert_eq!(table.size(), 16);
    assert!(sym("runtime.callee").is_undefined());
    assert!(sym("runtime.target").is_undefined());
    let sec_of = |n: &str| {
        let idx = sym(n).section_index().unwrap();
        file.section_by_index(idx)
            .unwrap()
            .name()
            .unwrap()
            .to_string()
    };
    assert_eq!(sec_of("runtime.ro"), ".rodata");
    assert_eq!(sec_of("runtime.np"), ".noptrdata");
    assert_eq!(sec_of("runtime.npbss"), ".noptrbss");
    assert_eq!(sec_of("runtime.bss"), ".bss");
    assert_eq!(sec_of("table"), ".data");
    assert_eq!(sym("runtime.pkglocal").kind(), SymbolKind::Text);
    assert_eq!(sec_of("runtime/debug.x"), ".bss");
    assert!(sym("same").is_global());
    assert!(sym("same<>").is_local());
    // Small symbols are aligned to their size rounded up to a power of two.
    assert_eq!(sym("runtime.bss").address() % 4, 0);
}

#[test]
fn binutils_read_the_object() {
    let dir = scratch("read");
    std::fs::write(dir.join("relocs.o"), assemble_ok("relocs.s", RELOCS)).unwrap();
    let Some(re) = run("readelf", &["-a", "-W", "relocs.o"], &dir) else {
        return;
    };
    let out = String::from_utf8_lossy(&re.stdout);
    let err = String::from_utf8_lossy(&re.stderr);
    assert!(re.status.success(), "readelf failed: {err}");
    assert!(
        err.trim().is_empty() && !out.to_lowercase().contains("warning"),
        "readelf complained:\n{err}\n{out}"
    );
    let Some(od) = run("objdump", &["-dr", "-w", "relocs.o"], &dir) else {
        return;
    };
    let dis = String::from_utf8_lossy(&od.stdout);
    assert!(
        od.status.success(),
        "{}",
        String::from_utf8_lossy(&od.stderr)
    );
    // One line per relocation: `offset: R_X86_64_... symbol+addend`.
    let relocs: Vec<&str> = dis.lines().filter(|l| l.contains("R_X86_64")).collect();
    let has = |kind: &str, target: &str| {
        relocs
            .iter()
            .any(|l| l.contains(kind) && l.trim_end().ends_with(target))
    };
    assert!(has("R_X86_64_PLT32", "runtime.callee-0x4"), "CALL:\n{dis}");
    assert!(has("R_X86_64_32S", "runtime.target"), "MOVQ $sym:\n{dis}");
    assert!(
        has("R_X86_64_PC32", "runtime.target+0x4"),
        "LEAQ sym+8:\n{dis}"
    );
    assert!(
        has("R_X86_64_PC32", "table-0x4"),
        "MOVQ table<>(SB):\n{dis}"
    );
    assert_eq!(
        relocs
            .iter()
            .filter(|l| l.contains("R_X86_64_PLT32"))
            .count(),
        2,
        "CALL and JMP:\n{dis}"
    );
    let Some(od) = run("objdump", &["-r", "-j", ".data", "-w", "relocs.o"], &dir) else {
        return;
    };
    let data = String::from_utf8_lossy(&od.stdout);
    assert!(
        data.contains("R_X86_64_64") && data.contains("runtime.target"),
        "DATA $sym(SB):\n{data}"
    );
    assert!(data.contains("helper"), "DATA $helper<>(SB):\n{data}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn gnu_ld_links_and_runs() {
    let dir = scratch("ld");
    std::fs::write(dir.join("hello.o"), assemble_ok("hello.s", HELLO)).unwrap();
    let Some(ld) = run(
        "ld",
        &["-static", "-e", "_start", "-o", "hello", "hello.o"],
        &dir,
    ) else {
        return;
    };
    let err = String::from_utf8_lossy(&ld.stderr);
    assert!(ld.status.success(), "ld failed: {err}");
    assert!(err.trim().is_empty(), "ld warned: {err}");
    let out = Command::new(dir.join("hello")).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "hello, world\n");
    assert_eq!(out.status.code(), Some(7));
    std::fs::remove_dir_all(&dir).ok();
}

/// Found by fuzzing (fuzz/regressions/asm): a TEXT without instructions, which Go's assembler
/// accepts, made the DWARF writer fail on an empty address range ("DWARF: The range is empty
/// or otherwise invalid", with no line).
#[test]
fn empty_function() {
    let obj = assemble_ok(
        "empty.s",
        "#include \"textflag.h\"\nTEXT ·f(SB),NOSPLIT,$0\nTEXT ·g(SB),NOSPLIT,$0\n\tRET\n",
    );
    let file = object::File::parse(obj.as_slice()).unwrap();
    let sizes: Vec<(String, u64)> = file
        .symbols()
        .filter(|s| s.name().is_ok_and(|n| n.starts_with("runtime.")))
        .map(|s| (s.name().unwrap().to_string(), s.size()))
        .collect();
    assert!(sizes.contains(&("runtime.f".to_string(), 0)), "{sizes:?}");
    assert!(sizes.contains(&("runtime.g".to_string(), 1)), "{sizes:?}");
}
