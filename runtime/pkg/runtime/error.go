// Run-time errors, and how a panic's value is printed when it ends the program.
//
// A failed check in compiled code, a fault, or a failed conversion panics with a value of one
// of the error types below, named as Go names them (runtime.errorString, runtime.boundsError,
// *runtime.TypeAssertionError): fmt shows a recovered one through its Error method, a report
// that names the type of a value ("panic while printing panic value: type
// runtime.boundsError") names the same type as Go's, and recover (issue 10) will return
// them as they are. The texts of their Error methods are Go 1.19's, word for word
// (runtime/error.go, the only source of these facts).

package runtime

import "unsafe"

// eface is the layout of an interface{} value: its dynamic type and its data word (the
// value itself for pointer-shaped types, else a pointer to it). Go: runtime/runtime2.go eface.
type eface struct {
	_type *_type
	data  unsafe.Pointer
}

// errorString is a run-time error whose text is "runtime error: " and the string: integer
// division by zero, nil dereference, negative shift, make and append sizes, comparing
// uncomparable values.
type errorString string

func (e errorString) Error() string {
	return "runtime error: " + string(e)
}

func (e errorString) RuntimeError() {}

// errorAddressString is the run-time error of a fault that debug.SetPanicOnFault turned into
// a panic: its text, and the faulting address, which Addr reports.
// Go: runtime/error.go errorAddressString.
type errorAddressString struct {
	msg  string
	addr uintptr
}

func (e errorAddressString) Error() string {
	return "runtime error: " + e.msg
}

func (e errorAddressString) RuntimeError() {}

// Addr is the address of the fault.
func (e errorAddressString) Addr() uintptr {
	return e.addr
}

// Error is the interface of every run-time error: the values a run-time panic carries.
// Go: runtime/error.go Error.
type Error interface {
	error
	// RuntimeError marks run-time errors apart from ordinary ones.
	RuntimeError()
}

// Which check a boundsError failed: the order of Go's boundsErrorCode (runtime/error.go).
const (
	boundsIndex      = iota // x[i]: 0 <= i < len
	boundsSliceAlen         // x[:h]: h <= len
	boundsSliceAcap         // x[:h]: h <= cap
	boundsSliceB            // x[l:h]: 0 <= l <= h
	boundsSlice3Alen        // x[::m]: m <= len
	boundsSlice3Acap        // x[::m]: m <= cap
	boundsSlice3B           // x[:h:m]: h <= m
	boundsSlice3C           // x[l:h:m]: l <= h
	boundsConvert           // (*[x]T)(s): x <= len(s)
)

// boundsError is an index or slice expression out of range: the offending value, which as
// an index of any integer type may need 64 bits of either sign, the length or capacity it
// was checked against (or the next bound of a slice expression), and which check failed.
type boundsError struct {
	value  int64
	signed bool
	bound  int
	code   uint8
}

// Error spells the expression as Go does, with the failing value where it stood: "index out
// of range [5] with length 3", "slice bounds out of range [:5] with capacity 3", "[3:1]",
// "[:4:2]", "[2:1:]". A negative value is shown without the bound it was checked against:
// "[-1]", "[-1:]", "[:-1:]", "[-1::]".
func (e boundsError) RuntimeError() {}

func (e boundsError) Error() string {
	negative := e.signed && e.value < 0
	b := make([]byte, 0, 64)
	if e.code == boundsConvert {
		b = appendString(b, "runtime error: cannot convert slice with length ")
		b = appendInt(b, int64(e.bound))
		b = appendString(b, " to pointer to array with length ")
		b = appendInt(b, e.value)
		return string(b)
	}
	if e.code == boundsIndex {
		b = appendString(b, "runtime error: index out of range [")
	} else {
		b = appendString(b, "runtime error: slice bounds out of range [")
	}
	c := e.code
	if c == boundsSliceAlen || c == boundsSliceAcap || c == boundsSlice3B {
		b = append(b, ':')
	} else if c == boundsSlice3Alen || c == boundsSlice3Acap {
		b = appendString(b, "::")
	}
	if e.signed {
		b = appendInt(b, e.value)
	} else {
		b = appendUint(b, uint64(e.value))
	}
	if c == boundsSliceB || c == boundsSlice3B || c == boundsSlice3C {
		// The bound is the next index of the expression.
		b = append(b, ':')
		if !negative {
			b = appendInt(b, int64(e.bound))
		}
		if c == boundsSlice3C {
			b = append(b, ':')
		}
	}
	b = append(b, ']')
	if !negative {
		if c == boundsIndex || c == boundsSliceAlen || c == boundsSlice3Alen {
			b = appendString(b, " with length ")
			b = appendInt(b, int64(e.bound))
		} else if c == boundsSliceAcap || c == boundsSlice3Acap {
			b = appendString(b, " with capacity ")
			b = appendInt(b, int64(e.bound))
		}
	}
	return string(b)
}

