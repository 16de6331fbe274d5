// Package reflect, its types: Type over tbuild's own type descriptors.
//
// A descriptor is the runtime's _type (runtime/pkg/runtime/iface.go; DESIGN.md,
// "Interfaces"), written by the compiler (codegen lower/typedesc.rs). rtype below declares
// the same words in the same order, as Go's reflect declares its rtype to match the
// runtime's _type; the field, method and maptype layouts are mirrored the same way. Kind
// numbers, names and panic messages are Go 1.19's (reflect/type.go).

package reflect

import (
	"strconv"
	"unsafe"
)

// Type is the representation of a Go type. Only *rtype implements it.
type Type interface {
	Align() int
	FieldAlign() int
	Method(int) Method
	MethodByName(string) (Method, bool)
	NumMethod() int
	Name() string
	PkgPath() string
	Size() uintptr
	String() string
	Kind() Kind
	Implements(Type) bool
	AssignableTo(Type) bool
	ConvertibleTo(Type) bool
	Comparable() bool
	Bits() int
	ChanDir() ChanDir
	IsVariadic() bool
	Elem() Type
	Field(int) StructField
	FieldByIndex([]int) StructField
	FieldByName(string) (StructField, bool)
	FieldByNameFunc(func(string) bool) (StructField, bool)
	In(int) Type
	Key() Type
	Len() int
	NumField() int
	NumIn() int
	NumOut() int
	Out(int) Type
	common() *rtype
}

// A Kind is the kind of type a Type represents; the numbers are Go's, and the compiler
// writes them into each descriptor.
type Kind uint

const (
	Invalid Kind = iota
	Bool
	Int
	Int8
	Int16
	Int32
	Int64
	Uint
	Uint8
	Uint16
	Uint32
	Uint64
	Uintptr
	Float32
	Float64
	Complex64
	Complex128
	Array
	Chan
	Func
	Interface
	Map
	Pointer
	Slice
	String
	Struct
	UnsafePointer
)

// Ptr is the old name of Pointer.
const Ptr = Pointer

var kindNames = []string{
	"invalid", "bool", "int", "int8", "int16", "int32", "int64",
	"uint", "uint8", "uint16", "uint32", "uint64", "uintptr",
	"float32", "float64", "complex64", "complex128",
	"array", "chan", "func", "interface", "map", "ptr", "slice", "string", "struct",
	"unsafe.Pointer",
}

// String returns the name of k ("kind7" style past the known kinds).
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind" + strconv.Itoa(int(k))
}

// ChanDir is a channel type's direction; the compiler writes it into the descriptor's len.
type ChanDir int

const (
	RecvDir ChanDir = 1 << iota
	SendDir
	BothDir = RecvDir | SendDir
)

func (d ChanDir) String() string {
	if d == SendDir {
		return "chan<-"
	}
	if d == RecvDir {
		return "<-chan"
	}
	if d == BothDir {
		return "chan"
	}
	return "ChanDir" + strconv.Itoa(int(d))
}

// rtype mirrors runtime._type word for word (iface.go).
type rtype struct {
	size     uintptr
	kind     uintptr
	str      string
	elem     *rtype
	len      uintptr
	fields   unsafe.Pointer
	nfields  uintptr
	methods  unsafe.Pointer
	nmethods uintptr
	named    uintptr
	tflag    uintptr
	equal    func(unsafe.Pointer, unsafe.Pointer) bool
	gosize   uintptr
	linkname string
	ptrdata  uintptr
	gcdata   *byte
	pkgpath  string
	tname    string
	nin      uintptr
	xflags   uintptr
}

// fieldEntry mirrors runtime.structField; a func type's parameters use it too.
type fieldEntry struct {
	name     string
	typ      *rtype
	offset   uintptr
	embedded uintptr
	tag      string
	pkgpath  string
}

// methodEntry mirrors runtime.method.
type methodEntry struct {
	name string
	sig  string
	fn   uintptr
	mtyp *rtype
	mfn  unsafe.Pointer // the method expression's funcval (concrete types)
	// exported is 1 when the name is exported (the compiler's Unicode test).
	exported uintptr
}

// mapType mirrors runtime.maptype (map.go), whose layout the compiler writes (lower/alg.rs
// map_ext) and MapOf makes (typeof.go).
type mapType struct {
	rtype
	key      *rtype
	elem     *rtype
	group    *rtype // a group's layout, for the collector
	hasher   func(unsafe.Pointer, uintptr) uintptr
	keysize  uint8
	elemsize uint8
	elemoff  uint8
	_        uint8
	slotsize uint16
	flags    uint16
}

