// Goroutine stacks: large, lazily committed reservations.
//
// Go: runtime/stack.go. Go starts goroutines on small stacks (_StackMin = 2 KiB) and grows
// them by copying, from the function prologues' stack checks (morestack), up to
// maxstacksize (1 GB on 64-bit). tbuild's compiled code (Cranelift) has neither stack checks
// nor the precise stack maps that copying needs, so a stack can never move. Instead every
// goroutine stack owns a slot: 1 GiB of address space, enough for Go's limit, of which only
// the part in use is mapped.
//
//	slot base            stack.lo                         mapped lo          stack.hi = slot top
//	|<- gap, never mapped ->|<------- unmapped: room to grow ------->|<- mapped ->|
//
// A stack starts with a few pages mapped at the top of its slot. Touching the unmapped part
// just below faults (SIGSEGV); the signal handler, on the M's signal stack, maps more below
// (stackgrow: at least double, with MAP_FIXED_NOREPLACE so that nothing is ever clobbered)
// and returns, and the faulting instruction runs again. A fault in the gap, below stack.lo
// (which is Go's 1,000,000,000-byte limit below the top), is a stack overflow, which the
// handler reports as Go's newstack does. Unmapped address space costs nothing: not memory,
// not RLIMIT_AS (`ulimit -v`). What a stack costs is its mapped part (address space) and the
// pages it touched (memory), and one kernel mapping (VMA) per live stack.
//
// Nothing can be mapped inside the slot region, which would stop a stack from growing, so
// the region is chosen where the kernel places nothing by itself and the runtime maps
// nothing else (addresses for linux/amd64's 47-bit user space, 128 TiB):
//
//	0x0000_0040_0000       the program (the linker's fixed address)
//	0x00c0_0000_0000       the heap's arenas, upward (malloc.go; Go's own heap address)
//	0x0400_0000_0000 ( 4 TiB) .. 0x6e00_0000_0000 (110 TiB)   stack slots, 108,544 of them
//	below 0x7fff_ffff_f000 the main thread's stack, and the kernel's mmap area (vDSO)
//
// The kernel places mappings it chooses itself top-down from just below the main thread's
// stack (mmap_base: the stack limit, at least 128 MiB, plus up to 1 TiB of randomization
// with the default mmap_rnd_bits of 28), far above the region. With an unlimited stack limit
// (`ulimit -s unlimited`) it uses the legacy layout, bottom-up from about 21 TiB (measured
// on Linux 6.18), which is inside the region: there the only mapping the kernel makes itself
// is the vDSO (and its vvar pages), at exec, so the slots near it are never used
// (stackExcluded). The runtime itself never asks the kernel to choose an address.
//
// A dead goroutine keeps its stack for the next go statement (gfput), and a freed stack's
// slot goes on a free list and is reused first; either way the mapping is cut back to the
// initial pages, so that the memory and address space of a stack that grew are given back.
// Past vm.max_map_count, stacks are packed instead (see stackMapReserve).
//
// The stack of g0 on m0 is the thread's own stack, which the kernel grows; a signal stack
// (mpreinit) is mapped whole in a slot of its own: the signal handler cannot take a fault
// on the signal stack.

package runtime

import "unsafe"

