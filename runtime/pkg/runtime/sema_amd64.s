// The atomic operations sema.go needs on its own words, and the monotonic clock for
// sync.Mutex, under the tbuild ABI (DESIGN.md, "Calling convention": arguments in DI, SI,
// DX; the result in AX). Each is a leaf without a frame: none can fault on an address
// sema.go did not compute itself.

#include "textflag.h"

#define SYS_clock_gettime	228
#define CLOCK_MONOTONIC		1

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

// func semaMonotonic() int64: clock_gettime(CLOCK_MONOTONIC, &ts) into a timespec on the
// stack, as seconds*1e9 + nanoseconds.
TEXT runtime·semaMonotonic(SB),NOSPLIT,$16
	MOVL	$CLOCK_MONOTONIC, DI
	LEAQ	0(SP), SI
	MOVL	$SYS_clock_gettime, AX
	SYSCALL
	MOVQ	0(SP), AX
	MOVQ	$1000000000, CX
	IMULQ	CX, AX
	ADDQ	8(SP), AX
	RET
