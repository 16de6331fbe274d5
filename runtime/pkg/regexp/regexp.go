// Package regexp: the API of Go 1.19's regexp. A Regexp holds its source text, the
// compiled program and the capture names; every search makes a machine (exec.go) and
// runs it from a start position. The byte-slice methods search a string copy of their
// input and slice the original with the positions found. The rules for successive
// matches (FindAll*, ReplaceAll*, Split) and for templates (Expand) follow Go's
// regexp/regexp.go: allMatches, replaceAll, expand and extract.

package regexp

import (
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Regexp is a compiled regular expression; it is safe for concurrent use.
type Regexp struct {
	expr      string
	prog      *prog
	numSubexp int
	names     []string
	longest   bool
}

// Compile parses a regular expression with Perl's leftmost-first semantics.
func Compile(expr string) (*Regexp, error) {
	return compile(expr, true, false)
}

// CompilePOSIX restricts the syntax to POSIX ERE and uses leftmost-longest semantics.
func CompilePOSIX(expr string) (*Regexp, error) {
	return compile(expr, false, true)
}

func compile(expr string, perl, longest bool) (*Regexp, error) {
	tree, ncap, names, err := parse(expr, perl)
	if err != nil {
		return nil, err
	}
	p := compileProg(simplify(tree))
	return &Regexp{expr: expr, prog: p, numSubexp: ncap, names: names, longest: longest}, nil
}

func quote(s string) string {
	if strconv.CanBackquote(s) {
		return "`" + s + "`"
	}
	return strconv.Quote(s)
}

// String returns the source text used to compile the regular expression.
func (re *Regexp) String() string { return re.expr }

// Copy returns a new Regexp object copied from re.
func (re *Regexp) Copy() *Regexp {
	c := *re
	return &c
}

// Longest makes future searches leftmost-longest.
func (re *Regexp) Longest() { re.longest = true }

// NumSubexp returns the number of parenthesized subexpressions.
func (re *Regexp) NumSubexp() int { return re.numSubexp }

// SubexpNames returns the names of the parenthesized subexpressions ("" if unnamed).
func (re *Regexp) SubexpNames() []string { return re.names }

// SubexpIndex returns the index of the leftmost subexpression with the name, or -1.
func (re *Regexp) SubexpIndex(name string) int {
	if name != "" {
		for i, s := range re.names {
			if s == name {
				return i
			}
		}
	}
	return -1
}

// QuoteMeta escapes all regular expression metacharacters in s.
func QuoteMeta(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(`\.+*?()|[]{}^$`, s[i]) >= 0 {
			if b == nil {
				b = make([]byte, 0, 2*len(s))
				b = append(b, s[:i]...)
			}
			b = append(b, '\\')
		}
		if b != nil {
			b = append(b, s[i])
		}
	}
	if b == nil {
		return s
	}
	return string(b)
}

// searcher runs repeated searches over one input.
type searcher struct {
	re *Regexp
	m  *machine
}

func (re *Regexp) searcher(s string, ncap int) *searcher {
	m := newMachine(re.prog, re.longest, ncap)
	m.in.s = s
	return &searcher{re: re, m: m}
}

// find returns the match at or after pos with ncap positions (nil if none); the slice is
// fresh, unset groups are -1.
func (sr *searcher) find(pos int) []int {
	if !sr.m.run(pos) {
		return nil
	}
	out := make([]int, len(sr.m.matchcap))
	copy(out, sr.m.matchcap)
	return out
}

func (re *Regexp) fullCaps() int { return 2 * (re.numSubexp + 1) }

func (re *Regexp) findIn(s string, ncap int) []int {
	return re.searcher(s, ncap).find(0)
}

// MatchString reports whether s contains a match.
func (re *Regexp) MatchString(s string) bool {
	return re.searcher(s, 0).m.run(0)
}

// Match reports whether b contains a match.
func (re *Regexp) Match(b []byte) bool {
	return re.MatchString(string(b))
}

// MatchReader reports whether the text read from r contains a match.
func (re *Regexp) MatchReader(r io.RuneReader) bool {
	m := newMachine(re.prog, re.longest, 0)
	m.in.rr = r
	return m.run(0)
}

func (re *Regexp) readerFind(r io.RuneReader, ncap int) []int {
	m := newMachine(re.prog, re.longest, ncap)
	m.in.rr = r
	if !m.run(0) {
		return nil
	}
	out := make([]int, ncap)
	copy(out, m.matchcap)
	return out
}

