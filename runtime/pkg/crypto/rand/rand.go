// Package rand is a cryptographically secure random number generator: tbuild's own
// implementation of Go 1.19's crypto/rand Reader and Read on Linux, which take bytes from
// the kernel's getrandom(2) and, where the kernel has no such call or it comes back short,
// from /dev/urandom, as Go's do. Int and Prime, which need math/big, are not here yet (the
// checker reports them as not supported), nor Go's warning on standard error when the
// kernel keeps a reader waiting for a minute at boot.
package rand

import (
	"errors"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"unsafe"
)

// Reader is the shared instance of the generator.
var Reader io.Reader = &reader{}

// Read fills b from Reader. It returns len(b) and a nil error, or the error that stopped it.
func Read(b []byte) (n int, err error) {
	return io.ReadFull(Reader, b)
}

// sysGetrandom is getrandom's system call number on linux/amd64; getrandomChunk is the
// most it returns in one call (Linux's limit, 2^25 - 1 bytes).
const (
	sysGetrandom   = 318
	getrandomChunk = 1<<25 - 1
)

type reader struct {
	mu      sync.Mutex
	urandom io.Reader   // /dev/urandom, opened at the first fallback
	noCall  atomic.Bool // getrandom failed with ENOSYS: do not try again
}

func (r *reader) Read(b []byte) (int, error) {
	if !r.noCall.Load() && r.getrandom(b) {
		return len(b), nil
	}
	r.mu.Lock()
	if r.urandom == nil {
		f, err := os.Open("/dev/urandom")
		if err != nil {
			r.mu.Unlock()
			return 0, err
		}
		r.urandom = againIsNotAnError{f}
	}
	r.mu.Unlock()
	return io.ReadFull(r.urandom, b)
}

// getrandom fills b from the kernel, a chunk per call; false when a call fails or returns
// fewer bytes than asked (a signal interrupted it), and the file is to be read instead.
func (r *reader) getrandom(b []byte) bool {
	for len(b) > 0 {
		n := len(b)
		if n > getrandomChunk {
			n = getrandomChunk
		}
		got, _, errno := syscall.Syscall(sysGetrandom, uintptr(unsafe.Pointer(&b[0])), uintptr(n), 0)
		if errno != 0 {
			if errno == syscall.ENOSYS {
				r.noCall.Store(true)
			}
			return false
		}
		if int(got) != n {
			return false
		}
		b = b[n:]
	}
	return true
}

// againIsNotAnError reads the device, taking EAGAIN as no error.
type againIsNotAnError struct {
	r io.Reader
}

func (a againIsNotAnError) Read(p []byte) (int, error) {
	n, err := a.r.Read(p)
	if errors.Is(err, syscall.EAGAIN) {
		err = nil
	}
	return n, err
}
