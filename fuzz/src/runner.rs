//! The fuzz loop: pick a corpus entry, apply a few mutations, run it, classify the outcome,
//! save findings. A watchdog thread turns an input that runs longer than the timeout into a
//! `hang` finding (the hung thread cannot be stopped, so the process then exits), a panic
//! hook turns a panic into a `panic` finding, and in the binary a SIGABRT handler saves the
//! input that aborted (stack overflow, failed allocation) before the process dies.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Once, OnceLock};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use crate::mutate::mutate_bytes;
use crate::{Outcome, Rng, Target};

/// How a run is bounded and where its findings go.
#[derive(Clone, Debug)]
pub struct Config {
    /// Stop after this many executions.
    pub iters: Option<u64>,
    /// Stop after this many seconds.
    pub seconds: Option<f64>,
    pub seed: u64,
    /// Directories whose files are added to the seeds.
    pub corpus: Vec<PathBuf>,
    /// Where this target's findings are written.
    pub findings: PathBuf,
    /// An execution longer than this is a hang.
    pub timeout: Duration,
    /// Mutated inputs are cut to this length.
    pub max_len: usize,
    /// Print the statistics this often (None: only at the end, if at all).
    pub report_every: Option<Duration>,
}

/// At most this many inputs join the corpus for new outcomes.
const MAX_CORPUS: usize = 4096;
/// At most this many inputs are saved per distinct finding.
const SAVED_PER_FINDING: usize = 3;

/// What a run did.
#[derive(Debug, Default)]
pub struct Stats {
    pub target: String,
    pub execs: u64,
    pub ok: u64,
    pub rejected: u64,
    pub findings: u64,
    /// Each distinct finding (its signature) with how often it occurred.
    pub distinct: Vec<(String, u64)>,
    pub corpus: usize,
    pub elapsed: Duration,
}

impl Stats {
    pub fn per_second(&self) -> f64 {
        self.execs as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} execs in {:.1} s ({:.0}/s): {} ok, {} rejected, {} findings ({} distinct), corpus {}",
            self.target,
            self.execs,
            self.elapsed.as_secs_f64(),
            self.per_second(),
            self.ok,
            self.rejected,
            self.findings,
            self.distinct.len(),
            self.corpus
        )
    }
}

/// A message reduced to what identifies it: its first line, digits folded, at most 160
/// characters (positions and sizes vary; the kind of message does not).
fn signature(msg: &str) -> String {
    let line = msg.lines().next().unwrap_or("");
    let mut out = String::new();
    let mut last_digit = false;
    for c in line.chars() {
        if c.is_ascii_digit() {
            if !last_digit {
                out.push('N');
            }
            last_digit = true;
        } else {
            out.push(c);
            last_digit = false;
        }
        if out.len() >= 160 {
            break;
        }
    }
    out
}

fn hex8(input: &[u8]) -> String {
    Sha256::digest(input)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Writes a finding: the input as `KIND-HASH.bin`, the message beside it as `.txt`.
fn save_finding(dir: &Path, kind: &str, msg: &str, input: &[u8]) -> PathBuf {
    let _ = std::fs::create_dir_all(dir);
    let base = dir.join(format!("{kind}-{}", hex8(input)));
    let _ = std::fs::write(base.with_extension("bin"), input);
    let _ = std::fs::write(base.with_extension("txt"), format!("{msg}\n"));
    base.with_extension("bin")
}

thread_local! {
    /// Set while this thread runs an input: a panic's message is stored here, not printed.
    static CAPTURE: RefCell<Option<Option<String>>> = const { RefCell::new(None) };
}

/// Installs (once) a panic hook that captures the panics of threads running an input and
/// passes every other panic to the previous hook, so that tests running in parallel keep
/// their own panic messages.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let captured = CAPTURE.with(|c| {
                let mut c = c.borrow_mut();
                match c.as_mut() {
                    Some(slot) => {
                        let (msg, at) = tbuild::panics::describe(info);
                        let at = at.map(|a| format!(" at {a}")).unwrap_or_default();
                        *slot = Some(format!("{msg}{at}"));
                        true
                    }
                    None => false,
                }
            });
            if !captured {
                previous(info);
            }
        }));
    });
}

/// The input being run, for the watchdog: when it started and its bytes.
type Current = Mutex<Option<(Instant, Arc<Vec<u8>>)>>;

