// The heap's pages: arenas, spans and the map from a page to its span.
//
// The heap is made of 64 MiB arenas, mapped one after the other from Go's first heap address
// (newArena). Its unit is the 8 KiB page: every page of an arena belongs to one span, a run
// of pages that is either in use (small objects of one size class, or one big object) or
// free. A free run of n pages waits on free[n] (n < freeListPages) or on freeLarge, and
// freeing a span merges it with the free runs on either side, so runs stay as long as they
// can be. Go: runtime/mheap.go, whose page allocator is a radix tree over a bitmap of pages
// (mpagealloc.go); runs on size-indexed lists are the older allocator's design (Go 1.11's
// mheap.free), simpler and as good for the heaps tbuild's programs make.
//
// The span records (mspan) and the page map are not in the heap: they live in memory the
// runtime maps for itself (sysAlloc) and the collector never scans or frees. Every page of
// a span in use maps to it, so that the collector finds the object any interior pointer
// points into (mgc.go findObject); of a free run only the first and last pages are kept
// current, which is all that merging needs.

package runtime

import "unsafe"

const (
	pageShift     = 13 // log2(_PageSize)
	pagesPerArena = heapArenaBytes / _PageSize

	// Arenas lie between heapArenaStart and the stack slot region (stack.go).
	maxArenas = (stackRegionBase - heapArenaStart) / heapArenaBytes

	// A free run shorter than this many pages waits on the list of its length.
	freeListPages = 128

	// The most objects a span holds: class 1 (8 bytes) in one page. Spans of small objects
	// are sized (spanPages) so that none holds more.
	maxObjsPerSpan = _PageSize / 8
	spanBitWords   = maxObjsPerSpan / 64

	// The most pages a span of small objects takes (spanPages of the largest class).
	maxSmallSpanPages = 8 * _MaxSmallSize / _PageSize

	// Span classes: a size class and whether its objects are pointer-free (noscan), as
	// Go's spanClass (mheap.go): class<<1 | noscan.
	numSpanClasses = numSizeClasses << 1
)

// Span states. Go: runtime/mheap.go mSpanState.
const (
	mSpanDead  = 0 // the record is unused
	mSpanInUse = 1 // holds objects
	mSpanFree  = 2 // a run of free pages
)

// An mspan is a run of pages: free, or in use for objects of one size (Go:
// runtime/mheap.go mspan). Objects are handed out by freeindex and allocCache: every slot
// below freeindex is taken, and a slot at or above it is taken if its bit in allocBits is
// set; allocCache holds the complement of allocBits from freeindex to the end of its word,
// so that the next free slot is a count of trailing zeros away (Go: mbitmap.go
// nextFreeIndex). The collector sets markBits; sweeping makes them the new allocBits.
type mspan struct {
	next *mspan // on a free list (doubly linked) or a partial list
	prev *mspan

	allnext *mspan // on mheap_.inuse, every span in use
	allprev *mspan

	sweepnext *mspan // on a sweep set (mgcsweep.go)

	base     uintptr // the first page's address
	npages   uintptr
	limit    uintptr // the end of the last object
	elemsize uintptr
	nelems   uintptr
	divMul   uint32 // ^uint32(0)/elemsize + 1: an offset's object index is off*divMul>>32

	state     uint8
	spanclass uint8
	noscan    bool // no object here holds a pointer: the collector never scans them
	needzero  bool // the pages may hold old data: clear what is handed out
	scavenged bool   // a free run whose pages were given back to the OS (scavenge)
	freeGen   uint32 // the collection count when the run last grew (scavenge ages runs)
	large     bool // one object of more than _MaxSmallSize

	freeindex  uintptr
	allocCache uint64
	allocCount uintptr // objects in use

	allocBits [spanBitWords]uint64
	markBits  [spanBitWords]uint64

	// Which words hold pointers, for the collector. A span of small objects that may hold
	// pointers has heap bits: one bit per word of the span, from base (Go 1.19 keeps two
	// bits per word in the arena's bitmap; runtime/mbitmap.go), written for each object as
	// it is handed out. A big object has its type instead, whose mask repeats every
	// typ.size bytes over largeSize bytes; a nil type (a runtime structure) means any word.
	heapBits  uintptr
	largeType *_type
	largeSize uintptr

	// The finalizers of objects of this span (mfinal.go), under finLock.
	finalizers *finalizer
	// The records of its objects the memory profile sampled (mprof.go), under profLock.
	profiled *profSpecial
}

