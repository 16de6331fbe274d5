// Panics and fatal errors: how a goroutine's panic ends the program, how the runtime gives up
// (throw), and the catch frames through which package fmt recovers a panic in a method it
// calls.
//
// A panic starts at one of the entry points below: gopanic for panic(v), panicIndex and the
// others for a check that failed in compiled code, panicmem and the others for a fault the
// signal handler turned into a call (signal_unix.go sigpanic). Each records where the
// report's traceback starts (its own frame, which the traceback hides as it hides all of the
// runtime's) and hands the value to raisepanic. Without defer and recover in the language
// yet (issue 10) a panic always ends the program, in the order Go's does it:
//
//  1. a panic inside the runtime, or while the allocator is busy, is a fatal error instead
//     (panicCheck1, panicCheck2, and raisepanic's own checks);
//  2. if fmt is calling a method under a catch frame, the panic ends there (catchFrame);
//  3. an error's Error or a Stringer's String turns the value into its text
//     (preprintpanic); a panic inside that method is the fatal error "panic while printing
//     panic value";
//  4. "panic: " and the value, the "[signal ...]" line of a fault, the goroutine's
//     traceback, and exit status 2 (fatalpanic).
//
// throw prints "fatal error: " and its message, then a traceback that includes the
// runtime's frames, and exits with status 2. The exact words are Go 1.19's
// (runtime/panic.go); the order of the steps is what Go users see.

package runtime

import "unsafe"

// panicking counts the Ms printing a fatal report; an M:N scheduler will keep the other Ms
// from exiting while it is non-zero.
var panicking uint32

// A _panic is one panic in progress: its value, the frame (pc, fp) its report's traceback
// starts at, and how many frames Go would count above the program's innermost one (see
// goframesPanic). It lives in the frame of raisepanic, linked from g._panic; with defer and
// recover, a panic raised by a deferred call will link to the one it interrupts.
type _panic struct {
	arg      eface
	pc       uintptr
	fp       uintptr
	goframes int
	link     *_panic
}

// How many frames of Go's runtime stand above the program's innermost frame when Go prints
// a panic's traceback: gopanic for panic(v); gopanic and the function that raised a
// run-time error (goPanicIndex, sigpanic, panicdottypeE, ...); three for a failed assertion
// to an interface type (gopanic, assertE2I, getitab). Go counts them toward the traceback's
// limit of 100 frames, so a panic deep in a recursion shows 99 or 98 of the program's frames
// and no "...additional frames elided..." line (Go 1.19 prints it only when all 100 frames
// it walked were shown: runtime/traceback.go traceback1). tbuild's runtime frames are not
// Go's, so each entry point says how many Go has.
const (
	goframesPanic         = 1
	goframesRuntimeError  = 2
	goframesMissingMethod = 3
)

// Entry points of compiled code and of sigpanic. Each passes its own frame as the start of
// the traceback.

// panicIndex reports x[i] with i outside [0, len): the compiler calls it with i and len.
func panicIndex(x int, y int) {
	fp := getfp()
	panicCheck1(callerpc(fp), "index out of range")
	var e boundsError
	e.value = int64(x)
	e.signed = true
	e.bound = y
	e.code = boundsIndex
	raisepanic(boxError(e), getpc(), fp, goframesRuntimeError)
}

// panicdivide reports an integer division or remainder by zero, found by a check in
// compiled code or by the CPU's trap (sigpanic).
func panicdivide() {
	fp := getfp()
	panicCheck2("integer divide by zero")
	raisepanic(runtimeError("integer divide by zero"), getpc(), fp, goframesRuntimeError)
}

// panicshift reports a shift by a negative count.
func panicshift() {
	fp := getfp()
	panicCheck1(callerpc(fp), "negative shift amount")
	raisepanic(runtimeError("negative shift amount"), getpc(), fp, goframesRuntimeError)
}

