// Package reflect, its values: Value, reading and setting values through descriptors.
//
// A Value is a type, a pointer and flags. Pointer-shaped values (pointers and
// unsafe.Pointer, which an interface holds in its data word) may hold the pointer itself in
// ptr; every other value is addressed through ptr (flagIndir). The flags record whether
// the value is addressable and whether it was reached through an unexported field, which
// make CanSet and CanInterface what Go's say (reflect/value.go). Panic messages are Go
// 1.19's.

package reflect

import (
	"errors"
	"strconv"
	"sync"
	"unsafe"
)

// Runtime entry points, reached as fmt reaches the runtime (fmt/value.go): each declared
// with unsafe.Pointer for the runtime's typed pointers, the same words.

//go:linkname efaceWords runtime.fmt_efaceWords
func efaceWords(a any) (*rtype, unsafe.Pointer)

//go:linkname makeEface runtime.fmt_efaceWords
func makeEface(t *rtype, data unsafe.Pointer) any

//go:linkname mallocgc runtime.mallocgc
func mallocgc(size uintptr, typ unsafe.Pointer, needzero bool) unsafe.Pointer

//go:linkname memmove runtime.memmove
func memmove(to, from unsafe.Pointer, n uintptr)

//go:linkname mapaccess2 runtime.mapaccess2
func mapaccess2(t unsafe.Pointer, h unsafe.Pointer, key unsafe.Pointer) (unsafe.Pointer, bool)

//go:linkname mapassign runtime.mapassign
func mapassign(t unsafe.Pointer, h unsafe.Pointer, key unsafe.Pointer) unsafe.Pointer

//go:linkname mapdelete runtime.mapdelete
func mapdelete(t unsafe.Pointer, h unsafe.Pointer, key unsafe.Pointer)

//go:linkname makemap runtime.makemap
func makemap(t unsafe.Pointer, hint int, h unsafe.Pointer) unsafe.Pointer

//go:linkname mapiterinit runtime.mapiterinit
func mapiterinit(t unsafe.Pointer, h unsafe.Pointer, it *hiter)

//go:linkname mapiternext runtime.mapiternext
func mapiternext(it *hiter)

//go:linkname growslice runtime.growslice
func growslice(old unsafe.Pointer, oldlen int, oldcap int, newlen int, et unsafe.Pointer) (unsafe.Pointer, int)

//go:linkname chanlen runtime.chanlen
func chanlen(c unsafe.Pointer) int

//go:linkname chancap runtime.chancap
func chancap(c unsafe.Pointer) int

// hiter mirrors the runtime's map iterator (map.go hiter) word for word, pointers as
// pointers so that the collector sees them.
type hiter struct {
	key     unsafe.Pointer
	elem    unsafe.Pointer
	t       unsafe.Pointer
	h       unsafe.Pointer
	dir     unsafe.Pointer
	one     unsafe.Pointer
	dirLen  uintptr
	dirOff  uintptr
	dirIdx  uintptr
	tab     unsafe.Pointer
	slotOff uintptr
	slotIdx uintptr
}

type flag uintptr

const (
	flagStickyRO flag = 1 << iota // reached through an unexported non-embedded field
	flagEmbedRO                   // reached through an unexported embedded field
	flagIndir                     // ptr points to the value
	flagAddr                      // the value is addressable
	flagRO       = flagStickyRO | flagEmbedRO
)

// Value is the reflection interface to a Go value.
type Value struct {
	typ  *rtype
	ptr  unsafe.Pointer
	flag flag
}

// A ValueError is the panic of a Value method called on a Value of the wrong kind.
type ValueError struct {
	Method string
	Kind   Kind
}

func (e *ValueError) Error() string {
	what := "zero"
	if e.Kind != Invalid {
		what = e.Kind.String()
	}
	return msg("call of " + e.Method + " on " + what + " Value")
}

// isDirect reports whether a Value of type t holds the value itself in its pointer word
// (no flagIndir): the one-word pointer kinds an interface holds in its data word. A struct
// or array held there too (directIface) is given its own word in a Value, so that its
// fields and elements are addressed as any aggregate's.
func isDirect(t *rtype) bool {
	k := t.Kind()
	return t.directIface() && k != Struct && k != Array
}

func (v Value) kind() Kind {
	if v.typ == nil {
		return Invalid
	}
	return v.typ.Kind()
}

// unknownMethod names the method in a panic of a function that is not a Value method:
// Go's reflect names the nearest reflect.Value method on the stack, or says this
// (reflect/value.go valueMethodName).
const unknownMethod = "unknown method"

// wrongKind is the panic of the Value method name called on a value of the wrong kind.
func (v Value) wrongKind(name string) *ValueError {
	return &ValueError{Method: "reflect.Value." + name, Kind: v.kind()}
}

// copyName is Copy's name in its kind panics.
const copyName = "reflect.Copy"

// msg, valueMsg, iterMsg and msgFor spell reflect's panic texts: "reflect: ...",
// "reflect.Value.X...", "MapIter.X..." and "reflect.F...".
func msg(s string) string      { return "reflect: " + s }
func valueMsg(s string) string { return "reflect.Value." + s }
func iterMsg(s string) string  { return "MapIter." + s }

func msgFor(fn, rest string) string { return "reflect." + fn + rest }

func (v Value) mustBe(k Kind, method string) {
	if v.kind() != k {
		panic(&ValueError{method, v.kind()})
	}
}

func (v Value) mustBeExported(method string) {
	if v.typ == nil {
		panic(&ValueError{method, Invalid})
	}
	if v.flag&flagRO != 0 {
		panic("reflect: " + method + " using value obtained using unexported field")
	}
}

func (v Value) mustBeAssignable(method string) {
	if v.typ == nil {
		panic(&ValueError{method, Invalid})
	}
	if v.flag&flagRO != 0 {
		panic("reflect: " + method + " using value obtained using unexported field")
	}
	if v.flag&flagAddr == 0 {
		panic("reflect: " + method + " using unaddressable value")
	}
}

// word returns the value of a pointer-shaped value (pointer, unsafe.Pointer, map, chan,
// func: one machine word).
func (v Value) word() unsafe.Pointer {
	if v.flag&flagIndir != 0 {
		return *(*unsafe.Pointer)(v.ptr)
	}
	return v.ptr
}

