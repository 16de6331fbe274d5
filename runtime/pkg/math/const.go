// Package math is tbuild's copy of Go's math package: Go 1.19's whole API, each result the
// one Go computes on linux/amd64, bit for bit. The functions IEEE 754 defines exactly
// (Sqrt, Floor, Frexp, Mod, FMA, ...) have only one possible result; for the approximated
// ones (Exp, Log, Pow, Sin, Gamma, J0, ...) this package performs the operations of the
// algorithm that runs on amd64, in the same order: Go's amd64 assembly for Exp, Log and
// Hypot (Exp with the fused-multiply-add variant when CPUID has FMA and AVX, cpu.go), Go's
// portable code, which follows FreeBSD msun and Cephes, for the others.
//
// This file: the package's constants, with the values Go 1.19 documents for them. The
// irrational ones carry the 63 significant digits Go's declarations give (the digits are
// those of OEIS A001113, A000796, A001622, A002193, A019774, A002161, A139339, A002162 and
// A002392), so that constant expressions over them evaluate exactly as in Go.
package math

// Mathematical constants.
const (
	E       = 2.71828182845904523536028747135266249775724709369995957496696763
	Pi      = 3.14159265358979323846264338327950288419716939937510582097494459
	Phi     = 1.61803398874989484820458683436563811772030917980576286213544862
	Sqrt2   = 1.41421356237309504880168872420969807856967187537694807317667974
	SqrtE   = 1.64872127070012814684865078781416357165377610071014801157507931
	SqrtPi  = 1.77245385090551602729816748334114518279754945612238712821380779
	SqrtPhi = 1.27201964951406896425242246173749149171560804184009624861664038
	Ln2     = 0.693147180559945309417232121458176568075500134360255254120680009
	Ln10    = 2.30258509299404568401799145468436420760110148862877297603332790

	// Go defines the base-2 and base-10 logarithms of e as these exact quotients.
	Log2E  = 1 / Ln2
	Log10E = 1 / Ln10
)

// The extremes of the two binary floating-point formats: the largest finite value has an
// all-ones significand and the largest exponent; the smallest nonzero one is the least
// subnormal, 2**(emin - precision + 1).
const (
	MaxFloat32             = 0x1.fffffep+127
	SmallestNonzeroFloat32 = 0x1p-149
	MaxFloat64             = 0x1.fffffffffffffp+1023
	SmallestNonzeroFloat64 = 0x1p-1074
)

// The bounds of the integer types. tbuild targets linux/amd64 only, where int and uint are
// 64 bits wide.
const (
	MaxInt8  = 127
	MinInt8  = -128
	MaxInt16 = 32767
	MinInt16 = -32768
	MaxInt32 = 2147483647
	MinInt32 = -2147483648
	MaxInt64 = 9223372036854775807
	MinInt64 = -9223372036854775808
	MaxInt   = MaxInt64
	MinInt   = MinInt64

	MaxUint8  = 255
	MaxUint16 = 65535
	MaxUint32 = 4294967295
	MaxUint64 = 18446744073709551615
	MaxUint   = MaxUint64
)
