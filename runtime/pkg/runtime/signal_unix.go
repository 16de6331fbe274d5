// Signal handling: synchronous signals become Go's run-time panics and fatal errors.
//
// Go: runtime/signal_unix.go, runtime/sigtab_linux_generic.go and runtime/os_linux.go.
// mstart1 installs the handlers on m0 (initsig), each with SA_ONSTACK so that it runs on the
// M's alternate signal stack (the stack of m.gsignal, set up by minitSignalStack). The
// kernel enters sigtramp (sys_linux_amd64.s), which calls sigtrampgo, which switches g to
// gsignal and calls sighandler. For a fault in Go code (SIGSEGV, SIGBUS, SIGFPE) sighandler
// rewrites the context so that the faulting goroutine "calls" sigpanic, which panics on the
// goroutine's own stack: "panic: runtime error: invalid memory address or nil pointer
// dereference" with the "[signal SIGSEGV: ...]" line and the traceback. Other handled
// signals (SIGILL, SIGTRAP, SIGQUIT, SIGABRT, ...) print Go's report and exit with status 2.
//
// tbuild's compiled code has no stack-bound checks (Go's morestack calling newstack), so a
// goroutine's stack grows by faults below its mapped part, which sighandler handles
// (stack.go stackgrow), and a goroutine that overruns its stack's limit faults in the gap
// below stack.lo; sighandler reports that as newstack does: "runtime: goroutine stack
// exceeds 1000000000-byte limit" and "fatal error: stack overflow".
//
// Signals that package os/signal asks for are relayed to it (sigqueue.go).
//
// Left out: signal forwarding to non-Go handlers, SIGPROF, cgo, and the per-M signal masks
// (the process's initial mask is kept).

package runtime

import "unsafe"

// Values for the flags field of a signal table entry. Go: runtime/runtime2.go _SigNotify...
const (
	_SigNotify   = 1 << iota // let signal.Notify have signal, even if from kernel
	_SigKill                 // if signal.Notify doesn't take it, exit quietly
	_SigThrow                // if signal.Notify doesn't take it, exit loudly
	_SigPanic                // if the signal is from the kernel, panic
	_SigDefault              // if the signal isn't explicitly requested, don't monitor it
	_SigGoExit               // cause all runtime procs to exit (only used on Plan 9).
	_SigSetStack             // Don't explicitly install handler, but add SA_ONSTACK to existing libc handler
	_SigUnblock              // always unblock; see blockableSig
	_SigIgn                  // _SIG_DFL action is to ignore the signal
)

// _NSIG is the number of signals. Go: runtime/os_linux.go (linux/amd64).
const _NSIG = 65

// The size of a signal stack. Go: runtime/os_linux.go mpreinit (malg(32 * 1024)).
const signalStackSize = 32 * 1024

// sigflags returns the flags of signal sig's entry in Go's signal table.
// Go: runtime/sigtab_linux_generic.go sigtable (an array literal in Go).
func sigflags(sig uint32) int32 {
	if sig == _SIGHUP || sig == _SIGINT || sig == _SIGTERM {
		return _SigNotify + _SigKill
	} else if sig == _SIGQUIT || sig == _SIGABRT {
		return _SigNotify + _SigThrow
	} else if sig == _SIGILL || sig == _SIGTRAP || sig == _SIGSTKFLT {
		return _SigThrow + _SigUnblock
	} else if sig == _SIGBUS || sig == _SIGFPE || sig == _SIGSEGV {
		return _SigPanic + _SigUnblock
	} else if sig == _SIGCHLD {
		return _SigNotify + _SigUnblock + _SigIgn
	} else if sig == _SIGCONT || sig == _SIGTSTP || sig == _SIGTTIN || sig == _SIGTTOU {
		return _SigNotify + _SigDefault + _SigIgn
	} else if sig == _SIGURG || sig == _SIGWINCH {
		return _SigNotify + _SigIgn
	} else if sig == _SIGPROF {
		return _SigNotify + _SigUnblock
	} else if sig == _SIGSYS {
		return _SigThrow
	} else if sig == 32 || sig == 33 || sig == 34 {
		return _SigSetStack + _SigUnblock
	} else if sig == 0 || sig == _SIGKILL || sig == _SIGSTOP {
		return 0
	}
	return _SigNotify
}

