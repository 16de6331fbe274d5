// The system calls: each wrapper passes its arguments to the runtime's syscall6 (through
// syscall_syscall, which frees the goroutine's P while the call may block, or
// syscall_rawsyscall for calls that return at once) and turns a result in [-4095, -1] into
// an Errno. Paths go to the kernel as NUL-terminated copies; a path holding NUL is EINVAL,
// as in Go. Like Go's on linux/amd64, calls on paths use the *at forms relative to
// AT_FDCWD.

package syscall

import "unsafe"

//go:linkname runtimeSyscall runtime.syscall_syscall
func runtimeSyscall(trap, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr)

//go:linkname runtimeRawSyscall runtime.syscall_rawsyscall
func runtimeRawSyscall(trap, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr)

// System call numbers (arch/x86/entry/syscalls/syscall_64.tbl).
const (
	SYS_READ       = 0
	SYS_WRITE      = 1
	SYS_CLOSE      = 3
	SYS_LSEEK      = 8
	SYS_PREAD64    = 17
	SYS_PWRITE64   = 18
	SYS_GETPID     = 39
	SYS_EXECVE     = 59
	SYS_WAIT4      = 61
	SYS_KILL       = 62
	SYS_UNAME      = 63
	SYS_FSYNC      = 74
	SYS_TRUNCATE   = 76
	SYS_FTRUNCATE  = 77
	SYS_GETCWD     = 79
	SYS_CHDIR      = 80
	SYS_FCHDIR     = 81
	SYS_FCHMOD     = 91
	SYS_FCHOWN     = 93
	SYS_UMASK      = 95
	SYS_GETUID     = 102
	SYS_GETGID     = 104
	SYS_GETEUID    = 107
	SYS_GETEGID    = 108
	SYS_GETPPID    = 110
	SYS_GETGROUPS  = 115
	SYS_PIPE2      = 293
	SYS_GETDENTS64 = 217
	SYS_OPENAT     = 257
	SYS_MKDIRAT    = 258
	SYS_NEWFSTATAT = 262
	SYS_UNLINKAT   = 263
	SYS_RENAMEAT   = 264
	SYS_LINKAT     = 265
	SYS_SYMLINKAT  = 266
	SYS_READLINKAT = 267
	SYS_FCHMODAT   = 268
	SYS_FCHOWNAT   = 260
	SYS_UTIMENSAT  = 280
)

// Flags and modes (asm-generic/fcntl.h, linux/stat.h, linux/fcntl.h).
const (
	O_RDONLY    = 0x0
	O_WRONLY    = 0x1
	O_RDWR      = 0x2
	O_ACCMODE   = 0x3
	O_CREAT     = 0x40
	O_EXCL      = 0x80
	O_NOCTTY    = 0x100
	O_TRUNC     = 0x200
	O_APPEND    = 0x400
	O_NONBLOCK  = 0x800
	O_DSYNC     = 0x1000
	O_SYNC      = 0x101000
	O_DIRECTORY = 0x10000
	O_NOFOLLOW  = 0x20000
	O_CLOEXEC   = 0x80000
	O_LARGEFILE = 0x0

	S_IFMT   = 0xf000
	S_IFSOCK = 0xc000
	S_IFLNK  = 0xa000
	S_IFREG  = 0x8000
	S_IFBLK  = 0x6000
	S_IFDIR  = 0x4000
	S_IFCHR  = 0x2000
	S_IFIFO  = 0x1000
	S_ISUID  = 0x800
	S_ISGID  = 0x400
	S_ISVTX  = 0x200

	AT_FDCWD            = -0x64
	AT_REMOVEDIR        = 0x200
	AT_SYMLINK_NOFOLLOW = 0x100

	DT_UNKNOWN = 0x0
	DT_FIFO    = 0x1
	DT_CHR     = 0x2
	DT_DIR     = 0x4
	DT_BLK     = 0x6
	DT_REG     = 0x8
	DT_LNK     = 0xa
	DT_SOCK    = 0xc

	ImplementsGetwd = true
	PathMax         = 0x1000
)

// Stdin, Stdout and Stderr are the standard descriptors.
var (
	Stdin  = 0
	Stdout = 1
	Stderr = 2
)

// Timespec is a time in seconds and nanoseconds (struct timespec).
type Timespec struct {
	Sec  int64
	Nsec int64
}

