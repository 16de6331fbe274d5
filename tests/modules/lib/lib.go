// Package lib is a module of its own, which example.com/app replaces with this directory.
package lib

import (
	"fmt"

	"example.com/lib/internal/hidden"
)

var Greeting = greet()

func greet() string {
	fmt.Println("lib: var Greeting")
	return "hello from " + hidden.Name()
}

func init() { fmt.Println("lib: init") }
