//! Target `cache`: build-cache entries (driver/src/cache.rs), stored and loaded in process.
//!
//! An input is one byte saying what stands at the entry's path, then a file's bytes:
//! `kind & 7` is 0-3 for a regular file holding the bytes, 4 a FIFO, 5 a directory, 6 a
//! symlink to /dev/zero, 7 a dangling symlink; with `kind & 0x80` the bytes are an entry's
//! payload, sealed under the right key by the cache's own code before they are written (so
//! that mutations reach the payload's decoder rather than only the seal's check).
//!
//! The checks, those the build relies on: a load returns nothing or exactly a genuine entry
//! (one this target stored) and never hangs; for sealed bytes, it returns nothing or an entry
//! whose payload is exactly those bytes; after a miss, storing the entry again replaces
//! whatever stood there (except a directory) and the next load returns it; a store leaves no
//! temporary file behind.

use std::path::{Path, PathBuf};

use tbuild::cache::{self, Cache, Entry, Key};
use tbuild::cleanup;
use tbuild_linker::Input;

use crate::{Outcome, Rng, Target};

const SEALED: u8 = 0x80;

pub struct CacheTarget {
    /// Holds the cache directory while the target lives.
    _dir: tempfile::TempDir,
    dir: PathBuf,
    cache: Cache,
    key: Key,
    /// Another key: its entries are foreign under `key`.
    other: Key,
    /// The genuine entries, each stored under `key` by some seed.
    entries: Vec<Entry>,
}

pub fn new() -> Box<dyn Target> {
    // A RAM file system when there is one: the target exercises the cache's logic, and a
    // disk would only slow it down.
    let shm = Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        tempfile::Builder::new()
            .prefix("tbuild-fuzz-cache-")
            .tempdir_in(shm)
    } else {
        tempfile::Builder::new()
            .prefix("tbuild-fuzz-cache-")
            .tempdir()
    }
    .expect("creating the fuzz cache directory");
    let path = dir.path().to_path_buf();
    let entries = vec![
        Entry {
            objects: vec![
                Input {
                    name: "runtime/asm_amd64.s.o".into(),
                    data: (0..300u32)
                        .map(|i| (i * 7) as u8)
                        .collect::<Vec<_>>()
                        .into(),
                    summary: Some(b"tbsum\x003\n".to_vec().into()),
                },
                Input {
                    name: "runtime.o".into(),
                    data: b"\x7fELF\x02\x01\x01"
                        .iter()
                        .copied()
                        .cycle()
                        .take(900)
                        .collect::<Vec<_>>()
                        .into(),
                    summary: None,
                },
            ],
            asm_header: "#define g_m 48\n#define m_g0 0\n".into(),
            escapes: "main.f\t0100000000000000\n".into(),
            export: vec![(
                "$TBUILD/fmt/print.go".into(),
                b"package fmt\n".to_vec().into(),
            )],
            imports: vec!["errors".into(), "unicode/utf8".into()],
        },
        Entry {
            objects: Vec::new(),
            asm_header: String::new(),
            escapes: String::new(),
            export: Vec::new(),
            imports: Vec::new(),
        },
        Entry {
            objects: vec![
                Input {
                    name: String::new(),
                    data: Vec::new().into(),
                    summary: None,
                },
                Input {
                    name: "é.o".into(),
                    data: vec![0; 17].into(),
                    summary: Some(vec![1; 5].into()),
                },
            ],
            asm_header: "// ü\n".into(),
            escapes: "ü\t\n".into(),
            export: vec![(String::new(), Vec::new().into())],
            imports: vec![String::new(), "é".into()],
        },
    ];
    Box::new(CacheTarget {
        _dir: dir,
        cache: Cache::in_dir(path.clone()),
        dir: path,
        key: Key::of(&[b"fuzz", b"key"]),
        other: Key::of(&[b"fuzz", b"other"]),
        entries,
    })
}