// signame returns the name Go gives signal sig ("SIGSEGV: segmentation violation"), or ""
// outside 1..31. Go: runtime/sigtab_linux_generic.go sigtable and runtime/signal_unix.go
// signame.
func signame(sig uint32) string {
	if sig == _SIGHUP {
		return "SIGHUP: terminal line hangup"
	} else if sig == _SIGINT {
		return "SIGINT: interrupt"
	} else if sig == _SIGQUIT {
		return "SIGQUIT: quit"
	} else if sig == _SIGILL {
		return "SIGILL: illegal instruction"
	} else if sig == _SIGTRAP {
		return "SIGTRAP: trace trap"
	} else if sig == _SIGABRT {
		return "SIGABRT: abort"
	} else if sig == _SIGBUS {
		return "SIGBUS: bus error"
	} else if sig == _SIGFPE {
		return "SIGFPE: floating-point exception"
	} else if sig == _SIGKILL {
		return "SIGKILL: kill"
	} else if sig == _SIGUSR1 {
		return "SIGUSR1: user-defined signal 1"
	} else if sig == _SIGSEGV {
		return "SIGSEGV: segmentation violation"
	} else if sig == _SIGUSR2 {
		return "SIGUSR2: user-defined signal 2"
	} else if sig == _SIGPIPE {
		return "SIGPIPE: write to broken pipe"
	} else if sig == _SIGALRM {
		return "SIGALRM: alarm clock"
	} else if sig == _SIGTERM {
		return "SIGTERM: termination"
	} else if sig == _SIGSTKFLT {
		return "SIGSTKFLT: stack fault"
	} else if sig == _SIGCHLD {
		return "SIGCHLD: child status has changed"
	} else if sig == _SIGCONT {
		return "SIGCONT: continue"
	} else if sig == _SIGSTOP {
		return "SIGSTOP: stop, unblockable"
	} else if sig == _SIGTSTP {
		return "SIGTSTP: keyboard stop"
	} else if sig == _SIGTTIN {
		return "SIGTTIN: background read from tty"
	} else if sig == _SIGTTOU {
		return "SIGTTOU: background write to tty"
	} else if sig == _SIGURG {
		return "SIGURG: urgent condition on socket"
	} else if sig == _SIGXCPU {
		return "SIGXCPU: cpu limit exceeded"
	} else if sig == _SIGXFSZ {
		return "SIGXFSZ: file size limit exceeded"
	} else if sig == _SIGVTALRM {
		return "SIGVTALRM: virtual alarm clock"
	} else if sig == _SIGPROF {
		return "SIGPROF: profiling alarm clock"
	} else if sig == _SIGWINCH {
		return "SIGWINCH: window size change"
	} else if sig == _SIGIO {
		return "SIGIO: i/o now possible"
	} else if sig == _SIGPWR {
		return "SIGPWR: power failure restart"
	} else if sig == _SIGSYS {
		return "SIGSYS: bad system call"
	}
	return ""
}

// The assembly side (sys_linux_amd64.s).

// rt_sigaction returns 0 or a negative errno. Go: runtime/os_linux.go rt_sigaction.
func rt_sigaction(sig uintptr, new, old *sigactiont, size uintptr) int32

// sigaltstack crashes on failure, as Go's does. Go: runtime/os_linux.go sigaltstack.
func sigaltstack(new, old *stackt)

// sigtramp is the handler the kernel enters; it calls sigtrampgo.
// Go: runtime/sys_linux_amd64.s sigtramp.
func sigtramp()

// setg sets the current g: the g register (R15) and the TLS slot. Go: runtime/stubs.go setg.
func setg(gg *g)

