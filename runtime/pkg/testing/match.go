package testing

// Name filters for -test.run and -test.bench. A pattern is split at each slash that is
// outside brackets and parentheses; element k must match level k of a test's name (the
// top-level name, then each subtest's). Each element is a regular expression in the usual
// syntax (literals, escapes, ., [classes], *, +, ?, ^, $, | and groups), matched anywhere
// in the name. tbuild's package has its own small backtracking matcher instead of package
// regexp; syntax beyond that set is refused with a message saying so.

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// The node kinds of a parsed pattern.
const (
	reLit   = iota // one rune: lo
	reAny          // any rune but a newline
	reClass        // a rune in (or, with negate, not in) ranges
	reBegin        // ^
	reEnd          // $
	reCat          // subs in sequence
	reAlt          // one of subs
	reStar         // subs[0] zero or more times
	rePlus         // subs[0] one or more times
	reQuest        // subs[0] zero or one time
	reEmpty        // nothing
)

type reNode struct {
	kind   int
	lo     rune
	ranges []rune // pairs lo, hi
	negate bool
	subs   []*reNode
}

// reParser reads a pattern into a tree of reNodes.
type reParser struct {
	src   []rune
	pos   int
	whole string
}

type reError struct {
	code string
	arg  string
}

func (e *reError) Error() string {
	return "error parsing regexp: " + e.code + ": `" + e.arg + "`"
}

func compileRegexp(s string) (node *reNode, err error) {
	p := &reParser{src: []rune(s), whole: s}
	defer func() {
		if r := recover(); r != nil {
			re, ok := r.(*reError)
			if !ok {
				panic(r)
			}
			node, err = nil, re
		}
	}()
	n := p.alternation(0)
	if p.pos < len(p.src) {
		// Only an unbalanced ) stops the top level early.
		panic(&reError{"unexpected )", s})
	}
	return n, nil
}

func (p *reParser) fail(code, arg string) {
	panic(&reError{code, arg})
}

func (p *reParser) unsupported(what string) {
	p.fail("tbuild's testing package does not support "+what+" yet", p.whole)
}

func (p *reParser) more() bool { return p.pos < len(p.src) }

func (p *reParser) alternation(depth int) *reNode {
	var choices []*reNode
	for {
		choices = append(choices, p.sequence(depth))
		if p.more() && p.src[p.pos] == '|' {
			p.pos++
			continue
		}
		break
	}
	if len(choices) == 1 {
		return choices[0]
	}
	return &reNode{kind: reAlt, subs: choices}
}

func (p *reParser) sequence(depth int) *reNode {
	var items []*reNode
	for p.more() {
		c := p.src[p.pos]
		if c == '|' || c == ')' {
			break
		}
		start := p.pos
		var atom *reNode
		switch c {
		case '(':
			p.pos++
			if p.more() && p.src[p.pos] == '?' {
				if p.pos+1 < len(p.src) && p.src[p.pos+1] == ':' {
					p.pos += 2
				} else {
					p.unsupported("flags and named groups (?...)")
				}
			}
			atom = p.alternation(depth + 1)
			if !p.more() || p.src[p.pos] != ')' {
				p.fail("missing closing )", p.whole)
			}
			p.pos++
		case '[':
			atom = p.class()
		case '.':
			p.pos++
			atom = &reNode{kind: reAny}
		case '^':
			p.pos++
			atom = &reNode{kind: reBegin}
		case '$':
			p.pos++
			atom = &reNode{kind: reEnd}
		case '*', '+', '?':
			p.fail("missing argument to repetition operator", string(c))
		case '\\':
			atom = p.escape(false)
		default:
			p.pos++
			atom = &reNode{kind: reLit, lo: c}
		}
		// Postfix operators; a lazy ? after one changes nothing for a yes/no match.
		if p.more() {
			op := p.src[p.pos]
			kind := -1
			switch op {
			case '*':
				kind = reStar
			case '+':
				kind = rePlus
			case '?':
				kind = reQuest
			case '{':
				if lo, hi, end, ok := p.counts(p.pos); ok {
					p.pos = end
					if p.more() && p.src[p.pos] == '?' {
						p.pos++
					}
					if p.more() && (p.src[p.pos] == '*' || p.src[p.pos] == '+' || p.src[p.pos] == '?') {
						p.fail("invalid nested repetition operator", string(p.src[start:p.pos+1]))
					}
					atom = repeat(atom, lo, hi)
				}
			}
			if kind >= 0 {
				p.pos++
				if p.more() && p.src[p.pos] == '?' {
					p.pos++
				}
				if p.more() && (p.src[p.pos] == '*' || p.src[p.pos] == '+' || p.src[p.pos] == '?') {
					p.fail("invalid nested repetition operator", string(p.src[start:p.pos+1]))
				}
				atom = &reNode{kind: kind, subs: []*reNode{atom}}
			}
		}
		items = append(items, atom)
	}
	if depth == 0 && p.more() && p.src[p.pos] == ')' {
		p.fail("unexpected )", p.whole)
	}
	switch len(items) {
	case 0:
		return &reNode{kind: reEmpty}
	case 1:
		return items[0]
	}
	return &reNode{kind: reCat, subs: items}
}

