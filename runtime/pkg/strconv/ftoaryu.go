// Binary to decimal conversion with the Ryū algorithm (Ulf Adams, "Ryū: Fast Float-to-String
// Conversion", doi:10.1145/3192366.3192369): the shortest digits that read back as the same
// float, and a fixed number of correctly rounded digits, from one multiplication by a
// 64- or 128-bit power of ten. Go: strconv/ftoaryu.go.

package strconv

// uint64pow10[i] is 10^i.
var uint64pow10 = [20]uint64{
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
	10000000000, 100000000000, 1000000000000, 10000000000000, 100000000000000,
	1000000000000000, 10000000000000000, 100000000000000000, 1000000000000000000,
	10000000000000000000,
}

// ryuFtoaFixed32 sets d to the prec (<= 9) correctly rounded significant digits of
// mant × 2^exp, mant < 2^25.
func ryuFtoaFixed32(d *decimalSlice, mant uint32, exp int, prec int) {
	if prec < 0 || prec > 9 {
		panic("strconv: ryuFtoaFixed32 called with a bad precision")
	}
	if mant == 0 {
		d.nd, d.dp = 0, 0
		return
	}
	// Normalise to a 25-bit mantissa.
	e2 := exp
	if b := len64(uint64(mant)); b < 25 {
		mant <<= uint(25 - b)
		e2 += b - 25
	}
	// Pick q so that mant × 2^e2 × 10^q has at least prec digits: as mant >= 2^24, it is
	// enough that 2^(e2+24) >= 10^(prec-1-q).
	q := -mulByLog2Log10(e2+24) + prec - 1
	// Small non-negative powers of ten are exact (5^27 fits in 64 bits).
	exact := q <= 27 && q >= 0
	di, dexp2, d0 := mult64bitPow10(mant, e2, q)
	if dexp2 >= 0 {
		panic("strconv: not enough significant bits after mult64bitPow10")
	}
	// Dividing by a small power of ten is exact when mant is a multiple of it (5^11 already
	// has 26 bits).
	if q < 0 && q >= -10 && divisibleByPower5(uint64(mant), -q) {
		exact = true
		d0 = true
	}
	// Split off the fractional bits, keeping what rounding needs.
	extra := uint(-dexp2)
	extraMask := uint32(1)<<extra - 1
	dfrac := di & extraMask
	di >>= extra
	half := uint32(1) << (extra - 1)
	var roundUp bool
	if exact {
		// An exact half rounds to even.
		roundUp = dfrac > half || (dfrac == half && !d0) || (dfrac == half && d0 && di&1 == 1)
	} else {
		// The product was truncated, so a half is more than a half.
		roundUp = dfrac>>(extra-1) == 1
	}
	if dfrac != 0 {
		d0 = false
	}
	formatDecimal(d, uint64(di), !d0, roundUp, prec)
	d.dp -= q
}

// ryuFtoaFixed64 sets d to the prec (<= 18) correctly rounded significant digits of
// mant × 2^exp, mant < 2^55.
func ryuFtoaFixed64(d *decimalSlice, mant uint64, exp int, prec int) {
	if prec > 18 {
		panic("strconv: ryuFtoaFixed64 called with prec > 18")
	}
	if mant == 0 {
		d.nd, d.dp = 0, 0
		return
	}
	// Normalise to a 55-bit mantissa.
	e2 := exp
	if b := len64(mant); b < 55 {
		mant <<= uint(55 - b)
		e2 += b - 55
	}
	// As in ryuFtoaFixed32, with mant >= 2^54. q is within [-291, 342].
	q := -mulByLog2Log10(e2+54) + prec - 1
	// 5^55 has 128 bits.
	exact := q <= 55 && q >= 0
	di, dexp2, d0 := mult128bitPow10(mant, e2, q)
	if dexp2 >= 0 {
		panic("strconv: not enough significant bits after mult128bitPow10")
	}
	// 5^23 has 54 bits: no larger division can be exact.
	if q < 0 && q >= -22 && divisibleByPower5(mant, -q) {
		exact = true
		d0 = true
	}
	extra := uint(-dexp2)
	extraMask := uint64(1)<<extra - 1
	dfrac := di & extraMask
	di >>= extra
	half := uint64(1) << (extra - 1)
	var roundUp bool
	if exact {
		roundUp = dfrac > half || (dfrac == half && !d0) || (dfrac == half && d0 && di&1 == 1)
	} else {
		roundUp = dfrac>>(extra-1) == 1
	}
	if dfrac != 0 {
		d0 = false
	}
	formatDecimal(d, di, !d0, roundUp, prec)
	d.dp -= q
}

