package main

// A goroutine other than main recurses as deep as main may (a million calls, and frames
// bigger than a page), then hands its results back.

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
	done := make(chan int)
	for i := 0; i < 3; i++ {
		go func() { done <- sum(1000000) }()
		go func() { done <- big(2000) }()
	}
	total := 0
	for i := 0; i < 6; i++ {
		total += <-done
	}
	println(total)
}
