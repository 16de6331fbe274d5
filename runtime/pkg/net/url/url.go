// Package url parses URLs and escapes their parts: tbuild's own implementation of Go 1.19's
// net/url API (RFC 3986 as Go reads it). The facts it keeps from Go's package are the
// observable ones: which bytes each part of a URL escapes, the error values and their
// texts, how Parse splits a reference (scheme, opaque, authority, path, query, fragment),
// how String puts one back together, and how ResolveReference merges dot segments
// (RFC 3986 §5.2.4). Go 1.19.8's URL.OmitHost is included.
package url

import (
	"errors"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Error is a failed operation on a URL, as Parse reports it.
type Error struct {
	Op  string
	URL string
	Err error
}

func (e *Error) Unwrap() error { return e.Err }

func (e *Error) Error() string {
	return fmt.Sprintf("%s %q: %s", e.Op, e.URL, e.Err)
}

// Timeout and Temporary forward to the wrapped error when it has those methods.
func (e *Error) Timeout() bool {
	if t, ok := e.Err.(interface{ Timeout() bool }); ok {
		return t.Timeout()
	}
	return false
}

func (e *Error) Temporary() bool {
	if t, ok := e.Err.(interface{ Temporary() bool }); ok {
		return t.Temporary()
	}
	return false
}

// EscapeError is a malformed %-escape: the text from its '%', at most three bytes.
type EscapeError string

func (e EscapeError) Error() string { return "invalid URL escape " + strconv.Quote(string(e)) }

// InvalidHostError is a byte that may not appear in a host name.
type InvalidHostError string

func (e InvalidHostError) Error() string {
	return "invalid character " + strconv.Quote(string(e)) + " in host name"
}

// part says which component of a URL a string is, since each escapes a different set.
type part uint8

const (
	inPath part = iota + 1
	inSegment
	inHost
	inZone
	inUserinfo
	inQuery
	inFragment
)

const hexUpper = "0123456789ABCDEF"

// hexVal is the value of a hexadecimal digit and whether c is one.
func hexVal(c byte) (byte, bool) {
	if c >= '0' && c <= '9' {
		return c - '0', true
	}
	c |= 0x20
	if c >= 'a' && c <= 'f' {
		return c - 'a' + 10, true
	}
	return 0, false
}

// literal reports whether c may stand as itself in the given part (false: %XX it). The sets
// are Go's: unreserved bytes everywhere; for hosts the sub-delimiters with ':', brackets and
// '<', '>', '"'; the reserved bytes per part as RFC 3986 §3 allows them.
func literal(c byte, p part) bool {
	if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
		return true
	}
	if c == '-' || c == '_' || c == '.' || c == '~' {
		return true
	}
	if p == inHost || p == inZone {
		return strings.IndexByte("!$&'()*+,;=:[]<>\"", c) >= 0
	}
	if strings.IndexByte("$&+,/:;=?@", c) >= 0 {
		switch p {
		case inPath:
			return c != '?'
		case inSegment:
			return strings.IndexByte("/;,?", c) < 0
		case inUserinfo:
			return strings.IndexByte("@/?:", c) < 0
		case inFragment:
			return true
		}
		return false
	}
	return p == inFragment && strings.IndexByte("!()*", c) >= 0
}

// QueryEscape escapes s for use inside a query: a space becomes '+'.
func QueryEscape(s string) string { return escapeAs(s, inQuery) }

// PathEscape escapes s for use as one path segment.
func PathEscape(s string) string { return escapeAs(s, inSegment) }

// QueryUnescape decodes %XX and '+' (a space).
func QueryUnescape(s string) (string, error) { return unescapeAs(s, inQuery) }

// PathUnescape decodes %XX; '+' stays.
func PathUnescape(s string) (string, error) { return unescapeAs(s, inSegment) }

