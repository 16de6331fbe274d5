// The heap: mallocgc, which the compiler calls for every heap object.
//
// Nothing is freed yet (the collector is issue 12), but the heap already has the shape a
// collector needs, Go's shape: each P allocates small objects from spans of its own (its
// mcache), without a lock, and takes the heap's lock only for a new span or a big object.
// An object of up to 32 KiB is rounded up to one of Go's size
// classes and cut from a span, a run of 8 KiB pages that holds objects of that one size, so
// that an address's object is found by a division; a bigger object gets whole pages to
// itself. Spans and big objects are cut, page aligned, from arenas: 64 MiB of address space
// at a time, placed one after the other from Go's first heap address (0xc000000000).

package runtime

import "unsafe"

// The allocator's units. Go: runtime/malloc.go (_MaxSmallSize, _PageShift) and
// runtime/sizeclasses.go (_NumSizeClasses).
const (
	_MaxSmallSize  = 32 << 10 // the largest object a size class holds
	_PageSize      = 8 << 10  // spans and big objects are whole pages of this size
	numSizeClasses = 68       // class 0 is unused: it stands for "no class"

	// Go's 64 MiB heap arena on linux/amd64 (runtime/malloc.go heapArenaBytes).
	heapArenaBytes = 64 << 20

	// The address of the first arena: Go's first arena hint on linux/amd64, 0x00c0<<32
	// (runtime/malloc.go mallocinit), so heap addresses look like Go's (0xc000...).
	heapArenaStart = 0x00c0 << 32

	// The page sizes the runtime accepts from the kernel (runtime/malloc.go).
	minPhysPageSize = 4 << 10
	maxPhysPageSize = 512 << 10

	// A transparent huge page on x86-64 (a PMD): 2 MiB. Go reads it from
	// /sys/kernel/mm/transparent_hugepage/hpage_pmd_size; on amd64 it is always this.
	physHugePageSize = 2 << 20
)

// class_to_size is the object size of each size class. Go: runtime/sizeclasses.go (the
// table is a fact: cap after append depends on it, and Go's programs print cap).
var class_to_size = [numSizeClasses]uint16{0, 8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320, 352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792, 2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728, 10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768}

// granuleClass[(n+7)/8] is the size class of an n-byte object, 0 until first asked for:
// sizeclass fills an entry the first time a size in its 8-byte granule is allocated, so
// that start-up pays nothing for the 4 KiB table.
var granuleClass [_MaxSmallSize/8 + 1]uint8

// sizeclass returns the size class of an object of n bytes, 1 <= n <= _MaxSmallSize.
func sizeclass(n uintptr) uintptr {
	gr := (n + 7) >> 3
	if c := granuleClass[gr]; c != 0 {
		return uintptr(c)
	}
	return fillGranuleClass(gr)
}

// fillGranuleClass finds the size class of granule gr (objects of up to gr*8 bytes): the
// first class whose objects are that big.
func fillGranuleClass(gr uintptr) uintptr {
	c := uintptr(1)
	for uintptr(class_to_size[c]) < gr<<3 {
		c++
	}
	granuleClass[gr] = uint8(c)
	return c
}

// An mspan is a run of pages holding objects of one size class, handed out in address
// order: [freeptr, limit) is what is left of it. Go: runtime/mheap.go mspan, which also
// keeps the bitmaps a collector needs to reuse freed objects.
type mspan struct {
	freeptr  uintptr
	limit    uintptr
	elemsize uintptr
}

// mcache holds the span each size class allocates from. Every P has one (Go: mcache.go);
// an M without a P (at start-up, before the Ps exist, or making a thread) allocates from
// mcache0 under mcache0Lock.
type mcache struct {
	alloc [numSizeClasses]mspan
}

var (
	mcache0     mcache
	mcache0Lock mutex
)

// allocmcache returns a new, empty mcache.
func allocmcache() *mcache {
	c := (*mcache)(mallocgc(unsafe.Sizeof(mcache{}), nil, true))
	c.init()
	return c
}