// formatDecimal writes the at most prec digits of m, rounded, into d. trunc reports that m
// is itself a truncation of the exact value; roundUp that the dropped part is above a half
// (or a half that rounds up).
func formatDecimal(d *decimalSlice, m uint64, trunc bool, roundUp bool, prec int) {
	limit := uint64pow10[prec]
	trimmed := 0
	for m >= limit {
		digit := m % 10
		m /= 10
		trimmed++
		switch {
		case digit > 5:
			roundUp = true
		case digit < 5:
			roundUp = false
		default:
			// A half: up if anything follows, else to even.
			roundUp = trunc || m&1 == 1
		}
		if digit != 0 {
			trunc = true
		}
	}
	if roundUp {
		m++
	}
	if m >= limit {
		// 999... rounded up to 1000...
		m /= 10
		trimmed++
	}
	// The digits, right to left, two at a time.
	n := prec
	d.nd = prec
	v := m
	for v >= 100 {
		r := v % 100
		v /= 100
		n -= 2
		d.d[n+1] = smallsString[2*r+1]
		d.d[n] = smallsString[2*r]
	}
	if v > 0 {
		n--
		d.d[n] = smallsString[2*v+1]
	}
	if v >= 10 {
		n--
		d.d[n] = smallsString[2*v]
	}
	for d.d[d.nd-1] == '0' {
		d.nd--
		trimmed++
	}
	d.dp = d.nd + trimmed
}

// ryuFtoaShortest sets d to the shortest decimal that rounds back to mant × 2^exp in the
// float format flt, the closest such when there are several.
func ryuFtoaShortest(d *decimalSlice, mant uint64, exp int, flt *floatInfo) {
	if mant == 0 {
		d.nd, d.dp = 0, 0
		return
	}
	// An integer with fewer bits than the mantissa: its neighbours are integers too, so
	// its own digits are the shortest.
	if exp <= 0 && trailingZeros64(mant) >= -exp {
		mant >>= uint(-exp)
		ryuDigits(d, mant, mant, mant, true, false)
		return
	}
	ml, mc, mu, e2 := computeBounds(mant, exp, flt)
	if e2 == 0 {
		ryuDigits(d, ml, mc, mu, true, false)
		return
	}
	// The smallest 10^q larger than 2^-e2.
	q := mulByLog2Log10(-e2) + 1
	// Multiply the three bounds by 10^q, with 64-bit (float32) or 128-bit arithmetic.
	var dl, dc, du uint64
	var dl0, dc0, du0 bool
	if flt.mantbits == 23 {
		var l32, c32, u32 uint32
		l32, _, dl0 = mult64bitPow10(uint32(ml), e2, q)
		c32, _, dc0 = mult64bitPow10(uint32(mc), e2, q)
		u32, e2, du0 = mult64bitPow10(uint32(mu), e2, q)
		dl, dc, du = uint64(l32), uint64(c32), uint64(u32)
	} else {
		dl, _, dl0 = mult128bitPow10(ml, e2, q)
		dc, _, dc0 = mult128bitPow10(mc, e2, q)
		du, e2, du0 = mult128bitPow10(mu, e2, q)
	}
	if e2 >= 0 {
		panic("strconv: not enough significant bits after mult128bitPow10")
	}
	if q > 55 {
		// Large powers of ten are inexact.
		dl0, dc0, du0 = false, false, false
	}
	if q < 0 && q >= -24 {
		// A division by a power of ten may be exact (5^25 has 59 bits: never beyond).
		if divisibleByPower5(ml, -q) {
			dl0 = true
		}
		if divisibleByPower5(mc, -q) {
			dc0 = true
		}
		if divisibleByPower5(mu, -q) {
			du0 = true
		}
	}
	// Integral parts, and the fractions for rounding.
	extra := uint(-e2)
	extraMask := uint64(1)<<extra - 1
	fracl := dl & extraMask
	dl >>= extra
	fracc := dc & extraMask
	dc >>= extra
	fracu := du & extraMask
	du >>= extra
	// The upper bound itself is allowed only when it was truncated, or is exact and the
	// mantissa even (round-half-even reads it back to this float).
	uok := !du0 || fracu > 0
	if du0 && fracu == 0 {
		uok = mant&1 == 0
	}
	if !uok {
		du--
	}
	// Whether the correctly rounded central value is dc+1.
	var cup bool
	if dc0 {
		cup = fracc > 1<<(extra-1) || (fracc == 1<<(extra-1) && dc&1 == 1)
	} else {
		cup = fracc>>(extra-1) == 1
	}
	// The lower bound is allowed only when exact and the mantissa even.
	lok := dl0 && fracl == 0 && (mant&1 == 0)
	if !lok {
		dl++
	}
	// Whether the digits dropped from dc are all zero.
	c0 := dc0 && fracc == 0
	ryuDigits(d, dl, dc, du, c0, cup)
	d.dp -= q
}

