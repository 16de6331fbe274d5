package main

// Recursion 500,000 calls deep: Go grows the goroutine's stack by copying it; tbuild's grows
// in place, mapped as it faults (runtime/stack.go).

func sum(n int) int {
	if n == 0 {
		return 0
	}
	return n + sum(n-1)
}

func main() {
	println(sum(500000))
}
