package main

// N goroutines (os.Args[1], 10,000 if absent) blocked at once on a channel receive, each
// with a stack of its own, then released; every one reports back.

import (
	"os"
	"runtime"
	"strconv"
)

func main() {
	n := 10000
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}
	start := make(chan int)
	done := make(chan int)
	for i := 0; i < n; i++ {
		go func(i int) {
			v := <-start
			done <- v + i
		}(i)
	}
	println(runtime.NumGoroutine())
	close(start)
	sum := 0
	for i := 0; i < n; i++ {
		sum += <-done
	}
	println(sum)
}
