package hidden

import "fmt"

func init() { fmt.Println("lib/internal/hidden: init") }

// Name may be used by example.com/lib and the packages under it only.
func Name() string { return "lib" }
