package main

// N goroutines (os.Args[1]) blocked at once; then "ready" on stdout, and a spin until the
// test that reads the process's mappings kills it.

import (
	"os"
	"strconv"
)

var sink int

func main() {
	n, _ := strconv.Atoi(os.Args[1])
	start := make(chan int)
	for i := 0; i < n; i++ {
		go func(i int) {
			sink += <-start + i
		}(i)
	}
	os.Stdout.WriteString("ready\n")
	for i := 0; ; i++ {
		sink += i
	}
}
