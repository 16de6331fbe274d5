// Builder: a string assembled by appending to a byte buffer that String then hands out as
// the string itself, with no copy.

package strings

import (
	"unicode/utf8"
	"unsafe"
)

// A Builder builds a string with its Write methods; the zero value is ready to use.
//
// String shares the buffer: later writes only append past the bytes it returned (or move on
// to a new buffer), so a returned string never changes. A copy of a Builder that has been
// written to would share the buffer too, so, as with Go's, writing through a copy panics.
type Builder struct {
	self *Builder // the Builder's own address, from its first write on
	buf  []byte
}

// claim is called by the write methods when b.self is not b: on the first write, it
// records b's address; when b is a copy of a Builder already written to, it panics.
func (b *Builder) claim() {
	if b.self != nil {
		panic("strings: illegal use of non-zero Builder copied by value") // Go's message
	}
	// Through noescape, so that a Builder can still live in its function's frame: b.self
	// is only ever compared with b.
	b.self = (*Builder)(noescape(unsafe.Pointer(b)))
}

// noescape returns p, through a uintptr variable, which escape analysis does not follow
// back to p (as Go's runtime and strings.Builder hide a pointer that is only compared).
func noescape(p unsafe.Pointer) unsafe.Pointer {
	x := uintptr(p)
	return unsafe.Pointer(x ^ 0)
}

// String returns the bytes written so far as a string.
func (b *Builder) String() string { return *(*string)(unsafe.Pointer(&b.buf)) }

// Len returns the number of bytes written so far.
func (b *Builder) Len() int { return len(b.buf) }

// Cap returns the capacity of the buffer: the length String can reach before the next
// write needs a new buffer.
func (b *Builder) Cap() int { return cap(b.buf) }

// Reset empties b and forgets its buffer (strings returned before keep theirs); b may then
// be copied again until its next write.
func (b *Builder) Reset() {
	b.self = nil
	b.buf = nil
}

// Grow makes room for n more bytes, so that writing them allocates nothing. It panics if n
// is negative.
func (b *Builder) Grow(n int) {
	if b.self != b {
		b.claim()
	}
	if n < 0 {
		panic("strings.Builder.Grow: negative count") // Go's message
	}
	if cap(b.buf)-len(b.buf) < n {
		b.enlarge(n)
	}
}

// enlarge moves the bytes to a new buffer with room for n more. Its capacity, twice the
// old one plus n, is Go's (Cap shows it).
func (b *Builder) enlarge(n int) {
	bigger := make([]byte, len(b.buf), 2*cap(b.buf)+n)
	copy(bigger, b.buf)
	b.buf = bigger
}

// Write appends the bytes of p. It returns len(p) and a nil error.
func (b *Builder) Write(p []byte) (int, error) {
	if b.self != b {
		b.claim()
	}
	b.buf = append(b.buf, p...)
	return len(p), nil
}

// WriteByte appends c. The error is always nil.
func (b *Builder) WriteByte(c byte) error {
	if b.self != b {
		b.claim()
	}
	b.buf = append(b.buf, c)
	return nil
}

// WriteRune appends the UTF-8 encoding of r, that of U+FFFD if r is not a valid rune, and
// returns its length and a nil error.
func (b *Builder) WriteRune(r rune) (int, error) {
	if b.self != b {
		b.claim()
	}
	if uint32(r) < utf8.RuneSelf {
		b.buf = append(b.buf, byte(r))
		return 1, nil
	}
	// Go makes room for the longest encoding before writing any (Cap shows it).
	before := len(b.buf)
	if cap(b.buf)-before < utf8.UTFMax {
		b.enlarge(utf8.UTFMax)
	}
	b.buf = utf8.AppendRune(b.buf, r)
	return len(b.buf) - before, nil
}

// WriteString appends s. It returns len(s) and a nil error.
func (b *Builder) WriteString(s string) (int, error) {
	if b.self != b {
		b.claim()
	}
	b.buf = append(b.buf, s...)
	return len(s), nil
}
