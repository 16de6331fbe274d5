// Memory mappings and the other memory-management system calls (mmap, munmap, mprotect,
// madvise, mlock and mlockall), with their constants as Linux defines them for amd64
// (include/uapi/asm-generic/mman-common.h and arch/x86/include/uapi/asm/mman.h; the numbers
// from arch/x86/entry/syscalls/syscall_64.tbl), and Syscall6 for calls of six arguments.

package syscall

import (
	"sync"
	"unsafe"
)

const (
	SYS_MMAP       = 9
	SYS_MPROTECT   = 10
	SYS_MUNMAP     = 11
	SYS_MADVISE    = 28
	SYS_MLOCK      = 149
	SYS_MUNLOCK    = 150
	SYS_MLOCKALL   = 151
	SYS_MUNLOCKALL = 152
)

const (
	PROT_NONE      = 0x0
	PROT_READ      = 0x1
	PROT_WRITE     = 0x2
	PROT_EXEC      = 0x4
	PROT_GROWSDOWN = 0x1000000
	PROT_GROWSUP   = 0x2000000

	MAP_FILE       = 0x0
	MAP_SHARED     = 0x1
	MAP_PRIVATE    = 0x2
	MAP_TYPE       = 0xf
	MAP_FIXED      = 0x10
	MAP_ANON       = 0x20
	MAP_ANONYMOUS  = 0x20
	MAP_32BIT      = 0x40
	MAP_GROWSDOWN  = 0x100
	MAP_DENYWRITE  = 0x800
	MAP_EXECUTABLE = 0x1000
	MAP_LOCKED     = 0x2000
	MAP_NORESERVE  = 0x4000
	MAP_POPULATE   = 0x8000
	MAP_NONBLOCK   = 0x10000
	MAP_STACK      = 0x20000
	MAP_HUGETLB    = 0x40000

	MADV_NORMAL      = 0x0
	MADV_RANDOM      = 0x1
	MADV_SEQUENTIAL  = 0x2
	MADV_WILLNEED    = 0x3
	MADV_DONTNEED    = 0x4
	MADV_REMOVE      = 0x9
	MADV_DONTFORK    = 0xa
	MADV_DOFORK      = 0xb
	MADV_MERGEABLE   = 0xc
	MADV_UNMERGEABLE = 0xd
	MADV_HUGEPAGE    = 0xe
	MADV_NOHUGEPAGE  = 0xf
	MADV_HWPOISON    = 0x64

	MCL_CURRENT = 0x1
	MCL_FUTURE  = 0x2
)

// Syscall6 is Syscall for a call of up to six arguments.
func Syscall6(trap, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr, err Errno) {
	r1, r2 = runtimeSyscall(trap, a1, a2, a3, a4, a5, a6)
	if r1 > ^uintptr(4095) {
		return ^uintptr(0), 0, Errno(-r1)
	}
	return r1, r2, 0
}

// RawSyscall6 is RawSyscall for a call of up to six arguments.
func RawSyscall6(trap, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr, err Errno) {
	r1, r2 = runtimeRawSyscall(trap, a1, a2, a3, a4, a5, a6)
	if r1 > ^uintptr(4095) {
		return ^uintptr(0), 0, Errno(-r1)
	}
	return r1, r2, 0
}

// mapped holds every mapping Mmap made that Munmap has not removed, by the address of its
// last byte: Munmap unmaps only a whole slice that Mmap returned and refuses anything else
// with EINVAL, as Go's does (syscall/syscall_unix.go mmapper), so that a slice cannot
// outlive the memory under it by a mistake of length.
var mapped struct {
	sync.Mutex
	regions map[*byte][]byte
}

// Mmap maps length bytes of the file fd from offset (or anonymous memory) with protection
// prot and flags, and returns them.
func Mmap(fd int, offset int64, length int, prot int, flags int) (data []byte, err error) {
	if length <= 0 {
		return nil, EINVAL
	}
	addr, _, e := Syscall6(SYS_MMAP, 0, uintptr(length), uintptr(prot), uintptr(flags), uintptr(fd), uintptr(offset))
	if e != 0 {
		return nil, errnoErr(e)
	}
	data = unsafe.Slice((*byte)(unsafe.Pointer(addr)), length)
	mapped.Lock()
	if mapped.regions == nil {
		mapped.regions = make(map[*byte][]byte)
	}
	mapped.regions[&data[length-1]] = data
	mapped.Unlock()
	return data, nil
}

// Munmap removes a mapping Mmap made, given the very slice Mmap returned.
func Munmap(b []byte) error {
	if len(b) == 0 || len(b) != cap(b) {
		return EINVAL
	}
	mapped.Lock()
	defer mapped.Unlock()
	last := &b[len(b)-1]
	region := mapped.regions[last]
	if region == nil || &region[0] != &b[0] {
		return EINVAL
	}
	if _, _, e := Syscall(SYS_MUNMAP, uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)), 0); e != 0 {
		return errnoErr(e)
	}
	delete(mapped.regions, last)
	return nil
}

// start is the address of b's first byte, for the calls below, or of a zero word when b is
// empty (the kernel then gets a length of 0 and an address it does not use).
func start(b []byte) uintptr {
	if len(b) == 0 {
		return uintptr(unsafe.Pointer(&zeroWord))
	}
	return uintptr(unsafe.Pointer(&b[0]))
}

var zeroWord uintptr

// Mprotect sets the protection of the pages of b.
func Mprotect(b []byte, prot int) error {
	_, err := call5(SYS_MPROTECT, start(b), uintptr(len(b)), uintptr(prot), 0, 0)
	return err
}

// Madvise advises the kernel how the pages of b will be used.
func Madvise(b []byte, advice int) error {
	_, err := call5(SYS_MADVISE, start(b), uintptr(len(b)), uintptr(advice), 0, 0)
	return err
}

// Mlock locks the pages of b in memory.
func Mlock(b []byte) error {
	_, err := call5(SYS_MLOCK, start(b), uintptr(len(b)), 0, 0, 0)
	return err
}

// Munlock unlocks the pages of b.
func Munlock(b []byte) error {
	_, err := call5(SYS_MUNLOCK, start(b), uintptr(len(b)), 0, 0, 0)
	return err
}

// Mlockall locks all the process's pages (MCL_CURRENT) and those it maps later (MCL_FUTURE).
func Mlockall(flags int) error {
	_, err := call5(SYS_MLOCKALL, uintptr(flags), 0, 0, 0, 0)
	return err
}

// Munlockall unlocks all the process's pages.
func Munlockall() error {
	_, err := call5(SYS_MUNLOCKALL, 0, 0, 0, 0, 0)
	return err
}
