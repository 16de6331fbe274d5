package rand

import "math"

// The normal and exponential distributions by Marsaglia and Tsang's ziggurat method ("The
// Ziggurat Method for Generating Random Variables", 2000), with the tables of tables.go,
// and Zipf's distribution by Hörmann and Derflinger's rejection-inversion ("Rejection-
// inversion to generate variates from monotone discrete distributions", 1996), drawing from
// the source exactly as Go 1.19's math/rand does.

const (
	normTail = 3.442619855899      // the normal ziggurat's last edge
	expTail  = 7.69711747013104972 // the exponential one's (Go's constant re)
)

// NormFloat64 returns a normally distributed float64 (mean 0, standard deviation 1).
func (r *Rand) NormFloat64() float64 {
	for {
		j := int32(r.Uint32())
		box := j & 127
		x := float64(j) * float64(normW[box])
		mag := uint32(j)
		if j < 0 {
			mag = uint32(-j)
		}
		if mag < normK[box] {
			return x // inside the box's rectangle: nearly always
		}
		if box == 0 {
			// The tail past normTail, by Marsaglia's method.
			for {
				x = -goLog(r.Float64()) * (1.0 / normTail)
				y := -goLog(r.Float64())
				if y+y >= x*x {
					break
				}
			}
			if j > 0 {
				return normTail + x
			}
			return -normTail - x
		}
		if normF[box]+float32(r.Float64())*(normF[box-1]-normF[box]) < float32(goExp(-.5*x*x)) {
			return x
		}
	}
}

// ExpFloat64 returns an exponentially distributed float64 with rate 1.
func (r *Rand) ExpFloat64() float64 {
	for {
		j := r.Uint32()
		box := j & 255
		x := float64(j) * float64(expW[box])
		if j < expK[box] {
			return x
		}
		if box == 0 {
			return expTail - goLog(r.Float64())
		}
		if expF[box]+float32(r.Float64())*(expF[box-1]-expF[box]) < float32(goExp(-x)) {
			return x
		}
	}
}

// A Zipf draws values k in [0, imax] with P(k) proportional to (v+k)^-s.
type Zipf struct {
	r                  *Rand
	imax, v, q, s      float64
	oneMinusQ, invOMQ  float64 // 1-q and 1/(1-q)
	hImax, hZeroMinusH float64 // h(imax+1/2), and h(1/2) - v^-q - h(imax+1/2)
}

// h is the integral of the hat function, (v+x)^(1-q) / (1-q).
func (z *Zipf) h(x float64) float64 {
	return goExp(z.oneMinusQ*goLog(z.v+x)) * z.invOMQ
}

// hInverse is h's inverse.
func (z *Zipf) hInverse(x float64) float64 {
	return goExp(z.invOMQ*goLog(z.oneMinusQ*x)) - z.v
}

// NewZipf returns a Zipf drawing from r with s > 1 and v >= 1, or nil otherwise.
func NewZipf(r *Rand, s float64, v float64, imax uint64) *Zipf {
	z := new(Zipf)
	if s <= 1.0 || v < 1 {
		return nil
	}
	z.r, z.imax, z.v, z.q = r, float64(imax), v, s
	z.oneMinusQ = 1.0 - s
	z.invOMQ = 1.0 / z.oneMinusQ
	z.hImax = z.h(z.imax + 0.5)
	z.hZeroMinusH = z.h(0.5) - goExp(goLog(v)*(-s)) - z.hImax
	z.s = 1 - z.hInverse(z.h(1.5)-goExp(-s*goLog(v+1.0)))
	return z
}

// Uint64 returns a value drawn from z's distribution.
func (z *Zipf) Uint64() uint64 {
	if z == nil {
		panic("rand: nil Zipf")
	}
	var k float64
	for {
		u := z.hImax + z.r.Float64()*z.hZeroMinusH
		x := z.hInverse(u)
		k = math.Floor(x + 0.5)
		if k-x <= z.s || u >= z.h(k+0.5)-goExp(-goLog(k+z.v)*z.q) {
			break
		}
	}
	return uint64(k)
}

// goExp and goLog compute e^x and ln x as Go 1.19's math.Exp and math.Log do on amd64,
// bit for bit: their assembly (math/exp_amd64.s, after Shibata's method in SLEEF; and
// math/log_amd64.s, FreeBSD's algorithm) is what go's binaries run, and the ziggurat's
// tails and Zipf's draws depend on its last bits. Exp fuses its multiply-adds when the
// CPU has AVX and FMA, as Go's does.

var useFMA = fmaSupported()

// fmaSupported reports whether the CPU and OS support AVX and FMA (fma_amd64.s).
func fmaSupported() bool

// fma returns x*y+z rounded once (fma_amd64.s; called only when useFMA).
func fma(x, y, z float64) float64

