// Logarithms. On amd64 Go's Log is the assembly routine of math/log_amd64.s: FreeBSD msun's
// e_log.c method (x = 2**k * (1+f) with sqrt(2)/2 <= 1+f < sqrt(2), s = f/(2+f), and
// log(1+f) = f - s*(f - R(s²))), but with its own special cases and its own split of x: it
// takes the fraction and exponent fields as they are, so a subnormal x is read as if its
// exponent field were 1 (and its leading 0 bits were significant); a NaN with the sign bit
// set gives Go's NaN, one without it comes back unchanged. The operations below are the
// routine's, in its order. Log1p is s_log1p.c; Log10 and Log2 are Go's formulas over Log.

package math

// The e_log.c polynomial coefficients Lg1..Lg7 (also s_log1p.c's Lp1..Lp7).
var logLg = [7]float64{
	6.666666666666735130e-01, 3.999999999940941908e-01, 2.857142874366239149e-01,
	2.222219843214978396e-01, 1.818357216161805012e-01, 1.531383769920937332e-01,
	1.479819860511658591e-01,
}

// Log returns the natural logarithm of x.
// Log(+Inf) = +Inf; Log(0) = -Inf; Log(x < 0) = NaN; Log(NaN) = NaN.
func Log(x float64) float64 {
	b := Float64bits(x)
	switch {
	case b&^signBit == 0:
		return Inf(-1)
	case b&signBit != 0:
		return NaN()
	case b >= expMask<<fracBits:
		return x
	}
	// m in [0.5, 1) from the fraction field, k from the exponent field, unadjusted.
	m := Float64frombits(b&fracMask | 0x3fe0000000000000)
	k := float64(int(b>>fracBits&expMask) - (expBias - 1))
	// CMPSD's not-less-than: a fraction equal to sqrt(2)/2 is doubled too.
	if m <= 7.07106781186547524401e-01 {
		k--
		m *= 2
	}
	f := m - 1
	s := f / (2 + f)
	s2 := s * s
	s4 := s2 * s2
	odd := s2 * (logLg[0] + s4*(logLg[2]+s4*(logLg[4]+s4*logLg[6])))
	even := s4 * (logLg[1] + s4*(logLg[3]+s4*logLg[5]))
	hfsq := 0.5 * f * f
	return k*ln2Hi - ((hfsq - (s*(hfsq+(odd+even)) + k*ln2Lo)) - f)
}

// Log10 returns the decimal logarithm of x.
// The special cases are the same as for Log.
func Log10(x float64) float64 {
	return Log(x) * (1 / Ln10)
}

// Log2 returns the binary logarithm of x.
// The special cases are the same as for Log.
func Log2(x float64) float64 {
	m, e := Frexp(x)
	if m == 0.5 {
		// An exact power of two.
		return float64(e - 1)
	}
	return Log(m)*(1/Ln2) + float64(e)
}

// Log1p returns the natural logarithm of 1 plus its argument x. It is more accurate than
// Log(1 + x) when x is near zero.
// Log1p(+Inf) = +Inf; Log1p(±0) = ±0; Log1p(-1) = -Inf; Log1p(x < -1) = NaN; Log1p(NaN) = NaN.
func Log1p(x float64) float64 {
	switch {
	case x < -1 || x != x:
		return NaN()
	case x == -1:
		return Inf(-1)
	case x > MaxFloat64:
		return x
	}
	ax := Abs(x)
	// k, f, c: 1+x = 2**k * (1+f) with c the rounding error of 1+x divided by it; hu is the
	// fraction field of 1+f, zero when f is computed exactly.
	k := 1
	var f, c float64
	var hu uint64
	if ax < 4.142135623730950488017e-01 { // sqrt(2)-1
		if ax < 0x1p-29 {
			if ax < 0x1p-54 {
				return x
			}
			return x - x*x*0.5
		}
		if x > -2.928932188134524755992e-01 { // sqrt(2)/2-1
			k, f, hu = 0, x, 1
		}
	}
	if k != 0 {
		var u float64
		if ax < 0x1p53 {
			u = 1.0 + x
			hu = Float64bits(u)
			k = int(hu>>fracBits) - expBias
			if k > 0 {
				c = 1.0 - (u - x)
			} else {
				c = x - (u - 1.0)
			}
			c /= u
		} else {
			u = x
			hu = Float64bits(u)
			k = int(hu>>fracBits) - expBias
		}
		hu &= fracMask
		if hu < 0x6a09e667f3bcd { // the fraction field of sqrt(2)
			u = Float64frombits(hu | 0x3ff0000000000000)
		} else {
			k++
			u = Float64frombits(hu | 0x3fe0000000000000)
			hu = (1<<fracBits - hu) >> 2
		}
		f = u - 1.0
	}
	fk := float64(k)
	hfsq := 0.5 * f * f
	if hu == 0 {
		// f is tiny relative to 1: a two-term series suffices.
		if f == 0 {
			if k == 0 {
				return 0
			}
			c += fk * ln2Lo
			return fk*ln2Hi + c
		}
		r := hfsq * (1.0 - 0.66666666666666666*f)
		if k == 0 {
			return f - r
		}
		return fk*ln2Hi - ((r - (fk*ln2Lo + c)) - f)
	}
	s := f / (2.0 + f)
	z := s * s
	r := logLg[6]
	for i := 5; i >= 0; i-- {
		r = logLg[i] + z*r
	}
	r *= z
	if k == 0 {
		return f - (hfsq - s*(hfsq+r))
	}
	return fk*ln2Hi - ((hfsq - (s*(hfsq+r) + (fk*ln2Lo + c))) - f)
}
