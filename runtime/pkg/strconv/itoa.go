// Integer to string conversion. Go: strconv/itoa.go.

package strconv

// FormatUint returns the string representation of i in the given base, for 2 <= base <= 36.
// Digits of 10 and above are the lower-case letters 'a' to 'z'.
func FormatUint(i uint64, base int) string {
	if i < nSmalls && base == 10 {
		return small(int(i))
	}
	_, s := formatBits(nil, i, base, false, false)
	return s
}

// FormatInt returns the string representation of i in the given base, for 2 <= base <= 36.
// Digits of 10 and above are the lower-case letters 'a' to 'z'.
func FormatInt(i int64, base int) string {
	if 0 <= i && i < nSmalls && base == 10 {
		return small(int(i))
	}
	_, s := formatBits(nil, uint64(i), base, i < 0, false)
	return s
}

// Itoa is FormatInt(int64(i), 10).
func Itoa(i int) string {
	return FormatInt(int64(i), 10)
}

// AppendInt appends the string form of the integer i, as FormatInt makes it, to dst and
// returns the extended buffer.
func AppendInt(dst []byte, i int64, base int) []byte {
	if 0 <= i && i < nSmalls && base == 10 {
		return append(dst, small(int(i))...)
	}
	dst, _ = formatBits(dst, uint64(i), base, i < 0, true)
	return dst
}

// AppendUint appends the string form of the unsigned integer i, as FormatUint makes it, to
// dst and returns the extended buffer.
func AppendUint(dst []byte, i uint64, base int) []byte {
	if i < nSmalls && base == 10 {
		return append(dst, small(int(i))...)
	}
	dst, _ = formatBits(dst, i, base, false, true)
	return dst
}

// nSmalls is the count of integers small enough to be looked up in smallsString.
const nSmalls = 100

// smallsString holds the two-digit decimal forms of 00 to 99, back to back.
const smallsString = "00010203040506070809" +
	"10111213141516171819" +
	"20212223242526272829" +
	"30313233343536373839" +
	"40414243444546474849" +
	"50515253545556575859" +
	"60616263646566676869" +
	"70717273747576777879" +
	"80818283848586878889" +
	"90919293949596979899"

// digits are the digit characters of the bases up to 36.
const digits = "0123456789abcdefghijklmnopqrstuvwxyz"

// small returns the decimal string of 0 <= i < nSmalls without allocating.
func small(i int) string {
	if i < 10 {
		return digits[i : i+1]
	}
	return smallsString[i*2 : i*2+2]
}

// formatBits renders u (negated first when neg is set, for a negative int64 passed as its
// two's-complement bits) in base. With appendTo it appends to dst and returns the buffer;
// otherwise it returns the string.
func formatBits(dst []byte, u uint64, base int, neg, appendTo bool) (d []byte, s string) {
	if base < 2 || base > len(digits) {
		panic("strconv: illegal AppendInt/FormatInt base")
	}
	var a [65]byte // 64 binary digits and a sign
	i := len(a)
	if neg {
		u = -u
	}
	switch {
	case base == 10:
		// Two digits per division.
		for u >= 100 {
			r := u % 100 * 2
			u /= 100
			i -= 2
			a[i+1] = smallsString[r+1]
			a[i] = smallsString[r]
		}
		r := u * 2
		i--
		a[i] = smallsString[r+1]
		if u >= 10 {
			i--
			a[i] = smallsString[r]
		}
	case base&(base-1) == 0:
		// A power of two: shift and mask.
		shift := uint(trailingZeros64(uint64(base)))
		mask := uint64(base) - 1
		for u >= uint64(base) {
			i--
			a[i] = digits[u&mask]
			u >>= shift
		}
		i--
		a[i] = digits[u]
	default:
		b := uint64(base)
		for u >= b {
			q := u / b
			i--
			a[i] = digits[u-q*b]
			u = q
		}
		i--
		a[i] = digits[u]
	}
	if neg {
		i--
		a[i] = '-'
	}
	if appendTo {
		d = append(dst, a[i:]...)
		return
	}
	s = string(a[i:])
	return
}
