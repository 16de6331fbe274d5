// Memory allocator.
//
// Go: runtime/malloc.go, mheap.go, mem_linux.go. Go's allocator (size classes, mcache,
// mcentral, mheap arenas) and its garbage collector are not implemented: mallocgc is a bump
// allocator over arenas obtained from the OS with mmap, and memory is never freed.

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

// mallocinit checks the page size; arenas are mapped lazily by the first allocation.
// Go: runtime/malloc.go mallocinit (the size-class and arena-hint set-up is left out).
func mallocinit() {
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

// mallocgc allocates an object of size bytes, zeroed. The compiler calls it for locals
// whose address escapes (typ is nil until types exist). Objects larger than 8 bytes are
// 16-byte aligned, as Go's size classes above 8 are for the sizes that are multiples of 16.
// Go: runtime/malloc.go mallocgc. No garbage collection: memory is never reclaimed.
func mallocgc(size uintptr, typ unsafe.Pointer, needzero bool) unsafe.Pointer {
	if size == 0 {
		return unsafe.Pointer(&zerobase)
	}
	mp := getg().m
	if mp.mallocing != 0 {
		throw("malloc deadlock")
	}
	mp.mallocing = 1

	align := uintptr(8)
	if size > 8 {
		align = 16
	}
	p := alignUp(mheap_.cur, align)
	if mheap_.cur == 0 || size > mheap_.end-p {
		p = mheapGrow(size)
	}
	mheap_.cur = p + size

	// Arena memory comes zeroed from mmap and is never reused, so needzero needs no work.
	mp.mallocing = 0
	return unsafe.Pointer(p)
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
