// Panics and fatal errors.
//
// Go: runtime/panic.go. There are no defers or recover yet, so a panic is fatal (apart from
// one in a method fmt calls, see catchFrame): it prints "panic: " and the error, then the
// goroutine's traceback, and exits with status 2, as an unrecovered Go panic does; throw
// prints "fatal error: ..." and the traceback including runtime frames, and exits with
// status 2.

package runtime

import "unsafe"

// panicking is non-zero while a fatal panic or throw is printing. Go: runtime/panic.go.
var panicking uint32

// panicIndex is called by compiled code when the bounds check for a[x] fails:
// 0 <= x < y = len(a) does not hold.
// Go: runtime/panic.go goPanicIndex (reached from the panicIndex assembly thunk).
func panicIndex(x int, y int) {
	fp := getfp()
	panicCheck1(callerpc(fp), "index out of range")
	gopanicRuntimeError(errBounds, int64(x), y, getpc(), fp)
}

// panicdivide is called by compiled code for an integer division by zero.
// Go: runtime/panic.go panicdivide.
func panicdivide() {
	panicCheck2("integer divide by zero")
	gopanicRuntimeError(errDivide, 0, 0, getpc(), getfp())
}

// panicoverflow reports an integer overflow trap (sigpanic, for SIGFPE with FPE_INTOVF).
// Go: runtime/panic.go panicoverflow.
func panicoverflow() {
	panicCheck2("integer overflow")
	gopanicRuntimeError(errOverflow, 0, 0, getpc(), getfp())
}

// panicfloat reports any other SIGFPE (sigpanic). Go: runtime/panic.go panicfloat.
func panicfloat() {
	panicCheck2("floating point error")
	gopanicRuntimeError(errFloat, 0, 0, getpc(), getfp())
}

// panicmem reports a fault at a small address: a nil pointer dereference (sigpanic, for
// SIGSEGV and SIGBUS). Go: runtime/panic.go panicmem.
func panicmem() {
	panicCheck2("invalid memory address or nil pointer dereference")
	gopanicRuntimeError(errMem, 0, 0, getpc(), getfp())
}

// panicshift is called by compiled code for a shift by a negative amount.
// Go: runtime/panic.go panicshift.
func panicshift() {
	fp := getfp()
	panicCheck1(callerpc(fp), "negative shift amount")
	gopanicRuntimeError(errShift, 0, 0, getpc(), fp)
}

// panicCheck1 turns a panic raised by the runtime itself into a throw, which dumps the
// whole runtime stack. pc is the PC of the code that failed the check.
// Go: runtime/panic.go panicCheck1.
func panicCheck1(pc uintptr, msg string) {
	if pc != 0 && hasPrefix(funcname(findfunc(pc-1)), "runtime.") {
		throw(msg)
	}
	gp := getg()
	if gp != nil && gp.m != nil && gp.m.mallocing != 0 {
		throw(msg)
	}
}

// panicCheck2 is panicCheck1 for panics that may come from a signal handler.
// Go: runtime/panic.go panicCheck2.
func panicCheck2(err string) {
	gp := getg()
	if gp != nil && gp.m != nil && gp.m.mallocing != 0 {
		throw(err)
	}
}

// gopanicRuntimeError panics with the runtime error (kind, x, y). pc and fp identify the
// frame the traceback starts at (the panicking runtime entry point, hidden in the output as
// Go hides runtime frames). Go: runtime/panic.go gopanic, without defers and recover.
func gopanicRuntimeError(kind int, x int64, y int, pc, fp uintptr) {
	gp := getg()
	if gp.m.curg != gp {
		print("panic: ")
		printRuntimeError(kind, x, y)
		print("\n")
		throw("panic on system stack")
	}
	if gp.m.mallocing != 0 {
		print("panic: ")
		printRuntimeError(kind, x, y)
		print("\n")
		throw("panic during malloc")
	}
	if gp.m.locks != 0 {
		print("panic: ")
		printRuntimeError(kind, x, y)
		print("\n")
		throw("panic holding locks")
	}
	if gp.catch != nil {
		typ, data := panicValue(kind, x, y)
		recoverTo(gp, typ, data)
	}
	fatalpanic(kind, x, y, pc, fp)
}

// A catchFrame is a point in fmt that a panic returns to instead of ending the program: Go's
// fmt recovers a panic in a String, Error, GoString or Format method and prints it as
// "%!v(PANIC=String method: ...)" (fmt/print.go catchPanic). There is no defer or recover in
// the language yet, so fmt_catch, catchcall and catchresume give fmt exactly that: a call
// that a panic leaves as setjmp/longjmp would. Skipping the frames in between is safe
// because none of them has deferred work.
type catchFrame struct {
	// The registers catchcall's caller expects back (callee-saved in the tbuild ABI), and
	// the frame pointer catchcall pushed, which is also its stack pointer (asm_amd64.s).
	bx, bp, r12, r13, r14, r15 uintptr

	prev *catchFrame // the enclosing catch, if any
	typ  *_type      // the panic value, when a panic ended at this frame
	data unsafe.Pointer
}

// catchcall links cf as the innermost catch frame and calls fn(arg). It returns false when
// fn returns, and true when a panic in fn resumed at cf (catchresume). In asm_amd64.s.
func catchcall(fn func(unsafe.Pointer), arg unsafe.Pointer, cf *catchFrame) bool

// catchresume makes cf's catchcall return true, restoring the registers it saved. In
// asm_amd64.s.
func catchresume(cf *catchFrame)

