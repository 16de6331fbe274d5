//! The files a user names: reading inputs and writing outputs, with Go's checks and Go's
//! words in the errors.
//!
//! - Only a regular file is read as an input. A FIFO would block the build and a device such
//!   as /dev/zero never ends; the file is opened without waiting (O_NONBLOCK) and checked
//!   before anything is read. Go refuses a directory with "X is a directory, should be a Go
//!   file" (cmd/go/internal/load `GoFilesPackage`); tbuild says the same of every file that
//!   is not regular (Go 1.19 itself blocks on a FIFO).
//! - `tbuild FILE` names the executable after FILE without its extension, as `go build`
//!   does, byte for byte (a file name need not be UTF-8); so FILE must end in `.go` or `.src`,
//!   or the executable would replace it (Go: "named files must be .go files").
//! - An output is written to a temporary file beside it, created with Go's mode (0777 or
//!   0666, less the umask), and put in its place once complete (exchanged with an existing
//!   file, then that removed: `replace`). Errors name the output, as
//!   Go's do (`open OUT: read-only file system`, `write OUT: no space left on device`),
//!   never the temporary file. `-o /dev/null` and `-o DIR` mean what they mean to go build.

use std::ffi::OsString;
use std::fs;
use std::io::{self, Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use tbuild::cleanup;

use crate::build::Error;

/// An I/O error as Go's os.PathError prints it: `op path: message`, the message in the
/// lower-case words of Go's syscall errors (the C library's, first letter lowered).
pub fn io_err(op: &str, path: &Path, e: io::Error) -> Error {
    let text = match e.raw_os_error() {
        Some(code) => {
            let s = io::Error::from_raw_os_error(code).to_string();
            let s = s.split(" (os error").next().unwrap_or(&s).to_string();
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_lowercase().chain(c).collect())
                .unwrap_or(s)
        }
        None => e.to_string(),
    };
    Error::Io(format!("{op} {}: {text}", path.display()))
}

/// Reads an input the user named; `what` says what it should be ("a Go file").
pub fn read_input(path: &Path, what: &str) -> Result<Vec<u8>, Error> {
    let mut f = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| io_err("open", path, e))?;
    let meta = f.metadata().map_err(|e| io_err("stat", path, e))?;
    if meta.is_dir() {
        return Err(Error::Io(format!(
            "{} is a directory, should be {what}",
            path.display()
        )));
    }
    if !meta.is_file() {
        return Err(Error::Io(format!(
            "{} is not a regular file, should be {what}",
            path.display()
        )));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    f.read_to_end(&mut bytes)
        .map_err(|e| io_err("read", path, e))?;
    Ok(bytes)
}

/// An #include file, if it is a regular file of text.
pub fn read_include(path: &Path) -> Option<String> {
    String::from_utf8(read_input(path, "a file").ok()?).ok()
}

/// Refuses source files the executable would be named after: those that do not end in `.go`
/// or `.src` (cmd/go/internal/load `GoFilesPackage`: "named files must be .go files").
pub fn check_source_names(files: &[PathBuf]) -> Result<(), Error> {
    for f in files {
        let ext = f.extension().map(|e| e.as_bytes());
        if !matches!(ext, Some(b"go" | b"src")) {
            return Err(Error::Io(format!(
                "named files must be .go or .src files: {}",
                f.display()
            )));
        }
    }
    Ok(())
}

/// The default output: the first file's base name without its extension, plus `ext`, as
/// `go build` names an executable (the bytes of the name, whatever their encoding).
pub fn default_output(first: &Path, ext: &str) -> PathBuf {
    let mut name: OsString = first
        .file_stem()
        .map_or_else(|| "a".into(), |s| s.to_owned());
    name.push(ext);
    PathBuf::from(name)
}

/// Where a build writes (cmd/go/internal/work/build.go `runBuild`): `-o /dev/null` means
/// nowhere (None); `-o DIR`, an existing directory or a name ending in `/`, means DIR/NAME;
/// otherwise `-o` as given, or NAME, the default, which must not be a directory.
pub fn build_output(
    output: Option<&Path>,
    first: &Path,
    ext: &str,
) -> Result<Option<PathBuf>, Error> {
    let name = default_output(first, ext);
    let Some(o) = output else {
        if name.is_dir() {
            return Err(Error::Io(format!(
                "build output {:?} already exists and is a directory",
                name.display().to_string()
            )));
        }
        return Ok(Some(name));
    };
    if o == Path::new("/dev/null") {
        return Ok(None);
    }
    if o.is_dir() || o.as_os_str().as_bytes().ends_with(b"/") {
        return Ok(Some(o.join(name)));
    }
    Ok(Some(o.to_path_buf()))
}

/// A temporary file beside an output; removed when dropped unless it was renamed.
struct TempOut {
    path: PathBuf,
    file: fs::File,
}

