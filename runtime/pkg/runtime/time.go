// Clocks and timers.
//
// nanotime and walltime read the kernel's monotonic and real-time clocks. Timers are
// Go's runtime timers (runtime/time.go): package time's Sleep, Timer, Ticker and AfterFunc
// keep a runtimeTimer (time/sleep.go) whose layout is timer's, and reach the functions
// below by declaring them without bodies under //go:linkname (time.now is runtime.time_now,
// time.Sleep is runtime.timeSleep, ...): tbuild links in that direction only. A timer fires by calling its f(arg, seq) from the scheduler,
// on g0: f must not block (time's sendTime sends without blocking, goFunc starts a
// goroutine, and Sleep's goroutineReady makes the sleeper runnable).
//
// Each P keeps its own timers, as Go 1.14+ does: a binary min-heap ordered by when, under
// the P's timersLock, with the P's timer0When (when its earliest is due, 0 for none) read
// without the lock. A timer goes into the heap of the P of the M that starts it, and
// remembers that P (pp) and its index there (idx), so that stopping or resetting it is
// O(log n) under that P's lock. Every M with a P runs its own P's due timers before it
// picks a goroutine (checkTimers); an M that finds nothing to run runs every P's due timers
// (an idle P's too, or a retired one's: nobody else would) before it gives up its P. One M
// with nothing to do may sleep until the earliest timer of all (waitForTimer), and a timer
// added earlier than that wakes it. A pending timer is thus never a deadlock.

package runtime

import "unsafe"

// Clock IDs. Go: runtime/defs_linux_amd64.go.
const (
	_CLOCK_REALTIME  = 0
	_CLOCK_MONOTONIC = 1
)

type timespec struct {
	tv_sec  int64
	tv_nsec int64
}

// nanotime returns the monotonic clock in nanoseconds.
func nanotime() int64 {
	var ts timespec
	clock_gettime(_CLOCK_MONOTONIC, &ts)
	return ts.tv_sec*1e9 + ts.tv_nsec
}

// walltime returns the real-time clock: seconds and nanoseconds since the Unix epoch.
func walltime() (sec int64, nsec int32) {
	var ts timespec
	clock_gettime(_CLOCK_REALTIME, &ts)
	return ts.tv_sec, int32(ts.tv_nsec)
}

// time_now is package time's now: the wall clock and the monotonic reading.
func time_now() (sec int64, nsec int32, mono int64) {
	sec, nsec = walltime()
	return sec, nsec, nanotime()
}

// time_runtimeNano is package time's runtimeNano, the clock timers' when is read on.
func time_runtimeNano() int64 {
	return nanotime()
}

// A timer; package time's runtimeTimer has the same layout. Go: runtime/time.go timer.
type timer struct {
	pp       *p    // the P whose heap holds the timer, nil when it is not in one
	when     int64 // when to fire, on nanotime's clock
	period   int64 // a ticker's period; 0 for a one-shot timer
	f        func(any, uintptr)
	arg      any
	seq      uintptr
	nextwhen int64  // unused: Go's, for its lock-free timer states
	idx      uint32 // the timer's index in pp's heap (Go's field here is status)
}

// time_startTimer adds t to the current P's heap. Go: runtime/time.go startTimer.
func time_startTimer(t *timer) {
	if t.pp != nil {
		throw("startTimer: timer already started")
	}
	addtimer(t)
}

// time_stopTimer takes t out of its heap, reporting whether it was in one (pending).
func time_stopTimer(t *timer) bool {
	return deltimer(t)
}

// time_resetTimer makes t fire at when instead, reporting whether it was pending.
func time_resetTimer(t *timer, when int64) bool {
	pending := deltimer(t)
	t.when = when
	addtimer(t)
	return pending
}

// time_modTimer changes every setting of t and (re)starts it.
func time_modTimer(t *timer, when, period int64, f func(any, uintptr), arg any, seq uintptr) {
	deltimer(t)
	t.when = when
	t.period = period
	t.f = f
	t.arg = arg
	t.seq = seq
	addtimer(t)
}

