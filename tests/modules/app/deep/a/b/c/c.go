package c

import "fmt"

var Depth = len("abc")

func init() { fmt.Println("deep/a/b/c: init, depth", Depth) }
