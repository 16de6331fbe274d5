// Memory statistics: runtime.MemStats and ReadMemStats. Go: runtime/mstats.go, whose
// field list and meanings are the API.

package runtime

// memstats is what the allocator and the collector count. Objects handed out from an
// mcache are counted there and added here when the collector or ReadMemStats takes the
// mcaches' counts (mcache.release), with the world stopped.
var memstats struct {
	nmalloc      uint64 // objects allocated, ever
	nfree        uint64 // objects freed, ever
	totalAlloc   uint64 // bytes allocated, ever
	freedBytes   uint64 // bytes freed, ever
	numgc        uint32
	numforcedgc  uint32
	pauseTotalNs uint64
	pauseNs      [256]uint64
	pauseEnd     [256]uint64
	lastGC       uint64
	gcCPUNanos   int64 // CPU time of the collections: their pauses times GOMAXPROCS
}

// A MemStats records statistics about the memory allocator. Go: runtime/mstats.go
// MemStats (the same fields, in the same order).
type MemStats struct {
	Alloc      uint64
	TotalAlloc uint64
	Sys        uint64
	Lookups    uint64
	Mallocs    uint64
	Frees      uint64

	HeapAlloc    uint64
	HeapSys      uint64
	HeapIdle     uint64
	HeapInuse    uint64
	HeapReleased uint64
	HeapObjects  uint64

	StackInuse  uint64
	StackSys    uint64
	MSpanInuse  uint64
	MSpanSys    uint64
	MCacheInuse uint64
	MCacheSys   uint64
	BuckHashSys uint64
	GCSys       uint64
	OtherSys    uint64

	NextGC        uint64
	LastGC        uint64
	PauseTotalNs  uint64
	PauseNs       [256]uint64
	PauseEnd      [256]uint64
	NumGC         uint32
	NumForcedGC   uint32
	GCCPUFraction float64
	EnableGC      bool
	DebugGC       bool

	BySize [61]struct {
		Size    uint32
		Mallocs uint64
		Frees   uint64
	}
}

// ReadMemStats populates m with memory allocator statistics, the world stopped meanwhile.
// BySize holds Go's size classes, with no per-class counts (zero); StackInuse counts the stack memory the
// goroutines' slots have touched as the stack allocator reports it.
func ReadMemStats(m *MemStats) {
	stopTheWorld()
	lock(&mcache0Lock)
	lock(&mheap_.lock)
	for _, pp := range allps() {
		if pp.mcache != nil {
			pp.mcache.flushStats()
		}
	}
	mcache0.flushStats()
	h := &mheap_
	alloc := memstats.totalAlloc - memstats.freedBytes
	m.Alloc = alloc
	m.TotalAlloc = memstats.totalAlloc
	m.Mallocs = memstats.nmalloc
	m.Frees = memstats.nfree
	m.HeapAlloc = alloc
	m.HeapSys = uint64(h.sys)
	m.HeapInuse = uint64(h.pagesInUse * _PageSize)
	m.HeapIdle = m.HeapSys - m.HeapInuse
	m.HeapReleased = uint64(h.released)
	m.HeapObjects = memstats.nmalloc - memstats.nfree
	m.StackInuse = uint64(stackInuse())
	m.StackSys = m.StackInuse
	m.MSpanSys = uint64(h.spanSys)
	m.MSpanInuse = uint64(h.spanSys)
	m.Sys = m.HeapSys + m.StackSys + m.MSpanSys
	m.NextGC = uint64(gcTriggerGoal)
	if collectionOff() {
		m.NextGC = maxMemoryLimit // go's goal with GOGC=off is the memory limit's
	}
	m.LastGC = memstats.lastGC
	m.PauseTotalNs = memstats.pauseTotalNs
	m.PauseNs = memstats.pauseNs
	m.PauseEnd = memstats.pauseEnd
	m.NumGC = memstats.numgc
	m.NumForcedGC = memstats.numforcedgc
	if elapsed := nanotime() - runtimeInitTime; elapsed > 0 {
		m.GCCPUFraction = float64(memstats.gcCPUNanos) / (float64(elapsed) * float64(gomaxprocs))
	}
	m.EnableGC = true
	m.DebugGC = false
	for i := range m.BySize {
		m.BySize[i].Size = uint32(class_to_size[i])
		m.BySize[i].Mallocs = 0
		m.BySize[i].Frees = 0
	}
	unlock(&mheap_.lock)
	unlock(&mcache0Lock)
	startTheWorld()
}

// flushStats adds c's counts to memstats.
func (c *mcache) flushStats() {
	memstats.nmalloc += c.nmalloc
	memstats.totalAlloc += c.allocBytes
	// Go counts each object put into a tiny block as allocated and freed at once: the
	// block is what lives and dies (runtime/mstats.go readmemstats_m).
	memstats.nmalloc += c.tinyAllocs
	memstats.nfree += c.tinyAllocs
	c.nmalloc = 0
	c.allocBytes = 0
	c.tinyAllocs = 0
}

// stackInuse returns the bytes mapped for goroutine and signal stacks (the slots in use).
func stackInuse() uintptr {
	n := uintptr(0)
	for i := uintptr(0); i < stackNext; i++ {
		if sl := slotOf(i); sl.state == slotInUse || sl.state == slotFixed {
			n += sl.mapped
		}
	}
	return n
}
