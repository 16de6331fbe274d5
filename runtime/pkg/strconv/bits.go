// Short names for the math/bits functions the conversions use (Go's strconv calls
// math/bits directly; these keep the call sites short where a local is named bits).

package strconv

import "math/bits"

func mul64(x, y uint64) (hi, lo uint64) { return bits.Mul64(x, y) }

func add64(x, y, carry uint64) (sum, carryOut uint64) { return bits.Add64(x, y, carry) }

func sub64(x, y, borrow uint64) (diff, borrowOut uint64) { return bits.Sub64(x, y, borrow) }

func len64(x uint64) int { return bits.Len64(x) }

func trailingZeros64(x uint64) int { return bits.TrailingZeros64(x) }
