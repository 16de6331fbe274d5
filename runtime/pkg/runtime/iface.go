// Interfaces: type descriptors, itabs, assertions and interface equality.
//
// Go: runtime/type.go (_type), runtime/iface.go (getitab, assertE2I, convI2I), runtime/alg.go
// (efaceeq, ifaceeq) and runtime/error.go (TypeAssertionError). tbuild's compiler emits a
// descriptor per type (weak symbols named type.<name>, so each type has one) and itabs for
// static conversions (registered at start-up from .itablink, as Go's itabsinit does); this
// file builds itabs at run time for dynamic conversions, checks
// type assertions and compares interface values. The descriptor layout is tbuild's own
// (DESIGN.md, "Interfaces"): simpler than Go's, with Go's kind numbers and type strings.

package runtime

import "unsafe"

// _type describes a type. The compiler lays out the field and method tables right after it
// (after a map type's maptype fields: map.go). equal compares two values of the type (nil
// for a type without ==, alg.go); gosize and linkname are the size and symbol name (less
// "type.") Go's own descriptor of the type has: Go's linker orders descriptors by them, and
// fmt orders interface map keys of different types by descriptor address, so fmt sorts by
// them to print such keys in Go's order.
type _type struct {
	size     uintptr
	kind     uintptr
	name     string
	elem     *_type // pointer, slice, array: the element; map: the element (value) type
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
	// For a collector, as Go's _type has them (Go 1.19 runtime/type.go): ptrdata is the
	// length of the prefix of a value that can hold pointers (0: none), gcdata a mask of
	// that prefix, bit i of byte i/8 set when word i holds a pointer (nil when ptrdata is
	// 0). An object of n elements allocated with an element type repeats the element's
	// mask every size bytes. The compiler writes both (codegen lower/gcmask.rs).
	ptrdata uintptr
	gcdata  *byte
	// For package reflect: a named type's package path and name (tname: "List[int]"; a
	// predeclared type's name, "int"), and for a func type the number of parameters (the
	// field table holds the parameters' then the results' types); for every type, flags
	// (xflag*, below).
	pkgpath string
	tname   string
	nin     uintptr
	xflags  uintptr
}

// _type.xflags: a func type whose last parameter is ...T; a type whose values an
// interface holds in its data word itself (Go's kindDirectIface bit), which the compiler
// sets (codegen lower/typedesc.rs) and reflect sets on the types it makes.
const (
	xflagVariadic    = 1
	xflagDirectIface = 2
)

type structField struct {
	name     string
	typ      *_type
	offset   uintptr
	embedded uintptr
	tag      string
	pkgpath  string // an unexported field's package path, for reflect
}

// method is an entry of a type's method set (fn takes the interface data word as its
// receiver) or of an interface's method list (fn is 0). Both are sorted by name.
type method struct {
	name string
	sig  string
	fn   uintptr
	mtyp *_type         // the method's func type (a concrete type's: the receiver first), for reflect
	mfn  unsafe.Pointer // a concrete type's method expression T.M as a func value, for reflect
	// exported is 1 for an exported method's name (Unicode upper case first), for reflect.
	exported uintptr
}

// itab is {inter, typ, fun[n]}; fun follows typ in memory.
type itab struct {
	inter *_type
	typ   *_type
}

// Kinds, in Go's reflect.Kind numbering (the compiler writes them into _type.kind).
const (
	kindBool = 1 + iota
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
	kindPtr
	kindSlice
	kindString
	kindStruct
	kindUnsafePointer
)

// isDirectIface reports whether an interface holds a value of type t in its data word
// itself, not a pointer to a copy: the one-word pointer kinds, and a struct or array whose
// only word is one of them.
func isDirectIface(t *_type) bool {
	return t.xflags&xflagDirectIface != 0
}

func methodAt(t *_type, i uintptr) *method {
	return (*method)(unsafe.Add(t.methods, i*unsafe.Sizeof(method{})))
}

func fieldAt(t *_type, i uintptr) *structField {
	return (*structField)(unsafe.Add(t.fields, i*unsafe.Sizeof(structField{})))
}

