//! The amd64 architecture table: Go's register names and the one table mapping Go mnemonics to
//! iced-x86 [`Code`]s.
//!
//! Go names a general register the same at every width (`AX` is AL/AX/EAX/RAX); the width comes
//! from the mnemonic's suffix (B/W/L/Q), so each [`Form`] records the register width of each
//! operand. Go writes operands source first (`MOVQ src, dst`), the reverse of Intel order which
//! iced uses; CMP keeps Intel order: in Go `CMPQ AX, $7; JLT` jumps if AX < 7
//! (cmd/asm/internal/asm/testdata/amd64enc.s: `CMPB DL, (BX) // 3a13` is `cmp dl, [rbx]`).
//! [`Order`] says which. (TEST and BT are reversed like MOV: `BTQ $3, AX` is `bt rax, 3`.)
//!
//! A form lists candidate Codes in order of preference; the encoder uses the first one iced
//! accepts for the operands (iced checks operand kinds, registers and immediate ranges). The
//! order mirrors what Go's cmd/internal/obj/x86/asm6.go picks where that is easy: sign-extended
//! 8-bit immediates first, then the short accumulator forms, then the general forms.

use iced_x86::Code;
use iced_x86::Code::*;

/// A register operand as written in Go syntax.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reg {
    /// General register 0..15 in x86 numbering (AX=0, CX=1, DX=2, BX=3, SP=4, BP=5, SI=6, DI=7).
    Gp(u8),
    /// SSE register X0..X15.
    X(u8),
    /// AVX register Y0..Y15.
    Y(u8),
    /// The static base pseudo-register: `sym(SB)`.
    Sb,
    /// The argument frame pointer pseudo-register: `arg+8(FP)`.
    Fp,
    /// The program counter pseudo-register: `2(PC)`.
    Pc,
    /// The thread-local storage pseudo-register.
    Tls,
}

const GP_NAMES: [&str; 16] = [
    "AX", "CX", "DX", "BX", "SP", "BP", "SI", "DI", "R8", "R9", "R10", "R11", "R12", "R13", "R14",
    "R15",
];

/// Go's 8-bit register names (cmd/asm/internal/arch/arch.go takes them from x86.Register).
const B_NAMES: [&str; 16] = [
    "AL", "CL", "DL", "BL", "SPB", "BPB", "SIB", "DIB", "R8B", "R9B", "R10B", "R11B", "R12B",
    "R13B", "R14B", "R15B",
];

/// Looks up a register name.
pub fn register(name: &str) -> Option<Reg> {
    if let Some(i) = GP_NAMES.iter().position(|n| *n == name) {
        return Some(Reg::Gp(i as u8));
    }
    if let Some(i) = B_NAMES.iter().position(|n| *n == name) {
        return Some(Reg::Gp(i as u8));
    }
    if let Some(n) = name.strip_prefix('X').and_then(|d| d.parse::<u8>().ok()) {
        // "X05" is not a register name; "X0" is.
        let canonical = name == "X0" || !name[1..].starts_with('0');
        if n < 16 && canonical {
            return Some(Reg::X(n));
        }
    }
    if let Some(n) = name.strip_prefix('Y').and_then(|d| d.parse::<u8>().ok()) {
        let canonical = name == "Y0" || !name[1..].starts_with('0');
        if n < 16 && canonical {
            return Some(Reg::Y(n));
        }
    }
    match name {
        "SB" => Some(Reg::Sb),
        "FP" => Some(Reg::Fp),
        "PC" => Some(Reg::Pc),
        "TLS" => Some(Reg::Tls),
        // Go's R0..R7 style names are not amd64 names; "g" is a macro in Go's runtime.
        _ => None,
    }
}

/// The Go name of a register, for messages.
pub fn reg_name(r: Reg) -> String {
    match r {
        Reg::Gp(n) => GP_NAMES[n as usize & 15].to_string(),
        Reg::X(n) => format!("X{n}"),
        Reg::Y(n) => format!("Y{n}"),
        Reg::Sb => "SB".into(),
        Reg::Fp => "FP".into(),
        Reg::Pc => "PC".into(),
        Reg::Tls => "TLS".into(),
    }
}

/// The iced register for general register `n` used at `width` bytes.
pub fn gp(n: u8, width: u8) -> iced_x86::Register {
    use iced_x86::Register as R;
    const Q: [R; 16] = [
        R::RAX,
        R::RCX,
        R::RDX,
        R::RBX,
        R::RSP,
        R::RBP,
        R::RSI,
        R::RDI,
        R::R8,
        R::R9,
        R::R10,
        R::R11,
        R::R12,
        R::R13,
        R::R14,
        R::R15,
    ];
    const L: [R; 16] = [
        R::EAX,
        R::ECX,
        R::EDX,
        R::EBX,
        R::ESP,
        R::EBP,
        R::ESI,
        R::EDI,
        R::R8D,
        R::R9D,
        R::R10D,
        R::R11D,
        R::R12D,
        R::R13D,
        R::R14D,
        R::R15D,
    ];
    const W: [R; 16] = [
        R::AX,
        R::CX,
        R::DX,
        R::BX,
        R::SP,
        R::BP,
        R::SI,
        R::DI,
        R::R8W,
        R::R9W,
        R::R10W,
        R::R11W,
        R::R12W,
        R::R13W,
        R::R14W,
        R::R15W,
    ];
    const B: [R; 16] = [
        R::AL,
        R::CL,
        R::DL,
        R::BL,
        R::SPL,
        R::BPL,
        R::SIL,
        R::DIL,
        R::R8L,
        R::R9L,
        R::R10L,
        R::R11L,
        R::R12L,
        R::R13L,
        R::R14L,
        R::R15L,
    ];
    let i = n as usize & 15;
    match width {
        1 => B[i],
        2 => W[i],
        4 => L[i],
        _ => Q[i],
    }
}

