// The error function and its complement (FreeBSD msun's s_erf.c, as Go has it: a rational
// approximation on [0, 0.84375), one in x-1 on [0.84375, 1.25), and beyond
// exp(-x²-0.5625+R/S)/x with rational R/S in 1/x², the square split so that its leading
// part is exact), and their inverses (Go's erfinv.go: the rational approximations of
// Wichura's algorithm AS241, PPND16).

package math

// poly returns c[0] + x*(c[1] + x*(c[2] + ... + x*c[len(c)-1])).
func poly(x float64, c []float64) float64 {
	r := c[len(c)-1]
	for i := len(c) - 2; i >= 0; i-- {
		r = c[i] + x*r
	}
	return r
}

const (
	erx  = 8.45062911510467529297e-01 // erf(1) to 24 bits
	efx  = 1.28379167095512586316e-01 // 2/sqrt(pi) - 1
	efx8 = 1.02703333676410069053e+00 // 8*efx
)

// The s_erf.c coefficients, lowest degree first (each denominator starts with its 1).
var (
	erfPP = []float64{1.28379167095512558561e-01, -3.25042107247001499370e-01, -2.84817495755985104766e-02,
		-5.77027029648944159157e-03, -2.37630166566501626084e-05}
	erfQQ = []float64{1, 3.97917223959155352819e-01, 6.50222499887672944485e-02, 5.08130628187576562776e-03,
		1.32494738004321644526e-04, -3.96022827877536812320e-06}
	erfPA = []float64{-2.36211856075265944077e-03, 4.14856118683748331666e-01, -3.72207876035701323847e-01,
		3.18346619901161753674e-01, -1.10894694282396677476e-01, 3.54783043256182359371e-02,
		-2.16637559486879084300e-03}
	erfQA = []float64{1, 1.06420880400844228286e-01, 5.40397917702171048937e-01, 7.18286544141962662868e-02,
		1.26171219808761642112e-01, 1.36370839120290507362e-02, 1.19844998467991074170e-02}
	erfRA = []float64{-9.86494403484714822705e-03, -6.93858572707181764372e-01, -1.05586262253232909814e+01,
		-6.23753324503260060396e+01, -1.62396669462573470355e+02, -1.84605092906711035994e+02,
		-8.12874355063065934246e+01, -9.81432934416914548592e+00}
	erfSA = []float64{1, 1.96512716674392571292e+01, 1.37657754143519042600e+02, 4.34565877475229228821e+02,
		6.45387271733267880336e+02, 4.29008140027567833386e+02, 1.08635005541779435134e+02,
		6.57024977031928170135e+00, -6.04244152148580987438e-02}
	erfRB = []float64{-9.86494292470009928597e-03, -7.99283237680523006574e-01, -1.77579549177547519889e+01,
		-1.60636384855821916062e+02, -6.37566443368389627722e+02, -1.02509513161107724954e+03,
		-4.83519191608651397019e+02}
	erfSB = []float64{1, 3.03380607434824582924e+01, 3.25792512996573918826e+02, 1.53672958608443695994e+03,
		3.19985821950859553908e+03, 2.55305040643316442583e+03, 4.74528541206955367215e+02,
		-2.24409524465858183362e+01}
)

// erfSmallRatio is the y of erf(x) = x + x*y on [0, 0.84375).
func erfSmallRatio(x float64) float64 {
	z := x * x
	return poly(z, erfPP) / poly(z, erfQQ)
}

// erfNearOne returns P/Q of erf(x) = erx + P/Q on [0.84375, 1.25).
func erfNearOne(x float64) float64 {
	s := x - 1
	return poly(s, erfPA) / poly(s, erfQA)
}

// erfcTail is erfc(x) for 1.25 <= x < 28: exp(-z²-0.5625)·exp((z-x)(z+x)+R/S)/x, with z
// x's top 32 bits (its square is exact).
func erfcTail(x float64) float64 {
	s := 1 / (x * x)
	var ratio float64
	if x < 1/0.35 {
		ratio = poly(s, erfRA) / poly(s, erfSA)
	} else {
		ratio = poly(s, erfRB) / poly(s, erfSB)
	}
	z := Float64frombits(Float64bits(x) & 0xffffffff00000000)
	return Exp(-z*z-0.5625) * Exp((z-x)*(z+x)+ratio) / x
}

// Erf returns the error function of x.
// Erf(+Inf) = 1; Erf(-Inf) = -1; Erf(NaN) = NaN.
func Erf(x float64) float64 {
	if x != x {
		return NaN()
	}
	a := x
	if x < 0 {
		a = -x
	}
	var r float64
	switch {
	case a < 0x1p-28:
		if a < 2.848094538889218e-306 {
			r = 0.125 * (8.0*a + efx8*a) // avoids underflow
		} else {
			r = a + efx*a
		}
	case a < 0.84375:
		r = a + a*erfSmallRatio(a)
	case a < 1.25:
		if x < 0 {
			return -erx - erfNearOne(a)
		}
		return erx + erfNearOne(a)
	case a >= 6:
		r = 1 // Inf too
	default:
		// erfcTail divides by x last; Go computes 1 - r/x with r the product of the exps.
		s := 1 / (a * a)
		var ratio float64
		if a < 1/0.35 {
			ratio = poly(s, erfRA) / poly(s, erfSA)
		} else {
			ratio = poly(s, erfRB) / poly(s, erfSB)
		}
		z := Float64frombits(Float64bits(a) & 0xffffffff00000000)
		e := Exp(-z*z-0.5625) * Exp((z-a)*(z+a)+ratio)
		if x < 0 {
			return e/a - 1
		}
		return 1 - e/a
	}
	if x < 0 {
		return -r
	}
	return r
}

