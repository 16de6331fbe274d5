// Bit-level helpers that Go's strconv takes from math and math/bits, which tbuild does
// not bundle.

package strconv

// mul64 returns the 128-bit product of x and y as its high and low words.
// Go: math/bits.Mul64.
func mul64(x, y uint64) (hi, lo uint64) {
	const mask32 = 1<<32 - 1
	xl, xh := x&mask32, x>>32
	yl, yh := y&mask32, y>>32
	ll := xl * yl
	mid := xh*yl + ll>>32
	mid2 := xl*yh + mid&mask32
	hi = xh*yh + mid>>32 + mid2>>32
	lo = x * y
	return
}

// add64 returns x + y + carry (carry is 0 or 1) and the carry out. Go: math/bits.Add64.
func add64(x, y, carry uint64) (sum, carryOut uint64) {
	sum = x + y + carry
	carryOut = ((x & y) | ((x | y) &^ sum)) >> 63
	return
}

// sub64 returns x - y - borrow (borrow is 0 or 1) and the borrow out. Go: math/bits.Sub64.
func sub64(x, y, borrow uint64) (diff, borrowOut uint64) {
	diff = x - y - borrow
	borrowOut = ((^x & y) | (^(x ^ y) & diff)) >> 63
	return
}

// len64 returns the number of bits needed to represent x (0 for 0). Go: math/bits.Len64.
func len64(x uint64) int {
	n := 0
	if x >= 1<<32 {
		x >>= 32
		n = 32
	}
	if x >= 1<<16 {
		x >>= 16
		n += 16
	}
	if x >= 1<<8 {
		x >>= 8
		n += 8
	}
	for x != 0 {
		x >>= 1
		n++
	}
	return n
}

// trailingZeros64 returns the number of trailing zero bits in x (64 for 0).
// Go: math/bits.TrailingZeros64.
func trailingZeros64(x uint64) int {
	if x == 0 {
		return 64
	}
	n := 0
	if x&(1<<32-1) == 0 {
		x >>= 32
		n = 32
	}
	if x&(1<<16-1) == 0 {
		x >>= 16
		n += 16
	}
	if x&(1<<8-1) == 0 {
		x >>= 8
		n += 8
	}
	for x&1 == 0 {
		x >>= 1
		n++
	}
	return n
}