// A heapArena is the page map of one arena: the span of each page. Go: runtime/mheap.go
// heapArena.spans.
type heapArena struct {
	spans [pagesPerArena]*mspan
}

// mheap is the heap: its arenas, free runs and spans in use, and its accounting. lock guards
// all of it but the fields the collector changes with the world stopped. Go: runtime/mheap.go.
type mheap struct {
	lock mutex

	// arenas[i] is the page map of the arena at heapArenaStart + i*heapArenaBytes, or 0.
	// Held as uintptr: the maps are outside the heap, and .noptrbss needs no scanning.
	arenas  [maxArenas]uintptr
	next    uintptr // where the next arena goes
	arenaHi uintptr // the end of the highest arena

	free      [freeListPages]*mspan // free runs by length
	freeMask  [freeListPages / 64]uint64
	freeLarge *mspan // free runs of freeListPages pages or more

	inuse *mspan // every span in use (allnext)

	// partial[spc] lists swept spans of class spc with free slots, for refill.
	partial [numSpanClasses]*mspan

	// The sweep (mgcsweep.go): every span in use is on sweepSets[sweepgen%2] (swept) or
	// sweepSets[(sweepgen+1)%2] (not yet swept), by span class; nunswept of the nspans spans
	// in use are still to sweep, and the sweep goes on from class sweepClass. pagesSwept
	// pages were swept since the collection; allocation sweeps sweepPagesPerByte pages per
	// byte the heap grows beyond what the collection found live (gcMarked).
	sweepSets         [2][numSpanClasses]*mspan
	sweepgen          uint32
	sweepClass        uintptr
	nspans            uintptr
	nunswept          uint64 // read without the lock by atomicload64
	sweepAfterIdle    bool   // this sweep follows a collection by time (mgcforce.go)
	pagesSwept        uintptr
	sweepPagesPerByte float64

	spanPool     *mspan  // dead span records, for reuse (next)
	spanChunk    uintptr // fresh memory for span records: [spanChunk, spanChunkEnd)
	spanChunkEnd uintptr
	bitsChunk    uintptr // fresh memory for heap bitmaps: [bitsChunk, bitsChunkEnd)
	bitsChunkEnd uintptr

	// heapBitsPool[n] holds unused heap bitmaps of n-page spans, linked through their
	// first word.
	heapBitsPool [maxSmallSpanPages + 1]uintptr

	// Accounting (mstats.go). heapLive is the bytes of objects in use or reserved by an
	// mcache since the last collection (Go: gcController.heapLive).
	sys        uintptr // address space mapped for arenas
	pagesInUse uintptr
	heapLive   uintptr
	released   uintptr // bytes of free runs given back to the OS (scavenge)
	freeBytes  uintptr // bytes of free runs
	spanSys    uintptr // memory for span records and page maps
}

var mheap_ mheap

// spanOfPage returns the span record the page map holds for the page at p, or nil. The
// record may be stale (an interior page of a free run): callers check its state and bounds.
func spanOfPage(p uintptr) *mspan {
	if p < heapArenaStart || p >= mheap_.arenaHi {
		return nil
	}
	ha := mheap_.arenas[(p-heapArenaStart)/heapArenaBytes]
	if ha == 0 {
		return nil
	}
	return (*heapArena)(unsafe.Pointer(ha)).spans[(p/_PageSize)%pagesPerArena]
}

// setSpan makes the pages [base, base+n pages) map to s.
func setSpan(base, n uintptr, s *mspan) {
	for i := uintptr(0); i < n; i++ {
		p := base + i*_PageSize
		ha := (*heapArena)(unsafe.Pointer(mheap_.arenas[(p-heapArenaStart)/heapArenaBytes]))
		ha.spans[(p/_PageSize)%pagesPerArena] = s
	}
}

// sysAlloc maps n bytes of zeroed memory for the runtime's own use, outside the heap.
// Go: runtime/mem_linux.go sysAllocOS.
func sysAlloc(n uintptr) unsafe.Pointer {
	p, err := mmap(nil, n, _PROT_READ|_PROT_WRITE, _MAP_ANON|_MAP_PRIVATE, -1, 0)
	if err != 0 {
		print("runtime: cannot allocate ", n, " bytes of runtime memory (errno ", err, ")\n")
		throw("runtime: out of memory")
	}
	mheap_.spanSys += n
	return p
}

