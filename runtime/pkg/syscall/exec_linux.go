// Starting processes: ForkExec fills in a table for the runtime's fork (forkexec.go and
// forkExec1 in sys_linux_amd64.s, which run the child's side in assembly alone) and waits
// on a close-on-exec pipe, which the child's execve closes, or through which a failing
// child sends its errno; Wait4 and WaitStatus read how a child ended. Facts (the steps and
// their order, the exit status 253 of a failed child, WaitStatus's bit layout) are Go
// 1.19's syscall/exec_unix.go, exec_linux.go and syscall_linux.go.

package syscall

import (
	"sync"
	"unsafe"
)

//go:linkname runtimeForkExec runtime.syscall_forkExec
func runtimeForkExec(spec unsafe.Pointer, mask *uint64) int

// ForkLock keeps descriptors from being made while a child is forked (a writer lock around
// the fork; every descriptor here is made close-on-exec anyway).
var ForkLock sync.RWMutex

// Credential is the user and groups a child runs as (not supported by tbuild's fork yet:
// a SysProcAttr with one is refused with EINVAL).
type Credential struct {
	Uid         uint32
	Gid         uint32
	Groups      []uint32
	NoSetGroups bool
}

// SysProcAttr holds Linux's extra attributes of a new process; tbuild's fork acts on
// Setsid, Setpgid and Pgid, and refuses (EINVAL) the others when set.
type SysProcAttr struct {
	Chroot     string
	Credential *Credential
	Ptrace     bool
	Setsid     bool
	Setpgid    bool
	Setctty    bool
	Noctty     bool
	Ctty       int
	Foreground bool
	Pgid       int
	Pdeathsig  Signal
	Cloneflags uintptr

	Unshareflags               uintptr
	UidMappings                []SysProcIDMap
	GidMappings                []SysProcIDMap
	GidMappingsEnableSetgroups bool
	AmbientCaps                []uintptr
}

// SysProcIDMap maps user or group ids of a new user namespace (not supported by tbuild's
// fork yet).
type SysProcIDMap struct {
	ContainerID int
	HostID      int
	Size        int
}

// ProcAttr holds the attributes of a new process: its directory, environment and the
// descriptors that become its 0, 1, 2, ... (^uintptr(0) for one left closed).
type ProcAttr struct {
	Dir   string
	Env   []string
	Files []uintptr
	Sys   *SysProcAttr
}

// forkSpec is the table forkExec1 reads, every field one word (the offsets are #defined in
// runtime/sys_linux_amd64.s). Its pointers are unsafe.Pointers so that the collector keeps
// what they point to while the table is alive.
type forkSpec struct {
	path    unsafe.Pointer
	argv    unsafe.Pointer
	envv    unsafe.Pointer
	dir     unsafe.Pointer
	fds     unsafe.Pointer
	nfds    uintptr
	pipe    uintptr
	nextfd  uintptr
	setpgid uintptr
	pgid    uintptr
	mask    uint64
	errno   uintptr
	setsid  uintptr
}

// SlicePtrFromStrings returns a nil-terminated array of pointers to NUL-terminated copies
// of ss, or EINVAL if one holds a NUL.
func SlicePtrFromStrings(ss []string) ([]*byte, error) {
	ptrs := make([]*byte, len(ss)+1)
	for i := range ss {
		p, err := BytePtrFromString(ss[i])
		if err != nil {
			return nil, err
		}
		ptrs[i] = p
	}
	return ptrs, nil
}

