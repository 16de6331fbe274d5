// The optional interfaces a file system may implement, and the functions over any FS that
// use them when present and fall back on Open otherwise (Go: io/fs/readdir.go,
// readfile.go, stat.go, glob.go, sub.go, walk.go).

package fs

import (
	"errors"
	"io"
	"path"
	"sort"
)

// The optional interfaces: an FS with its own form of the function of the same name.
type (
	ReadDirFS interface {
		FS
		ReadDir(path string) (entries []DirEntry, err error)
	}
	ReadFileFS interface {
		FS
		ReadFile(path string) (data []byte, err error)
	}
	StatFS interface {
		FS
		Stat(path string) (info FileInfo, err error)
	}
	GlobFS interface {
		FS
		Glob(pattern string) (matches []string, err error)
	}
	SubFS interface {
		FS
		Sub(dir string) (sub FS, err error)
	}
)

// errInvalidName and errNotImplemented are the Errs of the PathErrors of a bad name given
// to Sub or a sub-FS, and of ReadDir on a file that cannot list itself.
func errInvalidName() error    { return errors.New("invalid name") }
func errNotImplemented() error { return errors.New("not implemented") }

// byName sorts entries by name.
func byName(list []DirEntry) {
	sort.Slice(list, func(a, b int) bool { return list[a].Name() < list[b].Name() })
}

// ReadDir lists the directory name, sorted by file name.
func ReadDir(fsys FS, name string) ([]DirEntry, error) {
	if rd, ok := fsys.(ReadDirFS); ok {
		return rd.ReadDir(name)
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	d, ok := f.(ReadDirFile)
	if !ok {
		return nil, &PathError{"readdir", name, errNotImplemented()}
	}
	list, err := d.ReadDir(-1)
	byName(list)
	return list, err
}

// ReadFile reads the whole file name; reaching its end is no error.
func ReadFile(fsys FS, name string) ([]byte, error) {
	if rf, ok := fsys.(ReadFileFS); ok {
		return rf.ReadFile(name)
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	hint := 0
	if fi, err := f.Stat(); err == nil {
		if sz := fi.Size(); sz > 0 && int64(int(sz)) == sz {
			hint = int(sz)
		}
	}
	data := make([]byte, 0, hint+1)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		got, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+got]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
	}
}

