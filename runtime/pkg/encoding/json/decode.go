// Package json: decode.go is Unmarshal. The input is first checked whole by the scanner (so a
// syntax error wins over any type error, as in Go), then walked by a recursive-descent reader
// that may assume valid JSON. The storing rules are Go 1.19's, taken from its documentation
// and behaviour: pointers are allocated on the way down, an Unmarshaler or TextUnmarshaler
// met on the way takes over, null leaves non-nilable values alone, slices are reused and
// grown (capacity growing by half, at least 4), arrays are zero-filled past the input, map
// elements start from zero, struct keys match field names exactly first and then without
// case; type mismatches are remembered (the first one, with its struct and field path) while
// decoding goes on, and errors from Unmarshalers stop it.
package json

import (
	"bytes"
	"encoding"
	"encoding/base64"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Unmarshaler is the interface of types that decode a JSON description of themselves.
type Unmarshaler interface {
	UnmarshalJSON([]byte) error
}

// UnmarshalTypeError describes a JSON value that does not fit the Go type it is decoded into.
type UnmarshalTypeError struct {
	Value  string
	Type   reflect.Type
	Offset int64
	Struct string
	Field  string
}

func (x *UnmarshalTypeError) Error() string {
	if x.Struct != "" || x.Field != "" {
		return "json: cannot unmarshal " + x.Value + " into Go struct field " + x.Struct + "." + x.Field + " of type " + x.Type.String()
	}
	return "json: cannot unmarshal " + x.Value + " into Go value of type " + x.Type.String()
}

// UnmarshalFieldError is no longer returned; it is kept for compatibility.
type UnmarshalFieldError struct {
	Key   string
	Type  reflect.Type
	Field reflect.StructField
}

func (x *UnmarshalFieldError) Error() string {
	return "json: cannot unmarshal object key " + strconv.Quote(x.Key) + " into unexported field " + x.Field.Name + " of type " + x.Type.String()
}

// InvalidUnmarshalError describes an invalid argument passed to Unmarshal.
type InvalidUnmarshalError struct {
	Type reflect.Type
}

func (x *InvalidUnmarshalError) Error() string {
	switch {
	case x.Type == nil:
		return "json: Unmarshal(nil)"
	case x.Type.Kind() != reflect.Pointer:
		return "json: Unmarshal(non-pointer " + x.Type.String() + ")"
	}
	return "json: Unmarshal(nil " + x.Type.String() + ")"
}

// A Number represents a JSON number literal.
type Number string

func (n Number) String() string { return string(n) }

// Float64 returns the number as a float64.
func (n Number) Float64() (float64, error) { return strconv.ParseFloat(string(n), 64) }

// Int64 returns the number as an int64.
func (n Number) Int64() (int64, error) { return strconv.ParseInt(string(n), 10, 64) }

var (
	numberType          = reflect.TypeOf(Number(""))
	textUnmarshalerType = reflect.TypeOf((*encoding.TextUnmarshaler)(nil)).Elem()
	float64Type         = reflect.TypeOf(0.0)
)

// isValidNumber reports whether s is one JSON number literal.
func isValidNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	if i == len(s) {
		return false
	}
	if s[i] == '0' {
		i++
	} else if '1' <= s[i] && s[i] <= '9' {
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	} else {
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if i == len(s) || !isDigit(s[i]) {
			return false
		}
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if i == len(s) || !isDigit(s[i]) {
			return false
		}
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	return i == len(s)
}

// Unmarshal parses the JSON-encoded data and stores the result in the value pointed to by dst.
func Unmarshal(data []byte, dst any) error {
	var s scanner
	if err := checkValid(data, &s); err != nil {
		return err
	}
	d := decodeState{data: data}
	return d.unmarshal(dst)
}

type decodeState struct {
	data      []byte
	pos       int
	saved     error
	useNumber bool
	strict    bool
	inStruct  reflect.Type // the struct whose field is being decoded, for error texts
	path      []string     // JSON names of the fields being decoded, outermost first
}

func (d *decodeState) unmarshal(dst any) error {
	rv := reflect.ValueOf(dst)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return &InvalidUnmarshalError{reflect.TypeOf(dst)}
	}
	if err := d.value(rv); err != nil {
		return d.withContext(err)
	}
	return d.saved
}

