package rand

// The default Source: the additive lagged Fibonacci generator of Mitchell and Reeds,
// x[n] = x[n-607] + x[n-273] modulo 2^64, whose 607 words are seeded from a Park-Miller
// "minimal standard" sequence (x*48271 mod 2^31-1) xored with seedMask (tables.go). These
// are the facts of Go 1.19's math/rand/rng.go, so that every seed gives Go's sequence.
const (
	lags      = 607
	shortLag  = 273
	parkMod   = 1<<31 - 1
	zeroSeed  = 89482311 // the seed used in place of 0
	low63Bits = 1<<63 - 1
)

type rngSource struct {
	read  int // the slot read with the one written: the short lag behind
	write int
	vec   [lags]int64
}

// parkMiller is one step of x*48271 mod 2^31-1, by Schrage's method (no overflow).
func parkMiller(x int32) int32 {
	const mul, quo, rem = 48271, parkMod / 48271, parkMod % 48271
	x = mul*(x%quo) - rem*(x/quo)
	if x < 0 {
		x += parkMod
	}
	return x
}

// Seed fills the state from seed; seeds equal modulo 2^31-1 give the same sequence.
func (g *rngSource) Seed(seed int64) {
	g.read = 0
	g.write = lags - shortLag
	seed %= parkMod
	switch {
	case seed < 0:
		seed += parkMod
	case seed == 0:
		seed = zeroSeed
	}
	x := int32(seed)
	// Twenty steps are thrown away, then each word takes three.
	for k := 0; k < 20; k++ {
		x = parkMiller(x)
	}
	for i := range g.vec {
		x = parkMiller(x)
		w := int64(x) << 40
		x = parkMiller(x)
		w ^= int64(x) << 20
		x = parkMiller(x)
		w ^= int64(x)
		g.vec[i] = w ^ seedMask[i]
	}
}

// Uint64 returns the next 64-bit value.
func (g *rngSource) Uint64() uint64 {
	g.read--
	if g.read < 0 {
		g.read = lags - 1
	}
	g.write--
	if g.write < 0 {
		g.write = lags - 1
	}
	v := g.vec[g.write] + g.vec[g.read]
	g.vec[g.write] = v
	return uint64(v)
}

// Int63 returns the next value's low 63 bits.
func (g *rngSource) Int63() int64 {
	return int64(g.Uint64() & low63Bits)
}
