// ParseFloat: decimal and hexadecimal floating-point text to the nearest float64 or
// float32, rounding half to even, exactly. The significant digits (up to 800 decimal ones,
// more than any halfway point between two floats has, with a sticky bit for the nonzero
// ones dropped) become a big integer D, and the value D·10^e or D·2^e a quotient num/den
// of big integers, divided to 57 bits plus a sticky remainder, which is then rounded to the
// format's precision (fewer bits for subnormals). Also "inf", "infinity" and "nan" in any
// case, underscores as Go's syntax allows them, and Go's errors. One known difference:
// with more than 800 digits before the point and a value at a halfway point, go 1.19's slow
// path misplaces the point (its decimal keeps 800 digits and counts only those); tbuild
// rounds the exact value.

package strconv

import "unsafe"

// The most significant digits kept; beyond them only whether any is nonzero matters.
const atofMaxDigits = 800

// atofFormat is a binary floating-point format: fraction bits and exponent bias.
type atofFormat struct {
	mantBits uint
	bias     int
}

var (
	atofFloat64 = atofFormat{52, 1023}
	atofFloat32 = atofFormat{23, 127}
)

// ParseFloat converts s to the float of bitSize bits (32 or 64) nearest its value. A value
// beyond the format's range gives ±Inf and ErrRange; text that is not a number ErrSyntax.
func ParseFloat(s string, bitSize int) (float64, error) {
	f, n, err := atofPrefix(s, bitSize)
	if n != len(s) && (err == nil || err.(*NumError).Err != ErrSyntax) {
		return 0, &NumError{"ParseFloat", s, ErrSyntax}
	}
	return f, err
}

// atofPrefix parses the longest float at the front of s, returning it and its length.
func atofPrefix(s string, bitSize int) (float64, int, error) {
	if f, n, ok := atofSpecial(s); ok {
		return f, n, nil
	}
	t, n, ok := atofRead(s)
	if !ok {
		return 0, n, &NumError{"ParseFloat", s, ErrSyntax}
	}
	format := atofFloat64
	if bitSize == 32 {
		format = atofFloat32
	}
	bits, overflow := t.round(format)
	var f float64
	if bitSize == 32 {
		b32 := uint32(bits)
		f = float64(*(*float32)(unsafe.Pointer(&b32)))
	} else {
		f = *(*float64)(unsafe.Pointer(&bits))
	}
	if overflow {
		return f, n, &NumError{"ParseFloat", s, ErrRange}
	}
	return f, n, nil
}

// atofPrefixFold returns how many bytes s and word (lower case) share at the front,
// ignoring ASCII case.
func atofPrefixFold(s, word string) int {
	n := 0
	for n < len(s) && n < len(word) && s[n]|0x20 == word[n] {
		n++
	}
	return n
}

// atofSpecial reads an infinity ("inf" or "infinity", optionally signed) or "nan".
func atofSpecial(s string) (float64, int, bool) {
	if s == "" {
		return 0, 0, false
	}
	sign, rest := 0, s
	if s[0] == '+' || s[0] == '-' {
		sign, rest = 1, s[1:]
	}
	if n := atofPrefixFold(rest, "infinity"); n == 8 || n >= 3 {
		if n != 8 {
			n = 3
		}
		bits := uint64(0x7ff0000000000000)
		if s[0] == '-' {
			bits |= 1 << 63
		}
		return *(*float64)(unsafe.Pointer(&bits)), sign + n, true
	}
	if sign == 0 && atofPrefixFold(rest, "nan") == 3 {
		bits := uint64(0x7ff8000000000001)
		return *(*float64)(unsafe.Pointer(&bits)), 3, true
	}
	return 0, 0, false
}

// atofText is a number as read: its significant digits (values, decimal or hexadecimal),
// whether nonzero digits were dropped, and its exponent (of 10, or of 2 for hex).
type atofText struct {
	neg    bool
	hex    bool
	digits []byte
	sticky bool
	exp    int
}

