// What the runtime learns from Linux at start-up, and a new thread's set-up.
//
// The kernel starts the process with argc on the stack, then argc pointers to the arguments
// and a nil, the environment's pointers and a nil, and the auxiliary vector: (tag, value)
// pairs up to the tag AT_NULL, which tell the page size and where 16 random bytes are.
// rt0_go hands args argc and the address of the first argument pointer, and sysargs walks
// from there.

package runtime

import "unsafe"

// The auxiliary vector tags the runtime reads (linux/auxvec.h).
const (
	_AT_NULL   = 0  // ends the vector
	_AT_PAGESZ = 6  // the page size
	_AT_SECURE = 23 // non-zero for a set-user-ID or set-group-ID program
	_AT_RANDOM = 25 // the address of 16 random bytes

	_AT_SYSINFO_EHDR = 33 // the vDSO's address (stack.go keeps stack slots away from it)
)

var (
	// startupRandomData is the kernel's 16 random bytes (AT_RANDOM).
	startupRandomData *[16]byte

	// secureMode is set for a set-user-ID or set-group-ID program (AT_SECURE), where Go
	// refuses some environment variables (GOTRACEBACK) once it reads them.
	secureMode bool

	// cpumask receives the affinity mask in getproccount: 8 KiB, room for 65,536 CPUs as Go
	// allows, kept out of g0's stack.
	cpumask [8192]byte
)

// sysargs reads the auxiliary vector, which starts after argv's nil and the environment's.
func sysargs(argc int32, argv **byte) {
	words := unsafe.Pointer(argv)
	i := uintptr(argc) + 1 // the first environment pointer
	for *(*unsafe.Pointer)(unsafe.Add(words, i*8)) != nil {
		i++
	}
	readauxv(unsafe.Add(words, (i+1)*8))
}

// readauxv takes what the runtime needs from the auxiliary vector at p. (Go also reads the
// CPU's capabilities; there is no use for them yet.)
func readauxv(p unsafe.Pointer) {
	for {
		tag := *(*uintptr)(p)
		val := *(*uintptr)(unsafe.Add(p, 8))
		switch tag {
		case _AT_NULL:
			return
		case _AT_PAGESZ:
			physPageSize = val
		case _AT_RANDOM:
			startupRandomData = (*[16]byte)(unsafe.Pointer(val))
		case _AT_SECURE:
			secureMode = val == 1
		case _AT_SYSINFO_EHDR:
			vdsoBase = val
		}
		p = unsafe.Add(p, 16)
	}
}

// getproccount returns how many CPUs the process may run on: the bits set in its affinity
// mask, or 1 if the kernel does not say.
func getproccount() int32 {
	n := sched_getaffinity(0, unsafe.Sizeof(cpumask), &cpumask[0])
	count := int32(0)
	for i := int32(0); i < n; i++ {
		for b := cpumask[i]; b != 0; b &= b - 1 {
			count++
		}
	}
	if count == 0 {
		return 1
	}
	return count
}

// osinit runs on g0 after args, before the heap exists.
func osinit() {
	ncpu = getproccount()
	vdsoinit()
}

// minit sets up the thread an M runs on, on that thread: its alternate signal stack, its
// ID, and, on a new thread, the signal mask of the thread that made it (newosproc blocks
// every signal around clone, so that none arrives before the thread has a g and a signal
// stack).
func minit() {
	minitSignalStack()
	mp := getg().m
	mp.procid = uint64(gettid())
	if mp != &m0 {
		rtsigprocmask(_SIG_SETMASK, &mp.sigmask, nil, int32(unsafe.Sizeof(mp.sigmask)))
	}
}

// The clone flags of a new M's thread: Go's (runtime/os_linux.go cloneFlags), a thread of
// the same process sharing memory, files, signal handlers and System V semaphore undo.
const cloneFlags = _CLONE_VM | _CLONE_FS | _CLONE_FILES | _CLONE_SIGHAND | _CLONE_SYSVSEM | _CLONE_THREAD

// newosproc starts the thread of mp, which begins in mstart on its g0's stack. Go:
// runtime/os_linux.go newosproc and its error messages.
func newosproc(mp *m) {
	all := ^sigset(0)
	rtsigprocmask(_SIG_SETMASK, &all, &mp.sigmask, int32(unsafe.Sizeof(all)))
	ret := clone(cloneFlags, unsafe.Pointer(mp.g0.stack.hi), unsafe.Pointer(mp), unsafe.Pointer(mp.g0))
	rtsigprocmask(_SIG_SETMASK, &mp.sigmask, nil, int32(unsafe.Sizeof(all)))
	if ret < 0 {
		print("runtime: failed to create new OS thread (have ", mcount(), " already; errno=", -ret, ")\n")
		if ret == -_EAGAIN {
			println("runtime: may need to increase max user processes (ulimit -u)")
		}
		throw("newosproc")
	}
}

// mcount returns the number of Ms made.
func mcount() int32 {
	return int32(sched.mnext - sched.nmfreed)
}

// open, read and closefd are the system calls (sys_linux_amd64.s); each returns a negative
// errno on failure. Go: runtime/os_linux.go and stubs2.go (whose open returns -1).
func open(name *byte, mode, perm int32) int32
func read(fd int32, p unsafe.Pointer, n int32) int32
func closefd(fd int32) int32

// readSysctl returns the decimal number in the file name (a NUL-terminated path under
// /proc/sys), or -1 if it cannot be read.
func readSysctl(name string) int {
	fd := open((*byte)(stringStructOf(&name).str), 0, 0) // O_RDONLY
	if fd < 0 {
		return -1
	}
	var buf [32]byte
	n := read(fd, unsafe.Pointer(&buf[0]), int32(len(buf)))
	closefd(fd)
	v := -1
	for i := int32(0); i < n; i++ {
		c := buf[i]
		if c < '0' || c > '9' {
			break
		}
		if v < 0 {
			v = 0
		}
		v = v*10 + int(c-'0')
	}
	return v
}
