package main

// Recursion 1,000,000 calls deep on the main goroutine, and recursion through frames of
// 40 KB (bigger than a page: the compiled code probes them page by page), so that the stack
// grows many times; the results show that every frame kept its values.

func sum(n int) int {
	if n == 0 {
		return 0
	}
	return n + sum(n-1)
}

func big(n int) int {
	var a [5000]int
	for i := range a {
		a[i] = n + i
	}
	if n == 0 {
		return a[4999]
	}
	return a[n%5000] + big(n-1) - a[(n+1)%5000]
}

func main() {
	println(sum(1000000))
	println(big(2000))
}
