// Finalizers: runtime.SetFinalizer, and the goroutine that runs them.
//
// A finalizer is a record on its object's span (mspan.finalizers), kept outside the heap so
// that it does not keep the object alive: the object's address is a plain word there. Each
// collection (mgc.go gcCollect):
//  1. marks, with the roots, what every finalizer record's object points to and the
//     finalizer's func value, but not the object itself, so that what a finalizer may
//     still read outlives it (Go: runtime/mgcmark.go markrootSpans);
//  2. once marking is done, takes each record whose object is still unmarked off its span,
//     marks the object (it lives until its finalizer has run) and queues the finalizer;
//  3. after the world starts again, wakes the finalizer goroutine, which calls each queued
//     finalizer with its object. The queue is a root until then. A later collection frees
//     the object, unless the finalizer stored it somewhere.
// So an object with a finalizer needs two collections to be freed, one in a cycle of such
// objects is never finalized or freed, and an object reachable from another's finalizable
// object is finalized only after that one, as in Go (runtime.SetFinalizer's documentation).
//
// The finalizer goroutine is made by the first SetFinalizer, as Go's createfing does, and
// is a system goroutine while it waits: goroutine dumps, NumGoroutine and the deadlock
// check leave it out, as Go's isSystemGoroutine does for runfinq when no finalizer runs.
//
// A finalizer is called through callFinalizer (asm_amd64.s) with its argument words in the
// registers the tbuild ABI puts them in: a return area when its scalar results need one,
// one pointer per aggregate result, the argument (the object's pointer, or an interface
// holding it), then the func value as the closure context.

package runtime

import "unsafe"

// finalizer is one SetFinalizer: a record on its object's span, or an entry of the queue.
type finalizer struct {
	next *finalizer
	obj  uintptr  // the object's address, not a pointer: the record must not keep it alive
	fn   *funcval // the finalizer
	ft   *_type   // the finalizer's func type
	ot   *_type   // the object's pointer type (SetFinalizer's first argument)
	arg  [2]uintptr
	// The argument's shape: 1 word (a pointer) or 2 (an interface: itab or type, and the
	// object), and the itab or type for an interface parameter.
	argWords uintptr
}

var (
	finLock mutex
	// finFree lists records to reuse; records come from sysAlloc in blocks of finBlock.
	finFree *finalizer
	// finq is the queue of finalizers to run, newest first; finqLen its length.
	finq    *finalizer
	finqLen uintptr
	// fing is the finalizer goroutine; fingWaiting says it is parked for work, and
	// fingRunning that it is calling a finalizer (it is a user goroutine then).
	fing        *g
	fingWaiting bool
	fingRunning bool
	// finSink makes SetFinalizer's arguments leak to the heap in escape analysis, as they
	// do in Go: the records keep them in words the analysis cannot follow.
	finSink any
)

const finBlock = 64 << 10

// maxTinySize is the size under which Go's allocator packs pointer-free objects together
// (runtime/malloc.go), which SetFinalizer's checks allow for.
const maxTinySize = 16