// newSpanRecord returns a cleared span record: a freed one, or the next of the current
// chunk of fresh (zero) memory, 64 KiB mapped at a time (Go: runtime/mfixalloc.go).
// mheap_.lock must be held.
func (h *mheap) newSpanRecord() *mspan {
	if s := h.spanPool; s != nil {
		h.spanPool = s.next
		*s = mspan{}
		return s
	}
	size := unsafe.Sizeof(mspan{})
	if h.spanChunk+size > h.spanChunkEnd {
		const chunk = 64 << 10
		h.spanChunk = uintptr(sysAlloc(chunk))
		h.spanChunkEnd = h.spanChunk + chunk
	}
	s := (*mspan)(unsafe.Pointer(h.spanChunk))
	h.spanChunk += size
	return s
}

// freeSpanRecord returns a record to the pool. mheap_.lock must be held.
func (h *mheap) freeSpanRecord(s *mspan) {
	s.state = mSpanDead
	s.next = h.spanPool
	h.spanPool = s
}

// linkFree puts the free run s on its list and maps its first and last pages to it.
func (h *mheap) linkFree(s *mspan) {
	s.state = mSpanFree
	h.freeBytes += s.npages * _PageSize
	if s.scavenged {
		h.released += s.npages * _PageSize
	}
	setSpan(s.base, 1, s)
	setSpan(s.base+(s.npages-1)*_PageSize, 1, s)
	s.prev = nil
	if s.npages < freeListPages {
		s.next = h.free[s.npages]
		h.free[s.npages] = s
		h.freeMask[s.npages/64] |= 1 << (s.npages % 64)
	} else {
		s.next = h.freeLarge
		h.freeLarge = s
	}
	if s.next != nil {
		s.next.prev = s
	}
}

// unlinkFree takes the free run s off its list.
func (h *mheap) unlinkFree(s *mspan) {
	h.freeBytes -= s.npages * _PageSize
	if s.scavenged {
		h.released -= s.npages * _PageSize
	}
	if s.prev != nil {
		s.prev.next = s.next
	} else if s.npages < freeListPages {
		h.free[s.npages] = s.next
		if s.next == nil {
			h.freeMask[s.npages/64] &^= 1 << (s.npages % 64)
		}
	} else {
		h.freeLarge = s.next
	}
	if s.next != nil {
		s.next.prev = s.prev
	}
	s.next = nil
	s.prev = nil
}

// findFree returns a free run of at least npages pages, or nil: the shortest list that
// can serve, else the long run at the lowest address that is long enough. (Lowest first,
// as Go's page allocator allocates: the heap's untouched end is the last run taken, so the
// pages a program touches stay few even when runs are freed while it allocates, as the
// sweep frees them.)
func (h *mheap) findFree(npages uintptr) *mspan {
	for i := npages; i < freeListPages; {
		w := h.freeMask[i/64] >> (i % 64)
		if w == 0 {
			i = alignUp(i+1, 64)
			continue
		}
		return h.free[i+ctz64(w)]
	}
	var best *mspan
	for s := h.freeLarge; s != nil; s = s.next {
		if s.npages >= npages && (best == nil || s.base < best.base) {
			best = s
		}
	}
	return best
}

// allocSpan returns a span in use of npages pages, cut from a free run (the rest of the
// run stays free), growing the heap when no run is long enough. mheap_.lock must be held.
func (h *mheap) allocSpan(npages uintptr) *mspan {
	s := h.findFree(npages)
	// Sweep before growing the heap: the pages may be there, in spans still to sweep.
	// Go: runtime/mheap.go reclaim.
	for s == nil && h.sweepOneLocked() {
		s = h.findFree(npages)
	}
	if s == nil {
		newArena(npages * _PageSize)
		s = h.findFree(npages)
		if s == nil {
			throw("out of memory")
		}
	}
	h.unlinkFree(s)
	if s.npages > npages {
		rest := h.newSpanRecord()
		rest.base = s.base + npages*_PageSize
		rest.npages = s.npages - npages
		rest.needzero = s.needzero
		rest.scavenged = s.scavenged
		h.linkFree(rest)
		s.npages = npages
	}
	s.scavenged = false
	s.state = mSpanInUse
	setSpan(s.base, npages, s)
	s.allprev = nil
	s.allnext = h.inuse
	if h.inuse != nil {
		h.inuse.allprev = s
	}
	h.inuse = s
	h.pagesInUse += npages
	return s
}

