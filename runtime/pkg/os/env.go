// The environment, kept by package syscall (Go: os/env.go), and Expand/ExpandEnv with Go's
// rules for $name, ${name} and the shell's one-character special names.

package os

import "syscall"

// Getenv returns the value of the variable key, "" when it is not set.
func Getenv(key string) string {
	v, _ := syscall.Getenv(key)
	return v
}

// LookupEnv returns the value of the variable key and whether it is set.
func LookupEnv(key string) (string, bool) { return syscall.Getenv(key) }

// Setenv sets the variable key to value.
func Setenv(key, value string) error {
	return NewSyscallError("setenv", syscall.Setenv(key, value))
}

// Unsetenv removes the variable key.
func Unsetenv(key string) error { return syscall.Unsetenv(key) }

// Clearenv removes every variable.
func Clearenv() { syscall.Clearenv() }

// Environ returns a copy of the environment as "key=value" strings.
func Environ() []string { return syscall.Environ() }

// ExpandEnv replaces $var and ${var} in s by the variables' values ("" when unset).
func ExpandEnv(s string) string { return Expand(s, Getenv) }

// Expand replaces $var and ${var} in s by mapping(var). A "$" that no name follows stays;
// a malformed "${...}" is dropped.
func Expand(s string, mapping func(string) string) string {
	var out []byte
	done := 0 // s[:done] is in out
	for i := 0; i < len(s); i++ {
		if s[i] != '$' || i+1 == len(s) {
			continue
		}
		if out == nil {
			out = make([]byte, 0, 2*len(s))
		}
		out = append(out, s[done:i]...)
		name, width := varName(s[i+1:])
		switch {
		case name != "":
			out = append(out, mapping(name)...)
		case width == 0:
			out = append(out, '$')
		}
		i += width
		done = i + 1
	}
	if out == nil {
		return s
	}
	return string(out) + s[done:]
}

// isSpecialVar reports whether c names one of the shell's special parameters.
func isSpecialVar(c byte) bool {
	return c == '*' || c == '#' || c == '$' || c == '@' || c == '!' || c == '?' || c == '-' ||
		('0' <= c && c <= '9')
}

func isNameByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// varName reads the name after a "$" (s is not empty): the name and how many bytes it
// takes. An empty name with a width is bad syntax to drop ("${}", an unclosed "${").
func varName(s string) (string, int) {
	if s[0] == '{' {
		if len(s) > 2 && isSpecialVar(s[1]) && s[2] == '}' {
			return s[1:2], 3
		}
		for i := 1; i < len(s); i++ {
			if s[i] == '}' {
				if i == 1 {
					return "", 2
				}
				return s[1:i], i + 1
			}
		}
		return "", 1
	}
	if isSpecialVar(s[0]) {
		return s[:1], 1
	}
	n := 0
	for n < len(s) && isNameByte(s[n]) {
		n++
	}
	return s[:n], n
}