func escapeAs(s string, p part) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if !literal(s[i], p) {
			n++
		}
	}
	if n == 0 {
		return s
	}
	out := make([]byte, 0, len(s)+2*n)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case literal(c, p):
			out = append(out, c)
		case c == ' ' && p == inQuery:
			out = append(out, '+')
		default:
			out = append(out, '%', hexUpper[c>>4], hexUpper[c&0xf])
		}
	}
	return string(out)
}

// unescapeAs decodes s; errors come at the first bad byte, in the order Go reports them.
// Hosts also refuse bytes a host may not hold, and escapes of bytes below 0x80 other than
// %25 (zones accept escaped spaces and bytes a host would escape).
func unescapeAs(s string, p part) (string, error) {
	if strings.IndexByte(s, '%') < 0 && (p != inQuery || strings.IndexByte(s, '+') < 0) &&
		p != inHost && p != inZone {
		return s, nil
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' {
			hi, ok1 := byte(0), false
			lo, ok2 := byte(0), false
			if i+2 < len(s) {
				hi, ok1 = hexVal(s[i+1])
				lo, ok2 = hexVal(s[i+2])
			}
			if !ok1 || !ok2 {
				end := i + 3
				if end > len(s) {
					end = len(s)
				}
				return "", EscapeError(s[i:end])
			}
			v := hi<<4 | lo
			esc := s[i : i+3]
			if p == inHost && hi < 8 && esc != "%25" {
				return "", EscapeError(esc)
			}
			if p == inZone && esc != "%25" && v != ' ' && !literal(v, inHost) {
				return "", EscapeError(esc)
			}
			out = append(out, v)
			i += 2
			continue
		}
		if c == '+' {
			if p == inQuery {
				c = ' '
			}
		} else if (p == inHost || p == inZone) && c < 0x80 && !literal(c, p) {
			return "", InvalidHostError(s[i : i+1])
		}
		out = append(out, c)
	}
	return string(out), nil
}

// URL is a parsed URL; Path, Fragment and the user's names are held decoded.
type URL struct {
	Scheme      string
	Opaque      string
	User        *Userinfo
	Host        string
	Path        string
	RawPath     string
	OmitHost    bool
	ForceQuery  bool
	RawQuery    string
	Fragment    string
	RawFragment string
}

// Userinfo is an immutable user name with an optional password.
type Userinfo struct {
	username    string
	password    string
	passwordSet bool
}

// User returns a Userinfo with a name and no password.
func User(username string) *Userinfo { return &Userinfo{username: username} }

// UserPassword returns a Userinfo with a name and a password.
func UserPassword(username, password string) *Userinfo {
	return &Userinfo{username: username, password: password, passwordSet: true}
}

func (u *Userinfo) Username() string {
	if u == nil {
		return ""
	}
	return u.username
}

func (u *Userinfo) Password() (string, bool) {
	if u == nil {
		return "", false
	}
	return u.password, u.passwordSet
}

func (u *Userinfo) String() string {
	if u == nil {
		return ""
	}
	if !u.passwordSet {
		return escapeAs(u.username, inUserinfo)
	}
	return escapeAs(u.username, inUserinfo) + ":" + escapeAs(u.password, inUserinfo)
}

// splitScheme cuts a leading "scheme:" (a letter, then letters, digits, '+', '-', '.').
// Anything else before the first ':' means there is no scheme; a ':' first is an error.
func splitScheme(s string) (scheme, rest string, err error) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		other := '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'
		if letter || other && i > 0 {
			continue
		}
		if c == ':' {
			if i == 0 {
				return "", "", errors.New("missing protocol scheme")
			}
			return s[:i], s[i+1:], nil
		}
		break
	}
	return "", s, nil
}

// Parse parses an absolute or relative URL, with an optional #fragment.
func Parse(rawURL string) (*URL, error) {
	head, frag, hasFrag := strings.Cut(rawURL, "#")
	u, err := parseURL(head, false)
	if err != nil {
		return nil, &Error{Op: "parse", URL: head, Err: err}
	}
	if hasFrag && frag != "" {
		if err := u.setFragment(frag); err != nil {
			return nil, &Error{Op: "parse", URL: rawURL, Err: err}
		}
	}
	return u, nil
}

