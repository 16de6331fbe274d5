// Value.Call's trampoline (call.go): loads the argument registers of the tbuild ABI
// (DESIGN.md, "Calling convention": System V's DI, SI, DX, CX, R8, R9 and X0-X7, then the
// stack) from a callFrame, calls the function and stores the result registers back.
//
// callFrame's layout (call.go): ints at 0 (6 words), floats at 48 (8 words), rets at 112
// (AX, DX, X0, X1), nstack at 144, stack at 152 (at most 64 words).

#include "textflag.h"

// func call(fn unsafe.Pointer, f *callFrame)
// The frame: the outgoing stack arguments at 0(SP)..511(SP), f at 512(SP). 528 is a
// multiple of 16, so SP is 16-byte aligned at the CALL, as the ABI wants.
TEXT ·call(SB),NOSPLIT,$528-16
	MOVQ	SI, 512(SP)
	MOVQ	144(SI), CX
	LEAQ	152(SI), R10
	XORQ	AX, AX
copy:
	CMPQ	AX, CX
	JGE	copied
	MOVQ	(R10)(AX*8), R11
	MOVQ	R11, (SP)(AX*8)
	INCQ	AX
	JMP	copy
copied:
	MOVSD	48(SI), X0
	MOVSD	56(SI), X1
	MOVSD	64(SI), X2
	MOVSD	72(SI), X3
	MOVSD	80(SI), X4
	MOVSD	88(SI), X5
	MOVSD	96(SI), X6
	MOVSD	104(SI), X7
	MOVQ	0(DI), R11
	MOVQ	0(SI), DI
	MOVQ	16(SI), DX
	MOVQ	24(SI), CX
	MOVQ	32(SI), R8
	MOVQ	40(SI), R9
	MOVQ	8(SI), SI
	CALL	R11
	MOVQ	512(SP), SI
	MOVQ	AX, 112(SI)
	MOVQ	DX, 120(SI)
	MOVSD	X0, 128(SI)
	MOVSD	X1, 136(SI)
	RET
