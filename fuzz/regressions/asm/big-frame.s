TEXT errors(SB), $0x7fffffff
