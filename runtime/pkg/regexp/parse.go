// Package regexp: the parser. A pattern in Go's RE2 syntax is read by recursive descent
// (alternation > concatenation > repeated atom) into a tree of nodes; character classes
// become sorted, merged lists of rune ranges, (?i) closes them under unicode.SimpleFold.
// The scan is left to right, so the first error met is the one Go reports, with Go's
// error code text and offending fragment (regexp/syntax/parse.go is the reference for
// which fragment each error quotes). Compile (compile.go) turns the tree into a program.

package regexp

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The kinds of node.
const (
	kLit      = iota // one rune r; fold: any rune of r's SimpleFold orbit
	kClass           // ranges: sorted, disjoint lo,hi pairs
	kAnyNotNL        // . without (?s)
	kAny             // . with (?s)
	kBeginLine
	kEndLine
	kBeginText
	kEndText
	kWordB
	kNoWordB
	kCapture // subs[0], slot capIdx
	kStar
	kPlus
	kQuest
	kRepeat // subs[0]{min,max}; max -1: no upper bound
	kConcat
	kAlt
	kEmpty
	kNone // matches nothing
)

type node struct {
	kind     int
	r        rune
	fold     bool
	ranges   []rune
	subs     []*node
	min, max int
	lazy     bool
	capIdx   int
	height   int // nesting height as Go's tree would have it; 0: not yet known
}

// The parse flags that (?flags) changes.
const (
	flFold    = 1 << iota // (?i)
	flOneLine             // ^ and $ at text ends only: set unless (?m)
	flDotNL               // (?s)
	flLazy                // (?U)
)

// Error codes: the texts of Go's regexp/syntax ErrorCode values.
const (
	errInternal       = "regexp/syntax: internal error"
	errCharClass      = "invalid character class"
	errCharRange      = "invalid character class range"
	errEscape         = "invalid escape sequence"
	errNamedCapture   = "invalid named capture"
	errPerlOp         = "invalid or unsupported Perl syntax"
	errRepeatOp       = "invalid nested repetition operator"
	errRepeatSize     = "invalid repeat count"
	errUTF8           = "invalid UTF-8"
	errMissingBracket = "missing closing ]"
	errMissingParen   = "missing closing )"
	errMissingRepeat  = "missing argument to repetition operator"
	errTrailingSlash  = "trailing backslash at end of expression"
	errUnexpectedRP   = "unexpected )"
	errNesting        = "expression nests too deeply"
)

// maxHeight is the deepest parse tree Go accepts (regexp/syntax/parse.go, maxHeight).
const maxHeight = 1000

// parseError is the error Compile returns; its text is Go's *syntax.Error's.
type parseError struct {
	code string
	expr string
}

func (e *parseError) Error() string {
	return "error parsing regexp: " + e.code + ": `" + e.expr + "`"
}

func perr(code, expr string) error {
	return &parseError{code: code, expr: expr}
}

const maxRune = 0x10FFFF

type parser struct {
	whole string
	s     string // the text not yet read
	flags int
	perl  bool // Perl extensions, \pN classes, classes may match \n (Compile, not CompilePOSIX)
	ncap  int
	names []string
}

func parse(expr string, perl bool) (*node, int, []string, error) {
	p := &parser{whole: expr, s: expr, perl: perl}
	p.names = append(p.names, "")
	if perl {
		p.flags = flOneLine
	}
	n, err := p.alternation()
	if err != nil {
		return nil, 0, nil, err
	}
	if p.s != "" {
		// Only a ')' stops the top-level alternation early.
		return nil, 0, nil, perr(errUnexpectedRP, p.whole)
	}
	if treeHeight(n) > maxHeight {
		return nil, 0, nil, perr(errNesting, p.whole)
	}
	return n, p.ncap, p.names, nil
}

// decode reads the rune at the start of s, failing on invalid UTF-8 with the rest of the
// text as Go's nextRune does.
func decode(s string) (rune, string, error) {
	c, size := utf8.DecodeRuneInString(s)
	if c == utf8.RuneError && size == 1 {
		return 0, "", perr(errUTF8, s)
	}
	return c, s[size:], nil
}

