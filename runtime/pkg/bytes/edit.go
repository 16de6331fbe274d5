// Making new byte slices from old: Map and the case mappings, Title, Repeat, Replace,
// ToValidUTF8 and Runes. Each result is a new slice (never the argument), sized as Go 1.19
// sizes it where the capacity is visible: Map starts at len(s) and grows to twice plus
// utf8.UTFMax (bytes/bytes.go Map); Replace with nothing to replace, and the ASCII case
// mappings with nothing to change, copy with append.
package bytes

import "unicode/utf8"

// Map returns s with each rune replaced by mapping(r); a negative result drops the rune.
// Invalid UTF-8 bytes are passed to mapping as utf8.RuneError, one byte each.
func Map(mapping func(r rune) rune, s []byte) []byte {
	out := make([]byte, len(s))
	n := 0
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(s[i:])
		}
		i += size
		r = mapping(r)
		if r < 0 {
			continue
		}
		need := utf8.RuneLen(r)
		if need < 0 {
			need = 3 // an invalid rune is written as RuneError, three bytes
		}
		if n+need > len(out) {
			grown := make([]byte, 2*len(out)+utf8.UTFMax)
			copy(grown, out[:n])
			out = grown
		}
		n += utf8.EncodeRune(out[n:], r)
	}
	return out[:n]
}

// asciiCase maps an ASCII-only s with the byte mapping lower (to lower case) or upper; ok
// is false when s is not all ASCII. A slice needing no change is copied with append.
func asciiCase(s []byte, lower bool) (out []byte, ok bool) {
	from, to := byte('a'), byte('z')
	if lower {
		from, to = 'A', 'Z'
	}
	changes := false
	for _, c := range s {
		if c >= utf8.RuneSelf {
			return nil, false
		}
		if from <= c && c <= to {
			changes = true
		}
	}
	if !changes {
		return append([]byte(""), s...), true
	}
	out = make([]byte, len(s))
	for i, c := range s {
		if from <= c && c <= to {
			c ^= 0x20 // the two ASCII cases differ in this bit only
		}
		out[i] = c
	}
	return out, true
}

// ToUpper returns a copy of s with every letter mapped to upper case.
func ToUpper(s []byte) []byte {
	if out, ok := asciiCase(s, false); ok {
		return out
	}
	return Map(toUpper, s)
}

// ToLower returns a copy of s with every letter mapped to lower case.
func ToLower(s []byte) []byte {
	if out, ok := asciiCase(s, true); ok {
		return out
	}
	return Map(toLower, s)
}

// ToTitle returns a copy of s with every letter mapped to title case.
func ToTitle(s []byte) []byte { return Map(toTitle, s) }

// Title maps to title case the first letter of each word (deprecated in Go, kept for the
// API). A word starts after a separator: an ASCII byte other than a letter, digit or '_',
// or a non-ASCII space (Go 1.19 counts no other non-ASCII rune as one; bytes/bytes.go
// isSeparator).
func Title(s []byte) []byte {
	prev := ' '
	return Map(func(r rune) rune {
		first := startsWord(prev)
		prev = r
		if first {
			return toTitle(r)
		}
		return r
	}, s)
}

func startsWord(prev rune) bool {
	if prev < utf8.RuneSelf {
		alnum := 'a' <= prev && prev <= 'z' || 'A' <= prev && prev <= 'Z' || '0' <= prev && prev <= '9'
		return !alnum && prev != '_'
	}
	return isSpace(prev)
}

// Repeat returns count copies of b. A negative count panics, as does one whose result
// length overflows an int (Go's messages).
func Repeat(b []byte, count int) []byte {
	if count == 0 {
		return []byte{}
	}
	if count < 0 {
		panic("bytes: negative Repeat count")
	}
	if len(b)*count/count != len(b) {
		panic("bytes: Repeat count causes overflow")
	}
	out := make([]byte, len(b)*count)
	// Copy b once, then double what is there until it is full.
	for done := copy(out, b); done < len(out); {
		done += copy(out[done:], out[:done])
	}
	return out
}

// Replace returns a copy of s with the first n instances of old replaced by new (all of
// them if n < 0). An empty old matches before every rune and at the end.
func Replace(s, old, new []byte, n int) []byte {
	matches := 0
	if n != 0 {
		matches = Count(s, old)
	}
	if matches == 0 {
		return append([]byte(nil), s...)
	}
	if n < 0 || n > matches {
		n = matches
	}
	out := make([]byte, 0, len(s)+n*(len(new)-len(old)))
	at := 0 // the next byte of s to copy
	for k := 0; k < n; k++ {
		next := at
		if len(old) != 0 {
			next += Index(s[at:], old)
		} else if k != 0 {
			_, size := utf8.DecodeRune(s[at:])
			next += size
		}
		out = append(out, s[at:next]...)
		out = append(out, new...)
		at = next + len(old)
	}
	return append(out, s[at:]...)
}

// ReplaceAll is Replace of every instance.
func ReplaceAll(s, old, new []byte) []byte { return Replace(s, old, new, -1) }

// ToValidUTF8 returns a copy of s with each run of invalid UTF-8 bytes replaced by
// replacement.
func ToValidUTF8(s, replacement []byte) []byte {
	out := make([]byte, 0, len(s)+len(replacement))
	inRun := false
	for i := 0; i < len(s); {
		size := 1
		if s[i] >= utf8.RuneSelf {
			_, size = utf8.DecodeRune(s[i:])
			if size == 1 {
				if !inRun {
					out = append(out, replacement...)
				}
				inRun = true
				i++
				continue
			}
		}
		inRun = false
		out = append(out, s[i:i+size]...)
		i += size
	}
	return out
}

// Runes returns the runes of s, an invalid byte as utf8.RuneError.
func Runes(s []byte) []rune {
	runes := make([]rune, utf8.RuneCount(s))
	for i := range runes {
		r, size := utf8.DecodeRune(s)
		runes[i] = r
		s = s[size:]
	}
	return runes
}
