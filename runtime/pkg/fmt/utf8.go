// UTF-8 helpers that Go's fmt takes from unicode/utf8, which tbuild does not bundle.
// Go: unicode/utf8/utf8.go (same results, including RuneError for invalid encodings).

package fmt

const (
	runeError = '\uFFFD'     // utf8.RuneError
	runeSelf  = 0x80         // utf8.RuneSelf
	maxRune   = '\U0010FFFF' // utf8.MaxRune
	utfMax    = 4            // utf8.UTFMax
)

// decodeRuneInString returns the first rune of s and its width: (runeError, 1) for an
// invalid encoding, (runeError, 0) for an empty string. Go: utf8.DecodeRuneInString.
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

// decodeRune is decodeRuneInString for a byte slice. Go: utf8.DecodeRune.
func decodeRune(s []byte) (rune, int) {
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

// runeCountInString returns the number of runes in s, an invalid byte counting as one.
// Go: utf8.RuneCountInString.
func runeCountInString(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if s[i] < runeSelf {
			i++
		} else {
			_, w := decodeRuneInString(s[i:])
			i += w
		}
		n++
	}
	return n
}

// runeCount returns the number of runes in p. Go: utf8.RuneCount.
func runeCount(p []byte) int {
	n := 0
	for i := 0; i < len(p); {
		if p[i] < runeSelf {
			i++
		} else {
			_, w := decodeRune(p[i:])
			i += w
		}
		n++
	}
	return n
}

// validRune reports whether r is a Unicode scalar value. Go: utf8.ValidRune.
func validRune(r rune) bool {
	if 0 <= r && r < 0xD800 {
		return true
	}
	return 0xDFFF < r && r <= maxRune
}

// runeLen returns the number of bytes of r's encoding, -1 if r is not valid.
// Go: utf8.RuneLen.
func runeLen(r rune) int {
	switch {
	case r < 0:
		return -1
	case r < 0x80:
		return 1
	case r < 0x800:
		return 2
	case 0xD800 <= r && r <= 0xDFFF:
		return -1
	case r < 0x10000:
		return 3
	case r <= maxRune:
		return 4
	}
	return -1
}

// encodeRune writes the encoding of r (runeError's if r is invalid) into p, which must be
// large enough, and returns its length. Go: utf8.EncodeRune.
func encodeRune(p []byte, r rune) int {
	if 0 <= r && r < runeSelf {
		p[0] = byte(r)
		return 1
	}
	if 0 <= r && r < 0x800 {
		p[0] = 0xC0 | byte(r>>6)
		p[1] = 0x80 | byte(r)&0x3F
		return 2
	}
	if !validRune(r) {
		r = runeError
	}
	if r < 0x10000 {
		p[0] = 0xE0 | byte(r>>12)
		p[1] = 0x80 | byte(r>>6)&0x3F
		p[2] = 0x80 | byte(r)&0x3F
		return 3
	}
	p[0] = 0xF0 | byte(r>>18)
	p[1] = 0x80 | byte(r>>12)&0x3F
	p[2] = 0x80 | byte(r>>6)&0x3F
	p[3] = 0x80 | byte(r)&0x3F
	return 4
}