// SetFinalizer sets (or, with a nil finalizer, removes) the function called with obj once
// the collector finds obj unreachable. Go's rules and fatal errors:
// runtime/mfinal.go SetFinalizer.
func SetFinalizer(obj any, finalizer any) {
	finSink = obj
	finSink = finalizer
	finSink = nil
	e := (*eface)(unsafe.Pointer(&obj))
	etyp := e._type
	if etyp == nil {
		throw("runtime.SetFinalizer: first argument is nil")
	}
	if etyp.kind != kindPtr {
		throw("runtime.SetFinalizer: first argument is " + etyp.name + ", not pointer")
	}
	if etyp.elem == nil {
		throw("nil elem type!")
	}
	p := uintptr(e.data)
	s, idx := heapObjectOf(p)
	if s == nil {
		// Not a heap object: a package-level variable (.noptrdata, .data, .bss and
		// .noptrbss lie in that order) or the zero-size object, which live for ever (Go
		// returns silently for them: isGoPointerWithoutSpan).
		if p == uintptr(unsafe.Pointer(&zerobase)) || p >= noptrdataAddr() && p < enoptrbssAddr() {
			return
		}
		throw("runtime.SetFinalizer: pointer not in allocated block")
	}
	if p != s.base+idx*s.elemsize {
		// Go lets a pointer into a small pointer-free object pass, since its tiny
		// allocator packs such objects together; the record then names the interior
		// address, and the object is the one holding it.
		if e := etyp.elem; e.ptrdata != 0 || e.size >= maxTinySize {
			throw("runtime.SetFinalizer: pointer not at beginning of allocated block")
		}
	}
	f := (*eface)(unsafe.Pointer(&finalizer))
	ftyp := f._type
	if ftyp == nil {
		lock(&finLock)
		if r := removeFinalizer(s, p); r != nil {
			freeFinalizer(r)
		}
		unlock(&finLock)
		return
	}
	if ftyp.kind != kindFunc {
		throw("runtime.SetFinalizer: second argument is " + ftyp.name + ", not a function")
	}
	if ftyp.xflags&xflagVariadic != 0 {
		throw("runtime.SetFinalizer: cannot pass " + etyp.name + " to finalizer " + ftyp.name + " because dotdotdot")
	}
	if ftyp.nin != 1 {
		throw("runtime.SetFinalizer: cannot pass " + etyp.name + " to finalizer " + ftyp.name)
	}
	fint := fieldAt(ftyp, 0).typ
	var arg [2]uintptr
	words := uintptr(1)
	switch {
	case fint == etyp:
		arg[0] = p
	case fint.kind == kindPtr && (!uncommon(fint) || !uncommon(etyp)) && fint.elem == etyp.elem:
		// A named pointer type and its unnamed form without methods (Go: "ok - not same
		// type, but both pointers, one or the other is unnamed, and same element type").
		arg[0] = p
	case fint.kind == kindInterface && fint.nmethods == 0:
		arg[0] = uintptr(unsafe.Pointer(etyp))
		arg[1] = p
		words = 2
	case fint.kind == kindInterface:
		tab := getitab(fint, etyp, true)
		if tab == nil {
			throw("runtime.SetFinalizer: cannot pass " + etyp.name + " to finalizer " + ftyp.name)
		}
		arg[0] = uintptr(unsafe.Pointer(tab))
		arg[1] = p
		words = 2
	default:
		throw("runtime.SetFinalizer: cannot pass " + etyp.name + " to finalizer " + ftyp.name)
	}
	if finalizerRegisters(ftyp, words) > 6 {
		throw("runtime.SetFinalizer: tbuild does not support a finalizer with this many results yet: " + ftyp.name)
	}
	lock(&finLock)
	if fing == nil {
		createfing()
	}
	for r := s.finalizers; r != nil; r = r.next {
		if r.obj == p {
			unlock(&finLock)
			throw("runtime.SetFinalizer: finalizer already set")
		}
	}
	r := newFinalizer()
	r.obj = p
	r.fn = (*funcval)(f.data) // a func value is its interface's data word (isDirectIface)
	r.ft = ftyp
	r.ot = etyp
	r.arg = arg
	r.argWords = words
	r.next = s.finalizers
	s.finalizers = r
	unlock(&finLock)
}

// uncommon reports whether Go's descriptor of t has an uncommon part: a named type or one
// with methods (Go: runtime/type.go tflagUncommon).
func uncommon(t *_type) bool {
	return t.named != 0 || t.nmethods != 0
}

// The bounds of the package-level variables (asm_amd64.s).
func noptrdataAddr() uintptr
func enoptrbssAddr() uintptr

