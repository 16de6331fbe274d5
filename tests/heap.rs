//! The heap (runtime/pkg/runtime/malloc.go) seen from outside: objects of every size come
//! zeroed, apart and aligned as Go's allocator gives them; how a program that asks for more
//! memory than the kernel gives ends, compared with Go; and whether a big heap gets
//! transparent huge pages as Go's does (counted in page faults by GNU time).

mod common;

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use common::*;

fn fixture(name: &str) -> PathBuf {
    root().join("tests/heap").join(name)
}

/// Every small size, each size class and the size just above it, large objects and objects
/// bigger than a heap arena: zeroed, not overlapping, aligned (the program checks; its
/// output is Go's).
#[test]
fn objects_of_every_size_are_zeroed_apart_and_aligned() {
    let src = fixture("sizes.src");
    let dir = tempfile::tempdir().unwrap();
    let exe = build(&src, dir.path());
    let got = run_timeout(&mut Command::new(&exe), Duration::from_secs(60));
    let want =
        "objects 3654\nhuge zeroed true 1 2 3 4 5\ntrue 0 true\nobjects checked 3664 problems 0\n";
    assert_eq!((got.0.as_str(), got.1.as_str(), got.2), (want, "", 0));
    if have("go") {
        assert_eq!(got, go_run(&src));
    }
}

/// `make([]byte, 1<<40)`: Go reserves the address space, and the kernel refuses to commit a
/// terabyte (Linux's default heuristic overcommit), so Go prints `fatal error: runtime: out of
/// memory` and exits 2. Where the kernel does grant it, both programs print its length. The
/// fatal error's first line, stdout and the exit status must be Go's; the frames below differ
/// (Go's show its allocator's functions).
#[test]
fn out_of_memory_is_reported_as_go() {
    let src = fixture("out_of_memory.src");
    let dir = tempfile::tempdir().unwrap();
    let exe = build(&src, dir.path());
    let (out, err, code) = run_timeout(&mut Command::new(&exe), Duration::from_secs(60));
    if code == 2 {
        assert_eq!(out, "start\n");
        assert!(
            err.starts_with("fatal error: runtime: out of memory\n\ngoroutine 1 [running]:\n"),
            "{err}"
        );
    } else {
        assert_eq!((out.as_str(), code), ("start\n1099511627776\n", 0), "{err}");
    }
    if have("go") {
        let (go_out, go_err, go_code) = go_run(&src);
        assert_eq!((out.as_str(), code), (go_out.as_str(), go_code));
        assert_eq!(
            err.lines().next(),
            go_err.lines().next(),
            "Go said:\n{go_err}"
        );
    }
}

/// 96 MiB touched once per 4 KiB page is 24,576 page faults with small pages. With the heap
/// advised MADV_HUGEPAGE it is about one fault per 2 MiB, plus the small pages of each
/// arena's first 2 MiB. Skipped where the kernel has transparent huge pages off.
#[test]
fn big_heaps_fault_in_huge_pages() {
    let thp =
        std::fs::read_to_string("/sys/kernel/mm/transparent_hugepage/enabled").unwrap_or_default();
    if !thp.contains("[always]") && !thp.contains("[madvise]") {
        eprintln!("skipping: transparent huge pages are off ({})", thp.trim());
        return;
    }
    if !have("/usr/bin/time") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let src = fixture("big_heap.src");
    let exe = build(&src, dir.path());
    let (out, err, code) = run(Command::new("/usr/bin/time")
        .args(["-f", "faults=%R"])
        .arg(&exe));
    assert_eq!((out.as_str(), code), ("100663296 3133440\n", 0), "{err}");
    if have("go") {
        // The expected line above is Go's output, checked here.
        let (go_out, _, go_code) = go_run(&src);
        assert_eq!((out.as_str(), code), (go_out.as_str(), go_code));
    }
    let faults: u64 = err
        .lines()
        .find_map(|l| l.strip_prefix("faults="))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no fault count in {err:?}"));
    assert!(
        faults < 6000,
        "{faults} page faults for 96 MiB: no huge pages?"
    );
}
