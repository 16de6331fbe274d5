// rvalue: the part of reflect.Value that Go's fmt uses, over tbuild's type descriptors.
//
// An interface value is two words (DESIGN.md, "Interfaces"): the dynamic type's descriptor
// (for a non-empty interface, an itab whose typ is the descriptor) and a data word, which
// holds a one-word pointer value itself (and a struct or array of one such word) and
// otherwise points to the value. The runtime
// owns the descriptor layout; fmt reads descriptors only through the runtime's fmt_*
// accessors (runtime/typeinfo.go), declared here with //go:linkname as Go's standard
// library reaches into the runtime.

package fmt

import "unsafe"

//go:linkname typeKind runtime.fmt_typeKind
func typeKind(t unsafe.Pointer) int

//go:linkname typeDirectIface runtime.fmt_typeDirectIface
func typeDirectIface(t unsafe.Pointer) bool

//go:linkname typeString runtime.fmt_typeString
func typeString(t unsafe.Pointer) string

//go:linkname typeSize runtime.fmt_typeSize
func typeSize(t unsafe.Pointer) uintptr

//go:linkname typeElem runtime.fmt_typeElem
func typeElem(t unsafe.Pointer) unsafe.Pointer

//go:linkname typeLen runtime.fmt_typeLen
func typeLen(t unsafe.Pointer) int

//go:linkname typeNumField runtime.fmt_typeNumField
func typeNumField(t unsafe.Pointer) int

//go:linkname typeField runtime.fmt_typeField
func typeField(t unsafe.Pointer, i int) (string, unsafe.Pointer, uintptr, bool)

//go:linkname typeNumMethod runtime.fmt_typeNumMethod
func typeNumMethod(t unsafe.Pointer) int

//go:linkname typeHasMethod runtime.fmt_typeHasMethod
func typeHasMethod(t unsafe.Pointer, name string, sig string) bool

//go:linkname itabType runtime.fmt_itabType
func itabType(tab unsafe.Pointer) unsafe.Pointer

// efaceWords returns the words of an `any` and makeEface makes one: reading them through
// &a instead would move a to the heap (tbuild allocates every local whose address is taken).
//
//go:linkname efaceWords runtime.fmt_efaceWords
func efaceWords(a any) (unsafe.Pointer, unsafe.Pointer)

//go:linkname makeEface runtime.fmt_efaceWords
func makeEface(t unsafe.Pointer, data unsafe.Pointer) any

// Kinds, in reflect.Kind's numbering (the runtime's descriptors use it). Chan, Map and the
// complex kinds are listed for completeness: the language has no such values yet.
const (
	kindInvalid = iota
	kindBool
	kindInt
	kindInt8
	kindInt16
	kindInt32
	kindInt64
	kindUint
	kindUint8
	kindUint16
	kindUint32
	kindUint64
	kindUintptr
	kindFloat32
	kindFloat64
	kindComplex64
	kindComplex128
	kindArray
	kindChan
	kindFunc
	kindInterface
	kindMap
	kindPointer
	kindSlice
	kindString
	kindStruct
	kindUnsafePointer
)

// eface is the layout of an `any` value.
type eface struct {
	typ  unsafe.Pointer
	data unsafe.Pointer
}

// sliceHeader is the layout of a slice value.
type sliceHeader struct {
	data unsafe.Pointer
	len  int
	cap  int
}

// Flags of an rvalue: whether it was reached through an unexported field, which makes
// Interface unavailable (so fmt calls no String or Error method on it), as in reflect:
// flagStickyRO passes to everything reached from the value, flagEmbedRO (an unexported
// embedded field) only to its elements, not its fields.
const (
	flagStickyRO = 1
	flagEmbedRO  = 2
	flagRO       = flagStickyRO | flagEmbedRO

	// flagDirect: ptr is the value itself (a pointer taken from an interface's data word),
	// not its address, which saves allocating a word for it.
	flagDirect = 4
)

// An rvalue is a value of type typ stored at ptr (typ nil: the invalid Value).
//
// The words are *byte, not unsafe.Pointer, because tbuild cannot yet resolve an imported
// package's type in the fields of a struct type that has methods
// (/work/notes/compiler-bugs.md); v.typ() and v.ptr() convert them.
type rvalue struct {
	t    *byte
	p    *byte
	flag int
}

func mkValue(t unsafe.Pointer, p unsafe.Pointer, flag int) rvalue {
	return rvalue{(*byte)(t), (*byte)(p), flag}
}

func (v rvalue) typ() unsafe.Pointer {
	return unsafe.Pointer(v.t)
}