// rtype.xflags (runtime/iface.go): a func type's last parameter is ...T; an interface
// holds the type's values in its data word itself.
const (
	xflagVariadic    = 1
	xflagDirectIface = 2
)

// directIface reports whether an interface holds values of t in its data word itself (Go's
// kindDirectIface bit): the compiler marks its types, madeType the ones reflect makes.
func (t *rtype) directIface() bool {
	return t.xflags&xflagDirectIface != 0
}

// wantsDirectIface reports whether values of t belong in an interface's data word, as the
// compiler decides for its own types (codegen Types::is_direct_iface): the one-word pointer
// kinds, and a struct or array whose only word is one of them.
func wantsDirectIface(t *rtype) bool {
	switch t.Kind() {
	case Pointer, UnsafePointer, Map, Chan, Func:
		return true
	case Array:
		return t.len == 1 && t.elem.directIface()
	case Struct:
		return t.nfields == 1 && t.field(0).typ.directIface()
	}
	return false
}

func (t *rtype) field(i int) *fieldEntry {
	return (*fieldEntry)(unsafe.Add(t.fields, uintptr(i)*unsafe.Sizeof(fieldEntry{})))
}

func (t *rtype) method(i int) *methodEntry {
	return (*methodEntry)(unsafe.Add(t.methods, uintptr(i)*unsafe.Sizeof(methodEntry{})))
}

func (t *rtype) common() *rtype { return t }

// need panics unless t is of kind k: "reflect: NumIn of non-func type T".
func (t *rtype) need(k Kind, method string) {
	if t.Kind() != k {
		panic("reflect: " + method + " of non-" + k.String() + " type " + t.str)
	}
}

func (t *rtype) String() string { return t.str }

func (t *rtype) Size() uintptr { return t.size }

func (t *rtype) Kind() Kind { return Kind(t.kind) }

func (t *rtype) Name() string { return t.tname }

func (t *rtype) PkgPath() string { return t.pkgpath }

func (t *rtype) Bits() int {
	k := t.Kind()
	if k < Int || k > Complex128 {
		panic("reflect: Bits of non-arithmetic Type " + t.str)
	}
	return int(t.size) * 8
}

// Align returns the alignment of t's values: Go's amd64 rules (types/size.go), computed
// from the descriptor since it does not record it.
func (t *rtype) Align() int {
	switch t.Kind() {
	case Complex64:
		return 4
	case Array:
		return t.elem.Align()
	case Struct:
		a := 1
		for i := 0; i < int(t.nfields); i++ {
			if fa := t.field(i).typ.Align(); fa > a {
				a = fa
			}
		}
		return a
	case Bool, Int, Int8, Int16, Int32, Int64, Uint, Uint8, Uint16, Uint32, Uint64,
		Uintptr, Float32, Float64:
		return int(t.size)
	}
	return 8
}

func (t *rtype) FieldAlign() int { return t.Align() }

func (t *rtype) ChanDir() ChanDir {
	t.need(Chan, "ChanDir")
	return ChanDir(t.len)
}

func (t *rtype) IsVariadic() bool {
	t.need(Func, "IsVariadic")
	return t.xflags&xflagVariadic != 0
}

func (t *rtype) Elem() Type {
	switch t.Kind() {
	case Array, Chan, Map, Pointer, Slice:
		return toType(t.elem)
	}
	panic("reflect: Elem of invalid type " + t.str)
}

func (t *rtype) Key() Type {
	t.need(Map, "Key")
	return toType((*mapType)(unsafe.Pointer(t)).key)
}

func (t *rtype) Len() int {
	t.need(Array, "Len")
	return int(t.len)
}

func (t *rtype) NumField() int {
	t.need(Struct, "NumField")
	return int(t.nfields)
}

func (t *rtype) NumIn() int {
	t.need(Func, "NumIn")
	return int(t.nin)
}

func (t *rtype) NumOut() int {
	t.need(Func, "NumOut")
	return int(t.nfields - t.nin)
}

func (t *rtype) In(i int) Type {
	t.need(Func, "In")
	return toType(t.params()[i].typ)
}

func (t *rtype) Out(i int) Type {
	t.need(Func, "Out")
	return toType(t.results()[i].typ)
}

// params and results are a func type's field entries; indexing them out of range is
// the run-time error Go's In and Out give.
func (t *rtype) params() []fieldEntry {
	if t.nin == 0 {
		return nil
	}
	return unsafe.Slice(t.field(0), int(t.nin))
}

func (t *rtype) results() []fieldEntry {
	if t.nfields == t.nin {
		return nil
	}
	return unsafe.Slice(t.field(int(t.nin)), int(t.nfields-t.nin))
}

