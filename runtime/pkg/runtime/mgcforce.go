// Collections started by time. Only allocation starts a collection, so a program that stops
// allocating (a server between bursts, a tool waiting for input) would keep its last heap,
// garbage and all, for as long as it runs, and the pages it freed would never go back to
// the OS. Go's sysmon starts a collection when none has run for two minutes
// (runtime/proc.go forcegcperiod, gcTriggerTime), through a goroutine that does nothing
// else (forcegchelper). tbuild's runtime does the same:
//   - the first collection makes the forcegc goroutine, parked: a system goroutine, left
//     out of dumps, NumGoroutine and the deadlock check, as Go's;
//   - sysmon readies it when the last collection ended more than the period ago, at GOGC
//     other than off (Go's gcTriggerTime test). While every P is idle sysmon sleeps at most
//     half the period once a collection has run, as Go's sysmon does, where it would
//     otherwise sleep until a P is busy again;
//   - the goroutine collects, unless another collection ran meanwhile, and parks again.
//     The collection is not a forced one (gctrace prints no "(forced)", as for Go's
//     time-triggered ones); its sweep runs on the idle Ps and, when done, gives the free
//     pages back to the OS (mgcsweep.go sweepDone).
// GODEBUG=forcegcperiod=MS, tbuild's own as gcstress is, shortens the period for tests.

package runtime

var (
	// forcegcPeriod is the longest time without a collection, in nanoseconds. Go:
	// runtime/proc.go forcegcperiod.
	forcegcPeriod int64 = 2 * 60 * 1e9

	// lastGCNanotime is nanotime() at the end of the last collection's pause (atomic), 0
	// before the first; the GC CPU limiter measures from it too (memlimit.go).
	lastGCNanotime int64

	// forcegc is the forcegc goroutine, made by the first collection.
	forcegc parkedG
)

// startForcegc makes the forcegc goroutine, parked, as the first collection ends (as
// startSweeper makes the sweeper).
func startForcegc() {
	forcegc.start(forcegcHelper, waitReasonForceGCIdle)
}

// forcegcDue reports whether the last collection ended longer than the period before now.
func forcegcDue(now int64) bool {
	last := atomicloadInt64(&lastGCNanotime)
	return forcegc.gp != nil && last != 0 && gcPercent >= 0 && now-last > forcegcPeriod
}

// injectForcegc makes the forcegc goroutine runnable, if it is parked, on the global run
// queue, and wakes an idle P's M for it. sysmon calls it, with no P. Go: sysmon's
// injectglist of forcegc.g. With no idle P, a goroutine that never yields (a loop at
// GOMAXPROCS=1 in a program that never ran a go statement) must be preempted for it to
// run, as after a go statement (preempt.go preemptWanted): sysmon then signals its M.
func injectForcegc() {
	gp := forcegc.take()
	if gp == nil {
		return
	}
	preemptWanted = true
	lock(&sched.lock)
	globrunqput(gp)
	unlock(&sched.lock)
	wakep()
}

// forcegcHelper is the forcegc goroutine. Go: runtime/proc.go forcegchelper.
func forcegcHelper() {
	for {
		if forcegcDue(nanotime()) {
			gcTriggerSaveRegs(true, false)
		}
		forcegc.park(waitReasonForceGCIdle)
	}
}

// sysmonIdleSleep is sysmon's sleep while every P is idle (sched.sysmonWait set): until
// wakeSysmon signals that a P is busy, or, once a collection has run, at most half the
// force period, so that an idle program is still collected in time.
func sysmonIdleSleep() {
	if atomicloadInt64(&lastGCNanotime) == 0 || gcPercent < 0 {
		notesleep(&sched.sysmonNote)
	} else if !notetsleep(&sched.sysmonNote, nanotime()+forcegcPeriod/2) {
		// Timed out. Unless a waker has taken sysmonWait meanwhile, and so will signal the
		// note, sysmon takes it back itself; else it waits for the signal before clearing.
		if !atomiccas(&sched.sysmonWait, 1, 0) {
			notesleep(&sched.sysmonNote)
		}
	}
	noteclear(&sched.sysmonNote)
}