/// Runs inputs one at a time under a watchdog thread.
struct Executor {
    current: Arc<Current>,
    done: Arc<AtomicBool>,
    watchdog: Option<std::thread::JoinHandle<()>>,
}

impl Executor {
    fn new(target: &str, findings: PathBuf, timeout: Duration) -> Executor {
        install_panic_hook();
        let current: Arc<Current> = Arc::new(Mutex::new(None));
        let done = Arc::new(AtomicBool::new(false));
        let (c, d, name) = (current.clone(), done.clone(), target.to_string());
        let watchdog = std::thread::spawn(move || {
            while !d.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(50));
                let cur = c.lock().unwrap_or_else(|e| e.into_inner());
                if let Some((start, input)) = cur.as_ref() {
                    if start.elapsed() > timeout {
                        let msg = format!("hang: an input ran longer than {timeout:?}");
                        let path = save_finding(&findings, "hang", &msg, input);
                        eprintln!("{name}: {msg}; saved to {}", path.display());
                        // The hung thread cannot be stopped: end the process.
                        std::process::exit(70);
                    }
                }
            }
        });
        Executor {
            current,
            done,
            watchdog: Some(watchdog),
        }
    }

    fn run(&self, target: &mut dyn Target, input: Arc<Vec<u8>>) -> Outcome {
        ABORT_INPUT.store(input.as_ptr() as *mut u8, Ordering::SeqCst);
        ABORT_LEN.store(input.len(), Ordering::SeqCst);
        *self.current.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((Instant::now(), input.clone()));
        CAPTURE.with(|c| *c.borrow_mut() = Some(None));
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| target.run(&input)));
        let panic = CAPTURE.with(|c| c.borrow_mut().take()).flatten();
        *self.current.lock().unwrap_or_else(|e| e.into_inner()) = None;
        ABORT_LEN.store(0, Ordering::SeqCst);
        match result {
            Ok(outcome) => outcome,
            Err(_) => Outcome::Finding(format!("panic: {}", panic.unwrap_or_default())),
        }
    }
}

impl Drop for Executor {
    fn drop(&mut self) {
        self.done.store(true, Ordering::Relaxed);
        if let Some(w) = self.watchdog.take() {
            let _ = w.join();
        }
    }
}

/// Reads every file of each directory (sorted, for a reproducible corpus), skipping the
/// `.txt` and `.md` notes kept beside regression inputs.
fn read_dir_files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .filter(|p| !matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| std::fs::read(&p).ok().map(|b| (p, b)))
        .collect()
}

/// Fuzzes `target` as `cfg` says and returns what happened.
pub fn fuzz(target: &mut dyn Target, cfg: &Config) -> Stats {
    let name = target.name();
    let mut rng = Rng::new(cfg.seed);
    let mut corpus = target.seeds();
    for dir in &cfg.corpus {
        corpus.extend(read_dir_files(dir).into_iter().map(|(_, b)| b));
    }
    if corpus.is_empty() {
        corpus.push(Vec::new());
    }
    let exec = Executor::new(name, cfg.findings.clone(), cfg.timeout);
    let mut stats = Stats {
        target: name.to_string(),
        ..Stats::default()
    };
    let mut seen: HashSet<String> = HashSet::new();
    // Each distinct finding's index in stats.distinct.
    let mut distinct: HashMap<String, usize> = HashMap::new();
    let start = Instant::now();
    let mut last_report = start;
    // The seeds run unmutated first, then mutants.
    let seeds = corpus.len();
    loop {
        if cfg.iters.is_some_and(|n| stats.execs >= n)
            || cfg
                .seconds
                .is_some_and(|s| start.elapsed().as_secs_f64() >= s)
        {
            break;
        }
        let input = if (stats.execs as usize) < seeds {
            corpus[stats.execs as usize].clone()
        } else {
            let mut input = corpus[rng.below(corpus.len())].clone();
            for _ in 0..1 + rng.below(4) {
                if !(rng.one_in(2) && target.edit(&mut input, &mut rng)) {
                    let other = &corpus[rng.below(corpus.len())];
                    mutate_bytes(&mut input, other, &mut rng);
                }
            }
            input.truncate(cfg.max_len);
            input
        };
        let input = Arc::new(input);
        let outcome = exec.run(target, input.clone());
        stats.execs += 1;
        let key = match &outcome {
            Outcome::Ok => {
                stats.ok += 1;
                "ok".to_string()
            }
            Outcome::Rejected(m) => {
                stats.rejected += 1;
                format!("rejected: {}", signature(m))
            }
            Outcome::Finding(m) => {
                stats.findings += 1;
                let sig = signature(m);
                let i = *distinct.entry(sig.clone()).or_insert_with(|| {
                    stats.distinct.push((sig.clone(), 0));
                    stats.distinct.len() - 1
                });
                stats.distinct[i].1 += 1;
                let n = stats.distinct[i].1;
                if n as usize <= SAVED_PER_FINDING {
                    let kind = if m.starts_with("panic") {
                        "panic"
                    } else {
                        "finding"
                    };
                    let path = save_finding(&cfg.findings, kind, m, &input);
                    if n == 1 {
                        eprintln!("{name}: FINDING {sig}\n  saved to {}", path.display());
                    }
                }
                format!("finding: {sig}")
            }
        };
        if seen.insert(key) && corpus.len() < MAX_CORPUS {
            corpus.push(input.to_vec());
        }
        if let Some(every) = cfg.report_every {
            if last_report.elapsed() >= every {
                last_report = Instant::now();
                stats.elapsed = start.elapsed();
                stats.corpus = corpus.len();
                eprintln!("{stats}");
            }
        }
    }
    stats.elapsed = start.elapsed();
    stats.corpus = corpus.len();
    stats
}

