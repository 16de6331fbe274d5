// Types made at run time: ArrayOf, StructOf, MapOf, ChanOf and FuncOf. Each returns the program's own descriptor
// of the type when the program has one (the compiler emits one per type and the linker lists
// them in .typelink), so that a value of the type converts to and from interfaces as the
// compiled code's values do; otherwise it makes a descriptor once and keeps it, as ptrTo and
// sliceOf do, so that each type has one descriptor and == on descriptors is type identity.
//
// A made descriptor carries what the compiler would have written (runtime/iface.go _type):
// size, kind, strings, element or fields, an equal function when the type is comparable,
// and ptrdata and gcdata (the pointer mask a collector scans by, lower/gcmask.rs); a map
// type also the runtime's map fields (runtime/map.go maptype). Go: reflect/type.go ArrayOf,
// StructOf, MapOf, ChanOf and FuncOf, whose rules and panic messages these follow.

package reflect

import (
	"strconv"
	"unsafe"
)

const (
	ptrSize = unsafe.Sizeof(uintptr(0))
	// The descriptor's tflag bits (runtime/alg.go): a type whose == and hash may treat a
	// value as its bytes, and a descriptor made here, whose values compare by its equal.
	tflagRegularMemory = 1 << 3
	tflagMade          = 1 << 7
)

// Go 1.19's descriptor sizes of an array type (_type, then elem, slice and len words) and of
// an unnamed struct type (_type, then pkgPath and the fields slice): gosize, by which fmt
// orders interface map keys of different types as Go's linker orders descriptors.
const (
	goArrayTypeSize  = 72
	goStructTypeSize = 80
	goMapTypeSize    = 88
)

// ArrayOf returns the array type with the given length and element type: ArrayOf(5, T) is
// [5]T.
func ArrayOf(length int, elem Type) Type {
	typ := elem.common()
	if length < 0 {
		panic("reflect: negative length passed to ArrayOf")
	}
	if typ.size > 0 && uintptr(length) > ^uintptr(0)/typ.size {
		panic("reflect.ArrayOf: array size would exceed virtual address space")
	}
	n := uintptr(length)
	a := &rtype{
		size:     n * typ.size,
		kind:     uintptr(Array),
		str:      "[" + strconv.Itoa(length) + "]" + typ.str,
		elem:     typ,
		len:      n,
		tflag:    typ.tflag&tflagRegularMemory | tflagMade,
		gosize:   goArrayTypeSize,
		linkname: "[" + strconv.Itoa(length) + "]" + typ.linkname,
	}
	if typ.ptrdata != 0 && n > 0 {
		a.ptrdata = (n-1)*typ.size + typ.ptrdata
		mask := newMask(a.ptrdata)
		for i := uintptr(0); i < n; i++ {
			orMask(mask, i*typ.size, typ)
		}
		a.gcdata = &mask[0]
	}
	if typ.equal != nil {
		// Element by element, in order, as Go's reflect compares a made array.
		eq, esize := typ.equal, typ.size
		a.equal = func(p, q unsafe.Pointer) bool {
			for i := uintptr(0); i < n; i++ {
				if !eq(unsafe.Add(p, i*esize), unsafe.Add(q, i*esize)) {
					return false
				}
			}
			return true
		}
	}
	return madeType(a)
}

