// Splitting a float into fraction and exponent and scaling by powers of two. Both are exact
// except where Ldexp's result falls below the normal range, where it is rounded once, to
// nearest even, like any arithmetic result.

package math

// unpack returns x (finite, nonzero) as m * 2**k with the exponent field of m's encoding
// normal: a subnormal x is first scaled up by 2**52, which is exact.
func unpack(x float64) (m float64, k int) {
	if Abs(x) < 0x1p-1022 {
		return x * 0x1p52, -52
	}
	return x, 0
}

// exponent returns the unbiased exponent of a normal binary64 encoding.
func exponent(b uint64) int {
	return int(b>>fracBits)&expMask - expBias
}

// withExponent returns the encoding b with its unbiased exponent replaced by k (a normal one).
func withExponent(b uint64, k int) uint64 {
	return b&^(expMask<<fracBits) | uint64(k+expBias)<<fracBits
}

// Frexp breaks f into a normalized fraction and an integral power of two: f == frac × 2**exp
// with 0.5 <= |frac| < 1.
// Frexp(±0) = ±0, 0; Frexp(±Inf) = ±Inf, 0; Frexp(NaN) = NaN, 0.
func Frexp(f float64) (frac float64, exp int) {
	if f == 0 || f-f != 0 {
		return f, 0
	}
	m, k := unpack(f)
	b := Float64bits(m)
	return Float64frombits(withExponent(b, -1)), k + exponent(b) + 1
}

// Ldexp is the inverse of Frexp: it returns frac × 2**exp.
// Ldexp(±0, exp) = ±0; Ldexp(±Inf, exp) = ±Inf; Ldexp(NaN, exp) = NaN.
func Ldexp(frac float64, exp int) float64 {
	if frac == 0 || frac-frac != 0 {
		return frac
	}
	m, k := unpack(frac)
	b := Float64bits(m)
	// The result is 1.f × 2**k with k computed in int arithmetic (which wraps, as Go's does).
	k += exp
	k += exponent(b)
	switch {
	case k > 1023:
		return Copysign(Inf(1), frac)
	case k < -1075:
		// Below half the least subnormal: rounds to zero.
		return Copysign(0, frac)
	case k < -1022:
		// Subnormal: build the value 2**53 times larger, then one multiplication rounds it.
		return Float64frombits(withExponent(b, k+53)) * 0x1p-53
	}
	return Float64frombits(withExponent(b, k))
}

// Ilogb returns the binary exponent of x as an integer: the k with 1 <= |x|/2**k < 2.
// Ilogb(±Inf) = MaxInt32; Ilogb(0) = MinInt32; Ilogb(NaN) = MaxInt32.
func Ilogb(x float64) int {
	if x == 0 {
		return MinInt32
	}
	if x != x || x-x != 0 {
		return MaxInt32
	}
	m, k := unpack(x)
	return k + exponent(Float64bits(m))
}

// Logb returns the binary exponent of x as a float64.
// Logb(±Inf) = +Inf; Logb(0) = -Inf; Logb(NaN) = NaN.
func Logb(x float64) float64 {
	switch {
	case x == 0:
		return Inf(-1)
	case x != x:
		return x
	case x-x != 0:
		return Inf(1)
	}
	return float64(Ilogb(x))
}