// init gives each of c's spans its object size.
func (c *mcache) init() {
	for i := 1; i < numSizeClasses; i++ {
		c.alloc[i].elemsize = uintptr(class_to_size[i])
	}
}

// mheap is the part of the current arena not yet handed out, [free, end), the address where
// the next arena goes, and the bytes of address space the heap holds from the OS; lock
// guards it.
type mheap struct {
	lock mutex
	free uintptr
	end  uintptr
	next uintptr
	sys  uintptr
}

var mheap_ mheap

// physPageSize is the kernel's page size, from the auxiliary vector (os_linux.go).
var physPageSize uintptr

// zerobase is the address of every zero-size object.
var zerobase uintptr

// mallocinit checks the page size the kernel reported (Go's messages: runtime/malloc.go
// mallocinit) and gives each span its object size. Arenas are mapped when first needed.
func mallocinit() {
	ps := physPageSize
	if ps == 0 {
		throw("failed to get system page size")
	}
	if ps < minPhysPageSize {
		print("system page size (", ps, ") is smaller than minimum page size (", minPhysPageSize, ")\n")
		throw("bad system page size")
	}
	if ps > maxPhysPageSize {
		print("system page size (", ps, ") is larger than maximum page size (", maxPhysPageSize, ")\n")
		throw("bad system page size")
	}
	if ps&(ps-1) != 0 {
		print("system page size (", ps, ") must be a power of 2\n")
		throw("bad system page size")
	}
	mcache0.init()
}

// mallocgc returns a zeroed object of size bytes. typ (the object's type descriptor, for a
// collector) and needzero (fresh pages are always zero: nothing is reused) are not needed
// yet.
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
	if size <= _MaxSmallSize {
		// sizeclass, written out: this is the allocator's hot path.
		gr := (size + 7) >> 3
		c := uintptr(granuleClass[gr])
		if c == 0 {
			c = fillGranuleClass(gr)
		}
		if pp := mp.p; pp != nil {
			p = pp.mcache.nextFree(c)
		} else {
			lock(&mcache0Lock)
			p = mcache0.nextFree(c)
			unlock(&mcache0Lock)
		}
	} else {
		lock(&mheap_.lock)
		p = heapPages(size)
		unlock(&mheap_.lock)
	}
	mp.mallocing = 0
	return unsafe.Pointer(p)
}

// nextFree cuts the next object of size class sc from c's span, refilling it when empty.
func (c *mcache) nextFree(sc uintptr) uintptr {
	s := &c.alloc[sc]
	if s.limit-s.freeptr < s.elemsize {
		refill(s)
	}
	p := s.freeptr
	s.freeptr = p + s.elemsize
	return p
}

// refill gives s a new span: whole pages, enough for at least eight objects. What was left
// of the old one is abandoned (a collector will sweep it).
func refill(s *mspan) {
	n := alignUp(8*s.elemsize, _PageSize)
	lock(&mheap_.lock)
	s.freeptr = heapPages(n)
	unlock(&mheap_.lock)
	s.limit = s.freeptr + n
}

// heapPages returns n bytes of fresh pages from the current arena, starting a new arena
// when it has too few left. mheap_.lock must be held.
func heapPages(n uintptr) uintptr {
	n = alignUp(n, _PageSize)
	if n == 0 {
		// Rounding up wrapped around: no arena can hold it, and the mapping will fail.
		n = ^uintptr(_PageSize - 1)
	}
	h := &mheap_
	if h.end-h.free < n {
		newArena(n)
	}
	p := h.free
	h.free = p + n
	return p
}