// getitab returns the itab of typ for interface inter: the one in the itab table (the
// compiler's, registered from .itablink by itabsinit, or one built before), or a new one.
// When typ lacks a method: nil if canfail, otherwise a panic naming the missing method.
// Go: runtime/iface.go getitab and (*itab).init.
func getitab(inter *_type, typ *_type, canfail bool) *itab {
	// The table's probe, written out here: this is every dynamic conversion's path, and
	// tbuild's compiler does not inline find. No lock: the table is replaced whole when it
	// grows, and an entry is filled before its inter is set (itabAdd).
	if t := (*itabTableType)(atomicloadp(unsafe.Pointer(&itabTable))); t != nil {
		mask := t.size - 1
		h := uintptr(unsafe.Pointer(inter))*0x9e3779b97f4a7c15 ^ uintptr(unsafe.Pointer(typ))
		h *= 0xbf58476d1ce4e5b9
		h = (h ^ h>>31) & mask // itabHash
		for i := uintptr(1); ; i++ {
			e := t.slot(h)
			if e.inter == inter && e.typ == typ {
				if e.tab == nil && !canfail {
					panicMissingMethod(typ, inter, firstMissing(typ, inter))
				}
				return e.tab
			}
			if e.inter == nil {
				break
			}
			h = (h + i) & mask
		}
	}
	lock(&itabLock)
	tab, missing := lookupOrAddItab(inter, typ)
	unlock(&itabLock)
	if tab == nil && !canfail {
		panicMissingMethod(typ, inter, missing)
	}
	return tab
}

// lookupOrAddItab is getitab's slow path, under itabLock: the itab of (inter, typ), made
// and entered in the table if another M did not just do so, or nil and the first method
// of inter that typ lacks.
func lookupOrAddItab(inter *_type, typ *_type) (*itab, string) {
	if e := itabTable.find(inter, typ); e != nil {
		if e.tab == nil {
			return nil, firstMissing(typ, inter)
		}
		return e.tab, ""
	}
	n := inter.nmethods
	tab := (*itab)(mallocgc(16+8*n, nil, true))
	tab.inter = inter
	tab.typ = typ
	j := uintptr(0)
	for i := uintptr(0); i < n; i++ {
		im := methodAt(inter, i)
		for j < typ.nmethods && methodAt(typ, j).name < im.name {
			j++
		}
		if j >= typ.nmethods || methodAt(typ, j).name != im.name || methodAt(typ, j).sig != im.sig {
			// Remember the failure too, so repeated assertions allocate nothing.
			itabAdd(inter, typ, nil)
			return nil, im.name
		}
		*(*uintptr)(unsafe.Add(unsafe.Pointer(tab), 16+8*i)) = methodAt(typ, j).fn
	}
	itabAdd(inter, typ, tab)
	return tab, ""
}

// itabTableType is the table of every itab the program has met: the compiler's (itabsinit
// adds them from .itablink) and those getitab built, with the (inter, typ) pairs that have
// no itab. Open addressing over a power-of-two array, probing 1, 2, 3, ... slots further,
// grown to twice the size at 3/4 full. Go: runtime/iface.go itabTableType, whose hash is
// the two types' hashes; here it is of the descriptors' addresses, since each type has one
// descriptor.
type itabTableType struct {
	size  uintptr // slots, a power of 2
	count uintptr // slots in use
	// followed by size itabEntry records; an empty slot has a nil inter
}

type itabEntry struct {
	inter *_type
	typ   *_type
	tab   *itab // nil: typ does not implement inter
}

// itabTable is one per process, as Go's: itabs are shared by every goroutine. Lookups read
// it without a lock; itabLock serialises the additions, and a table that grows is replaced
// by a new one, published with one pointer store (the old one is left to the collector,
// as Go leaves it).
var (
	itabTable *itabTableType
	itabLock  mutex
)

const itabInitSize = 512 // slots in the first table (Go: itabInitSize)

