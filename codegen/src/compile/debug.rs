//! Debug information for compiled code: where each machine-code byte came from.
//!
//! The lowering records, per function, the source line of every range of machine code
//! ([`FuncLines`]). This module is where that becomes standard debug information in the
//! object (DWARF, which both tbuild's linker, for Go's pc/line tables, and gdb read).
//! Nothing is emitted yet: that is issue 4's work.

use cranelift_object::ObjectProduct;

use super::lower::FuncLines;

/// Adds debug sections for `lines` to the object. Currently a no-op (see the module doc).
pub fn add_debug_info(
    product: &mut ObjectProduct,
    lines: &[FuncLines],
    file_names: &[String],
) -> Result<(), String> {
    let _ = (product, lines, file_names);
    Ok(())
}
