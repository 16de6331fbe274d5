// Quoting: Go literals for strings and runes (Quote, QuoteToASCII, QuoteToGraphic,
// QuoteRune and its variants, the Append forms of all six), CanBackquote, and the IsPrint and
// IsGraphic classes that decide which runes a literal shows as themselves.
//
// The escapes are the Go spec's ("Rune literals"): \a \b \f \n \r \t \v, a backslash before
// a backslash or the literal's own quote, \x and two hex digits for any other control
// character and for each byte that is not UTF-8, \u and four or \U and eight for other
// runes the literal does not show. Which runes it shows, and the lower-case hex, are Go's
// choices (Go as the oracle): the printable runes (IsPrint), only printable ASCII
// (ToASCII), or the printable runes and the other Unicode spaces (ToGraphic).
//
// The Append forms return a buffer whose capacity is observable, and capacity depends on
// where each append grows the buffer. So the pieces are appended as Go's strconv appends
// them (Go 1.19, strconv/quote.go): when dst has less free room than the text's length, a
// buffer with room for exactly the text and two quotes first; then each quote, shown rune
// and two-character escape head as one append, and each hex digit of an escape as its own.

package strconv

import "unicode/utf8"

// quoteHexDigits are the digits of escapes: lower case, as Go writes them.
const quoteHexDigits = "0123456789abcdef"

// Which runes a literal shows as themselves; the rest are escaped.
const (
	quotePrintable = iota // IsPrint's
	quoteASCII            // printable ASCII only
	quoteGraphic          // IsGraphic's: IsPrint's and the Unicode spaces
)

// Quote returns s as a double-quoted Go string literal: printable runes as themselves,
// anything else escaped.
func Quote(s string) string {
	return quoteString(s, '"', quotePrintable)
}

// AppendQuote appends Quote(s) to dst and returns the extended buffer.
func AppendQuote(dst []byte, s string) []byte {
	return quoteAppend(dst, s, '"', quotePrintable)
}

// QuoteToASCII is Quote that escapes every rune outside printable ASCII.
func QuoteToASCII(s string) string {
	return quoteString(s, '"', quoteASCII)
}

// AppendQuoteToASCII appends QuoteToASCII(s) to dst and returns the extended buffer.
func AppendQuoteToASCII(dst []byte, s string) []byte {
	return quoteAppend(dst, s, '"', quoteASCII)
}

// QuoteToGraphic is Quote that also shows the graphic runes (IsGraphic) unescaped.
func QuoteToGraphic(s string) string {
	return quoteString(s, '"', quoteGraphic)
}

// AppendQuoteToGraphic appends QuoteToGraphic(s) to dst and returns the extended buffer.
func AppendQuoteToGraphic(dst []byte, s string) []byte {
	return quoteAppend(dst, s, '"', quoteGraphic)
}

// QuoteRune returns r as a single-quoted Go rune literal; a value that is not a valid rune
// is quoted as U+FFFD.
func QuoteRune(r rune) string {
	return string(quoteRuneAppend(nil, r, quotePrintable))
}

// AppendQuoteRune appends QuoteRune(r) to dst and returns the extended buffer.
func AppendQuoteRune(dst []byte, r rune) []byte {
	return quoteRuneAppend(dst, r, quotePrintable)
}

// QuoteRuneToASCII is QuoteRune that escapes a rune outside printable ASCII.
func QuoteRuneToASCII(r rune) string {
	return string(quoteRuneAppend(nil, r, quoteASCII))
}

// AppendQuoteRuneToASCII appends QuoteRuneToASCII(r) to dst and returns the extended buffer.
func AppendQuoteRuneToASCII(dst []byte, r rune) []byte {
	return quoteRuneAppend(dst, r, quoteASCII)
}

// QuoteRuneToGraphic is QuoteRune that also shows a graphic rune (IsGraphic) unescaped.
func QuoteRuneToGraphic(r rune) string {
	return string(quoteRuneAppend(nil, r, quoteGraphic))
}

// AppendQuoteRuneToGraphic appends QuoteRuneToGraphic(r) to dst and returns the extended
// buffer.
func AppendQuoteRuneToGraphic(dst []byte, r rune) []byte {
	return quoteRuneAppend(dst, r, quoteGraphic)
}

// CanBackquote reports whether s can be written between back quotes as it is: valid UTF-8
// without a back quote, a byte order mark, or a control character other than tab.
func CanBackquote(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == '`' || c == 0x7F || c < ' ' && c != '\t' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if size == 1 || r == 0xFEFF {
			return false // not UTF-8, or an invisible byte order mark
		}
		i += size
	}
	return true
}

// quoteString returns s quoted with q. The buffer's capacity is not seen, so it is sized
// freely: the text, its quotes, and room for a few escapes.
func quoteString(s string, q byte, show int) string {
	return string(quoteAppend(make([]byte, 0, len(s)+len(s)/2+2), s, q, show))
}

