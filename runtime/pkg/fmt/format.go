// Field formatting: turning one basic value (integer, float, string, bytes, rune, bool)
// into text under the flags, width and precision of its directive, and appending it to
// the printer's output. print.go decides which of these to call for an operand and verb;
// the helpers here read the directive (p.d), changing a flag only for the length of one
// call, and append to p.out.
//
// Width is measured in runes, as Go's fmt documents. All width padding goes through one
// helper, emit, which pads with spaces, or with zeros when the '0' flag is in force and the
// caller has not suppressed it (numbers do their own zero padding, between sign and digits).

package fmt

import (
	"strconv"
	"unicode/utf8"
)

const (
	lowerHex = "0123456789abcdef"
	upperHex = "0123456789ABCDEF"
)

// directive is the parsed state of one %-directive: its flags, width and precision.
// width and prec keep their last values after reset (State.Width and Precision report
// them with ok false), as Go's printer does.
type directive struct {
	minus, plus, sharp, space, zero bool

	// plusV and sharpV are %+v and %#v: set instead of plus and sharp for the verb v.
	plusV, sharpV bool

	hasWidth, hasPrec bool
	width, prec       int
}

// reset clears the flags for a new directive.
func (d *directive) reset() {
	w := d.width
	pr := d.prec
	*d = directive{}
	d.width = w
	d.prec = pr
}

// fill appends n padding bytes: zeros when the '0' flag is set, spaces otherwise.
func (p *printer) fill(n int) {
	c := byte(' ')
	if p.d.zero {
		c = '0'
	}
	for ; n > 0; n-- {
		p.out = append(p.out, c)
	}
}

// emit appends s padded to the directive's width: on the left, or on the right under '-'.
func (p *printer) emit(s string) {
	if !p.d.hasWidth || p.d.width == 0 {
		p.out = append(p.out, s...)
		return
	}
	gap := p.d.width - utf8.RuneCountInString(s)
	if p.d.minus {
		p.out = append(p.out, s...)
		p.fill(gap)
		return
	}
	p.fill(gap)
	p.out = append(p.out, s...)
}

// emitSpaced is emit padding with spaces whatever the '0' flag says.
func (p *printer) emitSpaced(s string) {
	z := p.d.zero
	p.d.zero = false
	p.emit(s)
	p.d.zero = z
}

// putBool formats true or false.
func (p *printer) putBool(b bool) {
	if b {
		p.emit("true")
	} else {
		p.emit("false")
	}
}

// putNumber formats the integer u (a two's-complement int64 when signed) in the given
// base (2, 8, 10 or 16), for the verb that asked (O adds a 0o prefix).
func (p *printer) putNumber(u uint64, base uint64, signed bool, upper bool, verb rune) {
	neg := signed && int64(u) < 0
	if neg {
		u = -u
	}

	// The minimum count of digits: the precision, or under '0' the width less the sign.
	minDigits := 0
	if p.d.hasPrec {
		minDigits = p.d.prec
		if minDigits == 0 && u == 0 {
			// %.0d of zero prints no digits, only the padding.
			z := p.d.zero
			p.d.zero = false
			p.fill(p.d.width)
			p.d.zero = z
			return
		}
	} else if p.d.zero && p.d.hasWidth {
		minDigits = p.d.width
		if neg || p.d.plus || p.d.space {
			minDigits--
		}
	}

	table := lowerHex
	if upper {
		table = upperHex
	}
	var tmp [64]byte
	n := len(tmp)
	for {
		n--
		tmp[n] = table[u%base]
		u /= base
		if u == 0 {
			break
		}
	}
	digits := tmp[n:]

	var head []byte
	if neg {
		head = append(head, '-')
	} else if p.d.plus {
		head = append(head, '+')
	} else if p.d.space {
		head = append(head, ' ')
	}
	if verb == 'O' {
		head = append(head, '0', 'o')
	}
	if p.d.sharp {
		switch base {
		case 2:
			head = append(head, '0', 'b')
		case 16:
			if upper {
				head = append(head, '0', 'X')
			} else {
				head = append(head, '0', 'x')
			}
		}
	}
	zeros := minDigits - len(digits)
	if zeros < 0 {
		zeros = 0
	}
	// The # flag gives octal a leading 0 unless the digits already start with one.
	if p.d.sharp && base == 8 && zeros == 0 && digits[0] != '0' {
		zeros = 1
	}

	text := make([]byte, 0, len(head)+zeros+len(digits))
	text = append(text, head...)
	for ; zeros > 0; zeros-- {
		text = append(text, '0')
	}
	text = append(text, digits...)
	p.emitSpaced(string(text))
}

