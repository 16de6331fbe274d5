package cyc2

import _ "example.com/errs/cyc1"
