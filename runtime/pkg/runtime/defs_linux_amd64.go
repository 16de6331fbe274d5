// Linux/amd64 constants. Go: runtime/defs_linux_amd64.go (values from the kernel headers).

package runtime

const (
	_EINTR  = 0x4
	_EAGAIN = 0xb
	_ENOMEM = 0xc

	_PROT_NONE  = 0x0
	_PROT_READ  = 0x1
	_PROT_WRITE = 0x2

	_MAP_PRIVATE   = 0x2
	_MAP_FIXED     = 0x10
	_MAP_ANON      = 0x20
	_MAP_NORESERVE = 0x4000

	_MADV_HUGEPAGE = 0xe
)

// Signals and their codes. Go: runtime/defs_linux_amd64.go.
const (
	_SA_RESTART  = 0x10000000
	_SA_ONSTACK  = 0x8000000
	_SA_RESTORER = 0x4000000
	_SA_SIGINFO  = 0x4

	_SI_KERNEL = 0x80
	_SI_USER   = 0x0

	_SIGHUP    = 0x1
	_SIGINT    = 0x2
	_SIGQUIT   = 0x3
	_SIGILL    = 0x4
	_SIGTRAP   = 0x5
	_SIGABRT   = 0x6
	_SIGBUS    = 0x7
	_SIGFPE    = 0x8
	_SIGKILL   = 0x9
	_SIGUSR1   = 0xa
	_SIGSEGV   = 0xb
	_SIGUSR2   = 0xc
	_SIGPIPE   = 0xd
	_SIGALRM   = 0xe
	_SIGTERM   = 0xf
	_SIGSTKFLT = 0x10
	_SIGCHLD   = 0x11
	_SIGCONT   = 0x12
	_SIGSTOP   = 0x13
	_SIGTSTP   = 0x14
	_SIGTTIN   = 0x15
	_SIGTTOU   = 0x16
	_SIGURG    = 0x17
	_SIGXCPU   = 0x18
	_SIGXFSZ   = 0x19
	_SIGVTALRM = 0x1a
	_SIGPROF   = 0x1b
	_SIGWINCH  = 0x1c
	_SIGIO     = 0x1d
	_SIGPWR    = 0x1e
	_SIGSYS    = 0x1f

	_FPE_INTDIV = 0x1
	_FPE_INTOVF = 0x2

	_BUS_ADRALN = 0x1
	_BUS_ADRERR = 0x2
	_BUS_OBJERR = 0x3

	_SEGV_MAPERR = 0x1
	_SEGV_ACCERR = 0x2

	_SS_DISABLE = 0x2

	_SIG_SETMASK = 0x2

	// clone's flags (linux/sched.h).
	_CLONE_VM      = 0x100
	_CLONE_FS      = 0x200
	_CLONE_FILES   = 0x400
	_CLONE_SIGHAND = 0x800
	_CLONE_SYSVSEM = 0x40000
	_CLONE_THREAD  = 0x10000
)

// A signal set, as rt_sigprocmask takes it: one bit per signal, signal n at bit n-1.
type sigset uint64

// The rt_sigaction argument. Go: runtime/defs_linux_amd64.go sigactiont.
type sigactiont struct {
	sa_handler  uintptr
	sa_flags    uint64
	sa_restorer uintptr
	sa_mask     uint64
}

// The leading fields of the kernel's siginfo_t; si_addr (the fault address of SIGSEGV,
// SIGBUS, SIGFPE and SIGILL) is the only field of the union used. Go: runtime/defs_linux_amd64.go
// siginfoFields (Go pads the struct to the kernel's 128 bytes; it is only ever read here).
type siginfo struct {
	si_signo int32
	si_errno int32
	si_code  int32
	si_addr  uint64
}

// The sigaltstack argument. Go: runtime/defs_linux_amd64.go stackt.
type stackt struct {
	ss_sp     *byte
	ss_flags  int32
	pad_cgo_0 [4]byte
	ss_size   uintptr
}
