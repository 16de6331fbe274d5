package user

import _ "example.com/gt/cyc"
