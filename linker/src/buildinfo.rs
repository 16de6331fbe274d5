//! The two identification blobs Go tools read from an executable:
//! - `.go.buildinfo`, in Go 1.18's inline format, as cmd/link/internal/ld/data.go
//!   `(*Link).buildinfo` writes it and debug/buildinfo/buildinfo.go `readRawBuildInfo` reads
//!   it (`go version`, `go version -m`);
//! - the `.note.go.buildid` ELF note, as ld/elf.go `elfwritegobuildid` / `elfnote` write it and
//!   cmd/internal/buildid/note.go `readELF` reads it (`go tool buildid`).
//!
//! It also has the build-ID primitives cmd/internal/buildid gives cmd/go: [`hash_to_string`]
//! (one 20-character ID component) and [`hash_zeroed`], which with
//! [`crate::exe::Executable::find`] is Go's `FindAndHash`: with them the driver replaces the
//! last component of a linked binary's ID by the hash of the binary itself
//! (cmd/go/internal/work/buildid.go `updateBuildID`; the driver writes the new ID over the
//! copies `find` found, Go's `Rewrite`).

use sha2::{Digest, Sha256};

use crate::Options;

/// 14 bytes; the `\xff` makes an accidental match unlikely (ld/data.go `(*Link).buildinfo`).
pub const BUILDINFO_MAGIC: &[u8; 14] = b"\xff Go buildinf:";
/// Flags byte: bit 0 big-endian (clear), bit 1 "inline strings" (Go 1.18+).
pub const BUILDINFO_FLAGS: u8 = 0x2;
/// Sentinels cmd/go wraps module info in (cmd/go/internal/modload/build.go `infoStart`,
/// `infoEnd`, `ModInfoData`); debug/buildinfo strips them.
pub const MODINFO_START: [u8; 16] = [
    0x30, 0x77, 0xaf, 0x0c, 0x92, 0x74, 0x08, 0x02, 0x41, 0xe1, 0xc1, 0x07, 0xe6, 0xd6, 0x18, 0xe6,
];
pub const MODINFO_END: [u8; 16] = [
    0xf9, 0x32, 0x43, 0x31, 0x86, 0x18, 0x20, 0x72, 0x00, 0x82, 0x42, 0x10, 0x41, 0x16, 0xd8, 0xf2,
];

/// ELF note name and type for the Go build ID (ld/elf.go `ELF_NOTE_GO_NAME`,
/// `ELF_NOTE_GOBUILDID_TAG`).
pub const GO_NOTE_NAME: &[u8; 4] = b"Go\0\0";
pub const NOTE_GOBUILDID_TAG: u32 = 4;

fn put_string(out: &mut Vec<u8>, s: &[u8]) {
    crate::varint::put(out, s.len() as u64);
    out.extend_from_slice(s);
}

/// The `.go.buildinfo` contents: 32-byte header (magic, pointer size 8, flags, 16 zero
/// bytes), the varint-prefixed version, the varint-prefixed module info (wrapped in the
/// sentinels when non-empty, as cmd/go passes it to the linker), zero-padded to 16 bytes.
pub fn buildinfo(opts: &Options) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + opts.go_version.len() + opts.mod_info.len());
    out.extend_from_slice(BUILDINFO_MAGIC);
    out.push(8);
    out.push(BUILDINFO_FLAGS);
    out.resize(32, 0);
    put_string(&mut out, opts.go_version.as_bytes());
    if opts.mod_info.is_empty() {
        put_string(&mut out, b"");
    } else {
        let mut wrapped = Vec::with_capacity(opts.mod_info.len() + 32);
        wrapped.extend_from_slice(&MODINFO_START);
        wrapped.extend_from_slice(opts.mod_info.as_bytes());
        wrapped.extend_from_slice(&MODINFO_END);
        put_string(&mut out, &wrapped);
    }
    while out.len() % 16 != 0 {
        out.push(0);
    }
    out
}

/// The `.note.go.buildid` contents: namesz 4, descsz, type 4, "Go\0\0", the ID padded to 4.
pub fn buildid_note(opts: &Options) -> Vec<u8> {
    let id = opts.build_id.as_bytes();
    let mut out = Vec::with_capacity(16 + id.len() + 3);
    out.extend_from_slice(&(GO_NOTE_NAME.len() as u32).to_le_bytes());
    out.extend_from_slice(&(id.len() as u32).to_le_bytes());
    out.extend_from_slice(&NOTE_GOBUILDID_TAG.to_le_bytes());
    out.extend_from_slice(GO_NOTE_NAME);
    out.extend_from_slice(id);
    while out.len() % 4 != 0 {
        out.push(0);
    }
    out
}

