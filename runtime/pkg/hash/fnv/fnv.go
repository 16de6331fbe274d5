// Package fnv implements the Fowler-Noll-Vo hashes FNV-1 and FNV-1a in 32, 64 and 128
// bits (the offsets and primes of the FNV specification, draft-eastlake-fnv): tbuild's own
// implementation of Go 1.19's hash/fnv API, with the MarshalBinary state format of Go's
// ("fnv" and a kind byte, then the state big-endian).
package fnv

import (
	"errors"
	"hash"
	"math/bits"
)

type (
	sum32   uint32
	sum32a  uint32
	sum64   uint64
	sum64a  uint64
	sum128  [2]uint64 // high word first
	sum128a [2]uint64
)

const (
	basis32    = 2166136261
	mult32     = 16777619
	basis64    = 14695981039346656037
	mult64     = 1099511628211
	basis128Hi = 0x6c62272e07bb0142
	basis128Lo = 0x62b821756295c58d
	// The 128-bit prime is 2^88 + 0x13b: its low word, and the shift of its high bit
	// within the high word.
	mult128Lo    = 0x13b
	mult128Shift = 24
)

// New32 returns a 32-bit FNV-1 hash.
func New32() hash.Hash32 { s := sum32(basis32); return &s }

// New32a returns a 32-bit FNV-1a hash.
func New32a() hash.Hash32 { s := sum32a(basis32); return &s }

// New64 returns a 64-bit FNV-1 hash.
func New64() hash.Hash64 { s := sum64(basis64); return &s }

// New64a returns a 64-bit FNV-1a hash.
func New64a() hash.Hash64 { s := sum64a(basis64); return &s }

// New128 returns a 128-bit FNV-1 hash.
func New128() hash.Hash { s := sum128{basis128Hi, basis128Lo}; return &s }

// New128a returns a 128-bit FNV-1a hash.
func New128a() hash.Hash { s := sum128a{basis128Hi, basis128Lo}; return &s }

func (s *sum32) Reset()   { *s = basis32 }
func (s *sum32a) Reset()  { *s = basis32 }
func (s *sum64) Reset()   { *s = basis64 }
func (s *sum64a) Reset()  { *s = basis64 }
func (s *sum128) Reset()  { *s = sum128{basis128Hi, basis128Lo} }
func (s *sum128a) Reset() { *s = sum128a{basis128Hi, basis128Lo} }

func (s *sum32) Sum32() uint32  { return uint32(*s) }
func (s *sum32a) Sum32() uint32 { return uint32(*s) }
func (s *sum64) Sum64() uint64  { return uint64(*s) }
func (s *sum64a) Sum64() uint64 { return uint64(*s) }

func (s *sum32) Write(data []byte) (int, error) {
	h := uint32(*s)
	for _, b := range data {
		h = h*mult32 ^ uint32(b)
	}
	*s = sum32(h)
	return len(data), nil
}

func (s *sum32a) Write(data []byte) (int, error) {
	h := uint32(*s)
	for _, b := range data {
		h = (h ^ uint32(b)) * mult32
	}
	*s = sum32a(h)
	return len(data), nil
}

func (s *sum64) Write(data []byte) (int, error) {
	h := uint64(*s)
	for _, b := range data {
		h = h*mult64 ^ uint64(b)
	}
	*s = sum64(h)
	return len(data), nil
}

func (s *sum64a) Write(data []byte) (int, error) {
	h := uint64(*s)
	for _, b := range data {
		h = (h ^ uint64(b)) * mult64
	}
	*s = sum64a(h)
	return len(data), nil
}

// times128 returns (hi, lo) times the 128-bit prime, modulo 2^128.
func times128(hi, lo uint64) (uint64, uint64) {
	carry, low := bits.Mul64(lo, mult128Lo)
	return carry + hi*mult128Lo + lo<<mult128Shift, low
}

func (s *sum128) Write(data []byte) (int, error) {
	hi, lo := s[0], s[1]
	for _, b := range data {
		hi, lo = times128(hi, lo)
		lo ^= uint64(b)
	}
	s[0], s[1] = hi, lo
	return len(data), nil
}

func (s *sum128a) Write(data []byte) (int, error) {
	hi, lo := s[0], s[1]
	for _, b := range data {
		hi, lo = times128(hi, lo^uint64(b))
	}
	s[0], s[1] = hi, lo
	return len(data), nil
}

func (s *sum32) Size() int   { return 4 }
func (s *sum32a) Size() int  { return 4 }
func (s *sum64) Size() int   { return 8 }
func (s *sum64a) Size() int  { return 8 }
func (s *sum128) Size() int  { return 16 }
func (s *sum128a) Size() int { return 16 }

