// reducePi: a float64 reduced modulo π into (-π/2, π/2], as Go 1.19's math/cmplx does it
// for Atan and for the series of Tan and Cot (Go: math/cmplx/tan.go). Below 2**30 the
// multiple n = trunc(x/π + 1/2) is subtracted in three pieces, π ≈ p1 + p2 + p3 (Cody and
// Waite), p1 and p2 having enough trailing zero bits that n·p1 and n·p2 are exact. Above,
// the fraction of x/π comes from a Payne-Hanek style product of x's 53-bit significand with
// the 192 bits of 1/π that line up with x's exponent, taken from the binary expansion of
// 1/π below (1216 bits, enough for the largest float64).

package cmplx

import (
	"math"
	"math/bits"
)

// invPi holds the bits of 1/π: 1/π = Σ invPi[k]·2**(-64k).
var invPi = [20]uint64{
	0x0000000000000000, 0x517cc1b727220a94, 0xfe13abe8fa9a6ee0, 0x6db14acc9e21c820,
	0xff28b1d5ef5de2b0, 0xdb92371d2126e970, 0x0324977504e8c90e, 0x7f0ef58e5894d39f,
	0x74411afa975da242, 0x74ce38135a2fbf20, 0x9cc8eb1cc1a99cfa, 0x4e422fc5defc941d,
	0x8ffc4bffef02cc07, 0xf79788c5ad05368f, 0xb69b3f6793e584db, 0xa7a31fb34f2ff516,
	0xba93dd63f5f2f8bd, 0x9e839cfbc5294975, 0x35fdafd88fc6ae84, 0x2b0198237e3db5d5,
}

// invPiBits returns the 64 bits of invPi that start sh bits into word k (a shift by 64 is
// 0 in Go, so sh == 0 gives word k itself).
func invPiBits(k, sh uint) uint64 {
	return invPi[k]<<sh | invPi[k+1]>>(64-sh)
}

// reducePi returns x - n·π for the integer n that puts the result in (-π/2, π/2]
// (approximately so for huge x). x is finite; its callers pass |x| or a small value.
func reducePi(x float64) float64 {
	if math.Abs(x) < 0x1p30 {
		// Pieces of π: 0x400921fb40000000, 0x3e84442d00000000, 0x3d08469898cc5170.
		const (
			p1 = 0x1.921fb4p+01
			p2 = 0x1.4442dp-23
			p3 = 0x1.8469898cc517p-47
		)
		n := x / math.Pi
		n += 0.5
		n = float64(int64(n))
		return ((x - n*p1) - n*p2) - n*p3
	}
	// x = m·2**e with m the 53-bit integer significand.
	xb := math.Float64bits(x)
	e := int(xb>>52&0x7ff) - 1023 - 52
	m := xb&(1<<52-1) | 1<<52
	// The three words of 1/π, starting e+64 bits in, whose product with m has its leading
	// word at 2**-64: the earlier bits of 1/π only add whole units to x/π, which drop out.
	at := uint(e + 64)
	k, sh := at/64, at%64
	w0, w1, w2 := invPiBits(k, sh), invPiBits(k+1, sh), invPiBits(k+2, sh)
	// The fraction of x/π, as the 128-bit fixed-point number hi:lo (binary point on top).
	top2, _ := bits.Mul64(w2, m)
	top1, bot1 := bits.Mul64(w1, m)
	lo, carry := bits.Add64(bot1, top2, 0)
	hi, _ := bits.Add64(w0*m, top1, carry)
	// Normalise: drop the leading one and keep the next 52 bits as the float's fraction.
	z := uint(bits.LeadingZeros64(hi)) + 1
	frac := (hi<<z | lo>>(64-z)) >> (64 - 52)
	f := math.Float64frombits(uint64(1023-z)<<52 | frac)
	// From [0, 1) to (-1/2, 1/2], then to radians.
	if f > 0.5 {
		f--
	}
	return math.Pi * f
}
