// Package json implements encoding and decoding of JSON as defined in RFC 8259, with the API
// and the observable behaviour of Go 1.19's encoding/json (output bytes, error types and
// texts). This file is the encoder: Marshal, MarshalIndent, Encoder and the error types they
// return. It walks values with package reflect at each call (Go caches an encoder function
// per type; the output is the same). Facts taken from Go's documentation and behaviour: the
// float format (shortest repr, 'e' form below 1e-6 and from 1e21 up, "e-07" shortened to
// "e-7"), the string escapes (\n \r \t \" \\, other control bytes and HTML's < > & as \u00XX,
// U+2028/U+2029 escaped, invalid UTF-8 as \ufffd), sorted map keys, base64 []byte, the
// Marshaler/TextMarshaler choice by addressability, and a cycle check that starts after 1000
// nested pointers, maps or slices.
package json

import (
	"bytes"
	"encoding"
	"encoding/base64"
	"fmt"
	"io"
	"math"
	"reflect"
	"sort"
	"strconv"
	"unicode/utf8"
)

// Marshaler is the interface of types that encode themselves as JSON.
type Marshaler interface {
	MarshalJSON() ([]byte, error)
}

// UnsupportedTypeError is returned by Marshal for a value of a type it cannot encode.
type UnsupportedTypeError struct {
	Type reflect.Type
}

func (x *UnsupportedTypeError) Error() string {
	return "json: unsupported type: " + x.Type.String()
}

// UnsupportedValueError is returned by Marshal for a value it cannot encode.
type UnsupportedValueError struct {
	Value reflect.Value
	Str   string
}

func (x *UnsupportedValueError) Error() string {
	return "json: unsupported value: " + x.Str
}

// InvalidUTF8Error is no longer returned (Go replaces invalid UTF-8 since Go 1.2).
type InvalidUTF8Error struct {
	S string
}

func (x *InvalidUTF8Error) Error() string {
	return "json: invalid UTF-8 in string: " + strconv.Quote(x.S)
}

// MarshalerError wraps an error from a MarshalJSON or MarshalText method.
type MarshalerError struct {
	Type       reflect.Type
	Err        error
	sourceFunc string
}

func (x *MarshalerError) Error() string {
	fn := x.sourceFunc
	if fn == "" {
		fn = "MarshalJSON"
	}
	return "json: error calling " + fn + " for type " + x.Type.String() + ": " + x.Err.Error()
}

func (x *MarshalerError) Unwrap() error { return x.Err }

var (
	marshalerType     = reflect.TypeOf((*Marshaler)(nil)).Elem()
	textMarshalerType = reflect.TypeOf((*encoding.TextMarshaler)(nil)).Elem()
)

// encodeFailure carries an encoding error up through the recursion to Marshal.
type encodeFailure struct{ err error }

type visitKey struct {
	p uintptr
	n int
	t reflect.Type
}

type encoder struct {
	buf   bytes.Buffer
	depth int
	seen  map[visitKey]bool
}

func (e *encoder) fail(err error) {
	panic(encodeFailure{err})
}

func (e *encoder) run(val any, escapeHTML bool) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if f, ok := r.(encodeFailure); ok {
				err = f.err
				return
			}
			panic(r)
		}
	}()
	e.value(reflect.ValueOf(val), escapeHTML, false)
	return nil
}

// Marshal returns the JSON encoding of val.
func Marshal(val any) ([]byte, error) {
	var e encoder
	if err := e.run(val, true); err != nil {
		return nil, err
	}
	out := make([]byte, e.buf.Len())
	copy(out, e.buf.Bytes())
	return out, nil
}

