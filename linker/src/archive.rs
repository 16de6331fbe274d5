//! `ar` archives of objects (`.a`), read as Go's linker reads a host archive
//! (cmd/link/internal/ld/ar.go `hostArchive`, `readArmap`): the archive must carry a symbol
//! index, and [`crate::read::read_objects`] links the members the index says define a symbol
//! the link needs. The format is the common one (ar(5) in FreeBSD, `ar.h` in binutils): the
//! magic `!<arch>\n`, then members, each a 60-byte header (name, date, uid, gid, mode, size in
//! ASCII decimal, and the terminator `` `\n ``) followed by `size` bytes padded to an even
//! offset. Member names come in two styles:
//! - System V / GNU: `name/`; `/` is the symbol index (4-byte big-endian count, offsets and
//!   NUL-terminated names; `/SYM64/` with 8-byte fields); `//` holds long names, which a
//!   member names as `/N`, the offset of its name there, ended by `/\n`;
//! - BSD: `#1/N`, the name being the first N bytes of the member's data; the symbol index is
//!   `__.SYMDEF` (or `__.SYMDEF SORTED`, `__.SYMDEF_64`): the byte size of an array of
//!   (name offset, member offset) pairs, the array, the byte size of a string table, the
//!   strings, all in the target's byte order (little-endian here).
//!
//! As with objects, nothing read is trusted: every size, offset and count is checked against
//! the archive, and a fault is `malformed archive lib.a: ...`. Thin archives (`!<thin>\n`,
//! whose members live in other files) and Go's own package archives (whose first member is
//! `__.PKGDEF`) are refused with a message saying so.

use crate::HashMap;
use std::collections::BTreeMap;

use crate::error::{short, LinkError, Result};

/// The magic of an ordinary archive.
pub const MAGIC: &[u8; 8] = b"!<arch>\n";
/// The magic of a GNU thin archive.
pub const THIN_MAGIC: &[u8; 8] = b"!<thin>\n";
/// A member header's size.
const HEADER: usize = 60;

/// Whether `data` is an archive (ordinary or thin) rather than an object.
pub fn is_archive(data: &[u8]) -> bool {
    data.starts_with(MAGIC) || data.starts_with(THIN_MAGIC)
}

/// One member: its name and its bytes.
#[derive(Debug, Clone, Copy)]
pub struct Member<'a> {
    pub name: &'a str,
    pub data: &'a [u8],
}

/// A parsed archive: its members by header offset and its symbol index.
#[derive(Debug)]
pub struct Archive<'a> {
    pub name: &'a str,
    members: BTreeMap<u64, (String, &'a [u8])>,
    /// Symbol name -> header offset of the first member the index says defines it.
    symbols: HashMap<String, u64>,
}

impl<'a> Archive<'a> {
    /// The header offset of the member that defines `symbol`, per the index.
    pub fn symbol_member(&self, symbol: &str) -> Option<u64> {
        self.symbols.get(symbol).copied()
    }

    /// The member whose header is at `offset` (one [`Archive::symbol_member`] returned).
    pub fn member(&self, offset: u64) -> Result<Member<'_>> {
        let (name, data) = self.members.get(&offset).ok_or_else(|| {
            LinkError::malformed_archive(self.name, format!("no member at offset {offset:#x}"))
        })?;
        Ok(Member { name, data })
    }
}

/// The kind of symbol index a member holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Index {
    /// `/`: 4-byte big-endian fields.
    Gnu32,
    /// `/SYM64/`: 8-byte big-endian fields.
    Gnu64,
    /// `__.SYMDEF`: 4-byte little-endian fields.
    Bsd32,
    /// `__.SYMDEF_64`: 8-byte little-endian fields.
    Bsd64,
}

