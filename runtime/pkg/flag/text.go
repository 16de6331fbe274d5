// TextVar: a flag whose variable decodes itself from text (encoding.TextUnmarshaler) and
// whose default encodes itself (encoding.TextMarshaler). The default is copied into the
// variable as Go's flag copies it with reflect, here through the runtime's type descriptors:
// the variable must be a pointer to the default's type (or to what the default points to).

package flag

import (
	"encoding"
	"unsafe"
)

//go:linkname typeKind runtime.fmt_typeKind
func typeKind(t unsafe.Pointer) int

//go:linkname typeElem runtime.fmt_typeElem
func typeElem(t unsafe.Pointer) unsafe.Pointer

//go:linkname typeString runtime.fmt_typeString
func typeString(t unsafe.Pointer) string

//go:linkname typeDirectIface runtime.fmt_typeDirectIface
func typeDirectIface(t unsafe.Pointer) bool

//go:linkname assign runtime.errors_assign
func assign(want, dst, typ, data unsafe.Pointer) bool

// kindPointer is reflect.Pointer's number, which the descriptors use.
const kindPointer = 22

// reflectError is the panic of reflect's methods called on the zero Value (what Go's
// TextVar gets from a nil default), with reflect's text.
type reflectError struct{ method string }

func (e *reflectError) Error() string {
	return "reflect: call of reflect.Value." + e.method + " on zero Value"
}

// textValue sets its variable by UnmarshalText and shows it by MarshalText.
type textValue struct{ p encoding.TextUnmarshaler }

func (v textValue) Set(s string) error { return v.p.UnmarshalText([]byte(s)) }
func (v textValue) Get() any           { return v.p }

func (v textValue) String() string {
	m, ok := v.p.(encoding.TextMarshaler)
	if !ok {
		return ""
	}
	text, err := m.MarshalText()
	if err != nil {
		return ""
	}
	return string(text)
}

// newTextValue copies the default into the variable p points to, with Go's panics when p
// is not a pointer or the types differ.
func newTextValue(def encoding.TextMarshaler, p encoding.TextUnmarshaler) textValue {
	pt, pdata := efaceWords(any(p))
	if pt == nil || typeKind(pt) != kindPointer {
		panic("variable value type must be a pointer")
	}
	dt, ddata := efaceWords(any(def))
	if dt == nil {
		panic(&reflectError{"Type"})
	}
	if typeKind(dt) == kindPointer {
		if ddata == nil {
			panic(&reflectError{"Type"})
		}
		// The default's value is what it points to, which ddata is a pointer to; assign
		// takes it as an interface's data word holds it: a pointer, map, channel or func,
		// or a struct or array of one of them, is that word itself.
		dt = typeElem(dt)
		if typeDirectIface(dt) {
			ddata = *(*unsafe.Pointer)(ddata)
		}
	}
	want := typeElem(pt)
	if dt != want {
		panic("default type does not match variable type: " + typeString(dt) + " != " + typeString(want))
	}
	if pdata == nil {
		panic(&reflectError{"Set"})
	}
	assign(want, pdata, dt, ddata)
	return textValue{p}
}

// TextVar defines a flag whose variable p decodes its arguments with UnmarshalText; value
// is the default, copied into *p (p must point to value's type, or to what value points
// to).
func (f *FlagSet) TextVar(p encoding.TextUnmarshaler, name string, value encoding.TextMarshaler, usage string) {
	f.Var(newTextValue(value, p), name, usage)
}

// TextVar defines a TextVar flag on CommandLine.
func TextVar(p encoding.TextUnmarshaler, name string, value encoding.TextMarshaler, usage string) {
	CommandLine.Var(newTextValue(value, p), name, usage)
}