func (v rvalue) ptr() unsafe.Pointer {
	return unsafe.Pointer(v.p)
}

// isDirect reports whether an rvalue of kind k holds the value itself in its pointer word
// (flagDirect): the one-word pointer kinds an interface holds in its data word.
func isDirect(k int) bool {
	switch k {
	case kindPointer, kindUnsafePointer, kindMap, kindChan, kindFunc:
		return true
	}
	return false
}

// valueFromWords returns the value held by an interface with dynamic type t and data word
// data.
func valueFromWords(t unsafe.Pointer, data unsafe.Pointer, flag int) rvalue {
	if t == nil {
		return rvalue{}
	}
	if isDirect(typeKind(t)) {
		return mkValue(t, data, flag|flagDirect)
	}
	if typeDirectIface(t) {
		// A struct or array of one pointer word: the word, in memory of its own, as any
		// aggregate's fields are read.
		p := new(unsafe.Pointer)
		*p = data
		return mkValue(t, unsafe.Pointer(p), flag)
	}
	return mkValue(t, data, flag)
}

// valueOf returns the value held by a. Go: reflect.ValueOf.
func valueOf(a any) rvalue {
	t, data := efaceWords(a)
	return valueFromWords(t, data, 0)
}

// reflectValue returns the value a reflect.Value operand holds, which fmt prints in its
// place as Go's fmt does (fmt/print.go printArg, case reflect.Value). fmt does not import
// reflect (programs that print would carry it): it knows a Value by its type's string,
// which no other type has (a program's own types are main's), and reads its words, (type,
// pointer, flags) in runtime/pkg/reflect/value.go: flags 1 and 2 are read-only marks as
// here, and 4 (flagIndir) means the pointer addresses the value, else it is the value.
func reflectValue(a any) (rvalue, bool) {
	t, data := efaceWords(a)
	if t == nil || typeString(t) != "reflect.Value" {
		return rvalue{}, false
	}
	w := (*[3]unsafe.Pointer)(data)
	fl := int(uintptr(w[2])) & flagRO
	if uintptr(w[2])&4 == 0 {
		fl |= flagDirect
	}
	return mkValue(w[0], w[1], fl), true
}

// kindOf returns the kind of a's dynamic type (kindInvalid for nil).
func kindOf(a any) int {
	t, _ := efaceWords(a)
	if t == nil {
		return kindInvalid
	}
	return typeKind(t)
}

// typeStringOf returns the string of a's dynamic type. Go: reflect.TypeOf(a).String().
func typeStringOf(a any) string {
	t, _ := efaceWords(a)
	if t == nil {
		return nilAngleString
	}
	return typeString(t)
}

// hasMethod reports whether a's dynamic type has the method name with signature sig, the
// test a type assertion to an interface with that method makes (checked first, so that
// values without the method skip the assertion).
func hasMethod(a any, name string, sig string) bool {
	t, _ := efaceWords(a)
	return t != nil && typeHasMethod(t, name, sig)
}

func (v rvalue) IsValid() bool {
	return v.t != nil
}

func (v rvalue) Kind() int {
	if v.t == nil {
		return kindInvalid
	}
	return typeKind(v.typ())
}

func (v rvalue) Type() rtype {
	return rtype{v.t}
}

func (v rvalue) Bool() bool {
	return *(*bool)(v.ptr())
}

func (v rvalue) Int() int64 {
	switch v.Kind() {
	case kindInt8:
		return int64(*(*int8)(v.ptr()))
	case kindInt16:
		return int64(*(*int16)(v.ptr()))
	case kindInt32:
		return int64(*(*int32)(v.ptr()))
	}
	return *(*int64)(v.ptr())
}

func (v rvalue) Uint() uint64 {
	switch v.Kind() {
	case kindUint8:
		return uint64(*(*uint8)(v.ptr()))
	case kindUint16:
		return uint64(*(*uint16)(v.ptr()))
	case kindUint32:
		return uint64(*(*uint32)(v.ptr()))
	}
	return *(*uint64)(v.ptr())
}

func (v rvalue) Float() float64 {
	if v.Kind() == kindFloat32 {
		return float64(*(*float32)(v.ptr()))
	}
	return *(*float64)(v.ptr())
}

func (v rvalue) Complex() complex128 {
	if v.Kind() == kindComplex64 {
		return complex128(*(*complex64)(v.ptr()))
	}
	return *(*complex128)(v.ptr())
}

func (v rvalue) String() string {
	return *(*string)(v.ptr())
}

// Bytes returns a []byte value's slice.
func (v rvalue) Bytes() []byte {
	return *(*[]byte)(v.ptr())
}

