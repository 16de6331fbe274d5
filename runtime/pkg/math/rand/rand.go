// Package rand generates pseudo-random numbers: tbuild's own implementation of Go 1.19's
// math/rand API with Go 1.19's exact sequences (the generator of rng.go, the ways each
// method draws from it, and the top-level functions on a shared source seeded with 1
// unless Seed is called: Go 1.19 does not seed it at random).
package rand

import "sync"

// A Source is a stream of uniformly distributed non-negative int64 values.
type Source interface {
	Int63() int64
	Seed(seed int64)
}

// A Source64 also gives uniformly distributed uint64 values.
type Source64 interface {
	Source
	Uint64() uint64
}

// NewSource returns a new Source of Go's generator seeded with seed; it is not safe for
// concurrent use.
func NewSource(seed int64) Source {
	g := new(rngSource)
	g.Seed(seed)
	return g
}

// A Rand draws numbers of every kind from a Source.
type Rand struct {
	src   Source
	src64 Source64 // src, when it is a Source64
	// Read hands out the bytes of one Int63 value at a time: the value's bytes not used
	// yet, and how many.
	readVal  int64
	readLeft int8
}

// New returns a Rand drawing from src.
func New(src Source) *Rand {
	r := &Rand{src: src}
	r.src64, _ = src.(Source64)
	return r
}

// Seed reseeds the source, and forgets the bytes Read had left.
func (r *Rand) Seed(seed int64) {
	if shared, ok := r.src.(*sharedSource); ok {
		shared.mu.Lock()
		shared.g.Seed(seed)
		r.readLeft = 0
		shared.mu.Unlock()
		return
	}
	r.src.Seed(seed)
	r.readLeft = 0
}

// badArgument panics with Go's message for a method given a bad argument.
func badArgument(method string) { panic("invalid argument to " + method) }

// Int63 returns a non-negative int64.
func (r *Rand) Int63() int64 { return r.src.Int63() }

// Uint32 returns a uint32: the high 32 of an Int63's 63 bits.
func (r *Rand) Uint32() uint32 { return uint32(r.Int63() >> 31) }

// Uint64 returns a uint64, from the source's Uint64 if it has one, else from two Int63s.
func (r *Rand) Uint64() uint64 {
	if r.src64 != nil {
		return r.src64.Uint64()
	}
	lo := uint64(r.Int63()) >> 31
	return lo | uint64(r.Int63())<<32
}

// Int31 returns a non-negative int32: the high 31 bits of an Int63.
func (r *Rand) Int31() int32 { return int32(r.Int63() >> 32) }

// Int returns a non-negative int.
func (r *Rand) Int() int { return int(uint(r.Int63()) << 1 >> 1) }

// Int63n returns an int64 in [0, n); it panics if n <= 0. Values past the largest
// multiple of n are drawn again, so that every result is equally likely.
func (r *Rand) Int63n(n int64) int64 {
	if n <= 0 {
		badArgument("Int63n")
	}
	if mask := n - 1; n&mask == 0 {
		return r.Int63() & mask
	}
	limit := int64(1<<63 - 1 - (1<<63)%uint64(n))
	for {
		if v := r.Int63(); v <= limit {
			return v % n
		}
	}
}

// Int31n returns an int32 in [0, n); it panics if n <= 0.
func (r *Rand) Int31n(n int32) int32 {
	if n <= 0 {
		badArgument("Int31n")
	}
	if mask := n - 1; n&mask == 0 {
		return r.Int31() & mask
	}
	limit := int32(1<<31 - 1 - (1<<31)%uint32(n))
	for {
		if v := r.Int31(); v <= limit {
			return v % n
		}
	}
}

// below returns an int32 in [0, n) for n > 0 by Lemire's multiply-and-shift method
// (Shuffle's way), drawing again while the low half falls in the biased range.
func (r *Rand) below(n int32) int32 {
	prod := uint64(r.Uint32()) * uint64(n)
	if uint32(prod) < uint32(n) {
		bias := uint32(-n) % uint32(n)
		for uint32(prod) < bias {
			prod = uint64(r.Uint32()) * uint64(n)
		}
	}
	high := prod >> 32
	return int32(high)
}

