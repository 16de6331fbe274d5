// The scheduler, from the end of rt0_go to main.main.
//
// rt0_go (asm_amd64.s) runs on the process's first thread, m0, with its scheduling
// goroutine g0 on the OS stack. After check, args and osinit it calls schedinit, which sets
// up the heap, m0 and the Ps (m0 takes P0); newproc(mainPC), which makes the main goroutine
// and queues it; and mstart, which never returns: mstart0 and mstart1 finish the thread's
// set-up (stack guards, signal stack, signal handlers) and call schedule, which takes the
// main goroutine off the queue, and execute, which switches to it with gogo. It starts in
// runtime.main, which starts sysmon, initialises the packages, calls main.main and exits.
//
// Goroutines run on Go's G/M/P model: an M is an OS thread (made with clone, newosproc),
// and runs goroutines only while it holds a P, of which there are GOMAXPROCS. Each P has a
// local run queue; a goroutine made or woken goes on the current P's, and an idle P gets an
// M (wakep) to run it. An M whose P has nothing queued takes from the global queue, then
// steals half of another P's queue; finding nothing it gives its P back and sleeps on its
// park note (stopm) until startm hands it a P again. One M at a time waits for the next
// timer instead (time.go). When every M is idle and no timer is pending, no goroutine can
// ever run again: checkdead reports the deadlock. Go: runtime/proc.go, whose design (and
// names) this follows; the code is tbuild's.

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
	startSysmon()

	main_init()
	main_main()

	if atomicload(&panicking) != 0 {
		// A goroutine's fatal report is being printed: it ends the process, with its
		// status. Go: runtime/proc.go main (waitReasonPanicWait).
		gopark(nil, nil, waitReasonPanicWait)
	}
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
	gcinit()
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
	lock(&sched.lock)
	if id < 0 {
		id = newmID()
	}
	mp.id = id
	unlock(&sched.lock)
	fastrandinit(mp)
	mpreinit(mp)
	lock(&sched.lock)
	mp.alllink = allm
	atomicstorep(unsafe.Pointer(&allm), unsafe.Pointer(mp))
	unlock(&sched.lock)
}

// newmID hands out M IDs in order, and stops the program when there would be more
// threads than sched.maxmcount allows, as Go does. sched.lock must be held.
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

