// The scheduler, from the end of rt0_go to main.main.
//
// rt0_go (asm_amd64.s) runs on the process's first thread, m0, with its scheduling
// goroutine g0 on the OS stack. After check, args and osinit it calls schedinit, which sets
// up the heap and m0; newproc(mainPC), which makes the main goroutine and queues it; and
// mstart, which never returns: mstart0 and mstart1 finish the thread's set-up (stack
// guards, signal stack, signal handlers) and call schedule, which takes the main goroutine
// off the queue, and execute, which switches to it with gogo. It starts in runtime.main,
// which initialises the packages, calls main.main and exits.
//
// Today there is one M and no P, and the main goroutine is the only one. The pieces are
// the ones an M:N scheduler (issue 11) builds on: goroutines move between the statuses of
// runtime2.go through casgstatus, wait for an M on a run queue (a gQueue), and an M runs
// them from schedule with execute.

package runtime

import "unsafe"

var (
	// m0 is the process's first thread and g0 its scheduling goroutine, which runs on the
	// OS stack; asm_amd64.s links them to each other.
	m0 m
	g0 g

	// mainStarted is set once the main goroutine runs: from then on newproc may need a
	// thread to run a new goroutine (issue 11).
	mainStarted bool

	// fastrandseed holds the kernel's random bytes (AT_RANDOM), to seed per-M random
	// numbers (map iteration order and hash seeds will need them).
	fastrandseed uintptr
)

// Go's 64-bit stack limit, in decimal so that the stack overflow message reads well
// ("goroutine stack exceeds 1000000000-byte limit"). Go: runtime/proc.go main.
const maxGoroutineStack = 1000000000

// Go's limit on the number of threads a program may create (runtime/debug.SetMaxThreads).
const defaultMaxThreads = 10000

// main_main is the program's main.main.
//
//go:linkname main_main main.main
func main_main()

// main_init is the main package's initialiser, which the compiler generates: the packages
// main imports first, then main's package-level variables in dependency order and its
// init functions (the work of Go's main package inittask).
//
//go:linkname main_init main.init
func main_init()

// main is the main goroutine's function (mainPC): it initialises the program, runs
// main.main, and ends the process with status 0 when main.main returns.
func main() {
	if getg().m != &m0 {
		throw("runtime.main not on m0")
	}
	maxstacksize = maxGoroutineStack
	mainStarted = true

	main_init()
	main_main()

	exit(0)
	for {
		// exit_group does not return; should it, crash rather than run on.
		abort()
	}
}

// schedinit prepares the runtime on g0, before any goroutine exists: it checks the
// linker's tables, sets up the heap (os.Args and everything after need it), seeds random
// numbers and registers m0. rt0_go calls it after osinit.
func schedinit() {
	sched.maxmcount = defaultMaxThreads

	moduledataverify()
	mallocinit()
	seedrandom()
	mcommoninit(getg().m, -1)
	alginit()
	itabsinit()
	goargs()
	goenvs()
	parsetraceback()
	procsinit()
}

// seedrandom takes fastrandseed from the kernel's random bytes, when it gave some.
func seedrandom() {
	if r := startupRandomData; r != nil {
		fastrandseed = *(*uintptr)(unsafe.Pointer(r))
	}
}

// mcommoninit registers a new M: its ID (the next free one when id is negative), its
// signal goroutine, and its place on the allm list.
func mcommoninit(mp *m, id int64) {
	if id < 0 {
		id = newmID()
	}
	mp.id = id
	fastrandinit(mp)
	mpreinit(mp)
	mp.alllink = allm
	allm = mp
}

// newmID hands out M IDs in order, and stops the program when there would be more
// threads than sched.maxmcount allows, as Go does.
func newmID() int64 {
	id := sched.mnext
	if id+1 < id {
		throw("runtime: thread ID overflow")
	}
	sched.mnext = id + 1
	if live := sched.mnext - sched.nmfreed; live > int64(sched.maxmcount) {
		print("runtime: program exceeds ", sched.maxmcount, "-thread limit\n")
		throw("thread exhaustion")
	}
	return id
}

// newproc makes a goroutine that will run fn and queues it to run next: rt0_go calls it
// with mainPC to make the main goroutine, and the go statement calls it with a funcval
// that calls the statement's function with the arguments it evaluated. Go:
// runtime/proc.go newproc.
func newproc(fn *funcval) {
	pc := callerpc(getfp())
	runqput(newproc1(fn, getg(), pc), true)
	if mainStarted {
		armPreemption()
	}
}

