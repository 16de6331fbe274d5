// MultiReader and MultiWriter: one Reader over several in sequence, one Writer that writes
// to several. Go 1.19's behaviour (io/multi.go): nested multiReaders and multiWriters are
// flattened, a MultiReader is a WriterTo, and a MultiWriter stops at the first failing
// writer.
package io

// MultiReader returns a Reader that reads readers one after the other; it returns EOF
// once all have, and stops at the first other error.
func MultiReader(readers ...Reader) Reader {
	own := make([]Reader, len(readers))
	copy(own, readers)
	return &multiReader{own}
}

type multiReader struct {
	queue []Reader // the readers not yet exhausted, in order
}

// exhausted stands in for a reader that has returned EOF, so that it can be freed.
type exhausted struct{}

func (exhausted) Read([]byte) (int, error) { return 0, EOF }

func (mr *multiReader) Read(p []byte) (n int, err error) {
	for len(mr.queue) != 0 {
		if len(mr.queue) < 2 {
			// A MultiReader whose last reader is a MultiReader reads that one's readers
			// directly, so that chains do not nest ever deeper (Go issue 13558).
			if inner, ok := mr.queue[0].(*multiReader); ok {
				mr.queue = inner.queue
				continue
			}
		}
		head := mr.queue[0]
		n, err = head.Read(p)
		if err == EOF {
			mr.queue[0] = exhausted{}
			mr.queue = mr.queue[1:len(mr.queue)]
			if n == 0 {
				continue
			}
			if len(mr.queue) != 0 {
				// More readers follow: this EOF is not the end.
				err = nil
			}
		}
		return n, err
	}
	return 0, EOF
}

// WriteTo copies every remaining reader to w through one shared 32 KiB buffer. After an
// error the failing reader stays first, so that a later call resumes there.
func (mr *multiReader) WriteTo(w Writer) (int64, error) {
	return mr.copyTo(w, make([]byte, 32<<10))
}

func (mr *multiReader) copyTo(w Writer, buf []byte) (total int64, err error) {
	for i, src := range mr.queue {
		var n int64
		if inner, ok := src.(*multiReader); ok {
			n, err = inner.copyTo(w, buf)
		} else {
			n, err = copyVia(w, src, buf)
		}
		total += n
		if err != nil {
			mr.queue = mr.queue[i:]
			return total, err
		}
		mr.queue[i] = nil
	}
	mr.queue = nil
	return total, nil
}

// MultiWriter returns a Writer that duplicates each write to every writer, in order; a
// writer that fails or writes short ends the write with its error (ErrShortWrite for a
// short one).
func MultiWriter(writers ...Writer) Writer {
	var flat []Writer
	for _, w := range writers {
		if inner, ok := w.(*multiWriter); ok {
			flat = append(flat, inner.targets...)
		} else {
			flat = append(flat, w)
		}
	}
	return &multiWriter{flat}
}

type multiWriter struct {
	targets []Writer // flattened: no element is a *multiWriter
}

func (mw *multiWriter) Write(p []byte) (n int, err error) {
	for _, target := range mw.targets {
		n, err = target.Write(p)
		if err != nil {
			return n, err
		}
		if n != len(p) {
			return n, ErrShortWrite
		}
	}
	return len(p), nil
}

// WriteString writes s through each writer's WriteString where it has one; the others
// share one []byte copy of s, made when first needed.
func (mw *multiWriter) WriteString(s string) (n int, err error) {
	var p []byte
	for _, target := range mw.targets {
		if direct, ok := target.(StringWriter); ok {
			n, err = direct.WriteString(s)
		} else {
			if p == nil {
				p = []byte(s)
			}
			n, err = target.Write(p)
		}
		if err != nil {
			return n, err
		}
		if n != len(s) {
			return n, ErrShortWrite
		}
	}
	return len(s), nil
}
