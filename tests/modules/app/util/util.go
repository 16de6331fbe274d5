// Package util is imported by the commands of example.com/app.
package util

import (
	"fmt"

	"example.com/app/internal/secret"
)

var X = trace("util: var X", 1)

func trace(s string, v int) int {
	fmt.Println(s)
	return v
}

func init() { fmt.Println("util: init 1") }

func init() { fmt.Println("util: init 2") }

// F adds the secret key.
func F(n int) int {
	return secret.Key() + n + X
}

// Fail panics: the traceback names the function by its import path and the file by its
// absolute path, as go's does.
//
//go:noinline
func Fail() {
	panic(fmt.Sprintf("util.Fail: %d", X))
}

// T prints itself through fmt's Stringer.
type T struct{ A int }

func (t T) String() string { return fmt.Sprintf("T(%d)", t.A) }

// Sum is generic: each importer's instances are its own.
func Sum[E int | float64](xs ...E) E {
	var s E
	for _, x := range xs {
		s += x
	}
	return s
}
