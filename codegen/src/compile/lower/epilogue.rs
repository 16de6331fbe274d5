//! A pass over a function's machine code after Cranelift: every epilogue's `mov rsp, rbp`
//! that restores a stack pointer which already has that value becomes a NOP of its length.
//!
//! Cranelift's x64 frame (cranelift-codegen 0.135, isa/x64/abi.rs) is `push rbp; mov rbp,
//! rsp; sub rsp, N` at the entry and `add rsp, N; mov rsp, rbp; pop rbp; ret` at each return
//! (`gen_clobber_restore` then `gen_epilogue_frame_restore`). The stack pointer does not move
//! in between (outgoing arguments live in the fixed frame), so after `add rsp, N` it already
//! equals rbp, and with no `sub` it never left it. The `mov` is more than a wasted
//! instruction: on AMD Zen 4 (this project's CI machine) a `pop` that follows a register move
//! into rsp waits for the stack engine to synchronise, and bench/defer.src, whose hot
//! functions are small and return once per call, ran 0.35 s with it and 0.28 s without (go:
//! 0.25 s). Go's own epilogue is `add rsp, N; ret` with rbp reloaded by a load.
//!
//! The pass only rewrites what it has proved: the function must start with Cranelift's
//! prologue, no other instruction may write rsp, and each rewritten `mov` must sit between
//! `add rsp, N` (with the prologue's N, or nothing when there was no `sub`) and `pop rbp;
//! ret`. Instructions are decoded from the start of each source-location range Cranelift
//! recorded, which are instruction boundaries and cover code only (the constant pool after
//! the code has none); a range is left at its first indirect jump, which an inline jump
//! table follows. Offsets do not change, so line tables, call sites and the linker's pcsp
//! (which already treats the `mov` as no change) stay valid.

use iced_x86::{Decoder, DecoderOptions, Instruction, Mnemonic, OpKind, Register};

/// A 3-byte NOP (`nopl (%rax)`), the length of `mov rsp, rbp` (REX.W 89 /r).
const NOP3: [u8; 3] = [0x0f, 0x1f, 0x00];

/// Rewrites the redundant `mov rsp, rbp` of each epilogue in `code`. `ranges` are the
/// `[start, end)` byte ranges that hold instructions (Cranelift's source-location ranges);
/// `relocated` the relocations' `(offset, size)`, whose bytes are never touched. Returns how many
/// were rewritten (0 when the function is not in the expected form).
pub(super) fn drop_redundant_sp_restores(
    code: &mut [u8],
    ranges: &[(u32, u32)],
    relocated: &[(u32, u32)],
) -> usize {
    let Some(frame) = prologue_frame(code) else {
        return 0;
    };
    let mut found = Vec::new();
    for &(start, end) in ranges {
        let (start, end) = (start as usize, (end as usize).min(code.len()));
        if start >= end {
            continue;
        }
        let mut decoder =
            Decoder::with_ip(64, &code[start..end], start as u64, DecoderOptions::NONE);
        let mut window: [Instruction; 4] = Default::default();
        let mut seen = 0usize;
        let mut ins = Instruction::default();
        while decoder.can_decode() {
            decoder.decode_out(&mut ins);
            if ins.is_invalid() {
                break;
            }
            if writes_rsp(&ins) && !allowed_rsp_write(&ins, frame) {
                // A frame this pass does not understand: leave the whole function alone.
                return 0;
            }
            window.rotate_left(1);
            window[3] = ins;
            seen += 1;
            if let Some(at) = epilogue_mov(&window[4 - seen.min(4)..], frame) {
                found.push(at);
            }
            if ins.mnemonic() == Mnemonic::Jmp && ins.op0_kind() != OpKind::NearBranch64 {
                break;
            }
        }
    }
    found.sort_unstable();
    found.dedup();
    let mut rewritten = 0;
    for at in found {
        let at = at as usize;
        let touches_reloc = relocated
            .iter()
            .any(|&(r, size)| (r as usize) < at + NOP3.len() && at < (r + size) as usize);
        if !touches_reloc && code[at..at + 3] == [0x48, 0x89, 0xec] {
            code[at..at + 3].copy_from_slice(&NOP3);
            rewritten += 1;
        }
    }
    rewritten
}

