// Printing: the public Print, Sprint, Fprint and Append families, the interfaces through
// which values take part in their own formatting (Formatter, Stringer, GoStringer, error),
// the printf format-string parser, and the choice of how each operand is shown for a verb.
// The text of basic values is produced by format.go; values are inspected through rvalue
// (value.go), and output leaves through output.go.
//
// The behaviour follows Go 1.19's documented fmt semantics, including the exact wording of
// its error notes (%!verb(type=value), %!verb(MISSING), %!verb(BADINDEX), %!(EXTRA ...),
// %!(BADWIDTH), %!(BADPREC), %!(NOVERB)), and a panic in a String, Error, Format or
// GoString method recovered and shown as Go shows it. Known differences, from the language
// tbuild compiles: there are no maps, channels or complex numbers to print.

package fmt

import (
	"sync"
	"unicode/utf8"
)

const (
	nilAngleString = "<nil>"
	nilParen       = "(nil)"
	listSep        = ", "
)

// State is what a Formatter's Format method receives: a writer for its output and the
// flags, width and precision of the directive being formatted.
type State interface {
	Write(b []byte) (n int, err error)
	Width() (wid int, ok bool)
	Precision() (prec int, ok bool)
	Flag(c int) bool
}

// Formatter is implemented by values that format themselves for every verb.
type Formatter interface {
	Format(f State, verb rune)
}

// Stringer is implemented by values with a String method, used for %v, %s, %q, %x, %X
// and by Print and Println.
type Stringer interface {
	String() string
}

// GoStringer is implemented by values with a GoString method, used for %#v.
type GoStringer interface {
	GoString() string
}

// The method signatures of those interfaces, as the runtime's method tables spell them.
const (
	sigFormat = "(fmt.State, int32)"
	sigString = "() string"
)

// A printer holds the output being built and the state of the directive being handled.
type printer struct {
	out []byte
	d   directive

	// The operand being shown: arg when it came as an interface value, val when it was
	// reached by walking another value (only one is set), for error notes.
	arg any
	val rvalue

	inError   bool  // writing an error note: no String or Error methods are called
	panicking bool  // writing the value of a panic a method raised
	verb      rune  // the verb a method called through callMethod formats for
	allowWrap bool  // Errorf: %w is allowed (once)
	wrapped   error // the operand of Errorf's %w

	indexed  bool // the format used an explicit [n] argument index
	badIndex bool // the current directive's argument index was invalid

	next *printer // the free list
}

// Printers are recycled the way a sync.Pool hands them out (one private slot, taken and
// filled first, then a last-in-first-out list), under spareLock: goroutines on other
// threads print too. The order is observable: a reused printer reports its last width and
// precision through State when the directive sets none.
var (
	spareLock sync.Mutex
	spare     *printer
	spareList *printer
)

func getPrinter() *printer {
	spareLock.Lock()
	p := spare
	spare = nil
	if p == nil && spareList != nil {
		p = spareList
		spareList = p.next
		p.next = nil
	}
	spareLock.Unlock()
	if p == nil {
		p = new(printer)
	}
	p.inError = false
	p.allowWrap = false
	p.d.reset()
	return p
}

// release returns p for reuse, unless its buffer has grown large.
func (p *printer) release() {
	if cap(p.out) > 64<<10 {
		return
	}
	p.out = p.out[:0]
	p.arg = nil
	p.val = rvalue{}
	p.wrapped = nil
	spareLock.Lock()
	if spare == nil {
		spare = p
	} else {
		p.next = spareList
		spareList = p
	}
	spareLock.Unlock()
}

// The three ways of turning operands into text.
const (
	modePrint   = iota // Print: spaces between operands when neither is a string
	modePrintln        // Println: spaces between all operands, then a newline
	modePrintf         // Printf: a format string
)

// compose renders the operands in the given mode into a fresh printer's output.
func compose(mode int, format string, a []any) *printer {
	p := getPrinter()
	switch mode {
	case modePrint:
		p.renderPlain(a)
	case modePrintln:
		p.renderLine(a)
	default:
		p.renderFormat(format, a)
	}
	return p
}

func composeString(mode int, format string, a []any) string {
	p := compose(mode, format, a)
	s := string(p.out)
	p.release()
	return s
}