// newproc1 makes a goroutine, runnable, whose first instruction will be fn's: on a stack of
// its own it looks as if fn had just been called from goexit, so that fn's return takes it
// to goexit. callerpc is the go statement that made it, for tracebacks' "created by".
func newproc1(fn *funcval, callergp *g, callerpc uintptr) *g {
	if fn == nil {
		throw("go of nil func value")
	}
	// The new g stays _Gidle (or _Gdead, reused), which nothing else looks at, until it
	// is ready to run.
	gp := gfget()
	if gp == nil {
		gp = malg(goroutineStackSize)
		casgstatus(gp, _Gidle, _Gdead)
		allgadd(gp)
	}

	// The top 32 bytes stay unused (room for a frame that peeks above its own, as Go
	// leaves). stack.hi is page aligned, so with the return address pushed below them fn
	// starts with SP 8 mod 16, as at any System V call.
	var buf gobuf
	buf.sp = gp.stack.hi - 32
	buf.pc = goexitPC()
	buf.g = gp
	buf.bp = 0 // the frame-pointer chain of the new stack ends here
	gostartcallfn(&buf, fn)
	gp.sched = buf
	gp.stktopsp = buf.sp + 8
	gp.gopc = callerpc
	gp.startpc = fn.fn
	gp.waitreason = waitReasonZero

	sched.goidgen++
	gp.goid = int64(sched.goidgen) // 1 for the main goroutine
	casgstatus(gp, _Gdead, _Grunnable)
	return gp
}

// gostartcallfn makes buf look as if it had called fn from buf.pc and not yet run fn's
// first instruction: buf.pc becomes the return address on the stack, and fn's code and
// closure context go in buf.pc and buf.ctxt.
func gostartcallfn(buf *gobuf, fn *funcval) {
	buf.sp -= 8
	*(*uintptr)(unsafe.Pointer(buf.sp)) = buf.pc
	buf.pc = fn.fn
	buf.ctxt = unsafe.Pointer(fn)
}

// allgadd records a new g in allgs, where tracebacks and NumGoroutine find it.
func allgadd(gp *g) {
	allgs = append(allgs, gp)
}

// gfput keeps the dead goroutine gp for reuse by a later go statement, with its stack, as
// Go's gfput keeps goroutines of the starting stack size.
func gfput(gp *g) {
	stackshrink(gp.stack) // what a stack grew to is given back (stack.go)
	sched.gfree.pushBack(gp)
}

// gfget returns a dead goroutine to reuse, or nil.
func gfget() *g {
	return sched.gfree.popFront()
}

// malg allocates a g with a stack of stacksize bytes (the signal goroutine's stack is the
// alternate signal stack).
func malg(stacksize uintptr) *g {
	gp := (*g)(mallocgc(unsafe.Sizeof(g{}), nil, true))
	stackalloc(&gp.stack, stacksize)
	gp.stackguard0 = stackguard(gp.stack)
	gp.stackguard1 = ^uintptr(0) // only g0 may run the runtime's system-stack code
	return gp
}

// stackguard is the lowest SP a function may extend a goroutine's stack s to before the
// stack must grow: _StackGuard above its bottom, room for the runtime's own small frames.
func stackguard(s stack) uintptr {
	return s.lo + _StackGuard
}

func readgstatus(gp *g) uint32 {
	return gp.atomicstatus
}

// casgstatus moves gp from status from to status to, and throws if gp was not in from.
// (One thread: a plain store. With Ms running in parallel this becomes a compare-and-swap.)
func casgstatus(gp *g, from, to uint32) {
	if gp.atomicstatus != from {
		print("runtime: casgstatus: goroutine ", gp.goid, " is ", gstatusString(gp.atomicstatus), ", not ", gstatusString(from), " (to ", gstatusString(to), ")\n")
		throw("casgstatus: bad incoming values")
	}
	gp.atomicstatus = to
}

// runqput queues gp to run on this M: as the next goroutine to run when next is set (a
// new goroutine, or one goready woke), pushing the goroutine that was next to the queue's
// tail, else at the queue's tail. Go: runtime/proc.go runqput.
func runqput(gp *g, next bool) {
	if next {
		old := sched.runnext
		sched.runnext = gp
		if old == nil {
			return
		}
		gp = old
	}
	sched.runq.pushBack(gp)
}

