package main

import _ "example.com/lib/nope"

func main() {}
