// Package bits: counting, rotating and reversing the bits of unsigned integers, and
// double-word arithmetic (sums and differences with a carry, full products, quotients of a
// two-word dividend). Everything is plain Go: counts by halving the range, population counts
// by summing neighbouring bit fields, long division one quotient bit at a time.

package bits

import _ "unsafe" // for go:linkname

// UintSize is the width of uint in bits: 64 on amd64, computed from the type itself as Go
// does so that it is an untyped constant.
const UintSize = 32 << (^uint(0) >> 63)

// overflowError and divideError are the runtime's run-time errors, the values Go's math/bits
// panics with (runtime.errorString "integer overflow" / "integer divide by zero").
//
//go:linkname overflowError runtime.bits_overflowError
func overflowError() error

//go:linkname divideError runtime.bits_divideError
func divideError() error

// --- Lengths and zero counts ---

// Len64 returns how many bits x needs: one more than the index of its highest set bit, 0 for
// 0. The range is halved three times, then the rest is at most 8 bits wide.
func Len64(x uint64) int {
	n := 0
	if x>>32 != 0 {
		x >>= 32
		n += 32
	}
	if x>>16 != 0 {
		x >>= 16
		n += 16
	}
	if x>>8 != 0 {
		x >>= 8
		n += 8
	}
	for x != 0 {
		x >>= 1
		n++
	}
	return n
}

// Len32 returns the bit length of x.
func Len32(x uint32) int { return Len64(uint64(x)) }

// Len16 returns the bit length of x.
func Len16(x uint16) int { return Len64(uint64(x)) }

// Len8 returns the bit length of x.
func Len8(x uint8) int { return Len64(uint64(x)) }

// Len returns the bit length of x.
func Len(x uint) int { return Len64(uint64(x)) }

// LeadingZeros64 counts the zero bits above x's highest set bit (64 for 0).
func LeadingZeros64(x uint64) int { return 64 - Len64(x) }

// LeadingZeros32 counts the zero bits above x's highest set bit (32 for 0).
func LeadingZeros32(x uint32) int { return 32 - Len64(uint64(x)) }

// LeadingZeros16 counts the zero bits above x's highest set bit (16 for 0).
func LeadingZeros16(x uint16) int { return 16 - Len64(uint64(x)) }

// LeadingZeros8 counts the zero bits above x's highest set bit (8 for 0).
func LeadingZeros8(x uint8) int { return 8 - Len64(uint64(x)) }

// LeadingZeros counts the zero bits above x's highest set bit (UintSize for 0).
func LeadingZeros(x uint) int { return UintSize - Len64(uint64(x)) }

// TrailingZeros64 counts the zero bits below x's lowest set bit (64 for 0): x & -x keeps only
// that bit, whose length is one more than the count.
func TrailingZeros64(x uint64) int {
	if x == 0 {
		return 64
	}
	return Len64(x&-x) - 1
}

// TrailingZeros32 counts the zero bits below x's lowest set bit (32 for 0).
func TrailingZeros32(x uint32) int {
	if x == 0 {
		return 32
	}
	return TrailingZeros64(uint64(x))
}

// TrailingZeros16 counts the zero bits below x's lowest set bit (16 for 0).
func TrailingZeros16(x uint16) int {
	if x == 0 {
		return 16
	}
	return TrailingZeros64(uint64(x))
}

// TrailingZeros8 counts the zero bits below x's lowest set bit (8 for 0).
func TrailingZeros8(x uint8) int {
	if x == 0 {
		return 8
	}
	return TrailingZeros64(uint64(x))
}

// TrailingZeros counts the zero bits below x's lowest set bit (UintSize for 0).
func TrailingZeros(x uint) int { return TrailingZeros64(uint64(x)) }

// --- Population counts ---

// OnesCount64 counts x's set bits: adjacent 1-bit fields are summed into 2-bit fields, those
// into 4-bit and then 8-bit fields, and one multiplication adds the eight bytes into the top
// byte.
func OnesCount64(x uint64) int {
	const odd1 = 0x5555555555555555  // 0101...
	const odd2 = 0x3333333333333333  // 0011...
	const odd4 = 0x0f0f0f0f0f0f0f0f  // 00001111...
	const bytes = 0x0101010101010101 // 1 in every byte
	pairs := (x & odd1) + (x >> 1 & odd1)
	nibbles := (pairs & odd2) + (pairs >> 2 & odd2)
	octets := (nibbles + nibbles>>4) & odd4
	return int((octets * bytes) >> 56)
}

