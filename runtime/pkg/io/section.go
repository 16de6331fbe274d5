// Readers and writers that wrap others: LimitedReader (at most N bytes), SectionReader (a
// window of a ReaderAt), TeeReader (a reader that copies what it reads to a writer),
// NopCloser and the Discard writer. Semantics and error texts are Go 1.19's (io/io.go).
package io

import (
	"errors"
	"sync"
)

// The errors of SectionReader.Seek (io/io.go errWhence, errOffset).
var (
	errWhence = errors.New("Seek: invalid whence")
	errOffset = errors.New("Seek: invalid offset")
)

// LimitReader returns a Reader that reads from r but stops with EOF after n bytes.
func LimitReader(r Reader, n int64) Reader { return &LimitedReader{r, n} }

type (
	// A LimitedReader reads from R and decrements N by what it returns; at N <= 0 it
	// returns EOF.
	LimitedReader struct {
		R Reader // the underlying reader
		N int64  // the bytes still allowed
	}

	// SectionReader reads the n bytes of r from offset off on, with Read, Seek and ReadAt.
	SectionReader struct {
		r     ReaderAt
		base  int64 // the section's first offset in r
		off   int64 // the next Read's offset in r
		limit int64 // the section's end offset in r
	}
)

func (l *LimitedReader) Read(p []byte) (n int, err error) {
	if l.N <= 0 {
		return 0, EOF
	}
	if l.N < int64(len(p)) {
		p = p[:l.N]
	}
	n, err = l.R.Read(p[:len(p):len(p)])
	l.N -= int64(n)
	return n, err
}

// NewSectionReader returns a SectionReader over r's bytes off..off+n. An end beyond the
// largest int64 is clamped to it (Go 1.19's NewSectionReader does the same).
func NewSectionReader(r ReaderAt, off int64, n int64) *SectionReader {
	const maxInt64 = 1<<63 - 1
	end := int64(maxInt64)
	if n <= maxInt64-off {
		end = off + n
	}
	return &SectionReader{r: r, base: off, off: off, limit: end}
}

func (s *SectionReader) Read(p []byte) (n int, err error) {
	if s.limit <= s.off {
		return 0, EOF
	}
	if left := s.limit - s.off; int64(len(p)) > left {
		p = p[:left]
	}
	at := s.off
	n, err = s.r.ReadAt(p, at)
	s.off += int64(n)
	return n, err
}

// Seek moves the offset of the next Read, relative to the section; an offset before the
// section's start is errOffset, an unknown whence errWhence.
func (s *SectionReader) Seek(offset int64, whence int) (int64, error) {
	var origin int64
	switch whence {
	case SeekStart:
		origin = s.base
	case SeekCurrent:
		origin = s.off
	case SeekEnd:
		origin = s.limit
	default:
		return 0, errWhence
	}
	pos := origin + offset
	if pos < s.base {
		return 0, errOffset
	}
	s.off = pos
	return pos - s.base, nil
}

// ReadAt reads at offset off of the section. A read cut short by the section's end
// reports EOF even when the underlying ReadAt did not.
func (s *SectionReader) ReadAt(p []byte, off int64) (n int, err error) {
	if off < 0 || off >= s.Size() {
		return 0, EOF
	}
	at := s.base + off
	left := s.limit - at
	if int64(len(p)) <= left {
		return s.r.ReadAt(p, at)
	}
	n, err = s.r.ReadAt(p[:left], at)
	if err == nil {
		err = EOF
	}
	return n, err
}

// Size returns the section's length in bytes.
func (s *SectionReader) Size() int64 { return s.limit - s.base }

// TeeReader returns a Reader that writes to w everything it reads from r, before returning
// it; a failed write is the read's error.
func TeeReader(r Reader, w Writer) Reader { return &teeReader{src: r, copyTo: w} }

type (
	teeReader struct {
		src    Reader
		copyTo Writer
	}
	discard struct{}
)

func (t *teeReader) Read(p []byte) (n int, err error) {
	n, err = t.src.Read(p)
	if n > 0 {
		if wn, werr := t.copyTo.Write(p[:n]); werr != nil {
			return wn, werr
		}
	}
	return n, err
}

// NopCloser returns r with a Close method that does nothing. As in Go 1.19, the result
// is a WriterTo exactly when r is one.
func NopCloser(r Reader) ReadCloser {
	if _, canWriteTo := r.(WriterTo); canWriteTo {
		return nopCloserWriterTo{Reader: r}
	}
	return nopCloser{r}
}

type nopCloser struct{ Reader }

func (nopCloser) Close() error { return nil }

type nopCloserWriterTo struct{ Reader }

func (nopCloserWriterTo) Close() error { return nil }

func (c nopCloserWriterTo) WriteTo(w Writer) (int64, error) {
	inner := c.Reader.(WriterTo)
	return inner.WriteTo(w)
}

// Discard is a Writer on which every write succeeds and nothing is kept. It is also a
// ReaderFrom and a StringWriter, as Go's is.
var Discard Writer = discard(struct{}{})

func (discard) Write(p []byte) (int, error)       { return len(p), nil }
func (discard) WriteString(s string) (int, error) { return len(s), nil }

// sinkBuffers recycles the 8 KiB buffers discard.ReadFrom reads into (Go: blackHolePool).
var sinkBuffers = sync.Pool{New: func() any {
	buf := make([]byte, 8<<10)
	return &buf
}}

// ReadFrom reads r to EOF and drops the bytes; the size of its reads is Go's (8 KiB).
func (discard) ReadFrom(r Reader) (n int64, err error) {
	bufp := sinkBuffers.Get().(*[]byte)
	defer sinkBuffers.Put(bufp)
	for {
		got, rerr := r.Read(*bufp)
		n += int64(got)
		if rerr == EOF {
			return n, nil
		}
		if rerr != nil {
			return n, rerr
		}
	}
}
