// Package tabwriter: a filter that aligns tab-terminated cells into columns (elastic
// tabstops). Text is split into lines and each line into cells ended by '\t' (or '\v', a
// soft end); the text after a line's last tab is not part of a column. Adjacent lines with
// a cell in column k form a block of column k, whose width is its widest cell plus the
// padding (at least minwidth); text is held until a line with no tabs, a '\f' or Flush lets
// the blocks be measured. Escaped text (between Escape bytes) and, with FilterHTML, tags and
// entities count with their own widths. The output is byte for byte Go's, written with the
// same Write calls.

package tabwriter

import (
	"io"
	"unicode/utf8"
)

// The formatting flags.
const (
	FilterHTML          uint = 1 << iota // tags have no width, entities the width of one rune
	StripEscape                          // drop the Escape bytes from the output
	AlignRight                           // pad cells on the left (not with '\t' padding)
	DiscardEmptyColumns                  // columns of empty soft cells get no width
	TabIndent                            // leading empty cells padded with tabs
	Debug                                // a '|' between columns, "---" at each '\f'
)

// Escape brackets text to be passed through as one unit of its own width, tabs and all.
const Escape = '\xff'

// A cell: its bytes in the buffer, its width in runes (as displayed), and whether it ended
// with '\t' rather than '\v'.
type cell struct {
	size  int
	width int
	htab  bool
}

// A Writer is a filter that aligns columns; its zero value needs Init.
type Writer struct {
	out      io.Writer
	minwidth int
	tabwidth int
	padding  int
	pad      [8]byte
	flags    uint

	text     []byte   // the text of the held lines, cells one after another
	measured int      // text[:measured] has been counted into cur.width
	cur      cell     // the cell being read
	escEnd   byte     // the byte that ends the escape being read, or 0
	lines    [][]cell // the held lines' finished cells; the last line is being read
	widths   []int    // the widths of the columns left of the one being formatted
}

// writeError carries an error from the output through a panic to Write or Flush.
type writeError struct{ err error }

// Init sets the Writer up, dropping anything held: cells are at least minwidth wide plus
// padding padchar bytes; with padchar '\t', padding is by tabs tabwidth wide (and
// AlignRight is ignored). Negative sizes panic.
func (b *Writer) Init(output io.Writer, minwidth, tabwidth, padding int, padchar byte, flags uint) *Writer {
	if minwidth < 0 || tabwidth < 0 || padding < 0 {
		panic("negative minwidth, tabwidth, or padding")
	}
	b.out = output
	b.minwidth, b.tabwidth, b.padding = minwidth, tabwidth, padding
	for i := range b.pad {
		b.pad[i] = padchar
	}
	if padchar == '\t' {
		flags &^= AlignRight
	}
	b.flags = flags
	b.clear()
	return b
}

// NewWriter returns a new Writer set up as by Init.
func NewWriter(output io.Writer, minwidth, tabwidth, padding int, padchar byte, flags uint) *Writer {
	return new(Writer).Init(output, minwidth, tabwidth, padding, padchar, flags)
}

// clear drops everything held and starts an empty first line.
func (b *Writer) clear() {
	b.text = b.text[:0]
	b.measured = 0
	b.cur = cell{}
	b.escEnd = 0
	b.lines = b.lines[:0]
	b.widths = b.widths[:0]
	b.lines = append(b.lines, nil)
}

// emit writes p to the output; a failed or short write panics with a writeError, which
// Write and Flush turn back into their error.
func (b *Writer) emit(p []byte) {
	n, err := b.out.Write(p)
	if err == nil && n != len(p) {
		err = io.ErrShortWrite
	}
	if err != nil {
		panic(writeError{err})
	}
}

// emitRepeated writes n bytes of the pattern src (repeated), in writes of at most
// len(src) bytes.
func (b *Writer) emitRepeated(src []byte, n int) {
	for ; n > len(src); n -= len(src) {
		b.emit(src)
	}
	b.emit(src[:n])
}

var (
	tabs    = []byte("\t\t\t\t\t\t\t\t")
	newline = []byte{'\n'}
	bar     = []byte{'|'}
	rule    = []byte("---\n")
)

// pad fills a cell of text width textw out to the column width colw: with tabs (rounding
// the column up to a tab stop; nothing when tabs have no width) or with the pad byte.
func (b *Writer) padCell(textw, colw int, withTabs bool) {
	if !withTabs && b.pad[0] != '\t' {
		b.emitRepeated(b.pad[:], colw-textw)
		return
	}
	if b.tabwidth == 0 {
		return
	}
	stop := (colw + b.tabwidth - 1) / b.tabwidth * b.tabwidth
	gap := stop - textw
	if gap < 0 {
		panic("internal error")
	}
	b.emitRepeated(tabs, (gap+b.tabwidth-1)/b.tabwidth)
}