// newproc makes a goroutine that will run fn and queues it to run next on the current P:
// rt0_go calls it with mainPC to make the main goroutine, and the go statement calls it
// with a funcval that calls the statement's function with the arguments it evaluated. An
// idle P then gets an M to run the goroutine the current one keeps running past. Go:
// runtime/proc.go newproc.
func newproc(fn *funcval) {
	pc := callerpc(getfp())
	mp := getg().m
	runqput(mp.p, newproc1(fn, getg(), pc), true)
	if mainStarted {
		preemptWanted = true
		if !mp.ptimer {
			// The creator runs on past the statement, perhaps without ever scheduling
			// again (main spinning until a goroutine's result comes): its M must be
			// preemptible too, not only the Ms that start goroutines from now on.
			armPreemption()
		}
		wakep()
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
	gp.goid = int64(atomicxadd64(&sched.goidgen, 1)) // 1 for the main goroutine
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
	lock(&allglock)
	allgs = append(allgs, gp)
	unlock(&allglock)
}

// gfput keeps the dead goroutine gp for reuse by a later go statement, with its stack, as
// Go's gfput keeps goroutines of the starting stack size: on the current P's free list,
// which gives half of itself to the global one when it reaches 64, so that Ps that only
// end goroutines feed those that only start them.
func gfput(gp *g) {
	stackshrink(gp.stack) // what a stack grew to is given back (stack.go)
	pp := getg().m.p
	pp.gFree.pushBack(gp)
	if pp.gFree.n >= 64 {
		lock(&sched.gFreeLock)
		for pp.gFree.n >= 32 {
			sched.gfree.pushBack(pp.gFree.popFront())
		}
		unlock(&sched.gFreeLock)
	}
}

// gfget returns a dead goroutine to reuse, or nil: from the current P's free list, which
// first takes up to 32 from the global one when empty.
func gfget() *g {
	pp := getg().m.p
	if pp.gFree.n == 0 && sched.gfree.size() > 0 {
		lock(&sched.gFreeLock)
		for pp.gFree.n < 32 {
			gp := sched.gfree.popFront()
			if gp == nil {
				break
			}
			pp.gFree.pushBack(gp)
		}
		unlock(&sched.gFreeLock)
	}
	return pp.gFree.popFront()
}

// malg allocates a g with a stack of stacksize bytes (the signal goroutine's stack is the
// alternate signal stack).
func malg(stacksize uintptr) *g {
	gp := (*g)(mallocRuntime(unsafe.Sizeof(g{})))
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
	return atomicload(&gp.atomicstatus)
}

// casgstatus moves gp from status from to status to, and throws if gp was not in from.
func casgstatus(gp *g, from, to uint32) {
	if !atomiccas(&gp.atomicstatus, from, to) {
		s := readgstatus(gp)
		print("runtime: casgstatus: goroutine ", gp.goid, " is ", gstatusString(s), ", not ", gstatusString(from), " (to ", gstatusString(to), ")\n")
		throw("casgstatus: bad incoming values")
	}
}

// mstart0 is where a new M starts running Go code (mstart, in assembly, calls it on g0's
// stack): with g0's stack bounds known (rt0_go set m0's, malg a new M's), it arms the stack
// guards and goes on in mstart1, which does not return.
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

// mstart1 saves where g0 left off, sets the thread up (minit: signal stack and mask,
// thread ID) and, on m0, installs the signal handlers; a new M takes the P startm gave it.
// Then the M enters the scheduler.
func mstart1() {
	gp := getg()
	if gp != gp.m.g0 {
		throw("bad runtime·mstart")
	}

	// g0.sched is where the scheduler resumes on g0 when a goroutine gives up its M:
	// right after mstart1's call in mstart0, with mstart0's stack pointer. The frame
	// pointer gives both: the return address at fp+8, and the caller's SP above it.
	fp := getfp()
	gp.sched.g = gp
	gp.sched.pc = callerpc(fp)
	if validfp(gp, fp) {
		gp.sched.sp = fp + 16
	}

	minit()
	mp := gp.m
	if mp == &m0 {
		// After minit, so that a signal finds the signal stack ready.
		initsig(false)
	} else if mp.sysmon {
		sysmon()
	} else if mp.gcworker {
		gcHelper()
	} else {
		acquirep(mp.nextp)
		mp.nextp = nil
	}
	schedule()
}

// schedule runs the next runnable goroutine on this M; it does not return. findRunnable
// waits, sleeping the M if need be, until there is one. Go: runtime/proc.go schedule.
func schedule() {
	mp := getg().m
	if mp.locks != 0 {
		throw("schedule: holding locks")
	}
	if mp.lockedg != nil {
		// The M's goroutine is wired to it (LockOSThread): it runs nothing else, and
		// waits for that one to be runnable again.
		stoplockedm()
		execute(mp.lockedg, false)
	}
top:
	for atomicload(&freezing) != 0 {
		// A fatal report is being printed (panic.go): run nothing more.
		futexsleep(&freezing, 1, -1)
	}
	gp, inheritTime := findRunnable()
	if mp.spinning {
		resetspinning()
	}
	if gp.lockedm != nil {
		// Wired to another M: that M runs it, with this M's P.
		startlockedm(gp)
		goto top
	}
	execute(gp, inheritTime)
}

// findRunnable returns a goroutine for this M to run, and whether it inherits the time
// slice (runnext). First the P's timers that are due fire (they may make goroutines
// runnable);
// then one time in 61 the global queue comes first, so that goroutines there are not
// starved by two that keep waking each other; then the P's own queue, the global queue,
// and the other Ps' queues (stealWork, by a spinning M, of which there are at most half
// as many as busy Ps), then the due timers of every P. Finding nothing, the M gives its P
// back, and either waits for the
// next timer (one M at a time) or sleeps until startm gives it a P again. Go:
// runtime/proc.go findRunnable.
func findRunnable() (*g, bool) {
	mp := getg().m
top:
	if atomicload(&sched.gcwaiting) != 0 {
		// The world is being stopped (stw.go).
		gcstopm()
		goto top
	}
	pp := mp.p
	if pp.id >= atomicloadInt32(&gomaxprocs) && retirep() {
		// GOMAXPROCS was lowered below this P, which is retired now.
		stopm()
		goto top
	}
	checkTimers(pp)

	if pp.schedtick%61 == 0 && sched.runq.size() > 0 {
		lock(&sched.lock)
		gp := globrunqget(pp, 1)
		unlock(&sched.lock)
		if gp != nil {
			return gp, false
		}
	}
	if gp, inheritTime := runqget(pp); gp != nil {
		return gp, inheritTime
	}
	if sched.runq.size() > 0 {
		lock(&sched.lock)
		gp := globrunqget(pp, 0)
		unlock(&sched.lock)
		if gp != nil {
			return gp, false
		}
	}

	procs := uint32(atomicloadInt32(&gomaxprocs))
	if mp.spinning || 2*atomicload(&sched.nmspinning) < procs-atomicload(&sched.npidle) {
		if !mp.spinning {
			mp.spinning = true
			atomicxadd(&sched.nmspinning, 1)
		}
		if gp := stealWork(pp); gp != nil {
			return gp, false
		}
	}

	// The due timers of the other Ps (an idle one's have no M to run them) may ready a
	// goroutine here.
	if w := earliestTimer(); w != 0 && w <= nanotime() {
		checkAllTimers()
		if !runqempty(pp) {
			goto top
		}
	}

	// Nothing else to run: the sweeper's turn, if a collection left spans to sweep.
	if gp := takeSweeper(); gp != nil {
		return gp, false
	}

	// Nothing to run: give the P back, unless the global queue got something meanwhile
	// or the world is being stopped (then the P stops instead of going idle).
	lock(&sched.lock)
	if sched.gcwaiting != 0 {
		unlock(&sched.lock)
		goto top
	}
	if sched.runq.n != 0 {
		gp := globrunqget(pp, 0)
		unlock(&sched.lock)
		return gp, false
	}
	releasep()
	pidleput(pp)
	unlock(&sched.lock)

	// A spinning M that stops must look once more at every queue: a goroutine queued
	// after it looked, by an M that saw it spinning and so woke no other, would be left
	// behind (Go's findRunnable explains the race at length).
	if mp.spinning {
		mp.spinning = false
		if int32(atomicxadd(&sched.nmspinning, -1)) < 0 {
			throw("findrunnable: negative nmspinning")
		}
		if anyRunqNotEmpty() {
			lock(&sched.lock)
			pp = pidleget()
			unlock(&sched.lock)
			if pp != nil {
				acquirep(pp)
				mp.spinning = true
				atomicxadd(&sched.nmspinning, 1)
				goto top
			}
		}
	}

	if waitForTimer() {
		goto top
	}
	stopm()
	goto top
}

// execute switches this M to gp; it does not return. A goroutine that does not inherit the
// current time slice starts a new scheduling tick.
func execute(gp *g, inheritTime bool) {
	mp := getg().m
	mp.curg = gp
	gp.m = mp
	casgstatus(gp, _Grunnable, _Grunning)
	gp.waitsince = 0
	gp.preempt = false
	gp.stackguard0 = stackguard(gp.stack)
	if !inheritTime {
		mp.p.schedtick++
	}
	if preemptWanted && !mp.ptimer {
		armPreemption()
	}
	gogo(&gp.sched)
}

// checkdead ends the program when no goroutine can run: every M is idle, so no goroutine
// runs, and no timer is pending to wake one; then Go's words, and every goroutine's
// traceback (dopanic_m on g0 lists them all). sched.lock must be held. Go:
// runtime/proc.go checkdead.
func checkdead() {
	run := mcount() - sched.nmidle - sched.nmidlelocked - sched.nmsys
	if run > 0 {
		return
	}
	if run < 0 {
		print("runtime: checkdead: nmidle=", sched.nmidle, " mcount=", mcount(), "\n")
		throw("checkdead: inconsistent counts")
	}
	n := 0
	for _, gp := range allgs {
		if isSystemGoroutine(gp) {
			continue
		}
		switch readgstatus(gp) {
		case _Gwaiting:
			n++
		case _Grunnable, _Grunning, _Gsyscall:
			print("runtime: checkdead: goroutine ", gp.goid, " is ", gstatusString(readgstatus(gp)), " with every M idle\n")
			throw("checkdead: runnable g")
		}
	}
	if n == 0 {
		// The main goroutine exits the process when main.main returns, so every
		// goroutine gone means runtime.Goexit on the main goroutine.
		fatal("no goroutines (main called runtime.Goexit) - deadlock!")
	}
	if earliestTimer() != 0 {
		// A timer will make a goroutine runnable: wake the M that is going idle (the
		// caller, in stopm) with a P to wait for it.
		pp := pidleget()
		mp := mget()
		if pp == nil || mp == nil {
			throw("checkdead: no M or P for the timers")
		}
		mp.nextp = pp
		notewakeup(&mp.park)
		return
	}
	fatal("all goroutines are asleep - deadlock!")
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
// the goroutine waking it, on another M, can never find it half-parked. Go:
// runtime/proc.go gopark.
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
			execute(gp, true)
		}
	}
	schedule()
}

