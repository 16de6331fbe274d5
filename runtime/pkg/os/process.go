// Processes: StartProcess over syscall.StartProcess, Process (Wait, Signal, Kill, Release)
// and ProcessState, with Go 1.19's behaviour and texts: a missing Dir is reported as a
// chdir *PathError before forking, a failed start as a "fork/exec NAME" *PathError, a
// signal to a reaped process as ErrProcessDone, and states print as "exit status 1" or
// "signal: killed". Facts: Go 1.19's os/exec.go, exec_posix.go and exec_unix.go.

package os

import (
	"errors"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"
)

// Process is a process StartProcess started or FindProcess found.
type Process struct {
	Pid    int
	handle uintptr
	done   uint32 // 1 once Wait has reaped it, so its pid may name another process
	sigMu  sync.RWMutex
}

// ProcAttr holds the attributes of a new process. Files are its descriptors 0, 1, 2, ...
// (a nil entry leaves that one closed); a nil Env means this process's environment.
type ProcAttr struct {
	Dir   string
	Env   []string
	Files []*File
	Sys   *syscall.SysProcAttr
}

// ProcessState is what Wait learned about a process that ended.
type ProcessState struct {
	pid   int
	ws    syscall.WaitStatus
	usage *syscall.Rusage
}

// StartProcess starts the program name with arguments argv (argv[0] is by custom the name)
// and attributes attr. Most callers want package os/exec instead.
func StartProcess(name string, argv []string, attr *ProcAttr) (*Process, error) {
	if attr != nil && attr.Dir != "" && attr.Sys == nil {
		// Checked here to name the directory, not the program, in the error.
		if _, serr := Stat(attr.Dir); serr != nil {
			if perr, isPath := serr.(*PathError); isPath {
				perr.Op = "chdir"
			}
			return nil, serr
		}
	}
	if attr == nil {
		attr = &ProcAttr{}
	}
	sa := &syscall.ProcAttr{Dir: attr.Dir, Env: attr.Env, Sys: attr.Sys}
	if sa.Env == nil {
		sa.Env = Environ()
	}
	sa.Files = make([]uintptr, len(attr.Files))
	for i, f := range attr.Files {
		sa.Files[i] = f.Fd()
	}
	pid, h, err := syscall.StartProcess(name, argv, sa)
	if err != nil {
		return nil, &PathError{Op: "fork/exec", Path: name, Err: err}
	}
	return &Process{Pid: pid, handle: h}, nil
}

// FindProcess returns a Process for pid; on Unix it always succeeds, whether or not such a
// process exists.
func FindProcess(pid int) (*Process, error) { return &Process{Pid: pid}, nil }

func (p *Process) isDone() bool { return atomic.LoadUint32(&p.done) != 0 }

// Release lets go of p; it can be neither waited for nor signalled after.
func (p *Process) Release() error {
	p.Pid = -1
	return nil
}

// Kill ends p at once (SIGKILL).
func (p *Process) Kill() error { return p.Signal(Kill) }

// Signal sends sig to p.
func (p *Process) Signal(sig Signal) error {
	switch p.Pid {
	case -1:
		return errReleased
	case 0:
		return errNoProcess
	}
	ss, isSys := sig.(syscall.Signal)
	// Held for reading while signalling, so that Wait cannot reap the pid meanwhile.
	p.sigMu.RLock()
	var err error
	switch {
	case p.isDone():
		err = ErrProcessDone
	case !isSys:
		err = errSignalType
	default:
		err = syscall.Kill(p.Pid, ss)
		if err == syscall.ESRCH {
			err = ErrProcessDone
		}
	}
	p.sigMu.RUnlock()
	return err
}

var (
	errReleased   = errors.New("os: process already released")
	errNoProcess  = errors.New("os: process not initialized")
	errSignalType = errors.New("os: unsupported signal type")
)

