//! Goroutine stacks (runtime/pkg/runtime/stack.go): every stack is a 1 GiB slot of address
//! space of which only the part in use is mapped, grown by the SIGSEGV handler. Each program
//! in `tests/stacks/` (and hello) is built with tbuild and with Go and both are run, under the
//! same shell limits where a test sets them, and compared.
//!
//! - hello runs under `ulimit -v 1000000` (before, every program mapped a 1 GiB stack at
//!   start-up and could not).
//! - `deep.go`: recursion a million calls deep, and through frames bigger than a page, runs
//!   as under Go, with and without the address-space limit.
//! - `edge.go`: the print builtin's write system calls read buffers at the very bottom of a
//!   stack that has just grown: no line may go missing.
//! - `overflow.go`: unbounded recursion is Go's "stack overflow" report without a limit, and
//!   Go's "out of memory" report under `ulimit -v 1000000`, where 1 GB of stack cannot be
//!   mapped.
//! - With `ulimit -s unlimited` the kernel switches to its legacy layout and places the vDSO
//!   (and would place any mapping it chooses) inside the stack slot region: the programs run
//!   the same.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::*;

/// The builds of one program by tbuild and by Go, both from `main.go` in one directory.
struct Pair {
    _dir: tempfile::TempDir,
    tb: PathBuf,
    go: PathBuf,
}

fn build_pair(src: &Path) -> Pair {
    let dir = tempfile::tempdir().unwrap();
    let main = dir.path().join("main.go");
    fs::copy(src, &main).unwrap();
    let tb = build(&main, dir.path());
    let go = dir.path().join("go-prog");
    assert!(have("go"), "the stacks suite compares with go");
    go_build(&main, &go).unwrap_or_else(|e| panic!("{e}"));
    Pair { _dir: dir, tb, go }
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/stacks").join(name)
}

/// Runs `exe` with `args` from a shell that first applies `limits` (`ulimit` arguments such
/// as `-v 1000000`), with `env` added: (stdout, stderr, status).
fn run_with(
    exe: &Path,
    limits: &str,
    args: &[&str],
    env: &[(&str, &str)],
) -> (String, String, i32) {
    let script = if limits.is_empty() {
        "exec \"$0\" \"$@\"".to_string()
    } else {
        format!("ulimit {limits} && exec \"$0\" \"$@\"")
    };
    let mut cmd = Command::new("sh");
    cmd.arg("-c").arg(script).arg(exe).args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    run_timeout(&mut cmd, Duration::from_secs(300))
}

fn run_limited(exe: &Path, limits: &str) -> (String, String, i32) {
    run_with(exe, limits, &[], &[])
}

/// Runs both builds under `limits` and checks that they agree exactly.
fn same_as_go(src: &Path, limits: &str) -> (String, String, i32) {
    same_as_go_with(src, limits, &[], &[])
}

/// Runs both builds with `args` and `env` under `limits` and checks that they agree exactly.
fn same_as_go_with(
    src: &Path,
    limits: &str,
    args: &[&str],
    env: &[(&str, &str)],
) -> (String, String, i32) {
    let p = build_pair(src);
    let tb = run_with(&p.tb, limits, args, env);
    let go = run_with(&p.go, limits, args, env);
    assert_eq!(tb, go, "{} {args:?} under ulimit {limits}", src.display());
    tb
}

/// Numbers masked: each `0x` hex number becomes `0x?` and each run of decimal digits `N`.
fn mask_numbers(s: &str) -> String {
    let mut out = String::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'0' && b.get(i + 1) == Some(&b'x') {
            out.push_str("0x?");
            i += 2;
            while i < b.len() && b[i].is_ascii_hexdigit() {
                i += 1;
            }
        } else if b[i].is_ascii_digit() {
            out.push('N');
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
        } else {
            out.push(b[i] as char);
            i += 1;
        }
    }
    out
}

