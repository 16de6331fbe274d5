// The memory profile: runtime.MemProfileRate, MemProfile and MemProfileRecord, which
// runtime/pprof's heap profile and programs that count their own allocations read.
//
// Sampling, as Go samples (runtime/malloc.go mallocgc, profilealloc, nextSample): each
// P's mcache counts down the bytes it hands out from a random start, and the allocation
// that reaches zero is recorded, with its call stack, and the countdown starts again from a
// new draw. The draws follow an exponential distribution of mean MemProfileRate, so that
// samples form a Poisson process over the bytes allocated and a reader can scale each
// record back to the whole (pprof does: 1/(1-exp(-size/rate))). MemProfileRate = 1 records
// every allocation; 0 none. Objects put into an existing tiny block are not sampled, only
// the 16-byte blocks themselves, as in Go.
//
// A record is a bucket per (call stack, object size) with four counts. A sampled object
// gets a profile record on its span (mspan.profiled, as Go's specialprofile is a span
// special), so that the sweep that frees it counts the free in its bucket. What MemProfile
// returns is the state as of the last completed collection, as Go's is: allocations since
// then are recent; a collection makes them the cycle's (cycleProfile), its sweep counts
// the frees it finds there, and once the sweep is done the cycle is published
// (publishProfile): so a record never shows an allocation that no collection has yet had
// the chance to free. (Go keeps three cycles, for the allocations of a cycle whose sweep
// goes on while the next collection starts; tbuild finishes the sweep before the next
// collection marks, so two are enough.) And as in Go, a profile with nothing published
// yet (no collection ran) shows everything.
//
// The buckets, the table that finds them and the span records live outside the heap
// (sysAlloc), so that recording a sample never allocates from the heap it is sampling,
// and nothing the collector frees is named by them: a bucket holds PCs, a span record an
// address as a plain word.

package runtime

import "unsafe"

// MemProfileRate is the sampling rate of the memory profile: on average one allocation is
// recorded per MemProfileRate bytes allocated; 1 records all, 0 none. Go's default.
var MemProfileRate int = 512 * 1024

// memProfileUsedAddr is the address of the linker's byte saying whether the program refers
// to MemProfile (linker/src/memprofile.rs; asm_amd64.s).
func memProfileUsedAddr() uintptr

// initMemProfile turns sampling off in a program that cannot read the profile, as Go's
// schedinit does when its linker found MemProfile unreachable: such a program sees
// MemProfileRate == 0, as under Go. mallocinit calls it, before any mcache exists.
func initMemProfile() {
	if *(*uint8)(unsafe.Pointer(memProfileUsedAddr())) == 0 {
		MemProfileRate = 0
	}
}

// profStackDepth is the most frames a bucket keeps: the size of MemProfileRecord.Stack0.
const profStackDepth = 32

// profBuckets is the number of chains in the bucket table: 1<<profBucketBits.
const (
	profBucketBits = 14
	profBuckets    = 1 << profBucketBits
)

// memCounts are the four counts of a memory profile record.
type memCounts struct {
	allocs, frees          uintptr
	allocBytes, freeBytes uintptr
}

// take adds b's counts to a's and clears b.
func (a *memCounts) take(b *memCounts) {
	a.allocs += b.allocs
	a.frees += b.frees
	a.allocBytes += b.allocBytes
	a.freeBytes += b.freeBytes
	*b = memCounts{}
}

// profBucket is one record of the memory profile: allocations of size bytes from one
// call stack. published is what MemProfile shows; cycle what happened before the last
// collection and the frees its sweep has found so far; recent the allocations since.
type profBucket struct {
	next      *profBucket // in its chain of the table
	allnext   *profBucket // in the list of every bucket, newest first
	hash      uintptr
	size      uintptr
	nstk      uintptr
	stk       [profStackDepth]uintptr
	published memCounts
	cycle     memCounts
	recent    memCounts
}

// profSpecial says that the object at obj was sampled into bucket b.
type profSpecial struct {
	next *profSpecial
	obj  uintptr
	b    *profBucket
}

var (
	// profLock guards everything below, the buckets' counts and the spans' profiled lists.
	profLock    mutex
	profTable   *[profBuckets]*profBucket
	profAll     *profBucket
	profSpecials *profSpecial // free records
	// profChunk and profChunkLeft are the off-heap memory buckets are cut from.
	profChunk     uintptr
	profChunkLeft uintptr
)

