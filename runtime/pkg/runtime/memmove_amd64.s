// Memory moves and clears with the string instructions (tbuild ABI: arguments in DI, SI, DX).
//
// Go: runtime/memmove_amd64.s and memclr_amd64.s, which pick among SSE/AVX loops by size; REP
// MOVSB and REP STOSB are the simple form (fast on CPUs with ERMSB) with the same semantics.

#include "textflag.h"

// func memmove(to, from unsafe.Pointer, n uintptr): the regions may overlap.
TEXT runtime·memmove(SB),NOSPLIT,$0
	MOVQ	DX, CX
	CMPQ	DI, SI
	JEQ	done
	JLS	forward		// to < from: copy forwards
	MOVQ	SI, AX
	ADDQ	DX, AX
	CMPQ	DI, AX
	JCC	forward		// to >= from+n: no overlap
	// Overlap with to above from: copy backwards, from the last byte.
	LEAQ	-1(SI)(DX*1), SI
	LEAQ	-1(DI)(DX*1), DI
	STD
	REP;	MOVSB
	CLD
	RET
forward:
	REP;	MOVSB
done:
	RET

// func memclrNoHeapPointers(ptr unsafe.Pointer, n uintptr)
TEXT runtime·memclrNoHeapPointers(SB),NOSPLIT,$0
	MOVQ	SI, CX
	XORL	AX, AX
	REP;	STOSB
	RET
