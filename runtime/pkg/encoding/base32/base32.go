// Package base32 implements the base32 encodings of RFC 4648: tbuild's own implementation
// of Go 1.19's encoding/base32 API, with Go's panics, error offsets and stream behaviour.
// Two of Go's quirks are kept because a program can see them: Encode fills up to eight
// characters of dst for a final partial group even when it is unpadded, and an unpadded
// encoding treats the byte 0xFF in its input as padding (Go compares with byte(NoPadding)).
package base32

import (
	"io"
	"strconv"
)

// An Encoding is an alphabet of 32 characters with its padding rule.
type Encoding struct {
	alphabet [32]byte
	value    [256]byte // a character's 5-bit value, or invalid
	pad      rune
}

const invalid = 0xff

const (
	StdPadding rune = '=' // the padding character of the standard encodings
	NoPadding  rune = -1  // no padding
)

// NewEncoding returns the padded Encoding with the 32-character alphabet encoder.
func NewEncoding(encoder string) *Encoding {
	if len(encoder) != 32 {
		panic("encoding alphabet is not 32-bytes long")
	}
	e := &Encoding{pad: StdPadding}
	copy(e.alphabet[:], encoder)
	for k := range e.value {
		e.value[k] = invalid
	}
	for k := 0; k < 32; k++ {
		e.value[encoder[k]] = byte(k)
	}
	return e
}

var (
	StdEncoding = NewEncoding("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
	HexEncoding = NewEncoding("0123456789ABCDEFGHIJKLMNOPQRSTUV")
)

// WithPadding returns a copy of enc padded with padding, or unpadded with NoPadding.
func (enc Encoding) WithPadding(padding rune) *Encoding {
	if padding == '\n' || padding == '\r' || padding > 0xff {
		panic("invalid padding")
	}
	for _, c := range enc.alphabet {
		if rune(c) == padding {
			panic("padding contained in alphabet")
		}
	}
	enc.pad = padding
	return &enc
}

// EncodedLen is the length of the encoding of n bytes.
func (enc *Encoding) EncodedLen(n int) int {
	if enc.pad == NoPadding {
		return (8*n + 4) / 5
	}
	return 8 * ((n + 4) / 5)
}

// DecodedLen is the most bytes n characters can decode to.
func (enc *Encoding) DecodedLen(n int) int {
	if enc.pad == NoPadding {
		return 5 * n / 8
	}
	return 5 * (n / 8)
}

// padChars is how many of a group's eight characters are padding after k bytes (1..4).
var padChars = [5]int{0, 6, 4, 3, 1}

// Encode writes the encoding of src, EncodedLen(len(src)) characters, into dst.
func (enc *Encoding) Encode(dst, src []byte) {
	for len(src) > 0 {
		// The group's 40 bits, the missing bytes zero.
		var bits uint64
		for k := 0; k < 5; k++ {
			bits <<= 8
			if k < len(src) {
				bits |= uint64(src[k])
			}
		}
		m := len(dst)
		if m > 8 {
			m = 8
		}
		for k := 0; k < m; k++ {
			dst[k] = enc.alphabet[bits>>(35-5*k)&31]
		}
		if len(src) < 5 {
			if enc.pad != NoPadding {
				for k := 7; k >= 8-padChars[len(src)]; k-- {
					dst[k] = byte(enc.pad) // last first, as Go's stores are
				}
			}
			return
		}
		src = src[5:]
		dst = dst[8:]
	}
}

// EncodeToString returns the encoding of src.
func (enc *Encoding) EncodeToString(src []byte) string {
	out := make([]byte, enc.EncodedLen(len(src)))
	enc.Encode(out, src)
	return string(out)
}

// CorruptInputError is the offset of the first byte of invalid input.
type CorruptInputError int64

func (e CorruptInputError) Error() string {
	return "illegal base32 data at input byte " + strconv.FormatInt(int64(e), 10)
}

// groupBytes is how many bytes a final group of k characters holds (0 when k is invalid).
var groupBytes = [9]int{0, 0, 1, 0, 2, 3, 0, 4, 5}

// decode decodes src, which holds no newlines, into dst; it reports whether it saw the
// end of the data (padding, or the end of an unpadded input).
func (enc *Encoding) decode(dst, src []byte) (n int, end bool, err error) {
	total := len(src)
	out := 0
	for len(src) > 0 && !end {
		var five [8]byte
		chars := 8
		for k := 0; k < 8; {
			if len(src) == 0 {
				if enc.pad != NoPadding {
					return n, false, CorruptInputError(total - k)
				}
				chars, end = k, true
				break
			}
			c := src[0]
			src = src[1:]
			if c == byte(enc.pad) && k >= 2 && len(src) < 8 {
				// Padding: the rest of the group must be padding too.
				if len(src)+k < 7 {
					return n, false, CorruptInputError(total)
				}
				for j := 0; j < 7-k; j++ {
					if j < len(src) && src[j] != byte(enc.pad) {
						return n, false, CorruptInputError(total - len(src) + j - 1)
					}
				}
				chars, end = k, true
				if groupBytes[k] == 0 {
					return n, false, CorruptInputError(total - len(src) - 1)
				}
				break
			}
			v := enc.value[c]
			if v == invalid {
				return n, false, CorruptInputError(total - len(src) - 1)
			}
			five[k] = v
			k++
		}
		var bits uint64
		for k := 0; k < 8; k++ {
			bits = bits<<5 | uint64(five[k])
		}
		// The bytes are stored last to first, as Go's do.
		for k := groupBytes[chars] - 1; k >= 0; k-- {
			dst[out+k] = byte(bits >> (32 - 8*k))
			n++
		}
		out += 5
	}
	return n, end, nil
}

// dropNewlinesTo copies src to dst without its CR and LF bytes and returns the length.
func dropNewlinesTo(dst, src []byte) int {
	k := 0
	for _, c := range src {
		if c != '\n' && c != '\r' {
			dst[k] = c
			k++
		}
	}
	return k
}

// Decode writes the bytes src encodes into dst and returns how many; newlines in src are
// skipped, and invalid input stops it with a CorruptInputError.
func (enc *Encoding) Decode(dst, src []byte) (n int, err error) {
	clean := make([]byte, len(src))
	m := dropNewlinesTo(clean, src)
	n, _, err = enc.decode(dst, clean[:m])
	return
}

// DecodeString returns the bytes s encodes.
func (enc *Encoding) DecodeString(s string) ([]byte, error) {
	buf := []byte(s)
	m := dropNewlinesTo(buf, buf)
	n, _, err := enc.decode(buf, buf[:m])
	return buf[:n], err
}

type streamEncoder struct {
	err     error
	enc     *Encoding
	w       io.Writer
	partial [5]byte
	held    int
	out     [1024]byte
}

// NewEncoder returns a WriteCloser that writes the encoding of what it is given to w;
// Close writes the last partial group.
func NewEncoder(enc *Encoding, w io.Writer) io.WriteCloser {
	return &streamEncoder{enc: enc, w: w}
}

func (e *streamEncoder) Write(p []byte) (n int, err error) {
	if e.err != nil {
		return 0, e.err
	}
	if e.held > 0 {
		k := copy(e.partial[e.held:], p)
		e.held += k
		n += k
		p = p[k:]
		if e.held < 5 {
			return n, nil
		}
		e.enc.Encode(e.out[:], e.partial[:])
		if _, e.err = e.w.Write(e.out[:8]); e.err != nil {
			return n, e.err
		}
		e.held = 0
	}
	for len(p) >= 5 {
		take := len(e.out) / 8 * 5
		if take > len(p) {
			take = len(p) - len(p)%5
		}
		e.enc.Encode(e.out[:], p[:take])
		if _, e.err = e.w.Write(e.out[:take/5*8]); e.err != nil {
			return n, e.err
		}
		n += take
		p = p[take:]
	}
	e.held = copy(e.partial[:], p)
	n += e.held
	return n, nil
}

func (e *streamEncoder) Close() error {
	if e.err == nil && e.held > 0 {
		e.enc.Encode(e.out[:], e.partial[:e.held])
		m := e.enc.EncodedLen(e.held)
		e.held = 0
		_, e.err = e.w.Write(e.out[:m])
	}
	return e.err
}

// dropNewlines reads from r with CR and LF removed; a read of only newlines and no error
// is followed by another.
type dropNewlines struct {
	r io.Reader
}

func (f *dropNewlines) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	for n > 0 {
		kept := dropNewlinesTo(p[:n], p[:n])
		if kept > 0 || err != nil {
			return kept, err
		}
		n, err = f.r.Read(p)
	}
	return n, err
}

