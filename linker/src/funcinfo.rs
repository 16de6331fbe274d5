//! What `.gopclntab` says of an object's functions beyond their pc-value tables
//! ([`crate::pcvalues`]): each function's inlined calls and its table of the inlined call at
//! each pc ([`crate::inltree`]), the bytes of its parameters (`.tbuild.args`) and its
//! deferinfo symbol. All of it is address-independent, so it is derived as the object is
//! read ([`crate::read::read_object`]): a driver reads the objects it has on a helper while
//! it compiles the rest ([`crate::ReadAhead`]), and `collect_pc_tables` then only gathers
//! it. Done in that pass instead, it was half of the pass (callgrind of a hello link: 3.5 of
//! 6.6 M instructions) and on the path of every build that compiled anything.

use crate::bytes::Bytes;
use crate::error::Result;
use crate::inltree::{self, INLINE_SECTION};
use crate::pclntab::{func_id, table_name, DEFER_INFO_SUFFIX};
use crate::read::Object;
use crate::HashMap;
use std::borrow::Cow;

/// One inlined call (Go's inlinedCall, runtime/symtab.go) before the linker's offsets: its
/// parent node, the callee's name and funcID, the file of the call (an index into the
/// object's line files, as pcfile's values) and its line, and the offset of an instruction
/// of the caller at the call.
#[derive(Debug, Clone)]
pub struct Inlined {
    pub parent: i16,
    /// The callee's symbol: a view of the object's inline section.
    callee: Bytes,
    /// The callee's name as the tables print it, where that is not its symbol (a generic
    /// function's: [`crate::pclntab::table_name`]).
    printed: Option<String>,
    pub func_id: u8,
    pub file: i32,
    pub line: i32,
    pub parent_pc: i32,
}

impl Inlined {
    /// The callee's name as the tables print it.
    pub fn name(&self) -> &str {
        match &self.printed {
            Some(p) => p,
            // (checked as UTF-8 when the section was read)
            None => std::str::from_utf8(&self.callee).unwrap_or_default(),
        }
    }
}

/// One function's facts (those it has: most have no inlined calls).
#[derive(Debug, Clone, Default)]
pub struct FuncInfo {
    pub inlined: Vec<Inlined>,
    /// PCDATA_InlTreeIndex: the node of each pc, -1 outside inlined code (empty when the
    /// function inlined nothing).
    pub pcinl: Vec<u8>,
    pub args: Option<u32>,
    /// The index of its `F·deferinfo` symbol in the object.
    pub defer_info: Option<usize>,
}

/// The facts of an object's functions, by symbol index.
#[derive(Debug, Clone, Default)]
pub struct FuncInfos(Vec<(usize, FuncInfo)>);

impl FuncInfos {
    /// The facts of the function that symbol `sym` defines, if it has any.
    pub fn get(&self, sym: usize) -> Option<&FuncInfo> {
        let i = self.0.binary_search_by_key(&sym, |e| e.0).ok()?;
        Some(&self.0[i].1)
    }
}

/// An object with this many functions has their facts derived in parallel.
const PARALLEL_FUNCTIONS: usize = 256;

/// The facts of every function of `obj`, whose pc-value tables are read already. A damaged
/// inline or parameter section is the object's malformed-object error.
pub fn derive(obj: &Object) -> Result<FuncInfos> {
    let trees = inltree::read(obj)?;
    let args = inltree::read_args(obj)?;
    let defer_infos: HashMap<&str, usize> = obj
        .symbols
        .iter()
        .enumerate()
        .filter_map(|(i, s)| Some((s.name.strip_suffix(DEFER_INFO_SUFFIX)?, i)))
        .collect();
    let inline_sections: Vec<&Bytes> = (obj.sections.iter())
        .filter(|s| s.name == INLINE_SECTION)
        .map(|s| &s.data)
        .collect();
    // A callee's name as a view of the section it was read from.
    let view = |name: &str| {
        inline_sections
            .iter()
            .find_map(|d| d.slice_of(name.as_bytes()))
            .unwrap_or_default()
    };
    let functions: Vec<(usize, usize, u64)> = (obj.symbols.iter().enumerate())
        .filter_map(|(si, sym)| {
            let (section, value) = crate::pcvalues::function_place(obj, sym)?;
            Some((si, section, value))
        })
        .collect();
    let facts = |&(si, section, value): &(usize, usize, u64)| {
        let sym = &obj.symbols[si];
        let name = sym.name.as_str();
        let mut info = FuncInfo {
            args: args.get(name).copied(),
            defer_info: defer_infos.get(name).copied(),
            ..FuncInfo::default()
        };
        if let Some(tree) = trees.get(name) {
            let code_len = (obj.sections[section].data.len())
                .saturating_sub(value as usize)
                .min(sym.size as usize) as u32;
            let values = obj.pc_values.get(section, value, sym.size);
            let file_runs = crate::pclntab::decode_pcvalue(values.map_or(&[][..], |v| v.pcfile));
            info.inlined = (tree.nodes.iter())
                .map(|n| {
                    let printed = table_name(n.callee);
                    Inlined {
                        parent: n.parent as i16,
                        callee: view(n.callee),
                        func_id: func_id(&printed),
                        printed: match printed {
                            Cow::Owned(p) => Some(p),
                            Cow::Borrowed(_) => None,
                        },
                        // The run holding parentPc (runs are ascending by end; a function may
                        // hold 100,000 inlined calls, so not a linear search per call).
                        file: file_runs
                            .get(file_runs.partition_point(|r| r.0 <= n.parent_pc))
                            .map_or(0, |r| r.1.max(0)),
                        line: n.line as i32,
                        parent_pc: n.parent_pc as i32,
                    }
                })
                .collect();
            info.pcinl = crate::pclntab::encode_pcvalue(&tree.runs(code_len));
        }
        let any = info.args.is_some() || info.defer_info.is_some() || !info.inlined.is_empty();
        any.then_some((si, info))
    };
    // The runtime's object holds most of a program's functions, and a link reads it while
    // the other objects are read beside it (par::map_heaviest_first): its functions are
    // shared with the threads that have finished theirs. A small object's are not worth
    // waking them for.
    let out: Vec<(usize, FuncInfo)> = if functions.len() >= PARALLEL_FUNCTIONS {
        crate::par::map(&functions, facts)
            .into_iter()
            .flatten()
            .collect()
    } else {
        functions.iter().filter_map(facts).collect()
    };
    Ok(FuncInfos(out))
}
