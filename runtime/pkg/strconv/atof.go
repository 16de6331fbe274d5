// Text to floats: ParseFloat, and ParseComplex made of it.
//
// What is accepted is Go's (the strconv documentation and the Go spec's floating-point
// literals, with Go as the oracle): an optional sign, then decimal digits with at most one
// point and an optional exponent (e or E, an optional sign, decimal digits), or 0x/0X,
// hexadecimal digits with at most one point and a binary exponent (p or P) that may not be
// left out; underscores between digits, or after the prefix, as in Go literals; and
// "inf", "infinity" (both with an optional sign) and "nan", in any case. The result is the
// float nearest the exact value, ties to even; past the largest finite value it is a signed
// infinity with ErrRange, and a value below half the smallest subnormal is a signed zero
// without error.
//
// How (our own): the text is read once (fltScan) into its first significant digits as an
// integer, how many there are and where the point is. When that integer and the power of
// ten are both exact floats, one IEEE multiplication or division rounds correctly
// (Clinger's fast path). Otherwise the value is computed exactly with big integers
// (fltBig): digits·5^e, or the first 63 or 64 bits of digits·2^s/5^-e and whether a
// remainder is left, and rounded from its top 64 bits and that sticky bit (atofRound). Of a
// longer text the first 800 significant digits are kept, and whether any later one is not
// zero: a tie between two float64s has at most 767 significant digits, so the rounding is
// the full text's.

package strconv

import "unsafe"

// ParseFloat returns the float64 nearest s, or, for bitSize 32, the float32 nearest s as a
// float64 (any other bitSize is 64). Errors are *NumError values with Func "ParseFloat":
// ErrSyntax (and 0) for a text that is not a float, ErrRange (and a signed infinity) for one
// beyond the size's largest finite value.
func ParseFloat(s string, bitSize int) (float64, error) {
	size := 64
	if bitSize == 32 {
		size = 32
	}
	f, n, why := parseFloatPrefix(s, size)
	if n != len(s) {
		return 0, &NumError{"ParseFloat", s, ErrSyntax}
	}
	if why != nil {
		return f, &NumError{"ParseFloat", s, why}
	}
	return f, nil
}

// ParseComplex returns the complex number nearest s, of complex64 parts for bitSize 64 and
// of complex128 parts otherwise: s is a float N (real), Ni (imaginary) or N±Ni, optionally
// in parentheses, each N as ParseFloat reads it. Errors are *NumError values with Func
// "ParseComplex" and the whole text: a syntax error gives 0 at once, a part out of range
// its infinity and ErrRange once the rest is read (Go's behaviour).
func ParseComplex(s string, bitSize int) (complex128, error) {
	size := 64
	if bitSize == 64 {
		size = 32
	}
	text := s
	if len(s) >= 2 && s[0] == '(' && s[len(s)-1] == ')' {
		s = s[1 : len(s)-1]
	}
	var outOfRange error
	// part reads a float at the start of s, reporting whether it was a syntax error.
	part := func() (float64, bool) {
		f, n, why := parseFloatPrefix(s, size)
		if why == ErrSyntax {
			return 0, false
		}
		if why != nil {
			outOfRange = &NumError{"ParseComplex", text, why}
		}
		s = s[n:]
		return f, true
	}
	bad := func() (complex128, error) { return 0, &NumError{"ParseComplex", text, ErrSyntax} }
	re, ok := part()
	if !ok {
		return bad()
	}
	switch {
	case s == "":
		return complex(re, 0), outOfRange
	case s == "i":
		return complex(0, re), outOfRange
	case s[0] == '+' && len(s) > 1 && s[1] != '+':
		s = s[1:] // the imaginary part's own sign, if any, follows ("+NaNi" has none)
	case s[0] != '-':
		return bad()
	}
	im, ok := part()
	if !ok || s != "i" {
		return bad()
	}
	return complex(re, im), outOfRange
}

