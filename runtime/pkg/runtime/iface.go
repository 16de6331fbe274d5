// Interfaces: type descriptors, itabs, assertions and interface equality.
//
// Go: runtime/type.go (_type), runtime/iface.go (getitab, assertE2I, convI2I), runtime/alg.go
// (efaceeq, ifaceeq) and runtime/error.go (TypeAssertionError). tbuild's compiler emits a
// descriptor per type (weak symbols named type.<name>, so each type has one) and itabs for
// static conversions; this file builds itabs at run time for dynamic conversions, checks
// type assertions and compares interface values. The descriptor layout is tbuild's own
// (DESIGN.md, "Interfaces"): simpler than Go's, with Go's kind numbers and type strings.

package runtime

import "unsafe"

// _type describes a type. The compiler lays out the field and method tables right after it.
type _type struct {
	size     uintptr
	kind     uintptr
	name     string
	elem     *_type
	len      uintptr
	fields   unsafe.Pointer
	nfields  uintptr
	methods  unsafe.Pointer
	nmethods uintptr
	named    uintptr
	_        uintptr
}

type structField struct {
	name     string
	typ      *_type
	offset   uintptr
	embedded uintptr
}

// method is an entry of a type's method set (fn takes the interface data word as its
// receiver) or of an interface's method list (fn is 0). Both are sorted by name.
type method struct {
	name string
	sig  string
	fn   uintptr
}

// itab is {inter, typ, fun[n]}; fun follows typ in memory.
type itab struct {
	inter *_type
	typ   *_type
}

// Go's reflect.Kind values used here.
const (
	kindBool          = 1
	kindFloat32       = 13
	kindFloat64       = 14
	kindArray         = 17
	kindFunc          = 19
	kindInterface     = 20
	kindPtr           = 22
	kindSlice         = 23
	kindString        = 24
	kindStruct        = 25
	kindUnsafePointer = 26
)

func methodAt(t *_type, i uintptr) *method {
	return (*method)(unsafe.Add(t.methods, i*unsafe.Sizeof(method{})))
}

func fieldAt(t *_type, i uintptr) *structField {
	return (*structField)(unsafe.Add(t.fields, i*unsafe.Sizeof(structField{})))
}

// itabEntry caches the itabs built at run time. Go: runtime/iface.go itabTable.
type itabEntry struct {
	inter *_type
	typ   *_type
	tab   *itab
	next  *itabEntry
}

var itabCache *itabEntry

// getitab returns the itab of typ for interface inter, building it on first use. When typ
// lacks a method: nil if canfail, otherwise a panic naming the missing method.
// Go: runtime/iface.go getitab and (*itab).init.
func getitab(inter *_type, typ *_type, canfail bool) *itab {
	for e := itabCache; e != nil; e = e.next {
		if e.inter == inter && e.typ == typ {
			return e.tab
		}
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
			if canfail {
				// Remember the failure too, so repeated assertions allocate nothing.
				addItab(inter, typ, nil)
				return nil
			}
			panicMissingMethod(typ, inter, im.name)
		}
		*(*uintptr)(unsafe.Add(unsafe.Pointer(tab), 16+8*i)) = methodAt(typ, j).fn
	}
	addItab(inter, typ, tab)
	return tab
}

