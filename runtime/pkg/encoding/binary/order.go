// Package binary: fixed-size unsigned integers in little- and big-endian byte order (this
// file), varints (varint.go), and fixed-size values read and written through package
// reflect (values.go).

package binary

// ByteOrder reads and writes unsigned integers at the front of a byte slice.
type ByteOrder interface {
	Uint16(b []byte) uint16
	Uint32(b []byte) uint32
	Uint64(b []byte) uint64
	PutUint16(b []byte, v uint16)
	PutUint32(b []byte, v uint32)
	PutUint64(b []byte, v uint64)
	String() string
}

// AppendByteOrder appends unsigned integers to a byte slice.
type AppendByteOrder interface {
	AppendUint16(b []byte, v uint16) []byte
	AppendUint32(b []byte, v uint32) []byte
	AppendUint64(b []byte, v uint64) []byte
	String() string
}

// LittleEndian and BigEndian are the two byte orders: least or most significant byte first.
var (
	LittleEndian littleEndian
	BigEndian    bigEndian
)

type (
	littleEndian struct{}
	bigEndian    struct{}
)

// readLE and readBE return the n-byte number at the front of b; like Go's, they check
// b[n-1] first, so a short slice panics naming that index.
func readLE(b []byte, n int) uint64 {
	_ = b[n-1]
	var v uint64
	for k := n - 1; k >= 0; k-- {
		v = v<<8 | uint64(b[k])
	}
	return v
}

func readBE(b []byte, n int) uint64 {
	_ = b[n-1]
	var v uint64
	for k := 0; k < n; k++ {
		v = v<<8 | uint64(b[k])
	}
	return v
}

// writeLE and writeBE store the low n bytes of v at the front of b, after the same check.
func writeLE(b []byte, n int, v uint64) {
	_ = b[n-1]
	for k := 0; k < n; k++ {
		b[k] = byte(v >> (8 * k))
	}
}

func writeBE(b []byte, n int, v uint64) {
	_ = b[n-1]
	for k := n - 1; k >= 0; k-- {
		b[k] = byte(v)
		v >>= 8
	}
}

// appendLE and appendBE append the low n bytes of v.
func appendLE(b []byte, n int, v uint64) []byte {
	for k := 0; k < n; k++ {
		b = append(b, byte(v>>(8*k)))
	}
	return b
}

func appendBE(b []byte, n int, v uint64) []byte {
	for k := n - 1; k >= 0; k-- {
		b = append(b, byte(v>>(8*k)))
	}
	return b
}

func (littleEndian) Uint16(b []byte) uint16 { return uint16(readLE(b, 2)) }
func (littleEndian) Uint32(b []byte) uint32 { return uint32(readLE(b, 4)) }
func (littleEndian) Uint64(b []byte) uint64 { return readLE(b, 8) }

func (littleEndian) PutUint16(b []byte, v uint16) { writeLE(b, 2, uint64(v)) }
func (littleEndian) PutUint32(b []byte, v uint32) { writeLE(b, 4, uint64(v)) }
func (littleEndian) PutUint64(b []byte, v uint64) { writeLE(b, 8, v) }

func (littleEndian) AppendUint16(b []byte, v uint16) []byte { return appendLE(b, 2, uint64(v)) }
func (littleEndian) AppendUint32(b []byte, v uint32) []byte { return appendLE(b, 4, uint64(v)) }
func (littleEndian) AppendUint64(b []byte, v uint64) []byte { return appendLE(b, 8, v) }

func (littleEndian) String() string   { return "LittleEndian" }
func (littleEndian) GoString() string { return "binary.LittleEndian" }

func (bigEndian) Uint16(b []byte) uint16 { return uint16(readBE(b, 2)) }
func (bigEndian) Uint32(b []byte) uint32 { return uint32(readBE(b, 4)) }
func (bigEndian) Uint64(b []byte) uint64 { return readBE(b, 8) }

func (bigEndian) PutUint16(b []byte, v uint16) { writeBE(b, 2, uint64(v)) }
func (bigEndian) PutUint32(b []byte, v uint32) { writeBE(b, 4, uint64(v)) }
func (bigEndian) PutUint64(b []byte, v uint64) { writeBE(b, 8, v) }

func (bigEndian) AppendUint16(b []byte, v uint16) []byte { return appendBE(b, 2, uint64(v)) }
func (bigEndian) AppendUint32(b []byte, v uint32) []byte { return appendBE(b, 4, uint64(v)) }
func (bigEndian) AppendUint64(b []byte, v uint64) []byte { return appendBE(b, 8, v) }

func (bigEndian) String() string   { return "BigEndian" }
func (bigEndian) GoString() string { return "binary.BigEndian" }