// The Taylor coefficients of e^x in Go's exp: 1/2!, 1/3!, ... 1/8!.
const (
	inv2 = 0.5
	inv3 = 1.6666666666666666667e-1
	inv4 = 4.1666666666666666667e-2
	inv5 = 8.3333333333333333333e-3
	inv6 = 1.3888888888888888889e-3
	inv7 = 1.9841269841269841270e-4
	inv8 = 2.4801587301587301587e-5
)

func goExp(x float64) float64 {
	const (
		log2E   = 1.4426950408889634073599246810018920
		ln2Hi   = 0.69314718055966295651160180568695068359375
		ln2Lo   = 0.28235290563031577122588448175013436025525412068e-12
		expMax  = 7.09782712893384e+02
		signBit = 1 << 63
		infBits = 0x7FF0000000000000
	)
	b := math.Float64bits(x)
	if b&^signBit >= infBits {
		if b == infBits|signBit {
			return 0 // e^-Inf
		}
		return x // NaN, +Inf
	}
	if x > expMax {
		return math.Inf(1)
	}
	// k = x/ln2 rounded to the nearest integer, ties to even (CVTSD2SL); beyond int32 the
	// conversion gives the "integer indefinite" value, the most negative int32.
	t := math.RoundToEven(log2E * x)
	k := int32(-1 << 31)
	if t >= -(1<<31) && t < 1<<31 {
		k = int32(t)
	}
	kf := float64(k)
	var e float64
	if useFMA {
		r := fma(-kf, ln2Hi, x)
		r = fma(-kf, ln2Lo, r)
		r *= 0.0625
		p := fma(inv8, r, inv7)
		p = fma(p, r, inv6)
		p = fma(p, r, inv5)
		p = fma(p, r, inv4)
		p = fma(p, r, inv3)
		p = fma(p, r, inv2)
		p = fma(p, r, 1)
		e = r * p
		// (1+e)^16 - 1, squaring four times: (1+e)^2 - 1 = e*(e+2).
		e *= e + 2
		e *= e + 2
		e *= e + 2
		e = fma(e, e+2, 1)
	} else {
		r := x - kf*ln2Hi
		r -= kf * ln2Lo
		r *= 0.0625
		p := inv8*r + inv7
		p = p*r + inv6
		p = p*r + inv5
		p = p*r + inv4
		p = p*r + inv3
		p = p*r + inv2
		p = p*r + 1
		e = r * p
		e *= e + 2
		e *= e + 2
		e *= e + 2
		e *= e + 2
		e += 1
	}
	// Scale by 2^k; a subnormal result in two steps, through 2^-1022.
	biased := k + 1023
	switch {
	case biased <= 0:
		if biased < -52 {
			return 0
		}
		e *= math.Float64frombits(uint64(biased+1022) << 52)
		return e * math.Float64frombits(1<<52)
	case biased >= 0x7FF:
		return math.Inf(1)
	}
	return e * math.Float64frombits(uint64(biased)<<52)
}

func goLog(x float64) float64 {
	const (
		halfSqrt2 = 7.07106781186547524401e-01
		ln2Hi     = 6.93147180369123816490e-01
		ln2Lo     = 1.90821492927058770002e-10
		c1        = 6.666666666666735130e-01
		c2        = 3.999999999940941908e-01
		c3        = 2.857142874366239149e-01
		c4        = 2.222219843214978396e-01
		c5        = 1.818357216161805012e-01
		c6        = 1.531383769920937332e-01
		c7        = 1.479819860511658591e-01
	)
	b := math.Float64bits(x)
	switch {
	case b<<1 == 0:
		return math.Inf(-1) // ±0
	case int64(b) < 0:
		return math.Float64frombits(0x7FF8000000000001) // Go's NaN for a negative x
	case b >= 0x7FF0000000000000:
		return x // +Inf, NaN
	}
	// x = f1 * 2^k with f1 in [0.5, 1) read from the bits as they stand (a subnormal x
	// is not normalized first, as in Go's assembly).
	f1 := math.Float64frombits(b&(1<<52-1) | 0x3FE0000000000000)
	k := float64(int32(b>>52&0x7FF) - 0x3FE)
	if f1 <= halfSqrt2 {
		k--
		f1 *= 2
	}
	f := f1 - 1
	s := f / (2 + f)
	s2 := s * s
	s4 := s2 * s2
	t1 := s2 * (((c7*s4+c5)*s4+c3)*s4 + c1)
	t2 := s4 * ((c6*s4+c4)*s4 + c2)
	hfsq := 0.5 * f * f
	return k*ln2Hi - ((hfsq - (s*(hfsq+(t1+t2)) + k*ln2Lo)) - f)
}
