package ext_test

import (
	"testing"

	"example.com/gt/ext"
	"example.com/gt/pass"
)

func TestQuad(t *testing.T) {
	if ext.Quad(pass.Sum(1, 1)) != 8 || ext.Double(3) != 6 {
		t.Error("wrong")
	}
	t.Log("external")
}
