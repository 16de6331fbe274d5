package main

import (
	"fmt"
	"os"
)

// With stdout a pipe whose reader has gone, the first Println ends the program by SIGPIPE;
// a write to another broken pipe only fails with EPIPE. The test closes stdout's reader.
func main() {
	r, w, _ := os.Pipe()
	r.Close()
	_, err := w.Write([]byte("x"))
	fmt.Fprintln(os.Stderr, "other pipe:", err)
	for i := 0; i < 1000000; i++ {
		fmt.Println("line", i)
	}
	fmt.Fprintln(os.Stderr, "not reached")
}
