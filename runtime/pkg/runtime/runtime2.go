// Runtime types: g, m, gobuf, stack, schedt and the goroutine status constants.
//
// Go: runtime/runtime2.go. The field order of g and m follows Go's (leading fields first:
// the assembly reaches them through go_asm.h offsets, and debuggers expect Go's order); fields
// for features tbuild does not have yet (P, signals, GC, cgo, profiling, tracing) are left
// out. Go's guintptr/muintptr/puintptr become plain pointers: there is no write barrier yet.

package runtime

import "unsafe"

// Goroutine status. Go: runtime/runtime2.go _Gidle..._Gdead (the _Gscan bits are left out).
const (
	_Gidle = iota
	_Grunnable
	_Grunning
	_Gsyscall
	_Gwaiting
	_Gmoribund_unused
	_Gdead
)

// Stack describes a Go execution stack: [lo, hi).
// Go: runtime/runtime2.go stack.
type stack struct {
	lo uintptr
	hi uintptr
}

// Gobuf is the saved register state of a goroutine that is not running.
// Go: runtime/runtime2.go gobuf (g is a *g instead of guintptr).
type gobuf struct {
	sp   uintptr
	pc   uintptr
	g    *g
	ctxt unsafe.Pointer
	ret  uintptr
	lr   uintptr
	bp   uintptr
}

// A funcval is a Go function value: a pointer to {entry PC, closure data...}.
// Go: runtime/runtime2.go funcval.
type funcval struct {
	fn uintptr
}

// Go: runtime/runtime2.go g.
type g struct {
	stack       stack   // offset known to rt0_go (go_asm.h g_stack)
	stackguard0 uintptr // offset known to rt0_go (go_asm.h g_stackguard0)
	stackguard1 uintptr // offset known to rt0_go (go_asm.h g_stackguard1)

	_panic *_panic // the innermost panic in progress (panic.go)
	m      *m      // current m; offset known to rt0_go (go_asm.h g_m)
	sched  gobuf // saved context; gogo restores it

	syscallsp uintptr
	syscallpc uintptr
	stktopsp  uintptr // expected sp at top of stack, to check in traceback
	param     unsafe.Pointer

	atomicstatus uint32
	stackLock    uint32
	goid         int64
	schedlink    *g // next g on the run queue
	waitsince    int64
	waitreason   waitReason // why the goroutine is _Gwaiting
	preempt      bool
	// paniconfault makes a fault at an address the program never had a panic instead of
	// a crash (debug.SetPanicOnFault; sigpanic). Go: g.paniconfault.
	paniconfault bool
	sig          uint32  // signal that made the goroutine call sigpanic
	sigcode0     uintptr // its si_code
	sigcode1     uintptr // its fault address
	sigpc        uintptr // the faulting PC
	gopc         uintptr // pc of the go statement that created this goroutine
	startpc      uintptr // pc of goroutine function

	waiting *sudog // the sudog of the channel operation (or select's first) gp waits in
	// selectDone: a select's cases, on channels whose locks differ, compete to wake gp
	// by compare-and-swap from 0 to 1. Go: g.selectDone.
	selectDone uint32
	timer         *timer // time.Sleep's timer, made on the goroutine's first sleep
	lockedm       *m     // the M this goroutine is wired to (LockOSThread), or nil

	// writebuf, when not nil, takes what the goroutine prints (print.go printraw) in place
	// of standard error, up to its capacity: runtime.Stack's buffer. Go: g.writebuf.
	writebuf []byte

	// syscallregs holds the callee-saved registers (BX, R12-R14) at entersyscall, which
	// the collector scans while the goroutine is in its system call (mgc.go).
	syscallregs [4]uintptr
	gcing       bool // the goroutine is running a collection (mgc.go gcTrigger)
}

// A _defer is the record of one call of a function with defer statements, in its frame at
// the distance below the frame pointer that the function's deferInfo gives. The compiler
// writes it (codegen/src/compile/lower/defer.rs, which has the offsets; check() verifies
// them): its first two words at entry, nothing at exit. Nothing links it anywhere: a panic
// finds the records of the frames it unwinds by walking the frame pointers (panic.go), as
// Go's finds its open-coded frames, and Go's g._defer chain has no counterpart here.
// Go's _defer is one record per deferred call, or per frame for open-coded calls; here it is
// always per frame, with the frame's pending calls either open-coded (a pointer per defer
// statement in fns and a bit per pending one in bits: no defer statement of the function
// runs more than once per call) or chained (a node per executed defer statement, most recent
// first). Each pending call is a funcval: a wrapper's code word then the saved function
// value and arguments, or the function's own funcval when it takes no arguments.
type _defer struct {
	started   bool        // a panic is running the frame's calls
	openDefer bool        // the calls are open-coded (fns, bits), else chained
	_panic    *_panic     // the panic running them, while started
	bits      uint64      // open-coded: bit i set while fns[i] is pending
	chain     *deferNode  // chained: the pending calls, most recent first
	fns       [1]*funcval // open-coded: one per defer statement (as many as the function has)
}

