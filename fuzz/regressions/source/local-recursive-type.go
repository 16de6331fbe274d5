package uint
func main() {
type T struct { // ERROR "invalid recursive type T"
	next T
}


	var t T
	_ = t
}