// nextSample returns how many bytes to allocate before the next sample: a draw from the
// exponential distribution of mean MemProfileRate (Go: runtime/malloc.go nextSample,
// fastexprand), 0 when every allocation is sampled or none is.
func nextSample() uintptr {
	mean := MemProfileRate
	if mean <= 1 {
		return 0
	}
	if mean > 0x7000000 {
		mean = 0x7000000 // so that the longest draw (about 18 means) fits an int32, as Go's
	}
	// Inverse transform sampling: for u uniform in (0, 1], -ln(u) is exponential of mean
	// 1. u has 26 random bits, as Go's draw has.
	const bits = 26
	u := float64(fastrandn(1<<bits) + 1)
	x := (float64(bits)*ln2 - logFloat(u)) * float64(mean)
	return uintptr(x) + 1
}

// ln2 is the natural logarithm of 2.
const ln2 = 0.693147180559945309417232121458176568

// logFloat returns the natural logarithm of x >= 1 to about 1e-6, which is all sampling
// needs: x = m * 2^e with m in [1, 2), and ln m = 2 atanh(t) for t = (m-1)/(m+1) in
// [0, 1/3), whose odd power series converges fast.
func logFloat(x float64) float64 {
	b := float64bits(x)
	e := int((b>>52)&0x7ff) - 1023
	m := float64frombits(b&^(uint64(0x7ff)<<52) | uint64(1023)<<52)
	t := (m - 1) / (m + 1)
	t2 := t * t
	s := t * (1 + t2*(1.0/3+t2*(1.0/5+t2*(1.0/7+t2*(1.0/9)))))
	return float64(e)*ln2 + 2*s
}

// profileAlloc records the allocation of the object at p, of size bytes (its size class's
// size, or a tiny block's), as a sample, and draws the next sampling point. c is the
// allocating P's mcache. mallocgc calls it after the allocation is complete.
//
//go:noinline
func profileAlloc(c *mcache, p, size uintptr) {
	c.nextSample = nextSample()
	var stk [profStackDepth + 1]uintptr
	// Skip profileAlloc and mallocgc: the first frame is mallocgc's caller. Go's skips a
	// fixed four (mProf_Malloc, profilealloc, mallocgc and the entry point that called it:
	// newobject, makeslice, ...), since its compiler never calls mallocgc; tbuild's calls it
	// for new(T), so the entry point is skipped only when the runtime's. A new tiny block is
	// allocated through mallocTinyBlock from mallocgc itself: those two frames go too.
	n := uintptr(callers(2, stk[:]))
	first := uintptr(0)
	if n >= 2 && pcFuncName(stk[0]) == "runtime.mallocTinyBlock" {
		first = 2
	}
	if n > first && hasPrefix(pcFuncName(stk[first]), "runtime.") {
		first++
	}
	if n-first > profStackDepth {
		n = first + profStackDepth
	}
	lock(&profLock)
	b := profBucketFor(stk[first:n], size)
	b.recent.allocs++
	b.recent.allocBytes += size
	s := spanOfPage(p)
	r := profSpecials
	if r == nil {
		r = (*profSpecial)(profCut(unsafe.Sizeof(profSpecial{})))
	} else {
		profSpecials = r.next
	}
	r.obj, r.b = p, b
	r.next = s.profiled
	s.profiled = r
	unlock(&profLock)
}

// pcFuncName is the name of the function of the frame of the return address pc (as
// callers stores it), an inlined call's included; "" if pc is in none.
func pcFuncName(pc uintptr) string {
	f := findfunc(pc - 1)
	if f == nil {
		return ""
	}
	if call := inlineNode(f, pc-1); call != nil {
		return funcnameAt(call.func_)
	}
	return funcname(f)
}

// profBucketFor returns the bucket of stk and size, made if there is none. profLock is held.
func profBucketFor(stk []uintptr, size uintptr) *profBucket {
	if profTable == nil {
		profTable = (*[profBuckets]*profBucket)(sysAlloc(unsafe.Sizeof([profBuckets]*profBucket{})))
	}
	// A multiplicative hash (Fibonacci hashing) over the size and the PCs.
	h := size
	for _, pc := range stk {
		h = (h ^ pc) * 0x9e3779b97f4a7c15
	}
	i := h >> (64 - profBucketBits)
	for b := profTable[i]; b != nil; b = b.next {
		if b.hash == h && b.size == size && b.nstk == uintptr(len(stk)) && sameStack(b.stk[:b.nstk], stk) {
			return b
		}
	}
	b := (*profBucket)(profCut(unsafe.Sizeof(profBucket{})))
	b.hash, b.size, b.nstk = h, size, uintptr(len(stk))
	copy(b.stk[:], stk)
	b.next = profTable[i]
	profTable[i] = b
	b.allnext = profAll
	profAll = b
	return b
}

