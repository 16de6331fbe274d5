// The build information a binary carries about itself: the main package's path, its module
// and the modules it depends on, and the build's settings, in the text form cmd/go hands the
// linker (`path`, `mod`, `dep`, `=>` and `build` lines, tab-separated; Go 1.19's
// runtime/debug/mod.go defines the form, debug/buildinfo and `go version -m` read it too).

package debug

import (
	"errors"
	"runtime"
	"strconv"
	"strings"
)

// BuildInfo is what ReadBuildInfo returns.
type BuildInfo struct {
	GoVersion string         // the toolchain that built the binary (runtime.Version)
	Path      string         // the main package's import path
	Main      Module         // the module holding the main package
	Deps      []*Module      // the modules it depends on
	Settings  []BuildSetting // the build's other settings (-compiler, GOARCH, ...)
}

// Module is one module of the build.
type Module struct {
	Path    string  // its module path
	Version string  // its version
	Sum     string  // its checksum
	Replace *Module // what replaced it, if anything
}

// BuildSetting is one key=value setting of the build (`-compiler`, `CGO_ENABLED`, `GOOS`,
// `vcs.revision`, ...).
type BuildSetting struct {
	Key, Value string
}

// ReadBuildInfo returns the build information embedded in the running binary, and whether
// there is any.
func ReadBuildInfo() (info *BuildInfo, ok bool) {
	data := modinfo()
	// The information sits between two 16-byte sentinels.
	if len(data) < 32 {
		return nil, false
	}
	bi, err := ParseBuildInfo(data[16 : len(data)-16])
	if err != nil {
		return nil, false
	}
	// The toolchain's version is stored apart from the rest.
	bi.GoVersion = runtime.Version()
	return bi, true
}

// mustQuoteKey and mustQuoteValue say when a setting's key or value is written quoted.
func mustQuoteKey(key string) bool {
	return key == "" || strings.ContainsAny(key, "= \t\r\n\"`")
}

func mustQuoteValue(value string) bool {
	return strings.ContainsAny(value, " \t\r\n\"`")
}

// String returns the information in the text form ParseBuildInfo reads, one line per item.
func (bi *BuildInfo) String() string {
	var b strings.Builder
	line := func(fields ...string) {
		b.WriteString(strings.Join(fields, "\t"))
		b.WriteByte('\n')
	}
	if bi.GoVersion != "" {
		line("go", bi.GoVersion)
	}
	if bi.Path != "" {
		line("path", bi.Path)
	}
	// A replaced module's line has no sum column; the replacement follows on a line of its
	// own, and Go's String then ends the entry with one empty line per replacement.
	module := func(word string, m *Module) {
		replaced := 0
		for ; m != nil; word, m = "=>", m.Replace {
			if m.Replace != nil {
				line(word, m.Path, m.Version)
				replaced++
			} else {
				line(word, m.Path, m.Version, m.Sum)
			}
		}
		b.WriteString(strings.Repeat("\n", replaced))
	}
	if bi.Main != (Module{}) {
		module("mod", &bi.Main)
	}
	for _, d := range bi.Deps {
		module("dep", d)
	}
	for _, s := range bi.Settings {
		k, v := s.Key, s.Value
		if mustQuoteKey(k) {
			k = strconv.Quote(k)
		}
		if mustQuoteValue(v) {
			v = strconv.Quote(v)
		}
		line("build", k+"="+v)
	}
	return b.String()
}

// buildInfoError is ParseBuildInfo's error: "could not parse Go build info: line N: ...",
// wrapping what was wrong.
type buildInfoError struct {
	line int
	err  error
}

func (e *buildInfoError) Error() string {
	return "could not parse Go build info: line " + strconv.Itoa(e.line) + ": " + e.err.Error()
}

func (e *buildInfoError) Unwrap() error { return e.err }

