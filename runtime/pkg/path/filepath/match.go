// Match and Glob. On Linux a file-name pattern is a slash-separated one, matched by package
// path's matcher; but Go 1.19's filepath.Match reports a malformed piece of the pattern only
// if matching reaches it (path.Match checks them all), and ErrBadPattern is a value of its
// own.

package filepath

import (
	"errors"
	"os"
	"sort"
	"strings"
	"unsafe"
)

// //go:linkname needs the import of unsafe in its file.
var _ = unsafe.Sizeof(uintptr(0))

// pathMatch is package path's matcher in filepath's mode; ok is false for a malformed piece.
//
//go:linkname pathMatch path.matchLazy
func pathMatch(pattern, name string) (matched, ok bool)

// ErrBadPattern reports a malformed pattern (a value of its own, not path's).
var ErrBadPattern error = errors.New("syntax error in pattern")

func errBadPattern() error { return ErrBadPattern }

// Match reports whether name matches the shell pattern (path.Match's syntax).
func Match(pattern, name string) (matched bool, err error) {
	matched, ok := pathMatch(pattern, name)
	if !ok {
		return false, errBadPattern()
	}
	return matched, nil
}

// Glob returns the names of the files matching pattern, in lexical order within each
// directory, or nil; a malformed pattern is the only error (unreadable directories add
// nothing).
func Glob(pattern string) (matches []string, err error) {
	return globDepth(pattern, 0)
}

// globDepth bounds the recursion over the pattern's directories as Go 1.19's does
// (CVE-2022-30630).
func globDepth(pattern string, depth int) ([]string, error) {
	if depth == 10000 {
		return nil, errBadPattern()
	}
	if _, bad := Match(pattern, ""); bad != nil {
		return nil, bad
	}
	if !hasMeta(pattern) {
		// A plain name matches itself, if it exists.
		if _, err := os.Lstat(pattern); err == nil {
			return []string{pattern}, nil
		}
		return nil, nil
	}
	dir, last := Split(pattern)
	switch dir {
	case "":
		dir = "."
	case "/":
	default:
		dir = dir[:len(dir)-1]
	}
	if !hasMeta(dir) {
		return globIn(dir, last, nil)
	}
	if dir == pattern {
		return nil, errBadPattern()
	}
	dirs, err := globDepth(dir, depth+1)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, sub := range dirs {
		if out, err = globIn(sub, last, out); err != nil {
			return out, err
		}
	}
	return out, nil
}

// globIn appends the names in dir that match pattern.
func globIn(dir, pattern string, out []string) ([]string, error) {
	// Directories that cannot be read add nothing.
	if info, serr := os.Stat(dir); serr != nil || !info.IsDir() {
		return out, nil
	}
	d, oerr := os.Open(dir)
	if oerr != nil {
		return out, nil
	}
	defer d.Close()
	names, _ := d.Readdirnames(-1)
	sort.Strings(names)
	for _, n := range names {
		ok, err := Match(pattern, n)
		if err != nil {
			return out, err
		}
		if ok {
			out = append(out, Join(dir, n))
		}
	}
	return out, nil
}

func hasMeta(p string) bool { return strings.ContainsAny(p, `*?[\`) }