/// Parses `data`, an archive named `name`.
pub fn parse<'a>(name: &'a str, data: &'a [u8]) -> Result<Archive<'a>> {
    let bad = |what: String| LinkError::malformed_archive(name, what);
    if data.starts_with(THIN_MAGIC) {
        return Err(LinkError::malformed_archive(
            name,
            "thin archives are not supported (their members are separate files)",
        ));
    }
    if !data.starts_with(MAGIC) {
        return Err(bad("no !<arch> magic".to_string()));
    }
    let mut members = BTreeMap::new();
    let mut index: Option<(Index, u64, &[u8])> = None;
    let mut long_names: Option<&[u8]> = None;
    let mut at = MAGIC.len();
    while at < data.len() {
        // Members start at even offsets; a lone padding newline may end the archive.
        if data.len() - at == 1 && data[at] == b'\n' {
            break;
        }
        let header = data.get(at..at + HEADER).ok_or_else(|| {
            bad(format!(
                "member header at {at:#x} is cut short by the end of the archive"
            ))
        })?;
        if &header[58..60] != b"`\n" {
            return Err(bad(format!(
                "member header at {at:#x} does not end in `\\n"
            )));
        }
        let size_field = std::str::from_utf8(&header[48..58])
            .ok()
            .map(str::trim_end)
            .filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|s| s.parse::<u64>().ok())
            .ok_or_else(|| {
                bad(format!(
                    "member header at {at:#x}: size {:?} is not a decimal number",
                    String::from_utf8_lossy(&header[48..58])
                ))
            })?;
        let start = at + HEADER;
        let end = (start as u64)
            .checked_add(size_field)
            .filter(|&e| e <= data.len() as u64)
            .ok_or_else(|| {
                bad(format!(
                    "member at {at:#x}: {size_field} bytes run past the end of the archive ({} bytes)",
                    data.len()
                ))
            })? as usize;
        let mut body = &data[start..end];
        let raw_name = &header[..16];
        let trimmed = trim_spaces(raw_name);
        // None: a special member (an index or the long-name table), not an object.
        let member_name: Option<String> = if trimmed == b"/" {
            set_index(&mut index, Index::Gnu32, at, body, &bad)?;
            None
        } else if trimmed == b"/SYM64/" {
            set_index(&mut index, Index::Gnu64, at, body, &bad)?;
            None
        } else if trimmed == b"//" {
            if long_names.replace(body).is_some() {
                return Err(bad("two long-name tables (//)".to_string()));
            }
            None
        } else if let Some(n) = trimmed.strip_prefix(b"#1/") {
            // BSD: the name is the start of the data.
            let len = ascii_number(n)
                .filter(|&l| l <= body.len() as u64)
                .ok_or_else(|| {
                    bad(format!(
                        "member at {at:#x}: bad BSD name length {:?}",
                        String::from_utf8_lossy(n)
                    ))
                })? as usize;
            let (n, rest) = body.split_at(len);
            body = rest;
            let n = trim_nuls(n);
            match n {
                b"__.SYMDEF" | b"__.SYMDEF SORTED" => {
                    set_index(&mut index, Index::Bsd32, at, body, &bad)?;
                    None
                }
                b"__.SYMDEF_64" | b"__.SYMDEF_64 SORTED" => {
                    set_index(&mut index, Index::Bsd64, at, body, &bad)?;
                    None
                }
                _ => Some(String::from_utf8_lossy(n).into_owned()),
            }
        } else if trimmed == b"__.SYMDEF" || trimmed == b"__.SYMDEF SORTED" {
            set_index(&mut index, Index::Bsd32, at, body, &bad)?;
            None
        } else if let Some(n) = trimmed.strip_prefix(b"/") {
            // GNU long name: an offset into the // member.
            let table = long_names.ok_or_else(|| {
                bad(format!(
                    "member at {at:#x} names a long name, but no // table precedes it"
                ))
            })?;
            let off = ascii_number(n)
                .filter(|&o| o < table.len() as u64)
                .ok_or_else(|| {
                    bad(format!(
                        "member at {at:#x}: long name offset {:?} is outside the // table ({} bytes)",
                        String::from_utf8_lossy(n),
                        table.len()
                    ))
                })? as usize;
            let rest = &table[off..];
            let len = rest
                .windows(2)
                .position(|w| w == b"/\n")
                .or_else(|| rest.iter().position(|&b| b == b'\n' || b == 0))
                .unwrap_or(rest.len());
            Some(String::from_utf8_lossy(&rest[..len]).into_owned())
        } else {
            // A short name: GNU ends it with '/', BSD pads it with spaces.
            let n = trimmed.strip_suffix(b"/").unwrap_or(trimmed);
            Some(String::from_utf8_lossy(n).into_owned())
        };
        if members.is_empty() && index.is_none() && member_name.as_deref() == Some("__.PKGDEF") {
            return Err(LinkError::malformed_archive(
                name,
                "this is a Go package archive (Go's own object format); tbuild links ELF objects",
            ));
        }
        if let Some(member_name) = member_name {
            members.insert(at as u64, (member_name, body));
        }
        at = end + (end & 1);
    }

    let Some((kind, index_at, table)) = index else {
        return Err(LinkError::malformed_archive(
            name,
            "the archive has no symbol index; run ranlib to add one",
        ));
    };
    let symbols = read_index(kind, table)
        .map_err(|what| bad(format!("symbol index at {index_at:#x}: {what}")))?;
    let mut by_name: HashMap<String, u64> =
        HashMap::with_capacity_and_hasher(symbols.len(), Default::default());
    for (sym, offset) in symbols {
        if !members.contains_key(&offset) {
            return Err(bad(format!(
                "symbol index at {index_at:#x}: symbol {:?} is defined by the member at {offset:#x}, but no member starts there",
                short(&sym)
            )));
        }
        by_name.entry(sym).or_insert(offset);
    }
    Ok(Archive {
        name,
        members,
        symbols: by_name,
    })
}

