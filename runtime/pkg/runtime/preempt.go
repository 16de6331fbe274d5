// Asynchronous preemption.
//
// A goroutine that runs without calling into the scheduler (a loop with no calls) must
// not keep the others from running: Go 1.14+ interrupts it with a signal (SIGURG, sent by
// sysmon to a goroutine that has run for 10 ms) and, when the interrupted instruction is
// an asynchronous safe point, makes it "call" asyncPreempt, which saves every register and
// yields as Gosched does (Go: runtime/preempt.go, runtime/preempt_amd64.s).
//
// tbuild's sysmon (sysmon.go) does not preempt, so each M asks the kernel for the signal
// itself: a per-thread POSIX timer on the thread's CPU-time clock sends it SIGURG every
// 10 ms of CPU it uses (so an idle or blocked M gets no signal at all). The handler
// preempts when the goroutine it interrupted has been running for a whole tick (no switch
// since the previous one), something else could run (a goroutine queued on its P or the
// global queue, a due timer, or its P retired by GOMAXPROCS), and the interrupted
// instruction is a safe point: compiled code outside package runtime (the runtime's own
// code may hold its state half-changed, and its assembly does not keep R15 = g), on the
// goroutine's own stack, with the M holding no lock and not allocating. Every instruction of compiled code qualifies: with no garbage collector yet
// there are no stack maps to need, stacks do not move, and Cranelift's code keeps nothing
// below SP (no red zone), so the pushed call clobbers nothing. An M arms its timer when it
// first runs a goroutine after a go statement has run (preemptWanted), and the M of the
// goroutine that runs a go statement arms its own then.

package runtime

// The preemption signal and tick. Go: runtime/signal_unix.go sigPreempt,
// runtime/proc.go forcePreemptNS.
const (
	sigPreempt     = _SIGURG
	forcePreemptNS = 10 * 1000 * 1000
)

// Go: the kernel's struct sigevent (64 bytes) and struct itimerspec.
type sigevent struct {
	value  uintptr
	signo  int32
	notify int32
	tid    int32 // sigev_notify_thread_id, the first word of the union
	_      [11]int32
}

type itimerspec struct {
	interval timespec
	value    timespec
}

const (
	_CLOCK_THREAD_CPUTIME_ID = 3
	_SIGEV_THREAD_ID         = 4
)

var (
	// preemptWanted is set by the first go statement: from then on each M arms its
	// preemption timer before it runs a goroutine.
	preemptWanted bool

	// preemptHandler is 1 once the SIGURG handler is installed (by the first M to arm).
	preemptHandler uint32
)

// armPreemption installs the SIGURG handler, once, and starts the current M's CPU-time
// timer. Failing to (a kernel without POSIX timers), goroutines still run, only without
// preemption.
func armPreemption() {
	mp := getg().m
	if mp.ptimer {
		return
	}
	mp.ptimer = true
	if atomiccas(&preemptHandler, 0, 1) {
		setsig(sigPreempt, sigtrampPC())
	}
	var ev sigevent
	ev.signo = sigPreempt
	ev.notify = _SIGEV_THREAD_ID
	ev.tid = int32(mp.procid)
	var id int32
	if timer_create(_CLOCK_THREAD_CPUTIME_ID, &ev, &id) != 0 {
		return
	}
	mp.ptimerID = id + 1 // 0: none
	var its itimerspec
	its.interval.tv_nsec = forcePreemptNS
	its.value.tv_nsec = forcePreemptNS
	timer_settime(id, 0, &its, nil)
}

// wantAsyncPreempt reports whether gp, which the preemption signal interrupted, should
// yield: it is the M's running goroutine, has run since the previous tick, and something
// else is waiting for the M. If so while the M holds runtime locks or allocates, it may not
// yield there: the request is kept in gp.preempt, for code that ends such a stretch itself
// to honour (startTheWorld, whose caller holds its M throughout: Go's releasem does the
// same for every stretch).
func wantAsyncPreempt(gp *g) bool {
	mp := gp.m
	if mp == nil || gp != mp.curg || readgstatus(gp) != _Grunning || mp.dying != 0 {
		return false
	}
	pp := mp.p
	if pp == nil || !preemptDue(mp, pp) {
		return false
	}
	if mp.locks != 0 || mp.mallocing != 0 {
		gp.preempt = true
		return false
	}
	return true
}

