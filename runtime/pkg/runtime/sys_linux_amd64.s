// Linux system calls for linux/amd64, and the signal handler's entry and exit.
//
// A stub takes its arguments in the tbuild ABI's registers (DI, SI, DX, CX, R8, R9) and
// returns in AX (and DX). The kernel wants the call number in AX and the arguments in DI,
// SI, DX, R10, R8, R9: only the fourth moves, from CX to R10. SYSCALL itself clobbers CX
// and R11, which the ABI lets a callee clobber. The kernel returns -errno, a value in
// [-4095, -1], for an error. A 32-bit argument may arrive with garbage in its upper half, so
// it is zero-extended (MOVL r, r) before the kernel sees it.

#include "go_asm.h"
#include "textflag.h"

// Call numbers (arch/x86/entry/syscalls/syscall_64.tbl).
#define SYS_read		0
#define SYS_write		1
#define SYS_open		2
#define SYS_close		3
#define SYS_mmap		9
#define SYS_munmap		11
#define SYS_rt_sigaction	13
#define SYS_rt_sigreturn	15
#define SYS_rt_sigprocmask	14
#define SYS_sched_yield		24
#define SYS_nanosleep		35
#define SYS_madvise		28
#define SYS_clone		56
#define SYS_exit		60
#define SYS_sigaltstack		131
#define SYS_arch_prctl		158
#define SYS_gettid		186
#define SYS_futex		202
#define SYS_sched_getaffinity	204
#define SYS_timer_create	222
#define SYS_timer_settime	223
#define SYS_timer_delete	226
#define SYS_clock_gettime	228
#define SYS_exit_group		231
#define SYS_tgkill		234

// arch_prctl's request to set the FS base (asm/prctl.h).
#define ARCH_SET_FS		0x1002

// clone's flag that sets the new thread's FS base (linux/sched.h).
#define CLONE_SETTLS		0x80000

// func exit(code int32)
// Ends the whole process (every thread) with status code&0xff.
TEXT runtime·exit(SB),NOSPLIT,$0
	MOVL	DI, DI
	MOVL	$SYS_exit_group, AX
	SYSCALL
	RET

// func write1(fd uintptr, p unsafe.Pointer, n int32) int32
// Returns the count written or -errno.
TEXT runtime·write1(SB),NOSPLIT,$0
	MOVL	DX, DX
	MOVL	$SYS_write, AX
	SYSCALL
	RET

// func mmap(addr unsafe.Pointer, n uintptr, prot, flags, fd int32, off uint32) (p unsafe.Pointer, err int)
// Returns (p, 0), or (nil, errno) on failure.
TEXT runtime·mmap(SB),NOSPLIT,$0
	MOVL	DX, DX		// prot
	MOVL	CX, R10		// flags, in the kernel's fourth register
	MOVL	R8, R8		// fd
	MOVL	R9, R9		// off
	MOVL	$SYS_mmap, AX
	SYSCALL
	CMPQ	AX, $-4095
	JCC	mmap_failed	// AX >= -4095 unsigned: an errno
	XORL	DX, DX
	RET
mmap_failed:
	NEGQ	AX
	MOVQ	AX, DX
	XORL	AX, AX
	RET

// func munmap(addr unsafe.Pointer, n uintptr)
// Failing to unmap means the runtime's bookkeeping is wrong: crash.
TEXT runtime·munmap(SB),NOSPLIT,$0
	MOVL	$SYS_munmap, AX
	SYSCALL
	CMPQ	AX, $-4095
	JCC	munmap_failed
	RET
munmap_failed:
	CALL	runtime·abort(SB)

// func madvise(addr unsafe.Pointer, n uintptr, flags int32) int32
// Returns 0 or -errno.
TEXT runtime·madvise(SB),NOSPLIT,$0
	MOVL	DX, DX		// flags
	MOVL	$SYS_madvise, AX
	SYSCALL
	RET

// func sched_getaffinity(pid, size uintptr, buf *byte) int32
// Returns the size of the CPU mask written to buf, or -errno.
TEXT runtime·sched_getaffinity(SB),NOSPLIT,$0
	MOVL	$SYS_sched_getaffinity, AX
	SYSCALL
	RET

