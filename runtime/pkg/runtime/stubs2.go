// Raw system calls, implemented in sys_linux_amd64.s.
//
// Go: runtime/stubs2.go and runtime/os_linux.go declarations. Arguments arrive in the tbuild
// ABI registers (DI, SI, DX, CX, R8, R9); the assembly moves the 4th to R10 for the kernel.

package runtime

import "unsafe"

// exit terminates the process (exit_group). Go: runtime/stubs2.go exit.
func exit(code int32)

// write1 writes n bytes from p to fd and returns the count or a negative errno.
// Go: runtime/stubs2.go write1 (Go's write wraps it for the wasm/js fakes; here it is used
// directly, and package fmt links to it).
func write1(fd uintptr, p unsafe.Pointer, n int32) int32

// mmap returns the mapped address and 0, or nil and the errno.
// Go: runtime/cgo_mmap.go mmap over sys_linux_amd64.s sysMmap (without the cgo hook).
func mmap(addr unsafe.Pointer, n uintptr, prot, flags, fd int32, off uint32) (p unsafe.Pointer, err int)

// munmap crashes on failure, as Go's does. Go: runtime/cgo_mmap.go munmap (sysMunmap).
func munmap(addr unsafe.Pointer, n uintptr)

// madvise returns 0 or a negative errno. Go: runtime/stubs2.go (sys_linux_amd64.s).
func madvise(addr unsafe.Pointer, n uintptr, flags int32) int32

// sched_getaffinity returns the size of the CPU mask written to buf, or a negative errno.
// Go: runtime/os_linux.go sched_getaffinity.
func sched_getaffinity(pid, size uintptr, buf *byte) int32

// Go: runtime/os_linux.go gettid.
func gettid() uint32

// Go: runtime/stubs2.go osyield.
func osyield()

// clock_gettime reads clock clockid into ts; it returns 0 or a negative errno.
func clock_gettime(clockid int32, ts *timespec) int32

// nanosleep sleeps for *ts, or less if a signal arrives; it returns 0 or a negative errno.
func nanosleep(ts *timespec) int32

// timer_create makes a POSIX timer on clock clockid that notifies as sevp says, and stores
// its ID in timerid; it returns 0 or a negative errno.
func timer_create(clockid int32, sevp *sigevent, timerid *int32) int32

// timer_delete deletes timer timerid; it returns 0 or a negative errno.
func timer_delete(timerid int32) int32

// exitThread ends the calling thread (not the process) with status 0; it does not return.
func exitThread()

// timer_settime arms (or, with a zero value, disarms) timer timerid; it returns 0 or a
// negative errno.
func timer_settime(timerid int32, flags int32, new, old *itimerspec) int32

// rtsigprocmask sets the calling thread's signal mask (how: _SIG_SETMASK and friends) and
// stores the old one in old, if not nil.
func rtsigprocmask(how int32, new, old *sigset, size int32)

// tgkill sends sig to thread tid of process tgid; it returns 0 or a negative errno.
func tgkill(tgid, tid, sig int32) int32

// clone makes a thread running mstart on the stack stk, as m mp with g gp
// (sys_linux_amd64.s); it returns the thread's ID or a negative errno.
func clone(flags int32, stk, mp, gp unsafe.Pointer) int32

// The atomic operations of atomic_amd64.s (Go: runtime/internal/atomic), sequentially
// consistent: Load, Store, Xchg, Xadd and Cas on 32-bit words, 64-bit words and pointers.
func atomicload(p *uint32) uint32
func atomicload64(p *uint64) uint64
func atomicloadp(p unsafe.Pointer) unsafe.Pointer
func atomicstore(p *uint32, v uint32)
func atomicstore64(p *uint64, v uint64)
func atomicstorep(p unsafe.Pointer, v unsafe.Pointer)
func atomicxchg(p *uint32, v uint32) uint32
func atomicxadd(p *uint32, delta int32) uint32
func atomicxadd64(p *uint64, delta int64) uint64
func atomiccas(p *uint32, old, new uint32) bool
func atomiccas64(p *uint64, old, new uint64) bool
func atomiccasp(p unsafe.Pointer, old, new unsafe.Pointer) bool

// procyield spins for about cycles PAUSE instructions (Go: runtime/stubs.go procyield).
func procyield(cycles uint32)

// syscall6 makes system call trap with up to six arguments and returns the kernel's
// result, a value or -errno, and DX as the kernel left it (sys_linux_amd64.s). Package
// syscall reaches it through syscall_syscall and syscall_rawsyscall (sysmon.go).
func syscall6(trap, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr)
