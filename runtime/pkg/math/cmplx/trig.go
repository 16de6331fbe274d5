// The circular and hyperbolic functions of a complex argument, as Go 1.19's math/cmplx
// computes them (Go: math/cmplx/sin.go and tan.go, which follow Cephes' csin, ccos, ctan and
// ccot, with C99 Annex G's special values). For z = x + iy:
//
//	sin z  = sin x·cosh y + i cos x·sinh y     sinh z = cos y·sinh x + i sin y·cosh x
//	cos z  = cos x·cosh y - i sin x·sinh y     cosh z = cos y·cosh x + i sin y·sinh x
//	tan z  = (sin 2x + i sinh 2y) / (cos 2x + cosh 2y)
//	tanh z = (sinh 2x + i sin 2y) / (cosh 2x + cos 2y)
//	cot z  = (sin 2x - i sinh 2y) / (cosh 2y - cos 2x)
//
// Where the denominator of tan or cot is below 1/4, Cephes' power series of
// cosh 2y ∓ cos 2x replaces it, the circular argument first reduced modulo π (reduce.go).
// The pair sinh, cosh comes from package math for |y| <= 1/2 and otherwise from one
// exponential, e/2 ∓ 1/(2e).

package cmplx

import "math"

// sinhcosh returns sinh(v) and cosh(v).
func sinhcosh(v float64) (sh, ch float64) {
	if math.Abs(v) <= 0.5 {
		return math.Sinh(v), math.Cosh(v)
	}
	half := math.Exp(v)
	inv := 0.5 / half
	half *= 0.5
	return half - inv, half + inv
}

// Sin is the complex sine.
func Sin(x complex128) complex128 {
	a, b := real(x), imag(x)
	switch {
	case b == 0 && (inf(a) || nan(a)):
		return complex(math.NaN(), b)
	case inf(b):
		if a == 0 {
			return x
		}
		if inf(a) || nan(a) {
			return complex(math.NaN(), b)
		}
	case a == 0 && nan(b):
		return x
	}
	s, c := math.Sincos(a)
	sh, ch := sinhcosh(b)
	return complex(ch*s, sh*c)
}

// Sinh is the complex hyperbolic sine.
func Sinh(x complex128) complex128 {
	a, b := real(x), imag(x)
	switch {
	case a == 0 && (inf(b) || nan(b)):
		return complex(a, math.NaN())
	case inf(a):
		if b == 0 {
			return x
		}
		if inf(b) || nan(b) {
			return complex(a, math.NaN())
		}
	case b == 0 && nan(a):
		return complex(math.NaN(), b)
	}
	s, c := math.Sincos(b)
	sh, ch := sinhcosh(a)
	return complex(sh*c, ch*s)
}

// Cos is the complex cosine.
func Cos(x complex128) complex128 {
	a, b := real(x), imag(x)
	switch {
	case b == 0 && (inf(a) || nan(a)):
		return complex(math.NaN(), -b*math.Copysign(0, a))
	case inf(b):
		if a == 0 {
			return complex(math.Inf(1), -a*math.Copysign(0, b))
		}
		if inf(a) || nan(a) {
			return complex(math.Inf(1), math.NaN())
		}
	case a == 0 && nan(b):
		return complex(math.NaN(), 0)
	}
	s, c := math.Sincos(a)
	sh, ch := sinhcosh(b)
	return complex(c*ch, -s*sh)
}

// Cosh is the complex hyperbolic cosine.
func Cosh(x complex128) complex128 {
	a, b := real(x), imag(x)
	switch {
	case a == 0 && (inf(b) || nan(b)):
		return complex(math.NaN(), a*math.Copysign(0, b))
	case inf(a):
		if b == 0 {
			return complex(math.Inf(1), b*math.Copysign(0, a))
		}
		if inf(b) || nan(b) {
			return complex(math.Inf(1), math.NaN())
		}
	case b == 0 && nan(a):
		return complex(math.NaN(), b)
	}
	s, c := math.Sincos(b)
	sh, ch := sinhcosh(a)
	return complex(c*ch, s*sh)
}

// Tan is the complex tangent.
func Tan(x complex128) complex128 {
	a, b := real(x), imag(x)
	switch {
	case inf(b):
		// The result tends to ±i; the real part is a zero whose sign follows sin 2x.
		if inf(a) || nan(a) {
			return complex(math.Copysign(0, a), math.Copysign(1, b))
		}
		return complex(math.Copysign(0, math.Sin(2*a)), math.Copysign(1, b))
	case a == 0 && nan(b):
		return x
	}
	den := math.Cos(2*a) + math.Cosh(2*b)
	if math.Abs(den) < 0.25 {
		den = tanSeries(x)
	}
	if den == 0 {
		return Inf()
	}
	return complex(math.Sin(2*a)/den, math.Sinh(2*b)/den)
}

// Tanh is the complex hyperbolic tangent.
func Tanh(x complex128) complex128 {
	a, b := real(x), imag(x)
	switch {
	case inf(a):
		// The result tends to ±1; the imaginary part is a zero whose sign follows sin 2y.
		if inf(b) || nan(b) {
			return complex(math.Copysign(1, a), math.Copysign(0, b))
		}
		return complex(math.Copysign(1, a), math.Copysign(0, math.Sin(2*b)))
	case b == 0 && nan(a):
		return x
	}
	den := math.Cosh(2*a) + math.Cos(2*b)
	if den == 0 {
		return Inf()
	}
	return complex(math.Sinh(2*a)/den, math.Sin(2*b)/den)
}

// Cot is the complex cotangent.
func Cot(x complex128) complex128 {
	a, b := real(x), imag(x)
	den := math.Cosh(2*b) - math.Cos(2*a)
	if math.Abs(den) < 0.25 {
		den = tanSeries(x)
	}
	if den == 0 {
		return Inf()
	}
	return complex(math.Sin(2*a)/den, -math.Sinh(2*b)/den)
}

// tanSeries is cosh 2y - cos 2x for z = x + iy by its Taylor series
// Σ_{n>=1} ((2y)^{2n} - (-1)^n (2x)^{2n}) / (2n)!, summed two terms at a time until the
// last term is below 2**-53 of the sum; 2|x| is first reduced modulo π.
func tanSeries(z complex128) float64 {
	const tiny = 0x1p-53
	u := reducePi(math.Abs(2 * real(z)))
	u = u * u
	v := math.Abs(2 * imag(z))
	v = v * v
	upow, vpow := 1.0, 1.0
	fact, k, sum := 1.0, 0.0, 0.0
	for even := false; ; even = !even {
		// The next factorial, (2n)! from (2n-2)!.
		k++
		fact *= k
		k++
		fact *= k
		upow *= u
		vpow *= v
		var term float64
		if even {
			term = vpow - upow
		} else {
			term = vpow + upow
		}
		term /= fact
		sum += term
		// Stop after an even term, unless |term/sum| > tiny (a NaN ratio stops too).
		if even && !(math.Abs(term/sum) > tiny) {
			return sum
		}
	}
}