// goready makes the parked goroutine gp runnable, to run next after the current one on
// this P, and wakes an idle P's M to run the rest. Go: runtime/proc.go goready and ready.
func goready(gp *g) {
	if s := readgstatus(gp); s != _Gwaiting {
		print("runtime: goready: goroutine ", gp.goid, " is ", gstatusString(s), "\n")
		throw("goready: the goroutine is not waiting")
	}
	casgstatus(gp, _Gwaiting, _Grunnable)
	runqput(getg().m.p, gp, true)
	wakep()
}

// A parkedG is one of the runtime's own goroutines (the sweeper, the forcegc goroutine)
// that parks whenever it has nothing to do, and that whoever has work for it takes back:
// the goroutine, whether it is parked, and the lock that guards the two.
type parkedG struct {
	lock   mutex
	gp     *g
	parked bool
}

// start makes the goroutine, to run fn, parked with reason until take.
//
//go:noinline
func (p *parkedG) start(fn func(), reason waitReason) {
	gp := newproc1(*(**funcval)(unsafe.Pointer(&fn)), getg(), callerpc(getfp()))
	gp.waitreason = reason
	casgstatus(gp, _Grunnable, _Gwaiting)
	lock(&p.lock)
	p.gp = gp
	p.parked = true
	unlock(&p.lock)
}

