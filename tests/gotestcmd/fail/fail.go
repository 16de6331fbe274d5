package fail

func Half(x int) int { return x / 2 }