func composeAppend(b []byte, mode int, format string, a []any) []byte {
	p := compose(mode, format, a)
	b = append(b, p.out...)
	p.release()
	return b
}

func composeStdout(mode int, format string, a []any) (int, error) {
	p := compose(mode, format, a)
	var n int
	var err error
	// os.Stdout when the program links os (it may have been replaced), else descriptor 1.
	if w, ok := osStdout().(writer); ok {
		n, err = w.Write(p.out)
	} else {
		n, err = writeStdout(p.out)
	}
	p.release()
	return n, err
}

func composeTo(w writer, mode int, format string, a []any) (int, error) {
	p := compose(mode, format, a)
	n, err := w.Write(p.out)
	p.release()
	return n, err
}

// Printf formats according to a format specifier and writes to standard output.
func Printf(format string, a ...any) (n int, err error) {
	return composeStdout(modePrintf, format, a)
}

// Print writes its operands in their default formats to standard output, with spaces
// between operands when neither is a string.
func Print(a ...any) (n int, err error) {
	return composeStdout(modePrint, "", a)
}

// Println writes its operands in their default formats to standard output, separated by
// spaces and followed by a newline.
func Println(a ...any) (n int, err error) {
	return composeStdout(modePrintln, "", a)
}

// Sprintf is Printf returning the text.
func Sprintf(format string, a ...any) string {
	return composeString(modePrintf, format, a)
}

// Sprint is Print returning the text.
func Sprint(a ...any) string {
	return composeString(modePrint, "", a)
}

// Sprintln is Println returning the text.
func Sprintln(a ...any) string {
	return composeString(modePrintln, "", a)
}

// Fprintf is Printf writing to w.
func Fprintf(w writer, format string, a ...any) (n int, err error) {
	return composeTo(w, modePrintf, format, a)
}

// Fprint is Print writing to w.
func Fprint(w writer, a ...any) (n int, err error) {
	return composeTo(w, modePrint, "", a)
}

// Fprintln is Println writing to w.
func Fprintln(w writer, a ...any) (n int, err error) {
	return composeTo(w, modePrintln, "", a)
}

// Appendf is Printf appending to b.
func Appendf(b []byte, format string, a ...any) []byte {
	return composeAppend(b, modePrintf, format, a)
}

// Append is Print appending to b.
func Append(b []byte, a ...any) []byte {
	return composeAppend(b, modePrint, "", a)
}

// Appendln is Println appending to b.
func Appendln(b []byte, a ...any) []byte {
	return composeAppend(b, modePrintln, "", a)
}

// State's methods, for Format methods.

func (p *printer) Width() (wid int, ok bool) { return p.d.width, p.d.hasWidth }

func (p *printer) Precision() (prec int, ok bool) { return p.d.prec, p.d.hasPrec }

func (p *printer) Flag(c int) bool {
	switch c {
	case '-':
		return p.d.minus
	case '+':
		return p.d.plus || p.d.plusV
	case '#':
		return p.d.sharp || p.d.sharpV
	case ' ':
		return p.d.space
	case '0':
		return p.d.zero
	}
	return false
}

func (p *printer) Write(b []byte) (n int, err error) {
	p.out = append(p.out, b...)
	return len(b), nil
}

func (p *printer) WriteString(s string) (n int, err error) {
	p.out = append(p.out, s...)
	return len(s), nil
}

func (p *printer) writeRune(r rune) {
	p.out = utf8.AppendRune(p.out, r)
}

// renderPlain is Print's layout.
func (p *printer) renderPlain(a []any) {
	lastWasString := false
	for k, arg := range a {
		isString := arg != nil && kindOf(arg) == kindString
		if k > 0 && !isString && !lastWasString {
			p.out = append(p.out, ' ')
		}
		p.showArg(arg, 'v')
		lastWasString = isString
	}
}

// renderLine is Println's layout.
func (p *printer) renderLine(a []any) {
	for k, arg := range a {
		if k > 0 {
			p.out = append(p.out, ' ')
		}
		p.showArg(arg, 'v')
	}
	p.out = append(p.out, '\n')
}

// ---- The format string ----

// maxNumber bounds widths, precisions and argument indexes; a longer number is malformed.
const maxNumber = 1000000

