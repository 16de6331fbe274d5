package dots

import "strings"

// Quiet is declared in a file without the dot imports: ToLower is not in its scope.
func Quiet(s string) string { return strings.ToLower(s) }
