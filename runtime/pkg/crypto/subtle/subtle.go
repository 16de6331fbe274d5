// Package subtle holds functions whose running time does not depend on the secret values
// they compare or select, for cryptographic code: tbuild's own implementation of Go 1.19's
// crypto/subtle API. Each result is computed with arithmetic and masks, never a branch on
// the data; the integer results are Go's (1 or 0, and the same truncations to 32 bits).
package subtle

// ConstantTimeCompare returns 1 when x and y hold the same bytes and 0 otherwise. Its time
// depends on the lengths only; slices of different lengths return 0 at once.
func ConstantTimeCompare(x, y []byte) int {
	if len(x) != len(y) {
		return 0
	}
	var diff byte
	for i := range x {
		diff |= x[i] ^ y[i]
	}
	return ConstantTimeByteEq(diff, 0)
}

// ConstantTimeSelect returns x when v is 1 and y when v is 0 (other v are undefined).
func ConstantTimeSelect(v, x, y int) int {
	// mask is all ones when v is 1, zero when v is 0.
	mask := -v
	return y ^ (mask & (x ^ y))
}

// ConstantTimeByteEq returns 1 when x == y and 0 otherwise.
func ConstantTimeByteEq(x, y uint8) int {
	// x^y is below 256; minus one it wraps to all ones only when it was zero.
	d := uint32(x^y) - 1
	return int(d>>8) & 1
}

// ConstantTimeEq returns 1 when x == y and 0 otherwise.
func ConstantTimeEq(x, y int32) int {
	// The difference as a 64-bit number is below 2^32; minus one it has its top bit set
	// only when it was zero.
	d := uint64(uint32(x^y)) - 1
	return int(d >> 63)
}

// ConstantTimeCopy copies y into x when v is 1 and leaves x as it is when v is 0 (other v
// are undefined). x and y must have the same length.
func ConstantTimeCopy(v int, x, y []byte) {
	if len(x) != len(y) {
		panic("subtle: slices have different lengths")
	}
	keep := byte(v - 1) // all ones when v is 0: keep x
	for i := range x {
		x[i] ^= (x[i] ^ y[i]) &^ keep
	}
}

// ConstantTimeLessOrEq returns 1 when x <= y and 0 otherwise. x and y are taken as int32
// values (their low 32 bits), and the result is undefined when either is negative or
// above 2^31 - 1.
func ConstantTimeLessOrEq(x, y int) int {
	// x-y-1 is negative exactly when x <= y, computed in 32 bits as the comparison is.
	d := int32(x) - int32(y) - 1
	return int(uint32(d) >> 31)
}