// runqget takes the next goroutine to run from the P's queues: runnext first, then the
// local queue. Go: runtime/proc.go runqget.
func runqget() *g {
	if gp := sched.runnext; gp != nil {
		sched.runnext = nil
		return gp
	}
	return sched.runq.popFront()
}

// globrunqput adds gp at the end of the global run queue.
func globrunqput(gp *g) {
	sched.globrunq.pushBack(gp)
}

// globrunqget removes and returns the goroutine at the head of the global run queue, or nil.
func globrunqget() *g {
	return sched.globrunq.popFront()
}

// pushBack links gp after the last goroutine of q.
func (q *gQueue) pushBack(gp *g) {
	gp.schedlink = nil
	if last := q.tail; last != nil {
		last.schedlink = gp
	} else {
		q.head = gp
	}
	q.tail = gp
	q.n++
}

// popFront unlinks and returns the first goroutine of q, or nil if q is empty.
func (q *gQueue) popFront() *g {
	first := q.head
	if first == nil {
		return nil
	}
	if next := first.schedlink; next != nil {
		q.head = next
	} else {
		q.head = nil
		q.tail = nil
	}
	first.schedlink = nil
	q.n--
	return first
}

// mstart0 is where a new M starts running Go code (mstart, in assembly, calls it on g0's
// stack): with g0's stack bounds known (rt0_go set m0's), it arms the stack guards and
// goes on in mstart1, which does not return.
func mstart0() {
	gp := getg()
	if gp.stack.hi == 0 {
		throw("mstart0: g0 has no stack")
	}
	gp.stackguard0 = stackguard(gp.stack)
	gp.stackguard1 = gp.stackguard0 // g0 is the goroutine that may run system-stack code
	mstart1()
	throw("mstart1 returned")
}

// mstart1 saves where g0 left off, sets the thread up (minit: signal stack, thread ID)
// and, on m0, installs the signal handlers, then enters the scheduler.
func mstart1() {
	gp := getg()
	if gp != gp.m.g0 {
		throw("bad runtime·mstart")
	}

	// g0.sched is where the scheduler resumes on g0 when a goroutine gives up its M
	// (issue 11): right after mstart1's call in mstart0, with mstart0's stack pointer. The
	// frame pointer gives both: the return address at fp+8, and the caller's SP above it.
	fp := getfp()
	gp.sched.g = gp
	gp.sched.pc = callerpc(fp)
	if validfp(gp, fp) {
		gp.sched.sp = fp + 16
	}

	minit()
	if gp.m == &m0 {
		// After minit, so that a signal finds the signal stack ready.
		initsig(false)
	}
	schedule()
}

// schedule runs the next runnable goroutine on this M; it does not return. First the
// timers that are due fire (they may make goroutines runnable). Then one time in 61 the
// global queue comes first, so that goroutines there (those that called Gosched) are not
// starved by two that keep waking each other; otherwise runnext, the local queue and then
// the global queue. With nothing to run, the M sleeps until the next timer; with no timer
// either, no goroutine can ever become runnable again: a deadlock (checkdead). Go:
// runtime/proc.go schedule and findRunnable.
func schedule() {
	mp := getg().m
	if mp.locks != 0 {
		throw("schedule: holding locks")
	}
	for {
		next := int64(-1)
		if len(timers) > 0 {
			next = runtimers(nanotime())
		}
		mp.schedtick++
		var gp *g
		if mp.schedtick%61 == 0 && sched.globrunq.n > 0 {
			gp = globrunqget()
		}
		if gp == nil {
			gp = runqget()
		}
		if gp == nil {
			gp = globrunqget()
		}
		if gp != nil {
			execute(gp)
		}
		if next < 0 {
			checkdead()
		}
		sleepUntil(next)
	}
}

// checkdead ends the program when no goroutine can run: Go's words, then every
// goroutine's traceback (dopanic_m on g0 lists them all). Go: runtime/proc.go checkdead.
func checkdead() {
	n := 0
	for _, gp := range allgs {
		if s := readgstatus(gp); s == _Gwaiting || s == _Grunnable {
			n++
		}
	}
	if n == 0 {
		// The main goroutine exits the process when main.main returns, so every
		// goroutine gone means runtime.Goexit on the main goroutine.
		fatal("no goroutines (main called runtime.Goexit) - deadlock!")
	}
	fatal("all goroutines are asleep - deadlock!")
}

// execute switches this M to gp; it does not return.
func execute(gp *g) {
	mp := getg().m
	mp.curg = gp
	gp.m = mp
	casgstatus(gp, _Grunnable, _Grunning)
	gp.waitsince = 0
	gp.preempt = false
	gp.stackguard0 = stackguard(gp.stack)
	gogo(&gp.sched)
}

