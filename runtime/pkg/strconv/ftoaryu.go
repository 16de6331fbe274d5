// Decimal digits of a binary float from one multiplication by a 128-bit power of ten
// (powers.go): the shortest digits that read back as the float (Ryū: Ulf Adams, "Ryū: fast
// float-to-string conversion", PLDI 2018), and a given number of correctly rounded digits
// (up to 18, in the spirit of "Ryū revisited: printf floating point conversion", 2019).
// Both append their digits to the output buffer (see ftoa.go); decimal.go takes the cases
// these cannot.

package strconv

// The logarithms the scaling needs, as fixed-point products (the constants of Ryū's
// reference implementation), checked against math/big for every x in the stated ranges;
// the third, floor(x·log2(10)) = (x·1741647)>>19 for |x| <= 400, is written out in fltPow10.

// fltLog10Pow2 is floor(x·log10(2)), |x| <= 1650.
func fltLog10Pow2(x int) int { return (x * 78913) >> 18 }

// fltLog10Pow5 is floor(x·log10(5)), 0 <= x <= 1700.
func fltLog10Pow5(x int) int { return (x * 732923) >> 20 }

// fltPow10 returns 10^p as a 128-bit mantissa and a binary exponent, 10^p ≈ (hi·2^64+lo)·2^e,
// with hi's top bit set. The table rounds down, so this is exact only for 0 <= p <= 55
// (5^55 < 2^128); otherwise the true mantissa lies strictly between it and it plus one.
func fltPow10(p int) (hi, lo uint64, e int) {
	i := p - detailedPowersOfTenMinExp10
	// floor(p·log2(10)) - 127, written out as tbuild does not inline calls.
	return detailedPowersOfTen[i][1], detailedPowersOfTen[i][0], (p*1741647)>>19 - 127
}

// fltMul192 returns the 192-bit product m·(hi·2^64+lo) as three words, most significant first.
func fltMul192(m, hi, lo uint64) (w2, w1, w0 uint64) {
	a1, a0 := mul64(m, lo)
	b1, b0 := mul64(m, hi)
	w1 = a1 + b0
	if w1 < a1 {
		b1++ // the carry
	}
	return b1, w1, a0
}

// fltTop returns (w2·2^64 + w1) >> s for 0 <= s < 128, when the result fits in 64 bits.
func fltTop(w2, w1 uint64, s uint) uint64 {
	if s >= 64 {
		return w2 >> (s - 64)
	}
	return w1>>s | w2<<(64-s)
}

// fltDivPow5 reports whether 5^q divides x (x > 0).
func fltDivPow5(x uint64, q int) bool {
	for ; q > 0; q-- {
		if x%5 != 0 {
			return false
		}
		x /= 5
	}
	return true
}

// ryuShortest appends the shortest decimal digits that parse back as mant·2^exp (mant > 0),
// the closest to it when several are that short, and returns the decimal point's position.
// closerBelow says the float is a power of two whose lower neighbour is nearer than its
// upper one.
//
// The floats that round to v form an interval around it. Ryū scales v and both ends by a
// power of ten chosen so that the scaled values are integers of about 17 digits (vr, vp,
// vm: floors of the exact products), then drops decimal digits while the interval still
// holds a number with that many fewer digits, and rounds the last one dropped.
func ryuShortest(dst []byte, mant uint64, exp int, closerBelow bool) ([]byte, int) {
	if exp <= 0 && exp > -64 && mant&(1<<uint(-exp)-1) == 0 {
		// An integer below 2^53 (2^24): its neighbours are at most 1 away, so no number
		// with fewer digits is close enough, and its own digits are the answer.
		return fltAppendInteger(dst, mant>>uint(-exp), 0)
	}

	// Four times the float and its interval's ends [v - gap below/2, v + gap above/2], as
	// integers times 2^e2.
	e2 := exp - 2
	mv := 4 * mant
	mp := mv + 2
	mm := mv - 2
	if closerBelow {
		mm = mv - 1
	}
	// Round-half-even reads the ends back as v when its mantissa is even.
	even := mant&1 == 0

	// Multiply by 10^p (the scaled values are v·10^p): for e2 >= 0, p = -q with 10^q just
	// below 2^e2, leaving mv·2^e2/10^q; for e2 < 0, p = -e2-q with 10^q just below 5^-e2,
	// leaving mv·5^-e2/10^q. Either way about 10..100 times mv, room for one digit more
	// than the 17 the float needs (the decade of headroom Ryū's proof asks for).
	var p, q int
	if e2 >= 0 {
		q = max(fltLog10Pow2(e2)-1, 0)
		p = -q
	} else {
		q = max(fltLog10Pow5(-e2)-1, 0)
		p = -e2 - q
	}
	hi, lo, b := fltPow10(p)
	if p < 0 {
		// A negative power is inexact: round it up, so that a product that is exactly an
		// integer (a multiple of 5^q) is not floored to the integer below.
		lo++
		if lo == 0 {
			hi++
		}
	}
	// X = mant·T; the three products are 4X, 4X + 2T and 4X - (1 or 2)·T, floored after
	// the binary exponent e2+b is applied (a shift right by s, 121..183 bits).
	x2, x1, x0 := fltMul192(mant, hi, lo)
	r2, r1, r0 := x2<<2|x1>>62, x1<<2|x0>>62, x0<<2
	s := uint(-(e2 + b) - 64)
	vr := fltTop(r2, r1, s)
	t2, t1, t0 := hi>>63, hi<<1|lo>>63, lo<<1 // 2T
	_, c := add64(r0, t0, 0)
	u1, c := add64(r1, t1, c)
	vp := fltTop(r2+t2+c, u1, s)
	if closerBelow {
		t2, t1, t0 = 0, hi, lo
	}
	_, bw := sub64(r0, t0, 0)
	d1, bw := sub64(r1, t1, bw)
	vm := fltTop(r2-t2-bw, d1, s)

	// Which of the three scaled values are exact (their floors dropped nothing): the
	// product is an integer when 5^q divides the multiple (e2 >= 0) or 2^q does (e2 < 0).
	// An exact upper end excluded by an odd mantissa is not a candidate: step below it.
	vrExact, vmExact := false, false
	if e2 >= 0 {
		// 5^24 exceeds every multiple (< 2^55).
		if q < 24 {
			vrExact = fltDivPow5(mv, q)
			if even {
				vmExact = fltDivPow5(mm, q)
			} else if fltDivPow5(mp, q) {
				vp--
			}
		}
	} else if q < 64 {
		low := uint64(1)<<uint(q) - 1
		vrExact = mv&low == 0
		if even {
			vmExact = mm&low == 0
		} else if mp&low == 0 {
			vp--
		}
	}

	removed := 0
	var out uint64
	if !vrExact && !vmExact {
		// The usual case: no exact end to honour, no exact tie to break. Drop digits (two
		// at a time first) while a shorter number fits, then round vr by the last dropped.
		up := false
		for vp/100 > vm/100 {
			up = vr%100 >= 50
			vr, vp, vm = vr/100, vp/100, vm/100
			removed += 2
		}
		for vp/10 > vm/10 {
			up = vr%10 >= 5
			vr, vp, vm = vr/10, vp/10, vm/10
			removed++
		}
		// vm itself is outside the interval (inexact, so the true end is above it).
		out = vr
		if up || vr == vm {
			out++
		}
	} else {
		// Track whether everything dropped from vm and vr so far was zero: an exact lower
		// end may then be the answer, and a dropped 5 followed by nothing is a tie.
		var last uint64
		for vp/10 > vm/10 {
			vmExact = vmExact && vm%10 == 0
			vrExact = vrExact && last == 0
			last = vr % 10
			vr, vp, vm = vr/10, vp/10, vm/10
			removed++
		}
		if vmExact {
			// The lower end is a candidate: shorten it as far as its zeros allow.
			for vm%10 == 0 {
				vrExact = vrExact && last == 0
				last = vr % 10
				vr, vp, vm = vr/10, vp/10, vm/10
				removed++
			}
		}
		if vrExact && last == 5 && vr%2 == 0 {
			last = 4 // an exact tie rounds to even
		}
		out = vr
		if last >= 5 || (vr == vm && !(even && vmExact)) {
			out++
		}
	}
	return fltAppendInteger(dst, out, removed-p)
}

