//! Encoder: one TEXT function's instructions to machine code and relocations, through iced-x86.
//!
//! Every instruction is built as an `iced_x86::Instruction` and encoded by `iced_x86::Encoder`;
//! there are no opcode tables here. Operands that need a relocation are encoded with a
//! placeholder and the relocation is placed with the encoder's `ConstantOffsets` (the offset and
//! size of the displacement or immediate field); the field itself is then zeroed, as the ELF
//! RELA addend carries the value.
//!
//! Branches to labels and `n(PC)` targets are resolved here with no relocation: every branch
//! starts short (rel8) and is widened to rel32 while its target is out of reach, until the layout
//! stops changing (widening only grows code, so this terminates).
//!
//! Frames follow cmd/internal/obj/x86/obj6.go (`preprocess`): for `TEXT f(SB), $N` with N > 0
//! and no NOFRAME, the function starts with `SUBQ $N+8, SP; MOVQ BP, N(SP); LEAQ N(SP), BP` (the
//! caller's BP is saved at the top of the frame) and every RET is preceded by
//! `MOVQ N(SP), BP; ADDQ $N+8, SP`. A branch to a RET lands on its epilogue, as in Go, where the
//! epilogue replaces the RET Prog. Go also inserts a stack-split check (a call to morestack)
//! unless NOSPLIT; tbuild has no morestack yet, so none is ever inserted.

use crate::HashMap;

use iced_x86::{Code, Encoder, Instruction, MemoryOperand, Register, RepPrefixKind};

use super::arch::{self, Kind, Order, Reg, StrOp};
use super::parse::{Mem, Operand, SymRef};

/// ELF x86-64 relocation types we emit (DESIGN.md "Relocations used").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RelocKind {
    Pc32,
    Plt32,
    Abs32S,
    Abs32,
    Abs64,
}

impl RelocKind {
    pub fn elf_type(self) -> u32 {
        use object::elf;
        match self {
            RelocKind::Pc32 => elf::R_X86_64_PC32,
            RelocKind::Plt32 => elf::R_X86_64_PLT32,
            RelocKind::Abs32S => elf::R_X86_64_32S,
            RelocKind::Abs32 => elf::R_X86_64_32,
            RelocKind::Abs64 => elf::R_X86_64_64,
        }
    }
}

/// A relocation at `offset` (from the start of the function or data symbol).
#[derive(Clone, Debug, PartialEq)]
pub struct Reloc {
    pub offset: usize,
    pub kind: RelocKind,
    pub sym: SymRef,
    pub addend: i64,
}

/// One source instruction ("Prog" in Go's terms) of a function.
#[derive(Clone, Debug)]
pub struct Prog {
    pub line: u32,
    pub op: String,
    pub kind: Kind,
    pub args: Vec<Operand>,
    /// The operands as written, for messages.
    pub text: String,
}

/// A TEXT function as parsed.
#[derive(Clone, Debug, Default)]
pub struct Func {
    /// The line of the TEXT statement (the prologue's line in the line table).
    pub line: u32,
    pub frame: i64,
    pub noframe: bool,
    pub progs: Vec<Prog>,
    /// Label name to the index of the Prog it precedes.
    pub labels: HashMap<String, usize>,
    /// How far PUSHQ/POPQ/ADJSP before the current Prog have moved SP, in program order; named
    /// FP and SP references are adjusted by it, as obj6.go does with its `deltasp`.
    pub sp_delta: std::cell::Cell<i64>,
}

impl Func {
    /// Whether the prologue/epilogue is inserted (obj6.go: only for a positive frame size).
    fn has_frame(&self) -> bool {
        self.frame > 0 && !self.noframe
    }
}

/// A line-numbered error.
pub type LineError = (u32, String);

/// Placeholder for relocated 32-bit fields: large enough that iced picks a 4-byte field.
const PLACEHOLDER: i64 = 0x7fff_fff0;