// freeSpan gives the pages of the span in use s back, merged with the free runs beside
// them; the sweep frees a span when nothing in it was marked. mheap_.lock must be held.
func (h *mheap) freeSpan(s *mspan) {
	if s.allprev != nil {
		s.allprev.allnext = s.allnext
	} else {
		h.inuse = s.allnext
	}
	if s.allnext != nil {
		s.allnext.allprev = s.allprev
	}
	s.allnext = nil
	s.allprev = nil
	h.pagesInUse -= s.npages
	if s.heapBits != 0 {
		h.freeHeapBits(s.heapBits, s.npages)
		s.heapBits = 0
	}
	s.large = false
	s.largeType = nil
	h.insertFree(s, true)
}

// allocHeapBits returns a heap bitmap for an npages-page span: npages*_PageSize/64 bytes,
// outside the heap: a freed one, or fresh memory mapped 64 KiB at a time. Its bits are
// written as objects are handed out. mheap_.lock must be held.
func (h *mheap) allocHeapBits(npages uintptr) uintptr {
	if b := h.heapBitsPool[npages]; b != 0 {
		h.heapBitsPool[npages] = *(*uintptr)(unsafe.Pointer(b))
		*(*uintptr)(unsafe.Pointer(b)) = 0
		return b
	}
	size := npages * _PageSize / 64
	if h.bitsChunk+size > h.bitsChunkEnd {
		const chunk = 64 << 10
		h.bitsChunk = uintptr(sysAlloc(chunk))
		h.bitsChunkEnd = h.bitsChunk + chunk
	}
	b := h.bitsChunk
	h.bitsChunk += size
	return b
}

// freeHeapBits returns the heap bitmap b of an npages-page span to the pool.
func (h *mheap) freeHeapBits(b, npages uintptr) {
	*(*uintptr)(unsafe.Pointer(b)) = h.heapBitsPool[npages]
	h.heapBitsPool[npages] = b
}

// writeHeapBits records which words of the object at p (size bytes of values of typ, nil
// for a runtime structure, any of whose words may point) hold pointers, and clears the
// rest of its slot's bits.
func (s *mspan) writeHeapBits(p, size uintptr, typ *_type) {
	w0 := (p - s.base) / 8
	nw := s.elemsize / 8
	if typ == nil {
		setHeapBitRange(s.heapBits, w0, nw, true)
		return
	}
	if size <= typ.size && typ.ptrdata <= 64 && w0%64+nw <= 64 {
		// One value whose mask is one byte, in one word of bits: the common case, written
		// at once.
		bits := (*uint64)(unsafe.Pointer(s.heapBits + w0/64*8))
		slot := (^uint64(0) >> (64 - nw)) << (w0 % 64)
		*bits = *bits&^slot | uint64(*typ.gcdata)<<(w0%64)
		return
	}
	setHeapBitRange(s.heapBits, w0, nw, false)
	esize := typ.size / 8
	pw := typ.ptrdata / 8
	n := uintptr(1)
	if typ.size != 0 && size > typ.size {
		n = size / typ.size
	}
	for e := uintptr(0); e < n; e++ {
		base := w0 + e*esize
		for i := uintptr(0); i < pw; i += 8 {
			b := *(*uint8)(unsafe.Add(unsafe.Pointer(typ.gcdata), i/8))
			for b != 0 {
				w := base + i + ctz64(uint64(b))
				b &= b - 1
				bits := (*uint64)(unsafe.Pointer(s.heapBits + w/64*8))
				*bits |= 1 << (w % 64)
			}
		}
	}
}

// setHeapBitRange sets (or clears) the n bits from bit w of the bitmap at b.
func setHeapBitRange(b, w, n uintptr, on bool) {
	for n > 0 {
		k := 64 - w%64
		if k > n {
			k = n
		}
		m := ^uint64(0)
		if k < 64 {
			m = (uint64(1)<<k - 1) << (w % 64)
		}
		bits := (*uint64)(unsafe.Pointer(b + w/64*8))
		if on {
			*bits |= m
		} else {
			*bits &^= m
		}
		w += k
		n -= k
	}
}

