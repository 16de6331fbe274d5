// Reading Go quoted literals back: UnquoteChar, Unquote and QuotedPrefix, the inverses of
// the Quote family, with the escapes and rules of the Go spec ("Rune literals", "String
// literals") and the results of Go's strconv/quote.go, including its leniencies: '' is an
// empty rune literal, and an invalid UTF-8 byte inside quotes reads as U+FFFD.

package strconv

import "unicode/utf8"

// UnquoteChar decodes the first character or escape sequence of s, the inside of a literal
// quoted by quote (', " or 0 for none): its value, whether it must be written as UTF-8
// (multibyte), the rest of s, and ErrSyntax if s does not start with a valid character. An
// unescaped quote is invalid, as is an escaped quote of the other kind.
func UnquoteChar(s string, quote byte) (value rune, multibyte bool, tail string, err error) {
	if len(s) == 0 {
		return 0, false, "", ErrSyntax
	}
	c := s[0]
	switch {
	case c == quote && (quote == '\'' || quote == '"'):
		return 0, false, "", ErrSyntax
	case c >= utf8.RuneSelf:
		r, n := utf8.DecodeRuneInString(s)
		return r, true, s[n:], nil
	case c != '\\':
		return rune(c), false, s[1:], nil
	case len(s) < 2:
		return 0, false, "", ErrSyntax
	}
	esc, rest := s[1], s[2:]
	switch esc {
	case 'a':
		return '\a', false, rest, nil
	case 'b':
		return '\b', false, rest, nil
	case 'f':
		return '\f', false, rest, nil
	case 'n':
		return '\n', false, rest, nil
	case 'r':
		return '\r', false, rest, nil
	case 't':
		return '\t', false, rest, nil
	case 'v':
		return '\v', false, rest, nil
	case '\\':
		return '\\', false, rest, nil
	case '\'', '"':
		if esc != quote {
			return 0, false, "", ErrSyntax
		}
		return rune(esc), false, rest, nil
	case 'x', 'u', 'U':
		// \x takes two hex digits and makes one byte; \u and \U take four and eight and
		// make a code point, which must be a valid one.
		digits := 2
		if esc == 'u' {
			digits = 4
		} else if esc == 'U' {
			digits = 8
		}
		if len(rest) < digits {
			return 0, false, "", ErrSyntax
		}
		var v rune
		for i := 0; i < digits; i++ {
			d, ok := hexDigit(rest[i])
			if !ok {
				return 0, false, "", ErrSyntax
			}
			v = v<<4 | d
		}
		if esc == 'x' {
			return v, false, rest[digits:], nil
		}
		if !utf8.ValidRune(v) {
			return 0, false, "", ErrSyntax
		}
		return v, true, rest[digits:], nil
	case '0', '1', '2', '3', '4', '5', '6', '7':
		// Three octal digits in all, at most 0377: one byte.
		if len(rest) < 2 {
			return 0, false, "", ErrSyntax
		}
		v := rune(esc - '0')
		for i := 0; i < 2; i++ {
			d := rest[i]
			if d < '0' || d > '7' {
				return 0, false, "", ErrSyntax
			}
			v = v<<3 | rune(d-'0')
		}
		if v > 0xFF {
			return 0, false, "", ErrSyntax
		}
		return v, false, rest[2:], nil
	}
	return 0, false, "", ErrSyntax
}

// hexDigit returns the value of one hexadecimal digit.
func hexDigit(c byte) (rune, bool) {
	switch {
	case '0' <= c && c <= '9':
		return rune(c - '0'), true
	case 'a' <= c && c <= 'f':
		return rune(c-'a') + 10, true
	case 'A' <= c && c <= 'F':
		return rune(c-'A') + 10, true
	}
	return 0, false
}

// Unquote returns the value of s, a whole single-quoted, double-quoted or back-quoted Go
// literal (a single-quoted one gives its character as a string), or ErrSyntax.
func Unquote(s string) (string, error) {
	v, n, ok := readQuoted(s, true)
	if !ok || n != len(s) {
		return "", ErrSyntax
	}
	return v, nil
}

// QuotedPrefix returns the quoted literal at the start of s, as written, or ErrSyntax.
func QuotedPrefix(s string) (string, error) {
	_, n, ok := readQuoted(s, false)
	if !ok {
		return "", ErrSyntax
	}
	return s[:n], nil
}

// readQuoted reads the literal at the start of s: its value (computed only if value is
// set), its length in s, and whether it is well formed.
func readQuoted(s string, value bool) (string, int, bool) {
	if len(s) < 2 {
		return "", 0, false
	}
	quote := s[0]
	if quote == '`' {
		// Raw: everything up to the next back quote, carriage returns removed (Go spec).
		end := 1
		for end < len(s) && s[end] != '`' {
			end++
		}
		if end == len(s) {
			return "", 0, false
		}
		if !value {
			return "", end + 1, true
		}
		var buf []byte
		for i := 1; i < end; i++ {
			if s[i] != '\r' {
				buf = append(buf, s[i])
			}
		}
		if len(buf) == end-1 {
			return s[1:end], end + 1, true // no copy when nothing was removed
		}
		return string(buf), end + 1, true
	}
	if quote != '"' && quote != '\'' {
		return "", 0, false
	}
	var buf []byte
	i, chars := 1, 0
	for {
		if i >= len(s) || s[i] == '\n' {
			return "", 0, false
		}
		if s[i] == quote {
			break
		}
		if quote == '\'' && chars == 1 {
			return "", 0, false // a rune literal holds one character
		}
		r, multibyte, tail, err := UnquoteChar(s[i:], quote)
		if err != nil {
			return "", 0, false
		}
		i = len(s) - len(tail)
		chars++
		if value {
			if multibyte {
				buf = utf8.AppendRune(buf, r)
			} else {
				buf = append(buf, byte(r))
			}
		}
	}
	return string(buf), i + 1, true
}
