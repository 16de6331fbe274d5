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

// makeFuncStub is the code of every function made by MakeFunc (makefunc.go), entered from
// the function's trampoline with R11 = its makeFuncImpl and the caller's arguments where
// the ABI put them. It saves the argument registers and the address of the first stack
// argument in a makeFuncFrame at 0(SP) (ints at 0, floats at 48, stack at 112), lets
// callReflect(impl, frame) call the Go function, and returns the results callReflect
// left in the frame's rets (AX at 120, DX at 128, X0 at 136, X1 at 144).
// The frame is 160 bytes: with the saved BP and the return address, the first stack
// argument is at 176(SP), and SP is 16-byte aligned at the CALL.
TEXT ·makeFuncStub(SB),NOSPLIT,$160-0
	MOVQ	DI, 0(SP)
	MOVQ	SI, 8(SP)
	MOVQ	DX, 16(SP)
	MOVQ	CX, 24(SP)
	MOVQ	R8, 32(SP)
	MOVQ	R9, 40(SP)
	MOVSD	X0, 48(SP)
	MOVSD	X1, 56(SP)
	MOVSD	X2, 64(SP)
	MOVSD	X3, 72(SP)
	MOVSD	X4, 80(SP)
	MOVSD	X5, 88(SP)
	MOVSD	X6, 96(SP)
	MOVSD	X7, 104(SP)
	LEAQ	176(SP), AX
	MOVQ	AX, 112(SP)
	MOVQ	R11, DI
	MOVQ	SP, SI
	CALL	·callReflect(SB)
	MOVQ	120(SP), AX
	MOVQ	128(SP), DX
	MOVSD	136(SP), X0
	MOVSD	144(SP), X1
	RET
