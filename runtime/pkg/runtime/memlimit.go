// The soft memory limit (Go 1.19): GOMEMLIMIT and runtime/debug.SetMemoryLimit. The limit
// bounds the memory the runtime has mapped and not released (heap, stacks, span metadata);
// when the heap's GOGC goal would take the process past it, the collection starts earlier,
// at the limit less what is not heap and a megabyte of headroom, but never below what the
// last collection left live (a program whose live heap exceeds the limit goes past it, as
// Go's does). Go: runtime/mgcpacer.go memoryLimitHeapGoal, readGOMEMLIMIT; runtime/string.go
// parseByteCount for the variable's syntax.
//
// A live heap near or past the limit would make the program collect at every few hundred
// kilobytes it allocates, and spend nearly all its time collecting (a death spiral). Go
// 1.19 bounds that with its GC CPU limiter (runtime/mgclimit.go): a leaky bucket of one
// CPU-second per P, which the collector's CPU time fills and the program's drains; while
// it is full, the collector gets no more help and the heap goes past the limit. Here the
// collector stops the world, so its CPU time is the pause times GOMAXPROCS and the
// program's the time between pauses times GOMAXPROCS (Go subtracts idle Ps' time; here it
// drains the bucket too), and a collection that only the limit asks for (the heap is still
// under GOGC's goal) waits while one more pause would overflow the bucket: past the first
// CPU-second per P, the limit's collections take at most about half the program's time.
// Collections that GOGC's goal, runtime.GC or gcstress start never wait.
//
// What Go does and this does not: Go re-reads the memory outside the heap at every trigger
// check; here that memory is taken at each collection and at SetMemoryLimit.

package runtime

// maxMemoryLimit is the limit's "no limit" (math.MaxInt64), its default and GOMEMLIMIT=off.
const maxMemoryLimit = 1<<63 - 1

// limitHeadroom is kept free below the limit: Go's memoryLimitHeapGoalHeadroom.
const limitHeadroom = 1 << 20

var (
	// memoryLimit is the limit in bytes.
	memoryLimit int64 = maxMemoryLimit

	// gcTriggerGoal is the heapLive at which the next collection starts: GOGC's goal
	// (gcGoal) or the memory limit's, whichever is lower.
	gcTriggerGoal uintptr = heapMinimum
)

// limiter is the GC CPU limiter's bucket (see the top of the file), in CPU-nanoseconds,
// as of the end of the last collection (lastGCNanotime). Updated with the world stopped,
// read by the goroutine that would start a collection.
var limiter struct {
	fill     int64
	lastCost int64 // the last collection's pause times GOMAXPROCS
}

// limiterCapacityPerP is the bucket's size per P: Go's capacityPerProc.
const limiterCapacityPerP = 1e9

// limiterCharge accounts a collection whose pause ran from start to end, before
// lastGCNanotime moves to end: the time since the last one drains the bucket, the pause
// fills it, and the bucket stays between empty and full (Go:
// gcCPULimiterState.accumulate; the program never builds up credit).
func limiterCharge(start, end int64) {
	procs := int64(gomaxprocs)
	limiter.fill = limiterFill(start)
	limiter.lastCost = (end - start) * procs
	limiter.fill += limiter.lastCost
	if capacity := procs * limiterCapacityPerP; limiter.fill > capacity {
		limiter.fill = capacity
	}
}

// limiterFill is the bucket at now, drained by the time since the last collection.
func limiterFill(now int64) int64 {
	last := atomicloadInt64(&lastGCNanotime)
	if last == 0 {
		return 0
	}
	fill := limiter.fill - (now-last)*int64(gomaxprocs)
	if fill < 0 {
		fill = 0
	}
	return fill
}

// limiterDefers reports whether a collection that only the memory limit asks for waits:
// with the time since the last collection drained from the bucket, one more pause like the
// last would overflow it.
func limiterDefers(now int64) bool {
	return limiterFill(now)+limiter.lastCost > int64(gomaxprocs)*limiterCapacityPerP
}

