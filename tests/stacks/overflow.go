package main

// Unbounded recursion: under an address-space limit (`ulimit -v 1000000`) the stack cannot
// be mapped to 1 GB, and Go and tbuild both report "fatal error: out of memory"; without a
// limit, "runtime: goroutine stack exceeds 1000000000-byte limit" and "fatal error: stack
// overflow".

func f(n int) int {
	return f(n+1) + 1
}

func main() {
	println(f(0))
}
