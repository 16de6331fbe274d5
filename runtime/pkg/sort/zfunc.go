// Code generated from pdq.go and stable.go by the sed command below; DO NOT EDIT.
//
// The same sorting code for sort.Slice and sort.SliceStable, over *byFunc instead of
// Interface, as Go's zsortfunc.go is for its lessSwap: called through an interface, less
// would escape to the heap, and a program's -m output (and allocations) would differ from
// go's, whose less does not escape.
//
//	sed -e '/^\/\//d' -e '/^package/d' -e '/^const (/,/^)/d' -e 's/d Interface/d *byFunc/' \
//	    -e 's/\b\(pdq\|insertion\|heapsortRange\|sink\|split\|splitEqual\|nearlySorted\|scramble\|pickPivot\|median3\|stableSort\|mergeRuns\|rotate\|flip\)(/\1F(/g' pdq.go stable.go

package sort



func pdqF(d *byFunc, lo, hi, budget int) {
	balanced, partitioned := true, true
	for {
		n := hi - lo
		if n <= 12 {
			insertionF(d, lo, hi)
			return
		}
		if budget == 0 {
			heapsortRangeF(d, lo, hi)
			return
		}
		if !balanced {
			scrambleF(d, lo, hi)
			budget--
		}
		p, hint := pickPivotF(d, lo, hi)
		if hint == hintDescending {
			for x, y := lo, hi-1; x < y; x, y = x+1, y-1 {
				d.Swap(x, y)
			}
			p = hi - 1 - (p - lo)
			hint = hintAscending
		}
		if balanced && partitioned && hint == hintAscending && nearlySortedF(d, lo, hi) {
			return
		}
		if lo > 0 && !d.Less(lo-1, p) {
			lo = splitEqualF(d, lo, hi, p)
			continue
		}
		var mid int
		mid, partitioned = splitF(d, lo, hi, p)
		left, right := mid-lo, hi-mid
		if left < right {
			balanced = left >= n/8
			pdqF(d, lo, mid, budget)
			lo = mid + 1
		} else {
			balanced = right >= n/8
			pdqF(d, mid+1, hi, budget)
			hi = mid
		}
	}
}

func insertionF(d *byFunc, lo, hi int) {
	for k := lo + 1; k < hi; k++ {
		m := k
		for m > lo && d.Less(m, m-1) {
			d.Swap(m, m-1)
			m--
		}
	}
}

func heapsortRangeF(d *byFunc, lo, hi int) {
	size := hi - lo
	for r := (size - 1) / 2; r >= 0; r-- {
		sinkF(d, lo, r, size)
	}
	for last := size - 1; last >= 0; last-- {
		d.Swap(lo, lo+last)
		sinkF(d, lo, 0, last)
	}
}

func sinkF(d *byFunc, base, r, size int) {
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

func splitF(d *byFunc, lo, hi, p int) (int, bool) {
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

func splitEqualF(d *byFunc, lo, hi, p int) int {
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

func nearlySortedF(d *byFunc, lo, hi int) bool {
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

func scrambleF(d *byFunc, lo, hi int) {
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

func pickPivotF(d *byFunc, lo, hi int) (int, int) {
	n := hi - lo
	q := n / 4
	a, b, c := lo+q, lo+2*q, lo+3*q
	swaps := 0
	if n >= 8 {
		if n >= 50 {
			a = median3F(d, a-1, a, a+1, &swaps)
			b = median3F(d, b-1, b, b+1, &swaps)
			c = median3F(d, c-1, c, c+1, &swaps)
		}
		b = median3F(d, a, b, c, &swaps)
	}
	if swaps == 0 {
		return b, hintAscending
	}
	if swaps == 12 {
		return b, hintDescending
	}
	return b, hintNone
}

func median3F(d *byFunc, x, y, z int, swaps *int) int {
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


func stableSortF(d *byFunc, n int) {
	const run = 20
	for lo := 0; lo < n; lo += run {
		hi := lo + run
		if hi > n {
			hi = n
		}
		insertionF(d, lo, hi)
	}
	for width := run; width < n; width *= 2 {
		for lo := 0; lo+width < n; lo += 2 * width {
			hi := lo + 2*width
			if hi > n {
				hi = n
			}
			mergeRunsF(d, lo, lo+width, hi)
		}
	}
}

func mergeRunsF(d *byFunc, lo, mid, hi int) {
	if lo == mid || mid == hi {
		return
	}
	if hi-lo == 2 {
		if d.Less(mid, lo) {
			d.Swap(lo, mid)
		}
		return
	}
	var cutL, cutR int
	if mid-lo >= hi-mid {
		cutL = lo + (mid-lo)/2
		cutR = Search(hi-mid, func(k int) bool { return !d.Less(mid+k, cutL) }) + mid
	} else {
		cutR = mid + (hi-mid)/2
		cutL = Search(mid-lo, func(k int) bool { return d.Less(cutR, lo+k) }) + lo
	}
	rotateF(d, cutL, mid, cutR)
	newMid := cutL + (cutR - mid)
	mergeRunsF(d, lo, cutL, newMid)
	mergeRunsF(d, newMid, cutR, hi)
}

func rotateF(d *byFunc, a, m, b int) {
	flipF(d, a, m)
	flipF(d, m, b)
	flipF(d, a, b)
}

func flipF(d *byFunc, a, b int) {
	for a, b = a, b-1; a < b; a, b = a+1, b-1 {
		d.Swap(a, b)
	}
}
