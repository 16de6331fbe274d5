// Package path manipulates slash-separated paths lexically, as Go 1.19's does: Clean's four
// rules (collapse slashes, drop "." elements, cancel an element with the ".." after it, drop
// ".." at the start of a rooted path), and Split, Join, Base, Dir, Ext, IsAbs and Match
// (match.go) with Go's results on every input. Go: path/path.go.
package path

import "strings"

// Clean returns the shortest path equal to p by purely lexical processing; "" and a path
// that cancels out become ".".
func Clean(p string) string {
	if p == "" {
		return "."
	}
	rooted := p[0] == '/'
	// kept holds the surviving elements; leading ".." of a relative path stay.
	var kept []string
	ups := 0 // how many of kept's first elements are ".."
	for start := 0; start < len(p); {
		end := start
		for end < len(p) && p[end] != '/' {
			end++
		}
		elem := p[start:end]
		start = end + 1
		switch {
		case elem == "" || elem == ".":
		case elem == "..":
			if len(kept) > ups {
				kept = kept[:len(kept)-1]
			} else if !rooted {
				kept = append(kept, "..")
				ups++
			}
		default:
			kept = append(kept, elem)
		}
	}
	out := strings.Join(kept, "/")
	if rooted {
		return "/" + out
	}
	if out == "" {
		return "."
	}
	return out
}

// Split splits p after its last slash into a directory and a file name; either may be
// empty, and dir+file == p.
func Split(p string) (dir, file string) {
	i := strings.LastIndexByte(p, '/')
	return p[:i+1], p[i+1:]
}

// Join joins the non-empty elements with slashes and cleans the result; with none it
// returns "".
func Join(elem ...string) string {
	var b strings.Builder
	for _, e := range elem {
		if e == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('/')
		}
		b.WriteString(e)
	}
	if b.Len() == 0 {
		return ""
	}
	return Clean(b.String())
}

// Ext returns the extension of p's last element: from its last dot on, or "".
func Ext(p string) string {
	for i := len(p) - 1; i >= 0 && p[i] != '/'; i-- {
		if p[i] == '.' {
			return p[i:]
		}
	}
	return ""
}

// Base returns p's last element, trailing slashes removed: "." for "", "/" for slashes
// only.
func Base(p string) string {
	if p == "" {
		return "."
	}
	p = strings.TrimRight(p, "/")
	if p == "" {
		return "/"
	}
	return p[strings.LastIndexByte(p, '/')+1:]
}

// IsAbs reports whether p is rooted (begins with a slash).
func IsAbs(p string) bool {
	return strings.HasPrefix(p, "/")
}

// Dir returns all of p but its last element, cleaned.
func Dir(p string) string {
	dir, _ := Split(p)
	return Clean(dir)
}
