// Package json: scanner.go is the byte-at-a-time JSON syntax checker shared by Valid,
// Compact, Indent, Unmarshal and the Decoder. It is a table-free state machine (one switch
// on an integer state) written from RFC 8259's grammar; its error texts and offsets are the
// ones Go 1.19's encoding/json reports (facts read from $GOROOT/src/encoding/json/scanner.go:
// the context words, the quoting of the bad byte, a nesting limit of 10000, "unexpected end of
// JSON input", and end of input handled as one extra space byte).
package json

import "strconv"

// What one step tells its caller; the order matters (Compact drops bytes at opSkip and above).
const (
	opContinue = iota
	opBeginLiteral
	opBeginObject
	opObjectKey
	opObjectValue
	opEndObject
	opBeginArray
	opArrayValue
	opEndArray
	opSkip
	opEnd
	opError
)

// Scanner states.
const (
	stValue = iota
	stValueOrClose
	stKeyOrClose
	stKey
	stAfterValue
	stAfterTop
	stString
	stEscape
	stHex
	stMinus
	stIntDigits
	stZero
	stPoint
	stFraction
	stExpMark
	stExpSign
	stExpDigits
	stWord
	stFailed
)

// Container kinds on the nesting stack.
const (
	inKey = iota
	inMember
	inElement
)

const nestingLimit = 10000

// SyntaxError is a description of a JSON syntax error; Offset counts the bytes read before it.
type SyntaxError struct {
	msg    string
	Offset int64
}

func (e *SyntaxError) Error() string { return e.msg }

type scanner struct {
	state  int
	stack  []int
	err    error
	bytes  int64
	endTop bool
	hexN   int    // hex digits seen in a \u escape
	word   string // the literal being read (true, false, null)
	wordAt int    // how much of word has been read
}

func (s *scanner) reset() {
	s.state = stValue
	s.stack = s.stack[:0]
	s.err = nil
	s.endTop = false
}

func spaceByte(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t'
}

// describeByte quotes a byte as Go's messages do: in single quotes, escaped as strconv.Quote
// escapes the rune of that value, with ' and " shown bare.
func describeByte(c byte) string {
	switch c {
	case '\'':
		return `'\''`
	case '"':
		return `'"'`
	}
	q := strconv.Quote(string(rune(c)))
	return "'" + q[1:len(q)-1] + "'"
}

func (s *scanner) fail(c byte, where string) int {
	s.state = stFailed
	s.err = &SyntaxError{"invalid character " + describeByte(c) + " " + where, s.bytes}
	return opError
}

func (s *scanner) push(c byte, kind int) bool {
	s.stack = append(s.stack, kind)
	return len(s.stack) <= nestingLimit
}

