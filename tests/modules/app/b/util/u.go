package util

type T struct{ B string }

func (t T) Name() string { return "b/util.T" }
