// Powers. Pow is Go's own method (math/pow.go): y split into integer and fraction parts
// (the fraction moved into [-1/2, 1/2]); x**frac by Exp(frac*Log(x)); x**int by repeated
// squaring on Frexp's fraction with the binary exponent kept apart as an integer, so that
// the intermediate results neither overflow nor underflow; one Ldexp at the end. Pow10 is
// a product (or quotient) of two exactly stored powers of ten.

package math

// oddInteger reports whether x is an odd integer (x finite).
func oddInteger(x float64) bool {
	if Abs(x) >= 1<<53 {
		return false // every such float is even
	}
	whole, frac := Modf(x)
	return frac == 0 && int64(whole)&1 == 1
}

// Pow returns x**y, the base-x exponential of y.
//
// Special cases are (in order):
//
//	Pow(x, ±0) = 1 for any x
//	Pow(1, y) = 1 for any y
//	Pow(x, 1) = x for any x
//	Pow(NaN, y) = NaN
//	Pow(x, NaN) = NaN
//	Pow(±0, y) = ±Inf for y an odd integer < 0
//	Pow(±0, -Inf) = +Inf
//	Pow(±0, +Inf) = +0
//	Pow(±0, y) = +Inf for finite y < 0 and not an odd integer
//	Pow(±0, y) = ±0 for y an odd integer > 0
//	Pow(±0, y) = +0 for finite y > 0 and not an odd integer
//	Pow(-1, ±Inf) = 1
//	Pow(x, +Inf) = +Inf for |x| > 1
//	Pow(x, -Inf) = +0 for |x| > 1
//	Pow(x, +Inf) = +0 for |x| < 1
//	Pow(x, -Inf) = +Inf for |x| < 1
//	Pow(+Inf, y) = +Inf for y > 0
//	Pow(+Inf, y) = +0 for y < 0
//	Pow(-Inf, y) = Pow(-0, -y)
//	Pow(x, y) = NaN for finite x < 0 and finite non-integer y
func Pow(x, y float64) float64 {
	if y == 0 || x == 1 {
		return 1
	}
	if y == 1 {
		return x
	}
	if x != x || y != y {
		return NaN()
	}
	yInf := y-y != 0
	switch {
	case x == 0:
		if y < 0 {
			if !yInf && oddInteger(y) {
				return Copysign(Inf(1), x)
			}
			return Inf(1)
		}
		if !yInf && oddInteger(y) {
			return x
		}
		return 0
	case yInf:
		return powLimit(x, y > 0)
	case x-x != 0:
		if x < 0 {
			return Pow(1/x, -y) // -0 for -Inf
		}
		if y < 0 {
			return 0
		}
		return Inf(1)
	case y == 0.5:
		return Sqrt(x)
	case y == -0.5:
		return 1 / Sqrt(x)
	}
	whole, frac := Modf(Abs(y))
	if frac != 0 && x < 0 {
		return NaN()
	}
	if whole >= 1<<63 {
		// y is an even integer too large to count down: only |x| against 1 matters.
		return powLimit(x, y > 0)
	}
	acc, accExp := 1.0, 0
	if frac != 0 {
		if frac > 0.5 {
			frac--
			whole++
		}
		acc = Exp(frac * Log(x))
	}
	base, baseExp := Frexp(x)
	for n := int64(whole); n != 0; n >>= 1 {
		if baseExp < -1<<12 || 1<<12 < baseExp {
			// The exponent alone already over- or underflows; Ldexp will say so.
			accExp += baseExp
			break
		}
		if n&1 == 1 {
			acc *= base
			accExp += baseExp
		}
		base *= base
		baseExp <<= 1
		if base < .5 {
			base += base
			baseExp--
		}
	}
	if y < 0 {
		acc = 1 / acc
		accExp = -accExp
	}
	return Ldexp(acc, accExp)
}

// powLimit is x**y for |y| infinite or past 2**63 (up says y > 0): 1 for x = -1, else 0 or
// +Inf depending on whether |x| < 1 agrees with the direction of y.
func powLimit(x float64, up bool) float64 {
	switch {
	case x == -1:
		return 1
	case (Abs(x) < 1) == up:
		return 0
	}
	return Inf(1)
}

// tenTo holds 10**0 .. 10**31, and tenTo32 and tenToMinus32 the powers 10**(±32*i).
var (
	tenTo = [32]float64{
		1e00, 1e01, 1e02, 1e03, 1e04, 1e05, 1e06, 1e07, 1e08, 1e09, 1e10, 1e11, 1e12, 1e13,
		1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27,
		1e28, 1e29, 1e30, 1e31,
	}
	tenTo32      = [10]float64{1e00, 1e32, 1e64, 1e96, 1e128, 1e160, 1e192, 1e224, 1e256, 1e288}
	tenToMinus32 = [11]float64{1, 1e-32, 1e-64, 1e-96, 1e-128, 1e-160, 1e-192, 1e-224, 1e-256, 1e-288, 1e-320}
)

// Pow10 returns 10**n, the base-10 exponential of n.
// Pow10(n) = 0 for n < -323; Pow10(n) = +Inf for n > 308.
func Pow10(n int) float64 {
	switch {
	case n >= 0 && n <= 308:
		return tenTo32[n/32] * tenTo[n%32]
	case n < 0 && n >= -323:
		return tenToMinus32[-n/32] / tenTo[-n%32]
	case n > 0:
		return Inf(1)
	}
	return 0
}
