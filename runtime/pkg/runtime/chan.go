// Channels.
//
// A channel value is a pointer to an hchan: a ring buffer of dataqsiz elements (none for an
// unbuffered channel), the goroutines waiting to receive (recvq) and to send (sendq), each
// waiting one in a sudog that points at the value it sends or the place it receives into,
// and a lock over all of it. The rules, as Go's runtime/chan.go keeps them:
//   - a waiting receiver means the buffer is empty, a waiting sender that it is full;
//   - a send to a channel with a waiting receiver copies straight into the receiver's
//     variable and wakes it; otherwise into the buffer if there is room; otherwise the
//     sender waits. A receive is the mirror image, except that a full buffered channel
//     with a waiting sender gives the oldest buffered value, and the sender's value takes
//     its slot at the tail, so that order stays FIFO;
//   - waiters are served in the order they came (FIFO queues of sudogs);
//   - close wakes every waiter: receivers get the zero value and ok == false, senders
//     panic.
//
// Copies go straight between goroutine stacks, which never move in tbuild (stack.go).
// The compiler lowers channel operations to the entry points below (codegen/src/compile);
// select is in select.go.

package runtime

import "unsafe"

// Go's limit on a channel's element size (it is stored in a uint16), and the largest
// buffer a channel may have. Go: runtime/chan.go maxAlign and the checks of makechan.
const maxChanElemSize = 1 << 16

type hchan struct {
	qcount   uint           // values in the buffer
	dataqsiz uint           // the buffer's length: cap(c)
	buf      unsafe.Pointer // the ring buffer: [dataqsiz]elem
	elemsize uint16
	closed   uint32
	elemtype *_type
	sendx    uint // the next slot a send fills
	recvx    uint // the next slot a receive takes
	recvq    waitq
	sendq    waitq
	lock     mutex
}

// A waitq is a FIFO list of the sudogs of goroutines waiting on a channel.
type waitq struct {
	first *sudog
	last  *sudog
}

// A sudog is a goroutine waiting on a channel (semaphores have their own semaWaiter): one per channel it waits
// on, so a goroutine in a select has one in each case's queue, linked from g.waiting
// through waitlink. Go: runtime/runtime2.go sudog.
type sudog struct {
	g    *g
	next *sudog
	prev *sudog
	elem unsafe.Pointer // the value to send, or where to put the value received

	isSelect bool
	// success: the goroutine was woken by a value passing (true) or by the channel
	// closing (false).
	success  bool
	c        *hchan // the channel waited on
	waitlink *sudog // g.waiting list
}

// makechan makes a channel of type t (a chan type's descriptor: t.elem is the element type)
// with a buffer of size elements: make(chan T, size). Go: runtime/chan.go makechan.
func makechan(t *_type, size int) *hchan {
	elem := t.elem
	if elem.size >= maxChanElemSize {
		throw("makechan: an element type of 64 KiB or more")
	}
	bytes, overflow := mulUintptr(elem.size, uintptr(size))
	if overflow || size < 0 || bytes > maxAlloc-unsafe.Sizeof(hchan{}) {
		panic(plainError("makechan: size out of range"))
	}
	c := (*hchan)(mallocRuntime(unsafe.Sizeof(hchan{})))
	// No buffer (or zero-size elements): buf is still a valid address for empty copies.
	buf := unsafe.Pointer(c)
	if bytes > 0 {
		// Typed with the element: the collector repeats its mask every elem.size bytes
		// (Go allocates a pointer-free buffer with the hchan, nil-typed).
		buf = mallocgc(bytes, unsafe.Pointer(elem), true)
	}
	*c = hchan{buf: buf, dataqsiz: uint(size), elemsize: uint16(elem.size), elemtype: elem}
	return c
}

// slot returns the address of buffer slot i.
func (c *hchan) slot(i uint) unsafe.Pointer {
	return add(c.buf, uintptr(i)*uintptr(c.elemsize))
}

// chansend1 is `c <- *elem`.
func chansend1(c *hchan, elem unsafe.Pointer) {
	chansend(c, elem, true)
}

// chansend sends the value at ep on c, waiting for room if block is set, else giving up
// (reporting false) when it would have to wait: the send of a select with a default.
func chansend(c *hchan, ep unsafe.Pointer, block bool) bool {
	if c == nil {
		if !block {
			return false
		}
		gopark(nil, nil, waitReasonChanSendNilChan)
		throw("a goroutine parked forever was woken")
	}
	// A quick look without the lock: an open channel that is full stays so for a
	// non-blocking send's purposes.
	if !block && c.closed == 0 && c.full() {
		return false
	}

	lock(&c.lock)
	if c.closed != 0 {
		unlock(&c.lock)
		panic(plainError("send on closed channel"))
	}
	if c.recvq.first == nil {
		// No receiver waits: the common case of a buffered channel, without a call.
	} else if sg := c.recvq.dequeue(); sg != nil {
		// A receiver waits: the buffer is empty, and the value goes straight to it.
		handoffSend(c, sg, ep)
		unlock(&c.lock)
		wakeWaiter(sg, true)
		return true
	}
	if c.qcount < c.dataqsiz {
		memmove(c.slot(c.sendx), ep, uintptr(c.elemsize))
		c.sendx = c.next(c.sendx)
		c.qcount++
		unlock(&c.lock)
		return true
	}
	if !block {
		unlock(&c.lock)
		return false
	}

	// Wait for a receiver to take the value from ep, or for close.
	if !c.wait(&c.sendq, ep, waitReasonChanSend) {
		if c.closed == 0 {
			throw("chan: a sender woke with the channel still open")
		}
		panic(plainError("send on closed channel"))
	}
	return true
}