func (d *decodeState) withContext(err error) error {
	if te, ok := err.(*UnmarshalTypeError); ok && (d.inStruct != nil || len(d.path) > 0) {
		te.Struct = d.inStruct.Name()
		te.Field = strings.Join(d.path, ".")
	}
	return err
}

func (d *decodeState) save(err error) {
	if d.saved == nil {
		d.saved = d.withContext(err)
	}
}

func (d *decodeState) skipSpace() {
	for d.pos < len(d.data) && spaceByte(d.data[d.pos]) {
		d.pos++
	}
}

// literalEnd returns the end of the string, number or word starting at i.
func (d *decodeState) literalEnd(i int) int {
	data := d.data
	switch data[i] {
	case '"':
		i++
		for data[i] != '"' {
			if data[i] == '\\' {
				i++
			}
			i++
		}
		return i + 1
	case 't', 'n':
		return i + 4
	case 'f':
		return i + 5
	}
	for i < len(data) && (isDigit(data[i]) || data[i] == '-' || data[i] == '+' || data[i] == '.' || data[i] == 'e' || data[i] == 'E') {
		i++
	}
	return i
}

// valueEnd returns the end of the value starting at i.
func (d *decodeState) valueEnd(i int) int {
	c := d.data[i]
	if c != '{' && c != '[' {
		return d.literalEnd(i)
	}
	depth := 0
	for {
		switch d.data[i] {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1
			}
		case '"':
			i = d.literalEnd(i) - 1
		}
		i++
	}
}

func (d *decodeState) value(dst reflect.Value) error {
	d.skipSpace()
	start := d.pos
	switch d.data[start] {
	case '[':
		if !dst.IsValid() {
			d.pos = d.valueEnd(start)
			return nil
		}
		return d.array(dst)
	case '{':
		if !dst.IsValid() {
			d.pos = d.valueEnd(start)
			return nil
		}
		return d.object(dst)
	}
	end := d.literalEnd(start)
	d.pos = end
	if !dst.IsValid() {
		return nil
	}
	return d.store(d.data[start:end], dst, false, end)
}

// indirect walks down pointers (allocating nil ones) and non-nil interfaces holding
// pointers, stopping early at an Unmarshaler or TextUnmarshaler (the latter only when not
// decoding null) or, when decoding null, at a settable pointer, which null then clears.
func indirect(dst reflect.Value, forNull bool) (Unmarshaler, encoding.TextUnmarshaler, reflect.Value) {
	orig := dst
	viaAddr := false
	// A named addressable value is looked at through its address so that methods with
	// pointer receivers are found.
	if dst.Kind() != reflect.Pointer && dst.Type().Name() != "" && dst.CanAddr() {
		viaAddr = true
		dst = dst.Addr()
	}
	for {
		if dst.Kind() == reflect.Interface && !dst.IsNil() {
			inner := dst.Elem()
			if inner.Kind() == reflect.Pointer && !inner.IsNil() && (!forNull || inner.Elem().Kind() == reflect.Pointer) {
				viaAddr = false
				dst = inner
				continue
			}
		}
		if dst.Kind() != reflect.Pointer {
			return nil, nil, dst
		}
		if forNull && dst.CanSet() {
			return nil, nil, dst
		}
		// An interface that holds a pointer to itself would loop forever.
		if el := dst.Elem(); el.Kind() == reflect.Interface && !el.IsNil() {
			if in := el.Elem(); in.Kind() == reflect.Pointer && in.Type() == dst.Type() && in.Pointer() == dst.Pointer() {
				return nil, nil, el
			}
		}
		if dst.IsNil() {
			dst.Set(reflect.New(dst.Type().Elem()))
		}
		if dst.Type().NumMethod() > 0 && dst.CanInterface() {
			x := dst.Interface()
			if u, ok := x.(Unmarshaler); ok {
				return u, nil, reflect.Value{}
			}
			if !forNull {
				if tu, ok := x.(encoding.TextUnmarshaler); ok {
					return nil, tu, reflect.Value{}
				}
			}
		}
		if viaAddr {
			dst = orig
			viaAddr = false
		} else {
			dst = dst.Elem()
		}
	}
}

func (d *decodeState) skipFrom(start int) {
	d.pos = d.valueEnd(start)
}

