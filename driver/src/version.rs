//! `tbuild version [-m] FILE...`: the Go version and module information a Go binary carries
//! in `.go.buildinfo`, printed as `go version [-m]` prints them (cmd/go/internal/version),
//! read by tbuild itself: the ELF is parsed with the `object` crate and the blob decoded as
//! debug/buildinfo/buildinfo.go `readRawBuildInfo` decodes it, in both its layouts (Go 1.18+
//! inline strings, and the older pointers to string headers).

use std::fs;
use std::path::Path;

use object::{Object, ObjectSection, ObjectSegment};

/// debug/buildinfo: the magic, the header size and the alignment the magic is searched at.
const BUILDINFO_MAGIC: &[u8] = b"\xff Go buildinf:";
const BUILDINFO_HEADER_SIZE: usize = 32;
const BUILDINFO_ALIGN: usize = 16;
/// debug/buildinfo reads this much from the start of the data (`dataSize`).
const DATA_SIZE: u64 = 64 * 1024;

/// What `go version` reports for a file it cannot read (debug/buildinfo's errors).
#[derive(Debug, PartialEq)]
pub enum ReadError {
    /// `errUnrecognizedFormat`
    Unrecognized,
    /// `errNotGoExe`
    NotGoExe,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Unrecognized => write!(f, "unrecognized file format"),
            ReadError::NotGoExe => write!(f, "not a Go executable"),
        }
    }
}

/// Reads the Go version and the module information (sentinels stripped; empty when absent)
/// from an executable's bytes. debug/buildinfo/buildinfo.go `readRawBuildInfo`.
pub fn read_build_info(data: &[u8]) -> Result<(String, String), ReadError> {
    let file = object::File::parse(data).map_err(|_| ReadError::Unrecognized)?;
    if file.format() != object::BinaryFormat::Elf {
        return Err(ReadError::Unrecognized);
    }
    let mem = Memory { file: &file };

    // DataStart: the .go.buildinfo section, else the first writable, non-executable PT_LOAD.
    let start = file
        .section_by_name(".go.buildinfo")
        .map(|s| s.address())
        .or_else(|| {
            file.segments()
                .find(|s| {
                    let object::SegmentFlags::Elf { p_flags } = s.flags() else {
                        return false;
                    };
                    p_flags & (object::elf::PF_X | object::elf::PF_W) == object::elf::PF_W
                })
                .map(|s| s.address())
        })
        .ok_or(ReadError::NotGoExe)?;
    let mut d = mem.read(start, DATA_SIZE).ok_or(ReadError::NotGoExe)?;

    // The magic at a 16-byte-aligned offset, with a whole header after it.
    loop {
        let Some(i) = find(d, BUILDINFO_MAGIC) else {
            return Err(ReadError::NotGoExe);
        };
        if d.len() - i < BUILDINFO_HEADER_SIZE {
            return Err(ReadError::NotGoExe);
        }
        if i % BUILDINFO_ALIGN == 0 {
            d = &d[i..];
            break;
        }
        d = &d[(i + BUILDINFO_ALIGN - 1) & !(BUILDINFO_ALIGN - 1)..];
    }

    // Header: magic, pointer size, flags (bit 0 big-endian, bit 1 inline strings).
    let ptr_size = d[14] as usize;
    let flags = d[15];
    let (vers, m) = if flags & 2 != 0 {
        let (vers, rest) = decode_string(&d[BUILDINFO_HEADER_SIZE..]);
        let (m, _) = decode_string(rest);
        (vers.to_vec(), m.to_vec())
    } else {
        if ptr_size != 4 && ptr_size != 8 {
            return Err(ReadError::NotGoExe);
        }
        let big = flags & 1 != 0;
        let vers = mem.read_string(ptr_size, big, read_ptr(&d[16..], ptr_size, big));
        let m = mem.read_string(ptr_size, big, read_ptr(&d[16 + ptr_size..], ptr_size, big));
        (vers, m)
    };
    if vers.is_empty() {
        return Err(ReadError::NotGoExe);
    }
    let mut m = m.as_slice();
    if m.len() >= 33 && m[m.len() - 17] == b'\n' {
        // Strip module framing: sentinel strings delimiting the module info.
        // These are cmd/go/internal/modload.infoStart and infoEnd.
        m = &m[16..m.len() - 16];
    } else {
        m = &[];
    }
    Ok((
        String::from_utf8_lossy(&vers).into_owned(),
        String::from_utf8_lossy(m).into_owned(),
    ))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// A uvarint-prefixed string; an empty one when malformed (debug/buildinfo `decodeString`).
fn decode_string(d: &[u8]) -> (&[u8], &[u8]) {
    let mut n: u64 = 0;
    let mut shift = 0;
    for (i, &b) in d.iter().enumerate().take(10) {
        n |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            let rest = &d[i + 1..];
            return match usize::try_from(n) {
                Ok(n) if n <= rest.len() => (&rest[..n], &rest[n..]),
                _ => (&[], &[]),
            };
        }
        shift += 7;
    }
    (&[], &[])
}

fn read_ptr(b: &[u8], size: usize, big: bool) -> u64 {
    let Some(b) = b.get(..size) else {
        return 0;
    };
    let mut v = 0u64;
    for i in 0..size {
        let byte = if big { b[i] } else { b[size - 1 - i] };
        v = v << 8 | u64::from(byte);
    }
    v
}

