// Bessel functions of the first and second kinds (FreeBSD msun's e_j0.c, e_j1.c, e_jn.c, as
// Go has them): J0, Y0, J1, Y1 by rational approximations below 2 and by Hankel's
// asymptotic form sqrt(2/(pi x))·(P cos(...) - Q sin(...)) above, with P and Q rational in
// 1/x² on four ranges of x; Jn by forward recurrence where it is stable (n <= x) and
// otherwise by a continued fraction and backward recurrence normalised by J0; Yn by
// forward recurrence.

package math

// asymRational is one range's rational approximation: R(z) = num[0] + z*num[1] + ... and
// S(z) = 1 + z*(den[0] + z*den[1] + ...), z = 1/x².
type asymRational struct{ num, den []float64 }

// The coefficients of P0, Q0, P1, Q1 on x >= 8, [4.5454, 8), [2.8571, 4.5454), [2, 2.8571).
var (
	asymP0 = [4]asymRational{
		{num: []float64{
			0.00000000000000000000e+00, -7.03124999999900357484e-02, -8.08167041275349795626e+00,
			-2.57063105679704847262e+02, -2.48521641009428822144e+03, -5.25304380490729545272e+03,
		}, den: []float64{
			1.16534364619668181717e+02, 3.83374475364121826715e+03, 4.05978572648472545552e+04,
			1.16752972564375915681e+05, 4.76277284146730962675e+04,
		}},
		{num: []float64{
			-1.14125464691894502584e-11, -7.03124940873599280078e-02, -4.15961064470587782438e+00,
			-6.76747652265167261021e+01, -3.31231299649172967747e+02, -3.46433388365604912451e+02,
		}, den: []float64{
			6.07539382692300335975e+01, 1.05125230595704579173e+03, 5.97897094333855784498e+03,
			9.62544514357774460223e+03, 2.40605815922939109441e+03,
		}},
		{num: []float64{
			-2.54704601771951915620e-09, -7.03119616381481654654e-02, -2.40903221549529611423e+00,
			-2.19659774734883086467e+01, -5.80791704701737572236e+01, -3.14479470594888503854e+01,
		}, den: []float64{
			3.58560338055209726349e+01, 3.61513983050303863820e+02, 1.19360783792111533330e+03,
			1.12799679856907414432e+03, 1.73580930813335754692e+02,
		}},
		{num: []float64{
			-8.87534333032526411254e-08, -7.03030995483624743247e-02, -1.45073846780952986357e+00,
			-7.63569613823527770791e+00, -1.11931668860356747786e+01, -3.23364579351335335033e+00,
		}, den: []float64{
			2.22202997532088808441e+01, 1.36206794218215208048e+02, 2.70470278658083486789e+02,
			1.53875394208320329881e+02, 1.46576176948256193810e+01,
		}},
	}
	asymQ0 = [4]asymRational{
		{num: []float64{
			0.00000000000000000000e+00, 7.32421874999935051953e-02, 1.17682064682252693899e+01,
			5.57673380256401856059e+02, 8.85919720756468632317e+03, 3.70146267776887834771e+04,
		}, den: []float64{
			1.63776026895689824414e+02, 8.09834494656449805916e+03, 1.42538291419120476348e+05,
			8.03309257119514397345e+05, 8.40501579819060512818e+05, -3.43899293537866615225e+05,
		}},
		{num: []float64{
			1.84085963594515531381e-11, 7.32421766612684765896e-02, 5.83563508962056953777e+00,
			1.35111577286449829671e+02, 1.02724376596164097464e+03, 1.98997785864605384631e+03,
		}, den: []float64{
			8.27766102236537761883e+01, 2.07781416421392987104e+03, 1.88472887785718085070e+04,
			5.67511122894947329769e+04, 3.59767538425114471465e+04, -5.35434275601944773371e+03,
		}},
		{num: []float64{
			4.37741014089738620906e-09, 7.32411180042911447163e-02, 3.34423137516170720929e+00,
			4.26218440745412650017e+01, 1.70808091340565596283e+02, 1.66733948696651168575e+02,
		}, den: []float64{
			4.87588729724587182091e+01, 7.09689221056606015736e+02, 3.70414822620111362994e+03,
			6.46042516752568917582e+03, 2.51633368920368957333e+03, -1.49247451836156386662e+02,
		}},
		{num: []float64{
			1.50444444886983272379e-07, 7.32234265963079278272e-02, 1.99819174093815998816e+00,
			1.44956029347885735348e+01, 3.16662317504781540833e+01, 1.62527075710929267416e+01,
		}, den: []float64{
			3.03655848355219184498e+01, 2.69348118608049844624e+02, 8.44783757595320139444e+02,
			8.82935845112488550512e+02, 2.12666388511798828631e+02, -5.31095493882666946917e+00,
		}},
	}
	asymP1 = [4]asymRational{
		{num: []float64{
			0.00000000000000000000e+00, 1.17187499999988647970e-01, 1.32394806593073575129e+01,
			4.12051854307378562225e+02, 3.87474538913960532227e+03, 7.91447954031891731574e+03,
		}, den: []float64{
			1.14207370375678408436e+02, 3.65093083420853463394e+03, 3.69562060269033463555e+04,
			9.76027935934950801311e+04, 3.08042720627888811578e+04,
		}},
		{num: []float64{
			1.31990519556243522749e-11, 1.17187493190614097638e-01, 6.80275127868432871736e+00,
			1.08308182990189109773e+02, 5.17636139533199752805e+02, 5.28715201363337541807e+02,
		}, den: []float64{
			5.92805987221131331921e+01, 9.91401418733614377743e+02, 5.35326695291487976647e+03,
			7.84469031749551231769e+03, 1.50404688810361062679e+03,
		}},
		{num: []float64{
			3.02503916137373618024e-09, 1.17186865567253592491e-01, 3.93297750033315640650e+00,
			3.51194035591636932736e+01, 9.10550110750781271918e+01, 4.85590685197364919645e+01,
		}, den: []float64{
			3.47913095001251519989e+01, 3.36762458747825746741e+02, 1.04687139975775130551e+03,
			8.90811346398256432622e+02, 1.03787932439639277504e+02,
		}},
		{num: []float64{
			1.07710830106873743082e-07, 1.17176219462683348094e-01, 2.36851496667608785174e+00,
			1.22426109148261232917e+01, 1.76939711271687727390e+01, 5.07352312588818499250e+00,
		}, den: []float64{
			2.14364859363821409488e+01, 1.25290227168402751090e+02, 2.32276469057162813669e+02,
			1.17679373287147100768e+02, 8.36463893371618283368e+00,
		}},
	}
	asymQ1 = [4]asymRational{
		{num: []float64{
			0.00000000000000000000e+00, -1.02539062499992714161e-01, -1.62717534544589987888e+01,
			-7.59601722513950107896e+02, -1.18498066702429587167e+04, -4.84385124285750353010e+04,
		}, den: []float64{
			1.61395369700722909556e+02, 7.82538599923348465381e+03, 1.33875336287249578163e+05,
			7.19657723683240939863e+05, 6.66601232617776375264e+05, -2.94490264303834643215e+05,
		}},
		{num: []float64{
			-2.08979931141764104297e-11, -1.02539050241375426231e-01, -8.05644828123936029840e+00,
			-1.83669607474888380239e+02, -1.37319376065508163265e+03, -2.61244440453215656817e+03,
		}, den: []float64{
			8.12765501384335777857e+01, 1.99179873460485964642e+03, 1.74684851924908907677e+04,
			4.98514270910352279316e+04, 2.79480751638918118260e+04, -4.71918354795128470869e+03,
		}},
		{num: []float64{
			-5.07831226461766561369e-09, -1.02537829820837089745e-01, -4.61011581139473403113e+00,
			-5.78472216562783643212e+01, -2.28244540737631695038e+02, -2.19210128478909325622e+02,
		}, den: []float64{
			4.76651550323729509273e+01, 6.73865112676699709482e+02, 3.38015286679526343505e+03,
			5.54772909720722782367e+03, 1.90311919338810798763e+03, -1.35201191444307340817e+02,
		}},
		{num: []float64{
			-1.78381727510958865572e-07, -1.02517042607985553460e-01, -2.75220568278187460720e+00,
			-1.96636162643703720221e+01, -4.23253133372830490089e+01, -2.13719211703704061733e+01,
		}, den: []float64{
			2.95333629060523854548e+01, 2.52981549982190529136e+02, 7.57502834868645436472e+02,
			7.39393205320467245656e+02, 1.55949003336666123687e+02, -4.95949898822628210127e+00,
		}},
	}
)