// Unix returns the time as seconds and nanoseconds.
func (ts *Timespec) Unix() (sec int64, nsec int64) { return ts.Sec, ts.Nsec }

// Nano returns the time in nanoseconds.
func (ts *Timespec) Nano() int64 { return ts.Sec*1e9 + ts.Nsec }

// NsecToTimespec converts nanoseconds into a Timespec.
func NsecToTimespec(nsec int64) Timespec {
	sec := nsec / 1e9
	nsec -= sec * 1e9
	if nsec < 0 {
		nsec += 1e9
		sec--
	}
	return Timespec{Sec: sec, Nsec: nsec}
}

// Stat_t is the kernel's struct stat for x86_64 (arch/x86/include/uapi/asm/stat.h), 144
// bytes.
type Stat_t struct {
	Dev       uint64
	Ino       uint64
	Nlink     uint64
	Mode      uint32
	Uid       uint32
	Gid       uint32
	X__pad0   int32
	Rdev      uint64
	Size      int64
	Blksize   int64
	Blocks    int64
	Atim      Timespec
	Mtim      Timespec
	Ctim      Timespec
	X__unused [3]int64
}

// Utsname is the kernel's struct new_utsname (linux/utsname.h).
type Utsname struct {
	Sysname    [65]int8
	Nodename   [65]int8
	Release    [65]int8
	Version    [65]int8
	Machine    [65]int8
	Domainname [65]int8
}

// Syscall makes system call trap, letting other goroutines run while it blocks. On failure
// r1 is -1 (as a uintptr) and err the error number.
func Syscall(trap, a1, a2, a3 uintptr) (r1, r2 uintptr, err Errno) {
	r1, r2 = runtimeSyscall(trap, a1, a2, a3, 0, 0, 0)
	if r1 > ^uintptr(4095) {
		return ^uintptr(0), 0, Errno(-r1)
	}
	return r1, r2, 0
}

// RawSyscall is Syscall for a call that does not block.
func RawSyscall(trap, a1, a2, a3 uintptr) (r1, r2 uintptr, err Errno) {
	r1, r2 = runtimeRawSyscall(trap, a1, a2, a3, 0, 0, 0)
	if r1 > ^uintptr(4095) {
		return ^uintptr(0), 0, Errno(-r1)
	}
	return r1, r2, 0
}

// call5 is Syscall for up to five arguments, giving the result and the error as an error
// (nil on success).
func call5(trap, a1, a2, a3, a4, a5 uintptr) (uintptr, error) {
	r, _ := runtimeSyscall(trap, a1, a2, a3, a4, a5, 0)
	if r > ^uintptr(4095) {
		return 0, errnoErr(Errno(-r))
	}
	return r, nil
}

// errnoErr boxes the common errors once, as Go's does, so that a failing call does not
// allocate.
var (
	errEAGAIN error = EAGAIN
	errEINVAL error = EINVAL
	errENOENT error = ENOENT
)

func errnoErr(e Errno) error {
	switch e {
	case EAGAIN:
		return errEAGAIN
	case EINVAL:
		return errEINVAL
	case ENOENT:
		return errENOENT
	}
	return e
}

// ByteSliceFromString returns s with a NUL byte added, or EINVAL if s holds one.
func ByteSliceFromString(s string) ([]byte, error) {
	if indexByte(s, 0) >= 0 {
		return nil, EINVAL
	}
	b := make([]byte, len(s)+1)
	copy(b, s)
	return b, nil
}

// BytePtrFromString returns a pointer to a NUL-terminated copy of s, or EINVAL if s holds
// NUL.
func BytePtrFromString(s string) (*byte, error) {
	b, err := ByteSliceFromString(s)
	if err != nil {
		return nil, err
	}
	return &b[0], nil
}

func ptr(p *byte) uintptr { return uintptr(unsafe.Pointer(p)) }

// buf returns the address of b's first byte, or of a byte of its own for an empty b.
func buf(b []byte) uintptr {
	if len(b) == 0 {
		return uintptr(unsafe.Pointer(&zero))
	}
	return uintptr(unsafe.Pointer(&b[0]))
}

var zero byte

const fdcwd = ^uintptr(99) // AT_FDCWD as the kernel's int