// viaMethods decodes the array or object (`what`) at d.pos into dst when dst decodes itself:
// an Unmarshaler gets the value's text; a TextUnmarshaler makes it a type error, and it is
// skipped. Otherwise done is false and pv is dst with its pointers followed (allocated).
func (d *decodeState) viaMethods(dst reflect.Value, what string) (pv reflect.Value, done bool, err error) {
	start := d.pos
	u, tu, pv := indirect(dst, false)
	if u != nil {
		d.skipFrom(start)
		return pv, true, u.UnmarshalJSON(d.data[start:d.pos])
	}
	if tu != nil {
		d.save(&UnmarshalTypeError{Value: what, Type: dst.Type(), Offset: int64(start + 1)})
		d.skipFrom(start)
		return pv, true, nil
	}
	return pv, false, nil
}

func (d *decodeState) array(dst reflect.Value) error {
	start := d.pos
	pv, done, err := d.viaMethods(dst, "array")
	if done {
		return err
	}
	dst = pv
	switch dst.Kind() {
	case reflect.Array, reflect.Slice:
	case reflect.Interface:
		if dst.NumMethod() == 0 {
			d.pos = start
			dst.Set(reflect.ValueOf(d.anyArray()))
			return nil
		}
		fallthrough
	default:
		d.save(&UnmarshalTypeError{Value: "array", Type: dst.Type(), Offset: int64(start + 1)})
		d.skipFrom(start)
		return nil
	}
	d.pos = start + 1
	n := 0
	for {
		d.skipSpace()
		if d.data[d.pos] == ']' {
			d.pos++
			break
		}
		if dst.Kind() == reflect.Slice {
			if n >= dst.Cap() {
				c := dst.Cap() + dst.Cap()/2
				if c < 4 {
					c = 4
				}
				grown := reflect.MakeSlice(dst.Type(), dst.Len(), c)
				reflect.Copy(grown, dst)
				dst.Set(grown)
			}
			if n >= dst.Len() {
				dst.SetLen(n + 1)
			}
		}
		var err error
		if n < dst.Len() {
			err = d.value(dst.Index(n))
		} else {
			err = d.value(reflect.Value{})
		}
		if err != nil {
			return err
		}
		n++
		d.skipSpace()
		c := d.data[d.pos]
		d.pos++
		if c == ']' {
			break
		}
	}
	if n < dst.Len() {
		if dst.Kind() == reflect.Array {
			zero := reflect.Zero(dst.Type().Elem())
			for ; n < dst.Len(); n++ {
				dst.Index(n).Set(zero)
			}
		} else {
			dst.SetLen(n)
		}
	}
	if n == 0 && dst.Kind() == reflect.Slice {
		dst.Set(reflect.MakeSlice(dst.Type(), 0, 0))
	}
	return nil
}

func integerKind(k reflect.Kind) bool {
	return k >= reflect.Int && k <= reflect.Int64
}

func unsignedKind(k reflect.Kind) bool {
	return k >= reflect.Uint && k <= reflect.Uintptr
}

