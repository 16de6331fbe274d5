package main

// A nil pointer dereference in compiled code: SIGSEGV at address 0 becomes Go's panic.

type point struct {
	x int
	y int
}

var origin *point

func norm(p *point) int {
	return p.x + 1
}

func main() {
	println("before")
	println(norm(origin))
}
