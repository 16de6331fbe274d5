// Package ring: circular lists. Every Ring is an element of a ring and the ring itself,
// linked both ways; a zero Ring is a ring of one, set up by the first method that needs
// its links.

package ring

// Ring is one element of a circular list.
type Ring struct {
	next, prev *Ring
	Value      any
}

// self makes r a ring of one element and returns it.
func (r *Ring) self() *Ring {
	r.next, r.prev = r, r
	return r
}

// Next returns the element after r.
func (r *Ring) Next() *Ring {
	if r.next == nil {
		return r.self()
	}
	return r.next
}

// Prev returns the element before r.
func (r *Ring) Prev() *Ring {
	if r.next == nil {
		return r.self()
	}
	return r.prev
}

// Move returns the element n steps forward (backward for a negative n) from r.
func (r *Ring) Move(n int) *Ring {
	if r.next == nil {
		return r.self()
	}
	for ; n > 0; n-- {
		r = r.next
	}
	for ; n < 0; n++ {
		r = r.prev
	}
	return r
}

// New returns a ring of n elements with nil values, or nil when n <= 0.
func New(n int) *Ring {
	if n <= 0 {
		return nil
	}
	first := &Ring{}
	last := first
	for k := 1; k < n; k++ {
		e := &Ring{prev: last}
		last.next = e
		last = e
	}
	last.next, first.prev = first, last
	return first
}

// Link joins ring s into r right after r and returns the element that followed r. When s
// is in r's own ring, the elements after r up to s's predecessor form a ring of their own
// (the result), and are removed from r's.
func (r *Ring) Link(s *Ring) *Ring {
	after := r.Next()
	if s != nil {
		before := s.Prev()
		r.next, s.prev = s, r
		after.prev, before.next = before, after
	}
	return after
}

// Unlink removes the n mod Len elements after r and returns them as a ring (nil when
// n <= 0).
func (r *Ring) Unlink(n int) *Ring {
	if n <= 0 {
		return nil
	}
	return r.Link(r.Move(n + 1))
}

// Len counts r's elements (0 for a nil ring). O(n).
func (r *Ring) Len() int {
	if r == nil {
		return 0
	}
	n := 1
	for e := r.Next(); e != r; e = e.next {
		n++
	}
	return n
}

// Do calls f on each value, r's first, going forward. f must not change the ring.
func (r *Ring) Do(f func(any)) {
	if r == nil {
		return
	}
	f(r.Value)
	for e := r.Next(); e != r; e = e.next {
		f(e.Value)
	}
}
