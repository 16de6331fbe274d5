// The hash functions of maps with AES-NI, the 128-bit multiply of the fallback hash and
// random numbers, and the time stamp counter.
//
// The AES hash follows the idea of Go's aeshash (runtime/asm_amd64.s): a per-call key made
// of the seed and the length, xored with the process's random key schedule (aeskeysched,
// filled by alginit) and scrambled by one AES round, is xored into the data, which then
// goes through further rounds; longer inputs run in up to four lanes with keys of their
// own, folded together at the end. The code is tbuild's own: inputs under 16 bytes are read
// as two overlapping words (or three bytes), which never reads outside [p, p+n) and so
// needs no page-boundary masks. The keys are loaded with MOVOU, so aeskeysched needs no
// particular alignment.
//
// tbuild ABI: arguments in DI, SI, DX; the result in AX. BX, BP and R12-R15 are preserved,
// X registers are not.

#include "textflag.h"

// func memhash(p unsafe.Pointer, seed, s uintptr) uintptr
TEXT runtime·memhash(SB),NOSPLIT,$0
	CMPB	runtime·useAeshash(SB), $0
	JEQ	fallback
	JMP	aeshashbody<>(SB)
fallback:
	JMP	runtime·memhashFallback(SB)

// func strhash(p unsafe.Pointer, seed uintptr) uintptr: p points to the string header.
TEXT runtime·strhash(SB),NOSPLIT,$0
	CMPB	runtime·useAeshash(SB), $0
	JEQ	fallback
	MOVQ	8(DI), DX	// length
	MOVQ	0(DI), DI	// bytes
	JMP	aeshashbody<>(SB)
fallback:
	JMP	runtime·strhashFallback(SB)

// func memhash64(p unsafe.Pointer, seed uintptr) uintptr
// The seed and the 8 bytes make one block, which three keyed rounds scramble.
TEXT runtime·memhash64(SB),NOSPLIT,$0
	CMPB	runtime·useAeshash(SB), $0
	JEQ	fallback
	MOVQ	SI, X0
	PINSRQ	$1, 0(DI), X0
	MOVOU	runtime·aeskeysched+0(SB), X1
	MOVOU	runtime·aeskeysched+16(SB), X2
	MOVOU	runtime·aeskeysched+32(SB), X3
	PXOR	X1, X0
	AESENC	X2, X0
	AESENC	X3, X0
	AESENC	X1, X0
	MOVQ	X0, AX
	RET
fallback:
	JMP	runtime·memhash64Fallback(SB)

// func memhash32(p unsafe.Pointer, seed uintptr) uintptr
TEXT runtime·memhash32(SB),NOSPLIT,$0
	CMPB	runtime·useAeshash(SB), $0
	JEQ	fallback
	MOVQ	SI, X0
	MOVL	0(DI), AX
	PINSRQ	$1, AX, X0
	MOVOU	runtime·aeskeysched+0(SB), X1
	MOVOU	runtime·aeskeysched+16(SB), X2
	MOVOU	runtime·aeskeysched+32(SB), X3
	PXOR	X1, X0
	AESENC	X2, X0
	AESENC	X3, X0
	AESENC	X1, X0
	MOVQ	X0, AX
	RET
fallback:
	JMP	runtime·memhash32Fallback(SB)

// aeshashbody hashes DX bytes at DI with seed SI; the result is in AX.
TEXT aeshashbody<>(SB),NOSPLIT,$0
	// X0: the call's key, from the seed and the length.
	MOVQ	SI, X0
	PINSRQ	$1, DX, X0
	MOVOU	runtime·aeskeysched+0(SB), X8
	PXOR	X8, X0
	AESENC	X0, X0
	CMPQ	DX, $16
	JHI	over16
	CMPQ	DX, $8
	JCC	len8to16
	CMPQ	DX, $4
	JCC	len4to7
	TESTQ	DX, DX
	JEQ	len0
	// 1 to 3 bytes: the first, the middle and the last byte.
	MOVBQZX	0(DI), AX
	MOVQ	DX, CX
	SHRQ	$1, CX
	MOVBQZX	0(DI)(CX*1), R8
	SHLQ	$8, R8
	ORQ	R8, AX
	MOVBQZX	-1(DI)(DX*1), R8
	SHLQ	$16, R8
	ORQ	R8, AX
	MOVQ	AX, X1
	JMP	oneblock