/// The `sub rsp, N` of Cranelift's prologue (0 when there is none), or None when `code` does
/// not start with `push rbp; mov rbp, rsp`.
fn prologue_frame(code: &[u8]) -> Option<u64> {
    let mut decoder = Decoder::with_ip(64, code, 0, DecoderOptions::NONE);
    let mut next = || decoder.can_decode().then(|| decoder.decode());
    let push = next()?;
    let mov = next()?;
    let is_push_rbp = push.mnemonic() == Mnemonic::Push && is_reg(&push, 0, Register::RBP);
    let is_mov_rbp_rsp = mov.mnemonic() == Mnemonic::Mov
        && is_reg(&mov, 0, Register::RBP)
        && is_reg(&mov, 1, Register::RSP);
    if !is_push_rbp || !is_mov_rbp_rsp {
        return None;
    }
    match next() {
        Some(sub) if sub.mnemonic() == Mnemonic::Sub && is_reg(&sub, 0, Register::RSP) => {
            immediate(&sub)
        }
        _ => Some(0),
    }
}

/// Where the `mov rsp, rbp` of `window` (the last instructions decoded, oldest first) is,
/// if they end with an epilogue `[add rsp, frame;] mov rsp, rbp; pop rbp; ret`.
fn epilogue_mov(window: &[Instruction], frame: u64) -> Option<u32> {
    let n = window.len();
    if n < 3 {
        return None;
    }
    let (mov, pop, ret) = (&window[n - 3], &window[n - 2], &window[n - 1]);
    let restores = mov.mnemonic() == Mnemonic::Mov
        && mov.len() == 3
        && is_reg(mov, 0, Register::RSP)
        && is_reg(mov, 1, Register::RBP);
    let pops = pop.mnemonic() == Mnemonic::Pop && is_reg(pop, 0, Register::RBP);
    if !restores || !pops || ret.mnemonic() != Mnemonic::Ret {
        return None;
    }
    let lowered = if frame == 0 {
        true
    } else {
        n >= 4 && {
            let add = &window[n - 4];
            add.mnemonic() == Mnemonic::Add
                && is_reg(add, 0, Register::RSP)
                && immediate(add) == Some(frame)
                && add.next_ip() == mov.ip()
        }
    };
    let adjacent = mov.next_ip() == pop.ip() && pop.next_ip() == ret.ip();
    (lowered && adjacent).then_some(mov.ip() as u32)
}

/// The writes of rsp a Cranelift frame makes: the prologue's push and `sub rsp, N`, the
/// epilogue's `add rsp, N`, `mov rsp, rbp` and pop, and calls and returns.
fn allowed_rsp_write(ins: &Instruction, frame: u64) -> bool {
    match ins.mnemonic() {
        Mnemonic::Call | Mnemonic::Ret => true,
        Mnemonic::Push | Mnemonic::Pop => is_reg(ins, 0, Register::RBP),
        Mnemonic::Sub | Mnemonic::Add => {
            is_reg(ins, 0, Register::RSP) && frame != 0 && immediate(ins) == Some(frame)
        }
        Mnemonic::Mov => is_reg(ins, 0, Register::RSP) && is_reg(ins, 1, Register::RBP),
        _ => false,
    }
}

/// Whether the instruction changes rsp, explicitly or as a stack operation.
fn writes_rsp(ins: &Instruction) -> bool {
    use Mnemonic::*;
    match ins.mnemonic() {
        Push | Pop | Pushfq | Popfq | Call | Ret | Retf | Enter | Leave | Iretq => true,
        Cmp | Test => false,
        Xchg => is_reg(ins, 0, Register::RSP) || is_reg(ins, 1, Register::RSP),
        _ => is_reg(ins, 0, Register::RSP),
    }
}

fn is_reg(ins: &Instruction, op: u32, reg: Register) -> bool {
    op < ins.op_count() && ins.op_kind(op) == OpKind::Register && ins.op_register(op) == reg
}

