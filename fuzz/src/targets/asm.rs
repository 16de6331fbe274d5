//! Target `asm`: plan9 assembly through tbuild's assembler (codegen/src/asm), in process.
//!
//! An input is the text of one `.s` file (read as `tbuild tool asm` reads it: invalid UTF-8
//! replaced). `#include "go_asm.h"` gives the header the compile stage writes for package
//! runtime (made once, when the target starts), `textflag.h` is built in, any other include is
//! missing. The seeds are the project's own assembly: the runtime's `.s` files and the
//! assembler's encoding and error tests (codegen/tests/testdata/asm).
//!
//! The checks, what issue 9 requires of the assembler: it never panics and never hangs; an
//! input it rejects gets at most 10 errors, each `file:line: message` with a line (>= 1) in
//! the input or a file it includes, and none an internal error; an input it accepts gives an
//! object the linker's reader takes as well formed (ELF structure, symbols, relocations and
//! DWARF all checked by `tbuild_linker::read::read_object`), and the same bytes when assembled
//! again.
//!
//! The structure-aware edits work on tokens (identifiers, numbers, strings, operators, line
//! breaks): a number becomes a boundary value, an identifier another mnemonic, register,
//! pseudo-instruction, directive or symbol, a token is deleted, duplicated or inserted, lines
//! are duplicated, dropped, swapped or taken from another seed, and parentheses are nested.

use tbuild_codegen::compile::{compile_package, CompileOptions, SourceFile};
use tbuild_codegen::diag::MAX_ERRORS;

use crate::text::{self, Kind};
use crate::{Outcome, Rng, Target};

/// The assembler's own test files: every instruction form it encodes, and its error cases.
const ENC: &str = include_str!("../../../codegen/tests/testdata/asm/amd64enc.s");
const ERRORS: &str = include_str!("../../../codegen/tests/testdata/asm/amd64error.s");
/// The assembler's instruction table, from which the mnemonics dictionary is taken.
const ARCH: &str = include_str!("../../../codegen/src/asm/arch.rs");

/// Small seeds for what the larger files use little: macros, conditionals, data and strings.
const EXTRA: &[&str] = &[
    "#include \"textflag.h\"\n#define ADD3(a, b) ADDQ a, b; ADDQ a, b; ADDQ a, b\n\
     TEXT ·f(SB),NOSPLIT,$16-8\n\tMOVQ x+0(FP), AX\n\tADD3($1, AX)\nloop:\n\tDECQ AX\n\tJNE loop\n\
     \tMOVQ AX, ret+8(FP)\n\tRET\n",
    "#ifdef GOARCH_amd64\n#define N 8\n#else\n#define N 4\n#endif\n#ifndef N\nbad\n#endif\n\
     DATA msg<>+0(SB)/8, $\"hello, w\"\nDATA msg<>+8(SB)/4, $\"orld\"\nGLOBL msg<>(SB), RODATA, $12\n\
     DATA tab<>+0(SB)/8, $msg<>(SB)\nDATA tab<>+8(SB)/8, $N\nGLOBL tab<>(SB), NOPTR, $16\n\
     DATA ·f64+0(SB)/8, $1.5\nGLOBL ·f64(SB), NOPTR, $8\n",
    "TEXT ·tls(SB),NOSPLIT|NOFRAME,$0-0\n\tMOVQ TLS, CX\n\tMOVQ 0(CX)(TLS*1), AX\n\
     \tMOVQ (AX)(BX*8), DX\n\tLEAQ -8(SP), SI\n\tCALL ·other(SB)\n\tJMP 2(PC)\n\tNOP\n\tRET\n\
     \tPCDATA $0, $-1\n\tFUNCDATA $0, ·f64(SB)\n\tBYTE $0x90\n\tWORD $0x9090\n",
];

