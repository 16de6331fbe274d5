// Package regexp: the matcher, a Pike VM. All threads advance over the input together,
// one rune at a time, in priority order, with at most one thread per instruction per
// position, so a search is linear in the input times the program size. A thread carries
// its capture positions. In leftmost-first mode a thread reaching Match cuts off every
// lower-priority thread; in leftmost-longest mode (Longest, CompilePOSIX) the threads run
// on and a strictly longer match from the same start replaces the one found (the rules of
// Go's regexp/exec.go, machine.step). Input is a string or an io.RuneReader read lazily
// with one rune of lookahead, as Go's inputReader is (Go's one-pass matcher, used for some
// anchored patterns, can stop reading a rune or two earlier on a failing search).

package regexp

import (
	"io"
	"strings"
	"unicode/utf8"
)

type input struct {
	s     string
	rr    io.RuneReader
	rpos  int
	atEOT bool
}

// step returns the rune at pos and its width, or -1, 0 at the end of the text.
func (in *input) step(pos int) (rune, int) {
	if in.rr == nil {
		if pos < len(in.s) {
			c := in.s[pos]
			if c < utf8.RuneSelf {
				return rune(c), 1
			}
			return utf8.DecodeRuneInString(in.s[pos:])
		}
		return -1, 0
	}
	if !in.atEOT && pos != in.rpos {
		return -1, 0
	}
	r, w, err := in.rr.ReadRune()
	if err != nil {
		in.atEOT = true
		return -1, 0
	}
	in.rpos += w
	return r, w
}

// before returns the rune that ends at pos, -1 at the start.
func (in *input) before(pos int) rune {
	if pos <= 0 || in.rr != nil {
		return -1
	}
	r, _ := utf8.DecodeLastRuneInString(in.s[:pos])
	return r
}

func wordRune(r rune) bool {
	return r >= 0 && r < utf8.RuneSelf && (alnum(r) || r == '_')
}

// emptyAt is the set of empty-width conditions true between runes prev and next.
func emptyAt(prev, next rune) int {
	f := 0
	if prev < 0 {
		f |= eBeginText | eBeginLine
	} else if prev == '\n' {
		f |= eBeginLine
	}
	if next < 0 {
		f |= eEndText | eEndLine
	} else if next == '\n' {
		f |= eEndLine
	}
	if wordRune(prev) != wordRune(next) {
		f |= eWordB
	} else {
		f |= eNoWordB
	}
	return f
}

func inRanges(rs []rune, c rune) bool {
	if len(rs) <= 16 {
		for i := 0; i < len(rs); i += 2 {
			if c < rs[i] {
				return false
			}
			if c <= rs[i+1] {
				return true
			}
		}
		return false
	}
	lo, hi := 0, len(rs)/2
	for lo < hi {
		m := lo + (hi-lo)/2
		if c < rs[2*m] {
			hi = m
		} else if c > rs[2*m+1] {
			lo = m + 1
		} else {
			return true
		}
	}
	return false
}

type entry struct {
	pc   int
	live bool // a thread waits at a Rune or Match instruction
	caps []int
}

// queue is a sparse set of instructions, in the order threads reached them.
type queue struct {
	sparse []int
	dense  []entry
}

func (q *queue) has(pc int) bool {
	i := q.sparse[pc]
	return i < len(q.dense) && q.dense[i].pc == pc
}

type machine struct {
	p        *prog
	longest  bool
	ncap     int
	q0, q1   queue
	spare    [][]int
	matched  bool
	matchcap []int
	in       input
}

func newMachine(p *prog, longest bool, ncap int) *machine {
	m := &machine{p: p, longest: longest, ncap: ncap}
	n := len(p.insts)
	m.q0 = queue{sparse: make([]int, n), dense: make([]entry, 0, 8)}
	m.q1 = queue{sparse: make([]int, n), dense: make([]entry, 0, 8)}
	m.matchcap = make([]int, ncap)
	return m
}

func (m *machine) alloc() []int {
	if k := len(m.spare); k > 0 {
		c := m.spare[k-1]
		m.spare = m.spare[:k-1]
		return c
	}
	return make([]int, m.ncap)
}

