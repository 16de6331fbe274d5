// Sweeping, after the world starts again: a span's mark bits become its allocation bits
// when it is next needed, not in the collection's pause.
//
// Every span in use is on one of two lists per span class, the sweep sets (mheap.sweepSets,
// linked through mspan.sweepnext; class 0 and 1 hold big objects): set sweepgen%2 holds the
// spans swept since the last collection (and those made since), the other set the spans
// still to sweep. The collection's pause only swaps their roles (sweepgen++): every span
// becomes unswept at once, in O(1), as Go's mcentral swaps its swept and unswept span sets
// by sweepgen (runtime/mcentral.go, mgcsweep.go). Spans are then swept, each by whoever
// takes it off the unswept list under the heap's lock:
//   - refill sweeps spans of the class it needs before taking new pages (Go: cacheSpan);
//   - every new span and big object first pays sweep credit: so many pages swept per byte
//     allocated that the sweep ends before the heap reaches its next goal (Go's
//     proportional sweep, deductSweepCredit);
//   - allocSpan sweeps before it grows the heap (Go: mheap.reclaim);
//   - the sweeper goroutine sweeps on Ps that have nothing else to run (Go: bgsweep);
//   - the next collection, and runtime.GC before it returns, sweep what is left.
// When the last span is swept, the memory profile publishes the cycle's frees and free
// memory goes back to the OS (scavenge).
//
// Objects a collection found dead stay allocated until their span is swept: MemStats'
// Frees and HeapAlloc count them as Go's do ("unreachable objects that the garbage
// collector has not yet freed"). Under gcstress they are poisoned in the pause instead,
// so that a program still reading one faults at once.

package runtime

// sweeper is the sweeper goroutine, made by the first collection; it is a system
// goroutine (mfinal.go isSystemGoroutine).
var sweeper parkedG

// addSpan puts the span s, just taken for objects of its class, on the swept set: it has
// nothing for this cycle's sweep to free. mheap_.lock must be held.
func (h *mheap) addSpan(s *mspan) {
	h.pushSwept(s)
	h.nspans++
}

// pushSwept puts s on its class's swept list. mheap_.lock must be held.
func (h *mheap) pushSwept(s *mspan) {
	list := &h.sweepSets[h.sweepgen%2][s.spanclass]
	s.sweepnext = *list
	*list = s
}

// startSweep makes every span unswept (the collection's pause calls it, after marking),
// and sets how fast allocation must sweep: every page in use swept by the time the heap
// has grown from what marking found live to the goal, less a megabyte of slack (Go:
// runtime/mgc.go gcSweep, mgcsweep.go sweepPagesPerByte). byTime says the collection was
// sysmon's (mgcforce.go), after which sweepDone gives back runs however recently freed.
// The world is stopped.
func (h *mheap) startSweep(byTime bool) {
	if h.nunswept != 0 {
		throw("startSweep: the last sweep is not done")
	}
	h.sweepgen++
	h.sweepAfterIdle = byTime
	for i := range h.partial {
		h.partial[i] = nil
	}
	h.sweepClass = 0
	h.nunswept = uint64(h.nspans)
	h.pagesSwept = 0
	distance := int64(gcTriggerGoal) - int64(h.heapLive) - 1<<20
	if distance < _PageSize {
		distance = _PageSize
	}
	h.sweepPagesPerByte = float64(h.pagesInUse) / float64(distance)
	if gcStressEvery != 0 {
		for s := h.inuse; s != nil; s = s.allnext {
			poisonFreed(s)
		}
	}
	if h.nunswept == 0 {
		h.sweepDone()
	}
}

// sweepOneLocked sweeps the next unswept span, of any class, and reports whether there was
// one. mheap_.lock must be held.
func (h *mheap) sweepOneLocked() bool {
	if h.nunswept == 0 {
		return false // (before any collection too: start-up pays nothing)
	}
	for h.sweepClass < numSpanClasses {
		if s := h.popUnswept(h.sweepClass); s != nil {
			h.sweepSpan(s, false)
			return true
		}
		h.sweepClass++
	}
	return false
}

// popUnswept takes a span of class spc off the unswept set, or returns nil.
func (h *mheap) popUnswept(spc uintptr) *mspan {
	list := &h.sweepSets[(h.sweepgen+1)%2][spc]
	s := *list
	if s != nil {
		*list = s.sweepnext
	}
	return s
}

// sweepClassLocked sweeps unswept spans of class spc until one has a free slot (it is then
// on the class's partial list) or budget spans were swept, and reports whether the
// partial list has a span. A span found empty is kept for the class rather than freed (Go:
// mcentral.cacheSpan sweeps with preserve): its pages stay where the class's objects were,
// with no trip through the free runs. mheap_.lock must be held.
func (h *mheap) sweepClassLocked(spc uintptr, budget int) bool {
	for ; budget > 0 && h.partial[spc] == nil; budget-- {
		s := h.popUnswept(spc)
		if s == nil {
			break
		}
		h.sweepSpan(s, true)
	}
	return h.partial[spc] != nil
}

