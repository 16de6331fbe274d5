//! The build cache: compiled bundled packages, reused across builds as Go's GOCACHE reuses
//! compiled standard-library packages.
//!
//! An entry holds one package's objects (the compiled Go code and each assembled `.s` file),
//! its go_asm.h, its export data (codegen's compile/export.rs: what importers read instead
//! of its source) with its escape summaries (which Go's export data carries too), and the
//! packages its compile imported, keyed by a hash of the compiler's identity (build.rs: the SHA-256 of the
//! sources tbuild was built from, the bundled packages' among them), the package path and
//! the flags that change its objects (-trimpath). The cache lives in
//! `$TBUILD_CACHE`, else `$XDG_CACHE_HOME/tbuild`, else `$HOME/.cache/tbuild` (an empty
//! `TBUILD_CACHE` means the default, as an empty GOCACHE does); `TBUILD_CACHE=off` disables it.
//!
//! Nothing read from the cache is trusted. As Go's cache records each entry's action ID and
//! checks what it reads back (cmd/go/internal/cache/cache.go: `get` compares the entry's ID,
//! `GetBytes` fails with "bad checksum"), each entry file carries its full key, its length and
//! a CRC-32 of its content ID and contents, and a load checks them: a damaged entry, another
//! entry's bytes, a truncated write or anything that is not a regular file (a FIFO is
//! opened without waiting for a writer, and never read) is a miss, which the build repairs
//! by compiling the package again and storing it over the bad entry. Stores write a
//! temporary file in the cache directory and rename it into place, so no reader ever sees
//! a partial entry; the temporary files of builds killed while storing are removed by a
//! later build ([`Cache::clean`]).
//!
//! This module is also part of the driver's library target, so that the fuzzer (fuzz/,
//! target `cache`) can store and load entries in process.

use std::io::{Read, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha256};
use tbuild_linker::{Bytes, Input};

/// One package's cached compile: objects as the linker takes them (name, bytes and the link
/// summary the linker derived from them, tbuild_linker::summary), go_asm.h, escape
/// summaries, export data as (file name, text), and the import paths its compile loaded (all
/// of them, transitively: the link needs their objects).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    pub objects: Vec<Input>,
    pub asm_header: String,
    pub escapes: String,
    /// Views of the entry's bytes when read from the cache: a link reads none of them.
    pub export: Vec<(String, Bytes)>,
    pub imports: Vec<String>,
}

/// What an entry is stored under: a SHA-256 hash of everything that determines its contents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key([u8; 32]);