// parseFloatPrefix reads the longest float at the start of s: its value (rounded to size
// bits), how many bytes it took and why it failed, if it did.
func parseFloatPrefix(s string, size int) (float64, int, error) {
	if f, n, ok := fltSpecial(s); ok {
		return f, n, nil
	}
	var t fltText
	if !t.scan(s) {
		return 0, t.n, ErrSyntax
	}
	f, why := t.value(s, size)
	return f, t.n, why
}

// fltSpecial reads "inf" or "infinity" with an optional sign, or "nan", in any case.
func fltSpecial(s string) (f float64, n int, ok bool) {
	if len(s) == 0 {
		return 0, 0, false
	}
	sign, rest := 0, s
	if s[0] == '+' || s[0] == '-' {
		sign, rest = 1, s[1:]
	}
	if k := fltPrefixFold(rest, "infinity"); k == 3 || k == 8 {
		bits := uint64(0x7ff) << 52
		if s[0] == '-' {
			bits |= 1 << 63
		}
		return *(*float64)(unsafe.Pointer(&bits)), sign + k, true
	} else if k > 3 {
		// "infin": the infinity is the first three letters.
		return fltSpecial(s[:sign+3])
	}
	if sign == 0 && fltPrefixFold(s, "nan") == 3 {
		bits := uint64(0x7ff8000000000001)
		return *(*float64)(unsafe.Pointer(&bits)), 3, true
	}
	return 0, 0, false
}

// fltPrefixFold returns how many leading bytes of s match word (lower case), ignoring
// case.
func fltPrefixFold(s, word string) int {
	n := 0
	for n < len(s) && n < len(word) && s[n]|0x20 == word[n] {
		n++
	}
	return n
}

// fltText is a float's text, read: the value is 0.d₁d₂…d_nd × base^point (base 10, or 16
// for hex), where mant holds the first significant digits (19 decimal or 16 hex ones) and
// inexact says a digit past them is not zero; exp is the exponent written after e or p.
type fltText struct {
	neg     bool
	hex     bool
	mant    uint64
	nd      int // significant digits, from the first non-zero one
	point   int
	inexact bool
	exp     int
	digits  [2]int // where the digits (with point and underscores) are in the text
	n       int    // bytes read
}

// scan reads a float's text at the start of s, reporting whether it is one.
func (t *fltText) scan(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		t.neg = s[i] == '-'
		i++
	}
	expChar, maxDigits := byte('e'), 19
	if i+2 < len(s) && s[i] == '0' && s[i+1]|0x20 == 'x' {
		t.hex, expChar, maxDigits = true, 'p', 16
		i += 2
	}
	t.digits[0] = i
	sawDigit, sawPoint, underscores := false, false, false
	for ; i < len(s); i++ {
		c := s[i]
		d := fltDigit(c, t.hex)
		if c == '_' {
			underscores = true
			continue
		} else if c == '.' {
			if sawPoint {
				break
			}
			sawPoint = true
			t.point = t.nd
			continue
		} else if d < 0 {
			break
		}
		sawDigit = true
		if d == 0 && t.nd == 0 {
			if sawPoint {
				t.point-- // a zero between the point and the first significant digit
			}
			continue
		}
		t.nd++
		if t.nd <= maxDigits {
			if t.hex {
				t.mant = t.mant<<4 | uint64(d)
			} else {
				t.mant = t.mant*10 + uint64(d)
			}
		} else if d != 0 {
			t.inexact = true
		}
	}
	t.digits[1] = i
	if !sawPoint {
		t.point = t.nd
	}
	if !sawDigit {
		t.n = i
		return false
	}
	if i < len(s) && s[i]|0x20 == expChar {
		i++
		if i == len(s) {
			t.n = i
			return false
		}
		esign := 1
		if s[i] == '+' || s[i] == '-' {
			if s[i] == '-' {
				esign = -1
			}
			i++
		}
		if i == len(s) || s[i] < '0' || s[i] > '9' {
			t.n = i
			return false
		}
		e := 0
		for ; i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '_'); i++ {
			if s[i] == '_' {
				underscores = true
			} else if e < 10000 {
				e = e*10 + int(s[i]-'0')
			}
		}
		t.exp = esign * e
	} else if t.hex {
		t.n = i
		return false // a hexadecimal mantissa needs its p exponent
	}
	t.n = i
	return !underscores || fltUnderscoresOK(s[:i])
}

