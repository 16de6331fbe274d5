//go:build windows

package allwin
