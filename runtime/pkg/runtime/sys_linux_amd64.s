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
#define SYS_rt_sigaction	13
#define SYS_rt_sigreturn	15
#define SYS_sched_yield		24
#define SYS_madvise		28
#define SYS_sigaltstack		131
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

// func madvise(addr unsafe.Pointer, n uintptr, flags int32) int32
// Returns 0 or the negative errno, as Go's does.
TEXT runtime·madvise(SB),NOSPLIT,$0
	MOVL	DX, DX		// flags
	MOVL	$SYS_madvise, AX
	SYSCALL
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

// func rt_sigaction(sig uintptr, new, old *sigactiont, size uintptr) int32
TEXT runtime·rt_sigaction(SB),NOSPLIT,$0
	MOVQ	CX, R10		// size: the kernel's 4th argument register
	MOVL	$SYS_rt_sigaction, AX
	SYSCALL
	RET

// func sigaltstack(new, old *stackt)
TEXT runtime·sigaltstack(SB),NOSPLIT,$0
	MOVQ	$SYS_sigaltstack, AX
	SYSCALL
	CMPQ	AX, $0xfffffffffffff001
	JLS	sigaltstack_ok
	MOVL	$0xf1, 0xf1  // crash
sigaltstack_ok:
	RET

// sigtramp is the signal handler the kernel enters (setsig installs it with SA_SIGINFO and
// SA_ONSTACK): DI = sig, SI = info, DX = ctx, on the alternate signal stack, with SP 8 mod
// 16 as at any function entry (0(SP) is the restorer, sigreturn__sigaction). The kernel
// restores every register from the context when the handler returns, but the g register
// must be set up for the Go code: R15 is loaded from the TLS slot, as Go's sigtramp loads
// R14 (get_tls, MOVQ g(R12), R14). The frame-pointer chain of the signal stack ends here:
// sigtramp is a TOPFRAME for tracebacks (linker/src/pclntab.rs func_flag).
TEXT runtime·sigtramp(SB),NOSPLIT|TOPFRAME|NOFRAME,$0
	PUSHQ	BP		// SP is 16-byte aligned from here
	MOVQ	SP, BP
	PUSHQ	R15
	PUSHQ	BX
	MOVQ	TLS, BX
	MOVQ	0(BX)(TLS*1), R15	// g of the interrupted code
	MOVL	DI, DI		// sig is a uint32
	CALL	runtime·sigtrampgo(SB)
	POPQ	BX
	POPQ	R15
	POPQ	BP
	RET

// The restorer: the handler returns here, and rt_sigreturn resumes the interrupted code
// (or, after preparePanic, sigpanic) with the registers of the (possibly rewritten) context.
// Go: runtime/sys_linux_amd64.s sigreturn__sigaction.
TEXT runtime·sigreturn__sigaction(SB),NOSPLIT,$0
	MOVQ	$SYS_rt_sigreturn, AX
	SYSCALL
	INT $3	// not reached

// func sigtrampPC() uintptr (Go: abi.FuncPCABI0(sigtramp))
TEXT runtime·sigtrampPC(SB),NOSPLIT,$0
	LEAQ	runtime·sigtramp(SB), AX
	RET

// func sigreturnPC() uintptr (Go: abi.FuncPCABI0(sigreturn__sigaction))
TEXT runtime·sigreturnPC(SB),NOSPLIT,$0
	LEAQ	runtime·sigreturn__sigaction(SB), AX
	RET

// func sigpanicPC() uintptr (Go: abi.FuncPCABI0(sigpanic0), which jumps to sigpanic)
TEXT runtime·sigpanicPC(SB),NOSPLIT,$0
	LEAQ	runtime·sigpanic(SB), AX
	RET