/// Runs every input in `dir` once (the regression fixtures of past findings) and returns a
/// line for each that is still a finding.
pub fn replay(target: &mut dyn Target, dir: &Path, timeout: Duration) -> (usize, Vec<String>) {
    let files = read_dir_files(dir);
    let exec = Executor::new(target.name(), std::env::temp_dir(), timeout);
    let mut failures = Vec::new();
    for (path, bytes) in &files {
        if let Outcome::Finding(m) = exec.run(target, Arc::new(bytes.clone())) {
            failures.push(format!("{}: {m}", path.display()));
        }
    }
    (files.len(), failures)
}

// An abort (stack overflow, failed allocation) cannot be caught; a SIGABRT handler writes the
// input being run to a path prepared beforehand, using only write(2)-style calls, which are
// async-signal-safe.
static ABORT_INPUT: AtomicPtr<u8> = AtomicPtr::new(std::ptr::null_mut());
static ABORT_LEN: AtomicUsize = AtomicUsize::new(0);
static ABORT_PATH: OnceLock<std::ffi::CString> = OnceLock::new();

extern "C" fn on_abort(_sig: libc::c_int) {
    let note = b"tbuild-fuzz: aborted; the input being run was saved\n";
    // SAFETY: only async-signal-safe calls (open, write, close) on memory that outlives the
    // input being run: the runner clears ABORT_LEN before the input is dropped.
    unsafe {
        libc::write(2, note.as_ptr().cast(), note.len());
        let len = ABORT_LEN.load(Ordering::SeqCst);
        if let Some(path) = ABORT_PATH.get() {
            let fd = libc::open(
                path.as_ptr(),
                libc::O_WRONLY | libc::O_CREAT | libc::O_TRUNC,
                0o644,
            );
            if fd >= 0 {
                let p = ABORT_INPUT.load(Ordering::SeqCst);
                if !p.is_null() {
                    libc::write(fd, p.cast(), len);
                }
                libc::close(fd);
            }
        }
    }
    // SA_RESETHAND restored the default action; abort() raises SIGABRT again and the
    // process dies of it.
}

/// In the binary: save the input that makes the process abort to `path`.
pub fn catch_aborts(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let Ok(c) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
        return;
    };
    let _ = ABORT_PATH.set(c);
    // SAFETY: installs a handler that uses only async-signal-safe calls. SA_ONSTACK lets it
    // run on the alternate stack Rust's runtime sets up, as a stack overflow needs.
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = on_abort as *const () as usize;
        sa.sa_flags = libc::SA_RESETHAND | libc::SA_ONSTACK;
        libc::sigemptyset(&mut sa.sa_mask);
        libc::sigaction(libc::SIGABRT, &sa, std::ptr::null_mut());
    }
}