func validUTF8(s string) error {
	for s != "" {
		_, rest, err := decode(s)
		if err != nil {
			return err
		}
		s = rest
	}
	return nil
}

func (p *parser) alternation() (*node, error) {
	var alts []*node
	for {
		c, err := p.concatenation()
		if err != nil {
			return nil, err
		}
		alts = append(alts, c)
		if p.s != "" && p.s[0] == '|' {
			p.s = p.s[1:]
			continue
		}
		break
	}
	if len(alts) == 1 {
		return alts[0], nil
	}
	return &node{kind: kAlt, subs: alts}, nil
}

func (p *parser) concatenation() (*node, error) {
	var items []*node
	lastRepeat := ""
	for p.s != "" && p.s[0] != '|' && p.s[0] != ')' {
		repeat := ""
		t := p.s
		switch t[0] {
		case '(':
			n, err := p.group()
			if err != nil {
				return nil, err
			}
			if n != nil {
				items = append(items, n)
			}
		case '^':
			if p.flags&flOneLine != 0 {
				items = append(items, &node{kind: kBeginText})
			} else {
				items = append(items, &node{kind: kBeginLine})
			}
			p.s = t[1:]
		case '$':
			if p.flags&flOneLine != 0 {
				items = append(items, &node{kind: kEndText})
			} else {
				items = append(items, &node{kind: kEndLine})
			}
			p.s = t[1:]
		case '.':
			if p.flags&flDotNL != 0 {
				items = append(items, &node{kind: kAny})
			} else {
				items = append(items, &node{kind: kAnyNotNL})
			}
			p.s = t[1:]
		case '[':
			n, err := p.class()
			if err != nil {
				return nil, err
			}
			items = append(items, n)
		case '*', '+', '?':
			kind := kStar
			if t[0] == '+' {
				kind = kPlus
			} else if t[0] == '?' {
				kind = kQuest
			}
			after, err := p.repeat(&items, kind, 0, 0, t, t[1:], lastRepeat)
			if err != nil {
				return nil, err
			}
			repeat = t
			p.s = after
		case '{':
			min, max, after, ok := repeatBounds(t)
			if !ok {
				items = append(items, p.lit('{'))
				p.s = t[1:]
				break
			}
			if min < 0 || min > 1000 || max > 1000 || max >= 0 && min > max {
				return nil, perr(errRepeatSize, t[:len(t)-len(after)])
			}
			after, err := p.repeat(&items, kRepeat, min, max, t, after, lastRepeat)
			if err != nil {
				return nil, err
			}
			repeat = t
			p.s = after
		case '\\':
			n, err := p.backslash(&items)
			if err != nil {
				return nil, err
			}
			if n != nil {
				items = append(items, n)
			}
		default:
			c, rest, err := decode(t)
			if err != nil {
				return nil, err
			}
			items = append(items, p.lit(c))
			p.s = rest
		}
		lastRepeat = repeat
	}
	if len(items) == 0 {
		return &node{kind: kEmpty}, nil
	}
	if len(items) == 1 {
		return items[0], nil
	}
	return &node{kind: kConcat, subs: items}, nil
}

func (p *parser) lit(c rune) *node {
	return &node{kind: kLit, r: c, fold: p.flags&flFold != 0}
}

// repeat applies a repetition operator to the last item. before is the text from the
// operator on, after the text following it; lastRepeat is the previous operator's text
// when the previous item was itself a repetition (Go's parser.repeat rejects stacked
// operators in Perl mode, quoting both).
func (p *parser) repeat(items *[]*node, kind, min, max int, before, after, lastRepeat string) (string, error) {
	lazy := p.flags&flLazy != 0
	if p.perl {
		if after != "" && after[0] == '?' {
			after = after[1:]
			lazy = !lazy
		}
		if lastRepeat != "" {
			return "", perr(errRepeatOp, lastRepeat[:len(lastRepeat)-len(after)])
		}
	}
	list := *items
	if len(list) == 0 {
		return "", perr(errMissingRepeat, before[:len(before)-len(after)])
	}
	n := &node{kind: kind, min: min, max: max, lazy: lazy, subs: []*node{list[len(list)-1]}}
	list[len(list)-1] = n
	if kind == kRepeat && (min >= 2 || max >= 2) && !withinRepeatBudget(n, 1000) {
		return "", perr(errRepeatSize, before[:len(before)-len(after)])
	}
	return after, nil
}

