//! What a build leaves in the file system when it is killed, and its removal.

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
    r == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}
