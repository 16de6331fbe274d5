//! Inline trees: what tbuild's compiler says of the calls it inlined, read from an object's
//! `.tbuild.inline` section (not loaded; codegen's lower/inline.rs writes it), for the
//! `FUNCDATA_InlTree` and `PCDATA_InlTreeIndex` of each function in `.gopclntab`
//! ([`crate::pclntab`]); and from `.tbuild.args`, the size of each function's parameters,
//! for its `_func.args` ([`read_args`]).
//!
//! A record per function with inlined calls, little-endian: the function's symbol (u32
//! length, bytes); the node count (u32) and per node its parent node (i32, -1 for the function
//! itself), the callee's symbol (u32 length, bytes), the line of the call (u32) and the offset
//! of an instruction of the caller at the call (u32, Go's parentPc); then the count (u32) of
//! code ranges inside inlined calls and per range its start and end offsets (u32) and node
//! (i32). Every fault (a truncated record, a parent that is not an earlier node, a range
//! outside the function's size or naming no node) is a malformed-object error.

use crate::HashMap;

use crate::error::{LinkError, Result};
use crate::read::Object;

/// The section's name.
pub const INLINE_SECTION: &str = ".tbuild.inline";

/// One inlined call (Go's inlinedCall, runtime/symtab.go, before the linker's offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node<'a> {
    pub parent: i32,
    /// A view of the object's section, not a copy: the runtime's trees have thousands of
    /// nodes.
    pub callee: &'a str,
    pub line: u32,
    pub parent_pc: u32,
}

/// One function's inline tree and the code of each node.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InlineTree<'a> {
    pub nodes: Vec<Node<'a>>,
    /// `[start, end)` offsets in the function, and the node they are code of.
    pub ranges: Vec<(u32, u32, i32)>,
}

impl InlineTree<'_> {
    /// The node of each byte as pc-value runs `(end, node)` over `[0, size)`: -1 outside
    /// every range.
    pub fn runs(&self, size: u32) -> Vec<(u32, i32)> {
        let mut out = Vec::new();
        let mut at = 0;
        for &(start, end, node) in &self.ranges {
            if start > at {
                out.push((start, -1));
            }
            out.push((end, node));
            at = end;
        }
        if at < size {
            out.push((size, -1));
        }
        out
    }
}

/// The inline trees of an object's functions, by symbol name.
pub fn read(obj: &Object) -> Result<HashMap<&str, InlineTree<'_>>> {
    let mut out = HashMap::default();
    for sec in obj.sections.iter().filter(|s| s.name == INLINE_SECTION) {
        let bad = |m: &str| LinkError::malformed(&obj.name, INLINE_SECTION, m.to_string());
        let mut r = Reader {
            d: &sec.data,
            at: 0,
        };
        while r.at < r.d.len() {
            let name = r.string().ok_or_else(|| bad("bad function name"))?;
            let count = r.u32().ok_or_else(|| bad("truncated record"))?;
            // Sized at once (a node takes at least 16 bytes, so a damaged count cannot ask
            // for more than the section could hold): growing them cost a third of the pass.
            let room = (r.d.len() - r.at) / 16;
            let mut tree = InlineTree {
                nodes: Vec::with_capacity((count as usize).min(room)),
                ..Default::default()
            };
            for i in 0..count {
                let parent = r.u32().ok_or_else(|| bad("truncated node"))? as i32;
                let callee = r.string().ok_or_else(|| bad("bad callee name"))?;
                let line = r.u32().ok_or_else(|| bad("truncated node"))?;
                let parent_pc = r.u32().ok_or_else(|| bad("truncated node"))?;
                if parent < -1 || parent >= i as i32 {
                    return Err(bad(&format!("{name}: node {i} has parent {parent}")));
                }
                tree.nodes.push(Node {
                    parent,
                    callee,
                    line,
                    parent_pc,
                });
            }
            let n = r.u32().ok_or_else(|| bad("truncated record"))?;
            tree.ranges
                .reserve((n as usize).min((r.d.len() - r.at) / 12));
            let mut prev_end = 0;
            for _ in 0..n {
                let start = r.u32().ok_or_else(|| bad("truncated range"))?;
                let end = r.u32().ok_or_else(|| bad("truncated range"))?;
                let node = r.u32().ok_or_else(|| bad("truncated range"))? as i32;
                if start < prev_end || end <= start || node < 0 || node as u32 >= count {
                    return Err(bad(&format!("{name}: bad range {start:#x}..{end:#x}")));
                }
                prev_end = end;
                tree.ranges.push((start, end, node));
            }
            out.insert(name, tree);
        }
    }
    Ok(out)
}

/// The section in which the compiler gives the bytes of each function's Go parameters
/// (codegen lower/globals.rs `args_section`): a record per function, its symbol (u32 length,
/// bytes) and the byte count (u32), little-endian.
pub const ARGS_SECTION: &str = ".tbuild.args";

/// The parameter bytes of an object's functions, by symbol name.
pub fn read_args(obj: &Object) -> Result<HashMap<&str, u32>> {
    let mut out = HashMap::default();
    for sec in obj.sections.iter().filter(|s| s.name == ARGS_SECTION) {
        let bad = || LinkError::malformed(&obj.name, ARGS_SECTION, "truncated record");
        let mut r = Reader {
            d: &sec.data,
            at: 0,
        };
        while r.at < r.d.len() {
            let name = r.string().ok_or_else(bad)?;
            out.insert(name, r.u32().ok_or_else(bad)?);
        }
    }
    Ok(out)
}

struct Reader<'a> {
    d: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn u32(&mut self) -> Option<u32> {
        let b = self.d.get(self.at..self.at.checked_add(4)?)?;
        self.at += 4;
        Some(u32::from_le_bytes(b.try_into().ok()?))
    }

    fn string(&mut self) -> Option<&'a str> {
        let n = self.u32()? as usize;
        let b = self.d.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        std::str::from_utf8(b).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_cover_the_function() {
        let t = InlineTree {
            nodes: Vec::new(),
            ranges: vec![(4, 8, 0), (8, 10, 1), (12, 14, 0)],
        };
        assert_eq!(
            t.runs(20),
            vec![(4, -1), (8, 0), (10, 1), (12, -1), (14, 0), (20, -1)]
        );
    }
}
