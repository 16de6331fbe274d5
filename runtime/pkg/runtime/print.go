// The print and println builtins, and the runtime's own messages, which use them.
//
// For print(a, b) the compiler emits printlock, one call per operand chosen by its type
// (printint, printuint, printfloat, printbool, printstring, printpointer), printsp between
// println's operands, printnl after them, and printunlock. Everything is written at once to
// standard error, unbuffered, in the forms Go's runtime prints: integers in decimal,
// pointers as 0x and lowercase hex digits, booleans as true and false, floats as float.go
// describes.

package runtime

import "unsafe"

// printlock and printunlock bracket one print or println statement, so that a statement's
// operands are not interleaved with another thread's: the first level takes debuglock. The
// depth is counted per M, since a print inside a print happens (a fatal error reported while
// one is printing). Go: runtime/print.go printlock.
var debuglock mutex

func printlock() {
	mp := getg().m
	mp.locks++ // no preemption between the depth and the lock
	mp.printlock++
	if mp.printlock == 1 {
		lock(&debuglock)
	}
	mp.locks--
}

func printunlock() {
	mp := getg().m
	mp.printlock--
	if mp.printlock == 0 {
		unlock(&debuglock)
	}
}

// printraw writes the n bytes at p to standard error, or, while the goroutine has a write
// buffer (runtime.Stack), to the buffer, as far as it has room. Go: runtime/print.go gwrite.
func printraw(p unsafe.Pointer, n int) {
	if n <= 0 {
		return
	}
	gp := getg()
	if w := gp.writebuf; w != nil && gp.m.dying == 0 {
		k := copy(w[len(w):cap(w)], unsafe.Slice((*byte)(p), n))
		gp.writebuf = w[:len(w)+k]
		return
	}
	write1(2, p, int32(n))
}

func printstring(s string) {
	printraw(stringStructOf(&s).str, len(s))
}

func printsp() {
	printstring(" ")
}

func printnl() {
	printstring("\n")
}

func printbool(v bool) {
	if v {
		printstring("true")
		return
	}
	printstring("false")
}

// printdecimal prints the magnitude m in decimal, after a minus sign if negative. (The
// digits are error.go's appendUint; the buffer has room for them all, so nothing is
// allocated.)
func printdecimal(m uint64, negative bool) {
	// 2^64-1 has 20 digits; one more byte for the sign.
	var buf [21]byte
	b := buf[:0]
	if negative {
		b = append(b, '-')
	}
	b = appendUint(b, m)
	printraw(unsafe.Pointer(&buf[0]), len(b))
}

func printuint(v uint64) {
	printdecimal(v, false)
}

func printint(v int64) {
	if v < 0 {
		// For the most negative value -v wraps to itself, and uint64 of that is its
		// magnitude, 1<<63.
		printdecimal(uint64(-v), true)
		return
	}
	printdecimal(uint64(v), false)
}

// printhex prints v as 0x followed by its hex digits in lowercase, with no leading zeros
// (0 is 0x0).
func printhex(v uint64) {
	const digits = "0123456789abcdef"
	var buf [18]byte
	i := len(buf)
	for {
		i--
		buf[i] = digits[v&15]
		v >>= 4
		if v == 0 {
			break
		}
	}
	i -= 2
	buf[i] = '0'
	buf[i+1] = 'x'
	printraw(unsafe.Pointer(&buf[i]), len(buf)-i)
}

func printpointer(p unsafe.Pointer) {
	printhex(uint64(uintptr(p)))
}
