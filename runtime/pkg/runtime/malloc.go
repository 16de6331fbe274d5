// Memory allocator.
//
// Go: runtime/malloc.go, mheap.go, mem_linux.go. Small objects are rounded up to Go's size
// classes and carved from per-class spans, as Go's mcache does; spans and large objects
// come from arenas obtained from the OS with mmap. There is no garbage collector (and no
// mcentral to return spans to): memory is never freed.

package runtime

import "unsafe"

const (
	// Go: runtime/malloc.go minPhysPageSize and maxPhysPageSize.
	minPhysPageSize = 4096
	maxPhysPageSize = 512 << 10

	// physHugePageSize is the size of a transparent huge page: a PMD on x86-64. Go reads
	// it from /sys/kernel/mm/transparent_hugepage/hpage_pmd_size (os_linux.go); on amd64
	// it is always 2 MiB, and madvise fails harmlessly where huge pages are off.
	physHugePageSize = 2 << 20

	// heapArenaBytes is the size of one arena: the heap grows in multiples of it.
	// Go: runtime/malloc.go heapArenaBytes (64 MiB on linux/amd64).
	heapArenaBytes = 64 << 20
)

// physPageSize is the size in bytes of the OS's physical pages, from the auxiliary vector
// (AT_PAGESZ) read by args. Go: runtime/malloc.go physPageSize.
var physPageSize uintptr

// zerobase is the address returned for all 0-byte allocations. Go: runtime/malloc.go.
var zerobase uintptr

// mheap is the bump allocator's state: the free part [cur, end) of the current arena.
// Go: runtime/mheap.go mheap (a very different structure).
type mheap struct {
	cur uintptr // next free byte of the current arena
	end uintptr // end of the current arena
	sys uintptr // bytes obtained from the OS (Go: memstats.heap_sys)
}

var mheap_ mheap

// mallocinit builds the size-class lookup tables and checks the page size; arenas are
// mapped lazily by the first allocation. Go: runtime/malloc.go mallocinit (the arena-hint
// set-up is left out).
func mallocinit() {
	initSizeClasses()
	if physPageSize == 0 {
		// The OS init code failed to fetch the physical page size.
		throw("failed to get system page size")
	}
	if physPageSize > maxPhysPageSize {
		print("system page size (", physPageSize, ") is larger than maximum page size (", maxPhysPageSize, ")\n")
		throw("bad system page size")
	}
	if physPageSize < minPhysPageSize {
		print("system page size (", physPageSize, ") is smaller than minimum page size (", minPhysPageSize, ")\n")
		throw("bad system page size")
	}
	if physPageSize&(physPageSize-1) != 0 {
		print("system page size (", physPageSize, ") must be a power of 2\n")
		throw("bad system page size")
	}
}

// Size classes (Go: runtime/sizeclasses.go, malloc.go). Objects up to maxSmallSize bytes
// are rounded up to a size class and carved from a span that holds objects of that class
// only, as Go's mcache spans do; larger ones take whole pages.
const (
	maxSmallSize = 32768
	smallSizeDiv = 8
	smallSizeMax = 1024
	largeSizeDiv = 128
	pageSize     = 8192
)

// size_to_class8 and size_to_class128 give the smallest class that holds a size:
// size_to_class8[(size+7)/8] up to 1024 bytes, size_to_class128[(size-1024+127)/128]
// above. Go generates them (mksizeclasses.go); initSizeClasses derives them from
// class_to_size (slice.go).
var size_to_class8 [smallSizeMax/smallSizeDiv + 1]uint8
var size_to_class128 [(maxSmallSize-smallSizeMax)/largeSizeDiv + 1]uint8

// A span is the unallocated part [next, limit) of the current block of one size class.
// Go: runtime/mheap.go mspan (with freeindex), much reduced: nothing is ever freed.
type span struct {
	next  uintptr
	limit uintptr
}

// spans holds each size class's current span (Go: the mcache's alloc array).
var spans [len(class_to_size)]span

func initSizeClasses() {
	c := 1
	for i := range size_to_class8 {
		for uintptr(class_to_size[c]) < uintptr(i*smallSizeDiv) {
			c++
		}
		size_to_class8[i] = uint8(c)
	}
	for i := range size_to_class128 {
		for uintptr(class_to_size[c]) < uintptr(smallSizeMax+i*largeSizeDiv) {
			c++
		}
		size_to_class128[i] = uint8(c)
	}
}

// sizeClass is the class of a small size (1 <= size <= maxSmallSize).
func sizeClass(size uintptr) uintptr {
	if size <= smallSizeMax-8 {
		return uintptr(size_to_class8[(size+smallSizeDiv-1)/smallSizeDiv])
	}
	return uintptr(size_to_class128[(size-smallSizeMax+largeSizeDiv-1)/largeSizeDiv])
}