// atofRead reads a decimal or hexadecimal number at the front of s, as Go's readFloat
// does, and returns it with the bytes it took.
func atofRead(s string) (t atofText, i int, ok bool) {
	underscores := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		t.neg = s[i] == '-'
		i++
	}
	expChar := byte('e')
	if i+2 < len(s) && s[i] == '0' && s[i+1]|0x20 == 'x' {
		t.hex = true
		expChar = 'p'
		i += 2
	}
	step := 1 // the exponent's change per digit position
	if t.hex {
		step = 4
	}
	dot, sawDigit := false, false
	for ; i < len(s); i++ {
		c := s[i]
		var d byte
		switch {
		case c == '_':
			underscores = true
			continue
		case c == '.':
			if dot {
				goto mantissaDone
			}
			dot = true
			continue
		case '0' <= c && c <= '9':
			d = c - '0'
		case t.hex && 'a' <= c|0x20 && c|0x20 <= 'f':
			d = c | 0x20 - 'a' + 10
		default:
			goto mantissaDone
		}
		sawDigit = true
		switch {
		case d == 0 && len(t.digits) == 0:
			// A leading zero: only its place counts, after the point.
			if dot {
				t.exp -= step
			}
		case len(t.digits) < atofMaxDigits:
			t.digits = append(t.digits, d)
			if dot {
				t.exp -= step
			}
		default:
			t.sticky = t.sticky || d != 0
			if !dot {
				t.exp += step
			}
		}
	}
mantissaDone:
	if !sawDigit {
		return t, i, false
	}
	if i < len(s) && s[i]|0x20 == expChar {
		i++
		if i >= len(s) {
			return t, i, false
		}
		esign := 1
		if s[i] == '+' || s[i] == '-' {
			if s[i] == '-' {
				esign = -1
			}
			i++
		}
		if i >= len(s) || s[i] < '0' || s[i] > '9' {
			return t, i, false
		}
		e := 0
		for ; i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '_'); i++ {
			if s[i] == '_' {
				underscores = true
			} else if e < 10000 { // Go's bound: beyond, the value is 0 or infinite anyway
				e = e*10 + int(s[i]-'0')
			}
		}
		t.exp += esign * e
	} else if t.hex {
		return t, i, false // a hexadecimal mantissa needs a 'p' exponent
	}
	if underscores && !atofUnderscoresOK(s[:i]) {
		return t, i, false
	}
	return t, i, true
}

// atofUnderscoresOK reports whether every underscore of the number s stands between two
// digits, or between a base prefix and a digit (Go's number syntax).
func atofUnderscoresOK(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	hex := false
	prev := byte('^') // '^' start, '0' digit or prefix, '_' underscore, '!' other
	if len(s) >= 2 && s[0] == '0' {
		switch s[1] | 0x20 {
		case 'x':
			hex = true
			fallthrough
		case 'b', 'o':
			prev = '0'
			s = s[2:]
		}
	}
	for k := 0; k < len(s); k++ {
		c := s[k]
		switch {
		case '0' <= c && c <= '9' || hex && 'a' <= c|0x20 && c|0x20 <= 'f':
			prev = '0'
		case c == '_':
			if prev != '0' {
				return false
			}
			prev = '_'
		default:
			if prev == '_' {
				return false
			}
			prev = '!'
		}
	}
	return prev != '_'
}

// round returns the bits of the float of format f nearest t's value (its sign included),
// and whether it overflowed to infinity.
func (t *atofText) round(f atofFormat) (uint64, bool) {
	var sign uint64
	if t.neg {
		sign = 1 << (f.mantBits + uint(bitsExpWidth(f)))
	}
	if len(t.digits) == 0 {
		return sign, false
	}
	expMax := 2*f.bias + 1 // the biased exponent of infinities
	inf := sign | uint64(expMax)<<f.mantBits
	num := atofNat(nil).fromDigits(t.digits, t.hex)
	den := atofNat{1}
	e2 := 0 // value = num/den · 2^e2
	if t.hex {
		e2 = t.exp
		if num.bitLen()+e2 > 1100 {
			return inf, true
		}
		if num.bitLen()+e2 < -1200 {
			return sign, false
		}
	} else {
		lead := len(t.digits) + t.exp // the value is below 10^lead
		if lead > 310 {
			return inf, true
		}
		if lead < -330 {
			return sign, false
		}
		if t.exp >= 0 {
			num = num.mulPow10(t.exp)
		} else {
			den = den.mulPow10(-t.exp)
		}
	}
	// Scale so that the quotient has 56 or 57 bits.
	shift := 56 - num.bitLen() + den.bitLen()
	if shift > 0 {
		num = num.shl(uint(shift))
	} else {
		den = den.shl(uint(-shift))
	}
	e2 -= shift
	var q uint64
	for b := 56; b >= 0; b-- {
		d := den.shl(uint(b))
		if num.cmp(d) >= 0 {
			num = num.sub(d)
			q |= 1 << uint(b)
		}
	}
	sticky := t.sticky || !num.isZero()
	// q·2^e2 (and a little more when sticky); its leading bit is worth 2^top.
	qlen := 0
	for x := q; x != 0; x >>= 1 {
		qlen++
	}
	top := qlen - 1 + e2
	prec := int(f.mantBits) + 1
	minTop := 1 - f.bias
	cut := qlen - prec // low bits of q that do not fit
	if top < minTop {
		cut += minTop - top // a subnormal keeps fewer
	}
	if cut > 62 {
		return sign, false // below half the smallest subnormal
	}
	m := q >> uint(cut)
	rest := q & (1<<uint(cut) - 1)
	half := uint64(1) << uint(cut) >> 1
	if rest > half || rest == half && half != 0 && (sticky || m&1 == 1) {
		m++
		if m == 1<<uint(prec) {
			m >>= 1
			cut++
		}
	}
	if m < 1<<f.mantBits {
		return sign | m, false // subnormal or zero
	}
	biased := cut + e2 + int(f.mantBits) + f.bias
	if biased >= expMax {
		return inf, true
	}
	return sign | uint64(biased)<<f.mantBits | m&(1<<f.mantBits-1), false
}

