// The select statement.
//
// The compiler lowers a select with two or more channel cases to one call of selectgo
// with an array of the cases (sends first, then receives, each in source order, with
// their channels and values evaluated once, in source order) and scratch space for two
// orders (codegen/src/compile/lower). A select with no cases is block(); one case and a
// default use selectnbsend/selectnbrecv (chan.go); one case alone is the plain operation.
//
// selectgo works as Go's runtime/select.go does:
//  1. the cases whose channel is not nil are put in a random order (the poll order: every
//     ready case is equally likely to be chosen) and in the order of their channels'
//     addresses (the lock order: locks are always taken in one order, and a channel in
//     two cases is locked once);
//  2. the first case in poll order that can proceed proceeds;
//  3. otherwise, without a default, the goroutine waits on every channel at once with one
//     sudog per case, and the first operation to complete on any of them wins
//     (g.selectDone keeps the others from waking it again); it then leaves the queues of
//     the other cases.

package runtime

import "unsafe"

// An scase is one channel case of a select: the channel, and the value to send or the
// place to receive into (nil to drop the value received).
type scase struct {
	c    *hchan
	elem unsafe.Pointer
}

// block is `select {}`: the goroutine waits forever.
func block() {
	gopark(nil, nil, waitReasonSelectNoCases)
	throw("a goroutine parked forever was woken")
}

// selectgo runs a select whose cases are cas0[:nsends+nrecvs] (the sends first) with
// order0 pointing at 2*(nsends+nrecvs) uint16 of scratch. It returns the index of the case
// that proceeded, or -1 when block is false and none could (the default case), and for a
// receive whether a value was received (false: the channel was closed).
func selectgo(cas0 *scase, order0 *uint16, nsends, nrecvs int, block bool) (int, bool) {
	ncases := nsends + nrecvs
	cases := unsafe.Slice(cas0, ncases)
	orders := unsafe.Slice(order0, 2*ncases)
	pollorder := orders[:0:ncases]
	lockorder := orders[ncases:ncases]

	// The poll order, an inside-out Fisher-Yates shuffle of the live cases.
	for i := range cases {
		if cases[i].c == nil {
			cases[i].elem = nil // never touched again
			continue
		}
		n := len(pollorder)
		j := fastrandn(uint32(n + 1))
		pollorder = append(pollorder, 0)
		pollorder[n] = pollorder[j]
		pollorder[j] = uint16(i)
	}
	lockorder = lockorder[:len(pollorder)]
	copy(lockorder, pollorder)
	sortByChannel(cases, lockorder)

	sellock(cases, lockorder)
	if i, received, ok := selectReady(cases, pollorder, lockorder, nsends); ok {
		return i, received
	}
	if !block {
		selunlock(cases, lockorder)
		return -1, false
	}

	// Wait on every channel: a sudog per case, in lock order, listed from g.waiting.
	gp := getg()
	gp.waiting = nil
	link := &gp.waiting
	for _, k := range lockorder {
		cs := &cases[k]
		sg := acquireSudog()
		sg.g = gp
		sg.isSelect = true
		sg.elem = cs.elem
		sg.c = cs.c
		*link = sg
		link = &sg.waitlink
		if int(k) < nsends {
			cs.c.sendq.enqueue(sg)
		} else {
			cs.c.recvq.enqueue(sg)
		}
	}
	gp.param = nil
	gopark(selparkcommit, nil, waitReasonSelect)

	// Woken by the operation that completed one case (gp.param is its sudog): leave
	// the queues of all the others.
	sellock(cases, lockorder)
	gp.selectDone = 0
	won := (*sudog)(gp.param)
	gp.param = nil
	chosen := -1
	success := false
	sg := gp.waiting
	gp.waiting = nil
	for _, k := range lockorder {
		if sg == won {
			chosen = int(k)
			success = sg.success
		} else if int(k) < nsends {
			cases[k].c.sendq.removeIfQueued(sg)
		} else {
			cases[k].c.recvq.removeIfQueued(sg)
		}
		next := sg.waitlink
		sg.waitlink = nil
		sg.elem = nil
		releaseSudog(sg)
		sg = next
	}
	if chosen < 0 {
		throw("selectgo: bad wakeup")
	}
	selunlock(cases, lockorder)
	if chosen < nsends {
		if !success {
			// Woken by close: a send on a closed channel.
			panic(plainError("send on closed channel"))
		}
		return chosen, false
	}
	return chosen, success
}

