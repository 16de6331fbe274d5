// Package context: deadlines, cancellation and request-scoped values carried across API
// boundaries. Contexts form a tree: Background and TODO are roots that never end; WithCancel,
// WithDeadline and WithTimeout derive a context that ends when its parent does, when its
// cancel function is called or when its deadline passes, and WithValue one that adds a
// key/value pair. A cancelable context registers with the nearest cancelable ancestor of
// this package, which cancels it along with itself; under a foreign Context it watches the
// parent's Done channel from a goroutine, as Go's does. Done channels are made when first
// asked for. The types' names, fields and String forms are Go's (fmt shows them).

package context

import (
	"errors"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"
)

type (
	// A Context carries a deadline, a cancellation signal and values.
	Context interface {
		Deadline() (time.Time, bool)
		Done() <-chan struct{}
		Err() error
		Value(key any) any
	}

	// A CancelFunc ends its context; calls after the first do nothing.
	CancelFunc func()
)

var (
	// Canceled is the Err of a context whose cancel function was called.
	Canceled = errors.New("context canceled")

	// DeadlineExceeded is the Err of a context whose deadline passed; it is a net.Error
	// that times out.
	DeadlineExceeded error = deadlineExceededError{}
)

type deadlineExceededError struct{}

func (deadlineExceededError) Error() string   { return "context deadline exceeded" }
func (deadlineExceededError) Timeout() bool   { return true }
func (deadlineExceededError) Temporary() bool { return true }

// The context types. Each answers the keys it holds itself (own) and otherwise sends a
// lookup on to its parent; only foreign contexts are asked through Value.
type (
	// emptyCtx is the type of the two roots: no deadline, no values, never done.
	emptyCtx int

	// cancelCtx can be cancelled, and cancels its children with it.
	cancelCtx struct {
		Context // the parent

		mu       sync.Mutex
		done     atomic.Value // chan struct{}, made on first use (or the closed one)
		children map[canceler]struct{}
		err      error // set by the first cancel
	}

	// timerCtx is a cancelCtx that a timer cancels at the deadline.
	timerCtx struct {
		cancelCtx
		timer *time.Timer // under cancelCtx.mu

		deadline time.Time
	}

	// valueCtx adds one key/value pair to its parent.
	valueCtx struct {
		Context
		key, val any
	}

	// canceler is what an ancestor cancels: a *cancelCtx or a *timerCtx.
	canceler interface {
		cancel(detach bool, err error)
		Done() <-chan struct{}
	}

	// chained is implemented by this package's contexts, for lookups without recursion.
	chained interface {
		own(key any) (val any, found bool)
		parent() Context // nil for a root
	}
)

// The roots.
var rootBackground, rootTODO = new(emptyCtx), new(emptyCtx)

// Background returns the root context: never canceled, no deadline, no values.
func Background() Context { return rootBackground }

// TODO returns a root context for code that does not know which context to use yet.
func TODO() Context { return rootTODO }

func (*emptyCtx) Deadline() (time.Time, bool) { return time.Time{}, false }
func (*emptyCtx) Done() <-chan struct{}       { return nil }
func (*emptyCtx) Err() error                  { return nil }
func (*emptyCtx) Value(key any) any           { return nil }
func (*emptyCtx) own(any) (any, bool)         { return nil, true }
func (*emptyCtx) parent() Context             { return nil }

func (e *emptyCtx) String() string {
	switch e {
	case rootBackground:
		return "context.Background"
	case rootTODO:
		return "context.TODO"
	}
	return "unknown empty Context"
}

// lookup finds key's value from c up: each of this package's contexts answers for itself
// or passes the question to its parent; a foreign context gets it through Value.
func lookup(c Context, key any) any {
	for c != nil {
		link, ours := c.(chained)
		if !ours {
			return c.Value(key)
		}
		if v, found := link.own(key); found {
			return v
		}
		c = link.parent()
	}
	return nil
}

//go:linkname efaceWords runtime.fmt_efaceWords
func efaceWords(a any) (unsafe.Pointer, unsafe.Pointer)

//go:linkname typeString runtime.fmt_typeString
func typeString(t unsafe.Pointer) string

//go:linkname typeComparable runtime.errors_comparable
func typeComparable(t unsafe.Pointer) bool

// typeName is the name of a's dynamic type, as reflect's Type.String gives it.
func typeName(a any) string {
	t, _ := efaceWords(a)
	return typeString(t)
}

// describe shows a context in its descendants' String: its own String, else its type.
func describe(c Context) string {
	if s, ok := c.(interface{ String() string }); ok {
		return s.String()
	}
	return typeName(c)
}

// needParent panics, with Go's message, when a context is derived from nil.
func needParent(parent Context) {
	if parent == nil {
		panic("cannot create context from nil parent")
	}
}

// closedChan is the Done channel of a context cancelled before anyone asked for one.
var closedChan = make(chan struct{})

func init() { close(closedChan) }

// selfKey's address is the key under which a cancelCtx answers lookups with itself, so that
// a descendant finds its nearest cancelable ancestor.
var selfKey byte

func (c *cancelCtx) own(key any) (any, bool) {
	if key == &selfKey {
		return c, true
	}
	return nil, false
}

func (c *cancelCtx) parent() Context   { return c.Context }
func (c *cancelCtx) Value(key any) any { return lookup(c, key) }

