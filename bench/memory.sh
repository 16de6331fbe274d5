#!/usr/bin/env bash
# Peak memory and time of a build per source byte (issue 9, defect 10): generates large
# programs of three shapes, builds each with tbuild and with `go build`, and prints the peak
# resident memory of each build (GNU time's %M; for go, its largest child, the compiler).
# Usage: [OLD=tbuild] bench/memory.sh [MB]   (default 10 MB; needs go and /usr/bin/time)
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-10}
old=${OLD:-}
cargo build --release -q
tb=$PWD/target/release/tbuild
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bytes=$((mb * 1000000))

# One function of `x = x + N` statements.
gen_one() {
  awk -v n="$bytes" 'BEGIN { print "package main\n\nfunc main() {\n\tx := 0"; s = 0
    for (i = 0; s < n; i++) { l = sprintf("\tx = x + %d", i % 97); print l; s += length(l) + 1 }
    print "\tprintln(x)\n}" }'
}
# Functions of 100 statements (an assignment and an if each).
gen_many() {
  awk -v n="$bytes" 'BEGIN { print "package main\n\nvar sink int\n"; s = 0
    for (f = 0; s < n; f++) {
      print "func f" f "(a, b int) int {\n\tx := a"
      for (i = 0; i < 100; i++) {
        l = sprintf("\tx = x*%d + b - %d\n\tif x > %d {\n\t\tx -= a\n\t}", i % 7 + 1, i, 1000 + i)
        print l; s += length(l) + 1
      }
      print "\treturn x\n}\n"
    }
    print "func main() {"
    for (i = 0; i < f; i += int(f / 100) + 1) print "\tsink += f" i "(1, 2)"
    print "\tprintln(sink)\n}" }'
}
# Locals: `vN := N; _ = vN` in one function.
gen_locals() {
  awk -v n="$bytes" 'BEGIN { print "package main\n\nfunc main() {"; s = 0
    for (i = 0; s < n; i++) { l = sprintf("\tv%d := %d\n\t_ = v%d", i, i, i); print l; s += length(l) + 1 }
    print "}" }'
}

measure() { # command... -> "peak_KB seconds"
  /usr/bin/time -o "$work/time" -f '%M %e' "$@" >/dev/null 2>&1
  tail -1 "$work/time"
}

printf '%-8s %10s %12s %12s %12s %8s\n' shape source_B tbuild_KB tbuild_s go_KB tb/go
for shape in one many locals; do
  d=$work/$shape
  mkdir -p "$d"
  "gen_$shape" >"$d/main.go"
  size=$(stat -c %s "$d/main.go")
  read -r tkb ts < <(measure "$tb" -o "$d/t" "$d/main.go")
  read -r gkb gs < <(cd "$d" && measure env GO111MODULE=off GOCACHE="$work/gocache" go build -o g main.go)
  printf '%-8s %10d %12d %12s %12d %8.2f\n' "$shape" "$size" "$tkb" "$ts" "$gkb" "$(echo "$tkb / $gkb" | bc -l)"
  if [ -n "$old" ]; then
    read -r okb os < <(measure "$old" -o "$d/o" "$d/main.go")
    printf '%-8s %10s %12d %12s  (old tbuild)\n' "" "" "$okb" "$os"
  fi
done
