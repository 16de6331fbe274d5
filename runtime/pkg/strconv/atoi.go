// Text to integers and booleans: ParseInt, ParseUint, Atoi and ParseBool, and the errors they
// return.
//
// What is accepted, and what is returned, is Go's (the strconv documentation, with Go as the
// oracle): an optional sign (not for ParseUint) and the digits of the base, where base 0
// means "the base the prefix says" and then allows an underscore between two digits or after
// the prefix, as Go literals do (Go spec, "Integer literals"). A value that does not fit in
// bitSize bits gives the nearest one that does and ErrRange; any other failure gives zero.
// The messages are Go's, word for word (Go: strconv/atoi.go).
//
// The parsing is our own: atoiMagnitude makes one pass over the digits and returns the value
// or the reason it failed, a bare error; the exported functions put that reason in a
// *NumError with their name and the input.

package strconv

import "errors"

// ErrRange is the reason for a value that does not fit in the requested size.
var ErrRange = errors.New("value out of range")

// ErrSyntax is the reason for a text that is not a number of the requested kind.
var ErrSyntax = errors.New("invalid syntax")

// A NumError says which conversion failed, on what text, and why.
type NumError struct {
	Func string // the function: ParseBool, ParseInt, ParseUint or Atoi
	Num  string // the text it was given
	Err  error  // why: ErrRange, ErrSyntax, or an invalid base or bit size
}

func (e *NumError) Error() string {
	return "strconv." + e.Func + ": parsing " + Quote(e.Num) + ": " + e.Err.Error()
}

// Unwrap returns the reason, so that errors.Is(err, ErrRange) looks through the NumError.
func (e *NumError) Unwrap() error { return e.Err }

// IntSize is the size of an int or uint in bits (tbuild targets amd64 only).
const IntSize = 64

// ParseBool returns true for "1", "t", "T", "true", "True" and "TRUE", false for "0", "f",
// "F", "false", "False" and "FALSE", and an error for anything else.
func ParseBool(str string) (bool, error) {
	switch str {
	case "true", "True", "TRUE", "t", "T", "1":
		return true, nil
	case "false", "False", "FALSE", "f", "F", "0":
		return false, nil
	}
	return false, &NumError{"ParseBool", str, ErrSyntax}
}

// ParseUint is ParseInt for unsigned numbers: no sign is allowed.
func ParseUint(s string, base int, bitSize int) (uint64, error) {
	u, why := atoiMagnitude(s, base, bitSize)
	if why != nil {
		return u, &NumError{"ParseUint", s, why}
	}
	return u, nil
}

// ParseInt reads s, a sign and digits, in base (2 to 36, or 0 for the base of a 0b, 0o, 0
// or 0x prefix, else 10, with underscores allowed between digits) as an integer of bitSize
// bits (0 meaning int's). Out-of-range values give the nearest limit and ErrRange.
func ParseInt(s string, base int, bitSize int) (int64, error) {
	i, why := atoiSigned(s, base, bitSize)
	if why != nil {
		return i, &NumError{"ParseInt", s, why}
	}
	return i, nil
}

// Atoi is ParseInt(s, 10, 0) as an int, with "Atoi" in its errors.
func Atoi(s string) (int, error) {
	var i int64
	var why error
	if len(s) > 0 && len(s) <= 18 {
		i, why = atoiShort(s)
	} else {
		i, why = atoiSigned(s, 10, 0)
	}
	if why != nil {
		return int(i), &NumError{"Atoi", s, why}
	}
	return int(i), nil
}

// atoiShort reads a decimal number of 1 to 18 characters, sign included: at most 18 digits,
// below 10^18, so no overflow check is needed.
func atoiShort(s string) (int64, error) {
	digits := s
	if s[0] == '-' || s[0] == '+' {
		digits = s[1:]
		if digits == "" {
			return 0, ErrSyntax
		}
	}
	var n int64
	for i := 0; i < len(digits); i++ {
		d := digits[i] - '0'
		if d > 9 {
			return 0, ErrSyntax
		}
		n = 10*n + int64(d)
	}
	if s[0] == '-' {
		return -n, nil
	}
	return n, nil
}