// readNumber reads the decimal number starting at s[at:end]. It returns the number, whether
// there was one, and where reading stopped; an absurdly long number is no number, and
// reading then stops at end.
func readNumber(s string, at int, end int) (n int, ok bool, next int) {
	if at >= end {
		return 0, false, end
	}
	next = at
	for next < end && s[next] >= '0' && s[next] <= '9' {
		if n > maxNumber || n < -maxNumber {
			return 0, false, end
		}
		n = n*10 + int(s[next]-'0')
		ok = true
		next++
	}
	return n, ok, next
}

// readIndex reads an explicit argument index "[n]" at format[at] (when there is one), for
// a call with count operands. It returns the operand to use next (cur when the index is
// absent or bad), where the format continues, and whether a well-formed index was read.
func (p *printer) readIndex(format string, at int, cur int, count int) (operand int, next int, found bool) {
	if at >= len(format) || format[at] != '[' {
		return cur, at, false
	}
	p.indexed = true
	shut := -1
	if len(format)-at >= 3 {
		for k := at + 1; k < len(format); k++ {
			if format[k] == ']' {
				shut = k
				break
			}
		}
	}
	if shut < 0 {
		// No closing bracket: only the '[' is consumed.
		p.badIndex = true
		return cur, at + 1, false
	}
	n, ok, stop := readNumber(format, at+1, shut)
	if !ok || stop != shut {
		p.badIndex = true
		return cur, shut + 1, false
	}
	if n-1 < 0 || n-1 >= count {
		p.badIndex = true
		return cur, shut + 1, true
	}
	return n - 1, shut + 1, true
}

// starOperand reads operand k for a '*' width or precision: its value, whether it is there
// and is an integer of usable size, and the index of the next operand.
func starOperand(a []any, k int) (int, bool, int) {
	if k >= len(a) {
		return 0, false, k
	}
	n, ok := intOperand(a, k)
	return n, ok, k + 1
}

// intOperand returns operand k as a width or precision: its value and whether it is an
// integer of usable size.
func intOperand(a []any, k int) (int, bool) {
	if n, isInt := a[k].(int); isInt {
		if n > maxNumber || n < -maxNumber {
			return 0, false
		}
		return n, true
	}
	v := valueOf(a[k])
	n := 0
	ok := false
	switch v.Kind() {
	case kindInt, kindInt8, kindInt16, kindInt32, kindInt64:
		x := v.Int()
		if int64(int(x)) == x {
			n = int(x)
			ok = true
		}
	case kindUint, kindUint8, kindUint16, kindUint32, kindUint64, kindUintptr:
		x := v.Uint()
		if int64(x) >= 0 && uint64(int(x)) == x {
			n = int(x)
			ok = true
		}
	}
	if n > maxNumber || n < -maxNumber {
		return 0, false
	}
	return n, ok
}

