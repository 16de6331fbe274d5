// Package allocs is measured with testing.AllocsPerRun.
package allocs

type T struct{ a, b int }

var (
	sinkT     *T
	sinkSlice []int
	sinkIface interface{}
)

// Kept allocates once per call: its object is stored in a package variable.
func Kept() { sinkT = &T{1, 2} }

// Local allocates nothing: nothing it makes outlives it.
func Local() int {
	t := &T{1, 2}
	s := make([]int, 8)
	l := []int{t.a, t.b}
	var v interface{} = T{3, 4}
	s[0] = l[1]
	return s[0] + v.(T).a
}

// Three allocates three times: a slice, a boxed struct and an object, all kept.
func Three() {
	sinkSlice = []int{1, 2, 3}
	sinkIface = T{5, 6}
	sinkT = new(T)
}

var small, large = 7, 1000

// Boxes allocates twice: small integers, bytes, bools and constants (strings and floats
// too) are boxed as pointers to static data; 1000 and a negative int32 are new objects.
func Boxes() {
	sinkIface = small
	sinkIface = 5
	sinkIface = "text"
	sinkIface = 2.5
	sinkIface = float32(-1.5)
	sinkIface = small > 3
	sinkIface = uint8(large)
	sinkIface = large
	sinkIface = int32(-small)
}
