// Asynchronous preemption.
//
// A goroutine that runs without calling into the scheduler (a loop with no calls) must
// not keep the others from running: Go 1.14+ interrupts it with a signal (SIGURG, sent by
// sysmon to a goroutine that has run for 10 ms) and, when the interrupted instruction is
// an asynchronous safe point, makes it "call" asyncPreempt, which saves every register and
// yields as Gosched does (Go: runtime/preempt.go, runtime/preempt_amd64.s).
//
// tbuild has one M and no sysmon thread yet, so the M asks the kernel for the signal
// itself: a per-thread POSIX timer on the thread's CPU-time clock sends it SIGURG every
// 10 ms of CPU it uses (so an idle or blocked program gets no signal at all). The handler
// preempts when the goroutine it interrupted has been running for a whole tick (no switch
// since the previous one), something else could run (a runnable goroutine or a due
// timer), and the interrupted instruction is a safe point: compiled code outside package
// runtime (the runtime's own code may hold its state half-changed, and its assembly does
// not keep R15 = g), on the goroutine's own stack, with the M holding no lock and not
// allocating. Every instruction of compiled code qualifies: with no garbage collector yet
// there are no stack maps to need, stacks do not move, and Cranelift's code keeps nothing
// below SP (no red zone), so the pushed call clobbers nothing. The timer is armed when the
// program makes its first goroutine.

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

// preemptArmed is set once the M's preemption timer runs.
var preemptArmed bool

// armPreemption installs the SIGURG handler and starts the M's CPU-time timer. Failing
// to (a kernel without POSIX timers), goroutines still run, only without preemption.
func armPreemption() {
	if preemptArmed {
		return
	}
	preemptArmed = true
	setsig(sigPreempt, sigtrampPC())
	var ev sigevent
	ev.signo = sigPreempt
	ev.notify = _SIGEV_THREAD_ID
	ev.tid = int32(getg().m.procid)
	var id int32
	if timer_create(_CLOCK_THREAD_CPUTIME_ID, &ev, &id) != 0 {
		return
	}
	var its itimerspec
	its.interval.tv_nsec = forcePreemptNS
	its.value.tv_nsec = forcePreemptNS
	timer_settime(id, 0, &its, nil)
}

// wantAsyncPreempt reports whether gp, which the preemption signal interrupted, should
// yield: it is the M's running goroutine, has run since the previous tick, and something
// else is waiting for the M.
func wantAsyncPreempt(gp *g) bool {
	mp := gp.m
	if mp == nil || gp != mp.curg || readgstatus(gp) != _Grunning {
		return false
	}
	if mp.locks != 0 || mp.mallocing != 0 || mp.dying != 0 {
		return false
	}
	if mp.preemptTick != mp.schedtick {
		// A switch since the last tick: this goroutine has not had a whole one.
		mp.preemptTick = mp.schedtick
		return false
	}
	if sched.runnext != nil || sched.runq.n > 0 || sched.globrunq.n > 0 {
		return true
	}
	return len(timers) > 0 && timers[0].when <= nanotime()
}

// isAsyncSafePoint reports whether the instruction at pc, with the stack pointer sp, of
// gp may be interrupted by a call of asyncPreempt (see the top of the file).
func isAsyncSafePoint(gp *g, pc, sp uintptr) bool {
	if sp < gp.stack.lo || sp >= gp.stack.hi {
		return false
	}
	f := findfunc(pc)
	if f == nil {
		return false
	}
	return !hasPrefix(funcname(f), "runtime.")
}

// doSigPreempt handles the preemption signal for gp, interrupted in context c.
func doSigPreempt(gp *g, c *sigctxt) {
	pc := sigctxtPC(c)
	if wantAsyncPreempt(gp) && isAsyncSafePoint(gp, pc, sigctxtSP(c)) {
		pushCall(c, asyncPreemptPC(), pc)
	}
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
