// Boot, goroutine switching and small helpers for linux/amd64.
// Go: runtime/asm_amd64.s.
//
// Conventions (tbuild ABI, see DESIGN.md): arguments in DI, SI, DX, CX, R8, R9, results in
// AX (and DX); SP 16-byte aligned at every CALL; R15 holds the current g in compiled code,
// and the g is also kept in TLS at -8(FS) (m.tls[0]), written as Go writes it:
// MOVQ TLS, r then 0(r)(TLS*1). Struct offsets come from go_asm.h, generated from the
// runtime's Go source as "go tool compile -asmhdr" does.

#include "go_asm.h"
#include "textflag.h"

// _rt0_amd64 is common startup code for most amd64 systems when using internal linking:
// the kernel leaves argc at 0(SP) and the argv array from 8(SP) up.
TEXT _rt0_amd64(SB),NOSPLIT,$0
	MOVQ	0(SP), DI	// argc
	LEAQ	8(SP), SI	// argv
	JMP	runtime·rt0_go(SB)

TEXT runtime·rt0_go(SB),NOSPLIT|TOPFRAME,$0
	// copy arguments forward on an even stack
	MOVQ	DI, AX		// argc
	MOVQ	SI, BX		// argv
	SUBQ	$40, SP		// 5 words: 3 args 2 auto, as Go
	ANDQ	$-16, SP	// Go: $~15
	MOVQ	AX, 24(SP)
	MOVQ	BX, 32(SP)

	// create istack out of the given (operating system) stack.
	// _cgo_init may update stackguard.
	// stack.lo = stackguard0 = stackguard1 = SP - 64*1024 + 104 (65432 = 64*1024 - 104)
	MOVQ	$runtime·g0(SB), DI
	MOVQ	SP, BX
	SUBQ	$65432, BX
	MOVQ	BX, g_stackguard0(DI)
	MOVQ	BX, g_stackguard1(DI)
	LEAQ	g_stack(DI), SI		// SI = &g0.stack
	MOVQ	BX, stack_lo(SI)
	MOVQ	SP, stack_hi(SI)

	// find out information about the processor we're on
	MOVL	$0, AX
	CPUID
	CMPL	AX, $0
	JEQ	nocpuinfo

	CMPL	BX, $0x756E6547		// "Genu"
	JNE	notintel
	CMPL	DX, $0x49656E69		// "ineI"
	JNE	notintel
	CMPL	CX, $0x6C65746E		// "ntel"
	JNE	notintel
	MOVB	$1, runtime·isIntel(SB)

notintel:
	// Load EAX=1 cpuid flags
	MOVL	$1, AX
	CPUID
	MOVL	AX, runtime·processorVersionInfo(SB)

nocpuinfo:
	// if there is an _cgo_init, call it to let it initialize and to set up GS.
	// tbuild has no cgo: _cgo_init is always nil, and a non-nil one is fatal.
	MOVQ	runtime·_cgo_init(SB), AX
	TESTQ	AX, AX
	JEQ	needtls
	CALL	runtime·abort(SB)

needtls:
	LEAQ	runtime·m0+m_tls(SB), DI
	CALL	runtime·settls(SB)

	// store through it, to make sure it works
	MOVQ	TLS, BX
	MOVQ	$0x123, 0(BX)(TLS*1)
	MOVQ	runtime·m0+m_tls(SB), AX
	CMPQ	AX, $0x123
	JEQ	ok
	CALL	runtime·abort(SB)
