// Formatting a float from its sign, mantissa and exponent (float.go takes it apart):
// choosing where the decimal digits come from (ftoaryu.go for the shortest form and up to
// 18 digits, decimal.go for the rest), and laying the digits out as %e, %f or %g. The
// binary forms %b and %x need no decimal digits and are written here directly.
//
// The layouts follow Go 1.19's strconv (the FormatFloat documentation, checked against go
// by tests/stdlib/ftoa_diff.src): at least two exponent digits, %g's choice of %e when the
// decimal exponent is below -4 or at least the precision (6 for the shortest form), %g
// dropping trailing zeros, and round half to even on the exact binary value throughout.

package strconv

// The decimal digits of a float are produced as ASCII at the end of the output buffer
// itself (most significant first, without trailing zeros: none for zero), with the position
// of the decimal point: digits d[0]d[1]...d[n-1] and point p mean 0.d[0]d[1]... × 10^p.
// fltLayout then writes the formatted text after them and moves it down over them. (They
// were kept there, rather than in a local array, when tbuild gave every address-taken local
// heap memory; escape analysis has made a local array free since, but the buffer serves.)

// fltZeros is a run of zeros to append from.
const fltZeros = "0000000000000000000000000000000000000000000000000000000000000000"

// fltAppendZeros appends k zeros (none for k <= 0).
func fltAppendZeros(dst []byte, k int) []byte {
	for ; k > len(fltZeros); k -= len(fltZeros) {
		dst = append(dst, fltZeros...)
	}
	if k > 0 {
		dst = append(dst, fltZeros[:k]...)
	}
	return dst
}

// fltAppendDigits appends the n lowest decimal digits of x, with leading zeros if x is
// shorter; two digits per division.
func fltAppendDigits(dst []byte, x uint64, n int) []byte {
	end := len(dst) + n
	if end <= cap(dst) {
		dst = dst[:end]
	} else {
		dst = fltAppendZeros(dst, n)
	}
	i := end - 1
	for ; x >= 10; i -= 2 {
		q := x / 100
		r := x - q*100
		tens := (r * 103) >> 10 // r/10 for r < 100
		dst[i] = byte(r-tens*10) + '0'
		dst[i-1] = byte(tens) + '0'
		x = q
	}
	if x > 0 {
		dst[i] = byte(x) + '0'
		i--
	}
	for ; i >= end-n; i-- {
		dst[i] = '0'
	}
	return dst
}

// fltPow10s[i] is 10^i.
var fltPow10s = [20]uint64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
	1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19}

// fltLen10 returns the number of decimal digits of x (1 for 0).
func fltLen10(x uint64) int {
	n := 1
	if x >= 1e15 {
		n = 16
	} else if x >= 1e10 {
		n = 11
	} else if x >= 1e5 {
		n = 6
	}
	for n < 20 && x >= fltPow10s[n] {
		n++
	}
	return n
}

// fltAppendUint appends x in decimal.
func fltAppendUint(dst []byte, x uint64) []byte {
	return fltAppendDigits(dst, x, fltLen10(x))
}

// fltAppendInteger appends the digits of x·10^exp10 (x > 0) and returns the decimal
// point's position.
func fltAppendInteger(dst []byte, x uint64, exp10 int) ([]byte, int) {
	for x%10 == 0 {
		x /= 10
		exp10++
	}
	n := fltLen10(x)
	return fltAppendDigits(dst, x, n), n + exp10
}

// appendFloatParts appends the finite float (-1)^neg·mant·2^exp formatted as FormatFloat
// describes: mant has bitLen bits, and closerBelow marks a normal power of two, whose
// neighbour below is nearer than the one above.
func appendFloatParts(dst []byte, neg bool, mant uint64, exp, bitLen int, closerBelow bool, fmt byte, prec int) []byte {
	switch fmt {
	case 'b':
		return fltAppendBinary(dst, neg, mant, exp)
	case 'x', 'X':
		return fltAppendHex(dst, neg, mant, exp, prec, fmt)
	case 'e', 'E', 'f', 'g', 'G':
	default:
		return append(dst, '%', fmt)
	}

	start := len(dst)
	if mant == 0 {
		return fltLayout(dst, start, 0, neg, fmt, prec)
	}
	if prec < 0 {
		dst, point := ryuShortest(dst, mant, exp, closerBelow)
		return fltLayout(dst, start, point, neg, fmt, prec)
	}
	// How many significant digits the precision asks for.
	k := fltExp10(mant, exp, bitLen)
	var ndig int
	switch fmt {
	case 'e', 'E':
		ndig = prec + 1
	case 'f':
		ndig = k + 1 + prec
		if ndig < 0 {
			// Below a tenth of the last place shown: rounds to zero.
			return fltLayout(dst, start, 0, neg, fmt, prec)
		}
	default:
		ndig = max(prec, 1)
	}
	if ndig >= 1 && ndig <= 18 {
		if out, point, ok := fltFixed(dst, mant, exp, bitLen, k, ndig); ok {
			return fltLayout(out, start, point, neg, fmt, prec)
		}
	}
	// All the digits, then rounded (the expansion's point is k+1, as ndig assumed).
	dst, point := fltExpand(dst, mant, exp)
	dst, point = fltRound(dst, start, point, ndig)
	return fltLayout(dst, start, point, neg, fmt, prec)
}