// StructOf returns the struct type with the given fields, laid out as the compiler lays out
// a struct (each field at its alignment, a trailing zero-size field padded by a byte). The
// fields' Offset and Index are ignored. Embedded fields whose type has methods are not
// supported: their methods would have to be promoted to the new type.
func StructOf(fields []StructField) Type {
	var (
		entries = make([]fieldEntry, len(fields))
		size    uintptr
		align   = uintptr(1)
		names   = map[string]bool{}
		str     = "struct {"
		link    = "struct {"
		eqs     = true
		// Plain memory throughout (the compiler's Alg::Mem): no padding, no blank field.
		regular = true
	)
	for i, f := range fields {
		if f.Name == "" {
			panic("reflect.StructOf: field " + strconv.Itoa(i) + " has no name")
		}
		if !isValidFieldName(f.Name) {
			panic("reflect.StructOf: field " + strconv.Itoa(i) + " has invalid name")
		}
		if f.Type == nil {
			panic("reflect.StructOf: field " + strconv.Itoa(i) + " has no type")
		}
		ft := f.Type.common()
		if f.Anonymous && f.PkgPath != "" {
			panic("reflect.StructOf: field \"" + f.Name + "\" is anonymous but has PkgPath set")
		}
		if c := f.Name[0]; f.PkgPath == "" && ('a' <= c && c <= 'z' || c == '_') {
			panic("reflect.StructOf: field \"" + f.Name + "\" is unexported but missing PkgPath")
		}
		if f.Anonymous && ft.NumMethod() > 0 {
			panic("reflect.StructOf: embedded field " + f.Name + " of a type with methods is not supported yet")
		}
		if names[f.Name] && f.Name != "_" {
			panic("reflect.StructOf: duplicate field " + f.Name)
		}
		names[f.Name] = true
		fa := uintptr(ft.Align())
		if fa > align {
			align = fa
		}
		if f.Name == "_" || ft.tflag&tflagRegularMemory == 0 || size&(fa-1) != 0 {
			regular = false
		}
		size = (size + fa - 1) &^ (fa - 1)
		entries[i] = fieldEntry{name: f.Name, typ: ft, offset: size, tag: string(f.Tag), pkgpath: f.PkgPath}
		if f.Anonymous {
			entries[i].embedded = 1
		}
		size += ft.size
		if !ft.Comparable() {
			eqs = false
		}
		sep := " "
		if i > 0 {
			sep = "; "
		}
		str += sep + fieldString(f.Name, f.Anonymous, ft.str, string(f.Tag))
		link += sep + fieldString(f.Name, f.Anonymous, ft.linkname, string(f.Tag))
	}
	if len(fields) > 0 && size > 0 && entries[len(entries)-1].typ.size == 0 {
		size++ // a pointer to the last field must not point past the struct
		regular = false
	}
	if size&(align-1) != 0 {
		regular = false
	}
	size = (size + align - 1) &^ (align - 1)
	if len(fields) > 0 {
		str += " "
		link += " "
	}
	s := &rtype{
		size:     size,
		kind:     uintptr(Struct),
		str:      str + "}",
		tflag:    tflagMade,
		nfields:  uintptr(len(fields)),
		gosize:   goStructTypeSize,
		linkname: link + "}",
	}
	if len(entries) > 0 {
		s.fields = unsafe.Pointer(&entries[0])
	}
	if regular {
		s.tflag |= tflagRegularMemory
	}
	for _, e := range entries {
		if e.typ.ptrdata != 0 {
			s.ptrdata = e.offset + e.typ.ptrdata
		}
	}
	if s.ptrdata != 0 {
		mask := newMask(s.ptrdata)
		for _, e := range entries {
			if e.typ.ptrdata != 0 {
				orMask(mask, e.offset, e.typ)
			}
		}
		s.gcdata = &mask[0]
	}
	if eqs {
		// Field by field in order, blank fields included: Go 1.19's reflect compares a made
		// struct so (the spec and compiled code skip blank fields; Go is the oracle here).
		s.equal = func(p, q unsafe.Pointer) bool {
			for _, e := range entries {
				if !e.typ.equal(unsafe.Add(p, e.offset), unsafe.Add(q, e.offset)) {
					return false
				}
			}
			return true
		}
	}
	return madeType(s)
}

// fieldString is a field as a struct type's string spells it: `Name T "tag"`, or the type
// alone for an embedded field.
func fieldString(name string, embedded bool, typ, tag string) string {
	s := typ
	if !embedded {
		s = name + " " + typ
	}
	if tag != "" {
		s += " " + strconv.Quote(tag)
	}
	return s
}

// isValidFieldName reports whether name is an identifier: a letter or '_', then letters,
// digits and '_'. Bytes past ASCII count as letters: package reflect does not carry
// unicode's tables, which Go's consults here.
func isValidFieldName(name string) bool {
	for i := 0; i < len(name); i++ {
		c := name[i]
		letter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c >= 0x80
		if !letter && !(i > 0 && '0' <= c && c <= '9') {
			return false
		}
	}
	return len(name) > 0
}

// newMask is a zeroed pointer mask for ptrdata bytes: a bit per word.
func newMask(ptrdata uintptr) []byte {
	return make([]byte, (ptrdata/ptrSize+7)/8)
}

