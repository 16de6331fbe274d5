// Package sha512 implements the SHA-384, SHA-512, SHA-512/224 and SHA-512/256 hashes of
// FIPS 180-4: tbuild's own implementation of Go 1.19's crypto/sha512 API, with Go's
// MarshalBinary state format ("sha\x04" SHA-384, "sha\x05" SHA-512/224, "sha\x06"
// SHA-512/256, "sha\x07" SHA-512; the eight state words, the buffered block padded with
// zeros, the byte count; all big-endian).
package sha512

import (
	"crypto"
	"errors"
	"hash"
	"math/bits"
)

func init() {
	crypto.RegisterHash(crypto.SHA384, New384)
	crypto.RegisterHash(crypto.SHA512, New)
	crypto.RegisterHash(crypto.SHA512_224, New512_224)
	crypto.RegisterHash(crypto.SHA512_256, New512_256)
}

const (
	Size      = 64  // the length of a SHA-512 digest in bytes
	Size224   = 28  // the length of a SHA-512/224 digest in bytes
	Size256   = 32  // the length of a SHA-512/256 digest in bytes
	Size384   = 48  // the length of a SHA-384 digest in bytes
	BlockSize = 128 // the block length of all four in bytes
)

// The variants' initial states (FIPS 180-4, 5.3.4 to 5.3.6) and magic bytes.
var variants = map[crypto.Hash]struct {
	start [8]uint64
	magic string
	size  int
}{
	crypto.SHA384: {[8]uint64{
		0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17, 0x152fecd8f70e5939,
		0x67332667ffc00b31, 0x8eb44a8768581511, 0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4,
	}, "sha\x04", Size384},
	crypto.SHA512_224: {[8]uint64{
		0x8c3d37c819544da2, 0x73e1996689dcd4d6, 0x1dfab7ae32ff9c82, 0x679dd514582f9fcf,
		0x0f6d2b697bd44da8, 0x77e36f7304c48942, 0x3f9d85a86a1d36c8, 0x1112e6ad91d692a1,
	}, "sha\x05", Size224},
	crypto.SHA512_256: {[8]uint64{
		0x22312194fc2bf72c, 0x9f555fa3c84c64c2, 0x2393b86b6f53b151, 0x963877195940eabd,
		0x96283ee2a88effe3, 0xbe5e1e2553863992, 0x2b0199fc2c85b8aa, 0x0eb72ddc81c52ca2,
	}, "sha\x06", Size256},
	crypto.SHA512: {[8]uint64{
		0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
		0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179,
	}, "sha\x07", Size},
}

type digest struct {
	h        [8]uint64
	x        [BlockSize]byte
	nx       int
	len      uint64
	function crypto.Hash
}

func newDigest(f crypto.Hash) *digest {
	d := &digest{function: f}
	d.Reset()
	return d
}

// New returns a running SHA-512 hash.
func New() hash.Hash { return newDigest(crypto.SHA512) }

// New384 returns a running SHA-384 hash.
func New384() hash.Hash { return newDigest(crypto.SHA384) }

// New512_224 returns a running SHA-512/224 hash.
func New512_224() hash.Hash { return newDigest(crypto.SHA512_224) }

// New512_256 returns a running SHA-512/256 hash.
func New512_256() hash.Hash { return newDigest(crypto.SHA512_256) }

func (d *digest) Reset() {
	v, ok := variants[d.function]
	if !ok {
		v = variants[crypto.SHA512]
	}
	d.h = v.start
	d.nx = 0
	d.len = 0
}

