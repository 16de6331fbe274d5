// FormatFloat and AppendFloat: the entry points of float formatting, which hand the float's
// IEEE bits to appendFloatBits (ftoa.go).

package strconv

import "unsafe"

// FormatFloat converts f to a string in the format fmt with precision prec, rounding as
// for a value of bitSize bits (32 for float32, 64 for float64).
//
// The formats: 'e' (-d.dddde±dd), 'E' (-d.ddddE±dd), 'f' (-ddd.dddd), 'g' ('e' for large
// exponents, 'f' otherwise), 'G' ('E' for large exponents, 'f' otherwise), 'b'
// (-ddddp±ddd, a binary exponent), 'x' and 'X' (-0xd.ddddp±ddd, a hexadecimal fraction and
// binary exponent). The precision is the number of digits after the decimal point for 'e',
// 'E', 'f', 'x' and 'X', and the maximum number of significant digits for 'g' and 'G'; -1
// means the fewest digits that ParseFloat reads back as f exactly.
func FormatFloat(f float64, fmt byte, prec, bitSize int) string {
	// Most results fit in the stack buffer: one allocation, for the string.
	var buf [64]byte
	return string(appendFloatBits(buf[:0], floatBits(f, bitSize), fmt, prec, bitSize))
}

// AppendFloat appends FormatFloat(f, fmt, prec, bitSize) to dst and returns the extended
// buffer.
func AppendFloat(dst []byte, f float64, fmt byte, prec, bitSize int) []byte {
	return appendFloatBits(dst, floatBits(f, bitSize), fmt, prec, bitSize)
}

// floatBits returns the IEEE bits of f, or of float32(f) for bitSize 32.
// Go: math.Float64bits and math.Float32bits.
func floatBits(f float64, bitSize int) uint64 {
	if bitSize == 32 {
		g := float32(f)
		return uint64(*(*uint32)(unsafe.Pointer(&g)))
	}
	return *(*uint64)(unsafe.Pointer(&f))
}