// addtimer puts t, in no heap, into the current P's heap (the first P's for an M without
// one) and makes sure an M will wake for it. A when in the past fires at the next
// schedule; a negative one (an overflowed duration) means "far in the future", as Go
// takes it.
func addtimer(t *timer) {
	if t.when < 0 {
		t.when = 1<<63 - 1
	}
	if t.f == nil {
		throw("timer with nil function")
	}
	when := t.when // once t is in a heap, another M may fire and change it
	pp := getg().m.p
	if pp == nil {
		pp = allps()[0]
	}
	lock(&pp.timersLock)
	pp.timers = append(pp.timers, t)
	i := len(pp.timers) - 1
	atomicstorep(unsafe.Pointer(&t.pp), unsafe.Pointer(pp))
	t.idx = uint32(i)
	siftupTimer(pp, i)
	updateTimer0When(pp)
	unlock(&pp.timersLock)
	wakeTimerM(when)
}

// deltimer takes t out of its heap if it is in one, reporting whether it was. The heap it
// is in may change meanwhile (another M fires it, or restarts it on its own P): t.pp is
// read again under the lock of the P it named.
func deltimer(t *timer) bool {
	for {
		pp := (*p)(atomicloadp(unsafe.Pointer(&t.pp)))
		if pp == nil {
			return false
		}
		lock(&pp.timersLock)
		if t.pp != pp {
			unlock(&pp.timersLock)
			continue
		}
		removeTimer(pp, int(t.idx))
		unlock(&pp.timersLock)
		return true
	}
}

// removeTimer takes the timer at index i out of pp's heap; pp.timersLock must be held.
func removeTimer(pp *p, i int) {
	ts := pp.timers
	if i >= len(ts) || ts[i].pp != pp {
		throw("deltimer: timer not at its heap index")
	}
	t := ts[i]
	last := len(ts) - 1
	if i != last {
		ts[i] = ts[last]
		ts[i].idx = uint32(i)
	}
	ts[last] = nil
	pp.timers = ts[:last]
	atomicstorep(unsafe.Pointer(&t.pp), nil)
	if i != last {
		siftupTimer(pp, i)
		siftdownTimer(pp, i)
	}
	updateTimer0When(pp)
}

// updateTimer0When publishes when pp's earliest timer is due; pp.timersLock must be held.
func updateTimer0When(pp *p) {
	w := int64(0)
	if len(pp.timers) > 0 {
		w = pp.timers[0].when
		if w <= 0 {
			w = 1 // 0 means "no timer"
		}
	}
	atomicstoreInt64(&pp.timer0When, w)
}

// earliestTimer returns when the earliest timer of any P is due, or 0 if there is none.
// Read without locks: a hint, exact once the timers stop changing.
func earliestTimer() int64 {
	w := int64(0)
	for _, pp := range allps() {
		if t := atomicloadInt64(&pp.timer0When); t != 0 && (w == 0 || t < w) {
			w = t
		}
	}
	return w
}

// wakeTimerM makes sure some M will wake for a timer due at when, added or moved just now
// (no timer lock held): the M sleeping for an earlier deadline (waitForTimer) is woken
// to sleep again until when; with no such M, an idle P gets a spinning M, which, finding
// nothing else to do, becomes it. Go: runtime/proc.go wakeNetPoller.
func wakeTimerM(when int64) {
	if atomicload(&sched.timerSleeping) == 0 {
		wakep()
		return
	}
	if when < atomicloadInt64(&sched.timerWhen) {
		if atomicxchg(noteKey(&sched.timerNote), 1) == 0 {
			futexwakeup(noteKey(&sched.timerNote), 1)
		}
	}
}

// checkTimers runs pp's timers that are due, if any; the M holds a P (a timer's function
// may ready a goroutine or start one). Go: runtime/proc.go checkTimers.
func checkTimers(pp *p) {
	w := atomicloadInt64(&pp.timer0When)
	if w == 0 || w > nanotime() {
		return
	}
	lock(&pp.timersLock)
	runtimers(pp, nanotime())
	unlock(&pp.timersLock)
}