// heapObjectOf returns the span of the heap object p points into and the object's index
// in it, or nil if p is not in an object in use.
func heapObjectOf(p uintptr) (*mspan, uintptr) {
	s := spanOfPage(p)
	if s == nil || s.state != mSpanInUse || p < s.base || p >= s.limit {
		return nil, 0
	}
	idx := objectIndex(s, p)
	if idx >= s.freeindex && s.allocBits[idx/64]&(uint64(1)<<(idx%64)) == 0 {
		return nil, 0
	}
	return s, idx
}

// objectIndex is the index in s of the object holding the address p.
func objectIndex(s *mspan, p uintptr) uintptr {
	if s.large {
		return 0
	}
	return uintptr((uint64(p-s.base) * uint64(s.divMul)) >> 32)
}

// marked says whether the collection marked the object of s holding the address p.
func (s *mspan) marked(p uintptr) bool {
	idx := objectIndex(s, p)
	return s.markBits[idx/64]&(uint64(1)<<(idx%64)) != 0
}

// removeFinalizer takes the record of the object at p off s's list and returns it.
func removeFinalizer(s *mspan, p uintptr) *finalizer {
	for link := &s.finalizers; *link != nil; link = &(*link).next {
		if r := *link; r.obj == p {
			*link = r.next
			r.next = nil
			return r
		}
	}
	return nil
}

func newFinalizer() *finalizer {
	if finFree == nil {
		size := unsafe.Sizeof(finalizer{})
		block := uintptr(sysAlloc(finBlock))
		for off := uintptr(0); off+size <= finBlock; off += size {
			r := (*finalizer)(unsafe.Pointer(block + off))
			r.next = finFree
			finFree = r
		}
	}
	r := finFree
	finFree = r.next
	r.next = nil
	return r
}

func freeFinalizer(r *finalizer) {
	*r = finalizer{}
	r.next = finFree
	finFree = r
}

// finalizerResults describes how a finalizer of type ft returns under the tbuild ABI
// (codegen lower/abi.rs cl_signature): a pointer argument per aggregate result (struct,
// array, complex), and the scalar results' integer and float registers. More than two of
// either go through a return area, whose address Cranelift passes first.
func finalizerResults(ft *_type) (aggs, ints, floats uintptr) {
	for i := ft.nin; i < ft.nfields; i++ {
		switch k := fieldAt(ft, i).typ.kind; {
		case isAggregate(k):
			aggs++
		case k == kindFloat32 || k == kindFloat64:
			floats++
		case k == kindString || k == kindInterface:
			ints += 2
		case k == kindSlice:
			ints += 3
		default:
			ints++
		}
	}
	return
}

// isAggregate reports the result kinds the tbuild ABI returns through a pointer argument.
func isAggregate(kind uintptr) bool {
	return kind == kindStruct || kind == kindArray || kind == kindComplex64 || kind == kindComplex128
}

// finalizerRegisters counts the integer registers a call of a finalizer of type ft takes:
// the return area if any, the aggregate results' pointers, the argument's words and the
// func value.
func finalizerRegisters(ft *_type, argWords uintptr) uintptr {
	aggs, ints, floats := finalizerResults(ft)
	n := aggs + argWords + 1
	if ints > 2 || floats > 2 {
		n++
	}
	return n
}

// createfing starts the finalizer goroutine. Go: runtime/mfinal.go createfing.
//
//go:noinline
func createfing() {
	startfing()
}

// startfing makes fing, created by createfing as a go statement there would be.
//
//go:noinline
func startfing() {
	f := runfinq
	fing = newproc1(*(**funcval)(unsafe.Pointer(&f)), getg(), callerpc(getfp()))
	runqput(getg().m.p, fing, true)
}

// isSystemGoroutine reports the goroutines the runtime runs for itself, which goroutine
// dumps, NumGoroutine and the deadlock check leave out: the sweeper (mgcsweep.go), the
// forcegc goroutine (mgcforce.go), and the finalizer goroutine while it is not running a
// finalizer. Go:
// runtime/traceback.go isSystemGoroutine.
func isSystemGoroutine(gp *g) bool {
	return gp == sweeper.gp || gp == forcegc.gp || gp == fing && !fingRunning
}

