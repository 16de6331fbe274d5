// Package utf8 converts between runes and their UTF-8 encodings, with the API and results of
// Go's unicode/utf8 (Go: src/unicode/utf8/utf8.go). An invalid encoding decodes as
// (RuneError, 1): a bad first byte, a missing or out-of-range continuation byte, an overlong
// form, a surrogate or a value above MaxRune (The Unicode Standard, table 3-7, "Well-Formed
// UTF-8 Byte Sequences").
//
// fmt, strconv and strings import it, as Go's do.
package utf8

const (
	RuneError = '\uFFFD'     // the "error" rune, U+FFFD REPLACEMENT CHARACTER
	RuneSelf  = 0x80         // runes below RuneSelf are one byte, themselves
	MaxRune   = '\U0010FFFF' // the largest Unicode code point
	UTFMax    = 4            // the longest encoding, in bytes
)

// Surrogates, which UTF-8 cannot encode.
const (
	surrogateMin = 0xD800
	surrogateMax = 0xDFFF
)

// first describes a leading byte: the length of the sequence it starts (0 if it starts
// none) and the range the second byte must lie in, which is narrower than 0x80-0xBF after
// E0 and F0 (to exclude overlong forms), ED (surrogates) and F4 (beyond MaxRune).
func first(c byte) (size int, lo, hi byte) {
	lo, hi = 0x80, 0xBF
	switch {
	case c >= 0xC2 && c <= 0xDF:
		size = 2
	case c == 0xE0:
		size, lo = 3, 0xA0
	case c == 0xED:
		size, hi = 3, 0x9F
	case c >= 0xE1 && c <= 0xEF:
		size = 3
	case c == 0xF0:
		size, lo = 4, 0x90
	case c >= 0xF1 && c <= 0xF3:
		size = 4
	case c == 0xF4:
		size, hi = 4, 0x8F
	}
	return
}

// decode decodes the sequence whose first n (at most UTFMax) bytes are b[0:n]; both
// DecodeRune and DecodeRuneInString gather their bytes into b so that the rules live once.
func decode(b [UTFMax]byte, n int) (rune, int) {
	if n == 0 {
		return RuneError, 0
	}
	c := b[0]
	if c < RuneSelf {
		return rune(c), 1
	}
	size, lo, hi := first(c)
	if size == 0 || n < size || b[1] < lo || b[1] > hi {
		return RuneError, 1
	}
	for i := 2; i < size; i++ {
		if b[i]&0xC0 != 0x80 {
			return RuneError, 1
		}
	}
	switch size {
	case 2:
		return rune(c&0x1F)<<6 | rune(b[1]&0x3F), 2
	case 3:
		return rune(c&0x0F)<<12 | rune(b[1]&0x3F)<<6 | rune(b[2]&0x3F), 3
	}
	return rune(c&0x07)<<18 | rune(b[1]&0x3F)<<12 | rune(b[2]&0x3F)<<6 | rune(b[3]&0x3F), 4
}

// DecodeRune returns the first rune of p and its width in bytes: (RuneError, 1) for an
// invalid encoding, (RuneError, 0) for an empty p.
func DecodeRune(p []byte) (r rune, size int) {
	if len(p) > 0 && p[0] < RuneSelf {
		return rune(p[0]), 1
	}
	var b [UTFMax]byte
	n := copy(b[:], p)
	return decode(b, n)
}

// DecodeRuneInString is DecodeRune for a string.
func DecodeRuneInString(s string) (r rune, size int) {
	if len(s) > 0 && s[0] < RuneSelf {
		return rune(s[0]), 1
	}
	var b [UTFMax]byte
	n := copy(b[:], s)
	return decode(b, n)
}

// decodeLast decodes the last rune of a text whose final n (at most UTFMax) bytes are
// b[0:n]: it backs up to the last byte that is not a continuation byte and decodes from
// there, and the encoding is valid only if it ends exactly at the end of the text.
func decodeLast(b [UTFMax]byte, n int) (rune, int) {
	if n == 0 {
		return RuneError, 0
	}
	if b[n-1] < RuneSelf {
		return rune(b[n-1]), 1
	}
	start := n - 1
	for start > 0 && !RuneStart(b[start]) {
		start--
	}
	var t [UTFMax]byte
	copy(t[:], b[start:n])
	r, size := decode(t, n-start)
	if start+size != n {
		return RuneError, 1
	}
	return r, size
}

// DecodeLastRune returns the last rune of p and its width, with DecodeRune's conventions.
func DecodeLastRune(p []byte) (r rune, size int) {
	k := len(p) - UTFMax
	if k < 0 {
		k = 0
	}
	var b [UTFMax]byte
	n := copy(b[:], p[k:])
	return decodeLast(b, n)
}