// MarshalIndent is Marshal followed by Indent.
func MarshalIndent(val any, prefix, indent string) ([]byte, error) {
	b, err := Marshal(val)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := Indent(&out, b, prefix, indent); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// enter and leave bracket a pointer, map or slice; past 1000 levels they look for a cycle.
func (e *encoder) enter(val reflect.Value, k visitKey) {
	e.depth++
	if e.depth > 1000 {
		if e.seen == nil {
			e.seen = map[visitKey]bool{}
		}
		if e.seen[k] {
			e.fail(&UnsupportedValueError{val, fmt.Sprintf("encountered a cycle via %s", val.Type())})
		}
		e.seen[k] = true
	}
}

func (e *encoder) leave(k visitKey) {
	if e.depth > 1000 {
		delete(e.seen, k)
	}
	e.depth--
}

func (e *encoder) value(val reflect.Value, html, quoted bool) {
	if !val.IsValid() {
		e.buf.WriteString("null")
		return
	}
	t := val.Type()
	notPtr := t.Kind() != reflect.Pointer
	switch {
	case notPtr && val.CanAddr() && reflect.PointerTo(t).Implements(marshalerType):
		e.callMarshalJSON(val.Addr(), t, html)
		return
	case t.Implements(marshalerType):
		e.callMarshalJSON(val, t, html)
		return
	case notPtr && val.CanAddr() && reflect.PointerTo(t).Implements(textMarshalerType):
		e.callMarshalText(val.Addr(), t, html)
		return
	case t.Implements(textMarshalerType):
		e.callMarshalText(val, t, html)
		return
	}
	k := t.Kind()
	switch {
	case k == reflect.Bool:
		e.scalar(strconv.FormatBool(val.Bool()), quoted)
	case integerKind(k):
		e.scalar(strconv.FormatInt(val.Int(), 10), quoted)
	case unsignedKind(k):
		e.scalar(strconv.FormatUint(val.Uint(), 10), quoted)
	case k == reflect.Float32 || k == reflect.Float64:
		e.float(val, t.Bits(), quoted)
	case k == reflect.String:
		e.stringValue(val, html, quoted)
	case k == reflect.Struct:
		e.structValue(val, html)
	case k == reflect.Map:
		e.mapValue(val, html)
	case k == reflect.Slice:
		e.sliceValue(val, html)
	case k == reflect.Array:
		e.elements(val, html)
	case k == reflect.Interface || k == reflect.Pointer:
		if val.IsNil() {
			e.buf.WriteString("null")
			return
		}
		if k == reflect.Interface {
			e.value(val.Elem(), html, quoted)
			return
		}
		key := visitKey{p: val.Pointer(), t: t}
		e.enter(val, key)
		e.value(val.Elem(), html, quoted)
		e.leave(key)
	default:
		e.fail(&UnsupportedTypeError{t})
	}
}

func (e *encoder) scalar(s string, quoted bool) {
	if quoted {
		e.buf.WriteByte('"')
		e.buf.WriteString(s)
		e.buf.WriteByte('"')
		return
	}
	e.buf.WriteString(s)
}

// callMarshalJSON writes what m's MarshalJSON returns, compacted; t names the value's type
// in errors.
func (e *encoder) callMarshalJSON(m reflect.Value, t reflect.Type, html bool) {
	if m.Kind() == reflect.Pointer && m.IsNil() {
		e.buf.WriteString("null")
		return
	}
	mj, ok := m.Interface().(Marshaler)
	if !ok {
		e.buf.WriteString("null")
		return
	}
	b, err := mj.MarshalJSON()
	if err == nil {
		err = compactTo(&e.buf, b, html)
	}
	if err != nil {
		e.fail(&MarshalerError{t, err, "MarshalJSON"})
	}
}

func (e *encoder) callMarshalText(m reflect.Value, t reflect.Type, html bool) {
	if m.Kind() == reflect.Pointer && m.IsNil() {
		e.buf.WriteString("null")
		return
	}
	tm, ok := m.Interface().(encoding.TextMarshaler)
	if !ok {
		e.buf.WriteString("null")
		return
	}
	b, err := tm.MarshalText()
	if err != nil {
		e.fail(&MarshalerError{t, err, "MarshalText"})
	}
	writeString(&e.buf, string(b), html)
}

func (e *encoder) float(val reflect.Value, bits int, quoted bool) {
	f := val.Float()
	if math.IsNaN(f) || math.IsInf(f, 0) {
		e.fail(&UnsupportedValueError{val, strconv.FormatFloat(f, 'g', -1, bits)})
	}
	format := byte('f')
	if a := math.Abs(f); a != 0 {
		if bits == 64 && (a < 1e-6 || a >= 1e21) || bits == 32 && (float32(a) < 1e-6 || float32(a) >= 1e21) {
			format = 'e'
		}
	}
	s := strconv.FormatFloat(f, format, -1, bits)
	if format == 'e' {
		// A two-digit negative exponent loses its leading zero: 1e-07 is written 1e-7.
		n := len(s)
		if n >= 4 && s[n-4] == 'e' && s[n-3] == '-' && s[n-2] == '0' {
			s = s[:n-2] + s[n-1:]
		}
	}
	e.scalar(s, quoted)
}

func (e *encoder) stringValue(val reflect.Value, html, quoted bool) {
	if val.Type() == numberType {
		s := val.String()
		if s == "" {
			s = "0"
		}
		if !isValidNumber(s) {
			e.fail(fmt.Errorf("json: invalid number literal %q", s))
		}
		e.scalar(s, quoted)
		return
	}
	if quoted {
		var inner bytes.Buffer
		writeString(&inner, val.String(), html)
		writeString(&e.buf, inner.String(), false)
		return
	}
	writeString(&e.buf, val.String(), html)
}

// writeString writes s as a JSON string literal.
func writeString(b *bytes.Buffer, s string, html bool) {
	b.WriteByte('"')
	from := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			esc := ""
			switch {
			case c == '"':
				esc = `\"`
			case c == '\\':
				esc = `\\`
			case c == '\n':
				esc = `\n`
			case c == '\r':
				esc = `\r`
			case c == '\t':
				esc = `\t`
			case c < 0x20 || html && (c == '<' || c == '>' || c == '&'):
				esc = `\u00` + string(hexDigits[c>>4]) + string(hexDigits[c&15])
			}
			if esc != "" {
				b.WriteString(s[from:i])
				b.WriteString(esc)
				from = i + 1
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteString(s[from:i])
			b.WriteString(`\ufffd`)
			i++
			from = i
			continue
		}
		if r == 0x2028 || r == 0x2029 {
			b.WriteString(s[from:i])
			b.WriteString(`\u202`)
			b.WriteByte(hexDigits[r&15])
			i += size
			from = i
			continue
		}
		i += size
	}
	b.WriteString(s[from:])
	b.WriteByte('"')
}

