// Sqrt. Under the tbuild ABI (DESIGN.md, "Calling convention") a float argument arrives in
// X0 and a float result leaves in X0: one instruction, the correctly rounded square root.

#include "textflag.h"

// func Sqrt(x float64) float64
TEXT math·Sqrt(SB),NOSPLIT,$0
	SQRTSD	X0, X0
	RET
