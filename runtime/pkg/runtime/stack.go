// Goroutine stacks.
//
// Go: runtime/stack.go. Go starts goroutines on small stacks (_StackMin = 2 KiB) and grows
// them from the function prologues' stack checks (morestack). tbuild's compiled code has no
// stack checks yet, so a goroutine's stack cannot grow: each one gets a large reservation
// instead (mapped MAP_NORESERVE, so only the pages touched use memory), with an inaccessible
// guard page below it so an overflow faults instead of corrupting memory.

package runtime

import "unsafe"

const (
	// Go: runtime/stack.go (linux/amd64 values: _StackSystem is 0,
	// sys.StackGuardMultiplier is 1).
	_StackSystem = 0
	_StackMin    = 2048
	_StackGuard  = 928 + _StackSystem

	// goroutineStackSize is the size of every goroutine stack (no growth yet: see above).
	goroutineStackSize = 64 << 20
)

// stackalloc maps a stack of n bytes, plus a guard page below it, and stores its bounds in
// s. Go: runtime/stack.go stackalloc (which returns a stack and takes stacks from the
// stack pools or the heap); the guard page is mapped PROT_NONE as Go's sysFault does.
func stackalloc(s *stack, n uintptr) {
	if n&(n-1) != 0 {
		throw("stack size not a power of 2")
	}
	guard := physPageSize
	p, err := mmap(nil, n+guard, _PROT_READ|_PROT_WRITE, _MAP_ANON|_MAP_PRIVATE|_MAP_NORESERVE, -1, 0)
	if err != 0 {
		print("runtime: out of memory: cannot allocate ", n, "-byte goroutine stack\n")
		throw("out of memory")
	}
	q, err2 := mmap(p, guard, _PROT_NONE, _MAP_ANON|_MAP_PRIVATE|_MAP_FIXED, -1, 0)
	if err2 != 0 || q != p {
		throw("stackalloc: cannot map the guard page")
	}
	s.lo = uintptr(unsafe.Add(p, guard))
	s.hi = s.lo + n
}
