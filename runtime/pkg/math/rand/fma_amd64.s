// The CPU feature test and the fused multiply-add behind goExp (dist.go). Under the tbuild
// ABI (DESIGN.md, "Calling convention") float arguments arrive in X0, X1, X2 and a float
// result leaves in X0; a bool result leaves in AX; BX is callee-saved.

#include "textflag.h"

// func fmaSupported() bool: CPUID leaf 1 reports FMA (ECX bit 12), OSXSAVE (27) and AVX
// (28), and XGETBV that the OS saves the XMM and YMM registers (XCR0 bits 1 and 2), as Go's
// internal/cpu requires for math's FMA path (Intel SDM vol. 1, 14.3).
TEXT ·fmaSupported(SB),NOSPLIT,$0
	MOVQ	BX, R8
	MOVL	$1, AX
	XORL	CX, CX
	CPUID
	MOVQ	R8, BX
	ANDL	$0x18001000, CX
	CMPL	CX, $0x18001000
	JNE	no
	XORL	CX, CX
	XGETBV
	ANDL	$6, AX
	CMPL	AX, $6
	JNE	no
	MOVL	$1, AX
	RET
no:
	XORL	AX, AX
	RET

// func fma(x, y, z float64) float64
TEXT ·fma(SB),NOSPLIT,$0
	VFMADD231SD	X1, X0, X2
	MOVSD	X2, X0
	RET
