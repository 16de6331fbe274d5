// Run with SIGINT ignored (as under nohup): the runtime keeps it ignored, signal.Ignored
// says so, Notify takes it anyway, and after Stop it is ignored again.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	pid := os.Getpid()
	fmt.Println("ignored at start:", signal.Ignored(syscall.SIGINT))
	syscall.Kill(pid, syscall.SIGINT)
	time.Sleep(10 * time.Millisecond)
	fmt.Println("survived SIGINT")
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGINT)
	fmt.Println("ignored after Notify:", signal.Ignored(syscall.SIGINT))
	syscall.Kill(pid, syscall.SIGINT)
	fmt.Println("got", <-c)
	signal.Stop(c)
	syscall.Kill(pid, syscall.SIGINT)
	time.Sleep(10 * time.Millisecond)
	fmt.Println("survived SIGINT after Stop")
	syscall.Kill(pid, syscall.SIGTERM)
	time.Sleep(time.Second)
}
