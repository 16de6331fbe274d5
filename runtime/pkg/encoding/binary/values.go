// Read, Write and Size: fixed-size values (booleans, sized numbers, and arrays, structs and
// slices of them) as a sequence of bytes in a byte order, with Go 1.19's API and results.
//
// A value is walked with package reflect, field by field in declaration order with no
// padding, as Go's encoding/binary defines the format. The predeclared scalar types, pointers
// to them and slices of them take a shorter way that reads and writes their memory in place,
// as Go's fast path does; which values take it is observable (Read consumes a plain scalar's
// bytes before it refuses it), so it is the same set of types as Go's: exactly bool, int8 to
// int64, uint8 to uint64, float32 and float64, not types defined over them and not complex.

package binary

import (
	"errors"
	"io"
	"math"
	"reflect"
	"unsafe"
)

// Read reads len(encoding) bytes from r and decodes them into data, a pointer to a
// fixed-size value or a slice of fixed-size values. A nonzero byte decodes as true. Fields
// named _ are skipped; other unexported fields make reflect panic. The error is io.EOF only
// when no byte was read, io.ErrUnexpectedEOF when some were.
func Read(r io.Reader, order ByteOrder, data any) error {
	if m, ok := scalarMemory(data); ok && m.bytes() > 0 {
		buf := make([]byte, m.bytes())
		if _, err := io.ReadFull(r, buf); err != nil {
			return err
		}
		if !m.plain {
			m.load(order, buf)
			return nil
		}
		// A scalar passed by value: its bytes are read, and then it is refused below.
	}
	v := reflect.ValueOf(data)
	size := -1
	switch v.Kind() {
	case reflect.Pointer:
		v = v.Elem()
		size = dataSize(v)
	case reflect.Slice:
		size = dataSize(v)
	}
	if size < 0 {
		return errors.New("binary.Read: invalid type " + reflect.TypeOf(data).String())
	}
	c := &codec{order: order, buf: make([]byte, size)}
	if _, err := io.ReadFull(r, c.buf); err != nil {
		return err
	}
	c.decode(v)
	return nil
}

// Write writes the encoding of data to w: a fixed-size value, a slice of fixed-size values,
// or a pointer to either. true encodes as 1, false as 0; fields named _ as zero bytes.
func Write(w io.Writer, order ByteOrder, data any) error {
	if m, ok := scalarMemory(data); ok && m.bytes() > 0 {
		buf := make([]byte, m.bytes())
		m.store(order, buf)
		_, err := w.Write(buf)
		return err
	}
	v := reflect.Indirect(reflect.ValueOf(data))
	size := dataSize(v)
	if size < 0 {
		return errors.New("binary.Write: invalid type " + reflect.TypeOf(data).String())
	}
	c := &codec{order: order, buf: make([]byte, size)}
	c.encode(v)
	_, err := w.Write(c.buf)
	return err
}

// Size returns how many bytes Write would write for v, or -1 when v is not a fixed-size
// value, a slice of them or a pointer to either.
func Size(v any) int {
	return dataSize(reflect.Indirect(reflect.ValueOf(v)))
}

// scalars is where a predeclared scalar, a pointer to one or a slice of them keeps its
// bits: count elements of width bytes from at, or, for a plain scalar, value (which only
// Write can use).
type scalars struct {
	at      unsafe.Pointer
	count   int
	width   int
	boolean bool
	plain   bool
	value   uint64
}

func (m scalars) bytes() int { return m.count * m.width }

// scalarMemory describes data when it takes the short way.
func scalarMemory(data any) (scalars, bool) {
	v := reflect.ValueOf(data)
	if !v.IsValid() {
		return scalars{}, false
	}
	t := v.Type()
	switch v.Kind() {
	case reflect.Pointer:
		if w, b := scalarWidth(t.Elem()); w > 0 {
			return scalars{at: v.UnsafePointer(), count: 1, width: w, boolean: b}, true
		}
	case reflect.Slice:
		if w, b := scalarWidth(t.Elem()); w > 0 {
			return scalars{at: v.UnsafePointer(), count: v.Len(), width: w, boolean: b}, true
		}
	default:
		if w, b := scalarWidth(t); w > 0 {
			return scalars{count: 1, width: w, boolean: b, plain: true, value: scalarBits(v)}, true
		}
	}
	return scalars{}, false
}

// scalarWidth is the size of t when it is one of the short way's scalar types, else 0.
func scalarWidth(t reflect.Type) (int, bool) {
	// A predeclared type is named after its kind and has no package.
	if t.PkgPath() != "" || t.Name() != t.Kind().String() {
		return 0, false
	}
	switch t.Kind() {
	case reflect.Bool:
		return 1, true
	case reflect.Int8, reflect.Uint8, reflect.Int16, reflect.Uint16, reflect.Int32,
		reflect.Uint32, reflect.Int64, reflect.Uint64, reflect.Float32, reflect.Float64:
		return int(t.Size()), false
	}
	return 0, false
}

// scalarBits is a scalar's bits in the low bytes of a word.
func scalarBits(v reflect.Value) uint64 {
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			return 1
		}
		return 0
	case reflect.Float32:
		return uint64(math.Float32bits(float32(v.Float())))
	case reflect.Float64:
		return math.Float64bits(v.Float())
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return v.Uint()
	}
	return uint64(v.Int())
}

