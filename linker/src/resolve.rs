//! Pass 2, `resolve_symbols`: bind every symbol reference of every object to one definition.
//!
//! Globals are resolved across objects, locals (including section symbols, which relocations
//! often use with an addend) within their own object. The rules, after Go's loader
//! (cmd/link/internal/loader/loader.go `(*loadState).addSym`) and ELF's weak binding:
//! - a strong definition beats a weak one; two weak ones: the first wins;
//! - two strong definitions: if exactly one has content (DATA) and the other is zero (BSS,
//!   `SHT_NOBITS` or `SHN_COMMON`), the one with content wins — this is how `var g0 g` declared
//!   in Go gets its initial bytes from an assembly `DATA`/`GLOBL` — provided it is at least as
//!   large as the zero one declares (otherwise references from the zero side would reach past
//!   it; Go 1.19 silently keeps the smaller size); if both are BSS the larger wins (the first
//!   of equals); if both have content it is a duplicate definition (Go: "duplicated
//!   definition of symbol"). The winner keeps its own section and size;
//! - an undefined weak reference resolves to 0; an undefined strong one that a relocation uses
//!   is an error naming the symbol and the referencing objects (Go: "relocation target %s not
//!   defined", ld/errors.go), and a missing `main.main` gets Go's own words, "function main is
//!   undeclared in the main package";
//! - the boundary symbols of [`crate::layout::SECTIONS`] (`runtime.text`, `runtime.etext`, ...)
//!   are defined by the linker only, as Go's `xdefine` does (ld/data.go `(*Link).address`).

use crate::HashMap;
use std::collections::{BTreeMap, BTreeSet};

use object::elf;

use crate::error::{printable, short, ErrorKind, LinkError, Result};
use crate::layout;
use crate::read::{Bind, Def, Object};
use crate::Options;

/// A symbol of an input: (object index, symbol index).
pub type SymId = (usize, usize);

/// What a symbol reference resolves to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The definition `SymId`.
    Defined(SymId),
    /// A linker-defined boundary symbol.
    Linker(&'static str),
    /// An undefined weak symbol (or the null symbol): address 0.
    Zero,
    /// Defined only in a section the linker drops (the `SymId` names that definition).
    Dropped(SymId),
    /// Not defined anywhere.
    Undefined,
}

/// The outcome of resolution.
#[derive(Debug)]
pub struct Resolved {
    /// `targets[obj][sym]`: what symbol `sym` of object `obj` refers to.
    pub targets: Vec<Vec<Target>>,
    /// `emitted[obj][sym]`: the symbol is a live definition (a local, or the winning global).
    pub emitted: Vec<Vec<bool>>,
    /// `sizes[obj][sym]`: each symbol's size.
    pub sizes: Vec<Vec<u64>>,
    /// The entry symbol's definition.
    pub entry: SymId,
}

impl Resolved {
    /// The address-independent definition a reference of `obj`'s symbol `sym` names.
    pub fn target(&self, obj: usize, sym: usize) -> Target {
        self.targets[obj][sym]
    }
}

struct GlobalDef {
    id: SymId,
    strong: bool,
    content: bool,
    size: u64,
}

/// Go's name for the program's entry function; a Go executable must define it.
pub const MAIN_MAIN: &str = "main.main";

/// Pass 2: resolve all symbols.
pub fn resolve_symbols(objects: &[Object], opts: &Options) -> Result<Resolved> {
    // Hashed: asked of every global symbol, twice (a BTreeSet cost 25,000 string compares).
    let linker_names: crate::HashSet<&'static str> = layout::linker_symbol_names().collect();
    // A HashMap for speed; nothing below depends on its iteration order.
    let mut globals: HashMap<&str, GlobalDef> = HashMap::default();

    for (oi, obj) in objects.iter().enumerate() {
        for (si, sym) in obj.symbols.iter().enumerate().skip(1) {
            if sym.bind == Bind::Local {
                continue;
            }
            let content = match sym.def {
                Def::Undefined | Def::Dropped { .. } => continue,
                Def::Absolute(_) => true,
                Def::Section { section, .. } => !obj.sections[section].nobits,
            };
            if linker_names.contains(sym.name.as_str()) {
                return Err(LinkError::new(
                    ErrorKind::Duplicate,
                    format!(
                        "duplicate symbol definition: {:?} is defined by the linker and in {}",
                        short(&sym.name),
                        obj.name
                    ),
                ));
            }
            let new = GlobalDef {
                id: (oi, si),
                strong: sym.bind != Bind::Weak,
                content,
                size: sym.size,
            };
            let Some(old) = globals.get_mut(sym.name.as_str()) else {
                globals.insert(&sym.name, new);
                continue;
            };
            match (old.strong, new.strong) {
                (false, true) => *old = new,
                (_, false) => {}
                (true, true) => match (old.content, new.content) {
                    (true, true) => {
                        return Err(LinkError::new(
                            ErrorKind::Duplicate,
                            format!(
                                "duplicate symbol definition: {:?} in {} and {}",
                                short(&sym.name),
                                objects[old.id.0].name,
                                obj.name
                            ),
                        ))
                    }
                    // BSS override: the definition with content wins, unless the zero one
                    // declares the symbol larger than the content is.
                    (false, true) | (true, false) => {
                        let (data, zero) = if new.content {
                            (&new, &*old)
                        } else {
                            (&*old, &new)
                        };
                        if zero.size > data.size {
                            return Err(LinkError::new(
                                ErrorKind::Duplicate,
                                format!(
                                    "duplicate symbol definition: {:?} is {} bytes of data in {} but declared with {} bytes in {}",
                                    short(&sym.name),
                                    data.size,
                                    objects[data.id.0].name,
                                    zero.size,
                                    objects[zero.id.0].name
                                ),
                            ));
                        }
                        if new.content {
                            *old = new;
                        }
                    }
                    // Two zero definitions: the larger wins (the first of equals).
                    (false, false) => {
                        if new.size > old.size {
                            *old = new;
                        }
                    }
                },
            }
        }
    }

    let mut targets = Vec::with_capacity(objects.len());
    let mut emitted = Vec::with_capacity(objects.len());
    let mut sizes = Vec::with_capacity(objects.len());
    for (oi, obj) in objects.iter().enumerate() {
        let mut t = Vec::with_capacity(obj.symbols.len());
        let mut e = Vec::with_capacity(obj.symbols.len());
        let mut z = Vec::with_capacity(obj.symbols.len());
        for (si, sym) in obj.symbols.iter().enumerate() {
            let (target, live) = if si == 0 {
                (Target::Zero, false)
            } else if sym.bind == Bind::Local {
                match sym.def {
                    Def::Section { .. } | Def::Absolute(_) => {
                        (Target::Defined((oi, si)), nameable(sym))
                    }
                    Def::Dropped { .. } => (Target::Dropped((oi, si)), false),
                    Def::Undefined => (Target::Undefined, false),
                }
            } else if let Some(name) = linker_names.get(sym.name.as_str()) {
                (Target::Linker(name), false)
            } else if let Some(g) = globals.get(sym.name.as_str()) {
                (Target::Defined(g.id), g.id == (oi, si))
            } else if matches!(sym.def, Def::Dropped { .. }) {
                (Target::Dropped((oi, si)), false)
            } else if sym.bind == Bind::Weak {
                (Target::Zero, false)
            } else {
                (Target::Undefined, false)
            };
            t.push(target);
            e.push(live);
            z.push(sym.size);
        }
        targets.push(t);
        emitted.push(e);
        sizes.push(z);
    }

    let entry = check_references(objects, &targets, &globals, opts)?;
    Ok(Resolved {
        targets,
        emitted,
        sizes,
        entry,
    })
}