// treeHeight approximates the height of Go's parse tree for n: one level per capture,
// repetition, concatenation and alternation, with a concatenation (alternation) inside
// another one merged into it, as Go's parser does. (Go also merges runs of literals and
// factors alternations, so near the limit the two heights can differ by a level or two.)
func treeHeight(n *node) int {
	if n.height > 0 {
		return n.height
	}
	h := 1
	for _, s := range n.subs {
		sh := treeHeight(s)
		if (n.kind == kConcat || n.kind == kAlt) && s.kind == n.kind {
			sh-- // merged into n
		}
		if sh+1 > h {
			h = sh + 1
		}
	}
	n.height = h
	return h
}

// withinRepeatBudget: nested counted repetitions may not multiply out to more than
// budget copies of the innermost expression (Go's repeatIsValid).
func withinRepeatBudget(n *node, budget int) bool {
	if n.kind == kRepeat {
		m := n.max
		if m == 0 {
			return true
		}
		if m < 0 {
			m = n.min
		}
		if m > budget {
			return false
		}
		if m > 0 {
			budget /= m
		}
	}
	for _, s := range n.subs {
		if !withinRepeatBudget(s, budget) {
			return false
		}
	}
	return true
}

// repeatBounds reads {n}, {n,} or {n,m} at the start of s; ok is false when s does not
// have that form (the '{' is then a literal). Numbers of 9 or more digits give -1.
func repeatBounds(s string) (min, max int, rest string, ok bool) {
	t := s[1:]
	var good bool
	if min, t, good = decimal(t); !good || t == "" {
		return
	}
	if t[0] != ',' {
		max = min
	} else {
		t = t[1:]
		if t == "" {
			return
		}
		if t[0] == '}' {
			max = -1
		} else {
			if max, t, good = decimal(t); !good {
				return
			}
			if max < 0 {
				min = -1
			}
		}
	}
	if t == "" || t[0] != '}' {
		return
	}
	return min, max, t[1:], true
}

// decimal reads digits with no leading zero (a lone 0 is fine); -1 if too big.
func decimal(s string) (int, string, bool) {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return 0, s, false
	}
	if len(s) >= 2 && s[0] == '0' && s[1] >= '0' && s[1] <= '9' {
		return 0, s, false
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	n := 0
	for j := 0; j < i; j++ {
		if n >= 100000000 {
			n = -1
			break
		}
		n = n*10 + int(s[j]-'0')
	}
	return n, s[i:], true
}

// group reads "(" ... ")" or a (?flags) setting; it returns nil for a bare flag setting.
func (p *parser) group() (*node, error) {
	t := p.s
	capIdx := 0
	saved := p.flags
	if p.perl && len(t) >= 2 && t[1] == '?' {
		if len(t) > 4 && t[2] == 'P' && t[3] == '<' {
			end := strings.IndexByte(t, '>')
			if end < 0 {
				if err := validUTF8(t); err != nil {
					return nil, err
				}
				return nil, perr(errNamedCapture, t)
			}
			name := t[4:end]
			if err := validUTF8(name); err != nil {
				return nil, err
			}
			if !captureName(name) {
				return nil, perr(errNamedCapture, t[:end+1])
			}
			p.ncap++
			capIdx = p.ncap
			p.names = append(p.names, name)
			p.s = t[end+1:]
		} else {
			open, err := p.flagGroup()
			if err != nil || !open {
				return nil, err
			}
		}
	} else {
		p.ncap++
		capIdx = p.ncap
		p.names = append(p.names, "")
		p.s = t[1:]
	}
	body, err := p.alternation()
	if err != nil {
		return nil, err
	}
	if p.s == "" {
		return nil, perr(errMissingParen, p.whole)
	}
	p.s = p.s[1:]
	p.flags = saved
	n := body
	if capIdx != 0 {
		n = &node{kind: kCapture, capIdx: capIdx, subs: []*node{body}}
	}
	// Go checks the height of each finished subexpression as it is built, so a too deep
	// group is reported before any later error.
	if treeHeight(n) > maxHeight {
		return nil, perr(errNesting, p.whole)
	}
	return n, nil
}

