// Package utf16 converts between Unicode code points and UTF-16 code units: tbuild's own
// implementation of Go 1.19's unicode/utf16 API (the surrogate ranges and the replacement
// of invalid input by U+FFFD are those of the Unicode standard, chapter 3.9, and of Go's
// documentation).
package utf16

const (
	replacement = '\uFFFD'
	maxRune     = '\U0010FFFF'

	// The high (leading) surrogates are D800..DBFF, the low (trailing) ones DC00..DFFF;
	// a pair encodes the 20 bits of a code point above the Basic Multilingual Plane.
	highFirst = 0xd800
	lowFirst  = 0xdc00
	lowEnd    = 0xe000
	planeBase = 0x10000
)

// IsSurrogate reports whether r can appear in a surrogate pair.
func IsSurrogate(r rune) bool {
	return r >= highFirst && r < lowEnd
}

// DecodeRune returns the code point of the surrogate pair r1, r2, or U+FFFD when r1 is
// not a high surrogate or r2 not a low one.
func DecodeRune(r1, r2 rune) rune {
	if r1 < highFirst || r1 >= lowFirst || r2 < lowFirst || r2 >= lowEnd {
		return replacement
	}
	return planeBase + (r1-highFirst)<<10 | (r2 - lowFirst)
}

// EncodeRune returns the surrogate pair of r; a rune that needs no pair, or is not a valid
// code point, gives U+FFFD twice.
func EncodeRune(r rune) (r1, r2 rune) {
	if r < planeBase || r > maxRune {
		return replacement, replacement
	}
	v := r - planeBase
	return highFirst + v>>10&0x3ff, lowFirst + v&0x3ff
}

// Encode returns the UTF-16 encoding of s; surrogates and values beyond U+10FFFF are
// written as U+FFFD.
func Encode(s []rune) []uint16 {
	units := len(s)
	for _, r := range s {
		if r >= planeBase { // (Go sizes the slice so: cap counts runes past U+10FFFF too)
			units++
		}
	}
	out := make([]uint16, units)
	k := 0
	for _, r := range s {
		switch {
		case r >= 0 && r < highFirst, r >= lowEnd && r < planeBase:
			out[k] = uint16(r)
			k++
		case r >= planeBase && r <= maxRune:
			hi, lo := EncodeRune(r)
			out[k], out[k+1] = uint16(hi), uint16(lo)
			k += 2
		default:
			out[k] = replacement
			k++
		}
	}
	return out[:k]
}

// Decode returns the code points of the UTF-16 sequence s; a surrogate that is not half of
// a well-formed pair becomes U+FFFD.
func Decode(s []uint16) []rune {
	out := make([]rune, len(s))
	k := 0
	for i := 0; i < len(s); i++ {
		u := rune(s[i])
		switch {
		case u < highFirst || u >= lowEnd:
			out[k] = u
		case u < lowFirst && i+1 < len(s) && s[i+1] >= lowFirst && s[i+1] < lowEnd:
			out[k] = DecodeRune(u, rune(s[i+1]))
			i++
		default:
			out[k] = replacement
		}
		k++
	}
	return out[:k]
}
