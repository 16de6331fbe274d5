// The scheduler and the boot sequence after rt0_go: schedinit, newproc, mstart, schedule,
// execute, and runtime.main, the main goroutine's entry function.
//
// Go: runtime/proc.go. tbuild runs one M (m0, the process's thread) and no Ps yet: runnable
// goroutines wait on the global run queue sched.runq, and the only goroutine is the main
// one, so there is no sysmon, no work stealing, no preemption and no goroutine exit.

package runtime

import "unsafe"

var (
	m0 m // the bootstrap M: the process's first thread (asm_amd64.s gives it m0.g0 = &g0)
	g0 g // m0's scheduling goroutine, running on the OS stack (g0.m = &m0 likewise)

	// mainStarted indicates that the main M has started. Go: runtime/proc.go.
	mainStarted bool

	// fastrandseed is initialized from AT_RANDOM's bytes. Go: runtime/proc.go.
	fastrandseed uintptr
)

// main_main is the program's main.main. Go: runtime/proc.go.
//
//go:linkname main_main main.main
func main_main()

// main_init is the main package's initialiser, which the compiler generates: it runs the
// initialisers of the packages main imports, then main's variable initialisers in
// dependency order and its init functions (Go: the main package's inittask, run by doInit).
//
//go:linkname main_init main.init
func main_init()

// main is the main goroutine's entry function (runtime.main, reached through mainPC).
// Go: runtime/proc.go main. Left out: maxstackceiling, sysmon, lockOSThread during init,
// gcenable, and waiting for panicking goroutines. Package initialisation is one call to
// main.init, which initialises main's imports first.
func main() {
	gp := getg()
	if gp.m != &m0 {
		throw("runtime.main not on m0")
	}
	// Max stack size is 1 GB on 64-bit, 250 MB on 32-bit.
	// Using decimal instead of binary GB and MB because
	// they look nicer in the stack overflow failure message.
	maxstacksize = 1000000000

	mainStarted = true

	main_init()
	main_main()

	exit(0)
	for {
		abort()
	}
}

// schedinit initialises the scheduler and the runtime's data structures; rt0_go calls it on
// g0 after osinit. Go: runtime/proc.go schedinit. Left out: lock ranks, race, stackinit (no
// stack pools), cpuinit/alginit (no maps), modulesinit/typelinksinit/itabsinit (no types
// or interfaces), stkobjinit, sigsave, goenvs (no os.Getenv yet), parsedebugvars
// (GODEBUG), gcinit (no GC) and procresize (no Ps; GOMAXPROCS is not read).
func schedinit() {
	gp := getg()

	sched.maxmcount = 10000

	moduledataverify()
	mallocinit()
	fastrandinit() // must run before mcommoninit
	mcommoninit(gp.m, -1)
	goargs()
}

// fastrandinit seeds fastrandseed from the kernel's AT_RANDOM bytes.
// Go: runtime/proc.go fastrandinit (getRandomData; the /dev/urandom fallback is left out).
func fastrandinit() {
	if startupRandomData != nil {
		fastrandseed = *(*uintptr)(unsafe.Pointer(startupRandomData))
	}
}

// mcommoninit gives mp an ID and its signal g, and links it on allm. Go: runtime/proc.go
// mcommoninit (the fastrand seeding and the cgo traceback buffer are left out).
func mcommoninit(mp *m, id int64) {
	if id >= 0 {
		mp.id = id
	} else {
		mp.id = mReserveID()
	}

	mpreinit(mp)

	// Add to allm so garbage collector doesn't free g->m when it is just in a register or
	// thread-local storage.
	mp.alllink = allm
	allm = mp
}

// mReserveID returns the next ID to use for a new m. Go: runtime/proc.go mReserveID.
func mReserveID() int64 {
	if sched.mnext+1 < sched.mnext {
		throw("runtime: thread ID overflow")
	}
	id := sched.mnext
	sched.mnext++
	checkmcount()
	return id
}

