// Printing floating-point values for print and println.
//
// Go: runtime/print.go printfloat. println(f) prints 7 significant digits in the fixed
// "+d.dddddde+ddd" form (the value is scaled into [1, 10) by repeated multiplication or
// division, rounded by adding half a unit of the 7th digit, then printed digit by digit), or
// NaN, +Inf, -Inf. The arithmetic steps are the same as Go's, so the digits are too.

package runtime

import "unsafe"

// printfloat prints v as println does.
func printfloat(v float64) {
	if v != v {
		printstring("NaN")
		return
	}
	if v+v == v && v > 0 {
		printstring("+Inf")
		return
	}
	if v+v == v && v < 0 {
		printstring("-Inf")
		return
	}
	const digits = 7
	var buf [digits + 7]byte
	buf[0] = '+'
	exp := 0
	if v == 0 {
		// -0 prints with a minus sign.
		if 1/v < 0 {
			buf[0] = '-'
		}
	} else {
		if v < 0 {
			v = -v
			buf[0] = '-'
		}
		for v >= 10 {
			exp++
			v /= 10
		}
		for v < 1 {
			exp--
			v *= 10
		}
		half := 5.0
		for i := 0; i < digits; i++ {
			half /= 10
		}
		v += half
		if v >= 10 {
			exp++
			v /= 10
		}
	}
	for i := 0; i < digits; i++ {
		d := int(v)
		buf[i+2] = byte(d + '0')
		v -= float64(d)
		v *= 10
	}
	buf[1] = buf[2]
	buf[2] = '.'
	buf[digits+2] = 'e'
	buf[digits+3] = '+'
	if exp < 0 {
		exp = -exp
		buf[digits+3] = '-'
	}
	buf[digits+4] = byte(exp/100 + '0')
	buf[digits+5] = byte(exp/10)%10 + '0'
	buf[digits+6] = byte(exp%10) + '0'
	printraw(unsafe.Pointer(&buf[0]), len(buf))
}
