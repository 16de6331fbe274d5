// Package csv reads and writes comma-separated values (RFC 4180): tbuild's own
// implementation of Go 1.19's encoding/csv API. The facts it keeps from Go's package are
// the observable ones: which lines are skipped (empty ones, comments), how "\r\n" and a
// final '\r' are read, how quoted fields span lines, the error values, the line and column
// (1-based, in bytes) each ParseError and FieldPos reports, the partial record Read returns
// with an error, InputOffset's count of bytes consumed, and when the Writer quotes a field.
package csv

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode"
	"unicode/utf8"
)

// ParseError is a syntax error, with where it was found.
type ParseError struct {
	StartLine int
	Line      int
	Column    int
	Err       error
}

func (e *ParseError) Error() string {
	switch {
	case e.Err == ErrFieldCount:
		return fmt.Sprintf("record on line %d: %v", e.Line, e.Err)
	case e.StartLine != e.Line:
		return fmt.Sprintf("record on line %d; parse error on line %d, column %d: %v",
			e.StartLine, e.Line, e.Column, e.Err)
	}
	return fmt.Sprintf("parse error on line %d, column %d: %v", e.Line, e.Column, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// The errors a ParseError may carry (ErrTrailingComma is no longer returned, as in Go).
var (
	ErrTrailingComma = errors.New("extra delimiter at end of line")
	ErrBareQuote     = errors.New("bare \" in non-quoted-field")
	ErrQuote         = errors.New("extraneous or missing \" in quoted-field")
	ErrFieldCount    = errors.New("wrong number of fields")
)

var errBadDelim = errors.New("csv: invalid field or comment delimiter")

// okDelim reports whether r can separate fields or start a comment.
func okDelim(r rune) bool {
	switch r {
	case 0, '"', '\r', '\n', utf8.RuneError:
		return false
	}
	return utf8.ValidRune(r)
}

// Reader reads records from CSV text.
type Reader struct {
	Comma            rune
	Comment          rune
	FieldsPerRecord  int
	LazyQuotes       bool
	TrimLeadingSpace bool
	ReuseRecord      bool
	TrailingComma    bool // unused, as in Go

	in     *bufio.Reader
	line   int   // lines read so far
	offset int64 // bytes read so far

	text   []byte // the current record's fields, concatenated
	ends   []int  // where each field ends in text
	starts []fieldStart
	last   []string
}

type fieldStart struct{ line, col int }

// NewReader returns a Reader with Comma ','.
func NewReader(r io.Reader) *Reader {
	return &Reader{Comma: ',', in: bufio.NewReader(r)}
}

// Read reads one record. With ReuseRecord the returned slice may be the previous one's.
func (r *Reader) Read() ([]string, error) {
	if !r.ReuseRecord {
		return r.record(nil)
	}
	rec, err := r.record(r.last)
	r.last = rec
	return rec, err
}

// ReadAll reads the remaining records; io.EOF ends them without an error.
func (r *Reader) ReadAll() ([][]string, error) {
	var all [][]string
	for {
		rec, err := r.record(nil)
		if err == io.EOF {
			return all, nil
		}
		if err != nil {
			return nil, err
		}
		all = append(all, rec)
	}
}

// FieldPos is the line and column where field i of the last record read starts.
func (r *Reader) FieldPos(field int) (line, column int) {
	if field < 0 || field >= len(r.starts) {
		panic("out of range index passed to FieldPos")
	}
	return r.starts[field].line, r.starts[field].col
}

// InputOffset is the byte offset of the end of the last record read.
func (r *Reader) InputOffset() int64 { return r.offset }

// nextLine reads a line with its '\n'. A line ending the input without one loses a
// final '\r' and comes with no error; "\r\n" reads as "\n".
func (r *Reader) nextLine() ([]byte, error) {
	b, err := r.in.ReadBytes('\n')
	n := len(b)
	if n > 0 && err == io.EOF {
		err = nil
		if b[n-1] == '\r' {
			b = b[:n-1]
		}
	}
	r.line++
	r.offset += int64(n)
	if k := len(b); k >= 2 && b[k-2] == '\r' && b[k-1] == '\n' {
		b = append(b[:k-2], '\n')
	}
	return b, err
}

// nlLen is 1 when b ends in '\n'.
func nlLen(b []byte) int {
	if n := len(b); n > 0 && b[n-1] == '\n' {
		return 1
	}
	return 0
}

func firstRune(b []byte) rune {
	c, _ := utf8.DecodeRune(b)
	return c
}

func notSpace(c rune) bool { return !unicode.IsSpace(c) }

// record parses one record into dst's storage. It returns the fields read so far with a
// ParseError, as Go's Read does.
func (r *Reader) record(dst []string) ([]string, error) {
	if r.Comma == r.Comment || !okDelim(r.Comma) || r.Comment != 0 && !okDelim(r.Comment) {
		return nil, errBadDelim
	}
	var ln []byte
	var rerr error
	for rerr == nil {
		ln, rerr = r.nextLine()
		isComment := r.Comment != 0 && firstRune(ln) == r.Comment
		if isComment || rerr == nil && len(ln) == nlLen(ln) {
			ln = nil
			continue
		}
		break
	}
	if rerr == io.EOF {
		return nil, rerr
	}

	sepLen := utf8.RuneLen(r.Comma)
	first := r.line
	r.text, r.ends, r.starts = r.text[:0], r.ends[:0], r.starts[:0]
	at := fieldStart{line: r.line, col: 1}
	var err error
	endField := func(p fieldStart) {
		r.ends = append(r.ends, len(r.text))
		r.starts = append(r.starts, p)
	}
	fail := func(line, col int, e error) {
		err = &ParseError{StartLine: first, Line: line, Column: col, Err: e}
	}
fields:
	for {
		if r.TrimLeadingSpace {
			k := bytes.IndexFunc(ln, notSpace)
			if k < 0 {
				k = len(ln)
				at.col -= nlLen(ln)
			}
			ln = ln[k:]
			at.col += k
		}
		if len(ln) > 0 && ln[0] == '"' {
			// A quoted field: runs to a '"' followed by the separator or the line's end,
			// across lines; "" is a quote.
			start := at
			ln = ln[1:]
			at.col++
			for {
				q := bytes.IndexByte(ln, '"')
				switch {
				case q >= 0:
					r.text = append(r.text, ln[:q]...)
					ln = ln[q+1:]
					at.col += q + 1
					next := firstRune(ln)
					if next == '"' {
						r.text = append(r.text, '"')
						ln = ln[1:]
						at.col++
					} else if next == r.Comma {
						ln = ln[sepLen:]
						at.col += sepLen
						endField(start)
						continue fields
					} else if len(ln) == nlLen(ln) {
						endField(start)
						break fields
					} else if r.LazyQuotes {
						r.text = append(r.text, '"')
					} else {
						fail(r.line, at.col-1, ErrQuote)
						break fields
					}
				case len(ln) > 0:
					// The field goes on to the next line.
					r.text = append(r.text, ln...)
					if rerr != nil {
						break fields
					}
					at.col += len(ln)
					ln, rerr = r.nextLine()
					if len(ln) > 0 {
						at.line++
						at.col = 1
					}
					if rerr == io.EOF {
						rerr = nil
					}
				default:
					// The input ended inside the quotes.
					if !r.LazyQuotes && rerr == nil {
						fail(at.line, at.col, ErrQuote)
						break fields
					}
					endField(start)
					break fields
				}
			}
		}
		// An unquoted field: up to the separator or the line's end.
		sep := bytes.IndexRune(ln, r.Comma)
		f := ln
		if sep >= 0 {
			f = f[:sep]
		} else {
			f = f[:len(f)-nlLen(f)]
		}
		if !r.LazyQuotes {
			if q := bytes.IndexByte(f, '"'); q >= 0 {
				fail(r.line, at.col+q, ErrBareQuote)
				break fields
			}
		}
		r.text = append(r.text, f...)
		endField(at)
		if sep < 0 {
			break fields
		}
		ln = ln[sep+sepLen:]
		at.col += sep + sepLen
	}
	if err == nil {
		err = rerr
	}

	all := string(r.text)
	if cap(dst) < len(r.ends) {
		dst = make([]string, len(r.ends))
	}
	dst = dst[:len(r.ends)]
	from := 0
	for i, to := range r.ends {
		dst[i] = all[from:to]
		from = to
	}

	// FieldsPerRecord: 0 takes the first record's count, a positive count is checked.
	switch {
	case r.FieldsPerRecord == 0:
		r.FieldsPerRecord = len(dst)
	case r.FieldsPerRecord > 0 && len(dst) != r.FieldsPerRecord && err == nil:
		err = &ParseError{StartLine: first, Line: first, Column: 1, Err: ErrFieldCount}
	}
	return dst, err
}