enum Piece {
    Bytes(Vec<u8>, Vec<Reloc>),
    /// A relative branch to the Prog with this index (short is None for CALL).
    Branch {
        short: Option<Code>,
        near: Code,
        target: usize,
        line: u32,
    },
}

/// What an operand becomes for iced.
#[derive(Clone, Copy)]
enum IOp {
    R(Register),
    I(i64),
    M(MemoryOperand),
}

/// A relocation still to be placed once the instruction is encoded.
#[derive(Clone)]
enum Pending {
    /// In the immediate field.
    Imm(RelocKind, SymRef, i64),
    /// In the displacement field; PC-relative ones get their addend adjusted to the end of the
    /// instruction.
    Disp(RelocKind, SymRef, i64),
}

/// An encoded function: code, relocations and line rows, all relative to the function start.
pub struct Encoded {
    pub code: Vec<u8>,
    pub relocs: Vec<Reloc>,
    /// `(offset, line)`: from `offset` on, the code came from `line` (the prologue from the
    /// TEXT line, each instruction from its own), in increasing offset order.
    pub lines: Vec<(u32, u32)>,
}

/// Encodes a function: its code, relocations and line rows.
pub fn function(f: &Func) -> Result<Encoded, Vec<LineError>> {
    let mut errors = Vec::new();
    let mut pieces: Vec<Piece> = Vec::new();
    // prog_start[i]: index of the first piece of Prog i (or of whatever follows, if it is empty).
    let mut prog_start = Vec::with_capacity(f.progs.len() + 1);
    if f.has_frame() {
        // The inserted prologue is the TEXT statement's (as obj6.go positions it).
        let line = f.line;
        for (op, args) in prologue(f.frame) {
            match form_piece(op, &args, f) {
                Ok(p) => pieces.push(p),
                Err(e) => errors.push((line, e)),
            }
        }
    }
    f.sp_delta.set(0);
    for p in &f.progs {
        prog_start.push(pieces.len());
        match prog(p, f, &mut pieces) {
            Ok(()) => {}
            Err(e) => errors.push((p.line, e)),
        }
        let moved = match (p.op.as_str(), p.args.as_slice()) {
            ("PUSHQ" | "PUSHFQ", _) => 8,
            ("POPQ" | "POPFQ", _) => -8,
            ("ADJSP", [Operand::Imm(n)]) => *n,
            _ => 0,
        };
        f.sp_delta.set(f.sp_delta.get().wrapping_add(moved));
    }
    prog_start.push(pieces.len());
    if !errors.is_empty() {
        return Err(errors);
    }
    let (code, relocs, offsets) = layout(&pieces, &prog_start)?;
    // Line rows (cmd/internal/obj/x86/obj6.go gives the inserted prologue the TEXT's position).
    let mut lines = Vec::new();
    if f.has_frame() {
        lines.push((0, f.line));
    }
    for (i, p) in f.progs.iter().enumerate() {
        let (start, end) = (offsets[prog_start[i]], offsets[prog_start[i + 1]]);
        if end > start {
            lines.push((start as u32, p.line));
        }
    }
    Ok(Encoded {
        code,
        relocs,
        lines,
    })
}

fn prologue(frame: i64) -> Vec<(&'static str, Vec<Operand>)> {
    let sp = Operand::Reg(Reg::Gp(4));
    let bp = Operand::Reg(Reg::Gp(5));
    let slot = Operand::Mem(Mem {
        sym: None,
        off: frame,
        base: Some(Reg::Gp(4)),
        index: None,
    });
    vec![
        ("SUBQ", vec![Operand::Imm(frame + 8), sp]),
        ("MOVQ", vec![bp.clone(), slot.clone()]),
        ("LEAQ", vec![slot, bp]),
    ]
}

fn epilogue(frame: i64) -> Vec<(&'static str, Vec<Operand>)> {
    let slot = Operand::Mem(Mem {
        sym: None,
        off: frame,
        base: Some(Reg::Gp(4)),
        index: None,
    });
    vec![
        ("MOVQ", vec![slot, Operand::Reg(Reg::Gp(5))]),
        (
            "ADDQ",
            vec![Operand::Imm(frame + 8), Operand::Reg(Reg::Gp(4))],
        ),
    ]
}

