// Package reflect, calls: Value.Call and Value.CallSlice.
//
// A call is made under the tbuild ABI (DESIGN.md, "Calling convention"), the one compiled
// code uses: each value travels in words by its type's shape (an integer, bool, pointer,
// map, chan or func in one integer word; a float in one float word; a string or interface
// in two integer words, a slice in three; a struct, array or complex value as the address
// of a copy), integer words in DI, SI, DX, CX, R8, R9 and float words in X0-X7 and the rest
// on the stack in order; a struct, array or complex result is written through a pointer
// passed before the arguments; the other results come back in AX, DX and X0, X1, and when
// a class needs more than two registers every word past them goes to a return area whose
// address is the first argument of all (Cranelift's implicit return area); the func value
// itself follows the arguments as the closure context. call (asm_amd64.s) loads and calls.
// Panic messages are Go 1.19's (reflect/value.go).

package reflect

import "unsafe"

// maxStackWords bounds the arguments that go on the stack (asm_amd64.s reserves them).
const maxStackWords = 64

// callFrame is what call loads and stores. Every word is a pointer to the collector, float
// bits too: a word that is no heap pointer is ignored by it, and the pointers among the
// words stay visible while the frame is their only holder.
type callFrame struct {
	ints   [6]unsafe.Pointer
	floats [8]unsafe.Pointer
	rets   [4]unsafe.Pointer // AX, DX, X0, X1
	nstack uintptr
	stack  [maxStackWords]unsafe.Pointer
}

// call calls the func value fn with f's registers and stack words, and stores the
// result registers in f.rets. In asm_amd64.s.
func call(fn unsafe.Pointer, f *callFrame)

// Call calls the function v with the arguments in, as Go's Value.Call.
func (v Value) Call(in []Value) []Value { return v.invoke("Call", in) }

// CallSlice calls the variadic function v with the arguments in, the last of which is
// the variadic slice, as Go's Value.CallSlice.
func (v Value) CallSlice(in []Value) []Value { return v.invoke("CallSlice", in) }

// callArgs checks in against t's parameters as Go's Call and CallSlice do, in Go's order
// (the kind of call, the count, zero Values, assignability), and returns the arguments to
// pass: for Call of a variadic function, the tail packed into the variadic slice.
func callArgs(op string, t *rtype, in []Value) []Value {
	params := t.params()
	fixed := len(params)
	packs := op == "Call" && t.IsVariadic()
	if op == "CallSlice" && !t.IsVariadic() {
		panic(msg("CallSlice of non-variadic function"))
	}
	if packs {
		fixed--
	}
	if len(in) < fixed {
		panic(msg(op + " with too few input arguments"))
	}
	if len(in) > fixed && !packs {
		panic(msg(op + " with too many input arguments"))
	}
	for _, a := range in {
		if a.typ == nil {
			panic(msg(op + " using zero Value argument"))
		}
	}
	for k, p := range params[:fixed] {
		if !in[k].typ.AssignableTo(p.typ) {
			panic(msg(op + " using " + in[k].typ.str + " as type " + p.typ.str))
		}
	}
	if !packs {
		return in
	}
	st := params[fixed].typ
	tail := MakeSlice(st, len(in)-fixed, len(in)-fixed)
	for k, a := range in[fixed:] {
		if !a.typ.AssignableTo(st.elem) {
			panic(msg("cannot use " + a.typ.str + " as type " + st.elem.str + " in " + op))
		}
		tail.Index(k).Set(a)
	}
	return append(in[:fixed:fixed], tail)
}

// invoke makes the call of Call and CallSlice.
func (v Value) invoke(op string, in []Value) []Value {
	v.mustBe(Func, valueMsg(op))
	v.mustBeExported(valueMsg(op))
	t := v.typ
	fn := v.word()
	if fn == nil {
		panic(valueMsg("Call: call of nil function"))
	}
	in = callArgs(op, t, in)
	nin := len(in)
	results := t.results()
	var f callFrame
	var p placer
	p.f = &f

	// The return area, when the results need one; then the address of each aggregate
	// result's storage.
	var area []unsafe.Pointer
	if n := returnAreaWords(results); n > 0 {
		area = make([]unsafe.Pointer, n)
		p.int(unsafe.Pointer(&area[0]))
	}
	out := make([]Value, len(results))
	for i, r := range results {
		if c, _ := shapeOf(r.typ); c == shapeAgg {
			ptr := unsafeNew(r.typ)
			out[i] = Value{r.typ, ptr, flagIndir}
			p.int(ptr)
		}
	}
	for i := 0; i < nin; i++ {
		targ := t.In(i).common()
		x := in[i].assignTo("reflect.Value.Call", targ)
		p.arg(targ, x.addr())
	}
	p.int(fn)
	call(fn, &f)

	// The results, from the registers and the return area in order.
	var r resultWords
	r.f, r.area = &f, area
	for i, res := range results {
		rt := res.typ
		c, words := shapeOf(rt)
		if c == shapeAgg {
			continue
		}
		ptr := unsafeNew(rt)
		if c == shapeFloat {
			w := r.float()
			if rt.size == 4 {
				*(*uint32)(ptr) = uint32(uintptr(w))
			} else {
				*(*unsafe.Pointer)(ptr) = w
			}
		} else if words > 1 {
			for k := 0; k < words; k++ {
				*(*unsafe.Pointer)(unsafe.Add(ptr, 8*k)) = r.int()
			}
		} else {
			storeInt(ptr, rt.size, uintptr(r.int()))
		}
		out[i] = Value{rt, ptr, flagIndir}
		if isDirect(rt) {
			out[i] = Value{rt, *(*unsafe.Pointer)(ptr), 0}
		}
	}
	return out
}