ok:
	// set the per-goroutine and per-mach "registers"
	MOVQ	TLS, BX
	LEAQ	runtime·g0(SB), CX
	MOVQ	CX, 0(BX)(TLS*1)
	MOVQ	CX, R15		// tbuild: the g register of compiled code (Go: R14)
	LEAQ	runtime·m0(SB), AX

	// save m->g0 = g0
	MOVQ	CX, m_g0(AX)
	// save m0 to g0->m
	MOVQ	AX, g_m(CX)

	CLD				// convention is D is always left cleared

	// tbuild: mark the outermost frame for frame-pointer tracebacks: the Go code called
	// below saves this BP, and a traceback stops at a saved BP of 0. (Linux starts the
	// process with BP = 0, but the psABI leaves it unspecified.)
	XORL	BP, BP

	// SP is 16-byte aligned from here on: every CALL below keeps the tbuild ABI.
	CALL	runtime·check(SB)

	MOVQ	24(SP), DI		// argc
	MOVQ	32(SP), SI		// argv
	CALL	runtime·args(SB)
	CALL	runtime·osinit(SB)
	CALL	runtime·schedinit(SB)

	// create a new goroutine to start program
	MOVQ	$runtime·mainPC(SB), DI		// entry
	CALL	runtime·newproc(SB)

	// start this M
	CALL	runtime·mstart(SB)

	CALL	runtime·abort(SB)	// mstart should never return
	RET

// mainPC is a function value for runtime.main, to be passed to newproc.
DATA	runtime·mainPC+0(SB)/8,$runtime·main(SB)
GLOBL	runtime·mainPC(SB),RODATA,$8

// The static g0 and m0 links (Go's linker lets assembly DATA give content to variables the
// Go source declares: proc.go declares g0 and m0). rt0_go stores the same two pointers.
// No NOPTR: both hold pointers, so they land in .data.
DATA	runtime·g0+g_m(SB)/8, $runtime·m0(SB)
GLOBL	runtime·g0(SB), $g__size
DATA	runtime·m0+m_g0(SB)/8, $runtime·g0(SB)
GLOBL	runtime·m0(SB), $m__size

// func mstart()
// mstart is the entry-point for new Ms. It is written in assembly, uses ABI0, is marked
// TOPFRAME, and calls mstart0.
TEXT runtime·mstart(SB),NOSPLIT|TOPFRAME,$0
	SUBQ	$8, SP		// tbuild: realign SP to 16 for the CALL (the entry SP is 8 mod 16)
	CALL	runtime·mstart0(SB)
	CALL	runtime·abort(SB)	// not reached
	RET

// func gogo(buf *gobuf)
// restore state from Gobuf; longjmp
TEXT runtime·gogo(SB),NOSPLIT,$0
	MOVQ	DI, BX		// gobuf
	MOVQ	gobuf_g(BX), DX
	MOVQ	0(DX), CX	// make sure g != nil
	MOVQ	TLS, CX
	MOVQ	DX, 0(CX)(TLS*1)
	MOVQ	DX, R15		// set the g register
	MOVQ	gobuf_sp(BX), SP	// restore SP
	MOVQ	gobuf_ret(BX), AX
	MOVQ	gobuf_ctxt(BX), DX
	MOVQ	gobuf_bp(BX), BP
	MOVQ	$0, gobuf_sp(BX)	// clear to help garbage collector
	MOVQ	$0, gobuf_ret(BX)
	MOVQ	$0, gobuf_ctxt(BX)
	MOVQ	$0, gobuf_bp(BX)
	MOVQ	gobuf_pc(BX), BX
	JMP	BX

// func catchcall(fn func(unsafe.Pointer), arg unsafe.Pointer, cf *catchFrame) bool
// Saves in cf what catchresume needs to return from here a second time (panic.go
// catchFrame), links cf into g.catch and calls fn(arg). A func value points to the word
// holding its code address (runtime2.go funcval).
TEXT runtime·catchcall(SB),NOSPLIT,$0
	PUSHQ	BP
	MOVQ	SP, BP		// SP is 16-byte aligned from here
	MOVQ	BX, catchFrame_bx(DX)
	MOVQ	BP, catchFrame_bp(DX)
	MOVQ	R12, catchFrame_r12(DX)
	MOVQ	R13, catchFrame_r13(DX)
	MOVQ	R14, catchFrame_r14(DX)
	MOVQ	R15, catchFrame_r15(DX)
	MOVQ	g_catch(R15), AX
	MOVQ	AX, catchFrame_prev(DX)
	MOVQ	DX, g_catch(R15)
	MOVQ	0(DI), AX
	MOVQ	SI, DI
	CALL	AX
	// fn returned: cf is the innermost frame again, since inner ones unlink themselves.
	MOVQ	g_catch(R15), DX
	MOVQ	catchFrame_prev(DX), AX
	MOVQ	AX, g_catch(R15)
	XORL	AX, AX
	POPQ	BP
	RET

