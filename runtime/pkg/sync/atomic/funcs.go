// Package atomic: tbuild's sync/atomic, the atomic memory primitives of Go's API.
//
// funcs.go declares the functions on plain words (Add, Load, Store, Swap and CompareAndSwap
// for int32, int64, uint32, uint64, uintptr and unsafe.Pointer); each is a few instructions
// of atomic_amd64.s, called under the tbuild ABI (DESIGN.md, "Calling convention"). Go's
// memory model (go.dev/ref/mem, "Atomic Values") makes every one of them sequentially
// consistent: a read-modify-write takes the LOCK prefix, a store is an XCHG (implicitly
// locked, so it is ordered with later loads), and a load is a plain MOV (x86-TSO already
// orders it after earlier locked stores). A nil address faults on its first access and the
// runtime's signal handler turns the fault into Go's nil dereference panic.
//
// Go's compiler replaces these calls by the instructions themselves; here they are real
// calls, so a nil-address panic's traceback names the function (Go's names only the
// caller).
package atomic

import "unsafe"

// SwapInt32 stores new into *addr and returns the previous *addr.
func SwapInt32(addr *int32, new int32) (old int32)

// SwapInt64 stores new into *addr and returns the previous *addr.
func SwapInt64(addr *int64, new int64) (old int64)

// SwapUint32 stores new into *addr and returns the previous *addr.
func SwapUint32(addr *uint32, new uint32) (old uint32)

// SwapUint64 stores new into *addr and returns the previous *addr.
func SwapUint64(addr *uint64, new uint64) (old uint64)

// SwapUintptr stores new into *addr and returns the previous *addr.
func SwapUintptr(addr *uintptr, new uintptr) (old uintptr)

// SwapPointer stores new into *addr and returns the previous *addr.
func SwapPointer(addr *unsafe.Pointer, new unsafe.Pointer) (old unsafe.Pointer)

// CompareAndSwapInt32 stores new into *addr if *addr is old, and reports whether it did.
func CompareAndSwapInt32(addr *int32, old, new int32) (swapped bool)

// CompareAndSwapInt64 stores new into *addr if *addr is old, and reports whether it did.
func CompareAndSwapInt64(addr *int64, old, new int64) (swapped bool)

// CompareAndSwapUint32 stores new into *addr if *addr is old, and reports whether it did.
func CompareAndSwapUint32(addr *uint32, old, new uint32) (swapped bool)

// CompareAndSwapUint64 stores new into *addr if *addr is old, and reports whether it did.
func CompareAndSwapUint64(addr *uint64, old, new uint64) (swapped bool)

// CompareAndSwapUintptr stores new into *addr if *addr is old, and reports whether it did.
func CompareAndSwapUintptr(addr *uintptr, old, new uintptr) (swapped bool)

// CompareAndSwapPointer stores new into *addr if *addr is old, and reports whether it did.
func CompareAndSwapPointer(addr *unsafe.Pointer, old, new unsafe.Pointer) (swapped bool)

// AddInt32 adds delta to *addr and returns the sum (wrapping).
func AddInt32(addr *int32, delta int32) (new int32)

// AddUint32 adds delta to *addr and returns the sum; AddUint32(addr, ^uint32(c-1))
// subtracts c.
func AddUint32(addr *uint32, delta uint32) (new uint32)

// AddInt64 adds delta to *addr and returns the sum (wrapping).
func AddInt64(addr *int64, delta int64) (new int64)

// AddUint64 adds delta to *addr and returns the sum; AddUint64(addr, ^uint64(c-1))
// subtracts c.
func AddUint64(addr *uint64, delta uint64) (new uint64)

// AddUintptr adds delta to *addr and returns the sum.
func AddUintptr(addr *uintptr, delta uintptr) (new uintptr)

// LoadInt32 returns *addr.
func LoadInt32(addr *int32) (val int32)

// LoadInt64 returns *addr.
func LoadInt64(addr *int64) (val int64)

// LoadUint32 returns *addr.
func LoadUint32(addr *uint32) (val uint32)

// LoadUint64 returns *addr.
func LoadUint64(addr *uint64) (val uint64)

// LoadUintptr returns *addr.
func LoadUintptr(addr *uintptr) (val uintptr)

// LoadPointer returns *addr.
func LoadPointer(addr *unsafe.Pointer) (val unsafe.Pointer)

// StoreInt32 stores val into *addr.
func StoreInt32(addr *int32, val int32)

// StoreInt64 stores val into *addr.
func StoreInt64(addr *int64, val int64)

// StoreUint32 stores val into *addr.
func StoreUint32(addr *uint32, val uint32)

// StoreUint64 stores val into *addr.
func StoreUint64(addr *uint64, val uint64)

// StoreUintptr stores val into *addr.
func StoreUintptr(addr *uintptr, val uintptr)

// StorePointer stores val into *addr.
func StorePointer(addr *unsafe.Pointer, val unsafe.Pointer)