// OnesCount32 counts x's set bits.
func OnesCount32(x uint32) int { return OnesCount64(uint64(x)) }

// OnesCount16 counts x's set bits.
func OnesCount16(x uint16) int { return OnesCount64(uint64(x)) }

// OnesCount8 counts x's set bits.
func OnesCount8(x uint8) int { return OnesCount64(uint64(x)) }

// OnesCount counts x's set bits.
func OnesCount(x uint) int { return OnesCount64(uint64(x)) }

// --- Rotations ---

// RotateLeft64 rotates x left by k bits (right for a negative k), modulo 64.
func RotateLeft64(x uint64, k int) uint64 {
	r := uint(k) % 64
	return x<<r | x>>(64-r)
}

// RotateLeft32 rotates x left by k bits (right for a negative k), modulo 32.
func RotateLeft32(x uint32, k int) uint32 {
	r := uint(k) % 32
	return x<<r | x>>(32-r)
}

// RotateLeft16 rotates x left by k bits (right for a negative k), modulo 16.
func RotateLeft16(x uint16, k int) uint16 {
	r := uint(k) % 16
	return x<<r | x>>(16-r)
}

// RotateLeft8 rotates x left by k bits (right for a negative k), modulo 8.
func RotateLeft8(x uint8, k int) uint8 {
	r := uint(k) % 8
	return x<<r | x>>(8-r)
}

// RotateLeft rotates x left by k bits (right for a negative k), modulo UintSize.
func RotateLeft(x uint, k int) uint { return uint(RotateLeft64(uint64(x), k)) }

// --- Reversals ---

// ReverseBytes64 returns x with its eight bytes in the opposite order: neighbouring bytes,
// then byte pairs, then the two halves change places.
func ReverseBytes64(x uint64) uint64 {
	x = (x&0x00ff00ff00ff00ff)<<8 | (x>>8)&0x00ff00ff00ff00ff
	x = (x&0x0000ffff0000ffff)<<16 | (x>>16)&0x0000ffff0000ffff
	return x<<32 | x>>32
}

// ReverseBytes32 returns x with its four bytes in the opposite order.
func ReverseBytes32(x uint32) uint32 { return uint32(ReverseBytes64(uint64(x)) >> 32) }

// ReverseBytes16 returns x with its two bytes swapped.
func ReverseBytes16(x uint16) uint16 { return x<<8 | x>>8 }

// ReverseBytes returns x with its bytes in the opposite order.
func ReverseBytes(x uint) uint { return uint(ReverseBytes64(uint64(x))) }

// Reverse64 returns x with its bits in the opposite order: the bits within each byte are
// mirrored (neighbours, pairs, nibbles), then the bytes are.
func Reverse64(x uint64) uint64 {
	x = (x&0x5555555555555555)<<1 | (x>>1)&0x5555555555555555
	x = (x&0x3333333333333333)<<2 | (x>>2)&0x3333333333333333
	x = (x&0x0f0f0f0f0f0f0f0f)<<4 | (x>>4)&0x0f0f0f0f0f0f0f0f
	return ReverseBytes64(x)
}

// Reverse32 returns x with its bits in the opposite order.
func Reverse32(x uint32) uint32 { return uint32(Reverse64(uint64(x)) >> 32) }

// Reverse16 returns x with its bits in the opposite order.
func Reverse16(x uint16) uint16 { return uint16(Reverse64(uint64(x)) >> 48) }

// Reverse8 returns x with its bits in the opposite order.
func Reverse8(x uint8) uint8 { return uint8(Reverse64(uint64(x)) >> 56) }

// Reverse returns x with its bits in the opposite order.
func Reverse(x uint) uint { return uint(Reverse64(uint64(x))) }

// --- Sums and differences with carries ---

// Add64 returns x + y + carry and the carry out of bit 63 (carry must be 0 or 1). A carry
// leaves the top bit when both addends have it set, or when either has and the sum does not.
func Add64(x, y, carry uint64) (sum, carryOut uint64) {
	sum = x + y + carry
	both := x & y
	either := x | y
	carryOut = (both | either&^sum) >> 63
	return
}

// Add32 returns x + y + carry and the carry out of bit 31 (carry must be 0 or 1).
func Add32(x, y, carry uint32) (sum, carryOut uint32) {
	wide := uint64(x) + uint64(y) + uint64(carry)
	return uint32(wide), uint32(wide >> 32)
}

// Add returns x + y + carry and the carry out (carry must be 0 or 1).
func Add(x, y, carry uint) (sum, carryOut uint) {
	s, c := Add64(uint64(x), uint64(y), uint64(carry))
	return uint(s), uint(c)
}

