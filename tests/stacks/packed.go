package main

// N goroutines (os.Args[1]) blocked at once; run with TBUILD_STACKMAPS set below N, the
// later ones get packed stacks (runtime/stack.go). Then one more goroutine recurses a
// million calls deep, and, if os.Args[2] is "overflow", another recurses without end, which
// is Go's stack overflow report.

import (
	"os"
	"strconv"
)

func sum(n int) int {
	if n == 0 {
		return 0
	}
	return n + sum(n-1)
}

func f(n int) int {
	return f(n+1) + 1
}

func main() {
	n, _ := strconv.Atoi(os.Args[1])
	start := make(chan int)
	done := make(chan int)
	for i := 0; i < n; i++ {
		go func(i int) {
			v := <-start
			done <- v + i
		}(i)
	}
	go func() { done <- sum(1000000) }()
	println(<-done)
	if len(os.Args) > 2 && os.Args[2] == "overflow" {
		go func() { done <- f(0) }()
		println(<-done)
	}
	close(start)
	sum := 0
	for i := 0; i < n; i++ {
		sum += <-done
	}
	println(sum)
}