// orMask sets in mask the pointer words of a value of type t at offset off.
func orMask(mask []byte, off uintptr, t *rtype) {
	src := unsafe.Slice(t.gcdata, (t.ptrdata/ptrSize+7)/8)
	for w := uintptr(0); w < t.ptrdata/ptrSize; w++ {
		if src[w/8]&(1<<(w%8)) != 0 {
			d := off/ptrSize + w
			mask[d/8] |= 1 << (d % 8)
		}
	}
}

// MapOf returns the map type with the given key and element types: MapOf(K, V) is map[K]V.
func MapOf(key, elem Type) Type {
	ktyp, etyp := key.common(), elem.common()
	if !ktyp.Comparable() {
		panic("reflect.MapOf: invalid key type " + ktyp.String())
	}
	mt := &mapType{
		rtype: rtype{
			size:     ptrSize,
			kind:     uintptr(Map),
			str:      "map[" + ktyp.str + "]" + etyp.str,
			elem:     etyp,
			gosize:   goMapTypeSize,
			linkname: "map[" + ktyp.linkname + "]" + etyp.linkname,
			ptrdata:  ptrSize,
			gcdata:   &onePointer[0],
		},
		key:  ktyp,
		elem: etyp,
		// As the compiler's hash function for ktyp hashes (runtime/alg.go), so that a map
		// made here and a compiled map[K]V agree on where each key is.
		hasher: func(p unsafe.Pointer, seed uintptr) uintptr { return keyhash(ktyp, p, seed) },
	}
	// The slot: struct{ key K; elem V }, a key or element over maxInline bytes through a
	// pointer (the compiler's map_ext and group_type).
	kt, vt := ktyp, etyp
	if ktyp.size > maxInline {
		kt = ptrTo(ktyp)
		mt.flags |= mapIndirectKey
	}
	if etyp.size > maxInline {
		vt = ptrTo(etyp)
		mt.flags |= mapIndirectElem
	}
	slot := StructOf([]StructField{{Name: "Key", Type: kt}, {Name: "Elem", Type: vt}}).common()
	mt.keysize = uint8(kt.size)
	mt.elemsize = uint8(vt.size)
	mt.elemoff = uint8(slot.field(1).offset)
	mt.slotsize = uint16(slot.size)
	if slot.size == 0 {
		mt.slotsize = 1
	}
	if !keyHas(ktyp, Float32, Float64, Complex64, Complex128) {
		mt.flags |= mapReflexiveKey
	}
	if keyHas(ktyp, Float32, Float64, Complex64, Complex128, String) {
		mt.flags |= mapNeedKeyUpdate
	}
	if keyHas(ktyp) {
		mt.flags |= mapHashMightPanic
	}
	if slot.ptrdata == 0 {
		mt.flags |= mapGroupNoPtrs
	}
	// A group: the control word, then 8 slots.
	group := &rtype{
		size:     8 + 8*uintptr(mt.slotsize),
		kind:     uintptr(Struct),
		str:      "map.group[" + ktyp.str + "]" + etyp.str,
		gosize:   goStructTypeSize,
		linkname: "map.group[" + ktyp.linkname + "]" + etyp.linkname,
	}
	if slot.ptrdata != 0 {
		group.ptrdata = 8 + 7*uintptr(mt.slotsize) + slot.ptrdata
		mask := newMask(group.ptrdata)
		for i := uintptr(0); i < 8; i++ {
			orMask(mask, 8+i*uintptr(mt.slotsize), slot)
		}
		group.gcdata = &mask[0]
	}
	mt.group = group
	return madeType(&mt.rtype)
}

// The runtime's maptype.flags (runtime/map.go) and the largest key or element a slot holds
// in place (lower/alg.rs MAX_INLINE).
const (
	mapIndirectKey    = 1
	mapIndirectElem   = 2
	mapReflexiveKey   = 4
	mapNeedKeyUpdate  = 8
	mapHashMightPanic = 16
	mapGroupNoPtrs    = 32
	maxInline         = 128
)

// onePointer is the mask of a value of one pointer word.
var onePointer = [1]byte{1}

