// Comparisons and neighbours: Max, Min, Dim, Nextafter and Nextafter32. Go's Max and Min
// return the NaN of its NaN function for a NaN operand (unless the other is the infinity
// that wins), and Dim returns the difference itself, NaN included.

package math

// Max returns the larger of x or y.
// Max(x, +Inf) = Max(+Inf, x) = +Inf; Max(x, NaN) = Max(NaN, x) = NaN;
// Max(+0, ±0) = Max(±0, +0) = +0; Max(-0, -0) = -0.
func Max(x, y float64) float64 {
	switch {
	case x > MaxFloat64 || y > MaxFloat64:
		return Inf(1)
	case x != x || y != y:
		return NaN()
	case x == 0 && y == 0:
		// -0 only when both are: the sign bits ANDed.
		return Float64frombits(Float64bits(x) & Float64bits(y))
	case x > y:
		return x
	}
	return y
}

// Min returns the smaller of x or y.
// Min(x, -Inf) = Min(-Inf, x) = -Inf; Min(x, NaN) = Min(NaN, x) = NaN;
// Min(-0, ±0) = Min(±0, -0) = -0.
func Min(x, y float64) float64 {
	switch {
	case x < -MaxFloat64 || y < -MaxFloat64:
		return Inf(-1)
	case x != x || y != y:
		return NaN()
	case x == 0 && y == 0:
		// -0 when either is: the sign bits ORed.
		return Float64frombits(Float64bits(x) | Float64bits(y))
	case x < y:
		return x
	}
	return y
}

// Dim returns the maximum of x-y or 0.
// Dim(+Inf, +Inf) = NaN; Dim(-Inf, -Inf) = NaN; Dim(x, NaN) = Dim(NaN, x) = NaN.
func Dim(x, y float64) float64 {
	d := x - y
	if d > 0 || d != d {
		return d
	}
	return 0
}

// Nextafter returns the next representable float64 value after x towards y.
// Nextafter(x, x) = x; Nextafter(NaN, y) = NaN; Nextafter(x, NaN) = NaN.
func Nextafter(x, y float64) float64 {
	switch {
	case x != x || y != y:
		return NaN()
	case x == y:
		return x
	case x == 0:
		// The least subnormal, signed towards y.
		return Copysign(Float64frombits(1), y)
	}
	// Away from zero is one encoding up, towards zero one down, for either sign.
	b := Float64bits(x)
	if (y > x) == (x > 0) {
		return Float64frombits(b + 1)
	}
	return Float64frombits(b - 1)
}

// Nextafter32 returns the next representable float32 value after x towards y.
// Nextafter32(x, x) = x; Nextafter32(NaN, y) = NaN; Nextafter32(x, NaN) = NaN.
func Nextafter32(x, y float32) float32 {
	switch {
	case x != x || y != y:
		return float32(NaN())
	case x == y:
		return x
	case x == 0:
		b := uint32(1)
		if y < 0 {
			b |= 1 << 31
		}
		return Float32frombits(b)
	}
	b := Float32bits(x)
	if (y > x) == (x > 0) {
		return Float32frombits(b + 1)
	}
	return Float32frombits(b - 1)
}
