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
	sig          uint32  // signal that made the goroutine call sigpanic
	sigcode0     uintptr // its si_code
	sigcode1     uintptr // its fault address
	sigpc        uintptr // the faulting PC
	gopc         uintptr // pc of the go statement that created this goroutine
	startpc      uintptr // pc of goroutine function

	waiting *sudog // the sudog of the channel operation (or select's first) gp waits in
	// selectDone: a select's cases compete to wake gp (one M: a plain flag; a
	// compare-and-swap once Ms run in parallel). Go: g.selectDone.
	selectDone uint32
	timer         *timer // time.Sleep's timer, made on the goroutine's first sleep
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
	traceback uint8
	fastrand  uint64
	alllink   *m // on allm
	schedlink *m

	// gopark's arguments for park_m, which runs on g0 after the switch.
	waitunlockf func(*g, unsafe.Pointer) bool
	waitlock    unsafe.Pointer
	schedtick   uint32 // incremented by schedule, for the global queue's fair share
	preemptTick uint32 // schedtick at the last preemption tick (preempt.go)
}

// Go: runtime/runtime2.go gQueue, a queue of Gs linked through g.schedlink, which also
// counts them (Go keeps the counts beside its queues: sched.runqsize, sched.gFree.n).
type gQueue struct {
	head *g
	tail *g
	n    int32
}

// Go: runtime/runtime2.go schedt, reduced to the fields the single-threaded scheduler uses,
// with the run queues of the one P folded in (there are no Ps yet).
type schedt struct {
	goidgen  uint64
	lastpoll uint64

	midle     *m
	nmidle    int32
	mnext     int64 // number of m's that have been created and next M ID
	maxmcount int32 // maximum number of m's allowed (or die)
	nmsys     int32
	nmfreed   int64

	// The run queues. One M runs every goroutine, standing in for Go's single P (what
	// GOMAXPROCS=1 gives): runnext is the P's next goroutine, the one a go statement
	// or goready just made, which runs before the queue and inherits the rest of the
	// current time slice; runq is the P's local queue and globrunq the global one, which
	// Gosched uses and schedule checks first every 61st time (Go: runtime/proc.go
	// schedule, findRunnable).
	runnext  *g
	runq     gQueue
	globrunq gQueue

	gfree gQueue // dead goroutines, their g structs kept for reuse (Go: sched.gFree)
}

// Go: runtime/runtime2.go throwType.
const (
	throwTypeNone    = 0
	throwTypeUser    = 1
	throwTypeRuntime = 2
)

var (
	allgs []*g // every goroutine ever made, for tracebacks and NumGoroutine (Go: allgs)
	allm  *m
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
	}
	return ""
}
