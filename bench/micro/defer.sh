#!/usr/bin/env bash
# The defer microbenchmark (bench/micro/defer.src): builds it with tbuild and go, checks
# that both print the same, then runs `defer` and `plain` of both builds interleaved, RUNS
# times each, and prints the median user times, the cost of the defers (defer - plain, in
# nanoseconds per deferring call) for each toolchain and the ratio tbuild/go of that cost.
# Usage: bench/micro/defer.sh [RUNS]   (needs go)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-9}
source bench/micro/setup.sh defer
for mode in defer plain; do
  [ "$("$work/tb" $mode)" = "$("$work/go" $mode)" ] || { echo "$mode: tbuild and go differ" >&2; exit 1; }
done
for i in $(seq "$runs"); do
  for b in tb go; do
    for mode in defer plain; do
      /usr/bin/time -f %U -o "$work/t" "$work/$b" $mode >/dev/null
      cat "$work/t" >>"$work/$b.$mode"
    done
  done
done
median() { sort -n "$1" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# 50,000,000 iterations, each making two deferring calls.
calls=100000000
for b in tb go; do
  d=$(median "$work/$b.defer"); p=$(median "$work/$b.plain")
  ns=$(echo "scale=3; ($d - $p) * 1000000000 / $calls" | bc)
  printf '%-3s defer %6.2fs  plain %6.2fs  cost %6.3f ns/call\n' "$b" "$d" "$p" "$ns"
  eval "cost_$b=$ns"
done
echo "ratio tbuild/go: $(echo "scale=2; $cost_tb / $cost_go" | bc)"
