package main

import (
	"fmt"
	"time"
)

func worker(c chan int) {
	// Long enough for main and the other goroutine to be blocked when the panic's
	// report lists them (GOTRACEBACK=all), on go's threads as on tbuild's one.
	time.Sleep(20 * time.Millisecond)
	for v := range c {
		if v == 3 {
			panic(fmt.Sprintf("worker got %d", v))
		}
	}
}

func main() {
	c := make(chan int, 4)
	go worker(c)
	blocked := make(chan bool)
	go func() { <-blocked }()
	for i := 0; i < 4; i++ {
		c <- i
	}
	<-blocked
}