/// The first `n` lines of a report.
fn head(s: &str, n: usize) -> Vec<String> {
    s.lines().take(n).map(str::to_string).collect()
}

const LIMIT_V: &str = "-v 1000000";

#[test]
fn hello_runs_under_ulimit_v() {
    let got = same_as_go(&root().join("examples/hello.src"), LIMIT_V);
    assert_eq!(got, ("hello world\n".into(), String::new(), 0));
}

#[test]
fn deep_recursion_grows_the_stack_as_go() {
    for limits in ["", LIMIT_V] {
        let got = same_as_go(&fixture("deep.go"), limits);
        assert_eq!(got, (String::new(), "500000500000\n2999\n".into(), 0));
    }
}

#[test]
fn system_calls_read_buffers_where_the_stack_just_grew() {
    let (out, err, code) = same_as_go(&fixture("edge.go"), "");
    assert_eq!((out.as_str(), code), ("", 0));
    assert_eq!(err.lines().count(), 311, "{err}");
}

#[test]
fn overflow_is_a_stack_overflow_without_a_limit_and_out_of_memory_under_one() {
    let p = build_pair(&fixture("overflow.go"));
    let (out, err, code) = run_limited(&p.tb, "");
    assert_eq!((out.as_str(), code), ("", 2), "{err}");
    let (_, gerr, gcode) = run_limited(&p.go, "");
    assert_eq!(gcode, 2);
    let masked: Vec<String> = head(&err, 3).iter().map(|l| mask_numbers(l)).collect();
    assert_eq!(
        masked,
        [
            "runtime: goroutine stack exceeds N-byte limit",
            "runtime: sp=0x? stack=[0x?, 0x?]",
            "fatal error: stack overflow",
        ],
        "{err}"
    );
    assert!(err.starts_with("runtime: goroutine stack exceeds 1000000000-byte limit\n"));
    let gmasked: Vec<String> = head(&gerr, 3).iter().map(|l| mask_numbers(l)).collect();
    assert_eq!(masked, gmasked, "tbuild:\n{err}\nGo:\n{gerr}");

    let (out, err, code) = run_limited(&p.tb, LIMIT_V);
    let (gout, gerr, gcode) = run_limited(&p.go, LIMIT_V);
    assert_eq!((out.as_str(), code), (gout.as_str(), gcode), "{err}");
    assert_eq!(code, 2);
    let masked: Vec<String> = head(&err, 2).iter().map(|l| mask_numbers(l)).collect();
    let gmasked: Vec<String> = head(&gerr, 2).iter().map(|l| mask_numbers(l)).collect();
    assert_eq!(masked, gmasked, "tbuild:\n{err}\nGo:\n{gerr}");
    assert_eq!(
        masked,
        [
            "runtime: out of memory: cannot allocate N-byte block (N in use)",
            "fatal error: out of memory",
        ]
    );
}

/// `ulimit -s unlimited` really does move the kernel's own placements low (the legacy
/// layout): the test below would prove nothing otherwise.
fn legacy_layout_in_effect() -> bool {
    let (out, _, code) = run(Command::new("sh")
        .arg("-c")
        .arg("ulimit -s unlimited && cat /proc/self/maps"));
    assert_eq!(code, 0);
    out.lines().any(|l| {
        let start = u64::from_str_radix(l.split('-').next().unwrap_or(""), 16).unwrap_or(0);
        (4 << 40..110 << 40).contains(&start)
    })
}

