//! Target `source`: Go source through the compile stage (lexer, parser, checker, lowering to
//! Cranelift and object emission), in process, on the compile stage's own large stack.
//!
//! An input is the text of one file of package main. Its imports are the bundled packages,
//! but checking fmt and what it imports from source costs tens of times a small program, so
//! the seeds are the project's programs (tests/corpus, examples, tests/errors) with
//! `fmt.Print*` calls rewritten to the `print`/`println` builtins, and only those that then
//! import no package (308 of 398; a mutation may still add an import). Programs that use the
//! bundled packages are mutated by tests/mutants.rs, which builds them whole. The
//! edits ([`edit_source`]) are shared with tests/mutants.rs, which checks with `go build`
//! that every mutant tbuild accepts is valid Go.
//!
//! The checks, what issue 9 requires of the compile stage: it never panics, never overflows
//! its stack and never hangs; a program it rejects gets between 1 and 10 errors (and "too
//! many errors"), each with a line in the input and none an internal compiler error; a
//! program it accepts gives an object the linker's reader takes as well formed.

use std::fs;
use std::path::Path;

use tbuild_codegen::compile::{compile_package, CompileOptions, SourceFile};
use tbuild_codegen::diag::MAX_ERRORS;

use crate::text::{self, Kind};
use crate::{Outcome, Rng, Target};

/// Name of the fuzzed file in messages.
const FILE: &str = "fuzz.go";

pub struct SourceTarget {
    seeds: Vec<Vec<u8>>,
}

pub fn new() -> Box<dyn Target> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut seeds = Vec::new();
    for dir in ["tests/corpus", "examples", "tests/errors"] {
        let Ok(entries) = fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut paths: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "src" || e == "go"))
            .collect();
        paths.sort();
        for p in paths {
            if let Ok(text) = fs::read(&p) {
                let text = without_fmt(&String::from_utf8_lossy(&text));
                if !imports_a_package(&text) {
                    seeds.push(text.into_bytes());
                }
            }
        }
    }
    // Small seeds for what the programs use little.
    seeds.extend(EXTRA.iter().map(|s| s.as_bytes().to_vec()));
    Box::new(SourceTarget { seeds })
}

const EXTRA: &[&str] = &[
    "package main\n\ntype T struct{ a [3]int; p *T }\n\nconst c = 1 << 10\n\nvar g = [...]int{c: 1}\n\n\
     func (t *T) m(x ...int) (r int) { for i, v := range x { r += i * v }; return }\n\n\
     func main() { var t T; t.p = &t; println(t.p.m(1, 2, 3), len(g), c>>3) }\n",
    "package main\n\ntype I interface{ M() string }\ntype S string\n\nfunc (s S) M() string { return string(s) }\n\n\
     func main() {\n\tvar i I = S(\"x\")\n\tswitch v := i.(type) {\n\tcase S:\n\t\tprintln(v)\n\tdefault:\n\t}\n\
     \tif s, ok := i.(S); ok { println(s[0:1]) }\n}\n",
    "package main\n\nimport \"unsafe\"\n\nfunc f(a []byte, s string) (int, bool) { return copy(a, s), len(a) > 0 }\n\n\
     func main() {\n\tb := make([]byte, 4, 8)\n\tn, ok := f(b, \"hey\")\n\tb = append(b[:n], \"!\"...)\n\
     \tprintln(n, ok, string(b), unsafe.Sizeof(b), cap(b[1:2:3]))\nL:\n\tfor {\n\t\tbreak L\n\t}\n}\n",
];

/// A program with `fmt.Print*` made the builtins, and `import "fmt"` dropped if nothing else
/// uses it: the checker then needs no package's source.
fn without_fmt(src: &str) -> String {
    let mut s = src
        .replace("fmt.Println(", "println(")
        .replace("fmt.Print(", "print(");
    if !s.contains("fmt.") {
        s = s.replace("import \"fmt\"\n", "").replace("\t\"fmt\"\n", "");
    }
    s
}

/// Whether the program still imports a package (other than unsafe, which has no source).
fn imports_a_package(src: &str) -> bool {
    src.lines().any(|l| {
        let l = l.trim_start_matches("import").trim();
        l.starts_with('"') && l != "\"unsafe\""
    })
}

