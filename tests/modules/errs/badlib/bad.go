package badlib

func F() int { return "not an int" }

func G() { undefined() }
