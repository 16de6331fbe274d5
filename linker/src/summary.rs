//! An object's link summary: the address-independent facts [`crate::read::read_object`]
//! derives from an object at a cost, encoded so that a driver can keep them beside the object
//! and hand them to every later link of it. They are the object's line information (walking
//! and checking all of its DWARF, [`crate::lines`]) and its functions' SP deltas (decoding all
//! of its code, [`crate::pcsp`]): together half the time a warm link of hello spent reading
//! its inputs (perf). Go's objects carry the same facts from the compiler (each function's
//! pcsp/pcfile/pcln tables, cmd/internal/obj/pcln.go); tbuild's objects are standard ELF, so
//! the facts are derived once, by the linker, and kept next to the object instead of in it.
//!
//! tbuild's build cache stores the summary in the same sealed entry as the object it was
//! computed from (driver/src/cache.rs), keyed by the linker's sources among the rest, so a
//! summary never meets a different object or a linker that derives the facts differently.
//! A link still checks what it decodes: the summary must name the object's size and section
//! count, every range and function a section of the object, every file a name in the summary;
//! a summary that fails any check is ignored and the facts are derived from the object again.
//! Format: the magic; then unsigned LEB128 numbers (signed LEB128 for SP deltas): the object's
//! size and section count; the files (a count, then each a length and UTF-8 bytes); the line
//! ranges (a count, then each section, start, length, file, line; sorted by section and
//! start); the SP deltas (a count of functions, then each section, offset and a count of
//! runs, each run its end and delta; sorted by section and offset). A hello link's inputs
//! summarize in about a tenth of their size.

use crate::lines::{LineRange, ObjectLines};
use crate::read::Object;

const MAGIC: &[u8; 8] = b"tbsum\x002\n";

pub use crate::pcsp::SpRuns;

/// The summary of the object `data` named `name` (for messages): `read_object`'s derived
/// facts, encoded. Fails as reading the object fails.
pub fn summarize(name: &str, data: &crate::Bytes) -> crate::error::Result<Vec<u8>> {
    let obj = crate::read::read_object(name, data, None)?;
    Ok(encode(&obj, data.len()))
}

/// Encodes the derived facts of `obj`, read from `size` bytes.
pub fn encode(obj: &Object, size: usize) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    put_uleb(&mut out, size as u64);
    put_uleb(&mut out, obj.sections.len() as u64);
    put_uleb(&mut out, obj.lines.files.len() as u64);
    for f in &obj.lines.files {
        put_uleb(&mut out, f.len() as u64);
        out.extend(f.as_bytes());
    }
    let ranges = &obj.lines.ranges;
    put_uleb(&mut out, ranges.len() as u64);
    for r in ranges {
        for v in [
            r.section as u64,
            r.start,
            r.end - r.start,
            r.file.into(),
            r.line.into(),
        ] {
            put_uleb(&mut out, v);
        }
    }
    put_uleb(&mut out, obj.sp_runs.len() as u64);
    for ((section, offset), list) in obj.sp_runs.iter() {
        put_uleb(&mut out, section as u64);
        put_uleb(&mut out, offset);
        put_uleb(&mut out, list.len() as u64);
        for &(end, delta) in list {
            put_uleb(&mut out, end.into());
            put_sleb(&mut out, delta.into());
        }
    }
    out
}

fn put_uleb(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_sleb(out: &mut Vec<u8>, v: i64) {
    // Zigzag, then unsigned: small magnitudes of either sign take one byte.
    put_uleb(out, ((v << 1) ^ (v >> 63)) as u64);
}

/// A cursor over summary bytes; every read is bounds-checked.
struct Bytes<'a>(&'a [u8]);

impl<'a> Bytes<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }
    fn uleb(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let (&b, rest) = self.0.split_first()?;
            self.0 = rest;
            v |= u64::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }
    fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.uleb()?).ok()
    }
    fn sleb32(&mut self) -> Option<i32> {
        let z = self.uleb()?;
        i32::try_from((z >> 1) as i64 ^ -((z & 1) as i64)).ok()
    }
    /// A count of items of at least `item` bytes each, bounded by the bytes left, so that no
    /// corrupt count sizes an allocation.
    fn count(&mut self, item: usize) -> Option<usize> {
        let n = self.uleb()? as usize;
        (n.checked_mul(item)? <= self.0.len()).then_some(n)
    }
}

/// The facts `summary` records for `obj` (read from `size` bytes, with neither its lines nor
/// its SP deltas derived yet); None if the summary is not one of this object, in which case
/// the caller derives them.
pub fn decode(summary: &[u8], obj: &Object, size: usize) -> Option<(ObjectLines, SpRuns)> {
    let mut b = Bytes(summary);
    if b.take(MAGIC.len())? != MAGIC
        || b.uleb()? != size as u64
        || b.uleb()? != obj.sections.len() as u64
    {
        return None;
    }
    let section = |b: &mut Bytes| {
        let s = b.uleb()? as usize;
        (s < obj.sections.len()).then_some(s)
    };
    let mut lines = ObjectLines::default();
    for _ in 0..b.count(1)? {
        let n = b.uleb()? as usize;
        lines
            .files
            .push(String::from_utf8(b.take(n)?.to_vec()).ok()?);
    }
    let ranges = b.count(5)?;
    lines.ranges.reserve(ranges);
    for _ in 0..ranges {
        let (section, start) = (section(&mut b)?, b.uleb()?);
        let r = LineRange {
            section,
            start,
            end: start.checked_add(b.uleb()?)?,
            file: b.u32()?,
            line: b.u32()?,
        };
        if r.file as usize >= lines.files.len() {
            return None;
        }
        lines.ranges.push(r);
    }
    // pclntab::function_runs searches the ranges in this order.
    if !lines.ranges.is_sorted_by_key(|r| (r.section, r.start)) {
        return None;
    }
    let text = Some(crate::layout::out_id(".text"));
    let functions = b.count(3)?;
    let mut runs = SpRuns::default();
    runs.reserve(functions, b.0.len() / 2);
    let mut list = Vec::new();
    for _ in 0..functions {
        let key = (section(&mut b)?, b.uleb()?);
        if obj.sections[key.0].out != text {
            return None;
        }
        list.clear();
        for _ in 0..b.count(2)? {
            list.push((b.u32()?, b.sleb32()?));
        }
        // In the order encode writes them, each function once.
        if !runs.push(key, &list) {
            return None;
        }
    }
    b.0.is_empty().then_some((lines, runs))
}