// func gettid() uint32
TEXT runtime·gettid(SB),NOSPLIT,$0
	MOVL	$SYS_gettid, AX
	SYSCALL
	RET

// func clock_gettime(clockid int32, ts *timespec) int32
// Returns 0 or -errno. Through the vDSO's __vdso_clock_gettime when vdsoinit found it (no
// kernel entry, as Go reads the clocks), else the system call. The vDSO is C code: it gets
// a 16-byte aligned stack, and may clobber only what the tbuild ABI lets a callee clobber
// (the System V ABI's caller-saved registers; R15, the g, is callee-saved in both).
TEXT runtime·clock_gettime(SB),NOSPLIT,$0
	MOVQ	runtime·vdsoClockGettime(SB), AX
	TESTQ	AX, AX
	JEQ	clock_syscall
	PUSHQ	BP
	MOVQ	SP, BP
	ANDQ	$-16, SP
	MOVL	DI, DI		// clockid
	CALL	AX
	MOVQ	BP, SP
	POPQ	BP
	RET
clock_syscall:
	MOVL	DI, DI		// clockid
	MOVL	$SYS_clock_gettime, AX
	SYSCALL
	RET

// func nanosleep(ts *timespec) int32
// Sleeps for *ts; returns 0, or -EINTR when a signal cut the sleep short.
TEXT runtime·nanosleep(SB),NOSPLIT,$0
	XORL	SI, SI		// no remainder wanted: the caller recomputes its deadline
	MOVL	$SYS_nanosleep, AX
	SYSCALL
	RET

// func timer_create(clockid int32, sevp *sigevent, timerid *int32) int32
// Returns 0 or -errno.
TEXT runtime·timer_create(SB),NOSPLIT,$0
	MOVL	DI, DI		// clockid
	MOVL	$SYS_timer_create, AX
	SYSCALL
	RET

// func timer_settime(timerid int32, flags int32, new, old *itimerspec) int32
// Returns 0 or -errno.
TEXT runtime·timer_settime(SB),NOSPLIT,$0
	MOVL	DI, DI		// timerid
	MOVL	SI, SI		// flags
	MOVQ	CX, R10
	MOVL	$SYS_timer_settime, AX
	SYSCALL
	RET

// func open(name *byte, mode, perm int32) int32
// Returns the file descriptor or -errno.
TEXT runtime·open(SB),NOSPLIT,$0
	MOVL	SI, SI		// mode
	MOVL	DX, DX		// perm
	MOVL	$SYS_open, AX
	SYSCALL
	RET

// func read(fd int32, p unsafe.Pointer, n int32) int32
// Returns the count read or -errno.
TEXT runtime·read(SB),NOSPLIT,$0
	MOVL	DI, DI		// fd
	MOVL	DX, DX		// n
	MOVL	$SYS_read, AX
	SYSCALL
	RET

// func closefd(fd int32) int32
// Returns 0 or -errno.
TEXT runtime·closefd(SB),NOSPLIT,$0
	MOVL	DI, DI
	MOVL	$SYS_close, AX
	SYSCALL
	RET

// func osyield()
TEXT runtime·osyield(SB),NOSPLIT,$0
	MOVL	$SYS_sched_yield, AX
	SYSCALL
	RET

// settls(DI) points the FS base just past the word at DI (m.tls[0], the g slot), so that
// -8(FS) is that word: the TLS offset of the g slot in Go's ELF binaries is -8 (the
// linker's Tlsoffset). rt0_go calls it with DI = &m0.tls[0].
TEXT runtime·settls(SB),NOSPLIT,$0
	LEAQ	8(DI), SI
	MOVL	$ARCH_SET_FS, DI
	MOVL	$SYS_arch_prctl, AX
	SYSCALL
	CMPQ	AX, $-4095
	JCC	settls_failed
	RET
settls_failed:
	CALL	runtime·abort(SB)

// func rt_sigaction(sig uintptr, new, old *sigactiont, size uintptr) int32
// Returns 0 or -errno.
TEXT runtime·rt_sigaction(SB),NOSPLIT,$0
	MOVQ	CX, R10		// size, in the kernel's fourth register
	MOVL	$SYS_rt_sigaction, AX
	SYSCALL
	RET

