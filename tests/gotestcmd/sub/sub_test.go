package sub

import "testing"

func TestTree(t *testing.T) {
	for _, a := range []string{"x", "y"} {
		t.Run(a, func(t *testing.T) {
			for _, b := range []string{"one", "two", "one"} {
				t.Run(b, func(t *testing.T) {
					if t.Name() == "TestTree/y/one#01" {
						t.Error("dup fails")
					}
				})
			}
		})
	}
}

func TestSkips(t *testing.T) {
	t.Run("skip", func(t *testing.T) { t.Skip("not now", 1) })
	t.Run("skipf", func(t *testing.T) { t.Skipf("later %d", 2) })
	t.Run("skipnow", func(t *testing.T) { t.SkipNow(); t.Error("unreached") })
	t.Run("pass", func(t *testing.T) {})
	ok := t.Run("failnow", func(t *testing.T) { t.FailNow(); t.Error("unreached") })
	t.Log("failnow returned", ok)
}

func TestSkipped(t *testing.T) {
	t.Log("logged before skip")
	t.Skip()
}

func TestAfter(t *testing.T) {
	t.Log("runs after the failures")
}
