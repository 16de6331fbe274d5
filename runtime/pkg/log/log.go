// Package log: a Logger writes one line per event to an io.Writer, behind a mutex: an
// optional prefix, a header chosen by flags (local or UTC date, time to the second or the
// microsecond, the calling file and line), then the message, ending in one newline. The
// package-level functions use a standard Logger on os.Stderr; the Fatal forms exit with
// status 1 after writing, the Panic forms panic with the message.

package log

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// The header flags, one bit each, in Go's order; LstdFlags is the standard Logger's.
const (
	Ldate         = 1 << iota // yyyy/mm/dd
	Ltime                     // hh:mm:ss
	Lmicroseconds             // hh:mm:ss.uuuuuu (implies Ltime)
	Llongfile                 // the caller's full file name and line
	Lshortfile                // the file name's last element and line (wins over Llongfile)
	LUTC                      // date and time in UTC instead of the local zone
	Lmsgprefix                // the prefix goes right before the message, not first
	LstdFlags     = Ldate | Ltime
)

// A Logger writes formatted lines to its writer; one Logger may be used by many goroutines
// at once, each line being written with a single Write.
type Logger struct {
	mu      sync.Mutex
	prefix  string
	flag    int
	out     io.Writer
	line    []byte      // the line being assembled, reused
	discard atomic.Bool // out is io.Discard: the Print forms skip formatting
}

// New returns a Logger writing to out, with the given prefix and header flags.
func New(out io.Writer, prefix string, flag int) *Logger {
	l := &Logger{prefix: prefix, flag: flag, out: out}
	l.discard.Store(out == io.Discard)
	return l
}

var std = New(os.Stderr, "", LstdFlags)

// Default returns the standard Logger, which the package-level functions use.
func Default() *Logger { return std }

// SetOutput changes where l writes.
func (l *Logger) SetOutput(w io.Writer) {
	l.mu.Lock()
	l.out = w
	l.discard.Store(w == io.Discard)
	l.mu.Unlock()
}

// Writer returns where l writes.
func (l *Logger) Writer() io.Writer {
	l.mu.Lock()
	w := l.out
	l.mu.Unlock()
	return w
}

// Flags returns l's header flags.
func (l *Logger) Flags() int {
	l.mu.Lock()
	f := l.flag
	l.mu.Unlock()
	return f
}

// SetFlags replaces l's header flags.
func (l *Logger) SetFlags(flag int) {
	l.mu.Lock()
	l.flag = flag
	l.mu.Unlock()
}

// Prefix returns l's prefix.
func (l *Logger) Prefix() string {
	l.mu.Lock()
	p := l.prefix
	l.mu.Unlock()
	return p
}

// SetPrefix replaces l's prefix.
func (l *Logger) SetPrefix(prefix string) {
	l.mu.Lock()
	l.prefix = prefix
	l.mu.Unlock()
}

// appendPadded appends the decimal digits of the non-negative n, with leading zeros up to
// width digits.
func appendPadded(b []byte, n, width int) []byte {
	var digits [20]byte
	i := len(digits)
	for n > 0 || len(digits)-i < width || i == len(digits) {
		i--
		digits[i] = byte('0' + n%10)
		n /= 10
	}
	return append(b, digits[i:]...)
}

// header appends what comes before the message: the prefix (unless Lmsgprefix), the date,
// the time, the file and line, and the prefix (with Lmsgprefix), as the flags ask.
func (l *Logger) header(b []byte, now time.Time, file string, line int) []byte {
	f := l.flag
	if f&Lmsgprefix == 0 {
		b = append(b, l.prefix...)
	}
	if f&(Ldate|Ltime|Lmicroseconds) != 0 {
		if f&LUTC != 0 {
			now = now.UTC()
		}
		if f&Ldate != 0 {
			y, m, d := now.Date()
			b = appendPadded(b, y, 4)
			b = append(b, '/')
			b = appendPadded(b, int(m), 2)
			b = append(b, '/')
			b = appendPadded(b, d, 2)
			b = append(b, ' ')
		}
		if f&(Ltime|Lmicroseconds) != 0 {
			h, m, s := now.Clock()
			b = appendPadded(b, h, 2)
			b = append(b, ':')
			b = appendPadded(b, m, 2)
			b = append(b, ':')
			b = appendPadded(b, s, 2)
			if f&Lmicroseconds != 0 {
				b = append(b, '.')
				b = appendPadded(b, now.Nanosecond()/1000, 6)
			}
			b = append(b, ' ')
		}
	}
	if f&(Llongfile|Lshortfile) != 0 {
		if f&Lshortfile != 0 {
			// The last element; a slash at index 0 stays, as in Go's log.
			for i := len(file) - 1; i > 0; i-- {
				if file[i] == '/' {
					file = file[i+1:]
					break
				}
			}
		}
		b = append(b, file...)
		b = append(b, ':')
		b = appendPadded(b, line, 1)
		b = append(b, ':', ' ')
	}
	if f&Lmsgprefix != 0 {
		b = append(b, l.prefix...)
	}
	return b
}

