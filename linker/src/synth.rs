//! Pass 4, `synthesize_tables`: fill the sections the linker generates — `.gopclntab`
//! ([`crate::pclntab`]), `.go.buildinfo` and `.note.go.buildid` ([`crate::buildinfo`]) —
//! now that every address is known. Their sizes were planned before layout by
//! [`planned_size`] (they depend on names and counts only); the boundary symbols
//! (`runtime.text`, ...) need no bytes, the layout defines them ([`crate::layout::SECTIONS`]).

use crate::buildinfo;
use crate::error::{ErrorKind, LinkError, Result};
use crate::layout::{Contents, Layout, SECTIONS};
use crate::pclntab;
use crate::read::Object;
use crate::resolve::Resolved;
use crate::Options;

/// The size a synthesized section will have.
pub fn planned_size(
    contents: Contents,
    objects: &[Object],
    resolved: &Resolved,
    opts: &Options,
) -> u64 {
    match contents {
        Contents::Inputs | Contents::Empty => 0,
        Contents::Pclntab => pclntab::size(objects, resolved),
        Contents::BuildInfo => buildinfo::buildinfo(opts).len() as u64,
        Contents::BuildIdNote => buildinfo::buildid_note(opts).len() as u64,
    }
}

/// Pass 4: generate the synthesized sections' bytes into `layout`.
pub fn synthesize_tables(
    objects: &[Object],
    resolved: &Resolved,
    layout: &mut Layout,
    opts: &Options,
) -> Result<()> {
    for (out, spec) in SECTIONS.iter().enumerate() {
        let data = match spec.contents {
            Contents::Inputs | Contents::Empty => continue,
            Contents::Pclntab => pclntab::build(objects, resolved, layout),
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
