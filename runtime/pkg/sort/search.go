// Binary search: the smallest index in [0, n) at which a monotone predicate turns true.

package sort

// Search returns the smallest i in [0, n) with f(i) true, or n, assuming f is false then
// true over the range. The midpoint is computed unsigned so that lo+hi cannot overflow.
func Search(n int, f func(int) bool) int {
	lo, hi := 0, n
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if f(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// Find returns the smallest i with cmp(i) <= 0, and whether cmp(i) is 0 there.
func Find(n int, cmp func(int) int) (i int, found bool) {
	lo, hi := 0, n
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if cmp(mid) > 0 {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo, lo < n && cmp(lo) == 0
}

// SearchInts returns where x is, or would be inserted, in the ascending a.
func SearchInts(a []int, x int) int {
	return Search(len(a), func(k int) bool { return a[k] >= x })
}

// SearchFloat64s returns where x is, or would be inserted, in the ascending a.
func SearchFloat64s(a []float64, x float64) int {
	return Search(len(a), func(k int) bool { return a[k] >= x })
}

// SearchStrings returns where x is, or would be inserted, in the ascending a.
func SearchStrings(a []string, x string) int {
	return Search(len(a), func(k int) bool { return a[k] >= x })
}