// preemptDue reports whether the goroutine running on mp with pp should yield now.
func preemptDue(mp *m, pp *p) bool {
	if atomicload(&sched.gcwaiting) != 0 {
		return true // the world is being stopped (stw.go)
	}
	if mp.preemptTick != pp.schedtick {
		// A switch since the last tick: this goroutine has not had a whole one.
		mp.preemptTick = pp.schedtick
		return false
	}
	if !runqempty(pp) || sched.runq.size() > 0 || pp.id >= atomicloadInt32(&gomaxprocs) {
		return true
	}
	w := earliestTimer()
	return w != 0 && w <= nanotime()
}

// preemptone sends the preemption signal to the M running pp, whose goroutine has run
// since schedtick was tick for a whole tick of wall time: a goroutine that holds its P
// while using little CPU (one that stops the world again and again, waiting for the other
// Ms each time) gets no signal from its M's CPU-time timer, yet keeps the goroutines queued
// on its P from running. Marking the tick as seen lets the handler act on this signal.
// Called by sysmon. Go: runtime/proc.go preemptone.
func preemptone(pp *p, tick uint32) {
	mp := pp.m
	if mp == nil || mp.curg == nil || mp == getg().m {
		return
	}
	if atomiccas(&preemptHandler, 0, 1) {
		setsig(sigPreempt, sigtrampPC())
	}
	mp.preemptTick = tick
	tgkill(int32(m0.procid), int32(mp.procid), sigPreempt)
}

// isAsyncSafePoint reports whether the instruction at pc, with the stack pointer sp, of
// gp may be interrupted by a call of asyncPreempt (see the top of the file).
func isAsyncSafePoint(gp *g, pc, sp uintptr) bool {
	if sp < gp.stack.lo || sp >= gp.stack.hi {
		return false
	}
	f := findfunc(pc)
	if f == nil || hasPrefix(funcname(f), "runtime.") {
		return false
	}
	// Nor assembly (sync/atomic's): it keeps no frame pointer, so the goroutine's
	// traceback from there would lose its caller, and Go does not preempt it either (its
	// assembly has no register maps).
	file, _ := funcline(f, pc)
	return len(file) < 2 || file[len(file)-2:] != ".s"
}

// doSigPreempt handles the preemption signal for gp, interrupted in context c. When the
// interrupted instruction is not a safe point (the runtime's own code, which a goroutine
// calling into the runtime again and again spends most of its time in), the request is
// kept in gp.preempt for the runtime to honour where it returns to compiled code
// (yieldIfAsked). Go keeps such a request in gp.preempt and gp.stackguard0 = stackPreempt,
// and the next function prologue's stack check honours it (runtime/stack.go newstack).
func doSigPreempt(gp *g, c *sigctxt) {
	pc := sigctxtPC(c)
	if !wantAsyncPreempt(gp) {
		return
	}
	if isAsyncSafePoint(gp, pc, sigctxtSP(c)) {
		pushCall(c, asyncPreemptPC(), pc)
	} else {
		gp.preempt = true
	}
}

// yieldIfAsked yields the M as asyncPreempt would when a preemption request is pending
// (gp.preempt) and the runtime function about to return, whose return address is ret, was
// called by compiled code outside package runtime: every call there is a safe point,
// while the runtime's own callers may hold its state half-changed. Called at the end of
// the runtime's entry points that compiled code calls in loops (mallocgc, the write and
// read system calls), so that a goroutine spending nearly all its time in them still
// yields within a tick or two, as Go's does at its next function prologue.
func yieldIfAsked(gp *g, ret uintptr) {
	mp := gp.m
	if mp.locks != 0 || mp.mallocing != 0 || gp != mp.curg {
		return
	}
	f := findfunc(ret - 1)
	if f == nil || hasPrefix(funcname(f), "runtime.") {
		return
	}
	Gosched()
}

// asyncPreempt saves every register and flag of the interrupted goroutine, calls
// asyncPreempt2 and restores them all. In asm_amd64.s. Go: runtime/preempt_amd64.s.
func asyncPreempt()

// asyncPreemptPC returns asyncPreempt's entry.
func asyncPreemptPC() uintptr

// asyncPreempt2 yields the M: the goroutine goes to the global run queue, as Gosched's
// does. Go: runtime/preempt.go asyncPreempt2 (gopreempt_m).
func asyncPreempt2() {
	mcall(gosched_m)
}
