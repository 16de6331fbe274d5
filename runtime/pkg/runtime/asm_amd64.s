// The runtime's assembly for linux/amd64: the start of the process (_rt0_amd64, rt0_go),
// switching goroutines (gogo), calling deferred functions and resuming after a recover, and
// the few register reads Go's compiler would give as intrinsics.
//
// Everything here follows the tbuild ABI (DESIGN.md): arguments in DI, SI, DX, CX, R8, R9,
// results in AX and DX, SP 16-byte aligned at every CALL, BX, BP and R12-R15 preserved
// across calls. R15 holds the current g in compiled code (Go keeps it in R14), and the TLS
// slot -8(FS), which is m.tls[0], holds it too, written as Go writes it: MOVQ TLS, r, then
// 0(r)(TLS*1). Field offsets (g_m, gobuf_sp, ...) come from go_asm.h, which the compiler
// writes from the runtime's Go declarations.

#include "go_asm.h"
#include "textflag.h"

// The kernel enters the program (at _rt0_amd64_linux, which jumps here) with SP at argc,
// followed by the argv pointers.
TEXT _rt0_amd64(SB),NOSPLIT,$0
	MOVQ	0(SP), DI	// argc
	LEAQ	8(SP), SI	// &argv[0]
	JMP	runtime·rt0_go(SB)

// rt0_go gets the process ready for Go code and starts the main goroutine: g0 takes the OS
// stack, the TLS slot and R15 point at g0, and then, in Go, check, args, osinit and
// schedinit; newproc queues runtime.main as the main goroutine, and mstart runs it.
TEXT runtime·rt0_go(SB),NOSPLIT|TOPFRAME,$0
	MOVQ	DI, R12		// argc and argv, kept in registers the calls below preserve
	MOVQ	SI, R13
	ANDQ	$-16, SP	// the ABI's alignment for the CALLs to come

	// g0 runs on the stack the kernel gave the process; 64 KiB of it is plenty for
	// the scheduler and the start-up code.
	LEAQ	runtime·g0(SB), DI
	MOVQ	SP, g_stack+stack_hi(DI)
	MOVQ	SP, AX
	SUBQ	$(64*1024), AX
	MOVQ	AX, g_stack+stack_lo(DI)
	MOVQ	AX, g_stackguard0(DI)
	MOVQ	AX, g_stackguard1(DI)

	// The CPU's vendor and version (CPUID leaf 0: the vendor string in BX, DX, CX; leaf
	// 1: the version in AX), for decisions that depend on the processor.
	XORL	AX, AX
	CPUID
	TESTL	AX, AX
	JEQ	tls
	CMPL	BX, $0x756E6547	// "Genu"
	JNE	version
	CMPL	DX, $0x49656E69	// "ineI"
	JNE	version
	CMPL	CX, $0x6C65746E	// "ntel"
	JNE	version
	MOVB	$1, runtime·isIntel(SB)
version:
	MOVL	$1, AX
	CPUID
	MOVL	AX, runtime·processorVersionInfo(SB)
	MOVL	CX, runtime·cpuidECX1(SB)	// feature bits: AES, SSE4.1, SSSE3 (alg.go)

tls:
	// Point FS at m0's TLS slots, put g0 in the g slot, and read it back through m0 to
	// be sure that -8(FS) is m0.tls[0]: every switch of goroutines relies on it.
	LEAQ	runtime·m0+m_tls(SB), DI
	CALL	runtime·settls(SB)
	LEAQ	runtime·g0(SB), CX
	MOVQ	TLS, BX
	MOVQ	CX, 0(BX)(TLS*1)
	CMPQ	runtime·m0+m_tls(SB), CX
	JEQ	tlsok
	CALL	runtime·abort(SB)
tlsok:
	MOVQ	CX, R15		// the g register of compiled code
	CLD			// the ABI's direction flag: string instructions count upwards
	XORL	BP, BP		// the end of the frame-pointer chain, for tracebacks

	CALL	runtime·check(SB)
	MOVQ	R12, DI
	MOVQ	R13, SI
	CALL	runtime·args(SB)
	CALL	runtime·osinit(SB)
	CALL	runtime·schedinit(SB)
	LEAQ	runtime·mainPC(SB), DI
	CALL	runtime·newproc(SB)
	CALL	runtime·mstart(SB)
	CALL	runtime·abort(SB)	// mstart does not return
	RET

