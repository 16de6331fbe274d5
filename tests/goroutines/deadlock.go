package main

func main() {
	c := make(chan int)
	go func() { c <- 1; c <- 2 }()
	<-c
	var nilc chan int
	nilc <- 1
}
