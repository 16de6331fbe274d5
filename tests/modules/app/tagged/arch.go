//go:build amd64 && go1.18 && !gc

// tbuild is not gc: this file is its, arch_gc.go go's (both say the same, so that their
// outputs compare; building both or neither would not compile).
package tagged

const Arch = "amd64"
