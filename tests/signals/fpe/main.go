package main

// A division that traps: div is written in assembly (a bare IDIV, with none of the
// divide-by-zero check compiled code makes), so dividing by zero raises SIGFPE, which becomes
// Go's "integer divide by zero" panic.

func div(a, b int) int

func main() {
	println(div(7, 2))
	println(div(1, 0))
}