// counts reads {n}, {n,} or {n,m} at i: the bounds (hi -1 for none) and the position
// after it; not ok when the text is not one, and then { is a literal, as in RE2.
func (p *reParser) counts(i int) (lo, hi, end int, ok bool) {
	num := func(j int) (int, int) {
		v, k := 0, j
		for k < len(p.src) && p.src[k] >= '0' && p.src[k] <= '9' {
			v = v*10 + int(p.src[k]-'0')
			if v > 1000 {
				v = 1001
			}
			k++
		}
		if k == j {
			return -1, j
		}
		return v, k
	}
	j := i + 1
	lo, j = num(j)
	if lo < 0 || j >= len(p.src) {
		return 0, 0, 0, false
	}
	hi = lo
	if p.src[j] == ',' {
		j++
		if j < len(p.src) && p.src[j] == '}' {
			hi = -1
		} else {
			hi, j = num(j)
			if hi < 0 {
				return 0, 0, 0, false
			}
		}
	}
	if j >= len(p.src) || p.src[j] != '}' {
		return 0, 0, 0, false
	}
	if lo > 1000 || hi > 1000 || hi >= 0 && hi < lo {
		p.fail("invalid repeat count", string(p.src[i:j+1]))
	}
	return lo, hi, j + 1, true
}

// repeat is n's lo to hi repetitions (hi -1: any number more).
func repeat(n *reNode, lo, hi int) *reNode {
	var items []*reNode
	for k := 0; k < lo; k++ {
		items = append(items, n)
	}
	if hi < 0 {
		items = append(items, &reNode{kind: reStar, subs: []*reNode{n}})
	}
	for k := lo; k < hi; k++ {
		items = append(items, &reNode{kind: reQuest, subs: []*reNode{n}})
	}
	return &reNode{kind: reCat, subs: items}
}

// escape reads \x at p.pos; inClass says it stands inside [...].
func (p *reParser) escape(inClass bool) *reNode {
	p.pos++
	if !p.more() {
		p.fail("trailing backslash at end of expression", "")
	}
	c := p.src[p.pos]
	p.pos++
	switch c {
	case 'd', 'D':
		return &reNode{kind: reClass, ranges: []rune{'0', '9'}, negate: c == 'D'}
	case 'w', 'W':
		return &reNode{kind: reClass, ranges: []rune{'0', '9', 'A', 'Z', '_', '_', 'a', 'z'}, negate: c == 'W'}
	case 's', 'S':
		return &reNode{kind: reClass, ranges: []rune{'\t', '\n', '\f', '\r', ' ', ' '}, negate: c == 'S'}
	case 'n':
		return &reNode{kind: reLit, lo: '\n'}
	case 't':
		return &reNode{kind: reLit, lo: '\t'}
	}
	if c < utf8.RuneSelf && !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
		return &reNode{kind: reLit, lo: c}
	}
	p.unsupported("the escape \\" + string(c))
	return nil
}

