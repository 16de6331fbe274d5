// AllocsPerRun: how many heap allocations a function makes per call, counted with the
// runtime's malloc counter (MemStats.Mallocs), as Go's testing package documents it.

package testing

import "runtime"

// AllocsPerRun calls f once to warm it up, then runs times more on one P, and returns the
// number of heap allocations those calls made divided by runs. The division is done on
// integers (so a result can be compared with == 1), as documented for Go's AllocsPerRun;
// GOMAXPROCS is restored afterwards.
func AllocsPerRun(runs int, f func()) (avg float64) {
	old := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(old)

	f()
	var stats runtime.MemStats
	runtime.ReadMemStats(&stats)
	start := stats.Mallocs
	for n := 0; n < runs; n++ {
		f()
	}
	runtime.ReadMemStats(&stats)
	return float64((stats.Mallocs - start) / uint64(runs))
}
