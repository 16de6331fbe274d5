package secret

import "fmt"

func init() { fmt.Println("internal/secret: init") }

func Key() int { return 40 }
