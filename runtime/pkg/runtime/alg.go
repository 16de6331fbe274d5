// Hashing and equality of values: the algorithms a type descriptor names (Go's "alg"), the
// per-process hash keys, and the random numbers maps use.
//
// Every comparable type's descriptor carries an equal function, and a map type's
// descriptor a hasher for its key (map.go maptype), as in Go (runtime/alg.go, type.go). The
// compiler picks them: the fixed-size memory functions below for keys that are plain memory
// of 0, 1, 2, 4, 8 or 16 bytes, the string, float and interface functions, and for other
// types functions it generates (`type..hash.T`, `type..eq.T`), which call these field by
// field, skipping blank fields and padding. typehash does the same walk over a descriptor,
// for the dynamic value of an interface.
//
// Hashes are keyed per process and per map: with AES-NI (checked at start-up, as Go's
// alginit does) memhash, strhash, memhash32 and memhash64 are AES rounds keyed by 128
// random bytes (hash_amd64.s); without it, a wyhash-style multiply-and-fold keyed by
// hashkey. Equal keys always hash alike: +0 and -0 hash as 0, and a NaN, equal to nothing,
// hashes randomly, so that each NaN key lands somewhere new.

package runtime

import "unsafe"

// tflag bits of a descriptor. tflagRegularMemory: == and hashing may treat a value as its
// size in bytes (no floats, strings, interfaces, padding or blank fields). Go:
// runtime/type.go tflagRegularMemory (Go's bit value; tbuild's other bits are unused).
const tflagRegularMemory = 1 << 3

// tflagMade marks a descriptor package reflect made at run time (ArrayOf, StructOf): its
// values compare by its equal function, as Go compares every type's, and not by valueeq's
// walk, which keeps the compiler's order and skips blank fields where Go 1.19's reflect
// does not (reflect/typeof.go).
const tflagMade = 1 << 7

// The per-process keys. aeskeysched keys the AES hash (128 random bytes, Go's
// hashRandomBytes on amd64); hashkey keys the fallback.
var (
	useAeshash  bool
	aeskeysched [128]byte
	hashkey     [4]uint64
)

// The constants of wyhash (Wang Yi, public domain): odd numbers with balanced bits.
const (
	wyp0 = 0xa0761d6478bd642f
	wyp1 = 0xe7037ed1a0b428db
	wyp2 = 0x8ebc6af09c88c6e3
	wyp3 = 0x589965cc75374cc3
	wyp4 = 0x1d8e4e27c47d124f
)

// cpuidECX1 is ECX of CPUID leaf 1, which rt0_go stores: the SSE and AES feature bits.
var cpuidECX1 uint32

// Feature bits of CPUID.1:ECX (Intel SDM vol. 2A, CPUID; Go: internal/cpu/cpu_x86.go).
const (
	cpuidSSSE3 = 1 << 9
	cpuidSSE41 = 1 << 19
	cpuidAES   = 1 << 25
)

// alginit chooses the hash: AES when the CPU has AESENC, PSHUFB (SSSE3) and PINSRQ
// (SSE4.1), as Go's alginit requires, else the fallback. Both get fresh random keys.
// schedinit calls it once random numbers are seeded.
func alginit() {
	need := uint32(cpuidSSSE3 | cpuidSSE41 | cpuidAES)
	if cpuidECX1&need == need {
		useAeshash = true
		fillRandom(unsafe.Pointer(&aeskeysched[0]), uintptr(len(aeskeysched)))
		return
	}
	fillRandom(unsafe.Pointer(&hashkey[0]), unsafe.Sizeof(hashkey))
	for i := range hashkey {
		hashkey[i] |= 1
	}
}

// fillRandom fills n bytes at p (a multiple of 8) from the M's random stream, which the
// kernel's AT_RANDOM bytes and the time stamp counter seeded (fastrandinit).
func fillRandom(p unsafe.Pointer, n uintptr) {
	for off := uintptr(0); off < n; off += 8 {
		*(*uint64)(add(p, off)) = fastrand64()
	}
}