const (
	// Go: runtime/stack.go (linux/amd64 values: _StackSystem is 0,
	// sys.StackGuardMultiplier is 1).
	_StackSystem = 0
	_StackMin    = 2048
	_StackGuard  = 928 + _StackSystem

	// goroutineStackSize is the size malg asks for a goroutine's stack: a whole slot, of
	// which stackalloc maps only the top.
	goroutineStackSize = stackSlotSize

	// The slot region (see above).
	stackSlotSize   = 1 << 30
	stackRegionBase = 4 << 40
	stackRegionEnd  = 110 << 40
	maxStackSlots   = (stackRegionEnd - stackRegionBase) / stackSlotSize

	// stackReach is how far below its top a goroutine's stack may extend: Go's 64-bit
	// maxstacksize (1,000,000,000 bytes), rounded up to 64 KiB. The rest of the slot, about
	// 70 MiB below stack.lo, is the gap that is never mapped: a frame that overruns the
	// limit faults there (Cranelift probes large frames page by page, so an overrun touches
	// the page below the last mapped one first), and the slot below is not reached.
	stackReach = (1000000000 + 64<<10 - 1) &^ (64<<10 - 1)

	// The mapping a new goroutine stack starts with. Two pages hold what a goroutine that
	// calls fmt.Println needs; the main goroutine, which runs the package initialisers and
	// most of a small program, starts with more, so that typical programs never take a
	// growth fault (which a debugger would show as SIGSEGV).
	stackInitial     = 8 << 10
	mainStackInitial = 256 << 10

	// The mapping a dead goroutine's stack keeps (stackshrink).
	stackKeep = stackInitial

	// _MAP_FIXED_NOREPLACE maps at exactly the address given, or fails with EEXIST if
	// anything is mapped there (linux/mman.h, Linux 4.17; older kernels take it as a hint,
	// which mapStack checks).
	_MAP_FIXED_NOREPLACE = 0x100000
	_EEXIST              = 0x11

	// The kernel allows a process vm.max_map_count mappings (65,530 by default), and each
	// stack slot mapped as above is one. Past stackMapBudget of them (that count less
	// stackMapReserve, left for the heap and the rest), new goroutine stacks are packed
	// instead: the whole slot is mapped (1 GiB of address space, MAP_NORESERVE: still only
	// the pages touched cost memory) and the top of the gap gets a guard region
	// (MADV_GUARD_INSTALL, Linux 6.13: page-table markers that fault like an unmapped page
	// but, unlike a PROT_NONE mapping, split no mapping), so that the packed slots, one
	// after another, are a single mapping however many there are. A packed stack never
	// takes a growth fault. Where packing fails (an older kernel, or `ulimit -v`, which 1 GiB
	// a goroutine exceeds) stacks stay unpacked until the mappings run out.
	stackMapReserve     = 8192
	packedGuard         = 256 << 10
	_MADV_DONTNEED      = 4
	_MADV_GUARD_INSTALL = 102

	// The window around the vDSO (auxiliary vector AT_SYSINFO_EHDR) that no slot may
	// overlap: the vDSO and its vvar pages are a few pages either side of that address.
	vdsoWindow = 1 << 20
)

// maxstacksize is the most a goroutine's stack may grow to (stackLimit) and the limit the
// stack overflow message reports; runtime.main sets it, debug.SetMaxStack changes it.
// Go: runtime/stack.go maxstacksize.
var maxstacksize uintptr = 1 << 20 // enough until runtime.main sets it for real

// stackLimit is how far below its top a goroutine's stack may extend now: maxstacksize,
// within the slot's stackReach. Go lets a stack double while the new size is at most
// maxstacksize (newstack), so that a stack of up to maxstacksize bytes fits; so does this.
func stackLimit() uintptr {
	if maxstacksize < stackReach {
		return alignUp(maxstacksize, physPageSize)
	}
	return stackReach
}

// debug_setMaxStack is runtime/debug.SetMaxStack: the limit for every stack's growth from
// now on; it returns the previous one. Go: runtime/stack.go setMaxStack.
func debug_setMaxStack(in int) int {
	out := int(maxstacksize)
	maxstacksize = uintptr(in)
	return out
}

// A stackSlot is the state of one slot of the region.
type stackSlot struct {
	mapped uintptr // bytes mapped below the slot's top
	next   int32   // the next free slot, -1 for none (on the free list)
	state  uint8   // slotUnused, slotInUse, slotFixed, slotFree or slotForeign
	packed bool    // mapped whole, with a guard region (see stackMapReserve)
}

const (
	slotUnused  = 0 // never handed out: nothing mapped
	slotInUse   = 1 // a live goroutine stack, which grows
	slotFixed   = 4 // a live stack mapped whole (a signal stack), which does not
	slotFree    = 2 // on the free list, its top still mapped
	slotForeign = 3 // something else is mapped there: never used
)