/// Boundary literals: integer and float limits, overflowing and special values.
const LITERALS: &[&str] = &[
    "0",
    "1",
    "-1",
    "2",
    "7",
    "8",
    "63",
    "64",
    "255",
    "256",
    "1 << 62",
    "1<<63 - 1",
    "1 << 63",
    "1 << 64",
    "-1 << 63",
    "0x7fffffffffffffff",
    "0xffffffffffffffff",
    "18446744073709551616",
    "1 << 40",
    "1 << 62",
    "1e308",
    "1e309",
    "-0.0",
    "1.5",
    "2.0",
    "1e-400",
    "0x1p-1074",
    "'a'",
    "'\\x00'",
    "'\\U0010ffff'",
    "\"\"",
    "\"é\\n\"",
    "`raw`",
    "0b1010",
    "0o777",
    "1_000",
    "1i",
    "nil",
    "true",
    "iota",
];

/// Words to put in an identifier's place: types, builtins, keywords, common names.
const WORDS: &[&str] = &[
    "int",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint",
    "uint8",
    "uint64",
    "uintptr",
    "float32",
    "float64",
    "complex128",
    "string",
    "byte",
    "rune",
    "bool",
    "error",
    "any",
    "len",
    "cap",
    "append",
    "make",
    "new",
    "copy",
    "delete",
    "panic",
    "recover",
    "print",
    "println",
    "complex",
    "real",
    "imag",
    "close",
    "min",
    "nil",
    "true",
    "false",
    "iota",
    "main",
    "init",
    "_",
    "x",
    "T",
    "unsafe",
    "fmt",
    "go",
    "defer",
    "select",
    "chan",
    "map",
    "goto",
    "fallthrough",
    "break",
    "continue",
    "return",
    "range",
    "struct",
    "interface",
    "func",
    "type",
    "var",
    "const",
    "package",
    "import",
];

/// Operators and punctuation to insert.
const PUNCT: &[&str] = &[
    "(", ")", "{", "}", "[", "]", ",", ";", ".", ":", ":=", "=", "+", "-", "*", "/", "%", "<<",
    ">>", "&", "|", "^", "&^", "&&", "||", "!", "<-", "==", "!=", "<", "<=", ">", ">=", "...",
    "++", "--", "+=", "<<=", "\n", "//", "/*", "*/", "\"", "'", "`", "~", "@", "$", "\\",
];

/// Wrappers for an operand: conversions, builtins, operators, huge types.
const WRAPS: &[&str] = &[
    "(%)",
    "-%",
    "^%",
    "!%",
    "&%",
    "*%",
    "int8(%)",
    "uint64(%)",
    "float32(%)",
    "string(%)",
    "[]byte(%)",
    "len(%)",
    "cap(%)",
    "%...",
    "% << 64",
    "% << %",
    "% / 0",
    "% % 0",
    "%[1:]",
    "%[%]",
    "%[:%:%]",
    "%.x",
    "%()",
    "func() int { return % }()",
    "[1 << 40]byte{%}",
    "[0x7fffffffffffffff][1]uint8{{%}}",
    "struct{ a [1 << 62]byte }{}",
    "interface{}(%)",
    "%.(int)",
    "[]int{%: %}",
    "map[int]int{%: 1}",
];

