// The sync/atomic functions on words (funcs.go), under the tbuild ABI (DESIGN.md, "Calling
// convention"): addr arrives in DI, the next argument in SI, a third in DX; the result leaves
// in AX. 32-bit words use the L forms, which read only the low half of a register (an int32
// argument may carry garbage in its upper half); 64-bit words, uintptr and unsafe.Pointer use
// the Q forms. Every function has its own body (no shared tails), so that a fault on a nil
// address is reported in the function the program called. Each declares an 8-byte frame
// so that the assembler saves BP and links the frame (encode.rs, as Go's obj6.go): a fault
// inside then unwinds through the caller, whose frame a leaf without one would hide from the
// frame-pointer traceback.
//
// Instruction choices (Intel SDM vol. 3A, 9.1.2.2 and 9.2.3.1: locked instructions are
// totally ordered; a load is not reordered with older stores to the same location and is
// ordered after older locked instructions): Add is LOCK XADD, returning the old value plus
// delta; Swap and Store are XCHG, whose memory form always locks, so a Store is sequentially
// consistent as Go's memory model asks (a plain MOV store could pass a later load);
// CompareAndSwap is LOCK CMPXCHG, which compares with AX and sets ZF on success; Load is a
// plain MOV.

#include "textflag.h"

// func SwapInt32(addr *int32, new int32) (old int32)
TEXT ·SwapInt32(SB),NOSPLIT,$8
	XCHGL	SI, 0(DI)
	MOVL	SI, AX
	RET

// func CompareAndSwapInt32(addr *int32, old, new int32) (swapped bool)
TEXT ·CompareAndSwapInt32(SB),NOSPLIT,$8
	MOVL	SI, AX
	LOCK
	CMPXCHGL	DX, 0(DI)
	SETEQ	AX
	RET

// func AddInt32(addr *int32, delta int32) (new int32)
TEXT ·AddInt32(SB),NOSPLIT,$8
	MOVL	SI, AX
	LOCK
	XADDL	AX, 0(DI)
	ADDL	SI, AX
	RET

// func LoadInt32(addr *int32) (val int32)
TEXT ·LoadInt32(SB),NOSPLIT,$8
	MOVL	0(DI), AX
	RET

// func StoreInt32(addr *int32, val int32)
TEXT ·StoreInt32(SB),NOSPLIT,$8
	XCHGL	SI, 0(DI)
	RET

// func SwapUint32(addr *uint32, new uint32) (old uint32)
TEXT ·SwapUint32(SB),NOSPLIT,$8
	XCHGL	SI, 0(DI)
	MOVL	SI, AX
	RET

// func CompareAndSwapUint32(addr *uint32, old, new uint32) (swapped bool)
TEXT ·CompareAndSwapUint32(SB),NOSPLIT,$8
	MOVL	SI, AX
	LOCK
	CMPXCHGL	DX, 0(DI)
	SETEQ	AX
	RET

// func AddUint32(addr *uint32, delta uint32) (new uint32)
TEXT ·AddUint32(SB),NOSPLIT,$8
	MOVL	SI, AX
	LOCK
	XADDL	AX, 0(DI)
	ADDL	SI, AX
	RET

// func LoadUint32(addr *uint32) (val uint32)
TEXT ·LoadUint32(SB),NOSPLIT,$8
	MOVL	0(DI), AX
	RET

// func StoreUint32(addr *uint32, val uint32)
TEXT ·StoreUint32(SB),NOSPLIT,$8
	XCHGL	SI, 0(DI)
	RET

// func SwapInt64(addr *int64, new int64) (old int64)
TEXT ·SwapInt64(SB),NOSPLIT,$8
	XCHGQ	SI, 0(DI)
	MOVQ	SI, AX
	RET

// func CompareAndSwapInt64(addr *int64, old, new int64) (swapped bool)
TEXT ·CompareAndSwapInt64(SB),NOSPLIT,$8
	MOVQ	SI, AX
	LOCK
	CMPXCHGQ	DX, 0(DI)
	SETEQ	AX
	RET

