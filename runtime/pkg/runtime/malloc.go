// The heap's objects: mallocgc, which the compiler calls for every heap object.
//
// An object of up to 32 KiB is rounded up to one of Go's size classes and cut from a span
// of that class (mheap.go), a run of pages holding objects of that one size, so that an
// address's object is found by a division; a bigger object gets a span of its own. Each P
// allocates from spans of its own (its mcache), without a lock, and takes the heap's lock
// only for another span or a big object: Go's shape (runtime/malloc.go, mcache.go). Spans
// of objects that hold no pointers (noscan) are kept apart, as Go's span classes keep them,
// so that the collector (mgc.go) never reads them. The collector frees what is unreachable;
// mallocgc starts it when the heap has grown to its goal.

package runtime

import "unsafe"

// The allocator's units. Go: runtime/malloc.go (_MaxSmallSize, _PageShift) and
// runtime/sizeclasses.go (_NumSizeClasses).
const (
	_MaxSmallSize  = 32 << 10 // the largest object a size class holds
	_PageSize      = 8 << 10  // spans are whole pages of this size
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

// mcache holds the span each span class allocates from (nil until the first allocation of
// the class), and counts what it hands out. Every P has one (Go: mcache.go); an M without a
// P (at start-up, before the Ps exist, or making a thread) allocates from mcache0 under
// mcache0Lock.
type mcache struct {
	alloc [numSpanClasses]*mspan

	// The tiny allocator's block (see mallocgc): its address (0 for none) and how much of it
	// is handed out. It is not a root: release forgets it at every collection, as Go's
	// mcache.releaseAll does, since the collector may free it.
	tiny       uintptr
	tinyoffset uintptr

	// Objects and bytes handed out since the collector last took the counts (mstats.go);
	// tinyAllocs counts the objects put into an existing tiny block.
	nmalloc    uint64
	allocBytes uint64
	tinyAllocs uint64

	// nextSample is how many more bytes this cache hands out before the next allocation
	// the memory profile records (mprof.go).
	nextSample uintptr
}

var (
	mcache0     mcache
	mcache0Lock mutex
)

// allocmcache returns a new, empty mcache.
func allocmcache() *mcache {
	c := (*mcache)(mallocNoscan(unsafe.Sizeof(mcache{}), true))
	c.nextSample = nextSample()
	return c
}

// release hands c's spans back to the heap (they are swept like any other) and adds its
// counts to the heap's statistics. The world is stopped.
func (c *mcache) release() {
	for i := range c.alloc {
		c.alloc[i] = nil
	}
	c.tiny, c.tinyoffset = 0, 0
	c.flushStats()
}

// physPageSize is the kernel's page size, from the auxiliary vector (os_linux.go).
var physPageSize uintptr

// zerobase is the address of every zero-size object.
var zerobase uintptr

// mallocinit checks the page size the kernel reported (Go's messages: runtime/malloc.go
// mallocinit) and settles whether the memory profile samples. Arenas are mapped when first
// needed.
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
	initMemProfile()
}

// anyPointers stands for the type of a runtime structure (a g, an m, a channel...) in
// mallocgc: it has no descriptor, and any word may hold a pointer.
var anyPointers = _type{ptrdata: 1}

// mallocRuntime returns a zeroed runtime structure, scanned in every word.
func mallocRuntime(size uintptr) unsafe.Pointer {
	return mallocgc(size, unsafe.Pointer(&anyPointers), true)
}

// mallocNoscan returns an object of size bytes that will never hold a pointer the collector
// must follow (bytes of a string, numbers): it goes to a noscan span.
func mallocNoscan(size uintptr, needzero bool) unsafe.Pointer {
	return mallocgc(size, nil, needzero)
}

