//! Pass 6, `apply_relocations`: patch every relocation of every kept input section into the
//! output section bytes. One table, [`RELOCS`], says for each `R_X86_64_*` type how many bytes
//! it writes, which range the value must fit, and whether it is PC-relative; values are
//! computed with the psABI's letters (System V AMD64 psABI §4.4): S = the symbol's address,
//! A = the addend, P = the address of the field. There is no PLT and no GOT in a static Go
//! binary: PLT32 is S+A−P like PC32 (as Go's own `R_CALL`, cmd/link/internal/amd64/asm.go),
//! and the GOT-relative loads GNU `as`/Cranelift emit for PIC code are relaxed to direct
//! forms (`mov foo@GOTPCREL(%rip), %r` → `lea foo(%rip), %r`; `call/jmp *foo@GOTPCREL(%rip)` →
//! `addr32 call foo` / `nop; jmp foo`, the psABI's relaxations); anything else needing a GOT
//! entry is an error. TLS relocations are not supported (Go reaches g through -8(FS)).

use object::elf;

use crate::error::{printable, short, ErrorKind, LinkError, Result};
use crate::layout::{Layout, SECTIONS};
use crate::read::Object;
use crate::resolve::Resolved;

/// The range a relocated value must fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Range {
    /// Two's complement, any value of the field's width (64-bit fields).
    Any,
    /// Fits as a signed number of the field's width.
    Signed,
    /// Fits as an unsigned (zero-extended) number of the field's width.
    Unsigned,
}

/// How one relocation type is applied.
#[derive(Debug, Clone, Copy)]
pub struct RelocHow {
    pub r_type: u32,
    pub name: &'static str,
    /// Field size in bytes.
    pub size: u8,
    pub range: Range,
    /// Value is S + A − P (else S + A).
    pub pc_relative: bool,
    /// The instruction must be relaxed to avoid a GOT (GOTPCREL family).
    pub relax_got: bool,
}

const fn how(
    r_type: u32,
    name: &'static str,
    size: u8,
    range: Range,
    pc_relative: bool,
) -> RelocHow {
    RelocHow {
        r_type,
        name,
        size,
        range,
        pc_relative,
        relax_got: false,
    }
}

const fn got(r_type: u32, name: &'static str) -> RelocHow {
    RelocHow {
        r_type,
        name,
        size: 4,
        range: Range::Signed,
        pc_relative: true,
        relax_got: true,
    }
}

/// Every supported relocation type.
pub const RELOCS: &[RelocHow] = &[
    how(elf::R_X86_64_64, "R_X86_64_64", 8, Range::Any, false),
    how(elf::R_X86_64_PC32, "R_X86_64_PC32", 4, Range::Signed, true),
    how(
        elf::R_X86_64_PLT32,
        "R_X86_64_PLT32",
        4,
        Range::Signed,
        true,
    ),
    how(elf::R_X86_64_32, "R_X86_64_32", 4, Range::Unsigned, false),
    how(elf::R_X86_64_32S, "R_X86_64_32S", 4, Range::Signed, false),
    how(elf::R_X86_64_16, "R_X86_64_16", 2, Range::Unsigned, false),
    how(elf::R_X86_64_PC16, "R_X86_64_PC16", 2, Range::Signed, true),
    how(elf::R_X86_64_8, "R_X86_64_8", 1, Range::Unsigned, false),
    how(elf::R_X86_64_PC8, "R_X86_64_PC8", 1, Range::Signed, true),
    how(elf::R_X86_64_PC64, "R_X86_64_PC64", 8, Range::Any, true),
    got(elf::R_X86_64_GOTPCREL, "R_X86_64_GOTPCREL"),
    got(elf::R_X86_64_GOTPCRELX, "R_X86_64_GOTPCRELX"),
    got(elf::R_X86_64_REX_GOTPCRELX, "R_X86_64_REX_GOTPCRELX"),
];

