//! Unsigned LEB128 varints (encoding/binary `PutUvarint`/`Uvarint`), the numbers of Go's
//! pc-value tables (runtime/symtab.go `readvarint`) and of tbuild's link summaries: written
//! and read here, once, for both.

/// Appends `v`: seven bits a byte, low bits first, the high bit set on all but the last.
pub fn put(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads one varint from the front of `b` and advances past it; None (with `b` somewhere in
/// it) if `b` ends first or the number does not fit in 64 bits.
#[inline]
pub fn read(b: &mut &[u8]) -> Option<u64> {
    // Most numbers of a pc-value table fit in one byte.
    if let Some((&c, rest)) = b.split_first() {
        if c < 0x80 {
            *b = rest;
            return Some(u64::from(c));
        }
    }
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let (&c, rest) = b.split_first()?;
        *b = rest;
        v |= u64::from(c & 0x7f).checked_shl(shift)?;
        if c & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn round_trip() {
        let mut out = Vec::new();
        for v in [0, 1, 0x7f, 0x80, 300, u64::from(u32::MAX), u64::MAX] {
            out.clear();
            super::put(&mut out, v);
            let mut b = out.as_slice();
            assert_eq!(super::read(&mut b), Some(v));
            assert!(b.is_empty());
        }
        assert_eq!(super::read(&mut &[0x80u8][..]), None, "cut short");
        assert_eq!(super::read(&mut &[0xffu8; 11][..]), None, "too long");
    }
}