/// The executable's memory image, read through its segments (debug/buildinfo `ReadData`).
struct Memory<'a> {
    file: &'a object::File<'a>,
}

impl Memory<'_> {
    /// Up to `size` bytes from `addr`, within the one segment holding it.
    fn read(&self, addr: u64, size: u64) -> Option<&[u8]> {
        for seg in self.file.segments() {
            let (lo, len) = (seg.address(), seg.size());
            if addr >= lo && addr - lo < len {
                let data = seg.data().ok()?;
                let off = usize::try_from(addr - lo).ok()?;
                let n = usize::try_from(size.min(len - (addr - lo))).ok()?;
                return data.get(off..).map(|d| &d[..n.min(d.len())]);
            }
        }
        None
    }

    /// The string whose header (pointer, length) is at `addr` (debug/buildinfo `readString`).
    fn read_string(&self, ptr_size: usize, big: bool, addr: u64) -> Vec<u8> {
        let Some(hdr) = self.read(addr, 2 * ptr_size as u64) else {
            return Vec::new();
        };
        if hdr.len() < 2 * ptr_size {
            return Vec::new();
        }
        let data = read_ptr(hdr, ptr_size, big);
        let len = read_ptr(&hdr[ptr_size..], ptr_size, big);
        match self.read(data, len) {
            Some(d) if d.len() as u64 == len => d.to_vec(),
            _ => Vec::new(),
        }
    }
}

/// The lines `go version [-m] file` prints for one file, or its error message; cmd/go/internal/
/// version `scanFile`: `FILE: VERSION`, then with -m the module information, each line
/// indented by a tab.
fn describe(file: &str, data: &[u8], with_mod: bool) -> Result<String, String> {
    let (vers, m) = read_build_info(data)
        .map_err(|e| format!("{file}: could not read Go build info from {file}: {e}"))?;
    let mut out = format!("{file}: {vers}\n");
    if with_mod && !m.is_empty() {
        let m = m.strip_suffix('\n').unwrap_or(&m);
        out.push('\t');
        out.push_str(&m.replace('\n', "\n\t"));
        out.push('\n');
    }
    Ok(out)
}

/// `tbuild version [-m] FILE...`; returns the exit status. As cmd/go/internal/version
/// `runVersion`: a directory is searched for executables (silently skipping other files), a
/// file that is not a Go executable is reported on stderr without changing the status, and
/// only a file that cannot be found sets status 1.
pub fn run(files: &[std::path::PathBuf], with_mod: bool) -> u8 {
    let mut status = 0;
    for f in files {
        match fs::metadata(f) {
            Err(e) => {
                eprintln!("stat {}: {}", f.display(), io_message(&e));
                status = 1;
            }
            Ok(md) if md.is_dir() => scan_dir(f, with_mod),
            Ok(_) => scan_file(f, with_mod, true),
        }
    }
    status
}

/// Go's os errors read "no such file or directory", without Rust's "(os error 2)".
fn io_message(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_ascii_lowercase(),
        None => s,
    }
}

/// Walks `dir` in lexical order, as Go's filepath.WalkDir, naming each file as
/// filepath.Join does (`./x` is `x`).
fn scan_dir(dir: &Path, with_mod: bool) {
    let Ok(rd) = fs::read_dir(dir) else {
        return;
    };
    let mut names: Vec<_> = rd.filter_map(|e| e.ok()).map(|e| e.file_name()).collect();
    names.sort();
    for name in names {
        let p = if dir == Path::new(".") {
            Path::new(&name).to_path_buf()
        } else {
            dir.join(&name)
        };
        match fs::symlink_metadata(&p) {
            Ok(md) if md.is_dir() => scan_dir(&p, with_mod),
            Ok(_) => scan_file(&p, with_mod, false),
            Err(_) => {}
        }
    }
}

fn scan_file(path: &Path, with_mod: bool, must_print: bool) {
    use std::os::unix::fs::PermissionsExt;
    let name = path.display().to_string();
    let executable = fs::metadata(path)
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false);
    if !executable {
        if must_print {
            eprintln!("{name}: not executable file");
        }
        return;
    }
    let data = match fs::read(path) {
        Ok(d) => d,
        Err(_) => {
            if must_print {
                eprintln!("{name}");
            }
            return;
        }
    };
    match describe(&name, &data, with_mod) {
        Ok(s) => print!("{s}"),
        Err(e) => {
            if must_print {
                eprintln!("{e}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_string_rejects_overlong_lengths() {
        assert_eq!(
            decode_string(&[3, b'a', b'b', b'c', 9]),
            (&b"abc"[..], &[9u8][..])
        );
        assert_eq!(decode_string(&[5, b'a']), (&[][..], &[][..]));
        assert_eq!(decode_string(&[0xff; 12]), (&[][..], &[][..]));
    }

    #[test]
    fn garbage_is_not_a_go_executable() {
        assert_eq!(read_build_info(b"hello"), Err(ReadError::Unrecognized));
        assert_eq!(read_build_info(&[]), Err(ReadError::Unrecognized));
    }
}