// A StructField describes one field of a struct type.
type StructField struct {
	Name      string
	PkgPath   string
	Type      Type
	Tag       StructTag
	Offset    uintptr
	Index     []int
	Anonymous bool
}

// IsExported reports whether the field is exported.
func (f StructField) IsExported() bool {
	return f.PkgPath == ""
}

func (t *rtype) Field(i int) StructField {
	t.need(Struct, "Field")
	if uint(i) >= uint(t.nfields) {
		panic("reflect: Field index out of bounds")
	}
	e := t.field(i)
	return StructField{
		Name:      e.name,
		PkgPath:   e.pkgpath,
		Type:      toType(e.typ),
		Tag:       StructTag(e.tag),
		Offset:    e.offset,
		Index:     []int{i},
		Anonymous: e.embedded != 0,
	}
}

func (t *rtype) FieldByIndex(index []int) StructField {
	var f StructField
	var cur Type = t
	for depth, i := range index {
		if depth > 0 {
			if cur.Kind() == Pointer && cur.Elem().Kind() == Struct {
				cur = cur.Elem()
			}
		}
		f = cur.Field(i)
		cur = f.Type
	}
	if len(index) > 1 {
		f.Index = append([]int(nil), index...)
	}
	return f
}

// FieldByName finds the field called name: breadth first through embedded structs, one
// depth at a time; two matches at the shallowest depth are no match (the spec's selector
// rule, reflect/type.go FieldByName).
func (t *rtype) FieldByName(name string) (StructField, bool) {
	t.need(Struct, "FieldByName")
	// A field of t itself is found first (the only names t can hold twice are blank).
	for i := 0; i < int(t.nfields); i++ {
		if t.field(i).name == name {
			return t.Field(i), true
		}
	}
	return t.fieldMatching(func(s string) bool { return s == name })
}

// FieldByNameFunc finds the field whose name satisfies match, by FieldByName's rule.
func (t *rtype) FieldByNameFunc(match func(string) bool) (StructField, bool) {
	t.need(Struct, "FieldByNameFunc")
	return t.fieldMatching(match)
}

// fieldMatching searches t's fields and those promoted from embedded structs, one depth
// at a time, for a name match accepts: the shallowest depth with a match decides, and two
// matches there (or one inside a struct embedded twice at that depth) are no match. A
// struct type already searched at a shallower depth is not searched again.
func (t *rtype) fieldMatching(match func(string) bool) (StructField, bool) {
	type candidate struct {
		t     *rtype
		index []int
	}
	level := []candidate{{t, nil}}
	seen := map[*rtype]bool{}
	for len(level) > 0 {
		times := map[*rtype]int{}
		for _, c := range level {
			times[c.t]++
		}
		var next []candidate
		var found StructField
		count := 0
		for _, c := range level {
			if seen[c.t] {
				continue
			}
			seen[c.t] = true
			for i := 0; i < int(c.t.nfields); i++ {
				e := c.t.field(i)
				idx := append(append([]int(nil), c.index...), i)
				if match(e.name) {
					count += times[c.t]
					if count == 1 {
						found = c.t.Field(i)
						found.Index = idx
					}
					continue
				}
				if e.embedded != 0 {
					ft := e.typ
					if ft.Kind() == Pointer {
						ft = ft.elem
					}
					if ft.Kind() == Struct {
						next = append(next, candidate{ft, idx})
					}
				}
			}
		}
		if count == 1 {
			return found, true
		}
		if count > 1 {
			return StructField{}, false
		}
		level = next
	}
	return StructField{}, false
}

// VisibleFields returns the fields of struct type t that FieldByName can reach, its own
// and those promoted from embedded structs, unexported ones too, in declaration order with
// each embedded field followed by the fields it promotes.
func VisibleFields(t Type) []StructField {
	if t == nil {
		panic(msg("VisibleFields(nil)"))
	}
	if t.Kind() != Struct {
		panic(msgFor("VisibleFields", " of non-struct type"))
	}
	root := t.common()
	var out []StructField
	onPath := map[*rtype]bool{}
	var walk func(st *rtype, prefix []int)
	walk = func(st *rtype, prefix []int) {
		if onPath[st] {
			return
		}
		onPath[st] = true
		for i := 0; i < int(st.nfields); i++ {
			f := st.Field(i)
			f.Index = append(append([]int(nil), prefix...), i)
			// Visible: the field FieldByName finds under this name is this one.
			name := f.Name
			got, ok := root.fieldMatching(func(s string) bool { return s == name })
			if ok && sameIndex(got.Index, f.Index) {
				out = append(out, f)
			}
			if f.Anonymous {
				et := st.field(i).typ
				if et.Kind() == Pointer {
					et = et.elem
				}
				if et.Kind() == Struct {
					walk(et, f.Index)
				}
			}
		}
		delete(onPath, st)
	}
	walk(root, nil)
	return out
}