func itabHash(inter *_type, typ *_type) uintptr {
	h := uintptr(unsafe.Pointer(inter))*0x9e3779b97f4a7c15 ^ uintptr(unsafe.Pointer(typ))
	h *= 0xbf58476d1ce4e5b9
	return h ^ h>>31
}

func (t *itabTableType) slot(i uintptr) *itabEntry {
	return (*itabEntry)(unsafe.Add(unsafe.Pointer(t), unsafe.Sizeof(itabTableType{})+i*unsafe.Sizeof(itabEntry{})))
}

// find returns the entry of (inter, typ), or nil when the table has none.
func (t *itabTableType) find(inter *_type, typ *_type) *itabEntry {
	if t == nil {
		return nil
	}
	mask := t.size - 1
	h := itabHash(inter, typ) & mask
	for i := uintptr(1); ; i++ {
		e := t.slot(h)
		if e.inter == nil {
			return nil
		}
		if e.inter == inter && e.typ == typ {
			return e
		}
		h = (h + i) & mask
	}
}

// itabAdd enters (inter, typ) -> tab, which the table does not have, growing the table
// first when it would be over 3/4 full. itabLock must be held.
func itabAdd(inter *_type, typ *_type, tab *itab) {
	t := itabTable
	if t == nil || (t.count+1)*4 > t.size*3 {
		t = itabGrow(t)
	}
	t.insert(inter, typ, tab)
}

// insert fills a free slot of t. inter goes in last: a lookup on another M that finds it
// finds typ and tab already there.
func (t *itabTableType) insert(inter *_type, typ *_type, tab *itab) {
	mask := t.size - 1
	h := itabHash(inter, typ) & mask
	for i := uintptr(1); ; i++ {
		e := t.slot(h)
		if e.inter == nil {
			e.tab = tab
			e.typ = typ
			atomicstorep(unsafe.Pointer(&e.inter), unsafe.Pointer(inter))
			t.count++
			return
		}
		h = (h + i) & mask
	}
}

// itabGrow makes the table twice the size of old (the first one: itabInitSize slots) with
// old's entries, and publishes it.
func itabGrow(old *itabTableType) *itabTableType {
	size := uintptr(itabInitSize)
	if old != nil {
		size = old.size * 2
	}
	t := (*itabTableType)(mallocRuntime(unsafe.Sizeof(itabTableType{})+size*unsafe.Sizeof(itabEntry{})))
	t.size = size
	if old != nil {
		for i := uintptr(0); i < old.size; i++ {
			if e := old.slot(i); e.inter != nil {
				t.insert(e.inter, e.typ, e.tab)
			}
		}
	}
	atomicstorep(unsafe.Pointer(&itabTable), unsafe.Pointer(t))
	return t
}

// itabsinit enters the compiler's itabs, which the linker lists in .itablink, into the itab
// table, so that a conversion made at run time finds the very itab compiled code uses.
// Go: runtime/iface.go itabsinit and itabAdd.
func itabsinit() {
	lock(&itabLock)
	for _, tab := range firstmoduledata.itablinks {
		if itabTable.find(tab.inter, tab.typ) == nil {
			itabAdd(tab.inter, tab.typ, tab)
		}
	}
	unlock(&itabLock)
}

// convI2I converts an interface value with dynamic type typ to interface inter, for
// conversions the compiler proved valid. Go: runtime/iface.go convI2I.
func convI2I(inter *_type, typ *_type) *itab {
	if typ == nil {
		return nil
	}
	return getitab(inter, typ, false)
}

// assertI is the test of x.(I) for a non-empty interface I: the itab, or nil when typ does
// not implement I (or is nil). Go: runtime/iface.go assertE2I2.
func assertI(inter *_type, typ *_type) *itab {
	if typ == nil {
		return nil
	}
	return getitab(inter, typ, true)
}

