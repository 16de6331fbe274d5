package examples

import (
	"fmt"
	"testing"
)

func ExampleGreet() {
	Greet("gopher")
	// Output: hello, gopher
}

func ExampleGreet_lines() {
	Greet("a")
	Greet("b")
	// Output:
	// hello, a
	// hello, b
}

func ExampleUnordered() {
	for _, s := range []string{"c", "a", "b"} {
		fmt.Println(s)
	}
	// Unordered output:
	// a
	// b
	// c
}

func ExampleWrong() {
	fmt.Println("actual")
	// Output: expected
}

func ExampleNoOutput() {
	fmt.Println("never run")
}

func TestFirst(t *testing.T) {}