// The slots' states, allocated 1,024 at a time as slots are first handed out, so that a
// small program's table is one 16 KiB chunk.
const stackSlotChunk = 1024

type stackSlotChunkT [stackSlotChunk]stackSlot

// stackLock guards the slot table's allocation state (the free list, stackNext, the
// counts). A slot's mapping is changed only by the goroutine that owns it (stackgrow, in
// its thread's signal handler, without the lock) or by whoever frees it, so stackshrink
// needs no lock.
var stackLock mutex

var (
	stackSlots    [maxStackSlots/stackSlotChunk + 1]*stackSlotChunkT
	stackNext     uintptr   // slots below this index have been handed out at least once
	stackFreeHead int32 = -1 // the free list, most recently freed first
	stackLive     uintptr   // stacks in use, for the out-of-memory report

	// vdsoBase is the vDSO's address from the auxiliary vector (os_linux.go), 0 if none.
	vdsoBase uintptr

	// stackIslands counts the slots mapped unpacked (live or free): one mapping each.
	// stackMapBudget is how many there may be, read from vm.max_map_count on first use;
	// stackNoPack is set once packing has failed.
	stackIslands   int
	stackMapBudget int
	stackNoPack    bool

	// stackGrowths counts growth faults, for a debugger's eyes.
	stackGrowths uintptr
)

// slotOf returns the state of slot i, whose chunk must exist.
func slotOf(i uintptr) *stackSlot {
	return &stackSlots[i/stackSlotChunk][i%stackSlotChunk]
}

// slotTop returns the address just above slot i.
func slotTop(i uintptr) uintptr {
	return stackRegionBase + (i+1)*stackSlotSize
}

// slotIndex returns the slot holding address p (a stack's hi is its slot's top, so hi-1),
// or -1 if p is not in the region or in a slot never handed out.
func slotIndex(p uintptr) int {
	if p < stackRegionBase || p >= stackRegionBase+stackNext*stackSlotSize {
		return -1
	}
	return int((p - stackRegionBase) / stackSlotSize)
}

// stackExcluded reports whether slot i overlaps a mapping the kernel made at exec: the vDSO,
// which the legacy layout puts inside the region.
func stackExcluded(i uintptr) bool {
	top := slotTop(i)
	base := top - stackSlotSize
	return vdsoBase != 0 && vdsoBase+vdsoWindow > base && vdsoBase < top+vdsoWindow
}

// stackalloc gives s a stack of n bytes in a slot of its own. A goroutine stack (n is
// goroutineStackSize) may grow to stackReach and starts with its top pages mapped; any other
// stack (a signal stack) is mapped whole. Go: runtime/stack.go stackalloc (which returns
// the stack and takes it from the stack pools or the heap).
func stackalloc(s *stack, n uintptr) {
	if n&(n-1) != 0 {
		throw("stack size not a power of 2")
	}
	want := n
	if n == goroutineStackSize {
		want = stackInitial
		if !mainStarted {
			want = mainStackInitial
		}
	} else if n > stackReach {
		throw("stackalloc: stack too large")
	}
	lock(&stackLock)
	stackallocLocked(s, n, want)
	unlock(&stackLock)
}

// stackallocLocked is stackalloc's search for a slot, with stackLock held.
func stackallocLocked(s *stack, n, want uintptr) {
	lo := uintptr(0)
	for {
		i := takeSlot()
		sl := slotOf(i)
		top := slotTop(i)
		if n == goroutineStackSize && sl.mapped == 0 && shouldPack() && packSlot(i) {
			sl.state = slotInUse
			stackLive++
			s.lo = top - stackReach
			s.hi = top
			return
		}
		if sl.mapped < want {
			err := mapStack(top-want, top-sl.mapped)
			if err == _EEXIST {
				// Something is mapped in this slot after all: never use it.
				sl.state = slotForeign
				continue
			}
			if err != 0 {
				print("runtime: out of memory: cannot allocate ", want, "-byte goroutine stack (", stackLive, " stacks in use, errno ", err, ")\n")
				throw("out of memory")
			}
			if sl.mapped == 0 {
				stackIslands++
			}
			sl.mapped = want
		}
		sl.state = slotInUse
		lo = top - stackReach
		if n != goroutineStackSize {
			sl.state = slotFixed
			lo = top - n
		}
		stackLive++
		s.lo = lo
		s.hi = top
		return
	}
}