// renderFormat is Printf's layout: literal text, and a directive
// %[flags][[n]][width|*][.[[n]](prec|*)][[n]]verb for each operand.
func (p *printer) renderFormat(format string, a []any) {
	end := len(format)
	operand := 0
	p.indexed = false
	k := 0
	for k < end {
		p.badIndex = false
		start := k
		for k < end && format[k] != '%' {
			k++
		}
		p.out = append(p.out, format[start:k]...)
		if k >= end {
			break
		}
		k++ // the '%'

		// Flags.
		p.d.reset()
		for ; k < end; k++ {
			c := format[k]
			if c == '#' {
				p.d.sharp = true
			} else if c == '0' {
				p.d.zero = !p.d.minus // zeros never pad on the right
			} else if c == '+' {
				p.d.plus = true
			} else if c == '-' {
				p.d.minus = true
				p.d.zero = false
			} else if c == ' ' {
				p.d.space = true
			} else {
				break
			}
		}

		// An index right before the width or verb; afterIndex says one was just read.
		afterIndex := false
		flagsEnd := k
		operand, k, afterIndex = p.readIndex(format, k, operand, len(a))

		// Width.
		if k < end && format[k] == '*' {
			k++
			p.d.width, p.d.hasWidth, operand = starOperand(a, operand)
			if !p.d.hasWidth {
				p.out = append(p.out, "%!(BADWIDTH)"...)
			}
			if p.d.width < 0 {
				// A negative width operand means '-'.
				p.d.width = -p.d.width
				p.d.minus = true
				p.d.zero = false
			}
			afterIndex = false
		} else if k == flagsEnd && k < end && format[k] >= 'a' && format[k] <= 'z' && operand < len(a) {
			// A lower-case verb right after the flags, with an operand for it: Go's
			// printer takes a shortcut here that leaves the previous width in place
			// (State.Width reports it, with ok false).
			p.d.hasWidth = false
		} else {
			p.d.width, p.d.hasWidth, k = readNumber(format, k, end)
			if afterIndex && p.d.hasWidth {
				p.badIndex = true // "%[2]5d": an index belongs after the width
			}
		}

		// Precision: a '.' with something after it.
		if k+1 < end && format[k] == '.' {
			k++
			if afterIndex {
				p.badIndex = true // "%[2].3d"
			}
			operand, k, afterIndex = p.readIndex(format, k, operand, len(a))
			if k < end && format[k] == '*' {
				k++
				p.d.prec, p.d.hasPrec, operand = starOperand(a, operand)
				if p.d.prec < 0 {
					p.d.prec, p.d.hasPrec = 0, false
				}
				if !p.d.hasPrec {
					p.out = append(p.out, "%!(BADPREC)"...)
				}
				afterIndex = false
			} else {
				p.d.prec, p.d.hasPrec, k = readNumber(format, k, end)
				// A '.' alone is precision zero.
				p.d.hasPrec = true
			}
		}

		if !afterIndex {
			operand, k, afterIndex = p.readIndex(format, k, operand, len(a))
		}

		if k >= end {
			p.out = append(p.out, "%!(NOVERB)"...)
			break
		}
		verb := rune(format[k])
		size := 1
		if verb >= utf8.RuneSelf {
			verb, size = utf8.DecodeRuneInString(format[k:])
		}
		k += size

		if verb == '%' {
			p.out = append(p.out, '%') // takes no operand, ignores width and flags
			continue
		}
		if p.badIndex {
			p.note(verb, "(BADINDEX)")
			continue
		}
		if operand >= len(a) {
			p.note(verb, "(MISSING)")
			continue
		}
		if verb == 'v' {
			// %#v and %+v are their own formats, not the # and + flags.
			p.d.sharpV = p.d.sharp
			p.d.sharp = false
			p.d.plusV = p.d.plus
			p.d.plus = false
		}
		p.showArg(a[operand], verb)
		operand++
	}

	// Operands left over, unless indexes were used (then skipping some is fine).
	if !p.indexed && operand < len(a) {
		p.d.reset()
		p.out = append(p.out, "%!(EXTRA "...)
		for j := operand; j < len(a); j++ {
			if j > operand {
				p.out = append(p.out, listSep...)
			}
			if a[j] == nil {
				p.out = append(p.out, nilAngleString...)
				continue
			}
			p.out = append(p.out, typeStringOf(a[j])...)
			p.out = append(p.out, '=')
			p.showArg(a[j], 'v')
		}
		p.out = append(p.out, ')')
	}
}

// note writes "%!verb" followed by what went wrong.
func (p *printer) note(verb rune, what string) {
	p.out = append(p.out, "%!"...)
	p.writeRune(verb)
	p.out = append(p.out, what...)
}

// wrongVerb writes "%!verb(type=value)" for an operand the verb does not apply to, the value
// shown with %v under the same flags and without calling its methods.
func (p *printer) wrongVerb(verb rune) {
	p.inError = true
	p.note(verb, "(")
	if p.arg != nil {
		p.out = append(p.out, typeStringOf(p.arg)...)
		p.out = append(p.out, '=')
		p.showArg(p.arg, 'v')
	} else if p.val.IsValid() {
		p.out = append(p.out, p.val.Type().String()...)
		p.out = append(p.out, '=')
		p.showValue(p.val, 'v', 0)
	} else {
		p.out = append(p.out, nilAngleString...)
	}
	p.out = append(p.out, ')')
	p.inError = false
}

// ---- Operands ----

