// Package flag: command-line flag parsing. A FlagSet holds the defined flags by name and,
// after Parse, which were set and the arguments left. Arguments are read as Go's flag reads
// them: -name, --name, -name=value, and -name value for flags that are not boolean; parsing
// stops at the first non-flag argument, at "-" and after "--". The errors, usage text and
// exits are Go's. CommandLine is the set over os.Args.
//
// Not here yet: TextVar (it needs package encoding's interfaces, and copies the default
// with reflect); the checker reports it as not supported (go_api.rs).

package flag

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"unsafe"
)

var (
	// ErrHelp is what Parse returns when -help or -h is given and not defined.
	ErrHelp = errors.New("flag: help requested")

	// The errors the numeric and boolean Values' Set returns, in place of strconv's.
	errParse = errors.New("parse error")
	errRange = errors.New("value out of range")
)

// numErr maps strconv's syntax and range errors to errParse and errRange.
func numErr(err error) error {
	if ne, ok := err.(*strconv.NumError); ok {
		switch ne.Err {
		case strconv.ErrSyntax:
			return errParse
		case strconv.ErrRange:
			return errRange
		}
	}
	return err
}

// The interfaces of flag values.
type (
	// Value is a flag's dynamic value: String shows it, Set parses an argument into it.
	Value interface {
		String() string
		Set(string) error
	}

	// Getter is a Value whose contents can be had as an interface value; the Values of
	// this package's typed flags are all Getters.
	Getter interface {
		Value
		Get() any
	}

	// boolFlag is a Value that needs no argument when IsBoolFlag says so.
	boolFlag interface {
		Value
		IsBoolFlag() bool
	}

	// argNamer is implemented by this package's Values: the argument's name in usage text.
	argNamer interface {
		argName() string
	}
)

// ErrorHandling says what Parse does on an error.
type ErrorHandling int

// The ways to handle a Parse error: return it, exit with status 2 (0 for ErrHelp), or
// panic with it.
const (
	ContinueOnError ErrorHandling = iota
	ExitOnError
	PanicOnError
)

// Flag is one defined flag.
type Flag struct {
	Name     string
	Usage    string
	Value    Value
	DefValue string // the Value's String when it was defined
}

// FlagSet is a set of defined flags and the state of parsing with them. Usage, called on
// a parse error or -help, defaults to printing the set's defaults.
type FlagSet struct {
	Usage func() // nil in a zero FlagSet: the default usage

	name     string
	handling ErrorHandling
	parsed   bool
	defined  map[string]*Flag
	set      map[string]*Flag
	rest     []string  // the arguments not parsed yet, then those after the flags
	output   io.Writer // nil: os.Stderr
}

// NewFlagSet returns an empty set with the given name and error handling.
func NewFlagSet(name string, errorHandling ErrorHandling) *FlagSet {
	f := &FlagSet{name: name, handling: errorHandling}
	f.Usage = f.defaultUsage
	return f
}

// Init gives a set (the zero FlagSet, say) its name and error handling.
func (f *FlagSet) Init(name string, errorHandling ErrorHandling) {
	f.name = name
	f.handling = errorHandling
}

// Name returns the set's name.
func (f *FlagSet) Name() string { return f.name }

// ErrorHandling returns the set's error handling.
func (f *FlagSet) ErrorHandling() ErrorHandling { return f.handling }

// Output returns where usage and errors go: the SetOutput writer, else os.Stderr.
func (f *FlagSet) Output() io.Writer {
	if f.output != nil {
		return f.output
	}
	return os.Stderr
}

// SetOutput sets where usage and errors go; nil means os.Stderr.
func (f *FlagSet) SetOutput(output io.Writer) { f.output = output }

// byName returns the flags of m ordered by name.
func byName(m map[string]*Flag) []*Flag {
	list := make([]*Flag, 0, len(m))
	for _, fl := range m {
		list = append(list, fl)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Name < list[j].Name })
	return list
}

// VisitAll calls fn on every defined flag, by name.
func (f *FlagSet) VisitAll(fn func(*Flag)) {
	for _, fl := range byName(f.defined) {
		fn(fl)
	}
}

// Visit calls fn on every flag that has been set, by name.
func (f *FlagSet) Visit(fn func(*Flag)) {
	for _, fl := range byName(f.set) {
		fn(fl)
	}
}

// Lookup returns the named flag, or nil.
func (f *FlagSet) Lookup(name string) *Flag { return f.defined[name] }

// markSet records that fl has been set.
func (f *FlagSet) markSet(fl *Flag) {
	if f.set == nil {
		f.set = map[string]*Flag{}
	}
	f.set[fl.Name] = fl
}

// Set sets the named flag as an argument would.
func (f *FlagSet) Set(name, value string) error {
	fl, ok := f.defined[name]
	if !ok {
		return errors.New("no such flag -" + name)
	}
	if err := fl.Value.Set(value); err != nil {
		return err
	}
	f.markSet(fl)
	return nil
}

