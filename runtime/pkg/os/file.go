// Files: the standard streams, writable with fmt.Fprint* as in Go. Go: os/file.go,
// os/types.go. Only writing to the process's already-open descriptors is supported.

package os

import "unsafe"

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
			return n, &PathError{"write", f.name, &errnoError{"errno " + itoa(int(-r))}}
		}
		n += int(r)
	}
	return n, nil
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
