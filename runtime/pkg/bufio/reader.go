// Reader: an io.Reader read through a buffer, with byte, rune, line and delimiter reads,
// peeking, discarding and unreading, following Go 1.19's bufio.Reader call for call (when
// it fills the buffer, when it reads straight into the caller's slice, which errors it
// keeps for later).

package bufio

import (
	"bytes"
	"io"
	"strings"
	"unicode/utf8"
)

// Reader buffers an io.Reader. The bytes mem[head:tail] are read from the source and not
// yet returned; err is the source's error, held until the buffered bytes are consumed.
type Reader struct {
	mem        []byte
	src        io.Reader
	head, tail int
	err        error
	// prevByte is the last byte returned, for UnreadByte (-1: none may be unread);
	// prevRune is the size of the last rune ReadRune returned (-1: UnreadRune refused).
	prevByte, prevRune int
}

// NewReaderSize returns a Reader on rd with a buffer of at least size bytes (16 at
// least). When rd already is a *Reader with such a buffer, it is returned itself.
func NewReaderSize(rd io.Reader, size int) *Reader {
	if have, ok := rd.(*Reader); ok && len(have.mem) >= size {
		return have
	}
	if size < minReadBufferSize {
		size = minReadBufferSize
	}
	fresh := new(Reader)
	fresh.start(make([]byte, size), rd)
	return fresh
}

// NewReader returns a Reader on rd with the default buffer size, 4096 bytes.
func NewReader(rd io.Reader) *Reader { return NewReaderSize(rd, defaultBufSize) }

// start makes br an empty Reader of src over buf.
func (br *Reader) start(buf []byte, src io.Reader) {
	*br = Reader{mem: buf, src: src, prevByte: -1, prevRune: -1}
}

// Reset drops whatever is buffered and makes br read from r (a zero Reader gets the
// default buffer).
func (br *Reader) Reset(r io.Reader) {
	mem := br.mem
	if mem == nil {
		mem = make([]byte, defaultBufSize)
	}
	br.start(mem, r)
}

// Size is the length of the buffer.
func (br *Reader) Size() int { return len(br.mem) }

// Buffered is the number of bytes that can be read without reading the source.
func (br *Reader) Buffered() int { return br.tail - br.head }

// forgetUnread makes UnreadByte and UnreadRune fail until the next read.
func (br *Reader) forgetUnread() {
	br.prevByte = -1
	br.prevRune = -1
}

// takeErr returns the held error and clears it.
func (br *Reader) takeErr() error {
	err := br.err
	br.err = nil
	return err
}

// checkCount panics when the source claimed a negative count.
func checkCount(n int) {
	if n < 0 {
		panic(errNegativeRead)
	}
}

// fill moves the buffered bytes to the front of the buffer and makes one successful read
// into the free space: it reads until the source returns data or an error (which is held),
// at most emptyReadLimit times, then holds io.ErrNoProgress. The buffer must not be full.
func (br *Reader) fill() {
	if br.head > 0 {
		br.tail = copy(br.mem, br.mem[br.head:br.tail])
		br.head = 0
	}
	if br.tail >= len(br.mem) {
		panic("bufio: tried to fill full buffer")
	}
	for tries := 0; tries < emptyReadLimit; tries++ {
		n, err := br.src.Read(br.mem[br.tail:])
		checkCount(n)
		br.tail += n
		if err != nil {
			br.err = err
			return
		}
		if n > 0 {
			return
		}
	}
	br.err = io.ErrNoProgress
}

// Peek returns the next n bytes without consuming them; the slice is valid until the next
// read. Fewer than n bytes come with the reason: the source's error, or ErrBufferFull
// when n exceeds the buffer.
func (br *Reader) Peek(n int) ([]byte, error) {
	if n < 0 {
		return nil, ErrNegativeCount
	}
	br.forgetUnread()
	for br.Buffered() < n && br.Buffered() < len(br.mem) && br.err == nil {
		br.fill()
	}
	if n > len(br.mem) {
		return br.mem[br.head:br.tail], ErrBufferFull
	}
	if have := br.Buffered(); have < n {
		err := br.takeErr()
		if err == nil {
			err = ErrBufferFull
		}
		return br.mem[br.head : br.head+have], err
	}
	return br.mem[br.head : br.head+n], nil
}

