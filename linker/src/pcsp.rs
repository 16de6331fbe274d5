//! The SP delta at each pc of a function (the `pcsp` table of `.gopclntab`), derived by
//! decoding the function's own machine code.
//!
//! Go's assembler backend computes pcsp as it generates the prologue and epilogue
//! (cmd/internal/obj/x86/obj6.go `preprocess` sets each instruction's `Spadj`, and
//! cmd/internal/obj/pcln.go `pctospadj` turns them into the table). tbuild's compiled code
//! comes from Cranelift and its assembly from our own assembler, and neither writes CFI
//! (`unwind_info` is off), so the linker recovers the same facts from the instructions:
//! a linear scan over the function that tracks
//!
//! - `PUSH`/`POP` (±8; `PUSHFQ`/`POPFQ` too),
//! - `SUB`/`ADD rsp, imm` (± the immediate),
//! - `MOV rbp, rsp` (remembers the delta BP was set at) and `MOV rsp, rbp` / `LEA rsp,
//!   [rbp+d]` (back to that delta), as Cranelift's frame-pointer prologue `push rbp; mov
//!   rbp, rsp; sub rsp, N` and epilogue `mov rsp, rbp; pop rbp; ret` (or `add rsp, N`) use,
//! - `RET` and unconditional `JMP` (a tail call): the code after them is reached from the
//!   function body, so the delta goes back to what it was before the epilogue began, as Go's
//!   obj6.go restores `Spadj` after a RET in the middle of a function.
//!
//! The delta is what Go's runtime expects (runtime/symtab.go `funcspdelta`): 0 at the entry
//! (the return address is not counted), 8 after `push rbp`. Any other write to RSP makes the
//! delta unknown from there on; the table then stops tracking (it keeps the last value).

use iced_x86::{Decoder, DecoderOptions, Instruction, Mnemonic, OpKind, Register};

/// The SP delta of each pc range of `code`: `(end, delta)` runs covering `[0, code.len())`,
/// each holding from the previous run's end (or 0) to its own `end`.
pub fn sp_deltas(code: &[u8]) -> Vec<(u32, i32)> {
    let mut runs: Vec<(u32, i32)> = Vec::new();
    let mut decoder = Decoder::with_ip(64, code, 0, DecoderOptions::NONE);
    let mut ins = Instruction::default();
    let mut delta: i32 = 0;
    // The delta at which `mov rbp, rsp` ran, if it did.
    let mut bp_delta: Option<i32> = None;
    // The delta before the current epilogue started lowering SP.
    let mut before_epilogue: Option<i32> = None;
    let mut tracking = true;
    while decoder.can_decode() {
        let at = decoder.position() as u32;
        decoder.decode_out(&mut ins);
        if ins.is_invalid() {
            // Data or padding inside the function: keep the value to its end.
            push_run(&mut runs, code.len() as u32, delta);
            return runs;
        }
        // The delta in effect for this instruction's bytes.
        push_run(&mut runs, at + ins.len() as u32, delta);
        if !tracking {
            continue;
        }
        let old = delta;
        match ins.mnemonic() {
            Mnemonic::Push | Mnemonic::Pushfq => delta += 8,
            Mnemonic::Pop | Mnemonic::Popfq => {
                if ins.op0_kind() == OpKind::Register && ins.op0_register() == Register::RSP {
                    tracking = false;
                } else {
                    delta -= 8;
                }
            }
            Mnemonic::Sub | Mnemonic::Add if writes_rsp(&ins) => match immediate(&ins) {
                Some(imm) if ins.mnemonic() == Mnemonic::Sub => delta = delta.wrapping_add(imm),
                Some(imm) => delta = delta.wrapping_sub(imm),
                None => tracking = false,
            },
            Mnemonic::Mov if ins.op_count() == 2 => {
                if is_reg(&ins, 0, Register::RBP) && is_reg(&ins, 1, Register::RSP) {
                    bp_delta = Some(delta);
                } else if writes_rsp(&ins) {
                    match (is_reg(&ins, 1, Register::RBP), bp_delta) {
                        (true, Some(d)) => delta = d,
                        _ => tracking = false,
                    }
                }
            }
            Mnemonic::Lea if writes_rsp(&ins) => {
                match (ins.memory_base(), ins.memory_index(), bp_delta) {
                    (Register::RBP, Register::None, Some(d)) => {
                        delta = d.wrapping_sub(ins.memory_displacement64() as i64 as i32)
                    }
                    (Register::RSP, Register::None, _) => {
                        delta = delta.wrapping_sub(ins.memory_displacement64() as i64 as i32)
                    }
                    _ => tracking = false,
                }
            }
            Mnemonic::Ret | Mnemonic::Jmp => {
                // Code after a return or tail jump runs with the body's frame.
                if ins.mnemonic() == Mnemonic::Ret || ins.op0_kind() != OpKind::Register {
                    if let Some(d) = before_epilogue.take() {
                        delta = d;
                    } else if ins.mnemonic() == Mnemonic::Ret {
                        delta = 0;
                    }
                }
            }
            _ => {
                if writes_rsp(&ins) {
                    tracking = false;
                }
            }
        }
        if delta < old && before_epilogue.is_none() {
            before_epilogue = Some(old);
        } else if delta > old {
            before_epilogue = None;
        }
    }
    if runs.last().is_none_or(|r| (r.0 as usize) < code.len()) {
        push_run(&mut runs, code.len() as u32, delta);
    }
    runs
}

