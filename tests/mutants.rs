//! Mutated programs: bad input never crashes tbuild, and what tbuild accepts Go accepts.
//!
//! Each mutant is a program of tests/corpus or tests/errors with a few random edits: a span
//! deleted, a token inserted (keywords, operators, brackets, literals, newlines, invalid
//! UTF-8), or a span copied elsewhere; or the source fuzz target's structure-aware edits
//! (fuzz/src/targets/source.rs), whose programs keep their imports here. tbuild must then exit 0 or 1 without a Rust panic or
//! an internal error; an exit 1 must come with a message and leave no output file; and a
//! program tbuild builds must also build with `go build` (Go is the oracle of what is
//! valid). The mutants are not run: an edit can make a program loop forever.
//!
//! CI checks a fixed range of seeds. By hand:
//!
//! ```sh
//! TBUILD_MUTANT_SEED=1000 TBUILD_MUTANT_COUNT=5000 cargo test -p tbuild --test mutants -- --nocapture
//! ```

mod common;

use std::fs;
use std::path::PathBuf;
use std::time::Duration;

use common::*;
use tbuild_fuzz::targets::source::edit_source;

const CI_SEED: u64 = 1;
const CI_COUNT: u64 = 2000;

/// What an edit may insert.
const TOKENS: &[&str] = &[
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    ",",
    ";",
    ".",
    ":=",
    "=",
    "+",
    "-",
    "*",
    "/",
    "%",
    "<<",
    ">>",
    "&^",
    "...",
    "func",
    "var",
    "const",
    "type",
    "struct",
    "interface",
    "for",
    "range",
    "if",
    "else",
    "switch",
    "case",
    "default",
    "return",
    "break",
    "continue",
    "goto",
    "fallthrough",
    "go",
    "defer",
    "map",
    "chan",
    "nil",
    "iota",
    "0",
    "1",
    "1e400",
    "0x",
    "'",
    "\"",
    "`",
    "x",
    "int",
    "string",
    "any",
    "*int",
    "[]int",
    "\n",
    " ",
    "len",
    "append",
    "make",
    "new",
    "panic",
    "print",
    "_",
    "&",
    "|",
    "^",
    "!",
    "<-",
    "<",
    ">",
    "==",
    "!=",
    "\u{ff}",
    "\u{0}",
    "é",
];

fn sources() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["tests/corpus", "tests/errors"] {
        for e in fs::read_dir(root().join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "src") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

/// One to four random edits of `src`: half the time the source fuzz target's structure-aware
/// edits (fuzz/src/targets/source.rs: boundary literals, names swapped for types, builtins and
/// keywords, operands wrapped in conversions and huge types, deep nesting, lines moved or
/// taken from `other`), otherwise byte edits (which may split a UTF-8 sequence).
fn mutate(rng: &mut Rng, src: &[u8], other: &[u8]) -> Vec<u8> {
    if rng.below(2) == 0 {
        let mut frng = tbuild_fuzz::Rng::new(rng.below(usize::MAX) as u64);
        let mut text = String::from_utf8_lossy(src).into_owned();
        let other = String::from_utf8_lossy(other);
        for _ in 0..1 + rng.below(3) {
            if let Some(t) = edit_source(&text, &other, &mut frng) {
                text = t;
            }
        }
        return text.into_bytes();
    }
    let mut s = src.to_vec();
    for _ in 0..1 + rng.below(4) {
        let i = rng.below(s.len() + 1);
        match rng.below(10) {
            0..=3 => {
                let j = (i + 1 + rng.below(12)).min(s.len());
                s.drain(i..j);
            }
            4..=7 => {
                let t = rng.pick(TOKENS).as_bytes();
                s.splice(i..i, t.iter().copied());
            }
            _ => {
                let j = (i + 1 + rng.below(40)).min(s.len());
                let piece = s[i..j].to_vec();
                let k = rng.below(s.len() + 1);
                s.splice(k..k, piece);
            }
        }
    }
    s
}

#[test]
fn mutants_never_crash_and_accepted_ones_are_go() {
    let seed = std::env::var("TBUILD_MUTANT_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(CI_SEED);
    let count = std::env::var("TBUILD_MUTANT_COUNT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(CI_COUNT);
    let with_go = have("go");
    let files = sources();
    let keep = std::env::temp_dir().join("tbuild-mutants");
    let dir = tempfile::tempdir().unwrap();
    let (mut accepted, mut failures) = (0, Vec::new());
    for n in seed..seed + count {
        let mut rng = Rng::new(n);
        let from = rng.pick(&files).clone();
        let other = fs::read(rng.pick(&files)).unwrap();
        let mutant = mutate(&mut rng, &fs::read(&from).unwrap(), &other);
        let src = dir.path().join("main.go");
        fs::write(&src, &mutant).unwrap();
        let out = dir.path().join("out");
        let _ = fs::remove_file(&out);
        let (_, err, code) = run_timeout(
            tbuild().arg("-o").arg(&out).arg(&src),
            Duration::from_secs(60),
        );
        let problem = if code != 0 && code != 1 {
            Some(format!("exit status {code}"))
        } else if err.contains("panicked") || err.contains("internal error") {
            Some("tbuild crashed".to_string())
        } else if code == 1 && (err.trim().is_empty() || out.exists()) {
            Some("exit 1 without a message, or with an output file".to_string())
        } else if code == 0 && with_go {
            accepted += 1;
            go_build(&src, &dir.path().join("go-out"))
                .err()
                // An internal compiler error is a bug of go's, not a verdict that the
                // program is invalid (go 1.19 fails so on `x >> '\x00'`, a valid shift).
                .filter(|e| !e.contains("internal compiler error"))
                .map(|e| format!("tbuild built it, Go did not:\n{e}"))
        } else {
            None
        };
        if let Some(p) = problem {
            fs::create_dir_all(&keep).unwrap();
            let path = keep.join(format!("mutant-{n}.go"));
            fs::write(&path, &mutant).unwrap();
            failures.push(format!(
                "seed {n} (from {}): {p}\n{}\n{err}",
                from.display(),
                path.display()
            ));
        }
    }
    eprintln!("{count} mutants from seed {seed}: {accepted} built by tbuild");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
