// The print and println builtins: the compiler calls printlock, then one print function per
// argument (printsp between println's arguments, printnl last), then printunlock. Output
// goes unbuffered to standard error, byte for byte as Go's.
//
// Go: runtime/print.go (the float/complex/slice/eface printers are left out).

package runtime

import "unsafe"

// printlock and printunlock bracket one print/println statement. Go takes debuglock on
// the first level; tbuild runs one thread, so only the nesting count is kept.
// Go: runtime/print.go printlock.
func printlock() {
	mp := getg().m
	mp.locks++
	mp.printlock++
	mp.locks--
}

// Go: runtime/print.go printunlock.
func printunlock() {
	mp := getg().m
	mp.printlock--
}

// gwrite writes n bytes at p to standard error, or appends them to the goroutine's
// writebuf, up to its capacity, while one is set (unless the program is dying).
// Go: runtime/print.go gwrite and runtime/write_err.go writeErr (Go takes a []byte).
func gwrite(p unsafe.Pointer, n int) {
	if n == 0 {
		return
	}
	gp := getg()
	if gp == nil || gp.writebuf == nil || gp.m.dying > 0 {
		write1(2, p, int32(n))
		return
	}
	free := gp.writebuf[len(gp.writebuf):cap(gp.writebuf)]
	if n > len(free) {
		n = len(free)
	}
	if n > 0 {
		memmove(unsafe.Pointer(&free[0]), p, uintptr(n))
		gp.writebuf = gp.writebuf[:len(gp.writebuf)+n]
	}
}

// Go: runtime/print.go printsp.
func printsp() {
	printstring(" ")
}

// Go: runtime/print.go printnl.
func printnl() {
	printstring("\n")
}

// Go: runtime/print.go printbool.
func printbool(v bool) {
	if v {
		printstring("true")
	} else {
		printstring("false")
	}
}

// printuint prints v in decimal. Go: runtime/print.go printuint.
func printuint(v uint64) {
	var buf [100]byte
	i := len(buf) - 1
	for i > 0 {
		buf[i] = byte(v%10 + '0')
		if v < 10 {
			break
		}
		v /= 10
		i--
	}
	gwrite(unsafe.Pointer(&buf[i]), len(buf)-i)
}

// printint prints v in decimal; -v wraps for math.MinInt64 and uint64 of it is 1<<63, as
// in Go. Go: runtime/print.go printint.
func printint(v int64) {
	if v < 0 {
		printstring("-")
		v = -v
	}
	printuint(uint64(v))
}

// minhexdigits is the minimum number of digits printhex prints. Go: runtime/print.go.
var minhexdigits = 0

// hexdigits are printhex's digits (Go: a constant dig local to printhex).
const hexdigits = "0123456789abcdef"

// printhex prints v as 0x followed by lowercase hex digits. Go: runtime/print.go printhex.
func printhex(v uint64) {
	var buf [100]byte
	i := len(buf) - 1
	for i > 0 {
		buf[i] = hexdigits[int(v%16)]
		if v < 16 && len(buf)-i >= minhexdigits {
			break
		}
		v /= 16
		i--
	}
	i--
	buf[i] = 'x'
	i--
	buf[i] = '0'
	gwrite(unsafe.Pointer(&buf[i]), len(buf)-i)
}

// printpointer prints p as printhex does. Go: runtime/print.go printpointer.
func printpointer(p unsafe.Pointer) {
	printhex(uint64(uintptr(p)))
}

// printuintptr prints p as printhex does. Go: runtime/print.go printuintptr.
func printuintptr(p uintptr) {
	printhex(uint64(p))
}

// printstring writes s's bytes. Go: runtime/print.go printstring.
func printstring(s string) {
	gwrite(stringStructOf(&s).str, len(s))
}
