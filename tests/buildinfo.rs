//! Build info and build ID, read back by Go's own tools and by tbuild, and reproducible builds.
//!
//! - `go version [-m]` reads `.go.buildinfo` (Go 1.18's inline format) from a tbuild binary:
//!   tbuild's version, then `path command-line-arguments` and the `build` settings in Go's
//!   order, with `-trimpath=true` when the flag is given.
//! - `tbuild version [-m] FILE` prints exactly what `go version [-m] FILE` prints, for tbuild
//!   binaries, for a Go binary and for files that are not Go executables.
//! - `go tool buildid` reads `.note.go.buildid`: `actionID/actionID(main)/contentID(main)/
//!   contentID`, each 20 characters, the last the hash of the binary with the ID zeroed
//!   (cmd/internal/buildid FindAndHash).
//! - Reproducibility: each example built in two different directories with `-trimpath` gives
//!   the same bytes, and twice in the same directory without it.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use sha2::{Digest, Sha256};

fn examples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "src"))
        .collect();
    v.sort();
    assert!(!v.is_empty());
    v
}

/// Builds `src` (given by absolute path) in `cwd` to `cwd/out` with the extra flags.
fn build_in(cwd: &Path, src: &Path, out: &str, flags: &[&str]) -> PathBuf {
    let (_, err, code) = run(tbuild()
        .args(flags)
        .arg("-o")
        .arg(out)
        .arg(src)
        .current_dir(cwd));
    assert_eq!(code, 0, "tbuild failed on {}:\n{err}", src.display());
    cwd.join(out)
}

/// The version string tbuild writes (`tbuild version` prints it in parentheses).
fn tbuild_go_version() -> String {
    let (out, _, code) = run(tbuild().arg("version"));
    assert_eq!(code, 0);
    out.split('(')
        .nth(1)
        .and_then(|s| s.split(')').next())
        .expect("tbuild version (goX)")
        .to_string()
}

fn expected_mod(exe: &str, trimpath: bool) -> String {
    format!(
        "{exe}: {}\n\tpath\tcommand-line-arguments\n\tbuild\t-compiler=tbuild\n{}\tbuild\tCGO_ENABLED=0\n\tbuild\tGOARCH=amd64\n\tbuild\tGOOS=linux\n\tbuild\tGOAMD64=v1\n",
        tbuild_go_version(),
        if trimpath { "\tbuild\t-trimpath=true\n" } else { "" }
    )
}

#[test]
fn tbuild_version_m_prints_the_build_info() {
    let dir = tempfile::tempdir().unwrap();
    let hello = root().join("examples/hello.src");
    build_in(dir.path(), &hello, "hello", &[]);
    build_in(dir.path(), &hello, "trimmed", &["-trimpath"]);
    let d = dir.path();
    let version = |args: &[&str]| run(tbuild().arg("version").args(args).current_dir(d));
    assert_eq!(
        version(&["hello"]),
        (
            format!("hello: {}\n", tbuild_go_version()),
            String::new(),
            0
        )
    );
    assert_eq!(version(&["-m", "hello"]).0, expected_mod("hello", false));
    assert_eq!(version(&["-m", "trimmed"]).0, expected_mod("trimmed", true));

    fs::write(d.join("notes.txt"), "text").unwrap();
    assert_eq!(
        version(&["notes.txt"]),
        (String::new(), "notes.txt: not executable file\n".into(), 0)
    );
    let (_, err, code) = version(&["missing"]);
    assert_eq!(
        (err.as_str(), code),
        ("stat missing: no such file or directory\n", 1)
    );
    assert_eq!(version(&["-m"]).2, 2);
}