/// Boundary numbers for operands, frame sizes, offsets, widths and scales.
const NUMBERS: &[&str] = &[
    "0",
    "1",
    "-1",
    "2",
    "3",
    "4",
    "8",
    "16",
    "31",
    "32",
    "63",
    "64",
    "127",
    "128",
    "255",
    "256",
    "4096",
    "65535",
    "65536",
    "0x7fffffff",
    "0x80000000",
    "0xffffffff",
    "0x100000000",
    "0x7fffffffffffffff",
    "0x8000000000000000",
    "0xffffffffffffffff",
    "18446744073709551616",
    "1073741824",
    "1073741825",
    "1e308",
    "1.5",
    "0.0",
    "'a'",
    "'\\n'",
    "0b101",
    "0o17",
    "017",
];

/// Words besides mnemonics: registers, pseudo-registers, pseudo-instructions, directives,
/// flags, symbols.
const WORDS: &[&str] = &[
    "AX",
    "BX",
    "CX",
    "DX",
    "SI",
    "DI",
    "BP",
    "SP",
    "R8",
    "R15",
    "X0",
    "X15",
    "Y0",
    "Y15",
    "AL",
    "SB",
    "FP",
    "PC",
    "TLS",
    "TEXT",
    "GLOBL",
    "DATA",
    "PCDATA",
    "FUNCDATA",
    "PCALIGN",
    "BYTE",
    "WORD",
    "LONG",
    "QUAD",
    "NOSPLIT",
    "NOFRAME",
    "RODATA",
    "NOPTR",
    "DUPOK",
    "TOPFRAME",
    "define",
    "undef",
    "ifdef",
    "ifndef",
    "else",
    "endif",
    "include",
    "·f",
    "·f64",
    "msg<>",
    "runtime·x",
    "x",
    "loop",
    "g_m",
    "GOARCH_amd64",
];

/// Operators and punctuation to insert.
const PUNCT: &[&str] = &[
    "$", "(", ")", ",", ":", ";", "+", "-", "*", "/", "<<", ">>", "<>", "<", ">", "#", "·", "\\",
    "\"", "'", "`", "\n", "//", "/*", "*/", "~", "&", "|", "^", "%", "!",
];

pub struct AsmTarget {
    /// The runtime's go_asm.h, as the compile stage writes it.
    header: String,
    seeds: Vec<Vec<u8>>,
    /// Mnemonics (from the instruction table) and [`WORDS`].
    words: Vec<String>,
}

pub fn new() -> Box<dyn Target> {
    let runtime = tbuild_runtime::package("runtime").expect("the bundled runtime");
    let sources = |pkg: &tbuild_runtime::Package| -> Vec<SourceFile> {
        pkg.go_files
            .iter()
            .map(|f| SourceFile {
                name: format!("$TBUILD/runtime/{}/{}", pkg.path, f.name),
                text: f.text.as_bytes().to_vec(),
            })
            .collect()
    };
    let import = |path: &str| tbuild_runtime::package(path).map(sources);
    let opts = CompileOptions::new("runtime", &import);
    let header = compile_package(&sources(runtime), &opts)
        .map(|c| c.asm_header)
        .unwrap_or_else(|e| panic!("compiling the runtime for go_asm.h: {}", e[0]));

    let mut seeds: Vec<Vec<u8>> = tbuild_runtime::PACKAGES
        .iter()
        .flat_map(|p| p.asm_files.iter())
        .map(|f| f.text.as_bytes().to_vec())
        .collect();
    seeds.push(ENC.as_bytes().to_vec());
    // The error file's sections, each on its own (as asm_error.rs assembles them).
    for section in ERRORS.split("// ----") {
        seeds.push(section.as_bytes().to_vec());
    }
    seeds.extend(EXTRA.iter().map(|s| s.as_bytes().to_vec()));

    let mut words: Vec<String> = ARCH
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|w| {
            !w.is_empty()
                && w.len() <= 12
                && w.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        })
        .map(str::to_string)
        .collect();
    words.sort();
    words.dedup();
    words.extend(WORDS.iter().map(|w| w.to_string()));
    Box::new(AsmTarget {
        header,
        seeds,
        words,
    })
}

/// Name of the fuzzed file in messages.
const FILE: &str = "fuzz.s";

