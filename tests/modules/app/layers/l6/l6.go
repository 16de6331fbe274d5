// Package l6 is one layer of a chain of packages (l1 imports util, each later layer the one
// before), so that the module has packages enough for a build to compile in parallel and a
// one-line edit to show what is rebuilt.
package l6

import (
	"fmt"

	"example.com/app/layers/l5"
)

var value = l5.Value() * 2

func init() { fmt.Println("l6: init", value) }

// Value is this layer's number.
func Value() int { return value }