// panicdottype reports a failed x.(T): have is x's dynamic type (nil for a nil x), want is
// T, iface is x's static type. Go: runtime/iface.go panicdottypeE; a failed assertion to an
// interface type names its first missing method (assertE2I).
func panicdottype(have *_type, want *_type, iface *_type) {
	e := newTypeAssertionError()
	e.have = have
	e.want = want
	if want.kind != kindInterface {
		e.iface = iface
	} else if have != nil {
		// Go's path is assertE2I -> getitab -> panic: three runtime frames, as here.
		e.missing = firstMissing(have, want)
		raiseTypeAssertionError(e)
	}
	// Go's panicdottypeE (and assertE2I for a nil interface, whose static type Go does not
	// name: "interface is nil") panics itself: one runtime frame above the failing code, as
	// here (runtime.Callers counts them).
	var v any = e
	pv := *(*eface)(unsafe.Pointer(&v))
	gopanic(pv._type, pv.data, goframesRuntimeError)
}

// panicMissingMethod reports that typ lacks method name of interface inter, in a conversion
// the compiler could not check (getitab).
func panicMissingMethod(typ *_type, inter *_type, name string) {
	e := newTypeAssertionError()
	e.have = typ
	e.want = inter
	e.missing = name
	raiseTypeAssertionError(e)
}

// newTypeAssertionError allocates a zeroed TypeAssertionError on the heap (new and & of a
// literal make stack temporaries in package runtime).
func newTypeAssertionError() *TypeAssertionError {
	return (*TypeAssertionError)(mallocRuntime(unsafe.Sizeof(TypeAssertionError{})))
}

func raiseTypeAssertionError(e *TypeAssertionError) {
	goframes := goframesRuntimeError
	if e.missing != "" {
		goframes = goframesMissingMethod
	}
	var v any = e
	pv := *(*eface)(unsafe.Pointer(&v))
	gopanic(pv._type, pv.data, goframes)
}

func firstMissing(typ *_type, inter *_type) string {
	for i := uintptr(0); i < inter.nmethods; i++ {
		im := methodAt(inter, i)
		if findMethod(typ, im.name, im.sig) == 0 {
			return im.name
		}
	}
	return ""
}

// ifaceeq compares two interface values given their dynamic types and data words.
// Go: runtime/alg.go efaceeq/ifaceeq: equal types and equal values, and a run-time panic
// when the type is not comparable.
func ifaceeq(t1 *_type, d1 unsafe.Pointer, t2 *_type, d2 unsafe.Pointer) bool {
	if t1 != t2 {
		return false
	}
	if t1 == nil {
		return true
	}
	// A type that cannot be compared is reported by its own name before any part of the
	// values is looked at (Go's type has no equal function then): a map or func held in
	// the data word too.
	if !comparableType(t1) {
		pv := runtimeError("comparing uncomparable type " + t1.name)
		gopanic(pv._type, pv.data, goframesRuntimeError)
	}
	if isDirectIface(t1) {
		return d1 == d2
	}
	return valueeq(t1, d1, d2)
}

// comparableType reports whether values of type t can be compared with ==: not slices,
// maps or funcs, nor structs or arrays holding one.
func comparableType(t *_type) bool {
	switch t.kind {
	case kindSlice, kindFunc, kindMap:
		return false
	case kindArray:
		return comparableType(t.elem)
	case kindStruct:
		for i := uintptr(0); i < t.nfields; i++ {
			if !comparableType(fieldAt(t, i).typ) {
				return false
			}
		}
	}
	return true
}

