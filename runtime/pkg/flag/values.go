// The Values behind the typed flags (bool, int, int64, uint, uint64, float64, string,
// duration, func), and the FlagSet methods and package-level functions that define those
// flags. Each Value is the variable it sets, seen through a named pointer type (the names
// are Go's, so that %T shows the same); Set stores what it parsed even when it fails, as
// Go's flag does (strconv's clamped value on a range error).

package flag

import (
	"strconv"
	"time"
)

// signed and unsigned parse an integer argument of the given size with Go's base prefixes,
// giving flag's own errors.
func signed(s string, size int) (int64, error) {
	n, err := strconv.ParseInt(s, 0, size)
	return n, numErr(err)
}

func unsigned(s string, size int) (uint64, error) {
	n, err := strconv.ParseUint(s, 0, size)
	return n, numErr(err)
}

type boolValue bool

func (b *boolValue) Set(s string) error {
	t, err := strconv.ParseBool(s)
	*b = boolValue(t)
	if err != nil {
		return errParse
	}
	return nil
}

func (b *boolValue) Get() any         { return bool(*b) }
func (b *boolValue) String() string   { return strconv.FormatBool(bool(*b)) }
func (b *boolValue) IsBoolFlag() bool { return true }

type intValue int

func (i *intValue) Set(s string) error {
	n, err := signed(s, strconv.IntSize)
	*i = intValue(n)
	return err
}

func (i *intValue) Get() any        { return int(*i) }
func (i *intValue) String() string  { return strconv.Itoa(int(*i)) }
func (i *intValue) argName() string { return "int" }

type int64Value int64

func (i *int64Value) Set(s string) error {
	n, err := signed(s, 64)
	*i = int64Value(n)
	return err
}

func (i *int64Value) Get() any        { return int64(*i) }
func (i *int64Value) String() string  { return strconv.FormatInt(int64(*i), 10) }
func (i *int64Value) argName() string { return "int" }

type uintValue uint

func (u *uintValue) Set(s string) error {
	n, err := unsigned(s, strconv.IntSize)
	*u = uintValue(n)
	return err
}

func (u *uintValue) Get() any        { return uint(*u) }
func (u *uintValue) String() string  { return strconv.FormatUint(uint64(*u), 10) }
func (u *uintValue) argName() string { return "uint" }

type uint64Value uint64

func (u *uint64Value) Set(s string) error {
	n, err := unsigned(s, 64)
	*u = uint64Value(n)
	return err
}

func (u *uint64Value) Get() any        { return uint64(*u) }
func (u *uint64Value) String() string  { return strconv.FormatUint(uint64(*u), 10) }
func (u *uint64Value) argName() string { return "uint" }

type float64Value float64

func (f *float64Value) Set(s string) error {
	x, err := strconv.ParseFloat(s, 64)
	*f = float64Value(x)
	return numErr(err)
}

func (f *float64Value) Get() any        { return float64(*f) }
func (f *float64Value) String() string  { return strconv.FormatFloat(float64(*f), 'g', -1, 64) }
func (f *float64Value) argName() string { return "float" }

type stringValue string

func (s *stringValue) Set(v string) error { *s = stringValue(v); return nil }
func (s *stringValue) Get() any           { return string(*s) }
func (s *stringValue) String() string     { return string(*s) }
func (s *stringValue) argName() string    { return "string" }

type durationValue time.Duration

func (d *durationValue) Set(s string) error {
	t, err := time.ParseDuration(s)
	*d = durationValue(t)
	if err != nil {
		return errParse
	}
	return nil
}

func (d *durationValue) Get() any        { return time.Duration(*d) }
func (d *durationValue) String() string  { return (*time.Duration)(d).String() }
func (d *durationValue) argName() string { return "duration" }

// funcValue calls a function with each argument; it shows nothing.
type funcValue func(string) error

func (fn funcValue) Set(s string) error { return fn(s) }
func (fn funcValue) String() string     { return "" }

// BoolVar defines a bool flag stored in *p.
func (f *FlagSet) BoolVar(p *bool, name string, value bool, usage string) {
	*p = value
	f.Var((*boolValue)(p), name, usage)
}

// IntVar defines an int flag stored in *p.
func (f *FlagSet) IntVar(p *int, name string, value int, usage string) {
	*p = value
	f.Var((*intValue)(p), name, usage)
}

// Int64Var defines an int64 flag stored in *p.
func (f *FlagSet) Int64Var(p *int64, name string, value int64, usage string) {
	*p = value
	f.Var((*int64Value)(p), name, usage)
}

