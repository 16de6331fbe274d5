package allocs

import (
	"fmt"
	"testing"
)

func TestAllocsPerRun(t *testing.T) {
	kept := testing.AllocsPerRun(100, Kept)
	local := testing.AllocsPerRun(100, func() { _ = Local() })
	three := testing.AllocsPerRun(10, Three)
	boxes := testing.AllocsPerRun(100, Boxes)
	fmt.Println("kept", kept, "local", local, "three", three, "boxes", boxes)
	if kept != 1 || local != 0 || three != 3 || boxes != 2 {
		t.Errorf("AllocsPerRun: kept %v, local %v, three %v, boxes %v", kept, local, three, boxes)
	}
}
