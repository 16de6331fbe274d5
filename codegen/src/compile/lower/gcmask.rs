//! Pointer masks for the collector.
//!
//! Every type descriptor ends with `ptrdata` and `gcdata` (typedesc.rs; runtime/pkg/runtime/
//! iface.go `_type`), the facts Go 1.19 keeps in `runtime._type` (runtime/type.go): ptrdata is
//! the length in bytes of the prefix of a value that can hold pointers (the offset of its last
//! pointer word plus 8; 0 for a pointer-free type, cmd/compile types.PtrDataSize), and gcdata
//! points to a mask of that prefix, one bit per 8-byte word, bit i of byte i/8 set when word i
//! holds a pointer (cmd/compile/internal/reflectdata dgcptrmask, fillptrmask). Which words are
//! pointers is `Types::pointer_words`, the rule the `.data`/`.bss` bitmaps use too (Go's
//! typebits.Set). Masks are read-only data named `runtime.gcbits.<hex of the mask bytes>`, as
//! Go's are, defined weakly so that one copy of each mask remains in a program. (Go switches
//! to a GC program over 16384 mask bytes; tbuild always emits the mask.)

use cranelift_module::{DataDescription, DataId, Linkage, Module};

use super::PkgLower;

/// The offsets of `_type.ptrdata` and `gcdata` (iface.go; typedesc.rs).
pub(super) const DESC_PTRDATA: i32 = 128;
pub(super) const DESC_GCDATA: i32 = 136;

/// The mask bytes of a word vector: bit i of byte i/8 for word i (reflectdata fillptrmask).
pub(super) fn mask_bytes(words: &[bool]) -> Vec<u8> {
    let mut bytes = vec![0u8; words.len().div_ceil(8)];
    for (i, &p) in words.iter().enumerate() {
        if p {
            bytes[i / 8] |= 1 << (i % 8);
        }
    }
    bytes
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl PkgLower<'_> {
    /// The read-only mask of `words` (which ends with a pointer word), defined on first use.
    pub(super) fn gc_mask_data(&mut self, words: &[bool]) -> DataId {
        let bytes = mask_bytes(words);
        let symbol = format!("runtime.gcbits.{}", hex(&bytes));
        if let Some(&d) = self.data_ids.get(&symbol) {
            return d;
        }
        let d = self
            .module
            .declare_data(&symbol, Linkage::Preemptible, false, false)
            .expect("declaring a pointer mask");
        self.data_ids.insert(symbol, d);
        let mut desc = DataDescription::new();
        desc.define(bytes.into_boxed_slice());
        desc.set_align(1);
        self.module
            .define_data(d, &desc)
            .expect("defining a pointer mask");
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mask_bytes_set_bit_i_of_byte_i_over_8() {
        let mut words = vec![false; 10];
        words[1] = true;
        words[8] = true;
        words[9] = true;
        assert_eq!(mask_bytes(&words), vec![0b0000_0010, 0b0000_0011]);
        assert_eq!(mask_bytes(&[]), Vec::<u8>::new());
    }
}