// mainPC is runtime.main as a func value (a word holding its address), for newproc.
DATA	runtime·mainPC+0(SB)/8,$runtime·main(SB)
GLOBL	runtime·mainPC(SB),RODATA,$8

// g0 and m0 (declared in proc.go) point at each other from the start: assembly DATA gives
// the Go variables their initial contents. Both hold pointers, so they go in .data.
DATA	runtime·g0+g_m(SB)/8, $runtime·m0(SB)
GLOBL	runtime·g0(SB), $g__size
DATA	runtime·m0+m_g0(SB)/8, $runtime·g0(SB)
GLOBL	runtime·m0(SB), $m__size

// func mstart()
// A new M starts here, on its g0 stack, and goes on in Go (mstart0). TOPFRAME: tracebacks
// of g0 end here.
TEXT runtime·mstart(SB),NOSPLIT|TOPFRAME,$0
	SUBQ	$8, SP		// entered by a CALL, SP is 8 mod 16: align it for the next one
	CALL	runtime·mstart0(SB)
	CALL	runtime·abort(SB)
	RET

// func gogo(buf *gobuf)
// Switches to the goroutine buf describes, as a longjmp: its g becomes current (the TLS
// slot and R15), its SP, BP, context (DX as in Go, and DI, where the tbuild ABI passes a
// func()'s context: a new goroutine starts with it) and return value registers come back, and execution
// continues at buf.pc. The fields holding pointers are cleared on the way, so that a
// goroutine's saved state holds nothing stale while it runs.
TEXT runtime·gogo(SB),NOSPLIT,$0
	MOVQ	DI, BX
	MOVQ	gobuf_g(BX), DX
	MOVQ	0(DX), CX	// fault here, not later, if the g is nil
	MOVQ	TLS, CX
	MOVQ	DX, 0(CX)(TLS*1)
	MOVQ	DX, R15
	MOVQ	gobuf_sp(BX), SP
	MOVQ	gobuf_bp(BX), BP
	MOVQ	gobuf_ctxt(BX), DX
	MOVQ	DX, DI		// also where a func() finds its closure context (DESIGN.md)
	MOVQ	gobuf_ret(BX), AX
	XORL	CX, CX
	MOVQ	CX, gobuf_sp(BX)
	MOVQ	CX, gobuf_bp(BX)
	MOVQ	CX, gobuf_ctxt(BX)
	MOVQ	CX, gobuf_ret(BX)
	MOVQ	gobuf_pc(BX), BX
	JMP	BX

// func mcall(fn func(*g))
// Leaves the current goroutine for the M's g0 stack and calls fn(gp) there (proc.go). The
// goroutine's callee-saved registers (BX, R12-R14: the tbuild ABI's, which Go's ABI does
// not have) are pushed on its own stack under a frame of mcall's, and mcallswitch records
// the return address of its CALL as gp.sched.pc: gogo(&gp.sched) comes back right after
// that CALL, pops them and returns to mcall's caller. A traceback of the parked goroutine
// starts in mcall's frame (gp.sched.pc, gp.sched.bp).
TEXT runtime·mcall(SB),NOSPLIT,$0
	PUSHQ	BP
	MOVQ	SP, BP
	PUSHQ	BX
	PUSHQ	R12
	PUSHQ	R13
	PUSHQ	R14
	CALL	runtime·mcallswitch(SB)
	POPQ	R14
	POPQ	R13
	POPQ	R12
	POPQ	BX
	POPQ	BP
	RET

