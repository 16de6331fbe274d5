package debug

import (
	"runtime"
	"sort"
	"time"
)

// GCStats describes the garbage collections so far: Go 1.19's runtime/debug.GCStats.
type GCStats struct {
	LastGC         time.Time       // when the last collection ended
	NumGC          int64           // how many collections have run
	PauseTotal     time.Duration   // every collection's pause, added up
	Pause          []time.Duration // the last pauses, most recent first
	PauseEnd       []time.Time     // when each of those pauses ended, most recent first
	PauseQuantiles []time.Duration // the pauses' quantiles, if the caller sized it
}

// ReadGCStats fills stats with the collector's history. The runtime keeps the last 256
// pauses and their end times in circular buffers (MemStats.PauseNs, PauseEnd), which are
// given here most recent first. When PauseQuantiles has room for n+1 values, it gets the
// minimum, the n-1 evenly spaced quantiles and the maximum of those pauses, or zeros before
// the first collection.
//
// The slices' storage is reused when it is large enough, as Go's does: Pause's backing
// array must hold two copies of the history (the second sorts the quantiles).
func ReadGCStats(stats *GCStats) {
	ms := new(runtime.MemStats)
	runtime.ReadMemStats(ms)
	const history = len(ms.PauseNs)
	n := int(ms.NumGC)
	if n > history {
		n = history
	}
	if cap(stats.Pause) < 2*history+3 {
		stats.Pause = make([]time.Duration, 2*history+3)
	}
	pauses := stats.Pause[0:n]
	ends := stats.PauseEnd[:0]
	if cap(ends) < history {
		ends = make([]time.Time, 0, history)
	}
	// The latest collection's record is at (NumGC-1) mod 256; older ones come before it.
	for age := range pauses {
		at := (int(ms.NumGC) - 1 - age) % history
		pauses[age] = time.Duration(ms.PauseNs[at])
		ends = append(ends, time.Unix(0, int64(ms.PauseEnd[at])))
	}
	stats.Pause, stats.PauseEnd = pauses, ends
	stats.LastGC = time.Unix(0, int64(ms.LastGC))
	stats.NumGC = int64(ms.NumGC)
	stats.PauseTotal = time.Duration(ms.PauseTotalNs)

	quant := stats.PauseQuantiles
	if len(quant) == 0 {
		return
	}
	if n == 0 {
		for i := range quant {
			quant[i] = 0
		}
		return
	}
	// The second half of Pause's array holds the sorted copy: no allocation.
	byLength := append(pauses[n:n], pauses...)
	sort.Slice(byLength, func(a, b int) bool { return byLength[a] < byLength[b] })
	last := len(quant) - 1
	for k := 0; k < last; k++ {
		quant[k] = byLength[n*k/last]
	}
	quant[last] = byLength[n-1]
}

// SetTraceback sets how much the runtime prints when a panic or fatal error ends the
// program, as GOTRACEBACK does and with its values ("none", "single", "all", "system",
// "crash" or a number). It cannot make the report less detailed than GOTRACEBACK asked for.
func SetTraceback(level string) {
	setTraceback(level)
}

//go:linkname setTraceback runtime.debug_setTraceback
func setTraceback(level string)