// insertFree makes the pages of s a free run, merged with the free runs beside them; dirty
// says whether its pages may hold old data. mheap_.lock must be held.
func (h *mheap) insertFree(s *mspan, dirty bool) {
	s.freeGen = memstats.numgc
	s.needzero = dirty
	s.scavenged = !dirty // fresh pages: nothing to give back
	if before := spanOfPage(s.base - _PageSize); before != nil && before.state == mSpanFree &&
		before.base+before.npages*_PageSize == s.base {
		h.unlinkFree(before)
		s.base = before.base
		s.npages += before.npages
		s.needzero = s.needzero || before.needzero
		s.scavenged = s.scavenged && before.scavenged
		h.freeSpanRecord(before)
	}
	end := s.base + s.npages*_PageSize
	if after := spanOfPage(end); after != nil && after.state == mSpanFree && after.base == end {
		h.unlinkFree(after)
		s.npages += after.npages
		s.needzero = s.needzero || after.needzero
		s.scavenged = s.scavenged && after.scavenged
		h.freeSpanRecord(after)
	}
	h.linkFree(s)
}

// newArena maps fresh arenas, at least n bytes in whole 64 MiB arenas, and frees their
// pages into the heap, as Go's heap grows (runtime/mem_linux.go sysReserve and sysMap).
// Arenas are placed one after the other from heapArenaStart, Go's own first heap address,
// up to the stack slot region (stack.go), never where the kernel would choose: the kernel's
// choice can fall inside the stack slot region (with `ulimit -s unlimited`), where a stack
// must be free to grow. An address that is taken is skipped. Failing to reserve is Go's
// "cannot allocate" report; the kernel refusing to commit is "runtime: out of memory".
// mheap_.lock must be held.
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
		for a := base; a < base+size; a += heapArenaBytes {
			h.arenas[(a-heapArenaStart)/heapArenaBytes] = uintptr(sysAlloc(unsafe.Sizeof(heapArena{})))
		}
		h.sys += size
		h.next = base + size
		if h.next > h.arenaHi {
			h.arenaHi = h.next
		}
		s := h.newSpanRecord()
		s.base = base
		s.npages = size / _PageSize
		h.insertFree(s, false)
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

// scavengeMinPages is the shortest free run scavenge gives back: shorter ones cost a system
// call for little memory, and are the likeliest to be used again soon.
const scavengeMinPages = 16

// scavenge gives the memory of free runs back to the OS (MADV_DONTNEED: the pages stay
// mapped and come back zero when touched) until the heap keeps at most retain bytes, the
// longest runs first, and only runs that have stayed free through minAge collections: a
// heap that swings between collections would otherwise give pages back only to fault them
// in again. Go: runtime/mgcscavenge.go, which works in the background toward the
// next goal plus 10%; here it runs when each collection's sweep is done (mgcsweep.go).
// mheap_.lock must be held.
func (h *mheap) scavenge(retain uintptr, minAge uint32) {
	held := h.pagesInUse*_PageSize + h.freeBytes - h.released
	for held > retain {
		s := h.freeLarge
		for s != nil && (s.scavenged || s.freeGen+minAge > memstats.numgc) {
			s = s.next
		}
		if s == nil {
			for n := freeListPages - 1; n >= scavengeMinPages && s == nil; n-- {
				for t := h.free[n]; t != nil; t = t.next {
					if !t.scavenged && t.freeGen+minAge <= memstats.numgc {
						s = t
						break
					}
				}
			}
		}
		if s == nil {
			return
		}
		n := s.npages * _PageSize
		madvise(unsafe.Pointer(s.base), n, _MADV_DONTNEED)
		s.scavenged = true
		s.needzero = false
		h.released += n
		held -= n
	}
}

// scavengeAll gives every free run back to the OS, however short and however recently
// freed (runtime/debug.FreeOSMemory). mheap_.lock must be held.
func (h *mheap) scavengeAll() {
	h.releaseList(h.freeLarge)
	for n := range h.free {
		h.releaseList(h.free[n])
	}
}

// releaseList gives the free runs of the list from s back to the OS.
func (h *mheap) releaseList(s *mspan) {
	for ; s != nil; s = s.next {
		if !s.scavenged {
			madvise(unsafe.Pointer(s.base), s.npages*_PageSize, _MADV_DONTNEED)
			s.scavenged = true
			s.needzero = false
			h.released += s.npages * _PageSize
		}
	}
}