// ParseRequestURI parses a URL as an HTTP request line holds it: absolute, or an absolute
// path, and no fragment ('#' is part of the path or query).
func ParseRequestURI(rawURL string) (*URL, error) {
	u, err := parseURL(rawURL, true)
	if err != nil {
		return nil, &Error{Op: "parse", URL: rawURL, Err: err}
	}
	return u, nil
}

func hasCTL(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			return true
		}
	}
	return false
}

func parseURL(raw string, request bool) (*URL, error) {
	if hasCTL(raw) {
		return nil, errors.New("net/url: invalid control character in URL")
	}
	if request && raw == "" {
		return nil, errors.New("empty url")
	}
	u := &URL{}
	if raw == "*" {
		u.Path = "*"
		return u, nil
	}
	scheme, rest, err := splitScheme(raw)
	if err != nil {
		return nil, err
	}
	u.Scheme = strings.ToLower(scheme)

	// A single '?' at the very end forces an empty query.
	if q := strings.IndexByte(rest, '?'); q == len(rest)-1 && q >= 0 {
		u.ForceQuery = true
		rest = rest[:q]
	} else if q >= 0 {
		rest, u.RawQuery = rest[:q], rest[q+1:]
	}

	rooted := strings.HasPrefix(rest, "/")
	if !rooted {
		if u.Scheme != "" {
			u.Opaque = rest
			return u, nil
		}
		if request {
			return nil, errors.New("invalid URI for request")
		}
		first := rest
		if k := strings.IndexByte(first, '/'); k >= 0 {
			first = first[:k]
		}
		if strings.IndexByte(first, ':') >= 0 {
			return nil, errors.New("first path segment in URL cannot contain colon")
		}
	}

	authority := strings.HasPrefix(rest, "//") &&
		(u.Scheme != "" || !request && !strings.HasPrefix(rest, "///"))
	if authority {
		auth := rest[2:]
		rest = ""
		if k := strings.IndexByte(auth, '/'); k >= 0 {
			auth, rest = auth[:k], auth[k:]
		}
		if u.User, u.Host, err = parseAuthority(auth); err != nil {
			return nil, err
		}
	} else if rooted && u.Scheme != "" {
		u.OmitHost = true
	}
	if err := u.setPath(rest); err != nil {
		return nil, err
	}
	return u, nil
}

// userinfoOK reports whether s holds only the bytes RFC 3986 allows in userinfo (Go also
// lets '@' through, since the authority is cut at its last '@').
func userinfoOK(s string) bool {
	for _, r := range s {
		if r < 0x80 && literal(byte(r), inPath) && r != '/' && r != '?' {
			continue
		}
		if r == '!' || r == '\'' || r == '(' || r == ')' || r == '*' || r == '%' {
			continue
		}
		return false
	}
	return true
}

func parseAuthority(auth string) (*Userinfo, string, error) {
	at := strings.LastIndexByte(auth, '@')
	host, err := parseHost(auth[at+1:])
	if err != nil {
		return nil, "", err
	}
	if at < 0 {
		return nil, host, nil
	}
	info := auth[:at]
	if !userinfoOK(info) {
		return nil, "", errors.New("net/url: invalid userinfo")
	}
	name, pass, hasPass := strings.Cut(info, ":")
	if name, err = unescapeAs(name, inUserinfo); err != nil {
		return nil, "", err
	}
	if !hasPass {
		return User(name), host, nil
	}
	if pass, err = unescapeAs(pass, inUserinfo); err != nil {
		return nil, "", err
	}
	return UserPassword(name, pass), host, nil
}

// portOK accepts "" or ':' followed by decimal digits only.
func portOK(s string) bool {
	if s == "" {
		return true
	}
	if s[0] != ':' {
		return false
	}
	return strings.Trim(s[1:], "0123456789") == ""
}

