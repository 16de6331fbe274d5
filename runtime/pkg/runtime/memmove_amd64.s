// Memory moves and clears with the string instructions (tbuild ABI: arguments in DI, SI, DX).
//
// Go: runtime/memmove_amd64.s and memclr_amd64.s, which pick among SSE/AVX loops by size; REP
// MOVSB and REP STOSB are the simple form (fast on CPUs with ERMSB) with the same semantics.

#include "textflag.h"

// func memmove(to, from unsafe.Pointer, n uintptr): the regions may overlap.
//
// Up to 256 bytes, every size class loads the whole source into registers (two possibly
// overlapping pieces from the start and the end) before it stores anything, which makes it
// correct for overlapping regions in either direction and avoids REP MOVSB's start-up cost
// on short copies (Go's memmove_amd64.s does the same by size class). Larger moves use
// REP MOVSB, backwards when the destination overlaps the source from above.
TEXT runtime·memmove(SB),NOSPLIT,$0
	CMPQ	DX, $16
	JHI	above16
	CMPQ	DX, $8
	JCC	move8to16	// 8 <= n <= 16
	CMPQ	DX, $4
	JCC	move4to7
	CMPQ	DX, $2
	JCC	move2to3
	TESTQ	DX, DX
	JEQ	done
	MOVB	(SI), AX
	MOVB	AX, (DI)
	RET
move2to3:
	MOVW	(SI), AX
	MOVW	-2(SI)(DX*1), CX
	MOVW	AX, (DI)
	MOVW	CX, -2(DI)(DX*1)
	RET
move4to7:
	MOVL	(SI), AX
	MOVL	-4(SI)(DX*1), CX
	MOVL	AX, (DI)
	MOVL	CX, -4(DI)(DX*1)
	RET
move8to16:
	MOVQ	(SI), AX
	MOVQ	-8(SI)(DX*1), CX
	MOVQ	AX, (DI)
	MOVQ	CX, -8(DI)(DX*1)
	RET
above16:
	CMPQ	DX, $32
	JHI	above32
	MOVOU	(SI), X0
	MOVOU	-16(SI)(DX*1), X1
	MOVOU	X0, (DI)
	MOVOU	X1, -16(DI)(DX*1)
	RET
above32:
	CMPQ	DX, $64
	JHI	above64
	MOVOU	(SI), X0
	MOVOU	16(SI), X1
	MOVOU	-32(SI)(DX*1), X2
	MOVOU	-16(SI)(DX*1), X3
	MOVOU	X0, (DI)
	MOVOU	X1, 16(DI)
	MOVOU	X2, -32(DI)(DX*1)
	MOVOU	X3, -16(DI)(DX*1)
	RET
above64:
	CMPQ	DX, $128
	JHI	above128
	MOVOU	(SI), X0
	MOVOU	16(SI), X1
	MOVOU	32(SI), X2
	MOVOU	48(SI), X3
	MOVOU	-64(SI)(DX*1), X4
	MOVOU	-48(SI)(DX*1), X5
	MOVOU	-32(SI)(DX*1), X6
	MOVOU	-16(SI)(DX*1), X7
	MOVOU	X0, (DI)
	MOVOU	X1, 16(DI)
	MOVOU	X2, 32(DI)
	MOVOU	X3, 48(DI)
	MOVOU	X4, -64(DI)(DX*1)
	MOVOU	X5, -48(DI)(DX*1)
	MOVOU	X6, -32(DI)(DX*1)
	MOVOU	X7, -16(DI)(DX*1)
	RET