/// The psABI name of a relocation type, for messages about types the linker does not apply.
fn type_name(r_type: u32) -> String {
    const OTHER: &[(u32, &str)] = &[
        (elf::R_X86_64_GOT32, "R_X86_64_GOT32"),
        (elf::R_X86_64_COPY, "R_X86_64_COPY"),
        (elf::R_X86_64_GLOB_DAT, "R_X86_64_GLOB_DAT"),
        (elf::R_X86_64_JUMP_SLOT, "R_X86_64_JUMP_SLOT"),
        (elf::R_X86_64_RELATIVE, "R_X86_64_RELATIVE"),
        (elf::R_X86_64_DTPMOD64, "R_X86_64_DTPMOD64"),
        (elf::R_X86_64_DTPOFF64, "R_X86_64_DTPOFF64"),
        (elf::R_X86_64_TPOFF64, "R_X86_64_TPOFF64"),
        (elf::R_X86_64_TLSGD, "R_X86_64_TLSGD"),
        (elf::R_X86_64_TLSLD, "R_X86_64_TLSLD"),
        (elf::R_X86_64_DTPOFF32, "R_X86_64_DTPOFF32"),
        (elf::R_X86_64_GOTTPOFF, "R_X86_64_GOTTPOFF"),
        (elf::R_X86_64_TPOFF32, "R_X86_64_TPOFF32"),
        (elf::R_X86_64_GOTOFF64, "R_X86_64_GOTOFF64"),
        (elf::R_X86_64_GOTPC32, "R_X86_64_GOTPC32"),
        (elf::R_X86_64_GOT64, "R_X86_64_GOT64"),
        (elf::R_X86_64_GOTPCREL64, "R_X86_64_GOTPCREL64"),
        (elf::R_X86_64_GOTPC64, "R_X86_64_GOTPC64"),
        (elf::R_X86_64_PLTOFF64, "R_X86_64_PLTOFF64"),
        (elf::R_X86_64_SIZE32, "R_X86_64_SIZE32"),
        (elf::R_X86_64_SIZE64, "R_X86_64_SIZE64"),
        (elf::R_X86_64_IRELATIVE, "R_X86_64_IRELATIVE"),
    ];
    OTHER.iter().find(|(t, _)| *t == r_type).map_or_else(
        || format!("type {r_type}"),
        |(_, n)| format!("{n} ({r_type})"),
    )
}

/// Whether `v` fits a field of `size` bytes under `range`.
fn fits(v: i128, size: u8, range: Range) -> bool {
    let bits = u32::from(size) * 8;
    match range {
        Range::Any => v >= -(1i128 << (bits - 1)) && v < (1i128 << bits),
        Range::Signed => v >= -(1i128 << (bits - 1)) && v < (1i128 << (bits - 1)),
        Range::Unsigned => v >= 0 && v < (1i128 << bits),
    }
}

/// Pass 6: apply all relocations.
pub fn apply_relocations(
    objects: &[Object],
    resolved: &Resolved,
    layout: &mut Layout,
) -> Result<()> {
    for (oi, obj) in objects.iter().enumerate() {
        for (si, sec) in obj.sections.iter().enumerate() {
            let (Some(out), Some(base)) = (sec.out, layout.input_addr[oi][si]) else {
                continue;
            };
            if sec.relocs.is_empty() {
                continue;
            }
            // A section with contents that lands in a zero-filled output (a PROGBITS `.bss`
            // holding zeros) keeps no bytes there to patch.
            if SECTIONS[out].sh_type == elf::SHT_NOBITS {
                return Err(LinkError::new(
                    ErrorKind::UnsupportedSection,
                    format!(
                        "{}: section {} has relocations but goes to {}, which holds only zeros",
                        obj.name,
                        printable(&sec.name),
                        SECTIONS[out].name
                    ),
                ));
            }
            let out_addr = layout.sections[out].addr;
            for r in &sec.relocs {
                let sym = &obj.symbols[r.symbol];
                let place = || format!("{} ({}+{:#x})", obj.name, printable(&sec.name), r.offset);
                if r.r_type == elf::R_X86_64_NONE {
                    continue;
                }
                let Some(how) = RELOCS.iter().find(|h| h.r_type == r.r_type) else {
                    return Err(LinkError::new(
                        ErrorKind::UnknownRelocation,
                        format!(
                            "unsupported relocation {} against {:?} in {}",
                            type_name(r.r_type),
                            short(&sym.name),
                            place()
                        ),
                    ));
                };
                let size = u64::from(how.size);
                if sec.nobits
                    || r.offset
                        .checked_add(size)
                        .is_none_or(|end| end > sec.data.len() as u64)
                {
                    return Err(LinkError::malformed(
                        &obj.name,
                        &sec.name,
                        format!("{} at {:#x} is outside the section", how.name, r.offset),
                    ));
                }
                let target = resolved.target(oi, r.symbol);
                let Some(s) = layout.target_address(objects, target) else {
                    return Err(LinkError::new(
                        ErrorKind::Undefined,
                        format!(
                            "undefined: {:?} (referenced by {})",
                            short(&sym.name),
                            obj.name
                        ),
                    ));
                };
                let at = (base - out_addr + r.offset) as usize;
                let data = &mut layout.sections[out].data;
                let field = &data[at..at + how.size as usize];
                // A: explicit (RELA) or the field's current contents (REL).
                let a: i128 = match r.addend {
                    Some(a) => a.into(),
                    None => {
                        let mut raw = [0u8; 8];
                        raw[..field.len()].copy_from_slice(field);
                        let v = u64::from_le_bytes(raw);
                        if how.range == Range::Unsigned {
                            v.into()
                        } else {
                            let shift = 64 - 8 * how.size as u32;
                            (((v << shift) as i64) >> shift).into()
                        }
                    }
                };
                let p = base + r.offset;
                if how.relax_got {
                    relax_got(data, at, r.offset, how, &short(&sym.name), &place)?;
                }
                let v = i128::from(s) + a - if how.pc_relative { i128::from(p) } else { 0 };
                if !fits(v, how.size, how.range) {
                    let range = match how.range {
                        Range::Any => "",
                        Range::Signed => " (signed)",
                        Range::Unsigned => " (unsigned)",
                    };
                    return Err(LinkError::new(
                        ErrorKind::RelocationOverflow,
                        format!(
                            "relocation overflow: {} against {:?} in {}: value {v:#x} does not fit in {} bits{range}",
                            how.name,
                            short(&sym.name),
                            place(),
                            size * 8
                        ),
                    ));
                }
                let bytes = (v as u64).to_le_bytes();
                data[at..at + how.size as usize].copy_from_slice(&bytes[..how.size as usize]);
            }
        }
    }
    Ok(())
}