// The entry addresses of sigtramp, of the restorer sigreturn__sigaction and of sigpanic
// (Go: abi.FuncPCABI0(sigtramp) and so on).
func sigtrampPC() uintptr
func sigreturnPC() uintptr
func sigpanicPC() uintptr

// initsig installs the signal handlers; mstart1 calls it on m0. As Go's, it gives every
// signal of the table its handler, except those whose default action Go keeps (_SigDefault:
// the job-control stops), those the C library uses (_SigSetStack) and a SIGHUP or SIGINT
// inherited as ignored (nohup). So a signal that neither panics nor throws nor is asked for
// by os/signal is dropped (SIGUSR1, SIGALRM, ...; sighandler) and HUP, INT and TERM end the
// program by their default action (dieFromSignal), as in a Go program.
// Go: runtime/signal_unix.go initsig and sigInstallGoHandler.
func initsig(preinit bool) {
	for i := uint32(0); i < _NSIG; i++ {
		flags := sigflags(i)
		if flags == 0 || flags&(_SigDefault|_SigSetStack) != 0 {
			continue
		}
		if i == _SIGHUP || i == _SIGINT {
			var old sigactiont
			rt_sigaction(uintptr(i), nil, &old, unsafe.Sizeof(old.sa_mask))
			if old.sa_handler == _SIG_IGN {
				// signal.Ignored reports it (Go: sigInitIgnored).
				sigq.startIgnored[i] = true
				sigq.handlerOff[i] = true
				sigq.ignored[i/32] |= 1 << (i % 32)
				continue
			}
		}
		if i == sigPreempt {
			preemptHandler = 1
		}
		// SIGPIPE among them: its handler drops it unless os/signal takes it, so that a write
		// to a closed pipe fails with EPIPE instead of ending the program. A handler, not
		// SIG_IGN, so that programs this one starts (os/exec) get the default action back at
		// execve. os.File.Write ends the program by SIGPIPE for a write to descriptor 1 or 2
		// (os_sigpipe).
		setsig(i, sigtrampPC())
	}
}

// os_sigpipe is package os's epipecheck: a write to standard output or error that met a
// closed pipe ends the program by SIGPIPE, with the default action restored first.
// Go: runtime/signal_unix.go sigpipe and dieFromSignal.
// Unless os/signal ignores SIGPIPE or takes it: then the write only fails with EPIPE.
func os_sigpipe() {
	if signal_ignored(_SIGPIPE) || sigsend(_SIGPIPE) {
		return
	}
	dieFromSignal(_SIGPIPE)
}

// dieFromSignal ends the program by signal sig, with its default action restored first, so
// that the parent sees the signal as the cause (a shell prints 130 for SIGINT).
// Go: runtime/signal_unix.go dieFromSignal.
func dieFromSignal(sig uint32) {
	setsig(sig, _SIG_DFL)
	set := sigset(1) << (sig - 1)
	rtsigprocmask(1, &set, nil, int32(unsafe.Sizeof(set))) // SIG_UNBLOCK
	tgkill(int32(m0.procid), int32(gettid()), int32(sig))
	// The signal is delivered before tgkill returns; should it not be, exit as Go does.
	exit(2)
}

// setsig installs fn as the handler of signal i: SA_SIGINFO (three arguments), SA_ONSTACK
// (on the alternate signal stack), SA_RESTORER (returning through sigreturn__sigaction,
// which calls rt_sigreturn), SA_RESTART, and every signal blocked while it runs.
// Go: runtime/os_linux.go setsig and sigaction (sysSigaction).
func setsig(i uint32, fn uintptr) {
	var sa sigactiont
	sa.sa_flags = _SA_SIGINFO | _SA_ONSTACK | _SA_RESTORER | _SA_RESTART
	sa.sa_mask = ^uint64(0) // Go: sigfillset
	sa.sa_restorer = sigreturnPC()
	sa.sa_handler = fn
	if rt_sigaction(uintptr(i), &sa, nil, unsafe.Sizeof(sa.sa_mask)) != 0 {
		// Some signals (32, 33 and 64, used by the C library) cannot be set.
		if i != 32 && i != 33 && i != 64 {
			print("runtime: sigaction failed: signal ", i, "\n")
			throw("sigaction failure")
		}
	}
}

