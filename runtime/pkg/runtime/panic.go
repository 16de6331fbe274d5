// Panics, deferred calls and recover, and fatal errors: how a goroutine's panic runs the
// deferred calls of the frames it unwinds, how recover stops it, how an unrecovered one ends
// the program, and how the runtime gives up (throw).
//
// A panic starts at gopanic: panic(v) in compiled code calls it directly; a check that
// failed in compiled code calls an entry point below (panicIndex, ...), a fault the signal
// handler turned into a call reaches one through sigpanic (signal_unix.go), and each passes
// its value to gopanic. In the order Go's does it:
//
//  1. a panic inside the runtime, or while the allocator is busy, is a fatal error instead
//     (panicCheck1, panicCheck2, and gopanic's own checks);
//  2. the pending deferred calls of every frame with defer statements run, innermost frame
//     first and each frame's most recent call first (each such frame has a _defer record,
//     which the walk up the frame pointers finds through the function's deferInfo:
//     runtime2.go, and the compiler's codegen/src/compile/lower/defer.rs);
//  3. a deferred call that recovers the panic (gorecover) ends it: the goroutine resumes in
//     the frame that deferred the call, which runs its remaining deferred calls and returns
//     normally (recovery);
//  4. otherwise an error's Error or a Stringer's String turns each value of the goroutine's
//     panics into its text (preprintpanics); a panic inside that method is the fatal error
//     "panic while printing panic value";
//  5. "panic: " and the values of all the goroutine's panics, oldest first, each marked
//     "[recovered]" when it was, the "[signal ...]" line of a fault, the goroutine's
//     traceback from the newest panic, and exit status 2.
//
// throw prints "fatal error: " and its message, then a traceback that includes the
// runtime's frames, and exits with status 2. The exact words are Go 1.19's
// (runtime/panic.go); the order of the steps is what Go users see.

package runtime

import "unsafe"

// panicking counts the Ms printing a fatal report: while it is non-zero, the main
// goroutine does not exit the process when main.main returns (proc.go main), and the
// other Ms schedule nothing (freezing). paniclk lets one M print at a time. Go:
// runtime/panic.go panicking, paniclk, and freezetheworld's effect.
var (
	panicking uint32
	paniclk   mutex
	freezing  uint32
)

