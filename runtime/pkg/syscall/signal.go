// Signals: the Signal type with Go's names for Linux's signals (sigstr.go), and Kill.

package syscall

// A Signal is a Unix signal number.
type Signal int

// Signal makes Signal an os.Signal.
func (s Signal) Signal() {}

// String is Go's name for the signal, or "signal N".
func (s Signal) String() string {
	if s >= 0 && int(s) < len(signalText) && signalText[s] != "" {
		return signalText[s]
	}
	if s < 0 {
		return "signal -" + uitoa(uint64(-s))
	}
	return "signal " + uitoa(uint64(s))
}

// The signal numbers (asm-generic/signal.h, x86).
const (
	SIGHUP    Signal = 0x1
	SIGINT    Signal = 0x2
	SIGQUIT   Signal = 0x3
	SIGILL    Signal = 0x4
	SIGTRAP   Signal = 0x5
	SIGABRT   Signal = 0x6
	SIGBUS    Signal = 0x7
	SIGFPE    Signal = 0x8
	SIGKILL   Signal = 0x9
	SIGUSR1   Signal = 0xa
	SIGSEGV   Signal = 0xb
	SIGUSR2   Signal = 0xc
	SIGPIPE   Signal = 0xd
	SIGALRM   Signal = 0xe
	SIGTERM   Signal = 0xf
	SIGSTKFLT Signal = 0x10
	SIGCHLD   Signal = 0x11
	SIGCONT   Signal = 0x12
	SIGSTOP   Signal = 0x13
	SIGTSTP   Signal = 0x14
	SIGTTIN   Signal = 0x15
	SIGTTOU   Signal = 0x16
	SIGURG    Signal = 0x17
	SIGXCPU   Signal = 0x18
	SIGXFSZ   Signal = 0x19
	SIGVTALRM Signal = 0x1a
	SIGPROF   Signal = 0x1b
	SIGWINCH  Signal = 0x1c
	SIGIO     Signal = 0x1d
	SIGPWR    Signal = 0x1e
	SIGSYS    Signal = 0x1f
)

// Kill sends the signal sig to the process pid.
func Kill(pid int, sig Signal) error {
	r, _ := runtimeRawSyscall(SYS_KILL, uintptr(pid), uintptr(sig), 0, 0, 0, 0)
	if r > ^uintptr(4095) {
		return Errno(-r)
	}
	return nil
}
