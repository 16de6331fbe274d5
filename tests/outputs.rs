//! The files tbuild writes and reads, against Go's behaviour (issue 9, defects 8 and 9):
//! output modes follow the umask as Go's do.

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use common::{have, run};

const HELLO: &str = "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello\") }\n";

/// Runs `prog args` in `dir` under `umask`; panics on failure.
fn under_umask(umask: u32, dir: &Path, prog: &Path, args: &[&str]) {
    let (_, err, code) = run(Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask:03o}; exec \"$0\" \"$@\""))
        .arg(prog)
        .args(args)
        .current_dir(dir)
        .env("GO111MODULE", "off")
        .env("GOCACHE", std::env::temp_dir().join("tbuild-test-gocache")));
    assert_eq!(
        code,
        0,
        "{} {args:?} under umask {umask:03o}: {err}",
        prog.display()
    );
}

fn mode(p: &Path) -> u32 {
    fs::metadata(p).unwrap().permissions().mode() & 0o7777
}

#[test]
fn output_modes_follow_the_umask_as_go_does() {
    if !have("go") {
        return;
    }
    let tbuild = Path::new(env!("CARGO_BIN_EXE_tbuild"));
    let go = Path::new("go");
    let mut failures = Vec::new();
    for umask in [0o022, 0o077, 0o002, 0o000, 0o027] {
        let d = tempfile::tempdir().unwrap();
        let dir = d.path();
        fs::write(dir.join("main.go"), HELLO).unwrap();
        fs::write(dir.join("f.s"), "TEXT ·f(SB), 4, $0-0\n\tRET\n").unwrap();
        under_umask(umask, dir, go, &["build", "-o", "go-exe", "main.go"]);
        under_umask(
            umask,
            dir,
            go,
            &["tool", "compile", "-o", "go.o", "main.go"],
        );
        under_umask(umask, dir, tbuild, &["-o", "exe", "main.go"]);
        under_umask(umask, dir, tbuild, &["-c", "-o", "c.o", "main.go"]);
        under_umask(
            umask,
            dir,
            tbuild,
            &["tool", "compile", "-o", "t.o", "main.go"],
        );
        under_umask(umask, dir, tbuild, &["tool", "asm", "-o", "a.o", "f.s"]);
        let exe = mode(&dir.join("go-exe"));
        let obj = mode(&dir.join("go.o"));
        // Go's own rule, checked here so that the comparison cannot pass vacuously.
        assert_eq!(exe, 0o777 & !umask, "go build under umask {umask:03o}");
        assert_eq!(
            obj,
            0o666 & !umask,
            "go tool compile under umask {umask:03o}"
        );
        for (file, want) in [("exe", exe), ("c.o", obj), ("t.o", obj), ("a.o", obj)] {
            let got = mode(&dir.join(file));
            if got != want {
                failures.push(format!(
                    "umask {umask:03o}: {file} is {got:03o}, Go's would be {want:03o}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
