// Package fmt implements the part of Go's fmt that tbuild's programs use: fmt.Println.
//
// fmt.Println is variadic over `any` in Go, which tbuild's language cannot say until
// interfaces exist, so the compiler expands each call: it declares a buffer on the stack,
// appends each argument with the helper for its static type (bufString, bufInt, bufUint,
// bufBool), a space between arguments and a newline at the end (bufByte), then calls
// bufFlush, which writes the line to standard output in one write, as Go's Println does.
// Go: fmt/print.go Println, Fprintln, doPrintln and fmt/format.go fmtInteger.

package fmt

import "unsafe"

// write is the runtime's raw write system call (runtime/sys_linux_amd64.s); Go's fmt writes
// through os.Stdout, which tbuild does not have yet.
//
//go:linkname write runtime.write1
func write(fd uintptr, p unsafe.Pointer, n int32) int32

// _EINTR is the interrupted-system-call errno, after which a write is retried, as Go's
// os package does (ignoringEINTRIO).
const _EINTR = 4

// A buffer collects one Println's output. Go: fmt/print.go buffer (a []byte in Go). A line
// longer than the buffer is written in pieces.
type buffer struct {
	n   int
	buf [1024]byte
}

// bufFlush writes the buffered bytes to standard output and empties the buffer. Short
// writes are continued and EINTR is retried, as Go's os.File.Write does; other errors drop
// the output, as Println's ignored error result does.
func bufFlush(b *buffer) {
	off := 0
	for off < b.n {
		r := write(1, unsafe.Pointer(&b.buf[off]), int32(b.n-off))
		if r == -_EINTR {
			continue
		}
		if r <= 0 {
			break
		}
		off += int(r)
	}
	b.n = 0
}

// bufByte appends c, writing the buffer out first if it is full.
func bufByte(b *buffer, c byte) {
	if b.n == len(b.buf) {
		bufFlush(b)
	}
	b.buf[b.n] = c
	b.n++
}

// bufString appends s.
func bufString(b *buffer, s string) {
	for i := 0; i < len(s); i++ {
		bufByte(b, s[i])
	}
}

// bufBool appends "true" or "false". Go: fmt/print.go fmtBool.
func bufBool(b *buffer, v bool) {
	if v {
		bufString(b, "true")
	} else {
		bufString(b, "false")
	}
}

// bufUint appends v in decimal. Go: fmt/format.go fmtInteger.
func bufUint(b *buffer, v uint64) {
	var digits [20]byte // 18446744073709551615 has 20 digits
	i := len(digits)
	for v >= 10 {
		i--
		digits[i] = byte(v%10 + '0')
		v /= 10
	}
	i--
	digits[i] = byte(v + '0')
	for i < len(digits) {
		bufByte(b, digits[i])
		i++
	}
}

// bufInt appends v in decimal. For math.MinInt64, -v wraps to itself and uint64 of it is
// 1<<63, the right magnitude. Go: fmt/format.go fmtInteger.
func bufInt(b *buffer, v int64) {
	if v < 0 {
		bufByte(b, '-')
		bufUint(b, uint64(-v))
		return
	}
	bufUint(b, uint64(v))
}
