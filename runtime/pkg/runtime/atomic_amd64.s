// The runtime's own atomic operations, for the words that Ms running in parallel share: the
// locks and notes (lock.go), the run queues of the Ps (proc.go), goroutine statuses, counters.
// Go: runtime/internal/atomic (atomic_amd64.go, atomic_amd64.s), whose contract these keep:
// every operation is sequentially consistent. On x86-64 a plain load is already an acquire
// and a plain store a release; a store that must not be reordered after a later load (the
// one ordering x86 allows) is an XCHG, which is locked implicitly. Being calls, these also
// keep the compiler from caching a shared word in a register across a loop.
//
// The tbuild ABI (DESIGN.md): arguments in DI, SI, DX; the result in AX.

#include "textflag.h"

// func atomicload(p *uint32) uint32
TEXT runtime·atomicload(SB),NOSPLIT,$0
	MOVL	0(DI), AX
	RET

// func atomicload64(p *uint64) uint64
TEXT runtime·atomicload64(SB),NOSPLIT,$0
	MOVQ	0(DI), AX
	RET

// func atomicloadp(p unsafe.Pointer) unsafe.Pointer: the pointer stored at p.
TEXT runtime·atomicloadp(SB),NOSPLIT,$0
	MOVQ	0(DI), AX
	RET

// func atomicstore(p *uint32, v uint32)
TEXT runtime·atomicstore(SB),NOSPLIT,$0
	XCHGL	SI, 0(DI)
	RET

// func atomicstore64(p *uint64, v uint64)
TEXT runtime·atomicstore64(SB),NOSPLIT,$0
	XCHGQ	SI, 0(DI)
	RET

// func atomicstorep(p unsafe.Pointer, v unsafe.Pointer): stores the pointer v at p.
TEXT runtime·atomicstorep(SB),NOSPLIT,$0
	XCHGQ	SI, 0(DI)
	RET

// func atomicxchg(p *uint32, v uint32) uint32: stores v, returns the old value.
TEXT runtime·atomicxchg(SB),NOSPLIT,$0
	MOVL	SI, AX
	XCHGL	AX, 0(DI)
	RET

// func atomicxadd(p *uint32, delta int32) uint32: the new value.
TEXT runtime·atomicxadd(SB),NOSPLIT,$0
	MOVL	SI, AX
	LOCK
	XADDL	AX, 0(DI)
	ADDL	SI, AX
	RET

// func atomicxadd64(p *uint64, delta int64) uint64: the new value.
TEXT runtime·atomicxadd64(SB),NOSPLIT,$0
	MOVQ	SI, AX
	LOCK
	XADDQ	AX, 0(DI)
	ADDQ	SI, AX
	RET

// func atomiccas(p *uint32, old, new uint32) bool
TEXT runtime·atomiccas(SB),NOSPLIT,$0
	MOVL	SI, AX
	LOCK
	CMPXCHGL	DX, 0(DI)
	SETEQ	AX
	RET

// func atomiccas64(p *uint64, old, new uint64) bool
TEXT runtime·atomiccas64(SB),NOSPLIT,$0
	MOVQ	SI, AX
	LOCK
	CMPXCHGQ	DX, 0(DI)
	SETEQ	AX
	RET

// func atomiccasp(p unsafe.Pointer, old, new unsafe.Pointer) bool: compare-and-swap of the
// pointer stored at p.
TEXT runtime·atomiccasp(SB),NOSPLIT,$0
	MOVQ	SI, AX
	LOCK
	CMPXCHGQ	DX, 0(DI)
	SETEQ	AX
	RET

// func procyield(cycles uint32)
// Spins for about cycles PAUSE instructions: a lock's holder on another CPU gets the time
// to release it before this one sleeps. Go: runtime/asm_amd64.s procyield.
TEXT runtime·procyield(SB),NOSPLIT,$0
	MOVL	DI, AX
yield_again:
	PAUSE
	SUBL	$1, AX
	JNZ	yield_again
	RET
