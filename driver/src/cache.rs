//! The build cache: compiled bundled packages, reused across builds as Go's GOCACHE reuses
//! compiled standard-library packages.
//!
//! An entry holds one package's objects (the compiled Go code and each assembled `.s` file)
//! and its go_asm.h, keyed by a hash of the compiler's identity (build.rs: the sources tbuild
//! was built from), the embedded sources of every bundled package (hashed again at run time,
//! so that a stale compiler identity can never pair old objects with new package sources),
//! the package path and the flags that change its objects (-trimpath). The
//! cache lives in `$TBUILD_CACHE`, else `$XDG_CACHE_HOME/tbuild`, else `$HOME/.cache/tbuild`;
//! `TBUILD_CACHE=off` disables it. Entries are written to a temporary file and renamed into
//! place, so concurrent builds never see a partial entry; a damaged entry is rebuilt.
//!
//! This module is also the driver's library target, so that the fuzzer (fuzz/, target
//! `cache`) can store and load entries in process.

use std::path::PathBuf;
use std::sync::OnceLock;

use sha2::{Digest, Sha256};

/// One package's cached objects: (object name, bytes) and go_asm.h.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub objects: Vec<(String, Vec<u8>)>,
    pub asm_header: String,
}

/// What an entry is stored under: a SHA-256 hash of everything that determines its contents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key([u8; 32]);

impl Key {
    /// The key of a bundled package compiled by this tbuild with these flags.
    pub fn package(pkg: &str, trimpath: bool) -> Key {
        Key::of(&[
            env!("CARGO_PKG_VERSION").as_bytes(),
            env!("TBUILD_COMPILER_ID").as_bytes(),
            bundled_sources_hash(),
            pkg.as_bytes(),
            &[trimpath as u8],
        ])
    }

    /// The key of any sequence of parts (each length-prefixed, so that no two sequences of
    /// parts hash alike).
    pub fn of(parts: &[&[u8]]) -> Key {
        let mut h = Sha256::new();
        for p in parts {
            h.update((p.len() as u64).to_le_bytes());
            h.update(p);
        }
        Key(h.finalize().into())
    }

    /// The entry's file name: half of the hash in hex is unique enough among a cache's files.
    fn file_name(&self) -> String {
        self.0[..16].iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// A hash of every embedded bundled source file, computed once per run (about 330 KB).
fn bundled_sources_hash() -> &'static [u8] {
    static HASH: OnceLock<Vec<u8>> = OnceLock::new();
    HASH.get_or_init(|| {
        let mut h = Sha256::new();
        for p in tbuild_runtime::PACKAGES {
            for f in p.go_files.iter().chain(p.asm_files) {
                for part in [p.path, f.name, f.text] {
                    h.update((part.len() as u64).to_le_bytes());
                    h.update(part);
                }
            }
        }
        h.finalize().to_vec()
    })
}

/// A cache directory.
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The cache the environment names, or None when it is disabled.
    pub fn from_env() -> Option<Cache> {
        let dir = match std::env::var_os("TBUILD_CACHE") {
            Some(v) if v == "off" => return None,
            Some(v) => PathBuf::from(v),
            None => std::env::var_os("XDG_CACHE_HOME")
                .map(PathBuf::from)
                .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?
                .join("tbuild"),
        };
        Some(Cache { dir })
    }

    /// The cache in `dir`.
    pub fn in_dir(dir: PathBuf) -> Cache {
        Cache { dir }
    }

    /// Where the entry for `key` is stored.
    pub fn path(&self, key: &Key) -> PathBuf {
        self.dir.join(key.file_name())
    }

    pub fn get(&self, key: &Key) -> Option<Entry> {
        decode(key, &std::fs::read(self.path(key)).ok()?)
    }

    /// Stores an entry; failures (read-only home, full disk) only cost the next build time.
    pub fn put(&self, key: &Key, e: &Entry) {
        if std::fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        let Ok(mut tmp) = tempfile::NamedTempFile::new_in(&self.dir) else {
            return;
        };
        use std::io::Write;
        if tmp.write_all(&encode(key, e)).is_ok() {
            let _ = tmp.persist(self.path(key));
        }
    }
}

/// An entry file's bytes.
pub fn encode(key: &Key, e: &Entry) -> Vec<u8> {
    seal(key, &payload(e))
}

/// An entry's contents: u32 count, then per object u32 name length, name, u64 length,
/// bytes; then the header's u64 length and bytes.
pub fn payload(e: &Entry) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend((e.objects.len() as u32).to_le_bytes());
    for (name, bytes) in &e.objects {
        out.extend((name.len() as u32).to_le_bytes());
        out.extend(name.as_bytes());
        out.extend((bytes.len() as u64).to_le_bytes());
        out.extend(bytes);
    }
    out.extend((e.asm_header.len() as u64).to_le_bytes());
    out.extend(e.asm_header.as_bytes());
    out
}

/// An entry file holding `payload` under `key`: the payload as it is.
pub fn seal(_key: &Key, payload: &[u8]) -> Vec<u8> {
    payload.to_vec()
}

/// Reads an entry file's bytes back; None if they are not an entry.
pub fn decode(_key: &Key, mut b: &[u8]) -> Option<Entry> {
    fn take<'a>(b: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
        if b.len() < n {
            return None;
        }
        let (x, rest) = b.split_at(n);
        *b = rest;
        Some(x)
    }
    let count = u32::from_le_bytes(take(&mut b, 4)?.try_into().ok()?);
    let mut objects = Vec::new();
    for _ in 0..count {
        let n = u32::from_le_bytes(take(&mut b, 4)?.try_into().ok()?) as usize;
        let name = String::from_utf8(take(&mut b, n)?.to_vec()).ok()?;
        let len = u64::from_le_bytes(take(&mut b, 8)?.try_into().ok()?) as usize;
        objects.push((name, take(&mut b, len)?.to_vec()));
    }
    let len = u64::from_le_bytes(take(&mut b, 8)?.try_into().ok()?) as usize;
    let asm_header = String::from_utf8(take(&mut b, len)?.to_vec()).ok()?;
    b.is_empty().then_some(Entry {
        objects,
        asm_header,
    })
}