// showArg formats one operand for verb.
func (p *printer) showArg(arg any, verb rune) {
	p.arg = arg
	p.val = rvalue{}

	if arg == nil {
		if verb == 'v' || verb == 'T' {
			p.emit(nilAngleString)
		} else {
			p.wrongVerb(verb)
		}
		return
	}
	if verb == 'T' {
		p.putText(typeStringOf(arg))
		return
	}
	if verb == 'p' {
		p.showPointer(valueOf(arg), 'p')
		return
	}

	// The predeclared types need no inspection; other types may have methods.
	switch x := arg.(type) {
	case bool:
		p.showBool(x, verb)
	case int:
		p.showInt(uint64(x), true, verb)
	case int8:
		p.showInt(uint64(x), true, verb)
	case int16:
		p.showInt(uint64(x), true, verb)
	case int32:
		p.showInt(uint64(x), true, verb)
	case int64:
		p.showInt(uint64(x), true, verb)
	case uint:
		p.showInt(uint64(x), false, verb)
	case uint8:
		p.showInt(uint64(x), false, verb)
	case uint16:
		p.showInt(uint64(x), false, verb)
	case uint32:
		p.showInt(uint64(x), false, verb)
	case uint64:
		p.showInt(x, false, verb)
	case uintptr:
		p.showInt(uint64(x), false, verb)
	case float32:
		p.showFloat(float64(x), 32, verb)
	case float64:
		p.showFloat(x, 64, verb)
	case complex64:
		p.showComplex(complex128(x), 64, verb)
	case complex128:
		p.showComplex(x, 128, verb)
	case string:
		p.showString(x, verb)
	case []byte:
		p.showBytes(x, verb, "[]byte")
	default:
		if v, ok := reflectValue(arg); ok {
			// A reflect.Value prints as the value it holds, with that value's methods.
			if v.IsValid() && v.CanInterface() {
				p.arg = v.Interface()
				if p.useMethods(verb) {
					return
				}
			}
			p.showValue(v, verb, 0)
			return
		}
		if !p.useMethods(verb) {
			p.showValue(valueOf(arg), verb, 0)
		}
	}
}

// useMethods formats p.arg with its own Format, GoString, Error or String method when the
// verb calls for one, and reports whether it did. It also handles Errorf's %w.
func (p *printer) useMethods(verb rune) bool {
	if p.inError {
		return false
	}
	if verb == 'w' {
		err, isErr := p.arg.(error)
		if !isErr || !p.allowWrap || p.wrapped != nil {
			// %w outside Errorf, a second %w, or an operand that is no error.
			p.wrapped = nil
			p.allowWrap = false
			p.wrongVerb(verb)
			return true
		}
		p.wrapped = err
		verb = 'v'
	}

	// Each assertion is tried only when the dynamic type has the method: the runtime
	// builds a failed assertion's itab anew each time.
	if hasMethod(p.arg, "Format", sigFormat) {
		if _, ok := p.arg.(Formatter); ok {
			if !p.nilReceiver("Format", sigFormat) {
				p.callMethod(callFormat, verb, "Format")
			}
			return true
		}
	}

	if p.d.sharpV {
		if hasMethod(p.arg, "GoString", sigString) {
			if _, ok := p.arg.(GoStringer); ok {
				if !p.nilReceiver("GoString", sigString) {
					p.callMethod(callGoString, verb, "GoString")
				}
				return true
			}
		}
		return false
	}

	if verb != 'v' && verb != 's' && verb != 'x' && verb != 'X' && verb != 'q' {
		return false
	}
	if hasMethod(p.arg, "Error", sigString) {
		if _, ok := p.arg.(error); ok {
			if !p.nilReceiver("Error", sigString) {
				p.callMethod(callError, verb, "Error")
			}
			return true
		}
	}
	if hasMethod(p.arg, "String", sigString) {
		if _, ok := p.arg.(Stringer); ok {
			if !p.nilReceiver("String", sigString) {
				p.callMethod(callString, verb, "String")
			}
			return true
		}
	}
	return false
}

// The method calls useMethods makes, each a top-level function of the printer (p.arg holds
// the operand, p.verb the verb) so that callMethod can run any of them.
func callFormat(p *printer)   { p.arg.(Formatter).Format(p, p.verb) }
func callGoString(p *printer) { p.putText(p.arg.(GoStringer).GoString()) }
func callError(p *printer)    { p.showString(p.arg.(error).Error(), p.verb) }
func callString(p *printer)   { p.showString(p.arg.(Stringer).String(), p.verb) }