func (p *reParser) class() *reNode {
	start := p.pos
	p.pos++ // [
	n := &reNode{kind: reClass}
	if p.more() && p.src[p.pos] == '^' {
		n.negate = true
		p.pos++
	}
	first := true
	for {
		if !p.more() {
			p.fail("missing closing ]", string(p.src[start:]))
		}
		c := p.src[p.pos]
		if c == ']' && !first {
			p.pos++
			break
		}
		first = false
		if c == '[' && p.pos+1 < len(p.src) && p.src[p.pos+1] == ':' {
			p.unsupported("[:name:] classes")
		}
		var lo rune
		if c == '\\' {
			e := p.escape(true)
			if e.kind == reClass {
				if e.negate {
					p.unsupported("negated escapes inside a class")
				}
				n.ranges = append(n.ranges, e.ranges...)
				continue
			}
			lo = e.lo
		} else {
			lo = c
			p.pos++
		}
		hi := lo
		if p.pos+1 < len(p.src) && p.src[p.pos] == '-' && p.src[p.pos+1] != ']' {
			p.pos++
			h := p.src[p.pos]
			if h == '\\' {
				e := p.escape(true)
				if e.kind != reLit {
					p.fail("invalid character class range", string(p.src[start:p.pos]))
				}
				hi = e.lo
			} else {
				hi = h
				p.pos++
			}
			if hi < lo {
				p.fail("invalid character class range", string(lo)+"-"+string(hi))
			}
		}
		n.ranges = append(n.ranges, lo, hi)
	}
	return n
}

// matchHere reports whether n matches s at position i, continuing with k for the rest.
func matchHere(n *reNode, s []rune, i int, k func(int) bool) bool {
	switch n.kind {
	case reEmpty:
		return k(i)
	case reLit:
		return i < len(s) && s[i] == n.lo && k(i+1)
	case reAny:
		return i < len(s) && s[i] != '\n' && k(i+1)
	case reClass:
		if i >= len(s) {
			return false
		}
		in := false
		for j := 0; j+1 < len(n.ranges); j += 2 {
			if n.ranges[j] <= s[i] && s[i] <= n.ranges[j+1] {
				in = true
				break
			}
		}
		return in != n.negate && k(i+1)
	case reBegin:
		return i == 0 && k(i)
	case reEnd:
		return i == len(s) && k(i)
	case reCat:
		return matchSeq(n.subs, s, i, k)
	case reAlt:
		for _, c := range n.subs {
			if matchHere(c, s, i, k) {
				return true
			}
		}
		return false
	case reQuest:
		return matchHere(n.subs[0], s, i, k) || k(i)
	case reStar:
		return matchStar(n.subs[0], s, i, k)
	case rePlus:
		return matchHere(n.subs[0], s, i, func(j int) bool { return matchStar(n.subs[0], s, j, k) })
	}
	return false
}

func matchSeq(items []*reNode, s []rune, i int, k func(int) bool) bool {
	if len(items) == 0 {
		return k(i)
	}
	return matchHere(items[0], s, i, func(j int) bool { return matchSeq(items[1:], s, j, k) })
}

// matchStar tries the longest run first; an iteration that consumes nothing ends it.
func matchStar(n *reNode, s []rune, i int, k func(int) bool) bool {
	if matchHere(n, s, i, func(j int) bool { return j > i && matchStar(n, s, j, k) }) {
		return true
	}
	return k(i)
}