// func sigaltstack(new, old *stackt)
// A thread without its signal stack could not report a fault: crash instead.
TEXT runtime·sigaltstack(SB),NOSPLIT,$0
	MOVL	$SYS_sigaltstack, AX
	SYSCALL
	CMPQ	AX, $-4095
	JCC	sigaltstack_failed
	RET
sigaltstack_failed:
	CALL	runtime·abort(SB)

// sigtramp is the signal handler the kernel enters (setsig installs it with SA_SIGINFO and
// SA_ONSTACK): DI = sig, SI = info, DX = ctx, on the alternate signal stack, with SP 8 mod
// 16 as at any function entry (0(SP) is the restorer, sigreturn__sigaction). The kernel
// restores every register from the context when the handler returns, but the g register
// must be set up for the Go code: R15 is loaded from the TLS slot (the interrupted code may
// have been assembly using R15). The frame-pointer chain of the signal stack ends here:
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
TEXT runtime·sigreturn__sigaction(SB),NOSPLIT,$0
	MOVL	$SYS_rt_sigreturn, AX
	SYSCALL
	INT	$3	// rt_sigreturn does not return here

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

// func futex(addr unsafe.Pointer, op int32, val uint32, ts *timespec, addr2 unsafe.Pointer, val3 uint32) int32
// Returns 0 (or the count woken) or -errno.
TEXT runtime·futex(SB),NOSPLIT,$0
	MOVL	SI, SI		// op
	MOVL	DX, DX		// val
	MOVQ	CX, R10		// ts, in the kernel's fourth register
	MOVL	R9, R9		// val3
	MOVL	$SYS_futex, AX
	SYSCALL
	RET

// func rtsigprocmask(how int32, new, old *sigset, size int32)
// Failing to set the signal mask would leave a thread unable to take its signals: crash.
TEXT runtime·rtsigprocmask(SB),NOSPLIT,$0
	MOVL	DI, DI		// how
	MOVL	CX, R10		// size
	MOVL	$SYS_rt_sigprocmask, AX
	SYSCALL
	CMPQ	AX, $-4095
	JCC	sigprocmask_failed
	RET
sigprocmask_failed:
	CALL	runtime·abort(SB)

// func tgkill(tgid, tid, sig int32) int32
TEXT runtime·tgkill(SB),NOSPLIT,$0
	MOVL	DI, DI
	MOVL	SI, SI
	MOVL	DX, DX
	MOVL	$SYS_tgkill, AX
	SYSCALL
	RET

// func clone(flags int32, stk, mp, gp unsafe.Pointer) int32
// Makes a thread that shares everything with this one (the flags say what), with its FS
// base just past mp.tls[0] (CLONE_SETTLS, as settls points m0's), and starts it on the
// stack stk with gp (mp's g0) as its g, calling mstart, which never returns. The parent gets the new thread's ID, or -errno. The child
// starts as a copy of the parent's registers at the SYSCALL but for AX (0) and SP (stk):
// R13 and R14, which the parent saves for its caller, carry mp and gp across. Go:
// runtime/sys_linux_amd64.s clone (which passes them, and the function, in R13, R9, R12).
TEXT runtime·clone(SB),NOSPLIT,$0
	PUSHQ	R13
	PUSHQ	R14
	MOVQ	DX, R13		// mp
	MOVQ	CX, R14		// gp
	MOVL	DI, DI		// flags
	XORL	DX, DX		// no parent TID to store
	XORL	R10, R10	// no child TID to store
	LEAQ	(m_tls+8)(R13), R8	// the child's FS: -8(FS) is mp.tls[0]
	ORL	$CLONE_SETTLS, DI
	MOVL	$SYS_clone, AX
	SYSCALL
	CMPQ	AX, $0
	JEQ	clone_child
	POPQ	R14
	POPQ	R13
	RET
clone_child:
	// On the new stack (16-byte aligned: the top of a g0 stack), with FS set.
	MOVQ	TLS, BX
	MOVQ	R14, 0(BX)(TLS*1)
	MOVQ	R14, R15
	XORL	BP, BP		// the frame-pointer chain of the new thread starts here
	CALL	runtime·mstart(SB)
	// mstart does not return; should it, end this thread alone.
	MOVL	$111, DI
	MOVL	$SYS_exit, AX
	SYSCALL
	INT	$3

