// Package syscall gives the part of Go's syscall package that tbuild's os, time and io/fs
// stand on, for linux/amd64: system calls made through the runtime (no libc), Errno with
// Go's texts and its errors.Is matching, the file-system constants and Stat_t, and the
// environment. Go: syscall/syscall_unix.go, syscall_linux.go, zerrors_linux_amd64.go,
// ztypes_linux_amd64.go (the numbers and layouts are Linux's, linux/amd64).
package syscall

import "internal/oserror"

// An Errno is the error number a failed system call returned.
type Errno uintptr

// Error is the text Go gives the number (errstr.go), or "errno N" for one it has none for.
func (e Errno) Error() string {
	if e < Errno(len(errnoText)) && errnoText[e] != "" {
		return errnoText[e]
	}
	return "errno " + uitoa(uint64(e))
}

// Is lets errors.Is match an Errno against io/fs's portable errors.
func (e Errno) Is(target error) bool {
	switch target {
	case oserror.ErrPermission:
		return e == EACCES || e == EPERM
	case oserror.ErrExist:
		return e == EEXIST || e == ENOTEMPTY
	case oserror.ErrNotExist:
		return e == ENOENT
	}
	return false
}

// Temporary reports whether trying again may succeed.
func (e Errno) Temporary() bool {
	return e == EINTR || e == EMFILE || e == ENFILE || e.Timeout()
}

// Timeout reports whether the error is a timeout.
func (e Errno) Timeout() bool {
	return e == EAGAIN || e == EWOULDBLOCK || e == ETIMEDOUT
}

func uitoa(v uint64) string {
	var buf [20]byte
	i := len(buf)
	for {
		i--
		buf[i] = byte('0' + v%10)
		v /= 10
		if v == 0 {
			return string(buf[i:])
		}
	}
}

// The error numbers (asm-generic/errno-base.h, asm-generic/errno.h).
const (
	EPERM           Errno = 0x1
	ENOENT          Errno = 0x2
	ESRCH           Errno = 0x3
	EINTR           Errno = 0x4
	EIO             Errno = 0x5
	ENXIO           Errno = 0x6
	E2BIG           Errno = 0x7
	ENOEXEC         Errno = 0x8
	EBADF           Errno = 0x9
	ECHILD          Errno = 0xa
	EAGAIN          Errno = 0xb
	ENOMEM          Errno = 0xc
	EACCES          Errno = 0xd
	EFAULT          Errno = 0xe
	ENOTBLK         Errno = 0xf
	EBUSY           Errno = 0x10
	EEXIST          Errno = 0x11
	EXDEV           Errno = 0x12
	ENODEV          Errno = 0x13
	ENOTDIR         Errno = 0x14
	EISDIR          Errno = 0x15
	EINVAL          Errno = 0x16
	ENFILE          Errno = 0x17
	EMFILE          Errno = 0x18
	ENOTTY          Errno = 0x19
	ETXTBSY         Errno = 0x1a
	EFBIG           Errno = 0x1b
	ENOSPC          Errno = 0x1c
	ESPIPE          Errno = 0x1d
	EROFS           Errno = 0x1e
	EMLINK          Errno = 0x1f
	EPIPE           Errno = 0x20
	EDOM            Errno = 0x21
	ERANGE          Errno = 0x22
	EDEADLK         Errno = 0x23
	ENAMETOOLONG    Errno = 0x24
	ENOLCK          Errno = 0x25
	ENOSYS          Errno = 0x26
	ENOTEMPTY       Errno = 0x27
	ELOOP           Errno = 0x28
	EWOULDBLOCK     Errno = 0xb
	ENOTSUP         Errno = 0x5f
	EOPNOTSUPP      Errno = 0x5f
	EADDRINUSE      Errno = 0x62
	EADDRNOTAVAIL   Errno = 0x63
	ECONNABORTED    Errno = 0x67
	ECONNRESET      Errno = 0x68
	ENOBUFS         Errno = 0x69
	EISCONN         Errno = 0x6a
	ENOTCONN        Errno = 0x6b
	ETIMEDOUT       Errno = 0x6e
	ECONNREFUSED    Errno = 0x6f
	EHOSTUNREACH    Errno = 0x71
	EALREADY        Errno = 0x72
	EINPROGRESS     Errno = 0x73
	EDQUOT          Errno = 0x7a
	ECANCELED       Errno = 0x7d
	EOVERFLOW       Errno = 0x4b
	EILSEQ          Errno = 0x54
	ENOTSOCK        Errno = 0x58
	EPROTONOSUPPORT Errno = 0x5d
	ENETUNREACH     Errno = 0x65
	ENETDOWN        Errno = 0x64
)
