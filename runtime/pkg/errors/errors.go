// Package errors makes error values and examines chains of wrapped errors, with the API and
// results of Go's errors package (Go 1.19: New, Unwrap, Is, As).
//
// An error wraps another when it has an `Unwrap() error` method (fmt.Errorf's %w makes
// one); the chain of an error is the error, then what it wraps, and so on. Is and As walk
// that chain. As needs to look at types at run time, which Go's errors does through
// internal/reflectlite; here the runtime's errors_* accessors (runtime/typeinfo.go) do it,
// reached with //go:linkname as fmt reaches its accessors.
package errors

import "unsafe"

// New returns an error whose Error method returns text. Each call returns a distinct
// value, even for the same text: the error is a pointer.
func New(text string) error {
	return &errorString{s: text}
}

// errorString is New's error. Its name is Go's, so %T prints *errors.errorString.
type errorString struct {
	s string
}

func (e *errorString) Error() string {
	return e.s
}

// The methods through which an error takes part in a chain (Go's errors documentation).
type (
	wrapper   interface{ Unwrap() error }
	matcher   interface{ Is(error) bool }
	converter interface{ As(any) bool }
)

// Unwrap returns what err wraps: the result of its Unwrap method, or nil if it has none.
func Unwrap(err error) error {
	if w, ok := err.(wrapper); ok {
		return w.Unwrap()
	}
	return nil
}

// Is reports whether an error in err's chain matches target: is == to it, or has an
// `Is(error) bool` method that says so. == is tried only when target's type is comparable,
// since comparing two values of an uncomparable type panics.
func Is(err, target error) bool {
	if err == nil || target == nil {
		return err == target
	}
	typ, _ := efaceWords(target)
	canCompare := typeComparable(typ)
	for ; err != nil; err = Unwrap(err) {
		if canCompare && err == target {
			return true
		}
		if m, ok := err.(matcher); ok && m.Is(target) {
			return true
		}
	}
	return false
}

// As finds the first error in err's chain that can be assigned to the variable target
// points to, or whose `As(any) bool` method accepts target; it stores the error there
// (the method stores what it wants) and reports true, or reports false. It panics, with
// Go's messages (Go: errors/wrap.go), unless target is a non-nil pointer to an interface
// type or to a type that implements error.
func As(err error, target any) bool {
	if target == nil {
		panic("errors: target cannot be nil")
	}
	ptr, dst := efaceWords(target)
	if dst == nil || typeKind(ptr) != kindPtr {
		panic("errors: target must be a non-nil pointer")
	}
	want := typeElem(ptr)
	if typeKind(want) != kindInterface && !implementsError(want) {
		panic("errors: *target must be interface or implement error")
	}
	for ; err != nil; err = Unwrap(err) {
		typ, data := efaceWords(err)
		if assign(want, dst, typ, data) {
			return true
		}
		if c, ok := err.(converter); ok && c.As(target) {
			return true
		}
	}
	return false
}

// Kinds in reflect.Kind's numbering, which the runtime's descriptors use.
const (
	kindInterface = 20
	kindPtr       = 22
)

// efaceWords returns the two words of an `any`: its dynamic type's descriptor and its
// data word.
//
//go:linkname efaceWords runtime.fmt_efaceWords
func efaceWords(a any) (unsafe.Pointer, unsafe.Pointer)

//go:linkname typeKind runtime.fmt_typeKind
func typeKind(t unsafe.Pointer) int

//go:linkname typeElem runtime.fmt_typeElem
func typeElem(t unsafe.Pointer) unsafe.Pointer

//go:linkname typeComparable runtime.errors_comparable
func typeComparable(t unsafe.Pointer) bool

//go:linkname implementsError runtime.errors_implementsError
func implementsError(t unsafe.Pointer) bool

//go:linkname assign runtime.errors_assign
func assign(want unsafe.Pointer, dst unsafe.Pointer, typ unsafe.Pointer, data unsafe.Pointer) bool