// Output writes one event: the header, s, and a newline unless s ends in one. calldepth
// counts the frames between the caller to report and Output itself (1 is Output's caller);
// the file is "???" and the line 0 when there is no such frame.
func (l *Logger) Output(calldepth int, s string) error {
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	var file string
	var line int
	if l.flag&(Llongfile|Lshortfile) != 0 {
		// The stack walk runs without the lock.
		l.mu.Unlock()
		_, f, n, found := runtime.Caller(calldepth)
		l.mu.Lock()
		file, line = f, n
		if !found {
			file, line = "???", 0
		}
	}
	b := l.header(l.line[:0], now, file, line)
	b = append(b, s...)
	if s == "" || s[len(s)-1] != '\n' {
		b = append(b, '\n')
	}
	l.line = b
	_, err := l.out.Write(b)
	return err
}

// Each printing method below calls Output itself, so that calldepth 2 names its caller.

// Print logs its operands formatted as by fmt.Sprint.
func (l *Logger) Print(v ...any) {
	if !l.discard.Load() {
		l.Output(2, fmt.Sprint(v...))
	}
}

// Printf logs its operands formatted as by fmt.Sprintf.
func (l *Logger) Printf(format string, v ...any) {
	if !l.discard.Load() {
		l.Output(2, fmt.Sprintf(format, v...))
	}
}

// Println logs its operands formatted as by fmt.Sprintln.
func (l *Logger) Println(v ...any) {
	if !l.discard.Load() {
		l.Output(2, fmt.Sprintln(v...))
	}
}

// Fatal logs as Print does, then exits with status 1.
func (l *Logger) Fatal(v ...any) {
	l.Output(2, fmt.Sprint(v...))
	os.Exit(1)
}

// Fatalf logs as Printf does, then exits with status 1.
func (l *Logger) Fatalf(format string, v ...any) {
	l.Output(2, fmt.Sprintf(format, v...))
	os.Exit(1)
}

// Fatalln logs as Println does, then exits with status 1.
func (l *Logger) Fatalln(v ...any) {
	l.Output(2, fmt.Sprintln(v...))
	os.Exit(1)
}

// Panic logs as Print does, then panics with the message (a string).
func (l *Logger) Panic(v ...any) {
	msg := fmt.Sprint(v...)
	l.Output(2, msg)
	panic(msg)
}

// Panicf logs as Printf does, then panics with the message.
func (l *Logger) Panicf(format string, v ...any) {
	msg := fmt.Sprintf(format, v...)
	l.Output(2, msg)
	panic(msg)
}

// Panicln logs as Println does, then panics with the message (newline included).
func (l *Logger) Panicln(v ...any) {
	msg := fmt.Sprintln(v...)
	l.Output(2, msg)
	panic(msg)
}

// The package-level functions act on the standard Logger.

// SetOutput changes where the standard Logger writes.
func SetOutput(w io.Writer) { std.SetOutput(w) }

// Writer returns where the standard Logger writes.
func Writer() io.Writer { return std.Writer() }

// Flags returns the standard Logger's flags.
func Flags() int { return std.Flags() }

// SetFlags replaces the standard Logger's flags.
func SetFlags(flag int) { std.SetFlags(flag) }

// Prefix returns the standard Logger's prefix.
func Prefix() string { return std.Prefix() }

// SetPrefix replaces the standard Logger's prefix.
func SetPrefix(prefix string) { std.SetPrefix(prefix) }

// Output writes one event to the standard Logger; calldepth counts as for
// Logger.Output, from this function's caller.
func Output(calldepth int, s string) error {
	return std.Output(calldepth+1, s)
}

// Print logs to the standard Logger as fmt.Sprint formats.
func Print(v ...any) {
	if !std.discard.Load() {
		std.Output(2, fmt.Sprint(v...))
	}
}

// Printf logs to the standard Logger as fmt.Sprintf formats.
func Printf(format string, v ...any) {
	if !std.discard.Load() {
		std.Output(2, fmt.Sprintf(format, v...))
	}
}

// Println logs to the standard Logger as fmt.Sprintln formats.
func Println(v ...any) {
	if !std.discard.Load() {
		std.Output(2, fmt.Sprintln(v...))
	}
}

// Fatal logs as Print does, then exits with status 1.
func Fatal(v ...any) {
	std.Output(2, fmt.Sprint(v...))
	os.Exit(1)
}

// Fatalf logs as Printf does, then exits with status 1.
func Fatalf(format string, v ...any) {
	std.Output(2, fmt.Sprintf(format, v...))
	os.Exit(1)
}

// Fatalln logs as Println does, then exits with status 1.
func Fatalln(v ...any) {
	std.Output(2, fmt.Sprintln(v...))
	os.Exit(1)
}

// Panic logs as Print does, then panics with the message.
func Panic(v ...any) {
	msg := fmt.Sprint(v...)
	std.Output(2, msg)
	panic(msg)
}

// Panicf logs as Printf does, then panics with the message.
func Panicf(format string, v ...any) {
	msg := fmt.Sprintf(format, v...)
	std.Output(2, msg)
	panic(msg)
}

// Panicln logs as Println does, then panics with the message (newline included).
func Panicln(v ...any) {
	msg := fmt.Sprintln(v...)
	std.Output(2, msg)
	panic(msg)
}