// FindReaderIndex returns the location of the leftmost match in the text read from r.
func (re *Regexp) FindReaderIndex(r io.RuneReader) []int {
	return re.readerFind(r, 2)
}

// FindReaderSubmatchIndex returns the locations of the leftmost match and its groups.
func (re *Regexp) FindReaderSubmatchIndex(r io.RuneReader) []int {
	return re.readerFind(r, re.fullCaps())
}

// MatchString reports whether s contains any match of pattern.
func MatchString(pattern string, s string) (bool, error) {
	re, err := Compile(pattern)
	if err != nil {
		return false, err
	}
	return re.MatchString(s), nil
}

// Match reports whether b contains any match of pattern.
func Match(pattern string, b []byte) (bool, error) {
	re, err := Compile(pattern)
	if err != nil {
		return false, err
	}
	return re.Match(b), nil
}

// MatchReader reports whether the text read from r contains any match of pattern.
func MatchReader(pattern string, r io.RuneReader) (bool, error) {
	re, err := Compile(pattern)
	if err != nil {
		return false, err
	}
	return re.MatchReader(r), nil
}

// Find returns the leftmost match in b, nil if none.
func (re *Regexp) Find(b []byte) []byte {
	a := re.findIn(string(b), 2)
	if a == nil {
		return nil
	}
	return b[a[0]:a[1]:a[1]]
}

// FindIndex returns the location of the leftmost match in b.
func (re *Regexp) FindIndex(b []byte) []int {
	return re.findIn(string(b), 2)
}

// FindString returns the leftmost match in s, "" if none.
func (re *Regexp) FindString(s string) string {
	a := re.findIn(s, 2)
	if a == nil {
		return ""
	}
	return s[a[0]:a[1]]
}

// FindStringIndex returns the location of the leftmost match in s.
func (re *Regexp) FindStringIndex(s string) []int {
	return re.findIn(s, 2)
}

// FindSubmatch returns the leftmost match in b and its groups' texts (nil if unset).
func (re *Regexp) FindSubmatch(b []byte) [][]byte {
	a := re.findIn(string(b), re.fullCaps())
	if a == nil {
		return nil
	}
	out := make([][]byte, 1+re.numSubexp)
	for i := range out {
		if a[2*i] >= 0 {
			out[i] = b[a[2*i]:a[2*i+1]:a[2*i+1]]
		}
	}
	return out
}

// FindSubmatchIndex returns the locations of the leftmost match in b and its groups.
func (re *Regexp) FindSubmatchIndex(b []byte) []int {
	return re.findIn(string(b), re.fullCaps())
}

// FindStringSubmatch returns the leftmost match in s and its groups' texts.
func (re *Regexp) FindStringSubmatch(s string) []string {
	a := re.findIn(s, re.fullCaps())
	if a == nil {
		return nil
	}
	out := make([]string, 1+re.numSubexp)
	for i := range out {
		if a[2*i] >= 0 {
			out[i] = s[a[2*i]:a[2*i+1]]
		}
	}
	return out
}

// FindStringSubmatchIndex returns the locations of the leftmost match in s and its groups.
func (re *Regexp) FindStringSubmatchIndex(s string) []int {
	return re.findIn(s, re.fullCaps())
}

// allMatches calls deliver for at most n successive matches in s. After a match, the
// search resumes at its end, or one rune further for an empty match; an empty match
// right where the previous match ended is skipped (Go's allMatches).
func (re *Regexp) allMatches(s string, n int, ncap int, deliver func([]int)) {
	if n < 0 {
		n = len(s) + 1
	}
	sr := re.searcher(s, ncap)
	prevEnd := -1
	for pos, i := 0, 0; i < n && pos <= len(s); {
		a := sr.find(pos)
		if a == nil {
			break
		}
		accept := true
		if a[1] == pos {
			if a[0] == prevEnd {
				accept = false
			}
			if pos < len(s) {
				_, w := utf8.DecodeRuneInString(s[pos:])
				pos += w
			} else {
				pos = len(s) + 1
			}
		} else {
			pos = a[1]
		}
		prevEnd = a[1]
		if accept {
			deliver(a)
			i++
		}
	}
}

// FindAll returns up to n (all if n < 0) successive matches in b.
func (re *Regexp) FindAll(b []byte, n int) [][]byte {
	var out [][]byte
	re.allMatches(string(b), n, 2, func(a []int) {
		out = append(out, b[a[0]:a[1]:a[1]])
	})
	return out
}

