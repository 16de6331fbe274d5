// Package regexp: from parse tree to program. Counted repetitions are first rewritten
// into copies joined by ?, * and + (x{2,4} is xx(x(x)?)?, as Go's syntax.Simplify does, so
// that captures inside them end where Go's do), then the tree is emitted back to front:
// each node is compiled knowing the instruction it continues to. A star whose body can
// match empty is compiled as (body+)?, the priority order Go adopted for golang.org/issue/
// 46123 (regexp/syntax/compile.go, star). exec.go runs the program.

package regexp

import (
	"unicode"
	"unicode/utf8"
)

// Instruction kinds.
const (
	iFail  = iota // no thread survives
	iMatch        // a match ends here
	iRune         // consume one rune in rs (lo,hi pairs)
	iAlt          // try out, then arg
	iEmpty        // continue to out if the empty-width conditions in arg hold here
	iSave         // record the position in capture slot arg
)

// Empty-width conditions.
const (
	eBeginLine = 1 << iota
	eEndLine
	eBeginText
	eEndText
	eWordB
	eNoWordB
)

type inst struct {
	op  int
	out int
	arg int
	rs  []rune
}

type prog struct {
	insts    []inst
	start    int
	anchored bool   // every match must start at the beginning of the text
	prefix   string // every match starts with this literal text
}

// simplify rewrites counted repetitions and collapses x** to x* (and x++, x??) when both
// operators are equally greedy, as Go's simplify1 does.
func simplify(n *node) *node {
	switch n.kind {
	case kCapture, kConcat, kAlt:
		for i, s := range n.subs {
			n.subs[i] = simplify(s)
		}
		return n
	case kStar, kPlus, kQuest:
		return wrap(n.kind, n.lazy, simplify(n.subs[0]))
	case kRepeat:
		if n.min == 0 && n.max == 0 {
			return &node{kind: kEmpty}
		}
		sub := simplify(n.subs[0])
		if n.max < 0 {
			if n.min == 0 {
				return wrap(kStar, n.lazy, sub)
			}
			if n.min == 1 {
				return wrap(kPlus, n.lazy, sub)
			}
			c := &node{kind: kConcat}
			for i := 0; i < n.min-1; i++ {
				c.subs = append(c.subs, sub)
			}
			c.subs = append(c.subs, wrap(kPlus, n.lazy, sub))
			return c
		}
		if n.min == 1 && n.max == 1 {
			return sub
		}
		c := &node{kind: kConcat}
		for i := 0; i < n.min; i++ {
			c.subs = append(c.subs, sub)
		}
		if n.max > n.min {
			tail := wrap(kQuest, n.lazy, sub)
			for i := n.min + 1; i < n.max; i++ {
				tail = wrap(kQuest, n.lazy, &node{kind: kConcat, subs: []*node{sub, tail}})
			}
			c.subs = append(c.subs, tail)
		}
		if len(c.subs) == 1 {
			return c.subs[0]
		}
		return c
	}
	return n
}

func wrap(kind int, lazy bool, sub *node) *node {
	if sub.kind == kEmpty {
		return sub
	}
	if sub.kind == kind && sub.lazy == lazy {
		return sub
	}
	return &node{kind: kind, lazy: lazy, subs: []*node{sub}}
}

// nullable reports whether n can match without consuming input.
func nullable(n *node) bool {
	switch n.kind {
	case kLit, kClass, kAny, kAnyNotNL, kNone:
		return false
	case kCapture, kPlus:
		return nullable(n.subs[0])
	case kConcat:
		for _, s := range n.subs {
			if !nullable(s) {
				return false
			}
		}
		return true
	case kAlt:
		for _, s := range n.subs {
			if nullable(s) {
				return true
			}
		}
		return false
	}
	return true
}

type compiler struct {
	insts []inst
}

func (c *compiler) add(in inst) int {
	c.insts = append(c.insts, in)
	return len(c.insts) - 1
}

func (c *compiler) alt(first, second int) int {
	return c.add(inst{op: iAlt, out: first, arg: second})
}

func compileProg(root *node) *prog {
	c := &compiler{}
	c.add(inst{op: iFail})
	match := c.add(inst{op: iMatch})
	p := &prog{start: c.emit(root, match)}
	p.insts = c.insts
	p.analyze()
	return p
}