// Erfc returns the complementary error function of x.
// Erfc(+Inf) = 0; Erfc(-Inf) = 2; Erfc(NaN) = NaN.
func Erfc(x float64) float64 {
	if x != x {
		return NaN()
	}
	neg := x < 0
	a := x
	if neg {
		a = -x
	}
	switch {
	case a < 0.84375:
		var t float64
		switch {
		case a < 0x1p-56:
			t = a
		case a < 0.25:
			t = a + a*erfSmallRatio(a)
		default:
			t = 0.5 + (a*erfSmallRatio(a) + (a - 0.5))
		}
		if neg {
			return 1 + t
		}
		return 1 - t
	case a < 1.25:
		if neg {
			return 1 + erx + erfNearOne(a)
		}
		return 1 - erx - erfNearOne(a)
	case a < 28:
		if neg && a > 6 && a >= 1/0.35 {
			return 2
		}
		r := erfcTail(a)
		if neg {
			return 2 - r
		}
		return r
	case neg:
		return 2 // -Inf too
	}
	return 0
}

// Wichura's PPND16 coefficients, highest degree first: numerator and denominator for the
// central region (in r = 0.180625 - x²/4), the intermediate one (in sqrt(-log(...)) - 1.6)
// and the tail (in that - 5).
var (
	ppndCentralA = []float64{8.8709406962545514830200e2, 1.1819493347062294404278e4, 2.3782041382114385731252e4,
		1.6235862515167575384252e4, 4.8548868893843886794648e3, 6.9706266534389598238465e2,
		4.7072688112383978012285e1, 1.1975323115670912564578e0}
	ppndCentralB = []float64{5.2264952788528545610e3, 2.8729085735721942674e4, 3.9307895800092710610e4,
		2.1213794301586595867e4, 5.3941960214247511077e3, 6.8718700749205790830e2, 4.2313330701600911252e1,
		1.0000000000000000000e0}
	ppndMidC = []float64{7.74545014278341407640e-4, 2.27238449892691845833e-2, 2.41780725177450611770e-1,
		1.27045825245236838258e0, 3.64784832476320460504e0, 5.76949722146069140550e0, 4.63033784615654529590e0,
		1.42343711074968357734e0}
	ppndMidD = []float64{1.4859850019840355905497876e-9, 7.7441459065157709165577218e-4,
		2.1494160384252876777097297e-2, 2.0945065210512749128288442e-1, 9.7547832001787427186894837e-1,
		2.3707661626024532365971225e0, 2.9036514445419946173133295e0, 1.4142135623730950488016887e0}
	ppndTailE = []float64{2.01033439929228813265e-7, 2.71155556874348757815e-5, 1.24266094738807843860e-3,
		2.65321895265761230930e-2, 2.96560571828504891230e-1, 1.78482653991729133580e0, 5.46378491116411436990e0,
		6.65790464350110377720e0}
	ppndTailF = []float64{2.891024605872965461538222e-15, 2.010321207683943062279931e-7,
		2.611088405080593625138020e-5, 1.112800997078859844711555e-3, 2.103693768272068968719679e-2,
		1.936480946950659106176712e-1, 8.482908416595164588112026e-1, 1.414213562373095048801689e0}
)

// hornerDown returns ((c[0]*x + c[1])*x + ...)*x + c[len(c)-1].
func hornerDown(x float64, c []float64) float64 {
	r := c[0]
	for _, k := range c[1:] {
		r = r*x + k
	}
	return r
}

// Erfinv returns the inverse error function of x.
// Erfinv(1) = +Inf; Erfinv(-1) = -Inf; Erfinv(x) = NaN if x < -1 or x > 1; Erfinv(NaN) = NaN.
func Erfinv(x float64) float64 {
	if x != x || x <= -1 || x >= 1 {
		if x == -1 || x == 1 {
			return Inf(int(x))
		}
		return NaN()
	}
	a := x
	if x < 0 {
		a = -x
	}
	var r float64
	if a <= 0.85 {
		q := 0.180625 - 0.25*a*a
		r = (a * hornerDown(q, ppndCentralA)) / hornerDown(q, ppndCentralB)
	} else {
		t := Sqrt(Ln2 - Log(1.0-a))
		if t <= 5.0 {
			t -= 1.6
			r = hornerDown(t, ppndMidC) / hornerDown(t, ppndMidD)
		} else {
			t -= 5.0
			r = hornerDown(t, ppndTailE) / hornerDown(t, ppndTailF)
		}
	}
	if x < 0 {
		return -r
	}
	return r
}

// Erfcinv returns the inverse of Erfc(x).
// Erfcinv(0) = +Inf; Erfcinv(2) = -Inf; Erfcinv(x) = NaN if x < 0 or x > 2; Erfcinv(NaN) = NaN.
func Erfcinv(x float64) float64 {
	return Erfinv(1 - x)
}
