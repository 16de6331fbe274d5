package ext

// Double is exported for the external tests only.
var Double = double
