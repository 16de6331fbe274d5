package main

import _ "example.com/errs/mixed"

func main() {}