// fltDigit returns the value of the digit c (hexadecimal ones too if hex), or -1.
func fltDigit(c byte, hex bool) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case hex && c|0x20 >= 'a' && c|0x20 <= 'f':
		return int(c|0x20-'a') + 10
	}
	return -1
}

// fltUnderscoresOK reports whether every underscore of the float text s stands between two
// digits, or between the 0x prefix and a digit, as in a Go literal.
func fltUnderscoresOK(s string) bool {
	if len(s) > 0 && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	hex := len(s) >= 2 && s[0] == '0' && s[1]|0x20 == 'x'
	// What came before: 'd' a digit (or the prefix), '_' an underscore, 'x' anything else.
	prev := byte('x')
	if hex {
		prev = 'd'
		s = s[2:]
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case fltDigit(c, hex) >= 0:
			prev = 'd'
		case c == '_':
			if prev != 'd' {
				return false
			}
			prev = '_'
		default:
			if prev == '_' {
				return false
			}
			prev = 'x'
		}
	}
	return prev != '_'
}

// fltPow5 are the powers of five that fit in 32 bits.
var fltPow5 = [14]uint32{1, 5, 25, 125, 625, 3125, 15625, 78125, 390625, 1953125, 9765625,
	48828125, 244140625, 1220703125}

// atofPow10 are the powers of ten that are exact float64s.
var atofPow10 = [23]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// value returns the float of size bits nearest the text t read from s.
func (t *fltText) value(s string, size int) (float64, error) {
	if t.nd == 0 {
		if t.neg {
			bits := uint64(1) << 63
			return *(*float64)(unsafe.Pointer(&bits)), nil
		}
		return 0, nil
	}
	if t.hex {
		kept := t.nd
		if kept > 16 {
			kept = 16
		}
		// 16^(point-kept) · 2^exp; point and kept are bounded by the text's length, exp
		// by 10000.
		return atofRound(t.mant, 4*(t.point-kept)+t.exp, t.inexact, t.neg, size)
	}
	kept := t.nd
	if kept > 19 {
		kept = 19
	}
	if !t.inexact {
		// The value is mant·10^e: the digits past the first 19, if any, are zeros.
		if f, ok := fltExact(t.mant, t.point-kept+t.exp, size); ok {
			if t.neg {
				f = -f
			}
			return f, nil
		}
	}
	// Beyond the range of either size: 10^(point+exp-1) <= value < 10^(point+exp).
	top := t.point + t.exp
	if size == 64 && top > 310 || size == 32 && top > 40 {
		return atofRound(1, 1<<14, false, t.neg, size) // overflows
	}
	if size == 64 && top < -330 || size == 32 && top < -50 {
		return atofRound(1, -1<<14, false, t.neg, size) // rounds to zero
	}
	return t.slow(s, size)
}