#[test]
fn go_version_reads_tbuild_binaries() {
    if !have("go") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let hello = root().join("examples/hello.src");
    build_in(d, &hello, "hello", &[]);
    build_in(d, &hello, "trimmed", &["-trimpath"]);
    fs::write(d.join("script.sh"), "#!/bin/sh\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(d.join("script.sh"), fs::Permissions::from_mode(0o755)).unwrap();
    // A real Go binary too: tbuild's reader must agree with Go's on it.
    go_build_in(d, &hello, "gohello");

    let go = |args: &[&str]| run(Command::new("go").arg("version").args(args).current_dir(d));
    let tb = |args: &[&str]| run(tbuild().arg("version").args(args).current_dir(d));
    assert_eq!(go(&["-m", "hello"]).0, expected_mod("hello", false));
    assert_eq!(go(&["-m", "trimmed"]).0, expected_mod("trimmed", true));
    for args in [
        &["hello"][..],
        &["-m", "hello"],
        &["-m", "trimmed"],
        &["-m", "gohello"],
        &["gohello", "hello"],
        &["-m", "script.sh"],
        &["-m", "."],
    ] {
        assert_eq!(
            tb(args),
            go(args),
            "tbuild version {args:?} differs from go version"
        );
    }
}

/// runtime.Version() is the version `go version` reads from the binary's `.go.buildinfo`,
/// in a Go binary (Go's linker writes both from one string) and in a tbuild one (whose
/// runtime reads the blob): tbuild's version string, not a Go release's.
#[test]
fn runtime_version_is_the_build_info_version() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let src = d.join("version.src");
    fs::write(
        &src,
        "package main\n\nimport \"runtime\"\n\nfunc main() { println(runtime.Version()) }\n",
    )
    .unwrap();
    let exe = build_in(d, &src, "version", &[]);
    let (_, printed, code) = run(&mut Command::new(&exe));
    assert_eq!(code, 0);
    assert_eq!(printed, format!("{}\n", tbuild_go_version()));
    if !have("go") {
        return;
    }
    go_build_in(d, &src, "goversion");
    for exe in ["version", "goversion"] {
        // println writes to stderr.
        let (_, printed, code) = run(&mut Command::new(d.join(exe)));
        assert_eq!(code, 0);
        let (read, _, code) = run(Command::new("go").arg("version").arg(exe).current_dir(d));
        assert_eq!(code, 0);
        assert_eq!(read, format!("{exe}: {printed}"), "{exe}");
    }
}

fn go_build_in(dir: &Path, src: &Path, out: &str) {
    fs::copy(src, dir.join("main.go")).unwrap();
    let (_, err, code) = run(Command::new("go")
        .args(["build", "-o", out, "main.go"])
        .current_dir(dir)
        .env("GO111MODULE", "off")
        .env("GOCACHE", std::env::temp_dir().join("tbuild-test-gocache")));
    assert_eq!(code, 0, "{err}");
    fs::remove_file(dir.join("main.go")).unwrap();
}

/// `go tool buildid FILE`, or (without Go) the ID read from the note by hand.
fn build_id(exe: &Path) -> String {
    if have("go") {
        let (out, err, code) = run(Command::new("go").args(["tool", "buildid"]).arg(exe));
        assert_eq!(code, 0, "{err}");
        return out.trim_end().to_string();
    }
    // The note: namesz 4, descsz, type 4, "Go\0\0", then the ID (ld/elf.go elfnote).
    let data = fs::read(exe).unwrap();
    let i = data
        .windows(16)
        .position(|w| w[..4] == [4, 0, 0, 0] && w[8..12] == [4, 0, 0, 0] && &w[12..] == b"Go\0\0")
        .expect("a Go build ID note");
    let n = u32::from_le_bytes(data[i + 4..i + 8].try_into().unwrap()) as usize;
    String::from_utf8(data[i + 16..i + 16 + n].to_vec()).unwrap()
}

fn hash_to_string(h: &[u8]) -> String {
    const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut s = String::new();
    for c in h[..15].chunks(3) {
        let v = (c[0] as u32) << 16 | (c[1] as u32) << 8 | c[2] as u32;
        for shift in [18, 12, 6, 0] {
            s.push(B64[((v >> shift) & 63) as usize] as char);
        }
    }
    s
}