// putHex formats u in lower-case hexadecimal, with a 0x prefix when prefixed (pointers,
// and unsigned integers and bytes under %#v).
func (p *printer) putHex(u uint64, prefixed bool) {
	s := p.d.sharp
	p.d.sharp = prefixed
	p.putNumber(u, 16, false, false, 'v')
	p.d.sharp = s
}

// putCodePoint formats u as U+XXXX (at least four hex digits, more under a precision),
// followed by the quoted character under '#' when it is printable.
func (p *printer) putCodePoint(u uint64) {
	orig := u
	want := 4
	if p.d.hasPrec && p.d.prec > 4 {
		want = p.d.prec
	}
	var tmp [16]byte
	n := len(tmp)
	for {
		n--
		tmp[n] = upperHex[u&15]
		u >>= 4
		if u == 0 {
			break
		}
	}
	text := []byte("U+")
	for k := len(tmp) - n; k < want; k++ {
		text = append(text, '0')
	}
	text = append(text, tmp[n:]...)
	if p.d.sharp && orig <= utf8.MaxRune && strconv.IsPrint(rune(orig)) {
		text = append(text, ' ', '\'')
		text = utf8.AppendRune(text, rune(orig))
		text = append(text, '\'')
	}
	p.emitSpaced(string(text))
}

// toRune converts an integer operand to a rune, U+FFFD when it is beyond Unicode.
func toRune(c uint64) rune {
	if c > utf8.MaxRune {
		return utf8.RuneError
	}
	return rune(c)
}

// putChar formats c as the character it encodes (%c).
func (p *printer) putChar(c uint64) {
	p.emit(string(utf8.AppendRune(nil, toRune(c))))
}

// putQuotedChar formats c as a single-quoted Go character literal (%q), ASCII-only under +.
func (p *printer) putQuotedChar(c uint64) {
	if p.d.plus {
		p.emit(strconv.QuoteRuneToASCII(toRune(c)))
	} else {
		p.emit(strconv.QuoteRune(toRune(c)))
	}
}

// clip returns s cut to at most the precision's count of runes, when there is a precision.
func (p *printer) clip(s string) string {
	if !p.d.hasPrec {
		return s
	}
	left := p.d.prec
	for at := range s {
		if left == 0 {
			return s[:at]
		}
		left--
	}
	return s
}

// putText formats a string (%s, %v).
func (p *printer) putText(s string) {
	p.emit(p.clip(s))
}

// putQuoted formats s as a Go string literal (%q): back-quoted under # when it can be,
// ASCII-only under +.
func (p *printer) putQuoted(s string) {
	s = p.clip(s)
	switch {
	case p.d.sharp && strconv.CanBackquote(s):
		p.emit("`" + s + "`")
	case p.d.plus:
		p.emit(strconv.QuoteToASCII(s))
	default:
		p.emit(strconv.Quote(s))
	}
}