impl Target for AsmTarget {
    fn name(&self) -> &'static str {
        "asm"
    }

    fn seeds(&self) -> Vec<Vec<u8>> {
        self.seeds.clone()
    }

    fn edit(&self, input: &mut Vec<u8>, rng: &mut Rng) -> bool {
        // A third of the time, start again from a seed: the corpus fills with inputs an
        // earlier mutation broke (each new message adds one), and edits of a good file reach
        // further than edits of a broken one.
        if rng.one_in(3) {
            *input = rng.choose(&self.seeds).clone();
        }
        let text = String::from_utf8_lossy(input).into_owned();
        let toks = text::tokens(&text, |c| c == '·');
        let pick = |rng: &mut Rng, kind| text::pick(&toks, rng, kind);
        let replace = |range, with: &str| text::replace(&text, range, with);
        let out = match rng.below(8) {
            0 => pick(rng, Some(Kind::Number)).map(|r| {
                let n: &&str = rng.choose(NUMBERS);
                replace(r, n)
            }),
            1 | 2 => pick(rng, Some(Kind::Word)).map(|r| {
                let w = rng.choose(&self.words[..]).clone();
                replace(r, &w)
            }),
            3 => text::token_edit(&text, &toks, PUNCT, rng),
            4 => text::shuffle_lines(&text, rng),
            5 => {
                let seed: &Vec<u8> = rng.choose(&self.seeds);
                text::insert_line_of(&text, &String::from_utf8_lossy(seed), rng)
            }
            6 => pick(rng, Some(Kind::Number)).map(|(a, b)| {
                // Deep nesting of an expression.
                let n = 1 + rng.below(200);
                let inner = &text[a..b];
                replace(
                    (a, b),
                    &format!("{}{inner}{}", "(".repeat(n), ")".repeat(n)),
                )
            }),
            _ => pick(rng, Some(Kind::Word)).map(|(a, b)| {
                // A macro use or definition at this word.
                let w = text[a..b].to_string();
                let forms = [
                    format!("{w}({w})"),
                    format!("{w}()"),
                    format!("{w}(a,b,c)"),
                    format!("\n#define {w} {w}\n{w}"),
                    format!("\n#define {w}(x) x x x x\n{w}"),
                ];
                let form: &String = rng.choose(&forms);
                replace((a, b), form)
            }),
        };
        match out {
            Some(s) => {
                *input = s.into_bytes();
                true
            }
            None => false,
        }
    }

    fn run(&mut self, input: &[u8]) -> Outcome {
        let text = String::from_utf8_lossy(input);
        let header = &self.header;
        let include = |name: &str| (name == "go_asm.h").then(|| header.clone());
        match tbuild_codegen::asm::assemble(FILE, &text, &include) {
            Ok(object) => {
                match tbuild_linker::read::read_object("fuzz.o", &object.clone().into(), None) {
                    Ok(_)
                        if tbuild_codegen::asm::assemble(FILE, &text, &include).as_ref()
                            != Ok(&object) =>
                    {
                        Outcome::Finding("a second assembly of the same text differs".into())
                    }
                    Ok(_) => Outcome::Ok,
                    Err(e) => Outcome::Finding(format!("accepted, but its object is not: {e}")),
                }
            }
            Err(diags) => {
                if diags.is_empty() {
                    return Outcome::Finding("rejected without a message".into());
                }
                if diags.len() > MAX_ERRORS {
                    return Outcome::Finding(format!(
                        "{} errors, more than {MAX_ERRORS}",
                        diags.len()
                    ));
                }
                for d in &diags {
                    let msg = d.to_string();
                    if d.line == 0 || !matches!(d.file.as_str(), FILE | "go_asm.h" | "textflag.h") {
                        return Outcome::Finding(format!(
                            "error without a place in the input: {msg}"
                        ));
                    }
                    if d.msg.is_empty() || msg.contains("internal error") {
                        return Outcome::Finding(format!("bad message: {msg}"));
                    }
                }
                Outcome::Rejected(diags[0].to_string())
            }
        }
    }
}