// Discard skips the next n bytes and returns how many it skipped; fewer than n come with
// the source's error.
func (br *Reader) Discard(n int) (discarded int, err error) {
	if n < 0 {
		return 0, ErrNegativeCount
	}
	if n == 0 {
		return 0, nil
	}
	br.forgetUnread()
	left := n
	for {
		if br.Buffered() == 0 {
			br.fill()
		}
		skip := br.Buffered()
		if skip > left {
			skip = left
		}
		br.head += skip
		left -= skip
		if left == 0 {
			return n, nil
		}
		if br.err != nil {
			return n - left, br.takeErr()
		}
	}
}

// Read reads into p from the buffer, or makes at most one read of the source: into p
// itself when the buffer is empty and p is at least as long as it. At the end it returns
// 0 and io.EOF.
func (br *Reader) Read(p []byte) (n int, err error) {
	if len(p) == 0 {
		if br.Buffered() > 0 {
			return 0, nil
		}
		return 0, br.takeErr()
	}
	if br.head == br.tail {
		if br.err != nil {
			return 0, br.takeErr()
		}
		if len(p) >= len(br.mem) {
			// Nothing to gain from the buffer: read straight into p.
			n, br.err = br.src.Read(p)
			checkCount(n)
			if n > 0 {
				br.prevByte = int(p[n-1])
				br.prevRune = -1
			}
			return n, br.takeErr()
		}
		br.head, br.tail = 0, 0
		n, br.err = br.src.Read(br.mem)
		checkCount(n)
		if n == 0 {
			return 0, br.takeErr()
		}
		br.tail = n
	}
	n = copy(p, br.mem[br.head:br.tail])
	br.head += n
	br.prevByte = int(br.mem[br.head-1])
	br.prevRune = -1
	return n, nil
}

// ReadByte reads one byte, or returns the source's error.
func (br *Reader) ReadByte() (byte, error) {
	br.prevRune = -1
	for br.head == br.tail {
		if br.err != nil {
			return 0, br.takeErr()
		}
		br.fill()
	}
	c := br.mem[br.head]
	br.head++
	br.prevByte = int(c)
	return c, nil
}

// UnreadByte puts back the last byte read; only a read (not Peek, Discard or WriteTo)
// may precede it.
func (br *Reader) UnreadByte() error {
	if br.prevByte < 0 || br.head == 0 && br.tail > 0 {
		return ErrInvalidUnreadByte
	}
	if br.head == 0 {
		// The buffer is empty (after a read straight into the caller's slice): the byte
		// becomes its only content.
		br.tail = 1
	} else {
		br.head--
	}
	br.mem[br.head] = byte(br.prevByte)
	br.forgetUnread()
	return nil
}

// ReadRune reads one UTF-8 encoded rune; an invalid or incomplete sequence reads as
// utf8.RuneError of size 1.
func (br *Reader) ReadRune() (r rune, size int, err error) {
	for br.head+utf8.UTFMax > br.tail && !utf8.FullRune(br.mem[br.head:br.tail]) && br.err == nil && br.Buffered() < len(br.mem) {
		br.fill()
	}
	br.prevRune = -1
	if br.head == br.tail {
		return 0, 0, br.takeErr()
	}
	if c := br.mem[br.head]; c < utf8.RuneSelf {
		r, size = rune(c), 1
	} else {
		r, size = utf8.DecodeRune(br.mem[br.head:br.tail])
	}
	br.head += size
	br.prevByte = int(br.mem[br.head-1])
	br.prevRune = size
	return r, size, nil
}

// UnreadRune puts back the last rune; only a ReadRune may precede it.
func (br *Reader) UnreadRune() error {
	if br.prevRune < 0 || br.head < br.prevRune {
		return ErrInvalidUnreadRune
	}
	br.head -= br.prevRune
	br.forgetUnread()
	return nil
}