// mcallswitch is mcall's second half: DI is still fn. It saves the goroutine's place
// (its return address, the SP above it and mcall's BP) in g.sched, switches to g0 and
// its saved SP, and calls fn's code with the goroutine in DI and fn, its closure context,
// in SI. fn must not return.
TEXT runtime·mcallswitch(SB),NOSPLIT|NOFRAME,$0
	MOVQ	R15, AX
	MOVQ	0(SP), CX
	MOVQ	CX, (g_sched+gobuf_pc)(AX)
	LEAQ	8(SP), CX
	MOVQ	CX, (g_sched+gobuf_sp)(AX)
	MOVQ	BP, (g_sched+gobuf_bp)(AX)
	MOVQ	g_m(AX), BX
	MOVQ	m_g0(BX), CX
	CMPQ	CX, AX
	JNE	switch
	CALL	runtime·badmcall(SB)	// already on g0: nothing to leave
switch:
	MOVQ	TLS, BX
	MOVQ	CX, 0(BX)(TLS*1)
	MOVQ	CX, R15
	MOVQ	(g_sched+gobuf_sp)(CX), SP
	ANDQ	$-16, SP
	XORL	BP, BP		// g0's frames here start a chain of their own
	MOVQ	DI, SI
	MOVQ	AX, DI
	MOVQ	0(SI), CX
	CALL	CX
	CALL	runtime·badmcall2(SB)
	RET

// func asyncPreempt()
// The preemption signal's handler makes an interrupted goroutine "call" this at any
// instruction of compiled code (preempt.go): every register that code may be using is
// saved (the integer registers but SP, BP, which the frame keeps, and R15, the g, which
// comes back with the goroutine; the flags; X0-X15), asyncPreempt2 yields, and all of it
// comes back. SP may have any alignment on entry, so the save area is aligned below the
// frame, and SP is restored from BP. Go: runtime/preempt_amd64.s (generated there).
TEXT runtime·asyncPreempt(SB),NOSPLIT|NOFRAME,$0
	PUSHQ	BP
	MOVQ	SP, BP
	PUSHFQ
	SUBQ	$368, SP
	ANDQ	$-16, SP
	MOVQ	AX, 0(SP)
	MOVQ	BX, 8(SP)
	MOVQ	CX, 16(SP)
	MOVQ	DX, 24(SP)
	MOVQ	SI, 32(SP)
	MOVQ	DI, 40(SP)
	MOVQ	R8, 48(SP)
	MOVQ	R9, 56(SP)
	MOVQ	R10, 64(SP)
	MOVQ	R11, 72(SP)
	MOVQ	R12, 80(SP)
	MOVQ	R13, 88(SP)
	MOVQ	R14, 96(SP)
	MOVUPS	X0, 112(SP)
	MOVUPS	X1, 128(SP)
	MOVUPS	X2, 144(SP)
	MOVUPS	X3, 160(SP)
	MOVUPS	X4, 176(SP)
	MOVUPS	X5, 192(SP)
	MOVUPS	X6, 208(SP)
	MOVUPS	X7, 224(SP)
	MOVUPS	X8, 240(SP)
	MOVUPS	X9, 256(SP)
	MOVUPS	X10, 272(SP)
	MOVUPS	X11, 288(SP)
	MOVUPS	X12, 304(SP)
	MOVUPS	X13, 320(SP)
	MOVUPS	X14, 336(SP)
	MOVUPS	X15, 352(SP)
	CALL	runtime·asyncPreempt2(SB)
	MOVUPS	112(SP), X0
	MOVUPS	128(SP), X1
	MOVUPS	144(SP), X2
	MOVUPS	160(SP), X3
	MOVUPS	176(SP), X4
	MOVUPS	192(SP), X5
	MOVUPS	208(SP), X6
	MOVUPS	224(SP), X7
	MOVUPS	240(SP), X8
	MOVUPS	256(SP), X9
	MOVUPS	272(SP), X10
	MOVUPS	288(SP), X11
	MOVUPS	304(SP), X12
	MOVUPS	320(SP), X13
	MOVUPS	336(SP), X14
	MOVUPS	352(SP), X15
	MOVQ	0(SP), AX
	MOVQ	8(SP), BX
	MOVQ	16(SP), CX
	MOVQ	24(SP), DX
	MOVQ	32(SP), SI
	MOVQ	40(SP), DI
	MOVQ	48(SP), R8
	MOVQ	56(SP), R9
	MOVQ	64(SP), R10
	MOVQ	72(SP), R11
	MOVQ	80(SP), R12
	MOVQ	88(SP), R13
	MOVQ	96(SP), R14
	LEAQ	-8(BP), SP
	POPFQ
	POPQ	BP
	RET