// mpreinit allocates the signal-handling g of a new M: a g whose stack becomes the M's
// alternate signal stack. Go: runtime/os_linux.go mpreinit.
func mpreinit(mp *m) {
	mp.gsignal = malg(signalStackSize)
	mp.gsignal.m = mp
}

// minitSignalStack makes the M's gsignal stack the thread's alternate signal stack.
// Go: runtime/signal_unix.go minitSignalStack (without cgo there is never a stack set up by
// non-Go code to keep).
func minitSignalStack() {
	signalstack(&getg().m.gsignal.stack)
}

// signalstack sets the current thread's alternate signal stack to s.
// Go: runtime/signal_unix.go signalstack.
func signalstack(s *stack) {
	var st stackt
	st.ss_size = s.hi - s.lo
	if s.lo == 0 {
		st.ss_flags = _SS_DISABLE
	} else {
		st.ss_sp = (*byte)(unsafe.Pointer(s.lo))
	}
	sigaltstack(&st, nil)
}

// sigtrampgo is called from the signal handler function, sigtramp, with g (R15 and the TLS
// slot) still the interrupted goroutine's; it runs sighandler as m.gsignal.
// Go: runtime/signal_unix.go sigtrampgo.
func sigtrampgo(sig uint32, info *siginfo, ctx unsafe.Pointer) {
	gp := getg()
	if gp == nil || gp.m == nil || gp.m.gsignal == nil {
		// Go: badsignal (a signal on a thread Go does not know). Every thread here is one
		// of the runtime's, with gsignal set before the handlers are installed.
		print("runtime: signal ", sig, " received on a thread without a g\n")
		exit(2)
	}
	setg(gp.m.gsignal)
	var c sigctxt
	c.info = info
	c.ctxt = ctx
	sighandler(sig, &c, gp)
	setg(gp)
}