// func timer_delete(timerid int32) int32
TEXT runtime·timer_delete(SB),NOSPLIT,$0
	MOVL	DI, DI
	MOVL	$SYS_timer_delete, AX
	SYSCALL
	RET

// func exitThread()
// Ends the calling thread alone (exit, not exit_group), for an M whose locked goroutine
// exited (procs.go mexit). Its stacks stay mapped: nothing else runs on them.
TEXT runtime·exitThread(SB),NOSPLIT,$0
	XORL	DI, DI
	MOVL	$SYS_exit, AX
	SYSCALL
	INT	$3	// exit does not return

// func syscall6(trap, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr)
// Any system call of up to six arguments, for package syscall (sysmon.go syscall_syscall):
// the call number arrives first, in DI, and each argument one register after where the
// kernel wants it, so all shift down by one (the fourth into R10), and the sixth, the
// System V ABI's seventh argument, is on the stack above the return address. Returns what
// the kernel returned in AX (the result, or -errno) and DX (as Go's Syscall returns r2).
TEXT runtime·syscall6(SB),NOSPLIT,$0
	MOVQ	DI, AX
	MOVQ	SI, DI
	MOVQ	DX, SI
	MOVQ	CX, DX
	MOVQ	R8, R10
	MOVQ	R9, R8
	MOVQ	8(SP), R9
	SYSCALL
	RET

// The child's calls of forkExec1 (syscall_64.tbl), and their constants (asm-generic/fcntl.h,
// asm-generic/signal.h).
#define SYS_execve		59
#define SYS_fcntl		72
#define SYS_chdir		80
#define SYS_setpgid		109
#define SYS_setsid		112
#define SYS_dup3		292
#define F_SETFD			2
#define O_CLOEXEC		0x80000
#define SIGCHLD			17

// Offsets in package syscall's forkSpec (exec_linux.go), every field a word.
#define fs_path		0
#define fs_argv		8
#define fs_envv		16
#define fs_dir		24	// 0: stay in the parent's directory
#define fs_fds		32	// the descriptors that become 0, 1, ...: -1 to close
#define fs_nfds		40
#define fs_pipe		48	// the close-on-exec pipe to report a failure through
#define fs_nextfd	56	// above every descriptor the table names, for the shuffle
#define fs_setpgid	64
#define fs_pgid		72
#define fs_mask		80	// the signal mask execve is to run with
#define fs_errno	88	// the child's errno, written to the pipe
#define fs_setsid	96

// func forkExec1(spec unsafe.Pointer) int
// clone with SIGCHLD alone is fork: the child has a copy of the memory and of this thread,
// and continues here with AX = 0 on the same (copied) stack. It makes only system calls,
// keeping the table in R9 (no call here takes six arguments) and the loop index in R12
// (the child never returns, so callee-saved registers need not be kept). Any failure jumps
// to fork_fail with -errno in AX, which writes errno to the pipe and exits with status
// 253, as Go's child does; execve success closes the pipe (close-on-exec), so the parent
// reads EOF.
TEXT runtime·forkExec1(SB),NOSPLIT,$0
	MOVQ	DI, R9
	MOVL	$SIGCHLD, DI
	XORL	SI, SI		// the child keeps SP (its own copy of this stack)
	XORL	DX, DX
	XORL	R10, R10
	XORL	R8, R8
	MOVL	$SYS_clone, AX
	SYSCALL
	CMPQ	AX, $0
	JEQ	fork_child
	RET
fork_child:
	MOVQ	fs_setsid(R9), AX
	TESTQ	AX, AX
	JEQ	fork_setpgid
	MOVL	$SYS_setsid, AX
	SYSCALL
	CMPQ	AX, $-4095
	JCC	fork_fail
fork_setpgid:
	MOVQ	fs_setpgid(R9), AX
	TESTQ	AX, AX
	JEQ	fork_chdir
	XORL	DI, DI
	MOVQ	fs_pgid(R9), SI
	MOVL	$SYS_setpgid, AX
	SYSCALL
	CMPQ	AX, $-4095
	JCC	fork_fail
