// +build ignore

package tagged

const OS = "ignored by the old syntax"