fn form_piece(op: &str, args: &[Operand], f: &Func) -> Result<Piece, String> {
    let Some(Kind::Form {
        order,
        sizes,
        codes,
    }) = arch::lookup(op)
    else {
        return Err(format!("internal error: no form for {op}"));
    };
    let (bytes, relocs) = encode_form(op, "", order, sizes, codes, args, f)?;
    Ok(Piece::Bytes(bytes, relocs))
}

fn iced_err(e: impl std::fmt::Display) -> String {
    format!("invalid instruction: {e}")
}

/// Encodes one instruction at address 0 (position-independent: RIP-relative fields are
/// relocated and branches are handled separately).
fn encode_one(ins: &Instruction) -> Result<(Vec<u8>, iced_x86::ConstantOffsets), String> {
    let mut enc = Encoder::new(64);
    enc.encode(ins, 0).map_err(iced_err)?;
    let offs = enc.get_constant_offsets();
    Ok((enc.take_buffer(), offs))
}

fn prog(p: &Prog, f: &Func, pieces: &mut Vec<Piece>) -> Result<(), String> {
    let a = &p.args;
    match p.kind {
        Kind::Form {
            order,
            sizes,
            codes,
        } => {
            let (bytes, relocs) = encode_form(&p.op, &p.text, order, sizes, codes, a, f)?;
            pieces.push(Piece::Bytes(bytes, relocs));
        }
        Kind::Nop => {}
        Kind::Adjsp => {
            let [Operand::Imm(n)] = a.as_slice() else {
                return Err("ADJSP: expected immediate constant".into());
            };
            let sp = Operand::Reg(Reg::Gp(4));
            let (op, v) = if *n >= 0 {
                ("SUBQ", *n)
            } else {
                ("ADDQ", n.wrapping_neg())
            };
            pieces.push(form_piece(op, &[Operand::Imm(v), sp], f)?);
        }
        Kind::Prefix(b) => {
            if !a.is_empty() {
                return Err(format!("wrong number of arguments to {} instruction", p.op));
            }
            pieces.push(Piece::Bytes(vec![b], Vec::new()));
        }
        Kind::Data(width) => {
            let [Operand::Imm(v)] = a.as_slice() else {
                return Err(format!("{}: expected immediate constant", p.op));
            };
            let ins = match width {
                1 => Instruction::with_declare_byte_1(*v as u8),
                2 => Instruction::with_declare_word_1(*v as u16),
                4 => Instruction::with_declare_dword_1(*v as u32),
                _ => Instruction::with_declare_qword_1(*v as u64),
            };
            pieces.push(Piece::Bytes(encode_one(&ins)?.0, Vec::new()));
        }
        Kind::Str(s) => {
            if !a.is_empty() {
                return Err(format!("wrong number of arguments to {} instruction", p.op));
            }
            let none = RepPrefixKind::None;
            let ins = match s {
                StrOp::Stosb => Instruction::with_stosb(64, none),
                StrOp::Stosl => Instruction::with_stosd(64, none),
                StrOp::Stosq => Instruction::with_stosq(64, none),
                StrOp::Movsb => Instruction::with_movsb(64, Register::None, none),
                StrOp::Movsl => Instruction::with_movsd(64, Register::None, none),
                StrOp::Movsq => Instruction::with_movsq(64, Register::None, none),
                StrOp::Lodsb => Instruction::with_lodsb(64, Register::None, none),
                StrOp::Lodsq => Instruction::with_lodsq(64, Register::None, none),
                StrOp::Cmpsb => Instruction::with_cmpsb(64, Register::None, none),
                StrOp::Scasb => Instruction::with_scasb(64, none),
            }
            .map_err(iced_err)?;
            pieces.push(Piece::Bytes(encode_one(&ins)?.0, Vec::new()));
        }
        Kind::Ret => {
            if !a.is_empty() {
                return Err("RET takes no operands".into());
            }
            if f.has_frame() {
                for (op, args) in epilogue(f.frame) {
                    pieces.push(form_piece(op, &args, f)?);
                }
            }
            let (bytes, _) = encode_one(&Instruction::with(Code::Retnq))?;
            pieces.push(Piece::Bytes(bytes, Vec::new()));
        }
        Kind::Jump { short, near } => {
            let [target] = a.as_slice() else {
                return Err(format!("wrong number of arguments to {} instruction", p.op));
            };
            pieces.push(branch(p, Some(short), near, Code::Jmp_rm64, target, f)?);
        }
        Kind::Call => {
            let [target] = a.as_slice() else {
                return Err("wrong number of arguments to CALL instruction".into());
            };
            pieces.push(branch(
                p,
                None,
                Code::Call_rel32_64,
                Code::Call_rm64,
                target,
                f,
            )?);
        }
    }
    Ok(())
}

