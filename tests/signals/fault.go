package main

// A fault at an address that is not nil: Go's "unexpected fault address" and a fatal error.

import "unsafe"

func main() {
	p := (*int)(unsafe.Pointer(uintptr(0xdeadbeef)))
	println(*p)
}
