// Formatting complex numbers: FormatComplex writes `(re±imi)` with both parts formatted as
// FormatFloat formats a float of half the complex type's size, the imaginary part always
// signed. Go: strconv/ctoa.go.

package strconv

// FormatComplex converts c to a string of the form (a+bi), a and b formatted with fmt and
// prec as FormatFloat does, for a complex64 (bitSize 64) or complex128 (bitSize 128) value.
func FormatComplex(c complex128, fmt byte, prec, bitSize int) string {
	if bitSize != 64 && bitSize != 128 {
		panic("invalid bitSize")
	}
	part := bitSize / 2
	re := FormatFloat(real(c), fmt, prec, part)
	im := FormatFloat(imag(c), fmt, prec, part)
	if im[0] != '-' && im[0] != '+' {
		im = "+" + im
	}
	return "(" + re + im + "i)"
}