// DecodeLastRuneInString is DecodeLastRune for a string.
func DecodeLastRuneInString(s string) (r rune, size int) {
	k := len(s) - UTFMax
	if k < 0 {
		k = 0
	}
	var b [UTFMax]byte
	n := copy(b[:], s[k:])
	return decodeLast(b, n)
}

// FullRune reports whether p begins with a complete encoding, valid or not (an invalid
// encoding counts as a complete one-byte rune).
func FullRune(p []byte) bool {
	var b [UTFMax]byte
	n := copy(b[:], p)
	return full(b, n)
}

// FullRuneInString is FullRune for a string.
func FullRuneInString(s string) bool {
	var b [UTFMax]byte
	n := copy(b[:], s)
	return full(b, n)
}

// full is FullRune over the first n bytes, b[0:n]: the encoding is complete when all its
// bytes are there or when a byte already present shows that it is invalid.
func full(b [UTFMax]byte, n int) bool {
	if n == 0 {
		return false
	}
	size, lo, hi := first(b[0])
	if b[0] < RuneSelf || size == 0 || n >= size {
		return true
	}
	if n > 1 && (b[1] < lo || b[1] > hi) {
		return true
	}
	return n > 2 && b[2]&0xC0 != 0x80
}

// RuneLen returns the number of bytes of r's encoding, -1 if r cannot be encoded.
func RuneLen(r rune) int {
	switch {
	case r < 0:
		return -1
	case r < RuneSelf:
		return 1
	case r < 0x800:
		return 2
	case surrogateMin <= r && r <= surrogateMax:
		return -1
	case r < 0x10000:
		return 3
	case r <= MaxRune:
		return 4
	}
	return -1
}

// EncodeRune writes the encoding of r (of RuneError if r is not a valid rune) into p and
// returns its length. It panics with an index error if p is too short, as Go's does.
func EncodeRune(p []byte, r rune) int {
	if !ValidRune(r) {
		r = RuneError
	}
	switch n := RuneLen(r); n {
	case 1:
		p[0] = byte(r)
		return 1
	case 2:
		_ = p[1]
		p[0] = 0xC0 | byte(r>>6)
		p[1] = 0x80 | byte(r)&0x3F
		return 2
	case 3:
		_ = p[2]
		p[0] = 0xE0 | byte(r>>12)
		p[1] = 0x80 | byte(r>>6)&0x3F
		p[2] = 0x80 | byte(r)&0x3F
		return 3
	}
	_ = p[3]
	p[0] = 0xF0 | byte(r>>18)
	p[1] = 0x80 | byte(r>>12)&0x3F
	p[2] = 0x80 | byte(r>>6)&0x3F
	p[3] = 0x80 | byte(r)&0x3F
	return 4
}

// AppendRune appends the encoding of r (of RuneError if r is not a valid rune) to p.
func AppendRune(p []byte, r rune) []byte {
	if 0 <= r && r < RuneSelf {
		return append(p, byte(r))
	}
	var b [UTFMax]byte
	n := EncodeRune(b[:], r)
	return append(p, b[:n]...)
}

// RuneCount returns the number of runes in p; each byte of an invalid encoding counts as
// one rune.
func RuneCount(p []byte) int {
	n := 0
	for i := 0; i < len(p); n++ {
		if p[i] < RuneSelf {
			i++
			continue
		}
		_, w := DecodeRune(p[i:])
		i += w
	}
	return n
}

// RuneCountInString is RuneCount for a string.
func RuneCountInString(s string) int {
	n := 0
	for i := 0; i < len(s); n++ {
		if s[i] < RuneSelf {
			i++
			continue
		}
		_, w := DecodeRuneInString(s[i:])
		i += w
	}
	return n
}

// RuneStart reports whether b can be the first byte of an encoding: it is not a
// continuation byte (10xxxxxx).
func RuneStart(b byte) bool { return b&0xC0 != 0x80 }

// Valid reports whether p consists entirely of valid encodings.
func Valid(p []byte) bool {
	for i := 0; i < len(p); {
		if p[i] < RuneSelf {
			i++
			continue
		}
		r, w := DecodeRune(p[i:])
		if r == RuneError && w == 1 {
			return false
		}
		i += w
	}
	return true
}

// ValidString is Valid for a string.
func ValidString(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < RuneSelf {
			i++
			continue
		}
		r, w := DecodeRuneInString(s[i:])
		if r == RuneError && w == 1 {
			return false
		}
		i += w
	}
	return true
}

// ValidRune reports whether r can be encoded: a Unicode scalar value, in range and not a
// surrogate.
func ValidRune(r rune) bool {
	switch {
	case 0 <= r && r < surrogateMin:
		return true
	case surrogateMax < r && r <= MaxRune:
		return true
	}
	return false
}