// newArena makes a fresh arena of at least n bytes the current one, in whole 64 MiB
// arenas, as Go's heap grows (runtime/mem_linux.go sysReserve and sysMap). Arenas are placed
// one after the other from heapArenaStart, Go's own first heap address, up to the stack
// slot region (stack.go), never where the kernel would choose: the kernel's choice can fall
// inside the stack slot region (with `ulimit -s unlimited`), where a stack must be free to
// grow. An address that is taken is skipped. Failing to reserve is Go's "cannot allocate"
// report; the kernel refusing to commit is "runtime: out of memory".
func newArena(n uintptr) {
	h := &mheap_
	size := alignUp(n, heapArenaBytes)
	if size < n {
		size = n
	}
	if h.next == 0 {
		h.next = heapArenaStart
	}
	for {
		base := h.next
		if base+size < base || base+size > stackRegionBase {
			print("runtime: out of memory: cannot allocate ", size, "-byte block (", h.sys, " in use)\n")
			throw("out of memory")
		}
		// Reserve, then commit, as Go does: the kernel may grant the address space
		// (PROT_NONE costs no commit charge) and still refuse the memory.
		p, err := mmap(unsafe.Pointer(base), size, _PROT_NONE, _MAP_ANON|_MAP_PRIVATE|_MAP_FIXED_NOREPLACE, -1, 0)
		if err == _EEXIST || (err == 0 && uintptr(p) != base) {
			// Taken (an old kernel that ignores MAP_FIXED_NOREPLACE maps elsewhere).
			if err == 0 {
				munmap(p, size)
			}
			h.next = base + size
			continue
		}
		if err != 0 {
			print("runtime: out of memory: cannot allocate ", size, "-byte block (", h.sys, " in use)\n")
			throw("out of memory")
		}
		got, err := mmap(p, size, _PROT_READ|_PROT_WRITE, _MAP_ANON|_MAP_FIXED|_MAP_PRIVATE, -1, 0)
		if err == _ENOMEM {
			throw("runtime: out of memory")
		}
		if err != 0 || got != p {
			print("runtime: mmap(", p, ", ", size, ") returned ", got, ", ", err, "\n")
			throw("runtime: cannot map pages in arena address space")
		}
		adviseHugePages(base, size)
		h.sys += size
		h.free = base
		h.end = base + size
		h.next = base + size
		return
	}
}

// adviseHugePages asks the kernel to back the arena [base, base+size) with transparent huge
// pages, as Go asks for the heap it uses (runtime/mem_linux.go sysHugePage): fresh memory
// then faults once per 2 MiB rather than once per 4 KiB, which matters where
// transparent_hugepage is "madvise" (a common default). The arena's first 2 MiB keep small
// pages, so that a small program stays small (hello: 0.5 MB resident rather than 2.2 MB).
// Failure is harmless: the memory is then backed by small pages.
func adviseHugePages(base, size uintptr) {
	from := alignUp(base, physHugePageSize) + physHugePageSize
	to := alignDown(base+size, physHugePageSize)
	if from < to {
		madvise(unsafe.Pointer(from), to-from, _MADV_HUGEPAGE)
	}
}

// memclrNoHeapPointers clears n bytes at ptr. In memmove_amd64.s.
func memclrNoHeapPointers(ptr unsafe.Pointer, n uintptr)

// memmove copies n bytes from "from" to "to", which may overlap. In memmove_amd64.s.
func memmove(to, from unsafe.Pointer, n uintptr)

// memequal reports whether the n bytes at a and at b are the same; the compiler calls it for
// string == and != once the lengths are equal. Eight bytes at a time; the last word, and all
// of a short string, is compared with loads that may overlap ones already made (in bounds
// all the same), so that there is no loop over single bytes.
func memequal(a, b unsafe.Pointer, n uintptr) bool {
	if a == b {
		return true
	}
	if n >= 8 {
		last := n - 8
		for i := uintptr(0); i < last; i += 8 {
			if *(*uint64)(unsafe.Add(a, i)) != *(*uint64)(unsafe.Add(b, i)) {
				return false
			}
		}
		return *(*uint64)(unsafe.Add(a, last)) == *(*uint64)(unsafe.Add(b, last))
	}
	if n >= 4 {
		return *(*uint32)(a) == *(*uint32)(b) &&
			*(*uint32)(unsafe.Add(a, n-4)) == *(*uint32)(unsafe.Add(b, n-4))
	}
	if n >= 2 {
		return *(*uint16)(a) == *(*uint16)(b) &&
			*(*uint16)(unsafe.Add(a, n-2)) == *(*uint16)(unsafe.Add(b, n-2))
	}
	return n == 0 || *(*byte)(a) == *(*byte)(b)
}
