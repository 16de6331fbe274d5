// EvalSymlinks: the path walked element by element, each prefix checked with Lstat and a
// symbolic link's target spliced in place of the element, at most 255 links (Go:
// path/filepath/symlink.go, walkSymlinks).

package filepath

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// EvalSymlinks returns p with every symbolic link in it replaced by its target, cleaned.
// A relative p gives a relative result.
func EvalSymlinks(p string) (string, error) {
	// done is the resolved part; rooted paths keep their slash in it.
	done := ""
	if len(p) > 0 && p[0] == '/' {
		done = "/"
	}
	rootLen := len(done)
	links := 0
	i := rootLen
	for i < len(p) {
		for i < len(p) && p[i] == '/' {
			i++
		}
		j := i
		for j < len(p) && p[j] != '/' {
			j++
		}
		elem := p[i:j]
		if elem == "" {
			break
		}
		if elem == "." {
			i = j
			continue
		}
		if elem == ".." {
			// Drop done's last element, unless there is none or it is a kept "..".
			k := len(done) - 1
			for k >= rootLen && done[k] != '/' {
				k--
			}
			if k < rootLen || done[k+1:] == ".." {
				if len(done) > rootLen {
					done += "/"
				}
				done += ".."
			} else {
				done = done[:k]
			}
			i = j
			continue
		}
		if len(done) > 0 && done[len(done)-1] != '/' {
			done += "/"
		}
		done += elem
		fi, err := os.Lstat(done)
		if err != nil {
			return "", err
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			if !fi.Mode().IsDir() && j < len(p) {
				return "", syscall.ENOTDIR
			}
			i = j
			continue
		}
		links++
		if links > 255 {
			return "", errors.New("EvalSymlinks: too many links")
		}
		target, err := os.Readlink(done)
		if err != nil {
			return "", err
		}
		p = target + p[j:]
		if len(target) > 0 && target[0] == '/' {
			done, rootLen, i = "/", 1, 1
			continue
		}
		// A relative target replaces the link's element in done.
		k := len(done) - 1
		for k >= rootLen && done[k] != '/' {
			k--
		}
		if k < rootLen {
			done = done[:rootLen]
		} else {
			done = done[:k]
		}
		i = 0
	}
	return Clean(done), nil
}