// mallocgc returns an object of size bytes, zeroed if needzero (a caller that writes all of
// it may pass false). typ is the descriptor of the object's type, or of its element type
// when size is a multiple of it (an array); nil means the object holds no pointers, as in
// Go's mallocgc. The pointer words typ's mask marks are recorded for the collector (the
// span's heap bits, or a big object's type); anyPointers marks them all. After taking a new
// span or a big object it starts a collection if the heap has reached its goal.
func mallocgc(size uintptr, typp unsafe.Pointer, needzero bool) unsafe.Pointer {
	typ := (*_type)(typp)
	noscan := typ == nil || typ.ptrdata == 0
	if typ == &anyPointers {
		typ = nil
	}
	if size == 0 {
		return unsafe.Pointer(&zerobase)
	}
	mp := getg().m
	if mp.mallocing != 0 {
		throw("malloc deadlock")
	}
	// The tiny allocator (Go: runtime/malloc.go mallocgc): pointer-free objects of under
	// maxTinySize bytes are packed into one 16-byte block per P, each aligned as its size
	// allows, so that small strings and numbers do not take 8 or 16 bytes each. A block is
	// freed when nothing points into it any more.
	if size < maxTinySize && noscan && mp.p != nil {
		c := mp.p.mcache
		off := c.tinyoffset
		if size&7 == 0 {
			off = alignUp(off, 8)
		} else if size&3 == 0 {
			off = alignUp(off, 4)
		} else if size&1 == 0 {
			off = alignUp(off, 2)
		}
		if off+size <= maxTinySize && c.tiny != 0 {
			c.tinyoffset = off + size
			c.tinyAllocs++
			return unsafe.Pointer(c.tiny + off)
		}
		return mallocTinyBlock(size)
	}
	mp.mallocing = 1
	var p uintptr
	var s *mspan
	grew := false
	if size <= _MaxSmallSize {
		// sizeclass, written out: this is the allocator's hot path.
		gr := (size + 7) >> 3
		c := uintptr(granuleClass[gr])
		if c == 0 {
			c = fillGranuleClass(gr)
		}
		spc := c << 1
		if noscan {
			spc |= 1
		}
		pp := mp.p
		// The fast path, written out: the P's span has a free slot in its allocCache.
		if pp != nil {
			c := pp.mcache
			s = c.alloc[spc]
			if s != nil && s.allocCache != 0 {
				z := uintptr(0)
				for s.allocCache>>z&1 == 0 {
					z++
				}
				idx := s.freeindex + z
				if idx < s.nelems && (s.freeindex+z+1)%64 != 0 {
					s.freeindex = idx + 1
					s.allocCache >>= z + 1
					s.allocCount++
					c.nmalloc++
					c.allocBytes += uint64(s.elemsize)
					p = s.base + idx*s.elemsize
				} else {
					s = nil
				}
			} else {
				s = nil
			}
		}
		if s == nil {
			if pp != nil {
				p, s, grew = pp.mcache.nextFree(spc)
			} else {
				lock(&mcache0Lock)
				p, s, grew = mcache0.nextFree(spc)
				unlock(&mcache0Lock)
			}
		}
		if needzero && s.needzero {
			if s.elemsize <= 64 {
				for off := uintptr(0); off < s.elemsize; off += 8 {
					*(*uintptr)(unsafe.Pointer(p + off)) = 0
				}
			} else {
				memclrNoHeapPointers(unsafe.Pointer(p), s.elemsize)
			}
		}
		if !noscan {
			// writeHeapBits's common case, written out: one value whose mask is one byte,
			// in one word of bits.
			w0 := (p - s.base) / 8
			nw := s.elemsize / 8
			if typ != nil && size <= typ.size && typ.ptrdata <= 64 && w0%64+nw <= 64 {
				bits := (*uint64)(unsafe.Pointer(s.heapBits + w0/64*8))
				slot := (^uint64(0) >> (64 - nw)) << (w0 % 64)
				*bits = *bits&^slot | uint64(*typ.gcdata)<<(w0%64)
			} else {
				s.writeHeapBits(p, size, typ)
			}
		}
	} else {
		lock(&mheap_.lock)
		s = largeAlloc(size, noscan)
		unlock(&mheap_.lock)
		p = s.base
		if needzero && s.needzero {
			memclrNoHeapPointers(unsafe.Pointer(p), s.elemsize)
		}
		s.largeType = typ
		s.largeSize = size
		grew = true
	}
	mp.mallocing = 0
	if rate := MemProfileRate; rate > 0 {
		// The memory profile's sampling (mprof.go), counted in whole slots as Go counts.
		if pp := mp.p; pp != nil {
			c := pp.mcache
			if rate > 1 && s.elemsize < c.nextSample {
				c.nextSample -= s.elemsize
			} else {
				profileAlloc(c, p, s.elemsize)
			}
		}
	}
	if gcStressEvery != 0 {
		if atomicxadd(&gcStressCount, 1)%gcStressEvery == 0 {
			gcTrigger(true)
		}
	} else if grew && mheap_.heapLive >= gcTriggerGoal {
		gcTrigger(false)
	}
	if gp := mp.curg; gp != nil && gp.preempt {
		yieldIfAsked(getg(), *(*uintptr)(unsafe.Pointer(getfp() + 8)))
	}
	return unsafe.Pointer(p)
}

// mallocTinyBlock starts a new tiny block with an object of size bytes at its start: a
// zeroed 16-byte object (the rest of it is handed out later), which becomes the P's block if
// it has more room left than the P's current one. It is mallocgc's own path written apart,
// so that mallocgc's other paths keep their registers.
func mallocTinyBlock(size uintptr) unsafe.Pointer {
	p := mallocgc(maxTinySize, nil, true)
	// The allocation may have collected (which forgets every block) or let the goroutine
	// move to another P: the P's state is read afresh.
	if pp := getg().m.p; pp != nil {
		if c := pp.mcache; size < c.tinyoffset || c.tiny == 0 {
			c.tiny, c.tinyoffset = uintptr(p), size
		}
	}
	return p
}