// ForkExec starts argv0 with arguments argv and the attributes attr in a new process and
// returns its pid, or the error the fork, the child's preparations or its execve met.
func ForkExec(argv0 string, argv []string, attr *ProcAttr) (pid int, err error) {
	if attr == nil {
		attr = new(ProcAttr)
	}
	sys := attr.Sys
	if sys == nil {
		sys = new(SysProcAttr)
	}
	if sys.Chroot != "" || sys.Credential != nil || sys.Ptrace || sys.Setctty || sys.Noctty ||
		sys.Foreground || sys.Pdeathsig != 0 || sys.Cloneflags != 0 || sys.Unshareflags != 0 ||
		sys.UidMappings != nil || sys.GidMappings != nil || sys.AmbientCaps != nil {
		return 0, EINVAL
	}
	path, err := BytePtrFromString(argv0)
	if err != nil {
		return 0, err
	}
	args, err := SlicePtrFromStrings(argv)
	if err != nil {
		return 0, err
	}
	env, err := SlicePtrFromStrings(attr.Env)
	if err != nil {
		return 0, err
	}
	var dir *byte
	if attr.Dir != "" {
		if dir, err = BytePtrFromString(attr.Dir); err != nil {
			return 0, err
		}
	}
	// The child rewrites its copy of fds; ours stays as the caller gave it.
	fds := make([]int, len(attr.Files)+1)
	for i, f := range attr.Files {
		fds[i] = int(f)
	}

	ForkLock.Lock()
	var p [2]int
	if err := Pipe2(p[:], O_CLOEXEC); err != nil {
		ForkLock.Unlock()
		return 0, err
	}
	next := len(attr.Files)
	for _, fd := range fds[:len(attr.Files)] {
		if fd >= next {
			next = fd + 1
		}
	}
	if p[1] >= next {
		next = p[1] + 1
	}
	spec := &forkSpec{
		path:   unsafe.Pointer(path),
		argv:   unsafe.Pointer(&args[0]),
		envv:   unsafe.Pointer(&env[0]),
		dir:    unsafe.Pointer(dir),
		fds:    unsafe.Pointer(&fds[0]),
		nfds:   uintptr(len(attr.Files)),
		pipe:   uintptr(p[1]),
		nextfd: uintptr(next),
		pgid:   uintptr(sys.Pgid),
	}
	if sys.Setpgid {
		spec.setpgid = 1
	}
	if sys.Setsid {
		spec.setsid = 1
	}
	r := runtimeForkExec(unsafe.Pointer(spec), &spec.mask)
	if r < 0 {
		Close(p[0])
		Close(p[1])
		ForkLock.Unlock()
		return 0, Errno(-r)
	}
	ForkLock.Unlock()
	Close(p[1])

	// EOF: the child's execve closed the pipe. Eight bytes: the errno it failed with.
	var word [8]byte
	n := 0
	var rerr error
	for n < len(word) {
		m, e := Read(p[0], word[n:])
		if e == EINTR {
			continue
		}
		if e != nil {
			rerr = e
			break
		}
		if m == 0 {
			break
		}
		n += m
	}
	Close(p[0])
	if n == 0 && rerr == nil {
		return r, nil
	}
	if n == len(word) {
		rerr = Errno(*(*uintptr)(unsafe.Pointer(&word[0])))
	} else if rerr == nil {
		rerr = EPIPE
	}
	// The child has exited (or will): reap it, so that no zombie is left.
	var ws WaitStatus
	for {
		if _, e := Wait4(r, &ws, 0, nil); e != EINTR {
			break
		}
	}
	return 0, rerr
}

// StartProcess is ForkExec, with a handle that means nothing on Linux.
func StartProcess(argv0 string, argv []string, attr *ProcAttr) (pid int, handle uintptr, err error) {
	pid, err = ForkExec(argv0, argv, attr)
	return pid, 0, err
}

// Exec replaces this program with argv0 (execve); it returns only on failure.
func Exec(argv0 string, argv []string, envv []string) error {
	path, err := BytePtrFromString(argv0)
	if err != nil {
		return err
	}
	args, err := SlicePtrFromStrings(argv)
	if err != nil {
		return err
	}
	env, err := SlicePtrFromStrings(envv)
	if err != nil {
		return err
	}
	_, _, e := RawSyscall(SYS_EXECVE, uintptr(unsafe.Pointer(path)), uintptr(unsafe.Pointer(&args[0])),
		uintptr(unsafe.Pointer(&env[0])))
	return e
}

