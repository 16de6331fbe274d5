#include "textflag.h"

// func div(a, b int) int, in the tbuild ABI (DESIGN.md): a in DI, b in SI, the result in AX.
TEXT main·div(SB),NOSPLIT,$0
	MOVQ	DI, AX
	CQO
	IDIVQ	SI
	RET
