package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

func init() {
	// Wires the main goroutine to the main thread, as a program with a GUI library must.
	runtime.LockOSThread()
}

// Goroutines wired to their threads (LockOSThread) still block, wake and exchange values
// with the others; one exits while wired, which ends its thread. Run with several
// GOMAXPROCS settings: the output is the same.
func main() {
	results := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			if w%2 == 0 {
				runtime.LockOSThread()
				defer runtime.UnlockOSThread()
			}
			for i := 0; i < 1000; i++ {
				results <- w
				if i%100 == 0 {
					runtime.Gosched()
				}
			}
		}(w)
	}
	exited := make(chan bool)
	go func() {
		runtime.LockOSThread() // never unlocked: its thread ends with it
		runtime.LockOSThread()
		runtime.UnlockOSThread()
		exited <- true
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	counts := make([]int, 4)
	for w := range results {
		counts[w]++
	}
	<-exited
	// Time for its thread to end before the process does (strace looks for the exit).
	time.Sleep(200 * time.Millisecond)
	runtime.UnlockOSThread()
	runtime.UnlockOSThread() // more unlocks than locks do nothing
	fmt.Println(counts)
}
