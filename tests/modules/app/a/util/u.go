package util

type T struct{ A int }

func (t T) Name() string { return "a/util.T" }
