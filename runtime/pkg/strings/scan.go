// The machinery of the searches in search.go. Go does this work in assembly
// (internal/bytealg); tbuild bundles Go, so its loops test eight bytes per step in one
// uint64 ("SWAR", SIMD within a register), and a rolling hash bounds the cost of substring
// search when candidates keep failing. tbuild inlines no calls, so the hot loops write the
// word tests out in place and only the once-per-hit helpers are functions.

package strings

import "unsafe"

// stringData returns the address of s's bytes (Go 1.20's unsafe.StringData, which 1.19
// lacks): the first word of the string header.
func stringData(s string) unsafe.Pointer {
	return *(*unsafe.Pointer)(unsafe.Pointer(&s))
}

// bytesString returns b's bytes as a string without copying them (b must not change
// afterwards): the slice header's first two words are a string header.
func bytesString(b []byte) string {
	return *(*string)(unsafe.Pointer(&b))
}

// Word tests. *(*uint64)(unsafe.Add(p, i)) loads the eight bytes at p+i as one word, the
// byte at p+i lowest (amd64 is little-endian and allows unaligned loads). For a word x, ^((x&low7 + low7) | x | low7) has the top bit of exactly
// those bytes of x that are zero, and no other bit: adding 0x7F to a byte's low seven bits
// carries into its top bit unless they are all zero, and never into the next byte (Hacker's
// Delight, 2nd ed., section 6-1). XORing a word with c*lsb turns the bytes equal to c into
// zero bytes; OR-ing two such words keeps zero only where both were.
const (
	lsb  = 0x0101010101010101 // the lowest bit of every byte
	low7 = 0x7F7F7F7F7F7F7F7F // the low seven bits of every byte
)

// firstFlagged returns the number of the lowest byte whose top bit is set in m (m has only
// top bits set, at least one). m & -m isolates that bit; moved down to bit 0 of its byte and
// minus one, it leaves 0x01 in every byte below it, and the multiplication by lsb sums them
// into the top byte.
func firstFlagged(m uint64) int {
	below := ((m&-m)>>7 - 1) & lsb
	return int((below * lsb) >> 56)
}

// lastFlagged returns the number of the highest byte whose top bit is set in m (m != 0).
func lastFlagged(m uint64) int {
	k := 7
	for m>>(8*k+7) == 0 {
		k--
	}
	return k
}

// countFlagged returns the number of bytes whose top bit is set in m.
func countFlagged(m uint64) int {
	return int(((m >> 7) * lsb) >> 56)
}

// asciiFields counts the fields of s for Fields, the runs of bytes that are not ASCII white
// space, and reports whether s is all ASCII (if not, the count means nothing). A field starts
// at each byte that is not a space and follows a space or the start of s. Eight bytes are
// classified per step: b is ' ' when b^' ' is a zero byte, and 9 <= b <= 13 ('\t' to '\r')
// when b+0x77 reaches the top bit and b+0x72 does not, which holds for ASCII bytes (a byte
// >= 0x80 spoils only the count, and ORing the words together detects it).
func asciiFields(s string) (count int, ascii bool) {
	const (
		blanks = lsb * ' '
		from9  = lsb * (0x80 - 9)
		from14 = lsb * (0x80 - 14)
		tops   = lsb * 0x80
	)
	var seen uint64
	before := uint64(0x80) // byte 0's top bit: whether the byte before the word is a space
	i := 0
	if len(s) >= 8 {
		p := stringData(s)
		for stop := len(s) - 8; i <= stop; i += 8 {
			x := *(*uint64)(unsafe.Add(p, i))
			seen |= x
			y := x ^ blanks
			space := ^((y&low7 + low7) | y | low7) | ((x+from9)&^(x+from14))&tops
			starts := (space<<8 | before) &^ space & tops
			count += int(((starts >> 7) * lsb) >> 56)
			before = space >> 56
		}
	}
	after := before >> 7 // 1 when the byte before s[i] is a space
	for ; i < len(s); i++ {
		c := s[i]
		seen |= uint64(c)
		space := spaceBits >> c & 1
		count += int(after &^ space)
		after = space
	}
	return count, seen&tops == 0
}

// hashBase is the multiplier of the rolling hashes below. Any odd number makes a usable
// polynomial hash modulo 2^64; this one is the 64-bit FNV prime.
const hashBase = 1099511628211