// load decodes buf into the memory m describes.
func (m scalars) load(order ByteOrder, buf []byte) {
	for i := 0; i < m.count; i++ {
		x := getWord(order, buf[i*m.width:], m.width)
		if m.boolean && x != 0 {
			x = 1
		}
		p := unsafe.Add(m.at, i*m.width)
		switch m.width {
		case 1:
			*(*uint8)(p) = uint8(x)
		case 2:
			*(*uint16)(p) = uint16(x)
		case 4:
			*(*uint32)(p) = uint32(x)
		default:
			*(*uint64)(p) = x
		}
	}
}

// store encodes what m describes into buf.
func (m scalars) store(order ByteOrder, buf []byte) {
	if m.plain {
		putWord(order, buf, m.width, m.value)
		return
	}
	for i := 0; i < m.count; i++ {
		p := unsafe.Add(m.at, i*m.width)
		var x uint64
		switch m.width {
		case 1:
			x = uint64(*(*uint8)(p))
		case 2:
			x = uint64(*(*uint16)(p))
		case 4:
			x = uint64(*(*uint32)(p))
		default:
			x = *(*uint64)(p)
		}
		putWord(order, buf[i*m.width:], m.width, x)
	}
}

// getWord reads a width-byte unsigned number at the front of b.
func getWord(order ByteOrder, b []byte, width int) uint64 {
	switch width {
	case 1:
		return uint64(b[0])
	case 2:
		return uint64(order.Uint16(b))
	case 4:
		return uint64(order.Uint32(b))
	}
	return order.Uint64(b)
}

// putWord writes the low width bytes of x at the front of b.
func putWord(order ByteOrder, b []byte, width int, x uint64) {
	switch width {
	case 1:
		b[0] = byte(x)
	case 2:
		order.PutUint16(b, uint16(x))
	case 4:
		order.PutUint32(b, uint32(x))
	default:
		order.PutUint64(b, x)
	}
}

// dataSize is the encoding's length for v: its type's for a fixed-size value, the elements'
// for a slice; -1 for anything else.
func dataSize(v reflect.Value) int {
	if v.Kind() == reflect.Slice {
		if s := typeSize(v.Type().Elem()); s >= 0 {
			return s * v.Len()
		}
		return -1
	}
	return typeSize(v.Type())
}

// typeSize is the encoding's length for a value of type t, or -1 when t has no fixed-size
// encoding (int, uint, uintptr, strings, pointers, slices, maps, ... anywhere inside).
func typeSize(t reflect.Type) int {
	switch t.Kind() {
	case reflect.Bool, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128:
		return int(t.Size())
	case reflect.Array:
		if s := typeSize(t.Elem()); s >= 0 {
			return s * t.Len()
		}
	case reflect.Struct:
		total := 0
		for i := 0; i < t.NumField(); i++ {
			s := typeSize(t.Field(i).Type)
			if s < 0 {
				return -1
			}
			total += s
		}
		return total
	}
	return -1
}

// codec walks a value and its encoding together: buf[at:] is what is left of the encoding.
type codec struct {
	order ByteOrder
	buf   []byte
	at    int
}

// next returns the next n bytes of the encoding.
func (c *codec) next(n int) []byte {
	b := c.buf[c.at : c.at+n]
	c.at += n
	return b
}

// decode sets v, and what it holds, from the encoding.
func (c *codec) decode(v reflect.Value) {
	switch v.Kind() {
	case reflect.Array, reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			c.decode(v.Index(i))
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < v.NumField(); i++ {
			f := v.Field(i)
			if !f.CanSet() && t.Field(i).Name == "_" {
				c.next(dataSize(f)) // padding: left as it is
				continue
			}
			c.decode(f)
		}
	case reflect.Bool:
		v.SetBool(c.next(1)[0] != 0)
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		w := int(v.Type().Size())
		// Sign-extended from the field's width.
		shift := 64 - 8*w
		v.SetInt(int64(getWord(c.order, c.next(w), w)<<shift) >> shift)
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		w := int(v.Type().Size())
		v.SetUint(getWord(c.order, c.next(w), w))
	case reflect.Float32:
		v.SetFloat(float64(math.Float32frombits(uint32(getWord(c.order, c.next(4), 4)))))
	case reflect.Float64:
		v.SetFloat(math.Float64frombits(getWord(c.order, c.next(8), 8)))
	case reflect.Complex64:
		re := math.Float32frombits(uint32(getWord(c.order, c.next(4), 4)))
		im := math.Float32frombits(uint32(getWord(c.order, c.next(4), 4)))
		v.SetComplex(complex(float64(re), float64(im)))
	case reflect.Complex128:
		re := math.Float64frombits(getWord(c.order, c.next(8), 8))
		im := math.Float64frombits(getWord(c.order, c.next(8), 8))
		v.SetComplex(complex(re, im))
	}
}

// encode writes v, and what it holds, into the encoding.
func (c *codec) encode(v reflect.Value) {
	switch v.Kind() {
	case reflect.Array, reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			c.encode(v.Index(i))
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < v.NumField(); i++ {
			f := v.Field(i)
			if !f.CanSet() && t.Field(i).Name == "_" {
				pad := c.next(dataSize(f))
				for j := range pad {
					pad[j] = 0
				}
				continue
			}
			c.encode(f)
		}
	case reflect.Bool, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		w := int(v.Type().Size())
		putWord(c.order, c.next(w), w, scalarBits(v))
	case reflect.Complex64:
		x := v.Complex()
		putWord(c.order, c.next(4), 4, uint64(math.Float32bits(float32(real(x)))))
		putWord(c.order, c.next(4), 4, uint64(math.Float32bits(float32(imag(x)))))
	case reflect.Complex128:
		x := v.Complex()
		putWord(c.order, c.next(8), 8, math.Float64bits(real(x)))
		putWord(c.order, c.next(8), 8, math.Float64bits(imag(x)))
	}
}
