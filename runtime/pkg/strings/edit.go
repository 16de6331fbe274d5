// Making new strings from old: Replace, ReplaceAll, Repeat, ToValidUTF8 and Clone. Each
// builds its result in one byte slice of the right size and hands it over as the string
// (bytesString), without a final copy.

package strings

import "unicode/utf8"

// Replace returns s with its first n non-overlapping occurrences of old replaced by new
// (all of them for n < 0). An empty old occurs at the start of s and after each rune, so
// new is inserted there, up to n times.
func Replace(s, old, new string, n int) string {
	if n == 0 || old == new {
		return s
	}
	if len(old) == 0 {
		return insert(s, new, n)
	}
	at := Index(s, old)
	if at == -1 {
		return s
	}
	// The result is at most len(s) long unless new is the longer; then count.
	size := len(s)
	if len(new) > len(old) {
		times := 1 + Count(s[at+len(old):], old)
		if n > 0 && n < times {
			times = n
		}
		size += times * (len(new) - len(old))
	}
	out := make([]byte, 0, size)
	for done := 1; ; done++ {
		out = append(out, s[:at]...)
		out = append(out, new...)
		s = s[at+len(old):]
		if done == n {
			break
		}
		if at = Index(s, old); at == -1 {
			break
		}
	}
	return bytesString(append(out, s...))
}

// insert is Replace for an empty old: new goes before each rune of s and at its end, at
// most n times (n < 0: everywhere), counting from the start.
func insert(s, new string, n int) string {
	if places := utf8.RuneCountInString(s) + 1; n < 0 || n > places {
		n = places
	}
	out := make([]byte, 0, len(s)+n*len(new))
	out = append(out, new...)
	i := 0
	for k := 1; k < n; k++ {
		_, size := firstRune(s[i:])
		out = append(out, s[i:i+size]...)
		out = append(out, new...)
		i += size
	}
	return bytesString(append(out, s[i:]...))
}

// ReplaceAll returns s with every non-overlapping occurrence of old replaced by new.
func ReplaceAll(s, old, new string) string { return Replace(s, old, new, -1) }

// maxInt is the largest int.
const maxInt = int(^uint(0) >> 1)

// Repeat returns count copies of s, one after another. It panics if count is negative or if
// the result would be longer than an int can count.
func Repeat(s string, count int) string {
	switch {
	case count == 0:
		return ""
	case count < 0:
		panic("strings: negative Repeat count") // Go's message (strings/strings.go)
	case len(s) > maxInt/count:
		panic("strings: Repeat count causes overflow") // Go's message
	}
	out := make([]byte, len(s)*count)
	// Copy s once, then double what is there until it is full.
	for done := copy(out, s); done < len(out); {
		done += copy(out[done:], out[:done])
	}
	return bytesString(out)
}

// ToValidUTF8 returns s with each run of invalid UTF-8 bytes replaced by replacement (once
// per run, however long); s itself when it has none. U+FFFD itself is valid.
func ToValidUTF8(s, replacement string) string {
	first := -1
	for i, c := range s {
		if c == utf8.RuneError && !HasPrefix(s[i:], "\uFFFD") {
			first = i
			break
		}
	}
	if first == -1 {
		return s
	}
	out := make([]byte, first, len(s)+len(replacement))
	copy(out, s[:first])
	inRun := false
	for i := first; i < len(s); {
		r, size := firstRune(s[i:])
		if r == utf8.RuneError && size == 1 {
			if !inRun {
				out = append(out, replacement...)
			}
			inRun = true
		} else {
			out = append(out, s[i:i+size]...)
			inRun = false
		}
		i += size
	}
	return bytesString(out)
}

// Clone returns a copy of s in new memory, so that keeping the copy does not keep all of a
// larger s alive. An empty s gives "".
func Clone(s string) string {
	if len(s) == 0 {
		return ""
	}
	out := make([]byte, len(s))
	copy(out, s)
	return bytesString(out)
}
