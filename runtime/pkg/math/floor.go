// Rounding to an integral value. For a finite x with unbiased exponent k (1 <= |x| < 2**52),
// the 52-k lowest fraction bits are the part below the binary point; clearing them truncates
// toward zero and every other rounding is that plus at most one unit. |x| < 1 rounds to a
// zero or a one of x's sign; |x| >= 2**52, infinities and NaNs are already integral.
//
// On amd64 Go computes Floor, Ceil, Trunc and RoundToEven with the ROUNDSD instruction, which
// returns a NaN operand quieted (x+x does the same); Round and Modf are plain Go there and
// keep a NaN's bits.

package math

// integralBits clears the fraction bits of b (a binary64 with |x| >= 1 or not finite) that
// lie below the binary point, and returns the result and the number of bits cleared.
func integralBits(b uint64) (uint64, uint) {
	e := int(b>>fracBits) & expMask
	if e >= expBias+fracBits {
		return b, 0
	}
	below := uint(expBias + fracBits - e)
	return b &^ (1<<below - 1), below
}

// Trunc returns the integer value of x, rounded toward zero.
// Trunc(±0) = ±0, Trunc(±Inf) = ±Inf, Trunc(NaN) = NaN.
func Trunc(x float64) float64 {
	if x != x {
		return x + x
	}
	b := Float64bits(x)
	if int(b>>fracBits)&expMask < expBias {
		return Float64frombits(b & signBit)
	}
	t, _ := integralBits(b)
	return Float64frombits(t)
}

// Floor returns the greatest integer value less than or equal to x.
// Floor(±0) = ±0, Floor(±Inf) = ±Inf, Floor(NaN) = NaN.
func Floor(x float64) float64 {
	t := Trunc(x)
	if x < 0 && t != x {
		// t has fewer than 53 significant bits, so t-1 is exact; Trunc(-0.5) = -0 gives -1.
		return t - 1
	}
	return t
}

// Ceil returns the least integer value greater than or equal to x.
// Ceil(±0) = ±0, Ceil(±Inf) = ±Inf, Ceil(NaN) = NaN.
func Ceil(x float64) float64 {
	t := Trunc(x)
	if x > 0 && t != x {
		return t + 1
	}
	return t
}

// Round returns the nearest integer, rounding half away from zero.
// Round(±0) = ±0, Round(±Inf) = ±Inf, Round(NaN) = NaN.
func Round(x float64) float64 {
	b := Float64bits(x)
	e := int(b>>fracBits) & expMask
	switch {
	case e < expBias-1: // |x| < 0.5
		return Float64frombits(b & signBit)
	case e == expBias-1: // 0.5 <= |x| < 1
		return Float64frombits(b&signBit | expBias<<fracBits)
	case e >= expBias+fracBits:
		return x
	}
	// Adding half a unit carries into the integer part exactly when the part below the
	// binary point is at least one half; a carry out of the fraction bumps the exponent,
	// which is the right encoding of the next power of two.
	below := uint(expBias + fracBits - e)
	b += 1 << (below - 1)
	return Float64frombits(b &^ (1<<below - 1))
}

// RoundToEven returns the nearest integer, rounding ties to even.
// RoundToEven(±0) = ±0, RoundToEven(±Inf) = ±Inf, RoundToEven(NaN) = NaN.
func RoundToEven(x float64) float64 {
	if x != x {
		return x + x
	}
	b := Float64bits(x)
	e := int(b>>fracBits) & expMask
	switch {
	case e < expBias-1: // |x| < 0.5
		return Float64frombits(b & signBit)
	case e == expBias-1: // 0.5 rounds to the even 0, anything above to 1
		if b&fracMask == 0 {
			return Float64frombits(b & signBit)
		}
		return Float64frombits(b&signBit | expBias<<fracBits)
	}
	t, below := integralBits(b)
	if below == 0 {
		return x
	}
	unit := uint64(1) << below
	rest := b - t
	// The integer part is odd when its last bit is set; for 1 <= |x| < 2 that bit is the
	// implicit leading one, which is not stored.
	odd := below == fracBits || t&unit != 0
	if rest > unit/2 || rest == unit/2 && odd {
		t += unit
	}
	return Float64frombits(t)
}

// Modf returns integer and fractional floating-point numbers that sum to f. Both values
// have the same sign as f.
// Modf(±Inf) = ±Inf, NaN; Modf(NaN) = NaN, NaN.
func Modf(f float64) (ipart float64, fpart float64) {
	if f < 0 {
		ipart, fpart = Modf(-f)
		return -ipart, -fpart
	}
	if f < 1 {
		if f == 0 {
			return f, f // both -0 for -0
		}
		return 0, f
	}
	// For f >= 1, +Inf and NaN the integer part is f with its fraction bits cleared, and the
	// fractional part is the exact difference (Inf-Inf and NaN-NaN give NaN).
	t, _ := integralBits(Float64bits(f))
	ipart = Float64frombits(t)
	return ipart, f - ipart
}
