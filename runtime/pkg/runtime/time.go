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
// The timers are one binary min-heap ordered by when, under timersLock (Go 1.14+ keeps a
// heap per P; one heap is simpler and the lock is held only for heap operations); a timer
// in the heap keeps its index there in pp (Go's field for the P whose heap holds the
// timer), so that stopping or resetting one is O(log n). timer0When, read without the lock,
// is when the earliest timer is due (0: none). Every M with a P runs the due timers before
// it picks a goroutine (checkTimers); an M with nothing to run may instead become the one M
// that sleeps until the earliest timer (waitForTimer), and a timer added earlier than that
// wakes it. A pending timer is thus never a deadlock.

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
	pp       uintptr // 1 + the timer's index in the heap, or 0 when not in it
	when     int64   // when to fire, on nanotime's clock
	period   int64   // a ticker's period; 0 for a one-shot timer
	f        func(any, uintptr)
	arg      any
	seq      uintptr
	nextwhen int64  // unused: Go's, for a heap per P
	status   uint32 // unused: Go's, for a heap per P
}

var (
	timersLock mutex
	timers     []*timer // the heap of pending timers, earliest first
	timer0When int64    // timers[0].when, or 0 if there is no timer (atomic)
)

// time_startTimer adds t to the heap. Go: runtime/time.go startTimer.
func time_startTimer(t *timer) {
	lock(&timersLock)
	if t.pp != 0 {
		throw("startTimer: timer already started")
	}
	addtimer(t)
	unlock(&timersLock)
	wakeTimerM(t.when)
}

// time_stopTimer takes t out of the heap, reporting whether it was there (pending).
func time_stopTimer(t *timer) bool {
	lock(&timersLock)
	pending := deltimer(t)
	unlock(&timersLock)
	return pending
}

// time_resetTimer makes t fire at when instead, reporting whether it was pending.
func time_resetTimer(t *timer, when int64) bool {
	lock(&timersLock)
	pending := deltimer(t)
	t.when = when
	addtimer(t)
	unlock(&timersLock)
	wakeTimerM(when)
	return pending
}

// time_modTimer changes every setting of t and (re)starts it.
func time_modTimer(t *timer, when, period int64, f func(any, uintptr), arg any, seq uintptr) {
	lock(&timersLock)
	deltimer(t)
	t.when = when
	t.period = period
	t.f = f
	t.arg = arg
	t.seq = seq
	addtimer(t)
	unlock(&timersLock)
	wakeTimerM(when)
}

// addtimer puts t in the heap; timersLock must be held. A when in the past fires at the
// next schedule; a negative one (an overflowed duration) means "far in the future", as Go
// takes it.
func addtimer(t *timer) {
	if t.when < 0 {
		t.when = 1<<63 - 1
	}
	if t.f == nil {
		throw("timer with nil function")
	}
	timers = append(timers, t)
	i := len(timers) - 1
	t.pp = uintptr(i) + 1
	siftupTimer(i)
	updateTimer0When()
}

// updateTimer0When publishes when the earliest timer is due; timersLock must be held.
func updateTimer0When() {
	w := int64(0)
	if len(timers) > 0 {
		w = timers[0].when
		if w <= 0 {
			w = 1 // 0 means "no timer"
		}
	}
	atomicstoreInt64(&timer0When, w)
}

// wakeTimerM makes sure some M will wake for a timer due at when, added or moved just now
// (timersLock released): the M sleeping for an earlier deadline (waitForTimer) is woken
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

// checkTimers runs the timers that are due, if any; the M holds a P (a timer's function
// may ready a goroutine or start one).
func checkTimers() {
	w := atomicloadInt64(&timer0When)
	if w == 0 || w > nanotime() {
		return
	}
	lock(&timersLock)
	runtimers(nanotime())
	unlock(&timersLock)
}

// waitForTimer makes the current M, which has just given up its P for want of work, the
// one that sleeps until the earliest timer is due, unless there is no timer or another M
// is doing so. Woken (by the time, or an earlier timer), it takes an idle P if there is
// one and reports true: the caller looks for work again, timers first. It reports false
// when the caller should simply stop.
func waitForTimer() bool {
	w := atomicloadInt64(&timer0When)
	if w == 0 || !atomiccas(&sched.timerSleeping, 0, 1) {
		return false
	}
	atomicstoreInt64(&sched.timerWhen, w)
	if w2 := atomicloadInt64(&timer0When); w2 != 0 && w2 < w {
		w = w2 // added between the two loads
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

// deltimer takes t out of the heap if it is there, reporting whether it was.
func deltimer(t *timer) bool {
	if t.pp == 0 {
		return false
	}
	i := int(t.pp - 1)
	if i >= len(timers) || timers[i] != t {
		throw("deltimer: timer not at its heap index")
	}
	last := len(timers) - 1
	if i != last {
		timers[i] = timers[last]
		timers[i].pp = uintptr(i) + 1
	}
	timers[last] = nil
	timers = timers[:last]
	t.pp = 0
	if i != last {
		siftupTimer(i)
		siftdownTimer(i)
	}
	updateTimer0When()
	return true
}

func siftupTimer(i int) {
	t := timers[i]
	for i > 0 {
		parent := (i - 1) / 2
		if timers[parent].when <= t.when {
			break
		}
		timers[i] = timers[parent]
		timers[i].pp = uintptr(i) + 1
		i = parent
	}
	timers[i] = t
	t.pp = uintptr(i) + 1
}

func siftdownTimer(i int) {
	n := len(timers)
	t := timers[i]
	for {
		child := 2*i + 1
		if child >= n {
			break
		}
		if child+1 < n && timers[child+1].when < timers[child].when {
			child++
		}
		if timers[child].when >= t.when {
			break
		}
		timers[i] = timers[child]
		timers[i].pp = uintptr(i) + 1
		i = child
	}
	timers[i] = t
	t.pp = uintptr(i) + 1
}

// runtimers fires every timer due at now, earliest first: a ticker goes back in the heap
// one period later (or, if it fell behind, one period after now, as Go's runOneTimer
// does), a one-shot timer leaves it. It returns when the next timer is due, or -1 if none
// is pending. It runs on g0, from findRunnable, with timersLock held, which it releases
// while a timer's function runs (a function may start or stop timers).
func runtimers(now int64) int64 {
	for len(timers) > 0 {
		t := timers[0]
		if t.when > now {
			return t.when
		}
		f, arg, seq := t.f, t.arg, t.seq
		if t.period > 0 {
			delta := t.when - now
			t.when += t.period * (1 + -delta/t.period)
			if t.when < 0 {
				t.when = 1<<63 - 1
			}
			siftdownTimer(0)
			updateTimer0When()
		} else {
			deltimer(t)
		}
		unlock(&timersLock)
		f(arg, seq)
		lock(&timersLock)
	}
	return -1
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
	when := gp.timer.when // once the timer is in the heap, gp may run again on another M
	lock(&timersLock)
	addtimer(gp.timer)
	unlock(&timersLock)
	wakeTimerM(when)
	return true
}

// goroutineReady is a sleep timer's f: arg is the sleeping goroutine.
func goroutineReady(arg any, seq uintptr) {
	goready(arg.(*g))
}
