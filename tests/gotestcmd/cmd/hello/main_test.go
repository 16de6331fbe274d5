package main

import "testing"

func TestGreeting(t *testing.T) {
	if g := greeting("x"); g != "hello, x" {
		t.Error(g)
	}
	t.Log(greeting("test"))
}