// rabinKarp returns the index of the first sub in s at or after from, or -1. It is the
// Karp-Rabin algorithm ("Efficient randomized pattern-matching algorithms", 1987): each
// window of len(sub) bytes has a polynomial hash that is updated in constant time as the
// window slides, and bytes are compared only where the hash equals sub's, so the time is
// linear in practice whatever the text.
func rabinKarp(s, sub string, from int) int {
	n := len(sub)
	if len(s)-from < n {
		return -1
	}
	// The window starting at i hashes to sum of s[i+k] * hashBase^(n-1-k).
	var want, have uint64
	weight := uint64(1) // hashBase^n, the weight of the byte that leaves after a slide
	for k := 0; k < n; k++ {
		want = want*hashBase + uint64(sub[k])
		have = have*hashBase + uint64(s[from+k])
		weight *= hashBase
	}
	for i := from; ; i++ {
		if have == want && s[i:i+n] == sub {
			return i
		}
		if i+n == len(s) {
			return -1
		}
		have = have*hashBase + uint64(s[i+n]) - weight*uint64(s[i])
	}
}

// lastRabinKarp returns the index of the last sub in s, or -1: rabinKarp sliding toward
// the start, so the weights are reversed (the last byte of a window weighs most).
func lastRabinKarp(s, sub string) int {
	n := len(sub)
	if len(s) < n {
		return -1
	}
	var want, have uint64
	weight := uint64(1)
	top := len(s) - n
	for k := n - 1; k >= 0; k-- {
		want = want*hashBase + uint64(sub[k])
		have = have*hashBase + uint64(s[top+k])
		weight *= hashBase
	}
	for i := top; ; i-- {
		if have == want && s[i:i+n] == sub {
			return i
		}
		if i == 0 {
			return -1
		}
		have = have*hashBase + uint64(s[i-1]) - weight*uint64(s[i+n-1])
	}
}

// search returns the index of the first sub in s, for 2 <= len(sub) < len(s). Eight start
// positions are tested per step for sub's first and last byte together, the filter of
// Wojciech Muła's "SIMD-friendly algorithms for substring searching" (2016), and only the
// survivors are compared in full. If the failed comparisons cost more than twice the bytes
// scanned so far (a text like "aaaa..." searched for "aaab...a"), Rabin-Karp takes over.
func search(s, sub string) int {
	n := len(sub)
	p := stringData(s)
	firsts := lsb * uint64(sub[0])
	lasts := lsb * uint64(sub[n-1])
	wasted := 0
	i := 0
	// A step reads s[i:i+8] and s[i+n-1:i+n+7].
	for stop := len(s) - n - 7; i <= stop; i += 8 {
		x := (*(*uint64)(unsafe.Add(p, i)) ^ firsts) | (*(*uint64)(unsafe.Add(p, i+n-1)) ^ lasts)
		hits := ^((x&low7 + low7) | x | low7)
		for hits != 0 {
			at := i + firstFlagged(hits)
			if s[at:at+n] == sub {
				return at
			}
			wasted += n
			if wasted > 2*at+64 {
				return rabinKarp(s, sub, at+1)
			}
			hits &= hits - 1
		}
	}
	for ; i+n <= len(s); i++ {
		if s[i] == sub[0] && s[i+n-1] == sub[n-1] && s[i:i+n] == sub {
			return i
		}
	}
	return -1
}

// searchLast is search from the end: the index of the last sub in s, for
// 2 <= len(sub) < len(s).
func searchLast(s, sub string) int {
	n := len(sub)
	p := stringData(s)
	firsts := lsb * uint64(sub[0])
	lasts := lsb * uint64(sub[n-1])
	scanned, wasted := 0, 0
	// A step tests the start positions lo..lo+7, from the highest down.
	lo := len(s) - n - 7
	for ; lo >= 0; lo -= 8 {
		x := (*(*uint64)(unsafe.Add(p, lo)) ^ firsts) | (*(*uint64)(unsafe.Add(p, lo+n-1)) ^ lasts)
		hits := ^((x&low7 + low7) | x | low7)
		scanned += 8
		for hits != 0 {
			k := lastFlagged(hits)
			at := lo + k
			if s[at:at+n] == sub {
				return at
			}
			wasted += n
			if wasted > 2*scanned+64 {
				// The positions below at remain.
				return lastRabinKarp(s[:at+n-1], sub)
			}
			hits &^= uint64(0x80) << (8 * k)
		}
	}
	for at := lo + 7; at >= 0; at-- {
		if s[at] == sub[0] && s[at+n-1] == sub[n-1] && s[at:at+n] == sub {
			return at
		}
	}
	return -1
}
