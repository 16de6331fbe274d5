// Lgamma: FreeBSD msun's e_lgamma_r.c, as Go has it.

package math

// The e_lgamma_r.c coefficient sets, lowest degree first: a (around 2, even and odd
// terms interleaved), t (around the minimum, in three interleaved series), u/v (near 1),
// s/r (on [2, 3)) and w (the asymptotic series).
var (
	lgA = [12]float64{7.72156649015328655494e-02, 3.22467033424113591611e-01, 6.73523010531292681824e-02,
		2.05808084325167332806e-02, 7.38555086081402883957e-03, 2.89051383673415629091e-03,
		1.19270763183362067845e-03, 5.10069792153511336608e-04, 2.20862790713908385557e-04,
		1.08011567247583939954e-04, 2.52144565451257326939e-05, 4.48640949618915160150e-05}
	lgT = [15]float64{4.83836122723810047042e-01, -1.47587722994593911752e-01, 6.46249402391333854778e-02,
		-3.27885410759859649565e-02, 1.79706750811820387126e-02, -1.03142241298341437450e-02,
		6.10053870246291332635e-03, -3.68452016781138256760e-03, 2.25964780900612472250e-03,
		-1.40346469989232843813e-03, 8.81081882437654011382e-04, -5.38595305356740546715e-04,
		3.15632070903625950361e-04, -3.12754168375120860518e-04, 3.35529192635519073543e-04}
	lgU = []float64{-7.72156649015328655494e-02, 6.32827064025093366517e-01, 1.45492250137234768737e+00,
		9.77717527963372745603e-01, 2.28963728064692451092e-01, 1.33810918536787660377e-02}
	lgV = []float64{1, 2.45597793713041134822e+00, 2.12848976379893395361e+00, 7.69285150456672783825e-01,
		1.04222645593369134254e-01, 3.21709242282423911810e-03}
	lgS = []float64{-7.72156649015328655494e-02, 2.14982415960608852501e-01, 3.25778796408930981787e-01,
		1.46350472652464452805e-01, 2.66422703033638609560e-02, 1.84028451407337715652e-03,
		3.19475326584100867617e-05}
	lgR = []float64{1, 1.39200533467621045958e+00, 7.21935547567138069525e-01, 1.71933865632803078993e-01,
		1.86459191715652901344e-02, 7.77942496381893596434e-04, 7.32668430744625636189e-06}
	lgW = []float64{4.18938533204672725052e-01, 8.33333333333329678849e-02, -2.77777777728775536470e-03,
		7.93650558643019558500e-04, -5.95187557450339963135e-04, 8.36339918996282139126e-04,
		-1.63092934096575273989e-03}
)

// every3 evaluates c[i] + w*(c[i+3] + w*(c[i+6] + ...)) over the c[j] with j ≡ i (mod 3)
// (and every2 likewise for stride 2).
func every3(w float64, c []float64, i int) float64 {
	j := i
	for j+3 < len(c) {
		j += 3
	}
	r := c[j]
	for j -= 3; j >= i; j -= 3 {
		r = c[j] + w*r
	}
	return r
}

func every2(w float64, c []float64, i int) float64 {
	j := i
	for j+2 < len(c) {
		j += 2
	}
	r := c[j]
	for j -= 2; j >= i; j -= 2 {
		r = c[j] + w*r
	}
	return r
}