/// JMP/Jcc/CALL: to a label or `n(PC)` (resolved at layout), to `sym(SB)` (rel32 with an
/// R_X86_64_PLT32 relocation, addend -4 as for any call through the PLT), or indirect through a
/// register or memory (JMP and CALL only).
fn branch(
    p: &Prog,
    short: Option<Code>,
    near: Code,
    indirect: Code,
    target: &Operand,
    f: &Func,
) -> Result<Piece, String> {
    let unconditional = matches!(near, Code::Jmp_rel32_64 | Code::Call_rel32_64);
    match target {
        Operand::Label(name) => match f.labels.get(name) {
            Some(&t) => Ok(Piece::Branch {
                short,
                near,
                target: t,
                line: p.line,
            }),
            None => Err(format!("undefined label {name}")),
        },
        Operand::PcRel(n) => {
            let me = f.progs.iter().position(|q| std::ptr::eq(q, p)).unwrap_or(0) as i64;
            let t = me.checked_add(*n).unwrap_or(-1);
            if t < 0 || t >= f.progs.len() as i64 {
                return Err(format!("branch target {n}(PC) is outside the function"));
            }
            Ok(Piece::Branch {
                short,
                near,
                target: t as usize,
                line: p.line,
            })
        }
        Operand::Mem(Mem {
            sym: Some(sym),
            off,
            base: Some(Reg::Sb),
            index: None,
        }) => {
            // The offset is the addend of the 32-bit field (as for data references).
            if i32::try_from(*off).is_err() {
                return Err("offset too large".into());
            }
            let ins = Instruction::with_branch(near, 0).map_err(iced_err)?;
            let (mut bytes, _) = encode_one(&ins)?;
            let at = bytes.len() - 4;
            bytes[at..].fill(0);
            let reloc = Reloc {
                offset: at,
                kind: RelocKind::Plt32,
                sym: sym.clone(),
                addend: off - 4,
            };
            Ok(Piece::Bytes(bytes, vec![reloc]))
        }
        Operand::Reg(_) | Operand::Mem(_) if unconditional => {
            let (bytes, relocs) = encode_form(
                &p.op,
                &p.text,
                Order::Rev,
                &[8],
                &[indirect],
                std::slice::from_ref(target),
                f,
            )?;
            Ok(Piece::Bytes(bytes, relocs))
        }
        other => Err(format!(
            "invalid instruction: {} {} ({} is not a branch target)",
            p.op,
            p.text,
            other.kind_name()
        )),
    }
}

/// Encodes an ordinary instruction: converts the operands for iced and tries the candidate
/// Codes in order, keeping the first that iced encodes.
fn encode_form(
    op: &str,
    text: &str,
    order: Order,
    sizes: &[u8],
    codes: &[Code],
    args: &[Operand],
    f: &Func,
) -> Result<(Vec<u8>, Vec<Reloc>), String> {
    encode_form_inner(op, text, order, sizes, codes, args, f, false)
}

