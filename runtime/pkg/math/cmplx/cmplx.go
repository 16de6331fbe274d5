// Package cmplx: elementary functions of complex128 values, each result the one Go 1.19's
// math/cmplx computes, bit for bit, because every function here performs the same float64
// operations in the same order over package math (whose results are Go's amd64 ones).
//
// This file: classification (IsInf, IsNaN and the values Inf, NaN), the polar form (Abs,
// Phase, Polar, Rect), the conjugate, the square root, and the exponential family (Exp,
// Log, Log10, Pow). The facts followed, from Go's math/cmplx (abs.go, conj.go, isinf.go,
// isnan.go, phase.go, polar.go, rect.go, sqrt.go, exp.go, log.go, pow.go): IsNaN is false as
// soon as either part is infinite; Sqrt is Cephes' csqrt (scale the operands by 1/4 when a
// part exceeds 4, else by 2**54, take the hypotenuse, then the half-angle formulas and undo
// the scale by 2 or 2**-27), with the signed-zero and infinity cases of C99's Annex G;
// Exp, Log and Pow are exp(a)·(cos b + i sin b), log|x| + i arg x and |x|**y·e**(i y arg x)
// with the same special cases (0**y is 1, +Inf, Inf() or 0 from the sign of real(y)).
// Where two NaNs can meet in a product or sum, the operands are in the order of Go's
// compiled code, which decides the result's NaN (see square in inverse.go).
package cmplx

import "math"

// inf reports whether v is an infinity of either sign.
func inf(v float64) bool { return math.IsInf(v, 0) }

// nan reports whether v is a NaN.
func nan(v float64) bool { return v != v }

// Inf is the complex infinity +Inf+Inf i.
func Inf() complex128 {
	pos := math.Inf(1)
	return complex(pos, pos)
}

// NaN is a complex NaN: Go's math.NaN in both parts.
func NaN() complex128 {
	q := math.NaN()
	return complex(q, q)
}

// IsInf tells whether a part of x is infinite.
func IsInf(x complex128) bool { return inf(real(x)) || inf(imag(x)) }

// IsNaN tells whether a part of x is NaN while neither part is infinite (an infinity
// outranks a NaN, as in C99).
func IsNaN(x complex128) bool {
	if IsInf(x) {
		return false
	}
	return nan(real(x)) || nan(imag(x))
}

// Abs is the modulus |x|, hypot(real x, imag x).
func Abs(x complex128) float64 { return math.Hypot(real(x), imag(x)) }

// Phase is the argument of x, atan2(imag x, real x), within [-π, π].
func Phase(x complex128) float64 { return math.Atan2(imag(x), real(x)) }

// Polar gives x as a modulus and an argument in [-π, π]: x = r·e**(iθ).
func Polar(x complex128) (r, θ float64) { return Abs(x), Phase(x) }

// Rect is the inverse of Polar: r·cos θ + i r·sin θ. (With a NaN r and a NaN or infinite
// θ, the result's NaNs are those of Go's out-of-line Rect; Go's inlined copies may pick r's
// NaN for a part instead, depending on the caller's register allocation.)
func Rect(r, θ float64) complex128 {
	sin, cos := math.Sincos(θ)
	return complex(cos*r, sin*r)
}

// Conj mirrors x in the real axis.
func Conj(x complex128) complex128 { return complex(real(x), -imag(x)) }

// Sqrt is the principal square root: its real part is never negative and its imaginary
// part has the sign of imag(x).
func Sqrt(x complex128) complex128 {
	a, b := real(x), imag(x)
	switch {
	case b == 0:
		// On the real axis. The imaginary part carries b's sign, which matters when the
		// result is a signed zero.
		if a == 0 {
			return complex(0, b)
		}
		if a < 0 {
			return complex(0, math.Copysign(math.Sqrt(-a), b))
		}
		return complex(math.Sqrt(a), b)
	case inf(b):
		return complex(math.Inf(1), b)
	case a == 0:
		// On the imaginary axis both parts have the magnitude sqrt(|b|/2).
		if b < 0 {
			m := math.Sqrt(-0.5 * b)
			return complex(m, -m)
		}
		m := math.Sqrt(0.5 * b)
		return complex(m, m)
	}
	// Bring the parts into a range where the hypotenuse cannot overflow and keeps its
	// precision; undo is the square root of the inverse of the factor applied.
	var undo float64
	if math.Abs(a) > 4 || math.Abs(b) > 4 {
		a, b, undo = a*0.25, b*0.25, 2
	} else {
		a, b, undo = a*0x1p54, b*0x1p54, 0x1p-27
	}
	h := math.Hypot(a, b)
	// re is the result's real part, im the magnitude of its imaginary part. The larger of
	// the two comes from the half-angle formula, the other from b/(2·larger), so that
	// neither suffers cancellation.
	var re, im float64
	if a > 0 {
		re = math.Sqrt(0.5*h + 0.5*a)
		im = undo * math.Abs((0.5*b)/re)
		re *= undo
	} else {
		im = math.Sqrt(0.5*h - 0.5*a)
		re = undo * math.Abs((0.5*b)/im)
		im *= undo
	}
	if b < 0 {
		return complex(re, -im)
	}
	return complex(re, im)
}

// Exp is e**x.
func Exp(x complex128) complex128 {
	a, b := real(x), imag(x)
	if inf(a) {
		if a > 0 && b == 0 {
			return x
		}
		if inf(b) || nan(b) {
			// The angle is undefined: a zero towards -Inf, an infinity of no direction
			// towards +Inf.
			if a < 0 {
				return complex(0, math.Copysign(0, b))
			}
			return complex(math.Inf(1), math.NaN())
		}
	} else if nan(a) && b == 0 {
		return complex(math.NaN(), b)
	}
	r := math.Exp(a)
	s, c := math.Sincos(b)
	return complex(c*r, s*r)
}

// Log is the principal natural logarithm, with an imaginary part in [-π, π].
func Log(x complex128) complex128 { return complex(math.Log(Abs(x)), Phase(x)) }

// Log10 is Log(x) scaled by log10(e).
func Log10(x complex128) complex128 {
	l := Log(x)
	return complex(math.Log10E*real(l), math.Log10E*imag(l))
}

// Pow is x**y on the principal branch. A zero x gives 1 for a zero real(y), 0 for a
// positive one, and for a negative one +Inf (a real y) or Inf() (otherwise), as math.Pow
// would on the real line.
func Pow(x, y complex128) complex128 {
	if x == 0 {
		// A zero base (of any signs): the exponent's real part decides.
		if IsNaN(y) {
			return NaN()
		}
		yr, yi := real(y), imag(y)
		if yr == 0 {
			return 1
		}
		if yr < 0 {
			if yi == 0 {
				return complex(math.Inf(1), 0)
			}
			return Inf()
		}
		if yr > 0 {
			return 0
		}
		// Only a NaN real part with an infinite imaginary one gets here, as in Go.
		panic("not reached")
	}
	mod := Abs(x)
	if mod == 0 {
		return complex(0, 0)
	}
	// |x|**y = |x|**real(y) · e**(-imag(y)·arg x) · e**(i(real(y)·arg x + imag(y)·log|x|))
	r := math.Pow(mod, real(y))
	arg := Phase(x)
	angle := real(y) * arg
	if imag(y) != 0 {
		r = math.Exp(-imag(y)*arg) * r
		angle = math.Log(mod)*imag(y) + angle
	}
	s, c := math.Sincos(angle)
	return complex(c*r, r*s)
}
