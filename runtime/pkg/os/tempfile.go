// Temporary files and directories: TempDir, CreateTemp and MkdirTemp, whose names replace
// the last "*" of the pattern (or follow it) with a random decimal number, tried up to
// 10000 times (Go: os/tempfile.go, os/file_unix.go TempDir).

package os

import (
	"errors"
	"strconv"
	"strings"
	"unsafe"
)

// //go:linkname needs the import of unsafe in its file.
var _ = unsafe.Sizeof(uintptr(0))

//go:linkname runtime_rand runtime.fastrand
func runtime_rand() uint32

// TempDir returns $TMPDIR, or /tmp when it is empty.
func TempDir() string {
	if dir := Getenv("TMPDIR"); dir != "" {
		return dir
	}
	return "/tmp"
}

// errSepInPattern is the error of a pattern naming a directory.
var errSepInPattern = errors.New("pattern contains path separator")

// splitPattern splits a pattern at its last "*" (or keeps it whole as the prefix).
func splitPattern(pattern string) (prefix, suffix string, err error) {
	if strings.IndexByte(pattern, PathSeparator) >= 0 {
		return "", "", errSepInPattern
	}
	star := strings.LastIndexByte(pattern, '*')
	if star < 0 {
		return pattern, "", nil
	}
	return pattern[:star], pattern[star+1:], nil
}

// inDir joins dir and name with one separator unless dir ends in one.
func inDir(dir, name string) string {
	if strings.HasSuffix(dir, "/") {
		return dir + name
	}
	return dir + "/" + name
}

func randomPart() string {
	return strconv.FormatUint(uint64(runtime_rand()), 10)
}

// CreateTemp creates a new file in dir (TempDir() for "") named by pattern, opened for
// reading and writing with mode 0600.
func CreateTemp(dir, pattern string) (*File, error) {
	if dir == "" {
		dir = TempDir()
	}
	prefix, suffix, err := splitPattern(pattern)
	if err != nil {
		return nil, pathErr("createtemp", pattern, err)
	}
	prefix = inDir(dir, prefix)
	for try := 1; ; try++ {
		f, err := OpenFile(prefix+randomPart()+suffix, O_RDWR|O_CREATE|O_EXCL, 0600)
		if !IsExist(err) {
			return f, err
		}
		if try == 10000 {
			return nil, pathErr("createtemp", prefix+"*"+suffix, ErrExist)
		}
	}
}

// MkdirTemp creates a new directory in dir (TempDir() for "") named by pattern, with mode
// 0700, and returns its name.
func MkdirTemp(dir, pattern string) (string, error) {
	if dir == "" {
		dir = TempDir()
	}
	prefix, suffix, err := splitPattern(pattern)
	if err != nil {
		return "", pathErr("mkdirtemp", pattern, err)
	}
	prefix = inDir(dir, prefix)
	for try := 1; ; try++ {
		name := prefix + randomPart() + suffix
		merr := Mkdir(name, 0700)
		if merr == nil {
			return name, nil
		}
		if IsExist(merr) {
			if try < 10000 {
				continue
			}
			return "", pathErr("mkdirtemp", dir+"/"+prefix+"*"+suffix, ErrExist)
		}
		if IsNotExist(merr) {
			// Say so when it is dir that is missing.
			if _, serr := Stat(dir); IsNotExist(serr) {
				return "", serr
			}
		}
		return "", merr
	}
}