// A deferNode is one pending call of a chained frame, on the heap.
type deferNode struct {
	link *deferNode
	fn   *funcval
}

// A deferInfo is the static information of a function with defer statements (the
// compiler's F·deferinfo, which the linker makes the function's funcdata
// _FUNCDATA_DeferInfo): its entry, the offset of its resume block, which continues the
// function after a recovered panic, the distance from its frame pointer down to its stack
// pointer, and down to its _defer record.
type deferInfo struct {
	entry  uintptr
	resume uint32
	frame  uint32
	rec    uint32
}

// tlsSlots is the size of m.tls. Go: runtime/runtime2.go tlsSlots (6 on amd64).
const tlsSlots = 6

// Go: runtime/runtime2.go m, in Go's order with g0 first. divmod, the signal masks, the P
// fields and the cgo fields are left out; mstartfn is a *funcval since there are no func
// values yet (and nothing sets it).
type m struct {
	g0      *g    // goroutine with scheduling stack (go_asm.h m_g0)
	morebuf gobuf // gobuf arg to morestack (unused: no stack growth yet)

	procid    uint64            // thread id, set by minit
	gsignal   *g                // signal-handling g; its stack is the alternate signal stack
	tls       [tlsSlots]uintptr // thread-local storage; tls[0] is -8(FS), the g slot (go_asm.h m_tls)
	mstartfn  *funcval
	curg      *g // current running goroutine
	id        int64
	mallocing int32
	throwing  int32
	locks     int32
	dying     int32
	spinning  bool
	blocked   bool
	printlock int8
	traceback uint8 // when not 0, the traceback level whatever GOTRACEBACK says (runtime.Stack's 1)
	fastrand  uint64
	alllink   *m // on allm
	schedlink *m

	// gopark's arguments for park_m, which runs on g0 after the switch.
	waitunlockf func(*g, unsafe.Pointer) bool
	waitlock    unsafe.Pointer
	preemptTick uint32 // its P's schedtick at the last preemption tick (preempt.go)

	p      *p   // the P this M runs goroutines for, nil while idle
	oldp   *p   // the P the M had when it entered a system call (sysmon.go)
	nextp  *p   // the P startm hands an idle or new M
	park   note // an idle M sleeps on it (stopm) until startm wakes it
	ptimer   bool   // the M's preemption timer is armed (preempt.go)
	ptimerID int32  // and its ID, deleted when the thread exits
	sigmask  sigset // the signal mask the M's thread starts with (newosproc, minit)

	sysmon    bool   // this M is sysmon's (sysmon.go), which runs no goroutines
	gcworker  bool   // this M only helps the collector mark (mgc.go gcHelper)
	lockedg   *g     // the goroutine wired to this M (LockOSThread), or nil
	lockedExt uint32 // LockOSThread calls not yet undone by UnlockOSThread
}

// The statuses of a P. Go: runtime/runtime2.go.
const (
	_Pidle    = 0 // on sched.pidle, no M
	_Prunning = 1 // held by an M
	_Psyscall = 2 // its M is in a system call: sysmon may hand it to another M
	_Pgcstop  = 3 // stopped for stopTheWorld (stw.go), no M
	_Pdead    = 4 // beyond GOMAXPROCS: no M may take it
)

// The size of a P's local run queue. Go: runtime/runtime2.go (runq [256]guintptr).
const localRunqSize = 256

// A P is what an M needs to run goroutines: a local run queue, a heap cache, a scheduling
// tick. GOMAXPROCS of them exist (allp), so that many goroutines run at once. Go:
// runtime/runtime2.go p. The local queue is a ring that only its owner adds to, at the
// tail, and that any M may take from, at the head, by compare-and-swap (procs.go runqget
// and runqsteal): so an idle M can steal without a lock.
type p struct {
	id        int32
	status    uint32
	link      *p // on sched.pidle
	schedtick uint32
	m         *m      // the M holding it, nil when idle
	mcache    *mcache // the heap's per-P cache (malloc.go)
	gFree gQueue // dead goroutines for reuse (proc.go gfput, gfget)

	// sudogcache is the P's free sudogs (chan.go), so that a channel operation that
	// waits needs no lock to get one. Go: p.sudogcache.
	sudogcache *sudog

	// syscalltick counts the system calls made with the P; sysmon compares it between
	// its rounds (sysmontick, sysmonwhen) to see one that blocks (sysmon.go).
	syscalltick uint32
	sysmontick  uint32
	sysmonwhen  int64

	// sysmon's view of the P's schedtick and since when it has been unchanged: a P that
	// runs one goroutine for 10 ms of wall time is preempted (sysmon.go retake). Go:
	// sysmontick.schedtick and schedwhen.
	runtick uint32
	runwhen int64

	// The P's timers (time.go): a min-heap by when under timersLock, and when the
	// earliest is due (0: none), read without the lock. Go: p.timers, p.timer0When.
	timersLock mutex
	timers     []*timer
	timer0When int64

	runqhead uint32
	runqtail uint32
	runq     [localRunqSize]*g
	// runnext is the goroutine to run next, before the queue: the one a go statement or
	// goready just made, which inherits the rest of the time slice. Stealers take it last.
	runnext *g
}

