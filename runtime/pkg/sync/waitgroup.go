// WaitGroup: a counter of unfinished tasks that Wait waits to reach zero.
//
// One 64-bit word holds the counter in its high half and the number of goroutines sleeping
// in Wait in its low half, so that Add can see both in the same atomic step: the one Add
// that brings the counter to zero with sleepers clears the word and wakes each of them on
// sema. Go's panics for misuse (sync/waitgroup.go) are kept: a negative counter, an Add
// from zero racing with a Wait, and a reuse before the previous Wait returned.
package sync

import "sync/atomic"

// A WaitGroup waits for a collection of goroutines to finish: Add sets how many, each calls
// Done when it finishes, and Wait blocks until all have. It must not be copied after first
// use.
type WaitGroup struct {
	noCopy noCopy
	word   atomic.Uint64 // counter << 32 | sleepers
	sema   uint32
}

// Add adds delta, which may be negative, to the counter; when it reaches zero, every
// goroutine blocked in Wait is released. A negative counter panics.
func (wg *WaitGroup) Add(delta int) {
	word := wg.word.Add(uint64(delta) << 32)
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
	if wg.word.Load() != word {
		panic("sync: WaitGroup misuse: Add called concurrently with Wait")
	}
	wg.word.Store(0)
	for ; sleepers > 0; sleepers-- {
		runtime_Semrelease(&wg.sema, false, 0)
	}
}

// Done decrements the counter by one.
func (wg *WaitGroup) Done() {
	wg.Add(-1)
}

// Wait blocks until the counter is zero.
func (wg *WaitGroup) Wait() {
	for {
		word := wg.word.Load()
		if word>>32 == 0 {
			return
		}
		if wg.word.CompareAndSwap(word, word+1) {
			runtime_Semacquire(&wg.sema)
			if wg.word.Load() != 0 {
				panic("sync: WaitGroup is reused before previous Wait has returned")
			}
			return
		}
	}
}