// fltExp10 returns floor(log10(mant·2^exp)) for mant > 0 of bits bits: the estimate from the
// binary exponent is exact or one short, and a comparison with the next power of ten decides.
func fltExp10(mant uint64, exp, bits int) int {
	e := exp + bits - 1 // 2^e <= v < 2^(e+1)
	k := fltLog10Pow2(e)
	hi, lo, b := fltPow10(k + 1)
	if b+127 != e {
		// 10^(k+1) is in another binade.
		if e > b+127 {
			k++
		}
		return k
	}
	// Same binade: compare the mantissas, v's shifted to the top of 64 bits.
	m := mant << uint(64-bits)
	if m > hi || (m == hi && lo == 0 && k+1 >= 0 && k+1 <= 55) {
		k++
	}
	return k
}

// fltFixed appends the digits of v = mant·2^exp (mant > 0, of bits bits) rounded half to
// even to ndig significant digits, 1 <= ndig <= 18, given k = floor(log10(v)), and returns
// the decimal point's position. It reports false, appending nothing, when the inexact power of ten
// leaves the rounding undecided (an exact or near tie): the caller then turns to the exact
// expansion.
//
// N = v·10^(ndig-1-k) lies in [10^(ndig-1), 10^ndig); its integer part and the fraction that
// decides the rounding come from one 64x128-bit product.
func fltFixed(dst []byte, mant uint64, exp, bits, k, ndig int) ([]byte, int, bool) {
	sc := ndig - 1 - k
	hi, lo, b := fltPow10(sc)
	exact := sc >= 0 && sc <= 55
	z := 64 - bits
	m := mant << uint(z)
	w2, w1, w0 := fltMul192(m, hi, lo)
	// N = W·2^-shift with the integer part inside w2: shift is 131..191 as N < 2^60.
	t := uint(z - exp - b - 128)
	n := w2 >> t
	frac := w2 & (1<<t - 1) // with w1 and w0 below it
	half := uint64(1) << (t - 1)
	up := false
	switch {
	case frac > half || (frac == half && w1|w0 != 0):
		up = true
	case frac == half:
		// Exactly half by the table; above half if the power was inexact.
		up = !exact || n&1 == 1
	case !exact && frac == half-1 && w1 == 1<<64-1:
		// Below half by less than the product's error (m < 2^64 units of w0): undecided.
		return dst, 0, false
	}
	if up {
		n++
	}
	if n == fltPow10s[ndig] {
		// 9.99... rounded up to 10.0...
		n /= 10
		k++
	} else if n < fltPow10s[ndig-1] {
		return dst, 0, false
	}
	for n%10 == 0 {
		n /= 10
		ndig--
	}
	return fltAppendDigits(dst, n, ndig), k + 1, true
}
