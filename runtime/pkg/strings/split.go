// Splitting and joining: Split and its variants, Fields, FieldsFunc and Join. The slices
// returned have the capacity Go's have (observable with cap), so they are allocated as Go
// sizes them.

package strings

import "unicode/utf8"

// Split returns the substrings of s between the occurrences of sep. An empty sep splits s
// after each rune (an invalid byte becoming "\uFFFD"); Split("", sep) is [""] for any
// other sep.
func Split(s, sep string) []string { return cut(s, sep, 0, -1) }

// SplitAfter is Split with each sep kept at the end of the substring before it.
func SplitAfter(s, sep string) []string { return cut(s, sep, len(sep), -1) }

// SplitN is Split returning at most n substrings, the last one holding the unsplit rest:
// all of them for n < 0, nil for n == 0.
func SplitN(s, sep string, n int) []string { return cut(s, sep, 0, n) }

// SplitAfterN is SplitN with each sep kept, as in SplitAfter.
func SplitAfterN(s, sep string, n int) []string { return cut(s, sep, len(sep), n) }

// cut implements the four: it cuts s at each sep into at most n pieces (n < 0: no limit),
// keeping the first keep bytes of each sep at the end of the piece before it.
func cut(s, sep string, keep, n int) []string {
	if n == 0 {
		return nil
	}
	if len(sep) == 0 {
		return runes(s, n)
	}
	// Go makes room for Count(s, sep)+1 pieces, or n, never more than len(s)+1.
	if n < 0 {
		n = Count(s, sep) + 1
	}
	if n > len(s)+1 {
		n = len(s) + 1
	}
	pieces := make([]string, 0, n)
	for len(pieces) < n-1 {
		at := Index(s, sep)
		if at == -1 {
			break
		}
		pieces = append(pieces, s[:at+keep])
		s = s[at+len(sep):]
	}
	return append(pieces, s)
}

// runes splits s into its runes, at most n pieces of them (n < 0: all), the last piece
// holding the rest as it is. The other pieces are one rune each, an invalid byte being
// replaced by the encoding of utf8.RuneError.
func runes(s string, n int) []string {
	if total := utf8.RuneCountInString(s); n < 0 || n > total {
		n = total
	}
	pieces := make([]string, n)
	for i := 0; i < n-1; i++ {
		r, size := firstRune(s)
		if r == utf8.RuneError {
			pieces[i] = "\uFFFD"
		} else {
			pieces[i] = s[:size]
		}
		s = s[size:]
	}
	if n > 0 {
		pieces[n-1] = s
	}
	return pieces
}

// spaceBits has bit c set for each ASCII white space byte c (all below 64), so that
// spaceBits>>c&1 == 1 tells a space byte: the shift gives 0 for c >= 64.
const spaceBits uint64 = 1<<'\t' | 1<<'\n' | 1<<'\v' | 1<<'\f' | 1<<'\r' | 1<<' '

// Fields splits s around each run of white space (as unicode.IsSpace defines it) and
// returns the pieces between, none empty; a non-nil empty slice when s has none.
func Fields(s string) []string {
	// ASCII text takes two passes: count the fields, then cut them out.
	count, ascii := asciiFields(s)
	if !ascii {
		return FieldsFunc(s, isSpace)
	}
	fields := make([]string, count)
	i := 0
	for k := range fields {
		// Skip the spaces before field k (it exists, so a non-space comes), then take it.
		for spaceBits>>s[i]&1 == 1 {
			i++
		}
		start := i
		for i < len(s) && spaceBits>>s[i]&1 == 0 {
			i++
		}
		fields[k] = s[start:i]
	}
	return fields
}

// FieldsFunc splits s around each run of runes for which f is true and returns the pieces
// between, none empty. f sees every rune of s once, in order.
func FieldsFunc(s string, f func(rune) bool) []string {
	// The fields' bounds are gathered first, start and end of each, so that the result
	// can be made exactly as long as Go's (and, like it, never nil).
	bounds := make([]int, 0, 64)
	start := -1 // where the current field began, or -1 between fields
	for i, r := range s {
		if !f(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			bounds = append(bounds, start, i)
			start = -1
		}
	}
	if start >= 0 {
		bounds = append(bounds, start, len(s))
	}
	fields := make([]string, len(bounds)/2)
	for k := range fields {
		fields[k] = s[bounds[2*k]:bounds[2*k+1]]
	}
	return fields
}

// Join returns the elements of elems with sep between each two.
func Join(elems []string, sep string) string {
	if len(elems) == 0 {
		return ""
	}
	if len(elems) == 1 {
		return elems[0]
	}
	size := len(sep) * (len(elems) - 1)
	for _, e := range elems {
		size += len(e)
	}
	out := make([]byte, 0, size)
	out = append(out, elems[0]...)
	for _, e := range elems[1:] {
		out = append(out, sep...)
		out = append(out, e...)
	}
	return bytesString(out)
}