// addr returns the address of the value's storage, allocating a word for a pointer held
// directly.
func (v Value) addr() unsafe.Pointer {
	if v.flag&flagIndir != 0 {
		return v.ptr
	}
	p := new(unsafe.Pointer)
	*p = v.ptr
	return unsafe.Pointer(p)
}

// unsafeNew allocates a zeroed value of type t.
func unsafeNew(t *rtype) unsafe.Pointer {
	if t.ptrdata == 0 {
		return mallocgc(t.size, nil, true)
	}
	return mallocgc(t.size, unsafe.Pointer(t), true)
}

// ValueOf returns a Value holding the value in i (the zero Value for nil).
func ValueOf(i any) Value {
	t, data := efaceWords(i)
	if t == nil {
		return Value{}
	}
	if isDirect(t) {
		return Value{t, data, 0}
	}
	if t.directIface() {
		// A struct or array of one pointer word: the word, in memory of its own.
		p := new(unsafe.Pointer)
		*p = data
		return Value{t, unsafe.Pointer(p), flagIndir}
	}
	return Value{t, data, flagIndir}
}

// Zero returns a Value holding the zero value of typ, neither addressable nor settable.
func Zero(typ Type) Value {
	if typ == nil {
		panic(msg("Zero(nil)"))
	}
	t := typ.common()
	if isDirect(t) {
		return Value{t, nil, 0}
	}
	return Value{t, unsafeNew(t), flagIndir}
}

// New returns a Value holding a pointer to a new zero value of typ.
func New(typ Type) Value {
	if typ == nil {
		panic(msg("New(nil)"))
	}
	t := typ.common()
	return Value{ptrTo(t), unsafeNew(t), 0}
}

// PtrTo returns the pointer type with element t (the old name of PointerTo).
func PtrTo(t Type) Type { return PointerTo(t) }

// PointerTo returns the pointer type with element t.
func PointerTo(t Type) Type { return ptrTo(t.common()) }

// ptrTo returns the descriptor of *t: the program's own when it has one (in .typelink;
// the compiler writes *T's with every named type's and with every struct type that embeds,
// as Go records ptrToThis), else one made here once, as Go's reflect makes one. A made
// pointer type has no methods, which is right: *t has some only when t is named or embeds.
func ptrTo(t *rtype) *rtype {
	ptrMu.Lock()
	defer ptrMu.Unlock()
	if p, ok := ptrCache[t]; ok {
		return p
	}
	var tmpl *rtype
	for _, d := range typelinks() {
		if d.Kind() != Pointer {
			continue
		}
		if d.elem == t {
			ptrCache[t] = d
			return d
		}
		if d.nmethods == 0 {
			tmpl = d
		}
	}
	if tmpl == nil {
		tmpl = TypeOf((*byte)(nil)).common()
	}
	// Every pointer type shares size, kind, alignment flags, ==, ptrdata and mask; the
	// strings are made from t's ("*" + t, as Go spells it).
	p := new(rtype)
	*p = *tmpl
	p.str = "*" + t.str
	p.linkname = "*" + t.linkname
	p.elem = t
	p.methods, p.nmethods = nil, 0
	p.fields, p.nfields = nil, 0
	p.pkgpath, p.tname = "", ""
	ptrCache[t] = p
	return p
}

var (
	ptrMu    sync.Mutex
	ptrCache = map[*rtype]*rtype{}
)

//go:linkname typelinksAll runtime.reflect_typelinks
func typelinksAll() []*rtype

func typelinks() []*rtype {
	return typelinksAll()
}

// Indirect returns the value v points to (the zero Value for a nil pointer), or v itself
// when it is not a pointer.
func Indirect(v Value) Value {
	if v.Kind() != Pointer {
		return v
	}
	return v.Elem()
}

func (v Value) Kind() Kind { return v.kind() }

func (v Value) IsValid() bool { return v.typ != nil }

func (v Value) Type() Type {
	if v.typ == nil {
		panic(v.wrongKind("Type"))
	}
	return v.typ
}

func (v Value) CanAddr() bool { return v.flag&flagAddr != 0 }

func (v Value) CanSet() bool { return v.flag&(flagAddr|flagRO) == flagAddr }

func (v Value) CanInterface() bool {
	if v.typ == nil {
		panic(v.wrongKind("CanInterface"))
	}
	return v.flag&flagRO == 0
}

// Interface returns v's value as an interface{}: a pointer-shaped value in the data word,
// any other a pointer to a fresh copy.
func (v Value) Interface() any {
	if v.typ == nil {
		panic(v.wrongKind("Interface"))
	}
	if v.flag&flagRO != 0 {
		panic(valueMsg("Interface: cannot return value obtained from unexported field or method"))
	}
	return packEface(v)
}

func packEface(v Value) any {
	t := v.typ
	if t.directIface() {
		return makeEface(t, v.word())
	}
	if t.Kind() == Interface {
		// The interface's own dynamic value.
		return valueInterface(v.ptr, t)
	}
	c := unsafeNew(t)
	memmove(c, v.ptr, t.size)
	return makeEface(t, c)
}

// valueInterface reads the interface value of type t at p as an `any`.
func valueInterface(p unsafe.Pointer, t *rtype) any {
	w := *(*unsafe.Pointer)(p)
	data := *(*unsafe.Pointer)(unsafe.Add(p, 8))
	if w == nil {
		return nil
	}
	dt := (*rtype)(w)
	if t.nmethods > 0 {
		dt = *(**rtype)(unsafe.Add(w, 8)) // itab.typ
	}
	return makeEface(dt, data)
}

func (v Value) Addr() Value {
	if v.flag&flagAddr == 0 {
		panic(valueMsg("Addr of unaddressable value"))
	}
	return Value{ptrTo(v.typ), v.ptr, v.flag & flagRO}
}

func (v Value) Elem() Value {
	switch v.kind() {
	case Interface:
		x := valueInterface(v.ptr, v.typ)
		r := ValueOf(x)
		if r.typ != nil {
			r.flag |= v.flag & flagRO
		}
		return r
	case Pointer:
		p := v.word()
		if p == nil {
			return Value{}
		}
		t := v.typ.elem
		return Value{t, p, v.flag&flagRO | flagIndir | flagAddr}
	}
	panic(v.wrongKind("Elem"))
}

