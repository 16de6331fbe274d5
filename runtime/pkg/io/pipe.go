// Pipe: a synchronous in-memory pipe between goroutines, with Go 1.19's semantics
// (io/pipe.go): every Write blocks until readers have consumed all of its bytes, Writes
// are served one at a time, and closing either end wakes both with the closer's error
// (EOF for a writer's plain Close, ErrClosedPipe for a reader's, or the error given to
// CloseWithError; the first close's error sticks).
package io

import "sync"

// stickyError keeps the first error stored in it.
type stickyError struct {
	mu  sync.Mutex
	err error
}

func (s *stickyError) set(err error) {
	s.mu.Lock()
	if s.err == nil {
		s.err = err
	}
	s.mu.Unlock()
}

func (s *stickyError) get() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// pipe is the state both ends share. A Write hands its bytes over the offer channel; the
// Read that takes them answers on taken with how many it copied, and the Write offers the
// rest until none is left. closed is closed (once) by the first Close of either end.
type pipe struct {
	writing   sync.Mutex
	offer     chan []byte
	taken     chan int
	closeOnce sync.Once
	closed    chan struct{}
	readErr   stickyError // why the read end was closed
	writeErr  stickyError // why the write end was closed
}

// Pipe returns the two connected ends of a new pipe.
func Pipe() (*PipeReader, *PipeWriter) {
	p := &pipe{
		offer:  make(chan []byte),
		taken:  make(chan int),
		closed: make(chan struct{}),
	}
	return &PipeReader{p}, &PipeWriter{p}
}

func (p *pipe) isClosed() bool {
	select {
	case <-p.closed:
		return true
	default:
		return false
	}
}

func (p *pipe) shut() { p.closeOnce.Do(func() { close(p.closed) }) }

// readFailure is what a Read on a closed pipe returns: the writer's close error, unless
// the read end itself was closed.
func (p *pipe) readFailure() error {
	werr := p.writeErr.get()
	if p.readErr.get() == nil && werr != nil {
		return werr
	}
	return ErrClosedPipe
}

// writeFailure mirrors readFailure for a Write.
func (p *pipe) writeFailure() error {
	rerr := p.readErr.get()
	if p.writeErr.get() == nil && rerr != nil {
		return rerr
	}
	return ErrClosedPipe
}

func (p *pipe) read(b []byte) (int, error) {
	if p.isClosed() {
		return 0, p.readFailure()
	}
	select {
	case data := <-p.offer:
		n := copy(b, data)
		p.taken <- n
		return n, nil
	case <-p.closed:
		return 0, p.readFailure()
	}
}

func (p *pipe) write(b []byte) (n int, err error) {
	if p.isClosed() {
		return 0, p.writeFailure()
	}
	p.writing.Lock()
	defer p.writing.Unlock()
	// An empty write still waits for one Read, as Go's does.
	for first := true; first || len(b) > 0; first = false {
		select {
		case p.offer <- b:
			got := <-p.taken
			n += got
			b = b[got:]
		case <-p.closed:
			return n, p.writeFailure()
		}
	}
	return n, nil
}

// A PipeReader is the read half of a pipe.
type PipeReader struct{ p *pipe }

// Read waits for a Write or for the pipe to close; see Pipe.
func (r *PipeReader) Read(data []byte) (n int, err error) { return r.p.read(data) }

// Close closes the reader: Writes then fail with ErrClosedPipe.
func (r *PipeReader) Close() error { return r.CloseWithError(nil) }

// CloseWithError closes the reader so that Writes fail with err (ErrClosedPipe if nil).
// It keeps the first error and always returns nil.
func (r *PipeReader) CloseWithError(err error) error {
	if err == nil {
		err = ErrClosedPipe
	}
	r.p.readErr.set(err)
	r.p.shut()
	return nil
}

// A PipeWriter is the write half of a pipe.
type PipeWriter struct{ p *pipe }

// Write blocks until readers have taken all of data or the pipe closes; see Pipe.
func (w *PipeWriter) Write(data []byte) (n int, err error) { return w.p.write(data) }

// Close closes the writer: Reads then return EOF.
func (w *PipeWriter) Close() error { return w.CloseWithError(nil) }

// CloseWithError closes the writer so that Reads return err (EOF if nil). It keeps the
// first error and always returns nil.
func (w *PipeWriter) CloseWithError(err error) error {
	if err == nil {
		err = EOF
	}
	w.p.writeErr.set(err)
	w.p.shut()
	return nil
}