// TypeAssertionError is a failed x.(T) or interface conversion: the static type of x (nil
// when it is interface{} or when the check was an interface conversion, which Go words as
// "interface"), the dynamic type x held (nil for a nil x), T, and, when T is an interface,
// the first method of T that the dynamic type lacks. It is the one run-time error Go
// exports, and panics with a pointer to it.
type TypeAssertionError struct {
	iface   *_type
	have    *_type
	want    *_type
	missing string
}

func (*TypeAssertionError) RuntimeError() {}

func (e *TypeAssertionError) Error() string {
	if e.missing != "" {
		return "interface conversion: " + e.have.name + " is not " + e.want.name + ": missing method " + e.missing
	}
	from := "interface"
	if e.iface != nil {
		from = e.iface.name
	}
	if e.have == nil {
		return "interface conversion: " + from + " is nil, not " + e.want.name
	}
	msg := "interface conversion: " + from + " is " + e.have.name + ", not " + e.want.name
	if e.have.name == e.want.name {
		// Two types of one name: here, one declared in a function (Go says "different
		// packages" for types of packages with the same name, which tbuild cannot build).
		msg += " (types from different scopes)"
	}
	return msg
}

// appendString appends s's bytes to b.
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		b = append(b, s[i])
	}
	return b
}

// appendUint appends v in decimal.
func appendUint(b []byte, v uint64) []byte {
	var digits [20]byte
	i := len(digits)
	for {
		i--
		digits[i] = byte('0' + v%10)
		v /= 10
		if v == 0 {
			break
		}
	}
	for ; i < len(digits); i++ {
		b = append(b, digits[i])
	}
	return b
}

// appendInt appends v in decimal, with a minus sign when negative.
func appendInt(b []byte, v int64) []byte {
	if v < 0 {
		// -v wraps for the most negative value, and uint64 of the result is its magnitude.
		return appendUint(append(b, '-'), uint64(-v))
	}
	return appendUint(b, uint64(v))
}

// printpanicval prints a panic's value as the line "panic: ..." shows it, once an error's or
// a Stringer's method has turned it into its text (preprintpanic): nil as "nil", a value of a
// predeclared basic type as print would print it, one of a defined basic type as T(value)
// (a string quoted: T("text"); a complex value brings its own parentheses), and any other
// value as its type in parentheses and the data word: "(main.T) 0xc000012345". Go:
// runtime/error.go printpanicval.
func printpanicval(v eface) {
	t := v._type
	if t == nil {
		printstring("nil")
		return
	}
	if !isBasicKind(t.kind) {
		print("(", t.name, ") ")
		printpointer(v.data)
		return
	}
	if t.named == 0 {
		printbasic(t.kind, v.data)
		return
	}
	printstring(t.name)
	if t.kind == kindString {
		printstring(`("`)
		printbasic(t.kind, v.data)
		printstring(`")`)
		return
	}
	if t.kind == kindComplex64 || t.kind == kindComplex128 {
		// A complex value brings its own parentheses: main.Z(+0.000000e+000+3.000000e+000i).
		printbasic(t.kind, v.data)
		return
	}
	printstring("(")
	printbasic(t.kind, v.data)
	printstring(")")
}

// isBasicKind reports whether values of kind k print as numbers, booleans or text.
func isBasicKind(k uintptr) bool {
	return k == kindBool || (k >= kindInt && k <= kindComplex128) || k == kindString
}

// printbasic prints the value of basic kind k stored at p, as print does.
func printbasic(k uintptr, p unsafe.Pointer) {
	switch k {
	case kindBool:
		printbool(*(*bool)(p))
	case kindInt, kindInt64:
		printint(*(*int64)(p))
	case kindInt8:
		printint(int64(*(*int8)(p)))
	case kindInt16:
		printint(int64(*(*int16)(p)))
	case kindInt32:
		printint(int64(*(*int32)(p)))
	case kindUint, kindUint64, kindUintptr:
		printuint(*(*uint64)(p))
	case kindUint8:
		printuint(uint64(*(*uint8)(p)))
	case kindUint16:
		printuint(uint64(*(*uint16)(p)))
	case kindUint32:
		printuint(uint64(*(*uint32)(p)))
	case kindFloat32:
		printfloat(float64(*(*float32)(p)))
	case kindFloat64:
		printfloat(*(*float64)(p))
	case kindComplex64:
		printcomplex(complex128(*(*complex64)(p)))
	case kindComplex128:
		printcomplex(*(*complex128)(p))
	case kindString:
		printstring(*(*string)(p))
	}
}

// bits_overflowError and bits_divideError are the values package math/bits panics with,
// which Go's math/bits takes from the runtime's overflowError and divideError with
// //go:linkname: run-time errors of type runtime.errorString.
func bits_overflowError() error {
	return errorString("integer overflow")
}

func bits_divideError() error {
	return errorString("integer divide by zero")
}
