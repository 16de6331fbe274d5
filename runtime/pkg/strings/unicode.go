// The parts of package unicode that strings needs, over the full Unicode 13 case tables
// (tables.go): simple case mapping (ToUpper, ToLower, ToTitle), simple case folding
// (EqualFold) and white space (TrimSpace, Fields). Go: unicode/letter.go, unicode/graphic.go.

package strings

import "unicode/utf8"

// A caseRange maps the runes lo..hi by adding d[upperCase], d[lowerCase] or d[titleCase];
// a delta of upperLower marks a range alternating upper and lower case letters.
// Go: unicode.CaseRange.
type caseRange struct {
	lo, hi uint32
	d      [3]int32
}

// foldPair maps a rune to the next rune of its case-folding orbit. Go: unicode.foldPair.
type foldPair struct {
	from, to uint32
}

const (
	upperCase  = 0
	lowerCase  = 1
	titleCase  = 2
	upperLower = utf8.MaxRune + 1
)

// toCase maps r to the case c (upperCase, lowerCase or titleCase). Go: unicode.to.
func toCase(c int, r rune) rune {
	lo, hi := 0, len(caseRanges)
	for lo < hi {
		m := lo + (hi-lo)/2
		cr := &caseRanges[m]
		if rune(cr.lo) <= r && r <= rune(cr.hi) {
			delta := cr.d[c]
			if delta > utf8.MaxRune {
				// Alternating: even offsets are upper (and title) case, odd ones lower.
				return rune(cr.lo) + ((r-rune(cr.lo))&^1 | rune(c&1))
			}
			return r + delta
		}
		if r < rune(cr.lo) {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return r
}

// unicodeToUpper maps r to upper case. Go: unicode.ToUpper.
func unicodeToUpper(r rune) rune {
	if r < utf8.RuneSelf {
		if 'a' <= r && r <= 'z' {
			r -= 'a' - 'A'
		}
		return r
	}
	return toCase(upperCase, r)
}

// unicodeToLower maps r to lower case. Go: unicode.ToLower.
func unicodeToLower(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	}
	return toCase(lowerCase, r)
}

// unicodeToTitle maps r to title case. Go: unicode.ToTitle.
func unicodeToTitle(r rune) rune {
	if r < utf8.RuneSelf {
		if 'a' <= r && r <= 'z' {
			r -= 'a' - 'A'
		}
		return r
	}
	return toCase(titleCase, r)
}

// simpleFold returns the next rune after r in r's case-folding orbit (the smallest when r
// is the largest), r itself when it has no other case. Go: unicode.SimpleFold.
func simpleFold(r rune) rune {
	if r < 0 || r > utf8.MaxRune {
		return r
	}
	lo, hi := 0, len(caseOrbit)
	for lo < hi {
		m := lo + (hi-lo)/2
		if rune(caseOrbit[m].from) < r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(caseOrbit) && rune(caseOrbit[lo].from) == r {
		return rune(caseOrbit[lo].to)
	}
	if l := unicodeToLower(r); l != r {
		return l
	}
	return unicodeToUpper(r)
}

// isSpace reports whether r is Unicode white space. Go: unicode.IsSpace.
func isSpace(r rune) bool {
	if uint32(r) <= 0xFF {
		switch r {
		case '\t', '\n', '\v', '\f', '\r', ' ', 0x85, 0xA0:
			return true
		}
		return false
	}
	switch {
	case r == 0x1680, 0x2000 <= r && r <= 0x200A, r == 0x2028, r == 0x2029, r == 0x202F,
		r == 0x205F, r == 0x3000:
		return true
	}
	return false
}