// func AddInt64(addr *int64, delta int64) (new int64)
TEXT ·AddInt64(SB),NOSPLIT,$8
	MOVQ	SI, AX
	LOCK
	XADDQ	AX, 0(DI)
	ADDQ	SI, AX
	RET

// func LoadInt64(addr *int64) (val int64)
TEXT ·LoadInt64(SB),NOSPLIT,$8
	MOVQ	0(DI), AX
	RET

// func StoreInt64(addr *int64, val int64)
TEXT ·StoreInt64(SB),NOSPLIT,$8
	XCHGQ	SI, 0(DI)
	RET

// func SwapUint64(addr *uint64, new uint64) (old uint64)
TEXT ·SwapUint64(SB),NOSPLIT,$8
	XCHGQ	SI, 0(DI)
	MOVQ	SI, AX
	RET

// func CompareAndSwapUint64(addr *uint64, old, new uint64) (swapped bool)
TEXT ·CompareAndSwapUint64(SB),NOSPLIT,$8
	MOVQ	SI, AX
	LOCK
	CMPXCHGQ	DX, 0(DI)
	SETEQ	AX
	RET

// func AddUint64(addr *uint64, delta uint64) (new uint64)
TEXT ·AddUint64(SB),NOSPLIT,$8
	MOVQ	SI, AX
	LOCK
	XADDQ	AX, 0(DI)
	ADDQ	SI, AX
	RET

// func LoadUint64(addr *uint64) (val uint64)
TEXT ·LoadUint64(SB),NOSPLIT,$8
	MOVQ	0(DI), AX
	RET

// func StoreUint64(addr *uint64, val uint64)
TEXT ·StoreUint64(SB),NOSPLIT,$8
	XCHGQ	SI, 0(DI)
	RET

// func SwapUintptr(addr *uintptr, new uintptr) (old uintptr)
TEXT ·SwapUintptr(SB),NOSPLIT,$8
	XCHGQ	SI, 0(DI)
	MOVQ	SI, AX
	RET

// func CompareAndSwapUintptr(addr *uintptr, old, new uintptr) (swapped bool)
TEXT ·CompareAndSwapUintptr(SB),NOSPLIT,$8
	MOVQ	SI, AX
	LOCK
	CMPXCHGQ	DX, 0(DI)
	SETEQ	AX
	RET

// func AddUintptr(addr *uintptr, delta uintptr) (new uintptr)
TEXT ·AddUintptr(SB),NOSPLIT,$8
	MOVQ	SI, AX
	LOCK
	XADDQ	AX, 0(DI)
	ADDQ	SI, AX
	RET

// func LoadUintptr(addr *uintptr) (val uintptr)
TEXT ·LoadUintptr(SB),NOSPLIT,$8
	MOVQ	0(DI), AX
	RET

// func StoreUintptr(addr *uintptr, val uintptr)
TEXT ·StoreUintptr(SB),NOSPLIT,$8
	XCHGQ	SI, 0(DI)
	RET

// func SwapPointer(addr *unsafe.Pointer, new unsafe.Pointer) (old unsafe.Pointer)
TEXT ·SwapPointer(SB),NOSPLIT,$8
	XCHGQ	SI, 0(DI)
	MOVQ	SI, AX
	RET

// func CompareAndSwapPointer(addr *unsafe.Pointer, old, new unsafe.Pointer) (swapped bool)
TEXT ·CompareAndSwapPointer(SB),NOSPLIT,$8
	MOVQ	SI, AX
	LOCK
	CMPXCHGQ	DX, 0(DI)
	SETEQ	AX
	RET

// func LoadPointer(addr *unsafe.Pointer) (val unsafe.Pointer)
TEXT ·LoadPointer(SB),NOSPLIT,$8
	MOVQ	0(DI), AX
	RET

// func StorePointer(addr *unsafe.Pointer, val unsafe.Pointer)
TEXT ·StorePointer(SB),NOSPLIT,$8
	XCHGQ	SI, 0(DI)
	RET
