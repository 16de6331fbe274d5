// Quoting strings and runes as Go literals. Go: strconv/quote.go.

package strconv

import "unicode/utf8"

const (
	lowerhex = "0123456789abcdef"
	upperhex = "0123456789ABCDEF"
)

// Quote returns a double-quoted Go string literal representing s. Control characters and
// non-printable runes (as IsPrint defines them) are escaped with \a \b \f \n \r \t \v,
// \xNN, \uNNNN or \UNNNNNNNN; bytes that are not valid UTF-8 become \xNN.
func Quote(s string) string {
	return quoteWith(s, '"', false, false)
}

// AppendQuote appends Quote(s) to dst and returns the extended buffer.
func AppendQuote(dst []byte, s string) []byte {
	return appendQuotedWith(dst, s, '"', false, false)
}

// QuoteToASCII is Quote with every non-ASCII rune escaped as well.
func QuoteToASCII(s string) string {
	return quoteWith(s, '"', true, false)
}

// AppendQuoteToASCII appends QuoteToASCII(s) to dst and returns the extended buffer.
func AppendQuoteToASCII(dst []byte, s string) []byte {
	return appendQuotedWith(dst, s, '"', true, false)
}

// QuoteToGraphic is Quote that leaves graphic runes (IsGraphic) unescaped.
func QuoteToGraphic(s string) string {
	return quoteWith(s, '"', false, true)
}

// AppendQuoteToGraphic appends QuoteToGraphic(s) to dst and returns the extended buffer.
func AppendQuoteToGraphic(dst []byte, s string) []byte {
	return appendQuotedWith(dst, s, '"', false, true)
}

// QuoteRune returns a single-quoted Go character literal representing r; an invalid rune
// is quoted as U+FFFD.
func QuoteRune(r rune) string {
	return quoteRuneWith(r, '\'', false, false)
}

// AppendQuoteRune appends QuoteRune(r) to dst and returns the extended buffer.
func AppendQuoteRune(dst []byte, r rune) []byte {
	return appendQuotedRuneWith(dst, r, '\'', false, false)
}

// QuoteRuneToASCII is QuoteRune with a non-ASCII rune escaped.
func QuoteRuneToASCII(r rune) string {
	return quoteRuneWith(r, '\'', true, false)
}

// AppendQuoteRuneToASCII appends QuoteRuneToASCII(r) to dst and returns the extended buffer.
func AppendQuoteRuneToASCII(dst []byte, r rune) []byte {
	return appendQuotedRuneWith(dst, r, '\'', true, false)
}

// QuoteRuneToGraphic is QuoteRune that leaves a graphic rune unescaped.
func QuoteRuneToGraphic(r rune) string {
	return quoteRuneWith(r, '\'', false, true)
}

// AppendQuoteRuneToGraphic appends QuoteRuneToGraphic(r) to dst and returns the extended
// buffer.
func AppendQuoteRuneToGraphic(dst []byte, r rune) []byte {
	return appendQuotedRuneWith(dst, r, '\'', false, true)
}

// CanBackquote reports whether s can be written as a raw (backquoted) string literal
// unchanged: valid UTF-8 with no control characters other than tab, no backquote and no
// byte order mark.
func CanBackquote(s string) bool {
	for len(s) > 0 {
		r, w := utf8.DecodeRuneInString(s)
		s = s[w:]
		if w > 1 {
			if r == '\uFEFF' {
				return false
			}
			continue
		}
		if r == utf8.RuneError {
			return false
		}
		if (r < ' ' && r != '\t') || r == '`' || r == 0x7F {
			return false
		}
	}
	return true
}

func quoteWith(s string, quote byte, asciiOnly, graphicOnly bool) string {
	return string(appendQuotedWith(make([]byte, 0, 3*len(s)/2), s, quote, asciiOnly, graphicOnly))
}

func quoteRuneWith(r rune, quote byte, asciiOnly, graphicOnly bool) string {
	return string(appendQuotedRuneWith(nil, r, quote, asciiOnly, graphicOnly))
}

func appendQuotedWith(buf []byte, s string, quote byte, asciiOnly, graphicOnly bool) []byte {
	// Reserve room for the whole string and its quotes at once, as Go does.
	if cap(buf)-len(buf) < len(s) {
		grown := make([]byte, len(buf), len(buf)+1+len(s)+1)
		copy(grown, buf)
		buf = grown
	}
	buf = append(buf, quote)
	for len(s) > 0 {
		r, w := rune(s[0]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s)
		}
		if w == 1 && r == utf8.RuneError {
			// A byte that is not valid UTF-8.
			buf = append(buf, '\\', 'x', lowerhex[s[0]>>4], lowerhex[s[0]&0xF])
		} else {
			buf = appendEscapedRune(buf, r, quote, asciiOnly, graphicOnly)
		}
		s = s[w:]
	}
	return append(buf, quote)
}

