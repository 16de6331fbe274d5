// The exact remainders. x - n*y is always representable when n is the truncated (Mod) or
// nearest (Remainder) integer quotient, so both results are exact; they are computed on the
// integer significands, a long division in steps of 11 bits that keep the dividend in 64.

package math

// significand returns a finite nonzero |x| as m * 2**k with m an integer below 2**53.
func significand(x float64) (m uint64, k int) {
	b := Float64bits(x)
	e := int(b>>fracBits) & expMask
	m = b & fracMask
	if e == 0 {
		return m, 1 - expBias - fracBits // subnormal: no implicit bit
	}
	return m | 1<<fracBits, e - expBias - fracBits
}

// modAbs returns |x| mod |y| for finite x and finite nonzero y, as a nonnegative float.
func modAbs(x, y float64) float64 {
	ax, ay := Abs(x), Abs(y)
	if ax < ay {
		return ax
	}
	mx, kx := significand(ax)
	my, ky := significand(ay)
	// |x| >= |y| implies kx >= ky (a smaller exponent holds only smaller values).
	mx %= my
	for kx > ky && mx != 0 {
		step := kx - ky
		if step > 11 {
			step = 11
		}
		mx = (mx << uint(step)) % my
		kx -= step
	}
	// mx < my < 2**53 converts exactly and mx * 2**ky is a representable value.
	return Ldexp(float64(int64(mx)), ky)
}

// Mod returns the floating-point remainder of x/y: x - n*y for n the quotient truncated to
// an integer. The result has the sign of x and magnitude less than |y|.
// Mod(±Inf, y) = NaN; Mod(NaN, y) = NaN; Mod(x, 0) = NaN; Mod(x, ±Inf) = x; Mod(x, NaN) = NaN.
func Mod(x, y float64) float64 {
	switch {
	case x != x || y != y || y == 0 || IsInf(x, 0):
		return NaN()
	case IsInf(y, 0):
		return x
	}
	return Copysign(modAbs(x, y), x)
}

// Remainder returns the IEEE 754 floating-point remainder of x/y: x - n*y for n the
// quotient rounded to the nearest integer, ties to even.
// Remainder(±Inf, y) = NaN; Remainder(NaN, y) = NaN; Remainder(x, 0) = NaN;
// Remainder(x, ±Inf) = x; Remainder(x, NaN) = NaN.
func Remainder(x, y float64) float64 {
	switch {
	case x != x || y != y || y == 0 || IsInf(x, 0):
		return NaN()
	case IsInf(y, 0):
		return x
	}
	ay := Abs(y)
	r := Abs(x)
	// First reduce modulo 2|y| (when that is finite), leaving 0 <= r < 2|y|; then n is 0, 1
	// or 2. The subtractions below are exact: their operands are within a factor of two.
	if ay <= MaxFloat64/2 {
		r = modAbs(r, 2*ay)
	}
	// r - |y| is the nearer multiple's remainder once r > |y|/2; a tie at r == |y|/2 keeps
	// the even n = 0 and a tie at r == 3|y|/2 takes n = 2. Halving a tiny |y| could lose its
	// last bit, so there 2r is compared with |y| instead.
	if ay < 0x1p-1021 {
		if 2*r > ay {
			r -= ay
			if 2*r >= ay {
				r -= ay
			}
		}
	} else {
		half := ay / 2
		if r > half {
			r -= ay
			if r >= half {
				r -= ay
			}
		}
	}
	if Signbit(x) {
		return -r
	}
	return r
}
