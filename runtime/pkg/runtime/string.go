// String helpers. Go: runtime/string.go (and internal/bytealg for cmpstring).

package runtime

import "unsafe"

// cmpstring returns -1, 0 or +1 as a <, ==, > b; the compiler calls it for string <, <=, >,
// >=. Go: internal/bytealg Compare / runtime·cmpstring (assembly in Go).
func cmpstring(a, b string) int {
	l := len(a)
	if len(b) < l {
		l = len(b)
	}
	for i := 0; i < l; i++ {
		c1 := a[i]
		c2 := b[i]
		if c1 < c2 {
			return -1
		}
		if c1 > c2 {
			return 1
		}
	}
	if len(a) < len(b) {
		return -1
	}
	if len(a) > len(b) {
		return 1
	}
	return 0
}

// findnull returns the length of the NUL-terminated byte string at s.
// Go: runtime/string.go findnull.
func findnull(s *byte) int {
	if s == nil {
		return 0
	}
	l := 0
	for *(*byte)(unsafe.Add(unsafe.Pointer(s), l)) != 0 {
		l++
	}
	return l
}

// gostringnocopy returns the NUL-terminated string at str as a Go string, without copying.
// Go: runtime/string.go gostringnocopy.
func gostringnocopy(str *byte) string {
	var ss stringStruct
	ss.str = unsafe.Pointer(str)
	ss.len = findnull(str)
	s := *(*string)(unsafe.Pointer(&ss))
	return s
}

// hasPrefix reports whether s begins with prefix. Go: runtime/string.go hasPrefix.
func hasPrefix(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if s[i] != prefix[i] {
			return false
		}
	}
	return true
}