// readMemoryLimit sets memoryLimit from GOMEMLIMIT (gcinit); a malformed value is fatal.
func readMemoryLimit() {
	s := gogetenv("GOMEMLIMIT")
	if s == "" || s == "off" {
		return
	}
	n, ok := parseByteCount(s)
	if !ok {
		print("GOMEMLIMIT=", s, "\n")
		throw("malformed GOMEMLIMIT; see `go doc runtime/debug.SetMemoryLimit`")
	}
	memoryLimit = n
}

// parseByteCount reads a byte count as Go reads GOMEMLIMIT: decimal digits, alone or
// followed by B or by one of KiB, MiB, GiB, TiB (powers of 1024). A leading '-' is read (only
// a zero may carry it, and "-KiB" counts as zero, as in Go); counts past 2^63-1 are refused.
func parseByteCount(s string) (int64, bool) {
	isDigit := func(c byte) bool { return '0' <= c && c <= '9' }
	n := len(s)
	unit := uint64(1)
	num := s
	switch {
	case n == 0:
		return 0, false
	case isDigit(s[n-1]):
	case s[n-1] != 'B' || n < 2:
		return 0, false
	case isDigit(s[n-2]):
		num = s[:n-1]
	case s[n-2] != 'i' || n < 4:
		return 0, false
	default:
		switch s[n-3] {
		case 'K':
			unit = 1 << 10
		case 'M':
			unit = 1 << 20
		case 'G':
			unit = 1 << 30
		case 'T':
			unit = 1 << 40
		default:
			return 0, false
		}
		num = s[:n-3]
	}
	neg := num[0] == '-'
	if neg {
		num = num[1:]
	}
	var v uint64
	for i := 0; i < len(num); i++ {
		c := num[i]
		if !isDigit(c) || v > (maxMemoryLimit-uint64(c-'0'))/10 {
			return 0, false
		}
		v = v*10 + uint64(c-'0')
	}
	if neg && v != 0 || v > maxMemoryLimit/unit {
		return 0, false
	}
	return int64(v * unit), true
}

// setTriggerGoal sets gcTriggerGoal from gcGoal and the memory limit. With the heap lock
// held.
func setTriggerGoal() {
	goal := gcGoal
	if memoryLimit != maxMemoryLimit {
		if g := limitHeapGoal(); g < goal {
			goal = g
		}
	}
	// As for GOGC's goal (setGoal): a goal at what is live would collect at every span
	// refill.
	if goal < gcMarked+minRunway {
		goal = gcMarked + minRunway
	}
	gcTriggerGoal = goal
}

// limitHeapGoal is the heap the memory limit leaves room for: the limit less the mapped
// memory that does not hold heap objects (stacks, span metadata, the unused part of the
// heap's in-use pages) and less what the process is over the limit already, less the
// headroom; at least what the last collection left live.
func limitHeapGoal() uintptr {
	h := &mheap_
	limit := uint64(memoryLimit)
	inUse := uint64(h.pagesInUse * _PageSize)
	live := uint64(gcMarked)
	if live > inUse {
		live = inUse
	}
	nonHeap := uint64(stackInuse()) + uint64(h.spanSys) + (inUse - live)
	mapped := nonHeap + live + (uint64(h.sys) - inUse - uint64(h.released))
	var over uint64
	if mapped > limit {
		over = mapped - limit
	}
	if nonHeap+over >= limit {
		return gcMarked
	}
	goal := limit - nonHeap - over
	if goal < 2*limitHeadroom {
		goal = limitHeadroom
	} else {
		goal -= limitHeadroom
	}
	if goal < uint64(gcMarked) {
		return gcMarked
	}
	if goal > uint64(^uintptr(0)) {
		return ^uintptr(0)
	}
	return uintptr(goal)
}

// collectionOff reports whether nothing may start a collection but runtime.GC: GOGC=off
// with no memory limit.
func collectionOff() bool {
	return gcPercent < 0 && memoryLimit == maxMemoryLimit
}

// debug_setMemoryLimit is runtime/debug.SetMemoryLimit: the new limit when in is not
// negative (a negative in only reads it), and the previous one.
func debug_setMemoryLimit(in int64) int64 {
	lock(&mheap_.lock)
	out := memoryLimit
	if in >= 0 {
		memoryLimit = in
		setTriggerGoal()
	}
	unlock(&mheap_.lock)
	return out
}
