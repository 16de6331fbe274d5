package cyc