// ReadSlice reads up to and including delim and returns a view of the buffer, valid until
// the next read. Without delim it returns what it has with the source's error, or the
// whole buffer with ErrBufferFull when the buffer fills first.
func (br *Reader) ReadSlice(delim byte) (line []byte, err error) {
	searched := 0 // bytes of mem[head:tail] known not to hold delim
	for {
		if i := bytes.IndexByte(br.mem[br.head+searched:br.tail], delim); i >= 0 {
			end := br.head + searched + i + 1
			line = br.mem[br.head:end]
			br.head = end
			break
		}
		if br.err != nil {
			line = br.mem[br.head:br.tail]
			br.head = br.tail
			err = br.takeErr()
			break
		}
		if br.Buffered() >= len(br.mem) {
			br.head = br.tail
			line = br.mem
			err = ErrBufferFull
			break
		}
		searched = br.Buffered()
		br.fill()
	}
	if len(line) > 0 {
		br.prevByte = int(line[len(line)-1])
		br.prevRune = -1
	}
	return line, err
}

// ReadLine returns one line without its "\n" or "\r\n", as a view of the buffer. A line
// longer than the buffer comes in pieces with isPrefix set; a "\r" that ends a full buffer
// is left for the next call, in case a "\n" follows it.
func (br *Reader) ReadLine() (line []byte, isPrefix bool, err error) {
	line, err = br.ReadSlice('\n')
	if err == ErrBufferFull {
		if n := len(line); n > 0 && line[n-1] == '\r' {
			if br.head == 0 {
				panic("bufio: tried to rewind past start of buffer")
			}
			br.head--
			line = line[:n-1]
		}
		return line, true, nil
	}
	if len(line) == 0 {
		if err != nil {
			line = nil
		}
		return line, false, err
	}
	if line[len(line)-1] == '\n' {
		line = line[:len(line)-1]
		if n := len(line); n > 0 && line[n-1] == '\r' {
			line = line[:n-1]
		}
	}
	return line, false, nil
}

// readPieces reads up to and including delim, whatever the buffer size: the copies of the
// full buffers it went through, the last piece (a view of the buffer) and the total
// length; err is the source's error when delim was not found.
func (br *Reader) readPieces(delim byte) (full [][]byte, last []byte, total int, err error) {
	for {
		piece, e := br.ReadSlice(delim)
		if e != ErrBufferFull {
			return full, piece, total + len(piece), e
		}
		full = append(full, append([]byte(nil), piece...))
		total += len(piece)
	}
}

// ReadBytes reads up to and including delim into a new slice; without delim it returns
// the bytes read and the error that stopped it (often io.EOF).
func (br *Reader) ReadBytes(delim byte) ([]byte, error) {
	full, last, total, err := br.readPieces(delim)
	out := make([]byte, 0, total)
	for _, f := range full {
		out = append(out, f...)
	}
	return append(out, last...), err
}

// ReadString is ReadBytes returning a string.
func (br *Reader) ReadString(delim byte) (string, error) {
	full, last, total, err := br.readPieces(delim)
	var s strings.Builder
	s.Grow(total)
	for _, f := range full {
		s.Write(f)
	}
	s.Write(last)
	return s.String(), err
}

// flushTo writes the buffered bytes to w once and consumes what w took.
func (br *Reader) flushTo(w io.Writer) (int64, error) {
	n, err := w.Write(br.mem[br.head:br.tail])
	if n < 0 {
		panic(errNegativeWrite)
	}
	br.head += n
	return int64(n), err
}

// WriteTo writes the buffered bytes and then the rest of the source to w: through the
// source's WriteTo or w's ReadFrom when they have them, otherwise buffer by buffer. Reaching
// the end of the source is not an error.
func (br *Reader) WriteTo(w io.Writer) (n int64, err error) {
	br.forgetUnread()
	if n, err = br.flushTo(w); err != nil {
		return n, err
	}
	if wt, ok := br.src.(io.WriterTo); ok {
		m, err := wt.WriteTo(w)
		return n + m, err
	}
	if rf, ok := w.(io.ReaderFrom); ok {
		m, err := rf.ReadFrom(br.src)
		return n + m, err
	}
	if br.Buffered() < len(br.mem) {
		br.fill()
	}
	for br.head < br.tail {
		m, err := br.flushTo(w)
		n += m
		if err != nil {
			return n, err
		}
		br.fill()
	}
	if br.err == io.EOF {
		br.err = nil
	}
	return n, br.takeErr()
}