impl Drop for TempOut {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// Removes the `.tbuild-PID-N` temporaries in `dir` left by builds killed outright (SIGKILL)
/// while writing an output: their process no longer runs, and they are over a minute old
/// (a build renames its temporary within moments of creating it, so the age keeps a build
/// whose pid this process cannot see, in another pid namespace, safe).
fn remove_stale_temps(dir: &Path) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    let me = std::process::id();
    for e in rd.flatten() {
        let name = e.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(".tbuild-"))
            .and_then(|rest| rest.split_once('-'))
            .filter(|(_, n)| n.parse::<u32>().is_ok())
            .and_then(|(pid, _)| pid.parse::<u32>().ok())
        else {
            continue;
        };
        let old = e
            .metadata()
            .ok()
            .filter(|m| m.is_file())
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() > 60);
        if pid != me && old && !cleanup::pid_alive(pid) {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Creates `.tbuild-PID-N` in `dir` with `mode` less the umask (the kernel applies it).
fn create_temp(dir: &Path, mode: u32) -> io::Result<TempOut> {
    let pid = std::process::id();
    let mut n = 0u32;
    loop {
        let path = dir.join(format!(".tbuild-{pid}-{n}"));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(mode)
            .open(&path)
        {
            Ok(file) => return Ok(TempOut { path, file }),
            // Left by an earlier process with the same pid: take the next name.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
            Err(e) => return Err(e),
        }
    }
}

/// Writes `bytes` to `out` atomically: a temporary file in the same directory, renamed over
/// the destination only once complete. Its mode is Go's: 0777 for an executable and 0666
/// for an object, less the umask (as for Go's os.OpenFile in cmd/go/internal/work
/// `copyFile` and the compiler's os.Create).
pub fn write_output(out: &Path, bytes: &[u8], executable: bool) -> Result<(), Error> {
    write_output_then(out, &[bytes], executable, |_| Ok(()))
}

/// [`write_output`], calling `finish` on the written temporary before it takes `out`'s
/// place: a build stamps its binary's build ID there, once its hash, computed while the
/// bytes were being written, is known. The file's bytes are `parts` in order (a linked
/// executable is written from its sections' own buffers: tbuild_linker::Executable).
pub fn write_output_then(
    out: &Path,
    parts: &[&[u8]],
    executable: bool,
    finish: impl FnOnce(&fs::File) -> io::Result<()>,
) -> Result<(), Error> {
    let dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mode = if executable { 0o777 } else { 0o666 };
    remove_stale_temps(&dir);
    // Registered, so that a signal removes it (cleanup.rs); the registration drops last.
    let (mut tmp, _registered) = cleanup::create(|| create_temp(&dir, mode), |t| &t.path)
        .map_err(|e| io_err("open", out, e))?;
    write_all_vectored(&mut tmp.file, parts)
        .and_then(|()| tmp.file.flush())
        .and_then(|()| finish(&tmp.file))
        .map_err(|e| io_err("write", out, e))?;
    replace(&tmp.path, out).map_err(|e| io_err("write", out, e))
}

/// Writes all of `parts` in order, with as few system calls as writev allows (std's
/// `write_all_vectored` is not stable yet).
fn write_all_vectored(file: &mut fs::File, parts: &[&[u8]]) -> io::Result<()> {
    let mut slices: Vec<io::IoSlice> = parts.iter().map(|p| io::IoSlice::new(p)).collect();
    let mut rest = &mut slices[..];
    while !rest.is_empty() {
        match file.write_vectored(rest) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => io::IoSlice::advance_slices(&mut rest, n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Puts the complete file at `tmp` in `out`'s place, atomically. A regular file already at
/// `out` is exchanged with it (renameat2 RENAME_EXCHANGE) and then removed, instead of being
/// renamed over: ext4 starts writing back a file renamed over another (its auto_da_alloc,
/// for editors that save that way), and for hello's 1.4 MB that made the rename 1 to 3 ms of
/// a build that takes 13. Anything else (no file there, a file system without exchange, a
/// directory, which must give rename's error) takes a plain rename.
fn replace(tmp: &Path, out: &Path) -> io::Result<()> {
    use std::ffi::CString;
    let regular = fs::symlink_metadata(out).is_ok_and(|m| m.file_type().is_file());
    if regular {
        let (Ok(from), Ok(to)) = (
            CString::new(tmp.as_os_str().as_bytes()),
            CString::new(out.as_os_str().as_bytes()),
        ) else {
            return fs::rename(tmp, out);
        };
        // SAFETY: two NUL-terminated paths that live across the call.
        let r = unsafe {
            libc::renameat2(
                libc::AT_FDCWD,
                from.as_ptr(),
                libc::AT_FDCWD,
                to.as_ptr(),
                libc::RENAME_EXCHANGE,
            )
        };
        if r == 0 {
            // `tmp` now names the old output; were it left by a failure here, the next
            // write in this directory removes it (`remove_stale_temps`).
            let _ = fs::remove_file(tmp);
            return Ok(());
        }
    }
    fs::rename(tmp, out)
}