// panicmem reports a fault at an address in the first page: a nil pointer dereference.
func panicmem() {
	fp := getfp()
	panicCheck2("invalid memory address or nil pointer dereference")
	raisepanic(runtimeError("invalid memory address or nil pointer dereference"), getpc(), fp, goframesRuntimeError)
}

// panicoverflow reports the CPU's integer-overflow trap.
func panicoverflow() {
	fp := getfp()
	panicCheck2("integer overflow")
	raisepanic(runtimeError("integer overflow"), getpc(), fp, goframesRuntimeError)
}

// panicfloat reports any other arithmetic trap.
func panicfloat() {
	fp := getfp()
	panicCheck2("floating point error")
	raisepanic(runtimeError("floating point error"), getpc(), fp, goframesRuntimeError)
}

// gopanic is panic(v): the compiler passes v converted to interface{}, as its two words.
func gopanic(typ *_type, data unsafe.Pointer) {
	var v eface
	v._type = typ
	v.data = data
	raisepanic(v, getpc(), getfp(), goframesPanic)
}

// runtimeError returns errorString(msg) as an interface value.
func runtimeError(msg string) eface {
	var v any = errorString(msg)
	return *(*eface)(unsafe.Pointer(&v))
}

// boxError returns e as an interface value.
func boxError(e boundsError) eface {
	var v any = e
	return *(*eface)(unsafe.Pointer(&v))
}

// panicCheck1 makes a failed check in the runtime's own code (the caller of the entry point
// returned to at pc) or in the middle of an allocation a fatal error: the runtime cannot
// go on, and the report then shows its frames. Go: runtime/panic.go panicCheck1.
func panicCheck1(pc uintptr, msg string) {
	if pc != 0 && hasPrefix(funcname(findfunc(pc-1)), "runtime.") {
		throw(msg)
	}
	panicCheck2(msg)
}

// panicCheck2 is panicCheck1 for a fault, whose faulting function sigpanic has already
// judged (canpanic): only an allocation in progress is left to check.
func panicCheck2(msg string) {
	gp := getg()
	if gp != nil && gp.m != nil && gp.m.mallocing != 0 {
		throw(msg)
	}
}

// raisepanic carries out a panic with value v whose traceback starts at the frame (pc, fp),
// where Go would have goframes frames of its runtime. It does not return: it either resumes
// fmt's catch frame or ends the program.
func raisepanic(v eface, pc, fp uintptr, goframes int) {
	gp := getg()
	mp := gp.m
	if gp != mp.curg {
		fatalInRuntime(v, "panic on system stack")
	}
	if mp.mallocing != 0 {
		fatalInRuntime(v, "panic during malloc")
	}
	if mp.locks != 0 {
		fatalInRuntime(v, "panic holding locks")
	}

	var p _panic
	p.arg = v
	p.pc = pc
	p.fp = fp
	p.goframes = goframes
	p.link = gp._panic
	gp._panic = &p

	if gp.catch != nil {
		recoverTo(gp, v)
	}
	preprintpanic(&p)
	fatalpanic(&p)
}

// fatalInRuntime reports a panic the runtime cannot carry out: the value as it is (no method
// of it can be called safely), then the fatal error msg.
func fatalInRuntime(v eface, msg string) {
	print("panic: ")
	printpanicval(v)
	print("\n")
	throw(msg)
}

// A catchFrame is a point in fmt to which a panic returns instead of ending the program.
// Go's fmt recovers a panic in a String, Error, GoString or Format method and prints
// "%!v(PANIC=String method: ...)" (fmt/print.go catchPanic); without defer and recover in
// the language, fmt_catch gives it the same through catchcall, which records the frame, and
// catchresume, which returns to it, as setjmp and longjmp would. Leaving the frames in
// between without running anything is right because none of them can have deferred calls.
// preprintpanic uses the same frames to notice a panic in the method it calls.
type catchFrame struct {
	// What catchcall's caller expects to find again when catchcall returns: the registers
	// the tbuild ABI preserves across calls, and catchcall's frame pointer, which is also
	// its stack pointer (asm_amd64.s).
	bx, bp, r12, r13, r14, r15 uintptr

	prev *catchFrame // the catch frame this one is nested in

	// The value of the panic that ended at this frame, and the signal it came from, if any
	// (the report of a panic inside preprintpanic shows it, as Go's does).
	val eface
	sig uint32
}

