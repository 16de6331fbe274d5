package main

// Unbounded recursion in a goroutine other than main: Go's stack overflow report, for that
// goroutine.

func f(n int) int {
	return f(n+1) + 1
}

func main() {
	done := make(chan int)
	go func() { done <- f(0) }()
	println(<-done)
}
