// Package reflect, functions made at run time: MakeFunc.
//
// A func value is a pointer to a word holding the code address, and compiled code calls it
// with the func value as one more integer argument after the others (DESIGN.md, "Func
// values and the closure context"). That argument's register depends on the signature, so
// the common code of every made function, makeFuncStub (asm_amd64.s), could not find it.
// Each made function therefore gets code of its own: a 23-byte trampoline, written into an
// executable page, that loads the function's makeFuncImpl into R11 (a register no argument
// uses) and jumps to makeFuncStub, as libffi's closures do. makeFuncStub saves the argument
// registers and calls callReflect, which reads the arguments as the tbuild ABI placed them
// (call.go describes the layout), calls the Go function and puts its results where the
// caller will read them. A trampoline is reused once its function has been collected (a
// finalizer gives it back). Panic messages are Go 1.19's.

package reflect

import (
	"sync"
	"unsafe"
)

//go:linkname mmap runtime.mmap
func mmap(addr unsafe.Pointer, n uintptr, prot, flags, fd int32, off uint32) (p unsafe.Pointer, err int)

//go:linkname setFinalizer runtime.SetFinalizer
func setFinalizer(obj any, finalizer any)

// makeFuncImpl is a made function's func value: its first word is the code address (its
// trampoline), as every func value's is.
type makeFuncImpl struct {
	code uintptr
	ftyp *rtype
	fn   func([]Value) []Value
}

// makeFuncFrame is what makeFuncStub saves and callReflect reads and fills (asm_amd64.s).
type makeFuncFrame struct {
	ints   [6]unsafe.Pointer
	floats [8]unsafe.Pointer
	stack  unsafe.Pointer // the caller's first stack argument
	rets   [4]unsafe.Pointer
}

func makeFuncStub()

// MakeFunc returns a function of type typ that calls fn with its arguments and returns
// fn's results, as Go's MakeFunc.
func MakeFunc(typ Type, fn func(args []Value) (results []Value)) Value {
	if typ.Kind() != Func {
		panic("reflect: call of MakeFunc with non-Func type")
	}
	t := typ.common()
	impl := &makeFuncImpl{ftyp: t, fn: fn}
	impl.code = trampolines.get(unsafe.Pointer(impl))
	setFinalizer(impl, func(m *makeFuncImpl) { trampolines.put(m.code) })
	p := unsafeNew(t)
	*(*unsafe.Pointer)(p) = unsafe.Pointer(impl)
	return Value{t, p, flagIndir}
}

// trampolineSize is a trampoline's slot; trampolineChunk the executable memory mapped at a
// time.
const (
	trampolineSize  = 32
	trampolineChunk = 64 << 10
)

// trampolinePool hands out trampoline slots: freed ones first, then the rest of the
// last chunk mapped.
type trampolinePool struct {
	mu        sync.Mutex
	free      []uintptr
	next, end uintptr
}

var trampolines trampolinePool

// get writes a trampoline for impl and returns its address:
//
//	MOVABS R11, impl          49 BB imm64
//	MOVABS R10, makeFuncStub  49 BA imm64
//	JMP    R10                41 FF E2
func (tp *trampolinePool) get(impl unsafe.Pointer) uintptr {
	tp.mu.Lock()
	var at uintptr
	if n := len(tp.free); n > 0 {
		at = tp.free[n-1]
		tp.free = tp.free[:n-1]
	} else {
		if tp.next == tp.end {
			const protRWX, mapPrivateAnon = 7, 0x22
			p, err := mmap(nil, trampolineChunk, protRWX, mapPrivateAnon, -1, 0)
			if err != 0 {
				tp.mu.Unlock()
				panic("reflect: MakeFunc cannot map executable memory for its trampoline")
			}
			tp.next = uintptr(p)
			tp.end = tp.next + trampolineChunk
		}
		at = tp.next
		tp.next += trampolineSize
	}
	tp.mu.Unlock()
	stub := makeFuncStub
	code := **(**uintptr)(unsafe.Pointer(&stub))
	b := (*[trampolineSize]byte)(unsafe.Pointer(at))
	b[0], b[1] = 0x49, 0xbb
	putWord(b[2:10], uintptr(impl))
	b[10], b[11] = 0x49, 0xba
	putWord(b[12:20], code)
	b[20], b[21], b[22] = 0x41, 0xff, 0xe2
	return at
}

// put gives a trampoline back once its function is gone.
func (tp *trampolinePool) put(at uintptr) {
	tp.mu.Lock()
	tp.free = append(tp.free, at)
	tp.mu.Unlock()
}

