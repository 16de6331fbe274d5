//! Real objects for the tests: a small Go program compiled by tbuild's compile stage and an
//! entry point assembled by its plan9 assembler, which together link and run without the
//! runtime.

use tbuild_linker::Input;

/// A Go program small enough to link without the runtime: what it calls of package runtime
/// is stubbed in [`RT0`].
const MAIN_GO: &str = "package main

func f(x int) int { return x * 3 }

func main() {
\tvar a [4]int
\tfor i := range a {
\t\ta[i] = f(i)
\t}
\tif a[3] != 9 {
\t\tpanic(\"bad\")
\t}
}
";

/// The entry point (exit status 0 after main.main) and the runtime functions main.o uses
/// (strequal: the string type's descriptor, for panic's interface value, names its equal
/// function).
const RT0: &str = "#include \"textflag.h\"
TEXT _rt0_amd64_linux(SB),NOSPLIT,$0
\tCALL\tmain·main(SB)
\tMOVL\t$0, DI
\tMOVL\t$231, AX
\tSYSCALL
\tRET
TEXT runtime·panicIndex(SB),NOSPLIT,$0
\tINT\t$3
TEXT runtime·gopanic(SB),NOSPLIT,$0
\tINT\t$3
TEXT runtime·mallocgc(SB),NOSPLIT,$0
\tINT\t$3
TEXT runtime·strequal(SB),NOSPLIT,$0
\tINT\t$3
DATA runtime·unused+0(SB)/8, $1
GLOBL runtime·unused(SB), $8
GLOBL runtime·zeros(SB), $64
";

pub fn main_object_go() -> Input {
    let files = vec![tbuild_codegen::compile::SourceFile {
        name: "main.go".into(),
        text: MAIN_GO.as_bytes().to_vec(),
    }];
    let none = |_: &str| None;
    let opts = tbuild_codegen::compile::CompileOptions::new("main", &none);
    let compiled = tbuild_codegen::compile::compile_package(&files, &opts)
        .unwrap_or_else(|e| panic!("{}", e[0]));
    Input {
        name: "main.o".into(),
        data: compiled.object.into(),
        summary: None,
    }
}

pub fn rt0_object_asm() -> Input {
    let data = tbuild_codegen::asm::assemble("rt0.s", RT0, &|_| None)
        .unwrap_or_else(|e| panic!("{}", e[0]));
    Input {
        name: "rt0.o".into(),
        data: data.into(),
        summary: None,
    }
}

pub fn program() -> Vec<Input> {
    vec![rt0_object_asm(), main_object_go()]
}

/// An object that defines a function nothing calls.
pub fn unused_object_asm() -> Input {
    let src = "#include \"textflag.h\"\nTEXT extra·unused(SB),NOSPLIT,$0\n\tRET\n";
    let data = tbuild_codegen::asm::assemble_package("extra", "extra.s", src, &|_| None)
        .unwrap_or_else(|e| panic!("{}", e[0]));
    Input {
        name: "extra.o".into(),
        data: data.into(),
        summary: None,
    }
}