// ParseBuildInfo parses the text form of build information (BuildInfo.String's). A last
// line without a newline is ignored, as are lines of unknown kinds.
func ParseBuildInfo(data string) (*BuildInfo, error) {
	bi := new(BuildInfo)
	var last *Module // the module a `=>` line replaces
	for n := 1; ; n++ {
		line, rest, ok := strings.Cut(data, "\n")
		if !ok {
			return bi, nil
		}
		data = rest
		if err := bi.parseLine(line, &last); err != nil {
			return nil, &buildInfoError{line: n, err: err}
		}
	}
}

// parseLine adds one line's item to bi.
func (bi *BuildInfo) parseLine(line string, last **Module) error {
	kind, rest, ok := strings.Cut(line, "\t")
	if !ok {
		return nil
	}
	switch kind {
	case "path":
		bi.Path = rest
	case "mod", "dep":
		m, err := moduleColumns(strings.Split(rest, "\t"))
		if err != nil {
			return err
		}
		if kind == "mod" {
			bi.Main = m
			*last = &bi.Main
		} else {
			*last = &m
			bi.Deps = append(bi.Deps, &m)
		}
	case "=>":
		cols := strings.Split(rest, "\t")
		if len(cols) != 3 {
			return errors.New("expected 3 columns for replacement; got " + strconv.Itoa(len(cols)))
		}
		if *last == nil {
			return errors.New("replacement with no module on previous line")
		}
		(*last).Replace = &Module{Path: cols[0], Version: cols[1], Sum: cols[2]}
		*last = nil
	case "build":
		s, err := parseSetting(rest)
		if err != nil {
			return err
		}
		bi.Settings = append(bi.Settings, s)
	}
	return nil
}

// moduleColumns reads a `mod` or `dep` line's path, version and optional sum.
func moduleColumns(cols []string) (Module, error) {
	switch len(cols) {
	case 2:
		return Module{Path: cols[0], Version: cols[1]}, nil
	case 3:
		return Module{Path: cols[0], Version: cols[1], Sum: cols[2]}, nil
	}
	return Module{}, errors.New("expected 2 or 3 columns; got " + strconv.Itoa(len(cols)))
}

// parseSetting reads a `build` line's key=value, either side possibly quoted.
func parseSetting(kv string) (BuildSetting, error) {
	if kv == "" {
		return BuildSetting{}, errors.New("build line missing '='")
	}
	var key, raw string
	switch kv[0] {
	case '=':
		return BuildSetting{}, errors.New("build line with missing key")
	case '"', '`':
		quoted, err := strconv.QuotedPrefix(kv)
		if err != nil {
			return BuildSetting{}, errors.New("invalid quoted key in build line")
		}
		if len(quoted) == len(kv) {
			return BuildSetting{}, errors.New("build line missing '=' after quoted key")
		}
		if c := kv[len(quoted)]; c != '=' {
			return BuildSetting{}, errors.New("unexpected character after quoted key: " +
				strconv.QuoteRune(rune(c)))
		}
		key, _ = strconv.Unquote(quoted)
		raw = kv[len(quoted)+1:]
	default:
		var ok bool
		key, raw, ok = strings.Cut(kv, "=")
		if !ok {
			return BuildSetting{}, errors.New("build line missing '=' after key")
		}
		if mustQuoteKey(key) {
			return BuildSetting{}, errors.New("unquoted key " + strconv.Quote(key) +
				" must be quoted")
		}
	}
	value := raw
	if raw != "" && (raw[0] == '"' || raw[0] == '`') {
		v, err := strconv.Unquote(raw)
		if err != nil {
			return BuildSetting{}, errors.New("invalid quoted value in build line")
		}
		value = v
	} else if mustQuoteValue(raw) {
		return BuildSetting{}, errors.New("unquoted value " + strconv.Quote(raw) +
			" must be quoted")
	}
	return BuildSetting{Key: key, Value: value}, nil
}

//go:linkname modinfo runtime.debug_modinfo
func modinfo() string
