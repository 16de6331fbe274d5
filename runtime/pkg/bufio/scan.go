// Scanner: reading a stream as a sequence of tokens cut by a split function, with Go 1.19's
// buffer growth (4096 bytes doubling up to the maximum token size), its errors and panics;
// and the split functions ScanLines, ScanWords, ScanRunes and ScanBytes.

package bufio

import (
	"bytes"
	"errors"
	"io"
	"unicode/utf8"
)

// A SplitFunc is given the unprocessed data and whether the source has ended; it returns
// how many bytes to consume, the next token (nil: none yet, read more) and an error, which
// stops the scan (ErrFinalToken stops it after delivering the token).
type SplitFunc func(data []byte, atEOF bool) (advance int, token []byte, err error)

// The errors of Scanner, with Go's messages.
var (
	ErrTooLong         = scanError("token too long")
	ErrNegativeAdvance = scanError("SplitFunc returns negative advance count")
	ErrAdvanceTooFar   = scanError("SplitFunc returns advance count beyond input")
	ErrBadReadCount    = scanError("Read returned impossible count")
	// ErrFinalToken, returned by a split function, ends the scan after its token.
	ErrFinalToken = errors.New("final token")
)

func scanError(what string) error { return errors.New("bufio.Scanner: " + what) }

// MaxScanTokenSize is the default limit on a token's size (the buffer's, in fact).
const MaxScanTokenSize = 64 * 1024

// firstBufSize is the buffer's size once the first read needs one.
const firstBufSize = 4096

// Scanner reads tokens from src. data[lo:hi] is read and not yet consumed.
type Scanner struct {
	src      io.Reader
	split    SplitFunc
	maxToken int
	token    []byte
	data     []byte
	lo, hi   int
	err      error // the first error, io.EOF included; sticky
	empties  int   // empty tokens in a row at the end of the input
	started  bool  // Scan was called: Buffer and Split may no longer be
	finished bool  // ErrFinalToken was delivered
}

// NewScanner returns a Scanner of r that splits lines.
func NewScanner(r io.Reader) *Scanner {
	return &Scanner{src: r, split: ScanLines, maxToken: MaxScanTokenSize}
}

// Err is the error that stopped the scan, nil when it was the end of the input.
func (sc *Scanner) Err() error {
	if sc.err == io.EOF {
		return nil
	}
	return sc.err
}

// Bytes is the last token, a view of the buffer valid until the next Scan.
func (sc *Scanner) Bytes() []byte { return sc.token }

// Text is the last token as a new string.
func (sc *Scanner) Text() string { return string(sc.token) }

// Buffer gives the scanner its initial buffer (all of its capacity is used) and the
// largest buffer it may grow to. It panics once Scan has been called.
func (sc *Scanner) Buffer(buf []byte, max int) {
	if sc.started {
		panic("Buffer called after Scan")
	}
	sc.data = buf[:cap(buf)]
	sc.maxToken = max
}

// Split sets the split function. It panics once Scan has been called.
func (sc *Scanner) Split(split SplitFunc) {
	if sc.started {
		panic("Split called after Scan")
	}
	sc.split = split
}

// fail records err unless an error other than io.EOF is recorded already.
func (sc *Scanner) fail(err error) {
	if sc.err == nil || sc.err == io.EOF {
		sc.err = err
	}
}

// Scan moves to the next token and reports whether there is one; after false, Err tells
// why. A split function that keeps returning empty tokens at the end of the input without
// consuming anything makes it panic.
func (sc *Scanner) Scan() bool {
	if sc.finished {
		return false
	}
	sc.started = true
	for {
		// Offer the split function what is buffered (at the end, even nothing).
		if sc.hi > sc.lo || sc.err != nil {
			if tok, stop := sc.cut(); stop {
				return tok
			}
		}
		if sc.err != nil {
			sc.lo, sc.hi = 0, 0
			return false
		}
		if !sc.makeRoom() {
			return false
		}
		sc.read()
	}
}

// cut calls the split function once. stop reports that Scan must return tok now: a token
// was found, or the split function or its advance failed (then tok is false).
func (sc *Scanner) cut() (tok, stop bool) {
	atEOF := sc.err != nil
	advance, token, err := sc.split(sc.data[sc.lo:sc.hi], atEOF)
	if err != nil {
		if err == ErrFinalToken {
			sc.token = token
			sc.finished = true
			return true, true
		}
		sc.fail(err)
		return false, true
	}
	switch {
	case advance < 0:
		sc.fail(ErrNegativeAdvance)
		return false, true
	case advance > sc.hi-sc.lo:
		sc.fail(ErrAdvanceTooFar)
		return false, true
	}
	sc.lo += advance
	sc.token = token
	if token == nil {
		return false, false
	}
	if !atEOF || advance > 0 {
		sc.empties = 0
	} else {
		sc.empties++
		if sc.empties > emptyReadLimit {
			panic("bufio.Scan: too many empty tokens without progressing")
		}
	}
	return true, true
}