// Parsed reports whether Parse has been called.
func (f *FlagSet) Parsed() bool { return f.parsed }

// Args returns the arguments after the flags.
func (f *FlagSet) Args() []string { return f.rest }

// NArg returns how many arguments are left after the flags.
func (f *FlagSet) NArg() int { return len(f.rest) }

// Arg returns argument i after the flags, or "" when there is none.
func (f *FlagSet) Arg(i int) string {
	if 0 <= i && i < len(f.rest) {
		return f.rest[i]
	}
	return ""
}

// NFlag returns how many flags have been set.
func (f *FlagSet) NFlag() int { return len(f.set) }

// UnquoteUsage returns the name of a flag's argument for the usage text and its usage
// without back quotes: the first `quoted` word of the usage names the argument; else the
// Value's type does ("int", "string", "duration", ...; none for a boolean flag, "value"
// for others).
func UnquoteUsage(flag *Flag) (name string, usage string) {
	usage = flag.Usage
	if open := strings.IndexByte(usage, '`'); open >= 0 {
		if n := strings.IndexByte(usage[open+1:], '`'); n >= 0 {
			name = usage[open+1 : open+1+n]
			return name, usage[:open] + name + usage[open+1+n+1:]
		}
	}
	if bf, ok := flag.Value.(boolFlag); ok {
		if bf.IsBoolFlag() {
			return "", usage
		}
		return "value", usage
	}
	if an, ok := flag.Value.(argNamer); ok {
		return an.argName(), usage
	}
	return "value", usage
}

//go:linkname efaceWords runtime.fmt_efaceWords
func efaceWords(a any) (unsafe.Pointer, unsafe.Pointer)

//go:linkname makeAny runtime.fmt_efaceWords
func makeAny(t, data unsafe.Pointer) any

//go:linkname zeroData runtime.flag_zeroData
func zeroData(t unsafe.Pointer) unsafe.Pointer

// isDefaultZero reports whether def is what a zero value of the flag's Value type shows,
// for a pointer type a pointer to a zero value (Go builds it with reflect, tbuild from the
// type descriptor).
func isDefaultZero(fl *Flag, def string) bool {
	var a any = fl.Value
	t, _ := efaceWords(a)
	zero := makeAny(t, zeroData(t)).(Value)
	return def == zero.String()
}

// PrintDefaults writes every defined flag with its usage, and its default unless that is
// its type's zero value, to the set's output, by name.
func (f *FlagSet) PrintDefaults() {
	// Usage lines after the first are indented by four spaces and a tab.
	const indent = "\n    \t"
	f.VisitAll(func(fl *Flag) {
		line := append([]byte("  -"), fl.Name...)
		arg, usage := UnquoteUsage(fl)
		if arg != "" {
			line = append(append(line, ' '), arg...)
		}
		// "  -x" (a one-letter boolean flag) keeps its usage on its line.
		if len(line) > 4 {
			line = append(line, indent...)
		} else {
			line = append(line, '\t')
		}
		line = append(line, strings.ReplaceAll(usage, "\n", indent)...)
		if !isDefaultZero(fl, fl.DefValue) {
			line = append(line, " (default "...)
			if _, quoted := fl.Value.(*stringValue); quoted {
				line = strconv.AppendQuote(line, fl.DefValue)
			} else {
				line = append(line, fl.DefValue...)
			}
			line = append(line, ')')
		}
		f.Output().Write(append(line, '\n'))
	})
}

// usageTitle writes the first line of a usage text: "Usage of NAME:", or "Usage:".
func usageTitle(w io.Writer, name string) {
	if name != "" {
		name = " of " + name
	}
	io.WriteString(w, "Usage"+name+":\n")
}

// defaultUsage is a new set's Usage: a title, then the defaults.
func (f *FlagSet) defaultUsage() {
	usageTitle(f.Output(), f.name)
	f.PrintDefaults()
}

// usage calls the set's Usage, or the default one for a zero FlagSet.
func (f *FlagSet) usage() {
	if f.Usage != nil {
		f.Usage()
	} else {
		f.defaultUsage()
	}
}

// say prints a message on its own line to the set's output and returns it.
func (f *FlagSet) say(format string, a ...any) string {
	text := fmt.Sprintf(format, a...)
	io.WriteString(f.Output(), text+"\n")
	return text
}

// fail prints the error and the usage, and returns the error.
func (f *FlagSet) fail(format string, a ...any) error {
	err := errors.New(f.say(format, a...))
	f.usage()
	return err
}

