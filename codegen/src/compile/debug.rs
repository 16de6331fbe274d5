//! Debug information for compiled code: where each machine-code byte came from, where the
//! frame is, and where the locals are, as DWARF in the object (see [`crate::dwarf`] for what
//! is written). tbuild's linker relocates and concatenates it into the executable for gdb,
//! `objdump -l` and `addr2line`, and reads `.debug_line` back for Go's pc/line tables.
//!
//! The data comes from Cranelift, per function, right after it compiled the function
//! ([`capture`]):
//! - lines: the machine-code ranges of each source location (`get_srclocs_sorted`, recorded by
//!   the lowering in [`FuncLines::ranges`]);
//! - frames: Cranelift's System V unwind information (`CompiledCode::create_unwind_info`, with
//!   the `unwind_info` setting on), written as `.debug_frame` CIE/FDEs;
//! - locals: the lowering labels the Cranelift values of each named local of a basic type
//!   (integers, bool, pointers) with the local's object id (`set_val_label`), and Cranelift's
//!   register allocator then reports where each label lives over which code range
//!   (`CompiledCode::value_labels_ranges`: a register or a spill slot at a CFA offset). Those
//!   ranges become a DWARF location list. Locals that live in a stack slot (address-taken
//!   locals of the runtime) get `DW_OP_fbreg` from the slot's frame offset
//!   (`MachBufferFrameLayout`); heap-allocated ones (escaping locals) are found through the
//!   pointer, `*(reg)`.
//!
//! Not covered (gdb prints `<optimized out>` or omits them): a local at a pc where Cranelift
//! reports no location (optimised away, or a value the optimiser rewrote after it was
//! labelled), strings (two values; no pieces are written), structs and arrays.

use cranelift_codegen::gimli::{self, write as gw};
use cranelift_codegen::ir::{self, ValueLabel};
use cranelift_codegen::isa::unwind::UnwindInfo;
use cranelift_codegen::isa::TargetIsa;
use cranelift_codegen::{CompiledCode, LabelValueLoc};
use cranelift_object::ObjectProduct;

use super::lower::FuncLines;
use super::types::{Basic, Type, TypeId, Types};
use crate::dwarf;

/// How a local is stored, for its location.
#[derive(Debug, Clone, Copy)]
pub enum LocalStorage {
    /// In Cranelift values labelled with the local's label.
    Value,
    /// At the address held by Cranelift values labelled with the local's label.
    Pointer,
    /// In a stack slot.
    Slot(ir::StackSlot),
}

/// A named local of the function being lowered.
#[derive(Debug, Clone)]
pub struct Local {
    pub name: String,
    /// The value label (the local's object id).
    pub label: u32,
    pub ty: dwarf::BaseType,
    pub storage: LocalStorage,
    pub param: bool,
    pub line: u32,
}

/// What [`capture`] keeps of a compiled function besides its lines.
#[derive(Debug, Clone, Default)]
pub struct FuncDebug {
    /// (file, line) of the `func` keyword.
    pub decl: (u32, u32),
    pub frame: Option<cranelift_codegen::isa::unwind::systemv::UnwindInfo>,
    pub vars: Vec<dwarf::Var>,
}

/// The DWARF base type of a Go type, for the types a location can describe whole (integers,
/// bool, pointers); None for the others.
pub fn base_type(types: &Types, t: TypeId) -> Option<dwarf::BaseType> {
    let name = types.name(t);
    let (size, encoding) = match types.get(types.under(t)) {
        Type::Basic(Basic::Bool) => (1, gimli::DW_ATE_boolean),
        Type::Basic(Basic::UnsafePointer) | Type::Pointer(_) => (8, gimli::DW_ATE_address),
        Type::Basic(b) => {
            let (size, signed) = b.int_info()?;
            let enc = if signed {
                gimli::DW_ATE_signed
            } else {
                gimli::DW_ATE_unsigned
            };
            (size as u8, enc)
        }
        _ => return None,
    };
    Some(dwarf::BaseType {
        name,
        size,
        encoding,
    })
}