func badPort(s string) error { return fmt.Errorf("invalid port %q after host", s) }

// parseHost checks the port and decodes the host. An IPv6 literal may carry a zone after
// "%25" (RFC 6874), decoded by the looser zone rules.
func parseHost(h string) (string, error) {
	if strings.HasPrefix(h, "[") {
		end := strings.LastIndexByte(h, ']')
		if end < 0 {
			return "", errors.New("missing ']' in host")
		}
		if !portOK(h[end+1:]) {
			return "", badPort(h[end+1:])
		}
		if z := strings.Index(h[:end], "%25"); z >= 0 {
			var parts [3]string
			var err error
			if parts[0], err = unescapeAs(h[:z], inHost); err != nil {
				return "", err
			}
			if parts[1], err = unescapeAs(h[z:end], inZone); err != nil {
				return "", err
			}
			if parts[2], err = unescapeAs(h[end:], inHost); err != nil {
				return "", err
			}
			return parts[0] + parts[1] + parts[2], nil
		}
	} else if c := strings.LastIndexByte(h, ':'); c >= 0 && !portOK(h[c:]) {
		return "", badPort(h[c:])
	}
	return unescapeAs(h, inHost)
}

// setPath stores the decoded path, and the raw form when escaping would not give it back.
func (u *URL) setPath(raw string) error {
	p, err := unescapeAs(raw, inPath)
	if err != nil {
		return err
	}
	u.Path, u.RawPath = p, ""
	if escapeAs(p, inPath) != raw {
		u.RawPath = raw
	}
	return nil
}

func (u *URL) setFragment(raw string) error {
	f, err := unescapeAs(raw, inFragment)
	if err != nil {
		return err
	}
	u.Fragment, u.RawFragment = f, ""
	if escapeAs(f, inFragment) != raw {
		u.RawFragment = raw
	}
	return nil
}

// rawUsable reports whether a Raw* hint is a valid encoding of the decoded value: only
// bytes that part leaves literal, sub-delimiters, brackets and '%'.
func rawUsable(raw, decoded string, p part) bool {
	if raw == "" {
		return false
	}
	for i := 0; i < len(raw); i++ {
		if !literal(raw[i], p) && strings.IndexByte("!$&'()*+,;=:@[]%", raw[i]) < 0 {
			return false
		}
	}
	d, err := unescapeAs(raw, p)
	return err == nil && d == decoded
}

// EscapedPath is the path as it appears in the URL: RawPath when valid, else Path escaped.
func (u *URL) EscapedPath() string {
	if rawUsable(u.RawPath, u.Path, inPath) {
		return u.RawPath
	}
	if u.Path == "*" {
		return "*"
	}
	return escapeAs(u.Path, inPath)
}

// EscapedFragment is the fragment as it appears in the URL.
func (u *URL) EscapedFragment() string {
	if rawUsable(u.RawFragment, u.Fragment, inFragment) {
		return u.RawFragment
	}
	return escapeAs(u.Fragment, inFragment)
}

// String reassembles the URL: [scheme:][//[userinfo@]host][/]path[?query][#fragment], or
// scheme:opaque[?query][#fragment].
func (u *URL) String() string {
	var b strings.Builder
	if u.Scheme != "" {
		b.WriteString(u.Scheme)
		b.WriteByte(':')
	}
	if u.Opaque != "" {
		b.WriteString(u.Opaque)
	} else {
		authority := u.Scheme != "" || u.Host != "" || u.User != nil
		if authority && !(u.OmitHost && u.Host == "" && u.User == nil) {
			if u.Host != "" || u.Path != "" || u.User != nil {
				b.WriteString("//")
			}
			if u.User != nil {
				b.WriteString(u.User.String())
				b.WriteByte('@')
			}
			b.WriteString(escapeAs(u.Host, inHost))
		}
		p := u.EscapedPath()
		if p != "" && p[0] != '/' && u.Host != "" {
			b.WriteByte('/')
		}
		// A relative path whose first segment has a colon would read as a scheme.
		if b.Len() == 0 {
			seg := p
			if k := strings.IndexByte(seg, '/'); k >= 0 {
				seg = seg[:k]
			}
			if strings.IndexByte(seg, ':') >= 0 {
				b.WriteString("./")
			}
		}
		b.WriteString(p)
	}
	if u.ForceQuery || u.RawQuery != "" {
		b.WriteByte('?')
		b.WriteString(u.RawQuery)
	}
	if u.Fragment != "" {
		b.WriteByte('#')
		b.WriteString(u.EscapedFragment())
	}
	return b.String()
}

