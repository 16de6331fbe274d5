// Slices and strings: the runtime half of what the compiler lowers inline.
//
// Go: runtime/slice.go (makeslice, growslice), runtime/string.go (concatstrings,
// slicebytetostring, stringtoslicebyte, intstring), runtime/utf8.go (decoderune,
// encoderune), runtime/msize.go (roundupsize) and runtime/panic.go (the goPanicSlice*
// family). Slices travel as (pointer, len, cap)
// words in the tbuild ABI, so these functions take and return those words.

package runtime

import "unsafe"

// slice is a slice header's three words. Go: runtime/slice.go slice.
type slice struct {
	array unsafe.Pointer
	len   int
	cap   int
}

// maxAlloc is the largest allocation (Go: runtime/malloc.go, 1<<48 on linux/amd64).
const maxAlloc = 1 << 48

// roundupsize returns the size of the block mallocgc gives an object of size bytes: its
// size class's, or whole pages above the largest class. Go: runtime/msize.go roundupsize.
func roundupsize(size uintptr) uintptr {
	if size <= _MaxSmallSize {
		if size == 0 {
			return 0
		}
		return uintptr(class_to_size[sizeclass(size)])
	}
	if size+_PageSize < size {
		return size
	}
	return alignUp(size, _PageSize)
}

// mulUintptr returns a * b and whether the product overflowed. Go: runtime/internal/math.
func mulUintptr(a, b uintptr) (uintptr, bool) {
	if a|b < 1<<32 || a == 0 {
		return a * b, false
	}
	return a * b, b > ^uintptr(0)/a
}

// makeslice allocates the zeroed backing array of make([]T, len, cap); et is T's descriptor,
// which the array is allocated with (a collector repeats its mask every et.size bytes).
// Go: runtime/slice.go makeslice.
func makeslice(et *_type, len int, cap int) unsafe.Pointer {
	elemsize := et.size
	mem, overflow := mulUintptr(elemsize, uintptr(cap))
	if overflow || mem > maxAlloc || len < 0 || len > cap {
		mem2, overflow2 := mulUintptr(elemsize, uintptr(len))
		if overflow2 || mem2 > maxAlloc || len < 0 {
			panicmakeslicelen()
		}
		panicmakeslicecap()
	}
	return mallocgc(mem, unsafe.Pointer(et), true)
}

// growslice allocates a new backing array for an append that needs room for newlen
// elements of type et, copies the old elements, and returns the new array and capacity.
// Go: runtime/slice.go growslice: double small slices, grow large ones by about 1.25x
// (smoothly from a threshold of 256), then round the byte size up to a size class.
func growslice(old unsafe.Pointer, oldlen int, oldcap int, newlen int, et *_type) (unsafe.Pointer, int) {
	elemsize := et.size
	if newlen < 0 {
		panicgrowslice()
	}
	if elemsize == 0 {
		return unsafe.Pointer(&zerobase), newlen
	}
	newcap := oldcap
	doublecap := newcap + newcap
	if newlen > doublecap {
		newcap = newlen
	} else {
		if oldcap < 256 {
			newcap = doublecap
		} else {
			for 0 < newcap && newcap < newlen {
				newcap += (newcap + 3*256) / 4
			}
			if newcap <= 0 {
				newcap = newlen
			}
		}
	}
	capmem, overflow := mulUintptr(uintptr(newcap), elemsize)
	capmem = roundupsize(capmem)
	newcap = int(capmem / elemsize)
	capmem = uintptr(newcap) * elemsize
	if overflow || capmem > maxAlloc {
		panicgrowslice()
	}
	p := mallocgc(capmem, unsafe.Pointer(et), true)
	memmove(p, old, uintptr(oldlen)*elemsize)
	return p, newcap
}

// concatstring2 returns a + b. Go: runtime/string.go concatstrings (an empty operand
// returns the other without allocating).
func concatstring2(a string, b string) string {
	if len(a) == 0 {
		return b
	}
	if len(b) == 0 {
		return a
	}
	n := len(a) + len(b)
	if n < 0 {
		throw("string concatenation too long")
	}
	p := mallocgc(uintptr(n), nil, false)
	memmove(p, stringData(a), uintptr(len(a)))
	memmove(unsafe.Add(p, len(a)), stringData(b), uintptr(len(b)))
	return makeString(p, n)
}