above128:
	CMPQ	DX, $256
	JHI	large
	MOVOU	(SI), X0
	MOVOU	16(SI), X1
	MOVOU	32(SI), X2
	MOVOU	48(SI), X3
	MOVOU	64(SI), X4
	MOVOU	80(SI), X5
	MOVOU	96(SI), X6
	MOVOU	112(SI), X7
	MOVOU	-128(SI)(DX*1), X8
	MOVOU	-112(SI)(DX*1), X9
	MOVOU	-96(SI)(DX*1), X10
	MOVOU	-80(SI)(DX*1), X11
	MOVOU	-64(SI)(DX*1), X12
	MOVOU	-48(SI)(DX*1), X13
	MOVOU	-32(SI)(DX*1), X14
	MOVOU	-16(SI)(DX*1), X15
	MOVOU	X0, (DI)
	MOVOU	X1, 16(DI)
	MOVOU	X2, 32(DI)
	MOVOU	X3, 48(DI)
	MOVOU	X4, 64(DI)
	MOVOU	X5, 80(DI)
	MOVOU	X6, 96(DI)
	MOVOU	X7, 112(DI)
	MOVOU	X8, -128(DI)(DX*1)
	MOVOU	X9, -112(DI)(DX*1)
	MOVOU	X10, -96(DI)(DX*1)
	MOVOU	X11, -80(DI)(DX*1)
	MOVOU	X12, -64(DI)(DX*1)
	MOVOU	X13, -48(DI)(DX*1)
	MOVOU	X14, -32(DI)(DX*1)
	MOVOU	X15, -16(DI)(DX*1)
	RET
large:
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
//
// By size class as memmove: up to 256 bytes, stores of a zero register that cover the
// region from both ends (overlapping in the middle); larger clears use REP STOSB. A short
// REP STOSB costs far more than its stores: clearing a map slot (16 bytes) with it made
// delete(m, k) twice as slow as Go's.
TEXT runtime·memclrNoHeapPointers(SB),NOSPLIT,$0
	XORL	AX, AX
	CMPQ	SI, $16
	JHI	clr_above16
	CMPQ	SI, $8
	JCC	clr8to16
	CMPQ	SI, $4
	JCC	clr4to7
	CMPQ	SI, $2
	JCC	clr2to3
	TESTQ	SI, SI
	JEQ	clr_done
	MOVB	AX, (DI)
	RET
clr2to3:
	MOVW	AX, (DI)
	MOVW	AX, -2(DI)(SI*1)
	RET
clr4to7:
	MOVL	AX, (DI)
	MOVL	AX, -4(DI)(SI*1)
	RET
clr8to16:
	MOVQ	AX, (DI)
	MOVQ	AX, -8(DI)(SI*1)
	RET
clr_above16:
	PXOR	X0, X0
	CMPQ	SI, $32
	JHI	clr_above32
	MOVOU	X0, (DI)
	MOVOU	X0, -16(DI)(SI*1)
	RET
clr_above32:
	CMPQ	SI, $64
	JHI	clr_above64
	MOVOU	X0, (DI)
	MOVOU	X0, 16(DI)
	MOVOU	X0, -32(DI)(SI*1)
	MOVOU	X0, -16(DI)(SI*1)
	RET
clr_above64:
	CMPQ	SI, $128
	JHI	clr_above128
	MOVOU	X0, (DI)
	MOVOU	X0, 16(DI)
	MOVOU	X0, 32(DI)
	MOVOU	X0, 48(DI)
	MOVOU	X0, -64(DI)(SI*1)
	MOVOU	X0, -48(DI)(SI*1)
	MOVOU	X0, -32(DI)(SI*1)
	MOVOU	X0, -16(DI)(SI*1)
	RET
clr_above128:
	CMPQ	SI, $256
	JHI	clr_large
	MOVOU	X0, (DI)
	MOVOU	X0, 16(DI)
	MOVOU	X0, 32(DI)
	MOVOU	X0, 48(DI)
	MOVOU	X0, 64(DI)
	MOVOU	X0, 80(DI)
	MOVOU	X0, 96(DI)
	MOVOU	X0, 112(DI)
	MOVOU	X0, -128(DI)(SI*1)
	MOVOU	X0, -112(DI)(SI*1)
	MOVOU	X0, -96(DI)(SI*1)
	MOVOU	X0, -80(DI)(SI*1)
	MOVOU	X0, -64(DI)(SI*1)
	MOVOU	X0, -48(DI)(SI*1)
	MOVOU	X0, -32(DI)(SI*1)
	MOVOU	X0, -16(DI)(SI*1)
	RET
clr_large:
	MOVQ	SI, CX
	REP;	STOSB
clr_done:
	RET
