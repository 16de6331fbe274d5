// Type descriptor accessors for package fmt.
//
// Go's fmt reads values through package reflect, which tbuild does not have; tbuild's fmt
// reads them through these functions instead, reached with //go:linkname (fmt/value.go), so
// that the descriptor layout (_type, structField, method and itab in iface.go) is known in
// one place. fmt declares each with unsafe.Pointer in place of *_type: the same word.

package runtime

import "unsafe"

// fmt_typeKind returns t's kind in Go's reflect.Kind numbering.
func fmt_typeKind(t *_type) int {
	return int(t.kind)
}

// fmt_typeDirectIface reports whether an interface holds values of t in its data word
// itself (isDirectIface).
func fmt_typeDirectIface(t *_type) bool {
	return isDirectIface(t)
}

// fmt_typeString returns t's string as reflect.Type.String returns it (`main.T`, `[]int`).
func fmt_typeString(t *_type) string {
	return t.name
}

// fmt_typeSize returns the size of t's values in bytes.
func fmt_typeSize(t *_type) uintptr {
	return t.size
}

// fmt_typeElem returns the element type of a pointer, slice or array type.
func fmt_typeElem(t *_type) *_type {
	return t.elem
}

// fmt_typeLen returns the length of an array type.
func fmt_typeLen(t *_type) int {
	return int(t.len)
}

// fmt_typeNumField returns the number of fields of a struct type.
func fmt_typeNumField(t *_type) int {
	return int(t.nfields)
}

// fmt_typeField returns struct field i: its name (the type's name for an embedded field),
// type, offset and whether it is embedded.
func fmt_typeField(t *_type, i int) (string, *_type, uintptr, bool) {
	f := fieldAt(t, uintptr(i))
	return f.name, f.typ, f.offset, f.embedded != 0
}

// fmt_typeNumMethod returns the number of methods of t: its method set, or for an interface
// type the interface's methods (a non-empty interface value holds an itab, not a type).
func fmt_typeNumMethod(t *_type) int {
	return int(t.nmethods)
}

// fmt_typeHasMethod reports whether t's method set has a method name with signature sig
// (as `() string`).
func fmt_typeHasMethod(t *_type, name string, sig string) bool {
	if t.kind == kindInterface {
		return false
	}
	for i := uintptr(0); i < t.nmethods; i++ {
		m := methodAt(t, i)
		if m.name == name && m.sig == sig {
			return true
		}
	}
	return false
}

// fmt_itabType returns the dynamic type recorded in an itab.
func fmt_itabType(tab *itab) *_type {
	return tab.typ
}

// fmt_efaceWords returns its two words unchanged. An `any` travels as its two words (type,
// data), so fmt declares it both as func(any) (unsafe.Pointer, unsafe.Pointer), to read an
// interface value without taking its address, and as func(unsafe.Pointer, unsafe.Pointer)
// any, to make one.
func fmt_efaceWords(t *_type, data unsafe.Pointer) (*_type, unsafe.Pointer) {
	return t, data
}

// Accessors for package errors, which Go's errors reaches through internal/reflectlite.

// errors_comparable reports whether values of type t can be compared with == without a
// run-time panic (Go spec, "Comparison operators"): not slices, maps or functions, nor
// structs or arrays holding them. Go: reflectlite's Type.Comparable.
func errors_comparable(t *_type) bool {
	switch t.kind {
	case kindSlice, kindFunc, 21:
		return false
	case kindArray:
		return errors_comparable(t.elem)
	case kindStruct:
		for i := uintptr(0); i < t.nfields; i++ {
			if !errors_comparable(fieldAt(t, i).typ) {
				return false
			}
		}
	}
	return true
}

// errors_implementsError reports whether t's method set has error's Error() string.
func errors_implementsError(t *_type) bool {
	return fmt_typeHasMethod(t, "Error", "() string")
}

