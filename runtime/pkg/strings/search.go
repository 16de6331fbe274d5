// Package strings implements simple functions to manipulate UTF-8 encoded strings, with the
// API and the results of Go 1.19's package strings: its documentation and tests are the
// specification, and tests/stdlib compares every function with Go's on random inputs. Not
// bundled yet: Reader, Replacer and NewReplacer, Title and the *Special functions.
//
// By concern: search.go finds bytes, runes and substrings (with the word-at-a-time and
// rolling-hash machinery of scan.go), split.go splits and joins, case.go maps runes and
// case, trim.go trims, edit.go replaces, repeats and repairs, builder.go is Builder, and
// unicode.go with tables.go holds the Unicode data.
//
// Wherever a function goes rune by rune, an invalid UTF-8 byte is one rune of its own,
// utf8.RuneError, as `for range` and utf8.DecodeRuneInString see it; a search for RuneError
// therefore finds invalid bytes as well as U+FFFD.
package strings

import (
	"unicode/utf8"
	"unsafe"
)

// Compare returns 0 if a == b, -1 if a < b and +1 if a > b, comparing bytes.
func Compare(a, b string) int {
	if a < b {
		return -1
	}
	if a == b {
		return 0
	}
	return 1
}

// Contains reports whether sub occurs in s.
func Contains(s, sub string) bool { return Index(s, sub) != -1 }

// ContainsAny reports whether any rune of chars occurs in s.
func ContainsAny(s, chars string) bool { return IndexAny(s, chars) != -1 }

// ContainsRune reports whether r occurs in s.
func ContainsRune(s string, r rune) bool { return IndexRune(s, r) != -1 }

// HasPrefix reports whether s begins with prefix.
func HasPrefix(s, prefix string) bool {
	return len(prefix) <= len(s) && s[:len(prefix)] == prefix
}

// HasSuffix reports whether s ends with suffix.
func HasSuffix(s, suffix string) bool {
	return len(suffix) <= len(s) && s[len(s)-len(suffix):] == suffix
}

// Cut splits s around the first sep: the text before it, the text after it and true, or s,
// "" and false when sep does not occur.
func Cut(s, sep string) (before, after string, found bool) {
	at := Index(s, sep)
	if at == -1 {
		return s, "", false
	}
	return s[:at], s[at+len(sep):], true
}

