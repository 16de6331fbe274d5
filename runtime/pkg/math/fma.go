// FMA: x*y+z with one rounding. With the FMA instruction (cpu.go) it is that instruction, as
// in Go's compiled code; without it, an exact computation on 128-bit integers: the 106-bit
// product of the significands and z's significand are aligned on a common exponent (bits
// shifted out are kept as one sticky bit, which cannot change a rounding as long as at least
// two bits lie between it and the rounding point), added or subtracted, and the sum rounded
// to nearest even at the precision its exponent allows (53 bits, fewer below 2**-1022).

package math

// u128 is an unsigned 128-bit integer.
type u128 struct{ hi, lo uint64 }

// mulWide returns the 128-bit product a*b, from four 32x32-bit partial products.
func mulWide(a, b uint64) u128 {
	const m32 = 1<<32 - 1
	a0, a1, b0, b1 := a&m32, a>>32, b&m32, b>>32
	ll, lh, hl, hh := a0*b0, a0*b1, a1*b0, a1*b1
	mid := ll>>32 + lh&m32 + hl&m32
	return u128{hh + lh>>32 + hl>>32 + mid>>32, mid<<32 | ll&m32}
}

func (u u128) shl(n uint) u128 {
	switch {
	case n == 0:
		return u
	case n >= 128:
		return u128{}
	case n >= 64:
		return u128{u.lo << (n - 64), 0}
	}
	return u128{u.hi<<n | u.lo>>(64-n), u.lo << n}
}

// shrSticky shifts right by n and ORs into bit 0 whether any one bit was shifted out.
func (u u128) shrSticky(n uint) u128 {
	var r u128
	switch {
	case n == 0:
		return u
	case n >= 128:
		r = u128{}
	case n >= 64:
		r = u128{0, u.hi >> (n - 64)}
	default:
		r = u128{u.hi >> n, u.lo>>n | u.hi<<(64-n)}
	}
	if r.shl(n) != u || n >= 128 && u != (u128{}) {
		r.lo |= 1
	}
	return r
}

func (u u128) less(v u128) bool { return u.hi < v.hi || u.hi == v.hi && u.lo < v.lo }

func (u u128) add(v u128) u128 {
	lo := u.lo + v.lo
	carry := uint64(0)
	if lo < u.lo {
		carry = 1
	}
	return u128{u.hi + v.hi + carry, lo}
}

func (u u128) sub(v u128) u128 {
	borrow := uint64(0)
	if u.lo < v.lo {
		borrow = 1
	}
	return u128{u.hi - v.hi - borrow, u.lo - v.lo}
}

// topBit returns the index of the highest set bit of u (u != 0).
func (u u128) topBit() int {
	w, base := u.hi, 64
	if w == 0 {
		w, base = u.lo, 0
	}
	n := 0
	for w > 1 {
		w >>= 1
		n++
	}
	return base + n
}

// significand53 returns a finite nonzero x's encoding as m × 2**e with 2**52 <= m < 2**53.
func significand53(b uint64) (m uint64, e int) {
	m = b & fracMask
	biased := int(b>>fracBits) & expMask
	if biased == 0 {
		e = 1 - expBias - fracBits
		for m < 1<<fracBits {
			m <<= 1
			e--
		}
		return m, e
	}
	return m | 1<<fracBits, biased - expBias - fracBits
}

// FMA returns x * y + z, computed with only one rounding.
func FMA(x, y, z float64) float64 {
	if hasFMA {
		return fusedMulAdd(x, y, z)
	}
	return fmaSoft(x, y, z)
}

func fmaSoft(x, y, z float64) float64 {
	if x == 0 || y == 0 || z == 0 || x-x != 0 || y-y != 0 {
		// A zero or non-finite operand: the plain expression is already exact (or Inf/NaN).
		return x*y + z
	}
	if z-z != 0 {
		return z
	}
	bx, by, bz := Float64bits(x), Float64bits(y), Float64bits(z)
	mx, ex := significand53(bx)
	my, ey := significand53(by)
	mz, ez := significand53(bz)
	// Both terms as 128-bit integers times 2**E, with their top bit at 124 or 125.
	p, pe, pneg := mulWide(mx, my).shl(20), ex+ey-20, (bx^by)&signBit != 0
	q, qe, qneg := u128{0, mz}.shl(72), ez-72, bz&signBit != 0
	if pe < qe {
		p, pe, pneg, q, qe, qneg = q, qe, qneg, p, pe, pneg
	}
	// Now pe >= qe: bring q to p's exponent.
	q = q.shrSticky(uint(pe - qe))
	var r u128
	neg := pneg
	if pneg == qneg {
		r = p.add(q)
	} else {
		if p.less(q) {
			p, q, neg = q, p, qneg
		}
		r = p.sub(q)
		if r == (u128{}) {
			return 0 // exact cancellation: +0 when rounding to nearest
		}
	}
	sign := uint64(0)
	if neg {
		sign = signBit
	}
	// The lowest kept bit: 52 below the top one, or the subnormal quantum 2**-1074.
	t := r.topBit()
	low := t - fracBits
	if sub := -1074 - pe; sub > low {
		low = sub
	}
	var m uint64
	switch {
	case low <= 0:
		m = r.shl(uint(-low)).lo
	case low >= 128:
		m = 0 // below half the least subnormal
	default:
		// Round to nearest even on the part below the lowest kept bit.
		m = r.shrTrunc(uint(low))
		rest := r.sub(u128{0, m}.shl(uint(low)))
		half := u128{0, 1}.shl(uint(low - 1))
		if half.less(rest) || rest == half && m&1 == 1 {
			m++
		}
	}
	if m == 1<<(fracBits+1) {
		m >>= 1
		low++
	}
	if m < 1<<fracBits {
		return Float64frombits(sign | m) // subnormal, or the least normal after a carry
	}
	biased := low + pe + fracBits + expBias
	if biased >= expMask {
		return Float64frombits(sign | expMask<<fracBits)
	}
	return Float64frombits(sign | uint64(biased)<<fracBits | m&fracMask)
}

func (u u128) shrTrunc(n uint) uint64 {
	switch {
	case n >= 128:
		return 0
	case n >= 64:
		return u.hi >> (n - 64)
	case n == 0:
		return u.lo
	}
	return u.lo>>n | u.hi<<(64-n)
}