#[test]
fn build_id_is_gos_four_part_content_hash() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let hello = root().join("examples/hello.src");
    let exe = build_in(d, &hello, "hello", &[]);
    let id = build_id(&exe);
    let parts: Vec<&str> = id.split('/').collect();
    assert_eq!(parts.len(), 4, "{id}");
    assert!(parts.iter().all(|p| p.len() == 20), "{id}");

    // The last component is the hash of the binary with the ID zeroed.
    let data = fs::read(&exe).unwrap();
    let n = data
        .windows(id.len())
        .filter(|w| *w == id.as_bytes())
        .count();
    assert_eq!(n, 1, "the ID is written once, in the note");
    let mut zeroed = data.clone();
    let at = data
        .windows(id.len())
        .position(|w| w == id.as_bytes())
        .unwrap();
    zeroed[at..at + id.len()].fill(0);
    assert_eq!(parts[3], hash_to_string(&Sha256::digest(&zeroed)));

    // Same inputs, same ID; -s changes the link (components 1 and 4), not main's (2 and 3).
    assert_eq!(build_id(&build_in(d, &hello, "again", &[])), id);
    let stripped = build_id(&build_in(d, &hello, "stripped", &["-s"]));
    let sp: Vec<&str> = stripped.split('/').collect();
    assert_eq!((sp[1], sp[2]), (parts[1], parts[2]));
    assert_ne!(sp[0], parts[0]);
    assert_ne!(sp[3], parts[3]);

    // A different program: every component changes.
    let other = build_id(&build_in(
        d,
        &root().join("examples/arith.src"),
        "arith",
        &[],
    ));
    let op: Vec<&str> = other.split('/').collect();
    assert!((0..4).all(|i| op[i] != parts[i]), "{id} vs {other}");

    // readelf sees the note as Go's: owner "Go", type 4.
    if have("readelf") {
        let (out, _, _) = run(Command::new("readelf").arg("-n").arg(&exe));
        assert!(out.contains(".note.go.buildid"), "{out}");
        assert!(out.contains("Go                   0x00000053"), "{out}");
    }
}

#[test]
fn builds_are_reproducible() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for src in examples() {
        let name = src.file_stem().unwrap().to_string_lossy().into_owned();
        // Two directories, -trimpath: the source is copied into each (so even its absolute
        // path differs) and built from there.
        let mut outs = Vec::new();
        for dir in [a.path(), b.path()] {
            let copy = dir.join(src.file_name().unwrap());
            fs::copy(&src, &copy).unwrap();
            outs.push(fs::read(build_in(dir, &copy, &name, &["-trimpath"])).unwrap());
        }
        if outs[0] != outs[1] {
            failures.push(format!(
                "{name}: -trimpath builds in two directories differ"
            ));
        }
        // The same directory twice, without -trimpath.
        let copy = a.path().join(src.file_name().unwrap());
        let one = fs::read(build_in(a.path(), &copy, "one", &[])).unwrap();
        let two = fs::read(build_in(a.path(), &copy, "two", &[])).unwrap();
        if one != two {
            failures.push(format!("{name}: two builds in the same directory differ"));
        }
        // Without -trimpath the directory is recorded (as Go records it), and nothing else
        // from the machine: no temporary directory names.
        let text = String::from_utf8_lossy(&one);
        if text.contains("tbuild-work-") || text.contains("tbuild-run-") {
            failures.push(format!(
                "{name}: a temporary directory name leaked into the binary"
            ));
        }
        let trimmed = String::from_utf8_lossy(&outs[0]);
        let dir = a.path().to_string_lossy();
        if trimmed.contains(dir.as_ref()) {
            failures.push(format!(
                "{name}: -trimpath left the directory {dir} in the binary"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
