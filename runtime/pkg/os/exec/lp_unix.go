// LookPath: finding a program in PATH as Go 1.19's os/exec/lp_unix.go does (a name with a
// slash is tried as it is; an empty PATH element means "."; a match relative to the
// current directory is returned with ErrDot).

package exec

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// executable reports why path is not a program this process may run (nil if it is): it
// must exist, not be a directory, and have an execute bit.
func executable(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	if m := fi.Mode(); m.IsDir() || m&0o111 == 0 {
		return fs.ErrPermission
	}
	return nil
}

// LookPath finds the program file: as it is when it holds a slash, else in the
// directories of PATH, in order.
func LookPath(file string) (string, error) {
	if strings.Contains(file, "/") {
		if err := executable(file); err != nil {
			return "", &Error{Name: file, Err: err}
		}
		return file, nil
	}
	for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
		if dir == "" {
			dir = "."
		}
		p := filepath.Join(dir, file)
		if executable(p) != nil {
			continue
		}
		if !filepath.IsAbs(p) && !dotAllowed() {
			return p, &Error{Name: file, Err: ErrDot}
		}
		return p, nil
	}
	return "", &Error{Name: file, Err: ErrNotFound}
}

// dotAllowed reports whether GODEBUG holds execerrdot=0, which restores the pre-1.19
// relative results (the first setting of the key counts, as internal/godebug reads it).
func dotAllowed() bool {
	for _, kv := range strings.Split(os.Getenv("GODEBUG"), ",") {
		if k, v, ok := strings.Cut(kv, "="); ok && k == "execerrdot" {
			return v == "0"
		}
	}
	return false
}