#[allow(clippy::too_many_arguments)]
fn encode_form_inner(
    op: &str,
    text: &str,
    order: Order,
    sizes: &[u8],
    codes: &[Code],
    args: &[Operand],
    f: &Func,
    swapped: bool,
) -> Result<(Vec<u8>, Vec<Reloc>), String> {
    let invalid = || {
        let kinds: Vec<&str> = args.iter().map(|a| a.kind_name()).collect();
        format!(
            "invalid instruction: {op} {text} (no form of {op} takes {}{})",
            kinds.join(", "),
            if args.iter().any(|a| matches!(a, Operand::Imm(_))) {
                ", or the constant is out of range"
            } else {
                ""
            }
        )
    };
    if args.len() > 3 {
        return Err(format!("wrong number of arguments to {op} instruction"));
    }
    // The operation width: the widest register operand (the suffix's size).
    let width = sizes.iter().copied().max().unwrap_or(8);
    // MOVQ $c, reg with c zero-extendable but not sign-extendable from 32 bits: a MOVL does it
    // in 5 bytes instead of a 10-byte movabs (cmd/internal/obj/x86/asm6.go does the same).
    if op == "MOVQ" {
        if let [Operand::Imm(v), Operand::Reg(Reg::Gp(_))] = args {
            if *v > i32::MAX as i64 && *v <= u32::MAX as i64 {
                if let Some(Kind::Form {
                    order,
                    sizes,
                    codes,
                }) = arch::lookup("MOVL")
                {
                    return encode_form("MOVL", text, order, sizes, codes, args, f);
                }
            }
        }
    }
    // `IMULQ $c, r` is Go's short form of `IMUL3Q $c, r, r`.
    if let ("IMULQ" | "IMULL", [Operand::Imm(_), r @ Operand::Reg(_)]) = (op, args) {
        let three = if op == "IMULQ" { "IMUL3Q" } else { "IMUL3L" };
        if let Some(Kind::Form {
            order,
            sizes,
            codes,
        }) = arch::lookup(three)
        {
            let args = [args[0].clone(), r.clone(), r.clone()];
            return encode_form(three, text, order, sizes, codes, &args, f);
        }
    }
    let mut iops = Vec::with_capacity(args.len());
    let mut pending: Option<Pending> = None;
    for (i, a) in args.iter().enumerate() {
        let w = sizes.get(i).copied().unwrap_or(width);
        iops.push(to_iced(
            a,
            if w == 0 { width } else { w },
            width,
            f,
            &mut pending,
        )?);
    }
    if order == Order::Rev {
        iops.reverse();
    }
    for &code in codes {
        // The "shift by 1" forms have an implicit count: only use them for an immediate 1.
        if format!("{code:?}").ends_with("_1") && !matches!(iops.last(), Some(IOp::I(1))) {
            continue;
        }
        let ins = match build(code, &iops) {
            Ok(ins) => ins,
            Err(_) => continue,
        };
        let (mut bytes, offs) = match encode_one(&ins) {
            Ok(r) => r,
            Err(_) => continue,
        };
        let mut relocs = Vec::new();
        match &pending {
            None => {}
            Some(Pending::Imm(kind, sym, addend)) => {
                if offs.immediate_size() != 4 {
                    continue;
                }
                let at = offs.immediate_offset();
                bytes[at..at + 4].fill(0);
                relocs.push(Reloc {
                    offset: at,
                    kind: *kind,
                    sym: sym.clone(),
                    addend: *addend,
                });
            }
            Some(Pending::Disp(kind, sym, addend)) => {
                if offs.displacement_size() != 4 {
                    continue;
                }
                let at = offs.displacement_offset();
                bytes[at..at + 4].fill(0);
                // PC-relative: the CPU adds the address of the next instruction, the relocation
                // computes from the field, which is (len - at) bytes before it.
                let addend = if *kind == RelocKind::Pc32 {
                    addend - (bytes.len() - at) as i64
                } else {
                    *addend
                };
                relocs.push(Reloc {
                    offset: at,
                    kind: *kind,
                    sym: sym.clone(),
                    addend,
                });
            }
        }
        return Ok((bytes, relocs));
    }
    // XCHG is symmetric and Go accepts either operand order; iced wants the memory one first.
    if op.starts_with("XCHG") && args.len() == 2 && !swapped {
        let rev = [args[1].clone(), args[0].clone()];
        if let Ok(r) = encode_form_inner(op, text, order, sizes, codes, &rev, f, true) {
            return Ok(r);
        }
    }
    if codes.is_empty() || !arity_ok(codes, args.len()) {
        return Err(format!("wrong number of arguments to {op} instruction"));
    }
    Err(invalid())
}

