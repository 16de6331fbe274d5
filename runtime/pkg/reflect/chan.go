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

// chanFor checks that v is an exported channel that allows dir, and returns its word;
// method names the caller in the panics, refusal is the panic when dir is not allowed.
func (v Value) chanFor(method string, dir ChanDir, refusal string) unsafe.Pointer {
	v.mustBe(Chan, method)
	v.mustBeExported(method)
	if ChanDir(v.typ.len)&dir == 0 {
		panic(refusal)
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
	c := v.chanFor("reflect.Value."+method, SendDir, msg("send on recv-only channel"))
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
	c := v.chanFor("reflect.Value."+method, RecvDir, msg("recv on send-only channel"))
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
	closechan(v.chanFor("reflect.Value.Close", BothDir, ""))
}

// A SelectDir is the direction of a select case.
type SelectDir int

const (
	_             SelectDir = iota
	SelectSend              // case Chan <- Send
	SelectRecv              // case <-Chan:
	SelectDefault           // default
)

// A SelectCase is one case of a Select: its direction, the channel (a zero or nil channel
// Value makes a case that is never chosen), and for a send the value to send.
type SelectCase struct {
	Dir  SelectDir
	Chan Value
	Send Value
}

// scase mirrors runtime/select.go's: a case's channel, and the value to send or the place
// to receive into.
type scase struct {
	c    unsafe.Pointer
	elem unsafe.Pointer
}

//go:linkname selectgo runtime.selectgo
func selectgo(cas0 *scase, order0 *uint16, nsends, nrecvs int, block bool) (int, bool)

//go:linkname selectBlock runtime.block
func selectBlock()

// Select runs a select statement over cases, as the statement would: it blocks until one
// case can proceed (or takes the default case, if there is one and none can), choosing
// uniformly among those that can. It returns the chosen case's index and, for a receive,
// the value received and whether it came from a send (false: the channel is closed).
func Select(cases []SelectCase) (chosen int, recv Value, recvOK bool) {
	// The runtime's selectgo takes the sends first, then the receives; at[k] is the index
	// in cases of the k-th case handed to it.
	var sends, recvs []scase
	var sendAt, recvAt []int
	def := -1
	for i, c := range cases {
		if bad := c.misuse(def >= 0); bad != "" {
			panic("reflect.Select: " + bad)
		}
		if c.Dir == SelectDefault {
			def = i
			continue
		}
		if !c.Chan.IsValid() {
			continue // a case that is never chosen
		}
		want, refusal := RecvDir, "RecvDir case using send-only channel"
		if c.Dir == SelectSend {
			want, refusal = SendDir, "SendDir case using recv-only channel"
		}
		word := c.Chan.chanFor(unknownMethod, want, "reflect.Select: "+refusal)
		elem := c.Chan.typ.elem
		if c.Dir == SelectRecv {
			recvs = append(recvs, scase{word, unsafeNew(elem)})
			recvAt = append(recvAt, i)
			continue
		}
		if !c.Send.IsValid() {
			panic("reflect.Select: SendDir case missing Send value")
		}
		c.Send.mustBeExported(unknownMethod)
		sends = append(sends, scase{word, c.Send.assignTo("reflect.Select", elem).addr()})
		sendAt = append(sendAt, i)
	}
	all := append(sends, recvs...)
	if len(all) == 0 {
		if def < 0 {
			selectBlock() // select {}
		}
		return def, Value{}, false
	}
	order := make([]uint16, 2*len(all))
	k, ok := selectgo(&all[0], &order[0], len(sends), len(recvs), def < 0)
	switch {
	case k < 0:
		return def, Value{}, false
	case k < len(sends):
		return sendAt[k], Value{}, false
	}
	chosen = recvAt[k-len(sends)]
	return chosen, Value{cases[chosen].Chan.typ.elem, all[k].elem, flagIndir}, ok
}

// misuse is what is wrong with case c by its fields alone (Go's panic text, less the
// "reflect.Select: " prefix), or "" when nothing is; hadDefault: an earlier case was one.
func (c SelectCase) misuse(hadDefault bool) string {
	switch c.Dir {
	case SelectDefault:
		switch {
		case hadDefault:
			return "multiple default cases"
		case c.Chan.IsValid():
			return "default case has Chan value"
		case c.Send.IsValid():
			return "default case has Send value"
		}
	case SelectSend:
	case SelectRecv:
		if c.Send.IsValid() {
			return "RecvDir case has Send value"
		}
	default:
		return "invalid Dir"
	}
	return ""
}