// callMethod runs one of the method calls above for verb, with catchPanic deferred to show a
// panic in the method as Go's fmt does (fmt/print.go handleMethods).
func (p *printer) callMethod(call func(*printer), verb rune, method string) {
	p.verb = verb
	defer p.catchPanic(p.arg, verb, method)
	call(p)
}

// catchPanic recovers a panic in a method callMethod called and shows it as Go's fmt shows a
// panic it recovers: "<nil>" when the operand is a nil pointer (the likeliest cause), else
// "%!verb(PANIC=Method method: value)" with the value printed by %v without flags. A panic
// while printing that value panics again. A panic(nil) is not seen: Go 1.19's recover
// returns nil for it, and fmt then prints nothing.
func (p *printer) catchPanic(arg any, verb rune, method string) {
	err := recover()
	if err == nil {
		return
	}
	if v := valueOf(arg); v.Kind() == kindPointer && v.IsNil() {
		p.out = append(p.out, nilAngleString...)
		return
	}
	if p.panicking {
		panic(err)
	}
	flags := p.d
	p.d.reset()
	p.note(verb, "(PANIC=")
	p.out = append(p.out, method...)
	p.out = append(p.out, " method: "...)
	p.panicking = true
	p.showArg(err, 'v')
	p.panicking = false
	p.out = append(p.out, ')')
	p.d = flags
}

// nilReceiver reports whether calling method name on p.arg would dereference a nil pointer
// (a value-receiver method through a nil pointer), and if so prints "<nil>" instead, which
// is what Go shows for that panic.
func (p *printer) nilReceiver(name string, sig string) bool {
	if isNilValueMethod(p.arg, name, sig) {
		p.out = append(p.out, nilAngleString...)
		return true
	}
	return false
}

// showValue formats a value reached through inspection; depth is 0 for the operand itself.
func (p *printer) showValue(v rvalue, verb rune, depth int) {
	// Values inside other values may have methods of their own (the operand's were tried).
	if depth > 0 && v.IsValid() && v.CanInterface() {
		p.arg = v.Interface()
		if p.useMethods(verb) {
			return
		}
	}
	p.arg = nil
	p.val = v

	switch v.Kind() {
	case kindInvalid:
		if depth == 0 {
			p.out = append(p.out, "<invalid reflect.Value>"...)
		} else if verb == 'v' {
			p.out = append(p.out, nilAngleString...)
		} else {
			p.wrongVerb(verb)
		}
	case kindBool:
		p.showBool(v.Bool(), verb)
	case kindInt, kindInt8, kindInt16, kindInt32, kindInt64:
		p.showInt(uint64(v.Int()), true, verb)
	case kindUint, kindUint8, kindUint16, kindUint32, kindUint64, kindUintptr:
		p.showInt(v.Uint(), false, verb)
	case kindFloat32:
		p.showFloat(v.Float(), 32, verb)
	case kindFloat64:
		p.showFloat(v.Float(), 64, verb)
	case kindComplex64:
		p.showComplex(v.Complex(), 64, verb)
	case kindComplex128:
		p.showComplex(v.Complex(), 128, verb)
	case kindString:
		p.showString(v.String(), verb)
	case kindStruct:
		p.showStruct(v, verb, depth)
	case kindInterface:
		inner := v.Elem()
		if inner.IsValid() {
			p.showValue(inner, verb, depth+1)
		} else if p.d.sharpV {
			p.out = append(p.out, v.Type().String()...)
			p.out = append(p.out, nilParen...)
		} else {
			p.out = append(p.out, nilAngleString...)
		}
	case kindArray, kindSlice:
		p.showList(v, verb, depth)
	case kindMap:
		p.showMap(v, verb, depth)
	case kindPointer:
		// At the top level, a pointer to a composite shows as &{...} or &[...].
		if depth == 0 && v.Pointer() != 0 {
			target := v.Elem()
			tk := target.Kind()
			if tk == kindArray || tk == kindSlice || tk == kindStruct || tk == kindMap {
				p.out = append(p.out, '&')
				p.showValue(target, verb, depth+1)
				return
			}
		}
		p.showPointer(v, verb)
	case kindChan, kindFunc, kindUnsafePointer:
		p.showPointer(v, verb)
	default:
		p.out = append(p.out, '?')
		p.out = append(p.out, v.Type().String()...)
		p.out = append(p.out, '?')
	}
}

