// Package html escapes and unescapes HTML text: tbuild's own implementation of Go 1.19's
// package html. EscapeString replaces the five bytes Go's does (&, ', <, >, ") with the
// same references; UnescapeString decodes named references from the HTML5 table (entity.go,
// made by runtime/gen from Go's html/entity.go) and numeric ones, with Go's rules: a legacy
// name without ';' may match a prefix of a longer word, numeric references with code
// points 0x80-0x9F take Windows-1252's characters, and invalid code points give U+FFFD.
package html

import (
	"strings"
	"sync"
	"unicode/utf8"
)

// EscapeString escapes &, ', <, > and " as &amp; &#39; &lt; &gt; &#34;.
func EscapeString(s string) string {
	var b []byte
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
		case '&':
			rep = "&amp;"
		case '\'':
			rep = "&#39;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		case '"':
			rep = "&#34;"
		default:
			continue
		}
		if b == nil {
			b = make([]byte, 0, len(s)+16)
		}
		b = append(append(b, s[last:i]...), rep...)
		last = i + 1
	}
	if b == nil {
		return s
	}
	return string(append(b, s[last:]...))
}

// cp1252 is what a numeric reference to 0x80..0x9F stands for (HTML5 §13.2.5.80, the
// Windows-1252 characters; the five undefined there stay themselves).
var cp1252 = [32]rune{
	0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
	0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
}

var (
	named     map[string]string
	namedOnce sync.Once
)

// loadNamed decodes entityText into named: name -> its text in UTF-8.
func loadNamed() {
	named = make(map[string]string, entityCount)
	for _, entry := range strings.Fields(entityText) {
		name, points, _ := strings.Cut(entry, "=")
		var b []byte
		for _, h := range strings.Split(points, ",") {
			v := rune(0)
			for i := 0; i < len(h); i++ {
				v = v<<4 | rune(hexDigit(h[i]))
			}
			b = utf8.AppendRune(b, v)
		}
		named[name] = string(b)
	}
}

// hexDigit is the value of a hexadecimal digit, or -1.
func hexDigit(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// UnescapeString replaces each character reference in s by what it stands for; anything
// that is not one is kept as it is.
func UnescapeString(s string) string {
	amp := strings.IndexByte(s, '&')
	if amp < 0 {
		return s
	}
	namedOnce.Do(loadNamed)
	out := make([]byte, 0, len(s))
	for amp >= 0 {
		out = append(out, s[:amp]...)
		text, used := reference(s[amp:])
		out = append(out, text...)
		s = s[amp+used:]
		amp = strings.IndexByte(s, '&')
	}
	return string(append(out, s...))
}

// reference decodes the reference at the start of s (s[0] is '&'): it returns what to
// write and how many bytes of s that consumes.
func reference(s string) (string, int) {
	if len(s) < 2 {
		return s, len(s)
	}
	if s[1] == '#' {
		return numeric(s)
	}
	// A name: letters and digits, with the ';' that ends it if any.
	end := 1
	for end < len(s) && isAlnum(s[end]) {
		end++
	}
	if end < len(s) && s[end] == ';' {
		end++
	}
	name := s[1:end]
	if name == "" {
		return "&", 1
	}
	if t, ok := named[name]; ok {
		return t, end
	}
	// A legacy name (no ';') may be followed by more letters: the longest such prefix of
	// at least two bytes, shorter than the whole name.
	n := len(name) - 1
	if n > longestBare {
		n = longestBare
	}
	for ; n > 1; n-- {
		if t, ok := named[name[:n]]; ok && name[n-1] != ';' {
			return t, n + 1
		}
	}
	return s[:end], end
}

// numeric decodes "&#digits" or "&#x<hex digits>", with an optional ';'. Go's count of
// bytes decides what is a reference: at least four bytes of input, and the scan must end
// past the fourth byte (so "&#5" and "&#5x" stay text but "&#x;" is U+FFFD). The value
// wraps as Go's rune arithmetic does.
func numeric(s string) (string, int) {
	if len(s) < 4 {
		return "&", 1
	}
	i := 2
	base := rune(10)
	if s[i] == 'x' || s[i] == 'X' {
		base = 16
		i++
	}
	v := rune(0)
	for i < len(s) {
		d := hexDigit(s[i])
		if d < 0 || base == 10 && d > 9 {
			if s[i] == ';' {
				i++
			}
			break
		}
		v = v*base + rune(d)
		i++
	}
	if i <= 3 {
		return "&", 1
	}
	switch {
	case v >= 0x80 && v <= 0x9f:
		v = cp1252[v-0x80]
	case v == 0 || v >= 0xd800 && v <= 0xdfff || v > utf8.MaxRune:
		v = utf8.RuneError
	}
	return string(utf8.AppendRune(nil, v)), i
}
