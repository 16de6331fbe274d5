// Maps in key order: fmt prints a map's entries sorted by key, in the order Go's
// internal/fmtsort defines, so that the output of a program does not depend on the map's
// random iteration order. Numbers, strings and booleans compare by value (false first, NaN
// before every other float); pointers by address; structs and arrays element by element;
// interfaces nil first, then by the dynamic type's descriptor address (in the order Go's
// linker places descriptors: runtime/typeinfo.go fmt_typeBefore), then by value.

package fmt

import "unsafe"

//go:linkname typeKey runtime.fmt_typeKey
func typeKey(t unsafe.Pointer) unsafe.Pointer

//go:linkname typeBefore runtime.fmt_typeBefore
func typeBefore(a unsafe.Pointer, b unsafe.Pointer) int

//go:linkname mapEntries runtime.fmt_mapEntries
func mapEntries(t unsafe.Pointer, m unsafe.Pointer) (unsafe.Pointer, unsafe.Pointer, int)

// sortedEntries returns map value v's keys and elements, sorted by key.
func (v rvalue) sortedEntries() ([]rvalue, []rvalue) {
	kt, et := typeKey(v.typ()), typeElem(v.typ())
	kbase, ebase, n := mapEntries(v.typ(), v.word())
	keys := make([]rvalue, n)
	elems := make([]rvalue, n)
	for i := 0; i < n; i++ {
		keys[i] = mkValue(kt, unsafe.Add(kbase, uintptr(i)*typeSize(kt)), v.ro())
		elems[i] = mkValue(et, unsafe.Add(ebase, uintptr(i)*typeSize(et)), v.ro())
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	mergeSort(order, make([]int, n), keys)
	sk := make([]rvalue, n)
	se := make([]rvalue, n)
	for i, j := range order {
		sk[i], se[i] = keys[j], elems[j]
	}
	return sk, se
}

// mergeSort sorts the indices in order by their keys, stably (tmp is scratch of the same
// length), as fmtsort's sort.Stable does.
func mergeSort(order []int, tmp []int, keys []rvalue) {
	n := len(order)
	if n < 2 {
		return
	}
	mid := n / 2
	mergeSort(order[:mid], tmp[:mid], keys)
	mergeSort(order[mid:], tmp[mid:], keys)
	i, j, k := 0, mid, 0
	for i < mid && j < n {
		if compareValues(keys[order[j]], keys[order[i]]) < 0 {
			tmp[k] = order[j]
			j++
		} else {
			tmp[k] = order[i]
			i++
		}
		k++
	}
	k += copy(tmp[k:], order[i:mid])
	copy(tmp[k:], order[j:n])
	copy(order, tmp)
}

func cmpOrdered(less bool, greater bool) int {
	if less {
		return -1
	}
	if greater {
		return 1
	}
	return 0
}

// compareValues is -1, 0 or 1 as a sorts before, with or after b (both of one type).
func compareValues(a, b rvalue) int {
	switch a.Kind() {
	case kindInt, kindInt8, kindInt16, kindInt32, kindInt64:
		x, y := a.Int(), b.Int()
		return cmpOrdered(x < y, x > y)
	case kindUint, kindUint8, kindUint16, kindUint32, kindUint64, kindUintptr:
		x, y := a.Uint(), b.Uint()
		return cmpOrdered(x < y, x > y)
	case kindString:
		x, y := a.String(), b.String()
		return cmpOrdered(x < y, x > y)
	case kindFloat32, kindFloat64:
		x, y := a.Float(), b.Float()
		if c := cmpOrdered(x < y, x > y); c != 0 || x == y {
			return c
		}
		// At least one is a NaN, which sorts first.
		return cmpOrdered(x != x && y == y, x == x && y != y)
	case kindComplex64, kindComplex128:
		// By real part, then imaginary part, each ordered as floats are (NaN first).
		x, y := a.Complex(), b.Complex()
		if c := cmpFloat(real(x), real(y)); c != 0 {
			return c
		}
		return cmpFloat(imag(x), imag(y))
	case kindBool:
		x, y := a.Bool(), b.Bool()
		return cmpOrdered(!x && y, x && !y)
	case kindPointer, kindUnsafePointer, kindChan, kindFunc:
		x, y := a.Pointer(), b.Pointer()
		return cmpOrdered(x < y, x > y)
	case kindStruct:
		for i := 0; i < a.NumField(); i++ {
			if c := compareValues(a.Field(i), b.Field(i)); c != 0 {
				return c
			}
		}
		return 0
	case kindArray:
		for i := 0; i < a.Len(); i++ {
			if c := compareValues(a.Index(i), b.Index(i)); c != 0 {
				return c
			}
		}
		return 0
	case kindInterface:
		x, y := a.Elem(), b.Elem()
		if !x.IsValid() || !y.IsValid() {
			return cmpOrdered(!x.IsValid() && y.IsValid(), x.IsValid() && !y.IsValid())
		}
		if c := typeBefore(x.typ(), y.typ()); c != 0 {
			return c
		}
		return compareValues(x, y)
	}
	return 0
}

// cmpFloat orders two floats as internal/fmtsort does: by value, a NaN before any number.
func cmpFloat(x, y float64) int {
	if c := cmpOrdered(x < y, x > y); c != 0 || x == y {
		return c
	}
	return cmpOrdered(x != x && y == y, x == x && y != y)
}