/// The iced register for X`n`.
pub fn xmm(n: u8) -> iced_x86::Register {
    use iced_x86::Register as R;
    const X: [R; 16] = [
        R::XMM0,
        R::XMM1,
        R::XMM2,
        R::XMM3,
        R::XMM4,
        R::XMM5,
        R::XMM6,
        R::XMM7,
        R::XMM8,
        R::XMM9,
        R::XMM10,
        R::XMM11,
        R::XMM12,
        R::XMM13,
        R::XMM14,
        R::XMM15,
    ];
    X[n as usize & 15]
}

/// The iced register for Y`n`.
pub fn ymm(n: u8) -> iced_x86::Register {
    use iced_x86::Register as R;
    const Y: [R; 16] = [
        R::YMM0,
        R::YMM1,
        R::YMM2,
        R::YMM3,
        R::YMM4,
        R::YMM5,
        R::YMM6,
        R::YMM7,
        R::YMM8,
        R::YMM9,
        R::YMM10,
        R::YMM11,
        R::YMM12,
        R::YMM13,
        R::YMM14,
        R::YMM15,
    ];
    Y[n as usize & 15]
}

/// Operand order of a form relative to Intel (iced) order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// Go order is Intel order reversed (`MOVQ src, dst`): most instructions.
    Rev,
    /// Go order is Intel order (`CMPQ a, b` compares a with b).
    Same,
}

/// String instructions, built with iced's dedicated constructors (their memory operands are
/// implicit).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StrOp {
    Stosb,
    Stosl,
    Stosq,
    Movsb,
    Movsl,
    Movsq,
    Lodsb,
    Lodsq,
    Cmpsb,
    Scasb,
}

/// What a mnemonic is.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    /// An ordinary instruction: pick the first Code iced accepts.
    Form {
        order: Order,
        /// General register width in bytes of each operand, in Go order.
        sizes: &'static [u8],
        codes: &'static [Code],
    },
    /// JMP or a conditional jump: short and near encodings of a relative branch. JMP also takes
    /// register and memory operands (indirect).
    Jump {
        short: Code,
        near: Code,
    },
    Call,
    Ret,
    /// A prefix written as its own instruction, as Go does (`LOCK; XADDL`, `REP; STOSQ`).
    Prefix(u8),
    /// BYTE/WORD/LONG/QUAD: raw data of this many bytes in the instruction stream.
    Data(u8),
    /// NOP: in Go an assembler-only placeholder that emits nothing.
    Nop,
    /// ADJSP $n: Go's pseudo-instruction for SUBQ $n, SP (ADDQ for negative n).
    Adjsp,
    Str(StrOp),
}

macro_rules! form {
    ($order:ident, [$($s:expr),*], [$($c:ident),* $(,)?]) => {
        Kind::Form { order: Order::$order, sizes: &[$($s),*], codes: &[$($c),*] }
    };
}