/// Rewrite a GOT-indirect instruction into its direct form (psABI "Optimize GOTPCRELX"), so the
/// field can hold S+A−P: `mov disp(%rip), %r` (8b /r, mod=00 rm=101) → `lea` (8d); and for
/// GOTPCRELX/REX_GOTPCRELX also `call *disp(%rip)` (ff 15) → `addr32 call` (67 e8) and
/// `jmp *disp(%rip)` (ff 25) → `nop; jmp` (90 e9).
fn relax_got(
    data: &mut [u8],
    at: usize,
    offset_in_section: u64,
    how: &RelocHow,
    sym: &str,
    place: &dyn Fn() -> String,
) -> Result<()> {
    let err = |what: String| {
        LinkError::new(
            ErrorKind::RelocationOverflow,
            format!(
                "{} against {sym:?} in {}: {what}; tbuild links statically and makes no GOT",
                how.name,
                place()
            ),
        )
    };
    if offset_in_section < 2 {
        return Err(err("no instruction before the field".to_string()));
    }
    let (op, modrm) = (data[at - 2], data[at - 1]);
    let x_form = how.r_type != elf::R_X86_64_GOTPCREL;
    match (op, modrm) {
        (0x8b, m) if m & 0xc7 == 0x05 => data[at - 2] = 0x8d,
        (0xff, 0x15) if x_form => {
            data[at - 2] = 0x67;
            data[at - 1] = 0xe8;
        }
        (0xff, 0x25) if x_form => {
            data[at - 2] = 0x90;
            data[at - 1] = 0xe9;
        }
        _ => {
            return Err(err(format!(
                "cannot relax the instruction (opcode {op:#04x}, modrm {modrm:#04x})"
            )))
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        assert!(fits(0xffff_ffff, 4, Range::Unsigned));
        assert!(!fits(0x1_0000_0000, 4, Range::Unsigned));
        assert!(!fits(-1, 4, Range::Unsigned));
        assert!(fits(-0x8000_0000, 4, Range::Signed));
        assert!(!fits(0x8000_0000, 4, Range::Signed));
        assert!(fits(-1, 8, Range::Any));
        assert!(fits(u64::MAX.into(), 8, Range::Any));
        assert!(!fits(-129, 1, Range::Signed));
    }

    #[test]
    fn table_has_each_type_once() {
        for (i, a) in RELOCS.iter().enumerate() {
            assert!(
                RELOCS[i + 1..].iter().all(|b| b.r_type != a.r_type),
                "{}",
                a.name
            );
        }
        assert!(type_name(elf::R_X86_64_TPOFF32).starts_with("R_X86_64_TPOFF32"));
    }
}
