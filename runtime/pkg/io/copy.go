// Copying between a Reader and a Writer: Copy, CopyBuffer and CopyN, with Go 1.19's order
// of preference (io/io.go copyVia): the source's WriteTo, then the destination's
// ReadFrom, then a loop through a buffer of 32 KiB (smaller when the source is a
// LimitedReader with less left).
package io

// Copy copies from src to dst until EOF on src or an error, and returns the number of bytes
// written. A successful Copy returns a nil error, not EOF.
func Copy(dst Writer, src Reader) (written int64, err error) {
	written, err = copyVia(dst, src, nil)
	return written, err
}

// CopyBuffer is Copy through buf instead of a buffer of its own; buf is not used when src
// is a WriterTo or dst a ReaderFrom. A non-nil empty buf panics, as in Go.
func CopyBuffer(dst Writer, src Reader, buf []byte) (written int64, err error) {
	if len(buf) == 0 && buf != nil {
		panic("empty buffer in CopyBuffer") // Go's message
	}
	written, err = copyVia(dst, src, buf)
	return written, err
}

// CopyN copies n bytes (or until an error) and returns how many it copied; fewer than n
// with no other error is EOF.
func CopyN(dst Writer, src Reader, n int64) (written int64, err error) {
	limited := &LimitedReader{src, n}
	written, err = Copy(dst, limited)
	if written == n {
		return n, nil
	}
	if err == nil && written < n {
		err = EOF
	}
	return written, err
}

// copyVia is the one copy loop behind Copy, CopyBuffer and CopyN.
func copyVia(dst Writer, src Reader, buf []byte) (written int64, err error) {
	if from, ok := src.(WriterTo); ok {
		return from.WriteTo(dst)
	}
	if rf, ok := dst.(ReaderFrom); ok {
		return rf.ReadFrom(src)
	}
	if buf == nil {
		size := 32 << 10
		if lr, ok := src.(*LimitedReader); ok && lr.N < int64(size) {
			size = 1
			if lr.N > 1 {
				size = int(lr.N)
			}
		}
		buf = make([]byte, size, size)
	}
	for {
		nr, rerr := src.Read(buf)
		if nr > 0 {
			nw, werr := dst.Write(buf[:nr])
			if nw < 0 || nw > nr {
				// A broken Writer: count nothing, and fail unless it already did.
				nw = 0
				if werr == nil {
					werr = errInvalidWrite
				}
			}
			written = written + int64(nw)
			if werr != nil {
				return written, werr
			}
			if nw != nr {
				return written, ErrShortWrite
			}
		}
		if rerr == EOF {
			return written, nil
		}
		if rerr != nil {
			return written, rerr
		}
	}
}