// Redacted is String with a password, if any, replaced by "xxxxx".
func (u *URL) Redacted() string {
	if u == nil {
		return ""
	}
	c := *u
	if _, ok := c.User.Password(); ok {
		c.User = UserPassword(c.User.Username(), "xxxxx")
	}
	return c.String()
}

// Values maps query keys to their values, in order.
type Values map[string][]string

func (v Values) Get(key string) string {
	if vs := v[key]; len(vs) > 0 {
		return vs[0]
	}
	return ""
}

func (v Values) Set(key, value string) { v[key] = []string{value} }

func (v Values) Add(key, value string) { v[key] = append(v[key], value) }

func (v Values) Del(key string) { delete(v, key) }

func (v Values) Has(key string) bool {
	_, ok := v[key]
	return ok
}

// ParseQuery decodes a query string. Pairs are split at '&'; one holding ';' is refused.
// Bad pairs are skipped: the error returned is the first escape error, or the semicolon
// error of the last pair with one when any has (Go's order of assignment).
func ParseQuery(query string) (Values, error) {
	m := Values{}
	var err error
	for _, pair := range strings.Split(query, "&") {
		if strings.IndexByte(pair, ';') >= 0 {
			err = errors.New("invalid semicolon separator in query")
			continue
		}
		if pair == "" {
			continue
		}
		k, val, _ := strings.Cut(pair, "=")
		k, e := QueryUnescape(k)
		if e == nil {
			val, e = QueryUnescape(val)
		}
		if e != nil {
			if err == nil {
				err = e
			}
			continue
		}
		m[k] = append(m[k], val)
	}
	return m, err
}

// Encode writes "k=v" pairs joined by '&', keys sorted, values in order, query-escaped.
func (v Values) Encode() string {
	if len(v) == 0 {
		return ""
	}
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		ek := QueryEscape(k)
		for _, val := range v[k] {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(ek)
			b.WriteByte('=')
			b.WriteString(QueryEscape(val))
		}
	}
	return b.String()
}

// mergeDots joins a reference path to a base path and removes "." and ".." segments
// (RFC 3986 §5.2.3-4). It walks the segments with Go's state: the output starts as "/",
// a segment is written after a '/' unless nothing was written since the root (a "."
// counts as written), ".." cuts the output back to its last '/', and a final "." or ".."
// leaves a trailing slash. A doubled slash at the start is then reduced to one.
func mergeDots(base, ref string) string {
	full := ref
	if ref == "" {
		full = base
	} else if ref[0] != '/' {
		full = base[:strings.LastIndexByte(base, '/')+1] + ref
	}
	if full == "" {
		return ""
	}
	out := []byte{'/'}
	atRoot := true
	segs := strings.Split(full, "/")
	for _, s := range segs {
		switch s {
		case ".":
			atRoot = false
		case "..":
			k := len(out) - 1
			for k > 0 && out[k] != '/' {
				k--
			}
			if k > 0 {
				out = out[:k]
			} else {
				// Nothing but the root's slash is left: start afresh.
				out, atRoot = out[:1], true
			}
		default:
			if !atRoot {
				out = append(out, '/')
			}
			out = append(out, s...)
			atRoot = false
		}
	}
	if last := segs[len(segs)-1]; last == "." || last == ".." {
		out = append(out, '/')
	}
	if len(out) > 1 && out[1] == '/' {
		out = out[1:]
	}
	return string(out)
}