// bitsExpWidth is the width of f's exponent field.
func bitsExpWidth(f atofFormat) int {
	if f.mantBits == 23 {
		return 8
	}
	return 11
}

// atofNat is a natural number in base 2^32 limbs, least significant first, without
// leading zero limbs (zero is empty).
type atofNat []uint32

func (x atofNat) norm() atofNat {
	for len(x) > 0 && x[len(x)-1] == 0 {
		x = x[:len(x)-1]
	}
	return x
}

func (x atofNat) isZero() bool { return len(x) == 0 }

// mulAdd returns x·m + a for small m and a.
func (x atofNat) mulAdd(m, a uint32) atofNat {
	carry := uint64(a)
	for k := range x {
		p := uint64(x[k])*uint64(m) + carry
		x[k] = uint32(p)
		carry = p >> 32
	}
	if carry != 0 {
		x = append(x, uint32(carry))
	}
	return x.norm()
}

// fromDigits returns the number whose digits (base 10 or 16) are ds.
func (x atofNat) fromDigits(ds []byte, hex bool) atofNat {
	base := uint32(10)
	if hex {
		base = 16
	}
	for _, d := range ds {
		x = x.mulAdd(base, uint32(d))
	}
	return x
}

// mulPow10 returns x·10^k.
func (x atofNat) mulPow10(k int) atofNat {
	for ; k >= 9; k -= 9 {
		x = x.mulAdd(1000000000, 0)
	}
	p := uint32(1)
	for ; k > 0; k-- {
		p *= 10
	}
	return x.mulAdd(p, 0)
}

func (x atofNat) bitLen() int {
	if len(x) == 0 {
		return 0
	}
	n := (len(x) - 1) * 32
	for top := x[len(x)-1]; top != 0; top >>= 1 {
		n++
	}
	return n
}

// shl returns a new number x·2^s.
func (x atofNat) shl(s uint) atofNat {
	words, bits := int(s/32), s%32
	z := make(atofNat, len(x)+words+1)
	for k := len(x) - 1; k >= 0; k-- {
		w := uint64(x[k]) << bits
		z[k+words+1] |= uint32(w >> 32)
		z[k+words] |= uint32(w)
	}
	return z.norm()
}

// cmp returns -1, 0 or 1 as x is less than, equal to or greater than y.
func (x atofNat) cmp(y atofNat) int {
	if len(x) != len(y) {
		if len(x) < len(y) {
			return -1
		}
		return 1
	}
	for k := len(x) - 1; k >= 0; k-- {
		if x[k] != y[k] {
			if x[k] < y[k] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// sub returns x - y for x >= y, in x's storage.
func (x atofNat) sub(y atofNat) atofNat {
	var borrow uint64
	for k := range x {
		var yk uint64
		if k < len(y) {
			yk = uint64(y[k])
		}
		d := uint64(x[k]) - yk - borrow
		x[k] = uint32(d)
		borrow = d >> 63
	}
	return x.norm()
}