// fltExact returns mant·10^e as a float of size bits when one IEEE operation on exact
// operands gives it, correctly rounded.
func fltExact(mant uint64, e int, size int) (float64, bool) {
	if size == 32 {
		if mant >= 1<<24 || e < -10 || e > 10 {
			return 0, false
		}
		f := float32(mant)
		p := float32(atofPow10[abs(e)])
		if e >= 0 {
			f *= p
		} else {
			f /= p
		}
		return float64(f), true
	}
	if mant >= 1<<53 || e < -22 || e > 22 {
		return 0, false
	}
	if e >= 0 {
		return float64(mant) * atofPow10[e], true
	}
	return float64(mant) / atofPow10[-e], true
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// fltMaxDigits is how many significant decimal digits the exact conversion keeps.
const fltMaxDigits = 800

// slow converts the decimal text t, read from s, exactly: the first fltMaxDigits
// significant digits as a big integer D, whether a later digit is not zero, and
// D·10^e = D·5^e·2^e.
func (t *fltText) slow(s string, size int) (float64, error) {
	var d fltBig
	kept, sticky := 0, false
	chunk, inChunk := uint32(0), 0
	for i := t.digits[0]; i < t.digits[1]; i++ {
		c := s[i]
		if c < '0' || c > '9' || c == '0' && kept == 0 {
			continue
		}
		if kept == fltMaxDigits {
			sticky = sticky || c != '0'
			continue
		}
		chunk = chunk*10 + uint32(c-'0')
		inChunk++
		kept++
		if inChunk == 9 {
			d = d.mulAdd(1e9, chunk)
			chunk, inChunk = 0, 0
		}
	}
	if inChunk > 0 {
		d = d.mulAdd(uint32(atofPow10[inChunk]), chunk)
	}
	e := t.point - kept + t.exp
	if e >= 0 {
		m, shift, lost := d.mulPow5(e).top64()
		return atofRound(m, e+shift, sticky || lost, t.neg, size)
	}
	// D·2^s / 5^-e with s chosen for a quotient of 63 or 64 bits.
	five := fltBig{1}.mulPow5(-e)
	s2 := five.bitLen() + 63 - d.bitLen()
	if s2 >= 0 {
		d = d.shl(s2)
	} else {
		five = five.shl(-s2)
	}
	q, rest := d.divTop(five)
	return atofRound(q, e-s2, sticky || rest, t.neg, size)
}

// atofRound returns the float of size bits nearest m·2^e (m > 0), where sticky says the exact
// value is a little more than that, with ErrRange past the largest finite value.
func atofRound(m uint64, e int, sticky, neg bool, size int) (float64, error) {
	mantBits, minExp, maxBiased := 52, -1022, uint64(0x7ff)
	if size == 32 {
		mantBits, minExp, maxBiased = 23, -126, 0xff
	}
	if e > 1<<14 {
		e = 1 << 14 // an overflow however large
	} else if e < -1<<14 {
		e = -1 << 14
	}
	// m in [2^63, 2^64): the value is m/2^63 · 2^exp2.
	lz := 64 - len64(m)
	m <<= uint(lz)
	exp2 := e - lz + 63
	keep := mantBits + 1 // the bits the result keeps: fewer for a subnormal
	if exp2 < minExp {
		keep -= minExp - exp2
	}
	if exp2-minExp >= int(maxBiased)-1 {
		keep = -1 // overflows: the exponent field would be all ones or more
	}
	var bits uint64
	if keep >= 0 {
		shift := uint(64 - keep)
		mant := uint64(0)
		if keep > 0 {
			mant = m >> shift
		}
		half := uint64(1) << (shift - 1)
		low := m & (half<<1 - 1)
		if low > half || low == half && (sticky || mant&1 == 1) {
			mant++
		}
		// For a normal the mantissa's leading one adds one to the exponent field, and a
		// rounding carry past it one more; a subnormal that rounds up to 2^minExp becomes
		// the smallest normal the same way.
		bits = mant
		if exp2 >= minExp {
			bits += uint64(exp2-minExp) << uint(mantBits)
		}
	}
	var why error
	if bits>>uint(mantBits) >= maxBiased || exp2-minExp >= int(maxBiased)-1 {
		bits, why = maxBiased<<uint(mantBits), ErrRange
	}
	if size == 32 {
		b32 := uint32(bits)
		if neg {
			b32 |= 1 << 31
		}
		return float64(*(*float32)(unsafe.Pointer(&b32))), why
	}
	if neg {
		bits |= 1 << 63
	}
	return *(*float64)(unsafe.Pointer(&bits)), why
}

// fltBig is a natural number in base 2^32, least significant limb first, with no zero limb
// at the top.
type fltBig []uint32

// mulAdd returns b·m + a.
func (b fltBig) mulAdd(m, a uint32) fltBig {
	carry := uint64(a)
	for i := range b {
		x := uint64(b[i])*uint64(m) + carry
		b[i] = uint32(x)
		carry = x >> 32
	}
	if carry != 0 {
		b = append(b, uint32(carry))
	}
	return b
}

// mulPow5 returns b·5^k.
func (b fltBig) mulPow5(k int) fltBig {
	for ; k >= 13; k -= 13 {
		b = b.mulAdd(fltPow5[13], 0)
	}
	return b.mulAdd(fltPow5[k], 0)
}

func (b fltBig) bitLen() int {
	if len(b) == 0 {
		return 0
	}
	return 32*(len(b)-1) + len64(uint64(b[len(b)-1]))
}

// shl returns b·2^s.
func (b fltBig) shl(s int) fltBig {
	if len(b) == 0 {
		return b
	}
	limbs, bits := s/32, uint(s%32)
	out := make(fltBig, len(b)+limbs+1)
	for i := len(b) - 1; i >= 0; i-- {
		x := uint64(b[i]) << bits
		out[i+limbs+1] |= uint32(x >> 32)
		out[i+limbs] = uint32(x)
	}
	for len(out) > 0 && out[len(out)-1] == 0 {
		out = out[:len(out)-1]
	}
	return out
}

// top64 returns b's top 64 bits, how far they are shifted down and whether a bit below
// them is set: b = m·2^shift + (something below 2^shift, not zero if lost).
func (b fltBig) top64() (m uint64, shift int, lost bool) {
	n := b.bitLen()
	if n <= 64 {
		for i := len(b) - 1; i >= 0; i-- {
			m = m<<32 | uint64(b[i])
		}
		return m, 0, false
	}
	shift = n - 64
	for bit := 0; bit < 64; bit++ {
		if b.bit(shift+bit) {
			m |= 1 << uint(bit)
		}
	}
	for i := 0; i < shift/32; i++ {
		lost = lost || b[i] != 0
	}
	lost = lost || b[shift/32]&(1<<uint(shift%32)-1) != 0
	return m, shift, lost
}

func (b fltBig) bit(i int) bool {
	return b[i/32]>>uint(i%32)&1 == 1
}

// divTop returns floor(b/d), which must be below 2^64 with b below d·2^64, and whether a
// remainder is left; b is consumed.
func (b fltBig) divTop(d fltBig) (q uint64, rest bool) {
	for bit := 63; bit >= 0; bit-- {
		if b.geShifted(d, bit) {
			b = b.subShifted(d, bit)
			q |= 1 << uint(bit)
		}
	}
	for _, x := range b {
		if x != 0 {
			return q, true
		}
	}
	return q, false
}

// geShifted reports whether b >= d·2^s.
func (b fltBig) geShifted(d fltBig, s int) bool {
	nb, nd := b.bitLen(), d.bitLen()+s
	if nb != nd {
		return nb > nd
	}
	for i := nb - 1; i >= s; i-- {
		x, y := b.bit(i), d.bit(i-s)
		if x != y {
			return x
		}
	}
	return true // equal down to bit s; b's lower bits are at least d·2^s's zeros
}

// subShifted returns b - d·2^s (b >= d·2^s).
func (b fltBig) subShifted(d fltBig, s int) fltBig {
	sd := d.shl(s)
	var borrow uint64
	for i := range b {
		y := uint64(0)
		if i < len(sd) {
			y = uint64(sd[i])
		}
		x := uint64(b[i]) - y - borrow
		b[i] = uint32(x)
		borrow = x >> 63
	}
	for len(b) > 0 && b[len(b)-1] == 0 {
		b = b[:len(b)-1]
	}
	return b
}
