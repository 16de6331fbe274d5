// Package filepath manipulates file-name paths in the operating system's form, which on
// Linux is package path's: the lexical functions are path's (Clean, Join, Split, Base,
// Dir, Ext, IsAbs, Match), plus Rel, Abs, SplitList, VolumeName (always "" here) and the
// slash conversions (the identity here), and the functions that read the file system:
// Glob, Walk, WalkDir and EvalSymlinks, with Go 1.19's orders, results and errors (Go:
// path/filepath/path.go, path_unix.go, match.go, symlink.go).
package filepath

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
)

// The separators of a path's elements and of a list of paths.
const (
	Separator     = os.PathSeparator
	ListSeparator = os.PathListSeparator
)

// Clean returns the shortest path equal to p by lexical processing (path.Clean's rules).
func Clean(p string) string { return path.Clean(p) }

// Join joins the elements from the first non-empty one on with separators (the empty ones
// after it add nothing once cleaned) and cleans the result; with none it returns "". (As
// in Go, the result may be one of the elements, so they flow to it: escape analysis sees
// what Go's sees.)
func Join(elem ...string) string {
	for i := range elem {
		if elem[i] != "" {
			joined := strings.Join(elem[i:], "/")
			return Clean(joined)
		}
	}
	return ""
}

// Split splits p after its last separator.
func Split(p string) (dir, file string) { return path.Split(p) }

// Ext returns the extension of p's last element.
func Ext(p string) string { return path.Ext(p) }

// Base returns p's last element.
func Base(p string) string { return path.Base(p) }

// Dir returns all of p but its last element, cleaned.
func Dir(p string) string { return path.Dir(p) }

// IsAbs reports whether p is absolute.
func IsAbs(p string) bool { return strings.HasPrefix(p, "/") }

// VolumeName returns the leading volume name: none on Linux.
func VolumeName(p string) string { return "" }

// ToSlash returns p with each separator replaced by a slash.
func ToSlash(p string) string { return p }

// FromSlash returns p with each slash replaced by a separator.
func FromSlash(p string) string { return p }

// SplitList splits a list of paths joined by ListSeparator ($PATH); "" is an empty list.
func SplitList(list string) []string {
	if list == "" {
		return []string{}
	}
	return strings.Split(list, string(ListSeparator))
}

// Abs returns an absolute form of p, joined to the working directory if relative.
func Abs(p string) (string, error) {
	if IsAbs(p) {
		return Clean(p), nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	return Join(wd, p), nil
}

// Rel returns a path that, joined to basepath, is targpath (lexically): the ".."s that
// leave what is left of basepath after the elements both share, then what is left of
// targpath. It fails when one is rooted and the other not, or when basepath would have to
// be left through a "..".
func Rel(basepath, targpath string) (string, error) {
	base, targ := Clean(basepath), Clean(targpath)
	if base == targ {
		return ".", nil
	}
	if base == "." {
		base = ""
	}
	if strings.HasPrefix(base, "/") != strings.HasPrefix(targ, "/") {
		return "", relErr(basepath, targpath)
	}
	bs, ts := elements(base), elements(targ)
	k := 0
	for k < len(bs) && k < len(ts) && bs[k] == ts[k] {
		k++
	}
	if k < len(bs) && bs[k] == ".." {
		return "", relErr(basepath, targpath)
	}
	if k == len(bs) {
		return strings.Join(ts[k:], "/"), nil
	}
	up := strings.Repeat("../", len(bs)-k)
	if k == len(ts) {
		return up[:len(up)-1], nil
	}
	return up + strings.Join(ts[k:], "/"), nil
}

// relErr is Rel's error when targ cannot be reached from base.
func relErr(base, targ string) error {
	return errors.New("Rel: can't make " + targ + " relative to " + base)
}

// elements splits a cleaned path into its elements, a leading slash dropped ("/" and ""
// have none).
func elements(p string) []string {
	p = strings.TrimPrefix(p, "/")
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

// SkipDir, returned by a WalkFunc or WalkDirFunc, skips the directory (or, for a file, the
// rest of its directory).
var SkipDir error = fs.SkipDir

// WalkFunc is called by Walk for each file and directory.
type WalkFunc func(path string, info fs.FileInfo, err error) error

// Walk calls fn for root and everything under it in lexical order, with each one's
// FileInfo (from Lstat), not following symbolic links.
func Walk(root string, fn WalkFunc) error {
	var err error
	if info, lerr := os.Lstat(root); lerr != nil {
		err = fn(root, nil, lerr)
	} else {
		err = walk(root, info, fn)
	}
	if err == SkipDir {
		err = nil
	}
	return err
}

func walk(p string, info fs.FileInfo, fn WalkFunc) error {
	if !info.IsDir() {
		return fn(p, info, nil)
	}
	names, rerr := sortedNames(p)
	// Called once, with the listing's error if any: a failed listing, or any error from
	// fn, ends this directory.
	if err := fn(p, info, rerr); err != nil || rerr != nil {
		return err
	}
	for _, name := range names {
		child := Join(p, name)
		ci, err := os.Lstat(child)
		if err != nil {
			if err := fn(child, ci, err); err != nil && err != SkipDir {
				return err
			}
			continue
		}
		if err := walk(child, ci, fn); err != nil && (err != SkipDir || !ci.IsDir()) {
			return err
		}
	}
	return nil
}

func sortedNames(dir string) ([]string, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	names, err := f.Readdirnames(0)
	f.Close()
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	return names, nil
}

// WalkDir calls fn for root and everything under it in lexical order, with each one's
// DirEntry, not following symbolic links.
func WalkDir(root string, fn fs.WalkDirFunc) error {
	var err error
	if info, lerr := os.Lstat(root); lerr != nil {
		err = fn(root, nil, lerr)
	} else {
		err = walkDir(root, &statDirEntry{info}, fn)
	}
	if err == SkipDir {
		err = nil
	}
	return err
}

// statDirEntry is the DirEntry of WalkDir's root.
type statDirEntry struct{ info fs.FileInfo }

func (d *statDirEntry) Name() string               { return d.info.Name() }
func (d *statDirEntry) IsDir() bool                { return d.info.IsDir() }
func (d *statDirEntry) Type() fs.FileMode          { return d.info.Mode().Type() }
func (d *statDirEntry) Info() (fs.FileInfo, error) { return d.info, nil }

func walkDir(p string, d fs.DirEntry, fn fs.WalkDirFunc) error {
	err := fn(p, d, nil)
	if err != nil || !d.IsDir() {
		if err == SkipDir && d.IsDir() {
			return nil
		}
		return err
	}
	entries, rerr := sortedEntries(p)
	if rerr != nil {
		// Again, for the error reading the directory.
		if err := fn(p, d, rerr); err != nil {
			if err == SkipDir {
				return nil
			}
			return err
		}
	}
	for _, e := range entries {
		if err := walkDir(Join(p, e.Name()), e, fn); err != nil {
			if err == SkipDir {
				return nil
			}
			return err
		}
	}
	return nil
}

// sortedEntries lists dir sorted by name; on an error, none.
func sortedEntries(dir string) ([]fs.DirEntry, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	list, err := f.ReadDir(-1)
	f.Close()
	if err != nil {
		return nil, err
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Name() < list[j].Name() })
	return list, nil
}

// HasPrefix reports whether p begins with prefix; it compares bytes, not elements, and is
// kept only for compatibility, as in Go.
func HasPrefix(p, prefix string) bool { return strings.HasPrefix(p, prefix) }