// makeRoom moves the unconsumed data to the front of the buffer when that frees space
// worth having, and grows a full buffer (doubling, up to maxToken). A full buffer that may
// not grow is ErrTooLong, and makeRoom returns false.
func (sc *Scanner) makeRoom() bool {
	if sc.lo > 0 && (sc.hi == len(sc.data) || sc.lo > len(sc.data)/2) {
		sc.hi = copy(sc.data, sc.data[sc.lo:sc.hi])
		sc.lo = 0
	}
	if sc.hi < len(sc.data) {
		return true
	}
	const maxInt = int(^uint(0) >> 1)
	if len(sc.data) >= sc.maxToken || len(sc.data) > maxInt/2 {
		sc.fail(ErrTooLong)
		return false
	}
	size := 2 * len(sc.data)
	if size == 0 {
		size = firstBufSize
	}
	if size > sc.maxToken {
		size = sc.maxToken
	}
	grown := make([]byte, size)
	sc.hi = copy(grown, sc.data[sc.lo:sc.hi])
	sc.lo = 0
	sc.data = grown
	return true
}

// read reads once into the free space, repeating reads that return nothing and no error
// up to emptyReadLimit times (then io.ErrNoProgress); an error is recorded.
func (sc *Scanner) read() {
	for tries := 0; ; {
		n, err := sc.src.Read(sc.data[sc.hi:])
		if n < 0 || n > len(sc.data)-sc.hi {
			sc.fail(ErrBadReadCount)
			return
		}
		sc.hi += n
		if err != nil {
			sc.fail(err)
			return
		}
		if n > 0 {
			sc.empties = 0
			return
		}
		tries++
		if tries > emptyReadLimit {
			sc.fail(io.ErrNoProgress)
			return
		}
	}
}

// ScanBytes makes each byte a token.
func ScanBytes(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if len(data) == 0 && atEOF {
		return 0, nil, nil
	}
	return 1, data[:1], nil
}

// runeError is the token ScanRunes returns for an invalid encoding: U+FFFD's bytes.
var runeError = []byte(string(utf8.RuneError))

// ScanRunes makes each UTF-8 encoded rune a token; each byte of an invalid encoding is a
// token of its own, U+FFFD.
func ScanRunes(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if len(data) == 0 && atEOF {
		return 0, nil, nil
	}
	if data[0] < utf8.RuneSelf {
		return 1, data[:1], nil
	}
	if _, size := utf8.DecodeRune(data); size > 1 {
		return size, data[:size], nil
	}
	if !atEOF && !utf8.FullRune(data) {
		return 0, nil, nil // the rest of the encoding may be coming
	}
	return 1, runeError, nil
}

// trimCR drops one trailing '\r'.
func trimCR(line []byte) []byte {
	if n := len(line); n > 0 && line[n-1] == '\r' {
		return line[:n-1]
	}
	return line
}

// ScanLines makes each line a token, without its "\n" or "\r\n"; the last line needs no
// newline, and an empty last line is no token.
func ScanLines(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		return i + 1, trimCR(data[:i]), nil
	}
	if atEOF && len(data) > 0 {
		return len(data), trimCR(data), nil
	}
	return 0, nil, nil
}

// isSpace is unicode.IsSpace: the white space of Latin-1 and Unicode's Zs and line and
// paragraph separators.
func isSpace(r rune) bool {
	switch {
	case r == ' ' || '\t' <= r && r <= '\r' || r == 0x85 || r == 0xA0:
		return true
	case r < 0x1680:
		return false
	case 0x2000 <= r && r <= 0x200A:
		return true
	}
	switch r {
	case 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
		return true
	}
	return false
}

// ScanWords makes each run of non-space runes a token (never an empty one).
func ScanWords(data []byte, atEOF bool) (advance int, token []byte, err error) {
	// Skip the leading space.
	from := 0
	for from < len(data) {
		r, size := utf8.DecodeRune(data[from:])
		if !isSpace(r) {
			break
		}
		from += size
	}
	for i := from; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if isSpace(r) {
			return i + size, data[from:i], nil
		}
		i += size
	}
	if atEOF && len(data) > from {
		return len(data), data[from:], nil
	}
	return from, nil, nil
}
