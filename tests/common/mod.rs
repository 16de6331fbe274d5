//! Helpers shared by the end-to-end suites: running tbuild, Go (the oracle) and the
//! inspection tools (readelf, gdb, ld), and reading golden files.
#![allow(dead_code)] // each suite uses a different subset

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The tbuild binary cargo built for these tests.
pub fn tbuild() -> Command {
    Command::new(env!("CARGO_BIN_EXE_tbuild"))
}

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Whether a tool is installed. In CI (CI=true) every tool the suites use must be: .ci/run
/// installs them, and a missing one fails the test instead of skipping it silently.
pub fn have(tool: &str) -> bool {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !found {
        assert!(
            std::env::var("CI").is_err(),
            "{tool} is required in CI (.ci/run installs it)"
        );
        eprintln!("skipping: {tool} is not installed");
    }
    found
}

/// Runs a command and returns (stdout, stderr, exit code).
pub fn run(cmd: &mut Command) -> (String, String, i32) {
    let out: Output = cmd
        .output()
        .unwrap_or_else(|e| panic!("running {cmd:?}: {e}"));
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

/// Builds `src` with tbuild into `dir`, panicking with tbuild's messages on failure.
pub fn build(src: &Path, dir: &Path) -> PathBuf {
    let exe = dir.join(src.file_stem().unwrap());
    let (_, err, code) = run(tbuild().arg("-o").arg(&exe).arg(src));
    assert_eq!(code, 0, "tbuild failed on {}:\n{err}", src.display());
    exe
}

/// Builds and runs `src` with the real Go toolchain (the oracle): (stdout, stderr, exit).
pub fn go_run(src: &Path) -> (String, String, i32) {
    let dir = tempfile::tempdir().unwrap();
    let main = dir.path().join("main.go");
    std::fs::copy(src, &main).unwrap();
    let exe = dir.path().join("prog");
    let (_, err, code) = run(Command::new("go")
        .args(["build", "-o"])
        .arg(&exe)
        .arg("main.go")
        .current_dir(dir.path())
        .env("GOFLAGS", "-mod=mod")
        .env("GO111MODULE", "off")
        .env("GOCACHE", std::env::temp_dir().join("tbuild-test-gocache")));
    assert_eq!(code, 0, "go build failed on {}:\n{err}", src.display());
    run(&mut Command::new(&exe))
}

/// Builds `src` (a single-file `package main`) with the real Go toolchain into `exe`; Go's
/// messages on failure.
pub fn go_build(src: &Path, exe: &Path) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(src, dir.path().join("main.go")).unwrap();
    let (_, err, code) = run(Command::new("go")
        .args(["build", "-o"])
        .arg(exe)
        .arg("main.go")
        .current_dir(dir.path())
        .env("GO111MODULE", "off")
        .env("GOCACHE", std::env::temp_dir().join("tbuild-test-gocache")));
    if code == 0 {
        Ok(())
    } else {
        Err(format!("go build failed on {}:\n{err}", src.display()))
    }
}

