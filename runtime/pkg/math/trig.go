// Circular functions. Go's Sin, Cos, Tan and Sincos (portable on amd64) are the Cephes
// library's: x reduced to z = x - j*(pi/4) with j even, pi/4 in three parts (Cody-Waite)
// for x < 2**29, and beyond by Payne-Hanek with the bits of 4/pi; then a degree-13/14
// polynomial for sin/cos on [-pi/4, pi/4] (tan: a rational function), with the octant
// choosing which one and its sign. The arithmetic below is Cephes' in Go's order.

package math

// pi/4 as the sum of three doubles whose leading parts multiply small integers exactly.
const (
	quarterPiA = 7.85398125648498535156e-1
	quarterPiB = 3.77489470793079817668e-8
	quarterPiC = 2.69515142907905952645e-15
)

// Cephes sin.c's coefficients: sinCoef for sin(z) = z + z³·S(z²), cosCoef for
// cos(z) = 1 - z²/2 + z⁴·C(z²), highest degree first.
var (
	sinCoef = [6]float64{
		1.58962301576546568060e-10, -2.50507477628578072866e-8, 2.75573136213857245213e-6,
		-1.98412698295895385996e-4, 8.33333333332211858878e-3, -1.66666666666666307295e-1,
	}
	cosCoef = [6]float64{
		-1.13585365213876817300e-11, 2.08757008419747316778e-9, -2.75573141792967388112e-7,
		2.48015872888517045348e-5, -1.38888888888730564116e-3, 4.16666666666665929218e-2,
	}
)

// sinKernel and cosKernel evaluate the two polynomials at z (zz = z*z), by Horner's rule
// from the highest coefficient.
func sinKernel(z, zz float64) float64 {
	c := &sinCoef
	s := ((((c[0]*zz+c[1])*zz+c[2])*zz+c[3])*zz+c[4])*zz + c[5]
	return z + z*zz*s
}

func cosKernel(zz float64) float64 {
	c := &cosCoef
	p := ((((c[0]*zz+c[1])*zz+c[2])*zz+c[3])*zz+c[4])*zz + c[5]
	return 1.0 - 0.5*zz + zz*zz*p
}

// bigReduceAt is where Cody-Waite's three-part pi/4 stops being accurate enough.
const bigReduceAt = 1 << 29

// codyWaite reduces 0 <= x < 2**29 to z in [-pi/4, pi/4] and the even octant j (0..7; Tan
// reads only bit 1) with x = j*(pi/4) + z. It makes no call, so that it inlines; above
// 2**29 payneHanek does the same.
func codyWaite(x float64) (j uint64, z float64) {
	j = uint64(int64(x * (4 / Pi))) // below 2**30: the signed conversion is exact, and cheaper
	fj := float64(j)
	if j&1 == 1 {
		j++
		fj++
	}
	return j & 7, ((x - fj*quarterPiA) - fj*quarterPiB) - fj*quarterPiC
}

// Sin returns the sine of the radian argument x.
// Sin(±0) = ±0; Sin(±Inf) = NaN; Sin(NaN) = NaN.
func Sin(x float64) float64 {
	if x == 0 || x != x {
		return x
	}
	if x-x != 0 {
		return NaN()
	}
	neg := x < 0
	a := x
	if x < 0 {
		a = -x
	}
	var j uint64
	var z float64
	if a < bigReduceAt {
		j, z = codyWaite(a)
	} else {
		j, z = payneHanek(a)
	}
	if j >= 4 {
		neg = !neg
		j -= 4
	}
	zz := z * z
	var y float64
	if j == 0 || j == 3 {
		y = sinKernel(z, zz)
	} else {
		y = cosKernel(zz)
	}
	if neg {
		return -y
	}
	return y
}

// Cos returns the cosine of the radian argument x.
// Cos(±Inf) = NaN; Cos(NaN) = NaN.
func Cos(x float64) float64 {
	if x-x != 0 {
		return NaN()
	}
	a := x
	if x < 0 {
		a = -x
	}
	var j uint64
	var z float64
	if a < bigReduceAt {
		j, z = codyWaite(a)
	} else {
		j, z = payneHanek(a)
	}
	neg := false
	if j >= 4 {
		neg = true
		j -= 4
	}
	if j >= 2 {
		neg = !neg
	}
	zz := z * z
	var y float64
	if j == 0 || j == 3 {
		y = cosKernel(zz)
	} else {
		y = sinKernel(z, zz)
	}
	if neg {
		return -y
	}
	return y
}

