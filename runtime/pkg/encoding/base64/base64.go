// Package base64 implements the base64 encodings of RFC 4648: tbuild's own implementation
// of Go 1.19's encoding/base64 API. What a program can observe follows Go's package: the
// panics and error texts, the offsets CorruptInputError reports, that CR and LF are skipped
// while decoding, and the bytes Decode writes into dst (whole 8- and 4-character groups are
// decoded in one store of 8 or 4 bytes when dst has room, as Go's does, so dst may change
// past the count Decode returns).
package base64

import (
	"io"
	"strconv"
)

// An Encoding is an alphabet of 64 characters with its padding rule.
type Encoding struct {
	alphabet [64]byte
	value    [256]byte // a character's 6-bit value, or invalid
	pad      rune
	strict   bool
}

const invalid = 0xff

const (
	StdPadding rune = '=' // the padding character of the standard encodings
	NoPadding  rune = -1  // no padding
)

const (
	stdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	urlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
)

// NewEncoding returns the padded Encoding with the 64-character alphabet encoder.
func NewEncoding(encoder string) *Encoding {
	if len(encoder) != 64 {
		panic("encoding alphabet is not 64-bytes long")
	}
	for k := 0; k < 64; k++ {
		if c := encoder[k]; c == '\n' || c == '\r' {
			panic("encoding alphabet contains newline character")
		}
	}
	e := &Encoding{pad: StdPadding}
	for k := range e.value {
		e.value[k] = invalid
	}
	for k := 0; k < 64; k++ {
		e.alphabet[k] = encoder[k]
		e.value[encoder[k]] = byte(k)
	}
	return e
}

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

// Strict returns a copy of enc that rejects input whose unused trailing bits are not zero.
func (enc Encoding) Strict() *Encoding {
	enc.strict = true
	return &enc
}

var (
	StdEncoding    = NewEncoding(stdAlphabet)
	URLEncoding    = NewEncoding(urlAlphabet)
	RawStdEncoding = StdEncoding.WithPadding(NoPadding)
	RawURLEncoding = URLEncoding.WithPadding(NoPadding)
)

// EncodedLen is the length of the encoding of n bytes.
func (enc *Encoding) EncodedLen(n int) int {
	if enc.pad == NoPadding {
		return (8*n + 5) / 6
	}
	return 4 * ((n + 2) / 3)
}

// DecodedLen is the most bytes n characters can decode to.
func (enc *Encoding) DecodedLen(n int) int {
	if enc.pad == NoPadding {
		return 6 * n / 8
	}
	return 3 * (n / 4)
}

