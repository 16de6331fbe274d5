// Semaphores and notification lists for package sync, which reaches them with //go:linkname
// (sync/runtime.go), under the names Go 1.19's sync uses (sync/runtime.go and runtime/sema.go
// give the contracts; the code here is tbuild's own).
//
// A semaphore is a uint32 in the user's memory, counting wake-ups that nobody has taken yet.
// semacquire takes one, or waits until semrelease gives one. Waiters are kept in a fixed
// table of buckets hashed by the semaphore's address; each bucket holds one list of waiters
// for all its addresses, in arrival order, so the first waiter on an address is the one
// semrelease wakes (FIFO per address). A waiter that asks for LIFO (a sync.Mutex waiter that
// has waited before) goes in front of the others on its address instead. The count is
// changed only by compare-and-swap and atomic add (atomic_amd64.s), so a goroutine that does
// not have to wait never takes the bucket's lock.
//
// A notifyList (sync.Cond) hands out tickets: notifyListAdd takes the next one before the
// caller releases its lock, notifyListWait sleeps until that ticket is notified. A notify
// that comes between the two is not lost: the wait sees its ticket already passed and
// returns at once.
//
// Goroutines sleep with goparkunlock on the bucket's (or list's) lock and are woken with
// goready (proc.go).
package runtime

import "unsafe"

// semaWaiter is a goroutine waiting on a semaphore or a notifyList ticket.
type semaWaiter struct {
	gp     *g
	addr   *uint32
	next   *semaWaiter
	ticket uint32 // notifyList: the ticket waited for
	given  bool   // semaphore: semrelease handed this waiter the count it released
}

// semaBucket is one slot of semtable: the waiters on the addresses that hash to it.
type semaBucket struct {
	lock  mutex
	head  *semaWaiter
	tail  *semaWaiter
	nwait uint32 // waiters in the list, read without the lock by semrelease
}

// Waiters are recycled through a free list, as Go caches its sudogs: a program can park
// millions of times, and the heap is never collected yet.
var (
	semaFreeLock mutex
	semaFree     *semaWaiter
)

// newSemaWaiter returns a cleared waiter for the current goroutine.
func newSemaWaiter() *semaWaiter {
	lock(&semaFreeLock)
	w := semaFree
	if w != nil {
		semaFree = w.next
	}
	unlock(&semaFreeLock)
	if w == nil {
		// Explicitly: the runtime's new and &T{} stay in the frame (lower/builtins.rs).
		w = (*semaWaiter)(mallocRuntime(unsafe.Sizeof(semaWaiter{})))
	}
	*w = semaWaiter{gp: getg()}
	return w
}

// freeSemaWaiter gives w back once nothing refers to it any more: its goroutine has been
// woken and has returned from its wait.
func freeSemaWaiter(w *semaWaiter) {
	*w = semaWaiter{}
	lock(&semaFreeLock)
	w.next = semaFree
	semaFree = w
	unlock(&semaFreeLock)
}

// semTabSize is a prime, so that addresses that are multiples of the word size spread out.
const semTabSize = 251

var semtable [semTabSize]semaBucket

func semaBucketOf(addr *uint32) *semaBucket {
	return &semtable[(uintptr(unsafe.Pointer(addr))>>3)%semTabSize]
}

// semaTryTake takes one count from *addr if there is one.
func semaTryTake(addr *uint32) bool {
	for {
		n := atomicload(addr)
		if n == 0 {
			return false
		}
		if atomiccas(addr, n, n-1) {
			return true
		}
	}
}

// push appends w, or puts it before every other waiter on its address when lifo is set.
func (b *semaBucket) push(w *semaWaiter, lifo bool) {
	w.next = nil
	if lifo {
		var prev *semaWaiter
		for s := b.head; s != nil; s = s.next {
			if s.addr == w.addr {
				break
			}
			prev = s
		}
		if prev == nil {
			w.next = b.head
			b.head = w
		} else {
			w.next = prev.next
			prev.next = w
		}
		if w.next == nil {
			b.tail = w
		}
		return
	}
	if b.tail == nil {
		b.head = w
	} else {
		b.tail.next = w
	}
	b.tail = w
}

// popFor removes and returns the first waiter on addr, or nil.
func (b *semaBucket) popFor(addr *uint32) *semaWaiter {
	var prev *semaWaiter
	for s := b.head; s != nil; s = s.next {
		if s.addr != addr {
			prev = s
			continue
		}
		if prev == nil {
			b.head = s.next
		} else {
			prev.next = s.next
		}
		if b.tail == s {
			b.tail = prev
		}
		s.next = nil
		return s
	}
	return nil
}

// semacquire1 takes one count from *addr, sleeping until there is one. Go 1.19 reports
// every semaphore sleep as "semacquire" in goroutine dumps.
func semacquire1(addr *uint32, lifo bool) {
	if semaTryTake(addr) {
		return
	}
	b := semaBucketOf(addr)
	w := newSemaWaiter()
	w.addr = addr
	for {
		lock(&b.lock)
		// Count this waiter before the second look, so that a semrelease that adds its
		// count after the look sees a waiter to wake.
		atomicxadd(&b.nwait, 1)
		if semaTryTake(addr) {
			atomicxadd(&b.nwait, -1)
			unlock(&b.lock)
			break
		}
		b.push(w, lifo)
		goparkunlock(&b.lock, waitReasonSemacquire)
		if w.given || semaTryTake(addr) {
			break
		}
		w.given = false
		// Another goroutine took the count first: wait again, now at the front.
		lifo = true
	}
	freeSemaWaiter(w)
}