/// One build-ID component: the first 15 bytes of a SHA-256 hash as 20 characters of URL-safe
/// base64 (cmd/internal/buildid/buildid.go `HashToString`).
pub fn hash_to_string(h: &[u8; 32]) -> String {
    const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut dst = String::with_capacity(20);
    for c in h[..15].chunks(3) {
        let v = (c[0] as u32) << 16 | (c[1] as u32) << 8 | c[2] as u32;
        for shift in [18, 12, 6, 0] {
            dst.push(B64[((v >> shift) & 0x3f) as usize] as char);
        }
    }
    dst
}

/// The SHA-256 of the bytes of `slices`, in order, with the `len` bytes at each of
/// `positions` (offsets in their concatenation, ascending, not overlapping, as
/// [`crate::exe::Executable::find`] gives them) taken as zeros (`FindAndHash`: the hash of a
/// binary does not depend on the ID written into it).
pub fn hash_zeroed<'a>(
    slices: impl IntoIterator<Item = &'a [u8]>,
    positions: &[usize],
    len: usize,
) -> [u8; 32] {
    let mut h = Sha256::new();
    let zeros = vec![0u8; len];
    let mut zeroed = positions.iter().map(|&p| p..p + len).peekable();
    // `at`: the offset of the slice's first byte; `i`: of the next byte to hash.
    let mut at = 0;
    for s in slices {
        let end = at + s.len();
        let mut i = at;
        while i < end {
            while zeroed.next_if(|r| r.end <= i).is_some() {}
            let stop = match zeroed.peek() {
                Some(r) if r.start <= i => {
                    let stop = r.end.min(end);
                    h.update(&zeros[..stop - i]);
                    i = stop;
                    continue;
                }
                Some(r) => r.start.min(end),
                None => end,
            };
            h.update(&s[i - at..stop - at]);
            i = stop;
        }
        at = end;
    }
    h.finalize().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every copy of `id` in `data`, as the driver finds them in a linked executable.
    fn find(data: &[u8], id: &[u8]) -> Vec<usize> {
        crate::exe::Executable::from_parts(vec![data.to_vec()]).find(id)
    }

    #[test]
    fn hash_to_string_is_go_base64_of_15_bytes() {
        let mut h = [0u8; 32];
        h[..3].copy_from_slice(&[0xfb, 0xff, 0xbf]);
        let s = hash_to_string(&h);
        assert_eq!(s.len(), 20);
        assert_eq!(&s[..4], "-_-_");
        assert_eq!(&s[4..], "AAAAAAAAAAAAAAAA");
    }

    #[test]
    fn find_and_hash_zeroes_every_copy_of_the_id() {
        let find_and_hash = |data: &[u8], id: &[u8]| {
            let pos = find(data, id);
            let h = hash_zeroed([data], &pos, id.len());
            (pos, h)
        };
        let data = b"xxABCyyABCzz".to_vec();
        let (pos, h) = find_and_hash(&data, b"ABC");
        assert_eq!(pos, vec![2, 7]);
        let zeroed = b"xx\0\0\0yy\0\0\0zz";
        assert_eq!(h, <[u8; 32]>::from(Sha256::digest(zeroed)));
        // The ID rewritten at the copies found (as the driver does in the file).
        let mut out = data.clone();
        for &p in &pos {
            out[p..p + 3].copy_from_slice(b"DEF");
        }
        assert_eq!(&out, b"xxDEFyyDEFzz");
        // The hash does not depend on which ID is written.
        assert_eq!(find_and_hash(&out, b"DEF").1, h);
        // Overlapping copies: the leftmost is taken, then the search goes on after it.
        let (pos, h) = find_and_hash(b"AAAAA", b"AA");
        assert_eq!(pos, vec![0, 2]);
        assert_eq!(h, <[u8; 32]>::from(Sha256::digest(b"\0\0\0\0A")));
    }

    /// The hash of a file in slices is the hash of its bytes in one, wherever the slices
    /// split it, a zeroed copy of the ID included.
    #[test]
    fn hash_zeroed_does_not_depend_on_how_the_bytes_are_split() {
        let data = b"xxABCyyABCzzABC";
        let pos = find(data, b"ABC");
        let whole = hash_zeroed([&data[..]], &pos, 3);
        for i in 0..=data.len() {
            for j in i..=data.len() {
                let parts = [&data[..i], &data[i..j], &data[j..]];
                assert_eq!(hash_zeroed(parts, &pos, 3), whole, "split at {i} and {j}");
            }
        }
    }

    #[test]
    fn buildinfo_layout() {
        let opts = Options {
            mod_info: "path\tx\n".into(),
            go_version: "go1.19".into(),
            ..Options::default()
        };
        let b = buildinfo(&opts);
        assert_eq!(&b[..14], BUILDINFO_MAGIC);
        assert_eq!((b[14], b[15]), (8, BUILDINFO_FLAGS));
        assert_eq!(b[32], 6);
        assert_eq!(&b[33..39], b"go1.19");
        assert_eq!(b[39] as usize, 16 + 7 + 16);
        assert_eq!(&b[40..56], &MODINFO_START);
        assert_eq!(b.len() % 16, 0);
    }
}
