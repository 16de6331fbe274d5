// Package heap: binary min-heap operations over any sort.Interface that can also push and
// pop at its end. Element i's children are 2i+1 and 2i+2. The operations make the same
// Len, Less, Swap, Push and Pop calls as Go's, in the same order, so that a heap with equal
// elements ends up ordered as under go.

package heap

import "sort"

// Interface is a collection the heap functions keep ordered by Less: Push appends x, Pop
// removes and returns the last element.
type Interface interface {
	sort.Interface
	Push(x any)
	Pop() any
}

// Init orders h into a heap, sifting down every element that has children, from the last
// such one to the root. O(n).
func Init(h Interface) {
	n := h.Len()
	for k := n/2 - 1; k >= 0; k-- {
		siftDown(h, k, n)
	}
}

// Push adds x to the heap. O(log n).
func Push(h Interface, x any) {
	h.Push(x)
	siftUp(h, h.Len()-1)
}

// Pop removes and returns the least element: it is swapped to the end, the new root sifts
// down over the rest, and h.Pop takes it. O(log n).
func Pop(h Interface) any {
	last := h.Len() - 1
	h.Swap(0, last)
	siftDown(h, 0, last)
	return h.Pop()
}

// Remove removes and returns the element at index i. O(log n).
func Remove(h Interface, i int) any {
	last := h.Len() - 1
	if i != last {
		h.Swap(i, last)
		if !siftDown(h, i, last) {
			siftUp(h, i)
		}
	}
	return h.Pop()
}

// Fix restores the order after the element at index i changed. O(log n).
func Fix(h Interface, i int) {
	if !siftDown(h, i, h.Len()) {
		siftUp(h, i)
	}
}

// siftUp moves element k towards the root while it is less than its parent.
func siftUp(h Interface, k int) {
	for {
		parent := (k - 1) / 2
		if parent == k || !h.Less(k, parent) {
			return
		}
		h.Swap(parent, k)
		k = parent
	}
}

// siftDown moves element start towards the leaves of the first n elements while a child
// (the lesser one; the left on ties) is less than it, and reports whether it moved.
func siftDown(h Interface, start, n int) bool {
	k := start
	for {
		child := 2*k + 1
		if child < 0 || child >= n { // child < 0: 2k+1 overflowed
			break
		}
		if right := child + 1; right < n && h.Less(right, child) {
			child = right
		}
		if !h.Less(child, k) {
			break
		}
		h.Swap(k, child)
		k = child
	}
	return k > start
}
