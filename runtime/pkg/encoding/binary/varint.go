// Varints: an unsigned integer in groups of 7 bits, least significant first, each byte but
// the last with its top bit set (at most 10 bytes for 64 bits); a signed one zig-zag
// encoded first (0, -1, 1, -2, ... as 0, 1, 2, 3, ...) so that small magnitudes stay short.

package binary

import (
	"errors"
	"io"
)

// The most bytes a varint of each size takes.
const (
	MaxVarintLen16 = 3
	MaxVarintLen32 = 5
	MaxVarintLen64 = 10
)

// zigzag maps a signed integer to an unsigned one, small magnitudes to small values.
func zigzag(x int64) uint64 {
	if x < 0 {
		return ^(uint64(x) << 1)
	}
	return uint64(x) << 1
}

// unzigzag undoes zigzag.
func unzigzag(u uint64) int64 {
	x := int64(u >> 1)
	if u&1 == 1 {
		return ^x
	}
	return x
}

// AppendUvarint appends the varint of x.
func AppendUvarint(buf []byte, x uint64) []byte {
	for ; x >= 0x80; x >>= 7 {
		buf = append(buf, 0x80|byte(x))
	}
	return append(buf, byte(x))
}

// PutUvarint writes the varint of x at the front of buf and returns its length; a buf too
// short panics with the index that did not fit.
func PutUvarint(buf []byte, x uint64) int {
	n := 0
	for ; x >= 0x80; x >>= 7 {
		buf[n] = 0x80 | byte(x)
		n++
	}
	buf[n] = byte(x)
	return n + 1
}

// Uvarint decodes the varint at the front of buf, returning it and its length; the length
// is 0 when buf ends first, and -(bytes read) when the value overflows 64 bits (more than
// ten bytes, or a tenth byte above 1).
func Uvarint(buf []byte) (uint64, int) {
	var v uint64
	for i := 0; i < len(buf); i++ {
		if i == MaxVarintLen64 {
			return 0, -(i + 1)
		}
		c := buf[i]
		if c&0x80 == 0 {
			if i == MaxVarintLen64-1 && c > 1 {
				return 0, -(i + 1)
			}
			return v | uint64(c)<<(7*i), i + 1
		}
		v |= uint64(c&0x7f) << (7 * i)
	}
	return 0, 0
}

// AppendVarint appends the zig-zag varint of x.
func AppendVarint(buf []byte, x int64) []byte { return AppendUvarint(buf, zigzag(x)) }

// PutVarint writes the zig-zag varint of x at the front of buf and returns its length.
func PutVarint(buf []byte, x int64) int { return PutUvarint(buf, zigzag(x)) }

// Varint decodes a zig-zag varint as Uvarint decodes a varint.
func Varint(buf []byte) (int64, int) {
	u, n := Uvarint(buf)
	return unzigzag(u), n
}

var errOverflow = errors.New("binary: varint overflows a 64-bit integer")

// ReadUvarint reads a varint a byte at a time from r. A read error is returned as it is
// (io.EOF included), with the bits gathered so far.
func ReadUvarint(r io.ByteReader) (uint64, error) {
	var v uint64
	for i := 0; i < MaxVarintLen64; i++ {
		c, err := r.ReadByte()
		if err != nil {
			return v, err
		}
		if c&0x80 == 0 {
			if i == MaxVarintLen64-1 && c > 1 {
				return v, errOverflow
			}
			return v | uint64(c)<<(7*i), nil
		}
		v |= uint64(c&0x7f) << (7 * i)
	}
	return v, errOverflow
}

// ReadVarint reads a zig-zag varint from r; on an error the value is what was gathered.
func ReadVarint(r io.ByteReader) (int64, error) {
	u, err := ReadUvarint(r)
	return unzigzag(u), err
}
