// The panic of a method wrapper called with a nil pointer.
//
// The compiler makes a wrapper pkg.(*T).M for every value method T.M, so that method tables
// and itabs, which pass the interface's data word (a *T), can call it. Called with a nil
// *T, Go's wrapper does not fault on the copy: it calls panicwrap, which names the method
// from the wrapper's own symbol and panics with a plain error (no "runtime error: " prefix).
// Go: runtime/error.go panicwrap; the message is Go 1.19's (plainError: map.go).

package runtime

import "unsafe"

// panicwrap reports a value method called through a nil pointer: its caller is the wrapper
// "pkg.(*T).M", and the message is "value method pkg.T.M called using nil *T pointer".
func panicwrap() {
	pc := callerpc(getfp())
	name := funcname(findfunc(pc - 1))
	pkg, typ, meth, ok := splitWrapperName(name)
	if !ok {
		throw("panicwrap: unexpected wrapper name " + name)
	}
	var v any = plainError("value method " + pkg + "." + typ + "." + meth + " called using nil *" + typ + " pointer")
	pv := *(*eface)(unsafe.Pointer(&v))
	gopanic(pv._type, pv.data, goframesRuntimeError)
}

// splitWrapperName splits "pkg.(*T).M" into its package, type and method names.
func splitWrapperName(name string) (string, string, string, bool) {
	open := -1
	for i := 0; i+2 < len(name); i++ {
		if name[i] == '.' && name[i+1] == '(' && name[i+2] == '*' {
			open = i
			break
		}
	}
	if open < 0 {
		return "", "", "", false
	}
	rest := name[open+3:]
	for i := 0; i+1 < len(rest); i++ {
		if rest[i] == ')' && rest[i+1] == '.' {
			return name[:open], rest[:i], rest[i+2:], true
		}
	}
	return "", "", "", false
}
