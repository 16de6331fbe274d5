package main

import (
	_ "example.com/nowhere/pkg"
	_ "fmtx"
	_ "example.com/errs/nothere"
)

func main() {}