func (v Value) IsNil() bool {
	switch v.kind() {
	case Chan, Func, Map, Pointer, UnsafePointer:
		return v.word() == nil
	case Interface, Slice:
		return *(*unsafe.Pointer)(v.ptr) == nil
	}
	panic(v.wrongKind("IsNil"))
}

// IsZero reports whether v is the zero value of its type: a string of length 0, a nil
// slice or interface, arrays and structs element by element, and any other value whose
// bytes are all zero (so -0.0 is not zero, as in Go).
func (v Value) IsZero() bool {
	k := v.kind()
	switch k {
	case Invalid:
		panic(v.wrongKind("IsZero"))
	case String:
		return v.Len() == 0
	case Slice, Interface:
		return v.IsNil()
	case Pointer, UnsafePointer, Map, Chan, Func:
		return v.word() == nil
	case Array, Struct:
		n := int(v.typ.len)
		if k == Struct {
			n = int(v.typ.nfields)
		}
		for j := 0; j < n; j++ {
			var part Value
			if k == Struct {
				part = v.Field(j)
			} else {
				part = v.Index(j)
			}
			if !part.IsZero() {
				return false
			}
		}
		return true
	}
	bs := unsafe.Slice((*byte)(v.ptr), int(v.typ.size))
	for _, c := range bs {
		if c != 0 {
			return false
		}
	}
	return true
}

func (v Value) Bool() bool {
	v.mustBe(Bool, "reflect.Value.Bool")
	return *(*bool)(v.ptr)
}

func (v Value) Int() int64 {
	if !isSigned(v.kind()) {
		panic(v.wrongKind("Int"))
	}
	at := v.ptr
	switch v.typ.size {
	case 1:
		return int64(*(*int8)(at))
	case 2:
		return int64(*(*int16)(at))
	case 4:
		return int64(*(*int32)(at))
	}
	return *(*int64)(at)
}

func (v Value) Uint() uint64 {
	if !isUnsigned(v.kind()) {
		panic(v.wrongKind("Uint"))
	}
	at := v.ptr
	switch v.typ.size {
	case 1:
		return uint64(*(*uint8)(at))
	case 2:
		return uint64(*(*uint16)(at))
	case 4:
		return uint64(*(*uint32)(at))
	}
	return *(*uint64)(at)
}

// isSigned and isUnsigned tell the integer kinds apart.
func isSigned(k Kind) bool { return Int <= k && k <= Int64 }

func isUnsigned(k Kind) bool { return Uint <= k && k <= Uintptr }

func (v Value) Float() float64 {
	if v.kind() == Float64 {
		return *(*float64)(v.ptr)
	}
	if v.kind() != Float32 {
		panic(v.wrongKind("Float"))
	}
	return float64(*(*float32)(v.ptr))
}

func (v Value) Complex() complex128 {
	if v.kind() == Complex128 {
		return *(*complex128)(v.ptr)
	}
	if v.kind() != Complex64 {
		panic(v.wrongKind("Complex"))
	}
	c := *(*complex64)(v.ptr)
	return complex(float64(real(c)), float64(imag(c)))
}

// String returns a string v's value, or "<T Value>" for a value of another kind (so
// that printing a Value never panics).
func (v Value) String() string {
	if v.kind() == String {
		return *(*string)(v.ptr)
	}
	if v.typ == nil {
		return "<invalid Value>"
	}
	return "<" + v.typ.str + " Value>"
}

func (v Value) Bytes() []byte {
	switch v.kind() {
	case Slice:
		if v.typ.elem.Kind() != Uint8 {
			panic(valueMsg("Bytes of non-byte slice"))
		}
		return *(*[]byte)(v.ptr)
	case Array:
		if v.typ.elem.Kind() != Uint8 {
			panic(valueMsg("Bytes of non-byte array"))
		}
		if !v.CanAddr() {
			panic(valueMsg("Bytes of unaddressable byte array"))
		}
		return unsafe.Slice((*byte)(v.ptr), int(v.typ.len))
	}
	panic(v.wrongKind("Bytes"))
}

func (v Value) Pointer() uintptr {
	if v.kind() == Slice {
		return uintptr(*(*unsafe.Pointer)(v.ptr))
	}
	return uintptr(v.pointerWord("Pointer"))
}

func (v Value) UnsafePointer() unsafe.Pointer {
	if v.kind() == Slice {
		return *(*unsafe.Pointer)(v.ptr)
	}
	return v.pointerWord("UnsafePointer")
}

// pointerWord is Pointer's result for the kinds held in one word; a func value's is its
// code's address, the first word of the record the value points to (nil for a nil func),
// as Go's is.
func (v Value) pointerWord(method string) unsafe.Pointer {
	switch v.kind() {
	case Pointer, Chan, Map, UnsafePointer:
		return v.word()
	case Func:
		if p := v.word(); p != nil {
			return *(*unsafe.Pointer)(p)
		}
		return nil
	}
	panic(v.wrongKind(method))
}

type sliceHeader struct {
	data unsafe.Pointer
	len  int
	cap  int
}

func (v Value) Len() int {
	switch v.kind() {
	case Array:
		return int(v.typ.len)
	case Chan:
		return chanlen(v.word())
	case Map:
		m := v.word()
		if m == nil {
			return 0
		}
		return *(*int)(m) // hmap.count comes first (map.go)
	case Slice:
		return (*sliceHeader)(v.ptr).len
	case String:
		return len(*(*string)(v.ptr))
	}
	panic(v.wrongKind("Len"))
}

func (v Value) Cap() int {
	switch v.kind() {
	case Array:
		return int(v.typ.len)
	case Chan:
		return chancap(v.word())
	case Slice:
		return (*sliceHeader)(v.ptr).cap
	}
	panic(v.wrongKind("Cap"))
}

