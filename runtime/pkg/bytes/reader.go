// Reader: the io interfaces over a byte slice it only reads (io.Reader, ReaderAt,
// WriterTo, Seeker, ByteScanner, RuneScanner), with Go 1.19's errors (bytes/reader.go).
package bytes

import (
	"errors"
	"io"
	"unicode/utf8"
)

// msgReaderWriteCount is WriteTo's panic when w claims too much (Go's text).
const msgReaderWriteCount = "bytes.Reader.WriteTo: invalid Write count"

// The errors of Reader, with Go's texts.
var (
	errNegativeOffset    = errors.New("bytes.Reader.ReadAt: negative offset")
	errBadWhence         = errors.New("bytes.Reader.Seek: invalid whence")
	errNegativePosition  = errors.New("bytes.Reader.Seek: negative position")
	errUnreadByteAtStart = errors.New("bytes.Reader.UnreadByte: at beginning of slice")
	errUnreadRuneAtStart = errors.New("bytes.Reader.UnreadRune: at beginning of slice")
	errUnreadRuneNotRead = errors.New("bytes.Reader.UnreadRune: previous operation was not ReadRune")
)

// A Reader reads from a byte slice. Unlike a Buffer it never changes the slice, and it can
// seek. The zero value reads nothing.
type (
	Reader struct {
		src    []byte
		pos    int64 // the next byte's index
		runeAt int   // where the last ReadRune began, or -1
	}
)

// NewReader returns a Reader reading b.
func NewReader(b []byte) *Reader { return &Reader{b, 0, -1} }

// Reset makes r read b from its start.
func (r *Reader) Reset(b []byte) { *r = Reader{b, 0, -1} }

// Len returns the number of unread bytes.
func (r *Reader) Len() int {
	if r.Size() <= r.pos {
		return 0
	}
	return len(r.unread())
}

// unread returns the bytes after the position (which is below len(r.src)).
func (r *Reader) unread() []byte { return r.src[r.pos:] }

// Size returns the length of the whole slice, whatever has been read.
func (r *Reader) Size() int64 { return int64(len(r.src)) }

func (r *Reader) Read(b []byte) (n int, err error) {
	if r.Size() <= r.pos {
		return 0, io.EOF
	}
	r.runeAt = -1
	n = copy(b, r.unread())
	r.pos += int64(n)
	return n, nil
}

// ReadAt reads at offset off, independently of the Reader's position; fewer than len(b)
// bytes come with io.EOF.
func (r *Reader) ReadAt(b []byte, off int64) (n int, err error) {
	if off < 0 {
		return 0, errNegativeOffset
	}
	if r.Size() <= off {
		return 0, io.EOF
	}
	n = copy(b, r.src[int(off):])
	if n < len(b) {
		err = io.EOF
	}
	return n, err
}

func (r *Reader) ReadByte() (byte, error) {
	r.runeAt = -1
	if r.Size() <= r.pos {
		return 0, io.EOF
	}
	c := r.src[r.pos]
	r.pos++
	return c, nil
}

// UnreadByte steps back one byte, whatever the last operation was.
func (r *Reader) UnreadByte() error {
	if r.pos <= 0 {
		return errUnreadByteAtStart
	}
	r.runeAt = -1
	r.pos--
	return nil
}

func (r *Reader) ReadRune() (ch rune, size int, err error) {
	if r.Size() <= r.pos {
		r.runeAt = -1
		return 0, 0, io.EOF
	}
	r.runeAt = int(r.pos) // for UnreadRune
	ch, size = rune(r.src[r.pos]), 1
	if ch >= utf8.RuneSelf {
		ch, size = utf8.DecodeRune(r.unread())
	}
	r.pos += int64(size)
	return ch, size, nil
}

// UnreadRune steps back over the rune of the last operation, which must be a ReadRune.
func (r *Reader) UnreadRune() error {
	if r.pos <= 0 {
		return errUnreadRuneAtStart
	}
	if r.runeAt < 0 {
		return errUnreadRuneNotRead
	}
	r.pos, r.runeAt = int64(r.runeAt), -1
	return nil
}

// Seek sets the position; seeking past the end is allowed, before the start is not.
func (r *Reader) Seek(offset int64, whence int) (int64, error) {
	r.runeAt = -1
	var pos int64
	switch whence {
	case io.SeekStart:
		pos = offset
	case io.SeekCurrent:
		pos = offset + r.pos
	case io.SeekEnd:
		pos = int64(len(r.src)) + offset
	default:
		return 0, errBadWhence
	}
	if pos < 0 {
		return 0, errNegativePosition
	}
	r.pos = pos
	return pos, nil
}

// WriteTo writes the unread bytes to w; a short write with no error is io.ErrShortWrite.
func (r *Reader) WriteTo(w io.Writer) (n int64, err error) {
	r.runeAt = -1
	if r.Size() <= r.pos {
		return 0, nil
	}
	rest := r.src[r.pos:]
	m, err := w.Write(rest)
	if m > len(rest) {
		panic(msgReaderWriteCount)
	}
	r.pos += int64(m)
	n = int64(m)
	if m != len(rest) && err == nil {
		return n, io.ErrShortWrite
	}
	return n, err
}
