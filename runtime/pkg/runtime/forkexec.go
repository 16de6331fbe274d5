// The fork half of package syscall's ForkExec. The new process must run no Go code between
// the fork and execve (no scheduler, no allocation, no stack growth: it has a copy of this
// thread alone), so the child's whole part, the descriptor shuffle, chdir, setpgid and
// execve, is the assembly routine forkExec1 (sys_linux_amd64.s), working from a table
// package syscall fills in beforehand. Facts from Go 1.19's syscall/exec_linux.go
// (forkAndExecInChild1: the order of the child's steps, the two passes over the
// descriptors, the signal mask restored just before execve) and runtime/proc.go
// (syscall_runtime_BeforeFork blocks every signal around the fork).

package runtime

import "unsafe"

// forkExec1 makes the child with clone(SIGCHLD) and returns its pid to the parent, or
// -errno if clone failed; the child never returns (it execs or exits with status 253 after
// writing its errno to the table's pipe). spec is syscall's forkSpec (offsets in the .s).
func forkExec1(spec unsafe.Pointer) int

// syscall_forkExec is syscall's fork: every signal is blocked on this thread while the
// child is made, so that no handler runs in the child before execve (a signal sent to it
// waits, blocked, until execve resets the handlers), and the child restores the mask the
// thread had, which mask receives, itself.
func syscall_forkExec(spec unsafe.Pointer, mask *uint64) int {
	all := ^sigset(0)
	var old sigset
	rtsigprocmask(_SIG_SETMASK, &all, &old, int32(unsafe.Sizeof(all)))
	*mask = uint64(old)
	pid := forkExec1(spec)
	rtsigprocmask(_SIG_SETMASK, &old, nil, int32(unsafe.Sizeof(all)))
	return pid
}