// Sub64 returns x - y - borrow and the borrow into bit 63 (borrow must be 0 or 1). A borrow
// is needed when y has the top bit and x has not, or when they agree there and the
// difference has it.
func Sub64(x, y, borrow uint64) (diff, borrowOut uint64) {
	diff = x - y - borrow
	needs := y &^ x
	same := ^(x ^ y)
	borrowOut = (needs | same&diff) >> 63
	return
}

// Sub32 returns x - y - borrow and the borrow into bit 31 (borrow must be 0 or 1).
func Sub32(x, y, borrow uint32) (diff, borrowOut uint32) {
	diff = x - y - borrow
	needs := y &^ x
	same := ^(x ^ y)
	borrowOut = (needs | same&diff) >> 31
	return
}

// Sub returns x - y - borrow and the borrow out (borrow must be 0 or 1).
func Sub(x, y, borrow uint) (diff, borrowOut uint) {
	d, b := Sub64(uint64(x), uint64(y), uint64(borrow))
	return uint(d), uint(b)
}

// --- Products ---

// Mul64 returns the 128-bit product of x and y as its high and low words, from the four
// products of their 32-bit halves.
func Mul64(x, y uint64) (hi, lo uint64) {
	const half = 1<<32 - 1
	xh, xl := x>>32, x&half
	yh, yl := y>>32, y&half
	ll := xl * yl
	lh := xl * yh
	hl := xh * yl
	hh := xh * yh
	// The middle column: the cross products' low halves plus what ll carries up.
	mid := ll>>32 + lh&half + hl&half
	lo = x * y
	hi = hh + lh>>32 + hl>>32 + mid>>32
	return
}

// Mul32 returns the 64-bit product of x and y as its high and low words.
func Mul32(x, y uint32) (hi, lo uint32) {
	p := uint64(x) * uint64(y)
	return uint32(p >> 32), uint32(p)
}

// Mul returns the double-width product of x and y as its high and low words.
func Mul(x, y uint) (hi, lo uint) {
	h, l := Mul64(uint64(x), uint64(y))
	return uint(h), uint(l)
}

// --- Quotients ---

// Div64 divides the 128-bit hi:lo by y, returning the quotient and remainder. It panics
// with the runtime's divide error when y is 0 and with its overflow error when the quotient
// would not fit in 64 bits (y <= hi). Restoring long division: hi < y always holds as the
// running remainder, and each step brings down one bit of lo.
func Div64(hi, lo, y uint64) (quo, rem uint64) {
	if y == 0 {
		panic(divideError())
	}
	if y <= hi {
		panic(overflowError())
	}
	r := hi
	for i := 0; i < 64; i++ {
		// r*2 + next bit may need 65 bits: the bit shifted out of r's top counts.
		top := r >> 63
		r = r<<1 | lo>>63
		lo <<= 1
		quo <<= 1
		if top != 0 || r >= y {
			r -= y
			quo |= 1
		}
	}
	return quo, r
}

// Div32 divides the 64-bit hi:lo by y, returning the quotient and remainder. It panics
// when y is 0 or the quotient would not fit in 32 bits (y <= hi).
func Div32(hi, lo, y uint32) (quo, rem uint32) {
	if y != 0 && y <= hi {
		panic(overflowError())
	}
	n := uint64(hi)<<32 | uint64(lo)
	d := uint64(y)
	return uint32(n / d), uint32(n % d)
}

// Div divides the double-width hi:lo by y, returning the quotient and remainder, with
// Div64's panics.
func Div(hi, lo, y uint) (quo, rem uint) {
	q, r := Div64(uint64(hi), uint64(lo), uint64(y))
	return uint(q), uint(r)
}

// Rem64 returns the remainder of hi:lo divided by y: it never overflows, since hi can be
// reduced modulo y first; y == 0 panics with the divide error.
func Rem64(hi, lo, y uint64) uint64 {
	_, r := Div64(hi%y, lo, y)
	return r
}

// Rem32 returns the remainder of hi:lo divided by y; y == 0 panics with the divide error.
func Rem32(hi, lo, y uint32) uint32 {
	return uint32((uint64(hi)<<32 | uint64(lo)) % uint64(y))
}

// Rem returns the remainder of hi:lo divided by y; y == 0 panics with the divide error.
func Rem(hi, lo, y uint) uint {
	return uint(Rem64(uint64(hi), uint64(lo), uint64(y)))
}
