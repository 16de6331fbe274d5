// Multiprecision decimal numbers, for the float formats that need more digits than the Ryū
// paths give: a binary float is exactly a finite decimal, since 2 divides 10.
// Go: strconv/decimal.go.

package strconv

// A decimal is the number 0.d[0]d[1]...d[nd-1] × 10^dp, with the digits as ASCII.
type decimal struct {
	d     [800]byte // digits, most significant first
	nd    int       // digits in use
	dp    int       // position of the decimal point
	trunc bool      // nonzero digits were dropped past d[:nd]
}

// trim drops trailing zero digits.
func trim(a *decimal) {
	for a.nd > 0 && a.d[a.nd-1] == '0' {
		a.nd--
	}
	if a.nd == 0 {
		a.dp = 0
	}
}

// Assign sets a to the integer v.
func (a *decimal) Assign(v uint64) {
	var buf [24]byte
	n := 0
	for v > 0 {
		q := v / 10
		buf[n] = byte(v-10*q) + '0'
		n++
		v = q
	}
	a.nd = 0
	for n--; n >= 0; n-- {
		a.d[a.nd] = buf[n]
		a.nd++
	}
	a.dp = a.nd
	trim(a)
}

// maxShift is the largest shift one pass can do without overflowing a uint
// (the digit accumulator holds up to 10 << k).
const maxShift = 64 - 4

// rightShift divides a by 2^k, k <= maxShift.
func rightShift(a *decimal, k uint) {
	r := 0 // read index
	w := 0 // write index
	// Read digits until the accumulator reaches 2^k: the first output digit.
	var n uint
	for ; n>>k == 0; r++ {
		if r >= a.nd {
			if n == 0 {
				// a was zero.
				a.nd = 0
				return
			}
			for n>>k == 0 {
				n *= 10
				r++
			}
			break
		}
		n = n*10 + uint(a.d[r]) - '0'
	}
	a.dp -= r - 1
	mask := uint(1)<<k - 1
	// One digit out for each digit in.
	for ; r < a.nd; r++ {
		c := uint(a.d[r])
		a.d[w] = byte(n>>k) + '0'
		w++
		n = n&mask*10 + c - '0'
	}
	// Then the remainder's digits.
	for n > 0 {
		dig := n >> k
		n &= mask
		if w < len(a.d) {
			a.d[w] = byte(dig) + '0'
			w++
		} else if dig > 0 {
			a.trunc = true
		}
		n *= 10
	}
	a.nd = w
	trim(a)
}

// pow5 holds the decimal digits of 5^k for k = 0..maxShift: multiplying by 2^k gains
// len(pow5[k]) digits, or one less when the number's leading digits are below pow5[k]'s
// (as 10^k / 2^k = 5^k). Go keeps the same table, as leftcheats.
var pow5 = [maxShift + 1]string{
	"", "5", "25", "125", "625", "3125", "15625", "78125", "390625", "1953125",
	"9765625", "48828125", "244140625", "1220703125", "6103515625", "30517578125",
	"152587890625", "762939453125", "3814697265625", "19073486328125",
	"95367431640625", "476837158203125", "2384185791015625", "11920928955078125",
	"59604644775390625", "298023223876953125", "1490116119384765625",
	"7450580596923828125", "37252902984619140625", "186264514923095703125",
	"931322574615478515625", "4656612873077392578125", "23283064365386962890625",
	"116415321826934814453125", "582076609134674072265625",
	"2910383045673370361328125", "14551915228366851806640625",
	"72759576141834259033203125", "363797880709171295166015625",
	"1818989403545856475830078125", "9094947017729282379150390625",
	"45474735088646411895751953125", "227373675443232059478759765625",
	"1136868377216160297393798828125", "5684341886080801486968994140625",
	"28421709430404007434844970703125", "142108547152020037174224853515625",
	"710542735760100185871124267578125", "3552713678800500929355621337890625",
	"17763568394002504646778106689453125", "88817841970012523233890533447265625",
	"444089209850062616169452667236328125", "2220446049250313080847263336181640625",
	"11102230246251565404236316680908203125", "55511151231257827021181583404541015625",
	"277555756156289135105907917022705078125", "1387778780781445675529539585113525390625",
	"6938893903907228377647697925567626953125", "34694469519536141888238489627838134765625",
	"173472347597680709441192448139190673828125", "867361737988403547205962240695953369140625",
}