func putWord(b []byte, w uintptr) {
	for i := 0; i < 8; i++ {
		b[i] = byte(w >> (8 * i))
	}
}

// callReflect is called by makeFuncStub for a call of the made function impl: it reads
// the arguments from f, calls impl.fn, and stores the results in f.rets, the return area
// and the aggregate results' storage.
func callReflect(impl *makeFuncImpl, f *makeFuncFrame) {
	t := impl.ftyp
	results := t.results()
	args := argReader{f: f}

	// The words before the arguments: the return area's address, when the results need
	// one, then each aggregate result's address.
	var out resultWriter
	out.f = f
	if returnAreaWords(results) > 0 {
		out.area = args.int()
	}
	aggs := make([]unsafe.Pointer, len(results))
	for i, r := range results {
		if c, _ := shapeOf(r.typ); c == shapeAgg {
			aggs[i] = args.int()
		}
	}
	in := make([]Value, t.nin)
	for i, pe := range t.params() {
		in[i] = args.value(pe.typ)
	}

	res := impl.fn(in)
	if len(res) != len(results) {
		panic("reflect: wrong return count from function created by MakeFunc")
	}
	for i, r := range results {
		v := res[i]
		if v.typ == nil {
			panic("reflect: function created by MakeFunc using closure returned zero Value")
		}
		if v.flag&flagRO != 0 {
			panic("reflect: function created by MakeFunc using closure returned value obtained from unexported field")
		}
		v = v.assignTo("reflect.MakeFunc", r.typ)
		out.value(r.typ, v.addr(), aggs[i])
	}
}

// argReader reads argument words as the ABI placed them: integer words from DI..R9,
// float words from X0..X7, then each from the next stack slot.
type argReader struct {
	f          *makeFuncFrame
	ni, nf, ns int
}

func (r *argReader) int() unsafe.Pointer {
	if r.ni < len(r.f.ints) {
		r.ni++
		return r.f.ints[r.ni-1]
	}
	return r.stack()
}

func (r *argReader) float() unsafe.Pointer {
	if r.nf < len(r.f.floats) {
		r.nf++
		return r.f.floats[r.nf-1]
	}
	return r.stack()
}

func (r *argReader) stack() unsafe.Pointer {
	w := *(*unsafe.Pointer)(unsafe.Add(r.f.stack, 8*r.ns))
	r.ns++
	return w
}

// value reads an argument of type t into a Value of its own.
func (r *argReader) value(t *rtype) Value {
	ptr := unsafeNew(t)
	switch c, words := shapeOf(t); {
	case c == shapeFloat && t.size == 4:
		*(*uint32)(ptr) = uint32(uintptr(r.float()))
	case c == shapeFloat:
		*(*unsafe.Pointer)(ptr) = r.float()
	case c == shapeAgg:
		// The caller's copy: the function's own is made here, as a callee would own it.
		memmove(ptr, r.int(), t.size)
	case words > 1:
		for k := 0; k < words; k++ {
			*(*unsafe.Pointer)(unsafe.Add(ptr, 8*k)) = r.int()
		}
	default:
		storeInt(ptr, t.size, uintptr(r.int()))
	}
	if isDirect(t) {
		return Value{t, *(*unsafe.Pointer)(ptr), 0}
	}
	return Value{t, ptr, flagIndir}
}

// resultWriter puts result words where the caller reads them: integer words in AX, DX,
// float words in X0, X1, and past those, each in the next slot of the return area.
type resultWriter struct {
	f          *makeFuncFrame
	area       unsafe.Pointer
	ni, nf, na int
}

func (w *resultWriter) int(x unsafe.Pointer) {
	if w.ni < 2 {
		w.f.rets[w.ni] = x
		w.ni++
		return
	}
	w.slot(x)
}

func (w *resultWriter) float(x unsafe.Pointer) {
	if w.nf < 2 {
		w.f.rets[2+w.nf] = x
		w.nf++
		return
	}
	w.slot(x)
}

func (w *resultWriter) slot(x unsafe.Pointer) {
	*(*unsafe.Pointer)(unsafe.Add(w.area, 8*w.na)) = x
	w.na++
}

// value writes a result of type t stored at data; agg is an aggregate result's storage.
func (w *resultWriter) value(t *rtype, data, agg unsafe.Pointer) {
	switch c, words := shapeOf(t); {
	case c == shapeFloat && t.size == 4:
		w.float(unsafe.Pointer(uintptr(*(*uint32)(data))))
	case c == shapeFloat:
		w.float(*(*unsafe.Pointer)(data))
	case c == shapeAgg:
		memmove(agg, data, t.size)
	case words > 1:
		for k := 0; k < words; k++ {
			w.int(*(*unsafe.Pointer)(unsafe.Add(data, 8*k)))
		}
	default:
		w.int(unsafe.Pointer(loadInt(data, t.size)))
	}
}