type streamDecoder struct {
	err   error
	enc   *Encoding
	r     io.Reader
	end   bool // the data's end was decoded
	in    [1024]byte
	held  int
	ready []byte
	store [640]byte
}

// NewDecoder returns a Reader of the bytes encoded in what r gives.
func NewDecoder(enc *Encoding, r io.Reader) io.Reader {
	return &streamDecoder{enc: enc, r: &dropNewlines{r}}
}

// fill reads into buf until it holds least bytes or the reader fails.
func fill(r io.Reader, buf []byte, least int, padded bool) (n int, err error) {
	for n < least && err == nil {
		var got int
		got, err = r.Read(buf[n:])
		n += got
	}
	if err == io.EOF && n > 0 && n < least {
		err = io.ErrUnexpectedEOF
	}
	if err == io.EOF && padded && least < 8 && n == 0 {
		err = io.ErrUnexpectedEOF // a partial group was held
	}
	return
}

func (d *streamDecoder) Read(p []byte) (n int, err error) {
	if len(d.ready) > 0 {
		n = copy(p, d.ready)
		d.ready = d.ready[n:]
		if len(d.ready) == 0 {
			return n, d.err
		}
		return n, nil
	}
	if d.err != nil {
		return 0, d.err
	}
	want := len(p) / 5 * 8
	if want < 8 {
		want = 8
	}
	if want > len(d.in) {
		want = len(d.in)
	}
	least, padded := 1, false
	if d.enc.pad != NoPadding {
		least, padded = 8-d.held, true
	}
	var got int
	got, d.err = fill(d.r, d.in[d.held:want], least, padded)
	d.held += got
	if d.held < least {
		return 0, d.err
	}
	if got > 0 && d.end {
		return 0, CorruptInputError(0)
	}
	chars := d.held
	if padded {
		chars -= chars % 8
	}
	if d.enc.DecodedLen(d.held) > len(p) {
		var m int
		m, d.end, err = d.enc.decode(d.store[:], d.in[:chars])
		d.ready = d.store[:m]
		n = copy(p, d.ready)
		d.ready = d.ready[n:]
	} else {
		n, d.end, err = d.enc.decode(p, d.in[:chars])
	}
	d.held -= chars
	copy(d.in[:d.held], d.in[chars:chars+d.held])
	if err != nil && (d.err == nil || d.err == io.EOF) {
		d.err = err
	}
	if len(d.ready) > 0 {
		return n, nil
	}
	return n, d.err
}
