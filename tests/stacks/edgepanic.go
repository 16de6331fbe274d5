package main

// Nil dereferences at every depth of a recursion, each in a goroutine of its own (so each
// starts on a fresh, barely mapped stack), recovered: at some depth the faulting frame's
// stack pointer sits at the bottom of what is mapped, where the signal handler pushes
// sigpanic's return address.

type node struct{ next *node }

var p *node

func down(n int) int {
	if n == 0 {
		if p.next == nil {
			return 1
		}
		return 0
	}
	return down(n-1) + 1
}

func try(n int, done chan int) {
	defer func() {
		if r := recover(); r != nil {
			done <- 1
		}
	}()
	down(n)
	done <- 0
}

func main() {
	done := make(chan int)
	sum := 0
	for n := 0; n < 1500; n++ {
		go try(n, done)
		sum += <-done
	}
	println(sum)
}
