package main

import _ "example.com/errs/allwin"

func main() {}
