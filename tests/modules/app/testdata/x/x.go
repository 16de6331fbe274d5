package x

var v int = "testdata is never matched by ./..."
