//! Escape analysis's decisions (`tbuild -m`) against Go's (`go tool compile -m -l`) over every
//! program of examples/ and tests/corpus/. Go is run with `-l` because tbuild does not inline,
//! and inlining changes what escapes.
//!
//! - Variables and parameters are compared exactly, positions included: `moved to heap: x`,
//!   `leaking param: p`, `leaking param content: p`, `leaking param: p to result ~r0
//!   level=0`, `p does not escape`.
//! - Allocation sites (`&T{}`, closures, slice literals, values boxed into interfaces, ...)
//!   are compared per line: how many escape and how many do not. The text Go prints for a
//!   site is its own rendering of the expression (`... argument...`, `.autotmp_3`), and the
//!   position of an implicit conversion is not always the expression's, so neither is
//!   compared.
//!
//! The order of the lines is not compared either: tbuild prints them by position, Go in the
//! order its analysis met them.
//!
//! Sites differ from Go's, for known reasons, in the programs of [`KNOWN_SITE_DIFFERENCES`]:
//! a program that starts to match must leave the list (a ratchet, as tests/gotest/status.txt).
//! The reasons, each a difference of tbuild's lowering, not of the analysis:
//! - a map's header is always on the heap, where Go keeps a header that does not escape in
//!   the frame;
//! - package-level initialisers run as code, where Go lays many of them down statically;
//! - Go reports the temporaries of some calls (`.autotmp_3`) where tbuild reports the call;
//! - a deferred call's `...` slice is built at the defer statement, where Go builds it when
//!   the call runs (so in a loop tbuild's escapes);
//! - Go devirtualizes an interface call whose receiver's concrete type it can see, so what is
//!   passed to it may stay in the frame; tbuild has no devirtualization;
//! - Go's hash/crc32 dispatches Update through func variables (its assembly versions), so
//!   the data passed to Checksum or Update leaks; tbuild's calls its table code directly;
//! - package regexp is tbuild's own: Go's matchers keep the input in a machine they cache
//!   for reuse, so a `[]byte` given to its Find/Replace methods escapes; tbuild's keep
//!   nothing of it;
//! - package reflect is tbuild's own: what its functions let their arguments do (TypeOf,
//!   ValueOf, Set...) is its code's, so the boxings and calls around them differ from Go's;
//! - around calls of generic functions: Go calls a GC-shape instance with a dictionary and
//!   analyses the call as such (boxing for a shape's method calls, temporaries for its
//!   arguments), tbuild calls a concrete instance (not yet studied case by case).
//!
//! Variables and parameters differ in [`KNOWN_VARIABLE_DIFFERENCES`]: for the last reason, a
//! variable whose method value of a generic type's instance is taken is moved to the heap by
//! tbuild and not by Go.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::process::Command;

use common::*;

/// Programs whose variables and parameters differ from Go's (module comment).
const KNOWN_VARIABLE_DIFFERENCES: &[&str] = &["generic_method_values"];

/// Programs whose sites differ from Go's for the reasons in the module comment.
const KNOWN_SITE_DIFFERENCES: &[&str] = &[
    "alias_before_defined",
    "bits_api",
    "call_spread_call_result",
    "closure_args_results",
    "closure_methods",
    "closure_package_level",
    "closure_shadow",
    "complex_methods_ifaces",
    "defer_order",
    "embed_interfaces",
    "flag_textvar",
    "func_variadic_types",
    "generic_constraint_methods",
    "generic_embed_wrappers",
    "generic_func_values",
    "generic_instantiation_kinds",
    "generic_method_values",
    "generic_variadic",
    "global_init_kinds",
    "hash_digests",
    "iface_typeswitch",
    "init_order",
    "interface_embedding_recursive",
    "interfaces",
    "json_random",
    "json_stream_random",
    "methodexpr_basic",
    "methodval_imported",
    "methodval_interface",
    "multi_value_conversions",
    "multi_value_variadic_call",
    "paren_type_literals",
    "reflect_convert",
    "reflect_funcof",
    "reflect_makefunc",
    "reflect_mapof",
    "reflect_method",
    "reflect_more",
    "reflect_type",
    "reflect_typeof",
    "reflect_value",
    "regexp_random",
    "regexp_replace",
    "regexp_syntax",
    "strconv_unquote",
    "tabwriter_cases",
    "tabwriter_random",
];