func captureName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c != '_' && !alnum(rune(c)) {
			return false
		}
	}
	return true
}

func alnum(c rune) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
}

// flagGroup reads (?flags) or (?flags: at p.s; open reports a group to parse. The error
// quotes the text from "(?" through the rune that spoiled it (Go's parsePerlFlags).
func (p *parser) flagGroup() (bool, error) {
	s := p.s
	t := s[2:]
	set := p.flags
	negated := false
	sawFlag := false
	for t != "" {
		c, rest, err := decode(t)
		if err != nil {
			return false, err
		}
		t = rest
		bit := 0
		switch c {
		case 'i':
			bit = flFold
		case 'm':
			bit = -1
		case 's':
			bit = flDotNL
		case 'U':
			bit = flLazy
		case '-':
			if negated {
				return false, perr(errPerlOp, s[:len(s)-len(t)])
			}
			negated = true
			sawFlag = false
			continue
		case ':', ')':
			if negated && !sawFlag {
				return false, perr(errPerlOp, s[:len(s)-len(t)])
			}
			p.s = t
			if c == ':' {
				// The group's flags are restored at its ')' by the caller, which saved
				// them before this call; a bare setting lasts to the enclosing ')'.
				p.flags = set
				return true, nil
			}
			p.flags = set
			return false, nil
		default:
			return false, perr(errPerlOp, s[:len(s)-len(t)])
		}
		sawFlag = true
		// (?m) clears OneLine; (?-m) sets it.
		on := !negated
		if bit == -1 {
			bit = flOneLine
			on = !on
		}
		if on {
			set |= bit
		} else {
			set &^= bit
		}
	}
	return false, perr(errPerlOp, s)
}

// backslash reads an escape outside a class: an assertion, \Q...\E, a class, or one rune.
// For \Q...\E it appends the literals itself and returns nil.
func (p *parser) backslash(items *[]*node) (*node, error) {
	t := p.s
	if p.perl && len(t) >= 2 {
		switch t[1] {
		case 'A':
			p.s = t[2:]
			return &node{kind: kBeginText}, nil
		case 'b':
			p.s = t[2:]
			return &node{kind: kWordB}, nil
		case 'B':
			p.s = t[2:]
			return &node{kind: kNoWordB}, nil
		case 'C':
			return nil, perr(errEscape, t[:2])
		case 'Q':
			lit := t[2:]
			rest := ""
			if i := strings.Index(lit, `\E`); i >= 0 {
				lit, rest = lit[:i], lit[i+2:]
			}
			for lit != "" {
				c, more, err := decode(lit)
				if err != nil {
					return nil, err
				}
				*items = append(*items, p.lit(c))
				lit = more
			}
			p.s = rest
			return nil, nil
		case 'z':
			p.s = t[2:]
			return &node{kind: kEndText}, nil
		}
	}
	var cls []rune
	if p.perl && len(t) >= 2 && (t[1] == 'p' || t[1] == 'P') {
		c, rest, err := p.unicodeClass(t, cls)
		if err != nil {
			return nil, err
		}
		p.s = rest
		return &node{kind: kClass, ranges: c}, nil
	}
	if c, ok := p.perlClass(t, cls); ok {
		p.s = t[2:]
		return &node{kind: kClass, ranges: c}, nil
	}
	c, rest, err := p.escape(t)
	if err != nil {
		return nil, err
	}
	p.s = rest
	return p.lit(c), nil
}