/// Where a labelled value is, as a DWARF location description (`through_pointer`: the local
/// is at the address the value holds).
fn label_location(
    isa: &dyn TargetIsa,
    loc: &LabelValueLoc,
    through_pointer: bool,
) -> Option<gw::Expression> {
    let mut e = gw::Expression::new();
    match *loc {
        LabelValueLoc::Reg(r) => {
            let reg = gimli::Register(isa.map_regalloc_reg_to_dwarf(r).ok()?);
            if through_pointer {
                // §2.5.1.2 DW_OP_bregN: the memory at reg + 0.
                e.op_breg(reg, 0);
            } else {
                // §2.6.1.1.3 register location description.
                e.op_reg(reg);
            }
        }
        LabelValueLoc::CFAOffset(off) => {
            // The spill slot at CFA + off; the frame base is DW_OP_call_frame_cfa.
            e.op_fbreg(off);
            if through_pointer {
                e.op_deref();
            }
        }
    }
    Some(e)
}

/// Collects, right after Cranelift compiled a function, its frame and local locations.
pub fn capture(
    cc: &CompiledCode,
    isa: &dyn TargetIsa,
    decl: (u32, u32),
    locals: &[Local],
) -> FuncDebug {
    let frame = match cc.create_unwind_info(isa) {
        Ok(Some(UnwindInfo::SystemV(u))) => Some(u),
        _ => None,
    };
    let mut vars = Vec::new();
    for l in locals {
        let location = match l.storage {
            LocalStorage::Slot(ss) => {
                let Some(layout) = cc.buffer.frame_layout() else {
                    continue;
                };
                let Some(slot) = layout.stackslots.get(ss) else {
                    continue;
                };
                // The slot is at FP - frame_to_fp_offset + offset, and FP = CFA - 16 (the
                // return address and the saved frame pointer are above it).
                let off = i64::from(slot.offset) - i64::from(layout.frame_to_fp_offset) - 16;
                let mut e = gw::Expression::new();
                e.op_fbreg(off);
                dwarf::VarLocation::Always(e)
            }
            LocalStorage::Value | LocalStorage::Pointer => {
                let through = matches!(l.storage, LocalStorage::Pointer);
                let Some(ranges) = cc.value_labels_ranges.get(&ValueLabel::from_u32(l.label))
                else {
                    continue;
                };
                let mut out: Vec<(u32, u32, gw::Expression)> = ranges
                    .iter()
                    .filter_map(|r| {
                        label_location(isa, &r.loc, through).map(|e| (r.start, r.end, e))
                    })
                    .collect();
                out.sort_by_key(|r| (r.0, r.1));
                if out.is_empty() {
                    continue;
                }
                dwarf::VarLocation::Ranges(out)
            }
        };
        vars.push(dwarf::Var {
            name: l.name.clone(),
            ty: l.ty.clone(),
            param: l.param,
            location,
            decl_line: l.line,
        });
    }
    FuncDebug { decl, frame, vars }
}

/// Adds the package's DWARF (one compilation unit named after the package) to the object.
pub fn add_debug_info(
    product: &mut ObjectProduct,
    lines: &[FuncLines],
    file_names: &[String],
) -> Result<(), String> {
    let Some(first) = lines.first() else {
        return Ok(());
    };
    let package = first
        .symbol
        .split_once('.')
        .map_or(first.symbol.as_str(), |(p, _)| p)
        .to_string();
    let cie = super::target_isa()
        .ok()
        .and_then(|isa| isa.create_systemv_cie());
    let funcs = lines
        .iter()
        .map(|l| dwarf::Func {
            name: l.symbol.clone(),
            symbol: product.function_symbol(l.func_id),
            size: u64::from(l.size),
            decl_file: l.debug.decl.0,
            decl_line: l.debug.decl.1,
            rows: l.ranges.iter().map(|r| (r.start, r.file, r.line)).collect(),
            external: true,
            frame: l.debug.frame.clone(),
            vars: l.debug.vars.clone(),
            inlined: super::lower::inline::subtree_ranges(l)
                .into_iter()
                .zip(&l.inlined)
                .map(|(ranges, c)| dwarf::Inlined {
                    parent: c.parent,
                    callee: c.callee.clone(),
                    call_file: c.file,
                    call_line: c.line,
                    ranges,
                })
                .collect(),
        })
        .collect();
    let unit = dwarf::Unit {
        name: package,
        // As Go's linker (cmd/link/internal/ld/dwarf.go getCompilationDir): file names are
        // as the compiler was given them.
        comp_dir: ".".to_string(),
        language: gimli::DW_LANG_Go,
        files: file_names.to_vec(),
        funcs,
        cie,
    };
    dwarf::add_unit(&mut product.object, &unit)
}
