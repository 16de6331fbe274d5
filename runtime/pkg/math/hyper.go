// Hyperbolic functions and their inverses, as Go computes them: Sinh, Cosh and Tanh are
// Cephes' (a rational approximation near zero, Exp elsewhere); Asinh, Acosh and Atanh are
// FreeBSD msun's (s_asinh.c, e_acosh.c, e_atanh.c), through Log and Log1p.

package math

// Cephes sinh.c's P (degree 3) and monic Q (degree 3) in x², highest degree first.
var (
	sinhNum = [4]float64{
		-0.2630563213397497062819489e+2, -0.2894211355989563807284660366e+4,
		-0.8991272022039509355398013511e+5, -0.6307673640497716991184787251e+6,
	}
	sinhDen = [3]float64{
		-0.173678953558233699533450911e+3, 0.1521517378790019070696485176e+5,
		-0.6307673640497716991212077277e+6,
	}
)

// Sinh returns the hyperbolic sine of x.
// Sinh(±0) = ±0; Sinh(±Inf) = ±Inf; Sinh(NaN) = NaN.
func Sinh(x float64) float64 {
	a := x
	if x < 0 {
		a = -x
	}
	var r float64
	switch {
	case a > 21:
		r = Exp(a) * 0.5
	case a > 0.5:
		ea := Exp(a)
		r = (ea - 1/ea) * 0.5
	default:
		a2 := a * a
		num := sinhNum[0]
		for i := 1; i < 4; i++ {
			num = num*a2 + sinhNum[i]
		}
		den := a2 + sinhDen[0]
		for i := 1; i < 3; i++ {
			den = den*a2 + sinhDen[i]
		}
		r = num * a / den
	}
	if x < 0 {
		return -r
	}
	return r
}

// Cosh returns the hyperbolic cosine of x.
// Cosh(±0) = 1; Cosh(±Inf) = +Inf; Cosh(NaN) = NaN.
func Cosh(x float64) float64 {
	a := Abs(x)
	ea := Exp(a)
	if a > 21 {
		return ea * 0.5
	}
	return (ea + 1/ea) * 0.5
}

// Cephes tanh.c's P (degree 2) and monic Q (degree 3) in x², highest degree first.
var (
	tanhNum = [3]float64{-9.64399179425052238628e-1, -9.92877231001918586564e1, -1.61468768441708447952e3}
	tanhDen = [3]float64{1.12811678491632931402e2, 2.23548839060100448583e3, 4.84406305325125486048e3}
)

// Tanh returns the hyperbolic tangent of x.
// Tanh(±0) = ±0; Tanh(±Inf) = ±1; Tanh(NaN) = NaN.
func Tanh(x float64) float64 {
	const maxLog = 8.8029691931113054295988e+01 // ln(2**127)
	a := Abs(x)
	switch {
	case a > 0.5*maxLog:
		if x < 0 {
			return -1
		}
		return 1
	case a >= 0.625:
		r := 1 - 2/(Exp(2*a)+1)
		if x < 0 {
			return -r
		}
		return r
	case x == 0:
		return x
	}
	x2 := x * x
	num := (tanhNum[0]*x2+tanhNum[1])*x2 + tanhNum[2]
	den := ((x2+tanhDen[0])*x2+tanhDen[1])*x2 + tanhDen[2]
	return x + x*x2*num/den
}

// Asinh returns the inverse hyperbolic sine of x.
// Asinh(±0) = ±0; Asinh(±Inf) = ±Inf; Asinh(NaN) = NaN.
func Asinh(x float64) float64 {
	const ln2 = 6.93147180559945286227e-01
	if x != x || x-x != 0 {
		return x
	}
	a := x // -0 stays -0, as Go's sign handling leaves it
	if x < 0 {
		a = -x
	}
	var r float64
	switch {
	case a > 1<<28:
		r = Log(a) + ln2
	case a > 2:
		r = Log(2*a + 1/(Sqrt(a*a+1)+a))
	case a < 0x1p-28:
		r = a
	default:
		r = Log1p(a + a*a/(1+Sqrt(1+a*a)))
	}
	if x < 0 {
		return -r
	}
	return r
}

// Acosh returns the inverse hyperbolic cosine of x.
// Acosh(+Inf) = +Inf; Acosh(x) = NaN if x < 1; Acosh(NaN) = NaN.
func Acosh(x float64) float64 {
	switch {
	case x < 1 || x != x:
		return NaN()
	case x == 1:
		return 0
	case x >= 1<<28:
		return Log(x) + Ln2
	case x > 2:
		return Log(2*x - 1/(x+Sqrt(x*x-1)))
	}
	t := x - 1
	return Log1p(t + Sqrt(2*t+t*t))
}

// Atanh returns the inverse hyperbolic tangent of x.
// Atanh(1) = +Inf; Atanh(±0) = ±0; Atanh(-1) = -Inf; Atanh(x) = NaN if x < -1 or x > 1;
// Atanh(NaN) = NaN.
func Atanh(x float64) float64 {
	switch {
	case x < -1 || x > 1 || x != x:
		return NaN()
	case x == 1:
		return Inf(1)
	case x == -1:
		return Inf(-1)
	}
	a := x // -0 stays -0, as Go's sign handling leaves it
	if x < 0 {
		a = -x
	}
	var r float64
	switch {
	case a < 0x1p-28:
		r = a
	case a < 0.5:
		twice := a + a
		r = 0.5 * Log1p(twice+twice*a/(1-a))
	default:
		r = 0.5 * Log1p((a+a)/(1-a))
	}
	if x < 0 {
		return -r
	}
	return r
}