// selectReady looks for a case that can proceed now, in poll order, with every channel
// locked (in lockorder), and carries it out, unlocking them all. It reports the case, whether a receive
// received a value, and whether any case could proceed (if not, the channels stay locked).
func selectReady(cases []scase, pollorder, lockorder []uint16, nsends int) (int, bool, bool) {
	for _, k := range pollorder {
		i := int(k)
		cs := &cases[i]
		c := cs.c
		if i >= nsends {
			if sg := c.sendq.dequeue(); sg != nil {
				handoffRecv(c, sg, cs.elem)
				selunlock(cases, lockorder)
				wakeWaiter(sg, true)
				return i, true, true
			}
			if c.qcount > 0 {
				head := c.slot(c.recvx)
				if cs.elem != nil {
					memmove(cs.elem, head, uintptr(c.elemsize))
				}
				memclrNoHeapPointers(head, uintptr(c.elemsize))
				c.recvx = c.next(c.recvx)
				c.qcount--
				selunlock(cases, lockorder)
				return i, true, true
			}
			if c.closed != 0 {
				selunlock(cases, lockorder)
				if cs.elem != nil {
					memclrNoHeapPointers(cs.elem, uintptr(c.elemsize))
				}
				return i, false, true
			}
		} else {
			if c.closed != 0 {
				selunlock(cases, lockorder)
				panic(plainError("send on closed channel"))
			}
			if sg := c.recvq.dequeue(); sg != nil {
				handoffSend(c, sg, cs.elem)
				selunlock(cases, lockorder)
				wakeWaiter(sg, true)
				return i, false, true
			}
			if c.qcount < c.dataqsiz {
				memmove(c.slot(c.sendx), cs.elem, uintptr(c.elemsize))
				c.sendx = c.next(c.sendx)
				c.qcount++
				selunlock(cases, lockorder)
				return i, false, true
			}
		}
	}
	return 0, false, false
}

// sortByChannel sorts the case indices of order by the address of their channels: a heap
// sort, which needs no memory and bounds the time of a select with many cases.
func sortByChannel(cases []scase, order []uint16) {
	key := func(k uint16) uintptr { return uintptr(unsafe.Pointer(cases[k].c)) }
	n := len(order)
	siftDown := func(root, end int) {
		for {
			child := 2*root + 1
			if child >= end {
				return
			}
			if child+1 < end && key(order[child]) < key(order[child+1]) {
				child++
			}
			if key(order[root]) >= key(order[child]) {
				return
			}
			order[root], order[child] = order[child], order[root]
			root = child
		}
	}
	for i := n/2 - 1; i >= 0; i-- {
		siftDown(i, n)
	}
	for end := n - 1; end > 0; end-- {
		order[0], order[end] = order[end], order[0]
		siftDown(0, end)
	}
}

// sellock locks the channels of the cases in lock order, each once.
func sellock(cases []scase, lockorder []uint16) {
	var last *hchan
	for _, k := range lockorder {
		if c := cases[k].c; c != last {
			last = c
			lock(&c.lock)
		}
	}
}

// selunlock unlocks the channels sellock locked, in the opposite order.
func selunlock(cases []scase, lockorder []uint16) {
	for i := len(lockorder) - 1; i >= 0; i-- {
		c := cases[lockorder[i]].c
		if i > 0 && c == cases[lockorder[i-1]].c {
			continue // locked once, by the first case of the pair
		}
		unlock(&c.lock)
	}
}

// selparkcommit unlocks the select's channels once its goroutine is parked, in the
// opposite of lock order (the sudogs of g.waiting are in lock order).
func selparkcommit(gp *g, _ unsafe.Pointer) bool {
	var last *hchan
	for sg := gp.waiting; sg != nil; sg = sg.waitlink {
		if sg.c != last && last != nil {
			unlock(&last.lock)
		}
		last = sg.c
	}
	if last != nil {
		unlock(&last.lock)
	}
	return true
}

// removeIfQueued takes sg off q if it is still there (a case that did not win).
func (q *waitq) removeIfQueued(sg *sudog) {
	if q.contains(sg) {
		q.remove(sg)
	}
}