len4to7:
	MOVL	0(DI), AX
	MOVL	-4(DI)(DX*1), R8
	MOVQ	AX, X1
	PINSRQ	$1, R8, X1
	JMP	oneblock
len8to16:
	MOVQ	0(DI), X1
	PINSRQ	$1, -8(DI)(DX*1), X1
	JMP	oneblock
len0:
	MOVO	X0, X1
oneblock:
	// One block: xor in the key, three rounds keyed by the schedule and the call's key.
	MOVOU	runtime·aeskeysched+16(SB), X9
	MOVOU	runtime·aeskeysched+32(SB), X10
	PXOR	X0, X1
	AESENC	X9, X1
	AESENC	X10, X1
	AESENC	X0, X1
	MOVQ	X1, AX
	RET

over16:
	// Lane keys X5, X6, X7: the call's key xored with more of the schedule, scrambled.
	MOVOU	runtime·aeskeysched+16(SB), X5
	MOVOU	runtime·aeskeysched+32(SB), X6
	MOVOU	runtime·aeskeysched+48(SB), X7
	PXOR	X0, X5
	PXOR	X0, X6
	PXOR	X0, X7
	AESENC	X5, X5
	AESENC	X6, X6
	AESENC	X7, X7
	CMPQ	DX, $32
	JHI	over32
	// 17 to 32 bytes: the first and the last 16, in two lanes.
	MOVOU	0(DI), X1
	MOVOU	-16(DI)(DX*1), X2
	PXOR	X0, X1
	PXOR	X5, X2
	AESENC	X0, X1
	AESENC	X5, X2
	AESENC	X0, X1
	AESENC	X5, X2
	PXOR	X2, X1
	AESENC	X0, X1
	MOVQ	X1, AX
	RET

over32:
	// Four lanes X1..X4 start as the lane keys; absorb xors 64 bytes into them and runs a
	// round in each.
	MOVO	X0, X1
	MOVO	X5, X2
	MOVO	X6, X3
	MOVO	X7, X4
	CMPQ	DX, $64
	JHI	over64
	// 33 to 64 bytes: the first 32 and the last 32.
	MOVOU	0(DI), X11
	MOVOU	16(DI), X12
	MOVOU	-32(DI)(DX*1), X13
	MOVOU	-16(DI)(DX*1), X14
	JMP	finish

over64:
	// 64 bytes at a time while more than 64 remain, then the last 64 (which may overlap).
	MOVQ	DX, CX
loop:
	MOVOU	0(DI), X11
	MOVOU	16(DI), X12
	MOVOU	32(DI), X13
	MOVOU	48(DI), X14
	PXOR	X11, X1
	PXOR	X12, X2
	PXOR	X13, X3
	PXOR	X14, X4
	AESENC	X0, X1
	AESENC	X5, X2
	AESENC	X6, X3
	AESENC	X7, X4
	ADDQ	$64, DI
	SUBQ	$64, CX
	CMPQ	CX, $64
	JHI	loop
	MOVOU	-64(DI)(CX*1), X11
	MOVOU	-48(DI)(CX*1), X12
	MOVOU	-32(DI)(CX*1), X13
	MOVOU	-16(DI)(CX*1), X14

finish:
	PXOR	X11, X1
	PXOR	X12, X2
	PXOR	X13, X3
	PXOR	X14, X4
	AESENC	X0, X1
	AESENC	X5, X2
	AESENC	X6, X3
	AESENC	X7, X4
	AESENC	X0, X1
	AESENC	X5, X2
	AESENC	X6, X3
	AESENC	X7, X4
	PXOR	X3, X1
	PXOR	X4, X2
	AESENC	X0, X1
	AESENC	X5, X2
	PXOR	X2, X1
	AESENC	X0, X1
	MOVQ	X1, AX
	RET

// func wymum(a, b uint64) uint64: the 128-bit product's halves xored.
TEXT runtime·wymum(SB),NOSPLIT,$0
	MOVQ	DI, AX
	MULQ	SI
	XORQ	DX, AX
	RET

// func cputicks() uint64
TEXT runtime·cputicks(SB),NOSPLIT,$0
	RDTSC
	SHLQ	$32, DX
	ORQ	DX, AX
	RET