// fastrandinit seeds mp's random numbers from the process's random bytes, its ID and the
// time stamp counter, as Go's mcommoninit does, so that every M's stream differs.
func fastrandinit(mp *m) {
	s := wymum(uint64(fastrandseed)^wyp0, uint64(mp.id)^wyp1)
	s = wymum(s^wyp2, cputicks()^wyp3)
	if s == 0 {
		s = wyp4
	}
	mp.fastrand = s
}

// fastrand64 returns the next number of the current M's stream: wyrand, a 64-bit counter
// stepped by an odd constant and folded through a 128-bit product (Go's fastrand on 64-bit
// systems is the same generator).
func fastrand64() uint64 {
	mp := getg().m
	s := mp.fastrand + wyp0
	mp.fastrand = s
	return wymum(s, s^wyp1)
}

// fastrand returns 32 random bits.
func fastrand() uint32 {
	return uint32(fastrand64())
}

// fastrandn returns a random number in [0, n): the high half of a 32-bit random number
// times n, Lemire's multiply-shift reduction, as Go's fastrandn.
func fastrandn(n uint32) uint32 {
	return uint32(uint64(fastrand()) * uint64(n) >> 32)
}

// wymum returns the high and low halves of the 128-bit product a*b xored together.
// In hash_amd64.s.
func wymum(a, b uint64) uint64

// cputicks reads the time stamp counter. In hash_amd64.s.
func cputicks() uint64

// The hash functions: func(p unsafe.Pointer, seed uintptr) uintptr, the signature of a map
// type's hasher. memhash, strhash, memhash32 and memhash64 are in hash_amd64.s; each jumps
// to its fallback below when the CPU has no AES.

func memhash(p unsafe.Pointer, seed, s uintptr) uintptr
func strhash(p unsafe.Pointer, seed uintptr) uintptr
func memhash32(p unsafe.Pointer, seed uintptr) uintptr
func memhash64(p unsafe.Pointer, seed uintptr) uintptr

func memhash0(p unsafe.Pointer, seed uintptr) uintptr {
	return seed
}

func memhash8(p unsafe.Pointer, seed uintptr) uintptr {
	return memhash(p, seed, 1)
}

func memhash16(p unsafe.Pointer, seed uintptr) uintptr {
	return memhash(p, seed, 2)
}

func memhash128(p unsafe.Pointer, seed uintptr) uintptr {
	return memhash(p, seed, 16)
}

// f32hash and f64hash hash a float so that +0 and -0 agree and every NaN differs.
func f32hash(p unsafe.Pointer, seed uintptr) uintptr {
	x := *(*float32)(p)
	if x == 0 {
		return zeroFloatHash(seed)
	}
	if x != x {
		return nanHash(seed)
	}
	return memhash32(p, seed)
}

func f64hash(p unsafe.Pointer, seed uintptr) uintptr {
	x := *(*float64)(p)
	if x == 0 {
		return zeroFloatHash(seed)
	}
	if x != x {
		return nanHash(seed)
	}
	return memhash64(p, seed)
}

func zeroFloatHash(seed uintptr) uintptr {
	return uintptr(wymum(uint64(seed)^wyp2, wyp3))
}

func nanHash(seed uintptr) uintptr {
	return uintptr(wymum(uint64(seed)^wyp2, fastrand64()|1))
}

// nilinterhash and interhash hash an interface value by its dynamic type's hash of its
// dynamic value; a nil interface hashes as the seed. A dynamic type without == cannot be
// hashed: Go's run-time error names it.
func nilinterhash(p unsafe.Pointer, seed uintptr) uintptr {
	return ifacehash(*(**_type)(p), add(p, 8), seed)
}

func interhash(p unsafe.Pointer, seed uintptr) uintptr {
	tab := *(**itab)(p)
	if tab == nil {
		return seed
	}
	return ifacehash(tab.typ, add(p, 8), seed)
}

// ifacehash hashes the value of dynamic type t held by the interface data word at word.
func ifacehash(t *_type, word unsafe.Pointer, seed uintptr) uintptr {
	if t == nil {
		return seed
	}
	if t.equal == nil {
		panicUnhashable(t)
	}
	v := *(*unsafe.Pointer)(word)
	if isDirectIface(t) {
		v = word // the data word is the value itself
	}
	return uintptr(wymum(uint64(typehash(t, v, seed^wyp4)), wyp1))
}

