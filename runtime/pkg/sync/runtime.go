// Package sync: tbuild's sync, Go's basic synchronisation primitives (Mutex, RWMutex,
// WaitGroup, Once, Cond, Map, Pool) written over sync/atomic and the runtime's semaphores.
//
// runtime.go declares what the package takes from the runtime (runtime/sema.go), reached
// with //go:linkname as fmt reaches the runtime's type accessors: semaphores to sleep on,
// notification lists for Cond, the spinning policy and clock for Mutex, and Go's fatal error
// for misuse that must not be recovered.
package sync

import "unsafe"

// runtime_Semacquire waits until *s > 0 and decrements it.
//
//go:linkname runtime_Semacquire runtime.sync_runtime_Semacquire
func runtime_Semacquire(s *uint32)

// runtime_SemacquireMutex is runtime_Semacquire for a Mutex waiter; lifo puts the caller
// ahead of the other waiters (it has waited before).
//
//go:linkname runtime_SemacquireMutex runtime.sync_runtime_SemacquireMutex
func runtime_SemacquireMutex(s *uint32, lifo bool, skipframes int)

// runtime_Semrelease increments *s and wakes one waiter; with handoff, the count goes to
// that waiter directly and it runs next.
//
//go:linkname runtime_Semrelease runtime.sync_runtime_Semrelease
func runtime_Semrelease(s *uint32, handoff bool, skipframes int)

// notifyList is the runtime's notifyList (runtime/sema.go), which Cond waits on: a ticket
// counter, the next ticket to notify, the runtime's lock and the list of sleepers.
type notifyList struct {
	wait   uint32
	notify uint32
	lock   uintptr
	head   unsafe.Pointer
	tail   unsafe.Pointer
}

//go:linkname runtime_notifyListAdd runtime.sync_runtime_notifyListAdd
func runtime_notifyListAdd(l *notifyList) uint32

//go:linkname runtime_notifyListWait runtime.sync_runtime_notifyListWait
func runtime_notifyListWait(l *notifyList, t uint32)

//go:linkname runtime_notifyListNotifyAll runtime.sync_runtime_notifyListNotifyAll
func runtime_notifyListNotifyAll(l *notifyList)

//go:linkname runtime_notifyListNotifyOne runtime.sync_runtime_notifyListNotifyOne
func runtime_notifyListNotifyOne(l *notifyList)

//go:linkname runtime_notifyListCheck runtime.sync_runtime_notifyListCheck
func runtime_notifyListCheck(size uintptr)

// The two declarations of notifyList must agree.
func init() {
	var l notifyList
	runtime_notifyListCheck(unsafe.Sizeof(l))
}

// runtime_canSpin reports whether a Mutex waiter should spin (iteration i) before sleeping.
//
//go:linkname runtime_canSpin runtime.sync_runtime_canSpin
func runtime_canSpin(i int) bool

//go:linkname runtime_doSpin runtime.sync_runtime_doSpin
func runtime_doSpin()

//go:linkname runtime_nanotime runtime.sync_runtime_nanotime
func runtime_nanotime() int64

// throw ends the program for a broken invariant of this package.
//
//go:linkname throw runtime.sync_throw
func throw(s string)

// fatal ends the program for a misuse by the program ("sync: unlock of unlocked mutex"):
// like a panic it cannot be recovered, unlike one it runs no deferred calls.
//
//go:linkname fatal runtime.sync_fatal
func fatal(s string)

// noCopy has Lock and Unlock so that go vet's copylocks check reports a copied value that
// contains one.
type noCopy struct{}

func (*noCopy) Lock()   {}
func (*noCopy) Unlock() {}
