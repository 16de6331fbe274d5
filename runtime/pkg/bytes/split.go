// Splitting, joining and trimming byte slices. The parts returned are slices of the argument
// itself (not copies), with Go 1.19's capacities: every piece but the last of a split, and
// every field, ends its capacity where it ends, so appending to one cannot overwrite the next
// (bytes/bytes.go genSplit, explode, FieldsFunc). Where Go returns nil rather than an empty
// slice (an emptied Trim, TrimLeft, TrimFunc, TrimSpace), so do these.
package bytes

import (
	"strings"
	"unicode/utf8"
)

// Split slices s into all the pieces separated by sep. An empty sep splits s into its UTF-8
// sequences.
func Split(s, sep []byte) [][]byte { return split(s, sep, 0, -1) }

// SplitN is Split returning at most n pieces (the last one the unsplit rest); n == 0 gives
// nil, n < 0 all pieces.
func SplitN(s, sep []byte, n int) [][]byte { return split(s, sep, 0, n) }

// SplitAfter is Split keeping each sep at the end of the piece before it.
func SplitAfter(s, sep []byte) [][]byte { return split(s, sep, len(sep), -1) }

// SplitAfterN is SplitAfter returning at most n pieces, as SplitN.
func SplitAfterN(s, sep []byte, n int) [][]byte { return split(s, sep, len(sep), n) }

// split cuts s at the first n-1 instances of sep, keeping keep bytes of each sep.
func split(s, sep []byte, keep, n int) [][]byte {
	if n == 0 {
		return nil
	}
	if len(sep) == 0 {
		return runeSplit(s, n)
	}
	if n < 0 {
		n = 1 + Count(s, sep)
	}
	if n > len(s)+1 {
		n = len(s) + 1
	}
	pieces := make([][]byte, n)
	k := 0
	for ; k < n-1; k++ {
		at := Index(s, sep)
		if at < 0 {
			break
		}
		end := at + keep
		pieces[k] = s[:end:end]
		s = s[at+len(sep):]
	}
	pieces[k] = s
	return pieces[:k+1]
}

// runeSplit cuts s into its UTF-8 sequences (an invalid byte is one piece), at most n of
// them when n > 0, the last holding the rest.
func runeSplit(s []byte, n int) [][]byte {
	if n > len(s) || n <= 0 {
		n = len(s)
	}
	pieces := make([][]byte, n)
	k := 0
	for len(s) != 0 {
		if k == n-1 {
			pieces[k] = s
			k++
			break
		}
		_, size := utf8.DecodeRune(s)
		pieces[k] = s[:size:size]
		s = s[size:]
		k++
	}
	return pieces[:k]
}

// Join concatenates the slices of s with sep between them, into a new slice.
func Join(s [][]byte, sep []byte) []byte {
	switch len(s) {
	case 0:
		return []byte{}
	case 1:
		// A copy, sized as append sizes it (Go 1.19 does the same).
		var out []byte
		return append(out, s[0]...)
	}
	size := len(sep) * (len(s) - 1)
	for _, part := range s {
		size += len(part)
	}
	out := make([]byte, size)
	w := copy(out, s[0])
	for _, part := range s[1:] {
		w += copy(out[w:], sep)
		w += copy(out[w:], part)
	}
	return out
}

// Fields splits s around runs of Unicode white space; only white space gives no fields.
func Fields(s []byte) [][]byte { return FieldsFunc(s, isSpace) }

// FieldsFunc splits s around runs of runes satisfying f, calling f once per rune in order.
func FieldsFunc(s []byte, f func(rune) bool) [][]byte {
	// Record the fields' bounds first, so that the result is allocated once.
	var bounds []int
	start := -1
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if utf8.RuneSelf <= r {
			r, size = utf8.DecodeRune(s[i:len(s)])
		}
		if !f(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			bounds = append(bounds, start, i)
			start = -1
		}
		i += size
	}
	if start >= 0 {
		bounds = append(bounds, start, len(s))
	}
	fields := make([][]byte, len(bounds)/2)
	for k := range fields {
		lo, hi := bounds[2*k], bounds[2*k+1]
		fields[k] = s[lo:hi:hi]
	}
	return fields
}

// orNil returns nil for an empty t, as Go's Trim, TrimLeft and TrimFunc family do.
func orNil(t []byte) []byte {
	if len(t) == 0 {
		return nil
	}
	return t
}

// Trim removes the leading and trailing runes of s that are in cutset.
func Trim(s []byte, cutset string) []byte {
	if len(s) != 0 && cutset == "" {
		return s
	}
	return TrimLeft(TrimRight(s, cutset), cutset)
}

// TrimLeft removes the leading runes of s that are in cutset.
func TrimLeft(s []byte, cutset string) []byte {
	if len(s) != 0 && cutset == "" {
		return s
	}
	rest := strings.TrimLeft(view(s), cutset)
	return orNil(s[len(s)-len(rest):])
}

// TrimRight removes the trailing runes of s that are in cutset.
func TrimRight(s []byte, cutset string) []byte {
	if cutset == "" || len(s) == 0 {
		return s
	}
	return s[:len(strings.TrimRight(view(s), cutset))]
}

// TrimFunc removes the leading and trailing runes of s satisfying f.
func TrimFunc(s []byte, f func(r rune) bool) []byte {
	left := TrimLeftFunc(s, f)
	return TrimRightFunc(left, f)
}

// TrimLeftFunc removes the leading runes of s satisfying f.
func TrimLeftFunc(s []byte, f func(r rune) bool) []byte {
	rest := strings.TrimLeftFunc(view(s), f)
	return orNil(s[len(s)-len(rest):])
}

// TrimRightFunc removes the trailing runes of s satisfying f.
func TrimRightFunc(s []byte, f func(r rune) bool) []byte {
	return s[:len(strings.TrimRightFunc(view(s), f))]
}

// TrimSpace removes leading and trailing Unicode white space.
func TrimSpace(s []byte) []byte { return TrimFunc(s, isSpace) }

// TrimPrefix returns s without prefix, or s if it does not begin with it.
func TrimPrefix(s, prefix []byte) []byte {
	if len(prefix) <= len(s) && Equal(s[:len(prefix)], prefix) {
		return s[len(prefix):len(s)]
	}
	return s
}

// TrimSuffix returns s without suffix, or s if it does not end with it.
func TrimSuffix(s, suffix []byte) []byte {
	if cut := len(s) - len(suffix); cut >= 0 && Equal(s[cut:], suffix) {
		return s[:cut]
	}
	return s
}