// returnAreaWords is the number of words of the return area a call with these results
// needs, 0 when their integer words fit AX and DX and their float words X0 and X1 (an
// upper bound otherwise: every non-aggregate result word).
func returnAreaWords(results []fieldEntry) int {
	ints, floats := 0, 0
	for _, r := range results {
		switch c, words := shapeOf(r.typ); c {
		case shapeInt:
			ints += words
		case shapeFloat:
			floats++
		}
	}
	if ints > 2 || floats > 2 {
		return ints + floats
	}
	return 0
}

// The shapes of values under the ABI.
const (
	shapeInt   = iota // integer words (1 for scalars, 2 for a string or interface, 3 for a slice)
	shapeFloat        // one float word
	shapeAgg          // by address: structs, arrays, complex numbers
)

func shapeOf(t *rtype) (shape int, words int) {
	switch t.Kind() {
	case Float32, Float64:
		return shapeFloat, 1
	case Complex64, Complex128, Array, Struct:
		return shapeAgg, 1
	case String, Interface:
		return shapeInt, 2
	case Slice:
		return shapeInt, 3
	}
	return shapeInt, 1
}

// placer puts argument words where the ABI wants them.
type placer struct {
	f      *callFrame
	ni, nf int
}

func (p *placer) int(w unsafe.Pointer) {
	if p.ni < len(p.f.ints) {
		p.f.ints[p.ni] = w
		p.ni++
		return
	}
	p.stack(w)
}

func (p *placer) float(w unsafe.Pointer) {
	if p.nf < len(p.f.floats) {
		p.f.floats[p.nf] = w
		p.nf++
		return
	}
	p.stack(w)
}

func (p *placer) stack(w unsafe.Pointer) {
	if p.f.nstack == maxStackWords {
		panic("reflect: Call with more than 64 words of stack arguments is not supported by tbuild yet")
	}
	p.f.stack[p.f.nstack] = w
	p.f.nstack++
}

// arg places a value of type t stored at data.
func (p *placer) arg(t *rtype, data unsafe.Pointer) {
	c, words := shapeOf(t)
	switch {
	case c == shapeFloat && t.size == 4:
		p.float(unsafe.Pointer(uintptr(*(*uint32)(data))))
	case c == shapeFloat:
		p.float(*(*unsafe.Pointer)(data))
	case c == shapeAgg:
		// A copy the callee may write, as a compiled caller makes.
		cp := unsafeNew(t)
		memmove(cp, data, t.size)
		p.int(cp)
	case words > 1:
		for k := 0; k < words; k++ {
			p.int(*(*unsafe.Pointer)(unsafe.Add(data, 8*k)))
		}
	default:
		p.int(unsafe.Pointer(loadInt(data, t.size)))
	}
}

// loadInt reads an integer-shaped value of size bytes, zero-extended.
func loadInt(p unsafe.Pointer, size uintptr) uintptr {
	switch size {
	case 1:
		return uintptr(*(*uint8)(p))
	case 2:
		return uintptr(*(*uint16)(p))
	case 4:
		return uintptr(*(*uint32)(p))
	}
	return *(*uintptr)(p)
}

// storeInt writes the low size bytes of w.
func storeInt(p unsafe.Pointer, size uintptr, w uintptr) {
	switch size {
	case 1:
		*(*uint8)(p) = uint8(w)
	case 2:
		*(*uint16)(p) = uint16(w)
	case 4:
		*(*uint32)(p) = uint32(w)
	default:
		*(*uintptr)(p) = w
	}
}

// resultWords reads result words in the ABI's order: integer words from AX, DX, float
// words from X0, X1, and past those, each from the next slot of the return area.
type resultWords struct {
	f          *callFrame
	area       []unsafe.Pointer
	ni, nf, na int
}

func (r *resultWords) int() unsafe.Pointer {
	if r.ni < 2 {
		r.ni++
		return r.f.rets[r.ni-1]
	}
	r.na++
	return r.area[r.na-1]
}

func (r *resultWords) float() unsafe.Pointer {
	if r.nf < 2 {
		r.nf++
		return r.f.rets[2+r.nf-1]
	}
	r.na++
	return r.area[r.na-1]
}
