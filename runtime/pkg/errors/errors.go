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
	return &errorString{text}
}

// errorString is New's error. Its name is Go's, so %T prints *errors.errorString.
type errorString struct {
	s string
}

func (e *errorString) Error() string {
	return e.s
}

// Unwrap returns what err wraps: the result of its Unwrap method, or nil if it has none.
func Unwrap(err error) error {
	u, ok := err.(interface{ Unwrap() error })
	if !ok {
		return nil
	}
	return u.Unwrap()
}

// Is reports whether an error in err's chain matches target: is == to it (when target's
// type is comparable) or has an `Is(error) bool` method that says so.
func Is(err, target error) bool {
	if target == nil {
		return err == target
	}
	targetType, _ := efaceWords(target)
	comparable := typeComparable(targetType)
	for {
		if comparable && err == target {
			return true
		}
		if x, ok := err.(interface{ Is(error) bool }); ok && x.Is(target) {
			return true
		}
		if err = Unwrap(err); err == nil {
			return false
		}
	}
}

// As finds the first error in err's chain that can be assigned to the variable target
// points to, or whose `As(any) bool` method accepts target; it stores the error there and
// reports true, or reports false. It panics, in Go's words, unless target is a non-nil
// pointer to an interface type or to a type that implements error.
func As(err error, target any) bool {
	if target == nil {
		panic("errors: target cannot be nil")
	}
	typ, dst := efaceWords(target)
	if typeKind(typ) != kindPtr || dst == nil {
		panic("errors: target must be a non-nil pointer")
	}
	want := typeElem(typ)
	if typeKind(want) != kindInterface && !implementsError(want) {
		panic("errors: *target must be interface or implement error")
	}
	for err != nil {
		et, ed := efaceWords(err)
		if assign(want, dst, et, ed) {
			return true
		}
		if x, ok := err.(interface{ As(any) bool }); ok && x.As(target) {
			return true
		}
		err = Unwrap(err)
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