// semrelease1 adds one count to *addr and wakes the first waiter on it. With handoff, the
// count goes straight to that waiter, which then runs next (sync.Mutex's starvation mode).
func semrelease1(addr *uint32, handoff bool) {
	b := semaBucketOf(addr)
	atomicxadd(addr, 1)
	if atomicload(&b.nwait) == 0 {
		return
	}
	lock(&b.lock)
	w := b.popFor(addr)
	if w != nil {
		atomicxadd(&b.nwait, -1)
	}
	unlock(&b.lock)
	if w == nil {
		return
	}
	given := handoff && semaTryTake(addr)
	w.given = given
	// w is the waiter's to free once it runs: read nothing of it after goready.
	goready(w.gp)
	if given {
		// Let the waiter run now rather than when this goroutine next blocks: with one M
		// it could otherwise wait for a long time for a lock it already owns.
		Gosched()
	}
}

func sync_runtime_Semacquire(addr *uint32) {
	semacquire1(addr, false)
}

func sync_runtime_SemacquireMutex(addr *uint32, lifo bool, skipframes int) {
	semacquire1(addr, lifo)
}

func sync_runtime_Semrelease(addr *uint32, handoff bool, skipframes int) {
	semrelease1(addr, handoff)
}

// notifyList is sync.notifyList (sync/runtime2.go), field for field: sync declares the same
// layout with a uintptr for the lock and unsafe.Pointers for head and tail, and checks the
// size at init (notifyListCheck).
type notifyList struct {
	wait   uint32 // the next ticket to hand out
	notify uint32 // the next ticket to notify
	lock   mutex
	head   *semaWaiter
	tail   *semaWaiter
}

// ticketBefore reports whether ticket a comes before b. Tickets wrap around; the distance
// between the oldest waiting ticket and the newest is far below 2^31.
func ticketBefore(a, b uint32) bool {
	return int32(a-b) < 0
}

// notifyListAdd hands out the next ticket.
func sync_runtime_notifyListAdd(l *notifyList) uint32 {
	return atomicxadd(&l.wait, 1) - 1
}

// notifyListWait sleeps until ticket t has been notified.
func sync_runtime_notifyListWait(l *notifyList, t uint32) {
	lock(&l.lock)
	if ticketBefore(t, l.notify) {
		unlock(&l.lock)
		return
	}
	w := newSemaWaiter()
	w.ticket = t
	if l.tail == nil {
		l.head = w
	} else {
		l.tail.next = w
	}
	l.tail = w
	goparkunlock(&l.lock, waitReasonSyncCondWait)
	freeSemaWaiter(w)
}

// notifyListNotifyAll notifies every ticket handed out so far.
func sync_runtime_notifyListNotifyAll(l *notifyList) {
	if atomicload(&l.wait) == atomicload(&l.notify) {
		return
	}
	lock(&l.lock)
	w := l.head
	l.head, l.tail = nil, nil
	l.notify = atomicload(&l.wait)
	unlock(&l.lock)
	for w != nil {
		next := w.next
		w.next = nil
		goready(w.gp)
		w = next
	}
}

// notifyListNotifyOne notifies the oldest ticket not yet notified, and wakes its waiter if
// it is already asleep (otherwise its wait will return at once).
func sync_runtime_notifyListNotifyOne(l *notifyList) {
	if atomicload(&l.wait) == atomicload(&l.notify) {
		return
	}
	lock(&l.lock)
	t := l.notify
	if t == atomicload(&l.wait) {
		unlock(&l.lock)
		return
	}
	l.notify = t + 1
	var prev *semaWaiter
	for w := l.head; w != nil; w = w.next {
		if w.ticket != t {
			prev = w
			continue
		}
		if prev == nil {
			l.head = w.next
		} else {
			prev.next = w.next
		}
		if l.tail == w {
			l.tail = prev
		}
		unlock(&l.lock)
		w.next = nil
		goready(w.gp)
		return
	}
	unlock(&l.lock)
}

// notifyListCheck stops the program if sync's notifyList is not this one's size.
func sync_runtime_notifyListCheck(size uintptr) {
	if size != unsafe.Sizeof(notifyList{}) {
		print("runtime: bad notifyList size - sync=", size, " runtime=", unsafe.Sizeof(notifyList{}), "\n")
		throw("bad notifyList size")
	}
}

// sync_runtime_canSpin says whether sync.Mutex should spin (the i-th time) before it
// sleeps: a few times only, on a machine with more than one CPU, while another P is
// running (the lock's holder may be on it, about to release it) and this P has nothing
// else to run. Go: runtime/proc.go sync_runtime_canSpin, whose rules these are.
func sync_runtime_canSpin(i int) bool {
	if i >= 4 || ncpu <= 1 {
		return false
	}
	if atomicloadInt32(&gomaxprocs) <= int32(atomicload(&sched.npidle)+atomicload(&sched.nmspinning))+1 {
		return false
	}
	pp := getg().m.p
	return pp != nil && runqempty(pp)
}

// sync_runtime_doSpin spins for a moment (30 PAUSEs, as Go's active_spin_cnt).
func sync_runtime_doSpin() {
	procyield(30)
}

// sync_runtime_nanotime is the monotonic clock (time.go), for sync.Mutex's starvation
// threshold.
func sync_runtime_nanotime() int64 {
	return nanotime()
}

// sync_throw is a throw for package sync: "fatal error: ", s, and the traceback with the
// runtime's frames.
func sync_throw(s string) {
	throw(s)
}

// sync_fatal is Go's fatal for package sync, an error of the user's program such as
// unlocking an unlocked Mutex: "fatal error: ", s, and the traceback without the runtime's
// frames, exit status 2 (panic.go fatal).
func sync_fatal(s string) {
	fatal(s)
}