// fmt_catch calls fn(arg) and reports the value of a panic that ended it, if one did:
// fmt's recover (fmt/print.go callMethod).
func fmt_catch(fn func(unsafe.Pointer), arg unsafe.Pointer) (*_type, unsafe.Pointer, bool) {
	cf := new(catchFrame)
	if catchcall(fn, arg, cf) {
		return cf.typ, cf.data, true
	}
	return nil, nil, false
}

// recoverTo ends the current panic, with value (typ, data), at the innermost catch frame.
// Go: runtime/panic.go recovery, which also clears the signal the panic came from.
func recoverTo(gp *g, typ *_type, data unsafe.Pointer) {
	cf := gp.catch
	gp.catch = cf.prev
	gp.sig = 0
	cf.typ = typ
	cf.data = data
	catchresume(cf)
}

// fatalpanic prints the panic message and the traceback, then exits with status 2.
// Go: runtime/panic.go fatalpanic and printpanics ("panic: " + the value + "\n").
func fatalpanic(kind int, x int64, y int, pc, fp uintptr) {
	gp := getg()
	if startpanic_m() {
		print("panic: ")
		printRuntimeError(kind, x, y)
		print("\n")
	}
	dopanic_m(gp, pc, fp)
	exit(2)
	abort() // not reached
}

// throw reports a fatal error in the runtime: it prints "fatal error: " and s, then the
// stack including runtime frames, and exits with status 2. Go: runtime/panic.go throw.
//
//go:nosplit
func throw(s string) {
	print("fatal error: ", s, "\n")
	fatalthrow(getpc(), getfp())
}

// fatalthrow implements an unrecoverable runtime throw; the traceback starts at the frame
// (pc, fp), throw's own, as Go's does. Go: runtime/panic.go fatalthrow.
func fatalthrow(pc, fp uintptr) {
	gp := getg()
	if gp.m.throwing == throwTypeNone {
		gp.m.throwing = throwTypeRuntime
	}
	// As in Go, the traceback is printed even for a throw during a panic (startpanic_m
	// then reports "panic during panic"); a failure inside it ends in exit(4).
	startpanic_m()
	dopanic_m(gp, pc, fp)
	exit(2)
	abort() // not reached
}

// startpanic_m prepares for an unrecoverable panic, and reports whether the panic messages
// should be printed: not when this is a panic during a panic.
// Go: runtime/panic.go startpanic_m.
func startpanic_m() bool {
	mp := getg().m
	// Disallow malloc during an unrecoverable panic.
	mp.mallocing++

	// If we're dying because of a bad lock count, set it to a good lock count so we don't
	// recursively panic below.
	if mp.locks < 0 {
		mp.locks = 1
	}

	if mp.dying == 0 {
		mp.dying = 1
		panicking++
		return true
	}
	if mp.dying == 1 {
		// Something failed while panicking. Just print a stack trace and exit.
		mp.dying = 2
		print("panic during panic\n")
		return false
	}
	if mp.dying == 2 {
		// This is a genuine bug in the runtime, we couldn't even print the stack trace
		// successfully.
		mp.dying = 3
		print("stack trace unavailable\n")
		exit(4)
	}
	exit(5)
	return false // not reached
}

// gotraceback returns the traceback level: 1 (user frames, Go's GOTRACEBACK=single default)
// or 2 (runtime frames too) while throwing. Go: runtime/runtime1.go gotraceback (GOTRACEBACK
// is not read yet).
func gotraceback() int32 {
	if getg().m.throwing >= throwTypeRuntime {
		return 2
	}
	return 1
}

// dopanic_m prints the signal that caused the panic, if any, and the traceback of gp
// starting at the frame (pc, fp); when gp is not the M's current goroutine (a throw on g0 or
// on the signal stack), the current goroutine's traceback follows.
// Go: runtime/panic.go dopanic_m. The signal stack's g is treated as g0 is: in Go a throw on
// gsignal switches to g0 (systemstack) before printing.
func dopanic_m(gp *g, pc, fp uintptr) {
	if gp.sig != 0 {
		name := signame(gp.sig)
		if name != "" {
			print("[signal ", name)
		} else {
			print("[signal ")
			printhex(uint64(gp.sig))
		}
		print(" code=")
		printhex(uint64(gp.sigcode0))
		print(" addr=")
		printhex(uint64(gp.sigcode1))
		print(" pc=")
		printhex(uint64(gp.sigpc))
		print("]\n")
	}

	level := gotraceback()
	all := gp != gp.m.curg
	if gp != gp.m.g0 && gp != gp.m.gsignal {
		print("\n")
		goroutineheader(gp)
		traceback1(pc, fp, level, gp)
	} else if level >= 2 || gp.m.throwing >= throwTypeRuntime {
		print("\nruntime stack:\n")
		traceback1(pc, fp, level, gp)
	}
	if all {
		tracebackothers(gp)
	}
	panicking--
}

// tracebackothers prints the traceback of the M's current goroutine when that is not me
// (the g that threw), from where it stopped (gp.sched: the stack-overflow handler records the
// fault there, as morestack does). Go: runtime/traceback.go tracebackothers (tbuild runs only
// the main goroutine, so there are no others to list).
func tracebackothers(me *g) {
	curgp := getg().m.curg
	if curgp != nil && curgp != me && curgp.sched.pc != 0 {
		print("\n")
		goroutineheader(curgp)
		traceback1(curgp.sched.pc, curgp.sched.bp, gotraceback(), curgp)
	}
}

// callerpc returns the return address saved in the frame fp, that is the PC in the caller
// of the function fp belongs to (Go: getcallerpc), or 0 if fp is not a frame of the current
// goroutine's stack.
func callerpc(fp uintptr) uintptr {
	if !validfp(getg(), fp) {
		return 0
	}
	return *(*uintptr)(unsafe.Pointer(fp + 8))
}