// eof reports whether the input read so far is one complete value.
func (s *scanner) eof() int {
	if s.err != nil {
		return opError
	}
	if s.endTop {
		return opEnd
	}
	s.step(' ')
	if s.endTop {
		return opEnd
	}
	if s.err == nil {
		s.err = &SyntaxError{"unexpected end of JSON input", s.bytes}
	}
	return opError
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isHex(c byte) bool {
	return isDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// step consumes one byte.
func (s *scanner) step(c byte) int {
	switch s.state {
	case stValueOrClose:
		if spaceByte(c) {
			return opSkip
		}
		if c == ']' {
			return s.afterValue(c)
		}
		return s.beginValue(c)
	case stValue:
		if spaceByte(c) {
			return opSkip
		}
		return s.beginValue(c)
	case stKeyOrClose:
		if spaceByte(c) {
			return opSkip
		}
		if c == '}' {
			s.stack[len(s.stack)-1] = inMember
			return s.afterValue(c)
		}
		return s.beginKey(c)
	case stKey:
		if spaceByte(c) {
			return opSkip
		}
		return s.beginKey(c)
	case stAfterValue:
		return s.afterValue(c)
	case stAfterTop:
		return s.afterTop(c)
	case stString:
		switch {
		case c == '"':
			s.state = stAfterValue
		case c == '\\':
			s.state = stEscape
		case c < 0x20:
			return s.fail(c, "in string literal")
		}
		return opContinue
	case stEscape:
		switch c {
		case 'b', 'f', 'n', 'r', 't', '\\', '/', '"':
			s.state = stString
			return opContinue
		case 'u':
			s.state = stHex
			s.hexN = 0
			return opContinue
		}
		return s.fail(c, "in string escape code")
	case stHex:
		if !isHex(c) {
			return s.fail(c, "in \\u hexadecimal character escape")
		}
		s.hexN++
		if s.hexN == 4 {
			s.state = stString
		}
		return opContinue
	case stMinus:
		if c == '0' {
			s.state = stZero
			return opContinue
		}
		if '1' <= c && c <= '9' {
			s.state = stIntDigits
			return opContinue
		}
		return s.fail(c, "in numeric literal")
	case stIntDigits:
		if isDigit(c) {
			return opContinue
		}
		return s.afterInt(c)
	case stZero:
		return s.afterInt(c)
	case stPoint:
		if isDigit(c) {
			s.state = stFraction
			return opContinue
		}
		return s.fail(c, "after decimal point in numeric literal")
	case stFraction:
		if isDigit(c) {
			return opContinue
		}
		if c == 'e' || c == 'E' {
			s.state = stExpMark
			return opContinue
		}
		return s.afterValue(c)
	case stExpMark:
		if c == '+' || c == '-' {
			s.state = stExpSign
			return opContinue
		}
		return s.expDigit(c)
	case stExpSign:
		return s.expDigit(c)
	case stExpDigits:
		if isDigit(c) {
			return opContinue
		}
		return s.afterValue(c)
	case stWord:
		want := s.word[s.wordAt]
		if c != want {
			return s.fail(c, "in literal "+s.word+" (expecting "+describeByte(want)+")")
		}
		s.wordAt++
		if s.wordAt == len(s.word) {
			s.state = stAfterValue
		}
		return opContinue
	}
	return opError
}

func (s *scanner) expDigit(c byte) int {
	if isDigit(c) {
		s.state = stExpDigits
		return opContinue
	}
	return s.fail(c, "in exponent of numeric literal")
}

func (s *scanner) afterInt(c byte) int {
	if c == '.' {
		s.state = stPoint
		return opContinue
	}
	if c == 'e' || c == 'E' {
		s.state = stExpMark
		return opContinue
	}
	return s.afterValue(c)
}

func (s *scanner) beginValue(c byte) int {
	switch c {
	case '{':
		s.state = stKeyOrClose
		if !s.push(c, inKey) {
			return s.fail(c, "exceeded max depth")
		}
		return opBeginObject
	case '[':
		s.state = stValueOrClose
		if !s.push(c, inElement) {
			return s.fail(c, "exceeded max depth")
		}
		return opBeginArray
	case '"':
		s.state = stString
		return opBeginLiteral
	case '-':
		s.state = stMinus
		return opBeginLiteral
	case '0':
		s.state = stZero
		return opBeginLiteral
	case 't', 'f', 'n':
		switch c {
		case 't':
			s.word = "true"
		case 'f':
			s.word = "false"
		default:
			s.word = "null"
		}
		s.wordAt = 1
		s.state = stWord
		return opBeginLiteral
	}
	if '1' <= c && c <= '9' {
		s.state = stIntDigits
		return opBeginLiteral
	}
	return s.fail(c, "looking for beginning of value")
}

func (s *scanner) beginKey(c byte) int {
	if c == '"' {
		s.state = stString
		return opBeginLiteral
	}
	return s.fail(c, "looking for beginning of object key string")
}

func (s *scanner) afterTop(c byte) int {
	if !spaceByte(c) {
		// The error is kept but this byte still ends the value, as in Go.
		s.fail(c, "after top-level value")
	}
	return opEnd
}

func (s *scanner) afterValue(c byte) int {
	n := len(s.stack)
	if n == 0 {
		s.state = stAfterTop
		s.endTop = true
		return s.afterTop(c)
	}
	if spaceByte(c) {
		s.state = stAfterValue
		return opSkip
	}
	switch s.stack[n-1] {
	case inKey:
		if c == ':' {
			s.stack[n-1] = inMember
			s.state = stValue
			return opObjectKey
		}
		return s.fail(c, "after object key")
	case inMember:
		if c == ',' {
			s.stack[n-1] = inKey
			s.state = stKey
			return opObjectValue
		}
		if c == '}' {
			s.pop()
			return opEndObject
		}
		return s.fail(c, "after object key:value pair")
	default:
		if c == ',' {
			s.state = stValue
			return opArrayValue
		}
		if c == ']' {
			s.pop()
			return opEndArray
		}
		return s.fail(c, "after array element")
	}
}

func (s *scanner) pop() {
	s.stack = s.stack[:len(s.stack)-1]
	if len(s.stack) == 0 {
		s.state = stAfterTop
		s.endTop = true
	} else {
		s.state = stAfterValue
	}
}

// checkValid scans all of data and reports its first syntax error.
func checkValid(data []byte, s *scanner) error {
	s.reset()
	for _, c := range data {
		s.bytes++
		if s.step(c) == opError {
			return s.err
		}
	}
	if s.eof() == opError {
		return s.err
	}
	return nil
}

// Valid reports whether data is a valid JSON encoding.
func Valid(data []byte) bool {
	var s scanner
	return checkValid(data, &s) == nil
}
