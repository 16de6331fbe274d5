#!/usr/bin/env bash
# The concurrency stress target (issue 11), run by hand, not in CI: builds every concurrency
# program of the corpus (chan_*, go_*, select_*, gor_*, sync_*, time_*) with tbuild, then
# runs them ROUNDS times each with GOMAXPROCS drawn at random from 1..8, comparing stdout and
# the exit status with the goldens go produced (stderr only when the golden is empty, since
# tracebacks name goroutines by ID and address). Prints each failure and a summary.
# Usage: tests/stress.sh [ROUNDS] [PATTERN]   (needs target/release/tbuild)
set -uo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-10}
pattern=${2:-'^(chan|go|select|gor|sync|time)_'}
tb=${TBUILD:-$PWD/target/release/tbuild}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
progs=()
for src in tests/corpus/*.src; do
  name=$(basename "$src" .src)
  [[ $name =~ $pattern ]] || continue
  "$tb" -o "$work/$name" "$src" 2>"$work/$name.build" || { echo "BUILD FAIL $name"; cat "$work/$name.build"; continue; }
  progs+=("$name")
done
runs=0 fails=0
for ((r = 0; r < rounds; r++)); do
  for name in "${progs[@]}"; do
    procs=$((RANDOM % 8 + 1))
    (cd tests/corpus && GOMAXPROCS=$procs timeout 20 "$work/$name" >"$work/out" 2>"$work/err" </dev/null)
    status=$?
    runs=$((runs + 1))
    want=$(cat "tests/corpus/$name.exit" 2>/dev/null || echo 0)
    if [ "$status" != "$want" ] || ! cmp -s "$work/out" "tests/corpus/$name.stdout" ||
       { [ ! -s "tests/corpus/$name.stderr" ] && [ -s "$work/err" ]; }; then
      fails=$((fails + 1))
      echo "FAIL $name GOMAXPROCS=$procs exit=$status want=$want"
      head -c 600 "$work/err"; echo
    fi
  done
done
echo "stress: $runs runs of ${#progs[@]} programs, $fails failures"
[ "$fails" = 0 ]
