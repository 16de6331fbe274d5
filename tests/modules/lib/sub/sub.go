package sub

import "example.com/lib/internal/hidden"

func Name() string { return "sub of " + hidden.Name() }
