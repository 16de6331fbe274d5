package main

import (
	"fmt"

	"example.com/app/deep/a/b/c"
	"example.com/lib/sub"
)

var fromZ = c.Depth + len(sub.Name())

func init() { fmt.Println("main: init (z.go)", fromZ) }
