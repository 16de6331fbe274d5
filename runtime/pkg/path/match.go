// Shell pattern matching with Go 1.19's rules and results (path/match.go,
// path/filepath/match.go): '*' runs over
// non-slash bytes, '?' takes one non-slash character (a UTF-8 sequence, or one byte that is
// not one), '[...]' a character in (or with '^' not in) a set of characters and ranges, and
// '\' makes the next character literal. A pattern is read as pieces: a run of stars, then
// the text up to the next star outside brackets. Any malformed piece makes Match fail with
// ErrBadPattern, whatever the name, as Go 1.19's does (it checks the pieces a mismatch
// leaves unread), while filepath.Match reports only a malformed piece it reaches.
// Each piece after a star is matched at the first place that fits, and the last must end
// the name.

package path

import (
	"errors"
	"unicode/utf8"
)

// ErrBadPattern reports a malformed pattern.
var ErrBadPattern = errors.New("syntax error in pattern")

// Match reports whether name matches the shell pattern.
func Match(pattern, name string) (matched bool, err error) {
	matched, ok := match(pattern, name, true)
	if !ok {
		return false, ErrBadPattern
	}
	return matched, nil
}

// matchLazy is path/filepath's Match (reached with //go:linkname): Go 1.19's filepath.Match
// checks only the pieces it reaches, so a mismatch before a malformed piece is no error.
func matchLazy(pattern, name string) (matched, ok bool) {
	return match(pattern, name, false)
}

// nextPiece splits p into its leading stars (whether there were any), the text up to the
// next star that is outside brackets, and the rest.
func nextPiece(p string) (star bool, piece, rest string) {
	for len(p) > 0 && p[0] == '*' {
		p = p[1:]
		star = true
	}
	inClass := false
	i := 0
	for ; i < len(p); i++ {
		c := p[i]
		if c == '\\' {
			if i+1 < len(p) {
				i++
			}
		} else if c == '[' {
			inClass = true
		} else if c == ']' {
			inClass = false
		} else if c == '*' && !inClass {
			break
		}
	}
	return star, p[:i], p[i:]
}

// wellFormed reports whether every piece of the pattern parses.
func wellFormed(p string) bool {
	for len(p) > 0 {
		_, piece, rest := nextPiece(p)
		if !pieceSyntax(piece) {
			return false
		}
		p = rest
	}
	return true
}

// pieceSyntax reports whether a piece (no star outside brackets) parses.
func pieceSyntax(piece string) bool {
	for len(piece) > 0 {
		switch piece[0] {
		case '[':
			_, rest, ok := classMatch(piece[1:], 0)
			if !ok {
				return false
			}
			piece = rest
		case '\\':
			if len(piece) < 2 {
				return false
			}
			piece = piece[2:]
		default:
			piece = piece[1:]
		}
	}
	return true
}

// classBound reads one bound of a range in a class: a character, or '\' and a character.
// '-' and ']' cannot start a bound, and a bound cannot end the pattern (the class would be
// unclosed).
func classBound(s string) (r rune, rest string, ok bool) {
	if s == "" || s[0] == '-' || s[0] == ']' {
		return 0, "", false
	}
	if s[0] == '\\' {
		s = s[1:]
		if s == "" {
			return 0, "", false
		}
	}
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError && n == 1 {
		return 0, "", false
	}
	if n == len(s) {
		return 0, "", false
	}
	return r, s[n:], true
}

// classMatch reads a class after its '[' and reports whether c is in it (negation
// applied), the rest of the pattern after its ']', and whether it parses. A class holds at
// least one bound or range before its ']'.
func classMatch(s string, c rune) (in bool, rest string, ok bool) {
	negated := false
	if len(s) > 0 && s[0] == '^' {
		negated = true
		s = s[1:]
	}
	found := false
	for n := 0; ; n++ {
		if n > 0 && len(s) > 0 && s[0] == ']' {
			return found != negated, s[1:], true
		}
		lo, r, ok := classBound(s)
		if !ok {
			return false, "", false
		}
		hi := lo
		if r[0] == '-' {
			if hi, r, ok = classBound(r[1:]); !ok {
				return false, "", false
			}
		}
		if lo <= c && c <= hi {
			found = true
		}
		s = r
	}
}

// matchHere matches a well-formed piece at the start of name and returns the rest of name.
func matchHere(piece, name string) (rest string, ok bool) {
	for len(piece) > 0 {
		if name == "" {
			return "", false
		}
		switch piece[0] {
		case '[':
			c, n := utf8.DecodeRuneInString(name)
			in, after, _ := classMatch(piece[1:], c)
			if !in {
				return "", false
			}
			piece, name = after, name[n:]
		case '?':
			if name[0] == '/' {
				return "", false
			}
			_, n := utf8.DecodeRuneInString(name)
			piece, name = piece[1:], name[n:]
		default:
			if piece[0] == '\\' {
				piece = piece[1:]
			}
			if piece[0] != name[0] {
				return "", false
			}
			piece, name = piece[1:], name[1:]
		}
	}
	return name, true
}

// match matches pattern against name piece by piece; ok is false for a malformed piece
// reached (or, with checkRest, for one anywhere in the pattern).
func match(pattern, name string, checkRest bool) (matched, ok bool) {
	for len(pattern) > 0 {
		star, piece, rest := nextPiece(pattern)
		if star && piece == "" {
			// A final star takes the rest of the name, if it crosses no separator.
			for i := 0; i < len(name); i++ {
				if name[i] == '/' {
					return false, true
				}
			}
			return true, true
		}
		if !pieceSyntax(piece) {
			return false, false
		}
		last := rest == ""
		if after, ok := matchHere(piece, name); ok && (!last || after == "") {
			name, pattern = after, rest
			continue
		}
		moved := false
		if star {
			// Skip 1, 2, ... bytes of the name (never a separator) and take the first
			// place where the piece fits (and, for the last piece, ends the name).
			for i := 0; i < len(name) && name[i] != '/'; i++ {
				after, ok := matchHere(piece, name[i+1:])
				if ok && (!last || after == "") {
					name, pattern, moved = after, rest, true
					break
				}
			}
		}
		if !moved {
			return false, !checkRest || wellFormed(rest)
		}
	}
	return name == "", true
}
