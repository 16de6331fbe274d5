// Package exec runs external commands: Go 1.19's os/exec over os.StartProcess. A Cmd's
// Stdin, Stdout and Stderr that are *os.File go to the child as they are; any other
// io.Reader or io.Writer gets a pipe and a goroutine that copies through it, and Wait
// returns after the process has ended and every copy is done. Behaviour and texts (the
// errors, ExitError, the 32 KiB head and tail of stderr kept by Output, the PWD added for
// Dir, the environment deduplicated keeping the last of each key, an EPIPE on the stdin
// copy ignored) are Go 1.19's os/exec/exec.go and lp_unix.go.
package exec

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// Error is LookPath's failure for Name: not found, not executable, or found relative to the
// current directory (ErrDot).
type Error struct {
	Name string
	Err  error
}

func (e *Error) Error() string { return "exec: " + strconv.Quote(e.Name) + ": " + e.Err.Error() }

// Unwrap returns the reason.
func (e *Error) Unwrap() error { return e.Err }

// ErrNotFound is the reason when no directory of PATH holds the program.
var ErrNotFound = errors.New("executable file not found in $PATH")

// ErrDot is the reason when PATH found the program relative to the current directory.
var ErrDot = errors.New("cannot run executable found relative to current directory")

// ExitError is Wait's error for a command that did not exit with status 0. Stderr holds
// what the command wrote to its standard error when Output captured it.
type ExitError struct {
	*os.ProcessState
	Stderr []byte
}

func (e *ExitError) Error() string { return e.ProcessState.String() }

// Cmd is an external command, prepared, running or done. It cannot be run twice.
type Cmd struct {
	Path        string
	Args        []string
	Env         []string
	Dir         string
	Stdin       io.Reader
	Stdout      io.Writer
	Stderr      io.Writer
	ExtraFiles  []*os.File
	SysProcAttr *syscall.SysProcAttr

	Process      *os.Process
	ProcessState *os.ProcessState

	// Err is the error Command met looking the program up, returned by Start.
	Err error

	ctx context.Context

	// Descriptors of this process to close once the child has its copies, and once it has
	// been waited for; the copying goroutines and where their results arrive.
	afterStart []io.Closer
	afterWait  []io.Closer
	copiers    []func() error
	copyErrs   chan error
	ctxDone    chan error
}

// Command returns a Cmd to run name with the arguments arg. A name without a slash is
// looked up in PATH; a failure is kept in Err for Start to report.
func Command(name string, arg ...string) *Cmd {
	args := make([]string, 0, 1+len(arg))
	args = append(args, name)
	args = append(args, arg...)
	c := &Cmd{Path: name, Args: args}
	if filepath.Base(name) != name {
		return c
	}
	found, err := LookPath(name)
	if found != "" {
		c.Path = found
	}
	c.Err = err
	return c
}

// CommandContext is Command, with the process killed if ctx is done before it ends.
func CommandContext(ctx context.Context, name string, arg ...string) *Cmd {
	if ctx == nil {
		panic("nil Context")
	}
	c := Command(name, arg...)
	c.ctx = ctx
	return c
}

// String describes the command: its path and arguments.
func (c *Cmd) String() string {
	if c.Err != nil {
		return strings.Join(c.Args, " ")
	}
	var sb strings.Builder
	sb.WriteString(c.Path)
	for _, a := range c.Args[1:] { // as Go's, this panics for empty Args
		sb.WriteString(" " + a)
	}
	return sb.String()
}

func closeAll(list []io.Closer) {
	for _, x := range list {
		x.Close()
	}
}

// fail closes what Start opened so far and returns err.
func (c *Cmd) fail(err error) error {
	closeAll(c.afterStart)
	closeAll(c.afterWait)
	c.afterStart, c.afterWait = nil, nil
	return err
}

// devNull opens os.DevNull for the child (flag: O_RDONLY or O_WRONLY).
func (c *Cmd) devNull(flag int) (*os.File, error) {
	f, err := os.OpenFile(os.DevNull, flag, 0)
	if err != nil {
		return nil, err
	}
	c.afterStart = append(c.afterStart, f)
	return f, nil
}

// input gives the child's standard input.
func (c *Cmd) input() (*os.File, error) {
	if c.Stdin == nil {
		return c.devNull(os.O_RDONLY)
	}
	if f, ok := c.Stdin.(*os.File); ok {
		return f, nil
	}
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	c.afterStart = append(c.afterStart, r)
	c.afterWait = append(c.afterWait, w)
	src := c.Stdin
	c.copiers = append(c.copiers, func() error {
		_, err := io.Copy(w, src)
		// A command that exits without reading all of its input is no error of ours.
		if pe, ok := err.(*fs.PathError); ok && pe.Op == "write" && pe.Path == "|1" && pe.Err == syscall.EPIPE {
			err = nil
		}
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		return err
	})
	return r, nil
}