// Go: runtime/runtime2.go gQueue, a queue of Gs linked through g.schedlink, which also
// counts them (Go keeps the counts beside its queues: sched.runqsize, sched.gFree.n).
type gQueue struct {
	head *g
	tail *g
	n    int32
}

// Go: runtime/runtime2.go schedt, reduced to the fields tbuild's scheduler uses. lock
// guards the idle lists and the global run queue; the counters read without it are
// read and written atomically.
type schedt struct {
	goidgen  uint64
	lastpoll uint64

	lock mutex

	midle      *m     // idle Ms, waiting on their park note
	nmidle     int32  // number of idle Ms
	mnext      int64  // number of m's that have been created and next M ID
	maxmcount  int32  // maximum number of m's allowed (or die)
	nmsys      int32  // Ms that do not run goroutines (sysmon's)
	nmidlelocked int32 // Ms idle while their locked goroutine waits (stoplockedm)
	nmfreed    int64  // Ms that have exited (none do yet)
	pidle      *p     // idle Ps
	npidle     uint32 // number of idle Ps (atomic)
	nmspinning uint32 // Ms looking for work with a P (atomic)

	// The global run queue: Gosched and preemption put goroutines there, and Ps take
	// from it when their own queues are empty, and every 61st time first, so that
	// goroutines there are not starved by two that keep waking each other (Go:
	// runtime/proc.go schedule, findRunnable).
	runq gQueue

	gFreeLock mutex
	gfree     gQueue // dead goroutines the Ps' free lists overflowed (Go: sched.gFree)

	// sysmon sleeps on sysmonNote while sysmonWait is 1, every P being idle (sysmon.go).
	sysmonWait uint32
	sysmonNote note

	// The M waiting for the next timer (time.go): timerSleeping is 1 while one does, on
	// timerNote, until timerWhen; a timer added before that wakes it.
	timerNote     note
	timerSleeping uint32
	timerWhen     int64

	// Stopping the world (stw.go): gcwaiting is 1 while it stops or is stopped, stopwait
	// the Ps still to stop, and the stopping M sleeps on stopnote until the last one has.
	gcwaiting uint32
	stopwait  int32
	stopnote  note
}

// Go: runtime/runtime2.go throwType.
const (
	throwTypeNone    = 0
	throwTypeUser    = 1
	throwTypeRuntime = 2
)

var (
	allglock mutex
	allgs    []*g // every goroutine ever made, for tracebacks and NumGoroutine (Go: allgs)
	allm     *m
	ncpu  int32
	sched schedt

	// Set by rt0_go from CPUID (Go: runtime/runtime2.go).
	isIntel              bool
	processorVersionInfo uint32
)

// A waitReason says why a goroutine is parked; goroutine headers print it in place of the
// status ("goroutine 1 [chan receive]:"). The texts are Go 1.19's (runtime/runtime2.go);
// only the reasons tbuild's runtime parks for are here (Go 1.19 parks sync.Mutex waiters
// as "semacquire" too).
type waitReason uint8

const (
	waitReasonZero waitReason = iota
	waitReasonChanReceiveNilChan
	waitReasonChanSendNilChan
	waitReasonSelect
	waitReasonSelectNoCases
	waitReasonChanReceive
	waitReasonChanSend
	waitReasonSemacquire
	waitReasonSleep
	waitReasonSyncCondWait
	waitReasonPanicWait
	waitReasonFinalizerWait
	waitReasonGCSweepWait
	waitReasonForceGCIdle
)

func (w waitReason) String() string {
	switch w {
	case waitReasonChanReceiveNilChan:
		return "chan receive (nil chan)"
	case waitReasonChanSendNilChan:
		return "chan send (nil chan)"
	case waitReasonSelect:
		return "select"
	case waitReasonSelectNoCases:
		return "select (no cases)"
	case waitReasonChanReceive:
		return "chan receive"
	case waitReasonChanSend:
		return "chan send"
	case waitReasonSemacquire:
		return "semacquire"
	case waitReasonSleep:
		return "sleep"
	case waitReasonSyncCondWait:
		return "sync.Cond.Wait"
	case waitReasonPanicWait:
		return "panicwait"
	case waitReasonFinalizerWait:
		return "finalizer wait"
	case waitReasonGCSweepWait:
		return "GC sweep wait"
	case waitReasonForceGCIdle:
		return "force gc (idle)"
	}
	return ""
}