// IndexByte returns the index of the first c in s, or -1.
func IndexByte(s string, c byte) int {
	i := 0
	if len(s) >= 8 {
		p := stringData(s)
		pattern := lsb * uint64(c)
		for stop := len(s) - 8; i <= stop; i += 8 {
			x := *(*uint64)(unsafe.Add(p, i)) ^ pattern
			if hits := ^((x&low7 + low7) | x | low7); hits != 0 {
				return i + firstFlagged(hits)
			}
		}
	}
	for ; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// LastIndexByte returns the index of the last c in s, or -1.
func LastIndexByte(s string, c byte) int {
	end := len(s) // s[end:] holds no c
	if end >= 8 {
		p := stringData(s)
		pattern := lsb * uint64(c)
		for ; end >= 8; end -= 8 {
			x := *(*uint64)(unsafe.Add(p, end-8)) ^ pattern
			if hits := ^((x&low7 + low7) | x | low7); hits != 0 {
				return end - 8 + lastFlagged(hits)
			}
		}
	}
	for end > 0 {
		end--
		if s[end] == c {
			return end
		}
	}
	return -1
}

// countByte returns the number of c in s.
func countByte(s string, c byte) int {
	total, i := 0, 0
	if len(s) >= 8 {
		p := stringData(s)
		pattern := lsb * uint64(c)
		for stop := len(s) - 8; i <= stop; i += 8 {
			x := *(*uint64)(unsafe.Add(p, i)) ^ pattern
			total += countFlagged(^((x&low7 + low7) | x | low7))
		}
	}
	for ; i < len(s); i++ {
		if s[i] == c {
			total++
		}
	}
	return total
}

// Index returns the index of the first sub in s, or -1. An empty sub occurs at 0.
func Index(s, sub string) int {
	switch n := len(sub); {
	case n == 0:
		return 0
	case n == 1:
		return IndexByte(s, sub[0])
	case n < len(s):
		return search(s, sub)
	case s == sub:
		return 0
	}
	return -1
}

// LastIndex returns the index of the last sub in s, or -1. An empty sub occurs at len(s).
func LastIndex(s, sub string) int {
	switch n := len(sub); {
	case n == 0:
		return len(s)
	case n == 1:
		return LastIndexByte(s, sub[0])
	case n < len(s):
		return searchLast(s, sub)
	case s == sub:
		return 0
	}
	return -1
}

// Count returns the number of non-overlapping occurrences of sub in s. An empty sub occurs
// before each rune and at the end: one more time than s has runes.
func Count(s, sub string) int {
	switch len(sub) {
	case 0:
		return utf8.RuneCountInString(s) + 1
	case 1:
		return countByte(s, sub[0])
	}
	total := 0
	for {
		at := Index(s, sub)
		if at == -1 {
			return total
		}
		total++
		s = s[at+len(sub):]
	}
}

// IndexRune returns the index of the first r in s, or -1. utf8.RuneError finds the first
// invalid byte or U+FFFD; a value that is not a valid rune (negative, a surrogate, past
// utf8.MaxRune) is never found.
func IndexRune(s string, r rune) int {
	if uint32(r) < utf8.RuneSelf {
		return IndexByte(s, byte(r))
	}
	if r == utf8.RuneError {
		return IndexFunc(s, isRuneError)
	}
	if !utf8.ValidRune(r) {
		return -1
	}
	// Find r's first byte, then check the ones behind it.
	code, size := packRune(r)
	lead := byte(code)
	for from := 0; ; {
		at := IndexByte(s[from:], lead)
		if at == -1 {
			return -1
		}
		at += from
		if at+size <= len(s) {
			k := 1
			for k < size && s[at+k] == byte(code>>(8*k)) {
				k++
			}
			if k == size {
				return at
			}
		}
		from = at + 1
	}
}

// packRune returns the UTF-8 encoding of a valid r >= 0x80 packed into a word, the first
// byte lowest, and its length. The forms are RFC 3629's, section 3.
func packRune(r rune) (uint32, int) {
	u := uint32(r)
	tail := contByte(u)
	switch {
	case u < 0x800:
		return 0xC0 | u>>6 | tail<<8, 2
	case u < 0x10000:
		return 0xE0 | u>>12 | contByte(u>>6)<<8 | tail<<16, 3
	}
	return 0xF0 | u>>18 | contByte(u>>12)<<8 | contByte(u>>6)<<16 | tail<<24, 4
}

// func1 returns the continuation byte carrying the low six bits of u.
func contByte(u uint32) uint32 { return 0x80 | u&0x3F }

// hasRune reports whether r occurs in chars in IndexRune's sense, for a rune r decoded from
// a string (valid, or RuneError): ranging over chars yields RuneError for its invalid bytes
// and for U+FFFD, and every valid rune at the position where its encoding starts.
func hasRune(chars string, r rune) bool {
	for _, c := range chars {
		if c == r {
			return true
		}
	}
	return false
}

// asciiSet returns the bytes of chars as a 128-bit set, lo for 0-63 and hi for 64-127, or
// ok false if chars has a byte >= 0x80. A byte c is in the set when
// (lo>>c | hi>>(c-64)) & 1 == 1: Go's shifts by 64 or more give 0, so each half answers
// only for its own range (c-64 wraps around for c < 64) and bytes >= 0x80 are never in.
// A non-ASCII rune of a string is never in such a set: all its bytes are >= 0x80, and an
// invalid byte stands for RuneError.
func asciiSet(chars string) (lo, hi uint64, ok bool) {
	for i := 0; i < len(chars); i++ {
		c := chars[i]
		if c >= utf8.RuneSelf {
			return 0, 0, false
		}
		lo |= uint64(1) << c
		hi |= uint64(1) << (c - 64)
	}
	return lo, hi, true
}

// IndexAny returns the index of the first rune of s that occurs in chars, or -1.
func IndexAny(s, chars string) int {
	if len(chars) == 0 {
		return -1
	}
	if lo, hi, ok := asciiSet(chars); ok {
		for i := 0; i < len(s); i++ {
			c := s[i]
			if (lo>>c|hi>>(c-64))&1 == 1 {
				return i
			}
		}
		return -1
	}
	for i, r := range s {
		if hasRune(chars, r) {
			return i
		}
	}
	return -1
}

// LastIndexAny returns the index of the last rune of s that occurs in chars, or -1. Runes
// are read from the end (utf8.DecodeLastRuneInString).
func LastIndexAny(s, chars string) int {
	if len(chars) == 0 {
		return -1
	}
	if lo, hi, ok := asciiSet(chars); ok {
		for i := len(s) - 1; i >= 0; i-- {
			c := s[i]
			if (lo>>c|hi>>(c-64))&1 == 1 {
				return i
			}
		}
		return -1
	}
	for end := len(s); end > 0; {
		r, size := lastRune(s[:end])
		end -= size
		if hasRune(chars, r) {
			return end
		}
	}
	return -1
}

// isRuneError reports whether r is utf8.RuneError: an invalid byte, or U+FFFD itself.
func isRuneError(r rune) bool { return r == utf8.RuneError }

// firstRune is utf8.DecodeRuneInString (s not empty), quicker for ASCII.
func firstRune(s string) (rune, int) {
	if c := s[0]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s)
}

// lastRune is utf8.DecodeLastRuneInString (s not empty), quicker for ASCII.
func lastRune(s string) (rune, int) {
	if c := s[len(s)-1]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeLastRuneInString(s)
}

// IndexFunc returns the index of the first rune of s for which f is true, or -1. f sees
// the runes in order, up to that one.
func IndexFunc(s string, f func(rune) bool) int {
	for i, r := range s {
		if f(r) {
			return i
		}
	}
	return -1
}

// LastIndexFunc returns the index of the last rune of s for which f is true, or -1. f sees
// the runes from the end, down to that one.
func LastIndexFunc(s string, f func(rune) bool) int {
	for end := len(s); end > 0; {
		r, size := lastRune(s[:end])
		end -= size
		if f(r) {
			return end
		}
	}
	return -1
}
