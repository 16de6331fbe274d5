package main

// debug.SetMaxStack: the previous limit is returned; a goroutine's stack grows up to the
// limit; a large composite literal assigned through a pointer needs no frame of its size
// (gotest fixedbugs/issue18636); with the argument "overflow", a recursion past a 1 MiB
// limit is Go's stack overflow report, naming that limit.

import (
	"fmt"
	"os"
	"runtime/debug"
)

type big struct {
	a [1 << 20]byte
	s string
}

func rec(n int) int {
	var pad [64]byte
	pad[n%64] = byte(n)
	if n == 0 {
		return int(pad[0])
	}
	return rec(n-1) + int(pad[n%64])
}

func main() {
	fmt.Println(debug.SetMaxStack(1 << 20))
	fmt.Println(debug.SetMaxStack(64 << 10))
	done := make(chan int)
	go func() {
		b := new(big)
		*b = big{s: "literal"}
		done <- len(b.s) + int(b.a[12345])
	}()
	fmt.Println(<-done)
	fmt.Println(debug.SetMaxStack(1 << 20))
	go func() { done <- rec(1000) }()
	fmt.Println(<-done)
	if len(os.Args) > 1 {
		go func() { done <- rec(100000) }()
		fmt.Println(<-done)
	}
}
