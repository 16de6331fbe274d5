package csv

import (
	"bufio"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Writer writes records as CSV text through a bufio.Writer (Go's buffering, so a failing
// destination reports its error at the same call as in Go).
type Writer struct {
	Comma   rune
	UseCRLF bool
	out     *bufio.Writer
}

// NewWriter returns a Writer with Comma ','.
func NewWriter(w io.Writer) *Writer {
	return &Writer{Comma: ',', out: bufio.NewWriter(w)}
}

// quoted reports whether a field must be quoted: it holds the separator, a quote, '\r' or
// '\n', starts with a space (unicode.IsSpace), or is `\.` (a line Postgres reads as the
// end of its data).
func (w *Writer) quoted(f string) bool {
	if f == "" {
		return false
	}
	if f == `\.` || strings.ContainsRune(f, w.Comma) || strings.ContainsAny(f, "\"\r\n") {
		return true
	}
	c, _ := utf8.DecodeRuneInString(f)
	return unicode.IsSpace(c)
}

// Write writes one record and its line end. Inside quotes, '"' is doubled, and with
// UseCRLF a "\n" becomes "\r\n" while a '\r' is dropped.
func (w *Writer) Write(record []string) error {
	if !okDelim(w.Comma) {
		return errBadDelim
	}
	b := w.out
	for i, f := range record {
		if i > 0 {
			if _, err := b.WriteRune(w.Comma); err != nil {
				return err
			}
		}
		if !w.quoted(f) {
			if _, err := b.WriteString(f); err != nil {
				return err
			}
			continue
		}
		if err := b.WriteByte('"'); err != nil {
			return err
		}
		for f != "" {
			k := strings.IndexAny(f, "\"\r\n")
			if k < 0 {
				k = len(f)
			}
			if _, err := b.WriteString(f[:k]); err != nil {
				return err
			}
			if k == len(f) {
				break
			}
			var err error
			switch c := f[k]; {
			case c == '"':
				_, err = b.WriteString(`""`)
			case c == '\n' && w.UseCRLF:
				_, err = b.WriteString("\r\n")
			case c == '\r' && w.UseCRLF:
			default:
				err = b.WriteByte(c)
			}
			if err != nil {
				return err
			}
			f = f[k+1:]
		}
		if err := b.WriteByte('"'); err != nil {
			return err
		}
	}
	if w.UseCRLF {
		_, err := b.WriteString("\r\n")
		return err
	}
	return b.WriteByte('\n')
}

// Flush writes any buffered data; Error reports a failure of it or of an earlier write.
func (w *Writer) Flush() { w.out.Flush() }

func (w *Writer) Error() error {
	_, err := w.out.Write(nil)
	return err
}

// WriteAll writes the records and flushes.
func (w *Writer) WriteAll(records [][]string) error {
	for _, rec := range records {
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	return w.out.Flush()
}
