// Package oserror holds the portable file-system errors that io/fs exports and that
// syscall's Errno.Is matches, so that neither of those packages has to import the other.
// Go: internal/oserror/errors.go (the texts are Go's).
package oserror

import "errors"

var (
	ErrInvalid    = errors.New("invalid argument")
	ErrPermission = errors.New("permission denied")
	ErrExist      = errors.New("file already exists")
	ErrNotExist   = errors.New("file does not exist")
	ErrClosed     = errors.New("file already closed")
)