// mulByLog2Log10 returns floor(x × log10(2)) for -1600 <= x <= 1600.
func mulByLog2Log10(x int) int {
	// log10(2) ≈ 78913 / 2^18
	return (x * 78913) >> 18
}

// mulByLog10Log2 returns floor(x × log2(10)) for -500 <= x <= 500.
func mulByLog10Log2(x int) int {
	// log2(10) ≈ 108853 / 2^15
	return (x * 108853) >> 15
}

// computeBounds returns the interval of values that round to mant × 2^exp, as integers
// lower < central < upper times 2^e2. At a power of two (not denormal) the gap below is half
// the gap above.
func computeBounds(mant uint64, exp int, flt *floatInfo) (lower, central, upper uint64, e2 int) {
	if mant != 1<<flt.mantbits || exp == flt.bias+1-int(flt.mantbits) {
		return 2*mant - 1, 2 * mant, 2*mant + 1, exp - 1
	}
	return 4*mant - 1, 4 * mant, 4*mant + 2, exp - 2
}

// ryuDigits renders the shortest digits of central lying in [lower, upper]; c0 reports
// that central is exact, cup that it should round up.
func ryuDigits(d *decimalSlice, lower, central, upper uint64, c0, cup bool) {
	lhi, llo := divmod1e9(lower)
	chi, clo := divmod1e9(central)
	uhi, ulo := divmod1e9(upper)
	if uhi == 0 {
		// Nine digits or fewer (denormals).
		ryuDigits32(d, llo, clo, ulo, c0, cup, 8)
	} else if lhi < uhi {
		// The bounds differ above the low nine digits: drop those at once.
		if llo != 0 {
			lhi++
		}
		c0 = c0 && clo == 0
		cup = clo > 500000000 || (clo == 500000000 && cup)
		ryuDigits32(d, lhi, chi, uhi, c0, cup, 8)
		d.dp += 9
	} else {
		// The high part is common: write it, then the low part after it.
		d.nd = 0
		n := 9
		for v := chi; v > 0; v /= 10 {
			n--
			d.d[n] = byte(v%10) + '0'
		}
		d.d = d.d[n:]
		d.nd = 9 - n
		ryuDigits32(d, llo, clo, ulo, c0, cup, d.nd+8)
	}
	// Trim trailing zeros.
	for d.nd > 0 && d.d[d.nd-1] == '0' {
		d.nd--
	}
	// Trim leading zeros.
	for d.nd > 0 && d.d[0] == '0' {
		d.nd--
		d.dp--
		d.d = d.d[1:]
	}
}

