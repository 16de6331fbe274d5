package tagged

import "C"

const OS = "cgo files are left out without cgo"
