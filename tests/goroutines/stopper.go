package main

import (
	"fmt"
	"os"
	"runtime"
	"sync/atomic"
	"time"
)

// Main stops the world again and again (runtime.Stack with all) while a goroutine spins on
// the other P and a third goroutine waits in main's P's queue. Main uses little CPU (it
// waits for the spinner's M to stop each time), yet holds its P: the scheduler must still
// preempt it within a few ticks, as Go's sysmon does, so that the queued goroutine runs.
// Run with GOMAXPROCS=2 on one CPU (taskset -c 0). Counted in stops, not in time: on a
// loaded machine each stop takes longer, but the 10 ms tick is wall time.
func main() {
	var stop, spins, ran int32
	go func() {
		for atomic.LoadInt32(&stop) == 0 {
			atomic.AddInt32(&spins, 1)
		}
	}()
	for atomic.LoadInt32(&spins) == 0 {
	}
	go func() { atomic.StoreInt32(&ran, 1) }()
	buf := make([]byte, 1<<16)
	t0 := time.Now()
	n := 0
	for atomic.LoadInt32(&ran) == 0 && time.Since(t0) < 5*time.Second {
		runtime.Stack(buf, true)
		n++
	}
	atomic.StoreInt32(&stop, 1)
	// go: 5-45 stops (10 ms of wall time); before sysmon preempted, tbuild: 700-3,600.
	fmt.Fprintln(os.Stderr, "the queued goroutine ran before main stopped the world 500 times:", n < 500)
}
