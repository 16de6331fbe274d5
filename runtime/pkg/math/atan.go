// Inverse circular functions, Cephes' as Go has them: atan from a rational approximation on
// [0, 0.66] after reducing larger arguments through atan(x) = pi/2 - atan(1/x) (beyond
// tan(3pi/8)) or pi/4 + atan((x-1)/(x+1)), with the low part of pi/2 added back; asin and
// acos through atan and a square root; atan2 from atan and the quadrant.

package math

// Cephes atan.c's P (degree 4) and monic Q (degree 5), highest degree first.
var (
	atanNum = [5]float64{
		-8.750608600031904122785e-01, -1.615753718733365076637e+01, -7.500855792314704667340e+01,
		-1.228866684490136173410e+02, -6.485021904942025371773e+01,
	}
	atanDen = [5]float64{
		+2.485846490142306297962e+01, +1.650270098316988542046e+02, +4.328810604912902668951e+02,
		+4.853903996359136964868e+02, +1.945506571482613964425e+02,
	}
)

// atanSmall is atan(x) for |x| <= 0.66: x + x·z·P(z)/Q(z), z = x².
func atanSmall(x float64) float64 {
	z := x * x
	num, den := atanNum[0], z+atanDen[0]
	for i := 1; i < 5; i++ {
		num = num*z + atanNum[i]
		den = den*z + atanDen[i]
	}
	return x*(z*num/den) + x
}

// atanNonneg is atan(x) for x >= 0, reduced to atanSmall.
func atanNonneg(x float64) float64 {
	const (
		piOver2Lo = 6.123233995736765886130e-17 // pi/2 - float64(pi/2)
		tan3Pi8   = 2.41421356237309504880      // tan(3*pi/8)
	)
	switch {
	case x <= 0.66:
		return atanSmall(x)
	case x > tan3Pi8:
		return Pi/2 - atanSmall(1/x) + piOver2Lo
	}
	return Pi/4 + atanSmall((x-1)/(x+1)) + 0.5*piOver2Lo
}

// Atan returns the arctangent, in radians, of x.
// Atan(±0) = ±0; Atan(±Inf) = ±Pi/2.
func Atan(x float64) float64 {
	switch {
	case x == 0:
		return x
	case x > 0:
		return atanNonneg(x)
	}
	return -atanNonneg(-x)
}

// Asin returns the arcsine, in radians, of x.
// Asin(±0) = ±0; Asin(x) = NaN if x < -1 or x > 1.
func Asin(x float64) float64 {
	if x == 0 {
		return x
	}
	if x != x {
		return x + x // Go's arithmetic carries the NaN through, quieted, sign kept
	}
	a := Abs(x)
	if a > 1 {
		return NaN()
	}
	c := Sqrt(1 - a*a) // cos(asin(a))
	var r float64
	if a > 0.7 {
		r = Pi/2 - atanNonneg(c/a)
	} else {
		r = atanNonneg(a / c)
	}
	if x < 0 {
		return -r
	}
	return r
}

// Acos returns the arccosine, in radians, of x.
// Acos(x) = NaN if x < -1 or x > 1.
func Acos(x float64) float64 {
	return Pi/2 - Asin(x)
}

// Atan2 returns the arc tangent of y/x, using the signs of the two to determine the
// quadrant of the return value.
//
// Special cases are (in order):
//
//	Atan2(y, NaN) = NaN
//	Atan2(NaN, x) = NaN
//	Atan2(+0, x>=0) = +0
//	Atan2(-0, x>=0) = -0
//	Atan2(+0, x<=-0) = +Pi
//	Atan2(-0, x<=-0) = -Pi
//	Atan2(y>0, 0) = +Pi/2
//	Atan2(y<0, 0) = -Pi/2
//	Atan2(+Inf, +Inf) = +Pi/4
//	Atan2(-Inf, +Inf) = -Pi/4
//	Atan2(+Inf, -Inf) = 3Pi/4
//	Atan2(-Inf, -Inf) = -3Pi/4
//	Atan2(y, +Inf) = 0
//	Atan2(y>0, -Inf) = +Pi
//	Atan2(y<0, -Inf) = -Pi
//	Atan2(+Inf, x) = +Pi/2
//	Atan2(-Inf, x) = -Pi/2
func Atan2(y, x float64) float64 {
	yInf, xInf := y-y != 0 && y == y, x-x != 0 && x == x
	switch {
	case y != y || x != x:
		return NaN()
	case y == 0:
		if x >= 0 && !Signbit(x) {
			return Copysign(0, y)
		}
		return Copysign(Pi, y)
	case x == 0:
		return Copysign(Pi/2, y)
	case xInf && x > 0:
		if yInf {
			return Copysign(Pi/4, y)
		}
		return Copysign(0, y)
	case xInf:
		if yInf {
			return Copysign(3*Pi/4, y)
		}
		return Copysign(Pi, y)
	case yInf:
		return Copysign(Pi/2, y)
	}
	q := Atan(y / x)
	if x > 0 {
		return q
	}
	if q <= 0 {
		return q + Pi
	}
	return q - Pi
}
