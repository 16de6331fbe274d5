package main

// Unbounded recursion: "runtime: goroutine stack exceeds 1000000000-byte limit" and
// "fatal error: stack overflow".

func f(n int) int {
	return f(n+1) + 1
}

func main() {
	println(f(0))
}