// asymRatio returns R(1/x²)/S(1/x²) from the set's range that holds x (x >= 2).
func asymRatio(x float64, set *[4]asymRational) float64 {
	i := 3
	switch {
	case x >= 8:
		i = 0
	case x >= 4.5454:
		i = 1
	case x >= 2.8571:
		i = 2
	}
	z := 1 / (x * x)
	return poly(z, set[i].num) / (1 + z*poly(z, set[i].den))
}

// hankel returns the asymptotic value for x >= 2: (1/sqrt(pi))·(P·cc - Q·ss)/sqrt(x), where
// sin and cos combine into ss and cc, and where cancellation in one of them is avoided
// through cos(2x) (the other, times it, is -cos(2x) for order 0 and cos(2x) for order 1).
// Past 2**129 P is 1 and Q is 0. For Y the roles of ss and cc swap (yKind).
func hankel(x float64, order int, yKind bool) float64 {
	s, c := Sincos(x)
	var ss, cc float64
	if order == 0 {
		ss, cc = s-c, s+c
	} else {
		ss, cc = -s-c, s-c
	}
	if x < MaxFloat64/2 {
		if order == 0 {
			z := -Cos(x + x)
			if s*c < 0 {
				cc = z / ss
			} else {
				ss = z / cc
			}
		} else {
			z := Cos(x + x)
			if s*c > 0 {
				cc = z / ss
			} else {
				ss = z / cc
			}
		}
	}
	if x > 0x1p129 {
		if yKind {
			return (1 / SqrtPi) * ss / Sqrt(x)
		}
		return (1 / SqrtPi) * cc / Sqrt(x)
	}
	var u, v float64
	if order == 0 {
		u, v = 1+asymRatio(x, &asymP0), (-0.125+asymRatio(x, &asymQ0))/x
	} else {
		u, v = 1+asymRatio(x, &asymP1), (0.375+asymRatio(x, &asymQ1))/x
	}
	if yKind {
		return (1 / SqrtPi) * (u*ss + v*cc) / Sqrt(x)
	}
	return (1 / SqrtPi) * (u*cc - v*ss) / Sqrt(x)
}

