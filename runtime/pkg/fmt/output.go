// Output: standard output for Print, Printf and Println, the writer interface of Fprint,
// Fprintf and Fprintln, and Errorf's error values.
//
// tbuild has no os.Stdout or io.Writer yet. Go's Println is Fprintln(os.Stdout, ...), whose
// one Write becomes write system calls on fd 1 (os/file.go, internal/poll/fd_unix.go Write):
// writeStdout does the same.

package fmt

import (
	"errors"
	"unsafe"
)

// write is the runtime's write system call, which lets other goroutines run while it
// blocks (runtime/sysmon.go): the count written or a negative errno.
//
//go:linkname write runtime.syscall_write
func write(fd uintptr, p unsafe.Pointer, n int32) int32

const (
	_EINTR = 4
	_maxRW = 1 << 30 // the most one write asks for. Go: internal/poll/fd_unix.go maxRW.
)

// writer is Go's io.Writer: Fprint, Fprintf and Fprintln accept any value with its Write
// method.
type writer interface {
	Write(p []byte) (n int, err error)
}

// osStdout returns os.Stdout's current value, or nil when the program does not link os
// (runtime/runtime1.go).
//
//go:linkname osStdout runtime.fmt_runtime_stdout
func osStdout() any

// sigpipe ends the program by SIGPIPE (runtime/signal_unix.go).
//
//go:linkname sigpipe runtime.os_sigpipe
func sigpipe()

// writeStdout writes b to standard output: the whole of it, continuing after short writes
// and retrying after EINTR, as os.(*File).Write does. It returns the count written and, on
// failure, an error worded as Go's *os.PathError.
func writeStdout(b []byte) (n int, err error) {
	for n < len(b) {
		m := len(b) - n
		if m > _maxRW {
			m = _maxRW
		}
		r := write(1, unsafe.Pointer(&b[n]), int32(m))
		if r == -_EINTR {
			continue
		}
		if r == -32 {
			sigpipe() // EPIPE: ends the program by SIGPIPE, as os.(*File).Write does
		}
		if r < 0 {
			return n, &errorString{"write /dev/stdout: " + errnoString(int(-r))}
		}
		if r == 0 {
			return n, &errorString{"write /dev/stdout: short write"}
		}
		n += int(r)
	}
	return n, nil
}

// errnoString returns the text of the errors a write can give. Go: syscall/zerrors_linux_amd64.go.
func errnoString(e int) string {
	switch e {
	case 5:
		return "input/output error"
	case 9:
		return "bad file descriptor"
	case 11:
		return "resource temporarily unavailable"
	case 14:
		return "bad address"
	case 22:
		return "invalid argument"
	case 27:
		return "file too large"
	case 28:
		return "no space left on device"
	case 32:
		return "broken pipe"
	case 122:
		return "disk quota exceeded"
	}
	return "errno " + itoa(e)
}

// itoa formats a small non-negative integer.
func itoa(v int) string {
	var b [20]byte
	i := len(b)
	for v >= 10 {
		i--
		b[i] = byte('0' + v%10)
		v /= 10
	}
	i--
	b[i] = byte('0' + v)
	return string(b[i:])
}

// errorString is the error a failed write to standard output returns (Go's is an
// *fs.PathError with the same text).
type errorString struct {
	s string
}

func (e *errorString) Error() string {
	return e.s
}

// Errorf formats according to a format specifier and returns the string as a value that
// satisfies error. With a %w verb the error also has an Unwrap method returning the
// operand. Go: fmt/errors.go.
func Errorf(format string, a ...any) error {
	p := getPrinter()
	p.allowWrap = true
	p.renderFormat(format, a)
	s := string(p.out)
	var err error
	if p.wrapped == nil {
		err = errors.New(s)
	} else {
		err = &wrapError{s, p.wrapped}
	}
	p.release()
	return err
}

type wrapError struct {
	msg string
	err error
}

func (e *wrapError) Error() string {
	return e.msg
}

func (e *wrapError) Unwrap() error {
	return e.err
}
