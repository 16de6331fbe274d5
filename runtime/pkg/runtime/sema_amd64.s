// The atomic operations sema.go needs on its own words, under the tbuild ABI (DESIGN.md,
// "Calling convention": arguments in DI, SI, DX; the result in AX). Each is a leaf without a
// frame: none can fault on an address sema.go did not compute itself.

#include "textflag.h"

// func semacas(addr *uint32, old, new uint32) bool
TEXT runtime·semacas(SB),NOSPLIT,$0
	MOVL	SI, AX
	LOCK
	CMPXCHGL	DX, 0(DI)
	SETEQ	AX
	RET

// func semaxadd(addr *uint32, delta int32) uint32: the new value.
TEXT runtime·semaxadd(SB),NOSPLIT,$0
	MOVL	SI, AX
	LOCK
	XADDL	AX, 0(DI)
	ADDL	SI, AX
	RET

// func semaload(addr *uint32) uint32
TEXT runtime·semaload(SB),NOSPLIT,$0
	MOVL	0(DI), AX
	RET