// keyHas reports whether key type t holds (itself, or in an array element or struct
// field) an interface or a value of one of the kinds: the compiler's key_has, from which
// the map's flags follow.
func keyHas(t *rtype, kinds ...Kind) bool {
	switch t.Kind() {
	case Interface:
		return true
	case Array:
		return keyHas(t.elem, kinds...)
	case Struct:
		for i := 0; i < int(t.nfields); i++ {
			if keyHas(t.field(i).typ, kinds...) {
				return true
			}
		}
		return false
	}
	for _, k := range kinds {
		if t.Kind() == k {
			return true
		}
	}
	return false
}

//go:linkname keyhash runtime.reflect_keyhash
func keyhash(t *rtype, p unsafe.Pointer, seed uintptr) uintptr

// ChanOf returns the channel type with the given direction and element type: ChanOf(RecvDir,
// T) is <-chan T.
func ChanOf(dir ChanDir, t Type) Type {
	typ := t.common()
	if typ.size >= 1<<16 {
		panic("reflect.ChanOf: element size too large")
	}
	var prefix string
	switch dir {
	case SendDir:
		prefix = "chan<- "
	case RecvDir:
		prefix = "<-chan "
	case BothDir:
		prefix = "chan "
	default:
		panic("reflect.ChanOf: invalid dir")
	}
	str, link := prefix+typ.str, prefix+typ.linkname
	if dir == BothDir && typ.Kind() == Chan && ChanDir(typ.len) == RecvDir {
		// chan <-chan T would read as chan<- (chan T): Go spells it chan (<-chan T).
		str, link = "chan ("+typ.str+")", "chan ("+typ.linkname+")"
	}
	c := new(rtype)
	*c = *TypeOf((chan int)(nil)).common() // one word, compared as a pointer
	c.str, c.linkname = str, link
	c.elem, c.len = typ, uintptr(dir)
	return madeType(c)
}

// FuncOf returns the function type with the given parameter and result types: FuncOf([]Type{
// int}, []Type{string}, false) is func(int) string. With variadic, the last parameter must
// be a slice, and is spelled ...T.
func FuncOf(in, out []Type, variadic bool) Type {
	if variadic && (len(in) == 0 || in[len(in)-1].Kind() != Slice) {
		panic("reflect.FuncOf: last arg of variadic func must be slice")
	}
	entries := make([]fieldEntry, len(in)+len(out))
	str, link := "func(", "func("
	for i, t := range in {
		typ := t.common()
		entries[i].typ = typ
		if i > 0 {
			str += ", "
			link += ", "
		}
		if variadic && i == len(in)-1 {
			str += "..." + typ.elem.str
			link += "..." + typ.elem.linkname
		} else {
			str += typ.str
			link += typ.linkname
		}
	}
	str += ")"
	link += ")"
	for i, t := range out {
		typ := t.common()
		entries[len(in)+i].typ = typ
		sep := ", "
		if i == 0 {
			sep = " "
			if len(out) > 1 {
				sep = " ("
			}
		}
		str += sep + typ.str
		link += sep + typ.linkname
	}
	if len(out) > 1 {
		str += ")"
		link += ")"
	}
	f := new(rtype)
	*f = *TypeOf((func())(nil)).common() // one word, without ==
	f.str, f.linkname = str, link
	f.fields, f.nfields, f.nin = nil, uintptr(len(entries)), uintptr(len(in))
	if len(entries) > 0 {
		f.fields = unsafe.Pointer(&entries[0])
	}
	f.xflags = 0
	if variadic {
		f.xflags = xflagVariadic
	}
	return madeType(f)
}

// madeType returns the descriptor of t's type: the program's own or one made before when
// there is one (an unnamed type of the same structure), else t, kept for next time.
func madeType(t *rtype) *rtype {
	if wantsDirectIface(t) {
		t.xflags |= xflagDirectIface
	}
	ptrMu.Lock()
	defer ptrMu.Unlock()
	for _, d := range typelinks() {
		if d.tname == "" && sameUnderlying(d, t) {
			return d
		}
	}
	for _, d := range madeTypes {
		if sameUnderlying(d, t) {
			return d
		}
	}
	madeTypes = append(madeTypes, t)
	return t
}

// madeTypes are the descriptors ArrayOf and StructOf made (ptrMu guards it).
var madeTypes []*rtype
