package testing

// Examples: each example whose name -test.run matches (the whole pattern, not split at
// slashes) runs with os.Stdout redirected to a pipe; what it printed, trimmed of space at
// both ends, must be its `// Output:` text, or the same lines in any order for
// `// Unordered output:`.

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"
)

func runExamples(examples []InternalExample) (ran, ok bool) {
	ok = true
	var filter *reNode
	if *flagRun != "" {
		n, err := compileRegexp(*flagRun)
		if err != nil {
			fmt.Fprintf(os.Stderr, "testing: invalid regexp for -test.run: %s\n", err)
			os.Exit(1)
		}
		filter = n
	}
	for _, eg := range examples {
		if filter != nil && !filter.search(eg.Name) {
			continue
		}
		ran = true
		if passed := runExample(eg); !passed {
			ok = false
		}
	}
	return ran, ok
}

func sortedLines(s string) string {
	parts := strings.Split(s, "\n")
	sort.Strings(parts)
	return strings.Join(parts, "\n")
}

func runExample(eg InternalExample) (ok bool) {
	if *flagVerbose {
		fmt.Println("=== RUN   " + eg.Name)
	}
	saved := os.Stdout
	pr, pw, perr := os.Pipe()
	if perr != nil {
		fmt.Fprintln(os.Stderr, perr.Error())
		os.Exit(1)
	}
	os.Stdout = pw
	printed := make(chan string)
	go func() {
		data, rerr := io.ReadAll(pr)
		pr.Close()
		if rerr != nil {
			fmt.Fprintf(os.Stderr, "testing: copying pipe: %v\n", rerr)
			os.Exit(1)
		}
		printed <- string(data)
	}()
	returned := false
	start := time.Now()
	defer func() {
		took := time.Since(start)
		pw.Close()
		os.Stdout = saved
		out := <-printed
		problem := recover()
		ok = true
		var diff string
		got, want := strings.TrimSpace(out), strings.TrimSpace(eg.Output)
		if problem == nil {
			if eg.Unordered {
				if sortedLines(got) != sortedLines(want) {
					diff = fmt.Sprintf("got:\n%s\nwant (unordered):\n%s\n", out, eg.Output)
				}
			} else if got != want {
				diff = fmt.Sprintf("got:\n%s\nwant:\n%s\n", got, want)
			}
		}
		if diff != "" || !returned || problem != nil {
			fmt.Printf("--- FAIL: %s (%s)\n%s", eg.Name, seconds(took), diff)
			ok = false
		} else if *flagVerbose {
			fmt.Printf("--- PASS: %s (%s)\n", eg.Name, seconds(took))
		}
		if problem != nil {
			panic(problem)
		}
		if !returned {
			panic(errGoexit)
		}
	}()
	eg.F()
	returned = true
	return
}
