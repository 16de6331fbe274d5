// The inverse circular and hyperbolic functions of a complex argument, as Go 1.19's
// math/cmplx computes them (Go: math/cmplx/asin.go, which follows Cephes' casin, cacos and
// catan and C99 Annex G for the special values). On the real segment [-1, 1] (and the
// matching imaginary one) they defer to package math's real functions; elsewhere
//
//	asin z  = -i·log(i z + sqrt(1 - z²))
//	asinh z = log(z + sqrt(1 + z²))
//	acos z  = π/2 - asin z,  acosh z = ±i·acos z (the sign making the real part >= 0)
//	atan z  = ½·atan2(2x, 1 - x² - y²) (reduced into (-π/2, π/2]) + ¼ i·log(|z+i|²/|z-i|²)
//	atanh z = -i·atan(i z)
//
// for z = x + iy, with the same float64 operations in the same order as Go's.

package cmplx

import "math"

// square is z·z with the operations Go's complex multiplication performs (no fused
// multiply-add on amd64; Go computes the cross product a·b once and doubles it).
//
// Throughout this package, where both operands of a commutative + or · may be NaNs, the
// operand written first is the one whose NaN the result carries (SSE keeps the first
// source's), and the order is the one Go 1.19's compiled math/cmplx has: so some products
// and sums below are written in an unusual order.
func square(z complex128) complex128 {
	a, b := real(z), imag(z)
	cross := b * a
	return complex(a*a-b*b, cross+cross)
}

// Asin is the principal inverse sine.
func Asin(x complex128) complex128 {
	a, b := real(x), imag(x)
	switch {
	case b == 0 && math.Abs(a) <= 1:
		return complex(math.Asin(a), b)
	case a == 0 && math.Abs(b) <= 1:
		return complex(a, math.Asinh(b))
	case nan(b):
		if a == 0 {
			return complex(a, math.NaN())
		}
		if inf(a) {
			return complex(math.NaN(), a)
		}
		return NaN()
	case inf(b):
		if nan(a) {
			return x
		}
		if inf(a) {
			return complex(math.Copysign(math.Pi/4, a), b)
		}
		return complex(math.Copysign(0, a), b)
	case inf(a):
		return complex(math.Copysign(math.Pi/2, a), math.Copysign(a, b))
	}
	sq := square(x)
	root := Sqrt(complex(1-real(sq), -imag(sq)))
	// i·x is -b + i a, added after the root.
	nb := -b
	l := Log(complex(real(root)+nb, imag(root)+a))
	// Multiply by -i.
	return complex(imag(l), -real(l))
}

// Asinh is the principal inverse hyperbolic sine.
func Asinh(x complex128) complex128 {
	a, b := real(x), imag(x)
	switch {
	case b == 0 && math.Abs(a) <= 1:
		return complex(math.Asinh(a), b)
	case a == 0 && math.Abs(b) <= 1:
		return complex(a, math.Asin(b))
	case inf(a):
		if inf(b) {
			return complex(a, math.Copysign(math.Pi/4, b))
		}
		if nan(b) {
			return x
		}
		return complex(a, math.Copysign(0.0, b))
	case nan(a):
		if b == 0 {
			return x
		}
		if inf(b) {
			return complex(b, a)
		}
		return NaN()
	case inf(b):
		return complex(math.Copysign(b, a), math.Copysign(math.Pi/2, b))
	}
	sq := square(x)
	root := Sqrt(complex(real(sq)+1, imag(sq)))
	return Log(complex(real(root)+a, imag(root)+b))
}

// Acos is the principal inverse cosine, π/2 - Asin(x).
func Acos(x complex128) complex128 {
	s := Asin(x)
	return complex(math.Pi/2-real(s), -imag(s))
}

// Acosh is the principal inverse hyperbolic cosine.
func Acosh(x complex128) complex128 {
	if x == 0 {
		return complex(0, math.Copysign(math.Pi/2, imag(x)))
	}
	c := Acos(x)
	if imag(c) <= 0 {
		// Multiply by i.
		return complex(-imag(c), real(c))
	}
	// Multiply by -i (also for a NaN imaginary part).
	return complex(imag(c), -real(c))
}

// Atan is the principal inverse tangent.
func Atan(x complex128) complex128 {
	a, b := real(x), imag(x)
	switch {
	case b == 0:
		return complex(math.Atan(a), b)
	case a == 0 && math.Abs(b) <= 1:
		return complex(a, math.Atanh(b))
	case inf(b) || inf(a):
		if nan(a) {
			return complex(math.NaN(), math.Copysign(0, b))
		}
		return complex(math.Copysign(math.Pi/2, a), math.Copysign(0, b))
	case nan(a) || nan(b):
		return NaN()
	}
	aa := a * a
	den := 1 - aa - b*b
	if den == 0 {
		return NaN()
	}
	re := reducePi(0.5 * math.Atan2(2*a, den))
	// The imaginary part: a quarter of log(|x+i|²/|x-i|²).
	below := b - 1
	far := aa + below*below
	if far == 0 {
		return NaN()
	}
	above := b + 1
	return complex(re, 0.25*math.Log((aa+above*above)/far))
}

// Atanh is the principal inverse hyperbolic tangent, -i·Atan(i x).
func Atanh(x complex128) complex128 {
	t := Atan(complex(-imag(x), real(x)))
	return complex(imag(t), -real(t))
}