// Options of Wait4 (linux/wait.h).
const (
	WNOHANG    = 0x1
	WUNTRACED  = 0x2
	WSTOPPED   = 0x2
	WEXITED    = 0x4
	WCONTINUED = 0x8
	WNOWAIT    = 0x1000000
	WALL       = 0x40000000
	WCLONE     = 0x80000000
)

// Timeval is a time in seconds and microseconds (struct timeval).
type Timeval struct {
	Sec  int64
	Usec int64
}

// Nano returns the time in nanoseconds.
func (tv *Timeval) Nano() int64 { return tv.Sec*1e9 + tv.Usec*1e3 }

// Unix returns the time as seconds and nanoseconds.
func (tv *Timeval) Unix() (sec int64, nsec int64) { return tv.Sec, tv.Usec * 1000 }

// NsecToTimeval converts nanoseconds into a Timeval (rounded down to microseconds).
func NsecToTimeval(nsec int64) Timeval {
	nsec += 999
	usec := nsec % 1e9 / 1e3
	sec := nsec / 1e9
	if usec < 0 {
		usec += 1e6
		sec--
	}
	return Timeval{Sec: sec, Usec: usec}
}

// Rusage is the kernel's struct rusage: what a process used.
type Rusage struct {
	Utime    Timeval
	Stime    Timeval
	Maxrss   int64
	Ixrss    int64
	Idrss    int64
	Isrss    int64
	Minflt   int64
	Majflt   int64
	Nswap    int64
	Inblock  int64
	Oublock  int64
	Msgsnd   int64
	Msgrcv   int64
	Nsignals int64
	Nvcsw    int64
	Nivcsw   int64
}

// Wait4 waits for the child pid (or any, -1) to change state, as the options say, and
// stores its status and usage where asked.
func Wait4(pid int, wstatus *WaitStatus, options int, rusage *Rusage) (wpid int, err error) {
	var status int32
	r, err := call5(SYS_WAIT4, uintptr(pid), uintptr(unsafe.Pointer(&status)), uintptr(options),
		uintptr(unsafe.Pointer(rusage)), 0)
	if err != nil {
		return int(r), err
	}
	if wstatus != nil {
		*wstatus = WaitStatus(status)
	}
	return int(r), nil
}

// WaitStatus is a child's status as wait4 gives it: the low seven bits are the signal
// that ended it (0: it exited, 0x7f: it stopped), bit 7 a core dump, the next byte the
// exit status or the stopping signal.
type WaitStatus uint32

const (
	wsMask    = 0x7f
	wsCore    = 0x80
	wsStopped = 0x7f
	wsShift   = 8
)

// Exited reports whether the child exited.
func (w WaitStatus) Exited() bool { return w&wsMask == 0 }

// Signaled reports whether a signal ended the child.
func (w WaitStatus) Signaled() bool { return w&wsMask != wsStopped && w&wsMask != 0 }

// Stopped reports whether the child is stopped.
func (w WaitStatus) Stopped() bool { return w&0xff == wsStopped }

// Continued reports whether the child was continued (0xffff).
func (w WaitStatus) Continued() bool { return w == 0xffff }

// CoreDump reports whether the signal that ended the child dumped core.
func (w WaitStatus) CoreDump() bool { return w.Signaled() && w&wsCore != 0 }

// ExitStatus is the child's exit status, or -1 if it did not exit.
func (w WaitStatus) ExitStatus() int {
	if !w.Exited() {
		return -1
	}
	return int(w>>wsShift) & 0xff
}

// Signal is the signal that ended the child, or -1.
func (w WaitStatus) Signal() Signal {
	if !w.Signaled() {
		return -1
	}
	return Signal(w & wsMask)
}

// StopSignal is the signal that stopped the child, or -1.
func (w WaitStatus) StopSignal() Signal {
	if !w.Stopped() {
		return -1
	}
	return Signal(w>>wsShift) & 0xff
}

// TrapCause is the ptrace event of a stopped child, or -1.
func (w WaitStatus) TrapCause() int {
	if w.StopSignal() != SIGTRAP {
		return -1
	}
	return int(w>>wsShift) >> 8
}