// Encode writes the encoding of src, EncodedLen(len(src)) characters, into dst.
func (enc *Encoding) Encode(dst, src []byte) {
	if len(src) == 0 {
		return
	}
	out := 0
	whole := len(src) - len(src)%3
	for in := 0; in < whole; in += 3 {
		group := uint(src[in])<<16 | uint(src[in+1])<<8 | uint(src[in+2])
		dst[out] = enc.alphabet[group>>18&63]
		dst[out+1] = enc.alphabet[group>>12&63]
		dst[out+2] = enc.alphabet[group>>6&63]
		dst[out+3] = enc.alphabet[group&63]
		out += 4
	}
	left := len(src) - whole
	if left == 0 {
		return
	}
	group := uint(src[whole]) << 16
	if left == 2 {
		group |= uint(src[whole+1]) << 8
	}
	dst[out] = enc.alphabet[group>>18&63]
	dst[out+1] = enc.alphabet[group>>12&63]
	if left == 2 {
		dst[out+2] = enc.alphabet[group>>6&63]
		if enc.pad != NoPadding {
			dst[out+3] = byte(enc.pad)
		}
	} else if enc.pad != NoPadding {
		dst[out+2] = byte(enc.pad)
		dst[out+3] = byte(enc.pad)
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
	return "illegal base64 data at input byte " + strconv.FormatInt(int64(e), 10)
}

func isNewline(c byte) bool { return c == '\n' || c == '\r' }

// skipNewlines returns the first index at or after at that is not CR or LF.
func skipNewlines(src []byte, at int) int {
	for at < len(src) && isNewline(src[at]) {
		at++
	}
	return at
}

// quantum decodes one group of up to four characters (newlines skipped) from src[at:]
// into dst, and returns where the next group starts and how many bytes it wrote.
func (enc *Encoding) quantum(dst, src []byte, at int) (int, int, error) {
	var six [4]byte
	have := 0 // characters of the group read
	var err error
	for have < 4 {
		if at == len(src) {
			if have == 0 {
				return at, 0, nil
			}
			if have == 1 || enc.pad != NoPadding {
				return at, 0, CorruptInputError(at - have)
			}
			break
		}
		c := src[at]
		at++
		if v := enc.value[c]; v != invalid {
			six[have] = v
			have++
			continue
		}
		if isNewline(c) {
			continue
		}
		if rune(c) != enc.pad || have < 2 {
			return at, 0, CorruptInputError(at - 1)
		}
		if have == 2 {
			// One padding character needs a second.
			at = skipNewlines(src, at)
			if at == len(src) {
				return at, 0, CorruptInputError(len(src))
			}
			if rune(src[at]) != enc.pad {
				return at, 0, CorruptInputError(at - 1)
			}
			at++
		}
		// Only newlines may follow the padding.
		at = skipNewlines(src, at)
		if at < len(src) {
			err = CorruptInputError(at)
		}
		break
	}
	bits := uint(six[0])<<18 | uint(six[1])<<12 | uint(six[2])<<6 | uint(six[3])
	b0, b1, b2 := byte(bits>>16), byte(bits>>8), byte(bits)
	if have == 4 {
		dst[2] = b2
		b2 = 0
	}
	if have >= 3 {
		dst[1] = b1
		if enc.strict && b2 != 0 {
			return at, 0, CorruptInputError(at - 1)
		}
		b1 = 0
	}
	dst[0] = b0
	if enc.strict && (b1 != 0 || b2 != 0) {
		return at, 0, CorruptInputError(at - 2)
	}
	return at, have - 1, err
}

// Decode writes the bytes src encodes into dst and returns how many; newlines in src are
// skipped, and invalid input stops it with a CorruptInputError after the bytes before it.
func (enc *Encoding) Decode(dst, src []byte) (n int, err error) {
	if len(src) == 0 {
		return 0, nil
	}
	at := 0
	// Eight characters at a time while dst has room for a 64-bit store.
	for len(src)-at >= 8 && len(dst)-n >= 8 {
		var word uint64
		ok := true
		for k := 0; k < 8; k++ {
			v := enc.value[src[at+k]]
			if v == invalid {
				ok = false
				break
			}
			word |= uint64(v) << (58 - 6*k)
		}
		if ok {
			putBig(dst[n:n+8], word)
			n += 6
			at += 8
			continue
		}
		var got int
		at, got, err = enc.quantum(dst[n:], src, at)
		n += got
		if err != nil {
			return n, err
		}
	}
	// Then four at a time with 32-bit stores.
	for len(src)-at >= 4 && len(dst)-n >= 4 {
		var word uint32
		ok := true
		for k := 0; k < 4; k++ {
			v := enc.value[src[at+k]]
			if v == invalid {
				ok = false
				break
			}
			word |= uint32(v) << (26 - 6*k)
		}
		if ok {
			putBig(dst[n:n+4], uint64(word))
			n += 3
			at += 4
			continue
		}
		var got int
		at, got, err = enc.quantum(dst[n:], src, at)
		n += got
		if err != nil {
			return n, err
		}
	}
	for at < len(src) {
		var got int
		at, got, err = enc.quantum(dst[n:], src, at)
		n += got
		if err != nil {
			return n, err
		}
	}
	return n, err
}

// DecodeString returns the bytes s encodes.
func (enc *Encoding) DecodeString(s string) ([]byte, error) {
	out := make([]byte, enc.DecodedLen(len(s)))
	n, err := enc.Decode(out, []byte(s))
	return out[:n], err
}

type streamEncoder struct {
	err     error
	enc     *Encoding
	w       io.Writer
	partial [3]byte // bytes of an incomplete group
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
		if e.held < 3 {
			return n, nil
		}
		e.enc.Encode(e.out[:], e.partial[:])
		if _, e.err = e.w.Write(e.out[:4]); e.err != nil {
			return n, e.err
		}
		e.held = 0
	}
	for len(p) >= 3 {
		take := len(e.out) / 4 * 3
		if take > len(p) {
			take = len(p) - len(p)%3
		}
		e.enc.Encode(e.out[:], p[:take])
		if _, e.err = e.w.Write(e.out[:take/3*4]); e.err != nil {
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
		_, e.err = e.w.Write(e.out[:e.enc.EncodedLen(e.held)])
		e.held = 0
	}
	return e.err
}

// dropNewlines reads from r with the CR and LF bytes removed; a read that returns only
// newlines is followed by another.
type dropNewlines struct {
	r io.Reader
}

func (f *dropNewlines) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	for n > 0 {
		kept := 0
		for _, c := range p[:n] {
			if !isNewline(c) {
				p[kept] = c
				kept++
			}
		}
		if kept > 0 {
			return kept, err
		}
		n, err = f.r.Read(p)
	}
	return n, err
}