func appendQuotedRuneWith(buf []byte, r rune, quote byte, asciiOnly, graphicOnly bool) []byte {
	buf = append(buf, quote)
	if !utf8.ValidRune(r) {
		r = utf8.RuneError
	}
	buf = appendEscapedRune(buf, r, quote, asciiOnly, graphicOnly)
	return append(buf, quote)
}

// appendEscapedRune appends r as it appears inside a literal quoted with quote.
func appendEscapedRune(buf []byte, r rune, quote byte, asciiOnly, graphicOnly bool) []byte {
	if r == rune(quote) || r == '\\' {
		return append(buf, '\\', byte(r))
	}
	if asciiOnly {
		if r < utf8.RuneSelf && IsPrint(r) {
			return append(buf, byte(r))
		}
	} else if IsPrint(r) || graphicOnly && isInGraphicList(r) {
		return utf8.AppendRune(buf, r)
	}
	switch r {
	case '\a':
		return append(buf, '\\', 'a')
	case '\b':
		return append(buf, '\\', 'b')
	case '\f':
		return append(buf, '\\', 'f')
	case '\n':
		return append(buf, '\\', 'n')
	case '\r':
		return append(buf, '\\', 'r')
	case '\t':
		return append(buf, '\\', 't')
	case '\v':
		return append(buf, '\\', 'v')
	}
	switch {
	case r < ' ' || r == 0x7F:
		return append(buf, '\\', 'x', lowerhex[byte(r)>>4], lowerhex[byte(r)&0xF])
	case !utf8.ValidRune(r):
		r = utf8.RuneError
	}
	if r < 0x10000 {
		buf = append(buf, '\\', 'u')
		for sh := 12; sh >= 0; sh -= 4 {
			buf = append(buf, lowerhex[r>>uint(sh)&0xF])
		}
		return buf
	}
	buf = append(buf, '\\', 'U')
	for sh := 28; sh >= 0; sh -= 4 {
		buf = append(buf, lowerhex[r>>uint(sh)&0xF])
	}
	return buf
}

// search16 returns the first index i with a[i] >= x (len(a) if none).
func search16(a []uint16, x uint16) int {
	lo, hi := 0, len(a)
	for lo < hi {
		m := lo + (hi-lo)/2
		if a[m] < x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// search32 is search16 for a []uint32.
func search32(a []uint32, x uint32) int {
	lo, hi := 0, len(a)
	for lo < hi {
		m := lo + (hi-lo)/2
		if a[m] < x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// IsPrint reports whether r is printable as Go defines it: a letter, mark, number,
// punctuation, symbol or the ASCII space (unicode.IsPrint).
func IsPrint(r rune) bool {
	if r <= 0xFF {
		if 0x20 <= r && r <= 0x7E {
			return true
		}
		if 0xA1 <= r && r <= 0xFF {
			return r != 0xAD // the soft hyphen is not printable
		}
		return false
	}
	if 0 <= r && r < 1<<16 {
		x := uint16(r)
		i := search16(isPrint16, x)
		if i >= len(isPrint16) || x < isPrint16[i&^1] || isPrint16[i|1] < x {
			return false
		}
		j := search16(isNotPrint16, x)
		return j >= len(isNotPrint16) || isNotPrint16[j] != x
	}
	x := uint32(r)
	i := search32(isPrint32, x)
	if i >= len(isPrint32) || x < isPrint32[i&^1] || isPrint32[i|1] < x {
		return false
	}
	if r >= 0x20000 {
		return true
	}
	y := uint16(r - 0x10000)
	j := search16(isNotPrint32, y)
	return j >= len(isNotPrint32) || isNotPrint32[j] != y
}

// IsGraphic reports whether r is graphic (unicode.IsGraphic): printable, or one of the
// Unicode spaces of category Zs.
func IsGraphic(r rune) bool {
	if IsPrint(r) {
		return true
	}
	return isInGraphicList(r)
}

// isInGraphicList reports whether r is a graphic rune that IsPrint does not accept.
func isInGraphicList(r rune) bool {
	if r > 0xFFFF {
		return false
	}
	x := uint16(r)
	i := search16(isGraphic, x)
	return i < len(isGraphic) && x == isGraphic[i]
}