// catchcall links cf as the innermost catch frame of the goroutine and calls fn(arg). It
// returns false when fn returns, and true when a panic in fn came back to cf. In
// asm_amd64.s.
func catchcall(fn func(unsafe.Pointer), arg unsafe.Pointer, cf *catchFrame) bool

// catchresume returns true from cf's catchcall, with the registers it saved. In
// asm_amd64.s.
func catchresume(cf *catchFrame)

// fmt_catch calls fn(arg) and returns the value of the panic that ended it, and whether one
// did: recover, for fmt alone (fmt/print.go catchPanic).
func fmt_catch(fn func(unsafe.Pointer), arg unsafe.Pointer) (*_type, unsafe.Pointer, bool) {
	var cf catchFrame
	if !catchcall(fn, arg, &cf) {
		return nil, nil, false
	}
	return cf.val._type, cf.val.data, true
}

// recoverTo ends the current panic, with value v, at the innermost catch frame: the frames
// above it are abandoned, and with them the panic record and the fault it came from, as Go's
// recovery forgets them.
func recoverTo(gp *g, v eface) {
	cf := gp.catch
	gp.catch = cf.prev
	gp._panic = gp._panic.link
	cf.val = v
	cf.sig = gp.sig
	gp.sig = 0
	catchresume(cf)
}

// A methodCall is a call of a method of signature "() string" on an interface's data word,
// run by callMethod under a catch frame.
type methodCall struct {
	fn     uintptr
	recv   unsafe.Pointer
	result string
}

func callMethod(p unsafe.Pointer) {
	c := (*methodCall)(p)
	c.result = callStringMethod(c.fn, c.recv)
}

// preprintpanic replaces the value of p by its text when it has an Error method (which
// wins) or a String method, calling the method before the report starts, while the
// goroutine can still run any code. A panic inside the method cannot be reported as the
// panic it interrupts: Go makes it a fatal error naming the new value if it is a string,
// else its type, except that a panic(nil) leaves the value as it was. Go:
// runtime/panic.go preprintpanics.
func preprintpanic(p *_panic) {
	t := p.arg._type
	if t == nil {
		return
	}
	var call methodCall
	call.fn = findMethod(t, "Error", "() string")
	if call.fn == 0 {
		call.fn = findMethod(t, "String", "() string")
	}
	if call.fn == 0 {
		return
	}
	call.recv = p.arg.data
	var cf catchFrame
	if catchcall(callMethod, unsafe.Pointer(&call), &cf) {
		inner := cf.val
		if inner._type == nil {
			// panic(nil): Go 1.19's recover in preprintpanics takes it for no panic at
			// all, and the value is printed as it is.
			return
		}
		getg().sig = cf.sig
		if inner._type.kind == kindString && inner._type.named == 0 {
			throw("panic while printing panic value: " + *(*string)(inner.data))
		}
		throw("panic while printing panic value: type " + inner._type.name)
	}
	var text any = call.result
	p.arg = *(*eface)(unsafe.Pointer(&text))
}

// fatalpanic prints the report of panic p and exits with status 2: "panic: " and the value,
// then the fault's signal line and the traceback (dopanic_m).
func fatalpanic(p *_panic) {
	gp := getg()
	if startpanic_m() {
		print("panic: ")
		printpanicval(p.arg)
		print("\n")
	}
	dopanic_m(gp, p.pc, p.fp, p.goframes)
	exit(2)
	abort()
}

// throw ends the program for an error the runtime cannot go on from: "fatal error: " and
// s, then the traceback, runtime frames included, from throw's own frame.
func throw(s string) {
	print("fatal error: ", s, "\n")
	fatalthrow(getpc(), getfp())
}