// sweepSpan sweeps s, just taken off the unswept set: the sampled objects the collection
// did not mark are counted as freed, its mark bits become its allocation bits, and it goes
// back to the free pages if nothing in it was marked (unless keep), else to the swept set
// (and its class's partial list if it has a free slot). mheap_.lock must be held.
func (h *mheap) sweepSpan(s *mspan, keep bool) {
	if s.profiled != nil {
		sweepProfiled(s)
	}
	words := (s.nelems + 63) / 64
	n := uintptr(0)
	for i := uintptr(0); i < words; i++ {
		n += uintptr(popcount64(s.markBits[i]))
	}
	if s.allocCount > n {
		memstats.nfree += uint64(s.allocCount - n)
		memstats.freedBytes += uint64((s.allocCount - n) * s.elemsize)
	}
	h.pagesSwept += s.npages
	h.nunswept--
	if n == 0 && !keep {
		h.nspans--
		h.freeSpan(s)
	} else {
		s.allocBits = s.markBits
		s.markBits = [spanBitWords]uint64{}
		s.allocCount = n
		s.freeindex = 0
		s.allocCache = 0
		s.loadAllocCache()
		s.needzero = true
		h.pushSwept(s)
		if n < s.nelems {
			s.next = h.partial[s.spanclass]
			h.partial[s.spanclass] = s
		}
	}
	if h.nunswept == 0 {
		h.sweepDone()
	}
}

// sweepDone ends a sweep: the frees it found are published in the memory profile, and
// free runs go back to the OS until the heap keeps at most the goal and a tenth (Go's
// scavenger's retention). mheap_.lock must be held.
func (h *mheap) sweepDone() {
	publishProfile()
	if !collectionOff() {
		// Runs freed in the last two collections are kept for reuse, but not after a
		// collection by time: the program then went two minutes without filling its
		// runway, and the pages are not wanted soon.
		minAge := uint32(2)
		if h.sweepAfterIdle {
			minAge = 0
		}
		h.scavenge(gcTriggerGoal+gcTriggerGoal/10, minAge)
	}
}

// sweepCredit sweeps, before the heap grows by bytes for a new span or big object, as
// many pages as the sweep must have done by then (see startSweep). mheap_.lock must be
// held.
func (h *mheap) sweepCredit(bytes uintptr) {
	if h.nunswept == 0 {
		return
	}
	target := h.sweepPagesPerByte * float64(h.heapLive+bytes-gcMarked)
	for float64(h.pagesSwept) < target && h.sweepOneLocked() {
	}
}

// sweepone sweeps one span, taking the heap's lock, and reports whether there was one.
func sweepone() bool {
	if atomicload64(&mheap_.nunswept) == 0 {
		return false
	}
	lock(&mheap_.lock)
	swept := mheap_.sweepOneLocked()
	unlock(&mheap_.lock)
	return swept
}

// finishSweep sweeps every span still unswept, a span at a time so that allocating
// goroutines are not held up meanwhile. Go: runtime.GC's sweep loop.
func finishSweep() {
	for sweepone() {
	}
}

// startSweeper makes the sweeper goroutine, parked, as the first collection ends. Go:
// runtime/mgc.go gcenable (go bgsweep).
func startSweeper() {
	sweeper.start(bgsweep, waitReasonGCSweepWait)
}

// takeSweeper returns the sweeper, made runnable, if it is parked with spans left to sweep:
// findRunnable asks when its P has nothing else to run. The sweeper runs only on a P that
// would otherwise be idle (Go's bgsweep is an ordinary goroutine, readied by each
// collection, which wakes an idle M for it): so it never delays a goroutine, never makes
// an M, and collections do not change which goroutines run where. Allocation pays for the
// sweep meanwhile.
func takeSweeper() *g {
	if sweeper.gp == nil || atomicload64(&mheap_.nunswept) == 0 {
		return nil
	}
	return sweeper.take()
}

// bgsweep is the sweeper goroutine: it sweeps a span at a time, and parks when no span is
// left, or when anything else wants its P: a goroutine queued, a preemption request or a
// stop of the world (its code is the runtime's, which the preemption signal does not
// interrupt). Go: runtime/mgcsweep.go bgsweep.
func bgsweep() {
	gp := getg()
	for {
		for !gp.preempt && atomicload(&sched.gcwaiting) == 0 && runqempty(gp.m.p) &&
			sched.runq.size() == 0 && sweepone() {
		}
		sweeper.park(waitReasonGCSweepWait)
	}
}
