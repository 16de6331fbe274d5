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

// Go: runtime/runtime2.go g. _defer is a placeholder until defers exist.
type g struct {
	stack       stack   // offset known to rt0_go (go_asm.h g_stack)
	stackguard0 uintptr // offset known to rt0_go (go_asm.h g_stackguard0)
	stackguard1 uintptr // offset known to rt0_go (go_asm.h g_stackguard1)

	_panic *_panic // the innermost panic in progress (panic.go)
	_defer unsafe.Pointer
	m      *m    // current m; offset known to rt0_go (go_asm.h g_m)
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
	waitreason   uint8
	preempt      bool
	sig          uint32  // signal that made the goroutine call sigpanic
	sigcode0     uintptr // its si_code
	sigcode1     uintptr // its fault address
	sigpc        uintptr // the faulting PC
	gopc         uintptr // pc of the go statement that created this goroutine
	startpc      uintptr // pc of goroutine function

	catch *catchFrame // innermost catch frame in progress (panic.go); tbuild's own
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
}

// Go: runtime/runtime2.go gQueue, a queue of Gs linked through g.schedlink.
type gQueue struct {
	head *g
	tail *g
}

// Go: runtime/runtime2.go schedt, reduced to the fields the single-threaded scheduler uses.
// There are no Ps yet, so every runnable goroutine is on the global queue sched.runq.
type schedt struct {
	goidgen  uint64
	lastpoll uint64

	midle     *m
	nmidle    int32
	mnext     int64 // number of m's that have been created and next M ID
	maxmcount int32 // maximum number of m's allowed (or die)
	nmsys     int32
	nmfreed   int64

	// Global runnable queue.
	runq     gQueue
	runqsize int32
}

// Go: runtime/runtime2.go throwType.
const (
	throwTypeNone    = 0
	throwTypeUser    = 1
	throwTypeRuntime = 2
)

var (
	allm  *m
	ncpu  int32
	sched schedt

	// Set by rt0_go from CPUID (Go: runtime/runtime2.go).
	isIntel              bool
	processorVersionInfo uint32
)
