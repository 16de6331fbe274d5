// Package reflect: DeepEqual and Swapper.
//
// DeepEqual follows Go 1.19's definition (reflect/deepequal.go, documented on
// DeepEqual): values of different types are never deeply equal; arrays, structs, maps,
// slices, pointers and interfaces compare their contents, funcs are equal only when both
// are nil, and cycles are cut by remembering which pairs of references are being compared.

package reflect

import "unsafe"

// visit is a pair of references of one type being compared; seeing it again means a cycle,
// and the comparison in progress decides.
type visit struct {
	a, b unsafe.Pointer
	t    *rtype
}

// DeepEqual reports whether x and y are "deeply equal".
func DeepEqual(x, y any) bool {
	if x == nil {
		return y == nil
	}
	if y == nil {
		return false
	}
	a, b := ValueOf(x), ValueOf(y)
	return a.typ == b.typ && deepEq(a, b, map[visit]bool{})
}

// ref returns the reference that identifies v for cycle detection: the pointer or map
// itself, or the address of a slice's or interface's header.
func (v Value) ref() unsafe.Pointer {
	if v.kind() == Pointer || v.kind() == Map {
		return v.word()
	}
	return v.ptr
}

// refersOnward reports whether a and b are references that could lead round a cycle:
// non-nil maps, slices and interfaces, and non-nil pointers to something that can hold
// a pointer.
func refersOnward(a, b Value) bool {
	switch a.kind() {
	case Pointer:
		if a.typ.ptrdata == 0 {
			return false
		}
	case Map, Slice, Interface:
	default:
		return false
	}
	return !a.IsNil() && !b.IsNil()
}

func deepEq(a, b Value, seen map[visit]bool) bool {
	if a.typ == nil || b.typ == nil {
		return a.typ == nil && b.typ == nil
	}
	if a.typ != b.typ {
		return false
	}
	if refersOnward(a, b) {
		p, q := a.ref(), b.ref()
		if uintptr(q) < uintptr(p) {
			p, q = q, p
		}
		pair := visit{p, q, a.typ}
		if seen[pair] {
			// Already being compared further up: that comparison decides.
			return true
		}
		seen[pair] = true
	}
	k := a.kind()
	switch k {
	case Array, Slice:
		if k == Slice {
			if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
				return false
			}
			if a.UnsafePointer() == b.UnsafePointer() {
				return true
			}
			if a.typ.elem.Kind() == Uint8 {
				return string(*(*[]byte)(a.ptr)) == string(*(*[]byte)(b.ptr))
			}
		}
		n := a.Len()
		for j := 0; j < n; j++ {
			if !deepEq(a.Index(j), b.Index(j), seen) {
				return false
			}
		}
		return true
	case Struct:
		for j := 0; j < int(a.typ.nfields); j++ {
			if !deepEq(a.Field(j), b.Field(j), seen) {
				return false
			}
		}
		return true
	case Interface, Pointer:
		if k == Pointer && a.word() == b.word() {
			return true
		}
		if k == Interface && (a.IsNil() || b.IsNil()) {
			return a.IsNil() && b.IsNil()
		}
		return deepEq(a.Elem(), b.Elem(), seen)
	case Map:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return false
		}
		if a.word() == b.word() {
			return true
		}
		for _, key := range a.MapKeys() {
			ea, eb := a.MapIndex(key), b.MapIndex(key)
			if !ea.IsValid() || !eb.IsValid() || !deepEq(ea, eb, seen) {
				return false
			}
		}
		return true
	case Func:
		// Funcs are deeply equal only when both are nil.
		return a.word() == nil && b.word() == nil
	}
	return scalarEq(a, b)
}

// scalarEq compares two values of one basic kind with ==, which NaN fails; channels and
// unsafe pointers compare as interface values do.
func scalarEq(a, b Value) bool {
	k := a.kind()
	switch {
	case isSigned(k):
		return a.Int() == b.Int()
	case isUnsigned(k):
		return a.Uint() == b.Uint()
	case k == Float32 || k == Float64:
		return a.Float() == b.Float()
	case k == Complex64 || k == Complex128:
		return a.Complex() == b.Complex()
	case k == String:
		return *(*string)(a.ptr) == *(*string)(b.ptr)
	case k == Bool:
		return *(*bool)(a.ptr) == *(*bool)(b.ptr)
	}
	return packEface(a) == packEface(b)
}

// Swapper returns a function that swaps the elements i and j of slice. Slices of length 0
// and 1 and the scratch-copy case check indexes themselves; the typed cases leave it to
// the slice index (reflect/swapper.go).
func Swapper(slice any) func(i, j int) {
	sv := ValueOf(slice)
	if sv.kind() != Slice {
		panic(&ValueError{Method: "Swapper", Kind: sv.kind()})
	}
	hdr := *(*sliceHeader)(sv.ptr)
	outOfRange := msg("slice index out of range")
	if hdr.len == 0 {
		return func(int, int) { panic(outOfRange) }
	}
	if hdr.len == 1 {
		return func(a, b int) {
			if a|b != 0 {
				panic(outOfRange)
			}
		}
	}
	et := sv.typ.elem
	size := et.size
	if et.ptrdata != 0 {
		if size == 8 {
			words := *(*[]unsafe.Pointer)(sv.ptr)
			return func(a, b int) { words[a], words[b] = words[b], words[a] }
		}
		if et.Kind() == String {
			strs := *(*[]string)(sv.ptr)
			return func(a, b int) { strs[a], strs[b] = strs[b], strs[a] }
		}
	} else {
		switch size {
		case 8:
			xs := *(*[]uint64)(sv.ptr)
			return func(a, b int) { xs[a], xs[b] = xs[b], xs[a] }
		case 4:
			xs := *(*[]uint32)(sv.ptr)
			return func(a, b int) { xs[a], xs[b] = xs[b], xs[a] }
		case 2:
			xs := *(*[]uint16)(sv.ptr)
			return func(a, b int) { xs[a], xs[b] = xs[b], xs[a] }
		case 1:
			xs := *(*[]uint8)(sv.ptr)
			return func(a, b int) { xs[a], xs[b] = xs[b], xs[a] }
		}
	}
	scratch := unsafeNew(et)
	return func(a, b int) {
		if uint(a) >= uint(hdr.len) || uint(b) >= uint(hdr.len) {
			panic(outOfRange)
		}
		pa := unsafe.Add(hdr.data, uintptr(a)*size)
		pb := unsafe.Add(hdr.data, uintptr(b)*size)
		memmove(scratch, pa, size)
		memmove(pa, pb, size)
		memmove(pb, scratch, size)
	}
}
