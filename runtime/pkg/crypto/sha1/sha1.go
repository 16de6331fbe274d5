// Package sha1 implements the SHA-1 hash of FIPS 180-4: tbuild's own implementation of
// Go 1.19's crypto/sha1 API, with Go's MarshalBinary state format ("sha\x01", the five
// state words, the buffered block padded with zeros, the byte count; all big-endian).
package sha1

import (
	"crypto"
	"errors"
	"hash"
	"math/bits"
)

func init() { crypto.RegisterHash(crypto.SHA1, New) }

// Size is the length of a SHA-1 digest in bytes.
const Size = 20

// BlockSize is SHA-1's block length in bytes.
const BlockSize = 64

type digest struct {
	h   [5]uint32
	x   [BlockSize]byte
	nx  int
	len uint64
}

// New returns a running SHA-1 hash.
func New() hash.Hash {
	d := new(digest)
	d.Reset()
	return d
}

// Reset sets the initial state (FIPS 180-4, 5.3.1).
func (d *digest) Reset() {
	d.h = [5]uint32{0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0}
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
		blocks(&d.h, d.x[:])
		d.nx = 0
	}
	if whole := len(p) &^ (BlockSize - 1); whole > 0 {
		blocks(&d.h, p[:whole])
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

// finish pads the message (a one bit, zeros, the bit length big-endian) and returns the
// digest.
func (d *digest) finish() [Size]byte {
	bitLen := d.len << 3
	var pad [BlockSize + 8]byte
	pad[0] = 0x80
	padLen := 1 + (55-d.len)%64
	for k := 0; k < 8; k++ {
		pad[padLen+uint64(k)] = byte(bitLen >> (56 - 8*k))
	}
	d.Write(pad[:padLen+8])
	var out [Size]byte
	for k, w := range d.h {
		out[4*k], out[4*k+1], out[4*k+2], out[4*k+3] = byte(w>>24), byte(w>>16), byte(w>>8), byte(w)
	}
	return out
}

// Sum returns the SHA-1 digest of data.
func Sum(data []byte) [Size]byte {
	var d digest
	d.Reset()
	d.Write(data)
	return d.finish()
}

// blocks runs SHA-1's compression over each 64-byte block of p.
func blocks(h *[5]uint32, p []byte) {
	var w [80]uint32
	for len(p) >= BlockSize {
		for t := 0; t < 16; t++ {
			q := p[4*t : 4*t+4]
			w[t] = uint32(q[0])<<24 | uint32(q[1])<<16 | uint32(q[2])<<8 | uint32(q[3])
		}
		for t := 16; t < 80; t++ {
			w[t] = bits.RotateLeft32(w[t-3]^w[t-8]^w[t-14]^w[t-16], 1)
		}
		a, b, c, d, e := h[0], h[1], h[2], h[3], h[4]
		// The four stages of twenty rounds, each with its function and constant.
		for t := 0; t < 20; t++ {
			tmp := bits.RotateLeft32(a, 5) + (d ^ (b & (c ^ d))) + e + 0x5a827999 + w[t]
			a, b, c, d, e = tmp, a, bits.RotateLeft32(b, 30), c, d
		}
		for t := 20; t < 40; t++ {
			tmp := bits.RotateLeft32(a, 5) + (b ^ c ^ d) + e + 0x6ed9eba1 + w[t]
			a, b, c, d, e = tmp, a, bits.RotateLeft32(b, 30), c, d
		}
		for t := 40; t < 60; t++ {
			tmp := bits.RotateLeft32(a, 5) + ((b & c) | (d & (b | c))) + e + 0x8f1bbcdc + w[t]
			a, b, c, d, e = tmp, a, bits.RotateLeft32(b, 30), c, d
		}
		for t := 60; t < 80; t++ {
			tmp := bits.RotateLeft32(a, 5) + (b ^ c ^ d) + e + 0xca62c1d6 + w[t]
			a, b, c, d, e = tmp, a, bits.RotateLeft32(b, 30), c, d
		}
		h[0] += a
		h[1] += b
		h[2] += c
		h[3] += d
		h[4] += e
		p = p[BlockSize:]
	}
}

func (d *digest) MarshalBinary() ([]byte, error) {
	b := make([]byte, 0, 4+5*4+BlockSize+8)
	b = append(b, "sha\x01"...)
	for _, w := range d.h {
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
	if len(b) < 4 || string(b[:4]) != "sha\x01" {
		return errors.New("crypto/sha1: invalid hash state identifier")
	}
	if len(b) != 4+5*4+BlockSize+8 {
		return errors.New("crypto/sha1: invalid hash state size")
	}
	b = b[4:]
	for k := range d.h {
		d.h[k] = uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
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

// ConstantTimeSum is Sum: this implementation's Sum takes the same time for every input of
// a given length already.
func (d *digest) ConstantTimeSum(in []byte) []byte { return d.Sum(in) }
