package main

import _ "example.com/errs/prog"

func main() {}