// mcall switches from the current goroutine to the M's g0 stack and calls fn(gp), gp being
// the goroutine it left, which fn either parks, queues or ends; fn must not return. The
// goroutine's registers stay on its stack and its place in gp.sched, so that gogo(&gp.sched)
// later returns from mcall to its caller. In asm_amd64.s. Go: runtime/stubs.go mcall.
func mcall(fn func(*g))

// dropg unlinks the M from the goroutine it was running. Go: runtime/proc.go dropg.
func dropg() {
	mp := getg().m
	if mp.curg != nil {
		mp.curg.m = nil
		mp.curg = nil
	}
}

// gopark parks the current goroutine: it waits (reason says for what, in tracebacks) until
// goready makes it runnable. unlockf, if not nil, runs on g0 once the goroutine is off its
// stack, with lock; if it returns false the goroutine goes on at once. This is how a
// channel operation releases the channel's lock only after the goroutine is parked, so that
// the goroutine waking it can never find it half-parked (with one M this cannot happen
// yet, but the order is the one Ms in parallel need). Go: runtime/proc.go gopark.
func gopark(unlockf func(*g, unsafe.Pointer) bool, lock unsafe.Pointer, reason waitReason) {
	mp := getg().m
	gp := mp.curg
	if s := readgstatus(gp); s != _Grunning {
		throw("gopark: the goroutine is not running")
	}
	mp.waitlock = lock
	mp.waitunlockf = unlockf
	gp.waitreason = reason
	mcall(park_m)
}

// goparkunlock is gopark releasing the runtime lock l once parked.
func goparkunlock(l *mutex, reason waitReason) {
	gopark(parkunlock_c, unsafe.Pointer(l), reason)
}

func parkunlock_c(gp *g, l unsafe.Pointer) bool {
	unlock((*mutex)(l))
	return true
}

// park_m is gopark's second half, on g0. Go: runtime/proc.go park_m.
func park_m(gp *g) {
	mp := getg().m
	casgstatus(gp, _Grunning, _Gwaiting)
	dropg()
	if fn := mp.waitunlockf; fn != nil {
		ok := fn(gp, mp.waitlock)
		mp.waitunlockf = nil
		mp.waitlock = nil
		if !ok {
			casgstatus(gp, _Gwaiting, _Grunnable)
			execute(gp)
		}
	}
	schedule()
}

// goready makes the parked goroutine gp runnable, to run next after the current one.
// Go: runtime/proc.go goready and ready.
func goready(gp *g) {
	if s := readgstatus(gp); s != _Gwaiting {
		print("runtime: goready: goroutine ", gp.goid, " is ", gstatusString(s), "\n")
		throw("goready: the goroutine is not waiting")
	}
	casgstatus(gp, _Gwaiting, _Grunnable)
	runqput(gp, true)
}

// Gosched yields the processor: the goroutine goes to the global run queue and another
// runs. Go: runtime/proc.go Gosched.
func Gosched() {
	mcall(gosched_m)
}

func gosched_m(gp *g) {
	casgstatus(gp, _Grunning, _Grunnable)
	dropg()
	globrunqput(gp)
	schedule()
}

// NumGoroutine returns the number of goroutines that exist: made and not yet exited.
func NumGoroutine() int {
	n := 0
	for _, gp := range allgs {
		if s := readgstatus(gp); s != _Gdead && s != _Gidle {
			n++
		}
	}
	return n
}

// goexit1 is where a goroutine's function returns to (through goexit), and where Goexit
// ends: the goroutine is done. Go: runtime/proc.go goexit1.
func goexit1() {
	mcall(goexit0)
}

// goexit0 ends gp on g0: it becomes _Gdead, forgets its state, and waits on the free list
// for a later go statement. Go: runtime/proc.go goexit0.
func goexit0(gp *g) {
	casgstatus(gp, _Grunning, _Gdead)
	dropg()
	gp.m = nil
	gp._panic = nil
	gp.waiting = nil
	gp.param = nil
	gp.waitreason = waitReasonZero
	gp.sig = 0
	gfput(gp)
	schedule()
}

// badmcall and badmcall2 report mcall misused: called on g0, or fn returned.
func badmcall() {
	throw("runtime: mcall on g0, which has nothing to leave")
}

func badmcall2() {
	throw("runtime: the function mcall runs returned")
}