// fltLayout formats the digits at dst[start:] (with their decimal point) as fmt ('e', 'E',
// 'f', 'g' or 'G') with precision prec, or with as many places as the digits need when
// prec < 0 (the shortest form), in their place.
func fltLayout(dst []byte, start, point int, neg bool, fmt byte, prec int) []byte {
	digits := dst[start:]
	n := len(digits)
	if neg {
		dst = append(dst, '-')
	}
	switch fmt {
	case 'e', 'E':
		if prec < 0 {
			prec = max(n-1, 0)
		}
		dst = fltLayoutE(dst, digits, point, prec, fmt)
	case 'f':
		if prec < 0 {
			prec = max(n-point, 0)
		}
		dst = fltLayoutF(dst, digits, point, prec)
	default:
		// %g: %e for exponents below -4 or from the precision up (6 for the shortest
		// form; zero counts as exponent -1), and either way no trailing zeros after the
		// point, the digits having been rounded to the precision already.
		limit := 6
		if prec >= 0 {
			limit = max(prec, 1)
		}
		if x := point - 1; n > 0 && (x < -4 || x >= limit) {
			dst = fltLayoutE(dst, digits, point, n-1, fmt+'e'-'g')
		} else {
			dst = fltLayoutF(dst, digits, point, max(n-point, 0))
		}
	}
	// Move the text down over the digits.
	copy(dst[start:], dst[start+n:])
	return dst[:len(dst)-n]
}

// fltLayoutE appends d.ddd with frac places, then e (or E) and the exponent's sign and at
// least two digits.
func fltLayoutE(dst []byte, d []byte, point, frac int, e byte) []byte {
	n := len(d)
	if n == 0 {
		dst = append(dst, '0')
	} else {
		dst = append(dst, d[0])
	}
	if frac > 0 {
		dst = append(dst, '.')
		shown := min(n-1, frac)
		if shown > 0 {
			dst = append(dst, d[1:1+shown]...)
		}
		dst = fltAppendZeros(dst, frac-max(shown, 0))
	}
	x := point - 1
	if n == 0 {
		x = 0
	}
	sign := byte('+')
	if x < 0 {
		sign = '-'
		x = -x
	}
	if x < 100 {
		return append(dst, e, sign, byte(x/10)+'0', byte(x%10)+'0')
	}
	return append(dst, e, sign, byte(x/100)+'0', byte(x/10%10)+'0', byte(x%10)+'0')
}

// fltLayoutF appends the integer part (0 when below one) and frac places.
func fltLayoutF(dst []byte, d []byte, point, frac int) []byte {
	n := len(d)
	if point <= 0 {
		dst = append(dst, '0')
	} else if point <= n {
		dst = append(dst, d[:point]...)
	} else {
		dst = append(dst, d...)
		dst = fltAppendZeros(dst, point-n)
	}
	if frac > 0 {
		dst = append(dst, '.')
		// Zeros before the first digit, the digits after the point, zeros after them.
		lead := min(max(-point, 0), frac)
		dst = fltAppendZeros(dst, lead)
		from := max(point, 0)
		shown := min(n-from, frac-lead)
		if shown > 0 {
			dst = append(dst, d[from:from+shown]...)
		} else {
			shown = 0
		}
		dst = fltAppendZeros(dst, frac-lead-shown)
	}
	return dst
}

// fltAppendBinary appends %b: the integer mantissa, 'p' and the signed binary exponent, as
// mant·2^exp.
func fltAppendBinary(dst []byte, neg bool, mant uint64, exp int) []byte {
	if neg {
		dst = append(dst, '-')
	}
	dst = fltAppendUint(dst, mant)
	if exp < 0 {
		return fltAppendUint(append(dst, 'p', '-'), uint64(-exp))
	}
	return fltAppendUint(append(dst, 'p', '+'), uint64(exp))
}

// fltAppendHex appends %x (%X): 0x1.hhhhp±dd, the fraction in hexadecimal after a leading 1
// (0x0p+00 for zero), rounded half to even to prec hex places when prec >= 0, all of its
// nonzero places when prec < 0; the binary exponent has at least two digits.
func fltAppendHex(dst []byte, neg bool, mant uint64, exp, prec int, fmt byte) []byte {
	// The bits after the leading 1, left-aligned: mant·2^exp = 1.frac × 2^exp.
	var frac uint64
	lead := byte('0')
	if mant == 0 {
		exp = 0
	} else {
		top := len64(mant) - 1
		exp += top
		frac = mant << uint(64-top) // 0 when top is 0
		lead = '1'
	}
	if prec >= 0 && prec < 16 && mant != 0 {
		// kept is 1hhh (prec hex places), rest the dropped bits from the top down.
		places := uint(4 * prec)
		kept, rest := uint64(1)<<places|frac>>(64-places), frac<<places
		if rest > 1<<63 || (rest == 1<<63 && kept&1 == 1) {
			kept++
			if kept>>places == 2 {
				// Carried out: 10.000 in binary is 1.000 one exponent up.
				kept >>= 1
				exp++
			}
		}
		frac = kept << (64 - places) // the leading 1 shifts out
	}
	if neg {
		dst = append(dst, '-')
	}
	dst = append(dst, '0', fmt, lead)
	places := prec
	if prec < 0 {
		// As many places as the fraction has.
		for places = 0; frac<<uint(4*places) != 0; places++ {
		}
	}
	if places > 0 {
		dst = append(dst, '.')
		for i := 0; i < places; i++ {
			digit := byte(frac >> 60)
			frac <<= 4
			switch {
			case digit < 10:
				dst = append(dst, '0'+digit)
			case fmt == 'X':
				dst = append(dst, 'A'+digit-10)
			default:
				dst = append(dst, 'a'+digit-10)
			}
		}
	}
	dst = append(dst, fmt-'x'+'p', '+')
	if exp < 0 {
		dst[len(dst)-1] = '-'
		exp = -exp
	}
	if exp < 10 {
		dst = append(dst, '0')
	}
	return fltAppendUint(dst, uint64(exp))
}

func min(a, b int) int {
	if a < b {
		return a
	}
	return b
}

func max(a, b int) int {
	if a > b {
		return a
	}
	return b
}