// Open opens path with the flags of mode (O_*) and, when it creates the file, the
// permission bits perm.
func Open(path string, mode int, perm uint32) (fd int, err error) {
	p, err := BytePtrFromString(path)
	if err != nil {
		return -1, err
	}
	r, err := call5(SYS_OPENAT, fdcwd, ptr(p), uintptr(mode|O_LARGEFILE), uintptr(perm), 0)
	if err != nil {
		return -1, err
	}
	return int(r), nil
}

// Openat is Open relative to the directory open as dirfd.
func Openat(dirfd int, path string, flags int, mode uint32) (fd int, err error) {
	p, err := BytePtrFromString(path)
	if err != nil {
		return -1, err
	}
	r, err := call5(SYS_OPENAT, uintptr(dirfd), ptr(p), uintptr(flags|O_LARGEFILE), uintptr(mode), 0)
	if err != nil {
		return -1, err
	}
	return int(r), nil
}

// Close closes fd.
func Close(fd int) error {
	_, err := call5(SYS_CLOSE, uintptr(fd), 0, 0, 0, 0)
	return err
}

// Read reads into p and returns the count.
func Read(fd int, p []byte) (n int, err error) {
	r, err := call5(SYS_READ, uintptr(fd), buf(p), uintptr(len(p)), 0, 0)
	if err != nil {
		return -1, err
	}
	return int(r), nil
}

// Write writes p and returns the count written.
func Write(fd int, p []byte) (n int, err error) {
	r, err := call5(SYS_WRITE, uintptr(fd), buf(p), uintptr(len(p)), 0, 0)
	if err != nil {
		return -1, err
	}
	return int(r), nil
}

// Pread reads into p from offset.
func Pread(fd int, p []byte, offset int64) (n int, err error) {
	r, err := call5(SYS_PREAD64, uintptr(fd), buf(p), uintptr(len(p)), uintptr(offset), 0)
	if err != nil {
		return -1, err
	}
	return int(r), nil
}

// Pwrite writes p at offset.
func Pwrite(fd int, p []byte, offset int64) (n int, err error) {
	r, err := call5(SYS_PWRITE64, uintptr(fd), buf(p), uintptr(len(p)), uintptr(offset), 0)
	if err != nil {
		return -1, err
	}
	return int(r), nil
}

// Seek sets the file offset and returns the new one.
func Seek(fd int, offset int64, whence int) (off int64, err error) {
	r, err := call5(SYS_LSEEK, uintptr(fd), uintptr(offset), uintptr(whence), 0, 0)
	if err != nil {
		return -1, err
	}
	return int64(r), nil
}

func fstatat(dirfd uintptr, path string, st *Stat_t, flags uintptr) error {
	p, err := BytePtrFromString(path)
	if err != nil {
		return err
	}
	_, err = call5(SYS_NEWFSTATAT, dirfd, ptr(p), uintptr(unsafe.Pointer(st)), flags, 0)
	return err
}

// Stat fills st with what path names, following symbolic links.
func Stat(path string, st *Stat_t) error { return fstatat(fdcwd, path, st, 0) }

// Lstat is Stat for the link itself when path names a symbolic link.
func Lstat(path string, st *Stat_t) error {
	return fstatat(fdcwd, path, st, AT_SYMLINK_NOFOLLOW)
}

// Fstat fills st with what fd is open on.
func Fstat(fd int, st *Stat_t) error {
	return fstatat(uintptr(fd), "", st, 0x1000) // AT_EMPTY_PATH
}

// Fsync flushes fd's data and metadata to the device.
func Fsync(fd int) error {
	_, err := call5(SYS_FSYNC, uintptr(fd), 0, 0, 0, 0)
	return err
}

// Ftruncate sets fd's size.
func Ftruncate(fd int, length int64) error {
	_, err := call5(SYS_FTRUNCATE, uintptr(fd), uintptr(length), 0, 0, 0)
	return err
}

// Truncate sets the size of the file path names.
func Truncate(path string, length int64) error {
	p, err := BytePtrFromString(path)
	if err != nil {
		return err
	}
	_, err = call5(SYS_TRUNCATE, ptr(p), uintptr(length), 0, 0, 0)
	return err
}

// Fchmod sets fd's permission bits.
func Fchmod(fd int, mode uint32) error {
	_, err := call5(SYS_FCHMOD, uintptr(fd), uintptr(mode), 0, 0, 0)
	return err
}