// shouldPack reports whether a new goroutine stack should be packed: when the unpacked
// ones have used up their share of the process's mappings.
func shouldPack() bool {
	if stackNoPack {
		return false
	}
	if stackMapBudget == 0 {
		max := readSysctl("/proc/sys/vm/max_map_count\x00")
		if max < 0 {
			max = 65530 // the kernel's default (DEFAULT_MAX_MAP_COUNT)
		}
		stackMapBudget = max - stackMapReserve
		if stackMapBudget < 1024 {
			stackMapBudget = 1024
		}
		// TBUILD_STACKMAPS=n sets the budget, so that tests reach packing with few
		// goroutines (tests/stacks.rs).
		if v := decimal(gogetenv("TBUILD_STACKMAPS")); v > 0 {
			stackMapBudget = v
		}
	}
	return stackIslands >= stackMapBudget
}

// decimal returns the value of s, a decimal number, or -1.
func decimal(s string) int {
	v := -1
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' || v > 1<<40 {
			return -1
		}
		if v < 0 {
			v = 0
		}
		v = v*10 + int(s[i]-'0')
	}
	return v
}

// packSlot maps the whole of slot i, with a guard region at the top of its gap, and
// reports whether it could (see stackMapReserve). If it cannot, stacks are no longer
// packed.
func packSlot(i uintptr) bool {
	top := slotTop(i)
	if err := mapStack(top-stackSlotSize, top); err != 0 {
		if err != _EEXIST {
			stackNoPack = true
		}
		return false
	}
	lo := top - stackReach
	if madvise(unsafe.Pointer(lo-packedGuard), packedGuard, _MADV_GUARD_INSTALL) != 0 {
		munmap(unsafe.Pointer(top-stackSlotSize), stackSlotSize)
		stackNoPack = true
		return false
	}
	sl := slotOf(i)
	sl.packed = true
	sl.mapped = stackSlotSize
	return true
}

// takeSlot returns a slot for a new stack: the most recently freed one, or one never used.
func takeSlot() uintptr {
	if i := stackFreeHead; i >= 0 {
		sl := slotOf(uintptr(i))
		stackFreeHead = sl.next
		sl.next = -1
		return uintptr(i)
	}
	for {
		i := stackNext
		if i >= maxStackSlots {
			print("runtime: out of memory: all ", maxStackSlots, " goroutine stack slots are in use\n")
			throw("out of memory")
		}
		if stackSlots[i/stackSlotChunk] == nil {
			stackSlots[i/stackSlotChunk] = (*stackSlotChunkT)(mallocgc(unsafe.Sizeof(stackSlotChunkT{}), nil, true))
		}
		stackNext = i + 1
		sl := slotOf(i)
		sl.next = -1
		if stackExcluded(i) {
			sl.state = slotForeign
			continue
		}
		return i
	}
}

// stackfree gives back the stack s of a goroutine that has exited, for a later stackalloc;
// the caller must be on another stack (g0's). The slot's mapping is cut back (stackshrink)
// and the slot goes on the free list. Go: runtime/stack.go stackfree.
func stackfree(s stack) {
	i := stackshrink(s)
	lock(&stackLock)
	sl := slotOf(uintptr(i))
	sl.state = slotFree
	sl.next = stackFreeHead
	stackFreeHead = int32(i)
	stackLive--
	unlock(&stackLock)
}