// Go: runtime/proc.go mcount.
func mcount() int32 {
	return int32(sched.mnext - sched.nmfreed)
}

// Go: runtime/proc.go checkmcount.
func checkmcount() {
	if mcount() > sched.maxmcount {
		print("runtime: program exceeds ", sched.maxmcount, "-thread limit\n")
		throw("thread exhaustion")
	}
}

// newproc creates a new goroutine running fn and puts it on the run queue; rt0_go calls it
// with mainPC to create the main goroutine. Go: runtime/proc.go newproc (which runs
// newproc1 on the system stack and puts the g in the P's runnext slot; the caller's PC,
// kept for "created by" lines, is not recorded).
func newproc(fn *funcval) {
	gp := getg()
	newg := newproc1(fn, gp, 0)
	globrunqput(newg)
}

// newproc1 creates a new g in state _Grunnable, starting at fn. callerpc is the address of
// the go statement that created it. Go: runtime/proc.go newproc1 (no free-g cache, allgs,
// race or trace hooks).
func newproc1(fn *funcval, callergp *g, callerpc uintptr) *g {
	if fn == nil {
		throw("go of nil func value")
	}
	newg := malg(goroutineStackSize)
	casgstatus(newg, _Gidle, _Gdead)

	// Leave 4 words above the entry frame, as Go does ("extra space in case of reads
	// slightly beyond frame"). With stack.hi 16-byte aligned, the entry function starts
	// with SP = hi-40, which is 8 mod 16: the System V alignment at function entry.
	totalSize := uintptr(4 * 8)
	sp := newg.stack.hi - totalSize

	newg.sched.sp = sp
	newg.stktopsp = sp
	newg.sched.pc = goexitPC() // the entry function returns to goexit+1 (Go: + PCQuantum)
	newg.sched.g = newg
	newg.sched.bp = 0 // ends the frame-pointer chain for tracebacks
	gostartcallfn(&newg.sched, fn)
	newg.gopc = callerpc
	newg.startpc = fn.fn
	casgstatus(newg, _Gdead, _Grunnable)

	sched.goidgen++
	newg.goid = int64(sched.goidgen) // the main goroutine is goroutine 1
	return newg
}

// gostartcallfn adjusts buf to look as if it executed a call to fn and then stopped before
// the first instruction of fn: buf.pc becomes fn's return address. Go: runtime/stack.go
// gostartcallfn and runtime/sys_x86.go gostartcall.
func gostartcallfn(buf *gobuf, fv *funcval) {
	sp := buf.sp
	sp -= 8
	*(*uintptr)(unsafe.Pointer(sp)) = buf.pc
	buf.sp = sp
	buf.pc = fv.fn
	buf.ctxt = unsafe.Pointer(fv)
}

// malg allocates a new g with a stack of stacksize bytes.
// Go: runtime/proc.go malg.
func malg(stacksize uintptr) *g {
	newg := (*g)(mallocgc(unsafe.Sizeof(g0), nil, true))
	stackalloc(&newg.stack, stacksize)
	newg.stackguard0 = newg.stack.lo + _StackGuard
	newg.stackguard1 = ^uintptr(0)
	return newg
}

// readgstatus returns gp's status. Go: runtime/proc.go readgstatus (an atomic load).
func readgstatus(gp *g) uint32 {
	return gp.atomicstatus
}

// casgstatus moves gp from status oldval to newval.
// Go: runtime/proc.go casgstatus (single thread: no CAS loop, no scan bit).
func casgstatus(gp *g, oldval, newval uint32) {
	if gp.atomicstatus != oldval {
		print("runtime: casgstatus: oldval=", gstatusString(oldval), " newval=", gstatusString(newval), "\n")
		throw("casgstatus: bad incoming values")
	}
	gp.atomicstatus = newval
}

// globrunqput puts gp on the tail of the global runnable queue.
// Go: runtime/proc.go globrunqput.
func globrunqput(gp *g) {
	gp.schedlink = nil
	if sched.runq.tail != nil {
		sched.runq.tail.schedlink = gp
	} else {
		sched.runq.head = gp
	}
	sched.runq.tail = gp
	sched.runqsize++
}