func (d *digest) Size() int {
	if v, ok := variants[d.function]; ok {
		return v.size
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
	return append(in, sum[:d.Size()]...)
}

// finish pads the message (a one bit, zeros, the 128-bit bit length big-endian) and
// returns the state words big-endian (SHA-384 leaves the last two zero).
func (d *digest) finish() [Size]byte {
	bitLen := d.len << 3
	var pad [BlockSize + 16]byte
	pad[0] = 0x80
	padLen := 1 + (111-d.len)%128
	for k := 0; k < 8; k++ {
		pad[padLen+8+uint64(k)] = byte(bitLen >> (56 - 8*k))
	}
	d.Write(pad[:padLen+16])
	var out [Size]byte
	words := 8
	if d.function == crypto.SHA384 {
		words = 6
	}
	for k, w := range d.h[:words] {
		for j := 0; j < 8; j++ {
			out[8*k+j] = byte(w >> (56 - 8*j))
		}
	}
	return out
}

func sum(f crypto.Hash, data []byte) [Size]byte {
	d := digest{function: f}
	d.Reset()
	d.Write(data)
	return d.finish()
}

// Sum512 returns the SHA-512 digest of data.
func Sum512(data []byte) [Size]byte { return sum(crypto.SHA512, data) }

// Sum384 returns the SHA-384 digest of data.
func Sum384(data []byte) [Size384]byte {
	full := sum(crypto.SHA384, data)
	var out [Size384]byte
	copy(out[:], full[:])
	return out
}

// Sum512_224 returns the SHA-512/224 digest of data.
func Sum512_224(data []byte) [Size224]byte {
	full := sum(crypto.SHA512_224, data)
	var out [Size224]byte
	copy(out[:], full[:])
	return out
}

// Sum512_256 returns the SHA-512/256 digest of data.
func Sum512_256(data []byte) [Size256]byte {
	full := sum(crypto.SHA512_256, data)
	var out [Size256]byte
	copy(out[:], full[:])
	return out
}

// The round constants: the first 64 bits of the fractional parts of the cube roots of the
// first 80 primes (FIPS 180-4, 4.2.3).
var roundK = [80]uint64{
	0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc,
	0x3956c25bf348b538, 0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118,
	0xd807aa98a3030242, 0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
	0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235, 0xc19bf174cf692694,
	0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
	0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
	0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4,
	0xc6e00bf33da88fc2, 0xd5a79147930aa725, 0x06ca6351e003826f, 0x142929670a0e6e70,
	0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
	0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
	0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30,
	0xd192e819d6ef5218, 0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
	0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8,
	0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3,
	0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
	0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b,
	0xca273eceea26619c, 0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178,
	0x06f067aa72176fba, 0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
	0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc, 0x431d67c49c100d4c,
	0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
}

// blocks runs SHA-512's compression over each 128-byte block of p.
func blocks(h *[8]uint64, p []byte) {
	var w [80]uint64
	for len(p) >= BlockSize {
		q := p[:BlockSize]
		for t := 0; t < 16; t++ {
			var v uint64
			for _, c := range q[8*t : 8*t+8] {
				v = v<<8 | uint64(c)
			}
			w[t] = v
		}
		for t := 16; t < 80; t++ {
			x, y := w[t-2], w[t-15]
			s1 := bits.RotateLeft64(x, -19) ^ bits.RotateLeft64(x, -61) ^ x>>6
			s0 := bits.RotateLeft64(y, -1) ^ bits.RotateLeft64(y, -8) ^ y>>7
			w[t] = s1 + w[t-7] + s0 + w[t-16]
		}
		a, b, c, d, e, f, g, hh := h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]
		for t := 0; t < 80; t++ {
			sigma1 := bits.RotateLeft64(e, -14) ^ bits.RotateLeft64(e, -18) ^ bits.RotateLeft64(e, -41)
			t1 := hh + sigma1 + (g ^ (e & (f ^ g))) + roundK[t] + w[t]
			sigma0 := bits.RotateLeft64(a, -28) ^ bits.RotateLeft64(a, -34) ^ bits.RotateLeft64(a, -39)
			t2 := sigma0 + ((a & b) | (c & (a | b)))
			hh, g, f, e, d, c, b, a = g, f, e, d+t1, c, b, a, t1+t2
		}
		h[0] += a
		h[1] += b
		h[2] += c
		h[3] += d
		h[4] += e
		h[5] += f
		h[6] += g
		h[7] += hh
		p = p[BlockSize:]
	}
}

const marshaledSize = 4 + 8*8 + BlockSize + 8

func (d *digest) MarshalBinary() ([]byte, error) {
	v, ok := variants[d.function]
	if !ok {
		return nil, errors.New("crypto/sha512: invalid hash function")
	}
	b := make([]byte, 0, marshaledSize)
	b = append(b, v.magic...)
	for _, w := range d.h {
		for k := 56; k >= 0; k -= 8 {
			b = append(b, byte(w>>k))
		}
	}
	b = append(b, d.x[:d.nx]...)
	b = b[:len(b)+BlockSize-d.nx]
	for k := 56; k >= 0; k -= 8 {
		b = append(b, byte(d.len>>k))
	}
	return b, nil
}

func (d *digest) UnmarshalBinary(b []byte) error {
	v, ok := variants[d.function]
	if len(b) < 4 || !ok || string(b[:4]) != v.magic {
		return errors.New("crypto/sha512: invalid hash state identifier")
	}
	if len(b) != marshaledSize {
		return errors.New("crypto/sha512: invalid hash state size")
	}
	b = b[4:]
	read := func() uint64 {
		var x uint64
		for _, c := range b[:8] {
			x = x<<8 | uint64(c)
		}
		b = b[8:]
		return x
	}
	for k := range d.h {
		d.h[k] = read()
	}
	b = b[copy(d.x[:], b):]
	d.len = read()
	d.nx = int(d.len % BlockSize)
	return nil
}
