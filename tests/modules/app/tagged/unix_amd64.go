//go:build unix

package tagged

const Unix = true