/// The messages about variables and parameters, as `line:col: message`, sorted.
/// The lines of a (gofmt-formatted) program's generic functions and methods of generic
/// types: from `func F[T any](...` or `func (l *List[T]) M(...` to the closing `}`.
fn generic_lines(src: &str) -> std::collections::HashSet<u32> {
    let mut lines = std::collections::HashSet::new();
    let mut inside = false;
    for (i, l) in src.lines().enumerate() {
        if let Some(rest) = l.strip_prefix("func ") {
            let head = rest.split('(').next().unwrap_or("");
            let recv = rest.strip_prefix('(').and_then(|r| r.split(')').next());
            inside = head.contains('[') || recv.is_some_and(|r| r.contains('['));
        }
        if inside {
            lines.insert(i as u32 + 1);
            if l == "}" || (l.starts_with("func ") && l.ends_with('}')) {
                inside = false;
            }
        }
    }
    lines
}

fn decisions(out: &str) -> Vec<String> {
    let mut v: Vec<String> = out
        .lines()
        .filter_map(strip_file)
        .filter(|(_, m)| {
            m.starts_with("moved to heap: ")
                || m.starts_with("leaking param")
                || (m.ends_with(" does not escape") && is_name(&m[..m.len() - 16]))
        })
        .map(|(pos, m)| format!("{pos}: {m}"))
        .collect();
    v.sort();
    v
}

/// Per line, the number of sites that escape and the number that do not.
fn sites(out: &str) -> BTreeMap<u32, (u32, u32)> {
    let mut per_line = BTreeMap::new();
    for (pos, m) in out.lines().filter_map(strip_file) {
        let line: u32 = pos.split(':').next().unwrap().parse().unwrap();
        let counts = per_line.entry(line).or_insert((0, 0));
        if let Some(what) = m.strip_suffix(" escapes to heap") {
            if !what.starts_with(".autotmp") {
                counts.0 += 1;
            }
        } else if let Some(what) = m.strip_suffix(" does not escape") {
            // `... argument` is the slice of a variadic call, which tbuild reports only
            // where it allocates one.
            if !is_name(what) && what != "... argument" {
                counts.1 += 1;
            }
        }
    }
    per_line.retain(|_, c| *c != (0, 0));
    per_line
}

/// `main.go:12:5: message` -> (`12:5`, `message`).
fn strip_file(line: &str) -> Option<(String, &str)> {
    let rest = line.strip_prefix("./").unwrap_or(line);
    let rest = rest.strip_prefix("main.go:")?;
    let mut parts = rest.splitn(3, ':');
    let (l, c, m) = (parts.next()?, parts.next()?, parts.next()?);
    Some((format!("{l}:{c}"), m.trim_start()))
}

fn is_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_alphanumeric() || c == '_')
}