fn set_index<'a>(
    index: &mut Option<(Index, u64, &'a [u8])>,
    kind: Index,
    at: usize,
    body: &'a [u8],
    bad: &dyn Fn(String) -> LinkError,
) -> Result<()> {
    if index.is_some() {
        return Err(bad(format!("a second symbol index at {at:#x}")));
    }
    *index = Some((kind, at as u64, body));
    Ok(())
}

fn trim_spaces(b: &[u8]) -> &[u8] {
    let end = b.iter().rposition(|&c| c != b' ').map_or(0, |i| i + 1);
    &b[..end]
}

fn trim_nuls(b: &[u8]) -> &[u8] {
    let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
    &b[..end]
}

/// A decimal number of at most 19 digits (so it cannot overflow).
fn ascii_number(b: &[u8]) -> Option<u64> {
    let b = trim_spaces(b);
    if b.is_empty() || b.len() > 19 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(b).ok()?.parse().ok()
}

/// Reads a fixed-width unsigned number from `b` at `at`.
fn word(b: &[u8], at: usize, width: usize, big: bool) -> std::result::Result<u64, String> {
    let field = at
        .checked_add(width)
        .and_then(|end| b.get(at..end))
        .ok_or_else(|| format!("cut short at {at:#x} (it has {} bytes)", b.len()))?;
    let mut v = 0u64;
    for i in 0..width {
        let byte = if big { field[i] } else { field[width - 1 - i] };
        v = v << 8 | u64::from(byte);
    }
    Ok(v)
}

