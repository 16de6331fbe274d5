// Cube root and hypotenuse. Cbrt is FreeBSD msun's s_cbrt.c as Go has it: an estimate from
// dividing the exponent bits by 3, one step of a rational correction to about 23 bits,
// rounding to 32 bits, then one Newton step. Hypot is math/hypot_amd64.s's formula,
// max·sqrt(1+(min/max)²), with that routine's special cases (Go's NaN, or +Inf if either
// argument is infinite, whatever the other is).

package math

// Cbrt returns the cube root of x.
// Cbrt(±0) = ±0; Cbrt(±Inf) = ±Inf; Cbrt(NaN) = NaN.
func Cbrt(x float64) float64 {
	const (
		bias1 = 715094163                   // (1023 - 1023/3 - 0.03306235651)·2**20, for normal x
		bias2 = 696219795                   // (1023 - 1023/3 - 54/3 - 0.03306235651)·2**20, for subnormal x
		c     = 5.42857142857142815906e-01  // 19/35
		d     = -7.05306122448979611050e-01 // -864/1225
		e     = 1.41428571428571436819e+00  // 99/70
		f     = 1.60714285714285720630e+00  // 45/28
		g     = 3.57142857142857150787e-01  // 5/14
	)
	if x == 0 || x != x || x-x != 0 {
		return x
	}
	a := Abs(x)
	t := Float64frombits(Float64bits(a)/3 + bias1<<32)
	if a < 0x1p-1022 {
		t = 0x1p54 * a
		t = Float64frombits(Float64bits(t)/3 + bias2<<32)
	}
	// A rational step brings t to about 23 bits.
	r := t * t / a
	s := c + r*t
	t *= g + f/(s+e+d/s)
	// Round t to 32 significant bits (up, away from zero), so t*t is exact.
	t = Float64frombits(Float64bits(t)&0xffffffffc0000000 + 1<<30)
	// One Newton step to 53 bits.
	s = t * t
	r = a / s
	r = (r - t) / (t + t + r)
	t += t * r
	if x < 0 {
		return -t
	}
	return t
}

// Hypot returns Sqrt(p*p + q*q), taking care to avoid unnecessary overflow and underflow.
// Hypot(±Inf, q) = +Inf; Hypot(p, ±Inf) = +Inf; Hypot(NaN, q) = NaN; Hypot(p, NaN) = NaN.
func Hypot(p, q float64) float64 {
	bp, bq := Float64bits(p)&^signBit, Float64bits(q)&^signBit
	const inf = expMask << fracBits
	if bp >= inf || bq >= inf {
		if bp == inf || bq == inf {
			return Inf(1)
		}
		return NaN()
	}
	if bp|bq == 0 {
		return 0
	}
	hi, lo := Float64frombits(bp), Float64frombits(bq)
	if lo > hi {
		hi, lo = lo, hi
	}
	r := lo / hi
	r *= r
	return hi * Sqrt(r+1)
}
