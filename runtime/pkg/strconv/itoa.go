// Integers as text: FormatInt, FormatUint, Itoa, AppendInt and AppendUint, in any base from 2
// to 36.
//
// What the text is comes from Go's documentation of these functions: the digits of the
// magnitude, most significant first, with the letters 'a' to 'z' for digit values 10 to 35,
// a '-' before a negative number, and a panic for any other base. How it is made is our own:
// count the digits first, then write them right to left straight into their final place.
// There is no scratch buffer, which tbuild would have to allocate on the heap (a local whose
// address is taken, DESIGN.md), and when dst must grow, it grows by one append of the whole
// text, as Go's append of its buffer does, so the capacity AppendInt returns is Go's.
// Decimal (itoaDecimal), hex and binary (itoaPut) have paths of their own.

package strconv

// itoaChars are the digits of every base up to 36, by value.
const itoaChars = "0123456789abcdefghijklmnopqrstuvwxyz"

// itoaRoom is appended (a prefix of it) to reserve room for a number's text: it is longer
// than the longest, 64 binary digits and a sign.
const itoaRoom = itoaChars + itoaChars

// itoaBadBase is the value Go's strconv panics with for a base outside 2..36
// (Go: strconv/itoa.go).
const itoaBadBase = "strconv: illegal AppendInt/FormatInt base"

// itoaPairs is the two-digit decimal forms of 0 to 99, back to back, so that a decimal
// number can be written two digits per division.
const itoaPairs = "00010203040506070809101112131415161718192021222324" +
	"25262728293031323334353637383940414243444546474849" +
	"50515253545556575859606162636465666768697071727374" +
	"75767778798081828384858687888990919293949596979899"

// FormatUint returns the text of u in base, 2 <= base <= 36, with lower-case letters for
// the digits past 9.
func FormatUint(u uint64, base int) string {
	if base == 10 {
		if u < 100 {
			return itoaSmall(u)
		}
		return string(itoaDecimal(nil, u, false))
	}
	return string(itoaAppend(nil, u, base, false))
}

// FormatInt returns the text of i in base, 2 <= base <= 36, with lower-case letters for
// the digits past 9 and a leading '-' when i is negative.
func FormatInt(i int64, base int) string {
	if base == 10 && i >= 0 && i < 100 {
		return itoaSmall(uint64(i))
	}
	u := uint64(i)
	if i < 0 {
		u = -u // for the most negative int64 too: 2^63 as an unsigned number
	}
	if base == 10 {
		return string(itoaDecimal(nil, u, i < 0))
	}
	return string(itoaAppend(nil, u, base, i < 0))
}

// Itoa returns the decimal text of i: FormatInt(int64(i), 10).
func Itoa(i int) string {
	return FormatInt(int64(i), 10)
}

// AppendInt appends FormatInt(i, base) to dst and returns the extended buffer.
func AppendInt(dst []byte, i int64, base int) []byte {
	u := uint64(i)
	if i < 0 {
		u = -u
	}
	if base == 10 {
		return itoaDecimal(dst, u, i < 0)
	}
	return itoaAppend(dst, u, base, i < 0)
}

// AppendUint appends FormatUint(u, base) to dst and returns the extended buffer.
func AppendUint(dst []byte, u uint64, base int) []byte {
	if base == 10 {
		return itoaDecimal(dst, u, false)
	}
	return itoaAppend(dst, u, base, false)
}

// itoaSmall returns the decimal text of u < 100 as part of a constant: no allocation.
func itoaSmall(u uint64) string {
	if u < 10 {
		return itoaChars[u : u+1]
	}
	return itoaPairs[2*u : 2*u+2]
}