// Len returns the length of an array or slice.
func (v rvalue) Len() int {
	if v.Kind() == kindArray {
		return typeLen(v.typ())
	}
	return (*sliceHeader)(v.ptr()).len
}

// Index returns element i of an array or slice.
func (v rvalue) Index(i int) rvalue {
	et := typeElem(v.typ())
	base := v.ptr()
	if v.Kind() == kindSlice {
		base = (*sliceHeader)(v.ptr()).data
	}
	return mkValue(et, unsafe.Add(base, uintptr(i)*typeSize(et)), v.ro())
}

// ro returns the read-only flag passed to elements. Go: reflect's flag.ro.
func (v rvalue) ro() int {
	if v.flag&flagRO != 0 {
		return flagStickyRO
	}
	return 0
}

func (v rvalue) NumField() int {
	return typeNumField(v.typ())
}

// Field returns struct field i.
func (v rvalue) Field(i int) rvalue {
	name, t, off, embedded := typeField(v.typ(), i)
	fl := v.flag & flagStickyRO
	if !isExported(name) {
		if embedded {
			fl |= flagEmbedRO
		} else {
			fl |= flagStickyRO
		}
	}
	return mkValue(t, unsafe.Add(v.ptr(), off), fl)
}

// isExported reports whether a field name starts with an upper-case letter (an ASCII one:
// tbuild's fmt has no Unicode letter tables).
func isExported(name string) bool {
	return len(name) > 0 && name[0] >= 'A' && name[0] <= 'Z'
}

// word returns the one-word value of a pointer, unsafe.Pointer, slice (its data pointer),
// function or interface (its type word) value.
func (v rvalue) word() unsafe.Pointer {
	if v.flag&flagDirect != 0 {
		return v.ptr()
	}
	return *(*unsafe.Pointer)(v.ptr())
}

// IsNil reports whether a pointer, slice, function or interface value is nil.
func (v rvalue) IsNil() bool {
	return v.word() == nil
}

// Elem returns the value an interface holds or a pointer points to.
func (v rvalue) Elem() rvalue {
	if v.Kind() == kindInterface {
		e := (*eface)(v.ptr())
		t := e.typ
		if t != nil && typeNumMethod(v.typ()) > 0 {
			t = itabType(t)
		}
		return valueFromWords(t, e.data, v.ro())
	}
	p := v.word()
	if p == nil {
		return rvalue{}
	}
	return mkValue(typeElem(v.typ()), p, v.flag&flagRO)
}

// Pointer returns the address a pointer, unsafe.Pointer or slice value holds, and for a
// function value the code address (a function value points to a word holding it).
func (v rvalue) Pointer() uintptr {
	p := v.word()
	if v.Kind() == kindFunc && p != nil {
		return *(*uintptr)(p)
	}
	return uintptr(p)
}

func (v rvalue) CanInterface() bool {
	return v.flag&flagRO == 0
}

// Interface returns the value as an `any` (sharing the value's memory instead of copying
// it: fmt only reads it).
func (v rvalue) Interface() any {
	if v.Kind() == kindInterface {
		// The interface's own dynamic value, as reflect's packEface gives it.
		in := (*eface)(v.ptr())
		t := in.typ
		if t != nil && typeNumMethod(v.typ()) > 0 {
			t = itabType(t)
		}
		return makeEface(t, in.data)
	}
	if typeDirectIface(v.typ()) {
		return makeEface(v.typ(), v.word())
	}
	return makeEface(v.typ(), v.ptr())
}

// An rtype is a type, for Type().String(), Elem() and Field(i).Name.
type rtype struct {
	t *byte
}

func (t rtype) typ() unsafe.Pointer {
	return unsafe.Pointer(t.t)
}

func (t rtype) String() string {
	return typeString(t.typ())
}

func (t rtype) Kind() int {
	return typeKind(t.typ())
}

func (t rtype) Elem() rtype {
	return rtype{(*byte)(typeElem(t.typ()))}
}

// structField is the part of reflect.StructField fmt uses.
type structField struct {
	Name string
}

func (t rtype) Field(i int) structField {
	name, _, _, _ := typeField(t.typ(), i)
	return structField{name}
}

// isNilValueMethod reports whether a holds a nil pointer whose method name (of signature
// sig) has a value receiver: calling it panics in Go, and Go's fmt recovers and prints
// "<nil>".
func isNilValueMethod(a any, name string, sig string) bool {
	v := valueOf(a)
	if v.Kind() != kindPointer || !v.IsNil() {
		return false
	}
	return typeHasMethod(typeElem(v.typ()), name, sig)
}
