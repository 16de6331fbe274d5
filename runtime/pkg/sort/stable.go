// Stable sorting with only Less and Swap: runs of 20 elements are insertion-sorted, then
// neighbouring runs are merged in place, doubling the run length each pass. A stable sort
// has one possible result, so this need not be the algorithm Go uses to print what go does.

package sort

func stableSort(d Interface, n int) {
	const run = 20
	for lo := 0; lo < n; lo += run {
		hi := lo + run
		if hi > n {
			hi = n
		}
		insertion(d, lo, hi)
	}
	for width := run; width < n; width *= 2 {
		for lo := 0; lo+width < n; lo += 2 * width {
			hi := lo + 2*width
			if hi > n {
				hi = n
			}
			mergeRuns(d, lo, lo+width, hi)
		}
	}
}

// mergeRuns merges the sorted [lo, mid) and [mid, hi) in place: the longer side's middle
// element splits it, the other side is cut where that element belongs (after its equals
// from the left side, before its equals from the right side, which keeps the order of
// equal elements), the two middle pieces trade places by rotation, and both halves recurse.
func mergeRuns(d Interface, lo, mid, hi int) {
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
	rotate(d, cutL, mid, cutR)
	newMid := cutL + (cutR - mid)
	mergeRuns(d, lo, cutL, newMid)
	mergeRuns(d, newMid, cutR, hi)
}

// rotate turns [a, m) [m, b) into [m, b) [a, m) by three reversals.
func rotate(d Interface, a, m, b int) {
	flip(d, a, m)
	flip(d, m, b)
	flip(d, a, b)
}

func flip(d Interface, a, b int) {
	for a, b = a, b-1; a < b; a, b = a+1, b-1 {
		d.Swap(a, b)
	}
}