// func asyncPreemptPC() uintptr: asyncPreempt's entry, for the signal handler.
TEXT runtime·asyncPreemptPC(SB),NOSPLIT,$0
	LEAQ	runtime·asyncPreempt(SB), AX
	RET

// func calldefer(fn *funcval, p *_panic)
// Calls the deferred call fn, passing fn itself as the closure context (DI for a func()).
// With a panic p, p.argp first becomes the frame pointer fn's code will have: below this
// frame, its return address and its saved BP (recover compares it, panic.go gorecover).
// The frame of its own keeps the BP chain whole for tracebacks through deferred calls.
TEXT runtime·calldefer(SB),NOSPLIT,$0
	PUSHQ	BP
	MOVQ	SP, BP		// SP is 16-byte aligned from here
	TESTQ	SI, SI
	JEQ	call
	LEAQ	-16(SP), AX
	MOVQ	AX, _panic_argp(SI)
call:
	MOVQ	0(DI), AX
	CALL	AX
	POPQ	BP
	RET

// func recovery(sp, fp, pc uintptr, d *_defer)
// Resumes a function after a recovered panic (panic.go recoverframe): its stack and frame
// pointers come back, and it continues at pc, its resume block, which takes d from AX (the
// first exception payload register of Cranelift's try_call) and assumes nothing else of the
// registers (codegen/src/compile/lower/defer.rs).
TEXT runtime·recovery(SB),NOSPLIT,$0
	MOVQ	CX, AX
	MOVQ	DI, SP
	MOVQ	SI, BP
	JMP	DX

// goexit is the bottom frame of every goroutine: newproc1 makes a goroutine's function
// return to goexit+1, the CALL of goexit1. The NOPs around it keep both that address and
// the one before it (which a traceback looks up) inside goexit. TOPFRAME: tracebacks end
// here.
TEXT runtime·goexit(SB),NOSPLIT|TOPFRAME|NOFRAME,$0
	BYTE	$0x90	// NOP
	CALL	runtime·goexit1(SB)
	BYTE	$0x90	// NOP

// func goexitPC() uintptr: goexit+1, the return address newproc1 plants.
TEXT runtime·goexitPC(SB),NOSPLIT,$0
	LEAQ	runtime·goexit+1(SB), AX
	RET

// func breakpoint()
// INT3, returning after it when a debugger resumes.
TEXT runtime·breakpoint(SB),NOSPLIT,$0
	BYTE	$0xcc
	RET

// func abort()
// A breakpoint trap, for states the runtime cannot go on from; never returns.
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
// Makes gg the current g: the g register of compiled code and the TLS slot.
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

// The type descriptors (runtime.types to runtime.etypes) and the linker's .typelink and
// .itablink tables (linker/src/typelinks.rs), for moduledata.
TEXT runtime·typesAddr(SB),NOSPLIT,$0
	LEAQ	runtime·types(SB), AX
	RET

TEXT runtime·etypesAddr(SB),NOSPLIT,$0
	LEAQ	runtime·etypes(SB), AX
	RET

TEXT runtime·typelinkAddr(SB),NOSPLIT,$0
	LEAQ	runtime·typelink(SB), AX
	RET

TEXT runtime·etypelinkAddr(SB),NOSPLIT,$0
	LEAQ	runtime·etypelink(SB), AX
	RET

TEXT runtime·itablinkAddr(SB),NOSPLIT,$0
	LEAQ	runtime·itablink(SB), AX
	RET

TEXT runtime·eitablinkAddr(SB),NOSPLIT,$0
	LEAQ	runtime·eitablink(SB), AX
	RET

// func buildinfoAddr() unsafe.Pointer: the build-info blob, go.buildinfo (extern.go Version).
TEXT runtime·buildinfoAddr(SB),NOSPLIT,$0
	LEAQ	go·buildinfo(SB), AX
	RET

