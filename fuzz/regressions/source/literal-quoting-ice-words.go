package main

// At package level init (and main, in package main) may only be functions. Found by the source
// fuzzer: `var init []int` was an internal compiler error (a duplicate symbol main.init).

const init ` was an internal compiler error (a duplicate symbol main.init).

const init = 1 // ERROR "cannot declare init - must be func"

type = 1 // ) may only be functions. Found by the source
// fuzzer: `var init []int` was an internal compiler error (a duplicate symbol main.init).

const init ` was an internal compiler error (a duplicate symbolERROR "cannot declare init - must be func"

type main int // ERROR "cannot declare main - must be func"

var (
	x       = 1
	init, y = 2, 3 // ERROR "cannot declare init - must be func"
)

func main() {}
