package main

import (
	"fmt"
	"runtime"
	"sync/atomic"
)

// Four goroutines spin until main has seen all four running, and main stops at a
// breakpoint meanwhile: under a debugger, GOMAXPROCS=4 shows a thread per P.
func main() {
	var running, stop int32
	done := make(chan bool)
	for i := 0; i < 4; i++ {
		go func() {
			atomic.AddInt32(&running, 1)
			for atomic.LoadInt32(&stop) == 0 {
			}
			done <- true
		}()
	}
	for atomic.LoadInt32(&running) < 4 {
		runtime.Gosched()
	}
	runtime.Breakpoint()
	atomic.StoreInt32(&stop, 1)
	for i := 0; i < 4; i++ {
		<-done
	}
	fmt.Println("done")
}
