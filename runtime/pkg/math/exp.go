// Exponentials. On amd64 Go's Exp is the assembly routine of math/exp_amd64.s, the method of
// Naoki Shibata (ISC'10; SLEEF): x = k*ln2 + r, a degree-8 Taylor polynomial for e**(r/16)-1,
// squared up four times through (y+1)**2-1 = y*(y+2), then scaled by 2**k. It has two
// variants, chosen once from CPUID (cpu.go): with FMA the reduction and the polynomial use
// fused multiply-adds, and the last squaring is fused with the final +1. Every operation
// below is the one that routine performs, in its order, so the result is its result bit
// for bit. Exp2 and Expm1 are FreeBSD msun's (e_exp.c's polynomial, s_expm1.c), as Go's
// portable code has them.

package math

// The constants of the amd64 Exp, as that routine spells them.
const (
	shibataOverflow = 7.09782712893384e+02
	shibataLog2e    = 1.4426950408889634073599246810018920
	shibataLn2Hi    = 0.69314718055966295651160180568695068359375
	shibataLn2Lo    = 0.28235290563031577122588448175013436025525412068e-12
)

// The Taylor coefficients 1/n! for n = 3..8 (1/2 and 1 close the Horner chain; the fused
// kernel in cpu_amd64.s has the same ones).
const (
	taylor3 = 1.6666666666666666667e-1
	taylor4 = 4.1666666666666666667e-2
	taylor5 = 8.3333333333333333333e-3
	taylor6 = 1.3888888888888888889e-3
	taylor7 = 1.9841269841269841270e-4
	taylor8 = 2.4801587301587301587e-5
)

// Exp returns e**x, the base-e exponential of x.
// Exp(+Inf) = +Inf; Exp(NaN) = NaN; very large values overflow to +Inf; very small ones
// underflow to 0.
func Exp(x float64) float64 {
	b := Float64bits(x)
	if b&^signBit >= expMask<<fracBits {
		if b == signBit|expMask<<fracBits {
			return 0 // -Inf
		}
		return x // +Inf and NaNs of either sign, unchanged
	}
	if x > shibataOverflow {
		return Inf(1)
	}
	t := shibataLog2e * x
	if t < -1100 {
		// The integer conversion gives k <= -1100 (or its out-of-range value, -2**31):
		// the scaling below flushes every such k to zero.
		return 0
	}
	// k = t rounded to nearest even, as CVTSD2SL rounds; exact since |t| < 2**51.
	fk := (t + 0x1.8p52) - 0x1.8p52
	var e float64
	if expFused {
		// The same steps as the other branch, with fused multiply-adds (cpu_amd64.s).
		e = expFusedKernel(x, fk)
	} else {
		r := x - fk*shibataLn2Hi
		r -= fk * shibataLn2Lo
		r *= 0.0625
		p := ((((((taylor8*r+taylor7)*r+taylor6)*r+taylor5)*r+taylor4)*r+taylor3)*r+0.5)*r + 1
		e = r * p
		e *= e + 2
		e *= e + 2
		e *= e + 2
		e *= e + 2
		e++
	}
	return scaleShibata(e, int(fk))
}

// scaleShibata multiplies e by 2**k as the amd64 routine does: one multiplication by a
// power of two built from the exponent field when 2**k is normal, overflow to +Inf above,
// and below, two multiplications (by 2**(k+1022), then 2**-1022) or zero under 2**-1075.
func scaleShibata(e float64, k int) float64 {
	biased := k + expBias
	switch {
	case biased >= expMask:
		return Inf(1)
	case biased > 0:
		return e * Float64frombits(uint64(biased)<<fracBits)
	case biased < -fracBits:
		return 0
	}
	e *= Float64frombits(uint64(biased+expBias-1) << fracBits)
	return e * 0x1p-1022
}

// Exp2 returns 2**x, the base-2 exponential of x.
// Special cases are the same as Exp.
func Exp2(x float64) float64 {
	switch {
	case x != x || x > 1.0239999999999999e+03:
		if x != x {
			return x
		}
		return Inf(1)
	case x < -1.0740e+03:
		return 0 // -Inf too
	}
	// x = k + t with k the nearest integer (halves away from zero), |t| <= 1/2.
	var k int
	if x > 0 {
		k = int(x + 0.5)
	} else if x < 0 {
		k = int(x - 0.5)
	}
	t := x - float64(k)
	return expReduced(t*ln2Hi, -t*ln2Lo, k)
}

// ln2 split so that k*ln2Hi is exact for |k| < 2**20 (fdlibm's ln2HI, ln2LO).
const (
	ln2Hi = 6.93147180369123816490e-01
	ln2Lo = 1.90821492927058770002e-10
)