// showStruct formats {a b} (%v), {A:a B:b} (%+v) or T{A:a, B:b} (%#v).
func (p *printer) showStruct(v rvalue, verb rune, depth int) {
	goSyntax := p.d.sharpV
	if goSyntax {
		p.out = append(p.out, v.Type().String()...)
	}
	p.out = append(p.out, '{')
	for i := 0; i < v.NumField(); i++ {
		if i > 0 {
			if goSyntax {
				p.out = append(p.out, listSep...)
			} else {
				p.out = append(p.out, ' ')
			}
		}
		if goSyntax || p.d.plusV {
			name := v.Type().Field(i).Name
			if name != "" {
				p.out = append(p.out, name...)
				p.out = append(p.out, ':')
			}
		}
		field := v.Field(i)
		// A field of interface type shows the value inside it.
		if field.Kind() == kindInterface && !field.IsNil() {
			field = field.Elem()
		}
		p.showValue(field, verb, depth+1)
	}
	p.out = append(p.out, '}')
}

// showList formats an array or slice: [a b] (%v) or T{a, b} (%#v); byte lists under %s,
// %q, %x and %X are formatted as bytes.
func (p *printer) showList(v rvalue, verb rune, depth int) {
	if verb == 's' || verb == 'q' || verb == 'x' || verb == 'X' {
		t := v.Type()
		if t.Elem().Kind() == kindUint8 {
			var b []byte
			if v.Kind() == kindSlice {
				b = v.Bytes()
			} else {
				b = make([]byte, v.Len())
				for i := range b {
					b[i] = byte(v.Index(i).Uint())
				}
			}
			p.showBytes(b, verb, t.String())
			return
		}
	}
	if p.d.sharpV {
		p.out = append(p.out, v.Type().String()...)
		if v.Kind() == kindSlice && v.IsNil() {
			p.out = append(p.out, nilParen...)
			return
		}
		p.out = append(p.out, '{')
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				p.out = append(p.out, listSep...)
			}
			p.showValue(v.Index(i), verb, depth+1)
		}
		p.out = append(p.out, '}')
		return
	}
	p.out = append(p.out, '[')
	for i := 0; i < v.Len(); i++ {
		if i > 0 {
			p.out = append(p.out, ' ')
		}
		p.showValue(v.Index(i), verb, depth+1)
	}
	p.out = append(p.out, ']')
}

// showMap formats map[k:v k:v] (%v) or T{k:v, k:v} (%#v), the entries in key order
// (mapsort.go).
func (p *printer) showMap(v rvalue, verb rune, depth int) {
	if p.d.sharpV {
		p.out = append(p.out, v.Type().String()...)
		if v.IsNil() {
			p.out = append(p.out, nilParen...)
			return
		}
		p.out = append(p.out, '{')
	} else {
		p.out = append(p.out, "map["...)
	}
	keys, elems := v.sortedEntries()
	for i := range keys {
		if i > 0 {
			if p.d.sharpV {
				p.out = append(p.out, listSep...)
			} else {
				p.out = append(p.out, ' ')
			}
		}
		p.showValue(keys[i], verb, depth+1)
		p.out = append(p.out, ':')
		p.showValue(elems[i], verb, depth+1)
	}
	if p.d.sharpV {
		p.out = append(p.out, '}')
	} else {
		p.out = append(p.out, ']')
	}
}

// ---- Verb dispatch for each basic kind ----

func (p *printer) showBool(b bool, verb rune) {
	if verb == 't' || verb == 'v' {
		p.putBool(b)
		return
	}
	p.wrongVerb(verb)
}

// showInt formats an integer (u holds an int64's bits when signed).
func (p *printer) showInt(u uint64, signed bool, verb rune) {
	switch verb {
	case 'v':
		if p.d.sharpV && !signed {
			p.putHex(u, true) // %#v of an unsigned integer is 0x...
			return
		}
		p.putNumber(u, 10, signed, false, verb)
	case 'd':
		p.putNumber(u, 10, signed, false, verb)
	case 'b':
		p.putNumber(u, 2, signed, false, verb)
	case 'o', 'O':
		p.putNumber(u, 8, signed, false, verb)
	case 'x':
		p.putNumber(u, 16, signed, false, verb)
	case 'X':
		p.putNumber(u, 16, signed, true, verb)
	case 'c':
		p.putChar(u)
	case 'q':
		p.putQuotedChar(u)
	case 'U':
		p.putCodePoint(u)
	default:
		p.wrongVerb(verb)
	}
}

