package main

// A million goroutines created one after the other, each exiting before the next starts:
// goroutines and their stacks are reused, so this needs no more memory than one.

func work(n int, done chan int) {
	var a [64]int
	for i := range a {
		a[i] = n + i
	}
	done <- a[n%64]
}

func main() {
	done := make(chan int)
	sum := 0
	for i := 0; i < 1000000; i++ {
		go work(i, done)
		sum += <-done
	}
	println(sum)
}
