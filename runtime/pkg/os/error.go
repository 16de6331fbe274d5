// Errors: the portable errors (io/fs's), PathError (io/fs's type), LinkError and
// SyscallError, and the Is* predicates, which look through those three wrappers and ask a
// syscall.Errno whether it matches (Go: os/error.go; unlike errors.Is, they unwrap only
// these types).

package os

import (
	"io/fs"
	"syscall"
)

// The portable errors.
var (
	ErrInvalid    = fs.ErrInvalid
	ErrPermission = fs.ErrPermission
	ErrExist      = fs.ErrExist
	ErrNotExist   = fs.ErrNotExist
	ErrClosed     = fs.ErrClosed
)

// PathError records an error and the operation and file path that caused it.
type PathError = fs.PathError

// errNilFile is the error of a method called on a nil *File.
func errNilFile() error { return ErrInvalid }

// pathErr is the *PathError of operation op on path.
func pathErr(op, path string, err error) error {
	return &PathError{Op: op, Path: path, Err: err}
}

// LinkError records an error during a link, symlink or rename and the paths involved.
type LinkError struct {
	Op  string
	Old string
	New string
	Err error
}

func (e *LinkError) Error() string {
	return e.Op + " " + e.Old + " " + e.New + ": " + e.Err.Error()
}

func (e *LinkError) Unwrap() error { return e.Err }

// SyscallError records an error from a named system call.
type SyscallError struct {
	Syscall string
	Err     error
}

func (e *SyscallError) Error() string { return e.Syscall + ": " + e.Err.Error() }

func (e *SyscallError) Unwrap() error { return e.Err }

// Timeout reports whether the error is a timeout.
func (e *SyscallError) Timeout() bool {
	t, ok := e.Err.(interface{ Timeout() bool })
	return ok && t.Timeout()
}

// NewSyscallError wraps err as a SyscallError of the named call; nil stays nil.
func NewSyscallError(syscall string, err error) error {
	if err == nil {
		return nil
	}
	return &SyscallError{syscall, err}
}

// unwrapOS returns the error inside one of os's wrappers, or err itself.
func unwrapOS(err error) error {
	switch e := err.(type) {
	case *PathError:
		return e.Err
	case *LinkError:
		return e.Err
	case *SyscallError:
		return e.Err
	}
	return err
}

func errIs(err, target error) bool {
	err = unwrapOS(err)
	if err == target {
		return true
	}
	e, ok := err.(syscall.Errno)
	return ok && e.Is(target)
}

// IsExist reports whether err says a file or directory already exists.
func IsExist(err error) bool { return errIs(err, ErrExist) }

// IsNotExist reports whether err says a file or directory does not exist.
func IsNotExist(err error) bool { return errIs(err, ErrNotExist) }

// IsPermission reports whether err says permission is denied.
func IsPermission(err error) bool { return errIs(err, ErrPermission) }

// IsTimeout reports whether err says a timeout occurred.
func IsTimeout(err error) bool {
	t, ok := unwrapOS(err).(interface{ Timeout() bool })
	return ok && t.Timeout()
}
