//! Byte-level mutations, the same for every target: flip a bit, set a byte, write an
//! "interesting" integer (the boundary values that break length and offset checks), insert,
//! delete, duplicate a range, or splice in a range of another corpus entry.

use crate::rng::Rng;

/// Integers that sit on the boundaries where size arithmetic goes wrong.
const INTERESTING: &[u64] = &[
    0,
    1,
    0x7f,
    0x80,
    0xff,
    0x7fff,
    0xffff,
    0x7fff_ffff,
    0xffff_ffff,
    0x8000_0000,
    0x7fff_ffff_ffff_ffff,
    u64::MAX,
];

/// Applies one byte-level mutation to `b`; `other` is another corpus entry to splice from.
pub fn mutate_bytes(b: &mut Vec<u8>, other: &[u8], rng: &mut Rng) {
    if b.is_empty() {
        let n = 1 + rng.below(8);
        b.extend((0..n).map(|_| rng.byte()));
        return;
    }
    match rng.below(8) {
        0 => {
            let i = rng.below(b.len());
            b[i] ^= 1 << rng.below(8);
        }
        1 => {
            let i = rng.below(b.len());
            b[i] = rng.byte();
        }
        2 => {
            let v = *rng.choose(INTERESTING);
            let width = *rng.choose(&[1usize, 2, 4, 8]);
            let at = rng.below(b.len());
            let bytes = v.to_le_bytes();
            for (k, byte) in bytes[..width].iter().enumerate() {
                if let Some(slot) = b.get_mut(at + k) {
                    *slot = *byte;
                }
            }
        }
        3 => {
            let at = rng.below(b.len() + 1);
            let n = 1 + rng.below(8);
            let new: Vec<u8> = (0..n).map(|_| rng.byte()).collect();
            b.splice(at..at, new);
        }
        4 => {
            let r = rng.range(b.len(), 64);
            b.drain(r);
        }
        5 => {
            let r = rng.range(b.len(), 64);
            let chunk = b[r].to_vec();
            let at = rng.below(b.len() + 1);
            b.splice(at..at, chunk);
        }
        6 if !other.is_empty() => {
            let from = rng.range(other.len(), 256);
            let to = rng.range(b.len(), 256);
            b.splice(to, other[from].iter().copied());
        }
        _ => {
            // Truncate: the shape of a partial write.
            let n = rng.below(b.len());
            b.truncate(n);
        }
    }
}