// isEmpty is omitempty's test.
func isEmpty(val reflect.Value) bool {
	switch k := val.Kind(); {
	case k == reflect.Array || k == reflect.Map || k == reflect.Slice || k == reflect.String:
		return val.Len() == 0
	case k == reflect.Bool:
		return !val.Bool()
	case integerKind(k):
		return val.Int() == 0
	case unsignedKind(k):
		return val.Uint() == 0
	case k == reflect.Float32 || k == reflect.Float64:
		return val.Float() == 0
	case k == reflect.Interface || k == reflect.Pointer:
		return val.IsNil()
	}
	return false
}

func (e *encoder) structValue(val reflect.Value, html bool) {
	fl := structFields(val.Type())
	e.buf.WriteByte('{')
	first := true
next:
	for i := range fl.list {
		f := &fl.list[i]
		fv := val
		for _, x := range f.index {
			if fv.Kind() == reflect.Pointer {
				if fv.IsNil() {
					continue next
				}
				fv = fv.Elem()
			}
			fv = fv.Field(x)
		}
		if f.omitEmpty && isEmpty(fv) {
			continue
		}
		if !first {
			e.buf.WriteByte(',')
		}
		first = false
		writeString(&e.buf, f.name, html)
		e.buf.WriteByte(':')
		e.value(fv, html, f.quoted)
	}
	e.buf.WriteByte('}')
}

type keyedValue struct {
	key string
	val reflect.Value
}

