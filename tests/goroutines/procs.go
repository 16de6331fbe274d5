package main

import (
	"fmt"
	"runtime"
)

func main() {
	n := runtime.GOMAXPROCS(0)
	fmt.Println(n == runtime.NumCPU(), n)
	fmt.Println(runtime.GOMAXPROCS(5), runtime.GOMAXPROCS(0))
}
