// Package dotted has a dot in its import path's last element, which Go's symbols escape
// (example.com/app/dotted%2ev2.Fail in a traceback).
package dotted

import "fmt"

type E struct{ msg string }

func (e *E) Error() string { return e.msg }

//go:noinline
func Fail() {
	var err error = &E{"dotted.Fail"}
	panic(err)
}

func init() { fmt.Println("dotted.v2: init") }
