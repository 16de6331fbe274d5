// The Gamma function and its logarithm. Gamma is Cephes' gamma.c as Go has it: Stirling's
// formula above 33 (with the reflection formula for negative x), otherwise a recurrence
// into [2, 3) and a rational approximation there. Lgamma is FreeBSD msun's e_lgamma_r.c:
// rational approximations around the minimum of Gamma and on [2, 8), an asymptotic series
// beyond, and the reflection formula (through sin(pi*x)) for negative x.

package math

// Cephes gamma.c: P and Q on [2, 3) and the Stirling series correction S, highest degree
// first.
var (
	gammaP = []float64{1.60119522476751861407e-04, 1.19135147006586384913e-03, 1.04213797561761569935e-02,
		4.76367800457137231464e-02, 2.07448227648435975150e-01, 4.94214826801497100753e-01,
		9.99999999999999996796e-01}
	gammaQ = []float64{-2.31581873324120129819e-05, 5.39605580493303397842e-04, -4.45641913851797240494e-03,
		1.18139785222060435552e-02, 3.58236398605498653373e-02, -2.34591795718243348568e-01,
		7.14304917030273074085e-02, 1.00000000000000000320e+00}
	gammaS = []float64{7.87311395793093628397e-04, -2.29549961613378126380e-04, -2.68132617805781232825e-03,
		3.47222221605458667310e-03, 8.33333333333482257126e-02}
)

// stirlingParts returns Gamma(x) for 33 <= x <= 200 (beyond, +Inf) as a product of two
// factors, so that the caller can divide by them one at a time.
func stirlingParts(x float64) (float64, float64) {
	if x > 200 {
		return Inf(1), 1
	}
	const (
		sqrt2Pi     = 2.506628274631000502417
		maxStirling = 143.01608 // above, x**(x-0.5) overflows: it is taken as a square
	)
	w := 1 / x
	w = 1 + w*hornerDown(w, gammaS)
	ex := Exp(x)
	second := 1.0
	var first float64
	if x > maxStirling {
		half := Pow(x, 0.5*x-0.25)
		first, second = half, half/ex
	} else {
		first = Pow(x, x-0.5) / ex
	}
	return first, sqrt2Pi * w * second
}

// Gamma returns the Gamma function of x.
//
// Special cases are:
//
//	Gamma(+Inf) = +Inf
//	Gamma(+0) = +Inf
//	Gamma(-0) = -Inf
//	Gamma(x) = NaN for integer x < 0
//	Gamma(-Inf) = NaN
//	Gamma(NaN) = NaN
func Gamma(x float64) float64 {
	const euler = 0.57721566490153286060651209008240243104215933593992 // A001620
	switch {
	case x != x || x < -MaxFloat64:
		return NaN()
	case x < 0:
		if _, f := Modf(x); f == 0 {
			return NaN()
		}
	case x > MaxFloat64:
		return Inf(1)
	case x == 0:
		if Signbit(x) {
			return Inf(-1)
		}
		return Inf(1)
	}
	q := Abs(x)
	p := Floor(q)
	if q > 33 {
		if x >= 0 {
			a, b := stirlingParts(x)
			return a * b
		}
		return gammaReflected(q, p)
	}
	// Bring x into [2, 3), accumulating the factors in z.
	z := 1.0
	for x >= 3 {
		x--
		z *= x
	}
	for x < 2 {
		if x < 0 && x > -1e-09 || x >= 0 && x < 1e-09 {
			if x == 0 {
				return Inf(1)
			}
			return z / ((1 + euler*x) * x)
		}
		z /= x
		x++
	}
	if x == 2 {
		return z
	}
	x -= 2
	return z * hornerDown(x, gammaP) / hornerDown(x, gammaQ)
}

// gammaReflected is Gamma(-q) for q > 33 (p = Floor(q)): pi / (q·sin(pi·frac)·Gamma(q)).
func gammaReflected(q, p float64) float64 {
	sign := 1
	if int64(p)&1 == 0 {
		sign = -1
	}
	frac := q - p
	if frac > 0.5 {
		p++
		frac = q - p
	}
	z := q * Sin(Pi*frac)
	if z == 0 {
		return Inf(sign)
	}
	a, b := stirlingParts(q)
	az := Abs(z)
	if d := az * a * b; IsInf(d, 0) {
		z = Pi / az / a / b
	} else {
		z = Pi / d
	}
	return float64(sign) * z
}
