// Complex numbers in the runtime: the quotient the compiler's `/` calls for complex operands,
// the hash and equality of complex map keys, and println's form of a complex value.
//
// The quotient uses Smith's method (R. L. Smith, "Algorithm 116: Complex division", Commun.
// ACM 5(8), 1962): divide through by the divisor's larger part so that no intermediate
// overflows. When that leaves NaN in both parts, the quotient is replaced by the infinity or
// zero that C99 Annex G.5.1 gives (a finite or infinite dividend over zero, an infinite one
// over a finite divisor, a finite one over an infinite divisor). Go's runtime does the same
// (runtime/complex.go complex128div), with the same operations in the same order, so the
// quotient has the same bits as Go's. complex64 operands are widened by the compiler first.

package runtime

import "unsafe"

// complex128div returns (nre + nim i) / (dre + dim i).
func complex128div(nre, nim, dre, dim float64) (float64, float64) {
	var qre, qim float64
	// |dre| >= |dim|, written out (tbuild does not inline calls): a NaN part compares
	// false either way, as Go's abs does.
	ar, ai := dre, dim
	if ar < 0 {
		ar = -ar
	}
	if ai < 0 {
		ai = -ai
	}
	if ar >= ai {
		t := dim / dre
		den := dre + t*dim
		qre = (nre + nim*t) / den
		qim = (nim - nre*t) / den
	} else {
		t := dre / dim
		den := dim + t*dre
		qre = (nre*t + nim) / den
		qim = (nim*t - nre) / den
	}
	if qre == qre || qim == qim {
		return qre, qim
	}
	posInf := float64frombits(0x7ff0000000000000)
	if dre == 0 && dim == 0 && (nre == nre || nim == nim) {
		// x / 0: an infinity in the direction of x (signed by the divisor's real zero).
		s := posInf
		if float64bits(dre)>>63 != 0 {
			s = -posInf
		}
		return s * nre, s * nim
	}
	if (isInf64(nre) || isInf64(nim)) && isFinite64(dre) && isFinite64(dim) {
		a, b := unitIfInf(nre), unitIfInf(nim)
		return posInf * (a*dre + b*dim), posInf * (b*dre - a*dim)
	}
	if (isInf64(dre) || isInf64(dim)) && isFinite64(nre) && isFinite64(nim) {
		c, d := unitIfInf(dre), unitIfInf(dim)
		return 0 * (nre*c + nim*d), 0 * (nim*c - nre*d)
	}
	return qre, qim
}

// unitIfInf maps ±Inf to ±1 and anything else to a zero of x's sign (C99 G.5.1's "box").
func unitIfInf(x float64) float64 {
	sign := float64bits(x) & (1 << 63)
	if isInf64(x) {
		return float64frombits(sign | float64bits(1))
	}
	return float64frombits(sign)
}

func isInf64(x float64) bool {
	return x == x && x-x != x-x
}

func isFinite64(x float64) bool {
	return x-x == 0
}

func float64bits(x float64) uint64 {
	return *(*uint64)(unsafe.Pointer(&x))
}

func float64frombits(b uint64) float64 {
	return *(*float64)(unsafe.Pointer(&b))
}

// c64hash and c128hash hash both parts as floats are hashed (f32hash, f64hash), so that
// keys equal as complex numbers (+0 and -0 parts) agree and a NaN part makes every key
// differ.
func c64hash(p unsafe.Pointer, seed uintptr) uintptr {
	return f32hash(add(p, 4), f32hash(p, seed))
}

func c128hash(p unsafe.Pointer, seed uintptr) uintptr {
	return f64hash(add(p, 8), f64hash(p, seed))
}

func c64equal(p, q unsafe.Pointer) bool {
	return *(*complex64)(p) == *(*complex64)(q)
}

func c128equal(p, q unsafe.Pointer) bool {
	return *(*complex128)(p) == *(*complex128)(q)
}

// printcomplex prints c as println does: `(` both parts as printfloat prints them `i)`.
func printcomplex(c complex128) {
	printstring("(")
	printfloat(real(c))
	printfloat(imag(c))
	printstring("i)")
}
