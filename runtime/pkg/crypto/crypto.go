// Package crypto names the hash functions and declares the key interfaces: Go 1.19's crypto
// API (the identifiers, digest sizes and String names are Go's). A hash package registers
// its constructors with RegisterHash when it is linked in, so Available and New know only
// the hashes a program imports, as in Go.
package crypto

import (
	"hash"
	"io"
	"strconv"
)

// Hash identifies a hash function.
type Hash uint

// HashFunc returns h, so that Hash is a SignerOpts.
func (h Hash) HashFunc() Hash { return h }

const (
	MD4 Hash = 1 + iota
	MD5
	SHA1
	SHA224
	SHA256
	SHA384
	SHA512
	MD5SHA1
	RIPEMD160
	SHA3_224
	SHA3_256
	SHA3_384
	SHA3_512
	SHA512_224
	SHA512_256
	BLAKE2s_256
	BLAKE2b_256
	BLAKE2b_384
	BLAKE2b_512
	hashCount
)

// The name and digest length of each Hash, by value.
var info = [hashCount]struct {
	name string
	size uint8
}{
	MD4:         {"MD4", 16},
	MD5:         {"MD5", 16},
	SHA1:        {"SHA-1", 20},
	SHA224:      {"SHA-224", 28},
	SHA256:      {"SHA-256", 32},
	SHA384:      {"SHA-384", 48},
	SHA512:      {"SHA-512", 64},
	MD5SHA1:     {"MD5+SHA1", 36},
	RIPEMD160:   {"RIPEMD-160", 20},
	SHA3_224:    {"SHA3-224", 28},
	SHA3_256:    {"SHA3-256", 32},
	SHA3_384:    {"SHA3-384", 48},
	SHA3_512:    {"SHA3-512", 64},
	SHA512_224:  {"SHA-512/224", 28},
	SHA512_256:  {"SHA-512/256", 32},
	BLAKE2s_256: {"BLAKE2s-256", 32},
	BLAKE2b_256: {"BLAKE2b-256", 32},
	BLAKE2b_384: {"BLAKE2b-384", 48},
	BLAKE2b_512: {"BLAKE2b-512", 64},
}

func (h Hash) String() string {
	if h > 0 && h < hashCount {
		return info[h].name
	}
	return "unknown hash value " + strconv.Itoa(int(h))
}

// Size returns the length of h's digest in bytes.
func (h Hash) Size() int {
	if h == 0 || h >= hashCount {
		fail("Size of unknown hash function")
	}
	return int(info[h].size)
}

// fail panics with the package's prefix on msg.
func fail(msg string) { panic("crypto: " + msg) }

var constructors [hashCount]func() hash.Hash

// New returns a new hash.Hash of h; it panics if h's package is not linked in.
func (h Hash) New() hash.Hash {
	if h > 0 && h < hashCount && constructors[h] != nil {
		return constructors[h]()
	}
	msg := "requested hash function #" + strconv.Itoa(int(h)) + " is unavailable"
	panic("crypto: " + msg)
}

// Available reports whether h's package is linked in.
func (h Hash) Available() bool {
	return h < hashCount && constructors[h] != nil
}

// RegisterHash records f as the constructor of h; hash packages call it in init.
func RegisterHash(h Hash, f func() hash.Hash) {
	if h >= hashCount {
		fail("RegisterHash of unknown hash function")
	}
	constructors[h] = f
}

// PublicKey is a public key of any algorithm.
type PublicKey any

// PrivateKey is a private key of any algorithm.
type PrivateKey any

// Signer is a private key that signs.
type Signer interface {
	Public() PublicKey
	Sign(rand io.Reader, digest []byte, opts SignerOpts) (signature []byte, err error)
}

// SignerOpts holds the options of Sign.
type SignerOpts interface {
	HashFunc() Hash
}

// Decrypter is a private key that decrypts.
type Decrypter interface {
	Public() PublicKey
	Decrypt(rand io.Reader, msg []byte, opts DecrypterOpts) (plaintext []byte, err error)
}

// DecrypterOpts holds the options of Decrypt.
type DecrypterOpts any