// nextFree hands out the next free object of span class spc from c, refilling the class's
// span when it is full; grew says whether it did.
func (c *mcache) nextFree(spc uintptr) (p uintptr, s *mspan, grew bool) {
	s = c.alloc[spc]
	idx := uintptr(0)
	if s != nil {
		idx = s.nextFreeIndex()
	}
	if s == nil || idx == s.nelems {
		s = c.refill(spc)
		idx = s.nextFreeIndex()
		if idx == s.nelems {
			throw("span has no free objects")
		}
		grew = true
	}
	s.allocCount++
	c.nmalloc++
	c.allocBytes += uint64(s.elemsize)
	return s.base + idx*s.elemsize, s, grew
}

// nextFreeIndex returns the index of s's next free slot and takes it, or s.nelems when s is
// full. Go: runtime/mbitmap.go nextFreeIndex.
func (s *mspan) nextFreeIndex() uintptr {
	for s.freeindex < s.nelems {
		if c := s.allocCache; c != 0 {
			z := ctz64(c)
			idx := s.freeindex + z
			if idx >= s.nelems {
				break
			}
			s.freeindex = idx + 1
			if s.freeindex%64 == 0 {
				s.loadAllocCache()
			} else {
				s.allocCache = c >> (z + 1)
			}
			return idx
		}
		s.freeindex = alignUp(s.freeindex+1, 64)
		s.loadAllocCache()
	}
	s.freeindex = s.nelems
	return s.nelems
}

// loadAllocCache sets allocCache to the free slots from freeindex to the end of its word.
func (s *mspan) loadAllocCache() {
	if s.freeindex < s.nelems {
		s.allocCache = ^s.allocBits[s.freeindex/64] >> (s.freeindex % 64)
	}
}

// refill gives c a span of class spc with a free slot: a swept one with free slots, else
// one the sweep frees slots in (up to 100 spans swept, as Go's cacheSpan's budget), else a
// new one, for which the sweep is paid first (mgcsweep.go). The span it had is left to the
// collector's next sweep.
func (c *mcache) refill(spc uintptr) *mspan {
	h := &mheap_
	lock(&h.lock)
	if h.partial[spc] == nil && h.nunswept != 0 && !h.sweepClassLocked(spc, 100) {
		h.sweepCredit(spanPages(spc>>1) * _PageSize)
	}
	s := h.partial[spc]
	if s != nil {
		h.partial[spc] = s.next
		s.next = nil
	} else {
		s = h.allocSmall(spc)
	}
	// The bytes it may yet hand out count as live: Go's heapLive counts an mcache's span
	// whole (mcache.go refill).
	h.heapLive += (s.nelems - s.allocCount) * s.elemsize
	unlock(&h.lock)
	c.alloc[spc] = s
	return s
}

// spanPages is the number of pages a span of class sc takes: enough for eight objects,
// whole pages, so that no span holds more than maxObjsPerSpan objects.
func spanPages(sc uintptr) uintptr {
	return alignUp(8*uintptr(class_to_size[sc]), _PageSize) / _PageSize
}

// allocSmall returns a new, empty span of class spc. mheap_.lock must be held.
func (h *mheap) allocSmall(spc uintptr) *mspan {
	sc := spc >> 1
	size := uintptr(class_to_size[sc])
	npages := spanPages(sc)
	s := h.allocSpan(npages)
	s.initObjects(uint8(spc), size, npages*_PageSize/size)
	if !s.noscan {
		s.heapBits = h.allocHeapBits(npages)
	}
	h.addSpan(s)
	return s
}

// largeAlloc returns a span holding one object of size bytes. mheap_.lock must be held.
func largeAlloc(size uintptr, noscan bool) *mspan {
	npages := alignUp(size, _PageSize) / _PageSize
	if npages == 0 || size > ^uintptr(0)-_PageSize {
		// Rounding up wrapped around: no arena can hold it.
		print("runtime: out of memory: cannot allocate ", size, "-byte block (", mheap_.sys, " in use)\n")
		throw("out of memory")
	}
	h := &mheap_
	h.sweepCredit(npages * _PageSize)
	s := h.allocSpan(npages)
	var spc uint8
	if noscan {
		spc = 1
	}
	s.initObjects(spc, npages*_PageSize, 1)
	h.addSpan(s)
	s.large = true
	s.freeindex = 1
	s.allocCount = 1
	h.heapLive += s.elemsize
	memstats.nmalloc++
	memstats.totalAlloc += uint64(s.elemsize)
	return s
}

// initObjects makes s, just allocated, hold n objects of size bytes of span class spc, all
// free.
func (s *mspan) initObjects(spc uint8, size, n uintptr) {
	s.spanclass = spc
	s.noscan = spc&1 != 0
	s.elemsize = size
	s.nelems = n
	s.limit = s.base + n*size
	s.divMul = ^uint32(0)/uint32(size) + 1
	s.large = false
	s.freeindex = 0
	s.allocCount = 0
	s.allocCache = ^uint64(0)
	s.allocBits = [spanBitWords]uint64{}
	s.markBits = [spanBitWords]uint64{}
}

// ctz64 returns the number of trailing zero bits of x, which is not 0. In asm_amd64.s.
func ctz64(x uint64) uintptr

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
