package main

import (
	"fmt"
	"runtime"
	"sync"
)

// Four goroutines that spin until all four are running at once: with GOMAXPROCS=4 they
// must be on four threads (with fewer Ps they still finish, by preemption, since each
// yields with Gosched while it waits).
func main() {
	var mu sync.Mutex
	running := 0
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			running++
			mu.Unlock()
			for {
				mu.Lock()
				r := running
				mu.Unlock()
				if r == 4 {
					return
				}
				runtime.Gosched()
			}
		}()
	}
	wg.Wait()
	fmt.Println("all running", runtime.GOMAXPROCS(0))
}