// escape reads one escaped rune at s (which starts with '\'); errors quote the escape
// as far as it was read (Go's parseEscape).
func (p *parser) escape(s string) (rune, string, error) {
	t := s[1:]
	if t == "" {
		return 0, "", perr(errTrailingSlash, "")
	}
	c, t, err := decode(t)
	if err != nil {
		return 0, "", err
	}
	bad := func() (rune, string, error) {
		return 0, "", perr(errEscape, s[:len(s)-len(t)])
	}
	if c < utf8.RuneSelf && !alnum(c) {
		return c, t, nil
	}
	switch c {
	case '1', '2', '3', '4', '5', '6', '7', '0':
		// \1..\7 alone would be a backreference: only an octal number with more digits
		// is allowed; \0 starts one by itself.
		if c != '0' && (t == "" || t[0] < '0' || t[0] > '7') {
			return bad()
		}
		v := c - '0'
		for k := 1; k < 3 && t != "" && t[0] >= '0' && t[0] <= '7'; k++ {
			v = v*8 + rune(t[0]-'0')
			t = t[1:]
		}
		return v, t, nil
	case 'x':
		if t == "" {
			return bad()
		}
		var d rune
		if d, t, err = decode(t); err != nil {
			return 0, "", err
		}
		if d == '{' {
			v := rune(0)
			digits := 0
			for {
				if t == "" {
					return bad()
				}
				if d, t, err = decode(t); err != nil {
					return 0, "", err
				}
				if d == '}' {
					break
				}
				h := hexValue(d)
				if h < 0 {
					return bad()
				}
				v = v*16 + h
				if v > maxRune {
					return bad()
				}
				digits++
			}
			if digits == 0 {
				return bad()
			}
			return v, t, nil
		}
		hi := hexValue(d)
		if d, t, err = decode(t); err != nil {
			return 0, "", err
		}
		lo := hexValue(d)
		if hi < 0 || lo < 0 {
			return bad()
		}
		return hi*16 + lo, t, nil
	case 'a':
		return '\a', t, nil
	case 'f':
		return '\f', t, nil
	case 'n':
		return '\n', t, nil
	case 'r':
		return '\r', t, nil
	case 't':
		return '\t', t, nil
	case 'v':
		return '\v', t, nil
	}
	return bad()
}

func hexValue(c rune) rune {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10
	}
	return -1
}

// The ASCII classes, as lo,hi pairs (regexp/syntax/doc.go lists them).
var (
	digitRanges = []rune{'0', '9'}
	spaceRanges = []rune{'\t', '\n', '\f', '\r', ' ', ' '}
	wordRanges  = []rune{'0', '9', 'A', 'Z', '_', '_', 'a', 'z'}
)