// emit compiles n so that it continues at next and returns its entry.
func (c *compiler) emit(n *node, next int) int {
	switch n.kind {
	case kLit:
		rs := []rune{n.r, n.r}
		if n.fold {
			for f := unicode.SimpleFold(n.r); f != n.r; f = unicode.SimpleFold(f) {
				rs = append(rs, f, f)
			}
			rs = normalize(rs)
		}
		return c.add(inst{op: iRune, out: next, rs: rs})
	case kClass:
		return c.add(inst{op: iRune, out: next, rs: n.ranges})
	case kAnyNotNL:
		return c.add(inst{op: iRune, out: next, rs: []rune{0, '\n' - 1, '\n' + 1, maxRune}})
	case kAny:
		return c.add(inst{op: iRune, out: next, rs: []rune{0, maxRune}})
	case kBeginLine:
		return c.add(inst{op: iEmpty, out: next, arg: eBeginLine})
	case kEndLine:
		return c.add(inst{op: iEmpty, out: next, arg: eEndLine})
	case kBeginText:
		return c.add(inst{op: iEmpty, out: next, arg: eBeginText})
	case kEndText:
		return c.add(inst{op: iEmpty, out: next, arg: eEndText})
	case kWordB:
		return c.add(inst{op: iEmpty, out: next, arg: eWordB})
	case kNoWordB:
		return c.add(inst{op: iEmpty, out: next, arg: eNoWordB})
	case kCapture:
		end := c.add(inst{op: iSave, out: next, arg: 2*n.capIdx + 1})
		body := c.emit(n.subs[0], end)
		return c.add(inst{op: iSave, out: body, arg: 2 * n.capIdx})
	case kConcat:
		for i := len(n.subs) - 1; i >= 0; i-- {
			next = c.emit(n.subs[i], next)
		}
		return next
	case kAlt:
		entries := make([]int, len(n.subs))
		for i, s := range n.subs {
			entries[i] = c.emit(s, next)
		}
		pc := entries[len(entries)-1]
		for i := len(entries) - 2; i >= 0; i-- {
			pc = c.alt(entries[i], pc)
		}
		return pc
	case kQuest:
		body := c.emit(n.subs[0], next)
		if n.lazy {
			return c.alt(next, body)
		}
		return c.alt(body, next)
	case kStar:
		if nullable(n.subs[0]) {
			plus := &node{kind: kPlus, lazy: n.lazy, subs: n.subs}
			return c.emit(&node{kind: kQuest, lazy: n.lazy, subs: []*node{plus}}, next)
		}
		loop := c.add(inst{op: iAlt})
		body := c.emit(n.subs[0], loop)
		c.setLoop(loop, body, next, n.lazy)
		return loop
	case kPlus:
		loop := c.add(inst{op: iAlt})
		body := c.emit(n.subs[0], loop)
		c.setLoop(loop, body, next, n.lazy)
		return body
	case kNone:
		return 0
	}
	return next // kEmpty
}

func (c *compiler) setLoop(loop, body, exit int, lazy bool) {
	if lazy {
		c.insts[loop].out, c.insts[loop].arg = exit, body
	} else {
		c.insts[loop].out, c.insts[loop].arg = body, exit
	}
}

// analyze finds what every match must start with: \A (only position 0 can match) and
// literal runes (the search can skip to them with strings.Index).
func (p *prog) analyze() {
	pc := p.start
	for {
		in := &p.insts[pc]
		if in.op == iSave {
			pc = in.out
			continue
		}
		if in.op == iEmpty {
			if in.arg&eBeginText != 0 {
				p.anchored = true
			}
			pc = in.out
			continue
		}
		break
	}
	var buf []byte
	pc = p.start
	for {
		in := &p.insts[pc]
		if in.op == iSave {
			pc = in.out
			continue
		}
		// U+FFFD also stands for invalid bytes, which a text search would not find.
		if in.op != iRune || len(in.rs) != 2 || in.rs[0] != in.rs[1] || in.rs[0] == 0xFFFD {
			break
		}
		buf = appendRune(buf, in.rs[0])
		pc = in.out
	}
	p.prefix = string(buf)
}

func appendRune(b []byte, r rune) []byte {
	var tmp [4]byte
	n := utf8.EncodeRune(tmp[:], r)
	return append(b, tmp[:n]...)
}
