package tempdir

import (
	"os"
	"path/filepath"
	"testing"
)

var kept []string

func TestDirs(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if a == b {
		t.Error("same directory twice")
	}
	if err := os.WriteFile(filepath.Join(a, "f"), []byte("x"), 0o666); err != nil {
		t.Fatal(err)
	}
	t.Log(filepath.Base(a), filepath.Base(b))
	kept = append(kept, a, b)
	t.Setenv("TBUILD_GT_VAR", "set")
	t.Log("env:", os.Getenv("TBUILD_GT_VAR"))
}

func TestGone(t *testing.T) {
	for _, d := range kept {
		if _, err := os.Stat(d); !os.IsNotExist(err) {
			t.Errorf("%s still there: %v", filepath.Base(d), err)
		}
	}
	v, ok := os.LookupEnv("TBUILD_GT_VAR")
	t.Log("env after:", v, ok)
}

func TestWorkingDirectory(t *testing.T) {
	data, err := os.ReadFile("testdata/hello.txt")
	t.Log(string(data), err)
}