// checkAllTimers runs the due timers of every P, for an M that has found nothing to run:
// an idle P's timers have no M of their own. Go does this as it steals (stealWork).
func checkAllTimers() {
	for _, pp := range allps() {
		checkTimers(pp)
	}
}

// waitForTimer makes the current M, which has just given up its P for want of work, the
// one that sleeps until the earliest timer is due, unless there is no timer or another M
// is doing so. Woken (by the time, or an earlier timer), it takes an idle P if there is
// one and reports true: the caller looks for work again, timers first. It reports false
// when the caller should simply stop.
func waitForTimer() bool {
	w := earliestTimer()
	if w == 0 || !atomiccas(&sched.timerSleeping, 0, 1) {
		return false
	}
	atomicstoreInt64(&sched.timerWhen, w)
	if w2 := earliestTimer(); w2 != 0 && w2 < w {
		w = w2 // added between the two reads
		atomicstoreInt64(&sched.timerWhen, w)
	}
	notetsleep(&sched.timerNote, w)
	noteclear(&sched.timerNote)
	atomicstore(&sched.timerSleeping, 0)
	lock(&sched.lock)
	pp := pidleget()
	unlock(&sched.lock)
	if pp == nil {
		return false // every P is busy: their Ms run the timers
	}
	acquirep(pp)
	return true
}

func siftupTimer(pp *p, i int) {
	ts := pp.timers
	t := ts[i]
	for i > 0 {
		parent := (i - 1) / 2
		if ts[parent].when <= t.when {
			break
		}
		ts[i] = ts[parent]
		ts[i].idx = uint32(i)
		i = parent
	}
	ts[i] = t
	t.idx = uint32(i)
}

func siftdownTimer(pp *p, i int) {
	ts := pp.timers
	n := len(ts)
	t := ts[i]
	for {
		child := 2*i + 1
		if child >= n {
			break
		}
		if child+1 < n && ts[child+1].when < ts[child].when {
			child++
		}
		if ts[child].when >= t.when {
			break
		}
		ts[i] = ts[child]
		ts[i].idx = uint32(i)
		i = child
	}
	ts[i] = t
	t.idx = uint32(i)
}

// runtimers fires every timer of pp due at now, earliest first: a ticker goes back in the
// heap one period later (or, if it fell behind, one period after now, as Go's runOneTimer
// does), a one-shot timer leaves it. It runs on g0, from findRunnable, with pp.timersLock
// held, which it releases while a timer's function runs (a function may start or stop
// timers).
func runtimers(pp *p, now int64) {
	for len(pp.timers) > 0 {
		t := pp.timers[0]
		if t.when > now {
			return
		}
		f, arg, seq := t.f, t.arg, t.seq
		if t.period > 0 {
			delta := t.when - now
			t.when += t.period * (1 + -delta/t.period)
			if t.when < 0 {
				t.when = 1<<63 - 1
			}
			siftdownTimer(pp, 0)
			updateTimer0When(pp)
		} else {
			removeTimer(pp, 0)
		}
		unlock(&pp.timersLock)
		f(arg, seq)
		lock(&pp.timersLock)
	}
}

// timeSleep is time.Sleep: the goroutine parks, and its own timer (made once, kept in
// g.timer) readies it after ns nanoseconds. The timer starts after the goroutine is off
// its stack (resetForSleep, gopark's unlockf), as Go's does. Go: runtime/time.go timeSleep.
func timeSleep(ns int64) {
	if ns <= 0 {
		return
	}
	gp := getg()
	t := gp.timer
	if t == nil {
		t = (*timer)(mallocRuntime(unsafe.Sizeof(timer{})))
		gp.timer = t
	}
	t.f = goroutineReady
	t.arg = gp
	t.when = nanotime() + ns
	if t.when < 0 {
		t.when = 1<<63 - 1
	}
	gopark(resetForSleep, nil, waitReasonSleep)
}

func resetForSleep(gp *g, _ unsafe.Pointer) bool {
	addtimer(gp.timer)
	return true
}

// goroutineReady is a sleep timer's f: arg is the sleeping goroutine.
func goroutineReady(arg any, seq uintptr) {
	goready(arg.(*g))
}
