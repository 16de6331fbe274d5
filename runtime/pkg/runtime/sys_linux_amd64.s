// System calls and other system stuff for linux/amd64.
// Go: runtime/sys_linux_amd64.s.
//
// tbuild ABI: arguments arrive in DI, SI, DX, CX, R8, R9 and the result goes in AX (a second
// one in DX). The kernel takes them in DI, SI, DX, R10, R8, R9, the number in AX, and
// clobbers CX and R11 (caller-saved in the System V ABI). A 32-bit argument has undefined
// upper bits in its register, so it is zero-extended with MOVL before a syscall, the same
// value Go's MOVL from the argument slot loads.

#include "textflag.h"

#define SYS_write		1
#define SYS_mmap		9
#define SYS_munmap		11
#define SYS_sched_yield		24
#define SYS_arch_prctl		158
#define SYS_gettid		186
#define SYS_sched_getaffinity	204
#define SYS_exit_group		231

#define ARCH_SET_FS		0x1002

// func exit(code int32)
TEXT runtime·exit(SB),NOSPLIT,$0
	MOVL	DI, DI
	MOVL	$SYS_exit_group, AX
	SYSCALL
	RET

// func write1(fd uintptr, p unsafe.Pointer, n int32) int32
TEXT runtime·write1(SB),NOSPLIT,$0
	MOVL	DX, DX
	MOVL	$SYS_write, AX
	SYSCALL
	RET

// func mmap(addr unsafe.Pointer, n uintptr, prot, flags, fd int32, off uint32) (p unsafe.Pointer, err int)
// Returns (p, 0) on success and (nil, errno) on failure, as Go's.
TEXT runtime·mmap(SB),NOSPLIT,$0
	MOVL	DX, DX		// prot
	MOVL	CX, R10		// flags: the kernel's 4th argument register
	MOVL	R8, R8		// fd
	MOVL	R9, R9		// off
	MOVL	$SYS_mmap, AX
	SYSCALL
	CMPQ	AX, $-4096	// -4095..-1 are errnos
	JLS	mmap_ok
	MOVQ	AX, DX		// DX = -errno
	MOVQ	$0, AX
	SUBQ	DX, AX		// AX = errno
	MOVQ	AX, DX		// err = errno
	MOVQ	$0, AX		// p = nil
	RET
mmap_ok:
	MOVQ	$0, DX		// err = 0
	RET

// func munmap(addr unsafe.Pointer, n uintptr)
TEXT runtime·munmap(SB),NOSPLIT,$0
	MOVL	$SYS_munmap, AX
	SYSCALL
	CMPQ	AX, $-4096
	JLS	munmap_ok
	MOVL	$0xf1, 0xf1	// crash
munmap_ok:
	RET

// func sched_getaffinity(pid, size uintptr, buf *byte) int32
TEXT runtime·sched_getaffinity(SB),NOSPLIT,$0
	MOVL	$SYS_sched_getaffinity, AX
	SYSCALL
	RET

// func gettid() uint32
TEXT runtime·gettid(SB),NOSPLIT,$0
	MOVL	$SYS_gettid, AX
	SYSCALL
	RET

// func osyield()
TEXT runtime·osyield(SB),NOSPLIT,$0
	MOVL	$SYS_sched_yield, AX
	SYSCALL
	RET

// settls(DI) sets the FS base so that -8(FS) is the word at DI (m.tls[0], the g slot).
// Called from rt0_go with DI = &m0.tls[0].
TEXT runtime·settls(SB),NOSPLIT,$0
	ADDQ	$8, DI	// ELF wants to use -8(FS)
	MOVQ	DI, SI
	MOVQ	$ARCH_SET_FS, DI
	MOVQ	$SYS_arch_prctl, AX
	SYSCALL
	CMPQ	AX, $-4096
	JLS	settls_ok
	MOVL	$0xf1, 0xf1	// crash
settls_ok:
	RET
