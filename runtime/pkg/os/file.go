// Files: the standard streams, writable with fmt.Fprint* and readable (with bufio, say) as
// in Go. Go: os/file.go, os/types.go. Only reading and writing the process's already-open
// descriptors is supported.

package os

import (
	"io"
	"unsafe"
)

// File is an open file descriptor.
type File struct {
	fd   int
	name string
}

// The standard input, output and error of the process (Go: os/file.go).
var (
	Stdin  = &File{0, "/dev/stdin"}
	Stdout = &File{1, "/dev/stdout"}
	Stderr = &File{2, "/dev/stderr"}
)

// write1 is the runtime's write system call, which lets other goroutines run while it
// blocks (runtime/sysmon.go): the count written, or -errno.
//
//go:linkname write1 runtime.syscall_write
func write1(fd uintptr, p unsafe.Pointer, n int32) int32

// read1 is the runtime's read system call, which lets other goroutines run while it
// blocks: the count read, or -errno.
//
//go:linkname read1 runtime.syscall_read
func read1(fd uintptr, p unsafe.Pointer, n int32) int32

// PathError records an error and the operation and file path that caused it. Go:
// io/fs/fs.go PathError.
type PathError struct {
	Op   string
	Path string
	Err  error
}

func (e *PathError) Error() string { return e.Op + " " + e.Path + ": " + e.Err.Error() }

type errnoError struct{ s string }

func (e *errnoError) Error() string { return e.s }

// Write writes b to the file, all of it unless an error occurs (retrying interrupted and
// short writes, as Go's internal/poll does).
func (f *File) Write(b []byte) (n int, err error) {
	for n < len(b) {
		m := len(b) - n
		if m > 1<<30 {
			m = 1 << 30
		}
		r := write1(uintptr(f.fd), unsafe.Pointer(&b[n]), int32(m))
		if r == -4 { // EINTR
			continue
		}
		if r < 0 {
			return n, &PathError{"write", f.name, errno(-r)}
		}
		n += int(r)
	}
	return n, nil
}

// Read reads up to len(b) bytes (at most 1 GiB at a time, as Go's) and returns how many;
// at the end of the file it returns 0 and io.EOF. An empty b reads nothing and is no
// error; an interrupted read is retried.
func (f *File) Read(b []byte) (n int, err error) {
	if len(b) == 0 {
		return 0, nil
	}
	if len(b) > 1<<30 {
		b = b[:1<<30]
	}
	for {
		r := read1(uintptr(f.fd), unsafe.Pointer(&b[0]), int32(len(b)))
		switch {
		case r == -4: // EINTR
			continue
		case r < 0:
			return 0, &PathError{"read", f.name, errno(-r)}
		case r == 0:
			return 0, io.EOF
		}
		return int(r), nil
	}
}

// errno is the error of a failed system call, with the text Go's syscall.Errno gives the
// usual ones.
func errno(e int32) error {
	var text string
	switch e {
	case 5:
		text = "input/output error"
	case 9:
		text = "bad file descriptor"
	case 11:
		text = "resource temporarily unavailable"
	case 21:
		text = "is a directory"
	case 22:
		text = "invalid argument"
	case 28:
		text = "no space left on device"
	case 32:
		text = "broken pipe"
	default:
		text = "errno " + itoa(int(e))
	}
	return &errnoError{text}
}

// WriteString is like Write, but writes the contents of string s.
func (f *File) WriteString(s string) (n int, err error) {
	return f.Write([]byte(s))
}

// Name returns the name of the file.
func (f *File) Name() string { return f.name }

// Fd returns the file descriptor.
func (f *File) Fd() uintptr { return uintptr(f.fd) }

func itoa(v int) string {
	if v == 0 {
		return "0"
	}
	var buf [20]byte
	i := len(buf)
	for v > 0 {
		i--
		buf[i] = byte('0' + v%10)
		v /= 10
	}
	return string(buf[i:])
}
