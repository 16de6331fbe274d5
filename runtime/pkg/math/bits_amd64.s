// The float/bits conversions and Sqrt. Under the tbuild ABI (DESIGN.md, "Calling
// convention") a float argument arrives in X0 and a float result leaves in X0; an integer
// argument arrives in DI and an integer result leaves in AX. Each function is one
// instruction: a move between register files, or the correctly rounded square root.

#include "textflag.h"

// func Float64bits(f float64) uint64
TEXT math·Float64bits(SB),NOSPLIT,$0
	MOVQ	X0, AX
	RET

// func Float64frombits(b uint64) float64
TEXT math·Float64frombits(SB),NOSPLIT,$0
	MOVQ	DI, X0
	RET

// func Float32bits(f float32) uint32
TEXT math·Float32bits(SB),NOSPLIT,$0
	MOVL	X0, AX
	RET

// func Float32frombits(b uint32) float32
TEXT math·Float32frombits(SB),NOSPLIT,$0
	MOVL	DI, X0
	RET

// func Sqrt(x float64) float64
TEXT math·Sqrt(SB),NOSPLIT,$0
	SQRTSD	X0, X0
	RET