type streamDecoder struct {
	err     error // the decoder's own error, sticky
	readErr error // the reader's last error
	enc     *Encoding
	r       io.Reader
	in      [1024]byte // characters not decoded yet
	held    int
	ready   []byte // decoded bytes not returned yet
	store   [768]byte
}

// NewDecoder returns a Reader of the bytes encoded in what r gives.
func NewDecoder(enc *Encoding, r io.Reader) io.Reader {
	return &streamDecoder{enc: enc, r: &dropNewlines{r}}
}

func (d *streamDecoder) Read(p []byte) (n int, err error) {
	if len(d.ready) > 0 {
		n = copy(p, d.ready)
		d.ready = d.ready[n:]
		return n, nil
	}
	if d.err != nil {
		return 0, d.err
	}
	// Read at least one whole group, as much as p can take.
	for d.held < 4 && d.readErr == nil {
		want := len(p) / 3 * 4
		if want < 4 {
			want = 4
		}
		if want > len(d.in) {
			want = len(d.in)
		}
		var got int
		got, d.readErr = d.r.Read(d.in[d.held:want])
		d.held += got
	}
	if d.held < 4 {
		// The end: an unpadded encoding may end in a partial group.
		if d.enc.pad == NoPadding && d.held > 0 {
			var m int
			m, d.err = d.enc.Decode(d.store[:], d.in[:d.held])
			d.held = 0
			d.ready = d.store[:m]
			n = copy(p, d.ready)
			d.ready = d.ready[n:]
			if n > 0 || len(p) == 0 && len(d.ready) > 0 {
				return n, nil
			}
			if d.err != nil {
				return 0, d.err
			}
		}
		d.err = d.readErr
		if d.err == io.EOF && d.held > 0 {
			d.err = io.ErrUnexpectedEOF
		}
		return 0, d.err
	}
	chars := d.held - d.held%4
	if chars/4*3 > len(p) {
		var m int
		m, d.err = d.enc.Decode(d.store[:], d.in[:chars])
		d.ready = d.store[:m]
		n = copy(p, d.ready)
		d.ready = d.ready[n:]
	} else {
		n, d.err = d.enc.Decode(p, d.in[:chars])
	}
	d.held -= chars
	copy(d.in[:d.held], d.in[chars:])
	return n, d.err
}

// putBig stores the low len(b) bytes of x into b, most significant first, as
// binary.BigEndian's puts do (encoding/binary is not imported: it brings package reflect
// into every program that decodes base64, and tbuild's linker keeps what it links).
func putBig(b []byte, x uint64) {
	for i := len(b) - 1; i >= 0; i-- {
		b[i] = byte(x)
		x >>= 8
	}
}