// The small-argument coefficients (e_j0.c, e_j1.c), lowest degree first.
var (
	j0R = []float64{1.56249999999999947958e-02, -1.89979294238854721751e-04, 1.82954049532700665670e-06,
		-4.61832688532103189199e-09}
	j0S = []float64{1, 1.56191029464890010492e-02, 1.16926784663337450260e-04, 5.13546550207318111446e-07,
		1.16614003333790000205e-09}
	y0U = []float64{-7.38042951086872317523e-02, 1.76666452509181115538e-01, -1.38185671945596898896e-02,
		3.47453432093683650238e-04, -3.81407053724364161125e-06, 1.95590137035022920206e-08,
		-3.98205194132103398453e-11}
	y0V = []float64{1, 1.27304834834123699328e-02, 7.60068627350353253702e-05, 2.59150851840457805467e-07,
		4.41110311332675467403e-10}
	j1R = []float64{-6.25000000000000000000e-02, 1.40705666955189706048e-03, -1.59955631084035597520e-05,
		4.96727999609584448412e-08}
	j1S = []float64{1.0, 1.91537599538363460805e-02, 1.85946785588630915560e-04, 1.17718464042623683263e-06,
		5.04636257076217042715e-09, 1.23542274426137913908e-11}
	y1U = []float64{-1.96057090646238940668e-01, 5.04438716639811282616e-02, -1.91256895875763547298e-03,
		2.35252600561610495928e-05, -9.19099158039878874504e-08}
	y1V = []float64{1, 1.99167318236649903973e-02, 2.02552581025135171496e-04, 1.35608801097516229404e-06,
		6.22741452364621501295e-09, 1.66559246207992079114e-11}
)

