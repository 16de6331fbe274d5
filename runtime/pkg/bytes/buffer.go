// Buffer: a growable byte buffer that is read from the front and written at the back, with
// Go 1.19's growth policy so that Cap reports what go reports (bytes/buffer.go grow): an
// empty buffer is rewound before growing; a nil one gets 64 bytes of capacity for small
// writes; data is slid to the front when that frees enough room (at least half the
// capacity); otherwise a new slice of twice the capacity plus the request, rounded up as
// append rounds, replaces it. The Unread methods and their errors follow Go's bookkeeping
// of the last read.
package bytes

import (
	"errors"
	"io"
	"unicode/utf8"
)

// firstCap is the first capacity of a nil Buffer's slice (Go: firstCap).
const firstCap = 64

// MinRead is the smallest slice ReadFrom passes to Read.
const MinRead = 512

// The errors and panic messages of Buffer, with Go's texts.
const (
	msgGrowNegative = "bytes.Buffer.Grow: negative count"
	msgWriteCount   = "bytes.Buffer.WriteTo: invalid Write count"
	msgTruncate     = "bytes.Buffer: truncation out of range"
)

var (
	// ErrTooLarge is the panic value when a Buffer cannot grow.
	ErrTooLarge         = errors.New("bytes.Buffer: too large")
	errNegativeCount    = errors.New("bytes.Buffer: reader returned negative count from Read")
	errUnreadByteFailed = errors.New("bytes.Buffer: UnreadByte: previous operation was not a successful read")
	errUnreadRuneFailed = errors.New("bytes.Buffer: UnreadRune: previous operation was not a successful ReadRune")
)

// lastRead values: what the last operation was, for UnreadByte and UnreadRune. 1..4 are a
// ReadRune of that many bytes (Go: readOp).
const (
	afterRead    int8 = -1 // any other successful read
	afterNothing int8 = 0  // a write, a failed read, or nothing to undo
)

// A Buffer is a variable-sized buffer of bytes; the zero value is an empty buffer ready to
// use. data[rd:] is the unread part.
type (
	Buffer struct {
		data []byte
		rd   int  // the first unread byte
		last int8 // what the last operation was (afterRead, afterNothing, a rune size)
	}
)

// NewBuffer returns a Buffer whose initial contents are buf (and whose capacity is buf's).
func NewBuffer(buf []byte) *Buffer { return &Buffer{data: buf} }

// NewBufferString returns a Buffer holding a copy of s.
func NewBufferString(s string) *Buffer { return &Buffer{data: []byte(s)} }

// Bytes returns the unread part, shared with the buffer until its next change.
func (b *Buffer) Bytes() []byte { return b.data[b.rd:] }

// String returns the unread part as a string; "<nil>" for a nil *Buffer.
func (b *Buffer) String() string {
	if b == nil {
		return "<nil>"
	}
	return string(b.Bytes())
}

// Len returns the number of unread bytes.
func (b *Buffer) Len() int { return len(b.data) - b.rd }

// Cap returns the capacity of the buffer's slice.
func (b *Buffer) Cap() int { return cap(b.data) }

// Reset empties the buffer, keeping its storage.
func (b *Buffer) Reset() {
	b.data = b.data[:0]
	b.rd = 0
	b.last = afterNothing
}

// Truncate keeps only the first n unread bytes; n outside 0..Len() panics.
func (b *Buffer) Truncate(n int) {
	if n == 0 {
		b.Reset()
		return
	}
	b.last = afterNothing
	if n < 0 || b.Len() < n {
		panic(msgTruncate)
	}
	b.data = b.data[:n+b.rd]
}

// extend lengthens buf by n bytes if its capacity allows, returning where they start.
func (b *Buffer) extend(n int) (int, bool) {
	at := len(b.data)
	if n > cap(b.data)-at {
		return 0, false
	}
	b.data = b.data[:at+n]
	return at, true
}

// grow makes room for n more bytes and lengthens buf by n; it returns where they start.
func (b *Buffer) grow(n int) int {
	unread := b.Len()
	if unread == 0 && b.rd != 0 {
		b.Reset()
	}
	if at, ok := b.extend(n); ok {
		return at
	}
	if n <= firstCap && b.data == nil {
		b.data = make([]byte, n, firstCap) // Go's first allocation
		return 0
	}
	c := cap(b.data)
	switch {
	case n <= c/2-unread:
		// Sliding the unread bytes down leaves room enough.
		copy(b.data[:unread], b.Bytes())
	case c > int(^uint(0)>>1)-c-n:
		panic(ErrTooLarge)
	default:
		b.data = reallocate(b.data[b.rd:], b.rd+n)
	}
	b.rd = 0
	b.data = b.data[:unread+n]
	return unread
}

// reallocate copies b into a new slice with room for n more bytes: at least twice b's
// capacity, rounded up to an allocation size class by append. A failed allocation is
// ErrTooLarge.
func reallocate(b []byte, n int) []byte {
	defer func() {
		if failure := recover(); failure != nil {
			panic(ErrTooLarge)
		}
	}()
	size := len(b) + n
	if size < 2*cap(b) {
		size = 2 * cap(b)
	}
	fresh := append([]byte(nil), make([]byte, size)...)
	copy(fresh, b)
	return fresh[:len(b)]
}

// Grow guarantees room for n more bytes without another allocation. A negative n panics.
func (b *Buffer) Grow(n int) {
	if n < 0 {
		panic(msgGrowNegative)
	}
	at := b.grow(n)
	b.data = b.data[:at]
}

// room lengthens buf by n bytes, growing it if needed, and returns where they start.
func (b *Buffer) room(n int) int {
	if at, ok := b.extend(n); ok {
		return at
	}
	return b.grow(n)
}

