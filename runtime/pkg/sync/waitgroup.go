// WaitGroup: a counter of unfinished tasks that Wait waits to reach zero.
//
// One 64-bit word (state1) holds the counter in its high half and the number of goroutines
// sleeping in Wait in its low half, so that Add can see both in the same atomic step: the
// one Add that brings the counter to zero with sleepers clears the word and wakes each of
// them on the semaphore state2. The fields have Go 1.19's names and types, so fmt prints a
// WaitGroup as Go's does. Go's panics for misuse (sync/waitgroup.go) are kept: a negative
// counter, an Add from zero racing with a Wait, and a reuse before the previous Wait
// returned.
package sync

import "sync/atomic"

// A WaitGroup waits for a collection of goroutines to finish: Add sets how many, each calls
// Done when it finishes, and Wait blocks until all have. It must not be copied after first
// use.
type WaitGroup struct {
	noCopy noCopy
	state1 uint64 // counter << 32 | sleepers
	state2 uint32 // the semaphore sleepers wait on
}

// Add adds delta, which may be negative, to the counter; when it reaches zero, every
// goroutine blocked in Wait is released. A negative counter panics.
func (wg *WaitGroup) Add(delta int) {
	word := atomic.AddUint64(&wg.state1, uint64(delta)<<32)
	count := int32(word >> 32)
	sleepers := uint32(word)
	if count < 0 {
		panic("sync: negative WaitGroup counter")
	}
	if sleepers != 0 && delta > 0 && count == int32(delta) {
		// The counter went up from zero while goroutines still sleep in a Wait that
		// should have been released.
		panic("sync: WaitGroup misuse: Add called concurrently with Wait")
	}
	if count > 0 || sleepers == 0 {
		return
	}
	// The counter is zero and there are sleepers: nothing else may change the word now.
	if atomic.LoadUint64(&wg.state1) != word {
		panic("sync: WaitGroup misuse: Add called concurrently with Wait")
	}
	atomic.StoreUint64(&wg.state1, 0)
	for ; sleepers > 0; sleepers-- {
		runtime_Semrelease(&wg.state2, false, 0)
	}
}

// Done decrements the counter by one.
func (wg *WaitGroup) Done() {
	wg.Add(-1)
}

// Wait blocks until the counter is zero.
func (wg *WaitGroup) Wait() {
	for {
		word := atomic.LoadUint64(&wg.state1)
		if word>>32 == 0 {
			return
		}
		if atomic.CompareAndSwapUint64(&wg.state1, word, word+1) {
			runtime_Semacquire(&wg.state2)
			if atomic.LoadUint64(&wg.state1) != 0 {
				panic("sync: WaitGroup is reused before previous Wait has returned")
			}
			return
		}
	}
}
