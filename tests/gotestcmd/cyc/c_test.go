package cyc

import (
	"testing"

	_ "example.com/gt/cyc/user"
)

func TestC(t *testing.T) {}
