package ext

func double(x int) int { return 2 * x }

// Quad is four times x.
func Quad(x int) int { return double(double(x)) }
