//! Temporary files and directories: removed when tbuild is interrupted, and, for those of
//! builds that were killed outright, by the next build.
//!
//! A build makes few: the work directory of `tbuild run` (holding the executable it runs),
//! the temporary output file renamed over the output at the end, and the temporary file of
//! a cache store (a build keeps its objects in memory and needs no work directory, except
//! the one `-work` keeps). Each is registered here while it exists.
//! [`handle_signals`] blocks SIGINT, SIGTERM, SIGHUP and SIGQUIT in every thread and waits
//! for them in one thread of its own, which removes everything registered and then dies of
//! the same signal (so the shell still sees an interrupted command). Creating a temporary
//! and registering it happen under one lock that the signal thread takes too, so none
//! escapes. While `tbuild run`'s program runs, SIGINT and SIGQUIT are left to the program,
//! which gets them from the terminal as well, as `go run` leaves them
//! (cmd/go/internal/base/signal_unix.go `SignalsToIgnore`).
//!
//! SIGKILL and crashes cannot be caught: a work directory is named `tbuild-work-PID-XXXXXX`,
//! and every command that makes one (`tbuild run`, `tbuild test`) first removes those in the
//! temporary directory whose process no longer runs ([`remove_stale_work_dirs`]); a plain
//! build makes none, and no longer lists the temporary directory (0.1-0.2 ms, more where it
//! is crowded). The cache cleans its own temporary files (cache.rs).

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

/// What is to be removed if a signal ends the process.
static REGISTERED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// Set while `tbuild run`'s program runs.
static CHILD_RUNS: AtomicBool = AtomicBool::new(false);

fn registered() -> MutexGuard<'static, Vec<PathBuf>> {
    REGISTERED.lock().unwrap_or_else(|e| e.into_inner())
}

/// A registration, undone when dropped. Drop it after the file or directory is gone.
pub struct Registered(PathBuf);

impl Drop for Registered {
    fn drop(&mut self) {
        let mut r = registered();
        if let Some(i) = r.iter().rposition(|p| *p == self.0) {
            r.swap_remove(i);
        }
    }
}

/// Creates a temporary with `make` and registers the path `path` gives for it, both under
/// the lock, so that a signal arriving in between cannot leave it behind. Keep the
/// registration after the temporary (fields and tuples drop in order), so that it is
/// removed before it is unregistered.
pub fn create<T>(
    make: impl FnOnce() -> io::Result<T>,
    path: impl FnOnce(&T) -> &Path,
) -> io::Result<(T, Registered)> {
    let mut r = registered();
    let t = make()?;
    let p = path(&t).to_path_buf();
    r.push(p.clone());
    Ok((t, Registered(p)))
}

/// A work directory, `$TMPDIR/tbuild-work-PID-XXXXXX`, removed when dropped.
pub struct WorkDir {
    dir: tempfile::TempDir,
    _registered: Registered,
}

impl WorkDir {
    pub fn new() -> io::Result<WorkDir> {
        remove_stale_work_dirs();
        let prefix = format!("{WORK_PREFIX}{}-", std::process::id());
        let (dir, reg) = create(
            || tempfile::Builder::new().prefix(&prefix).tempdir(),
            |d| d.path(),
        )?;
        Ok(WorkDir {
            dir,
            _registered: reg,
        })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

const WORK_PREFIX: &str = "tbuild-work-";

/// The signals that end a build, and that it cleans up after.
const SIGNALS: [libc::c_int; 4] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP, libc::SIGQUIT];

fn signal_set() -> libc::sigset_t {
    // SAFETY: sigemptyset initialises the set; sigaddset adds valid signal numbers.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        for s in SIGNALS {
            libc::sigaddset(&mut set, s);
        }
        set
    }
}

/// Takes over SIGINT, SIGTERM, SIGHUP and SIGQUIT. Call first in main, before any thread
/// starts: threads inherit the blocked set. So do processes (std leaves the signal mask as
/// it is): give every command [`unblock_signals_in`].
pub fn handle_signals() {
    let set = signal_set();
    // SAFETY: blocks signals in this thread; the set is initialised.
    if unsafe { libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) } != 0 {
        return;
    }
    let spawned = std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || loop {
            let mut sig: libc::c_int = 0;
            // SAFETY: waits for one of the blocked signals.
            if unsafe { libc::sigwait(&set, &mut sig) } != 0 {
                continue;
            }
            if CHILD_RUNS.load(Ordering::SeqCst) && (sig == libc::SIGINT || sig == libc::SIGQUIT) {
                continue;
            }
            die_of(sig);
        });
    if spawned.is_err() {
        // No thread to wait for them: let the signals act as before.
        // SAFETY: unblocks the signals blocked above.
        unsafe { libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut()) };
    }
}

/// Removes whatever stands at `p`: a directory with its contents, or a file or link.
pub fn remove_any(p: &Path) {
    match std::fs::symlink_metadata(p) {
        Ok(m) if m.is_dir() => {
            let _ = std::fs::remove_dir_all(p);
        }
        Ok(_) => {
            let _ = std::fs::remove_file(p);
        }
        Err(_) => {}
    }
}

/// Removes everything registered, then ends the process with `sig`'s default action.
fn die_of(sig: libc::c_int) -> ! {
    // Held until the end: nothing new is created or registered meanwhile.
    let r = registered();
    for p in r.iter() {
        remove_any(p);
    }
    // SAFETY: restores the default action and unblocks the signal in this thread only, so
    // raising it here ends the process as if it had never been caught.
    unsafe {
        libc::signal(sig, libc::SIG_DFL);
        let mut one: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut one);
        libc::sigaddset(&mut one, sig);
        libc::pthread_sigmask(libc::SIG_UNBLOCK, &one, std::ptr::null_mut());
        libc::raise(sig);
    }
    // SIGQUIT's default action also dumps core; in every case the process is gone by now.
    std::process::exit(128 + sig);
}

/// Makes `cmd` start with the signals [`handle_signals`] blocks unblocked, as a program
/// expects them.
pub fn unblock_signals_in(cmd: &mut std::process::Command) {
    use std::os::unix::process::CommandExt;
    let set = signal_set();
    // SAFETY: runs in the child between fork and exec, where pthread_sigmask is allowed
    // (it is async-signal-safe) and touches only the child's own mask.
    unsafe {
        cmd.pre_exec(move || {
            libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
            Ok(())
        });
    }
}

/// Runs `f` (waiting for `tbuild run`'s program) with SIGINT and SIGQUIT left to the program.
/// They stay the program's after it ends: a terminal's ^C goes to the whole process group,
/// and under load the signal thread may only see it once the program has died of it, when
/// `tbuild run` is already reporting that death and removing its work directory.
pub fn while_child_runs<T>(f: impl FnOnce() -> T) -> T {
    CHILD_RUNS.store(true, Ordering::SeqCst);
    f()
}

/// Whether process `pid` still runs (kill(2) with signal 0 probes without signalling). A
/// process of another user answers EPERM and counts as running.
pub fn pid_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if pid <= 0 {
        // 0 and negative pids name process groups, not processes.
        return false;
    }
    // SAFETY: signal 0 only checks that the process exists.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

/// Removes the work directories (`tbuild-work-PID-XXXXXX`) in `$TMPDIR` of processes that
/// no longer run: builds killed by SIGKILL or crashed. Directories kept with `-work` are
/// named without a pid and stay.
pub fn remove_stale_work_dirs() {
    let Ok(rd) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for e in rd.flatten() {
        let name = e.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(WORK_PREFIX))
            .and_then(|rest| rest.split_once('-'))
            .and_then(|(pid, _)| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !pid_alive(pid) && e.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}