/// Whether any candidate takes `n` operands (for Go's "wrong number of arguments" message).
fn arity_ok(codes: &[Code], n: usize) -> bool {
    codes.iter().any(|&c| op_count(c) == n)
}

/// How many operands a Code takes (without `Instruction::with`, which asserts it is zero).
fn op_count(code: Code) -> usize {
    let mut i = Instruction::default();
    i.set_code(code);
    i.op_count() as usize
}

/// Converts a parsed operand for iced. `w` is this operand's register width, `width` the
/// operation's.
fn to_iced(
    a: &Operand,
    w: u8,
    width: u8,
    f: &Func,
    pending: &mut Option<Pending>,
) -> Result<IOp, String> {
    Ok(match a {
        Operand::Reg(Reg::Gp(n)) => IOp::R(arch::gp(*n, w)),
        Operand::Reg(Reg::X(n)) => IOp::R(arch::xmm(*n)),
        Operand::Reg(Reg::Y(n)) => IOp::R(arch::ymm(*n)),
        // `MOVQ TLS, CX`: Go loads the TLS base this way for the `0(CX)(TLS*1)` operands that
        // follow. In static local-exec TLS those operands are %fs-relative with no base register
        // (see `memory`), so the register just has to hold something harmless: 0.
        Operand::Reg(Reg::Tls) => IOp::I(0),
        Operand::Reg(r) => {
            return Err(format!(
                "illegal use of pseudo-register {}",
                arch::reg_name(*r)
            ))
        }
        Operand::Imm(v) => IOp::I(*v),
        Operand::Addr { sym, off } => {
            let kind = if width == 8 {
                RelocKind::Abs32S
            } else {
                RelocKind::Abs32
            };
            *pending = Some(Pending::Imm(kind, sym.clone(), *off));
            IOp::I(PLACEHOLDER)
        }
        Operand::Mem(m) => IOp::M(memory(m, f, pending)?),
        Operand::Label(name) => {
            return Err(format!(
                "illegal or missing addressing mode for symbol {name}"
            ))
        }
        Operand::PcRel(_) => return Err("illegal addressing mode for PC".into()),
        Operand::Str(_) => return Err("string constant must be in DATA".into()),
        Operand::Float(_) => return Err("floating-point constant must be in DATA".into()),
    })
}

