// Pattern-defeating quicksort (Orson Peters' pdqsort) as Go 1.19 runs it, so that equal
// elements end in the order go leaves them. The facts that fix the result: ranges of at most
// 12 are insertion-sorted; after a badly balanced split (a side under 1/8 of the range) three
// elements around the middle are swapped with positions drawn from an xorshift generator
// (shifts 13, 17, 5) seeded with the range length, and the depth budget drops by one; when it
// reaches 0 the range is heapsorted. The pivot is the median of the elements at 1/4, 2/4 and
// 3/4 (each first replaced by the median of itself and its neighbours from length 50 on; no
// median below length 8); a pivot selection that needed no swap suggests sorted input (then
// at most 5 out-of-place elements are shifted, from length 50), one that needed all 12 a
// descending range, which is reversed first. A pivot not greater than the element just left
// of the range starts a partition that puts the pivot's equals to its left.

package sort

const (
	hintNone = iota
	hintAscending
	hintDescending
)

func pdq(d Interface, lo, hi, budget int) {
	balanced, partitioned := true, true
	for {
		n := hi - lo
		if n <= 12 {
			insertion(d, lo, hi)
			return
		}
		if budget == 0 {
			heapsortRange(d, lo, hi)
			return
		}
		if !balanced {
			scramble(d, lo, hi)
			budget--
		}
		p, hint := pickPivot(d, lo, hi)
		if hint == hintDescending {
			for x, y := lo, hi-1; x < y; x, y = x+1, y-1 {
				d.Swap(x, y)
			}
			p = hi - 1 - (p - lo)
			hint = hintAscending
		}
		if balanced && partitioned && hint == hintAscending && nearlySorted(d, lo, hi) {
			return
		}
		if lo > 0 && !d.Less(lo-1, p) {
			lo = splitEqual(d, lo, hi, p)
			continue
		}
		var mid int
		mid, partitioned = split(d, lo, hi, p)
		left, right := mid-lo, hi-mid
		if left < right {
			balanced = left >= n/8
			pdq(d, lo, mid, budget)
			lo = mid + 1
		} else {
			balanced = right >= n/8
			pdq(d, mid+1, hi, budget)
			hi = mid
		}
	}
}

// insertion sorts [lo, hi) by swapping each element down into place.
func insertion(d Interface, lo, hi int) {
	for k := lo + 1; k < hi; k++ {
		m := k
		for m > lo && d.Less(m, m-1) {
			d.Swap(m, m-1)
			m--
		}
	}
}

// heapsortRange sorts [lo, hi) with a max-heap rooted at lo.
func heapsortRange(d Interface, lo, hi int) {
	size := hi - lo
	for r := (size - 1) / 2; r >= 0; r-- {
		sink(d, lo, r, size)
	}
	for last := size - 1; last >= 0; last-- {
		d.Swap(lo, lo+last)
		sink(d, lo, 0, last)
	}
}

// sink moves heap node r (relative to base) down below its larger children, in a heap of
// size nodes.
func sink(d Interface, base, r, size int) {
	for {
		c := 2*r + 1
		if c >= size {
			return
		}
		if c+1 < size && d.Less(base+c, base+c+1) {
			c++
		}
		if !d.Less(base+r, base+c) {
			return
		}
		d.Swap(base+r, base+c)
		r = c
	}
}

// split partitions [lo, hi) around the pivot at p (first moved to lo): smaller elements
// left of the returned position, where the pivot ends, the others right. It also reports
// whether no element had to move.
func split(d Interface, lo, hi, p int) (int, bool) {
	d.Swap(lo, p)
	l, r := lo+1, hi-1
	moved := false
	for {
		for l <= r && d.Less(l, lo) {
			l++
		}
		for l <= r && !d.Less(r, lo) {
			r--
		}
		if l > r {
			break
		}
		d.Swap(l, r)
		moved = true
		l++
		r--
	}
	d.Swap(r, lo)
	return r, !moved
}

// splitEqual partitions [lo, hi) into the elements not greater than the pivot at p (which
// cannot be smaller: the element before lo is not less) and the greater ones, returning
// where the greater ones start.
func splitEqual(d Interface, lo, hi, p int) int {
	d.Swap(lo, p)
	l, r := lo+1, hi-1
	for {
		for l <= r && !d.Less(lo, l) {
			l++
		}
		for l <= r && d.Less(lo, r) {
			r--
		}
		if l > r {
			return l
		}
		d.Swap(l, r)
		l++
		r--
	}
}

// nearlySorted reports whether [lo, hi) is sorted after fixing at most 5 adjacent
// inversions by shifting (none on ranges under 50 elements).
func nearlySorted(d Interface, lo, hi int) bool {
	k := lo + 1
	for step := 0; step < 5; step++ {
		for k < hi && !d.Less(k, k-1) {
			k++
		}
		if k == hi {
			return true
		}
		if hi-lo < 50 {
			return false
		}
		d.Swap(k, k-1)
		// Shift the smaller element left and the larger one right into place. Go's left
		// walk runs down to index 1, not to lo; that is kept for the same swaps.
		if k-lo >= 2 {
			for m := k - 1; m >= 1 && d.Less(m, m-1); m-- {
				d.Swap(m, m-1)
			}
		}
		if hi-k >= 2 {
			for m := k + 1; m < hi && d.Less(m, m-1); m++ {
				d.Swap(m, m-1)
			}
		}
	}
	return false
}

// scramble swaps the three elements around the middle of [lo, hi) with pseudo-random ones.
func scramble(d Interface, lo, hi int) {
	n := hi - lo
	if n < 8 {
		return
	}
	state := uint64(n)
	mask := uint(1)
	for u := uint(n); u != 0; u >>= 1 {
		mask <<= 1
	}
	mask--
	centre := lo + n/4*2
	for at := centre - 1; at <= centre+1; at++ {
		state ^= state << 13
		state ^= state >> 17
		state ^= state << 5
		o := int(uint(state) & mask)
		if o >= n {
			o -= n
		}
		d.Swap(at, lo+o)
	}
}

// pickPivot chooses the pivot of [lo, hi) and reports what the choice suggests about the
// range's order.
func pickPivot(d Interface, lo, hi int) (int, int) {
	n := hi - lo
	q := n / 4
	a, b, c := lo+q, lo+2*q, lo+3*q
	swaps := 0
	if n >= 8 {
		if n >= 50 {
			a = median3(d, a-1, a, a+1, &swaps)
			b = median3(d, b-1, b, b+1, &swaps)
			c = median3(d, c-1, c, c+1, &swaps)
		}
		b = median3(d, a, b, c, &swaps)
	}
	if swaps == 0 {
		return b, hintAscending
	}
	if swaps == 12 {
		return b, hintDescending
	}
	return b, hintNone
}

// median3 returns the index of the median of three elements, counting the out-of-order
// pairs it met in *swaps.
func median3(d Interface, x, y, z int, swaps *int) int {
	if d.Less(y, x) {
		*swaps++
		x, y = y, x
	}
	if d.Less(z, y) {
		*swaps++
		y, z = z, y
	}
	if d.Less(y, x) {
		*swaps++
		x, y = y, x
	}
	return y
}