// search reports whether n matches anywhere in str.
func (n *reNode) search(str string) bool {
	s := []rune(str)
	for i := 0; i <= len(s); i++ {
		if matchHere(n, s, i, func(int) bool { return true }) {
			return true
		}
	}
	return false
}

// splitPattern splits a -run or -bench pattern into alternatives at each | and into
// levels at each /, where they stand outside brackets and parentheses: `A/B|C` selects
// what A/B selects and what C selects. Brackets are counted, not paired, as go counts them.
func splitPattern(pat string) [][]string {
	var alts [][]string
	var levels []string
	brackets, parens := 0, 0
	i := 0
	for i < len(pat) {
		c := pat[i]
		switch {
		case c == '\\':
			i++
		case c == '[':
			brackets++
		case c == ']':
			if brackets > 0 {
				brackets--
			}
		case c == '(' && brackets == 0:
			parens++
		case c == ')' && brackets == 0:
			parens--
		case (c == '/' || c == '|') && brackets == 0 && parens == 0:
			levels = append(levels, pat[:i])
			pat = pat[i+1:]
			i = 0
			if c == '|' {
				alts = append(alts, levels)
				levels = nil
			}
			continue
		}
		i++
	}
	return append(alts, append(levels, pat))
}

// cleanName is how a (sub)test's name is printed and matched: spaces become underscores
// and unprintable runes their quoted escapes, as go's test names do.
func cleanName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case nameSpace(r):
			b.WriteByte('_')
		case !strconv.IsPrint(r):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// nameSpace reports the runes go's test names turn into underscores: ASCII and Latin-1
// spaces and the Unicode space separators (not quite the Z class).
func nameSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000:
		return true
	}
	return r >= 0x2000 && r <= 0x200a
}

// nameFilter decides which tests run, and makes subtest names unique.
type nameFilter struct {
	alts [][]*reNode // nil: every test
	mu   sync.Mutex
	used map[string]int
}

// newNameFilter compiles a pattern, or ends the program as go's test binaries do when
// the pattern is not a valid expression.
func newNameFilter(pattern, flagName string) *nameFilter {
	f := &nameFilter{used: map[string]int{}}
	if pattern == "" {
		return f
	}
	alts := splitPattern(pattern)
	for k, levels := range alts {
		var compiled []*reNode
		for i, part := range levels {
			part = cleanName(part)
			n, err := compileRegexp(part)
			if err != nil {
				where := ""
				if len(alts) > 1 {
					where = fmt.Sprintf("alternation %d of ", k)
				}
				fmt.Fprintf(os.Stderr, "testing: invalid regexp for %selement %d of %s (%q): %s\n", where, i, flagName, part, err)
				os.Exit(1)
			}
			compiled = append(compiled, n)
		}
		f.alts = append(f.alts, compiled)
	}
	return f
}

// fullName returns the name of a test called sub under parent (nil for a top-level
// test), whether it is selected, and whether only some of its subtests may be.
func (f *nameFilter) fullName(parent *common, sub string) (string, bool, bool) {
	name := sub
	if parent != nil && parent.level > 0 {
		name = f.unique(parent.name, cleanName(sub))
	}
	if f.alts == nil {
		return name, true, false
	}
	levels := strings.Split(name, "/")
	for _, alt := range f.alts {
		ok := true
		for i, level := range levels {
			if i < len(alt) && !alt[i].search(level) {
				ok = false
				break
			}
		}
		if ok {
			return name, true, len(levels) < len(alt)
		}
	}
	return name, false, false
}

// unique numbers repeated subtest names: x, x#01, x#02...
func (f *nameFilter) unique(parent, sub string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	name := parent + "/" + sub
	empty := sub == ""
	for {
		next, seen := f.used[name]
		if !empty && !seen {
			f.used[name] = 1
			return name
		}
		f.used[name] = next + 1
		name = fmt.Sprintf("%s#%02d", name, next)
		empty = false
	}
}