// J0 returns the order-zero Bessel function of the first kind.
// J0(±Inf) = 0; J0(0) = 1; J0(NaN) = NaN.
func J0(x float64) float64 {
	switch {
	case x != x:
		return x
	case x-x != 0:
		return 0
	case x == 0:
		return 1
	}
	x = Abs(x)
	if x >= 2 {
		return hankel(x, 0, false)
	}
	if x < 0x1p-13 {
		if x < 0x1p-27 {
			return 1
		}
		return 1 - 0.25*x*x
	}
	z := x * x
	rs := z * poly(z, j0R) / poly(z, j0S)
	if x < 1 {
		return 1 + z*(-0.25+rs)
	}
	h := 0.5 * x
	return (1+h)*(1-h) + z*rs
}

// Y0 returns the order-zero Bessel function of the second kind.
// Y0(+Inf) = 0; Y0(0) = -Inf; Y0(x < 0) = NaN; Y0(NaN) = NaN.
func Y0(x float64) float64 {
	switch {
	case x < 0 || x != x:
		return NaN()
	case x > MaxFloat64:
		return 0
	case x == 0:
		return Inf(-1)
	}
	if x >= 2 {
		return hankel(x, 0, true)
	}
	if x <= 0x1p-27 {
		return y0U[0] + (2/Pi)*Log(x)
	}
	z := x * x
	return poly(z, y0U)/poly(z, y0V) + (2/Pi)*J0(x)*Log(x)
}

// J1 returns the order-one Bessel function of the first kind.
// J1(±Inf) = 0; J1(NaN) = NaN.
func J1(x float64) float64 {
	switch {
	case x != x:
		return x
	case x-x != 0 || x == 0:
		return 0
	}
	a := Abs(x)
	var r float64
	switch {
	case a >= 2:
		r = hankel(a, 1, false)
	case a < 0x1p-27:
		return 0.5 * a // without the sign, as Go's J1 returns it (for x < 0 too)
	default:
		z := a * a
		num := z * poly(z, j1R) * a
		r = 0.5*a + num/poly(z, j1S)
	}
	if x < 0 {
		return -r
	}
	return r
}

// Y1 returns the order-one Bessel function of the second kind.
// Y1(+Inf) = 0; Y1(0) = -Inf; Y1(x < 0) = NaN; Y1(NaN) = NaN.
func Y1(x float64) float64 {
	switch {
	case x < 0 || x != x:
		return NaN()
	case x > MaxFloat64:
		return 0
	case x == 0:
		return Inf(-1)
	}
	if x >= 2 {
		return hankel(x, 1, true)
	}
	if x <= 0x1p-54 {
		return -(2 / Pi) / x
	}
	z := x * x
	return x*(poly(z, y1U)/poly(z, y1V)) + (2/Pi)*(J1(x)*Log(x)-1/x)
}

// hankelN is the leading asymptotic term for order n and x >= 2**302, where the P and Q
// series are 1 and 0: the sign pattern of sin and cos cycles with n mod 4.
func hankelN(n int, x float64, yKind bool) float64 {
	s, c := Sincos(x)
	var t float64
	switch n & 3 {
	case 0:
		if yKind {
			t = s - c
		} else {
			t = c + s
		}
	case 1:
		if yKind {
			t = -s - c
		} else {
			t = -c + s
		}
	case 2:
		if yKind {
			t = -s + c
		} else {
			t = -c - s
		}
	default:
		if yKind {
			t = s + c
		} else {
			t = c - s
		}
	}
	return (1 / SqrtPi) * t / Sqrt(x)
}