// output gives the child a descriptor that writes to dst.
func (c *Cmd) output(dst io.Writer) (*os.File, error) {
	if dst == nil {
		return c.devNull(os.O_WRONLY)
	}
	if f, ok := dst.(*os.File); ok {
		return f, nil
	}
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	c.afterStart = append(c.afterStart, w)
	c.afterWait = append(c.afterWait, r)
	c.copiers = append(c.copiers, func() error {
		_, err := io.Copy(dst, r)
		r.Close() // a failed write must not leave the child blocked on a full pipe
		return err
	})
	return w, nil
}

// sameWriter reports whether Stdout and Stderr are one writer (an uncomparable pair is
// not, as Go's recover from the failed comparison says).
func sameWriter(a, b io.Writer) (same bool) {
	defer func() {
		if recover() != nil {
			same = false
		}
	}()
	return a == b
}

// Start starts the command without waiting for it.
func (c *Cmd) Start() error {
	if c.Path == "" && c.Err == nil {
		c.Err = errors.New("exec: no command")
	}
	if c.Err != nil {
		return c.fail(c.Err)
	}
	if c.Process != nil {
		return errors.New("exec: already started")
	}
	if c.ctx != nil {
		select {
		case <-c.ctx.Done():
			return c.fail(c.ctx.Err())
		default:
		}
	}
	files := make([]*os.File, 3, 3+len(c.ExtraFiles))
	var err error
	if files[0], err = c.input(); err != nil {
		return c.fail(err)
	}
	if files[1], err = c.output(c.Stdout); err != nil {
		return c.fail(err)
	}
	if c.Stderr != nil && sameWriter(c.Stderr, c.Stdout) {
		files[2] = files[1]
	} else if files[2], err = c.output(c.Stderr); err != nil {
		return c.fail(err)
	}
	files = append(files, c.ExtraFiles...)
	env, err := c.environ()
	if err != nil {
		return err
	}
	c.Process, err = os.StartProcess(c.Path, c.argv(), &os.ProcAttr{
		Dir: c.Dir, Env: env, Files: files, Sys: c.SysProcAttr,
	})
	if err != nil {
		return c.fail(err)
	}
	closeAll(c.afterStart)
	c.afterStart = nil
	if n := len(c.copiers); n > 0 {
		c.copyErrs = make(chan error, n)
		for _, f := range c.copiers {
			go func(f func() error) { c.copyErrs <- f() }(f)
		}
	}
	if c.ctx != nil {
		c.ctxDone = make(chan error)
		go c.watch()
	}
	return nil
}

// watch kills the process if the context ends first; it sends Wait the context's error
// (or nil, when Wait came first).
func (c *Cmd) watch() {
	select {
	case c.ctxDone <- nil:
		return
	case <-c.ctx.Done():
	}
	var err error
	if kerr := c.Process.Kill(); kerr == nil {
		err = c.ctx.Err()
	} else if !errors.Is(kerr, os.ErrProcessDone) {
		err = &prefixed{"exec: error sending signal to Cmd", kerr}
	}
	c.ctxDone <- err
}

type prefixed struct {
	prefix string
	err    error
}

func (p *prefixed) Error() string { return p.prefix + ": " + p.err.Error() }
func (p *prefixed) Unwrap() error { return p.err }

func (c *Cmd) argv() []string {
	if len(c.Args) == 0 {
		return []string{c.Path}
	}
	return c.Args
}

// Wait waits for the started command to end and for its copies to finish, then closes its
// pipes. A command that did not exit with status 0 gives an *ExitError.
func (c *Cmd) Wait() error {
	if c.Process == nil {
		return errors.New("exec: not started")
	}
	if c.ProcessState != nil {
		return errors.New("exec: Wait was already called")
	}
	st, err := c.Process.Wait()
	if err == nil && !st.Success() {
		err = &ExitError{ProcessState: st}
	}
	c.ProcessState = st
	var copyErr error
	for range c.copiers {
		if e := <-c.copyErrs; e != nil && copyErr == nil {
			copyErr = e
		}
	}
	c.copiers = nil
	if c.ctxDone != nil {
		if e := <-c.ctxDone; e != nil && err == nil {
			err = e
		}
	}
	if err == nil {
		err = copyErr
	}
	closeAll(c.afterWait)
	c.afterWait = nil
	return err
}

// Run starts the command and waits for it.
func (c *Cmd) Run() error {
	if err := c.Start(); err != nil {
		return err
	}
	return c.Wait()
}

// Output runs the command and returns its standard output. With Stderr unset, a failure's
// *ExitError carries what it wrote to standard error.
func (c *Cmd) Output() ([]byte, error) {
	if c.Stdout != nil {
		return nil, errors.New("exec: Stdout already set")
	}
	var out bytes.Buffer
	c.Stdout = &out
	var keep *headTail
	if c.Stderr == nil {
		keep = &headTail{max: 32 << 10}
		c.Stderr = keep
	}
	err := c.Run()
	if ee, ok := err.(*ExitError); ok && keep != nil {
		ee.Stderr = keep.bytes()
	}
	return out.Bytes(), err
}

