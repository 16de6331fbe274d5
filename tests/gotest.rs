//! Go's own conformance tests: the `// run` tests of `$(go env GOROOT)/test` (the tests gc,
//! gccgo, gollvm and TinyGo all run), built with tbuild and with go, run, and compared. Go is
//! the oracle: each test's stdout, stderr and exit status under tbuild must be go's, not
//! merely the `.out` file's. The `// compile` tests (valid Go, most of them packages that
//! are not main) are built by both and not run: one go builds must build (`pass`), and is
//! otherwise `unsupported`, `reject` or `crash` as below.
//!
//! Each test gets one class:
//! - `pass`: tbuild built it and the binary behaved exactly as go's;
//! - `wrong`: tbuild built it and the binary behaved differently (a wrong program), or tbuild
//!   built a program go rejects;
//! - `crash`: tbuild panicked, aborted, hung or reported an internal error, or the binary
//!   died of a signal, hung, or ended in `panic:`/`fatal error:` where go's exited 0;
//! - `unsupported`: tbuild said "tbuild does not support X yet" (the reason is the first X).
//!   Other errors it reports with it are often cascades of the unsupported construct (an
//!   import used only inside it is "imported and not used"): the summary counts them;
//! - `reject`: tbuild reported errors, none of them "not supported", on a program go builds
//!   (a false rejection);
//! - `skip`: not run, with the reason: go flags, a second file, cgo, build constraints that
//!   exclude linux/amd64 (read as run.go reads them, gotest/recipe.rs), or go itself failing
//!   the test as run.go would (its build fails, or its binary does not exit 0 with the `.out`
//!   file's output).
//!
//! The classes are a ratchet against `tests/gotest/status.txt`: the test fails when any
//! test's class differs from the file's. `TBUILD_GOTEST_BLESS=1` rewrites the file from the
//! run (after an improvement; a regression is fixed, not blessed). The grouped summary goes
//! to stdout (`--nocapture`) and to `target/tmp/gotest-summary.txt`. `TBUILD_GOTEST_ONLY=S`
//! runs only the tests whose name contains S.
//!
//! Nothing is normalised. run.go accepts a `// run` test only when it exits 0 with exactly the
//! output of its `.out` file (or none), and a test go fails that way is skipped, so go's
//! output holds no traceback, address or timing that could differ between two correct
//! binaries. A traceback from tbuild's binary is then always a real difference: a crash.
//!
//! tbuild builds first: a program it refuses as unsupported, or crashes on, needs nothing from
//! go (every `// run` test is valid Go, and no input may crash tbuild). Otherwise go builds and
//! runs the test too. Both binaries run with the same arguments (run.go's, after the file
//! name), a clean environment, the test directory as the working directory (as run.go runs
//! them: some tests read files beside them), stdin from /dev/null, a 4 GiB address-space limit
//! (so that a garbage-heavy test cannot take the shared machine's memory), and a time limit: 60 s for go's, 10 s plus ten times go's time for
//! tbuild's. tbuild itself gets 120 s per build. Go's results (build error, stdout, stderr,
//! status, time) are cached in `target/tmp/gotest-go-v1/`, keyed by go's version, the test's
//! path, source and arguments. Tests run `TBUILD_GOTEST_JOBS` at a time (default 2).

/// Tests that watch when an object dies: what `runtime.MemStats` says right after a local that
/// held a 10 MB object was set to nil, or whether a finalizer has run after a pointer's last
/// use (stack objects, return slots, map keys replaced). With go's precise stack maps and
/// liveness the object is unreachable at once. tbuild's collector scans stacks
/// conservatively (DESIGN.md, "The garbage collector"), and the dead pointer can stay in a
/// register or spill slot of a live frame until the frame changes: the figures or the
/// finalizer's timing then differ, which is a documented limitation, not a wrong program;
/// they are skipped with this reason until stacks are scanned precisely.
const NEEDS_PRECISE_STACKS: [(&str, &str); 8] = [
    ("fixedbugs/issue15277.go", FREED_AT_ONCE),
    ("fixedbugs/issue15281.go", FREED_AT_ONCE),
    ("fixedbugs/issue27518b.go", FINALIZED_AT_ONCE),
    ("fixedbugs/issue32477.go", FINALIZED_AT_ONCE),
    ("fixedbugs/issue45045.go", FINALIZED_AT_ONCE),
    ("fixedbugs/issue46725.go", FINALIZED_AT_ONCE),
    ("stackobj.go", FINALIZED_AT_ONCE),
    ("stackobj3.go", FINALIZED_AT_ONCE),
];

const FREED_AT_ONCE: &str =
    "frees a dead local's object at once: needs precise stack maps (tbuild's are conservative)";
const FINALIZED_AT_ONCE: &str =
    "finalizes an object right after its last use: needs precise stack maps (tbuild's are conservative)";