// remezExp holds the coefficients P1..P5 of fdlibm e_exp.c's rational approximation.
var remezExp = [5]float64{
	1.66666666666666657415e-01, -2.77777777770155933842e-03, 6.61375632143793436117e-05,
	-1.65339022054652515390e-06, 4.13813679705723846039e-08,
}

// expReduced returns e**(hi-lo) * 2**k for |hi-lo| <= ln2/2, by e_exp.c's formula:
// with c(r) = r - r²·P(r²), e**r = 1 + r + r·c/(2-c) computed as 1 - ((lo - r·c/(2-c)) - hi).
func expReduced(hi, lo float64, k int) float64 {
	r := hi - lo
	rr := r * r
	poly := remezExp[4]
	for i := 3; i >= 0; i-- {
		poly = remezExp[i] + rr*poly
	}
	c := r - rr*poly
	return Ldexp(1-((lo-(r*c)/(2-c))-hi), k)
}

// Expm1 returns e**x - 1, the base-e exponential of x minus 1. It is more accurate than
// Exp(x) - 1 when x is near zero.
// Expm1(+Inf) = +Inf; Expm1(-Inf) = -1; Expm1(NaN) = NaN; very large values overflow to
// -1 or +Inf.
func Expm1(x float64) float64 {
	const (
		overflowAt = 7.09782712893383973096e+02 // ln(MaxFloat64)
		minusOneAt = 3.88162421113569373274e+01 // 56*ln2: beyond, e**x swamps the 1
		halfLn2    = 3.46573590279972654709e-01
		threeHalf  = 1.03972077083991796413e+00 // 1.5*ln2
		invLn2     = 1.44269504088896338700e+00
	)
	if x != x || x > MaxFloat64 {
		return x
	}
	if x < -MaxFloat64 {
		return -1
	}
	ax := Abs(x)
	if ax >= minusOneAt {
		if x < 0 {
			return -1
		}
		if ax >= overflowAt {
			return Inf(1)
		}
	}
	// Reduce x to r = hi - lo in [-ln2/2, ln2/2], x = k*ln2 + r, with c the rounding error of
	// the subtraction.
	k, c := 0, 0.0
	switch {
	case ax > halfLn2:
		var hi, lo float64
		switch {
		case ax < threeHalf && x > 0:
			hi, lo, k = x-ln2Hi, ln2Lo, 1
		case ax < threeHalf:
			hi, lo, k = x+ln2Hi, -ln2Lo, -1
		default:
			if x > 0 {
				k = int(invLn2*x + 0.5)
			} else {
				k = int(invLn2*x - 0.5)
			}
			fk := float64(k)
			hi = x - fk*ln2Hi
			lo = fk * ln2Lo
		}
		x = hi - lo
		c = (hi - x) - lo
	case ax < 0x1p-54:
		return x
	}
	return expm1Reduced(x, c, k)
}

// expm1Q holds s_expm1.c's Q1..Q5.
var expm1Q = [5]float64{
	-3.33333333333331316428e-02, 1.58730158725481460165e-03, -7.93650757867487942473e-05,
	4.00821782732936239552e-06, -2.01099218183624371326e-07,
}

// expm1Reduced finishes Expm1 for the reduced argument r (correction c) and k.
func expm1Reduced(r, c float64, k int) float64 {
	half := 0.5 * r
	hr2 := r * half
	q := expm1Q[4]
	for i := 3; i >= 0; i-- {
		q = expm1Q[i] + hr2*q
	}
	r1 := 1 + hr2*q
	t := 3 - r1*half
	e := hr2 * ((r1 - t) / (6.0 - r*t))
	if k == 0 {
		return r - (r*e - hr2)
	}
	e = r*(e-c) - c
	e -= hr2
	// Now e**r - 1 = r - e; scale (1 + r - e) by 2**k, adding k into the exponent bits.
	switch {
	case k == -1:
		return 0.5*(r-e) - 0.5
	case k == 1:
		if r < -0.25 {
			return -2 * (e - (r + 0.5))
		}
		return 1 + 2*(r-e)
	case k <= -2 || k > 56:
		return addExponent(1-(e-r), k) - 1
	case k < 20:
		// 1 - 2**-k, exact, then the fraction.
		oneMinus := Float64frombits(uint64(0x3ff0000000000000) - uint64(1<<53)>>uint(k))
		return addExponent(oneMinus-(e-r), k)
	}
	y := r - (e + Float64frombits(uint64(expBias-k)<<fracBits))
	y++
	return addExponent(y, k)
}

// addExponent adds k to y's exponent field (wrapping as the integer addition does).
func addExponent(y float64, k int) float64 {
	return Float64frombits(Float64bits(y) + uint64(k)<<fracBits)
}
