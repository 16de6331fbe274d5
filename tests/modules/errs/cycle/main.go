package main

import _ "example.com/errs/cyc1"

func main() {}