// Jn returns the order-n Bessel function of the first kind.
// Jn(n, ±Inf) = 0; Jn(n, NaN) = NaN.
func Jn(n int, x float64) float64 {
	switch {
	case x != x:
		return x
	case x-x != 0:
		return 0
	case n == 0:
		return J0(x)
	case x == 0:
		return 0
	}
	if n < 0 {
		n, x = -n, -x
	}
	if n == 1 {
		return J1(x)
	}
	neg := false
	if x < 0 {
		x = -x
		neg = n&1 == 1 // J_n(-x) = (-1)**n J_n(x)
	}
	var b float64
	switch {
	case float64(n) <= x && x >= 0x1p302:
		b = hankelN(n, x, false)
	case float64(n) <= x:
		// Forward recurrence J_{i+1} = (2i/x) J_i - J_{i-1}, stable for i < x.
		a := J0(x)
		b = J1(x)
		for i := 1; i < n; i++ {
			a, b = b, b*(float64(i+i)/x)-a
		}
	case x < 0x1p-29:
		// The first term of the series, (x/2)**n / n!, zero for n > 33.
		if n > 33 {
			b = 0
		} else {
			half := x * 0.5
			b = half
			fact := 1.0
			for i := 2; i <= n; i++ {
				fact *= float64(i)
				b *= half
			}
			b /= fact
		}
	default:
		b = jnBackward(n, x)
	}
	if neg {
		return -b
	}
	return b
}

// jnBackward is Jn for n > x: the ratio J_n/J_{n-1} from a continued fraction (its length
// k found by running the recurrence for the convergents until they pass 1e9), then the
// backward recurrence down to J_0, and scaling by the true J0(x).
func jnBackward(n int, x float64) float64 {
	w := float64(n+n) / x
	h := 2 / x
	q0, z := w, w+h
	q1 := w*z - 1
	k := 1
	for q1 < 1e9 {
		k++
		z += h
		q0, q1 = q1, z*q1-q0
	}
	t := 0.0
	for i := 2 * (n + k); i >= n+n; i -= 2 {
		t = 1 / (float64(i)/x - t)
	}
	a, b := t, 1.0
	// Whether the recurrence can overflow: n·log(2n/x) against log(MaxFloat64).
	fn := float64(n)
	v := 2 / x
	rescale := !(fn*Log(Abs(v*fn)) < 7.09782712893383973096e+02)
	for i := n - 1; i > 0; i-- {
		di := float64(i + i)
		a, b = b, b*di/x-a
		if rescale && b > 1e100 {
			a /= b
			t /= b
			b = 1
		}
	}
	return t * J0(x) / b
}

// Yn returns the order-n Bessel function of the second kind.
// Yn(n, +Inf) = 0; Yn(n ≥ 0, 0) = -Inf; Yn(n < 0, 0) = +Inf if n is odd, -Inf if n is even;
// Yn(n, x < 0) = NaN; Yn(n, NaN) = NaN.
func Yn(n int, x float64) float64 {
	switch {
	case x < 0 || x != x:
		return NaN()
	case x > MaxFloat64:
		return 0
	case n == 0:
		return Y0(x)
	case x == 0:
		if n < 0 && n&1 == 1 {
			return Inf(1)
		}
		return Inf(-1)
	}
	neg := false
	if n < 0 {
		n = -n
		neg = n&1 == 1 // Y_{-n} = (-1)**n Y_n
	}
	var b float64
	switch {
	case n == 1:
		b = Y1(x)
	case x >= 0x1p302:
		b = hankelN(n, x, true)
	default:
		// Forward recurrence, stopped once it reaches -Inf.
		a := Y0(x)
		b = Y1(x)
		for i := 1; i < n && !IsInf(b, -1); i++ {
			a, b = b, (float64(i+i)/x)*b-a
		}
	}
	if neg {
		return -b
	}
	return b
}
