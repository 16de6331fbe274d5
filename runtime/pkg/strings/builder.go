// Builder builds a string with few copies. Go: strings/builder.go.

package strings

import (
	"unicode/utf8"
	"unsafe"
)

// A Builder builds a string with its Write methods; the zero value is ready to use. Go's
// check that a non-zero Builder is not copied (copyCheck) is left out.
type Builder struct {
	buf []byte
}

// String returns the accumulated string. It shares the Builder's bytes: later writes only
// append past them, and Reset drops them.
func (b *Builder) String() string {
	return *(*string)(unsafe.Pointer(&b.buf))
}

// Len returns the number of accumulated bytes; b.Len() == len(b.String()).
func (b *Builder) Len() int { return len(b.buf) }

// Cap returns the capacity of the builder's buffer.
func (b *Builder) Cap() int { return cap(b.buf) }

// Reset empties the Builder.
func (b *Builder) Reset() {
	b.buf = nil
}

// grow makes room for n more bytes: a new buffer of twice the capacity plus n.
func (b *Builder) grow(n int) {
	buf := make([]byte, len(b.buf), 2*cap(b.buf)+n)
	copy(buf, b.buf)
	b.buf = buf
}

// Grow makes room for at least n more bytes without another allocation. It panics if n is
// negative.
func (b *Builder) Grow(n int) {
	if n < 0 {
		panic("strings.Builder.Grow: negative count")
	}
	if cap(b.buf)-len(b.buf) < n {
		b.grow(n)
	}
}

// Write appends the contents of p to b's buffer. The error is always nil.
func (b *Builder) Write(p []byte) (int, error) {
	b.buf = append(b.buf, p...)
	return len(p), nil
}

// WriteByte appends the byte c. The error is always nil.
func (b *Builder) WriteByte(c byte) error {
	b.buf = append(b.buf, c)
	return nil
}

// WriteRune appends the UTF-8 encoding of r (U+FFFD's if r is not a valid rune) and
// returns its length. The error is always nil.
func (b *Builder) WriteRune(r rune) (int, error) {
	if uint32(r) < utf8.RuneSelf {
		b.buf = append(b.buf, byte(r))
		return 1, nil
	}
	// Room for the longest encoding first, growing as Go does (Cap is observable).
	l := len(b.buf)
	if cap(b.buf)-l < utf8.UTFMax {
		b.grow(utf8.UTFMax)
	}
	b.buf = utf8.AppendRune(b.buf, r)
	return len(b.buf) - l, nil
}

// WriteString appends s. The error is always nil.
func (b *Builder) WriteString(s string) (int, error) {
	b.buf = append(b.buf, s...)
	return len(s), nil
}
