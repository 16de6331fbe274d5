// Mutex, with Go's two modes (sync/mutex.go documents them). In normal mode a woken waiter
// competes with goroutines that just arrived, which usually win: they are already running.
// A waiter that has waited over a millisecond switches the mutex to starvation mode, in
// which Unlock hands the mutex straight to the first waiter and newcomers queue behind;
// the mutex returns to normal mode when the last waiter takes it or one that waited less
// than a millisecond does.
//
// The state word packs it all: bit 0 locked, bit 1 a waiter is awake and competing (so
// Unlock need not wake another), bit 2 starvation mode, and above them the number of
// sleeping waiters. sema is the semaphore waiters sleep on (runtime/sema.go).
package sync

import "sync/atomic"

// A Locker can be locked and unlocked.
type Locker interface {
	Lock()
	Unlock()
}

// A Mutex is a mutual exclusion lock; the zero Mutex is unlocked. It must not be copied
// after first use. Any goroutine may unlock it, not only the one that locked it.
type Mutex struct {
	state int32
	sema  uint32
}

const (
	mLocked   = 1
	mWoken    = 2
	mStarving = 4
	// mWaiter is one sleeping waiter in the count above the three flags.
	mWaiter = 8
	// starveAfter is how long a waiter waits before it asks for starvation mode: 1 ms.
	starveAfter = 1000000
)

// Lock locks m, waiting until it is unlocked if it is locked.
func (m *Mutex) Lock() {
	if !atomic.CompareAndSwapInt32(&m.state, 0, mLocked) {
		m.lockContended()
	}
}

// TryLock locks m if it is unlocked and nobody is waiting to be handed it, and reports
// whether it did. (Correct uses are rare, as Go's documentation warns.)
func (m *Mutex) TryLock() bool {
	s := atomic.LoadInt32(&m.state)
	if s&(mLocked|mStarving) != 0 {
		return false
	}
	return atomic.CompareAndSwapInt32(&m.state, s, s|mLocked)
}

// lockContended is Lock when the fast path failed: it loops, each time computing the state
// it wants from the state it saw and trying to install it with one compare-and-swap.
func (m *Mutex) lockContended() {
	var waitStart int64 // when this goroutine first slept; 0: not yet
	hungry := false     // it has waited longer than starveAfter
	awake := false      // it owns the woken bit
	spins := 0
	seen := atomic.LoadInt32(&m.state)
	for {
		if seen&(mLocked|mStarving) == mLocked && runtime_canSpin(spins) {
			// Spin while the holder may release soon, first claiming the woken bit so
			// that Unlock wakes nobody while a competitor is already awake.
			if !awake && seen&mWoken == 0 && seen >= mWaiter &&
				atomic.CompareAndSwapInt32(&m.state, seen, seen|mWoken) {
				awake = true
			}
			runtime_doSpin()
			spins++
			seen = atomic.LoadInt32(&m.state)
			continue
		}
		want := seen
		if seen&mStarving == 0 {
			// A starving mutex belongs to the waiters: only a normal one may be grabbed.
			want |= mLocked
		}
		mustWait := seen&(mLocked|mStarving) != 0
		if mustWait {
			want += mWaiter
		}
		if hungry && seen&mLocked != 0 {
			want |= mStarving
		}
		if awake {
			if want&mWoken == 0 {
				throw("sync: inconsistent mutex state")
			}
			want &^= mWoken
		}
		if !atomic.CompareAndSwapInt32(&m.state, seen, want) {
			seen = atomic.LoadInt32(&m.state)
			continue
		}
		if !mustWait {
			return // it was unlocked and normal: ours now
		}
		again := waitStart != 0
		if !again {
			waitStart = runtime_nanotime()
		}
		runtime_SemacquireMutex(&m.sema, again, 1)
		hungry = hungry || runtime_nanotime()-waitStart > starveAfter
		seen = atomic.LoadInt32(&m.state)
		if seen&mStarving != 0 {
			// Handed over by Unlock: the mutex is ours, though the state still counts us
			// as a waiter and does not say locked.
			if seen&(mLocked|mWoken) != 0 || seen < mWaiter {
				throw("sync: inconsistent mutex state")
			}
			adjust := int32(mLocked - mWaiter)
			if !hungry || seen>>3 == 1 {
				// Leave starvation mode while it is cheap: this waiter did not starve,
				// or it was the last one.
				adjust -= mStarving
			}
			atomic.AddInt32(&m.state, adjust)
			return
		}
		awake = true
		spins = 0
	}
}

// Unlock unlocks m. Unlocking an unlocked Mutex is a fatal error.
func (m *Mutex) Unlock() {
	if rest := atomic.AddInt32(&m.state, -mLocked); rest != 0 {
		m.unlockContended(rest)
	}
}

// unlockContended is Unlock when there may be waiters to wake; rest is the state after
// clearing the locked bit.
func (m *Mutex) unlockContended(rest int32) {
	if rest&mLocked != 0 {
		// Clearing the bit borrowed from the bits above it: it was clear.
		fatal("sync: unlock of unlocked mutex")
	}
	if rest&mStarving != 0 {
		// Hand the mutex to the first waiter, which runs at once.
		runtime_Semrelease(&m.sema, true, 1)
		return
	}
	for {
		// Nobody to wake, or someone else will see to it: a goroutine holds the lock
		// again, one is already awake, or the mutex went into starvation mode.
		if rest < mWaiter || rest&(mLocked|mWoken|mStarving) != 0 {
			return
		}
		if atomic.CompareAndSwapInt32(&m.state, rest, (rest-mWaiter)|mWoken) {
			runtime_Semrelease(&m.sema, false, 1)
			return
		}
		rest = atomic.LoadInt32(&m.state)
	}
}