// sighandler is invoked when a signal occurs. The global g will be set to a gsignal
// goroutine and we will be running on the alternate signal stack. The parameter gp will be
// the value of the global g when the signal occurred.
// Go: runtime/signal_unix.go sighandler (which takes info and ctxt and builds the sigctxt).
func sighandler(sig uint32, c *sigctxt, gp *g) {
	_g_ := getg()

	if sig == _SIGPIPE {
		sigsend(sig) // relayed if os/signal asked for it, else dropped: see initsig
		return
	}

	if sig == sigPreempt {
		// Otherwise ignored, as Go's sigtable has it (_SigNotify + _SigIgn).
		doSigPreempt(gp, c)
		sigsend(sig)
		return
	}

	// tbuild: a fault just below the mapped part of the running goroutine's stack is the
	// stack growing (stack.go): map more and run the faulting instruction again. A fault in
	// the gap below the stack's limit is a stack overflow (Go detects both in newstack,
	// called from the function prologues' stack checks).
	if sig == _SIGSEGV && sigctxtCode(c) != _SI_USER {
		if sigctxtCode(c) == _SEGV_MAPERR && stackgrow(sigctxtFault(c), sigctxtSP(c)) {
			return
		}
		if isStackOverflow(gp, sigctxtFault(c), sigctxtSP(c)) {
			sigstackoverflow(c, gp)
		}
	}

	flags := sigflags(sig)
	if sigctxtCode(c) != _SI_USER && flags&_SigPanic != 0 {
		// The signal is going to cause a panic.
		// Arrange the stack so that it looks like the point
		// where the signal occurred made a call to the
		// function sigpanic. Then set the PC to sigpanic.

		// Have to pass arguments out of band since
		// augmenting the stack frame would break
		// the unwinding code.
		gp.sig = sig
		gp.sigcode0 = uintptr(sigctxtCode(c))
		gp.sigcode1 = sigctxtFault(c)
		gp.sigpc = sigctxtPC(c)

		preparePanic(c, gp)
		return
	}

	// Relayed to os/signal if it asked for the signal (sigqueue.go); a fault from the
	// kernel was handled above, only one sent by a process is relayed.
	if sigctxtCode(c) == _SI_USER || flags&_SigNotify != 0 {
		if sigsend(sig) {
			return
		}
	}
	if sigctxtCode(c) == _SI_USER && signal_ignored(sig) {
		return
	}

	if flags&_SigKill != 0 {
		// Reached when os/signal stopped relaying the signal while it was on its way.
		dieFromSignal(sig)
	}

	// _SigThrow means that we should exit now.
	// If we get here with _SigPanic, it means that the signal
	// was sent to us by a program (c.sigcode() == _SI_USER);
	// in that case, if we didn't handle it in sigsend, we exit now.
	if flags&(_SigThrow|_SigPanic) == 0 {
		return
	}

	_g_.m.throwing = throwTypeRuntime
	startpanic_m()

	name := signame(sig)
	if name != "" {
		print(name, "\n")
	} else {
		print("Signal ", sig, "\n")
	}

	pc := sigctxtPC(c)
	print("PC=")
	printhex(uint64(pc))
	print(" m=", _g_.m.id, " sigcode=", sigctxtCode(c), "\n")
	if sig == _SIGILL || sig == _SIGFPE {
		// It would be nice to know how long the instruction is.
		// Unfortunately, that's complicated to do in general (mostly for x86
		// and s930x, but other archs have non-standard instruction lengths also).
		// Opt to print 16 bytes, which covers most instructions.
		n := uintptr(16)
		// We have to be careful, though. If we're near the end of
		// a page and the following page isn't mapped, we could
		// segfault. So make sure we don't straddle a page (even though
		// that could lead to printing an incomplete instruction).
		// We're assuming here we can read at least the page containing the PC.
		if n > physPageSize-pc%physPageSize {
			n = physPageSize - pc%physPageSize
		}
		print("instruction bytes:")
		for i := uintptr(0); i < n; i++ {
			print(" ")
			printhex(uint64(*(*byte)(unsafe.Pointer(pc + i))))
		}
		print("\n")
	}
	print("\n")

	// A traceback from the signal context: pc is the faulting instruction, not a return
	// address (tracebacktrap looks it up as it is).
	goroutineheader(gp)
	level, _ := gotraceback()
	tracebacktrap(pc, sigctxtFP(c), level, gp)
	print("\n")
	dumpregs(c)

	exit(2)
}

// isStackOverflow reports whether a fault at addr, with the stack pointer at sp, is gp
// overrunning its stack: gp is the running goroutine (not g0, whose stack is the thread's)
// and addr lies in the never-mapped gap below the limit of the stack slot that sp is in
// (stack.go inStackGap).
func isStackOverflow(gp *g, addr, sp uintptr) bool {
	if gp == nil || gp.m == nil || gp != gp.m.curg || gp.stack.lo == 0 {
		return false
	}
	return inStackGap(addr, sp)
}

// sigstackoverflow reports gp's stack overflow as Go's newstack does and throws; it runs on
// the signal stack, since gp's is exhausted. gp's registers at the fault are recorded in
// gp.sched, as morestack records them, for the traceback of gp that throw prints after the
// signal stack's. Go: runtime/stack.go newstack ("goroutine stack exceeds").
func sigstackoverflow(c *sigctxt, gp *g) {
	pc := sigctxtPC(c)
	sp := sigctxtSP(c)
	fp := sigctxtFP(c)
	f := findfunc(pc)
	if f != nil && funcentry(f) == pc && sp >= gp.stack.lo && sp+8 <= gp.stack.hi {
		// The fault is the first instruction of a function (pushing the frame pointer), so
		// the function has no frame yet: start the traceback at its caller, whose frame
		// pointer is still in BP and whose return address is at SP.
		pc = *(*uintptr)(unsafe.Pointer(sp))
	}
	gp.sched.pc = pc
	gp.sched.sp = sp
	gp.sched.bp = fp

	// A limit set above Go's ceiling is reported as the ceiling, where the stack stopped
	// (Go: newstack, maxstackceiling).
	limit := maxstacksize
	if limit > maxGoroutineStack {
		limit = maxGoroutineStack
	}
	print("runtime: goroutine stack exceeds ", limit, "-byte limit\n")
	print("runtime: sp=")
	printhex(uint64(sp))
	print(" stack=[")
	printhex(uint64(gp.stack.lo))
	print(", ")
	printhex(uint64(gp.stack.hi))
	print("]\n")
	throw("stack overflow")
}