// putHexBytes formats the bytes of s as hexadecimal (%x, %X): at most precision bytes,
// space-separated under ' ', with 0x before the whole (#) or before each byte (# and ' ').
func (p *printer) putHexBytes(s string, upper bool) {
	n := len(s)
	if p.d.hasPrec && p.d.prec < n {
		n = p.d.prec
	}
	if n <= 0 {
		if p.d.hasWidth {
			p.fill(p.d.width)
		}
		return
	}
	table := lowerHex
	prefix := "0x"
	if upper {
		table = upperHex
		prefix = "0X"
	}
	text := make([]byte, 0, 5*n)
	if p.d.sharp {
		text = append(text, prefix...)
	}
	for k := 0; k < n; k++ {
		if k > 0 && p.d.space {
			text = append(text, ' ')
			if p.d.sharp {
				text = append(text, prefix...)
			}
		}
		text = append(text, table[s[k]>>4], table[s[k]&15])
	}
	// The encoding is ASCII: its length is its width in runes.
	gap := 0
	if p.d.hasWidth {
		gap = p.d.width - len(text)
	}
	if !p.d.minus {
		p.fill(gap)
	}
	p.out = append(p.out, text...)
	if p.d.minus {
		p.fill(gap)
	}
}

// putFloat formats v (of bitSize 32 or 64) with strconv's verb (b e E f g G x X) and the
// directive's precision, or defPrec without one.
func (p *printer) putFloat(v float64, bitSize int, verb byte, defPrec int) {
	prec := defPrec
	if p.d.hasPrec {
		prec = p.d.prec
	}
	digits := strconv.FormatFloat(v, verb, prec, bitSize)

	// Split off the sign: sign is '-', '+' or ' ' when one is to be shown, else 0.
	sign := byte(0)
	if digits[0] == '+' {
		digits = digits[1:]
	}
	if digits[0] == '-' {
		sign = '-'
		digits = digits[1:]
	} else if p.d.plus {
		sign = '+'
	} else if p.d.space {
		sign = ' '
	}

	if digits == "Inf" || digits == "NaN" {
		// Not numbers: never zero-padded; NaN shows a sign only when one is asked for,
		// and positive infinity always shows one.
		if digits == "Inf" && sign == 0 {
			sign = '+'
		}
		if digits == "NaN" {
			sign = 0
			if p.d.plus {
				sign = '+'
			} else if p.d.space {
				sign = ' '
			}
		}
		if sign != 0 {
			digits = string(sign) + digits
		}
		p.emitSpaced(digits)
		return
	}

	if p.d.sharp && verb != 'b' {
		digits = keepPoint(digits, verb, prec)
	}

	if sign == 0 {
		p.emit(digits)
		return
	}
	if p.d.zero && p.d.hasWidth && p.d.width > len(digits)+1 {
		// Zero padding goes between the sign and the digits.
		p.out = append(p.out, sign)
		p.fill(p.d.width - len(digits) - 1)
		p.out = append(p.out, digits...)
		return
	}
	p.emit(string(sign) + digits)
}

// keepPoint applies the # flag to an unsigned float text: it always has a decimal point,
// and for %g, %G, %x and %v the trailing zeros up to the precision's count of significant
// digits (six without a precision) are kept.
func keepPoint(num string, verb byte, prec int) string {
	want := 0
	if verb == 'g' || verb == 'G' || verb == 'x' {
		want = prec
		if want == -1 {
			want = 6
		}
	}
	hexVerb := verb == 'x' || verb == 'X'

	// The exponent ("e+07", "p-03") is set aside and put back at the end.
	mant := num
	exp := ""
	for k := 0; k < len(num); k++ {
		c := num[k]
		if c == 'p' || c == 'P' || (!hexVerb && (c == 'e' || c == 'E')) {
			mant = num[:k]
			exp = num[k:]
			break
		}
	}

	point := false
	counting := false
	for k := 0; k < len(mant); k++ {
		c := mant[k]
		if c == '.' {
			point = true
			continue
		}
		if c != '0' {
			counting = true
		}
		if counting {
			want--
		}
	}
	out := []byte(mant)
	if !point {
		if mant == "0" {
			want--
		}
		out = append(out, '.')
	}
	for ; want > 0; want-- {
		out = append(out, '0')
	}
	out = append(out, exp...)
	return string(out)
}