impl Key {
    /// The key of a bundled package compiled by this tbuild with these flags. The compiler's
    /// ID (build.rs) already covers the embedded sources of every bundled package.
    pub fn package(pkg: &str, trimpath: bool) -> Key {
        Key::of(&[
            env!("CARGO_PKG_VERSION").as_bytes(),
            env!("TBUILD_COMPILER_ID").as_bytes(),
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

/// A cache directory.
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The cache the environment names, or None when it is disabled.
    pub fn from_env() -> Option<Cache> {
        let dir = match std::env::var_os("TBUILD_CACHE") {
            Some(v) if v == "off" => return None,
            Some(v) if !v.is_empty() => PathBuf::from(v),
            _ => std::env::var_os("XDG_CACHE_HOME")
                .filter(|v| !v.is_empty())
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

    /// The entry stored under `key`, if there is one and it is intact.
    pub fn get(&self, key: &Key) -> Option<Entry> {
        self.get_with_id(key).map(|(e, _)| e)
    }

    /// The entry stored under `key` and its content ID ([`entry_id`]), which reading it
    /// verified: its users need not hash its objects again.
    pub fn get_with_id(&self, key: &Key) -> Option<(Entry, [u8; 32])> {
        // O_NONBLOCK: opening a FIFO must not wait for a writer. It changes nothing for a
        // regular file, the only kind that is read.
        let f = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(self.path(key))
            .ok()?;
        let meta = f.metadata().ok()?;
        if !meta.is_file() || meta.len() > MAX_ENTRY {
            return None;
        }
        let bytes = map_file(&f, meta.len())?;
        let payload = bytes.slice_of(unseal(key, &bytes)?)?;
        let id = bytes[ID_AT..ID_AT + 32].try_into().ok()?;
        let entry = decode_payload(&payload)?;
        // A use, for trim: the mtime is refreshed when it is more than an hour old.
        let stale = meta
            .modified()
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > MTIME_INTERVAL);
        if stale {
            let _ = f.set_modified(SystemTime::now());
        }
        Some((entry, id))
    }

    /// The content ID an intact-looking entry under `key` records in its header, read
    /// without reading or verifying its payload. Only for naming the entry in a link's
    /// action ID: when that ID says an existing executable is up to date, the executable
    /// was linked from the verified entry, and nothing of the entry is used; every read of
    /// its contents goes through [`Cache::get_with_id`].
    pub fn recorded_id(&self, key: &Key) -> Option<[u8; 32]> {
        let f = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(self.path(key))
            .ok()?;
        if !f.metadata().ok()?.is_file() {
            return None;
        }
        let mut header = [0u8; HEADER];
        (&f).read_exact(&mut header).ok()?;
        (header[..16] == MAGIC[..] && header[16..48] == key.0)
            .then(|| header[ID_AT..ID_AT + 32].try_into().ok())
            .flatten()
    }

    /// Stores an entry and returns its content ID ([`entry_id`], computed once for the
    /// file's header and for the caller); failures (read-only home, full disk, a directory
    /// in the entry's place) only cost the next build time.
    pub fn put(&self, key: &Key, e: &Entry) -> [u8; 32] {
        let bytes = encode(key, e);
        let id: [u8; 32] = bytes[ID_AT..ID_AT + 32]
            .try_into()
            .expect("a sealed header");
        if std::fs::create_dir_all(&self.dir).is_err() {
            return id;
        }
        // The temporary file's name says which process writes it, for `clean`; a signal
        // removes it (cleanup.rs). Its mode is Go's for cache files, 0666 less the umask.
        let prefix = format!("{}.{}.", key.file_name(), std::process::id());
        let Ok((mut tmp, _registered)) = crate::cleanup::create(
            || {
                tempfile::Builder::new()
                    .prefix(&prefix)
                    .suffix(TMP_SUFFIX)
                    .permissions(std::fs::Permissions::from_mode(0o666))
                    .tempfile_in(&self.dir)
            },
            |t| t.path(),
        ) else {
            return id;
        };
        if tmp.write_all(&bytes).is_ok() {
            // On failure the temporary file is removed when `tmp` is dropped.
            let _ = tmp.persist(self.path(key));
        }
        id
    }

    /// Once a day ([`TRIM_INTERVAL`]), one pass over the directory: the entries no build has
    /// used for [`TRIM_LIMIT`] are removed, as the go command trims GOCACHE
    /// (cmd/go/internal/cache/cache.go `Trim`), and so are the temporary files of stores that
    /// never finished (the build was killed): those whose process no longer runs, and any
    /// older than a day (their process may run on another machine sharing the cache, where
    /// its pid means nothing here). Not on every build: a cache holds tens of thousands of
    /// files, and reading its directory cost a warm build more than any other step.
    pub fn clean(&self) {
        self.trim();
    }
}

impl Cache {
    /// Removes the entries no build has used for [`TRIM_LIMIT`], at most once per
    /// [`TRIM_INTERVAL`] (the time of the last trim is `trim.txt`'s contents), as the go
    /// command trims GOCACHE (cmd/go/internal/cache/cache.go `Trim`). Every tbuild version
    /// and flag set leaves its own entries, so without this the cache only grows. A use
    /// refreshes an entry's mtime ([`Cache::get_with_id`]), which is what "used" means here.
    fn trim(&self) {
        let stamp = self.dir.join("trim.txt");
        let now = SystemTime::now();
        let last = std::fs::read_to_string(&stamp)
            .ok()
            .and_then(|t| t.trim().parse::<u64>().ok())
            .map(|secs| UNIX_EPOCH + Duration::from_secs(secs));
        if last.is_some_and(|t| now.duration_since(t).is_ok_and(|d| d < TRIM_INTERVAL)) {
            return;
        }
        let Ok(rd) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for e in rd.flatten() {
            let name = e.file_name();
            if let Some(stem) = name.to_str().and_then(|n| n.strip_suffix(TMP_SUFFIX)) {
                remove_if_abandoned(&e, stem);
                continue;
            }
            // Entry files only: 32 hexadecimal digits (Key::file_name).
            let is_entry = name.len() == 32
                && name
                    .to_str()
                    .is_some_and(|n| n.bytes().all(|b| b.is_ascii_hexdigit()));
            let Ok(meta) = e.metadata() else { continue };
            let unused = meta
                .modified()
                .ok()
                .and_then(|t| now.duration_since(t).ok())
                .is_some_and(|age| age > TRIM_LIMIT);
            if is_entry && meta.is_file() && unused {
                let _ = std::fs::remove_file(e.path());
            }
        }
        let secs = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        // Written in place: a torn write reads as no trim, which only trims again.
        let _ = std::fs::write(&stamp, format!("{secs}\n"));
    }
}

/// Removes the temporary entry file `e` (`stem` is its name without [`TMP_SUFFIX`]: the
/// entry's name, the writer's pid and a random part) if its writer is gone or it is older
/// than [`STALE_TMP_AGE`].
fn remove_if_abandoned(e: &std::fs::DirEntry, stem: &str) {
    let Ok(meta) = e.metadata() else { return };
    if !meta.is_file() {
        return;
    }
    let dead = stem
        .split('.')
        .nth(1)
        .and_then(|p| p.parse::<u32>().ok())
        .is_some_and(|pid| !crate::cleanup::pid_alive(pid));
    let old = meta
        .modified()
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age > STALE_TMP_AGE);
    if dead || old {
        let _ = std::fs::remove_file(e.path());
    }
}

/// How often the cache is trimmed, how long an unused entry is kept, and how old an entry's
/// mtime may be before a use refreshes it: Go's trimInterval, trimLimit and mtimeInterval
/// (cmd/go/internal/cache/cache.go). Refreshing at most hourly keeps a warm build from
/// writing to every entry it reads.
const TRIM_INTERVAL: Duration = Duration::from_secs(24 * 60 * 60);
const TRIM_LIMIT: Duration = Duration::from_secs(5 * 24 * 60 * 60);
const MTIME_INTERVAL: Duration = Duration::from_secs(60 * 60);

/// The suffix of temporary entry files.
const TMP_SUFFIX: &str = ".tmp";
/// A temporary entry file this old belongs to a store that will never finish.
const STALE_TMP_AGE: Duration = Duration::from_secs(24 * 60 * 60);
/// No entry is this large (the runtime's is about 3 MB); a larger file is not read.
const MAX_ENTRY: u64 = 1 << 30;

/// The first bytes of every entry file: the format and its version.
const MAGIC: &[u8; 16] = b"tbuild-cache-v6\n";
/// Where the header's content ID starts: after MAGIC, the full key and the payload's length.
const ID_AT: usize = 16 + 32 + 8;
/// The header: MAGIC, the full key, the payload's length (u64), its SHA-256 (the content ID)
/// and a CRC-32 (IEEE, little-endian) of the ID and the payload. A load checks the CRC, not
/// the SHA-256: both catch a damaged file, but the CRC costs a tenth as much (crc32fast, with
/// PCLMULQDQ), and a warm hello build loads 3 MB of entries (SHA-256 over them was a fifth of
/// its CPU time, perf).
const HEADER: usize = ID_AT + 32 + 4;

/// An entry file's bytes.
pub fn encode(key: &Key, e: &Entry) -> Vec<u8> {
    seal(key, &payload(e))
}

/// An entry's contents: the objects (u32 count, then per object u32 name length, name, u64
/// length, bytes, u64 length of its link summary and the summary's bytes, 0 for none); the
/// header's u64 length and bytes; the escape summaries' u64 length and
/// bytes; the export files (as the objects); the imports (u32 count, then per path u32
/// length and bytes).
pub fn payload(e: &Entry) -> Vec<u8> {
    fn named<B>(out: &mut Vec<u8>, list: &[(String, B)])
    where
        B: std::ops::Deref,
        B::Target: AsRef<[u8]>,
    {
        out.extend((list.len() as u32).to_le_bytes());
        for (name, bytes) in list {
            let bytes = (**bytes).as_ref();
            out.extend((name.len() as u32).to_le_bytes());
            out.extend(name.as_bytes());
            out.extend((bytes.len() as u64).to_le_bytes());
            out.extend(bytes);
        }
    }
    let mut out = Vec::new();
    out.extend((e.objects.len() as u32).to_le_bytes());
    for i in &e.objects {
        out.extend((i.name.len() as u32).to_le_bytes());
        out.extend(i.name.as_bytes());
        for bytes in [&i.data[..], i.summary.as_deref().unwrap_or_default()] {
            out.extend((bytes.len() as u64).to_le_bytes());
            out.extend(bytes);
        }
    }
    out.extend((e.asm_header.len() as u64).to_le_bytes());
    out.extend(e.asm_header.as_bytes());
    out.extend((e.escapes.len() as u64).to_le_bytes());
    out.extend(e.escapes.as_bytes());
    named(&mut out, &e.export);
    out.extend((e.imports.len() as u32).to_le_bytes());
    for p in &e.imports {
        out.extend((p.len() as u32).to_le_bytes());
        out.extend(p.as_bytes());
    }
    out
}

/// An entry's content ID: the SHA-256 of its payload, as its file's header records it.
pub fn entry_id(e: &Entry) -> [u8; 32] {
    Sha256::digest(payload(e)).into()
}

/// An entry file holding `payload` under `key`: the header (MAGIC, the key, the payload's
/// length, SHA-256 and CRC-32), then the payload.
pub fn seal(key: &Key, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER + payload.len());
    out.extend(MAGIC);
    out.extend(key.0);
    out.extend((payload.len() as u64).to_le_bytes());
    let id = Sha256::digest(payload);
    out.extend(id);
    out.extend(checksum(&id, payload).to_le_bytes());
    out.extend(payload);
    out
}

/// A read-only private mapping of an entry file: the pages of the kernel's page cache, mapped
/// sixteen at a time as they are first touched, where reading the file copied it into fresh
/// memory page by page (a warm hello build reads 3 MB of entries; those copies and the
/// copies of every object out of them were a third of its page faults, perf). The objects
/// of the entry are views of the mapping ([`decode_payload`]), as linkers map their inputs.
/// Entries are only ever replaced by renaming a new file over them, never written in place,
/// so the mapped file does not change under the build. None if the file cannot be mapped
/// (then it is a miss, as an unreadable entry is).
fn map_file(f: &std::fs::File, len: u64) -> Option<Bytes> {
    struct Mapping {
        at: *mut libc::c_void,
        len: usize,
    }
    // SAFETY: the mapping is read-only and private, and lives until the last view drops it.
    unsafe impl Send for Mapping {}
    unsafe impl Sync for Mapping {}
    impl AsRef<[u8]> for Mapping {
        fn as_ref(&self) -> &[u8] {
            // SAFETY: `at` maps `len` readable bytes until drop.
            unsafe { std::slice::from_raw_parts(self.at as *const u8, self.len) }
        }
    }
    impl Drop for Mapping {
        fn drop(&mut self) {
            // SAFETY: unmaps exactly what map_file mapped, once.
            unsafe { libc::munmap(self.at, self.len) };
        }
    }
    use std::os::fd::AsRawFd;
    let len = usize::try_from(len).ok().filter(|&n| n > 0)?;
    // SAFETY: a new private read-only mapping of an open file; the kernel checks the fd.
    let at = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            len,
            libc::PROT_READ,
            libc::MAP_PRIVATE,
            f.as_raw_fd(),
            0,
        )
    };
    if at == libc::MAP_FAILED {
        return None;
    }
    Some(Bytes::new(std::sync::Arc::new(Mapping { at, len })))
}