// sigpanic turns a synchronous signal into a run-time panic. The signal handler made the
// goroutine that got the signal look as if the faulting instruction had called sigpanic.
// Go: runtime/signal_unix.go sigpanic (there is no debug.SetPanicOnFault).
func sigpanic() {
	gp := getg()
	if !canpanic(gp) {
		throw("unexpected signal during runtime execution")
	}

	if gp.sig == _SIGBUS {
		if gp.sigcode0 == _BUS_ADRERR && gp.sigcode1 < 0x1000 {
			panicmem()
		}
		if gp.paniconfault {
			panicmemAddr(gp.sigcode1)
		}
		print("unexpected fault address ")
		printhex(uint64(gp.sigcode1))
		print("\n")
		throw("fault")
	} else if gp.sig == _SIGSEGV {
		if (gp.sigcode0 == 0 || gp.sigcode0 == _SEGV_MAPERR || gp.sigcode0 == _SEGV_ACCERR) && gp.sigcode1 < 0x1000 {
			panicmem()
		}
		if gp.paniconfault {
			panicmemAddr(gp.sigcode1)
		}
		print("unexpected fault address ")
		printhex(uint64(gp.sigcode1))
		print("\n")
		throw("fault")
	} else if gp.sig == _SIGFPE {
		if gp.sigcode0 == _FPE_INTDIV {
			panicdivide()
		} else if gp.sigcode0 == _FPE_INTOVF {
			panicoverflow()
		}
		panicfloat()
	}
	throw("unexpected signal value")
}

// canpanic reports whether it is okay for gp to panic instead of crashing the program: yes,
// as long as it is running Go code, not runtime code, and not stuck in a system call.
// Go: runtime/panic.go canpanic (here getg() is gp itself: sigpanic runs on gp).
func canpanic(gp *g) bool {
	mp := getg().m
	if gp == nil || gp != mp.curg {
		return false
	}
	if mp.locks != 0 || mp.mallocing != 0 || mp.throwing != throwTypeNone || mp.dying != 0 {
		return false
	}
	if readgstatus(gp) != _Grunning || gp.syscallsp != 0 {
		return false
	}
	return true
}

// shouldPushSigpanic reports whether pc should be used as sigpanic's return PC (pushing a
// frame for the call). Otherwise, it should be left alone so that LR is used as sigpanic's
// return PC. Go: runtime/signal_unix.go shouldPushSigpanic.
func shouldPushSigpanic(gp *g, pc, lr uintptr) bool {
	if pc == 0 {
		// Probably a call to a nil func. The old LR is more
		// useful in the stack trace. Not pushing the frame
		// will make the trace look like a call to sigpanic
		// instead. (Otherwise the trace will end at sigpanic
		// and we won't get to see who faulted.)
		return false
	}
	// If we don't recognize the PC as code, but we do recognize
	// the link register as code, then this assumes the panic was
	// caused by a call to non-code. In this case, we want to
	// ignore this call to make unwinding show the context.
	if findfunc(pc) != nil {
		// This wasn't a bad call, so use PC as sigpanic's
		// return PC.
		return true
	}
	if findfunc(lr) != nil {
		// This was a bad call, but the LR is good, so use the
		// LR as sigpanic's return PC.
		return false
	}
	// Neither the PC or LR is good. Hopefully pushing a frame
	// will work.
	return true
}