// ryuDigits32 renders the shortest digits of central (< 1e9) within [lower, upper] into
// d.d, ending at index endindex.
func ryuDigits32(d *decimalSlice, lower, central, upper uint32, c0, cup bool, endindex int) {
	if upper == 0 {
		d.dp = endindex + 1
		return
	}
	trimmed := 0
	// The last digit dropped from central, for the final rounding; c0 tracks whether the
	// ones before it were all zero.
	cNextDigit := uint32(0)
	for upper > 0 {
		// ceil(lower/10), central/10, floor(upper/10): stop when they no longer leave room.
		l := (lower + 9) / 10
		c, cdigit := central/10, central%10
		u := upper / 10
		if l > u {
			break
		}
		// central may sit just below the new lower bound (as ..19 between ..11 and ..31);
		// then take the bound.
		if l == c+1 && c < u {
			c++
			cdigit = 0
			cup = false
		}
		trimmed++
		c0 = c0 && cNextDigit == 0
		cNextDigit = cdigit
		lower, central, upper = l, c, u
	}
	if trimmed > 0 {
		cup = cNextDigit > 5 || (cNextDigit == 5 && !c0) || (cNextDigit == 5 && c0 && central&1 == 1)
	}
	if central < upper && cup {
		central++
	}
	endindex -= trimmed
	v := central
	n := endindex
	for n > d.nd {
		r := v % 100
		v /= 100
		d.d[n] = smallsString[2*r+1]
		d.d[n-1] = smallsString[2*r]
		n -= 2
	}
	if n == d.nd {
		d.d[n] = byte(v) + '0'
	}
	d.nd = endindex + 1
	d.dp = d.nd + trimmed
}

// mult64bitPow10 multiplies the 25-bit m × 2^e2 by 10^q using the 64-bit power of ten
// (rounded up for negative q), returning the product's top bits resM × 2^resE and whether
// the dropped bits were zero.
func mult64bitPow10(m uint32, e2, q int) (resM uint32, resE int, exact bool) {
	if q == 0 {
		return m << 6, e2 - 6, true
	}
	if q < detailedPowersOfTenMinExp10 || detailedPowersOfTenMaxExp10 < q {
		panic("strconv: mult64bitPow10: power of 10 is out of range")
	}
	pow := detailedPowersOfTen[q-detailedPowersOfTenMinExp10][1]
	if q < 0 {
		// Inverse powers of ten must be rounded up.
		pow++
	}
	hi, lo := mul64(uint64(m), pow)
	e2 += mulByLog10Log2(q) - 63 + 57
	return uint32(hi<<7 | lo>>57), e2, lo<<7 == 0
}

// mult128bitPow10 is mult64bitPow10 for a 55-bit m and the 128-bit power of ten.
func mult128bitPow10(m uint64, e2, q int) (resM uint64, resE int, exact bool) {
	if q == 0 {
		return m << 8, e2 - 8, true
	}
	if q < detailedPowersOfTenMinExp10 || detailedPowersOfTenMaxExp10 < q {
		panic("strconv: mult128bitPow10: power of 10 is out of range")
	}
	powLo := detailedPowersOfTen[q-detailedPowersOfTenMinExp10][0]
	powHi := detailedPowersOfTen[q-detailedPowersOfTenMinExp10][1]
	if q < 0 {
		// Inverse powers of ten must be rounded up (Go adds one to the low word alone).
		powLo++
	}
	e2 += mulByLog10Log2(q) - 127 + 119
	l1, l0 := mul64(m, powLo)
	h1, h0 := mul64(m, powHi)
	mid, carry := add64(l1, h0, 0)
	h1 += carry
	return h1<<9 | mid>>55, e2, mid<<9 == 0 && l0 == 0
}

// divisibleByPower5 reports whether 5^k divides m.
func divisibleByPower5(m uint64, k int) bool {
	if m == 0 {
		return true
	}
	for i := 0; i < k; i++ {
		if m%5 != 0 {
			return false
		}
		m /= 5
	}
	return true
}

// divmod1e9 returns x / 1e9 and x % 1e9.
func divmod1e9(x uint64) (uint32, uint32) {
	return uint32(x / 1000000000), uint32(x % 1000000000)
}