func (d *decodeState) object(dst reflect.Value) error {
	start := d.pos
	pv, done, err := d.viaMethods(dst, "object")
	if done {
		return err
	}
	dst = pv
	t := dst.Type()
	if dst.Kind() == reflect.Interface && dst.NumMethod() == 0 {
		d.pos = start
		dst.Set(reflect.ValueOf(d.anyObject()))
		return nil
	}
	var fields *fieldList
	switch dst.Kind() {
	case reflect.Map:
		kk := t.Key().Kind()
		if kk != reflect.String && !integerKind(kk) && !unsignedKind(kk) && !reflect.PointerTo(t.Key()).Implements(textUnmarshalerType) {
			d.save(&UnmarshalTypeError{Value: "object", Type: t, Offset: int64(start + 1)})
			d.skipFrom(start)
			return nil
		}
		if dst.IsNil() {
			dst.Set(reflect.MakeMap(t))
		}
	case reflect.Struct:
		fields = structFields(t)
	default:
		d.save(&UnmarshalTypeError{Value: "object", Type: t, Offset: int64(start + 1)})
		d.skipFrom(start)
		return nil
	}
	outerStruct, outerDepth := d.inStruct, len(d.path)
	var elem reflect.Value
	d.pos = start + 1
	for {
		d.skipSpace()
		if d.data[d.pos] == '}' {
			d.pos++
			break
		}
		kstart := d.pos
		kend := d.literalEnd(kstart)
		item := d.data[kstart:kend]
		key, _ := unquoteBytes(item)
		d.pos = kend
		d.skipSpace()
		d.pos++ // the colon

		var sub reflect.Value
		quoted := false
		if dst.Kind() == reflect.Map {
			if !elem.IsValid() {
				elem = reflect.New(t.Elem()).Elem()
			} else {
				elem.Set(reflect.Zero(t.Elem()))
			}
			sub = elem
		} else {
			var f *fieldInfo
			if i, ok := fields.byName[string(key)]; ok {
				f = &fields.list[i]
			} else {
				for i := range fields.list {
					if bytes.EqualFold([]byte(fields.list[i].name), key) {
						f = &fields.list[i]
						break
					}
				}
			}
			if f != nil {
				sub = dst
				quoted = f.quoted
				for _, x := range f.index {
					if sub.Kind() == reflect.Pointer {
						if sub.IsNil() {
							if !sub.CanSet() {
								d.save(fmt.Errorf("json: cannot set embedded pointer to unexported struct: %v", sub.Type().Elem()))
								sub = reflect.Value{}
								quoted = false
								break
							}
							sub.Set(reflect.New(sub.Type().Elem()))
						}
						sub = sub.Elem()
					}
					sub = sub.Field(x)
				}
				d.path = append(d.path, f.name)
				d.inStruct = t
			} else if d.strict {
				d.save(fmt.Errorf("json: unknown field %q", key))
			}
		}

		if quoted {
			if err := d.quotedValue(sub); err != nil {
				return err
			}
		} else if err := d.value(sub); err != nil {
			return err
		}

		if dst.Kind() == reflect.Map {
			kt := t.Key()
			var mk reflect.Value
			switch {
			case reflect.PointerTo(kt).Implements(textUnmarshalerType):
				mk = reflect.New(kt)
				if err := d.store(item, mk, true, kend); err != nil {
					return err
				}
				mk = mk.Elem()
			case kt.Kind() == reflect.String:
				mk = reflect.ValueOf(string(key)).Convert(kt)
			case integerKind(kt.Kind()):
				n, err := strconv.ParseInt(string(key), 10, 64)
				if err != nil || reflect.Zero(kt).OverflowInt(n) {
					d.save(&UnmarshalTypeError{Value: "number " + string(key), Type: kt, Offset: int64(kstart + 1)})
					break
				}
				mk = reflect.ValueOf(n).Convert(kt)
			default:
				n, err := strconv.ParseUint(string(key), 10, 64)
				if err != nil || reflect.Zero(kt).OverflowUint(n) {
					d.save(&UnmarshalTypeError{Value: "number " + string(key), Type: kt, Offset: int64(kstart + 1)})
					break
				}
				mk = reflect.ValueOf(n).Convert(kt)
			}
			if mk.IsValid() {
				dst.SetMapIndex(mk, sub)
			}
		}
		d.path = d.path[:outerDepth]
		d.inStruct = outerStruct
		d.skipSpace()
		c := d.data[d.pos]
		d.pos++
		if c == '}' {
			break
		}
	}
	return nil
}

// quotedValue decodes a field tagged ,string: the JSON value must be a string (or null)
// whose contents are then decoded as a literal.
func (d *decodeState) quotedValue(sub reflect.Value) error {
	d.skipSpace()
	start := d.pos
	c := d.data[start]
	if c == '{' || c == '[' {
		d.skipFrom(start)
	} else {
		end := d.literalEnd(start)
		d.pos = end
		switch x := d.anyLiteral(d.data[start:end], end).(type) {
		case nil:
			return d.store([]byte("null"), sub, false, end)
		case string:
			return d.store([]byte(x), sub, true, end)
		}
	}
	d.save(fmt.Errorf("json: invalid use of ,string struct tag, trying to unmarshal unquoted value into %v", sub.Type()))
	return nil
}

func (d *decodeState) number(s string, off int) (any, error) {
	if d.useNumber {
		return Number(s), nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil, &UnmarshalTypeError{Value: "number " + s, Type: float64Type, Offset: int64(off)}
	}
	return f, nil
}

func misusedString(item []byte, t reflect.Type) error {
	return fmt.Errorf("json: invalid use of ,string struct tag, trying to unmarshal %q into %v", item, t)
}