// slicebytetostring returns string(b) for the n bytes at p. Go: runtime/string.go.
func slicebytetostring(p unsafe.Pointer, n int) string {
	if n == 0 {
		return ""
	}
	q := mallocgc(uintptr(n), nil, false)
	memmove(q, p, uintptr(n))
	return makeString(q, n)
}

// stringtoslicebyte returns []byte(s) as (pointer, len, cap); the capacity is the size
// class the bytes were allocated in, as Go's rawbyteslice gives it.
// Go: runtime/string.go stringtoslicebyte.
func stringtoslicebyte(s string) (unsafe.Pointer, int, int) {
	n := len(s)
	c := roundupsize(uintptr(n))
	p := mallocgc(c, nil, true)
	memmove(p, stringData(s), uintptr(n))
	return p, n, int(c)
}

// intstring returns string(rune(v)): its UTF-8 encoding, or "\uFFFD" when v is not a valid
// code point. Go: runtime/string.go intstring.
func intstring(v int64) string {
	p := mallocgc(4, nil, false)
	r := rune(v)
	if int64(r) != v {
		r = runeError
	}
	n := encoderune(p, r)
	return makeString(p, n)
}

const (
	runeError    = 0xFFFD
	runeSelf     = 0x80
	maxRune      = 0x10FFFF
	surrogateMin = 0xD800
	surrogateMax = 0xDFFF
)

// encoderune writes the UTF-8 encoding of r at p and returns its length.
// Go: runtime/utf8.go encoderune.
func encoderune(p unsafe.Pointer, r rune) int {
	b := (*[4]byte)(p)
	if uint32(r) <= 127 {
		b[0] = byte(r)
		return 1
	}
	if uint32(r) <= 2047 {
		b[0] = byte(0xC0 | r>>6)
		b[1] = byte(0x80 | r&0x3F)
		return 2
	}
	if uint32(r) > maxRune || (surrogateMin <= r && r <= surrogateMax) {
		r = runeError
	}
	if uint32(r) <= 65535 {
		b[0] = byte(0xE0 | r>>12)
		b[1] = byte(0x80 | (r>>6)&0x3F)
		b[2] = byte(0x80 | r&0x3F)
		return 3
	}
	b[0] = byte(0xF0 | r>>18)
	b[1] = byte(0x80 | (r>>12)&0x3F)
	b[2] = byte(0x80 | (r>>6)&0x3F)
	b[3] = byte(0x80 | r&0x3F)
	return 4
}

// decoderune returns the rune starting at s[k] (a non-ASCII byte) and the index after it;
// an invalid encoding gives (RuneError, k+1). Go: runtime/utf8.go decoderune.
func decoderune(s string, k int) (rune, int) {
	n := len(s) - k
	c0 := s[k]
	if c0 < 0xC2 || c0 > 0xF4 || n < 2 {
		return runeError, k + 1
	}
	c1 := s[k+1]
	if c0 < 0xE0 {
		if c1 < 0x80 || c1 > 0xBF {
			return runeError, k + 1
		}
		return rune(c0&0x1F)<<6 | rune(c1&0x3F), k + 2
	}
	lo := byte(0x80)
	hi := byte(0xBF)
	if c0 == 0xE0 {
		lo = 0xA0
	} else if c0 == 0xED {
		hi = 0x9F
	} else if c0 == 0xF0 {
		lo = 0x90
	} else if c0 == 0xF4 {
		hi = 0x8F
	}
	if c1 < lo || c1 > hi || n < 3 {
		return runeError, k + 1
	}
	c2 := s[k+2]
	if c2 < 0x80 || c2 > 0xBF {
		return runeError, k + 1
	}
	if c0 < 0xF0 {
		return rune(c0&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F), k + 3
	}
	if n < 4 {
		return runeError, k + 1
	}
	c3 := s[k+3]
	if c3 < 0x80 || c3 > 0xBF {
		return runeError, k + 1
	}
	return rune(c0&0x07)<<18 | rune(c1&0x3F)<<12 | rune(c2&0x3F)<<6 | rune(c3&0x3F), k + 4
}

// stringHeader is a string's representation (Go: runtime/string.go stringStruct).
type stringHeader struct {
	str unsafe.Pointer
	len int
}

