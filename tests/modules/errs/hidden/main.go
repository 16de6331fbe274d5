package main

import (
	"fmt"

	"example.com/lib/internal/hidden"
)

func main() { fmt.Println(hidden.Name()) }
