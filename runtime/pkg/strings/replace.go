// Replacer: many old → new substitutions applied in one left-to-right pass, with Go 1.19's
// choice among candidates (at each position the earliest-listed old string that occurs
// there wins; an empty old matches everywhere, but not twice in a row at one position) and
// its way of writing to an io.Writer, which picks one of four strategies by the shape of
// the pairs (the pieces each strategy writes are observable through WriteString).

package strings

import (
	"io"
	"sync"
)

// A Replacer replaces a list of strings with replacements; it is safe for concurrent use.
// The zero value replaces nothing.
type Replacer struct {
	once  sync.Once
	pairs []string // old, new, old, new...: kept until the first use picks the strategy
	impl  strategy
}

// A strategy is one way of carrying out the replacements: replace returns the result as a
// string, write writes it to w and counts the bytes written.
type strategy interface {
	replace(s string) string
	write(w io.Writer, s string) (int, error)
}

// NewReplacer returns a Replacer of the pairs oldnew[0]→oldnew[1], oldnew[2]→oldnew[3]...;
// an odd number of strings panics.
func NewReplacer(oldnew ...string) *Replacer {
	if len(oldnew)%2 != 0 {
		panic("strings.NewReplacer: odd argument count")
	}
	pairs := make([]string, len(oldnew))
	copy(pairs, oldnew)
	return &Replacer{pairs: pairs}
}

// Replace returns s with all the replacements done.
func (r *Replacer) Replace(s string) string {
	r.once.Do(r.choose)
	return r.impl.replace(s)
}

// WriteString writes s with all the replacements done to w.
func (r *Replacer) WriteString(w io.Writer, s string) (n int, err error) {
	r.once.Do(r.choose)
	return r.impl.write(w, s)
}

// choose picks the strategy, as Go does: one pair with an old string of two bytes or more
// is a plain search; single-byte olds are a byte table (a byte-to-byte map when every new
// string is one byte too); anything else is the general matcher.
func (r *Replacer) choose() {
	p := r.pairs
	r.pairs = nil
	if len(p) == 2 && len(p[0]) > 1 {
		r.impl = &searchReplacer{old: p[0], new: p[1]}
		return
	}
	oneByteNews := true
	for i := 0; i < len(p); i += 2 {
		if len(p[i]) != 1 {
			r.impl = newGeneral(p)
			return
		}
		oneByteNews = oneByteNews && len(p[i+1]) == 1
	}
	// Filled from the last pair to the first, so that the first pair naming a byte wins.
	if oneByteNews {
		m := new(byteMap)
		for c := range m {
			m[c] = byte(c)
		}
		for i := len(p) - 2; i >= 0; i -= 2 {
			m[p[i][0]] = p[i+1][0]
		}
		r.impl = m
		return
	}
	t := new(byteTable)
	for i := len(p) - 2; i >= 0; i -= 2 {
		c := p[i][0]
		t.set[c] = true
		t.to[c] = p[i+1]
	}
	r.impl = t
}

// asStringWriter gives w's WriteString, or one that converts to bytes for w.Write.
func asStringWriter(w io.Writer) io.StringWriter {
	if sw, ok := w.(io.StringWriter); ok {
		return sw
	}
	return bytesWriter{w}
}

type bytesWriter struct{ w io.Writer }

func (b bytesWriter) WriteString(s string) (int, error) { return b.w.Write([]byte(s)) }

// growBuf collects output for replace: a Writer and StringWriter appending to a slice.
type growBuf struct{ b []byte }

func (g *growBuf) Write(p []byte) (int, error) {
	g.b = append(g.b, p...)
	return len(p), nil
}

func (g *growBuf) WriteString(s string) (int, error) {
	g.b = append(g.b, s...)
	return len(s), nil
}

// searchReplacer replaces the non-overlapping occurrences of one old string of two bytes
// or more, found left to right.
type searchReplacer struct{ old, new string }

func (r *searchReplacer) replace(s string) string {
	at := Index(s, r.old)
	if at < 0 {
		return s
	}
	var b Builder
	for at >= 0 {
		b.Grow(at + len(r.new))
		b.WriteString(s[:at])
		b.WriteString(r.new)
		s = s[at+len(r.old):]
		at = Index(s, r.old)
	}
	b.WriteString(s)
	return b.String()
}

// write writes, for each occurrence, the text before it (even when empty) and the new
// string, then the tail (even when empty), as Go's does.
func (r *searchReplacer) write(w io.Writer, s string) (n int, err error) {
	out := asStringWriter(w)
	for {
		at := Index(s, r.old)
		if at < 0 {
			break
		}
		for _, piece := range [2]string{s[:at], r.new} {
			m, err := out.WriteString(piece)
			n += m
			if err != nil {
				return n, err
			}
		}
		s = s[at+len(r.old):]
	}
	m, err := out.WriteString(s)
	return n + m, err
}

