// Sorting a slice of any type by a less function over indices. Go's sort.Slice swaps the
// elements through reflectlite.Swapper; tbuild reads the slice held in the `any` through the
// runtime's type descriptors (runtime/typeinfo.go) and swaps elements a word, or a byte, at
// a time.

package sort

import "unsafe"

//go:linkname efaceWords runtime.fmt_efaceWords
func efaceWords(a any) (unsafe.Pointer, unsafe.Pointer)

//go:linkname typeKind runtime.fmt_typeKind
func typeKind(t unsafe.Pointer) int

//go:linkname typeSize runtime.fmt_typeSize
func typeSize(t unsafe.Pointer) uintptr

//go:linkname typeElem runtime.fmt_typeElem
func typeElem(t unsafe.Pointer) unsafe.Pointer

// kindSlice is reflect.Slice's number, which the descriptors use.
const kindSlice = 23

// valueError is the error Go's reflectlite panics with when Swapper is given no slice.
type valueError struct {
	kind string
}

func (e *valueError) Error() string {
	return "reflect: call of Swapper on " + e.kind + " Value"
}

// kindNames are reflect.Kind's names, by number.
var kindNames = []string{"invalid", "bool", "int", "int8", "int16", "int32", "int64", "uint",
	"uint8", "uint16", "uint32", "uint64", "uintptr", "float32", "float64", "complex64",
	"complex128", "array", "chan", "func", "interface", "map", "ptr", "slice", "string",
	"struct", "unsafe.Pointer"}

// byFunc sorts a slice's elements, held at base, size bytes apart, by less.
type byFunc struct {
	base unsafe.Pointer
	n    int
	size uintptr
	less func(i, j int) bool
}

func (s *byFunc) Len() int           { return s.n }
func (s *byFunc) Less(i, j int) bool { return s.less(i, j) }

func (s *byFunc) Swap(i, j int) {
	p := unsafe.Add(s.base, uintptr(i)*s.size)
	q := unsafe.Add(s.base, uintptr(j)*s.size)
	k := uintptr(0)
	// Elements of a size multiple of 8 are 8-aligned: swap them a word at a time.
	if s.size%8 == 0 {
		for ; k < s.size; k += 8 {
			a := (*uintptr)(unsafe.Add(p, k))
			b := (*uintptr)(unsafe.Add(q, k))
			*a, *b = *b, *a
		}
		return
	}
	for ; k < s.size; k++ {
		a := (*byte)(unsafe.Add(p, k))
		b := (*byte)(unsafe.Add(q, k))
		*a, *b = *b, *a
	}
}

// sliceOf views x, which must hold a slice, as a byFunc; anything else panics as Go's
// reflectlite does. The byFunc is returned by value and sorted through its address by the
// *byFunc copy of the algorithm (zfunc.go), so that neither it nor less escapes.
func sliceOf(x any, less func(i, j int) bool) byFunc {
	t, data := efaceWords(x)
	if t == nil {
		panic(&valueError{"zero"})
	}
	if k := typeKind(t); k != kindSlice {
		panic(&valueError{kindNames[k]})
	}
	hdr := (*struct {
		data unsafe.Pointer
		len  int
		cap  int
	})(data)
	return byFunc{hdr.data, hdr.len, typeSize(typeElem(t)), less}
}

// Slice sorts the slice x by less; equal elements may be reordered.
func Slice(x any, less func(i, j int) bool) {
	s := sliceOf(x, less)
	pdqF(&s, 0, s.n, depthLimit(s.n))
}

// SliceStable sorts the slice x by less, keeping equal elements in order.
func SliceStable(x any, less func(i, j int) bool) {
	s := sliceOf(x, less)
	stableSortF(&s, s.n)
}

// SliceIsSorted reports whether the slice x is sorted by less.
func SliceIsSorted(x any, less func(i, j int) bool) bool {
	n := sliceOf(x, nil).n
	for k := n - 1; k > 0; k-- {
		if less(k, k-1) {
			return false
		}
	}
	return true
}