// showFloat formats a float: %v is %g; %e, %f and %F default to six decimals.
func (p *printer) showFloat(f float64, bitSize int, verb rune) {
	switch verb {
	case 'v':
		p.putFloat(f, bitSize, 'g', -1)
	case 'b', 'g', 'G', 'x', 'X':
		p.putFloat(f, bitSize, byte(verb), -1)
	case 'e', 'E', 'f':
		p.putFloat(f, bitSize, byte(verb), 6)
	case 'F':
		p.putFloat(f, bitSize, 'f', 6)
	default:
		p.wrongVerb(verb)
	}
}

// showComplex formats a complex number as `(re±imi)`: each part as showFloat formats a
// float of half the size, with the width and precision applying to each, and the imaginary
// part always signed (Go: fmt/print.go fmtComplex).
func (p *printer) showComplex(c complex128, bitSize int, verb rune) {
	switch verb {
	case 'v', 'b', 'g', 'G', 'x', 'X', 'f', 'F', 'e', 'E':
	default:
		p.wrongVerb(verb)
		return
	}
	plus := p.d.plus
	p.out = append(p.out, '(')
	p.showFloat(real(c), bitSize/2, verb)
	p.d.plus = true
	p.showFloat(imag(c), bitSize/2, verb)
	p.out = append(p.out, "i)"...)
	p.d.plus = plus
}

func (p *printer) showString(s string, verb rune) {
	switch verb {
	case 'v':
		if p.d.sharpV {
			p.putQuoted(s)
		} else {
			p.putText(s)
		}
	case 's':
		p.putText(s)
	case 'q':
		p.putQuoted(s)
	case 'x':
		p.putHexBytes(s, false)
	case 'X':
		p.putHexBytes(s, true)
	default:
		p.wrongVerb(verb)
	}
}

// showBytes formats a byte slice or array; typeName is its type, for %#v.
func (p *printer) showBytes(b []byte, verb rune, typeName string) {
	switch verb {
	case 'v', 'd':
		if p.d.sharpV {
			p.out = append(p.out, typeName...)
			if b == nil {
				p.out = append(p.out, nilParen...)
				return
			}
			p.out = append(p.out, '{')
			for i, c := range b {
				if i > 0 {
					p.out = append(p.out, listSep...)
				}
				p.putHex(uint64(c), true)
			}
			p.out = append(p.out, '}')
			return
		}
		p.out = append(p.out, '[')
		for i, c := range b {
			if i > 0 {
				p.out = append(p.out, ' ')
			}
			p.putNumber(uint64(c), 10, false, false, verb)
		}
		p.out = append(p.out, ']')
	case 's':
		p.putText(string(b))
	case 'q':
		p.putQuoted(string(b))
	case 'x':
		p.putHexBytes(string(b), false)
	case 'X':
		p.putHexBytes(string(b), true)
	default:
		p.showValue(valueOf(b), verb, 0)
	}
}

// showPointer formats a pointer-like value (pointer, channel, function, slice, unsafe.Pointer):
// 0x... for %v and %p, the number for %b %o %d %x %X, (T)(0x...) for %#v.
func (p *printer) showPointer(v rvalue, verb rune) {
	k := v.Kind()
	if k != kindChan && k != kindFunc && k != kindMap && k != kindPointer && k != kindSlice && k != kindUnsafePointer {
		p.wrongVerb(verb)
		return
	}
	u := uint64(v.Pointer())
	switch verb {
	case 'v':
		if p.d.sharpV {
			p.out = append(p.out, '(')
			p.out = append(p.out, v.Type().String()...)
			p.out = append(p.out, ")("...)
			if u == 0 {
				p.out = append(p.out, "nil"...)
			} else {
				p.putHex(u, true)
			}
			p.out = append(p.out, ')')
		} else if u == 0 {
			p.emit(nilAngleString)
		} else {
			p.putHex(u, !p.d.sharp)
		}
	case 'p':
		p.putHex(u, !p.d.sharp)
	case 'b', 'o', 'd', 'x', 'X':
		p.showInt(u, false, verb)
	default:
		p.wrongVerb(verb)
	}
}
