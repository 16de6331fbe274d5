//! `.typelink` and `.itablink`, filled as Go's linker fills them (cmd/link/internal/ld/
//! typelink.go `(*Link).typelink`) and read by the runtime through its moduledata
//! (runtime/symtab.go `moduledata.typelinks`, `itablinks`; runtime/iface.go `itabsinit`):
//!
//! - `.typelink` (the symbol `runtime.typelink`) is one int32 per type descriptor that Go's
//!   compiler marks for it, sorted by the type's string: the descriptor's offset from
//!   `runtime.types`, the start of the type descriptors (Go's R_ADDROFF; the runtime adds
//!   `moduledata.types`). Go marks the unnamed types of the kinds that reflect can build at
//!   run time, so that it finds the existing descriptor instead of making a second one:
//!   pointers, arrays, channels, functions, maps, slices and structs
//!   (cmd/compile/internal/reflectdata/reflect.go `writeType`, `keep`); named types, basic
//!   types and interfaces are not listed.
//! - `.itablink` (`runtime.itablink`) is one pointer per itab (`go.itab.*`) of the program,
//!   which the runtime adds to its itab table at start-up, so that a conversion at run time
//!   finds the itab the compiler made rather than building another.
//!
//! tbuild's compiler names descriptors `type.<type string>` and itabs `go.itab.<type>,<iface>`
//! (codegen/src/compile/lower/typedesc.rs) and defines them weakly in every object that uses
//! them, so the linker finds them by name among the inputs' data symbols: [`linker_object`]
//! adds an object with the two tables, which the ordinary layout places (as findfunc.rs does
//! for `runtime.findfunctab`); its symbols are references to each descriptor and itab, bound
//! by the ordinary resolution to the definition that won. [`fill`] writes the entries once
//! addresses are known.

use std::collections::BTreeSet;

use object::elf;

use crate::error::{ErrorKind, LinkError, Result};
use crate::layout::{self, Layout};
use crate::read::{Bind, Def, Object, Section, Symbol};
use crate::resolve::Resolved;

/// The linker-made object's name, as errors would print it.
pub const OBJECT: &str = "<linker typelinks>";
/// The symbol prefix of tbuild's (and Go's) type descriptors.
pub const TYPE_PREFIX: &str = "type.";
/// The symbol prefix of itabs (Go's linker: `ldr.IsItab`, the compiler's `go.itab.` names).
pub const ITAB_PREFIX: &str = "go.itab.";

/// Whether the type whose string is `s` is listed in `.typelink`: an unnamed pointer, array,
/// channel, function, map, slice or struct type (reflect.go `writeType`). A named type's
/// string starts with its package or name, a basic type's with its name, an interface's
/// with `interface`. `type..` symbols (`type..eq.T`, equality functions and their funcvals)
/// are not descriptors.
pub fn is_typelink(s: &str) -> bool {
    s.starts_with('*')
        || s.starts_with('[')
        || s.starts_with("map[")
        || s.starts_with("func(")
        || s.starts_with("struct {")
        || s.starts_with("chan ")
        || s.starts_with("<-chan ")
}

/// The data symbols of kept, loaded sections named with `prefix`, each name once, sorted.
fn data_symbols<'a>(objects: &'a [Object], prefix: &str) -> BTreeSet<&'a str> {
    let mut names = BTreeSet::new();
    for obj in objects {
        for sym in &obj.symbols {
            let Def::Section { section, .. } = sym.def else {
                continue;
            };
            let loaded = obj
                .sections
                .get(section)
                .is_some_and(|s| s.out.is_some() && !s.debug);
            if loaded && sym.kind == elf::STT_OBJECT && sym.bind != Bind::Local {
                if let Some(rest) = sym.name.strip_prefix(prefix) {
                    if prefix != TYPE_PREFIX || is_typelink(rest) {
                        names.insert(sym.name.as_str());
                    }
                }
            }
        }
    }
    names
}

