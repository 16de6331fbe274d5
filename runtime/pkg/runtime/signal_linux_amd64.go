// The signal context on linux/amd64: reading and writing the registers the kernel saved, and
// making the interrupted goroutine "call" sigpanic.
//
// Go: runtime/signal_linux_amd64.go (the sigctxt accessors), runtime/signal_amd64.go
// (dumpregs, preparePanic, pushCall) and runtime/defs_linux_amd64.go (ucontext, sigcontext).
// Go's sigctxt methods are functions here: the language has no methods yet.

package runtime

import "unsafe"

// The general registers of the kernel's struct sigcontext, in its order.
// Go: runtime/defs_linux_amd64.go sigcontext (fpstate and the reserved words, which follow
// cr2, are not used).
type sigcontext struct {
	r8      uint64
	r9      uint64
	r10     uint64
	r11     uint64
	r12     uint64
	r13     uint64
	r14     uint64
	r15     uint64
	rdi     uint64
	rsi     uint64
	rbp     uint64
	rbx     uint64
	rdx     uint64
	rax     uint64
	rcx     uint64
	rsp     uint64
	rip     uint64
	eflags  uint64
	cs      uint16
	gs      uint16
	fs      uint16
	__pad0  [1]uint16
	err     uint64
	trapno  uint64
	oldmask uint64
	cr2     uint64
}

// The head of the kernel's ucontext_t, the third argument of an SA_SIGINFO handler; the
// registers start at uc_mcontext, offset 40. Go: runtime/defs_linux_amd64.go ucontext, whose
// uc_mcontext is an mcontext (gregs [23]uint64) that sigctxt.regs reads as a sigcontext;
// here it is declared as the sigcontext directly. uc_sigmask and the FP state follow.
type ucontext struct {
	uc_flags    uint64
	uc_link     *ucontext
	uc_stack    stackt
	uc_mcontext sigcontext
}

// A sigctxt is a signal's information and the interrupted context.
// Go: runtime/signal_linux_amd64.go sigctxt.
type sigctxt struct {
	info *siginfo
	ctxt unsafe.Pointer
}

// sigctxtRegs returns the saved registers. Go: (*sigctxt).regs.
func sigctxtRegs(c *sigctxt) *sigcontext {
	uc := (*ucontext)(c.ctxt)
	return &uc.uc_mcontext
}

// sigctxtPC returns the interrupted PC: for a fault, the faulting instruction.
// Go: (*sigctxt).sigpc (rip).
func sigctxtPC(c *sigctxt) uintptr {
	return uintptr(sigctxtRegs(c).rip)
}

// Go: (*sigctxt).sigsp (rsp).
func sigctxtSP(c *sigctxt) uintptr {
	return uintptr(sigctxtRegs(c).rsp)
}

// sigctxtFP returns the interrupted frame pointer (rbp): compiled code keeps the frame
// chain in it, so tracebacks of the interrupted goroutine start there.
func sigctxtFP(c *sigctxt) uintptr {
	return uintptr(sigctxtRegs(c).rbp)
}

// Go: (*sigctxt).sigcode (si_code: SI_USER for kill(2), else a per-signal code).
func sigctxtCode(c *sigctxt) uint64 {
	return uint64(c.info.si_code)
}

// sigctxtFault returns the fault address. Go: (*sigctxt).fault (sigaddr).
func sigctxtFault(c *sigctxt) uintptr {
	return uintptr(c.info.si_addr)
}

// Go: (*sigctxt).set_rip.
func setSigctxtPC(c *sigctxt, x uint64) {
	sigctxtRegs(c).rip = x
}

// Go: (*sigctxt).set_rsp.
func setSigctxtSP(c *sigctxt, x uint64) {
	sigctxtRegs(c).rsp = x
}

// dumpregs prints the saved registers as Go does after a fatal signal's traceback.
// Go: runtime/signal_amd64.go dumpregs.
func dumpregs(c *sigctxt) {
	r := sigctxtRegs(c)
	dumpreg("rax    ", r.rax)
	dumpreg("rbx    ", r.rbx)
	dumpreg("rcx    ", r.rcx)
	dumpreg("rdx    ", r.rdx)
	dumpreg("rdi    ", r.rdi)
	dumpreg("rsi    ", r.rsi)
	dumpreg("rbp    ", r.rbp)
	dumpreg("rsp    ", r.rsp)
	dumpreg("r8     ", r.r8)
	dumpreg("r9     ", r.r9)
	dumpreg("r10    ", r.r10)
	dumpreg("r11    ", r.r11)
	dumpreg("r12    ", r.r12)
	dumpreg("r13    ", r.r13)
	dumpreg("r14    ", r.r14)
	dumpreg("r15    ", r.r15)
	dumpreg("rip    ", r.rip)
	dumpreg("rflags ", r.eflags)
	dumpreg("cs     ", uint64(r.cs))
	dumpreg("fs     ", uint64(r.fs))
	dumpreg("gs     ", uint64(r.gs))
}

// dumpreg prints one line of dumpregs: the padded name, then the value in hex.
func dumpreg(name string, v uint64) {
	print(name)
	printhex(v)
	print("\n")
}

// preparePanic makes the interrupted goroutine gp look as if the faulting instruction had
// called sigpanic: the faulting PC becomes a return address, so the frame walk from
// sigpanic's frame (its saved BP is the faulting function's frame pointer) reaches the
// faulting function. Go: runtime/signal_amd64.go preparePanic, which injects sigpanic0 to set
// up the g register; here R15 is set in the context instead, as compiled code expects.
func preparePanic(c *sigctxt, gp *g) {
	pc := sigctxtPC(c)
	sp := sigctxtSP(c)
	sigctxtRegs(c).r15 = uint64(uintptr(unsafe.Pointer(gp)))

	if shouldPushSigpanic(gp, pc, *(*uintptr)(unsafe.Pointer(sp))) {
		pushCall(c, sigpanicPC(), pc)
	} else {
		// Not safe to push the call. Just clobber the frame.
		setSigctxtPC(c, uint64(sigpanicPC()))
	}
}

// pushCall makes it look like the context called targetPC at resumePC.
// Go: runtime/signal_amd64.go pushCall.
func pushCall(c *sigctxt, targetPC, resumePC uintptr) {
	sp := sigctxtSP(c)
	sp -= 8
	// tbuild: the word may lie where the goroutine's stack has yet to grow, and a fault
	// here, in the handler, would kill the process: map it first (stack.go).
	stackgrow(sp, sp)
	*(*uintptr)(unsafe.Pointer(sp)) = resumePC
	setSigctxtSP(c, uint64(sp))
	setSigctxtPC(c, uint64(targetPC))
}
