// Package md5 implements the MD5 hash of RFC 1321: tbuild's own implementation of Go 1.19's
// crypto/md5 API, with Go's MarshalBinary state format ("md5\x01", the four state words,
// the buffered block padded with zeros, the byte count; all big-endian).
package md5

import (
	"crypto"
	"errors"
	"hash"
	"math/bits"
)

func init() { crypto.RegisterHash(crypto.MD5, New) }

// Size is the length of an MD5 digest in bytes.
const Size = 16

// BlockSize is MD5's block length in bytes.
const BlockSize = 64

// The initial state (RFC 1321, 3.3).
const (
	init0 = 0x67452301
	init1 = 0xefcdab89
	init2 = 0x98badcfe
	init3 = 0x10325476
)

type digest struct {
	s   [4]uint32
	x   [BlockSize]byte // a partial block
	nx  int
	len uint64 // bytes written
}

// New returns a running MD5 hash.
func New() hash.Hash {
	d := new(digest)
	d.Reset()
	return d
}

func (d *digest) Reset() {
	d.s = [4]uint32{init0, init1, init2, init3}
	d.nx = 0
	d.len = 0
}

func (d *digest) Size() int      { return Size }
func (d *digest) BlockSize() int { return BlockSize }

func (d *digest) Write(p []byte) (int, error) {
	n := len(p)
	d.len += uint64(n)
	if d.nx > 0 {
		k := copy(d.x[d.nx:], p)
		d.nx += k
		p = p[k:]
		if d.nx < BlockSize {
			return n, nil
		}
		blocks(&d.s, d.x[:])
		d.nx = 0
	}
	if whole := len(p) &^ (BlockSize - 1); whole > 0 {
		blocks(&d.s, p[:whole])
		p = p[whole:]
	}
	d.nx = copy(d.x[:], p)
	return n, nil
}

func (d *digest) Sum(in []byte) []byte {
	c := *d
	sum := c.finish()
	return append(in, sum[:]...)
}

// finish pads the message (a one bit, zeros, the bit length little-endian, to a whole
// block) and returns the digest.
func (d *digest) finish() [Size]byte {
	bitLen := d.len << 3
	var pad [BlockSize + 8]byte
	pad[0] = 0x80
	padLen := 1 + (55-d.len)%64
	for k := 0; k < 8; k++ {
		pad[padLen+uint64(k)] = byte(bitLen >> (8 * k))
	}
	d.Write(pad[:padLen+8])
	if d.nx != 0 {
		panic("d.nx != 0")
	}
	var out [Size]byte
	for k, w := range d.s {
		out[4*k], out[4*k+1], out[4*k+2], out[4*k+3] = byte(w), byte(w>>8), byte(w>>16), byte(w>>24)
	}
	return out
}

// Sum returns the MD5 digest of data.
func Sum(data []byte) [Size]byte {
	var d digest
	d.Reset()
	d.Write(data)
	return d.finish()
}

// The additive constants: floor(2^32 * |sin(i)|) for i = 1..64 (RFC 1321, 3.4).
var sines = [64]uint32{
	0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
	0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
	0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
	0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
	0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
	0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
	0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
	0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
}

// The rotations of each round's four steps.
var shifts = [4][4]int{{7, 12, 17, 22}, {5, 9, 14, 20}, {4, 11, 16, 23}, {6, 10, 15, 21}}

// blocks runs MD5's compression over each 64-byte block of p.
func blocks(s *[4]uint32, p []byte) {
	var m [16]uint32
	for len(p) >= BlockSize {
		for k := range m {
			q := p[4*k : 4*k+4]
			m[k] = uint32(q[0]) | uint32(q[1])<<8 | uint32(q[2])<<16 | uint32(q[3])<<24
		}
		a, b, c, dd := s[0], s[1], s[2], s[3]
		// The four rounds of sixteen steps, each with its function and word order.
		for i := 0; i < 16; i++ {
			t := a + (dd ^ (b & (c ^ dd))) + sines[i] + m[i]
			a, dd, c = dd, c, b
			b += bits.RotateLeft32(t, shifts[0][i&3])
		}
		for i := 16; i < 32; i++ {
			t := a + (c ^ (dd & (b ^ c))) + sines[i] + m[(5*i+1)&15]
			a, dd, c = dd, c, b
			b += bits.RotateLeft32(t, shifts[1][i&3])
		}
		for i := 32; i < 48; i++ {
			t := a + (b ^ c ^ dd) + sines[i] + m[(3*i+5)&15]
			a, dd, c = dd, c, b
			b += bits.RotateLeft32(t, shifts[2][i&3])
		}
		for i := 48; i < 64; i++ {
			t := a + (c ^ (b | ^dd)) + sines[i] + m[(7*i)&15]
			a, dd, c = dd, c, b
			b += bits.RotateLeft32(t, shifts[3][i&3])
		}
		s[0] += a
		s[1] += b
		s[2] += c
		s[3] += dd
		p = p[BlockSize:]
	}
}

func (d *digest) MarshalBinary() ([]byte, error) {
	b := make([]byte, 0, 4+4*4+BlockSize+8)
	b = append(b, "md5\x01"...)
	for _, w := range d.s {
		b = append(b, byte(w>>24), byte(w>>16), byte(w>>8), byte(w))
	}
	b = append(b, d.x[:d.nx]...)
	b = b[:len(b)+BlockSize-d.nx]
	for k := 56; k >= 0; k -= 8 {
		b = append(b, byte(d.len>>k))
	}
	return b, nil
}

func (d *digest) UnmarshalBinary(b []byte) error {
	if len(b) < 4 || string(b[:4]) != "md5\x01" {
		return errors.New("crypto/md5: invalid hash state identifier")
	}
	if len(b) != 4+4*4+BlockSize+8 {
		return errors.New("crypto/md5: invalid hash state size")
	}
	b = b[4:]
	for k := range d.s {
		d.s[k] = uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
		b = b[4:]
	}
	b = b[copy(d.x[:], b):]
	d.len = 0
	for _, c := range b[:8] {
		d.len = d.len<<8 | uint64(c)
	}
	d.nx = int(d.len % BlockSize)
	return nil
}
