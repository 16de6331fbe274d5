package main

import (
	"fmt"
	"time"
)

// An idle program: one goroutine sleeps half a second and then wakes main, which waits on
// a channel. Nothing runs meanwhile, so the process should use no CPU time.
func main() {
	done := make(chan int)
	for i := 0; i < 4; i++ {
		go func(i int) {
			time.Sleep(500 * time.Millisecond)
			done <- i
		}(i)
	}
	sum := 0
	for i := 0; i < 4; i++ {
		sum += <-done
	}
	fmt.Println("woke", sum)
}
