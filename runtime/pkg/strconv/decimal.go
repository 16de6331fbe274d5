// The exact decimal expansion of a float, for what the 128-bit products of ftoaryu.go
// cannot round with certainty: precisions past 18 significant digits, a %f rounding at the
// place just above its first digit, and the rare (near) ties. A float mant·2^exp is a finite decimal: for exp >= 0 the integer mant·2^exp,
// for exp < 0 the integer mant·5^-exp with the point -exp places from its right end
// (2^-1 = 5/10). That integer is built in base 10^9 limbs: at most 767 digits for a float64.

package strconv

// fltLimb is the base of the limbs: nine decimal digits each.
const fltLimb = 1000000000

// fltExpand appends all the decimal digits of mant·2^exp (mant > 0), without trailing
// zeros, and returns the decimal point's position.
func fltExpand(dst []byte, mant uint64, exp int) ([]byte, int) {
	// An odd mantissa needs the fewest multiplications.
	tz := trailingZeros64(mant)
	mant >>= uint(tz)
	exp += tz
	// The limbs, least significant first; only indexed, so they stay on the stack.
	var limbs [90]uint64
	limbs[0], limbs[1], limbs[2] = mant%fltLimb, mant/fltLimb%fltLimb, mant/fltLimb/fltLimb
	n := 3
	for limbs[n-1] == 0 {
		n--
	}
	// Times 2^32 or 5^13 (< 2^31) at a time: a limb times either plus a carry stays
	// below 2^63.
	for e := exp; e != 0; {
		var f uint64
		if e > 0 {
			step := min(e, 32)
			f = 1 << uint(step)
			e -= step
		} else {
			f = 1
			for i := min(-e, 13); i > 0; i-- {
				f *= 5
				e++
			}
		}
		var carry uint64
		for i := 0; i < n; i++ {
			x := limbs[i]*f + carry
			carry = x / fltLimb
			limbs[i] = x - carry*fltLimb
		}
		for ; carry > 0; n++ {
			limbs[n] = carry % fltLimb
			carry /= fltLimb
		}
	}
	// The top limb without its leading zeros, then nine digits per limb.
	start := len(dst)
	dst = fltAppendUint(dst, limbs[n-1])
	for j := n - 2; j >= 0; j-- {
		dst = fltAppendDigits(dst, limbs[j], 9)
	}
	point := len(dst) - start
	if exp < 0 {
		point += exp
	}
	end := len(dst)
	for dst[end-1] == '0' {
		end--
	}
	return dst[:end], point
}

// fltRound rounds the digits at dst[start:], which must be all of the number's, to keep
// significant digits, half to even, and returns them and the new decimal point. With
// keep <= 0 none remain, or a single 1 a place above the first digit.
func fltRound(dst []byte, start, point, keep int) ([]byte, int) {
	d := dst[start:]
	n := len(d)
	if keep >= n {
		return dst, point
	}
	if keep < 0 {
		return dst[:start], 0
	}
	// A 5 with digits after it is above half (the last digit is never 0); alone, a tie.
	up := d[keep] > '5' || d[keep] == '5' && (keep+1 < n || keep > 0 && d[keep-1]&1 == 1)
	if !up {
		for n = keep; n > 0 && d[n-1] == '0'; n-- {
		}
		if n == 0 {
			point = 0
		}
		return dst[:start+n], point
	}
	i := keep - 1
	for i >= 0 && d[i] == '9' {
		i--
	}
	if i < 0 {
		// 999 rounds up to 1000.
		d[0] = '1'
		return dst[:start+1], point + 1
	}
	d[i]++
	return dst[:start+i+1], point
}