// quoteAppend appends s quoted with q to buf.
func quoteAppend(buf []byte, s string, q byte, show int) []byte {
	if cap(buf)-len(buf) < len(s) {
		grown := make([]byte, len(buf), len(buf)+len(s)+2)
		copy(grown, buf)
		buf = grown
	}
	buf = append(buf, q)
	for i := 0; i < len(s); {
		c := s[i]
		if ' ' <= c && c < 0x7F && c != q && c != '\\' {
			buf = append(buf, c) // printable ASCII, shown in every mode
			i++
			continue
		}
		if c < utf8.RuneSelf {
			buf = quoteEscape(buf, rune(c), q, show)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if size == 1 {
			buf = quoteHex(buf, 'x', uint32(c), 2) // a byte that is not UTF-8
		} else {
			buf = quoteEscape(buf, r, q, show)
		}
		i += size
	}
	return append(buf, q)
}

// quoteRuneAppend appends r as a rune literal to buf.
func quoteRuneAppend(buf []byte, r rune, show int) []byte {
	if !utf8.ValidRune(r) {
		r = utf8.RuneError
	}
	buf = append(buf, '\'')
	buf = quoteEscape(buf, r, '\'', show)
	return append(buf, '\'')
}

// quoteEscape appends the valid rune r as it stands inside a literal quoted with q: itself,
// if the mode shows it, or its escape.
func quoteEscape(buf []byte, r rune, q byte, show int) []byte {
	if r == rune(q) || r == '\\' {
		buf = append(buf, '\\')
		return append(buf, byte(r))
	}
	shown := false
	switch show {
	case quotePrintable:
		shown = IsPrint(r)
	case quoteASCII:
		shown = r < utf8.RuneSelf && IsPrint(r)
	case quoteGraphic:
		shown = IsPrint(r) || quoteIsSpace(r)
	}
	if shown {
		return quoteUTF8(buf, r)
	}
	switch r {
	case '\a':
		return append(buf, `\a`...)
	case '\b':
		return append(buf, `\b`...)
	case '\f':
		return append(buf, `\f`...)
	case '\n':
		return append(buf, `\n`...)
	case '\r':
		return append(buf, `\r`...)
	case '\t':
		return append(buf, `\t`...)
	case '\v':
		return append(buf, `\v`...)
	}
	switch {
	case r < ' ' || r == 0x7F:
		return quoteHex(buf, 'x', uint32(r), 2)
	case r < 0x10000:
		return quoteHex(buf, 'u', uint32(r), 4)
	}
	return quoteHex(buf, 'U', uint32(r), 8)
}

// quoteHex appends the escape \ kind and the low n hex digits of v, the digits one append
// each (see the file comment).
func quoteHex(buf []byte, kind byte, v uint32, n int) []byte {
	buf = append(buf, '\\', kind)
	for shift := 4 * (n - 1); shift >= 0; shift -= 4 {
		buf = append(buf, quoteHexDigits[v>>uint(shift)&0xF])
	}
	return buf
}

// quoteUTF8 appends the UTF-8 encoding of the valid rune r in one append, from registers:
// utf8.AppendRune's scratch array would be allocated on the heap in tbuild.
func quoteUTF8(buf []byte, r rune) []byte {
	switch {
	case r < 0x80:
		return append(buf, byte(r))
	case r < 0x800:
		return append(buf, 0xC0|byte(r>>6), 0x80|byte(r)&0x3F)
	case r < 0x10000:
		return append(buf, 0xE0|byte(r>>12), 0x80|byte(r>>6)&0x3F, 0x80|byte(r)&0x3F)
	}
	return append(buf, 0xF0|byte(r>>18), 0x80|byte(r>>12)&0x3F, 0x80|byte(r>>6)&0x3F, 0x80|byte(r)&0x3F)
}

// IsPrint reports whether r is printable by Go's definition: a letter, mark, number,
// punctuation mark or symbol (Unicode categories L, M, N, P, S), or the ASCII space. The
// ranges are isprint.go's tables, generated from Go's.
func IsPrint(r rune) bool {
	switch {
	case r < 0:
		return false
	case r < 0x80:
		return ' ' <= r && r < 0x7F
	case r < 0x10000:
		x := uint16(r)
		return quoteInRanges16(isPrint16, x) && !quoteListed(isNotPrint16, x)
	case r < 0x20000:
		// isNotPrint32 lists plane 1's exceptions only, as offsets from 0x10000.
		return quoteInRanges32(isPrint32, uint32(r)) && !quoteListed(isNotPrint32, uint16(r-0x10000))
	}
	return quoteInRanges32(isPrint32, uint32(r))
}

// IsGraphic reports whether r is graphic by Go's definition: printable (IsPrint), or a
// space of Unicode category Zs.
func IsGraphic(r rune) bool {
	return IsPrint(r) || quoteIsSpace(r)
}

// quoteIsSpace reports whether r is on isprint.go's list of graphic runes that IsPrint
// rejects, all below 0x10000. As in Go, a rune under 0x10000 (negative ones too) is looked
// up by its low 16 bits: IsGraphic(0x3000 - 0x10000) is true in Go, and here.
func quoteIsSpace(r rune) bool {
	return r < 0x10000 && quoteListed(isGraphic, uint16(r))
}

// quoteInRanges16 reports whether x lies in one of the [lo, hi] pairs of ranges, a sorted
// table lo0, hi0, lo1, hi1, ...: the first pair ending at or after x must start at or
// before it.
func quoteInRanges16(ranges []uint16, x uint16) bool {
	lo, hi := 0, len(ranges)/2 // pair indexes
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if ranges[2*mid+1] < x {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo < len(ranges)/2 && ranges[2*lo] <= x
}

// quoteInRanges32 is quoteInRanges16 for a table of 32-bit ranges.
func quoteInRanges32(ranges []uint32, x uint32) bool {
	lo, hi := 0, len(ranges)/2
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if ranges[2*mid+1] < x {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo < len(ranges)/2 && ranges[2*lo] <= x
}

// quoteListed reports whether x is in the sorted list.
func quoteListed(list []uint16, x uint16) bool {
	lo, hi := 0, len(list)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		switch {
		case list[mid] < x:
			lo = mid + 1
		case list[mid] > x:
			hi = mid
		default:
			return true
		}
	}
	return false
}
