// Runtime-internal locks and notes, on Linux futexes.
//
// Go: runtime/lock_futex.go gives the contract; the code is tbuild's. A mutex guards runtime
// state that Ms running in parallel share (the scheduler's queues, a channel's queues, the
// heap, the semaphore tables). Its key is 0 when free, 1 when held, 2 when held with
// threads possibly asleep on it: lock takes a free key with an exchange, else spins a
// little (the holder is likely running on another CPU and about to release it), yields
// the CPU once, and then marks the key 2 and sleeps in futex(FUTEX_WAIT) until unlock,
// seeing 2, wakes one sleeper. A lock counts on its M (m.locks): schedule refuses to run
// while the M holds one, and the preemption signal leaves such an M alone.
//
// A note is a one-shot event for one sleeping M: notesleep waits until notewakeup, and
// noteclear makes the note ready for its next use. Idle Ms sleep on their m.park note; the
// M that waits for the next timer sleeps on sched.timerNote with a deadline (notetsleep).

package runtime

import "unsafe"

// The futex operations (linux/futex.h). PRIVATE: the word is shared only by this
// process's threads, which spares the kernel a lookup of the mapping.
const (
	_FUTEX_WAIT_PRIVATE = 0 | 128
	_FUTEX_WAKE_PRIVATE = 1 | 128
)

// The mutex key's states, and how long lock spins before it sleeps. Go: lock_futex.go.
const (
	mutexUnlocked = 0
	mutexLocked   = 1
	mutexSleeping = 2

	activeSpin    = 4  // rounds of procyield, on a machine with more than one CPU
	activeSpinCnt = 30 // PAUSEs per round
)

// A mutex is a runtime lock; the zero value is unlocked.
type mutex struct {
	key uintptr
}

// futex is the system call (sys_linux_amd64.s): returns 0 or -errno.
func futex(addr unsafe.Pointer, op int32, val uint32, ts *timespec, addr2 unsafe.Pointer, val3 uint32) int32

// futexsleep sleeps while *addr == val: until a futexwakeup, a signal, or, with ns >= 0,
// ns nanoseconds. It may also return at once or spuriously; callers check their condition
// again.
func futexsleep(addr *uint32, val uint32, ns int64) {
	if ns < 0 {
		futex(unsafe.Pointer(addr), _FUTEX_WAIT_PRIVATE, val, nil, nil, 0)
		return
	}
	var ts timespec
	ts.tv_sec = ns / 1e9
	ts.tv_nsec = ns % 1e9
	futex(unsafe.Pointer(addr), _FUTEX_WAIT_PRIVATE, val, &ts, nil, 0)
}

// futexwakeup wakes up to cnt threads sleeping on addr.
func futexwakeup(addr *uint32, cnt uint32) {
	ret := futex(unsafe.Pointer(addr), _FUTEX_WAKE_PRIVATE, cnt, nil, nil, 0)
	if ret < 0 {
		print("runtime: futexwakeup addr=", addr, " returned ", ret, "\n")
		throw("futexwakeup failed")
	}
}

// lock takes l, waiting for it as long as it takes.
func lock(l *mutex) {
	gp := getg()
	if gp.m.locks < 0 {
		throw("runtime: lock count")
	}
	gp.m.locks++
	k := (*uint32)(unsafe.Pointer(&l.key)) // the futex word: the key's low half
	v := atomicxchg(k, mutexLocked)
	if v == mutexUnlocked {
		return
	}
	// v is what this thread will leave in the key when it takes the lock: once it has
	// slept (v = mutexSleeping) others may sleep too, and unlock must wake them.
	spin := 0
	if ncpu > 1 {
		spin = activeSpin
	}
	for {
		for i := 0; i < spin; i++ {
			for atomicload(k) == mutexUnlocked {
				if atomiccas(k, mutexUnlocked, v) {
					return
				}
			}
			procyield(activeSpinCnt)
		}
		for atomicload(k) == mutexUnlocked {
			if atomiccas(k, mutexUnlocked, v) {
				return
			}
		}
		osyield()
		v = mutexSleeping
		if atomicxchg(k, mutexSleeping) == mutexUnlocked {
			return
		}
		futexsleep(k, mutexSleeping, -1)
	}
}

// unlock releases l, waking one thread that sleeps on it.
func unlock(l *mutex) {
	k := (*uint32)(unsafe.Pointer(&l.key))
	v := atomicxchg(k, mutexUnlocked)
	if v == mutexUnlocked {
		throw("unlock of unlocked lock")
	}
	if v == mutexSleeping {
		futexwakeup(k, 1)
	}
	gp := getg()
	gp.m.locks--
	if gp.m.locks < 0 {
		throw("runtime: lock count")
	}
}

// A note is a one-time event: key 0 until notewakeup makes it 1. Go: runtime2.go note.
type note struct {
	key uintptr
}

func noteKey(n *note) *uint32 {
	return (*uint32)(unsafe.Pointer(&n.key))
}

// noteclear readies n for another notesleep/notewakeup pair.
func noteclear(n *note) {
	atomicstore(noteKey(n), 0)
}

// notewakeup signals n; at most one notewakeup per noteclear.
func notewakeup(n *note) {
	if atomicxchg(noteKey(n), 1) != 0 {
		throw("notewakeup - double wakeup")
	}
	futexwakeup(noteKey(n), 1)
}

// notesleep waits for n's wakeup, on g0 (a goroutine would block its whole M).
func notesleep(n *note) {
	if getg() != getg().m.g0 {
		throw("notesleep not on g0")
	}
	for atomicload(noteKey(n)) == 0 {
		futexsleep(noteKey(n), 0, -1)
	}
}

// notetsleep waits for n's wakeup or until nanotime reaches deadline, whichever is first,
// and reports whether n was signalled.
func notetsleep(n *note, deadline int64) bool {
	for atomicload(noteKey(n)) == 0 {
		ns := deadline - nanotime()
		if ns <= 0 {
			return atomicload(noteKey(n)) != 0
		}
		futexsleep(noteKey(n), 0, ns)
	}
	return true
}
