// Package signal relays incoming signals to channels: Go 1.19's os/signal (Notify, Stop,
// Ignore, Ignored, Reset, NotifyContext).
//
// The runtime's signal handlers record the signals this package enables (runtime/
// sigqueue.go). One goroutine, started by the first Notify, receives them one at a time
// (signal_recv) and offers each to every channel registered for it without blocking, as
// Go's os/signal does: a channel with no room misses the signal, so callers give their
// channels a buffer. A signal enabled by no channel any more gets back the action it
// started with; Ignore sets it to SIG_IGN, which programs started by os/exec inherit.
//
// Go: os/signal/signal.go and signal_unix.go (the behaviour, read from the documentation
// and the source; the code is tbuild's own).
package signal

import (
	"context"
	"os"
	"strings"
	"sync"
	"syscall"
	_ "unsafe" // go:linkname
)

// The signals Linux numbers: 1 to 64 (0 is no signal).
const numSig = 65

// The runtime's side (runtime/sigqueue.go).

//go:linkname signal_enable runtime.signal_enable
func signal_enable(uint32)

//go:linkname signal_disable runtime.signal_disable
func signal_disable(uint32)

//go:linkname signal_ignore runtime.signal_ignore
func signal_ignore(uint32)

//go:linkname signal_ignored runtime.signal_ignored
func signal_ignored(uint32) bool

//go:linkname signal_recv runtime.signal_recv
func signal_recv() uint32

// sigSet is a set of signal numbers.
type sigSet [(numSig + 31) / 32]uint32

func (s *sigSet) has(n int) bool { return s[n/32]&(1<<uint(n%32)) != 0 }
func (s *sigSet) add(n int)      { s[n/32] |= 1 << uint(n%32) }
func (s *sigSet) remove(n int)   { s[n/32] &^= 1 << uint(n%32) }
func (s *sigSet) empty() bool    { return *s == sigSet{} }

// registry holds, under its lock, the signals each channel asked for and, per signal, how
// many channels did (a signal is enabled in the runtime while that count is above zero).
var registry struct {
	sync.Mutex
	chans map[chan<- os.Signal]*sigSet
	users [numSig]int
}

var startLoop sync.Once

// number is sig's number, or -1 for a signal this package does not know.
func number(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok && s >= 0 && int(s) < numSig {
		return int(s)
	}
	return -1
}

// each calls f with the number of every signal in sigs, or of every signal when sigs is
// empty; signals of other types are skipped.
func each(sigs []os.Signal, f func(int)) {
	if len(sigs) == 0 {
		for n := 0; n < numSig; n++ {
			f(n)
		}
		return
	}
	for _, s := range sigs {
		if n := number(s); n >= 0 {
			f(n)
		}
	}
}

// Notify relays the signals sigs (all signals if there are none) to c, in addition to those
// earlier calls asked for. Sends do not block: c needs room for each signal it must not
// miss.
func Notify(c chan<- os.Signal, sig ...os.Signal) {
	if c == nil {
		panic("os/signal: Notify using nil channel")
	}
	registry.Lock()
	defer registry.Unlock()
	set := registry.chans[c]
	if set == nil {
		if registry.chans == nil {
			registry.chans = make(map[chan<- os.Signal]*sigSet)
		}
		set = new(sigSet)
		registry.chans[c] = set
	}
	each(sig, func(n int) {
		if set.has(n) {
			return
		}
		set.add(n)
		if registry.users[n] == 0 {
			signal_enable(uint32(n))
			startLoop.Do(func() { go loop() })
		}
		registry.users[n]++
	})
}

// Stop relays no more signals to c. When it returns, c receives no more.
func Stop(c chan<- os.Signal) {
	registry.Lock()
	defer registry.Unlock()
	set := registry.chans[c]
	if set == nil {
		return
	}
	delete(registry.chans, c)
	for n := 0; n < numSig; n++ {
		if set.has(n) {
			release(n)
		}
	}
}

// release drops one channel's use of signal n, disabling it after the last.
func release(n int) {
	registry.users[n]--
	if registry.users[n] == 0 {
		signal_disable(uint32(n))
	}
}

// Ignore makes the program ignore the signals sig (all of them if there are none); no
// channel receives them any more.
func Ignore(sig ...os.Signal) {
	forget(sig, func(n int) { signal_ignore(uint32(n)) })
}

// Ignored reports whether Ignore made the program ignore sig.
func Ignored(sig os.Signal) bool {
	n := number(sig)
	return n >= 0 && signal_ignored(uint32(n))
}

// Reset undoes Notify and Ignore for the signals sig (all of them if there are none): they
// get back the action they started with.
func Reset(sig ...os.Signal) {
	forget(sig, func(n int) { signal_disable(uint32(n)) })
}

// forget takes the signals sigs away from every channel, then applies action to each.
func forget(sigs []os.Signal, action func(int)) {
	registry.Lock()
	defer registry.Unlock()
	each(sigs, func(n int) {
		for c, set := range registry.chans {
			if !set.has(n) {
				continue
			}
			set.remove(n)
			registry.users[n]--
			if set.empty() {
				delete(registry.chans, c)
			}
		}
		action(n)
	})
}

// loop receives the signals the runtime relays and offers each to its channels.
func loop() {
	for {
		deliver(syscall.Signal(signal_recv()))
	}
}

func deliver(sig syscall.Signal) {
	n := int(sig)
	registry.Lock()
	defer registry.Unlock()
	for c, set := range registry.chans {
		if set.has(n) {
			select {
			case c <- sig:
			default:
			}
		}
	}
}

// NotifyContext returns a copy of parent that is canceled when one of the signals arrives
// (any signal if none is given), when stop is called, or when parent is done, whichever
// comes first. stop also stops relaying the signals.
func NotifyContext(parent context.Context, signals ...os.Signal) (ctx context.Context, stop context.CancelFunc) {
	inner, cancel := context.WithCancel(parent)
	sc := &signalCtx{Context: inner, cancel: cancel, signals: signals, ch: make(chan os.Signal, 1)}
	Notify(sc.ch, signals...)
	if inner.Err() == nil {
		go func() {
			select {
			case <-sc.ch:
				sc.cancel()
			case <-inner.Done():
			}
		}()
	}
	return sc, sc.stop
}

type signalCtx struct {
	context.Context
	cancel  context.CancelFunc
	signals []os.Signal
	ch      chan os.Signal
}

func (sc *signalCtx) stop() {
	sc.cancel()
	Stop(sc.ch)
}

// String is "signal.NotifyContext(PARENT, [SIGNALS])", as Go prints it (the signals part
// only when some were given).
func (sc *signalCtx) String() string {
	var b strings.Builder
	b.WriteString("signal.NotifyContext(")
	if s, ok := sc.Context.(interface{ String() string }); ok {
		b.WriteString(strings.TrimSuffix(s.String(), ".WithCancel"))
	}
	if len(sc.signals) > 0 {
		b.WriteString(", [")
		for i, s := range sc.signals {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(s.String())
		}
		b.WriteByte(']')
	}
	b.WriteByte(')')
	return b.String()
}