// store decodes the literal item into dst; end is where item ends in the input.
func (d *decodeState) store(item []byte, dst reflect.Value, fromQuoted bool, end int) error {
	if len(item) == 0 {
		d.save(misusedString(item, dst.Type()))
		return nil
	}
	c := item[0]
	u, tu, pv := indirect(dst, c == 'n')
	if u != nil {
		return u.UnmarshalJSON(item)
	}
	if tu != nil {
		if c != '"' {
			if fromQuoted {
				d.save(misusedString(item, dst.Type()))
				return nil
			}
			what := "number"
			if c == 'n' {
				what = "null"
			} else if c == 't' || c == 'f' {
				what = "bool"
			}
			d.save(&UnmarshalTypeError{Value: what, Type: dst.Type(), Offset: int64(end)})
			return nil
		}
		s, ok := unquoteBytes(item)
		if !ok {
			return misusedString(item, dst.Type())
		}
		return tu.UnmarshalText(s)
	}
	dst = pv
	k := dst.Kind()
	switch {
	case c == 'n':
		if fromQuoted && string(item) != "null" {
			d.save(misusedString(item, dst.Type()))
			return nil
		}
		switch k {
		case reflect.Interface, reflect.Pointer, reflect.Map, reflect.Slice:
			dst.Set(reflect.Zero(dst.Type()))
		}
	case c == 't' || c == 'f':
		if fromQuoted && string(item) != "true" && string(item) != "false" {
			d.save(misusedString(item, dst.Type()))
			return nil
		}
		b := c == 't'
		switch {
		case k == reflect.Bool:
			dst.SetBool(b)
		case k == reflect.Interface && dst.NumMethod() == 0:
			dst.Set(reflect.ValueOf(b))
		case fromQuoted && k != reflect.Interface:
			d.save(misusedString(item, dst.Type()))
		default:
			d.save(&UnmarshalTypeError{Value: "bool", Type: dst.Type(), Offset: int64(end)})
		}
	case c == '"':
		s, ok := unquoteBytes(item)
		if !ok {
			return misusedString(item, dst.Type())
		}
		switch {
		case k == reflect.Slice && dst.Type().Elem().Kind() == reflect.Uint8:
			b := make([]byte, base64.StdEncoding.DecodedLen(len(s)))
			n, err := base64.StdEncoding.Decode(b, s)
			if err != nil {
				d.save(err)
				return nil
			}
			dst.SetBytes(b[:n])
		case k == reflect.String:
			if dst.Type() == numberType && !isValidNumber(string(s)) {
				return fmt.Errorf("json: invalid number literal, trying to unmarshal %q into Number", item)
			}
			dst.SetString(string(s))
		case k == reflect.Interface && dst.NumMethod() == 0:
			dst.Set(reflect.ValueOf(string(s)))
		default:
			d.save(&UnmarshalTypeError{Value: "string", Type: dst.Type(), Offset: int64(end)})
		}
	default:
		if c != '-' && !isDigit(c) {
			return misusedString(item, dst.Type())
		}
		s := string(item)
		switch {
		case k == reflect.Interface:
			x, err := d.number(s, end+1)
			if err != nil {
				d.save(err)
				return nil
			}
			if dst.NumMethod() != 0 {
				d.save(&UnmarshalTypeError{Value: "number", Type: dst.Type(), Offset: int64(end)})
				return nil
			}
			dst.Set(reflect.ValueOf(x))
		case integerKind(k):
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil || dst.OverflowInt(n) {
				d.save(&UnmarshalTypeError{Value: "number " + s, Type: dst.Type(), Offset: int64(end)})
				return nil
			}
			dst.SetInt(n)
		case unsignedKind(k):
			n, err := strconv.ParseUint(s, 10, 64)
			if err != nil || dst.OverflowUint(n) {
				d.save(&UnmarshalTypeError{Value: "number " + s, Type: dst.Type(), Offset: int64(end)})
				return nil
			}
			dst.SetUint(n)
		case k == reflect.Float32 || k == reflect.Float64:
			f, err := strconv.ParseFloat(s, dst.Type().Bits())
			if err != nil || dst.OverflowFloat(f) {
				d.save(&UnmarshalTypeError{Value: "number " + s, Type: dst.Type(), Offset: int64(end)})
				return nil
			}
			dst.SetFloat(f)
		case k == reflect.String && dst.Type() == numberType:
			dst.SetString(s)
		case fromQuoted:
			return misusedString(item, dst.Type())
		default:
			d.save(&UnmarshalTypeError{Value: "number", Type: dst.Type(), Offset: int64(end)})
		}
	}
	return nil
}

