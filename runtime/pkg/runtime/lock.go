// Runtime-internal locks.
//
// Go: runtime/lock_futex.go. A mutex guards runtime state that goroutines on different Ms
// would otherwise race on (a channel's queues, the semaphore tables). tbuild's scheduler
// runs every goroutine on one M (proc.go), and a goroutine holding a runtime lock never
// parks or yields before releasing it (gopark releases it on g0, after the switch), so a
// lock is never contended yet: lock checks that, and counts the M's locks as Go's does
// (m.locks: schedule and gopanic refuse to run while it is non-zero). With Ms running in
// parallel (issue 11), key becomes a futex word.

package runtime

// A mutex is a runtime lock; the zero value is unlocked.
type mutex struct {
	key uintptr
}

// lock takes l. Held by the one M already, it could never be released: a runtime bug.
func lock(l *mutex) {
	gp := getg()
	gp.m.locks++
	if l.key != 0 {
		throw("runtime: lock already held")
	}
	l.key = 1
}

// unlock releases l.
func unlock(l *mutex) {
	if l.key == 0 {
		throw("unlock of unlocked lock")
	}
	l.key = 0
	gp := getg()
	gp.m.locks--
	if gp.m.locks < 0 {
		throw("runtime: lock count")
	}
}
