//! `runtime.findfunctab`: the bucket index the runtime's `findfunc` consults before it scans
//! the functab (runtime/symtab.go `findfunc`, `findfuncbucket`; written by
//! cmd/link/internal/ld/pcln.go `(*Link).findfunctab`).
//!
//! The text from the first function's entry (`minpc`) to the end of the last function is
//! cut into buckets of 4096 bytes, each cut into 16 sub-buckets of 256 bytes. A bucket is
//! `{idx uint32; subbuckets [16]uint8}` (20 bytes): `idx` is the functab index of the first
//! function that covers any byte of the bucket, and `subbuckets[i]` is added to it for the
//! first function covering sub-bucket `i`. A function covers the bytes from its entry to the
//! next function's entry (alignment padding belongs to the function before it). The table
//! is `4·nbuckets + nsubbuckets` bytes: the last bucket holds only the sub-buckets that exist.
//!
//! Go's linker puts the table in `.rodata` as the symbol `runtime.findfunctab` and points
//! `moduledata.findfunctab` at it. tbuild has no linker-written moduledata, so the table is
//! the one symbol of a small object the linker itself adds to the inputs ([`linker_object`]),
//! which places it at the end of `.rodata` through the ordinary layout; the runtime takes its
//! address through an assembly accessor (`runtime·findfunctabAddr`), as it does for
//! `runtime.pcheader`. Its size must be known before the layout, when function addresses are
//! not: it is planned for the whole of `.text` (an upper bound of `maxpc − minpc`), and the
//! real table, written once addresses are known, fills it from the start.

use crate::error::{ErrorKind, LinkError, Result};
use crate::layout;
use crate::read::{Object, CUTOFF};

/// The table's symbol (Go's name).
pub const SYMBOL: &str = "runtime.findfunctab";
/// The linker-made object's name, as errors would print it.
pub const OBJECT: &str = "<linker>";
/// pcln.go `BUCKETSIZE` (runtime/symtab.go `pcbucketsize`).
pub const BUCKETSIZE: u64 = 256 * MINFUNC;
/// pcln.go `MINFUNC`: the smallest function Go's linker assumes.
pub const MINFUNC: u64 = 16;
/// pcln.go `SUBBUCKETS`.
pub const SUBBUCKETS: u64 = 16;
/// pcln.go `SUBBUCKETSIZE`.
pub const SUBBUCKETSIZE: u64 = BUCKETSIZE / SUBBUCKETS;

/// The table's size for `span` bytes of text (pcln.go: `4*nbuckets + n`).
pub fn table_size(span: u64) -> u64 {
    4 * span.div_ceil(BUCKETSIZE) + span.div_ceil(SUBBUCKETSIZE)
}

/// The size `.text` will have: its input sections in input order at their alignment, as
/// [`layout::layout_sections`] places them (from the section's start, which is aligned to the
/// largest of them).
fn text_span(objects: &[Object]) -> u64 {
    let text = layout::out_id(".text");
    let mut size = 0u64;
    for obj in objects {
        for sec in obj.sections.iter().filter(|s| s.out == Some(text)) {
            size = (size.div_ceil(sec.align) * sec.align).saturating_add(sec.size);
        }
    }
    size
}

/// The object holding `runtime.findfunctab` (zeros until [`build`] fills it), to be linked
/// after every input.
pub fn linker_object(objects: &[Object]) -> Result<Object> {
    // Text past Go's limit fails the layout ("too much data in .text"); plan nothing for it
    // rather than a table for an impossible size.
    let span = text_span(objects);
    let size = if span > CUTOFF { 0 } else { table_size(span) };
    let table = layout::filled(size, 0, SYMBOL)?.into();
    Ok(Object::linker_rodata(OBJECT, vec![(SYMBOL, table, 4)]))
}