/// The payload of an entry file, if it is one stored under `key` and intact.
fn unseal<'a>(key: &Key, b: &'a [u8]) -> Option<&'a [u8]> {
    let (header, payload) = b.split_at_checked(HEADER)?;
    let (magic, rest) = header.split_at(16);
    let (stored_key, rest) = rest.split_at(32);
    let (len, rest) = rest.split_at(8);
    let (id, crc) = rest.split_at(32);
    (magic == MAGIC
        && stored_key == key.0
        && u64::from_le_bytes(len.try_into().ok()?) == payload.len() as u64
        && crc == checksum(id, payload).to_le_bytes())
    .then_some(payload)
}

/// The CRC-32 an entry's header ends with: of its content ID and its payload, so that a
/// damaged ID is caught as a damaged payload is (the ID names the entry in link action IDs).
fn checksum(id: &[u8], payload: &[u8]) -> u32 {
    let mut h = crc32fast::Hasher::new();
    h.update(id);
    h.update(payload);
    h.finalize()
}

/// Reads an entry file's bytes back; None if they are not an intact entry stored under `key`.
pub fn decode(key: &Key, b: &[u8]) -> Option<Entry> {
    decode_payload(&unseal(key, b)?.to_vec().into())
}

/// Reads a payload back; None if it is malformed. The objects and their summaries are
/// views of `payload`, not copies. Public for the fuzzer, which reaches it with payloads it
/// seals itself.
pub fn decode_payload(payload: &Bytes) -> Option<Entry> {
    let mut b = &payload[..];
    fn take<'a>(b: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
        if b.len() < n {
            return None;
        }
        let (x, rest) = b.split_at(n);
        *b = rest;
        Some(x)
    }
    fn u32_at(b: &mut &[u8]) -> Option<usize> {
        Some(u32::from_le_bytes(take(b, 4)?.try_into().ok()?) as usize)
    }
    fn text(b: &mut &[u8], n: usize) -> Option<String> {
        String::from_utf8(take(b, n)?.to_vec()).ok()
    }
    /// A list of named byte strings, each a view of `payload`.
    fn named(payload: &Bytes, b: &mut &[u8]) -> Option<Vec<(String, Bytes)>> {
        let mut list = Vec::new();
        for _ in 0..u32_at(b)? {
            let n = u32_at(b)?;
            let name = text(b, n)?;
            let len = u64::from_le_bytes(take(b, 8)?.try_into().ok()?) as usize;
            list.push((name, payload.slice_of(take(b, len)?)?));
        }
        Some(list)
    }
    let mut objects = Vec::new();
    for _ in 0..u32_at(&mut b)? {
        let n = u32_at(&mut b)?;
        let name = text(&mut b, n)?;
        let mut bytes = || {
            let len = u64::from_le_bytes(take(&mut b, 8)?.try_into().ok()?) as usize;
            payload.slice_of(take(&mut b, len)?)
        };
        let data = bytes()?;
        let summary = bytes()?;
        objects.push(Input {
            name,
            data,
            summary: (!summary.is_empty()).then_some(summary),
        });
    }
    let len = u64::from_le_bytes(take(&mut b, 8)?.try_into().ok()?) as usize;
    let asm_header = text(&mut b, len)?;
    let len = u64::from_le_bytes(take(&mut b, 8)?.try_into().ok()?) as usize;
    let escapes = text(&mut b, len)?;
    let export = named(payload, &mut b)?;
    let mut imports = Vec::new();
    for _ in 0..u32_at(&mut b)? {
        let n = u32_at(&mut b)?;
        imports.push(text(&mut b, n)?);
    }
    b.is_empty().then_some(Entry {
        objects,
        asm_header,
        escapes,
        export,
        imports,
    })
}

#[cfg(test)]
mod tests {
    /// build.rs hashes the sources of every stage into the compiler's ID. The SHA-256 of no
    /// input means it read none (a build script run against a directory that is gone), and
    /// then every tbuild would share one ID and take entries of older sources for its own.
    #[test]
    fn compiler_id_covers_the_sources() {
        let id = env!("TBUILD_COMPILER_ID");
        assert_eq!(id.len(), 64);
        assert_ne!(
            id,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
