// Pool: a cache of reusable objects. Go's keeps one cache per P and empties the caches at
// every garbage collection (sync/pool.go); tbuild's runtime has one P and no collector yet,
// so this Pool is one cache under a Mutex that keeps what it is given until Get takes it.
// Within one P it hands objects back in the order Go's does: the first object Put while the
// private slot is empty goes there and is the first one Get returns; the others form a stack.
// A program must not depend on either: Go may drop any object at any time.
package sync

// A Pool is a set of temporary objects that may be saved and retrieved individually. New,
// if set, makes a value for Get when the pool is empty. A Pool must not be copied after
// first use.
type Pool struct {
	noCopy noCopy

	mu    Mutex
	first any   // the private slot of Go's per-P cache
	stack []any // its shared list, most recent last

	// New optionally makes a value when Get would otherwise return nil.
	New func() any
}

// Put adds x to the pool; a nil x is ignored.
func (p *Pool) Put(x any) {
	if x == nil {
		return
	}
	p.mu.Lock()
	if p.first == nil {
		p.first = x
	} else {
		p.stack = append(p.stack, x)
	}
	p.mu.Unlock()
}

// Get removes an object from the pool and returns it; if the pool is empty it returns
// p.New() if New is set, else nil.
func (p *Pool) Get() any {
	p.mu.Lock()
	x := p.first
	p.first = nil
	if x == nil {
		if n := len(p.stack); n > 0 {
			x = p.stack[n-1]
			p.stack[n-1] = nil
			p.stack = p.stack[:n-1]
		}
	}
	p.mu.Unlock()
	if x == nil && p.New != nil {
		x = p.New()
	}
	return x
}