// A _panic is one panic in progress, in gopanic's frame, linked from g._panic to the panic
// it interrupted (a panic in a deferred call of another). argp is the frame pointer of the
// deferred call it is running, which recover must be called from (gorecover); pc and fp are
// the frame its report's traceback starts at, with goframes frames of Go's runtime above the
// program's innermost one (see goframesPanic). Go: runtime/runtime2.go _panic.
type _panic struct {
	argp      uintptr // offset known to calldefer (go_asm.h _panic_argp)
	arg       eface
	link      *_panic
	pc        uintptr
	fp        uintptr
	goframes  int
	recovered bool // a deferred call recovered it
	aborted   bool // a panic in one of its deferred calls took over
	goexit    bool // a Goexit, not a panic: recover returns nil, and nothing prints it
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

// Entry points of compiled code and of sigpanic.

// boundsArgs is how compiled code passes the two operands of a failed bounds check (Go's
// boundsError x and y) to panicIndex and the panicSlice family: in a slot of its own frame,
// whose address is the one argument. Passed in argument registers, the values a loop checks
// were tied to those registers on the cold path, and Cranelift's register allocator then
// moved them between registers on every iteration of the loop (bench/sieve: two moves and a
// jump more per iteration). Go's compiler passes them in registers to assembly stubs that
// write them into space in the caller's frame (runtime/asm_amd64.s panicIndex).
type boundsArgs struct {
	x int
	y int
}

// panicIndex reports x[i] with i outside [0, len): the compiler passes i and len.
func panicIndex(a *boundsArgs) {
	pv := boundsErrorAt(boundsIndex, int64(a.x), true, a.y, getfp())
	gopanic(pv._type, pv.data, goframesRuntimeError)
}

// panicIndexU is panicIndex for an unsigned index, which the report shows unsigned.
func panicIndexU(a *boundsArgs) {
	pv := boundsErrorAt(boundsIndex, int64(a.x), false, a.y, getfp())
	gopanic(pv._type, pv.data, goframesRuntimeError)
}

// panicdivide reports an integer division or remainder by zero, found by a check in
// compiled code or by the CPU's trap (sigpanic).
func panicdivide() {
	panicCheck2("integer divide by zero")
	pv := runtimeError("integer divide by zero")
	gopanic(pv._type, pv.data, goframesRuntimeError)
}

// panicshift reports a shift by a negative count.
func panicshift() {
	fp := getfp()
	panicCheck1(callerpc(fp), "negative shift amount")
	pv := runtimeError("negative shift amount")
	gopanic(pv._type, pv.data, goframesRuntimeError)
}

// panicmem reports a fault at an address in the first page: a nil pointer dereference.
func panicmem() {
	panicCheck2("invalid memory address or nil pointer dereference")
	pv := runtimeError("invalid memory address or nil pointer dereference")
	gopanic(pv._type, pv.data, goframesRuntimeError)
}

// panicmemAddr reports a fault at addr, outside the first page, in a goroutine that asked
// for a panic instead of a crash (debug.SetPanicOnFault). Go: runtime/panic.go panicmemAddr.
func panicmemAddr(addr uintptr) {
	panicCheck2("invalid memory address or nil pointer dereference")
	var v any = errorAddressString{msg: "invalid memory address or nil pointer dereference", addr: addr}
	pv := *(*eface)(unsafe.Pointer(&v))
	gopanic(pv._type, pv.data, goframesRuntimeError)
}

// debug_setPanicOnFault is runtime/debug.SetPanicOnFault: whether a fault of the calling
// goroutine panics from now on; it returns the previous setting. Go: runtime/rdebug.go
// setPanicOnFault.
func debug_setPanicOnFault(enabled bool) bool {
	gp := getg()
	old := gp.paniconfault
	gp.paniconfault = enabled
	return old
}

// panicoverflow reports the CPU's integer-overflow trap.
func panicoverflow() {
	panicCheck2("integer overflow")
	pv := runtimeError("integer overflow")
	gopanic(pv._type, pv.data, goframesRuntimeError)
}

// panicfloat reports any other arithmetic trap.
func panicfloat() {
	panicCheck2("floating point error")
	pv := runtimeError("floating point error")
	gopanic(pv._type, pv.data, goframesRuntimeError)
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

// gopanic is panic(v): the compiler passes v converted to interface{}, as its two words,
// and goframesPanic. It runs the pending deferred calls and either resumes the frame whose
// deferred call recovered the panic or ends the program. It is the frame a traceback shows
// as "panic" above the deferred calls it runs. Go: runtime/panic.go gopanic.
func gopanic(typ *_type, data unsafe.Pointer, goframes int) {
	var v eface
	v._type = typ
	v.data = data
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
	p.pc = getpc()
	p.fp = getfp()
	p.goframes = goframes
	p.link = gp._panic
	gp._panic = &p

	w := frameWalker{fp: p.fp}
	for {
		d, info, ok := w.next(gp)
		if !ok {
			break
		}
		startframe(d, &p)
		for !p.recovered {
			fn := nextdefer(d)
			if fn == nil {
				break
			}
			calldefer(fn, &p)
			p.argp = 0
		}
		d._panic = nil
		if p.recovered {
			recoverframe(gp, &p, d, w.fp, info)
		}
	}
	preprintpanics(gp._panic)
	fatalpanic(gp._panic)
}

// A frameWalker walks up the frames of the current goroutine from the frame fp, innermost
// first, stopping at each frame with a _defer record: the frames a panic or a Goexit runs
// the deferred calls of. (The calls are made by gopanic and Goexit themselves, so that a
// deferred call's caller is gopanic, as in Go, for tracebacks and runtime.Callers.)
type frameWalker struct {
	fp       uintptr // the frame pointer of the frame reached
	waspanic bool    // the frame below it was sigpanic's: its pc is the faulting one
}

// next moves to the next frame above with a _defer record and returns the record and the
// function's deferInfo, or reports false at the top of the stack.
func (w *frameWalker) next(gp *g) (*_defer, *deferInfo, bool) {
	for {
		fp := w.fp
		next := *(*uintptr)(unsafe.Pointer(fp))
		pc := *(*uintptr)(unsafe.Pointer(fp + 8))
		if !validfp(gp, next) || next <= fp {
			return nil, nil, false
		}
		w.fp = next
		tracepc := pc - 1
		if w.waspanic {
			tracepc = pc
		}
		f := findfunc(tracepc)
		if f == nil || f.flag&funcFlag_TOPFRAME != 0 {
			return nil, nil, false
		}
		// A fault before the function set its frame pointer up would leave fp its
		// caller's; the prologue (PUSHQ BP; MOVQ SP, BP) has no deferred calls to run.
		prologue := w.waspanic && pc-funcentry(f) < 4
		w.waspanic = f.funcID == funcID_sigpanic
		info := (*deferInfo)(funcdata(f, _FUNCDATA_DeferInfo))
		if info == nil || prologue {
			continue
		}
		return (*_defer)(unsafe.Pointer(next - uintptr(info.rec))), info, true
	}
}

// startframe makes p the panic (or Goexit) running d's calls. A frame whose calls an
// earlier panic was running: that panic will not go on (p took over from inside one of
// them), but the frame's other calls still run.
func startframe(d *_defer, p *_panic) {
	if d.started {
		if d._panic != nil {
			d._panic.aborted = true
		}
		d._panic = nil
	}
	d.started = true
	d._panic = p
}

// Goexit ends the goroutine that calls it: its pending deferred calls run, as for a panic
// that no recover stops (recover returns nil), and then it exits. Goexit on the main
// goroutine lets the other goroutines run on; the program ends with a deadlock error when
// they are done or blocked, as Go's does. Go: runtime/panic.go Goexit.
func Goexit() {
	gp := getg()
	var p _panic
	p.goexit = true
	p.link = gp._panic
	gp._panic = &p
	goexitframes(gp, &p, getfp())
}

// goexitframes runs the Goexit p's deferred calls of the frames above fp, and exits.
func goexitframes(gp *g, p *_panic, fp uintptr) {
	w := frameWalker{fp: fp}
	for {
		d, _, ok := w.next(gp)
		if !ok {
			break
		}
		startframe(d, p)
		for {
			fn := nextdefer(d)
			if fn == nil {
				break
			}
			calldefer(fn, p)
			p.argp = 0
		}
		d._panic = nil
	}
	goexit1()
}

// goexitResume goes on with the Goexit gx after a deferred call it ran panicked and a later
// deferred call of the frame fp, whose record is d, recovered that panic: the rest of d's
// calls, then those of the frames above, and then the goroutine exits.
func goexitResume(gp *g, gx *_panic, d *_defer, fp uintptr) {
	gx.aborted = false
	gp._panic = gx
	gp.sig = 0
	d.started = true
	d._panic = gx
	for {
		fn := nextdefer(d)
		if fn == nil {
			break
		}
		calldefer(fn, gx)
		gx.argp = 0
	}
	d._panic = nil
	goexitframes(gp, gx, fp)
}

// nextdefer takes the most recent pending call of d off it and returns its funcval, or nil
// when none is left: the highest set bit of an open-coded frame's bits, or the head of a
// frame's chain.
func nextdefer(d *_defer) *funcval {
	if d.openDefer {
		if d.bits == 0 {
			return nil
		}
		i := topbit(d.bits)
		d.bits &^= 1 << i
		return *(**funcval)(add(unsafe.Pointer(&d.fns), uintptr(i)*ptrSize))
	}
	n := d.chain
	if n == nil {
		return nil
	}
	d.chain = n.link
	return n.fn
}

// topbit returns the index of the highest set bit of x, which is not 0.
func topbit(x uint64) uint {
	var i uint
	for s := uint(32); s > 0; s >>= 1 {
		if x>>s != 0 {
			x >>= s
			i += s
		}
	}
	return i
}

// deferreturn runs the pending calls of d, the record of the function calling it, most
// recent first: the exit of a function whose exits do not call its deferred functions
// themselves, and the end of the recovery of a panic in it. A panic in one of the calls
// finds the frame, and runs the rest.
func deferreturn(d *_defer) {
	for {
		fn := nextdefer(d)
		if fn == nil {
			break
		}
		calldefer(fn, nil)
	}
}

// calldefer calls the deferred call fn (a funcval, with itself as the closure context).
// During a panic p it first sets p.argp to the frame pointer the called function will
// have. In asm_amd64.s.
func calldefer(fn *funcval, p *_panic)

// recovery resumes the function that deferred a call that recovered a panic: the stack and
// frame pointers become the function's, and execution continues at pc, its resume block,
// with d in the payload register. In asm_amd64.s.
func recovery(sp, fp, pc uintptr, d *_defer)

// recoverframe ends the recovered panic p, whose deferred call belonged to d's frame, the
// frame with frame pointer fp of the function info describes: the panics p interrupted and
// took over go too, and so does the fault behind them, and the frame resumes (Go: the
// recovery part of runtime/panic.go gopanic, and recovery).
func recoverframe(gp *g, p *_panic, d *_defer, fp uintptr, info *deferInfo) {
	// A Goexit whose deferred call panicked is not stopped by the recovery: it goes on
	// with the rest of the calls (Go 1.14+).
	for q := p.link; q != nil && q.aborted; q = q.link {
		if q.goexit {
			goexitResume(gp, q, d, fp)
		}
	}
	gp._panic = p.link
	for gp._panic != nil && gp._panic.aborted {
		gp._panic = gp._panic.link
	}
	if gp._panic == nil {
		gp.sig = 0
	}
	sp := fp - uintptr(info.frame)
	if sp < gp.stack.lo || fp >= gp.stack.hi {
		throw("bad recovery")
	}
	// The compiler gives a resume block to every frame a deferred call of which may call
	// recover (lower/defer.rs frame_may_recover); offset 0 would be the entry.
	if info.resume == 0 {
		throw("recovery in a frame without a resume block")
	}
	recovery(sp, fp, info.entry+uintptr(info.resume), d)
}

// gorecover is recover(): fp is the frame pointer of the function calling it. It stops the
// current panic when that function is the deferred call the panic is running, or is called
// by it through wrappers only (a method value's, a deferred call's with arguments, a value
// method's for an interface), and the panic was not recovered yet: then it returns the
// panic's value, else nil. Go: runtime/panic.go gorecover, with the argp adjustment Go's
// wrapper prologues make done here by walking up through the wrapper frames.
func gorecover(fp uintptr) any {
	gp := getg()
	p := gp._panic
	if p == nil || p.goexit || p.recovered || p.argp == 0 {
		return nil
	}
	// `defer recover()`: recover's caller is the deferred call's wrapper. Run by the panic
	// itself, recover is the deferred function and was not called by one: it does not
	// recover. Run by its function's exit (directly, or through deferreturn and calldefer
	// after that function recovered a later panic), it counts as called by that function
	// (Go's recover1.go test5 to test7).
	if iswrapper(callerpc(getfp())) {
		if fp == p.argp {
			return nil
		}
		for {
			if !validfp(gp, fp) {
				return nil
			}
			pc := callerpc(fp)
			fp = *(*uintptr)(unsafe.Pointer(fp))
			if !iswrapper(pc) {
				break
			}
		}
	}
	for fp != p.argp {
		if !validfp(gp, fp) || !(iswrapper(callerpc(fp)) || isreflectcall(callerpc(fp))) {
			return nil
		}
		fp = *(*uintptr)(unsafe.Pointer(fp))
	}
	p.recovered = true
	return *(*any)(unsafe.Pointer(&p.arg))
}

// iswrapper reports whether the return address pc is in a wrapper function (the compiler
// marks them; the linker gives them funcID_wrapper).
func iswrapper(pc uintptr) bool {
	if pc == 0 {
		return false
	}
	f := findfunc(pc - 1)
	return f != nil && f.funcID == funcID_wrapper
}

// isreflectcall reports whether the return address pc is in package reflect's call
// machinery: a function called through reflect.Value.Call or a function made by
// reflect.MakeFunc (a method value of Value.Method among them) is called by the deferred
// call through those frames alone, and may recover, as in Go (whose reflectcall and
// makeFuncStub are WRAPPER assembly). Tracebacks still show the frames, as Go's do.
func isreflectcall(pc uintptr) bool {
	if pc == 0 {
		return false
	}
	f := findfunc(pc - 1)
	if f == nil {
		return false
	}
	switch funcname(f) {
	case "reflect.call", "reflect.Value.invoke", "reflect.Value.Call", "reflect.Value.CallSlice",
		"reflect.makeFuncStub", "reflect.callReflect", "reflect.Value.Method.func1":
		return true
	}
	return false
}

// fatalInRuntime reports a panic the runtime cannot carry out: the value as it is (no method
// of it can be called safely), then the fatal error msg.
func fatalInRuntime(v eface, msg string) {
	print("panic: ")
	printpanicval(v)
	print("\n")
	throw(msg)
}

// preprintpanics replaces the value of each panic of the chain p by its text when it has
// an Error method (which wins) or a String method, calling the method before the report
// starts, while the goroutine can still run any code. A panic inside the method cannot be
// reported as the panic it interrupts: printpanicvalFailed makes it a fatal error. Go:
// runtime/panic.go preprintpanics.
func preprintpanics(p *_panic) {
	defer printpanicvalFailed()
	for ; p != nil; p = p.link {
		t := p.arg._type
		if t == nil {
			continue
		}
		fn := findMethod(t, "Error", "() string")
		if fn == 0 {
			fn = findMethod(t, "String", "() string")
		}
		if fn == 0 {
			continue
		}
		var text any = callStringMethod(fn, p.arg.data)
		p.arg = *(*eface)(unsafe.Pointer(&text))
	}
}

// printpanicvalFailed is preprintpanics' deferred call: a panic in an Error or String
// method is the fatal error naming the new value if it is a string, else its type. A
// panic(nil) is recovered as no panic at all (Go 1.19's recover returns nil for it), and
// the values are printed as they are.
func printpanicvalFailed() {
	r := recover()
	e := *(*eface)(unsafe.Pointer(&r))
	if e._type == nil {
		return
	}
	if e._type.kind == kindString && e._type.named == 0 {
		throw("panic while printing panic value: " + *(*string)(e.data))
	}
	throw("panic while printing panic value: type " + e._type.name)
}

// printpanics prints the values of the panics of chain p, oldest first, each after a tab
// but the first, and marked when recovered. Go: runtime/panic.go printpanics.
func printpanics(p *_panic) {
	if p.link != nil {
		printpanics(p.link)
		if !p.link.goexit {
			print("\t")
		}
	}
	if p.goexit {
		return
	}
	print("panic: ")
	printpanicval(p.arg)
	if p.recovered {
		print(" [recovered]")
	}
	print("\n")
}

// fatalpanic prints the report of the goroutine's panics, p the newest, and exits with
// status 2: their values, then the fault's signal line and the traceback (dopanic_m).
func fatalpanic(p *_panic) {
	gp := getg()
	if startpanic_m() {
		printpanics(p)
	}
	dopanic_m(gp, p.pc, p.fp, p.goframes)
	exit(2)
	abort()
}

// throw ends the program for an error the runtime cannot go on from: "fatal error: " and
// s, then the traceback, runtime frames included, from throw's own frame.
func throw(s string) {
	if getg().m.throwing == throwTypeNone {
		getg().m.throwing = throwTypeRuntime
	}
	print("fatal error: ", s, "\n")
	fatalthrow(getpc(), getfp())
}

// fatal is throw for an error of the program rather than of the runtime (a deadlock, an
// unlock of an unlocked mutex): its traceback leaves the runtime's frames out. Go:
// runtime/panic.go fatal.
func fatal(s string) {
	if getg().m.throwing == throwTypeNone {
		getg().m.throwing = throwTypeUser
	}
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
		atomicxadd(&panicking, 1)
		atomicstore(&freezing, 1)
		lock(&paniclk)
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

// gotraceback returns how much a traceback shows, and whether every goroutine's is shown:
// GOTRACEBACK's level (1 by default: the goroutine's own frames without the runtime's;
// 2: every frame with its fp, sp and pc), at least 2 while the runtime throws. Go:
// runtime/runtime1.go gotraceback.
func gotraceback() (int32, bool) {
	if t := getg().m.traceback; t != 0 {
		return int32(t), false
	}
	level, all := tracebackLevel, tracebackAll
	if getg().m.throwing >= throwTypeRuntime {
		level, all = 2, true
	}
	return level, all
}

// dopanic_m prints the rest of a fatal report for gp, whose traceback starts at the frame
// (pc, fp): the signal line if a fault caused it, then gp's traceback under its goroutine
// header, or, when gp is the M's g0 or signal g (a throw in the runtime itself), under
// "runtime stack:"; then, for a report from g0 (a deadlock, a throw in the scheduler) or
// with GOTRACEBACK=all, every other goroutine's. goframes is a panic's count of Go's runtime
// frames, or -1 for a throw (every frame counts as it is). Go: runtime/panic.go dopanic_m.
func dopanic_m(gp *g, pc, fp uintptr, goframes int) {
	if gp.sig != 0 {
		printsignal(gp)
	}
	level, all := gotraceback()
	mp := gp.m
	if gp != mp.curg {
		all = true
	}
	if level > 0 {
		if gp != mp.g0 && gp != mp.gsignal {
			print("\n")
			goroutineheader(gp)
			tracebackpanic(pc, fp, level, gp, goframes)
		} else if level >= 2 || mp.throwing >= throwTypeRuntime {
			print("\nruntime stack:\n")
			traceback1(pc, fp, level, gp)
		}
		if all {
			tracebackothers(gp)
		}
	}
	unlock(&paniclk)
	if atomicxadd(&panicking, -1) != 0 {
		// Another M is printing its report too: let it finish and end the process.
		for {
			futexsleep(&freezing, 1, -1)
		}
	}
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

// tracebackothers prints the traceback of every goroutine but me: first the one the M was
// running (after a throw on g0 or the signal stack: from where it stopped, which the
// stack-overflow handler records in its sched), then the others in the order they were
// made. Go: runtime/traceback.go tracebackothers.
func tracebackothers(me *g) {
	level, _ := gotraceback()
	cur := getg().m.curg
	if cur != nil && cur != me && cur.sched.pc != 0 {
		print("\n")
		goroutineheader(cur)
		traceback1(cur.sched.pc, cur.sched.bp, level, cur)
	}
	for _, gp := range allgs {
		if gp == me || gp == cur || readgstatus(gp) == _Gdead || readgstatus(gp) == _Gidle {
			continue
		}
		if isSystemGoroutine(gp) && level < 2 {
			continue // as Go hides them below GOTRACEBACK=system
		}
		print("\n")
		goroutineheader(gp)
		if readgstatus(gp) == _Grunning {
			// Its M runs it on in parallel: its stack moves under a traceback. Go's
			// words (runtime/traceback.go tracebackothers).
			print("\tgoroutine running on other thread; stack unavailable\n")
			printcreatedby(gp)
			continue
		}
		tracebackg(gp, level)
	}
}

// tracebackg prints the frames of gp, which is not running, from where it stopped: inside
// mcall when it parked or yielded, or at its function's entry if it never ran (then the
// pc is not a return address, and no frame pointer is set up yet).
func tracebackg(gp *g, level int32) {
	if gp.sched.pc == gp.startpc {
		tracebacktrap(gp.sched.pc, 0, level, gp)
		return
	}
	traceback1(gp.sched.pc, gp.sched.bp, level, gp)
}

// callerpc returns the return address in the frame fp (the PC in the caller of fp's
// function: Go's getcallerpc), or 0 if fp is not a frame of the current goroutine's stack.
func callerpc(fp uintptr) uintptr {
	if !validfp(getg(), fp) {
		return 0
	}
	return *(*uintptr)(unsafe.Pointer(fp + 8))
}

