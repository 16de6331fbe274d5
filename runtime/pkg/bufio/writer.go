// Writer: an io.Writer written through a buffer, which goes out when full or on Flush,
// with Go 1.19's bufio.Writer behaviour: a write larger than the free space goes straight
// to the destination when nothing is buffered, the first error sticks, and a short write
// keeps the unwritten bytes. Also ReadWriter, a Reader and a Writer in one value.

package bufio

import (
	"io"
	"unicode/utf8"
)

// Writer buffers an io.Writer: mem[:used] waits to be written to dst. After an error every
// write and Flush returns it, until Reset.
type Writer struct {
	err  error
	mem  []byte
	used int
	dst  io.Writer
}

// NewWriterSize returns a Writer on w with a buffer of size bytes (4096 if size <= 0).
// When w already is a *Writer with at least that much buffer, it is returned itself.
func NewWriterSize(w io.Writer, size int) *Writer {
	if have, ok := w.(*Writer); ok && len(have.mem) >= size {
		return have
	}
	if size <= 0 {
		size = defaultBufSize
	}
	return &Writer{mem: make([]byte, size), dst: w}
}

// NewWriter returns a Writer on w with the default buffer size, 4096 bytes.
func NewWriter(w io.Writer) *Writer { return NewWriterSize(w, defaultBufSize) }

// Reset drops what is buffered and the error and makes bw write to w (a zero Writer gets
// the default buffer).
func (bw *Writer) Reset(w io.Writer) {
	if bw.mem == nil {
		bw.mem = make([]byte, defaultBufSize)
	}
	bw.err, bw.used, bw.dst = nil, 0, w
}

// Size is the length of the buffer.
func (bw *Writer) Size() int { return len(bw.mem) }

// Available is the free space in the buffer.
func (bw *Writer) Available() int { return len(bw.mem) - bw.used }

// AvailableBuffer returns an empty slice over the free space, to append to and then
// pass to Write.
func (bw *Writer) AvailableBuffer() []byte { return bw.mem[bw.used:][:0] }

// Buffered is the number of bytes waiting to be written.
func (bw *Writer) Buffered() int { return bw.used }

// Flush writes the buffered bytes; a short write without an error is io.ErrShortWrite,
// and after an error the bytes not written stay buffered.
func (bw *Writer) Flush() error {
	if bw.err != nil {
		return bw.err
	}
	if bw.used == 0 {
		return nil
	}
	n, err := bw.dst.Write(bw.mem[:bw.used])
	if err == nil && n < bw.used {
		err = io.ErrShortWrite
	}
	if err == nil {
		bw.used = 0
		return nil
	}
	if n > 0 && n < bw.used {
		copy(bw.mem, bw.mem[n:bw.used])
	}
	bw.used -= n
	bw.err = err
	return err
}

// Write buffers p, flushing as the buffer fills; when nothing is buffered, a p that does
// not fit is written to the destination directly. Fewer than len(p) bytes come with the
// error.
func (bw *Writer) Write(p []byte) (nn int, err error) {
	for len(p) > bw.Available() && bw.err == nil {
		var n int
		if bw.used == 0 {
			n, bw.err = bw.dst.Write(p)
		} else {
			n = copy(bw.mem[bw.used:], p)
			bw.used += n
			bw.Flush()
		}
		nn += n
		p = p[n:]
	}
	if bw.err != nil {
		return nn, bw.err
	}
	n := copy(bw.mem[bw.used:], p)
	bw.used += n
	return nn + n, nil
}

// WriteString is Write for a string; a string that does not fit an empty buffer goes to
// the destination's WriteString when it has one.
func (bw *Writer) WriteString(s string) (int, error) {
	var direct io.StringWriter
	asked := false // whether dst was checked for WriteString
	nn := 0
	for len(s) > bw.Available() && bw.err == nil {
		if bw.used == 0 && !asked {
			direct, _ = bw.dst.(io.StringWriter)
			asked = true
		}
		var n int
		if bw.used == 0 && direct != nil {
			n, bw.err = direct.WriteString(s)
		} else {
			n = copy(bw.mem[bw.used:], s)
			bw.used += n
			bw.Flush()
		}
		nn += n
		s = s[n:]
	}
	if bw.err != nil {
		return nn, bw.err
	}
	n := copy(bw.mem[bw.used:], s)
	bw.used += n
	return nn + n, nil
}

// WriteByte buffers one byte.
func (bw *Writer) WriteByte(c byte) error {
	if bw.err != nil {
		return bw.err
	}
	if bw.Available() <= 0 && bw.Flush() != nil {
		return bw.err
	}
	bw.mem[bw.used] = c
	bw.used++
	return nil
}

// WriteRune buffers the UTF-8 encoding of r and returns its length.
func (bw *Writer) WriteRune(r rune) (size int, err error) {
	if uint32(r) < utf8.RuneSelf {
		if err := bw.WriteByte(byte(r)); err != nil {
			return 0, err
		}
		return 1, nil
	}
	if bw.err != nil {
		return 0, bw.err
	}
	if bw.Available() < utf8.UTFMax {
		if bw.Flush(); bw.err != nil {
			return 0, bw.err
		}
		if bw.Available() < utf8.UTFMax {
			// A buffer too small for any rune: write its encoding as a string.
			return bw.WriteString(string(r))
		}
	}
	size = utf8.EncodeRune(bw.mem[bw.used:], r)
	bw.used += size
	return size, nil
}

// ReadFrom reads r to its end into the buffer, flushing it when full; when the buffer is
// empty and the destination has ReadFrom, the rest is the destination's ReadFrom. The end
// of r is not an error (a full buffer is then flushed).
func (bw *Writer) ReadFrom(r io.Reader) (n int64, err error) {
	if bw.err != nil {
		return 0, bw.err
	}
	rf, dstReads := bw.dst.(io.ReaderFrom)
	var m int
	for {
		if bw.Available() == 0 {
			if ferr := bw.Flush(); ferr != nil {
				return n, ferr
			}
		}
		if dstReads && bw.used == 0 {
			k, err := rf.ReadFrom(r)
			bw.err = err
			return n + k, err
		}
		empty := 0
		for ; empty < emptyReadLimit; empty++ {
			m, err = r.Read(bw.mem[bw.used:])
			if m != 0 || err != nil {
				break
			}
		}
		if empty == emptyReadLimit {
			return n, io.ErrNoProgress
		}
		bw.used += m
		n += int64(m)
		if err != nil {
			break
		}
	}
	if err != io.EOF {
		return n, err
	}
	if bw.Available() == 0 {
		return n, bw.Flush()
	}
	return n, nil
}

// ReadWriter is a Reader and a Writer in one value, with the methods of both (but the
// ones they share, which are ambiguous).
type ReadWriter struct {
	*Reader
	*Writer
}

// NewReadWriter returns a ReadWriter of r and w.
func NewReadWriter(r *Reader, w *Writer) *ReadWriter { return &ReadWriter{r, w} }
