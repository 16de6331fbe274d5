// Rune mapping and case: Map, ToUpper, ToLower, ToTitle and EqualFold, over the Unicode
// case data of unicode.go and tables.go.

package strings

import "unicode/utf8"

// Map returns s with each rune r replaced by mapping(r), dropping the runes mapped to a
// negative value; mapping sees every rune once, in order. An invalid byte is the rune
// utf8.RuneError, and a result that is not a valid rune is written as U+FFFD, so the result
// is valid UTF-8, unless nothing changes: then it is s itself.
func Map(mapping func(rune) rune, s string) string {
	for i, c := range s {
		r := mapping(c)
		if r == c && (c != utf8.RuneError || HasPrefix(s[i:], "\uFFFD")) {
			continue
		}
		// The first change: from here on the runes are written to a new buffer (r already
		// holds the first one's mapping).
		out := make([]byte, i, len(s)+utf8.UTFMax)
		copy(out, s[:i])
		for k, c := range s[i:] {
			if k > 0 {
				r = mapping(c)
			}
			if uint32(r) < utf8.RuneSelf {
				out = append(out, byte(r))
			} else if r >= 0 {
				out = utf8.AppendRune(out, r)
			}
		}
		return bytesString(out)
	}
	return s
}

// ToUpper returns s with every letter mapped to upper case (Unicode's simple case mapping).
func ToUpper(s string) string {
	if t, ok := shiftASCII(s, 'a'); ok {
		return t
	}
	return Map(unicodeToUpper, s)
}

// ToLower returns s with every letter mapped to lower case (Unicode's simple case mapping).
func ToLower(s string) string {
	if t, ok := shiftASCII(s, 'A'); ok {
		return t
	}
	return Map(unicodeToLower, s)
}

// ToTitle returns s with every letter mapped to title case, which differs from upper case
// for a few digraphs such as U+01C6 (ǆ becomes ǅ).
func ToTitle(s string) string { return Map(unicodeToTitle, s) }

// shiftASCII handles an all-ASCII s for ToUpper (from 'a') and ToLower (from 'A'): the 26
// letters from `from` are moved to the other case, and s itself is returned when it has
// none. ok is false, and nothing is done, when s has a byte >= 0x80.
func shiftASCII(s string, from byte) (t string, ok bool) {
	first := -1 // the first byte to change
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return "", false
		}
		if first < 0 && c-from < 26 {
			first = i
		}
	}
	if first < 0 {
		return s, true
	}
	out := make([]byte, len(s))
	copy(out, s[:first])
	for i := first; i < len(s); i++ {
		c := s[i]
		if c-from < 26 {
			c ^= 0x20 // 'a'-'A': the two cases differ in this bit only
		}
		out[i] = c
	}
	return bytesString(out), true
}

// EqualFold reports whether s and t are equal under simple Unicode case folding: rune by
// rune, each pair either equal or in the same fold orbit (unicode.SimpleFold), such as
// k, K and the Kelvin sign U+212A. Invalid bytes are RuneError on both sides.
func EqualFold(s, t string) bool {
	i, j := 0, 0
	for i < len(s) && j < len(t) {
		a, b := rune(s[i]), rune(t[j])
		if a < utf8.RuneSelf && b < utf8.RuneSelf {
			// Both ASCII: equal, or the same letter in both cases.
			i++
			j++
			if a != b && (a|0x20 != b|0x20 || uint32(a|0x20)-'a' >= 26) {
				return false
			}
			continue
		}
		size := 1
		if a >= utf8.RuneSelf {
			a, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		size = 1
		if b >= utf8.RuneSelf {
			b, size = utf8.DecodeRuneInString(t[j:])
		}
		j += size
		if a != b && !sameOrbit(a, b) {
			return false
		}
	}
	return i == len(s) && j == len(t)
}

// sameOrbit reports whether the different runes a and b fold together, at least one of
// them non-ASCII. Go's rule: follow simpleFold from the smaller one while the runes stay
// below the larger one, and see whether it is met before the walk returns to its start.
func sameOrbit(a, b rune) bool {
	if a > b {
		a, b = b, a
	}
	r := simpleFold(a)
	for r != a && r < b {
		r = simpleFold(r)
	}
	return r == b
}

// Title maps to title case the first letter of each word (deprecated in Go, kept for the
// API). A word begins after a separator: an ASCII byte that is not a letter, a digit or
// '_', or a non-ASCII white-space rune (Go 1.19 counts no other non-ASCII rune as one).
func Title(s string) string {
	prev := ' '
	return Map(func(r rune) rune {
		atStart := isWordBreak(prev)
		prev = r
		if atStart {
			return unicodeToTitle(r)
		}
		return r
	}, s)
}

func isWordBreak(r rune) bool {
	if r >= utf8.RuneSelf {
		return isSpace(r)
	}
	letterOrDigit := 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	return !letterOrDigit && r != '_'
}