// Chmod sets the permission bits of the file path names.
func Chmod(path string, mode uint32) error {
	p, err := BytePtrFromString(path)
	if err != nil {
		return err
	}
	_, err = call5(SYS_FCHMODAT, fdcwd, ptr(p), uintptr(mode), 0, 0)
	return err
}

// Mkdir makes a directory.
func Mkdir(path string, mode uint32) error {
	p, err := BytePtrFromString(path)
	if err != nil {
		return err
	}
	_, err = call5(SYS_MKDIRAT, fdcwd, ptr(p), uintptr(mode), 0, 0)
	return err
}

func unlinkat(path string, flags uintptr) error {
	p, err := BytePtrFromString(path)
	if err != nil {
		return err
	}
	_, err = call5(SYS_UNLINKAT, fdcwd, ptr(p), flags, 0, 0)
	return err
}

// Unlink removes a name that is not a directory.
func Unlink(path string) error { return unlinkat(path, 0) }

// Rmdir removes an empty directory.
func Rmdir(path string) error { return unlinkat(path, AT_REMOVEDIR) }

// Rename renames (moves) oldpath to newpath.
func Rename(oldpath, newpath string) error { return twoPaths(SYS_RENAMEAT, oldpath, newpath) }

// Link makes newpath a hard link to oldpath.
func Link(oldpath, newpath string) error { return twoPaths(SYS_LINKAT, oldpath, newpath) }

// twoPaths makes a system call of the renameat/linkat shape: (dirfd, path, dirfd, path,
// flags), both paths relative to the working directory and no flags.
func twoPaths(trap uintptr, oldpath, newpath string) error {
	o, err := BytePtrFromString(oldpath)
	if err != nil {
		return err
	}
	n, err := BytePtrFromString(newpath)
	if err != nil {
		return err
	}
	_, err = call5(trap, fdcwd, ptr(o), fdcwd, ptr(n), 0)
	return err
}

// Symlink makes newpath a symbolic link to oldpath.
func Symlink(oldpath, newpath string) error {
	o, err := BytePtrFromString(oldpath)
	if err != nil {
		return err
	}
	n, err := BytePtrFromString(newpath)
	if err != nil {
		return err
	}
	_, err = call5(SYS_SYMLINKAT, ptr(o), fdcwd, ptr(n), 0, 0)
	return err
}

// Readlink reads the target of the symbolic link path into b.
func Readlink(path string, b []byte) (n int, err error) {
	p, err := BytePtrFromString(path)
	if err != nil {
		return -1, err
	}
	r, err := call5(SYS_READLINKAT, fdcwd, ptr(p), buf(b), uintptr(len(b)), 0)
	if err != nil {
		return -1, err
	}
	return int(r), nil
}

// Getdents reads directory records (struct linux_dirent64) from fd into b.
func Getdents(fd int, b []byte) (n int, err error) {
	r, err := call5(SYS_GETDENTS64, uintptr(fd), buf(b), uintptr(len(b)), 0, 0)
	if err != nil {
		return -1, err
	}
	return int(r), nil
}

// ReadDirent is Getdents.
func ReadDirent(fd int, b []byte) (n int, err error) { return Getdents(fd, b) }

// Getcwd writes the working directory, NUL-terminated, into b and returns its length with
// the NUL.
func Getcwd(b []byte) (n int, err error) {
	r, err := call5(SYS_GETCWD, buf(b), uintptr(len(b)), 0, 0, 0)
	if err != nil {
		return 0, err
	}
	return int(r), nil
}

// Getwd returns the working directory.
func Getwd() (wd string, err error) {
	var b [PathMax]byte
	n, err := Getcwd(b[:])
	if err != nil {
		return "", err
	}
	if n < 1 || n > len(b) || b[n-1] != 0 {
		return "", EINVAL
	}
	// The kernel says "(unreachable)..." for a directory outside the process's root.
	if b[0] != '/' {
		return "", ENOENT
	}
	return string(b[:n-1]), nil
}

// Chdir changes the working directory.
func Chdir(path string) error {
	p, err := BytePtrFromString(path)
	if err != nil {
		return err
	}
	_, err = call5(SYS_CHDIR, ptr(p), 0, 0, 0, 0)
	return err
}

