// Go 1.19's atomic types: Bool, Int32, Int64, Uint32, Uint64, Uintptr and Pointer[T], each a
// struct around one word that only these methods touch, so that no plain access can slip in.
// Each method is one call of funcs.go's functions on the word. The zero value is ready to
// use (false, 0, nil). noCopy lets go vet's copylocks check report copies, as Go's types do;
// align64 marks the 64-bit types that must be 8-byte aligned on 32-bit targets (a no-op
// here: amd64 aligns every int64 field).
package atomic

import "unsafe"

// noCopy has Lock and Unlock so that go vet reports a copied value that contains one.
type noCopy struct{}

func (*noCopy) Lock()   {}
func (*noCopy) Unlock() {}

// align64 asks for 8-byte alignment on 32-bit platforms.
type align64 struct{}

// Bool is an atomic bool, kept as a 32-bit word (0 or 1).
type Bool struct {
	_    noCopy
	word uint32
}

// boolWord is b as the word a Bool holds.
func boolWord(b bool) uint32 {
	if b {
		return 1
	}
	return 0
}

// Load returns the value.
func (b *Bool) Load() bool { return LoadUint32(&b.word) == 1 }

// Store sets the value to val.
func (b *Bool) Store(val bool) { StoreUint32(&b.word, boolWord(val)) }

// Swap sets the value to new and returns the one before.
func (b *Bool) Swap(new bool) (old bool) { return SwapUint32(&b.word, boolWord(new)) == 1 }

// CompareAndSwap sets the value to new if it is old, and reports whether it did.
func (b *Bool) CompareAndSwap(old, new bool) (swapped bool) {
	return CompareAndSwapUint32(&b.word, boolWord(old), boolWord(new))
}

// Pointer is an atomic *T. The zero-length array of *T makes Pointer[T] and Pointer[U]
// different, inconvertible types, as they are in Go.
type Pointer[T any] struct {
	_    [0]*T
	_    noCopy
	addr unsafe.Pointer
}

// Load returns the pointer.
func (p *Pointer[T]) Load() *T { return (*T)(LoadPointer(&p.addr)) }

// Store sets the pointer to val.
func (p *Pointer[T]) Store(val *T) { StorePointer(&p.addr, unsafe.Pointer(val)) }

// Swap sets the pointer to new and returns the one before.
func (p *Pointer[T]) Swap(new *T) (old *T) {
	return (*T)(SwapPointer(&p.addr, unsafe.Pointer(new)))
}

// CompareAndSwap sets the pointer to new if it is old, and reports whether it did.
func (p *Pointer[T]) CompareAndSwap(old, new *T) (swapped bool) {
	return CompareAndSwapPointer(&p.addr, unsafe.Pointer(old), unsafe.Pointer(new))
}

// Int32 is an atomic int32.
type Int32 struct {
	_ noCopy
	n int32
}

// Load returns the value.
func (i *Int32) Load() int32 { return LoadInt32(&i.n) }

// Store sets the value to val.
func (i *Int32) Store(val int32) { StoreInt32(&i.n, val) }

// Swap sets the value to new and returns the one before.
func (i *Int32) Swap(new int32) (old int32) { return SwapInt32(&i.n, new) }

// CompareAndSwap sets the value to new if it is old, and reports whether it did.
func (i *Int32) CompareAndSwap(old, new int32) (swapped bool) {
	return CompareAndSwapInt32(&i.n, old, new)
}

// Add adds delta and returns the sum.
func (i *Int32) Add(delta int32) (new int32) { return AddInt32(&i.n, delta) }

// Int64 is an atomic int64.
type Int64 struct {
	_ noCopy
	_ align64
	n int64
}

// Load returns the value.
func (i *Int64) Load() int64 { return LoadInt64(&i.n) }

// Store sets the value to val.
func (i *Int64) Store(val int64) { StoreInt64(&i.n, val) }

// Swap sets the value to new and returns the one before.
func (i *Int64) Swap(new int64) (old int64) { return SwapInt64(&i.n, new) }

// CompareAndSwap sets the value to new if it is old, and reports whether it did.
func (i *Int64) CompareAndSwap(old, new int64) (swapped bool) {
	return CompareAndSwapInt64(&i.n, old, new)
}

// Add adds delta and returns the sum.
func (i *Int64) Add(delta int64) (new int64) { return AddInt64(&i.n, delta) }

// Uint32 is an atomic uint32.
type Uint32 struct {
	_ noCopy
	n uint32
}

// Load returns the value.
func (u *Uint32) Load() uint32 { return LoadUint32(&u.n) }

// Store sets the value to val.
func (u *Uint32) Store(val uint32) { StoreUint32(&u.n, val) }

// Swap sets the value to new and returns the one before.
func (u *Uint32) Swap(new uint32) (old uint32) { return SwapUint32(&u.n, new) }

// CompareAndSwap sets the value to new if it is old, and reports whether it did.
func (u *Uint32) CompareAndSwap(old, new uint32) (swapped bool) {
	return CompareAndSwapUint32(&u.n, old, new)
}

// Add adds delta and returns the sum.
func (u *Uint32) Add(delta uint32) (new uint32) { return AddUint32(&u.n, delta) }

// Uint64 is an atomic uint64.
type Uint64 struct {
	_ noCopy
	_ align64
	n uint64
}

// Load returns the value.
func (u *Uint64) Load() uint64 { return LoadUint64(&u.n) }

// Store sets the value to val.
func (u *Uint64) Store(val uint64) { StoreUint64(&u.n, val) }

// Swap sets the value to new and returns the one before.
func (u *Uint64) Swap(new uint64) (old uint64) { return SwapUint64(&u.n, new) }

// CompareAndSwap sets the value to new if it is old, and reports whether it did.
func (u *Uint64) CompareAndSwap(old, new uint64) (swapped bool) {
	return CompareAndSwapUint64(&u.n, old, new)
}

// Add adds delta and returns the sum.
func (u *Uint64) Add(delta uint64) (new uint64) { return AddUint64(&u.n, delta) }

// Uintptr is an atomic uintptr.
type Uintptr struct {
	_ noCopy
	n uintptr
}

// Load returns the value.
func (u *Uintptr) Load() uintptr { return LoadUintptr(&u.n) }

// Store sets the value to val.
func (u *Uintptr) Store(val uintptr) { StoreUintptr(&u.n, val) }

// Swap sets the value to new and returns the one before.
func (u *Uintptr) Swap(new uintptr) (old uintptr) { return SwapUintptr(&u.n, new) }

// CompareAndSwap sets the value to new if it is old, and reports whether it did.
func (u *Uintptr) CompareAndSwap(old, new uintptr) (swapped bool) {
	return CompareAndSwapUintptr(&u.n, old, new)
}

// Add adds delta and returns the sum.
func (u *Uintptr) Add(delta uintptr) (new uintptr) { return AddUintptr(&u.n, delta) }