// MustCompile and MustCompilePOSIX stand here, not beside Compile, so that their panics
// are on lines 319 and 330, where Go's regexp.go has them: a panic's traceback names the
// line, and it should read as go's does.

// MustCompile is like Compile but panics if the expression cannot be parsed.
func MustCompile(str string) *Regexp {
	re, err := Compile(str)
	if err != nil {
		panic(`regexp: Compile(` + quote(str) + `): ` + err.Error())
	}
	return re
}

// MustCompilePOSIX is like CompilePOSIX but panics if the expression cannot be parsed.
// Its panic text is Go's: the pattern quoted as a Go literal, then the
// parse error.
func MustCompilePOSIX(str string) *Regexp {
	re, err := CompilePOSIX(str)
	if err != nil {
		panic(`regexp: CompilePOSIX(` + quote(str) + `): ` + err.Error())
	}
	return re
}

// FindAllIndex returns the locations of up to n successive matches in b.
func (re *Regexp) FindAllIndex(b []byte, n int) [][]int {
	var out [][]int
	re.allMatches(string(b), n, 2, func(a []int) {
		out = append(out, a)
	})
	return out
}

// FindAllString returns up to n successive matches in s.
func (re *Regexp) FindAllString(s string, n int) []string {
	var out []string
	re.allMatches(s, n, 2, func(a []int) {
		out = append(out, s[a[0]:a[1]])
	})
	return out
}

// FindAllStringIndex returns the locations of up to n successive matches in s.
func (re *Regexp) FindAllStringIndex(s string, n int) [][]int {
	var out [][]int
	re.allMatches(s, n, 2, func(a []int) {
		out = append(out, a)
	})
	return out
}

// FindAllSubmatch returns up to n successive matches in b with their groups' texts.
func (re *Regexp) FindAllSubmatch(b []byte, n int) [][][]byte {
	var out [][][]byte
	re.allMatches(string(b), n, re.fullCaps(), func(a []int) {
		m := make([][]byte, len(a)/2)
		for j := range m {
			if a[2*j] >= 0 {
				m[j] = b[a[2*j]:a[2*j+1]:a[2*j+1]]
			}
		}
		out = append(out, m)
	})
	return out
}

// FindAllSubmatchIndex returns the locations of up to n matches in b and their groups.
func (re *Regexp) FindAllSubmatchIndex(b []byte, n int) [][]int {
	var out [][]int
	re.allMatches(string(b), n, re.fullCaps(), func(a []int) {
		out = append(out, a)
	})
	return out
}

// FindAllStringSubmatch returns up to n successive matches in s with their groups' texts.
func (re *Regexp) FindAllStringSubmatch(s string, n int) [][]string {
	var out [][]string
	re.allMatches(s, n, re.fullCaps(), func(a []int) {
		m := make([]string, len(a)/2)
		for j := range m {
			if a[2*j] >= 0 {
				m[j] = s[a[2*j]:a[2*j+1]]
			}
		}
		out = append(out, m)
	})
	return out
}

// FindAllStringSubmatchIndex returns the locations of up to n matches in s and their groups.
func (re *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	var out [][]int
	re.allMatches(s, n, re.fullCaps(), func(a []int) {
		out = append(out, a)
	})
	return out
}

// Split slices s into the substrings between matches; n limits the count (n < 0: all).
func (re *Regexp) Split(s string, n int) []string {
	if n == 0 {
		return nil
	}
	if len(re.expr) > 0 && len(s) == 0 {
		return []string{""}
	}
	matches := re.FindAllStringIndex(s, n)
	out := make([]string, 0, len(matches))
	beg, end := 0, 0
	for _, m := range matches {
		if n > 0 && len(out) >= n-1 {
			break
		}
		end = m[0]
		if m[1] != 0 {
			out = append(out, s[beg:end])
		}
		beg = m[1]
	}
	if end != len(s) {
		out = append(out, s[beg:])
	}
	return out
}

// replaceAll copies src with every match replaced by repl's output. An empty match right
// after the previous match gets no replacement; the search always advances at least one
// rune (Go's replaceAll).
func (re *Regexp) replaceAll(src string, ncap int, repl func(dst []byte, m []int) []byte) []byte {
	var buf []byte
	last, pos := 0, 0
	sr := re.searcher(src, ncap)
	for pos <= len(src) {
		a := sr.find(pos)
		if a == nil {
			break
		}
		buf = append(buf, src[last:a[0]]...)
		if a[1] > last || a[0] == 0 {
			buf = repl(buf, a)
		}
		last = a[1]
		w := 1
		if pos < len(src) {
			_, w = utf8.DecodeRuneInString(src[pos:])
		}
		if pos+w > a[1] {
			pos += w
		} else {
			pos = a[1]
		}
	}
	return append(buf, src[last:]...)
}

