//! The two identification blobs Go tools read from an executable:
//! - `.go.buildinfo`, in Go 1.18's inline format, as cmd/link/internal/ld/data.go
//!   `(*Link).buildinfo` writes it and debug/buildinfo/buildinfo.go `readRawBuildInfo` reads
//!   it (`go version`, `go version -m`);
//! - the `.note.go.buildid` ELF note, as ld/elf.go `elfwritegobuildid` / `elfnote` write it and
//!   cmd/internal/buildid/note.go `readELF` reads it (`go tool buildid`).

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

fn put_uvarint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_string(out: &mut Vec<u8>, s: &[u8]) {
    put_uvarint(out, s.len() as u64);
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