func addItab(inter *_type, typ *_type, tab *itab) {
	e := (*itabEntry)(mallocgc(unsafe.Sizeof(itabEntry{}), nil, true))
	e.inter = inter
	e.typ = typ
	e.tab = tab
	e.next = itabCache
	itabCache = e
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

// The message of the interface conversion panic being printed (printRuntimeError3).
var typeAssertMsg string

// panicdottype reports a failed x.(T): have is x's dynamic type, want is T, iface is x's
// static type. Go: runtime/iface.go panicdottypeE and TypeAssertionError.Error.
func panicdottype(have *_type, want *_type, iface *_type) {
	// Go names the static type only when asserting to a concrete type (assertE2I passes no
	// interface type: "interface is nil, not main.I").
	inter := "interface"
	if iface != nil && want.kind != kindInterface {
		inter = iface.name
	}
	if have == nil {
		typeAssertMsg = concatstring2(concatstring2(concatstring2("interface conversion: ", inter), " is nil, not "), want.name)
	} else if want.kind == kindInterface {
		panicMissingMethod(have, want, firstMissing(have, want))
	} else {
		typeAssertMsg = concatstring2(concatstring2(concatstring2(concatstring2(concatstring2("interface conversion: ", inter), " is "), have.name), ", not "), want.name)
	}
	gopanicRuntimeError(errTypeAssert, 0, 0, getpc(), getfp())
}

func panicMissingMethod(typ *_type, inter *_type, name string) {
	typeAssertMsg = concatstring2(concatstring2(concatstring2(concatstring2(concatstring2("interface conversion: ", typ.name), " is not "), inter.name), ": missing method "), name)
	gopanicRuntimeError(errTypeAssert, 0, 0, getpc(), getfp())
}

func firstMissing(typ *_type, inter *_type) string {
	for i := uintptr(0); i < inter.nmethods; i++ {
		im := methodAt(inter, i)
		found := false
		for j := uintptr(0); j < typ.nmethods; j++ {
			if methodAt(typ, j).name == im.name && methodAt(typ, j).sig == im.sig {
				found = true
			}
		}
		if !found {
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
	if t1.kind == kindPtr || t1.kind == kindUnsafePointer {
		return d1 == d2
	}
	return valueeq(t1, d1, d2)
}

// valueeq compares two values of type t in memory.
func valueeq(t *_type, a unsafe.Pointer, b unsafe.Pointer) bool {
	k := t.kind
	if k == kindSlice || k == kindFunc || k == 21 {
		uncomparableType = t.name
		gopanicRuntimeError(errUncomparable, 0, 0, getpc(), getfp())
	}
	if k == kindFloat64 {
		return *(*float64)(a) == *(*float64)(b)
	}
	if k == kindFloat32 {
		return *(*float32)(a) == *(*float32)(b)
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
		for i := uintptr(0); i < t.nfields; i++ {
			f := fieldAt(t, i)
			if f.name == "_" {
				continue
			}
			if !valueeq(f.typ, unsafe.Add(a, f.offset), unsafe.Add(b, f.offset)) {
				return false
			}
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

var uncomparableType string

const (
	errTypeAssert = iota + 200
	errUncomparable
)

// printRuntimeError3 prints the panics of this file (called by printRuntimeError2).
func printRuntimeError3(kind int) {
	if kind == errTypeAssert {
		print(typeAssertMsg)
	} else if kind == errUncomparable {
		print("runtime error: comparing uncomparable type ", uncomparableType)
	} else if kind == errUserValue {
		printpanicval(panicTyp, panicData)
	} else {
		print("runtime error: unknown")
	}
}

// The value of a panic(v) being printed.
var panicTyp *_type
var panicData unsafe.Pointer

const errUserValue = 210

// gopanic implements panic(v) for a value converted to interface{}. Without defer and
// recover a panic is fatal (print "panic: " and the value, the traceback, exit 2) unless fmt
// is calling a method under fmt_catch (panic.go).
// Go: runtime/panic.go gopanic and printpanics.
func gopanic(typ *_type, data unsafe.Pointer) {
	panicTyp = typ
	panicData = data
	gopanicRuntimeError(errUserValue, 0, 0, getpc(), getfp())
}

// panicValue is the value a caught panic hands to fmt: the panic(v) operand itself, or for a
// runtime error the text Go's Error method gives (fmt shows either with %v, so the two print
// alike).
func panicValue(kind int, x int64, y int) (*_type, unsafe.Pointer) {
	if kind == errUserValue {
		return panicTyp, panicData
	}
	gp := getg()
	gp.writebuf = make([]byte, 0, 256)
	printRuntimeError(kind, x, y)
	var v any = string(gp.writebuf)
	gp.writebuf = nil
	words := (*[2]unsafe.Pointer)(unsafe.Pointer(&v))
	return (*_type)(words[0]), words[1]
}

// callStringMethod calls typ's method name if it has signature "() string" (an error's Error
// or a Stringer's String), with the interface data word as its receiver.
func callStringMethod(typ *_type, data unsafe.Pointer, name string) (string, bool) {
	for i := uintptr(0); i < typ.nmethods; i++ {
		m := methodAt(typ, i)
		if m.name == name && m.sig == "() string" && m.fn != 0 {
			code := m.fn
			fv := &code
			f := *(*func(unsafe.Pointer) string)(unsafe.Pointer(&fv))
			return f(data), true
		}
	}
	return "", false
}

// printpanicval prints a panic value as Go does: an error's Error(), a Stringer's String(),
// a basic value plainly, a named basic type as T(value), anything else as (T) address.
// Go: runtime/error.go printpanicval and printanycustomtype.
func printpanicval(typ *_type, data unsafe.Pointer) {
	if typ == nil {
		print("nil")
		return
	}
	if s, ok := callStringMethod(typ, data, "Error"); ok {
		print(s)
		return
	}
	if s, ok := callStringMethod(typ, data, "String"); ok {
		print(s)
		return
	}
	k := typ.kind
	named := typ.named != 0
	basic := k == kindBool || (k >= 2 && k <= 14) || k == kindString
	if !basic {
		print("(", typ.name, ") ")
		printpointer(data)
		return
	}
	if named {
		print(typ.name, "(")
		if k == kindString {
			print("\"")
		}
	}
	if k == kindBool {
		print(*(*bool)(data))
	} else if k == 2 || k == 6 {
		print(*(*int64)(data))
	} else if k == 3 {
		print(*(*int8)(data))
	} else if k == 4 {
		print(*(*int16)(data))
	} else if k == 5 {
		print(*(*int32)(data))
	} else if k == 7 || k == 11 || k == 12 {
		print(*(*uint64)(data))
	} else if k == 8 {
		print(*(*uint8)(data))
	} else if k == 9 {
		print(*(*uint16)(data))
	} else if k == 10 {
		print(*(*uint32)(data))
	} else if k == kindFloat32 {
		print(*(*float32)(data))
	} else if k == kindFloat64 {
		print(*(*float64)(data))
	} else if k == kindString {
		print(*(*string)(data))
	}
	if named {
		if k == kindString {
			print("\"")
		}
		print(")")
	}
}
