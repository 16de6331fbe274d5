package main

import "fmt"

// Two goroutines write one map with no lock: Go's runtime stops the program with "fatal
// error: concurrent map writes" (or its read/write sibling) as soon as it sees both at once.
func main() {
	m := map[int]int{}
	done := make(chan bool)
	for w := 0; w < 2; w++ {
		go func(w int) {
			for i := 0; ; i++ {
				m[i%1000] = w
			}
		}(w)
	}
	<-done
	fmt.Println(len(m))
}
