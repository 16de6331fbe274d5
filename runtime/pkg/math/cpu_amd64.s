// The processor queries that choose between math's two paths (cpu.go) and the fused
// multiply-add. Under the tbuild ABI float arguments arrive in X0, X1, X2 and a float
// result leaves in X0; an integer result leaves in AX.

#include "textflag.h"

// func cpuidECX1() uint32
// ECX of CPUID leaf 1 (Intel SDM vol. 2A, "CPUID"): the FMA, OSXSAVE and AVX bits.
TEXT math·cpuidECX1(SB),NOSPLIT,$0
	MOVQ	BX, R8	// CPUID writes BX, which the caller expects kept
	MOVL	$1, AX
	XORL	CX, CX
	CPUID
	MOVL	CX, AX
	MOVQ	R8, BX
	RET

// func xcr0() uint32
// The low half of XCR0: which register states the operating system saves (bit 1 SSE,
// bit 2 AVX). Only call it when CPUID says OSXSAVE.
TEXT math·xcr0(SB),NOSPLIT,$0
	XORL	CX, CX
	XGETBV
	RET

// func fusedMulAdd(x, y, z float64) float64
// x*y+z rounded once, by the instruction Go's compiler emits for math.FMA when the CPU
// has FMA: the accumulator z is the first operand, x the second, y the third (which
// decides which NaN comes out when several go in).
TEXT math·fusedMulAdd(SB),NOSPLIT,$0
	VFMADD231SD	X1, X0, X2
	MOVSD	X2, X0
	RET

// Exp's fused kernel (exp.go): its constants, in the order the kernel reads them.
DATA	expFused<>+0(SB)/8, $0.69314718055966295651160180568695068359375	// ln2, high part
DATA	expFused<>+8(SB)/8, $0.28235290563031577122588448175013436025525412068e-12	// ln2, low part
DATA	expFused<>+16(SB)/8, $0.0625
DATA	expFused<>+24(SB)/8, $2.4801587301587301587e-5	// 1/8!
DATA	expFused<>+32(SB)/8, $1.9841269841269841270e-4	// 1/7!
DATA	expFused<>+40(SB)/8, $1.3888888888888888889e-3	// 1/6!
DATA	expFused<>+48(SB)/8, $8.3333333333333333333e-3	// 1/5!
DATA	expFused<>+56(SB)/8, $4.1666666666666666667e-2	// 1/4!
DATA	expFused<>+64(SB)/8, $1.6666666666666666667e-1	// 1/3!
DATA	expFused<>+72(SB)/8, $0.5
DATA	expFused<>+80(SB)/8, $1.0
DATA	expFused<>+88(SB)/8, $2.0
GLOBL	expFused<>(SB), RODATA, $96

// func expFusedKernel(x, k float64) float64
// e**(x - k*ln2), before the scaling by 2**k, by the fused variant of Go's amd64 Exp:
// r = (x - k*ln2hi - k*ln2lo)/16 with both products fused, e = r*P(r) with P's Horner
// steps fused, four squarings y(y+2) of which the last is fused with the final +1.
TEXT math·expFusedKernel(SB),NOSPLIT,$0
	MOVSD	expFused<>+0(SB), X2
	VFNMADD231SD	X2, X1, X0	// X0 = x - k*hi
	MOVSD	expFused<>+8(SB), X2
	VFNMADD231SD	X2, X1, X0	// X0 -= k*lo
	MULSD	expFused<>+16(SB), X0	// r
	MOVSD	expFused<>+24(SB), X1
	VFMADD213SD	expFused<>+32(SB), X0, X1	// X1 = X1*r + c
	VFMADD213SD	expFused<>+40(SB), X0, X1
	VFMADD213SD	expFused<>+48(SB), X0, X1
	VFMADD213SD	expFused<>+56(SB), X0, X1
	VFMADD213SD	expFused<>+64(SB), X0, X1
	VFMADD213SD	expFused<>+72(SB), X0, X1
	VFMADD213SD	expFused<>+80(SB), X0, X1
	MULSD	X1, X0	// y = r*P(r)
	MOVSD	expFused<>+88(SB), X3
	MOVSD	X0, X1
	ADDSD	X3, X1
	MULSD	X1, X0	// y *= y+2
	MOVSD	X0, X1
	ADDSD	X3, X1
	MULSD	X1, X0
	MOVSD	X0, X1
	ADDSD	X3, X1
	MULSD	X1, X0
	MOVSD	X0, X1
	ADDSD	X3, X1
	VFMADD213SD	expFused<>+80(SB), X1, X0	// X0 = y*(y+2) + 1
	RET