func stringData(s string) unsafe.Pointer {
	return (*stringHeader)(unsafe.Pointer(&s)).str
}

func makeString(p unsafe.Pointer, n int) string {
	var h stringHeader
	h.str = p
	h.len = n
	return *(*string)(unsafe.Pointer(&h))
}

// The slice bounds panics, called by compiled code with the failing (x, y) of Go's
// boundsError in a slot of its frame (boundsArgs). Each calls gopanic itself, so that it is the one runtime frame between the
// failing code and gopanic, as Go's goPanicSlice* are (runtime.Callers counts them). Go:
// runtime/panic.go goPanicSliceAlen and the rest of the family.
func panicSliceAlen(a *boundsArgs) {
	pv := sliceBoundsError(boundsSliceAlen, a.x, a.y, getfp())
	gopanic(pv._type, pv.data, goframesRuntimeError)
}

func panicSliceAcap(a *boundsArgs) {
	pv := sliceBoundsError(boundsSliceAcap, a.x, a.y, getfp())
	gopanic(pv._type, pv.data, goframesRuntimeError)
}

func panicSliceB(a *boundsArgs) {
	pv := sliceBoundsError(boundsSliceB, a.x, a.y, getfp())
	gopanic(pv._type, pv.data, goframesRuntimeError)
}

func panicSlice3Alen(a *boundsArgs) {
	pv := sliceBoundsError(boundsSlice3Alen, a.x, a.y, getfp())
	gopanic(pv._type, pv.data, goframesRuntimeError)
}

func panicSlice3Acap(a *boundsArgs) {
	pv := sliceBoundsError(boundsSlice3Acap, a.x, a.y, getfp())
	gopanic(pv._type, pv.data, goframesRuntimeError)
}

func panicSlice3B(a *boundsArgs) {
	pv := sliceBoundsError(boundsSlice3B, a.x, a.y, getfp())
	gopanic(pv._type, pv.data, goframesRuntimeError)
}

func panicSlice3C(a *boundsArgs) {
	pv := sliceBoundsError(boundsSlice3C, a.x, a.y, getfp())
	gopanic(pv._type, pv.data, goframesRuntimeError)
}

func panicSliceConvert(a *boundsArgs) {
	pv := sliceBoundsError(boundsConvert, a.x, a.y, getfp())
	gopanic(pv._type, pv.data, goframesRuntimeError)
}

// sliceBoundsError is the slice-bounds error of the goPanicSlice* entry point whose frame is
// fp (the code that failed the check is that frame's caller), after the check that the
// panic may happen there.
func sliceBoundsError(code int, x int, y int, fp uintptr) eface {
	return boundsErrorAt(code, int64(x), true, y, fp)
}

// boundsErrorAt is the bounds error (code, the failing value x, signed or not, and the
// bound y) of the panicIndex*/goPanicSlice* entry point whose frame is fp, after the check
// that the panic may happen in that frame's caller.
func boundsErrorAt(code int, x int64, signed bool, y int, fp uintptr) eface {
	what := "slice bounds out of range"
	if code == boundsIndex {
		what = "index out of range"
	}
	panicCheck1(callerpc(fp), what)
	var e boundsError
	e.value = x
	e.signed = signed
	e.bound = y
	e.code = uint8(code)
	return boxError(e)
}

func panicmakeslicelen() {
	pv := runtimeError("makeslice: len out of range")
	gopanic(pv._type, pv.data, goframesRuntimeError)
}

func panicmakeslicecap() {
	pv := runtimeError("makeslice: cap out of range")
	gopanic(pv._type, pv.data, goframesRuntimeError)
}

// panicgrowslice is Go 1.19's message for an append past the largest slice, whether the
// length overflowed or the capacity's bytes do not fit (1.20 says "len out of range" for
// the first).
func panicgrowslice() {
	pv := runtimeError("growslice: cap out of range")
	gopanic(pv._type, pv.data, goframesRuntimeError)
}

// stringtoslicerune returns []rune(s) as (pointer, len, cap). Go: runtime/string.go.
func stringtoslicerune(s string) (unsafe.Pointer, int, int) {
	n := 0
	for range s {
		n++
	}
	c := int(roundupsize(uintptr(n)*4) / 4)
	p := mallocgc(uintptr(c)*4, nil, true)
	i := 0
	for _, r := range s {
		*(*rune)(unsafe.Add(p, i*4)) = r
		i++
	}
	return p, n, c
}