fn memory(m: &Mem, f: &Func, pending: &mut Option<Pending>) -> Result<MemoryOperand, String> {
    let frame = if f.has_frame() { f.frame } else { 0 };
    let delta = f.sp_delta.get();
    let fits = |d: i64| -> Result<i64, String> {
        if d < i32::MIN as i64 || d > i32::MAX as i64 {
            Err("offset too large".into())
        } else {
            Ok(d)
        }
    };
    let index = |m: &Mem| match m.index {
        Some((n, s)) => (arch::gp(n, 8), s as u32),
        None => (Register::None, 1),
    };
    // iced derives the address size of a base-less operand from displ_size: 8 means 64-bit
    // addressing (no 0x67 prefix), still with a 32-bit displacement field.
    let plain = |base: Register, d: i64| {
        let (ix, sc) = index(m);
        let dsize = if d == 0 { 0 } else { 1 };
        MemoryOperand::new(base, ix, sc, d, dsize, false, Register::None)
    };
    Ok(match m.base {
        // The g slot: static local-exec TLS puts m.tls[0] at %fs:-8 (runtime/go_tls.h and
        // cmd/link's tlsoffset on linux/amd64), addressed absolutely with an FS override.
        Some(Reg::Tls) => {
            let d = fits(m.off.checked_sub(8).ok_or("offset too large")?)?;
            MemoryOperand::new(Register::None, Register::None, 1, d, 8, false, Register::FS)
        }
        Some(Reg::Sb) => {
            let Some(sym) = &m.sym else {
                return Err("cannot reference SB without a symbol".into());
            };
            // The offset is the relocation's addend on a 32-bit field (Go: "offset too large").
            fits(m.off)?;
            if m.index.is_some() {
                // No RIP-relative form takes an index: use an absolute 32-bit address.
                *pending = Some(Pending::Disp(RelocKind::Abs32S, sym.clone(), m.off));
                let (ix, sc) = index(m);
                MemoryOperand::new(
                    Register::None,
                    ix,
                    sc,
                    PLACEHOLDER,
                    8,
                    false,
                    Register::None,
                )
            } else {
                *pending = Some(Pending::Disp(RelocKind::Pc32, sym.clone(), m.off));
                MemoryOperand::new(
                    Register::RIP,
                    Register::None,
                    1,
                    0,
                    8,
                    false,
                    Register::None,
                )
            }
        }
        // arg+8(FP): the caller's frame, above the return address (and the saved BP slot and
        // locals when there is a frame): obj6.go's NAME_PARAM adjustment.
        Some(Reg::Fp) => {
            let adj = if f.has_frame() { frame + 16 } else { 8 };
            let adj = adj.saturating_add(delta);
            plain(Register::RSP, fits(m.off.saturating_add(adj))?)
        }
        // name-8(SP) is the pseudo-SP: the top of the local frame (NAME_AUTO).
        Some(Reg::Gp(4)) if m.sym.is_some() => plain(
            Register::RSP,
            fits(m.off.saturating_add(frame.saturating_add(delta)))?,
        ),
        Some(Reg::Gp(n)) => plain(arch::gp(n, 8), fits(m.off)?),
        Some(Reg::Pc) => return Err("illegal addressing mode for PC".into()),
        Some(Reg::X(_)) | Some(Reg::Y(_)) => {
            return Err("invalid instruction: vector register used as address".into())
        }
        None => {
            let (ix, sc) = index(m);
            MemoryOperand::new(
                Register::None,
                ix,
                sc,
                fits(m.off)?,
                8,
                false,
                Register::None,
            )
        }
    })
}

/// Builds an iced instruction from a Code and up to three operands. iced takes immediates other
/// than a 64-bit register move's as i32 or u32 and checks them against the Code's immediate kind.
fn build(code: Code, ops: &[IOp]) -> Result<Instruction, String> {
    use IOp::*;
    type I = Instruction;
    /// An immediate as iced's 32-bit constructors take it.
    enum Imm32 {
        S(i32),
        U(u32),
    }
    let imm = |v: i64| -> Result<Imm32, String> {
        if let Ok(s) = i32::try_from(v) {
            Ok(Imm32::S(s))
        } else if let Ok(u) = u32::try_from(v) {
            Ok(Imm32::U(u))
        } else {
            Err("immediate out of range".into())
        }
    };
    // iced's constructors assume the Code takes exactly that many operands (they debug-assert
    // it), so check first.
    if op_count(code) != ops.len() {
        return Err("wrong operand count".into());
    }
    let r = match *ops {
        [] => Ok(I::with(code)),
        [R(a)] => I::with1(code, a),
        [I(a)] => match imm(a)? {
            Imm32::S(v) => I::with1(code, v),
            Imm32::U(v) => I::with1(code, v),
        },
        [M(a)] => I::with1(code, a),
        [R(a), R(b)] => I::with2(code, a, b),
        [R(a), I(b)] => I::with2(code, a, b),
        [R(a), M(b)] => I::with2(code, a, b),
        [M(a), R(b)] => I::with2(code, a, b),
        [M(a), I(b)] => match imm(b)? {
            Imm32::S(v) => I::with2(code, a, v),
            Imm32::U(v) => I::with2(code, a, v),
        },
        [I(a), R(b)] => match imm(a)? {
            Imm32::S(v) => I::with2(code, v, b),
            Imm32::U(v) => I::with2(code, v, b),
        },
        [R(a), R(b), R(c)] => I::with3(code, a, b, c),
        [R(a), R(b), M(c)] => I::with3(code, a, b, c),
        [R(a), R(b), I(c)] => match imm(c)? {
            Imm32::S(v) => I::with3(code, a, b, v),
            Imm32::U(v) => I::with3(code, a, b, v),
        },
        [R(a), M(b), I(c)] => match imm(c)? {
            Imm32::S(v) => I::with3(code, a, b, v),
            Imm32::U(v) => I::with3(code, a, b, v),
        },
        [M(a), R(b), R(c)] => I::with3(code, a, b, c),
        [M(a), R(b), I(c)] => match imm(c)? {
            Imm32::S(v) => I::with3(code, a, b, v),
            Imm32::U(v) => I::with3(code, a, b, v),
        },
        _ => return Err("unsupported operand combination".into()),
    };
    r.map_err(|e| e.to_string())
}