/// Extends the last run if it has the same value, else starts a new one.
fn push_run(runs: &mut Vec<(u32, i32)>, end: u32, value: i32) {
    match runs.last_mut() {
        Some(last) if last.1 == value => last.0 = end,
        _ => runs.push((end, value)),
    }
}

fn is_reg(ins: &Instruction, op: u32, reg: Register) -> bool {
    ins.op_kind(op) == OpKind::Register && ins.op_register(op) == reg
}

/// Whether the first operand is RSP (the destination of a two-operand instruction).
fn writes_rsp(ins: &Instruction) -> bool {
    ins.op_count() >= 1 && is_reg(ins, 0, Register::RSP)
}

/// The immediate second operand of `sub/add rsp, imm`.
fn immediate(ins: &Instruction) -> Option<i32> {
    match ins.op_kind(1) {
        OpKind::Immediate8
        | OpKind::Immediate8to32
        | OpKind::Immediate8to64
        | OpKind::Immediate32
        | OpKind::Immediate32to64 => Some(ins.immediate(1) as i64 as i32),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cranelift_frame() {
        // push rbp; mov rbp,rsp; sub rsp,0x20; call 0; add rsp,0x20; pop rbp; ret;
        // (a second block) nop; ret
        let code = [
            0x55, 0x48, 0x89, 0xe5, 0x48, 0x83, 0xec, 0x20, 0xe8, 0, 0, 0, 0, 0x48, 0x83, 0xc4,
            0x20, 0x5d, 0xc3, 0x90, 0xc3,
        ];
        let runs = sp_deltas(&code);
        assert_eq!(
            runs,
            vec![
                (1, 0),   // push rbp
                (4, 8),   // mov rbp, rsp
                (8, 8),   // sub rsp, 0x20 (its own bytes still at 8)
                (17, 40), // call, add rsp
                (18, 8),  // pop rbp
                (19, 0),  // ret
                (21, 40), // after the ret: the body's frame again
            ]
            .into_iter()
            .fold(Vec::new(), |mut v, (e, d)| {
                push_run(&mut v, e, d);
                v
            })
        );
    }

    #[test]
    fn mov_rsp_rbp_epilogue() {
        // push rbp; mov rbp,rsp; sub rsp,0x10; mov rsp,rbp; pop rbp; ret
        let code = [
            0x55, 0x48, 0x89, 0xe5, 0x48, 0x83, 0xec, 0x10, 0x48, 0x89, 0xec, 0x5d, 0xc3,
        ];
        assert_eq!(
            sp_deltas(&code),
            vec![(1, 0), (8, 8), (11, 24), (12, 8), (13, 0)]
        );
    }

    #[test]
    fn garbage_does_not_panic() {
        let _ = sp_deltas(&[0xff; 7]);
        let _ = sp_deltas(&[]);
        let _ = sp_deltas(&[0x48]);
    }
}