// slicerunetostring returns string(r) for the n runes at p. Go: runtime/string.go.
func slicerunetostring(p unsafe.Pointer, n int) string {
	size := 0
	for i := 0; i < n; i++ {
		size += runeLen(*(*rune)(unsafe.Add(p, i*4)))
	}
	q := mallocgc(uintptr(size)+4, nil, false)
	off := 0
	for i := 0; i < n; i++ {
		off += encoderune(unsafe.Add(q, off), *(*rune)(unsafe.Add(p, i*4)))
	}
	return makeString(q, off)
}

// runeLen is the length of r's UTF-8 encoding (invalid runes encode as U+FFFD).
func runeLen(r rune) int {
	if r < 0 || r > maxRune || (surrogateMin <= r && r <= surrogateMax) {
		return 3
	}
	if r < 0x80 {
		return 1
	}
	if r < 0x800 {
		return 2
	}
	if r < 0x10000 {
		return 3
	}
	return 4
}

// unsafeslicecheck panics as Go's unsafe.Slice(ptr, n) does when n elements of size bytes
// from ptr cannot be a slice: a negative n, or a block that would run past the end of the
// address space (so a nil ptr with elements, which says so). Go: runtime/slice.go
// unsafeslice; compiled code calls it before it makes the slice {ptr, n, n}.
func unsafeslicecheck(size uintptr, ptr unsafe.Pointer, n int) {
	if n < 0 {
		panicunsafeslice("unsafe.Slice: len out of range")
	}
	mem, overflow := mulUintptr(size, uintptr(n))
	if overflow || mem > -uintptr(ptr) {
		if ptr == nil {
			panicunsafeslice("unsafe.Slice: ptr is nil and len is not zero")
		}
		panicunsafeslice("unsafe.Slice: len out of range")
	}
}

// panicunsafeslice panics with the run-time error msg; Go's traceback has three runtime
// frames above the caller (gopanic, the panic function, unsafeslice).
func panicunsafeslice(msg string) {
	pv := runtimeError(msg)
	gopanic(pv._type, pv.data, 3)
}

// The same for an unsigned index or bound, which the report shows unsigned (Go's
// goPanicIndexU and goPanicSlice*U).
func panicSliceAlenU(a *boundsArgs) {
	pv := sliceBoundsErrorU(boundsSliceAlen, uint(a.x), a.y, getfp())
	gopanic(pv._type, pv.data, goframesRuntimeError)
}

func panicSliceAcapU(a *boundsArgs) {
	pv := sliceBoundsErrorU(boundsSliceAcap, uint(a.x), a.y, getfp())
	gopanic(pv._type, pv.data, goframesRuntimeError)
}

func panicSliceBU(a *boundsArgs) {
	pv := sliceBoundsErrorU(boundsSliceB, uint(a.x), a.y, getfp())
	gopanic(pv._type, pv.data, goframesRuntimeError)
}

func panicSlice3AlenU(a *boundsArgs) {
	pv := sliceBoundsErrorU(boundsSlice3Alen, uint(a.x), a.y, getfp())
	gopanic(pv._type, pv.data, goframesRuntimeError)
}

func panicSlice3AcapU(a *boundsArgs) {
	pv := sliceBoundsErrorU(boundsSlice3Acap, uint(a.x), a.y, getfp())
	gopanic(pv._type, pv.data, goframesRuntimeError)
}

func panicSlice3BU(a *boundsArgs) {
	pv := sliceBoundsErrorU(boundsSlice3B, uint(a.x), a.y, getfp())
	gopanic(pv._type, pv.data, goframesRuntimeError)
}

func panicSlice3CU(a *boundsArgs) {
	pv := sliceBoundsErrorU(boundsSlice3C, uint(a.x), a.y, getfp())
	gopanic(pv._type, pv.data, goframesRuntimeError)
}

// sliceBoundsErrorU is sliceBoundsError for an unsigned x.
func sliceBoundsErrorU(code int, x uint, y int, fp uintptr) eface {
	return boundsErrorAt(code, int64(x), false, y, fp)
}
