package main

import . "dot"
import . "fmt"

func main() {
	Println("x")
}