func (s *sum32) BlockSize() int   { return 1 }
func (s *sum32a) BlockSize() int  { return 1 }
func (s *sum64) BlockSize() int   { return 1 }
func (s *sum64a) BlockSize() int  { return 1 }
func (s *sum128) BlockSize() int  { return 1 }
func (s *sum128a) BlockSize() int { return 1 }

func put32(b []byte, v uint32) []byte {
	return append(b, byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
}

func put64(b []byte, v uint64) []byte {
	return put32(put32(b, uint32(v>>32)), uint32(v))
}

func get64(b []byte) uint64 {
	var v uint64
	for _, c := range b[:8] {
		v = v<<8 | uint64(c)
	}
	return v
}

func (s *sum32) Sum(in []byte) []byte   { return put32(in, uint32(*s)) }
func (s *sum32a) Sum(in []byte) []byte  { return put32(in, uint32(*s)) }
func (s *sum64) Sum(in []byte) []byte   { return put64(in, uint64(*s)) }
func (s *sum64a) Sum(in []byte) []byte  { return put64(in, uint64(*s)) }
func (s *sum128) Sum(in []byte) []byte  { return put64(put64(in, s[0]), s[1]) }
func (s *sum128a) Sum(in []byte) []byte { return put64(put64(in, s[0]), s[1]) }

// The marshaled state: "fnv", a byte naming the kind (1..6 for 32, 32a, 64, 64a, 128,
// 128a), then the state big-endian.
func marshal(kind byte, size int, words ...uint64) []byte {
	b := make([]byte, 0, 4+size)
	b = append(b, 'f', 'n', 'v', kind)
	if size == 4 {
		return put32(b, uint32(words[0]))
	}
	for _, w := range words {
		b = put64(b, w)
	}
	return b
}

// unmarshal checks b's kind and size and returns its state words.
func unmarshal(b []byte, kind byte, size int) ([]uint64, error) {
	if len(b) < 4 || string(b[:3]) != "fnv" || b[3] != kind {
		return nil, errors.New("hash/fnv: invalid hash state identifier")
	}
	if len(b) != 4+size {
		return nil, errors.New("hash/fnv: invalid hash state size")
	}
	if size == 4 {
		return []uint64{uint64(b[4])<<24 | uint64(b[5])<<16 | uint64(b[6])<<8 | uint64(b[7])}, nil
	}
	var words []uint64
	for at := 4; at < len(b); at += 8 {
		words = append(words, get64(b[at:]))
	}
	return words, nil
}

func (s *sum32) MarshalBinary() ([]byte, error)   { return marshal(1, 4, uint64(*s)), nil }
func (s *sum32a) MarshalBinary() ([]byte, error)  { return marshal(2, 4, uint64(*s)), nil }
func (s *sum64) MarshalBinary() ([]byte, error)   { return marshal(3, 8, uint64(*s)), nil }
func (s *sum64a) MarshalBinary() ([]byte, error)  { return marshal(4, 8, uint64(*s)), nil }
func (s *sum128) MarshalBinary() ([]byte, error)  { return marshal(5, 16, s[0], s[1]), nil }
func (s *sum128a) MarshalBinary() ([]byte, error) { return marshal(6, 16, s[0], s[1]), nil }

func (s *sum32) UnmarshalBinary(b []byte) error {
	w, err := unmarshal(b, 1, 4)
	if err == nil {
		*s = sum32(w[0])
	}
	return err
}

func (s *sum32a) UnmarshalBinary(b []byte) error {
	w, err := unmarshal(b, 2, 4)
	if err == nil {
		*s = sum32a(w[0])
	}
	return err
}

func (s *sum64) UnmarshalBinary(b []byte) error {
	w, err := unmarshal(b, 3, 8)
	if err == nil {
		*s = sum64(w[0])
	}
	return err
}

func (s *sum64a) UnmarshalBinary(b []byte) error {
	w, err := unmarshal(b, 4, 8)
	if err == nil {
		*s = sum64a(w[0])
	}
	return err
}

func (s *sum128) UnmarshalBinary(b []byte) error {
	w, err := unmarshal(b, 5, 16)
	if err == nil {
		s[0], s[1] = w[0], w[1]
	}
	return err
}

func (s *sum128a) UnmarshalBinary(b []byte) error {
	w, err := unmarshal(b, 6, 16)
	if err == nil {
		s[0], s[1] = w[0], w[1]
	}
	return err
}