// globrunqget takes the g at the head of the global runnable queue, or returns nil.
// Go: runtime/proc.go globrunqget (which moves a batch to the P's local queue).
func globrunqget() *g {
	gp := sched.runq.head
	if gp == nil {
		return nil
	}
	sched.runq.head = gp.schedlink
	if sched.runq.head == nil {
		sched.runq.tail = nil
	}
	gp.schedlink = nil
	sched.runqsize--
	return gp
}

// mstart0 is the Go entry point for new Ms; mstart (assembly) calls it on g0's stack.
// Go: runtime/proc.go mstart0 (the OS-stack bounds for threads not started by the runtime,
// and mexit, are left out: m0's g0 stack was set up by rt0_go, and mstart1 never returns).
func mstart0() {
	gp := getg()
	if gp.stack.lo == 0 {
		throw("mstart0: g0 has no stack")
	}
	// Initialize stack guard so that we can start calling regular Go code.
	gp.stackguard0 = gp.stack.lo + _StackGuard
	// This is the g0, so we can also call go:systemstack functions, which check
	// stackguard1.
	gp.stackguard1 = gp.stackguard0
	mstart1()

	// mstart1 calls schedule, which never returns.
	throw("mstart1 returned")
}

// mstart1 records g0's scheduling context, initialises the thread and enters the scheduler.
// Go: runtime/proc.go mstart1 (m.mstartfn and acquirep are left out: no other Ms, no Ps).
func mstart1() {
	gp := getg()

	if gp != gp.m.g0 {
		throw("bad runtime·mstart")
	}

	// Set up m.g0.sched as a label returning to just after the mstart1 call in mstart0
	// above, for use by goexit0 and mcall. Go reads getcallerpc/getcallersp; tbuild reads
	// the same from mstart1's frame: the return address at 8(fp), the caller's SP at fp+16.
	fp := getfp()
	gp.sched.g = gp
	gp.sched.pc = callerpc(fp)
	if validfp(gp, fp) {
		gp.sched.sp = fp + 16
	}

	minit()

	// Install signal handlers; after minit so that minit can
	// prepare the thread to be able to handle the signals.
	if gp.m == &m0 {
		mstartm0()
	}

	schedule()
}

// mstartm0 implements part of mstart1 that only runs on the m0.
// Go: runtime/proc.go mstartm0 (there are no extra Ms for cgo callbacks).
func mstartm0() {
	initsig(false)
}

// schedule finds a runnable goroutine and executes it. Never returns.
// Go: runtime/proc.go schedule and findRunnable (only the global queue; with nothing to
// run Go's checkdead reports the deadlock).
func schedule() {
	mp := getg().m

	if mp.locks != 0 {
		throw("schedule: holding locks")
	}

	gp := globrunqget()
	if gp == nil {
		throw("no goroutines (main called runtime.Goexit) - deadlock!")
	}
	execute(gp)
}

// execute schedules gp to run on the current M. Never returns.
// Go: runtime/proc.go execute (no P, so no inheritTime or schedtick).
func execute(gp *g) {
	mp := getg().m

	// Assign gp.m before entering _Grunning so running Gs have an M.
	mp.curg = gp
	gp.m = mp
	casgstatus(gp, _Grunnable, _Grunning)
	gp.waitsince = 0
	gp.preempt = false
	gp.stackguard0 = gp.stack.lo + _StackGuard

	gogo(&gp.sched)
}

// goexit1 finishes the current goroutine; goexit calls it when a goroutine's entry function
// returns. Go: runtime/proc.go goexit1, which switches to g0 (mcall) and runs goexit0 to put
// the g on the free list and schedule again. tbuild runs only the main goroutine, whose
// entry function (runtime.main) exits the process instead of returning, so reaching
// goexit1 is a runtime bug.
func goexit1() {
	throw("goexit1: goroutine exit is not implemented")
}