// Wait waits for p, a child of this process, to end and reaps it.
func (p *Process) Wait() (*ProcessState, error) {
	if p.Pid == -1 {
		return nil, error(syscall.EINVAL)
	}
	// As Go on Linux, first wait without reaping (waitid with WNOWAIT), and mark p done
	// before the reaping wait4, so that no signal can reach a reused pid.
	if err := waitable(p.Pid); err != nil {
		return nil, err
	}
	p.sigMu.Lock()
	atomic.StoreUint32(&p.done, 1)
	p.sigMu.Unlock()
	var st syscall.WaitStatus
	var ru syscall.Rusage
	var pid int
	var err error
	for {
		pid, err = syscall.Wait4(p.Pid, &st, 0, &ru)
		if err == nil {
			return &ProcessState{pid: pid, ws: st, usage: &ru}, nil
		}
		if err != syscall.EINTR {
			return nil, NewSyscallError("wait", err)
		}
	}
}

//go:linkname runtime_sigpipe runtime.os_sigpipe
func runtime_sigpipe()

//go:linkname runtimeSyscall runtime.syscall_syscall
func runtimeSyscall(trap, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr)

// waitable blocks until pid can be waited for, leaving it unreaped: waitid(P_PID, pid,
// WEXITED|WNOWAIT) (linux/wait.h; syscall_64.tbl: waitid is 247), retried after EINTR.
func waitable(pid int) error {
	var info [16]uint64 // a siginfo_t
	for {
		r, _ := runtimeSyscall(247, 1, uintptr(pid), uintptr(unsafe.Pointer(&info[0])), syscall.WEXITED|syscall.WNOWAIT, 0, 0)
		if r <= ^uintptr(4095) {
			return nil
		}
		switch e := syscall.Errno(-r); e {
		case syscall.EINTR:
		case syscall.ENOSYS:
			return nil // no waitid: wait4 alone
		default:
			return NewSyscallError("waitid", e)
		}
	}
}

// Pid is the process's id.
func (p *ProcessState) Pid() int { return p.pid }

// Exited reports whether the program exited (rather than being ended by a signal).
func (p *ProcessState) Exited() bool { return p.ws.Exited() }

// Success reports whether the program exited with status 0.
func (p *ProcessState) Success() bool { return p.ws.ExitStatus() == 0 }

// Sys is the syscall.WaitStatus.
func (p *ProcessState) Sys() any { return p.ws }

// SysUsage is the *syscall.Rusage.
func (p *ProcessState) SysUsage() any { return p.usage }

// UserTime is the user CPU time of the process and its reaped children.
func (p *ProcessState) UserTime() time.Duration {
	return time.Duration(p.usage.Utime.Nano())
}

// SystemTime is the system CPU time of the process and its reaped children.
func (p *ProcessState) SystemTime() time.Duration {
	return time.Duration(p.usage.Stime.Nano())
}

// ExitCode is the exit status, or -1 if the process did not exit (or p is nil).
func (p *ProcessState) ExitCode() int {
	if p == nil {
		return -1
	}
	return p.ws.ExitStatus()
}

func (p *ProcessState) String() string {
	if p == nil {
		return "<nil>"
	}
	st := p.ws
	s := ""
	if st.Exited() {
		s = "exit status " + decimal(st.ExitStatus())
	} else if st.Signaled() {
		s = "signal: " + st.Signal().String()
	} else if st.Stopped() {
		s = "stop signal: " + st.StopSignal().String()
		if st.StopSignal() == syscall.SIGTRAP && st.TrapCause() != 0 {
			s += " (trap " + decimal(st.TrapCause()) + ")"
		}
	} else if st.Continued() {
		s = "continued"
	}
	if st.CoreDump() {
		s += " (core dumped)"
	}
	return s
}

// decimal formats n (os imports no strconv).
func decimal(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	u := uint64(n)
	if neg {
		u = uint64(-n)
	}
	var b [20]byte
	i := len(b)
	for u > 0 {
		i--
		b[i] = byte('0' + u%10)
		u /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