// Intn returns an int in [0, n); it panics if n <= 0.
func (r *Rand) Intn(n int) int {
	if n <= 0 {
		badArgument("Intn")
	}
	if n >= 1<<31 {
		v := r.Int63n(int64(n))
		return int(v)
	}
	v := r.Int31n(int32(n))
	return int(v)
}

// Float64 returns a float64 in [0.0, 1.0).
func (r *Rand) Float64() float64 {
	for {
		// An Int63 near 2^63 rounds to 1.0, which is drawn again.
		if f := float64(r.Int63()) / (1 << 63); f != 1 {
			return f
		}
	}
}

// Float32 returns a float32 in [0.0, 1.0).
func (r *Rand) Float32() float32 {
	for {
		if f := float32(r.Float64()); f != 1 {
			return f
		}
	}
}

// Perm returns a random permutation of 0..n-1 (an inside-out Fisher-Yates shuffle).
func (r *Rand) Perm(n int) []int {
	p := make([]int, n)
	for i := range p {
		j := r.Intn(i + 1)
		p[i] = p[j]
		p[j] = i
	}
	return p
}

// Shuffle permutes n elements through swap (Fisher-Yates, from the last); it panics if
// n < 0.
func (r *Rand) Shuffle(n int, swap func(i, j int)) {
	if n < 0 {
		badArgument("Shuffle")
	}
	i := n - 1
	for ; i >= 1<<31-1; i-- {
		swap(i, int(r.Int63n(int64(i+1))))
	}
	for ; i > 0; i-- {
		swap(i, int(r.below(int32(i+1))))
	}
}

// Read fills p with random bytes, seven from each Int63 (low byte first), and never fails.
func (r *Rand) Read(p []byte) (n int, err error) {
	if shared, ok := r.src.(*sharedSource); ok {
		shared.mu.Lock()
		n = fill(p, shared.g, &r.readVal, &r.readLeft)
		shared.mu.Unlock()
		return n, nil
	}
	return fill(p, r.src, &r.readVal, &r.readLeft), nil
}

func fill(p []byte, src Source, val *int64, left *int8) int {
	v, k := *val, *left
	for i := range p {
		if k == 0 {
			v, k = src.Int63(), 7
		}
		p[i] = byte(v)
		v >>= 8
		k--
	}
	*val, *left = v, k
	return len(p)
}

// sharedSource is the top-level functions' source, shared under a mutex.
type sharedSource struct {
	mu sync.Mutex
	g  *rngSource
}

func (s *sharedSource) Int63() int64 {
	s.mu.Lock()
	v := s.g.Int63()
	s.mu.Unlock()
	return v
}

func (s *sharedSource) Uint64() uint64 {
	s.mu.Lock()
	v := s.g.Uint64()
	s.mu.Unlock()
	return v
}

func (s *sharedSource) Seed(seed int64) {
	s.mu.Lock()
	s.g.Seed(seed)
	s.mu.Unlock()
}

var shared = New(&sharedSource{g: NewSource(1).(*rngSource)})

// Seed seeds the shared source (seeded with 1 until then).
func Seed(seed int64) { shared.Seed(seed) }

func Int63() int64                       { return shared.Int63() }
func Uint32() uint32                     { return shared.Uint32() }
func Uint64() uint64                     { return shared.Uint64() }
func Int31() int32                       { return shared.Int31() }
func Int() int                           { return shared.Int() }
func Int63n(n int64) int64               { return shared.Int63n(n) }
func Int31n(n int32) int32               { return shared.Int31n(n) }
func Intn(n int) int                     { return shared.Intn(n) }
func Float64() float64                   { return shared.Float64() }
func Float32() float32                   { return shared.Float32() }
func Perm(n int) []int                   { return shared.Perm(n) }
func Shuffle(n int, swap func(i, j int)) { shared.Shuffle(n, swap) }
func Read(p []byte) (n int, err error)   { return shared.Read(p) }
func NormFloat64() float64               { return shared.NormFloat64() }
func ExpFloat64() float64                { return shared.ExpFloat64() }