// mallocgc allocates an object of size bytes, zeroed. The compiler calls it for locals
// whose address escapes and for new, make, append and string results (typ is unused: there
// is no garbage collector to describe the object to). A small object takes the next slot
// of its size class's span; a large one whole pages. Go: runtime/malloc.go mallocgc.
// Memory is never reclaimed.
func mallocgc(size uintptr, typ unsafe.Pointer, needzero bool) unsafe.Pointer {
	if size == 0 {
		return unsafe.Pointer(&zerobase)
	}
	mp := getg().m
	if mp.mallocing != 0 {
		throw("malloc deadlock")
	}
	mp.mallocing = 1

	var p uintptr
	if size <= maxSmallSize {
		c := sizeClass(size)
		n := uintptr(class_to_size[c])
		s := &spans[c]
		if s.limit-s.next < n {
			// A new span: room for at least eight objects, in whole pages.
			bytes := alignUp(8*n, pageSize)
			s.next = heapAlloc(bytes)
			s.limit = s.next + bytes
		}
		p = s.next
		s.next += n
	} else {
		p = heapAlloc(alignUp(size, pageSize))
	}

	// Arena memory comes zeroed from mmap and is never reused, so needzero needs no work.
	mp.mallocing = 0
	return unsafe.Pointer(p)
}

// heapAlloc takes size bytes (a multiple of pageSize) from the current arena, page aligned,
// growing the heap when the arena is used up. Go: runtime/mheap.go (*mheap).alloc.
func heapAlloc(size uintptr) uintptr {
	if size < pageSize {
		// alignUp of a size near the top of the address space overflowed.
		size = ^uintptr(0) &^ (pageSize - 1)
	}
	p := alignUp(mheap_.cur, pageSize)
	if mheap_.cur == 0 || p > mheap_.end || size > mheap_.end-p {
		p = mheapGrow(size)
	}
	mheap_.cur = p + size
	return p
}

// mheapGrow maps a new arena big enough for size bytes and makes it the current one,
// returning its base. Go: runtime/mheap.go (*mheap).grow, sysAlloc and sysMap, with Go's
// out-of-memory messages.
func mheapGrow(size uintptr) uintptr {
	ask := alignUp(size, heapArenaBytes)
	if ask < size {
		// size is so large that rounding it up overflowed; mmap will fail.
		ask = size
	}
	// Two steps, as Go's: reserve the address space (mem_linux.go sysReserveOS, where a
	// failure is mheap.grow's "cannot allocate" report), then commit it (sysMapOS, where
	// the kernel refusing the memory is "runtime: out of memory").
	p, err := mmap(nil, ask, _PROT_NONE, _MAP_ANON|_MAP_PRIVATE, -1, 0)
	if err != 0 {
		print("runtime: out of memory: cannot allocate ", ask, "-byte block (", mheap_.sys, " in use)\n")
		throw("out of memory")
	}
	q, err := mmap(p, ask, _PROT_READ|_PROT_WRITE, _MAP_ANON|_MAP_FIXED|_MAP_PRIVATE, -1, 0)
	if err == _ENOMEM {
		throw("runtime: out of memory")
	}
	if q != p || err != 0 {
		print("runtime: mmap(", p, ", ", ask, ") returned ", q, ", ", err, "\n")
		throw("runtime: cannot map pages in arena address space")
	}
	// Ask for huge pages over the arena's whole huge pages, as Go does for heap memory it
	// puts in use (mem_linux.go sysUsedOS, sysHugePageOS): touching fresh memory then
	// faults once per 2 MiB instead of once per 4 KiB. With transparent_hugepage set to
	// "madvise" (a common default) nothing else turns them on. The arena's first 2 MiB
	// keep small pages, so that a program with a small heap stays small in memory
	// (hello: 0.5 MB resident instead of 2.2 MB).
	beg := alignUp(uintptr(p), physHugePageSize) + physHugePageSize
	end := alignDown(uintptr(p)+ask, physHugePageSize)
	if beg < end {
		madvise(unsafe.Pointer(beg), end-beg, _MADV_HUGEPAGE)
	}
	mheap_.sys += ask
	mheap_.cur = uintptr(p)
	mheap_.end = uintptr(p) + ask
	return uintptr(p)
}

// memclrNoHeapPointers clears n bytes starting at ptr. In memmove_amd64.s.
// Go: runtime/memclr_amd64.s.
func memclrNoHeapPointers(ptr unsafe.Pointer, n uintptr)

// memmove copies n bytes from "from" to "to"; the regions may overlap. In memmove_amd64.s.
// Go: runtime/memmove_amd64.s.
func memmove(to, from unsafe.Pointer, n uintptr)

// memequal reports whether the size bytes at a and b are equal; the compiler calls it for
// string == and != after comparing the lengths. Go: internal/bytealg memequal (assembly).
func memequal(a, b unsafe.Pointer, size uintptr) bool {
	if a == b {
		return true
	}
	i := uintptr(0)
	for ; i+8 <= size; i += 8 {
		if *(*uint64)(unsafe.Add(a, i)) != *(*uint64)(unsafe.Add(b, i)) {
			return false
		}
	}
	for ; i < size; i++ {
		if *(*byte)(unsafe.Add(a, i)) != *(*byte)(unsafe.Add(b, i)) {
			return false
		}
	}
	return true
}