/// Lays out the pieces, sizing branches, and produces the code and relocations.
/// The offsets returned are those of every piece, plus the end.
type Laid = (Vec<u8>, Vec<Reloc>, Vec<usize>);

fn layout(pieces: &[Piece], prog_start: &[usize]) -> Result<Laid, Vec<LineError>> {
    let mut is_short: Vec<bool> = pieces
        .iter()
        .map(|p| matches!(p, Piece::Branch { short: Some(_), .. }))
        .collect();
    let size_of = |code: Code| -> usize {
        Instruction::with_branch(code, 0)
            .ok()
            .and_then(|i| encode_one(&i).ok())
            .map_or(6, |(b, _)| b.len())
    };
    let target_piece = |t: usize| prog_start.get(t).copied().unwrap_or(pieces.len());
    let mut offsets = vec![0usize; pieces.len() + 1];
    loop {
        for (i, p) in pieces.iter().enumerate() {
            let len = match p {
                Piece::Bytes(b, _) => b.len(),
                Piece::Branch { short, near, .. } => {
                    if is_short[i] {
                        short.map_or(2, size_of)
                    } else {
                        size_of(*near)
                    }
                }
            };
            offsets[i + 1] = offsets[i] + len;
        }
        let mut changed = false;
        for (i, p) in pieces.iter().enumerate() {
            if let Piece::Branch { target, .. } = p {
                if is_short[i] {
                    let disp = offsets[target_piece(*target)] as i64 - offsets[i + 1] as i64;
                    if disp < i8::MIN as i64 || disp > i8::MAX as i64 {
                        is_short[i] = false;
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    let mut code = Vec::with_capacity(offsets[pieces.len()]);
    let mut relocs = Vec::new();
    let mut errors = Vec::new();
    for (i, p) in pieces.iter().enumerate() {
        match p {
            Piece::Bytes(b, rs) => {
                for r in rs {
                    let mut r = r.clone();
                    r.offset += code.len();
                    relocs.push(r);
                }
                code.extend_from_slice(b);
            }
            Piece::Branch {
                short,
                near,
                target,
                line,
            } => {
                let c = match short {
                    Some(s) if is_short[i] => *s,
                    _ => *near,
                };
                let rip = offsets[i] as u64;
                let to = offsets[target_piece(*target)] as u64;
                let mut enc = Encoder::new(64);
                match Instruction::with_branch(c, to).and_then(|ins| enc.encode(&ins, rip)) {
                    Ok(_) => code.extend_from_slice(&enc.take_buffer()),
                    Err(e) => errors.push((*line, iced_err(e))),
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok((code, relocs, offsets))
}
