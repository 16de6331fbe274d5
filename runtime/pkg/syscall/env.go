// The process's environment, as Go's syscall keeps it for package os (syscall/env_unix.go):
// a table of "key=value" strings made on first use from the runtime's copy, in which the
// first of several entries with one key is the one that counts (later ones are blanked,
// and left out of Environ), with an index from each key to its entry.

package syscall

import (
	"sync"
	"unsafe"
)

// //go:linkname needs the import of unsafe in its file.
var _ = unsafe.Sizeof(uintptr(0))

// runtime_envs returns a copy of the process's environment, made by the runtime.
//
//go:linkname runtime_envs runtime.os_runtime_envs
func runtime_envs() []string

var (
	envOnce sync.Once
	envLock sync.RWMutex
	// envTable holds the entries; "" marks a removed or shadowed one.
	envTable []string
	// envIndex maps each key to its entry's place in envTable.
	envIndex map[string]int
)

func loadEnv() {
	envTable = runtime_envs()
	envIndex = make(map[string]int)
	for i, kv := range envTable {
		eq := indexByte(kv, '=')
		if eq < 0 {
			continue
		}
		if _, dup := envIndex[kv[:eq]]; dup {
			envTable[i] = ""
			continue
		}
		envIndex[kv[:eq]] = i
	}
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// Getenv returns the value of the variable named key and whether it is set.
func Getenv(key string) (value string, found bool) {
	envOnce.Do(loadEnv)
	if len(key) == 0 {
		return "", false
	}
	envLock.RLock()
	defer envLock.RUnlock()
	i, ok := envIndex[key]
	if !ok {
		return "", false
	}
	kv := envTable[i]
	return kv[len(key)+1:], true
}

// Setenv sets the variable named key to value. A key that is empty or holds '=' or NUL, or
// a value holding NUL, is EINVAL.
func Setenv(key, value string) error {
	envOnce.Do(loadEnv)
	if len(key) == 0 || indexByte(key, '=') >= 0 || indexByte(key, 0) >= 0 {
		return EINVAL
	}
	if indexByte(value, 0) >= 0 {
		return EINVAL
	}
	envLock.Lock()
	defer envLock.Unlock()
	kv := key + "=" + value
	if i, ok := envIndex[key]; ok {
		envTable[i] = kv
	} else {
		envIndex[key] = len(envTable)
		envTable = append(envTable, kv)
	}
	return nil
}

// Unsetenv removes the variable named key, if it is set.
func Unsetenv(key string) error {
	envOnce.Do(loadEnv)
	envLock.Lock()
	defer envLock.Unlock()
	if i, ok := envIndex[key]; ok {
		envTable[i] = ""
		delete(envIndex, key)
	}
	return nil
}

// Clearenv removes every variable.
func Clearenv() {
	envOnce.Do(loadEnv)
	envLock.Lock()
	defer envLock.Unlock()
	envTable = nil
	envIndex = make(map[string]int)
}

// Environ returns a copy of the environment as "key=value" strings, in the order the
// variables were first set.
func Environ() []string {
	envOnce.Do(loadEnv)
	envLock.RLock()
	defer envLock.RUnlock()
	out := make([]string, 0, len(envTable))
	for _, kv := range envTable {
		if kv != "" {
			out = append(out, kv)
		}
	}
	return out
}
