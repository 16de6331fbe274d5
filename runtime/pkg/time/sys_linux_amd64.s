// Package time's system calls, for reading zone files: open, read and close. Under the tbuild
// ABI (DESIGN.md, "Calling convention") the arguments arrive in DI, SI and DX, where the
// kernel takes its first three, and the result (a count or descriptor, or -errno) leaves in
// AX, where the kernel puts it. System call numbers: Linux's arch/x86/entry/syscalls/syscall_64.tbl.

#include "textflag.h"

// func sysOpen(path *byte, flags int, mode int) int
TEXT time·sysOpen(SB),NOSPLIT,$0
	MOVL	$2, AX
	SYSCALL
	RET

// func sysRead(fd int, p *byte, n int) int
TEXT time·sysRead(SB),NOSPLIT,$0
	MOVL	$0, AX
	SYSCALL
	RET

// func sysClose(fd int) int
TEXT time·sysClose(SB),NOSPLIT,$0
	MOVL	$3, AX
	SYSCALL
	RET
