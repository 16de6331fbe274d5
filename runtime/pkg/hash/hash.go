// Package hash declares the interfaces of hash functions: Go 1.19's hash API.
package hash

import "io"

// Hash is a running hash: Write adds data (and never fails), Sum appends the hash of
// everything written so far to b without changing the state, Reset starts again.
type Hash interface {
	io.Writer
	Sum(b []byte) []byte
	Reset()
	Size() int      // the length of Sum's result
	BlockSize() int // the size of the blocks the hash works on
}

// Hash32 is a Hash with a 32-bit result.
type Hash32 interface {
	Hash
	Sum32() uint32
}

// Hash64 is a Hash with a 64-bit result.
type Hash64 interface {
	Hash
	Sum64() uint64
}
