// The signal queue between the signal handlers and package os/signal, which reaches these
// functions with //go:linkname (os/signal/signal.go): signal_enable, signal_disable,
// signal_ignore, signal_ignored and signal_recv.
//
// A handler may not lock, allocate or schedule, so a relayed signal is only recorded: its bit
// is set in sigq.pending and sigq.wake, a futex word, is bumped and woken. os/signal's loop
// goroutine calls signal_recv, which takes the lowest pending signal, or else sleeps on the
// futex inside entersyscall/exitsyscall, so that its P serves other goroutines meanwhile and
// the M it blocks counts as running: a program waiting for a signal is not deadlocked, as in
// Go. A signal that arrives again before it is received is received once, as Go coalesces
// it. Go: runtime/sigqueue.go (sig.note, sig.mask, sig.wanted, sig.ignored), whose state
// machine for one receiver this replaces with the futex word's counter.

package runtime

const sigWords = (_NSIG + 31) / 32

// The dispositions of Linux's sigaction: the default action, and ignoring the signal.
const (
	_SIG_DFL = 0
	_SIG_IGN = 1
)

var sigq struct {
	wanted  [sigWords]uint32 // relayed to os/signal (atomic: read by handlers)
	ignored [sigWords]uint32 // set to SIG_IGN by signal.Ignore
	pending [sigWords]uint32 // relayed and not yet received (atomic)
	wake    uint32           // bumped by every sigsend; signal_recv sleeps on it
	// SIGHUP and SIGINT inherited as ignored, which initsig left so, as Go does.
	startIgnored [_NSIG]bool
	// Signals whose disposition is not the runtime's handler: SIG_IGN, inherited or set by
	// signal.Ignore.
	handlerOff [_NSIG]bool
}

// sigsend relays signal s to os/signal if it asked for s; it runs in a signal handler.
// Go: runtime/sigqueue.go sigsend.
func sigsend(s uint32) bool {
	if s >= _NSIG {
		return false
	}
	w, bit := s/32, uint32(1)<<(s&31)
	if atomicload(&sigq.wanted[w])&bit == 0 {
		return false
	}
	for {
		old := atomicload(&sigq.pending[w])
		if old&bit != 0 {
			return true // pending already: it is received once
		}
		if atomiccas(&sigq.pending[w], old, old|bit) {
			break
		}
	}
	atomicxadd(&sigq.wake, 1)
	futexwakeup(&sigq.wake, 1)
	return true
}

// takeSignal clears and returns the lowest pending signal, or 0 if none is pending.
func takeSignal() uint32 {
	for w := uint32(0); w < sigWords; w++ {
		for {
			bits := atomicload(&sigq.pending[w])
			if bits == 0 {
				break
			}
			low := bits & -bits
			if atomiccas(&sigq.pending[w], bits, bits&^low) {
				return w*32 + uint32(ctz64(uint64(low)))
			}
		}
	}
	return 0
}

// signal_recv waits for a relayed signal and returns its number. Only os/signal's loop
// goroutine calls it. Go: runtime/sigqueue.go signal_recv.
func signal_recv() uint32 {
	for {
		if s := takeSignal(); s != 0 {
			return s
		}
		// A sigsend after this load changes the word, and the futex wait returns at once.
		v := atomicload(&sigq.wake)
		if s := takeSignal(); s != 0 {
			return s
		}
		entersyscall()
		futexsleep(&sigq.wake, v, -1)
		exitsyscall()
	}
}

// signal_enable relays signal s to os/signal from now on. The runtime's handler is in place
// (initsig) unless the signal is ignored: then it is installed again. Go:
// runtime/sigqueue.go signal_enable and runtime/signal_unix.go sigenable.
func signal_enable(s uint32) {
	if s >= _NSIG {
		return
	}
	w, bit := s/32, uint32(1)<<(s&31)
	atomicstore(&sigq.wanted[w], atomicload(&sigq.wanted[w])|bit)
	sigq.ignored[w] &^= bit
	if sigflags(s)&_SigNotify != 0 && sigq.handlerOff[s] {
		sigq.handlerOff[s] = false
		setsig(s, sigtrampPC())
	}
}

// signal_disable stops relaying signal s. The handler stays (it drops the signal, or ends
// the program for the _SigKill ones, as the default action would); a SIGHUP or SIGINT that
// the program inherited as ignored is ignored again. Like Go's, it leaves a signal that
// signal.Ignore ignored ignored, and Ignored still reports it. Go: runtime/sigqueue.go
// signal_disable, runtime/signal_unix.go sigdisable.
func signal_disable(s uint32) {
	if s >= _NSIG {
		return
	}
	w, bit := s/32, uint32(1)<<(s&31)
	atomicstore(&sigq.wanted[w], atomicload(&sigq.wanted[w])&^bit)
	if sigq.startIgnored[s] && !sigq.handlerOff[s] {
		sigq.handlerOff[s] = true
		setsig(s, _SIG_IGN)
	}
}

// signal_ignore stops relaying signal s and ignores it (SIG_IGN), unless it is one of the
// faults, which are not os/signal's to take (no _SigNotify). Go: runtime/sigqueue.go
// signal_ignore, runtime/signal_unix.go sigignore.
func signal_ignore(s uint32) {
	if s >= _NSIG {
		return
	}
	w, bit := s/32, uint32(1)<<(s&31)
	atomicstore(&sigq.wanted[w], atomicload(&sigq.wanted[w])&^bit)
	sigq.ignored[w] |= bit
	if sigflags(s)&_SigNotify == 0 {
		return
	}
	sigq.handlerOff[s] = true
	setsig(s, _SIG_IGN)
}

// signal_ignored reports whether signal.Ignore ignored s. Go: runtime/sigqueue.go
// signal_ignored.
func signal_ignored(s uint32) bool {
	return s < _NSIG && sigq.ignored[s/32]&(1<<(s&31)) != 0
}