/// Waits for `child` at most `limit`, then kills it: its status, and whether it was killed.
pub fn wait_timeout(
    child: &mut std::process::Child,
    limit: std::time::Duration,
) -> (std::process::ExitStatus, bool) {
    let start = std::time::Instant::now();
    loop {
        if let Some(s) = child.try_wait().unwrap() {
            return (s, false);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            return (child.wait().unwrap(), true);
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// Runs a command with a time limit: (stdout, stderr, exit code), the code -1 for a signal
/// and -2 (with a note appended to stderr) when it was killed for running too long.
pub fn run_timeout(cmd: &mut Command, limit: std::time::Duration) -> (String, String, i32) {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("running {cmd:?}: {e}"));
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let (status, timed_out) = wait_timeout(&mut child, limit);
    let out = String::from_utf8_lossy(&t_out.join().unwrap()).into_owned();
    let mut err = String::from_utf8_lossy(&t_err.join().unwrap()).into_owned();
    let code = if timed_out {
        err.push_str(&format!("\n[killed after {limit:?}]\n"));
        -2
    } else {
        status.code().unwrap_or(-1)
    };
    (out, err, code)
}

/// A seeded generator (splitmix64), so that a failing seed reproduces: the difftest's
/// programs and the mutants' edits.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        let mut r = Rng(seed.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ 0x9E37_79B9_7F4A_7C15);
        r.next();
        r
    }

    /// splitmix64.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    /// Uniform in lo..=hi.
    pub fn range(&mut self, lo: i128, hi: i128) -> i128 {
        let span = (hi - lo + 1) as u128;
        let r = ((self.next() as u128) << 64 | self.next() as u128) % span;
        lo + r as i128
    }

    pub fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

/// Drops the directory from the file name of each traceback frame's location line
/// (`\t/tmp/x/main.go:9 +0x1d` → `\tmain.go:9 +0x1d`): Go builds in a fresh temporary
/// directory and prints `$GOROOT/src/runtime/...` where tbuild prints `$TBUILD/runtime/...`.
pub fn strip_dirs(stderr: &str) -> String {
    let mut out = String::new();
    let mut in_frames = false;
    for line in stderr.lines() {
        in_frames |= line.starts_with("goroutine ");
        match line.strip_prefix('\t') {
            Some(loc) if in_frames => {
                let colon = loc.rfind(':').unwrap_or(0);
                let start = loc[..colon].rfind('/').map_or(0, |i| i + 1);
                out.push('\t');
                out.push_str(&loc[start..]);
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

/// Masks what legitimately differs between go's and tbuild's report of the same panic:
/// the value's address on a `panic: (T) 0x…` line; the fault's `addr=` and `pc=` on the
/// `[signal ...]` line (where the faulting load lands depends on the code); and in each
/// traceback frame the file's directory, the `+0x` offset (the code differs, and Go omits
/// it for inlined frames) and the argument list (tbuild's binaries carry no argument
/// metadata and print `(...)`); the IDs of goroutines other than the main one; and the line of the `panic` frame (runtime.gopanic running
/// deferred calls), which is a line of Go's runtime/panic.go or of tbuild's.
pub fn mask_traceback(stderr: &str) -> String {
    let mut out = String::new();
    let mut in_frames = false;
    let mut after_panic_frame = false;
    for line in strip_dirs(stderr).lines() {
        if std::mem::take(&mut after_panic_frame) && line.starts_with("\tpanic.go:") {
            out.push_str("\tpanic.go:?\n");
            continue;
        }
        after_panic_frame = in_frames && line.starts_with("panic(");
        in_frames |= line.starts_with("goroutine ");
        if line.starts_with("[signal ") {
            // [signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x45e3c2]
            let words: Vec<String> = line
                .split(' ')
                .map(|w| match w.split_once("=0x") {
                    Some((k @ ("addr" | "pc"), v)) => {
                        format!(
                            "{k}=?{}",
                            v.trim_start_matches(|c: char| c.is_ascii_hexdigit())
                        )
                    }
                    _ => w.to_string(),
                })
                .collect();
            out.push_str(&words.join(" "));
        } else if line.starts_with("panic: (") {
            out.push_str(&mask_hex(line));
        } else if let Some(rest) = line.strip_prefix("goroutine ") {
            // Goroutine IDs other than main's differ between runs of the same Go program
            // (Go's runtime makes goroutines of its own, and takes IDs in batches per P).
            match rest.split_once(' ') {
                Some((id, tail)) if id != "1" && id.bytes().all(|b| b.is_ascii_digit()) => {
                    out.push_str("goroutine ? ");
                    out.push_str(tail);
                }
                _ => out.push_str(line),
            }
        } else if !in_frames {
            out.push_str(line);
        } else if line.starts_with('\t') {
            out.push_str(line.rfind(" +0x").map_or(line, |i| &line[..i]));
        } else if let (Some(open), true) = (line.find('('), line.ends_with(')')) {
            out.push_str(&line[..open]);
            out.push_str("(...)");
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// Replaces every `0x` followed by hex digits in `s` with `0x?`.
pub fn mask_hex(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("0x") {
        out.push_str(&rest[..i + 2]);
        out.push('?');
        rest = rest[i + 2..].trim_start_matches(|c: char| c.is_ascii_hexdigit());
    }
    out.push_str(rest);
    out
}

/// The golden programs: every `examples/*.src` and `tests/corpus/*.src`, sorted.
pub fn golden_sources() -> Vec<PathBuf> {
    let mut sources: Vec<_> = ["examples", "tests/corpus"]
        .iter()
        .flat_map(|d| std::fs::read_dir(root().join(d)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "src"))
        .collect();
    sources.sort();
    sources
}

/// Builds a golden program into `dir`. One expected to die of a runtime error (exit status
/// 2) is built as `main.go` in a directory of its own, the name go's build is given, so that
/// the file names of its traceback compare through `mask_traceback`.
pub fn build_golden(src: &Path, dir: &Path, want_code: i32) -> PathBuf {
    if want_code == 2 {
        let sub = dir.join(src.file_stem().unwrap());
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::copy(src, sub.join("main.go")).unwrap();
        build(&sub.join("main.go"), &sub)
    } else {
        build(src, dir)
    }
}
