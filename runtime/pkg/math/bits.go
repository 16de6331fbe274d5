// The IEEE 754 binary64 and binary32 encodings, classification and sign operations. A
// binary64 is a sign bit, an 11-bit biased exponent and a 52-bit fraction; exponent 0x7ff is
// an infinity (fraction 0) or a NaN (any other fraction). The conversions between a float and
// its bits reinterpret the value in memory (small enough to inline, so a caller keeps its
// floats in registers instead of spilling them around a call).

package math

import "unsafe"

// Layout of a binary64 (IEEE 754-2008, 3.4).
const (
	signBit  = 1 << 63
	fracBits = 52
	fracMask = 1<<fracBits - 1
	expMask  = 0x7ff
	expBias  = 1023
	infBits  = expMask << fracBits
)

// qnanBits is the NaN that Go's NaN returns: quiet, with the lowest fraction bit set.
const qnanBits = 0x7ff8000000000001

// Float64bits returns the IEEE 754 encoding of f.
func Float64bits(f float64) uint64 { return *(*uint64)(unsafe.Pointer(&f)) }

// Float64frombits returns the float64 whose IEEE 754 encoding is b.
func Float64frombits(b uint64) float64 { return *(*float64)(unsafe.Pointer(&b)) }

// Float32bits returns the IEEE 754 encoding of f.
func Float32bits(f float32) uint32 { return *(*uint32)(unsafe.Pointer(&f)) }

// Float32frombits returns the float32 whose IEEE 754 encoding is b.
func Float32frombits(b uint32) float32 { return *(*float32)(unsafe.Pointer(&b)) }

// Inf returns positive infinity if sign >= 0, negative infinity if sign < 0.
func Inf(sign int) float64 {
	if sign < 0 {
		return Float64frombits(signBit | infBits)
	}
	return Float64frombits(infBits)
}

// NaN returns an IEEE 754 "not-a-number" value.
func NaN() float64 { return Float64frombits(qnanBits) }

// IsNaN reports whether f is a NaN: the only value unequal to itself.
func IsNaN(f float64) (is bool) {
	return f != f
}

// IsInf reports whether f is an infinity of the given sign: +Inf for sign > 0, -Inf for
// sign < 0, either for sign == 0.
func IsInf(f float64, sign int) bool {
	if sign > 0 {
		return f > MaxFloat64
	}
	if sign < 0 {
		return f < -MaxFloat64
	}
	return f > MaxFloat64 || f < -MaxFloat64
}

// Signbit reports whether x's sign bit is set (true for -0 and negative NaNs too).
func Signbit(x float64) bool {
	return Float64bits(x)>>63 == 1
}

// Copysign returns a value with the magnitude of f and the sign of sign.
func Copysign(f, sign float64) float64 {
	return Float64frombits(Float64bits(f)&^signBit | Float64bits(sign)&signBit)
}

// Abs returns the absolute value of x: x with its sign bit cleared, so Abs(±Inf) = +Inf and
// a NaN keeps its payload.
func Abs(x float64) float64 {
	// Written without calls, so that it inlines.
	b := *(*uint64)(unsafe.Pointer(&x)) &^ signBit
	return *(*float64)(unsafe.Pointer(&b))
}

// Sqrt returns the square root of x, correctly rounded: the SQRTSD instruction, as Go's
// compiler emits for math.Sqrt on amd64. Sqrt(+Inf) = +Inf, Sqrt(±0) = ±0, Sqrt(x < 0) = NaN,
// Sqrt(NaN) = NaN (assembly).
func Sqrt(x float64) float64
