// Package l4 is one layer of a chain of packages (l1 imports util, each later layer the one
// before), so that the module has packages enough for a build to compile in parallel and a
// one-line edit to show what is rebuilt.
package l4

import (
	"fmt"

	"example.com/app/layers/l3"
)

var value = l3.Value() * 2

func init() { fmt.Println("l4: init", value) }

// Value is this layer's number.
func Value() int { return value }