/// A sign-extended immediate operand as an unsigned frame size.
fn immediate(ins: &Instruction) -> Option<u64> {
    match ins.op1_kind() {
        OpKind::Immediate8to64 | OpKind::Immediate32to64 => {
            u64::try_from(ins.immediate64() as i64).ok()
        }
        OpKind::Immediate8 | OpKind::Immediate32 => Some(ins.immediate(1)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // push rbp; mov rbp, rsp; sub rsp, 0x50; mov [rsp+0x40], rbx; call +0;
    // mov rbx, [rsp+0x40]; add rsp, 0x50; mov rsp, rbp; pop rbp; ret
    const FRAMED: &[u8] = &[
        0x55, 0x48, 0x89, 0xe5, 0x48, 0x83, 0xec, 0x50, 0x48, 0x89, 0x5c, 0x24, 0x40, 0xe8, 0, 0,
        0, 0, 0x48, 0x8b, 0x5c, 0x24, 0x40, 0x48, 0x83, 0xc4, 0x50, 0x48, 0x89, 0xec, 0x5d, 0xc3,
    ];

    fn whole(code: &[u8]) -> Vec<(u32, u32)> {
        vec![(0, code.len() as u32)]
    }

    #[test]
    fn framed_epilogue_loses_its_mov() {
        let mut code = FRAMED.to_vec();
        assert_eq!(
            drop_redundant_sp_restores(&mut code, &whole(FRAMED), &[]),
            1
        );
        assert_eq!(&code[27..30], &NOP3);
        assert_eq!(&code[..27], &FRAMED[..27]);
    }

    #[test]
    fn frameless_epilogue_loses_its_mov() {
        // push rbp; mov rbp, rsp; mov rax, [rdi]; mov rsp, rbp; pop rbp; ret
        let src = [
            0x55, 0x48, 0x89, 0xe5, 0x48, 0x8b, 0x07, 0x48, 0x89, 0xec, 0x5d, 0xc3,
        ];
        let mut code = src.to_vec();
        assert_eq!(drop_redundant_sp_restores(&mut code, &whole(&src), &[]), 1);
        assert_eq!(&code[7..10], &NOP3);
    }

    #[test]
    fn other_rsp_writes_leave_the_function_alone() {
        // A `sub rsp, 8` in the body of a framed function (not Cranelift's form).
        let mut src = FRAMED.to_vec();
        src.splice(8..8, [0x48, 0x83, 0xec, 0x08]);
        let mut code = src.clone();
        assert_eq!(drop_redundant_sp_restores(&mut code, &whole(&src), &[]), 0);
        assert_eq!(code, src);
    }

    #[test]
    fn a_different_frame_size_is_not_an_epilogue() {
        let mut src = FRAMED.to_vec();
        src[26] = 0x40; // add rsp, 0x40 where the prologue took 0x50
        let mut code = src.clone();
        assert_eq!(drop_redundant_sp_restores(&mut code, &whole(&src), &[]), 0);
        assert_eq!(code, src);
    }

    #[test]
    fn bytes_outside_the_ranges_are_not_read() {
        let mut code = FRAMED.to_vec();
        assert_eq!(drop_redundant_sp_restores(&mut code, &[(0, 23)], &[]), 0);
        assert_eq!(code, FRAMED);
    }

    #[test]
    fn a_relocation_just_before_the_mov_does_not_stop_it() {
        // The call's 4-byte displacement at 14..18 ends where the epilogue's code begins.
        let mut code = FRAMED.to_vec();
        assert_eq!(
            drop_redundant_sp_restores(&mut code, &whole(FRAMED), &[(14, 4), (23, 4)]),
            1
        );
    }

    #[test]
    fn relocated_bytes_are_never_rewritten() {
        let mut code = FRAMED.to_vec();
        assert_eq!(
            drop_redundant_sp_restores(&mut code, &whole(FRAMED), &[(24, 4)]),
            0
        );
        assert_eq!(code, FRAMED);
    }
}
