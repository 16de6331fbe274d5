#include "textflag.h"

// func div(a, b int) int, in Go's ABI0 (arguments and result on the stack).
TEXT ·div(SB),NOSPLIT,$0-24
	MOVQ	a+0(FP), AX
	MOVQ	b+8(FP), CX
	CQO
	IDIVQ	CX
	MOVQ	AX, ret+16(FP)
	RET