// UintVar defines a uint flag stored in *p.
func (f *FlagSet) UintVar(p *uint, name string, value uint, usage string) {
	*p = value
	f.Var((*uintValue)(p), name, usage)
}

// Uint64Var defines a uint64 flag stored in *p.
func (f *FlagSet) Uint64Var(p *uint64, name string, value uint64, usage string) {
	*p = value
	f.Var((*uint64Value)(p), name, usage)
}

// Float64Var defines a float64 flag stored in *p.
func (f *FlagSet) Float64Var(p *float64, name string, value float64, usage string) {
	*p = value
	f.Var((*float64Value)(p), name, usage)
}

// StringVar defines a string flag stored in *p.
func (f *FlagSet) StringVar(p *string, name string, value string, usage string) {
	*p = value
	f.Var((*stringValue)(p), name, usage)
}

// DurationVar defines a time.Duration flag stored in *p, parsed by time.ParseDuration.
func (f *FlagSet) DurationVar(p *time.Duration, name string, value time.Duration, usage string) {
	*p = value
	f.Var((*durationValue)(p), name, usage)
}

// The forms that make the variable: each returns a new one, already defined.

func (f *FlagSet) Bool(name string, value bool, usage string) *bool {
	v := new(bool)
	f.BoolVar(v, name, value, usage)
	return v
}

func (f *FlagSet) Int(name string, value int, usage string) *int {
	v := new(int)
	f.IntVar(v, name, value, usage)
	return v
}

func (f *FlagSet) Int64(name string, value int64, usage string) *int64 {
	v := new(int64)
	f.Int64Var(v, name, value, usage)
	return v
}

func (f *FlagSet) Uint(name string, value uint, usage string) *uint {
	v := new(uint)
	f.UintVar(v, name, value, usage)
	return v
}

func (f *FlagSet) Uint64(name string, value uint64, usage string) *uint64 {
	v := new(uint64)
	f.Uint64Var(v, name, value, usage)
	return v
}

func (f *FlagSet) Float64(name string, value float64, usage string) *float64 {
	v := new(float64)
	f.Float64Var(v, name, value, usage)
	return v
}

func (f *FlagSet) String(name string, value string, usage string) *string {
	v := new(string)
	f.StringVar(v, name, value, usage)
	return v
}

func (f *FlagSet) Duration(name string, value time.Duration, usage string) *time.Duration {
	v := new(time.Duration)
	f.DurationVar(v, name, value, usage)
	return v
}

// Func defines a flag that calls fn with each of its arguments.
func (f *FlagSet) Func(name, usage string, fn func(string) error) {
	f.Var(funcValue(fn), name, usage)
}

// The same on CommandLine.

func BoolVar(p *bool, name string, value bool, usage string) {
	CommandLine.BoolVar(p, name, value, usage)
}

func IntVar(p *int, name string, value int, usage string) {
	CommandLine.IntVar(p, name, value, usage)
}

func Int64Var(p *int64, name string, value int64, usage string) {
	CommandLine.Int64Var(p, name, value, usage)
}

func UintVar(p *uint, name string, value uint, usage string) {
	CommandLine.UintVar(p, name, value, usage)
}

func Uint64Var(p *uint64, name string, value uint64, usage string) {
	CommandLine.Uint64Var(p, name, value, usage)
}

func Float64Var(p *float64, name string, value float64, usage string) {
	CommandLine.Float64Var(p, name, value, usage)
}

func StringVar(p *string, name string, value string, usage string) {
	CommandLine.StringVar(p, name, value, usage)
}

func DurationVar(p *time.Duration, name string, value time.Duration, usage string) {
	CommandLine.DurationVar(p, name, value, usage)
}

func Bool(name string, value bool, usage string) *bool { return CommandLine.Bool(name, value, usage) }

func Int(name string, value int, usage string) *int { return CommandLine.Int(name, value, usage) }

func Int64(name string, value int64, usage string) *int64 {
	return CommandLine.Int64(name, value, usage)
}

func Uint(name string, value uint, usage string) *uint { return CommandLine.Uint(name, value, usage) }

func Uint64(name string, value uint64, usage string) *uint64 {
	return CommandLine.Uint64(name, value, usage)
}

func Float64(name string, value float64, usage string) *float64 {
	return CommandLine.Float64(name, value, usage)
}

func String(name string, value string, usage string) *string {
	return CommandLine.String(name, value, usage)
}

func Duration(name string, value time.Duration, usage string) *time.Duration {
	return CommandLine.Duration(name, value, usage)
}

func Func(name, usage string, fn func(string) error) { CommandLine.Func(name, usage, fn) }