mod common;
#[path = "gotest/recipe.rs"]
mod recipe;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::Read;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use recipe::Selection;
use sha2::{Digest, Sha256};

/// The directories of $GOROOT/test that run.go reads (its `dirs`).
const DIRS: &[&str] = &[
    ".",
    "ken",
    "chan",
    "interface",
    "syntax",
    "dwarf",
    "fixedbugs",
    "codegen",
    "runtime",
    "abi",
    "typeparam",
    "typeparam/mdempsky",
];

const STATUS_FILE: &str = "tests/gotest/status.txt";
/// Bumped when what is cached for go changes.
const CACHE_VERSION: &str = "gotest-go-v1";
const MEMORY_LIMIT: u64 = 4 << 30;
const OUTPUT_LIMIT: usize = 1 << 20;
const TBUILD_TIME_LIMIT: Duration = Duration::from_secs(120);
const GO_TIME_LIMIT: Duration = Duration::from_secs(60);

/// Ordered from best to worst (a wrong program is worse than a crash, which at least says that
/// something went wrong); Skip stands apart.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Class {
    Pass,
    Unsupported,
    Reject,
    Crash,
    Wrong,
    Skip,
}

impl Class {
    const ALL: [Class; 6] = [
        Class::Pass,
        Class::Wrong,
        Class::Crash,
        Class::Reject,
        Class::Unsupported,
        Class::Skip,
    ];

    fn name(self) -> &'static str {
        match self {
            Class::Pass => "pass",
            Class::Wrong => "wrong",
            Class::Crash => "crash",
            Class::Unsupported => "unsupported",
            Class::Reject => "reject",
            Class::Skip => "skip",
        }
    }

    fn parse(s: &str) -> Option<Class> {
        Class::ALL.into_iter().find(|c| c.name() == s)
    }
}

struct Outcome {
    class: Class,
    /// One line: what went wrong, the unsupported feature, or why the test is skipped.
    reason: String,
    /// For an unsupported test, the first error tbuild reported besides "not supported" ones
    /// (for the summary only: such errors are often cascades of the unsupported construct).
    also: Option<String>,
    time: Duration,
}

impl Outcome {
    fn with_also(mut self, also: Option<String>) -> Outcome {
        self.also = also;
        self
    }
}

fn outcome(class: Class, reason: impl Into<String>) -> Outcome {
    Outcome {
        class,
        reason: one_line(&reason.into()),
        also: None,
        time: Duration::ZERO,
    }
}

/// How a process ended.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Status {
    Exit(i32),
    Signal(i32),
    Timeout,
    /// The program could not be started (the error is in stderr).
    NotStarted,
}

struct Ran {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    status: Status,
    time: Duration,
}

/// Runs `cmd` with stdin from /dev/null, the address-space limit and a time limit, keeping at
/// most OUTPUT_LIMIT bytes of each output (a runaway program's output is read and dropped).
fn execute(cmd: &mut Command, limit: Duration) -> Ran {
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            let lim = libc::rlimit {
                rlim_cur: MEMORY_LIMIT,
                rlim_max: MEMORY_LIMIT,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let start = Instant::now();
    let spawned = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(c) => c,
        Err(e) => {
            return Ran {
                stdout: Vec::new(),
                stderr: format!("cannot run {:?}: {e}", cmd.get_program()).into_bytes(),
                status: Status::NotStarted,
                time: start.elapsed(),
            }
        }
    };
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let (mut kept, mut buf) = (Vec::new(), [0u8; 65536]);
            while let Ok(n @ 1..) = r.read(&mut buf) {
                let room = OUTPUT_LIMIT.saturating_sub(kept.len()).min(n);
                kept.extend_from_slice(&buf[..room]);
            }
            kept
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let (status, timed_out) = common::wait_timeout(&mut child, limit);
    let time = start.elapsed();
    Ran {
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
        status: if timed_out {
            Status::Timeout
        } else if let Some(code) = status.code() {
            Status::Exit(code)
        } else {
            Status::Signal(status.signal().unwrap_or(0))
        },
        time,
    }
}

/// The environment both binaries run in: nothing from the test harness's, so that go's
/// cached results stay valid. A test that runs the go command itself gets what it needs.
fn clean_env<'a>(cmd: &'a mut Command, goroot: &Path) -> &'a mut Command {
    cmd.env_clear()
        .env(
            "PATH",
            format!("{}/bin:/usr/local/bin:/usr/bin:/bin", goroot.display()),
        )
        .env("HOME", std::env::temp_dir())
        .env("GOCACHE", go_cache())
        .env("GO111MODULE", "off")
        .env("GOENV", "off")
        // run.go sets these: a few tests compare them with runtime.GOOS and GOARCH.
        .env("GOOS", "linux")
        .env("GOARCH", "amd64")
        // run.go runs each test with `go run`, and cmd/go puts its whole environment (`go
        // env`, GOROOT included) into its children's (cmd/go/main.go, cfg.CmdEnv): tests read
        // runtime.GOROOT(), which a tbuild binary takes from there.
        .env("GOROOT", goroot)
}

