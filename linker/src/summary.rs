//! An object's link summary: the address-independent facts [`crate::read::read_object`]
//! derives from an object at a cost, encoded so that a driver can keep them beside the object
//! and hand them to every later link of it. They are the file names of its line information
//! and each function's pc-value tables ([`crate::pcvalues`]: walking and checking all of its
//! DWARF, [`crate::lines`], decoding all of its code, [`crate::pcsp`], and encoding the
//! tables): together most of the time a warm hello link spent reading its inputs and
//! collecting its pc tables (perf, callgrind). Go's objects carry the same tables from the
//! compiler (each function's pcsp/pcfile/pcln, cmd/internal/obj/pcln.go); tbuild's objects
//! are standard ELF, so the facts are derived once, by the linker, and kept next to the
//! object instead of in it.
//!
//! tbuild's build cache stores the summary in the same sealed entry as the object it was
//! computed from (driver/src/cache.rs), keyed by the linker's sources among the rest, so a
//! summary never meets a different object or a linker that derives the facts differently.
//! A link still checks what it decodes: the summary must name the object's size and section
//! count, every function a section of the object bound for `.text`, in order, and every
//! table must be a well-formed pc-value table no longer than its function, whose pcfile
//! values name files of the summary ([`crate::pcvalues::well_formed`]); a summary that fails any check is ignored and the
//! facts are derived from the object again.
//! Format: the magic; then unsigned LEB128 numbers: the object's size and section count; the
//! files (a count, then each a length and UTF-8 bytes); the functions (a count, then each
//! its section, offset, size, 1 if it is a wrapper else 0, and its pcsp, pcfile and pcln
//! tables, each a length and the bytes; sorted by section, offset and size). A hello link's
//! inputs summarize in about a tenth of their size.

use crate::pcvalues::{well_formed, ObjectPcValues, PcValues};
use crate::read::Object;
use crate::varint;

const MAGIC: &[u8; 8] = b"tbsum\x003\n";

/// The summary of the object `data` named `name` (for messages): `read_object`'s derived
/// facts, encoded. Fails as reading the object fails.
pub fn summarize(name: &str, data: &crate::Bytes) -> crate::error::Result<Vec<u8>> {
    let obj = crate::read::read_object(name, data, None)?;
    Ok(encode(&obj, data.len()))
}

/// Encodes the derived facts of `obj`, read from `size` bytes.
pub fn encode(obj: &Object, size: usize) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    varint::put(&mut out, size as u64);
    varint::put(&mut out, obj.sections.len() as u64);
    varint::put(&mut out, obj.line_files.len() as u64);
    for f in &obj.line_files {
        varint::put(&mut out, f.len() as u64);
        out.extend(f.as_bytes());
    }
    varint::put(&mut out, obj.pc_values.len() as u64);
    for ((section, offset, fsize), v) in obj.pc_values.iter() {
        for n in [section as u64, offset, fsize, v.wrapper.into()] {
            varint::put(&mut out, n);
        }
        for t in [v.pcsp, v.pcfile, v.pcln] {
            varint::put(&mut out, t.len() as u64);
            out.extend_from_slice(t);
        }
    }
    out
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
        varint::read(&mut self.0)
    }
    /// A count of items of at least `item` bytes each, bounded by the bytes left, so that no
    /// corrupt count sizes an allocation.
    fn count(&mut self, item: usize) -> Option<usize> {
        let n = self.uleb()? as usize;
        (n.checked_mul(item)? <= self.0.len()).then_some(n)
    }
}

/// The facts `summary` records for `obj` (read from `size` bytes, with neither its line
/// files nor its tables derived yet); None if the summary is not one of this object, in
/// which case the caller derives them.
pub fn decode(summary: &[u8], obj: &Object, size: usize) -> Option<(Vec<String>, ObjectPcValues)> {
    let mut b = Bytes(summary);
    if b.take(MAGIC.len())? != MAGIC
        || b.uleb()? != size as u64
        || b.uleb()? != obj.sections.len() as u64
    {
        return None;
    }
    let mut files = Vec::new();
    for _ in 0..b.count(1)? {
        let n = b.uleb()? as usize;
        files.push(String::from_utf8(b.take(n)?.to_vec()).ok()?);
    }
    let text = Some(crate::layout::out_id(".text"));
    let functions = b.count(7)?;
    let mut values = ObjectPcValues::default();
    values.reserve(functions, b.0.len());
    for _ in 0..functions {
        let section = b.uleb()? as usize;
        let (offset, fsize) = (b.uleb()?, b.uleb()?);
        if obj.sections.get(section)?.out != text {
            return None;
        }
        let wrapper = match b.uleb()? {
            0 => false,
            1 => true,
            _ => return None,
        };
        // `limit`: the values must lie in 0..limit. One closure, not a `dyn` one per table:
        // it is called for each run of every table a link reads.
        let mut table = |limit: Option<usize>| {
            let n = b.uleb()? as usize;
            let t = b.take(n)?;
            let value_ok = |v: i64| limit.is_none_or(|l| usize::try_from(v).is_ok_and(|v| v < l));
            well_formed(t, fsize, value_ok).then_some(t)
        };
        let v = PcValues {
            pcsp: table(None)?,
            pcfile: table(Some(files.len()))?,
            pcln: table(None)?,
            wrapper,
        };
        // In the order encode writes them, each function once.
        if !values.push((section, offset, fsize), v) {
            return None;
        }
    }
    b.0.is_empty().then_some((files, values))
}