// byteMap maps every byte to one byte.
type byteMap [256]byte

func (m *byteMap) replace(s string) string {
	var out []byte // made when the first byte changes
	for i := 0; i < len(s); i++ {
		if c := m[s[i]]; c != s[i] {
			if out == nil {
				out = []byte(s)
			}
			out[i] = c
		}
	}
	if out == nil {
		return s
	}
	return string(out)
}

// write maps s in chunks of at most 32 KiB, each handed to w.Write.
func (m *byteMap) write(w io.Writer, s string) (n int, err error) {
	size := len(s)
	if size > 32<<10 {
		size = 32 << 10
	}
	chunk := make([]byte, size)
	for len(s) > 0 {
		k := copy(chunk, s)
		for i := 0; i < k; i++ {
			chunk[i] = m[chunk[i]]
		}
		s = s[k:]
		got, err := w.Write(chunk[:k])
		n += got
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// byteTable replaces single bytes with strings: to[c] when set[c].
type byteTable struct {
	set [256]bool
	to  [256]string
}

func (t *byteTable) replace(s string) string {
	size, changed := 0, false
	for i := 0; i < len(s); i++ {
		if c := s[i]; t.set[c] {
			size += len(t.to[c])
			changed = true
		} else {
			size++
		}
	}
	if !changed {
		return s
	}
	out := make([]byte, 0, size)
	for i := 0; i < len(s); i++ {
		if c := s[i]; t.set[c] {
			out = append(out, t.to[c]...)
		} else {
			out = append(out, c)
		}
	}
	return string(out)
}

// write writes each run of unchanged bytes (when not empty) through WriteString and each
// replacement through w.Write.
func (t *byteTable) write(w io.Writer, s string) (n int, err error) {
	out := asStringWriter(w)
	from := 0 // s[from:i] is unchanged and not written yet
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !t.set[c] {
			continue
		}
		var m int
		if from < i {
			m, err = out.WriteString(s[from:i])
			n += m
			if err != nil {
				return n, err
			}
		}
		from = i + 1
		m, err = w.Write([]byte(t.to[c]))
		n += m
		if err != nil {
			return n, err
		}
	}
	if from < len(s) {
		m, err := out.WriteString(s[from:])
		return n + m, err
	}
	return n, nil
}

// general handles any pairs: at each position, the earliest-listed old string that s
// continues with wins.
type general struct {
	olds, news []string
	// starting[c] lists, in argument order, the pairs whose old string begins with c.
	starting [256][]int
	empty    int // the first pair with an empty old string, or -1
}

func newGeneral(p []string) *general {
	g := &general{empty: -1}
	for i := 0; i < len(p); i += 2 {
		k := len(g.olds)
		g.olds = append(g.olds, p[i])
		g.news = append(g.news, p[i+1])
		switch {
		case p[i] != "":
			g.starting[p[i][0]] = append(g.starting[p[i][0]], k)
		case g.empty < 0:
			g.empty = k
		}
	}
	return g
}

// find returns the pair that applies at the start of s, or -1; noEmpty leaves out the
// empty old string (it has just matched at this position).
func (g *general) find(s string, noEmpty bool) int {
	best := -1
	if s != "" {
		for _, k := range g.starting[s[0]] {
			if HasPrefix(s, g.olds[k]) {
				best = k
				break
			}
		}
	}
	if g.empty >= 0 && !noEmpty && (best < 0 || g.empty < best) {
		best = g.empty
	}
	return best
}

func (g *general) replace(s string) string {
	out := &growBuf{b: make([]byte, 0, len(s))}
	g.write(out, s)
	return string(out.b)
}

// write writes, for each match, the text since the previous one (even when empty) and
// its replacement, then the unmatched tail when there is one.
func (g *general) write(w io.Writer, s string) (n int, err error) {
	out := asStringWriter(w)
	from := 0
	justEmpty := false // an empty old string matched at i, so it may not match there again
	for i := 0; i <= len(s); {
		k := g.find(s[i:], justEmpty)
		if k < 0 {
			justEmpty = false
			i++
			continue
		}
		justEmpty = g.olds[k] == ""
		for _, piece := range [2]string{s[from:i], g.news[k]} {
			m, err := out.WriteString(piece)
			n += m
			if err != nil {
				return n, err
			}
		}
		i += len(g.olds[k])
		from = i
	}
	if from != len(s) {
		m, err := out.WriteString(s[from:])
		n += m
		return n, err
	}
	return n, nil
}