// take returns the goroutine, made runnable, if it is parked; else nil (it runs, or is
// queued to). The caller queues it.
func (p *parkedG) take() *g {
	lock(&p.lock)
	gp := p.gp
	if !p.parked {
		gp = nil
	}
	p.parked = false
	unlock(&p.lock)
	if gp != nil {
		casgstatus(gp, _Gwaiting, _Grunnable)
	}
	return gp
}

// park parks the calling goroutine, p's, with reason.
func (p *parkedG) park(reason waitReason) {
	lock(&p.lock)
	p.parked = true
	goparkunlock(&p.lock, reason)
}

// Gosched yields the processor: the goroutine goes to the global run queue and another
// runs. Go: runtime/proc.go Gosched.
func Gosched() {
	mcall(gosched_m)
}

func gosched_m(gp *g) {
	casgstatus(gp, _Grunning, _Grunnable)
	dropg()
	lock(&sched.lock)
	globrunqput(gp)
	unlock(&sched.lock)
	schedule()
}

// NumGoroutine returns the number of goroutines that exist: made and not yet exited.
func NumGoroutine() int {
	n := 0
	lock(&allglock)
	for _, gp := range allgs {
		if s := readgstatus(gp); s != _Gdead && s != _Gidle && !isSystemGoroutine(gp) {
			n++
		}
	}
	unlock(&allglock)
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
	mp := getg().m
	locked := gp.lockedm != nil
	gp.lockedm = nil
	mp.lockedg = nil
	mp.lockedExt = 0
	casgstatus(gp, _Grunning, _Gdead)
	dropg()
	gp.m = nil
	gp._panic = nil
	gp.waiting = nil
	gp.param = nil
	gp.waitreason = waitReasonZero
	gp.sig = 0
	gp.paniconfault = false
	gfput(gp)
	if locked {
		// A goroutine that exits wired to its thread takes the thread with it (Go 1.10+):
		// whatever it did to the thread must not leak to other goroutines.
		mexit()
	}
	schedule()
}

// badmcall and badmcall2 report mcall misused: called on g0, or fn returned.
func badmcall() {
	throw("runtime: mcall on g0, which has nothing to leave")
}

func badmcall2() {
	throw("runtime: the function mcall runs returned")
}

// debug_setMaxThreads is runtime/debug.SetMaxThreads: the thread limit from now on, checked
// when the next thread is made. Go: runtime/proc.go setMaxThreads.
func debug_setMaxThreads(threads int) int {
	lock(&sched.lock)
	prev := int(sched.maxmcount)
	if threads > 0x7fffffff {
		sched.maxmcount = 0x7fffffff
	} else {
		sched.maxmcount = int32(threads)
	}
	if live := sched.mnext - sched.nmfreed; live > int64(sched.maxmcount) {
		print("runtime: program exceeds ", sched.maxmcount, "-thread limit\n")
		throw("thread exhaustion")
	}
	unlock(&sched.lock)
	return prev
}