#[test]
fn programs_run_the_same_with_an_unlimited_stack_rlimit() {
    assert!(
        legacy_layout_in_effect(),
        "no mapping inside the slot region"
    );
    let got = same_as_go(&root().join("examples/hello.src"), "-s unlimited");
    assert_eq!(got.0, "hello world\n");
    same_as_go(&fixture("deep.go"), "-s unlimited");
    // 20,000 stacks reach past 21 TiB, where the legacy layout puts the vDSO (whose slot
    // is skipped).
    same_as_go_with(&fixture("many.go"), "-s unlimited", &["20000"], &[]);
    let p = build_pair(&fixture("overflow.go"));
    let (_, err, code) = run_limited(&p.tb, "-s unlimited");
    let (_, gerr, gcode) = run_limited(&p.go, "-s unlimited");
    assert_eq!(code, gcode, "{err}");
    assert_eq!(
        head(&err, 3)
            .iter()
            .map(|l| mask_numbers(l))
            .collect::<Vec<_>>(),
        head(&gerr, 3)
            .iter()
            .map(|l| mask_numbers(l))
            .collect::<Vec<_>>(),
        "tbuild:\n{err}\nGo:\n{gerr}"
    );
}

// Goroutines (they need the go statement).

#[test]
fn ten_thousand_goroutines_under_ulimit_v() {
    let got = same_as_go_with(&fixture("many.go"), LIMIT_V, &["10000"], &[]);
    assert_eq!(got, (String::new(), "10001\n49995000\n".into(), 0));
}

#[test]
fn a_hundred_thousand_blocked_goroutines() {
    let got = same_as_go_with(&fixture("many.go"), "", &["100000"], &[]);
    assert_eq!(got, (String::new(), "100001\n4999950000\n".into(), 0));
}

#[test]
fn a_million_goroutines_one_after_another_under_ulimit_v() {
    let got = same_as_go(&fixture("cycles.go"), LIMIT_V);
    assert_eq!(got, (String::new(), "500031000000\n".into(), 0));
}

#[test]
fn goroutines_recurse_as_deep_as_main() {
    let got = same_as_go(&fixture("godeep.go"), "");
    assert_eq!(got, (String::new(), "1500001508997\n".into(), 0));
}

/// The head of a stack overflow report (masked, from its first line on), the goroutine's header with its number
/// masked, and whether it says which statement created the goroutine.
fn overflow_report(err: &str) -> (Vec<String>, Option<String>, bool) {
    let from = err.find("runtime: goroutine stack exceeds").unwrap_or(0);
    let head3 = head(&err[from..], 3)
        .iter()
        .map(|l| mask_numbers(l))
        .collect();
    let header = err
        .lines()
        .find(|l| l.ends_with(" [running]:"))
        .map(mask_numbers);
    (head3, header, err.contains("\ncreated by main.main"))
}

#[test]
fn a_goroutine_overflowing_its_stack_is_reported_as_go() {
    let p = build_pair(&fixture("gooverflow.go"));
    let (out, err, code) = run_limited(&p.tb, "");
    let (gout, gerr, gcode) = run_limited(&p.go, "");
    assert_eq!((out.as_str(), code), (gout.as_str(), gcode), "{err}");
    assert_eq!(code, 2);
    let tb = overflow_report(&err);
    assert_eq!(tb, overflow_report(&gerr), "tbuild:\n{err}\nGo:\n{gerr}");
    assert_eq!(
        tb,
        (
            vec![
                "runtime: goroutine stack exceeds N-byte limit".to_string(),
                "runtime: sp=0x? stack=[0x?, 0x?]".into(),
                "fatal error: stack overflow".into(),
            ],
            Some("goroutine N [running]:".into()),
            true
        )
    );
}

/// debug.SetMaxStack lowers the limit stacks grow to, and the overflow report names it.
#[test]
fn set_max_stack_limits_growth_as_go() {
    let got = same_as_go(&fixture("maxstack.go"), "");
    assert_eq!(
        got,
        (
            "1000000000\n1048576\n7\n65536\n124948\n".into(),
            String::new(),
            0
        )
    );
    let p = build_pair(&fixture("maxstack.go"));
    let (out, err, code) = run_with(&p.tb, "", &["overflow"], &[]);
    let (gout, gerr, gcode) = run_with(&p.go, "", &["overflow"], &[]);
    assert_eq!((out.as_str(), code), (gout.as_str(), gcode), "{err}");
    assert_eq!(code, 2);
    assert!(
        err.contains("goroutine stack exceeds 1048576-byte limit\n"),
        "{err}"
    );
    assert_eq!(
        overflow_report(&err),
        overflow_report(&gerr),
        "tbuild:\n{err}\nGo:\n{gerr}"
    );
}