// Lgamma returns the natural logarithm and sign (-1 or +1) of Gamma(x).
//
// Special cases are:
//
//	Lgamma(+Inf) = +Inf
//	Lgamma(0) = +Inf
//	Lgamma(-integer) = +Inf
//	Lgamma(-Inf) = -Inf
//	Lgamma(NaN) = NaN
func Lgamma(x float64) (lgamma float64, sign int) {
	const (
		ymin = 1.461632144968362245        // where Gamma is least on (0, inf)
		tc   = 1.46163214496836224576e+00  // the same, to more digits
		tf   = -1.21486290535849611461e-01 // lgamma(tc)
		tt   = -3.63867699703950536541e-18 // correction to tf
	)
	sign = 1
	switch {
	case x != x || x-x != 0:
		return x, 1
	case x == 0:
		return Inf(1), 1
	}
	neg := x < 0
	if neg {
		x = -x
	}
	if x < 0x1p-70 {
		if neg {
			sign = -1
		}
		return -Log(x), sign
	}
	var reflect float64
	if neg {
		if x >= 1<<52 {
			return Inf(1), sign // an even integer
		}
		t := sinPiNeg(x)
		if t == 0 {
			return Inf(1), sign
		}
		reflect = Log(Pi / Abs(t*x))
		if t < 0 {
			sign = -1
		}
	}
	switch {
	case x == 1 || x == 2:
		lgamma = 0
		return
	case x < 2:
		// y is x measured from the nearest of three expansion points; kind picks the series.
		var y float64
		kind := 0
		if x <= 0.9 {
			lgamma = -Log(x)
			switch {
			case x >= ymin-1+0.27:
				y = 1 - x
			case x >= ymin-1-0.27:
				y, kind = x-(tc-1), 1
			default:
				y, kind = x, 2
			}
		} else {
			switch {
			case x >= ymin+0.27:
				y = 2 - x
			case x >= ymin-0.27:
				y, kind = x-tc, 1
			default:
				y, kind = x-1, 2
			}
		}
		switch kind {
		case 0:
			z := y * y
			even := every2(z, lgA[:], 0)
			odd := z * every2(z, lgA[:], 1)
			lgamma += y*even + odd - 0.5*y
		case 1:
			z := y * y
			w := z * y
			p := z*every3(w, lgT[:], 0) - (tt - w*(every3(w, lgT[:], 1)+y*every3(w, lgT[:], 2)))
			lgamma += tf + p
		default:
			num := y * poly(y, lgU)
			den := poly(y, lgV)
			lgamma += -0.5*y + num/den
		}
	case x < 8:
		n := int(x)
		y := x - float64(n)
		num := y * poly(y, lgS)
		den := poly(y, lgR)
		lgamma = 0.5*y + num/den
		// Gamma(x) = Gamma(2+y) * (y+2)(y+3)...(y+n-1).
		if n >= 3 {
			z := 1.0
			for k := n - 1; k >= 2; k-- {
				z *= y + float64(k)
			}
			lgamma += Log(z)
		}
	case x < 1<<58:
		t := Log(x)
		z := 1 / x
		y := z * z
		w := lgW[0] + z*poly(y, lgW[1:])
		lgamma = (x-0.5)*(t-1) + w
	default:
		lgamma = x * (Log(x) - 1)
	}
	if neg {
		lgamma = reflect - lgamma
	}
	return lgamma, sign
}

// sinPiNeg returns -sin(pi*x) for x > 0 (e_lgamma_r.c's sin_pi), reducing x mod 2 first so
// that pi*x is computed on a small argument.
func sinPiNeg(x float64) float64 {
	if x < 0.25 {
		return -Sin(Pi * x)
	}
	z := Floor(x)
	var n int
	if z != x {
		x = Mod(x, 2)
		n = int(x * 4)
	} else if x >= 1<<53 {
		x, n = 0, 0
	} else {
		if x < 1<<52 {
			z = x + 1<<52 // its last bit is x's parity
		}
		n = int(1 & Float64bits(z))
		x = float64(n)
		n <<= 2
	}
	switch n {
	case 0:
		x = Sin(Pi * x)
	case 1, 2:
		x = Cos(Pi * (0.5 - x))
	case 3, 4:
		x = Sin(Pi * (1 - x))
	case 5, 6:
		x = -Cos(Pi * (x - 1.5))
	default:
		x = Sin(Pi * (x - 2))
	}
	return -x
}