func sameIndex(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Method is a method of a type's method set; for a concrete type, Func is the method
// expression T.M (the receiver first), which the compiler writes into the descriptor.
type Method struct {
	Name    string
	PkgPath string
	Type    Type
	Func    Value
	Index   int
}

// IsExported reports whether the method is exported.
func (m Method) IsExported() bool {
	return m.PkgPath == ""
}

// exportedMethods lists the indexes in t's method table that reflect shows: every method
// of an interface, the exported ones of another type.
func (t *rtype) exportedMethods() []int {
	var out []int
	for i := 0; i < int(t.nmethods); i++ {
		if t.Kind() == Interface || t.method(i).exported != 0 {
			out = append(out, i)
		}
	}
	return out
}

func (t *rtype) NumMethod() int {
	return len(t.exportedMethods())
}

func (t *rtype) Method(i int) Method {
	ms := t.exportedMethods()
	if uint(i) >= uint(len(ms)) {
		panic("reflect: Method index out of range")
	}
	e := t.method(ms[i])
	m := Method{Name: e.name, Index: i}
	if e.mtyp != nil {
		m.Type = toType(e.mtyp)
	}
	if e.mfn != nil {
		w := new(unsafe.Pointer)
		*w = e.mfn
		m.Func = Value{e.mtyp, unsafe.Pointer(w), flagIndir}
	}
	if e.exported == 0 {
		m.PkgPath = t.pkgpath
	}
	return m
}

func (t *rtype) MethodByName(name string) (Method, bool) {
	ms := t.exportedMethods()
	for i, j := range ms {
		if t.method(j).name == name {
			return t.Method(i), true
		}
	}
	return Method{}, false
}

// toType converts a descriptor to a Type; nil stays a nil interface.
func toType(t *rtype) Type {
	if t == nil {
		return nil
	}
	return t
}

// TypeOf returns the dynamic type of i (nil for a nil interface).
func TypeOf(i any) Type {
	t, _ := efaceWords(i)
	return toType(t)
}

func (t *rtype) Comparable() bool {
	switch t.Kind() {
	case Func, Map, Slice:
		return false
	case Array:
		return t.elem.Comparable()
	case Struct:
		for i := 0; i < int(t.nfields); i++ {
			if !t.field(i).typ.Comparable() {
				return false
			}
		}
	}
	return true
}

func (t *rtype) Implements(u Type) bool {
	if u == nil {
		panic("reflect: nil type passed to Type.Implements")
	}
	if u.Kind() != Interface {
		panic("reflect: non-interface type passed to Type.Implements")
	}
	return implements(u.common(), t)
}

// implements reports whether T's method set (or interface T's methods) holds every
// method of interface V, by name and signature; both tables are sorted by name.
func implements(v, t *rtype) bool {
	if v.Kind() != Interface {
		return false
	}
	j := 0
	for i := 0; i < int(v.nmethods); i++ {
		vm := v.method(i)
		for j < int(t.nmethods) && t.method(j).name < vm.name {
			j++
		}
		if j >= int(t.nmethods) {
			return false
		}
		tm := t.method(j)
		if tm.name != vm.name || tm.sig != vm.sig {
			return false
		}
		if vm.exported == 0 && t.pkgpath != v.pkgpath && t.Kind() != Interface {
			return false
		}
	}
	return true
}

func (t *rtype) AssignableTo(u Type) bool {
	if u == nil {
		panic("reflect: nil type passed to Type.AssignableTo")
	}
	uu := u.common()
	return directlyAssignable(uu, t) || implements(uu, t)
}

// directlyAssignable: identical types, or the same underlying type where one of them is
// not named (and a bidirectional channel to a directed one), Go spec "Assignability".
func directlyAssignable(T, V *rtype) bool {
	if T == V {
		return true
	}
	if T.tname != "" && V.tname != "" || T.Kind() != V.Kind() {
		return false
	}
	if T.Kind() == Chan && V.len == uintptr(BothDir) && T.elem == V.elem {
		return true
	}
	return sameUnderlying(T, V)
}

// sameUnderlying reports whether T and V have identical underlying types.
func sameUnderlying(T, V *rtype) bool {
	if T == V {
		return true
	}
	k := T.Kind()
	if k != V.Kind() {
		return false
	}
	if Bool <= k && k <= Complex128 || k == String || k == UnsafePointer {
		return true
	}
	switch k {
	case Array:
		return T.len == V.len && T.elem == V.elem
	case Chan:
		return T.len == V.len && T.elem == V.elem
	case Pointer, Slice:
		return T.elem == V.elem
	case Map:
		return T.elem == V.elem && (*mapType)(unsafe.Pointer(T)).key == (*mapType)(unsafe.Pointer(V)).key
	case Func:
		if T.nin != V.nin || T.nfields != V.nfields || T.xflags != V.xflags {
			return false
		}
		for i := 0; i < int(T.nfields); i++ {
			if T.field(i).typ != V.field(i).typ {
				return false
			}
		}
		return true
	case Interface:
		if T.nmethods != V.nmethods {
			return false
		}
		for i := 0; i < int(T.nmethods); i++ {
			if T.method(i).name != V.method(i).name || T.method(i).sig != V.method(i).sig {
				return false
			}
		}
		return true
	case Struct:
		if T.nfields != V.nfields {
			return false
		}
		for i := 0; i < int(T.nfields); i++ {
			a, b := T.field(i), V.field(i)
			if a.name != b.name || a.typ != b.typ || a.tag != b.tag || a.offset != b.offset ||
				a.embedded != b.embedded || a.pkgpath != b.pkgpath {
				return false
			}
		}
		return true
	}
	return false
}

func (t *rtype) ConvertibleTo(u Type) bool {
	if u == nil {
		panic("reflect: nil type passed to Type.ConvertibleTo")
	}
	return convertible(t, u.common())
}

// convertible reports whether a value of type src converts to dst (Go spec,
// "Conversions"), for the conversions Value.Convert performs.
func convertible(src, dst *rtype) bool {
	sk, dk := src.Kind(), dst.Kind()
	if isNumeric(sk) && isNumeric(dk) {
		return isComplex(sk) == isComplex(dk)
	}
	if dk == String && (isInteger(sk) || sk == Slice && isByteOrRune(src.elem)) {
		return true
	}
	if sk == String && dk == Slice && isByteOrRune(dst.elem) {
		return true
	}
	if directlyAssignable(dst, src) || sameUnderlying(dst, src) {
		return true
	}
	if dk == Pointer && sk == Pointer && dst.tname == "" && src.tname == "" &&
		sameUnderlying(dst.elem, src.elem) {
		return true
	}
	if dk == Interface && implements(dst, src) {
		return true
	}
	if sk == Slice && dk == Pointer && dst.elem.Kind() == Array && dst.elem.elem == src.elem {
		return true
	}
	return false
}

// isByteOrRune: the element of a slice a string converts to and from (a byte or rune kind
// declared in no package, reflect/value.go convertOp).
func isByteOrRune(t *rtype) bool {
	return t.pkgpath == "" && (t.Kind() == Uint8 || t.Kind() == Int32)
}

func isInteger(k Kind) bool { return Int <= k && k <= Uintptr }

func isNumeric(k Kind) bool { return Int <= k && k <= Complex128 }

func isComplex(k Kind) bool { return k == Complex64 || k == Complex128 }

// A StructTag is a field's tag string; by convention key:"value" pairs separated by
// spaces.
type StructTag string

// Get returns the value for key in tag, or "".
func (tag StructTag) Get(key string) string {
	v, _ := tag.Lookup(key)
	return v
}

// Lookup returns the value for key in tag and whether it is there: the convention's
// grammar (reflect/type.go StructTag.Lookup): key is non-control, non-space, non-quote,
// non-colon characters, then a colon, then a Go double-quoted string.
func (tag StructTag) Lookup(key string) (string, bool) {
	for tag != "" {
		i := 0
		for i < len(tag) && tag[i] == ' ' {
			i++
		}
		tag = tag[i:]
		if tag == "" {
			break
		}
		i = 0
		for i < len(tag) && tag[i] > ' ' && tag[i] != ':' && tag[i] != '"' && tag[i] != 0x7f {
			i++
		}
		if i == 0 || i+1 >= len(tag) || tag[i] != ':' || tag[i+1] != '"' {
			break
		}
		name := string(tag[:i])
		tag = tag[i+1:]
		// The quoted value: up to the first unescaped quote.
		i = 1
		for i < len(tag) && tag[i] != '"' {
			if tag[i] == '\\' {
				i++
			}
			i++
		}
		if i >= len(tag) {
			break
		}
		quoted := string(tag[:i+1])
		tag = tag[i+1:]
		if key == name {
			v, err := strconv.Unquote(quoted)
			if err != nil {
				break
			}
			return v, true
		}
	}
	return "", false
}