// runfinq is the finalizer goroutine: it calls the queued finalizers, and parks when
// there are none. Go: runtime/mfinal.go runfinq.
func runfinq() {
	for {
		lock(&finLock)
		r := finq
		if r == nil {
			fingWaiting = true
			goparkunlock(&finLock, waitReasonFinalizerWait)
			continue
		}
		finq = r.next
		finqLen--
		// Off the queue, the record is no root: the object and the finalizer are kept
		// alive by this frame from here on (a collection may run in mallocgc below).
		fn, ft, arg, argWords := r.fn, r.ft, r.arg, r.argWords
		freeFinalizer(r)
		unlock(&finLock)
		var regs [6]uintptr
		n := uintptr(0)
		if _, ints, floats := finalizerResults(ft); ints > 2 || floats > 2 {
			regs[n] = uintptr(mallocgc(8*(ints+floats), nil, true))
			n++
		}
		for i := ft.nin; i < ft.nfields; i++ {
			if t := fieldAt(ft, i).typ; isAggregate(t.kind) {
				regs[n] = uintptr(mallocgc(t.size, unsafe.Pointer(t), true))
				n++
			}
		}
		for i := uintptr(0); i < argWords; i++ {
			regs[n] = arg[i]
			n++
		}
		regs[n] = uintptr(unsafe.Pointer(fn))
		fingRunning = true
		callFinalizer(fn, &regs)
		fingRunning = false
	}
}

// callFinalizer calls fn with the integer argument registers DI, SI, DX, CX, R8 and R9
// loaded from regs. In asm_amd64.s.
func callFinalizer(fn *funcval, regs *[6]uintptr)

// markFinalizerRoots greys, for each finalizer record, what its object points to (not the
// object) and its func value, and each queued finalizer's object and func value: step 1
// at the top of the file. The world is stopped.
func markFinalizerRoots(w *gcWork) {
	if fing == nil {
		return // no SetFinalizer yet: no span has a record, and the queue is empty
	}
	for s := mheap_.inuse; s != nil; s = s.allnext {
		for r := s.finalizers; r != nil; r = r.next {
			greyPointer(uintptr(unsafe.Pointer(r.fn)), w)
			if s.noscan {
				continue
			}
			if s.large {
				scanLarge(s.base, s, w)
			} else {
				scanObject(s.base+objectIndex(s, r.obj)*s.elemsize, s, w)
			}
		}
	}
	for r := finq; r != nil; r = r.next {
		greyPointer(r.obj, w)
		greyPointer(uintptr(unsafe.Pointer(r.fn)), w)
	}
}

// queueFinalizers moves the record of every object marking left unmarked to the queue and
// then marks those objects (step 2). It reports whether it marked any, which the caller must then
// drain. The world is stopped.
func queueFinalizers(w *gcWork) bool {
	if fing == nil {
		return false
	}
	// The objects are marked once every record is looked at: a tiny block holds several
	// objects, each of which may have a finalizer, and all of them are queued together,
	// as Go's sweep queues every finalizer special of an unmarked object.
	old := finq
	for s := mheap_.inuse; s != nil; s = s.allnext {
		link := &s.finalizers
		for *link != nil {
			r := *link
			if s.marked(r.obj) {
				link = &r.next
				continue
			}
			*link = r.next
			r.next = finq
			finq = r
			finqLen++
		}
	}
	for r := finq; r != old; r = r.next {
		greyPointer(r.obj, w)
	}
	return finq != old
}

// wakefing readies the finalizer goroutine if it waits and finalizers are queued (step 3),
// once the world runs again. Go: runtime/mfinal.go wakefing.
func wakefing() {
	if fing == nil {
		return
	}
	lock(&finLock)
	wake := fingWaiting && finq != nil
	if wake {
		fingWaiting = false
	}
	unlock(&finLock)
	if wake {
		goready(fing)
	}
}
