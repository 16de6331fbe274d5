// Sleeping and timers: Sleep, Timer (NewTimer, After, AfterFunc, Stop, Reset) and Ticker
// (NewTicker, Tick, Stop, Reset), built on the runtime's timers (runtime/time.go) as Go
// 1.19's are (time/sleep.go, time/tick.go): a runtimeTimer with the runtime timer's layout,
// whose function the scheduler calls on g0 when it is due. That function must not block:
// sendTime sends the time only if the channel's one-slot buffer is free, goFunc starts a
// goroutine. The panic messages are Go's.

package time

import (
	"errors"
	"unsafe"
)

// //go:linkname needs unsafe imported in its file.
var _ = unsafe.Sizeof(0)

// Sleep pauses the current goroutine for at least d; d <= 0 returns at once.
//
//go:linkname Sleep runtime.timeSleep
func Sleep(d Duration)

// runtimeTimer is the runtime's timer, field for field (runtime/time.go timer).
type runtimeTimer struct {
	pp       uintptr
	when     int64
	period   int64
	f        func(any, uintptr)
	arg      any
	seq      uintptr
	nextwhen int64
	status   uint32
}

//go:linkname startTimer runtime.time_startTimer
func startTimer(t *runtimeTimer)

//go:linkname stopTimer runtime.time_stopTimer
func stopTimer(t *runtimeTimer) bool

//go:linkname resetTimer runtime.time_resetTimer
func resetTimer(t *runtimeTimer, when int64) bool

//go:linkname modTimer runtime.time_modTimer
func modTimer(t *runtimeTimer, when, period int64, f func(any, uintptr), arg any, seq uintptr)

// deadline returns the runtime clock's reading d from now, saturating instead of
// overflowing; d <= 0 is now.
func deadline(d Duration) int64 {
	n := runtimeNano()
	if d <= 0 {
		return n
	}
	w := n + int64(d)
	if w < 0 {
		w = 1<<63 - 1
	}
	return w
}

// A Timer sends the current time on C once, when it expires (or, made by AfterFunc, calls
// a function in its own goroutine).
type Timer struct {
	C <-chan Time
	r runtimeTimer
}

// sendTime is a channel timer's function: it sends Now on the channel unless a value is
// still waiting there.
func sendTime(c any, seq uintptr) {
	select {
	case c.(chan Time) <- Now():
	default:
	}
}

// goFunc is AfterFunc's timer function: it runs the function in a new goroutine.
func goFunc(arg any, seq uintptr) {
	go arg.(func())()
}

// NewTimer returns a Timer that sends the time on its channel after at least d.
func NewTimer(d Duration) *Timer {
	c := make(chan Time, 1)
	t := &Timer{C: c}
	t.r.when = deadline(d)
	t.r.f = sendTime
	t.r.arg = c
	startTimer(&t.r)
	return t
}

// After is NewTimer(d).C.
func After(d Duration) <-chan Time { return NewTimer(d).C }

// AfterFunc calls f in its own goroutine after at least d; the Timer can stop it.
func AfterFunc(d Duration, f func()) *Timer {
	t := &Timer{}
	t.r.when = deadline(d)
	t.r.f = goFunc
	t.r.arg = f
	startTimer(&t.r)
	return t
}

// Stop keeps the timer from firing, reporting whether it was still pending. It does not
// drain C.
func (t *Timer) Stop() bool {
	if t.r.f == nil {
		panic("time: Stop called on uninitialized Timer")
	}
	return stopTimer(&t.r)
}

// Reset makes the timer expire after d instead, reporting whether it was still pending.
func (t *Timer) Reset(d Duration) bool {
	if t.r.f == nil {
		panic("time: Reset called on uninitialized Timer")
	}
	return resetTimer(&t.r, deadline(d))
}

// A Ticker sends the time on C every period; a slow receiver misses ticks rather than
// queueing them.
type Ticker struct {
	C <-chan Time
	r runtimeTimer
}

// NewTicker returns a Ticker with period d, which must be positive.
func NewTicker(d Duration) *Ticker {
	if d <= 0 {
		panic(errors.New("non-positive interval for NewTicker"))
	}
	c := make(chan Time, 1)
	t := &Ticker{C: c}
	t.r.when = deadline(d)
	t.r.period = int64(d)
	t.r.f = sendTime
	t.r.arg = c
	startTimer(&t.r)
	return t
}

// Stop turns the ticker off; C is not closed.
func (t *Ticker) Stop() { stopTimer(&t.r) }

// Reset stops the ticker and restarts it with period d, which must be positive.
func (t *Ticker) Reset(d Duration) {
	if d <= 0 {
		panic("non-positive interval for Ticker.Reset")
	}
	if t.r.f == nil {
		panic("time: Reset called on uninitialized Ticker")
	}
	modTimer(&t.r, deadline(d), int64(d), t.r.f, t.r.arg, t.r.seq)
}

// Tick is NewTicker(d).C, or nil when d <= 0; the ticker cannot be stopped.
func Tick(d Duration) <-chan Time {
	if d <= 0 {
		return nil
	}
	return NewTicker(d).C
}