// next returns the buffer slot after i.
func (c *hchan) next(i uint) uint {
	i++
	if i == c.dataqsiz {
		i = 0
	}
	return i
}

// full reports whether a send would have to wait.
func (c *hchan) full() bool {
	if c.dataqsiz == 0 {
		return c.recvq.first == nil
	}
	return c.qcount == c.dataqsiz
}

// empty reports whether a receive would have to wait (or find the channel closed).
func (c *hchan) empty() bool {
	if c.dataqsiz == 0 {
		return c.sendq.first == nil
	}
	return c.qcount == 0
}

// handoffSend gives the value at ep to the waiting receiver sg, which left c's queue. The
// buffer is empty (a receiver waits), so the value skips it. The caller unlocks c, then
// wakes the receiver (wakeWaiter).
func handoffSend(c *hchan, sg *sudog, ep unsafe.Pointer) {
	if sg.elem != nil {
		memmove(sg.elem, ep, uintptr(c.elemsize))
		sg.elem = nil
	}
}

// handoffRecv takes a value for ep (nil: discard it) from c, whose waiting sender sg left
// its queue; the caller unlocks c and wakes the sender. Unbuffered, the value is the sender's own; buffered,
// the buffer is full, so the value is the oldest buffered one and the sender's value takes
// its slot, which becomes the tail.
func handoffRecv(c *hchan, sg *sudog, ep unsafe.Pointer) {
	if c.dataqsiz == 0 {
		if ep != nil {
			memmove(ep, sg.elem, uintptr(c.elemsize))
		}
	} else {
		head := c.slot(c.recvx)
		if ep != nil {
			memmove(ep, head, uintptr(c.elemsize))
		}
		memmove(head, sg.elem, uintptr(c.elemsize))
		c.recvx = c.next(c.recvx)
		c.sendx = c.recvx
	}
	sg.elem = nil
}

// wakeWaiter makes the goroutine of sg, which has left its channel's queue, runnable,
// telling it whether a value passed (success) or the channel closed.
func wakeWaiter(sg *sudog, success bool) {
	gp := sg.g
	gp.param = unsafe.Pointer(sg)
	sg.success = success
	goready(gp)
}

// chanrecv1 is `*elem = <-c` (elem nil: `<-c` with the value dropped).
func chanrecv1(c *hchan, elem unsafe.Pointer) {
	chanrecv(c, elem, true)
}

// chanrecv2 is `*elem, ok = <-c`.
func chanrecv2(c *hchan, elem unsafe.Pointer) bool {
	_, ok := chanrecv(c, elem, true)
	return ok
}

// chanrecv receives a value from c into ep (nil: drop it), waiting for one if block is set,
// else giving up when it would have to wait. selected reports whether it did not give up;
// received whether a value came (false: c is closed, and *ep is the zero value).
func chanrecv(c *hchan, ep unsafe.Pointer, block bool) (selected, received bool) {
	if c == nil {
		if !block {
			return
		}
		gopark(nil, nil, waitReasonChanReceiveNilChan)
		throw("a goroutine parked forever was woken")
	}
	// A quick look without the lock, for a non-blocking receive: empty and open means
	// give up; empty and closed means the zero value. (With one M nothing changes
	// between the two reads; Go re-checks emptiness after seeing closed.)
	if !block && c.empty() {
		if c.closed == 0 {
			return
		}
		if ep != nil {
			memclrNoHeapPointers(ep, uintptr(c.elemsize))
		}
		return true, false
	}

	lock(&c.lock)
	if c.closed != 0 && c.qcount == 0 {
		unlock(&c.lock)
		if ep != nil {
			memclrNoHeapPointers(ep, uintptr(c.elemsize))
		}
		return true, false
	}
	if c.closed == 0 && c.sendq.first != nil {
		if sg := c.sendq.dequeue(); sg != nil {
			handoffRecv(c, sg, ep)
			unlock(&c.lock)
			wakeWaiter(sg, true)
			return true, true
		}
	}
	if c.qcount > 0 {
		head := c.slot(c.recvx)
		if ep != nil {
			memmove(ep, head, uintptr(c.elemsize))
		}
		memclrNoHeapPointers(head, uintptr(c.elemsize))
		c.recvx = c.next(c.recvx)
		c.qcount--
		unlock(&c.lock)
		return true, true
	}
	if !block {
		unlock(&c.lock)
		return false, false
	}

	// Wait for a sender to put a value at ep, or for close.
	return true, c.wait(&c.recvq, ep, waitReasonChanReceive)
}

