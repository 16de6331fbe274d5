package skipall

import "testing"

func TestS(t *testing.T) { t.Skip("skipped") }