// func catchresume(cf *catchFrame)
// Returns true from cf's catchcall: the stack pointer goes back to catchcall's frame and
// the callee-saved registers to their values at its call (recoverTo has unlinked cf).
TEXT runtime·catchresume(SB),NOSPLIT,$0
	MOVQ	catchFrame_bx(DI), BX
	MOVQ	catchFrame_r12(DI), R12
	MOVQ	catchFrame_r13(DI), R13
	MOVQ	catchFrame_r14(DI), R14
	MOVQ	catchFrame_r15(DI), R15
	MOVQ	catchFrame_bp(DI), SP
	POPQ	BP
	MOVL	$1, AX
	RET

// The top-most function running on a goroutine: a new goroutine's entry function returns
// to goexit+1 (newproc1 plants that return address).
TEXT runtime·goexit(SB),NOSPLIT|TOPFRAME|NOFRAME,$0
	BYTE	$0x90	// NOP
	CALL	runtime·goexit1(SB)	// does not return
	// traceback from goexit1 must hit code range of goexit
	BYTE	$0x90	// NOP

// func goexitPC() uintptr: the address of goexit+1 (Go: abi.FuncPCABI0(goexit)+PCQuantum).
TEXT runtime·goexitPC(SB),NOSPLIT,$0
	LEAQ	runtime·goexit+1(SB), AX
	RET

// func abort()
TEXT runtime·abort(SB),NOSPLIT,$0
	INT	$3
abort_loop:
	JMP	abort_loop

// func getg() *g
// Go: an intrinsic. Compiled code keeps g in R15 (the TLS slot holds the same pointer).
TEXT runtime·getg(SB),NOSPLIT,$0
	MOVQ	R15, AX
	RET

// func setg(gg *g)
// Sets the current g: the g register of compiled code and the TLS slot.
// Go: runtime/asm_amd64.s setg_gcc (Go's setg is an intrinsic).
TEXT runtime·setg(SB),NOSPLIT,$0
	MOVQ	TLS, CX
	MOVQ	DI, 0(CX)(TLS*1)
	MOVQ	DI, R15
	RET

// func getfp() uintptr
// Returns the caller's frame pointer: with no frame of its own, BP is still the caller's.
TEXT runtime·getfp(SB),NOSPLIT,$0
	MOVQ	BP, AX
	RET

// func getpc() uintptr
// Returns its own return address: a PC inside the caller.
TEXT runtime·getpc(SB),NOSPLIT,$0
	MOVQ	0(SP), AX
	RET

// Linker-defined symbols, for symtab.go (Go's runtime reads them from firstmoduledata).

// func pcheaderAddr() *pcHeader: the start of .gopclntab.
TEXT runtime·pcheaderAddr(SB),NOSPLIT,$0
	LEAQ	runtime·pcheader(SB), AX
	RET

// func textAddr() uintptr: the start of .text.
TEXT runtime·textAddr(SB),NOSPLIT,$0
	LEAQ	runtime·text(SB), AX
	RET

// func etextAddr() uintptr: the end of .text.
TEXT runtime·etextAddr(SB),NOSPLIT,$0
	LEAQ	runtime·etext(SB), AX
	RET

// func findfunctabAddr() unsafe.Pointer: the linker's findfunc bucket table (in .rodata).
TEXT runtime·findfunctabAddr(SB),NOSPLIT,$0
	LEAQ	runtime·findfunctab(SB), AX
	RET
