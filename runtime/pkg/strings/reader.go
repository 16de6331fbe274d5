// Reader: reading a string through the io interfaces (io.Reader, ReaderAt, ByteScanner,
// RuneScanner, Seeker, WriterTo), with Go 1.19's results and error values for every call,
// including its messages for a bad offset, whence or unread.

package strings

import (
	"errors"
	"io"
	"unicode/utf8"
)

// A Reader reads from a string; its zero value reads the empty string.
type Reader struct {
	s   string
	pos int64 // next byte to read; Seek may place it past the end
	// runeAt is where the last ReadRune began, or -1 when the last operation was not a
	// successful ReadRune (UnreadRune is then refused).
	runeAt int
}

// readerError makes the error of a failed call, named in Go's words ("Seek: ...").
func readerError(what string) error { return errors.New("strings.Reader." + what) }

// NewReader returns a Reader positioned at the start of s.
func NewReader(s string) *Reader { return &Reader{s: s, runeAt: -1} }

// Reset makes sr read s from its start, as a new Reader would.
func (sr *Reader) Reset(s string) { *sr = Reader{s: s, runeAt: -1} }

// Len is the number of bytes left to read.
func (sr *Reader) Len() int {
	if left := int64(len(sr.s)) - sr.pos; left > 0 {
		return int(left)
	}
	return 0
}

// Size is the length of the whole string, whatever has been read.
func (sr *Reader) Size() int64 { return int64(len(sr.s)) }

// rest is the unread part of the string; the caller has checked that some is left.
func (sr *Reader) rest() string { return sr.s[sr.pos:] }

func (sr *Reader) atEnd() bool { return sr.pos >= int64(len(sr.s)) }

// Read copies the next bytes into b; at the end (even for an empty b) it reports io.EOF.
func (sr *Reader) Read(b []byte) (int, error) {
	if sr.atEnd() {
		return 0, io.EOF
	}
	sr.runeAt = -1
	n := copy(b, sr.rest())
	sr.pos += int64(n)
	return n, nil
}

// ReadAt copies the bytes from offset off on into b, without moving the read position;
// fewer than len(b) bytes come with io.EOF.
func (sr *Reader) ReadAt(b []byte, off int64) (int, error) {
	switch {
	case off < 0:
		return 0, readerError("ReadAt: negative offset")
	case off >= int64(len(sr.s)):
		return 0, io.EOF
	}
	n := copy(b, sr.s[off:])
	if n < len(b) {
		return n, io.EOF
	}
	return n, nil
}

// ReadByte returns the next byte, or io.EOF.
func (sr *Reader) ReadByte() (byte, error) {
	sr.runeAt = -1
	if sr.atEnd() {
		return 0, io.EOF
	}
	c := sr.s[sr.pos]
	sr.pos++
	return c, nil
}

// UnreadByte steps back one byte; at the start of the string it is an error.
func (sr *Reader) UnreadByte() error {
	if sr.pos <= 0 {
		return readerError("UnreadByte: at beginning of string")
	}
	sr.runeAt = -1
	sr.pos--
	return nil
}

// ReadRune decodes the next UTF-8 sequence: an invalid byte reads as utf8.RuneError of
// size 1.
func (sr *Reader) ReadRune() (ch rune, size int, err error) {
	if sr.atEnd() {
		sr.runeAt = -1
		return 0, 0, io.EOF
	}
	sr.runeAt = int(sr.pos)
	if c := sr.s[sr.pos]; c < utf8.RuneSelf {
		sr.pos++
		return rune(c), 1, nil
	}
	ch, size = utf8.DecodeRuneInString(sr.rest())
	sr.pos += int64(size)
	return ch, size, nil
}

// UnreadRune goes back to where the previous operation, which must have been a ReadRune,
// started.
func (sr *Reader) UnreadRune() error {
	if sr.pos <= 0 {
		return readerError("UnreadRune: at beginning of string")
	}
	if sr.runeAt < 0 {
		return readerError("UnreadRune: previous operation was not ReadRune")
	}
	sr.pos = int64(sr.runeAt)
	sr.runeAt = -1
	return nil
}

// Seek moves the read position relative to the start, the current position or the end;
// a position past the end is allowed, a negative one is not.
func (sr *Reader) Seek(offset int64, whence int) (int64, error) {
	sr.runeAt = -1
	var base int64
	switch whence {
	case io.SeekStart:
	case io.SeekCurrent:
		base = sr.pos
	case io.SeekEnd:
		base = int64(len(sr.s))
	default:
		return 0, readerError("Seek: invalid whence")
	}
	at := base + offset
	if at < 0 {
		return 0, readerError("Seek: negative position")
	}
	sr.pos = at
	return at, nil
}

// WriteTo writes the unread rest of the string to w (through its WriteString when it has
// one) and moves past what w accepted; a short write without an error is io.ErrShortWrite.
func (sr *Reader) WriteTo(w io.Writer) (n int64, err error) {
	sr.runeAt = -1
	if sr.atEnd() {
		return 0, nil
	}
	rest := sr.rest()
	m, err := io.WriteString(w, rest)
	if m > len(rest) {
		panic("strings.Reader.WriteTo: invalid WriteString count")
	}
	sr.pos += int64(m)
	if m != len(rest) && err == nil {
		err = io.ErrShortWrite
	}
	return int64(m), err
}
