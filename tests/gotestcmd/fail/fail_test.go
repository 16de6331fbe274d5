package fail

import (
	"errors"
	"testing"
)

func check(t *testing.T, got, want int) {
	t.Helper()
	if got != want {
		t.Errorf("got %d, want %d", got, want)
	}
}

func checkTwice(t *testing.T, got, want int) {
	t.Helper()
	check(t, got, want)
	check(t, got+1, want)
}

func notHelper(t *testing.T) {
	t.Error("reported at notHelper's line")
}

func TestHalf(t *testing.T) {
	check(t, Half(4), 2)
	check(t, Half(5), 3)
	checkTwice(t, Half(6), 3)
	notHelper(t)
}

func TestFatal(t *testing.T) {
	t.Log("before")
	t.Fatal("stop", 1, errors.New("here"))
	t.Log("not reached")
}

func TestOrder(t *testing.T) {
	t.Cleanup(func() { t.Log("cleanup 1 runs last") })
	t.Cleanup(func() { t.Log("cleanup 2 runs first") })
	t.Run("inner", func(t *testing.T) {
		t.Cleanup(func() { t.Log("inner cleanup") })
		t.Error("inner fails")
	})
	t.Log("after inner, failed:", t.Failed())
}

func TestPasses(t *testing.T) {}

func TestMultiline(t *testing.T) {
	t.Errorf("first\nsecond\n\nfourth\n")
}