/// The table. Mnemonics are Go's (cmd/internal/obj/x86/anames.go); aliases Go accepts (JZ for JEQ)
/// are listed as separate rows.
pub static TABLE: &[(&str, Kind)] = &[
    // Moves.
    (
        "MOVB",
        form!(
            Rev,
            [1, 1],
            [Mov_r8_imm8, Mov_rm8_imm8, Mov_rm8_r8, Mov_r8_rm8]
        ),
    ),
    (
        "MOVW",
        form!(
            Rev,
            [2, 2],
            [Mov_r16_imm16, Mov_rm16_imm16, Mov_rm16_r16, Mov_r16_rm16]
        ),
    ),
    (
        "MOVL",
        form!(
            Rev,
            [4, 4],
            [
                Mov_r32_imm32,
                Mov_rm32_imm32,
                Mov_rm32_r32,
                Mov_r32_rm32,
                Movd_xmm_rm32,
                Movd_rm32_xmm
            ]
        ),
    ),
    // MOVQ $imm: the sign-extended imm32 form when it fits, else movabs (the encoder narrows a
    // zero-extendable constant to MOVL first, as asm6.go does).
    (
        "MOVQ",
        form!(
            Rev,
            [8, 8],
            [
                Mov_rm64_imm32,
                Mov_r64_imm64,
                Mov_rm64_r64,
                Mov_r64_rm64,
                Movq_xmm_xmmm64,
                Movq_xmmm64_xmm,
                Movq_xmm_rm64,
                Movq_rm64_xmm,
            ]
        ),
    ),
    ("MOVBLZX", form!(Rev, [1, 4], [Movzx_r32_rm8])),
    ("MOVBQZX", form!(Rev, [1, 8], [Movzx_r64_rm8])),
    ("MOVWLZX", form!(Rev, [2, 4], [Movzx_r32_rm16])),
    ("MOVWQZX", form!(Rev, [2, 8], [Movzx_r64_rm16])),
    ("MOVBLSX", form!(Rev, [1, 4], [Movsx_r32_rm8])),
    ("MOVBQSX", form!(Rev, [1, 8], [Movsx_r64_rm8])),
    ("MOVBWSX", form!(Rev, [1, 2], [Movsx_r16_rm8])),
    ("MOVBWZX", form!(Rev, [1, 2], [Movzx_r16_rm8])),
    ("MOVWLSX", form!(Rev, [2, 4], [Movsx_r32_rm16])),
    ("MOVWQSX", form!(Rev, [2, 8], [Movsx_r64_rm16])),
    ("MOVLQSX", form!(Rev, [4, 8], [Movsxd_r64_rm32])),
    // MOVLQZX is a 32-bit move: writing a 32-bit register clears the upper half.
    ("MOVLQZX", form!(Rev, [4, 4], [Mov_r32_rm32])),
    ("LEAQ", form!(Rev, [8, 8], [Lea_r64_m])),
    ("LEAL", form!(Rev, [4, 4], [Lea_r32_m])),
    ("LEAW", form!(Rev, [2, 2], [Lea_r16_m])),
    ("CMOVQEQ", form!(Rev, [8, 8], [Cmove_r64_rm64])),
    ("CMOVQNE", form!(Rev, [8, 8], [Cmovne_r64_rm64])),
    ("CMOVQLT", form!(Rev, [8, 8], [Cmovl_r64_rm64])),
    ("CMOVQLE", form!(Rev, [8, 8], [Cmovle_r64_rm64])),
    ("CMOVQGT", form!(Rev, [8, 8], [Cmovg_r64_rm64])),
    ("CMOVQGE", form!(Rev, [8, 8], [Cmovge_r64_rm64])),
    ("CMOVQCS", form!(Rev, [8, 8], [Cmovb_r64_rm64])),
    ("CMOVQCC", form!(Rev, [8, 8], [Cmovae_r64_rm64])),
    ("CMOVQLS", form!(Rev, [8, 8], [Cmovbe_r64_rm64])),
    ("CMOVQHI", form!(Rev, [8, 8], [Cmova_r64_rm64])),
    ("CMOVQMI", form!(Rev, [8, 8], [Cmovs_r64_rm64])),
    ("CMOVQPL", form!(Rev, [8, 8], [Cmovns_r64_rm64])),
    ("CMOVLEQ", form!(Rev, [4, 4], [Cmove_r32_rm32])),
    ("CMOVLNE", form!(Rev, [4, 4], [Cmovne_r32_rm32])),
    ("CMOVLLT", form!(Rev, [4, 4], [Cmovl_r32_rm32])),
    ("CMOVLGT", form!(Rev, [4, 4], [Cmovg_r32_rm32])),
    ("CMOVLCS", form!(Rev, [4, 4], [Cmovb_r32_rm32])),
    ("CMOVLCC", form!(Rev, [4, 4], [Cmovae_r32_rm32])),
    // Arithmetic and logic.
    (
        "ADDQ",
        form!(
            Rev,
            [8, 8],
            [
                Add_rm64_imm8,
                Add_RAX_imm32,
                Add_rm64_imm32,
                Add_rm64_r64,
                Add_r64_rm64
            ]
        ),
    ),
    (
        "ADDL",
        form!(
            Rev,
            [4, 4],
            [
                Add_rm32_imm8,
                Add_EAX_imm32,
                Add_rm32_imm32,
                Add_rm32_r32,
                Add_r32_rm32
            ]
        ),
    ),
    (
        "ADDW",
        form!(
            Rev,
            [2, 2],
            [
                Add_rm16_imm8,
                Add_AX_imm16,
                Add_rm16_imm16,
                Add_rm16_r16,
                Add_r16_rm16
            ]
        ),
    ),
    (
        "ADDB",
        form!(
            Rev,
            [1, 1],
            [Add_AL_imm8, Add_rm8_imm8, Add_rm8_r8, Add_r8_rm8]
        ),
    ),
    (
        "ADCQ",
        form!(
            Rev,
            [8, 8],
            [
                Adc_rm64_imm8,
                Adc_RAX_imm32,
                Adc_rm64_imm32,
                Adc_rm64_r64,
                Adc_r64_rm64
            ]
        ),
    ),
    (
        "ADCL",
        form!(
            Rev,
            [4, 4],
            [
                Adc_rm32_imm8,
                Adc_EAX_imm32,
                Adc_rm32_imm32,
                Adc_rm32_r32,
                Adc_r32_rm32
            ]
        ),
    ),
    (
        "SUBQ",
        form!(
            Rev,
            [8, 8],
            [
                Sub_rm64_imm8,
                Sub_RAX_imm32,
                Sub_rm64_imm32,
                Sub_rm64_r64,
                Sub_r64_rm64
            ]
        ),
    ),
    (
        "SUBL",
        form!(
            Rev,
            [4, 4],
            [
                Sub_rm32_imm8,
                Sub_EAX_imm32,
                Sub_rm32_imm32,
                Sub_rm32_r32,
                Sub_r32_rm32
            ]
        ),
    ),
    (
        "SUBW",
        form!(
            Rev,
            [2, 2],
            [
                Sub_rm16_imm8,
                Sub_AX_imm16,
                Sub_rm16_imm16,
                Sub_rm16_r16,
                Sub_r16_rm16
            ]
        ),
    ),
    (
        "SUBB",
        form!(
            Rev,
            [1, 1],
            [Sub_AL_imm8, Sub_rm8_imm8, Sub_rm8_r8, Sub_r8_rm8]
        ),
    ),
    (
        "SBBQ",
        form!(
            Rev,
            [8, 8],
            [
                Sbb_rm64_imm8,
                Sbb_RAX_imm32,
                Sbb_rm64_imm32,
                Sbb_rm64_r64,
                Sbb_r64_rm64
            ]
        ),
    ),
    (
        "SBBL",
        form!(
            Rev,
            [4, 4],
            [
                Sbb_rm32_imm8,
                Sbb_EAX_imm32,
                Sbb_rm32_imm32,
                Sbb_rm32_r32,
                Sbb_r32_rm32
            ]
        ),
    ),
    (
        "ANDQ",
        form!(
            Rev,
            [8, 8],
            [
                And_rm64_imm8,
                And_RAX_imm32,
                And_rm64_imm32,
                And_rm64_r64,
                And_r64_rm64
            ]
        ),
    ),
    (
        "ANDL",
        form!(
            Rev,
            [4, 4],
            [
                And_rm32_imm8,
                And_EAX_imm32,
                And_rm32_imm32,
                And_rm32_r32,
                And_r32_rm32
            ]
        ),
    ),
    (
        "ANDW",
        form!(
            Rev,
            [2, 2],
            [
                And_rm16_imm8,
                And_AX_imm16,
                And_rm16_imm16,
                And_rm16_r16,
                And_r16_rm16
            ]
        ),
    ),
    (
        "ANDB",
        form!(
            Rev,
            [1, 1],
            [And_AL_imm8, And_rm8_imm8, And_rm8_r8, And_r8_rm8]
        ),
    ),
    (
        "ORQ",
        form!(
            Rev,
            [8, 8],
            [
                Or_rm64_imm8,
                Or_RAX_imm32,
                Or_rm64_imm32,
                Or_rm64_r64,
                Or_r64_rm64
            ]
        ),
    ),
    (
        "ORL",
        form!(
            Rev,
            [4, 4],
            [
                Or_rm32_imm8,
                Or_EAX_imm32,
                Or_rm32_imm32,
                Or_rm32_r32,
                Or_r32_rm32
            ]
        ),
    ),
    (
        "ORW",
        form!(
            Rev,
            [2, 2],
            [
                Or_rm16_imm8,
                Or_AX_imm16,
                Or_rm16_imm16,
                Or_rm16_r16,
                Or_r16_rm16
            ]
        ),
    ),
    (
        "ORB",
        form!(Rev, [1, 1], [Or_AL_imm8, Or_rm8_imm8, Or_rm8_r8, Or_r8_rm8]),
    ),
    (
        "XORQ",
        form!(
            Rev,
            [8, 8],
            [
                Xor_rm64_imm8,
                Xor_RAX_imm32,
                Xor_rm64_imm32,
                Xor_rm64_r64,
                Xor_r64_rm64
            ]
        ),
    ),
    (
        "XORL",
        form!(
            Rev,
            [4, 4],
            [
                Xor_rm32_imm8,
                Xor_EAX_imm32,
                Xor_rm32_imm32,
                Xor_rm32_r32,
                Xor_r32_rm32
            ]
        ),
    ),
    (
        "XORW",
        form!(
            Rev,
            [2, 2],
            [
                Xor_rm16_imm8,
                Xor_AX_imm16,
                Xor_rm16_imm16,
                Xor_rm16_r16,
                Xor_r16_rm16
            ]
        ),
    ),
    (
        "XORB",
        form!(
            Rev,
            [1, 1],
            [Xor_AL_imm8, Xor_rm8_imm8, Xor_rm8_r8, Xor_r8_rm8]
        ),
    ),
    (
        "CMPQ",
        form!(
            Same,
            [8, 8],
            [
                Cmp_rm64_imm8,
                Cmp_RAX_imm32,
                Cmp_rm64_imm32,
                Cmp_rm64_r64,
                Cmp_r64_rm64
            ]
        ),
    ),
    (
        "CMPL",
        form!(
            Same,
            [4, 4],
            [
                Cmp_rm32_imm8,
                Cmp_EAX_imm32,
                Cmp_rm32_imm32,
                Cmp_rm32_r32,
                Cmp_r32_rm32
            ]
        ),
    ),
    (
        "CMPW",
        form!(
            Same,
            [2, 2],
            [
                Cmp_rm16_imm8,
                Cmp_AX_imm16,
                Cmp_rm16_imm16,
                Cmp_rm16_r16,
                Cmp_r16_rm16
            ]
        ),
    ),
    (
        "CMPB",
        form!(
            Same,
            [1, 1],
            [Cmp_AL_imm8, Cmp_rm8_imm8, Cmp_rm8_r8, Cmp_r8_rm8]
        ),
    ),
    (
        "TESTQ",
        form!(
            Rev,
            [8, 8],
            [Test_RAX_imm32, Test_rm64_imm32, Test_rm64_r64]
        ),
    ),
    (
        "TESTL",
        form!(
            Rev,
            [4, 4],
            [Test_EAX_imm32, Test_rm32_imm32, Test_rm32_r32]
        ),
    ),
    (
        "TESTW",
        form!(Rev, [2, 2], [Test_AX_imm16, Test_rm16_imm16, Test_rm16_r16]),
    ),
    (
        "TESTB",
        form!(Rev, [1, 1], [Test_AL_imm8, Test_rm8_imm8, Test_rm8_r8]),
    ),
    ("INCQ", form!(Rev, [8], [Inc_rm64])),
    ("INCL", form!(Rev, [4], [Inc_rm32])),
    ("INCW", form!(Rev, [2], [Inc_rm16])),
    ("INCB", form!(Rev, [1], [Inc_rm8])),
    ("DECQ", form!(Rev, [8], [Dec_rm64])),
    ("DECL", form!(Rev, [4], [Dec_rm32])),
    ("DECW", form!(Rev, [2], [Dec_rm16])),
    ("DECB", form!(Rev, [1], [Dec_rm8])),
    ("NEGQ", form!(Rev, [8], [Neg_rm64])),
    ("NEGL", form!(Rev, [4], [Neg_rm32])),
    ("NOTQ", form!(Rev, [8], [Not_rm64])),
    ("NOTL", form!(Rev, [4], [Not_rm32])),
    // Shifts: `SHLQ $n, r`, `SHLQ CX, r` (the count register is CL), and the double shifts
    // `SHLQ $n, src, dst` / `SHLQ CX, src, dst` (shld dst, src, n).
    (
        "SHLQ",
        form!(
            Rev,
            [1, 8, 8],
            [
                Shl_rm64_1,
                Shl_rm64_imm8,
                Shl_rm64_CL,
                Shld_rm64_r64_imm8,
                Shld_rm64_r64_CL
            ]
        ),
    ),
    (
        "SHLL",
        form!(
            Rev,
            [1, 4, 4],
            [
                Shl_rm32_1,
                Shl_rm32_imm8,
                Shl_rm32_CL,
                Shld_rm32_r32_imm8,
                Shld_rm32_r32_CL
            ]
        ),
    ),
    (
        "SHLB",
        form!(Rev, [1, 1], [Shl_rm8_1, Shl_rm8_imm8, Shl_rm8_CL]),
    ),
    (
        "SHRQ",
        form!(
            Rev,
            [1, 8, 8],
            [
                Shr_rm64_1,
                Shr_rm64_imm8,
                Shr_rm64_CL,
                Shrd_rm64_r64_imm8,
                Shrd_rm64_r64_CL
            ]
        ),
    ),
    (
        "SHRL",
        form!(
            Rev,
            [1, 4, 4],
            [
                Shr_rm32_1,
                Shr_rm32_imm8,
                Shr_rm32_CL,
                Shrd_rm32_r32_imm8,
                Shrd_rm32_r32_CL
            ]
        ),
    ),
    (
        "SHRB",
        form!(Rev, [1, 1], [Shr_rm8_1, Shr_rm8_imm8, Shr_rm8_CL]),
    ),
    (
        "SARQ",
        form!(Rev, [1, 8], [Sar_rm64_1, Sar_rm64_imm8, Sar_rm64_CL]),
    ),
    (
        "SARL",
        form!(Rev, [1, 4], [Sar_rm32_1, Sar_rm32_imm8, Sar_rm32_CL]),
    ),
    (
        "ROLQ",
        form!(Rev, [1, 8], [Rol_rm64_1, Rol_rm64_imm8, Rol_rm64_CL]),
    ),
    (
        "ROLL",
        form!(Rev, [1, 4], [Rol_rm32_1, Rol_rm32_imm8, Rol_rm32_CL]),
    ),
    (
        "RORQ",
        form!(Rev, [1, 8], [Ror_rm64_1, Ror_rm64_imm8, Ror_rm64_CL]),
    ),
    (
        "RORL",
        form!(Rev, [1, 4], [Ror_rm32_1, Ror_rm32_imm8, Ror_rm32_CL]),
    ),
    // Multiply and divide. One operand: rDX:rAX forms; two: `IMULQ src, dst`.
    ("IMULQ", form!(Rev, [8, 8], [Imul_rm64, Imul_r64_rm64])),
    ("IMULL", form!(Rev, [4, 4], [Imul_rm32, Imul_r32_rm32])),
    (
        "IMUL3Q",
        form!(Rev, [8, 8, 8], [Imul_r64_rm64_imm8, Imul_r64_rm64_imm32]),
    ),
    (
        "IMUL3L",
        form!(Rev, [4, 4, 4], [Imul_r32_rm32_imm8, Imul_r32_rm32_imm32]),
    ),
    ("MULQ", form!(Rev, [8], [Mul_rm64])),
    ("MULL", form!(Rev, [4], [Mul_rm32])),
    ("DIVQ", form!(Rev, [8], [Div_rm64])),
    ("DIVL", form!(Rev, [4], [Div_rm32])),
    ("IDIVQ", form!(Rev, [8], [Idiv_rm64])),
    ("IDIVL", form!(Rev, [4], [Idiv_rm32])),
    ("CQO", form!(Rev, [], [Cqo])),
    ("CDQ", form!(Rev, [], [Cdq])),
    ("CWD", form!(Rev, [], [Cwd])),
    ("CDQE", form!(Rev, [], [Cdqe])),
    // Bit operations. Go's BT order is `BTQ $bit, reg` / `BTQ bitreg, reg`.
    ("BSFQ", form!(Rev, [8, 8], [Bsf_r64_rm64])),
    ("BSFL", form!(Rev, [4, 4], [Bsf_r32_rm32])),
    ("BSRQ", form!(Rev, [8, 8], [Bsr_r64_rm64])),
    ("BSRL", form!(Rev, [4, 4], [Bsr_r32_rm32])),
    ("POPCNTQ", form!(Rev, [8, 8], [Popcnt_r64_rm64])),
    ("POPCNTL", form!(Rev, [4, 4], [Popcnt_r32_rm32])),
    ("LZCNTQ", form!(Rev, [8, 8], [Lzcnt_r64_rm64])),
    ("TZCNTQ", form!(Rev, [8, 8], [Tzcnt_r64_rm64])),
    ("BSWAPQ", form!(Rev, [8], [Bswap_r64])),
    ("BSWAPL", form!(Rev, [4], [Bswap_r32])),
    ("BTQ", form!(Rev, [8, 8], [Bt_rm64_imm8, Bt_rm64_r64])),
    ("BTL", form!(Rev, [4, 4], [Bt_rm32_imm8, Bt_rm32_r32])),
    ("BTSQ", form!(Rev, [8, 8], [Bts_rm64_imm8, Bts_rm64_r64])),
    ("BTRQ", form!(Rev, [8, 8], [Btr_rm64_imm8, Btr_rm64_r64])),
    // Atomics and exchange (use with a LOCK prefix line or `LOCK;`).
    ("XCHGQ", form!(Rev, [8, 8], [Xchg_r64_RAX, Xchg_rm64_r64])),
    ("XCHGL", form!(Rev, [4, 4], [Xchg_r32_EAX, Xchg_rm32_r32])),
    ("XCHGB", form!(Rev, [1, 1], [Xchg_rm8_r8])),
    ("CMPXCHGQ", form!(Rev, [8, 8], [Cmpxchg_rm64_r64])),
    ("CMPXCHGL", form!(Rev, [4, 4], [Cmpxchg_rm32_r32])),
    ("CMPXCHGB", form!(Rev, [1, 1], [Cmpxchg_rm8_r8])),
    ("XADDQ", form!(Rev, [8, 8], [Xadd_rm64_r64])),
    ("XADDL", form!(Rev, [4, 4], [Xadd_rm32_r32])),
    ("XADDB", form!(Rev, [1, 1], [Xadd_rm8_r8])),
    // Stack.
    (
        "PUSHQ",
        form!(Rev, [8], [Push_r64, Pushq_imm8, Pushq_imm32, Push_rm64]),
    ),
    ("POPQ", form!(Rev, [8], [Pop_r64, Pop_rm64])),
    ("PUSHFQ", form!(Rev, [], [Pushfq])),
    ("POPFQ", form!(Rev, [], [Popfq])),
    // Set byte on condition (Go's condition names, as for the jumps).
    ("SETEQ", form!(Rev, [1], [Sete_rm8])),
    ("SETNE", form!(Rev, [1], [Setne_rm8])),
    ("SETLT", form!(Rev, [1], [Setl_rm8])),
    ("SETLE", form!(Rev, [1], [Setle_rm8])),
    ("SETGT", form!(Rev, [1], [Setg_rm8])),
    ("SETGE", form!(Rev, [1], [Setge_rm8])),
    ("SETCS", form!(Rev, [1], [Setb_rm8])),
    ("SETCC", form!(Rev, [1], [Setae_rm8])),
    ("SETLS", form!(Rev, [1], [Setbe_rm8])),
    ("SETHI", form!(Rev, [1], [Seta_rm8])),
    ("SETMI", form!(Rev, [1], [Sets_rm8])),
    ("SETPL", form!(Rev, [1], [Setns_rm8])),
    ("SETOS", form!(Rev, [1], [Seto_rm8])),
    ("SETOC", form!(Rev, [1], [Setno_rm8])),
    ("SETPS", form!(Rev, [1], [Setp_rm8])),
    ("SETPC", form!(Rev, [1], [Setnp_rm8])),
    // System and miscellaneous.
    ("SYSCALL", form!(Rev, [], [Syscall])),
    ("CPUID", form!(Rev, [], [Cpuid])),
    ("XGETBV", form!(Rev, [], [Xgetbv])),
    ("RDTSC", form!(Rev, [], [Rdtsc])),
    ("RDTSCP", form!(Rev, [], [Rdtscp])),
    ("CLD", form!(Rev, [], [Cld])),
    ("STD", form!(Rev, [], [Std])),
    ("HLT", form!(Rev, [], [Hlt])),
    ("PAUSE", form!(Rev, [], [Pause])),
    ("UD2", form!(Rev, [], [Ud2])),
    ("MFENCE", form!(Rev, [], [Mfence])),
    ("LFENCE", form!(Rev, [], [Lfence])),
    ("SFENCE", form!(Rev, [], [Sfence])),
    ("INT", form!(Rev, [1], [Int_imm8])),
    ("PREFETCHT0", form!(Rev, [8], [Prefetcht0_m8])),
    ("PREFETCHNTA", form!(Rev, [8], [Prefetchnta_m8])),
    // SSE. MOVOU/MOVO are Go's names for movdqu/movdqa.
    (
        "MOVOU",
        form!(Rev, [], [Movdqu_xmm_xmmm128, Movdqu_xmmm128_xmm]),
    ),
    (
        "MOVO",
        form!(Rev, [], [Movdqa_xmm_xmmm128, Movdqa_xmmm128_xmm]),
    ),
    (
        "MOVOA",
        form!(Rev, [], [Movdqa_xmm_xmmm128, Movdqa_xmmm128_xmm]),
    ),
    (
        "MOVUPS",
        form!(Rev, [], [Movups_xmm_xmmm128, Movups_xmmm128_xmm]),
    ),
    (
        "MOVAPS",
        form!(Rev, [], [Movaps_xmm_xmmm128, Movaps_xmmm128_xmm]),
    ),
    (
        "MOVSD",
        form!(Rev, [], [Movsd_xmm_xmmm64, Movsd_xmmm64_xmm]),
    ),
    (
        "MOVSS",
        form!(Rev, [], [Movss_xmm_xmmm32, Movss_xmmm32_xmm]),
    ),
    ("XORPS", form!(Rev, [], [Xorps_xmm_xmmm128])),
    ("ANDPS", form!(Rev, [], [Andps_xmm_xmmm128])),
    ("PXOR", form!(Rev, [], [Pxor_xmm_xmmm128])),
    ("PCMPEQB", form!(Rev, [], [Pcmpeqb_xmm_xmmm128])),
    ("PMOVMSKB", form!(Rev, [0, 4], [Pmovmskb_r32_xmm])),
    ("PSHUFB", form!(Rev, [], [Pshufb_xmm_xmmm128])),
    ("PSHUFL", form!(Rev, [1, 0, 0], [Pshufd_xmm_xmmm128_imm8])),
    ("PUNPCKLBW", form!(Rev, [], [Punpcklbw_xmm_xmmm128])),
    ("ADDSD", form!(Rev, [], [Addsd_xmm_xmmm64])),
    ("SUBSD", form!(Rev, [], [Subsd_xmm_xmmm64])),
    ("MULSD", form!(Rev, [], [Mulsd_xmm_xmmm64])),
    ("DIVSD", form!(Rev, [], [Divsd_xmm_xmmm64])),
    ("SQRTSD", form!(Rev, [], [Sqrtsd_xmm_xmmm64])),
    ("UCOMISD", form!(Rev, [], [Ucomisd_xmm_xmmm64])),
    ("CVTSQ2SD", form!(Rev, [8, 0], [Cvtsi2sd_xmm_rm64])),
    ("CVTTSD2SQ", form!(Rev, [0, 8], [Cvttsd2si_r64_xmmm64])),
    ("PAND", form!(Rev, [], [Pand_xmm_xmmm128])),
    ("PANDN", form!(Rev, [], [Pandn_xmm_xmmm128])),
    ("POR", form!(Rev, [], [Por_xmm_xmmm128])),
    ("PADDQ", form!(Rev, [], [Paddq_xmm_xmmm128])),
    ("PSUBQ", form!(Rev, [], [Psubq_xmm_xmmm128])),
    ("PCMPEQQ", form!(Rev, [], [Pcmpeqq_xmm_xmmm128])),
    ("PUNPCKLQDQ", form!(Rev, [], [Punpcklqdq_xmm_xmmm128])),
    ("PSHUFHW", form!(Rev, [1, 0, 0], [Pshufhw_xmm_xmmm128_imm8])),
    ("PSLLDQ", form!(Rev, [1, 0], [Pslldq_xmm_imm8])),
    ("PSRLDQ", form!(Rev, [1, 0], [Psrldq_xmm_imm8])),
    ("PINSRW", form!(Rev, [1, 4, 0], [Pinsrw_xmm_r32m16_imm8])),
    ("PINSRD", form!(Rev, [1, 4, 0], [Pinsrd_xmm_rm32_imm8])),
    ("PINSRQ", form!(Rev, [1, 8, 0], [Pinsrq_xmm_rm64_imm8])),
    ("PEXTRQ", form!(Rev, [1, 0, 8], [Pextrq_rm64_xmm_imm8])),
    ("MOVHPS", form!(Rev, [], [Movhps_xmm_m64, Movhps_m64_xmm])),
    ("MOVLHPS", form!(Rev, [], [Movlhps_xmm_xmm])),
    ("AESENC", form!(Rev, [], [Aesenc_xmm_xmmm128])),
    ("AESENCLAST", form!(Rev, [], [Aesenclast_xmm_xmmm128])),
    ("AESDEC", form!(Rev, [], [Aesdec_xmm_xmmm128])),
    // AVX/AVX2 (VEX), as the runtime's memmove/memclr use them; Go order is reversed Intel:
    // `VPXOR Y1, Y2, Y3` is vpxor ymm3, ymm2, ymm1.
    (
        "VMOVDQU",
        form!(
            Rev,
            [],
            [
                VEX_Vmovdqu_ymm_ymmm256,
                VEX_Vmovdqu_ymmm256_ymm,
                VEX_Vmovdqu_xmm_xmmm128,
                VEX_Vmovdqu_xmmm128_xmm
            ]
        ),
    ),
    // Go encodes a register-to-register VMOVDQA in its store form (0x7F).
    (
        "VMOVDQA",
        form!(
            Rev,
            [],
            [
                VEX_Vmovdqa_ymmm256_ymm,
                VEX_Vmovdqa_ymm_ymmm256,
                VEX_Vmovdqa_xmmm128_xmm,
                VEX_Vmovdqa_xmm_xmmm128
            ]
        ),
    ),
    (
        "VMOVNTDQ",
        form!(Rev, [], [VEX_Vmovntdq_m256_ymm, VEX_Vmovntdq_m128_xmm]),
    ),
    (
        "VPXOR",
        form!(
            Rev,
            [],
            [VEX_Vpxor_ymm_ymm_ymmm256, VEX_Vpxor_xmm_xmm_xmmm128]
        ),
    ),
    (
        "VPAND",
        form!(
            Rev,
            [],
            [VEX_Vpand_ymm_ymm_ymmm256, VEX_Vpand_xmm_xmm_xmmm128]
        ),
    ),
    (
        "VPOR",
        form!(
            Rev,
            [],
            [VEX_Vpor_ymm_ymm_ymmm256, VEX_Vpor_xmm_xmm_xmmm128]
        ),
    ),
    (
        "VPCMPEQB",
        form!(
            Rev,
            [],
            [VEX_Vpcmpeqb_ymm_ymm_ymmm256, VEX_Vpcmpeqb_xmm_xmm_xmmm128]
        ),
    ),
    (
        "VPMOVMSKB",
        form!(Rev, [0, 4], [VEX_Vpmovmskb_r32_ymm, VEX_Vpmovmskb_r32_xmm]),
    ),
    (
        "VPTEST",
        form!(Rev, [], [VEX_Vptest_ymm_ymmm256, VEX_Vptest_xmm_xmmm128]),
    ),
    (
        "VPBROADCASTB",
        form!(
            Rev,
            [],
            [VEX_Vpbroadcastb_ymm_xmmm8, VEX_Vpbroadcastb_xmm_xmmm8]
        ),
    ),
    ("VZEROUPPER", form!(Rev, [], [VEX_Vzeroupper])),
    // FMA3 (math/rand's exp): `VFMADD231SD X1, X0, X2` is vfmadd231sd xmm2, xmm0, xmm1,
    // xmm2 = xmm0*xmm1 + xmm2 rounded once.
    (
        "VFMADD231SD",
        form!(Rev, [], [VEX_Vfmadd231sd_xmm_xmm_xmmm64]),
    ),
    // Control flow. Go's condition names, plus the aliases cmd/asm/internal/arch accepts.
    (
        "JMP",
        Kind::Jump {
            short: Jmp_rel8_64,
            near: Jmp_rel32_64,
        },
    ),
    ("CALL", Kind::Call),
    ("RET", Kind::Ret),
    (
        "JEQ",
        Kind::Jump {
            short: Je_rel8_64,
            near: Je_rel32_64,
        },
    ),
    (
        "JE",
        Kind::Jump {
            short: Je_rel8_64,
            near: Je_rel32_64,
        },
    ),
    (
        "JZ",
        Kind::Jump {
            short: Je_rel8_64,
            near: Je_rel32_64,
        },
    ),
    (
        "JNE",
        Kind::Jump {
            short: Jne_rel8_64,
            near: Jne_rel32_64,
        },
    ),
    (
        "JNZ",
        Kind::Jump {
            short: Jne_rel8_64,
            near: Jne_rel32_64,
        },
    ),
    (
        "JLT",
        Kind::Jump {
            short: Jl_rel8_64,
            near: Jl_rel32_64,
        },
    ),
    (
        "JL",
        Kind::Jump {
            short: Jl_rel8_64,
            near: Jl_rel32_64,
        },
    ),
    (
        "JLE",
        Kind::Jump {
            short: Jle_rel8_64,
            near: Jle_rel32_64,
        },
    ),
    (
        "JNG",
        Kind::Jump {
            short: Jle_rel8_64,
            near: Jle_rel32_64,
        },
    ),
    (
        "JGT",
        Kind::Jump {
            short: Jg_rel8_64,
            near: Jg_rel32_64,
        },
    ),
    (
        "JG",
        Kind::Jump {
            short: Jg_rel8_64,
            near: Jg_rel32_64,
        },
    ),
    (
        "JGE",
        Kind::Jump {
            short: Jge_rel8_64,
            near: Jge_rel32_64,
        },
    ),
    (
        "JNL",
        Kind::Jump {
            short: Jge_rel8_64,
            near: Jge_rel32_64,
        },
    ),
    (
        "JCS",
        Kind::Jump {
            short: Jb_rel8_64,
            near: Jb_rel32_64,
        },
    ),
    (
        "JLO",
        Kind::Jump {
            short: Jb_rel8_64,
            near: Jb_rel32_64,
        },
    ),
    (
        "JB",
        Kind::Jump {
            short: Jb_rel8_64,
            near: Jb_rel32_64,
        },
    ),
    (
        "JC",
        Kind::Jump {
            short: Jb_rel8_64,
            near: Jb_rel32_64,
        },
    ),
    (
        "JCC",
        Kind::Jump {
            short: Jae_rel8_64,
            near: Jae_rel32_64,
        },
    ),
    (
        "JHS",
        Kind::Jump {
            short: Jae_rel8_64,
            near: Jae_rel32_64,
        },
    ),
    (
        "JAE",
        Kind::Jump {
            short: Jae_rel8_64,
            near: Jae_rel32_64,
        },
    ),
    (
        "JNC",
        Kind::Jump {
            short: Jae_rel8_64,
            near: Jae_rel32_64,
        },
    ),
    (
        "JLS",
        Kind::Jump {
            short: Jbe_rel8_64,
            near: Jbe_rel32_64,
        },
    ),
    (
        "JBE",
        Kind::Jump {
            short: Jbe_rel8_64,
            near: Jbe_rel32_64,
        },
    ),
    (
        "JHI",
        Kind::Jump {
            short: Ja_rel8_64,
            near: Ja_rel32_64,
        },
    ),
    (
        "JA",
        Kind::Jump {
            short: Ja_rel8_64,
            near: Ja_rel32_64,
        },
    ),
    (
        "JMI",
        Kind::Jump {
            short: Js_rel8_64,
            near: Js_rel32_64,
        },
    ),
    (
        "JS",
        Kind::Jump {
            short: Js_rel8_64,
            near: Js_rel32_64,
        },
    ),
    (
        "JPL",
        Kind::Jump {
            short: Jns_rel8_64,
            near: Jns_rel32_64,
        },
    ),
    (
        "JNS",
        Kind::Jump {
            short: Jns_rel8_64,
            near: Jns_rel32_64,
        },
    ),
    (
        "JOS",
        Kind::Jump {
            short: Jo_rel8_64,
            near: Jo_rel32_64,
        },
    ),
    (
        "JO",
        Kind::Jump {
            short: Jo_rel8_64,
            near: Jo_rel32_64,
        },
    ),
    (
        "JOC",
        Kind::Jump {
            short: Jno_rel8_64,
            near: Jno_rel32_64,
        },
    ),
    (
        "JNO",
        Kind::Jump {
            short: Jno_rel8_64,
            near: Jno_rel32_64,
        },
    ),
    (
        "JPS",
        Kind::Jump {
            short: Jp_rel8_64,
            near: Jp_rel32_64,
        },
    ),
    (
        "JP",
        Kind::Jump {
            short: Jp_rel8_64,
            near: Jp_rel32_64,
        },
    ),
    (
        "JPE",
        Kind::Jump {
            short: Jp_rel8_64,
            near: Jp_rel32_64,
        },
    ),
    (
        "JPC",
        Kind::Jump {
            short: Jnp_rel8_64,
            near: Jnp_rel32_64,
        },
    ),
    (
        "JNP",
        Kind::Jump {
            short: Jnp_rel8_64,
            near: Jnp_rel32_64,
        },
    ),
    (
        "JPO",
        Kind::Jump {
            short: Jnp_rel8_64,
            near: Jnp_rel32_64,
        },
    ),
    // Prefixes, raw data, placeholders, string instructions.
    ("LOCK", Kind::Prefix(0xF0)),
    ("REP", Kind::Prefix(0xF3)),
    ("REPE", Kind::Prefix(0xF3)),
    ("REPN", Kind::Prefix(0xF2)),
    ("REPNE", Kind::Prefix(0xF2)),
    ("BYTE", Kind::Data(1)),
    ("WORD", Kind::Data(2)),
    ("LONG", Kind::Data(4)),
    ("QUAD", Kind::Data(8)),
    ("NOP", Kind::Nop),
    ("ADJSP", Kind::Adjsp),
    ("STOSB", Kind::Str(StrOp::Stosb)),
    ("STOSL", Kind::Str(StrOp::Stosl)),
    ("STOSQ", Kind::Str(StrOp::Stosq)),
    ("MOVSB", Kind::Str(StrOp::Movsb)),
    ("MOVSL", Kind::Str(StrOp::Movsl)),
    ("MOVSQ", Kind::Str(StrOp::Movsq)),
    ("LODSB", Kind::Str(StrOp::Lodsb)),
    ("LODSQ", Kind::Str(StrOp::Lodsq)),
    ("CMPSB", Kind::Str(StrOp::Cmpsb)),
    ("SCASB", Kind::Str(StrOp::Scasb)),
];

/// Looks up a mnemonic.
pub fn lookup(name: &str) -> Option<Kind> {
    TABLE.iter().find(|(n, _)| *n == name).map(|(_, k)| *k)
}
