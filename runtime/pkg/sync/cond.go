// Cond: a condition variable over a Locker, on the runtime's notification lists: Wait takes
// a ticket while it still holds the lock, so a Signal or Broadcast made after the unlock
// and before the sleep is not lost.
package sync

import (
	"sync/atomic"
	"unsafe"
)

// A Cond is a rendezvous point for goroutines waiting for or announcing an event. L is
// held while the condition is changed and while Wait is called. A Cond must not be copied
// after first use.
type Cond struct {
	noCopy noCopy

	// L is held while observing or changing the condition.
	L Locker

	notify  notifyList
	checker copyChecker
}

// NewCond returns a new Cond with Locker l.
func NewCond(l Locker) *Cond {
	return &Cond{L: l}
}

// Wait unlocks c.L, sleeps until a Signal or Broadcast wakes it, and locks c.L again before
// returning. The condition may not hold when Wait returns: callers wait in a loop.
func (c *Cond) Wait() {
	c.checker.check()
	ticket := runtime_notifyListAdd(&c.notify)
	c.L.Unlock()
	runtime_notifyListWait(&c.notify, ticket)
	c.L.Lock()
}

// Signal wakes one goroutine waiting on c, if there is any.
func (c *Cond) Signal() {
	c.checker.check()
	runtime_notifyListNotifyOne(&c.notify)
}

// Broadcast wakes all goroutines waiting on c.
func (c *Cond) Broadcast() {
	c.checker.check()
	runtime_notifyListNotifyAll(&c.notify)
}

// copyChecker holds its own address once first checked; a copied Cond carries an address
// that is not its own.
type copyChecker uintptr

func (c *copyChecker) check() {
	self := uintptr(unsafe.Pointer(c))
	p := (*uintptr)(c)
	if atomic.LoadUintptr(p) == self {
		return
	}
	if atomic.CompareAndSwapUintptr(p, 0, self) || atomic.LoadUintptr(p) == self {
		return
	}
	panic("sync.Cond is copied")
}