fork_chdir:
	MOVQ	fs_dir(R9), DI
	TESTQ	DI, DI
	JEQ	fork_pipe
	MOVL	$SYS_chdir, AX
	SYSCALL
	CMPQ	AX, $-4095
	JCC	fork_fail
fork_pipe:
	// A pipe numbered among the child's descriptors moves out of their way first.
	MOVQ	fs_pipe(R9), DI
	MOVQ	fs_nfds(R9), CX
	CMPQ	DI, CX
	JGE	fork_pass1
	MOVQ	fs_nextfd(R9), SI
	MOVL	$O_CLOEXEC, DX
	MOVL	$SYS_dup3, AX
	SYSCALL
	CMPQ	AX, $-4095
	JCC	fork_fail
	MOVQ	fs_nextfd(R9), SI
	MOVQ	SI, fs_pipe(R9)
	INCQ	SI
	MOVQ	SI, fs_nextfd(R9)
fork_pass1:
	// Pass 1: a descriptor that is to become a higher one (fds[i] < i) could be
	// overwritten by pass 2 before its turn, so it is copied above them all.
	XORL	R12, R12
fork_pass1_loop:
	MOVQ	fs_nfds(R9), CX
	CMPQ	R12, CX
	JGE	fork_pass2
	MOVQ	fs_fds(R9), BX
	MOVQ	(BX)(R12*8), DI
	TESTQ	DI, DI
	JLT	fork_pass1_next
	CMPQ	DI, R12
	JGE	fork_pass1_next
	MOVQ	fs_nextfd(R9), SI
	MOVL	$O_CLOEXEC, DX
	MOVL	$SYS_dup3, AX
	SYSCALL
	CMPQ	AX, $-4095
	JCC	fork_fail
	MOVQ	fs_fds(R9), BX
	MOVQ	fs_nextfd(R9), SI
	MOVQ	SI, (BX)(R12*8)
	INCQ	SI
	MOVQ	SI, fs_nextfd(R9)
fork_pass1_next:
	INCQ	R12
	JMP	fork_pass1_loop
fork_pass2:
	// Pass 2: descriptor i becomes a copy of fds[i], without close-on-exec; -1 closes i.
	XORL	R12, R12
fork_pass2_loop:
	MOVQ	fs_nfds(R9), CX
	CMPQ	R12, CX
	JGE	fork_exec
	MOVQ	fs_fds(R9), BX
	MOVQ	(BX)(R12*8), DI
	TESTQ	DI, DI
	JGE	fork_pass2_have
	MOVQ	R12, DI
	MOVL	$SYS_close, AX
	SYSCALL			// a descriptor that was not open is no failure
	JMP	fork_pass2_next
fork_pass2_have:
	CMPQ	DI, R12
	JNE	fork_pass2_dup
	MOVL	$F_SETFD, SI	// already in place: clear its close-on-exec flag
	XORL	DX, DX
	MOVL	$SYS_fcntl, AX
	SYSCALL
	CMPQ	AX, $-4095
	JCC	fork_fail
	JMP	fork_pass2_next
fork_pass2_dup:
	MOVQ	R12, SI
	XORL	DX, DX
	MOVL	$SYS_dup3, AX
	SYSCALL
	CMPQ	AX, $-4095
	JCC	fork_fail
fork_pass2_next:
	INCQ	R12
	JMP	fork_pass2_loop
fork_exec:
	MOVL	$2, DI		// SIG_SETMASK: the mask the parent's thread had
	LEAQ	fs_mask(R9), SI
	XORL	DX, DX
	MOVL	$8, R10
	MOVL	$SYS_rt_sigprocmask, AX
	SYSCALL
	MOVQ	fs_path(R9), DI
	MOVQ	fs_argv(R9), SI
	MOVQ	fs_envv(R9), DX
	MOVL	$SYS_execve, AX
	SYSCALL
fork_fail:
	NEGQ	AX
	MOVQ	AX, fs_errno(R9)
	MOVQ	fs_pipe(R9), DI
	LEAQ	fs_errno(R9), SI
	MOVL	$8, DX
	MOVL	$SYS_write, AX
	SYSCALL
	MOVL	$253, DI
	MOVL	$SYS_exit_group, AX
	SYSCALL
	INT	$3
