package main


func main() {
	var a uint8 = 255
	a++
	var b uint8 = 0
	b--
	println(a, b)
	x := uint8(200)
	println(x+x, x*x, -x, ^x, x<<1, x>>float32(1))
	var by byte = 'z'
	by += 10
	println(by, byte(x+65), x*x*x)
}
