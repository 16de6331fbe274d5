package testmain

import (
	"flag"
	"fmt"
	"os"
	"testing"
)

var extra = flag.String("extra", "none", "an extra flag")

func TestMain(m *testing.M) {
	flag.Parse()
	Setup = "done"
	fmt.Println("setup, extra =", *extra, "short =", testing.Short())
	code := m.Run()
	fmt.Println("teardown, code", code)
	os.Exit(code)
}

func TestSetup(t *testing.T) {
	if Setup != "done" {
		t.Error("no setup")
	}
}

func TestFailsWhenAsked(t *testing.T) {
	if *extra == "fail" {
		t.Error("asked to fail")
	}
}
