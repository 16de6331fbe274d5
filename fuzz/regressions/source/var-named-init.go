package main


	var init []int
func main() {
	var f func(int) int
	println("calling")
	println(f(1))
}
