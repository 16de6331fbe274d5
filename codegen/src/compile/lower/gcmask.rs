//! Pointer masks for the collector, and typed heap allocation.
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
//!
//! Every heap object the compiler allocates goes through `runtime.mallocgc(size, typ,
//! needzero)` with `typ` describing it, Go's contract (runtime/malloc.go mallocgc: nil is a
//! pointer-free, noscan object; an object of n elements passes the element's type and the
//! collector repeats its mask every `typ.size` bytes, as Go's newarray does). Objects with a Go
//! type pass that type's descriptor. Objects laid out by the compiler (a closure's funcval, a
//! defer or go statement's saved call, a defer node) pass a layout descriptor: a `_type` with
//! kind 0, no name, the object's size and its mask, named `type..gclayout.<size>.<mask hex>`
//! (a `type..` name is not a Go type: the linker leaves it out of `.typelink`).

use cranelift_codegen::ir::{types as clt, AbiParam, InstBuilder, Value};
use cranelift_module::{DataDescription, DataId, Linkage, Module};

use super::typedesc::DESC_SIZE;
use super::{FnLower, PkgLower};
use crate::compile::types::TypeId;

/// The offsets of `_type.size`, `ptrdata` and `gcdata` (iface.go; typedesc.rs).
const DESC_SIZE_FIELD: usize = 0;
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

/// Sets in `words` the pointer words of a value whose own pointer words are `inner`, placed
/// `off` bytes into an object (a multiple of 8 whenever `inner` is not empty: a type with
/// pointers is 8-aligned).
pub(super) fn place_words(words: &mut Vec<bool>, off: u64, inner: &[bool]) {
    let w0 = (off / 8) as usize;
    for (i, &p) in inner.iter().enumerate() {
        if p {
            if words.len() <= w0 + i {
                words.resize(w0 + i + 1, false);
            }
            words[w0 + i] = true;
        }
    }
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

    /// A layout descriptor for an object of `size` bytes with pointer words `words` (module
    /// comment), or None when it holds no pointers (then the object is allocated with nil).
    pub(super) fn layout_desc(&mut self, size: u64, words: &[bool]) -> Option<DataId> {
        let last = words.iter().rposition(|&p| p)?;
        let words = &words[..=last];
        let symbol = format!("type..gclayout.{size}.{}", hex(&mask_bytes(words)));
        if let Some(&d) = self.data_ids.get(&symbol) {
            return Some(d);
        }
        let d = self
            .module
            .declare_data(&symbol, Linkage::Preemptible, false, false)
            .expect("declaring a layout descriptor");
        self.data_ids.insert(symbol, d);
        let mask = self.gc_mask_data(words);
        let mut bytes = vec![0u8; DESC_SIZE as usize];
        bytes[DESC_SIZE_FIELD..DESC_SIZE_FIELD + 8].copy_from_slice(&size.to_le_bytes());
        let p = DESC_PTRDATA as usize;
        bytes[p..p + 8].copy_from_slice(&(8 * words.len() as u64).to_le_bytes());
        let mut desc = DataDescription::new();
        desc.define(bytes.into_boxed_slice());
        desc.set_align(8);
        let gv = self.module.declare_data_in_data(mask, &mut desc);
        desc.write_data_addr(DESC_GCDATA as u32, gv, 0);
        self.module
            .define_data(d, &desc)
            .expect("defining a layout descriptor");
        Some(d)
    }
}

impl FnLower<'_, '_> {
    /// `runtime.mallocgc(size, typ, true)`: a zeroed heap object described by `typ` (nil:
    /// pointer-free).
    fn mallocgc(&mut self, size: u64, typ: Option<DataId>) -> Value {
        let mut sig =
            cranelift_codegen::ir::Signature::new(cranelift_codegen::isa::CallConv::SystemV);
        sig.params = vec![
            AbiParam::new(clt::I64),
            AbiParam::new(clt::I64),
            AbiParam::new(clt::I8),
        ];
        sig.returns = vec![AbiParam::new(clt::I64)];
        let size = self.b.ins().iconst(clt::I64, size.max(1) as i64);
        let typ = match typ {
            Some(d) => self.data_addr(d),
            None => self.b.ins().iconst(clt::I64, 0),
        };
        let one = self.b.ins().iconst(clt::I8, 1);
        let r = self.call_symbol("runtime.mallocgc", &sig, &[size, typ, one]);
        r[0]
    }

    /// The descriptor to allocate values of t with: t's own, or nil for a pointer-free type
    /// (Go's contract allows nil there, and it keeps descriptors of types never otherwise
    /// needed out of the program).
    fn alloc_desc(&mut self, t: TypeId) -> Option<DataId> {
        if self.pl.prog.types.has_pointers(t) {
            Some(self.pl.type_desc(t))
        } else {
            None
        }
    }

    /// A new zeroed object of type t (Go's newobject).
    pub(super) fn malloc_type(&mut self, t: TypeId) -> Value {
        let size = self.size(t);
        let d = self.alloc_desc(t);
        self.mallocgc(size, d)
    }

    /// A new zeroed array of n elements of type et (Go's newarray: the element's descriptor).
    pub(super) fn malloc_array(&mut self, et: TypeId, n: u64) -> Value {
        let size = self.size(et) * n;
        let d = if n == 0 { None } else { self.alloc_desc(et) };
        self.mallocgc(size, d)
    }

    /// A new zeroed object of `size` bytes laid out by the compiler, with pointer words
    /// `words` (place_words).
    pub(super) fn malloc_layout(&mut self, size: u64, words: &[bool]) -> Value {
        let d = self.pl.layout_desc(size, words);
        self.mallocgc(size, d)
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

    #[test]
    fn place_words_shifts_by_whole_words() {
        // A closure record: the code word, an int, then a string (data word, length).
        let mut words = Vec::new();
        place_words(&mut words, 16, &[true, false]);
        assert_eq!(words, vec![false, false, true]);
        place_words(&mut words, 8, &[false]);
        assert_eq!(words, vec![false, false, true]);
        place_words(&mut words, 40, &[true]);
        assert_eq!(words, vec![false, false, true, false, false, true]);
    }
}
