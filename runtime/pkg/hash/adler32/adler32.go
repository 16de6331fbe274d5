// Package adler32 computes the Adler-32 checksum of RFC 1950 (two sums modulo 65521, the
// second over the running first): tbuild's own implementation of Go 1.19's hash/adler32
// API, with Go's MarshalBinary state format ("adl\x01", then the checksum).
package adler32

import (
	"errors"
	"hash"
)

// Size is the length of an Adler-32 checksum in bytes.
const Size = 4

const (
	modulus = 65521
	// run is the most bytes that can be summed before the sums must be reduced: the
	// largest n with 255*n*(n+1)/2 + (n+1)*(modulus-1) < 2^32 (RFC 1950's zlib uses it).
	run = 5552
)

// digest holds the second sum in the high half and the first in the low.
type digest uint32

// New returns a running Adler-32 checksum.
func New() hash.Hash32 {
	d := digest(1)
	return &d
}

func (d *digest) Size() int      { return Size }
func (d *digest) BlockSize() int { return 4 }
func (d *digest) Reset()         { *d = 1 }
func (d *digest) Sum32() uint32  { return uint32(*d) }

func add(d digest, p []byte) digest {
	a, b := uint32(d&0xffff), uint32(d>>16)
	for len(p) > 0 {
		n := len(p)
		if n > run {
			n = run
		}
		for _, c := range p[:n] {
			a += uint32(c)
			b += a
		}
		a %= modulus
		b %= modulus
		p = p[n:]
	}
	return digest(b<<16 | a)
}

func (d *digest) Write(p []byte) (int, error) {
	*d = add(*d, p)
	return len(p), nil
}

func (d *digest) Sum(in []byte) []byte {
	v := uint32(*d)
	return append(in, byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
}

// Checksum returns the Adler-32 checksum of data.
func Checksum(data []byte) uint32 { return uint32(add(1, data)) }

func (d *digest) MarshalBinary() ([]byte, error) {
	v := uint32(*d)
	return []byte{'a', 'd', 'l', 1, byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}, nil
}

func (d *digest) UnmarshalBinary(b []byte) error {
	if len(b) < 4 || string(b[:4]) != "adl\x01" {
		return errors.New("hash/adler32: invalid hash state identifier")
	}
	if len(b) != 8 {
		return errors.New("hash/adler32: invalid hash state size")
	}
	*d = digest(uint32(b[4])<<24 | uint32(b[5])<<16 | uint32(b[6])<<8 | uint32(b[7]))
	return nil
}
