// Goroutine stacks.
//
// Go: runtime/stack.go. Go starts goroutines on small stacks (_StackMin = 2 KiB) and grows
// them from the function prologues' stack checks (morestack), up to maxstacksize (1 GB on
// 64-bit). tbuild's compiled code has no stack checks yet, so a goroutine's stack cannot
// grow: each one gets the whole limit as one reservation instead (mapped MAP_NORESERVE, so
// only the pages touched use memory), with an inaccessible guard region below it, so that
// recursion as deep as Go allows runs, and an overflow faults on the guard region, which the
// signal handler reports as Go's newstack does (signal_unix.go sigstackoverflow).

package runtime

import "unsafe"

const (
	// Go: runtime/stack.go (linux/amd64 values: _StackSystem is 0,
	// sys.StackGuardMultiplier is 1).
	_StackSystem = 0
	_StackMin    = 2048
	_StackGuard  = 928 + _StackSystem

	// goroutineStackSize is the size of every goroutine stack (no growth yet: see above):
	// 1 GiB, the first power of two above Go's 64-bit maxstacksize.
	goroutineStackSize = 1 << 30

	// stackGuardSize is the size of the PROT_NONE region below every stack. Compiled code
	// probes large frames page by page (Cranelift's inline stack probes), so an overflow
	// first touches the page just below the stack; the region is larger for frameless
	// assembly that reaches further down.
	stackGuardSize = 64 << 10
)

// maxstacksize is the stack size limit reported in the stack overflow message; runtime.main
// sets it. Go: runtime/stack.go maxstacksize.
var maxstacksize uintptr = 1 << 20 // enough until runtime.main sets it for real

// stackalloc maps a stack of n bytes, plus a guard region below it, and stores its bounds in
// s. Go: runtime/stack.go stackalloc (which returns a stack and takes stacks from the
// stack pools or the heap); the guard region is mapped PROT_NONE as Go's sysFault does.
func stackalloc(s *stack, n uintptr) {
	if n&(n-1) != 0 {
		throw("stack size not a power of 2")
	}
	guard := alignUp(stackGuardSize, physPageSize)
	p, err := mmap(nil, n+guard, _PROT_READ|_PROT_WRITE, _MAP_ANON|_MAP_PRIVATE|_MAP_NORESERVE, -1, 0)
	if err != 0 {
		print("runtime: out of memory: cannot allocate ", n, "-byte goroutine stack\n")
		throw("out of memory")
	}
	q, err2 := mmap(p, guard, _PROT_NONE, _MAP_ANON|_MAP_PRIVATE|_MAP_FIXED|_MAP_NORESERVE, -1, 0)
	if err2 != 0 || q != p {
		throw("stackalloc: cannot map the guard region")
	}
	s.lo = uintptr(unsafe.Add(p, guard))
	s.hi = s.lo + n
}
