// Once: a function run once, however many goroutines ask, with every caller returning
// only after it has run.
package sync

import "sync/atomic"

// A Once runs one function once. It must not be copied after first use.
type Once struct {
	// done is first so that the fast path loads it without an offset.
	done uint32
	m    Mutex
}

// Do calls f if and only if Do is being called for the first time for this Once. Every
// call returns after f has returned (or panicked: a panicking f counts as done). Calling Do
// on the same Once from f deadlocks.
func (o *Once) Do(f func()) {
	// done is set only after f returns, so that a caller that sees it set also sees f's
	// effects; callers that come while f runs wait on the mutex.
	if atomic.LoadUint32(&o.done) == 0 {
		o.doOnce(f)
	}
}

func (o *Once) doOnce(f func()) {
	o.m.Lock()
	defer o.m.Unlock()
	if o.done != 0 {
		return
	}
	defer atomic.StoreUint32(&o.done, 1)
	f()
}