// valueeq compares two values of type t in memory.
func valueeq(t *_type, a unsafe.Pointer, b unsafe.Pointer) bool {
	if t.tflag&tflagMade != 0 {
		return t.equal(a, b)
	}
	k := t.kind
	if k == kindSlice || k == kindFunc || k == kindMap {
		pv := runtimeError("comparing uncomparable type "+t.name)
		gopanic(pv._type, pv.data, goframesRuntimeError)
	}
	if k == kindFloat64 {
		return *(*float64)(a) == *(*float64)(b)
	}
	if k == kindFloat32 {
		return *(*float32)(a) == *(*float32)(b)
	}
	if k == kindComplex64 {
		return c64equal(a, b)
	}
	if k == kindComplex128 {
		return c128equal(a, b)
	}
	if k == kindString {
		return *(*string)(a) == *(*string)(b)
	}
	if k == kindInterface {
		ta := *(**_type)(a)
		tb := *(**_type)(b)
		if t.nmethods > 0 {
			// A non-empty interface holds an itab: compare dynamic types.
			if ta != nil {
				ta = (*itab)(unsafe.Pointer(ta)).typ
			}
			if tb != nil {
				tb = (*itab)(unsafe.Pointer(tb)).typ
			}
		}
		return ifaceeq(ta, *(*unsafe.Pointer)(unsafe.Add(a, 8)), tb, *(*unsafe.Pointer)(unsafe.Add(b, 8)))
	}
	if k == kindStruct {
		// Go's order (cmd/compile reflectdata EqStruct): a field whose comparison may panic
		// (eqCanPanic) is compared alone, after the fields before it; between such fields,
		// every field but the strings is compared first, with the strings' lengths, and the
		// strings' bytes last. Which comparison comes first shows when a string's bytes
		// cannot be read (gotest fixedbugs/issue8606b).
		for i := uintptr(0); i < t.nfields; {
			end := i
			for end < t.nfields && !eqCanPanic(fieldAt(t, end)) {
				end++
			}
			if !fieldsEqual(t, a, b, i, end) {
				return false
			}
			if end < t.nfields {
				f := fieldAt(t, end)
				if !valueeq(f.typ, unsafe.Add(a, f.offset), unsafe.Add(b, f.offset)) {
					return false
				}
				end++
			}
			i = end
		}
		return true
	}
	if k == kindArray {
		for i := uintptr(0); i < t.len; i++ {
			if !valueeq(t.elem, unsafe.Add(a, i*t.elem.size), unsafe.Add(b, i*t.elem.size)) {
				return false
			}
		}
		return true
	}
	return memequal(a, b, t.size)
}

// fieldsEqual compares fields [from, to) of structs a and b of type t, none of which may
// panic: the strings' bytes after everything else (valueeq).
func fieldsEqual(t *_type, a unsafe.Pointer, b unsafe.Pointer, from, to uintptr) bool {
	for i := from; i < to; i++ {
		f := fieldAt(t, i)
		pa, pb := unsafe.Add(a, f.offset), unsafe.Add(b, f.offset)
		if f.name == "_" {
			continue
		}
		if f.typ.kind == kindString {
			if len(*(*string)(pa)) != len(*(*string)(pb)) {
				return false
			}
		} else if !valueeq(f.typ, pa, pb) {
			return false
		}
	}
	for i := from; i < to; i++ {
		f := fieldAt(t, i)
		if f.name != "_" && f.typ.kind == kindString && *(*string)(unsafe.Add(a, f.offset)) != *(*string)(unsafe.Add(b, f.offset)) {
			return false
		}
	}
	return true
}

// eqCanPanic reports whether comparing values of field f's type may panic: an interface
// may hold an uncomparable value. A blank field is never compared. Go: reflectdata
// eqCanPanic.
func eqCanPanic(f *structField) bool {
	return f.name != "_" && typeEqCanPanic(f.typ)
}

func typeEqCanPanic(t *_type) bool {
	switch t.kind {
	case kindInterface:
		return true
	case kindArray:
		return typeEqCanPanic(t.elem)
	case kindStruct:
		for i := uintptr(0); i < t.nfields; i++ {
			if eqCanPanic(fieldAt(t, i)) {
				return true
			}
		}
	}
	return false
}

// findMethod returns the code address of t's method name with signature sig, or 0 if t has
// none. The entry takes the interface's data word as its receiver.
func findMethod(t *_type, name string, sig string) uintptr {
	for i := uintptr(0); i < t.nmethods; i++ {
		m := methodAt(t, i)
		if m.name == name && m.sig == sig {
			return m.fn
		}
	}
	return 0
}

// callStringMethod calls the method of signature "() string" at code address fn with
// receiver recv (an interface's data word). A func value is a pointer to a word holding the
// code address (runtime2.go funcval).
func callStringMethod(fn uintptr, recv unsafe.Pointer) string {
	code := fn
	fv := &code
	f := *(*func(unsafe.Pointer) string)(unsafe.Pointer(&fv))
	return f(recv)
}