func (re *Regexp) replCaps(repl string) int {
	if strings.IndexByte(repl, '$') >= 0 {
		return re.fullCaps()
	}
	return 2
}

// ReplaceAllString replaces matches with repl, expanding $ references as Expand does.
func (re *Regexp) ReplaceAllString(src, repl string) string {
	return string(re.replaceAll(src, re.replCaps(repl), func(dst []byte, m []int) []byte {
		return re.expand(dst, repl, src, m)
	}))
}

// ReplaceAllLiteralString replaces matches with repl as is.
func (re *Regexp) ReplaceAllLiteralString(src, repl string) string {
	return string(re.replaceAll(src, 2, func(dst []byte, m []int) []byte {
		return append(dst, repl...)
	}))
}

// ReplaceAllStringFunc replaces each match with repl applied to it.
func (re *Regexp) ReplaceAllStringFunc(src string, repl func(string) string) string {
	return string(re.replaceAll(src, 2, func(dst []byte, m []int) []byte {
		return append(dst, repl(src[m[0]:m[1]])...)
	}))
}

// ReplaceAll replaces matches in src with repl, expanding $ references.
func (re *Regexp) ReplaceAll(src, repl []byte) []byte {
	s, r := string(src), string(repl)
	return re.replaceAll(s, re.replCaps(r), func(dst []byte, m []int) []byte {
		return re.expand(dst, r, s, m)
	})
}

// ReplaceAllLiteral replaces matches in src with repl as is.
func (re *Regexp) ReplaceAllLiteral(src, repl []byte) []byte {
	return re.replaceAll(string(src), 2, func(dst []byte, m []int) []byte {
		return append(dst, repl...)
	})
}

// ReplaceAllFunc replaces each match in src with repl applied to it.
func (re *Regexp) ReplaceAllFunc(src []byte, repl func([]byte) []byte) []byte {
	return re.replaceAll(string(src), 2, func(dst []byte, m []int) []byte {
		return append(dst, repl(src[m[0]:m[1]])...)
	})
}

// Expand appends template to dst with $n, ${n}, $name, ${name} replaced by the groups of
// match in src; $$ is a literal $.
func (re *Regexp) Expand(dst []byte, template []byte, src []byte, match []int) []byte {
	return re.expand(dst, string(template), string(src), match)
}

// ExpandString is like Expand with a string template and source.
func (re *Regexp) ExpandString(dst []byte, template string, src string, match []int) []byte {
	return re.expand(dst, template, src, match)
}

func (re *Regexp) expand(dst []byte, template string, src string, match []int) []byte {
	for {
		i := strings.IndexByte(template, '$')
		if i < 0 {
			break
		}
		dst = append(dst, template[:i]...)
		template = template[i+1:]
		if template != "" && template[0] == '$' {
			dst = append(dst, '$')
			template = template[1:]
			continue
		}
		name, num, rest, ok := reference(template)
		if !ok {
			// Not a reference: the $ stands for itself.
			dst = append(dst, '$')
			continue
		}
		template = rest
		if num >= 0 {
			if 2*num+1 < len(match) && match[2*num] >= 0 {
				dst = append(dst, src[match[2*num]:match[2*num+1]]...)
			}
			continue
		}
		for k, nm := range re.names {
			if nm == name && 2*k+1 < len(match) && match[2*k] >= 0 {
				dst = append(dst, src[match[2*k]:match[2*k+1]]...)
				break
			}
		}
	}
	return append(dst, template...)
}

// reference reads a group reference after '$': a name of letters, digits and '_', maybe
// in braces. num is its value if it is a number without a leading zero, else -1.
func reference(s string) (name string, num int, rest string, ok bool) {
	if s == "" {
		return
	}
	braced := s[0] == '{'
	if braced {
		s = s[1:]
	}
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' {
			break
		}
		i += w
	}
	if i == 0 {
		return
	}
	name = s[:i]
	if braced {
		if i >= len(s) || s[i] != '}' {
			return
		}
		i++
	}
	num = 0
	for k := 0; k < len(name); k++ {
		if name[k] < '0' || name[k] > '9' || num >= 100000000 {
			num = -1
			break
		}
		num = num*10 + int(name[k]-'0')
	}
	if name[0] == '0' && len(name) > 1 {
		num = -1
	}
	return name, num, s[i:], true
}
