// Package reflect: channels. MakeChan, Send, Recv, TrySend, TryRecv and Close go through
// the runtime's own channel entry points (runtime/pkg/runtime/chan.go), reached with
// //go:linkname; a channel Value holds the *hchan word. Messages are Go 1.19's.

package reflect

import "unsafe"

//go:linkname makechan runtime.makechan
func makechan(t unsafe.Pointer, size int) unsafe.Pointer

//go:linkname chansend1 runtime.chansend1
func chansend1(c unsafe.Pointer, elem unsafe.Pointer)

//go:linkname chanrecv2 runtime.chanrecv2
func chanrecv2(c unsafe.Pointer, elem unsafe.Pointer) bool

//go:linkname selectnbsend runtime.selectnbsend
func selectnbsend(c unsafe.Pointer, elem unsafe.Pointer) bool

//go:linkname selectnbrecv runtime.selectnbrecv
func selectnbrecv(elem unsafe.Pointer, c unsafe.Pointer) (bool, bool)

//go:linkname closechan runtime.closechan
func closechan(c unsafe.Pointer)

// MakeChan makes a channel of type typ with room for buffer elements.
func MakeChan(typ Type, buffer int) Value {
	if typ.Kind() != Chan {
		panic(msgFor("MakeChan", " of non-chan type"))
	}
	if buffer < 0 {
		panic(msgFor("MakeChan", ": negative buffer size"))
	}
	if typ.ChanDir() != BothDir {
		panic(msgFor("MakeChan", ": unidirectional channel type"))
	}
	t := typ.common()
	return Value{t, makechan(unsafe.Pointer(t), buffer), 0}.indirectWord()
}

// chanFor checks that v is an exported channel that allows dir, and returns its word.
func (v Value) chanFor(method string, dir ChanDir, refusal string) unsafe.Pointer {
	v.mustBe(Chan, "reflect.Value."+method)
	v.mustBeExported("reflect.Value." + method)
	if ChanDir(v.typ.len)&dir == 0 {
		panic(msg(refusal))
	}
	return v.word()
}

// Send sends x on channel v, blocking until it can.
func (v Value) Send(x Value) {
	v.send("Send", x, true)
}

// TrySend sends x on channel v if that does not block, and reports whether it did.
func (v Value) TrySend(x Value) bool {
	return v.send("TrySend", x, false)
}

func (v Value) send(method string, x Value, block bool) bool {
	c := v.chanFor(method, SendDir, "send on recv-only channel")
	x.mustBeExported("reflect.Value." + method)
	x = x.assignTo("reflect.Value.Send", v.typ.elem)
	p := x.addr()
	if block {
		chansend1(c, p)
		return true
	}
	return selectnbsend(c, p)
}

// Recv receives from channel v, blocking until a value comes; ok is false when the
// value is the zero value of a closed channel.
func (v Value) Recv() (x Value, ok bool) {
	return v.recv("Recv", true)
}

// TryRecv receives from channel v if that does not block; x is the zero Value when it
// would have blocked.
func (v Value) TryRecv() (x Value, ok bool) {
	return v.recv("TryRecv", false)
}

func (v Value) recv(method string, block bool) (Value, bool) {
	c := v.chanFor(method, RecvDir, "recv on send-only channel")
	et := v.typ.elem
	p := unsafeNew(et)
	got := Value{et, p, flagIndir}
	if block {
		return got, chanrecv2(c, p)
	}
	selected, ok := selectnbrecv(p, c)
	if !selected {
		return Value{}, false
	}
	return got, ok
}

// Close closes channel v. Go 1.19 checks no direction here: a receive-only channel
// closes too.
func (v Value) Close() {
	closechan(v.chanFor("Close", BothDir, ""))
}