/// Symbols that name something worth a symbol-table entry (not section or file symbols).
fn nameable(sym: &crate::read::Symbol) -> bool {
    !sym.name.is_empty() && sym.kind != elf::STT_SECTION && sym.kind != elf::STT_FILE
}

/// Report every undefined symbol some relocation uses, `main.main`, and the entry symbol.
fn check_references(
    objects: &[Object],
    targets: &[Vec<Target>],
    globals: &HashMap<&str, GlobalDef>,
    opts: &Options,
) -> Result<SymId> {
    // name -> referencing objects, in a deterministic order.
    let mut undefined: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut dropped: BTreeMap<&str, String> = BTreeMap::new();
    for (oi, obj) in objects.iter().enumerate() {
        for sec in &obj.sections {
            if sec.out.is_none() {
                continue;
            }
            for r in &sec.relocs {
                match targets[oi][r.symbol] {
                    Target::Undefined => {
                        undefined
                            .entry(obj.symbols[r.symbol].name.as_str())
                            .or_default()
                            .insert(obj.name.as_str());
                    }
                    Target::Dropped((doi, dsi)) => {
                        dropped.entry(obj.symbols[r.symbol].name.as_str()).or_insert_with(|| {
                            format!(
                                "relocation target {:?} (referenced by {}) is defined in a section the linker drops, in {}",
                                short(&objects[doi].symbols[dsi].name), obj.name, objects[doi].name
                            )
                        });
                    }
                    _ => {}
                }
            }
        }
    }
    let main_missing = !globals.contains_key(MAIN_MAIN);
    let entry = globals.get(opts.entry.as_str()).map(|g| g.id);
    // The entry point must be code: execution starts there.
    if let Some((oi, si)) = entry {
        let text = layout::out_id(".text");
        let obj = &objects[oi];
        let where_ = match obj.symbols[si].def {
            Def::Section { section, .. } if obj.sections[section].out == Some(text) => None,
            Def::Section { section, .. } => Some(format!(
                "in section {} of {}",
                printable(&obj.sections[section].name),
                obj.name
            )),
            _ => Some(format!("as an absolute value in {}", obj.name)),
        };
        if let Some(where_) = where_ {
            return Err(LinkError::new(
                ErrorKind::Undefined,
                format!(
                    "entry symbol {:?} is not code: it is defined {where_}",
                    short(&opts.entry)
                ),
            ));
        }
    }
    if undefined.is_empty() && dropped.is_empty() && !main_missing {
        if let Some(entry) = entry {
            return Ok(entry);
        }
    }

    let mut lines = Vec::new();
    if main_missing {
        // Go's words (cmd/link/internal/ld/errors.go).
        lines.push("function main is undeclared in the main package".to_string());
    }
    if entry.is_none() {
        lines.push(format!("undefined: {:?} (the entry symbol)", opts.entry));
    }
    for (name, objs) in &undefined {
        if *name == MAIN_MAIN && main_missing {
            continue;
        }
        let objs: Vec<&str> = objs.iter().copied().collect();
        lines.push(format!(
            "undefined: {:?} (referenced by {})",
            short(name),
            objs.join(", ")
        ));
    }
    lines.extend(dropped.into_values());
    const MAX_LINES: usize = 20;
    if lines.len() > MAX_LINES {
        let more = lines.len() - MAX_LINES;
        lines.truncate(MAX_LINES);
        lines.push(format!("... and {more} more"));
    }
    let kind = if main_missing {
        ErrorKind::MissingMain
    } else {
        ErrorKind::Undefined
    };
    Err(LinkError::new(kind, lines.join("\n")))
}
