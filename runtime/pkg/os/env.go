// Reading the environment: the "key=value" strings the process started with, as package
// syscall keeps them for Go's os (syscall/env_unix.go): the first of several entries with
// one key is the one that counts, and the later ones are left out of Environ. Setting and
// unsetting variables are not supported yet.

package os

import (
	"sync"
	"unsafe"
)

// //go:linkname needs the import of unsafe in its file (see proc.go).
var _ = unsafe.Sizeof(uintptr(0))

// environ is the environment with duplicate keys blanked; index maps each key to its entry.
// Both are made on first use.
var (
	environ []string
	index   map[string]int
)

// runtime_envs returns a copy of the process's environment, made by the runtime.
//
//go:linkname runtime_envs runtime.os_runtime_envs
func runtime_envs() []string

// envOnce makes the table once, whichever goroutine asks first.
var envOnce sync.Once

func loadEnv() {
	envOnce.Do(makeEnvIndex)
}

func makeEnvIndex() {
	environ = runtime_envs()
	index = make(map[string]int)
	for i, kv := range environ {
		for j := 0; j < len(kv); j++ {
			if kv[j] != '=' {
				continue
			}
			if _, seen := index[kv[:j]]; seen {
				environ[i] = ""
			} else {
				index[kv[:j]] = i
			}
			break
		}
	}
}

// LookupEnv returns the value of the environment variable named by key and true, or "" and
// false when it is not set (a variable set to "" gives "" and true).
func LookupEnv(key string) (string, bool) {
	loadEnv()
	if key == "" {
		return "", false
	}
	i, ok := index[key]
	if !ok {
		return "", false
	}
	kv := environ[i]
	return kv[len(key)+1:], true
}

// Getenv returns the value of the environment variable named by key, "" when it is not set.
func Getenv(key string) string {
	v, _ := LookupEnv(key)
	return v
}

// Environ returns a copy of the environment as "key=value" strings.
func Environ() []string {
	loadEnv()
	out := make([]string, 0, len(environ))
	for _, kv := range environ {
		if kv != "" {
			out = append(out, kv)
		}
	}
	return out
}