func (c *cancelCtx) Done() <-chan struct{} {
	if ch := c.done.Load(); ch != nil {
		return ch.(chan struct{})
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.done.Load() == nil {
		c.done.Store(make(chan struct{}))
	}
	return c.done.Load().(chan struct{})
}

func (c *cancelCtx) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

func (c *cancelCtx) String() string { return describe(c.Context) + ".WithCancel" }

// cancel records err, closes the Done channel and cancels the children; with detach it
// also leaves its ancestor. Only the first call does anything.
func (c *cancelCtx) cancel(detach bool, err error) {
	if err == nil {
		panic("context: internal error: missing cancel error")
	}
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		return
	}
	c.err = err
	ch, made := c.done.Load().(chan struct{})
	if made {
		close(ch)
	} else {
		c.done.Store(closedChan)
	}
	kids := c.children
	c.children = nil
	// Each child's lock is taken under its parent's, always in that order.
	for kid := range kids {
		kid.cancel(false, err)
	}
	c.mu.Unlock()
	if detach {
		if a := ancestor(c.Context); a != nil {
			a.drop(c)
		}
	}
}

// adopt registers kid to be cancelled with c, or cancels it now if c is done.
func (c *cancelCtx) adopt(kid canceler) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		kid.cancel(false, c.err)
		return
	}
	if c.children == nil {
		c.children = map[canceler]struct{}{}
	}
	c.children[kid] = struct{}{}
}

// drop forgets kid.
func (c *cancelCtx) drop(kid canceler) {
	c.mu.Lock()
	delete(c.children, kid)
	c.mu.Unlock()
}

// ancestor returns parent's nearest cancelCtx, provided parent's Done channel is that
// context's own (a foreign context in between may make its own channel), else nil.
func ancestor(parent Context) *cancelCtx {
	done := parent.Done()
	if done == nil || done == closedChan {
		return nil
	}
	a, ok := parent.Value(&selfKey).(*cancelCtx)
	if !ok {
		return nil
	}
	if ch, _ := a.done.Load().(chan struct{}); ch != done {
		return nil
	}
	return a
}

// watchers counts the goroutines started to watch foreign parents.
var watchers int32

// follow arranges for kid to end with parent: at once when parent is done already, through
// parent's cancelable ancestor, or by a goroutine watching a foreign parent.
func follow(parent Context, kid canceler) {
	done := parent.Done()
	if done == nil {
		return // parent never ends
	}
	select {
	case <-done:
		kid.cancel(false, parent.Err())
		return
	default:
	}
	if a := ancestor(parent); a != nil {
		a.adopt(kid)
		return
	}
	atomic.AddInt32(&watchers, 1)
	go func() {
		select {
		case <-parent.Done():
			kid.cancel(false, parent.Err())
		case <-kid.Done():
		}
	}()
}

// WithCancel returns a copy of parent that is also done when the returned function is
// called.
func WithCancel(parent Context) (ctx Context, cancel CancelFunc) {
	needParent(parent)
	c := &cancelCtx{Context: parent}
	follow(parent, c)
	return c, func() { c.cancel(true, Canceled) }
}

func (c *timerCtx) Deadline() (time.Time, bool) { return c.deadline, true }

func (c *timerCtx) String() string {
	left := time.Until(c.deadline)
	return describe(c.cancelCtx.Context) + ".WithDeadline(" + c.deadline.String() + " [" + left.String() + "])"
}

func (c *timerCtx) cancel(detach bool, err error) {
	c.cancelCtx.cancel(false, err)
	if detach {
		if a := ancestor(c.cancelCtx.Context); a != nil {
			a.drop(c)
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.timer != nil {
		c.timer.Stop()
		c.timer = nil
	}
}

// WithDeadline returns a copy of parent that is also done at d, or when the returned
// function is called. Under a parent whose deadline comes first it is a plain WithCancel.
func WithDeadline(parent Context, d time.Time) (Context, CancelFunc) {
	needParent(parent)
	if earlier, has := parent.Deadline(); has && earlier.Before(d) {
		return WithCancel(parent)
	}
	c := &timerCtx{deadline: d}
	c.cancelCtx.Context = parent
	follow(parent, c)
	wait := time.Until(d)
	if wait <= 0 {
		c.cancel(true, DeadlineExceeded)
		return c, func() { c.cancel(false, Canceled) }
	}
	expire := func() { c.cancel(true, DeadlineExceeded) }
	c.mu.Lock()
	if c.err == nil {
		c.timer = time.AfterFunc(wait, expire)
	}
	c.mu.Unlock()
	return c, func() { c.cancel(true, Canceled) }
}

// WithTimeout is WithDeadline with the deadline timeout from now.
func WithTimeout(parent Context, timeout time.Duration) (Context, CancelFunc) {
	deadline := time.Now().Add(timeout)
	return WithDeadline(parent, deadline)
}

// WithValue returns a copy of parent in which key's value is val. The key must be a
// non-nil comparable value.
func WithValue(parent Context, key, val any) Context {
	needParent(parent)
	if key == nil {
		panic("nil key")
	}
	if t, _ := efaceWords(key); !typeComparable(t) {
		panic("key is not comparable")
	}
	return &valueCtx{Context: parent, key: key, val: val}
}

func (c *valueCtx) own(key any) (any, bool) {
	if c.key == key {
		return c.val, true
	}
	return nil, false
}

func (c *valueCtx) parent() Context   { return c.Context }
func (c *valueCtx) Value(key any) any { return lookup(c, key) }

func (c *valueCtx) String() string {
	// A value shows itself only as a Stringer or a string: formatting it could need fmt.
	shown := "<not Stringer>"
	if s, ok := c.val.(interface{ String() string }); ok {
		shown = s.String()
	} else if s, ok := c.val.(string); ok {
		shown = s
	}
	return describe(c.Context) + ".WithValue(type " + typeName(c.key) + ", val " + shown + ")"
}
