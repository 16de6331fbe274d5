//! "Any standard object": link objects produced by GNU `as` (binutils) — section symbols with
//! addends, `.rodata.str1.1` merge strings, `.comm`, `.weak`, `call foo@PLT`,
//! `foo@GOTPCREL` loads, `.eh_frame` from CFI directives, `.note.GNU-stack` — and run the result.

mod common;

use common::*;
use tbuild_linker::{link, Input};

const RT0: &str = r#"
    .text
    .globl _rt0_amd64_linux
    .type _rt0_amd64_linux, @function
_rt0_amd64_linux:
    .cfi_startproc
    call main.main@PLT
    mov $1, %eax
    mov $1, %edi
    lea msg(%rip), %rsi
    mov $msglen, %edx
    syscall
    mov counter@GOTPCREL(%rip), %rax
    mov (%rax), %edi
    add common_var(%rip), %edi
    mov $60, %eax
    syscall
    .cfi_endproc
    .size _rt0_amd64_linux, .-_rt0_amd64_linux

    .section .rodata.str1.1,"aMS",@progbits,1
msg:
    .string "hello from gas\n"
    .set msglen, . - msg - 1

    .section .note.GNU-stack,"",@progbits
"#;

const MAIN: &str = r#"
    .text
    .globl main.main
    .type main.main, @function
main.main:
    incl counter(%rip)
    call helper
    ret
    .size main.main, .-main.main

    .type helper, @function
helper:
    movl $3, common_var(%rip)
    mov weak_fn@GOTPCREL(%rip), %rax
    ret
    .size helper, .-helper

    .data
    .globl counter
    .type counter, @object
    .p2align 2
counter:
    .long 3
    .size counter, 4
    .quad main.main
    .quad .Lfar

    .section .noptrdata,"aw"
    .quad 42

    .section .noptrbss,"aw",@nobits
    .zero 16

    .section .rodata
.Lfar:
    .quad 7

    .comm common_var, 4, 4
    .weak weak_fn
    .section .note.GNU-stack,"",@progbits
"#;

fn assemble(dir: &std::path::Path, name: &str, src: &str) -> Input {
    let s = dir.join(format!("{name}.s"));
    let o = dir.join(format!("{name}.o"));
    std::fs::write(&s, src).unwrap();
    let out = run(
        "as",
        &["--64", "-o", o.to_str().unwrap(), s.to_str().unwrap()],
    );
    assert!(out.status.success(), "as: {}", stderr(&out));
    Input {
        name: format!("{name}.o"),
        data: std::fs::read(&o).unwrap().into(),
        summary: None,
    }
}

#[test]
fn links_gnu_as_objects() {
    if !have("as") {
        println!("skipping: GNU as not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let inputs = [
        assemble(dir.path(), "rt0", RT0),
        assemble(dir.path(), "main", MAIN),
    ];
    let bytes = link(&inputs, &options()).unwrap_or_else(|e| panic!("{e}"));
    let (_d, exe) = write_exe(&bytes);
    let out = run(exe.to_str().unwrap(), &[]);
    assert_eq!(stdout(&out), "hello from gas\n");
    // counter: 3, incremented by main.main, plus common_var = 3.
    assert_eq!(out.status.code(), Some(7), "{out:?}");
    let all = readelf(&["-a", "-W"], &exe);
    assert!(!all.contains("Warning"), "{all}");
    let syms = symbols(&exe);
    let helper = symbol(&syms, "helper");
    assert_eq!(
        (helper.kind.as_str(), helper.bind.as_str()),
        ("FUNC", "LOCAL")
    );
    let common = symbol(&syms, "common_var");
    let secs = sections(&exe);
    let bss = secs.iter().find(|s| s.name == ".bss").unwrap();
    assert_eq!(common.ndx, bss.index.to_string());
    // .Lfar is a section-symbol reference with an addend into .rodata.
    let counter = symbol(&syms, "counter");
    let far = u64::from_le_bytes(
        read_at(&bytes, &exe, counter.value + 12, 8)
            .try_into()
            .unwrap(),
    );
    assert_eq!(
        u64::from_le_bytes(read_at(&bytes, &exe, far, 8).try_into().unwrap()),
        7
    );
    assert_eq!(
        u64::from_le_bytes(
            read_at(&bytes, &exe, counter.value + 4, 8)
                .try_into()
                .unwrap()
        ),
        symbol(&syms, "main.main").value
    );
}