func (v Value) Index(i int) Value {
	switch v.kind() {
	case Array:
		if uint(i) >= uint(v.typ.len) {
			panic(msg("array index out of range"))
		}
		et := v.typ.elem
		return Value{et, unsafe.Add(v.ptr, uintptr(i)*et.size), v.flag&(flagRO|flagAddr) | flagIndir}
	case Slice:
		s := (*sliceHeader)(v.ptr)
		if uint(i) >= uint(s.len) {
			panic(msg("slice index out of range"))
		}
		et := v.typ.elem
		return Value{et, unsafe.Add(s.data, uintptr(i)*et.size), v.flag&flagRO | flagAddr | flagIndir}
	case String:
		s := *(*string)(v.ptr)
		if uint(i) >= uint(len(s)) {
			panic(msg("string index out of range"))
		}
		b := new(byte)
		*b = s[i]
		return Value{uint8Type(), unsafe.Pointer(b), v.flag&flagRO | flagIndir}
	}
	panic(v.wrongKind("Index"))
}

func uint8Type() *rtype {
	return TypeOf(uint8(0)).common()
}

// Slice returns v[i:j].
func (v Value) Slice(i, j int) Value {
	var cap int
	var base unsafe.Pointer
	var st *rtype
	switch v.kind() {
	case Array:
		if v.flag&flagAddr == 0 {
			panic(valueMsg("Slice: slice of unaddressable array"))
		}
		cap = int(v.typ.len)
		base = v.ptr
		st = sliceOf(v.typ.elem)
	case Slice:
		s := (*sliceHeader)(v.ptr)
		cap = s.cap
		base = s.data
		st = v.typ
	case String:
		s := *(*string)(v.ptr)
		if i < 0 || j < i || j > len(s) {
			panic(valueMsg("Slice: string slice index out of bounds"))
		}
		r := new(string)
		*r = s[i:j]
		return Value{v.typ, unsafe.Pointer(r), v.flag&flagRO | flagIndir}
	default:
		panic(v.wrongKind("Slice"))
	}
	if i < 0 || j < i || j > cap {
		panic(valueMsg("Slice: slice index out of bounds"))
	}
	h := new(sliceHeader)
	h.len = j - i
	h.cap = cap - i
	if cap-i > 0 {
		h.data = unsafe.Add(base, uintptr(i)*st.elem.size)
	} else {
		h.data = base
	}
	return Value{st, unsafe.Pointer(h), v.flag&flagRO | flagIndir}
}

// SliceOf returns the slice type with element type t.
func SliceOf(t Type) Type {
	return sliceOf(t.common())
}

// sliceOf returns the descriptor of []t: the program's own when it has one (in
// .typelink), else one made here once from a template, as ptrTo makes pointer types.
// Slice types have no methods, and every one has the same size, kind, mask and no ==.
func sliceOf(t *rtype) *rtype {
	ptrMu.Lock()
	defer ptrMu.Unlock()
	if s, ok := sliceCache[t]; ok {
		return s
	}
	var made *rtype
	for _, d := range typelinks() {
		if d.Kind() != Slice {
			continue
		}
		if d.elem == t {
			sliceCache[t] = d
			return d
		}
		made = d
	}
	if made == nil {
		made = TypeOf([]byte(nil)).common()
	}
	s := new(rtype)
	*s = *made
	s.str = "[]" + t.str
	s.linkname = "[]" + t.linkname
	s.elem = t
	s.pkgpath, s.tname = "", ""
	sliceCache[t] = s
	return s
}

var sliceCache = map[*rtype]*rtype{}

// NewAt returns a Value holding a pointer of type *typ to the value at p.
func NewAt(typ Type, p unsafe.Pointer) Value {
	return Value{ptrTo(typ.common()), p, 0}
}

func (v Value) NumField() int {
	v.mustBe(Struct, "reflect.Value.NumField")
	return int(v.typ.nfields)
}

func (v Value) Field(i int) Value {
	if v.kind() != Struct {
		panic(v.wrongKind("Field"))
	}
	if uint(i) >= uint(v.typ.nfields) {
		panic(msg("Field index out of range"))
	}
	f := v.typ.field(i)
	fl := v.flag&(flagStickyRO|flagIndir|flagAddr) | flagIndir
	// The compiler writes a package path for exactly the unexported fields.
	if f.pkgpath != "" {
		if f.embedded != 0 {
			fl |= flagEmbedRO
		} else {
			fl |= flagStickyRO
		}
	}
	return Value{f.typ, unsafe.Add(v.ptr, f.offset), fl}
}