func (e *encoder) mapValue(val reflect.Value, html bool) {
	t := val.Type()
	if kk := t.Key().Kind(); kk != reflect.String && !integerKind(kk) && !unsignedKind(kk) && !t.Key().Implements(textMarshalerType) {
		e.fail(&UnsupportedTypeError{t})
	}
	if val.IsNil() {
		e.buf.WriteString("null")
		return
	}
	k := visitKey{p: val.Pointer(), t: t}
	e.enter(val, k)
	entries := make([]keyedValue, 0, val.Len())
	it := val.MapRange()
	for it.Next() {
		key := it.Key()
		var name string
		switch {
		case key.Kind() == reflect.String:
			name = key.String()
		case key.Type().Implements(textMarshalerType):
			if !(key.Kind() == reflect.Pointer && key.IsNil()) {
				b, err := key.Interface().(encoding.TextMarshaler).MarshalText()
				if err != nil {
					e.fail(fmt.Errorf("json: encoding error for type %q: %q", t.String(), err.Error()))
				}
				name = string(b)
			}
		case key.CanInt():
			name = strconv.FormatInt(key.Int(), 10)
		default:
			name = strconv.FormatUint(key.Uint(), 10)
		}
		entries = append(entries, keyedValue{name, it.Value()})
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].key < entries[j].key })
	e.buf.WriteByte('{')
	for i, kv := range entries {
		if i > 0 {
			e.buf.WriteByte(',')
		}
		writeString(&e.buf, kv.key, html)
		e.buf.WriteByte(':')
		e.value(kv.val, html, false)
	}
	e.buf.WriteByte('}')
	e.leave(k)
}

func (e *encoder) sliceValue(val reflect.Value, html bool) {
	if val.IsNil() {
		e.buf.WriteString("null")
		return
	}
	t := val.Type()
	if el := t.Elem(); el.Kind() == reflect.Uint8 {
		if pt := reflect.PointerTo(el); !pt.Implements(marshalerType) && !pt.Implements(textMarshalerType) {
			e.buf.WriteByte('"')
			e.buf.WriteString(base64.StdEncoding.EncodeToString(val.Bytes()))
			e.buf.WriteByte('"')
			return
		}
	}
	k := visitKey{p: val.Pointer(), n: val.Len(), t: t}
	e.enter(val, k)
	e.elements(val, html)
	e.leave(k)
}

func (e *encoder) elements(val reflect.Value, html bool) {
	e.buf.WriteByte('[')
	n := val.Len()
	for i := 0; i < n; i++ {
		if i > 0 {
			e.buf.WriteByte(',')
		}
		e.value(val.Index(i), html, false)
	}
	e.buf.WriteByte(']')
}

// RawMessage is a raw encoded JSON value.
type RawMessage []byte

// MarshalJSON returns m as the JSON encoding of m.
func (m RawMessage) MarshalJSON() ([]byte, error) {
	if m == nil {
		return []byte("null"), nil
	}
	return m, nil
}

// UnmarshalJSON sets *m to a copy of data.
func (m *RawMessage) UnmarshalJSON(data []byte) error {
	if m == nil {
		return fmt.Errorf("json.RawMessage: UnmarshalJSON on nil pointer")
	}
	*m = append((*m)[0:0], data...)
	return nil
}

// An Encoder writes JSON values to an output stream.
type Encoder struct {
	w          io.Writer
	err        error
	escapeHTML bool
	prefix     string
	indent     string
}

// NewEncoder returns a new encoder that writes to w.
func NewEncoder(w io.Writer) *Encoder {
	return &Encoder{w: w, escapeHTML: true}
}

// Encode writes the JSON encoding of val to the stream, followed by a newline.
func (enc *Encoder) Encode(val any) error {
	if enc.err != nil {
		return enc.err
	}
	var e encoder
	if err := e.run(val, enc.escapeHTML); err != nil {
		return err
	}
	e.buf.WriteByte('\n')
	out := e.buf.Bytes()
	if enc.prefix != "" || enc.indent != "" {
		var ib bytes.Buffer
		if err := Indent(&ib, out, enc.prefix, enc.indent); err != nil {
			return err
		}
		out = ib.Bytes()
	}
	if _, err := enc.w.Write(out); err != nil {
		enc.err = err
		return err
	}
	return nil
}

// SetIndent makes later Encode calls indent their output as Indent does.
func (enc *Encoder) SetIndent(prefix, indent string) {
	enc.prefix = prefix
	enc.indent = indent
}

// SetEscapeHTML chooses whether <, > and & in strings are escaped.
func (enc *Encoder) SetEscapeHTML(on bool) {
	enc.escapeHTML = on
}