// reflect_keyhash hashes the value of type t at p as the hash function the compiler
// generates for t does (codegen lower/alg.rs alg_func and parts): a map type that
// reflect.MapOf makes hashes its keys with it, and a map can pass between such a type and
// a compiled one of the same key type, so both must put a key in the same place. Unlike
// typehash, a run of adjacent plain-memory fields (no blank field or padding between) is
// hashed as one piece of memory, as the compiler merges them.
func reflect_keyhash(t *_type, p unsafe.Pointer, h uintptr) uintptr {
	if t.tflag&tflagRegularMemory != 0 {
		switch t.size {
		case 0:
			return h
		case 4:
			return memhash32(p, h)
		case 8:
			return memhash64(p, h)
		}
		return memhash(p, h, t.size)
	}
	switch t.kind {
	case kindArray:
		for i := uintptr(0); i < t.len; i++ {
			h = reflect_keyhash(t.elem, add(p, i*t.elem.size), h)
		}
		return h
	case kindStruct:
		for i := uintptr(0); i < t.nfields; {
			f := fieldAt(t, i)
			i++
			if f.name == "_" {
				continue
			}
			if f.typ.tflag&tflagRegularMemory == 0 {
				h = reflect_keyhash(f.typ, add(p, f.offset), h)
				continue
			}
			start, end := f.offset, f.offset+f.typ.size
			for ; i < t.nfields; i++ {
				g := fieldAt(t, i)
				if g.name == "_" || g.offset != end || g.typ.tflag&tflagRegularMemory == 0 {
					break
				}
				end += g.typ.size
			}
			if end > start {
				h = memhash(add(p, start), h, end-start)
			}
		}
		return h
	}
	// Strings, floats, complex numbers and interfaces hash as typehash hashes them.
	return typehash(t, p, h)
}

// typehash hashes the value of type t at p, walking the descriptor: the hash of a dynamic
// value, whose type is known only at run time. Go: runtime/alg.go typehash.
func typehash(t *_type, p unsafe.Pointer, seed uintptr) uintptr {
	if t.tflag&tflagRegularMemory != 0 {
		if t.size == 8 {
			return memhash64(p, seed)
		}
		if t.size == 4 {
			return memhash32(p, seed)
		}
		return memhash(p, seed, t.size)
	}
	switch t.kind {
	case kindFloat32:
		return f32hash(p, seed)
	case kindFloat64:
		return f64hash(p, seed)
	case kindComplex64:
		return c64hash(p, seed)
	case kindComplex128:
		return c128hash(p, seed)
	case kindString:
		return strhash(p, seed)
	case kindInterface:
		if t.nmethods == 0 {
			return nilinterhash(p, seed)
		}
		return interhash(p, seed)
	case kindArray:
		h := seed
		for i := uintptr(0); i < t.len; i++ {
			h = typehash(t.elem, add(p, i*t.elem.size), h)
		}
		return h
	case kindStruct:
		h := seed
		for i := uintptr(0); i < t.nfields; i++ {
			f := fieldAt(t, i)
			if f.name != "_" {
				h = typehash(f.typ, add(p, f.offset), h)
			}
		}
		return h
	}
	panicUnhashable(t)
	return 0
}

// panicUnhashable is Go's run-time error for a map key whose dynamic type has no ==.
func panicUnhashable(t *_type) {
	pv := runtimeError("hash of unhashable type "+t.name)
	gopanic(pv._type, pv.data, goframesHash)
}

// goframesHash counts Go's runtime frames above the program's when hashing panics: gopanic,
// the hash function and the map function (mapassign, mapaccess2, ...).
const goframesHash = 3

// The equality functions: func(p, q unsafe.Pointer) bool, a descriptor's equal.

func memequal0(p, q unsafe.Pointer) bool {
	return true
}

func memequal8(p, q unsafe.Pointer) bool {
	return *(*uint8)(p) == *(*uint8)(q)
}

func memequal16(p, q unsafe.Pointer) bool {
	return *(*uint16)(p) == *(*uint16)(q)
}

func memequal32(p, q unsafe.Pointer) bool {
	return *(*uint32)(p) == *(*uint32)(q)
}

func memequal64(p, q unsafe.Pointer) bool {
	return *(*uint64)(p) == *(*uint64)(q)
}