#[test]
fn escape_decisions_match_go() {
    if !have("go") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let main_go = dir.path().join("main.go");
    let sources = golden_sources();
    let mut failures = Vec::new();
    let mut compared = 0;
    for src in &sources {
        if fs::read_to_string(src).unwrap().contains("// tbuild-only") {
            continue;
        }
        fs::copy(src, &main_go).unwrap();
        let (go, _, code) = run(Command::new("go")
            // go tool compile prints its -m messages to stdout.
            .args([
                "tool", "compile", "-m", "-l", "-p", "main", "-o", "go.o", "main.go",
            ])
            .current_dir(dir.path()));
        if code != 0 {
            // Programs that Go rejects at compile time (they are error fixtures).
            continue;
        }
        let (_, tb, code) = run(tbuild()
            .args(["-m", "-c", "-o", "tb.o", "main.go"])
            .current_dir(dir.path()));
        assert_eq!(code, 0, "{}: {tb}", src.display());
        compared += 1;
        // Generic functions are left out on both sides: Go analyses (and reports) its GC
        // shape instances, tbuild each instance of its own (DESIGN.md, "Generics").
        let generic = generic_lines(&fs::read_to_string(src).unwrap());
        let keep = |out: &str| -> String {
            out.lines()
                .filter(|l| {
                    let line =
                        strip_file(l).and_then(|(pos, _)| pos.split(':').next()?.parse().ok());
                    !line.is_some_and(|n: u32| generic.contains(&n))
                })
                .map(|l| format!("{l}\n"))
                .collect()
        };
        let (go, tb) = (keep(&go), keep(&tb));
        let name = src.strip_prefix(root()).unwrap_or(src).display();
        let stem = src.file_stem().unwrap().to_str().unwrap();
        let known_vars = KNOWN_VARIABLE_DIFFERENCES.contains(&stem);
        if known_vars && decisions(&go) == decisions(&tb) {
            failures.push(format!(
                "{name}: variables now match go's: remove it from KNOWN_VARIABLE_DIFFERENCES"
            ));
        }
        if !known_vars && decisions(&go) != decisions(&tb) {
            failures.push(diff(
                &name,
                "variables and parameters",
                &decisions(&go),
                &decisions(&tb),
            ));
        }
        let known = KNOWN_SITE_DIFFERENCES.contains(&stem);
        if known && sites(&go) == sites(&tb) {
            failures.push(format!(
                "{name}: sites now match go's: remove it from KNOWN_SITE_DIFFERENCES"
            ));
        }
        if !known && sites(&go) != sites(&tb) {
            let show = |m: &BTreeMap<u32, (u32, u32)>| -> Vec<String> {
                m.iter()
                    .map(|(l, (e, n))| format!("line {l}: {e} escape, {n} do not"))
                    .collect()
            };
            failures.push(diff(&name, "sites", &show(&sites(&go)), &show(&sites(&tb))));
        }
    }
    assert!(compared > 200, "only {compared} programs compared");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn diff(name: &impl std::fmt::Display, what: &str, go: &[String], tb: &[String]) -> String {
    let mut s = format!("{name}: {what} differ from go's");
    for l in go.iter().filter(|l| !tb.contains(l)) {
        s.push_str(&format!("\n  go only:     {l}"));
    }
    for l in tb.iter().filter(|l| !go.contains(l)) {
        s.push_str(&format!("\n  tbuild only: {l}"));
    }
    s
}

/// The message lines themselves, for a program written for them: Go's words and positions.
#[test]
fn messages_are_gos() {
    if !have("go") {
        return;
    }
    let src = root().join("tests/corpus/escape_return_pointer.src");
    let dir = tempfile::tempdir().unwrap();
    fs::copy(&src, dir.path().join("main.go")).unwrap();
    let (go, _, _) = run(Command::new("go")
        // go tool compile prints its -m messages to stdout.
        .args([
            "tool", "compile", "-m", "-l", "-p", "main", "-o", "go.o", "main.go",
        ])
        .current_dir(dir.path()));
    let (_, tb, code) = run(tbuild()
        .args(["-m", "-c", "-o", "tb.o", "main.go"])
        .current_dir(dir.path()));
    assert_eq!(code, 0, "{tb}");
    let lines = |s: &str| -> Vec<String> {
        let mut v: Vec<String> = s
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| l.trim_start_matches("./").to_string())
            .collect();
        v.sort();
        v
    };
    assert_eq!(lines(&tb), lines(&go));
    assert!(tb.starts_with("# command-line-arguments\n"), "{tb}");
}
