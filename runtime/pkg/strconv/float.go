// FormatFloat and AppendFloat: the entry points of float formatting, and the split of a
// float into sign, integer mantissa and binary exponent that the formats start from.

package strconv

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
// appendFloatParts (ftoa.go). The split is arithmetic, by exact multiplications by powers
// of two, rather than a read of the IEEE bits through unsafe.Pointer: under tbuild that
// read would give f heap memory on every call (DESIGN.md, address-taken locals).
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

// fltSplit returns m and e with x = m·2^e and 2^63 <= m < 2^64, for finite x > 0. Each
// step multiplies by a power of two, which is exact, halving the distance to the range:
// a binary search over the exponent, as a float64's spans -1074..1023.
func fltSplit(x float64) (uint64, int) {
	e := 0
	if x < 0x1p63 {
		if x < 0x1p-960 {
			x *= 0x1p512
			e -= 512
		}
		if x < 0x1p-448 {
			x *= 0x1p512
			e -= 512
		}
		if x < 0x1p-192 {
			x *= 0x1p256
			e -= 256
		}
		if x < 0x1p-64 {
			x *= 0x1p128
			e -= 128
		}
		if x < 0x1p0 {
			x *= 0x1p64
			e -= 64
		}
		if x < 0x1p32 {
			x *= 0x1p32
			e -= 32
		}
		if x < 0x1p48 {
			x *= 0x1p16
			e -= 16
		}
		if x < 0x1p56 {
			x *= 0x1p8
			e -= 8
		}
		if x < 0x1p60 {
			x *= 0x1p4
			e -= 4
		}
		if x < 0x1p62 {
			x *= 0x1p2
			e -= 2
		}
		if x < 0x1p63 {
			x *= 0x1p1
			e--
		}
	} else {
		if x >= 0x1p575 {
			x *= 0x1p-512
			e += 512
		}
		if x >= 0x1p319 {
			x *= 0x1p-256
			e += 256
		}
		if x >= 0x1p191 {
			x *= 0x1p-128
			e += 128
		}
		if x >= 0x1p127 {
			x *= 0x1p-64
			e += 64
		}
		if x >= 0x1p95 {
			x *= 0x1p-32
			e += 32
		}
		if x >= 0x1p79 {
			x *= 0x1p-16
			e += 16
		}
		if x >= 0x1p71 {
			x *= 0x1p-8
			e += 8
		}
		if x >= 0x1p67 {
			x *= 0x1p-4
			e += 4
		}
		if x >= 0x1p65 {
			x *= 0x1p-2
			e += 2
		}
		if x >= 0x1p64 {
			x *= 0x1p-1
			e++
		}
	}
	return uint64(x), e
}
