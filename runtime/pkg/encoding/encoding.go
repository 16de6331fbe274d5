// Package encoding: the interfaces of values that convert themselves to and from binary
// or textual forms, which other packages (flag's TextVar, time's methods) agree on.

package encoding

// BinaryMarshaler encodes its receiver in a binary form.
type BinaryMarshaler interface {
	MarshalBinary() (data []byte, err error)
}

// BinaryUnmarshaler decodes a binary form into its receiver (copying what it keeps).
type BinaryUnmarshaler interface {
	UnmarshalBinary(data []byte) error
}

// TextMarshaler encodes its receiver in UTF-8 text.
type TextMarshaler interface {
	MarshalText() (text []byte, err error)
}

// TextUnmarshaler decodes UTF-8 text into its receiver (copying what it keeps).
type TextUnmarshaler interface {
	UnmarshalText(text []byte) error
}