/// One structure-aware edit of a Go program: a literal becomes a boundary value, a name
/// another name, type, builtin or keyword; a token is deleted, duplicated or inserted; lines
/// are duplicated, dropped or swapped, or a line of `other` inserted; an operand is nested in
/// parentheses, blocks or composite literals hundreds deep, or wrapped in a conversion,
/// builtin, operator or huge type. Returns None when the input has nothing to edit.
pub fn edit_source(text: &str, other: &str, rng: &mut Rng) -> Option<String> {
    let toks = text::tokens(text, |_| false);
    let pick = |rng: &mut Rng, kind| text::pick(&toks, rng, kind);
    let operand = |rng: &mut Rng| {
        if rng.one_in(2) {
            pick(rng, Some(Kind::Number))
        } else {
            pick(rng, Some(Kind::Word))
        }
    };
    let replace = |range, with: &str| text::replace(text, range, with);
    match rng.below(10) {
        0 => pick(rng, Some(Kind::Number)).map(|r| {
            let lit: &&str = rng.choose(LITERALS);
            replace(r, lit)
        }),
        1 | 2 => pick(rng, Some(Kind::Word)).map(|r| {
            // Another name of the program, or a word of the language.
            if rng.one_in(2) {
                let (a, b) = pick(rng, Some(Kind::Word)).unwrap_or(r);
                let w = text[a..b].to_string();
                replace(r, &w)
            } else {
                let word: &&str = rng.choose(WORDS);
                replace(r, word)
            }
        }),
        3 => text::token_edit(text, &toks, PUNCT, rng),
        4 => text::shuffle_lines(text, rng),
        5 => text::insert_line_of(text, other, rng),
        6 => operand(rng).map(|(a, b)| {
            // Deep nesting, up to past the parser's limit now and then.
            let n = if rng.one_in(64) {
                150_001
            } else {
                1 + rng.below(300)
            };
            let inner = &text[a..b];
            let (open, close) = *rng.choose(&[("(", ")"), ("-", ""), ("[]int{len(", ")}[0]")]);
            replace(
                (a, b),
                &format!("{}{inner}{}", open.repeat(n), close.repeat(n)),
            )
        }),
        7 => pick(rng, Some(Kind::Newline)).map(|(a, _)| {
            // Nested blocks or types as a statement.
            let n = 1 + rng.below(300);
            let s = match rng.below(3) {
                0 => format!("\n{}{}\n", "{".repeat(n), "}".repeat(n)),
                1 => format!("\nvar _ {}int\n", "[1]".repeat(n)),
                _ => format!(
                    "\nvar _ = {}1{}\n",
                    "func() int { return ".repeat(n),
                    " }()".repeat(n)
                ),
            };
            replace((a, a + 1), &s)
        }),
        8 => operand(rng).map(|(a, b)| {
            let inner = text[a..b].to_string();
            let wrap: &&str = rng.choose(WRAPS);
            replace((a, b), &wrap.replace('%', &inner))
        }),
        _ => {
            // A random span copied elsewhere.
            if text.is_empty() {
                return None;
            }
            let (a, _) = pick(rng, None)?;
            let (_, b) = pick(rng, None)?;
            let (a, b) = (a.min(b), a.max(b));
            let mut end = b.min(a + 200);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let span = text[a..end].to_string();
            let (at, _) = pick(rng, None)?;
            Some(replace((at, at), &span))
        }
    }
}

impl Target for SourceTarget {
    fn name(&self) -> &'static str {
        "source"
    }

    fn seeds(&self) -> Vec<Vec<u8>> {
        self.seeds.clone()
    }

    fn edit(&self, input: &mut Vec<u8>, rng: &mut Rng) -> bool {
        // A third of the time, start again from a seed (see the asm target).
        if rng.one_in(3) {
            *input = rng.choose(&self.seeds).clone();
        }
        let text = String::from_utf8_lossy(input).into_owned();
        let other: &Vec<u8> = rng.choose(&self.seeds);
        let other = String::from_utf8_lossy(other).into_owned();
        match edit_source(&text, &other, rng) {
            Some(s) => {
                *input = s.into_bytes();
                true
            }
            None => false,
        }
    }

    fn run(&mut self, input: &[u8]) -> Outcome {
        let files = [SourceFile {
            name: FILE.into(),
            text: input.to_vec(),
        }];
        let compiled = tbuild_codegen::compile::stack::run(|| {
            let import = |path: &str| {
                tbuild_runtime::package(path).map(|pkg| {
                    pkg.go_files
                        .iter()
                        .map(|f| SourceFile {
                            name: format!("$TBUILD/runtime/{}/{}", pkg.path, f.name),
                            text: f.text.as_bytes().to_vec(),
                        })
                        .collect()
                })
            };
            let opts = CompileOptions::new("main", &import);
            compile_package(&files, &opts)
        });
        let compiled = match compiled {
            Ok(c) => c,
            Err(e) => return Outcome::Finding(format!("no compile thread: {e}")),
        };
        match compiled {
            Ok(pkg) => {
                match tbuild_linker::read::read_object("main.o", &pkg.object.clone().into(), None) {
                    Ok(_) => Outcome::Ok,
                    Err(e) => Outcome::Finding(format!("accepted, but its object is not: {e}")),
                }
            }
            Err(diags) => {
                if diags.is_empty() {
                    return Outcome::Finding("rejected without a message".into());
                }
                // Ten errors, then "too many errors".
                if diags.len() > MAX_ERRORS + 1 {
                    return Outcome::Finding(format!("{} errors", diags.len()));
                }
                for d in &diags {
                    let msg = d.to_string();
                    // By its start: a syntax error may quote a literal that holds the words.
                    if d.msg.starts_with("internal compiler error") || d.msg.is_empty() {
                        return Outcome::Finding(format!("bad message: {msg}"));
                    }
                    if d.file == FILE && d.line == 0 {
                        return Outcome::Finding(format!("error without a line: {msg}"));
                    }
                }
                // Digits and names vary endlessly; the message's words classify it.
                Outcome::Rejected(diags[0].msg.clone())
            }
        }
    }
}
