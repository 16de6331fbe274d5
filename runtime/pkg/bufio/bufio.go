// Package bufio implements buffered I/O with the API and the results of Go 1.19's package
// bufio: Reader and Writer wrap an io.Reader or io.Writer with a buffer, ReadWriter joins
// the two, and Scanner splits a stream into tokens (lines, words, runes, bytes or a split
// function of the caller's). Go's documentation and tests are the specification: the same
// calls make the same reads and writes on the wrapped value, return the same results and
// errors, and panic with the same values.
//
// By concern: reader.go is Reader, writer.go is Writer and ReadWriter, scan.go is Scanner
// and the split functions; this file holds what they share.
package bufio

import "errors"

// The errors of Reader and Writer, with Go's messages.
var (
	ErrInvalidUnreadByte = errors.New("bufio: invalid use of UnreadByte")
	ErrInvalidUnreadRune = errors.New("bufio: invalid use of UnreadRune")
	ErrBufferFull        = errors.New("bufio: buffer full")
	ErrNegativeCount     = errors.New("bufio: negative count")
)

// Panics for a wrapped Reader or Writer that reports a negative count.
var (
	errNegativeRead  = errors.New("bufio: reader returned negative count from Read")
	errNegativeWrite = errors.New("bufio: writer returned negative count from Write")
)

const (
	// defaultBufSize is the buffer size of NewReader, NewWriter and a zero value's Reset.
	defaultBufSize = 4096
	// minReadBufferSize is the smallest buffer NewReaderSize makes.
	minReadBufferSize = 16
	// emptyReadLimit is how many reads in a row may return nothing and no error before
	// a Reader, Writer.ReadFrom or Scanner gives up with io.ErrNoProgress; a Scanner also
	// panics after that many empty tokens without progress.
	emptyReadLimit = 100
)