/// The object holding `.typelink` (section 1) and `.itablink` (section 2), zeros until
/// [`fill`] writes them, with one undefined global reference per listed type (symbols
/// 1..=ntypes, in the table's order) and then per itab.
pub fn linker_object(objects: &[Object]) -> Result<Object> {
    let types = data_symbols(objects, TYPE_PREFIX);
    let itabs = data_symbols(objects, ITAB_PREFIX);
    let section = |name: &str, size: u64, align: u64| -> Result<Section> {
        Ok(Section {
            name: name.to_string(),
            out: Some(layout::out_id(name)),
            debug: false,
            data: layout::filled(size, 0, name)?.into(),
            size,
            nobits: false,
            align,
            relocs: Default::default(),
        })
    };
    let mut symbols = vec![Symbol::null()];
    for name in types.iter().chain(itabs.iter()) {
        symbols.push(Symbol {
            name: name.to_string(),
            bind: Bind::Global,
            kind: elf::STT_NOTYPE,
            def: Def::Undefined,
            size: 0,
        });
    }
    Ok(Object {
        name: OBJECT.to_string(),
        sections: vec![
            Section::null(),
            section(".typelink", 4 * types.len() as u64, 4)?,
            section(".itablink", 8 * itabs.len() as u64, 8)?,
        ],
        symbols,
        line_files: Vec::new(),
        pc_values: Default::default(),
        funcs: Default::default(),
    })
}

/// Writes the tables of the object [`linker_object`] made (the last one of that name): each
/// type's offset from `runtime.types` and each itab's address.
pub fn fill(objects: &[Object], resolved: &Resolved, layout: &mut Layout) -> Result<()> {
    let Some(oi) = objects.iter().rposition(|o| o.name == OBJECT) else {
        return Ok(());
    };
    let obj = &objects[oi];
    let ntypes = (obj.sections[1].size / 4) as usize;
    let types_base = layout
        .linker_symbol("runtime.types")
        .map(|(a, _)| a)
        .unwrap_or(0);
    let err = |what: String| LinkError::new(ErrorKind::Layout, what);
    let mut typelink = Vec::with_capacity(4 * ntypes);
    let mut itablink = Vec::new();
    for (si, sym) in obj.symbols.iter().enumerate().skip(1) {
        let addr = layout
            .target_address(objects, resolved.target(oi, si))
            .ok_or_else(|| err(format!("internal error: {} has no address", sym.name)))?;
        if si <= ntypes {
            let off = addr
                .checked_sub(types_base)
                .and_then(|o| i32::try_from(o).ok())
                .ok_or_else(|| {
                    err(format!(
                        "type descriptor {} lies outside runtime.types",
                        sym.name
                    ))
                })?;
            typelink.extend_from_slice(&off.to_le_bytes());
        } else {
            itablink.extend_from_slice(&addr.to_le_bytes());
        }
    }
    for (si, bytes) in [(1, typelink), (2, itablink)] {
        let Some(addr) = layout.input_addr[oi].get(si).copied().flatten() else {
            continue;
        };
        let out = layout::out_id(&obj.sections[si].name);
        let sec = &mut layout.sections[out];
        let at = (addr - sec.addr) as usize;
        sec.data
            .get_mut(at..at + bytes.len())
            .ok_or_else(|| {
                err(format!(
                    "internal error: {} overflows",
                    obj.sections[si].name
                ))
            })?
            .copy_from_slice(&bytes);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::is_typelink;

    #[test]
    fn go_lists_unnamed_composite_types_only() {
        for s in [
            "*main.T",
            "[]int",
            "[4]uint8",
            "map[string]int",
            "func(int) string",
            "struct { X int }",
            "chan int",
            "<-chan int",
        ] {
            assert!(is_typelink(s), "{s}");
        }
        for s in [
            "main.T",
            "int",
            "string",
            "error",
            "interface {}",
            "interface { M() }",
            "unsafe.Pointer",
            ".eq.main.T",
        ] {
            assert!(!is_typelink(s), "{s}");
        }
    }
}
