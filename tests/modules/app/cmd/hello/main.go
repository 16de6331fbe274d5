package main

import (
	"fmt"
	"os"

	"example.com/app/dots"
	"example.com/app/dotted.v2"
	"example.com/app/layers/l8"
	"example.com/app/tagged"
	"example.com/app/util"
	"example.com/lib"
)

func init() { fmt.Println("main: init (main.go)") }

func main() {
	fmt.Println("layers:", l8.Value())
	fmt.Println(util.F(1), tagged.OS, tagged.Arch, tagged.Unix, lib.Greeting)
	fmt.Println(util.T{A: 3}, util.Sum(1, 2, 3), util.Sum(1.5, 2.25))
	fmt.Printf("%T %v %+v\n", util.T{}, util.T{A: 4}, []util.T{{A: 5}})
	fmt.Println(dots.Shout("hey"), dots.Quiet("HEY"), dots.Pair(1, 2, dots.Num))
	if len(os.Args) > 1 && os.Args[1] == "dotted" {
		dotted.Fail()
	}
	if len(os.Args) > 1 {
		util.Fail()
	}
}
