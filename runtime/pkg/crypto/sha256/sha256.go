// Package sha256 implements the SHA-224 and SHA-256 hashes of FIPS 180-4: tbuild's own
// implementation of Go 1.19's crypto/sha256 API, with Go's MarshalBinary state format
// ("sha\x02" for SHA-224 or "sha\x03", the eight state words, the buffered block padded
// with zeros, the byte count; all big-endian). Go's amd64 package compresses with SHA-NI
// or AVX2 when the CPU has them; the digests are the same.
package sha256

import (
	"crypto"
	"errors"
	"hash"
	"math/bits"
)

func init() {
	crypto.RegisterHash(crypto.SHA224, New224)
	crypto.RegisterHash(crypto.SHA256, New)
}

const (
	Size      = 32 // the length of a SHA-256 digest in bytes
	Size224   = 28 // the length of a SHA-224 digest in bytes
	BlockSize = 64 // the block length of both in bytes
)

// The initial states (FIPS 180-4, 5.3.2 and 5.3.3).
var (
	start256 = [8]uint32{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19}
	start224 = [8]uint32{0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939, 0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4}
)

type digest struct {
	h     [8]uint32
	x     [BlockSize]byte
	nx    int
	len   uint64
	is224 bool
}

// New returns a running SHA-256 hash.
func New() hash.Hash {
	d := new(digest)
	d.Reset()
	return d
}

// New224 returns a running SHA-224 hash.
func New224() hash.Hash {
	d := &digest{is224: true}
	d.Reset()
	return d
}

func (d *digest) Reset() {
	if d.is224 {
		d.h = start224
	} else {
		d.h = start256
	}
	d.nx = 0
	d.len = 0
}

func (d *digest) Size() int {
	if d.is224 {
		return Size224
	}
	return Size
}

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
	if c.is224 {
		return append(in, sum[:Size224]...)
	}
	return append(in, sum[:]...)
}

// finish pads the message (a one bit, zeros, the bit length big-endian) and returns the
// eight state words big-endian (SHA-224 keeps the first 28 bytes).
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

// Sum256 returns the SHA-256 digest of data.
func Sum256(data []byte) [Size]byte {
	var d digest
	d.Reset()
	d.Write(data)
	return d.finish()
}

// Sum224 returns the SHA-224 digest of data.
func Sum224(data []byte) [Size224]byte {
	d := digest{is224: true}
	d.Reset()
	d.Write(data)
	full := d.finish()
	var out [Size224]byte
	copy(out[:], full[:])
	return out
}

// The round constants: the first 32 bits of the fractional parts of the cube roots of the
// first 64 primes (FIPS 180-4, 4.2.2).
var roundK = [64]uint32{
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
}

// blocks runs SHA-256's compression over each 64-byte block of p.
func blocks(h *[8]uint32, p []byte) {
	var w [64]uint32
	a0, b0, c0, d0, e0, f0, g0, h0 := h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]
	for len(p) >= BlockSize {
		q := p[:BlockSize]
		for t := 0; t < 16; t++ {
			w[t] = uint32(q[4*t])<<24 | uint32(q[4*t+1])<<16 | uint32(q[4*t+2])<<8 | uint32(q[4*t+3])
		}
		for t := 16; t < 64; t++ {
			x, y := w[t-2], w[t-15]
			s1 := bits.RotateLeft32(x, -17) ^ bits.RotateLeft32(x, -19) ^ x>>10
			s0 := bits.RotateLeft32(y, -7) ^ bits.RotateLeft32(y, -18) ^ y>>3
			w[t] = s1 + w[t-7] + s0 + w[t-16]
		}
		a, b, c, d, e, f, g, hh := a0, b0, c0, d0, e0, f0, g0, h0
		for t := 0; t < 64; t++ {
			sigma1 := bits.RotateLeft32(e, -6) ^ bits.RotateLeft32(e, -11) ^ bits.RotateLeft32(e, -25)
			choose := g ^ (e & (f ^ g))
			t1 := hh + sigma1 + choose + roundK[t] + w[t]
			sigma0 := bits.RotateLeft32(a, -2) ^ bits.RotateLeft32(a, -13) ^ bits.RotateLeft32(a, -22)
			majority := (a & b) | (c & (a | b))
			t2 := sigma0 + majority
			hh, g, f, e, d, c, b, a = g, f, e, d+t1, c, b, a, t1+t2
		}
		a0 += a
		b0 += b
		c0 += c
		d0 += d
		e0 += e
		f0 += f
		g0 += g
		h0 += hh
		p = p[BlockSize:]
	}
	h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7] = a0, b0, c0, d0, e0, f0, g0, h0
}

func (d *digest) MarshalBinary() ([]byte, error) {
	b := make([]byte, 0, 4+8*4+BlockSize+8)
	if d.is224 {
		b = append(b, "sha\x02"...)
	} else {
		b = append(b, "sha\x03"...)
	}
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
	magic := "sha\x03"
	if d.is224 {
		magic = "sha\x02"
	}
	if len(b) < 4 || string(b[:4]) != magic {
		return errors.New("crypto/sha256: invalid hash state identifier")
	}
	if len(b) != 4+8*4+BlockSize+8 {
		return errors.New("crypto/sha256: invalid hash state size")
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