// Sincos returns Sin(x), Cos(x).
// Sincos(±0) = ±0, 1; Sincos(±Inf) = NaN, NaN; Sincos(NaN) = NaN, NaN.
func Sincos(x float64) (sin, cos float64) {
	if x == 0 {
		return x, 1
	}
	if x-x != 0 {
		return NaN(), NaN()
	}
	sinNeg := x < 0
	a := x
	if x < 0 {
		a = -x
	}
	var j uint64
	var z float64
	if a < bigReduceAt {
		j, z = codyWaite(a)
	} else {
		j, z = payneHanek(a)
	}
	cosNeg := false
	if j >= 4 {
		j -= 4
		sinNeg, cosNeg = !sinNeg, true
	}
	if j >= 2 {
		cosNeg = !cosNeg
	}
	zz := z * z
	cos, sin = cosKernel(zz), sinKernel(z, zz)
	if j == 1 || j == 2 {
		sin, cos = cos, sin
	}
	if cosNeg {
		cos = -cos
	}
	if sinNeg {
		sin = -sin
	}
	return sin, cos
}

// Cephes tan.c's rational function: tan(z) = z + z·z²·P(z²)/Q(z²), Q monic.
var (
	tanNum = [3]float64{-1.30936939181383777646e4, 1.15351664838587416140e6, -1.79565251976484877988e7}
	tanDen = [4]float64{1.36812963470692954678e4, -1.32089234440210967447e6, 2.50083801823357915839e7, -5.38695755929454629881e7}
)

// Tan returns the tangent of the radian argument x.
// Tan(±0) = ±0; Tan(±Inf) = NaN; Tan(NaN) = NaN.
func Tan(x float64) float64 {
	if x == 0 || x != x {
		return x
	}
	if x-x != 0 {
		return NaN()
	}
	a := x
	if x < 0 {
		a = -x
	}
	var j uint64
	var z float64
	if a < bigReduceAt {
		j, z = codyWaite(a)
	} else {
		j, z = payneHanek(a)
	}
	zz := z * z
	y := z
	if zz > 1e-14 {
		num := (tanNum[0]*zz+tanNum[1])*zz + tanNum[2]
		den := (((zz+tanDen[0])*zz+tanDen[1])*zz+tanDen[2])*zz + tanDen[3]
		y = z + z*(zz*num/den)
	}
	if j&2 != 0 {
		y = -1 / y
	}
	if x < 0 {
		return -y
	}
	return y
}

// fourOverPi is 4/pi in binary, 64 bits a word, the integer part (1) first: 1280 bits, so
// that a reduction of any float64 finds 192 bits starting just above its own units bit.
// (Computed here from Machin's formula pi = 16·atan(1/5) - 4·atan(1/239) in integers.)
var fourOverPi = [20]uint64{
	0x0000000000000001, 0x45f306dc9c882a53, 0xf84eafa3ea69bb81, 0xb6c52b3278872083,
	0xfca2c757bd778ac3, 0x6e48dc74849ba5c0, 0x0c925dd413a32439, 0xfc3bd63962534e7d,
	0xd1046bea5d768909, 0xd338e04d68befc82, 0x7323ac7306a673e9, 0x3908bf177bf25076,
	0x3ff12fffbc0b301f, 0xde5e2316b414da3e, 0xda6cfd9e4f96136e, 0x9e8c7ecd3cbfd45a,
	0xea4f758fd7cbe2f6, 0x7a0e73ef14a525d4, 0xd7f6bf623f1aba10, 0xac06608df8f6d757,
}

// payneHanek reduces x >= 2**29 (finite): with x = m·2**e (m the 53-bit integer
// significand), x·4/pi mod 8 needs only the 192 bits of 4/pi from bit e+61 below its point
// down: their product with m gives the octant (the top 3 bits) and the fraction of
// x·4/pi, which becomes z through one conversion to float64 (as Go's trig_reduce.go does,
// the 64 bits after the top word enter unshifted).
func payneHanek(x float64) (j uint64, z float64) {
	b := Float64bits(x)
	e := int(b>>fracBits&expMask) - expBias - fracBits
	m := b&fracMask | 1<<fracBits
	word, sh := uint(e+61)/64, uint(e+61)%64
	w0 := fourOverPi[word]<<sh | fourOverPi[word+1]>>(64-sh)
	w1 := fourOverPi[word+1]<<sh | fourOverPi[word+2]>>(64-sh)
	w2 := fourOverPi[word+2]<<sh | fourOverPi[word+3]>>(64-sh)
	mid := mulWide(w1, m)
	lo := mid.lo + mulWide(w2, m).hi
	hi := w0*m + mid.hi
	if lo < mid.lo {
		hi++
	}
	j = hi >> 61
	hi = hi<<3 | lo>>61
	lead := uint(0)
	for lead < 64 && hi&(uint64(1)<<63>>lead) == 0 {
		lead++
	}
	n := lead + 1
	hi = hi<<n | lo>>(64-n)
	hi >>= 64 - fracBits
	hi |= uint64(expBias-n) << fracBits
	z = Float64frombits(hi)
	if j&1 == 1 {
		j = (j + 1) & 7
		z--
	}
	return j, z * (Pi / 4)
}