// Var defines a flag with the given Value; its default is the Value's String now. A name
// starting with "-" or holding "=", or defined twice, panics (after saying so on the set's
// output).
func (f *FlagSet) Var(value Value, name string, usage string) {
	if name != "" && name[0] == '-' {
		panic(f.say("flag %q begins with -", name))
	}
	if strings.Contains(name, "=") {
		panic(f.say("flag %q contains =", name))
	}
	fl := &Flag{Name: name, Usage: usage, Value: value, DefValue: value.String()}
	if _, dup := f.defined[name]; dup {
		if f.name == "" {
			panic(f.say("flag redefined: %s", name))
		}
		panic(f.say("%s flag redefined: %s", f.name, name))
	}
	if f.defined == nil {
		f.defined = map[string]*Flag{}
	}
	f.defined[name] = fl
}

// next parses one flag from the front of f.rest: false when the flags have ended.
func (f *FlagSet) next() (bool, error) {
	if f.NArg() == 0 {
		return false, nil
	}
	arg := f.rest[0]
	if len(arg) < 2 || arg[0] != '-' {
		return false, nil
	}
	name := arg[1:]
	if name[0] == '-' {
		if len(name) == 1 { // "--" ends the flags and is dropped
			f.rest = f.rest[1:]
			return false, nil
		}
		name = name[1:]
	}
	if name == "" || name[0] == '-' || name[0] == '=' {
		return false, f.fail("bad flag syntax: %s", arg)
	}
	f.rest = f.rest[1:]
	value, hasValue := "", false
	if eq := strings.IndexByte(name[1:], '='); eq >= 0 {
		name, value, hasValue = name[:eq+1], name[eq+2:], true
	}
	fl, ok := f.defined[name]
	if !ok {
		if name == "help" || name == "h" {
			f.usage()
			return false, ErrHelp
		}
		return false, f.fail("flag provided but not defined: -%s", name)
	}
	if bf, ok := fl.Value.(boolFlag); ok && bf.IsBoolFlag() {
		if !hasValue {
			if err := bf.Set("true"); err != nil {
				return false, f.fail("invalid boolean flag %s: %v", name, err)
			}
		} else if err := bf.Set(value); err != nil {
			return false, f.fail("invalid boolean value %q for -%s: %v", value, name, err)
		}
	} else {
		if !hasValue {
			if f.NArg() == 0 {
				return false, f.fail("flag needs an argument: -%s", name)
			}
			value = f.rest[0]
			f.rest = f.rest[1:]
		}
		if err := fl.Value.Set(value); err != nil {
			return false, f.fail("invalid value %q for flag -%s: %v", value, name, err)
		}
	}
	f.markSet(fl)
	return true, nil
}

// Parse parses the flags at the front of arguments (without the command name). On an
// error it returns it, exits or panics as the set's ErrorHandling says.
func (f *FlagSet) Parse(arguments []string) error {
	f.parsed = true
	f.rest = arguments
	for {
		more, err := f.next()
		if more {
			continue
		}
		if err == nil {
			return nil
		}
		switch f.handling {
		case ExitOnError:
			if err == ErrHelp {
				os.Exit(0)
			}
			os.Exit(2)
		case PanicOnError:
			panic(err)
		}
		return err
	}
}

var (
	// CommandLine is the set the package-level functions use, named after the command,
	// which exits on errors.
	CommandLine = NewFlagSet(os.Args[0], ExitOnError)

	// Usage prints the command line's usage; a program may replace it. CommandLine
	// calls whatever it is at the time.
	Usage = func() {
		io.WriteString(CommandLine.Output(), "Usage of "+os.Args[0]+":\n")
		PrintDefaults()
	}
)

func init() {
	// Not Usage itself: a later replacement must be seen.
	CommandLine.Usage = func() { Usage() }
}

// Parse parses os.Args[1:] with CommandLine.
func Parse() {
	CommandLine.Parse(os.Args[1:])
}

// Parsed reports whether the command line has been parsed.
func Parsed() bool { return CommandLine.Parsed() }

// Args returns the command line's arguments after the flags.
func Args() []string { return CommandLine.rest }

// NArg returns how many arguments follow the flags.
func NArg() int { return len(CommandLine.rest) }

// Arg returns argument i after the flags, or "".
func Arg(i int) string { return CommandLine.Arg(i) }

// NFlag returns how many command-line flags have been set.
func NFlag() int { return len(CommandLine.set) }

// Lookup returns the named command-line flag, or nil.
func Lookup(name string) *Flag { return CommandLine.defined[name] }

// Set sets the named command-line flag.
func Set(name, value string) error { return CommandLine.Set(name, value) }

// Visit calls fn on every command-line flag that has been set, by name.
func Visit(fn func(*Flag)) { CommandLine.Visit(fn) }

// VisitAll calls fn on every command-line flag, by name.
func VisitAll(fn func(*Flag)) { CommandLine.VisitAll(fn) }

// PrintDefaults prints the command line's flags.
func PrintDefaults() { CommandLine.PrintDefaults() }

// Var defines a command-line flag with the given Value.
func Var(value Value, name string, usage string) { CommandLine.Var(value, name, usage) }