// Stat describes the file name.
func Stat(fsys FS, name string) (FileInfo, error) {
	if sf, ok := fsys.(StatFS); ok {
		return sf.Stat(name)
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.Stat()
}

// dirInfo is the DirEntry of a FileInfo.
type dirInfo struct{ fi FileInfo }

func (d dirInfo) Name() string                  { return d.fi.Name() }
func (d dirInfo) IsDir() bool                   { return d.fi.IsDir() }
func (d dirInfo) Type() FileMode                { return d.fi.Mode().Type() }
func (d dirInfo) Info() (FileInfo, error)       { return d.fi, nil }
func (d *statDirEntry) Name() string            { return d.fi.Name() }
func (d *statDirEntry) IsDir() bool             { return d.fi.IsDir() }
func (d *statDirEntry) Type() FileMode          { return d.fi.Mode().Type() }
func (d *statDirEntry) Info() (FileInfo, error) { return d.fi, nil }

// statDirEntry is the DirEntry WalkDir makes for its root.
type statDirEntry struct{ fi FileInfo }

// FileInfoToDirEntry returns a DirEntry describing info, or nil for a nil info.
func FileInfoToDirEntry(info FileInfo) DirEntry {
	if info == nil {
		return nil
	}
	return dirInfo{info}
}

// Glob returns the names in fsys matching pattern (path.Match's syntax), or nil when there
// are none; the only error is a malformed pattern.
func Glob(fsys FS, pattern string) (matches []string, err error) {
	return globDepth(fsys, pattern, 0)
}

// globDepth bounds the recursion over the pattern's directories, as Go 1.19's does
// (CVE-2022-30630).
func globDepth(fsys FS, pattern string, depth int) ([]string, error) {
	if depth > 10000 {
		return nil, errBadPattern()
	}
	if gf, ok := fsys.(GlobFS); ok {
		return gf.Glob(pattern)
	}
	if _, bad := path.Match(pattern, ""); bad != nil {
		return nil, bad
	}
	if !hasMeta(pattern) {
		// A plain name matches itself, if it exists.
		if _, err := Stat(fsys, pattern); err == nil {
			return []string{pattern}, nil
		}
		return nil, nil
	}
	dir, last := path.Split(pattern)
	if dir == "" {
		dir = "."
	} else {
		dir = dir[:len(dir)-1]
	}
	if !hasMeta(dir) {
		return globIn(fsys, dir, last, nil)
	}
	if dir == pattern {
		return nil, errBadPattern()
	}
	dirs, err := globDepth(fsys, dir, depth+1)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, sub := range dirs {
		if out, err = globIn(fsys, sub, last, out); err != nil {
			return out, err
		}
	}
	return out, nil
}

// globIn appends the names in dir that match pattern; a directory that cannot be read
// adds none.
func globIn(fsys FS, dir, pattern string, out []string) ([]string, error) {
	list, err := ReadDir(fsys, dir)
	if err != nil {
		return out, nil
	}
	for _, e := range list {
		ok, err := path.Match(pattern, e.Name())
		if err != nil {
			return out, err
		}
		if ok {
			out = append(out, path.Join(dir, e.Name()))
		}
	}
	return out, nil
}

func errBadPattern() error { return path.ErrBadPattern }

func hasMeta(p string) bool {
	for i := 0; i < len(p); i++ {
		if c := p[i]; c == '*' || c == '?' || c == '[' || c == '\\' {
			return true
		}
	}
	return false
}

// SkipDir, returned by a WalkDirFunc, skips the directory it was called for (or, for a
// file, the rest of its directory).
var SkipDir error = errors.New("skip this directory")

// WalkDirFunc is called by WalkDir for each file and directory: with err set when the
// root could not be described (d nil) or a directory could not be listed.
type WalkDirFunc func(path string, entry DirEntry, err error) error

// WalkDir calls fn for root and everything under it, each directory's entries in lexical
// order, not following symbolic links inside the tree.
func WalkDir(fsys FS, root string, fn WalkDirFunc) error {
	var err error
	if info, serr := Stat(fsys, root); serr != nil {
		err = fn(root, nil, serr)
	} else {
		err = walk(fsys, root, &statDirEntry{info}, fn)
	}
	if err == SkipDir {
		err = nil
	}
	return err
}

func walk(fsys FS, name string, d DirEntry, fn WalkDirFunc) error {
	isDir := d.IsDir()
	err := fn(name, d, nil)
	if !isDir {
		return err
	}
	if err != nil {
		if err == SkipDir {
			return nil
		}
		return err
	}
	list, rerr := ReadDir(fsys, name)
	if rerr != nil {
		// Again, for the error reading the directory.
		if err := fn(name, d, rerr); err != nil {
			if err == SkipDir {
				return nil
			}
			return err
		}
	}
	for _, e := range list {
		if err := walk(fsys, path.Join(name, e.Name()), e, fn); err != nil {
			if err == SkipDir {
				return nil
			}
			return err
		}
	}
	return nil
}

// Sub returns the subtree of fsys under dir as an FS.
func Sub(fsys FS, dir string) (FS, error) {
	if !ValidPath(dir) {
		return nil, &PathError{"sub", dir, errInvalidName()}
	}
	if dir == "." {
		return fsys, nil
	}
	if sf, ok := fsys.(SubFS); ok {
		return sf.Sub(dir)
	}
	return &subFS{fsys: fsys, dir: dir}, nil
}

// subFS is fsys seen from dir: names are joined to dir going in and lose it again in the
// errors coming out.
type subFS struct {
	fsys FS
	dir  string
}

func (s *subFS) full(op, name string) (string, error) {
	if !ValidPath(name) {
		return "", &PathError{op, name, errInvalidName()}
	}
	return path.Join(s.dir, name), nil
}

// trim returns name relative to s.dir, if it is under it.
func (s *subFS) trim(name string) (string, bool) {
	if name == s.dir {
		return ".", true
	}
	n := len(s.dir)
	if len(name) > n+1 && name[n] == '/' && name[:n] == s.dir {
		return name[n+1:], true
	}
	return "", false
}

func (s *subFS) fix(err error) error {
	if pe, ok := err.(*PathError); ok {
		if short, ok := s.trim(pe.Path); ok {
			pe.Path = short
		}
	}
	return err
}

func (s *subFS) Open(name string) (File, error) {
	full, err := s.full("open", name)
	if err != nil {
		return nil, err
	}
	f, err := s.fsys.Open(full)
	return f, s.fix(err)
}

func (s *subFS) ReadDir(name string) ([]DirEntry, error) {
	full, err := s.full("read", name)
	if err != nil {
		return nil, err
	}
	list, err := ReadDir(s.fsys, full)
	return list, s.fix(err)
}

func (s *subFS) ReadFile(name string) ([]byte, error) {
	full, err := s.full("read", name)
	if err != nil {
		return nil, err
	}
	data, err := ReadFile(s.fsys, full)
	return data, s.fix(err)
}

func (s *subFS) Glob(pattern string) ([]string, error) {
	if _, err := path.Match(pattern, ""); err != nil {
		return nil, err
	}
	if pattern == "." {
		return []string{pattern}, nil
	}
	list, err := Glob(s.fsys, s.dir+"/"+pattern)
	for k := range list {
		short, ok := s.trim(list[k])
		if !ok {
			// (Go's message names the trimmed result, "", not the name.)
			return nil, errors.New("invalid result from inner fsys Glob: " + short + " not in " + s.dir)
		}
		list[k] = short
	}
	return list, s.fix(err)
}

func (s *subFS) Sub(dir string) (FS, error) {
	if dir == "." {
		return s, nil
	}
	full, err := s.full("sub", dir)
	if err != nil {
		return nil, err
	}
	return &subFS{s.fsys, full}, nil
}
