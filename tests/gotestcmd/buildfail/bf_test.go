package buildfail

import "testing"

func TestB(t *testing.T) { undefinedName() }
