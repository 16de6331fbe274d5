// Package hmac computes keyed-hash message authentication codes (RFC 2104, FIPS 198-1):
// H((K ^ opad) || H((K ^ ipad) || message)) over any hash.Hash constructor, with Equal to
// compare codes in constant time. tbuild's own implementation of Go 1.19's crypto/hmac API
// (its panic for a constructor that returns one shared hash included).
package hmac

import (
	"crypto/subtle"
	"hash"
)

// New returns a hash.Hash that computes the HMAC of what is written to it with key, over
// the hash h makes. h must return a new hash each time.
func New(h func() hash.Hash, key []byte) hash.Hash {
	m := new(hmac)
	m.outer = h() // made first, as Go's New makes it
	m.inner = h()
	if sameHash(m.inner, m.outer) {
		panic("crypto/hmac: hash generation function does not produce unique values")
	}
	block := m.inner.BlockSize()
	// A key longer than a block is replaced by its hash; a shorter one is padded with
	// zeros.
	if len(key) > block {
		m.outer.Write(key)
		key = m.outer.Sum(nil)
	}
	m.ipad = make([]byte, block)
	m.opad = make([]byte, block)
	copy(m.ipad, key)
	copy(m.opad, key)
	for i := 0; i < block; i++ {
		m.ipad[i] ^= 0x36
		m.opad[i] ^= 0x5c
	}
	m.inner.Write(m.ipad)
	return m
}

// sameHash reports whether a and b are the same hash (comparing interfaces whose dynamic
// type is not comparable panics: such hashes are taken as distinct).
func sameHash(a, b hash.Hash) (same bool) {
	defer func() { recover() }()
	return a == b
}

// hmac is the running HMAC: the inner hash has the padded key and the message so far; the
// outer one is started over at each Sum.
type hmac struct {
	inner, outer hash.Hash
	ipad, opad   []byte
}

func (m *hmac) Write(p []byte) (int, error) { return m.inner.Write(p) }

func (m *hmac) Size() int { return m.outer.Size() }

func (m *hmac) BlockSize() int { return m.inner.BlockSize() }

// Sum appends the HMAC of what was written so far to b; writing may go on after it.
func (m *hmac) Sum(b []byte) []byte {
	n := len(b)
	b = m.inner.Sum(b)
	m.outer.Reset()
	m.outer.Write(m.opad)
	m.outer.Write(b[n:])
	return m.outer.Sum(b[:n])
}

// Reset forgets what was written: the inner hash holds the padded key alone again.
func (m *hmac) Reset() {
	m.inner.Reset()
	m.inner.Write(m.ipad)
}

// Equal reports whether two MACs are the same bytes, in a time that does not depend on
// where they differ.
func Equal(mac1, mac2 []byte) bool {
	return subtle.ConstantTimeCompare(mac1, mac2) == 1
}
