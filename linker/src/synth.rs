//! Pass 5, `synthesize_tables`: fill the sections the linker generates — `.gopclntab`
//! ([`crate::pclntab`]), `.go.buildinfo` and `.note.go.buildid` ([`crate::buildinfo`]) —
//! the linker's own `.rodata` symbol `runtime.findfunctab` ([`crate::findfunc`]) and its
//! `.typelink` and `.itablink` tables ([`crate::typelinks`]) now that
//! every address is known. Their sizes were planned before layout by [`planned_size`] (they
//! depend on names, counts and address-independent pc tables only); the boundary symbols
//! (`runtime.text`, ...) need no bytes, the layout defines them ([`crate::layout::SECTIONS`]).

use crate::buildinfo;
use crate::error::{ErrorKind, LinkError, Result};
use crate::findfunc;
use crate::layout::{self, Contents, Layout, SECTIONS};
use crate::pclntab::{self, PcTables};
use crate::read::Object;
use crate::resolve::Resolved;
use crate::typelinks;
use crate::Options;

/// The size a synthesized section will have.
pub fn planned_size(contents: Contents, pc: &PcTables, opts: &Options) -> u64 {
    match contents {
        Contents::Inputs | Contents::Empty => 0,
        Contents::Pclntab => pclntab::size(pc),
        Contents::BuildInfo => buildinfo::buildinfo(opts).len() as u64,
        Contents::BuildIdNote => buildinfo::buildid_note(opts).len() as u64,
    }
}

/// Pass 5: generate the synthesized sections' bytes into `layout`.
pub fn synthesize_tables(
    objects: &[Object],
    resolved: &Resolved,
    pc: &PcTables,
    layout: &mut Layout,
    opts: &Options,
) -> Result<()> {
    // The functab's functions, in address order: for findfunctab and .gopclntab.
    let funcs = pclntab::sorted_functions(pc, objects, resolved, layout);
    write_findfunctab(objects, &funcs, layout)?;
    typelinks::fill(objects, resolved, layout)?;
    crate::gcmaps::fill(objects, resolved, layout)?;
    for (out, spec) in SECTIONS.iter().enumerate() {
        let data = match spec.contents {
            Contents::Inputs | Contents::Empty => continue,
            Contents::Pclntab => pclntab::build(pc, &funcs, objects, layout),
            Contents::BuildInfo => buildinfo::buildinfo(opts),
            Contents::BuildIdNote => buildinfo::buildid_note(opts),
        };
        if data.len() as u64 != layout.sections[out].size {
            return Err(LinkError::new(
                ErrorKind::Layout,
                format!(
                    "internal error: {} is {} bytes but {} were planned",
                    spec.name,
                    data.len(),
                    layout.sections[out].size
                ),
            ));
        }
        layout.sections[out].data = data;
    }
    Ok(())
}

/// Fills `runtime.findfunctab` (the linker object's `.rodata` section, if it was added).
/// `funcs` are the functab's functions ([`pclntab::sorted_functions`]).
fn write_findfunctab(
    objects: &[Object],
    funcs: &[(u64, u64, crate::resolve::SymId)],
    layout: &mut Layout,
) -> Result<()> {
    let Some(oi) = objects.iter().rposition(|o| o.name == findfunc::OBJECT) else {
        return Ok(());
    };
    let Some(addr) = layout.input_addr[oi].get(1).copied().flatten() else {
        return Ok(());
    };
    let funcs: Vec<(u64, u64)> = funcs.iter().map(|&(entry, end, _)| (entry, end)).collect();
    let rodata = layout::out_id(".rodata");
    let sec = &mut layout.sections[rodata];
    let at = (addr - sec.addr) as usize;
    let size = objects[oi].sections[1].size as usize;
    let into = sec.data.get_mut(at..at + size).ok_or_else(|| {
        LinkError::new(
            ErrorKind::Layout,
            "internal error: runtime.findfunctab lies outside .rodata",
        )
    })?;
    findfunc::build(&funcs, into)
}