// Write appends p. It returns len(p) and nil (or panics with ErrTooLarge).
func (b *Buffer) Write(p []byte) (n int, err error) {
	b.last = afterNothing
	at := b.room(len(p))
	return copy(b.data[at:], p), nil
}

// WriteString appends s. It returns len(s) and nil.
func (b *Buffer) WriteString(s string) (n int, err error) {
	b.last = afterNothing
	at := b.room(len(s))
	return copy(b.data[at:], s), nil
}

// WriteByte appends c. It returns nil.
func (b *Buffer) WriteByte(c byte) error {
	b.last = afterNothing
	at := b.room(1)
	b.data[at] = c
	return nil
}

// WriteRune appends r's UTF-8 encoding and returns its length.
func (b *Buffer) WriteRune(r rune) (n int, err error) {
	if 0 <= r && r < utf8.RuneSelf {
		return 1, b.WriteByte(byte(r))
	}
	b.last = afterNothing
	at := b.room(utf8.UTFMax)
	n = utf8.EncodeRune(b.data[at:at+utf8.UTFMax], r)
	b.data = b.data[:at+n]
	return n, nil
}

// ReadFrom appends everything r yields until EOF, reading into at least MinRead bytes of
// room each time; EOF is not an error.
func (b *Buffer) ReadFrom(r io.Reader) (n int64, err error) {
	b.last = afterNothing
	for {
		at := b.grow(MinRead)
		b.data = b.data[:at]
		got, rerr := r.Read(b.data[at:cap(b.data)])
		if got < 0 {
			panic(errNegativeCount)
		}
		b.data = b.data[:at+got]
		n += int64(got)
		if rerr == io.EOF {
			return n, nil
		}
		if rerr != nil {
			return n, rerr
		}
	}
}

// WriteTo writes the unread bytes to w, consuming what w accepts; a short write with no
// error is io.ErrShortWrite. A drained buffer is reset.
func (b *Buffer) WriteTo(w io.Writer) (n int64, err error) {
	b.last = afterNothing
	if unread := b.Len(); unread > 0 {
		m, werr := w.Write(b.data[b.rd:])
		if m > unread {
			panic(msgWriteCount)
		}
		b.rd += m
		n = int64(m)
		if werr != nil {
			return n, werr
		}
		if m != unread {
			err = io.ErrShortWrite
			return n, err
		}
	}
	b.Reset()
	return n, nil
}

// Read takes up to len(p) unread bytes; an empty buffer gives io.EOF (unless len(p) is 0).
func (b *Buffer) Read(p []byte) (n int, err error) {
	b.last = afterNothing
	if b.Len() <= 0 {
		b.Reset()
		if len(p) == 0 {
			return 0, nil
		}
		return 0, io.EOF
	}
	n = copy(p, b.Bytes())
	b.rd += n
	if n > 0 {
		b.last = afterRead
	}
	return n, nil
}

// Next takes the next n unread bytes (fewer if there are fewer), shared with the buffer.
func (b *Buffer) Next(n int) []byte {
	b.last = afterNothing
	if unread := b.Len(); n > unread {
		n = unread
	}
	next := b.data[b.rd : b.rd+n]
	b.rd += n
	if n > 0 {
		b.last = afterRead
	}
	return next
}

// ReadByte takes the next byte, or returns io.EOF.
func (b *Buffer) ReadByte() (byte, error) {
	if b.Len() <= 0 {
		b.Reset()
		return 0, io.EOF
	}
	c := b.data[b.rd]
	b.rd++
	b.last = afterRead
	return c, nil
}

// ReadRune takes the next UTF-8 sequence (an invalid byte is RuneError of size 1).
func (b *Buffer) ReadRune() (r rune, size int, err error) {
	if b.Len() <= 0 {
		b.Reset()
		return 0, 0, io.EOF
	}
	r, size = rune(b.data[b.rd]), 1
	if utf8.RuneSelf <= r {
		r, size = utf8.DecodeRune(b.data[b.rd:])
	}
	b.rd += size
	b.last = int8(size)
	return r, size, nil
}

// UnreadRune puts back the rune of the last operation, which must be a ReadRune.
func (b *Buffer) UnreadRune() error {
	if b.last <= afterNothing {
		return errUnreadRuneFailed
	}
	if size := int(b.last); b.rd >= size {
		b.rd = b.rd - size
	}
	b.last = afterNothing
	return nil
}

// UnreadByte puts back the last byte of the last operation, which must be a read.
func (b *Buffer) UnreadByte() error {
	if b.last == afterNothing {
		return errUnreadByteFailed
	}
	b.last = afterNothing
	if b.rd > 0 {
		b.rd--
	}
	return nil
}

// ReadBytes reads up to and including delim, into a new slice; without delim it returns
// everything left and io.EOF.
func (b *Buffer) ReadBytes(delim byte) (line []byte, err error) {
	part, err := b.through(delim)
	return append(line, part...), err
}

// ReadString is ReadBytes returning a string.
func (b *Buffer) ReadString(delim byte) (line string, err error) {
	part, err := b.through(delim)
	return string(part), err
}

// through takes the unread bytes up to and including delim (all of them and io.EOF if
// delim is missing), shared with the buffer.
func (b *Buffer) through(delim byte) (part []byte, err error) {
	end := len(b.data)
	if at := IndexByte(b.data[b.rd:], delim); at >= 0 {
		end = b.rd + at + 1
	} else {
		err = io.EOF
	}
	part = b.data[b.rd:end]
	b.rd = end
	b.last = afterRead
	return part, err
}
