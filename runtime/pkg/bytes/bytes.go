// Package bytes implements functions for the manipulation of byte slices, with the API and
// the results of Go 1.19's package bytes: its documentation and tests are the specification
// (bytes/bytes.go, buffer.go, reader.go), and tests/stdlib compares the functions with Go's on
// random inputs. Not bundled: ToUpperSpecial, ToLowerSpecial and ToTitleSpecial, which take
// a unicode.SpecialCase (tbuild has no package unicode).
//
// Searching is package strings' (word-at-a-time and Rabin-Karp search, the Unicode case
// tables): a function that only reports positions or truth looks at its slices through view,
// which shows a []byte's bytes as a string without copying, and never keeps that string past
// the call. Functions that return parts of their argument compute the positions that way and
// slice the argument itself, so results alias the input exactly where Go's do, with Go's
// capacities. The rune-wise case mappings are strings' own, reached with //go:linkname.
//
// By concern: bytes.go compares and searches, split.go splits, joins and trims, edit.go
// makes new slices (Map, the case mappings, Repeat, Replace, ToValidUTF8, Runes),
// buffer.go is Buffer and reader.go is Reader.
package bytes

import (
	"strings"
	"unsafe"
)

// view returns b's bytes as a string, shared, not copied. The string must not outlive the
// call that uses it: b may change afterwards. The slice is read through a pointer laundered
// by a uintptr (as strings.Builder hides its self pointer), so that escape analysis does not
// tie b to the body-less rawView, which would move every caller's argument to the heap; Go's
// bytes has no such cost either (its searches are //go:noescape assembly).
func view(b []byte) string {
	return rawView(*(*[]byte)(noescape(unsafe.Pointer(&b))))
}

// rawView is view's move of registers (unsafe_amd64.s).
func rawView(b []byte) string

// noescape returns p through a uintptr, which escape analysis does not follow back to p.
func noescape(p unsafe.Pointer) unsafe.Pointer {
	x := uintptr(p)
	return unsafe.Pointer(x ^ 0)
}

// Package strings' rune-wise Unicode functions (strings/unicode.go): simple case mapping
// and white space, over its Unicode 13 tables.
//
//go:linkname toUpper strings.unicodeToUpper
func toUpper(r rune) rune

//go:linkname toLower strings.unicodeToLower
func toLower(r rune) rune

//go:linkname toTitle strings.unicodeToTitle
func toTitle(r rune) rune

//go:linkname isSpace strings.isSpace
func isSpace(r rune) bool

// Equal reports whether a and b hold the same bytes; nil equals an empty slice.
func Equal(a, b []byte) bool {
	// The conversions are not allocated: Go compares them in place, and so does tbuild.
	return string(a) == string(b)
}

// Compare compares a and b lexicographically: -1, 0 or +1. nil equals an empty slice.
func Compare(a, b []byte) int { return strings.Compare(view(a), view(b)) }

// Index returns the index of the first sep in s, or -1.
func Index(s, sep []byte) int { return strings.Index(view(s), view(sep)) }

// LastIndex returns the index of the last sep in s, or -1.
func LastIndex(s, sep []byte) int { return strings.LastIndex(view(s), view(sep)) }

// IndexByte returns the index of the first c in b, or -1.
func IndexByte(b []byte, c byte) int { return strings.IndexByte(view(b), c) }

// LastIndexByte returns the index of the last c in s, or -1.
func LastIndexByte(s []byte, c byte) int { return strings.LastIndexByte(view(s), c) }

// IndexRune returns the byte index of the first r in s, or -1. utf8.RuneError also finds
// an invalid byte; an invalid rune finds nothing.
func IndexRune(s []byte, r rune) int { return strings.IndexRune(view(s), r) }

// IndexAny returns the byte index of the first rune of s that is in chars, or -1.
func IndexAny(s []byte, chars string) int { return strings.IndexAny(view(s), chars) }

// LastIndexAny returns the byte index of the last rune of s that is in chars, or -1.
func LastIndexAny(s []byte, chars string) int { return strings.LastIndexAny(view(s), chars) }

// IndexFunc returns the byte index of the first rune of s satisfying f, or -1.
func IndexFunc(s []byte, f func(r rune) bool) int { return strings.IndexFunc(view(s), f) }

// LastIndexFunc returns the byte index of the last rune of s satisfying f, or -1.
func LastIndexFunc(s []byte, f func(r rune) bool) int {
	return strings.LastIndexFunc(view(s), f)
}

// Contains reports whether subslice is in b.
func Contains(b, subslice []byte) bool { return Index(b, subslice) >= 0 }

// ContainsAny reports whether any rune of chars is in b.
func ContainsAny(b []byte, chars string) bool { return IndexAny(b, chars) >= 0 }

// ContainsRune reports whether r is in b.
func ContainsRune(b []byte, r rune) bool { return IndexRune(b, r) >= 0 }

// Count counts the non-overlapping instances of sep in s; an empty sep counts one more than
// the runes of s.
func Count(s, sep []byte) int { return strings.Count(view(s), view(sep)) }

// HasPrefix reports whether s begins with prefix.
func HasPrefix(s, prefix []byte) bool {
	return len(prefix) <= len(s) && Equal(s[:len(prefix)], prefix)
}

// HasSuffix reports whether s ends with suffix.
func HasSuffix(s, suffix []byte) bool {
	return len(suffix) <= len(s) && Equal(s[len(s)-len(suffix):], suffix)
}

// EqualFold reports whether s and t, as UTF-8, are equal under simple Unicode case folding.
func EqualFold(s, t []byte) bool { return strings.EqualFold(view(s), view(t)) }

// Cut slices s around the first sep: before and after it, and true; or s, nil and false.
func Cut(s, sep []byte) (before, after []byte, found bool) {
	at := Index(s, sep)
	if at < 0 {
		return s, nil, false
	}
	return s[:at], s[at+len(sep):], true
}