func memequal128(p, q unsafe.Pointer) bool {
	a := (*[2]uint64)(p)
	b := (*[2]uint64)(q)
	return a[0] == b[0] && a[1] == b[1]
}

func f32equal(p, q unsafe.Pointer) bool {
	return *(*float32)(p) == *(*float32)(q)
}

func f64equal(p, q unsafe.Pointer) bool {
	return *(*float64)(p) == *(*float64)(q)
}

func strequal(p, q unsafe.Pointer) bool {
	return *(*string)(p) == *(*string)(q)
}

func nilinterequal(p, q unsafe.Pointer) bool {
	return ifaceeq(*(**_type)(p), *(*unsafe.Pointer)(add(p, 8)), *(**_type)(q), *(*unsafe.Pointer)(add(q, 8)))
}

// interequal compares two non-empty interface values by dynamic type and value: itabs made
// at run time and the compiler's static ones may differ for one type, so the types decide.
func interequal(p, q unsafe.Pointer) bool {
	var t1, t2 *_type
	if tab := *(**itab)(p); tab != nil {
		t1 = tab.typ
	}
	if tab := *(**itab)(q); tab != nil {
		t2 = tab.typ
	}
	return ifaceeq(t1, *(*unsafe.Pointer)(add(p, 8)), t2, *(*unsafe.Pointer)(add(q, 8)))
}

// The fallback hash, when the CPU has no AES: wyhash's scheme (a 64x64->128-bit multiply
// folded to 64 bits mixes two words at a time), keyed by hashkey.

// memhashFallback hashes s bytes at p. Short inputs are read as two possibly overlapping
// words (or three bytes), which covers every byte and never reads outside [p, p+s).
func memhashFallback(p unsafe.Pointer, seed, s uintptr) uintptr {
	acc := uint64(seed) ^ hashkey[0] ^ wyp0
	var lo, hi uint64
	n := s
	switch {
	case n > 16:
		if n > 48 {
			acc1, acc2 := acc^hashkey[1], acc^hashkey[2]
			for ; n > 48; n -= 48 {
				acc = wymum(load64(p, 0)^wyp1, load64(p, 8)^acc)
				acc1 = wymum(load64(p, 16)^wyp2, load64(p, 24)^acc1)
				acc2 = wymum(load64(p, 32)^wyp3, load64(p, 40)^acc2)
				p = add(p, 48)
			}
			acc ^= acc1 ^ acc2
		}
		for ; n > 16; n -= 16 {
			acc = wymum(load64(p, 0)^wyp1, load64(p, 8)^acc)
			p = add(p, 16)
		}
		lo, hi = load64(p, n-16), load64(p, n-8)
	case n >= 8:
		lo, hi = load64(p, 0), load64(p, n-8)
	case n >= 4:
		lo, hi = uint64(load32(p, 0)), uint64(load32(p, n-4))
	case n > 0:
		first := uint64(*(*byte)(p))
		mid := uint64(*(*byte)(add(p, n/2)))
		last := uint64(*(*byte)(add(p, n-1)))
		lo = first | mid<<8 | last<<16
	}
	return uintptr(wymum(uint64(s)^wyp4, wymum(lo^wyp1, hi^acc)))
}

func strhashFallback(p unsafe.Pointer, seed uintptr) uintptr {
	s := (*stringStruct)(p)
	return memhashFallback(s.str, seed, uintptr(s.len))
}

func memhash32Fallback(p unsafe.Pointer, seed uintptr) uintptr {
	x := uint64(*(*uint32)(p))
	return uintptr(wymum(4^wyp4, wymum(x^wyp1, x^uint64(seed)^hashkey[0]^wyp0)))
}

func memhash64Fallback(p unsafe.Pointer, seed uintptr) uintptr {
	x := *(*uint64)(p)
	return uintptr(wymum(8^wyp4, wymum(x^wyp1, x^uint64(seed)^hashkey[0]^wyp0)))
}

func load64(p unsafe.Pointer, off uintptr) uint64 {
	return *(*uint64)(add(p, off))
}

func load32(p unsafe.Pointer, off uintptr) uint32 {
	return *(*uint32)(add(p, off))
}