// fatalthrow prints the traceback of a throw from the frame (pc, fp) and exits with
// status 2. A throw while a report is already being printed still gets its traceback, after
// "panic during panic"; a failure while printing that ends in exit status 4 (startpanic_m).
func fatalthrow(pc, fp uintptr) {
	gp := getg()
	if gp.m.throwing == throwTypeNone {
		gp.m.throwing = throwTypeRuntime
	}
	startpanic_m()
	dopanic_m(gp, pc, fp, -1)
	exit(2)
	abort()
}

// startpanic_m moves the M one step further into dying and reports whether the report's
// first lines should be printed. The first time, they should. The second time, something
// failed while printing them: "panic during panic", and only a traceback follows. The third
// time even the traceback failed: "stack trace unavailable" and exit status 4; after that,
// exit status 5 without a word. From here on the M may not allocate (a report must not need
// the heap, which may be what failed).
func startpanic_m() bool {
	mp := getg().m
	mp.mallocing++
	if mp.locks < 0 {
		// A broken lock count must not make the report panic in turn.
		mp.locks = 1
	}
	mp.dying++
	if mp.dying == 1 {
		panicking++
		return true
	}
	if mp.dying == 2 {
		print("panic during panic\n")
		return false
	}
	if mp.dying == 3 {
		print("stack trace unavailable\n")
		exit(4)
	}
	exit(5)
	return false
}

// gotraceback returns how much a traceback shows: 1, the goroutine's own frames without
// the runtime's (Go's default, GOTRACEBACK=single), or 2, every frame with its fp, sp and
// pc, while the runtime throws. (GOTRACEBACK is not read yet.)
func gotraceback() int32 {
	if getg().m.throwing >= throwTypeRuntime {
		return 2
	}
	return 1
}

// dopanic_m prints the rest of a fatal report for gp, whose traceback starts at the frame
// (pc, fp): the signal line if a fault caused it, then gp's traceback under its goroutine
// header, or, when gp is the M's g0 or signal g (a throw in the runtime itself), under
// "runtime stack:" followed by the traceback of the goroutine the M was running. goframes
// is a panic's count of Go's runtime frames, or -1 for a throw (every frame counts as it is).
func dopanic_m(gp *g, pc, fp uintptr, goframes int) {
	if gp.sig != 0 {
		printsignal(gp)
	}
	level := gotraceback()
	mp := gp.m
	if gp != mp.g0 && gp != mp.gsignal {
		print("\n")
		goroutineheader(gp)
		tracebackpanic(pc, fp, level, gp, goframes)
	} else if level >= 2 || mp.throwing >= throwTypeRuntime {
		print("\nruntime stack:\n")
		traceback1(pc, fp, level, gp)
	}
	if gp != mp.curg {
		tracebackothers(gp)
	}
	panicking--
}

// printsignal prints the line of the signal that caused gp's panic:
// "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x45e3c2]".
func printsignal(gp *g) {
	print("[signal ")
	if name := signame(gp.sig); name != "" {
		print(name)
	} else {
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

// tracebackothers prints, after a throw on g0 or the signal stack, the traceback of the
// goroutine the M was running, from where it stopped (gp.sched: the stack-overflow handler
// records the faulting frame there). With one goroutine there are no others to list yet.
func tracebackothers(me *g) {
	cur := getg().m.curg
	if cur == nil || cur == me || cur.sched.pc == 0 {
		return
	}
	print("\n")
	goroutineheader(cur)
	traceback1(cur.sched.pc, cur.sched.bp, gotraceback(), cur)
}

// callerpc returns the return address in the frame fp (the PC in the caller of fp's
// function: Go's getcallerpc), or 0 if fp is not a frame of the current goroutine's stack.
func callerpc(fp uintptr) uintptr {
	if !validfp(getg(), fp) {
		return 0
	}
	return *(*uintptr)(unsafe.Pointer(fp + 8))
}