// stackshrink cuts the mapping of s, the stack of a goroutine that has exited, back to
// stackKeep bytes (munmap, so that both the memory and the address space of a stack that
// grew are given back; the pages kept are the ones the next goroutine on this stack uses
// first), and returns its slot. The caller must be on another stack (g0's). gfput calls it
// for a dead goroutine that keeps its stack for reuse, as Go's gfput frees a stack that
// grew.
func stackshrink(s stack) int {
	i := slotIndex(s.hi - 1)
	if i < 0 || s.hi != slotTop(uintptr(i)) {
		throw("stackfree: not a goroutine stack")
	}
	sl := slotOf(uintptr(i))
	if sl.state != slotInUse && sl.state != slotFixed {
		throw("stackfree: stack not in use")
	}
	if sl.packed {
		// Give back the pages the stack touched, keeping the mapping.
		madvise(unsafe.Pointer(s.hi-stackReach), stackReach-stackKeep, _MADV_DONTNEED)
	} else if sl.mapped > stackKeep {
		munmap(unsafe.Pointer(s.hi-sl.mapped), sl.mapped-stackKeep)
		sl.mapped = stackKeep
	}
	return i
}

// mapStack maps [lo, hi) read-write, without reserving swap (MAP_NORESERVE: untouched pages
// cost nothing) and only if nothing is mapped there. It returns 0 or the errno; _EEXIST
// also when an old kernel ignored MAP_FIXED_NOREPLACE and mapped elsewhere.
func mapStack(lo, hi uintptr) int {
	p, err := mmap(unsafe.Pointer(lo), hi-lo, _PROT_READ|_PROT_WRITE, _MAP_ANON|_MAP_PRIVATE|_MAP_NORESERVE|_MAP_FIXED_NOREPLACE, -1, 0)
	if err != 0 {
		return err
	}
	if uintptr(p) != lo {
		munmap(p, hi-lo)
		return _EEXIST
	}
	return 0
}

// stackgrow handles a fault at addr by a thread whose stack pointer is sp, from the signal
// handler: if both lie in the same slot and addr is in the stack's room to grow, it maps
// more of the stack, at least doubling its mapping and down to addr's page, and reports
// true (the handler returns and the faulting instruction runs again). Faults below
// stack.lo are overflows, which isStackOverflow reports.
func stackgrow(addr, sp uintptr) bool {
	i := slotIndex(addr)
	if i < 0 || slotIndex(sp) != i {
		return false
	}
	sl := slotOf(uintptr(i))
	top := slotTop(uintptr(i))
	limit := stackLimit()
	if sl.state != slotInUse || addr >= top-sl.mapped || addr < top-limit {
		return false
	}
	need := top - alignDown(addr, physPageSize)
	size := 2 * sl.mapped
	if size < need {
		size = need
	}
	if size > limit {
		size = limit
	}
	err := mapStack(top-size, top-sl.mapped)
	if err == _ENOMEM && size > need {
		// Doubling went past the address-space limit (ulimit -v): map only what the
		// faulting access needs.
		size = need
		err = mapStack(top-size, top-sl.mapped)
	}
	if err != 0 {
		if err == _ENOMEM {
			// Go's report when a stack cannot be allocated (runtime/malloc.go sysAlloc).
			print("runtime: out of memory: cannot allocate ", size-sl.mapped, "-byte block (", sl.mapped, " in use)\n")
			throw("out of memory")
		}
		print("runtime: cannot grow goroutine stack: mmap errno ", err, " at ")
		printhex(uint64(top - size))
		print("\n")
		throw("stack growth failed")
	}
	sl.mapped = size
	stackGrowths++
	return true
}

// inStackGap reports whether a fault at addr by a thread with stack pointer sp is an
// overrun of a goroutine stack: addr lies in the gap below the stack's limit, in the slot
// the thread is running on.
func inStackGap(addr, sp uintptr) bool {
	i := slotIndex(addr)
	if i < 0 || slotIndex(sp) != i {
		return false
	}
	top := slotTop(uintptr(i))
	// A packed stack (stackMapReserve) never faults above its guard region: it can overrun
	// the slot's reach only, whatever debug.SetMaxStack said.
	return slotOf(uintptr(i)).state == slotInUse && addr < top-stackLimit()
}