func sameStack(a, b []uintptr) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// profCut returns n zeroed bytes of off-heap memory for good (8-byte aligned), mapped 64
// KiB at a time. profLock is held.
func profCut(n uintptr) unsafe.Pointer {
	n = alignUp(n, 8)
	if profChunkLeft < n {
		const chunk = 64 << 10
		profChunk = uintptr(sysAlloc(chunk))
		profChunkLeft = chunk
	}
	p := profChunk
	profChunk += n
	profChunkLeft -= n
	return unsafe.Pointer(p)
}

// sweepProfiled counts as freed the sampled objects of s that the last collection did not
// mark, and drops their records; the sweep calls it before s's mark bits become its
// allocation bits. mheap_.lock is held.
func sweepProfiled(s *mspan) {
	lock(&profLock)
	link := &s.profiled
	for *link != nil {
		r := *link
		if s.marked(r.obj) {
			link = &r.next
			continue
		}
		r.b.cycle.frees++
		r.b.cycle.freeBytes += r.b.size
		*link = r.next
		*r = profSpecial{}
		r.next = profSpecials
		profSpecials = r
	}
	unlock(&profLock)
}

// cycleProfile makes the allocations since the last collection the cycle's, whose frees
// the sweep that follows counts. The world is stopped, the last sweep done.
func cycleProfile() {
	lock(&profLock)
	for b := profAll; b != nil; b = b.allnext {
		b.cycle.take(&b.recent)
	}
	unlock(&profLock)
}

// publishProfile makes the cycle, what happened before the last collection and the frees
// its sweep found, part of the profile MemProfile returns. The sweep is done.
func publishProfile() {
	lock(&profLock)
	for b := profAll; b != nil; b = b.allnext {
		b.published.take(&b.cycle)
	}
	unlock(&profLock)
}

// MemProfileRecord is one record of the memory profile: the objects allocated and freed
// by one call stack. Go: runtime/mprof.go.
type MemProfileRecord struct {
	AllocBytes, FreeBytes     int64       // number of bytes allocated, freed
	AllocObjects, FreeObjects int64       // number of objects allocated, freed
	Stack0                    [32]uintptr // stack trace for this record; ends at first 0 entry
}

// InUseBytes returns the number of bytes in use (AllocBytes - FreeBytes).
func (r *MemProfileRecord) InUseBytes() int64 { return r.AllocBytes - r.FreeBytes }

// InUseObjects returns the number of objects in use (AllocObjects - FreeObjects).
func (r *MemProfileRecord) InUseObjects() int64 {
	return r.AllocObjects - r.FreeObjects
}

// Stack returns the stack trace associated with the record, a prefix of r.Stack0.
func (r *MemProfileRecord) Stack() []uintptr {
	for i, v := range r.Stack0 {
		if v == 0 {
			return r.Stack0[0:i]
		}
	}
	return r.Stack0[0:]
}

// MemProfile returns the memory profile as of the last collection: n is the number of
// records (those with objects in use, or all of them with inuseZero); when p has room for
// them, they are copied into it and ok is true, else p is left alone. Go: runtime/mprof.go
// MemProfile, whose rule for a program that has not collected yet this keeps.
func MemProfile(p []MemProfileRecord, inuseZero bool) (n int, ok bool) {
	lock(&profLock)
	empty := true
	for b := profAll; b != nil; b = b.allnext {
		if b.published.allocs != 0 || b.published.frees != 0 {
			empty = false
			break
		}
	}
	if empty {
		// No collection has completed a sweep: everything, as Go's mProf_FlushLocked.
		for b := profAll; b != nil; b = b.allnext {
			b.published.take(&b.cycle)
			b.published.take(&b.recent)
		}
	}
	for b := profAll; b != nil; b = b.allnext {
		if inuseZero || b.published.allocBytes != b.published.freeBytes {
			n++
		}
	}
	if n <= len(p) {
		ok = true
		i := 0
		// Newest bucket first, as Go's list of buckets is.
		for b := profAll; b != nil; b = b.allnext {
			if inuseZero || b.published.allocBytes != b.published.freeBytes {
				r := &p[i]
				r.AllocBytes = int64(b.published.allocBytes)
				r.FreeBytes = int64(b.published.freeBytes)
				r.AllocObjects = int64(b.published.allocs)
				r.FreeObjects = int64(b.published.frees)
				copy(r.Stack0[:], b.stk[:b.nstk])
				for j := int(b.nstk); j < len(r.Stack0); j++ {
					r.Stack0[j] = 0
				}
				i++
			}
		}
	}
	unlock(&profLock)
	return
}
