package main

import "example.com/errs/badlib"

func main() { badlib.F() }
