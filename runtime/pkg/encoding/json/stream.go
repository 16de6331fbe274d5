// Package json: stream.go is the Decoder, which reads a stream of JSON values. Its reading
// pattern is Go 1.19's, because Buffered and InputOffset show it: the buffer is refilled by
// one Read into its free space after the unread bytes are moved to the front, and grows to
// twice its capacity plus 512 when fewer than 512 bytes are free; a value ends at the byte
// after it for numbers and words (at its last byte for strings, arrays and objects); a
// stream that ends inside a value is io.ErrUnexpectedEOF, one that ends between values
// io.EOF; a syntax error's offset counts every byte dropped since the decoder was made.
package json

import (
	"bytes"
	"io"
)

// A Decoder reads and decodes JSON values from an input stream.
type Decoder struct {
	r       io.Reader
	pending []byte
	d       decodeState
	rd      int   // where unread data starts in pending
	dropped int64 // bytes dropped from the front of pending so far
	scan    scanner
	err     error

	tstate int
	tstack []int
}

// NewDecoder returns a new decoder that reads from r.
func NewDecoder(r io.Reader) *Decoder {
	return &Decoder{r: r}
}

// UseNumber makes the Decoder decode numbers into interface{} values as Number.
func (dr *Decoder) UseNumber() { dr.d.useNumber = true }

// DisallowUnknownFields makes Decode fail on object keys that match no struct field.
func (dr *Decoder) DisallowUnknownFields() { dr.d.strict = true }

// Decode reads the next JSON-encoded value from its input and stores it in v.
func (dr *Decoder) Decode(v any) error {
	if dr.err != nil {
		return dr.err
	}
	if err := dr.consumeSeparator(); err != nil {
		return err
	}
	if !dr.valueAllowed() {
		return &SyntaxError{msg: "not at beginning of value", Offset: dr.InputOffset()}
	}
	n, err := dr.readValue()
	if err != nil {
		return err
	}
	dr.d.data = dr.pending[dr.rd : dr.rd+n]
	dr.d.pos = 0
	dr.d.saved = nil
	dr.d.inStruct = nil
	dr.d.path = dr.d.path[:0]
	dr.rd += n
	err = dr.d.unmarshal(v)
	dr.valueDone()
	return err
}

// Buffered returns a reader of the data remaining in the Decoder's buffer.
func (dr *Decoder) Buffered() io.Reader {
	return bytes.NewReader(dr.pending[dr.rd:])
}

// readValue scans the next whole value into pending and returns its length from rd.
func (dr *Decoder) readValue() (int, error) {
	dr.scan.reset()
	i := dr.rd
	var err error
	for {
		for ; i < len(dr.pending); i++ {
			c := dr.pending[i]
			dr.scan.bytes++
			switch dr.scan.step(c) {
			case opEnd:
				// The byte after a number or word ends it; it is not part of the value.
				dr.scan.bytes--
				return i - dr.rd, nil
			case opEndObject, opEndArray:
				// A closing bracket may end the value; look no further for it.
				if dr.scan.state == stAfterTop {
					return i + 1 - dr.rd, nil
				}
			case opError:
				dr.err = dr.scan.err
				return 0, dr.scan.err
			}
		}
		if err != nil {
			if err == io.EOF {
				if dr.scan.step(' ') == opEnd {
					return i - dr.rd, nil
				}
				if hasNonSpace(dr.pending) {
					err = io.ErrUnexpectedEOF
				}
			}
			dr.err = err
			return 0, err
		}
		n := i - dr.rd
		err = dr.refill()
		i = dr.rd + n
	}
}

func hasNonSpace(b []byte) bool {
	for _, c := range b {
		if !spaceByte(c) {
			return true
		}
	}
	return false
}

func (dr *Decoder) refill() error {
	if dr.rd > 0 {
		dr.dropped += int64(dr.rd)
		n := copy(dr.pending, dr.pending[dr.rd:])
		dr.pending = dr.pending[:n]
		dr.rd = 0
	}
	const minRead = 512
	if cap(dr.pending)-len(dr.pending) < minRead {
		bigger := make([]byte, len(dr.pending), 2*cap(dr.pending)+minRead)
		copy(bigger, dr.pending)
		dr.pending = bigger
	}
	n, err := dr.r.Read(dr.pending[len(dr.pending):cap(dr.pending)])
	dr.pending = dr.pending[:len(dr.pending)+n]
	return err
}

// peek returns the next non-space byte, reading more input if needed.
func (dr *Decoder) peek() (byte, error) {
	var err error
	for {
		for i := dr.rd; i < len(dr.pending); i++ {
			c := dr.pending[i]
			if spaceByte(c) {
				continue
			}
			dr.rd = i
			return c, nil
		}
		if err != nil {
			return 0, err
		}
		err = dr.refill()
	}
}

// InputOffset returns the input stream byte offset of the current decoder position.
func (dr *Decoder) InputOffset() int64 {
	return dr.dropped + int64(dr.rd)
}
