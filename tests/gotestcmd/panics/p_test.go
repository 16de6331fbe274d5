package panics

import "testing"

func TestOK(t *testing.T) {}

func TestPanics(t *testing.T) {
	t.Log("logged first")
	t.Run("inner", func(t *testing.T) {
		var m map[string]int
		m["x"] = 1
	})
}

func TestNeverRuns(t *testing.T) {}
