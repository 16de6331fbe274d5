// FormatFloat and AppendFloat: the entry points of float formatting, and the split of a
// float into sign, integer mantissa and binary exponent that the formats start from.

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
	// Room for most results and the digits they are made from (ftoa.go).
	var buf [64]byte
	return string(appendFloat(buf[:0], f, fmt, prec, bitSize))
}

// AppendFloat appends FormatFloat(f, fmt, prec, bitSize) to dst and returns the extended
// buffer.
func AppendFloat(dst []byte, f float64, fmt byte, prec, bitSize int) []byte {
	return appendFloat(dst, f, fmt, prec, bitSize)
}

// appendFloat takes f apart (as float32(f) for bitSize 32) and hands the pieces to
// appendFloatParts (ftoa.go).
func appendFloat(dst []byte, f float64, fmt byte, prec, bitSize int) []byte {
	var mantBits uint
	var minExp int // the exponent of the smallest normal, 1.0·2^minExp
	switch bitSize {
	case 32:
		mantBits, minExp = 23, -126
		f = float64(float32(f))
	case 64:
		mantBits, minExp = 52, -1022
	default:
		panic("strconv: illegal AppendFloat/FormatFloat bitSize")
	}
	if f != f {
		// Go writes NaN without a sign and infinities with one, in every format.
		return append(dst, "NaN"...)
	}
	neg := f < 0 || f == 0 && 1/f < 0
	if neg {
		f = -f
	}
	if f > 0x1.fffffffffffffp1023 {
		if neg {
			return append(dst, "-Inf"...)
		}
		return append(dst, "+Inf"...)
	}
	// The value as mant·2^exp with mant of the format's width: mantBits+1 bits with the
	// leading one for a normal; for a subnormal (or zero) the exponent of the smallest
	// normal's last place, and fewer bits.
	var mant uint64
	exp := minExp - int(mantBits)
	closerBelow := false // a normal power of two: its neighbour below is nearer
	bitLen := 0          // mant's
	if f != 0 {
		m, e := fltSplit(f)
		if top := e + 63; top >= minExp {
			shift := 63 - mantBits
			mant, exp = m>>shift, e+int(shift)
			bitLen = int(mantBits) + 1
			closerBelow = mant == 1<<mantBits && top > minExp
		} else {
			mant = m >> uint(exp-e)
			bitLen = len64(mant)
		}
	}
	return appendFloatParts(dst, neg, mant, exp, bitLen, closerBelow, fmt, prec)
}

// fltSplit returns m and e with x = m·2^e and 2^63 <= m < 2^64, for finite x > 0, from
// x's IEEE 754 bits: 11 bits of biased exponent above 52 of fraction; a normal has an
// implicit leading one, a subnormal's value is its fraction times 2^-1074.
func fltSplit(x float64) (uint64, int) {
	bits := *(*uint64)(unsafe.Pointer(&x))
	frac := bits & (1<<52 - 1)
	if biased := int(bits>>52) & 0x7ff; biased != 0 {
		return (frac | 1<<52) << 11, biased - 1075 - 11
	}
	shift := 64 - len64(frac)
	return frac << uint(shift), -1074 - shift
}