/// The (symbol, member offset) pairs of an index.
fn read_index(kind: Index, t: &[u8]) -> std::result::Result<Vec<(String, u64)>, String> {
    let name_at = |strings: &[u8], off: u64| -> std::result::Result<String, String> {
        let rest = usize::try_from(off)
            .ok()
            .and_then(|o| strings.get(o..))
            .ok_or_else(|| format!("name offset {off:#x} is outside its strings"))?;
        let end = rest
            .iter()
            .position(|&b| b == 0)
            .ok_or_else(|| format!("name at {off:#x} has no terminating NUL"))?;
        Ok(String::from_utf8_lossy(&rest[..end]).into_owned())
    };
    let mut out = Vec::new();
    match kind {
        Index::Gnu32 | Index::Gnu64 => {
            // ar.go readArmap: count, count offsets, then count NUL-terminated names.
            let w = if kind == Index::Gnu32 { 4 } else { 8 };
            let count = word(t, 0, w, true)?;
            let names_at = count
                .checked_add(1)
                .and_then(|n| n.checked_mul(w as u64))
                .filter(|&n| n <= t.len() as u64)
                .ok_or_else(|| format!("{count} entries do not fit in {} bytes", t.len()))?
                as usize;
            let mut names = &t[names_at..];
            for i in 0..count as usize {
                let offset = word(t, w * (i + 1), w, true)?;
                let end = names
                    .iter()
                    .position(|&b| b == 0)
                    .ok_or_else(|| format!("name {i} has no terminating NUL"))?;
                out.push((String::from_utf8_lossy(&names[..end]).into_owned(), offset));
                names = &names[end + 1..];
            }
        }
        Index::Bsd32 | Index::Bsd64 => {
            let w = if kind == Index::Bsd32 { 4 } else { 8 };
            let array = word(t, 0, w, false)?;
            let strings_size_at = array
                .checked_add(w as u64)
                .filter(|&n| n <= t.len() as u64)
                .ok_or_else(|| format!("a {array}-byte array does not fit in {} bytes", t.len()))?
                as usize;
            let strings_size = word(t, strings_size_at, w, false)?;
            let strings_at = strings_size_at + w;
            let strings = strings_at
                .checked_add(usize::try_from(strings_size).unwrap_or(usize::MAX))
                .and_then(|end| t.get(strings_at..end))
                .ok_or_else(|| format!("{strings_size} bytes of names do not fit"))?;
            if array % (2 * w as u64) != 0 {
                return Err(format!("array size {array} is not a multiple of {}", 2 * w));
            }
            for i in 0..(array / (2 * w as u64)) as usize {
                let strx = word(t, w + 2 * w * i, w, false)?;
                let offset = word(t, w + 2 * w * i + w, w, false)?;
                out.push((name_at(strings, strx)?, offset));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A GNU-format member header.
    fn header(name: &str, size: usize) -> Vec<u8> {
        let h = format!("{name:<16}{:<12}{:<6}{:<6}{:<8}{size:<10}`\n", 0, 0, 0, 644);
        assert_eq!(h.len(), HEADER);
        h.into_bytes()
    }

    fn push_member(ar: &mut Vec<u8>, name: &str, data: &[u8]) -> u64 {
        let at = ar.len() as u64;
        ar.extend(header(name, data.len()));
        ar.extend_from_slice(data);
        if ar.len() % 2 == 1 {
            ar.push(b'\n');
        }
        at
    }

    #[test]
    fn gnu_index_long_names_and_padding() {
        // Index: 2 symbols, offsets patched after the members are placed.
        let mut ar = MAGIC.to_vec();
        let index_at = ar.len();
        let names = b"foo\0bar\0";
        let mut index = vec![0u8; 12];
        index.extend_from_slice(names);
        push_member(&mut ar, "/", &index);
        push_member(&mut ar, "//", b"a_rather_long_member_name.o/\n");
        let a = push_member(&mut ar, "/0", b"obj-a");
        let b = push_member(&mut ar, "b.o/", b"obj-bb");
        let body = index_at + HEADER;
        ar[body..body + 4].copy_from_slice(&2u32.to_be_bytes());
        ar[body + 4..body + 8].copy_from_slice(&(a as u32).to_be_bytes());
        ar[body + 8..body + 12].copy_from_slice(&(b as u32).to_be_bytes());
        let parsed = parse("x.a", &ar).unwrap();
        let m = parsed.member(parsed.symbol_member("foo").unwrap()).unwrap();
        assert_eq!(
            (m.name, m.data),
            ("a_rather_long_member_name.o", &b"obj-a"[..])
        );
        let m = parsed.member(parsed.symbol_member("bar").unwrap()).unwrap();
        assert_eq!((m.name, m.data), ("b.o", &b"obj-bb"[..]));
        assert!(parsed.symbol_member("baz").is_none());
    }

    #[test]
    fn faults_are_errors() {
        let mut good = MAGIC.to_vec();
        let mut index = 1u32.to_be_bytes().to_vec();
        index.extend_from_slice(&0u32.to_be_bytes());
        index.extend_from_slice(b"foo\0");
        push_member(&mut good, "/", &index);
        let m = push_member(&mut good, "m.o/", b"x");
        let body = MAGIC.len() + HEADER;
        good[body + 4..body + 8].copy_from_slice(&(m as u32).to_be_bytes());
        assert!(parse("g.a", &good).is_ok());
        let msg = |data: &[u8]| parse("t.a", data).unwrap_err().to_string();
        // Every prefix is an error or a shorter valid archive; none panics.
        for n in 0..good.len() {
            let _ = parse("t.a", &good[..n]);
        }
        // Every byte changed: no panic.
        for i in 0..good.len() {
            for v in [0u8, b'9', 0xff, b'/'] {
                let mut bad = good.clone();
                bad[i] = v;
                let _ = parse("t.a", &bad);
            }
        }
        let mut big = good.clone();
        big[MAGIC.len() + 48..MAGIC.len() + 58].copy_from_slice(b"99999999  ");
        assert!(
            msg(&big).starts_with("malformed archive t.a: member at 0x8:"),
            "{}",
            msg(&big)
        );
        let mut count = good.clone();
        count[body..body + 4].copy_from_slice(&0x4000_0000u32.to_be_bytes());
        assert!(msg(&count).contains("symbol index"), "{}", msg(&count));
        let mut off = good.clone();
        off[body + 4..body + 8].copy_from_slice(&3u32.to_be_bytes());
        assert!(
            msg(&off).contains("no member starts there"),
            "{}",
            msg(&off)
        );
        assert!(msg(b"!<thin>\n").contains("thin archives"));
        let mut no_index = MAGIC.to_vec();
        push_member(&mut no_index, "m.o/", b"x");
        assert!(msg(&no_index).contains("run ranlib"));
        let mut go = MAGIC.to_vec();
        push_member(&mut go, "__.PKGDEF", b"go object");
        assert!(msg(&go).contains("Go package archive"));
    }
}
