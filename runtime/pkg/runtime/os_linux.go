// Linux-specific startup: the auxiliary vector, the CPU count, per-thread init.
//
// Go: runtime/os_linux.go.

package runtime

import "unsafe"

// Auxiliary vector tags. Go: runtime/os_linux.go.
const (
	_AT_NULL   = 0  // End of vector
	_AT_PAGESZ = 6  // System physical page size
	_AT_HWCAP  = 16 // hardware capability bit vector
	_AT_SECURE = 23 // secure mode boolean
	_AT_RANDOM = 25 // introduced in 2.6.29
)

var (
	// startupRandomData holds the 16 random bytes the kernel passes through AT_RANDOM
	// (Go: a []byte; here a pointer to the array, since there are no slices).
	startupRandomData *[16]byte

	secureMode bool

	// procAffinity receives sched_getaffinity's CPU mask. Go uses an 8 KiB array on g0's
	// stack in getproccount; a package-level array keeps the boot stack small.
	procAffinity [8192]byte
)

// argv_index returns argv[i]. Go: runtime/runtime1.go argv_index.
func argv_index(argv **byte, i int32) *byte {
	return *(**byte)(unsafe.Add(unsafe.Pointer(argv), uintptr(i)*8))
}

// sysargs finds the auxiliary vector after argv and envp and reads it.
// Go: runtime/os_linux.go sysargs. Go falls back to /proc/self/auxv and then to probing the
// page size with mincore when there is no auxv; tbuild does not (mallocinit throws instead).
func sysargs(argc int32, argv **byte) {
	n := argc + 1

	// skip over argv, envp to get to auxv
	for argv_index(argv, n) != nil {
		n++
	}

	// skip NULL separator
	n++

	// now argv+n is auxv
	auxv := (*uintptr)(unsafe.Add(unsafe.Pointer(argv), uintptr(n)*8))
	sysauxv(auxv)
}

// sysauxv reads the (tag, value) pairs up to AT_NULL and returns their count.
// Go: runtime/os_linux.go sysauxv (archauxv and vdsoauxv are left out: no vDSO yet).
func sysauxv(auxv *uintptr) int {
	i := 0
	for auxvAt(auxv, i) != _AT_NULL {
		tag := auxvAt(auxv, i)
		val := auxvAt(auxv, i+1)
		if tag == _AT_RANDOM {
			// The kernel provides a pointer to 16 bytes of random data.
			startupRandomData = (*[16]byte)(unsafe.Pointer(val))
		} else if tag == _AT_PAGESZ {
			physPageSize = val
		} else if tag == _AT_SECURE {
			secureMode = val == 1
		}
		i += 2
	}
	return i / 2
}

// auxvAt returns auxv[i] (Go indexes a []uintptr).
func auxvAt(auxv *uintptr, i int) uintptr {
	return *(*uintptr)(unsafe.Add(unsafe.Pointer(auxv), uintptr(i)*8))
}

// getproccount returns the number of CPUs this process may run on.
// Go: runtime/os_linux.go getproccount.
func getproccount() int32 {
	// This buffer is huge (8 kB) but we are on the system stack
	// and there should be plenty of space (64 kB).
	// Also this is a leaf, so we're not holding up the memory for long.
	// (In tbuild the buffer is the package-level procAffinity.)
	r := sched_getaffinity(0, unsafe.Sizeof(procAffinity), &procAffinity[0])
	if r < 0 {
		return 1
	}
	n := int32(0)
	for i := 0; i < int(r); i++ {
		v := procAffinity[i]
		for v != 0 {
			n += int32(v & 1)
			v >>= 1
		}
	}
	if n == 0 {
		n = 1
	}
	return n
}

// osinit runs once, early, on m0's g0.
// Go: runtime/os_linux.go osinit. physHugePageSize (read from /sys) and osArchInit are left
// out: nothing uses them yet.
func osinit() {
	ncpu = getproccount()
}

// minit is called to initialize a new m (including the bootstrap m), on the new thread.
// Go: runtime/os_linux.go minit.
func minit() {
	minitSignals()

	getg().m.procid = uint64(gettid())
}

// minitSignals is called when initializing a new m to set the thread's alternate signal
// stack. Go: runtime/signal_unix.go minitSignals (minitSignalMask is left out: tbuild keeps
// the signal mask the process started with).
func minitSignals() {
	minitSignalStack()
}