// errors_assign stores the interface value (typ, data) in *dst, a variable of type want, if
// the value is assignable to it: want is an interface that typ implements, or typ itself.
// It reports whether it stored. Go: errors.As's reflectlite ValueOf(target).Elem().Set.
func errors_assign(want *_type, dst unsafe.Pointer, typ *_type, data unsafe.Pointer) bool {
	if want.kind == kindInterface {
		word := unsafe.Pointer(typ)
		if want.nmethods > 0 {
			tab := getitab(want, typ, true)
			if tab == nil {
				return false
			}
			word = unsafe.Pointer(tab)
		}
		*(*unsafe.Pointer)(dst) = word
		*(*unsafe.Pointer)(unsafe.Add(dst, 8)) = data
		return true
	}
	if want != typ {
		return false
	}
	// The data word holds a pointer-shaped value itself and points to any other value.
	if isDirectIface(typ) {
		*(*unsafe.Pointer)(dst) = data
	} else {
		memmove(dst, data, typ.size)
	}
	return true
}

// fmt_typeKey returns the key type of a map type.
func fmt_typeKey(t *_type) *_type {
	return (*maptype)(unsafe.Pointer(t)).key
}

// fmt_typeBefore orders type descriptors as Go's linker places them in memory, by the size
// and then the symbol name of Go's own descriptor (iface.go _type): fmt sorts interface map
// keys of different dynamic types by descriptor address, as Go's internal/fmtsort does.
func fmt_typeBefore(a, b *_type) int {
	if a.gosize != b.gosize {
		if a.gosize < b.gosize {
			return -1
		}
		return 1
	}
	if a.linkname < b.linkname {
		return -1
	}
	if a.linkname > b.linkname {
		return 1
	}
	return 0
}

// fmt_mapEntries copies the n entries of map m (of map type t) into new arrays of keys and
// of elements, so that fmt can sort and print them whatever a String method called on the
// way does to the map.
func fmt_mapEntries(t *_type, m unsafe.Pointer) (keys unsafe.Pointer, elems unsafe.Pointer, n int) {
	mt := (*maptype)(unsafe.Pointer(t))
	h := (*hmap)(m)
	if h == nil || h.count == 0 {
		return nil, nil, 0
	}
	ks, es := mt.key.size, mt.elem.size
	keys = mallocgc(uintptr(h.count)*ks, unsafe.Pointer(mt.key), true)
	elems = mallocgc(uintptr(h.count)*es, unsafe.Pointer(mt.elem), true)
	var it hiter
	for mapiterinit(mt, h, &it); it.key != nil && n < h.count; mapiternext(&it) {
		memmove(unsafe.Add(keys, uintptr(n)*ks), it.key, ks)
		memmove(unsafe.Add(elems, uintptr(n)*es), it.elem, es)
		n++
	}
	return keys, elems, n
}

// reflect_typelinks returns the descriptors listed in .typelink (the program's unnamed
// pointer, array, chan, func, map, slice and struct types), for package reflect, which
// finds the descriptor of *T or []T among them as Go's reflect does (reflect/type.go
// typesByString over moduledata.typelinks).
func reflect_typelinks() []*_type {
	md := &firstmoduledata
	out := make([]*_type, len(md.typelinks))
	for i, off := range md.typelinks {
		out[i] = (*_type)(unsafe.Pointer(md.types + uintptr(off)))
	}
	return out
}

// flag_zeroData returns the data word of the zero value package flag compares a default
// with (Go's flag builds it with reflect): for a pointer type *E a pointer to a new zero E
// (reflect.New), for any other type a pointer to a new zero value of it (reflect.Zero's
// copy); the word of a type held in the data word itself (isDirectIface) is the zero
// value itself, nil.
func flag_zeroData(t *_type) unsafe.Pointer {
	if t.kind == kindPtr {
		return mallocgc(t.elem.size, unsafe.Pointer(t.elem), true)
	}
	if isDirectIface(t) {
		return nil
	}
	return mallocgc(t.size, unsafe.Pointer(t), true)
}
