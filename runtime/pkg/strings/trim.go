// Trimming: the runes of a set (Trim, TrimLeft, TrimRight), the runes a function picks
// (the *Func variants), white space (TrimSpace), and a prefix or suffix. Runes are read from
// the front with utf8.DecodeRuneInString and from the back with DecodeLastRuneInString, which
// see invalid UTF-8 alike one byte at a time; the order of the two ends is Go's, so that even
// invalid input trims as Go trims it.

package strings

import "unicode/utf8"

// Trim returns s without the runes of cutset at either end. The end is trimmed first, then
// the start.
func Trim(s, cutset string) string {
	if len(s) == 0 || len(cutset) == 0 {
		return s
	}
	if lo, hi, ok := asciiSet(cutset); ok {
		start, end := 0, len(s)
		for end > 0 && (lo>>s[end-1]|hi>>(s[end-1]-64))&1 == 1 {
			end--
		}
		for start < end && (lo>>s[start]|hi>>(s[start]-64))&1 == 1 {
			start++
		}
		return s[start:end]
	}
	return trimFront(trimBack(s, cutset), cutset)
}

// TrimLeft returns s without the runes of cutset at its start.
func TrimLeft(s, cutset string) string {
	if len(s) == 0 || len(cutset) == 0 {
		return s
	}
	if lo, hi, ok := asciiSet(cutset); ok {
		start := 0
		for start < len(s) && (lo>>s[start]|hi>>(s[start]-64))&1 == 1 {
			start++
		}
		return s[start:]
	}
	return trimFront(s, cutset)
}

// TrimRight returns s without the runes of cutset at its end.
func TrimRight(s, cutset string) string {
	if len(s) == 0 || len(cutset) == 0 {
		return s
	}
	if lo, hi, ok := asciiSet(cutset); ok {
		end := len(s)
		for end > 0 && (lo>>s[end-1]|hi>>(s[end-1]-64))&1 == 1 {
			end--
		}
		return s[:end]
	}
	return trimBack(s, cutset)
}

// trimFront drops the runes of cutset from the start of s, for a cutset that is not all
// ASCII (asciiSet handles those).
func trimFront(s, cutset string) string {
	for len(s) > 0 {
		r, size := firstRune(s)
		if !hasRune(cutset, r) {
			break
		}
		s = s[size:]
	}
	return s
}

// trimBack drops the runes of cutset from the end of s.
func trimBack(s, cutset string) string {
	for len(s) > 0 {
		r, size := lastRune(s)
		if !hasRune(cutset, r) {
			break
		}
		s = s[:len(s)-size]
	}
	return s
}

// TrimLeftFunc returns s without the runes at its start for which f is true; f sees them
// in order, up to the first it rejects.
func TrimLeftFunc(s string, f func(rune) bool) string {
	for i, r := range s {
		if !f(r) {
			return s[i:]
		}
	}
	return ""
}

// TrimRightFunc returns s without the runes at its end for which f is true; f sees them
// from the end, down to the first it rejects.
func TrimRightFunc(s string, f func(rune) bool) string {
	for end := len(s); end > 0; {
		r, size := lastRune(s[:end])
		if !f(r) {
			// Keep this rune, measured from its start as Go measures it.
			start := end - size
			_, size = firstRune(s[start:])
			return s[:start+size]
		}
		end -= size
	}
	return ""
}

// TrimFunc returns s without the runes at either end for which f is true: the start is
// trimmed first, then the end.
func TrimFunc(s string, f func(rune) bool) string {
	return TrimRightFunc(TrimLeftFunc(s, f), f)
}

// TrimSpace returns s without white space (unicode.IsSpace) at either end.
func TrimSpace(s string) string {
	// ASCII white space is trimmed bytewise; a non-ASCII byte hands the rest to TrimFunc,
	// which reaches the same result (ASCII bytes are whole runes from either direction).
	start, end := 0, len(s)
	for ; start < end; start++ {
		c := s[start]
		if c >= utf8.RuneSelf {
			return TrimFunc(s[start:end], isSpace)
		}
		if spaceBits>>c&1 == 0 {
			break
		}
	}
	for ; end > start; end-- {
		c := s[end-1]
		if c >= utf8.RuneSelf {
			return TrimRightFunc(s[start:end], isSpace)
		}
		if spaceBits>>c&1 == 0 {
			break
		}
	}
	return s[start:end]
}

// TrimPrefix returns s without prefix, if s begins with it.
func TrimPrefix(s, prefix string) string {
	if !HasPrefix(s, prefix) {
		return s
	}
	return s[len(prefix):]
}

// TrimSuffix returns s without suffix, if s ends with it.
func TrimSuffix(s, suffix string) string {
	if !HasSuffix(s, suffix) {
		return s
	}
	return s[:len(s)-len(suffix)]
}