func (m *machine) release(q *queue, from int) {
	for i := from; i < len(q.dense); i++ {
		if q.dense[i].live {
			m.spare = append(m.spare, q.dense[i].caps)
		}
	}
	q.dense = q.dense[:0]
}

// addThread follows pc through the instructions that consume nothing, adding each to q
// once, and leaves a thread with a copy of caps at every Rune or Match reached.
func (m *machine) addThread(q *queue, pc, pos int, caps []int, cond int) {
	if pc == 0 || q.has(pc) {
		return
	}
	k := len(q.dense)
	q.sparse[pc] = k
	q.dense = append(q.dense, entry{pc: pc})
	in := &m.p.insts[pc]
	switch in.op {
	case iAlt:
		m.addThread(q, in.out, pos, caps, cond)
		m.addThread(q, in.arg, pos, caps, cond)
	case iEmpty:
		if in.arg&^cond == 0 {
			m.addThread(q, in.out, pos, caps, cond)
		}
	case iSave:
		if in.arg < len(caps) {
			old := caps[in.arg]
			caps[in.arg] = pos
			m.addThread(q, in.out, pos, caps, cond)
			caps[in.arg] = old
		} else {
			m.addThread(q, in.out, pos, caps, cond)
		}
	case iRune, iMatch:
		t := m.alloc()
		copy(t, caps)
		q.dense[k].live = true
		q.dense[k].caps = t
	}
}

// step runs the threads of runq over rune c at pos, filling nextq for nextPos.
func (m *machine) step(runq, nextq *queue, pos, nextPos int, c rune, cond int) {
	for j := 0; j < len(runq.dense); j++ {
		e := &runq.dense[j]
		if !e.live {
			continue
		}
		caps := e.caps
		if m.longest && m.matched && len(caps) > 0 && m.matchcap[0] < caps[0] {
			m.spare = append(m.spare, caps)
			continue
		}
		in := &m.p.insts[e.pc]
		if in.op == iMatch {
			if len(caps) > 0 && (!m.longest || !m.matched || m.matchcap[1] < pos) {
				caps[1] = pos
				copy(m.matchcap, caps)
			}
			m.matched = true
			if !m.longest {
				m.spare = append(m.spare, caps)
				m.release(runq, j+1)
				return
			}
		} else if inRanges(in.rs, c) {
			m.addThread(nextq, in.out, nextPos, caps, cond)
		}
		m.spare = append(m.spare, caps)
	}
	runq.dense = runq.dense[:0]
}

// run searches from pos; on success the positions are in m.matchcap.
func (m *machine) run(pos int) bool {
	p := m.p
	m.matched = false
	for i := range m.matchcap {
		m.matchcap[i] = -1
	}
	runq, nextq := &m.q0, &m.q1
	r, width := m.in.step(pos)
	r1, width1 := rune(-1), 0
	if r >= 0 {
		r1, width1 = m.in.step(pos + width)
	}
	cond := emptyAt(m.in.before(pos), r)
	var prefixRune rune = -1
	if p.prefix != "" {
		prefixRune, _ = utf8.DecodeRuneInString(p.prefix)
	}
	for {
		if len(runq.dense) == 0 {
			if m.matched || p.anchored && pos != 0 {
				break
			}
			if p.prefix != "" && r != prefixRune && m.in.rr == nil {
				k := strings.Index(m.in.s[pos:], p.prefix)
				if k < 0 {
					break
				}
				pos += k
				r, width = m.in.step(pos)
				r1, width1 = m.in.step(pos + width)
				cond = emptyAt(m.in.before(pos), r)
			}
		}
		if !m.matched && (pos == 0 || !p.anchored) {
			if m.ncap > 0 {
				m.matchcap[0] = pos
			}
			m.addThread(runq, p.start, pos, m.matchcap, cond)
		}
		cond = emptyAt(r, r1)
		m.step(runq, nextq, pos, pos+width, r, cond)
		if width == 0 {
			break
		}
		if m.ncap == 0 && m.matched {
			break
		}
		pos += width
		r, width = r1, width1
		if r >= 0 {
			r1, width1 = m.in.step(pos + width)
		}
		runq, nextq = nextq, runq
	}
	m.release(nextq, 0)
	m.release(runq, 0)
	return m.matched
}