// CombinedOutput runs the command and returns its standard output and error together.
func (c *Cmd) CombinedOutput() ([]byte, error) {
	if c.Stdout != nil {
		return nil, errors.New("exec: Stdout already set")
	}
	if c.Stderr != nil {
		return nil, errors.New("exec: Stderr already set")
	}
	var both bytes.Buffer
	c.Stdout = &both
	c.Stderr = &both
	err := c.Run()
	return both.Bytes(), err
}

// onceCloser is StdinPipe's writer: closing it twice (by the caller, then by Wait) closes
// the pipe once and gives the first result both times.
type onceCloser struct {
	*os.File
	once sync.Once
	err  error
}

func (o *onceCloser) Close() error {
	o.once.Do(func() { o.err = o.File.Close() })
	return o.err
}

// StdinPipe returns a pipe to the command's standard input, closed by Wait.
func (c *Cmd) StdinPipe() (io.WriteCloser, error) {
	if c.Stdin != nil {
		return nil, errors.New("exec: Stdin already set")
	}
	if c.Process != nil {
		return nil, errors.New("exec: StdinPipe after process started")
	}
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	c.Stdin = r
	c.afterStart = append(c.afterStart, r)
	wc := &onceCloser{File: w}
	c.afterWait = append(c.afterWait, wc)
	return wc, nil
}

// outPipe makes the pipe of StdoutPipe or StderrPipe.
func (c *Cmd) outPipe(dst *io.Writer, name string) (io.ReadCloser, error) {
	if *dst != nil {
		return nil, errors.New("exec: " + name + " already set")
	}
	if c.Process != nil {
		return nil, errors.New("exec: " + name + "Pipe after process started")
	}
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	*dst = w
	c.afterStart = append(c.afterStart, w)
	c.afterWait = append(c.afterWait, r)
	return r, nil
}

// StdoutPipe returns a pipe from the command's standard output, closed by Wait: read it
// all before calling Wait.
func (c *Cmd) StdoutPipe() (io.ReadCloser, error) { return c.outPipe(&c.Stdout, "Stdout") }

// StderrPipe returns a pipe from the command's standard error, closed by Wait.
func (c *Cmd) StderrPipe() (io.ReadCloser, error) { return c.outPipe(&c.Stderr, "Stderr") }

// Environ returns the environment the command would run with.
func (c *Cmd) Environ() []string {
	env, _ := c.environ()
	return env
}

// environ is Env, or this process's environment with PWD set for Dir, without NULs and with
// the last setting of each key kept in its place.
func (c *Cmd) environ() ([]string, error) {
	var err error
	env := c.Env
	if env == nil {
		env = os.Environ()
		if c.Dir != "" {
			abs, aerr := filepath.Abs(c.Dir)
			if aerr != nil {
				err = aerr
			} else {
				env = append(env, "PWD="+abs)
			}
		}
	}
	seen := make(map[string]bool, len(env))
	kept := make([]string, len(env))
	n := len(env)
	for i := len(env) - 1; i >= 0; i-- {
		kv := env[i]
		if strings.IndexByte(kv, 0) >= 0 {
			err = errors.New("exec: environment variable contains NUL")
			continue
		}
		// The key ends at the first '=', or at the second for one that starts with '='
		// (a Windows-style "=C:" key).
		eq := strings.IndexByte(kv, '=')
		if eq == 0 {
			eq = strings.IndexByte(kv[1:], '=') + 1
		}
		if eq < 0 {
			if kv != "" {
				n--
				kept[n] = kv
			}
			continue
		}
		if seen[kv[:eq]] {
			continue
		}
		seen[kv[:eq]] = true
		n--
		kept[n] = kv
	}
	return kept[n:], err
}

// headTail keeps the first and the last max bytes written to it, as Output keeps stderr.
type headTail struct {
	max     int
	head    []byte
	tail    []byte // a ring once full, next at pos
	pos     int
	dropped int64
}

func (h *headTail) Write(p []byte) (int, error) {
	n := len(p)
	if room := h.max - len(h.head); room > 0 {
		if room > len(p) {
			room = len(p)
		}
		h.head = append(h.head, p[:room]...)
		p = p[room:]
	}
	if extra := len(p) - h.max; extra > 0 {
		h.dropped += int64(extra)
		p = p[extra:]
	}
	if room := h.max - len(h.tail); room > 0 {
		if room > len(p) {
			room = len(p)
		}
		h.tail = append(h.tail, p[:room]...)
		p = p[room:]
	}
	for len(p) > 0 {
		k := copy(h.tail[h.pos:], p)
		p = p[k:]
		h.dropped += int64(k)
		h.pos = (h.pos + k) % h.max
	}
	return n, nil
}

func (h *headTail) bytes() []byte {
	if h.tail == nil {
		return h.head
	}
	if h.dropped == 0 {
		return append(h.head, h.tail...)
	}
	var b bytes.Buffer
	b.Write(h.head)
	b.WriteString("\n... omitting " + strconv.FormatInt(h.dropped, 10) + " bytes ...\n")
	b.Write(h.tail[h.pos:])
	b.Write(h.tail[:h.pos])
	return b.Bytes()
}