// anyValue, anyArray, anyObject and anyLiteral decode into interface{} values.
func (d *decodeState) anyValue() any {
	d.skipSpace()
	switch d.data[d.pos] {
	case '[':
		return d.anyArray()
	case '{':
		return d.anyObject()
	}
	start := d.pos
	end := d.literalEnd(start)
	d.pos = end
	return d.anyLiteral(d.data[start:end], end)
}

func (d *decodeState) anyArray() []any {
	d.skipSpace()
	d.pos++ // [
	out := make([]any, 0)
	for {
		d.skipSpace()
		if d.data[d.pos] == ']' {
			d.pos++
			return out
		}
		out = append(out, d.anyValue())
		d.skipSpace()
		c := d.data[d.pos]
		d.pos++
		if c == ']' {
			return out
		}
	}
}

func (d *decodeState) anyObject() map[string]any {
	d.skipSpace()
	d.pos++ // {
	out := make(map[string]any)
	for {
		d.skipSpace()
		if d.data[d.pos] == '}' {
			d.pos++
			return out
		}
		kend := d.literalEnd(d.pos)
		key, _ := unquoteBytes(d.data[d.pos:kend])
		d.pos = kend
		d.skipSpace()
		d.pos++ // :
		out[string(key)] = d.anyValue()
		d.skipSpace()
		c := d.data[d.pos]
		d.pos++
		if c == '}' {
			return out
		}
	}
}

func (d *decodeState) anyLiteral(item []byte, end int) any {
	switch c := item[0]; {
	case c == 'n':
		return nil
	case c == 't' || c == 'f':
		return c == 't'
	case c == '"':
		s, _ := unquoteBytes(item)
		return string(s)
	}
	x, err := d.number(string(item), end+1)
	if err != nil {
		d.save(err)
	}
	return x
}

// hex4 reads the four hex digits of a \u escape at s[0:4], or returns -1.
func hex4(s []byte) rune {
	if len(s) < 4 {
		return -1
	}
	var r rune
	for _, c := range s[:4] {
		var x byte
		switch {
		case isDigit(c):
			x = c - '0'
		case 'a' <= c && c <= 'f':
			x = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			x = c - 'A' + 10
		default:
			return -1
		}
		r = r<<4 | rune(x)
	}
	return r
}

// unquoteBytes decodes a JSON string literal (quotes included). Invalid UTF-8 and unpaired
// surrogates become U+FFFD; \' is accepted, as in Go (it can only come from ,string fields).
func unquoteBytes(s []byte) ([]byte, bool) {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return nil, false
	}
	s = s[1 : len(s)-1]
	plain := true
	for i := 0; i < len(s); {
		c := s[i]
		if c == '\\' || c == '"' || c < ' ' {
			plain = false
			break
		}
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && n == 1 {
			plain = false
			break
		}
		i += n
	}
	if plain {
		return s, true
	}
	out := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\':
			if i+1 >= len(s) {
				return nil, false
			}
			e := s[i+1]
			i += 2
			switch e {
			case '"', '\\', '/', '\'':
				out = append(out, e)
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				r := hex4(s[i:])
				if r < 0 {
					return nil, false
				}
				i += 4
				if utf16.IsSurrogate(r) {
					var r2 rune = -1
					if i+6 <= len(s) && s[i] == '\\' && s[i+1] == 'u' {
						r2 = hex4(s[i+2:])
					}
					if pair := utf16.DecodeRune(r, r2); pair != utf8.RuneError {
						i += 6
						out = utf8.AppendRune(out, pair)
						break
					}
					r = utf8.RuneError
				}
				out = utf8.AppendRune(out, r)
			default:
				return nil, false
			}
		case c == '"' || c < ' ':
			return nil, false
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		default:
			r, n := utf8.DecodeRune(s[i:])
			i += n
			out = utf8.AppendRune(out, r)
		}
	}
	return out, true
}
