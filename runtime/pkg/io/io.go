// Package io holds the interfaces that every stream of bytes in Go's standard library
// speaks (Reader, Writer and their relatives), the errors they report, and the helpers that
// move bytes between them, with the API and behaviour of Go 1.19's package io: its
// documentation is the specification and the error texts are Go's (io/io.go).
//
// By concern: io.go declares the interfaces and errors and the read helpers (ReadAtLeast,
// ReadFull, ReadAll, WriteString); copy.go moves bytes (Copy, CopyN, CopyBuffer);
// section.go wraps readers (LimitedReader, SectionReader, TeeReader, NopCloser, Discard);
// multi.go joins them (MultiReader, MultiWriter); pipe.go is the synchronous Pipe.
package io

import "errors"

// The whence values of Seek (io/io.go).
const (
	SeekStart   = 0 // relative to the origin
	SeekCurrent = 1 // relative to the current offset
	SeekEnd     = 2 // relative to the end
)

// The errors of the package, with Go's texts (io/io.go, io/pipe.go).
var (
	// EOF is what Read returns when no more input is available. It is not wrapped: callers
	// compare with ==.
	EOF = errors.New("EOF")
	// ErrUnexpectedEOF: the input ended inside a block of fixed size.
	ErrUnexpectedEOF = errors.New("unexpected EOF")
	// ErrShortWrite: a Write accepted fewer bytes than asked without an error.
	ErrShortWrite = errors.New("short write")
	// ErrShortBuffer: a read needed a longer buffer than it was given.
	ErrShortBuffer = errors.New("short buffer")
	// ErrNoProgress: a Reader kept returning no data and no error.
	ErrNoProgress = errors.New("multiple Read calls return no data or error")
	// ErrClosedPipe: a read or write on a closed Pipe end.
	ErrClosedPipe = errors.New("io: read/write on closed pipe")

	// errInvalidWrite: a Write reported a count outside 0..len(p) (io/io.go).
	errInvalidWrite = errors.New("invalid write result")
)

type (
	// Reader reads up to len(p) bytes into p and returns how many it read, 0 <= n <= len(p),
	// and io.EOF (possibly with n > 0) once the input is exhausted.
	Reader interface {
		Read(into []byte) (n int, err error)
	}

	// Writer writes len(p) bytes from p; n < len(p) only with a non-nil error.
	Writer interface {
		Write(from []byte) (n int, err error)
	}

	// Closer releases a resource.
	Closer interface {
		Close() error
	}

	// Seeker moves the offset of the next Read or Write, interpreted by whence.
	Seeker interface {
		Seek(offset int64, whence int) (pos int64, err error)
	}
)

// The combinations of the four basic interfaces.
type (
	ReadWriter interface {
		Reader
		Writer
	}
	ReadCloser interface {
		Reader
		Closer
	}
	WriteCloser interface {
		Writer
		Closer
	}
	ReadWriteCloser interface {
		Reader
		Writer
		Closer
	}
	ReadSeeker interface {
		Reader
		Seeker
	}
	ReadSeekCloser interface {
		Reader
		Seeker
		Closer
	}
	WriteSeeker interface {
		Writer
		Seeker
	}
	ReadWriteSeeker interface {
		Reader
		Writer
		Seeker
	}
)

type (
	// ReaderFrom reads from r until EOF or an error; Copy prefers it on its destination.
	ReaderFrom interface {
		ReadFrom(src Reader) (n int64, err error)
	}

	// WriterTo writes its data to w; Copy prefers it on its source.
	WriterTo interface {
		WriteTo(dst Writer) (n int64, err error)
	}

	// ReaderAt reads len(p) bytes at offset off of the input, independently of any offset.
	ReaderAt interface {
		ReadAt(into []byte, at int64) (n int, err error)
	}

	// WriterAt writes len(p) bytes at offset off.
	WriterAt interface {
		WriteAt(from []byte, at int64) (n int, err error)
	}
)

// Byte- and rune-wise reading and writing, and string writing.
type (
	ByteReader interface {
		ReadByte() (c byte, err error)
	}
	ByteScanner interface {
		ByteReader
		UnreadByte() error
	}
	ByteWriter interface {
		WriteByte(b byte) error
	}
	RuneReader interface {
		ReadRune() (ch rune, size int, err error)
	}
	RuneScanner interface {
		RuneReader
		UnreadRune() error
	}
	StringWriter interface {
		WriteString(str string) (n int, err error)
	}
)

// WriteString writes s to w: through w's own WriteString when it has one, otherwise as a
// []byte copy of s.
func WriteString(w Writer, s string) (n int, err error) {
	if direct, ok := w.(StringWriter); ok {
		return direct.WriteString(s)
	}
	return w.Write([]byte(s)) // a copy: Write may keep p
}

// ReadAtLeast reads into buf until it holds at least min bytes or a read fails. Go's rules
// (io/io.go): a buffer shorter than min is ErrShortBuffer before any read; reaching min
// clears any error of the last read; EOF after a partial read is ErrUnexpectedEOF.
func ReadAtLeast(r Reader, buf []byte, min int) (n int, err error) {
	if min > len(buf) {
		return n, ErrShortBuffer
	}
	for err == nil && n < min {
		var got int
		got, err = r.Read(buf[n:])
		n += got
	}
	switch {
	case n >= min:
		err = nil
	case n > 0 && err == EOF:
		return n, ErrUnexpectedEOF
	}
	return n, err
}

// ReadFull reads exactly len(buf) bytes: EOF if none were read, ErrUnexpectedEOF if only
// some were.
func ReadFull(r Reader, buf []byte) (n int, err error) {
	n, err = ReadAtLeast(r, buf, len(buf))
	return n, err
}

// ReadAll reads r to EOF and returns everything read; EOF itself is not an error. As in Go
// 1.19 the buffer starts with 512 bytes of capacity and grows as append decides, so the
// result's capacity matches go's.
func ReadAll(r Reader) ([]byte, error) {
	data := make([]byte, 0, 512)
	for {
		if cap(data) == len(data) {
			// Full: let append choose the next capacity, then take the byte back.
			data = append(data, 0)
			data = data[:len(data)-1]
		}
		got, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+got]
		if err == EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
	}
}