// wait parks the goroutine on q, one of c's queues, with c locked (gopark unlocks it), in
// a sudog pointing at ep, until the operation completes: it reports whether a value passed
// (false: c was closed).
func (c *hchan) wait(q *waitq, ep unsafe.Pointer, reason waitReason) bool {
	gp := getg()
	sg := acquireSudog()
	sg.g = gp
	sg.elem = ep
	sg.c = c
	gp.waiting = sg
	gp.param = nil
	q.enqueue(sg)
	gopark(chanparkcommit, unsafe.Pointer(&c.lock), reason)

	if sg != gp.waiting {
		throw("chan: a woken goroutine's sudog is not its own")
	}
	gp.waiting = nil
	gp.param = nil
	ok := sg.success
	releaseSudog(sg)
	return ok
}

// chanparkcommit releases the channel's lock once its goroutine is parked (gopark).
func chanparkcommit(gp *g, l unsafe.Pointer) bool {
	unlock((*mutex)(l))
	return true
}

// closechan is close(c). Go: runtime/chan.go closechan.
func closechan(c *hchan) {
	if c == nil {
		panic(plainError("close of nil channel"))
	}
	lock(&c.lock)
	if c.closed != 0 {
		unlock(&c.lock)
		panic(plainError("close of closed channel"))
	}
	c.closed = 1

	// Every waiter leaves: receivers with the zero value, senders to panic. They are
	// collected first and woken after the unlock, as a stack, which gives Go's order.
	var woken *g
	for {
		sg := c.recvq.dequeue()
		if sg == nil {
			break
		}
		if sg.elem != nil {
			memclrNoHeapPointers(sg.elem, uintptr(c.elemsize))
			sg.elem = nil
		}
		woken = pushWoken(woken, sg)
	}
	for {
		sg := c.sendq.dequeue()
		if sg == nil {
			break
		}
		sg.elem = nil
		woken = pushWoken(woken, sg)
	}
	unlock(&c.lock)
	for woken != nil {
		gp := woken
		woken = gp.schedlink
		gp.schedlink = nil
		goready(gp)
	}
}

// pushWoken marks sg's goroutine as woken by close and pushes it on the list top.
func pushWoken(top *g, sg *sudog) *g {
	gp := sg.g
	gp.param = unsafe.Pointer(sg)
	sg.success = false
	gp.schedlink = top
	return gp
}

// chanlen is len(c).
func chanlen(c *hchan) int {
	if c == nil {
		return 0
	}
	return int(c.qcount)
}

// chancap is cap(c).
func chancap(c *hchan) int {
	if c == nil {
		return 0
	}
	return int(c.dataqsiz)
}

// selectnbsend is `select { case c <- *elem: ...; default: ... }`.
func selectnbsend(c *hchan, elem unsafe.Pointer) (selected bool) {
	return chansend(c, elem, false)
}

// selectnbrecv is `select { case *elem, received = <-c: ...; default: ... }`.
func selectnbrecv(elem unsafe.Pointer, c *hchan) (selected, received bool) {
	selected, received = chanrecv(c, elem, false)
	return
}

// enqueue adds sg at the end of q.
func (q *waitq) enqueue(sg *sudog) {
	sg.next = nil
	last := q.last
	sg.prev = last
	if last == nil {
		q.first = sg
	} else {
		last.next = sg
	}
	q.last = sg
}

// dequeue removes and returns the first waiter of q that can still be woken: a waiter of a
// select that another of its cases already won is dropped from q on the way.
func (q *waitq) dequeue() *sudog {
	for {
		sg := q.first
		if sg == nil {
			return nil
		}
		q.remove(sg)
		if sg.isSelect && !atomiccas(&sg.g.selectDone, 0, 1) {
			continue // another case of the select, on another channel, won
		}
		return sg
	}
}

// remove unlinks sg, which is on q.
func (q *waitq) remove(sg *sudog) {
	if sg.prev == nil {
		q.first = sg.next
	} else {
		sg.prev.next = sg.next
	}
	if sg.next == nil {
		q.last = sg.prev
	} else {
		sg.next.prev = sg.prev
	}
	sg.next = nil
	sg.prev = nil
}

// contains reports whether sg is on q (its links alone cannot tell a lone waiter from
// one already removed).
func (q *waitq) contains(sg *sudog) bool {
	return sg.prev != nil || sg.next != nil || q.first == sg
}

// Released sudogs wait for reuse in their P's sudogcache (Go also has a central cache).

func acquireSudog() *sudog {
	pp := getg().m.p
	sg := pp.sudogcache
	if sg == nil {
		return (*sudog)(mallocRuntime(unsafe.Sizeof(sudog{})))
	}
	pp.sudogcache = sg.next
	sg.next = nil
	return sg
}

func releaseSudog(sg *sudog) {
	if sg.next != nil || sg.prev != nil || sg.waitlink != nil {
		throw("runtime: releaseSudog of a sudog still in use")
	}
	sg.g = nil
	sg.elem = nil
	sg.isSelect = false
	sg.success = false
	sg.c = nil
	pp := getg().m.p
	sg.next = pp.sudogcache
	pp.sudogcache = sg
}