func (u *URL) IsAbs() bool { return u.Scheme != "" }

// Parse parses ref in the context of u.
func (u *URL) Parse(ref string) (*URL, error) {
	r, err := Parse(ref)
	if err != nil {
		return nil, err
	}
	return u.ResolveReference(r), nil
}

// ResolveReference resolves ref against u as RFC 3986 §5.2.2 does.
func (u *URL) ResolveReference(ref *URL) *URL {
	r := *ref
	if r.Scheme == "" {
		r.Scheme = u.Scheme
	}
	if ref.Scheme != "" || ref.Host != "" || ref.User != nil {
		r.setPath(mergeDots(ref.EscapedPath(), ""))
		return &r
	}
	if ref.Opaque != "" {
		r.User, r.Host, r.Path = nil, "", ""
		return &r
	}
	if ref.Path == "" && !ref.ForceQuery && ref.RawQuery == "" {
		r.RawQuery = u.RawQuery
		if ref.Fragment == "" {
			r.Fragment, r.RawFragment = u.Fragment, u.RawFragment
		}
	}
	r.Host, r.User = u.Host, u.User
	r.setPath(mergeDots(u.EscapedPath(), ref.EscapedPath()))
	return &r
}

// Query parses RawQuery, dropping malformed pairs.
func (u *URL) Query() Values {
	v, _ := ParseQuery(u.RawQuery)
	return v
}

// RequestURI is the path?query (or opaque?query) an HTTP request line would carry.
func (u *URL) RequestURI() string {
	s := u.Opaque
	switch {
	case s == "":
		if s = u.EscapedPath(); s == "" {
			s = "/"
		}
	case strings.HasPrefix(s, "//"):
		s = u.Scheme + ":" + s
	}
	if u.ForceQuery || u.RawQuery != "" {
		s += "?" + u.RawQuery
	}
	return s
}

// hostPort splits Host at a valid ":port" suffix and strips IPv6 brackets.
func hostPort(h string) (host, port string) {
	host = h
	if c := strings.LastIndexByte(h, ':'); c >= 0 && portOK(h[c:]) {
		host, port = h[:c], h[c+1:]
	}
	if len(host) >= 2 && host[0] == '[' && host[len(host)-1] == ']' {
		host = host[1 : len(host)-1]
	}
	return host, port
}

func (u *URL) Hostname() string {
	h, _ := hostPort(u.Host)
	return h
}

func (u *URL) Port() string {
	_, p := hostPort(u.Host)
	return p
}

func (u *URL) MarshalBinary() ([]byte, error) { return []byte(u.String()), nil }

func (u *URL) UnmarshalBinary(text []byte) error {
	p, err := Parse(string(text))
	if err != nil {
		return err
	}
	*u = *p
	return nil
}

// JoinPath appends elements to the escaped path with path.Join's cleaning, keeping a
// relative path relative and a trailing slash of the last element.
func (u *URL) JoinPath(elem ...string) *URL {
	base := u.EscapedPath()
	all := make([]string, 0, len(elem)+1)
	relative := !strings.HasPrefix(base, "/")
	if relative {
		base = "/" + base
	}
	all = append(append(all, base), elem...)
	p := path.Join(all...)
	if relative {
		p = p[1:]
	}
	if strings.HasSuffix(all[len(all)-1], "/") && !strings.HasSuffix(p, "/") {
		p += "/"
	}
	r := *u
	r.setPath(p)
	return &r
}

// JoinPath parses base and joins the elements to its path.
func JoinPath(base string, elem ...string) (string, error) {
	u, err := Parse(base)
	if err != nil {
		return "", err
	}
	return u.JoinPath(elem...).String(), nil
}