// newDigits returns how many digits multiplying a by 2^k adds: floor(k*log10(2))+1, minus
// one when a's leading digits compare below 5^k's (then a*2^k = a/5^k * 10^k starts a new
// decade one later).
func newDigits(a *decimal, k uint) int {
	p := pow5[k]
	n := (k*78913)>>18 + 1 // floor(k*log10(2)) + 1: the digits 2^k adds at most
	if k == 0 {
		n = 0
	}
	for i := 0; i < len(p); i++ {
		if i >= a.nd {
			return int(n) - 1
		}
		if a.d[i] != p[i] {
			if a.d[i] < p[i] {
				return int(n) - 1
			}
			return int(n)
		}
	}
	return int(n)
}

// leftShift multiplies a by 2^k, k <= maxShift, working from the last digit up.
func leftShift(a *decimal, k uint) {
	delta := newDigits(a, k)
	r := a.nd
	w := a.nd + delta
	var n uint
	for r--; r >= 0; r-- {
		n += (uint(a.d[r]) - '0') << k
		q := n / 10
		rem := n - 10*q
		w--
		if w < len(a.d) {
			a.d[w] = byte(rem) + '0'
		} else if rem != 0 {
			a.trunc = true
		}
		n = q
	}
	for n > 0 {
		q := n / 10
		rem := n - 10*q
		w--
		if w < len(a.d) {
			a.d[w] = byte(rem) + '0'
		} else if rem != 0 {
			a.trunc = true
		}
		n = q
	}
	a.nd += delta
	if a.nd >= len(a.d) {
		a.nd = len(a.d)
	}
	a.dp += delta
	trim(a)
}

// Shift multiplies a by 2^k (divides for negative k).
func (a *decimal) Shift(k int) {
	if a.nd == 0 {
		return
	}
	if k > 0 {
		for k > maxShift {
			leftShift(a, maxShift)
			k -= maxShift
		}
		leftShift(a, uint(k))
	} else if k < 0 {
		for k < -maxShift {
			rightShift(a, maxShift)
			k += maxShift
		}
		rightShift(a, uint(-k))
	}
}

// shouldRoundUp reports whether rounding a to nd digits goes up: the next digit is 5 or
// more, with an exact half rounding to even unless digits were truncated.
func shouldRoundUp(a *decimal, nd int) bool {
	if nd < 0 || nd >= a.nd {
		return false
	}
	if a.d[nd] == '5' && nd+1 == a.nd {
		if a.trunc {
			return true
		}
		return nd > 0 && (a.d[nd-1]-'0')%2 != 0
	}
	return a.d[nd] >= '5'
}

// Round rounds a to nd digits (or fewer, dropping trailing zeros) to nearest, ties even.
func (a *decimal) Round(nd int) {
	if nd < 0 || nd >= a.nd {
		return
	}
	if shouldRoundUp(a, nd) {
		a.RoundUp(nd)
	} else {
		a.RoundDown(nd)
	}
}

// RoundDown truncates a to nd digits.
func (a *decimal) RoundDown(nd int) {
	if nd < 0 || nd >= a.nd {
		return
	}
	a.nd = nd
	trim(a)
}

// RoundUp rounds a up to nd digits.
func (a *decimal) RoundUp(nd int) {
	if nd < 0 || nd >= a.nd {
		return
	}
	for i := nd - 1; i >= 0; i-- {
		if a.d[i] < '9' {
			a.d[i]++
			a.nd = i + 1
			return
		}
	}
	// All nines: 999 rounds up to 1000.
	a.d[0] = '1'
	a.nd = 1
	a.dp++
}