/// The table for functions `funcs` = (entry, end) in functab order (sorted by entry); `into`
/// is the reserved space, filled from its start.
pub fn build(funcs: &[(u64, u64)], into: &mut [u8]) -> Result<()> {
    let (Some(&(min, _)), Some(&(_, max))) = (funcs.first(), funcs.last()) else {
        return Ok(());
    };
    let span = max.saturating_sub(min);
    let n = span.div_ceil(SUBBUCKETSIZE) as usize;
    let nbuckets = span.div_ceil(BUCKETSIZE) as usize;
    let internal = |m: String| LinkError::new(ErrorKind::Layout, format!("internal error: {m}"));
    if table_size(span) > into.len() as u64 {
        return Err(internal(format!(
            "{SYMBOL} needs {} bytes but {} were planned",
            table_size(span),
            into.len()
        )));
    }
    // For each sub-bucket, the smallest functab index covering any of its bytes.
    const NOIDX: u32 = u32::MAX;
    let mut indexes = vec![NOIDX; n];
    for (idx, &(entry, _)) in funcs.iter().enumerate() {
        let next = funcs.get(idx + 1).map_or(max, |f| f.0);
        if next <= entry {
            continue; // an alias or empty function: the next one covers these bytes
        }
        let first = ((entry - min) / SUBBUCKETSIZE) as usize;
        let last = ((next - 1 - min) / SUBBUCKETSIZE) as usize;
        for slot in &mut indexes[first..=last] {
            *slot = (*slot).min(idx as u32);
        }
    }
    for b in 0..nbuckets {
        let base = indexes[b * SUBBUCKETS as usize];
        if base == NOIDX {
            return Err(internal("hole in findfunctab".to_string()));
        }
        let at = b * (4 + SUBBUCKETS as usize);
        into[at..at + 4].copy_from_slice(&base.to_le_bytes());
        for j in 0..SUBBUCKETS as usize {
            let Some(&idx) = indexes.get(b * SUBBUCKETS as usize + j) else {
                break;
            };
            if idx == NOIDX {
                return Err(internal("hole in findfunctab".to_string()));
            }
            if idx - base >= 256 {
                // pcln.go: "too many functions in a findfunc bucket!" (functions are at
                // least MINFUNC bytes apart in practice).
                return Err(LinkError::new(
                    ErrorKind::Layout,
                    format!("too many functions in a findfunc bucket: bucket {b} has {} (at most 255 fit)", idx - base),
                ));
            }
            into[at + 4 + j] = (idx - base) as u8;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// runtime/symtab.go findfunc's lookup over the table.
    fn lookup(table: &[u8], funcs: &[(u64, u64)], pc: u64) -> usize {
        let min = funcs[0].0;
        let x = pc - min;
        let b = (x / BUCKETSIZE) as usize;
        let i = ((x % BUCKETSIZE) / SUBBUCKETSIZE) as usize;
        let at = b * 20;
        let base = u32::from_le_bytes(table[at..at + 4].try_into().unwrap());
        let mut idx = (base + u32::from(table[at + 4 + i])) as usize;
        while idx + 1 < funcs.len() && funcs[idx + 1].0 <= pc {
            idx += 1;
        }
        idx
    }

    #[test]
    fn every_pc_finds_its_function() {
        // Functions of assorted sizes, with padding between some.
        let mut funcs = Vec::new();
        let mut at = 0x401000u64;
        for i in 0..300u64 {
            let size = 16 + (i * 37) % 700;
            funcs.push((at, at + size));
            at += size + (i % 3) * 16;
        }
        let max = funcs.last().unwrap().1;
        let mut table = vec![0u8; table_size(max - funcs[0].0) as usize];
        build(&funcs, &mut table).unwrap();
        for pc in funcs[0].0..max {
            let idx = lookup(&table, &funcs, pc);
            assert!(funcs[idx].0 <= pc, "pc {pc:#x}");
            assert!(
                idx + 1 == funcs.len() || pc < funcs[idx + 1].0,
                "pc {pc:#x}"
            );
        }
    }

    #[test]
    fn sizes_match_go() {
        // The real Go binary of go-binary-layout.md §2: 0x80027 bytes of text → 129 buckets
        // and 2049 sub-buckets, 2565 bytes.
        assert_eq!(table_size(0x80027), 2565);
    }
}