// printLines writes the held lines [from, to) with the current column widths, their text
// starting at text[at:], and returns where the next line's text starts.
func (b *Writer) printLines(at, from, to int) int {
	for i := from; i < to; i++ {
		leading := b.flags&TabIndent != 0 // still in the line's leading empty cells
		for k, c := range b.lines[i] {
			if k > 0 && b.flags&Debug != 0 {
				b.emit(bar)
			}
			inColumn := k < len(b.widths)
			if c.size == 0 {
				if inColumn {
					b.padCell(c.width, b.widths[k], leading)
				}
				continue
			}
			leading = false
			right := b.flags&AlignRight != 0
			if right && inColumn {
				b.padCell(c.width, b.widths[k], false)
			}
			b.emit(b.text[at : at+c.size])
			at += c.size
			if !right && inColumn {
				b.padCell(c.width, b.widths[k], false)
			}
		}
		if i+1 < len(b.lines) {
			b.emit(newline)
		} else {
			// The line being read has no newline yet: write what it has.
			b.emit(b.text[at : at+b.cur.size])
			at += b.cur.size
		}
	}
	return at
}

// layout writes lines [from, to) given the widths of the columns left of column
// len(b.widths): each run of lines with a cell in that column (the last cell of a line is
// not in a column) is a block whose width is measured, and which is laid out recursively
// with it; the lines between blocks are printed as they are.
func (b *Writer) layout(at, from, to int) int {
	col := len(b.widths)
	i := from
	for i < to {
		if len(b.lines[i])-1 <= col {
			i++
			continue
		}
		// Lines from..i have no cell in this column: print them.
		at = b.printLines(at, from, i)
		start := i
		width := b.minwidth
		empty := true // only empty soft cells in the block
		for ; i < to && len(b.lines[i])-1 > col; i++ {
			c := b.lines[i][col]
			if c.width+b.padding > width {
				width = c.width + b.padding
			}
			if c.width > 0 || c.htab {
				empty = false
			}
		}
		if empty && b.flags&DiscardEmptyColumns != 0 {
			width = 0
		}
		b.widths = append(b.widths, width)
		at = b.layout(at, start, i)
		b.widths = b.widths[:col]
		from = i
	}
	return b.printLines(at, from, to)
}

// count adds the runes read since the last count to the cell's width.
func (b *Writer) count() {
	b.cur.width += utf8.RuneCount(b.text[b.measured:])
	b.measured = len(b.text)
}

// take appends text to the cell being read.
func (b *Writer) take(p []byte) {
	b.text = append(b.text, p...)
	b.cur.size += len(p)
}

// endCell finishes the cell being read and returns how many cells its line has.
func (b *Writer) endCell(htab bool) int {
	b.cur.htab = htab
	last := len(b.lines) - 1
	b.lines[last] = append(b.lines[last], b.cur)
	b.cur = cell{}
	return len(b.lines[last])
}

// endEscape finishes an escape: escaped text counts its runes (less the two Escape bytes
// when they stay), a tag nothing, an entity one.
func (b *Writer) endEscape() {
	switch b.escEnd {
	case Escape:
		b.count()
		if b.flags&StripEscape == 0 {
			b.cur.width -= 2
		}
	case ';':
		b.cur.width++
	}
	b.measured = len(b.text)
	b.escEnd = 0
}

// format writes everything held and starts afresh.
func (b *Writer) format() {
	if b.cur.size > 0 {
		if b.escEnd != 0 {
			b.endEscape()
		}
		b.endCell(false)
	}
	b.layout(0, 0, len(b.lines))
	b.clear()
}

// recoverWrite turns a writeError panic into *err; any other panic becomes tabwriter's
// own. A failed Flush still drops what was held.
func (b *Writer) recoverWrite(err *error, op string) {
	e := recover()
	if e == nil {
		return
	}
	if op == "Flush" {
		b.clear()
	}
	if we, ok := e.(writeError); ok {
		*err = we.err
		return
	}
	panic("tabwriter: panic during " + op)
}

// Flush writes everything held; call it after the last Write. An unfinished escape counts
// as finished.
func (b *Writer) Flush() error {
	return b.flush()
}

func (b *Writer) flush() (err error) {
	defer b.recoverWrite(&err, "Flush")
	b.format()
	return nil
}

// Write reads p into cells and lines, writing out what can be formatted already: all held
// lines at a '\f', or when a line ends that has no tab (it ends every column block). It
// returns len(p) unless the output fails.
func (b *Writer) Write(p []byte) (n int, err error) {
	defer b.recoverWrite(&err, "Write")
	n = 0 // p[n:] is not in a cell yet
	for i, c := range p {
		if b.escEnd != 0 {
			if c != b.escEnd {
				continue
			}
			end := i + 1
			if c == Escape && b.flags&StripEscape != 0 {
				end = i
			}
			b.take(p[n:end])
			n = i + 1
			b.endEscape()
			continue
		}
		switch c {
		case '\t', '\v', '\n', '\f':
			b.take(p[n:i])
			b.count()
			n = i + 1
			cells := b.endCell(c == '\t')
			if c == '\t' || c == '\v' {
				break
			}
			b.lines = append(b.lines, nil)
			if c == '\f' || cells == 1 {
				b.format()
				if c == '\f' && b.flags&Debug != 0 {
					b.emit(rule)
				}
			}
		case Escape:
			b.take(p[n:i])
			b.count()
			n = i
			if b.flags&StripEscape != 0 {
				n++
			}
			b.escEnd = Escape
		case '<', '&':
			if b.flags&FilterHTML == 0 {
				break
			}
			b.take(p[n:i])
			b.count()
			n = i
			b.escEnd = '>'
			if c == '&' {
				b.escEnd = ';'
			}
		}
	}
	b.take(p[n:])
	n = len(p)
	return
}
