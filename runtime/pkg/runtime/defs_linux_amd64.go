// Linux/amd64 constants. Go: runtime/defs_linux_amd64.go (values from the kernel headers).

package runtime

const (
	_EINTR  = 0x4
	_EAGAIN = 0xb
	_ENOMEM = 0xc

	_PROT_NONE  = 0x0
	_PROT_READ  = 0x1
	_PROT_WRITE = 0x2

	_MAP_PRIVATE   = 0x2
	_MAP_FIXED     = 0x10
	_MAP_ANON      = 0x20
	_MAP_NORESERVE = 0x4000
)