/// Past the budget of mappings (TBUILD_STACKMAPS, here 100 rather than vm.max_map_count less
/// 8,192) stacks are packed: they still recurse a million deep and overflow as Go's.
#[test]
fn packed_stacks_grow_and_overflow_as_go() {
    let env = [("TBUILD_STACKMAPS", "100")];
    let got = same_as_go_with(&fixture("packed.go"), "", &["1000"], &env);
    assert_eq!(got, (String::new(), "500000500000\n499500\n".into(), 0));
    let p = build_pair(&fixture("packed.go"));
    let (out, err, code) = run_with(&p.tb, "", &["1000", "overflow"], &env);
    let (gout, gerr, gcode) = run_with(&p.go, "", &["1000", "overflow"], &env);
    assert_eq!((out.as_str(), code), (gout.as_str(), gcode), "{err}");
    assert_eq!(code, 2);
    assert_eq!(
        overflow_report(&err),
        overflow_report(&gerr),
        "tbuild:\n{err}\nGo:\n{gerr}"
    );
    // The overflowing goroutine's stack lies past the first 100 slots and the signal
    // stack's: it was packed.
    assert!(err.starts_with("500000500000\n"), "{err}");
    let sp = err
        .lines()
        .find_map(|l| l.strip_prefix("runtime: sp=0x"))
        .and_then(|l| l.split(' ').next())
        .map(|h| u64::from_str_radix(h, 16).unwrap())
        .expect("runtime: sp=0x...");
    assert!(sp > (4 << 40) + (101 << 30), "sp={sp:#x}\n{err}");
}

/// The mappings of `exe` running `parked.go` with 1,000 blocked goroutines, and `env`:
/// how many start inside the stack slot region.
fn slot_region_mappings(exe: &Path, env: &[(&str, &str)]) -> usize {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let mut cmd = Command::new(exe);
    cmd.arg("1000").stdout(Stdio::piped()).stderr(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let maps = fs::read_to_string(format!("/proc/{}/maps", child.id()));
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(line, "ready\n");
    maps.unwrap()
        .lines()
        .filter(|l| {
            let start = u64::from_str_radix(l.split('-').next().unwrap_or(""), 16).unwrap_or(0);
            (4 << 40..110 << 40).contains(&start)
        })
        .count()
}

/// Each unpacked stack is a mapping of its own; past the budget the packed ones, one after
/// another, are a single mapping (their guard regions split nothing).
#[test]
fn packed_stacks_share_one_mapping() {
    let dir = tempfile::tempdir().unwrap();
    let exe = build(&fixture("parked.go"), dir.path());
    let unpacked = slot_region_mappings(&exe, &[]);
    assert!(unpacked > 1000, "{unpacked} mappings for 1,001 stacks");
    let packed = slot_region_mappings(&exe, &[("TBUILD_STACKMAPS", "100")]);
    assert!(
        packed <= 102,
        "{packed} mappings for 1,001 stacks, 100 unpacked"
    );
}

/// A fault whose stack pointer is at the bottom of the mapped stack: the signal handler
/// pushes sigpanic's return address below it, in the part not mapped yet (it maps it
/// first; without that the process dies of a SIGSEGV inside the handler).
#[test]
fn panics_at_the_mapped_edge_of_a_stack_recover_as_go() {
    let got = same_as_go(&fixture("edgepanic.go"), "");
    assert_eq!(got, (String::new(), "1500\n".into(), 0));
}