// The bounds of .data and .bss and the linker's pointer bitmaps of them (linker/src/gcmaps.rs),
// the collector's roots (mgc.go markRoots).
TEXT runtime·dataAddr(SB),NOSPLIT,$0
	LEAQ	runtime·data(SB), AX
	RET

TEXT runtime·edataAddr(SB),NOSPLIT,$0
	LEAQ	runtime·edata(SB), AX
	RET

TEXT runtime·bssAddr(SB),NOSPLIT,$0
	LEAQ	runtime·bss(SB), AX
	RET

TEXT runtime·ebssAddr(SB),NOSPLIT,$0
	LEAQ	runtime·ebss(SB), AX
	RET

TEXT runtime·noptrdataAddr(SB),NOSPLIT,$0
	LEAQ	runtime·noptrdata(SB), AX
	RET

TEXT runtime·enoptrbssAddr(SB),NOSPLIT,$0
	LEAQ	runtime·enoptrbss(SB), AX
	RET

TEXT runtime·gcdataAddr(SB),NOSPLIT,$0
	LEAQ	runtime·gcdata(SB), AX
	RET

TEXT runtime·gcbssAddr(SB),NOSPLIT,$0
	LEAQ	runtime·gcbss(SB), AX
	RET

TEXT runtime·memProfileUsedAddr(SB),NOSPLIT,$0
	LEAQ	runtime·memProfileUsed(SB), AX
	RET

// func ctz64(x uint64) uintptr
// The number of trailing zero bits of x, which is not 0 (BSF leaves AX undefined for 0).
TEXT runtime·ctz64(SB),NOSPLIT,$0
	BSFQ	DI, AX
	RET

// func gcTriggerSaveRegs(forced, user bool)
// Pushes the callee-saved registers of the tbuild ABI (BX, R12-R14; R15 is the g) on the
// goroutine's stack and calls gcCollect with the same arguments and the stack pointer below
// them: the collection scans this stack from there up, so a pointer that the callers keep
// only in one of those registers is found, and the collector's own frames, below, whose
// slots may hold what dead frames left there, are not scanned (mgc.go). The frame keeps
// the BP chain whole for tracebacks.
TEXT runtime·gcTriggerSaveRegs(SB),NOSPLIT,$0
	PUSHQ	BP
	MOVQ	SP, BP
	PUSHQ	BX
	PUSHQ	R12
	PUSHQ	R13
	PUSHQ	R14
	MOVQ	SP, DX
	CALL	runtime·gcCollect(SB)
	POPQ	R14
	POPQ	R13
	POPQ	R12
	POPQ	BX
	POPQ	BP
	RET

// func entersyscall()
// Records the callee-saved registers in g.syscallregs, where the collector finds them while
// the goroutine is in its system call (the callers' values stay in those registers until it
// returns), and goes on in entersyscall1 (sysmon.go), whose caller is entersyscall's.
TEXT runtime·entersyscall(SB),NOSPLIT|NOFRAME,$0
	MOVQ	BX, (g_syscallregs+0)(R15)
	MOVQ	R12, (g_syscallregs+8)(R15)
	MOVQ	R13, (g_syscallregs+16)(R15)
	MOVQ	R14, (g_syscallregs+24)(R15)
	JMP	runtime·entersyscall1(SB)

// func prefetch(addr uintptr)
// Asks for addr's cache line ahead of its use: the collector's mark FIFO (mgc.go).
// func callFinalizer(fn *funcval, regs *[6]uintptr)
// Loads the six integer argument registers from regs and jumps to fn's code: the
// finalizer returns straight to callFinalizer's caller (mfinal.go runfinq), whose frame it
// sees as its caller's. AX and R11 are free at a call in the tbuild ABI.
TEXT runtime·callFinalizer(SB),NOSPLIT,$0-16
	MOVQ	DI, AX
	MOVQ	SI, R11
	MOVQ	0(R11), DI
	MOVQ	8(R11), SI
	MOVQ	16(R11), DX
	MOVQ	24(R11), CX
	MOVQ	32(R11), R8
	MOVQ	40(R11), R9
	MOVQ	0(AX), AX
	JMP	AX

TEXT runtime·prefetch(SB),NOSPLIT,$0
	PREFETCHT0	(DI)
	RET
