#!/usr/bin/env bash
# The benchmark suite: builds every bench/*.src with tbuild and with `go build` on the same
# machine, checks that both print the same, and prints per program the run-time ratio
# tbuild/go (median of RUNS runs each), the binary sizes and the build times.
# Usage: bench/run.sh [RUNS]   (needs go; builds tbuild in release mode)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
cargo build --release -q
tb=$PWD/target/release/tbuild
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
now() { date +%s.%N; }
time_cmd() { local s e; s=$(now); "$@" >/dev/null 2>&1; e=$(now); echo "$e - $s" | bc; }

printf '%-10s %9s %9s %7s %10s %10s %9s %9s\n' program tbuild_s go_s ratio tbuild_KB go_KB tb_build go_build
ratios=()
for src in bench/*.src; do
  name=$(basename "$src" .src)
  mkdir -p "$work/$name"
  cp "$src" "$work/$name/main.go"
  tb_build=$(time_cmd "$tb" -o "$work/$name/tb" "$src")
  go_build=$( (cd "$work/$name" && time_cmd env GO111MODULE=off go build -o go main.go) )
  if ! diff <("$work/$name/tb" 2>&1) <("$work/$name/go" 2>&1) >/dev/null; then
    echo "$name: tbuild and go disagree" >&2
    exit 1
  fi
  t_tb=$(for _ in $(seq "$runs"); do time_cmd "$work/$name/tb"; done | median)
  t_go=$(for _ in $(seq "$runs"); do time_cmd "$work/$name/go"; done | median)
  ratio=$(echo "scale=3; $t_tb / $t_go" | bc)
  ratios+=("$ratio")
  printf '%-10s %9.3f %9.3f %7.2f %10d %10d %9.3f %9.3f\n' "$name" "$t_tb" "$t_go" "$ratio" \
    $(( $(stat -c %s "$work/$name/tb") / 1024 )) $(( $(stat -c %s "$work/$name/go") / 1024 )) "$tb_build" "$go_build"
done
geo=$(printf '%s\n' "${ratios[@]}" | awk '{s+=log($1)} END {printf "%.3f", exp(s/NR)}')
echo "geometric mean run-time ratio tbuild/go: $geo"
