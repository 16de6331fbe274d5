// Package hex converts between bytes and their hexadecimal text: tbuild's own
// implementation of Go 1.19's encoding/hex API (lower-case digits out, either case in, the
// error values and texts and the Dump layout of Go's package, `hexdump -C`'s).
package hex

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

const digits = "0123456789abcdef"

// ErrLength is the error of an odd-length input.
var ErrLength = errors.New("encoding/hex: odd length hex string")

// InvalidByteError is the error for a byte that is not a hexadecimal digit.
type InvalidByteError byte

func (e InvalidByteError) Error() string {
	return fmt.Sprintf("encoding/hex: invalid byte: %#U", rune(e))
}

// nibble returns the value of the hexadecimal digit c, or 0xff when c is none.
func nibble(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10
	}
	return 0xff
}

// EncodedLen is the length of the encoding of n bytes.
func EncodedLen(n int) int { return 2 * n }

// DecodedLen is the length of the decoding of x digits.
func DecodedLen(x int) int { return x / 2 }

// Encode writes the 2*len(src) digits of src into dst and returns their number.
func Encode(dst, src []byte) int {
	at := 0
	for _, b := range src {
		dst[at] = digits[b>>4]
		dst[at+1] = digits[b&15]
		at += 2
	}
	return 2 * len(src)
}

// Decode writes the bytes the digits of src spell into dst and returns how many it wrote;
// the first invalid digit (an odd trailing one included) stops it with InvalidByteError,
// an odd length otherwise gives ErrLength.
func Decode(dst, src []byte) (int, error) {
	n := 0
	for ; 2*n+1 < len(src); n++ {
		hi, lo := src[2*n], src[2*n+1]
		h, l := nibble(hi), nibble(lo)
		if h == 0xff {
			return n, InvalidByteError(hi)
		}
		if l == 0xff {
			return n, InvalidByteError(lo)
		}
		dst[n] = h<<4 | l
	}
	if len(src)&1 != 0 {
		last := src[len(src)-1]
		if nibble(last) == 0xff {
			return n, InvalidByteError(last)
		}
		return n, ErrLength
	}
	return n, nil
}

// EncodeToString returns the digits of src.
func EncodeToString(src []byte) string {
	out := make([]byte, EncodedLen(len(src)))
	Encode(out, src)
	return string(out)
}

// DecodeString returns the bytes the digits of s spell, as far as they are valid.
func DecodeString(s string) ([]byte, error) {
	buf := []byte(s)
	n, err := Decode(buf, buf)
	return buf[:n], err
}

// Dump returns the `hexdump -C` form of data.
func Dump(data []byte) string {
	if len(data) == 0 {
		return ""
	}
	var sb strings.Builder
	lines := (len(data) + 15) / 16
	sb.Grow(lines * 79) // a full line: 8+2 offset, 16*3+1 digits, 1+16+1 text, newline
	d := &dumper{w: &sb} // the concrete type: data is only read, so it stays the caller's
	d.Write(data)
	d.Close()
	return sb.String()
}

// The streams encode and decode through a buffer of this many digits.
const chunk = 1024

type streamEncoder struct {
	w   io.Writer
	err error
	buf [chunk]byte
}

// NewEncoder returns a Writer that writes the digits of what it is given to w.
func NewEncoder(w io.Writer) io.Writer { return &streamEncoder{w: w} }

func (e *streamEncoder) Write(p []byte) (int, error) {
	done := 0
	for len(p) > 0 && e.err == nil {
		take := len(p)
		if take > chunk/2 {
			take = chunk / 2
		}
		m := Encode(e.buf[:], p[:take])
		var wrote int
		wrote, e.err = e.w.Write(e.buf[:m])
		done += wrote / 2
		p = p[take:]
	}
	return done, e.err
}

type streamDecoder struct {
	r       io.Reader
	err     error // the reader's error, or a decoding error, reported once pending is spent
	pending []byte
	store   [chunk]byte
}

// NewDecoder returns a Reader of the bytes the digits read from r spell.
func NewDecoder(r io.Reader) io.Reader { return &streamDecoder{r: r} }

func (d *streamDecoder) Read(p []byte) (int, error) {
	if len(d.pending) < 2 && d.err == nil {
		kept := copy(d.store[:], d.pending) // a lone digit left over, or nothing
		got, err := d.r.Read(d.store[kept:])
		d.err = err
		d.pending = d.store[:kept+got]
		if err == io.EOF && len(d.pending)&1 == 1 {
			if last := d.pending[len(d.pending)-1]; nibble(last) == 0xff {
				d.err = InvalidByteError(last)
			} else {
				d.err = io.ErrUnexpectedEOF
			}
		}
	}
	if whole := len(d.pending) / 2; len(p) > whole {
		p = p[:whole]
	}
	n, err := Decode(p, d.pending[:2*len(p)])
	d.pending = d.pending[2*n:]
	if err != nil {
		d.pending, d.err = nil, err
	}
	if len(d.pending) < 2 {
		return n, d.err
	}
	return n, nil
}

// Dumper returns a WriteCloser that writes the `hexdump -C` form of what it is given to
// w, a line per 16 bytes; Close ends a partial last line.
func Dumper(w io.Writer) io.WriteCloser { return &dumper{w: w} }

type dumper struct {
	w       io.Writer
	text    [18]byte // the printable form of the line's bytes, then "|\n"
	scratch [14]byte
	col     int  // bytes on the current line
	offset  uint // bytes written in all
	closed  bool
}

func printable(b byte) byte {
	if b >= ' ' && b <= '~' {
		return b
	}
	return '.'
}

// cell is the text after the digits of the byte in column col: a space, two in the middle,
// and "  |" after the last.
func cellTail(col int) string {
	switch col {
	case 7:
		return "  "
	case 15:
		return "  |"
	}
	return " "
}

func (d *dumper) Write(data []byte) (n int, err error) {
	if d.closed {
		return 0, errors.New("encoding/hex: dumper closed")
	}
	for _, b := range data {
		if d.col == 0 {
			// The offset as eight digits, then two spaces.
			off := d.offset
			for k := 7; k >= 0; k-- {
				d.scratch[k] = digits[off&15]
				off >>= 4
			}
			d.scratch[8], d.scratch[9] = ' ', ' '
			if _, err = d.w.Write(d.scratch[:10]); err != nil {
				return
			}
		}
		d.scratch[0], d.scratch[1] = digits[b>>4], digits[b&15]
		l := 2 + copy(d.scratch[2:], cellTail(d.col))
		if _, err = d.w.Write(d.scratch[:l]); err != nil {
			return
		}
		n++
		d.text[d.col] = printable(b)
		d.col++
		d.offset++
		if d.col == 16 {
			d.text[16], d.text[17] = '|', '\n'
			if _, err = d.w.Write(d.text[:]); err != nil {
				return
			}
			d.col = 0
		}
	}
	return
}

func (d *dumper) Close() (err error) {
	if d.closed {
		return
	}
	d.closed = true
	if d.col == 0 {
		return
	}
	// Blank cells up to the text column, each written as a byte's would be.
	used := d.col
	for ; d.col < 16; d.col++ {
		l := copy(d.scratch[:], "  ")
		l += copy(d.scratch[l:], cellTail(d.col))
		if _, err = d.w.Write(d.scratch[:l]); err != nil {
			return
		}
	}
	d.text[used], d.text[used+1] = '|', '\n'
	_, err = d.w.Write(d.text[:used+2])
	return
}