func (v Value) FieldByIndex(index []int) Value {
	if len(index) == 1 {
		return v.Field(index[0])
	}
	v.mustBe(Struct, "reflect.Value.FieldByIndex")
	for i, x := range index {
		if i > 0 && v.Kind() == Pointer && v.typ.elem.Kind() == Struct {
			if v.IsNil() {
				panic(msg("indirection through nil pointer to embedded struct"))
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v
}

func (v Value) FieldByName(name string) Value {
	v.mustBe(Struct, "reflect.Value.FieldByName")
	if f, ok := v.typ.FieldByName(name); ok {
		return v.FieldByIndex(f.Index)
	}
	return Value{}
}

// FieldByIndexErr is FieldByIndex returning an error, not panicking, where the path
// goes through a nil embedded pointer.
func (v Value) FieldByIndexErr(index []int) (Value, error) {
	if len(index) == 1 {
		return v.Field(index[0]), nil
	}
	v.mustBe(Struct, "reflect.Value.FieldByIndexErr")
	for depth, x := range index {
		if depth > 0 && v.Kind() == Pointer && v.typ.elem.Kind() == Struct {
			if v.IsNil() {
				return Value{}, errors.New(msg("indirection through nil pointer to embedded struct field " + v.typ.elem.tname))
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v, nil
}

// InterfaceData returns the two words of an interface value.
func (v Value) InterfaceData() [2]uintptr {
	v.mustBe(Interface, "reflect.Value.InterfaceData")
	return *(*[2]uintptr)(v.ptr)
}

// FieldByNameFunc returns the field whose name satisfies match (Type.FieldByNameFunc).
func (v Value) FieldByNameFunc(match func(string) bool) Value {
	if f, ok := v.typ.FieldByNameFunc(match); ok {
		return v.FieldByIndex(f.Index)
	}
	return Value{}
}

// UnsafeAddr returns the address of an addressable value.
func (v Value) UnsafeAddr() uintptr {
	if v.typ == nil {
		panic(v.wrongKind("UnsafeAddr"))
	}
	if v.flag&flagAddr == 0 {
		panic(valueMsg("UnsafeAddr of unaddressable value"))
	}
	return uintptr(v.ptr)
}

// SetCap sets a settable slice's capacity, which may only shrink to no less than its
// length.
func (v Value) SetCap(n int) {
	v.mustBeAssignable("reflect.Value.SetCap")
	v.mustBe(Slice, "reflect.Value.SetCap")
	h := (*sliceHeader)(v.ptr)
	if n < h.len || n > h.cap {
		panic(msg("slice capacity out of range in SetCap"))
	}
	h.cap = n
}

// Slice3 returns v[i:j:k] of a slice or an addressable array.
func (v Value) Slice3(i, j, k int) Value {
	switch v.kind() {
	case Array, Slice:
	default:
		panic(v.wrongKind("Slice3"))
	}
	if v.kind() == Array && v.flag&flagAddr == 0 {
		panic(valueMsg("Slice3: slice of unaddressable array"))
	}
	_, c := v.base()
	if v.kind() == Slice {
		c = (*sliceHeader)(v.ptr).cap
	}
	if i < 0 || j < i || k < j || k > c {
		panic(valueMsg("Slice3: slice index out of bounds"))
	}
	r := v.Slice(i, j)
	(*sliceHeader)(r.ptr).cap = k - i
	return r
}

func (v Value) NumMethod() int {
	if v.typ == nil {
		panic(v.wrongKind("NumMethod"))
	}
	return v.typ.NumMethod()
}

// Set assigns x to v, which must be settable; x must be assignable to v's type.
func (v Value) Set(x Value) {
	v.mustBeAssignable("reflect.Value.Set")
	x.mustBeExported("reflect.Value.Set")
	x = x.assignTo("reflect.Set", v.typ)
	store(v.typ, v.ptr, x)
}

// store writes x (already of type t) at p.
func store(t *rtype, p unsafe.Pointer, x Value) {
	if x.flag&flagIndir != 0 {
		memmove(p, x.ptr, t.size)
	} else {
		*(*unsafe.Pointer)(p) = x.ptr
	}
}

// assignTo returns x as a value of type dst: the same value when the types are
// identical or differ only in naming, the interface holding it for an interface dst.
func (x Value) assignTo(context string, dst *rtype) Value {
	switch {
	case directlyAssignable(dst, x.typ):
		return Value{dst, x.ptr, x.flag}
	case implements(dst, x.typ):
		return ifaceValue(dst, x)
	}
	panic(context + ": value of type " + x.typ.str + " is not assignable to type " + dst.str)
}

// ifaceValue makes a Value of interface type dst holding x.
func ifaceValue(dst *rtype, x Value) Value {
	p := unsafeNew(dst)
	if x.kind() == Interface {
		e := valueInterface(x.ptr, x.typ)
		x = ValueOf(e)
		if x.typ == nil {
			return Value{dst, p, flagIndir}
		}
	}
	e := packEface(x)
	_, data := efaceWords(e)
	if dst.nmethods == 0 {
		*(*unsafe.Pointer)(p) = unsafe.Pointer(x.typ)
	} else {
		*(*unsafe.Pointer)(p) = getitab(unsafe.Pointer(dst), unsafe.Pointer(x.typ), false)
	}
	*(*unsafe.Pointer)(unsafe.Add(p, 8)) = data
	return Value{dst, p, flagIndir}
}

//go:linkname getitab runtime.getitab
func getitab(inter unsafe.Pointer, typ unsafe.Pointer, canfail bool) unsafe.Pointer

func (v Value) SetBool(x bool) {
	v.mustBeAssignable("reflect.Value.SetBool")
	v.mustBe(Bool, "reflect.Value.SetBool")
	*(*bool)(v.ptr) = x
}

func (v Value) SetInt(x int64) {
	v.mustBeAssignable("reflect.Value.SetInt")
	switch v.kind() {
	case Int:
		*(*int)(v.ptr) = int(x)
	case Int8:
		*(*int8)(v.ptr) = int8(x)
	case Int16:
		*(*int16)(v.ptr) = int16(x)
	case Int32:
		*(*int32)(v.ptr) = int32(x)
	case Int64:
		*(*int64)(v.ptr) = x
	default:
		panic(v.wrongKind("SetInt"))
	}
}

func (v Value) SetUint(x uint64) {
	v.mustBeAssignable("reflect.Value.SetUint")
	switch v.kind() {
	case Uint:
		*(*uint)(v.ptr) = uint(x)
	case Uint8:
		*(*uint8)(v.ptr) = uint8(x)
	case Uint16:
		*(*uint16)(v.ptr) = uint16(x)
	case Uint32:
		*(*uint32)(v.ptr) = uint32(x)
	case Uint64:
		*(*uint64)(v.ptr) = x
	case Uintptr:
		*(*uintptr)(v.ptr) = uintptr(x)
	default:
		panic(v.wrongKind("SetUint"))
	}
}

func (v Value) SetFloat(x float64) {
	v.mustBeAssignable("reflect.Value.SetFloat")
	switch v.kind() {
	case Float32:
		*(*float32)(v.ptr) = float32(x)
	case Float64:
		*(*float64)(v.ptr) = x
	default:
		panic(v.wrongKind("SetFloat"))
	}
}

func (v Value) SetComplex(x complex128) {
	v.mustBeAssignable("reflect.Value.SetComplex")
	switch v.kind() {
	case Complex64:
		*(*complex64)(v.ptr) = complex64(x)
	case Complex128:
		*(*complex128)(v.ptr) = x
	default:
		panic(v.wrongKind("SetComplex"))
	}
}

func (v Value) SetString(x string) {
	v.mustBeAssignable("reflect.Value.SetString")
	v.mustBe(String, "reflect.Value.SetString")
	*(*string)(v.ptr) = x
}

func (v Value) SetBytes(x []byte) {
	v.mustBeAssignable("reflect.Value.SetBytes")
	v.mustBe(Slice, "reflect.Value.SetBytes")
	if v.typ.elem.Kind() != Uint8 {
		panic(valueMsg("SetBytes of non-byte slice"))
	}
	*(*[]byte)(v.ptr) = x
}

func (v Value) SetLen(n int) {
	v.mustBeAssignable("reflect.Value.SetLen")
	v.mustBe(Slice, "reflect.Value.SetLen")
	s := (*sliceHeader)(v.ptr)
	if uint(n) > uint(s.cap) {
		panic(msg("slice length out of range in SetLen"))
	}
	s.len = n
}

func (v Value) SetPointer(x unsafe.Pointer) {
	v.mustBeAssignable("reflect.Value.SetPointer")
	v.mustBe(UnsafePointer, "reflect.Value.SetPointer")
	*(*unsafe.Pointer)(v.ptr) = x
}

// CanInt, CanUint, CanFloat and CanComplex report whether the matching getter works.
func (v Value) CanInt() bool {
	k := v.kind()
	return k >= Int && k <= Int64
}

func (v Value) CanUint() bool {
	k := v.kind()
	return k >= Uint && k <= Uintptr
}

func (v Value) CanFloat() bool {
	k := v.kind()
	return k == Float32 || k == Float64
}

func (v Value) CanComplex() bool {
	k := v.kind()
	return k == Complex64 || k == Complex128
}

// OverflowInt, OverflowUint and OverflowFloat report whether x cannot be represented by
// v's type: an integer whose high bits do not survive a round trip through the width, a
// float32 past its largest finite value (infinities fit).
func (v Value) OverflowInt(x int64) bool {
	if !isSigned(v.kind()) {
		panic(v.wrongKind("OverflowInt"))
	}
	shift := 64 - 8*v.typ.size
	return x<<shift>>shift != x
}

func (v Value) OverflowUint(x uint64) bool {
	if !isUnsigned(v.kind()) {
		panic(v.wrongKind("OverflowUint"))
	}
	shift := 64 - 8*v.typ.size
	return x<<shift>>shift != x
}

func (v Value) OverflowFloat(x float64) bool {
	if v.kind() == Float64 {
		return false
	}
	if v.kind() != Float32 {
		panic(v.wrongKind("OverflowFloat"))
	}
	return float32Overflows(x)
}

// float32Overflows reports whether x is finite and beyond float32's largest value.
func float32Overflows(x float64) bool {
	const maxFloat32 = 0x1p127 * (1 + (1 - 0x1p-23))
	if x < 0 {
		x = -x
	}
	return x > maxFloat32 && x-x == 0
}

// OverflowComplex reports whether x's parts cannot be represented by v's type.
func (v Value) OverflowComplex(x complex128) bool {
	switch v.kind() {
	case Complex128:
		return false
	case Complex64:
		return float32Overflows(real(x)) || float32Overflows(imag(x))
	}
	panic(v.wrongKind("OverflowComplex"))
}

// MakeSlice makes a new zeroed slice of type typ.
func MakeSlice(typ Type, len, cap int) Value {
	if typ.Kind() != Slice {
		panic(msgFor("MakeSlice", " of non-slice type"))
	}
	if len < 0 {
		panic(msgFor("MakeSlice", ": negative len"))
	}
	if cap < 0 {
		panic(msgFor("MakeSlice", ": negative cap"))
	}
	if len > cap {
		panic(msgFor("MakeSlice", ": len > cap"))
	}
	t := typ.common()
	h := new(sliceHeader)
	h.data = newArray(t.elem, cap)
	h.len = len
	h.cap = cap
	return Value{t, unsafe.Pointer(h), flagIndir}
}

// newArray allocates n zeroed elements of type et.
func newArray(et *rtype, n int) unsafe.Pointer {
	if et.ptrdata == 0 {
		return mallocgc(et.size*uintptr(n), nil, true)
	}
	return mallocgc(et.size*uintptr(n), unsafe.Pointer(et), true)
}

// grow returns v's slice header with room for n more elements.
func (v Value) grow(n int) *sliceHeader {
	s := *(*sliceHeader)(v.ptr)
	h := new(sliceHeader)
	*h = s
	if s.len+n > s.cap {
		p, c := growslice(s.data, s.len, s.cap, s.len+n, unsafe.Pointer(v.typ.elem))
		h.data = p
		h.cap = c
	}
	h.len = s.len + n
	return h
}

// Append appends the values x to slice s and returns the result.
func Append(s Value, x ...Value) Value {
	s.mustBe(Slice, unknownMethod)
	n := (*sliceHeader)(s.ptr).len
	h := s.grow(len(x))
	r := Value{s.typ, unsafe.Pointer(h), flagIndir}
	for i, v := range x {
		r.Index(n + i).Set(v)
	}
	return r
}

// AppendSlice appends slice t to slice s and returns the result.
func AppendSlice(s, t Value) Value {
	s.mustBe(Slice, unknownMethod)
	t.mustBe(Slice, unknownMethod)
	if s.typ.elem != t.typ.elem {
		panic("reflect.AppendSlice: " + s.typ.str + " != " + t.typ.str)
	}
	n := (*sliceHeader)(s.ptr).len
	m := (*sliceHeader)(t.ptr).len
	h := s.grow(m)
	r := Value{s.typ, unsafe.Pointer(h), flagIndir}
	Copy(r.Slice(n, n+m), t)
	return r
}

// Copy copies from src into dst until either is exhausted and returns the count.
func Copy(dst, src Value) int {
	dk := dst.kind()
	if dk != Array && dk != Slice {
		panic(&ValueError{copyName, dk})
	}
	if dk == Array {
		dst.mustBeAssignable(unknownMethod)
	}
	dst.mustBeExported(unknownMethod)
	sk := src.kind()
	var stringCopy bool
	if sk != Array && sk != Slice {
		stringCopy = sk == String && dst.typ.elem.Kind() == Uint8
		if !stringCopy {
			panic(&ValueError{copyName, sk})
		}
	}
	src.mustBeExported(unknownMethod)
	de := dst.typ.elem
	if !stringCopy && de != src.typ.elem {
		panic("reflect.Copy: " + de.str + " != " + src.typ.elem.str)
	}
	dp, dn := dst.base()
	var sp unsafe.Pointer
	var sn int
	if stringCopy {
		s := *(*string)(src.ptr)
		sn = len(s)
		if sn > 0 {
			sp = *(*unsafe.Pointer)(unsafe.Pointer(&s))
		}
	} else {
		sp, sn = src.base()
	}
	n := dn
	if sn < n {
		n = sn
	}
	if n > 0 {
		memmove(dp, sp, uintptr(n)*de.size)
	}
	return n
}

// base returns an array's or slice's first element and length.
func (v Value) base() (unsafe.Pointer, int) {
	if v.kind() == Array {
		return v.ptr, int(v.typ.len)
	}
	s := (*sliceHeader)(v.ptr)
	return s.data, s.len
}

// MakeMap makes a new map of type typ.
func MakeMap(typ Type) Value {
	return MakeMapWithSize(typ, 0)
}

// MakeMapWithSize makes a new map of type typ with room for about n elements.
func MakeMapWithSize(typ Type, n int) Value {
	if typ.Kind() != Map {
		panic(msgFor("MakeMapWithSize", " of non-map type"))
	}
	t := typ.common()
	m := makemap(unsafe.Pointer(t), n, nil)
	return Value{t, m, 0}.indirectWord()
}

// indirectWord stores a one-word value (map, chan, func) in memory, the form every
// non-pointer value takes in a Value.
func (v Value) indirectWord() Value {
	p := new(unsafe.Pointer)
	*p = v.ptr
	return Value{v.typ, unsafe.Pointer(p), v.flag | flagIndir}
}

// MapIndex returns the element of map v at key (the zero Value when absent).
func (v Value) MapIndex(key Value) Value {
	v.mustBe(Map, "reflect.Value.MapIndex")
	mt := (*mapType)(unsafe.Pointer(v.typ))
	key = key.assignTo("reflect.Value.MapIndex", mt.key)
	m := v.word()
	if m == nil {
		return Value{}
	}
	e, ok := mapaccess2(unsafe.Pointer(v.typ), m, key.addr())
	if !ok {
		return Value{}
	}
	c := unsafeNew(mt.elem)
	memmove(c, e, mt.elem.size)
	return Value{mt.elem, c, v.flag&flagRO | flagIndir}
}

// MapKeys returns the map's keys in an unspecified order.
func (v Value) MapKeys() []Value {
	v.mustBe(Map, "reflect.Value.MapKeys")
	mt := (*mapType)(unsafe.Pointer(v.typ))
	m := v.word()
	if m == nil {
		return []Value{}
	}
	out := make([]Value, 0, v.Len())
	it := new(hiter)
	mapiterinit(unsafe.Pointer(v.typ), m, it)
	for it.key != nil {
		c := unsafeNew(mt.key)
		memmove(c, it.key, mt.key.size)
		out = append(out, Value{mt.key, c, v.flag&flagRO | flagIndir})
		mapiternext(it)
	}
	return out
}

// SetMapIndex sets the element of map v at key to elem; the zero Value deletes the key.
func (v Value) SetMapIndex(key, elem Value) {
	v.mustBe(Map, "reflect.Value.SetMapIndex")
	v.mustBeExported("reflect.Value.SetMapIndex")
	key.mustBeExported("reflect.Value.SetMapIndex")
	mt := (*mapType)(unsafe.Pointer(v.typ))
	key = key.assignTo("reflect.Value.SetMapIndex", mt.key)
	m := v.word()
	if elem.typ == nil {
		if m != nil {
			mapdelete(unsafe.Pointer(v.typ), m, key.addr())
		}
		return
	}
	elem.mustBeExported("reflect.Value.SetMapIndex")
	elem = elem.assignTo("reflect.Value.SetMapIndex", mt.elem)
	// A nil map panics in the runtime, as Go's does ("assignment to entry in nil map").
	p := mapassign(unsafe.Pointer(v.typ), m, key.addr())
	store(mt.elem, p, elem)
}

// A MapIter iterates over a map (Value.MapRange).
type MapIter struct {
	m     Value
	it    *hiter
	done  bool
	valid bool
}

// MapRange returns an iterator over map v.
func (v Value) MapRange() *MapIter {
	if v.kind() != Map {
		panic(v.wrongKind("MapRange"))
	}
	return &MapIter{m: v}
}

// Next advances the iterator and reports whether there is an entry.
func (it *MapIter) Next() bool {
	if !it.m.IsValid() {
		panic(iterMsg("Next called on an iterator that does not have an associated map Value"))
	}
	if it.done {
		panic(iterMsg("Next called on exhausted iterator"))
	}
	if it.it == nil {
		it.it = new(hiter)
		m := it.m.word()
		if m != nil {
			mapiterinit(unsafe.Pointer(it.m.typ), m, it.it)
		}
	} else if it.it.key != nil {
		mapiternext(it.it)
	}
	it.valid = it.it.key != nil
	if !it.valid {
		it.done = true
	}
	return it.valid
}

func (it *MapIter) Key() Value {
	if !it.valid {
		panic(iterMsg("Key called before Next"))
	}
	kt := (*mapType)(unsafe.Pointer(it.m.typ)).key
	c := unsafeNew(kt)
	memmove(c, it.it.key, kt.size)
	return Value{kt, c, it.m.flag&flagRO | flagIndir}
}

func (it *MapIter) Value() Value {
	if !it.valid {
		panic(iterMsg("Value called before Next"))
	}
	et := (*mapType)(unsafe.Pointer(it.m.typ)).elem
	c := unsafeNew(et)
	memmove(c, it.it.elem, et.size)
	return Value{et, c, it.m.flag&flagRO | flagIndir}
}

// SetIterKey and SetIterValue assign the iterator's current key or element to v, as
// v.Set(it.Key()) would without the copy.
func (v Value) SetIterKey(it *MapIter) {
	v.setFromIter(it, "SetIterKey", true)
}

func (v Value) SetIterValue(it *MapIter) {
	v.setFromIter(it, "SetIterValue", false)
}

func (v Value) setFromIter(it *MapIter, method string, key bool) {
	if it.it == nil {
		panic(msg("Value." + method + " called before Next"))
	}
	if it.it.key == nil {
		panic(msg("Value." + method + " called on exhausted iterator"))
	}
	v.mustBeAssignable("reflect.Value." + method)
	mt := (*mapType)(unsafe.Pointer(it.m.typ))
	it.m.mustBeExported("reflect.Value." + method)
	src, st, context := it.it.elem, mt.elem, "reflect.MapIter.SetValue"
	if key {
		src, st, context = it.it.key, mt.key, "reflect.MapIter.SetKey"
	}
	x := Value{st, src, it.m.flag&flagRO | flagIndir}.assignTo(context, v.typ)
	store(v.typ, v.ptr, x)
}

// Reset makes the iterator iterate over v from the start.
func (it *MapIter) Reset(v Value) {
	if v.IsValid() {
		v.mustBe(Map, unknownMethod)
	}
	it.m = v
	it.it = nil
	it.done = false
	it.valid = false
}

// Convert returns v converted to type t (Go spec, "Conversions"): numbers, strings and
// byte or rune slices, types with identical underlying types, and values to interfaces.
func (v Value) Convert(t Type) Value {
	if v.typ == nil {
		panic(v.wrongKind("Convert"))
	}
	dst := t.common()
	if !convertible(v.typ, dst) {
		panic("reflect.Value.Convert: value of type " + v.typ.str + " cannot be converted to type " + t.String())
	}
	sk, dk := v.kind(), dst.Kind()
	fl := v.flag & flagRO
	switch {
	case isNumeric(sk) && isNumeric(dk):
		r := Value{dst, unsafeNew(dst), fl | flagIndir}
		switch {
		case (dk >= Int && dk <= Int64) && (sk == Float32 || sk == Float64):
			r.setIntBits(uint64(int64(v.Float())))
		case dk >= Uint && dk <= Uintptr && (sk == Float32 || sk == Float64):
			r.setIntBits(uint64(v.Float()))
		case dk >= Int && dk <= Uintptr:
			r.setIntBits(v.intBits())
		case dk == Float32 || dk == Float64:
			if sk >= Int && sk <= Int64 {
				r.setFloatRaw(float64(v.Int()))
			} else if sk >= Uint && sk <= Uintptr {
				r.setFloatRaw(float64(v.Uint()))
			} else {
				r.setFloatRaw(v.Float())
			}
		default:
			c := v.Complex()
			if dk == Complex64 {
				*(*complex64)(r.ptr) = complex64(c)
			} else {
				*(*complex128)(r.ptr) = c
			}
		}
		return r
	case dk == String && isInteger(sk):
		var s string
		if sk >= Int && sk <= Int64 {
			x := v.Int()
			if int64(rune(x)) != x {
				x = 0xFFFD
			}
			s = string(rune(x))
		} else {
			x := v.Uint()
			if uint64(rune(x)) != x || rune(x) < 0 {
				x = 0xFFFD
			}
			s = string(rune(x))
		}
		return stringValue(dst, s, fl)
	case dk == String && sk == Slice:
		if v.typ.elem.Kind() == Uint8 {
			return stringValue(dst, string(*(*[]byte)(v.ptr)), fl)
		}
		return stringValue(dst, string(*(*[]rune)(v.ptr)), fl)
	case sk == String && dk == Slice:
		s := *(*string)(v.ptr)
		h := new(sliceHeader)
		if dst.elem.Kind() == Uint8 {
			b := []byte(s)
			*(*[]byte)(unsafe.Pointer(h)) = b
		} else {
			r := []rune(s)
			*(*[]rune)(unsafe.Pointer(h)) = r
		}
		return Value{dst, unsafe.Pointer(h), fl | flagIndir}
	case dk == Interface:
		r := ifaceValue(dst, v)
		r.flag |= fl
		return r
	case sk == Slice && dk == Pointer:
		s := (*sliceHeader)(v.ptr)
		if s.len < int(dst.elem.len) {
			panic("reflect: cannot convert slice with length " + strconv.Itoa(s.len) + " to pointer to array with length " + strconv.Itoa(int(dst.elem.len)))
		}
		return Value{dst, s.data, fl}
	}
	// Identical underlying types: the same bits, retyped (a copy, as a conversion makes).
	if isDirect(dst) {
		return Value{dst, v.word(), fl}
	}
	c := unsafeNew(dst)
	memmove(c, v.ptr, dst.size)
	return Value{dst, c, fl | flagIndir}
}

func stringValue(t *rtype, s string, fl flag) Value {
	p := new(string)
	*p = s
	return Value{t, unsafe.Pointer(p), fl | flagIndir}
}

// intBits returns an integer value's bits, sign- or zero-extended to 64.
func (v Value) intBits() uint64 {
	k := v.kind()
	switch {
	case k >= Int && k <= Int64:
		return uint64(v.Int())
	}
	return v.Uint()
}

func (r Value) setIntBits(x uint64) {
	switch r.typ.size {
	case 1:
		*(*uint8)(r.ptr) = uint8(x)
	case 2:
		*(*uint16)(r.ptr) = uint16(x)
	case 4:
		*(*uint32)(r.ptr) = uint32(x)
	default:
		*(*uint64)(r.ptr) = x
	}
}

func (r Value) setFloatRaw(f float64) {
	if r.typ.Kind() == Float32 {
		*(*float32)(r.ptr) = float32(f)
	} else {
		*(*float64)(r.ptr) = f
	}
}

// CanConvert reports whether v.Convert(t) would succeed.
func (v Value) CanConvert(t Type) bool {
	vt := v.Type()
	if !vt.ConvertibleTo(t) {
		return false
	}
	if vt.Kind() == Slice && t.Kind() == Pointer && t.Elem().Kind() == Array {
		if t.Elem().Len() > v.Len() {
			return false
		}
	}
	return true
}

// SliceHeader and StringHeader are the run-time layouts of a slice and a string, which
// tbuild shares with Go (DESIGN.md, "The language": (pointer, len, cap) and (pointer,
// len)).
type SliceHeader struct {
	Data uintptr
	Len  int
	Cap  int
}

type StringHeader struct {
	Data uintptr
	Len  int
}
