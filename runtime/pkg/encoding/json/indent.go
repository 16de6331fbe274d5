// Package json: indent.go reformats JSON text: Compact, Indent and HTMLEscape. Their
// observable rules follow Go 1.19 (read from its documentation and behaviour): Indent keeps
// the bytes after the top-level value, writes empty arrays and objects as [] and {}, and
// starts each new line with prefix; Compact drops insignificant space; both leave out as it
// was on a syntax error (Compact's errors carry offset 0, as Go's do, since Go's compact does
// not count bytes).
package json

import "bytes"

const hexDigits = "0123456789abcdef"

// HTMLEscape appends to out the JSON-encoded in with <, >, & and U+2028, U+2029 inside
// string literals changed to \u003c, \u003e, \u0026, \u2028, \u2029.
func HTMLEscape(out *bytes.Buffer, in []byte) {
	from := 0
	for i := 0; i < len(in); i++ {
		from = escapeHTMLAt(out, in, i, from)
	}
	out.Write(in[from:])
}

// escapeHTMLAt writes in[from:i] and the escape of the character at in[i] to out when that
// character is one HTMLEscape escapes (<, > and & as \u003c, \u003e and \u0026; U+2028 and
// U+2029 as \u2028 and \u2029), and returns where the input not yet written starts: from
// itself when in[i] starts no such character.
func escapeHTMLAt(out *bytes.Buffer, in []byte, i, from int) int {
	c := in[i]
	switch {
	case c == '<' || c == '>' || c == '&':
		out.Write(in[from:i])
		out.WriteString(`\u00`)
		out.WriteByte(hexDigits[c>>4])
		out.WriteByte(hexDigits[c&15])
		return i + 1
	case c == 0xE2 && i+2 < len(in) && in[i+1] == 0x80 && (in[i+2] == 0xA8 || in[i+2] == 0xA9):
		out.Write(in[from:i])
		out.WriteString(`\u202`)
		out.WriteByte(hexDigits[in[i+2]&15])
		return i + 3
	}
	return from
}

// Compact appends to out the JSON-encoded in with insignificant space characters elided.
func Compact(out *bytes.Buffer, in []byte) error {
	return compactTo(out, in, false)
}

func compactTo(out *bytes.Buffer, in []byte, escape bool) error {
	keep := out.Len()
	var s scanner
	s.reset()
	from := 0
	for i := 0; i < len(in); i++ {
		c := in[i]
		if escape {
			from = escapeHTMLAt(out, in, i, from)
		}
		op := s.step(c)
		if op == opError {
			break
		}
		if op >= opSkip {
			if from < i {
				out.Write(in[from:i])
			}
			from = i + 1
		}
	}
	if s.eof() == opError {
		out.Truncate(keep)
		return s.err
	}
	if from < len(in) {
		out.Write(in[from:])
	}
	return nil
}

func writeNewline(out *bytes.Buffer, prefix, indent string, depth int) {
	out.WriteByte('\n')
	out.WriteString(prefix)
	for i := 0; i < depth; i++ {
		out.WriteString(indent)
	}
}

// Indent appends to out an indented form of the JSON-encoded in.
func Indent(out *bytes.Buffer, in []byte, prefix, indent string) error {
	keep := out.Len()
	var s scanner
	s.reset()
	open := false // just after [ or {: the next token decides between [] and a new line
	depth := 0
	for _, c := range in {
		s.bytes++
		op := s.step(c)
		if op == opSkip {
			continue
		}
		if op == opError {
			break
		}
		if open && op != opEndObject && op != opEndArray {
			open = false
			depth++
			writeNewline(out, prefix, indent, depth)
		}
		if op == opContinue {
			out.WriteByte(c)
			continue
		}
		switch c {
		case '{', '[':
			open = true
			out.WriteByte(c)
		case ',':
			out.WriteByte(c)
			writeNewline(out, prefix, indent, depth)
		case ':':
			out.WriteString(": ")
		case '}', ']':
			if open {
				open = false
			} else {
				depth--
				writeNewline(out, prefix, indent, depth)
			}
			out.WriteByte(c)
		default:
			out.WriteByte(c)
		}
	}
	if s.eof() == opError {
		out.Truncate(keep)
		return s.err
	}
	return nil
}
