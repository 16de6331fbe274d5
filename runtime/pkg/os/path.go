// Trees of directories: MkdirAll (the parents first, then the directory; Go: os/path.go)
// and RemoveAll, which removes depth first by path (Go's removes relative to each open
// parent directory with unlinkat, os/removeall_at.go: the errors of a removal that fails
// part way, e.g. for want of permission, name the path differently).

package os

import "syscall"

// MkdirAll makes the directory path and any parents it lacks, each with perm (before the
// umask). A path that is already a directory is no error.
func MkdirAll(path string, perm FileMode) error {
	if fi, err := Stat(path); err == nil {
		if fi.IsDir() {
			return nil
		}
		return pathErr("mkdir", path, syscall.ENOTDIR)
	}
	// The parent is everything before the last element (trailing slashes ignored).
	end := len(path)
	for end > 0 && path[end-1] == '/' {
		end--
	}
	start := end
	for start > 0 && path[start-1] != '/' {
		start--
	}
	if start > 1 {
		if err := MkdirAll(path[:start-1], perm); err != nil {
			return err
		}
	}
	if err := Mkdir(path, perm); err != nil {
		// "a/." and the like: the directory may exist after all.
		if fi, lerr := Lstat(path); lerr == nil && fi.IsDir() {
			return nil
		}
		return err
	}
	return nil
}

// RemoveAll removes path and everything under it. A path that does not exist is no error;
// one ending in "." is EINVAL.
func RemoveAll(path string) error {
	if path == "" {
		return nil
	}
	if endsInDot(path) {
		return pathErr("RemoveAll", path, syscall.EINVAL)
	}
	err := Remove(path)
	if err == nil || IsNotExist(err) {
		return nil
	}
	return removeTree(path)
}

// endsInDot reports whether the last element of path is ".".
func endsInDot(path string) bool {
	if path == "." {
		return true
	}
	n := len(path)
	return n >= 2 && path[n-1] == '.' && path[n-2] == '/'
}

// removeTree removes the directory path after everything in it; the first error is
// returned once all that can be removed is gone.
func removeTree(path string) error {
	var first error
	for {
		f, err := Open(path)
		if err != nil {
			if IsNotExist(err) {
				return nil
			}
			return err
		}
		names, rerr := f.Readdirnames(1024)
		f.Close()
		removed := 0
		for _, name := range names {
			child := path + "/" + name
			if err := Remove(child); err == nil || IsNotExist(err) {
				removed++
				continue
			}
			if fi, err := Lstat(child); err == nil && fi.IsDir() {
				if err := removeTree(child); err == nil {
					removed++
					continue
				} else if first == nil {
					first = err
				}
			} else if first == nil {
				first = pathErr("unlinkat", child, unwrapOS(err))
			}
		}
		if rerr != nil || len(names) == 0 || removed == 0 {
			break
		}
	}
	err := Remove(path)
	if err == nil || IsNotExist(err) {
		return first
	}
	if first == nil {
		first = err
	}
	return first
}
