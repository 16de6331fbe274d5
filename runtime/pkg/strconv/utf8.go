// UTF-8 helpers that Go's strconv takes from unicode/utf8, which tbuild does not bundle.

package strconv

const (
	runeError = '\uFFFD'     // the replacement character, utf8.RuneError
	runeSelf  = 0x80         // runes below this are one byte, utf8.RuneSelf
	maxRune   = '\U0010FFFF' // utf8.MaxRune
	utfMax    = 4            // the longest encoding, utf8.UTFMax
)

// validRune reports whether r is a Unicode scalar value: in range and not a surrogate.
// Go: utf8.ValidRune.
func validRune(r rune) bool {
	if 0 <= r && r < 0xD800 {
		return true
	}
	return 0xDFFF < r && r <= maxRune
}

// decodeRuneInString returns the first rune of s and its width in bytes: (runeError, 1)
// for an invalid or overlong encoding or a surrogate, (runeError, 0) for an empty string.
// Go: utf8.DecodeRuneInString.
func decodeRuneInString(s string) (rune, int) {
	n := len(s)
	if n == 0 {
		return runeError, 0
	}
	c := s[0]
	if c < runeSelf {
		return rune(c), 1
	}
	// The byte count and the allowed range of the second byte, by first byte.
	var size int
	lo, hi := byte(0x80), byte(0xBF)
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
	default:
		return runeError, 1
	}
	if n < size {
		return runeError, 1
	}
	c1 := s[1]
	if c1 < lo || c1 > hi {
		return runeError, 1
	}
	if size == 2 {
		return rune(c&0x1F)<<6 | rune(c1&0x3F), 2
	}
	c2 := s[2]
	if c2 < 0x80 || c2 > 0xBF {
		return runeError, 1
	}
	if size == 3 {
		return rune(c&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F), 3
	}
	c3 := s[3]
	if c3 < 0x80 || c3 > 0xBF {
		return runeError, 1
	}
	return rune(c&0x07)<<18 | rune(c1&0x3F)<<12 | rune(c2&0x3F)<<6 | rune(c3&0x3F), 4
}

// appendRune appends the UTF-8 encoding of r (runeError's if r is not a valid rune).
// Go: utf8.AppendRune.
func appendRune(p []byte, r rune) []byte {
	switch {
	case 0 <= r && r < runeSelf:
		return append(p, byte(r))
	case 0 <= r && r < 0x800:
		return append(p, 0xC0|byte(r>>6), 0x80|byte(r)&0x3F)
	case !validRune(r):
		r = runeError
	}
	if r < 0x10000 {
		return append(p, 0xE0|byte(r>>12), 0x80|byte(r>>6)&0x3F, 0x80|byte(r)&0x3F)
	}
	return append(p, 0xF0|byte(r>>18), 0x80|byte(r>>12)&0x3F, 0x80|byte(r>>6)&0x3F, 0x80|byte(r)&0x3F)
}