// Method returns the method value of v's i-th method (of v's type's method set, in
// Type.Method's order): a function of the method's type without the receiver that calls
// the method on v, as Go's Value.Method. It is a made function (MakeFunc above) that
// calls the method expression with v first.
func (v Value) Method(i int) Value {
	if v.typ == nil {
		panic(&ValueError{"reflect.Value.Method", Invalid})
	}
	ms := v.typ.exportedMethods()
	if uint(i) >= uint(len(ms)) {
		panic("reflect: Method index out of range")
	}
	if v.typ.Kind() == Interface && v.IsNil() {
		panic("reflect: Method on nil interface value")
	}
	e := v.typ.method(ms[i])
	recv, mt := v, e.mtyp
	if v.typ.Kind() == Interface {
		// The dynamic value's method of that name.
		recv = v.Elem()
		e = recv.typ.methodNamed(e.name)
		if e == nil {
			panic("reflect: Method of " + v.typ.str + " not found in its dynamic type")
		}
	} else {
		mt = withoutReceiver(e.mtyp)
	}
	w := new(unsafe.Pointer)
	*w = e.mfn
	fn := Value{e.mtyp, unsafe.Pointer(w), flagIndir}
	variadic := mt.IsVariadic()
	mv := MakeFunc(mt, func(in []Value) []Value {
		args := append([]Value{recv}, in...)
		if variadic {
			return fn.CallSlice(args)
		}
		return fn.Call(args)
	})
	mv.flag |= v.flag & flagRO
	return mv
}

// MethodByName returns the method value of v's method called name, or the zero Value
// when v's type has no such method, as Go's Value.MethodByName.
func (v Value) MethodByName(name string) Value {
	if v.typ == nil {
		panic(&ValueError{"reflect.Value.MethodByName", Invalid})
	}
	m, ok := v.typ.MethodByName(name)
	if !ok {
		return Value{}
	}
	return v.Method(m.Index)
}

// methodNamed returns the entry of t's method called name, exported or not.
func (t *rtype) methodNamed(name string) *methodEntry {
	for i := 0; i < int(t.nmethods); i++ {
		if e := t.method(i); e.name == name {
			return e
		}
	}
	return nil
}

// methodTypes caches withoutReceiver's answers.
var methodTypes struct {
	mu sync.Mutex
	m  map[*rtype]*rtype
}

// withoutReceiver returns the func type mt (a method expression's type) without its
// first parameter: the program's descriptor of that type when it has one (.typelink), so
// that types compare equal as Go's do, else one made from mt once.
func withoutReceiver(mt *rtype) *rtype {
	methodTypes.mu.Lock()
	defer methodTypes.mu.Unlock()
	if r, ok := methodTypes.m[mt]; ok {
		return r
	}
	params, results := mt.params()[1:], mt.results()
	same := func(c *rtype) bool {
		if c.Kind() != Func || c.xflags != mt.xflags || int(c.nin) != len(params) ||
			int(c.nfields) != len(params)+len(results) {
			return false
		}
		for i, p := range c.params() {
			if p.typ != params[i].typ {
				return false
			}
		}
		for i, r := range c.results() {
			if r.typ != results[i].typ {
				return false
			}
		}
		return true
	}
	var r *rtype
	for _, c := range typelinks() {
		if same(c) {
			r = c
			break
		}
	}
	if r == nil {
		r = new(rtype)
		*r = *mt
		r.fields = unsafe.Pointer(mt.field(1))
		r.nin--
		r.nfields--
		r.str = funcString(params, results, mt.IsVariadic())
	}
	if methodTypes.m == nil {
		methodTypes.m = make(map[*rtype]*rtype)
	}
	methodTypes.m[mt] = r
	return r
}

// funcString spells a func type as Go's type strings do: func(int, ...string) (bool, error).
func funcString(params, results []fieldEntry, variadic bool) string {
	s := "func("
	for i, p := range params {
		if i > 0 {
			s += ", "
		}
		if variadic && i == len(params)-1 {
			s += "..." + p.typ.elem.str
		} else {
			s += p.typ.str
		}
	}
	s += ")"
	switch len(results) {
	case 0:
	case 1:
		s += " " + results[0].typ.str
	default:
		s += " ("
		for i, r := range results {
			if i > 0 {
				s += ", "
			}
			s += r.typ.str
		}
		s += ")"
	}
	return s
}
