// Package dots dot-imports packages in one of its files: the names are in that file's block
// only, and importers inline its small functions, whose bodies name them unqualified.
package dots

import (
	. "strconv"
	. "strings"
)

// Shout is small enough to be inlined into its importers.
func Shout(s string) string { return ToUpper(s) + "!" }

// Pair is generic: its importers instantiate it, with the dot-imported names in its body.
func Pair[T any](a, b T, show func(T) string) string {
	return Join([]string{show(a), show(b)}, "+")
}

// Num is a dot-imported function as a value.
var Num = Itoa
