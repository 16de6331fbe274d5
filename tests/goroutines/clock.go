package main

import (
	"fmt"
	"time"
)

// time.Now and time.Since in a loop for 50 ms: through the vDSO, no system call.
func main() {
	t0 := time.Now()
	n := 0
	for time.Since(t0) < 50*time.Millisecond {
		n++
	}
	fmt.Println(n > 1000, time.Now().Year() > 2000)
}
