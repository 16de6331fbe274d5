// Two packages named util with a type T each: distinct types, descriptors and methods.
package main

import (
	"fmt"

	au "example.com/app/a/util"
	bu "example.com/app/b/util"
)

type namer interface{ Name() string }

func main() {
	xs := []any{au.T{A: 1}, bu.T{B: "x"}, &au.T{A: 2}}
	for _, x := range xs {
		_, isA := x.(au.T)
		_, isB := x.(bu.T)
		fmt.Printf("%T %v %s %v %v\n", x, x, x.(namer).Name(), isA, isB)
	}
	m := map[any]int{au.T{}: 1, bu.T{}: 2}
	fmt.Println(len(m), m[au.T{}], m[bu.T{}])
}
