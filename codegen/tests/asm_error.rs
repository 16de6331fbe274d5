//! Error test for the plan9 assembler: testdata/asm/amd64error.s marks each line that must be
//! reported with `// ERROR "substring"`; a missing or an unexpected error fails the test, as in
//! Go's cmd/asm/internal/asm/pseudo_test.go / endtoend_test.go `testErrors`.

use std::collections::BTreeMap;

use tbuild_codegen::asm::assemble;
use tbuild_codegen::diag::MAX_ERRORS;

const FILE: &str = "tests/testdata/asm/amd64error.s";

/// The quoted substring of an `// ERROR "..."` comment (with `\"` unescaped).
fn expectation(line: &str) -> Option<String> {
    let (_, rest) = line.split_once("// ERROR \"")?;
    let end = rest.rfind('"')?;
    Some(rest[..end].replace("\\\"", "\""))
}

#[test]
fn amd64error() {
    let src = std::fs::read_to_string(FILE).unwrap();
    let lines: Vec<&str> = src.lines().collect();
    // Section boundaries; each section is assembled alone, with other lines blanked so line
    // numbers stay those of the file.
    let mut bounds = vec![0];
    for (i, l) in lines.iter().enumerate() {
        if l.trim() == "// ----" {
            bounds.push(i);
        }
    }
    bounds.push(lines.len());
    let mut problems = Vec::new();
    let mut total = 0;
    for w in bounds.windows(2) {
        let (lo, hi) = (w[0], w[1]);
        let text: String = lines
            .iter()
            .enumerate()
            .map(|(i, l)| if (lo..hi).contains(&i) { *l } else { "" })
            .collect::<Vec<_>>()
            .join("\n");
        let want: BTreeMap<u32, String> = (lo..hi)
            .filter_map(|i| expectation(lines[i]).map(|e| (i as u32 + 1, e)))
            .collect();
        assert!(
            want.len() < MAX_ERRORS,
            "section at line {} has too many errors",
            lo + 1
        );
        total += want.len();
        let diags = match assemble("amd64error.s", &text, &|_| None) {
            Ok(_) => Vec::new(),
            Err(d) => d,
        };
        let mut seen = BTreeMap::new();
        for d in &diags {
            match want.get(&d.line) {
                Some(sub) if d.msg.contains(sub.as_str()) => {
                    seen.insert(d.line, ());
                }
                Some(sub) => problems.push(format!("{d}: want message containing {sub:?}")),
                None => problems.push(format!("unexpected error: {d}")),
            }
        }
        for (line, sub) in &want {
            if !seen.contains_key(line) {
                problems.push(format!("amd64error.s:{line}: missing error {sub:?}"));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
    assert!(total > 40, "only {total} expectations");
}

/// The assembler reports errors and never panics: every prefix of every line of the test files,
/// alone in a TEXT, and pseudo-random one-character edits of the whole encoding test file.
#[test]
fn never_panics() {
    let enc = std::fs::read_to_string("tests/testdata/asm/amd64enc.s").unwrap();
    let err = std::fs::read_to_string(FILE).unwrap();
    let include = |name: &str| (name == "go_asm.h").then(|| "#define g_m 48\n".to_string());
    for line in enc.lines().chain(err.lines()) {
        for (cut, _) in line.char_indices() {
            let src = format!(
                "#define g(r) 0(r)(TLS*1)\nTEXT f(SB),$8\n{}\nRET\n",
                &line[..cut]
            );
            let _ = assemble("p.s", &src, &include);
        }
    }
    let chars: Vec<char> = enc.chars().collect();
    let alphabet: Vec<char> = "$()*,;:<>#/\\\"'-+~0129xABXQ·(SB)\n ".chars().collect();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..200 {
        let mut c = chars.clone();
        let at = next() as usize % c.len();
        let ch = alphabet[next() as usize % alphabet.len()];
        match next() % 3 {
            0 => c[at] = ch,
            1 => c.insert(at, ch),
            _ => {
                c.remove(at);
            }
        }
        let src: String = c.into_iter().collect();
        let _ = assemble("m.s", &src, &include);
    }
    // Pathological inputs: deep nesting, macro bombs, huge sizes and offsets.
    let deep = format!(
        "TEXT f(SB),$0\n\tMOVQ ${}1{}, AX\n",
        "(".repeat(5000),
        ")".repeat(5000)
    );
    assert!(assemble("d.s", &deep, &include).is_err());
    let mut bomb = String::from("#define A0 x\n");
    for i in 1..40 {
        bomb.push_str(&format!("#define A{i} A{} A{}\n", i - 1, i - 1));
    }
    bomb.push_str("TEXT f(SB),$0\n\tA39\n");
    assert!(assemble("b.s", &bomb, &include).is_err());
    let mut chain = String::new();
    for i in 0..5000 {
        chain.push_str(&format!("#define C{i} C{}\n", i + 1));
    }
    chain.push_str("TEXT f(SB),$0\n\tC0\n");
    assert!(assemble("c.s", &chain, &include).is_err());
    let big = "GLOBL x(SB), RODATA, $0x7fffffffffffffff\nDATA x+0x7ffffffffffffff8(SB)/8, $1\n\
               TEXT f(SB),$0\n\tMOVQ 0x7fffffffffffffff(FP), AX\n\tMOVQ -0x8000000000000000(TLS), AX\n";
    assert!(assemble("g.s", big, &include).is_err());
}

/// What an input may cost is bounded (issue 9): a file of stray bytes keeps at most
/// MAX_ERRORS errors, thousands of failing includes stop at MAX_ERRORS, and a macro that
/// every line expands a thousandfold stops at the total token limit.
#[test]
fn huge_inputs_are_bounded() {
    let none = |_: &str| None;
    let stray = "?".repeat(1 << 20);
    let d = assemble("s.s", &stray, &none).unwrap_err();
    assert_eq!(d.len(), MAX_ERRORS);
    let includes = "#include \"textflag.h\"\n".repeat(200_000);
    let d = assemble("i.s", &includes, &none).unwrap_err();
    assert!(d.len() <= MAX_ERRORS, "{}", d.len());
    let mut bomb = String::from(
        "#define A(x) x x x x x x x x x x\n\
         #define B(x) A(x) A(x) A(x) A(x) A(x) A(x) A(x) A(x) A(x) A(x)\n\
         #define C(x) B(x) B(x) B(x) B(x) B(x) B(x) B(x) B(x) B(x) B(x)\n\
         TEXT f(SB),$0\n",
    );
    for _ in 0..10_000 {
        bomb.push_str("BYTE C($1)\n");
    }
    let d = assemble("b.s", &bomb, &none).unwrap_err();
    assert!(
        d.iter()
            .any(|d| d.to_string().contains("macro expansion too large")),
        "{d:?}"
    );
}