// itoaDecimal appends the decimal digits of u to dst, after a '-' if neg: the most common
// base, on a path of its own.
func itoaDecimal(dst []byte, u uint64, neg bool) []byte {
	// floor(bits × log10 2), with log10 2 ≈ 1233/4096, is the number of digits or one less
	// (the bit-twiddling "integer log 10"); one comparison tells which. u|1 has as many
	// digits as u, and at least one bit.
	v := u | 1
	n := len64(v) * 1233 >> 12
	if v >= itoaPow10[n] {
		n++
	}
	dst = itoaReserve(dst, n, neg)
	// Two digits per division from itoaPairs; the constant divisor becomes a
	// multiplication.
	i := len(dst)
	for ; n > 2; n -= 2 {
		q := u / 100
		k := 2 * (u - 100*q)
		dst[i-1] = itoaPairs[k+1]
		dst[i-2] = itoaPairs[k]
		i -= 2
		u = q
	}
	if n == 2 {
		dst[i-1] = itoaPairs[2*u+1]
		dst[i-2] = itoaPairs[2*u]
	} else {
		dst[i-1] = byte('0' + u)
	}
	return dst
}

// itoaReserve extends dst by n bytes for digits, after a '-' it writes first if neg.
func itoaReserve(dst []byte, n int, neg bool) []byte {
	start := len(dst)
	end := start + n
	if neg {
		end++
	}
	if end <= cap(dst) {
		dst = dst[:end] // the room is there: no copy
	} else {
		dst = append(dst, itoaRoom[:end-start]...)
	}
	if neg {
		dst[start] = '-'
	}
	return dst
}

// itoaAppend appends the digits of u in base to dst, after a '-' if neg: the width first,
// then the room for it, then the digits.
func itoaAppend(dst []byte, u uint64, base int, neg bool) []byte {
	if base == 10 {
		return itoaDecimal(dst, u, neg)
	}
	if base < 2 || base > len(itoaChars) {
		panic(itoaBadBase)
	}
	var n int
	var shift uint // for a base that is a power of two, its log2
	switch base {
	case 2, 4, 8, 16, 32:
		shift = itoaShift(base)
		n = int((uint32(len64(u|1)) + uint32(shift) - 1) / uint32(shift))
	default:
		n = itoaWidth(u, uint64(base))
	}
	dst = itoaReserve(dst, n, neg)
	itoaPut(dst[len(dst)-n:], u, base, shift)
	return dst
}

// itoaPut writes the digits of u in base into all of text, whose length is their number,
// from the right. shift is log2 of base when base is a power of two, else 0. (A function
// of its own: in itoaAppend, its loops' variables would not all stay in registers.)
func itoaPut(text []byte, u uint64, base int, shift uint) {
	i := len(text)
	switch {
	case base == 16:
		// The common powers of two with constant shifts, which need no test for a shift
		// count past 63.
		for i > 0 {
			i--
			text[i] = itoaChars[u&15]
			u >>= 4
		}
	case base == 2:
		for i > 0 {
			i--
			text[i] = byte('0' + u&1)
			u >>= 1
		}
	case shift > 0:
		// Each digit is a group of bits.
		mask := uint64(base - 1)
		for i > 0 {
			i--
			text[i] = itoaChars[u&mask]
			u >>= shift
		}
	default:
		b := uint64(base)
		for i > 0 {
			i--
			q := u / b
			text[i] = itoaChars[u-q*b]
			u = q
		}
	}
}

// itoaPow10 holds 10^0 to 10^19, every power of ten that fits in 64 bits.
var itoaPow10 = [...]uint64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19}

// itoaShift returns log2 of base, a power of two from 2 to 32.
func itoaShift(base int) uint {
	switch base {
	case 2:
		return 1
	case 4:
		return 2
	case 8:
		return 3
	case 16:
		return 4
	}
	return 5
}

// itoaWidth returns how many digits u has in base b: one more for each power of b that is
// not above u. Past last, the next power would not fit in 64 bits, and no u reaches it.
func itoaWidth(u uint64, b uint64) int {
	last := ^uint64(0) / b
	n := 1
	for p := b; u >= p; p *= b {
		n++
		if p > last {
			break
		}
	}
	return n
}