// atoiSigned is ParseInt with the reason for a failure as its error.
func atoiSigned(s string, base, bitSize int) (int64, error) {
	if s == "" {
		return 0, ErrSyntax
	}
	negative := s[0] == '-'
	digits := s
	if negative || s[0] == '+' {
		digits = s[1:]
	}
	u, why := atoiMagnitude(digits, base, bitSize)
	if why != nil && why != ErrRange {
		return 0, why
	}
	if bitSize == 0 {
		bitSize = IntSize
	}
	// The sign is applied to the magnitude as clamped to bitSize bits, as Go's ParseInt does:
	// so with bitSize 1, whose clamped magnitude is 1, every negative number reads as -1.
	edge := uint64(1) << uint(bitSize-1) // the most negative value's magnitude
	switch {
	case negative && u > edge:
		return -int64(edge), ErrRange
	case negative:
		return -int64(u), nil
	case u >= edge:
		return int64(edge - 1), ErrRange
	}
	return int64(u), nil
}

// atoiMagnitude reads s, digits without a sign, in base as a number of bitSize bits. It
// returns the value, or the reason there is none: ErrSyntax, an invalid base or bit size, or
// ErrRange with the largest value of bitSize bits.
func atoiMagnitude(s string, base, bitSize int) (uint64, error) {
	if s == "" {
		return 0, ErrSyntax
	}
	digits := s
	// With base 0, underscores may separate digits, and the prefix counts as a digit before
	// the first one. afterDigit says whether the last character read was a digit (or the
	// prefix); an underscore elsewhere, or at the end, is a syntax error, but one reported
	// only after the whole number, as Go's is (an overflow on the way wins).
	separated := base == 0
	afterDigit := false
	switch {
	case base == 0:
		base, digits = atoiPrefix(s)
		afterDigit = len(digits) < len(s)
	case base < 2 || base > len(itoaChars):
		return 0, errors.New("invalid base " + Itoa(base))
	}
	if bitSize == 0 {
		bitSize = IntSize
	} else if bitSize < 0 || bitSize > 64 {
		return 0, errors.New("invalid bit size " + Itoa(bitSize))
	}
	limit := ^uint64(0) >> uint(64-bitSize)
	// n*b + d > limit exactly when n > limit/b, or n == limit/b and d > limit%b: one division
	// here instead of an overflow test with a division per digit.
	b := uint64(base)
	maxQuo := limit / b
	maxRem := limit - maxQuo*b
	misplaced := false
	var n uint64
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		d := atoiDigit(c)
		if d >= b {
			if c != '_' || !separated {
				return 0, ErrSyntax
			}
			misplaced = misplaced || !afterDigit
			afterDigit = false
			continue
		}
		if n > maxQuo || n == maxQuo && d > maxRem {
			return limit, ErrRange
		}
		n = n*b + d
		afterDigit = true
	}
	if misplaced || !afterDigit {
		return 0, ErrSyntax
	}
	return n, nil
}

// atoiPrefix returns the base that the start of s (not empty) gives a base-0 number, and the
// digits after the prefix: 0b or 0B binary, 0o or 0O octal, 0x or 0X hexadecimal, a leading
// 0 alone octal, anything else decimal (Go spec, "Integer literals"). As in Go's ParseUint,
// a two-character prefix counts only when something follows it.
func atoiPrefix(s string) (int, string) {
	if s[0] != '0' {
		return 10, s
	}
	if len(s) > 2 {
		switch s[1] {
		case 'b', 'B':
			return 2, s[2:]
		case 'o', 'O':
			return 8, s[2:]
		case 'x', 'X':
			return 16, s[2:]
		}
	}
	return 8, s[1:]
}

// atoiDigit returns the value of c as a digit ('a' or 'A' is 10, ... 'z' or 'Z' 35), or 36,
// a digit of no base, for any other byte.
func atoiDigit(c byte) uint64 {
	switch {
	case '0' <= c && c <= '9':
		return uint64(c - '0')
	case 'a' <= c && c <= 'z':
		return uint64(c-'a') + 10
	case 'A' <= c && c <= 'Z':
		return uint64(c-'A') + 10
	}
	return 36
}
