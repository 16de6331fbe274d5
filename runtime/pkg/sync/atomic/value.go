// Value: an atomic interface value. An interface is two words, its dynamic type and its
// data (DESIGN.md, "Interfaces"), and no instruction updates two words at once, so a Value
// changes only its data word once it has a type, and insists that every value stored has
// that same type (Go's rule, sync/atomic's documentation of Value). The first store has to
// set both words: it claims the type word with a sentinel (the address of claimed) by a
// compare-and-swap, writes the data word, then the real type. A Load that sees the
// sentinel reports no value yet; a store that sees it waits for the type. With goroutines
// on one thread and no preemption nothing can run between those two writes, so the wait
// never spins today; it keeps the protocol right for when goroutines run on several threads
// (Go also pins its P there, runtime_procPin, which tbuild does not need yet).
package atomic

import "unsafe"

// A Value holds one value of one dynamic type, loaded and stored atomically. The zero Value
// holds nothing: Load returns nil. A Value must not be copied after first use.
type Value struct {
	v any
}

// ifaceHalves is the layout of an interface value.
type ifaceHalves struct {
	typ  unsafe.Pointer
	data unsafe.Pointer
}

// claimed marks a Value's type word while its first store is in progress.
var claimed byte

func halves(p *any) *ifaceHalves { return (*ifaceHalves)(unsafe.Pointer(p)) }

// assemble returns the interface value with type word t and data word d.
func assemble(t, d unsafe.Pointer) any {
	var r any
	h := halves(&r)
	h.typ = t
	h.data = d
	return r
}

// Load returns the value last stored, or nil if there has been none.
func (v *Value) Load() (val any) {
	h := halves(&v.v)
	t := LoadPointer(&h.typ)
	if t == nil || t == unsafe.Pointer(&claimed) {
		return nil
	}
	return assemble(t, LoadPointer(&h.data))
}

// firstStore tries to give the empty Value h the value nh; false: another store got there
// first (or is in progress).
func firstStore(h, nh *ifaceHalves) bool {
	if !CompareAndSwapPointer(&h.typ, nil, unsafe.Pointer(&claimed)) {
		return false
	}
	StorePointer(&h.data, nh.data)
	StorePointer(&h.typ, nh.typ)
	return true
}

// exchange stores val and returns the value before (nil for the first store); nilMsg and
// typeMsg are the panics for a nil val and for a val of another type than the Value's.
func (v *Value) exchange(val any, nilMsg, typeMsg string) any {
	if val == nil {
		panic(nilMsg)
	}
	h, nh := halves(&v.v), halves(&val)
	for {
		t := LoadPointer(&h.typ)
		if t == unsafe.Pointer(&claimed) {
			continue
		}
		if t == nil {
			if firstStore(h, nh) {
				return nil
			}
			continue
		}
		if t != nh.typ {
			panic(typeMsg)
		}
		return assemble(t, SwapPointer(&h.data, nh.data))
	}
}

// Store sets the value to val. Every value stored in a Value must have the same dynamic
// type; Store panics on another type and on nil.
func (v *Value) Store(val any) {
	v.exchange(val, "sync/atomic: store of nil value into Value",
		"sync/atomic: store of inconsistently typed value into Value")
}

// Swap stores new and returns the value before (nil if there was none); it panics as Store
// does.
func (v *Value) Swap(new any) (old any) {
	return v.exchange(new, "sync/atomic: swap of nil value into Value",
		"sync/atomic: swap of inconsistently typed value into Value")
}

// CompareAndSwap stores new if the value is old (by ==, which panics for a dynamic type
// that is not comparable), and reports whether it did. A nil old matches an empty Value
// only. It panics on a nil new, on an old and a new of different types, and on a new of
// another type than the Value's.
func (v *Value) CompareAndSwap(old, new any) (swapped bool) {
	if new == nil {
		panic("sync/atomic: compare and swap of nil value into Value")
	}
	h, nh, oh := halves(&v.v), halves(&new), halves(&old)
	if oh.typ != nil && oh.typ != nh.typ {
		panic("sync/atomic: compare and swap of inconsistently typed values")
	}
	for {
		t := LoadPointer(&h.typ)
		if t == unsafe.Pointer(&claimed) {
			continue
		}
		if t == nil {
			if old != nil {
				return false
			}
			if firstStore(h, nh) {
				return true
			}
			continue
		}
		if t != nh.typ {
			panic("sync/atomic: compare and swap of inconsistently typed value into Value")
		}
		d := LoadPointer(&h.data)
		if assemble(t, d) != old {
			return false
		}
		// Only the data word can have changed since the load: swap it only if it did not.
		return CompareAndSwapPointer(&h.data, d, nh.data)
	}
}
