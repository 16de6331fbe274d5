// Package sort: sorting slices and user collections, with the results Go 1.19 gives.
//
// Sort and Slice are not stable, so a program can see in which order equal elements end up;
// to print what go prints, pdq.go follows the pattern-defeating quicksort that Go 1.19's
// sort uses, step for step (the same comparisons and swaps in the same order). Stable and
// SliceStable have exactly one possible result, reached here by insertion-sorted runs merged
// in place (stable.go). Slice, SliceStable and SliceIsSorted reach the elements of a slice
// held in an `any` through the runtime's type descriptors (slice.go), where Go's use
// reflectlite.

package sort

// Interface is a collection that Sort can order by index.
type Interface interface {
	Len() int
	Less(i, j int) bool
	Swap(i, j int)
}

// depthLimit is the number of badly balanced partitions pdqsort tolerates before it falls
// back to heapsort: the bit length of n (Go's bits.Len).
func depthLimit(n int) int {
	d := 0
	for u := uint(n); u != 0; u >>= 1 {
		d++
	}
	return d
}

// Sort orders data ascending by Less; equal elements may be reordered.
func Sort(data Interface) {
	n := data.Len()
	if n > 1 {
		pdq(data, 0, n, depthLimit(n))
	}
}

// Stable orders data ascending by Less, keeping equal elements in their original order.
func Stable(data Interface) {
	stableSort(data, data.Len())
}

// IsSorted reports whether data is in ascending order.
func IsSorted(data Interface) bool {
	for k := data.Len() - 1; k > 0; k-- {
		if data.Less(k, k-1) {
			return false
		}
	}
	return true
}

// reverse flips the order of an Interface.
type reverse struct {
	Interface
}

func (r reverse) Less(i, j int) bool {
	return r.Interface.Less(j, i)
}

// Reverse returns data with its order flipped.
func Reverse(data Interface) Interface {
	return &reverse{data}
}

// IntSlice orders a []int ascending.
type IntSlice []int

func (x IntSlice) Len() int           { return len(x) }
func (x IntSlice) Less(i, j int) bool { return x[i] < x[j] }
func (x IntSlice) Swap(i, j int)      { x[i], x[j] = x[j], x[i] }
func (x IntSlice) Sort()              { Sort(x) }
func (x IntSlice) Search(v int) int   { return SearchInts(x, v) }

// Float64Slice orders a []float64 ascending, NaNs first.
type Float64Slice []float64

func (x Float64Slice) Len() int { return len(x) }
func (x Float64Slice) Less(i, j int) bool {
	if x[i] < x[j] {
		return true
	}
	return x[i] != x[i] && x[j] == x[j]
}
func (x Float64Slice) Swap(i, j int)          { x[i], x[j] = x[j], x[i] }
func (x Float64Slice) Sort()                  { Sort(x) }
func (x Float64Slice) Search(v float64) int   { return SearchFloat64s(x, v) }

// StringSlice orders a []string ascending.
type StringSlice []string

func (x StringSlice) Len() int              { return len(x) }
func (x StringSlice) Less(i, j int) bool    { return x[i] < x[j] }
func (x StringSlice) Swap(i, j int)         { x[i], x[j] = x[j], x[i] }
func (x StringSlice) Sort()                 { Sort(x) }
func (x StringSlice) Search(v string) int   { return SearchStrings(x, v) }

// Ints sorts x ascending.
func Ints(x []int) { Sort(IntSlice(x)) }

// Float64s sorts x ascending, NaNs first.
func Float64s(x []float64) { Sort(Float64Slice(x)) }

// Strings sorts x ascending.
func Strings(x []string) { Sort(StringSlice(x)) }

// IntsAreSorted reports whether x is ascending.
func IntsAreSorted(x []int) bool { return IsSorted(IntSlice(x)) }

// Float64sAreSorted reports whether x is ascending.
func Float64sAreSorted(x []float64) bool { return IsSorted(Float64Slice(x)) }

// StringsAreSorted reports whether x is ascending.
func StringsAreSorted(x []string) bool { return IsSorted(StringSlice(x)) }