fn go_cache() -> PathBuf {
    std::env::temp_dir().join("tbuild-test-gocache")
}

/// One test to run.
struct Test {
    /// The path under $GOROOT/test, as run.go names it (`fixedbugs/bug101.go`).
    name: String,
    /// Its absolute path: both compilers get the same one, so file names they record (and a
    /// test that prints its own with runtime.Caller) agree.
    path: PathBuf,
    src: Vec<u8>,
    /// The package's other files (`// run a.go`), with their contents, given after `path`.
    files: Vec<(PathBuf, Vec<u8>)>,
    args: Vec<String>,
    /// A `// compile` test: built by both, not run.
    build_only: bool,
}

/// Go's result for a test, as cached.
struct GoResult {
    /// go build's error output, when the build failed.
    build_error: Option<String>,
    ran: Option<Ran>,
}

fn go_version() -> String {
    let out = Command::new("go")
        .args(["env", "GOVERSION"])
        .output()
        .expect("go env GOVERSION");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn cache_key(test: &Test, version: &str) -> String {
    let mut h = Sha256::new();
    for part in [
        CACHE_VERSION.as_bytes(),
        version.as_bytes(),
        test.path.as_os_str().as_encoded_bytes(),
    ] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part);
    }
    for src in std::iter::once(&test.src).chain(test.files.iter().map(|(_, s)| s)) {
        h.update((src.len() as u64).to_le_bytes());
        h.update(src);
    }
    for a in &test.args {
        h.update((a.len() as u64).to_le_bytes());
        h.update(a.as_bytes());
    }
    h.update([test.build_only as u8]);
    if test.build_only {
        // Since `go tool compile` stands in for go build when a compiled test has no main
        // function or lacks function bodies.
        h.update(b"compile-alone");
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// A cache entry: one header line, then stdout and stderr (or go build's error) bytes.
fn encode(r: &GoResult) -> Vec<u8> {
    let mut v;
    match (&r.build_error, &r.ran) {
        (Some(e), _) => {
            v = format!("build-error {}\n", e.len()).into_bytes();
            v.extend_from_slice(e.as_bytes());
        }
        (None, Some(ran)) => {
            let status = match ran.status {
                Status::Exit(c) => format!("exit:{c}"),
                Status::Signal(s) => format!("signal:{s}"),
                Status::Timeout => "timeout".to_string(),
                Status::NotStarted => unreachable!("not cached"),
            };
            v = format!(
                "ran {status} {} {} {}\n",
                ran.time.as_millis(),
                ran.stdout.len(),
                ran.stderr.len()
            )
            .into_bytes();
            v.extend_from_slice(&ran.stdout);
            v.extend_from_slice(&ran.stderr);
        }
        // A `// compile` test go built (it is not run).
        (None, None) => v = b"built\n".to_vec(),
    }
    v
}

fn decode(bytes: &[u8]) -> Option<GoResult> {
    let nl = bytes.iter().position(|&b| b == b'\n')?;
    let head = std::str::from_utf8(&bytes[..nl]).ok()?;
    let body = &bytes[nl + 1..];
    let w: Vec<&str> = head.split(' ').collect();
    match w[..] {
        ["built"] => Some(GoResult {
            build_error: None,
            ran: None,
        }),
        ["build-error", n] if n.parse::<usize>().ok()? == body.len() => Some(GoResult {
            build_error: Some(String::from_utf8_lossy(body).into_owned()),
            ran: None,
        }),
        ["ran", status, ms, o, e] => {
            let (o, e) = (o.parse::<usize>().ok()?, e.parse::<usize>().ok()?);
            if o + e != body.len() {
                return None;
            }
            let status = match status.split_once(':') {
                Some(("exit", c)) => Status::Exit(c.parse().ok()?),
                Some(("signal", s)) => Status::Signal(s.parse().ok()?),
                None if status == "timeout" => Status::Timeout,
                _ => return None,
            };
            Some(GoResult {
                build_error: None,
                ran: Some(Ran {
                    stdout: body[..o].to_vec(),
                    stderr: body[o..].to_vec(),
                    status,
                    time: Duration::from_millis(ms.parse().ok()?),
                }),
            })
        }
        _ => None,
    }
}

/// Go's behaviour on a test: from the cache, or built and run now (and cached).
/// Valid Go that go 1.19 fails to build because of a bug of its own, fixed in a later Go.
const GO_BUGS: &[(&str, &str)] = &[(
    "typeparam/issue51521.go",
    "its linker misses the method of an instantiated interface (golang/go#51521, fixed in 1.20)",
)];

fn go_result(test: &Test, ctx: &Context, work: &Path) -> GoResult {
    let entry = ctx.cache_dir.join(cache_key(test, &ctx.go_version));
    if let Some(r) = std::fs::read(&entry).ok().and_then(|b| decode(&b)) {
        return r;
    }
    let exe = work.join("go/prog");
    std::fs::create_dir_all(exe.parent().unwrap()).unwrap();
    let build = execute(
        Command::new("go")
            .args(["build", "-o"])
            .arg(&exe)
            .arg(&test.path)
            .args(test.files.iter().map(|(p, _)| p))
            .current_dir(&ctx.testdir)
            .env("GO111MODULE", "off")
            .env("GOFLAGS", "")
            .env("GOCACHE", go_cache()),
        Duration::from_secs(300),
    );
    let build = if test.build_only && compile_alone(&build.stderr) {
        // As run.go compiles a `// compile` test: alone, with no main function or function
        // bodies needed.
        execute(
            Command::new("go")
                .args(["tool", "compile", "-p=main", "-o"])
                .arg(exe.with_extension("o"))
                .arg(&test.path)
                .args(test.files.iter().map(|(p, _)| p))
                .current_dir(&ctx.testdir)
                .env("GO111MODULE", "off")
                .env("GOFLAGS", ""),
            Duration::from_secs(300),
        )
    } else {
        build
    };
    let result = if build.status != Status::Exit(0) {
        GoResult {
            build_error: Some(String::from_utf8_lossy(&build.stderr).into_owned()),
            ran: None,
        }
    } else if test.build_only {
        GoResult {
            build_error: None,
            ran: None,
        }
    } else {
        let mut cmd = Command::new(&exe);
        cmd.args(&test.args).current_dir(&ctx.testdir);
        clean_env(&mut cmd, &ctx.goroot);
        GoResult {
            build_error: None,
            ran: Some(execute(&mut cmd, GO_TIME_LIMIT)),
        }
    };
    // Only a result that does not depend on the machine's load is kept: not a time-out, and
    // nothing killed (go's binary for a `// run` test never dies of a signal).
    let settled = |s: Status| matches!(s, Status::Exit(_));
    if settled(build.status) && result.ran.as_ref().is_none_or(|r| settled(r.status)) {
        let tmp = entry.with_extension(format!("tmp{}", std::process::id()));
        if std::fs::write(&tmp, encode(&result)).is_ok() {
            let _ = std::fs::rename(&tmp, &entry);
        }
    }
    result
}

/// Whether a build failed only for what run.go's compile step does not ask of a `// compile`
/// test: a main function (go's linker and tbuild's say "function main is undeclared in the
/// main package"), or a body for every function (go build passes `-complete` to a package
/// without assembly files; run.go's `go tool compile` does not).
fn compile_alone(stderr: &[u8]) -> bool {
    let said = String::from_utf8_lossy(stderr);
    said.contains("function main is undeclared in the main package")
        || said.contains("missing function body")
}

/// Whether `want` (a `.out` file, which run.go compares with stdout and stderr combined) is
/// some interleaving of the lines of `out` and `err`.
fn interleaves(want: &str, out: &str, err: &str) -> bool {
    let (w, o, e): (Vec<&str>, Vec<&str>, Vec<&str>) = (
        want.split_inclusive('\n').collect(),
        out.split_inclusive('\n').collect(),
        err.split_inclusive('\n').collect(),
    );
    if w.len() != o.len() + e.len() {
        return false;
    }
    // reach[j]: the first i lines of want can be the first j lines of out and i-j of err.
    let mut reach = vec![false; o.len() + 1];
    reach[0] = true;
    for i in 0..w.len() {
        let mut next = vec![false; o.len() + 1];
        for j in 0..=o.len().min(i) {
            if !reach[j] {
                continue;
            }
            if j < o.len() && o[j] == w[i] {
                next[j + 1] = true;
            }
            if i - j < e.len() && e[i - j] == w[i] {
                next[j] = true;
            }
        }
        reach = next;
    }
    reach[o.len()]
}

struct Context {
    goroot: PathBuf,
    testdir: PathBuf,
    go_version: String,
    cache_dir: PathBuf,
}

/// The first line of `s` (not counting go build's `# package` header), shortened for the
/// status file.
fn one_line(s: &str) -> String {
    let line = s
        .lines()
        .find(|l| !l.trim().is_empty() && !l.starts_with("# "))
        .unwrap_or("")
        .trim();
    let line = line.replace('\t', " ");
    if line.chars().count() > 160 {
        format!("{}...", line.chars().take(157).collect::<String>())
    } else {
        line
    }
}

/// An error line `path:line:col: message` without its position.
fn message(line: &str, path: &Path) -> String {
    let prefix = format!("{}:", path.display());
    match line.strip_prefix(&prefix) {
        Some(rest) => {
            // line:col: message
            let mut parts = rest.splitn(3, ':');
            let (l, c, m) = (parts.next(), parts.next(), parts.next());
            match (l, c, m) {
                (Some(l), Some(c), Some(m))
                    if l.chars().all(|c| c.is_ascii_digit())
                        && c.chars().all(|c| c.is_ascii_digit()) =>
                {
                    m.trim().to_string()
                }
                _ => rest.trim().to_string(),
            }
        }
        None => line.trim().to_string(),
    }
}

/// Classifies a failed tbuild build of a program go builds.
fn classify_build_failure(test: &Test, build: &Ran) -> Outcome {
    let stderr = String::from_utf8_lossy(&build.stderr);
    match build.status {
        Status::Timeout => return outcome(Class::Crash, "tbuild hung (killed after 120s)"),
        Status::NotStarted => return outcome(Class::Crash, one_line(&stderr)),
        Status::Signal(s) => {
            return outcome(
                Class::Crash,
                format!("tbuild killed by signal {s}: {}", one_line(&stderr)),
            )
        }
        _ => {}
    }
    if let Some(l) = stderr
        .lines()
        .find(|l| l.contains("internal compiler error") || l.contains("internal error"))
    {
        return outcome(Class::Crash, message(l, &test.path));
    }
    if build.status != Status::Exit(1) {
        return outcome(
            Class::Crash,
            format!(
                "tbuild exited with {:?}: {}",
                build.status,
                one_line(&stderr)
            ),
        );
    }
    let messages: Vec<String> = stderr
        .lines()
        .map(|l| message(l, &test.path))
        .filter(|m| !m.is_empty() && m != "too many errors")
        .collect();
    let other = messages.iter().find(|m| !m.contains("does not support"));
    // A program with a construct outside the subset is unsupported, whatever else tbuild
    // says about it: the other errors are often cascades (an import used only inside the
    // unsupported construct is "imported and not used"); the summary lists them.
    match messages.iter().find(|m| m.contains("does not support")) {
        Some(m) => {
            let what = m
                .split_once("does not support ")
                .map_or(m.as_str(), |(_, w)| w);
            let what = what.split_once(" yet").map_or(what, |(w, _)| w);
            outcome(Class::Unsupported, what).with_also(other.cloned())
        }
        None => match other {
            Some(m) => outcome(Class::Reject, m.clone()),
            None => outcome(Class::Crash, "tbuild failed without a message"),
        },
    }
}

/// The first line where two outputs differ, for a wrong output's reason.
fn first_difference(what: &str, tb: &[u8], go: &[u8]) -> String {
    let (tb, go) = (String::from_utf8_lossy(tb), String::from_utf8_lossy(go));
    let (t, g): (Vec<&str>, Vec<&str>) = (tb.lines().collect(), go.lines().collect());
    let short = |s: Option<&&str>| match s {
        Some(s) if s.chars().count() > 50 => {
            format!("{:?}...", s.chars().take(50).collect::<String>())
        }
        Some(s) => format!("{s:?}"),
        None => "EOF".to_string(),
    };
    for i in 0..t.len().max(g.len()) {
        if t.get(i) != g.get(i) {
            return format!(
                "{what} line {}: tbuild {} go {}",
                i + 1,
                short(t.get(i)),
                short(g.get(i))
            );
        }
    }
    format!("{what} differs in its last newline")
}

/// Builds and runs one test with tbuild and go, and classifies it. tbuild builds first: a
/// program it refuses as unsupported, or crashes on, needs nothing from go (every `// run`
/// test is valid Go, and no input may crash tbuild), which saves most of go's builds when
/// its results are not cached yet.
fn run_test(test: &Test, ctx: &Context) -> Outcome {
    let work = tempfile::tempdir().unwrap();
    let exe = work.path().join("tbuild/prog");
    std::fs::create_dir_all(exe.parent().unwrap()).unwrap();
    let mut build = execute(
        common::tbuild()
            .arg("-o")
            .arg(&exe)
            .arg(&test.path)
            .args(test.files.iter().map(|(p, _)| p))
            .current_dir(&ctx.testdir),
        TBUILD_TIME_LIMIT,
    );
    if test.build_only && compile_alone(&build.stderr) {
        // A `// compile` test of a package main without a main function, or with functions
        // without bodies: run.go compiles it alone (`go tool compile`), which needs neither;
        // so does `tbuild tool compile`.
        build = execute(
            common::tbuild()
                .args(["tool", "compile", "-o"])
                .arg(exe.with_extension("o"))
                .arg(&test.path)
                .args(test.files.iter().map(|(p, _)| p))
                .current_dir(&ctx.testdir),
            TBUILD_TIME_LIMIT,
        );
    }
    let built = build.status == Status::Exit(0);
    if built && !build.stderr.is_empty() {
        let said = String::from_utf8_lossy(&build.stderr);
        return outcome(
            Class::Crash,
            format!("tbuild succeeded but printed: {}", one_line(&said)),
        );
    }
    let refused = (!built).then(|| classify_build_failure(test, &build));
    if let Some(o) = refused.as_ref().filter(|o| o.class != Class::Reject) {
        return outcome(o.class, o.reason.clone()).with_also(o.also.clone());
    }

    let go = go_result(test, ctx, work.path());
    if let Some(e) = &go.build_error {
        // A program go 1.19 itself fails to build is valid Go all the same when its failure is
        // a bug of go's own (its linker, not its type checker): nothing to compare with.
        if let Some((_, why)) = GO_BUGS.iter().find(|(name, _)| *name == test.name) {
            return outcome(Class::Skip, format!("go 1.19 cannot build it: {why}"));
        }
        if built {
            return outcome(
                Class::Wrong,
                format!("tbuild builds what go rejects: {}", one_line(e)),
            );
        }
        return outcome(Class::Skip, format!("go build fails: {}", one_line(e)));
    }
    if test.build_only {
        // A `// compile` test: go built it, so tbuild must.
        return refused.unwrap_or_else(|| outcome(Class::Pass, ""));
    }
    let go = go.ran.unwrap();
    if go.status != Status::Exit(0) {
        let err = String::from_utf8_lossy(&go.stderr);
        return outcome(
            Class::Skip,
            format!("go's binary ends with {:?}: {}", go.status, one_line(&err)),
        );
    }
    let golden = std::fs::read_to_string(test.path.with_extension("out")).unwrap_or_default();
    let (go_out, go_err) = (
        String::from_utf8_lossy(&go.stdout),
        String::from_utf8_lossy(&go.stderr),
    );
    if !interleaves(&golden, &go_out, &go_err) {
        return outcome(
            Class::Skip,
            "go's output is not the .out file's (run.go would fail it)",
        );
    }
    if let Some(o) = refused {
        return o;
    }

    let limit = Duration::from_secs(10) + go.time * 10;
    let mut cmd = Command::new(&exe);
    cmd.args(&test.args).current_dir(&ctx.testdir);
    clean_env(&mut cmd, &ctx.goroot);
    let tb = execute(&mut cmd, limit);
    let tb_err = String::from_utf8_lossy(&tb.stderr);
    match tb.status {
        Status::Timeout => {
            let why = format!(
                "binary hung: killed after {limit:.0?} (go's ran {:.1?})",
                go.time
            );
            return outcome(Class::Crash, why);
        }
        Status::Signal(s) => {
            let why = format!("binary killed by signal {s}: {}", one_line(&tb_err));
            return outcome(Class::Crash, why);
        }
        Status::NotStarted => return outcome(Class::Crash, one_line(&tb_err)),
        Status::Exit(_) => {}
    }
    // go's binary exited 0 (above), so a panic or fatal error is the binary crashing.
    if tb.status == Status::Exit(2) {
        let report = tb_err
            .lines()
            .find(|l| l.starts_with("panic: ") || l.starts_with("fatal error: "));
        if let Some(l) = report {
            return outcome(Class::Crash, format!("binary: {l}"));
        }
    }
    if tb.stdout != go.stdout {
        return outcome(
            Class::Wrong,
            first_difference("stdout", &tb.stdout, &go.stdout),
        );
    }
    if tb.stderr != go.stderr {
        return outcome(
            Class::Wrong,
            first_difference("stderr", &tb.stderr, &go.stderr),
        );
    }
    if tb.status != go.status {
        return outcome(
            Class::Wrong,
            format!("exit status {:?}, go {:?}", tb.status, go.status),
        );
    }
    outcome(Class::Pass, "")
}

/// Every `.go` file of run.go's directories with its selection, sorted by name.
fn collect(testdir: &Path) -> Vec<(String, PathBuf, Selection)> {
    let mut found = Vec::new();
    for dir in DIRS {
        let Ok(entries) = std::fs::read_dir(testdir.join(dir)) else {
            continue;
        };
        for e in entries.flatten() {
            let file = e.file_name().to_string_lossy().into_owned();
            if !file.ends_with(".go") || !e.path().is_file() {
                continue;
            }
            let name = if *dir == "." {
                file
            } else {
                format!("{dir}/{file}")
            };
            let src = std::fs::read(e.path()).unwrap();
            let sel = recipe::select(&String::from_utf8_lossy(&src));
            if sel != Selection::Other {
                found.push((name, e.path(), sel));
            }
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

/// The status file: `class<TAB>test<TAB>reason` lines, `#` comments. Returns the go version
/// it was made with and each test's (class, reason).
fn read_status(text: &str) -> (Option<String>, BTreeMap<String, (Class, String)>) {
    let mut version = None;
    let mut map = BTreeMap::new();
    for line in text.lines() {
        if let Some(v) = line.strip_prefix("# go: ") {
            version = Some(v.trim().to_string());
        }
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut f = line.splitn(3, '\t');
        let (c, name, reason) = (
            f.next().unwrap(),
            f.next().unwrap_or(""),
            f.next().unwrap_or(""),
        );
        let class =
            Class::parse(c).unwrap_or_else(|| panic!("{STATUS_FILE}: bad class in {line:?}"));
        map.insert(name.to_string(), (class, reason.to_string()));
    }
    (version, map)
}

/// Counts per class, and the reasons of the unsupported and skipped tests grouped by reason.
fn summary(results: &BTreeMap<String, Outcome>) -> String {
    let mut s = String::new();
    let count = |c: Class| results.values().filter(|o| o.class == c).count();
    let run = results.len() - count(Class::Skip);
    let _ = writeln!(s, "{} tests run, {} skipped", run, count(Class::Skip));
    for c in Class::ALL {
        let _ = writeln!(s, "  {:<12} {}", c.name(), count(c));
    }
    for c in [Class::Wrong, Class::Crash, Class::Reject] {
        if count(c) > 0 {
            let _ = writeln!(s, "{}:", c.name());
            for (name, o) in results.iter().filter(|(_, o)| o.class == c) {
                let _ = writeln!(s, "  {name}: {}", o.reason);
            }
        }
    }
    let also: Vec<&str> = results.values().filter_map(|o| o.also.as_deref()).collect();
    if !also.is_empty() {
        let _ = writeln!(
            s,
            "unsupported tests where tbuild also reports another error ({}), by message:",
            also.len()
        );
        let mut groups: BTreeMap<String, usize> = BTreeMap::new();
        for m in also {
            // The message without its operand details: `imported and not used: "os"` and
            // `s.P undefined (type S has no field or method P)` group by their words.
            let key = m.split(" (").next().unwrap_or(m);
            let key: String = key
                .split(" \"")
                .next()
                .unwrap_or(key)
                .chars()
                .take(70)
                .collect();
            *groups.entry(key).or_default() += 1;
        }
        let mut groups: Vec<_> = groups.into_iter().collect();
        groups.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        for (m, n) in groups.iter().take(20) {
            let _ = writeln!(s, "  {n:4}  {m}");
        }
        if groups.len() > 20 {
            let rest: usize = groups[20..].iter().map(|g| g.1).sum();
            let _ = writeln!(s, "  {rest:4}  ({} other messages)", groups.len() - 20);
        }
    }
    for c in [Class::Unsupported, Class::Skip] {
        let mut groups: HashMap<&str, usize> = HashMap::new();
        for o in results.values().filter(|o| o.class == c) {
            *groups.entry(&o.reason).or_default() += 1;
        }
        let mut groups: Vec<_> = groups.into_iter().collect();
        groups.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let _ = writeln!(s, "{} reasons:", c.name());
        for (reason, n) in groups {
            let _ = writeln!(s, "  {n:4}  {reason}");
        }
    }
    s
}

fn write_status(path: &Path, version: &str, results: &BTreeMap<String, Outcome>) {
    let mut s = String::new();
    s.push_str(
        "# Go's conformance tests ($GOROOT/test, `// run` and `// compile` tests) under tbuild: one\n\
         # line per test, `class<TAB>test<TAB>reason`. tests/gotest.rs fails when a test's class\n\
         # differs from this file's; after an improvement, rewrite it with\n\
         #   TBUILD_GOTEST_BLESS=1 cargo test --test gotest\n",
    );
    let _ = writeln!(s, "# go: {version}");
    for line in summary(results).lines().take(1 + Class::ALL.len()) {
        let _ = writeln!(s, "# {line}");
    }
    for (name, o) in results {
        let _ = writeln!(s, "{}\t{name}\t{}", o.class.name(), o.reason);
    }
    std::fs::write(path, s).unwrap();
}

#[test]
fn go_conformance_tests() {
    if !common::have("go") {
        return;
    }
    let goroot = PathBuf::from(
        String::from_utf8(
            Command::new("go")
                .args(["env", "GOROOT"])
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap()
        .trim(),
    );
    let testdir = goroot
        .join("test")
        .canonicalize()
        .expect("$GOROOT/test (Debian: golang-src)");
    let cache_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(CACHE_VERSION);
    std::fs::create_dir_all(&cache_dir).unwrap();
    let ctx = Context {
        goroot,
        testdir: testdir.clone(),
        go_version: go_version(),
        cache_dir,
    };

    let mut results: BTreeMap<String, Outcome> = BTreeMap::new();
    let mut tests = Vec::new();
    for (name, path, sel) in collect(&testdir) {
        if let Some((_, why)) = NEEDS_PRECISE_STACKS.iter().find(|(n, _)| *n == name) {
            results.insert(name, outcome(Class::Skip, why.to_string()));
            continue;
        }
        match sel {
            Selection::Run {
                files,
                args,
                build_only,
            } => {
                let dir = path.parent().unwrap();
                let files = files
                    .iter()
                    .map(|f| (dir.join(f), std::fs::read(dir.join(f)).unwrap()))
                    .collect();
                tests.push(Test {
                    src: std::fs::read(&path).unwrap(),
                    name,
                    path,
                    files,
                    args,
                    build_only,
                })
            }
            Selection::Skip(why) => {
                results.insert(name, outcome(Class::Skip, why));
            }
            Selection::Other => unreachable!(),
        }
    }
    // TBUILD_GOTEST_ONLY=substring runs only the matching tests (while fixing one), and then
    // compares only those with the status file.
    let only = std::env::var("TBUILD_GOTEST_ONLY").ok();
    if let Some(o) = &only {
        tests.retain(|t| t.name.contains(o.as_str()));
        results.retain(|n, _| n.contains(o.as_str()));
    }

    let jobs = std::env::var("TBUILD_GOTEST_JOBS")
        .ok()
        .and_then(|j| j.parse().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get().min(2)));
    let next = AtomicUsize::new(0);
    let done = Mutex::new(Vec::new());
    let start = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..jobs {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(t) = tests.get(i) else { break };
                let start = Instant::now();
                let mut o = run_test(t, &ctx);
                o.time = start.elapsed();
                done.lock().unwrap().push((t.name.clone(), o));
            });
        }
    });
    results.extend(done.into_inner().unwrap());
    let elapsed = start.elapsed();

    let mut slow: Vec<(&String, Duration)> = results.iter().map(|(n, o)| (n, o.time)).collect();
    slow.sort_by_key(|s| std::cmp::Reverse(s.1));
    let slow: Vec<String> = slow
        .iter()
        .take(8)
        .map(|(n, t)| format!("{n} {t:.1?}"))
        .collect();
    let report = format!(
        "Go's conformance tests ({}, {}) in {:.0?} with {jobs} jobs\n{}slowest: {}\n",
        testdir.display(),
        ctx.go_version,
        elapsed,
        summary(&results),
        slow.join(", ")
    );
    println!("{report}");
    let _ = std::fs::write(
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("gotest-summary.txt"),
        &report,
    );

    let status_path = common::root().join(STATUS_FILE);
    if std::env::var("TBUILD_GOTEST_BLESS").is_ok_and(|v| v == "1") {
        assert!(
            only.is_none(),
            "bless the whole suite, not TBUILD_GOTEST_ONLY's part"
        );
        write_status(&status_path, &ctx.go_version, &results);
        return;
    }
    let text = std::fs::read_to_string(&status_path).unwrap_or_default();
    let (version, mut expected) = read_status(&text);
    assert_eq!(
        version.as_deref(),
        Some(ctx.go_version.as_str()),
        "{STATUS_FILE} was made with another go (its tests differ): rewrite it with TBUILD_GOTEST_BLESS=1"
    );
    if let Some(o) = &only {
        expected.retain(|n, _| n.contains(o.as_str()));
    }
    let (mut worse, mut better, mut other) = (Vec::new(), Vec::new(), Vec::new());
    for (name, o) in &results {
        let line = |was: &str| format!("  {name}: {was} -> {} ({})", o.class.name(), o.reason);
        match expected.remove(name) {
            None => other.push(line("(new)")),
            Some((c, _)) if c == o.class => {}
            Some((c, r)) => {
                let l = format!("{} [was: {r}]", line(c.name()));
                if c == Class::Skip || o.class == Class::Skip {
                    other.push(l);
                } else if o.class < c {
                    better.push(l);
                } else {
                    worse.push(l);
                }
            }
        }
    }
    for (name, (c, _)) in expected {
        other.push(format!("  {name}: {} -> (gone)", c.name()));
    }
    let mut msg = String::new();
    if !worse.is_empty() {
        let _ = writeln!(msg, "regressions (fix them):\n{}", worse.join("\n"));
    }
    if !better.is_empty() {
        let _ = writeln!(
            msg,
            "improvements (record them with TBUILD_GOTEST_BLESS=1 cargo test --test gotest):\n{}",
            better.join("\n")
        );
    }
    if !other.is_empty() {
        let _ = writeln!(msg, "other changes:\n{}", other.join("\n"));
    }
    assert!(
        msg.is_empty(),
        "classes differ from {STATUS_FILE}:\n{msg}\n{report}"
    );
}
