//! Encoding test for the plan9 assembler: testdata/asm/amd64enc.s gives, for each instruction
//! line, the bytes it must assemble to (from `go tool asm` or GNU as, never from tbuild). The file
//! is assembled as a whole and its `.text` is walked line by line, so every instruction's bytes
//! are checked in place, branches included.

use object::{Object, ObjectSection};
use tbuild_codegen::asm::assemble;

const FILE: &str = "tests/testdata/asm/amd64enc.s";

/// The go_asm.h the file includes (the compile stage writes the real one).
const GO_ASM_H: &str = "#define g_m 48\n#define g_stack 0\n#define stack_hi 8\n";

/// The expected bytes of a line: the first word of its trailing comment, if it is hex.
fn expected(line: &str) -> Option<(String, Vec<u8>)> {
    let (code, comment) = line.split_once("//")?;
    let code = code.trim();
    if code.is_empty() {
        return None;
    }
    let word = comment.split_whitespace().next()?;
    if word.len() % 2 != 0 || !word.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let bytes = (0..word.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&word[i..i + 2], 16).unwrap())
        .collect();
    Some((code.to_string(), bytes))
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

#[test]
fn amd64enc() {
    let src = std::fs::read_to_string(FILE).unwrap();
    let obj = match assemble("amd64enc.s", &src, &|name| {
        (name == "go_asm.h").then(|| GO_ASM_H.to_string())
    }) {
        Ok(o) => o,
        Err(diags) => {
            let msgs: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
            panic!("assembly failed:\n{}", msgs.join("\n"));
        }
    };
    let file = object::File::parse(&*obj).unwrap();
    let text = file.section_by_name(".text").unwrap().data().unwrap();
    let mut pos = 0;
    let mut failures = Vec::new();
    let mut checked = 0;
    for (i, line) in src.lines().enumerate() {
        let n = i + 1;
        let code = line.split("//").next().unwrap_or("").trim();
        if code.starts_with("TEXT") {
            // Functions start 32-aligned; the padding is INT3.
            while pos % 32 != 0 {
                assert_eq!(text.get(pos), Some(&0xCC), "padding before line {n}");
                pos += 1;
            }
        }
        let Some((code, want)) = expected(line) else {
            continue;
        };
        let got = text.get(pos..pos + want.len()).unwrap_or(&[]);
        if got != want.as_slice() {
            failures.push(format!(
                "line {n}: {code}: want {} got {}",
                hex(&want),
                hex(&text[pos.min(text.len())..(pos + want.len() + 4).min(text.len())])
            ));
            // Later lines cannot be located once one line's length may differ; stop here.
            break;
        }
        pos += want.len();
        checked += 1;
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(pos, text.len(), "unchecked bytes at the end of .text");
    assert!(checked > 300, "only {checked} lines checked");
}