var posixClasses = map[string][]rune{
	"alnum":  {'0', '9', 'A', 'Z', 'a', 'z'},
	"alpha":  {'A', 'Z', 'a', 'z'},
	"ascii":  {0, 0x7f},
	"blank":  {'\t', '\t', ' ', ' '},
	"cntrl":  {0, 0x1f, 0x7f, 0x7f},
	"digit":  {'0', '9'},
	"graph":  {'!', '~'},
	"lower":  {'a', 'z'},
	"print":  {' ', '~'},
	"punct":  {'!', '/', ':', '@', '[', '`', '{', '~'},
	"space":  {'\t', '\r', ' ', ' '},
	"upper":  {'A', 'Z'},
	"word":   {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'},
	"xdigit": {'0', '9', 'A', 'F', 'a', 'f'},
}

// perlClass reads \d \s \w \D \S \W (Perl mode only) and appends its ranges to cls.
func (p *parser) perlClass(s string, cls []rune) ([]rune, bool) {
	if !p.perl || len(s) < 2 || s[0] != '\\' {
		return nil, false
	}
	var g []rune
	switch s[1] {
	case 'd', 'D':
		g = digitRanges
	case 's', 'S':
		g = spaceRanges
	case 'w', 'W':
		g = wordRanges
	default:
		return nil, false
	}
	return p.addGroup(cls, g, s[1] >= 'A' && s[1] <= 'Z'), true
}

// addGroup appends an ASCII group, or its complement; under (?i) the group is closed
// under case folding before it is complemented.
func (p *parser) addGroup(cls, g []rune, negate bool) []rune {
	if p.flags&flFold != 0 {
		var tmp []rune
		for i := 0; i < len(g); i += 2 {
			tmp = addFolded(tmp, g[i], g[i+1])
		}
		g = normalize(tmp)
	}
	if negate {
		g = complement(g)
	}
	return append(cls, g...)
}

// unicodeClass reads \pN, \p{Name}, \PN, \P{^Name} at s.
func (p *parser) unicodeClass(s string, cls []rune) ([]rune, string, error) {
	negate := s[1] == 'P'
	c, t, err := decode(s[2:])
	if err != nil {
		return nil, "", err
	}
	var seq, name string
	if c != '{' {
		seq = s[:len(s)-len(t)]
		name = seq[2:]
	} else {
		end := strings.IndexByte(s, '}')
		if end < 0 {
			if err := validUTF8(s); err != nil {
				return nil, "", err
			}
			return nil, "", perr(errCharRange, s)
		}
		seq, t = s[:end+1], s[end+1:]
		name = s[3:end]
		if err := validUTF8(name); err != nil {
			return nil, "", err
		}
	}
	if name != "" && name[0] == '^' {
		negate = !negate
		name = name[1:]
	}
	var tab, foldTab *unicode.RangeTable
	var rs []rune
	if name == "Any" {
		rs = []rune{0, maxRune}
	} else if tab = unicode.Categories[name]; tab != nil {
		foldTab = unicode.FoldCategory[name]
	} else if tab = unicode.Scripts[name]; tab != nil {
		foldTab = unicode.FoldScript[name]
	} else {
		return nil, "", perr(errCharRange, seq)
	}
	if tab != nil {
		rs = tableRanges(nil, tab)
		if p.flags&flFold != 0 && foldTab != nil {
			rs = normalize(tableRanges(rs, foldTab))
		}
	}
	if negate {
		rs = complement(rs)
	}
	return append(cls, rs...), t, nil
}

// tableRanges appends a RangeTable's runes as ranges (strided entries one by one).
func tableRanges(out []rune, t *unicode.RangeTable) []rune {
	for _, r := range t.R16 {
		lo, hi, st := rune(r.Lo), rune(r.Hi), rune(r.Stride)
		if st == 1 {
			out = append(out, lo, hi)
			continue
		}
		for c := lo; c <= hi; c += st {
			out = append(out, c, c)
		}
	}
	for _, r := range t.R32 {
		lo, hi, st := rune(r.Lo), rune(r.Hi), rune(r.Stride)
		if st == 1 {
			out = append(out, lo, hi)
			continue
		}
		for c := lo; c <= hi; c += st {
			out = append(out, c, c)
		}
	}
	return out
}

// class reads a bracketed class at p.s.
func (p *parser) class() (*node, error) {
	whole := p.s
	t := whole[1:]
	var cls []rune
	negate := false
	if t != "" && t[0] == '^' {
		negate = true
		t = t[1:]
		if !p.perl {
			// A POSIX negated class does not match \n: put it in before complementing.
			cls = append(cls, '\n', '\n')
		}
	}
	first := true
	for t == "" || t[0] != ']' || first {
		if t != "" && t[0] == '-' && !p.perl && !first && (len(t) == 1 || t[1] != ']') {
			_, size := utf8.DecodeRuneInString(t[1:])
			return nil, perr(errCharRange, t[:1+size])
		}
		first = false
		if len(t) > 2 && t[0] == '[' && t[1] == ':' {
			if i := strings.Index(t[2:], ":]"); i >= 0 {
				name := t[:i+4]
				g, ok := posixClasses[strings.TrimPrefix(name[2:i+2], "^")]
				if !ok || name[2:i+2] == "^" {
					return nil, perr(errCharRange, name)
				}
				cls = p.addGroup(cls, g, name[2] == '^')
				t = t[i+4:]
				continue
			}
		}
		if p.perl && len(t) >= 2 && t[0] == '\\' && (t[1] == 'p' || t[1] == 'P') {
			c, rest, err := p.unicodeClass(t, cls)
			if err != nil {
				return nil, err
			}
			cls, t = c, rest
			continue
		}
		if c, ok := p.perlClass(t, cls); ok {
			cls, t = c, t[2:]
			continue
		}
		start := t
		lo, rest, err := p.classRune(t, whole)
		if err != nil {
			return nil, err
		}
		t = rest
		hi := lo
		if len(t) >= 2 && t[0] == '-' && t[1] != ']' {
			if hi, t, err = p.classRune(t[1:], whole); err != nil {
				return nil, err
			}
			if hi < lo {
				return nil, perr(errCharRange, start[:len(start)-len(t)])
			}
		}
		if p.flags&flFold != 0 {
			cls = addFolded(cls, lo, hi)
		} else {
			cls = append(cls, lo, hi)
		}
	}
	p.s = t[1:]
	cls = normalize(cls)
	if negate {
		cls = complement(cls)
	}
	return &node{kind: kClass, ranges: cls}, nil
}

func (p *parser) classRune(s, whole string) (rune, string, error) {
	if s == "" {
		return 0, "", perr(errMissingBracket, whole)
	}
	if s[0] == '\\' {
		return p.escape(s)
	}
	return decode(s)
}

// The runes that have case variants lie in [foldLo, foldHi] (Go's minFold/maxFold).
const (
	foldLo = 0x41
	foldHi = 0x1e943
)

// addFolded appends lo..hi and every rune in the SimpleFold orbit of each of its runes.
func addFolded(cls []rune, lo, hi rune) []rune {
	cls = append(cls, lo, hi)
	if lo <= foldLo && hi >= foldHi || hi < foldLo || lo > foldHi {
		return cls
	}
	if lo < foldLo {
		lo = foldLo
	}
	if hi > foldHi {
		hi = foldHi
	}
	for c := lo; c <= hi; c++ {
		for f := unicode.SimpleFold(c); f != c; f = unicode.SimpleFold(f) {
			if f < lo || f > hi {
				cls = append(cls, f, f)
			}
		}
	}
	return cls
}

// normalize sorts ranges by their low end and merges overlapping or adjacent ones.
func normalize(cls []rune) []rune {
	n := len(cls) / 2
	// Insertion sort is quadratic; ranges arrive mostly sorted, but folded classes can
	// be large, so use a merge sort on pair indices.
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	tmp := make([]int, n)
	for width := 1; width < n; width *= 2 {
		for lo := 0; lo < n; lo += 2 * width {
			mid, hi := lo+width, lo+2*width
			if mid > n {
				mid = n
			}
			if hi > n {
				hi = n
			}
			i, j, k := lo, mid, lo
			for i < mid && j < hi {
				if cls[2*idx[j]] < cls[2*idx[i]] {
					tmp[k] = idx[j]
					j++
				} else {
					tmp[k] = idx[i]
					i++
				}
				k++
			}
			for i < mid {
				tmp[k] = idx[i]
				i++
				k++
			}
			for j < hi {
				tmp[k] = idx[j]
				j++
				k++
			}
		}
		idx, tmp = tmp, idx
	}
	out := make([]rune, 0, len(cls))
	for _, i := range idx {
		lo, hi := cls[2*i], cls[2*i+1]
		if m := len(out); m > 0 && lo <= out[m-1]+1 {
			if hi > out[m-1] {
				out[m-1] = hi
			}
			continue
		}
		out = append(out, lo, hi)
	}
	return out
}

// complement of normalized ranges within [0, maxRune].
func complement(cls []rune) []rune {
	var out []rune
	next := rune(0)
	for i := 0; i < len(cls); i += 2 {
		if cls[i] > next {
			out = append(out, next, cls[i]-1)
		}
		next = cls[i+1] + 1
	}
	if next <= maxRune {
		out = append(out, next, maxRune)
	}
	return out
}
