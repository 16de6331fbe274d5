package main

import (
	"fmt"
	"os"
	"runtime"
	"time"
)

// A goroutine blocks writing 1 MB to a pipe that nobody reads for a second; main, on the
// only P (GOMAXPROCS=1), must still run meanwhile: the runtime hands the P of a goroutine
// blocked in a system call to another thread.
func main() {
	t0 := time.Now()
	done := make(chan bool)
	go func() {
		os.Stdout.Write(make([]byte, 1<<20))
		done <- true
	}()
	runtime.Gosched()
	time.Sleep(10 * time.Millisecond)
	fmt.Fprintln(os.Stderr, "main ran while the write blocked:", time.Since(t0) < 500*time.Millisecond)
	<-done
	fmt.Fprintln(os.Stderr, "write done:", time.Since(t0) > 500*time.Millisecond)
}
