package main

// Prints at every level of a recursion, so that the print builtin's buffers (locals of the
// runtime's print functions) and the write system calls that read them are at the bottom of
// the stack, in memory that the stack has only just grown into; a buffer the kernel found
// unmapped would make write fail (EFAULT) and the line would be missing.

func down(n int, pad [64]int) int {
	pad[n%64] = n
	if n%97 == 0 {
		println("depth", n, pad[n%64])
	}
	if n == 0 {
		return 0
	}
	return down(n-1, pad) + 1
}

func main() {
	var pad [64]int
	println(down(30000, pad))
}