fn mkfifo(p: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(p.as_os_str().as_bytes())?;
    // SAFETY: a NUL-terminated path.
    if unsafe { libc::mkfifo(c.as_ptr(), 0o644) } == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// The offsets and widths of the length fields in a payload, as far as it parses.
fn length_fields(p: &[u8]) -> Vec<(usize, usize)> {
    let mut fields = Vec::new();
    let read = |at: usize, w: usize| -> Option<u64> {
        let b = p.get(at..at.checked_add(w)?)?;
        let mut v = [0u8; 8];
        v[..w].copy_from_slice(b);
        Some(u64::from_le_bytes(v))
    };
    let Some(count) = read(0, 4) else {
        return fields;
    };
    fields.push((0, 4));
    let mut at = 4usize;
    for _ in 0..count.min(64) {
        let Some(n) = read(at, 4) else { return fields };
        fields.push((at, 4));
        at = at.saturating_add(4).saturating_add(n as usize);
        let Some(len) = read(at, 8) else {
            return fields;
        };
        fields.push((at, 8));
        at = at.saturating_add(8).saturating_add(len as usize);
    }
    if read(at, 8).is_some() {
        fields.push((at, 8));
    }
    fields
}

impl Target for CacheTarget {
    fn name(&self) -> &'static str {
        "cache"
    }

    fn seeds(&self) -> Vec<Vec<u8>> {
        let mut seeds = Vec::new();
        for e in &self.entries {
            seeds.push([&[0u8][..], &cache::encode(&self.key, e)].concat());
            seeds.push([&[SEALED][..], &cache::payload(e)].concat());
        }
        seeds.push([&[0u8][..], &cache::encode(&self.other, &self.entries[0])].concat());
        for kind in 4..8u8 {
            seeds.push(vec![kind]);
        }
        seeds
    }

    fn edit(&self, input: &mut Vec<u8>, rng: &mut Rng) -> bool {
        if input.is_empty() {
            return false;
        }
        match rng.below(4) {
            // What stands at the path.
            0 => input[0] = (input[0] & SEALED) | rng.below(8) as u8,
            // Seal or unseal.
            1 => input[0] ^= SEALED,
            // A length field set to a neighbouring or boundary value (sealed payloads).
            _ if input[0] & SEALED != 0 => {
                let fields = length_fields(&input[1..]);
                if fields.is_empty() {
                    return false;
                }
                let (at, w) = *rng.choose(&fields);
                let at = at + 1;
                let mut v = [0u8; 8];
                v[..w].copy_from_slice(&input[at..at + w]);
                let old = u64::from_le_bytes(v);
                let new = match rng.below(4) {
                    0 => old.wrapping_add(1),
                    1 => old.wrapping_sub(1),
                    2 => old.wrapping_add(rng.below(1 << 16) as u64),
                    _ => u64::MAX >> (64 - 8 * w as u32),
                };
                input[at..at + w].copy_from_slice(&new.to_le_bytes()[..w]);
            }
            // Another key's entry in place of this key's.
            _ => {
                let e = rng.choose(&self.entries);
                input.truncate(1);
                input.extend(cache::encode(&self.other, e));
            }
        }
        true
    }

    fn run(&mut self, input: &[u8]) -> Outcome {
        let (kind, bytes) = match input.split_first() {
            Some((k, b)) => (*k, b),
            None => (0, &[][..]),
        };
        let path = self.cache.path(&self.key);
        cleanup::remove_any(&path);
        let sealed = kind & SEALED != 0;
        let file = if sealed {
            cache::seal(&self.key, bytes)
        } else {
            bytes.to_vec()
        };
        let made = match kind & 7 {
            4 => mkfifo(&path),
            5 => std::fs::create_dir(&path),
            6 => std::os::unix::fs::symlink("/dev/zero", &path),
            7 => std::os::unix::fs::symlink(self.dir.join("nowhere"), &path),
            _ => std::fs::write(&path, &file),
        };
        if let Err(e) = made {
            return Outcome::Finding(format!("target: preparing the entry: {e}"));
        }
        let regular = kind & 7 < 4;
        match self.cache.get(&self.key) {
            Some(e) => {
                if !regular {
                    return Outcome::Finding(format!(
                        "a load through a non-regular file (kind {}) returned an entry",
                        kind & 7
                    ));
                }
                if sealed {
                    if cache::payload(&e) != bytes {
                        return Outcome::Finding(
                            "a load returned an entry that is not the payload stored".into(),
                        );
                    }
                } else if !self.entries.contains(&e) || cache::encode(&self.key, &e) != file {
                    return Outcome::Finding(
                        "a load returned an entry that was never stored under its key \
                         (damaged or foreign bytes taken as good)"
                            .into(),
                    );
                }
                Outcome::Ok
            }
            None => {
                // A miss: the build compiles the package again and stores it.
                let genuine = &self.entries[0];
                self.cache.put(&self.key, genuine);
                let again = self.cache.get(&self.key);
                let is_dir = kind & 7 == 5;
                if !is_dir && again.as_ref() != Some(genuine) {
                    return Outcome::Finding(
                        "after a miss, storing the entry again did not replace it".into(),
                    );
                }
                if let Ok(rd) = std::fs::read_dir(&self.dir) {
                    let keep = [
                        path.file_name().map(|n| n.to_owned()),
                        self.cache
                            .path(&self.other)
                            .file_name()
                            .map(|n| n.to_owned()),
                    ];
                    for e in rd.flatten() {
                        if !keep.contains(&Some(e.file_name())) {
                            let name = e.file_name();
                            cleanup::remove_any(&e.path());
                            return Outcome::Finding(format!(
                                "a store left {} behind",
                                name.to_string_lossy()
                            ));
                        }
                    }
                }
                Outcome::Rejected(format!("miss (kind {})", kind & 7))
            }
        }
    }
}
