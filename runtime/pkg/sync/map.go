// Map: Go's concurrent map API (Load, Store, LoadOrStore, LoadAndDelete, Delete, Range) over
// one ordinary map guarded by a Mutex. Go's Map avoids the lock for keys that are only read
// (a read-only copy read atomically, sync/map.go); that matters with goroutines on many
// threads, which tbuild does not have yet, so this one takes the lock for every call, which
// is simple and, on one thread, never contended.
//
// Each key maps to an entry holding its value, so that Range can collect the entries under
// the lock and call f without it (f may call any method of the Map, as Go allows): a value
// stored for a collected key during the Range is what f sees, and a key deleted before f
// reaches it is skipped.
package sync

// A Map is a map[any]any safe for use by several goroutines at once. The zero Map is empty
// and ready to use. It must not be copied after first use. Keys must be comparable (a key
// of a dynamic type without == panics, as in a map).
type Map struct {
	mu      Mutex
	entries map[any]*mapEntry
}

// mapEntry is one key's value; live is false once the key is deleted.
type mapEntry struct {
	value any
	live  bool
}

// Load returns the value stored for key, and whether there is one.
func (m *Map) Load(key any) (value any, ok bool) {
	m.mu.Lock()
	e := m.entries[key]
	if e != nil {
		value, ok = e.value, true
	}
	m.mu.Unlock()
	return value, ok
}

// Store sets the value for key.
func (m *Map) Store(key, value any) {
	m.mu.Lock()
	m.set(key, value)
	m.mu.Unlock()
}

// set stores value for key; m.mu is held.
func (m *Map) set(key, value any) {
	if e := m.entries[key]; e != nil {
		e.value = value
		return
	}
	if m.entries == nil {
		m.entries = make(map[any]*mapEntry)
	}
	m.entries[key] = &mapEntry{value: value, live: true}
}

// LoadOrStore returns the value stored for key if there is one (loaded true); otherwise it
// stores value and returns it (loaded false).
func (m *Map) LoadOrStore(key, value any) (actual any, loaded bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if e := m.entries[key]; e != nil {
		return e.value, true
	}
	m.set(key, value)
	return value, false
}

// LoadAndDelete deletes the value for key and returns it, if there was one (loaded).
func (m *Map) LoadAndDelete(key any) (value any, loaded bool) {
	m.mu.Lock()
	e := m.entries[key]
	if e != nil {
		value, loaded = e.value, true
		e.live = false
		e.value = nil
		delete(m.entries, key)
	}
	m.mu.Unlock()
	return value, loaded
}

// Delete deletes the value for key.
func (m *Map) Delete(key any) {
	m.LoadAndDelete(key)
}

// Range calls f for each key and value, in an unspecified order, until f returns false.
// Range holds no lock while f runs; a key stored or deleted meanwhile may or may not be
// seen, and a value is the one stored when f is called for it.
func (m *Map) Range(f func(key, value any) bool) {
	m.mu.Lock()
	keys := make([]any, 0, len(m.entries))
	found := make([]*mapEntry, 0, len(m.entries))
	for k, e := range m.entries {
		keys = append(keys, k)
		found = append(found, e)
	}
	m.mu.Unlock()
	for i, e := range found {
		m.mu.Lock()
		value, live := e.value, e.live
		m.mu.Unlock()
		if live && !f(keys[i], value) {
			return
		}
	}
}
