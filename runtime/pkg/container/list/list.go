// Package list: doubly linked lists. A List is a ring through a sentinel element (root):
// root.next is the front, root.prev the back, and an empty list's root points at itself.
// The zero List is ready to use: the operations that add elements set the sentinel up
// first. Each element records its list, so operations given another list's element leave
// both lists alone, as Go's do.

package list

// Element is one entry of a List.
type Element struct {
	next, prev *Element
	list       *List // nil once removed
	Value      any
}

// Next returns the element after e, or nil at the back (or for a removed element).
func (e *Element) Next() *Element {
	if e.list == nil || e.next == &e.list.root {
		return nil
	}
	return e.next
}

// Prev returns the element before e, or nil at the front (or for a removed element).
func (e *Element) Prev() *Element {
	if e.list == nil || e.prev == &e.list.root {
		return nil
	}
	return e.prev
}

// List is a doubly linked list; the zero value is an empty list.
type List struct {
	root Element
	len  int
}

// Init empties l (its elements are not unlinked) and returns it.
func (l *List) Init() *List {
	l.root.next, l.root.prev = &l.root, &l.root
	l.len = 0
	return l
}

// New returns an empty list.
func New() *List { return new(List).Init() }

// Len returns the number of elements, O(1).
func (l *List) Len() int { return l.len }

// Front returns the first element, or nil.
func (l *List) Front() *Element {
	if l.len == 0 {
		return nil
	}
	return l.root.next
}

// Back returns the last element, or nil.
func (l *List) Back() *Element {
	if l.len == 0 {
		return nil
	}
	return l.root.prev
}

// ready sets up the sentinel of a zero List.
func (l *List) ready() {
	if l.root.next == nil {
		l.Init()
	}
}

// link puts e into l right after at and returns it.
func (l *List) link(e, at *Element) *Element {
	after := at.next
	e.prev, e.next = at, after
	at.next = e
	after.prev = e
	e.list = l
	l.len++
	return e
}

// unlink takes e out of l, clearing its links so that it holds nothing alive.
func (l *List) unlink(e *Element) {
	e.prev.next = e.next
	e.next.prev = e.prev
	e.next, e.prev, e.list = nil, nil, nil
	l.len--
}

// relink moves e, already in l, to right after at.
func (l *List) relink(e, at *Element) {
	if e == at {
		return
	}
	e.prev.next = e.next
	e.next.prev = e.prev
	after := at.next
	e.prev, e.next = at, after
	at.next = e
	after.prev = e
}

// Remove takes e out of l if it is l's, and returns its value either way.
func (l *List) Remove(e *Element) any {
	if e.list == l {
		l.unlink(e)
	}
	return e.Value
}

// PushFront inserts v at the front and returns its element.
func (l *List) PushFront(v any) *Element {
	l.ready()
	return l.link(&Element{Value: v}, &l.root)
}

// PushBack inserts v at the back and returns its element.
func (l *List) PushBack(v any) *Element {
	l.ready()
	return l.link(&Element{Value: v}, l.root.prev)
}

// InsertBefore inserts v right before mark and returns its element; nil, and no change,
// when mark is not l's.
func (l *List) InsertBefore(v any, mark *Element) *Element {
	if mark.list != l {
		return nil
	}
	return l.link(&Element{Value: v}, mark.prev)
}

// InsertAfter inserts v right after mark and returns its element; nil, and no change,
// when mark is not l's.
func (l *List) InsertAfter(v any, mark *Element) *Element {
	if mark.list != l {
		return nil
	}
	return l.link(&Element{Value: v}, mark)
}

// MoveToFront makes e, if it is l's, the first element.
func (l *List) MoveToFront(e *Element) {
	if e.list == l && l.root.next != e {
		l.relink(e, &l.root)
	}
}

// MoveToBack makes e, if it is l's, the last element.
func (l *List) MoveToBack(e *Element) {
	if e.list == l && l.root.prev != e {
		l.relink(e, l.root.prev)
	}
}

// MoveBefore moves e to right before mark, when both are l's and differ.
func (l *List) MoveBefore(e, mark *Element) {
	if e.list == l && mark.list == l && e != mark {
		l.relink(e, mark.prev)
	}
}

// MoveAfter moves e to right after mark, when both are l's and differ.
func (l *List) MoveAfter(e, mark *Element) {
	if e.list == l && mark.list == l && e != mark {
		l.relink(e, mark)
	}
}

// PushBackList appends copies of other's values; other may be l itself (its length is
// read first, so l's values are copied once).
func (l *List) PushBackList(other *List) {
	l.ready()
	e := other.Front()
	for n := other.Len(); n > 0; n-- {
		l.link(&Element{Value: e.Value}, l.root.prev)
		e = e.Next()
	}
}

// PushFrontList prepends copies of other's values, keeping their order; other may be l.
func (l *List) PushFrontList(other *List) {
	l.ready()
	e := other.Back()
	for n := other.Len(); n > 0; n-- {
		l.link(&Element{Value: e.Value}, &l.root)
		e = e.Prev()
	}
}
