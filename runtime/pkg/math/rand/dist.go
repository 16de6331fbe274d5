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
				x = -math.Log(r.Float64()) * (1.0 / normTail)
				y := -math.Log(r.Float64())
				if y+y >= x*x {
					break
				}
			}
			if j > 0 {
				return normTail + x
			}
			return -normTail - x
		}
		if normF[box]+float32(r.Float64())*(normF[box-1]-normF[box]) < float32(math.Exp(-.5*x*x)) {
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
			return expTail - math.Log(r.Float64())
		}
		if expF[box]+float32(r.Float64())*(expF[box-1]-expF[box]) < float32(math.Exp(-x)) {
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
	return math.Exp(z.oneMinusQ*math.Log(z.v+x)) * z.invOMQ
}

// hInverse is h's inverse.
func (z *Zipf) hInverse(x float64) float64 {
	return math.Exp(z.invOMQ*math.Log(z.oneMinusQ*x)) - z.v
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
	z.hZeroMinusH = z.h(0.5) - math.Exp(math.Log(v)*(-s)) - z.hImax
	z.s = 1 - z.hInverse(z.h(1.5)-math.Exp(-s*math.Log(v+1.0)))
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
		if k-x <= z.s || u >= z.h(k+0.5)-math.Exp(-math.Log(k+z.v)*z.q) {
			break
		}
	}
	return uint64(k)
}
