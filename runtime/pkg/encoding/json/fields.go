// Package json: fields.go works out which fields of a struct type take part in encoding and
// decoding, and under which names. The rules are Go's, as encoding/json documents them:
// exported fields (and the fields of embedded structs, exported or not) are candidates; a tag
// `json:"name,opts"` renames a field ("-" drops it; a name of letters, digits and
// !#$%&()*+-./:;<=>?@[]^_{|}~ and space is kept, anything else falls back to the Go name);
// embedded structs without a tag name promote their fields; among fields that share a name
// the shallowest wins, a tagged one beats untagged ones at that depth, and any other tie
// drops the name altogether. An embedded struct type met a second time is not entered again.
package json

import (
	"reflect"
	"sort"
	"strings"
	"sync"
	"unicode"
)

type fieldInfo struct {
	name      string
	tagged    bool
	index     []int
	typ       reflect.Type
	omitEmpty bool
	quoted    bool
}

type fieldList struct {
	list   []fieldInfo
	byName map[string]int
}

var fieldCache struct {
	sync.Mutex
	m map[reflect.Type]*fieldList
}

func structFields(t reflect.Type) *fieldList {
	fieldCache.Lock()
	if fl, ok := fieldCache.m[t]; ok {
		fieldCache.Unlock()
		return fl
	}
	fieldCache.Unlock()
	fl := computeFields(t)
	fieldCache.Lock()
	if fieldCache.m == nil {
		fieldCache.m = make(map[reflect.Type]*fieldList)
	}
	fieldCache.m[t] = fl
	fieldCache.Unlock()
	return fl
}

func validTagName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", r) {
			continue
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// splitTag returns a tag's name and whether its comma-separated options include each of
// omitempty and string.
func splitTag(tag string) (name string, omit, str bool) {
	name = tag
	rest := ""
	if i := strings.IndexByte(tag, ','); i >= 0 {
		name, rest = tag[:i], tag[i+1:]
	}
	for rest != "" {
		opt := rest
		if i := strings.IndexByte(rest, ','); i >= 0 {
			opt, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		switch opt {
		case "omitempty":
			omit = true
		case "string":
			str = true
		}
	}
	return
}

type embedded struct {
	typ   reflect.Type
	index []int
}

func computeFields(t reflect.Type) *fieldList {
	var found []fieldInfo
	level := []embedded{{typ: t}}
	seen := map[reflect.Type]bool{}
	// How often each struct type is embedded at this depth: a type met twice yields its
	// fields twice, so that they cancel out below.
	here := map[reflect.Type]int{}
	for len(level) > 0 {
		var next []embedded
		queued := map[reflect.Type]int{}
		for _, e := range level {
			if seen[e.typ] {
				continue
			}
			seen[e.typ] = true
			for i := 0; i < e.typ.NumField(); i++ {
				sf := e.typ.Field(i)
				if sf.Anonymous {
					et := sf.Type
					if et.Kind() == reflect.Pointer {
						et = et.Elem()
					}
					if !sf.IsExported() && et.Kind() != reflect.Struct {
						continue
					}
				} else if !sf.IsExported() {
					continue
				}
				tag := sf.Tag.Get("json")
				if tag == "-" {
					continue
				}
				name, omit, str := splitTag(tag)
				if !validTagName(name) {
					name = ""
				}
				index := make([]int, len(e.index)+1)
				copy(index, e.index)
				index[len(e.index)] = i
				ft := sf.Type
				if ft.Name() == "" && ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if name == "" && sf.Anonymous && ft.Kind() == reflect.Struct {
					queued[ft]++
					if queued[ft] == 1 {
						next = append(next, embedded{typ: ft, index: index})
					}
					continue
				}
				quoted := false
				if str {
					switch ft.Kind() {
					case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
						reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
						reflect.Float32, reflect.Float64, reflect.String:
						quoted = true
					}
				}
				f := fieldInfo{name: name, tagged: name != "", index: index, typ: ft, omitEmpty: omit, quoted: quoted}
				if f.name == "" {
					f.name = sf.Name
				}
				found = append(found, f)
				if here[e.typ] > 1 {
					found = append(found, f)
				}
			}
		}
		level, here = next, queued
	}

	sort.SliceStable(found, func(i, j int) bool {
		a, b := found[i], found[j]
		if a.name != b.name {
			return a.name < b.name
		}
		if len(a.index) != len(b.index) {
			return len(a.index) < len(b.index)
		}
		if a.tagged != b.tagged {
			return a.tagged
		}
		return indexLess(a.index, b.index)
	})
	var kept []fieldInfo
	for i := 0; i < len(found); {
		j := i + 1
		for j < len(found) && found[j].name == found[i].name {
			j++
		}
		// found[i] is the best candidate; a second one as deep and as tagged is a tie.
		if j-i == 1 || len(found[i].index) != len(found[i+1].index) || found[i].tagged != found[i+1].tagged {
			kept = append(kept, found[i])
		}
		i = j
	}
	sort.Slice(kept, func(i, j int) bool { return indexLess(kept[i].index, kept[j].index) })
	fl := &fieldList{list: kept, byName: map[string]int{}}
	for i, f := range kept {
		fl.byName[f.name] = i
	}
	return fl
}

func indexLess(a, b []int) bool {
	for k := 0; k < len(a) && k < len(b); k++ {
		if a[k] != b[k] {
			return a[k] < b[k]
		}
	}
	return len(a) < len(b)
}