// Fchdir changes the working directory to the one open as fd.
func Fchdir(fd int) error {
	_, err := call5(SYS_FCHDIR, uintptr(fd), 0, 0, 0, 0)
	return err
}

// Umask sets the file-creation mask and returns the old one.
func Umask(mask int) (oldmask int) {
	r, _ := runtimeRawSyscall(SYS_UMASK, uintptr(mask), 0, 0, 0, 0, 0)
	return int(r)
}

// Uname fills buf with the system's names.
func Uname(buf *Utsname) error {
	r, _ := runtimeRawSyscall(SYS_UNAME, uintptr(unsafe.Pointer(buf)), 0, 0, 0, 0, 0)
	if r > ^uintptr(4095) {
		return Errno(-r)
	}
	return nil
}

func rawID(trap uintptr) int {
	r, _ := runtimeRawSyscall(trap, 0, 0, 0, 0, 0, 0)
	return int(r)
}

// Getpid returns the process's id.
func Getpid() int { return rawID(SYS_GETPID) }

// Getppid returns the parent process's id.
func Getppid() int { return rawID(SYS_GETPPID) }

// Getuid returns the real user id.
func Getuid() int { return rawID(SYS_GETUID) }

// Geteuid returns the effective user id.
func Geteuid() int { return rawID(SYS_GETEUID) }

// Getgid returns the real group id.
func Getgid() int { return rawID(SYS_GETGID) }

// Getegid returns the effective group id.
func Getegid() int { return rawID(SYS_GETEGID) }

//go:linkname runtimeExit runtime.exit
func runtimeExit(code int32)

// Exit ends the process with the status code.
func Exit(code int) { runtimeExit(int32(code)) }

// Getpagesize returns the memory page size.
func Getpagesize() int { return 4096 }

// Fchown changes fd's owner and group.
func Fchown(fd int, uid int, gid int) error {
	_, err := call5(SYS_FCHOWN, uintptr(fd), uintptr(uid), uintptr(gid), 0, 0)
	return err
}

func fchownat(path string, uid, gid int, flags uintptr) error {
	p, err := BytePtrFromString(path)
	if err != nil {
		return err
	}
	_, err = call5(SYS_FCHOWNAT, fdcwd, ptr(p), uintptr(uid), uintptr(gid), flags)
	return err
}

// Chown changes the owner and group of what path names.
func Chown(path string, uid int, gid int) error { return fchownat(path, uid, gid, 0) }

// Lchown is Chown of a symbolic link itself.
func Lchown(path string, uid int, gid int) error {
	return fchownat(path, uid, gid, AT_SYMLINK_NOFOLLOW)
}

// UtimesNano sets the access and modification times (ts[0], ts[1]) of what path names.
func UtimesNano(path string, ts []Timespec) error {
	if len(ts) != 2 {
		return EINVAL
	}
	p, err := BytePtrFromString(path)
	if err != nil {
		return err
	}
	_, err = call5(SYS_UTIMENSAT, fdcwd, ptr(p), uintptr(unsafe.Pointer(&ts[0])), 0, 0)
	return err
}

// Pipe2 makes a pipe, its read end in p[0] and its write end in p[1], with flags
// (O_CLOEXEC, O_NONBLOCK).
func Pipe2(p []int, flags int) error {
	if len(p) != 2 {
		return EINVAL
	}
	var fds [2]int32
	if _, err := call5(SYS_PIPE2, uintptr(unsafe.Pointer(&fds[0])), uintptr(flags), 0, 0, 0); err != nil {
		return err
	}
	p[0], p[1] = int(fds[0]), int(fds[1])
	return nil
}

// Pipe is Pipe2 without flags.
func Pipe(p []int) error { return Pipe2(p, 0) }

// Getgroups returns the supplementary group ids (nil for none).
func Getgroups() (gids []int, err error) {
	n, err := call5(SYS_GETGROUPS, 0, 0, 0, 0, 0)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, nil
	}
	if n > 1<<20 {
		return nil, EINVAL
	}
	ids := make([]uint32, n)
	m, err := call5(SYS_GETGROUPS, n, uintptr(unsafe.Pointer(&ids[0])), 0, 0, 0)
	if err != nil {
		return nil, err
	}
	gids = make([]int, m)
	for i := range gids {
		gids[i] = int(ids[i])
	}
	return gids, nil
}
