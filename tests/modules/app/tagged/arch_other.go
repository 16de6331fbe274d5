//go:build !amd64

package tagged

const Arch = "other"
