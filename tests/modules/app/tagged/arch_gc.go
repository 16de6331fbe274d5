//go:build gc && amd64

package tagged

const Arch = "amd64"
